//! A reader that bounds what a hostile file can make the parser buffer.

use std::io::{self, BufRead, Read};

/// Limits of the validator (defaults fit any real file of the format).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest file, bytes (default 64 GiB).
    pub max_file_size: u64,
    /// Largest single piece of markup or text the parser may buffer, bytes
    /// (default 1 MiB: the longest legal start tag is about 10 KiB).
    pub max_token: u64,
    /// Deepest nesting of elements (default 16; the format's is 4).
    pub max_depth: usize,
    /// Most attributes on one element (default 64; the format's is 18).
    pub max_attributes: usize,
    /// Most possible repeats of ИдДок kept for the exact check (default
    /// 100 000); beyond it a warning says the rest were not checked.
    pub max_id_candidates: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_size: 64 << 30,
            max_token: 1 << 20,
            max_depth: 16,
            max_attributes: 64,
            max_id_candidates: 100_000,
        }
    }
}

/// Which limit was hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hit {
    FileSize,
    Token,
}

pub(crate) struct LimitedReader<R> {
    inner: R,
    limits: Limits,
    total: u64,
    token: u64,
    pub hit: Option<Hit>,
}

impl<R: BufRead> LimitedReader<R> {
    pub fn new(inner: R, limits: Limits) -> Self {
        Self {
            inner,
            limits,
            total: 0,
            token: 0,
            hit: None,
        }
    }

    /// A reader whose first byte is at offset `total` of the input.
    pub fn at(inner: R, limits: Limits, total: u64) -> Self {
        Self {
            total,
            ..Self::new(inner, limits)
        }
    }

    /// Called before each parser event: the per-token budget starts anew.
    pub fn start_token(&mut self) {
        self.token = 0;
    }

    fn over(&mut self) -> Option<io::Error> {
        let hit = if self.total > self.limits.max_file_size {
            Hit::FileSize
        } else if self.token > self.limits.max_token {
            Hit::Token
        } else {
            return None;
        };
        self.hit = Some(hit);
        Some(io::Error::other("limit"))
    }
}

impl<R: BufRead> Read for LimitedReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for LimitedReader<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if let Some(e) = self.over() {
            return Err(e);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.total += amt as u64;
        self.token += amt as u64;
        self.inner.consume(amt);
    }
}
