#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
//! Every `gtn` command in the `sh` blocks of README.md, run as written from
//! the repository root (by `sh -c`, with the `gtn` built for these tests
//! first on the `PATH`), exits as the README says: `# … exit N` at the end of
//! the line, 0 when it says nothing.
//!
//! `cargo run --quiet -p gtn-cli -- ARGS` is run as `gtn ARGS` (the same
//! program, without a nested cargo). Commands of other programs (`cargo
//! test`, `cargo install`, `cargo build`, `cargo bench`, scripts) are not
//! run here: they build or install, and CI runs them itself. Synopses with
//! placeholders belong in `text` blocks.
//!
//! `GTN_BIN=/path/to/gtn` runs them with that program instead: CI
//! installs `gtn` as the README says (`cargo install --path crates/gtn-cli`)
//! and runs this test again with the installed binary.

mod common;
use common::root;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The commands of the `sh` blocks, with their line numbers.
fn commands(readme: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_sh = false;
    let mut pending: Option<(usize, String)> = None;
    for (i, line) in readme.lines().enumerate() {
        let t = line.trim_end();
        if t.starts_with("```") {
            in_sh = t == "```sh";
            continue;
        }
        if !in_sh {
            continue;
        }
        let (n, mut cmd) = pending.take().unwrap_or((i + 1, String::new()));
        if let Some(head) = t.strip_suffix('\\') {
            cmd.push_str(head);
            pending = Some((n, cmd));
            continue;
        }
        cmd.push_str(t);
        let c = cmd.trim();
        if !c.is_empty() && !c.starts_with('#') {
            out.push((n, c.to_owned()));
        }
    }
    out
}

/// The exit status the README gives: `exit N` in the trailing comment.
fn expected_exit(cmd: &str) -> i32 {
    let Some(i) = cmd.find(" #") else { return 0 };
    let comment = &cmd[i..];
    comment
        .find("exit ")
        .and_then(|j| {
            comment[j + 5..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

#[test]
fn every_gtn_command_in_the_readme_runs_as_written() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let bin = common::bin();
    assert!(bin.is_file(), "no gtn at {}", bin.display());
    assert_eq!(bin.file_name().unwrap(), "gtn", "{}", bin.display());
    let dir = bin.parent().unwrap().to_path_buf();
    let path = format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut ran = 0;
    let mut failures = Vec::new();
    for (line, cmd) in commands(&readme) {
        let run = if let Some(rest) = cmd.strip_prefix("cargo run --quiet -p gtn-cli -- ") {
            format!("gtn {rest}")
        } else if cmd.starts_with("gtn ") {
            cmd.clone()
        } else {
            continue;
        };
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(&run)
            .current_dir(root())
            .env("PATH", &path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let start = Instant::now();
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break s;
            }
            if start.elapsed() > Duration::from_secs(120) {
                let _ = child.kill();
                panic!("README.md:{line}: `{cmd}` did not finish in 120 s");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut stderr = String::new();
        if let Some(mut e) = child.stderr.take() {
            use std::io::Read;
            let _ = e.read_to_string(&mut stderr);
        }
        let want = expected_exit(&cmd);
        if status.code() != Some(want) {
            failures.push(format!(
                "README.md:{line}: `{cmd}`: exit {:?}, the README says {want}\n{stderr}",
                status.code()
            ));
        }
        ran += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(ran >= 10, "only {ran} commands found");
}

/// The transcripts: `text` blocks whose first line is `$ gtn ARGS`, then the
/// output (stdout, then stderr) exactly as the command prints it.
fn transcripts(readme: &str) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    let mut block: Option<(usize, Vec<&str>)> = None;
    for (i, line) in readme.lines().enumerate() {
        let t = line.trim_end();
        match block.as_mut() {
            None if t == "```text" => block = Some((i + 2, Vec::new())),
            None => {}
            Some(_) if t == "```" => {
                let Some((n, lines)) = block.take() else {
                    continue;
                };
                if let Some(cmd) = lines.first().and_then(|l| l.strip_prefix("$ gtn ")) {
                    let expected = lines[1..].iter().map(|l| format!("{l}\n")).collect();
                    out.push((n, cmd.to_owned(), expected));
                }
            }
            Some((_, lines)) => lines.push(line),
        }
    }
    out
}

#[test]
fn readme_transcripts_are_real_output() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let found = transcripts(&readme);
    assert!(found.len() >= 3, "only {} transcripts found", found.len());
    let mut failures = Vec::new();
    for (line, cmd, expected) in found {
        let args: Vec<&str> = cmd.split_whitespace().collect();
        let r = common::gtn_in(&args, Some(&root()));
        let got = format!("{}{}", r.stdout, r.stderr);
        if got != expected {
            failures.push(format!(
                "README.md:{line}: `gtn {cmd}` prints\n{got}\nthe README shows\n{expected}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_parser_sees_continuations_and_exit_comments() {
    let md = "x\n```sh\ngtn a \\\n  b   # exit 1\n# comment\n\ngtn c\n```\n```text\ngtn d\n```\n";
    let c = commands(md);
    assert_eq!(c.len(), 2);
    assert_eq!(c[0].0, 3);
    assert!(c[0].1.starts_with("gtn a   b"));
    assert_eq!(expected_exit(&c[0].1), 1);
    assert_eq!(expected_exit(&c[1].1), 0);
}
