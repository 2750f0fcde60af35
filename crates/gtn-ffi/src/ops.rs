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
use gtn_plates::{Registry, RegistryError};
use gtn_report::ValidateReport;
use gtn_rules::{evaluate, Application, Calendar};
use std::path::{Path, PathBuf};

/// The answer of a function: its JSON document, or why it could not run.
pub type Answer = Result<String, Diagnostic>;

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
/// that cannot be read are listed under `unreadable`, as `gtn` does.
pub fn validate_path(path: &str, options_json: Option<&str>) -> Answer {
    let o: options::Validate = options::parse(options_json)?;
    let opts = validate_options(&o);
    let p = Path::new(path);
    let meta = std::fs::metadata(p).map_err(|e| error::read(IoAction::Read, path, &e))?;
    let mut report = ValidateReport::new();
    if !meta.is_dir() {
        let r =
            validate::validate_path(p, &opts).map_err(|e| error::read(IoAction::Read, path, &e))?;
        report.push(json::validated_file(path, r));
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
        .with_file(path));
    }
    for f in &files {
        let name = f.display().to_string();
        match validate::validate_path(f, &opts) {
            Ok(r) => report.push(json::validated_file(&name, r)),
            Err(e) => report.push_unreadable(error::read(IoAction::Read, &name, &e)),
        }
    }
    Ok(json::validated(&report))
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
    let today = o.today.unwrap_or_else(|| Local::now().date_naive());
    let d = evaluate(&app, today, &calendar).map_err(|e| Diagnostic::from(&e))?;
    Ok(json::decision(d))
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
            .with_path("year"))
        }
        ("year", y) => InfoType::Yearly(y.unwrap_or((date.year() - 1).clamp(1900, 2099) as u16)),
        (other, _) => {
            return Err(options::invalid(
                "type",
                &format!("недопустимое значение «{other}»; допустимы: 10, year"),
            ))
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
            let mut d = e
                .diagnostics()
                .into_iter()
                .next()
                .unwrap_or_else(|| error::internal(&e.to_string()));
            if let GenerateError::Exists { path } = &e {
                // The library's message names the command line's --force.
                d.message = format!(
                    "файл {} уже существует; чтобы заменить его, передайте \"force\": true",
                    path.display()
                );
            }
            Err(d)
        }
    }
}
