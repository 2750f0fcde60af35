//! End to end over real HTTP on a loopback port: every endpoint, the
//! limits, the token, malformed input, overload, timeouts, shutdown.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use gtn_server::Config;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use std::time::Duration;

async fn get(url: &str) -> (StatusCode, Value) {
    let r = Client::new().get(url).send().await.unwrap();
    let s = r.status();
    (s, r.json().await.unwrap())
}

async fn post(url: &str, ct: &str, body: impl Into<reqwest::Body>) -> (StatusCode, Value) {
    let r = Client::new()
        .post(url)
        .header("content-type", ct)
        .body(body)
        .send()
        .await
        .unwrap();
    let s = r.status();
    (s, r.json().await.unwrap())
}

fn assert_error(v: &Value, code: &str) {
    assert_eq!(v["version"], gtn_report::FORMAT_VERSION, "{v}");
    assert_eq!(v["ok"], false, "{v}");
    assert_eq!(v["errors"][0]["code"], code, "{v}");
    assert!(
        gtn_diag::registry().contains(code),
        "{code} is not in the registry of codes"
    );
    let msg = v["errors"][0]["message"].as_str().unwrap();
    assert!(
        msg.chars().any(|c| ('а'..='я').contains(&c)),
        "not Russian: {msg}"
    );
}

