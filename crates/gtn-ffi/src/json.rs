//! Every JSON answer of the C ABI is built here, and only here, from the
//! report types of gtn-report: the same documents as `gtn … --format json`
//! prints, `version` included.
//!
//! A failure is gtn-report's [`ErrorReport`] (`version`, `ok: false`,
//! `errors`) with, in addition, the member `error`: the first (usually the
//! only) diagnostic, so that a caller tests one member (`"error" in answer`).

use gtn_diag::Diagnostic;
use gtn_fns::validate::{Report, Summary};
use gtn_fns::Generated;
use gtn_model::{Plate, PlateType};
use gtn_plates::RegistryError;
use gtn_report::{
    ErrorReport, FileFindings, GenerateReport, PlateCheckReport, PlateSeriesReport, ValidateReport,
    ValidatedFile,
};
use gtn_rules::Decision;
use serde::Serialize;

/// Version of the ABI: raised when a function's signature changes
/// incompatibly. The shapes of the answers have their own version,
/// `gtn_report::FORMAT_VERSION` (`"version"` in every answer).
pub const ABI_VERSION: u32 = 1;

/// One compact JSON document.
fn doc<T: Serialize>(report: &T) -> String {
    gtn_report::json::to_string(report)
}

/// What `gtn_version` says.
#[derive(Serialize)]
struct Version {
    version: u32,
    name: &'static str,
    gtn: &'static str,
    abi: u32,
    /// The version gtn writes.
    fns_format: &'static str,
    /// Its schema under xsd/.
    fns_xsd: &'static str,
    /// Every version gtn reads.
    fns_formats: Vec<&'static str>,
    rules: &'static str,
}

/// `gtn_version`: what this library is and implements.
pub fn version() -> String {
    doc(&Version {
        version: gtn_report::FORMAT_VERSION,
        name: "gtn",
        gtn: env!("CARGO_PKG_VERSION"),
        abi: ABI_VERSION,
        fns_format: gtn_fns::format::latest().version,
        fns_xsd: gtn_fns::format::latest().xsd,
        fns_formats: gtn_fns::format::VERSIONS
            .iter()
            .map(|v| v.version)
            .collect(),
        rules: gtn_rules::RULES,
    })
}

/// A call that could not run: `{"version","ok":false,"errors":[d…],"error":d}`
/// (`error` is the first of `errors`).
pub fn error(report: ErrorReport) -> String {
    #[derive(Serialize)]
    struct Failed<'a> {
        #[serde(flatten)]
        report: &'a ErrorReport,
        error: &'a Diagnostic,
    }
    match report.errors.first() {
        Some(first) => doc(&Failed {
            report: &report,
            error: first,
        }),
        None => doc(&report),
    }
}

/// One checked file, as `gtn validate` reports it.
pub fn validated_file(path: &str, r: Report) -> ValidatedFile {
    ValidatedFile::new(
        path,
        FileFindings {
            findings: r.findings.iter().map(Diagnostic::from).collect(),
            file: r.file,
            documents: r.documents,
            stopped: r.stopped,
            bytes: r.bytes,
            parts: r.parts,
        },
    )
}

/// One checked file whose findings went through a sink (already converted).
pub fn validated_summary(path: &str, s: Summary, findings: Vec<Diagnostic>) -> ValidatedFile {
    ValidatedFile::new(
        path,
        FileFindings {
            findings,
            file: s.file,
            documents: s.documents,
            stopped: s.stopped,
            bytes: s.bytes,
            parts: s.parts,
        },
    )
}

/// `gtn validate --format json`.
pub fn validated(report: &ValidateReport) -> String {
    doc(report)
}

/// `gtn check --format json`.
pub fn decision(d: Decision) -> String {
    doc(&gtn_report::CheckReport::new(d))
}

/// `gtn plate check --format json` for a valid plate.
pub fn plate_valid(input: &str, p: Plate) -> String {
    doc(&PlateCheckReport::valid(input.to_owned(), p))
}

/// `gtn plate check --format json` for an invalid plate.
pub fn plate_invalid(input: &str, e: &RegistryError) -> String {
    let d = Diagnostic::from(e).with_value(input);
    doc(&PlateCheckReport::invalid(input.to_owned(), vec![d]))
}

/// `gtn plate series --format json`.
pub fn plate_series(code: String, t: PlateType, series: &[String]) -> String {
    doc(&PlateSeriesReport::new(
        code,
        t.as_str().to_owned(),
        series.to_vec(),
    ))
}

/// `gtn generate --format json` when the file is written.
pub fn generated(g: &Generated) -> String {
    doc(&GenerateReport::written(
        g.path.display().to_string(),
        g.documents,
    ))
}

/// `gtn generate --format json` when the input has errors: nothing written.
pub fn not_generated(errors: &[gtn_fns::InputError], more: usize) -> String {
    doc(&GenerateReport::rejected(
        errors.iter().map(Diagnostic::from).collect(),
        more,
    ))
}
