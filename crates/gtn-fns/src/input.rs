//! Reading the writer's input: the sender profile (TOML or JSON) and the
//! records (JSON Lines), with errors that name the line, column and field.

use crate::{Record, Sender};
use std::io::BufRead;

/// Ошибка во входных данных: где и что.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct InputError {
    /// Stable code: `F100` for input that cannot be read, or the code of the
    /// check a value failed (the same as the validator's for the same rule).
    pub code: &'static str,
    /// Файл.
    pub file: String,
    /// Строка, с 1 (0 — неизвестна).
    pub line: usize,
    /// Столбец, с 1 (0 — неизвестен).
    pub column: usize,
    /// Поле (путь в JSON, например `owner.inn`), если известно.
    pub field: Option<String>,
    /// Что не так.
    pub message: String,
}

impl InputError {
    /// Stable code.
    pub fn code(&self) -> &'static str {
        self.code
    }

    fn render(&self) -> String {
        let mut s = self.file.clone();
        if self.line > 0 {
            s += &format!(":{}", self.line);
            if self.column > 0 {
                s += &format!(":{}", self.column);
            }
        }
        s += ": ";
        if let Some(f) = &self.field {
            s += &format!("поле {f}: ");
        }
        s + &self.message
    }
}

fn path_to_field(p: &serde_path_to_error::Path) -> Option<String> {
    let s = p.to_string();
    (s != ".").then_some(s)
}

/// Reads the sender profile: TOML when `file` ends in `.toml`, JSON otherwise.
pub fn parse_sender(file: &str, text: &str) -> Result<Sender, InputError> {
    if file.to_lowercase().ends_with(".toml") {
        let de = toml::Deserializer::new(text);
        serde_path_to_error::deserialize(de).map_err(|e| {
            let field = path_to_field(e.path());
            let inner = e.into_inner();
            let (line, column) = inner
                .span()
                .map(|sp| line_col(text, sp.start))
                .unwrap_or((0, 0));
            InputError {
                code: "F100",
                file: file.to_owned(),
                line,
                column,
                field,
                message: gtn_model::messages::translate_toml(inner.message()),
            }
        })
    } else {
        let de = &mut serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(|e| {
            let field = path_to_field(e.path());
            let inner = e.into_inner();
            InputError {
                code: "F100",
                file: file.to_owned(),
                line: inner.line(),
                column: inner.column(),
                field,
                message: translate_json(&inner.to_string()),
            }
        })
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

pub use gtn_model::messages::translate;
use gtn_model::messages::translate_json;

/// The internally tagged `owner` (and `machine.passport`) are buffered by
/// serde, which hides the path inside them: re-read just that object as its
/// concrete kind to name the exact field.
fn refine(text: &str, field: &Option<String>) -> Option<(String, String)> {
    use gtn_model::{Citizen, ForeignOrganisation, Person, RussianOrganisation, SoleTrader};
    let f = field.as_deref()?;
    if f != "owner" {
        return None;
    }
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    let mut o = v.get("owner")?.clone();
    let kind = o.as_object_mut()?.remove("kind")?;
    fn try_as<T: serde::de::DeserializeOwned>(o: serde_json::Value) -> Option<(String, String)> {
        match serde_path_to_error::deserialize::<_, T>(o) {
            Ok(_) => None,
            Err(e) => {
                let path = e.path().to_string();
                let field = if path == "." {
                    "owner".to_owned()
                } else {
                    format!("owner.{path}")
                };
                Some((field, translate(&e.into_inner().to_string())))
            }
        }
    }
    // Citizen and SoleTrader flatten Person, which serde buffers too: read
    // the Person part on its own first.
    match kind.as_str()? {
        "citizen" => try_as::<Person>(o.clone()).or_else(|| try_as::<Citizen>(o)),
        "sole_trader" => try_as::<Person>(o.clone()).or_else(|| try_as::<SoleTrader>(o)),
        "russian_organisation" => try_as::<RussianOrganisation>(o),
        "foreign_organisation" => try_as::<ForeignOrganisation>(o),
        _ => None,
    }
}

/// Parses one JSON Lines record; `line` is its line number for errors.
pub fn parse_record(file: &str, line: usize, text: &str) -> Result<Record, InputError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let r: Result<Record, _> = serde_path_to_error::deserialize(&mut *de);
    r.map_err(|e| {
        let field = path_to_field(e.path());
        let inner = e.into_inner();
        let (field, message) = match refine(text, &field) {
            Some((f, m)) => (Some(f), m),
            None => (field, translate_json(&inner.to_string())),
        };
        InputError {
            code: "F100",
            file: file.to_owned(),
            line,
            column: inner.column(),
            field,
            message,
        }
    })
    .and_then(|rec| {
        // Trailing data after the object is an error too.
        de.end().map_err(|e| InputError {
            code: "F100",
            file: file.to_owned(),
            line,
            column: e.column(),
            field: None,
            message: "после объекта записи в строке есть ещё данные".to_owned(),
        })?;
        Ok(rec)
    })
}

/// Iterates over the records of a JSON Lines stream: `(line number, record)`.
/// Blank lines are skipped. I/O errors and bad records are items, so a caller
/// can report every bad line, not just the first.
pub fn records<R: BufRead>(
    file: &str,
    reader: R,
) -> impl Iterator<Item = Result<(usize, Record), InputError>> {
    let file = file.to_owned();
    reader.lines().enumerate().filter_map(move |(i, l)| {
        let line = i + 1;
        match l {
            Err(e) => Some(Err(InputError {
                code: "F100",
                file: file.clone(),
                line,
                column: 0,
                field: None,
                message: gtn_model::messages::io_read_line(&e),
            })),
            Ok(s) if s.trim().is_empty() => None,
            Ok(s) => Some(parse_record(&file, line, &s).map(|r| (line, r))),
        }
    })
}
