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
    /// Заявление в JSON (см. examples/applications/).
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
    let name = a.application.display().to_string();
    let text = std::fs::read_to_string(&a.application)
        .map_err(|e| Failure(format!("{name}: не удалось прочитать: {e}")))?;
    let app = Application::from_json(&name, &text)?;
    let mut calendar = Calendar::builtin();
    if let Some(p) = &a.calendar {
        let extra = std::fs::read_to_string(p)
            .map_err(|e| Failure(format!("{}: не удалось прочитать: {e}", p.display())))?;
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
    println!("{verdict}");
    if !d.grounds.is_empty() {
        println!("\nОснования (п. 58):");
        for g in &d.grounds {
            println!("  {} [{}] {}", g.code, g.cite, g.ground.text());
            for f in &g.facts {
                println!("      — {} ({})", f.fact, f.cite);
            }
        }
    }
    if let Some(s) = &d.suspension {
        println!("\nПриостановлено до {} (п. 64, абз. 2):", date(s.until));
        for r in &s.reasons {
            println!("  — {} ({})", r.fact, r.cite);
        }
    }
    if !d.issue.is_empty() {
        println!("\nВыдать и отметить:");
        for i in &d.issue {
            println!("  — {} ({})", i.what, i.cite);
        }
    }
    if let Some(t) = &d.limited_term {
        println!(
            "\nРегистрация на ограниченный срок до {}; прекращается {} (п. 33):",
            date(t.until),
            date(t.terminates)
        );
        for r in &t.reasons {
            println!("  — {} ({})", r.fact, r.cite);
        }
    }
    if !d.requests.is_empty() {
        println!("\nЗапросить по СМЭВ (не требовать у заявителя):");
        for r in &d.requests {
            println!("  — {} ({})", r.fact, r.cite);
        }
    }
    if !d.deadlines.is_empty() {
        println!("\nСроки:");
        for x in &d.deadlines {
            println!("  {}  {} ({})", date(x.date), x.what, x.cite);
        }
    }
    if let Some(n) = &d.notice {
        println!("\n{n}");
    }
}
