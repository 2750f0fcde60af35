//! Throughput and peak memory of `generate` and `validate`, and xmllint on
//! the same file, in one go:
//!
//! ```sh
//! cargo bench -p gtn-fns --bench throughput            # 1 000 000 generated, 200 000 validated
//! cargo bench -p gtn-fns --bench throughput -- 100000 50000
//! ```
//!
//! Each measured step runs in a child process, so that its peak resident
//! memory (VmHWM) is its own. Files go to `target/bench/`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use gtn_fns::validate::{validate_path, Options};
use gtn_fns::{generate, generate_jsonl, input, GenerateRequest, InfoType, SequentialGuids};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn peak_kib() -> u64 {
    status_kib("self", "VmHWM:")
}

fn status_kib(pid: &str, key: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn child(args: &[&str]) {
    match args {
        [mode @ ("generate" | "generate-two-pass"), records, out] => {
            let sender_path = root().join("examples/sender.toml");
            let sender = input::parse_sender(
                "sender.toml",
                &std::fs::read_to_string(sender_path).unwrap(),
            )
            .unwrap();
            let req = GenerateRequest {
                sender,
                info: InfoType::Within10Days,
                date: chrono::NaiveDate::from_ymd_opt(2026, 1, 20).unwrap(),
                number: Some("bench".into()),
                program_version: None,
                out_dir: PathBuf::from(out),
                overwrite: true,
                source: (*records).to_owned(),
            };
            let t = Instant::now();
            let open = || {
                let f = std::fs::File::open(records)?;
                Ok(BufReader::with_capacity(1 << 17, f))
            };
            let g = if *mode == "generate" {
                generate_jsonl(
                    &req,
                    open,
                    &mut SequentialGuids::default(),
                    &mut gtn_fns::Unobserved,
                )
            } else {
                // The reference: parsed records, two passes, one thread.
                let open = || open().map(|r| input::records(records, r));
                generate(
                    &req,
                    open,
                    &mut SequentialGuids::default(),
                    &mut gtn_fns::Unobserved,
                )
            }
            .unwrap();
            println!(
                "{} {} {}",
                t.elapsed().as_secs_f64(),
                g.documents,
                peak_kib()
            );
            eprintln!("{}", g.path.display());
        }
        ["validate", file] => {
            let t = Instant::now();
            let r = validate_path(Path::new(file), &Options::default()).unwrap();
            assert!(r.is_valid(), "{:?}", r.findings.first());
            println!(
                "{} {} {}",
                t.elapsed().as_secs_f64(),
                r.documents,
                peak_kib()
            );
        }
        _ => panic!("unknown child {args:?}"),
    }
}

fn run_child(args: &[&str]) -> (f64, u64, u64, String) {
    let out = Command::new(std::env::current_exe().unwrap())
        .env("GTN_BENCH_CHILD", "1")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = String::from_utf8(out.stdout).unwrap();
    let v: Vec<&str> = s.split_whitespace().collect();
    (
        v[0].parse().unwrap(),
        v[1].parse().unwrap(),
        v[2].parse().unwrap(),
        String::from_utf8(out.stderr).unwrap().trim().to_owned(),
    )
}

/// Writes `n` records cycling through the example, streaming.
fn records(n: u64, dir: &Path) -> PathBuf {
    let p = dir.join(format!("records-{n}.jsonl"));
    if p.exists() {
        return p;
    }
    let example: Vec<String> =
        BufReader::new(std::fs::File::open(root().join("examples/records.jsonl")).unwrap())
            .lines()
            .map(|l| l.unwrap())
            .filter(|l| !l.contains("\"doc_id\""))
            .collect();
    let mut w = BufWriter::new(std::fs::File::create(&p).unwrap());
    for i in 0..n {
        writeln!(w, "{}", example[(i % example.len() as u64) as usize]).unwrap();
    }
    w.flush().unwrap();
    p
}

fn mb(bytes: u64, secs: f64) -> f64 {
    bytes as f64 / 1e6 / secs
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if std::env::var_os("GTN_BENCH_CHILD").is_some() {
        child(&args.iter().map(String::as_str).collect::<Vec<_>>());
        return;
    }
    let n_gen: u64 = args
        .first()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let n_val: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(200_000);
    let dir = root().join("target/bench");
    std::fs::create_dir_all(&dir).unwrap();

    println!("## generate (JSON Lines → windows-1251 XML, one pass, parallel)");
    println!(
        "| documents | time, s | documents/s | input MB/s | output MB/s | peak RSS, MiB | generate() two passes, s | ratio |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for n in [n_gen / 10, n_gen] {
        let rec = records(n, &dir);
        let input = std::fs::metadata(&rec).unwrap().len();
        let out = dir.join(format!("gen-{n}"));
        std::fs::create_dir_all(&out).unwrap();
        let (secs, docs, kib, path) =
            run_child(&["generate", rec.to_str().unwrap(), out.to_str().unwrap()]);
        let size = std::fs::metadata(&path).unwrap().len();
        // The two-pass generate() (the reference: parsed records, check then
        // write, one thread; same renderer) side by side, on the smaller file
        // only.
        let (old, ratio) = if n == n_gen / 10 {
            let (old, _, _, old_path) = run_child(&[
                "generate-two-pass",
                rec.to_str().unwrap(),
                out.to_str().unwrap(),
            ]);
            assert_eq!(old_path, path);
            (format!("{old:.2}"), format!("{:.1}×", old / secs))
        } else {
            ("—".to_owned(), "—".to_owned())
        };
        println!(
            "| {docs} | {secs:.2} | {:.0} | {:.1} | {:.1} | {:.1} | {old} | {ratio} |",
            docs as f64 / secs,
            mb(input, secs),
            mb(size, secs),
            kib as f64 / 1024.0
        );
    }

    println!("\n## validate vs xmllint --stream --schema (same file)");
    let rec = records(n_val, &dir);
    let out = dir.join(format!("val-{n_val}"));
    std::fs::create_dir_all(&out).unwrap();
    let (_, _, _, file) = run_child(&["generate", rec.to_str().unwrap(), out.to_str().unwrap()]);
    let size = std::fs::metadata(&file).unwrap().len();
    // Warm the page cache so both read from memory.
    let _ = std::fs::read(&file);
    let (secs, docs, kib, _) = run_child(&["validate", &file]);

    let xsd = root().join("xsd/VO_AVTOTS_2_230_07_04_04_01.xsd");
    let t = Instant::now();
    let mut c = Command::new("xmllint")
        .args(["--noout", "--stream", "--schema"])
        .arg(&xsd)
        .arg(&file)
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("xmllint");
    let pid = c.id().to_string();
    let mut x_kib = 0;
    let x_ok = loop {
        if let Some(s) = c.try_wait().unwrap() {
            break s.success();
        }
        x_kib = x_kib.max(status_kib(&pid, "VmHWM:"));
        std::thread::sleep(Duration::from_millis(5));
    };
    let x_secs = t.elapsed().as_secs_f64();
    println!("file: {docs} documents, {:.1} MB", size as f64 / 1e6);
    println!("| tool | time, s | MB/s | peak RSS, MiB | valid |");
    println!("|---|---:|---:|---:|---|");
    println!(
        "| gtn validate (all checks) | {secs:.2} | {:.1} | {:.1} | yes |",
        mb(size, secs),
        kib as f64 / 1024.0
    );
    println!(
        "| xmllint --stream --schema | {x_secs:.2} | {:.1} | {:.1} | {} |",
        mb(size, x_secs),
        x_kib as f64 / 1024.0,
        if x_ok { "yes" } else { "no" }
    );
    println!("\nspeed-up: {:.1}×", x_secs / secs);
}
