//! Errors of the arguments and of the files named in them, as diagnostics.

use crate::output::{Color, Format, Output};
use crate::Failure;
use gtn_diag::Diagnostic;
use gtn_model::messages::{io_error, IoAction};
use gtn_report::ErrorReport;
use std::path::Path;
use std::process::ExitCode;

/// Prints a clap error (or `--help`, `--version`) and gives the exit status.
pub fn report_clap_error(e: clap::Error, format: Format) -> ExitCode {
    use clap::error::ErrorKind as K;
    match e.kind() {
        K::DisplayHelp | K::DisplayVersion | K::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            if e.kind() == K::DisplayHelpOnMissingArgumentOrSubcommand {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            }
        }
        _ => {
            let msg = e.render().to_string();
            let msg = msg
                .trim()
                .trim_start_matches("error: ")
                .lines()
                .next()
                .unwrap_or("")
                .to_owned();
            let d = Diagnostic::error("G001", msg);
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
