//! `gtn`: the command line of the gtn toolkit for state supervision offices
//! (органы гостехнадзора). Thin: it parses arguments, reads and writes files,
//! formats output; all decisions are made by the library crates.
//!
//! Exit status: 0 fine, 1 findings or refusal, 2 could not run.

mod cmd;
mod output;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// gtn — государственная регистрация самоходных машин: файлы обмена с ФНС,
/// регистрационные знаки, проверка заявлений.
#[derive(Parser)]
#[command(name = "gtn", version, about, propagate_version = true)]
struct Cli {
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
    /// HTTP-сервис: API /v1 для региональных систем и страница для сотрудников (по умолчанию http://127.0.0.1:8080/).
    Serve(cmd::serve::ServeArgs),
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Plate(c) => cmd::plate::run(c),
        Command::Generate(a) => cmd::generate::run(a),
        Command::Validate(a) => cmd::validate::run(a),
        Command::Check(a) => cmd::check::run(a),
        Command::Serve(a) => cmd::serve::run(a),
    };
    match result {
        Ok(Outcome::Fine) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(Failure(msg)) => {
            eprintln!("gtn: ошибка: {msg}");
            ExitCode::from(2)
        }
    }
}
