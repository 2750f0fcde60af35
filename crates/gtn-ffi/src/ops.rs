//! What each function does, in safe Rust, on arguments already converted
//! from C: the same library calls as the matching `gtn` command
//! (crates/gtn-cli/src/cmd/*). An `Err` becomes the error answer.

use crate::error::{self, CONFLICT, NO_FILES};
use crate::json;
use crate::options::{self, OPTIONS};
use chrono::{Datelike, Local};
use gtn_diag::Diagnostic;
use gtn_fns::validate::{self, Options as ValidateOptions};
use gtn_fns::{generate_jsonl, input, GenerateError, GenerateRequest, InfoType, RandomGuids};
use gtn_model::messages::IoAction;
use gtn_model::{Plate, PlateType};
use gtn_plates::{Registry, RegistryError};
use gtn_report::{ErrorReport, ValidateReport, ValidatedFile};
use gtn_rules::{evaluate_with, Application, Calendar, Edition};
use std::path::{Path, PathBuf};

/// The answer of a function: its JSON document, or why it could not run
/// (every problem found, not only the first: the error answer's `errors`).
pub type Answer = Result<String, ErrorReport>;

/// Names of the arguments, as the header spells them: the `file` of an
/// error about an argument names it.
pub mod arg {
    /// `gtn_validate_path(path, …)`.
    pub const PATH: &str = "path";
    /// `gtn_validate_bytes(data, len, …)`.
    pub const DATA: &str = "data";
    /// `gtn_validate_bytes(…, file_name, …)`.
    pub const FILE_NAME: &str = "file_name";
    /// `gtn_check(application_json, …)`.
    pub const APPLICATION: &str = "application_json";
    /// `gtn_plate_check(plate, …)`.
    pub const PLATE: &str = "plate";
    /// `gtn_generate(sender_json, …)`.
    pub const SENDER: &str = "sender_json";
    /// `gtn_generate(…, records_jsonl, …)`.
    pub const RECORDS: &str = "records_jsonl";
    /// `gtn_generate(…, out_dir)`.
    pub const OUT_DIR: &str = "out_dir";
    /// Every function's options.
    pub const OPTIONS: &str = super::OPTIONS;
}

fn validate_options(o: &options::Validate) -> ValidateOptions {
    ValidateOptions {
        max_errors: o.max_errors,
        threads: o.threads,
        ..ValidateOptions::default()
    }
}

/// `gtn validate PATH --format json`: a file, or every `*.xml` of a folder.
/// A file that cannot be read is an error (`G002`); in a folder, the files
/// that cannot be read are listed under `unreadable`, as `gtn` does (and a
/// file whose read fails after findings keeps them, closed as stopped).
pub fn validate_path(path: &str, options_json: Option<&str>) -> Answer {
    let o: options::Validate = options::parse(options_json)?;
    let opts = validate_options(&o);
    let p = Path::new(path);
    let meta = std::fs::metadata(p).map_err(|e| error::read(IoAction::Read, path, &e))?;
    let mut report = ValidateReport::new();
    if !meta.is_dir() {
        validate_file(&mut report, p, path, &opts)?;
        return Ok(json::validated(&report));
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(p)
        .map_err(|e| error::read(IoAction::ListDir, path, &e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|f| f.is_file() && f.extension().is_some_and(|x| x.eq_ignore_ascii_case("xml")))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Diagnostic::error(
            NO_FILES,
            format!("в папке {path} нет файлов *.xml для проверки"),
        )
        .with_file(path)
        .into());
    }
    for f in &files {
        let name = f.display().to_string();
        if let Err(d) = validate_file(&mut report, f, &name, &opts) {
            report.push_unreadable(d);
        }
    }
    Ok(json::validated(&report))
}

/// Checks one file on disk into `report`, shown as `name`.
fn validate_file(
    report: &mut ValidateReport,
    path: &Path,
    name: &str,
    opts: &ValidateOptions,
) -> Result<(), Diagnostic> {
    let mut findings = Vec::new();
    let result = validate::validate_path_to(path, opts, &mut |f| {
        findings.push(Diagnostic::from(&f));
    });
    add_file(report, name, findings, result)
}

