#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
//! Property: every file the writer produces from valid records validates
//! against the XSD with xmllint.

mod support;
use chrono::NaiveDate;
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
    r.machine.make_model = make;
    r.doc_id = doc_id;
    if let Some(e) = r.machine.engine.as_mut() {
        e.power_hp = Some(gtn_model::Decimal6::from_micros(i64::from(hp) * 1000));
        e.power_kw = None;
    }
    match &mut r.owner {
        Owner::Citizen(c) => {
            c.person.full_name.surname = name;
            c.person.address.street = street;
        }
        Owner::SoleTrader(s) => {
            s.person.full_name.given_name = name;
            s.person.address.street = street;
        }
        Owner::RussianOrganisation(o) => {
            o.name = name;
            o.address.street = street;
        }
        Owner::ForeignOrganisation(o) => {
            o.name = name;
            o.foreign_address = street;
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn generated_files_validate_with_xmllint(
        recs in prop::collection::vec(record(), 1..12),
        yearly in any::<bool>(),
    ) {
        // Unique explicit ids within one file.
        let mut recs = recs;
        let mut seen = std::collections::HashSet::new();
        for r in &mut recs {
            if let Some(id) = &r.doc_id {
                if !seen.insert(id.clone()) { r.doc_id = None; }
            }
        }
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
    }
}
