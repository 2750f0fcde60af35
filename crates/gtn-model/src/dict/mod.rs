//! Reference dictionaries (справочники) as data files compiled in.
//!
//! Every dictionary is a tab-separated file under `data/` with a header of
//! `# key: value` lines (`dictionary`, `source`, `date`, `columns`) and one
//! row per code. The same loader reads an office's own file, so a dictionary
//! the format leaves open (КодКат, КодНазн, КодСобстДОБДД, КодВид, КодРегДок:
//! no public list of them is known) is plugged in with [`Dictionary::parse`] instead of
//! being invented here.

mod operations;
mod spdul;

pub use operations::{OperationCode, OperationCodes, OperationSet, PlateReplacement};
pub use spdul::{Spdul, SpdulEntry};

use crate::DictError;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Одна строка справочника: код, наименование и прочие столбцы.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Entry {
    /// Код.
    pub code: String,
    /// Наименование.
    pub name: String,
    /// Остальные столбцы в порядке заголовка `columns`, после `code` и `name`.
    pub extra: Vec<String>,
    /// Номер строки в файле, с 1.
    pub line: usize,
}

/// Справочник: метаданные и строки.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Dictionary {
    /// Наименование справочника (заголовок `dictionary`).
    pub name: String,
    /// Источник (заголовок `source`).
    pub source: String,
    /// Дата редакции (заголовок `date`).
    pub date: String,
    /// Имена столбцов (заголовок `columns`).
    pub columns: Vec<String>,
    /// Строки в порядке файла.
    pub entries: Vec<Entry>,
    #[serde(skip)]
    index: Index,
}

/// Row positions by code, for look-ups without hashing: codes of up to 15
/// bytes (all the built-in ones) as numbers in a sorted array, longer ones
/// as text in another. A binary search of a few numbers costs a fifth of
/// hashing the code with SipHash (a record looks up four or five codes).
#[derive(Debug, Clone, Default)]
struct Index {
    short: Vec<(u128, usize)>,
    long: Vec<(String, usize)>,
}

impl Index {
    /// The code's bytes, then zeros, then its length in the last byte: equal
    /// numbers for equal codes, and no two codes of up to 15 bytes share one.
    fn short_key(code: &str) -> Option<u128> {
        let b = code.as_bytes();
        if b.len() > 15 {
            return None;
        }
        let mut k = [0u8; 16];
        k[..b.len()].copy_from_slice(b);
        k[15] = b.len() as u8;
        Some(u128::from_be_bytes(k))
    }

    fn build(entries: &[Entry]) -> Self {
        let mut index = Index::default();
        for (i, e) in entries.iter().enumerate() {
            match Self::short_key(&e.code) {
                Some(k) => index.short.push((k, i)),
                None => index.long.push((e.code.clone(), i)),
            }
        }
        index.short.sort_unstable();
        index.long.sort_unstable();
        index
    }

    fn get(&self, code: &str) -> Option<usize> {
        match Self::short_key(code) {
            Some(k) => self
                .short
                .binary_search_by(|(x, _)| x.cmp(&k))
                .ok()
                .map(|at| self.short[at].1),
            None => self
                .long
                .binary_search_by(|(x, _)| x.as_str().cmp(code))
                .ok()
                .map(|at| self.long[at].1),
        }
    }
}

