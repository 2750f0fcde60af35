//! Reading the writer's input: the sender profile (TOML or JSON) and the
//! records (JSON Lines), with errors that name the line, column and field.

use crate::{Record, Sender};
use std::io::{BufRead, Read};

/// Ошибка во входных данных: где и что.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct InputError {
    /// Stable code: `F100` for input that cannot be read, or the code of the
    /// check a value failed (the same as the validator's for the same rule).
    pub code: &'static str,
    /// Файл.
    pub file: String,
    /// Строка, с 1 (0 — неизвестна).
    pub line: usize,
    /// Столбец, с 1 (0 — неизвестен).
    pub column: usize,
    /// Поле (путь в JSON, например `owner.inn`), если известно.
    pub field: Option<String>,
    /// Что не так.
    pub message: String,
}

impl InputError {
    /// Stable code.
    pub fn code(&self) -> &'static str {
        self.code
    }

    fn render(&self) -> String {
        let mut s = self.file.clone();
        if self.line > 0 {
            s += &format!(":{}", self.line);
            if self.column > 0 {
                s += &format!(":{}", self.column);
            }
        }
        s += ": ";
        if let Some(f) = &self.field {
            s += &format!("поле {f}: ");
        }
        s + &self.message
    }
}

fn path_to_field(p: &serde_path_to_error::Path) -> Option<String> {
    let s = p.to_string();
    (s != ".").then_some(s)
}

/// The byte-order mark some editors put at the start of a UTF-8 file.
pub const BOM: char = '\u{FEFF}';

/// Removes a UTF-8 byte-order mark at the start of a text. Every input of
/// gtn (sender profile, records, applications, calendars, issued plates)
/// accepts one: Windows editors write it and it carries no data.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix(BOM).unwrap_or(text)
}

/// Syntax of a sender profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileSyntax {
    /// TOML.
    Toml,
    /// JSON.
    Json,
}

impl ProfileSyntax {
    /// By the file's extension (`.toml`, `.json`, any case); otherwise by
    /// content: a profile whose first character (after white space and
    /// `#` comments) is `{` is JSON, anything else is read as TOML.
    pub fn detect(file: &str, text: &str) -> Self {
        let lower = file.to_lowercase();
        if lower.ends_with(".toml") {
            return Self::Toml;
        }
        if lower.ends_with(".json") {
            return Self::Json;
        }
        let first = strip_bom(text)
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'));
        if first.is_some_and(|l| l.starts_with('{')) {
            Self::Json
        } else {
            Self::Toml
        }
    }
}

