#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
//! Differential test of the validator against `xmllint --schema` (libxml2,
//! which we did not write) on single-defect mutants of valid files.
//!
//! A generator of our own makes each mutant by one change to a valid file:
//! an attribute deleted, duplicated, emptied, at its length limits ±1 (the
//! limits read from the XSD text, not from our tables), with spaces and
//! white-space character references around or inside, wrong character
//! classes, too many digits, impossible and edge dates, edge years, legal
//! and illegal lexical forms of numbers, enumerations off by one, forbidden
//! and legal character references; an element deleted, duplicated, swapped,
//! renamed, given text, white space, CDATA or a comment; namespace
//! declarations and `xsi:` attributes; variants of the XML declaration; and
//! byte-level corruption. Then:
//!
//! * **no miss**: every mutant xmllint rejects, gtn rejects (an error);
//! * **no unexplained rejection**: every error gtn reports on a mutant
//!   xmllint accepts has the code of a documented business rule
//!   (`gtn_fns::format::rules::RULES`).
//!
//! CI runs 5 000 mutants with a fixed seed. Longer runs:
//! `GTN_DIFF_SEED=7 GTN_DIFF_COUNT=50000 cargo test -p gtn-fns --release --test differential -- --nocapture`.
//! Mutants that disagree are kept under `target/tmp/` for inspection.

mod support;
use chrono::NaiveDate;
use gtn_fns::format::rules;
use gtn_fns::validate::{validate_bytes, Options, Severity};
use gtn_fns::InfoType;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::process::Command;
use support::*;

const NAME: &str = "VO_AVTOTS_9965_5024100010502401001_20250331_1.xml";

/// splitmix64: small, seedable, reproducible.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

/// Valid files: a _10 file and a ГОД file of the example's four owner kinds,
/// and a _10 file of all 36 example records.
fn bases() -> Vec<String> {
    let date = NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
    let small = small_records();
    let all: Vec<_> = example_records()
        .into_iter()
        .filter(|r| {
            gtn_fns::check_record(r, date).is_empty()
                && r.operation.date <= date
                && r.registration.certificate.issued_on <= date
        })
        .collect();
    let mut out = Vec::new();
    for (info, recs) in [
        (InfoType::Within10Days, &small),
        (InfoType::Yearly(2024), &small),
        (InfoType::Within10Days, &all),
    ] {
        let h = header(date, info, recs.len() as u64);
        let bytes = write_bytes(&h, recs);
        out.push(encoding_rs::WINDOWS_1251.decode(&bytes).0.into_owned());
    }
    out
}

