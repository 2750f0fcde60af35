//! Errors of the arguments and of the files named in them, as diagnostics.

use crate::output::{Color, Format, Output};
use crate::Failure;
use gtn_diag::Diagnostic;
use gtn_model::messages::{io_error, IoAction};
use gtn_report::ErrorReport;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Russian value names for the arguments (clap would print `<SENDER>`).
fn value_name(id: &str) -> Option<&'static str> {
    Some(match id {
        "sender" | "input" | "issued" | "application" | "calendar" => "ФАЙЛ",
        "paths" => "ФАЙЛ_ИЛИ_ПАПКА",
        "kind" | "plate_type" => "ТИП",
        "year" => "ГОД",
        "date" | "today" => "ДАТА",
        "out" => "ПАПКА",
        "number" | "max_errors" | "threads" => "N",
        "region" => "РЕГИОН",
        "plate" => "ЗНАК",
        "format" => "ФОРМАТ",
        "color" => "ЦВЕТ",
        "code" => "КОД",
        "shell" => "ОБОЛОЧКА",
        _ => return None,
    })
}

/// The command line with Russian headings, value names and help of the
/// built-in flags, at every level.
pub fn russian(cmd: clap::Command) -> clap::Command {
    let cmd = cmd
        .disable_help_subcommand(true)
        .subcommand_help_heading("Команды")
        .subcommand_value_name("КОМАНДА")
        .mut_args(|a| match value_name(a.get_id().as_str()) {
            Some(n) if a.get_value_names().is_some() || a.is_positional() => a.value_name(n),
            _ => a,
        });
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    names
        .iter()
        .fold(cmd, |cmd, n| cmd.mut_subcommand(n, russian))
}

/// Clap's own words in help and usage, in Russian.
pub fn translate_help(text: &str) -> String {
    const WORDS: &[(&str, &str)] = &[
        (
            "Print help (see a summary with '-h')",
            "Показать справку (кратко: -h)",
        ),
        (
            "Print help (see more with '--help')",
            "Показать справку (подробно: --help)",
        ),
        ("Print help", "Показать справку"),
        ("Print version", "Показать версию"),
        ("Usage:", "Использование:"),
        ("Commands:", "Команды:"),
        ("Arguments:", "Аргументы:"),
        ("Options:", "Параметры:"),
        ("Possible values:", "Допустимые значения:"),
        ("[default: ", "[по умолчанию: "),
        ("[possible values: ", "[допустимые значения: "),
        ("[aliases: ", "[другие имена: "),
        ("[OPTIONS]", "[ПАРАМЕТРЫ]"),
        ("<COMMAND>", "<КОМАНДА>"),
        ("[COMMAND]", "[КОМАНДА]"),
    ];
    let mut s = text.to_owned();
    for (en, ru) in WORDS {
        s = s.replace(en, ru);
    }
    s
}

fn ctx(e: &clap::Error, k: clap::error::ContextKind) -> Option<String> {
    e.get(k).map(|v| v.to_string())
}

/// Russian wording of the error of a value parser (chrono, integers, or our own).
fn value_problem(e: &clap::Error, arg: &str) -> String {
    use std::error::Error as _;
    let src = e.source().map(|s| s.to_string()).unwrap_or_default();
    match src.as_str() {
        "invalid digit found in string" => "ожидается целое число".to_owned(),
        "cannot parse integer from empty string" => "пусто, а ожидается целое число".to_owned(),
        "number too large to fit in target type" => "слишком большое число".to_owned(),
        "number too small to fit in target type" => "слишком малое число".to_owned(),
        // Our own value parsers speak Russian already (`--date` outside 1900-2099).
        _ if src.chars().any(|c| matches!(c, 'А'..='я' | 'Ё' | 'ё')) => src,
        _ if arg.contains("--date") || arg.contains("--today") => {
            match gtn_model::messages::translate(&src).as_str() {
                "такой даты нет в календаре" => {
                    "такой даты нет в календаре".to_owned()
                }
                _ => "ожидается дата ГГГГ-ММ-ДД".to_owned(),
            }
        }
        _ => gtn_model::messages::translate(&src),
    }
}

