//! The streaming validator of exchange files: everything the format says,
//! beyond what an XSD validator checks, at the speed of reading the file.
//!
//! The file is read once, as windows-1251 bytes, by quick-xml; names are
//! compared as bytes and values are decoded only when a check needs text.
//! Memory stays flat: the only state that grows with the file is a fixed
//! 8 MiB filter for the uniqueness of ИдДок (a Bloom filter, with an exact second pass on a hit).

mod attrs;
pub(crate) mod bloom;
mod chunks;
mod limits;
mod schema;
mod values;

pub use limits::Limits;

use crate::file_name::FileName;
use crate::names::{at, el, to_1251, INFO_YEAR};
use bloom::Bloom;
use chrono::NaiveDate;
use gtn_model::dict::{self, PlateReplacement};
use gtn_model::{Decimal6, DocCode, DocSeriesNumber, EnginePower};
use limits::{Hit, LimitedReader};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use schema::{Elem, Ty};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::path::Path;
use std::sync::OnceLock;

/// Серьёзность замечания.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Ошибка: файл не будет принят.
    Error,
    /// Предупреждение: стоит проверить.
    Warning,
}

/// Замечание по файлу: что, где, с каким значением.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Серьёзность.
    pub severity: Severity,
    /// Stable code: FNS's code where FNS has one (0400400007, 0400300003), else V0xx.
    pub code: &'static str,
    /// Строка, с 1 (0 — к файлу в целом, например имя файла).
    pub line: u64,
    /// Столбец (байт в строке), с 1.
    pub column: u64,
    /// Путь к элементу или атрибуту: `Файл/Документ[17]/СвТрансп/@ДатаОпер`.
    pub path: String,
    /// Значение, если оно есть.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Сообщение по-русски.
    pub message: String,
}

/// Итог проверки одного файла.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Имя файла, если известно.
    pub file: Option<String>,
    /// Замечания в порядке файла.
    pub findings: Vec<Finding>,
    /// Число элементов Документ.
    pub documents: u64,
    /// Проверка прервана (неисправимая ошибка или предел --max-errors).
    pub stopped: bool,
    /// Прочитано байт.
    pub bytes: u64,
    /// Parts of the file checked at once (1: one pass).
    pub parts: usize,
}

impl Report {
    /// Число ошибок.
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }
    /// Число предупреждений.
    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }
    /// `true` when there is no error.
    pub fn is_valid(&self) -> bool {
        self.errors() == 0
    }
}

/// Options of a validation.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Stop after this many errors (`None`: report all).
    pub max_errors: Option<usize>,
    /// Resource limits.
    pub limits: Limits,
    /// Threads for a large file on disk (`0`: one per processor). A file is
    /// cut into parts at the starts of Документ elements, the parts are
    /// checked at once, and the findings are the same as with one thread.
    pub threads: usize,
    /// Smallest part of a file given to a thread, bytes (`0`: 8 MiB).
    pub part_size: u64,
}

/// Validates a file on disk: its name, then its content. A second pass over
/// the file is made only if the ИдДок filter saw a possible repeat, to say
/// exactly which identifiers repeat and where.
pub fn validate_path(path: &Path, options: &Options) -> std::io::Result<Report> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let f = std::fs::File::open(path)?;
    let size = f.metadata()?.len();
    if let Some(cuts) = chunks::plan(path, size, options)? {
        let bloom = Bloom::default();
        if let Some(v) = chunks::validate(path, name.as_deref(), &cuts, options, &bloom)? {
            return finish_path(v, path);
        }
    }
    // One pass from the start (also when a part did not end where it had
    // to: the sequential pass then says what is wrong).
    let bloom = Bloom::default();
    let mut v = Validator::new(name.as_deref(), options, &bloom);
    v.run(std::io::BufReader::with_capacity(1 << 15, &f));
    v.plan = vec![(0, None, 0)];
    finish_path(v, path)
}

/// The exact pass over ИдДок, when the filter saw possible repeats: over the
/// same ranges as the first pass, at once.
fn finish_path(mut v: Validator<'_>, path: &Path) -> std::io::Result<Report> {
    if !v.id_candidates.is_empty() && !v.report.stopped {
        let candidates = v.candidate_set();
        let found = chunks::scan_parts(path, &v.plan, &candidates)?;
        v.report_duplicates(found);
    }
    Ok(v.finish())
}

/// Validates a stream. `file_name` (without folder) enables the checks of
/// the name; possible repeats of ИдДок are reported as warnings, since the
/// stream cannot be read again to confirm them.
pub fn validate_reader<R: BufRead>(
    file_name: Option<&str>,
    reader: R,
    options: &Options,
) -> Report {
    let bloom = Bloom::default();
    let mut v = Validator::new(file_name, options, &bloom);
    v.run(reader);
    for (id, line) in std::mem::take(&mut v.id_candidates) {
        v.report.findings.push(Finding {
            severity: Severity::Warning,
            code: "V047",
            line,
            column: 0,
            path: format!("{}/{}/@{}", el::FILE, el::DOCUMENT, at::DOC_ID),
            value: Some(id),
            message: "ИдДок, возможно, повторяется (точно проверяется при проверке файла на диске)"
                .into(),
        });
    }
    v.finish()
}