impl Dictionary {
    /// Parses a dictionary file. `fallback_name` names the dictionary in
    /// errors until the file's own `# dictionary:` line is read.
    ///
    /// Rules: `#` lines are the header; `columns` must name `code` first and
    /// `name` second; every row has at most that many tab-separated fields
    /// (missing trailing fields are empty); codes are non-empty and unique.
    pub fn parse(fallback_name: &str, text: &str) -> Result<Self, DictError> {
        let mut d = Dictionary {
            name: fallback_name.to_owned(),
            ..Default::default()
        };
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, raw) in text.lines().enumerate() {
            let line_no = i + 1;
            let err = |message: String| DictError {
                dictionary: d.name.clone(),
                line: line_no,
                message,
            };
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() {
                continue;
            }
            if let Some(h) = line.strip_prefix('#') {
                if let Some((k, v)) = h.split_once(':') {
                    let v = v.trim().to_owned();
                    match k.trim() {
                        "dictionary" => d.name = v,
                        "source" => d.source = v,
                        "date" => d.date = v,
                        "columns" => {
                            d.columns = v.split('\t').map(|c| c.trim().to_owned()).collect()
                        }
                        _ => {}
                    }
                }
                continue;
            }
            if d.columns.len() < 2 || d.columns[0] != "code" || d.columns[1] != "name" {
                return Err(err(
                    "перед строками нужен заголовок «# columns: code<TAB>name…»".to_owned(),
                ));
            }
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() > d.columns.len() {
                return Err(err(format!(
                    "{} столбцов, а заголовок называет {}",
                    fields.len(),
                    d.columns.len()
                )));
            }
            let code = fields[0].trim();
            if code.is_empty() {
                return Err(err("пустой код".to_owned()));
            }
            if let Some(&prev) = seen.get(code) {
                return Err(err(format!(
                    "код «{code}» повторяется (уже в строке {})",
                    d.entries[prev].line
                )));
            }
            let mut extra: Vec<String> =
                fields.iter().skip(2).map(|f| f.trim().to_owned()).collect();
            extra.resize(d.columns.len() - 2, String::new());
            seen.insert(code.to_owned(), d.entries.len());
            d.entries.push(Entry {
                code: code.to_owned(),
                name: fields.get(1).map_or("", |f| f.trim()).to_owned(),
                extra,
                line: line_no,
            });
        }
        d.index = Index::build(&d.entries);
        Ok(d)
    }

    /// The row with this code.
    pub fn get(&self, code: &str) -> Option<&Entry> {
        self.index.get(code).and_then(|i| self.entries.get(i))
    }

    /// Index of the row with this code, in file order.
    pub fn position(&self, code: &str) -> Option<usize> {
        self.index.get(code)
    }

    /// `true` if the code is present.
    pub fn contains(&self, code: &str) -> bool {
        self.index.get(code).is_some()
    }

    /// The value of column `column` in row `entry`, if the column exists.
    pub fn field<'a>(&self, entry: &'a Entry, column: &str) -> Option<&'a str> {
        let i = self.columns.iter().position(|c| c == column)?;
        match i {
            0 => Some(&entry.code),
            1 => Some(&entry.name),
            _ => entry.extra.get(i - 2).map(String::as_str),
        }
    }
}

/// Built-in data files, one per dictionary.
pub mod data {
    /// ССРФ, коды субъектов РФ.
    pub const SSRF: &str = include_str!("../../data/ssrf.tsv");
    /// ОКСМ, коды стран.
    pub const OKSM: &str = include_str!("../../data/oksm.tsv");
    /// СПДУЛ, виды документов, удостоверяющих личность.
    pub const SPDUL: &str = include_str!("../../data/spdul.tsv");
    /// КодОпер, коды технологических операций (оба набора).
    pub const KOD_OPER: &str = include_str!("../../data/kod_oper.tsv");
    /// КодТип, типы транспортных средств.
    pub const KOD_TIP: &str = include_str!("../../data/kod_tip.tsv");
}

fn builtin(cell: &'static OnceLock<Dictionary>, name: &str, text: &str) -> &'static Dictionary {
    // The built-in files are checked by the tests below; should one ever be
    // broken, the dictionary is empty rather than a panic in a library.
    cell.get_or_init(|| Dictionary::parse(name, text).unwrap_or_default())
}

/// Справочник ССРФ (субъекты РФ), встроенный.
pub fn ssrf() -> &'static Dictionary {
    static D: OnceLock<Dictionary> = OnceLock::new();
    builtin(&D, "ССРФ", data::SSRF)
}

/// Справочник ОКСМ (страны мира), встроенный; поле `name` — краткое наименование.
pub fn oksm() -> &'static Dictionary {
    static D: OnceLock<Dictionary> = OnceLock::new();
    builtin(&D, "ОКСМ", data::OKSM)
}

/// Справочник КодТип (типы ТС ДОБДД), встроенный.
pub fn vehicle_types() -> &'static Dictionary {
    static D: OnceLock<Dictionary> = OnceLock::new();
    builtin(&D, "КодТип", data::KOD_TIP)
}

