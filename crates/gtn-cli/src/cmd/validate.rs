//! `gtn validate`: check exchange files against everything the format says.

use crate::cmd::args::read_failure;
use crate::output::{Format, Output};
use crate::{Failure, Outcome};
use clap::Args;
use gtn_diag::Diagnostic;
use gtn_fns::validate::{validate_path_to, Finding, Options, Summary};
use gtn_model::messages::{io_error, IoAction};
use gtn_report::text::FileTotals;
use gtn_report::{FileFindings, ValidateReport, ValidatedFile};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Findings printed per file in text output unless `--all`.
pub const DEFAULT_SHOWN: usize = 100;

#[derive(Args)]
pub struct ValidateArgs {
    /// Файлы обмена или папки (в папке проверяются все файлы *.xml).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Остановиться после N ошибок в одном файле (0 — без предела).
    #[arg(long)]
    max_errors: Option<usize>,
    /// Потоков для большого файла (0 — по числу процессоров). Замечания те же при любом числе.
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Печатать все замечания (по умолчанию в тексте — первые 100 на файл и итог по кодам).
    #[arg(long)]
    all: bool,
}

fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| {
                    let n = p.display().to_string();
                    Failure(vec![Diagnostic::error(
                        "G002",
                        io_error(IoAction::ListDir, &n, &e),
                    )
                    .with_file(n)])
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    f.is_file() && f.extension().is_some_and(|x| x.eq_ignore_ascii_case("xml"))
                })
                .collect();
            files.sort();
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn entry(path: &Path, summary: Summary, findings: Vec<Diagnostic>) -> ValidatedFile {
    ValidatedFile::new(
        path.display().to_string(),
        FileFindings {
            file: summary.file,
            findings,
            documents: summary.documents,
            stopped: summary.stopped,
            bytes: summary.bytes,
            parts: summary.parts,
        },
    )
}

/// Runs `gtn validate`. In text, each finding is printed as soon as the
/// validator finds it (at most `DEFAULT_SHOWN` per file unless `--all`),
/// then the file's summary with counts by code; nothing is kept in memory
/// but the counts. In JSON the findings are collected into one document.
pub fn run(a: ValidateArgs, out: &Output) -> Result<Outcome, Failure> {
    let files = expand(&a.paths)?;
    if files.is_empty() {
        return Err(Diagnostic::error("G004", "нет файлов *.xml для проверки").into());
    }
    let options = Options {
        max_errors: a.max_errors,
        threads: a.threads,
        ..Options::default()
    };
    let limit = if a.all { usize::MAX } else { DEFAULT_SHOWN };
    let printer = out.printer();
    let text = out.format == Format::Text;
    let mut report = ValidateReport::new();
    for f in &files {
        let name = f.display().to_string();
        let mut findings = Vec::new();
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        let mut shown = 0usize;
        let result = {
            let stdout = std::io::stdout();
            let mut sink = |finding: Finding| {
                let d = Diagnostic::from(&finding);
                if text {
                    *counts.entry(d.code.to_string()).or_insert(0) += 1;
                    if shown < limit {
                        shown += 1;
                        let _ = printer.diagnostic(&mut stdout.lock(), &d.with_file(name.clone()));
                    }
                } else {
                    findings.push(d);
                }
            };
            validate_path_to(f, &options, &mut sink)
        };
        match result {
            Ok(summary) => {
                if text {
                    let t = FileTotals {
                        path: &name,
                        errors: summary.errors,
                        warnings: summary.warnings,
                        documents: summary.documents,
                        stopped: summary.stopped,
                    };
                    let _ =
                        printer.validate_totals(&mut std::io::stdout().lock(), &t, shown, &counts);
                    report.valid &= summary.is_valid();
                } else {
                    report.push(entry(f, summary, findings));
                }
            }
            Err(e) => {
                let Failure(ds) = read_failure(f, &e);
                for d in ds {
                    if text {
                        out.error(&gtn_report::ErrorReport::from(d.clone()));
                    }
                    report.push_unreadable(d);
                }
            }
        }
    }
    if !text {
        out.report(&report, |_, _| Ok(()));
    }
    Ok(if !report.unreadable.is_empty() {
        Outcome::Incomplete
    } else if report.valid {
        Outcome::Fine
    } else {
        Outcome::Findings
    })
}
