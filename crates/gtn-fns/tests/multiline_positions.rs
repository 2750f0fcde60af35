#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
//! Findings on attributes of tags written over several lines (CR LF, tabs,
//! blanks around `=`, as independent emitters write them) point at the
//! attribute's name: the line and column are compared with a slow count
//! over the file's bytes (line breaks before the name, bytes since the
//! last one), in one pass and in parts.

mod support;
use gtn_fns::validate::{Options, Report};
use proptest::prelude::*;
use support::*;

/// The example's records 2 times over, as text.
fn base() -> String {
    example_text(2)
}

/// Blanks between attributes, and around `=`.
const GAPS: [&str; 6] = [" ", "\r\n\t", "\r\n\t\t ", "\t", "\n  \t", "\r\n\r\n\t"];
const EQS: [&str; 4] = ["=", " = ", "\t=\r\n\t", "\r\n="];

/// What is done to an attribute of the chosen tags.
#[derive(Debug, Clone, Copy)]
enum Bad {
    /// Its name is replaced by one the format does not know (V030).
    UnknownName,
    /// Its value is made far too long (a length, code or date error, or
    /// none for a text of unbounded length).
    LongValue,
}

/// An attribute spoiled: the tag (the n-th of those with attributes), the
/// attribute in it, how.
type Spoil = (usize, usize, Bad);

/// Rewrites every start tag of `s` over several lines, spoiling the chosen
/// attributes; returns the file's bytes and, for each attribute given an
/// unknown name, the byte offset of its name and that name.
fn reshape(s: &str, seed: usize, spoil: &[Spoil]) -> (Vec<u8>, Vec<(usize, String)>) {
    let enc = |t: &str| encoding_rs::WINDOWS_1251.encode(t).0.into_owned();
    let mut out = Vec::new();
    let mut marks = Vec::new();
    let mut rest = s;
    let mut tag = 0usize;
    let mut k = seed;
    let mut pick = |n: usize| {
        k = k
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (k >> 33) % n
    };
    while let Some(i) = rest.find('<') {
        out.extend(enc(&rest[..i]));
        rest = &rest[i..];
        let end = rest.find('>').unwrap() + 1;
        let t = &rest[..end];
        rest = &rest[end..];
        let plain = t[1..].starts_with(|c: char| c.is_alphabetic());
        if !plain || !t.contains('=') {
            out.extend(enc(t));
            continue;
        }
        let body = t[1..].trim_end_matches('>');
        let (body, close) = match body.strip_suffix('/') {
            Some(b) => (b, "/>"),
            None => (body, ">"),
        };
        let (name, mut attrs) = body.split_once(' ').unwrap();
        out.extend(enc(&format!("<{name}")));
        let mut n = 0usize;
        while let Some(eq) = attrs.find("=\"") {
            let key = attrs[..eq].trim();
            let close_quote = attrs[eq + 2..].find('"').unwrap() + eq + 2;
            let value = &attrs[eq + 2..close_quote];
            attrs = &attrs[close_quote + 1..];
            out.extend(enc(GAPS[pick(GAPS.len())]));
            let bad = spoil
                .iter()
                .find(|(t, a, _)| *t == tag && *a == n)
                .map(|s| s.2);
            let (key, value) = match bad {
                Some(Bad::UnknownName) => ("Лишний".to_owned(), value.to_owned()),
                Some(Bad::LongValue) => (key.to_owned(), format!("{value}{}", "9".repeat(3000))),
                None => (key.to_owned(), value.to_owned()),
            };
            if let Some(Bad::UnknownName) = bad {
                marks.push((out.len(), key.clone()));
            }
            out.extend(enc(&key));
            out.extend(enc(EQS[pick(EQS.len())]));
            out.extend(enc(&format!("\"{value}\"")));
            n += 1;
        }
        if pick(3) == 0 {
            out.extend(enc(GAPS[pick(GAPS.len())]));
        }
        out.extend(enc(close));
        tag += 1;
    }
    out.extend(enc(rest));
    // Spoils past the last attribute of their tag (or past the last tag)
    // spoil nothing.
    (out, marks)
}