/// Length facets of each attribute name, read from the XSD text itself.
fn xsd_lengths() -> HashMap<String, Vec<usize>> {
    let raw = std::fs::read(xsd()).unwrap();
    let text = encoding_rs::WINDOWS_1251.decode(&raw).0.into_owned();
    let facet = regex::Regex::new(r#"<xs:(length|minLength|maxLength) value="(\d+)""#).unwrap();
    let mut types: HashMap<String, Vec<usize>> = HashMap::new();
    let st =
        regex::Regex::new(r#"(?s)<xs:simpleType name="([^"]+)">(.*?)</xs:simpleType>"#).unwrap();
    for c in st.captures_iter(&text) {
        types.insert(
            c[1].to_owned(),
            facet
                .captures_iter(&c[2])
                .map(|f| f[2].parse().unwrap())
                .collect(),
        );
    }
    let attr = regex::Regex::new(
        r#"(?s)<xs:attribute name="([^"]+)"( type="([^"]+)")?[^>]*?(/>|>(.*?)</xs:attribute>)"#,
    )
    .unwrap();
    let mut out: HashMap<String, Vec<usize>> = HashMap::new();
    for c in attr.captures_iter(&text) {
        let mut v: Vec<usize> = c
            .get(5)
            .map(|b| {
                facet
                    .captures_iter(b.as_str())
                    .map(|f| f[2].parse().unwrap())
                    .collect()
            })
            .unwrap_or_default();
        if let Some(t) = c.get(3) {
            v.extend(types.get(t.as_str()).cloned().unwrap_or_default());
        }
        out.entry(c[1].to_owned()).or_default().extend(v);
    }
    out
}

/// A tag of the text: byte range, name, attributes (name, value range).
struct Tag {
    start: usize,
    end: usize,
    name: String,
    closing: bool,
    empty: bool,
    attrs: Vec<(String, std::ops::Range<usize>)>,
}

fn tags(s: &str) -> Vec<Tag> {
    let re = regex::Regex::new(r#"<(/?)([^\s/>?!]+)([^>]*?)(/?)>"#).unwrap();
    let at = regex::Regex::new(r#"([^\s=]+)="([^"]*)""#).unwrap();
    re.captures_iter(s)
        .map(|c| {
            let whole = c.get(0).unwrap();
            let body = c.get(3).unwrap();
            Tag {
                start: whole.start(),
                end: whole.end(),
                name: c[2].to_owned(),
                closing: &c[1] == "/",
                empty: &c[4] == "/",
                attrs: at
                    .captures_iter(body.as_str())
                    .map(|a| {
                        let v = a.get(2).unwrap();
                        (
                            a[1].to_owned(),
                            body.start() + v.start()..body.start() + v.end(),
                        )
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The byte range of the element starting at tag `i` (through its end tag).
fn element(s: &str, t: &[Tag], i: usize) -> std::ops::Range<usize> {
    if t[i].empty {
        return t[i].start..t[i].end;
    }
    let mut depth = 0;
    for tag in &t[i..] {
        if tag.closing {
            depth -= 1;
            if depth == 0 {
                return t[i].start..tag.end;
            }
        } else if !tag.empty {
            depth += 1;
        }
    }
    t[i].start..s.len()
}

const DATES: &[&str] = &[
    "31.04.2020",
    "29.02.2021",
    "29.02.1900",
    "29.02.2000",
    "28.02.1900",
    "00.01.2020",
    "01.00.2020",
    "32.01.2020",
    "01.13.2020",
    "1.1.2020",
    "01.01.1899",
    "31.12.2099",
    "01.01.2100",
    "2020-01-01",
    "01.01.20200",
    " 01.01.2020",
    "01.01.2020 ",
    "01/01/2020",
    "30.02.2020",
    "31.06.2020",
    "31.12.2024",
    "01.04.2025",
    "31.03.2025",
];
const YEARS: &[&str] = &[
    "0999",
    "1899",
    "1900",
    "2099",
    "2100",
    "10000",
    "2020Z",
    "2020+03:00",
    "2020-14:00",
    "2020+14:01",
    "2020+15:00",
    "-2020",
    "02020",
    " 2020 ",
    "2020 ",
    "20 20",
    "0000",
    "99",
    "2025",
    "2026",
    "2024",
    "２０２０",
    "2020.0",
    "+2020",
];
const NUMBERS: &[&str] = &[
    "+6",
    "-6",
    " 6 ",
    "06",
    "6.0",
    "0",
    "-0",
    "1e3",
    ".5",
    "5.",
    "1 000",
    "1,5",
    "+0",
    "000000001",
    "0000000001",
    "999999999",
    "1000000000",
    "&#32;4",
    "4&#xA;",
    "&#x9;100",
    "100.1234567",
    "100.123456",
    "123456.123456",
    "1234567.123456",
    "0.000001",
    "0.0000001",
    "-81",
    "81.000000000",
    "0000000000081",
    "+.5",
    "-.0",
    "",
    " ",
];
const BAD_REFS: &[&str] = &[
    "&#1;",
    "&#x8;",
    "&#xB;",
    "&#x1F;",
    "&#xFFFE;",
    "&#xFFFF;",
    "&#0;",
    "&#xD800;",
    "&#x110000;",
    "&bogus;",
    "&",
    "&#;",
    "&#x;",
    "&#12a;",
    "<",
];
const OK_REFS: &[&str] = &[
    "&#32;",
    "&#9;",
    "&#xA;",
    "&#13;",
    "&#1025;",
    "&#x410;",
    "&#x10000;",
    "&amp;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&apos;",
    "&#x20AC;",
    "\t",
    "\n",
    "\r\n",
    " ",
];
const DECLS: &[&str] = &[
    "<?xml version=\"1.0\" encoding=\"WINDOWS-1251\"?>",
    "<?xml version=\"1.0\" encoding=\"cp1251\"?>",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
    "<?xml version=\"1.0\" encoding=\"KOI8-R\"?>",
    "<?xml version=\"1.0\"?>",
    "",
    "<?xml version='1.0' encoding='windows-1251'?>",
    "<?xml  version=\"1.0\"  encoding = \"windows-1251\"?>",
    "<?xml version=\"1.0\" encoding=\"windows-1251\" standalone=\"yes\"?>",
    "<?xml version=\"1.1\" encoding=\"windows-1251\"?>",
    "<?xml version=\"1.0\" encoding=\"windows-1251\" ?>",
    " <?xml version=\"1.0\" encoding=\"windows-1251\"?>",
    "<?xml encoding=\"windows-1251\" version=\"1.0\"?>",
    "<!-- комментарий --><?xml version=\"1.0\" encoding=\"windows-1251\"?>",
];
const NS_ATTRS: &[&str] = &[
    " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"VO_AVTOTS_2_230_07_04_04_01.xsd\"",
    " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"",
    " xmlns=\"\"",
    " xmlns=\"urn:x\"",
    " xmlns:p=\"urn:x\"",
    " xmlns:p=\"urn:x\" p:a=\"1\"",
    " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"",
    " xmlns:x=\"http://www.w3.org/2001/XMLSchema-instance\" x:noNamespaceSchemaLocation=\"a.xsd\"",
    " xmlns:xsi=\"urn:not-xsi\" xsi:noNamespaceSchemaLocation=\"a.xsd\"",
    " xsi:noNamespaceSchemaLocation=\"a.xsd\"",
    " xml:lang=\"ru\"",
    " q:a=\"1\"",
    " xmlns:p=\"\"",
];
const CONTENT: &[&str] = &[
    " ",
    "\r\n",
    "\t",
    "x",
    "&#32;",
    "&#xA;",
    "&#9;",
    "&#13;",
    "<![CDATA[ ]]>",
    "<![CDATA[x]]>",
    "<!-- c -->",
    "<?pi x?>",
    "&amp;",
    "&#1;",
    " &#x410; ",
    "<!---->",
];

/// One mutant: the description and its bytes.
/// A valid file and its tags, found once.
struct Base {
    text: String,
    tags: Vec<Tag>,
    starts: Vec<usize>,
    with_attrs: Vec<usize>,
}

impl Base {
    fn new(text: String) -> Self {
        let tags = tags(&text);
        let starts: Vec<usize> = (0..tags.len()).filter(|&i| !tags[i].closing).collect();
        let with_attrs = starts
            .iter()
            .copied()
            .filter(|&i| !tags[i].attrs.is_empty())
            .collect();
        Base {
            text,
            tags,
            starts,
            with_attrs,
        }
    }
}

fn mutate(b: &Base, lengths: &HashMap<String, Vec<usize>>, rng: &mut Rng) -> (String, Vec<u8>) {
    let (base, t, starts, with_attrs) = (b.text.as_str(), &b.tags, &b.starts, &b.with_attrs);
    let enc = |s: &str| -> Vec<u8> {
        let (b, _, _) = encoding_rs::WINDOWS_1251.encode(s);
        b.into_owned()
    };
    let splice = |r: std::ops::Range<usize>, with: &str| {
        format!("{}{with}{}", &base[..r.start], &base[r.end..])
    };
    let op = rng.below(100);
    let i = *rng.pick(with_attrs);
    let (aname, vr) = t[i].attrs[rng.below(t[i].attrs.len())].clone();
    let value = &base[vr.clone()];
    let whole_attr = {
        // ` name="value"`
        let s = vr.start - aname.len() - 3;
        s..vr.end + 1
    };
    let d = |what: &str| format!("{}/@{aname}: {what}", t[i].name);
    let text = match op {
        0..=3 => (d("удалён"), splice(whole_attr.clone(), "")),
        4..=5 => {
            let a = base[whole_attr.clone()].to_owned();
            (
                d("повторён"),
                splice(whole_attr.start..whole_attr.start, &a),
            )
        }
        6..=7 => (d("пуст"), splice(vr.clone(), "")),
        8..=15 => {
            let limits = lengths.get(&aname).cloned().unwrap_or_default();
            let mut targets: Vec<usize> = limits
                .iter()
                .flat_map(|&n| [n.saturating_sub(1), n, n + 1])
                .collect();
            targets.push(value.chars().count() + 1);
            let n = *rng.pick(&targets);
            let fill: Vec<char> = if value.is_empty() {
                vec!['1']
            } else {
                value.chars().collect()
            };
            let class = *rng.pick(&['1', 'Ж', 'A', ' ']);
            let v: String = (0..n)
                .map(|k| {
                    if k < fill.len() {
                        fill[k]
                    } else if class == ' ' {
                        fill[k % fill.len()]
                    } else {
                        class
                    }
                })
                .collect();
            (d(&format!("длина {n}")), splice(vr.clone(), &v))
        }
        16..=25 => {
            let r = *rng.pick(OK_REFS);
            let (v, where_) = match rng.below(3) {
                0 => (format!("{r}{value}"), "в начале"),
                1 => (format!("{value}{r}"), "в конце"),
                _ => {
                    let cut = value
                        .char_indices()
                        .map(|(k, _)| k)
                        .nth(rng.below(value.chars().count().max(1)))
                        .unwrap_or(0);
                    (format!("{}{r}{}", &value[..cut], &value[cut..]), "внутри")
                }
            };
            (d(&format!("{r:?} {where_}")), splice(vr.clone(), &v))
        }
        26..=31 => {
            let r = *rng.pick(BAD_REFS);
            let cut = value
                .char_indices()
                .map(|(k, _)| k)
                .nth(rng.below(value.chars().count().max(1)))
                .unwrap_or(0);
            let v = format!("{}{r}{}", &value[..cut], &value[cut..]);
            (d(&format!("{r:?}")), splice(vr.clone(), &v))
        }
        32..=37 => {
            // A character of another class in place of one.
            let chars: Vec<char> = value.chars().collect();
            if chars.is_empty() {
                (d("пуст"), splice(vr.clone(), ""))
            } else {
                let k = rng.below(chars.len());
                let c = *rng.pick(&['A', 'a', 'Ж', '-', '.', ' ', '0', '9', 'Z', '_', '/', '№']);
                let v: String = chars
                    .iter()
                    .enumerate()
                    .map(|(j, &x)| if j == k { c } else { x })
                    .collect();
                (d(&format!("знак {k} → {c:?}")), splice(vr.clone(), &v))
            }
        }
        38..=41 => (d("лишняя цифра"), splice(vr.clone(), &format!("{value}7"))),
        42..=45 => {
            let v = *rng.pick(DATES);
            (d(&format!("дата {v:?}")), splice(vr.clone(), v))
        }
        46..=49 => {
            let v = *rng.pick(YEARS);
            (d(&format!("год {v:?}")), splice(vr.clone(), v))
        }
        50..=55 => {
            let v = *rng.pick(NUMBERS);
            (d(&format!("число {v:?}")), splice(vr.clone(), v))
        }
        56..=58 => {
            // Enumerations and codes off by one.
            let v: String = if let Ok(n) = value.parse::<u64>() {
                let w = value.len();
                let m = if rng.below(2) == 0 {
                    n + 1
                } else {
                    n.saturating_sub(1)
                };
                format!("{m:0w$}")
            } else {
                let mut c: Vec<char> = value.chars().collect();
                if let Some(last) = c.last_mut() {
                    *last = char::from_u32(*last as u32 + 1).unwrap_or('?');
                }
                c.into_iter().collect()
            };
            (d(&format!("{v:?}")), splice(vr.clone(), &v))
        }
        59..=61 => {
            let v = *rng.pick(&[
                "ГОСТЕХНАДЗОР_ТС_ГОД",
                "ГОСТЕХНАДЗОР_ТС_10",
                "ГОСТЕХНАДЗОР_ТС_1",
                "4.04",
                "4.04 ",
                "4.05",
                "4.4",
                "1",
                "2",
                "3",
                "0",
                "12",
                "41",
                "91",
                "11",
                "99",
                "31",
                "21",
                "643",
            ]);
            (d(&format!("{v:?}")), splice(vr.clone(), v))
        }
        62..=64 => {
            // A new attribute: one the element has elsewhere, or none.
            let other = t[*rng.pick(with_attrs)]
                .attrs
                .first()
                .map(|a| a.0.clone())
                .unwrap_or_default();
            let a = if rng.below(2) == 0 {
                other
            } else {
                "Лишний".into()
            };
            (
                format!("{}: атрибут {a}", t[i].name),
                splice(
                    t[i].end - 1 - usize::from(t[i].empty)..t[i].end - 1 - usize::from(t[i].empty),
                    &format!(" {a}=\"1\""),
                ),
            )
        }
        65..=66 => {
            let ns = *rng.pick(NS_ATTRS);
            let k = *rng.pick(starts);
            let at = t[k].start + 1 + t[k].name.len();
            (format!("{}: {ns}", t[k].name), splice(at..at, ns))
        }
        67..=70 => {
            let k = *rng.pick(starts);
            let r = element(base, t, k);
            match rng.below(4) {
                0 => (format!("{}: удалён", t[k].name), splice(r, "")),
                1 => {
                    let e = base[r.clone()].to_owned();
                    (
                        format!("{}: повторён", t[k].name),
                        splice(r.start..r.start, &e),
                    )
                }
                2 => {
                    // Swapped with the next element at the same level.
                    let next = (k + 1..t.len()).find(|&j| t[j].start >= r.end && !t[j].closing);
                    match next {
                        Some(j) if base[r.end..t[j].start].trim().is_empty() => {
                            let r2 = element(base, t, j);
                            let a = base[r.clone()].to_owned();
                            let b = base[r2.clone()].to_owned();
                            let gap = base[r.end..r2.start].to_owned();
                            (
                                format!("{} ↔ {}", t[k].name, t[j].name),
                                splice(r.start..r2.end, &format!("{b}{gap}{a}")),
                            )
                        }
                        _ => (format!("{}: удалён", t[k].name), splice(r, "")),
                    }
                }
                _ => {
                    // Renamed: to another element of the format, or another name.
                    let to = if rng.below(2) == 0 {
                        t[*rng.pick(starts)].name.clone()
                    } else {
                        rng.pick(&["Лишний", "p:Файл", "файл", "Документ1"])
                            .to_string()
                    };
                    let mut s = base.to_owned();
                    let end_tag = format!("</{}>", t[k].name);
                    if !t[k].empty {
                        let close = r.end - end_tag.len();
                        s.replace_range(close..r.end, &format!("</{to}>"));
                    }
                    s.replace_range(t[k].start + 1..t[k].start + 1 + t[k].name.len(), &to);
                    (format!("{} → {to}", t[k].name), s)
                }
            }
        }
        71..=76 => {
            // Content inside an element, or between elements.
            let c = *rng.pick(CONTENT);
            let k = *rng.pick(starts);
            if t[k].empty {
                let head = &base[t[k].start..t[k].end - 2];
                let e = format!("{head}>{c}</{}>", t[k].name);
                (
                    format!("{}: содержимое {c:?}", t[k].name),
                    splice(t[k].start..t[k].end, &e),
                )
            } else {
                (
                    format!("{}: после тега {c:?}", t[k].name),
                    splice(t[k].end..t[k].end, c),
                )
            }
        }
        77..=78 => {
            let k = *rng.pick(starts);
            if t[k].empty {
                let head = &base[t[k].start..t[k].end - 2];
                let e = format!("{head}></{}>", t[k].name);
                (
                    format!("{}: пустой элемент парой тегов", t[k].name),
                    splice(t[k].start..t[k].end, &e),
                )
            } else {
                (format!("{}: без изменений", t[k].name), base.to_owned())
            }
        }
        79..=82 => {
            let decl_end = base.find("?>").unwrap() + 2;
            let v = *rng.pick(DECLS);
            (format!("объявление {v:?}"), splice(0..decl_end, v))
        }
        83..=85 => {
            // Other white space and quotes in tags, still well-formed.
            let k = *rng.pick(with_attrs);
            let tag = &base[t[k].start..t[k].end];
            let v = match rng.below(3) {
                0 => tag.replace("\" ", "\"\r\n\t\t\t"),
                1 => tag.replace('"', "'"),
                _ => tag.replace('=', " = "),
            };
            (
                format!("{}: другие пробелы или кавычки в теге", t[k].name),
                splice(t[k].start..t[k].end, &v),
            )
        }
        _ => {
            // Byte-level corruption.
            let mut b = enc(base);
            let n = b.len();
            let k = rng.below(n);
            let what = match rng.below(6) {
                0 => {
                    let v = *rng.pick(&[
                        0x00u8, 0x01, 0x08, 0x0B, 0x0C, 0x1F, 0x7F, 0x98, 0xFF, b'<', b'&', b'"',
                        b'>', b' ',
                    ]);
                    b[k] = v;
                    format!("байт {k} → 0x{v:02X}")
                }
                1 => {
                    b.remove(k);
                    format!("удалён байт {k}")
                }
                2 => {
                    let v = *rng.pick(&[0x00u8, 0x0C, 0x98, b'<', b'&', b'>', b'x', 0xC0, b'\t']);
                    b.insert(k, v);
                    format!("вставлен байт 0x{v:02X} в {k}")
                }
                3 => {
                    b.truncate(k);
                    format!("обрезан на {k}")
                }
                4 => {
                    let v = *rng.pick(&[&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"]);
                    b.splice(0..0, v.iter().copied());
                    format!("метка порядка байтов {v:02X?}")
                }
                _ => {
                    let k2 = (k + 1 + rng.below(64)).min(n);
                    let piece = b[k..k2].to_vec();
                    b.splice(k..k, piece);
                    format!("повторены байты {k}..{k2}")
                }
            };
            return (what, b);
        }
    };
    (text.0, enc(&text.1))
}

/// xmllint's verdict on each file: `true` when it validates. Files are
/// given many at a time (one schema load per batch), two batches at once.
fn xmllint_batch(dir: &Path, names: &[String]) -> HashMap<String, bool> {
    let chunks: Vec<&[String]> = names.chunks(500).collect();
    let results: Vec<HashMap<String, bool>> = std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .chunks(chunks.len().div_ceil(2).max(1))
            .map(|group| {
                s.spawn(move || {
                    let mut out = HashMap::new();
                    for batch in group {
                        let o = Command::new("xmllint")
                            .current_dir(dir)
                            .arg("--noout")
                            .arg("--nonet")
                            .arg("--schema")
                            .arg(xsd())
                            .args(batch.iter())
                            .output()
                            .expect("xmllint is required: apt-get install -y libxml2-utils");
                        let err = String::from_utf8_lossy(&o.stderr);
                        for n in batch.iter() {
                            out.insert(n.clone(), false);
                        }
                        for line in err.lines() {
                            if let Some(n) = line.strip_suffix(" validates") {
                                out.insert(n.to_owned(), true);
                            }
                        }
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    results.into_iter().flatten().collect()
}

#[test]
fn validator_agrees_with_xmllint_on_mutants() {
    let seed: u64 = std::env::var("GTN_DIFF_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20261122);
    let count: usize = std::env::var("GTN_DIFF_COUNT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5000);
    let bases: Vec<Base> = bases().into_iter().map(Base::new).collect();
    let lengths = xsd_lengths();
    assert!(
        lengths.get("НаимОрг").is_some_and(|v| v.contains(&1000)),
        "XSD facets not read"
    );
    let dir = tmp("differential");
    let mut rng = Rng(seed);
    let mut misses = Vec::new();
    let mut unexplained = Vec::new();
    let mut stats: BTreeMap<&str, usize> = BTreeMap::new();
    let mut done = 0;
    while done < count {
        let n = (count - done).min(2000);
        let mut batch = Vec::with_capacity(n);
        for k in 0..n {
            let base = &bases[rng.below(bases.len())];
            let (what, bytes) = mutate(base, &lengths, &mut rng);
            let file = format!("m{}.xml", done + k);
            std::fs::write(dir.join(&file), &bytes).unwrap();
            batch.push((file, what, bytes));
        }
        let names: Vec<String> = batch.iter().map(|b| b.0.clone()).collect();
        let t0 = std::time::Instant::now();
        let xsd_ok = xmllint_batch(&dir, &names);
        eprintln!("xmllint {n}: {:?}", t0.elapsed());
        let t0 = std::time::Instant::now();
        for (file, what, bytes) in batch {
            let report = validate_bytes(Some(NAME), &bytes, &Options::default());
            let errors: Vec<&str> = report
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .map(|f| f.code)
                .collect();
            let x = xsd_ok[&file];
            let g = errors.is_empty();
            *stats
                .entry(match (x, g) {
                    (true, true) => "both accept",
                    (false, false) => "both reject",
                    (true, false) => "gtn only (business rule)",
                    (false, true) => "MISS",
                })
                .or_default() += 1;
            if !x && g {
                misses.push(format!("{file}: {what}"));
            } else if x && !g && errors.iter().any(|c| rules::find(c).is_none()) {
                let detail: Vec<String> = report
                    .findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error && rules::find(f.code).is_none())
                    .map(|f| format!("[{}] {} {}", f.code, f.path, f.message))
                    .collect();
                unexplained.push(format!("{file}: {what}: {}", detail.join("; ")));
            } else {
                let _ = std::fs::remove_file(dir.join(&file));
            }
        }
        eprintln!("gtn {n}: {:?}", t0.elapsed());
        done += n;
    }
    println!("seed {seed}, {count} mutants: {stats:?}");
    let show = |v: &[String]| v.iter().take(40).cloned().collect::<Vec<_>>().join("\n");
    assert!(
        misses.is_empty() && unexplained.is_empty(),
        "seed {seed}: {} misses (xmllint rejects, gtn accepts):\n{}\n\n{} unexplained rejections (xmllint accepts, gtn rejects with a code that is no business rule):\n{}\n(mutants kept in {})",
        misses.len(),
        show(&misses),
        unexplained.len(),
        show(&unexplained),
        dir.display()
    );
}

/// `xsi:type` on every element of a file, naming each named type of the
/// schema, an anonymous one's would-be name, a built-in type and forms
/// with blanks or a prefix: gtn accepts exactly the files xmllint accepts
/// (the element's own named type, written as it is).
#[test]
fn xsi_type_agrees_with_xmllint_on_every_element() {
    const XSI: &str = " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";
    let values = [
        "ФИОТип".to_owned(),
        "АдрРФТип".to_owned(),
        "УдЛичнФЛТип".to_owned(),
        " ФИОТип ".to_owned(),
        "СвТранспТип".to_owned(),
        "xs:anyType\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema".to_owned(),
        "p:АдрРФТип\" xmlns:p=\"urn:x".to_owned(),
    ];
    let base = Base::new(bases().swap_remove(0));
    let mut seen = std::collections::HashSet::new();
    let dir = tmp("xsi-type");
    let mut files = Vec::new();
    for &k in &base.starts {
        let t = &base.tags[k];
        if !seen.insert(t.name.clone()) {
            continue;
        }
        for v in &values {
            let at = t.start + 1 + t.name.len();
            let extra = format!("{XSI} xsi:type=\"{v}\"");
            let text = format!("{}{extra}{}", &base.text[..at], &base.text[at..]);
            let bytes = encoding_rs::WINDOWS_1251.encode(&text).0.into_owned();
            let file = format!("x{}.xml", files.len());
            std::fs::write(dir.join(&file), &bytes).unwrap();
            files.push((file, format!("{}: xsi:type=\"{v}\"", t.name), bytes));
        }
    }
    assert!(seen.len() >= 15, "{} elements", seen.len());
    let names: Vec<String> = files.iter().map(|f| f.0.clone()).collect();
    let xsd_ok = xmllint_batch(&dir, &names);
    let accepted = xsd_ok.values().filter(|&&v| v).count();
    assert!(accepted >= 6, "xmllint accepted only {accepted}");
    let mut differ = Vec::new();
    for (file, what, bytes) in &files {
        let report = validate_bytes(Some(NAME), bytes, &Options::default());
        let g = !report
            .findings
            .iter()
            .any(|f| f.severity == Severity::Error);
        if g != xsd_ok[file] {
            let first = report.findings.first().map(|f| f.message.clone());
            differ.push(format!(
                "{what}: xmllint {}, gtn {g} {first:?}",
                xsd_ok[file]
            ));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}
