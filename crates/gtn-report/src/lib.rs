//! The output layer of gtn: what each command reports, as data, and the
//! printers that render it. The command line, the HTTP service and the C ABI
//! all print through here, so a report looks the same everywhere.
//!
//! * Report types, one per command ([`ValidateReport`], [`CheckReport`],
//!   [`PlateSeriesReport`], [`PlateCheckReport`], [`PlateNextReport`],
//!   [`GenerateReport`], [`ExplainReport`]) and [`ErrorReport`] for a run
//!   that could not be made (exit status 2). Each carries `version`
//!   ([`FORMAT_VERSION`]) and serialises with serde.
//! * [`json::to_string`]: one compact JSON document.
//! * [`text`]: Russian text for people, findings in the compiler-style form
//!   documented in the README:
//!
//! ```text
//! ошибка[V040]: ИНН организации «5010015528»: неверное контрольное число (ожидалось 7)
//!   --> VO_AVTOTS_….xml:12:34
//!    | Файл/Документ[2]/СведЮЛРос/@ИННЮЛ = «5010015528»
//! ```

pub mod json;
pub mod schema;
pub mod text;

pub use gtn_diag::{CodeInfo, Diagnostic, Severity};

use chrono::NaiveDate;
use gtn_model::Plate;
use gtn_rules::Decision;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// Version of the JSON shapes. Raised when a field is removed or changes
/// meaning; new optional fields do not raise it.
pub const FORMAT_VERSION: u32 = 1;

fn version() -> u32 {
    FORMAT_VERSION
}

/// A run that could not be made (exit status 2): missing or unreadable
/// file, bad arguments, a file that would be overwritten.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ErrorReport {
    /// [`FORMAT_VERSION`].
    pub version: u32,
    /// Always `false`: the command did not run to its end.
    pub ok: bool,
    /// What stopped the run, one or more.
    pub errors: Vec<Diagnostic>,
}

impl ErrorReport {
    /// A report of these errors.
    pub fn new(errors: Vec<Diagnostic>) -> Self {
        Self {
            version: version(),
            ok: false,
            errors,
        }
    }
}

impl From<Diagnostic> for ErrorReport {
    fn from(d: Diagnostic) -> Self {
        Self::new(vec![d])
    }
}

/// `gtn validate`: one entry per file checked.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ValidateReport {
    /// [`FORMAT_VERSION`].
    pub version: u32,
    /// Files checked, in the order given (folders sorted by name).
    pub files: Vec<ValidatedFile>,
    /// Files that could not be read (each run stops with exit status 2).
    pub unreadable: Vec<Diagnostic>,
    /// Notes on the run that are not findings of a file: entries of a
    /// folder skipped (`G008`), name checks skipped for standard input
    /// (`G009`). Text output prints them on stderr.
    pub notes: Vec<Diagnostic>,
    /// `true` when every file was read and has no error.
    pub valid: bool,
}

impl ValidateReport {
    /// An empty report.
    pub fn new() -> Self {
        Self {
            version: version(),
            files: Vec::new(),
            unreadable: Vec::new(),
            notes: Vec::new(),
            valid: true,
        }
    }

    /// Adds a checked file.
    pub fn push(&mut self, f: ValidatedFile) {
        self.valid &= f.valid;
        self.files.push(f);
    }

    /// Adds a file that could not be read.
    pub fn push_unreadable(&mut self, d: Diagnostic) {
        self.valid = false;
        self.unreadable.push(d);
    }

    /// Adds a note on the run.
    pub fn push_note(&mut self, d: Diagnostic) {
        self.notes.push(d);
    }
}

impl Default for ValidateReport {
    fn default() -> Self {
        Self::new()
    }
}

/// One checked file.
///
/// The fields are declared (and so serialised) in the order a stream can
/// write them: the path, the findings as they are found, then the figures
/// and counts known only at the end ([`json::ValidateStream`]).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ValidatedFile {
    /// Path as given.
    pub path: String,
    /// The findings and figures.
    pub report: FileFindings,
    /// No error.
    pub valid: bool,
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
}

/// Findings of one file and what was read (findings first, see [`ValidatedFile`]).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FileFindings {
    /// Findings in the order of the file.
    pub findings: Vec<Diagnostic>,
    /// File name (without folder), as used for the name checks.
    pub file: Option<String>,
    /// Number of Документ elements.
    pub documents: u64,
    /// The check stopped early (broken XML, DOCTYPE, a limit, --max-errors).
    pub stopped: bool,
    /// Bytes read.
    pub bytes: u64,
    /// Parts of the file checked at once (1: one pass).
    pub parts: usize,
}

impl ValidatedFile {
    /// Builds the entry; counts come from the findings.
    pub fn new(path: impl Into<String>, report: FileFindings) -> Self {
        let errors = report.findings.iter().filter(|d| d.is_error()).count();
        let warnings = report
            .findings
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
        Self {
            path: path.into(),
            valid: errors == 0,
            errors,
            warnings,
            report,
        }
    }

    /// A file that could not be read to its end after `findings` were
    /// found: closed as stopped, never valid (it was not checked to its
    /// end), its figures unknown. The entry [`crate::json::ValidateStream::unreadable`]
    /// writes for such a file; the read error itself goes to
    /// [`ValidateReport::push_unreadable`].
    pub fn cut(path: impl Into<String>, findings: Vec<Diagnostic>) -> Self {
        let mut f = Self::new(
            path,
            FileFindings {
                findings,
                file: None,
                documents: 0,
                stopped: true,
                bytes: 0,
                parts: 0,
            },
        );
        f.valid = false;
        f
    }

