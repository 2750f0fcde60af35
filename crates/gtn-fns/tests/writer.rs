#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
//! The writer: golden bytes, the schema, field errors, streaming.

mod support;
use chrono::NaiveDate;
use gtn_fns::{check_record, FileWriter, InfoType, Record, WriteError};
use support::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn small() -> Vec<Record> {
    small_records()
}

#[test]
fn golden_small_file() {
    let recs = small();
    let bytes = write_bytes(
        &header(d(2025, 3, 31), InfoType::Within10Days, recs.len() as u64),
        &recs,
    );
    let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/small.xml");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &bytes).unwrap();
    }
    let expected = std::fs::read(&golden).expect("golden file; regenerate with UPDATE_GOLDEN=1");
    assert!(
        bytes == expected,
        "output differs from tests/golden/small.xml (UPDATE_GOLDEN=1 to accept)"
    );
    // The golden file itself is valid.
    let (ok, err) = xmllint(&golden);
    assert!(ok, "{err}");
}

#[test]
fn first_line_encoding_and_no_bom() {
    let recs = small();
    let bytes = write_bytes(
        &header(d(2025, 3, 31), InfoType::Within10Days, recs.len() as u64),
        &recs,
    );
    assert!(bytes.starts_with(b"<?xml version=\"1.0\" encoding=\"windows-1251\"?>\r\n<"));
    // «Ё» is 0xA8 in windows-1251; UTF-8 would have 0xD0 0x81.
    assert!(bytes.contains(&0xA8));
    assert!(std::str::from_utf8(&bytes).is_err(), "must not be UTF-8");
    let text = encoding_rs::WINDOWS_1251.decode(&bytes).0;
    assert!(text.contains("КолДок=\"4\""));
    assert!(text.contains("Дорожник &amp; Ко&quot;"), "{text}");
}

#[test]
fn example_file_of_each_type_validates_against_the_xsd() {
    let recs = example_records();
    assert!(recs.len() >= 30);
    for (info, name) in [
        (InfoType::Within10Days, "ten"),
        (InfoType::Yearly(2025), "year"),
    ] {
        let h = header(d(2026, 1, 20), info, recs.len() as u64);
        let dir = tmp(name);
        let p = dir.join(h.file_name.file_name());
        std::fs::write(&p, write_bytes(&h, &recs)).unwrap();
        let (ok, err) = xmllint(&p);
        assert!(ok, "{err}");
    }
}

#[test]
fn yearly_file_has_report_year() {
    let recs = small();
    let bytes = write_bytes(&header(d(2026, 1, 20), InfoType::Yearly(2025), 4), &recs);
    let text = encoding_rs::WINDOWS_1251.decode(&bytes).0;
    assert!(text.contains("ТипИнф=\"ГОСТЕХНАДЗОР_ТС_ГОД\""));
    assert!(text.contains("ГодПериодОтч=\"2025\""));
}

#[test]
fn unencodable_character_is_an_error_naming_the_field() {
    let mut r = small().remove(0);
    if let gtn_model::Owner::Citizen(c) = &mut r.owner {
        c.person.full_name.given_name = "Zoe 😀".into();
    }
    let errs = check_record(&r, d(2025, 3, 31));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].code, "F003");
    assert_eq!(errs[0].field, "owner.full_name.given_name");
    assert_eq!(errs[0].xml, "Файл/Документ/СведФЛ/ФИО/@Имя");
    assert!(errs[0].message.contains("😀"), "{}", errs[0].message);
}

#[test]
fn all_field_errors_are_reported_not_just_the_first() {
    let mut r = small().remove(0);
    r.machine.make_model = "М".repeat(41).into();
    r.operation.plate = String::new().into();
    r.operation.date = d(2025, 4, 1); // after the file date
    r.codes.category = "AB".into();
    r.operation.code = "93".into(); // replaces the plate: previous plate required
    r.operation.previous_plate = None;
    let errs = check_record(&r, d(2025, 3, 31));
    let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
    for f in [
        "machine.make_model",
        "operation.plate",
        "operation.date",
        "codes.category",
        "operation.previous_plate",
    ] {
        assert!(fields.contains(&f), "{f} missing in {errs:#?}");
    }
}

#[test]
fn failed_document_writes_nothing_and_count_is_checked() {
    let recs = small();
    let h = header(d(2025, 3, 31), InfoType::Within10Days, 2);
    let mut w = FileWriter::new(Vec::new(), &h).unwrap();
    w.write(&recs[0], "A").unwrap();
    let mut bad = recs[1].clone();
    bad.machine.make_model = String::new().into();
    assert!(matches!(
        w.write(&bad, "B"),
        Err(WriteError::Record { index: 2, .. })
    ));
    let e = w.finish().err().unwrap();
    assert!(
        matches!(
            e,
            WriteError::Count {
                declared: 2,
                written: 1
            }
        ),
        "{e}"
    );
}

#[test]
fn power_is_filled_in_both_units() {
    let mut r = small().remove(0);
    let e = r.machine.engine.as_mut().unwrap();
    e.power_hp = None;
    e.power_kw = Some("73.549875".parse().unwrap());
    let bytes = write_bytes(&header(d(2025, 3, 31), InfoType::Within10Days, 1), &[r]);
    let text = encoding_rs::WINDOWS_1251.decode(&bytes).0;
    assert!(
        text.contains("МощДвЛС=\"100\" МощДвКвт=\"73.549875\""),
        "{text}"
    );
}
