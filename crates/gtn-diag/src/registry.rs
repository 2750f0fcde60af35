//! The registry of codes: every code gtn can emit, with its explanation.
//!
//! The data is `data/codes.toml` (one `[[code]]` table per code, one
//! `[[redirect]]` per renamed code), compiled in with `include_str!`.
//! A test of this crate checks the file parses, that codes are unique and
//! that no explanation is empty; a workspace test checks that every code
//! literal in the sources is here.

use crate::Severity;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

const DATA: &str = include_str!("../data/codes.toml");

/// One code: what it is, where it comes from, what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeInfo {
    /// The code: `V035`, `R58.9`, `0400400007`, …
    pub code: String,
    /// Usual severity of the code.
    pub severity: Severity,
    /// Short name, a few words.
    pub title: String,
    /// The source: point and paragraph of the Rules, table of the format, XSD facet, algorithm.
    pub source: String,
    /// What the code means.
    pub meaning: String,
    /// Why gtn checks it and why at this severity (business rules of the
    /// FNS file beyond the XSD; empty elsewhere).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub why: String,
    /// An input that triggers it.
    pub example: String,
    /// What to do.
    pub fix: String,
    /// Which part of gtn emits it (crate or command).
    pub emitted_by: String,
}

/// A renamed code: the old code and the one it became.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Redirect {
    /// The old code.
    pub from: String,
    /// The code it became.
    pub to: String,
    /// Why (optional).
    #[serde(default)]
    pub note: String,
}

/// All codes and redirects.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Registry {
    /// Codes, in the order of the data file (grouped by prefix).
    #[serde(rename = "code")]
    pub codes: Vec<CodeInfo>,
    /// Renamed codes.
    #[serde(rename = "redirect", default)]
    pub redirects: Vec<Redirect>,
}

/// The result of looking a code up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup<'a> {
    /// The code is registered.
    Found(&'a CodeInfo),
    /// The code was renamed; here is the new one.
    Renamed(&'a Redirect, &'a CodeInfo),
    /// No such code.
    Unknown,
}

/// The built-in registry.
pub fn registry() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    // The built-in file is checked by the tests; an empty registry is unreachable.
    R.get_or_init(|| Registry::parse(DATA).unwrap_or_default())
}

impl Registry {
    /// Parses a registry file (the TOML error message is returned as is:
    /// only developers edit this file).
    pub fn parse(text: &str) -> Result<Self, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    /// The entry of a code, exactly as written (case-insensitive for letters).
    pub fn get(&self, code: &str) -> Option<&CodeInfo> {
        let c = code.trim();
        self.codes.iter().find(|i| i.code.eq_ignore_ascii_case(c))
    }

    /// Looks a code up, following a redirect.
    pub fn lookup(&self, code: &str) -> Lookup<'_> {
        if let Some(i) = self.get(code) {
            return Lookup::Found(i);
        }
        let c = code.trim();
        if let Some(r) = self
            .redirects
            .iter()
            .find(|r| r.from.eq_ignore_ascii_case(c))
        {
            if let Some(i) = self.get(&r.to) {
                return Lookup::Renamed(r, i);
            }
        }
        Lookup::Unknown
    }

    /// Is the code (or an old name of one) known?
    pub fn contains(&self, code: &str) -> bool {
        !matches!(self.lookup(code), Lookup::Unknown)
    }

    /// Codes closest to an unknown one (same prefix first), for «может быть, …?».
    pub fn similar(&self, code: &str) -> Vec<&str> {
        let c = code.trim().to_uppercase();
        let mut v: Vec<(usize, &str)> = self
            .codes
            .iter()
            .map(|i| (crate::text::distance(&c, &i.code), i.code.as_str()))
            .filter(|(d, _)| *d <= 1)
            .collect();
        v.sort();
        v.into_iter().map(|(_, s)| s).take(5).collect()
    }
}

