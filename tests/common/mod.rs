//! Helpers for the end-to-end tests: run the `gtn` binary, make temp folders.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::Command;

/// What a run of `gtn` produced.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the `gtn` binary built for these tests.
pub fn gtn(args: &[&str]) -> Run {
    gtn_in(args, None)
}

/// Runs `gtn` in a working directory.
pub fn gtn_in(args: &[&str], dir: Option<&std::path::Path>) -> Run {
    let mut c = Command::new(bin());
    c.args(args);
    if let Some(d) = dir {
        c.current_dir(d);
    }
    let o = c.output().unwrap();
    Run {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// The `gtn` binary: the one built for these tests, or `$GTN_BIN` (to run
/// the tests against another build, e.g. one without a fix).
pub fn bin() -> PathBuf {
    std::env::var_os("GTN_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_gtn")))
}

/// A fresh empty folder under the target directory.
pub fn tempdir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let d = base.join(format!(
        "t{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The folder of a validator fixture: `tests/validate/<code>/<case>` (or
/// `valid/<case>`), found by the case's name.
pub fn fixture_dir(case: &str) -> PathBuf {
    let base = root().join("tests/validate");
    std::fs::read_dir(&base)
        .unwrap()
        .map(|e| e.unwrap().path().join(case))
        .find(|d| d.is_dir())
        .unwrap_or_else(|| panic!("no fixture {case} under {}", base.display()))
}

/// The file of a validator fixture (`valid-10`, `inn-check-digit`, …).
pub fn fixture_file(case: &str) -> PathBuf {
    std::fs::read_dir(fixture_dir(case))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "xml"))
        .unwrap_or_else(|| panic!("no file in fixture {case}"))
}

/// Writes to `path` (windows-1251) the valid fixture `valid-10` grown to
/// `documents` Документ: its head through `head`, then `doc(i, first)` for
/// each `i` (the fixture's first Документ is `first`), then its tail.
pub fn write_documents(
    path: &std::path::Path,
    documents: usize,
    head: impl FnOnce(&str) -> String,
    doc: impl Fn(usize, &str) -> String,
) {
    use std::io::Write;
    let bytes = std::fs::read(fixture_file("valid-10")).unwrap();
    let text = encoding_rs::WINDOWS_1251.decode(&bytes).0.into_owned();
    let start = text.find("<Документ").unwrap();
    let first_end = text[start..].find("</Документ>").unwrap() + start + "</Документ>".len();
    let end = text.rfind("</Документ>").unwrap() + "</Документ>".len();
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let enc = |s: &str| encoding_rs::WINDOWS_1251.encode(s).0.into_owned();
    w.write_all(&enc(&head(&text[..start]))).unwrap();
    for i in 0..documents {
        w.write_all(&enc(&doc(i, &text[start..first_end]))).unwrap();
    }
    w.write_all(&enc(&text[end..])).unwrap();
    w.flush().unwrap();
}
