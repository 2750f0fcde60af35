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
    xsd_type: None,
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
    /// Where the value of an attribute written by [`Xml::attr_later`] goes.
    pub later: Option<usize>,
    /// Reused for numbers and dates.
    scratch: String,
    /// windows-1251 bytes of the names written so far, by address and
    /// length: names are `&'static str` constants, encoded once.
    names: rustc_hash::FxHashMap<(usize, usize), Box<[u8]>>,
    /// The last name of `names` whose key falls in each slot, with its
    /// bytes: a hit costs a third of the map's look-up.
    recent_names: Box<[RecentName; RECENT_NAMES]>,
    /// Attributes looked up so far, by element and name (addresses).
    attrs: rustc_hash::FxHashMap<AttrKey, Option<Found>>,
    /// The last look-up of `attrs` whose key falls in each slot: a hit
    /// costs a third of the map's look-up (the key is the same).
    recent: Box<[(AttrKey, Option<Found>); RECENT]>,
    /// The last answers of [`Xml::child`], by parent, position and name.
    recent_children: Box<[ChildAnswer; RECENT_CHILDREN]>,
    /// ` name="` of the attributes in `attrs`, the name in windows-1251:
    /// written with one copy.
    encoded: Vec<u8>,
}

/// An attribute of an element: the addresses of the element's definition
/// and of the name, and the name's length.
type AttrKey = (usize, usize, usize);

/// Slots of [`Xml::recent_names`], and the longest name they hold (in
/// windows-1251 bytes; a longer one is looked up in `names` each time).
const RECENT_NAMES: usize = 64;
const NAME_BYTES: usize = 24;

/// A slot of [`Xml::recent_names`]: the name's address and length, its
/// bytes and how many of them there are.
type RecentName = ((usize, usize), [u8; NAME_BYTES], u8);

/// Slots of [`Xml::recent`].
const RECENT: usize = 256;

/// Slots of [`Xml::recent_children`].
const RECENT_CHILDREN: usize = 64;

