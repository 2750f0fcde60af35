#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
//! A file checked in parts on several threads gives exactly the report of
//! one pass: same findings, lines, columns, paths (Документ[n]), counts,
//! including repeats of ИдДок across parts, КолДок, --max-errors, cuts that
//! fall inside a comment, and broken files (which fall back to one pass).

mod support;
use gtn_fns::validate::{Options, Report};
use proptest::prelude::*;
use support::*;

thread_local! {
    /// Parts used by the last threaded check.
    static PARTS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The example's records 5 times over, as text.
fn base() -> String {
    example_text(5)
}

fn reports(text: &str, part_size: u64, max_errors: Option<usize>) -> (Report, Report) {
    let (bytes, _, bad) = encoding_rs::WINDOWS_1251.encode(text);
    assert!(!bad);
    let many = Options {
        max_errors,
        threads: 8,
        part_size,
        ..Options::default()
    };
    let (a, mut b) = one_pass_and_parts("par", &bytes, &many);
    assert_eq!(a.parts, 1);
    PARTS.with(|c| c.set(b.parts));
    b.parts = 1;
    (a, b)
}

#[derive(Debug, Clone)]
enum Edit {
    BadDate(usize),
    UnknownElement(usize),
    MissingAttribute(usize),
    RepeatFirstId(usize),
    CommentWithDocument(usize),
    WrongEndTag(usize),
    Truncate(usize),
}

fn apply(s: String, e: &Edit) -> String {
    match *e {
        Edit::BadDate(n) => in_doc(&s, n, |d| d.replacen("ДатаОпер=\"", "ДатаОпер=\"3", 1)),
        Edit::UnknownElement(n) => {
            in_doc(&s, n, |d| d.replacen("<СвРегис", "<Лишний/><СвРегис", 1))
        }
        Edit::MissingAttribute(n) => in_doc(&s, n, |d| d.replacen(" КодОпер=\"", " X=\"", 1)),
        Edit::RepeatFirstId(n) => {
            let key = "ИдДок=\"";
            let Some(first) = s.find(key) else { return s };
            let Some(id) = s.get(first + key.len()..first + key.len() + 36) else {
                return s;
            };
            let id = id.to_owned();
            in_doc(&s, n, |d| match d.find(key) {
                Some(i) if d.len() >= i + key.len() + 36 => {
                    let i = i + key.len();
                    format!("{}{}{}", &d[..i], id, &d[i + 36..])
                }
                _ => d.to_owned(),
            })
        }
        Edit::CommentWithDocument(n) => in_doc(&s, n, |d| {
            format!("<!--\n\t<Документ ИдДок=\"x\">\n\t\t<СвТрансп/>\n-->{d}")
        }),
        Edit::WrongEndTag(n) => in_doc(&s, n, |d| format!("{d}</СведФЛ>")),
        Edit::Truncate(n) => {
            let cut = n * 997 % s.len();
            let cut = (0..=cut).rev().find(|&i| s.is_char_boundary(i)).unwrap();
            s[..cut].to_owned()
        }
    }
}

fn edit() -> impl Strategy<Value = Edit> {
    let n = 0usize..400;
    prop_oneof![
        n.clone().prop_map(Edit::BadDate),
        n.clone().prop_map(Edit::UnknownElement),
        n.clone().prop_map(Edit::MissingAttribute),
        (1usize..400).prop_map(Edit::RepeatFirstId),
        n.clone().prop_map(Edit::CommentWithDocument),
        n.clone().prop_map(Edit::WrongEndTag),
        n.prop_map(Edit::Truncate),
    ]
}

#[test]
fn parts_give_the_same_report_on_a_valid_file() {
    let (a, b) = reports(&base(), 8192, None);
    assert!(a.is_valid(), "{:#?}", a.findings);
    assert_eq!(a, b);
    assert!(
        PARTS.with(|c| c.get()) > 4,
        "the file was not cut into parts"
    );
}

#[test]
fn repeats_across_parts_and_document_numbers_are_kept() {
    let s = apply(base(), &Edit::RepeatFirstId(170));
    let s = apply(s, &Edit::BadDate(150));
    let (a, b) = reports(&s, 4096, None);
    assert!(
        a.findings.iter().any(|f| f.code == "V047"),
        "{:#?}",
        a.findings
    );
    assert!(
        a.findings
            .iter()
            .any(|f| f.path.starts_with("Файл/Документ[151]/")),
        "{:#?}",
        a.findings
    );
    assert_eq!(a, b);
    assert!(
        PARTS.with(|c| c.get()) > 4,
        "the file was not cut into parts"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn parts_agree_with_one_pass(
        edits in prop::collection::vec(edit(), 0..5),
        part_size in 2000u64..40_000,
        max_errors in prop::option::of(1usize..6),
        count_off in prop::bool::ANY,
    ) {
        let mut s = base();
        if count_off {
            s = s.replacen("КолДок=\"", "КолДок=\"1", 1);
        }
        for e in &edits {
            s = apply(s, e);
        }
        let (a, b) = reports(&s, part_size, max_errors);
        prop_assert_eq!(a, b);
    }
}

/// A part with more findings than it may keep (`PART_FINDINGS`) is
/// abandoned for one pass: the report is still that of one pass, and the
/// findings streamed to a sink are the collected ones, in order.
#[test]
fn many_findings_stream_and_parts_stay_bounded() {
    let extra: String = (0..60).map(|i| format!(" Лишний{i}=\"1\"")).collect();
    let s = base().replace("<СвРегис ", &format!("<СвРегис{extra} "));
    // Two parts, each with more findings than it may keep.
    let half = encoding_rs::WINDOWS_1251.encode(&s).0.len() as u64 / 2;
    let (a, b) = reports(&s, half, None);
    let v030 = a.findings.iter().filter(|f| f.code == "V030").count();
    assert!(
        v030 > 2 * gtn_fns::validate::PART_FINDINGS,
        "{v030} findings"
    );
    assert_eq!(a, b);
    assert_eq!(
        PARTS.with(|c| c.get()),
        1,
        "a part over the bound must fall back to one pass"
    );
    // Streaming: the same findings, in the same order, without collecting.
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&s);
    let dir = tmp("stream");
    let p = dir.join(PARTS_NAME);
    std::fs::write(&p, &bytes).unwrap();
    let mut streamed = Vec::new();
    let options = Options {
        threads: 2,
        part_size: half,
        ..Options::default()
    };
    let summary =
        gtn_fns::validate::validate_path_to(&p, &options, &mut |f| streamed.push(f)).unwrap();
    assert_eq!(streamed, a.findings);
    assert_eq!(summary.errors, a.errors());
    assert_eq!(summary.documents, a.documents);
}
