#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
//! Each rule against a base application that passes: every ground of п. 58,
//! every case of п. 1, п. 4 and п. 32, and deadlines across holidays.

use chrono::NaiveDate;
use gtn_rules::decision::{Ground, Outcome};
use gtn_rules::{evaluate, Application, Calendar, DeadlineKind, Decision};
use serde_json::{json, Value};

/// A change to the base application.
type Edit = Box<dyn Fn(&mut Value)>;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn base() -> Value {
    json!({
        "action": {"kind": "registration"},
        "submitted": "2025-12-30",
        "obligation_from": "2025-12-25",
        "machine": {"engine_cm3": 4750},
        "owner": {"kind": "russian_organisation"},
        "documents": {
            "identity": {"presented": true},
            "ownership": {"presented": true},
            "passport": {"kind": "electronic", "active": true, "fee_mark": "paid"}
        },
        "office": {"inspection": {"date": "2025-12-29"}}
    })
}

fn run(v: &Value, today: &str) -> Decision {
    let app: Application = serde_json::from_value(v.clone()).unwrap();
    evaluate(&app, d(today), &Calendar::builtin()).unwrap()
}

fn with(edit: impl FnOnce(&mut Value)) -> Decision {
    let mut v = base();
    edit(&mut v);
    run(&v, "2025-12-30")
}

fn grounds(x: &Decision) -> Vec<Ground> {
    x.grounds.iter().map(|g| g.ground).collect()
}

#[test]
fn base_proceeds() {
    let x = with(|_| {});
    assert_eq!(x.outcome, Outcome::Proceed, "{x:#?}");
    assert!(x.grounds.is_empty());
}

#[test]
fn every_ground_of_point_58_alone() {
    let cases: Vec<(Ground, Edit)> = vec![
        (
            Ground::NotSubject,
            Box::new(|v| v["machine"]["assembled_from_parts"] = json!(true)),
        ),
        (
            Ground::MissingDocuments,
            Box::new(|v| v["documents"]["ownership"] = json!({})),
        ),
        (
            Ground::NonConformingDocuments,
            Box::new(|v| v["documents"]["copies_instead_of_originals"] = json!(["договор"])),
        ),
        (
            Ground::ExpiredDocuments,
            Box::new(|v| v["documents"]["identity"]["valid_until"] = json!("2025-12-29")),
        ),
        (
            Ground::ContradictoryInformation,
            Box::new(|v| v["office"]["contradictions"] = json!(["год выпуска"])),
        ),
        (
            Ground::Bans,
            Box::new(|v| v["office"]["bans"] = json!(["арест"])),
        ),
        (
            Ground::InspectionMismatch,
            Box::new(|v| v["office"]["inspection"]["mismatches"] = json!(["номер двигателя"])),
        ),
        (
            Ground::NotDeregistered,
            Box::new(|v| v["office"]["registered_not_deregistered"] = json!(true)),
        ),
        (
            Ground::PaperPassportFee,
            Box::new(|v| {
                v["documents"]["passport"] = json!({"kind": "paper", "fee_mark": "missing"})
            }),
        ),
        (
            Ground::ElectronicPassportFee,
            Box::new(|v| v["documents"]["passport"]["fee_mark"] = json!("missing")),
        ),
    ];
    assert_eq!(cases.len(), Ground::ALL.len());
    for (g, edit) in cases {
        let x = with(|v| edit(v));
        assert_eq!(grounds(&x), vec![g], "{g:?}: {x:#?}");
        let want = if g == Ground::NotSubject {
            Outcome::NotSubject
        } else {
            Outcome::Refuse
        };
        assert_eq!(x.outcome, want);
        let notice = x.notice.unwrap();
        assert!(
            notice.contains(&format!("абзац {} пункта 58", g.paragraph())),
            "{notice}"
        );
    }
}

#[test]
fn all_grounds_are_listed_not_just_the_first() {
    let x = with(|v| {
        v["documents"]["ownership"] = json!({});
        v["office"]["bans"] = json!(["арест"]);
        v["documents"]["passport"]["fee_mark"] = json!("missing");
    });
    assert_eq!(
        grounds(&x),
        vec![
            Ground::MissingDocuments,
            Ground::Bans,
            Ground::ElectronicPassportFee
        ]
    );
}

