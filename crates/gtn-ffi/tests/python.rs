//! The Python example (examples/ffi/gtn_example.py, ctypes) against the
//! library this `cargo test` built. python3 is required when `CI` is set.

mod common;

use common::{lib_dir, out_dir, run, tool_available};
use std::path::PathBuf;
use std::process::Command;

#[test]
fn python_example_runs() {
    if !tool_available("python3", "python3") {
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = run(
        Command::new("python3")
            .arg(root.join("examples/ffi/gtn_example.py"))
            .arg(out_dir("python"))
            .env("GTN_FFI_LIB", lib_dir().join("libgtn_ffi.so")),
        "python3 examples/ffi/gtn_example.py",
    );
    assert!(out.contains("all checks passed"), "{out}");
}
