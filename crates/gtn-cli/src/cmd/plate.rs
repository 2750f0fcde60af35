//! `gtn plate series|check|next`.

use crate::input::{name, read_text};
use crate::output::{print_json, Format};
use crate::{Failure, Global, Outcome};
use clap::{Args, Subcommand};
use gtn_model::PlateType;
use gtn_plates::{parse_issued, Allocator, Registry, Skipped};
use serde_json::json;
use std::path::PathBuf;

/// Subcommands of `gtn plate`.
#[derive(Subcommand)]
pub enum PlateCommand {
    /// Серии, закреплённые за кодом региона, по одной в строке.
    Series(SeriesArgs),
    /// Проверить знак: печатает канонический вид (выход 0) или ошибки (выход 1).
    Check(CheckArgs),
    /// Следующий свободный знак с учётом уже выданных.
    Next(NextArgs),
}

#[derive(Args)]
pub struct SeriesArgs {
    /// Код региона на знаке (77) или наименование региона («г. Москва»).
    #[arg(long)]
    region: String,
    /// Тип знака: 3, 4А (4A) или 18.
    #[arg(long = "type", value_parser = parse_type)]
    plate_type: PlateType,
    /// Формат вывода.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

#[derive(Args)]
pub struct CheckArgs {
    /// Тип знака: 3, 4А (4A) или 18.
    #[arg(long = "type", value_parser = parse_type)]
    plate_type: PlateType,
    /// Знак, например «1234 АВ 77».
    plate: String,
    /// Формат вывода.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

#[derive(Args)]
pub struct NextArgs {
    /// Код региона на знаке (77) или наименование региона.
    #[arg(long)]
    region: String,
    /// Тип знака: 3, 4А (4A) или 18.
    #[arg(long = "type", value_parser = parse_type)]
    plate_type: PlateType,
    /// Файл с выданными знаками, по одному в строке (пустые строки и строки с # пропускаются; «-» — стандартный ввод).
    #[arg(long)]
    issued: Option<PathBuf>,
    /// Формат вывода.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

fn parse_type(s: &str) -> Result<PlateType, String> {
    s.parse().map_err(|e: gtn_model::PlateError| e.to_string())
}

fn region_code(reg: &Registry, region: &str) -> Result<String, Failure> {
    let r = region.trim();
    if r.bytes().all(|b| b.is_ascii_digit()) {
        Ok(r.to_owned())
    } else {
        Ok(reg.code_for_name(r)?.to_owned())
    }
}

/// Runs a `gtn plate` subcommand.
pub fn run(c: PlateCommand, g: Global) -> Result<Outcome, Failure> {
    let reg = Registry::builtin();
    match c {
        PlateCommand::Series(a) => {
            let code = region_code(reg, &a.region)?;
            let series = reg.series(&code, a.plate_type).ok_or_else(|| {
                Failure(format!(
                    "код региона {code}: нет в Приложении № {} (знак типа {})",
                    reg.appendix(a.plate_type).number,
                    a.plate_type
                ))
            })?;
            match a.format {
                Format::Text => series.iter().for_each(|s| outln!("{s}")),
                Format::Json => print_json(&json!({
                    "code": code, "type": a.plate_type.as_str(), "series": series,
                })),
            }
            Ok(Outcome::Fine)
        }
        PlateCommand::Check(a) => match reg.parse(a.plate_type, &a.plate) {
            Ok(p) => {
                match a.format {
                    Format::Text => outln!("{}", p.canonical()),
                    Format::Json => print_json(&json!({
                        "valid": true, "input": a.plate, "canonical": p.canonical(),
                        "display": p.to_string(), "plate": p,
                    })),
                }
                Ok(Outcome::Fine)
            }
            Err(e) => {
                match a.format {
                    Format::Text => outln!("{}: ошибка [{}]: {e}", a.plate, e.code()),
                    Format::Json => print_json(&json!({
                        "valid": false, "input": a.plate,
                        "errors": [{"code": e.code(), "message": e.to_string()}],
                    })),
                }
                Ok(Outcome::Findings)
            }
        },
        PlateCommand::Next(a) => {
            let code = region_code(reg, &a.region)?;
            let mut alloc = Allocator::new(reg, &code, a.plate_type, [])?;
            let skipped = match &a.issued {
                Some(path) => {
                    let list = parse_issued(&read_text(path)?, a.plate_type);
                    if !list.errors.is_empty() {
                        let file = name(path);
                        let lines = list
                            .errors
                            .iter()
                            .take(MAX_LISTED)
                            .map(|e| {
                                format!(
                                    "{file}:{}: знак «{}»: {} [{}]",
                                    e.line,
                                    e.text,
                                    e.error,
                                    e.code()
                                )
                            })
                            .collect::<Vec<_>>()
                            .join("\n");
                        let more = list.errors.len().saturating_sub(MAX_LISTED);
                        let more = if more > 0 {
                            format!("\n… и ещё {more}")
                        } else {
                            String::new()
                        };
                        return Err(Failure(format!(
                            "{file}: строк, которые не являются знаком типа {}: {}\n{lines}{more}",
                            a.plate_type,
                            list.errors.len()
                        )));
                    }
                    alloc.mark_list(&list.plates)
                }
                None => Vec::new(),
            };
            let p = alloc.next_free()?;
            match a.format {
                Format::Text => {
                    outln!("{p}");
                    if let (Some(path), false) = (&a.issued, g.quiet || skipped.is_empty()) {
                        report_skipped(&name(path), &code, &skipped);
                    }
                }
                Format::Json => print_json(&json!({
                    "canonical": p.canonical(), "display": p.to_string(), "plate": p,
                    "ignored_issued": skipped.len(),
                    "skipped": skipped,
                })),
            }
            Ok(Outcome::Fine)
        }
    }
}

/// Lines listed at most in a message; the rest are counted.
const MAX_LISTED: usize = 20;

/// Says on stderr which issued plates did not count, and why.
fn report_skipped(file: &str, code: &str, skipped: &[Skipped]) {
    errln!(
        "gtn: не учтено выданных знаков: {} (не код {code} или серия не закреплена за ним):",
        skipped.len()
    );
    for s in skipped.iter().take(MAX_LISTED) {
        errln!("  {file}:{}: {} — {}", s.line, s.plate, s.reason.text());
    }
    if skipped.len() > MAX_LISTED {
        errln!("  … и ещё {}", skipped.len() - MAX_LISTED);
    }
}
