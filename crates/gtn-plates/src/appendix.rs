//! Appendices 4 and 5 of the Rules as data: the loader and its repairs.

use crate::LoadError;
use gtn_model::plate::PLATE_LETTERS;
use serde::Serialize;

/// Built-in Appendix 4 (type 3), verbatim from the source text.
pub const APPENDIX_4: &str = include_str!("../data/appendix4.tsv");
/// Built-in Appendix 5 (type 4А), verbatim from the source text.
pub const APPENDIX_5: &str = include_str!("../data/appendix5.tsv");

/// Строка перечня: регион, цифровой код и закреплённые серии (Приложения № 4, 5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppendixRow {
    /// Наименование региона.
    pub name: String,
    /// Цифровой код региона на знаке.
    pub code: String,
    /// Серии в порядке источника, после исправления.
    pub series: Vec<String>,
    /// Строка файла, с 1.
    pub line: usize,
}

/// Исправление дефекта источника, сделанное загрузчиком (не скрытое).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Repair {
    /// Номер приложения.
    pub appendix: u8,
    /// Строка файла, с 1.
    pub line: usize,
    /// Код региона.
    pub code: String,
    /// Серия, как в источнике.
    pub original: String,
    /// Серия после исправления.
    pub repaired: String,
}

/// Перечень серий одного приложения (№ 4 — тип 3, № 5 — тип 4А).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Appendix {
    /// Номер приложения.
    pub number: u8,
    /// Строки в порядке источника.
    pub rows: Vec<AppendixRow>,
    /// Исправления, сделанные при загрузке.
    pub repairs: Vec<Repair>,
    /// Заголовки файла (`# key: value`).
    pub meta: Vec<(String, String)>,
}

/// Latin look-alikes in the source (rows 47-62 of Appendix 4), and `U`,
/// which in `XU`, `YU`, `UC` can only stand for `У` (`U` is not a plate letter, and `У` is the only one it resembles).
fn repair_letter(c: char) -> Option<char> {
    match c {
        'U' => Some('У'),
        c if PLATE_LETTERS.contains(&c) => Some(c),
        c if c.is_ascii_uppercase() => gtn_model::plate::plate_letter(c),
        _ => None,
    }
}

impl Appendix {
    /// Parses an appendix file: `#` header lines, then rows
    /// `name<TAB>code<TAB>series, series, …`. Latin look-alike letters and
    /// `U` are mapped to Cyrillic and listed in [`Appendix::repairs`]; any
    /// other letter, an empty or malformed series, a duplicate code, or a
    /// series repeated in one row (also after repair) is an error with line
    /// and column.
    pub fn parse(number: u8, file: &str, text: &str) -> Result<Self, LoadError> {
        let mut out = Appendix {
            number,
            rows: Vec::new(),
            repairs: Vec::new(),
            meta: Vec::new(),
        };
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let err = |column: usize, message: String| LoadError {
                file: file.to_owned(),
                line,
                column,
                message,
            };
            let l = raw.trim_end_matches('\r');
            if l.trim().is_empty() {
                continue;
            }
            if let Some(h) = l.strip_prefix('#') {
                if let Some((k, v)) = h.split_once(':') {
                    out.meta.push((k.trim().to_owned(), v.trim().to_owned()));
                }
                continue;
            }
            let fields: Vec<&str> = l.split('\t').collect();
            if fields.len() != 3 {
                return Err(err(
                    1,
                    format!(
                        "ожидается 3 столбца через табуляцию (регион, код, серии), найдено {}",
                        fields.len()
                    ),
                ));
            }
            let name = fields[0].trim();
            let code = fields[1].trim();
            let code_col = fields[0].chars().count() + 2;
            if name.is_empty() {
                return Err(err(1, "пустое наименование региона".to_owned()));
            }
            if !(2..=3).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err(
                    code_col,
                    format!("код региона «{code}»: ожидается 2-3 цифры"),
                ));
            }
            if let Some(prev) = out.rows.iter().find(|r| r.code == code) {
                return Err(err(
                    code_col,
                    format!("код {code} уже указан в строке {}", prev.line),
                ));
            }
            let mut col = code_col + fields[1].chars().count() + 1;
            let mut series = Vec::new();
            for part in fields[2].split(',') {
                let lead = part.chars().take_while(|c| c.is_whitespace()).count();
                let s = part.trim();
                let start = col + lead;
                col += part.chars().count() + 1;
                if s.chars().count() != 2 {
                    return Err(err(start, format!("серия «{s}»: ожидается две буквы")));
                }
                let mut fixed = String::new();
                for (k, c) in s.chars().enumerate() {
                    match repair_letter(c) {
                        Some(f) => fixed.push(f),
                        None => {
                            return Err(err(start + k, format!("серия «{s}»: буква «{c}» не из 12 допустимых (А В Е К М Н О Р С Т У Х)")))
                        }
                    }
                }
                if series.contains(&fixed) {
                    return Err(err(start, format!("серия «{s}» повторяется в строке кода {code} (после исправления — {fixed})")));
                }
                if fixed != s {
                    out.repairs.push(Repair {
                        appendix: number,
                        line,
                        code: code.to_owned(),
                        original: s.to_owned(),
                        repaired: fixed.clone(),
                    });
                }
                series.push(fixed);
            }
            out.rows.push(AppendixRow {
                name: name.to_owned(),
                code: code.to_owned(),
                series,
                line,
            });
        }
        if out.rows.is_empty() {
            return Err(LoadError {
                file: file.to_owned(),
                line: text.lines().count(),
                column: 1,
                message: "в файле нет ни одной строки перечня".to_owned(),
            });
        }
        Ok(out)
    }

    /// The row of a region code.
    pub fn row(&self, code: &str) -> Option<&AppendixRow> {
        self.rows.iter().find(|r| r.code == code)
    }
}
