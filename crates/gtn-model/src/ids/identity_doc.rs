use super::inn::str_impls;
use super::serde_via_str;
use crate::{dict, IdError};
use compact_str::CompactString;
use std::fmt;
use std::str::FromStr;

/// Код вида документа, удостоверяющего личность, по справочнику СПДУЛ, 2 цифры
/// (КодВидДок, СПДУЛТип, таблица 4.10). Checked against `data/spdul.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocCode([u8; 2]);

impl DocCode {
    const WHAT: &'static str = "код вида документа (СПДУЛ)";
    /// 21 — паспорт гражданина Российской Федерации.
    pub const PASSPORT_RF: DocCode = DocCode(*b"21");

    /// Parses a two-digit code present in the СПДУЛ dictionary.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let s = s.trim();
        super::digits::check_digits(Self::WHAT, "2", s, 2)?;
        if dict::spdul().get(s).is_none() {
            return Err(IdError::NotInDictionary {
                what: Self::WHAT,
                value: s.to_owned(),
                dictionary: "СПДУЛ",
            });
        }
        let mut out = [0u8; 2];
        out.copy_from_slice(s.as_bytes());
        Ok(Self(out))
    }

    /// The two digits.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The same characters as [`Self::as_str`], as the ASCII bytes kept
    /// (no `from_utf8` check: writers copy them as they are).
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Шаблон серии и номера из справочника СПДУЛ (`None` — произвольный текст).
    pub fn template(&self) -> Option<&'static str> {
        dict::spdul().get(self.as_str()).and_then(|e| e.template)
    }
}
str_impls!(DocCode);

/// Серия и номер документа, удостоверяющего личность (СерНомДок, СПДУЛШТип T(1-25),
/// таблица 4.10), приведённые к шаблону справочника СПДУЛ.
///
/// Template symbols: `9` digit, `0` digit or nothing, `Б` capital Cyrillic
/// letter, `R` Roman numeral in Latin I V X L C; anything else stands for itself.
/// Spaces of the template are inserted when missing (`4509235857` → `45 09 235857`
/// for code 21), extra spaces are dropped, Cyrillic letters are upper-cased,
/// and in a Roman numeral the Cyrillic look-alikes `Х`, `С` are read as Latin.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct DocSeriesNumber(CompactString);

impl DocSeriesNumber {
    const WHAT: &'static str = "серия и номер документа";

    /// Normalises `input` to the template of document code `code`.
    pub fn parse(code: DocCode, input: &str) -> Result<Self, IdError> {
        match code.template() {
            Some(t) => normalise(t, input)
                .map(Self)
                .ok_or_else(|| IdError::Pattern {
                    what: Self::WHAT,
                    value: input.trim().to_owned(),
                    pattern: t.to_owned(),
                }),
            None => Self::free_text(input),
        }
    }

