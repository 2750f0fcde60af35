//! `gtn generate`: the FNS exchange file from a sender profile and JSON Lines records.

use crate::output::{print_json, Format};
use crate::{Failure, Outcome};
use chrono::{Datelike, Local, NaiveDate};
use clap::{Args, ValueEnum};
use gtn_fns::{generate, input, GenerateError, GenerateRequest, InfoType, RandomGuids};
use serde_json::json;
use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    /// ГОСТЕХНАДЗОР_ТС_10: в течение 10 рабочих дней после регистрации.
    #[value(name = "10")]
    Ten,
    /// ГОСТЕХНАДЗОР_ТС_ГОД: ежегодные сведения.
    Year,
}

#[derive(Args)]
pub struct GenerateArgs {
    /// Профиль отправителя (TOML или JSON).
    #[arg(long)]
    sender: PathBuf,
    /// Записи о регистрации, JSON Lines (одна запись в строке).
    #[arg(long)]
    input: PathBuf,
    /// Тип информации: 10 или year.
    #[arg(long = "type", value_enum)]
    kind: Kind,
    /// Отчётный год для --type year (по умолчанию — год, предшествующий дате файла).
    #[arg(long)]
    year: Option<u16>,
    /// Дата формирования файла ГГГГ-ММ-ДД (по умолчанию — сегодня).
    #[arg(long)]
    date: Option<NaiveDate>,
    /// Папка для файла (создаётся, если её нет; по умолчанию — текущая).
    #[arg(long, default_value = ".")]
    out: PathBuf,
    /// Номер файла N в имени (1-36 знаков; по умолчанию — GUID).
    #[arg(long)]
    number: Option<String>,
    /// Заменить существующий файл с тем же именем.
    #[arg(long)]
    force: bool,
    /// Формат вывода.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

/// Runs `gtn generate`.
pub fn run(a: GenerateArgs) -> Result<Outcome, Failure> {
    let date = a.date.unwrap_or_else(|| Local::now().date_naive());
    let info = match (a.kind, a.year) {
        (Kind::Ten, None) => InfoType::Within10Days,
        (Kind::Ten, Some(_)) => return Err(Failure("--year задаётся только с --type year".into())),
        (Kind::Year, y) => {
            InfoType::Yearly(y.unwrap_or((date.year() - 1).clamp(1900, 2099) as u16))
        }
    };
    let sender_name = a.sender.display().to_string();
    let text =
        std::fs::read_to_string(&a.sender).map_err(|e| Failure(format!("{sender_name}: {e}")))?;
    let sender = input::parse_sender(&sender_name, &text)?;
    std::fs::create_dir_all(&a.out).map_err(|e| Failure(format!("{}: {e}", a.out.display())))?;
    let req = GenerateRequest {
        sender,
        info,
        date,
        number: a.number,
        program_version: Some(format!("gtn {}", env!("CARGO_PKG_VERSION"))),
        out_dir: a.out,
        overwrite: a.force,
    };
    let input_name = a.input.display().to_string();
    let open = || {
        let f = File::open(&a.input).map_err(|e| gtn_fns::InputError {
            file: input_name.clone(),
            line: 0,
            column: 0,
            field: None,
            message: e.to_string(),
        })?;
        Ok((
            input_name.clone(),
            input::records(&input_name, BufReader::new(f)),
        ))
    };
    match generate(&req, open, &mut RandomGuids) {
        Ok(g) => {
            match a.format {
                Format::Text => println!("{}", g.path.display()),
                Format::Json => print_json(&json!({"path": g.path, "documents": g.documents})),
            }
            Ok(Outcome::Fine)
        }
        Err(GenerateError::Input { errors, more }) => {
            if errors.len() == 1 && errors[0].line == 0 && errors[0].field.is_none() {
                // The input could not be opened at all.
                return Err(Failure(errors[0].to_string()));
            }
            match a.format {
                Format::Text => {
                    for e in &errors {
                        eprintln!("{e}");
                    }
                    if more > 0 {
                        eprintln!("… и ещё {more} ошибок");
                    }
                    eprintln!(
                        "gtn: файл не сформирован: ошибок во входных данных: {}",
                        errors.len() + more
                    );
                }
                Format::Json => print_json(&json!({
                    "written": false,
                    "errors": errors.iter().map(|e| json!({
                        "code": e.code(), "file": e.file, "line": e.line, "column": e.column,
                        "field": e.field, "message": e.message,
                    })).collect::<Vec<_>>(),
                    "more": more,
                })),
            }
            Ok(Outcome::Findings)
        }
        Err(e) => Err(Failure(e.to_string())),
    }
}
