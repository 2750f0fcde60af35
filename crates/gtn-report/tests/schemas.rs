#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]
//! `docs/schemas/*.json`: the JSON Schema of every command's JSON output,
//! generated from the report types; this test fails when a file is stale.
//! Regenerate: `GTN_REGENERATE=1 cargo test -p gtn-report --test schemas`.

use std::path::PathBuf;

#[test]
fn docs_schemas_are_up_to_date() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/schemas");
    let regenerate = std::env::var_os("GTN_REGENERATE").is_some();
    let mut stale = Vec::new();
    for (name, v) in gtn_report::schema::reports() {
        let path = dir.join(format!("{name}.json"));
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

/// Names of the keywords that close an object somewhere in `v`.
fn closing(v: &serde_json::Value, at: &str, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                if matches!(k.as_str(), "additionalProperties" | "unevaluatedProperties")
                    && x == &serde_json::Value::Bool(false)
                {
                    out.push(format!("{at}/{k}"));
                }
                closing(x, &format!("{at}/{k}"), out);
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                closing(x, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// The published schemas are open: a new optional field does not raise the
/// version of the shapes, so a program validating gtn's output against them
/// must not break on it. Closed, for gtn's own tests, every report is.
#[test]
fn published_schemas_are_open_and_tests_close_them() {
    for (name, mut v) in gtn_report::schema::reports() {
        let mut found = Vec::new();
        closing(&v, name, &mut found);
        assert!(
            found.is_empty(),
            "published schema closes objects: {found:?}"
        );
        gtn_report::schema::strict(&mut v);
        assert_eq!(
            v["unevaluatedProperties"],
            serde_json::Value::Bool(false),
            "{name}: strict() closes the report"
        );
    }
    let mut defs = gtn_report::schema::components(|g| {
        g.subschema_for::<gtn_report::ValidateReport>();
    });
    let mut found = Vec::new();
    closing(
        &serde_json::Value::Object(defs.clone()),
        "components",
        &mut found,
    );
    assert!(
        found.is_empty(),
        "published components close objects: {found:?}"
    );
    gtn_report::schema::strict_components(&mut defs);
    closing(&serde_json::Value::Object(defs), "components", &mut found);
    assert!(!found.is_empty(), "strict_components() closes nothing");
}
