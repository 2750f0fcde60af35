//! Identifier types against real-world values and as properties.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use gtn_model::ids::{inn10_check, inn12_check, ogrn13_check, ogrnip15_check};
use gtn_model::*;
use proptest::prelude::*;

/// ИНН and ОГРН of public organisations, as published in ЕГРЮЛ.
const PUBLIC_ORGANISATIONS: &[(&str, &str, &str)] = &[
    ("ПАО Сбербанк", "7707083893", "1027700132195"),
    ("ФНС России", "7707329152", "1047707030513"),
    ("ПАО «Газпром»", "7736050003", "1027700070518"),
    ("ООО «Яндекс»", "7736207543", "1027700229193"),
    ("ПАО «НК «Роснефть»", "7706107510", "1027700043502"),
    ("ПАО «ЛУКОЙЛ»", "7708004767", "1027700035769"),
    ("ОАО «РЖД»", "7708503727", "1037739877295"),
    ("ПАО «Аэрофлот»", "7712040126", "1027700092661"),
    ("ПАО «МТС»", "7740000076", "1027700149124"),
    ("Банк ВТБ (ПАО)", "7702070139", "1027739609391"),
    ("ПАО «Ростелеком»", "7707049388", "1027700198767"),
    ("АО «Почта России»", "7724490000", "1197746000000"),
    ("АО «Тандер»", "2310031475", "1022301598549"),
    ("Банк России", "7702235133", "1037700013020"),
    ("ПАО «МегаФон»", "7812014560", "1027809169585"),
    ("ПАО «ВымпелКом»", "7713076301", "1027700166636"),
    ("АО «Альфа-Банк»", "7728168971", "1027700067328"),
    ("АО «ТБанк»", "7710140679", "1027739642281"),
    (
        "ПАО «ГМК «Норильский никель»",
        "8401005730",
        "1028400000298",
    ),
    ("ПАО «КАМАЗ»", "1650032058", "1021602013971"),
    ("Госкорпорация «Ростех»", "7704274402", "1077799030847"),
    ("Госкорпорация «Росатом»", "7706413348", "1077799032926"),
    ("ПАО «Татнефть»", "1644003838", "1021601623702"),
    ("ПАО «Северсталь»", "3528000597", "1023501236901"),
    ("ПАО «АвтоВАЗ»", "6320002223", "1026301983113"),
];

#[test]
fn published_organisations_pass_check_digits() {
    assert!(PUBLIC_ORGANISATIONS.len() >= 20);
    for (name, inn, ogrn) in PUBLIC_ORGANISATIONS {
        assert!(InnOrg::parse(inn).is_ok(), "{name} ИНН {inn}");
        assert!(Ogrn::parse(ogrn).is_ok(), "{name} ОГРН {ogrn}");
        let b = inn.as_bytes();
        assert_eq!(inn10_check(&b[..9]), b[9], "{name}");
        let b = ogrn.as_bytes();
        assert_eq!(ogrn13_check(&b[..12]), b[12], "{name}");
    }
}

#[test]
fn published_person_inn() {
    // The example of the ФНС service «Узнать ИНН» and of python-stdnum.
    assert!(InnPerson::parse("500100732259").is_ok());
}

fn digits(n: usize) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(b'0'..=b'9', n)
}

fn valid_inn10() -> impl Strategy<Value = String> {
    digits(9)
        .prop_filter("not 00", |d| &d[..2] != b"00")
        .prop_map(|mut d| {
            let c = inn10_check(&d);
            d.push(c);
            String::from_utf8(d).unwrap()
        })
}

fn valid_inn12() -> impl Strategy<Value = String> {
    digits(10)
        .prop_filter("not 00", |d| &d[..2] != b"00")
        .prop_map(|mut d| {
            let c = inn12_check(&d);
            d.extend(c);
            String::from_utf8(d).unwrap()
        })
}

fn valid_ogrn() -> impl Strategy<Value = String> {
    digits(12).prop_map(|mut d| {
        let c = ogrn13_check(&d);
        d.push(c);
        String::from_utf8(d).unwrap()
    })
}

fn valid_ogrnip() -> impl Strategy<Value = String> {
    digits(14).prop_map(|mut d| {
        let c = ogrnip15_check(&d);
        d.push(c);
        String::from_utf8(d).unwrap()
    })
}

