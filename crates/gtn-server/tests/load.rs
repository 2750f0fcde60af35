//! A bounded load test on loopback: a fixed number of validations of a
//! typical file (1 000 documents, about 0.7 MB) by several clients at once,
//! under a fixed time cap; prints requests per second, throughput and peak
//! memory (the service runs in this process, alone in this test binary).
//!
//! `GTN_LOAD_REQUESTS` (default 100), `GTN_LOAD_DOCS` (1000),
//! `GTN_LOAD_CONCURRENCY` (4, the default `--workers` on 2 cores).
//! Figures for the README: `cargo test --release -p gtn-server --test load -- --nocapture`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_validations_bounded() {
    let requests = env("GTN_LOAD_REQUESTS", 100);
    let docs = env("GTN_LOAD_DOCS", 1000) as u64;
    let concurrency = env("GTN_LOAD_CONCURRENCY", 4);
    let cap = Duration::from_secs(120);
    let file = axum::body::Bytes::from(common::write_file(Vec::new(), docs));
    let name = common::header(docs).file_name.file_name();
    let (srv, base) = common::start(gtn_server::Config {
        workers: concurrency,
        ..gtn_server::Config::default()
    })
    .await;
    let url = format!("{base}/v1/validate?name={name}");
    let client = reqwest::Client::new();
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (client, url, file, next) = (client.clone(), url.clone(), file.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            while next.fetch_add(1, Ordering::SeqCst) < requests {
                let t = Instant::now();
                let r = client.post(&url).body(file.clone()).send().await.unwrap();
                assert_eq!(r.status(), 200);
                let v: serde_json::Value = r.json().await.unwrap();
                assert_eq!(v["valid"], true, "{v}");
                latencies.push(t.elapsed());
            }
            latencies
        }));
    }
    let mut latencies = Vec::new();
    for t in tasks {
        latencies.extend(
            tokio::time::timeout(cap.saturating_sub(started.elapsed()), t)
                .await
                .expect("load test over its time cap")
                .unwrap(),
        );
    }
    let secs = started.elapsed().as_secs_f64();
    latencies.sort();
    let p =
        |q: f64| latencies[((latencies.len() as f64 - 1.0) * q) as usize].as_secs_f64() * 1000.0;
    let mb = file.len() as f64 * requests as f64 / 1048576.0;
    eprintln!(
        "load: {requests} validations of {docs} documents ({:.2} MB), {concurrency} at once: {secs:.1} s, {:.1} requests/s, {:.1} MB/s, latency p50 {:.0} ms, p95 {:.0} ms; peak RSS {:.1} MiB",
        file.len() as f64 / 1e6,
        requests as f64 / secs,
        mb * 1.048576 / secs,
        p(0.5),
        p(0.95),
        common::peak_kib() as f64 / 1024.0
    );
    assert_eq!(latencies.len(), requests);
    assert!(common::peak_kib() < 256 * 1024, "peak RSS over 256 MiB");
    srv.shutdown().await.unwrap();
}
