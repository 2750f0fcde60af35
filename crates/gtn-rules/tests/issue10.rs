#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
//! Tests derived from the text of the Rules (each cites its point) for the
//! defects and new facts of issue 10: terms of п. 32 against п. 58, абз. 5;
//! the suspension of п. 64; terms in years (ГК РФ, ст. 192); scope alone;
//! the plate code of п. 41; п. 11, 16, 24, 28, 29, 47, 51; editions.

use chrono::NaiveDate;
use gtn_rules::decision::{Ground, IssueData, Outcome, SuspensionStatus};
use gtn_rules::{
    evaluate, evaluate_with, Application, Calendar, DeadlineKind, Decision, Edition, Options,
};
use serde_json::{json, Value};

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

fn app(v: &Value) -> Application {
    Application::from_json("a.json", &v.to_string()).unwrap()
}

fn run(v: &Value, today: &str) -> Decision {
    evaluate(&app(v), d(today), &Calendar::builtin()).unwrap()
}

fn with(today: &str, edit: impl FnOnce(&mut Value)) -> Decision {
    let mut v = base();
    edit(&mut v);
    run(&v, today)
}

fn grounds(x: &Decision) -> Vec<Ground> {
    x.grounds.iter().map(|g| g.ground).collect()
}

fn kinds(x: &Decision) -> Vec<String> {
    serde_json::to_value(&x.issue)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap().to_owned())
        .collect()
}

/// The cases of п. 32 whose term comes from a document, each set to `until`.
fn document_terms(until: &str) -> Vec<(&'static str, Value)> {
    let citizen = |extra: Value| {
        let mut o = json!({"kind": "citizen", "birth_date": "1980-01-01"});
        for (k, v) in extra.as_object().unwrap() {
            o[k] = v.clone();
        }
        o
    };
    let mut v = Vec::new();
    let mut edit = |abz, f: Box<dyn Fn(&mut Value)>| {
        let mut x = base();
        f(&mut x);
        v.push((abz, x));
    };
    let u = until.to_owned();
    let u2 = u.clone();
    edit(
        "абз. 2",
        Box::new(move |x| x["owner"] = citizen(json!({"stay_until": u2}))),
    );
    let u2 = u.clone();
    edit(
        "абз. 3",
        Box::new(move |x| x["documents"]["lease"] = json!({"until": u2, "agreement": "lessee"})),
    );
    let u2 = u.clone();
    edit(
        "абз. 4",
        Box::new(move |x| {
            x["owner"] = citizen(json!({"foreign": true, "diplomatic_card_until": u2}))
        }),
    );
    let u2 = u.clone();
    edit(
        "абз. 5",
        Box::new(move |x| x["owner"] = citizen(json!({"foreign": true, "stay_until": u2}))),
    );
    let u2 = u.clone();
    edit(
        "абз. 6",
        Box::new(move |x| x["owner"] = citizen(json!({"foreign": true, "residence_until": u2}))),
    );
    let u2 = u.clone();
    edit(
        "абз. 7",
        Box::new(move |x| {
            x["owner"] = json!({"kind": "foreign_organisation", "accreditation_until": u2})
        }),
    );
    let u2 = u.clone();
    edit(
        "абз. 8",
        Box::new(move |x| {
            x["machine"] = json!({"engine_cm3": 900, "temporary_import_months": 12, "temporary_import_until": u2});
            x["documents"]["temporary_import_document"] = json!({"presented": true});
        }),
    );
    let u2 = u.clone();
    edit(
        "абз. 9",
        Box::new(move |x| x["documents"]["permits_until"] = json!(u2)),
    );
    let u2 = u.clone();
    edit(
        "абз. 11",
        Box::new(move |x| {
            x["action"] = json!({"kind": "test_registration"});
            x["machine"] = json!({"engine_cm3": 900, "test_sample": "public_roads", "test_programme_until": u2});
            x["documents"]["test_programme"] = json!({"presented": true});
        }),
    );
    v
}

