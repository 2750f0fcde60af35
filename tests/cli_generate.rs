#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
//! End-to-end tests of `gtn generate`, as the README runs it.

mod common;
use common::{gtn, root, tempdir};
use std::path::Path;

/// `gtn generate` with the example sender profile and records from `input`.
fn generate_from(input: &Path, args: &[&str]) -> common::Run {
    let sender = root().join("examples/sender.toml");
    let mut a = vec![
        "generate",
        "--sender",
        sender.to_str().unwrap(),
        "--input",
        input.to_str().unwrap(),
    ];
    a.extend_from_slice(args);
    gtn(&a)
}

/// `gtn generate` on the bundled example.
fn example(args: &[&str]) -> common::Run {
    generate_from(&root().join("examples/records.jsonl"), args)
}

fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn readme_main_job_writes_a_valid_file() {
    let dir = tempdir();
    let out = example(&["--type", "10", "--out", dir.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let path = out.stdout.trim();
    let name = Path::new(path).file_name().unwrap().to_str().unwrap();
    assert!(
        name.starts_with("VO_AVTOTS_9965_5024100010502401001_"),
        "{name}"
    );
    assert!(name.ends_with(".xml"));
    assert_eq!(files(&dir), [name]);
    let bytes = std::fs::read(path).unwrap();
    let text = encoding_rs::WINDOWS_1251.decode(&bytes).0;
    assert!(text.contains(&format!("ИдФайл=\"{}\"", name.trim_end_matches(".xml"))));
    assert!(text.contains("КолДок=\"36\""));
    let x = std::process::Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(root().join("xsd/VO_AVTOTS_2_230_07_04_04_01.xsd"))
        .arg(path)
        .output()
        .expect("xmllint is required: apt-get install -y libxml2-utils");
    assert!(x.status.success(), "{}", String::from_utf8_lossy(&x.stderr));
}

#[test]
fn yearly_with_fixed_date_and_number() {
    let dir = tempdir();
    let out = example(&[
        "--type",
        "year",
        "--year",
        "2025",
        "--date",
        "2026-01-15",
        "--number",
        "42",
        "--out",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["documents"], 36);
    assert!(v["path"]
        .as_str()
        .unwrap()
        .ends_with("VO_AVTOTS_9965_5024100010502401001_20260115_42.xml"));
}

#[test]
fn existing_file_is_not_overwritten_unless_forced() {
    let dir = tempdir();
    let args = [
        "--type",
        "10",
        "--date",
        "2025-04-01",
        "--number",
        "7",
        "--out",
        dir.to_str().unwrap(),
    ];
    assert_eq!(example(&args).code, 0);
    let name = &files(&dir)[0];
    std::fs::write(dir.join(name), "keep me").unwrap();
    let again = example(&args);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("уже существует"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(dir.join(name)).unwrap(), "keep me");
    let mut forced = args.to_vec();
    forced.push("--force");
    assert_eq!(example(&forced).code, 0);
    assert_ne!(
        std::fs::read_to_string(dir.join(name)).unwrap_or_default(),
        "keep me"
    );
    assert_eq!(files(&dir).len(), 1, "no temporary file left");
}

#[test]
fn every_bad_record_is_reported_and_nothing_is_written() {
    let dir = tempdir();
    let good = std::fs::read_to_string(root().join("examples/records.jsonl")).unwrap();
    let lines: Vec<&str> = good.lines().collect();
    let bad_inn = lines[1].replace("502000001763", "502000001764");
    let bad_date = lines[2].replace("\"2025-03-03\"", "\"2025-02-30\"");
    let not_json = "{\"operation\": ";
    let long_make = lines[4].replace(
        "\"make_model\": \"",
        &format!("\"make_model\": \"{}", "Ж".repeat(40)),
    );
    let text = [
        lines[0], &bad_inn, &bad_date, not_json, &long_make, lines[5],
    ]
    .join("\n");
    let input = dir.join("records.jsonl");
    std::fs::write(&input, text).unwrap();
    let out_dir = dir.join("out");
    let r = root();
    let out = gtn(&[
        "generate",
        "--sender",
        r.join("examples/sender.toml").to_str().unwrap(),
        "--input",
        input.to_str().unwrap(),
        "--type",
        "10",
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    // Findings go to stdout, each with `--> file:line[:column]`.
    let at_line = |n: usize| {
        out.stdout.contains(&format!("records.jsonl:{n}\n"))
            || out.stdout.contains(&format!("records.jsonl:{n}:"))
    };
    for n in [2, 3, 4, 5] {
        assert!(at_line(n), "line {n} not in:\n{}", out.stdout);
    }
    for n in [1, 6] {
        assert!(!at_line(n), "line {n} is fine:\n{}", out.stdout);
    }
    for needle in [
        "owner.inn",
        "operation.date",
        "такой даты нет",
        "machine.make_model",
    ] {
        assert!(
            out.stdout.contains(needle),
            "{needle} not in:\n{}",
            out.stdout
        );
    }
    assert!(
        !out_dir.exists(),
        "nothing may be written, not even the --out folder"
    );
}

#[test]
fn bad_sender_profile_names_the_field() {
    let dir = tempdir();
    let s = std::fs::read_to_string(root().join("examples/sender.toml"))
        .unwrap()
        .replace("5024100010", "5024100011");
    let sender = dir.join("sender.toml");
    std::fs::write(&sender, s).unwrap();
    let out = gtn(&[
        "generate",
        "--sender",
        sender.to_str().unwrap(),
        "--input",
        root().join("examples/records.jsonl").to_str().unwrap(),
        "--type",
        "10",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("sender.toml:4"), "{}", out.stderr);
    assert!(out.stderr.contains("inn"), "{}", out.stderr);
}

#[test]
fn missing_input_exits_2() {
    let dir = tempdir();
    let out = gtn(&[
        "generate",
        "--sender",
        root().join("examples/sender.toml").to_str().unwrap(),
        "--input",
        "/nonexistent.jsonl",
        "--type",
        "10",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("/nonexistent.jsonl"));
}

/// A value that escapes to more than the writer's buffer (an organisation's
/// name of «&» and «"»: 1 000 characters, 5 000 bytes in the file) is
/// written whole. The two-pass writer of 2026-11-22 cut such a value at the
/// buffer's end, mid-entity, and wrote a file that neither gtn validate nor
/// FNS would accept, with exit 0.
#[test]
fn a_long_escaped_value_is_written_whole() {
    let r = root();
    let line = std::fs::read_to_string(r.join("examples/records.jsonl"))
        .unwrap()
        .lines()
        .find(|l| l.contains("\"russian_organisation\""))
        .unwrap()
        .to_owned();
    let mut rec: serde_json::Value = serde_json::from_str(&line).unwrap();
    let name = format!("ООО «А&Б» {}", "&\"".repeat(495));
    assert_eq!(name.chars().count(), 1000);
    rec["owner"]["name"] = serde_json::Value::String(name.clone());
    let dir = tempdir();
    let input = dir.join("long.jsonl");
    std::fs::write(&input, format!("{rec}\n")).unwrap();
    let out_dir = dir.join("out");
    let out = generate_from(
        &input,
        &[
            "--type",
            "10",
            "--date",
            "2026-01-20",
            "--out",
            out_dir.to_str().unwrap(),
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let file = out.stdout.trim();
    let v = gtn(&["validate", file]);
    assert_eq!(v.code, 0, "{}", v.stdout);
    let bytes = std::fs::read(file).unwrap();
    let text = encoding_rs::WINDOWS_1251.decode(&bytes).0;
    let escaped = name.replace('&', "&amp;").replace('"', "&quot;");
    assert!(
        text.contains(&format!("=\"{escaped}\"")),
        "the name is not whole"
    );
}

/// Bad records and an `--out` that cannot be created or written: the
/// records' errors are listed (exit 1), as when the folder is fine; the
/// write error alone would hide what the office must fix first. Good
/// records with the same `--out` give the write error (exit 2).
#[test]
fn bad_records_are_listed_even_when_out_cannot_be_written() {
    let r = root();
    let bad = r.join("tests/snapshots/inputs/bad-records.jsonl");
    let good = r.join("examples/records.jsonl");
    for out in ["/proc/gtn-no-such/out", "/proc/self"] {
        let run = |input: &Path| generate_from(input, &["--type", "10", "--out", out]);
        let b = run(&bad);
        let shown = format!("{}{}", b.stdout, b.stderr);
        assert_eq!(b.code, 1, "{out}: {shown}");
        assert!(shown.contains("[F100]"), "{out}: {shown}");
        assert!(!shown.contains("[F013]"), "{out}: {shown}");
        let g = run(&good);
        let shown = format!("{}{}", g.stdout, g.stderr);
        assert_eq!(g.code, 2, "{out}: {shown}");
        assert!(shown.contains("[F013]"), "{out}: {shown}");
    }
}
