//! The tokenizer of the usual case, on the raw windows-1251 bytes.
//!
//! FNS files are start tags with attributes, end tags and white space
//! between them. This reads those, and only those, in one pass over each
//! tag (the attributes are split while the end of the tag is looked for),
//! giving exactly what quick-xml and [`super::attrs::Attrs`] give for them.
//! Anything else — a declaration, comment, processing instruction, CDATA,
//! DOCTYPE, a tag whose syntax is not the plain one, a token longer than
//! the limit, the end of the input inside a tag — is left where it starts
//! ([`Tok::Slow`]) for quick-xml, which reads it from the same
//! [`Source`] and says what is wrong exactly as before.

use super::limits::Limits;
use super::values::Class;
use std::collections::VecDeque;
use std::io::{self, BufRead};

/// One attribute of a start tag: offsets into the [`Source`]'s buffer.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RawAttr {
    /// Offset of the name from the tag's content (after `<`).
    pub offset: usize,
    pub key: (usize, usize),
    pub value: (usize, usize),
    /// [`Class::of`] the value, when read with the search for its end.
    pub class: Option<Class>,
}

/// A token of the usual case; ranges are offsets into [`Source::buf`].
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Tok {
    /// `<Имя атрибуты>` or `<Имя атрибуты/>`: the content between `<` and
    /// `>` (without the `/`), the length of the name, self-closed or not,
    /// and the line breaks of the content: `Some((n, last))` when they are
    /// known, all in the blanks (no value has a byte below 0x20): `n` of
    /// them, the last at offset `last` of the content (any, when `n` is 0);
    /// `None`: a value may hold some, the content is to be read.
    Start {
        content: (usize, usize),
        name_len: usize,
        empty: bool,
        lines: Option<(u64, usize)>,
    },
    /// `</Имя>`: the name.
    End { name: (usize, usize) },
    /// Characters up to the next `<` or the end of the input. `blank`:
    /// the text is known to be XML blanks only (the usual text, between
    /// tags), with the number of line breaks and where the last one is in
    /// the text; `None`: not known, the text is to be read.
    Text {
        text: (usize, usize),
        blank: Option<(u64, Option<usize>)>,
    },
    /// Anything else: quick-xml reads it, from where it starts.
    Slow,
}

/// The input, buffered so that a whole token is in one slice. Also a
/// [`BufRead`] positioned at the first byte not yet tokenized, for quick-xml.
pub(crate) struct Source<R> {
    inner: R,
    pub buf: Vec<u8>,
    pos: usize,
    end: usize,
    eof: bool,
    /// Offset in the input of `buf[0]`.
    base: u64,
    /// Where in `buf` the pieces read from the input end.
    bounds: VecDeque<usize>,
    /// Offset in the input where the last token read starts.
    start: u64,
    limits: Limits,
}

const BUFFER: usize = 1 << 16;

/// The size of the pieces the validator's input is read in (its
/// `BufReader`s' capacity): the limit on a token's size counts them.
pub(crate) const PIECE: usize = 1 << 15;

fn blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Bit 7 of each byte of `y` that is zero, exactly (no carry crosses a byte).
fn zero_bytes(y: u64) -> u64 {
    const SEVEN: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    !(((y & SEVEN) + SEVEN) | y) & !SEVEN
}

/// Bit 7 of each byte of the word `x` that is a line break, and of each
/// that is a [`blank`] (space, tab, CR, LF).
#[inline(always)]
fn blank_bytes(x: u64) -> (u64, u64) {
    const LOW: u64 = 0x0101_0101_0101_0101;
    let lf = zero_bytes(x ^ (LOW * u64::from(b'\n')));
    let blanks = lf
        | zero_bytes(x ^ (LOW * u64::from(b' ')))
        | zero_bytes(x ^ (LOW * u64::from(b'\t')))
        | zero_bytes(x ^ (LOW * u64::from(b'\r')));
    (lf, blanks)
}

/// Line breaks met in the blanks of a tag: how many, and the offset in
/// the scanned slice of the last one.
#[derive(Debug, Default, Clone, Copy)]
struct Breaks {
    n: u64,
    last: usize,
}

