//! The JSON printer: one compact document per run.
//!
//! [`to_string`] renders a whole report; [`ValidateStream`] writes the
//! report of `gtn validate` while the findings are being found, so a file
//! with 500 000 findings needs no more memory than one with none. Both give
//! the same bytes for the same report (a test proves it).

use crate::{Diagnostic, Severity, FORMAT_VERSION};
use serde::Serialize;
use std::io::{self, Write};

/// One compact JSON document (no trailing newline). Serialising the report
/// types cannot fail (string keys, no non-finite floats); if a caller's type
/// does, the result is an error report in JSON, still one document.
pub fn to_string<T: Serialize>(report: &T) -> String {
    serde_json::to_string(report).unwrap_or_else(|e| {
        let d = gtn_diag::Diagnostic::error(
            "G003",
            format!(
                "отчёт не преобразован в JSON: {}",
                gtn_diag::text::show(&e.to_string())
            ),
        );
        serde_json::to_string(&crate::ErrorReport::from(d)).unwrap_or_default()
    })
}

/// What is known of a checked file only at its end (the figures of
/// [`crate::FileFindings`] that follow the findings).
#[derive(Debug, Clone, Default)]
pub struct FileTail {
    /// File name used for the name checks.
    pub file: Option<String>,
    /// Number of Документ elements.
    pub documents: u64,
    /// The check stopped early.
    pub stopped: bool,
    /// Bytes read.
    pub bytes: u64,
    /// Parts checked at once.
    pub parts: usize,
}

/// The file being written by a [`ValidateStream`].
struct OpenFile {
    path: String,
    /// The entry's opening (path, `"findings":[`) is written.
    begun: bool,
    findings: usize,
    errors: usize,
    warnings: usize,
    /// The file could not be read to its end: never valid, whatever was
    /// found before.
    cut: bool,
}

/// `gtn validate --format json` written as it comes: the bytes of
/// [`to_string`] of a [`crate::ValidateReport`], produced file by file and
/// finding by finding. Memory holds one finding and the list of unreadable
/// files (one diagnostic per path given, at most).
///
/// ```
/// use gtn_report::{json::{FileTail, ValidateStream}, Diagnostic};
/// let mut s = ValidateStream::new(Vec::new());
/// s.begin_file("a.xml");
/// s.finding(&Diagnostic::error("V046", "КолДок не равно числу Документ")).unwrap();
/// s.end_file(FileTail { documents: 2, parts: 1, ..FileTail::default() }).unwrap();
/// let out = String::from_utf8(s.finish().unwrap()).unwrap();
/// assert!(out.starts_with(r#"{"version":1,"files":[{"path":"a.xml","report":{"findings":[{"code":"V046""#));
/// assert!(out.ends_with(r#""valid":false,"errors":1,"warnings":0}],"unreadable":[],"notes":[],"valid":false}"#));
/// ```
pub struct ValidateStream<W: Write> {
    w: W,
    /// The document's opening is written.
    started: bool,
    /// Entries written to `files`.
    files: usize,
    unreadable: Vec<Diagnostic>,
    notes: Vec<Diagnostic>,
    valid: bool,
    open: Option<OpenFile>,
}

impl<W: Write> ValidateStream<W> {
    /// A document to be written to `w` (its first bytes go with the first
    /// entry or at [`Self::finish`]).
    pub fn new(w: W) -> Self {
        Self {
            w,
            started: false,
            files: 0,
            unreadable: Vec::new(),
            notes: Vec::new(),
            valid: true,
            open: None,
        }
    }