/// A child look-up: the parent's address, the position in its sequence, the
/// name's address and length; the position after it and the child's
/// definition.
type ChildAnswer = ((usize, usize, usize, usize), usize, &'static Elem);

/// An attribute of the tables as [`Xml::attr`] needs it.
#[derive(Clone, Copy)]
struct Found {
    ty: Ty,
    min: usize,
    max: usize,
    /// Its ` name="` in `Xml::encoded`.
    start: usize,
    end: usize,
    /// The same bytes, when they fit, padded: copied as a block of fixed
    /// length and cut back (no call to copy a few bytes).
    inline: Option<[u8; NAME_BLOCK]>,
}

/// The longest ` name="` kept in [`Found::inline`].
const NAME_BLOCK: usize = 32;

impl Xml {
    pub fn new() -> Self {
        Self {
            buf: Vec::with_capacity(4096),
            errors: Vec::new(),
            root: crate::format::latest().root,
            path: Vec::new(),
            encoder: WINDOWS_1251.new_encoder(),
            later: None,
            scratch: String::new(),
            names: rustc_hash::FxHashMap::default(),
            recent_names: Box::new([((0, 0), [0; NAME_BYTES], 0); RECENT_NAMES]),
            attrs: rustc_hash::FxHashMap::default(),
            recent: Box::new([((0, 0, 0), None); RECENT]),
            // No parent is at address 0: the empty slots never match.
            recent_children: Box::new([((0, 0, 0, 0), 0, &UNKNOWN); RECENT_CHILDREN]),
            encoded: Vec::new(),
        }
    }

    pub fn clear(&mut self) {
        self.buf.clear();
        self.errors.clear();
        self.path.clear();
        self.later = None;
    }

    pub fn raw(&mut self, s: &str) {
        // Only called with markup and names, all encodable.
        let _ = self
            .encoder
            .encode_from_utf8_to_vec_without_replacement(s, &mut self.buf, false);
    }

    /// An element or attribute name (a constant of `names.rs`): Cyrillic
    /// and ASCII letters, encoded directly.
    pub fn name(&mut self, name: &'static str) {
        let key = (name.as_ptr() as usize, name.len());
        let slot = (key.0 >> 2) % RECENT_NAMES;
        let (k, bytes, n) = &self.recent_names[slot];
        if *k == key {
            self.buf.extend_from_slice(&bytes[..usize::from(*n)]);
            return;
        }
        if let Some(bytes) = self.names.get(&key) {
            self.buf.extend_from_slice(bytes);
            if let Ok(n) = u8::try_from(bytes.len()) {
                if bytes.len() <= NAME_BYTES {
                    let mut copy = [0; NAME_BYTES];
                    copy[..bytes.len()].copy_from_slice(bytes);
                    self.recent_names[slot] = (key, copy, n);
                }
            }
            return;
        }
        let start = self.buf.len();
        let bytes = name.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                self.buf.push(b);
                i += 1;
            } else if let Some(c) = cyrillic_pair(b, bytes.get(i + 1).copied()) {
                self.buf.push(c);
                i += 2;
            } else {
                let Some(c) = name.get(i..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                i += c.len_utf8();
                let _ = self.encode_char(c);
            }
        }
        let encoded = self.buf[start..].into();
        self.names.insert(key, encoded);
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
            Some(top) => {
                // The search depends only on the parent, the position in its
                // sequence and the name: its last answer for each slot is
                // kept (a hit costs a fifth of the search).
                let key = (
                    std::ptr::from_ref(top.elem) as usize,
                    top.child,
                    name.as_ptr() as usize,
                    name.len(),
                );
                let slot = (key.0 >> 4 ^ key.2 >> 2 ^ key.1) % RECENT_CHILDREN;
                let (k, next, elem) = self.recent_children[slot];
                if k == key {
                    top.child = next;
                    return elem;
                }
                let found = top.elem.children[top.child.min(top.elem.children.len())..]
                    .iter()
                    .position(|c| c.elems.iter().any(|e| same(e.name, name)))
                    .map(|i| {
                        top.child += i;
                        let c = &top.elem.children[top.child];
                        if c.max == 1 {
                            top.child += 1;
                        }
                        c.elems
                            .iter()
                            .copied()
                            .find(|e| same(e.name, name))
                            .unwrap_or(&UNKNOWN)
                    });
                if let Some(elem) = found {
                    self.recent_children[slot] = (key, top.child, elem);
                }
                found
            }
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
    pub fn attr_type(&mut self, name: &'static str) -> Option<Ty> {
        self.attr_def(name).map(|a| a.ty)
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
    ///
    /// One pass over the value counts its characters, finds the first
    /// control character and writes it escaped and encoded; the problems
    /// are then reported in the order of the checks (length, control
    /// character, windows-1251), each stopping the attribute.
    pub fn attr<F: FieldPath>(&mut self, field: F, name: &'static str, value: &str) {
        let v = trim(value);
        let Some(found) = self.attr_def(name) else {
            self.error(
                "F015",
                &field.path(),
                name,
                "внутренняя ошибка писателя: такого атрибута нет у элемента в таблицах формата"
                    .into(),
            );
            return;
        };
        let Found { ty, min, max, .. } = found;
        if let Ty::Enum(values) = ty {
            if !values.contains(&v) {
                self.error(
                    "F001",
                    &field.path(),
                    name,
                    format!("«{v}»: допустимые значения {}", values.join(", ")),
                );
                return;
            }
        }
        let before = self.buf.len();
        self.put_name(&found);
        let start = self.buf.len();
        let (n, control, unmappable) = self.value(v);
        if n < min || n > max {
            self.buf.truncate(before);
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
            self.error("F001", &field.path(), name, msg);
            return;
        }
        if let Some(c) = control {
            self.buf.truncate(before);
            self.error(
                "F002",
                &field.path(),
                name,
                format!("недопустимый управляющий символ U+{:04X}", c as u32),
            );
            return;
        }
        if let Some(c) = unmappable {
            self.buf.truncate(start);
            self.error(
                "F003",
                &field.path(),
                name,
                format!(
                    "символ «{c}» (U+{:04X}) нельзя записать в кодировке windows-1251",
                    c as u32
                ),
            );
        }
        self.buf.push(b'"');
    }

    /// [`Xml::attr`] of a value given as bytes, for values made of ASCII
    /// digits and punctuation (dates, decimals, years, the identifiers of
    /// gtn-model kept as byte arrays): such a value, within its attribute's
    /// length and not an enumeration, is written as it is, without turning
    /// it into a `&str` first (a `from_utf8` call) nor trimming, escaping
    /// and encoding it. Anything else is [`Xml::attr`] itself, which stays
    /// the definition (`attr_ascii_is_attr` checks that they agree).
    pub fn attr_ascii<F: FieldPath>(&mut self, field: F, name: &'static str, text: &[u8]) {
        if let Some(found) = self.attr_def(name) {
            let Found { ty, min, max, .. } = found;
            let plain = |&b: &u8| b > b' ' && plain_ascii(b);
            if !matches!(ty, Ty::Enum(_))
                && (min..=max).contains(&text.len())
                && !text.is_empty()
                && text.iter().all(plain)
            {
                self.put_name(&found);
                self.buf.extend_from_slice(text);
                self.buf.push(b'"');
                return;
            }
        }
        self.attr(field, name, &String::from_utf8_lossy(text));
    }

    /// Appends ` name="` of an attribute found by [`Xml::attr_def`].
    #[inline]
    fn put_name(&mut self, found: &Found) {
        match &found.inline {
            Some(block) => {
                let at = self.buf.len();
                self.buf.extend_from_slice(block);
                self.buf.truncate(at + (found.end - found.start));
            }
            None => self
                .buf
                .extend_from_slice(&self.encoded[found.start..found.end]),
        }
    }

    /// Attribute `name` of the open element: its type, length facets and
    /// where its windows-1251 name is in `encoded`, looked up in the tables
    /// once per element and name.
    fn attr_def(&mut self, name: &'static str) -> Option<Found> {
        let elem = self.path.last()?.elem;
        let key = (
            std::ptr::from_ref(elem) as usize,
            name.as_ptr() as usize,
            name.len(),
        );
        // Names are distinct constants, a few bytes apart at least.
        let slot = (key.1 >> 2 ^ key.0 >> 4) % RECENT;
        if self.recent[slot].0 == key {
            return self.recent[slot].1;
        }
        if let Some(f) = self.attrs.get(&key) {
            self.recent[slot] = (key, *f);
            return *f;
        }
        let found = elem.attr(name).map(|def| {
            let (min, max) = def.ty.length().unwrap_or((1, usize::MAX));
            let mark = self.buf.len();
            self.name(name);
            let start = self.encoded.len();
            self.encoded.push(b' ');
            self.encoded.extend_from_slice(&self.buf[mark..]);
            self.encoded.extend_from_slice(b"=\"");
            self.buf.truncate(mark);
            let end = self.encoded.len();
            let inline = (end - start <= NAME_BLOCK).then(|| {
                let mut block = [0; NAME_BLOCK];
                block[..end - start].copy_from_slice(&self.encoded[start..end]);
                block
            });
            Found {
                ty: def.ty,
                min,
                max,
                start,
                end,
                inline,
            }
        });
        self.attrs.insert(key, found);
        found
    }

    /// Writes `v` escaped (the five markup characters as entities, tab and
    /// line breaks as character references: attribute-value normalisation
    /// would turn them into spaces) in windows-1251, up to the first
    /// character windows-1251 lacks. Returns the number of characters, the
    /// first control character other than tab and line breaks, and the
    /// first character windows-1251 lacks.
    fn value(&mut self, v: &str) -> (usize, Option<char>, Option<char>) {
        let bytes = v.as_bytes();
        // Most values are plain ASCII (codes, numbers, dates) or runs of
        // ASCII letters, digits, spaces and punctuation and of Cyrillic
        // letters. The value is copied at once and turned into windows-1251
        // where it lies: a plain ASCII byte stays, a Cyrillic letter's two
        // bytes become one, so what is written never overtakes what is
        // read; the plain ASCII start is not written again. Anything else
        // is left to the general loop below, from the value's start.
        let ascii = bytes.iter().take_while(|&&b| plain_ascii(b)).count();
        let start = self.buf.len();
        self.buf.extend_from_slice(bytes);
        if ascii == bytes.len() {
            return (ascii, None, None);
        }
        let out = &mut self.buf[start..];
        let (mut i, mut w) = (ascii, ascii);
        while let Some(&b) = out.get(i) {
            if plain_ascii(b) {
                i += 1;
            } else if let Some(c) = cyrillic_pair(b, out.get(i + 1).copied()) {
                i += 2;
                out[w] = c;
                w += 1;
                continue;
            } else {
                break;
            }
            out[w] = b;
            w += 1;
        }
        if i == bytes.len() {
            self.buf.truncate(start + w);
            return (w, None, None);
        }
        self.buf.truncate(start);
        self.value_general(v)
    }

    /// [`Xml::value`] for any value.
    fn value_general(&mut self, v: &str) -> (usize, Option<char>, Option<char>) {
        let bytes = v.as_bytes();
        let mut n = 0;
        let mut control = None;
        let mut unmappable = None;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // Runs of plain ASCII and of Cyrillic letters, in blocks.
            if plain_ascii(b) {
                let run = i;
                while i < bytes.len() && plain_ascii(bytes[i]) {
                    i += 1;
                }
                n += i - run;
                if unmappable.is_none() {
                    self.buf.extend_from_slice(&bytes[run..i]);
                }
                continue;
            }
            if b == 0xD0 || b == 0xD1 {
                let mut block = [0u8; 64];
                let mut k = 0;
                while k < block.len() {
                    match bytes
                        .get(i)
                        .and_then(|&first| cyrillic_pair(first, bytes.get(i + 1).copied()))
                    {
                        Some(c) => {
                            block[k] = c;
                            k += 1;
                            i += 2;
                        }
                        None => break,
                    }
                }
                if k > 0 {
                    n += k;
                    if unmappable.is_none() {
                        self.buf.extend_from_slice(&block[..k]);
                    }
                    continue;
                }
            }
            n += 1;
            if b < 0x80 {
                i += 1;
                match PLAIN[usize::from(b)] {
                    PLAIN_BYTE => {
                        if unmappable.is_none() {
                            self.buf.push(b);
                        }
                    }
                    CONTROL => {
                        control.get_or_insert(char::from(b));
                    }
                    _ => {
                        let entity: &[u8] = match b {
                            b'<' => b"&lt;",
                            b'>' => b"&gt;",
                            b'\'' => b"&apos;",
                            b'&' => b"&amp;",
                            b'"' => b"&quot;",
                            b'\t' => b"&#9;",
                            b'\n' => b"&#10;",
                            _ => b"&#13;",
                        };
                        if unmappable.is_none() {
                            self.buf.extend_from_slice(entity);
                        }
                    }
                }
                continue;
            }
            if let Some(c) = cyrillic_pair(b, bytes.get(i + 1).copied()) {
                i += 2;
                if unmappable.is_none() {
                    self.buf.push(c);
                }
                continue;
            }
            let Some(c) = v.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            i += c.len_utf8();
            if c.is_control() {
                control.get_or_insert(c);
            } else if unmappable.is_none() && !self.encode_char(c) {
                unmappable = Some(c);
            }
        }
        (n, control, unmappable)
    }

    /// Appends one character in windows-1251 through encoding_rs; `false`
    /// if windows-1251 has no such character.
    fn encode_char(&mut self, c: char) -> bool {
        if let Some(b) = common_1251(c) {
            self.buf.push(b);
            return true;
        }
        let mut utf8 = [0u8; 4];
        let mut out = [0u8; 8];
        let (res, _, written) = self.encoder.encode_from_utf8_without_replacement(
            c.encode_utf8(&mut utf8),
            &mut out,
            false,
        );
        match res {
            EncoderResult::InputEmpty => {
                self.buf.extend_from_slice(&out[..written]);
                true
            }
            _ => false,
        }
    }

    /// An optional attribute: written only when present and not blank.
    pub fn opt<F: FieldPath>(&mut self, field: F, name: &'static str, value: Option<&str>) {
        if let Some(v) = value {
            if !trim(v).is_empty() {
                self.attr(field, name, v);
            }
        }
    }

    /// An attribute whose value comes later: ` name=""` is written and
    /// [`Xml::later`] says where the value goes (ИдДок of a record
    /// without one, numbered in input order by the caller).
    pub fn attr_later(&mut self, field: &str, name: &'static str) {
        if self.path.last().and_then(|o| o.elem.attr(name)).is_none() {
            self.attr(field, name, "");
            return;
        }
        self.buf.push(b' ');
        self.name(name);
        self.buf.extend_from_slice(b"=\"");
        self.later = Some(self.buf.len());
        self.buf.push(b'"');
    }

    /// Formats into a reused buffer and writes the result as an attribute.
    pub fn attr_fmt<F: FieldPath>(
        &mut self,
        field: F,
        name: &'static str,
        value: std::fmt::Arguments<'_>,
    ) {
        let mut s = std::mem::take(&mut self.scratch);
        s.clear();
        let _ = std::fmt::Write::write_fmt(&mut s, value);
        self.attr(field, name, &s);
        self.scratch = s;
    }
}

const PLAIN_BYTE: u8 = 0;

/// An ASCII byte written as it is (no reference, no error).
#[inline(always)]
fn plain_ascii(b: u8) -> bool {
    b < 0x80 && PLAIN[usize::from(b)] == PLAIN_BYTE
}
const CONTROL: u8 = 1;
const ENTITY: u8 = 2;

/// What an ASCII byte of a value becomes: itself, an error (a control
/// character other than tab and line breaks), or a reference.
static PLAIN: [u8; 128] = {
    let mut t = [PLAIN_BYTE; 128];
    let mut b = 0;
    while b < 0x20 {
        t[b] = CONTROL;
        b += 1;
    }
    t[0x7f] = CONTROL;
    t[b'<' as usize] = ENTITY;
    t[b'>' as usize] = ENTITY;
    t[b'\'' as usize] = ENTITY;
    t[b'&' as usize] = ENTITY;
    t[b'"' as usize] = ENTITY;
    t[b'\t' as usize] = ENTITY;
    t[b'\n' as usize] = ENTITY;
    t[b'\r' as usize] = ENTITY;
    t
};

/// The windows-1251 byte of the punctuation met in names and addresses
/// («», №, dashes, quotes): encoding_rs's answer without its set-up (270
/// instructions a character). `common_1251_is_encoding_rs` checks it.
#[inline]
fn common_1251(c: char) -> Option<u8> {
    Some(match c {
        '«' => 0xAB,
        '»' => 0xBB,
        '№' => 0xB9,
        '–' => 0x96,
        '—' => 0x97,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '„' => 0x84,
        '\u{A0}' => 0xA0,
        _ => return None,
    })
}

/// The windows-1251 byte of a Cyrillic letter А-я, Ё, ё (the letters of
/// every name and of most values) from its two UTF-8 bytes, without a
/// table look-up.
#[inline]
fn cyrillic_pair(first: u8, second: Option<u8>) -> Option<u8> {
    match (first, second?) {
        (0xD0, c @ 0x90..=0xBF) => Some(c + 0x30),
        (0xD1, c @ 0x80..=0x8F) => Some(c + 0x70),
        (0xD0, 0x81) => Some(0xA8),
        (0xD1, 0x91) => Some(0xB8),
        _ => None,
    }
}

/// The input field an error names (`owner.full_name.surname`), put
/// together only when there is an error to name it in.
pub(crate) trait FieldPath {
    /// The path.
    fn path(&self) -> String;
}

impl FieldPath for &str {
    fn path(&self) -> String {
        (*self).to_owned()
    }
}

/// A prefix and a last part, joined with a dot.
impl FieldPath for (&str, &str) {
    fn path(&self) -> String {
        format!("{}.{}", self.0, self.1)
    }
}

/// Equal names: the same constant (the tables and the writer use those of
/// `names.rs`), or equal text.
fn same(a: &'static str, b: &'static str) -> bool {
    std::ptr::eq(a, b) || a == b
}

/// `s.trim()` (Unicode white space), without decoding either end when it
/// is plainly not white space: an ASCII byte other than tab to CR and space,
/// or a two-byte character led by 0xD0 or 0xD1 (Cyrillic; no white space
/// is there). Values are trimmed twice each, and `str::trim` decodes a
/// character at each end (1 400 instructions a document).
pub(crate) fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let plain = |c: u8| c.is_ascii() && !matches!(c, b'\t'..=b'\r' | b' ');
    let first = b
        .first()
        .is_some_and(|&c| plain(c) || c == 0xD0 || c == 0xD1);
    let last = match b {
        [.., lead, c] if !c.is_ascii() => *lead == 0xD0 || *lead == 0xD1,
        [.., c] => plain(*c),
        [] => false,
    };
    if first && last {
        s
    } else {
        s.trim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::{at, el};

    /// [`trim`] is `str::trim`: every ASCII byte and every character at
    /// either end of short strings of white space, ASCII, Cyrillic and
    /// other characters.
    #[test]
    fn trim_is_str_trim() {
        let mut chars: Vec<char> = (0u8..0x80).map(char::from).collect();
        chars.extend("\u{85}\u{A0}\u{1680}\u{2000}\u{200A}\u{2028}\u{202F}\u{205F}\u{3000}\u{FEFF}ЁАЯаяёЀѿ€é".chars());
        for &a in &chars {
            for &z in &chars {
                for mid in ["", "x", "Ж", " "] {
                    let s = format!("{a}{mid}{z}");
                    assert_eq!(trim(&s), s.trim(), "{s:?}");
                    let s = format!("{a}");
                    assert_eq!(trim(&s), s.trim(), "{s:?}");
                }
            }
        }
        assert_eq!(trim(""), "");
    }

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

    /// The attribute as written before issue 15: checks one after the
    /// other, then quick-xml's escape, character references, encoding_rs.
    fn attr_before(v: &str, min: usize, max: usize) -> Result<Vec<u8>, String> {
        let n = v.chars().count();
        if n < min || n > max {
            return Err("F001".into());
        }
        if let Some(c) = v
            .chars()
            .find(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        {
            return Err(format!("F002 {c:?}"));
        }
        let escaped = quick_xml::escape::escape(v)
            .replace('\t', "&#9;")
            .replace('\n', "&#10;")
            .replace('\r', "&#13;");
        // The _to_vec methods write into spare capacity only.
        let mut buf = Vec::with_capacity(escaped.len() + 8);
        let (res, _) = WINDOWS_1251
            .new_encoder()
            .encode_from_utf8_to_vec_without_replacement(&escaped, &mut buf, false);
        match res {
            EncoderResult::Unmappable(c) => Err(format!("F003 {c:?}")),
            _ => Ok(buf),
        }
    }

    /// What [`Xml::value`] made of `v` (the whole buffer), or the code of
    /// its first problem, in the shape of `attr_before` (length 1..=`max`).
    fn written(x: &mut Xml, v: &str, max: usize) -> Result<Vec<u8>, String> {
        let (n, control, unmappable) = x.value(v);
        if !(1..=max).contains(&n) {
            Err("F001".to_owned())
        } else if let Some(c) = control {
            Err(format!("F002 {c:?}"))
        } else if let Some(c) = unmappable {
            Err(format!("F003 {c:?}"))
        } else {
            Ok(x.buf.clone())
        }
    }

    proptest::proptest! {
        #[test]
        fn one_pass_attribute_is_the_checks_then_escape_then_encode(
            v in "[ a-zA-Z0-9<>&'\"\t\n\r\\x00-\\x1f\\x7f\\u{80}-\\u{9f}АБВабвЁёЯяЪъ«»№€™—\\u{2028}\\u{1F69C}é漢]{0,20}"
        ) {
            let want = attr_before(&v, 1, 12);
            let mut x = Xml::new();
            let got = written(&mut x, &v, 12);
            proptest::prop_assert_eq!(got, want);
        }

        /// Values mostly of the characters the byte-by-byte start takes, with
        /// at most one it leaves to the general loop, written after other
        /// bytes: the same as the checks then escape then encode.
        #[test]
        fn plain_values_and_one_odd_character_after_other_bytes(
            head in "[ a-zA-Z0-9.,/№АБВабвЁёЯяЪъ-]{0,12}",
            odd in "[<>&'\"	\x00\x7f«€é漢Ѐ]?",
            tail in "[ a-zA-Z0-9АБВабвЁёЯя]{0,6}"
        ) {
            let v = format!("{head}{odd}{tail}");
            let want = attr_before(&v, 1, 20);
            let mut x = Xml::new();
            x.buf.extend_from_slice(b"<before ");
            let got = written(&mut x, &v, 20);
            proptest::prop_assert_eq!(&x.buf[..8], b"<before ");
            proptest::prop_assert_eq!(got, want.map(|w| [&b"<before "[..], &w].concat()));
        }
    }

    /// Attributes of every kind for the `attr_ascii` tests: enumerations,
    /// lengths, dates, decimals, years, text, one the element lacks.
    const ASCII_CASES: [(&str, &str); 12] = [
        (el::FILE, at::DOC_COUNT),
        (el::FILE, at::FORMAT_VERSION),
        (el::FILE, at::INFO_TYPE),
        (el::FILE, at::SURNAME),
        (el::MACHINE, at::OPERATION),
        (el::MACHINE, at::OPERATION_DATE),
        (el::MACHINE, at::PLATE),
        (el::MACHINE, at::YEAR),
        (el::MACHINE, at::POWER_HP),
        (el::MACHINE, at::VOLUME),
        (el::MACHINE, at::INN_ORG),
        (el::MACHINE, at::TYPE),
    ];

    /// Case `which` of [`ASCII_CASES`]: the attribute's name and two
    /// buffers with its element open.
    fn ascii_case(which: usize) -> (&'static str, Xml, Xml) {
        let (elem, name) = ASCII_CASES[which % ASCII_CASES.len()];
        let open = || {
            let mut x = Xml::new();
            x.open(el::FILE);
            if elem == el::MACHINE {
                x.children();
                x.open(el::DOCUMENT);
                x.children();
                x.open(el::MACHINE);
            }
            x
        };
        (name, open(), open())
    }

    proptest::proptest! {
        /// [`Xml::attr_ascii`] writes and reports what [`Xml::attr`] does,
        /// for attributes of every kind, values of digits and punctuation
        /// that take its short way and of bytes that do not.
        #[test]
        fn attr_ascii_is_attr(
            v in proptest::collection::vec(proptest::sample::select(
                b"0123456789.-+ \t\n<&\"AZaz\x00\x7f\xd0\x90\xff".to_vec()), 0..16),
            which in 0usize..12,
        ) {
            let (name, mut a, mut b) = ascii_case(which);
            // Twice: the second look-up of the attribute is a remembered one.
            for _ in 0..2 {
                a.attr("f", name, &String::from_utf8_lossy(&v));
                b.attr_ascii("f", name, &v);
            }
            proptest::prop_assert_eq!(&a.buf, &b.buf);
            proptest::prop_assert_eq!(&a.errors, &b.errors);
        }

        /// The same for values of the shapes the writer gives it.
        #[test]
        fn attr_ascii_is_attr_for_digits(
            v in "[0-9]{1,15}|[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}|[0-9]{1,6}\\.[0-9]{1,6}",
            which in 0usize..12,
        ) {
            let (name, mut a, mut b) = ascii_case(which);
            a.attr("f", name, &v);
            b.attr_ascii("f", name, v.as_bytes());
            proptest::prop_assert_eq!(&a.buf, &b.buf);
            proptest::prop_assert_eq!(&a.errors, &b.errors);
        }
    }

    /// [`Xml::put_name`] writes ` name="` as kept in `encoded`, from the
    /// padded block and without it, for every attribute of the file's and
    /// a machine's elements.
    #[test]
    fn put_name_is_the_encoded_name() {
        let mut x = Xml::new();
        x.open(el::FILE);
        x.children();
        x.open(el::DOCUMENT);
        x.children();
        x.open(el::MACHINE);
        let mut checked = 0;
        for depth in [1, 3] {
            let elem = x.path[depth - 1].elem;
            let saved = std::mem::take(&mut x.path);
            x.path = saved[..depth]
                .iter()
                .map(|o| Open {
                    elem: o.elem,
                    child: 0,
                })
                .collect();
            for a in elem.attrs {
                let found = x.attr_def(a.name).unwrap();
                let want = x.encoded[found.start..found.end].to_vec();
                assert!(want.starts_with(b" ") && want.ends_with(b"=\""));
                for f in [
                    found,
                    Found {
                        inline: None,
                        ..found
                    },
                ] {
                    let at = x.buf.len();
                    x.put_name(&f);
                    assert_eq!(&x.buf[at..], &want[..], "{}", a.name);
                }
                checked += 1;
            }
            x.path = saved;
        }
        assert!(checked > 20, "{checked}");
    }

    #[test]
    fn common_1251_is_encoding_rs() {
        for c in "«»№–—‘’“”„\u{A0}".chars() {
            let mut utf8 = [0u8; 4];
            let (bytes, _, unmappable) = WINDOWS_1251.encode(c.encode_utf8(&mut utf8));
            assert!(!unmappable, "{c}");
            assert_eq!(
                common_1251(c).map(|b| vec![b]),
                Some(bytes.into_owned()),
                "{c}"
            );
        }
        assert_eq!(common_1251('€'), None);
    }

    #[test]
    fn every_name_of_the_tables_is_encoded_as_encoding_rs_does() {
        fn walk(e: &'static Elem, names: &mut Vec<&'static str>) {
            names.push(e.name);
            names.extend(e.attrs.iter().map(|a| a.name));
            for c in e.children {
                for &child in c.elems {
                    walk(child, names);
                }
            }
        }
        let mut names = vec!["ABC"];
        walk(crate::format::latest().root, &mut names);
        assert!(names.len() > 50, "{names:?}");
        for e in names {
            let mut x = Xml::new();
            x.name(e);
            assert_eq!(x.buf, crate::names::to_1251(e), "{e}");
        }
    }
}
