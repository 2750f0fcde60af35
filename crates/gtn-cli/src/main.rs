//! `gtn`: the command line of the gtn toolkit for state supervision offices
//! (органы гостехнадзора). Thin: it parses arguments, reads and writes files,
//! and hands report data to the printers of `gtn-report`; all decisions are
//! made by the library crates.
//!
//! Exit status: 0 fine, 1 findings or refusal, 2 could not run, 130/143
//! interrupted by SIGINT/SIGTERM. A closed stdout ends any command quietly
//! with 0.

#[macro_use]
mod output;
mod cmd;
mod input;
mod progress;
mod signals;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use gtn_diag::Diagnostic;
use gtn_report::ErrorReport;
use output::{Color, Format, Output};
use std::process::ExitCode;

/// gtn — государственная регистрация самоходных машин: файлы обмена с ФНС,
/// регистрационные знаки, проверка заявлений.
#[derive(Parser)]
#[command(name = "gtn", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Формат вывода: text — для человека, json — один документ JSON для программ.
    #[arg(long, value_enum, default_value_t, global = true)]
    format: Format,
    /// Цвет в текстовом выводе: auto — на терминале, если не задана NO_COLOR.
    #[arg(long, value_enum, default_value_t, global = true)]
    color: Color,
    /// Не выводить ход работы и необязательные сообщения (только результат и ошибки).
    #[arg(long, short, global = true)]
    quiet: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Регистрационные знаки: серии, проверка, следующий свободный (Приложения № 4, 5).
    #[command(subcommand)]
    Plate(cmd::plate::PlateCommand),
    /// Сформировать файл обмена VO_AVTOTS для ФНС (формат 4.04, часть 230_07).
    Generate(cmd::generate::GenerateArgs),
    /// Проверить файлы обмена VO_AVTOTS: имя, кодировку, структуру и всё, что требует формат.
    Validate(cmd::validate::ValidateArgs),
    /// Проверить заявление: решение, основания отказа п. 58 с абзацами, сроки (Правила № 1507).
    Check(cmd::check::CheckArgs),
    /// Объяснить код замечания: что значит, откуда, пример, что делать.
    Explain(cmd::explain::ExplainArgs),
    /// HTTP-сервис: API /v1 для региональных систем и страница для сотрудников (по умолчанию http://127.0.0.1:8080/).
    Serve(cmd::serve::ServeArgs),
    /// Скрипт автодополнения для оболочки: bash, zsh, fish, powershell, elvish.
    Completions(cmd::meta::CompletionsArgs),
    /// Страница руководства man(1) для gtn (в stdout).
    Man,
}

/// What stopped a command: exit status 2, printed as an error report.
#[derive(Debug)]
pub struct Failure(pub Vec<Diagnostic>);

impl<E: Into<Diagnostic>> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(vec![e.into()])
    }
}

/// Outcome of a command that ran and printed its report.
pub enum Outcome {
    /// Everything fine: exit 0.
    Fine,
    /// Findings, invalid input, refusal: exit 1.
    Findings,
    /// The report is printed, but part of the run could not be made: exit 2.
    Incomplete,
    /// Stopped by a signal: exit 128 + its number.
    Interrupted(i32),
}

/// `gtn --version`: the crate, the FNS format and the Rules it implements.
fn version() -> &'static str {
    let v = format!(
        "{}\nформат файла обмена с ФНС: {}_{}, версии формата {} (часть 230_07)\n{}",
        env!("CARGO_PKG_VERSION"),
        gtn_fns::names::FILE_PREFIX,
        gtn_fns::names::RECIPIENT,
        gtn_fns::format::VERSIONS
            .iter()
            .map(|v| v.version)
            .collect::<Vec<_>>()
            .join(", "),
        gtn_rules::RULES_EDITION,
    );
    Box::leak(v.into_boxed_str())
}

/// The clap definition, with the long version.
pub fn command() -> clap::Command {
    let v = version();
    cmd::args::russian(Cli::command().version(v).long_version(v))
}

/// `--format json` anywhere among the raw arguments (for errors of the
/// arguments themselves, before clap has parsed them).
fn format_from_raw(args: &[std::ffi::OsString]) -> Format {
    let mut json = false;
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == "--format" {
            json = it.next().is_some_and(|v| v == "json");
        } else if let Some(v) = a.strip_prefix("--format=") {
            json = v == "json";
        }
    }
    if json {
        Format::Json
    } else {
        Format::Text
    }
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let parsed = command()
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => return cmd::args::report_clap_error(e, format_from_raw(&args)),
    };
    let out = Output::new(cli.format, cli.color).quiet(cli.quiet);
    let result = match cli.command {
        Command::Plate(c) => cmd::plate::run(c, &out),
        Command::Generate(a) => cmd::generate::run(a, &out),
        Command::Validate(a) => cmd::validate::run(a, &out),
        Command::Check(a) => cmd::check::run(a, &out),
        Command::Explain(a) => cmd::explain::run(a, &out),
        Command::Serve(a) => cmd::serve::run(a, &out),
        Command::Completions(a) => cmd::meta::completions(a),
        Command::Man => cmd::meta::man(),
    };
    let code = match result {
        Ok(Outcome::Fine) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Ok(Outcome::Incomplete) => ExitCode::from(2),
        Ok(Outcome::Interrupted(sig)) => {
            errln!("gtn: прервано сигналом; ничего не записано");
            ExitCode::from(signals::exit_status(sig))
        }
        Err(Failure(errors)) => {
            out.error(&ErrorReport::new(errors));
            ExitCode::from(2)
        }
    };
    signals::cleanup();
    code
}