/// Reads the sender profile: TOML or JSON by the file's extension, or by
/// its content when the extension is neither ([`ProfileSyntax::detect`]).
/// A byte-order mark at the start is skipped.
pub fn parse_sender(file: &str, text: &str) -> Result<Sender, InputError> {
    let text = strip_bom(text);
    if ProfileSyntax::detect(file, text) == ProfileSyntax::Toml {
        let de = toml::Deserializer::new(text);
        serde_path_to_error::deserialize(de).map_err(|e| {
            let field = path_to_field(e.path());
            let inner = e.into_inner();
            let (line, column) = inner
                .span()
                .map(|sp| line_col(text, sp.start))
                .unwrap_or((0, 0));
            InputError {
                code: "F100",
                file: file.to_owned(),
                line,
                column,
                field,
                message: gtn_model::messages::translate_toml(inner.message()),
            }
        })
    } else {
        let de = &mut serde_json::Deserializer::from_str(text);
        let s: Sender = serde_path_to_error::deserialize(&mut *de).map_err(|e| {
            let field = path_to_field(e.path());
            let inner = e.into_inner();
            InputError {
                code: "F100",
                file: file.to_owned(),
                line: inner.line(),
                column: inner.column(),
                field,
                message: translate_json(&inner.to_string()),
            }
        })?;
        de.end().map_err(|e| InputError {
            code: "F100",
            file: file.to_owned(),
            line: e.line(),
            column: e.column(),
            field: None,
            message: "после профиля отправителя в файле есть ещё данные".to_owned(),
        })?;
        Ok(s)
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

pub use gtn_model::messages::translate;
use gtn_model::messages::translate_json;

/// The internally tagged `owner` (and `machine.passport`) are buffered by
/// serde, which hides the path inside them: re-read just that object as its
/// concrete kind to name the exact field.
fn refine(text: &str, field: &Option<String>) -> Option<(String, String)> {
    use gtn_model::{Citizen, ForeignOrganisation, Person, RussianOrganisation, SoleTrader};
    let f = field.as_deref()?;
    if f != "owner" {
        return None;
    }
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    let mut o = v.get("owner")?.clone();
    let kind = o.as_object_mut()?.remove("kind")?;
    fn try_as<T: serde::de::DeserializeOwned>(o: serde_json::Value) -> Option<(String, String)> {
        match serde_path_to_error::deserialize::<_, T>(o) {
            Ok(_) => None,
            Err(e) => {
                let path = e.path().to_string();
                let field = if path == "." {
                    "owner".to_owned()
                } else {
                    format!("owner.{path}")
                };
                Some((field, translate(&e.into_inner().to_string())))
            }
        }
    }
    // Citizen and SoleTrader flatten Person, which serde buffers too: read
    // the Person part on its own first.
    match kind.as_str()? {
        "citizen" => try_as::<Person>(o.clone()).or_else(|| try_as::<Citizen>(o)),
        "sole_trader" => try_as::<Person>(o.clone()).or_else(|| try_as::<SoleTrader>(o)),
        "russian_organisation" => try_as::<RussianOrganisation>(o),
        "foreign_organisation" => try_as::<ForeignOrganisation>(o),
        _ => None,
    }
}

/// Parses one JSON Lines record; `line` is its line number for errors.
pub fn parse_record(file: &str, line: usize, text: &str) -> Result<Record, InputError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let r: Result<Record, _> = serde_path_to_error::deserialize(&mut *de);
    r.map_err(|e| {
        let field = path_to_field(e.path());
        let inner = e.into_inner();
        let (field, message) = match refine(text, &field) {
            Some((f, m)) => (Some(f), m),
            None => (field, translate_json(&inner.to_string())),
        };
        InputError {
            code: "F100",
            file: file.to_owned(),
            line,
            column: inner.column(),
            field,
            message,
        }
    })
    .and_then(|rec| {
        // Trailing data after the object is an error too.
        de.end().map_err(|e| InputError {
            code: "F100",
            file: file.to_owned(),
            line,
            column: e.column(),
            field: None,
            message: "после объекта записи в строке есть ещё данные".to_owned(),
        })?;
        Ok(rec)
    })
}

/// The longest line of a JSON Lines input, in bytes (1 MiB). A record of
/// the format is a few kilobytes; a longer line is an error naming the line,
/// and reading stops there, so that an endless input without line breaks
/// (`/dev/zero`) can neither exhaust memory nor run forever.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// Iterates over the records of a JSON Lines stream: `(line number, record)`.
/// Blank lines are skipped, and a byte-order mark before the first line.
/// Bad records are items, so a caller can report every bad line, not just
/// the first. Reading stops after an item that makes going on pointless: a
/// read error (a folder, a failing disk) or a line longer than
/// [`MAX_LINE_BYTES`]. At most one line is held in memory at a time.
pub fn records<R: BufRead>(file: &str, reader: R) -> Records<R> {
    Records {
        file: file.to_owned(),
        lines: Lines::new(reader),
    }
}

/// The iterator of [`records`].
#[derive(Debug)]
pub struct Records<R> {
    file: String,
    lines: Lines<R>,
}

/// The lines of a JSON Lines stream as [`records`] reads them: numbered,
/// without line break, `\r` and the byte-order mark, blank lines skipped,
/// each checked to be UTF-8; a line too long or a read error ends them.
#[derive(Debug)]
pub(crate) struct Lines<R> {
    reader: R,
    line: usize,
    buf: Vec<u8>,
    done: bool,
}

/// What reading one line gave.
enum Line {
    Eof,
    Text,
    TooLong,
}

impl<R: BufRead> Lines<R> {
    pub(crate) fn new(reader: R) -> Self {
        Self {
            reader,
            line: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    fn error(&self, file: &str, column: usize, message: String) -> InputError {
        InputError {
            code: "F100",
            file: file.to_owned(),
            line: self.line,
            column,
            field: None,
            message,
        }
    }

    /// Reads the next line into `buf` (without its `\n`), at most
    /// [`MAX_LINE_BYTES`] of it.
    fn read_line(&mut self) -> std::io::Result<Line> {
        self.buf.clear();
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                return Ok(if self.buf.is_empty() {
                    Line::Eof
                } else {
                    Line::Text
                });
            }
            let (take, end) = match memchr::memchr(b'\n', chunk) {
                Some(i) => (i, true),
                None => (chunk.len(), false),
            };
            if self.buf.len() + take > MAX_LINE_BYTES {
                return Ok(Line::TooLong);
            }
            self.buf.extend_from_slice(&chunk[..take]);
            self.reader.consume(take + usize::from(end));
            if end {
                return Ok(Line::Text);
            }
        }
    }

    /// The next line that is not blank, `(number, text)`, or the error that
    /// stands for it; `None` at the end. `file` names the input in errors.
    pub(crate) fn next_line(&mut self, file: &str) -> Option<Result<(usize, &str), InputError>> {
        loop {
            let line = match self.next_bytes(file)? {
                Err(e) => return Some(Err(e)),
                Ok((line, _)) => line,
            };
            match line_text(file, line, &self.buf) {
                Err(e) => return Some(Err(e)),
                Ok(None) => continue,
                Ok(Some(_)) => break,
            }
        }
        // Once more to hand out the borrow (a borrow returned from inside
        // the loop does not pass the borrow checker).
        match line_text(file, self.line, &self.buf) {
            Ok(Some(text)) => Some(Ok((self.line, text))),
            Ok(None) => None,
            Err(e) => Some(Err(e)),
        }
    }

    /// The next line as read, `(number, bytes)`, before [`line_text`]; or
    /// the error that ends the input (a read error, a line too long).
    pub(crate) fn next_bytes(&mut self, file: &str) -> Option<Result<(usize, &[u8]), InputError>> {
        if self.done {
            return None;
        }
        self.line += 1;
        match self.read_line() {
            Ok(Line::Eof) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(self.error(
                    file,
                    0,
                    format!(
                        "{}; чтение прекращено",
                        gtn_model::messages::io_read_line(&e)
                    ),
                )))
            }
            Ok(Line::TooLong) => {
                self.done = true;
                Some(Err(self.error(
                    file,
                    0,
                    format!(
                        "строка длиннее {MAX_LINE_BYTES} байт (1 МиБ): это не запись JSON Lines; \
                         чтение прекращено"
                    ),
                )))
            }
            Ok(Line::Text) => Some(Ok((self.line, &self.buf))),
        }
    }
}

