//! Производственный календарь: which days are working days (Rules п. 64-65
//! count in working days; domain notes §4).
//!
//! The calendar is data (`data/calendar.tsv`, compiled in); an office adds
//! its regional holidays with [`Calendar::extend`]. A date outside the
//! calendar's years is an error, never a guess.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::collections::HashMap;
use std::ops::RangeInclusive;

/// Error of the calendar (codes C0xx).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// C001: a line of a calendar file is malformed.
    #[error("календарь, строка {line}: {message}")]
    Format {
        /// Line, from 1.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// C002: the date is outside the years the calendar covers.
    #[error("дата {date} вне лет производственного календаря ({from}-{to}): срок в рабочих днях не может быть рассчитан")]
    OutOfRange {
        /// The date asked about.
        date: NaiveDate,
        /// First year covered.
        from: i32,
        /// Last year covered.
        to: i32,
    },
}

/// Kind of a listed day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    /// Нерабочий праздничный день или перенесённый выходной.
    Off,
    /// Рабочая суббота (перенос).
    Work,
    /// Нерабочий день по указу Президента (2020-2021), see [`Calendar::decree_days_off`].
    Decree,
}

/// Производственный календарь.
#[derive(Debug, Clone)]
pub struct Calendar {
    years: RangeInclusive<i32>,
    days: HashMap<NaiveDate, DayKind>,
    /// Count days made non-working by Presidential decree (2020-2021) as
    /// non-working (default `true`).
    pub decree_days_off: bool,
}

const BUILTIN: &str = include_str!("../data/calendar.tsv");

impl Calendar {
    /// The built-in calendar (2020-2027; 2027 is planned, see the data file).
    pub fn builtin() -> Self {
        // The built-in file is tested; an error here would be a build defect.
        Self::parse(BUILTIN).unwrap_or_else(|_| Self {
            years: RangeInclusive::new(0, -1), // covers no year: every query is an error
            days: HashMap::new(),
            decree_days_off: true,
        })
    }

    /// Parses a calendar file: `# years: FROM-TO` and lines
    /// `YYYY-MM-DD<TAB>off|work|decree[<TAB>note]`.
    pub fn parse(text: &str) -> Result<Self, CalendarError> {
        Self::parse_with(text, None)
    }

