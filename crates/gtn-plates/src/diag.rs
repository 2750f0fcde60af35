//! Conversions of the registry's errors into [`gtn_diag::Diagnostic`], code kept.

use crate::{IssuedLineError, LoadError, RegistryError, Skipped};
use gtn_diag::Diagnostic;

impl From<&LoadError> for Diagnostic {
    fn from(e: &LoadError) -> Self {
        Diagnostic::error(e.code(), e.message.clone())
            .with_file(e.file.clone())
            .at(e.line as u64, e.column as u64)
    }
}

impl From<&RegistryError> for Diagnostic {
    fn from(e: &RegistryError) -> Self {
        match e {
            RegistryError::Syntax(p) => Diagnostic::from(p),
            RegistryError::UnknownRegion { query, .. } => {
                Diagnostic::error(e.code(), e.to_string()).with_value(query.clone())
            }
            RegistryError::AlreadyIssued { plate } => {
                Diagnostic::error(e.code(), e.to_string()).with_value(plate.clone())
            }
            _ => Diagnostic::error(e.code(), e.to_string()),
        }
    }
}

/// A bad line of a list of issued plates: the plate's error, at its line
/// and column, with the line as its value. The caller names the list
/// (`with_file`).
impl From<&IssuedLineError> for Diagnostic {
    fn from(e: &IssuedLineError) -> Self {
        Diagnostic::from(&e.error)
            .at(e.line as u64, e.column as u64)
            .with_value(e.text.clone())
    }
}

/// An issued plate left out of an allocation (`P015`, a warning), at its
/// line. The caller names the list (`with_file`).
impl From<&Skipped> for Diagnostic {
    fn from(s: &Skipped) -> Self {
        Diagnostic::warning(
            "P015",
            format!(
                "выданный знак {} не учтён: {} (знаки выдаются с кодом {})",
                s.plate,
                s.reason.text(),
                s.code
            ),
        )
        .at(s.line as u64, 1)
        .with_value(s.plate.clone())
    }
}

impl From<LoadError> for Diagnostic {
    fn from(e: LoadError) -> Self {
        Diagnostic::from(&e)
    }
}

impl From<RegistryError> for Diagnostic {
    fn from(e: RegistryError) -> Self {
        Diagnostic::from(&e)
    }
}
