#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
//! The validator against generated fixture files under the workspace's
//! `tests/validate/`: one valid file of each ТипИнф (`valid/<case>/`), and
//! for every rule one file that breaks only it, in a folder named by the
//! rule's code (`V040/inn-check-digit/`), as ruff keeps one fixture per rule. The files are generated here from the writer's
//! output (UPDATE_FIXTURES=1 rewrites them; otherwise the test proves the
//! committed files are exactly what the generator makes). xmllint is run on
//! each to show which rules the XSD also catches and which only gtn does.

mod support;
use chrono::NaiveDate;
use gtn_fns::validate::{validate_path, Options, Severity};
use gtn_fns::InfoType;
use support::*;

const NAME: &str = "VO_AVTOTS_9965_5024100010502401001_20250331_1.xml";

struct Case {
    /// Folder under tests/validate.
    id: &'static str,
    /// Expected codes of findings, errors or warnings (empty: no finding at
    /// all). At least one is found, and every finding has one of these.
    codes: &'static [&'static str],
    /// Does the XSD (xmllint) also reject it?
    xsd: bool,
    /// File name.
    name: &'static str,
    info: InfoType,
    edit: fn(String) -> String,
    bytes: fn(Vec<u8>) -> Vec<u8>,
}

fn same(s: String) -> String {
    s
}
fn raw(b: Vec<u8>) -> Vec<u8> {
    b
}
fn once(s: &str, from: &str, to: &str) -> String {
    assert!(s.contains(from), "fixture base lacks {from}");
    s.replacen(from, to, 1)
}

const TEN: InfoType = InfoType::Within10Days;
const YEAR: InfoType = InfoType::Yearly(2024);

