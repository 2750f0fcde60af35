#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
//! A file written on one line (no line break between elements, as many
//! generators write them) is cut into parts like any other, and the parts
//! give exactly the report of one pass: same lines, same columns (the
//! columns of a part's first line are counted from the start of the line,
//! not of the part), same paths and counts. Also: the one-line file gives
//! the findings of the file with line breaks, at their own positions.

mod support;
use gtn_fns::validate::{Options, Report};
use proptest::prelude::*;
use support::*;

/// The example's records 5 times over, as text.
fn base() -> String {
    example_text(5)
}

/// The same file with no line break (nor indentation) between elements;
/// the declaration keeps its line, as some generators do, or not.
fn one_line(s: &str, keep_declaration_line: bool) -> String {
    let (decl, rest) = s.split_once('\n').unwrap();
    let body: String = rest
        .split('\n')
        .map(|l| l.trim_start_matches([' ', '\t']).trim_end_matches('\r'))
        .collect();
    if keep_declaration_line {
        format!("{decl}\n{body}")
    } else {
        format!("{decl}{body}")
    }
}

fn check(text: &str, part_size: u64, max_errors: Option<usize>) -> (Report, Report, usize) {
    let (bytes, _, bad) = encoding_rs::WINDOWS_1251.encode(text);
    assert!(!bad);
    let many = Options {
        max_errors,
        threads: 8,
        part_size,
        ..Options::default()
    };
    let (a, mut b) = one_pass_and_parts("one-line", &bytes, &many);
    let parts = b.parts;
    b.parts = 1;
    (a, b, parts)
}

#[test]
fn a_valid_one_line_file_is_cut_into_parts_and_stays_valid() {
    for keep in [true, false] {
        let s = one_line(&base(), keep);
        assert_eq!(s.lines().count(), if keep { 2 } else { 1 });
        let (a, b, parts) = check(&s, 8192, None);
        assert!(a.is_valid(), "{:#?}", a.findings);
        assert_eq!(a, b);
        assert!(
            parts > 4,
            "the one-line file was not cut into parts: {parts}"
        );
    }
}

/// Findings on a one-line file: the lines are 1 or 2, the columns are the
/// bytes from the start of that line, whichever part found them.
#[test]
fn findings_keep_their_columns_across_parts() {
    let s = one_line(&base(), true);
    // A bad date in several documents spread over the file.
    let mut t = String::new();
    for (i, piece) in s.split("ДатаОпер=\"").enumerate() {
        if i > 0 {
            t.push_str(if i % 17 == 0 {
                "ДатаОпер=\"3"
            } else {
                "ДатаОпер=\""
            });
        }
        t.push_str(piece);
    }
    let (a, b, parts) = check(&t, 4096, None);
    assert!(parts > 4, "{parts}");
    assert!(a.findings.len() >= 5, "{:#?}", a.findings);
    assert_eq!(a, b);
    let bytes = encoding_rs::WINDOWS_1251.encode(&t).0;
    let line_2 = bytes.iter().position(|&b| b == b'\n').unwrap() + 1;
    for f in &a.findings {
        assert_eq!(f.line, 2, "{f:?}");
        // The column points at the attribute's name.
        let at = line_2 + f.column as usize - 1;
        let name = encoding_rs::WINDOWS_1251.encode("ДатаОпер").0;
        assert!(bytes[at..].starts_with(&name), "{f:?}");
    }
}

#[derive(Debug, Clone)]
enum Edit {
    BadDate(usize),
    UnknownElement(usize),
    MissingAttribute(usize),
    CommentWithDocument(usize),
    DocumentInValue(usize),
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
        Edit::CommentWithDocument(n) => in_doc(&s, n, |d| {
            format!("<!--<Документ ИдДок=\"x\"><СвТрансп/>-->{d}")
        }),
        // `<` in a value is an error, and a cut there must not be trusted.
        Edit::DocumentInValue(n) => {
            in_doc(&s, n, |d| d.replacen("Марка=\"", "Марка=\"<Документ ", 1))
        }
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
        n.clone().prop_map(Edit::CommentWithDocument),
        n.clone().prop_map(Edit::DocumentInValue),
        n.clone().prop_map(Edit::WrongEndTag),
        n.prop_map(Edit::Truncate),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn one_line_parts_agree_with_one_pass(
        edits in prop::collection::vec(edit(), 0..5),
        part_size in 2000u64..40_000,
        max_errors in prop::option::of(1usize..6),
        keep in prop::bool::ANY,
    ) {
        let mut s = one_line(&base(), keep);
        for e in &edits {
            s = apply(s, e);
        }
        let (a, b, _) = check(&s, part_size, max_errors);
        prop_assert_eq!(a, b);
    }

    /// The same edits on the file with line breaks and on one line give the
    /// same findings (codes, paths, values, messages) in the same order.
    #[test]
    fn one_line_and_line_breaks_give_the_same_findings(
        edits in prop::collection::vec(edit(), 0..4),
    ) {
        let mut s = base();
        for e in &edits {
            if matches!(e, Edit::Truncate(_)) {
                continue;
            }
            s = apply(s, e);
        }
        let t = one_line(&s, true);
        let (a, _, _) = check(&s, 8192, None);
        let (b, _, _) = check(&t, 8192, None);
        let key = |r: &Report| {
            r.findings
                .iter()
                .map(|f| (f.code, f.path.clone(), f.value.clone(), f.message.clone()))
                .collect::<Vec<_>>()
        };
        prop_assert_eq!(key(&a), key(&b));
    }
}