/// Validates a file held in memory: the same report as [`validate_path`]
/// on the same bytes under the same name (one pass; repeats of ИдДок are
/// confirmed by a second pass over the bytes, so they are errors, not the
/// warnings of [`validate_reader`]). `file_name` (without folder) enables
/// the checks of the name.
pub fn validate_bytes(file_name: Option<&str>, data: &[u8], options: &Options) -> Report {
    let bloom = Bloom::default();
    let mut v = Validator::new(file_name, options, &bloom);
    // Read through the same 32 KiB buffer as a file: the limits on a
    // token's size are enforced per buffer fill, and a slice would give
    // the whole file in one fill.
    v.run(std::io::BufReader::with_capacity(1 << 15, data));
    if !v.id_candidates.is_empty() && !v.report.stopped {
        let candidates = v.candidate_set();
        let found = scan_ids(
            std::io::BufReader::with_capacity(1 << 15, data),
            &candidates,
        );
        v.report_duplicates(found);
    }
    v.finish()
}

/// Compiled names: windows-1251 bytes of every element and attribute, and
/// each child's own compiled entry, so that no look-up happens per element.
struct Compiled {
    name: Vec<u8>,
    attrs: Vec<Vec<u8>>,
    /// What each attribute means to the checks across attributes.
    roles: Vec<Role>,
    children: Vec<Vec<(Vec<u8>, &'static Elem, &'static Compiled)>>,
}

/// The compiled form of [`schema::FILE`] and, through it, of every element.
/// Built once per process; the tree is small (a few KiB) and lives as long
/// as the program.
fn compiled_root() -> &'static Compiled {
    static ROOT: OnceLock<&'static Compiled> = OnceLock::new();
    fn build(e: &'static Elem, memo: &mut HashMap<usize, &'static Compiled>) -> &'static Compiled {
        let key = e as *const Elem as usize;
        if let Some(c) = memo.get(&key) {
            return c;
        }
        let children = e
            .children
            .iter()
            .map(|c| {
                c.elems
                    .iter()
                    .map(|x| (to_1251(x.name), *x, build(x, memo)))
                    .collect()
            })
            .collect();
        let c: &'static Compiled = Box::leak(Box::new(Compiled {
            name: to_1251(e.name),
            attrs: e.attrs.iter().map(|a| to_1251(a.name)).collect(),
            roles: e.attrs.iter().map(|a| Role::of(e, a)).collect(),
            children,
        }));
        memo.insert(key, c);
        c
    }
    ROOT.get_or_init(|| build(&schema::FILE, &mut HashMap::new()))
}

/// What an attribute means to the checks that look at more than one value,
/// decided once per process, so that no name is compared per attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Plain,
    /// ДатаОпер, ДатаРег, ДатаВыдРегДок, ДатаРожд: not after the file's date.
    NotAfterFileDate,
    DocId,
    Operation,
    PreviousPlate,
    PowerHp,
    PowerKw,
    DocCode,
    DocNumber,
    InfoType,
    ReportYear,
    FileId,
    DocCount,
}

impl Role {
    fn of(e: &'static Elem, a: &schema::Attr) -> Role {
        let is = |x: &'static Elem| std::ptr::eq(e, x);
        match a.name {
            at::OPERATION_DATE | at::REG_DATE | at::REG_DOC_DATE | at::BIRTH_DATE
                if a.ty == Ty::Date =>
            {
                Role::NotAfterFileDate
            }
            at::DOC_ID if is(&schema::DOCUMENT) => Role::DocId,
            at::OPERATION if is(&schema::MACHINE) => Role::Operation,
            at::PREVIOUS_PLATE if is(&schema::MACHINE) => Role::PreviousPlate,
            at::POWER_HP if is(&schema::MACHINE) => Role::PowerHp,
            at::POWER_KW if is(&schema::MACHINE) => Role::PowerKw,
            at::DOC_CODE if is(&schema::IDENTITY_DOC) => Role::DocCode,
            at::DOC_NUMBER if is(&schema::IDENTITY_DOC) => Role::DocNumber,
            at::INFO_TYPE if is(&schema::FILE) => Role::InfoType,
            at::REPORT_YEAR if is(&schema::FILE) => Role::ReportYear,
            at::FILE_ID if is(&schema::FILE) => Role::FileId,
            at::DOC_COUNT if is(&schema::FILE) => Role::DocCount,
            _ => Role::Plain,
        }
    }
}

/// Compiled placeholder for the subtree of an unknown element.
static SKIP_COMPILED: Compiled = Compiled {
    name: Vec::new(),
    attrs: Vec::new(),
    roles: Vec::new(),
    children: Vec::new(),
};

#[derive(Clone)]
struct Frame {
    elem: &'static Elem,
    compiled: &'static Compiled,
    /// Position in `elem.children` and occurrences there.
    child: usize,
    count: u32,
    /// Index for the path (Документ[n]).
    index: Option<u64>,
    /// The name of an element outside the format, to match its end tag.
    unknown_name: Option<Vec<u8>>,
    line: u64,
    column: u64,
}

/// Values of one element needed by checks across attributes, borrowed
/// from the tag where they are plain ASCII (no copy per document).
#[derive(Default)]
struct Ctx<'c> {
    operation: Option<Cow<'c, str>>,
    previous_plate: bool,
    hp: Option<Cow<'c, str>>,
    kw: Option<Cow<'c, str>>,
    doc_code: Option<Cow<'c, str>>,
    doc_number: Option<Cow<'c, str>>,
    info_year: Option<bool>,
    report_year: bool,
    file_id: Option<Cow<'c, str>>,
    doc_count: Option<u64>,
}