macro_rules! case {
    ($id:expr, [$($c:expr),*], $xsd:expr, $edit:expr) => {
        Case { id: $id, codes: &[$($c),*], xsd: $xsd, name: NAME, info: TEN, edit: $edit, bytes: raw }
    };
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            id: "valid-10",
            codes: &[],
            xsd: false,
            name: NAME,
            info: TEN,
            edit: same,
            bytes: raw,
        },
        Case {
            id: "valid-year",
            codes: &[],
            xsd: false,
            name: NAME,
            info: YEAR,
            edit: same,
            bytes: raw,
        },
        Case {
            id: "valid-upper-extension",
            codes: &[],
            xsd: false,
            name: "VO_AVTOTS_9965_5024100010502401001_20250331_1.XML",
            info: TEN,
            edit: same,
            bytes: raw,
        },
        Case {
            id: "name-prefix",
            codes: &["0400400007"],
            xsd: false,
            name: "VO_AVTO_9965_5024100010502401001_20250331_1.xml",
            info: TEN,
            edit: same,
            bytes: raw,
        },
        Case {
            id: "name-sender-check-digit",
            codes: &["0400400007"],
            xsd: false,
            name: "VO_AVTOTS_9965_5024100011502401001_20250331_1.xml",
            info: TEN,
            edit: same,
            bytes: raw,
        },
        case!("idfile-mismatch", ["0400400007"], false, |s| once(
            &s,
            "_20250331_1\"",
            "_20250331_2\""
        )),
        case!("first-line", ["V001"], true, |s| once(
            &s,
            "<?xml version=\"1.0\" encoding=\"windows-1251\"?>",
            "<?xml version=\"1.0\" encoding=\"KOI8-R\"?>"
        )),
        Case {
            id: "utf8-content",
            codes: &["V002"],
            xsd: true,
            name: NAME,
            info: TEN,
            edit: same,
            bytes: |b| {
                let text = encoding_rs::WINDOWS_1251.decode(&b).0.into_owned();
                text.into_bytes()
            },
        },
        Case {
            id: "utf8-declared",
            codes: &["V002"],
            xsd: false,
            name: NAME,
            info: TEN,
            edit: same,
            bytes: |b| {
                let text = encoding_rs::WINDOWS_1251
                    .decode(&b)
                    .0
                    .replace("windows-1251", "UTF-8");
                text.into_bytes()
            },
        },
        Case {
            id: "byte-not-in-1251",
            codes: &["V003"],
            xsd: true,
            name: NAME,
            info: TEN,
            edit: |s| once(&s, "Марка=\"БЕЛАРУС-82.1\"", "Марка=\"БЕЛАРУС-82.1@\""),
            bytes: |b| {
                let i = b.windows(2).position(|w| w == b"1@").unwrap();
                let mut b = b;
                b[i + 1] = 0x98;
                b
            },
        },
        case!("not-well-formed", ["V010"], true, |s| once(
            &s,
            "</СведФЛ>",
            ""
        )),
        case!("doctype", ["V013"], false, |s| once(
            &s,
            "<Файл ",
            "<!DOCTYPE Файл [<!ENTITY x \"y\">]>\r\n<Файл "
        )),
        // A processing instruction's target must be a name, not «xml» in
        // any case (XML 1.0, § 2.6); quick-xml does not look at it.
        case!("pi-target-not-a-name", ["V010"], true, |s| once(
            &s,
            "<Файл ",
            "<?1a?>\r\n<Файл "
        )),
        case!("pi-target-xml", ["V010"], true, |s| once(
            &s,
            "<Файл ",
            "<?xMl a?>\r\n<Файл "
        )),
        case!("order-swapped", ["V021", "V022"], true, |s| {
            let a = s.find("\t\t<СвТрансп").unwrap();
            let b = s.find("\t\t<СвРегис").unwrap();
            let c = s[b..].find("\r\n").unwrap() + b + 2;
            format!("{}{}{}{}", &s[..a], &s[b..c], &s[a..b], &s[c..])
        }),
        case!("unknown-element", ["V020"], true, |s| once(
            &s,
            "\t\t<СвРегис",
            "\t\t<Лишний/>\r\n\t\t<СвРегис"
        )),
        case!("repeated-element", ["V023"], true, |s| {
            let b = s.find("\t\t<СвРегис").unwrap();
            let c = s[b..].find("\r\n").unwrap() + b + 2;
            format!("{}{}{}", &s[..c], &s[b..c], &s[c..])
        }),
        case!("missing-element", ["V022"], true, |s| {
            let b = s.find("\t\t<СвРегис").unwrap();
            let c = s[b..].find("\r\n").unwrap() + b + 2;
            format!("{}{}", &s[..b], &s[c..])
        }),
        case!("no-owner", ["V024"], true, |s| {
            let b = s.find("\t\t<СведФЛ").unwrap();
            let c = s.find("</СведФЛ>\r\n").unwrap() + "</СведФЛ>\r\n".len();
            format!("{}{}", &s[..b], &s[c..])
        }),
        case!("unknown-attribute", ["V030"], true, |s| once(
            &s,
            "<СвРегис ",
            "<СвРегис Лишний=\"1\" "
        )),
        case!("missing-attribute", ["V031"], true, |s| once(
            &s,
            " Марка=\"БЕЛАРУС-82.1\"",
            ""
        )),
        case!("overlong-value", ["V032"], true, |s| once(
            &s,
            "Марка=\"БЕЛАРУС-82.1\"",
            "Марка=\"БЕЛАРУС-82.1 с кабиной и отвалом бульдозерным\""
        )),
        case!("enumeration", ["V033"], true, |s| once(
            &s,
            "Пол=\"1\"",
            "Пол=\"3\""
        )),
        case!("number-format", ["V034"], true, |s| once(
            &s,
            "МощДвЛС=\"81\"",
            "МощДвЛС=\"81,5\""
        )),
        case!("date-format", ["V035"], true, |s| once(
            &s,
            "ДатаОпер=\"01.03.2025\"",
            "ДатаОпер=\"2025-03-01\""
        )),
        case!("date-1900-02-29", ["V048"], false, |s| once(
            &s,
            "ДатаРожд=\"01.01.1960\"",
            "ДатаРожд=\"29.02.1900\""
        )),
        case!("year-format", ["V036"], true, |s| once(
            &s,
            "ГодВып=\"2021\"",
            "ГодВып=\"21\""
        )),
        case!("kpp-pattern", ["V037"], true, |s| once(
            &s,
            "КПП=\"502401001\"",
            "КПП=\"5024ab001\""
        )),
        case!("inn-check-digit", ["V040"], false, |s| once(
            &s,
            "ИННЮЛ=\"5010015527\"",
            "ИННЮЛ=\"5010015528\""
        )),
        case!("inn-person-check-digit", ["V040"], false, |s| once(
            &s,
            "ИННФЛ=\"502000001763\"",
            "ИННФЛ=\"502000001764\""
        )),
        case!("ogrn-check-digit", ["V041"], false, |s| once(
            &s,
            "ОГРН=\"1025010049767\"",
            "ОГРН=\"1025010049768\""
        )),
        case!("region-not-in-ssrf", ["V042"], false, |s| once(
            &s,
            "КодРегион=\"50\" Город=\"Красногорск\"",
            "КодРегион=\"82\" Город=\"Красногорск\""
        )),
        case!("country-not-in-oksm", ["V042"], false, |s| once(
            &s,
            "КодСтрИно=\"276\"",
            "КодСтрИно=\"999\""
        )),
        case!("doc-code-not-in-spdul", ["V042"], false, |s| once(
            &s,
            "КодВидДок=\"21\"",
            "КодВидДок=\"55\""
        )),
        case!("operation-not-in-dictionary", ["V042"], false, |s| once(
            &s,
            "КодОпер=\"11\"",
            "КодОпер=\"77\""
        )),
        case!("doc-number-template", ["V043"], false, |s| once(
            &s,
            "СерНомДок=\"46 00 100000\"",
            "СерНомДок=\"4600100000\""
        )),
        case!("date-after-file-date", ["V044"], false, |s| once(
            &s,
            "ДатаОпер=\"01.03.2025\"",
            "ДатаОпер=\"01.04.2025\""
        )),
        case!("doc-count", ["V046"], false, |s| once(
            &s,
            "КолДок=\"4\"",
            "КолДок=\"5\""
        )),
        case!("doc-id-repeated", ["V047"], false, |s| once(
            &s,
            "00000000-0000-4000-8000-000000000002",
            "00000000-0000-4000-8000-000000000001"
        )),
        case!("report-year-missing", ["0400300003"], false, |s| once(
            &s,
            "ТипИнф=\"ГОСТЕХНАДЗОР_ТС_10\"",
            "ТипИнф=\"ГОСТЕХНАДЗОР_ТС_ГОД\""
        )),
        case!("report-year-not-allowed", ["0400300003"], false, |s| once(
            &s,
            "КолДок=\"4\"",
            "КолДок=\"4\" ГодПериодОтч=\"2024\""
        )),
        case!("previous-plate-missing", ["0400300003"], false, |s| once(
            &s,
            " ПредГосРегЗн=\"2001МК50\"",
            ""
        )),
        case!("text-content", ["V025"], true, |s| once(
            &s,
            "\t\t<СвРегис",
            "\t\tтекст\r\n\t\t<СвРегис"
        )),
        case!("too-deep", ["V020", "V012"], true, |s| once(
            &s,
            "\t\t<СвРегис",
            &format!("{}{}\r\n\t\t<СвРегис", "<a>".repeat(20), "</a>".repeat(20))
        )),
        case!("token-too-long", ["V012"], true, |s| once(
            &s,
            "Марка=\"БЕЛАРУС-82.1\"",
            &format!("Марка=\"{}\"", "Ж".repeat((1 << 20) + (1 << 18)))
        )),
        // Issue 9: identifiers are checked as written (xs:string keeps spaces).
        case!("inn-leading-space", ["V037"], true, |s| once(
            &s,
            "ИННЮЛ=\"5010015527\"",
            "ИННЮЛ=\" 5010015527\""
        )),
        case!("kpp-trailing-space", ["V037"], true, |s| once(
            &s,
            "КПП=\"502401001\"",
            "КПП=\"502401001 \""
        )),
        case!("ogrn-newline-reference", ["V037"], true, |s| once(
            &s,
            "ОГРН=\"1025010049767\"",
            "ОГРН=\"1025010049767&#xA;\""
        )),
        case!("inn-person-leading-space", ["V037"], true, |s| once(
            &s,
            "ИННФЛ=\"502000001763\"",
            "ИННФЛ=\" 502000001763\""
        )),
        // Character references to characters XML 1.0 forbids.
        case!("char-ref-1-make", ["V011"], true, |s| once(
            &s,
            "Марка=\"БЕЛАРУС-82.1\"",
            "Марка=\"БЕЛАРУС-82.1&#1;\""
        )),
        case!("char-ref-x8-org-name", ["V011"], true, |s| once(
            &s,
            "НаимОрг=\"",
            "НаимОрг=\"&#x8;"
        )),
        case!("char-ref-xb-surname", ["V011"], true, |s| once(
            &s,
            "Фамилия=\"",
            "Фамилия=\"&#xB;"
        )),
        case!("char-ref-x1f-street", ["V011"], true, |s| once(
            &s,
            "Улица=\"",
            "Улица=\"&#x1F;"
        )),
        case!("char-ref-fffe-doc-id", ["V011"], true, |s| once(
            &s,
            "ИдДок=\"00000000-0000-4000-8000-000000000001",
            "ИдДок=\"00000000-0000-4000-8000-00000000001&#xFFFE;"
        )),
        case!("char-ref-ffff-issuer", ["V011"], true, |s| once(
            &s,
            "ВыдДок=\"",
            "ВыдДок=\"&#xFFFF;"
        )),
        // White space inside elements whose content is empty.
        case!("space-in-empty-machine", ["V025"], true, |s| filled(
            &s,
            "СвТрансп",
            " "
        )),
        case!("space-in-empty-registration", ["V025"], true, |s| filled(
            &s,
            "СвРегис",
            "\r\n\t\t"
        )),
        case!("space-in-empty-owner-address", ["V025"], true, |s| filled(
            &s,
            "АдрПрав",
            "\t"
        )),
        case!("space-in-empty-full-name", ["V025"], true, |s| filled(
            &s, "ФИО", " "
        )),
        case!("space-in-empty-identity-doc", ["V025"], true, |s| filled(
            &s,
            "УдЛичнФЛ",
            "&#32;"
        )),
        case!("space-in-empty-responsible", ["V025"], true, |s| filled(
            &s,
            "ФИООтв",
            " "
        )),
        case!("space-in-empty-head", ["V025"], true, |s| filled(
            &s,
            "ФИОРук",
            "\r\n"
        )),
        case!("space-in-empty-org-address", ["V025"], true, |s| filled(
            &s,
            "АдрРФРег",
            " "
        )),
        // What every XSD validator accepts, gtn accepts.
        case!("xsi-schema-location", [], false, |s| {
            once(
            &s,
            "<Файл ",
            "<Файл xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"VO_AVTOTS_2_230_07_04_04_01.xsd\" "
        )
        }),
        case!("xmlns-empty", [], false, |s| once(
            &s,
            "<СвРегис ",
            "<СвРегис xmlns=\"\" "
        )),
        case!("space-references-between-elements", [], false, |s| once(
            &s,
            "\t\t<СвРегис",
            "&#32;&#9;&#xA;\t\t<СвРегис"
        )),
        case!("integer-plus-sign", ["V051"], false, |s| once(
            &s,
            "КолДок=\"4\"",
            "КолДок=\"+4\""
        )),
        case!("integer-spaces", ["V051"], false, |s| once(
            &s,
            "КолДок=\"4\"",
            "КолДок=\" 4 \""
        )),
        case!("decimal-spaces", ["V051"], false, |s| once(
            &s,
            "МощДвЛС=\"81\"",
            "МощДвЛС=\" 81 \""
        )),
        // A malformed ГодПериодОтч is still present (0400300003 by presence).
        Case {
            id: "report-year-malformed-yearly",
            codes: &["V036"],
            xsd: true,
            name: NAME,
            info: YEAR,
            edit: |s| once(&s, "ГодПериодОтч=\"2024\"", "ГодПериодОтч=\"20x4\""),
            bytes: raw,
        },
        case!(
            "report-year-malformed-10",
            ["V036", "0400300003"],
            true,
            |s| once(&s, "КолДок=\"4\"", "КолДок=\"4\" ГодПериодОтч=\"20x4\"")
        ),
        // Issue 12: a reporting year after the file's year.
        Case {
            id: "report-year-future",
            codes: &["V052"],
            xsd: false,
            name: NAME,
            info: YEAR,
            edit: |s| once(&s, "ГодПериодОтч=\"2024\"", "ГодПериодОтч=\"2026\""),
            bytes: raw,
        },
        case!("year-of-manufacture-future", ["V049"], false, |s| once(
            &s,
            "ГодВып=\"2021\"",
            "ГодВып=\"2026\""
        )),
        case!("year-with-space", ["V053"], true, |s| once(
            &s,
            "ГодВып=\"2021\"",
            "ГодВып=\" 2021\""
        )),
        case!("negative-power", ["V050", "V045"], false, |s| once(
            &s,
            "МощДвЛС=\"81\"",
            "МощДвЛС=\"-81\""
        )),
        // A warning only: the file is valid, the pair of powers disagrees.
        case!("power-kw-disagrees", ["V045"], false, |s| once(
            &s,
            "МощДвКвт=\"59.575399\"",
            "МощДвКвт=\"81\""
        )),
        case!("declaration-without-space", ["V010"], true, |s| once(
            &s,
            "version=\"1.0\" encoding",
            "version=\"1.0\"encoding"
        )),
        case!("form-feed-between-elements", ["V003"], true, |s| once(
            &s,
            "\t\t<СвРегис",
            "\u{c}\t\t<СвРегис"
        )),
        case!("cdata-blank-between-elements", ["V025"], true, |s| once(
            &s,
            "\t\t<СвРегис",
            "<![CDATA[ ]]>\t\t<СвРегис"
        )),
        case!("unknown-version", ["V005"], true, |s| once(
            &s,
            "ВерсФорм=\"4.04\"",
            "ВерсФорм=\"4.05\""
        )),
        Case {
            id: "utf16",
            codes: &["V002"],
            xsd: true,
            name: NAME,
            info: TEN,
            edit: same,
            bytes: |b| {
                let text = encoding_rs::WINDOWS_1251.decode(&b).0.into_owned();
                let mut out = vec![0xFF, 0xFE];
                for u in text.encode_utf16() {
                    out.extend_from_slice(&u.to_le_bytes());
                }
                out
            },
        },
    ]
}

