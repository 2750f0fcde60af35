//! Lists of plates already issued (`--issued FILE`): one plate a line,
//! empty lines and `#` comments skipped.

use gtn_model::{Plate, PlateError, PlateType};

/// A line of an issued list that is not a plate of the type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedLineError {
    /// Line, from 1.
    pub line: usize,
    /// The text of the line.
    pub text: String,
    /// Why it is not a plate.
    pub error: PlateError,
}

/// Reads every line; the plates and every bad line (not only the first).
pub fn parse_issued(text: &str, t: PlateType) -> (Vec<Plate>, Vec<IssuedLineError>) {
    let mut plates = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        match Plate::parse(t, l) {
            Ok(p) => plates.push(p),
            Err(error) => errors.push(IssuedLineError {
                line: i + 1,
                text: l.to_owned(),
                error,
            }),
        }
    }
    (plates, errors)
}