/// Defect 1. п. 32 registers «на срок» of the document; п. 58, абз. 5
/// refuses «представление документов, срок действия которых истек».
#[test]
fn a_term_of_point_32_ended_before_submission_is_a_ground_of_58_5() {
    for (abz, v) in document_terms("2025-12-20") {
        let x = run(&v, "2025-12-30");
        assert_eq!(x.outcome, Outcome::Refuse, "{abz}: {x:#?}");
        assert_eq!(grounds(&x), vec![Ground::ExpiredDocuments], "{abz}");
        let f = &x.grounds[0].facts[0];
        assert!(
            f.cite.contains(abz) && f.cite.contains("п. 58, абз. 5"),
            "{abz}: {f:?}"
        );
        assert!(
            f.fact.contains("до получения полного комплекта"),
            "{abz}: {f:?}"
        );
        assert!(
            x.limited_term.is_none(),
            "{abz}: no registration for a past term"
        );
    }
}

#[test]
fn a_term_of_point_32_ended_between_submission_and_decision_is_a_ground_too() {
    for (abz, mut v) in document_terms("2026-01-05") {
        v["submitted"] = json!("2025-12-30");
        let x = run(&v, "2026-01-12");
        assert_eq!(grounds(&x), vec![Ground::ExpiredDocuments], "{abz}: {x:#?}");
        assert!(
            x.grounds[0].facts[0]
                .fact
                .contains("до даты решения 12.01.2026"),
            "{abz}: {:?}",
            x.grounds[0].facts
        );
    }
    // A term ending on the day of the decision still registers, until that day (п. 32-33).
    for (abz, v) in document_terms("2026-01-12") {
        let x = run(&v, "2026-01-12");
        assert_eq!(x.outcome, Outcome::Proceed, "{abz}: {x:#?}");
        assert_eq!(x.limited_term.unwrap().until, d("2026-01-12"), "{abz}");
    }
}

/// Defect 2. п. 64, абз. 2: suspended «на время получения ответа на
/// запрос … но не более чем на 30 календарных дней» — from the query.
#[test]
fn the_30_days_of_point_64_run_from_the_query() {
    let x = with("2026-01-25", |v| {
        v["office"]["query_sent"] = json!("2026-01-20")
    });
    assert_eq!(x.outcome, Outcome::Suspend, "{x:#?}");
    let s = x.suspension.as_ref().unwrap();
    assert_eq!((s.from, s.until), (d("2026-01-20"), d("2026-02-19")));
    assert_eq!(
        x.deadline(DeadlineKind::SuspensionEnd).unwrap().date,
        d("2026-02-19")
    );
    // The check of п. 19 runs from the day it started.
    let x = with("2026-01-25", |v| {
        v["office"]["wanted"] = json!(["рама"]);
        v["office"]["check_started"] = json!("2026-01-15");
    });
    assert_eq!(x.suspension.as_ref().unwrap().until, d("2026-02-14"));
}

#[test]
fn a_suspension_past_its_cap_is_not_extended() {
    // 45 days after the check began: the decision is taken on what is known.
    let x = with("2026-02-13", |v| {
        v["office"]["forgery_signs"] = json!(["следы перебивки номера рамы"]);
        v["office"]["check_started"] = json!("2025-12-30");
    });
    assert_eq!(x.outcome, Outcome::Proceed, "{x:#?}");
    let s = x.suspension.as_ref().unwrap();
    assert_eq!(s.status, SuspensionStatus::CapPassed);
    let w = x.warnings.iter().find(|w| w.code == "E103").unwrap();
    assert!(w.message.contains("перебивки"), "{w:?}");
    // Terms extended by the 30 days only (п. 64, абз. 4-5).
    assert_eq!(
        x.deadline(DeadlineKind::Review).unwrap().extended_by_days,
        30
    );
}