/// The first empty element `name` given `content` between a start and an end tag.
fn filled(s: &str, name: &str, content: &str) -> String {
    let start = s.find(&format!("<{name} ")).unwrap();
    let end = s[start..].find("/>").unwrap() + start;
    format!("{}>{content}</{name}>{}", &s[..end], &s[end + 2..])
}

/// Warning-only case: МощДвКвт inconsistent with МощДвЛС.
#[test]
fn power_mismatch_is_a_warning() {
    let (bytes, _) = build(&case!("power", [], false, |s| once(
        &s,
        "МощДвКвт=\"59.575399\"",
        "МощДвКвт=\"81\""
    )));
    let dir = tmp("power");
    let p = dir.join(NAME);
    std::fs::write(&p, bytes).unwrap();
    let r = validate_path(&p, &Options::default()).unwrap();
    assert!(r.is_valid(), "{:#?}", r.findings);
    assert_eq!(r.findings.len(), 1);
    assert_eq!(
        (r.findings[0].code, r.findings[0].severity),
        ("V045", Severity::Warning)
    );
}

fn build(c: &Case) -> (Vec<u8>, String) {
    let recs = small_records();
    let h = header(
        NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(),
        c.info,
        recs.len() as u64,
    );
    let base = write_bytes(&h, &recs);
    let text = encoding_rs::WINDOWS_1251.decode(&base).0.into_owned();
    let edited = (c.edit)(text);
    let (enc, _, unmappable) = encoding_rs::WINDOWS_1251.encode(&edited);
    assert!(!unmappable);
    ((c.bytes)(enc.into_owned()), c.name.to_owned())
}

