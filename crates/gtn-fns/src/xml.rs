//! A windows-1251 XML byte buffer that checks every value it writes.

use encoding_rs::{EncoderResult, WINDOWS_1251};

/// Ошибка в значении поля записи: какое поле, какой атрибут, что не так.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    /// Stable code (F0xx).
    pub code: &'static str,
    /// Поле во входной записи (путь JSON, например `owner.full_name.surname`).
    pub field: String,
    /// Атрибут в файле (путь, например `СведФЛ/ФИО/@Фамилия`).
    pub xml: String,
    /// Что не так, по-русски.
    pub message: String,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "поле {} ({}): {} [{}]",
            self.field, self.xml, self.message, self.code
        )
    }
}

/// Length rule of a string attribute: T(min-max), in characters.
#[derive(Clone, Copy)]
pub(crate) struct Len(pub usize, pub usize);

pub(crate) struct Xml {
    pub buf: Vec<u8>,
    pub errors: Vec<FieldError>,
    /// Element path for error messages.
    path: Vec<&'static str>,
    encoder: encoding_rs::Encoder,
    /// windows-1251 bytes of the names written so far, by address: names are
    /// `&'static str` constants, encoded once instead of once per use.
    names: std::collections::HashMap<usize, Vec<u8>>,
}

impl Xml {
    pub fn new() -> Self {
        Self {
            buf: Vec::with_capacity(4096),
            errors: Vec::new(),
            path: Vec::new(),
            encoder: WINDOWS_1251.new_encoder(),
            names: std::collections::HashMap::new(),
        }
    }

    pub fn clear(&mut self) {
        self.buf.clear();
        self.errors.clear();
        self.path.clear();
    }

    pub fn raw(&mut self, s: &str) {
        // Only called with markup and names, all encodable.
        let _ = self
            .encoder
            .encode_from_utf8_to_vec_without_replacement(s, &mut self.buf, false);
    }

    /// An element or attribute name (a constant of `names.rs`).
    pub fn name(&mut self, name: &'static str) {
        let encoder = &mut self.encoder;
        let bytes = self.names.entry(name.as_ptr() as usize).or_insert_with(|| {
            let mut v = Vec::with_capacity(name.len());
            let _ = encoder.encode_from_utf8_to_vec_without_replacement(name, &mut v, false);
            v
        });
        self.buf.extend_from_slice(bytes);
    }

    fn indent(&mut self) {
        self.buf.extend_from_slice(b"\r\n");
        for _ in 0..self.path.len() {
            self.buf.push(b'\t');
        }
    }

    /// `<name`
    pub fn open(&mut self, name: &'static str) {
        if !self.path.is_empty() {
            self.indent();
        }
        self.buf.push(b'<');
        self.name(name);
        self.path.push(name);
    }

    /// Enters an element already written elsewhere (for paths and indentation).
    pub fn enter(&mut self, name: &'static str) {
        self.path.push(name);
    }

    /// Leaves an element entered with [`Xml::enter`].
    pub fn leave(&mut self) {
        self.path.pop();
    }

    /// `>` after the attributes of an element that has children.
    pub fn children(&mut self) {
        self.buf.push(b'>');
    }

    /// `/>` closing an element without children.
    pub fn empty(&mut self) {
        self.buf.extend_from_slice(b"/>");
        self.path.pop();
    }

    /// `</name>` closing an element with children.
    pub fn close(&mut self) {
        let name = self.path.pop().unwrap_or_default();
        self.indent();
        self.buf.extend_from_slice(b"</");
        self.name(name);
        self.buf.push(b'>');
    }

    pub fn error(&mut self, code: &'static str, field: &str, attr: &str, message: String) {
        let mut xml = self.path.join("/");
        if !attr.is_empty() {
            xml += "/@";
            xml += attr;
        }
        self.errors.push(FieldError {
            code,
            field: field.to_owned(),
            xml,
            message,
        });
    }

    /// A required string attribute: checks T(min-max), the characters and
    /// windows-1251, escapes, writes. Surrounding spaces are trimmed.
    pub fn attr(&mut self, field: &str, name: &'static str, value: &str, len: Len) {
        let v = value.trim();
        let n = v.chars().count();
        if n < len.0 || n > len.1 {
            let want = if len.0 == len.1 {
                format!("ровно {}", len.0)
            } else {
                format!("от {} до {}", len.0, len.1)
            };
            let msg = if n == 0 {
                "значение обязательно, а оно пустое".to_owned()
            } else {
                format!("длина {n} знаков, допустимо {want}")
            };
            self.error("F001", field, name, msg);
            return;
        }
        if let Some(c) = v
            .chars()
            .find(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        {
            self.error(
                "F002",
                field,
                name,
                format!("недопустимый управляющий символ U+{:04X}", c as u32),
            );
            return;
        }
        self.buf.push(b' ');
        self.name(name);
        self.buf.extend_from_slice(b"=\"");
        let escaped = quick_xml::escape::escape(v);
        // White space other than the space is kept as character references
        // (attribute-value normalisation would turn it into spaces).
        let escaped = if escaped.contains(['\t', '\n', '\r']) {
            std::borrow::Cow::Owned(
                escaped
                    .replace('\t', "&#9;")
                    .replace('\n', "&#10;")
                    .replace('\r', "&#13;"),
            )
        } else {
            escaped
        };
        let start = self.buf.len();
        let (res, _) = self.encoder.encode_from_utf8_to_vec_without_replacement(
            &escaped,
            &mut self.buf,
            false,
        );
        if let EncoderResult::Unmappable(c) = res {
            self.buf.truncate(start);
            self.error(
                "F003",
                field,
                name,
                format!(
                    "символ «{c}» (U+{:04X}) нельзя записать в кодировке windows-1251",
                    c as u32
                ),
            );
        }
        self.buf.push(b'"');
    }

    /// An optional attribute: written only when present and not blank.
    pub fn opt(&mut self, field: &str, name: &'static str, value: Option<&str>, len: Len) {
        if let Some(v) = value {
            if !v.trim().is_empty() {
                self.attr(field, name, v, len);
            }
        }
    }
}
