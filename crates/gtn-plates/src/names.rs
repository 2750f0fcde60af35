//! Tolerant comparison of region names («г. Москва», «Московская обл.», …).

/// Normalises a region name for comparison: lower case, `ё` → `е`, «обл.» →
/// «область», «респ.» → «республика», «а.о.»/«ао» → «автономный округ»,
/// «г.»/«город» dropped, dashes and punctuation as spaces, spaces collapsed.
pub fn normalise(name: &str) -> String {
    let lower = name.to_lowercase().replace('ё', "е");
    let spaced: String = lower
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '.' {
                c
            } else {
                ' '
            }
        })
        .collect();
    let mut words = Vec::new();
    for w in spaced.split_whitespace() {
        let w = w.trim_end_matches('.');
        let w = match w {
            "г" | "город" | "гор" => continue,
            "обл" => "область",
            "респ" => "республика",
            "ао" | "а.о" => "автономный округ",
            "авт" => "автономная",
            w => w,
        };
        if !w.is_empty() {
            words.push(w.to_owned());
        }
    }
    words.join(" ")
}

/// The forms under which a name may be matched: the whole name and, for
/// «Чувашская Республика - Чувашия», the part before « - »; parenthesised
/// parts («Республика Адыгея (Адыгея)») are dropped.
pub fn forms(name: &str) -> Vec<String> {
    let no_paren = match name.find('(') {
        Some(i) => &name[..i],
        None => name,
    };
    let mut out = vec![normalise(no_paren)];
    if let Some((head, _)) = no_paren.split_once(" - ") {
        out.push(normalise(head));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn normalisation() {
        assert_eq!(normalise("г. Москва"), "москва");
        assert_eq!(normalise("Город Москва"), "москва");
        assert_eq!(normalise("Московская обл."), "московская область");
        assert_eq!(normalise("  МОСКОВСКАЯ   область "), "московская область");
        assert_eq!(
            forms("Чувашская Республика - Чувашия")[1],
            "чувашская республика"
        );
        assert_eq!(
            forms("Республика Адыгея (Адыгея)"),
            vec!["республика адыгея"]
        );
    }
}
