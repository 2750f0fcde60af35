//! The OpenAPI document: generated from the code, checked in under
//! `docs/openapi.json`, current. Regenerate with
//! `GTN_UPDATE_OPENAPI=1 cargo test -p gtn-server --test openapi`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use serde_json::Value;

#[test]
fn checked_in_openapi_is_current() {
    let path = common::root().join("docs/openapi.json");
    let now = gtn_server::openapi::document();
    if std::env::var_os("GTN_UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &now).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == now,
        "docs/openapi.json is stale: run GTN_UPDATE_OPENAPI=1 cargo test -p gtn-server --test openapi"
    );
}

#[test]
fn document_is_openapi_3_1_with_every_endpoint() {
    let v: Value = serde_json::from_str(&gtn_server::openapi::document()).unwrap();
    assert!(v["openapi"].as_str().unwrap().starts_with("3.1."));
    let paths = v["paths"].as_object().unwrap();
    let want = [
        ("/v1/validate", "post"),
        ("/v1/generate", "post"),
        ("/v1/check", "post"),
        ("/v1/plates/series", "get"),
        ("/v1/plates/check", "get"),
        ("/v1/plates/next", "post"),
        ("/v1/codes", "get"),
        ("/v1/codes/{code}", "get"),
        ("/v1/health", "get"),
        ("/v1/version", "get"),
        ("/v1/openapi.json", "get"),
    ];
    assert_eq!(paths.len(), want.len());
    for (p, m) in want {
        assert!(paths[p][m].is_object(), "{m} {p}");
    }
    assert_eq!(
        v["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
}