/// A file's outcome into `report`, as `gtn validate --format json` writes
/// it. A file that could not be read before any finding is the `Err` (the
/// caller lists it under `unreadable`, or answers with it); one whose read
/// failed after findings keeps them: its entry is closed as stopped, not
/// valid, and the error is listed under `unreadable`.
fn add_file(
    report: &mut ValidateReport,
    name: &str,
    findings: Vec<Diagnostic>,
    result: std::io::Result<validate::Summary>,
) -> Result<(), Diagnostic> {
    match result {
        Ok(summary) => {
            report.push(json::validated_summary(name, summary, findings));
            Ok(())
        }
        Err(e) if findings.is_empty() => Err(error::read(IoAction::Read, name, &e)),
        Err(e) => {
            report.push(ValidatedFile::cut(name, findings));
            report.push_unreadable(error::read(IoAction::Read, name, &e));
            Ok(())
        }
    }
}

/// A file held in memory, under `file_name` when given (which enables the
/// checks of the name): the shape of `gtn validate FILE --format json`.
pub fn validate_bytes(data: &[u8], file_name: Option<&str>, options_json: Option<&str>) -> Answer {
    let o: options::Validate = options::parse(options_json)?;
    let r = validate::validate_bytes(file_name, data, &validate_options(&o));
    let mut report = ValidateReport::new();
    report.push(json::validated_file(file_name.unwrap_or(""), r));
    Ok(json::validated(&report))
}

/// `gtn check APPLICATION --format json [--today D] [--calendar F]`.
pub fn check(application_json: &str, options_json: Option<&str>) -> Answer {
    let o: options::Check = options::parse(options_json)?;
    let app = Application::from_json(arg::APPLICATION, application_json)
        .map_err(|e| Diagnostic::from(&e))?;
    let mut calendar = Calendar::builtin();
    if let Some(path) = &o.calendar {
        let text =
            std::fs::read_to_string(path).map_err(|e| error::read(IoAction::Read, path, &e))?;
        calendar
            .extend(&text)
            .map_err(|e| Diagnostic::from(&e).with_file(path.as_str()))?;
    }
    let mut opts = gtn_rules::Options::new(&calendar);
    if let Some(path) = &o.edition {
        let text =
            std::fs::read_to_string(path).map_err(|e| error::read(IoAction::Read, path, &e))?;
        opts.edition = Edition::from_json(path, &text).map_err(|e| Diagnostic::from(&e))?;
    }
    let issued = match (&o.issued, gtn_rules::plate_type(&app)) {
        (Some(list), Some(t)) => issued_plates(list, t)?,
        _ => Vec::new(),
    };
    opts.issued = &issued;
    let today = o.today.unwrap_or_else(|| Local::now().date_naive());
    let d = evaluate_with(&app, today, &opts).map_err(|e| Diagnostic::from(&e))?;
    Ok(json::decision(d))
}

/// The `issued` option: every plate that is not one of the type is named
/// (`issued[i]`), not only the first.
fn issued_plates(list: &[String], t: PlateType) -> Result<Vec<Plate>, ErrorReport> {
    gtn_plates::parse_issued_items(list, t).map_err(|bad| {
        ErrorReport::new(
            bad.into_iter()
                .map(|(i, e)| {
                    Diagnostic::from(&e)
                        .with_file(OPTIONS)
                        .with_path(format!("issued[{i}]"))
                        .with_value(list[i].clone())
                })
                .collect(),
        )
    })
}

/// `gtn plate check --type T PLATE --format json`.
pub fn plate_check(plate: &str, options_json: Option<&str>) -> Answer {
    let o: options::PlateCheck = options::parse(options_json)?;
    let t = o
        .plate_type
        .ok_or_else(|| options::missing("type"))?
        .plate_type()?;
    Ok(match Registry::builtin().parse(t, plate) {
        Ok(p) => json::plate_valid(plate, p),
        Err(e) => json::plate_invalid(plate, &e),
    })
}

fn region_failure(e: &RegistryError) -> Diagnostic {
    Diagnostic::from(e).with_file(OPTIONS).with_path("region")
}

