#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
//! `gtn check` end to end: every example under examples/applications/ gives
//! its expected outcome, grounds and exit status; bad input exits 2 and says
//! where.

mod common;
use common::*;
use std::path::PathBuf;

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/applications")
}

#[test]
fn every_example_gives_its_expected_outcome() {
    let mut seen = 0;
    let mut kinds = std::collections::BTreeSet::new();
    let mut grounds = std::collections::BTreeSet::new();
    for e in std::fs::read_dir(examples()).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".json") || name.ends_with(".expected.json") {
            continue;
        }
        let expected_path = p.with_extension("expected.json");
        let expected: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&expected_path).unwrap()).unwrap();
        let today = expected["today"].as_str().unwrap();
        let r = gtn(&[
            "check",
            p.to_str().unwrap(),
            "--today",
            today,
            "--format",
            "json",
        ]);
        let got: serde_json::Value = serde_json::from_str(&r.stdout)
            .unwrap_or_else(|_| panic!("{name}: {} {}", r.stdout, r.stderr));
        assert_eq!(got["outcome"], expected["outcome"], "{name}");
        let codes: Vec<&str> = got["grounds"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["code"].as_str().unwrap())
            .collect();
        let want: Vec<&str> = expected["grounds"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g.as_str().unwrap())
            .collect();
        assert_eq!(codes, want, "{name}");
        let proceed = expected["outcome"] == "proceed";
        assert_eq!(r.code, if proceed { 0 } else { 1 }, "{name}: exit status");
        if !proceed && expected["outcome"] != "suspend" {
            assert!(
                got["notice"].as_str().unwrap().contains("пункта 58"),
                "{name}"
            );
        }
        // The text form runs too and names each ground.
        let t = gtn(&["check", p.to_str().unwrap(), "--today", today]);
        assert_eq!(t.code, r.code, "{name}");
        for c in &want {
            assert!(t.stdout.contains(c), "{name}: {c} in {}", t.stdout);
        }
        kinds.insert(expected["outcome"].as_str().unwrap().to_owned());
        grounds.extend(want.iter().map(|s| s.to_string()));
        seen += 1;
    }
    assert!(seen >= 20, "{seen} examples");
    assert_eq!(kinds.len(), 4, "one example per decision kind: {kinds:?}");
    assert_eq!(
        grounds.len(),
        10,
        "one example per ground of п. 58: {grounds:?}"
    );
}

