//! `gtn`: the command line of the gtn toolkit for state supervision offices
//! (органы гостехнадзора). Thin: it parses arguments, reads and writes files,
//! formats output; all decisions are made by the library crates.
//!
//! Exit status: 0 fine, 1 findings or refusal, 2 could not run, 130/143
//! interrupted by SIGINT/SIGTERM. A closed stdout ends any command quietly
//! with 0.

#[macro_use]
mod output;
mod cmd;
mod input;
mod signals;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::process::ExitCode;

/// gtn — государственная регистрация самоходных машин: файлы обмена с ФНС,
/// регистрационные знаки, проверка заявлений.
#[derive(Parser)]
#[command(name = "gtn", version, about, propagate_version = true)]
struct Cli {
    /// Не выводить ход работы и необязательные сообщения (только результат и ошибки).
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
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
    /// Скрипт автодополнения для оболочки: bash, zsh, fish, powershell, elvish.
    Completions(cmd::meta::CompletionsArgs),
    /// Страница руководства man(1) для gtn (в stdout).
    Man,
}

/// What a command could not do: printed to stderr, exit status 2.
#[derive(Debug)]
pub struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

/// Outcome of a command that ran.
pub enum Outcome {
    /// Everything fine: exit 0.
    Fine,
    /// Findings, invalid input, refusal: exit 1.
    Findings,
    /// Stopped by a signal: exit 128 + its number.
    Interrupted(i32),
}

/// Options every command sees.
#[derive(Debug, Clone, Copy)]
pub struct Global {
    /// `--quiet`.
    pub quiet: bool,
}

/// `gtn --version`: the crate, the FNS format and the Rules it implements.
fn version() -> &'static str {
    let v = format!(
        "{}\nформат файла обмена с ФНС: {}_{}, версия формата {} (часть 230_07)\n{}",
        env!("CARGO_PKG_VERSION"),
        gtn_fns::names::FILE_PREFIX,
        gtn_fns::names::RECIPIENT,
        gtn_fns::names::FORMAT_VERSION,
        gtn_rules::RULES_EDITION,
    );
    Box::leak(v.into_boxed_str())
}

/// The clap definition, with the long version.
pub fn command() -> clap::Command {
    let v = version();
    Cli::command().version(v).long_version(v)
}

fn main() -> ExitCode {
    let matches = command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    let g = Global { quiet: cli.quiet };
    let result = match cli.command {
        Command::Plate(c) => cmd::plate::run(c, g),
        Command::Generate(a) => cmd::generate::run(a, g),
        Command::Validate(a) => cmd::validate::run(a, g),
        Command::Check(a) => cmd::check::run(a),
        Command::Completions(a) => cmd::meta::completions(a),
        Command::Man => cmd::meta::man(),
    };
    let code = match result {
        Ok(Outcome::Fine) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Ok(Outcome::Interrupted(sig)) => {
            errln!("gtn: прервано сигналом; файл не сформирован");
            ExitCode::from(signals::exit_status(sig))
        }
        Err(Failure(msg)) => {
            errln!("gtn: ошибка: {msg}");
            ExitCode::from(2)
        }
    };
    signals::cleanup();
    code
}
