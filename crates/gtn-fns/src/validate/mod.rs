//! The streaming validator of exchange files: everything the format says,
//! beyond what an XSD validator checks, at the speed of reading the file.
//!
//! The file is read once, as windows-1251 bytes: the usual tokens (tags
//! in the plain syntax, text) by our own tokenizer (`scan.rs`), the rest
//! (declaration, comments, PIs, CDATA, DOCTYPE, broken syntax) by quick-xml
//! from the same place; names are compared as bytes and values are decoded
//! only when a check needs text.
//! Memory stays flat: the only state that grows with the file is a fixed
//! 8 MiB filter for the uniqueness of ИдДок (a Bloom filter, with an exact second pass on a hit).

mod attrs;
pub(crate) mod bloom;
mod chunks;
mod limits;
mod lines;
mod pi;
mod progress;
mod scan;
mod values;

pub use crate::format::rules::Severity;
pub use limits::Limits;

use crate::file_name::FileName;
use crate::format::rules::{self, CONDITION};
use crate::format::{self, Elem, Ty, Version};
use crate::names::{at, el, to_1251, INFO_YEAR};
use bloom::Bloom;
use chrono::NaiveDate;
use gtn_model::{Decimal6, DocCode, DocSeriesNumber, EnginePower};
use limits::{Hit, LimitedReader};
use progress::Counted;
pub use progress::Progress;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use scan::RawAttr;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::path::Path;
use std::sync::OnceLock;

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

/// Receives the findings of a check as they are found, in the order of
/// the report. Any `FnMut(Finding)` is a sink.
pub trait FindingSink {
    /// One finding.
    fn finding(&mut self, finding: Finding);
}

impl<F: FnMut(Finding)> FindingSink for F {
    fn finding(&mut self, finding: Finding) {
        self(finding)
    }
}

/// The outcome of a check whose findings went to a [`FindingSink`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Имя файла, если известно.
    pub file: Option<String>,
    /// Число ошибок.
    pub errors: usize,
    /// Число предупреждений.
    pub warnings: usize,
    /// Число элементов Документ.
    pub documents: u64,
    /// Проверка прервана (неисправимая ошибка или предел --max-errors).
    pub stopped: bool,
    /// Прочитано байт.
    pub bytes: u64,
    /// Parts of the file checked at once (1: one pass).
    pub parts: usize,
}

impl Summary {
    /// `true` when there is no error.
    pub fn is_valid(&self) -> bool {
        self.errors == 0
    }

    fn with(self, findings: Vec<Finding>) -> Report {
        Report {
            file: self.file,
            findings,
            documents: self.documents,
            stopped: self.stopped,
            bytes: self.bytes,
            parts: self.parts,
        }
    }
}

/// Итог проверки одного файла.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Имя файла, если известно.
    pub file: Option<String>,
    /// Замечания в порядке, в каком они найдены: по файлу, затем то, что
    /// известно лишь в конце (КолДок, повторы ИдДок).
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
    /// Stop after this many errors (`None` or `Some(0)`: report all).
    pub max_errors: Option<usize>,
    /// Resource limits.
    pub limits: Limits,
    /// Threads for a large file on disk (`0`: one per processor). A file is
    /// cut into parts at the starts of Документ elements, the parts are
    /// checked at once, and the findings are the same as with one thread.
    pub threads: usize,
    /// Smallest part of a file given to a thread, bytes (`0`: 8 MiB).
    pub part_size: u64,
    /// Counters of bytes read and documents met, for a caller that shows
    /// progress from another thread (`gtn validate` on a terminal).
    pub progress: Option<std::sync::Arc<Progress>>,
}

/// Validates a file on disk: its name, then its content; the findings are
/// collected into the report. See [`validate_path_to`] to receive them as
/// they are found.
pub fn validate_path(path: &Path, options: &Options) -> std::io::Result<Report> {
    let mut findings = Vec::new();
    let summary = validate_path_to(path, options, &mut |f| findings.push(f))?;
    Ok(summary.with(findings))
}

/// Validates a file on disk and hands each finding to `sink` as it is
/// found. Memory does not grow with the number of findings: one pass
/// streams them; a file checked in parts keeps at most
/// [`PART_FINDINGS`] findings per part until the parts before it are done
/// (a part that finds more is abandoned and the file is checked in one
/// pass). A second pass over the file is made only if the ИдДок filter saw
/// a possible repeat, to say exactly which identifiers repeat and where.
pub fn validate_path_to(
    path: &Path,
    options: &Options,
    sink: &mut dyn FindingSink,
) -> std::io::Result<Summary> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let f = std::fs::File::open(path)?;
    let size = f.metadata()?.len();
    if let Some(cuts) = chunks::plan(path, size, options)? {
        let bloom = Bloom::for_bytes(size);
        if let Some(mut v) = chunks::validate(path, name.as_deref(), &cuts, options, &bloom)? {
            v.drain(sink);
            return finish_path(v, path, sink);
        }
    }
    // One pass from the start (also when a part did not end where it had
    // to: the sequential pass then says what is wrong).
    let bloom = Bloom::for_bytes(size);
    let mut v = Validator::new(name.as_deref(), options, &bloom);
    let to = options.progress.as_deref();
    if let Some(p) = to {
        p.restart();
    }
    let input = Counted { inner: &f, to };
    v.run(
        std::io::BufReader::with_capacity(scan::PIECE, input),
        Some(sink),
    );
    v.plan = vec![(0, None, 0)];
    finish_path(v, path, sink)
}

/// Findings a part of a file checked at once may hold until the parts
/// before it are done.
pub const PART_FINDINGS: usize = 4096;

/// The exact pass over ИдДок, when the filter saw possible repeats: over the
/// same ranges as the first pass, at once.
fn finish_path(
    v: Validator<'_>,
    path: &Path,
    sink: &mut dyn FindingSink,
) -> std::io::Result<Summary> {
    finish_confirming(v, sink, |v, candidates| {
        chunks::scan_parts(path, &v.plan, candidates)
    })
}

/// Closes the file, hands the findings so far to `sink`, and, if the ИдДок
/// filter saw possible repeats, confirms them with `scan` (a second read of
/// the same bytes) before the last findings.
fn finish_confirming<E>(
    mut v: Validator<'_>,
    sink: &mut dyn FindingSink,
    scan: impl FnOnce(&Validator<'_>, &HashSet<Vec<u8>>) -> Result<Vec<(Vec<u8>, u64)>, E>,
) -> Result<Summary, E> {
    v.close_file();
    v.drain(sink);
    if !v.id_candidates.is_empty() && !v.report.stopped {
        let candidates = v.candidate_set();
        let found = scan(&v, &candidates)?;
        v.report_duplicates(found);
    }
    Ok(v.finish(sink))
}

/// Validates a stream, collecting the findings. `file_name` (without
/// folder) enables the checks of the name; possible repeats of ИдДок are
/// reported as warnings, since the stream cannot be read again to confirm them.
pub fn validate_reader<R: BufRead>(
    file_name: Option<&str>,
    reader: R,
    options: &Options,
) -> Report {
    let mut findings = Vec::new();
    let summary = validate_reader_to(file_name, reader, options, &mut |f| findings.push(f));
    summary.with(findings)
}

/// Validates a file held in memory, collecting the findings: the same
/// report as [`validate_path`] in one pass on the same bytes under the same
/// name (`file_name`, without folder, enables the checks of the name).
/// Possible repeats of ИдДок are confirmed by a second pass over the bytes,
/// so they are errors, as on disk, not the warnings of [`validate_reader`].
pub fn validate_bytes(file_name: Option<&str>, bytes: &[u8], options: &Options) -> Report {
    let mut findings = Vec::new();
    let summary = {
        let mut sink = |f| findings.push(f);
        let bloom = Bloom::for_bytes(bytes.len() as u64);
        let mut v = Validator::new(file_name, options, &bloom);
        // Through the same 32 KiB buffer as a file: the limit on a token's
        // size is enforced per buffer fill, and a slice would give the whole
        // file in one fill.
        v.run(
            std::io::BufReader::with_capacity(scan::PIECE, bytes),
            Some(&mut sink),
        );
        // Reading a slice cannot fail: the scan's error type is Infallible.
        let Ok(summary) = finish_confirming(v, &mut sink, |_, candidates| {
            Ok::<_, std::convert::Infallible>(scan_ids(
                std::io::BufReader::with_capacity(1 << 15, bytes),
                candidates,
            ))
        });
        summary
    };
    summary.with(findings)
}

/// Validates a stream, handing each finding to `sink` as it is found.
pub fn validate_reader_to<R: BufRead>(
    file_name: Option<&str>,
    reader: R,
    options: &Options,
    sink: &mut dyn FindingSink,
) -> Summary {
    // Read in the same pieces whether progress is counted or not, so the
    // report cannot depend on it (a limit's position, for one).
    let counted = Counted {
        inner: reader,
        to: options.progress.as_deref(),
    };
    let input = std::io::BufReader::with_capacity(scan::PIECE, counted);
    stream(file_name, input, options, &Bloom::default(), sink)
}

fn stream<R: BufRead>(
    file_name: Option<&str>,
    reader: R,
    options: &Options,
    bloom: &Bloom,
    sink: &mut dyn FindingSink,
) -> Summary {
    let mut v = Validator::new(file_name, options, bloom);
    v.run(reader, Some(sink));
    v.close_file();
    for (id, line) in std::mem::take(&mut v.id_candidates) {
        v.push(
            Severity::Warning,
            rules::DOC_ID,
            line,
            0,
            format!("{}/{}/@{}", el::FILE, el::DOCUMENT, at::DOC_ID),
            Some(id),
            "ИдДок, возможно, повторяется (точно проверяется при проверке файла на диске)".into(),
        );
    }
    v.finish(sink)
}

/// Compiled names: windows-1251 bytes of every element and attribute, and
/// each child's own compiled entry, so that no look-up happens per element.
struct Compiled {
    name: Vec<u8>,
    /// What the element means to the checks across attributes.
    kind: Kind,
    /// The attributes, in the schema's order (that of `Elem::attrs`).
    slots: Vec<Slot>,
    /// Bit i: attribute i is required (all bits past the 64th).
    required: u64,
    children: Vec<Vec<(Vec<u8>, &'static Elem, &'static Compiled)>>,
}

/// One attribute of an element, compiled: everything the check of its
/// value needs, decided once per process, so that the usual attribute
/// costs one name comparison and one `match`.
struct Slot {
    /// The name in windows-1251.
    name: Vec<u8>,
    /// The [`NameKey`] of `name`.
    key: NameKey,
    def: &'static format::Attr,
    /// What the attribute means to the checks across attributes.
    role: Role,
    plan: Plan,
}

/// The usual path of an attribute's value (see [`Validator::attributes`]):
/// what the general path would do on the usual value, done directly; any
/// value off that path takes the general one, which decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plan {
    /// A text whose value no check across attributes reads (role Plain,
    /// DocId, PreviousPlate): its length (min, max), counted on the bytes
    /// when nothing in it needs resolving.
    Length(usize, usize),
    /// ДатаТип, read from the bytes when written the usual way.
    Date,
    /// A type [`values::quick_valid`] reads: a value valid as written is
    /// done (and remembered, for a role).
    Quick,
    /// The general path only.
    General,
}

