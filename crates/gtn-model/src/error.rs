//! Typed errors of the identifier constructors and dictionary loaders.

use thiserror::Error;

/// Ошибка проверки идентификатора или кода (ИНН, КПП, ОГРН, дата, …).
///
/// Every variant has a stable [`code`](IdError::code); the message is in
/// Russian and names the identifier (`what`) so that a caller can prefix the
/// field path it knows.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum IdError {
    /// Неверная длина значения.
    #[error("{what}: ожидается {expected} знаков, указано {got}")]
    Length {
        /// Какой идентификатор проверялся.
        what: &'static str,
        /// Допустимая длина (например «10» или «1-25»).
        expected: &'static str,
        /// Фактическая длина в символах.
        got: usize,
    },
    /// Недопустимый символ.
    #[error("{what}: недопустимый символ «{ch}» в позиции {pos}")]
    BadChar {
        /// Какой идентификатор проверялся.
        what: &'static str,
        /// Символ.
        ch: char,
        /// Позиция символа, с 1.
        pos: usize,
    },
    /// Неверное контрольное число.
    #[error("{what} «{value}»: неверное контрольное число (ожидалось {expected})")]
    CheckDigit {
        /// Какой идентификатор проверялся.
        what: &'static str,
        /// Проверенное значение.
        value: String,
        /// Контрольные цифры, которые должны стоять.
        expected: String,
    },
    /// Значение не соответствует шаблону (маске) ФНС.
    #[error("{what} «{value}»: не соответствует шаблону {pattern}")]
    Pattern {
        /// Какой идентификатор проверялся.
        what: &'static str,
        /// Проверенное значение.
        value: String,
        /// Шаблон в обозначениях справочника.
        pattern: String,
    },
    /// Кода нет в справочнике.
    #[error("{what}: код «{value}» отсутствует в справочнике {dictionary}")]
    NotInDictionary {
        /// Какой код проверялся.
        what: &'static str,
        /// Код.
        value: String,
        /// Наименование справочника.
        dictionary: &'static str,
    },
    /// Такой даты нет в календаре или она не в формате ДД.ММ.ГГГГ.
    #[error("дата «{value}»: {reason}")]
    Date {
        /// Проверенное значение.
        value: String,
        /// Причина.
        reason: &'static str,
    },
}

impl IdError {
    /// Stable machine-readable code of the error kind (never changes between releases).
    pub fn code(&self) -> &'static str {
        match self {
            IdError::Length { .. } => "M001",
            IdError::BadChar { .. } => "M002",
            IdError::CheckDigit { .. } => "M003",
            IdError::Pattern { .. } => "M004",
            IdError::NotInDictionary { .. } => "M005",
            IdError::Date { .. } => "M006",
        }
    }
}

/// Ошибка загрузки справочника из файла данных.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("справочник {dictionary}, строка {line}: {message}")]
pub struct DictError {
    /// Наименование справочника.
    pub dictionary: String,
    /// Номер строки файла, с 1.
    pub line: usize,
    /// Что не так, по-русски.
    pub message: String,
}

impl DictError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        "M100"
    }
}
