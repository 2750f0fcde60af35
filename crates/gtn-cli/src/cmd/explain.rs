//! `gtn explain CODE` and `gtn explain --list`: the registry of codes.

use crate::output::Output;
use crate::{Failure, Outcome};
use clap::Args;
use gtn_diag::{registry, Diagnostic, Lookup};
use gtn_report::ExplainReport;

#[derive(Args)]
pub struct ExplainArgs {
    /// Код: V035, R58.9, 0400400007, …
    #[arg(required_unless_present = "list")]
    code: Option<String>,
    /// Перечислить все коды.
    #[arg(long, conflicts_with = "code")]
    list: bool,
}

/// Runs `gtn explain`.
pub fn run(a: ExplainArgs, out: &Output) -> Result<Outcome, Failure> {
    let r = registry();
    let report = if a.list {
        ExplainReport::new(r.codes.clone(), None)
    } else {
        let code = a.code.unwrap_or_default();
        match r.lookup(&code) {
            Lookup::Found(i) => ExplainReport::new(vec![i.clone()], None),
            Lookup::Renamed(x, i) => ExplainReport::new(vec![i.clone()], Some(x.from.clone())),
            Lookup::Unknown => {
                let similar = r.similar(&code);
                let hint = if similar.is_empty() {
                    "; список кодов: gtn explain --list".to_owned()
                } else {
                    format!("; может быть, {}?", similar.join(", "))
                };
                return Err(Failure(vec![Diagnostic::error(
                    "G006",
                    format!("неизвестный код{hint}"),
                )
                .with_value(code)]));
            }
        }
    };
    out.report(&report, |p, w| p.explain(w, &report));
    Ok(Outcome::Fine)
}