impl Plan {
    fn of(ty: Ty, role: Role) -> Plan {
        match (ty, role) {
            (Ty::Text(min, max), Role::Plain | Role::DocId | Role::PreviousPlate) => {
                Plan::Length(usize::from(min), usize::from(max))
            }
            (Ty::Date, _) => Plan::Date,
            _ if values::quick_valid_reads(ty) => Plan::Quick,
            _ => Plan::General,
        }
    }
}

/// Elements the checks across attributes look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Other,
    File,
    Document,
    Machine,
    IdentityDoc,
}

impl Kind {
    /// Elements with checks across their attributes
    /// ([`Validator::cross_checks`]): no call for the others.
    fn cross_checked(self) -> bool {
        matches!(self, Kind::File | Kind::Machine | Kind::IdentityDoc)
    }
}

/// The compiled form of a version's root Файл and, through it, of every
/// element. Built once per process and version; the tree is small (a few
/// KiB) and lives as long as the program.
fn compiled_root(version: &'static Version) -> &'static Compiled {
    static ROOTS: OnceLock<Vec<&'static Compiled>> = OnceLock::new();
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
        let kind = match e.name {
            el::FILE => Kind::File,
            el::DOCUMENT => Kind::Document,
            el::MACHINE => Kind::Machine,
            el::IDENTITY_DOC => Kind::IdentityDoc,
            _ => Kind::Other,
        };
        let slots = e
            .attrs
            .iter()
            .map(|a| {
                let name = to_1251(a.name);
                let role = Role::of(kind, a);
                Slot {
                    key: NameKey::of(&name),
                    name,
                    def: a,
                    role,
                    plan: Plan::of(a.ty, role),
                }
            })
            .collect();
        let c: &'static Compiled = Box::leak(Box::new(Compiled {
            name: to_1251(e.name),
            kind,
            slots,
            required: e.attrs.iter().enumerate().filter(|(_, a)| a.required).fold(
                0,
                |m, (i, _)| {
                    m | u32::try_from(i)
                        .ok()
                        .and_then(|i| 1u64.checked_shl(i))
                        .unwrap_or(u64::MAX)
                },
            ),
            children,
        }));
        memo.insert(key, c);
        c
    }
    let roots = ROOTS.get_or_init(|| {
        let mut memo = HashMap::new();
        format::VERSIONS
            .iter()
            .map(|v| build(v.root, &mut memo))
            .collect()
    });
    let i = format::VERSIONS
        .iter()
        .position(|v| std::ptr::eq(*v, version))
        .unwrap_or(0);
    roots[i]
}

/// What an attribute means to the checks that look at more than one value,
/// decided once per process, so that no name is compared per attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Plain,
    /// Dates not after the file's date (V044).
    NotAfterFileDate,
    DocId,
    Operation,
    PreviousPlate,
    PowerHp,
    PowerKw,
    YearOfManufacture,
    DocCode,
    DocNumber,
    InfoType,
    ReportYear,
    FileId,
    DocCount,
    FormatVersion,
}

impl Role {
    fn of(kind: Kind, a: &format::Attr) -> Role {
        match (kind, a.name) {
            (_, _) if a.ty == Ty::Date => Role::NotAfterFileDate,
            (Kind::Document, at::DOC_ID) => Role::DocId,
            (Kind::Machine, at::OPERATION) => Role::Operation,
            (Kind::Machine, at::PREVIOUS_PLATE) => Role::PreviousPlate,
            (Kind::Machine, at::POWER_HP) => Role::PowerHp,
            (Kind::Machine, at::POWER_KW) => Role::PowerKw,
            (Kind::Machine, at::YEAR) => Role::YearOfManufacture,
            (Kind::IdentityDoc, at::DOC_CODE) => Role::DocCode,
            (Kind::IdentityDoc, at::DOC_NUMBER) => Role::DocNumber,
            (Kind::File, at::INFO_TYPE) => Role::InfoType,
            (Kind::File, at::REPORT_YEAR) => Role::ReportYear,
            (Kind::File, at::FILE_ID) => Role::FileId,
            (Kind::File, at::DOC_COUNT) => Role::DocCount,
            (Kind::File, at::FORMAT_VERSION) => Role::FormatVersion,
            _ => Role::Plain,
        }
    }

    /// Roles that need the attribute's presence only: remembered even when
    /// its value is malformed.
    fn presence(self) -> bool {
        matches!(self, Role::PreviousPlate | Role::ReportYear)
    }
}

/// Compiled placeholder for the subtree of an unknown element.
static SKIP_COMPILED: Compiled = Compiled {
    name: Vec::new(),
    kind: Kind::Other,
    slots: Vec::new(),
    required: 0,
    children: Vec::new(),
};

#[derive(Clone)]
struct Frame {
    elem: &'static Elem,
    compiled: &'static Compiled,
    /// Position in `elem.children` and occurrences there.
    child: usize,
    count: u32,
    /// Index for the path (`Документ[n]`).
    index: Option<u64>,
    /// The name of an element outside the format, to match its end tag.
    unknown_name: Option<Vec<u8>>,
    line: u64,
    column: u64,
}

/// Values of one element needed by checks across attributes, borrowed
/// from the tag (no copy per document), made text only where a check
/// reads them as text.
#[derive(Default)]
struct Ctx<'c> {
    operation: Option<Text<'c>>,
    previous_plate: bool,
    hp: Option<Text<'c>>,
    kw: Option<Text<'c>>,
    doc_code: Option<Text<'c>>,
    doc_number: Option<Text<'c>>,
    info_year: Option<bool>,
    /// ГодПериодОтч present, with its year when valid.
    report_year: Option<Option<i64>>,
    file_id: Option<Text<'c>>,
    doc_count: Option<u64>,
}

/// An attribute's value as bytes and their [`values::Class`], made text
/// when it is read.
#[derive(Clone, Copy)]
struct Text<'c> {
    raw: &'c [u8],
    class: values::Class,
}

impl<'c> Text<'c> {
    /// The value as text: as it is when plain ([`values::Class::plain`]),
    /// else with its references resolved (what [`values::unescape`] gives
    /// a plain value too: the same text either way).
    fn text(self) -> Cow<'c, str> {
        match self.class.plain(self.raw) {
            Some(v) => Cow::Borrowed(v),
            None => values::unescape(self.raw).unwrap_or_default(),
        }
    }
}