#[test]
fn bad_input_exits_2_and_says_where() {
    let dir = tempdir();
    let p = dir.join("bad.json");
    std::fs::write(
        &p,
        "{\n  \"action\": {\"kind\": \"registration\"},\n  \"submitted\": \"30.12.2025\"\n}\n",
    )
    .unwrap();
    let r = gtn(&["check", p.to_str().unwrap(), "--today", "2025-12-30"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("bad.json:3:") && r.stderr.contains("submitted"),
        "{}",
        r.stderr
    );
    let r = gtn(&["check", dir.join("missing.json").to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("missing.json"));
    // Outside the production calendar: an error, not a guess.
    let app = std::fs::read_to_string(examples().join("proceed-registration.json")).unwrap();
    let late = dir.join("late.json");
    std::fs::write(&late, app.replace("2025-12-30", "2027-12-30")).unwrap();
    let r = gtn(&["check", late.to_str().unwrap(), "--today", "2027-12-30"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("C002"), "{}", r.stderr);
}

#[test]
fn an_office_calendar_adds_regional_holidays() {
    let dir = tempdir();
    let cal = dir.join("tatarstan.tsv");
    // A regional day off on 14.01.2026: the review of 30.12.2025 ends a working day later.
    std::fs::write(&cal, "2026-01-14\toff\tрегиональный выходной (пример)\n").unwrap();
    let p = examples().join("proceed-registration.json");
    let r = gtn(&[
        "check",
        p.to_str().unwrap(),
        "--today",
        "2025-12-30",
        "--calendar",
        cal.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let review = v["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "review")
        .unwrap();
    assert_eq!(review["date"], "2026-01-19");
}

/// Issue 12: what `gtn check` must refuse (exit 2, Russian, where).
#[test]
fn hostile_input_is_refused_with_where() {
    let dir = tempdir();
    let app = std::fs::read_to_string(examples().join("proceed-registration.json")).unwrap();
    let run = |name: &str, text: &str, extra: &[&str]| {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        let mut args = vec!["check", p.to_str().unwrap()];
        if extra.is_empty() {
            args.extend_from_slice(&["--today", "2025-12-30"]);
        }
        args.extend_from_slice(extra);
        gtn(&args)
    };
    let lines = app.lines().count();
    // Trailing content: text, then a second object.
    for (name, tail) in [
        ("garbage.json", "garbage here\n"),
        ("two.json", "{\"action\": {}}\n"),
    ] {
        let r = run(name, &format!("{app}{tail}"), &[]);
        assert_eq!(r.code, 2, "{name}: {}", r.stdout);
        assert!(
            r.stderr.contains(&format!("{name}:{}:", lines + 1))
                && r.stderr.contains("лишний текст"),
            "{name}: {}",
            r.stderr
        );
    }
    // The decision date before the application.
    let r = run("early.json", &app, &["--today", "2025-12-29"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("E003"), "{}", r.stderr);
    // Implausible numbers, the field named.
    for (from, to, field) in [
        ("\"power_kw\": 59.6", "\"power_kw\": -5", "machine.power_kw"),
        (
            "\"power_kw\": 59.6",
            "\"power_kw\": 1e308",
            "machine.power_kw",
        ),
        (
            "\"engine_cm3\": 4750",
            "\"engine_cm3\": 1e20",
            "machine.engine_cm3",
        ),
    ] {
        let r = run("num.json", &app.replace(from, to), &[]);
        assert_eq!(r.code, 2, "{to}: {}", r.stdout);
        assert!(
            r.stderr.contains(field) && r.stderr.contains("вне допустимого диапазона"),
            "{to}: {}",
            r.stderr
        );
    }
    // 2030-01-01 is reported as itself, not as the day after.
    let r = run(
        "late.json",
        &app.replace("2025-12-30", "2030-01-01"),
        &["--today", "2030-01-01"],
    );
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stderr.contains("2030-01-01") && !r.stderr.contains("2030-01-02"),
        "{}",
        r.stderr
    );
}

#[test]
fn calendar_errors_name_the_files_own_line_and_extra_columns() {
    let dir = tempdir();
    let p = examples().join("proceed-registration.json");
    let cal = dir.join("office.tsv");
    let check = |text: &str| {
        std::fs::write(&cal, text).unwrap();
        gtn(&[
            "check",
            p.to_str().unwrap(),
            "--today",
            "2025-12-30",
            "--calendar",
            cal.to_str().unwrap(),
        ])
    };
    let r = check("2026-01-14\toff\n2026-02-30\toff\n");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("office.tsv:2"), "{}", r.stderr);
    let r = check("2026-01-14\toff\tвыходной\tлишнее\n");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("office.tsv:1") && r.stderr.contains("лишний столбец"),
        "{}",
        r.stderr
    );
}

/// п. 41: the plate code of the owner's region (ССРФ 91 → 82), its series,
/// and the next free plate with --issued.
#[test]
fn names_plate_code_series_and_the_next_free_plate() {
    let p = examples().join("proceed-registration-crimea.json");
    let issued = examples().join("../issued-82.txt");
    let args = |fmt: &'static str| {
        vec![
            "check".to_owned(),
            p.to_str().unwrap().to_owned(),
            "--today".into(),
            "2025-12-30".into(),
            "--issued".into(),
            issued.to_str().unwrap().to_owned(),
            "--format".into(),
            fmt.into(),
        ]
    };
    let a = args("text");
    let r = gtn(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("код региона на знаке 82 (регион ССРФ 91)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("серии: КА, КВ, КР, КМ, КЕ"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("следующий свободный знак: 0003КА82"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("1507"), "edition named: {}", r.stdout);
    let a = args("json");
    let r = gtn(&a.iter().map(String::as_str).collect::<Vec<_>>());
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let plate = v["issue"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "plate")
        .unwrap();
    assert_eq!(plate["plate_type"], "3");
    assert_eq!(plate["code"], "82");
    assert_eq!(plate["plate"], "0003КА82");
    assert_eq!(v["edition"]["in_force_from"], "2021-01-01");
    // Every bad line of --issued is named, exit 2.
    let dir = tempdir();
    let bad = dir.join("issued.txt");
    std::fs::write(&bad, "0001 КА 82\nmusor\n0002 КА 82\n12345 КА 82\n").unwrap();
    let r = gtn(&[
        "check",
        p.to_str().unwrap(),
        "--today",
        "2025-12-30",
        "--issued",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("issued.txt:2:") && r.stderr.contains("issued.txt:4:"),
        "{}",
        r.stderr
    );
}

#[test]
fn an_office_edition_window_gives_a_coded_warning() {
    let dir = tempdir();
    let e = dir.join("edition.json");
    std::fs::write(
        &e,
        r#"{"name": "Правила № 1507", "in_force_from": "2021-01-01", "in_force_until": "2025-09-01"}"#,
    )
    .unwrap();
    let p = examples().join("proceed-registration.json");
    let r = gtn(&[
        "check",
        p.to_str().unwrap(),
        "--today",
        "2025-12-30",
        "--edition",
        e.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("[E101]"), "{}", r.stdout);
    // Unknown fields in the office's file are refused.
    std::fs::write(
        &e,
        r#"{"name": "x", "in_force_from": "2021-01-01", "untill": "2027-01-01"}"#,
    )
    .unwrap();
    let r = gtn(&[
        "check",
        p.to_str().unwrap(),
        "--today",
        "2025-12-30",
        "--edition",
        e.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("edition.json:1:") && r.stderr.contains("untill"),
        "{}",
        r.stderr
    );
}

/// Whole outputs, text and JSON, against files in tests/snapshots/
/// (`GTN_REGENERATE=1` rewrites them; review the diff before committing).
#[test]
fn snapshots_of_whole_outputs() {
    let snap = root().join("tests/snapshots");
    let issued = examples().join("../issued-82.txt");
    let cases: [(&str, &str, Vec<&str>); 4] = [
        (
            "check-several-grounds.txt",
            "refuse-several-grounds.json",
            vec![],
        ),
        (
            "check-suspend.txt",
            "suspend-query-other-region.json",
            vec![],
        ),
        (
            "check-crimea.json",
            "proceed-registration-crimea.json",
            vec!["--issued", issued.to_str().unwrap(), "--format", "json"],
        ),
        (
            "check-crimea.txt",
            "proceed-registration-crimea.json",
            vec!["--issued", issued.to_str().unwrap()],
        ),
    ];
    for (file, app, extra) in cases {
        let p = examples().join(app);
        let mut args = vec!["check", p.to_str().unwrap(), "--today", "2025-12-30"];
        args.extend(extra);
        let r = gtn(&args);
        assert!(r.code == 0 || r.code == 1, "{file}: {}", r.stderr);
        let path = snap.join(file);
        if std::env::var_os("GTN_REGENERATE").is_some() {
            std::fs::create_dir_all(&snap).unwrap();
            std::fs::write(&path, &r.stdout).unwrap();
        }
        let want = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("{file}: run with GTN_REGENERATE=1"));
        assert_eq!(r.stdout, want, "{file}");
    }
}
