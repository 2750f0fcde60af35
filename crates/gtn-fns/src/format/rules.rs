//! The business rules: what gtn checks beyond the XSD, one list, one code
//! each, with the severity and the reason for it beside the rule. The
//! writer applies them before writing a value and the validator after
//! reading it, through the same functions below, and both report the same
//! code. A finding whose code is not here is an XSD-level finding (the file
//! is not schema-valid, or not well-formed XML), or a limit of gtn.
//!
//! How the severity is decided: **error** where FNS itself would not accept
//! or could not use the value (its own checks: the Schematron rules in the
//! XSD's appinfo and its processing, which identifies taxpayers by ИНН/ОГРН,
//! reads dictionaries and computes the tax from the power), or where the
//! value is certainly wrong; **warning** where the file is schema-valid and
//! the value may be right or only looks unusual.

use chrono::{Datelike, NaiveDate};
use gtn_model::dict::{self, PlateReplacement};
use gtn_model::EnginePower;
use serde::Serialize;

/// Серьёзность замечания.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Ошибка: файл не будет принят.
    Error,
    /// Предупреждение: стоит проверить.
    Warning,
}

/// One business rule. What it means, why gtn checks it and why it is an
/// error or a warning are written once, in the registry of codes
/// (`gtn-diag`, `data/codes.toml`: `meaning`, `why`, `severity`), which
/// `gtn explain` and `docs/codes.md` print.
#[derive(Debug)]
pub struct Rule {
    /// Stable code (FNS's own where FNS has one).
    pub code: &'static str,
}

impl Rule {
    /// The rule's entry in the registry of codes.
    pub fn info(&self) -> Option<&'static gtn_diag::CodeInfo> {
        gtn_diag::registry().get(self.code)
    }

    /// Error or warning, as the registry says.
    pub fn severity(&self) -> Severity {
        match self.info().map(|i| i.severity) {
            Some(gtn_diag::Severity::Warning) => Warning,
            _ => Error,
        }
    }
}

const fn rule(code: &'static str) -> Rule {
    Rule { code }
}

use Severity::{Error, Warning};

/// Every business rule of format 4.04 (README, «Business rules beyond the XSD», is this list).
pub static RULES: &[Rule] = &[
    rule(FILE_NAME),
    rule(CONDITION),
    rule(FIRST_LINE),
    rule(ENCODING),
    rule(DOCTYPE),
    rule(LIMIT),
    rule(CHECK_DIGIT_INN),
    rule(CHECK_DIGIT_OGRN),
    rule(DICTIONARY),
    rule(DOC_TEMPLATE),
    rule(AFTER_FILE_DATE),
    rule(POWER),
    rule(DOC_COUNT),
    rule(DOC_ID),
    rule(REAL_DATE),
    rule(YEAR_OF_MANUFACTURE),
    rule(NEGATIVE),
    rule(LEXICAL_FORM),
    rule(REPORT_YEAR),
    rule(YEAR_SPACE),
];

/// V053: white space around a year.
pub const YEAR_SPACE: &str = "V053";

/// 0400400007: the file's name.
pub const FILE_NAME: &str = "0400400007";
/// 0400300003: presence conditions (FNS's code).
pub const CONDITION: &str = "0400300003";
/// V001: the first line.
pub const FIRST_LINE: &str = "V001";
/// V002: encoding other than windows-1251.
pub const ENCODING: &str = "V002";
/// V013: DOCTYPE.
pub const DOCTYPE: &str = "V013";
/// V012: limits of gtn.
pub const LIMIT: &str = "V012";
/// V040: ИНН check digits.
pub const CHECK_DIGIT_INN: &str = "V040";
/// V041: ОГРН check digit.
pub const CHECK_DIGIT_OGRN: &str = "V041";
/// V042: dictionaries.
pub const DICTIONARY: &str = "V042";
/// V043: СерНомДок template.
pub const DOC_TEMPLATE: &str = "V043";
/// V044: dates after the file's date.
pub const AFTER_FILE_DATE: &str = "V044";
/// V045: power in кВт against л.с.
pub const POWER: &str = "V045";
/// V046: КолДок.
pub const DOC_COUNT: &str = "V046";
/// V047: ИдДок repeats.
pub const DOC_ID: &str = "V047";
/// V048: a date that does not exist.
pub const REAL_DATE: &str = "V048";
/// V049: ГодВып range.
pub const YEAR_OF_MANUFACTURE: &str = "V049";
/// V050: negative power or volume.
pub const NEGATIVE: &str = "V050";
/// V051: legal but unusual lexical form of a number or year.
pub const LEXICAL_FORM: &str = "V051";
/// V052: ГодПериодОтч in the future.
pub const REPORT_YEAR: &str = "V052";

