//! The text printer: Russian for people.
//!
//! A finding (and an error that stops a run) is printed in one form:
//!
//! ```text
//! ошибка[V040]: ИНН организации «5010015528»: неверное контрольное число (ожидалось 7)
//!   --> VO_AVTOTS_….xml:12:34
//!    | Файл/Документ[2]/СведЮЛРос/@ИННЮЛ = «5010015528»
//! ```
//!
//! The first line: severity (ошибка, предупреждение, примечание), the code in
//! brackets (`gtn explain CODE` explains it), the message. The `-->` line:
//! file, line and column as far as known (left out when nothing is known).
//! The `|` line: the element or field path and the value (left out when
//! neither is known). Invisible characters in values are named
//! (`<U+200B ZERO WIDTH SPACE>`). A blank line follows each finding.
//!
//! Colour (when on): severity and code in colour, the location dimmed.

use crate::*;
use anstyle::{AnsiColor, Style};
use gtn_diag::text::show;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Totals of one checked file, for its summary line.
#[derive(Debug, Clone, Copy)]
pub struct FileTotals<'a> {
    /// Path as given.
    pub path: &'a str,
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Документ elements.
    pub documents: u64,
    /// The check stopped early.
    pub stopped: bool,
}

/// The text printer. `color`: ANSI styles on (the caller decides, from
/// `--color`, `NO_COLOR` and whether the output is a terminal).
#[derive(Debug, Clone, Copy, Default)]
pub struct Printer {
    /// Write ANSI colour codes.
    pub color: bool,
}

fn severity_style(s: Severity) -> Style {
    let c = match s {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Note => AnsiColor::Cyan,
    };
    Style::new().bold().fg_color(Some(c.into()))
}

impl Printer {
    /// A printer with colour on or off.
    pub fn new(color: bool) -> Self {
        Self { color }
    }

    fn paint(&self, style: Style, s: &str) -> String {
        if self.color {
            format!("{}{s}{}", style.render(), style.render_reset())
        } else {
            s.to_owned()
        }
    }

    /// One diagnostic in the compiler-style form, followed by a blank line.
    pub fn diagnostic(&self, w: &mut dyn Write, d: &Diagnostic) -> io::Result<()> {
        let head = format!("{}[{}]", d.severity.word(), d.code);
        writeln!(
            w,
            "{}: {}",
            self.paint(severity_style(d.severity), &head),
            show(&d.message)
        )?;
        let arrow = self.paint(
            Style::new().bold().fg_color(Some(AnsiColor::Blue.into())),
            "-->",
        );
        let loc = d.location();
        if !loc.is_empty() {
            writeln!(w, "  {arrow} {loc}")?;
        }
        let bar = self.paint(
            Style::new().bold().fg_color(Some(AnsiColor::Blue.into())),
            "|",
        );
        match (&d.path, &d.value) {
            (Some(p), Some(v)) => writeln!(w, "   {bar} {p} = «{}»", show(v))?,
            (Some(p), None) => writeln!(w, "   {bar} {p}")?,
            (None, Some(v)) => writeln!(w, "   {bar} «{}»", show(v))?,
            (None, None) => {}
        }
        writeln!(w)
    }

    /// A run that could not be made: every error (to stderr, by the caller).
    pub fn error_report(&self, w: &mut dyn Write, r: &ErrorReport) -> io::Result<()> {
        for d in &r.errors {
            self.diagnostic(w, d)?;
        }
        Ok(())
    }

    /// The summary line of one checked file, with counts by code when
    /// `shown` findings are fewer than all.
    pub fn validate_summary(
        &self,
        w: &mut dyn Write,
        f: &ValidatedFile,
        shown: usize,
    ) -> io::Result<()> {
        let counts = f
            .counts()
            .into_iter()
            .map(|(c, n)| (c.to_owned(), n))
            .collect();
        self.validate_totals(
            w,
            &FileTotals {
                path: &f.path,
                errors: f.errors,
                warnings: f.warnings,
                documents: f.report.documents,
                stopped: f.report.stopped,
            },
            shown,
            &counts,
        )
    }

