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
        .find(|d| d["key"] == "review")
        .unwrap();
    assert_eq!(review["date"], "2026-01-19");
}