#[test]
fn an_answer_resumes_the_service_and_extends_terms_by_the_days_it_took() {
    // п. 64, абз. 3-4: resumed the day the answer arrived; the term of the
    // service is extended by the suspension (10 days here).
    let x = with("2026-01-12", |v| {
        v["office"]["query_sent"] = json!("2025-12-30");
        v["office"]["answer_received"] = json!("2026-01-09");
    });
    assert_eq!(x.outcome, Outcome::Proceed, "{x:#?}");
    let s = x.suspension.as_ref().unwrap();
    assert_eq!(
        (s.status, s.resumed_on),
        (SuspensionStatus::Resumed, Some(d("2026-01-09")))
    );
    let review = x.deadline(DeadlineKind::Review).unwrap();
    assert_eq!(
        (review.date, review.extended_by_days),
        (d("2026-01-26"), 10)
    );
    let owner = x.deadline(DeadlineKind::OwnerObligation).unwrap();
    assert_eq!(
        owner.date,
        d("2026-01-14"),
        "п. 5: 04.01 + 10 days, п. 64, абз. 5"
    );
}

/// Defect 3. п. 32, абз. 11: «не более чем на 1 год»; ГК РФ, ст. 192:
/// a term in years ends on the same date of the last year, or on the last
/// day of the month where that date does not exist.
#[test]
fn the_one_year_cap_of_point_32_is_a_civil_code_year() {
    let test = |on: &str| {
        let mut v = base();
        v["submitted"] = json!(on);
        v["action"] = json!({"kind": "test_registration"});
        v["machine"] = json!({"engine_cm3": 900, "test_sample": "public_roads", "test_programme_until": "2030-01-01"});
        v["documents"]["test_programme"] = json!({"presented": true});
        run(&v, on).limited_term.unwrap().until
    };
    assert_eq!(test("2025-12-30"), d("2026-12-30"));
    assert_eq!(test("2024-02-29"), d("2025-02-28"));
    assert_eq!(test("2023-03-01"), d("2024-03-01"), "across 29.02.2024");
}

/// Defect 4. п. 58, абз. 2 (п. 1, 4): nothing else can be required of a
/// machine the Rules do not cover.
#[test]
fn out_of_scope_is_that_ground_alone() {
    let x = with("2025-12-30", |v| {
        v["machine"] = json!({"assembled_from_parts": true});
        v["documents"]["ownership"] = json!({});
        v["office"]["bans"] = json!(["арест"]);
    });
    assert_eq!(x.outcome, Outcome::NotSubject);
    assert_eq!(grounds(&x), vec![Ground::NotSubject], "{x:#?}");
    assert!(!x.notice.unwrap().contains("абзац 3 пункта 58"));
}

/// п. 40-41: the plate is numbered by the code of the owner's region;
/// plate codes are those of Appendix 4, not ССРФ.
#[test]
fn the_plate_code_of_point_41_comes_from_the_owners_region() {
    for (ssrf, code) in [("91", "82"), ("20", "95"), ("77", "77"), ("92", "92")] {
        let x = with("2025-12-30", |v| v["owner"]["region"] = json!(ssrf));
        let p = x.plate().unwrap();
        assert_eq!(p.code.as_deref(), Some(code), "ССРФ {ssrf}");
        assert_eq!(p.plate_type.as_str(), "3");
        assert!(!p.series.is_empty(), "ССРФ {ssrf}: series");
        assert!(x.warnings.is_empty(), "{:?}", x.warnings);
    }
    // A region with no code in Appendix 4: said, not guessed.
    let x = with("2025-12-30", |v| v["owner"]["region"] = json!("80"));
    assert_eq!(x.outcome, Outcome::Proceed);
    assert!(x.plate().unwrap().code.is_none());
    assert!(
        x.warnings.iter().any(|w| w.code == "E104"),
        "{:?}",
        x.warnings
    );
    // Type 4А (п. 35) takes Appendix 5's series.
    let x = with("2025-12-30", |v| {
        v["owner"]["region"] = json!("77");
        v["machine"]["off_road_motor_vehicle"] = json!(true);
    });
    assert_eq!(x.plate().unwrap().plate_type.as_str(), "4А");
    // An unknown ССРФ code is an input error naming the field.
    let mut v = base();
    v["owner"]["region"] = json!("00");
    let e = Application::from_json("a.json", &v.to_string()).unwrap_err();
    // (serde reports the tagged `owner` as the field; the message names ССРФ)
    assert!(
        e.field.starts_with("owner") && e.message.contains("ССРФ"),
        "{e}"
    );
}