#[test]
fn scope_of_point_1() {
    let not = |m: Value| with(|v| v["machine"] = m).outcome == Outcome::NotSubject;
    assert!(not(json!({"engine_cm3": 50})));
    assert!(!not(json!({"engine_cm3": 50.5})));
    assert!(not(json!({"electric_kw": 4})));
    assert!(!not(json!({"electric_kw": 4.5})));
    assert!(
        !not(json!({"trailer": true})),
        "trailers of machines are registered"
    );
    assert!(not(
        json!({"engine_cm3": 1600, "road_category_lmn": true, "power_kw": 70})
    ));
    assert!(not(
        json!({"electric_kw": 3, "road_category_lmn": true, "max_speed_kmh": 60})
    ));
    assert!(!not(
        json!({"engine_cm3": 800, "road_category_lmn": true, "power_kw": 4, "max_speed_kmh": 45})
    ));
    assert!(not(json!({"engine_cm3": 12000, "military": true})));
    // Unknown engine: information is missing, not a guess.
    let x = with(|v| v["machine"] = json!({}));
    assert_eq!(grounds(&x), vec![Ground::MissingDocuments]);
}

#[test]
fn every_exclusion_of_point_4() {
    for (m, cite) in [
        (
            json!({"engine_cm3": 900, "assembled_from_parts": true}),
            "п. 4, абз. 3",
        ),
        (
            json!({"engine_cm3": 900, "temporary_import_months": 6}),
            "п. 4, абз. 4",
        ),
        (
            json!({"engine_cm3": 900, "trade_goods": true}),
            "п. 4, абз. 4",
        ),
        (
            json!({"engine_cm3": 900, "test_sample": "off_road"}),
            "п. 4, абз. 6",
        ),
    ] {
        let x = with(|v| v["machine"] = m.clone());
        assert_eq!(x.outcome, Outcome::NotSubject, "{m}");
        assert_eq!(x.grounds[0].facts[0].cite, cite);
    }
    // Over 6 months is registered, with the import document.
    let x = with(|v| {
        v["machine"] = json!({"engine_cm3": 900, "temporary_import_months": 12, "temporary_import_until": "2026-11-30"});
        v["documents"]["temporary_import_document"] = json!({"presented": true});
    });
    assert_eq!(x.outcome, Outcome::Proceed, "{x:#?}");
    assert_eq!(x.limited_term.unwrap().until, d("2026-11-30"));
    let x = with(|v| v["machine"] = json!({"engine_cm3": 900, "temporary_import_months": 12}));
    assert_eq!(grounds(&x), vec![Ground::MissingDocuments]);
}

#[test]
fn every_limited_term_of_point_32_and_termination_of_point_33() {
    let citizen = |extra: Value| {
        let mut o = json!({"kind": "citizen", "birth_date": "1980-01-01"});
        for (k, val) in extra.as_object().unwrap() {
            o[k] = val.clone();
        }
        o
    };
    let cases: Vec<(Edit, &str, &str)> = vec![
        (
            Box::new(move |v| v["owner"] = citizen(json!({"stay_until": "2026-06-30"}))),
            "2026-06-30",
            "абз. 2",
        ),
        (
            Box::new(|v| {
                v["documents"]["leasing_agreement"] =
                    json!({"presented": true, "valid_until": "2027-01-31"})
            }),
            "2027-01-31",
            "абз. 3",
        ),
        (
            Box::new(move |v| {
                v["owner"] =
                    citizen(json!({"foreign": true, "diplomatic_card_until": "2026-09-01"}))
            }),
            "2026-09-01",
            "абз. 4",
        ),
        (
            Box::new(move |v| {
                v["owner"] = citizen(json!({"foreign": true, "stay_until": "2026-03-01"}))
            }),
            "2026-03-01",
            "абз. 5",
        ),
        (
            Box::new(move |v| {
                v["owner"] = citizen(json!({"foreign": true, "residence_until": "2029-05-05"}))
            }),
            "2029-05-05",
            "абз. 6",
        ),
        (
            Box::new(|v| {
                v["owner"] =
                    json!({"kind": "foreign_organisation", "accreditation_until": "2027-12-31"})
            }),
            "2027-12-31",
            "абз. 7",
        ),
        (
            Box::new(|v| {
                v["machine"] = json!({"engine_cm3": 900, "temporary_import_months": 9, "temporary_import_until": "2026-09-30"});
                v["documents"]["temporary_import_document"] = json!({"presented": true});
            }),
            "2026-09-30",
            "абз. 8",
        ),
        (
            Box::new(|v| v["documents"]["permits_until"] = json!("2026-04-30")),
            "2026-04-30",
            "абз. 9",
        ),
        (
            Box::new(move |v| {
                v["owner"] = citizen(json!({"birth_date": "2012-02-29", "through_guardian": true}))
            }),
            "2028-02-28",
            "абз. 10",
        ),
        (
            Box::new(|v| {
                v["action"] = json!({"kind": "test_registration"});
                v["machine"] = json!({"engine_cm3": 900, "test_sample": "public_roads", "test_programme_until": "2028-01-01"});
                v["documents"]["test_programme"] = json!({"presented": true});
            }),
            // ГК РФ, ст. 192: one year from 30.12.2025 ends on 30.12.2026.
            "2026-12-30",
            "абз. 11",
        ),
    ];
    for (edit, until, abz) in cases {
        let x = with(|v| edit(v));
        assert_eq!(x.outcome, Outcome::Proceed, "{abz}: {x:#?}");
        let t = x
            .limited_term
            .unwrap_or_else(|| panic!("{abz}: no limited term"));
        assert_eq!(t.until, d(until), "{abz}");
        assert_eq!(t.terminates, d(until).succ_opt().unwrap(), "{abz}: п. 33");
        assert!(
            t.reasons.iter().any(|r| r.cite.ends_with(abz)),
            "{abz}: {:?}",
            t.reasons
        );
    }
    // No limited term for a Russian organisation.
    assert!(with(|_| {}).limited_term.is_none());
}

