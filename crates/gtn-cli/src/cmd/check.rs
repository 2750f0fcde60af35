//! `gtn check`: the decision on an application, with grounds and deadlines.

use crate::output::{print_json, Format};
use crate::{Failure, Outcome};
use chrono::NaiveDate;
use clap::Args;
use gtn_model::{Plate, PlateType};
use gtn_rules::decision::{IssueData, Outcome as Decided, SuspensionStatus};
use gtn_rules::{evaluate_with, Application, Calendar, Decision, Edition, Options};
use std::path::PathBuf;

#[derive(Args)]
pub struct CheckArgs {
    /// Заявление в JSON (см. examples/applications/).
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
    /// Формат вывода.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

fn read(p: &PathBuf) -> Result<String, Failure> {
    std::fs::read_to_string(p)
        .map_err(|e| Failure(format!("{}: не удалось прочитать: {e}", p.display())))
}

/// Runs `gtn check`: exit 0 proceed, 1 refusal / suspension / out of scope.
pub fn run(a: CheckArgs) -> Result<Outcome, Failure> {
    let name = a.application.display().to_string();
    let app = Application::from_json(&name, &read(&a.application)?)?;
    let mut calendar = Calendar::builtin();
    if let Some(p) = &a.calendar {
        calendar
            .extend(&read(p)?)
            .map_err(|e| Failure(format!("{}: {e}", p.display())))?;
    }
    let mut opts = Options::new(&calendar);
    if let Some(p) = &a.edition {
        opts.edition = Edition::from_json(&p.display().to_string(), &read(p)?)?;
    }
    let issued = match (&a.issued, gtn_rules::plate_type(&app)) {
        (Some(p), Some(t)) => read_issued(p, t)?,
        _ => Vec::new(),
    };
    opts.issued = &issued;
    let today = a.today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let d = evaluate_with(&app, today, &opts)?;
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

/// The plates already issued, one a line (`#` comments, blank lines
/// skipped); every bad line is named, not only the first.
fn read_issued(p: &PathBuf, t: PlateType) -> Result<Vec<Plate>, Failure> {
    let text = read(p)?;
    let mut plates = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        match Plate::parse(t, l) {
            Ok(x) => plates.push(x),
            Err(e) => bad.push(format!("{}:{}: знак «{l}»: {e}", p.display(), i + 1)),
        }
    }
    if bad.is_empty() {
        Ok(plates)
    } else {
        Err(Failure(bad.join("\n")))
    }
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
    println!(
        "Дата решения {}; {} (с {}{})",
        date(d.decided_on),
        d.edition.name,
        date(d.edition.in_force_from),
        d.edition
            .in_force_until
            .map_or(String::new(), |u| format!(" до {}", date(u)))
    );
    for w in &d.warnings {
        println!("ПРЕДУПРЕЖДЕНИЕ [{}]: {}", w.code, w.message);
    }
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
        let state = match s.status {
            SuspensionStatus::Active => "Приостановлено".to_owned(),
            SuspensionStatus::Resumed => format!(
                "Было приостановлено, возобновлено {}",
                s.resumed_on.map(date).unwrap_or_default()
            ),
            SuspensionStatus::CapPassed => "Приостановление истекло и не продлевается".to_owned(),
        };
        println!(
            "\n{state}: с {} не дольше {} (п. 64, абз. 2):",
            date(s.from),
            date(s.until)
        );
        for r in &s.reasons {
            println!("  — {} ({})", r.fact, r.cite);
        }
    }
    if !d.issue.is_empty() {
        println!("\nВыдать и отметить:");
        for i in &d.issue {
            println!("  — {} ({})", i.what, i.cite);
            let plate = match &i.data {
                IssueData::Plate(p) | IssueData::TransitPlates { plate: p, .. } => Some(p),
                _ => None,
            };
            if let Some(p) = plate {
                if let Some(code) = &p.code {
                    println!(
                        "      код региона на знаке {code} (регион ССРФ {}); серии: {}",
                        p.region.map(|r| r.to_string()).unwrap_or_default(),
                        p.series.join(", ")
                    );
                }
                if let Some(next) = &p.plate {
                    println!("      следующий свободный знак: {next}");
                }
            }
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
            println!(
                "  {}  {} ({}; {})",
                date(x.date),
                x.what,
                x.cite,
                x.counting.law()
            );
        }
    }
    if let Some(n) = &d.notice {
        println!("\n{n}");
    }
}