/// The Russian message of a clap error (never clap's English).
pub fn clap_message(e: &clap::Error) -> String {
    use clap::error::{ContextKind as C, ErrorKind as K};
    let arg = ctx(e, C::InvalidArg).unwrap_or_default();
    let value = ctx(e, C::InvalidValue).unwrap_or_default();
    let hint = |k: C| {
        ctx(e, k)
            .filter(|s| !s.is_empty())
            .map(|s| format!("; может быть, {s}?"))
            .unwrap_or_default()
    };
    let shown = gtn_diag::text::show(&value);
    match e.kind() {
        K::InvalidValue => {
            let valid = ctx(e, C::ValidValue)
                .map(|v| format!("; допустимы: {v}"))
                .unwrap_or_default();
            if value.is_empty() {
                format!("у параметра {arg} не указано значение{valid}")
            } else {
                format!("недопустимое значение «{shown}» для {arg}{valid}")
            }
        }
        K::UnknownArgument => {
            let a = arg.trim();
            format!(
                "неизвестный параметр «{}»{}",
                gtn_diag::text::show(a),
                hint(C::SuggestedArg)
            )
        }
        K::InvalidSubcommand => format!(
            "неизвестная команда «{}»{}",
            gtn_diag::text::show(&ctx(e, C::InvalidSubcommand).unwrap_or_default()),
            hint(C::SuggestedSubcommand)
        ),
        K::MissingRequiredArgument => {
            format!("не указано обязательное: {}", translate_help(&arg))
        }
        K::MissingSubcommand | K::DisplayHelpOnMissingArgumentOrSubcommand => {
            let valid = ctx(e, C::ValidSubcommand)
                .map(|v| format!(": {v}"))
                .unwrap_or_default();
            format!("не указана команда{valid}; справка: --help")
        }
        K::ArgumentConflict => {
            let prior = ctx(e, C::PriorArg).unwrap_or_default();
            if prior.is_empty() {
                format!("параметр {arg} здесь не допускается")
            } else {
                format!("параметр {arg} несовместим с {prior}")
            }
        }
        K::NoEquals => format!("у параметра {arg} значение задаётся через «=»"),
        K::ValueValidation => format!(
            "недопустимое значение «{shown}» для {arg}: {}",
            value_problem(e, &arg)
        ),
        K::TooManyValues => format!("лишнее значение «{shown}» для {arg}"),
        K::TooFewValues | K::WrongNumberOfValues => {
            format!("неверное число значений для {arg}")
        }
        K::InvalidUtf8 => "аргумент не в кодировке UTF-8".to_owned(),
        _ => "аргументы не разобраны; справка: gtn --help".to_owned(),
    }
}

/// Prints a clap error (or `--help`, `--version`) and gives the exit status.
pub fn report_clap_error(e: clap::Error, format: Format) -> ExitCode {
    use clap::error::ErrorKind as K;
    match e.kind() {
        K::DisplayHelp | K::DisplayVersion => {
            let mut text = translate_help(&e.render().to_string());
            if !text.ends_with('\n') {
                text.push('\n');
            }
            let _ = write!(std::io::stdout().lock(), "{text}");
            ExitCode::SUCCESS
        }
        K::DisplayHelpOnMissingArgumentOrSubcommand if format == Format::Text => {
            let text = translate_help(&e.render().to_string());
            let _ = write!(std::io::stderr().lock(), "{text}");
            ExitCode::from(2)
        }
        _ => {
            let d = Diagnostic::error("G001", clap_message(&e));
            Output::new(format, Color::Auto).error(&ErrorReport::from(d));
            ExitCode::from(2)
        }
    }
}

/// A file could not be read: G002 with the path, in Russian.
pub fn read_failure(path: &Path, e: &std::io::Error) -> Failure {
    let p = path.display().to_string();
    Failure(vec![Diagnostic::error(
        "G002",
        io_error(IoAction::Read, &p, e),
    )
    .with_file(p)])
}

/// A file or folder could not be written or created: G003.
pub fn write_failure(action: IoAction, path: &Path, e: &std::io::Error) -> Failure {
    let p = path.display().to_string();
    Failure(vec![
        Diagnostic::error("G003", io_error(action, &p, e)).with_file(p)
    ])
}

/// Reads a whole text input (a file or `-`, UTF-8, a byte-order mark
/// skipped, bounded in size), with a Russian error naming the path.
pub fn read_text(path: &Path) -> Result<String, Failure> {
    crate::input::read_text(path)
}
