//! Shared by the end-to-end tests: a service on a loopback port, fixtures,
//! a generator of large valid exchange files.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use gtn_fns::{
    input, FileHeader, FileName, FileWriter, IdSource, InfoType, Record, SequentialGuids,
};
use gtn_server::{Config, Running};
use std::io::Write;
use std::path::PathBuf;

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Starts the service on 127.0.0.1 with a free port.
pub async fn start(mut config: Config) -> (Running, String) {
    config.listen = "127.0.0.1:0".parse().unwrap();
    let running = gtn_server::start(config).await.unwrap();
    let base = format!("http://{}", running.addr);
    (running, base)
}

/// Peak resident memory of this process, KiB (VmHWM).
pub fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// The 36 example records and the example sender.
pub fn example() -> (gtn_fns::Sender, Vec<Record>) {
    let text = std::fs::read_to_string(root().join("examples/sender.toml")).unwrap();
    let sender = input::parse_sender("sender.toml", &text).unwrap();
    let f = std::fs::File::open(root().join("examples/records.jsonl")).unwrap();
    let recs = input::records("records.jsonl", std::io::BufReader::new(f))
        .map(|r| r.unwrap().1)
        .collect();
    (sender, recs)
}

/// The file date used by generated files.
pub fn file_date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 1, 20).unwrap()
}

/// A valid exchange file of `docs` documents, written into `out` as it is
/// generated (the example records over and over, each with its own ИдДок).
/// Returns the file's FNS name.
pub fn header(docs: u64) -> FileHeader {
    let (sender, _) = example();
    FileHeader {
        file_name: FileName::new(sender.inn, sender.kpp, file_date(), "large").unwrap(),
        info: InfoType::Within10Days,
        program_version: Some("gtn tests".into()),
        sender,
        doc_count: docs,
    }
}

/// Writes a valid file of `docs` documents into `out`.
pub fn write_file<W: Write>(out: W, docs: u64) -> W {
    let (_, recs) = example();
    let h = header(docs);
    let mut w = FileWriter::new(out, &h).unwrap();
    let mut ids = SequentialGuids(1);
    for i in 0..docs {
        let mut r = recs[(i % recs.len() as u64) as usize].clone();
        r.doc_id = None;
        w.write(&r, &ids.next_id()).unwrap();
    }
    w.finish().unwrap()
}

/// Average bytes of one document in such a file.
pub fn bytes_per_doc() -> u64 {
    let small = write_file(Vec::new(), 360).len() as u64;
    let smaller = write_file(Vec::new(), 36).len() as u64;
    (small - smaller) / 324
}

/// A fixture file of tests/validate.
pub fn fixture(dir: &str) -> (String, Vec<u8>) {
    let base = root().join("tests/validate");
    let d = std::fs::read_dir(&base)
        .unwrap()
        .map(|e| e.unwrap().path().join(dir))
        .find(|d| d.is_dir())
        .unwrap();
    let f = std::fs::read_dir(&d)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "xml"))
        .unwrap();
    (
        f.file_name().unwrap().to_string_lossy().into_owned(),
        std::fs::read(&f).unwrap(),
    )
}

/// A request body that sends `first`, then whatever is sent on the channel,
/// and ends when the sender is dropped (a stalled or slow client).
#[allow(dead_code)]
pub fn held_body(first: Vec<u8>) -> (reqwest::Body, tokio::sync::mpsc::Sender<Vec<u8>>) {
    use axum::body::Bytes;
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Vec<u8>>(4);
    let mut first = Some(first);
    let stream = futures_util::stream::poll_fn(move |cx| {
        if let Some(f) = first.take() {
            return std::task::Poll::Ready(Some(Ok::<_, std::io::Error>(Bytes::from(f))));
        }
        rx.poll_recv(cx).map(|o| o.map(|v| Ok(Bytes::from(v))))
    });
    (reqwest::Body::wrap_stream(stream), tx)
}
