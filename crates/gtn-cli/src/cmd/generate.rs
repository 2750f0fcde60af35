//! `gtn generate`: the FNS exchange file from a sender profile and JSON Lines records.

use crate::cmd::args::{read_failure, read_text, write_failure};
use crate::output::Output;
use crate::{Failure, Outcome};
use chrono::{Datelike, Local, NaiveDate};
use clap::{Args, ValueEnum};
use gtn_diag::Diagnostic;
use gtn_fns::{generate, input, GenerateError, GenerateRequest, InfoType, RandomGuids};
use gtn_model::messages::{io_error, IoAction};
use gtn_report::GenerateReport;
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
}

/// Runs `gtn generate`.
pub fn run(a: GenerateArgs, out: &Output) -> Result<Outcome, Failure> {
    let date = a.date.unwrap_or_else(|| Local::now().date_naive());
    let info = match (a.kind, a.year) {
        (Kind::Ten, None) => InfoType::Within10Days,
        (Kind::Ten, Some(_)) => {
            return Err(Diagnostic::error("G005", "--year задаётся только с --type year").into())
        }
        (Kind::Year, y) => {
            InfoType::Yearly(y.unwrap_or((date.year() - 1).clamp(1900, 2099) as u16))
        }
    };
    let sender_name = a.sender.display().to_string();
    let text = read_text(&a.sender)?;
    let sender = input::parse_sender(&sender_name, &text)?;
    std::fs::create_dir_all(&a.out).map_err(|e| write_failure(IoAction::CreateDir, &a.out, &e))?;
    // The input is opened by the library (twice: check, then write); say
    // what is wrong with it before anything starts.
    if let Err(e) = File::open(&a.input) {
        return Err(read_failure(&a.input, &e));
    }
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
            code: "F100",
            file: input_name.clone(),
            line: 0,
            column: 0,
            field: None,
            message: io_error(IoAction::Read, &input_name, &e),
        })?;
        Ok((
            input_name.clone(),
            input::records(&input_name, BufReader::new(f)),
        ))
    };
    match generate(&req, open, &mut RandomGuids) {
        Ok(g) => {
            let report = GenerateReport::written(g.path.display().to_string(), g.documents);
            out.report(&report, |p, w| p.generate(w, &report));
            Ok(Outcome::Fine)
        }
        Err(GenerateError::Input { errors, more }) => {
            let report =
                GenerateReport::rejected(errors.iter().map(Diagnostic::from).collect(), more);
            out.report(&report, |p, w| p.generate(w, &report));
            Ok(Outcome::Findings)
        }
        Err(e) => Err(Failure(e.diagnostics())),
    }
}