/// `gtn plate series --region R --type T --format json`.
pub fn plate_series(options_json: Option<&str>) -> Answer {
    let o: options::PlateSeries = options::parse(options_json)?;
    let t = o
        .plate_type
        .ok_or_else(|| options::missing("type"))?
        .plate_type()?;
    let region = o.region.ok_or_else(|| options::missing("region"))?;
    let reg = Registry::builtin();
    let r = region.trim();
    let code = if !r.is_empty() && r.bytes().all(|b| b.is_ascii_digit()) {
        r.to_owned()
    } else {
        reg.code_for_name(r)
            .map_err(|e| region_failure(&e))?
            .to_owned()
    };
    let series = reg.series(&code, t).ok_or_else(|| {
        region_failure(&RegistryError::UnknownCode {
            code: code.clone(),
            plate_type: t,
            appendix: reg.appendix(t).number,
        })
        .with_value(code.clone())
    })?;
    Ok(json::plate_series(code, t, series))
}

/// `gtn generate --sender S --input R --type T … --out DIR --format json`,
/// with the sender profile and the records given as text.
pub fn generate_file(
    sender_json: &str,
    records_jsonl: &str,
    options_json: Option<&str>,
    out_dir: &str,
) -> Answer {
    let o: options::Generate = options::parse(options_json)?;
    let date = o.date.unwrap_or_else(|| Local::now().date_naive());
    let kind = o.kind_text().ok_or_else(|| options::missing("type"))?;
    let info = match (kind.trim(), o.year) {
        ("10", None) => InfoType::Within10Days,
        ("10", Some(_)) => {
            return Err(Diagnostic::error(
                CONFLICT,
                "параметр «year» задаётся только вместе с \"type\": \"year\"",
            )
            .with_file(OPTIONS)
            .with_path("year")
            .into())
        }
        ("year", y) => InfoType::Yearly(y.unwrap_or((date.year() - 1).clamp(1900, 2099) as u16)),
        (other, _) => {
            return Err(options::invalid(
                "type",
                &format!("недопустимое значение «{other}»; допустимы: 10, year"),
            )
            .into())
        }
    };
    // The sender profile is JSON (parse_sender reads TOML only for a `.toml`
    // name or a content that is not a JSON object). The library creates
    // `out_dir` only when it writes.
    let sender = input::parse_sender(arg::SENDER, sender_json).map_err(|e| Diagnostic::from(&e))?;
    let req = GenerateRequest {
        sender,
        info,
        date,
        number: o.number,
        program_version: Some(format!("gtn {}", env!("CARGO_PKG_VERSION"))),
        out_dir: PathBuf::from(out_dir),
        overwrite: o.force,
        source: arg::RECORDS.to_owned(),
    };
    let open = || Ok(records_jsonl.as_bytes());
    match generate_jsonl(
        &req,
        open,
        &mut RandomGuids::default(),
        &mut gtn_fns::Unobserved,
    ) {
        Ok(g) => Ok(json::generated(&g)),
        Err(GenerateError::Input { errors, more }) => Ok(json::not_generated(&errors, more)),
        Err(GenerateError::Header { errors }) => {
            // Problems of the sender profile (or the date, year), each
            // naming its field, in the same answer as the records' errors.
            let errors: Vec<gtn_fns::InputError> = errors
                .iter()
                .map(|e| gtn_fns::InputError {
                    code: e.code,
                    file: arg::SENDER.to_owned(),
                    line: 0,
                    column: 0,
                    field: Some(e.field.clone()),
                    message: format!("{}: {}", e.xml, e.message),
                })
                .collect();
            Ok(json::not_generated(&errors, 0))
        }
        Err(e) => {
            let mut ds = e.diagnostics();
            if ds.is_empty() {
                ds.push(error::internal(&e.to_string()));
            }
            if let (GenerateError::Exists { path }, Some(d)) = (&e, ds.first_mut()) {
                // The library's message names the command line's --force.
                d.message = format!(
                    "файл {} уже существует; чтобы заменить его, передайте \"force\": true",
                    path.display()
                );
            }
            Err(ErrorReport::new(ds))
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use gtn_report::json::ValidateStream;
    use std::io::Error;

    fn eio() -> std::io::Result<validate::Summary> {
        Err(Error::other("Input/output error"))
    }

    /// A read that fails after findings keeps them, as `gtn validate
    /// --format json` does: the same bytes as its streaming printer.
    #[test]
    fn a_file_unreadable_after_findings_keeps_them() {
        let findings = vec![
            Diagnostic::error("V040", "ИНН").with_file("a.xml"),
            Diagnostic::warning("V051", "предупреждение"),
        ];
        let mut report = ValidateReport::new();
        add_file(&mut report, "a.xml", findings.clone(), eio()).unwrap();

        let mut stream = ValidateStream::new(Vec::new());
        stream.begin_file("a.xml");
        for d in &findings {
            stream.finding(d).unwrap();
        }
        stream
            .unreadable(error::read(IoAction::Read, "a.xml", &eio().unwrap_err()))
            .unwrap();
        let cli = String::from_utf8(stream.finish().unwrap()).unwrap();
        assert_eq!(json::validated(&report), cli);
        assert!(!report.valid && report.files[0].report.stopped);
        assert_eq!(report.unreadable[0].code, "G002");
    }

    /// Before any finding, the failure is the caller's: an error answer
    /// for a file, an entry of `unreadable` in a folder.
    #[test]
    fn a_file_unreadable_before_findings_is_the_error() {
        let mut report = ValidateReport::new();
        let d = add_file(&mut report, "a.xml", Vec::new(), eio()).unwrap_err();
        assert_eq!(d.code, "G002");
        assert!(report.files.is_empty() && report.unreadable.is_empty());
    }

    fn repo(path: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(path)
    }

    fn app(name: &str) -> String {
        std::fs::read_to_string(repo(&format!("examples/applications/{name}"))).unwrap()
    }

    /// `issued` names the next free plate: the answer is the document of
    /// `gtn check … --issued examples/issued-82.txt --format json`
    /// (its checked-in snapshot).
    #[test]
    fn check_with_issued_plates_is_the_commands_answer() {
        let o = r#"{"today":"2025-12-30","issued":["0001 КА 82"," 0002КА82","0004 КА 82"]}"#;
        let got = check(&app("proceed-registration-crimea.json"), Some(o)).unwrap();
        let cli = std::fs::read_to_string(repo("tests/snapshots/check-crimea.json")).unwrap();
        let v = |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap();
        assert_eq!(v(&got), v(&cli));
        assert!(got.contains("0003КА82"), "{got}");
    }

    #[test]
    fn every_bad_issued_plate_is_named() {
        let o = r#"{"today":"2025-12-30","issued":["0001 КА 82","xyz","0003 КА 82",""]}"#;
        let ds = check(&app("proceed-registration-crimea.json"), Some(o))
            .unwrap_err()
            .errors;
        let at: Vec<_> = ds.iter().map(|d| d.path.as_deref().unwrap()).collect();
        assert_eq!(at, ["issued[1]", "issued[3]"]);
        assert!(ds.iter().all(|d| d.file.as_deref() == Some(OPTIONS)));
        let answer = json::error(ErrorReport::new(ds));
        assert!(answer.contains(r#""errors":[{"#) && answer.contains(r#""error":{"#));
    }

    /// `edition` is `gtn check --edition`: an office's window of the Rules.
    #[test]
    fn check_with_an_office_edition() {
        let dir = std::env::temp_dir().join(format!("gtn-ffi-edition-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let e = dir.join("edition.json");
        std::fs::write(
            &e,
            r#"{"name": "Правила № 1507", "in_force_from": "2021-01-01", "in_force_until": "2025-09-01"}"#,
        )
        .unwrap();
        let o = serde_json::json!({"today": "2025-12-30", "edition": e}).to_string();
        let got = check(&app("proceed-registration.json"), Some(&o)).unwrap();
        assert!(got.contains(r#""code":"E101""#), "{got}");
        std::fs::write(
            &e,
            r#"{"name": "x", "in_force_from": "2021-01-01", "untill": "2027-01-01"}"#,
        )
        .unwrap();
        let ds = check(&app("proceed-registration.json"), Some(&o))
            .unwrap_err()
            .errors;
        assert!(ds[0].message.contains("untill"), "{ds:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_read_to_its_end_is_an_entry() {
        let mut report = ValidateReport::new();
        let summary = validate::Summary {
            documents: 3,
            bytes: 10,
            parts: 1,
            ..validate::Summary::default()
        };
        let w = vec![Diagnostic::warning("V051", "предупреждение")];
        add_file(&mut report, "a.xml", w, Ok(summary)).unwrap();
        let f = &report.files[0];
        assert!(f.valid && !f.report.stopped && f.report.documents == 3);
        assert_eq!((f.errors, f.warnings), (0, 1));
    }
}