    /// The summary of a file whose findings were printed as they came:
    /// `shown` of them printed, `counts` of all by code.
    pub fn validate_totals(
        &self,
        w: &mut dyn Write,
        t: &FileTotals<'_>,
        shown: usize,
        counts: &BTreeMap<String, usize>,
    ) -> io::Result<()> {
        let total: usize = counts.values().sum();
        if shown < total {
            let by_code = counts
                .iter()
                .map(|(c, n)| format!("{c}: {n}"))
                .collect::<Vec<_>>()
                .join(", ");
            writeln!(
                w,
                "{}: показано замечаний {shown} из {total} (все — с --all); по кодам: {by_code}",
                t.path
            )?;
        }
        let verdict = if t.errors == 0 {
            self.paint(
                Style::new().bold().fg_color(Some(AnsiColor::Green.into())),
                "соответствует формату",
            )
        } else {
            self.paint(severity_style(Severity::Error), "НЕ соответствует формату")
        };
        let stopped = if t.stopped {
            " (проверка прервана)"
        } else {
            ""
        };
        writeln!(
            w,
            "{}: {verdict}: ошибок {}, предупреждений {}, документов {}{stopped}",
            t.path, t.errors, t.warnings, t.documents
        )
    }

    /// A checked file: findings (at most `limit`, all when `None`), then the summary.
    pub fn validated_file(
        &self,
        w: &mut dyn Write,
        f: &ValidatedFile,
        limit: Option<usize>,
    ) -> io::Result<()> {
        let mut shown = 0;
        for d in &f.report.findings {
            if limit.is_some_and(|l| shown >= l) {
                break;
            }
            let mut d = d.clone();
            d.file = Some(f.path.clone());
            self.diagnostic(w, &d)?;
            shown += 1;
        }
        self.validate_summary(w, f, shown)
    }

    /// `gtn check`: the decision with grounds, facts, deadlines and the notice.
    pub fn check(&self, w: &mut dyn Write, r: &CheckReport) -> io::Result<()> {
        use gtn_rules::decision::Outcome as Decided;
        let d = &r.decision;
        let verdict = match d.outcome {
            Decided::Proceed => "РЕШЕНИЕ: действие может быть совершено",
            Decided::Suspend => "РЕШЕНИЕ: предоставление услуги приостановлено",
            Decided::Refuse => "РЕШЕНИЕ: отказ",
            Decided::NotSubject => {
                "РЕШЕНИЕ: техника не подлежит регистрации в органах гостехнадзора (отказ)"
            }
        };
        let style = if d.outcome == Decided::Proceed {
            Style::new().bold().fg_color(Some(AnsiColor::Green.into()))
        } else {
            severity_style(Severity::Error)
        };
        writeln!(w, "{}", self.paint(style, verdict))?;
        writeln!(
            w,
            "Дата решения {}; {} (с {}{})",
            date(d.decided_on),
            d.edition.name,
            date(d.edition.in_force_from),
            d.edition
                .in_force_until
                .map_or(String::new(), |u| format!(" до {}", date(u)))
        )?;
        for x in &d.warnings {
            writeln!(
                w,
                "{}: {}",
                self.paint(
                    severity_style(Severity::Warning),
                    &format!("предупреждение[{}]", x.code)
                ),
                x.message
            )?;
        }
        if !d.grounds.is_empty() {
            writeln!(w, "\nОснования (п. 58):")?;
            for g in &d.grounds {
                writeln!(
                    w,
                    "  {} [{}] {}",
                    self.paint(Style::new().bold(), &g.code),
                    g.cite,
                    g.ground.text()
                )?;
                for f in &g.facts {
                    writeln!(w, "      — {} ({})", f.fact, f.cite)?;
                }
            }
        }
        if let Some(s) = &d.suspension {
            use gtn_rules::decision::SuspensionStatus as S;
            let state = match (s.status, s.resumed_on) {
                (S::Active, _) => "Приостановлено".to_owned(),
                (S::Resumed, Some(r)) => format!("Было приостановлено, возобновлено {}", date(r)),
                (S::Resumed, None) => "Было приостановлено, возобновлено".to_owned(),
                (S::CapPassed, _) => "Приостановление истекло и не продлевается".to_owned(),
            };
            writeln!(
                w,
                "\n{state}: с {} не дольше {} (п. 64, абз. 2):",
                date(s.from),
                date(s.until)
            )?;
            for r in &s.reasons {
                writeln!(w, "  — {} ({})", r.fact, r.cite)?;
            }
        }
        if !d.issue.is_empty() {
            writeln!(w, "\nВыдать и отметить:")?;
            for i in &d.issue {
                writeln!(w, "  — {} ({})", i.what, i.cite)?;
                use gtn_rules::decision::IssueData as I;
                if let I::Plate(p) | I::TransitPlates { plate: p, .. } = &i.data {
                    if let Some(code) = &p.code {
                        writeln!(
                            w,
                            "      код региона на знаке {code} (регион ССРФ {}); серии: {}",
                            p.region.map(|r| r.to_string()).unwrap_or_default(),
                            p.series.join(", ")
                        )?;
                    }
                    if let Some(next) = &p.plate {
                        writeln!(w, "      следующий свободный знак: {next}")?;
                    }
                }
            }
        }
        if let Some(t) = &d.limited_term {
            writeln!(
                w,
                "\nРегистрация на ограниченный срок до {}; прекращается {} (п. 33):",
                date(t.until),
                date(t.terminates)
            )?;
            for r in &t.reasons {
                writeln!(w, "  — {} ({})", r.fact, r.cite)?;
            }
        }
        if !d.requests.is_empty() {
            writeln!(w, "\nЗапросить по СМЭВ (не требовать у заявителя):")?;
            for r in &d.requests {
                writeln!(w, "  — {} ({})", r.fact, r.cite)?;
            }
        }
        if !d.deadlines.is_empty() {
            writeln!(w, "\nСроки:")?;
            for x in &d.deadlines {
                writeln!(
                    w,
                    "  {}  {} ({}; {})",
                    date(x.date),
                    x.what,
                    x.cite,
                    x.counting.law()
                )?;
            }
        }
        if let Some(n) = &d.notice {
            writeln!(w, "\n{n}")?;
        }
        Ok(())
    }

