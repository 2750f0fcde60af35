//! `gtn completions SHELL` and `gtn man`: generated from the clap definitions.

use crate::{Failure, Outcome};
use clap::Args;
use clap_complete::Shell;

#[derive(Args)]
pub struct CompletionsArgs {
    /// Оболочка.
    #[arg(value_enum)]
    shell: Shell,
}

/// Prints the completion script for a shell.
pub fn completions(a: CompletionsArgs) -> Result<Outcome, Failure> {
    let mut cmd = crate::command();
    let mut buf = Vec::new();
    clap_complete::generate(a.shell, &mut cmd, "gtn", &mut buf);
    write_stdout(&buf)
}

/// Prints the man page (roff).
pub fn man() -> Result<Outcome, Failure> {
    let mut buf = Vec::new();
    // Rendering into memory cannot fail.
    let _ = clap_mangen::Man::new(crate::command()).render(&mut buf);
    write_stdout(&buf)
}

fn write_stdout(buf: &[u8]) -> Result<Outcome, Failure> {
    use std::io::Write;
    let mut o = std::io::stdout().lock();
    crate::output::stdout_written(o.write_all(buf).and_then(|()| o.flush()));
    Ok(Outcome::Fine)
}