#[test]
fn fixtures_are_generated_and_each_breaks_only_its_rule() {
    let root = root().join("tests/validate");
    let update = std::env::var_os("UPDATE_FIXTURES").is_some();
    let mut failures = Vec::new();
    for c in cases() {
        let (bytes, name) = build(&c);
        let dir = root
            .join(c.codes.first().copied().unwrap_or("valid"))
            .join(c.id);
        let path = dir.join(&name);
        if update {
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &bytes).unwrap();
        }
        let on_disk = std::fs::read(&path)
            .unwrap_or_else(|_| panic!("{} missing: run with UPDATE_FIXTURES=1", path.display()));
        assert!(
            on_disk == bytes,
            "{}: not what the generator makes (hand-edited?)",
            path.display()
        );

        let r = validate_path(&path, &Options::default()).unwrap();
        let errors: Vec<&str> = r.findings.iter().map(|f| f.code).collect();
        if c.codes.is_empty() {
            if !r.findings.is_empty() {
                failures.push(format!("{}: expected valid, got {:#?}", c.id, r.findings));
            }
        } else if !c.codes.iter().any(|x| errors.contains(x))
            || errors.iter().any(|e| !c.codes.contains(e))
        {
            failures.push(format!(
                "{}: expected {:?}, got {:#?}",
                c.id, c.codes, r.findings
            ));
        }
        for f in &r.findings {
            if f.code.starts_with('V') && f.code != "V012" && f.line == 0 {
                failures.push(format!("{}: finding without a line: {f:?}", c.id));
            }
        }
        // xmllint: does the XSD see it too?
        if c.id != "token-too-long" {
            let (ok, err) = xmllint(&path);
            if ok == c.xsd {
                failures.push(format!(
                    "{}: xmllint {} it (expected the XSD to {}): {err}",
                    c.id,
                    if ok { "accepts" } else { "rejects" },
                    if c.xsd { "reject" } else { "accept" }
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// `tests/validate/` holds exactly the cases above: `valid/<case>` or
/// `<code>/<case>` with a registered code, nothing else (a renamed case
/// leaves no stale folder behind).
#[test]
fn fixture_folders_are_named_by_code() {
    let root = root().join("tests/validate");
    let mut want: Vec<String> = cases()
        .iter()
        .map(|c| format!("{}/{}", c.codes.first().copied().unwrap_or("valid"), c.id))
        .collect();
    want.sort();
    let mut have = Vec::new();
    for code in std::fs::read_dir(&root).unwrap() {
        let code = code.unwrap();
        let name = code.file_name().into_string().unwrap();
        assert!(
            name == "valid" || gtn_diag::registry().get(&name).is_some(),
            "tests/validate/{name}: not a registered code"
        );
        for case in std::fs::read_dir(code.path()).unwrap() {
            have.push(format!(
                "{name}/{}",
                case.unwrap().file_name().to_string_lossy()
            ));
        }
    }
    have.sort();
    assert_eq!(have, want);
}

#[test]
fn too_many_repeats_of_doc_id_say_so() {
    let (bytes, _) = build(&case!("repeats", [], false, |s| {
        // Every Документ gets the same ИдДок.
        let key = "ИдДок=\"";
        let first = s.find(key).unwrap() + key.len();
        let id = s[first..first + 36].to_owned();
        let mut out = String::new();
        let mut rest = s.as_str();
        while let Some(i) = rest.find(key) {
            out.push_str(&rest[..i + key.len()]);
            out.push_str(&id);
            rest = &rest[i + key.len() + 36..];
        }
        out.push_str(rest);
        out
    }));
    let dir = tmp("repeats");
    let p = dir.join(NAME);
    std::fs::write(&p, bytes).unwrap();
    let mut o = Options::default();
    o.limits.max_id_candidates = 1;
    let r = validate_path(&p, &o).unwrap();
    let v047: Vec<_> = r.findings.iter().filter(|f| f.code == "V047").collect();
    // The one value kept is checked exactly (all its repeats are errors);
    // the warning says that more possible repeats were not checked.
    assert!(
        v047.iter()
            .any(|f| f.severity == Severity::Warning && f.message.contains("первые 1 ")),
        "{v047:#?}"
    );
    // With the default limit every repeat is an error.
    let r = validate_path(&p, &Options::default()).unwrap();
    let errors = r.findings.iter().filter(|f| f.code == "V047").count();
    assert_eq!(errors, r.documents as usize - 1);
}
