#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]
//! `docs/codes.md` is generated from the registry; this test fails when it
//! is stale. Regenerate: `GTN_REGENERATE=1 cargo test -p gtn-diag --test codes_md`.

use std::path::PathBuf;

#[test]
fn docs_codes_md_is_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/codes.md");
    let want = gtn_diag::registry::markdown(gtn_diag::registry());
    if std::env::var_os("GTN_REGENERATE").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have != want {
        panic!(
            "docs/codes.md is stale: run `GTN_REGENERATE=1 cargo test -p gtn-diag --test codes_md` and commit it"
        );
    }
}