/// `docs/codes.md`: the reference page, generated from the registry.
pub fn markdown(r: &Registry) -> String {
    let mut s = String::new();
    s += "# Коды gtn\n\n";
    s += "<!-- Generated from crates/gtn-diag/data/codes.toml by \
          `GTN_REGENERATE=1 cargo test -p gtn-diag --test codes_md`. Do not edit. -->\n\n";
    s += "Каждое замечание gtn несёт код. `gtn explain КОД` печатает то же, что здесь; \
          `gtn explain --list` — все коды.\n\n";
    s += "| Код | Серьёзность | Что |\n|---|---|---|\n";
    for c in &r.codes {
        s += &format!(
            "| [{}](#{}) | {} | {} |\n",
            c.code,
            anchor(&c.code),
            c.severity.word(),
            c.title
        );
    }
    for c in &r.codes {
        s += &format!("\n## {}\n\n", c.code);
        s += &format!("**{}** — {}.\n\n", c.title, c.severity.word());
        s += &format!("* Источник: {}\n", c.source);
        s += &format!("* Выдаёт: {}\n\n", c.emitted_by);
        s += &format!("{}\n\n", c.meaning);
        if !c.why.is_empty() {
            s += &format!("Почему: {}\n\n", c.why);
        }
        s += &format!("Пример: {}\n\n", c.example);
        s += &format!("Что делать: {}\n", c.fix);
    }
    if !r.redirects.is_empty() {
        s += "\n## Переименованные коды\n\n| Был | Стал | Почему |\n|---|---|---|\n";
        for x in &r.redirects {
            s += &format!(
                "| {} | [{}](#{}) | {} |\n",
                x.from,
                x.to,
                anchor(&x.to),
                x.note
            );
        }
    }
    s
}

fn anchor(code: &str) -> String {
    code.to_lowercase().replace('.', "")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn builtin_file_parses_and_is_complete() {
        let r = Registry::parse(DATA).unwrap();
        assert!(r.codes.len() > 60);
        let mut seen = HashSet::new();
        let shape =
            regex::Regex::new(r"^([A-Z][0-9]{3}|RW[0-9]{3}|R58\.[0-9]{1,2}|04[0-9]{8})$").unwrap();
        for c in &r.codes {
            assert!(seen.insert(c.code.clone()), "{} twice", c.code);
            assert!(shape.is_match(&c.code), "{}: shape of a code", c.code);
            for (what, v) in [
                ("title", &c.title),
                ("source", &c.source),
                ("meaning", &c.meaning),
                ("example", &c.example),
                ("fix", &c.fix),
                ("emitted_by", &c.emitted_by),
            ] {
                assert!(!v.trim().is_empty(), "{}: empty {what}", c.code);
            }
        }
        for x in &r.redirects {
            assert!(
                !seen.contains(&x.from),
                "{} is both a code and a redirect",
                x.from
            );
            assert!(
                seen.contains(&x.to),
                "redirect {} → unknown {}",
                x.from,
                x.to
            );
        }
    }

    #[test]
    fn no_code_inside_another_codes_text() {
        let r = registry();
        let codes: Vec<&str> = r.codes.iter().map(|c| c.code.as_str()).collect();
        for c in &r.codes {
            for text in [&c.title, &c.meaning] {
                for other in &codes {
                    if *other != c.code {
                        let re =
                            regex::Regex::new(&format!(r"\b{}\b", regex::escape(other))).unwrap();
                        assert!(
                            !re.is_match(text),
                            "{}: the text names {other}; say it in words",
                            c.code
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn lookup_follows_redirects_and_ignores_case() {
        let r = registry();
        assert!(matches!(r.lookup("v035"), Lookup::Found(i) if i.code == "V035"));
        assert!(matches!(r.lookup("r58.9"), Lookup::Found(i) if i.code == "R58.9"));
        assert_eq!(r.lookup("X999"), Lookup::Unknown);
        assert!(r.similar("V53").is_empty() || !r.similar("V53").is_empty());
    }
}
