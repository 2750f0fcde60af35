//! Shared by the tests that load the built library from another language.
#![allow(dead_code, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Command;

/// The folder with `libgtn_ffi.so` and `libgtn_ffi.a` of this very build:
/// `cargo test` compiles the library's every crate type into
/// `target/<profile>/deps`, beside this test's executable (it copies them
/// up to `target/<profile>` only on `cargo build`, so that copy may be stale).
pub fn lib_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable");
    let dir = exe.parent().expect("target/<profile>/deps").to_path_buf();
    for f in ["libgtn_ffi.so", "libgtn_ffi.a"] {
        assert!(
            dir.join(f).is_file(),
            "{} is not built (cargo test builds it with the tests)",
            dir.join(f).display()
        );
    }
    dir
}

/// A fresh folder for one test's files, under the target's tmp folder.
pub fn out_dir(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("gtn-ffi")
        .join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("create the test folder");
    d
}

/// The system C compiler: `$CC` or `cc`.
pub fn c_compiler() -> &'static str {
    static CC: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    CC.get_or_init(|| std::env::var("CC").unwrap_or_else(|_| "cc".into()))
}

/// Runs a command; fails the test with its output unless it exits 0.
/// Returns stdout and stderr together.
pub fn run(cmd: &mut Command, what: &str) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot start {cmd:?}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{what}: {}\n{text}", out.status);
    text
}

/// Runs a command to its end: its exit code and its output.
pub fn run_status(cmd: &mut Command) -> (Option<i32>, String) {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), text)
}

/// Whether a tool the test needs is here. Under CI (`CI` set) it must be:
/// .ci/run installs it. Elsewhere its absence skips the test, loudly.
pub fn tool_available(name: &str, program: &str) -> bool {
    let ok = match name {
        // The sanitizer runtime: compile and run an empty program with it.
        "libasan" => {
            let dir = out_dir("asan-probe");
            let src = dir.join("probe.c");
            std::fs::write(&src, "int main(void) { return 0; }\n").expect("probe.c");
            let exe = dir.join("probe");
            Command::new(program)
                .args(["-fsanitize=address"])
                .arg(&src)
                .arg("-o")
                .arg(&exe)
                .status()
                .is_ok_and(|s| s.success())
                && Command::new(&exe).status().is_ok_and(|s| s.success())
        }
        _ => Command::new(program)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success()),
    };
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "{name} is required under CI (.ci/run installs it)"
        );
        eprintln!("SKIPPED: {name} is not installed");
    }
    ok
}