impl Breaks {
    /// The line breaks of the word at `i` flagged (bit 7 of each byte) in `lf`.
    #[inline(always)]
    fn word(&mut self, i: usize, lf: u64) {
        if lf != 0 {
            self.n += u64::from(lf.count_ones());
            self.last = i + (63 - lf.leading_zeros() as usize) / 8;
        }
    }

    /// A line break at `i`.
    #[inline(always)]
    fn byte(&mut self, i: usize, b: u8) {
        if b == b'\n' {
            self.n += 1;
            self.last = i;
        }
    }
}

/// The end of the blanks starting at `i` of `s`, counting in `breaks`
/// the line breaks among them. None or one blank (between attributes)
/// byte by byte; longer runs (a line break and the indentation after it)
/// eight bytes at a time.
#[inline(always)]
fn skip_blanks(s: &[u8], mut i: usize, breaks: &mut Breaks) -> usize {
    // The usual cases first, one comparison a byte: no blank (every blank
    // is at most b' ', every byte that may follow one is above), or one
    // space (between attributes, around `=`).
    match s.get(i) {
        Some(&b) if b > b' ' => return i,
        Some(b' ') => {
            i += 1;
            if s.get(i).is_some_and(|&b| b > b' ') {
                return i;
            }
        }
        _ => {}
    }
    skip_blank_run(s, i, breaks)
}

/// [`skip_blanks`] past its usual cases.
#[inline(always)]
fn skip_blank_run(s: &[u8], mut i: usize, breaks: &mut Breaks) -> usize {
    for _ in 0..2 {
        match s.get(i) {
            Some(&b) if blank(b) => {
                breaks.byte(i, b);
                i += 1;
            }
            _ => return i,
        }
    }
    while let Some(chunk) = s.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let (lf, blanks) = blank_bytes(x);
        let stop = !blanks & 0x8080_8080_8080_8080;
        if stop == 0 {
            breaks.word(i, lf);
            i += 8;
            continue;
        }
        let k = stop.trailing_zeros() / 8;
        breaks.word(i, lf & ((1 << (8 * k)) - 1));
        return i + k as usize;
    }
    while let Some(&b) = s.get(i) {
        if !blank(b) {
            break;
        }
        breaks.byte(i, b);
        i += 1;
    }
    i
}

/// A byte of a name (of an element or attribute) as the plain syntax has it.
fn name_byte(b: u8) -> bool {
    NAME[usize::from(b)]
}

/// The end of the name starting at `i` of `s`. Eight bytes at a time while
/// they are all 0x40 or above (Cyrillic and Latin letters: every byte that
/// ends a name is below 0x40), then byte by byte.
fn name_end(s: &[u8], mut i: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = s.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // Bit 7 of each byte below 0x40 (neither bit 7 nor bit 6 set).
        let low = !(x | (x << 1)) & HIGH;
        if low == 0 {
            i += 8;
            continue;
        }
        i += (low.trailing_zeros() / 8) as usize;
        if !name_byte(s[i]) {
            return i;
        }
        i += 1;
    }
    while i < s.len() && name_byte(s[i]) {
        i += 1;
    }
    i
}

