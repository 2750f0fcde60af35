#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
//! Output of every command for every outcome:
//!
//! * under `--format json` stdout is exactly one JSON document (success,
//!   findings, failure with exit 2), valid against its schema in
//!   `docs/schemas/`;
//! * a battery of bad inputs to every command (malformed JSON and TOML of
//!   every kind, wrong types, missing and unknown fields, invalid UTF-8,
//!   missing files, unwritable folders, bad arguments, `--help`) never lets
//!   an English word of serde, toml, std::io, quick-xml or clap through, in
//!   text or in JSON.

mod common;
use common::*;
use regex::Regex;
use std::path::{Path, PathBuf};

fn schema(name: &str) -> jsonschema::Validator {
    let p = root().join("docs/schemas").join(format!("{name}.json"));
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
    // Published open; closed here so that an undocumented field fails.
    gtn_report::schema::strict(&mut v);
    jsonschema::validator_for(&v).unwrap()
}

/// The schema a JSON output must follow: the command's, or the error
/// report's when the run stopped.
fn schema_name(args: &[String], v: &serde_json::Value) -> &'static str {
    if v.get("ok") == Some(&serde_json::Value::Bool(false)) {
        return "error";
    }
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    match a.as_slice() {
        ["plate", "series", ..] => "plate-series",
        ["plate", "check", ..] => "plate-check",
        ["plate", "next", ..] => "plate-next",
        ["generate", ..] => "generate",
        ["validate", ..] => "validate",
        ["check", ..] => "check",
        ["explain", ..] => "explain",
        _ => "error",
    }
}

/// Runs `gtn ARGS --format json` and checks the one-document rule and the schema.
fn json_run(args: &[String]) -> (Run, serde_json::Value) {
    let mut a: Vec<&str> = args.iter().map(String::as_str).collect();
    a.push("--format");
    a.push("json");
    let r = gtn(&a);
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap_or_else(|e| {
        panic!(
            "{args:?}: stdout is not one JSON document ({e}):\n{}\nstderr:\n{}",
            r.stdout, r.stderr
        )
    });
    assert_eq!(
        r.stdout.trim().lines().count(),
        1,
        "{args:?}: compact, one line"
    );
    assert_eq!(v["version"], 1, "{args:?}: version");
    let name = schema_name(args, &v);
    let s = schema(name);
    let errors: Vec<String> = s.iter_errors(&v).map(|e| e.to_string()).collect();
    assert!(
        errors.is_empty(),
        "{args:?}: not valid against docs/schemas/{name}.json: {errors:?}\n{v}"
    );
    if r.code == 2 && name == "error" {
        assert!(!v["errors"].as_array().unwrap().is_empty(), "{args:?}");
    }
    (r, v)
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

fn p(path: &Path) -> String {
    path.to_str().unwrap().to_owned()
}

/// Words of serde, serde_json, toml, std::io, quick-xml and clap that must
/// never reach a person.
fn english() -> Regex {
    Regex::new(
        r"(?i)\b(expected|invalid|missing|unknown|duplicate|struct|sequence|EOF|while parsing|at line|error:|usage|print help|options|arguments|commands|os error|no such|permission|denied|is a directory|stream|did not contain|tag not closed|found|integer|boolean|float|variant|identifier|trailing|escape|for more information|tip:|possible values|default:|unexpected|required|argument|subcommand|cannot|failed|u8|u16|u32|u64|i32|i64|f64|usize|not a directory|syntax error|ill-formed|unclosed|premature|input contains|out of range)\b",
    )
    .unwrap()
}

/// Texts a person reads in a JSON output: every `message`.
fn messages(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                if k == "message" || k == "notice" {
                    if let Some(s) = x.as_str() {
                        out.push(s.to_owned());
                    }
                }
                messages(x, out);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| messages(x, out)),
        _ => {}
    }
}

fn assert_russian(what: &str, text: &str) {
    let re = english();
    // Paths of the temporary files and the flags themselves are not words of those crates.
    let cleaned = Regex::new(r"(/[^\s«»:,]+)|(--[a-z-]+)|(«[^»]*»)")
        .unwrap()
        .replace_all(text, " ");
    if let Some(m) = re.find(&cleaned) {
        panic!("{what}: English «{}» reaches the user:\n{text}", m.as_str());
    }
}

struct Fixture {
    dir: PathBuf,
}

impl Fixture {
    fn new() -> Self {
        Self { dir: tempdir() }
    }
    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let f = self.dir.join(name);
        std::fs::write(&f, bytes).unwrap();
        p(&f)
    }
}