    /// A series and number of a document without a template: 1-25 characters.
    pub fn free_text(input: &str) -> Result<Self, IdError> {
        let s = input.split_whitespace().collect::<Vec<_>>().join(" ");
        let n = s.chars().count();
        if n == 0 || n > 25 {
            return Err(IdError::Length {
                what: Self::WHAT,
                expected: "1-25",
                got: n,
            });
        }
        Ok(Self(s.into()))
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DocSeriesNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Matches `input` (whitespace removed) against `template`, returning the
/// canonical text with the template's spaces, or `None`.
pub fn normalise(template: &str, input: &str) -> Option<CompactString> {
    if let Some(out) = digits_only(template, input) {
        return Some(out);
    }
    matched(template, input).map(CompactString::from)
}

/// [`normalise`] of a template of `9` and spaces alone (the passport's,
/// `99 99 999999`) and an ASCII input of as many digits as the template
/// has `9`, with white space anywhere: each `9` takes the next digit, so
/// the digits go into the template in order. `None` for anything else,
/// left to [`matched`] (the definition; `digits_only_is_matched` proves
/// them equal). The matcher collects both texts into `Vec<char>` and
/// recurses a level a character: 3 700 instructions a passport.
fn digits_only(template: &str, input: &str) -> Option<CompactString> {
    if !template.bytes().all(|b| b == b'9' || b == b' ') || !input.is_ascii() {
        return None;
    }
    let mut digits = input.bytes().filter(|&b| !char::from(b).is_whitespace());
    let mut out = CompactString::with_capacity(template.len());
    for t in template.bytes() {
        if t == b' ' {
            out.push(' ');
        } else {
            match digits.next() {
                Some(d) if d.is_ascii_digit() => out.push(char::from(d)),
                _ => return None,
            }
        }
    }
    digits.next().is_none().then_some(out)
}

/// [`normalise`] by the template matcher [`go`].
fn matched(template: &str, input: &str) -> Option<String> {
    let t: Vec<char> = template.chars().collect();
    let s: Vec<char> = input.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = String::new();
    if go(&t, &s, &mut out) {
        Some(out)
    } else {
        None
    }
}

fn roman(c: char) -> Option<char> {
    match c {
        'I' | 'i' | 'І' => Some('I'),
        'V' | 'v' => Some('V'),
        'X' | 'x' | 'Х' | 'х' => Some('X'),
        'L' | 'l' => Some('L'),
        'C' | 'c' | 'С' | 'с' => Some('C'),
        _ => None,
    }
}

fn cyrillic_upper(c: char) -> Option<char> {
    let u = c.to_uppercase().next()?;
    (('А'..='Я').contains(&u) || u == 'Ё').then_some(u)
}

fn go(t: &[char], s: &[char], out: &mut String) -> bool {
    let Some((&tc, rest)) = t.split_first() else {
        return s.is_empty();
    };
    let mark = out.len();
    let ok = match tc {
        ' ' => {
            out.push(' ');
            go(rest, s, out)
        }
        '9' => match s.first() {
            Some(c) if c.is_ascii_digit() => {
                out.push(*c);
                go(rest, &s[1..], out)
            }
            _ => false,
        },
        '0' => {
            let with = match s.first() {
                Some(c) if c.is_ascii_digit() => {
                    out.push(*c);
                    go(rest, &s[1..], out)
                }
                _ => false,
            };
            with || {
                out.truncate(mark);
                go(rest, s, out)
            }
        }
        'Б' => match s.first().and_then(|&c| cyrillic_upper(c)) {
            Some(u) => {
                out.push(u);
                go(rest, &s[1..], out)
            }
            None => false,
        },
        'R' => {
            // One or more Roman digits; try longest first.
            let n = s.iter().take_while(|&&c| roman(c).is_some()).count();
            (1..=n).rev().any(|k| {
                out.truncate(mark);
                out.extend(s[..k].iter().filter_map(|&c| roman(c)));
                go(rest, &s[k..], out)
            })
        }
        lit => match s.first() {
            Some(&c) if c == lit => {
                out.push(c);
                go(rest, &s[1..], out)
            }
            _ => false,
        },
    };
    if !ok {
        out.truncate(mark);
    }
    ok
}

#[cfg(test)]
mod tests {
    use super::*;
    fn code(s: &str) -> DocCode {
        DocCode::parse(s).unwrap()
    }

    /// [`digits_only`] gives what the matcher gives whenever it gives
    /// anything: the templates of `9` and spaces, on inputs of digits,
    /// white space (ASCII and not) and other characters.
    #[test]
    fn digits_only_is_matched() {
        let templates = [
            "99 99 999999",
            "99 9999999",
            "999",
            "9 9",
            "99 99 099999",
            "ББ 9999999",
        ];
        let alphabet = [
            '1', '2', '0', '9', ' ', '\t', '\u{0B}', '\u{1C}', '\u{A0}', 'a', '-', 'Ж', '٣',
        ];
        let mut x: u64 = 7;
        let mut taken = 0;
        for t in templates {
            for len in 0..16 {
                for _ in 0..400 {
                    let input: String = (0..len)
                        .map(|_| {
                            x = x
                                .wrapping_mul(6_364_136_223_846_793_005)
                                .wrapping_add(1442695040888963407);
                            // Mostly digits, so that many inputs match.
                            let k = (x >> 33) as usize % (alphabet.len() + 30);
                            alphabet.get(k).copied().unwrap_or('5')
                        })
                        .collect();
                    if let Some(fast) = digits_only(t, &input) {
                        taken += 1;
                        assert_eq!(
                            Some(fast),
                            matched(t, &input).map(CompactString::from),
                            "{t} {input:?}"
                        );
                    }
                    assert_eq!(
                        normalise(t, &input),
                        matched(t, &input).map(CompactString::from),
                        "{t} {input:?}"
                    );
                }
            }
        }
        assert!(taken > 500, "{taken}");
    }
    #[test]
    fn passport_spacing() {
        let p = DocSeriesNumber::parse(code("21"), "4509235857").unwrap();
        assert_eq!(p.as_str(), "45 09 235857");
        let p = DocSeriesNumber::parse(code("21"), " 45  09 235857 ").unwrap();
        assert_eq!(p.as_str(), "45 09 235857");
        assert_eq!(
            DocSeriesNumber::parse(code("21"), "450923585")
                .unwrap_err()
                .code(),
            "M004"
        );
    }
    #[test]
    fn optional_digit_and_roman() {
        assert_eq!(
            DocSeriesNumber::parse(code("07"), "АБ123456")
                .unwrap()
                .as_str(),
            "АБ 123456"
        );
        assert_eq!(
            DocSeriesNumber::parse(code("07"), "аб 1234567")
                .unwrap()
                .as_str(),
            "АБ 1234567"
        );
        assert_eq!(
            DocSeriesNumber::parse(code("03"), "IV-ЖА 123456")
                .unwrap()
                .as_str(),
            "IV-ЖА 123456"
        );
        assert_eq!(
            DocSeriesNumber::parse(code("03"), "ХIV-ЖА123456")
                .unwrap()
                .as_str(),
            "XIV-ЖА 123456"
        );
        assert!(DocSeriesNumber::parse(code("03"), "IV-ZA 123456").is_err());
    }
    #[test]
    fn free_text_codes() {
        assert_eq!(
            DocSeriesNumber::parse(code("10"), "AB 1234567")
                .unwrap()
                .as_str(),
            "AB 1234567"
        );
        assert!(DocSeriesNumber::parse(code("10"), &"1".repeat(26)).is_err());
        assert_eq!(DocCode::parse("55").unwrap_err().code(), "M005");
    }
}
