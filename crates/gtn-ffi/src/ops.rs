//! What each function does, in safe Rust, on arguments already converted
//! from C: the same library calls as the matching `gtn` command
//! (crates/gtn-cli/src/cmd/*). An `Err` becomes `{"error": …}`.

use crate::error::{AbiCode, Failure};
use crate::json;
use crate::options::{self, OPTIONS};
use chrono::{Datelike, Local};
use gtn_fns::validate::{self, Options as ValidateOptions};
use gtn_fns::{generate, input, GenerateError, GenerateRequest, InfoType, RandomGuids};
use gtn_plates::{Registry, RegistryError};
use gtn_rules::{evaluate, Application, Calendar};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The answer of a function: its JSON document, or why it could not run.
pub type Answer = Result<Value, Failure>;

/// Names of the arguments, as the header spells them: messages and the
/// `file` of errors name them.
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
    /// Every function's last but one or last argument.
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
/// A file that cannot be read is an error (`A004`); in a folder, the files
/// that cannot be read are listed under `unreadable`, as `gtn` does.
pub fn validate_path(path: &str, options_json: Option<&str>) -> Answer {
    let o: options::Validate = options::parse(options_json)?;
    let opts = validate_options(&o);
    let p = Path::new(path);
    let meta = std::fs::metadata(p).map_err(|e| Failure::io(path, &e))?;
    if !meta.is_dir() {
        let r = validate::validate_path(p, &opts).map_err(|e| Failure::io(path, &e))?;
        let any_error = !r.is_valid();
        return Ok(json::validated(
            vec![json::validated_file(path, &r)],
            Vec::new(),
            any_error,
        ));
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(p)
        .map_err(|e| Failure::io(path, &e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|f| f.is_file() && f.extension().is_some_and(|x| x.eq_ignore_ascii_case("xml")))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Failure::new(
            AbiCode::Io.code(),
            format!("{path}: в папке нет файлов *.xml"),
        )
        .in_file(path));
    }
    let (mut reports, mut unreadable, mut any_error) = (Vec::new(), Vec::new(), false);
    for f in &files {
        let name = f.to_string_lossy();
        match validate::validate_path(f, &opts) {
            Ok(r) => {
                any_error |= !r.is_valid();
                reports.push(json::validated_file(&name, &r));
            }
            Err(e) => unreadable.push(format!("{name}: {}", crate::error::io_message(&e))),
        }
    }
    Ok(json::validated(reports, unreadable, any_error))
}

/// A file held in memory, under `file_name` when given (which enables the
/// checks of the name): the shape of `gtn validate FILE --format json`.
pub fn validate_bytes(data: &[u8], file_name: Option<&str>, options_json: Option<&str>) -> Answer {
    let o: options::Validate = options::parse(options_json)?;
    let r = validate::validate_bytes(file_name, data, &validate_options(&o));
    let any_error = !r.is_valid();
    let file = json::validated_file(file_name.unwrap_or(""), &r);
    Ok(json::validated(vec![file], Vec::new(), any_error))
}

/// `gtn check APPLICATION --format json [--today D] [--calendar F]`.
pub fn check(application_json: &str, options_json: Option<&str>) -> Answer {
    let o: options::Check = options::parse(options_json)?;
    let app = Application::from_json(arg::APPLICATION, application_json).map_err(|e| {
        // The code leads the error's Display (`E010 file:line:column: …`).
        let mut f = Failure::from_coded_display(&e.to_string(), "E010").in_file(&e.file);
        f.line = Some(e.line as u64);
        f.column = Some(e.column as u64);
        f.field = Some(e.field.clone());
        f
    })?;
    let mut calendar = Calendar::builtin();
    if let Some(path) = &o.calendar {
        let text = std::fs::read_to_string(path).map_err(|e| Failure::io(path, &e))?;
        calendar.extend(&text).map_err(|e| {
            let mut f = Failure::from_coded_display(&e.to_string(), "C001");
            f.message = format!("{path}: {}", f.message);
            f.in_file(path)
        })?;
    }
    let today = o.today.unwrap_or_else(|| Local::now().date_naive());
    let d = evaluate(&app, today, &calendar)
        .map_err(|e| Failure::from_coded_display(&e.to_string(), "E001"))?;
    json::decision(&d)
}