#[test]
fn the_next_free_plate_when_issued_plates_are_given() {
    let mut v = base();
    v["owner"]["region"] = json!("77");
    let reg = gtn_plates::Registry::builtin();
    let issued = vec![
        reg.parse(gtn_model::PlateType::Type3, "0001 АА 77")
            .unwrap(),
        reg.parse(gtn_model::PlateType::Type3, "0002 АА 77")
            .unwrap(),
    ];
    let cal = Calendar::builtin();
    let mut o = Options::new(&cal);
    o.issued = &issued;
    let x = evaluate_with(&app(&v), d("2025-12-30"), &o).unwrap();
    assert_eq!(x.plate().unwrap().plate.as_deref(), Some("0003АА77"));
}

/// п. 16: «Паспорт техники, взамен которого оформлен электронный паспорт
/// техники, считается недействительным с даты оформления электронного
/// паспорта»; the e-passport's extract counts (п. 6, абз. 7-8).
#[test]
fn a_paper_passport_replaced_by_an_epassport() {
    let paper = |e: Value| json!({"kind": "paper", "fee_mark": "missing", "replaced_by": e});
    let x = with("2025-12-30", |v| {
        v["documents"]["passport"] =
            paper(json!({"issued_on": "2024-07-01", "active": true, "fee_mark": "paid"}))
    });
    assert_eq!(x.outcome, Outcome::Proceed, "{x:#?}");
    let k = kinds(&x);
    assert!(
        k.contains(&"system_record".to_owned()) && k.contains(&"epassport_record".to_owned()),
        "{k:?}"
    );
    // The fee is asked of the e-passport (абз. 11), not the paper one (абз. 10).
    let x = with("2025-12-30", |v| {
        v["documents"]["passport"] =
            paper(json!({"issued_on": "2024-07-01", "active": true, "fee_mark": "missing"}))
    });
    assert_eq!(grounds(&x), vec![Ground::ElectronicPassportFee]);
    let x = with("2025-12-30", |v| {
        v["documents"]["passport"] =
            paper(json!({"issued_on": "2024-07-01", "active": false, "fee_mark": "paid"}))
    });
    assert_eq!(grounds(&x), vec![Ground::NonConformingDocuments]);
}

/// п. 24: legalisation «если иное не предусмотрено международными договорами».
#[test]
fn a_foreign_document_exempt_by_treaty_needs_no_legalisation() {
    let foreign = |exempt: bool| {
        with("2025-12-30", |v| {
            v["documents"]["foreign"] = json!([{"name": "договор купли-продажи (Беларусь)",
                "translated": true, "treaty_exempt": exempt}])
        })
    };
    assert_eq!(foreign(true).outcome, Outcome::Proceed);
    assert_eq!(
        grounds(&foreign(false)),
        vec![Ground::NonConformingDocuments]
    );
}

