//! Checks of attribute values on the raw windows-1251 bytes.

use super::schema::Ty;
use gtn_model::{dict, FnsDate, IdError, InnOrg, InnPerson, Kpp, Ogrn};
use std::borrow::Cow;

/// Bytes that may not appear in a windows-1251 XML file: 0x98 is not a
/// character of windows-1251; C0 controls other than TAB, LF, CR are not XML characters.
pub(crate) fn bad_byte(b: u8) -> bool {
    b == 0x98 || (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r')
}

/// Windows-1251 bytes as text (ASCII, the usual case for codes, numbers
/// and dates, is borrowed as it is).
pub(crate) fn decode(raw: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(raw) {
        Ok(s) if raw.is_ascii() => Cow::Borrowed(s),
        _ => encoding_rs::WINDOWS_1251.decode_without_bom_handling(raw).0,
    }
}

/// The value with entity and character references resolved, as text; `Err`
/// with a message for an undefined or malformed reference.
pub(crate) fn unescape(raw: &[u8]) -> Result<Cow<'_, str>, String> {
    let s = decode(raw);
    if !raw.contains(&b'&') {
        return Ok(s);
    }
    match quick_xml::escape::unescape(&s) {
        Ok(u) => Ok(Cow::Owned(u.into_owned())),
        Err(e) => Err(format!("недопустимая ссылка на сущность: {e}")),
    }
}

/// A problem found in a value: stable code and Russian message.
pub(crate) type Problem = (&'static str, String);

fn id_problem(e: IdError) -> Problem {
    let code = match e {
        IdError::CheckDigit { .. } => "V040",
        IdError::NotInDictionary { .. } => "V042",
        _ => "V037",
    };
    (code, e.to_string())
}

fn ascii(v: &str) -> Option<&str> {
    v.is_ascii().then_some(v)
}

/// Length of a T(n-k) value in characters: one byte is one character in
/// windows-1251, unless references are present.
fn len_chars(raw: &[u8], text: &Option<Cow<'_, str>>) -> usize {
    match text {
        Some(t) => t.chars().count(),
        None => raw.len(),
    }
}

/// Checks one value against its type. `raw` is the attribute's bytes as in
/// the file. Returns every problem (usually none or one).
pub(crate) fn check(ty: Ty, raw: &[u8]) -> Option<Problem> {
    // One pass for the rare bytes: controls, 0x98, `<`, and `&` of a reference.
    let rare = raw.iter().fold(false, |acc, &b| {
        acc | (b < 0x20) | (b == 0x98) | (b == b'&') | (b == b'<')
    });
    if !rare {
        return check_text(ty, raw, None);
    }
    if let Some(i) = raw.iter().position(|&b| b == b'<') {
        return Some((
            "V010",
            format!(
                "знак < в позиции {} значения атрибута: нарушен синтаксис XML (нужно &lt;)",
                i + 1
            ),
        ));
    }
    if let Some(i) = raw.iter().position(|&b| bad_byte(b)) {
        return Some((
            "V003",
            format!(
                "байт 0x{:02X} в позиции {} недопустим в windows-1251/XML",
                raw[i],
                i + 1
            ),
        ));
    }
    // Resolve references only when there are any.
    let text: Option<Cow<'_, str>> = if raw.contains(&b'&') {
        match unescape(raw) {
            Ok(t) => Some(t),
            Err(m) => return Some(("V011", m)),
        }
    } else {
        None
    };
    check_text(ty, raw, text)
}