/// Every bad input the battery feeds, as argument lists.
fn battery(fx: &Fixture) -> Vec<Vec<String>> {
    let r = root();
    let sender = p(&r.join("examples/sender.toml"));
    let records = p(&r.join("examples/records.jsonl"));
    let good_record = std::fs::read_to_string(r.join("examples/records.jsonl"))
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_owned();
    let app =
        std::fs::read_to_string(r.join("examples/applications/proceed-registration.json")).unwrap();
    let missing = p(&fx.dir.join("нет-такого.json"));
    let out = p(&fx.dir.join("out"));
    let mut runs: Vec<Vec<String>> = Vec::new();

    // check: JSON of every kind of wrong.
    let bad_json: Vec<(&str, Vec<u8>)> = vec![
        ("empty.json", b"".to_vec()),
        ("open.json", b"{".to_vec()),
        ("no-value.json", b"{\"action\": }".to_vec()),
        ("list.json", b"[1, 2".to_vec()),
        ("trailing.json", format!("{app} x").into_bytes()),
        ("comma.json", b"{\"action\": {\"kind\": \"registration\"},}".to_vec()),
        ("type.json", app.replace("\"2025-12-30\"", "12").into_bytes()),
        ("bool.json", b"{\"action\": {\"kind\": \"registration\"}, \"submitted\": \"2025-12-30\", \"by_representative\": \"yes\"}".to_vec()),
        ("unknown.json", app.replacen('{', "{\"submited\": 1, ", 1).into_bytes()),
        ("variant.json", app.replace("\"registration\"", "\"registracia\"").into_bytes()),
        ("missing-field.json", b"{\"action\": {\"kind\": \"registration\"}}".to_vec()),
        ("date.json", app.replace("2025-12-30", "2025-02-30").into_bytes()),
        ("utf8.json", b"{\"action\": \"\xff\xfe\"}".to_vec()),
        ("control.json", b"{\"action\": \"a\x01b\"}".to_vec()),
        ("escape.json", b"{\"action\": \"\\q\"}".to_vec()),
        ("number.json", b"{\"submitted\": 1e999999}".to_vec()),
        ("duplicate.json", app.replacen('{', "{\"submitted\": \"2025-12-30\", ", 1).into_bytes()),
    ];
    for (name, bytes) in bad_json {
        let f = fx.file(name, &bytes);
        runs.push(s(&["check", &f, "--today", "2025-12-30"]));
    }
    runs.push(s(&["check", &missing]));
    runs.push(s(&["check", &p(&fx.dir)]));
    let good_app = fx.file("app.json", app.as_bytes());
    runs.push(s(&["check", &good_app, "--today", "30.12.2025"]));
    runs.push(s(&[
        "check",
        &good_app,
        "--today",
        "2025-12-30",
        "--calendar",
        &missing,
    ]));
    let cal = fx.file("cal.tsv", "2026-13-01\tвыходной\nчепуха\n".as_bytes());
    runs.push(s(&[
        "check",
        &good_app,
        "--today",
        "2025-12-30",
        "--calendar",
        &cal,
    ]));
    runs.push(s(&["check", &good_app, "--today", "2035-12-30"]));

    // generate: TOML of every kind of wrong, records of every kind of wrong.
    let toml_text = std::fs::read_to_string(r.join("examples/sender.toml")).unwrap();
    let bad_toml: Vec<(&str, String)> = vec![
        ("s-string.toml", "name = \"незакрытая\n".to_owned()),
        ("s-table.toml", "[address\n".to_owned()),
        ("s-key.toml", "= 5\n".to_owned()),
        ("s-bare.toml", "name = ООО\n".to_owned()),
        ("s-dup.toml", format!("{toml_text}\nname = \"ещё\"\n")),
        (
            "s-type.toml",
            toml_text.replacen("inn = \"", "inn = 5\nx = \"", 1),
        ),
        ("s-unknown.toml", format!("nmae = \"x\"\n{toml_text}")),
        ("s-missing.toml", "name = \"ООО\"\n".to_owned()),
        ("s-json.json", "{\"name\": 5}".to_owned()),
    ];
    for (name, text) in bad_toml {
        let f = fx.file(name, text.as_bytes());
        runs.push(s(&[
            "generate",
            "--sender",
            &f,
            "--input",
            &records,
            "--type",
            "10",
            "--out",
            &out,
            "--date",
            "2025-12-30",
        ]));
    }
    let rec_lines = [
        good_record.replace("\"year\": ", "\"year\": \"x\", \"_y\": "),
        good_record.replace("\"power_hp\"", "\"power_kW\""),
        good_record.replacen('{', "{\"operation\": 1, ", 1),
        "{\"operation\": ".to_owned(),
        "[1, 2, 3]".to_owned(),
        "null".to_owned(),
        good_record.replace("\"kind\": \"tractor\"", "\"kind\": \"traktor\""),
        format!("{good_record} {{}}"),
    ];
    let recs = fx.file("recs.jsonl", rec_lines.join("\n").as_bytes());
    runs.push(s(&[
        "generate",
        "--sender",
        &sender,
        "--input",
        &recs,
        "--type",
        "10",
        "--out",
        &out,
        "--date",
        "2025-12-30",
    ]));
    let bad_utf8 = fx.file("utf8.jsonl", b"{\"operation\": \"\xc0\xc1\"}\n");
    runs.push(s(&[
        "generate",
        "--sender",
        &sender,
        "--input",
        &bad_utf8,
        "--type",
        "10",
        "--out",
        &out,
        "--date",
        "2025-12-30",
    ]));
    runs.push(s(&[
        "generate", "--sender", &missing, "--input", &records, "--type", "10", "--out", &out,
    ]));
    runs.push(s(&[
        "generate", "--sender", &sender, "--input", &missing, "--type", "10", "--out", &out,
    ]));
    // A read that fails half way (EIO): the OS's English text stays out.
    runs.push(s(&[
        "generate",
        "--sender",
        &sender,
        "--input",
        "/proc/self/mem",
        "--type",
        "10",
        "--out",
        &out,
    ]));
    runs.push(s(&[
        "generate",
        "--sender",
        &sender,
        "--input",
        &records,
        "--type",
        "10",
        "--out",
        "/proc/gtn-test/out",
        "--date",
        "2025-12-30",
    ]));
    let file_as_dir = fx.file("plain-file", b"x");
    runs.push(s(&[
        "generate",
        "--sender",
        &sender,
        "--input",
        &records,
        "--type",
        "10",
        "--out",
        &format!("{file_as_dir}/sub"),
        "--date",
        "2025-12-30",
    ]));
    runs.push(s(&[
        "generate", "--sender", &sender, "--input", &records, "--type", "10", "--year", "2025",
    ]));
    runs.push(s(&[
        "generate", "--sender", &sender, "--input", &records, "--type", "11",
    ]));
    runs.push(s(&[
        "generate", "--sender", &sender, "--input", &records, "--type", "year", "--year", "20x5",
    ]));
    runs.push(s(&[
        "generate", "--sender", &sender, "--input", &records, "--type", "year", "--year", "70000",
    ]));
    runs.push(s(&[
        "generate",
        "--sender",
        &sender,
        "--input",
        &records,
        "--type",
        "10",
        "--number",
        "№1",
        "--out",
        &out,
        "--date",
        "2025-12-30",
    ]));

    // validate: broken XML of every kind, missing files, empty folders.
    let head = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n";
    for (name, body) in [
        ("VO_unclosed.xml", format!("{head}<Файл ИдФайл=\"x\"")),
        ("VO_mismatch.xml", format!("{head}<Файл><Документ></Файл>")),
        ("VO_comment.xml", format!("{head}<Файл><!-- x")),
        ("VO_entity.xml", format!("{head}<Файл ИдФайл=\"&bogus;\"/>")),
        ("VO_attr.xml", format!("{head}<Файл ИдФайл=x/>")),
        ("VO_cdata.xml", format!("{head}<Файл><![CDATA[x")),
        ("VO_pi.xml", format!("{head}<Файл><?x")),
        ("VO_empty.xml", String::new()),
    ] {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&body);
        let f = fx.file(name, &bytes);
        runs.push(s(&["validate", &f]));
    }
    runs.push(s(&["validate", &p(&fx.dir.join("VO_нет.xml"))]));
    let empty = fx.dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    runs.push(s(&["validate", &p(&empty)]));
    runs.push(s(&["validate", "--threads", "x", &p(&empty)]));

    // plate.
    runs.push(s(&["plate", "check", "--type", "5", "1234 АВ 77"]));
    runs.push(s(&["plate", "check", "--type", "3", "1234 А\u{200B}В 77"]));
    runs.push(s(&["plate", "check", "--type", "3", ""]));
    runs.push(s(&["plate", "series", "--region", "Нарния", "--type", "3"]));
    runs.push(s(&["plate", "series", "--region", "99", "--type", "3"]));
    runs.push(s(&[
        "plate", "next", "--region", "77", "--type", "3", "--issued", &missing,
    ]));
    let issued = fx.file("issued.txt", "1234 АВ 77\nчепуха\n".as_bytes());
    runs.push(s(&[
        "plate", "next", "--region", "77", "--type", "3", "--issued", &issued,
    ]));
    let issued_bin = fx.file("issued.bin", b"\xff\xfe\x00");
    runs.push(s(&[
        "plate",
        "next",
        "--region",
        "77",
        "--type",
        "3",
        "--issued",
        &issued_bin,
    ]));

    // explain and the arguments themselves.
    runs.push(s(&["explain", "V35"]));
    runs.push(s(&["explain"]));
    runs.push(s(&["explain", "V035", "--list"]));
    runs.push(s(&["chek"]));
    runs.push(s(&["validate", "--bogus", "x"]));
    runs.push(s(&["validate"]));
    runs.push(s(&["plate"]));
    runs.push(s(&[
        "check",
        &good_app,
        "--today",
        "2025-12-30",
        "--today",
        "2025-12-31",
    ]));
    runs.push(s(&["check", &good_app, "--color", "rainbow"]));
    runs
}