/// The first `b` in `s` from `i` on (offset in `s`). Short values and the
/// blanks between tags are searched eight bytes at a time, cheaper than
/// setting up a vector search; what is longer is left to `memchr`.
fn find(s: &[u8], mut i: usize, b: u8) -> Option<usize> {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let pattern = LOW * u64::from(b);
    let stop = i + 64;
    while i < stop {
        let Some(chunk) = s.get(i..i + 8) else {
            return s.get(i..)?.iter().position(|&c| c == b).map(|n| i + n);
        };
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])) ^ pattern;
        // A zero byte of x is a match; the lowest flagged byte is exact.
        let zero = x.wrapping_sub(LOW) & !x & HIGH;
        if zero != 0 {
            return Some(i + (zero.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    memchr::memchr(b, s.get(i..)?).map(|n| i + n)
}

/// [`find`] of the quote `q` that ends a value starting at `i`, with the
/// [`Class`] of the value read from the same words (`None` when the value
/// is long or runs to the end of `s`: then [`Class::of`] reads it). The
/// words are those of an exact-chunk iterator: one length test a word.
#[inline(always)]
fn find_value(s: &[u8], i: usize, q: u8) -> Option<(usize, Option<Class>)> {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let pattern = LOW * u64::from(q);
    let (mut high, mut rare) = (0, 0);
    let rest = s.get(i..)?;
    let mut j = i;
    for chunk in rest[..rest.len().min(64)].chunks_exact(8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let y = x ^ pattern;
        let zero = y.wrapping_sub(LOW) & !y & HIGH;
        if zero != 0 {
            // The bytes of this word before the quote are the value's.
            let k = (zero.trailing_zeros() / 8) as usize;
            Class::word(x, (1 << (8 * k)) - 1, &mut high, &mut rare);
            return Some((j + k, Some(Class::from_flags(high, rare))));
        }
        Class::word(x, u64::MAX, &mut high, &mut rare);
        j += 8;
    }
    find(s, j, q).map(|j| (j, None))
}

/// [`name_byte`] as a table: one load a byte.
static NAME: [bool; 256] = {
    let mut t = [true; 256];
    let not = [
        b' ', b'\t', b'\r', b'\n', b'/', b'>', b'<', b'"', b'\'', b'=',
    ];
    let mut i = 0;
    while i < not.len() {
        t[not[i] as usize] = false;
        i += 1;
    }
    t
};

/// What the scan of a tag came to.
enum Scan {
    Done(Tok),
    /// The input ended inside the token: read more.
    More,
}

impl<R: BufRead> Source<R> {
    pub fn new(inner: R, limits: Limits) -> Self {
        Self {
            inner,
            buf: vec![0; BUFFER],
            pos: 0,
            end: 0,
            eof: false,
            base: 0,
            bounds: VecDeque::new(),
            start: 0,
            limits,
        }
    }

    /// Offset in the input of the next byte.
    pub fn offset(&self) -> u64 {
        self.base + self.pos as u64
    }

    /// Offset in the input of the first byte of the last token
    /// [`Self::next`] gave (past the blanks it passed).
    pub fn token_start(&self) -> u64 {
        self.start
    }

    /// Reads the input's next piece after what is buffered, moving the
    /// unread bytes to the start. `false` when nothing more can be had (end,
    /// error, or no room: the token is too long for the usual case).
    fn more(&mut self) -> bool {
        if self.eof {
            return false;
        }
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            let pos = self.pos;
            self.bounds.retain(|&b| b > pos);
            for b in &mut self.bounds {
                *b -= pos;
            }
            self.base += self.pos as u64;
            self.end -= self.pos;
            self.pos = 0;
        }
        let room = self.buf.len() - self.end;
        if room >= PIECE {
            // Straight into the buffer, without a copy through the reader's:
            // every reader of the validator is a `BufReader` of PIECE bytes,
            // which reads past its own buffer when that is empty and the
            // request is as large, so the pieces are those `fill_buf` gives.
            return match self.inner.read(&mut self.buf[self.end..self.end + PIECE]) {
                Ok(0) => {
                    self.eof = true;
                    false
                }
                Ok(n) => {
                    self.end += n;
                    self.bounds.push_back(self.end);
                    true
                }
                // quick-xml reads again and reports the error.
                Err(_) => false,
            };
        }
        let available = match self.inner.fill_buf() {
            Ok(a) => a,
            // quick-xml reads again and reports the error.
            Err(_) => return false,
        };
        if available.is_empty() {
            self.eof = true;
            return false;
        }
        // Whole pieces only, so that quick-xml, reading on from here, is
        // handed the pieces the input gives (the limit on a token's size
        // counts them); a reader with larger pieces than the buffer is cut.
        let n = if available.len() <= room {
            available.len()
        } else if self.end == 0 {
            room
        } else {
            return false;
        };
        self.buf[self.end..self.end + n].copy_from_slice(&available[..n]);
        self.inner.consume(n);
        self.end += n;
        self.bounds.push_back(self.end);
        true
    }

    /// The next token of the usual case, its attributes into `attrs`.
    /// Blanks between tags are passed without a token when `silent()`
    /// says the validator has nothing to say about them
    /// ([`Self::skip_gap`], their lines counted into `line` and
    /// `line_start`): the token is then the one after them, which starts
    /// at [`Self::token_start`].
    pub fn next(
        &mut self,
        attrs: &mut Vec<RawAttr>,
        silent: impl Fn() -> bool,
        line: &mut u64,
        line_start: &mut u64,
    ) -> Tok {
        loop {
            if self.pos == self.end && !self.more() {
                return Tok::Slow;
            }
            if self.base + self.end as u64 > self.limits.max_file_size {
                // Near the limit of the file's size: quick-xml reads through
                // the limited reader and stops where it always did.
                return Tok::Slow;
            }
            self.start = self.base + self.pos as u64;
            let scan = if self.buf[self.pos] == b'<' {
                self.markup(attrs)
            } else if silent() && self.skip_gap(line, line_start) {
                // As if the text were given and the next token asked for:
                // a `<` is buffered, in the same buffer.
                self.start = self.base + self.pos as u64;
                self.markup(attrs)
            } else {
                self.text()
            };
            match scan {
                Scan::Done(tok) => return tok,
                Scan::More => {
                    if !self.more() {
                        // The input ends inside a tag (quick-xml says how),
                        // or the text runs to the end of the input.
                        if self.eof && self.buf[self.pos] != b'<' {
                            let text = (self.pos, self.end);
                            self.pos = self.end;
                            return Tok::Text { text, blank: None };
                        }
                        return Tok::Slow;
                    }
                }
            }
        }
    }

    /// Passes the blanks between tags, when the validator has nothing to
    /// say about them (see `blank_is_silent` in the validator), without making a
    /// token of them: exactly the [`Tok::Text`] that [`Self::next`] would
    /// give, with its lines counted into `line` and `line_start` (the line
    /// of the next byte, the file offset where that line starts) as the
    /// validator counts a blank text's. `false` (nothing done) unless the
    /// next bytes are blanks up to a `<` among the bytes buffered, and
    /// [`Self::next`] would read them itself: the other cases are its own.
    fn skip_gap(&mut self, line: &mut u64, line_start: &mut u64) -> bool {
        const LOW: u64 = 0x0101_0101_0101_0101;
        if self.base + self.end as u64 > self.limits.max_file_size {
            return false;
        }
        let s = &self.buf[self.pos..self.end];
        if s.first().is_none_or(|&b| b == b'<') {
            return false;
        }
        // The usual gap: a line break (CR LF or LF) and the indentation.
        let mut j = usize::from(s[0] == b'\r');
        if s.get(j) == Some(&b'\n') {
            let nl = j;
            j += 1;
            while matches!(s.get(j), Some(b'\t' | b' ')) {
                j += 1;
            }
            if s.get(j) == Some(&b'<') {
                *line += 1;
                *line_start = self.base + (self.pos + nl) as u64 + 1;
                self.pos += j;
                return true;
            }
        }
        let mut breaks = Breaks::default();
        let mut i = None;
        // Other short gaps: one word.
        if let Some(w) = s.get(..8) {
            let x = u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
            let lt = zero_bytes(x ^ (LOW * u64::from(b'<')));
            if lt != 0 {
                let k = (lt.trailing_zeros() / 8) as usize;
                let before = (1u64 << (8 * k)) - 1;
                let (lf, blanks) = blank_bytes(x);
                if !blanks & before & 0x8080_8080_8080_8080 != 0 {
                    return false;
                }
                breaks.word(0, lf & before);
                i = Some(k);
            }
        }
        let i = match i {
            Some(i) => i,
            None => {
                let i = skip_blank_run(s, 0, &mut breaks);
                if s.get(i) != Some(&b'<') {
                    return false;
                }
                i
            }
        };
        if breaks.n > 0 {
            *line += breaks.n;
            *line_start = self.base + (self.pos + breaks.last) as u64 + 1;
        }
        self.pos += i;
        true
    }

    fn text(&mut self) -> Scan {
        // The blanks between tags: read once, their lines counted with
        // the search for the `<` (short runs only; anything else is found
        // by `find` below).
        let s = &self.buf[self.pos..self.end];
        let (mut lines, mut last) = (0, None);
        for (j, &b) in s.iter().enumerate().take(64) {
            match b {
                b'<' => {
                    let text = (self.pos, self.pos + j);
                    self.pos += j;
                    let blank = Some((lines, last));
                    return Scan::Done(Tok::Text { text, blank });
                }
                b'\n' => {
                    lines += 1;
                    last = Some(j);
                }
                b' ' | b'\t' | b'\r' => {}
                _ => break,
            }
        }
        match find(&self.buf[..self.end], self.pos, b'<').map(|i| i - self.pos) {
            Some(i) => {
                let text = (self.pos, self.pos + i);
                self.pos += i;
                Scan::Done(Tok::Text { text, blank: None })
            }
            None => Scan::More,
        }
    }

    fn markup(&mut self, attrs: &mut Vec<RawAttr>) -> Scan {
        let s = &self.buf[self.pos..self.end];
        let Some(&second) = s.get(1) else {
            return Scan::More;
        };
        if second == b'/' {
            let Some(close) = memchr::memchr(b'>', &s[2..]) else {
                return Scan::More;
            };
            let name = &s[2..2 + close];
            if name.is_empty() || !name.iter().all(|&b| name_byte(b)) {
                return Scan::Done(Tok::Slow);
            }
            let tok = Tok::End {
                name: (self.pos + 2, self.pos + 2 + close),
            };
            self.pos += close + 3;
            return Scan::Done(tok);
        }
        attrs.clear();
        let mut i = name_end(s, 1);
        if i == 1 || second == b'!' || second == b'?' {
            // No name, or a declaration, comment, CDATA, DOCTYPE, PI.
            return Scan::Done(Tok::Slow);
        }
        let name_len = i - 1;
        // The line breaks in the blanks; a value that may hold one.
        let mut breaks = Breaks::default();
        let mut unknown = false;
        loop {
            // After the element's name or a value: the usual case first,
            // one space and a name (a blank is no name byte).
            let k0 = match s.get(i..i + 2) {
                Some(&[b' ', b]) if name_byte(b) => i + 1,
                _ => {
                    let gap = i;
                    i = skip_blanks(s, i, &mut breaks);
                    let Some(&b) = s.get(i) else {
                        return Scan::More;
                    };
                    if name_byte(b) {
                        if i == gap {
                            return Scan::Done(Tok::Slow);
                        }
                        i
                    } else {
                        let (close, empty) = match b {
                            b'>' => (i, false),
                            b'/' => match s.get(i + 1) {
                                Some(b'>') => (i + 1, true),
                                Some(_) => return Scan::Done(Tok::Slow),
                                None => return Scan::More,
                            },
                            _ => return Scan::Done(Tok::Slow),
                        };
                        if close as u64 + 1 > self.limits.max_token {
                            return Scan::Done(Tok::Slow);
                        }
                        let content_end = if empty { close - 1 } else { close };
                        let tok = Tok::Start {
                            content: (self.pos + 1, self.pos + content_end),
                            name_len,
                            empty,
                            // Offsets in the content, which starts after the `<`.
                            lines: (!unknown).then(|| (breaks.n, breaks.last.saturating_sub(1))),
                        };
                        self.pos += close + 1;
                        return Scan::Done(tok);
                    }
                }
            };
            i = name_end(s, k0);
            let k1 = i;
            // `="` and ` = "` without a blank to count, then the rest.
            let quote = match s.get(i..i + 2) {
                Some(&[b'=', q @ (b'"' | b'\'')]) => {
                    i += 1;
                    q
                }
                _ => match s.get(i..i + 4) {
                    Some(&[b' ', b'=', b' ', q @ (b'"' | b'\'')]) => {
                        i += 3;
                        q
                    }
                    _ => {
                        i = skip_blanks(s, i, &mut breaks);
                        match s.get(i) {
                            Some(b'=') => i += 1,
                            Some(_) => return Scan::Done(Tok::Slow),
                            None => return Scan::More,
                        }
                        i = skip_blanks(s, i, &mut breaks);
                        match s.get(i) {
                            Some(&q @ (b'"' | b'\'')) => q,
                            Some(_) => return Scan::Done(Tok::Slow),
                            None => return Scan::More,
                        }
                    }
                },
            };
            let Some((end, class)) = find_value(s, i + 1, quote) else {
                return Scan::More;
            };
            unknown |= class.is_none_or(|c| c.rare);
            if attrs.len() >= self.limits.max_attributes {
                return Scan::Done(Tok::Slow);
            }
            attrs.push(RawAttr {
                offset: k0 - 1,
                key: (self.pos + k0, self.pos + k1),
                value: (self.pos + i + 1, self.pos + end),
                class,
            });
            i = end + 1;
            if i as u64 > self.limits.max_token {
                return Scan::Done(Tok::Slow);
            }
        }
    }
}

impl<R: BufRead> io::Read for Source<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Source<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.bounds.front().is_some_and(|&b| b <= self.pos) {
            self.bounds.pop_front();
        }
        if self.pos == self.end {
            if self.eof {
                return Ok(&[]);
            }
            // What is buffered is used up: read straight from the input.
            self.base += self.end as u64;
            self.pos = 0;
            self.end = 0;
            self.bounds.clear();
            let available = self.inner.fill_buf()?;
            if available.is_empty() {
                self.eof = true;
                return Ok(&[]);
            }
            let n = available.len().min(self.buf.len());
            self.buf[..n].copy_from_slice(&available[..n]);
            self.inner.consume(n);
            self.end = n;
            self.bounds.push_back(n);
        }
        // One piece at a time, as the input gave them.
        let to = self.bounds.front().copied().unwrap_or(self.end);
        Ok(&self.buf[self.pos..to])
    }

    fn consume(&mut self, amt: usize) {
        self.pos = (self.pos + amt).min(self.end);
    }
}