/// An attribute's value for [`Validator::remember`]: the bytes and their
/// class, the date when its check read one.
struct Value<'c> {
    text: Text<'c>,
    date: Option<gtn_model::FnsDate>,
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
    /// The version of the format (from ВерсФорм; the latest until it is read).
    version: &'static Version,
    /// Errors and warnings found so far (emitted or not).
    errors: usize,
    warnings: usize,
    /// A part of a file: keep at most this many findings (then stop: the
    /// file is checked in one pass instead).
    bound: Option<usize>,
    /// The bound was reached.
    overflow: bool,
    /// Namespace declarations in scope: depth of the element, prefix (empty:
    /// default namespace), URI.
    ns: Vec<(usize, Vec<u8>, Vec<u8>)>,
    /// КолДок checked.
    count_checked: bool,
    /// A tag over several lines whose lines the tokenizer counted, or
    /// whose attributes were all read: the line it ends on and where that
    /// line starts (its lines already counted).
    tag_end: Option<(u64, u64)>,
    /// The last date [`values::quick_date`] read, with its bytes: the
    /// dates of a document often repeat (ДатаОпер, ДатаВыдРегДок, ДатаРег).
    last_date: Option<([u8; 10], gtn_model::FnsDate)>,
}

/// Equality of two short names: names are compared millions of times, and
/// a call to `memcmp` costs more than the comparison. Names of 4 to 16
/// bytes (the format's, in windows-1251) are compared as two words that
/// overlap (their first and last 4 or 8 bytes), shorter ones byte by byte.
fn same_name(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let w8 = |s: &[u8], i: usize| {
        u64::from_ne_bytes(
            s.get(i..i + 8)
                .and_then(|c| c.try_into().ok())
                .unwrap_or([0; 8]),
        )
    };
    let w4 = |s: &[u8], i: usize| {
        u32::from_ne_bytes(
            s.get(i..i + 4)
                .and_then(|c| c.try_into().ok())
                .unwrap_or([0; 4]),
        )
    };
    match n {
        8..=16 => w8(a, 0) == w8(b, 0) && w8(a, n - 8) == w8(b, n - 8),
        4..=7 => w4(a, 0) == w4(b, 0) && w4(a, n - 4) == w4(b, n - 4),
        0..=3 => a.iter().zip(b).all(|(x, y)| x == y),
        _ => a == b,
    }
}

/// The position among the children of `c` (from `start` to the last,
/// then from the first) and the entry of the child named `name`. A plain
/// loop: it runs for every start tag, and the usual child is at `start`
/// or just after.
fn find_child(
    c: &'static Compiled,
    start: usize,
    name: &[u8],
) -> Option<(usize, &'static Elem, &'static Compiled)> {
    let groups = &c.children;
    let mut i = start;
    for _ in 0..groups.len() {
        if i >= groups.len() {
            i = 0;
        }
        for (n, e, ec) in &groups[i] {
            if same_name(n, name) {
                return Some((i, *e, *ec));
            }
        }
        i += 1;
    }
    None
}

/// A name as its length and two words that hold all its bytes when it has
/// at most 16 (the first and last 8, or 4, overlapping; up to 3 bytes in
/// one word): the key of an attribute's name is made once per attribute
/// and compared with the compiled keys of the element, word by word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct NameKey {
    len: usize,
    head: u64,
    tail: u64,
}

impl NameKey {
    fn of(s: &[u8]) -> NameKey {
        let n = s.len();
        let w8 = |i: usize| {
            u64::from_le_bytes(
                s.get(i..i + 8)
                    .and_then(|c| c.try_into().ok())
                    .unwrap_or([0; 8]),
            )
        };
        let w4 = |i: usize| {
            u64::from(u32::from_le_bytes(
                s.get(i..i + 4)
                    .and_then(|c| c.try_into().ok())
                    .unwrap_or([0; 4]),
            ))
        };
        let (head, tail) = match n {
            8.. => (w8(0), w8(n - 8)),
            4..=7 => (w4(0), w4(n - 4)),
            _ => (s.iter().fold(0, |w, &b| w << 8 | u64::from(b)), 0),
        };
        NameKey { len: n, head, tail }
    }

    /// `name` (whose key this is) and `other` (whose key is `key`) are the
    /// same name: equal keys are equal names up to 16 bytes; longer names
    /// are compared whole.
    fn same(self, name: &[u8], key: NameKey, other: &[u8]) -> bool {
        self == key && (self.len <= 16 || name == other)
    }
}

/// The XMLDecl production of XML 1.0 on the declaration's content
/// (between `<?` and `?>`): `xml`, VersionInfo, EncodingDecl?, SDDecl?, S?.
fn xml_decl(d: &[u8]) -> bool {
    let Some(mut rest) = d.strip_prefix(b"xml") else {
        return false;
    };
    let space = |r: &[u8]| {
        r.iter()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
            .count()
    };
    let mut seen = 0;
    for (i, name) in [&b"version"[..], b"encoding", b"standalone"]
        .into_iter()
        .enumerate()
    {
        let s = space(rest);
        let after = &rest[s..];
        let Some(r) = after.strip_prefix(name) else {
            if i == 0 {
                return false;
            }
            continue;
        };
        if s == 0 || (i as i32) < seen {
            return false;
        }
        let r = &r[space(r)..];
        let Some(r) = r.strip_prefix(b"=") else {
            return false;
        };
        let r = &r[space(r)..];
        let Some((&q, r)) = r.split_first().filter(|(q, _)| matches!(q, b'"' | b'\'')) else {
            return false;
        };
        let Some(end) = r.iter().position(|&b| b == q) else {
            return false;
        };
        let value = &r[..end];
        let ok = match i {
            0 => {
                value.len() > 2
                    && value.starts_with(b"1.")
                    && value[2..].iter().all(u8::is_ascii_digit)
            }
            1 => {
                value.first().is_some_and(u8::is_ascii_alphabetic)
                    && value
                        .iter()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
            }
            _ => value == b"yes" || value == b"no",
        };
        if !ok {
            return false;
        }
        rest = &r[end + 1..];
        seen = i as i32 + 1;
    }
    rest[space(rest)..].is_empty()
}

/// XML white space (S): space, TAB, LF, CR — not form feed, which
/// `u8::is_ascii_whitespace` also takes and XML forbids.
fn xml_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Blank text (XML white space only) in the open element of `stack` is
/// nothing to the checks: outside the root, in a subtree skipped, or in an
/// element whose content is elements (only one that must be empty refuses it).
fn blank_is_silent(stack: &[Frame]) -> bool {
    stack
        .last()
        .is_none_or(|top| std::ptr::eq(top.elem, &SKIP) || !top.elem.children.is_empty())
}

