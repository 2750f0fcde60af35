//! JSON Schemas of the report types, made once here from the types
//! themselves (schemars) and used twice: `docs/schemas/*.json` (checked by
//! `tests/schemas.rs`, used by the end-to-end tests to validate every JSON
//! output) and the components of the HTTP service's OpenAPI document.
//!
//! The published schemas are open: an object may carry fields they do not
//! name, so that a program validating gtn's output against them keeps
//! working when a new optional field appears (which does not raise
//! [`crate::FORMAT_VERSION`]). gtn's own tests close them first
//! ([`strict`], [`strict_components`]), so that a field gtn prints but does
//! not document fails them.

use crate::*;
use schemars::JsonSchema;
use serde_json::Value;

/// The schema of what `T` serialises to (fields skipped when empty are
/// optional), open to fields it does not describe.
pub fn of<T: JsonSchema>() -> Value {
    let root = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<T>();
    let mut v = serde_json::to_value(&root).unwrap_or_default();
    open(&mut v);
    v
}

/// Removes what closes an object (`additionalProperties: false`, which
/// schemars writes for a type that refuses unknown fields when it is read,
/// such as the registry's entries).
fn open(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|k, x| {
                !(matches!(k.as_str(), "additionalProperties" | "unevaluatedProperties")
                    && *x == Value::Bool(false))
            });
            m.values_mut().for_each(open);
        }
        Value::Array(a) => a.iter_mut().for_each(open),
        _ => {}
    }
}

/// Every command's report, by the name of its file under `docs/schemas/`.
pub fn reports() -> Vec<(&'static str, Value)> {
    vec![
        ("error", of::<ErrorReport>()),
        ("validate", of::<ValidateReport>()),
        ("check", of::<CheckReport>()),
        ("plate-series", of::<PlateSeriesReport>()),
        ("plate-check", of::<PlateCheckReport>()),
        ("plate-next", of::<PlateNextReport>()),
        ("generate", of::<GenerateReport>()),
        ("explain", of::<ExplainReport>()),
    ]
}

/// The schemas of the types `add` asks for (`generator.subschema_for::<T>()`)
/// and of every type they use, as components of an OpenAPI 3.1 document:
/// named by type, referring to each other as `#/components/schemas/Name`,
/// open as [`of`] leaves them.
pub fn components(
    add: impl FnOnce(&mut schemars::SchemaGenerator),
) -> serde_json::Map<String, Value> {
    let mut g = schemars::generate::SchemaSettings::draft2020_12()
        .with(|s| s.definitions_path = "/components/schemas".into())
        .for_serialize()
        .into_generator();
    add(&mut g);
    let mut defs = g.take_definitions(true);
    defs.values_mut().for_each(open);
    defs
}

/// [`strict`] for the components of an OpenAPI document: every plain
/// object definition closed.
pub fn strict_components(defs: &mut serde_json::Map<String, Value>) {
    close(None, defs, "#/components/schemas/");
}

/// A schema of [`of`], closed for tests: no field outside the schema. The
/// report itself and every plain object definition are closed. Objects that take part in a `oneOf`/`anyOf`/`allOf`
/// (serde's flattened, internally tagged enums) stay open, since a branch
/// cannot see the fields of its parent.
pub fn strict(v: &mut Value) {
    let Value::Object(root) = v else { return };
    let mut defs = match root.remove("$defs") {
        Some(Value::Object(d)) => d,
        _ => serde_json::Map::new(),
    };
    close(Some(root), &mut defs, "#/$defs/");
    if !defs.is_empty() {
        root.insert("$defs".into(), Value::Object(defs));
    }
}

fn close(
    root: Option<&mut serde_json::Map<String, Value>>,
    defs: &mut serde_json::Map<String, Value>,
    prefix: &str,
) {
    fn refs_in_branches(
        v: &Value,
        inside: bool,
        prefix: &str,
        out: &mut std::collections::HashSet<String>,
    ) {
        match v {
            Value::Object(m) => {
                if inside {
                    if let Some(Value::String(r)) = m.get("$ref") {
                        out.insert(r.trim_start_matches(prefix).to_owned());
                    }
                }
                for (k, x) in m {
                    let branch = inside || matches!(k.as_str(), "oneOf" | "anyOf" | "allOf");
                    refs_in_branches(x, branch, prefix, out);
                }
            }
            Value::Array(a) => a
                .iter()
                .for_each(|x| refs_in_branches(x, inside, prefix, out)),
            _ => {}
        }
    }
    let mut in_branches = std::collections::HashSet::new();
    for d in defs.values() {
        refs_in_branches(d, false, prefix, &mut in_branches);
    }
    let plain = |m: &serde_json::Map<String, Value>| {
        m.contains_key("properties")
            && !m.contains_key("oneOf")
            && !m.contains_key("anyOf")
            && !m.contains_key("allOf")
            && !m.contains_key("additionalProperties")
    };
    if let Some(root) = root {
        let r = Value::Object(root.clone());
        refs_in_branches(&r, false, prefix, &mut in_branches);
        if root.contains_key("properties") {
            root.insert("unevaluatedProperties".into(), false.into());
        }
    }
    for (name, d) in defs.iter_mut() {
        if let Value::Object(m) = d {
            if plain(m) && !in_branches.contains(name) {
                m.insert("additionalProperties".into(), false.into());
            }
        }
    }
}
