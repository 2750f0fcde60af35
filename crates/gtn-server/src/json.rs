//! Every JSON the service answers, in one place: the same shapes as the
//! CLI's `--format json` for the same work, and the error object.
//!
//! Each answer is a type that is both serialised (the output) and described
//! in the OpenAPI document (`ToSchema`), so the two cannot drift apart. When
//! the shared report layer (`gtn-report`) lands, this module is the one place
//! to switch to it.

use gtn_fns::validate::Report;
use gtn_model::Plate;
use gtn_rules::Decision;
use serde::Serialize;
use utoipa::ToSchema;

/// The error object of every answer that is not a result: 400, 401, 404,
/// 408, 413, 415, 422, 500, 503.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ErrorBody {
    /// Что случилось.
    pub error: ErrorDetail,
}

/// What went wrong and where.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable code: `H0xx` of the service, or the code of the library
    /// (`E010` application input, `P0xx` plates, `F100` records, `C0xx` calendar…).
    pub code: String,
    /// Message in Russian, naming the field and the place.
    pub message: String,
    /// Which input: `body`, `sender`, `records`, a query parameter…
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Line, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Column, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// Field path, e.g. `documents.passport.fee_mark`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// `POST /v1/validate`: as `gtn validate --format json` for one file.
#[derive(Debug, Serialize, ToSchema)]
pub struct ValidateResult {
    /// One entry: the file sent.
    pub files: Vec<ValidatedFile>,
    /// Files that could not be read (always empty here: a body that cannot
    /// be read is an error answer).
    pub unreadable: Vec<String>,
    /// `true` when there is no error.
    pub valid: bool,
}

/// One file's report.
#[derive(Debug, Serialize, ToSchema)]
pub struct ValidatedFile {
    /// The name given (`?name=` or the part's file name).
    pub path: String,
    /// `true` when there is no error.
    pub valid: bool,
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// The validator's report: `file`, `findings` (severity, code, line,
    /// column, path, value, message), `documents`, `stopped`, `bytes`, `parts`.
    #[schema(value_type = Object)]
    pub report: Report,
}

impl ValidateResult {
    /// The answer for one validated stream.
    pub fn one(path: String, report: Report) -> Self {
        let valid = report.is_valid();
        Self {
            files: vec![ValidatedFile {
                path,
                valid,
                errors: report.errors(),
                warnings: report.warnings(),
                report,
            }],
            unreadable: Vec::new(),
            valid,
        }
    }
}

/// `POST /v1/generate` with errors in the input (422): as `gtn generate
/// --format json`; nothing is written.
#[derive(Debug, Serialize, ToSchema)]
pub struct GenerateErrors {
    /// Always `false`.
    pub written: bool,
    /// Every error, up to 10 000.
    pub errors: Vec<RecordError>,
    /// How many more were not listed.
    pub more: usize,
}

/// One error in the input of generate.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordError {
    /// `F100`.
    pub code: String,
    /// `sender`, `records` (JSON body: line = record number, from 1) or
    /// `body` (NDJSON: line of the body).
    pub file: String,
    /// Line, from 1 (0: unknown).
    pub line: usize,
    /// Column, from 1 (0: unknown).
    pub column: usize,
    /// Field path, e.g. `owner.inn`.
    pub field: Option<String>,
    /// What is wrong, in Russian.
    pub message: String,
}

impl GenerateErrors {
    /// From the library's input errors.
    pub fn new(errors: &[gtn_fns::InputError], more: usize) -> Self {
        Self {
            written: false,
            errors: errors
                .iter()
                .map(|e| RecordError {
                    code: e.code().to_owned(),
                    file: e.file.clone(),
                    line: e.line,
                    column: e.column,
                    field: e.field.clone(),
                    message: e.message.clone(),
                })
                .collect(),
            more,
        }
    }
}

/// `POST /v1/check`: the decision, as `gtn check --format json`:
/// `outcome` (`proceed`, `suspend`, `refuse`, `not_subject`), `grounds`
/// (code `R58.n`, cite, facts), `suspension`, `issue`, `limited_term`,
/// `requests`, `deadlines` (key, date, what, cite), `notice`.
pub type CheckResult = Decision;

/// `GET /v1/plates/series`: as `gtn plate series --format json`.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlateSeries {
    /// Region code on the plate.
    pub code: String,
    /// Plate type: `3`, `4А`, `18`.
    #[serde(rename = "type")]
    pub plate_type: String,
    /// Series assigned to the code (Appendix 4 or 5).
    pub series: Vec<String>,
}

/// `GET /v1/plates/check`: as `gtn plate check --format json`.
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum PlateCheck {
    /// The plate is valid.
    Valid {
        /// `true`.
        valid: bool,
        /// As given.
        input: String,
        /// `1234АВ77`.
        canonical: String,
        /// `1234 АВ 77`.
        display: String,
        /// `{"type", "number", "series", "code"}`.
        #[schema(value_type = Object)]
        plate: Plate,
    },
    /// The plate is not valid: why.
    Invalid {
        /// `false`.
        valid: bool,
        /// As given.
        input: String,
        /// Code (`M0xx`, `P0xx`) and message.
        errors: Vec<CodeMessage>,
    },
}

/// A code with its message.
#[derive(Debug, Serialize, ToSchema)]
pub struct CodeMessage {
    /// Stable code.
    pub code: String,
    /// Message in Russian.
    pub message: String,
}

impl PlateCheck {
    /// A valid plate.
    pub fn valid(input: String, p: Plate) -> Self {
        PlateCheck::Valid {
            valid: true,
            input,
            canonical: p.canonical(),
            display: p.to_string(),
            plate: p,
        }
    }
    /// An invalid plate.
    pub fn invalid(input: String, code: &str, message: String) -> Self {
        PlateCheck::Invalid {
            valid: false,
            input,
            errors: vec![CodeMessage {
                code: code.to_owned(),
                message,
            }],
        }
    }
}

/// `POST /v1/plates/next`: as `gtn plate next --format json`.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlateNext {
    /// `1234АВ77`.
    pub canonical: String,
    /// `1234 АВ 77`.
    pub display: String,
    /// `{"type", "number", "series", "code"}`.
    #[schema(value_type = Object)]
    pub plate: Plate,
    /// Issued plates of other regions or types, ignored.
    pub ignored_issued: usize,
}

impl PlateNext {
    /// The next free plate.
    pub fn new(p: Plate, ignored_issued: usize) -> Self {
        Self {
            canonical: p.canonical(),
            display: p.to_string(),
            plate: p,
            ignored_issued,
        }
    }
}

/// A code and its explanation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CodeInfo {
    /// Stable code.
    pub code: String,
    /// `error`, `warning` or `note`.
    pub severity: String,
    /// What it means, in Russian.
    pub title: String,
    /// Source: point of the Rules, table of the format, algorithm…
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// More: why, what to do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
}

/// `GET /v1/codes`.
#[derive(Debug, Serialize, ToSchema)]
pub struct CodeList {
    /// Every code with an explanation.
    pub codes: Vec<CodeInfo>,
}

/// `GET /v1/health`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// `ok`.
    pub status: String,
    /// Requests being processed now.
    pub in_flight: usize,
    /// Most requests processed at once (`--workers`).
    pub workers: usize,
}

/// `GET /v1/version`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Version {
    /// `gtn`.
    pub name: String,
    /// Version of gtn.
    pub version: String,
    /// Version of the exchange file format.
    pub fns_format: String,
    /// Version of this API.
    pub api: String,
}