fn top_name(stack: &[Frame]) -> &'static str {
    stack.last().map_or("", |f| f.elem.name)
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
            version: format::latest(),
            errors: 0,
            warnings: 0,
            bound: None,
            overflow: false,
            ns: Vec::new(),
            count_checked: false,
            tag_end: None,
            last_date: None,
        };
        if let Some(n) = file_name {
            match FileName::parse(n) {
                Ok(p) => {
                    v.file_date = Some(p.date);
                    v.parsed_name = Some(p);
                }
                Err(e) => v.push(
                    Severity::Error,
                    rules::FILE_NAME,
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
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
        if let Some(max) = self.options.max_errors.filter(|&m| m > 0) {
            if severity == Severity::Error && self.errors >= max {
                self.report.stopped = true;
            }
        }
        if self.bound.is_some_and(|b| self.report.findings.len() > b) {
            self.overflow = true;
            self.report.stopped = true;
        }
    }

    /// Hands the findings kept so far to `sink`.
    fn drain(&mut self, sink: &mut dyn FindingSink) {
        for f in self.report.findings.drain(..) {
            sink.finding(f);
        }
        self.marks.clear();
    }

    fn fatal(&mut self, code: &'static str, line: u64, column: u64, message: String) {
        let path = path_of(&self.stack);
        self.push(Severity::Error, code, line, column, path, None, message);
        self.report.stopped = true;
        self.fatal_seen = true;
    }

    /// Line and column of byte `i` of `content`, which starts at file offset `base`
    /// (counted from the start of `content`: for many positions going
    /// forward in one piece, [`lines::LineCursor`] counts each byte once).
    fn pos(&self, content: &[u8], base: u64, i: usize) -> (u64, u64) {
        if i == 0 {
            // The start of the piece (a tag's name): no line break before it.
            return (self.line, base - self.line_start + 1);
        }
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

    /// Counts the lines of a tag over several lines, once [`Self::start`]
    /// has read it: when the tokenizer counted them, or its attributes were
    /// all read (their cursor counted them), they are not counted again.
    fn tag_lines(&mut self, content: &[u8], base: u64) {
        match self.tag_end.take() {
            Some((line, start)) => (self.line, self.line_start) = (line, start),
            None => self.advance(content, base),
        }
    }

    /// Reads `input` to its end (or a fatal error), handing the findings to
    /// `sink` after each event when there is one (else keeping them).
    ///
    /// The usual tokens (tags with attributes in the plain syntax, text)
    /// are read by [`scan::Source`]; the first event of a file and anything
    /// else by quick-xml, from the same place, so that what is reported
    /// about them is what quick-xml says.
    fn run<R: BufRead>(&mut self, mut input: R, mut sink: Option<&mut dyn FindingSink>) {
        if !self.resumed && self.utf16(&mut input) {
            if let Some(sink) = sink {
                self.drain(sink);
            }
            return;
        }
        let mut src = scan::Source::new(input, self.options.limits);
        let mut attrs = Vec::new();
        let mut buf = Vec::with_capacity(1 << 14);
        let mut first = !self.resumed;
        let mut slow = first;
        // Bytes read, as quick-xml counts them (the `<` after a text it
        // read is not yet read).
        let mut read = 0;
        loop {
            if self.report.stopped {
                break;
            }
            if slow {
                if !self.slow_events(&mut src, &mut buf, &mut first, &mut read, &mut sink) {
                    break;
                }
                slow = false;
                continue;
            }
            // The blanks between tags, when they are nothing to the checks,
            // are passed with their lines counted, no token made of them.
            let stack = &self.stack;
            let tok = src.next(
                &mut attrs,
                || blank_is_silent(stack),
                &mut self.line,
                &mut self.line_start,
            );
            let before = src.token_start();
            if tok == scan::Tok::Slow {
                slow = true;
                continue;
            }
            let go_on = self.fast_event(&src.buf, tok, before, &attrs);
            read = src.offset();
            self.mark(read);
            if let Some(sink) = sink.as_deref_mut() {
                if !self.report.findings.is_empty() {
                    self.drain(sink);
                }
            }
            if !go_on {
                break;
            }
        }
        self.report.bytes = read;
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
        if let Some(sink) = sink {
            self.drain(sink);
        }
    }

    /// One token of the usual case; `false` when the check stops there.
    /// Inlined into the loop of [`Self::run`], its only caller: a token
    /// costs no call but the one to [`Self::start`] or [`Self::end`].
    #[inline(always)]
    fn fast_event(&mut self, buf: &[u8], tok: scan::Tok, before: u64, list: &[RawAttr]) -> bool {
        match tok {
            scan::Tok::Start {
                content: (a, b),
                name_len,
                empty,
                lines,
            } => {
                let content = &buf[a..b];
                // A tag on one line (the usual case) has no line to count;
                // the tokenizer counted the line breaks of its blanks, which
                // are all of them unless a value may hold one.
                let one_line = match lines {
                    Some((n, _)) => n == 0,
                    None => memchr::memchr(b'\n', content).is_none(),
                };
                // Where a tag over several lines ends, when the tokenizer
                // counted its lines: not counted again.
                self.tag_end = match lines {
                    Some((n, last)) if !one_line => {
                        Some((self.line + n, before + 1 + last as u64 + 1))
                    }
                    _ => None,
                };
                let attrs = list.iter().map(|r| {
                    Ok(attrs::Attr {
                        offset: r.offset,
                        key: &buf[r.key.0..r.key.1],
                        value: &buf[r.value.0..r.value.1],
                        class: r.class,
                    })
                });
                self.start(content, name_len, attrs, before, empty, one_line);
                if !one_line {
                    self.tag_lines(content, before + 1);
                }
            }
            scan::Tok::End { name: (a, b) } => {
                if !self.close_tag(&buf[a..b], before) {
                    return false;
                }
                self.end();
            }
            scan::Tok::Text {
                text: (a, b),
                blank,
            } => {
                let t = &buf[a..b];
                self.text(t, before, blank.is_some());
                match blank {
                    // The blanks between tags: their lines already counted.
                    Some((lines, last)) => {
                        self.line += lines;
                        if let Some(j) = last {
                            self.line_start = before + j as u64 + 1;
                        }
                    }
                    None => self.advance(t, before),
                }
            }
            scan::Tok::Slow => {}
        }
        true
    }

    /// Events read by quick-xml from where `src` is, up to the first
    /// markup (after it the usual tokens may follow). `false` when the
    /// check stops (end of input, fatal error).
    fn slow_events<R: BufRead>(
        &mut self,
        src: &mut scan::Source<R>,
        buf: &mut Vec<u8>,
        first: &mut bool,
        read: &mut u64,
        sink: &mut Option<&mut dyn FindingSink>,
    ) -> bool {
        // quick-xml skips a UTF-8 byte-order mark where a reader starts.
        // Past the start of the file those three bytes are text («п»ї» in
        // windows-1251), which no element of the format may hold: they are
        // checked here as the text they are, never skipped.
        if !*first {
            const BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];
            if matches!(src.fill_buf(), Ok(b) if b.starts_with(&BOM)) {
                let at = src.offset();
                src.consume(BOM.len());
                self.text(&BOM, at, false);
                self.advance(&BOM, at);
                *read = at + BOM.len() as u64;
                if self.report.stopped {
                    return false;
                }
                self.mark(*read);
            }
        }
        let base = src.offset();
        let mut reader = Reader::from_reader(LimitedReader::at(src, self.options.limits, base));
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
        loop {
            if self.report.stopped {
                return false;
            }
            reader.get_mut().start_token();
            let before = base + reader.buffer_position();
            let ev = reader.read_event_into(buf);
            let ev = match ev {
                Ok(ev) => ev,
                Err(e) => {
                    let hit = reader.get_ref().hit;
                    let off = base + reader.error_position();
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
                        None => {
                            format!("нарушен синтаксис XML: {}", crate::xml_errors::russian(&e))
                        }
                    };
                    let code = if hit.is_some() { rules::LIMIT } else { "V010" };
                    self.fatal(code, line, col, msg);
                    *read = base + reader.buffer_position();
                    return false;
                }
            };
            if *first {
                *first = false;
                self.first_event(&ev);
                if self.report.stopped {
                    *read = base + reader.buffer_position();
                    return false;
                }
            }
            let markup = !matches!(ev, Event::Text(_));
            let go_on = self.event(ev, before);
            *read = base + reader.buffer_position();
            if !go_on {
                return false;
            }
            self.mark(*read);
            if let Some(sink) = sink.as_deref_mut() {
                if !self.report.findings.is_empty() {
                    self.drain(sink);
                }
            }
            buf.clear();
            if markup {
                return true;
            }
        }
    }

    fn slow_start(&mut self, e: &BytesStart<'_>, before: u64, empty: bool) {
        let content: &[u8] = e;
        let name_len = e.name().into_inner().len();
        let one_line = memchr::memchr(b'\n', content).is_none();
        let attrs = attrs::Attrs::new(content, name_len);
        self.tag_end = None;
        self.start(content, name_len, attrs, before, empty, one_line);
        if !one_line {
            self.tag_lines(content, before + 1);
        }
    }

    /// One event read by quick-xml; `false` when the check stops there.
    fn event(&mut self, ev: Event<'_>, before: u64) -> bool {
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
            Event::Start(e) => self.slow_start(&e, before, false),
            Event::Empty(e) => self.slow_start(&e, before, true),
            Event::End(e) => {
                if !self.close_tag(e.name().into_inner(), before) {
                    return false;
                }
                self.end();
                self.advance(&e, before + 2);
            }
            Event::Text(t) => {
                self.text(&t, before, false);
                self.advance(&t, before);
            }
            Event::CData(t) => {
                self.cdata(before);
                self.advance(&t, before + 9);
            }
            Event::Comment(t) => {
                self.control_bytes(&t, before + 4);
                self.advance(&t, before + 4)
            }
            Event::PI(t) => {
                if let Some(m) = pi::target_error(&t) {
                    let (line, column) = (self.line, before - self.line_start + 1);
                    self.fatal("V010", line, column, m);
                    return false;
                }
                self.control_bytes(&t, before + 2);
                self.advance(&t, before + 2)
            }
            Event::DocType(_) => {
                self.fatal(rules::DOCTYPE, self.line, before - self.line_start + 1, "объявление DOCTYPE (и сущностей) запрещено: файл не проверяется дальше, сущности не раскрываются".into());
                return false;
            }
            Event::Eof => return false,
        }
        true
    }

    /// A file in UTF-16 (byte order mark, or `<?` in two bytes a
    /// character): one clear finding instead of a cascade. `true` when found.
    fn utf16<R: BufRead>(&mut self, input: &mut R) -> bool {
        let head = match input.fill_buf() {
            Ok(b) => b,
            Err(_) => return false,
        };
        let order = match head {
            [0xFF, 0xFE, ..] | [0x3C, 0x00, 0x3F, 0x00, ..] => "UTF-16LE",
            [0xFE, 0xFF, ..] | [0x00, 0x3C, 0x00, 0x3F, ..] => "UTF-16BE",
            _ => return false,
        };
        self.fatal(
            rules::ENCODING,
            1,
            1,
            format!("файл в кодировке UTF-16 ({order}), а формат требует windows-1251: файл не проверяется дальше"),
        );
        true
    }

    /// Character data between tags: only white space (literal or by
    /// reference) in element-only content, nothing at all in an element
    /// whose content is empty, only white space outside the root.
    /// Text `t`; `blank`: it is known to be XML blanks only (then it is
    /// not read again unless it is in an element that must be empty).
    fn text(&mut self, t: &[u8], before: u64, blank: bool) {
        if blank && blank_is_silent(&self.stack) {
            return;
        }
        let Some(top) = self.stack.last() else {
            if let Some(i) = t.iter().position(|&b| !xml_blank(b)) {
                let (line, col) = self.pos(t, before, i);
                self.fatal("V010", line, col, "текст вне корневого элемента".into());
            }
            return;
        };
        if std::ptr::eq(top.elem, &SKIP) {
            return;
        }
        let empty = top.elem.children.is_empty();
        let _ = top;
        if !empty && t.iter().all(|&b| xml_blank(b)) {
            return;
        }
        if let Some(i) = t.iter().position(|&b| values::bad_byte(b)) {
            let (line, col) = self.pos(t, before, i);
            let path = path_of(&self.stack);
            let msg = format!("байт 0x{:02X} недопустим в windows-1251/XML", t[i]);
            self.push(Severity::Error, "V003", line, col, path, None, msg);
            return;
        }
        let first = t.iter().position(|&b| !xml_blank(b)).unwrap_or(0);
        let (line, col) = self.pos(t, before, first);
        let decoded = values::decode(t);
        let text = match values::resolve(&decoded) {
            Ok(text) => text,
            Err((code, msg)) => {
                let path = path_of(&self.stack);
                self.push(Severity::Error, code, line, col, path, None, msg);
                return;
            }
        };
        let blank = text.chars().all(values::xml_space);
        if blank && !empty {
            return;
        }
        let path = path_of(&self.stack);
        let value = text.trim().chars().take(40).collect();
        let msg = if empty {
            format!(
                "элемент {} должен быть пустым: внутри него не допускается даже пробел",
                top_name(&self.stack)
            )
        } else {
            "текст внутри элемента не предусмотрен форматом".into()
        };
        self.push(Severity::Error, "V025", line, col, path, Some(value), msg);
    }

    /// A CDATA section: never allowed. XSD would take one of white space
    /// only as white space between elements, but libxml2 does not, so
    /// neither does gtn.
    fn cdata(&mut self, before: u64) {
        let Some(top) = self.stack.last() else {
            return;
        };
        if std::ptr::eq(top.elem, &SKIP) {
            return;
        }
        let empty = top.elem.children.is_empty();
        let path = path_of(&self.stack);
        let msg = if empty {
            format!("элемент {} должен быть пустым", top_name(&self.stack))
        } else {
            "раздел CDATA не предусмотрен форматом (xmllint отвергает даже CDATA из одних пробелов)"
                .into()
        };
        self.push(
            Severity::Error,
            "V025",
            self.line,
            before - self.line_start + 1,
            path,
            None,
            msg,
        );
    }

    /// A byte that is no XML character in a comment or processing instruction.
    fn control_bytes(&mut self, t: &[u8], base: u64) {
        if let Some(i) = t.iter().position(|&b| values::bad_byte(b)) {
            let (line, col) = self.pos(t, base, i);
            let path = path_of(&self.stack);
            let msg = format!("байт 0x{:02X} недопустим в windows-1251/XML", t[i]);
            self.push(Severity::Error, "V003", line, col, path, None, msg);
        }
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
                if !xml_decl(raw) {
                    self.fatal(
                        "V010",
                        1,
                        1,
                        "нарушен синтаксис объявления XML (XML 1.0, XMLDecl): ожидается <?xml version=\"1.0\" encoding=\"windows-1251\"?>".into(),
                    );
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

    fn start<'c>(
        &mut self,
        content: &'c [u8],
        name_len: usize,
        attrs: impl Iterator<Item = Result<attrs::Attr<'c>, attrs::SyntaxError>>,
        before: u64,
        empty: bool,
        one_line: bool,
    ) {
        let base = before + 1;
        let (line, column) = self.pos(content, base, 0);
        let name = &content[..name_len.min(content.len())];
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
            self.pick_version(content, name_len, base);
            let root = compiled_root(self.version);
            if name == root.name.as_slice() {
                Some((self.version.root, root))
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
        let index = if compiled.kind == Kind::Document {
            self.documents += 1;
            if let Some(p) = &self.options.progress {
                p.document();
            }
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
        self.attributes(attrs, content, base, elem, compiled, one_line);
        if empty {
            self.end();
        }
    }

    /// [`values::quick_date`] of `raw`, the last date read again when
    /// `raw` is its bytes (a pure function: the same date).
    fn quick_date(&mut self, raw: &[u8]) -> Option<gtn_model::FnsDate> {
        let key: [u8; 10] = raw.try_into().ok()?;
        if let Some((k, d)) = self.last_date {
            if k == key {
                return Some(d);
            }
        }
        let d = values::quick_date(raw)?;
        self.last_date = Some((key, d));
        Some(d)
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
        // Word compares, not a call to `memcmp`, for each end tag.
        if same_name(open, name) {
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
    /// The usual child (at the parent's position under its maximum, or
    /// after it with every position between allowing none) here; anything
    /// to report in [`Self::child_reported`], which decides it again.
    #[inline]
    fn child(
        &mut self,
        name: &[u8],
        line: u64,
        column: u64,
    ) -> Option<(&'static Elem, &'static Compiled)> {
        let top = self.stack.last_mut()?;
        if std::ptr::eq(top.elem, &SKIP) {
            return None;
        }
        if let Some((pos, elem, elem_compiled)) = find_child(top.compiled, top.child, name) {
            let (cur, count) = (top.child, top.count);
            let groups = top.elem.children;
            if pos == cur && groups.get(pos).is_some_and(|g| count < g.max) {
                top.count += 1;
                return Some((elem, elem_compiled));
            }
            let skipped = groups.get(cur..pos).unwrap_or_default();
            if pos > cur
                && skipped
                    .iter()
                    .enumerate()
                    .all(|(i, g)| (if i == 0 { count } else { 0 }) >= g.min)
            {
                top.child = pos;
                top.count = 1;
                return Some((elem, elem_compiled));
            }
        }
        self.child_reported(name, line, column)
    }

    /// [`Self::child`] past its usual case.
    #[cold]
    #[inline(never)]
    fn child_reported(
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
        let found = find_child(top.compiled, top.child, name);
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
        // The usual element: every position from its current one has what
        // it needs; nothing to report.
        let (cur, count) = (frame.child, frame.count);
        let complete = elem
            .children
            .get(cur..)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .all(|(i, c)| (if i == 0 { count } else { 0 }) >= c.min);
        if complete {
            if frame.compiled.kind == Kind::File {
                self.file_closed = true;
            }
        } else if !std::ptr::eq(elem, &SKIP) {
            let (cur, count) = (frame.child, frame.count);
            let mut missing = Vec::new();
            for (i, c) in elem.children.iter().enumerate().skip(cur) {
                let have = if i == cur { count } else { 0 };
                if have < c.min {
                    missing.push(alternatives(c));
                }
            }
            let (line, column) = (frame.line, frame.column);
            let is_file = frame.compiled.kind == Kind::File;
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
            if is_file {
                self.file_closed = true;
            }
        }
        let depth = self.stack.len();
        while self.ns.last().is_some_and(|n| n.0 >= depth) {
            self.ns.pop();
        }
        self.stack.pop();
    }

    /// The version of the format named by ВерсФорм of the root; an unknown
    /// version is reported (V005), at the attribute's name, and the file is
    /// checked by the latest.
    fn pick_version(&mut self, content: &[u8], name_len: usize, base: u64) {
        let key = to_1251(at::FORMAT_VERSION);
        let Some(attr) = attrs::Attrs::new(content, name_len)
            .map_while(Result::ok)
            .find(|a| a.key == key.as_slice())
        else {
            return;
        };
        let v = values::decode(attr.value).into_owned();
        let (line, column) = self.pos(content, base, attr.offset);
        match format::version(&v) {
            Some(known) => self.version = known,
            None => {
                let known: Vec<&str> = format::VERSIONS.iter().map(|v| v.version).collect();
                self.push(
                    Severity::Error,
                    "V005",
                    line,
                    column,
                    format!("{}/@{}", el::FILE, at::FORMAT_VERSION),
                    Some(v.clone()),
                    format!(
                        "версия формата «{v}» неизвестна gtn (известны: {}); файл проверяется по версии {}",
                        known.join(", "),
                        self.version.version
                    ),
                );
            }
        }
    }

    fn attributes<'c>(
        &mut self,
        list: impl Iterator<Item = Result<attrs::Attr<'c>, attrs::SyntaxError>>,
        content: &'c [u8],
        base: u64,
        elem: &'static Elem,
        c: &'static Compiled,
        one_line: bool,
    ) {
        let mut seen: u64 = 0;
        let mut ctx = Ctx::default();
        let mut n = 0usize;
        let mut next_attr = 0usize;
        let mut deferred: Vec<(&[u8], &[u8], u64, u64)> = Vec::new();
        // A tag over several lines: its lines are counted as the attributes
        // come, each byte once, not again from the tag's start for each one.
        let mut lines = lines::LineCursor::new(self.line, self.line_start);
        // Line and column of byte `off` of the tag, worked out only where a
        // finding or a check needs them (most attributes need none). A tag
        // on one line (the usual case): plain arithmetic; over several
        // lines: the cursor, asked in the attributes' order.
        let (line0, start0) = (self.line, self.line_start);
        let mut at = |off: usize| {
            if one_line {
                (line0, base + off as u64 - start0 + 1)
            } else {
                lines.at(content, base, off)
            }
        };
        for a in list {
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
            let raw: &[u8] = a.value;
            // Attributes come in the schema's order, some left out: search
            // forward from the last one first.
            let k = NameKey::of(key);
            let slots = &c.slots;
            let same = |s: &Slot| s.key.same(&s.name, k, key);
            let found = match slots.get(next_attr..).and_then(|r| r.iter().position(same)) {
                Some(i) => Some(next_attr + i),
                None => slots.iter().position(same),
            };
            let Some((idx, slot)) = found.and_then(|i| Some((i, slots.get(i)?))) else {
                let (line, column) = at(at_off);
                if key == b"xmlns" || key.starts_with(b"xmlns:") || key.contains(&b':') {
                    // Namespaces: declarations now, qualified names once
                    // every declaration of the tag is known.
                    if !self.declare(key, raw, line, column) {
                        deferred.push((key, raw, line, column));
                    }
                    continue;
                }
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
            let def = slot.def;
            if seen & (1 << idx) != 0 {
                let (line, column) = at(at_off);
                let path = format!("{}/@{}", path_of(&self.stack), def.name);
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
            let role = slot.role;
            let class = a.class.unwrap_or_else(|| values::Class::of(raw));
            // The usual values, as the general path below would take them.
            match slot.plan {
                Plan::Length(min, max) if !class.rare && raw.len() >= min && raw.len() <= max => {
                    match role {
                        Role::DocId => self.doc_id(raw, || at(at_off).0),
                        Role::PreviousPlate => ctx.previous_plate = true,
                        _ => {}
                    }
                    continue;
                }
                Plan::Date if class.ascii && !class.rare => {
                    if let Some(d) = self.quick_date(raw) {
                        let value = Value {
                            text: Text { raw, class },
                            date: Some(d),
                        };
                        self.remember(role, def.name, value, true, &mut ctx, || at(at_off));
                        continue;
                    }
                }
                Plan::Quick if values::quick_valid_of(def.ty, raw) => {
                    if role != Role::Plain {
                        let value = Value {
                            text: Text { raw, class },
                            date: None,
                        };
                        self.remember(role, def.name, value, true, &mut ctx, || at(at_off));
                    }
                    continue;
                }
                _ => {}
            }
            self.value(def, role, raw, class, &mut ctx, || at(at_off));
        }
        for (key, raw, line, column) in deferred {
            self.qualified(elem, key, raw, line, column);
        }
        // Which are missing, looked for only when one is (not over every
        // attribute of the element for each tag).
        if c.required & !seen != 0 {
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
        }
        if c.kind.cross_checked() {
            let (l, col) = if one_line {
                (self.line, base - self.line_start + 1)
            } else {
                self.pos(content, base, 0)
            };
            self.cross_checks(c.kind, &ctx, l, col);
        }
        if !one_line && self.tag_end.is_none() {
            self.tag_end = Some(lines.end(content, base));
        }
    }

    /// The general path of an attribute's value (the usual ones take the
    /// [`Plan`] of their slot in [`Self::attributes`], to the same end):
    /// its check, then what the checks across attributes need of it.
    fn value<'c>(
        &mut self,
        def: &'static format::Attr,
        role: Role,
        raw: &'c [u8],
        class: values::Class,
        ctx: &mut Ctx<'c>,
        mut at: impl FnMut() -> (u64, u64),
    ) {
        // A date read for its check, kept for the comparison with the
        // file's; the usual ones straight from the bytes.
        let mut date = match def.ty {
            Ty::Date if class.ascii && !class.rare => self.quick_date(raw),
            _ => None,
        };
        // A code of its dictionary or enumeration, a plain number: valid.
        let known = values::quick_valid(def.ty, raw);
        // Texts whose value no check across attributes reads (ИдДок goes
        // to the filter as bytes; ПредГосРегЗн counts by its presence),
        // and known codes that none reads.
        let plain = match (def.ty, role) {
            (Ty::Text(..), Role::Plain | Role::DocId | Role::PreviousPlate) => None,
            (_, Role::Plain) if known => None,
            // Read from the bytes ([`values::quick_year`]).
            (Ty::Year, Role::YearOfManufacture) if known => None,
            _ if date.is_some() => None,
            _ => class.plain(raw),
        };
        // ВерсФорм: an unknown version was reported when the version was picked.
        let problem = match (role, plain) {
            (Role::FormatVersion, _) => None,
            _ if date.is_some() || known => None,
            (_, Some(v)) if def.ty == Ty::Date => match values::check_date(v) {
                Ok(d) => {
                    date = Some(d);
                    None
                }
                Err(p) => Some(p),
            },
            (_, Some(v)) => values::check_plain(def.ty, v),
            (_, None) => values::check_quick(def.ty, raw, class),
        };
        let mut valid = true;
        if let Some((code, msg)) = problem {
            let severity = rules::severity(code);
            valid = severity == Severity::Warning;
            let value = values::unescape(raw)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| values::decode(raw).into_owned());
            let path = format!("{}/@{}", path_of(&self.stack), def.name);
            let (line, column) = at();
            self.push(severity, code, line, column, path, Some(value), msg);
        }
        if role != Role::Plain && (valid || role.presence()) {
            let value = Value {
                text: Text { raw, class },
                date,
            };
            self.remember(role, def.name, value, valid, ctx, at);
        }
    }

    /// A namespace declaration (`xmlns`, `xmlns:p`): remembered for the
    /// element's scope. `false` when `key` is no declaration.
    fn declare(&mut self, key: &[u8], raw: &[u8], line: u64, column: u64) -> bool {
        let prefix = if key == b"xmlns" {
            &[][..]
        } else if let Some(p) = key.strip_prefix(b"xmlns:") {
            p
        } else {
            return false;
        };
        let uri = values::unescape(raw).unwrap_or_default().into_owned();
        let path = path_of(&self.stack);
        if prefix.is_empty() && !uri.is_empty() {
            // The element (and what it holds) is in a namespace: the format's
            // elements are in none.
            let msg = format!(
                "элемент {} в пространстве имён «{uri}»: элементы формата не принадлежат никакому пространству имён",
                top_name(&self.stack)
            );
            self.push(
                Severity::Error,
                "V020",
                line,
                column,
                path,
                Some(uri.clone()),
                msg,
            );
        }
        self.ns
            .push((self.stack.len(), prefix.to_vec(), uri.into_bytes()));
        true
    }

    /// An attribute with a prefix: only `xsi:noNamespaceSchemaLocation` and
    /// `xsi:schemaLocation` (schema validators accept them on any element),
    /// and `xsi:type` naming the element's own named type (the schema has
    /// no target namespace, so the name stands without a prefix, exactly as
    /// xmllint reads it); anything else is an attribute the format does not
    /// have.
    fn qualified(&mut self, elem: &'static Elem, key: &[u8], raw: &[u8], line: u64, column: u64) {
        const XSI: &[u8] = b"http://www.w3.org/2001/XMLSchema-instance";
        let shown = values::decode(key).into_owned();
        let path = format!("{}/@{shown}", path_of(&self.stack));
        let (prefix, local) = match key.iter().position(|&b| b == b':') {
            Some(i) => (&key[..i], &key[i + 1..]),
            None => (&[][..], key),
        };
        let uri = self
            .ns
            .iter()
            .rev()
            .find(|n| n.1 == prefix)
            .map(|n| n.2.as_slice())
            .or((prefix == b"xml").then_some(&b"http://www.w3.org/XML/1998/namespace"[..]));
        let Some(uri) = uri else {
            let msg = format!(
                "префикс {} атрибута {shown} не объявлен (нет xmlns:{0})",
                values::decode(prefix)
            );
            self.push(Severity::Error, "V030", line, column, path, None, msg);
            return;
        };
        if uri == XSI && matches!(local, b"noNamespaceSchemaLocation" | b"schemaLocation") {
            return;
        }
        let msg = if uri == XSI && local == b"type" {
            let named = values::unescape(raw).unwrap_or_else(|_| values::decode(raw));
            match elem.xsd_type {
                Some(t) if named == t => return,
                Some(t) if named.trim() == t => format!(
                    "{shown} = «{named}» не подходит: имя типа пишется без пробелов вокруг"
                ),
                Some(t) => format!(
                    "{shown} = «{named}» не подходит: тип элемента {} в схеме — {t}",
                    elem.name
                ),
                None => format!(
                    "{shown} = «{named}» не подходит: тип элемента {} в схеме не имеет имени, назвать его нельзя",
                    elem.name
                ),
            }
        } else {
            format!("атрибут {shown} не предусмотрен форматом у {}", elem.name)
        };
        self.push(Severity::Error, "V030", line, column, path, None, msg);
    }

    #[allow(clippy::too_many_arguments)]
    fn remember<'c>(
        &mut self,
        role: Role,
        name: &'static str,
        value: Value<'c>,
        valid: bool,
        ctx: &mut Ctx<'c>,
        mut at: impl FnMut() -> (u64, u64),
    ) {
        let Value { text: value, date } = value;
        let raw = value.raw;
        let text = || value.text();
        match role {
            Role::Plain => {}
            Role::NotAfterFileDate => {
                let Some(limit) = self.file_date else {
                    return;
                };
                let Some(d) = date.or_else(|| gtn_model::FnsDate::parse(&text()).ok()) else {
                    return;
                };
                if let Some(msg) = rules::not_after_file_date(d.date(), limit) {
                    let path = format!("{}/@{name}", path_of(&self.stack));
                    let value = Some(text().into_owned());
                    let code = rules::AFTER_FILE_DATE;
                    let (line, column) = at();
                    self.push(rules::severity(code), code, line, column, path, value, msg);
                }
            }
            Role::YearOfManufacture => {
                let year = values::quick_year(raw).or_else(|| values::year_value(&text()));
                let Some(year) = year else {
                    return;
                };
                let limit = self.file_date.unwrap_or(NaiveDate::MAX);
                if let Some(msg) = rules::year_of_manufacture(year, limit) {
                    let path = format!("{}/@{name}", path_of(&self.stack));
                    let value = Some(text().into_owned());
                    let code = rules::YEAR_OF_MANUFACTURE;
                    let (line, column) = at();
                    self.push(rules::severity(code), code, line, column, path, value, msg);
                }
            }
            Role::FormatVersion => {}
            Role::DocId => self.doc_id(raw, || at().0),
            Role::Operation => ctx.operation = Some(value),
            Role::PreviousPlate => ctx.previous_plate = true,
            Role::PowerHp => ctx.hp = Some(value),
            Role::PowerKw => ctx.kw = Some(value),
            Role::DocCode => ctx.doc_code = Some(value),
            Role::DocNumber => ctx.doc_number = Some(value),
            Role::InfoType => ctx.info_year = Some(text() == INFO_YEAR),
            Role::ReportYear => {
                ctx.report_year = Some(valid.then(|| values::year_value(&text())).flatten());
            }
            Role::FileId => ctx.file_id = Some(value),
            Role::DocCount => {
                ctx.doc_count = text().parse().ok();
                let (line, column) = at();
                self.declared_count = ctx.doc_count.map(|n| (n, line, column));
            }
        }
    }

    /// Remembers an ИдДок; a value the filter may have seen is a candidate
    /// for the exact check.
    fn doc_id(&mut self, raw: &[u8], line: impl FnOnce() -> u64) {
        if self.bloom.insert(raw) {
            if self.id_candidates.len() < self.options.limits.max_id_candidates {
                self.id_candidates
                    .push((values::decode(raw).into_owned(), line()));
            } else {
                self.candidates_overflow = true;
            }
        }
    }

    /// Path of attribute `name` of the current element.
    fn at_path(&self, name: &str) -> String {
        format!("{}/@{name}", path_of(&self.stack))
    }

    fn cross_checks(&mut self, kind: Kind, ctx: &Ctx<'_>, line: u64, column: u64) {
        match kind {
            Kind::File => {
                let file_id = ctx.file_id.map(Text::text);
                if let Some(yearly) = ctx.info_year {
                    if let Some(msg) =
                        rules::report_year_presence(yearly, ctx.report_year.is_some())
                    {
                        let path = self.at_path(at::REPORT_YEAR);
                        self.push(Severity::Error, CONDITION, line, column, path, None, msg);
                    }
                }
                if let (Some(id), Some(name)) = (&file_id, &self.file_name) {
                    let stem = name.get(..name.len().saturating_sub(4)).unwrap_or(name);
                    if id != stem {
                        let msg = format!("Имя файла обмена «{stem}» не совпадает со значением элемента ИдФайл «{id}»");
                        let path = self.at_path(at::FILE_ID);
                        let value = Some(id.to_string());
                        self.push(
                            Severity::Error,
                            rules::FILE_NAME,
                            line,
                            column,
                            path,
                            value,
                            msg,
                        );
                    }
                }
                if self.file_date.is_none() {
                    if let Some(id) = &file_id {
                        self.file_date = FileName::parse(&format!("{id}.xml")).ok().map(|n| n.date);
                    }
                }
                if let (Some(Some(year)), Some(date)) = (ctx.report_year, self.file_date) {
                    if let Some(msg) = rules::report_year(year, date) {
                        let path = self.at_path(at::REPORT_YEAR);
                        let code = rules::REPORT_YEAR;
                        let value = Some(year.to_string());
                        self.push(rules::severity(code), code, line, column, path, value, msg);
                    }
                }
            }
            Kind::Machine => {
                // A code of two digits: whether it needs ПредГосРегЗн from a
                // table, the rule (and its message) only when it does.
                let quick = ctx.operation.and_then(|op| values::replaces_plate(op.raw));
                let op = match quick {
                    Some(true) if !ctx.previous_plate => ctx.operation,
                    Some(_) => None,
                    None => ctx.operation,
                };
                if let Some(op) = op {
                    if let Some(msg) = rules::previous_plate(&op.text(), ctx.previous_plate) {
                        let path = self.at_path(at::PREVIOUS_PLATE);
                        self.push(Severity::Error, CONDITION, line, column, path, None, msg);
                    }
                }
                if let (Some(hp), Some(kw)) = (
                    ctx.hp.and_then(|t| values::micros_of(t.raw, || t.text())),
                    ctx.kw.and_then(|t| values::micros_of(t.raw, || t.text())),
                ) {
                    let p = EnginePower {
                        hp: Decimal6::from_micros(hp),
                        kw: Decimal6::from_micros(kw),
                    };
                    if let Some(msg) = rules::power(p) {
                        let path = self.at_path(at::POWER_KW);
                        let code = rules::POWER;
                        let value = Some(p.kw.to_string());
                        self.push(rules::severity(code), code, line, column, path, value, msg);
                    }
                }
            }
            Kind::IdentityDoc => {
                if let (Some(code), Some(number)) =
                    (ctx.doc_code.map(Text::text), ctx.doc_number.map(Text::text))
                {
                    // One look-up in СПДУЛ, whose codes are all DocCodes: a
                    // code it lacks has no template (the value check names it).
                    let code = code.trim();
                    if let Some(t) = gtn_model::dict::spdul().get(code).and_then(|e| e.template) {
                        let ok = as_template(t, &number)
                            || DocCode::parse(code)
                                .and_then(|c| DocSeriesNumber::parse(c, &number))
                                .map(|n| n.as_str() == number.as_ref())
                                .unwrap_or(false);
                        if !ok {
                            let path = self.at_path(at::DOC_NUMBER);
                            let value = Some(number.to_string());
                            let msg = format!("СерНомДок не соответствует шаблону «{t}» для КодВидДок {code} (справочник СПДУЛ)");
                            let c = rules::DOC_TEMPLATE;
                            self.push(rules::severity(c), c, line, column, path, value, msg);
                        }
                    }
                }
            }
            // Nothing across attributes (see `Kind::cross_checked`).
            Kind::Document | Kind::Other => {}
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
                    rules::DOC_ID,
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
        if !self.file_closed || self.count_checked {
            return;
        }
        self.count_checked = true;
        if let Some((n, l, c)) = self.declared_count {
            if n != self.documents {
                self.push(
                    Severity::Error,
                    rules::DOC_COUNT,
                    l,
                    c,
                    format!("{}/@{}", el::FILE, at::DOC_COUNT),
                    Some(n.to_string()),
                    format!("КолДок = {n}, а элементов Документ {}", self.documents),
                );
            }
        }
    }

    /// The last findings to `sink`, and the summary.
    fn finish(mut self, sink: &mut dyn FindingSink) -> Summary {
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
        self.drain(sink);
        Summary {
            file: self.report.file,
            errors: self.errors,
            warnings: self.warnings,
            documents: self.documents,
            stopped: self.report.stopped,
            bytes: self.report.bytes,
            parts: self.report.parts.max(1),
        }
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

/// `number` written exactly as `template` of the СПДУЛ says, for templates
/// of digits (`9`), capital Cyrillic letters (`Б`), spaces and literal
/// characters only: then it is its own
/// normal form (what [`DocSeriesNumber::parse`] gives, without building
/// it). `false` says nothing: the parse decides.
fn as_template(template: &str, number: &str) -> bool {
    let mut n = number.chars();
    for t in template.chars() {
        let Some(c) = n.next() else {
            return false;
        };
        let ok = match t {
            '9' => c.is_ascii_digit(),
            'Б' => ('А'..='Я').contains(&c) || c == 'Ё',
            '0' | 'R' => return false,
            t if t.is_whitespace() => t == ' ' && c == ' ',
            t => c == t,
        };
        if !ok {
            return false;
        }
    }
    n.next().is_none()
}

/// Placeholder frame for the subtree of an unknown element.
static SKIP: Elem = Elem {
    name: "?",
    attrs: &[],
    children: &[],
    xsd_type: None,
};

fn alternatives(c: &format::Child) -> String {
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

#[cfg(test)]
mod tests {
    use super::{as_template, compiled_root, find_child, same_name, xml_decl, Compiled, NameKey};
    use gtn_model::{DocCode, DocSeriesNumber};

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 20000, ..Default::default() })]
        /// Two names are [`NameKey::same`] exactly when they are equal, and
        /// [`same_name`] says the same, at every length (past 16 bytes too).
        #[test]
        fn name_keys_are_the_names(
            a in proptest::collection::vec(proptest::sample::select(vec![b'A', b'B', 0xC0, 0xE0]), 0..22),
            b in proptest::collection::vec(proptest::sample::select(vec![b'A', b'B', 0xC0, 0xE0]), 0..22),
            copy in proptest::prelude::any::<bool>(),
        ) {
            // Equal names often enough, and names that differ in one byte.
            let b = if copy { a.clone() } else { b };
            let same = NameKey::of(&a).same(&a, NameKey::of(&b), &b);
            proptest::prop_assert_eq!(same, a == b);
            proptest::prop_assert_eq!(same_name(&a, &b), a == b);
            for i in 0..a.len() {
                let mut c = a.clone();
                c[i] ^= 1;
                proptest::prop_assert!(!NameKey::of(&a).same(&a, NameKey::of(&c), &c));
            }
        }
    }

    /// [`find_child`] finds what the search from `start` then from the
    /// first group finds, for every element of every version, every start
    /// and every name of the format (and one outside it).
    #[test]
    fn find_child_is_the_search_from_start_then_from_the_first() {
        fn all(c: &'static Compiled, out: &mut Vec<&'static Compiled>) {
            if out.iter().any(|o| std::ptr::eq(*o, c)) {
                return;
            }
            out.push(c);
            for g in &c.children {
                for (_, _, ec) in g {
                    all(ec, out);
                }
            }
        }
        let mut elems = Vec::new();
        for v in crate::format::VERSIONS {
            all(compiled_root(v), &mut elems);
        }
        let mut names: Vec<Vec<u8>> = elems.iter().map(|c| c.name.clone()).collect();
        names.push(b"Nothing".to_vec());
        for c in &elems {
            for start in 0..c.children.len().max(1) {
                for name in &names {
                    let find = |range: std::ops::Range<usize>| {
                        range.into_iter().find_map(|i| {
                            c.children[i]
                                .iter()
                                .find(|(n, _, _)| n == name)
                                .map(|(_, e, ec)| (i, *e, *ec))
                        })
                    };
                    let want = find(start..c.children.len()).or_else(|| find(0..start));
                    let got = find_child(c, start, name);
                    assert_eq!(
                        got.map(|(i, e, ec)| (i, e as *const _, ec as *const _)),
                        want.map(|(i, e, ec)| (i, e as *const _, ec as *const _)),
                    );
                }
            }
        }
    }

    #[test]
    fn a_number_as_its_template_is_its_own_normal_form() {
        for (code, number) in [
            ("21", "45 09 235857"),
            ("21", "4509235857"),
            ("21", "45 09 23585"),
            ("21", "45  09 235857"),
            ("03", "IV-АБ 123456"),
            ("24", "АБ 1234567"),
            ("24", "аБ 1234567"),
            ("18", "АБ-123 1234567"),
            ("10", "12 3456789"),
            ("07", "АБ 1234567"),
            ("21", "45 09 23585X"),
        ] {
            let Ok(code) = DocCode::parse(code) else {
                continue;
            };
            let Some(t) = code.template() else { continue };
            let slow = DocSeriesNumber::parse(code, number)
                .map(|n| n.as_str() == number)
                .unwrap_or(false);
            if as_template(t, number) {
                assert!(slow, "{t} {number}");
            }
        }
        assert!(as_template("99 99 999999", "45 09 235857"));
        assert!(as_template("ББ-999 9999999", "АЁ-123 4567890"));
        assert!(!as_template("ББ-999 9999999", "аЁ-123 4567890"));
        for number in ["АЁ-123 4567890", "ЯА-000 0000000", "ЖЖ-123 456789"] {
            let code = DocCode::parse("18").ok();
            let slow = code
                .filter(|c| c.template() == Some("ББ-999 9999999"))
                .map(|c| {
                    DocSeriesNumber::parse(c, number)
                        .map(|n| n.as_str() == number)
                        .unwrap_or(false)
                });
            if let Some(slow) = slow {
                assert_eq!(slow, as_template("ББ-999 9999999", number), "{number}");
            }
        }
    }

    #[test]
    fn required_masks_are_the_required_attributes() {
        for v in crate::format::VERSIONS {
            let mut todo = vec![(v.root, compiled_root(v))];
            while let Some((e, c)) = todo.pop() {
                assert!(e.attrs.len() <= 64, "{}", e.name);
                for (i, a) in e.attrs.iter().enumerate() {
                    assert_eq!(c.required & (1 << i) != 0, a.required, "{}", a.name);
                }
                assert_eq!(c.required >> e.attrs.len().min(63) >> 1, 0);
                for list in &c.children {
                    todo.extend(list.iter().map(|(_, xe, xc)| (*xe, *xc)));
                }
            }
        }
    }

    #[test]
    fn same_name_is_equality() {
        let words: Vec<Vec<u8>> = (0..=20usize)
            .flat_map(|n| {
                let base: Vec<u8> = (0..n).map(|i| b'a' + (i % 26) as u8).collect();
                let mut out = vec![base.clone()];
                for k in 0..n {
                    let mut v = base.clone();
                    v[k] ^= 0x80;
                    out.push(v);
                }
                out
            })
            .collect();
        for a in &words {
            for b in &words {
                assert_eq!(same_name(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn xml_declaration_follows_the_production() {
        for ok in [
            &b"xml version=\"1.0\" encoding=\"windows-1251\""[..],
            b"xml version='1.0' encoding='windows-1251' ",
            b"xml  version = \"1.0\"  encoding = \"windows-1251\"",
            b"xml version=\"1.0\" encoding=\"windows-1251\" standalone=\"yes\"",
            b"xml version=\"1.0\"",
        ] {
            assert!(xml_decl(ok), "{}", String::from_utf8_lossy(ok));
        }
        for bad in [
            &b"xml version=\"1.0\"encoding=\"windows-1251\""[..],
            b"xml encoding=\"windows-1251\" version=\"1.0\"",
            b"xml version=\"1.0\" encoding=\"1251\"",
            b"xml version=\"1.0\" standalone=\"yes\" encoding=\"windows-1251\"",
            b"xml version=\"1.0\" encoding=\"windows-1251\" x=\"1\"",
            b"xml version=\"1\"",
            b"xml",
        ] {
            assert!(!xml_decl(bad), "{}", String::from_utf8_lossy(bad));
        }
    }
}
