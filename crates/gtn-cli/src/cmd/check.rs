//! `gtn check`: the decision on an application, with grounds and deadlines.

use crate::cmd::args::read_text;
use crate::output::Output;
use crate::{Failure, Outcome};
use chrono::NaiveDate;
use clap::Args;
use gtn_diag::Diagnostic;
use gtn_report::CheckReport;
use gtn_rules::decision::Outcome as Decided;
use gtn_rules::{evaluate_with, Application, Calendar, Edition, Options};
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct CheckArgs {
    /// Заявление в JSON (см. examples/applications/; «-» — стандартный ввод).
    application: PathBuf,
    /// Дата решения ГГГГ-ММ-ДД (по умолчанию — сегодня); не раньше submitted.
    #[arg(long)]
    today: Option<NaiveDate>,
    /// Дополнительный календарь офиса: региональные праздники, новые годы.
    #[arg(long)]
    calendar: Option<PathBuf>,
    /// Выданные знаки, по одному в строке: решение назовёт следующий свободный.
    #[arg(long)]
    issued: Option<PathBuf>,
    /// Редакция Правил и срок её действия (JSON: name, in_force_from,
    /// in_force_until, disputed_until) вместо встроенной № 1507.
    #[arg(long)]
    edition: Option<PathBuf>,
}

/// Runs `gtn check`: exit 0 proceed, 1 refusal / suspension / out of scope.
pub fn run(a: CheckArgs, out: &Output) -> Result<Outcome, Failure> {
    let name = crate::input::name(&a.application);
    let text = read_text(&a.application)?;
    let app = Application::from_json(&name, &text)?;
    let calendar = load_calendar(a.calendar.as_deref())?;
    let mut opts = Options::new(&calendar);
    if let Some(p) = &a.edition {
        opts.edition = load_edition(p)?;
    }
    let issued = match (&a.issued, gtn_rules::plate_type(&app)) {
        (Some(p), Some(t)) => crate::cmd::plate::read_issued(p, t)?
            .1
            .into_iter()
            .map(|(_, plate)| plate)
            .collect(),
        _ => Vec::new(),
    };
    opts.issued = &issued;
    let today = a.today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let d = evaluate_with(&app, today, &opts)?;
    let fine = d.outcome == Decided::Proceed;
    let report = CheckReport::new(d);
    out.report(&report, |p, w| p.check(w, &report));
    Ok(if fine {
        Outcome::Fine
    } else {
        Outcome::Findings
    })
}

/// The built-in production calendar, extended with an office's file
/// (`--calendar` of `gtn check` and `gtn serve`).
pub fn load_calendar(extra: Option<&Path>) -> Result<Calendar, Failure> {
    let mut calendar = Calendar::builtin();
    if let Some(p) = extra {
        let text = read_text(p)?;
        calendar
            .extend(&text)
            .map_err(|e| Diagnostic::from(e).with_file(p.display().to_string()))?;
    }
    Ok(calendar)
}

/// An office's edition window (`--edition` of `gtn check` and `gtn serve`).
pub fn load_edition(p: &Path) -> Result<Edition, Failure> {
    Ok(Edition::from_json(
        &p.display().to_string(),
        &read_text(p)?,
    )?)
}
