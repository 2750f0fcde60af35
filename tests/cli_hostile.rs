#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
//! Issue 12: `gtn` under hostile input and careless pipelines. Each test
//! names the defect it guards; each failed before its fix.

mod common;
use common::{gtn, root, tempdir, Run};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(common::bin())
}

fn example(name: &str) -> &'static str {
    let p = root().join("examples").join(name);
    Box::leak(p.to_str().unwrap().to_owned().into_boxed_str())
}

/// Waits for a child at most `secs`; a child still running is killed and
/// the test fails: a hang is a defect.
fn finish(mut c: Child, secs: u64) -> Run {
    let start = Instant::now();
    loop {
        if c.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(secs) {
            let _ = c.kill();
            let _ = c.wait();
            panic!("gtn did not finish in {secs} s: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let o = c.wait_with_output().unwrap();
    Run {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// Runs gtn with a time limit.
fn gtn_within(args: &[&str], secs: u64) -> Run {
    let c = bin()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    finish(c, secs)
}

/// Runs gtn with `input` on its standard input.
fn gtn_stdin(args: &[&str], input: &[u8]) -> Run {
    let mut c = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut i = c.stdin.take().unwrap();
    let data = input.to_vec();
    let w = std::thread::spawn(move || {
        let _ = i.write_all(&data);
    });
    let r = finish(c, 120);
    w.join().unwrap();
    r
}

fn generate_args<'a>(sender: &'a str, input: &'a str, out: &'a str) -> Vec<&'a str> {
    vec![
        "generate",
        "--sender",
        sender,
        "--input",
        input,
        "--type",
        "10",
        "--date",
        "2025-12-01",
        "--out",
        out,
    ]
}

fn entries(dir: &Path) -> Vec<String> {
    match std::fs::read_dir(dir) {
        Ok(rd) => {
            let mut v: Vec<String> = rd
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            v.sort();
            v
        }
        Err(_) => Vec::new(),
    }
}

/// stdout and stderr together: reports go to stdout, errors to stderr.
fn both(r: &Run) -> String {
    format!("{}{}", r.stdout, r.stderr)
}

fn records() -> String {
    std::fs::read_to_string(root().join("examples/records.jsonl")).unwrap()
}

/// `n` records from the examples, each ИдДок made unique.
fn many_records(n: usize) -> String {
    let lines: Vec<String> = records().lines().map(str::to_owned).collect();
    let mut out = String::with_capacity(n * 1100);
    for i in 0..n {
        let l = &lines[i % lines.len()];
        let round = i / lines.len();
        out += &l.replace("\"doc_id\": \"ГТН-", &format!("\"doc_id\": \"{round}-ГТН-"));
        out.push('\n');
    }
    out
}

// Defect 1: a folder as --input looped for ever on EISDIR.
#[test]
fn folder_as_input_is_refused_at_once() {
    let out = tempdir();
    let r = gtn_within(
        &generate_args(
            example("sender.toml"),
            "/tmp",
            out.join("o").to_str().unwrap(),
        ),
        30,
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("/tmp: это папка"), "{}", r.stderr);
    assert!(!out.join("o").exists());
}

// Defect 5 (generate): /dev/zero was read as one endless line.
#[test]
fn endless_line_is_an_error_naming_the_line() {
    let out = tempdir();
    let r = gtn_within(
        &generate_args(
            example("sender.toml"),
            "/dev/zero",
            out.join("o").to_str().unwrap(),
        ),
        60,
    );
    let all = both(&r);
    assert_eq!(r.code, 1, "{all}");
    assert!(all.contains("/dev/zero:1"), "{all}");
    assert!(all.contains("1 МиБ"), "{all}");
    assert!(!out.join("o").exists());
}

// Defect 2: power_kW for power_hp gave МощДвЛС="0"; postal_cod was dropped.
#[test]
fn misspelt_fields_are_refused_with_their_path() {
    let dir = tempdir();
    let input = dir.join("r.jsonl");
    std::fs::write(&input, records().replace("\"power_hp\"", "\"power_kW\"")).unwrap();
    let out = dir.join("o");
    let r = gtn(&generate_args(
        example("sender.toml"),
        input.to_str().unwrap(),
        out.to_str().unwrap(),
    ));
    let all = both(&r);
    assert_eq!(r.code, 1, "{all}");
    assert!(all.contains("неизвестное поле «power_kW»"), "{all}");
    assert!(all.contains("machine.engine.power_kW"), "{all}");
    assert!(!out.exists());

    let sender = dir.join("sender.toml");
    std::fs::write(
        &sender,
        std::fs::read_to_string(example("sender.toml"))
            .unwrap()
            .replace("postal_code", "postal_cod"),
    )
    .unwrap();
    let r = gtn(&generate_args(
        sender.to_str().unwrap(),
        example("records.jsonl"),
        out.to_str().unwrap(),
    ));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("address.postal_cod"), "{}", r.stderr);
    assert!(!out.exists());
}

/// Runs gtn with stdout a pipe whose reader has gone.
fn closed_stdout(args: &[&str]) -> (i32, String) {
    // The reader is closed before gtn starts, so its every write gets
    // EPIPE (closing it after the start raced gtn's first write on a busy
    // machine: a small output fitted in the pipe and gtn exited 1).
    let (reader, writer) = nix::unistd::pipe().unwrap();
    drop(reader);
    let c = bin()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let r = finish(c, 60);
    (r.code, r.stderr)
}

// Defect 3: `gtn validate DIR | head -1` panicked with exit 101.
#[test]
fn closed_stdout_ends_every_command_quietly() {
    let dir = tempdir();
    let v = root().join("tests/validate");
    let app = example("applications/refuse-several-grounds.json");
    let cases: Vec<Vec<&str>> = vec![
        vec!["validate", v.to_str().unwrap()],
        vec!["validate", v.to_str().unwrap(), "--format", "json"],
        vec!["check", &app, "--today", "2025-12-30"],
        vec!["check", &app, "--today", "2025-12-30", "--format", "json"],
        vec!["plate", "series", "--region", "77", "--type", "3"],
        vec!["plate", "check", "--type", "3", "1234 АВ 77"],
        vec!["plate", "next", "--region", "77", "--type", "3"],
        vec!["completions", "bash"],
        vec!["man"],
        vec!["--help"],
    ];
    for args in &cases {
        let (code, stderr) = closed_stdout(args);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(code, 0, "{args:?}: {stderr}");
    }
    let out = dir.join("o");
    let mut args = generate_args(
        example("sender.toml"),
        example("records.jsonl"),
        out.to_str().unwrap(),
    );
    args.extend(["--format", "json"]);
    let (code, stderr) = closed_stdout(&args);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(code, 0, "{stderr}");
}

/// Starts a generate of `n` records and waits until it has reached pass 2
/// (its temporary file exists) or, with `in_pass_1`, until it is running.
fn interrupted_generate(
    sig: nix::sys::signal::Signal,
    n: usize,
    in_pass_1: bool,
) -> (Run, PathBuf) {
    let dir = tempdir();
    let input = dir.join("r.jsonl");
    if in_pass_1 {
        // A named pipe the test keeps open: gtn is still reading its first
        // pass when the signal comes, however fast the machine is.
        let ok = std::process::Command::new("mkfifo")
            .arg(&input)
            .status()
            .unwrap();
        assert!(ok.success());
    } else {
        std::fs::write(&input, many_records(n)).unwrap();
    }
    let out = dir.join("out");
    let c = bin()
        .args(generate_args(
            example("sender.toml"),
            input.to_str().unwrap(),
            out.to_str().unwrap(),
        ))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = nix::unistd::Pid::from_raw(c.id() as i32);
    let start = Instant::now();
    let mut writer = None;
    if in_pass_1 {
        use std::io::Write;
        // Opening blocks until gtn opens the pipe for reading.
        let mut w = std::fs::OpenOptions::new()
            .write(true)
            .open(&input)
            .unwrap();
        w.write_all(many_records(n).as_bytes()).unwrap();
        writer = Some(w);
        std::thread::sleep(Duration::from_millis(300));
    } else {
        while !entries(&out).iter().any(|e| e.ends_with(".tmp")) {
            assert!(
                start.elapsed() < Duration::from_secs(300),
                "no temporary file appeared"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    nix::sys::signal::kill(pid, sig).unwrap();
    let r = finish(c, 60);
    drop(writer);
    (r, out)
}

// Defect 4: SIGINT half way left a 267 MB .tmp file in --out.
#[test]
fn sigint_while_writing_leaves_nothing() {
    let (r, out) = interrupted_generate(nix::sys::signal::Signal::SIGINT, 3000, false);
    assert_eq!(r.code, 130, "{}", r.stderr);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(r.stderr.contains("прервано"), "{}", r.stderr);
    assert_eq!(entries(&out), Vec::<String>::new(), "--out must be empty");
    assert!(!out.exists(), "the --out folder gtn created is removed too");
}

#[test]
fn sigterm_while_checking_leaves_nothing() {
    let (r, out) = interrupted_generate(nix::sys::signal::Signal::SIGTERM, 3000, true);
    assert_eq!(r.code, 143, "{}", r.stderr);
    assert!(!out.exists());
}

// Defect 7 (generate side): dates outside the format's years, future reporting year.
#[test]
fn impossible_dates_and_years_are_refused_up_front() {
    let dir = tempdir();
    let out = dir.join("o");
    for date in ["1899-01-01", "2100-01-01"] {
        let mut a = generate_args(
            example("sender.toml"),
            example("records.jsonl"),
            out.to_str().unwrap(),
        );
        a[8] = date;
        let r = gtn(&a);
        assert_eq!(r.code, 2, "{date}: {}", r.stderr);
        assert!(r.stderr.contains("--date"), "{}", r.stderr);
        assert!(r.stderr.contains("1900-2099"), "{}", r.stderr);
        assert_eq!(r.stderr.matches(date).count(), 2, "one error: {}", r.stderr);
    }
    let r = gtn(&[
        "generate",
        "--sender",
        example("sender.toml"),
        "--input",
        example("records.jsonl"),
        "--type",
        "year",
        "--year",
        "2030",
        "--date",
        "2025-04-01",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--year 2030"), "{}", r.stderr);
    assert!(!out.exists());
}

// Defect 8: the target check came after the whole check pass.
#[test]
fn existing_target_is_found_before_reading_any_record() {
    let dir = tempdir();
    let out = dir.join("o");
    std::fs::create_dir_all(&out).unwrap();
    let name = "VO_AVTOTS_9965_5024100010502401001_20251201_7.xml";
    std::fs::write(out.join(name), "keep me").unwrap();
    // A FIFO nobody writes: reading a single record would block for ever.
    let fifo = dir.join("records.fifo");
    let st = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(st.success());
    let mut a = generate_args(
        example("sender.toml"),
        fifo.to_str().unwrap(),
        out.to_str().unwrap(),
    );
    a.extend(["--number", "7"]);
    let r = gtn_within(&a, 30);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("уже существует"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(out.join(name)).unwrap(), "keep me");
}

// Defect 8: a failed generate created an empty --out folder.
#[test]
fn failed_generate_creates_no_out_folder() {
    let dir = tempdir();
    let empty = dir.join("empty.jsonl");
    std::fs::write(&empty, "\n\n").unwrap();
    let dup = dir.join("dup.jsonl");
    let first = records().lines().next().unwrap().to_owned();
    let with_id = first.replacen('{', "{\"doc_id\": \"X-1\", ", 1);
    std::fs::write(&dup, format!("{with_id}\n{with_id}\n")).unwrap();
    let out = dir.join("a/b/out");
    let r = gtn(&generate_args(
        example("sender.toml"),
        empty.to_str().unwrap(),
        out.to_str().unwrap(),
    ));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("нет ни одной записи"), "{}", r.stderr);
    let r = gtn(&generate_args(
        example("sender.toml"),
        dup.to_str().unwrap(),
        out.to_str().unwrap(),
    ));
    let all = both(&r);
    assert_eq!(r.code, 1, "{all}");
    for needle in ["dup.jsonl:2", "doc_id", "уже встречался в строке 1"] {
        assert!(all.contains(needle), "{needle}: {all}");
    }
    assert!(!dir.join("a").exists(), "no folder may be created");
}

// Defect 8: an empty phone exited 1 while a bad ИНН exited 2.
#[test]
fn every_profile_problem_exits_2() {
    let dir = tempdir();
    let text = std::fs::read_to_string(example("sender.toml")).unwrap();
    for (what, bad) in [
        (
            "phone",
            text.replace("phone = \"+7 495 123-45-67\"", "phone = \"\""),
        ),
        ("inn", text.replace("5024100010", "5024100011")),
        (
            "name",
            text.replace("name = \"Управление", "name = \"\" # "),
        ),
    ] {
        let sender = dir.join(format!("{what}.toml"));
        std::fs::write(&sender, bad).unwrap();
        let out = dir.join("o");
        let r = gtn(&generate_args(
            sender.to_str().unwrap(),
            example("records.jsonl"),
            out.to_str().unwrap(),
        ));
        assert_eq!(r.code, 2, "{what}: {}", r.stderr);
        assert!(r.stderr.contains(what), "{what}: {}", r.stderr);
        assert!(!out.exists());
    }
}

// Defect 9: a BOM was refused in JSON Lines, JSON and --issued but accepted in TOML.
#[test]
fn a_byte_order_mark_is_accepted_in_every_input() {
    let dir = tempdir();
    let bom = "\u{FEFF}";
    let input = dir.join("r.jsonl");
    std::fs::write(&input, format!("{bom}{}", records())).unwrap();
    let sender_toml = dir.join("s.toml");
    std::fs::write(
        &sender_toml,
        format!(
            "{bom}{}",
            std::fs::read_to_string(example("sender.toml")).unwrap()
        ),
    )
    .unwrap();
    let sender: toml::Table =
        toml::from_str(&std::fs::read_to_string(example("sender.toml")).unwrap()).unwrap();
    let sender_json = dir.join("s.json");
    std::fs::write(
        &sender_json,
        format!("{bom}{}", serde_json::to_string(&sender).unwrap()),
    )
    .unwrap();
    for s in [&sender_toml, &sender_json] {
        let out = dir.join("o");
        let _ = std::fs::remove_dir_all(&out);
        let r = gtn(&generate_args(
            s.to_str().unwrap(),
            input.to_str().unwrap(),
            out.to_str().unwrap(),
        ));
        assert_eq!(r.code, 0, "{}: {}", s.display(), r.stderr);
    }
    let issued = dir.join("issued.txt");
    std::fs::write(&issued, format!("{bom}0001 АА 77\n")).unwrap();
    let r = gtn(&[
        "plate",
        "next",
        "--region",
        "77",
        "--type",
        "3",
        "--issued",
        issued.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.trim(), "0002 АА 77");
    let app = dir.join("app.json");
    std::fs::write(
        &app,
        format!(
            "{bom}{}",
            std::fs::read_to_string(example("applications/refuse-several-grounds.json")).unwrap()
        ),
    )
    .unwrap();
    let r = gtn(&["check", app.to_str().unwrap(), "--today", "2025-12-30"]);
    assert_eq!(r.code, 1, "refusal, not a failure to read: {}", r.stderr);
}

// Defect 9: a TOML profile named .txt was parsed as JSON.
#[test]
fn profile_syntax_is_known_by_content_whatever_the_extension() {
    let dir = tempdir();
    let text = std::fs::read_to_string(example("sender.toml")).unwrap();
    let txt = dir.join("sender.txt");
    std::fs::write(&txt, &text).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    let json_txt = dir.join("sender-json.txt");
    std::fs::write(&json_txt, serde_json::to_string_pretty(&table).unwrap()).unwrap();
    for s in [&txt, &json_txt] {
        let out = dir.join("o");
        let _ = std::fs::remove_dir_all(&out);
        let r = gtn(&generate_args(
            s.to_str().unwrap(),
            example("records.jsonl"),
            out.to_str().unwrap(),
        ));
        assert_eq!(r.code, 0, "{}: {}", s.display(), r.stderr);
    }
}

fn plate_next(issued: &Path, extra: &[&str]) -> Run {
    let mut a = vec![
        "plate",
        "next",
        "--region",
        "77",
        "--type",
        "3",
        "--issued",
        issued.to_str().unwrap(),
    ];
    a.extend_from_slice(extra);
    gtn(&a)
}

// Defect 9: plate next dropped other regions' plates silently and stopped at the first bad line.
#[test]
fn plate_next_says_what_it_skipped_and_lists_every_bad_line() {
    let dir = tempdir();
    let f = dir.join("issued.txt");
    std::fs::write(&f, "0001 АА 77\n0003 АА 50\n0004 КМ 77\n").unwrap();
    let r = plate_next(&f, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.trim(), "0002 АА 77");
    // Said on stderr (stdout is the plate alone, for scripts).
    for needle in [
        "выданный знак 0003 АА 50 не учтён: другой код региона",
        "issued.txt:2",
        "выданный знак 0004 КМ 77 не учтён: серия не закреплена",
        "issued.txt:3",
    ] {
        assert!(r.stderr.contains(needle), "{needle}: {}", r.stderr);
    }
    let q = plate_next(&f, &["--quiet"]);
    assert!(q.stderr.is_empty(), "{}", q.stderr);
    let j = plate_next(&f, &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&j.stdout).unwrap();
    assert_eq!(v["skipped"][1]["line"], 3);
    assert_eq!(v["skipped"][1]["code"], "P015");
    assert_eq!(v["ignored_issued"], 2);

    std::fs::write(&f, "0001 АА 77\n12 ЖЖ 77\n0005 АА 77\nabc\n").unwrap();
    let r = plate_next(&f, &[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("issued.txt:2:"), "{}", r.stderr);
    assert!(r.stderr.contains("issued.txt:4:"), "{}", r.stderr);
}

// Item 5 of the issue: `-` is standard input everywhere.
#[test]
fn dash_reads_standard_input() {
    let dir = tempdir();
    let out = dir.join("o");
    let r = gtn_stdin(
        &generate_args(example("sender.toml"), "-", out.to_str().unwrap()),
        records().as_bytes(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let path = PathBuf::from(r.stdout.trim());
    assert_eq!(entries(&out).len(), 1);
    let name = path.file_name().unwrap().to_str().unwrap().to_owned();
    let bytes = std::fs::read(&path).unwrap();

    let r = gtn_stdin(&["validate", "-", "--name", &name], &bytes);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("соответствует формату"), "{}", r.stdout);
    let r = gtn_stdin(&["validate", "-"], &bytes);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("имя файла не проверялось"),
        "{}",
        r.stderr
    );
    let r = gtn_stdin(&["validate", "-", "--name", "wrong.xml"], &bytes);
    assert_eq!(r.code, 1, "{}", r.stdout);

    let app = std::fs::read(example("applications/refuse-several-grounds.json")).unwrap();
    let r = gtn_stdin(&["check", "-", "--today", "2025-12-30"], &app);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.contains("РЕШЕНИЕ: отказ"), "{}", r.stdout);

    let r = gtn_stdin(
        &[
            "plate", "next", "--region", "77", "--type", "3", "--issued", "-",
        ],
        "0001 АА 77\n".as_bytes(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.trim(), "0002 АА 77");
    // No spool file of standard input is left in the temporary folder.
    assert!(
        !entries(&std::env::temp_dir())
            .iter()
            .any(|e| e.starts_with("gtn-stdin-")),
        "a spool file was left"
    );
}

#[test]
fn folders_are_searched_recursively_and_skips_are_said() {
    let dir = tempdir();
    let deep = dir.join("a/b");
    std::fs::create_dir_all(&deep).unwrap();
    let src = common::fixture_dir("valid-10");
    let xml = entries(&src)
        .into_iter()
        .find(|e| e.ends_with(".xml"))
        .unwrap();
    std::fs::copy(src.join(&xml), deep.join(xml.replace(".xml", ".XML"))).unwrap();
    std::fs::write(dir.join("notes.txt"), "x").unwrap();
    let r = gtn(&["validate", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("a/b/"), "{}", r.stdout);
    assert!(r.stderr.contains("пропущено"), "{}", r.stderr);
    assert!(r.stderr.contains(": 1"), "{}", r.stderr);
    let q = gtn(&["validate", "--quiet", dir.to_str().unwrap()]);
    assert!(q.stderr.is_empty(), "{}", q.stderr);
}

#[test]
fn completions_man_and_version() {
    for sh in ["bash", "zsh", "fish", "powershell"] {
        let r = gtn(&["completions", sh]);
        assert_eq!(r.code, 0, "{sh}: {}", r.stderr);
        assert!(r.stdout.contains("generate"), "{sh}");
    }
    let r = gtn(&["man"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains(".TH gtn"),
        "{}",
        &r.stdout[..200.min(r.stdout.len())]
    );
    let r = gtn(&["--version"]);
    assert_eq!(r.code, 0);
    for needle in [env!("CARGO_PKG_VERSION"), "4.04", "VO_AVTOTS", "1507"] {
        assert!(r.stdout.contains(needle), "{needle}: {}", r.stdout);
    }
}