/// The validation state machine. Use [`validate_path`] or [`validate_reader`].
struct Validator<'o> {
    options: &'o Options,
    report: Report,
    file_name: Option<String>,
    parsed_name: Option<FileName>,
    stack: Vec<Frame>,
    line: u64,
    line_start: u64,
    documents: u64,
    declared_count: Option<(u64, u64, u64)>,
    seen_root: bool,
    seen_decl: bool,
    bloom: &'o Bloom,
    id_candidates: Vec<(String, u64)>,
    file_date: Option<NaiveDate>,
    /// Continues after a part checked by another validator: no first line.
    resumed: bool,
    /// A part that is not the last: its end is not the end of the file.
    partial: bool,
    /// A fatal error stopped this validator.
    fatal_seen: bool,
    /// Файл was closed.
    file_closed: bool,
    /// For each finding: documents and bytes read when it was found.
    marks: Vec<(u64, u64)>,
    /// More possible repeats of ИдДок than are kept for the exact check.
    candidates_overflow: bool,
    /// The ranges of the file checked (one, or the parts checked at once):
    /// start, end, lines before; the exact pass over ИдДок reads the same.
    plan: Vec<(u64, Option<u64>, u64)>,
}

/// Equality of two short names, eight bytes at a time: names are compared
/// millions of times, and a call to `memcmp` costs more than the comparison.
fn same_name(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (ac, bc) = (a.chunks_exact(8), b.chunks_exact(8));
    let tails = ac
        .remainder()
        .iter()
        .zip(bc.remainder())
        .all(|(x, y)| x == y);
    tails
        && ac.zip(bc).all(|(x, y)| {
            u64::from_ne_bytes(x.try_into().unwrap_or([0; 8]))
                == u64::from_ne_bytes(y.try_into().unwrap_or([0; 8]))
        })
}

fn path_of(stack: &[Frame]) -> String {
    let mut s = String::new();
    for (i, f) in stack.iter().enumerate() {
        if i > 0 {
            s.push('/');
        }
        s.push_str(f.elem.name);
        if let Some(n) = f.index {
            s.push_str(&format!("[{n}]"));
        }
    }
    s
}

impl<'o> Validator<'o> {
    fn new(file_name: Option<&str>, options: &'o Options, bloom: &'o Bloom) -> Self {
        let mut v = Self {
            options,
            report: Report {
                file: file_name.map(str::to_owned),
                ..Report::default()
            },
            file_name: file_name.map(str::to_owned),
            parsed_name: None,
            stack: Vec::new(),
            line: 1,
            line_start: 0,
            documents: 0,
            declared_count: None,
            seen_root: false,
            seen_decl: false,
            bloom,
            id_candidates: Vec::new(),
            file_date: None,
            resumed: false,
            partial: false,
            fatal_seen: false,
            file_closed: false,
            marks: Vec::new(),
            candidates_overflow: false,
            plan: Vec::new(),
        };
        if let Some(n) = file_name {
            match FileName::parse(n) {
                Ok(p) => {
                    v.file_date = Some(p.date);
                    v.parsed_name = Some(p);
                }
                Err(e) => v.push(
                    Severity::Error,
                    "0400400007",
                    0,
                    0,
                    String::new(),
                    Some(n.to_owned()),
                    e.to_string(),
                ),
            }
        }
        v
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        line: u64,
        column: u64,
        path: String,
        value: Option<String>,
        message: String,
    ) {
        if self.report.stopped {
            return;
        }
        self.report.findings.push(Finding {
            severity,
            code,
            line,
            column,
            path,
            value,
            message,
        });
        if let Some(max) = self.options.max_errors {
            if severity == Severity::Error && self.report.errors() >= max {
                self.report.stopped = true;
            }
        }
    }

    fn fatal(&mut self, code: &'static str, line: u64, column: u64, message: String) {
        let path = path_of(&self.stack);
        self.push(Severity::Error, code, line, column, path, None, message);
        self.report.stopped = true;
        self.fatal_seen = true;
    }

    /// Line and column of byte `i` of `content`, which starts at file offset `base`.
    fn pos(&self, content: &[u8], base: u64, i: usize) -> (u64, u64) {
        let before = &content[..i.min(content.len())];
        let nl = memchr::memchr_iter(b'\n', before).count() as u64;
        match memchr::memrchr(b'\n', before) {
            Some(j) => (self.line + nl, (i - j) as u64),
            None => (self.line, base + i as u64 - self.line_start + 1),
        }
    }

    fn advance(&mut self, content: &[u8], base: u64) {
        let mut last = None;
        if content.len() < 64 {
            // Short pieces (the blanks between tags, end tags): a plain loop
            // costs less than setting up a vector search.
            for (j, &b) in content.iter().enumerate() {
                if b == b'\n' {
                    self.line += 1;
                    last = Some(j);
                }
            }
        } else {
            for j in memchr::memchr_iter(b'\n', content) {
                self.line += 1;
                last = Some(j);
            }
        }
        if let Some(j) = last {
            self.line_start = base + j as u64 + 1;
        }
    }

