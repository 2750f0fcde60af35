//! `gtn plate series|check|next`.

use crate::output::{print_json, Format};
use crate::{Failure, Outcome};
use clap::{Args, Subcommand};
use gtn_model::{Plate, PlateType};
use gtn_plates::{Allocator, Registry};
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
    /// Файл с выданными знаками, по одному в строке (пустые строки и строки с # пропускаются).
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
pub fn run(c: PlateCommand) -> Result<Outcome, Failure> {
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
                Format::Text => series.iter().for_each(|s| println!("{s}")),
                Format::Json => print_json(&json!({
                    "code": code, "type": a.plate_type.as_str(), "series": series,
                })),
            }
            Ok(Outcome::Fine)
        }
        PlateCommand::Check(a) => match reg.parse(a.plate_type, &a.plate) {
            Ok(p) => {
                match a.format {
                    Format::Text => println!("{}", p.canonical()),
                    Format::Json => print_json(&json!({
                        "valid": true, "input": a.plate, "canonical": p.canonical(),
                        "display": p.to_string(), "plate": p,
                    })),
                }
                Ok(Outcome::Fine)
            }
            Err(e) => {
                match a.format {
                    Format::Text => println!("{}: ошибка [{}]: {e}", a.plate, e.code()),
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
            let issued = match &a.issued {
                Some(path) => read_issued(path, a.plate_type)?,
                None => Vec::new(),
            };
            let alloc = Allocator::new(reg, &code, a.plate_type, issued)?;
            let p = alloc.next_free()?;
            match a.format {
                Format::Text => println!("{p}"),
                Format::Json => print_json(&json!({
                    "canonical": p.canonical(), "display": p.to_string(), "plate": p,
                    "ignored_issued": alloc.ignored(),
                })),
            }
            Ok(Outcome::Fine)
        }
    }
}

fn read_issued(path: &PathBuf, t: PlateType) -> Result<Vec<Plate>, Failure> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Failure(format!("{}: {e}", path.display())))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let p = Plate::parse(t, l)
            .map_err(|e| Failure(format!("{}:{}: знак «{l}»: {e}", path.display(), i + 1)))?;
        out.push(p);
    }
    Ok(out)
}