/// `gtn plate check --type T PLATE --format json`.
pub fn plate_check(plate: &str, options_json: Option<&str>) -> Answer {
    let o: options::PlateCheck = options::parse(options_json)?;
    let t = o
        .plate_type
        .ok_or_else(|| options::missing("type"))?
        .plate_type()?;
    Ok(match Registry::builtin().parse(t, plate) {
        Ok(p) => json::plate_valid(plate, &p),
        Err(e) => json::plate_invalid(plate, &e),
    })
}

fn registry_failure(e: RegistryError) -> Failure {
    let mut f = Failure::new(e.code(), format!("{OPTIONS}: {e}")).in_file(OPTIONS);
    f.field = Some("region".into());
    f
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
        reg.code_for_name(r).map_err(registry_failure)?.to_owned()
    };
    let series = reg.series(&code, t).ok_or_else(|| {
        registry_failure(RegistryError::UnknownCode {
            code: code.clone(),
            plate_type: t,
            appendix: reg.appendix(t).number,
        })
    })?;
    Ok(json::plate_series(&code, t, series))
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
            return Err(options::invalid(
                "year",
                "задаётся только вместе с \"type\": \"year\"",
            ));
        }
        ("year", y) => InfoType::Yearly(y.unwrap_or((date.year() - 1).clamp(1900, 2099) as u16)),
        (other, _) => {
            return Err(options::invalid(
                "type",
                &format!("недопустимое значение «{other}»; допустимы: 10, year"),
            ));
        }
    };
    // The sender profile is JSON (parse_sender reads TOML only for a `.toml`
    // name or a content that is not a JSON object). The library creates
    // `out_dir` only when it writes.
    let sender = input::parse_sender(arg::SENDER, sender_json).map_err(|e| input_failure(&e))?;
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
    let open = || Ok(input::records(arg::RECORDS, records_jsonl.as_bytes()));
    match generate(&req, open, &mut RandomGuids, &mut gtn_fns::Unobserved) {
        Ok(g) => Ok(json::generated(&g)),
        Err(GenerateError::Input { errors, more }) => Ok(json::not_generated(&errors, more)),
        Err(GenerateError::Header { errors }) => {
            // Problems of the sender profile (or the date, year), each
            // naming its field, in the same answer as the records' errors.
            let errors: Vec<gtn_fns::InputError> = errors
                .iter()
                .map(|e| gtn_fns::InputError {
                    file: arg::SENDER.to_owned(),
                    line: 0,
                    column: 0,
                    field: Some(e.field.clone()),
                    message: format!("{}: {} [{}]", e.xml, e.message, e.code),
                })
                .collect();
            Ok(json::not_generated(&errors, 0))
        }
        Err(GenerateError::FileName(e)) => Err(Failure::new(e.code(), e.to_string())),
        Err(e @ GenerateError::Exists { .. }) => {
            Err(Failure::new(e.code(), e.to_string()).in_file(out_dir))
        }
        Err(GenerateError::Write(e)) => Err(Failure::new(e.code(), e.to_string()).in_file(out_dir)),
        Err(e) => Err(Failure::new("F100", e.to_string()).in_file(arg::RECORDS)),
    }
}

/// An error of the sender profile: code F100 with its place.
fn input_failure(e: &gtn_fns::InputError) -> Failure {
    let mut f = Failure::new(e.code(), e.to_string()).in_file(&e.file);
    f.line = (e.line > 0).then_some(e.line as u64);
    f.column = (e.column > 0).then_some(e.column as u64);
    f.field = e.field.clone();
    f
}