/// Whether line `line` (as read, without its `\n`) is a record for
/// [`Lines::next_line`], without checking that it is UTF-8 (a line that is
/// not is an error either way): not blank. Lines whose first non-space byte
/// is ASCII are not decoded.
fn counts_as_record(line: usize, raw: &[u8]) -> bool {
    let mut bytes = raw;
    if line == 1 {
        bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(bytes);
    }
    // char::is_whitespace of ASCII (with U+000B, unlike
    // u8::is_ascii_whitespace).
    let first = bytes
        .iter()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'));
    match first {
        None => false,
        Some(b) if b.is_ascii() => true,
        Some(_) => {
            let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
            !matches!(std::str::from_utf8(bytes), Ok(t) if t.trim().is_empty())
        }
    }
}

/// Counts the records [`Lines::next_line`] would give (see
/// [`counts_as_record`]): `None` if reading stops before the end (a read
/// error, a line too long) or `cancelled` says stop (asked once a block).
pub(crate) fn count_records<R: Read>(reader: R, cancelled: &dyn Fn() -> bool) -> Option<u64> {
    let mut blocks = Blocks::new(reader);
    let mut buf = Vec::new();
    let mut lines = Vec::new();
    let mut n = 0u64;
    loop {
        if cancelled() {
            return None;
        }
        let end = blocks.next_block("", BLOCK_BYTES, &mut buf, &mut lines);
        for (line, range) in &lines {
            n += u64::from(counts_as_record(*line, &buf[range.clone()]));
        }
        match end {
            BlockEnd::More => {}
            BlockEnd::End => return Some(n),
            BlockEnd::Failed(_) => return None,
        }
    }
}

/// Bytes read at a time by [`Blocks`] for counting and for the batches of
/// `generate_jsonl`.
pub(crate) const BLOCK_BYTES: usize = 256 << 10;

/// The lines of a JSON Lines stream as [`Lines::next_bytes`] gives them
/// (numbered, each without its `\n`, a line longer than
/// [`MAX_LINE_BYTES`] or a read error ending them with the same error), a
/// block at a time, read straight into the caller's buffer: no copy of
/// each line (on the thread that reads, the copy cost a pass over the
/// input). The test `blocks_are_lines` proves them equal.
pub(crate) struct Blocks<R> {
    reader: R,
    /// Lines given so far.
    line: usize,
    /// The start of a line the last block did not end.
    carry: Vec<u8>,
    done: bool,
}

