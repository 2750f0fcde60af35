use super::Dictionary;
use crate::DictError;
use chrono::NaiveDate;

/// Строка справочника СПДУЛ: код, наименование, шаблон серии и номера, срок действия.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SpdulEntry {
    /// Код вида документа (КодВидДок).
    pub code: String,
    /// Наименование вида документа.
    pub name: String,
    /// Шаблон серии и номера (`None` — произвольный текст до 25 знаков).
    pub template: Option<&'static str>,
    /// Действует с (включительно).
    pub valid_from: Option<NaiveDate>,
    /// Действует по (включительно).
    pub valid_to: Option<NaiveDate>,
}

impl SpdulEntry {
    /// `true` if the code may be used on `day`.
    pub fn valid_on(&self, day: NaiveDate) -> bool {
        self.valid_from.is_none_or(|f| f <= day) && self.valid_to.is_none_or(|t| day <= t)
    }
}

/// Справочник СПДУЛ «Виды документов, удостоверяющих личность налогоплательщика».
#[derive(Debug, Clone, Default)]
pub struct Spdul {
    /// Общие метаданные и строки.
    pub dictionary: Dictionary,
    entries: Vec<SpdulEntry>,
}

impl Spdul {
    /// Parses a СПДУЛ file (`columns: code name template valid_from valid_to`).
    /// Templates are leaked to `'static` once per load, which is what a
    /// long-running process wants for a dictionary it keeps.
    pub fn parse(text: &str) -> Result<Self, DictError> {
        let dictionary = Dictionary::parse("СПДУЛ", text)?;
        let date = |e: &super::Entry, col: &str| -> Result<Option<NaiveDate>, DictError> {
            match dictionary.field(e, col).unwrap_or("") {
                "" => Ok(None),
                s => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map(Some)
                    .map_err(|_| DictError {
                        dictionary: dictionary.name.clone(),
                        line: e.line,
                        message: format!("столбец {col}: «{s}» не дата ГГГГ-ММ-ДД"),
                    }),
            }
        };
        let mut entries = Vec::new();
        for e in &dictionary.entries {
            let template = match dictionary.field(e, "template").unwrap_or("") {
                "" => None,
                t => Some(&*Box::leak(t.to_owned().into_boxed_str())),
            };
            entries.push(SpdulEntry {
                code: e.code.clone(),
                name: e.name.clone(),
                template,
                valid_from: date(e, "valid_from")?,
                valid_to: date(e, "valid_to")?,
            });
        }
        Ok(Self {
            dictionary,
            entries,
        })
    }

    /// The entry for a code.
    pub fn get(&self, code: &str) -> Option<&SpdulEntry> {
        // `entries` is built row by row from `dictionary`: same positions.
        self.dictionary
            .position(code)
            .and_then(|i| self.entries.get(i))
    }

    /// All entries in file order.
    pub fn entries(&self) -> &[SpdulEntry] {
        &self.entries
    }
}
