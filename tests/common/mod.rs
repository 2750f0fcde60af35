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
