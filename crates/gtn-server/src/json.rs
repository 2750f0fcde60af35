//! Every JSON the service answers, built in one place through the shared
//! output layer `gtn-report`: the same report types and the same printer
//! (`gtn_report::json::to_string`) as the CLI's `--format json`, so an
//! answer is byte for byte what `gtn … --format json` prints for the same
//! work (the file's `path` is the name given, as the CLI prints the path given).
//!
//! Only `/v1/health` and `/v1/version` have shapes of their own (the CLI has
//! no such commands); they carry the same `version` field.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use gtn_diag::{registry, Diagnostic, Lookup};
use gtn_fns::validate::Report;
use gtn_model::Plate;
use gtn_report::{
    CheckReport, ExplainReport, FileFindings, GenerateReport, PlateCheckReport, PlateNextReport,
    PlateSeriesReport, ValidateReport, ValidatedFile, FORMAT_VERSION,
};
use gtn_rules::Decision;
use serde::Serialize;

/// A JSON answer with its status, printed by `gtn-report`'s JSON printer.
pub fn answer<T: Serialize>(status: StatusCode, report: &T) -> Response {
    let mut r = (status, gtn_report::json::to_string(report)).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// 200 with a report.
pub fn ok<T: Serialize>(report: &T) -> Response {
    answer(StatusCode::OK, report)
}

/// `POST /v1/validate`: as `gtn validate --format json` for one file.
pub fn validate(path: String, r: Report) -> ValidateReport {
    let findings = r.findings.iter().map(Diagnostic::from).collect();
    let mut report = ValidateReport::new();
    report.push(ValidatedFile::new(
        path,
        FileFindings {
            file: r.file,
            findings,
            documents: r.documents,
            stopped: r.stopped,
            bytes: r.bytes,
            parts: r.parts,
        },
    ));
    report
}

/// `POST /v1/generate` with errors in the input: as `gtn generate --format
/// json` (nothing written).
pub fn generate_rejected(errors: Vec<Diagnostic>, more: usize) -> GenerateReport {
    GenerateReport::rejected(errors, more)
}

/// `POST /v1/check`: as `gtn check --format json`.
pub fn check(d: Decision) -> CheckReport {
    CheckReport::new(d)
}

/// `GET /v1/plates/series`: as `gtn plate series --format json`.
pub fn plate_series(code: String, plate_type: &str, series: &[String]) -> PlateSeriesReport {
    PlateSeriesReport::new(code, plate_type.to_owned(), series.to_vec())
}

/// `GET /v1/plates/check`, valid: as `gtn plate check --format json`.
pub fn plate_valid(input: String, p: Plate) -> PlateCheckReport {
    PlateCheckReport::valid(input, p)
}

/// `GET /v1/plates/check`, not valid.
pub fn plate_invalid(input: String, d: Diagnostic) -> PlateCheckReport {
    PlateCheckReport::invalid(input, vec![d])
}

/// `POST /v1/plates/next`: as `gtn plate next --format json`.
pub fn plate_next(p: Plate, skipped: Vec<Diagnostic>) -> PlateNextReport {
    PlateNextReport::new(p, 0).with_skipped(skipped)
}

/// `GET /v1/codes`: as `gtn explain --list --format json`.
pub fn codes() -> ExplainReport {
    ExplainReport::new(registry().codes.clone(), None)
}

/// `GET /v1/codes/{code}`: as `gtn explain CODE --format json`.
pub fn code(code: &str) -> Option<ExplainReport> {
    match registry().lookup(code) {
        Lookup::Found(i) => Some(ExplainReport::new(vec![i.clone()], None)),
        Lookup::Renamed(x, i) => Some(ExplainReport::new(vec![i.clone()], Some(x.from.clone()))),
        Lookup::Unknown => None,
    }
}

/// `GET /v1/health`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Health {
    /// [`FORMAT_VERSION`].
    pub version: u32,
    /// `ok`.
    pub status: &'static str,
    /// Requests being processed now.
    pub in_flight: usize,
    /// Most requests processed at once (`--workers`).
    pub workers: usize,
}

impl Health {
    /// The answer.
    pub fn new(in_flight: usize, workers: usize) -> Self {
        Self {
            version: FORMAT_VERSION,
            status: "ok",
            in_flight,
            workers,
        }
    }
}

/// `GET /v1/version`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Version {
    /// [`FORMAT_VERSION`] of the JSON shapes.
    pub version: u32,
    /// `gtn`.
    pub name: &'static str,
    /// Version of gtn.
    pub gtn: &'static str,
    /// Version of the exchange file format and its XSD, from
    /// `gtn_fns::format::latest()`: `4.04 (VO_AVTOTS_2_230_07_04_04_01)`.
    pub fns_format: String,
    /// Version of this API.
    pub api: &'static str,
}

impl Version {
    /// The answer.
    pub fn new() -> Self {
        Self {
            version: FORMAT_VERSION,
            name: "gtn",
            gtn: env!("CARGO_PKG_VERSION"),
            fns_format: {
                let f = gtn_fns::format::latest();
                format!("{} ({})", f.version, f.xsd.trim_end_matches(".xsd"))
            },
            api: "v1",
        }
    }
}

impl Default for Version {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn version_names_the_format_of_the_tables() {
        assert_eq!(
            super::Version::new().fns_format,
            "4.04 (VO_AVTOTS_2_230_07_04_04_01)"
        );
    }
}
