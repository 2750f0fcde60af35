#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
//! The registry against the source text of Appendices 4 and 5.

use gtn_model::{Plate, PlateType, RegionCode, PLATE_LETTERS};
use gtn_plates::appendix::{APPENDIX_4, APPENDIX_5};
use gtn_plates::{Allocator, Registry};
use proptest::prelude::*;

/// Rows of a data file as (code, raw series), counted independently of the loader.
fn raw_rows(text: &str) -> Vec<(String, Vec<String>)> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (
                f[1].to_owned(),
                f[2].split(',').map(|s| s.trim().to_owned()).collect(),
            )
        })
        .collect()
}

#[test]
fn counts_equal_the_source() {
    let reg = Registry::builtin();
    for (t, text) in [
        (PlateType::Type3, APPENDIX_4),
        (PlateType::Type4A, APPENDIX_5),
    ] {
        let raw = raw_rows(text);
        assert_eq!(raw.len(), 85, "regions of type {t}");
        assert_eq!(reg.appendix(t).rows.len(), raw.len());
        for (code, series) in &raw {
            let loaded = reg.series(code, t).unwrap();
            assert_eq!(
                loaded.len(),
                series.len(),
                "series of code {code}, type {t}"
            );
            // Nothing merged: still pairwise distinct.
            let mut s = loaded.to_vec();
            s.sort();
            s.dedup();
            assert_eq!(s.len(), loaded.len(), "code {code}");
        }
    }
    let total4: usize = raw_rows(APPENDIX_4).iter().map(|r| r.1.len()).sum();
    let loaded4: usize = reg
        .appendix(PlateType::Type3)
        .rows
        .iter()
        .map(|r| r.series.len())
        .sum();
    assert_eq!(total4, loaded4);
}

#[test]
fn every_series_uses_only_the_twelve_letters() {
    let reg = Registry::builtin();
    for t in [PlateType::Type3, PlateType::Type4A] {
        for row in &reg.appendix(t).rows {
            for s in &row.series {
                assert_eq!(s.chars().count(), 2);
                assert!(
                    s.chars().all(|c| PLATE_LETTERS.contains(&c)),
                    "{} {s}",
                    row.code
                );
            }
        }
    }
}

#[test]
fn repairs_are_reported_not_hidden() {
    let reg = Registry::builtin();
    let repairs: Vec<_> = reg.repairs().collect();
    // Every repair is in the Latin rows 47-62 of Appendix 4.
    for r in &repairs {
        assert_eq!(r.appendix, 4);
        let code: u8 = r.code.parse().unwrap();
        assert!((47..=62).contains(&code), "{r:?}");
    }
    // All series of those rows were typed in Latin, so all were repaired.
    let latin: usize = raw_rows(APPENDIX_4)
        .iter()
        .filter(|(c, _)| (47..=62).contains(&c.parse::<u8>().unwrap()))
        .map(|(_, s)| s.iter().filter(|s| s.chars().any(|c| c.is_ascii())).count())
        .sum();
    assert_eq!(repairs.len(), latin);
    for (code, original, repaired) in [
        ("47", "XU", "ХУ"),
        ("48", "YU", "УУ"),
        ("61", "UC", "УС"),
        ("50", "MY", "МУ"),
    ] {
        assert!(
            repairs
                .iter()
                .any(|r| r.code == code && r.original == original && r.repaired == repaired),
            "{code} {original}"
        );
    }
}

#[test]
fn data_files_are_verbatim_from_the_source() {
    // The source text sits beside the repository (../shared/spec); CI has it.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/spec/rules-1507.txt"
    );
    let Ok(source) = std::fs::read_to_string(path) else {
        assert!(std::env::var_os("CI").is_none(), "CI must have {path}");
        return;
    };
    for text in [APPENDIX_4, APPENDIX_5] {
        for l in text.lines().filter(|l| !l.starts_with('#')) {
            assert!(source.contains(l), "not in the source: {l}");
        }
    }
}

