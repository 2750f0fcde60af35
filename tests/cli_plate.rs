#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
//! End-to-end tests of `gtn plate`, as written in the README.

mod common;
use common::{gtn, Run};

#[test]
fn series_one_per_line() {
    let out = gtn(&["plate", "series", "--region", "77", "--type", "3"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 39);
    assert_eq!(lines[..3], ["АА", "АЕ", "АК"]);
}

#[test]
fn series_json_and_by_name() {
    let out = gtn(&[
        "plate",
        "series",
        "--region",
        "Ленинградская обл.",
        "--type",
        "3",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["code"], "47");
    assert_eq!(v["series"][11], "ХУ");
    let out = gtn(&["plate", "series", "--region", "77", "--type", "4А"]);
    assert_eq!(out.stdout.trim(), "МК");
}

#[test]
fn check_valid_prints_canonical() {
    let out = gtn(&["plate", "check", "--type", "3", "1234 ab 77"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "1234АВ77");
}

#[test]
fn check_invalid_exits_1_with_reason() {
    let out = gtn(&["plate", "check", "--type", "3", "1234 ЖВ 77"]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("«Ж» в позиции 6"), "{}", out.stdout);
    let out = gtn(&[
        "plate",
        "check",
        "--type",
        "3",
        "1234 КМ 77",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 1);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["errors"][0]["code"], "P011");
}

/// `gtn plate next --region 77 --type 3 --issued issued.txt` with this file.
fn next_with_issued(issued: &str) -> Run {
    let f = common::tempdir().join("issued.txt");
    std::fs::write(&f, issued).unwrap();
    gtn(&[
        "plate",
        "next",
        "--region",
        "77",
        "--type",
        "3",
        "--issued",
        f.to_str().unwrap(),
    ])
}

#[test]
fn next_skips_issued() {
    let out = next_with_issued("# выданные\n0001 АА 77\n0002aa77\n\n0003 АА 50\n");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "0003 АА 77");
}

#[test]
fn bad_issued_line_exits_2_naming_file_and_line() {
    let out = next_with_issued("0001 АА 77\n12 ЖЖ 77\n");
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("issued.txt:2:"), "{}", out.stderr);
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(
        gtn(&["plate", "check", "--type", "5", "1234 АВ 77"]).code,
        2
    );
    assert_eq!(
        gtn(&["plate", "series", "--region", "Атлантида", "--type", "3"]).code,
        2
    );
    assert_eq!(
        gtn(&["plate", "series", "--region", "93", "--type", "3"]).code,
        2
    );
}
