//! Conversions of the model's errors into [`gtn_diag::Diagnostic`], code kept.

use crate::{DecimalError, DictError, IdError, PlateError};
use gtn_diag::Diagnostic;

impl From<&IdError> for Diagnostic {
    fn from(e: &IdError) -> Self {
        let d = Diagnostic::error(e.code(), e.to_string());
        match e {
            IdError::CheckDigit { value, .. }
            | IdError::Pattern { value, .. }
            | IdError::NotInDictionary { value, .. }
            | IdError::Date { value, .. } => d.with_value(value.clone()),
            _ => d,
        }
    }
}

impl From<&DictError> for Diagnostic {
    fn from(e: &DictError) -> Self {
        Diagnostic::error(
            e.code(),
            format!("справочник {}: {}", e.dictionary, e.message),
        )
        .with_file(e.dictionary.clone())
        .at(e.line as u64, 0)
    }
}

impl From<&DecimalError> for Diagnostic {
    fn from(e: &DecimalError) -> Self {
        Diagnostic::error(e.code(), e.to_string()).with_value(e.0.clone())
    }
}

impl From<&PlateError> for Diagnostic {
    fn from(e: &PlateError) -> Self {
        let d = Diagnostic::error(e.code(), e.to_string());
        match e {
            PlateError::Layout { value, .. } => d.with_value(value.clone()),
            _ => d,
        }
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
by_value!(IdError, DictError, DecimalError, PlateError);
