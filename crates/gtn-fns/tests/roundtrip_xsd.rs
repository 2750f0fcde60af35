#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
//! Property: every file the writer produces from valid records validates
//! against the XSD with xmllint.

mod support;
use chrono::NaiveDate;
use gtn_fns::validate::{validate_path, Options, Severity};
use gtn_fns::{check_record, InfoType, Record};
use gtn_model::Owner;
use proptest::prelude::*;
use support::*;

/// Text the format allows: Cyrillic with Ё/ё, Latin, digits, punctuation
/// including the XML specials & < > " ', and inner spaces.
fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!(
        "[А-ЯЁа-яёA-Za-z0-9][А-ЯЁа-яёA-Za-z0-9 &<>\"'«»№.,()/-]{{0,{}}}",
        max - 1
    ))
    .unwrap()
    .prop_map(|s| s.trim_end().to_owned())
    .prop_filter("non-empty", |s| !s.is_empty())
}

fn mutate(
    mut r: Record,
    make: String,
    name: String,
    street: Option<String>,
    doc_id: Option<String>,
    hp: u32,
) -> Record {
    r.machine.make_model = make.into();
    r.doc_id = doc_id.map(Into::into);
    if let Some(e) = r.machine.engine.as_mut() {
        e.power_hp = Some(gtn_model::Decimal6::from_micros(i64::from(hp) * 1000));
        e.power_kw = None;
    }
    match &mut r.owner {
        Owner::Citizen(c) => {
            c.person.full_name.surname = name.into();
            c.person.address.street = street.map(Into::into);
        }
        Owner::SoleTrader(s) => {
            s.person.full_name.given_name = name.into();
            s.person.address.street = street.map(Into::into);
        }
        Owner::RussianOrganisation(o) => {
            o.name = name.into();
            o.address.street = street.map(Into::into);
        }
        Owner::ForeignOrganisation(o) => {
            o.name = name.into();
            o.foreign_address = street.map(Into::into);
        }
    }
    r
}

fn record() -> impl Strategy<Value = Record> {
    let base = example_records();
    (
        prop::sample::select(base),
        text(40),
        text(60),
        prop::option::of(text(50)),
        prop::option::of("[A-Za-z0-9-]{1,36}"),
        0u32..2_000_000,
    )
        .prop_map(|(r, make, name, street, id, hp)| mutate(r, make, name, street, id, hp))
}

/// Explicit ИдДок made unique within one file (a repeat becomes a generated one).
fn unique_ids(mut recs: Vec<Record>) -> Vec<Record> {
    let mut seen = std::collections::HashSet::new();
    for r in &mut recs {
        if let Some(id) = &r.doc_id {
            if !seen.insert(id.clone()) {
                r.doc_id = None;
            }
        }
    }
    recs
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn generated_files_validate_with_xmllint(
        recs in prop::collection::vec(record(), 1..12),
        yearly in any::<bool>(),
    ) {
        let recs = unique_ids(recs);
        let date = NaiveDate::from_ymd_opt(2026, 1, 20).unwrap();
        for r in &recs {
            prop_assert!(check_record(r, date).is_empty(), "{:?}", check_record(r, date));
        }
        let info = if yearly { InfoType::Yearly(2025) } else { InfoType::Within10Days };
        let h = header(date, info, recs.len() as u64);
        let dir = tmp("prop");
        let p = dir.join(h.file_name.file_name());
        std::fs::write(&p, write_bytes(&h, &recs)).unwrap();
        let (ok, err) = xmllint(&p);
        prop_assert!(ok, "{}", err);
        // The validator agrees: valid, and nothing to warn about.
        let r = validate_path(&p, &Options::default()).unwrap();
        prop_assert!(r.findings.is_empty(), "{:#?}", r.findings);
        prop_assert_eq!(r.documents, recs.len() as u64);
    }

    #[test]
    fn single_mutations_get_their_code(
        recs in prop::collection::vec(record(), 1..6),
        which in 0usize..6,
        doc in any::<prop::sample::Index>(),
    ) {
        // Two records with one ИдДок would add V047 to the expected code.
        let recs = unique_ids(recs);
        let date = NaiveDate::from_ymd_opt(2026, 1, 20).unwrap();
        let h = header(date, InfoType::Within10Days, recs.len() as u64);
        let text = encoding_rs::WINDOWS_1251.decode(&write_bytes(&h, &recs)).0.into_owned();
        // Cut out document number `k` and mutate only it.
        let starts: Vec<usize> = text.match_indices("<Документ ").map(|(i, _)| i).collect();
        let k = doc.index(starts.len());
        let (a, b) = (starts[k], text[starts[k]..].find("</Документ>").unwrap() + starts[k]);
        let d = &text[a..b];
        let attr = |d: &str, name: &str| -> Option<(usize, usize)> {
            let i = d.find(&format!(" {name}=\""))?;
            let j = d[i + name.len() + 3..].find('"')? + i + name.len() + 3;
            Some((i, j + 1))
        };
        let (mutated, expected): (String, &[&str]) = match which {
            0 => { let (i, j) = attr(d, "Марка").unwrap(); (format!("{}{}", &d[..i], &d[j..]), &["V031"]) }
            1 => { let (i, j) = attr(d, "Марка").unwrap(); (format!("{} Марка=\"{}\"{}", &d[..i], "Ы".repeat(41), &d[j..]), &["V032"]) }
            2 => { let (i, j) = attr(d, "ДатаОпер").unwrap(); (format!("{} ДатаОпер=\"30.02.2025\"{}", &d[..i], &d[j..]), &["V035"]) }
            3 => {
                let name = if d.contains(" ИННЮЛ=\"") { "ИННЮЛ" } else if d.contains(" ИННФЛ=\"") { "ИННФЛ" } else { "КодВидДок" };
                let (i, j) = attr(d, name).unwrap();
                let v = &d[i + name.len() + 3..j - 1];
                if name == "КодВидДок" {
                    (format!("{} КодВидДок=\"55\"{}", &d[..i], &d[j..]), &["V042"])
                } else {
                    let last = v.as_bytes()[v.len() - 1] - b'0';
                    let changed = format!("{}{}", &v[..v.len() - 1], (last + 1) % 10);
                    (format!("{} {name}=\"{changed}\"{}", &d[..i], &d[j..]), &["V040"])
                }
            }
            4 => {
                let t = d.find("\t\t<СвТрансп").unwrap();
                let r = d.find("\t\t<СвРегис").unwrap();
                let e = d[r..].find("\r\n").unwrap() + r + 2;
                (format!("{}{}{}{}", &d[..t], &d[r..e], &d[t..r], &d[e..]), &["V021", "V022"])
            }
            _ => { let (i, j) = attr(d, "КодРегион").unwrap(); (format!("{} КодРегион=\"88\"{}", &d[..i], &d[j..]), &["V042"]) }
        };
        let file = format!("{}{}{}", &text[..a], mutated, &text[b..]);
        let dir = tmp("mut");
        let p = dir.join(h.file_name.file_name());
        std::fs::write(&p, encoding_rs::WINDOWS_1251.encode(&file).0).unwrap();
        let r = validate_path(&p, &Options::default()).unwrap();
        let errors: Vec<&str> = r.findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.code).collect();
        prop_assert!(!errors.is_empty() && errors.iter().all(|e| expected.contains(e)), "mutation {} expected {:?}, got {:#?}", which, expected, r.findings);
        let path_ok = r.findings.iter().any(|f| f.path.contains(&format!("Документ[{}]", k + 1)));
        prop_assert!(path_ok, "{:#?}", r.findings);
    }
}
