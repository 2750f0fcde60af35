//! Checks of attribute values on the raw windows-1251 bytes.

use crate::format::Ty;
use gtn_model::ids::{inn10_check, inn12_check, ogrn13_check};
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
    if raw.is_ascii() {
        if let Ok(s) = std::str::from_utf8(raw) {
            return Cow::Borrowed(s);
        }
    }
    encoding_rs::WINDOWS_1251.decode_without_bom_handling(raw).0
}

const LOW: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Bit 7 set in some byte of the result exactly when some byte of `x` is
/// zero (the flags above the lowest zero byte may be wrong; whether there
/// is one is exact).
fn has_zero(x: u64) -> u64 {
    x.wrapping_sub(LOW) & !x & HIGH
}

/// The bytes [`check`] looks for, eight at a time, and what makes a value
/// plain (ASCII, nothing to resolve or normalise): whether
/// every byte is ASCII, and whether a rare one is there (a byte below
/// 0x20, 0x98, `&`, `<`: what [`check`] leaves to its slow path).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Class {
    pub ascii: bool,
    pub rare: bool,
}

impl Class {
    /// One pass over `raw` (short values: no call, no vector set-up).
    pub(crate) fn of(raw: &[u8]) -> Class {
        let (mut high, mut rare) = (0u64, 0u64);
        let mut chunks = raw.chunks_exact(8);
        for c in &mut chunks {
            let x = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
            Self::word(x, u64::MAX, &mut high, &mut rare);
        }
        let tail = chunks.remainder();
        if !tail.is_empty() {
            // Byte by byte: a copy of a few bytes would be a call to `memcpy`.
            let mut x = 0;
            for (k, &b) in tail.iter().enumerate() {
                x |= u64::from(b) << (8 * k);
            }
            Self::word(x, (1 << (8 * tail.len())) - 1, &mut high, &mut rare);
        }
        Self::from_flags(high, rare)
    }

    /// Adds the bytes of the eight in `x` (little-endian) whose byte in
    /// `keep` is 0xFF to the flags `high` and `rare` of [`Class::of`]. The
    /// flags of the bytes kept are exact: a false flag of `has_zero` lies
    /// above a true one, and borrows run upwards, so the bytes left out
    /// (above those kept) change nothing below them.
    #[inline]
    pub(crate) fn word(x: u64, keep: u64, high: &mut u64, rare: &mut u64) {
        *high |= x & keep;
        // Below 0x20: exact as to whether any, as `has_zero` (0x20 < 0x80).
        *rare |= ((x.wrapping_sub(LOW * 0x20) & !x)
            | has_zero(x ^ (LOW * u64::from(b'&')))
            | has_zero(x ^ (LOW * u64::from(b'<')))
            | has_zero(x ^ (LOW * 0x98)))
            & keep;
    }

    /// The class from the flags gathered by [`Class::word`].
    #[inline]
    pub(crate) fn from_flags(high: u64, rare: u64) -> Class {
        Class {
            ascii: high & HIGH == 0,
            rare: rare & HIGH != 0,
        }
    }

    /// The value as text when it is plain ASCII with nothing to resolve or
    /// normalise (no reference, no control, no `<`): then it is what the
    /// schema sees, as it is in the file.
    pub(crate) fn plain(self, raw: &[u8]) -> Option<&str> {
        if !self.ascii || self.rare {
            return None;
        }
        std::str::from_utf8(raw).ok()
    }
}

/// [`check`] with a fast path for texts (xs:string with a length): their
/// length in characters counted on the bytes when the only references are
/// the five predefined entities (`&quot;` in names) and nothing else needs
/// the slow path; anything else goes to [`check`], the definition.
#[inline(always)]
pub(crate) fn check_quick(ty: Ty, raw: &[u8], class: Class) -> Option<Problem> {
    // The usual case (a plain text of a right length) where the value is
    // checked, without a call; the rest as below.
    if let Ty::Text(min, max) = ty {
        if !class.rare && raw.len() >= usize::from(min) && raw.len() <= usize::from(max) {
            return None;
        }
    }
    check_quick_rest(ty, raw, class)
}

/// [`check_quick`] past its usual case.
#[inline(never)]
fn check_quick_rest(ty: Ty, raw: &[u8], class: Class) -> Option<Problem> {
    if let Ty::Text(min, max) = ty {
        let n = if class.rare {
            text_length(raw)
        } else {
            Some(raw.len())
        };
        if let Some(n) = n {
            let (min, max) = (usize::from(min), usize::from(max));
            if n >= min && n <= max {
                return None;
            }
            return length_problem(n, min, max);
        }
    }
    check(ty, raw)
}

/// The length in characters of the value of `raw` as the schema sees it,
/// when it has no byte below 0x20, no 0x98, no `<`, and each `&` starts one
/// of the five predefined entity references (each one character); `None`
/// for anything else. One byte is one character in windows-1251.
fn text_length(raw: &[u8]) -> Option<usize> {
    let mut n = raw.len();
    let mut i = 0;
    while i < raw.len() {
        let b = raw[i];
        if b < 0x20 || b == 0x98 || b == b'<' {
            return None;
        }
        if b == b'&' {
            let rest = &raw[i + 1..];
            let semi = rest.iter().take(5).position(|&c| c == b';')?;
            if !matches!(&rest[..semi], b"lt" | b"gt" | b"amp" | b"quot" | b"apos") {
                return None;
            }
            n -= semi + 1;
            i += semi + 2;
            continue;
        }
        i += 1;
    }
    Some(n)
}

/// A value valid as it is written, seen on its bytes: a code of a code
/// type that is, byte for byte, one of the codes of its enumeration or
/// dictionary (of the length and the digits its type asks for); a decimal
/// or a year in the plain form, within its digits; an ИНН, КПП or ОГРН of
/// its pattern with its check digits. [`check`] finds nothing
/// in it, and it need not be made text. `false` says nothing: [`check`]
/// decides. The fast path of most of a document's values;
/// `quick_valid_is_valid`, `quick_valid_numbers` and
/// `quick_valid_identifiers` hold it to [`check`].
#[inline(always)]
pub(crate) fn quick_valid(ty: Ty, raw: &[u8]) -> bool {
    // The type first, where the value is checked, without a call.
    quick_valid_reads(ty) && quick_valid_of(ty, raw)
}

