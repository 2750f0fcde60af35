//! `gtn check`: the decision on an application, with grounds and deadlines.

use crate::output::{print_json, Format};
use crate::{Failure, Outcome};
use chrono::NaiveDate;
use clap::Args;
use gtn_rules::decision::Outcome as Decided;
use gtn_rules::{evaluate, Application, Calendar, Decision};
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
    /// Формат вывода.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

/// Runs `gtn check`: exit 0 proceed, 1 refusal / suspension / out of scope.
pub fn run(a: CheckArgs) -> Result<Outcome, Failure> {
    let name = crate::input::name(&a.application);
    let text = crate::input::read_text(&a.application)?;
    let app = Application::from_json(&name, &text)?;
    let mut calendar = Calendar::builtin();
    if let Some(p) = &a.calendar {
        let extra = crate::input::read_text(p)?;
        calendar
            .extend(&extra)
            .map_err(|e| Failure(format!("{}: {e}", p.display())))?;
    }
    let today = a.today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let d = evaluate(&app, today, &calendar)?;
    match a.format {
        Format::Json => print_json(&serde_json::to_value(&d)?),
        Format::Text => print_text(&d),
    }
    Ok(if d.outcome == Decided::Proceed {
        Outcome::Fine
    } else {
        Outcome::Findings
    })
}

fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

fn print_text(d: &Decision) {
    let verdict = match d.outcome {
        Decided::Proceed => "РЕШЕНИЕ: действие может быть совершено",
        Decided::Suspend => "РЕШЕНИЕ: предоставление услуги приостановлено",
        Decided::Refuse => "РЕШЕНИЕ: отказ",
        Decided::NotSubject => {
            "РЕШЕНИЕ: техника не подлежит регистрации в органах гостехнадзора (отказ)"
        }
    };
    outln!("{verdict}");
    if !d.grounds.is_empty() {
        outln!("\nОснования (п. 58):");
        for g in &d.grounds {
            outln!("  {} [{}] {}", g.code, g.cite, g.ground.text());
            for f in &g.facts {
                outln!("      — {} ({})", f.fact, f.cite);
            }
        }
    }
    if let Some(s) = &d.suspension {
        outln!("\nПриостановлено до {} (п. 64, абз. 2):", date(s.until));
        for r in &s.reasons {
            outln!("  — {} ({})", r.fact, r.cite);
        }
    }
    if !d.issue.is_empty() {
        outln!("\nВыдать и отметить:");
        for i in &d.issue {
            outln!("  — {} ({})", i.what, i.cite);
        }
    }
    if let Some(t) = &d.limited_term {
        outln!(
            "\nРегистрация на ограниченный срок до {}; прекращается {} (п. 33):",
            date(t.until),
            date(t.terminates)
        );
        for r in &t.reasons {
            outln!("  — {} ({})", r.fact, r.cite);
        }
    }
    if !d.requests.is_empty() {
        outln!("\nЗапросить по СМЭВ (не требовать у заявителя):");
        for r in &d.requests {
            outln!("  — {} ({})", r.fact, r.cite);
        }
    }
    if !d.deadlines.is_empty() {
        outln!("\nСроки:");
        for x in &d.deadlines {
            outln!("  {}  {} ({})", date(x.date), x.what, x.cite);
        }
    }
    if let Some(n) = &d.notice {
        outln!("\n{n}");
    }
}