    fn run<R: BufRead>(&mut self, input: R) {
        let mut reader = Reader::from_reader(LimitedReader::new(input, self.options.limits));
        {
            let c = reader.config_mut();
            // End tags are matched against our own stack (see `close_tag`),
            // so that a part of a file can start inside Файл.
            c.check_end_names = false;
            c.allow_unmatched_ends = true;
            c.trim_text(false);
            c.expand_empty_elements = false;
            c.check_comments = true;
        }
        let mut buf = Vec::with_capacity(1 << 14);
        let mut first = !self.resumed;
        loop {
            if self.report.stopped {
                break;
            }
            reader.get_mut().start_token();
            let before = reader.buffer_position();
            let ev = reader.read_event_into(&mut buf);
            let ev = match ev {
                Ok(ev) => ev,
                Err(e) => {
                    let hit = reader.get_ref().hit;
                    let off = reader.error_position();
                    let (line, col) = (self.line, off.saturating_sub(self.line_start) + 1);
                    let msg = match hit {
                        Some(Hit::FileSize) => format!(
                            "файл больше допустимого ({} байт)",
                            self.options.limits.max_file_size
                        ),
                        Some(Hit::Token) => format!(
                            "элемент или текст длиннее {} байт: файл не соответствует формату",
                            self.options.limits.max_token
                        ),
                        None => format!("нарушен синтаксис XML: {e}"),
                    };
                    let code = if hit.is_some() { "V012" } else { "V010" };
                    self.fatal(code, line, col, msg);
                    break;
                }
            };
            if first {
                first = false;
                self.first_event(&ev);
                if self.report.stopped {
                    break;
                }
            }
            match ev {
                Event::Decl(d) => {
                    if !self.seen_decl || self.seen_root {
                        self.fatal(
                            "V010",
                            self.line,
                            before - self.line_start + 1,
                            "объявление XML не в начале файла".into(),
                        );
                    }
                    self.advance(&d, before + 2);
                }
                Event::Start(e) => {
                    // A tag on one line (the usual case) has no line to count.
                    let one_line = memchr::memchr(b'\n', &e).is_none();
                    self.start(&e, before, false, one_line);
                    if !one_line {
                        self.advance(&e, before + 1);
                    }
                }
                Event::Empty(e) => {
                    let one_line = memchr::memchr(b'\n', &e).is_none();
                    self.start(&e, before, true, one_line);
                    if !one_line {
                        self.advance(&e, before + 1);
                    }
                }
                Event::End(e) => {
                    if !self.close_tag(e.name().into_inner(), before) {
                        break;
                    }
                    self.end();
                    self.advance(&e, before + 2);
                }
                Event::Text(t) => {
                    if let Some(i) = t.iter().position(|b| !b.is_ascii_whitespace()) {
                        let (line, col) = self.pos(&t, before, i);
                        if self.stack.is_empty() {
                            self.fatal("V010", line, col, "текст вне корневого элемента".into());
                        } else {
                            let path = path_of(&self.stack);
                            let value = values::decode(t.trim_ascii()).chars().take(40).collect();
                            self.push(
                                Severity::Error,
                                "V025",
                                line,
                                col,
                                path,
                                Some(value),
                                "текст внутри элемента не предусмотрен форматом".into(),
                            );
                        }
                    }
                    self.advance(&t, before);
                }
                Event::CData(t) => {
                    let path = path_of(&self.stack);
                    self.push(
                        Severity::Error,
                        "V025",
                        self.line,
                        before - self.line_start + 1,
                        path,
                        None,
                        "раздел CDATA не предусмотрен форматом".into(),
                    );
                    self.advance(&t, before + 9);
                }
                Event::Comment(t) => self.advance(&t, before + 4),
                Event::PI(t) => self.advance(&t, before + 2),
                Event::DocType(_) => {
                    self.fatal("V011", self.line, before - self.line_start + 1, "объявление DOCTYPE (и сущностей) запрещено: файл не проверяется дальше, сущности не раскрываются".into());
                    break;
                }
                Event::Eof => break,
            }
            self.mark(reader.buffer_position());
            buf.clear();
        }
        self.report.bytes = reader.buffer_position();
        self.mark(self.report.bytes);
        if !self.report.stopped && !self.partial {
            if !self.seen_root {
                self.fatal("V010", self.line, 1, "нет корневого элемента Файл".into());
            } else if !self.stack.is_empty() {
                self.fatal(
                    "V010",
                    self.line,
                    1,
                    "файл оборван: не закрыты элементы".into(),
                );
            }
        }
        self.mark(self.report.bytes);
    }

    /// Notes, for the findings of the last event, how far the check had
    /// got: joining parts with --max-errors stops where one pass would.
    fn mark(&mut self, bytes: u64) {
        while self.marks.len() < self.report.findings.len() {
            self.marks.push((self.documents, bytes));
        }
    }