/// Line and column of byte `at`, counted over the file's bytes.
fn reference(file: &[u8], at: usize) -> (u64, u64) {
    let before = &file[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |j| j + 1);
    (line, (at - start) as u64 + 1)
}

fn check(bytes: &[u8], part_size: u64) -> (Report, Report) {
    let many = Options {
        threads: 4,
        part_size,
        ..Options::default()
    };
    let (a, mut b) = one_pass_and_parts("multiline", bytes, &many);
    b.parts = 1;
    (a, b)
}

#[test]
fn a_valid_file_over_several_lines_stays_valid() {
    let (bytes, marks) = reshape(&base(), 7, &[]);
    assert!(marks.is_empty());
    assert!(bytes.windows(2).filter(|w| w == b"\r\n").count() > 100);
    let (a, b) = check(&bytes, 4096);
    assert!(a.is_valid(), "{:#?}", a.findings);
    assert_eq!(a, b);
}

fn spoil() -> impl Strategy<Value = Spoil> {
    (
        0usize..300,
        0usize..12,
        prop_oneof![Just(Bad::UnknownName), Just(Bad::LongValue)],
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn attribute_findings_point_at_the_name(
        spoils in prop::collection::vec(spoil(), 1..5),
        seed in any::<usize>(),
        part_size in 2000u64..20_000,
    ) {
        let (bytes, marks) = reshape(&base(), seed, &spoils);
        let (a, b) = check(&bytes, part_size);
        prop_assert_eq!(&a, &b);
        for (at, key) in &marks {
            let (line, column) = reference(&bytes, *at);
            let ending = format!("/@{key}");
            let hits: Vec<_> = a
                .findings
                .iter()
                .filter(|f| f.path.ends_with(&ending) && f.line == line && f.column == column)
                .collect();
            prop_assert!(
                !hits.is_empty(),
                "no finding at {}:{} for @{}: {:#?}",
                line,
                column,
                key,
                a.findings
            );
        }
        // Every finding on an attribute points at that attribute's name; a
        // finding on a missing one (V031, or a business rule that needs it)
        // points at its element's name, and that tag must then lack it.
        for f in a.findings.iter().filter(|f| f.path.contains("/@")) {
            let (element, key) = f.path.rsplit_once("/@").unwrap();
            let element = element.rsplit('/').next().unwrap();
            let element = element.split('[').next().unwrap();
            let key = encoding_rs::WINDOWS_1251.encode(key).0;
            let line_start = if f.line == 1 {
                0
            } else {
                bytes
                    .iter()
                    .enumerate()
                    .filter(|(_, &b)| b == b'\n')
                    .nth(f.line as usize - 2)
                    .unwrap()
                    .0
                    + 1
            };
            let at = line_start + f.column as usize - 1;
            let open = encoding_rs::WINDOWS_1251.encode(&format!("<{element}")).0.into_owned();
            if bytes[at - 1..].starts_with(&open) {
                let tag = &bytes[at..at + bytes[at..].iter().position(|&b| b == b'>').unwrap()];
                let tag = encoding_rs::WINDOWS_1251.decode(tag).0;
                let name = f.path.rsplit("/@").next().unwrap();
                let named = tag
                    .split('"')
                    .step_by(2)
                    .any(|between| between.split(|c: char| c.is_whitespace() || c == '=').any(|w| w == name));
                prop_assert!(!named, "a finding on @{} present points at its tag: {:#?}", name, f);
            } else {
                prop_assert!(bytes[at..].starts_with(&key), "{:#?} at {:?}", f, encoding_rs::WINDOWS_1251.decode(&bytes[at.saturating_sub(20)..(at + 40).min(bytes.len())]).0);
            }
        }
    }
}