/// How a block of [`Blocks::next_block`] ends.
#[derive(Debug)]
pub(crate) enum BlockEnd {
    /// More may follow.
    More,
    /// The input ended with the block.
    End,
    /// The error that ends the input, after the block's lines.
    Failed(InputError),
}

impl<R: Read> Blocks<R> {
    pub(crate) fn new(reader: R) -> Self {
        Self {
            reader,
            line: 0,
            carry: Vec::new(),
            done: false,
        }
    }

    fn error(&mut self, file: &str, message: String) -> BlockEnd {
        self.done = true;
        self.carry = Vec::new();
        BlockEnd::Failed(InputError {
            code: "F100",
            file: file.to_owned(),
            line: self.line + 1,
            column: 0,
            field: None,
            message,
        })
    }

    fn too_long(&mut self, file: &str) -> BlockEnd {
        self.error(
            file,
            format!(
                "строка длиннее {MAX_LINE_BYTES} байт (1 МиБ): это не запись JSON Lines; \
                 чтение прекращено"
            ),
        )
    }

    /// Reads the next whole lines into `buf` (at least `want` bytes read
    /// when the input has them) and puts each one's number and place in
    /// `buf` (without its `\n`) into `lines`. `buf` is only written over,
    /// never shrunk: a buffer given again is not cleared or zeroed. `file`
    /// names the input in errors.
    pub(crate) fn next_block(
        &mut self,
        file: &str,
        want: usize,
        buf: &mut Vec<u8>,
        lines: &mut Vec<(usize, std::ops::Range<usize>)>,
    ) -> BlockEnd {
        lines.clear();
        if self.done {
            return BlockEnd::End;
        }
        let want = want.max(1);
        let need = self.carry.len() + want;
        grow(buf, need);
        buf[..self.carry.len()].copy_from_slice(&self.carry);
        let mut filled = self.carry.len();
        self.carry.clear();
        // Start of the line not yet ended, and where the search for `\n` goes on.
        let mut start = 0;
        let mut scanned = 0;
        loop {
            let read = match self.reader.read(&mut buf[filled..]) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                r => r,
            };
            if let Ok(n) = read {
                filled += n;
            }
            for at in memchr::memchr_iter(b'\n', &buf[scanned..filled]) {
                let end = scanned + at;
                if end - start > MAX_LINE_BYTES {
                    return self.too_long(file);
                }
                self.line += 1;
                lines.push((self.line, start..end));
                start = end + 1;
            }
            scanned = filled;
            if filled - start > MAX_LINE_BYTES {
                return self.too_long(file);
            }
            match read {
                Err(e) => {
                    return self.error(
                        file,
                        format!(
                            "{}; чтение прекращено",
                            gtn_model::messages::io_read_line(&e)
                        ),
                    )
                }
                Ok(0) => {
                    self.done = true;
                    if start < filled {
                        self.line += 1;
                        lines.push((self.line, start..filled));
                    }
                    return BlockEnd::End;
                }
                Ok(_) => {}
            }
            if filled >= want && !lines.is_empty() {
                self.carry.extend_from_slice(&buf[start..filled]);
                return BlockEnd::More;
            }
            if filled == buf.len() {
                let more = buf.len() + want;
                grow(buf, more);
            }
        }
    }
}

/// Makes `buf` at least `len` bytes long, keeping its bytes. A new buffer
/// (empty) is allocated zeroed (`calloc`: memory fresh from the system is
/// zero already, so no pass over it), not grown by `resize`, which writes
/// the zeros itself: 2.4 M instructions of 105 M for 2 000 records, where
/// each batch in flight is a new 256 KiB buffer.
fn grow(buf: &mut Vec<u8>, len: usize) {
    if buf.is_empty() {
        *buf = vec![0; len];
    } else if buf.len() < len {
        buf.resize(len, 0);
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Result<(usize, Record), InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        let file = &self.file;
        Some(match self.lines.next_line(file)? {
            Err(e) => Err(e),
            Ok((line, text)) => parse_record(file, line, text).map(|r| (line, r)),
        })
    }
}