/// п. 28: registration of a leased machine «при наличии письменного
/// соглашения сторон о регистрации»; п. 32, абз. 3: for the lease's term.
#[test]
fn lease_term_and_agreement_are_two_facts() {
    let x = with("2025-12-30", |v| {
        v["documents"]["lease"] = json!({"until": "2027-01-31"})
    });
    assert_eq!(grounds(&x), vec![Ground::MissingDocuments]);
    assert_eq!(x.grounds[0].facts[0].cite, "п. 28");
    let x = with("2025-12-30", |v| {
        v["documents"]["lease"] = json!({"until": "2027-01-31", "agreement": "lessor"})
    });
    assert_eq!(x.outcome, Outcome::Proceed);
    let t = x.limited_term.unwrap();
    assert_eq!(t.until, d("2027-01-31"));
    assert!(t.reasons[0].cite.ends_with("абз. 3"));
}

/// п. 29: «Испытательная техника регистрируется за ее изготовителем
/// (производителем), указанным в программе испытаний»; the manufacturer
/// presents the documents.
#[test]
fn test_machinery_is_registered_for_the_programmes_manufacturer() {
    let test = |applicant: &str, by_rep: bool| {
        with("2025-12-30", |v| {
            v["action"] = json!({"kind": "test_registration"});
            v["machine"] = json!({"engine_cm3": 900, "test_sample": "public_roads"});
            v["documents"]["test_programme"] = json!({"presented": true});
            v["documents"]["test_programme_manufacturer"] =
                json!("АО «Завод испытательной техники»");
            v["applicant"] = json!(applicant);
            v["by_representative"] = json!(by_rep);
            if by_rep {
                v["documents"]["power_of_attorney"] = json!({"presented": true});
            }
        })
    };
    let x = test("ао \"завод испытательной техники\"", false);
    assert_eq!(x.outcome, Outcome::Proceed, "{x:#?}");
    let cert = &x.issue[0];
    assert!(
        matches!(&cert.data, IssueData::Certificate { holder: Some(h), .. } if h.contains("Завод"))
    );
    let x = test("ООО «Ромашка»", false);
    assert_eq!(grounds(&x), vec![Ground::MissingDocuments]);
    assert!(x.grounds[0].facts[0].cite.starts_with("п. 29"));
    assert_eq!(test("ООО «Ромашка»", true).outcome, Outcome::Proceed);
}

/// п. 47: deregistration of a machine registered for a minor, not linked to
/// the termination, is made as a change of owner.
#[test]
fn deregistration_of_a_minors_machine_is_a_change_of_owner() {
    let x = with("2025-12-30", |v| {
        v["action"] = json!({"kind": "deregistration", "cause": "alienation"});
        v["documents"]["alienation_contract"] = json!({"presented": true});
        v["documents"]["certificate"] = json!({"presented": true});
        v["office"]["registered_for_minor"] = json!(true);
    });
    assert_eq!(x.outcome, Outcome::Proceed);
    assert!(
        kinds(&x).contains(&"owner_change".to_owned()),
        "{:?}",
        kinds(&x)
    );
}

/// п. 51: deregistration on alienation «при условии отсутствия
/// подтверждения государственной регистрации техники за новым владельцем».
#[test]
fn no_deregistration_when_the_new_owner_has_registered() {
    let x = with("2025-12-30", |v| {
        v["action"] = json!({"kind": "deregistration", "cause": "alienation"});
        v["documents"]["alienation_contract"] = json!({"presented": true});
        v["documents"]["certificate"] = json!({"presented": true});
        v["office"]["new_owner_registered"] = json!(true);
    });
    assert_eq!(kinds(&x), vec!["not_required"]);
}

/// п. 11: the mission itself is registered at its address; п. 32, абз. 4
/// limits only its accredited staff.
#[test]
fn a_diplomatic_mission_as_owner() {
    let x = with("2025-12-30", |v| {
        v["owner"] = json!({"kind": "foreign_mission", "region": "77"})
    });
    assert_eq!(x.outcome, Outcome::Proceed, "{x:#?}");
    assert!(x.limited_term.is_none());
    assert!(!x.requests.iter().any(|r| r.fact.contains("ЕГРЮЛ")));
    assert_eq!(x.plate().unwrap().code.as_deref(), Some("77"));
}