/// The types [`quick_valid`] reads (for any other it is `false`).
pub(crate) fn quick_valid_reads(ty: Ty) -> bool {
    matches!(
        ty,
        Ty::Enum(_)
            | Ty::Operation
            | Ty::VehicleType
            | Ty::Oksm
            | Ty::Ssrf
            | Ty::Spdul
            | Ty::Dec(..)
            | Ty::Year
            | Ty::InnOrg
            | Ty::InnPerson
            | Ty::Kpp
            | Ty::Ogrn
    )
}

/// [`quick_valid`] of a type it reads ([`quick_valid_reads`]).
pub(crate) fn quick_valid_of(ty: Ty, raw: &[u8]) -> bool {
    let digits = |n: usize| raw.len() == n && raw.iter().all(u8::is_ascii_digit);
    match ty {
        // `YYYY`, not 0000: no sign, no time zone, no blank.
        Ty::Year => digits(4) && raw != b"0000",
        Ty::Dec(total, frac) => plain_decimal(raw, total, frac),
        // The values are text and `raw` windows-1251: ASCII ones only.
        Ty::Enum(values) => values.iter().any(|v| {
            // Byte by byte: the values are short, a call to `memcmp` costs more.
            v.len() == raw.len() && v.bytes().zip(raw).all(|(a, &b)| a == b) && v.is_ascii()
        }),
        Ty::Operation => raw.len() == 2 && codes().operations.has_digits(raw),
        Ty::VehicleType => raw.len() == 2 && codes().vehicle_types.has_digits(raw),
        Ty::Oksm => digits(3) && codes().oksm.has_digits(raw),
        Ty::Ssrf => digits(2) && codes().ssrf.has_digits(raw),
        Ty::Spdul => digits(2) && codes().spdul.has_digits(raw),
        // The identifiers: their digits, not 00 first (ИНН, КПП), and the
        // check digits of the model.
        Ty::InnOrg => digits(10) && !raw.starts_with(b"00") && raw[9] == inn10_check(&raw[..9]),
        Ty::InnPerson => {
            digits(12) && !raw.starts_with(b"00") && raw[10..] == inn12_check(&raw[..10])
        }
        Ty::Ogrn => digits(13) && raw[12] == ogrn13_check(&raw[..12]),
        Ty::Kpp => {
            raw.len() == 9
                && !raw.starts_with(b"00")
                && raw.iter().enumerate().all(|(i, b)| {
                    b.is_ascii_digit() || ((i == 4 || i == 5) && b.is_ascii_uppercase())
                })
        }
        _ => false,
    }
}

/// `[0-9]+(\.[0-9]+)?` without a leading zero (but `0` itself), within
/// `total` significant digits and `frac` after the point, as [`dec`]
/// counts them: the plain form of a decimal, valid as it is.
fn plain_decimal(raw: &[u8], total: u8, frac: u8) -> bool {
    // One pass: the integer digits up to the first other byte, which must
    // be the point before one digit or more, or the end.
    let n = raw.iter().take_while(|b| b.is_ascii_digit()).count();
    let (i, rest) = raw.split_at(n);
    if i.is_empty() || (i[0] == b'0' && i.len() > 1) {
        return false;
    }
    let f = match rest.split_first() {
        None => &[][..],
        Some((&b'.', f)) if !f.is_empty() && f.iter().all(u8::is_ascii_digit) => f,
        Some(_) => return false,
    };
    let f_sig = f.len() - f.iter().rev().take_while(|&&b| b == b'0').count();
    let significant = if i == b"0" {
        f[..f_sig].iter().skip_while(|&&b| b == b'0').count()
    } else {
        i.len() + f_sig
    };
    f_sig <= usize::from(frac) && significant <= usize::from(total)
}

/// [`check`] of a value that is plain ([`Class::plain`]).
pub(crate) fn check_plain(ty: Ty, v: &str) -> Option<Problem> {
    if let Ty::Text(min, max) = ty {
        return length_problem(v.len(), usize::from(min), usize::from(max));
    }
    check_text(ty, v)
}

/// A problem found in a value: stable code and Russian message.
pub(crate) type Problem = (&'static str, String);

/// The XML 1.0 `Char` production: the characters a document may contain,
/// literally or by a character reference.
pub(crate) fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// XSD white space (#x20, #x9, #xA, #xD).
pub(crate) fn xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Resolves the references of `s` (the five predefined entities and
/// character references), checking each character reference against the
/// `Char` production. `Err` names the first bad reference.
pub(crate) fn resolve(s: &str) -> Result<Cow<'_, str>, Problem> {
    if !s.contains('&') {
        return Ok(Cow::Borrowed(s));
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let Some(end) = after.find(';') else {
            return Err((
                "V011",
                "знак & не начинает ссылку (нужно &amp;): нарушен синтаксис XML".into(),
            ));
        };
        let name = &after[..end];
        let c = match name {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let n = if let Some(h) = name.strip_prefix("#x") {
                    (!h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit()))
                        .then(|| u32::from_str_radix(h, 16).ok())
                        .flatten()
                } else if let Some(d) = name.strip_prefix('#') {
                    (!d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
                        .then(|| d.parse::<u32>().ok())
                        .flatten()
                } else {
                    return Err((
                        "V011",
                        format!(
                            "ссылка на неопределённую сущность &{name};: нарушен синтаксис XML"
                        ),
                    ));
                };
                match n.and_then(char::from_u32) {
                    Some(c) if xml_char(c) => c,
                    _ => {
                        return Err((
                            "V011",
                            format!("ссылка &{name}; на знак, недопустимый в XML 1.0: файл не является правильным XML"),
                        ))
                    }
                }
            }
        };
        out.push(c);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(Cow::Owned(out))
}

/// The value of an attribute as an XML processor hands it to the schema:
/// literal TAB, LF, CR (and CR LF as one) become spaces, references are
/// resolved (a reference keeps its character).
pub(crate) fn attribute_value(raw: &[u8]) -> Result<Cow<'_, str>, Problem> {
    let s = decode(raw);
    let (mut amp, mut blank) = (false, false);
    for &b in raw {
        amp |= b == b'&';
        blank |= matches!(b, b'\t' | b'\n' | b'\r');
    }
    if !blank {
        if !amp {
            return Ok(s);
        }
        // References only (`&quot;` in a name, the usual case): nothing
        // to normalise, resolved at once.
        return Ok(Cow::Owned(resolve(&s)?.into_owned()));
    }
    let mut norm = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                norm.push(' ');
            }
            '\t' | '\n' => norm.push(' '),
            c => norm.push(c),
        }
    }
    Ok(Cow::Owned(resolve(&norm)?.into_owned()))
}

