//! `gtn validate`: check exchange files against everything the format says.

use crate::cmd::args::read_failure;
use crate::input::{is_stdin, name};
use crate::output::{Format, Output};
use crate::{Failure, Outcome};
use clap::Args;
use gtn_diag::Diagnostic;
use gtn_fns::validate::{
    validate_path_to, validate_reader_to, Finding, Options, Progress, Summary,
};
use gtn_model::messages::{io_error, IoAction};
use gtn_report::json::{FileTail, ValidateStream};
use gtn_report::text::FileTotals;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Findings printed per file in text output unless `--all`.
pub const DEFAULT_SHOWN: usize = 100;

#[derive(Args)]
pub struct ValidateArgs {
    /// Файлы обмена или папки (в папках, со всеми вложенными, проверяются файлы *.xml и *.XML); «-» — стандартный ввод.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Имя файла для «-» (стандартного ввода): без него проверки имени файла пропускаются.
    #[arg(long)]
    name: Option<String>,
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

/// What [`expand`] found.
#[derive(Default)]
struct Found {
    files: Vec<PathBuf>,
    /// Per folder given: entries skipped in it (not *.xml, links, unreadable).
    skipped: Vec<(PathBuf, usize)>,
}

/// Files to check: files as given, folders searched recursively for
/// `*.xml`/`*.XML` (symbolic links to folders are not followed, so a link
/// loop cannot trap the search).
fn expand(paths: &[PathBuf]) -> Result<Found, Failure> {
    let mut found = Found::default();
    for p in paths {
        if !is_stdin(p) && p.is_dir() {
            let mut files = Vec::new();
            let mut skipped = 0usize;
            let mut stack = vec![p.clone()];
            while let Some(dir) = stack.pop() {
                let rd = match std::fs::read_dir(&dir) {
                    Ok(rd) => rd,
                    Err(e) if dir == *p => {
                        let n = p.display().to_string();
                        return Err(Failure(vec![Diagnostic::error(
                            "G002",
                            io_error(IoAction::ListDir, &n, &e),
                        )
                        .with_file(n)]));
                    }
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

/// A progress bar on stderr for a file that takes a while: shown only on a
/// terminal, not under `--quiet`, and only after half a second (a file
/// checked sooner shows nothing); fed from the validator's counters
/// ([`Progress`]) by a thread of its own, which ends at once when the file
/// is done (a folder of small files is not slowed).
struct Meter {
    progress: Arc<Progress>,
    bar: ProgressBar,
    stop: Option<mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Meter {
    /// How long a check runs before its bar appears: half a second, or
    /// `GTN_PROGRESS_DELAY_MS` (the tests draw the bar of a small file).
    fn delay() -> Duration {
        let ms = std::env::var("GTN_PROGRESS_DELAY_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(500);
        Duration::from_millis(ms)
    }

    fn start(wanted: bool, size: Option<u64>) -> Option<Self> {
        if !wanted || !std::io::stderr().is_terminal() {
            return None;
        }
        let bar = ProgressBar::with_draw_target(size, ProgressDrawTarget::hidden());
        let template = if size.is_some() {
            "{wide_bar} {msg}"
        } else {
            "{spinner} {msg}"
        };
        if let Ok(s) = ProgressStyle::with_template(template) {
            bar.set_style(s);
        }
        let progress = Progress::new();
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = {
            let (bar, progress) = (bar.clone(), progress.clone());
            std::thread::spawn(move || {
                let started = Instant::now();
                let delay = Self::delay();
                let tick = Duration::from_millis(100);
                // The first tick comes at the delay when it is shorter than a
                // tick (with no delay the bar is drawn at once, however
                // quickly the file is checked).
                let mut wait = delay.min(tick);
                let mut shown = false;
                // Ends when the sender is dropped (or sends): at once.
                while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(wait) {
                    wait = tick;
                    let elapsed = started.elapsed();
                    if !shown && elapsed >= delay {
                        shown = true;
                        bar.set_draw_target(ProgressDrawTarget::stderr());
                    }
                    let (bytes, docs) = (progress.bytes(), progress.documents());
                    bar.set_position(bytes);
                    bar.set_message(status(bytes, size, docs, elapsed));
                }
            })
        };
        Some(Self {
            progress,
            bar,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    fn finish(mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        self.bar.finish_and_clear();
    }
}

/// The bar's text, in Russian units: «12,5 МиБ из 61,0 МиБ (40,1 МиБ/с),
/// документов: 8 000, осталось 2 с».
fn status(bytes: u64, size: Option<u64>, docs: u64, elapsed: Duration) -> String {
    let mib = |b: u64| format!("{:.1}", b as f64 / (1024.0 * 1024.0)).replace('.', ",");
    let rate = crate::progress::rate(bytes, elapsed);
    let speed = mib(rate as u64);
    match size {
        Some(total) => {
            let left = crate::progress::seconds_left(bytes, total, rate)
                .map(|s| format!(", осталось {s} с"))
                .unwrap_or_default();
            format!(
                "{} МиБ из {} МиБ ({speed} МиБ/с), документов: {docs}{left}",
                mib(bytes),
                mib(total)
            )
        }
        None => format!(
            "прочитано {} МиБ ({speed} МиБ/с), документов: {docs}",
            mib(bytes)
        ),
    }
}

/// The figures of a checked file that follow its findings.
fn tail(s: Summary) -> FileTail {
    FileTail {
        file: s.file,
        documents: s.documents,
        stopped: s.stopped,
        bytes: s.bytes,
        parts: s.parts,
    }
}

/// Runs `gtn validate`. In text, each finding is printed as soon as the
/// validator finds it (at most `DEFAULT_SHOWN` per file unless `--all`),
/// then the file's summary with counts by code; nothing is kept in memory
/// but the counts. In JSON the one document is written as the findings come
/// ([`ValidateStream`]): memory does not grow with the number of findings.
pub fn run(a: ValidateArgs, out: &Output) -> Result<Outcome, Failure> {
    let Found { files, skipped } = expand(&a.paths)?;
    let mut notes = Vec::new();
    for (dir, n) in &skipped {
        let d = Diagnostic::note(
            "G008",
            format!("в папке пропущено (не *.xml, ссылки, недоступные): {n}"),
        )
        .with_file(dir.display().to_string());
        out.note(&d);
        notes.push(d);
    }
    if files.is_empty() {
        return Err(Diagnostic::error("G004", "нет файлов *.xml для проверки").into());
    }
    if files.iter().filter(|f| is_stdin(f)).count() > 1 {
        return Err(Diagnostic::error(
            "G005",
            "«-» (стандартный ввод) можно указать только один раз",
        )
        .into());
    }
    if a.name.is_some() && !files.iter().any(|f| is_stdin(f)) {
        return Err(Diagnostic::error(
            "G005",
            "--name задаётся только для «-» (стандартного ввода)",
        )
        .into());
    }
    let options = Options {
        max_errors: a.max_errors,
        threads: a.threads,
        ..Options::default()
    };
    let limit = if a.all { usize::MAX } else { DEFAULT_SHOWN };
    let printer = out.printer();
    let text = out.format == Format::Text;
    // JSON written to a terminal is one growing line: a bar redrawn on the
    // same screen would cut into it, so none is drawn then (into a file or a
    // pipe, the bar is drawn as for text).
    let bars = !out.quiet && (text || !std::io::stdout().is_terminal());
    let stdout = std::io::stdout();
    // Under JSON the document goes to a buffered stdout as it is made; under
    // text the stream's bytes are discarded and it only keeps the verdict.
    let sink: Box<dyn Write> = if text {
        Box::new(std::io::sink())
    } else {
        Box::new(std::io::BufWriter::with_capacity(64 * 1024, stdout.lock()))
    };
    let mut json = ValidateStream::new(sink);
    notes.into_iter().for_each(|d| json.note(d));
    let (mut valid, mut unreadable) = (true, false);
    for f in &files {
        let shown_name = name(f);
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        let mut shown = 0usize;
        if is_stdin(f) && a.name.is_none() {
            let d = Diagnostic::note(
                "G009",
                "имя файла не проверялось: для стандартного ввода укажите его (--name VO_AVTOTS_…xml)",
            )
            .with_file(shown_name.clone());
            out.note(&d);
            json.note(d);
        }
        json.begin_file(&shown_name);
        let size = if is_stdin(f) {
            None
        } else {
            std::fs::metadata(f)
                .ok()
                .filter(std::fs::Metadata::is_file)
                .map(|m| m.len())
        };
        let meter = Meter::start(bars, size);
        let options = Options {
            progress: meter.as_ref().map(|m| m.progress.clone()),
            ..options.clone()
        };
        let result = {
            let mut sink = |finding: Finding| {
                let d = Diagnostic::from(&finding);
                if text {
                    *counts.entry(d.code.to_string()).or_insert(0) += 1;
                    if shown < limit {
                        shown += 1;
                        let print = || {
                            printer.diagnostic(
                                &mut stdout.lock(),
                                &d.clone().with_file(shown_name.clone()),
                            )
                        };
                        crate::output::stdout_written(match &meter {
                            Some(m) => m.bar.suspend(print),
                            None => print(),
                        });
                    }
                } else {
                    crate::output::stdout_written(json.finding(&d));
                }
            };
            if is_stdin(f) {
                Ok(validate_reader_to(
                    a.name.as_deref(),
                    std::io::stdin().lock(),
                    &options,
                    &mut sink,
                ))
            } else {
                validate_path_to(f, &options, &mut sink)
            }
        };
        if let Some(m) = meter {
            m.finish();
        }
        match result {
            Ok(summary) => {
                valid &= summary.is_valid();
                if text {
                    let t = FileTotals {
                        path: &shown_name,
                        errors: summary.errors,
                        warnings: summary.warnings,
                        documents: summary.documents,
                        stopped: summary.stopped,
                    };
                    crate::output::stdout_written(printer.validate_totals(
                        &mut stdout.lock(),
                        &t,
                        shown,
                        &counts,
                    ));
                }
                crate::output::stdout_written(json.end_file(tail(summary)));
            }
            Err(e) => {
                let Failure(ds) = read_failure(f, &e);
                unreadable = true;
                for d in ds {
                    if text {
                        out.error(&gtn_report::ErrorReport::from(d.clone()));
                    }
                    crate::output::stdout_written(json.unreadable(d));
                }
            }
        }
    }
    crate::output::stdout_written(
        json.finish()
            .and_then(|mut w| w.write_all(b"\n").and_then(|()| w.flush())),
    );
    Ok(if unreadable {
        Outcome::Incomplete
    } else if valid {
        Outcome::Fine
    } else {
        Outcome::Findings
    })
}
