use super::Dictionary;
use crate::DictError;

/// Набор кодов технологических операций (справочник ДОБДД МВД России «Коды технологических операций»).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OperationSet {
    /// Классический набор ДОБДД (11, 12, …, 94).
    Classic,
    /// Новый набор (01-09).
    New,
}

/// Связана ли операция с заменой регистрационного знака (тогда нужен ПредГосРегЗн,
/// таблица 4.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PlateReplacement {
    /// Нет.
    No,
    /// Да (41, 91, 93).
    Yes,
    /// Зависит от случая (06 — когда выдаётся знак взамен утраченного).
    Maybe,
}

/// Код технологической операции (КодОпер T(=2), таблица 4.5).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OperationCode {
    /// Код.
    pub code: String,
    /// Набор.
    pub set: OperationSet,
    /// Замена знака.
    pub replaces_plate: PlateReplacement,
    /// Наименование.
    pub name: String,
}

/// Справочник КодОпер (оба набора).
#[derive(Debug, Clone, Default)]
pub struct OperationCodes {
    /// Общие метаданные и строки.
    pub dictionary: Dictionary,
    codes: Vec<OperationCode>,
}

impl OperationCodes {
    /// Parses a КодОпер file (`columns: code name set replaces_plate`).
    pub fn parse(text: &str) -> Result<Self, DictError> {
        let dictionary = Dictionary::parse("КодОпер", text)?;
        let mut codes = Vec::new();
        for e in &dictionary.entries {
            let err = |message: String| DictError {
                dictionary: dictionary.name.clone(),
                line: e.line,
                message,
            };
            let set = match dictionary.field(e, "set").unwrap_or("") {
                "classic" => OperationSet::Classic,
                "new" => OperationSet::New,
                s => return Err(err(format!("набор «{s}»: ожидается classic или new"))),
            };
            let replaces_plate = match dictionary.field(e, "replaces_plate").unwrap_or("") {
                "yes" => PlateReplacement::Yes,
                "no" => PlateReplacement::No,
                "maybe" => PlateReplacement::Maybe,
                s => {
                    return Err(err(format!(
                        "replaces_plate «{s}»: ожидается yes, no или maybe"
                    )))
                }
            };
            codes.push(OperationCode {
                code: e.code.clone(),
                set,
                replaces_plate,
                name: e.name.clone(),
            });
        }
        Ok(Self { dictionary, codes })
    }

    /// The code's entry.
    pub fn get(&self, code: &str) -> Option<&OperationCode> {
        // `codes` is built row by row from `dictionary`: same positions.
        self.dictionary
            .position(code)
            .and_then(|i| self.codes.get(i))
    }

    /// All codes in file order.
    pub fn all(&self) -> &[OperationCode] {
        &self.codes
    }
}
