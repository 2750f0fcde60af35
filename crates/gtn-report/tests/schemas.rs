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

/// Every object lists all its fields: no field outside the schema.
fn strict(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            if m.contains_key("properties") && !m.contains_key("additionalProperties") {
                m.insert("additionalProperties".into(), false.into());
            }
            for (_, x) in m.iter_mut() {
                strict(x);
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(strict),
        _ => {}
    }
}
