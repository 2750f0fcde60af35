//! Conversions of the FNS file's errors and findings into
//! [`gtn_diag::Diagnostic`], code kept.

use crate::validate::{Finding, Severity};
use crate::{FieldError, FileNameError, GenerateError, InputError, WriteError};
use gtn_diag::Diagnostic;

impl From<Severity> for gtn_diag::Severity {
    fn from(s: Severity) -> Self {
        match s {
            Severity::Error => gtn_diag::Severity::Error,
            Severity::Warning => gtn_diag::Severity::Warning,
        }
    }
}

impl From<&Finding> for Diagnostic {
    fn from(f: &Finding) -> Self {
        let mut d = Diagnostic::new(f.code, f.severity.into(), f.message.clone())
            .at(f.line, f.column)
            .with_path(f.path.clone());
        d.value = f.value.clone();
        d
    }
}

impl From<&InputError> for Diagnostic {
    fn from(e: &InputError) -> Self {
        let mut d = Diagnostic::error(e.code(), e.message.clone())
            .with_file(e.file.clone())
            .at(e.line as u64, e.column as u64);
        d.path = e.field.clone();
        d
    }
}

impl From<&FieldError> for Diagnostic {
    fn from(e: &FieldError) -> Self {
        Diagnostic::error(e.code, format!("{}: {}", e.xml, e.message)).with_path(e.field.clone())
    }
}

impl From<&FileNameError> for Diagnostic {
    fn from(e: &FileNameError) -> Self {
        Diagnostic::error(e.code(), e.reason.clone()).with_value(e.name.clone())
    }
}

impl From<&WriteError> for Diagnostic {
    fn from(e: &WriteError) -> Self {
        match e {
            WriteError::Exists(p) => Diagnostic::error(
                e.code(),
                format!("файл {p} уже существует; чтобы заменить его, укажите --force"),
            )
            .with_file(p.clone()),
            _ => Diagnostic::error(e.code(), e.to_string()),
        }
    }
}

impl GenerateError {
    /// Every problem as a diagnostic (input errors one by one).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            GenerateError::Input { errors, .. } => errors.iter().map(Diagnostic::from).collect(),
            GenerateError::Empty { input } => vec![Diagnostic::error(
                self.code(),
                "нет ни одной записи, а файл обмена должен содержать хотя бы один Документ",
            )
            .with_file(input.clone())],
            GenerateError::Open { path, source } => vec![Diagnostic::error(
                self.code(),
                gtn_model::messages::io_error(gtn_model::messages::IoAction::Read, path, source),
            )
            .with_file(path.clone())],
            GenerateError::Header { errors } => errors.iter().map(Diagnostic::from).collect(),
            GenerateError::FileName(e) => vec![Diagnostic::from(e)],
            GenerateError::Exists { path } => {
                let p = path.display().to_string();
                vec![Diagnostic::error(
                    self.code(),
                    format!("файл {p} уже существует; чтобы заменить его, укажите --force"),
                )
                .with_file(p)]
            }
            GenerateError::Cancelled => vec![Diagnostic::error(self.code(), self.to_string())],
            GenerateError::Write(w) => vec![Diagnostic::from(w)],
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
by_value!(Finding, InputError, FieldError, FileNameError, WriteError);
