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
//!
//! `validate` is measured beside `xmllint --noout --stream --schema` on three
//! files of the same documents: the generated one (a tag a line), the same
//! on one line, and one written by a small emitter of this bench (not the
//! writer: other quoting, blanks, CR LF, end tags for empty elements).
//! Each is checked `GTN_BENCH_RUNS` times (default 3) by each tool in turn,
//! and the best time of each counts (the machine may be shared). `generate`
//! too runs `GTN_BENCH_RUNS` times and its best run counts; beside its wall
//! time stands the CPU time of that run (user + system) and the cores it
//! kept busy on average, which tells a run held up by the disk (the file is
//! synced before it is renamed) or by other load from one short of CPU.
//! Every `generate` run writes a new file, as `gtn generate` does without
//! `--overwrite`: the previous run's output is deleted before the clock
//! starts. Replacing it instead would time the file system freeing the old
//! file (0.28 s for 748 MB on ext4, in `rename`, seen with `strace -T`).
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

/// CPU time of this process so far, user + system, in seconds (fields 14
/// and 15 of `/proc/self/stat`, in the kernel's 100 ticks a second).
fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The command name (field 2) may hold blanks; count from after it.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<u64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|v| v.parse().ok())
        .collect();
    f.iter().sum::<u64>() as f64 / 100.0
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
                "{} {} {} {}",
                t.elapsed().as_secs_f64(),
                g.documents,
                peak_kib(),
                cpu_secs()
            );
            eprintln!("{}", g.path.display());
        }
        ["validate", file, threads] => {
            let options = Options {
                threads: threads.parse().unwrap(),
                ..Options::default()
            };
            let t = Instant::now();
            let r = validate_path(Path::new(file), &options).unwrap();
            assert!(r.is_valid(), "{:?}", r.findings.first());
            println!(
                "{} {} {} {}",
                t.elapsed().as_secs_f64(),
                r.documents,
                peak_kib(),
                cpu_secs()
            );
        }
        _ => panic!("unknown child {args:?}"),
    }
}