#[test]
fn every_json_output_is_one_document_valid_against_its_schema() {
    let fx = Fixture::new();
    let r = root();
    let out = p(&fx.dir.join("good-out"));
    let good: Vec<Vec<String>> = vec![
        s(&["plate", "series", "--region", "77", "--type", "3"]),
        s(&["plate", "check", "--type", "3", "1234 ab 77"]),
        s(&["plate", "check", "--type", "3", "1234 КМ 77"]),
        s(&["plate", "next", "--region", "77", "--type", "3"]),
        s(&["explain", "V035"]),
        s(&["explain", "E001"]),
        s(&["explain", "--list"]),
        s(&[
            "check",
            &p(&r.join("examples/applications/proceed-registration.json")),
            "--today",
            "2025-12-30",
        ]),
        s(&[
            "check",
            &p(&r.join("examples/applications/refuse-several-grounds.json")),
            "--today",
            "2025-12-30",
        ]),
        s(&["validate", &p(&r.join("tests/validate"))]),
        s(&[
            "generate",
            "--sender",
            &p(&r.join("examples/sender.toml")),
            "--input",
            &p(&r.join("examples/records.jsonl")),
            "--type",
            "10",
            "--out",
            &out,
            "--date",
            "2025-12-30",
            "--number",
            "1",
        ]),
        // The same again: the file exists (exit 2, error report).
        s(&[
            "generate",
            "--sender",
            &p(&r.join("examples/sender.toml")),
            "--input",
            &p(&r.join("examples/records.jsonl")),
            "--type",
            "10",
            "--out",
            &out,
            "--date",
            "2025-12-30",
            "--number",
            "1",
        ]),
    ];
    let mut codes = std::collections::BTreeSet::new();
    for args in good.iter().chain(battery(&fx).iter()) {
        let (run, _) = json_run(args);
        codes.insert(run.code);
    }
    assert_eq!(codes.into_iter().collect::<Vec<_>>(), vec![0, 1, 2]);
}

