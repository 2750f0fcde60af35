//! The checked-in C header `include/gtn.h` is what cbindgen generates from
//! the source now. `GTN_BLESS=1 cargo test -p gtn-ffi --test header`
//! rewrites it; a normal build never writes into the source tree.

use std::path::Path;

#[test]
fn checked_in_header_is_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).expect("cbindgen.toml");
    let mut out = Vec::new();
    cbindgen::Builder::new()
        .with_crate(dir)
        .with_config(config)
        .generate()
        .expect("cbindgen could not read the crate")
        .write(&mut out);
    let generated = String::from_utf8(out).expect("UTF-8 header");
    let path = dir.join("include/gtn.h");
    if std::env::var_os("GTN_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write include/gtn.h");
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "include/gtn.h is stale: regenerate it with `GTN_BLESS=1 cargo test -p gtn-ffi --test header` and commit it"
    );
}
