#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
//! Snapshots of whole outputs, text and JSON, one case per code (like
//! ruff's one fixture per rule): every validator fixture of tests/validate,
//! every example application, and cases for the plate, generate, explain
//! and argument codes. `tests/snapshots/cli/<case>.txt` holds the exit status,
//! stdout and stderr of the text run; `<case>.json` the JSON run's stdout.
//! Every registered code is produced by some case or listed, with the
//! reason, in `tests/snapshots/cli/uncovered.txt`.
//!
//! Regenerate after a deliberate change:
//! `GTN_REGENERATE=1 cargo test -p gtn-cli --test cli_snapshots`.

mod common;
use common::*;
use std::collections::BTreeSet;

/// `gtn generate --sender S --input I --type 10 REST…`.
fn generate(sender: &str, input: &str, rest: &[&str]) -> Vec<String> {
    [
        "generate", "--sender", sender, "--input", input, "--type", "10",
    ]
    .iter()
    .chain(rest)
    .map(|x| x.to_string())
    .collect()
}

fn cases() -> Vec<(String, Vec<String>)> {
    let r = root();
    let mut v: Vec<(String, Vec<String>)> = Vec::new();
    let s = |a: &[&str]| a.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    // tests/validate/<code>/<case>: the snapshot is named validate-<code>-<case>.
    let list = |d: &std::path::Path| {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    for code in list(&r.join("tests/validate")) {
        for case in list(&r.join("tests/validate").join(&code)) {
            let path = format!("tests/validate/{code}/{case}");
            v.push((
                format!("validate-{code}-{case}"),
                s(&["validate", "--threads", "1", &path]),
            ));
        }
    }
    let mut apps: Vec<String> = std::fs::read_dir(r.join("examples/applications"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && !n.ends_with(".expected.json"))
        .collect();
    apps.sort();
    for a in apps {
        let p = r.join("examples/applications").join(&a);
        let expected: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(p.with_extension("expected.json")).unwrap(),
        )
        .unwrap();
        let today = expected["today"].as_str().unwrap().to_owned();
        let path = format!("examples/applications/{a}");
        v.push((
            format!("check-{}", a.trim_end_matches(".json")),
            s(&["check", &path, "--today", &today]),
        ));
    }
    let app = "examples/applications/proceed-registration.json";
    for (name, args) in [
        (
            "check-C001-calendar",
            s(&[
                "check",
                app,
                "--today",
                "2025-12-30",
                "--calendar",
                "tests/snapshots/inputs/calendar-bad.tsv",
            ]),
        ),
        (
            "check-C002-outside-calendar",
            s(&[
                "check",
                "tests/snapshots/inputs/late-application.json",
                "--today",
                "2027-12-30",
            ]),
        ),
        (
            "check-E101-outside-edition",
            s(&[
                "check",
                "tests/snapshots/inputs/application-2027.json",
                "--today",
                "2027-01-11",
            ]),
        ),
        (
            "check-E010-bad-application",
            s(&[
                "check",
                "tests/snapshots/inputs/bad-records.jsonl",
                "--today",
                "2025-12-30",
            ]),
        ),
        (
            "plate-ok",
            s(&["plate", "check", "--type", "3", "1234 ab 77"]),
        ),
        (
            "plate-M020-type",
            s(&["plate", "check", "--type", "5", "1234 АВ 77"]),
        ),
        (
            "plate-M021-empty",
            s(&["plate", "check", "--type", "3", " "]),
        ),
        (
            "plate-M022-letter",
            s(&["plate", "check", "--type", "3", "1234 АЖ 77"]),
        ),
        (
            "plate-M023-misplaced",
            s(&["plate", "check", "--type", "3", "12А4 АВ 77"]),
        ),
        (
            "plate-M024-layout",
            s(&["plate", "check", "--type", "3", "1234 АВ 7"]),
        ),
        (
            "plate-M025-zero",
            s(&["plate", "check", "--type", "3", "0000 АВ 77"]),
        ),
        (
            "plate-P011-series",
            s(&["plate", "check", "--type", "3", "1234 КМ 77"]),
        ),
        (
            "plate-P010-code",
            s(&["plate", "series", "--region", "99", "--type", "3"]),
        ),
        (
            "plate-P012-region",
            s(&["plate", "series", "--region", "Нарния", "--type", "3"]),
        ),
        (
            "plate-series",
            s(&["plate", "series", "--region", "77", "--type", "3"]),
        ),
        (
            "plate-next",
            s(&["plate", "next", "--region", "77", "--type", "3"]),
        ),
        (
            "plate-next-bad-issued",
            s(&[
                "plate",
                "next",
                "--region",
                "77",
                "--type",
                "3",
                "--issued",
                "tests/snapshots/inputs/issued-bad.txt",
            ]),
        ),
        (
            "plate-invisible",
            s(&["plate", "check", "--type", "3", "1234 А\u{200B}В 77"]),
        ),
        (
            "generate-F-records",
            generate(
                "examples/sender.toml",
                "tests/snapshots/inputs/bad-records.jsonl",
                &[
                    "--date",
                    "2025-12-30",
                    "--number",
                    "1",
                    "--out",
                    "target/snapshots-out",
                ],
            ),
        ),
        (
            "generate-F100-sender",
            generate(
                "tests/snapshots/inputs/bad-sender.toml",
                "examples/records.jsonl",
                &["--date", "2025-12-30", "--out", "target/snapshots-out"],
            ),
        ),
        (
            "generate-0400400007-number",
            generate(
                "examples/sender.toml",
                "examples/records.jsonl",
                &[
                    "--date",
                    "2025-12-30",
                    "--number",
                    "№1",
                    "--out",
                    "target/snapshots-out",
                ],
            ),
        ),
        (
            "generate-G002-missing",
            generate(
                "examples/sender.toml",
                "tests/snapshots/inputs/нет.jsonl",
                &["--out", "target/snapshots-out"],
            ),
        ),
        (
            "generate-G005-year",
            generate(
                "examples/sender.toml",
                "examples/records.jsonl",
                &["--year", "2025"],
            ),
        ),
        (
            "generate-F013-unwritable",
            generate(
                "examples/sender.toml",
                "examples/records.jsonl",
                &["--out", "/proc/gtn/out"],
            ),
        ),
        (
            "check-E003-today-before-submitted",
            s(&["check", app, "--today", "2025-12-01"]),
        ),
        (
            "check-E102-disputed-edition",
            s(&["check", app, "--today", "2026-09-01"]),
        ),
        (
            "check-E103-suspension-cap-passed",
            s(&[
                "check",
                "examples/applications/suspend-query-other-region.json",
                "--today",
                "2026-03-02",
            ]),
        ),
        (
            "check-E104-no-plate-code",
            s(&[
                "check",
                "tests/snapshots/inputs/application-region-without-code.json",
                "--today",
                "2025-12-30",
            ]),
        ),
        (
            "check-E106-issued-other-region",
            s(&[
                "check",
                "examples/applications/proceed-registration-crimea.json",
                "--today",
                "2025-12-30",
                "--issued",
                "examples/issued.txt",
            ]),
        ),
        (
            "check-E105-no-free-plate",
            s(&[
                "check",
                "tests/snapshots/inputs/application-off-road-crimea.json",
                "--today",
                "2025-12-30",
                "--issued",
                "tests/snapshots/inputs/issued-82-4a-all.txt",
            ]),
        ),
        (
            "plate-next-P014-all-issued",
            s(&[
                "plate",
                "next",
                "--region",
                "82",
                "--type",
                "4А",
                "--issued",
                "tests/snapshots/inputs/issued-82-4a-all.txt",
            ]),
        ),
        (
            "generate-F014-exists",
            generate(
                "examples/sender.toml",
                "examples/records.jsonl",
                &[
                    "--date",
                    "2025-12-30",
                    "--number",
                    "1",
                    "--out",
                    "tests/snapshots/inputs/existing",
                ],
            ),
        ),
        (
            "plate-next-P015-skipped",
            s(&[
                "plate",
                "next",
                "--region",
                "82",
                "--type",
                "3",
                "--issued",
                "examples/issued.txt",
            ]),
        ),
        (
            "generate-F101-no-records",
            generate(
                "examples/sender.toml",
                "tests/snapshots/inputs/empty.jsonl",
                &["--date", "2025-12-30", "--out", "target/snapshots-out"],
            ),
        ),
        (
            "validate-G008-skipped-in-folder",
            s(&["validate", "tests/snapshots/inputs/mixed"]),
        ),
        ("validate-G009-stdin-without-name", s(&["validate", "-"])),
        (
            "validate-G004-no-files",
            s(&["validate", "tests/snapshots/inputs/no-xml"]),
        ),
        (
            "serve-H011-open-without-token",
            s(&["serve", "--listen", "0.0.0.0:0"]),
        ),
        ("explain-V035", s(&["explain", "V035"])),
        ("explain-renamed-E001", s(&["explain", "E001"])),
        ("explain-G006-unknown", s(&["explain", "V35"])),
        ("args-G001-unknown-command", s(&["chek"])),
        (
            "args-G001-bad-value",
            s(&["plate", "check", "--type", "3", "--format", "xml", "x"]),
        ),
    ] {
        v.push((name.to_owned(), args));
    }
    v
}

fn codes(v: &serde_json::Value, out: &mut BTreeSet<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                // Codes of findings and grounds, not the region codes of plates.
                if k == "code" && (m.contains_key("message") || m.contains_key("ground")) {
                    if let Some(s) = x.as_str() {
                        out.insert(s.to_owned());
                    }
                }
                codes(x, out);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| codes(x, out)),
        _ => {}
    }
}