    /// Parses a calendar file; `default_years` stands for a missing
    /// `# years:` line (so line numbers in errors are the file's own).
    fn parse_with(
        text: &str,
        default_years: Option<RangeInclusive<i32>>,
    ) -> Result<Self, CalendarError> {
        let mut years = None;
        let mut days = HashMap::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let err = |message: String| CalendarError::Format { line, message };
            let l = raw.trim_end();
            if let Some(rest) = l.strip_prefix("# years:") {
                let (a, b) = rest
                    .trim()
                    .split_once('-')
                    .ok_or_else(|| err("ожидается «# years: ГГГГ-ГГГГ»".into()))?;
                let a: i32 = a.trim().parse().map_err(|_| err(format!("год «{a}»")))?;
                let b: i32 = b.trim().parse().map_err(|_| err(format!("год «{b}»")))?;
                years = Some(a..=b);
                continue;
            }
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let mut f = l.split('\t');
            let date = f.next().unwrap_or_default().trim();
            let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
                .map_err(|_| err(format!("«{date}»: ожидается дата ГГГГ-ММ-ДД")))?;
            let kind = match f.next().map(str::trim) {
                Some("off") => DayKind::Off,
                Some("work") => DayKind::Work,
                Some("decree") => DayKind::Decree,
                other => {
                    return Err(err(format!(
                        "вид дня «{}»: ожидается off, work или decree",
                        other.unwrap_or("")
                    )))
                }
            };
            // Columns: date, kind, note. A fourth column is not a longer
            // note but a mistake (a tab typed for a space, a shifted file).
            if let Some(extra) = f.nth(1) {
                return Err(err(format!(
                    "лишний столбец «{}»: ожидается дата<TAB>вид[<TAB>примечание]",
                    extra.trim()
                )));
            }
            days.insert(date, kind);
        }
        let years = years.or(default_years).ok_or(CalendarError::Format {
            line: 1,
            message: "нет строки «# years: ГГГГ-ГГГГ»".into(),
        })?;
        Ok(Self {
            years,
            days,
            decree_days_off: true,
        })
    }

    /// Adds an office's own days (regional holidays, or new years) from a
    /// file of the same format; its `# years:` line, if any, widens the range.
    pub fn extend(&mut self, text: &str) -> Result<(), CalendarError> {
        let other = Self::parse_with(text, Some(self.years.clone()))?;
        let from = *self.years.start().min(other.years.start());
        let to = *self.years.end().max(other.years.end());
        self.years = from..=to;
        self.days.extend(other.days);
        Ok(())
    }

    /// Years covered.
    pub fn years(&self) -> RangeInclusive<i32> {
        self.years.clone()
    }

    /// `true` for a working day.
    pub fn is_working_day(&self, d: NaiveDate) -> Result<bool, CalendarError> {
        if !self.years.contains(&d.year()) {
            return Err(CalendarError::OutOfRange {
                date: d,
                from: *self.years.start(),
                to: *self.years.end(),
            });
        }
        Ok(match self.days.get(&d) {
            Some(DayKind::Off) => false,
            Some(DayKind::Work) => true,
            Some(DayKind::Decree) => !self.decree_days_off,
            None => !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
        })
    }

    /// The `n`-th working day after `from` («в течение n рабочих дней со
    /// дня …»: the day itself is not counted). `n = 0` gives `from`.
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        // The day the term counts from must itself be in the calendar: an
        // error then names that day, not the day after it.
        if !self.years.contains(&from.year()) {
            return Err(CalendarError::OutOfRange {
                date: from,
                from: *self.years.start(),
                to: *self.years.end(),
            });
        }
        let mut d = from;
        let mut left = n;
        while left > 0 {
            d = d
                .checked_add_days(Days::new(1))
                .ok_or(CalendarError::OutOfRange {
                    date: d,
                    from: *self.years.start(),
                    to: *self.years.end(),
                })?;
            if self.is_working_day(d)? {
                left -= 1;
            }
        }
        Ok(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn builtin_loads_and_knows_the_holidays() {
        let c = Calendar::builtin();
        assert_eq!(c.years(), 2020..=2027);
        assert!(!c.is_working_day(d("2026-01-09")).unwrap());
        assert!(c.is_working_day(d("2026-01-12")).unwrap());
        assert!(
            c.is_working_day(d("2024-04-27")).unwrap(),
            "working Saturday"
        );
        assert!(!c.is_working_day(d("2024-04-29")).unwrap());
        assert!(!c.is_working_day(d("2020-04-15")).unwrap(), "decree day");
    }

    #[test]
    fn hand_counted_deadlines_across_holidays() {
        let c = Calendar::builtin();
        // 30.12.2025 (Tue): 31.12 and 01-09.01 are off; 12.01.2026 is the first working day.
        assert_eq!(
            c.add_working_days(d("2025-12-30"), 2).unwrap(),
            d("2026-01-13")
        );
        assert_eq!(
            c.add_working_days(d("2025-12-30"), 5).unwrap(),
            d("2026-01-16")
        );
        assert_eq!(
            c.add_working_days(d("2025-12-30"), 10).unwrap(),
            d("2026-01-23")
        );
        // 28.04.2024 (Sun): 29.04-01.05 off, 02.05 working, 09-10.05 off.
        assert_eq!(
            c.add_working_days(d("2024-04-28"), 3).unwrap(),
            d("2024-05-06")
        );
        assert_eq!(
            c.add_working_days(d("2024-04-28"), 5).unwrap(),
            d("2024-05-08")
        );
        assert_eq!(
            c.add_working_days(d("2024-04-28"), 10).unwrap(),
            d("2024-05-17")
        );
    }

    #[test]
    fn outside_the_years_is_an_error_and_offices_can_extend() {
        let mut c = Calendar::builtin();
        assert!(matches!(
            c.add_working_days(d("2027-12-29"), 5),
            Err(CalendarError::OutOfRange { .. })
        ));
        // A regional holiday (e.g. Татарстан, Курбан-байрам) and a new year.
        c.extend("2026-05-27\toff\tКурбан-байрам\n").unwrap();
        assert!(!c.is_working_day(d("2026-05-27")).unwrap());
        c.extend("# years: 2028-2028\n2028-01-03\toff\n").unwrap();
        assert!(!c.is_working_day(d("2028-01-03")).unwrap());
        assert!(c.is_working_day(d("2028-01-10")).unwrap());
        assert!(matches!(
            Calendar::parse("# years: 2026-2026\n2026-13-01\toff\n"),
            Err(CalendarError::Format { line: 2, .. })
        ));
    }

    #[test]
    fn office_file_errors_name_the_files_own_lines() {
        let mut c = Calendar::builtin();
        // No «# years:» line: the error is on line 2 of the office's file.
        let e = c
            .extend("2026-05-27\toff\tКурбан-байрам\n2026-13-01\toff\n")
            .unwrap_err();
        assert!(matches!(e, CalendarError::Format { line: 2, .. }), "{e}");
        // A fourth column is refused, not dropped.
        let e = c.extend("2026-05-27\toff\tпраздник\tлишнее\n").unwrap_err();
        assert!(
            matches!(&e, CalendarError::Format { line: 1, message } if message.contains("лишний столбец")),
            "{e}"
        );
    }

    #[test]
    fn out_of_range_names_the_day_counted_from() {
        let c = Calendar::builtin();
        let e = c.add_working_days(d("2030-01-01"), 5).unwrap_err();
        assert!(e.to_string().contains("2030-01-01"), "{e}");
    }

    #[test]
    fn decree_days_are_a_policy() {
        let mut c = Calendar::builtin();
        c.decree_days_off = false;
        assert!(c.is_working_day(d("2020-04-15")).unwrap());
    }
}