#[test]
fn no_english_reaches_the_user() {
    let fx = Fixture::new();
    for args in battery(&fx) {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let t = gtn(&a);
        assert_russian(
            &format!("{args:?} (text)"),
            &format!("{}\n{}", t.stdout, t.stderr),
        );
        let (_, v) = json_run(&args);
        let mut texts = Vec::new();
        messages(&v, &mut texts);
        for m in texts {
            assert_russian(&format!("{args:?} (json)"), &m);
        }
    }
    // Help of every command: Russian, without clap's English.
    for cmd in [
        vec!["--help"],
        vec!["-h"],
        vec!["plate", "--help"],
        vec!["plate", "series", "--help"],
        vec!["plate", "check", "--help"],
        vec!["plate", "next", "--help"],
        vec!["generate", "--help"],
        vec!["validate", "--help"],
        vec!["check", "--help"],
        vec!["explain", "--help"],
        vec![],
    ] {
        let t = gtn(&cmd);
        let text = format!("{}{}", t.stdout, t.stderr);
        assert!(text.contains("Использование:"), "{cmd:?}:\n{text}");
        assert_russian(&format!("{cmd:?}"), &text);
    }
}

#[test]
fn text_errors_go_to_stderr_findings_to_stdout() {
    let r = gtn(&["check", "/нет/такого.json"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(
        r.stderr
            .contains("ошибка[G002]: нет такого файла: /нет/такого.json"),
        "{}",
        r.stderr
    );
    let r = gtn(&["plate", "check", "--type", "3", "1234 КМ 77"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("ошибка[P011]"), "{}", r.stdout);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

#[test]
fn invisible_characters_are_named() {
    let r = gtn(&["plate", "check", "--type", "3", "1234 А\u{200B}В 77"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("<U+200B ZERO WIDTH SPACE>"),
        "{}",
        r.stdout
    );
}

#[test]
fn color_follows_the_flag_and_no_color() {
    let args = ["plate", "check", "--type", "3", "1234 КМ 77"];
    let plain = gtn(&args);
    assert!(
        !plain.stdout.contains('\u{1b}'),
        "not a terminal: no colour"
    );
    let mut a = args.to_vec();
    a.extend(["--color", "always"]);
    let colored = gtn(&a);
    assert!(colored.stdout.contains("\u{1b}["), "{}", colored.stdout);
    let mut a = args.to_vec();
    a.extend(["--color", "never"]);
    assert!(!gtn(&a).stdout.contains('\u{1b}'));
}