#[test]
fn whole_outputs_match_their_snapshots_and_every_code_has_one() {
    let r = root();
    let dir = r.join("tests/snapshots/cli");
    let mut snapshots = gtn_testkit::Snapshots::new(&dir).keep("uncovered.txt");
    let mut covered = BTreeSet::new();
    for (name, args) in cases() {
        let _ = std::fs::remove_dir_all(r.join("target/snapshots-out"));
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let t = gtn_in(&a, Some(&r));
        let text = format!(
            "$ gtn {}\nexit: {}\n--- stdout\n{}--- stderr\n{}",
            args.join(" "),
            t.code,
            t.stdout,
            t.stderr
        );
        let mut aj = a.clone();
        aj.extend(["--format", "json"]);
        let j = gtn_in(&aj, Some(&r));
        let json: serde_json::Value = serde_json::from_str(j.stdout.trim())
            .unwrap_or_else(|e| panic!("{name}: {e}: {}", j.stdout));
        if name.starts_with("explain-") && j.code == 0 {
            // The explanations are the registry itself, not codes produced.
        } else {
            codes(&json, &mut covered);
        }
        let pretty = serde_json::to_string_pretty(&json).unwrap() + "\n";
        snapshots.check(&format!("{name}.txt"), &text);
        snapshots.check(&format!("{name}.json"), &pretty);
    }
    snapshots.finish();
    let listed_text = std::fs::read_to_string(dir.join("uncovered.txt")).unwrap_or_default();
    let listed: BTreeSet<String> = listed_text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split_whitespace().next().unwrap().to_owned())
        .collect();
    let registry: BTreeSet<String> = gtn_diag::registry()
        .codes
        .iter()
        .map(|c| c.code.clone())
        .collect();
    // The service's and the C ABI's own codes have whole-answer snapshots
    // of their own (crates/gtn-server/tests/snapshots.rs,
    // crates/gtn-ffi/tests/snapshots.rs): `tests/snapshots/{http,ffi}/<code>-…`.
    for d in ["tests/snapshots/http", "tests/snapshots/ffi"] {
        for e in std::fs::read_dir(r.join(d)).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            let code = name.split('-').next().unwrap().to_owned();
            let text = std::fs::read_to_string(r.join(d).join(&name)).unwrap();
            assert!(
                text.contains(&format!("\"code\": \"{code}\"")),
                "{d}/{name}"
            );
            covered.insert(code);
        }
    }
    let missing: Vec<_> = registry
        .iter()
        .filter(|c| !covered.contains(*c) && !listed.contains(*c))
        .collect();
    let stale: Vec<_> = listed.iter().filter(|c| covered.contains(*c)).collect();
    let unknown: Vec<_> = covered.iter().filter(|c| !registry.contains(*c)).collect();
    assert!(
        missing.is_empty() && stale.is_empty() && unknown.is_empty(),
        "codes without a snapshot: {missing:?}; listed in uncovered.txt but covered: {stale:?}; produced but not registered: {unknown:?}"
    );
}
