//! Shared helpers of the gtn-fns tests: fixtures and xmllint.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use gtn_fns::{input, FileHeader, FileName, FileWriter, InfoType, Record, Sender};
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn xsd() -> PathBuf {
    root().join("xsd/VO_AVTOTS_2_230_07_04_04_01.xsd")
}

pub fn sender() -> Sender {
    let p = root().join("examples/sender.toml");
    input::parse_sender(p.to_str().unwrap(), &std::fs::read_to_string(&p).unwrap()).unwrap()
}

pub fn example_records() -> Vec<Record> {
    let p = root().join("examples/records.jsonl");
    let f = std::io::BufReader::new(std::fs::File::open(&p).unwrap());
    input::records("records.jsonl", f)
        .map(|r| r.unwrap().1)
        .collect()
}

pub fn header(date: NaiveDate, info: InfoType, count: u64) -> FileHeader {
    let s = sender();
    FileHeader {
        file_name: FileName::new(s.inn, s.kpp, date, "1").unwrap(),
        info,
        program_version: Some("gtn-test".into()),
        sender: s,
        doc_count: count,
    }
}

/// Writes records into bytes with deterministic identifiers.
pub fn write_bytes(h: &FileHeader, records: &[Record]) -> Vec<u8> {
    let mut w = FileWriter::new(Vec::new(), h).unwrap();
    let mut ids = gtn_fns::SequentialGuids::default();
    for r in records {
        let id = r
            .doc_id
            .as_deref()
            .map_or_else(|| gtn_fns::IdSource::next_id(&mut ids), str::to_owned);
        w.write(r, &id).unwrap();
    }
    w.finish().unwrap()
}

/// Runs `xmllint --schema` on a file; returns (ok, stderr). Fails the test
/// if xmllint is missing: the schema tests must not pass silently.
pub fn xmllint(file: &Path) -> (bool, String) {
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(xsd())
        .arg(file)
        .output()
        .expect("xmllint is required for the schema tests: apt-get install -y libxml2-utils");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub fn tmp(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("fns-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// One record of each owner kind from the example (the golden file's records).
pub fn small_records() -> Vec<Record> {
    let all = example_records();
    let pick = |kind: &str, needle: &str| {
        all.iter()
            .find(|r| {
                let v = serde_json::to_value(r).unwrap();
                v["owner"]["kind"] == kind && v.to_string().contains(needle)
            })
            .cloned()
            .unwrap()
    };
    vec![
        pick("citizen", "Ёлкин"),
        pick("russian_organisation", "&"),
        pick("foreign_organisation", "registration_number"),
        pick("sole_trader", ""),
    ]
}

/// The name the file-cutting tests give their files.
pub const PARTS_NAME: &str = "VO_AVTOTS_9965_5024100010502401001_20250331_1.xml";

/// The example's records `copies` times over (ИдДок left to the writer, so
/// every one is new), written as one file of 31.03.2025, as text.
pub fn example_text(copies: usize) -> String {
    let mut recs = Vec::new();
    for _ in 0..copies {
        recs.extend(example_records().into_iter().map(|mut r| {
            r.doc_id = None;
            r
        }));
    }
    let h = header(
        NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(),
        InfoType::Within10Days,
        recs.len() as u64,
    );
    encoding_rs::WINDOWS_1251
        .decode(&write_bytes(&h, &recs))
        .0
        .into_owned()
}

/// `bytes` written to a file of its own (folder named by `tag`) and checked
/// twice: in one pass (one thread, `many`'s `max_errors`) and with `many`'s
/// threads and parts. The reports as they come (the second keeps its count
/// of parts).
pub fn one_pass_and_parts(
    tag: &str,
    bytes: &[u8],
    many: &gtn_fns::validate::Options,
) -> (gtn_fns::validate::Report, gtn_fns::validate::Report) {
    use gtn_fns::validate::{validate_path, Options};
    let dir = tmp(&format!("{tag}-{}-{}", many.part_size, bytes.len()));
    let p = dir.join(PARTS_NAME);
    std::fs::write(&p, bytes).unwrap();
    let one = Options {
        max_errors: many.max_errors,
        threads: 1,
        ..Options::default()
    };
    (
        validate_path(&p, &one).unwrap(),
        validate_path(&p, many).unwrap(),
    )
}

/// `s` with `edit` applied to its `n`-th Документ (0-based, wrapping);
/// `s` as it is when it has none.
pub fn in_doc(s: &str, n: usize, edit: impl Fn(&str) -> String) -> String {
    let starts: Vec<usize> = s.match_indices("<Документ ").map(|(i, _)| i).collect();
    if starts.is_empty() {
        return s.to_owned();
    }
    let i = starts[n % starts.len()];
    let end = s[i..].find("</Документ>").map_or(s.len(), |e| e + i);
    format!("{}{}{}", &s[..i], edit(&s[i..end]), &s[end..])
}
