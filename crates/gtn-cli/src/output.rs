//! Output formats shared by the commands.

use clap::ValueEnum;

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
    println!("{v}");
}
