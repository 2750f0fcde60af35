//! The `options_json` of each function: a JSON object, unknown options
//! refused (a misspelt option must not be silently ignored).

use crate::error::AbiCode;
use chrono::NaiveDate;
use gtn_diag::Diagnostic;
use gtn_model::PlateType;
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// Name of the argument in messages.
pub const OPTIONS: &str = "options_json";

/// Parses `options_json`; `None` (NULL) and blank text mean all defaults.
pub fn parse<T: DeserializeOwned + Default>(text: Option<&str>) -> Result<T, Diagnostic> {
    let text = match text {
        Some(t) if !t.trim().is_empty() => t,
        _ => return Ok(T::default()),
    };
    // serde would also read a struct from an array (`[1]`): only an object is options.
    if !text.trim_start().starts_with('{') {
        return Err(Diagnostic::error(
            AbiCode::Options.code(),
            "ожидается объект JSON в фигурных скобках, например {\"type\":\"3\"}",
        )
        .with_file(OPTIONS));
    }
    serde_json::from_str(text).map_err(|e| {
        Diagnostic::error(
            AbiCode::Options.code(),
            gtn_model::messages::translate_json(&e.to_string()),
        )
        .with_file(OPTIONS)
        .at(e.line() as u64, e.column() as u64)
    })
}

/// A required option that is absent.
pub fn missing(name: &str) -> Diagnostic {
    Diagnostic::error(
        AbiCode::Options.code(),
        format!("нет обязательного параметра «{name}»"),
    )
    .with_file(OPTIONS)
    .with_path(name)
}

/// An option whose value is not allowed.
pub fn invalid(name: &str, what: &str) -> Diagnostic {
    Diagnostic::error(
        AbiCode::Options.code(),
        format!("параметр «{name}»: {what}"),
    )
    .with_file(OPTIONS)
    .with_path(name)
}

/// A plate type given as `"3"`, `"4А"`, `"4A"`, `"18"` or as the number 3 or 18.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum TypeOption {
    /// `"3"`, `"4А"`.
    Text(String),
    /// `3`, `18`.
    Number(u64),
}

impl TypeOption {
    fn text(&self) -> String {
        match self {
            TypeOption::Text(s) => s.clone(),
            TypeOption::Number(n) => n.to_string(),
        }
    }

    /// The plate type (the model's codes `M020…` when it is not one).
    pub fn plate_type(&self) -> Result<PlateType, Diagnostic> {
        self.text()
            .parse::<PlateType>()
            .map_err(|e| Diagnostic::from(&e).with_file(OPTIONS).with_path("type"))
    }
}

/// Options of `gtn_validate_path` and `gtn_validate_bytes`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Validate {
    /// Stop after this many errors in one file.
    pub max_errors: Option<usize>,
    /// Threads for a large file on disk (0: one per processor).
    #[serde(default)]
    pub threads: usize,
}

/// Options of `gtn_check`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// Day of the decision (default: today).
    pub today: Option<NaiveDate>,
    /// Path of an office calendar (regional holidays, further years).
    pub calendar: Option<String>,
    /// Path of an edition of the Rules and its window (JSON: name,
    /// in_force_from, in_force_until, disputed_until), as `gtn check --edition`.
    pub edition: Option<String>,
    /// Plates already issued (`["0001 КА 82", …]`), as the lines of
    /// `gtn check --issued`: the decision then names the next free one.
    pub issued: Option<Vec<String>>,
}

/// Options of `gtn_plate_check`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlateCheck {
    /// Plate type (required).
    #[serde(rename = "type")]
    pub plate_type: Option<TypeOption>,
}

/// Options of `gtn_plate_series`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlateSeries {
    /// Plate code of the region (`77`) or its name (`г. Москва`); required.
    pub region: Option<String>,
    /// Plate type (required).
    #[serde(rename = "type")]
    pub plate_type: Option<TypeOption>,
}

/// Options of `gtn_generate`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Generate {
    /// `"10"` (ГОСТЕХНАДЗОР_ТС_10) or `"year"` (ГОСТЕХНАДЗОР_ТС_ГОД); required.
    #[serde(rename = "type")]
    pub kind: Option<TypeOption>,
    /// Reporting year for `"year"` (default: the year before the file's date).
    pub year: Option<u16>,
    /// Date of the file (default: today).
    pub date: Option<NaiveDate>,
    /// File number N in the name (default: a GUID).
    pub number: Option<String>,
    /// Replace an existing file of the same name.
    #[serde(default)]
    pub force: bool,
}

impl Generate {
    /// `"10"` or `"year"`, as given.
    pub fn kind_text(&self) -> Option<String> {
        self.kind.as_ref().map(TypeOption::text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_and_blank_are_defaults() {
        let v: Validate = parse(None).unwrap();
        assert_eq!((v.max_errors, v.threads), (None, 0));
        let v: Validate = parse(Some("  ")).unwrap();
        assert_eq!(v.threads, 0);
    }

    #[test]
    fn unknown_option_is_refused_in_russian() {
        let e = parse::<Validate>(Some(r#"{"max_error": 3}"#)).unwrap_err();
        assert_eq!(e.code, "A003");
        assert!(
            e.message.contains("неизвестное поле «max_error»"),
            "{}",
            e.message
        );
        assert_eq!((e.line, e.column), (Some(1), Some(12)));
    }

    #[test]
    fn plate_type_as_text_or_number() {
        let o: PlateCheck = parse(Some(r#"{"type": 3}"#)).unwrap();
        assert_eq!(
            o.plate_type.unwrap().plate_type().unwrap(),
            PlateType::Type3
        );
        let o: PlateCheck = parse(Some(r#"{"type": "4A"}"#)).unwrap();
        assert_eq!(
            o.plate_type.unwrap().plate_type().unwrap(),
            PlateType::Type4A
        );
        let o: PlateCheck = parse(Some(r#"{"type": "5"}"#)).unwrap();
        let e = o.plate_type.unwrap().plate_type().unwrap_err();
        assert_eq!(e.code, "M020");
    }
}
