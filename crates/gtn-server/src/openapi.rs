//! The OpenAPI 3.1 document of the service, generated from the handlers'
//! annotations and the answer types of [`crate::json`]. A copy is checked in
//! under `docs/openapi.json`; a test fails when it is stale (regenerate with
//! `GTN_UPDATE_OPENAPI=1 cargo test -p gtn-server --test openapi`).

use crate::routes;
use schema as json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "gtn",
        description = "HTTP API gtn для региональных систем гостехнадзора: проверка и формирование файла обмена с ФНС VO_AVTOTS (формат 4.04), решение по заявлению (Правила № 1507), регистрационные знаки (Приложения № 4, 5). Ответы — тот же JSON, что у `gtn … --format json`; ошибки — отчёт об ошибке {\"version\": 1, \"ok\": false, \"errors\": [{code, severity, file, line, column, path, value, message}]}; код объясняет GET /v1/codes/{code}.",
        license(name = "MIT OR Apache-2.0"),
    ),
    paths(
        routes::validate,
        routes::generate,
        routes::check,
        routes::plates_series,
        routes::plates_check,
        routes::plates_next,
        routes::codes,
        routes::code,
        routes::health,
        routes::version,
        routes::openapi,
    ),
    components(schemas(
        json::ErrorBody,
        json::Diagnostic,
        json::ValidateResult,
        json::ValidatedFile,
        json::FileFindings,
        json::GenerateErrors,
        json::CheckResult,
        json::PlateSeries,
        json::PlateCheck,
        json::PlateNext,
        json::CodeInfo,
        json::CodeList,
        json::Health,
        json::Version,
    )),
    modifiers(&Bearer),
    tags(
        (name = "fns", description = "Файл обмена с ФНС VO_AVTOTS"),
        (name = "rules", description = "Правила государственной регистрации № 1507"),
        (name = "plates", description = "Регистрационные знаки"),
        (name = "meta", description = "Коды, состояние, версия"),
    )
)]
struct ApiDoc;

struct Bearer;

impl Modify for Bearer {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let c = doc.components.get_or_insert_with(Default::default);
        c.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "Токен из --token-file; нужен, если сервис запущен с ним",
                    ))
                    .build(),
            ),
        );
    }
}

