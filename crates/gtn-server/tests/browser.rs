//! The staff page in a real browser: headless Chromium driven over the
//! WebDriver protocol (chromedriver, spoken directly with reqwest: no
//! browser-automation crate needed) loads `/`, submits a fixture file with a
//! finding, a plate and an application, and reads what the page shows.
//!
//! Needs `chromium` and `chromium-driver` (Debian; CI installs them).
//! Paths: `GTN_CHROMIUM` (default /usr/bin/chromium), `GTN_CHROMEDRIVER`
//! (default /usr/bin/chromedriver). `GTN_SKIP_BROWSER=1` skips, loudly.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use serde_json::{json, Value};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Driver {
    child: Child,
    url: String,
    session: String,
    http: reqwest::Client,
    _profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    async fn start() -> Driver {
        let chromium = std::env::var("GTN_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let driver =
            std::env::var("GTN_CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(&driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("{driver}: {e} (apt-get install -y chromium chromium-driver)")
            });
        let url = format!("http://127.0.0.1:{port}");
        let http = reqwest::Client::new();
        let started = Instant::now();
        loop {
            if let Ok(r) = http.get(format!("{url}/status")).send().await {
                let v: Value = r.json().await.unwrap_or_default();
                if v["value"]["ready"] == true {
                    break;
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = tempfile::tempdir().unwrap();
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }
        }}});
        let r: Value = http
            .post(format!("{url}/session"))
            .json(&caps)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let session = r["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {r}"))
            .to_owned();
        Driver {
            child,
            url,
            session,
            http,
            _profile: profile,
        }
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Value) -> Value {
        let r: Value = self
            .http
            .request(
                method,
                format!("{}/session/{}{path}", self.url, self.session),
            )
            .json(&body)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if r["value"]["error"].is_string() {
            panic!("WebDriver {path}: {r}");
        }
        r["value"].clone()
    }

    async fn goto(&self, url: &str) {
        self.call(reqwest::Method::POST, "/url", json!({"url": url}))
            .await;
    }

    async fn find(&self, css: &str) -> String {
        let v = self
            .call(
                reqwest::Method::POST,
                "/element",
                json!({"using": "css selector", "value": css}),
            )
            .await;
        v.as_object()
            .unwrap()
            .values()
            .next()
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    }

    async fn send_keys(&self, css: &str, text: &str) {
        let id = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{id}/value"),
            json!({"text": text}),
        )
        .await;
    }

    async fn script(&self, script: &str) -> Value {
        self.call(
            reqwest::Method::POST,
            "/execute/sync",
            json!({"script": script, "args": []}),
        )
        .await
    }

    /// Runs `script` until it returns something other than null.
    async fn wait_for(&self, script: &str) -> Value {
        let started = Instant::now();
        loop {
            let v = self.script(script).await;
            if !v.is_null() {
                return v;
            }
            if started.elapsed() > Duration::from_secs(20) {
                let body = self.script("return document.body.innerText").await;
                panic!("timed out waiting for: {script}\npage:\n{body}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn quit(&self) {
        let _ = self
            .http
            .delete(format!("{}/session/{}", self.url, self.session))
            .send()
            .await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_page_in_headless_chromium() {
    if std::env::var_os("GTN_SKIP_BROWSER").is_some() {
        eprintln!("SKIPPED: GTN_SKIP_BROWSER is set; the page was not tested in a browser");
        return;
    }
    let (srv, base) = common::start(gtn_server::Config::default()).await;
    let d = Driver::start().await;
    d.goto(&format!("{base}/")).await;
    let title = d.script("return document.title").await;
    assert!(title.as_str().unwrap().starts_with("gtn"), "{title}");

    // A file with one finding: V046 (КолДок does not match).
    let dir = common::root().join("tests/validate/V046/doc-count");
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let file = file.canonicalize().unwrap();
    d.send_keys("#file-input", file.to_str().unwrap()).await;
    let row = d
        .wait_for(
            "const r = document.querySelector('#findings tbody tr[data-code=\"V046\"]'); \
             return r ? r.innerText : null",
        )
        .await;
    let row = row.as_str().unwrap();
    assert!(row.contains("V046"), "{row}");
    assert!(row.contains("Файл/@КолДок"), "{row}");
    assert!(row.contains("ошибка"), "{row}");
    // The code's explanation from the registry is shown with it.
    let title = &gtn_diag::registry().get("V046").unwrap().title;
    assert!(
        row.contains(title.as_str()),
        "no explanation «{title}» in {row}"
    );
    let verdict = d
        .script("return document.querySelector('#v-verdict').innerText")
        .await;
    assert!(
        verdict.as_str().unwrap().contains("НЕ соответствует"),
        "{verdict}"
    );
    let counts = d
        .script("return document.querySelector('#v-counts').innerText")
        .await;
    assert!(counts.as_str().unwrap().contains("V046: 1"), "{counts}");
    // The filter hides rows that do not match.
    d.send_keys("#v-filter", "нет-такого").await;
    let rows = d
        .wait_for(
            "const n = document.querySelectorAll('#findings tbody tr').length; \
             return n === 0 ? n : null",
        )
        .await;
    assert_eq!(rows, 0);

    // A plate.
    d.send_keys("#plate-input", "1234 ab 77").await;
    d.script("document.querySelector('#plate-form').requestSubmit(); return 1")
        .await;
    let plate = d
        .wait_for(
            "const t = document.querySelector('#plate-result').innerText; return t ? t : null",
        )
        .await;
    assert!(plate.as_str().unwrap().contains("1234 АВ 77"), "{plate}");

    // An application: the decision with grounds, deadlines and the notice.
    d.script("document.querySelector('#app-date').value = '2025-12-30'; return 1")
        .await;
    let app = common::root()
        .join("examples/applications/refuse-several-grounds.json")
        .canonicalize()
        .unwrap();
    d.send_keys("#app-input", app.to_str().unwrap()).await;
    let outcome = d
        .wait_for(
            "const o = document.querySelector('#outcome'); return o ? o.dataset.outcome : null",
        )
        .await;
    assert_eq!(outcome, "refuse");
    let grounds = d
        .script("return [...document.querySelectorAll('#grounds > li')].map(li => li.dataset.code)")
        .await;
    assert!(
        grounds.as_array().unwrap().contains(&json!("R58.3")),
        "{grounds}"
    );
    let notice = d
        .script("return document.querySelector('#notice').innerText")
        .await;
    assert!(!notice.as_str().unwrap().trim().is_empty());
    let deadlines = d
        .script("return document.querySelectorAll('#deadlines tbody tr').length")
        .await;
    assert!(deadlines.as_u64().unwrap() >= 1, "{deadlines}");

    d.quit().await;
    srv.shutdown().await.unwrap();
}