#[test]
fn the_decision_carries_the_edition_and_warns_outside_it() {
    let x = with("2025-12-30", |_| {});
    assert!(x.edition.name.contains("1507"));
    assert_eq!(x.edition.in_force_from, d("2021-01-01"));
    assert!(x.warnings.is_empty());
    let x = with("2026-09-15", |v| v["submitted"] = json!("2026-09-15"));
    assert_eq!(x.warnings[0].code, "E102", "{:?}", x.warnings);
    let x = with("2027-01-11", |v| v["submitted"] = json!("2027-01-11"));
    assert_eq!(x.warnings[0].code, "E101", "{:?}", x.warnings);
    // The office's window.
    let e = Edition::from_json(
        "e.json",
        r#"{"name": "Правила № 1507 (окно офиса)", "in_force_from": "2021-01-01", "in_force_until": "2025-12-01"}"#,
    )
    .unwrap();
    let cal = Calendar::builtin();
    let mut o = Options::new(&cal);
    o.edition = e;
    let x = evaluate_with(&app(&base()), d("2025-12-30"), &o).unwrap();
    assert_eq!(x.warnings[0].code, "E101");
    assert_eq!(x.edition.in_force_until, Some(d("2025-12-01")));
    let err = Edition::from_json(
        "e.json",
        r#"{"name": "x", "in_force_from": "2021-01-01", "until": "2027-01-01"}"#,
    )
    .unwrap_err();
    assert!(err.message.contains("неизвестное поле"), "{err}");
    let err = Edition::from_json(
        "e.json",
        "{\"name\": \"x\", \"in_force_from\": \"2021-01-01\"}\n{}",
    )
    .unwrap_err();
    assert_eq!((err.line, err.field.as_str()), (2, "."), "{err}");
}

