//! Every JSON answer of the C ABI is built here, and only here: the same
//! shapes as `gtn … --format json` prints (crates/gtn-cli/src/cmd/*), so
//! that a program sees the same document whether it runs `gtn` or calls
//! the library. When the shared output layer (gtn-report) lands, this
//! module is the one place to switch to it.

use crate::error::Failure;
use gtn_fns::validate::Report;
use gtn_fns::{Generated, InputError};
use gtn_model::{Plate, PlateType};
use gtn_plates::RegistryError;
use gtn_rules::Decision;
use serde_json::{json, Map, Value};

/// Version of the ABI: raised when a function's signature or an answer's
/// shape changes incompatibly.
pub const ABI_VERSION: u32 = 1;

/// `gtn_version`: what this library is and implements.
pub fn version() -> Value {
    json!({
        "gtn": env!("CARGO_PKG_VERSION"),
        "abi": ABI_VERSION,
        "fns_format": gtn_fns::names::FORMAT_VERSION,
        "rules": gtn_rules::RULES,
    })
}

/// `{"error": {"code", "message", "file"?, "line"?, "column"?, "field"?}}`.
pub fn error(f: &Failure) -> Value {
    let mut e = Map::new();
    e.insert("code".into(), json!(f.code));
    e.insert("message".into(), json!(f.message));
    if let Some(v) = &f.file {
        e.insert("file".into(), json!(v));
    }
    if let Some(v) = f.line {
        e.insert("line".into(), json!(v));
    }
    if let Some(v) = f.column {
        e.insert("column".into(), json!(v));
    }
    if let Some(v) = &f.field {
        e.insert("field".into(), json!(v));
    }
    json!({ "error": e })
}

/// One checked file in `gtn validate --format json`.
pub fn validated_file(path: &str, r: &Report) -> Value {
    json!({
        "path": path,
        "valid": r.is_valid(),
        "errors": r.errors(),
        "warnings": r.warnings(),
        "report": r,
    })
}

/// `gtn validate --format json`: every file, the unreadable ones, the verdict.
pub fn validated(files: Vec<Value>, unreadable: Vec<String>, any_error: bool) -> Value {
    let valid = !any_error && unreadable.is_empty();
    json!({"files": files, "unreadable": unreadable, "valid": valid})
}

/// `gtn check --format json`: the decision as it is.
pub fn decision(d: &Decision) -> Result<Value, Failure> {
    serde_json::to_value(d).map_err(|e| Failure::internal(&e.to_string()))
}

/// `gtn plate check --format json` for a valid plate.
pub fn plate_valid(input: &str, p: &Plate) -> Value {
    json!({
        "valid": true, "input": input, "canonical": p.canonical(),
        "display": p.to_string(), "plate": p,
    })
}

/// `gtn plate check --format json` for an invalid plate.
pub fn plate_invalid(input: &str, e: &RegistryError) -> Value {
    json!({
        "valid": false, "input": input,
        "errors": [{"code": e.code(), "message": e.to_string()}],
    })
}

/// `gtn plate series --format json`.
pub fn plate_series(code: &str, t: PlateType, series: &[String]) -> Value {
    json!({"code": code, "type": t.as_str(), "series": series})
}

/// `gtn generate --format json` when the file is written.
pub fn generated(g: &Generated) -> Value {
    json!({"path": g.path.to_string_lossy(), "documents": g.documents})
}

/// `gtn generate --format json` when the input has errors: nothing written.
pub fn not_generated(errors: &[InputError], more: usize) -> Value {
    json!({
        "written": false,
        "errors": errors.iter().map(|e| json!({
            "code": e.code(), "file": e.file, "line": e.line, "column": e.column,
            "field": e.field, "message": e.message,
        })).collect::<Vec<_>>(),
        "more": more,
    })
}