/// Hand-checked against the source text of the Rules.
#[test]
fn spot_checks_against_the_source() {
    let reg = Registry::builtin();
    let s = |code: &str, t| reg.series(code, t).unwrap().join(", ");
    use PlateType::{Type3 as T3, Type4A as T4};
    assert_eq!(s("01", T3), "АН, АО, АС, АТ, АУ, АМ");
    assert_eq!(
        s("47", T3),
        "ХА, ХВ, ХЕ, ХК, ХН, ХО, ХР, ХС, ХХ, ХТ, ХМ, ХУ"
    );
    assert_eq!(s("48", T3), "ХО, УА, УВ, УК, УМ, УН, УС, УТ, УУ, УЕ, УО");
    assert_eq!(
        s("61", T3),
        "ЕА, НР, НС, ОА, ОВ, ОЕ, ОК, ОН, ОР, ОС, РА, РВ, РЕ, РМ, РО, РС, РТ, РХ, РУ, УС, ОМ, РК, РН, РР"
    );
    assert_eq!(s("82", T3), "КА, КВ, КР, КМ, КЕ");
    assert_eq!(s("95", T3), "ОС, ОХ, ОА, ОВ");
    assert_eq!(s("87", T3), "УТ, УА");
    assert_eq!(s("49", T3), "ММ, МН, МА");
    assert_eq!(s("62", T3), "РК, РМ, РР, РС, РТ, РУ, РА, РВ, РЕ");
    assert_eq!(reg.series("22", T3).unwrap()[5..7], ["АН", "АО"]); // «АН,АО» without a space
    assert_eq!(reg.series("77", T3).unwrap().len(), 39);
    assert_eq!(reg.series("50", T3).unwrap().len(), 34);
    for (code, series) in [
        ("77", "МК"),
        ("47", "ВК"),
        ("48", "МС"),
        ("61", "НЕ"),
        ("82", "ХХ"),
        ("95", "ТВ"),
        ("01", "АА"),
        ("89", "СА"),
    ] {
        assert_eq!(s(code, T4), series, "4А {code}");
    }
    // A series under several codes.
    let km: Vec<_> = reg
        .regions_for_series("KM", T3)
        .iter()
        .map(|r| r.code.as_str())
        .collect();
    assert!(km.contains(&"08") && km.contains(&"10"), "{km:?}");
}

#[test]
fn every_region_and_series_checks() {
    let reg = Registry::builtin();
    for t in [PlateType::Type3, PlateType::Type4A] {
        for row in &reg.appendix(t).rows {
            for s in &row.series {
                let p = reg.parse(t, &format!("0001 {s} {}", row.code)).unwrap();
                assert_eq!(p.series, *s);
            }
            let outside = PLATE_LETTERS
                .iter()
                .flat_map(|a| PLATE_LETTERS.iter().map(move |b| format!("{a}{b}")))
                .find(|s| !row.series.contains(s))
                .unwrap();
            let e = reg
                .parse(t, &format!("0001 {outside} {}", row.code))
                .unwrap_err();
            assert_eq!(e.code(), "P011", "{t} {} {outside}", row.code);
        }
    }
}

#[test]
fn region_names_and_ssrf_codes() {
    let reg = Registry::builtin();
    assert_eq!(reg.code_for_name("г. Москва").unwrap(), "77");
    assert_eq!(reg.code_for_name("МОСКОВСКАЯ обл.").unwrap(), "50");
    assert_eq!(reg.code_for_name("Республика Крым").unwrap(), "82");
    assert_eq!(reg.code_for_name("чеченская республика").unwrap(), "95");
    assert_eq!(
        reg.code_for_name("Кемеровская область - Кузбасс").unwrap(),
        "42"
    );
    assert_eq!(reg.code_for_name("Атлантида").unwrap_err().code(), "P012");
    let ssrf = |c: &str| reg.code_for_ssrf(RegionCode::parse(c).unwrap());
    assert_eq!(ssrf("91").unwrap(), "82");
    assert_eq!(ssrf("20").unwrap(), "95");
    assert_eq!(ssrf("21").unwrap(), "21"); // «Чувашская Республика - Чувашия»
    assert_eq!(ssrf("77").unwrap(), "77");
    for c in ["80", "81", "84", "85", "99"] {
        assert_eq!(ssrf(c).unwrap_err().code(), "P012", "{c}");
    }
    // Every other ССРФ region has a plate code.
    for e in &gtn_model::dict::ssrf().entries {
        if !["80", "81", "84", "85", "99"].contains(&e.code.as_str()) {
            assert!(ssrf(&e.code).is_ok(), "{} {}", e.code, e.name);
        }
    }
}

