//! A windows-1251 XML byte buffer that checks every value it writes.

use crate::format::{Elem, Ty};
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

/// An element being written: its definition and the position reached in
/// its sequence of children.
struct Open {
    elem: &'static Elem,
    child: usize,
}

/// Placeholder for an element the tables do not have (a bug of the writer,
/// reported as F015).
static UNKNOWN: Elem = Elem {
    name: "?",
    attrs: &[],
    children: &[],
};

/// The buffer writes by the format's tables: every element is looked up in
/// its parent's sequence (in order), every attribute in its element, and
/// its type's facets are checked; the writer has no name, length or order
/// of its own.
pub(crate) struct Xml {
    pub buf: Vec<u8>,
    pub errors: Vec<FieldError>,
    /// The root of the version written.
    root: &'static Elem,
    /// Open elements, for look-ups, order, indentation and error paths.
    path: Vec<Open>,
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
            root: crate::format::latest().root,
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

    /// The definition of element `name` as the next child of the open
    /// element (or the root), moving along the parent's sequence.
    fn child(&mut self, name: &'static str) -> &'static Elem {
        let found = match self.path.last_mut() {
            None => (self.root.name == name).then_some(self.root),
            Some(top) => top.elem.children[top.child.min(top.elem.children.len())..]
                .iter()
                .position(|c| c.elems.iter().any(|e| e.name == name))
                .map(|i| {
                    top.child += i;
                    let c = &top.elem.children[top.child];
                    if c.max == 1 {
                        top.child += 1;
                    }
                    c.elems
                        .iter()
                        .copied()
                        .find(|e| e.name == name)
                        .unwrap_or(&UNKNOWN)
                }),
        };
        found.unwrap_or_else(|| {
            self.error(
                "F015",
                "",
                "",
                format!("внутренняя ошибка писателя: элемента {name} нет на этом месте в таблицах формата"),
            );
            &UNKNOWN
        })
    }

    /// The type of attribute `name` of the open element, from the tables.
    pub fn attr_type(&self, name: &str) -> Option<Ty> {
        self.path.last()?.elem.attr(name).map(|a| a.ty)
    }

    /// `<name`
    pub fn open(&mut self, name: &'static str) {
        let elem = self.child(name);
        if !self.path.is_empty() {
            self.indent();
        }
        self.buf.push(b'<');
        self.name(name);
        self.path.push(Open { elem, child: 0 });
    }

    /// Enters an element already written elsewhere (for paths and indentation).
    pub fn enter(&mut self, name: &'static str) {
        let elem = self.child(name);
        self.path.push(Open { elem, child: 0 });
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
        let name = self.path.pop().map_or("?", |o| o.elem.name);
        self.indent();
        self.buf.extend_from_slice(b"</");
        self.name(name);
        self.buf.push(b'>');
    }

    pub fn error(&mut self, code: &'static str, field: &str, attr: &str, message: String) {
        let mut xml = self
            .path
            .iter()
            .map(|o| o.elem.name)
            .collect::<Vec<_>>()
            .join("/");
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

    /// A required attribute of the open element: checks the length and
    /// enumeration facets of its type in the tables, the characters and
    /// windows-1251, escapes, writes. Surrounding spaces are trimmed.
    pub fn attr(&mut self, field: &str, name: &'static str, value: &str) {
        let v = value.trim();
        let Some(def) = self.path.last().and_then(|o| o.elem.attr(name)) else {
            self.error(
                "F015",
                field,
                name,
                "внутренняя ошибка писателя: такого атрибута нет у элемента в таблицах формата"
                    .into(),
            );
            return;
        };
        if let Ty::Enum(values) = def.ty {
            if !values.contains(&v) {
                self.error(
                    "F001",
                    field,
                    name,
                    format!("«{v}»: допустимые значения {}", values.join(", ")),
                );
                return;
            }
        }
        let n = v.chars().count();
        let (min, max) = def.ty.length().unwrap_or((1, usize::MAX));
        if n < min || n > max {
            let want = if min == max {
                format!("ровно {min}")
            } else {
                format!("от {min} до {max}")
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
    pub fn opt(&mut self, field: &str, name: &'static str, value: Option<&str>) {
        if let Some(v) = value {
            if !v.trim().is_empty() {
                self.attr(field, name, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::{at, el};

    #[test]
    fn the_tables_decide_order_names_and_lengths() {
        let mut x = Xml::new();
        x.open(el::FILE);
        x.attr("f", at::DOC_COUNT, "1");
        x.attr("f", at::FORMAT_VERSION, "4.05");
        x.attr("f", at::SURNAME, "Иванов");
        x.children();
        x.open(el::REG_ORG);
        x.attr("f", at::INN_ORG, "12345");
        x.children();
        x.close();
        // ИдОтпр comes before СвОргРег in Файл's sequence.
        x.open(el::SENDER);
        let codes: Vec<(&str, &str)> = x.errors.iter().map(|e| (e.code, e.xml.as_str())).collect();
        assert_eq!(
            codes,
            vec![
                ("F001", "Файл/@ВерсФорм"),
                ("F015", "Файл/@Фамилия"),
                ("F001", "Файл/СвОргРег/@ИННЮЛ"),
                ("F015", "Файл"),
            ],
            "{:#?}",
            x.errors
        );
    }
}
