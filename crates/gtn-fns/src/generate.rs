//! The whole job of generating an exchange file: check every record and
//! write the file atomically under its FNS name.
//!
//! [`generate_jsonl`] does it from JSON Lines in one pass: each record is
//! parsed, checked and rendered once, by one worker per core, in batches
//! taken back in input order. [`generate`] does it from parsed records in
//! two passes (check, then write) on one thread: the reference the one-pass
//! generator is tested against (`tests/generate_identity.rs`).
//!
//! Memory does not grow with the input: at most one line is held by the
//! reader ([`crate::input::records`]) or a fixed number of batches are in
//! flight, and repeated ИдДок are found with a fixed-size filter plus an
//! exact re-reading of the few candidates it flags.

use crate::file_name::FileNameError;
use crate::input::{line_text, parse_record_fast, BlockEnd, Blocks, InputError, Lines};
use crate::output::write_atomically;
use crate::validate::bloom::Bloom;
use crate::write::render_document;
use crate::xml::Xml;
use crate::{
    check_header, check_record, FieldError, FileHeader, FileName, FileWriter, IdSource, InfoType,
    Record, Sender, WriteError,
};
use chrono::{Datelike, NaiveDate};
use gtn_model::FnsDate;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Stored errors at most; the rest are only counted.
pub const MAX_STORED_ERRORS: usize = 10_000;

