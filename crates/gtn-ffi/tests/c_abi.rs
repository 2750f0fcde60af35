//! The C ABI from C: tests/c/gtn_test.c is compiled with the system C
//! compiler against the library this `cargo test` built, then run plainly,
//! linked statically, under valgrind (no leak, no invalid access) and under
//! AddressSanitizer; a control build that leaks one answer on purpose must
//! be caught by both. Valgrind and the sanitizer runtime are required when
//! `CI` is set (.ci/run installs them); elsewhere a missing tool is
//! reported and the test skipped.

mod common;

use common::{c_compiler, lib_dir, out_dir, run, run_status, tool_available};
use std::path::{Path, PathBuf};
use std::process::Command;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn root() -> PathBuf {
    manifest().join("../..")
}

/// Compiles the C test into its own folder; `extra` are compiler flags.
fn compile(name: &str, extra: &[&str], link_static: bool) -> PathBuf {
    let lib = lib_dir();
    let exe = out_dir(name).join("gtn_test");
    let mut cmd = Command::new(c_compiler());
    cmd.args(["-std=gnu11", "-Wall", "-Wextra", "-Werror", "-g"])
        .args(extra)
        .arg("-I")
        .arg(manifest().join("include"))
        .arg(manifest().join("tests/c/gtn_test.c"))
        .arg("-o")
        .arg(&exe);
    if link_static {
        cmd.arg(lib.join("libgtn_ffi.a"))
            .args(["-lpthread", "-ldl", "-lm"]);
    } else {
        cmd.arg("-L")
            .arg(&lib)
            .arg("-lgtn_ffi")
            // DT_RPATH (not RUNPATH): this build's library wins over any
            // LD_LIBRARY_PATH (cargo's includes target/debug, where an older
            // `cargo build` may have left another libgtn_ffi.so).
            .arg(format!("-Wl,-rpath,{}", lib.display()))
            .arg("-Wl,--disable-new-dtags")
            .arg("-lpthread");
    }
    run(&mut cmd, "compile the C test");
    exe
}

/// The command that runs the compiled test, under `wrapper` if any.
fn command(exe: &Path, wrapper: &[&str], env: &[(&str, &str)]) -> Command {
    let mut cmd = match wrapper.split_first() {
        Some((tool, args)) => {
            let mut c = Command::new(tool);
            c.args(args).arg(exe);
            c
        }
        None => Command::new(exe),
    };
    cmd.arg(root())
        .arg(exe.with_file_name("out"))
        .env_remove("LD_LIBRARY_PATH")
        .envs(env.iter().copied());
    cmd
}

fn run_c_test(exe: &Path, name: &str, wrapper: &[&str], env: &[(&str, &str)]) {
    let out = run(
        &mut command(exe, wrapper, env),
        &format!("run the C test ({name})"),
    );
    assert!(
        out.contains("all checks passed"),
        "C test ({name}) did not finish:\n{out}"
    );
}

/// Valgrind: every leak that is the program's (definite, indirect) is an
/// error. Not "possible": the libraries' tables built once per process
/// (hash maps in statics, pointed to in their middle) are reported so,
/// though they stay reachable until exit by design.
const VALGRIND: &[&str] = &[
    "valgrind",
    "--quiet",
    "--error-exitcode=99",
    "--leak-check=full",
    "--show-leak-kinds=definite,indirect",
    "--errors-for-leak-kinds=definite,indirect",
];

/// Fewer rounds under valgrind (it runs threads one at a time, ~40× slower).
const VALGRIND_ENV: &[(&str, &str)] = &[("GTN_TEST_ROUNDS", "1"), ("GTN_TEST_THREADS", "3")];

const ASAN_FLAGS: &[&str] = &["-fsanitize=address", "-fno-omit-frame-pointer"];
const ASAN_ENV: &[(&str, &str)] = &[("ASAN_OPTIONS", "detect_leaks=1:halt_on_error=1:exitcode=98")];

#[test]
fn c_program_calls_every_function() {
    let exe = compile("plain", &[], false);
    run_c_test(&exe, "plain", &[], &[]);
}

#[test]
fn c_program_links_the_static_library() {
    let exe = compile("static", &[], true);
    run_c_test(&exe, "static", &[], &[]);
}

#[test]
fn c_program_under_valgrind_has_no_leak_and_no_invalid_access() {
    if !tool_available("valgrind", "valgrind") {
        return;
    }
    let exe = compile("valgrind", &[], false);
    run_c_test(&exe, "valgrind", VALGRIND, VALGRIND_ENV);
}

#[test]
fn c_program_under_address_sanitizer() {
    if !tool_available("libasan", c_compiler()) {
        return;
    }
    let exe = compile("asan", ASAN_FLAGS, false);
    run_c_test(&exe, "asan", &[], ASAN_ENV);
}

/// The control: an answer not freed is caught by both checkers, so their
/// clean runs above mean something.
#[test]
fn a_leak_on_purpose_is_caught() {
    if tool_available("valgrind", "valgrind") {
        let exe = compile("leak-valgrind", &["-DGTN_TEST_LEAK"], false);
        let (code, out) = run_status(&mut command(&exe, VALGRIND, &[]));
        assert_eq!(code, Some(99), "valgrind missed the leak:\n{out}");
        assert!(out.contains("definitely lost"), "{out}");
    }
    if tool_available("libasan", c_compiler()) {
        let mut flags = ASAN_FLAGS.to_vec();
        flags.push("-DGTN_TEST_LEAK");
        let exe = compile("leak-asan", &flags, false);
        let (code, out) = run_status(&mut command(&exe, &[], ASAN_ENV));
        assert_eq!(code, Some(98), "AddressSanitizer missed the leak:\n{out}");
        assert!(out.contains("LeakSanitizer"), "{out}");
    }
}

/// The README's C example is examples/ffi/example.c, verbatim, and it runs.
#[test]
fn readme_c_example_runs() {
    let src = root().join("examples/ffi/example.c");
    let code = std::fs::read_to_string(&src).expect("examples/ffi/example.c");
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    assert!(
        readme.contains(&format!("```c\n{code}```")),
        "README.md's C example differs from examples/ffi/example.c"
    );
    let lib = lib_dir();
    let exe = out_dir("example").join("example");
    run(
        Command::new(c_compiler())
            .args(["-Wall", "-Wextra", "-Werror", "-I"])
            .arg(manifest().join("include"))
            .arg(&src)
            .arg("-L")
            .arg(&lib)
            .arg("-lgtn_ffi")
            .arg(format!("-Wl,-rpath,{}", lib.display()))
            .arg("-Wl,--disable-new-dtags")
            .arg("-o")
            .arg(&exe),
        "compile examples/ffi/example.c",
    );
    let out = run(
        Command::new(&exe).env_remove("LD_LIBRARY_PATH"),
        "run examples/ffi/example.c",
    );
    for want in [
        "\"fns_format\":\"4.04\"",
        "\"canonical\":\"1234АВ77\"",
        "\"valid\":false",
        "\"error\":{\"code\":\"A001\"",
    ] {
        assert!(out.contains(want), "no {want} in:\n{out}");
    }
}
