//! Line and column of positions going forward in one piece of the file.

/// Line and column of positions going forward in one piece of the file
/// (the content of a tag over several lines): the same figures as
/// `Validator::pos` gives, with the bytes between two positions counted
/// once instead of from the piece's start each time.
pub(super) struct LineCursor {
    /// Line and the file offset of its first byte at the piece's start.
    first: (u64, u64),
    /// Offset in the piece up to which the lines are counted.
    done: usize,
    /// Line of the byte at `done`.
    line: u64,
    /// File offset of the first byte of that line.
    line_start: u64,
}

impl LineCursor {
    /// At the start of a piece, which is on `line`, a line that starts at
    /// file offset `line_start`.
    pub(super) fn new(line: u64, line_start: u64) -> Self {
        LineCursor {
            first: (line, line_start),
            done: 0,
            line,
            line_start,
        }
    }

    /// Line and column (1-based, in bytes) of byte `i` of `content`, the
    /// piece, which starts at file offset `base`.
    pub(super) fn at(&mut self, content: &[u8], base: u64, i: usize) -> (u64, u64) {
        let k = i.min(content.len());
        if k < self.done {
            // Not expected (attributes come in order); exact all the same.
            (self.line, self.line_start) = self.first;
            self.done = 0;
        }
        self.count(content, base, k);
        (self.line, base + i as u64 - self.line_start + 1)
    }

    /// Counts the lines of `content` up to its end; the line the piece
    /// ends on and the file offset where that line starts.
    pub(super) fn end(mut self, content: &[u8], base: u64) -> (u64, u64) {
        self.count(content, base, content.len());
        (self.line, self.line_start)
    }

    /// Counts the line breaks from `done` to `k` (out of line: only tags
    /// over several lines come here, and the tag's loop stays small).
    /// Eight bytes at a time: the gaps are short (an attribute and the
    /// blanks before the next), too short for a vector search to pay.
    #[inline(never)]
    fn count(&mut self, content: &[u8], base: u64, k: usize) {
        const LOW: u64 = 0x0101_0101_0101_0101;
        const SEVEN: u64 = 0x7F7F_7F7F_7F7F_7F7F;
        let gap = &content[self.done..k];
        let mut last = None;
        let mut chunks = gap.chunks_exact(8);
        let mut at = 0;
        for c in &mut chunks {
            let x = u64::from_le_bytes(c.try_into().unwrap_or([0; 8])) ^ (LOW * u64::from(b'\n'));
            // Bit 7 of each byte that is a line break (exact, no carries).
            let nl = !(((x & SEVEN) + SEVEN) | x) & !SEVEN;
            if nl != 0 {
                self.line += u64::from(nl.count_ones());
                last = Some(at + (63 - nl.leading_zeros() as usize) / 8);
            }
            at += 8;
        }
        for (j, &b) in chunks.remainder().iter().enumerate() {
            if b == b'\n' {
                self.line += 1;
                last = Some(at + j);
            }
        }
        if let Some(j) = last {
            self.line_start = base + (self.done + j) as u64 + 1;
        }
        self.done = k;
    }
}

#[cfg(test)]
mod tests {
    use super::LineCursor;
    use proptest::prelude::*;

    /// Line and column of byte `at` of the whole file, counted from its start.
    fn reference(file: &[u8], at: usize) -> (u64, u64) {
        let before = &file[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |j| j + 1);
        (line, (at - start) as u64 + 1)
    }

    proptest! {
        #[test]
        fn same_as_counting_from_the_start(
            file in proptest::collection::vec(prop_oneof![
                Just(b'\n'), Just(b'\r'), Just(b'\t'), Just(b' '), Just(b'a'), Just(0xC0u8)
            ], 1..300),
            cut in 0usize..200,
            mut at in proptest::collection::vec(0usize..200, 0..12),
            sorted in any::<bool>(),
        ) {
            // The piece starts at `cut` in the file.
            let base = cut.min(file.len());
            let (line, col) = reference(&file, base);
            let mut c = LineCursor::new(line, base as u64 + 1 - col);
            let content = &file[base..];
            if sorted {
                at.sort_unstable();
            }
            for i in at {
                let i = i.min(content.len());
                prop_assert_eq!(c.at(content, base as u64, i), reference(&file, base + i));
            }
            let (line, line_start) = c.end(content, base as u64);
            let (l, col) = reference(&file, file.len());
            prop_assert_eq!((line, line_start), (l, file.len() as u64 + 1 - col));
        }
    }
}