#[cfg(test)]
mod tests {
    use super::super::attrs::Attrs;
    use super::*;
    use quick_xml::events::Event;

    /// What quick-xml and the attribute splitter make of the same bytes,
    /// as long as the tokenizer reads them itself.
    fn compare(input: &[u8], limits: Limits) -> Result<usize, String> {
        let mut src = Source::new(input, limits);
        let mut reader = quick_xml::Reader::from_reader(input);
        {
            let c = reader.config_mut();
            c.check_end_names = false;
            c.allow_unmatched_ends = true;
            c.trim_text(false);
            c.expand_empty_elements = false;
        }
        let mut attrs = Vec::new();
        let mut buf = Vec::new();
        let mut n = 0;
        loop {
            let before = src.offset();
            let (mut line, mut start) = (1, 0);
            let tok = src.next(&mut attrs, || false, &mut line, &mut start);
            if tok == Tok::Slow {
                return Ok(n);
            }
            if src.token_start() != before {
                return Err(format!("token at {} != {before}", src.token_start()));
            }
            n += 1;
            buf.clear();
            let oracle_before = reader.buffer_position();
            if before != oracle_before {
                return Err(format!("offset {before} != {oracle_before}"));
            }
            let ev = reader
                .read_event_into(&mut buf)
                .map_err(|e| e.to_string())?;
            let b = &src.buf;
            match (tok, ev) {
                (
                    Tok::Start {
                        content,
                        name_len,
                        empty,
                        lines,
                    },
                    ev @ (Event::Start(_) | Event::Empty(_)),
                ) => {
                    let (Event::Start(e) | Event::Empty(e)) = &ev else {
                        unreachable!()
                    };
                    if empty != matches!(ev, Event::Empty(_)) {
                        return Err("empty".into());
                    }
                    let c = &b[content.0..content.1];
                    let q: &[u8] = e;
                    if c != q || name_len != e.name().into_inner().len() {
                        return Err(format!("start {c:?} != {q:?}"));
                    }
                    let ours: Vec<_> = attrs
                        .iter()
                        .map(|a| (a.offset, &b[a.key.0..a.key.1], &b[a.value.0..a.value.1]))
                        .collect();
                    let theirs: Vec<_> = Attrs::new(q, name_len)
                        .map(|a| a.map(|a| (a.offset, a.key, a.value)))
                        .collect::<Result<_, _>>()
                        .map_err(|e| format!("tokenizer took a tag the splitter refuses: {e:?}"))?;
                    if ours != theirs {
                        return Err(format!("attributes {ours:?} != {theirs:?}"));
                    }
                    // The flags read with the tokens are those of the definitions.
                    if let Some((n, last)) = lines {
                        let count = c.iter().filter(|&&b| b == b'\n').count() as u64;
                        if n != count {
                            return Err(format!("{n} line breaks, {count} in {c:?}"));
                        }
                        if n > 0 && c.iter().rposition(|&b| b == b'\n') != Some(last) {
                            return Err(format!("last line break at {last} in {c:?}"));
                        }
                    }
                    for a in attrs.iter() {
                        let value = &b[a.value.0..a.value.1];
                        if a.class.is_some_and(|c| c != Class::of(value)) {
                            return Err(format!("class of {value:?}"));
                        }
                    }
                }
                (Tok::End { name }, Event::End(e)) => {
                    if &b[name.0..name.1] != e.name().into_inner() {
                        return Err("end".into());
                    }
                }
                (Tok::Text { text, blank: known }, Event::Text(t)) => {
                    let t: &[u8] = &t;
                    if b[text.0..text.1] != *t {
                        return Err("text".into());
                    }
                    // What is said of blank text is what a plain count says.
                    if let Some((lines, last)) = known {
                        let nl = t.iter().filter(|&&c| c == b'\n').count() as u64;
                        if !t.iter().all(|&c| blank(c))
                            || lines != nl
                            || last != t.iter().rposition(|&c| c == b'\n')
                        {
                            return Err(format!("blank text {t:?}: {lines} {last:?}"));
                        }
                    }
                }
                (tok, ev) => return Err(format!("{tok:?} != {ev:?}")),
            }
        }
    }

