//! `gtn generate`: the FNS exchange file from a sender profile and JSON Lines records.

use crate::cmd::args::{read_text, write_failure};
use crate::input::{check_file, is_stdin, name};
use crate::output::Output;
use crate::signals::{self, Leftover};
use crate::{Failure, Outcome};
use chrono::{Datelike, Local, NaiveDate};
use clap::{Args, ValueEnum};
use gtn_diag::Diagnostic;
use gtn_fns::{
    generate_jsonl, input, GenerateError, GenerateRequest, InfoType, Observer, RandomGuids, Stage,
};
use gtn_model::messages::IoAction;
use gtn_model::FnsDate;
use gtn_report::GenerateReport;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{BufReader, IsTerminal};
use std::path::{Path, PathBuf};

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
    /// Профиль отправителя (TOML или JSON; «-» — стандартный ввод).
    #[arg(long)]
    sender: PathBuf,
    /// Записи о регистрации, JSON Lines (одна запись в строке, не длиннее 1 МиБ; «-» — стандартный ввод).
    #[arg(long)]
    input: PathBuf,
    /// Тип информации: 10 или year.
    #[arg(long = "type", value_enum)]
    kind: Kind,
    /// Отчётный год для --type year, не позже года даты файла (по умолчанию — предыдущий год).
    #[arg(long)]
    year: Option<u16>,
    /// Дата формирования файла ГГГГ-ММ-ДД, 1900-2099 (по умолчанию — сегодня).
    #[arg(long, value_parser = parse_date)]
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

/// `--date`: a real date the format can carry (ДатаТип: years 1900-2099).
fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("«{s}»: ожидается дата ГГГГ-ММ-ДД, существующая в календаре"))?;
    FnsDate::from_date(d).map_err(|e| format!("{e} (ДатаТип формата)"))?;
    Ok(d)
}

/// Progress on stderr when it is a terminal (not under `--quiet`), and the
/// signal check between records.
struct Watch {
    bar: ProgressBar,
    writing: bool,
    started: std::time::Instant,
}

impl Watch {
    fn new(quiet: bool) -> Self {
        let target = if !quiet && std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(None, target);
        if let Ok(s) = ProgressStyle::with_template("{spinner} {msg}") {
            bar.set_style(s);
        }
        Self {
            bar,
            writing: false,
            started: std::time::Instant::now(),
        }
    }
}

impl Observer for Watch {
    fn progress(&mut self, stage: Stage, done: u64) {
        let rate = crate::progress::rate(done, self.started.elapsed());
        match stage {
            Stage::Write { total } => {
                if !self.writing {
                    self.writing = true;
                    self.bar.set_length(total);
                    if let Ok(s) = ProgressStyle::with_template("{wide_bar} {msg}") {
                        self.bar.set_style(s);
                    }
                }
                let left = crate::progress::seconds_left(done, total, rate).unwrap_or(0);
                self.bar.set_message(format!(
                    "записано {done} из {total} ({rate:.0} в секунду, осталось {left} с)"
                ));
            }
            Stage::Check => self
                .bar
                .set_message(format!("проверено записей: {done} ({rate:.0} в секунду)")),
        }
        self.bar.set_position(done);
    }

    fn cancelled(&self) -> bool {
        signals::received().is_some()
    }
}

/// Copies standard input to a temporary file: the records are read more
/// than once (counted for КолДок, then checked and written in one pass),
/// and a pipe can be read once. The copy is removed
/// when the program ends, however it ends.
fn spool_stdin() -> Result<PathBuf, Failure> {
    let path = std::env::temp_dir().join(format!("gtn-stdin-{}.jsonl", std::process::id()));
    let mut f = std::fs::File::options()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| write_failure(IoAction::Write, &path, &e))?;
    signals::on_exit(Leftover::File(path.clone()));
    std::io::copy(&mut std::io::stdin().lock(), &mut f)
        .map_err(|e| crate::cmd::args::read_failure(Path::new("<stdin>"), &e))?;
    Ok(path)
}

