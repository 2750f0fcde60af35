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