/// [`check`] once the bytes are known to be allowed; `text` is the value
/// with references resolved, when it has any.
fn check_text(ty: Ty, raw: &[u8], text: Option<Cow<'_, str>>) -> Option<Problem> {
    let as_str = || -> Cow<'_, str> {
        match &text {
            Some(t) => Cow::Borrowed(t.as_ref()),
            None => decode(raw),
        }
    };
    match ty {
        Ty::Text(min, max) => {
            let n = len_chars(raw, &text);
            if n < usize::from(min) || n > usize::from(max) {
                let want = if min == max {
                    format!("T(={max})")
                } else {
                    format!("T({min}-{max})")
                };
                return Some((
                    "V032",
                    format!("длина {n} знаков не соответствует формату {want}"),
                ));
            }
            None
        }
        Ty::Enum(values) => {
            let v = as_str();
            (!values.contains(&v.as_ref())).then(|| {
                (
                    "V033",
                    format!("допустимые значения: {}", values.join(", ")),
                )
            })
        }
        Ty::Int(digits) => {
            let v = as_str();
            let ok = !v.is_empty()
                && v.len() <= usize::from(digits)
                && v.bytes().all(|b| b.is_ascii_digit());
            if !ok {
                return Some(("V034", format!("ожидается целое число N({digits})")));
            }
            (v.bytes().all(|b| b == b'0'))
                .then(|| ("V034", "значение должно быть не меньше 1".to_owned()))
        }
        Ty::Dec(total, frac) => dec(&as_str(), total, frac),
        Ty::Date => {
            let v = as_str();
            FnsDate::parse(&v).err().map(|e| ("V035", e.to_string()))
        }
        Ty::Year => {
            let v = as_str();
            let ok = v.len() == 4
                && v.bytes().all(|b| b.is_ascii_digit())
                && v.as_ref() >= "1900"
                && v.as_ref() <= "2099";
            (!ok).then(|| ("V036", "ожидается год ГГГГ (1900-2099)".to_owned()))
        }
        Ty::InnOrg => {
            let v = as_str();
            let v = ascii(&v).map(InnOrg::parse);
            match v {
                Some(Ok(_)) => None,
                Some(Err(e)) => Some(id_problem(e)),
                None => Some(("V037", "ИНН организации: ожидается 10 цифр".into())),
            }
        }
        Ty::InnPerson => match ascii(&as_str()).map(InnPerson::parse) {
            Some(Ok(_)) => None,
            Some(Err(e)) => Some(id_problem(e)),
            None => Some(("V037", "ИНН физического лица: ожидается 12 цифр".into())),
        },
        Ty::Kpp => match ascii(&as_str()).map(Kpp::parse) {
            Some(Ok(_)) => None,
            Some(Err(e)) => Some(id_problem(e)),
            None => Some(("V037", "КПП: ожидается 9 знаков".into())),
        },
        Ty::Ogrn => match ascii(&as_str()).map(Ogrn::parse) {
            Some(Ok(_)) => None,
            Some(Err(e)) => Some(match id_problem(e) {
                ("V040", m) => ("V041", m),
                p => p,
            }),
            None => Some(("V037", "ОГРН: ожидается 13 цифр".into())),
        },
        Ty::Oksm => code(&as_str(), 3, "ОКСМ", |c| codes().oksm.contains(c)),
        Ty::Ssrf => code(&as_str(), 2, "ССРФ", |c| codes().ssrf.contains(c)),
        Ty::Spdul => code(&as_str(), 2, "СПДУЛ", |c| codes().spdul.contains(c)),
        Ty::Operation => {
            let v = as_str();
            if v.chars().count() != 2 {
                return Some(("V032", "длина не соответствует формату T(=2)".into()));
            }
            (!codes().operations.contains(&v)).then(|| {
                (
                    "V042",
                    format!("код «{v}» отсутствует в справочнике КодОпер"),
                )
            })
        }
        Ty::VehicleType => {
            let v = as_str();
            if v.chars().count() != 2 {
                return Some(("V032", "длина не соответствует формату T(=2)".into()));
            }
            (!codes().vehicle_types.contains(&v)).then(|| {
                (
                    "V042",
                    format!("код «{v}» отсутствует в справочнике КодТип"),
                )
            })
        }
    }
}

/// The codes of a dictionary, for membership only. Codes of up to three
/// digits (all of ССРФ, ОКСМ, СПДУЛ, КодОпер, КодТип) are bits in a table,
/// looked up without hashing; any other code goes to a set.
struct CodeSet {
    digits: Vec<bool>,
    other: std::collections::HashSet<String>,
}

impl CodeSet {
    fn new<'a>(codes: impl IntoIterator<Item = &'a str>) -> Self {
        let mut set = CodeSet {
            digits: vec![false; 1110],
            other: Default::default(),
        };
        for c in codes {
            match Self::slot(c) {
                Some(i) => set.digits[i] = true,
                None => {
                    set.other.insert(c.to_owned());
                }
            }
        }
        set
    }

    /// Slot of a code of 1-3 ASCII digits: codes of different lengths
    /// («7» and «07») get different slots.
    fn slot(c: &str) -> Option<usize> {
        let b = c.as_bytes();
        if b.is_empty() || b.len() > 3 || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let n = b.iter().fold(0usize, |n, d| n * 10 + usize::from(d - b'0'));
        Some([0, 0, 10, 110][b.len()] + n)
    }

    fn contains(&self, c: &str) -> bool {
        match Self::slot(c) {
            Some(i) => self.digits[i],
            None => self.other.contains(c),
        }
    }
}

struct Codes {
    ssrf: CodeSet,
    oksm: CodeSet,
    spdul: CodeSet,
    operations: CodeSet,
    vehicle_types: CodeSet,
}

