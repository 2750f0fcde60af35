use crate::IdError;
use chrono::{Datelike, NaiveDate};
use std::fmt;
use std::str::FromStr;

/// Дата в формате ДД.ММ.ГГГГ (ДатаТип, таблицы 4.5, 4.6, 4.8-4.10).
///
/// Differences from the FNS regular expression of ДатаТип (domain-notes.md §3):
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
}