/// Справочник СПДУЛ, встроенный.
pub fn spdul() -> &'static Spdul {
    static D: OnceLock<Spdul> = OnceLock::new();
    D.get_or_init(|| Spdul::parse(data::SPDUL).unwrap_or_default())
}

/// Справочник КодОпер (оба набора), встроенный.
pub fn operations() -> &'static OperationCodes {
    static D: OnceLock<OperationCodes> = OnceLock::new();
    D.get_or_init(|| OperationCodes::parse(data::KOD_OPER).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A validator looks a КодВидДок up in СПДУЛ straight (one look-up),
    /// which is right only while every code of the dictionary is a DocCode.
    #[test]
    fn every_spdul_code_is_a_doc_code() {
        for e in spdul().entries() {
            assert!(crate::DocCode::parse(&e.code).is_ok(), "{}", e.code);
        }
    }

    #[test]
    fn builtin_files_parse_with_metadata() {
        for (name, text) in [
            ("ССРФ", data::SSRF),
            ("ОКСМ", data::OKSM),
            ("СПДУЛ", data::SPDUL),
            ("КодОпер", data::KOD_OPER),
            ("КодТип", data::KOD_TIP),
        ] {
            let d = Dictionary::parse(name, text).unwrap();
            assert!(!d.source.is_empty(), "{name}: source");
            assert!(!d.date.is_empty(), "{name}: date");
            assert!(d.entries.len() >= 5, "{name}");
        }
        assert_eq!(ssrf().entries.len(), 90); // 01-79, 80, 81, 83-87, 89, 91, 92, 99
        assert!(spdul().get("21").is_some());
        assert!(operations().get("93").is_some());
        assert_eq!(
            vehicle_types().get("84").unwrap().name,
            "Прицепы тракторные"
        );
    }

    #[test]
    fn office_file_loader_reports_line() {
        let text = "# dictionary: КодКат\n# source: office\n# date: 2025-01-01\n# columns: code\tname\nA\tкатегория A\nA\tповтор\n";
        let e = Dictionary::parse("КодКат", text).unwrap_err();
        assert_eq!(e.line, 6);
        assert!(e.to_string().contains("повторяется"), "{e}");
        let e = Dictionary::parse("X", "A\tB\n").unwrap_err();
        assert_eq!(e.line, 1);
        let e = Dictionary::parse("X", "# columns: code\tname\nA\tB\tC\n").unwrap_err();
        assert!(e.to_string().contains("столбцов"), "{e}");
    }

    /// The sorted index finds what a search of the rows in file order
    /// finds: every code of the built-in files and of an office's file with
    /// codes of 0 to 40 bytes (either side of the 15 kept as numbers), and
    /// codes that are not there (prefixes, extensions, other case).
    #[test]
    fn index_is_a_search_of_the_rows() {
        let mut office = String::from("# columns: code\tname\n");
        for n in 0..40 {
            office += &format!("{}\tn{n}\n", "Кx".repeat(n / 3) + &"7".repeat(n % 3 + 1));
        }
        office += "A\ta\nAB\tab\n\u{0}\tnul\n";
        let mut dicts: Vec<Dictionary> = [data::SSRF, data::OKSM, data::SPDUL, data::KOD_OPER]
            .iter()
            .chain([data::KOD_TIP].iter())
            .map(|t| Dictionary::parse("X", t).unwrap())
            .collect();
        dicts.push(Dictionary::parse("X", &office).unwrap());
        for d in &dicts {
            let mut probes: Vec<String> = Vec::new();
            for e in &d.entries {
                probes.push(e.code.clone());
                probes.push(format!("{}0", e.code));
                probes.push(format!("{}\u{0}", e.code));
                probes.push(e.code.to_lowercase());
                probes.push(e.code.chars().skip(1).collect());
            }
            probes.extend(["".into(), "zzz".into(), "Кx".repeat(20)]);
            for p in &probes {
                let want = d.entries.iter().position(|e| e.code == *p);
                assert_eq!(d.position(p), want, "{p:?}");
                assert_eq!(d.contains(p), want.is_some(), "{p:?}");
                assert_eq!(d.get(p), want.map(|i| &d.entries[i]), "{p:?}");
            }
        }
    }
}