/// The value with references resolved, for showing (never fails).
pub(crate) fn unescape(raw: &[u8]) -> Result<Cow<'_, str>, String> {
    attribute_value(raw).map_err(|(_, m)| m)
}

fn describe(c: char) -> String {
    match c {
        ' ' => "пробел".into(),
        '\t' => "знак табуляции".into(),
        '\n' => "перевод строки".into(),
        '\r' => "возврат каретки".into(),
        c => format!("знак «{c}»"),
    }
}

/// A surrounding white space of an identifier, named with its position.
fn surrounding_space(v: &str) -> Option<String> {
    let first = v.chars().next()?;
    if xml_space(first) {
        return Some(format!("{} в начале значения (позиция 1)", describe(first)));
    }
    let last = v.chars().last()?;
    xml_space(last).then(|| {
        let n = v.chars().count();
        format!("{} в конце значения (позиция {n})", describe(last))
    })
}

fn id_problem(e: IdError) -> Problem {
    let code = match e {
        IdError::CheckDigit { .. } => "V040",
        IdError::NotInDictionary { .. } => "V042",
        _ => "V037",
    };
    (code, e.to_string())
}

/// Checks one value against its type. `raw` is the attribute's bytes as in
/// the file. XSD-level problems first (V0xx below V040), then the business
/// rules of the value alone (check digits, dictionaries, real dates).
pub(crate) fn check(ty: Ty, raw: &[u8]) -> Option<Problem> {
    // One pass for the rare bytes: controls, 0x98, `<`, and `&` of a reference.
    let rare = raw.iter().fold(false, |acc, &b| {
        acc | (b < 0x20) | (b == 0x98) | (b == b'&') | (b == b'<')
    });
    if !rare {
        // The usual case: one byte is one character in windows-1251, so a
        // text's length needs no decoding.
        if let Ty::Text(min, max) = ty {
            return length_problem(raw.len(), usize::from(min), usize::from(max));
        }
        return check_text(ty, &decode(raw));
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
    match attribute_value(raw) {
        Ok(v) => check_text(ty, &v),
        Err(p) => Some(p),
    }
}

/// Length of a string in characters, as xs:string's length facets count.
fn length(v: &str) -> usize {
    if v.is_ascii() {
        v.len()
    } else {
        v.chars().count()
    }
}

fn length_problem(n: usize, min: usize, max: usize) -> Option<Problem> {
    if n >= min && n <= max {
        return None;
    }
    let want = if min == max {
        format!("T(={max})")
    } else {
        format!("T({min}-{max})")
    };
    Some((
        "V032",
        format!("длина {n} знаков не соответствует формату {want}"),
    ))
}

/// The identifier types: checked exactly as written (xs:string keeps every
/// space): surrounding space, length, pattern, then the check digits.
fn identifier(ty: Ty, v: &str) -> Option<Problem> {
    let (what, len) = match ty {
        Ty::InnOrg => ("ИНН организации", 10),
        Ty::InnPerson => ("ИНН физического лица", 12),
        Ty::Kpp => ("КПП", 9),
        Ty::Ogrn => ("ОГРН", 13),
        Ty::Oksm => ("код ОКСМ", 3),
        Ty::Ssrf => ("код ССРФ", 2),
        _ => ("код СПДУЛ", 2),
    };
    if let Some(s) = surrounding_space(v) {
        return Some(("V037", format!("{what} «{v}»: {s}")));
    }
    let n = length(v);
    if n != len {
        return Some((
            "V037",
            format!("{what} «{v}»: длина {n} знаков, а должно быть {len}"),
        ));
    }
    let b = v.as_bytes();
    let bad = b.iter().enumerate().find(|&(i, &c)| match ty {
        Ty::Kpp if i == 4 || i == 5 => !(c.is_ascii_digit() || c.is_ascii_uppercase()),
        _ => !c.is_ascii_digit(),
    });
    if let Some((i, _)) = bad {
        let c = v.chars().nth(i).unwrap_or('?');
        return Some((
            "V037",
            format!(
                "{what} «{v}»: {} в позиции {} не допускается шаблоном",
                describe(c),
                i + 1
            ),
        ));
    }
    if matches!(ty, Ty::InnOrg | Ty::InnPerson | Ty::Kpp) && v.starts_with("00") {
        return Some((
            "V037",
            format!("{what} «{v}»: первые две цифры не могут быть 00"),
        ));
    }
    match ty {
        Ty::InnOrg => InnOrg::parse(v).err().map(id_problem),
        Ty::InnPerson => InnPerson::parse(v).err().map(id_problem),
        Ty::Kpp => Kpp::parse(v).err().map(id_problem),
        Ty::Ogrn => Ogrn::parse(v).err().map(|e| match id_problem(e) {
            ("V040", m) => ("V041", m),
            p => p,
        }),
        Ty::Oksm => known(v, "ОКСМ", codes().oksm.contains(v)),
        Ty::Ssrf => known(v, "ССРФ", codes().ssrf.contains(v)),
        _ => known(v, "СПДУЛ", codes().spdul.contains(v)),
    }
}

fn known(v: &str, dictionary: &str, ok: bool) -> Option<Problem> {
    (!ok).then(|| {
        (
            "V042",
            format!("код «{v}» отсутствует в справочнике {dictionary}"),
        )
    })
}

/// XSD whiteSpace collapse for the numeric types: the value without the
/// surrounding white space; `None` when white space is inside.
fn collapse(v: &str) -> Option<&str> {
    // The usual value has no white space at all (every XSD blank is ASCII).
    if !v.bytes().any(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
        return Some(v);
    }
    let t = v.trim_matches(xml_space);
    (!t.contains(xml_space)).then_some(t)
}

fn lexical_warning(what: &str) -> Option<Problem> {
    Some((
        "V051",
        format!("{what}: допустимо по схеме, но лучше записать простым числом без знака, ведущих нулей и пробелов"),
    ))
}

/// [`check`] on the value as the schema sees it (normalised, references resolved).
fn check_text(ty: Ty, v: &str) -> Option<Problem> {
    match ty {
        Ty::Text(min, max) => length_problem(length(v), usize::from(min), usize::from(max)),
        Ty::Enum(values) => (!values.contains(&v)).then(|| {
            (
                "V033",
                format!("допустимые значения: {}", values.join(", ")),
            )
        }),
        Ty::Int(digits) => integer(v, digits),
        Ty::Dec(total, frac) => dec(v, total, frac),
        Ty::Date => date(v),
        Ty::Year => year(v).unwrap_or_else(Some),
        Ty::InnOrg | Ty::InnPerson | Ty::Kpp | Ty::Ogrn | Ty::Oksm | Ty::Ssrf | Ty::Spdul => {
            identifier(ty, v)
        }
        Ty::Operation | Ty::VehicleType => {
            if let Some(p) = length_problem(length(v), 2, 2) {
                return Some(p);
            }
            let (dictionary, ok) = if ty == Ty::Operation {
                ("КодОпер", codes().operations.contains(v))
            } else {
                ("КодТип", codes().vehicle_types.contains(v))
            };
            if ok {
                return None;
            }
            let space = v
                .chars()
                .position(xml_space)
                .map(|i| {
                    format!(
                        " ({} в позиции {})",
                        describe(v.chars().nth(i).unwrap_or(' ')),
                        i + 1
                    )
                })
                .unwrap_or_default();
            Some((
                "V042",
                format!("код «{v}»{space} отсутствует в справочнике {dictionary}"),
            ))
        }
    }
}

/// ДатаТип: the pattern of the XSD (V035), then the real calendar (V048):
/// the pattern lets 29.02.1900 through, a day that never was.
fn date(v: &str) -> Option<Problem> {
    check_date(v).err()
}

/// [`check_date`] on the bytes of a value, without making it text first:
/// the date when the value is one the usual way (`ДД.ММ.ГГГГ`, a real
/// day of 1900-2099), `None` for anything else, which [`check_date`] then
/// reads (and reports).
pub(crate) fn quick_date(raw: &[u8]) -> Option<FnsDate> {
    let &[d1, d2, b'.', m1, m2, b'.', y1, y2, y3, y4] = raw else {
        return None;
    };
    let digits = [d1, d2, m1, m2, y1, y2, y3, y4];
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let num = |d: &[u8]| d.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    let (d, m, y) = (num(&digits[..2]), num(&digits[2..4]), num(&digits[4..]));
    let date = chrono::NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)?;
    FnsDate::from_date(date).ok()
}

