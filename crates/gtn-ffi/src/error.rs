//! Why a call could not run: the `"error"` member of an answer, and the
//! codes of the C ABI itself (`A0xx`). Errors of the libraries keep their
//! own codes (`E010`, `F100`, `P012`, …).

use std::io;

/// Codes of the C ABI: what went wrong at the boundary rather than in the
/// domain. One definition of each; [`AbiCode::meaning`] explains it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbiCode {
    /// A001: a required argument is NULL.
    Null,
    /// A002: an argument is not valid UTF-8.
    NotUtf8,
    /// A003: `options_json` is not JSON, names an unknown option, gives a
    /// value of the wrong type, or lacks a required option.
    Options,
    /// A004: a file or folder named in the call cannot be read or created.
    Io,
    /// A005: an internal error of gtn (a panic caught at the boundary): a
    /// defect of gtn, never of the input; please report it.
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
            AbiCode::Io => "A004",
            AbiCode::Internal => "A005",
            AbiCode::Length => "A006",
        }
    }

    /// What the code means, in Russian, for the people who meet it.
    pub fn meaning(self) -> &'static str {
        match self {
            AbiCode::Null => "обязательный аргумент функции равен NULL",
            AbiCode::NotUtf8 => "аргумент функции не является строкой UTF-8",
            AbiCode::Options => {
                "параметры (options_json) не являются записью JSON, содержат неизвестный параметр, значение неверного типа или не содержат обязательного параметра"
            }
            AbiCode::Io => "файл или папку, указанные при вызове, не удалось прочитать или создать",
            AbiCode::Internal => {
                "внутренняя ошибка gtn (перехваченная паника): дефект gtn, а не входных данных"
            }
            AbiCode::Length => "длина данных (len) больше, чем может быть у буфера в памяти",
        }
    }

    /// Every code, for the documentation and the tests.
    pub const ALL: [AbiCode; 6] = [
        AbiCode::Null,
        AbiCode::NotUtf8,
        AbiCode::Options,
        AbiCode::Io,
        AbiCode::Internal,
        AbiCode::Length,
    ];
}

/// Why a call could not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Stable code: `A0xx` of the ABI or the library's own code.
    pub code: String,
    /// Russian message naming the argument, file, line and field.
    pub message: String,
    /// Argument or file the error is in (`options_json`, `application_json`, a path).
    pub file: Option<String>,
    /// Line, from 1.
    pub line: Option<u64>,
    /// Column, from 1.
    pub column: Option<u64>,
    /// Field (`documents.passport`, `type`).
    pub field: Option<String>,
}

impl Failure {
    /// A failure with a code and a message and no location.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Failure {
            code: code.into(),
            message: message.into(),
            file: None,
            line: None,
            column: None,
            field: None,
        }
    }

    /// A001: argument `name` is NULL.
    pub fn null(name: &str) -> Self {
        Failure::new(
            AbiCode::Null.code(),
            format!("{name}: передан NULL, а аргумент обязателен"),
        )
        .in_file(name)
    }

    /// A002: argument `name` is not UTF-8 from byte `at` (counted from 0).
    pub fn not_utf8(name: &str, at: usize) -> Self {
        Failure::new(
            AbiCode::NotUtf8.code(),
            format!("{name}: строка не в кодировке UTF-8 (недопустимый байт на позиции {at}, считая с 0)"),
        )
        .in_file(name)
    }

    /// A004: `path` could not be read or created.
    pub fn io(path: &str, e: &io::Error) -> Self {
        Failure::new(AbiCode::Io.code(), format!("{path}: {}", io_message(e))).in_file(path)
    }

    /// A005: a panic caught at the boundary.
    pub fn internal(what: &str) -> Self {
        Failure::new(
            AbiCode::Internal.code(),
            format!("внутренняя ошибка gtn: {what}; это дефект gtn, а не входных данных — сообщите о нём разработчикам"),
        )
    }

    /// The same failure, located in `file` (an argument's name or a path).
    pub fn in_file(mut self, file: &str) -> Self {
        self.file = Some(file.to_owned());
        self
    }

    /// A library error whose code leads its Display (`E001 …`, `C001 …`):
    /// the code and the rest as the message.
    pub fn from_coded_display(display: &str, fallback_code: &str) -> Self {
        match display.split_once(' ') {
            Some((code, rest)) if looks_like_code(code) => Failure::new(code, rest),
            _ => Failure::new(fallback_code, display),
        }
    }
}

/// `E001`, `C002`, `R58.3`: a capital Latin letter followed by digits and dots.
fn looks_like_code(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && s.len() > 1
        && chars.all(|c| c.is_ascii_digit() || c == '.')
}

/// The Russian words for an I/O error (std's own are English).
pub fn io_message(e: &io::Error) -> String {
    use io::ErrorKind as K;
    let what = match e.kind() {
        K::NotFound => "нет такого файла или папки",
        K::PermissionDenied => "нет прав доступа",
        K::AlreadyExists => "уже существует",
        K::IsADirectory => "это папка, а не файл",
        K::NotADirectory => "часть пути не является папкой",
        K::InvalidInput | K::InvalidData => "недопустимое имя или данные",
        K::StorageFull => "нет места на диске",
        K::ReadOnlyFilesystem => "файловая система только для чтения",
        K::Interrupted => "операция прервана",
        _ => "ошибка ввода-вывода",
    };
    match e.raw_os_error() {
        Some(n) => format!("{what} (код ОС {n})"),
        None => what.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_explained() {
        let mut seen = std::collections::HashSet::new();
        for c in AbiCode::ALL {
            assert!(seen.insert(c.code()), "{}", c.code());
            assert!(looks_like_code(c.code()));
            assert!(!c.meaning().is_empty());
        }
    }

    #[test]
    fn coded_display_is_split() {
        let f = Failure::from_coded_display("E002 дата вне диапазона", "A005");
        assert_eq!(
            (f.code.as_str(), f.message.as_str()),
            ("E002", "дата вне диапазона")
        );
        let f = Failure::from_coded_display("нет кода", "F100");
        assert_eq!((f.code.as_str(), f.message.as_str()), ("F100", "нет кода"));
    }

    #[test]
    fn io_messages_are_russian() {
        let e = io::Error::from_raw_os_error(2);
        assert_eq!(io_message(&e), "нет такого файла или папки (код ОС 2)");
        let e = io::Error::new(io::ErrorKind::PermissionDenied, "x");
        assert_eq!(io_message(&e), "нет прав доступа");
    }
}
