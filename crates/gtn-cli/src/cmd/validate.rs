//! `gtn validate`: check exchange files against everything the format says.

use crate::output::{print_json, Format};
use crate::{Failure, Outcome};
use clap::Args;
use gtn_fns::validate::{validate_path, validate_path_to, Finding, Options, Severity, Summary};
use serde_json::json;
use std::path::{Path, PathBuf};

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
    /// Формат вывода.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| Failure(format!("{}: {e}", p.display())))?
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

/// One finding, printed as soon as it is found.
fn print_finding(path: &Path, f: &Finding) {
    let name = path.display();
    {
        let sev = match f.severity {
            Severity::Error => "ошибка",
            Severity::Warning => "предупреждение",
        };
        println!("{sev}[{}]: {}", f.code, f.message);
        if f.line > 0 {
            println!("  --> {name}:{}:{}", f.line, f.column);
        } else {
            println!("  --> {name}");
        }
        match (&f.path, &f.value) {
            (p, Some(v)) if !p.is_empty() => println!("   | {p} = «{v}»"),
            (p, None) if !p.is_empty() => println!("   | {p}"),
            (_, Some(v)) => println!("   | «{v}»"),
            _ => {}
        }
        println!();
    }
}

fn print_summary(path: &Path, r: &Summary) {
    let name = path.display();
    let verdict = if r.is_valid() {
        "соответствует формату"
    } else {
        "НЕ соответствует формату"
    };
    let stopped = if r.stopped {
        " (проверка прервана)"
    } else {
        ""
    };
    println!(
        "{name}: {verdict}: ошибок {}, предупреждений {}, документов {}{stopped}",
        r.errors, r.warnings, r.documents
    );
}

/// Runs `gtn validate`.
pub fn run(a: ValidateArgs) -> Result<Outcome, Failure> {
    let files = expand(&a.paths)?;
    if files.is_empty() {
        return Err(Failure("нет файлов *.xml для проверки".into()));
    }
    let options = Options {
        max_errors: a.max_errors.filter(|&n| n > 0),
        threads: a.threads,
        ..Options::default()
    };
    let mut any_error = false;
    let mut unreadable = Vec::new();
    let mut reports = Vec::new();
    for f in &files {
        let result = if a.format == Format::Text {
            validate_path_to(f, &options, &mut |x: Finding| print_finding(f, &x)).map(|s| {
                print_summary(f, &s);
                s.is_valid()
            })
        } else {
            validate_path(f, &options).map(|r| {
                reports.push(json!({"path": f, "valid": r.is_valid(), "errors": r.errors(), "warnings": r.warnings(), "report": r}));
                r.is_valid()
            })
        };
        match result {
            Ok(valid) => any_error |= !valid,
            Err(e) => {
                let msg = format!("{}: {e}", f.display());
                if a.format == Format::Text {
                    eprintln!("gtn: ошибка: {msg}");
                }
                unreadable.push(msg);
            }
        }
    }
    if a.format == Format::Json {
        print_json(
            &json!({"files": reports, "unreadable": unreadable, "valid": !any_error && unreadable.is_empty()}),
        );
    }
    if !unreadable.is_empty() {
        return Err(Failure(format!(
            "не удалось прочитать файлов: {}",
            unreadable.len()
        )));
    }
    Ok(if any_error {
        Outcome::Findings
    } else {
        Outcome::Fine
    })
}
