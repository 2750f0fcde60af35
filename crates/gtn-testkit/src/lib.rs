//! Test support shared by gtn's crates (a dev-dependency only, never
//! linked into gtn itself).
//!
//! [`Snapshots`]: a folder of whole outputs checked in beside the tests
//! (`tests/snapshots/cli`, `…/http`, `…/ffi`). Each output a test makes is
//! compared with its file; `GTN_REGENERATE=1` writes them instead; a file
//! that no output made any more (a renamed case) is stale and fails the
//! test (or is removed when regenerating).
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::PathBuf;

/// A folder of snapshots being compared (or regenerated).
pub struct Snapshots {
    dir: PathBuf,
    regenerate: bool,
    /// Files made by the test or kept by hand.
    made: BTreeSet<String>,
    /// What differs: file names, with a reason for stale ones.
    differ: Vec<String>,
}

impl Snapshots {
    /// The snapshots in `dir`; regenerating when `GTN_REGENERATE` is set.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: dir.into(),
            regenerate: std::env::var_os("GTN_REGENERATE").is_some(),
            made: BTreeSet::new(),
            differ: Vec::new(),
        }
    }

    /// A file of the folder written by hand, not by the test (never stale).
    pub fn keep(mut self, file: &str) -> Self {
        self.made.insert(file.to_owned());
        self
    }

    /// Whether the outputs are being written rather than compared.
    pub fn regenerating(&self) -> bool {
        self.regenerate
    }

    /// One output: compared with `file` in the folder (a missing file
    /// differs, even from an empty output), or written to it.
    pub fn check(&mut self, file: &str, text: &str) {
        self.made.insert(file.to_owned());
        let p = self.dir.join(file);
        if self.regenerate {
            std::fs::create_dir_all(&self.dir).unwrap();
            std::fs::write(&p, text).unwrap();
        } else if std::fs::read_to_string(&p).ok().as_deref() != Some(text) {
            self.differ.push(file.to_owned());
        }
    }

    /// Fails the test when an output differed from its file, or a file of
    /// the folder was made by none (removes those when regenerating).
    pub fn finish(mut self) {
        let entries =
            std::fs::read_dir(&self.dir).unwrap_or_else(|e| panic!("{}: {e}", self.dir.display()));
        for e in entries {
            let f = e.unwrap().file_name().to_string_lossy().into_owned();
            if !self.made.contains(&f) {
                if self.regenerate {
                    std::fs::remove_file(self.dir.join(&f)).unwrap();
                } else {
                    self.differ.push(format!("{f} (stale: no case makes it)"));
                }
            }
        }
        assert!(
            self.differ.is_empty(),
            "outputs differ from {} (GTN_REGENERATE=1 to accept a deliberate change): {:?}",
            self.dir.display(),
            self.differ
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("gtn-testkit-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn equal_outputs_pass() {
        let d = folder("equal");
        std::fs::write(d.join("a.txt"), "A").unwrap();
        std::fs::write(d.join("notes.txt"), "by hand").unwrap();
        let mut s = Snapshots::new(&d).keep("notes.txt");
        s.regenerate = false;
        s.check("a.txt", "A");
        s.finish();
    }

    #[test]
    fn a_changed_output_fails() {
        let d = folder("changed");
        std::fs::write(d.join("a.txt"), "A").unwrap();
        let mut s = Snapshots::new(&d);
        s.regenerate = false;
        s.check("a.txt", "B");
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| s.finish()));
        assert!(r.is_err());
    }

    #[test]
    fn a_stale_file_fails_and_regenerating_removes_it() {
        let d = folder("stale");
        std::fs::write(d.join("old.txt"), "O").unwrap();
        let mut s = Snapshots::new(&d);
        s.regenerate = false;
        s.check("a.txt", "X");
        assert_eq!(s.differ, ["a.txt"]);
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| s.finish()));
        assert!(r.is_err());
        let mut s = Snapshots::new(&d);
        s.regenerate = true;
        s.check("a.txt", "A");
        s.finish();
        assert!(!d.join("old.txt").exists());
        assert_eq!(std::fs::read_to_string(d.join("a.txt")).unwrap(), "A");
    }
}
