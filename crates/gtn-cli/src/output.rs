//! Output: `--format text|json`, `--color`, and where each thing goes.
//!
//! Under `json` stdout carries exactly one JSON document for every outcome,
//! errors included. Under `text` reports and findings go to stdout, errors
//! that stop the run to stderr.

use clap::ValueEnum;
use gtn_report::text::Printer;
use gtn_report::{json, ErrorReport};
use serde::Serialize;
use std::io::{self, IsTerminal, Write};

/// `--format`: text for people, JSON for programs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Текст для человека.
    #[default]
    Text,
    /// JSON для программ (один документ на запуск).
    Json,
}

/// `--color`: colour in text output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum Color {
    /// Цвет, если вывод идёт на терминал и не задана переменная NO_COLOR.
    #[default]
    Auto,
    /// Всегда.
    Always,
    /// Никогда.
    Never,
}

/// Where and how to print.
#[derive(Clone, Copy, Debug)]
pub struct Output {
    /// The format.
    pub format: Format,
    color: Color,
    /// `--quiet`: no progress, no notes beside the report.
    pub quiet: bool,
}

impl Output {
    /// From the global options.
    pub fn new(format: Format, color: Color) -> Self {
        Self {
            format,
            color,
            quiet: false,
        }
    }

    /// With `--quiet`.
    pub fn quiet(mut self, quiet: bool) -> Self {
        self.quiet = quiet;
        self
    }

    fn colored(&self, terminal: bool) -> bool {
        match self.color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    /// The text printer for stdout.
    pub fn printer(&self) -> Printer {
        Printer::new(self.colored(io::stdout().is_terminal()))
    }

    /// Prints a report: JSON document or text, to stdout.
    pub fn report<T: Serialize>(
        &self,
        report: &T,
        text: impl FnOnce(&Printer, &mut dyn Write) -> io::Result<()>,
    ) {
        let out = io::stdout();
        let mut w = out.lock();
        let r = match self.format {
            Format::Json => writeln!(w, "{}", json::to_string(report)),
            Format::Text => text(&self.printer(), &mut w),
        };
        stdout_written(r.and_then(|()| w.flush()));
    }

    /// A note beside the report, on stderr in text output (nothing under
    /// `--quiet`); in JSON output notes belong in the report itself.
    pub fn note(&self, d: &gtn_diag::Diagnostic) {
        if self.quiet || self.format == Format::Json {
            return;
        }
        let p = Printer::new(self.colored(io::stderr().is_terminal()));
        let _ = p.diagnostic(&mut io::stderr().lock(), d);
    }

    /// Prints an error report: JSON on stdout, text on stderr.
    pub fn error(&self, r: &ErrorReport) {
        match self.format {
            Format::Json => {
                stdout_written(writeln!(io::stdout().lock(), "{}", json::to_string(r)));
            }
            Format::Text => {
                let p = Printer::new(self.colored(io::stderr().is_terminal()));
                let _ = p.error_report(&mut io::stderr().lock(), r);
            }
        }
    }
}

/// The result of writing to stdout: a reader that went away (`gtn … | head
/// -1`) ends the program at once, quietly, with exit 0, as ripgrep does;
/// any other failure (a full disk) with a message and exit 2.
pub fn stdout_written(r: io::Result<()>) {
    let Err(e) = r else { return };
    crate::signals::cleanup();
    if e.kind() == io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    err_line(format_args!(
        "gtn: ошибка: не удалось вывести результат: {e}"
    ));
    std::process::exit(2);
}

/// Writes a line to stderr; a closed stderr is ignored.
pub fn err_line(args: std::fmt::Arguments<'_>) {
    let mut o = io::stderr().lock();
    let _ = o.write_fmt(args).and_then(|()| o.write_all(b"\n"));
}

/// `eprintln!` that never panics (for notes beside a report: skipped
/// entries, unchecked names).
#[macro_export]
macro_rules! errln {
    ($($t:tt)*) => { $crate::output::err_line(format_args!($($t)*)) };
}
