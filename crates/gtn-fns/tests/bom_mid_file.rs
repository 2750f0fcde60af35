#![allow(clippy::unwrap_used, missing_docs)]
//! The bytes of a UTF-8 byte-order mark (EF BB BF, «п»ї» in windows-1251)
//! in the middle of a file are text, not a mark to skip. quick-xml skips
//! them where a reader starts, and the validator starts one after a long
//! text: such a file was reported valid though xmllint rejects it (found
//! by an independent review). Each case is checked in one pass and in parts.

mod support;
use gtn_fns::validate::{validate_path, Options};
use std::path::Path;

fn fixture() -> Vec<u8> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/validate/valid/valid-10");
    let f = std::fs::read_dir(dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::read(f).unwrap()
}

#[test]
fn a_byte_order_mark_after_a_long_text_is_text() {
    let src = fixture();
    for (anchor, code) in [("</ИдОтпр>", "V025"), ("</Файл>", "V010")] {
        let (a, _, _) = encoding_rs::WINDOWS_1251.encode(anchor);
        let i = src.windows(a.len()).position(|w| w == &a[..]).unwrap() + a.len();
        let mut bytes = src[..i].to_vec();
        bytes.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
        bytes.extend(std::iter::repeat_n(b' ', 70_000));
        bytes.extend_from_slice(&src[i..]);
        let dir = support::tmp(&format!("bom-{code}"));
        let path = dir.join("VO_AVTOTS_9965_5024100010502401001_20250331_1.xml");
        std::fs::write(&path, &bytes).unwrap();
        for threads in [1, 4] {
            let options = Options {
                threads,
                part_size: 1024,
                ..Options::default()
            };
            let r = validate_path(&path, &options).unwrap();
            assert!(
                r.findings.iter().any(|f| f.code == code),
                "after {anchor}, {threads} threads: {:#?}",
                r.findings
            );
            if !r.stopped {
                assert_eq!(r.bytes, bytes.len() as u64, "{anchor}: no byte skipped");
            }
        }
        let (ok, _) = support::xmllint(&path);
        assert!(!ok, "xmllint accepts the file after {anchor}");
    }
}
