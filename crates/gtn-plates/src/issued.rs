//! The list of plates already issued, as an office keeps it: one plate per
//! line in any common spelling; blank lines and lines starting with `#` are
//! skipped. Every bad line is reported, not only the first.

use crate::Allocator;
use gtn_model::{Plate, PlateError, PlateType};

/// A line of the list that is not a plate of the type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("строка {line}: знак «{text}»: {error}")]
pub struct IssuedLineError {
    /// Line, from 1.
    pub line: usize,
    /// Column where the plate starts (after leading blanks), from 1, in characters.
    pub column: usize,
    /// The line as written (trimmed).
    pub text: String,
    /// Why it is not a plate.
    pub error: PlateError,
}

impl IssuedLineError {
    /// Stable code: that of the plate's syntax error (`M02x`).
    pub fn code(&self) -> &'static str {
        self.error.code()
    }
}

/// The plates of a list, each with its line, and the lines that are not plates.
#[derive(Debug, Clone, Default)]
pub struct IssuedList {
    /// Plates read, with their line numbers.
    pub plates: Vec<(usize, Plate)>,
    /// Every line that is not a plate of the type.
    pub errors: Vec<IssuedLineError>,
}

/// Reads a list of issued plates of one type. A byte-order mark at the
/// start is skipped.
pub fn parse_issued(text: &str, plate_type: PlateType) -> IssuedList {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut out = IssuedList::default();
    for (i, raw) in text.lines().enumerate() {
        let l = raw.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        match Plate::parse(plate_type, l) {
            Ok(p) => out.plates.push((i + 1, p)),
            Err(error) => out.errors.push(IssuedLineError {
                line: i + 1,
                column: raw.chars().take_while(|c| c.is_whitespace()).count() + 1,
                text: l.to_owned(),
                error,
            }),
        }
    }
    out
}

/// Reads plates given one per item of a list (a JSON array of the C ABI's
/// options or of `POST /v1/check`): unlike the lines of a file, an item is
/// never a comment and an empty item is an error. Every item that is not a
/// plate of the type is returned with its index.
pub fn parse_issued_items<S: AsRef<str>>(
    items: &[S],
    plate_type: PlateType,
) -> Result<Vec<Plate>, Vec<(usize, PlateError)>> {
    let mut plates = Vec::with_capacity(items.len());
    let mut bad = Vec::new();
    for (i, text) in items.iter().enumerate() {
        match Plate::parse(plate_type, text.as_ref().trim()) {
            Ok(p) => plates.push(p),
            Err(e) => bad.push((i, e)),
        }
    }
    if bad.is_empty() {
        Ok(plates)
    } else {
        Err(bad)
    }
}

/// Why an issued plate was left out of an allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// Another region code.
    OtherCode,
    /// Another plate type.
    OtherType,
    /// A series not assigned to the region code (Приложения № 4, 5).
    SeriesNotAssigned,
}

impl SkipReason {
    /// In Russian, for people.
    pub fn text(self) -> &'static str {
        match self {
            SkipReason::OtherCode => "другой код региона",
            SkipReason::OtherType => "другой тип знака",
            SkipReason::SeriesNotAssigned => "серия не закреплена за кодом региона",
        }
    }
}

/// An issued plate the allocator did not take into account.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    /// Line of the list.
    pub line: usize,
    /// The plate.
    pub plate: String,
    /// Why.
    pub reason: SkipReason,
    /// The region code the allocator issues plates with.
    pub code: String,
}

impl Allocator<'_> {
    /// Marks the plates of a list as issued and returns those that are not
    /// of this allocator's code, type and series, with the reason: they do
    /// not block any plate, and a user should know they were left out.
    pub fn mark_list(&mut self, plates: &[(usize, Plate)]) -> Vec<Skipped> {
        let mut skipped = Vec::new();
        for (line, p) in plates {
            if !self.mark_issued(p) {
                let reason = if p.plate_type != self.plate_type() {
                    SkipReason::OtherType
                } else if p.code != self.code() {
                    SkipReason::OtherCode
                } else {
                    SkipReason::SeriesNotAssigned
                };
                skipped.push(Skipped {
                    line: *line,
                    plate: p.to_string(),
                    reason,
                    code: self.code().to_owned(),
                });
            }
        }
        skipped
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Registry;

    #[test]
    fn every_bad_line_is_reported_and_skips_have_reasons() {
        let l = parse_issued(
            "\u{FEFF}# выданные\n0001 АА 77\n12 ЖЖ 77\n\n0003 АА 50\n \txyz\n0004 КМ 77\n",
            PlateType::Type3,
        );
        assert_eq!(
            l.errors
                .iter()
                .map(|e| (e.line, e.column))
                .collect::<Vec<_>>(),
            [(3, 1), (6, 3)]
        );
        let reg = Registry::builtin();
        let mut a = Allocator::new(reg, "77", PlateType::Type3, []).unwrap();
        let s = a.mark_list(&l.plates);
        assert_eq!(
            s.iter().map(|s| (s.line, s.reason)).collect::<Vec<_>>(),
            [
                (5, SkipReason::OtherCode),
                (7, SkipReason::SeriesNotAssigned)
            ]
        );
        assert_eq!(a.ignored(), 0, "mark_list reports, not counts");
        assert_eq!(a.next_free().unwrap().to_string(), "0002 АА 77");
    }
}