/// The JSON shape documented in README (kept stable).
#[test]
fn decision_json_shape() {
    let x = with("2025-12-30", |v| v["owner"]["region"] = json!("91"));
    let j = serde_json::to_value(&x).unwrap();
    for key in [
        "outcome",
        "edition",
        "decided_on",
        "grounds",
        "issue",
        "requests",
        "deadlines",
        "warnings",
    ] {
        assert!(j.get(key).is_some(), "{key}");
    }
    let plate = j["issue"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "plate")
        .unwrap();
    assert_eq!(plate["plate_type"], "3");
    assert_eq!(plate["code"], "82");
    assert_eq!(plate["region"], "91");
    let review = j["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "review")
        .unwrap();
    assert_eq!(review["date"], "2026-01-16");
    assert_eq!(review["counting"]["unit"], "working_days");
    assert_eq!(review["cite"], "п. 65, абз. 3");
}

/// п. 58 grounds that stand are not held up by a pending query (п. 64).
#[test]
fn a_refusal_is_not_also_a_suspension() {
    let x = with("2025-12-30", |v| {
        v["office"]["query_sent"] = json!("2025-12-30");
        v["documents"]["ownership"] = json!({});
    });
    assert_eq!(x.outcome, Outcome::Refuse);
    assert!(x.suspension.is_none(), "{x:#?}");
    assert_eq!(
        x.deadline(DeadlineKind::Review).unwrap().extended_by_days,
        0
    );
}

proptest::proptest! {
    /// ГК РФ, ст. 192, п. 1 and 3, in its own words against `terms::years`:
    /// «истекает в соответствующие месяц и число последнего года срока»;
    /// where there is no such day, «в последний день этого месяца».
    #[test]
    fn years_follow_article_192(days in 0i64..(365 * 80), n in 1u32..5) {
        use chrono::Datelike;
        let event = d("2000-01-01") + chrono::Duration::days(days);
        let y = event.year() + n as i32;
        let want = NaiveDate::from_ymd_opt(y, event.month(), event.day()).unwrap_or_else(|| {
            // The last day of the month: the day before the 1st of the next.
            let (ny, nm) = if event.month() == 12 { (y + 1, 1) } else { (y, event.month() + 1) };
            NaiveDate::from_ymd_opt(ny, nm, 1).unwrap().pred_opt().unwrap()
        });
        proptest::prop_assert_eq!(gtn_rules::terms::years(event, n).unwrap(), want);
    }
}

fn day(base: &str, n: i64) -> String {
    (d(base) + chrono::Duration::days(n)).to_string()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(256)
    ))]
    /// Whatever the facts: never a registration for a term that has ended
    /// (п. 32, п. 58, абз. 5), never a suspension past 30 days from its start
    /// (п. 64, абз. 2), and out of scope is one ground alone (п. 58, абз. 2).
    #[test]
    fn invariants_of_the_rules(
        sub in 0i64..1500,
        wait in 0i64..90,
        stay in proptest::option::of(-60i64..400),
        permits in proptest::option::of(-60i64..400),
        test in proptest::bool::ANY,
        programme in proptest::option::of(-60i64..800),
        query in proptest::option::of(0i64..90),
        answer in proptest::option::of(0i64..90),
        check in proptest::option::of(0i64..90),
        small_engine in proptest::bool::ANY,
        no_ownership in proptest::bool::ANY,
    ) {
        let submitted = day("2021-06-01", sub);
        let today = day(&submitted, wait);
        let mut v = base();
        v["submitted"] = json!(submitted);
        if let Some(s) = stay {
            v["owner"] = json!({"kind": "citizen", "birth_date": "1980-01-01", "stay_until": day(&submitted, s)});
        }
        if let Some(p) = permits {
            v["documents"]["permits_until"] = json!(day(&submitted, p));
        }
        if test {
            v["action"] = json!({"kind": "test_registration"});
            v["machine"] = json!({"engine_cm3": 900, "test_sample": "public_roads"});
            v["documents"]["test_programme"] = json!({"presented": true});
            if let Some(p) = programme {
                v["machine"]["test_programme_until"] = json!(day(&submitted, p));
            }
        }
        if small_engine {
            v["machine"]["engine_cm3"] = json!(49);
        }
        if no_ownership {
            v["documents"]["ownership"] = json!({});
        }
        if let Some(q) = query.filter(|q| *q <= wait) {
            v["office"]["query_sent"] = json!(day(&submitted, q));
            if let Some(a) = answer.filter(|a| *a >= q && *a <= wait) {
                v["office"]["answer_received"] = json!(day(&submitted, a));
            }
        }
        if let Some(c) = check.filter(|c| *c <= wait) {
            v["office"]["wanted"] = json!(["рама"]);
            v["office"]["check_started"] = json!(day(&submitted, c));
        }
        let x = run(&v, &today);
        let today = d(&today);
        if let Some(t) = &x.limited_term {
            proptest::prop_assert!(t.until >= today, "{t:?}");
        }
        if x.outcome == Outcome::Suspend {
            let s = x.suspension.as_ref().unwrap();
            proptest::prop_assert!(s.from <= today && today <= s.until && (s.until - s.from).num_days() == 30, "{s:?}");
        }
        if x.outcome == Outcome::NotSubject {
            proptest::prop_assert_eq!(grounds(&x), vec![Ground::NotSubject]);
        }
        for dl in &x.deadlines {
            proptest::prop_assert!(dl.date >= d("2021-01-01"));
        }
    }
}

/// A decision date outside the production calendar is an error (C002),
/// also when the decision is a refusal (no term counted from it).
#[test]
fn a_decision_date_outside_the_calendar_is_an_error_whatever_the_outcome() {
    let mut v = base();
    v["documents"]["ownership"] = json!({});
    let e = evaluate(&app(&v), d("2090-01-01"), &Calendar::builtin()).unwrap_err();
    assert_eq!(e.code(), "C002", "{e}");
    assert!(e.to_string().contains("2090-01-01"), "{e}");
}