    #[test]
    fn byte_search_and_name_end_agree_with_plain_loops() {
        let s: Vec<u8> = (0..300u32).map(|i| (i * 37 % 251) as u8).collect();
        for i in 0..s.len() {
            for b in [b'<', b'"', 0, 0xFF, 0x80, 0x7F] {
                let plain = s[i..].iter().position(|&c| c == b).map(|n| i + n);
                assert_eq!(find(&s, i, b), plain, "{i} {b}");
            }
            let plain = s[i..]
                .iter()
                .position(|&c| !name_byte(c))
                .map_or(s.len(), |n| i + n);
            assert_eq!(name_end(&s, i), plain, "{i}");
        }
        let cyr = encoding_rs::WINDOWS_1251
            .encode("ДатаВыдРегДокЖЖЖЖЖЖЖЖЖ=\"1\"")
            .0;
        assert_eq!(name_end(&cyr, 0), 22);
        assert_eq!(find(&cyr, 0, b'"'), Some(23));
        assert_eq!(find(&cyr, 24, b'"'), Some(25));
        assert_eq!(find(&cyr, 26, b'"'), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 5000, ..Default::default() })]
        /// [`find_value`] finds what [`find`] finds, and its class, when it
        /// gives one, is [`Class::of`] the value.
        #[test]
        fn find_value_is_find_and_class(
            picks in proptest::collection::vec(0usize..12, 0..90),
            start in 0usize..9,
        ) {
            const BYTES: [u8; 12] = [b'a', b'1', b'"', b'\'', b'&', b'<', b'\n', 0, 0x1F, 0x98, 0xC0, 0x20];
            let s: Vec<u8> = picks.iter().map(|&i| BYTES[i]).collect();
            let start = start.min(s.len());
            for q in [b'"', b'\''] {
                let got = find_value(&s, start, q);
                proptest::prop_assert_eq!(got.map(|g| g.0), find(&s, start, q));
                if let Some((end, Some(class))) = got {
                    proptest::prop_assert_eq!(class, Class::of(&s[start..end]));
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 5000, ..Default::default() })]
        /// [`skip_blanks`] stops where a plain loop stops and counts the line
        /// breaks it passes, the last where it is.
        #[test]
        fn skip_blanks_is_the_plain_loop(
            picks in proptest::collection::vec(0usize..8, 0..40),
            start in 0usize..4,
        ) {
            const BYTES: [u8; 8] = [b' ', b' ', b'\t', b'\r', b'\n', b'a', 0x0B, 0xA0];
            let s: Vec<u8> = picks.iter().map(|&i| BYTES[i]).collect();
            let start = start.min(s.len());
            let end = s[start..].iter().position(|&b| !blank(b)).map_or(s.len(), |n| start + n);
            let mut breaks = Breaks { n: 3, last: 7 };
            proptest::prop_assert_eq!(skip_blanks(&s, start, &mut breaks), end);
            let count = s[start..end].iter().filter(|&&b| b == b'\n').count() as u64;
            proptest::prop_assert_eq!(breaks.n, 3 + count);
            let last = s[start..end].iter().rposition(|&b| b == b'\n').map_or(7, |j| start + j);
            proptest::prop_assert_eq!(breaks.last, last);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 5000, ..Default::default() })]
        /// [`Source::skip_gap`] passes exactly the text token [`Source::next`]
        /// gives when that is blanks before a `<`, and counts its lines as
        /// the validator counts a blank text's (every line break, the line
        /// starting after the last); anything else it leaves to `next`.
        #[test]
        fn skip_gap_is_the_blank_text_token(
            picks in proptest::collection::vec(0usize..15, 0..40),
            at in 0usize..40,
            line0 in 1u64..5,
            small_file in proptest::prelude::any::<bool>(),
        ) {
            // Single bytes, near-blanks (VT, FF, NBSP in windows-1251, the
            // bytes next to a blank's and to `<`), and the long runs of an
            // indentation, so that the gap's three paths (line break and
            // indentation, one word, the long run) all meet them.
            const PIECES: [&[u8]; 15] = [
                b" ", b"\t", b"\r", b"\n", b"\n", b"<", b"a", b"\x0B", b" ", b"\x0C", b"\xA0",
                b"!=;", b"\r\n\t\t\t\t\t\t\t\t\t\t", b"                ", b"\n\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t",
            ];
            let input: Vec<u8> = picks.iter().flat_map(|&i| PIECES[i].iter().copied()).collect();
            let limits = Limits {
                max_file_size: if small_file { 8 } else { Limits::default().max_file_size },
                ..Limits::default()
            };
            let (mut a, mut b) = (Source::new(&input[..], limits), Source::new(&input[..], limits));
            a.more();
            b.more();
            // From a place inside the buffer, as after a token.
            let at = at.min(input.len());
            a.pos = at;
            b.pos = at;
            let (mut line, mut start) = (line0, 7);
            let skipped = a.skip_gap(&mut line, &mut start);
            let mut attrs = Vec::new();
            let (mut l, mut st) = (1, 0);
            let tok = b.next(&mut attrs, || false, &mut l, &mut st);
            let buffered = &b.buf[..b.end];
            let gap = match tok {
                Tok::Text { text, .. }
                    if buffered[text.0..text.1].iter().all(|&c| blank(c))
                        && buffered.get(text.1) == Some(&b'<') =>
                {
                    Some(&buffered[text.0..text.1])
                }
                _ => None,
            };
            proptest::prop_assert_eq!(skipped, gap.is_some());
            match gap {
                Some(t) => {
                    proptest::prop_assert_eq!(a.offset(), b.offset());
                    let n = t.iter().filter(|&&c| c == b'\n').count() as u64;
                    proptest::prop_assert_eq!(line, line0 + n);
                    let last = t.iter().rposition(|&c| c == b'\n').map_or(7, |j| (at + j + 1) as u64);
                    proptest::prop_assert_eq!(start, last);
                }
                None => {
                    proptest::prop_assert_eq!((a.offset(), line, start), (at as u64, line0, 7));
                }
            }
        }
    }

    #[test]
    fn reads_the_usual_tokens_as_quick_xml_does() {
        let s = "<Файл a=\"1\" b='2>'>\n\t<Док x = \"&amp;\"/>text<e/></Док>\n</Файл>  ";
        let bytes = encoding_rs::WINDOWS_1251.encode(s).0;
        assert_eq!(compare(&bytes, Limits::default()), Ok(9));
        // A tiny buffer limit: long tokens are quick-xml's.
        let small = Limits {
            max_token: 8,
            ..Limits::default()
        };
        assert_eq!(compare(&bytes, small), Ok(0));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4000, ..Default::default() })]
        #[test]
        fn agrees_with_quick_xml(picks in proptest::collection::vec(0usize..19, 0..80)) {
            // With the usual forms whole (` y='2'`, ` = '`, `="`), so that
            // their fast paths meet their near misses often.
            const PIECES: [&[u8]; 19] = [
                b"<", b">", b"/", b"a", b"\xE1\xE2", b" ", b"=", b"\"", b"'", b"\n", b"!",
                b"?", b"<a x=\"1\">", b"</a>", b"<b/>", b" y='2'", b"\t", b" = '", b"=\"",
            ];
            let input: Vec<u8> = picks.iter().flat_map(|&i| PIECES[i].iter().copied()).collect();
            let r = compare(&input, Limits::default());
            proptest::prop_assert!(r.is_ok(), "{:?}: {:?}", String::from_utf8_lossy(&input), r);
        }
    }
}
