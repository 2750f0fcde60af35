use crate::IdError;
use chrono::{Datelike, NaiveDate};
use std::fmt;
use std::str::FromStr;

/// Дата в формате ДД.ММ.ГГГГ (ДатаТип, таблицы 4.5, 4.6, 4.8-4.10).
///
/// Differences from the FNS regular expression of ДатаТип (the pattern of the schema in `xsd/`):
/// * the year must be 1900-2099, as in the regex;
/// * the day must exist in the real (Gregorian) calendar. The regex accepts
///   `29.02.1900` because it treats every year ending in `00` as a leap year;
///   1900 was not a leap year, so this type rejects that date (2000 was, and is accepted).
///
/// In JSON the date is written `"ДД.ММ.ГГГГ"`; an ISO `"ГГГГ-ММ-ДД"` is also accepted on input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FnsDate(NaiveDate);

impl FnsDate {
    /// Parses `ДД.ММ.ГГГГ` strictly (two-digit day and month, four-digit year).
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let b = s.as_bytes();
        let bad = |reason| IdError::Date {
            value: s.to_owned(),
            reason,
        };
        if b.len() != 10
            || b[2] != b'.'
            || b[5] != b'.'
            || ![0, 1, 3, 4, 6, 7, 8, 9]
                .iter()
                .all(|&i| b[i].is_ascii_digit())
        {
            return Err(bad("ожидается формат ДД.ММ.ГГГГ"));
        }
        let num = |r: std::ops::Range<usize>| -> u32 {
            b[r].iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'))
        };
        let (d, m, y) = (num(0..2), num(3..5), num(6..10));
        if !(1900..=2099).contains(&y) {
            return Err(bad("год должен быть в пределах 1900-2099"));
        }
        NaiveDate::from_ymd_opt(y as i32, m, d)
            .map(Self)
            .ok_or_else(|| bad("такой даты нет в календаре"))
    }

    /// Parses either `ДД.ММ.ГГГГ` or ISO `ГГГГ-ММ-ДД`.
    pub fn parse_lenient(s: &str) -> Result<Self, IdError> {
        let t = s.trim();
        if t.len() == 10 && t.as_bytes()[4] == b'-' {
            let d = NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| IdError::Date {
                value: s.to_owned(),
                reason: "такой даты нет в календаре",
            })?;
            return Self::from_date(d);
        }
        Self::parse(t)
    }

    /// Wraps a calendar date, checking the year range 1900-2099.
    pub fn from_date(d: NaiveDate) -> Result<Self, IdError> {
        if !(1900..=2099).contains(&d.year()) {
            return Err(IdError::Date {
                value: d.to_string(),
                reason: "год должен быть в пределах 1900-2099",
            });
        }
        Ok(Self(d))
    }

    /// The calendar date.
    pub fn date(&self) -> NaiveDate {
        self.0
    }
}

impl fmt::Display for FnsDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}.{:02}.{:04}",
            self.0.day(),
            self.0.month(),
            self.0.year()
        )
    }
}

impl FromStr for FnsDate {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        Self::parse_lenient(s)
    }
}

impl From<FnsDate> for NaiveDate {
    fn from(d: FnsDate) -> NaiveDate {
        d.0
    }
}

super::serde_via_str!(FnsDate);

/// Reading a [`NaiveDate`] from serde input exactly as chrono's own
/// `Deserialize` does (the same visitor: `deserialize_str`, chrono's
/// `FromStr`, the same messages), except that the canonical `ГГГГ-ММ-ДД`
/// (ten ASCII bytes, digits and two hyphens) is read by hand: chrono's
/// general parser costs about 500 instructions a date, and a record has
/// five or six. Anything else, and a canonical text naming no date, goes
/// to chrono's parser. `canonical_is_chrono` (below) proves the two equal.
///
/// For fields: `#[serde(deserialize_with = "iso_date::deserialize")]`, and
/// `#[serde(default, deserialize_with = "iso_date::option")]` for
/// `Option<NaiveDate>`; serialisation stays chrono's.
pub mod iso_date {
    use chrono::NaiveDate;
    use serde::de::{self, Deserialize, Deserializer};
    use std::fmt;

