#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
//! Issue 12, item 5: progress bars on stderr for long runs, when stderr is
//! a terminal: `generate` (records checked and written) and `validate` of a
//! large file (bytes and documents, after half a second). `--quiet`
//! silences them; without a terminal nothing is drawn.
//!
//! The terminal is a real pseudo-terminal made by `script` (util-linux,
//! on every Debian machine).

mod common;
use common::{bin, root, tempdir};
use std::process::Command;

/// Runs `gtn args` with stdout and stderr on a pseudo-terminal; all it drew.
fn on_terminal(args: &[&str]) -> String {
    let cmd = std::iter::once(bin().display().to_string())
        .chain(args.iter().map(|a| format!("'{a}'")))
        .collect::<Vec<_>>()
        .join(" ");
    let o = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("GTN_PROGRESS_DELAY_MS", "0")
        .env("NO_COLOR", "1")
        .current_dir(root())
        .output()
        .expect("`script` (util-linux) is needed for the terminal tests");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A valid file of `documents` Документ (the valid fixture's documents
/// repeated with distinct ИдДок), about 800 bytes each.
fn large_file(dir: &std::path::Path, documents: usize) -> String {
    let path = dir.join(common::fixture_file("valid-10").file_name().unwrap());
    let count = regex::Regex::new("КолДок=\"[0-9]+\"").unwrap();
    let id = regex::Regex::new("ИдДок=\"[^\"]*\"").unwrap();
    common::write_documents(
        &path,
        documents,
        |head| {
            count
                .replace(head, format!("КолДок=\"{documents}\"").as_str())
                .into_owned()
        },
        |i, doc| {
            id.replace(
                doc,
                format!("ИдДок=\"{i:08x}-0000-4000-8000-000000000000\"").as_str(),
            )
            .into_owned()
        },
    );
    path.to_str().unwrap().to_owned()
}

#[test]
fn validate_of_a_large_file_shows_bytes_and_documents_on_a_terminal() {
    let dir = tempdir();
    // The bar is drawn at once here (GTN_PROGRESS_DELAY_MS=0): a file of
    // 20 000 documents (16 MB) is checked in more than its 100 ms ticks.
    let f = large_file(&dir, 20_000);
    let shown = on_terminal(&["validate", "--threads", "1", &f]);
    assert!(shown.contains("соответствует формату: ошибок 0"), "{shown}");
    assert!(shown.contains("документов: "), "no bar: {shown}");
    assert!(shown.contains(" из "), "no size: {shown}");
    let quiet = on_terminal(&["validate", "--quiet", "--threads", "1", &f]);
    assert!(quiet.contains("соответствует формату"), "{quiet}");
    assert!(
        !quiet.contains("документов: "),
        "--quiet drew a bar: {quiet}"
    );
    // JSON on the terminal is one growing line: no bar cuts into it.
    let json = on_terminal(&["validate", "--threads", "1", "--format", "json", &f]);
    assert!(!json.contains("документов: "), "a bar over JSON: {json}");
    let v: serde_json::Value = serde_json::from_str(json.trim()).expect(&json);
    assert_eq!(v["valid"], true, "{json}");
    // Not a terminal: nothing but the report.
    let piped = common::gtn(&["validate", "--threads", "1", &f]);
    assert!(!piped.stderr.contains("документов: "), "{}", piped.stderr);
    assert!(piped.stderr.is_empty(), "{}", piped.stderr);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn generate_shows_records_written_on_a_terminal() {
    let dir = tempdir();
    let shown = on_terminal(&[
        "generate",
        "--sender",
        "examples/sender.toml",
        "--input",
        "examples/records.jsonl",
        "--type",
        "10",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(shown.contains("VO_AVTOTS_"), "{shown}");
    assert!(shown.contains("записано"), "no bar: {shown}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The bar's thread ends as soon as its file is done: a folder of many
/// small files on a terminal is not slowed (it waited 0,1 s a file: 400
/// files took 26 s instead of a fraction of a second). The bound is ten
/// times what the run needs, far below what the defect cost.
#[test]
fn many_small_files_on_a_terminal_are_not_slowed() {
    let dir = tempdir();
    let name = common::fixture_file("valid-10");
    for i in 0..100 {
        let sub = dir.join(format!("{i:03}"));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::copy(&name, sub.join(name.file_name().unwrap())).unwrap();
    }
    let start = std::time::Instant::now();
    let shown = on_terminal(&["validate", dir.to_str().unwrap()]);
    let took = start.elapsed();
    assert_eq!(
        shown.matches("соответствует формату").count(),
        100,
        "{shown}"
    );
    assert!(
        took < std::time::Duration::from_secs(5),
        "100 small files took {took:?} on a terminal"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
