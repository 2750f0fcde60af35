//! Counting of terms.
//!
//! Terms of the Rules are counted as the Civil Code counts them (ГК РФ,
//! ст. 190-192), unless the Rules say otherwise:
//!
//! * ст. 191: a term in days (or years, months) begins the day after the
//!   event it counts from; «10 календарных дней со дня …» (п. 5) ends on
//!   the event's date + 10, «30 календарных дней» of п. 20 and п. 64 on the
//!   date + 30, the 20 days of «ТРАНЗИТ» (п. 42) on the date + 20;
//! * ст. 192, п. 1 and 3: a term in years ends on the same month and day of
//!   the last year of the term, and where that day does not exist (29
//!   February) on the last day of the month — the one-year cap of п. 32,
//!   абз. 11;
//! * terms in working days (п. 64, абз. 1; п. 65) are counted by the
//!   production calendar ([`crate::Calendar::add_working_days`]), the
//!   event's day itself not counted (ст. 191).
//!
//! Not applied: ст. 193 (a term whose last day is a non-working day ends on
//! the next working day). The calendar-day terms of п. 5, 20, 42 and 64 are
//! given as the Rules state them; whether ст. 193 moves them is an open
//! question for the offices' lawyers (the production calendar is at hand
//! if it does).

use crate::RulesError;
use chrono::{Datelike, Days, Months, NaiveDate};

/// `d` as ДД.ММ.ГГГГ.
pub(crate) fn fmt(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// The last day of a term of `n` calendar days counted from the event on
/// `event` (ГК РФ, ст. 191: the term begins the next day).
pub fn calendar_days(event: NaiveDate, n: u64) -> Result<NaiveDate, RulesError> {
    event
        .checked_add_days(Days::new(n))
        .ok_or_else(|| RulesError::Date(fmt(event)))
}

/// The last day of a term of `n` months counted from the event on `event`
/// (ГК РФ, ст. 191, 192 п. 3: the same day of the last month, or that
/// month's last day where the day does not exist).
pub fn months(event: NaiveDate, n: u32) -> Result<NaiveDate, RulesError> {
    // chrono clamps to the last day of the month, as ст. 192, п. 3 does.
    event
        .checked_add_months(Months::new(n))
        .ok_or_else(|| RulesError::Date(fmt(event)))
}

/// The last day of a term of `n` years counted from the event on `event`
/// (ГК РФ, ст. 192, п. 1 and 3): 29.02.2024 + 1 year → 28.02.2025;
/// 30.12.2025 + 1 year → 30.12.2026.
pub fn years(event: NaiveDate, n: u32) -> Result<NaiveDate, RulesError> {
    months(event, n.saturating_mul(12))
}

/// Age in full years on `on`.
pub(crate) fn age(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut a = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        a -= 1;
    }
    a
}

/// The day a person born on `birth` turns 16 (29 February → 1 March).
pub(crate) fn sixteenth_birthday(birth: NaiveDate) -> Option<NaiveDate> {
    birth.checked_add_months(Months::new(16 * 12)).map(|d| {
        if birth.month() == 2 && birth.day() == 29 && d.day() == 28 {
            d.succ_opt().unwrap_or(d)
        } else {
            d
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    /// Examples in the words of ст. 192 ГК РФ.
    #[test]
    fn civil_code_years_and_months() {
        assert_eq!(years(d("2025-12-30"), 1).ok(), Some(d("2026-12-30")));
        assert_eq!(years(d("2024-02-29"), 1).ok(), Some(d("2025-02-28")));
        assert_eq!(years(d("2023-03-01"), 1).ok(), Some(d("2024-03-01")));
        assert_eq!(months(d("2026-01-31"), 1).ok(), Some(d("2026-02-28")));
        assert_eq!(months(d("2024-01-31"), 1).ok(), Some(d("2024-02-29")));
        assert_eq!(
            calendar_days(d("2025-12-25"), 10).ok(),
            Some(d("2026-01-04"))
        );
    }
}
