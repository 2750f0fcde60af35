//! The whole job of `gtn generate`: check every record, then write the file.

use crate::input::InputError;
use crate::output::write_atomically;
use crate::{
    check_header, check_record, FileHeader, FileName, FileWriter, IdSource, InfoType, Record,
    Sender, WriteError,
};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

/// Stored findings at most; the rest are only counted.
const MAX_STORED: usize = 10_000;

/// What to generate.
#[derive(Debug, Clone)]
pub struct GenerateRequest {
    /// Отправитель.
    pub sender: Sender,
    /// Тип информации.
    pub info: InfoType,
    /// Дата формирования файла.
    pub date: NaiveDate,
    /// Номер файла N; если не задан — GUID.
    pub number: Option<String>,
    /// Версия передающей программы (ВерсПрог).
    pub program_version: Option<String>,
    /// Папка, куда писать.
    pub out_dir: PathBuf,
    /// Заменять ли существующий файл.
    pub overwrite: bool,
}

/// Outcome of a successful generation.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Путь к файлу.
    pub path: PathBuf,
    /// Число документов (КолДок).
    pub documents: u64,
}

/// Why nothing was written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GenerateError {
    /// The input has errors; every one is listed (up to 10 000, `more` counts the rest).
    #[error("во входных данных {} ошибок; файл не сформирован", .errors.len() + .more)]
    Input {
        /// Ошибки с файлом, строкой и полем.
        errors: Vec<InputError>,
        /// Сколько ещё ошибок не сохранено.
        more: usize,
    },
    /// No records at all: КолДок must be at least 1.
    #[error("{0}: нет ни одной записи, а файл обмена должен содержать хотя бы один Документ")]
    Empty(String),
    /// Writing failed.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// Pass 1 over the records: every problem of every record, and the count.
/// `open` is called twice (check, then write), so the input is streamed
/// both times and memory does not grow with the number of records.
pub fn generate<I, F>(
    req: &GenerateRequest,
    mut open: F,
    ids: &mut dyn IdSource,
) -> Result<Generated, GenerateError>
where
    F: FnMut() -> Result<(String, I), InputError>,
    I: Iterator<Item = Result<(usize, Record), InputError>>,
{
    let number = req.number.clone().unwrap_or_else(|| ids.next_id());
    let file_name =
        FileName::new(req.sender.inn, req.sender.kpp, req.date, &number).map_err(|e| {
            GenerateError::Input {
                errors: vec![InputError {
                    code: e.code(),
                    file: "--number".into(),
                    line: 0,
                    column: 0,
                    field: None,
                    message: e.to_string(),
                }],
                more: 0,
            }
        })?;
    let mut errors = Vec::new();
    let mut more = 0usize;
    let mut push = |e: InputError, errors: &mut Vec<InputError>| {
        if errors.len() < MAX_STORED {
            errors.push(e)
        } else {
            more += 1
        }
    };
    let mut header = FileHeader {
        file_name,
        info: req.info,
        program_version: req.program_version.clone(),
        sender: req.sender.clone(),
        doc_count: 1,
    };
    for e in check_header(&header) {
        push(
            InputError {
                code: e.code,
                file: "sender".into(),
                line: 0,
                column: 0,
                field: Some(e.field.clone()),
                message: format!("{}: {}", e.xml, e.message),
            },
            &mut errors,
        );
    }

    let (source, records) = open().map_err(|e| GenerateError::Input {
        errors: vec![e],
        more: 0,
    })?;
    let mut count = 0u64;
    let mut seen: HashMap<u64, usize> = HashMap::new();
    for item in records {
        match item {
            Err(e) => push(e, &mut errors),
            Ok((line, rec)) => {
                count += 1;
                for e in check_record(&rec, req.date) {
                    push(
                        InputError {
                            code: e.code,
                            file: source.clone(),
                            line,
                            column: 0,
                            field: Some(e.field.clone()),
                            message: format!("{}: {}", e.xml, e.message),
                        },
                        &mut errors,
                    );
                }
                if let Some(id) = &rec.doc_id {
                    let mut h = DefaultHasher::new();
                    id.trim().hash(&mut h);
                    if let Some(prev) = seen.insert(h.finish(), line) {
                        push(
                            InputError {
                                code: "V047",
                                file: source.clone(),
                                line,
                                column: 0,
                                field: Some("doc_id".into()),
                                message: format!("ИдДок «{id}» уже встречался в строке {prev}"),
                            },
                            &mut errors,
                        );
                    }
                }
            }
        }
    }
    if !errors.is_empty() || more > 0 {
        return Err(GenerateError::Input { errors, more });
    }
    if count == 0 {
        return Err(GenerateError::Empty(source));
    }
    header.doc_count = count;

    let name = header.file_name.file_name();
    let path = write_atomically(Path::new(&req.out_dir), &name, req.overwrite, |w| {
        let mut fw = FileWriter::new(w, &header)?;
        let (_, records) =
            open().map_err(|e| WriteError::Io(std::io::Error::other(e.to_string())))?;
        for item in records {
            let (_, rec) = item.map_err(|e| {
                WriteError::Io(std::io::Error::other(format!(
                    "входные данные изменились во время записи: {e}"
                )))
            })?;
            let id = match &rec.doc_id {
                Some(id) => id.clone(),
                None => ids.next_id(),
            };
            fw.write(&rec, &id)?;
        }
        fw.finish()?;
        Ok(())
    })?;
    Ok(Generated {
        path,
        documents: count,
    })
}
