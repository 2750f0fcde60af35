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
}

impl Output {
    /// From the global options.
    pub fn new(format: Format, color: Color) -> Self {
        Self { format, color }
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
        // A closed stdout (`gtn … | head`) is not an error worth a message.
        let _ = match self.format {
            Format::Json => writeln!(w, "{}", json::to_string(report)),
            Format::Text => text(&self.printer(), &mut w),
        };
        let _ = w.flush();
    }

    /// Prints an error report: JSON on stdout, text on stderr.
    pub fn error(&self, r: &ErrorReport) {
        match self.format {
            Format::Json => {
                let _ = writeln!(io::stdout().lock(), "{}", json::to_string(r));
            }
            Format::Text => {
                let p = Printer::new(self.colored(io::stderr().is_terminal()));
                let _ = p.error_report(&mut io::stderr().lock(), r);
            }
        }
    }
}