fn codes() -> &'static Codes {
    static CODES: std::sync::OnceLock<Codes> = std::sync::OnceLock::new();
    CODES.get_or_init(|| {
        let of = |d: &dict::Dictionary| CodeSet::new(d.entries.iter().map(|e| e.code.as_str()));
        Codes {
            ssrf: of(dict::ssrf()),
            oksm: of(dict::oksm()),
            spdul: of(&dict::spdul().dictionary),
            operations: of(&dict::operations().dictionary),
            vehicle_types: of(dict::vehicle_types()),
        }
    })
}

fn code(v: &str, len: usize, dictionary: &str, known: impl Fn(&str) -> bool) -> Option<Problem> {
    if v.len() != len || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Some(("V037", format!("ожидается {len} цифры кода {dictionary}")));
    }
    (!known(v)).then(|| {
        (
            "V042",
            format!("код «{v}» отсутствует в справочнике {dictionary}"),
        )
    })
}

/// xs:decimal with totalDigits/fractionDigits, counted as XSD counts them,
/// and non-negative (мощность, объём).
pub(crate) fn dec(v: &str, total: u8, frac: u8) -> Option<Problem> {
    let fmt = || format!("ожидается неотрицательное число N({total}.{frac})");
    let body = v.strip_prefix('+').unwrap_or(v);
    if body.starts_with('-') {
        return Some(("V034", format!("отрицательное значение; {}", fmt())));
    }
    let (i, f) = body.split_once('.').unwrap_or((body, ""));
    if (i.is_empty() && f.is_empty())
        || !i.bytes().all(|b| b.is_ascii_digit())
        || !f.bytes().all(|b| b.is_ascii_digit())
    {
        return Some(("V034", fmt()));
    }
    let f = f.trim_end_matches('0');
    // Significant digits of i.f: leading zeros of the whole number do not count.
    let i_sig = i.trim_start_matches('0');
    let significant = if i_sig.is_empty() {
        f.trim_start_matches('0').len()
    } else {
        i_sig.len() + f.len()
    };
    if f.len() > usize::from(frac) || significant > usize::from(total) {
        return Some((
            "V034",
            format!("значение не укладывается в формат N({total}.{frac})"),
        ));
    }
    None
}

/// Parses an N(12.6) value to millionths, for the power consistency check.
pub(crate) fn micros(v: &str) -> Option<i64> {
    v.trim_start_matches('+')
        .parse::<gtn_model::Decimal6>()
        .ok()
        .map(|d| d.micros())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn decimals_count_like_xsd() {
        assert!(dec("123456.123456", 12, 6).is_none());
        assert!(dec("1234567.123456", 12, 6).is_some());
        assert!(dec("0.1000000", 12, 6).is_none());
        assert!(dec("0001", 10, 2).is_none());
        assert!(dec("1.234", 10, 2).is_some());
        assert!(dec("-1", 12, 6).is_some());
        assert!(dec(".5", 12, 6).is_none());
        assert!(dec(".", 12, 6).is_some());
        assert!(dec("1e3", 12, 6).is_some());
    }
    #[test]
    fn code_sets_agree_with_the_dictionaries() {
        let c = codes();
        for (set, d) in [
            (&c.ssrf, dict::ssrf()),
            (&c.oksm, dict::oksm()),
            (&c.vehicle_types, dict::vehicle_types()),
            (&c.operations, &dict::operations().dictionary),
            (&c.spdul, &dict::spdul().dictionary),
        ] {
            for n in 0..1000 {
                for code in [format!("{n}"), format!("{n:02}"), format!("{n:03}")] {
                    assert_eq!(set.contains(&code), d.contains(&code), "{code}");
                }
            }
            for e in &d.entries {
                assert!(set.contains(&e.code));
            }
            assert!(!set.contains("") && !set.contains("1a") && !set.contains("0000"));
        }
    }

    #[test]
    fn texts_and_bytes() {
        assert!(check(Ty::Text(1, 3), b"abc").is_none());
        assert_eq!(check(Ty::Text(1, 3), b"abcd").unwrap().0, "V032");
        assert!(check(Ty::Text(1, 3), b"&amp;&lt;x").is_none());
        assert_eq!(check(Ty::Text(1, 3), b"a\x98").unwrap().0, "V003");
        assert_eq!(check(Ty::Text(1, 3), b"&bogus;").unwrap().0, "V011");
        assert_eq!(check(Ty::Text(1, 3), b"a<b").unwrap().0, "V010");
        assert_eq!(check(Ty::InnOrg, b"7707083894").unwrap().0, "V040");
        assert_eq!(check(Ty::Ogrn, b"1027700132196").unwrap().0, "V041");
        assert_eq!(check(Ty::Ssrf, b"82").unwrap().0, "V042");
        assert_eq!(check(Ty::Date, b"29.02.1900").unwrap().0, "V035");
        assert!(check(Ty::Year, b"2025").is_none());
    }
}