#[test]
fn minor_and_incapable_owners_need_a_guardian() {
    let x = with(|v| v["owner"] = json!({"kind": "citizen", "birth_date": "2012-01-01"}));
    assert_eq!(grounds(&x), vec![Ground::MissingDocuments]);
    assert!(x.grounds[0].facts[0].cite == "п. 3");
    let x = with(|v| {
        v["owner"] = json!({"kind": "citizen", "birth_date": "1970-01-01", "incapable": true})
    });
    assert_eq!(grounds(&x), vec![Ground::MissingDocuments]);
}

#[test]
fn suspension_for_checks_and_queries_at_most_30_days() {
    let x = with(|v| v["office"]["forgery_signs"] = json!(["следы перебивки номера рамы"]));
    assert_eq!(x.outcome, Outcome::Suspend);
    assert_eq!(x.suspension.as_ref().unwrap().until, d("2026-01-29"));
    let owner = x
        .deadlines
        .iter()
        .find(|x| x.kind == DeadlineKind::OwnerObligation)
        .unwrap();
    assert_eq!(
        owner.date,
        d("2026-02-03"),
        "п. 5 extended by 30 days of suspension"
    );
    // Check done: cleared → proceed; confirmed → refuse (абз. 6).
    let x = with(|v| {
        v["office"]["wanted"] = json!(["рама"]);
        v["office"]["check_result"] = json!("cleared");
    });
    assert_eq!(x.outcome, Outcome::Proceed);
    let x = with(|v| {
        v["office"]["wanted"] = json!(["рама"]);
        v["office"]["check_result"] = json!("confirmed");
    });
    assert_eq!(grounds(&x), vec![Ground::ContradictoryInformation]);
    let x = with(|v| v["office"]["query_sent"] = json!("2024-04-26"));
    let q = x
        .deadlines
        .iter()
        .find(|x| x.kind == DeadlineKind::QueryAnswer)
        .unwrap();
    assert_eq!(
        q.date,
        d("2024-05-03"),
        "3 working days: Sat 27.04 worked, 29.04-01.05 off"
    );
}

#[test]
fn deadlines_across_holidays_hand_counted() {
    let x = with(|_| {});
    let at = |k: DeadlineKind| x.deadline(k).unwrap().date;
    assert_eq!(at(DeadlineKind::Review), d("2026-01-16"));
    assert_eq!(at(DeadlineKind::Issue), d("2026-01-13"));
    assert_eq!(at(DeadlineKind::FnsReport), d("2026-01-23"));
    assert_eq!(at(DeadlineKind::OwnerObligation), d("2026-01-04"));
    assert_eq!(at(DeadlineKind::InspectionValid), d("2026-01-28"));
    let mut v = base();
    v["submitted"] = json!("2024-04-28");
    v["obligation_from"] = json!("2024-04-10");
    v["office"] = json!({});
    let x = run(&v, "2024-04-28");
    let at = |k: DeadlineKind| x.deadline(k).unwrap().date;
    assert_eq!(at(DeadlineKind::Review), d("2024-05-08"));
    assert_eq!(at(DeadlineKind::Inspection), d("2024-05-17"));
    assert_eq!(at(DeadlineKind::Issue), d("2024-05-03"));
    assert!(x
        .deadlines
        .iter()
        .any(|x| x.kind == DeadlineKind::OwnerObligation && x.what.contains("пропущен")));
}

#[test]
fn a_date_outside_the_calendar_is_an_error() {
    let mut v = base();
    v["submitted"] = json!("2027-12-28");
    let app: Application = serde_json::from_value(v).unwrap();
    let e = evaluate(&app, d("2027-12-28"), &Calendar::builtin()).unwrap_err();
    // The code is the calendar's (C002), a field of its own, never inside the message.
    assert_eq!(e.code(), "C002");
    assert!(
        !e.to_string().contains("C002") && !e.to_string().contains("E001"),
        "{e}"
    );
}

#[test]
fn optional_documents_are_requested_not_demanded() {
    let x = with(|_| {});
    assert_eq!(x.outcome, Outcome::Proceed);
    assert!(x.requests.iter().any(|r| r.fact.contains("пошлины")));
    assert!(x.requests.iter().any(|r| r.fact.contains("ОСАГО")));
}