    /// Number of findings by code, for the summary.
    pub fn counts(&self) -> BTreeMap<&str, usize> {
        let mut m = BTreeMap::new();
        for f in &self.report.findings {
            *m.entry(f.code.as_ref()).or_insert(0) += 1;
        }
        m
    }
}

/// `gtn check`: the decision (the shape of `gtn_rules::Decision`) with `version`.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CheckReport {
    /// [`FORMAT_VERSION`].
    pub version: u32,
    /// The decision, its fields at the top level.
    #[serde(flatten)]
    pub decision: Decision,
}

impl CheckReport {
    /// Wraps a decision.
    pub fn new(decision: Decision) -> Self {
        Self {
            version: version(),
            decision,
        }
    }
}

/// `gtn plate series`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct PlateSeriesReport {
    /// [`FORMAT_VERSION`].
    pub version: u32,
    /// Код региона на знаке.
    pub code: String,
    /// Тип знака: `3`, `4А`, `18`.
    #[serde(rename = "type")]
    pub plate_type: String,
    /// Серии, закреплённые за кодом.
    pub series: Vec<String>,
}

impl PlateSeriesReport {
    /// Builds the report.
    pub fn new(code: String, plate_type: String, series: Vec<String>) -> Self {
        Self {
            version: version(),
            code,
            plate_type,
            series,
        }
    }
}

/// `gtn plate check`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct PlateCheckReport {
    /// [`FORMAT_VERSION`].
    pub version: u32,
    /// Знак годен.
    pub valid: bool,
    /// Знак, как его ввели.
    pub input: String,
    /// `1234АВ77`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    /// `1234 АВ 77`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// Знак по частям.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plate: Option<PlateParts>,
    /// Почему знак негоден.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Diagnostic>,
}

impl PlateCheckReport {
    /// A valid plate.
    pub fn valid(input: String, plate: Plate) -> Self {
        Self {
            version: version(),
            valid: true,
            input,
            canonical: Some(plate.canonical()),
            display: Some(plate.to_string()),
            plate: Some(PlateParts::from(&plate)),
            errors: Vec::new(),
        }
    }

    /// An invalid plate.
    pub fn invalid(input: String, errors: Vec<Diagnostic>) -> Self {
        Self {
            version: version(),
            valid: false,
            input,
            canonical: None,
            display: None,
            plate: None,
            errors,
        }
    }
}

/// A plate by parts, as `gtn_model::Plate` serialises:
/// `{"type": "3", "number": 1234, "series": "АВ", "code": "77"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PlateParts {
    /// Тип знака: `3`, `4А`, `18`.
    #[serde(rename = "type")]
    pub plate_type: String,
    /// Номер, 1-9999.
    pub number: u16,
    /// Серия, две буквы.
    pub series: String,
    /// Код региона.
    pub code: String,
}

impl From<&Plate> for PlateParts {
    fn from(p: &Plate) -> Self {
        Self {
            plate_type: p.plate_type.as_str().to_owned(),
            number: p.number,
            series: p.series.clone(),
            code: p.code.clone(),
        }
    }
}

/// `gtn plate next`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct PlateNextReport {
    /// [`FORMAT_VERSION`].
    pub version: u32,
    /// `1234АВ77`.
    pub canonical: String,
    /// `1234 АВ 77`.
    pub display: String,
    /// Знак по частям.
    pub plate: PlateParts,
    /// Выданные знаки из файла, не относящиеся к этому коду и типу (пропущены).
    pub ignored_issued: usize,
    /// Each of them: line, plate, why (warnings P015).
    pub skipped: Vec<Diagnostic>,
}

impl PlateNextReport {
    /// Builds the report.
    pub fn new(plate: Plate, ignored_issued: usize) -> Self {
        Self {
            version: version(),
            canonical: plate.canonical(),
            display: plate.to_string(),
            plate: PlateParts::from(&plate),
            ignored_issued,
            skipped: Vec::new(),
        }
    }

    /// With the issued plates that were left out, each as a warning.
    pub fn with_skipped(mut self, skipped: Vec<Diagnostic>) -> Self {
        self.ignored_issued = skipped.len();
        self.skipped = skipped;
        self
    }
}

/// `gtn generate`: the file written, or why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct GenerateReport {
    /// [`FORMAT_VERSION`].
    pub version: u32,
    /// The file was written.
    pub written: bool,
    /// Путь к файлу.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Число документов (КолДок).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documents: Option<u64>,
    /// Ошибки во входных данных (файл не записан).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Diagnostic>,
    /// Сколько ещё ошибок не сохранено.
    #[serde(skip_serializing_if = "is_zero")]
    pub more: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl GenerateReport {
    /// A file was written.
    pub fn written(path: String, documents: u64) -> Self {
        Self {
            version: version(),
            written: true,
            path: Some(path),
            documents: Some(documents),
            errors: Vec::new(),
            more: 0,
        }
    }

    /// Nothing written because of these errors in the input.
    pub fn rejected(errors: Vec<Diagnostic>, more: usize) -> Self {
        Self {
            version: version(),
            written: false,
            path: None,
            documents: None,
            errors,
            more,
        }
    }
}

/// `gtn explain CODE` and `gtn explain --list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ExplainReport {
    /// [`FORMAT_VERSION`].
    pub version: u32,
    /// The code asked about was renamed: its old name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    /// The codes explained.
    pub codes: Vec<CodeInfo>,
}

impl ExplainReport {
    /// Builds the report.
    pub fn new(codes: Vec<CodeInfo>, renamed_from: Option<String>) -> Self {
        Self {
            version: version(),
            renamed_from,
            codes,
        }
    }
}

/// A date as people in the office write it: `30.12.2025`.
pub(crate) fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}
