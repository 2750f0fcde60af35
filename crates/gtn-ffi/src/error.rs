//! Why a call could not run, as a [`Diagnostic`]: the codes of the C ABI
//! itself (`A0xx`, explained in the registry, crates/gtn-diag/data/codes.toml)
//! and the shared codes of files that cannot be read or written (`G002`,
//! `G003`, `G004`). Errors of the libraries keep their own codes (`E010`,
//! `F100`, `P012`, …) through their `From` conversions.

use gtn_diag::Diagnostic;
use gtn_model::messages::{io_error, IoAction};

/// Codes of the C ABI: what went wrong at the boundary rather than in the
/// domain. Their explanations live in the registry of codes (`gtn explain A001`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbiCode {
    /// A001: a required argument is NULL.
    Null,
    /// A002: an argument is not valid UTF-8.
    NotUtf8,
    /// A003: `options_json` is not a JSON object, names an unknown option,
    /// gives a value of the wrong type, or lacks a required option.
    Options,
    /// A005: an internal error of gtn (a panic caught at the boundary): a
    /// defect of gtn, never of the input.
    Internal,
    /// A006: `len` of `gtn_validate_bytes` is larger than any buffer can be.
    Length,
}

impl AbiCode {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            AbiCode::Null => "A001",
            AbiCode::NotUtf8 => "A002",
            AbiCode::Options => "A003",
            AbiCode::Internal => "A005",
            AbiCode::Length => "A006",
        }
    }

    /// Every code, for the tests.
    pub const ALL: [AbiCode; 5] = [
        AbiCode::Null,
        AbiCode::NotUtf8,
        AbiCode::Options,
        AbiCode::Internal,
        AbiCode::Length,
    ];
}

/// A file could not be read (`G002`, as `gtn`).
pub const READ: &str = "G002";
/// A file or folder could not be written or created (`G003`, as `gtn`).
pub const WRITE: &str = "G003";
/// A folder has no `*.xml` file to check (`G004`, as `gtn validate`).
pub const NO_FILES: &str = "G004";
/// Options that contradict each other (`G005`, as `gtn generate`).
pub const CONFLICT: &str = "G005";

/// A001: argument `name` is NULL.
pub fn null(name: &str) -> Diagnostic {
    Diagnostic::error(
        AbiCode::Null.code(),
        format!("передан NULL, а аргумент {name} обязателен"),
    )
    .with_file(name)
}

/// A002: argument `name` is not UTF-8 from byte `at` (counted from 0).
pub fn not_utf8(name: &str, at: usize) -> Diagnostic {
    Diagnostic::error(
        AbiCode::NotUtf8.code(),
        format!(
            "строка {name} не в кодировке UTF-8: недопустимый байт на позиции {at} (считая с 0)"
        ),
    )
    .with_file(name)
    .with_offset(at as u64)
}

/// A005: a panic caught at the boundary.
pub fn internal(what: &str) -> Diagnostic {
    Diagnostic::error(
        AbiCode::Internal.code(),
        format!("внутренняя ошибка gtn: {what}; это дефект gtn, а не входных данных — сообщите о нём разработчикам"),
    )
}

/// A006: an impossible length of a buffer.
pub fn length(name: &str, len: usize) -> Diagnostic {
    Diagnostic::error(
        AbiCode::Length.code(),
        format!("длина {len} больше, чем может быть у буфера в памяти"),
    )
    .with_file(name)
    .with_value(len.to_string())
}

/// G002: `path` could not be read (a folder: listed).
pub fn read(action: IoAction, path: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(READ, io_error(action, path, e)).with_file(path)
}

/// G003: `path` could not be written or created.
pub fn write(action: IoAction, path: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(WRITE, io_error(action, path, e)).with_file(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_in_the_registry() {
        let mut codes: Vec<&str> = AbiCode::ALL.iter().map(|c| c.code()).collect();
        codes.extend([READ, WRITE, NO_FILES, CONFLICT]);
        for c in codes {
            assert!(
                gtn_diag::registry().get(c).is_some(),
                "{c} is not in crates/gtn-diag/data/codes.toml"
            );
        }
    }

    #[test]
    fn io_messages_are_russian_with_the_path() {
        let e = std::io::Error::from_raw_os_error(2);
        let d = read(IoAction::Read, "/нет/файла.xml", &e);
        assert_eq!(d.code, "G002");
        assert_eq!(d.message, "нет такого файла: /нет/файла.xml");
    }
}
