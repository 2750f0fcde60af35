//! Attributes of a start tag, split on the raw bytes.
//!
//! The format's tags are `Имя Атр="знач" Атр2="знач"`; this is the XML
//! grammar of attributes (blanks around `=`, either quote) without the
//! generality a validator pays for and does not need: no decoding, no
//! copying, one `memchr` per value.

/// One attribute: its offset in the tag's content, name and raw value.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Attr<'a> {
    pub offset: usize,
    pub key: &'a [u8],
    pub value: &'a [u8],
    /// [`super::values::Class::of`] the value, when the tokenizer read it.
    pub class: Option<super::values::Class>,
}

/// Broken attribute syntax: where and what.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub offset: usize,
    pub message: &'static str,
}

/// Iterator over the attributes of a tag's content (`Имя атрибуты`, without
/// `<`, `/` and `>`).
pub(crate) struct Attrs<'a> {
    s: &'a [u8],
    pos: usize,
}

impl<'a> Attrs<'a> {
    /// `content` as given by the parser; attributes start after `name_len`.
    pub fn new(content: &'a [u8], name_len: usize) -> Self {
        Self {
            s: content,
            pos: name_len.min(content.len()),
        }
    }

    fn fail(
        &mut self,
        offset: usize,
        message: &'static str,
    ) -> Option<Result<Attr<'a>, SyntaxError>> {
        self.pos = self.s.len();
        Some(Err(SyntaxError { offset, message }))
    }
}

fn blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

impl<'a> Iterator for Attrs<'a> {
    type Item = Result<Attr<'a>, SyntaxError>;

    fn next(&mut self) -> Option<Self::Item> {
        let s = self.s;
        let mut i = self.pos;
        let gap = i;
        while i < s.len() && blank(s[i]) {
            i += 1;
        }
        if i >= s.len() {
            self.pos = i;
            return None;
        }
        if i == gap {
            return self.fail(i, "между атрибутами нужен пробел");
        }
        let k0 = i;
        while i < s.len() && !blank(s[i]) && !matches!(s[i], b'=' | b'"' | b'\'') {
            i += 1;
        }
        let key = &s[k0..i];
        while i < s.len() && blank(s[i]) {
            i += 1;
        }
        if key.is_empty() || s.get(i) != Some(&b'=') {
            return self.fail(k0, "после имени атрибута нет знака =");
        }
        i += 1;
        while i < s.len() && blank(s[i]) {
            i += 1;
        }
        let quote = match s.get(i) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => return self.fail(i, "значение атрибута не в кавычках"),
        };
        let Some(len) = memchr::memchr(quote, &s[i + 1..]) else {
            return self.fail(i, "не закрыта кавычка значения атрибута");
        };
        let value = &s[i + 1..i + 1 + len];
        self.pos = i + 2 + len;
        Some(Ok(Attr {
            offset: k0,
            key,
            value,
            class: None,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(s: &str) -> Vec<Result<(String, String), &'static str>> {
        let name = s.find([' ', '\n', '\t']).unwrap_or(s.len());
        Attrs::new(s.as_bytes(), name)
            .map(|a| {
                a.map(|a| {
                    (
                        String::from_utf8(a.key.to_vec()).unwrap(),
                        String::from_utf8(a.value.to_vec()).unwrap(),
                    )
                })
                .map_err(|e| e.message)
            })
            .collect()
    }

    #[test]
    fn splits_like_xml() {
        let ok = |k: &str, v: &str| Ok((k.to_owned(), v.to_owned()));
        assert_eq!(all("a"), vec![]);
        assert_eq!(
            all("a x=\"1\" y='2 \"3\"'"),
            vec![ok("x", "1"), ok("y", "2 \"3\"")]
        );
        assert_eq!(all("a\n\tx = \"\"\r\n"), vec![ok("x", "")]);
        assert_eq!(
            all("a x=\"1\"y=\"2\""),
            vec![ok("x", "1"), Err("между атрибутами нужен пробел")]
        );
        assert_eq!(all("a x=1"), vec![Err("значение атрибута не в кавычках")]);
        assert_eq!(all("a x"), vec![Err("после имени атрибута нет знака =")]);
        assert_eq!(
            all("a =\"1\""),
            vec![Err("после имени атрибута нет знака =")]
        );
        assert_eq!(
            all("a x=\"1"),
            vec![Err("не закрыта кавычка значения атрибута")]
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_stops(s in proptest::collection::vec(proptest::num::u8::ANY, 0..64), n in 0usize..70) {
            let count = Attrs::new(&s, n).take(100).count();
            proptest::prop_assert!(count <= s.len() / 2 + 1);
        }
    }
}
