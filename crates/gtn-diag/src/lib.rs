//! Diagnostics of gtn: one finding type and the registry of every code.
//!
//! * [`Diagnostic`] — what every library error and finding converts to:
//!   a stable code, a [`Severity`], where (file, line, column, byte offset,
//!   the element or field path), the offending value and the Russian message.
//!   The message never contains a code: the code is its own field.
//! * [`registry()`] — every code the project can emit, each with its
//!   severity, its source (point of the Rules, table of the format, XSD
//!   facet, algorithm), what it means, an example and what to do. The data
//!   is `data/codes.toml`, compiled in; `gtn explain CODE` prints an entry
//!   and `docs/codes.md` is generated from it ([`registry::markdown`]).
//!
//! This crate is a leaf: it knows no other gtn crate, so that every library
//! can depend on it.

pub mod registry;
pub mod text;

pub use registry::{registry, CodeInfo, Lookup, Registry};

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// Серьёзность: ошибка, предупреждение, примечание.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Ошибка: файл не будет принят, действие не может быть совершено, команда не выполнена.
    Error,
    /// Предупреждение: стоит проверить.
    Warning,
    /// Примечание: к сведению.
    Note,
}

impl Severity {
    /// The Russian word printed in text output: «ошибка», «предупреждение», «примечание».
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "ошибка",
            Severity::Warning => "предупреждение",
            Severity::Note => "примечание",
        }
    }

    /// The English key used in JSON and in the registry: `error`, `warning`, `note`.
    pub fn key(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// Замечание: код, серьёзность, место, значение, сообщение по-русски.
///
/// JSON (compact, absent parts omitted):
/// `{"code":"V035","severity":"error","file":"…","line":12,"column":34,
///   "path":"Файл/Документ[17]/СвТрансп/@ДатаОпер","value":"31.02.2024","message":"…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Stable code from the [registry](registry()): `V035`, `R58.9`, `0400400007`, …
    pub code: Cow<'static, str>,
    /// Серьёзность.
    pub severity: Severity,
    /// Файл (как его назвал пользователь), если замечание к файлу.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Строка, с 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// Столбец, с 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u64>,
    /// Смещение в байтах от начала файла, с 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    /// Путь к элементу или полю: `Файл/Документ[17]/СвТрансп/@ДатаОпер`, `machine.engine.power_hp`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Значение, о котором речь, как оно было во входных данных.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Сообщение по-русски (без кода).
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic with the given code, severity and message; no location.
    pub fn new(
        code: impl Into<Cow<'static, str>>,
        severity: Severity,
        message: impl Into<String>,
    ) -> Self {
        Self {
            code: code.into(),
            severity,
            file: None,
            line: None,
            column: None,
            offset: None,
            path: None,
            value: None,
            message: message.into(),
        }
    }

    /// An error.
    pub fn error(code: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, message)
    }

    /// A warning.
    pub fn warning(code: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, message)
    }

    /// A note.
    pub fn note(code: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Note, message)
    }

    /// Sets the file.
    pub fn with_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Sets line and column (0 means unknown and is left out).
    pub fn at(mut self, line: u64, column: u64) -> Self {
        self.line = (line > 0).then_some(line);
        self.column = (line > 0 && column > 0).then_some(column);
        self
    }

    /// Sets the byte offset.
    pub fn with_offset(mut self, offset: u64) -> Self {
        self.offset = Some(offset);
        self
    }

    /// Sets the element or field path (empty means none).
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        let p = path.into();
        self.path = (!p.is_empty()).then_some(p);
        self
    }

    /// Sets the offending value.
    pub fn with_value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    /// `true` for an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column` as far as known (empty when nothing is).
    pub fn location(&self) -> String {
        let mut s = self.file.clone().unwrap_or_default();
        if let Some(l) = self.line {
            if !s.is_empty() {
                s.push(':');
            }
            s += &l.to_string();
            if let Some(c) = self.column {
                s += &format!(":{c}");
            }
        }
        s
    }
}

/// One line: `file:line:column: ошибка[CODE]: message`.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let loc = self.location();
        if !loc.is_empty() {
            write!(f, "{loc}: ")?;
        }
        write!(f, "{}[{}]: ", self.severity.word(), self.code)?;
        if let Some(p) = &self.path {
            write!(f, "{p}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diagnostic {}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn json_leaves_out_what_is_unknown() {
        let d = Diagnostic::error("V035", "такой даты нет")
            .with_file("a.xml")
            .at(3, 0)
            .with_path("Файл/@ДатаФайл");
        let j = serde_json::to_string(&d).unwrap();
        assert_eq!(
            j,
            r#"{"code":"V035","severity":"error","file":"a.xml","line":3,"path":"Файл/@ДатаФайл","message":"такой даты нет"}"#
        );
        let back: Diagnostic = serde_json::from_str(&j).unwrap();
        assert_eq!(back, d);
        assert_eq!(
            d.to_string(),
            "a.xml:3: ошибка[V035]: Файл/@ДатаФайл: такой даты нет"
        );
    }
}
