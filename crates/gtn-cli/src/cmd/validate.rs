//! `gtn validate`: check exchange files against everything the format says.

use crate::input::{is_stdin, name};
use crate::output::{print_json, Format};
use crate::{Failure, Global, Outcome};
use clap::Args;
use gtn_fns::validate::{validate_path, validate_reader, Options, Report, Severity};
use serde_json::json;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct ValidateArgs {
    /// Файлы обмена или папки (в папках, со всеми вложенными, проверяются файлы *.xml и *.XML); «-» — стандартный ввод.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Имя файла для «-» (стандартный ввод): без него проверки имени файла пропускаются.
    #[arg(long)]
    name: Option<String>,
    /// Остановиться после N ошибок в одном файле.
    #[arg(long)]
    max_errors: Option<usize>,
    /// Потоков для большого файла (0 — по числу процессоров). Замечания те же при любом числе.
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Формат вывода.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

/// What [`expand`] found.
#[derive(Default)]
struct Found {
    files: Vec<PathBuf>,
    /// (folder given, entries skipped in it: not *.xml, links, unreadable).
    skipped: Vec<(PathBuf, usize)>,
}

/// Files to check: files as given, folders searched recursively for
/// `*.xml`/`*.XML` (symbolic links to folders are not followed).
fn expand(paths: &[PathBuf]) -> Result<Found, Failure> {
    let mut found = Found::default();
    for p in paths {
        if is_stdin(p) {
            found.files.push(p.clone());
        } else if p.is_dir() {
            let mut files = Vec::new();
            let mut skipped = 0usize;
            let mut stack = vec![p.clone()];
            while let Some(dir) = stack.pop() {
                let rd = match std::fs::read_dir(&dir) {
                    Ok(rd) => rd,
                    Err(e) if dir == *p => return Err(Failure(format!("{}: {e}", p.display()))),
                    Err(_) => {
                        skipped += 1;
                        continue;
                    }
                };
                for e in rd {
                    let Ok(e) = e else {
                        skipped += 1;
                        continue;
                    };
                    let path = e.path();
                    match e.file_type() {
                        Ok(t) if t.is_dir() => stack.push(path),
                        Ok(_) if path.is_file() && is_xml(&path) => files.push(path),
                        _ => skipped += 1,
                    }
                }
            }
            files.sort();
            found.files.extend(files);
            if skipped > 0 {
                found.skipped.push((p.clone(), skipped));
            }
        } else {
            found.files.push(p.clone());
        }
    }
    Ok(found)
}

fn is_xml(p: &Path) -> bool {
    p.extension().is_some_and(|x| x.eq_ignore_ascii_case("xml"))
}

fn print_text(path: &Path, r: &Report) {
    let name = name(path);
    for f in &r.findings {
        let sev = match f.severity {
            Severity::Error => "ошибка",
            Severity::Warning => "предупреждение",
        };
        outln!("{sev}[{}]: {}", f.code, f.message);
        if f.line > 0 {
            outln!("  --> {name}:{}:{}", f.line, f.column);
        } else {
            outln!("  --> {name}");
        }
        match (&f.path, &f.value) {
            (p, Some(v)) if !p.is_empty() => outln!("   | {p} = «{v}»"),
            (p, None) if !p.is_empty() => outln!("   | {p}"),
            (_, Some(v)) => outln!("   | «{v}»"),
            _ => {}
        }
        outln!();
    }
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
    outln!(
        "{name}: {verdict}: ошибок {}, предупреждений {}, документов {}{stopped}",
        r.errors(),
        r.warnings(),
        r.documents
    );
}

/// Runs `gtn validate`.
pub fn run(a: ValidateArgs, g: Global) -> Result<Outcome, Failure> {
    let Found { files, skipped } = expand(&a.paths)?;
    if !g.quiet {
        for (dir, n) in &skipped {
            errln!(
                "gtn: {}: пропущено (не *.xml, ссылки, недоступные): {n}",
                dir.display()
            );
        }
    }
    if files.is_empty() {
        return Err(Failure("нет файлов *.xml для проверки".into()));
    }
    if files.iter().filter(|f| is_stdin(f)).count() > 1 {
        return Err(Failure(
            "«-» (стандартный ввод) можно указать только один раз".into(),
        ));
    }
    if a.name.is_some() && !files.iter().any(|f| is_stdin(f)) {
        return Err(Failure(
            "--name задаётся только для «-» (стандартного ввода)".into(),
        ));
    }
    let options = Options {
        max_errors: a.max_errors,
        threads: a.threads,
        ..Options::default()
    };
    let mut any_error = false;
    let mut unreadable = Vec::new();
    let mut reports = Vec::new();
    for f in &files {
        let result = if is_stdin(f) {
            if a.name.is_none() && !g.quiet {
                errln!(
                    "gtn: <stdin>: имя файла не проверялось (укажите его: --name VO_AVTOTS_…xml)"
                );
            }
            Ok(validate_reader(
                a.name.as_deref(),
                std::io::stdin().lock(),
                &options,
            ))
        } else {
            validate_path(f, &options)
        };
        match result {
            Ok(r) => {
                any_error |= !r.is_valid();
                if a.format == Format::Text {
                    print_text(f, &r);
                }
                reports.push(json!({"path": name(f), "name_checked": !is_stdin(f) || a.name.is_some(), "valid": r.is_valid(), "errors": r.errors(), "warnings": r.warnings(), "report": r}));
            }
            Err(e) => {
                let msg = format!("{}: {e}", name(f));
                if a.format == Format::Text {
                    errln!("gtn: ошибка: {msg}");
                }
                unreadable.push(msg);
            }
        }
    }
    if a.format == Format::Json {
        print_json(&json!({
            "files": reports, "unreadable": unreadable,
            "skipped": skipped.iter().map(|(d, n)| json!({"folder": d, "entries": n})).collect::<Vec<_>>(),
            "valid": !any_error && unreadable.is_empty(),
        }));
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
