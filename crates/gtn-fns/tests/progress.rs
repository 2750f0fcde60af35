#![allow(clippy::unwrap_used, missing_docs)]
//! `Options::progress`: after a check the counters say the whole file was
//! read and every Документ met, in one pass, in parts and from a stream.

use gtn_fns::validate::{validate_path, validate_reader, Options, Progress};
use std::path::Path;

fn fixture() -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/validate/valid/valid-10");
    std::fs::read_dir(dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path()
}

#[test]
fn counters_reach_the_size_and_the_documents() {
    let path = fixture();
    let size = std::fs::metadata(&path).unwrap().len();
    for (threads, part_size) in [(1, 0), (4, 64)] {
        let p = Progress::new();
        let options = Options {
            threads,
            part_size,
            progress: Some(p.clone()),
            ..Options::default()
        };
        let r = validate_path(&path, &options).unwrap();
        assert!(r.is_valid(), "{:#?}", r.findings);
        assert!(r.documents > 1);
        assert_eq!(p.bytes(), size, "threads {threads}, parts {}", r.parts);
        assert_eq!(p.documents(), r.documents, "threads {threads}");
        if threads > 1 {
            assert!(r.parts > 1, "the small part size cuts the file");
        }
    }
    let p = Progress::new();
    let options = Options {
        progress: Some(p.clone()),
        ..Options::default()
    };
    let bytes = std::fs::read(&path).unwrap();
    let r = validate_reader(None, &bytes[..], &options);
    assert_eq!(p.bytes(), size);
    assert_eq!(p.documents(), r.documents);
}
