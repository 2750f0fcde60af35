//! Reading the writer's input: the sender profile (TOML or JSON) and the
//! records (JSON Lines), with errors that name the line, column and field.

use crate::{Record, Sender};
use std::io::BufRead;

/// Ошибка во входных данных: где и что.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct InputError {
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
        "F100"
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
                file: file.to_owned(),
                line,
                column,
                field,
                message: inner.message().to_owned(),
            }
        })
    } else {
        let de = &mut serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(|e| {
            let field = path_to_field(e.path());
            let inner = e.into_inner();
            InputError {
                file: file.to_owned(),
                line: inner.line(),
                column: inner.column(),
                field,
                message: strip_position(&inner.to_string()),
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

/// serde_json appends " at line L column C"; we report those separately.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

/// Parses one JSON Lines record; `line` is its line number for errors.
pub fn parse_record(file: &str, line: usize, text: &str) -> Result<Record, InputError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let r: Result<Record, _> = serde_path_to_error::deserialize(&mut *de);
    r.map_err(|e| {
        let field = path_to_field(e.path());
        let inner = e.into_inner();
        InputError {
            file: file.to_owned(),
            line,
            column: inner.column(),
            field,
            message: strip_position(&inner.to_string()),
        }
    })
    .and_then(|rec| {
        // Trailing data after the object is an error too.
        de.end().map_err(|e| InputError {
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
                file: file.clone(),
                line,
                column: 0,
                field: None,
                message: format!("не удалось прочитать строку: {e}"),
            })),
            Ok(s) if s.trim().is_empty() => None,
            Ok(s) => Some(parse_record(&file, line, &s).map(|r| (line, r))),
        }
    })
}