    fn first_event(&mut self, ev: &Event<'_>) {
        match ev {
            Event::Decl(d) => {
                self.seen_decl = true;
                let raw: &[u8] = d;
                if raw.starts_with(b"\xEF\xBB\xBF") {
                    self.fatal("V002", 1, 1, "файл начинается с метки порядка байтов UTF-8: файл в кодировке UTF-8, а должен быть в windows-1251".into());
                    return;
                }
                let version = d.version().ok().map(|v| v.into_owned());
                let encoding = d.encoding().and_then(|e| e.ok()).map(|e| e.into_owned());
                let enc = encoding
                    .as_deref()
                    .map(|e| String::from_utf8_lossy(e).to_lowercase());
                if version.as_deref() != Some(b"1.0") {
                    self.push(
                        Severity::Error,
                        "V001",
                        1,
                        1,
                        String::new(),
                        Some(values::decode(raw).into_owned()),
                        "первая строка: ожидается version=\"1.0\"".into(),
                    );
                }
                match enc.as_deref() {
                    Some("windows-1251") => {}
                    Some("utf-8") | Some("utf8") => {
                        self.fatal("V002", 1, 1, "файл объявлен в кодировке UTF-8, а формат требует windows-1251".into());
                    }
                    _ => self.push(
                        Severity::Error,
                        "V001",
                        1,
                        1,
                        String::new(),
                        Some(values::decode(raw).into_owned()),
                        "первая строка должна быть <?xml version=\"1.0\" encoding=\"windows-1251\"?>".into(),
                    ),
                }
            }
            _ => {
                self.push(
                    Severity::Error,
                    "V001",
                    1,
                    1,
                    String::new(),
                    None,
                    "нет первой строки <?xml version=\"1.0\" encoding=\"windows-1251\"?>".into(),
                );
                if let Event::Text(t) = ev {
                    if t.starts_with(b"\xEF\xBB\xBF") {
                        self.fatal(
                            "V002",
                            1,
                            1,
                            "файл начинается с метки порядка байтов UTF-8: файл в кодировке UTF-8"
                                .into(),
                        );
                    }
                }
            }
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, before: u64, empty: bool, one_line: bool) {
        let content: &[u8] = e;
        let base = before + 1;
        let (line, column) = self.pos(content, base, 0);
        let name = e.name().into_inner();
        if self.stack.len() >= self.options.limits.max_depth {
            self.fatal(
                "V012",
                line,
                column,
                format!(
                    "вложенность элементов глубже {}",
                    self.options.limits.max_depth
                ),
            );
            return;
        }
        // Which element is this?
        let elem: Option<(&'static Elem, &'static Compiled)> = if self.stack.is_empty() {
            if self.seen_root {
                self.fatal("V010", line, column, "второй корневой элемент".into());
                return;
            }
            self.seen_root = true;
            if name == "Файл".as_bytes() {
                self.fatal(
                    "V002",
                    line,
                    column,
                    "имена элементов в кодировке UTF-8: файл в UTF-8, а должен быть в windows-1251"
                        .into(),
                );
                return;
            }
            let root = compiled_root();
            if name == root.name.as_slice() {
                Some((&schema::FILE, root))
            } else {
                self.push(
                    Severity::Error,
                    "V020",
                    line,
                    column,
                    String::new(),
                    Some(values::decode(name).into_owned()),
                    "корневой элемент должен быть Файл".into(),
                );
                None
            }
        } else {
            self.child(name, line, column)
        };
        let Some((elem, compiled)) = elem else {
            // Unknown or misplaced: skip its subtree.
            if !empty {
                self.stack.push(Frame {
                    elem: &SKIP,
                    compiled: &SKIP_COMPILED,
                    child: 0,
                    count: 0,
                    index: None,
                    unknown_name: Some(name.to_vec()),
                    line,
                    column,
                });
            }
            return;
        };
        let index = if std::ptr::eq(elem, &schema::DOCUMENT) {
            self.documents += 1;
            Some(self.documents)
        } else {
            None
        };
        self.stack.push(Frame {
            elem,
            compiled,
            child: 0,
            count: 0,
            index,
            unknown_name: None,
            line,
            column,
        });
        self.attributes(e, content, base, elem, compiled, one_line);
        if empty {
            self.end();
        }
    }

    /// Matches an end tag with the open element; `false` (after a fatal
    /// finding) when they differ.
    fn close_tag(&mut self, name: &[u8], before: u64) -> bool {
        let column = before - self.line_start + 1;
        let Some(top) = self.stack.last() else {
            let shown = values::decode(name).into_owned();
            self.fatal(
                "V010",
                self.line,
                column,
                format!("нарушен синтаксис XML: закрывающий тег </{shown}> без открывающего"),
            );
            return false;
        };
        let open: &[u8] = match &top.unknown_name {
            Some(n) => n,
            None => &top.compiled.name,
        };
        if open == name {
            return true;
        }
        let (shown, open) = (
            values::decode(name).into_owned(),
            values::decode(open).into_owned(),
        );
        self.fatal(
            "V010",
            self.line,
            column,
            format!("нарушен синтаксис XML: закрывающий тег </{shown}> не соответствует открытому <{open}>"),
        );
        false
    }

    /// Places a child in the parent's sequence; reports order and cardinality.
    fn child(
        &mut self,
        name: &[u8],
        line: u64,
        column: u64,
    ) -> Option<(&'static Elem, &'static Compiled)> {
        let top = self.stack.last()?;
        if std::ptr::eq(top.elem, &SKIP) {
            return None;
        }
        let parent = top.elem;
        // The usual case first: the same position again or the next ones.
        let start = top.child;
        let c = top.compiled;
        let find = |range: std::ops::Range<usize>| {
            range.into_iter().find_map(|i| {
                c.children[i]
                    .iter()
                    .find(|(n, _, _)| same_name(n, name))
                    .map(|(_, e, ec)| (i, *e, *ec))
            })
        };
        let found = find(start..c.children.len()).or_else(|| find(0..start));
        // Paths and names are built only when there is something to report.
        let (cur, count) = (top.child, top.count);
        let shown = || values::decode(name).into_owned();
        let Some((pos, elem, elem_compiled)) = found else {
            let path = path_of(&self.stack);
            let shown = shown();
            self.push(
                Severity::Error,
                "V020",
                line,
                column,
                path,
                Some(shown.clone()),
                format!("элемент {shown} не предусмотрен форматом в {}", parent.name),
            );
            return None;
        };
        if pos < cur || (pos == cur && count >= parent.children[pos].max) {
            let shown = shown();
            let msg = if pos == cur || (pos < cur && parent.children[pos].max == 1) {
                format!(
                    "элемент {shown} повторяется: допускается не более {}",
                    parent.children[pos].max
                )
            } else {
                format!(
                    "элемент {shown} стоит не на своём месте: порядок элементов в {} — {}",
                    parent.name,
                    order(parent)
                )
            };
            let code = if pos == cur { "V023" } else { "V021" };
            let path = path_of(&self.stack);
            self.push(Severity::Error, code, line, column, path, Some(shown), msg);
            return None;
        }
        // Skipping positions: each skipped one must allow zero occurrences.
        let mut missing = Vec::new();
        for i in cur..pos {
            let have = if i == cur { count } else { 0 };
            if have < parent.children[i].min {
                missing.push(alternatives(&parent.children[i]));
            }
        }
        for m in missing {
            let (path, shown) = (path_of(&self.stack), shown());
            self.push(
                Severity::Error,
                "V022",
                line,
                column,
                path,
                None,
                format!("перед {shown} отсутствует обязательный элемент {m}"),
            );
        }
        if let Some(top) = self.stack.last_mut() {
            if pos != cur {
                top.child = pos;
                top.count = 0;
            }
            top.count += 1;
        }
        Some((elem, elem_compiled))
    }

    fn end(&mut self) {
        let Some(frame) = self.stack.last() else {
            return;
        };
        let elem = frame.elem;
        if !std::ptr::eq(elem, &SKIP) {
            let (cur, count) = (frame.child, frame.count);
            let mut missing = Vec::new();
            for (i, c) in elem.children.iter().enumerate().skip(cur) {
                let have = if i == cur { count } else { 0 };
                if have < c.min {
                    missing.push(alternatives(c));
                }
            }
            let (line, column) = (frame.line, frame.column);
            for m in missing {
                let path = path_of(&self.stack);
                let msg = if m.contains('|') {
                    format!("в {} должен быть ровно один из элементов {m}", elem.name)
                } else {
                    format!("отсутствует обязательный элемент {m}")
                };
                let code = if m.contains('|') { "V024" } else { "V022" };
                self.push(Severity::Error, code, line, column, path, None, msg);
            }
            if std::ptr::eq(elem, &schema::FILE) {
                self.file_closed = true;
            }
        }
        self.stack.pop();
    }

    fn attributes(
        &mut self,
        e: &BytesStart<'_>,
        content: &[u8],
        base: u64,
        elem: &'static Elem,
        c: &'static Compiled,
        one_line: bool,
    ) {
        let mut seen: u64 = 0;
        let mut ctx = Ctx::default();
        let mut n = 0usize;
        let mut next_attr = 0usize;
        // A tag on one line (the usual case): positions are plain arithmetic.
        for a in attrs::Attrs::new(content, e.name().into_inner().len()) {
            n += 1;
            if n > self.options.limits.max_attributes {
                let (l, col) = self.pos(content, base, 0);
                self.fatal(
                    "V012",
                    l,
                    col,
                    format!(
                        "у элемента больше {} атрибутов",
                        self.options.limits.max_attributes
                    ),
                );
                return;
            }
            let a = match a {
                Ok(a) => a,
                Err(err) => {
                    let (l, col) = self.pos(content, base, err.offset);
                    self.fatal(
                        "V010",
                        l,
                        col,
                        format!("нарушен синтаксис XML: {}", err.message),
                    );
                    return;
                }
            };
            let key = a.key;
            let at_off = a.offset;
            let (line, column) = if one_line {
                (self.line, base + at_off as u64 - self.line_start + 1)
            } else {
                self.pos(content, base, at_off)
            };
            let raw: &[u8] = a.value;
            // Attributes come in the schema's order, some left out: search
            // forward from the last one first.
            let ahead = c.attrs.get(next_attr..).unwrap_or_default();
            let found = match ahead.iter().position(|n| same_name(n, key)) {
                Some(i) => Some(next_attr + i),
                None => c.attrs.iter().position(|n| same_name(n, key)),
            };
            let Some(idx) = found else {
                let shown = values::decode(key).into_owned();
                let path = path_of(&self.stack);
                self.push(
                    Severity::Error,
                    "V030",
                    line,
                    column,
                    format!("{path}/@{shown}"),
                    None,
                    format!("атрибут {shown} не предусмотрен форматом у {}", elem.name),
                );
                continue;
            };
            let def = &elem.attrs[idx];
            let apath = |stack: &[Frame]| format!("{}/@{}", path_of(stack), def.name);
            if seen & (1 << idx) != 0 {
                let path = apath(&self.stack);
                self.push(
                    Severity::Error,
                    "V010",
                    line,
                    column,
                    path,
                    None,
                    format!("атрибут {} повторяется", def.name),
                );
                continue;
            }
            seen |= 1 << idx;
            next_attr = idx + 1;
            if let Some((code, msg)) = values::check(def.ty, raw) {
                let value = values::unescape(raw)
                    .map(|v| v.into_owned())
                    .unwrap_or_else(|_| values::decode(raw).into_owned());
                let path = apath(&self.stack);
                self.push(Severity::Error, code, line, column, path, Some(value), msg);
            } else {
                let role = c.roles[idx];
                if role != Role::Plain {
                    self.remember(role, def.name, raw, &mut ctx, line, column);
                }
            }
        }
        for (i, a) in elem.attrs.iter().enumerate() {
            if a.required && seen & (1 << i) == 0 {
                let (l, col) = self.pos(content, base, 0);
                let path = path_of(&self.stack);
                self.push(
                    Severity::Error,
                    "V031",
                    l,
                    col,
                    format!("{path}/@{}", a.name),
                    None,
                    format!("отсутствует обязательный атрибут {}", a.name),
                );
            }
        }
        let (l, col) = if one_line {
            (self.line, base - self.line_start + 1)
        } else {
            self.pos(content, base, 0)
        };
        self.cross_checks(elem, &ctx, l, col);
    }

    #[allow(clippy::too_many_arguments)]
    fn remember<'c>(
        &mut self,
        role: Role,
        name: &'static str,
        raw: &'c [u8],
        ctx: &mut Ctx<'c>,
        line: u64,
        column: u64,
    ) {
        let text = || values::unescape(raw).unwrap_or_default();
        match role {
            Role::Plain => {}
            Role::NotAfterFileDate => {
                let (Some(limit), Ok(d)) = (self.file_date, gtn_model::FnsDate::parse(&text()))
                else {
                    return;
                };
                if d.date() > limit {
                    let path = format!("{}/@{name}", path_of(&self.stack));
                    self.push(
                        Severity::Error,
                        "V044",
                        line,
                        column,
                        path,
                        Some(text().into_owned()),
                        format!(
                            "дата позже даты формирования файла {}",
                            limit.format("%d.%m.%Y")
                        ),
                    );
                }
            }
            Role::DocId => self.doc_id(raw, line),
            Role::Operation => ctx.operation = Some(text()),
            Role::PreviousPlate => ctx.previous_plate = true,
            Role::PowerHp => ctx.hp = Some(text()),
            Role::PowerKw => ctx.kw = Some(text()),
            Role::DocCode => ctx.doc_code = Some(text()),
            Role::DocNumber => ctx.doc_number = Some(text()),
            Role::InfoType => ctx.info_year = Some(text() == INFO_YEAR),
            Role::ReportYear => ctx.report_year = true,
            Role::FileId => ctx.file_id = Some(text()),
            Role::DocCount => {
                ctx.doc_count = text().parse().ok();
                self.declared_count = ctx.doc_count.map(|n| (n, line, column));
            }
        }
    }

