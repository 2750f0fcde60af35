#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
//! End-to-end tests of `gtn validate` on the generated fixtures in tests/validate.

mod common;
use common::{fixture_file, gtn, root, tempdir};

fn fixture(case: &str) -> String {
    fixture_file(case).to_str().unwrap().to_owned()
}

#[test]
fn valid_files_exit_0() {
    let out = gtn(&["validate", &fixture("valid-10"), &fixture("valid-year")]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(
        out.stdout
            .matches("соответствует формату: ошибок 0")
            .count(),
        2,
        "{}",
        out.stdout
    );
}

#[test]
fn error_is_shown_like_a_compiler_diagnostic() {
    let f = fixture("inn-check-digit");
    let out = gtn(&["validate", &f]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .contains("ошибка[V040]: ИНН организации «5010015528»: неверное контрольное число"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(&format!("  --> {f}:")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("| Файл/Документ[2]/СведЮЛРос/@ИННЮЛ = «5010015528»"),
        "{}",
        out.stdout
    );
}

#[test]
fn json_report() {
    let out = gtn(&[
        "validate",
        "--format",
        "json",
        &fixture("report-year-missing"),
    ]);
    assert_eq!(out.code, 1);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let f = &v["files"][0]["report"]["findings"][0];
    assert_eq!(f["code"], "0400300003");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["line"], 2);
    assert_eq!(f["path"], "Файл/@ГодПериодОтч");
    assert_eq!(v["valid"], false);
}

#[test]
fn folder_of_files_and_max_errors() {
    let dir = tempdir();
    for case in ["valid-10", "inn-check-digit", "doc-count"] {
        let src = fixture(case);
        let name = std::path::Path::new(&src).file_name().unwrap().to_owned();
        let sub = dir.join(case);
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::copy(&src, sub.join(&name)).unwrap();
        std::fs::copy(&src, dir.join(format!("{case}.xml"))).unwrap();
    }
    // Names of the copies in `dir` break the file-name rule: every file has errors there.
    let out = gtn(&[
        "validate",
        dir.join("valid-10").to_str().unwrap(),
        dir.join("doc-count").to_str().unwrap(),
    ]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("ошибка[V046]"));
    let out = gtn(&[
        "validate",
        "--max-errors",
        "1",
        "--format",
        "json",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 1);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    // Folders are searched recursively (issue 12): the three copies in
    // `dir` and the three in its sub-folders.
    assert_eq!(v["files"].as_array().unwrap().len(), 6);
    for f in v["files"].as_array().unwrap() {
        assert!(f["errors"] == 1 || f["valid"] == true, "{f}");
        assert!(
            f["errors"] == 1 || f["path"].as_str().unwrap().contains("valid-10/"),
            "{f}"
        );
        assert!(f["report"]["stopped"] == true || f["valid"] == true, "{f}");
    }
}

#[test]
fn unreadable_file_exits_2() {
    let out = gtn(&["validate", "/nonexistent/VO_AVTOTS.xml"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("/nonexistent/VO_AVTOTS.xml"));
    assert_eq!(gtn(&["validate"]).code, 2);
}

#[test]
fn generate_then_validate_the_example() {
    let dir = tempdir();
    let r = root();
    let out = gtn(&[
        "generate",
        "--sender",
        r.join("examples/sender.toml").to_str().unwrap(),
        "--input",
        r.join("examples/records.jsonl").to_str().unwrap(),
        "--type",
        "10",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = gtn(&["validate", out.stdout.trim()]);
    assert_eq!(v.code, 0, "{}", v.stdout);
    assert!(v.stdout.contains("документов 36"));
}

#[test]
fn max_errors_0_means_no_limit() {
    let dir = tempdir();
    // The copy's name breaks the file-name rule; with the fixture's own
    // defect that is at least two errors.
    let f = dir.join("doc-count.xml");
    std::fs::copy(fixture("doc-count"), &f).unwrap();
    let count = |max: &str| {
        let out = gtn(&[
            "validate",
            "--max-errors",
            max,
            "--format",
            "json",
            f.to_str().unwrap(),
        ]);
        assert_eq!(out.code, 1, "{}", out.stderr);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        (
            v["files"][0]["errors"].as_u64().unwrap(),
            v["files"][0]["report"]["stopped"].as_bool().unwrap(),
        )
    };
    assert_eq!(count("1"), (1, true));
    let (all, stopped) = count("0");
    assert!(all >= 2 && !stopped, "{all} {stopped}");
}

#[test]
fn utf16_file_is_named_once() {
    let out = gtn(&["validate", &fixture("utf16")]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout.matches("ошибка[").count(), 1, "{}", out.stdout);
    assert!(
        out.stdout.contains("ошибка[V002]: файл в кодировке UTF-16"),
        "{}",
        out.stdout
    );
}

#[test]
fn future_report_year_is_an_error() {
    let out = gtn(&["validate", &fixture("report-year-future")]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("ошибка[V052]"), "{}", out.stdout);
}