/// The rule of `code`, if it is a business rule.
pub fn find(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

/// Severity of a finding with `code`: the rule's (from the registry), or
/// error for XSD-level codes. The registry is read once.
pub fn severity(code: &str) -> Severity {
    static WARNINGS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let warnings = WARNINGS.get_or_init(|| {
        RULES
            .iter()
            .filter(|r| r.severity() == Warning)
            .map(|r| r.code)
            .collect()
    });
    if warnings.contains(&code) {
        Warning
    } else {
        Error
    }
}

/// V044: `date` is not after the file's date.
pub fn not_after_file_date(date: NaiveDate, file_date: NaiveDate) -> Option<String> {
    (date > file_date).then(|| {
        format!(
            "дата {} позже даты формирования файла {}",
            date.format("%d.%m.%Y"),
            file_date.format("%d.%m.%Y")
        )
    })
}

/// V049: year of manufacture from 1900 to the file's year.
pub fn year_of_manufacture(year: i64, file_date: NaiveDate) -> Option<String> {
    let max = i64::from(file_date.year());
    (!(1900..=max).contains(&year))
        .then(|| format!("год выпуска {year} вне 1900 — {max} (год формирования файла)"))
}

/// V052: the reporting year is not after the file's year.
pub fn report_year(year: i64, file_date: NaiveDate) -> Option<String> {
    let max = i64::from(file_date.year());
    (year > max)
        .then(|| format!("отчётный год {year} ещё не наступил: файл сформирован в {max} году"))
}

/// 0400300003: ПредГосРегЗн is present for an operation replacing the plate.
pub fn previous_plate(operation: &str, present: bool) -> Option<String> {
    let c = dict::operations().get(operation)?;
    (c.replaces_plate == PlateReplacement::Yes && !present).then(|| {
        format!(
            "ПредГосРегЗн обязателен для операции {} ({}), связанной с заменой регистрационного знака",
            c.code, c.name
        )
    })
}

/// 0400300003: ГодПериодОтч present exactly when ТипИнф is the yearly one.
pub fn report_year_presence(yearly: bool, present: bool) -> Option<String> {
    match (yearly, present) {
        (true, false) => Some("ГодПериодОтч обязателен при ТипИнф = ГОСТЕХНАДЗОР_ТС_ГОД".into()),
        (false, true) => {
            Some("ГодПериодОтч указывается только при ТипИнф = ГОСТЕХНАДЗОР_ТС_ГОД".into())
        }
        _ => None,
    }
}

/// V045: МощДвКвт agrees with МощДвЛС.
pub fn power(p: EnginePower) -> Option<String> {
    (!p.is_consistent()).then(|| {
        let expected = EnginePower::from_hp(p.hp).kw;
        format!(
            "МощДвКвт = {} не соответствует МощДвЛС = {}: ожидается около {expected} (1 л.с. = 0,73549875 кВт)",
            p.kw, p.hp
        )
    })
}

/// V042: КодОпер is in its dictionary.
pub fn operation_known(code: &str) -> Option<String> {
    (dict::operations().get(code).is_none())
        .then(|| format!("код «{code}» отсутствует в справочнике КодОпер"))
}

/// V042: КодТип is in its dictionary.
pub fn vehicle_type_known(code: &str) -> Option<String> {
    (!dict::vehicle_types().contains(code))
        .then(|| format!("код «{code}» отсутствует в справочнике КодТип"))
}

/// V050: a power or volume is not negative (`micros` in millionths).
pub fn not_negative(micros: i64) -> Option<String> {
    (micros < 0).then(|| "отрицательное значение".to_owned())
}