    /// Remembers an ИдДок; a value the filter may have seen is a candidate
    /// for the exact check.
    fn doc_id(&mut self, raw: &[u8], line: u64) {
        if self.bloom.insert(raw) {
            if self.id_candidates.len() < self.options.limits.max_id_candidates {
                self.id_candidates
                    .push((values::decode(raw).into_owned(), line));
            } else {
                self.candidates_overflow = true;
            }
        }
    }

    /// Path of attribute `name` of the current element.
    fn at_path(&self, name: &str) -> String {
        format!("{}/@{name}", path_of(&self.stack))
    }

    fn cross_checks(&mut self, elem: &'static Elem, ctx: &Ctx<'_>, line: u64, column: u64) {
        if std::ptr::eq(elem, &schema::FILE) {
            {
                if let Some(year) = ctx.info_year {
                    if year != ctx.report_year {
                        let msg = if year {
                            "ГодПериодОтч обязателен при ТипИнф = ГОСТЕХНАДЗОР_ТС_ГОД"
                        } else {
                            "ГодПериодОтч указывается только при ТипИнф = ГОСТЕХНАДЗОР_ТС_ГОД"
                        };
                        self.push(
                            Severity::Error,
                            "0400300003",
                            line,
                            column,
                            self.at_path(at::REPORT_YEAR),
                            None,
                            msg.into(),
                        );
                    }
                }
                if let (Some(id), Some(name)) = (&ctx.file_id, &self.file_name) {
                    let stem = name.get(..name.len().saturating_sub(4)).unwrap_or(name);
                    if id != stem {
                        let msg = format!("Имя файла обмена «{stem}» не совпадает со значением элемента ИдФайл «{id}»");
                        self.push(
                            Severity::Error,
                            "0400400007",
                            line,
                            column,
                            self.at_path(at::FILE_ID),
                            Some(id.to_string()),
                            msg,
                        );
                    }
                }
                if self.file_date.is_none() {
                    if let Some(id) = &ctx.file_id {
                        self.file_date = FileName::parse(&format!("{id}.xml")).ok().map(|n| n.date);
                    }
                }
            }
        } else if std::ptr::eq(elem, &schema::MACHINE) {
            {
                if let Some(op) = &ctx.operation {
                    if let Some(c) = dict::operations().get(op) {
                        if c.replaces_plate == PlateReplacement::Yes && !ctx.previous_plate {
                            self.push(
                                Severity::Error,
                                "0400300003",
                                line,
                                column,
                                self.at_path(at::PREVIOUS_PLATE),
                                None,
                                format!("ПредГосРегЗн обязателен для операции {op} ({}), связанной с заменой регистрационного знака", c.name),
                            );
                        }
                    }
                }
                if let (Some(hp), Some(kw)) = (
                    ctx.hp.as_deref().and_then(values::micros),
                    ctx.kw.as_deref().and_then(values::micros),
                ) {
                    let p = EnginePower {
                        hp: Decimal6::from_micros(hp),
                        kw: Decimal6::from_micros(kw),
                    };
                    if !p.is_consistent() {
                        let expected = EnginePower::from_hp(p.hp).kw;
                        self.push(
                            Severity::Warning,
                            "V045",
                            line,
                            column,
                            self.at_path(at::POWER_KW),
                            Some(p.kw.to_string()),
                            format!("МощДвКвт не соответствует МощДвЛС = {}: ожидается около {expected} (1 л.с. = 0,73549875 кВт)", p.hp),
                        );
                    }
                }
            }
        } else if std::ptr::eq(elem, &schema::IDENTITY_DOC) {
            {
                if let (Some(code), Some(number)) = (&ctx.doc_code, &ctx.doc_number) {
                    if let Ok(code) = DocCode::parse(code) {
                        if let Some(t) = code.template() {
                            let ok = DocSeriesNumber::parse(code, number)
                                .map(|n| n.as_str() == number.as_ref())
                                .unwrap_or(false);
                            if !ok {
                                self.push(
                                    Severity::Error,
                                    "V043",
                                    line,
                                    column,
                                    self.at_path(at::DOC_NUMBER),
                                    Some(number.to_string()),
                                    format!("СерНомДок не соответствует шаблону «{t}» для КодВидДок {code} (справочник СПДУЛ)"),
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    /// Second pass, only when the filter saw possible repeats: find exact
    /// repeats among the candidates.
    fn candidate_set(&mut self) -> HashSet<Vec<u8>> {
        let set = self
            .id_candidates
            .iter()
            .map(|(id, _)| to_1251(id))
            .collect();
        self.id_candidates.clear();
        set
    }

    /// Reports every occurrence of a value after its first, in file order.
    fn report_duplicates(&mut self, occurrences: Vec<(Vec<u8>, u64)>) {
        let mut first: HashMap<Vec<u8>, u64> = HashMap::new();
        for (v, line) in occurrences {
            if let Some(&l0) = first.get(&v) {
                let id = values::decode(&v).into_owned();
                self.push(
                    Severity::Error,
                    "V047",
                    line,
                    0,
                    format!("{}/{}/@{}", el::FILE, el::DOCUMENT, at::DOC_ID),
                    Some(id),
                    format!("ИдДок повторяется: уже был в строке {l0}"),
                );
            } else {
                first.insert(v, line);
            }
        }
    }

    /// Checks that need the whole file: КолДок.
    fn close_file(&mut self) {
        if !self.file_closed {
            return;
        }
        if let Some((n, l, c)) = self.declared_count {
            if n != self.documents {
                self.push(
                    Severity::Error,
                    "V046",
                    l,
                    c,
                    format!("{}/@{}", el::FILE, at::DOC_COUNT),
                    Some(n.to_string()),
                    format!("КолДок = {n}, а элементов Документ {}", self.documents),
                );
            }
        }
    }

    fn finish(mut self) -> Report {
        self.close_file();
        if self.candidates_overflow && !self.report.stopped {
            self.push(
                Severity::Warning,
                "V047",
                0,
                0,
                format!("{}/{}/@{}", el::FILE, el::DOCUMENT, at::DOC_ID),
                None,
                format!("ИдДок повторяется слишком часто: точно проверены первые {} возможных повторов, остальные не проверялись", self.options.limits.max_id_candidates),
            );
        }
        self.report.documents = self.documents;
        self.report.parts = self.report.parts.max(1);
        self.report.findings.sort_by_key(|f| (f.line, f.column));
        self.report
    }
}

/// Occurrences of the candidate ИдДок values in a stream, in order, with
/// their lines (from 1).
fn scan_ids<R: BufRead>(input: R, candidates: &HashSet<Vec<u8>>) -> Vec<(Vec<u8>, u64)> {
    let mut reader = Reader::from_reader(input);
    {
        let c = reader.config_mut();
        c.check_end_names = false;
        c.allow_unmatched_ends = true;
    }
    let doc = to_1251(el::DOCUMENT);
    let key = to_1251(at::DOC_ID);
    let mut buf = Vec::new();
    let mut line = 1u64;
    let mut found = Vec::new();
    loop {
        let ev = reader.read_event_into(&mut buf);
        let content: &[u8] = match &ev {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                if e.name().into_inner() == doc.as_slice() {
                    let n = e.name().into_inner().len();
                    let value = attrs::Attrs::new(e, n)
                        .map_while(Result::ok)
                        .find(|a| a.key == key.as_slice())
                        .map(|a| a.value);
                    if let Some(v) = value.filter(|v| candidates.contains(*v)) {
                        found.push((v.to_vec(), line));
                    }
                }
                e
            }
            Ok(Event::Text(t)) => t,
            Ok(Event::End(t)) => t,
            Ok(Event::Comment(t)) => t,
            Ok(Event::CData(t)) => t,
            Ok(Event::PI(t)) => t,
            Ok(Event::Decl(t)) => t,
            Ok(Event::DocType(t)) => t,
            Ok(Event::Eof) | Err(_) => break,
        };
        line += memchr::memchr_iter(b'\n', content).count() as u64;
        buf.clear();
    }
    found
}

/// Placeholder frame for the subtree of an unknown element.
static SKIP: Elem = Elem {
    name: "?",
    attrs: &[],
    children: &[],
};

fn alternatives(c: &schema::Child) -> String {
    c.elems
        .iter()
        .map(|e| e.name)
        .collect::<Vec<_>>()
        .join(" | ")
}

fn order(e: &Elem) -> String {
    e.children
        .iter()
        .map(alternatives)
        .collect::<Vec<_>>()
        .join(", ")
}
