#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
//! Issue 12, defect 5 and the "Done when" of the issue: the peak memory of
//! `gtn` does not grow with its input.
//!
//! Each run is measured by a probe: this test binary started again as
//! `probe`, which runs `gtn` as its only child, waits for it and reads
//! `getrusage(RUSAGE_CHILDREN).ru_maxrss` — the peak resident set of that
//! one `gtn` process, whatever else runs on the machine. Never time.
//!
//! Sizes: `GTN_MEMORY_RECORDS` records for `generate` (CI: 20 000 with the
//! debug build; the 1 000 000 is the opt-in run
//! `GTN_MEMORY_RECORDS=1000000 cargo test --release -p gtn-cli --test cli_memory`,
//! which takes about two minutes with the release build and 1.8 GB of disk).

mod common;
use common::{root, tempdir};
use std::io::Write;
use std::process::{Command, Stdio};

/// Peak RSS allowed, KiB (64 MiB).
const LIMIT_KIB: u64 = 64 * 1024;

/// Runs `gtn args` under the probe: (exit status, peak RSS in KiB, stderr).
fn measured(args: &[&str]) -> (i32, u64, String) {
    let o = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "probe", "--nocapture", "--test-threads", "1"])
        .env("GTN_PROBE_ARGS", serde_json::to_string(args).unwrap())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    // The harness may print the test's name on the same line.
    let line = stdout
        .lines()
        .find_map(|l| l.find("PROBE ").map(|i| &l[i..]))
        .unwrap_or_else(|| panic!("probe said nothing: {stdout}"));
    let mut it = line.split_whitespace().skip(1);
    let code: i32 = it.next().unwrap().parse().unwrap();
    let kib: u64 = it.next().unwrap().parse().unwrap();
    let stderr = stdout
        .lines()
        .filter(|l| l.starts_with("STDERR "))
        .map(|l| &l[7..])
        .collect::<Vec<_>>()
        .join("\n");
    (code, kib, stderr)
}

/// The probe: does nothing unless started by [`measured`].
#[test]
fn probe() {
    let Ok(a) = std::env::var("GTN_PROBE_ARGS") else {
        return;
    };
    let args: Vec<String> = serde_json::from_str(&a).unwrap();
    let o = Command::new(common::bin())
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let u = nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN).unwrap();
    // Linux reports ru_maxrss in KiB.
    println!("PROBE {} {}", o.status.code().unwrap_or(-1), u.max_rss());
    for l in String::from_utf8_lossy(&o.stderr).lines().take(20) {
        println!("STDERR {l}");
    }
}

/// `n` records from the examples, each ИдДок made unique, written to `path`.
fn write_records(path: &std::path::Path, n: usize) {
    let text = std::fs::read_to_string(root().join("examples/records.jsonl")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..n {
        let l = lines[i % lines.len()];
        let round = i / lines.len();
        let l = l.replace("\"doc_id\": \"ГТН-", &format!("\"doc_id\": \"{round}-ГТН-"));
        writeln!(w, "{l}").unwrap();
    }
    w.flush().unwrap();
}

fn records_wanted() -> usize {
    std::env::var("GTN_MEMORY_RECORDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000)
}

#[test]
fn generate_peak_memory_is_flat() {
    let n = records_wanted();
    let dir = tempdir();
    let input = dir.join("records.jsonl");
    write_records(&input, n);
    let out = dir.join("out");
    let sender = root().join("examples/sender.toml");
    let (code, kib, stderr) = measured(&[
        "generate",
        "--sender",
        sender.to_str().unwrap(),
        "--input",
        input.to_str().unwrap(),
        "--type",
        "10",
        "--date",
        "2025-12-01",
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(code, 0, "{stderr}");
    eprintln!("generate, {n} records: peak RSS {kib} KiB");
    assert!(
        kib < LIMIT_KIB,
        "generate of {n} records: peak RSS {kib} KiB ≥ 64 MiB"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

// Defect 5: `generate --input /dev/zero` allocated until the process aborted.
#[test]
fn endless_input_is_read_in_bounded_memory() {
    let dir = tempdir();
    let sender = root().join("examples/sender.toml");
    let (code, kib, stderr) = measured(&[
        "generate",
        "--sender",
        sender.to_str().unwrap(),
        "--input",
        "/dev/zero",
        "--type",
        "10",
        "--out",
        dir.join("o").to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(kib < LIMIT_KIB, "peak RSS {kib} KiB ≥ 64 MiB");
}

/// A file with at least 300 000 findings: valid documents repeated with
/// errors in each (a bad ИНН check digit, a date after the file's date, a
/// plate too long).
fn file_with_findings(path: &std::path::Path, documents: usize) {
    common::write_documents(path, documents, str::to_owned, |i, doc| {
        doc.replacen("ИдДок=\"", &format!("ИдДок=\"{i}-"), 1)
            .replace("ДатаОпер=\"", "ДатаОпер=\"31.12.2099\" Х=\"")
    });
}

/// The file of [`file_with_findings`] has at least 3 findings per document.
#[test]
fn the_findings_file_has_three_findings_per_document() {
    let dir = tempdir();
    let f = dir.join("VO_AVTOTS_9965_5024100010502401001_20250331_1.xml");
    file_with_findings(&f, 10);
    let r = common::gtn(&["validate", "--all", "--format", "json", f.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let n = v["files"][0]["errors"].as_u64().unwrap_or(0);
    assert!(n >= 30, "{n} findings in 10 documents: {}", r.stdout);
}

// Defect 5: `validate` kept every finding (575 002 findings: 928 MB in
// text, 1.46 GB in JSON). Both formats now print findings as they come
// (JSON through `gtn_report::json::ValidateStream`; it took 190 MiB for
// 300 000 findings while it collected them).
#[test]
fn validate_with_300000_findings_in_bounded_memory() {
    validate_many_findings(&["text", "json"]);
}

fn validate_many_findings(formats: &[&str]) {
    let dir = tempdir();
    let f = dir.join("VO_AVTOTS_9965_5024100010502401001_20250331_1.xml");
    let docs = std::env::var("GTN_FINDINGS_DOCS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    file_with_findings(&f, docs);
    for &format in formats {
        let (code, kib, stderr) =
            measured(&["validate", "--all", "--format", format, f.to_str().unwrap()]);
        assert_eq!(code, 1, "{stderr}");
        eprintln!("validate --format {format}: peak RSS {kib} KiB");
        assert!(kib < LIMIT_KIB, "{format}: peak RSS {kib} KiB ≥ 64 MiB");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
