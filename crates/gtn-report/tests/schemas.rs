#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]
//! `docs/schemas/*.json`: the JSON Schema of every command's JSON output,
//! generated from the report types; this test fails when a file is stale.
//! Regenerate: `GTN_REGENERATE=1 cargo test -p gtn-report --test schemas`.

use gtn_report::*;
use std::path::PathBuf;

/// Schemas of what is serialised (fields skipped when empty are optional).
fn schema_for<T: schemars::JsonSchema>() -> schemars::Schema {
    schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<T>()
}

fn schemas() -> Vec<(&'static str, schemars::Schema)> {
    vec![
        ("error", schema_for::<ErrorReport>()),
        ("validate", schema_for::<ValidateReport>()),
        ("check", schema_for::<CheckReport>()),
        ("plate-series", schema_for::<PlateSeriesReport>()),
        ("plate-check", schema_for::<PlateCheckReport>()),
        ("plate-next", schema_for::<PlateNextReport>()),
        ("generate", schema_for::<GenerateReport>()),
        ("explain", schema_for::<ExplainReport>()),
    ]
}

#[test]
fn docs_schemas_are_up_to_date() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/schemas");
    let regenerate = std::env::var_os("GTN_REGENERATE").is_some();
    let mut stale = Vec::new();
    for (name, schema) in schemas() {
        let path = dir.join(format!("{name}.json"));
        let mut v = serde_json::to_value(&schema).unwrap();
        strict(&mut v);
        let want = serde_json::to_string_pretty(&v).unwrap() + "\n";
        if regenerate {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &want).unwrap();
        } else if std::fs::read_to_string(&path).unwrap_or_default() != want {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "docs/schemas stale for {stale:?}: run `GTN_REGENERATE=1 cargo test -p gtn-report --test schemas` and commit"
    );
}

/// No field outside the schema: the report itself and every plain object
/// definition are closed. Objects that take part in a `oneOf`/`anyOf`/`allOf`
/// (serde's flattened, internally tagged enums) stay open, since a branch
/// cannot see the fields of its parent.
fn strict(v: &mut serde_json::Value) {
    use serde_json::Value;
    let mut in_branches = std::collections::HashSet::new();
    fn refs_in_branches(v: &Value, inside: bool, out: &mut std::collections::HashSet<String>) {
        match v {
            Value::Object(m) => {
                if inside {
                    if let Some(Value::String(r)) = m.get("$ref") {
                        out.insert(r.trim_start_matches("#/$defs/").to_owned());
                    }
                }
                for (k, x) in m {
                    let branch = inside || matches!(k.as_str(), "oneOf" | "anyOf" | "allOf");
                    refs_in_branches(x, branch, out);
                }
            }
            Value::Array(a) => a.iter().for_each(|x| refs_in_branches(x, inside, out)),
            _ => {}
        }
    }
    refs_in_branches(v, false, &mut in_branches);
    let plain = |m: &serde_json::Map<String, Value>| {
        m.contains_key("properties")
            && !m.contains_key("oneOf")
            && !m.contains_key("anyOf")
            && !m.contains_key("allOf")
            && !m.contains_key("additionalProperties")
    };
    if let Value::Object(root) = v {
        if root.contains_key("properties") {
            root.insert("unevaluatedProperties".into(), false.into());
        }
        if let Some(Value::Object(defs)) = root.get_mut("$defs") {
            for (name, d) in defs.iter_mut() {
                if let Value::Object(m) = d {
                    if plain(m) && !in_branches.contains(name) {
                        m.insert("additionalProperties".into(), false.into());
                    }
                }
            }
        }
    }
}