#[test]
fn deregistration_causes() {
    let dereg = |cause: &str, edit: &dyn Fn(&mut Value)| {
        with(|v| {
            v["action"] = json!({"kind": "deregistration", "cause": cause});
            edit(v);
        })
    };
    let x = dereg("alienation", &|_| {});
    assert_eq!(grounds(&x), vec![Ground::MissingDocuments]);
    let x = dereg("alienation", &|v| {
        v["documents"]["alienation_contract"] = json!({"presented": true});
        v["documents"]["certificate"] = json!({"presented": true});
    });
    assert_eq!(x.outcome, Outcome::Proceed, "{x:#?}");
    let x = dereg("owner_death_or_liquidation", &|v| {
        v["documents"] = json!({})
    });
    assert_eq!(
        grounds(&x),
        vec![Ground::MissingDocuments],
        "п. 53 decision needed"
    );
    let x = dereg("term_expired", &|v| v["documents"] = json!({}));
    assert_eq!(x.outcome, Outcome::Proceed, "п. 33: automatic");
    let x = dereg("owner_reached16", &|v| v["documents"] = json!({}));
    assert_eq!(x.outcome, Outcome::Proceed);
    // п. 57: a ban lifted by documents allows deregistration.
    let x = dereg("write_off", &|v| {
        v["documents"]["certificate"] = json!({"presented": true});
        v["office"]["bans"] = json!(["запрет суда"]);
        v["documents"]["ban_lifted"] = json!(true);
    });
    assert_eq!(x.outcome, Outcome::Proceed);
}

#[test]
fn input_errors_name_line_column_and_field() {
    let text = "{\n  \"action\": {\"kind\": \"registration\"},\n  \"submitted\": \"2025-13-01\"\n}";
    let e = Application::from_json("a.json", text).unwrap_err();
    assert_eq!((e.line, e.field.as_str()), (3, "submitted"), "{e}");
    assert_eq!(e.code(), "E010");
    assert!(e.to_string().starts_with("a.json:3:"), "{e}");
}

#[test]
fn suspension_extends_the_service_term() {
    let x = with(|v| v["office"]["wanted"] = json!(["рама"]));
    let review = x
        .deadlines
        .iter()
        .find(|x| x.kind == DeadlineKind::Review)
        .unwrap();
    // 16.01.2026 (5 working days over the holidays) + 30 days of suspension.
    assert_eq!(review.date, d("2026-02-15"));
    assert!(review.cite.contains("п. 64, абз. 4"));
}

#[test]
fn unknown_fields_are_refused_everywhere() {
    for (key, value, field) in [
        (
            "owner",
            json!({"kind": "russian_organisation", "inn": "7707083893"}),
            "owner",
        ),
        (
            "action",
            json!({"kind": "registration", "when": "now"}),
            "action",
        ),
        ("machine", json!({"engine_cc": 4750}), "machine.engine_cc"),
    ] {
        let mut v = base();
        v[key] = value;
        let e = Application::from_json("a.json", &v.to_string()).unwrap_err();
        assert!(e.field.starts_with(field), "{key}: {e}");
        assert!(e.message.contains("неизвестное поле"), "{key}: {e}");
    }
}

#[test]
fn a_decision_before_the_application_is_an_input_error() {
    let app: Application = serde_json::from_value(base()).unwrap();
    let e = evaluate(&app, d("2025-12-29"), &Calendar::builtin()).unwrap_err();
    assert_eq!(e.code(), "E003", "{e}");
}

#[test]
fn trailing_content_after_the_application_is_refused() {
    let one = base().to_string();
    for (extra, what) in [
        ("\ngarbage here\n", "text"),
        ("\n{\"a\": 1}\n", "second object"),
    ] {
        let text = format!("{one}{extra}");
        let e = Application::from_json("a.json", &text).unwrap_err();
        assert_eq!(e.line, 2, "{what}: {e}");
        assert!(e.message.contains("лишний текст"), "{what}: {e}");
    }
    // Trailing white space is fine.
    assert!(Application::from_json("a.json", &format!("{one}\n\n  \n")).is_ok());
}

#[test]
fn implausible_numbers_are_refused_with_the_field() {
    for (field, value) in [
        ("power_kw", json!(-5)),
        ("power_kw", json!(1e308)),
        ("engine_cm3", json!(1e20)),
        ("electric_kw", json!(-0.5)),
        ("max_speed_kmh", json!(1e6)),
    ] {
        let mut v = base();
        v["machine"][field] = value.clone();
        let e = Application::from_json("a.json", &v.to_string()).unwrap_err();
        assert_eq!(e.field, format!("machine.{field}"), "{value}: {e}");
        assert!(e.message.contains("вне допустимого диапазона"), "{e}");
    }
}