/// Possible ИдДок repeats kept for the exact check; past that the input has
/// thousands of repeats and is refused anyway (the rest are only counted).
const MAX_ID_CANDIDATES: usize = 20_000;

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
    /// Папка, куда писать; создаётся перед записью, если её нет (и удаляется,
    /// если запись не удалась).
    pub out_dir: PathBuf,
    /// Заменять ли существующий файл.
    pub overwrite: bool,
    /// Name of the records' source for messages (a path, «stdin»).
    pub source: String,
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
    /// The records have errors; every one is listed (up to
    /// [`MAX_STORED_ERRORS`], `more` counts the rest).
    #[error("во входных данных {} ошибок; файл не сформирован", .errors.len() + .more)]
    Input {
        /// Ошибки с файлом, строкой и полем.
        errors: Vec<InputError>,
        /// Сколько ещё ошибок не сохранено.
        more: usize,
    },
    /// No records at all: КолДок must be at least 1.
    #[error("{input}: нет ни одной записи, а файл обмена должен содержать хотя бы один Документ")]
    Empty {
        /// The records' source.
        input: String,
    },
    /// The records could not be opened.
    #[error("{path}: не удалось открыть: {source}")]
    Open {
        /// The records' source.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The sender profile or the file's header cannot be used (ИНН, телефон,
    /// отчётный год, дата файла…): nothing about the records is known yet.
    #[error("сведения об отправителе и о файле: {}", join(.errors))]
    Header {
        /// Every problem, each naming its field.
        errors: Vec<FieldError>,
    },
    /// The file number N cannot be part of an FNS file name.
    #[error(transparent)]
    FileName(#[from] FileNameError),
    /// The file already exists and replacing it was not asked for; found
    /// before any record is read.
    #[error("файл {} уже существует; чтобы заменить его, укажите перезапись явно", .path.display())]
    Exists {
        /// The existing file.
        path: PathBuf,
    },
    /// [`Observer::cancelled`] said stop; the temporary file was removed.
    #[error("прервано: файл не сформирован")]
    Cancelled,
    /// Writing failed; the temporary file was removed.
    #[error(transparent)]
    Write(#[from] WriteError),
}

impl GenerateError {
    /// Stable code.
    pub fn code(&self) -> &'static str {
        match self {
            GenerateError::Input { .. } => "F100",
            GenerateError::Empty { .. } => "F101",
            GenerateError::Open { .. } => "F102",
            GenerateError::Header { .. } => "F011",
            GenerateError::FileName(e) => e.code(),
            GenerateError::Exists { .. } => "F014",
            GenerateError::Cancelled => "F103",
            GenerateError::Write(e) => e.code(),
        }
    }
}

fn join(e: &[FieldError]) -> String {
    e.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Stage of [`generate`] reported to an [`Observer`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Pass 1: every record checked.
    Check,
    /// Pass 2: records written (the total is known).
    Write {
        /// КолДок.
        total: u64,
    },
}

/// Watches a long [`generate`]: progress and cancellation. Every method has
/// a default that does nothing.
pub trait Observer {
    /// `done` records of `stage` are through (called every few hundred records).
    fn progress(&mut self, _stage: Stage, _done: u64) {}
    /// Polled between records: `true` stops the job, removes the temporary
    /// file and returns [`GenerateError::Cancelled`].
    fn cancelled(&self) -> bool {
        false
    }
}

/// An [`Observer`] that watches nothing.
#[derive(Debug, Default, Clone, Copy)]
pub struct Unobserved;

impl Observer for Unobserved {}

/// How often the observer hears of progress.
const REPORT_EVERY: u64 = 256;

/// Checks the request itself: date of the file, reporting year, sender,
/// file name. Returns the header (with `doc_count` 1 until it is known).
fn header(req: &GenerateRequest, ids: &mut dyn IdSource) -> Result<FileHeader, GenerateError> {
    let number = req.number.clone().unwrap_or_else(|| ids.next_id());
    let file_name = FileName::new(req.sender.inn, req.sender.kpp, req.date, &number)?;
    let header = FileHeader {
        file_name,
        info: req.info,
        program_version: req.program_version.clone(),
        sender: req.sender.clone(),
        doc_count: 1,
    };
    let mut errors = check_header(&header);
    if let Err(e) = FnsDate::from_date(req.date) {
        errors.push(FieldError {
            code: "F004",
            field: "date".into(),
            xml: "ИдФайл, Документ/@ДатаДок".into(),
            message: format!("дата формирования файла: {e}"),
        });
    }
    if let InfoType::Yearly(y) = req.info {
        // п. 1 формата: сведения за отчётный (истёкший) год; отчёт за год,
        // который ещё не наступил, невозможен.
        if i32::from(y) > req.date.year() {
            errors.push(FieldError {
                code: "F007",
                field: "year".into(),
                xml: "Файл/@ГодПериодОтч".into(),
                message: format!(
                    "отчётный год {y} позже года формирования файла {}",
                    req.date.year()
                ),
            });
        }
    }
    if errors.is_empty() {
        Ok(header)
    } else {
        Err(GenerateError::Header { errors })
    }
}

/// Collected errors, the first [`MAX_STORED_ERRORS`] kept.
#[derive(Default)]
struct Errors {
    kept: Vec<InputError>,
    more: usize,
}

impl Errors {
    fn push(&mut self, e: InputError) {
        if self.kept.len() < MAX_STORED_ERRORS {
            self.kept.push(e)
        } else {
            self.more += 1
        }
    }
}

/// Generates the exchange file: the request is checked first (date, year,
/// sender, file name, and that the file does not exist yet), then every
/// record (pass 1), and only if all are good is the file written (pass 2)
/// through a temporary file renamed into place.
///
/// `open` gives the records from the start; it is called for each pass
/// (twice, or three times when ИдДок may repeat), so the input is streamed
/// and memory does not grow with the number of records. An `open` that
/// fails is [`GenerateError::Open`] naming `req.source`.
pub fn generate<I, F>(
    req: &GenerateRequest,
    mut open: F,
    ids: &mut dyn IdSource,
    observer: &mut dyn Observer,
) -> Result<Generated, GenerateError>
where
    F: FnMut() -> std::io::Result<I>,
    I: IntoIterator<Item = Result<(usize, Record), InputError>>,
{
    let mut header = header(req, ids)?;
    let name = header.file_name.file_name();
    let target = req.out_dir.join(&name);
    if !req.overwrite && target.exists() {
        return Err(GenerateError::Exists { path: target });
    }
    let mut open = || {
        open().map_err(|source| GenerateError::Open {
            path: req.source.clone(),
            source,
        })
    };

    // Pass 1: check.
    let mut errors = Errors::default();
    let mut count = 0u64;
    let ids_seen = Bloom::default();
    let mut candidates: HashSet<String> = HashSet::new();
    let mut unchecked_repeats = 0usize;
    for item in open()? {
        if observer.cancelled() {
            return Err(GenerateError::Cancelled);
        }
        match item {
            Err(e) => errors.push(e),
            Ok((line, rec)) => {
                count += 1;
                if count % REPORT_EVERY == 0 {
                    observer.progress(Stage::Check, count);
                }
                for e in check_record(&rec, req.date) {
                    errors.push(InputError {
                        code: e.code,
                        file: req.source.clone(),
                        line,
                        column: 0,
                        field: Some(e.field.clone()),
                        message: format!("{}: {}", e.xml, e.message),
                    });
                }
                if let Some(id) = &rec.doc_id {
                    let id = id.trim();
                    if ids_seen.insert(id.as_bytes()) && !candidates.contains(id) {
                        if candidates.len() < MAX_ID_CANDIDATES {
                            candidates.insert(id.to_owned());
                        } else {
                            unchecked_repeats += 1;
                        }
                    }
                }
            }
        }
    }
    observer.progress(Stage::Check, count);
    if !candidates.is_empty() {
        // Pass 1b: which candidates really repeat, and where first seen.
        let mut first: HashMap<String, usize> = HashMap::new();
        for (line, rec) in open()?.into_iter().flatten() {
            if observer.cancelled() {
                return Err(GenerateError::Cancelled);
            }
            let Some(id) = rec.doc_id.as_deref().map(str::trim) else {
                continue;
            };
            if !candidates.contains(id) {
                continue;
            }
            match first.get(id) {
                None => {
                    first.insert(id.to_owned(), line);
                }
                Some(prev) => errors.push(InputError {
                    code: crate::format::rules::DOC_ID,
                    file: req.source.clone(),
                    line,
                    column: 0,
                    field: Some("doc_id".into()),
                    message: format!("ИдДок «{id}» уже встречался в строке {prev}"),
                }),
            }
        }
    }
    errors.more += unchecked_repeats;
    if !errors.kept.is_empty() || errors.more > 0 {
        return Err(GenerateError::Input {
            errors: errors.kept,
            more: errors.more,
        });
    }
    if count == 0 {
        return Err(GenerateError::Empty {
            input: req.source.clone(),
        });
    }
    header.doc_count = count;

    // Pass 2: write.
    let created = create_dirs(&req.out_dir).map_err(|source| WriteError::Path {
        action: gtn_model::messages::IoAction::CreateDir,
        path: req.out_dir.display().to_string(),
        source,
    })?;
    let mut cancelled = false;
    let result = write_atomically(&req.out_dir, &name, req.overwrite, |w| {
        let mut fw = FileWriter::new(w, &header)?;
        let records = open().map_err(|e| WriteError::Io(std::io::Error::other(e.to_string())))?;
        let mut written = 0u64;
        for item in records {
            if observer.cancelled() {
                cancelled = true;
                return Err(WriteError::Io(std::io::Error::other("прервано")));
            }
            let (_, rec) = item.map_err(|e| {
                WriteError::Io(std::io::Error::other(format!(
                    "входные данные изменились во время записи: {e}"
                )))
            })?;
            let id = match &rec.doc_id {
                Some(id) => id.to_string(),
                None => ids.next_id(),
            };
            fw.write(&rec, &id)?;
            written += 1;
            if written % REPORT_EVERY == 0 {
                observer.progress(Stage::Write { total: count }, written);
            }
        }
        fw.finish()?;
        observer.progress(Stage::Write { total: count }, written);
        Ok(())
    });
    match result {
        Ok(path) => Ok(Generated {
            path,
            documents: count,
        }),
        Err(e) => {
            remove_dirs(&created);
            Err(if cancelled {
                GenerateError::Cancelled
            } else {
                match e {
                    WriteError::Exists(p) => GenerateError::Exists { path: p.into() },
                    WriteError::Io(source) if source.raw_os_error().is_some() => {
                        GenerateError::Write(WriteError::Path {
                            action: gtn_model::messages::IoAction::Write,
                            path: req.out_dir.display().to_string(),
                            source,
                        })
                    }
                    e => GenerateError::Write(e),
                }
            })
        }
    }
}

/// Bytes of record text per batch (whole lines, at least one).
const BATCH_BYTES: usize = crate::input::BLOCK_BYTES;

/// Generates the exchange file from JSON Lines, as [`generate`] does, with
/// the same checks, errors (in input order) and bytes, in one pass: each
/// record is parsed, checked and rendered once, by as many workers as the
/// machine has cores, in batches that keep the input's order, with a fixed
/// number of batches in flight (memory does not grow with the input).
///
/// `open` gives the records' text from the start. It is called once to
/// count the records (КолДок is in the file's first element: a quick scan
/// for line breaks), once for the pass that checks and writes, and once
/// more only when ИдДок may repeat. The file is written to a temporary file
/// as the records are checked; after the first bad record writing stops,
/// the checking goes on to list every error, and the temporary file (and
/// any folder made for it) is removed. A source that can be read only once
/// (a pipe) must be copied first, as `gtn generate` does with stdin.
pub fn generate_jsonl<R, F>(
    req: &GenerateRequest,
    mut open: F,
    ids: &mut dyn IdSource,
    observer: &mut dyn Observer,
) -> Result<Generated, GenerateError>
where
    F: FnMut() -> std::io::Result<R>,
    R: std::io::BufRead,
{
    let mut header = header(req, ids)?;
    let name = header.file_name.file_name();
    let target = req.out_dir.join(&name);
    if !req.overwrite && target.exists() {
        return Err(GenerateError::Exists { path: target });
    }
    let mut open = || {
        open().map_err(|source| GenerateError::Open {
            path: req.source.clone(),
            source,
        })
    };

    // КолДок first: the number of records, if every line can be read.
    let total = {
        let obs = &*observer;
        crate::input::count_records(open()?, &|| obs.cancelled())
    };
    if observer.cancelled() {
        return Err(GenerateError::Cancelled);
    }
    let mut pass = Pass::new(req, observer);
    // A write error met before any record was checked (the folder or the
    // temporary file could not be made): said after the records' errors.
    let mut pending: Option<GenerateError> = None;
    match total {
        Some(0) => {
            return Err(GenerateError::Empty {
                input: req.source.clone(),
            })
        }
        // A line that cannot be read: check only, the error is found again.
        None => {
            pass.run::<_, std::io::Sink>(open()?, ids, None);
        }
        Some(total) => {
            header.doc_count = total;
            pass.total = Some(total);
            let reader = open()?;
            let mut ran = false;
            let written = create_dirs(&req.out_dir)
                .map_err(|source| WriteError::Path {
                    action: gtn_model::messages::IoAction::CreateDir,
                    path: req.out_dir.display().to_string(),
                    source,
                })
                .and_then(|created| {
                    let r = write_atomically(&req.out_dir, &name, req.overwrite, |w| {
                        ran = true;
                        let mut fw = FileWriter::new(w, &header)?;
                        pass.run(reader, ids, Some(&mut fw));
                        let not_written =
                            || WriteError::Io(std::io::Error::other("не записан"));
                        if pass.failed() {
                            return Err(not_written());
                        }
                        if !pass.candidates.is_empty() {
                            // Possible repeats: the input's errors come before a
                            // write error, as in generate, where they were found
                            // before anything was written.
                            pass.repeats(&mut open)?;
                            if pass.failed() {
                                return Err(not_written());
                            }
                        }
                        if let Some(e) = pass.write_error.take() {
                            return Err(e);
                        }
                        if pass.count != total {
                            return Err(WriteError::Io(std::io::Error::other(format!(
                                "входные данные изменились во время записи: записей {} вместо {total}",
                                pass.count
                            ))));
                        }
                        fw.finish()?;
                        Ok(())
                    });
                    if r.is_err() {
                        remove_dirs(&created);
                    }
                    r
                });
            match written {
                Ok(path) => {
                    return Ok(Generated {
                        path,
                        documents: total,
                    })
                }
                // Nothing was checked: check the records without writing,
                // as `generate` checked every record before it wrote.
                Err(e) if !ran => {
                    pending = Some(write_failure(req, e));
                    pass.run::<_, std::io::Sink>(open()?, ids, None);
                }
                Err(e) if !pass.failed() => {
                    return Err(pass
                        .open_error
                        .take()
                        .unwrap_or_else(|| write_failure(req, e)));
                }
                Err(_) => {}
            }
        }
    }
    if pass.cancelled {
        return Err(GenerateError::Cancelled);
    }
    if pass.candidates_checked.is_none() && !pass.candidates.is_empty() {
        pass.repeats(&mut open)
            .map_err(|e| match pass.open_error.take() {
                Some(g) => g,
                None => GenerateError::Write(e),
            })?;
        if pass.cancelled {
            return Err(GenerateError::Cancelled);
        }
    }
    let mut errors = std::mem::take(&mut pass.errors);
    errors.more += pass.unchecked_repeats;
    if !errors.kept.is_empty() || errors.more > 0 {
        return Err(GenerateError::Input {
            errors: errors.kept,
            more: errors.more,
        });
    }
    if let Some(e) = pending {
        return Err(e);
    }
    // Every line read and none good: the input changed under us.
    Err(GenerateError::Empty {
        input: req.source.clone(),
    })
}

/// A write error as [`generate`] reports it.
fn write_failure(req: &GenerateRequest, e: WriteError) -> GenerateError {
    match e {
        WriteError::Exists(p) => GenerateError::Exists { path: p.into() },
        WriteError::Io(source) if source.raw_os_error().is_some() => {
            GenerateError::Write(WriteError::Path {
                action: gtn_model::messages::IoAction::Write,
                path: req.out_dir.display().to_string(),
                source,
            })
        }
        e => GenerateError::Write(e),
    }
}

/// Records handed to a worker: a block of whole lines as read
/// ([`Blocks::next_block`]), each line's number and place in `text`, and
/// the error that ended the input after them.
#[derive(Default)]
struct Batch {
    text: Vec<u8>,
    lines: Vec<(usize, std::ops::Range<usize>)>,
    failed: Option<InputError>,
}

/// A batch rendered: the documents' bytes one after the other, and for each
/// record what became of it; with the batch's buffers, to be used again.
#[derive(Default)]
struct Rendered {
    out: Vec<u8>,
    done: Vec<Done>,
    batch: Batch,
}

enum Done {
    Document {
        line: usize,
        /// End of the document in `out`.
        end: usize,
        /// ИдДок, trimmed, when the record has one.
        id: Option<String>,
        /// Where the generated ИдДок goes in `out`, when it has none.
        later: Option<usize>,
    },
    Failed(Vec<InputError>),
    /// Parsed but refused by the checks: its ИдДок still counts for
    /// repeats, as in [`generate`].
    Refused {
        errors: Vec<InputError>,
        id: Option<String>,
    },
}

/// Parses, checks and renders the records of a batch.
fn render_batch(source: &str, file_date: NaiveDate, x: &mut Xml, mut batch: Batch) -> Rendered {
    let mut r = Rendered {
        out: Vec::with_capacity(batch.text.len()),
        done: Vec::with_capacity(batch.lines.len() + 1),
        batch: Batch::default(),
    };
    for (line, text) in &batch.lines {
        let (line, text) = (*line, &batch.text[text.clone()]);
        // Blank lines, `\r`, the byte-order mark and UTF-8: as Lines::next_line.
        let text = match line_text(source, line, text) {
            Err(e) => {
                r.done.push(Done::Failed(vec![e]));
                continue;
            }
            Ok(None) => continue,
            Ok(Some(text)) => text,
        };
        let rec = match parse_record_fast(source, line, text) {
            Ok(rec) => rec,
            Err(e) => {
                r.done.push(Done::Failed(vec![e]));
                continue;
            }
        };
        x.clear();
        render_document(x, &rec, None, file_date);
        if !x.errors.is_empty() {
            let errors = x
                .errors
                .drain(..)
                .map(|e| InputError {
                    code: e.code,
                    file: source.to_owned(),
                    line,
                    column: 0,
                    field: Some(e.field),
                    message: format!("{}: {}", e.xml, e.message),
                })
                .collect();
            r.done.push(Done::Refused {
                errors,
                id: rec.doc_id.as_deref().map(|id| id.trim().to_owned()),
            });
            continue;
        }
        let later = x.later.map(|at| r.out.len() + at);
        r.out.extend_from_slice(&x.buf);
        r.done.push(Done::Document {
            line,
            end: r.out.len(),
            id: rec.doc_id.as_deref().map(|id| id.trim().to_owned()),
            later,
        });
    }
    if let Some(e) = batch.failed.take() {
        r.done.push(Done::Failed(vec![e]));
    }
    r.batch = batch;
    r
}

/// The pass that checks (and writes): what it found.
struct Pass<'a> {
    req: &'a GenerateRequest,
    observer: &'a mut dyn Observer,
    /// КолДок, when the file is written.
    total: Option<u64>,
    errors: Errors,
    count: u64,
    ids_seen: Bloom,
    candidates: HashSet<String>,
    candidates_checked: Option<()>,
    unchecked_repeats: usize,
    cancelled: bool,
    writing: bool,
    write_error: Option<WriteError>,
    open_error: Option<GenerateError>,
    /// For [`generated_id`].
    id_xml: Xml,
}

impl<'a> Pass<'a> {
    fn new(req: &'a GenerateRequest, observer: &'a mut dyn Observer) -> Self {
        Self {
            req,
            observer,
            total: None,
            errors: Errors::default(),
            count: 0,
            ids_seen: Bloom::default(),
            candidates: HashSet::new(),
            candidates_checked: None,
            unchecked_repeats: 0,
            cancelled: false,
            writing: true,
            write_error: None,
            open_error: None,
            id_xml: Xml::new(),
        }
    }

    /// Input errors found (repeats past the candidates kept included), or
    /// stopped.
    fn failed(&self) -> bool {
        self.cancelled
            || !self.errors.kept.is_empty()
            || self.errors.more > 0
            || self.unchecked_repeats > 0
    }

    fn progress(&mut self) {
        // Once a record has failed nothing more is written: the rest is checked.
        let stage = match self.total {
            Some(total) if self.writing => Stage::Write { total },
            _ => Stage::Check,
        };
        self.observer.progress(stage, self.count);
    }

    /// Reads every line, has the workers render them, and takes their
    /// results in input order: errors collected, documents written to `fw`
    /// while no record has failed.
    fn run<R: std::io::BufRead, W: std::io::Write>(
        &mut self,
        reader: R,
        ids: &mut dyn IdSource,
        mut fw: Option<&mut FileWriter<W>>,
    ) {
        if fw.is_none() {
            self.writing = false;
        }
        let workers = std::thread::available_parallelism()
            .map_or(1, std::num::NonZeroUsize::get)
            .clamp(1, 16);
        // Enough batches in flight that a worker never waits for the thread
        // that reads and writes while another finishes the batch due next.
        let in_flight = 4 * workers;
        let source = self.req.source.as_str();
        let file_date = self.req.date;
        let mut blocks = Blocks::new(reader);
        // One queue for all workers: whichever is free takes the next
        // batch; the results are put back in order here.
        let (to, queue) = std::sync::mpsc::channel::<(usize, Batch)>();
        let queue = std::sync::Mutex::new(queue);
        std::thread::scope(|s| {
            let (rtx, from) = std::sync::mpsc::channel::<(usize, Rendered)>();
            for _ in 0..workers {
                let rtx = rtx.clone();
                let queue = &queue;
                s.spawn(move || {
                    let mut x = Xml::new();
                    loop {
                        let next = match queue.lock() {
                            Ok(q) => q.recv(),
                            Err(_) => break,
                        };
                        let Ok((i, b)) = next else {
                            break;
                        };
                        if rtx
                            .send((i, render_batch(source, file_date, &mut x, b)))
                            .is_err()
                        {
                            break;
                        }
                    }
                });
            }
            drop(rtx);
            // Batches rendered ahead of the one due next, and buffers to reuse.
            let mut ahead: HashMap<usize, Rendered> = HashMap::new();
            let mut spare: Vec<Batch> = Vec::new();
            let (mut sent, mut received) = (0usize, 0usize);
            let mut end = false;
            while !end || received < sent {
                if !end && sent - received < in_flight && !self.cancelled {
                    let mut b = spare.pop().unwrap_or_default();
                    b.failed = None;
                    match blocks.next_block(source, BATCH_BYTES, &mut b.text, &mut b.lines) {
                        BlockEnd::More => {}
                        BlockEnd::End => end = true,
                        BlockEnd::Failed(e) => {
                            b.failed = Some(e);
                            end = true;
                        }
                    }
                    if b.lines.is_empty() && b.failed.is_none() {
                        spare.push(b);
                    } else if to.send((sent, b)).is_ok() {
                        sent += 1;
                    }
                    continue;
                }
                let mut r = match ahead.remove(&received) {
                    Some(r) => r,
                    None => loop {
                        match from.recv() {
                            Ok((i, r)) if i == received => break Some(r),
                            Ok((i, r)) => {
                                ahead.insert(i, r);
                            }
                            Err(_) => break None,
                        }
                    }
                    .unwrap_or_default(),
                };
                received += 1;
                if self.observer.cancelled() {
                    self.cancelled = true;
                    end = true;
                }
                if !self.cancelled {
                    self.take(&mut r, ids, fw.as_deref_mut());
                }
                spare.push(r.batch);
            }
            drop(to);
        });
        if let Some(t) = self.total {
            if !self.failed() {
                self.observer
                    .progress(Stage::Write { total: t }, self.count);
            }
        } else {
            self.progress();
        }
    }

    /// The results of one batch, in order.
    fn take<W: std::io::Write>(
        &mut self,
        r: &mut Rendered,
        ids: &mut dyn IdSource,
        mut fw: Option<&mut FileWriter<W>>,
    ) {
        let mut start = 0;
        // Documents of `r.out` due to be written, from `run.0`, `run.1` of
        // them: written together when something else comes.
        let mut run = (0usize, 0u64);
        for d in r.done.drain(..) {
            match d {
                Done::Failed(errors) => {
                    self.writing = false;
                    for e in errors {
                        self.errors.push(e);
                    }
                }
                Done::Refused { errors, id } => {
                    self.writing = false;
                    for e in errors {
                        self.errors.push(e);
                    }
                    self.count += 1;
                    self.seen(id);
                }
                Done::Document {
                    line,
                    end,
                    id,
                    later,
                } => {
                    let _ = line;
                    self.count += 1;
                    if self.count % REPORT_EVERY == 0 {
                        self.progress();
                    }
                    self.seen(id);
                    let doc_start = start;
                    start = end;
                    if !self.writing || self.write_error.is_some() {
                        continue;
                    }
                    let Some(fw) = fw.as_deref_mut() else {
                        continue;
                    };
                    let Some(at) = later else {
                        if run.1 == 0 {
                            run.0 = doc_start;
                        }
                        run.1 += 1;
                        continue;
                    };
                    let (from, n) = std::mem::take(&mut run);
                    let written = (if n > 0 {
                        fw.write_rendered(&[&r.out[from..doc_start]], n)
                    } else {
                        Ok(())
                    })
                    .map_err(WriteError::Io)
                    .and_then(|()| generated_id(&mut self.id_xml, ids, self.count))
                    .and_then(|bytes| {
                        fw.write_rendered(
                            &[
                                &r.out[doc_start..at],
                                &self.id_xml.buf[bytes],
                                &r.out[at..end],
                            ],
                            1,
                        )
                        .map_err(WriteError::Io)
                    });
                    if let Err(e) = written {
                        self.write_error = Some(e);
                    }
                }
            }
        }
        if run.1 > 0 && self.write_error.is_none() {
            if let Some(fw) = fw {
                if let Err(e) = fw.write_rendered(&[&r.out[run.0..start]], run.1) {
                    self.write_error = Some(WriteError::Io(e));
                }
            }
        }
    }

    /// Remembers the ИдДок of a parsed record; one the filter may have
    /// seen is a candidate for the exact check.
    fn seen(&mut self, id: Option<String>) {
        if let Some(id) = id {
            if self.ids_seen.insert(id.as_bytes()) && !self.candidates.contains(&id) {
                if self.candidates.len() < MAX_ID_CANDIDATES {
                    self.candidates.insert(id);
                } else {
                    self.unchecked_repeats += 1;
                }
            }
        }
    }

    /// Which ИдДок flagged by the filter really repeat, and where first
    /// seen: only records that parse count, as in [`generate`].
    fn repeats<F, R>(&mut self, open: &mut F) -> Result<(), WriteError>
    where
        F: FnMut() -> Result<R, GenerateError>,
        R: std::io::BufRead,
    {
        self.candidates_checked = Some(());
        let reader = match open() {
            Ok(r) => r,
            Err(e) => {
                self.open_error = Some(e);
                return Err(WriteError::Io(std::io::Error::other("не открыт")));
            }
        };
        let source = self.req.source.as_str();
        let mut lines = Lines::new(reader);
        let mut first: HashMap<String, usize> = HashMap::new();
        while let Some(item) = lines.next_line(source) {
            if self.observer.cancelled() {
                self.cancelled = true;
                return Ok(());
            }
            let Ok((line, text)) = item else {
                continue;
            };
            let Some(id) = crate::input::doc_id_of(text) else {
                continue;
            };
            let id = id.trim();
            if !self.candidates.contains(id) || parse_record_fast(source, line, text).is_err() {
                continue;
            }
            match first.get(id) {
                None => {
                    first.insert(id.to_owned(), line);
                }
                Some(prev) => self.errors.push(InputError {
                    code: crate::format::rules::DOC_ID,
                    file: source.to_owned(),
                    line,
                    column: 0,
                    field: Some("doc_id".into()),
                    message: format!("ИдДок «{id}» уже встречался в строке {prev}"),
                }),
            }
        }
        Ok(())
    }
}

/// The next generated ИдДок, checked and escaped as the writer would: where
/// the bytes of its value are in `x.buf`, or the error
/// [`FileWriter::write`] would give for document `index`. `x` is reused
/// from one document to the next (a new [`Xml`] each time, with its look-up
/// caches empty, cost about 2 900 instructions a document on the thread
/// that writes).
fn generated_id(
    x: &mut Xml,
    ids: &mut dyn IdSource,
    index: u64,
) -> Result<std::ops::Range<usize>, WriteError> {
    let id = ids.next_id();
    x.clear();
    x.enter(crate::names::el::FILE);
    x.open(crate::names::el::DOCUMENT);
    let before = x.buf.len();
    x.attr("doc_id", crate::names::at::DOC_ID, &id);
    if !x.errors.is_empty() {
        return Err(WriteError::Record {
            index,
            errors: std::mem::take(&mut x.errors),
        });
    }
    // ` ИдДок="…"`: the value between the quotes.
    let attr = &x.buf[before..];
    let open = attr.iter().position(|&b| b == b'"').map_or(0, |i| i + 1);
    Ok(before + open..x.buf.len() - 1)
}

/// Creates `dir` and its missing parents; returns those it created, the
/// deepest first.
fn create_dirs(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut missing = Vec::new();
    let mut d = Some(dir);
    while let Some(p) = d {
        if p.as_os_str().is_empty() || p.exists() {
            break;
        }
        missing.push(p.to_path_buf());
        d = p.parent();
    }
    std::fs::create_dir_all(dir)?;
    Ok(missing)
}

/// Removes folders [`create_dirs`] made, if they are still empty.
fn remove_dirs(created: &[PathBuf]) {
    for d in created {
        if std::fs::remove_dir(d).is_err() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{input, SequentialGuids};
    use std::cell::Cell;

    fn request(out: &Path) -> GenerateRequest {
        let sender =
            input::parse_sender("sender.toml", include_str!("../../../examples/sender.toml"))
                .unwrap();
        GenerateRequest {
            sender,
            info: InfoType::Within10Days,
            date: NaiveDate::from_ymd_opt(2025, 12, 1).unwrap(),
            number: Some("1".into()),
            program_version: None,
            out_dir: out.to_path_buf(),
            overwrite: false,
            source: "records.jsonl".into(),
        }
    }

    fn records_text() -> &'static str {
        include_str!("../../../examples/records.jsonl")
    }

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("gtn-gen-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    type Items = input::Records<&'static [u8]>;

    #[test]
    fn the_request_is_checked_before_any_record_is_read() {
        let dir = scratch("header");
        let never =
            || -> std::io::Result<Items> { panic!("records read before the request was checked") };
        // An empty phone, a future reporting year, a date outside the format.
        let mut r = request(&dir);
        r.sender.phone = String::new();
        r.info = InfoType::Yearly(2026);
        r.date = NaiveDate::from_ymd_opt(2025, 12, 1).unwrap();
        match generate(&r, never, &mut SequentialGuids(0), &mut Unobserved) {
            Err(GenerateError::Header { errors }) => {
                let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
                assert!(fields.contains(&"phone"), "{fields:?}");
                assert!(fields.contains(&"year"), "{fields:?}");
            }
            other => panic!("{other:?}"),
        }
        let mut r = request(&dir);
        r.date = NaiveDate::from_ymd_opt(2100, 1, 1).unwrap();
        assert!(matches!(
            generate(&r, never, &mut SequentialGuids(0), &mut Unobserved),
            Err(GenerateError::Header { .. })
        ));
        let mut r = request(&dir);
        r.number = Some("no spaces allowed".into());
        assert!(matches!(
            generate(&r, never, &mut SequentialGuids(0), &mut Unobserved),
            Err(GenerateError::FileName(_))
        ));
        // The target exists.
        std::fs::create_dir_all(&dir).unwrap();
        let r = request(&dir);
        let target = dir.join("VO_AVTOTS_9965_5024100010502401001_20251201_1.xml");
        std::fs::write(&target, "keep").unwrap();
        match generate(&r, never, &mut SequentialGuids(0), &mut Unobserved) {
            Err(GenerateError::Exists { path }) => assert_eq!(path, target),
            other => panic!("{other:?}"),
        }
        assert!(!dir.join("never").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_input_that_cannot_be_opened_is_a_typed_error() {
        let dir = scratch("open");
        let r = request(&dir);
        let open = || -> std::io::Result<Items> {
            Err(std::io::Error::new(std::io::ErrorKind::NotFound, "gone"))
        };
        match generate(&r, open, &mut SequentialGuids(0), &mut Unobserved) {
            Err(GenerateError::Open { path, source }) => {
                assert_eq!(path, "records.jsonl");
                assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
            }
            other => panic!("{other:?}"),
        }
        assert!(!dir.exists(), "no --out folder for nothing");
    }

    /// Cancels after `after` progress reports of pass 2.
    struct CancelWhileWriting {
        reports: Cell<u32>,
        after: u32,
    }

    impl Observer for CancelWhileWriting {
        fn progress(&mut self, stage: Stage, _: u64) {
            if matches!(stage, Stage::Write { .. }) {
                self.reports.set(self.reports.get() + 1);
            }
        }
        fn cancelled(&self) -> bool {
            self.reports.get() >= self.after
        }
    }

    #[test]
    fn cancelled_while_writing_leaves_nothing() {
        let dir = scratch("cancel");
        let out = dir.join("a/b");
        let r = request(&out);
        let many = records_text().repeat(20);
        let text: &'static str = Box::leak(many.into_boxed_str());
        let open = move || -> std::io::Result<Items> { Ok(input::records("r", text.as_bytes())) };
        // The examples carry ИдДок; repeated 20 times they repeat: pass 1
        // must say so before anything is created.
        match generate(&r, open, &mut SequentialGuids(0), &mut Unobserved) {
            Err(GenerateError::Input { errors, .. }) => {
                assert!(errors.iter().any(|e| e.message.contains("уже встречался")))
            }
            other => panic!("{other:?}"),
        }
        assert!(!dir.exists());
        let without_ids: String = records_text()
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                let mut v = v;
                v.as_object_mut().unwrap().remove("doc_id");
                v.to_string() + "\n"
            })
            .collect::<String>()
            .repeat(20);
        let text: &'static str = Box::leak(without_ids.into_boxed_str());
        let open = move || -> std::io::Result<Items> { Ok(input::records("r", text.as_bytes())) };
        let mut obs = CancelWhileWriting {
            reports: Cell::new(0),
            after: 1,
        };
        // 720 records: pass 2 reports at 256 and 512, then it is cancelled.
        match generate(&r, open, &mut SequentialGuids(0), &mut obs) {
            Err(GenerateError::Cancelled) => {}
            other => panic!("{other:?}"),
        }
        assert!(!dir.join("a").exists(), "created folders are removed");
        let _ = std::fs::remove_dir_all(&dir);
        // And without cancelling, the same input is written.
        let ok = generate(&r, open, &mut SequentialGuids(0), &mut Unobserved).unwrap();
        assert_eq!(ok.documents, 720);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn empty_input() {
        let dir = scratch("empty");
        let r = request(&dir);
        let open = || -> std::io::Result<Items> { Ok(input::records("r", "\n\n".as_bytes())) };
        assert!(matches!(
            generate(&r, open, &mut SequentialGuids(0), &mut Unobserved),
            Err(GenerateError::Empty { .. })
        ));
        assert!(!dir.exists());
    }

    fn without_ids(times: usize) -> &'static str {
        let text: String = records_text()
            .lines()
            .map(|l| {
                let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
                v.as_object_mut().unwrap().remove("doc_id");
                v.to_string() + "\n"
            })
            .collect::<String>()
            .repeat(times);
        Box::leak(text.into_boxed_str())
    }

    #[test]
    fn one_pass_cancelled_while_writing_leaves_nothing() {
        let dir = scratch("cancel1");
        let out = dir.join("a/b");
        let r = request(&out);
        let text = without_ids(40);
        let open = move || -> std::io::Result<&'static [u8]> { Ok(text.as_bytes()) };
        let mut obs = CancelWhileWriting {
            reports: Cell::new(0),
            after: 1,
        };
        // 1 440 records, three batches: cancelled when the second arrives.
        match generate_jsonl(&r, open, &mut SequentialGuids(0), &mut obs) {
            Err(GenerateError::Cancelled) => {}
            other => panic!("{other:?}"),
        }
        assert!(!dir.join("a").exists(), "created folders are removed");
        let ok = generate_jsonl(&r, open, &mut SequentialGuids(0), &mut Unobserved).unwrap();
        assert_eq!(ok.documents, 1440);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn one_pass_bad_records_leave_nothing_and_are_all_listed() {
        let dir = scratch("bad1");
        let out = dir.join("new");
        let r = request(&out);
        let good = without_ids(30);
        // Bad records at the start, in the middle (another batch) and at the end.
        let text = format!("{{}}\n{good}{{\"a\": 1}}\n{good}\n[]\n");
        let text: &'static str = Box::leak(text.into_boxed_str());
        let open = move || -> std::io::Result<&'static [u8]> { Ok(text.as_bytes()) };
        match generate_jsonl(&r, open, &mut SequentialGuids(0), &mut Unobserved) {
            Err(GenerateError::Input { errors, more }) => {
                let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
                assert_eq!(lines, vec![1, 1082, 2164], "{errors:?}");
                assert_eq!(more, 0);
            }
            other => panic!("{other:?}"),
        }
        assert!(!out.exists(), "no --out folder, no temporary file");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn one_pass_empty_input_and_open_failure() {
        let dir = scratch("empty1");
        let r = request(&dir);
        let open = || -> std::io::Result<&'static [u8]> { Ok(" \n\r\n\u{3000}\n".as_bytes()) };
        assert!(matches!(
            generate_jsonl(&r, open, &mut SequentialGuids(0), &mut Unobserved),
            Err(GenerateError::Empty { .. })
        ));
        let open = || -> std::io::Result<&'static [u8]> {
            Err(std::io::Error::new(std::io::ErrorKind::NotFound, "gone"))
        };
        assert!(matches!(
            generate_jsonl(&r, open, &mut SequentialGuids(0), &mut Unobserved),
            Err(GenerateError::Open { .. })
        ));
        assert!(!dir.exists());
    }

    /// An identifier source that gives an ИдДок the format refuses.
    struct TooLong;
    impl IdSource for TooLong {
        fn next_id(&mut self) -> String {
            "x".repeat(37)
        }
    }

    #[test]
    fn one_pass_a_bad_generated_id_is_the_writer_error() {
        let dir = scratch("id1");
        let r = request(&dir);
        let text = without_ids(1);
        let open = move || -> std::io::Result<&'static [u8]> { Ok(text.as_bytes()) };
        let two = generate(
            &r,
            move || Ok(input::records("r", text.as_bytes())),
            &mut TooLong,
            &mut Unobserved,
        )
        .map(|_| ())
        .map_err(|e| e.to_string());
        let one = generate_jsonl(&r, open, &mut TooLong, &mut Unobserved)
            .map(|_| ())
            .map_err(|e| e.to_string());
        assert!(one.is_err(), "{one:?}");
        assert_eq!(one, two);
        assert!(!dir.exists());
    }

    /// Gives `text`, then fails (a disk error half way).
    struct FailsAfter {
        text: &'static [u8],
        at: usize,
    }

    impl std::io::Read for FailsAfter {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.at >= self.text.len() {
                return Err(std::io::Error::other("сбой диска"));
            }
            let n = buf.len().min(self.text.len() - self.at).min(4096);
            buf[..n].copy_from_slice(&self.text[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    #[test]
    fn one_pass_a_read_error_half_way_is_listed_as_by_generate() {
        let dir = scratch("readerr");
        let r = request(&dir);
        let good = without_ids(20);
        let text = format!("{good}{{\"bad\": 1}}\n{good}");
        let text: &'static [u8] = Box::leak(text.into_bytes().into_boxed_slice());
        let cut = text.len() - 1000;
        let reader = move || {
            std::io::BufReader::new(FailsAfter {
                text: &text[..cut],
                at: 0,
            })
        };
        let two = generate(
            &r,
            move || Ok(input::records("records.jsonl", reader())),
            &mut SequentialGuids(0),
            &mut Unobserved,
        );
        let one = generate_jsonl(
            &r,
            move || Ok(reader()),
            &mut SequentialGuids(0),
            &mut Unobserved,
        );
        match (one, two) {
            (
                Err(GenerateError::Input { errors: a, more: m }),
                Err(GenerateError::Input { errors: b, more: n }),
            ) => {
                assert_eq!((a, m), (b, n));
            }
            other => panic!("{other:?}"),
        }
        assert!(!dir.exists());
    }

    #[test]
    fn one_pass_repeated_ids_alone_are_found_before_anything_is_kept() {
        let dir = scratch("repeat1");
        let r = request(&dir);
        let text: &'static str = Box::leak(records_text().repeat(2).into_boxed_str());
        let two = generate(
            &r,
            move || Ok(input::records("records.jsonl", text.as_bytes())),
            &mut SequentialGuids(0),
            &mut Unobserved,
        );
        let one = generate_jsonl(
            &r,
            move || Ok(text.as_bytes()),
            &mut SequentialGuids(0),
            &mut Unobserved,
        );
        match (one, two) {
            (
                Err(GenerateError::Input { errors: a, more: m }),
                Err(GenerateError::Input { errors: b, more: n }),
            ) => {
                assert!(
                    a.iter().all(|e| e.message.contains("уже встречался")),
                    "{a:?}"
                );
                assert!(!a.is_empty());
                assert_eq!((a, m), (b, n));
            }
            other => panic!("{other:?}"),
        }
        assert!(!dir.exists());
    }

    /// Found by the fuzz target `generate`: a record refused by the checks
    /// still has its ИдДок counted (generate counted every parsed record).
    #[test]
    fn one_pass_repeats_among_refused_records_are_listed() {
        let dir = scratch("refused1");
        let r = request(&dir);
        let line = records_text()
            .lines()
            .find(|l| l.contains("sole_trader"))
            .unwrap();
        let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
        v["owner"].as_object_mut().unwrap().remove("inn");
        v["doc_id"] = serde_json::json!("DUP");
        let text = format!("{v}\n{}\n{v}\n", records_text().lines().next().unwrap());
        let text: &'static str = Box::leak(text.into_boxed_str());
        let two = generate(
            &r,
            move || Ok(input::records("records.jsonl", text.as_bytes())),
            &mut SequentialGuids(0),
            &mut Unobserved,
        );
        let one = generate_jsonl(
            &r,
            move || Ok(text.as_bytes()),
            &mut SequentialGuids(0),
            &mut Unobserved,
        );
        match (one, two) {
            (
                Err(GenerateError::Input { errors: a, more: m }),
                Err(GenerateError::Input { errors: b, more: n }),
            ) => {
                assert!(
                    a.iter().any(|e| e.message.contains("«DUP» уже встречался")),
                    "{a:?}"
                );
                assert_eq!((a, m), (b, n));
            }
            other => panic!("{other:?}"),
        }
    }
}