    fn start(&mut self) -> io::Result<()> {
        if !self.started {
            self.started = true;
            write!(self.w, r#"{{"version":{FORMAT_VERSION},"files":["#)?;
        }
        Ok(())
    }

    /// A file is about to be checked. Nothing is written until its first
    /// finding or its end, so a file that cannot be opened leaves no entry.
    pub fn begin_file(&mut self, path: &str) {
        self.open = Some(OpenFile {
            path: path.to_owned(),
            begun: false,
            findings: 0,
            errors: 0,
            warnings: 0,
            cut: false,
        });
    }

    fn begin_entry(&mut self) -> io::Result<()> {
        if self.open.as_ref().is_none_or(|f| f.begun) {
            return Ok(());
        }
        self.start()?;
        if self.files > 0 {
            self.w.write_all(b",")?;
        }
        self.files += 1;
        let Some(f) = self.open.as_mut() else {
            return Ok(());
        };
        f.begun = true;
        self.w.write_all(br#"{"path":"#)?;
        serde_json::to_writer(&mut self.w, &f.path)?;
        self.w.write_all(br#","report":{"findings":["#)
    }

    /// One finding of the file begun last.
    pub fn finding(&mut self, d: &Diagnostic) -> io::Result<()> {
        self.begin_entry()?;
        let Some(f) = self.open.as_mut() else {
            return Ok(());
        };
        if f.findings > 0 {
            self.w.write_all(b",")?;
        }
        f.findings += 1;
        match d.severity {
            Severity::Error => f.errors += 1,
            Severity::Warning => f.warnings += 1,
            Severity::Note => {}
        }
        serde_json::to_writer(&mut self.w, d)?;
        Ok(())
    }

    /// The end of the file begun last, with its figures.
    pub fn end_file(&mut self, tail: FileTail) -> io::Result<()> {
        self.begin_entry()?;
        let Some(f) = self.open.take() else {
            return Ok(());
        };
        self.w.write_all(br#"],"file":"#)?;
        serde_json::to_writer(&mut self.w, &tail.file)?;
        let valid = f.errors == 0 && !f.cut;
        self.valid &= valid;
        write!(
            self.w,
            r#","documents":{},"stopped":{},"bytes":{},"parts":{}}},"valid":{valid},"errors":{},"warnings":{}}}"#,
            tail.documents, tail.stopped, tail.bytes, tail.parts, f.errors, f.warnings
        )
    }

    /// The file begun last could not be read. If findings of it were
    /// already written, its entry is closed as stopped; the error goes to
    /// `unreadable` at the end.
    pub fn unreadable(&mut self, d: Diagnostic) -> io::Result<()> {
        if let Some(f) = self.open.as_mut().filter(|f| f.begun) {
            f.cut = true;
            self.end_file(FileTail {
                stopped: true,
                ..FileTail::default()
            })?;
        }
        self.open = None;
        self.valid = false;
        self.unreadable.push(d);
        Ok(())
    }

    /// A note on the run (written at the end, with the unreadable files:
    /// at most one per path given or per folder).
    pub fn note(&mut self, d: Diagnostic) {
        self.notes.push(d);
    }

    /// Whether every file so far was read and has no error.
    pub fn valid(&self) -> bool {
        self.valid
    }

    /// Ends the document (no trailing newline) and gives the writer back.
    pub fn finish(mut self) -> io::Result<W> {
        if self.open.is_some() {
            self.end_file(FileTail::default())?;
        }
        self.start()?;
        self.w.write_all(br#"],"unreadable":"#)?;
        serde_json::to_writer(&mut self.w, &self.unreadable)?;
        self.w.write_all(br#","notes":"#)?;
        serde_json::to_writer(&mut self.w, &self.notes)?;
        write!(self.w, r#","valid":{}}}"#, self.valid)?;
        Ok(self.w)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::*;

    #[test]
    fn error_report_has_version_and_is_compact() {
        let r =
            ErrorReport::from(Diagnostic::error("G002", "нет такого файла").with_file("a.json"));
        assert_eq!(
            to_string(&r),
            r#"{"version":1,"ok":false,"errors":[{"code":"G002","severity":"error","file":"a.json","message":"нет такого файла"}]}"#
        );
    }

    fn sample_files() -> Vec<(ValidatedFile, Option<Diagnostic>)> {
        let finding = |code: &'static str, sev: Severity, n: usize| {
            let mut d = match sev {
                Severity::Error => Diagnostic::error(code, format!("«x\"{n}» ошибка")),
                _ => Diagnostic::warning(code, format!("предупреждение {n}")),
            };
            d = d
                .with_path(format!("Файл/Документ[{n}]/@ИдДок"))
                .at(n as u64, 3);
            d
        };
        let file = |path: &str, findings: Vec<Diagnostic>, stopped: bool| {
            ValidatedFile::new(
                path,
                FileFindings {
                    findings,
                    file: Some(format!("{path}.xml")),
                    documents: 7,
                    stopped,
                    bytes: 1234,
                    parts: 2,
                },
            )
        };
        vec![
            (file("пусто", vec![], false), None),
            (
                file(
                    "a\\b",
                    vec![
                        finding("V040", Severity::Error, 1),
                        finding("V051", Severity::Warning, 2),
                        finding("V046", Severity::Error, 3),
                    ],
                    true,
                ),
                Some(Diagnostic::error("G002", "нет такого файла: c.xml").with_file("c.xml")),
            ),
            (
                file("w", vec![finding("V045", Severity::Warning, 4)], false),
                None,
            ),
        ]
    }

    #[test]
    fn stream_writes_the_bytes_of_the_whole_report() {
        let files = sample_files();
        for take in 0..=files.len() {
            for unreadable in [false, true] {
                let mut whole = ValidateReport::new();
                let mut s = ValidateStream::new(Vec::new());
                for (f, bad) in files.iter().take(take) {
                    s.begin_file(&f.path);
                    for d in &f.report.findings {
                        s.finding(d).unwrap();
                    }
                    s.end_file(FileTail {
                        file: f.report.file.clone(),
                        documents: f.report.documents,
                        stopped: f.report.stopped,
                        bytes: f.report.bytes,
                        parts: f.report.parts,
                    })
                    .unwrap();
                    whole.push(f.clone());
                    if let (true, Some(d)) = (unreadable, bad) {
                        s.begin_file("c.xml");
                        s.unreadable(d.clone()).unwrap();
                        whole.push_unreadable(d.clone());
                        let n = Diagnostic::note("G008", "пропущено: 1").with_file("d");
                        s.note(n.clone());
                        whole.push_note(n);
                    }
                }
                if unreadable {
                    // A file whose read fails after its findings (a warning
                    // only: still not valid).
                    let d = Diagnostic::error("G002", "ошибка чтения: e.xml").with_file("e.xml");
                    let findings = vec![Diagnostic::warning("V051", "предупреждение")];
                    s.begin_file("e.xml");
                    for f in &findings {
                        s.finding(f).unwrap();
                    }
                    s.unreadable(d.clone()).unwrap();
                    whole.push(ValidatedFile::cut("e.xml", findings));
                    whole.push_unreadable(d);
                }
                assert_eq!(s.valid(), whole.valid);
                let out = String::from_utf8(s.finish().unwrap()).unwrap();
                assert_eq!(
                    out,
                    to_string(&whole),
                    "files {take}, unreadable {unreadable}"
                );
            }
        }
    }

    #[test]
    fn a_file_unreadable_after_findings_is_closed_as_stopped() {
        let mut s = ValidateStream::new(Vec::new());
        s.begin_file("a.xml");
        s.finding(&Diagnostic::error("V040", "ИНН")).unwrap();
        s.unreadable(Diagnostic::error("G002", "не прочитан"))
            .unwrap();
        let out = s.finish().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["files"][0]["report"]["stopped"], true);
        assert_eq!(v["files"][0]["errors"], 1);
        assert_eq!(v["unreadable"][0]["code"], "G002");
        assert_eq!(v["valid"], false);
    }

    /// Only warnings before the read failed: the file's entry still says
    /// it is not valid (it was not checked to its end).
    #[test]
    fn a_file_cut_after_warnings_only_is_not_valid() {
        let mut s = ValidateStream::new(Vec::new());
        s.begin_file("a.xml");
        s.finding(&Diagnostic::warning("V051", "лучше простым числом"))
            .unwrap();
        s.unreadable(Diagnostic::error("G002", "не прочитан"))
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&s.finish().unwrap()).unwrap();
        assert_eq!(v["files"][0]["warnings"], 1);
        assert_eq!(v["files"][0]["errors"], 0);
        assert_eq!(v["files"][0]["valid"], false);
        assert_eq!(v["valid"], false);
    }
}