/// [`date`] with the date read, for the checks that compare it.
pub(crate) fn check_date(v: &str) -> Result<FnsDate, Problem> {
    match FnsDate::parse(v) {
        Ok(d) => Ok(d),
        Err(_) if v == "29.02.1900" => Err((
            "V048",
            "29.02.1900: такой даты нет в календаре (1900 год не високосный)".into(),
        )),
        Err(e) => Err(("V035", e.to_string())),
    }
}

/// xs:integer with totalDigits and minInclusive 1 (КолДок).
fn integer(v: &str, digits: u8) -> Option<Problem> {
    let want = || format!("ожидается целое число N({digits}) не меньше 1");
    let Some(t) = collapse(v) else {
        return Some(("V034", want()));
    };
    let (sign, body) = match t.as_bytes().first() {
        Some(b'+') => ("+", &t[1..]),
        Some(b'-') => ("-", &t[1..]),
        _ => ("", t),
    };
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
        return Some(("V034", want()));
    }
    let sig = body.trim_start_matches('0');
    if sign == "-" || sig.is_empty() {
        return Some(("V034", "значение должно быть не меньше 1".into()));
    }
    if sig.len() > usize::from(digits) {
        return Some(("V034", want()));
    }
    if t != v || sign == "+" || sig.len() != body.len() {
        return lexical_warning("целое число");
    }
    None
}

/// xs:decimal with totalDigits/fractionDigits, counted on the value as XSD
/// counts them (whiteSpace collapse; sign; leading and trailing zeros do
/// not count), then non-negative (V050, a business rule).
pub(crate) fn dec(v: &str, total: u8, frac: u8) -> Option<Problem> {
    let fmt = || format!("ожидается число N({total}.{frac})");
    let Some(t) = collapse(v) else {
        return Some(("V034", fmt()));
    };
    let (sign, body) = match t.as_bytes().first() {
        Some(b'+') => ("+", &t[1..]),
        Some(b'-') => ("-", &t[1..]),
        _ => ("", t),
    };
    let (i, f) = match body.bytes().position(|b| b == b'.') {
        Some(k) => (&body[..k], &body[k + 1..]),
        None => (body, ""),
    };
    if (i.is_empty() && f.is_empty())
        || !i.bytes().all(|b| b.is_ascii_digit())
        || !f.bytes().all(|b| b.is_ascii_digit())
    {
        return Some(("V034", fmt()));
    }
    let f_sig = f.trim_end_matches('0');
    let i_sig = i.trim_start_matches('0');
    let significant = if i_sig.is_empty() {
        f_sig.trim_start_matches('0').len()
    } else {
        i_sig.len() + f_sig.len()
    };
    if f_sig.len() > usize::from(frac) || significant > usize::from(total) {
        return Some((
            "V034",
            format!("значение не укладывается в формат N({total}.{frac})"),
        ));
    }
    let zero = i_sig.is_empty() && f_sig.is_empty();
    if sign == "-" && !zero {
        return Some(("V050", "отрицательное значение".into()));
    }
    let plain = t == v
        && sign.is_empty()
        && !i.is_empty()
        && (i == "0" || !i.starts_with('0'))
        && !body.ends_with('.');
    (!plain).then(|| lexical_warning("число")).flatten()
}

