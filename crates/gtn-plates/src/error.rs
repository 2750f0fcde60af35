//! Errors of the plate series registry.

use gtn_model::{PlateError, PlateType};

/// Ошибка загрузки файла приложения (перечня серий).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}, строка {line}, столбец {column}: {message}")]
pub struct LoadError {
    /// Имя файла или «Приложение № 4».
    pub file: String,
    /// Строка, с 1.
    pub line: usize,
    /// Столбец (символ в строке), с 1.
    pub column: usize,
    /// Что не так.
    pub message: String,
}

impl LoadError {
    /// Stable code.
    pub fn code(&self) -> &'static str {
        "P001"
    }
}

/// Ошибка проверки знака по перечню серий.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RegistryError {
    /// Знак не читается (синтаксис).
    #[error(transparent)]
    Syntax(#[from] PlateError),
    /// Кода региона нет в приложении для этого типа знака.
    #[error(
        "код региона {code}: в Приложении № {appendix} нет такого кода (знак типа {plate_type})"
    )]
    UnknownCode {
        /// Код.
        code: String,
        /// Тип знака.
        plate_type: PlateType,
        /// Номер приложения (4 или 5).
        appendix: u8,
    },
    /// Серия не закреплена за кодом региона.
    #[error("серия {series} не закреплена за кодом {code} для знаков типа {plate_type} (п. 36, Приложение № {appendix}); допустимы: {allowed}")]
    SeriesNotAllowed {
        /// Серия.
        series: String,
        /// Код региона.
        code: String,
        /// Тип знака.
        plate_type: PlateType,
        /// Номер приложения.
        appendix: u8,
        /// Допустимые серии через запятую.
        allowed: String,
    },
    /// Регион не найден по наименованию или коду ССРФ.
    #[error("регион «{query}»: {reason}")]
    UnknownRegion {
        /// Запрос.
        query: String,
        /// Причина.
        reason: String,
    },
    /// Знак уже выдан.
    #[error("знак {plate} уже выдан")]
    AlreadyIssued {
        /// Знак.
        plate: String,
    },
    /// Свободных знаков нет.
    #[error(
        "все знаки типа {plate_type} с кодом {code} выданы: свободных номеров нет ни в одной серии"
    )]
    Exhausted {
        /// Код.
        code: String,
        /// Тип знака.
        plate_type: PlateType,
    },
}

impl RegistryError {
    /// Stable code.
    pub fn code(&self) -> &'static str {
        match self {
            RegistryError::Syntax(e) => e.code(),
            RegistryError::UnknownCode { .. } => "P010",
            RegistryError::SeriesNotAllowed { .. } => "P011",
            RegistryError::UnknownRegion { .. } => "P012",
            RegistryError::AlreadyIssued { .. } => "P013",
            RegistryError::Exhausted { .. } => "P014",
        }
    }
}