/// The record text of line `line` as read (without its `\n`): `\r` at the
/// end and, on line 1, a byte-order mark removed; `None` when blank; an
/// error naming the column when it is not UTF-8.
pub(crate) fn line_text<'a>(
    file: &str,
    line: usize,
    raw: &'a [u8],
) -> Result<Option<&'a str>, InputError> {
    let mut start = 0;
    let mut end = raw.len();
    if raw.last() == Some(&b'\r') {
        end -= 1;
    }
    if line == 1 && raw[..end].starts_with("\u{FEFF}".as_bytes()) {
        start = 3;
    }
    let bytes = &raw[start..end];
    match utf8(bytes) {
        Ok(t) if t.trim().is_empty() => Ok(None),
        Ok(t) => Ok(Some(t)),
        Err(e) => {
            let column = String::from_utf8_lossy(&bytes[..e.valid_up_to()])
                .chars()
                .count()
                + 1;
            Err(InputError {
                code: "F100",
                file: file.to_owned(),
                line,
                column,
                field: None,
                message: "строка не в кодировке UTF-8 (записи JSON Lines читаются только в UTF-8)"
                    .to_owned(),
            })
        }
    }
}

/// `bytes` as text, if UTF-8: checked by encoding_rs (vectorised where the
/// processor allows; `std::str::from_utf8` cost 3 800 instructions a
/// record), and by the standard library when that finds a fault, so that
/// the error is the standard library's. `utf8_is_std` proves them equal.
fn utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    match encoding_rs::UTF_8.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(std::borrow::Cow::Borrowed(text)) => Ok(text),
        _ => std::str::from_utf8(bytes),
    }
}

/// [`parse_record`] for the common case: a record whose `owner` starts with
/// `kind` is read without serde's buffering ([`crate::fast_record`]), any
/// other without keeping the path; one that does not parse is read again by
/// [`parse_record`] for the exact field and message. What is accepted, and
/// the value, are [`parse_record`]'s (the tests below).
pub(crate) fn parse_record_fast(file: &str, line: usize, text: &str) -> Result<Record, InputError> {
    use serde::Deserialize;
    if owner_kind_first(text) {
        let de = &mut serde_json::Deserializer::from_str(text);
        if let Ok(r) = crate::fast_record::FastRecord::deserialize(&mut *de) {
            if de.end().is_ok() {
                return Ok(r);
            }
        }
    }
    let de = &mut serde_json::Deserializer::from_str(text);
    match Record::deserialize(&mut *de) {
        Ok(r) if de.end().is_ok() => Ok(r),
        _ => parse_record(file, line, text),
    }
}

/// Whether `"owner": {"kind"` is in the text (any `"owner"`, white space
/// allowed): only a guess of which reading to try first, so that a record
/// written otherwise is not read twice. Searched forwards: memchr's forward
/// search is vectorised, its backward one (`rfind`) is not and cost 1 800
/// instructions a record.
fn owner_kind_first(text: &str) -> bool {
    // Built once: a Finder made per record cost about 300 instructions.
    static OWNER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"\"owner\""));
    let b = text.as_bytes();
    OWNER.find_iter(b).any(|at| {
        let mut rest = &b[at + 7..];
        for want in [b':', b'{'] {
            rest = rest.trim_ascii_start();
            match rest.split_first() {
                Some((&c, r)) if c == want => rest = r,
                _ => return false,
            }
        }
        rest.trim_ascii_start().starts_with(b"\"kind\"")
    })
}