/// xs:gYear: `-?YYYY` (four digits or more, no leading zero beyond four,
/// not 0000) with an optional time zone; whiteSpace collapse. Returns the
/// year, or the problem; a legal but unusual form gives a V051 warning
/// through [`check`] and the year through [`year_value`].
pub(crate) fn year(v: &str) -> Result<Option<Problem>, Problem> {
    let bad = || ("V036", "ожидается год ГГГГ (xs:gYear)".to_owned());
    let t = collapse(v).ok_or_else(bad)?;
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t),
    };
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let (y, tz) = body.split_at(digits);
    if y.len() < 4 || (y.len() > 4 && y.starts_with('0')) || y.bytes().all(|b| b == b'0') {
        return Err(bad());
    }
    let tz_ok = match tz.as_bytes() {
        [] | [b'Z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            let d = |a: &u8, b: &u8| {
                (a.is_ascii_digit() && b.is_ascii_digit())
                    .then(|| u32::from(a - b'0') * 10 + u32::from(b - b'0'))
            };
            match (d(h1, h2), d(m1, m2)) {
                (Some(h), Some(m)) => (h < 14 && m < 60) || (h == 14 && m == 0),
                _ => false,
            }
        }
        _ => false,
    };
    if !tz_ok {
        return Err(bad());
    }
    if t != v {
        return Ok(Some((
            "V053",
            "пробел (или перевод строки, табуляция) вокруг года: схема это допускает, но libxml2 (xmllint) отвергает".into(),
        )));
    }
    if neg || !tz.is_empty() {
        return Ok(lexical_warning("год"));
    }
    Ok(None)
}

/// The year of a valid xs:gYear value (for the rules on its range).
pub(crate) fn year_value(v: &str) -> Option<i64> {
    let t = collapse(v)?;
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t),
    };
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let y: i64 = body[..digits].parse().ok()?;
    Some(if neg { -y } else { y })
}

/// [`year_value`] of a year written as four digits (as [`quick_valid`]
/// takes it), read from the bytes: no text made, nothing to collapse.
/// `None`: any other form, for [`year_value`].
pub(crate) fn quick_year(raw: &[u8]) -> Option<i64> {
    match raw {
        [a, b, c, d] if raw.iter().all(u8::is_ascii_digit) => Some(
            [a, b, c, d]
                .into_iter()
                .fold(0, |y, &x| y * 10 + i64::from(x - b'0')),
        ),
        _ => None,
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
        Self::slot_of(c.as_bytes())
    }

    #[inline]
    fn slot_of(b: &[u8]) -> Option<usize> {
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

    /// [`Self::contains`] of a code of 1-3 digits given as bytes; `false`
    /// for anything else.
    #[inline]
    fn has_digits(&self, b: &[u8]) -> bool {
        Self::slot_of(b).is_some_and(|i| self.digits[i])
    }
}

struct Codes {
    ssrf: CodeSet,
    oksm: CodeSet,
    spdul: CodeSet,
    operations: CodeSet,
    vehicle_types: CodeSet,
    /// By the number of a two-digit operation code: it replaces the plate.
    plate: [bool; 100],
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
            plate: std::array::from_fn(|n| {
                dict::operations()
                    .get(&format!("{n:02}"))
                    .is_some_and(|c| c.replaces_plate == dict::PlateReplacement::Yes)
            }),
        }
    })
}

/// Parses an N(12.6) value to millionths, for the power consistency check.
pub(crate) fn micros(v: &str) -> Option<i64> {
    // A value plain_micros reads has no blank and no `+`: collapsing and
    // trimming would give it back unchanged.
    if let Some(m) = plain_micros(v.as_bytes()) {
        return Some(m);
    }
    let t = collapse(v)?.trim_start_matches('+');
    plain_micros(t.as_bytes()).or_else(|| t.parse::<gtn_model::Decimal6>().ok().map(|d| d.micros()))
}

/// [`micros`] of the value whose bytes are `raw` and whose text `text`
/// gives: read from the bytes when they are the plain form (then they are
/// the text: ASCII, nothing to resolve), no text made.
pub(crate) fn micros_of<'a>(raw: &[u8], text: impl FnOnce() -> Cow<'a, str>) -> Option<i64> {
    plain_micros(raw).or_else(|| micros(&text()))
}