/// A body that sends `first`, then waits for the returned sender.
#[tokio::test]
async fn meta_endpoints() {
    let (srv, base) = common::start(Config::default()).await;
    let (s, v) = get(&format!("{base}/v1/health")).await;
    assert_eq!(s, 200);
    assert_eq!(v["status"], "ok");
    let (s, v) = get(&format!("{base}/v1/version")).await;
    assert_eq!(s, 200);
    assert_eq!(v["gtn"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["version"], gtn_report::FORMAT_VERSION);
    let (s, v) = get(&format!("{base}/v1/openapi.json")).await;
    assert_eq!(s, 200);
    assert!(
        v["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        v["openapi"]
    );
    for p in [
        "/v1/validate",
        "/v1/generate",
        "/v1/check",
        "/v1/plates/series",
        "/v1/plates/check",
        "/v1/plates/next",
        "/v1/codes",
        "/v1/codes/{code}",
        "/v1/health",
        "/v1/version",
        "/v1/openapi.json",
    ] {
        assert!(v["paths"][p].is_object(), "{p} not in the OpenAPI document");
    }
    let (s, v) = get(&format!("{base}/v1/codes")).await;
    assert_eq!(s, 200);
    let codes: Vec<&str> = v["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    for c in ["H001", "H002", "H003", "R58.2", "R58.11"] {
        assert!(codes.contains(&c), "{c} not in /v1/codes");
    }
    // As `gtn explain --list`: the whole registry.
    assert_eq!(v["codes"], json!(gtn_diag::registry().codes));
    let (s, v) = get(&format!("{base}/v1/codes/r58.3")).await;
    assert_eq!(s, 200);
    assert_eq!(v["codes"][0]["code"], "R58.3");
    assert_eq!(v["codes"].as_array().unwrap().len(), 1);
    let (s, v) = get(&format!("{base}/v1/codes/X999")).await;
    assert_eq!(s, 404);
    assert_error(&v, "H007");
    let (s, v) = get(&format!("{base}/v1/nothing")).await;
    assert_eq!(s, 404);
    assert_error(&v, "H007");
    let r = Client::new()
        .delete(format!("{base}/v1/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 405);
    assert_error(&r.json().await.unwrap(), "H010");
    // The page: HTML, no external resources.
    let r = Client::new().get(format!("{base}/")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = r.text().await.unwrap();
    assert!(html.contains("lang=\"ru\""));
    for bad in ["http://", "https://", "//cdn", "<link", "src=\""] {
        assert!(
            !html.contains(bad),
            "page refers to an external resource: {bad}"
        );
    }
    srv.shutdown().await.unwrap();
}

#[tokio::test]
async fn validate_raw_and_multipart() {
    let (srv, base) = common::start(Config::default()).await;
    let (name, bytes) = common::fixture("doc-count");
    let (s, v) = post(
        &format!("{base}/v1/validate?name={name}"),
        "application/octet-stream",
        bytes.clone(),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["valid"], false);
    assert_eq!(v["unreadable"], json!([]));
    let f = &v["files"][0];
    assert_eq!(f["path"], name.as_str());
    assert_eq!(f["errors"], 1);
    assert_eq!(f["report"]["findings"][0]["code"], "V046");
    assert_eq!(f["report"]["findings"][0]["path"], "Файл/@КолДок");
    assert_eq!(f["report"]["bytes"], bytes.len());

    // The same file through multipart/form-data, the name from the part.
    let form = reqwest::multipart::Form::new()
        .text("note", "ignored")
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes.clone()).file_name(name.clone()),
        );
    let r = Client::new()
        .post(format!("{base}/v1/validate"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let m: Value = r.json().await.unwrap();
    assert_eq!(m, v, "multipart answer differs from the raw one");

    // A valid file, generated: valid, no findings.
    let good = common::write_file(Vec::new(), 50);
    let gname = common::header(50).file_name.file_name();
    let (s, v) = post(
        &format!("{base}/v1/validate?name={gname}"),
        "application/octet-stream",
        good,
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(v["valid"], true, "{v}");
    assert_eq!(v["files"][0]["report"]["documents"], 50);

    // The file name is checked: a wrong name is a finding.
    let (_, bytes) = common::fixture("doc-count");
    let (s, v) = post(
        &format!("{base}/v1/validate?name=report.xml"),
        "application/octet-stream",
        bytes,
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(v["valid"], false);
    srv.shutdown().await.unwrap();
}

#[tokio::test]
async fn validate_malformed_requests() {
    let (srv, base) = common::start(Config::default()).await;
    let (name, bytes) = common::fixture("doc-count");
    // No name.
    let (s, v) = post(
        &format!("{base}/v1/validate"),
        "application/octet-stream",
        bytes.clone(),
    )
    .await;
    assert_eq!(s, 400);
    assert_error(&v, "H004");
    assert_eq!(v["errors"][0]["path"], "name");
    // Bad max_errors.
    let (s, v) = post(
        &format!("{base}/v1/validate?name={name}&max_errors=many"),
        "application/octet-stream",
        bytes.clone(),
    )
    .await;
    assert_eq!(s, 400);
    assert_error(&v, "H004");
    // Multipart without a file part.
    let form = reqwest::multipart::Form::new().text("x", "y");
    let r = Client::new()
        .post(format!("{base}/v1/validate"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_error(&r.json().await.unwrap(), "H008");
    // Hostile bodies are findings, not failures: not XML, DOCTYPE, empty.
    for body in [
        b"\x00\xff garbage".to_vec(),
        common::fixture("doctype").1,
        Vec::new(),
    ] {
        let (s, v) = post(
            &format!("{base}/v1/validate?name={name}"),
            "application/octet-stream",
            body,
        )
        .await;
        assert_eq!(s, 200, "{v}");
        assert_eq!(v["valid"], false);
        assert!(v["files"][0]["errors"].as_u64().unwrap() >= 1);
    }
    srv.shutdown().await.unwrap();
}

fn example_json() -> Value {
    let text = std::fs::read_to_string(common::root().join("examples/sender.toml")).unwrap();
    let sender: toml_like::Table = toml_like::parse(&text);
    let records: Vec<Value> =
        std::fs::read_to_string(common::root().join("examples/records.jsonl"))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
    json!({"sender": sender, "records": records})
}

/// The example sender as JSON (the service takes JSON, the example is TOML).
mod toml_like {
    pub type Table = serde_json::Value;
    pub fn parse(text: &str) -> Table {
        let sender = gtn_fns::input::parse_sender("sender.toml", text).unwrap();
        serde_json::to_value(sender).unwrap()
    }
}

#[tokio::test]
async fn generate_json_and_ndjson() {
    let (srv, base) = common::start(Config::default()).await;
    let body = example_json();
    let r = Client::new()
        .post(format!(
            "{base}/v1/generate?type=10&date=2026-01-20&number=7"
        ))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let cd = r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        cd,
        "attachment; filename=\"VO_AVTOTS_9965_5024100010502401001_20260120_7.xml\""
    );
    assert_eq!(r.headers()["x-gtn-documents"], "36");
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .contains("windows-1251"));
    let file = r.bytes().await.unwrap();
    let (text, _, bad) = encoding_rs::WINDOWS_1251.decode(&file);
    assert!(!bad);
    assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"windows-1251\"?>"));
    assert!(text.contains("КолДок=\"36\""));
    // The file passes the validator.
    let (s, v) = post(
        &format!("{base}/v1/validate?name=VO_AVTOTS_9965_5024100010502401001_20260120_7.xml"),
        "application/octet-stream",
        file.to_vec(),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(v["valid"], true, "{v}");

    // NDJSON: the sender on the first line, then one record per line.
    let mut nd = serde_json::to_string(&body["sender"]).unwrap();
    nd.push('\n');
    for r in body["records"].as_array().unwrap() {
        nd += &format!("{r}\n");
    }
    let r = Client::new()
        .post(format!(
            "{base}/v1/generate?type=year&year=2025&date=2026-01-20"
        ))
        .header("content-type", "application/x-ndjson")
        .body(nd.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let file = r.bytes().await.unwrap();
    let (text, _, _) = encoding_rs::WINDOWS_1251.decode(&file);
    assert!(text.contains("ГодПериодОтч=\"2025\""), "{}", &text[..300]);

    // A bad record in NDJSON: line of the body, field; nothing generated.
    let mut lines: Vec<String> = nd.lines().map(str::to_owned).collect();
    lines[3] = lines[3].replacen("\"operation\"", "\"operatoin\"", 1);
    let (s, v) = post(
        &format!("{base}/v1/generate?type=10&date=2026-01-20"),
        "application/x-ndjson",
        lines.join("\n"),
    )
    .await;
    assert_eq!(s, 422, "{v}");
    assert_eq!(v["written"], false);
    assert_eq!(v["errors"][0]["code"], "F100");
    assert_eq!(v["errors"][0]["file"], "body");
    assert_eq!(v["errors"][0]["line"], 4);

    // A bad record in JSON: line = record number.
    let mut b = body.clone();
    b["records"][1]["operation"]["date"] = json!("2026-13-01");
    let (s, v) = post(
        &format!("{base}/v1/generate?type=10&date=2026-01-20"),
        "application/json",
        b.to_string(),
    )
    .await;
    assert_eq!(s, 422, "{v}");
    assert_eq!(v["errors"][0]["file"], "records");
    assert_eq!(v["errors"][0]["line"], 2);
    assert!(
        v["errors"][0]["path"].as_str().unwrap().contains("date"),
        "{v}"
    );
    srv.shutdown().await.unwrap();
}

#[tokio::test]
async fn generate_malformed_requests() {
    let (srv, base) = common::start(Config::default()).await;
    let body = example_json().to_string();
    let url = |q: &str| format!("{base}/v1/generate?{q}");
    // Parameters.
    for (q, field) in [
        ("date=2026-01-20", "type"),
        ("type=11", "type"),
        ("type=10&year=2025", "year"),
        ("type=year&year=20x5", "year"),
        ("type=10&date=20.01.2026", "date"),
    ] {
        let (s, v) = post(&url(q), "application/json", body.clone()).await;
        assert_eq!(s, 400, "{q}: {v}");
        assert_error(&v, "H004");
        assert_eq!(v["errors"][0]["path"], field, "{q}");
    }
    // Not JSON: where.
    let (s, v) = post(&url("type=10"), "application/json", "{\"sender\": {,}").await;
    assert_eq!(s, 400);
    assert_error(&v, "H008");
    assert_eq!(v["errors"][0]["line"], 1);
    assert!(v["errors"][0]["column"].as_u64().is_some());
    // Unknown top-level field.
    let (s, v) = post(
        &url("type=10"),
        "application/json",
        r#"{"sender": {}, "records": [], "extra": 1}"#,
    )
    .await;
    assert_eq!(s, 400);
    assert!(
        v["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("extra"),
        "{v}"
    );
    // A bad sender: 422 with the field.
    let mut b = example_json();
    b["sender"]["inn"] = json!("123");
    let (s, v) = post(
        &url("type=10&date=2026-01-20"),
        "application/json",
        b.to_string(),
    )
    .await;
    assert_eq!(s, 422, "{v}");
    // No records.
    let mut b = example_json();
    b["records"] = json!([]);
    let (s, v) = post(
        &url("type=10&date=2026-01-20"),
        "application/json",
        b.to_string(),
    )
    .await;
    assert_eq!(s, 422, "{v}");
    assert_error(&v, "F101");
    // Wrong media type.
    let (s, v) = post(&url("type=10"), "text/xml", body.clone()).await;
    assert_eq!(s, 415);
    assert_error(&v, "H005");
    // NDJSON without a sender line.
    let (s, v) = post(&url("type=10"), "application/x-ndjson", "\n{}\n").await;
    assert_eq!(s, 422, "{v}");
    assert_eq!(v["errors"][0]["line"], 1);
    srv.shutdown().await.unwrap();
}

#[tokio::test]
async fn check_every_example_as_expected() {
    let (srv, base) = common::start(Config::default()).await;
    let dir = common::root().join("examples/applications");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".json") || name.ends_with(".expected.json") {
            continue;
        }
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(p.with_extension("expected.json")).unwrap(),
        )
        .unwrap();
        let today = expected["today"].as_str().unwrap();
        let (s, v) = post(
            &format!("{base}/v1/check?today={today}"),
            "application/json",
            std::fs::read(&p).unwrap(),
        )
        .await;
        assert_eq!(s, 200, "{name}: {v}");
        assert_eq!(v["outcome"], expected["outcome"], "{name}");
        let got: Vec<&Value> = v["grounds"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| &g["code"])
            .collect();
        let want: Vec<&Value> = expected["grounds"]
            .as_array()
            .map_or(vec![], |a| a.iter().collect());
        assert_eq!(got, want, "{name}");
        n += 1;
    }
    assert!(n >= 20, "only {n} examples");
    srv.shutdown().await.unwrap();
}

/// The full form of the body, `{"application": …, "issued": […]}`: the
/// decision names the next free plate, and is the document of
/// `gtn check … --issued examples/issued-82.txt --format json` (its
/// checked-in snapshot); every bad plate is named, and a field of the
/// application is named under `application.`.
#[tokio::test]
async fn check_with_issued_plates_is_the_commands_answer() {
    let (srv, base) = common::start(Config::default()).await;
    let url = format!("{base}/v1/check?today=2025-12-30");
    let app: Value = serde_json::from_str(
        &std::fs::read_to_string(
            common::root().join("examples/applications/proceed-registration-crimea.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let body = json!({"application": app, "issued": ["0001 КА 82", " 0002КА82", "0004 КА 82"]});
    let (s, v) = post(&url, "application/json", body.to_string()).await;
    assert_eq!(s, 200, "{v}");
    let cli: Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("tests/snapshots/check-crimea.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(v, cli);
    assert!(v.to_string().contains("0003КА82"), "{v}");

    let body = json!({"application": app, "issued": ["0001 КА 82", "xyz", "0003 КА 82", ""]});
    let (s, v) = post(&url, "application/json", body.to_string()).await;
    assert_eq!(s, 422, "{v}");
    let at: Vec<&Value> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["path"])
        .collect();
    assert_eq!(at, [&json!("issued[1]"), &json!("issued[3]")], "{v}");
    assert_eq!(v["errors"][0]["value"], "xyz", "{v}");

    let (s, v) = post(
        &url,
        "application/json",
        "{\"application\": {\n  \"action\": {\"kind\": \"registration\"},\n  \"submitted\": 5\n}, \"issued\": []}",
    )
    .await;
    assert_eq!(s, 422, "{v}");
    assert_error(&v, "E010");
    assert_eq!(v["errors"][0]["line"], 3);
    assert_eq!(v["errors"][0]["path"], "application.submitted");
    let body = json!({"application": app, "isued": ["0001 КА 82"]});
    let (s, v) = post(&url, "application/json", body.to_string()).await;
    assert_eq!(s, 422, "{v}");
    assert!(
        v["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("isued"),
        "{v}"
    );
    srv.shutdown().await.unwrap();
}

#[tokio::test]
async fn check_malformed_and_limits() {
    let (srv, base) = common::start(Config::default()).await;
    let url = format!("{base}/v1/check?today=2025-12-30");
    let (s, v) = post(
        &url,
        "application/json",
        "{\n  \"action\": {\"kind\": \"registration\"},\n  \"submitted\": 5\n}",
    )
    .await;
    assert_eq!(s, 422, "{v}");
    assert_error(&v, "E010");
    assert_eq!(v["errors"][0]["line"], 3);
    assert_eq!(v["errors"][0]["path"], "submitted");
    let (s, v) = post(&url, "application/json", vec![b'{', 0xff, b'}']).await;
    assert_eq!(s, 400);
    assert_error(&v, "H008");
    let (s, v) = post(
        &format!("{base}/v1/check?today=30.12.2025"),
        "application/json",
        "{}",
    )
    .await;
    assert_eq!(s, 400);
    assert_error(&v, "H004");
    // Over 1 MiB: 413, declared or not.
    let big = format!("{{\"x\": \"{}\"}}", "a".repeat(1 << 20));
    let (s, v) = post(&url, "application/json", big.clone()).await;
    assert_eq!(s, 413);
    assert_error(&v, "H001");
    let (body, tx) = common::held_body(big.into_bytes());
    drop(tx);
    let (s, v) = post(&url, "application/json", body).await;
    assert_eq!(s, 413);
    assert_error(&v, "H001");
    srv.shutdown().await.unwrap();
}

#[tokio::test]
async fn plates() {
    let (srv, base) = common::start(Config::default()).await;
    let (s, v) = get(&format!("{base}/v1/plates/series?region=77&type=3")).await;
    assert_eq!(s, 200);
    assert_eq!(v["code"], "77");
    assert_eq!(v["type"], "3");
    assert!(v["series"].as_array().unwrap().contains(&json!("АВ")));
    let (s, v) = get(&format!("{base}/v1/plates/series?region=%D0%B3.%20%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0&type=4%D0%90")).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["type"], "4А");
    let (s, v) = get(&format!("{base}/v1/plates/series?region=Атлантида&type=3")).await;
    assert_eq!(s, 422);
    assert_error(&v, "P012");
    let (s, v) = get(&format!("{base}/v1/plates/series?region=999&type=3")).await;
    assert_eq!(s, 422);
    assert_error(&v, "P010");
    let (s, v) = get(&format!("{base}/v1/plates/series?region=77&type=5")).await;
    assert_eq!(s, 400);
    assert_eq!(v["errors"][0]["path"], "type");
    let (s, v) = get(&format!("{base}/v1/plates/series?type=3")).await;
    assert_eq!(s, 400);
    assert_eq!(v["errors"][0]["path"], "region");

    let (s, v) = get(&format!(
        "{base}/v1/plates/check?type=3&plate=1234%20ab%2077"
    ))
    .await;
    assert_eq!(s, 200);
    assert_eq!(v["valid"], true);
    assert_eq!(v["canonical"], "1234АВ77");
    assert_eq!(v["display"], "1234 АВ 77");
    let (s, v) = get(&format!(
        "{base}/v1/plates/check?type=3&plate=1234%20КМ%2077"
    ))
    .await;
    assert_eq!(s, 200);
    assert_eq!(v["valid"], false);
    assert_eq!(v["errors"][0]["code"], "P011");
    let (s, _) = get(&format!(
        "{base}/v1/plates/check?type=3&plate={}",
        "1".repeat(100)
    ))
    .await;
    assert_eq!(s, 400);

    let (s, v) = post(
        &format!("{base}/v1/plates/next?region=77&type=3"),
        "text/plain",
        "# issued\n0001 АА 77\n\n0002АА77\n",
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["canonical"], "0003АА77");
    assert_eq!(v["ignored_issued"], 0);
    // A plate of another region is left out and named, as `gtn plate next`
    // names it (P015), not only counted.
    let (s, v) = post(
        &format!("{base}/v1/plates/next?region=77&type=3"),
        "text/plain",
        "0001 АА 77\n0003 АА 50\n",
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["canonical"], "0002АА77");
    assert_eq!(v["ignored_issued"], 1);
    let w = &v["skipped"][0];
    assert_eq!(
        (&w["code"], &w["severity"]),
        (&"P015".into(), &"warning".into())
    );
    assert_eq!(
        (&w["file"], &w["line"], &w["value"]),
        (&"body".into(), &2.into(), &"0003 АА 50".into())
    );
    let (s, v) = post(
        &format!("{base}/v1/plates/next?region=77&type=3"),
        "text/plain",
        "\u{FEFF}0001 АА 77\n  не знак\n",
    )
    .await;
    // A byte-order mark is skipped, as `gtn plate next --issued` does; the
    // bad line is named with the column where its plate starts.
    assert_eq!(s, 422, "{v}");
    assert_eq!(v["errors"][0]["file"], "body");
    assert_eq!(v["errors"][0]["line"], 2);
    assert_eq!(v["errors"][0]["column"], 3);
    assert_eq!(v["errors"][0]["value"], "не знак");
    // Every bad line is named, not only the first, as the CLI names them.
    let (s, v) = post(
        &format!("{base}/v1/plates/next?region=77&type=3"),
        "text/plain",
        "не знак\n0001 АА 77\nАА 77 0002\n",
    )
    .await;
    assert_eq!(s, 422, "{v}");
    let lines: Vec<_> = v["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| (e["line"].clone(), e["file"].clone()))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        lines,
        [(1.into(), "body".into()), (3.into(), "body".into())],
        "{v}"
    );
    let big = "0001 АА 77\n".repeat((16 << 20) / 10);
    let (s, v) = post(
        &format!("{base}/v1/plates/next?region=77&type=3"),
        "text/plain",
        big,
    )
    .await;
    assert_eq!(s, 413);
    assert_error(&v, "H001");
    srv.shutdown().await.unwrap();
}

#[tokio::test]
async fn token_is_required_when_configured() {
    let token = "0123456789abcdef0123456789abcdef".to_owned();
    let (srv, base) = common::start(Config {
        token: Some(token.clone()),
        ..Config::default()
    })
    .await;
    let c = Client::new();
    let r = c.get(format!("{base}/v1/version")).send().await.unwrap();
    assert_eq!(r.status(), 401);
    assert!(r.headers().contains_key("www-authenticate"));
    assert_error(&r.json().await.unwrap(), "H002");
    let r = c
        .get(format!("{base}/v1/version"))
        .bearer_auth("0123456789abcdef0123456789abcdeX")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = c
        .get(format!("{base}/v1/version"))
        .bearer_auth("0123456789abcdef")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = c
        .get(format!("{base}/v1/version"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let (name, bytes) = common::fixture("doc-count");
    let r = c
        .post(format!("{base}/v1/validate?name={name}"))
        .body(bytes)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    // Health and the page are open (no data in them).
    assert_eq!(
        c.get(format!("{base}/v1/health"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        c.get(format!("{base}/")).send().await.unwrap().status(),
        200
    );
    srv.shutdown().await.unwrap();
}

#[test]
fn open_address_needs_a_token() {
    let open = Config {
        listen: "0.0.0.0:8080".parse().unwrap(),
        ..Config::default()
    };
    let e = open.check().unwrap_err().to_string();
    assert!(e.contains("--token-file"), "{e}");
    let v6 = Config {
        listen: "[::]:8080".parse().unwrap(),
        ..Config::default()
    };
    assert!(v6.check().is_err());
    assert!(Config {
        token: Some("x".repeat(32)),
        ..open
    }
    .check()
    .is_ok());
    assert!(Config {
        listen: "[::1]:8080".parse().unwrap(),
        ..Config::default()
    }
    .check()
    .is_ok());
    // Token files: short, empty, missing.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t");
    std::fs::write(&p, "short\n").unwrap();
    assert!(gtn_server::read_token(&p)
        .unwrap_err()
        .to_string()
        .contains("16"));
    std::fs::write(&p, "0123456789abcdef0123\nsecond line\n").unwrap();
    assert_eq!(gtn_server::read_token(&p).unwrap(), "0123456789abcdef0123");
    assert!(gtn_server::read_token(&dir.path().join("none")).is_err());
}

#[tokio::test]
async fn validate_body_limit() {
    let (srv, base) = common::start(Config {
        max_body: 1000,
        ..Config::default()
    })
    .await;
    let (name, bytes) = common::fixture("doc-count");
    assert!(bytes.len() > 1000);
    // Declared length over the limit.
    let (s, v) = post(
        &format!("{base}/v1/validate?name={name}"),
        "application/octet-stream",
        bytes.clone(),
    )
    .await;
    assert_eq!(s, 413);
    assert_error(&v, "H001");
    // Chunked, no length: found while streaming.
    let (body, tx) = common::held_body(bytes.clone());
    drop(tx);
    let (s, v) = post(
        &format!("{base}/v1/validate?name={name}"),
        "application/octet-stream",
        body,
    )
    .await;
    assert_eq!(s, 413);
    assert_error(&v, "H001");
    // Multipart too.
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name(name.clone()),
    );
    let r = Client::new()
        .post(format!("{base}/v1/validate"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
    srv.shutdown().await.unwrap();
}

#[tokio::test]
async fn overload_is_503_with_retry_after_and_stalled_body_times_out() {
    let (srv, base) = common::start(Config {
        workers: 1,
        idle_timeout: Duration::from_secs(2),
        ..Config::default()
    })
    .await;
    let (name, bytes) = common::fixture("doc-count");
    // One validation holds the only slot: its body stops half-way.
    let (body, tx) = common::held_body(bytes[..500].to_vec());
    let url = format!("{base}/v1/validate?name={name}");
    let first = tokio::spawn(async move {
        let r = Client::new().post(url).body(body).send().await.unwrap();
        let s = r.status();
        (s, r.json::<Value>().await.unwrap())
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    let r = Client::new()
        .get(format!("{base}/v1/version"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
    assert_eq!(r.headers()["retry-after"], "1");
    assert_error(&r.json().await.unwrap(), "H003");
    // Health still answers, and says one is in flight.
    let (s, v) = get(&format!("{base}/v1/health")).await;
    assert_eq!(s, 200);
    assert_eq!(v["in_flight"], 1);
    // The stalled body: 408 after the idle timeout.
    let (s, v) = first.await.unwrap();
    drop(tx);
    assert_eq!(s, 408, "{v}");
    assert_error(&v, "H006");
    // The slot is free again.
    let (s, _) = get(&format!("{base}/v1/version")).await;
    assert_eq!(s, 200);
    srv.shutdown().await.unwrap();
}

#[tokio::test]
async fn shutdown_finishes_requests_in_flight() {
    let (srv, base) = common::start(Config::default()).await;
    let (name, bytes) = common::fixture("doc-count");
    let (body, tx) = common::held_body(bytes[..500].to_vec());
    let url = format!("{base}/v1/validate?name={name}");
    let first = tokio::spawn(async move {
        let r = Client::new().post(url).body(body).send().await.unwrap();
        let s = r.status();
        (s, r.json::<Value>().await.unwrap())
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    let stopping = tokio::spawn(srv.shutdown());
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!stopping.is_finished(), "stopped with a request in flight");
    // New connections are refused while the old one finishes.
    assert!(Client::new()
        .get(format!("{base}/v1/health"))
        .send()
        .await
        .is_err());
    tx.send(bytes[500..].to_vec()).await.unwrap();
    drop(tx);
    let (s, v) = first.await.unwrap();
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["files"][0]["report"]["findings"][0]["code"], "V046");
    tokio::time::timeout(Duration::from_secs(5), stopping)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
}

#[tokio::test]
async fn request_id_is_echoed_or_made() {
    let (srv, base) = common::start(Config::default()).await;
    let r = Client::new()
        .get(format!("{base}/v1/health"))
        .header("x-request-id", "office-42")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["x-request-id"], "office-42");
    let r = Client::new()
        .get(format!("{base}/v1/health"))
        .header("x-request-id", "bad id with spaces")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["x-request-id"].len(), 36);
    srv.shutdown().await.unwrap();
}

/// The documented schema of an answer: its properties, by `$ref`.
fn documented(doc: &Value, schema: &Value) -> Vec<String> {
    let s = match schema["$ref"].as_str() {
        Some(r) => &doc["components"]["schemas"][r.rsplit('/').next().unwrap()],
        None => schema,
    };
    s["properties"]
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

/// The answer is valid against the schema the OpenAPI document gives for
/// this path, method and status (the components are `gtn-report`'s schemas
/// of the very types served, published open and closed here against
/// undocumented fields).
fn assert_documented(doc: &Value, path: &str, method: &str, status: u16, answer: &Value) {
    let schema = &doc["paths"][path][method]["responses"][status.to_string()]["content"]
        ["application/json"]["schema"];
    assert!(!schema.is_null(), "{method} {path} {status}: no schema");
    let mut root = schema.clone();
    root["components"] = doc["components"].clone();
    if let Some(defs) = root["components"]["schemas"].as_object_mut() {
        gtn_report::schema::strict_components(defs);
    }
    let v = jsonschema::validator_for(&root).unwrap();
    let errors: Vec<String> = v.iter_errors(answer).map(|e| e.to_string()).collect();
    assert!(
        errors.is_empty(),
        "{method} {path} {status}: not as the OpenAPI document says: {errors:?}\n{answer}"
    );
}

#[tokio::test]
async fn answers_are_as_documented() {
    let (srv, base) = common::start(Config::default()).await;
    let (_, doc) = get(&format!("{base}/v1/openapi.json")).await;
    let (name, bytes) = common::fixture("doc-count");
    let (_, v) = post(
        &format!("{base}/v1/validate?name={name}"),
        "application/octet-stream",
        bytes,
    )
    .await;
    assert_documented(&doc, "/v1/validate", "post", 200, &v);
    let finding = &v["files"][0]["report"]["findings"][0];
    let fprops = documented(&doc, &json!({"$ref": "#/components/schemas/Diagnostic"}));
    for k in finding.as_object().unwrap().keys() {
        assert!(fprops.contains(k), "finding field {k} undocumented");
    }
    let (_, v) = post(
        &format!("{base}/v1/validate"),
        "application/octet-stream",
        "x",
    )
    .await;
    assert_documented(&doc, "/v1/validate", "post", 400, &v);
    let app =
        std::fs::read(common::root().join("examples/applications/refuse-several-grounds.json"))
            .unwrap();
    let (_, v) = post(
        &format!("{base}/v1/check?today=2025-12-30"),
        "application/json",
        app,
    )
    .await;
    assert_documented(&doc, "/v1/check", "post", 200, &v);
    let mut b = example_json();
    b["records"][0]["operation"]["date"] = json!("x");
    let (s, v) = post(
        &format!("{base}/v1/generate?type=10&date=2026-01-20"),
        "application/json",
        b.to_string(),
    )
    .await;
    assert_eq!(s, 422);
    assert_documented(&doc, "/v1/generate", "post", 422, &v);
    let (_, v) = get(&format!("{base}/v1/plates/series?region=77&type=3")).await;
    assert_documented(&doc, "/v1/plates/series", "get", 200, &v);
    for plate in ["1234АВ77", "1234КМ77"] {
        let (_, v) = get(&format!("{base}/v1/plates/check?type=3&plate={plate}")).await;
        assert_documented(&doc, "/v1/plates/check", "get", 200, &v);
    }
    let (_, v) = post(
        &format!("{base}/v1/plates/next?region=77&type=3"),
        "text/plain",
        "",
    )
    .await;
    assert_documented(&doc, "/v1/plates/next", "post", 200, &v);
    let (_, v) = get(&format!("{base}/v1/codes")).await;
    assert_documented(&doc, "/v1/codes", "get", 200, &v);
    let (_, v) = get(&format!("{base}/v1/codes/V046")).await;
    assert_documented(&doc, "/v1/codes/{code}", "get", 200, &v);
    let cprops = documented(&doc, &json!({"$ref": "#/components/schemas/CodeInfo"}));
    for k in v["codes"][0].as_object().unwrap().keys() {
        assert!(cprops.contains(k), "code field {k} undocumented");
    }
    let (_, v) = get(&format!("{base}/v1/health")).await;
    assert_documented(&doc, "/v1/health", "get", 200, &v);
    let (_, v) = get(&format!("{base}/v1/version")).await;
    assert_documented(&doc, "/v1/version", "get", 200, &v);
    // The check can fail: a field the document does not name is refused.
    let mut extra = v.clone();
    extra["undocumented"] = json!(1);
    let caught = std::panic::catch_unwind(|| {
        assert_documented(&doc, "/v1/version", "get", 200, &extra);
    });
    assert!(caught.is_err(), "an undocumented field passed");
    srv.shutdown().await.unwrap();
}

/// `gtn serve --calendar` and `--edition`: /v1/check counts terms by the
/// office's calendar and applies the office's edition, as `gtn check` does
/// with the same files.
#[tokio::test]
async fn check_uses_the_office_calendar_and_edition() {
    let app = std::fs::read(common::root().join("examples/applications/proceed-registration.json"))
        .unwrap();
    let review = |v: &Value| {
        v["deadlines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["kind"] == "review")
            .map(|d| d["date"].as_str().unwrap().to_owned())
            .unwrap()
    };
    let ask = |base: String| {
        let app = app.clone();
        async move {
            let (s, v) = post(
                &format!("{base}/v1/check?today=2025-12-30"),
                "application/json",
                app,
            )
            .await;
            assert_eq!(s, 200, "{v}");
            v
        }
    };
    let (srv, base) = common::start(Config::default()).await;
    let v = ask(base).await;
    assert_eq!(review(&v), "2026-01-16", "5 working days from 30.12.2025");
    assert!(v["warnings"].as_array().is_none_or(|w| w.is_empty()), "{v}");
    srv.shutdown().await.unwrap();

    // A regional day off on 12.01.2026 moves the review to 19.01.2026; an
    // edition that ended on 01.12.2025 gives the warning E101.
    let mut calendar = gtn_rules::Calendar::builtin();
    calendar
        .extend("2026-01-12\toff\tрегиональный праздник\n")
        .unwrap();
    let edition = gtn_rules::Edition::from_json(
        "edition.json",
        r#"{"name": "Редакция офиса", "in_force_from": "2021-01-01", "in_force_until": "2025-12-01"}"#,
    )
    .unwrap();
    let (srv, base) = common::start(Config {
        calendar: std::sync::Arc::new(calendar),
        edition,
        ..Config::default()
    })
    .await;
    let v = ask(base).await;
    assert_eq!(review(&v), "2026-01-19", "{v}");
    assert_eq!(v["edition"]["name"], "Редакция офиса");
    assert!(
        v["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["code"] == "E101"),
        "{v}"
    );
    srv.shutdown().await.unwrap();
}