    /// `gtn plate series`: one series per line.
    pub fn plate_series(&self, w: &mut dyn Write, r: &PlateSeriesReport) -> io::Result<()> {
        for s in &r.series {
            writeln!(w, "{s}")?;
        }
        Ok(())
    }

    /// `gtn plate check`: the canonical plate, or why not.
    pub fn plate_check(&self, w: &mut dyn Write, r: &PlateCheckReport) -> io::Result<()> {
        if let Some(c) = &r.canonical {
            writeln!(w, "{c}")?;
        }
        for d in &r.errors {
            self.diagnostic(w, d)?;
        }
        Ok(())
    }

    /// `gtn plate next`: the plate as written on it.
    pub fn plate_next(&self, w: &mut dyn Write, r: &PlateNextReport) -> io::Result<()> {
        writeln!(w, "{}", r.display)
    }

    /// `gtn generate`: the path written, or every error and the count.
    pub fn generate(&self, w: &mut dyn Write, r: &GenerateReport) -> io::Result<()> {
        if let Some(p) = &r.path {
            writeln!(w, "{p}")?;
        }
        for d in &r.errors {
            self.diagnostic(w, d)?;
        }
        if r.more > 0 {
            writeln!(w, "… и ещё ошибок: {}", r.more)?;
        }
        if !r.written {
            writeln!(
                w,
                "файл не сформирован: ошибок во входных данных: {}",
                r.errors.len() + r.more
            )?;
        }
        Ok(())
    }

    /// `gtn explain`: one code in full, or (more than one) the list.
    pub fn explain(&self, w: &mut dyn Write, r: &ExplainReport) -> io::Result<()> {
        if let Some(old) = &r.renamed_from {
            if let Some(c) = r.codes.first() {
                writeln!(w, "Код {old} переименован в {}.\n", c.code)?;
            }
        }
        if r.codes.len() == 1 {
            let c = &r.codes[0];
            let head = format!("{} — {}", c.code, c.title);
            writeln!(w, "{}", self.paint(Style::new().bold(), &head))?;
            writeln!(w, "Серьёзность: {}", c.severity.word())?;
            writeln!(w, "Источник: {}", c.source)?;
            writeln!(w, "Выдаёт: {}", c.emitted_by)?;
            writeln!(w, "\n{}", c.meaning)?;
            if !c.why.is_empty() {
                writeln!(w, "\nПочему: {}", c.why)?;
            }
            writeln!(w, "\nПример: {}", c.example)?;
            writeln!(w, "\nЧто делать: {}", c.fix)?;
        } else {
            let width = r
                .codes
                .iter()
                .map(|c| c.code.chars().count())
                .max()
                .unwrap_or(0);
            for c in &r.codes {
                writeln!(
                    w,
                    "{:width$}  {:14}  {}",
                    c.code,
                    c.severity.word(),
                    c.title
                )?;
            }
        }
        Ok(())
    }
}
