//! Processing instructions: the target's grammar (XML 1.0, § 2.6 and § 2.3,
//! fifth edition, as libxml2 checks it). quick-xml hands a PI over without
//! looking at its target.

/// What is wrong with the target of `<?content?>` (the bytes between `<?`
/// and `?>`, windows-1251), if anything.
pub(super) fn target_error(content: &[u8]) -> Option<String> {
    let end = content
        .iter()
        .position(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
        .unwrap_or(content.len());
    let (target, _) = encoding_rs::WINDOWS_1251.decode_without_bom_handling(&content[..end]);
    let mut chars = target.chars();
    let Some(first) = chars.next() else {
        return Some("инструкция обработки без имени: после «<?» нужно имя".into());
    };
    if !is_name_start(first) {
        return Some(format!(
            "имя инструкции обработки «{target}» начинается со знака «{first}», которым имя начинаться не может"
        ));
    }
    if let Some(c) = chars.find(|&c| !is_name_char(c)) {
        return Some(format!(
            "в имени инструкции обработки «{target}» знак «{c}»: после имени нужен пробел"
        ));
    }
    if target.eq_ignore_ascii_case("xml") {
        return Some(format!(
            "инструкция обработки «{target}»: имя xml в любом регистре зарезервировано, объявление XML бывает только в начале файла"
        ));
    }
    None
}

/// NameStartChar (XML 1.0, fifth edition, production `[4]`).
fn is_name_start(c: char) -> bool {
    matches!(c,
        ':' | 'A'..='Z' | '_' | 'a'..='z'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

/// NameChar (production `[4a]`).
fn is_name_char(c: char) -> bool {
    is_name_start(c)
        || matches!(c,
            '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

#[cfg(test)]
mod tests {
    use super::target_error;

    #[test]
    fn targets_as_xml_1_0_says() {
        for ok in [
            "a",
            "a b",
            "xml-stylesheet href='x'",
            "xmlfoo",
            "_x",
            "Файл x",
            "a\tb",
            "a.b-c:d",
        ] {
            let (b, _, _) = encoding_rs::WINDOWS_1251.encode(ok);
            assert_eq!(target_error(&b), None, "{ok}");
        }
        for bad in ["", " a", "XML a", "xMl", "xml", "1a", "a\"b", "-a", "a«b"] {
            let (b, _, _) = encoding_rs::WINDOWS_1251.encode(bad);
            assert!(target_error(&b).is_some(), "{bad}");
        }
    }
}
