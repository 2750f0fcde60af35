//! Conversions of the rules' errors into [`gtn_diag::Diagnostic`], code kept
//! as its own field (the message carries no code).

use crate::{CalendarError, InputError, RulesError};
use gtn_diag::Diagnostic;

impl CalendarError {
    /// Stable code: `C001` (a line of a calendar file), `C002` (date outside the calendar).
    pub fn code(&self) -> &'static str {
        match self {
            CalendarError::Format { .. } => "C001",
            CalendarError::OutOfRange { .. } => "C002",
        }
    }

    /// The Russian message, without the code.
    pub fn message(&self) -> String {
        match self {
            CalendarError::Format { line, message } => {
                format!("календарь, строка {line}: {message}")
            }
            CalendarError::OutOfRange { date, from, to } => format!(
                "дата {} вне лет производственного календаря ({from}-{to}): срок в рабочих днях не может быть рассчитан",
                date.format("%Y-%m-%d")
            ),
        }
    }
}

impl RulesError {
    /// Stable code: the calendar's code for a deadline outside the calendar
    /// (`C002`, formerly `E001`), `E002` for a date overflow, `E003` for a
    /// decision date before `submitted`.
    pub fn code(&self) -> &'static str {
        match self {
            RulesError::Calendar(c) => c.code(),
            RulesError::Date(_) => "E002",
            RulesError::DecisionBeforeSubmission { .. } => "E003",
        }
    }

    /// The Russian message, without the code.
    pub fn message(&self) -> String {
        match self {
            RulesError::Calendar(c) => c.message(),
            RulesError::Date(d) => format!("дата вне допустимого диапазона: {d}"),
            e @ RulesError::DecisionBeforeSubmission { .. } => e.to_string(),
        }
    }
}

impl InputError {
    /// Stable code: `E010`.
    pub fn code(&self) -> &'static str {
        "E010"
    }
}

impl From<&CalendarError> for Diagnostic {
    fn from(e: &CalendarError) -> Self {
        match e {
            CalendarError::Format { line, message } => {
                Diagnostic::error(e.code(), message.clone()).at(*line as u64, 0)
            }
            CalendarError::OutOfRange { .. } => Diagnostic::error(e.code(), e.message()),
        }
    }
}

impl From<&RulesError> for Diagnostic {
    fn from(e: &RulesError) -> Self {
        Diagnostic::error(e.code(), e.message())
    }
}

impl From<&InputError> for Diagnostic {
    fn from(e: &InputError) -> Self {
        Diagnostic::error(e.code(), e.message.clone())
            .with_file(e.file.clone())
            .at(e.line as u64, e.column as u64)
            .with_path(if e.field == "." {
                String::new()
            } else {
                e.field.clone()
            })
    }
}

macro_rules! by_value {
    ($($t:ty),*) => {$(
        impl From<$t> for Diagnostic {
            fn from(e: $t) -> Self {
                Diagnostic::from(&e)
            }
        }
    )*};
}
by_value!(CalendarError, RulesError, InputError);