/// Whether the operation whose code is `raw` replaces the registration
/// plate (`PlateReplacement::Yes`), from a table, for a code of two ASCII
/// digits (`false` for one outside the dictionary); `None` for any other
/// value, for [`crate::format::rules::previous_plate`] to read.
pub(crate) fn replaces_plate(raw: &[u8]) -> Option<bool> {
    match *raw {
        [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => {
            Some(codes().plate[usize::from(a - b'0') * 10 + usize::from(b - b'0')])
        }
        _ => None,
    }
}

/// `-?[0-9]+(\.[0-9]{1,6})?` to millionths without a copy (the usual
/// power values); `None` for anything else, which `Decimal6` then reads
/// (giving the same for these).
fn plain_micros(b: &[u8]) -> Option<i64> {
    let (neg, b) = match b.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, b),
    };
    // One pass: the integer digits up to the first other byte, which
    // must be the point before one to six digits, or the end.
    let mut v: i64 = 0;
    let mut i = 0;
    while let Some(&c) = b.get(i).filter(|c| c.is_ascii_digit()) {
        v = v.checked_mul(10)?.checked_add(i64::from(c - b'0'))?;
        i += 1;
    }
    if i == 0 {
        return None;
    }
    let mut f: i64 = 0;
    if let Some((&dot, frac)) = b[i..].split_first() {
        if dot != b'.' || frac.is_empty() || frac.len() > 6 {
            return None;
        }
        for &c in frac {
            if !c.is_ascii_digit() {
                return None;
            }
            f = f * 10 + i64::from(c - b'0');
        }
        f *= [1, 10, 100, 1_000, 10_000, 100_000][6 - frac.len()];
    }
    let v = v.checked_mul(1_000_000)?.checked_add(f)?;
    Some(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value as text when it is plain ASCII with nothing to resolve or
    /// normalise (no reference, no control, no `<`): then it is what the
    /// schema sees, as it is in the file.
    /// The definition [`Class::plain`] is tested against.
    fn plain(raw: &[u8]) -> Option<&str> {
        if !raw.is_ascii() {
            return None;
        }
        let odd = raw.iter().fold(false, |acc, &b| {
            acc | (b < 0x20) | (b == b'&') | (b == b'<')
        });
        if odd {
            return None;
        }
        std::str::from_utf8(raw).ok()
    }

    /// The value the schema sees, with references only, with blanks only,
    /// with both, and the errors of a bad reference either way.
    #[test]
    fn attribute_values_normalised_and_resolved() {
        let v = |raw: &[u8]| attribute_value(raw).map(Cow::into_owned);
        assert_eq!(v(b"a &quot;b&quot; &amp; c").unwrap(), "a \"b\" & c");
        assert_eq!(v(b"\xC0&#x410;&#1040;").unwrap(), "ААА");
        assert_eq!(v(b"a\r\nb\tc\nd\re").unwrap(), "a b c d e");
        assert_eq!(v(b"a\r\n&lt;\t&gt;").unwrap(), "a <\t>".replace('\t', " "));
        assert_eq!(v(b"plain").unwrap(), "plain");
        for bad in [&b"a & b"[..], b"&nbsp;", b"&#1;", b"\t&x;"] {
            assert_eq!(v(bad).unwrap_err().0, "V011", "{bad:?}");
        }
    }
    #[test]
    fn plain_micros_agree_with_decimal6() {
        for v in [
            "0",
            "59.575399",
            "-1.5",
            "12.",
            ".5",
            "1.1234567",
            "007",
            "-",
            "",
            "1.2.3",
            "99999999999999999999",
            "9223372036854.775807",
            "1e3",
            "+1",
            "-0.000001",
        ] {
            let slow = v.parse::<gtn_model::Decimal6>().ok().map(|d| d.micros());
            if let Some(fast) = plain_micros(v.as_bytes()) {
                assert_eq!(Some(fast), slow, "{v}");
            }
        }
        assert_eq!(plain_micros(b"59.575399"), Some(59_575_399));
        assert_eq!(plain_micros(b"81"), Some(81_000_000));
    }

    /// The table of [`replaces_plate`] is the rule: for every code of two
    /// digits, the plate is needed exactly when the rule asks for it; any
    /// other value is left to the rule.
    #[test]
    fn replaces_plate_is_the_rule() {
        for n in 0..100 {
            let code = format!("{n:02}");
            assert_eq!(
                replaces_plate(code.as_bytes()),
                Some(crate::format::rules::previous_plate(&code, false).is_some()),
                "{code}"
            );
            assert_eq!(crate::format::rules::previous_plate(&code, true), None);
        }
        for other in ["", "1", "011", " 1", "1 ", "a1", "\u{0660}1"] {
            assert_eq!(replaces_plate(other.as_bytes()), None, "{other:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 5000, ..Default::default() })]
        /// [`micros_of`] the bytes is [`micros`] of their text.
        #[test]
        fn micros_of_is_micros_of_the_text(
            picks in proptest::collection::vec(0usize..12, 0..12),
        ) {
            const PIECES: [&str; 12] = ["0", "1", "9", ".", "-", "+", " ", "\t", "&#32;", "&amp;", "5", "\u{0451}"];
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let raw = text.as_bytes();
            let read = || unescape(raw).unwrap_or_default();
            proptest::prop_assert_eq!(micros_of(raw, read), micros(&read()), "{:?}", text);
        }
    }

    /// `micros` (plain form first) gives what the schema's reading gives:
    /// collapse the blanks, drop a leading `+`, read as a decimal.
    #[test]
    fn micros_is_the_collapsed_decimal() {
        let by_definition = |v: &str| {
            collapse(v)?
                .trim_start_matches('+')
                .parse::<gtn_model::Decimal6>()
                .ok()
                .map(|d| d.micros())
        };
        for v in [
            "81",
            " 81.5 ",
            "+81.5",
            "\t-0.5\n",
            "1 2",
            "",
            "+",
            "00081.500000",
        ] {
            assert_eq!(micros(v), by_definition(v), "{v:?}");
        }
        proptest::proptest!(|(v in "[ +\\-0-9.\t]{0,16}")| {
            proptest::prop_assert_eq!(micros(&v), by_definition(&v), "{:?}", v);
        });
    }

    #[test]
    fn decimals_count_like_xsd() {
        assert!(dec("123456.123456", 12, 6).is_none());
        assert!(dec("1234567.123456", 12, 6).is_some());
        assert!(dec("0.1000000", 12, 6).is_none());
        assert_eq!(dec("0001", 10, 2).unwrap().0, "V051");
        assert_eq!(dec(" 100 ", 12, 6).unwrap().0, "V051");
        assert_eq!(dec("1 00", 12, 6).unwrap().0, "V034");
        assert_eq!(dec("-0", 12, 6).unwrap().0, "V051");
        assert!(dec("1.234", 10, 2).is_some());
        assert_eq!(dec("-1", 12, 6).unwrap().0, "V050");
        assert_eq!(dec(".5", 12, 6).unwrap().0, "V051");
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

    /// [`quick_valid`] never says «valid» of a value [`check`] finds a
    /// problem in, for every type of the format, on every code of 1-3
    /// digits, every enumerated value and their neighbours; and it takes
    /// every code of the dictionaries (else the fast path would not pay).
    #[test]
    fn quick_valid_is_valid() {
        fn walk(e: &'static crate::format::Elem, out: &mut Vec<Ty>) {
            out.extend(e.attrs.iter().map(|a| a.ty));
            for c in e.children {
                for x in c.elems {
                    walk(x, out);
                }
            }
        }
        let mut types = Vec::new();
        for v in crate::format::VERSIONS {
            walk(v.root, &mut types);
        }
        let mut values: Vec<Vec<u8>> = Vec::new();
        for n in 0..1000 {
            values.push(format!("{n}").into_bytes());
            values.push(format!("{n:02}").into_bytes());
            values.push(format!("{n:03}").into_bytes());
        }
        for ty in &types {
            if let Ty::Enum(vs) = ty {
                for v in *vs {
                    values.push(v.as_bytes().to_vec());
                    values.push(format!(" {v}").into_bytes());
                    values.push(format!("{v}0").into_bytes());
                    values.push(v.as_bytes()[..v.len() - 1].to_vec());
                }
            }
        }
        for x in ["", " 1", "1 ", "1А", "A1", "+1", "-1", "1.", "\u{0}1"] {
            values.push(x.as_bytes().to_vec());
        }
        let mut taken = 0;
        for &ty in &types {
            for v in &values {
                if quick_valid(ty, v) {
                    taken += 1;
                    assert_eq!(check(ty, v), None, "{ty:?} {v:?}");
                }
            }
        }
        assert!(taken > 0);
        for (set, ty) in [
            (&dict::ssrf().entries, Ty::Ssrf),
            (&dict::oksm().entries, Ty::Oksm),
            (&dict::spdul().dictionary.entries, Ty::Spdul),
            (&dict::operations().dictionary.entries, Ty::Operation),
            (&dict::vehicle_types().entries, Ty::VehicleType),
        ] {
            for e in set.iter() {
                assert!(quick_valid(ty, e.code.as_bytes()), "{ty:?} {}", e.code);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 20000, ..Default::default() })]
        /// [`quick_valid`] of decimals and years says «valid» only of what
        /// [`check`] finds valid, and of the plain forms [`check`] takes.
        #[test]
        fn quick_valid_numbers(
            picks in proptest::collection::vec(0usize..8, 0..14),
            total in 1u8..14,
            frac in 0u8..7,
        ) {
            const PIECES: [&[u8]; 8] = [b"0", b"1", b"9", b"00", b".", b"-", b" ", b"+"];
            let raw: Vec<u8> = picks.iter().flat_map(|&i| PIECES[i].iter().copied()).collect();
            for ty in [Ty::Dec(total, frac), Ty::Year] {
                let problem = check(ty, &raw);
                if quick_valid(ty, &raw) {
                    proptest::prop_assert_eq!(&problem, &None, "{:?} {:?}", ty, raw);
                }
            }
            // A plain form (digits, one point inside, no leading zero)
            // that check finds valid is taken.
            let plain_form = !raw.is_empty()
                && raw.iter().all(|&b| b.is_ascii_digit() || b == b'.')
                && raw.iter().filter(|&&b| b == b'.').count() <= 1
                && raw[0] != b'.'
                && raw[raw.len() - 1] != b'.'
                && !(raw[0] == b'0' && raw.get(1).is_some_and(u8::is_ascii_digit));
            if plain_form && check(Ty::Dec(total, frac), &raw).is_none() {
                proptest::prop_assert!(quick_valid(Ty::Dec(total, frac), &raw), "{:?}", raw);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 20000, ..Default::default() })]
        /// [`quick_valid`] of ИНН, КПП and ОГРН says «valid» only of what
        /// [`check`] finds valid, and takes every value [`check`] finds
        /// valid that is written plainly (no space).
        #[test]
        fn quick_valid_identifiers(
            picks in proptest::collection::vec(0usize..16, 7..16),
            fix in proptest::prelude::any::<bool>(),
        ) {
            const BYTES: [u8; 16] = [
                b'0', b'0', b'1', b'2', b'3', b'4', b'5', b'6', b'7', b'8', b'9', b'A', b'Z', b'a',
                b' ', 0xC0,
            ];
            let raw: Vec<u8> = picks.iter().map(|&i| BYTES[i]).collect();
            for ty in [Ty::InnOrg, Ty::InnPerson, Ty::Kpp, Ty::Ogrn] {
                let mut raw = raw.clone();
                // Values with their check digits, else few would be valid.
                if fix && raw.iter().all(u8::is_ascii_digit) {
                    match (ty, raw.len()) {
                        (Ty::InnOrg, 10) => raw[9] = inn10_check(&raw[..9]),
                        (Ty::InnPerson, 12) => {
                            let c = inn12_check(&raw[..10]);
                            raw[10..].copy_from_slice(&c);
                        }
                        (Ty::Ogrn, 13) => raw[12] = ogrn13_check(&raw[..12]),
                        _ => {}
                    }
                }
                let problem = check(ty, &raw);
                if quick_valid(ty, &raw) {
                    proptest::prop_assert_eq!(&problem, &None, "{:?} {:?}", ty, raw);
                } else if !raw.contains(&b' ') {
                    proptest::prop_assert!(problem.is_some(), "{:?} {:?}", ty, raw);
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 5000, ..Default::default() })]
        /// [`quick_year`] is [`year_value`] of the value where it reads
        /// one, and reads every year [`quick_valid`] takes.
        #[test]
        fn quick_year_is_year_value(picks in proptest::collection::vec(0usize..8, 0..7)) {
            const BYTES: [u8; 8] = [b'0', b'1', b'9', b'5', b'-', b' ', b'a', b'+'];
            let raw: Vec<u8> = picks.iter().map(|&i| BYTES[i]).collect();
            if let Some(y) = quick_year(&raw) {
                let text = std::str::from_utf8(&raw).unwrap_or_default();
                proptest::prop_assert_eq!(Some(y), year_value(text), "{:?}", raw);
            }
            if quick_valid(Ty::Year, &raw) {
                proptest::prop_assert!(quick_year(&raw).is_some(), "{:?}", raw);
            }
        }
    }

    /// Values made of the bytes that matter to the fast paths.
    fn value() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            Just(&b"&"[..]),
            Just(&b";"[..]),
            Just(&b"&quot;"[..]),
            Just(&b"&amp;"[..]),
            Just(&b"&lt;"[..]),
            Just(&b"&gt;"[..]),
            Just(&b"&apos;"[..]),
            Just(&b"&#x41;"[..]),
            Just(&b"&#1;"[..]),
            Just(&b"&quo;"[..]),
            Just(&b"quot"[..]),
            Just(&b"<"[..]),
            Just(&b"\r\n"[..]),
            Just(&b"\t"[..]),
            Just(&b" "[..]),
            Just(&b"\x98"[..]),
            Just(&b"\x1f"[..]),
            Just(&b"\x7f"[..]),
            Just(&b"\x80"[..]),
            Just(&b"\xC0\xFF"[..]),
            Just(&b"0123456789"[..]),
            Just(&b"."[..]),
            Just(&b"A"[..]),
        ];
        proptest::collection::vec(piece, 0..12).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 5000, ..Default::default() })]
        /// The one pass of [`Class::of`] finds what the plain folds find,
        /// and [`Class::plain`] is [`plain`].
        #[test]
        fn class_agrees_with_the_byte_folds(raw in value(), shift in 0usize..8) {
            // Every alignment of the value's end against the eight-byte chunks.
            let raw = [&b"AAAAAAA"[..shift], &raw].concat();
            let c = Class::of(&raw);
            proptest::prop_assert_eq!(c.ascii, raw.is_ascii());
            let rare = raw.iter().any(|&b| b < 0x20 || b == 0x98 || b == b'&' || b == b'<');
            proptest::prop_assert_eq!(c.rare, rare);
            proptest::prop_assert_eq!(c.plain(&raw), plain(&raw));
        }

        /// [`check_quick`] reports what [`check`] reports, for texts and
        /// for the other types.
        #[test]
        fn check_quick_is_check(raw in value(), min in 0u16..6, len in 0u16..30) {
            let c = Class::of(&raw);
            for ty in [Ty::Text(min, min + len), Ty::Text(1, 1), Ty::Date, Ty::Int(3), Ty::Ssrf] {
                proptest::prop_assert_eq!(check_quick(ty, &raw, c), check(ty, &raw));
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 20000, ..Default::default() })]
        /// [`quick_date`] reads the dates [`check_date`] reads, the same
        /// days, and nothing else.
        #[test]
        fn quick_date_is_check_date(
            d in proptest::sample::select(vec!["00", "01", "28", "29", "30", "31", "32", "1", "a1", " 1"]),
            m in proptest::sample::select(vec!["00", "01", "02", "04", "12", "13", "1"]),
            y in proptest::sample::select(vec!["1899", "1900", "1904", "2000", "2024", "2025", "2099", "2100", "0000", "202", "２"]),
            sep in proptest::sample::select(vec![".", "-", ". "]),
        ) {
            let v = format!("{d}{sep}{m}{sep}{y}");
            let quick = quick_date(v.as_bytes()).map(|d| d.date());
            let slow = check_date(&v).ok().map(|d| d.date());
            proptest::prop_assert_eq!(quick, slow, "{}", v);
        }
    }

    #[test]
    fn check_quick_counts_references_as_one_character() {
        let c = |raw: &[u8]| check_quick(Ty::Text(3, 3), raw, Class::of(raw));
        assert!(c(b"&quot;\xC0&amp;").is_none());
        assert_eq!(c(b"&quot;\xC0&amp;&lt;").unwrap().0, "V032");
        assert_eq!(c(b"&bogus;ab").unwrap().0, "V011");
        assert_eq!(text_length(b"&apos;&gt;"), Some(2));
        assert_eq!(text_length(b"&#65;"), None);
        assert_eq!(text_length(b"a\r\nb"), None);
    }

    #[test]
    fn collapse_without_blanks_is_the_value() {
        assert_eq!(collapse("12.5"), Some("12.5"));
        assert_eq!(collapse(" 12.5\t"), Some("12.5"));
        assert_eq!(collapse("1 2"), None);
        assert_eq!(collapse(""), Some(""));
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
        assert_eq!(check(Ty::Date, b"29.02.1900").unwrap().0, "V048");
        assert_eq!(check(Ty::Date, b"31.04.2020").unwrap().0, "V035");
        assert!(check(Ty::Year, b"2025").is_none());
        assert_eq!(check(Ty::Year, b"2020Z").unwrap().0, "V051");
        assert_eq!(
            check(Ty::Year, b"0999").unwrap_or(("", String::new())).0,
            ""
        );
        assert_eq!(check(Ty::Year, b"0000").unwrap().0, "V036");
        assert_eq!(check(Ty::Year, b"02020").unwrap().0, "V036");
        assert_eq!(check(Ty::InnOrg, b" 5010015527").unwrap().0, "V037");
        assert!(check(Ty::InnOrg, b"5010015527&#xA;")
            .unwrap()
            .1
            .contains("перевод строки"));
        assert_eq!(check(Ty::Text(1, 3), b"a&#1;").unwrap().0, "V011");
        assert_eq!(check(Ty::Text(1, 3), b"a&#xFFFE;").unwrap().0, "V011");
        assert!(check(Ty::Text(1, 3), b"a&#x10000;").is_none());
        assert_eq!(check(Ty::Int(9), b"+6").unwrap().0, "V051");
        assert_eq!(check(Ty::Int(9), b" 6 ").unwrap().0, "V051");
        assert_eq!(check(Ty::Int(9), b"0").unwrap().0, "V034");
        assert_eq!(check(Ty::Text(2, 2), b"a\r\nb").unwrap().0, "V032");
        assert!(check(Ty::Text(3, 3), b"a\r\nb").is_none());
    }
}