/// Folders of `dir` that do not exist yet, the outermost first.
fn missing_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    let mut d = Some(dir);
    while let Some(p) = d {
        if p.as_os_str().is_empty() || p.exists() {
            break;
        }
        v.push(p.to_path_buf());
        d = p.parent();
    }
    v.reverse();
    v
}

/// Runs `gtn generate`.
pub fn run(a: GenerateArgs, out: &Output) -> Result<Outcome, Failure> {
    let date = a.date.unwrap_or_else(|| Local::now().date_naive());
    let info = match (a.kind, a.year) {
        (Kind::Ten, None) => InfoType::Within10Days,
        (Kind::Ten, Some(_)) => {
            return Err(Diagnostic::error("G005", "--year задаётся только с --type year").into())
        }
        (Kind::Year, Some(y)) if i32::from(y) > date.year() => {
            return Err(Diagnostic::error(
                "G005",
                format!(
                    "--year {y}: отчётный год позже года даты файла {} — сведения за год, \
                     который не закончился, не подаются",
                    date.year()
                ),
            )
            .into())
        }
        (Kind::Year, y) => {
            InfoType::Yearly(y.unwrap_or((date.year() - 1).clamp(1900, 2099) as u16))
        }
    };
    if is_stdin(&a.sender) && is_stdin(&a.input) {
        return Err(Diagnostic::error(
            "G005",
            "--sender - и --input -: стандартный ввод можно прочитать только один раз",
        )
        .into());
    }
    let sender_name = name(&a.sender);
    let sender = input::parse_sender(&sender_name, &read_text(&a.sender)?)?;

    // Everything that may be left behind is known before the long work starts.
    signals::install().map_err(|e| write_failure(IoAction::Write, &a.out, &e))?;
    for d in missing_dirs(&a.out) {
        signals::on_exit(Leftover::EmptyDir(d));
    }
    signals::on_exit(Leftover::TempFilesIn(a.out.clone()));

    let (records_path, source) = if is_stdin(&a.input) {
        (spool_stdin()?, "<stdin>".to_owned())
    } else {
        check_file(&a.input)?;
        (a.input.clone(), name(&a.input))
    };
    let req = GenerateRequest {
        sender,
        info,
        date,
        number: a.number,
        program_version: Some(format!("gtn {}", env!("CARGO_PKG_VERSION"))),
        out_dir: a.out,
        overwrite: a.force,
        source: source.clone(),
    };
    let open = || {
        let f = std::fs::File::open(&records_path)?;
        Ok(BufReader::with_capacity(1 << 16, f))
    };
    let mut watch = Watch::new(out.quiet);
    let result = generate_jsonl(&req, open, &mut RandomGuids::default(), &mut watch);
    watch.bar.finish_and_clear();
    match result {
        Ok(g) => {
            let report = GenerateReport::written(g.path.display().to_string(), g.documents);
            out.report(&report, |p, w| p.generate(w, &report));
            Ok(Outcome::Fine)
        }
        Err(GenerateError::Cancelled) => Ok(Outcome::Interrupted(signals::received().unwrap_or(2))),
        Err(GenerateError::Input { errors, more }) => {
            let report =
                GenerateReport::rejected(errors.iter().map(Diagnostic::from).collect(), more);
            out.report(&report, |p, w| p.generate(w, &report));
            Ok(Outcome::Findings)
        }
        Err(GenerateError::Header { errors }) => {
            // The profile (or the date, year, number) cannot be used: the
            // same kind of problem as a profile that does not parse, exit 2.
            Err(Failure(
                errors
                    .iter()
                    .map(|e| Diagnostic::from(e).with_file(sender_name.clone()))
                    .collect(),
            ))
        }
        Err(e) => Err(Failure(e.diagnostics())),
    }
}