/// Every variant of `s` with one digit changed.
fn single_digit_changes(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for i in 0..s.len() {
        for d in b'0'..=b'9' {
            let mut b = s.as_bytes().to_vec();
            if b[i] != d {
                b[i] = d;
                out.push(String::from_utf8(b).unwrap());
            }
        }
    }
    out
}

/// Independent reference: the remainder the published algorithm reduces
/// `mod 10` to get the check digit (of the body without the check digit(s)).
fn remainder(s: &str) -> u64 {
    let d: Vec<u64> = s.bytes().map(|b| u64::from(b - b'0')).collect();
    let weighted = |w: &[u64]| d.iter().zip(w).map(|(a, b)| a * b).sum::<u64>() % 11;
    let number = |n: usize| d[..n].iter().fold(0u64, |acc, x| acc * 10 + x);
    match s.len() {
        10 => weighted(&[2, 4, 10, 3, 5, 9, 4, 6, 8]),
        12 => {
            weighted(&[7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) * 100 + {
                let w = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
                d.iter().zip(&w).map(|(a, b)| a * b).sum::<u64>() % 11
            }
        }
        13 => number(12) % 11,
        15 => number(14) % 13,
        _ => unreachable!(),
    }
}

/// Every single-digit change is rejected, except the one blind spot of the
/// published algorithms themselves: the final `mod 10` maps remainders 0 and
/// 10 (and, for ОГРНИП's mod 13, also 1/11 and 2/12) to the same check
/// digit, so a change that moves the remainder by exactly 10 keeps the check
/// digit. FNS's own check has the same blind spot, so no implementation that
/// "agrees with the published algorithm" can reject those.
fn assert_single_digit_changes<T>(
    s: &str,
    parse: impl Fn(&str) -> Result<T, IdError>,
) -> Result<(), TestCaseError> {
    let r = remainder(s);
    for m in single_digit_changes(s) {
        if parse(&m).is_ok() {
            let r2 = remainder(&m);
            let blind = if s.len() == 12 {
                (r / 100).abs_diff(r2 / 100) % 10 == 0 && (r % 100).abs_diff(r2 % 100) % 10 == 0
            } else {
                r != r2 && r.abs_diff(r2) == 10
            };
            prop_assert!(
                blind,
                "{} accepted as a change of {} (remainders {} → {})",
                m,
                s,
                r,
                r2
            );
            // The check digit itself is never such a change.
            prop_assert_eq!(&m[m.len() - 1..], &s[s.len() - 1..]);
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn inn10_roundtrip_and_single_digit_change(s in valid_inn10()) {
        let v = InnOrg::parse(&s).unwrap();
        prop_assert_eq!(v.to_string(), s.clone());
        prop_assert_eq!(InnOrg::parse(&v.to_string()).unwrap(), v);
        assert_single_digit_changes(&s, InnOrg::parse)?;
    }

    #[test]
    fn inn12_roundtrip_and_single_digit_change(s in valid_inn12()) {
        let v = InnPerson::parse(&s).unwrap();
        prop_assert_eq!(v.to_string(), s.clone());
        assert_single_digit_changes(&s, InnPerson::parse)?;
    }

    #[test]
    fn ogrn_roundtrip_and_single_digit_change(s in valid_ogrn()) {
        let v = Ogrn::parse(&s).unwrap();
        prop_assert_eq!(v.to_string(), s.clone());
        assert_single_digit_changes(&s, Ogrn::parse)?;
    }

    #[test]
    fn ogrnip_roundtrip_and_single_digit_change(s in valid_ogrnip()) {
        let v = Ogrnip::parse(&s).unwrap();
        prop_assert_eq!(v.to_string(), s.clone());
        assert_single_digit_changes(&s, Ogrnip::parse)?;
    }

    #[test]
    fn single_digit_change_with_nonzero_check_digit_always_rejected(s in valid_inn10().prop_filter("check digit not 0", |s| !s.ends_with('0'))) {
        // Remainder 10 is impossible when the check digit is not 0.
        for m in single_digit_changes(&s) {
            prop_assert!(InnOrg::parse(&m).is_err(), "{} accepted", m);
        }
    }
    #[test]
    fn kpp_roundtrip(s in "([0-9][1-9]|[1-9][0-9])[0-9]{2}[0-9A-Z]{2}[0-9]{3}") {
        prop_assert_eq!(Kpp::parse(&s).unwrap().to_string(), s);
    }

    #[test]
    fn date_roundtrip(y in 1900i32..2100, doy in 0u64..366) {
        let d = chrono::NaiveDate::from_ymd_opt(y, 1, 1).unwrap() + chrono::Days::new(doy);
        if let Ok(f) = FnsDate::from_date(d) {
            prop_assert_eq!(FnsDate::parse(&f.to_string()).unwrap(), f);
        }
    }

    #[test]
    fn date_never_panics(s in "\\PC{0,12}") {
        let _ = FnsDate::parse(&s);
        let _ = FnsDate::parse_lenient(&s);
    }

    #[test]
    fn passport_rf_roundtrip(s in "[0-9]{10}") {
        let code = DocCode::PASSPORT_RF;
        let v = DocSeriesNumber::parse(code, &s).unwrap();
        prop_assert_eq!(v.as_str().replace(' ', ""), s);
        prop_assert_eq!(DocSeriesNumber::parse(code, v.as_str()).unwrap(), v);
    }

    #[test]
    fn doc_series_never_panics(code in prop::sample::select(vec!["03", "07", "18", "21", "22", "24", "10"]), s in "\\PC{0,30}") {
        let _ = DocSeriesNumber::parse(DocCode::parse(code).unwrap(), &s);
    }

    #[test]
    fn region_and_country_roundtrip(i in 0usize..90, j in 0usize..40) {
        let r = &gtn_model::dict::ssrf().entries[i].code;
        prop_assert_eq!(&RegionCode::parse(r).unwrap().to_string(), r);
        let entries = &gtn_model::dict::oksm().entries;
        let c = &entries[j % entries.len()].code;
        prop_assert_eq!(&CountryCode::parse(c).unwrap().to_string(), c);
    }

    #[test]
    fn epsm_roundtrip(s in "[0-9]{15}") {
        prop_assert_eq!(EpsmNumber::parse(&s).unwrap().to_string(), s);
    }

    #[test]
    fn vin_roundtrip(s in "[A-HJ-NPR-Z0-9]{17}") {
        prop_assert_eq!(Vin::parse(&s).unwrap().to_string(), s);
    }

    #[test]
    fn vin_with_ioq_rejected(s in "[A-HJ-NPR-Z0-9]{16}", c in prop::sample::select(vec!['I', 'O', 'Q']), at in 0usize..17) {
        let mut v: Vec<char> = s.chars().collect();
        v.insert(at, c);
        let v: String = v.into_iter().collect();
        prop_assert!(Vin::parse(&v).is_err());
    }

    #[test]
    fn plate_display_parse_roundtrip(n in 1u16..=9999, a in 0usize..12, b in 0usize..12, code in "[0-9]{2,3}") {
        let series: String = [PLATE_LETTERS[a], PLATE_LETTERS[b]].iter().collect();
        for t in [PlateType::Type3, PlateType::Type4A, PlateType::Transit] {
            let p = Plate { plate_type: t, number: n, series: series.clone(), code: code.clone() };
            prop_assert_eq!(Plate::parse(t, &p.to_string()).unwrap(), p.clone());
            prop_assert_eq!(Plate::parse(t, &p.canonical()).unwrap(), p);
        }
    }

    #[test]
    fn plate_parse_never_panics(s in "\\PC{0,16}") {
        let _ = Plate::parse(PlateType::Type4A, &s);
        let _ = Plate::parse(PlateType::Transit, &s);
    }
}

#[test]
fn owner_json_shape_is_stable() {
    let json = r#"{
        "kind": "citizen",
        "full_name": {"surname": "Пётр", "given_name": "Ёлкин"},
        "birth_date": "1980-02-29",
        "sex": "male",
        "inn": "500100732259",
        "citizenship": "643",
        "identity_document": {"code": "21", "series_number": "4509235857",
            "issued_on": "2010-05-20", "issued_by": "ОВД Арбат"},
        "address": {"region": "77", "city": "Москва"}
    }"#;
    let owner: Owner = serde_json::from_str(json).unwrap();
    let Owner::Citizen(c) = &owner else { panic!() };
    assert_eq!(
        c.person.identity_document.series_number.as_str(),
        "45 09 235857"
    );
    let back = serde_json::to_value(&owner).unwrap();
    assert_eq!(back["identity_document"]["series_number"], "45 09 235857");
    assert_eq!(back["kind"], "citizen");
    let again: Owner = serde_json::from_value(back).unwrap();
    assert_eq!(again, owner);

    let bad = json.replace("500100732259", "500100732258");
    let e = serde_json::from_str::<Owner>(&bad).unwrap_err().to_string();
    assert!(e.contains("контрольное число"), "{e}");
}