/// The document, pretty-printed, with a final newline.
pub fn document() -> String {
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    let mut s = doc
        .to_pretty_json()
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// The shapes of the answers, for the document only: the answers themselves
/// are `gtn-report`'s types (see [`crate::json`]). A test checks that every
/// field of real answers is described here.
pub mod schema {
    #![allow(dead_code)]
    use utoipa::ToSchema;

    /// Замечание или ошибка: код, серьёзность, место, значение, сообщение.
    #[derive(ToSchema)]
    pub struct Diagnostic {
        /// Stable code (`V035`, `R58.9`, `0400400007`, `H001`…); `GET /v1/codes/{code}` explains it.
        pub code: String,
        /// `error`, `warning` or `note`.
        pub severity: String,
        /// Which input (`body`, `sender`, `records`, `application`), if any.
        pub file: Option<String>,
        /// Line, from 1.
        pub line: Option<u64>,
        /// Column, from 1.
        pub column: Option<u64>,
        /// Byte offset, from 0.
        pub offset: Option<u64>,
        /// Element or field path: `Файл/Документ[17]/СвТрансп/@ДатаОпер`, `owner.inn`, a query parameter.
        pub path: Option<String>,
        /// The offending value.
        pub value: Option<String>,
        /// Message in Russian.
        pub message: String,
    }

    /// The error report (as `gtn … --format json` prints when it cannot run).
    #[derive(ToSchema)]
    pub struct ErrorBody {
        /// Format version of the JSON shapes.
        pub version: u32,
        /// Always `false`.
        pub ok: bool,
        /// What went wrong.
        pub errors: Vec<Diagnostic>,
    }

    /// `gtn validate --format json` for one file.
    #[derive(ToSchema)]
    pub struct ValidateResult {
        /// Format version.
        pub version: u32,
        /// The file sent.
        pub files: Vec<ValidatedFile>,
        /// Always empty here (an unreadable body is an error answer).
        pub unreadable: Vec<Diagnostic>,
        /// Notes on the run (always empty here).
        pub notes: Vec<Diagnostic>,
        /// No error.
        pub valid: bool,
    }

    /// One file's report.
    #[derive(ToSchema)]
    pub struct ValidatedFile {
        /// The name given (`?name=` or the part's file name).
        pub path: String,
        /// No error.
        pub valid: bool,
        /// Number of errors.
        pub errors: usize,
        /// Number of warnings.
        pub warnings: usize,
        /// Findings and figures.
        pub report: FileFindings,
    }

    /// Findings of one file.
    #[derive(ToSchema)]
    pub struct FileFindings {
        /// File name used for the name checks.
        pub file: Option<String>,
        /// Findings in the order of the file.
        pub findings: Vec<Diagnostic>,
        /// Number of Документ elements.
        pub documents: u64,
        /// The check stopped early (broken XML, DOCTYPE, a limit, max_errors).
        pub stopped: bool,
        /// Bytes read.
        pub bytes: u64,
        /// Parts checked at once (1 here).
        pub parts: usize,
    }

    /// `gtn generate --format json` when nothing was written.
    #[derive(ToSchema)]
    pub struct GenerateErrors {
        /// Format version.
        pub version: u32,
        /// `false`.
        pub written: bool,
        /// Every error (up to 10 000): file `sender`, `records` (line = record
        /// number) or `body` (NDJSON: line of the body), field in `path`.
        pub errors: Vec<Diagnostic>,
        /// How many more were not listed (absent when 0).
        pub more: Option<usize>,
    }

    /// `gtn check --format json`: the decision (gtn_rules::Decision) with `version`.
    #[derive(ToSchema)]
    pub struct CheckResult {
        /// Format version.
        pub version: u32,
        /// `proceed`, `suspend`, `refuse`, `not_subject`.
        pub outcome: String,
        /// The edition of the Rules applied: `name`, `in_force_from`, `in_force_until`.
        pub edition: serde_json::Value,
        /// Date of the decision, YYYY-MM-DD.
        pub decided_on: String,
        /// Warnings about the decision itself: [{code, message}].
        pub warnings: Vec<serde_json::Value>,
        /// Grounds of п. 58 that hold: `ground`, `code` (`R58.n`), `cite`, `facts` [{cite, fact}].
        pub grounds: Vec<serde_json::Value>,
        /// Suspension: `until`, `reasons`.
        pub suspension: Option<serde_json::Value>,
        /// What to issue and mark: [{what, cite}].
        pub issue: Vec<serde_json::Value>,
        /// Registration for a limited term: `until`, `terminates`, `reasons`.
        pub limited_term: Option<serde_json::Value>,
        /// What to request through СМЭВ: [{fact, cite}].
        pub requests: Vec<serde_json::Value>,
        /// Deadlines: [{kind, date, what, cite, counting}].
        pub deadlines: Vec<serde_json::Value>,
        /// Text of the notice, ready to print.
        pub notice: Option<String>,
    }

    /// `gtn plate series --format json`.
    #[derive(ToSchema)]
    pub struct PlateSeries {
        /// Format version.
        pub version: u32,
        /// Region code on the plate.
        pub code: String,
        /// Plate type: `3`, `4А`, `18`.
        #[schema(rename = "type")]
        pub plate_type: String,
        /// Series assigned to the code.
        pub series: Vec<String>,
    }

    /// `gtn plate check --format json`.
    #[derive(ToSchema)]
    pub struct PlateCheck {
        /// Format version.
        pub version: u32,
        /// The plate is valid.
        pub valid: bool,
        /// As given.
        pub input: String,
        /// `1234АВ77` (valid only).
        pub canonical: Option<String>,
        /// `1234 АВ 77` (valid only).
        pub display: Option<String>,
        /// {type, number, series, code} (valid only).
        pub plate: Option<serde_json::Value>,
        /// Why not valid.
        pub errors: Option<Vec<Diagnostic>>,
    }

    /// `gtn plate next --format json`.
    #[derive(ToSchema)]
    pub struct PlateNext {
        /// Format version.
        pub version: u32,
        /// `1234АВ77`.
        pub canonical: String,
        /// `1234 АВ 77`.
        pub display: String,
        /// {type, number, series, code}.
        pub plate: serde_json::Value,
        /// Issued plates of other codes or types, skipped.
        pub ignored_issued: usize,
        /// Each skipped plate: line, plate, why (warnings P015).
        pub skipped: Vec<Diagnostic>,
    }

    /// One code of the registry.
    #[derive(ToSchema)]
    pub struct CodeInfo {
        /// The code.
        pub code: String,
        /// Usual severity.
        pub severity: String,
        /// Short name.
        pub title: String,
        /// Source: point of the Rules, table of the format, algorithm.
        pub source: String,
        /// What it means.
        pub meaning: String,
        /// An input that triggers it.
        pub example: String,
        /// What to do.
        pub fix: String,
        /// Which part of gtn emits it.
        pub emitted_by: String,
    }

    /// `gtn explain --format json`.
    #[derive(ToSchema)]
    pub struct CodeList {
        /// Format version.
        pub version: u32,
        /// The code asked about was renamed: its old name.
        pub renamed_from: Option<String>,
        /// Codes explained.
        pub codes: Vec<CodeInfo>,
    }

    /// `GET /v1/health`.
    #[derive(ToSchema)]
    pub struct Health {
        /// Format version.
        pub version: u32,
        /// `ok`.
        pub status: String,
        /// Requests in work now.
        pub in_flight: usize,
        /// Most at once (`--workers`).
        pub workers: usize,
    }

    /// `GET /v1/version`.
    #[derive(ToSchema)]
    pub struct Version {
        /// Format version of the JSON shapes.
        pub version: u32,
        /// `gtn`.
        pub name: String,
        /// Version of gtn.
        pub gtn: String,
        /// Exchange file format.
        pub fns_format: String,
        /// API version: `v1`.
        pub api: String,
    }
}
