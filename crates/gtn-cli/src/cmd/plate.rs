//! `gtn plate series|check|next`.

use crate::cmd::args::read_text;
use crate::output::Output;
use crate::{Failure, Outcome};
use clap::{Args, Subcommand};
use gtn_diag::Diagnostic;
use gtn_model::{Plate, PlateType};
use gtn_plates::{parse_issued, Allocator, Registry};
use gtn_report::{PlateCheckReport, PlateNextReport, PlateSeriesReport};
use std::path::{Path, PathBuf};

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
}

#[derive(Args)]
pub struct CheckArgs {
    /// Тип знака: 3, 4А (4A) или 18.
    #[arg(long = "type", value_parser = parse_type)]
    plate_type: PlateType,
    /// Знак, например «1234 АВ 77».
    plate: String,
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
pub fn run(c: PlateCommand, out: &Output) -> Result<Outcome, Failure> {
    let reg = Registry::builtin();
    match c {
        PlateCommand::Series(a) => {
            let code = region_code(reg, &a.region)?;
            let series = reg.series(&code, a.plate_type).ok_or_else(|| {
                Diagnostic::error(
                    "P010",
                    format!(
                        "код региона {code}: нет в Приложении № {} (знак типа {})",
                        reg.appendix(a.plate_type).number,
                        a.plate_type
                    ),
                )
                .with_value(code.clone())
            })?;
            let report = PlateSeriesReport::new(
                code,
                a.plate_type.as_str().to_owned(),
                series.iter().map(ToString::to_string).collect(),
            );
            out.report(&report, |p, w| p.plate_series(w, &report));
            Ok(Outcome::Fine)
        }
        PlateCommand::Check(a) => match reg.parse(a.plate_type, &a.plate) {
            Ok(p) => {
                let report = PlateCheckReport::valid(a.plate, p);
                out.report(&report, |p, w| p.plate_check(w, &report));
                Ok(Outcome::Fine)
            }
            Err(e) => {
                let d = Diagnostic::from(&e).with_value(a.plate.clone());
                let report = PlateCheckReport::invalid(a.plate, vec![d]);
                out.report(&report, |p, w| p.plate_check(w, &report));
                Ok(Outcome::Findings)
            }
        },
        PlateCommand::Next(a) => {
            let code = region_code(reg, &a.region)?;
            let mut alloc = Allocator::new(reg, &code, a.plate_type, [])?;
            let skipped = match &a.issued {
                Some(path) => {
                    let (name, plates) = read_issued(path, a.plate_type)?;
                    alloc
                        .mark_list(&plates)
                        .iter()
                        .map(|s| Diagnostic::from(s).with_file(name.clone()))
                        .collect()
                }
                None => Vec::new(),
            };
            let p = alloc.next_free()?;
            let report = PlateNextReport::new(p, 0).with_skipped(skipped);
            out.report(&report, |p, w| p.plate_next(w, &report));
            for d in report.skipped.iter().take(MAX_NOTES) {
                out.note(d);
            }
            if report.skipped.len() > MAX_NOTES {
                out.note(&Diagnostic::warning(
                    "P015",
                    format!(
                        "и ещё не учтено выданных знаков: {}",
                        report.skipped.len() - MAX_NOTES
                    ),
                ));
            }
            Ok(Outcome::Fine)
        }
    }
}

/// A list of issued plates (`--issued` of `plate next` and `check`), read
/// with [`parse_issued`]: its name as shown and its plates with their
/// lines, or every bad line, not only the first.
pub fn read_issued(path: &Path, t: PlateType) -> Result<(String, Vec<(usize, Plate)>), Failure> {
    let name = crate::input::name(path);
    let list = parse_issued(&read_text(path)?, t);
    if list.errors.is_empty() {
        Ok((name, list.plates))
    } else {
        Err(Failure(
            list.errors
                .iter()
                .map(|e| Diagnostic::from(e).with_file(name.clone()))
                .collect(),
        ))
    }
}

/// Notes printed at most in text output; JSON has them all.
const MAX_NOTES: usize = 20;
