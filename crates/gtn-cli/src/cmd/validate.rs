//! `gtn validate`: check exchange files against everything the format says.

use crate::cmd::args::read_failure;
use crate::output::{Format, Output};
use crate::{Failure, Outcome};
use clap::Args;
use gtn_diag::Diagnostic;
use gtn_fns::validate::{validate_path, Options, Report};
use gtn_model::messages::{io_error, IoAction};
use gtn_report::{FileFindings, ValidateReport, ValidatedFile};
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

fn entry(path: &Path, r: Report) -> ValidatedFile {
    let findings = r.findings.iter().map(Diagnostic::from).collect();
    ValidatedFile::new(
        path.display().to_string(),
        FileFindings {
            file: r.file,
            findings,
            documents: r.documents,
            stopped: r.stopped,
            bytes: r.bytes,
            parts: r.parts,
        },
    )
}

/// Runs `gtn validate`.
pub fn run(a: ValidateArgs, out: &Output) -> Result<Outcome, Failure> {
    let files = expand(&a.paths)?;
    if files.is_empty() {
        return Err(Diagnostic::error("G004", "нет файлов *.xml для проверки").into());
    }
    let options = Options {
        // 0: no limit, as --threads 0 is every processor.
        max_errors: a.max_errors.filter(|&n| n > 0),
        threads: a.threads,
        ..Options::default()
    };
    let limit = (!a.all).then_some(DEFAULT_SHOWN);
    let printer = out.printer();
    let mut report = ValidateReport::new();
    for f in &files {
        match validate_path(f, &options) {
            Ok(r) => {
                let e = entry(f, r);
                if out.format == Format::Text {
                    let stdout = std::io::stdout();
                    let _ = printer.validated_file(&mut stdout.lock(), &e, limit);
                }
                report.push(e);
            }
            Err(e) => {
                let Failure(ds) = read_failure(f, &e);
                for d in ds {
                    if out.format == Format::Text {
                        out.error(&gtn_report::ErrorReport::from(d.clone()));
                    }
                    report.push_unreadable(d);
                }
            }
        }
    }
    if out.format == Format::Json {
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
