//! Differential: any bytes as JSON Lines records give the same outcome from
//! the one-pass parallel `generate_jsonl` and the two-pass reference
//! `generate`: the same file, byte for byte, or the same errors in the same
//! order.
#![no_main]

use gtn_fns::{
    generate, generate_jsonl, input, GenerateError, GenerateRequest, Generated, InfoType,
    SequentialGuids, Unobserved,
};
use libfuzzer_sys::fuzz_target;

fn outcome(r: Result<Generated, GenerateError>) -> Result<Vec<u8>, String> {
    match r {
        Ok(g) => {
            let bytes = std::fs::read(&g.path).unwrap_or_default();
            let _ = std::fs::remove_file(&g.path);
            Ok(bytes)
        }
        Err(GenerateError::Input { errors, more }) => Err(format!(
            "{} {more}",
            errors
                .iter()
                .map(|e| format!("{} {e}", e.code))
                .collect::<Vec<_>>()
                .join("\n")
        )),
        Err(e) => Err(format!("{} {e}", e.code())),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(sender) = input::parse_sender(
        "sender.toml",
        include_str!("../../../../examples/sender.toml"),
    ) else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("gtn-fuzz-generate-{}", std::process::id()));
    let req = GenerateRequest {
        sender,
        info: InfoType::Within10Days,
        date: chrono_date(),
        number: Some("1".into()),
        program_version: None,
        out_dir: dir,
        overwrite: true,
        source: "r.jsonl".into(),
    };
    let two = outcome(generate(
        &req,
        || Ok(input::records("r.jsonl", data)),
        &mut SequentialGuids::default(),
        &mut Unobserved,
    ));
    let one = outcome(generate_jsonl(
        &req,
        || Ok(data),
        &mut SequentialGuids::default(),
        &mut Unobserved,
    ));
    assert_eq!(one, two);
});

fn chrono_date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2025, 12, 1).unwrap_or_default()
}