/// ИдДок of a record, if it has one, without reading the rest (an object
/// that is not even JSON gives `None`).
pub(crate) fn doc_id_of(text: &str) -> Option<std::borrow::Cow<'_, str>> {
    #[derive(serde::Deserialize)]
    struct IdOnly<'a> {
        #[serde(borrow, default)]
        doc_id: Option<std::borrow::Cow<'a, str>>,
    }
    serde_json::from_str::<IdOnly<'_>>(text).ok()?.doc_id
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufReader, Read};

    fn example_line() -> String {
        let text = include_str!("../../../examples/records.jsonl");
        text.lines().next().unwrap_or_default().to_owned()
    }

    /// A reader that fails on every call, as `read` on a folder does (EISDIR).
    struct AlwaysFails;
    impl Read for AlwaysFails {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("Is a directory"))
        }
    }

    /// [`utf8`] accepts what `std::str::from_utf8` accepts: every one- and
    /// two-byte sequence and the three- and four-byte sequences built from
    /// the boundary bytes, at every offset of a 64-byte block (the
    /// vectorised check reads blocks of 64) inside ASCII and Cyrillic text.
    #[test]
    fn utf8_is_std() {
        let edges = [
            0x00u8, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED,
            0xEF, 0xF0, 0xF4, 0xF5, 0xFF,
        ];
        let mut seqs: Vec<Vec<u8>> = Vec::new();
        for a in 0..=255u8 {
            seqs.push(vec![a]);
            for b in 0..=255u8 {
                seqs.push(vec![a, b]);
            }
        }
        for &a in &edges {
            for &b in &edges {
                for &c in &edges {
                    seqs.push(vec![a, b, c]);
                    for &d in &edges {
                        seqs.push(vec![a, b, c, d]);
                    }
                }
            }
        }
        let cyrillic = "Ёлкин Пётр ".repeat(8);
        for (k, seq) in seqs.iter().enumerate() {
            let at = k % 70;
            let fill: &[u8] = if k % 2 == 0 {
                &[b'a'; 70]
            } else {
                cyrillic.as_bytes()
            };
            let mut text = fill[..at].to_vec();
            if std::str::from_utf8(&text).is_err() {
                text.clear();
            }
            text.extend_from_slice(seq);
            text.extend_from_slice(&fill[..70]);
            assert_eq!(utf8(&text), std::str::from_utf8(&text), "{text:?}");
        }
    }

    /// Gives `data` in pieces of the given sizes (cycled), then fails
    /// with `fail` if set, or ends; `Interrupted` before every third piece.
    struct Pieces {
        data: Vec<u8>,
        at: usize,
        sizes: Vec<usize>,
        calls: usize,
        fail: bool,
    }
    impl Read for Pieces {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            self.calls += 1;
            if self.calls % 3 == 0 {
                return Err(std::io::ErrorKind::Interrupted.into());
            }
            if self.at == self.data.len() {
                return if self.fail {
                    Err(std::io::Error::other("Input/output error"))
                } else {
                    Ok(0)
                };
            }
            let size = self.sizes[self.calls % self.sizes.len()].max(1);
            let n = size.min(out.len()).min(self.data.len() - self.at);
            out[..n].copy_from_slice(&self.data[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    /// Every line as [`Lines::next_bytes`] gives it, the ending error
    /// included, and the count of [`Lines::next_line`]'s records.
    /// Lines as read, `(number, bytes)`, and the error that ends them.
    type Given = Vec<Result<(usize, Vec<u8>), InputError>>;

    fn by_lines(p: Pieces) -> (Given, Option<u64>) {
        let fail = p.fail;
        let mut lines = Lines::new(BufReader::with_capacity(7, p));
        let mut all = Vec::new();
        while let Some(item) = lines.next_bytes("f") {
            all.push(item.map(|(n, b)| (n, b.to_vec())));
        }
        let count = (!fail && all.iter().all(Result::is_ok)).then(|| {
            all.iter()
                .filter(|item| {
                    let (n, b) = item.as_ref().unwrap();
                    matches!(line_text("f", *n, b), Ok(Some(_)) | Err(_))
                })
                .count() as u64
        });
        (all, count)
    }

    fn by_blocks(mut p: Pieces, want: usize) -> Given {
        p.calls = 0;
        let mut blocks = Blocks::new(p);
        let mut all = Vec::new();
        // A new buffer (allocated zeroed) and one given again (written over).
        let mut buf = if want % 2 == 0 {
            Vec::new()
        } else {
            vec![b'#'; 3]
        };
        let mut lines = Vec::new();
        loop {
            let end = blocks.next_block("f", want, &mut buf, &mut lines);
            for (n, r) in &lines {
                all.push(Ok((*n, buf[r.clone()].to_vec())));
            }
            match end {
                BlockEnd::More => {}
                BlockEnd::End => return all,
                BlockEnd::Failed(e) => {
                    all.push(Err(e));
                    return all;
                }
            }
        }
    }

    proptest::proptest! {
        /// [`Blocks`] gives the lines [`Lines`] gives, whatever the pieces
        /// the input comes in and the block size; [`count_records`]
        /// counts the records [`Lines::next_line`] gives.
        #[test]
        fn blocks_are_lines(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("\n".to_owned()),
                    proptest::strategy::Just("\r\n".to_owned()),
                    proptest::strategy::Just("  \t".to_owned()),
                    proptest::strategy::Just("\u{FEFF}".to_owned()),
                    proptest::strategy::Just("\u{3000}я".to_owned()),
                    "[a-z{}\\\":]{1,20}",
                ],
                0..40,
            ),
            sizes in proptest::collection::vec(1usize..50, 1..5),
            want in 1usize..64,
            fail: bool,
            bad_utf8: bool,
        ) {
            let mut data = parts.concat().into_bytes();
            if bad_utf8 && !data.is_empty() {
                let at = data.len() / 2;
                data.insert(at, 0xFF);
            }
            let pieces = || Pieces { data: data.clone(), at: 0, sizes: sizes.clone(), calls: 0, fail };
            let (lines, count) = by_lines(pieces());
            proptest::prop_assert_eq!(by_blocks(pieces(), want), lines);
            proptest::prop_assert_eq!(count_records(pieces(), &|| false), count);
        }
    }

    #[test]
    fn blocks_stop_at_a_line_too_long() {
        let mut data = format!("{}\n", example_line()).into_bytes();
        data.extend(std::iter::repeat_n(b'x', MAX_LINE_BYTES + 1));
        data.extend_from_slice(b"\n{}\n");
        let pieces = |data: &[u8]| Pieces {
            data: data.to_vec(),
            at: 0,
            sizes: vec![100_000, 3],
            calls: 0,
            fail: false,
        };
        let (lines, count) = by_lines(pieces(&data));
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].as_ref().unwrap_err().line, 2);
        assert_eq!(by_blocks(pieces(&data), 1000), lines);
        assert_eq!(count, None);
        assert_eq!(count_records(pieces(&data), &|| false), None);
        // Exactly the maximum is a line.
        data.truncate(data.len() - 4);
        data.pop();
        data.extend_from_slice(b"\n{}");
        let (lines, count) = by_lines(pieces(&data));
        assert_eq!(lines.len(), 3);
        assert_eq!(by_blocks(pieces(&data), 1000), lines);
        assert_eq!(count_records(pieces(&data), &|| false), count);
    }

    #[test]
    fn a_read_error_is_one_item_and_the_end() {
        let items: Vec<_> = records("d", BufReader::new(AlwaysFails)).take(5).collect();
        assert_eq!(items.len(), 1, "the iterator must stop: {items:?}");
        let e = items[0].as_ref().unwrap_err();
        assert!(e.message.contains("чтение прекращено"), "{e}");
    }

    #[test]
    fn an_endless_line_is_one_error_naming_its_line_and_the_end() {
        let input = format!("{}\n", example_line()).into_bytes();
        let endless = input.as_slice().chain(std::io::repeat(b'x'));
        let items: Vec<_> = records("z", BufReader::new(endless)).take(5).collect();
        assert_eq!(items.len(), 2);
        assert!(items[0].is_ok());
        let e = items[1].as_ref().unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("1 МиБ"), "{e}");
    }

    #[test]
    fn a_line_of_exactly_the_maximum_is_read() {
        let mut line = example_line();
        line.push_str(&" ".repeat(MAX_LINE_BYTES - line.len()));
        assert_eq!(line.len(), MAX_LINE_BYTES);
        let items: Vec<_> = records("m", BufReader::new(line.as_bytes())).collect();
        assert_eq!(items.len(), 1);
        assert!(items[0].is_ok(), "{:?}", items[0]);
    }

    #[test]
    fn bom_crlf_and_bad_utf8_lines() {
        let good = example_line();
        let mut input = Vec::new();
        input.extend_from_slice("\u{FEFF}".as_bytes());
        input.extend_from_slice(good.as_bytes());
        input.extend_from_slice(b"\r\n\r\n{\"a\": \"\xff\"}\n");
        input.extend_from_slice(good.as_bytes());
        let items: Vec<_> = records("b", BufReader::new(input.as_slice())).collect();
        assert_eq!(items.len(), 3, "{items:?}");
        assert_eq!(items[0].as_ref().map(|r| r.0).ok(), Some(1));
        let e = items[1].as_ref().unwrap_err();
        assert_eq!((e.line, e.column), (3, 8), "{e}");
        assert!(e.message.contains("UTF-8"), "{e}");
        assert_eq!(items[2].as_ref().map(|r| r.0).ok(), Some(4));
    }

    #[test]
    fn profile_syntax_by_extension_then_content() {
        assert_eq!(ProfileSyntax::detect("s.TOML", "{"), ProfileSyntax::Toml);
        assert_eq!(
            ProfileSyntax::detect("s.Json", "a = 1"),
            ProfileSyntax::Json
        );
        assert_eq!(
            ProfileSyntax::detect("s.txt", "\u{FEFF}# c\n\n  {\"name\": 1}"),
            ProfileSyntax::Json
        );
        assert_eq!(
            ProfileSyntax::detect("s.txt", "# c\nname = 1"),
            ProfileSyntax::Toml
        );
        assert_eq!(ProfileSyntax::detect("-", ""), ProfileSyntax::Toml);
    }

    /// `owner` with `kind` moved to the front, as most generators write it.
    fn kind_first(line: &str) -> Option<String> {
        let v: serde_json::Value = serde_json::from_str(line).ok()?;
        let owner = v.get("owner")?.as_object()?;
        let kind = owner.get("kind")?;
        let mut o = format!("{{\"kind\":{kind}");
        for (k, x) in owner.iter().filter(|(k, _)| *k != "kind") {
            o += &format!(",{}:{x}", serde_json::Value::from(k.as_str()));
        }
        o += "}";
        let mut r = String::from("{");
        for (k, x) in v.as_object()? {
            if r.len() > 1 {
                r += ",";
            }
            let x = if k == "owner" {
                o.clone()
            } else {
                x.to_string()
            };
            r += &format!("{}:{x}", serde_json::Value::from(k.as_str()));
        }
        Some(r + "}")
    }

    /// The fast reading accepts only what [`parse_record`] accepts, with the
    /// same value, and does accept the records of the golden files (good and
    /// bad, every owner kind, kind first and not) with their owner fields
    /// mutated one by one.
    #[test]
    fn fast_reading_is_parse_record() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/identity");
        let mut lines: Vec<String> = Vec::new();
        for f in ["good.jsonl", "bad.jsonl"] {
            let bytes = std::fs::read(dir.join(f)).unwrap();
            lines.extend(String::from_utf8_lossy(&bytes).lines().map(str::to_owned));
        }
        let mutations: &[(&str, &str)] = &[
            ("\"sex\":\"male\"", "\"sex\":\"Male\""),
            ("\"sex\":\"female\"", "\"sex\":1"),
            ("\"citizenship\":\"643\"", "\"citizenship\":null"),
            ("\"citizenship\":\"643\"", "\"citizenship\":\"643\",\"citizenship\":\"643\""),
            ("\"inn\":", "\"inn\":null,\"x\":"),
            ("\"kind\":\"citizen\"", "\"kind\":\"citizen\",\"legally_incapable\":true"),
            ("\"kind\":\"citizen\"", "\"kind\":\"citizen\",\"ogrnip\":\"316500010000017\""),
            ("\"kind\":\"citizen\"", "\"kind\":\"citizen\",\"diplomatic\":{\"card_number\":\"1\",\"valid_until\":\"2030-01-01\"}"),
            ("\"kind\":\"sole_trader\"", "\"kind\":\"sole_trader\",\"legally_incapable\":false"),
            ("\"kind\":\"sole_trader\"", "\"kind\":\"citizen\""),
            ("\"kind\":\"citizen\"", "\"kind\":\"sole_trader\""),
            ("\"kind\":\"citizen\"", "\"kind\":0"),
            ("\"kind\":\"russian_organisation\"", "\"kind\":\"russian_organisation\",\"kind\":\"russian_organisation\""),
            ("\"kind\":\"russian_organisation\"", "\"kind\":\"foreign_organisation\""),
            ("\"kind\":\"foreign_organisation\"", "\"kind\":\"russian_organisation\""),
            ("\"stay_address_only\"", "\"stay_address_only\""),
            ("\"birth_date\":\"", "\"stay_address_only\":true,\"birth_date\":\""),
            ("\"birth_date\":\"", "\"birth_date\":\"\\u0031"),
            ("\"region\":\"50\"", "\"region\":\"5\\u0030\""),
            ("\"identity_document\":{", "\"identity_document\":{\"a\":1,"),
            ("\"address\":{", "\"address\":null,\"y\":{"),
        ];
        let mut fast_taken = 0;
        let mut checked = 0;
        for line in &lines {
            let mut variants = vec![line.clone()];
            if let Some(k) = kind_first(line) {
                for (from, to) in mutations {
                    if k.contains(from) {
                        variants.push(k.replacen(from, to, 1));
                    }
                }
                variants.push(k);
            }
            for v in variants {
                checked += 1;
                let slow = parse_record("f", 1, &v);
                let de = &mut serde_json::Deserializer::from_str(&v);
                let fast = crate::fast_record::FastRecord::deserialize(&mut *de)
                    .ok()
                    .filter(|_| de.end().is_ok());
                if let Some(f) = fast {
                    fast_taken += 1;
                    assert_eq!(slow.as_ref().ok(), Some(&f), "{v}");
                }
                assert_eq!(parse_record_fast("f", 1, &v), slow, "{v}");
            }
        }
        assert!(fast_taken > 500, "{fast_taken} of {checked}");
    }
}
