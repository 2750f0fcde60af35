//! Output shared by the commands: formats, and writing to stdout and stderr
//! so that a closed pipe (`gtn validate DIR | head -1`) ends the program
//! quietly with exit 0, as ripgrep does, instead of a panic.

use clap::ValueEnum;
use std::io::Write;

/// `--format`: text for people, JSON for programs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Текст для человека.
    #[default]
    Text,
    /// JSON для программ.
    Json,
}

/// Prints a JSON value on one line to stdout.
pub fn print_json(v: &serde_json::Value) {
    crate::outln!("{v}");
}

/// Writes a line to stdout; see [`outln!`].
pub fn out_line(args: std::fmt::Arguments<'_>) {
    let mut o = std::io::stdout().lock();
    if let Err(e) = o.write_fmt(args).and_then(|()| o.write_all(b"\n")) {
        stdout_failed(&e);
    }
}

/// Writes a line to stderr; a closed stderr is ignored.
pub fn err_line(args: std::fmt::Arguments<'_>) {
    let mut o = std::io::stderr().lock();
    let _ = o.write_fmt(args).and_then(|()| o.write_all(b"\n"));
}

/// stdout could not be written: a reader that went away (`| head`) ends
/// the program with exit 0; anything else (a full disk) with exit 2.
pub fn stdout_failed(e: &std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        crate::signals::cleanup();
        std::process::exit(0);
    }
    err_line(format_args!(
        "gtn: ошибка: не удалось вывести результат: {e}"
    ));
    crate::signals::cleanup();
    std::process::exit(2);
}

/// `println!` that ends quietly on a closed pipe.
#[macro_export]
macro_rules! outln {
    () => { $crate::output::out_line(format_args!("")) };
    ($($t:tt)*) => { $crate::output::out_line(format_args!($($t)*)) };
}

/// `eprintln!` that never panics.
#[macro_export]
macro_rules! errln {
    ($($t:tt)*) => { $crate::output::err_line(format_args!($($t)*)) };
}