    /// A `ГГГГ-ММ-ДД` date, without going through chrono's parser; `None`
    /// for any other text and for a canonical text naming no date.
    pub fn canonical(s: &str) -> Option<NaiveDate> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let mut n = [0u32; 3];
        for (k, r) in [0..4, 5..7, 8..10].into_iter().enumerate() {
            for &c in &b[r] {
                if !c.is_ascii_digit() {
                    return None;
                }
                n[k] = n[k] * 10 + u32::from(c - b'0');
            }
        }
        NaiveDate::from_ymd_opt(i32::try_from(n[0]).ok()?, n[1], n[2])
    }

    /// chrono's `NaiveDateVisitor`, with [`canonical`] first.
    struct Visitor;

    impl de::Visitor<'_> for Visitor {
        type Value = NaiveDate;

        fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
            formatter.write_str("a formatted date string")
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<NaiveDate, E> {
            match canonical(value) {
                Some(d) => Ok(d),
                None => value.parse().map_err(E::custom),
            }
        }
    }

    /// A date read as chrono's `Deserialize` reads it.
    struct Date(NaiveDate);

    impl<'de> Deserialize<'de> for Date {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_str(Visitor).map(Date)
        }
    }

    /// `NaiveDate`, as chrono's `Deserialize`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        Date::deserialize(d).map(|x| x.0)
    }

    /// `Option<NaiveDate>`, as the derived reading of that type.
    pub fn option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        Option::<Date>::deserialize(d).map(|x| x.map(|x| x.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn calendar() {
        assert_eq!(FnsDate::parse("29.02.1900").unwrap_err().code(), "M006");
        assert!(FnsDate::parse("29.02.2000").is_ok());
        assert!(FnsDate::parse("29.02.2024").is_ok());
        assert!(FnsDate::parse("29.02.2023").is_err());
        assert!(FnsDate::parse("31.04.2024").is_err());
        assert!(FnsDate::parse("1.04.2024").is_err());
        assert!(FnsDate::parse("01.04.1899").is_err());
        assert_eq!(
            FnsDate::parse_lenient("2024-04-01").unwrap().to_string(),
            "01.04.2024"
        );
        assert!(FnsDate::parse("01.04.２０２４").is_err());
    }

    /// [`iso_date::canonical`] gives chrono's date for every canonical text
    /// it takes, and takes every canonical text naming a date: all years
    /// with a spread of days, and every month and day field of some years.
    #[test]
    fn canonical_is_chrono() {
        let check = |s: &str| {
            let chrono = s.parse::<NaiveDate>().ok();
            assert_eq!(iso_date::canonical(s), chrono, "{s}");
        };
        for y in 0..=9999 {
            for (m, d) in [
                (1, 1),
                (2, 28),
                (2, 29),
                (2, 30),
                (4, 31),
                (12, 31),
                (13, 1),
                (0, 1),
                (1, 0),
            ] {
                check(&format!("{y:04}-{m:02}-{d:02}"));
            }
        }
        for y in [0, 1, 4, 100, 1899, 1900, 1960, 2000, 2024, 2025, 2100, 9999] {
            for m in 0..100 {
                for d in 0..100 {
                    check(&format!("{y:04}-{m:02}-{d:02}"));
                }
            }
        }
        for s in [
            "2025-3-01",
            " 2025-03-01",
            "2025-03-01 ",
            "+2025-03-01",
            "2025/03/01",
            "２０２５-03-01",
            "20250-3-01",
        ] {
            assert_eq!(iso_date::canonical(s), None, "{s}");
        }
    }

    /// The serde reading is chrono's, values and messages, through JSON.
    #[test]
    fn iso_date_reads_as_chrono() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Ours {
            #[serde(deserialize_with = "iso_date::deserialize")]
            d: NaiveDate,
            #[serde(default, deserialize_with = "iso_date::option")]
            o: Option<NaiveDate>,
        }
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Chrono {
            d: NaiveDate,
            #[serde(default)]
            o: Option<NaiveDate>,
        }
        let values = [
            "\"2025-03-01\"",
            "\"2025-02-29\"",
            "\"2024-02-29\"",
            "\"2025-3-1\"",
            "\" 2025-03-01\"",
            "\"2025-03-01x\"",
            "\"\"",
            "\"x\"",
            "\"\\u0032025-03-01\"",
            "1",
            "null",
            "true",
            "[]",
            "{}",
            "\"0000-01-01\"",
            "\"-0001-12-31\"",
        ];
        for d in values {
            for o in values
                .iter()
                .map(|o| format!(",\"o\":{o}"))
                .chain([String::new()])
            {
                let text = format!("{{\"d\":{d}{o}}}");
                let ours = serde_json::from_str::<Ours>(&text).map_err(|e| e.to_string());
                let chrono = serde_json::from_str::<Chrono>(&text)
                    .map(|c| Ours { d: c.d, o: c.o })
                    .map_err(|e| e.to_string());
                assert_eq!(ours, chrono, "{text}");
            }
        }
    }
}
