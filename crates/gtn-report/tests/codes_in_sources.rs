#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]
//! Every code that appears in the code base (sources, tests, README,
//! examples) is in the registry, and no string literal of a library carries
//! a code inside its text (the code is a field of its own).

use regex::Regex;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if p.is_dir() {
            if name != "target" && !name.starts_with('.') {
                files(&p, out);
            }
        } else if [".rs", ".md", ".json", ".tsv", ".toml"]
            .iter()
            .any(|e| name.ends_with(e))
        {
            out.push(p);
        }
    }
}

fn code_re() -> Regex {
    Regex::new(r"\b([AVFMPCEGH][0-9]{3}|RW[0-9]{3}|R58\.[0-9]{1,2}|04[0-9]{8})\b").unwrap()
}

#[test]
fn every_code_in_the_code_base_is_registered() {
    let r = gtn_diag::registry();
    let re = code_re();
    let mut all = Vec::new();
    for d in ["crates", "tests", "examples", "docs"] {
        files(&root().join(d), &mut all);
    }
    all.push(root().join("README.md"));
    let mut missing = Vec::new();
    for f in &all {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            for m in re.find_iter(line) {
                // `\u{E000}` is a character, not a code.
                let escape = line.as_bytes()[..m.start()].ends_with(b"u{");
                if !escape && !r.contains(m.as_str()) {
                    missing.push(format!("{}:{}: {}", f.display(), n + 1, m.as_str()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "codes not in crates/gtn-diag/data/codes.toml:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_ground_of_p58_is_registered() {
    for g in gtn_rules::Ground::ALL {
        assert!(
            gtn_diag::registry().get(&g.code()).is_some(),
            "{}",
            g.code()
        );
    }
}

#[test]
fn no_library_literal_carries_a_code_inside_its_text() {
    let re = code_re();
    let lit = Regex::new(r#""((?:[^"\\]|\\.)*)""#).unwrap();
    let mut all = Vec::new();
    files(&root().join("crates"), &mut all);
    let mut bad = Vec::new();
    for f in &all {
        let s = f.to_string_lossy();
        // The validator's table of rules explains each rule (what, why), and
        // may name the FNS code it implements: explanations, not messages.
        if !s.contains("/src/") || !s.ends_with(".rs") || s.ends_with("format/rules.rs") {
            continue;
        }
        let text = std::fs::read_to_string(f).unwrap_or_default();
        let mut in_tests = false;
        for (n, line) in text.lines().enumerate() {
            if line.contains("#[cfg(test)]") {
                in_tests = true;
            }
            let t = line.trim_start();
            // API documentation (OpenAPI descriptions) may list the codes a call gives.
            if in_tests || t.starts_with("//") || t.contains("description =") {
                continue;
            }
            for c in lit.captures_iter(line) {
                let body = &c[1];
                // A JSON document written as a literal carries the code as a field.
                if body.contains("\\\"code\\\"") {
                    continue;
                }
                if re.is_match(body) && re.find(body).is_none_or(|m| m.as_str() != body) {
                    bad.push(format!("{}:{}: \"{body}\"", f.display(), n + 1));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "a message carries a code; make the code a field:\n{}",
        bad.join("\n")
    );
}

/// The notes the project was started from live outside the repository: a
/// doc comment or a dictionary's `source` line that cites them points a
/// reader at nothing. Each fact names its own source instead.
#[test]
fn no_citation_of_the_notes_outside_the_repository() {
    let notes = concat!("domain", "-notes");
    let mut all = Vec::new();
    for d in ["crates", "tests", "examples", "docs", "xsd"] {
        files(&root().join(d), &mut all);
    }
    all.push(root().join("README.md"));
    let found: Vec<String> = all
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            text.lines()
                .enumerate()
                .filter(|(_, l)| l.contains(notes))
                .map(|(n, _)| format!("{}:{}", f.display(), n + 1))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(found.is_empty(), "cites {notes}.md:\n{}", found.join("\n"));
}
