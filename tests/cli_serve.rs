#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
//! `gtn serve` as a user starts it: refuses an open address without a token;
//! answers the same JSON as the CLI's `--format json` for the same work;
//! logs without query strings or bodies; finishes a request in flight on
//! SIGTERM and exits 0.

mod common;
use common::{gtn, gtn_in, root, tempdir};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn serve(extra: &[&str]) -> Server {
    let addr = format!("127.0.0.1:{}", free_port());
    let child = Command::new(env!("CARGO_BIN_EXE_gtn"))
        .args(["serve", "--listen", &addr])
        .args(extra)
        .env("GTN_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while TcpStream::connect(&addr).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "gtn serve did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Server { child, addr }
}

/// One HTTP/1.1 request, `Connection: close`; (status, body).
fn http(addr: &str, method: &str, target: &str, ctype: &str, body: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .unwrap();
    s.write_all(body).unwrap();
    read_response(s)
}

fn read_response(mut s: TcpStream) -> (u16, String) {
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8(raw).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, body.to_owned())
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("{e}: {s}"))
}

/// Percent-encodes a query value.
fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[test]
fn open_address_without_token_is_refused() {
    let out = gtn(&["serve", "--listen", "0.0.0.0:0"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("--token-file"), "{}", out.stderr);
    assert!(out.stderr.contains("H011"), "{}", out.stderr);
    let out = gtn(&["serve", "--listen", "0.0.0.0:0", "--format", "json"]);
    assert_eq!(out.code, 2);
    let v = json(&out.stdout);
    assert_eq!(v["ok"], false);
    assert_eq!(v["errors"][0]["code"], "H011");
    // A short token is refused too.
    let d = tempdir();
    let t = d.join("token");
    std::fs::write(&t, "short\n").unwrap();
    let out = gtn(&[
        "serve",
        "--listen",
        "0.0.0.0:0",
        "--token-file",
        t.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("16"), "{}", out.stderr);
    // Busy port.
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = busy.local_addr().unwrap().to_string();
    let out = gtn(&["serve", "--listen", &addr]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains(&addr), "{}", out.stderr);
}

/// `--calendar` and `--edition` are read before the service starts: a bad
/// file stops it with the file's error, as `gtn check` reports it.
#[test]
fn bad_office_calendar_or_edition_stops_the_start() {
    let bad = root().join("tests/snapshots/inputs/calendar-bad.tsv");
    let out = gtn(&[
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--calendar",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("[C001]"), "{}", out.stderr);
    assert!(out.stderr.contains("calendar-bad.tsv"), "{}", out.stderr);
    let d = tempdir();
    let e = d.join("edition.json");
    std::fs::write(
        &e,
        r#"{"name": "x", "in_force_from": "2021-01-01", "until": "2027-01-01"}"#,
    )
    .unwrap();
    let out = gtn(&[
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--edition",
        e.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("until"), "{}", out.stderr);
}

#[test]
fn answers_are_the_cli_json_and_sigterm_finishes_in_flight() {
    let srv = serve(&[]);
    let a = &srv.addr;

    // validate: the CLI run from the fixture's folder prints the bare name
    // as the path, so the whole documents must be equal.
    let file = common::fixture_file("inn-check-digit");
    let dir = file.parent().unwrap().to_path_buf();
    let name = file.file_name().unwrap().to_str().unwrap();
    let cli = gtn_in(&["validate", name, "--format", "json"], Some(&dir));
    let bytes = std::fs::read(dir.join(name)).unwrap();
    let (s, body) = http(
        a,
        "POST",
        &format!("/v1/validate?name={name}"),
        "application/octet-stream",
        &bytes,
    );
    assert_eq!(s, 200);
    assert_eq!(
        json(&body),
        json(&cli.stdout),
        "validate: service and CLI differ"
    );

    // check.
    let app = root().join("examples/applications/refuse-several-grounds.json");
    let cli = gtn(&[
        "check",
        app.to_str().unwrap(),
        "--today",
        "2025-12-30",
        "--format",
        "json",
    ]);
    let (s, body) = http(
        a,
        "POST",
        "/v1/check?today=2025-12-30",
        "application/json",
        &std::fs::read(&app).unwrap(),
    );
    assert_eq!(s, 200);
    assert_eq!(
        json(&body),
        json(&cli.stdout),
        "check: service and CLI differ"
    );

    // plates.
    let cli = gtn(&[
        "plate",
        "series",
        "--region",
        "г. Москва",
        "--type",
        "4А",
        "--format",
        "json",
    ]);
    let (s, body) = http(
        a,
        "GET",
        &format!(
            "/v1/plates/series?region={}&type={}",
            enc("г. Москва"),
            enc("4А")
        ),
        "text/plain",
        b"",
    );
    assert_eq!(s, 200);
    assert_eq!(json(&body), json(&cli.stdout), "plate series");
    for plate in ["1234 ab 77", "1234 КМ 77", "12"] {
        let cli = gtn(&["plate", "check", "--type", "3", plate, "--format", "json"]);
        let (s, body) = http(
            a,
            "GET",
            &format!("/v1/plates/check?type=3&plate={}", enc(plate)),
            "text/plain",
            b"",
        );
        assert_eq!(s, 200);
        assert_eq!(json(&body), json(&cli.stdout), "plate check {plate}");
    }
    let d = tempdir();
    let issued = d.join("issued.txt");
    std::fs::write(&issued, "0001 АА 77\n0002АА77\n").unwrap();
    let cli = gtn(&[
        "plate",
        "next",
        "--region",
        "77",
        "--type",
        "3",
        "--issued",
        issued.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let (s, body) = http(
        a,
        "POST",
        "/v1/plates/next?region=77&type=3",
        "text/plain",
        &std::fs::read(&issued).unwrap(),
    );
    assert_eq!(s, 200);
    assert_eq!(json(&body), json(&cli.stdout), "plate next");

    // codes.
    let cli = gtn(&["explain", "V040", "--format", "json"]);
    let (s, body) = http(a, "GET", "/v1/codes/V040", "text/plain", b"");
    assert_eq!(s, 200);
    assert_eq!(json(&body), json(&cli.stdout), "explain");

    // SIGTERM with a request in flight: it is finished, then the process exits 0.
    let mut slow = TcpStream::connect(a).unwrap();
    write!(
        slow,
        "POST /v1/validate?name={name} HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
        bytes.len()
    )
    .unwrap();
    slow.write_all(&bytes[..100]).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let pid = srv.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    std::thread::sleep(Duration::from_millis(300));
    slow.write_all(&bytes[100..]).unwrap();
    let (s, body) = read_response(slow);
    assert_eq!(s, 200, "{body}");
    assert_eq!(
        json(&body)["files"][0]["report"]["findings"][0]["code"],
        "V040"
    );
    let mut srv = srv;
    let started = Instant::now();
    let status = loop {
        if let Some(st) = srv.child.try_wait().unwrap() {
            break st;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "gtn serve did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status}");

    // The log: one line per request with route and status, without the
    // query string (plates, the sender's ИНН in the file name) or bodies.
    let mut log = String::new();
    srv.child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    assert!(log.contains("route=/v1/validate"), "{log}");
    assert!(log.contains("status=200"), "{log}");
    for secret in [
        "5024100010",
        "plate=",
        "name=",
        "today=",
        "region=",
        "КМ",
        "Москва",
        "%D0",
    ] {
        assert!(!log.contains(secret), "log shows «{secret}»:\n{log}");
    }
}
