//! `gtn check`: the decision on an application, with grounds and deadlines.

use crate::cmd::args::read_text;
use crate::output::Output;
use crate::{Failure, Outcome};
use chrono::NaiveDate;
use clap::Args;
use gtn_diag::Diagnostic;
use gtn_report::CheckReport;
use gtn_rules::decision::Outcome as Decided;
use gtn_rules::{evaluate, Application, Calendar};
use std::path::PathBuf;

#[derive(Args)]
pub struct CheckArgs {
    /// Заявление в JSON (см. examples/applications/; «-» — стандартный ввод).
    application: PathBuf,
    /// Дата решения ГГГГ-ММ-ДД (по умолчанию — сегодня).
    #[arg(long)]
    today: Option<NaiveDate>,
    /// Дополнительный календарь офиса: региональные праздники, новые годы.
    #[arg(long)]
    calendar: Option<PathBuf>,
}

/// Runs `gtn check`: exit 0 proceed, 1 refusal / suspension / out of scope.
pub fn run(a: CheckArgs, out: &Output) -> Result<Outcome, Failure> {
    let name = crate::input::name(&a.application);
    let text = read_text(&a.application)?;
    let app = Application::from_json(&name, &text)?;
    let mut calendar = Calendar::builtin();
    if let Some(p) = &a.calendar {
        let extra = read_text(p)?;
        calendar
            .extend(&extra)
            .map_err(|e| Diagnostic::from(e).with_file(p.display().to_string()))?;
    }
    let today = a.today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let d = evaluate(&app, today, &calendar)?;
    let fine = d.outcome == Decided::Proceed;
    let report = CheckReport::new(d);
    out.report(&report, |p, w| p.check(w, &report));
    Ok(if fine {
        Outcome::Fine
    } else {
        Outcome::Findings
    })
}
