//! `validate_bytes` (a file in memory, used by the C ABI) gives exactly the
//! report of `validate_path` on the same file, for every fixture of
//! tests/validate (one per rule), including confirmed repeats of ИдДок.

#![allow(clippy::unwrap_used)]

use gtn_fns::validate::{validate_bytes, validate_path, Options};
use std::path::{Path, PathBuf};

fn xml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            xml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "xml") {
            out.push(p);
        }
    }
}

#[test]
fn bytes_and_path_give_the_same_report_on_every_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/validate");
    let mut files = Vec::new();
    xml_files(&root, &mut files);
    assert!(
        files.len() > 30,
        "fixtures not found under {}",
        root.display()
    );
    let mut repeats = 0;
    for f in files {
        let opts = Options {
            threads: 1,
            ..Options::default()
        };
        let by_path = validate_path(&f, &opts).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let by_bytes = validate_bytes(Some(&name), &std::fs::read(&f).unwrap(), &opts);
        // Not assert_eq!: a fixture may hold a megabyte-long value.
        assert!(
            by_bytes == by_path,
            "{}: bytes {:?} vs path {:?}",
            f.display(),
            by_bytes.findings.iter().map(|x| x.code).collect::<Vec<_>>(),
            by_path.findings.iter().map(|x| x.code).collect::<Vec<_>>()
        );
        repeats += by_path
            .findings
            .iter()
            .filter(|x| x.code == "V047" && x.severity == gtn_fns::validate::Severity::Error)
            .count();
    }
    assert!(repeats > 0, "no fixture with a confirmed repeat of ИдДок");
}