/// Runs a measured step in a child: (wall s, documents, peak RSS KiB,
/// path it printed, CPU s).
fn run_child(args: &[&str]) -> (f64, u64, u64, String, f64) {
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
        v[3].parse().unwrap(),
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

    let runs: usize = std::env::var("GTN_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("## generate (JSON Lines → windows-1251 XML, one pass, parallel)");
    println!(
        "{cores} cores; best of {runs} runs; load average before: {}",
        load()
    );
    println!(
        "| documents | time, s | documents/s | CPU, s | cores busy | input MB/s | output MB/s | peak RSS, MiB | generate() two passes, s | ratio |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for n in [n_gen / 10, n_gen] {
        let rec = records(n, &dir);
        let input = std::fs::metadata(&rec).unwrap().len();
        let out = dir.join(format!("gen-{n}"));
        std::fs::create_dir_all(&out).unwrap();
        let _ = std::fs::read(&rec);
        let (mut secs, mut docs, mut kib, mut path, mut cpu) = (f64::MAX, 0, 0, String::new(), 0.0);
        for _ in 0..runs {
            remove_outputs(&out);
            let (s, d, k, p, c) =
                run_child(&["generate", rec.to_str().unwrap(), out.to_str().unwrap()]);
            kib = kib.max(k);
            if s < secs {
                (secs, docs, path, cpu) = (s, d, p, c);
            }
        }
        let size = std::fs::metadata(&path).unwrap().len();
        // The two-pass generate() (the reference: parsed records, check then
        // write, one thread; same renderer) side by side, on the smaller file
        // only.
        let (old, ratio) = if n == n_gen / 10 {
            remove_outputs(&out);
            let (old, _, _, old_path, _) = run_child(&[
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
            "| {docs} | {secs:.2} | {:.0} | {cpu:.2} | {:.2} | {:.1} | {:.1} | {:.1} | {old} | {ratio} |",
            docs as f64 / secs,
            cpu / secs,
            mb(input, secs),
            mb(size, secs),
            kib as f64 / 1024.0
        );
    }

    println!("\n## validate vs xmllint --stream --schema (same file, same run)");
    let rec = records(n_val, &dir);
    let out = dir.join(format!("val-{n_val}"));
    std::fs::create_dir_all(&out).unwrap();
    let (_, _, _, file, _) = run_child(&["generate", rec.to_str().unwrap(), out.to_str().unwrap()]);
    let file = PathBuf::from(file);
    let flat = dir.join("one-line").join(file.file_name().unwrap());
    one_line(&file, &flat);
    let other = dir.join("independent").join(INDEPENDENT_NAME);
    independent(n_val, &other);
    println!(
        "{cores} cores; best of {runs} runs each; load average before: {}",
        load()
    );
    println!("| file | MB | gtn {cores} threads, s | gtn 1 thread, s | xmllint, s | × xmllint ({cores} threads) | × xmllint (1 thread) | gtn peak RSS, MiB | xmllint peak RSS, MiB | xmllint valid |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for (label, path) in [
        ("generated, a tag a line", &file),
        ("the same on one line", &flat),
        ("independent emitter", &other),
    ] {
        let path = path.to_str().unwrap();
        let size = std::fs::metadata(path).unwrap().len();
        // Warm the page cache so every tool reads from memory.
        let _ = std::fs::read(path);
        let (mut all, mut one, mut x, mut kib, mut x_kib) = (f64::MAX, f64::MAX, f64::MAX, 0, 0);
        let mut x_ok = true;
        for _ in 0..runs {
            let (secs, _, k, _, _) = run_child(&["validate", path, "0"]);
            all = all.min(secs);
            kib = kib.max(k);
            let (secs, _, k, _, _) = run_child(&["validate", path, "1"]);
            one = one.min(secs);
            kib = kib.max(k);
            let (secs, ok, k) = xmllint(path);
            x = x.min(secs);
            x_ok &= ok;
            x_kib = x_kib.max(k);
        }
        println!(
            "| {label} | {:.1} | {all:.3} | {one:.3} | {x:.2} | **{:.1}×** | **{:.1}×** | {:.1} | {:.1} | {} |",
            size as f64 / 1e6,
            x / all,
            x / one,
            kib as f64 / 1024.0,
            x_kib as f64 / 1024.0,
            if x_ok { "yes" } else { "no" }
        );
    }
}

/// Deletes the exchange files a previous run left in `dir`, so that the
/// next run writes a new file rather than replacing one.
fn remove_outputs(dir: &Path) {
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_some_and(|x| x == "xml") {
            std::fs::remove_file(&path).unwrap();
        }
    }
}

/// The load average of the last 1, 5 and 15 minutes.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Time of `xmllint --noout --stream --schema` on `file`, its verdict and
/// its peak RSS (KiB, sampled).
fn xmllint(file: &str) -> (f64, bool, u64) {
    let xsd = root().join("xsd/VO_AVTOTS_2_230_07_04_04_01.xsd");
    let t = Instant::now();
    let mut c = Command::new("xmllint")
        .args(["--noout", "--stream", "--schema"])
        .arg(&xsd)
        .arg(file)
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("xmllint");
    let pid = c.id().to_string();
    let mut kib = 0;
    let ok = loop {
        if let Some(s) = c.try_wait().unwrap() {
            break s.success();
        }
        kib = kib.max(status_kib(&pid, "VmHWM:"));
        std::thread::sleep(Duration::from_millis(5));
    };
    (t.elapsed().as_secs_f64(), ok, kib)
}

/// `from` with no line break and no indentation between elements: the
/// declaration and every tag on one line.
fn one_line(from: &Path, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    let mut r = BufReader::new(std::fs::File::open(from).unwrap());
    let mut w = BufWriter::new(std::fs::File::create(to).unwrap());
    let mut line = Vec::new();
    while r.read_until(b'\n', &mut line).unwrap() > 0 {
        let start = line
            .iter()
            .position(|&b| b != b' ' && b != b'\t')
            .unwrap_or(line.len());
        let end = line
            .iter()
            .rposition(|&b| !matches!(b, b'\n' | b'\r'))
            .map_or(start, |e| e + 1);
        w.write_all(&line[start..end.max(start)]).unwrap();
        line.clear();
    }
    w.flush().unwrap();
}

const INDEPENDENT_NAME: &str = "VO_AVTOTS_9965_5024100010502401001_20250331_7.xml";

/// A file of `n` documents written by `format!`, not by gtn's writer:
/// single quotes, blanks around `=`, CR LF, attributes on lines of their
/// own, empty elements as a start and an end tag, references in values.
/// Schema-valid and valid to gtn (the bench asserts both).
fn independent(n: u64, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    let mut w = BufWriter::new(std::fs::File::create(to).unwrap());
    let mut put = |s: &str| {
        let (bytes, _, bad) = encoding_rs::WINDOWS_1251.encode(s);
        assert!(!bad);
        w.write_all(&bytes).unwrap();
    };
    put("<?xml version='1.0' encoding='windows-1251' ?>\r\n");
    put(&format!(
        "<Файл ИдФайл = 'VO_AVTOTS_9965_5024100010502401001_20250331_7' ВерсФорм = '4.04'\r\n      ТипИнф = 'ГОСТЕХНАДЗОР_ТС_10' ВерсПрог = 'bench-emitter 1' КолДок = '{n}' >\r\n"
    ));
    put("  <ИдОтпр ДолжОтв = 'Главный специалист' Тлф = '+7 495 123-45-68' E-mail = 'reg@gtn.example.ru'>\r\n");
    put("    <ФИООтв Фамилия = 'Ёлкина' Имя = 'Марина' Отчество = 'Сергеевна'></ФИООтв>\r\n  </ИдОтпр>\r\n");
    put("  <СвОргРег НаимОрг = 'Управление гостехнадзора Московской области' ИННЮЛ = '5024100010' КПП = '502401001' ОГРН = '1025002864699' Тлф = '+7 495 123-45-67'>\r\n");
    put("    <АдрРФРег Индекс = '143407' КодРегион = '50' Город = 'Красногорск' Улица = 'бульвар Строителей' Дом = '1'></АдрРФРег>\r\n");
    put("    <ФИОРук Фамилия = 'Семёнов' Имя = 'Аркадий' Отчество = 'Петрович'></ФИОРук>\r\n  </СвОргРег>\r\n");
    for i in 0..n {
        let id = format!(
            "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
            i,
            i % 65_536,
            i % 4096,
            (i * 7) % 4096,
            i * 2_654_435_761 % (1 << 48)
        );
        put(&format!("  <Документ ИдДок = '{id}' >\r\n"));
        if i % 2 == 0 {
            put(&format!(
                "    <СвТрансп\r\n      КодОпер = '11'\r\n      КодПодр = '50010'\r\n      ДатаОпер = '01.03.2025'\r\n      ГосРегЗн = '1000АЕ50'\r\n      Марка = 'БЕЛАРУС-82.1'\r\n      КодТип = '31'\r\n      КодКат = 'C'\r\n      ГодВып = '2021'\r\n      НомДвиг = 'Д243 №{:06}'\r\n      ЗаводНомер = '{:08}'\r\n      МощДвЛС = '81'\r\n      МощДвКвт = '59.575399'\r\n      ОбъемДвиг = '4750'></СвТрансп>\r\n",
                i % 1_000_000,
                i % 100_000_000
            ));
            put(&format!("    <СвРегис КодРегДок = '231' СерНомРегДок = 'СВ{:06}' ДатаВыдРегДок = '01.03.2025' ДатаРег = '01.03.2025'></СвРегис>\r\n", i % 1_000_000));
            put("    <СведФЛ КодСобстДОБДД = '10' ДатаРожд = '01.01.1960' КодГражд = '643' НаимГражд = 'РОССИЯ' Пол = '1' МестоРожд = 'г. Москва'>\r\n");
            put("      <ФИО Фамилия = 'Ёлкин' Имя = 'Пётр' Отчество = 'Семёнович'></ФИО>\r\n");
            put("      <АдрПрав КодРегион = '50' Район = 'Истринский р-н' НаселПункт = 'д. Ёлкино' Улица = 'ул. Ленина' Дом = '1' Корпус = '2' Кварт = '10'></АдрПрав>\r\n");
            put(&format!("      <УдЛичнФЛ КодВидДок = '21' СерНомДок = '46 00 {:06}' ДатаДок = '10.01.2005' ВыдДок = 'ГУ МВД России по Московской области' КодВыдДок = '500-010'></УдЛичнФЛ>\r\n", i % 1_000_000));
            put("    </СведФЛ>\r\n");
        } else {
            put(&format!("    <СвТрансп КодОпер = '41' КодПодр = '50016' ДатаОпер = '17.03.2025' ГосРегЗн = '0116МО50' ПредГосРегЗн = '0216МО50' ИденНом = 'LSBATV800G0{:06}' Марка = 'Stels ATV 800G Guepard' КодВид = '59000' КодТип = '39' КодНазн = '1' КодКат = 'A' ГодВып = '2024' МощДвЛС = '62' МощДвКвт = '45.600923' ОбъемДвиг = '800'></СвТрансп>\r\n", i % 1_000_000));
            put(&format!("    <СвРегис СерНомРегДок = 'СВ{:06}' ДатаВыдРегДок = '17.03.2025' ДатаРег = '17.03.2025'></СвРегис>\r\n", i % 1_000_000));
            put("    <СведЮЛРос КодСобстДОБДД = '20' НаимОрг = 'Акционерное общество &quot;Дорожник &amp; Ко&quot;' ИННЮЛ = '5010015527' КПП = '502601001' ОГРН = '1025010049767'>\r\n");
            put("      <АдрПрав Индекс = '140592' КодРегион = '50' Город = 'Серпухов' Улица = 'ул. Советская' Дом = '17'></АдрПрав>\r\n");
            put("    </СведЮЛРос>\r\n");
        }
        put("  </Документ>\r\n");
    }
    put("</Файл>\r\n");
    w.flush().unwrap();
}
