//! Reading the inputs of every command the same way: `-` is standard input,
//! a folder is refused with a clear message (never read in a loop), a
//! byte-order mark is skipped, text must be UTF-8, and a file read whole is
//! bounded in size.

use crate::cmd::args::read_failure;
use crate::Failure;
use gtn_diag::Diagnostic;
use std::io::Read;
use std::path::Path;

/// Largest input read whole (profile, application, calendar, issued plates):
/// 16 MiB, far above any real one (400 000 issued plates take 5 MiB).
pub const MAX_WHOLE_INPUT: u64 = 16 << 20;

/// `true` for the argument `-`: standard input.
pub fn is_stdin(p: &Path) -> bool {
    p.as_os_str() == "-"
}

/// The name of an input in messages.
pub fn name(p: &Path) -> String {
    if is_stdin(p) {
        "<stdin>".to_owned()
    } else {
        p.display().to_string()
    }
}

fn unreadable(p: &Path, message: String) -> Failure {
    Failure(vec![Diagnostic::error("G002", message).with_file(name(p))])
}

/// Checks that an input exists and is not a folder (reading one fails with
/// EISDIR on every call), without opening it: a FIFO is not read yet.
pub fn check_file(p: &Path) -> Result<(), Failure> {
    match std::fs::metadata(p) {
        Ok(m) if m.is_dir() => Err(unreadable(
            p,
            format!("{}: это папка, а нужен файл", name(p)),
        )),
        Ok(_) => Ok(()),
        Err(e) => Err(read_failure(p, &e)),
    }
}

/// Reads a whole text input (a file or `-`): UTF-8, without a byte-order
/// mark, at most [`MAX_WHOLE_INPUT`] bytes.
pub fn read_text(p: &Path) -> Result<String, Failure> {
    let n = name(p);
    let mut bytes = Vec::new();
    let read = if is_stdin(p) {
        std::io::stdin()
            .lock()
            .take(MAX_WHOLE_INPUT + 1)
            .read_to_end(&mut bytes)
    } else {
        check_file(p)?;
        std::fs::File::open(p).and_then(|f| f.take(MAX_WHOLE_INPUT + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| read_failure(p, &e))?;
    if bytes.len() as u64 > MAX_WHOLE_INPUT {
        return Err(unreadable(
            p,
            format!(
                "{n}: файл больше {} МиБ — это не входные данные gtn",
                MAX_WHOLE_INPUT >> 20
            ),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let ok = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = ok.iter().filter(|&&b| b == b'\n').count() + 1;
        Failure(vec![Diagnostic::error(
            "G002",
            format!("{n}: файл не в кодировке UTF-8 (сохраните его в UTF-8)"),
        )
        .with_file(n.clone())
        .at(line as u64, 0)])
    })?;
    Ok(match text.strip_prefix(gtn_fns::input::BOM) {
        Some(t) => t.to_owned(),
        None => text,
    })
}