#[test]
fn updated_appendix_replaces_the_builtin() {
    let a4 = format!("{APPENDIX_4}Новый регион\t80\tАА, ВВ\n");
    let reg = Registry::load(&a4, APPENDIX_5).unwrap();
    assert_eq!(reg.series("80", PlateType::Type3).unwrap(), ["АА", "ВВ"]);
    let bad = format!("{APPENDIX_4}Новый регион\t80\tАА, ЖЖ\n");
    let e = Registry::load(&bad, APPENDIX_5).unwrap_err();
    assert_eq!(e.line, APPENDIX_4.lines().count() + 1);
    assert_eq!(e.column, "Новый регион\t80\tАА, ".chars().count() + 1);
    assert!(e.to_string().contains("«Ж»"), "{e}");
    let dup = format!("{APPENDIX_4}Ещё\t77\tАА\n");
    assert!(Registry::load(&dup, APPENDIX_5)
        .unwrap_err()
        .to_string()
        .contains("уже указан"));
    let merged = "# columns: name\tcode\tseries\nX\t01\tXY, ХУ\n";
    assert!(Registry::load(merged, APPENDIX_5)
        .unwrap_err()
        .to_string()
        .contains("повторяется"));
}

fn valid_plate() -> impl Strategy<Value = Plate> {
    let reg = Registry::builtin();
    let mut all = Vec::new();
    for t in [PlateType::Type3, PlateType::Type4A] {
        for r in &reg.appendix(t).rows {
            for s in &r.series {
                all.push((t, s.clone(), r.code.clone()));
            }
        }
    }
    (prop::sample::select(all), 1u16..=9999).prop_map(|((t, series, code), number)| Plate {
        plate_type: t,
        number,
        series,
        code,
    })
}

proptest! {
    #[test]
    fn parse_display_is_identity(p in valid_plate()) {
        let reg = Registry::builtin();
        prop_assert_eq!(reg.parse(p.plate_type, &p.to_string()).unwrap(), p.clone());
        prop_assert_eq!(reg.parse(p.plate_type, &p.canonical()).unwrap(), p.clone());
        prop_assert_eq!(reg.parse(p.plate_type, &p.to_string().to_lowercase()).unwrap(), p);
    }

    #[test]
    fn letter_outside_the_twelve_is_rejected(p in valid_plate(), bad in "[БГДЁЖЗИЙЛПФЦЧШЩЪЫЬЭЮЯDFGIJLNQRSUVWZ]", second in any::<bool>()) {
        let mut series: Vec<char> = p.series.chars().collect();
        series[usize::from(second)] = bad.chars().next().unwrap();
        let s: String = series.into_iter().collect();
        let input = format!("{:04} {s} {}", p.number, p.code);
        prop_assert!(Registry::builtin().parse(p.plate_type, &input).is_err());
    }

    #[test]
    fn series_outside_the_region_is_rejected(p in valid_plate(), a in 0usize..12, b in 0usize..12) {
        let reg = Registry::builtin();
        let s: String = [PLATE_LETTERS[a], PLATE_LETTERS[b]].iter().collect();
        let allowed = reg.series(&p.code, p.plate_type).unwrap().contains(&s);
        let r = reg.parse(p.plate_type, &format!("{:04} {s} {}", p.number, p.code));
        prop_assert_eq!(r.is_ok(), allowed);
    }

    #[test]
    fn allocation_never_returns_an_issued_plate(n in 0usize..30_000) {
        let reg = Registry::builtin();
        let series = reg.series("01", PlateType::Type3).unwrap().to_vec();
        let issued: Vec<Plate> = series.iter().flat_map(|s| (1..=9999u16).map(move |k| Plate { plate_type: PlateType::Type3, number: k, series: s.clone(), code: "01".into() })).step_by(3).take(n).collect();
        let mut a = Allocator::new(reg, "01", PlateType::Type3, issued.clone()).unwrap();
        let set: std::collections::HashSet<_> = issued.into_iter().collect();
        for _ in 0..5 {
            let p = a.allocate().unwrap();
            prop_assert!(!set.contains(&p));
            prop_assert!(reg.check(&p).is_ok());
        }
    }
}
