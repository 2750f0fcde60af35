//! Small text helpers shared by the printers and the message translators:
//! naming invisible characters, the nearest known name.

/// Edit distance (Levenshtein) between two strings, in characters.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(!ca.eq_ignore_ascii_case(cb));
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The known name closest to `name`, if it is close enough to be a typo
/// (at most a third of its length, at least one edit allowed).
pub fn nearest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    known
        .into_iter()
        .map(|k| (distance(name, k), k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Name of an invisible or control character, if it is one a person
/// cannot see in «…»: `U+200B ZERO WIDTH SPACE`.
pub fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{0}' => "NULL",
        '\t' => "CHARACTER TABULATION",
        '\n' => "LINE FEED",
        '\r' => "CARRIAGE RETURN",
        '\u{1B}' => "ESCAPE",
        '\u{7F}' => "DELETE",
        '\u{A0}' => "NO-BREAK SPACE",
        '\u{AD}' => "SOFT HYPHEN",
        '\u{34F}' => "COMBINING GRAPHEME JOINER",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{2000}'..='\u{200A}' => "SPACE (typographic)",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{2028}' => "LINE SEPARATOR",
        '\u{2029}' => "PARAGRAPH SEPARATOR",
        '\u{202A}'..='\u{202E}' => "BIDIRECTIONAL FORMATTING",
        '\u{202F}' => "NARROW NO-BREAK SPACE",
        '\u{2060}' => "WORD JOINER",
        '\u{2066}'..='\u{2069}' => "BIDIRECTIONAL ISOLATE",
        '\u{3000}' => "IDEOGRAPHIC SPACE",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE (BOM)",
        '\u{FFFD}' => "REPLACEMENT CHARACTER",
        c if c.is_control() => "CONTROL",
        // Combining marks (U+0300-036F, U+1AB0-1AFF, U+1DC0-1DFF, U+20D0-20FF, U+FE20-FE2F).
        '\u{300}'..='\u{36F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}' => "COMBINING MARK",
        _ => return None,
    })
}

/// A value as shown inside «…»: every invisible or control character is
/// replaced by `<U+200B ZERO WIDTH SPACE>`, so a person sees what is there.
/// A combining mark after a visible letter is kept (it is part of the letter);
/// one at the start or after a space is named.
pub fn show(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut prev: Option<char> = None;
    for c in value.chars() {
        let combining_ok = matches!(invisible_name(c), Some("COMBINING MARK"))
            && prev.is_some_and(|p| p.is_alphanumeric());
        match invisible_name(c) {
            Some(name) if !combining_ok && c != ' ' => {
                out += &format!("<U+{:04X} {name}>", c as u32);
            }
            _ => out.push(c),
        }
        prev = Some(c);
    }
    out
}

/// Does the value contain anything [`show`] would name?
pub fn has_invisible(value: &str) -> bool {
    show(value) != value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_invisible_characters() {
        assert_eq!(show("АВ\u{200B}77"), "АВ<U+200B ZERO WIDTH SPACE>77");
        assert_eq!(
            show("\u{FEFF}x"),
            "<U+FEFF ZERO WIDTH NO-BREAK SPACE (BOM)>x"
        );
        assert_eq!(show("\u{301}a"), "<U+0301 COMBINING MARK>a");
        assert_eq!(show("е\u{301}"), "е\u{301}");
        assert_eq!(show("a b"), "a b");
        assert_eq!(show("a\tb"), "a<U+0009 CHARACTER TABULATION>b");
    }

    #[test]
    fn nearest_name() {
        let known = ["power_hp", "power_kw", "number", "volume_cm3"];
        assert_eq!(nearest("power_kW", known), Some("power_kw"));
        assert_eq!(nearest("powr_hp", known), Some("power_hp"));
        assert_eq!(nearest("colour", known), None);
    }
}
