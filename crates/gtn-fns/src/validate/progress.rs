//! How far a check has got, for a caller that shows progress (a progress
//! bar, a status page): bytes read and Документ elements met so far, added
//! to by the one pass and by every part at once.

use std::io::Read;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Counters a caller passes in [`super::Options::progress`] and reads from
/// another thread while the check runs. The second read that confirms
/// repeats of ИдДок is not counted; a check in parts that falls back to one
/// pass starts the counters again.
#[derive(Debug, Default)]
pub struct Progress {
    bytes: AtomicU64,
    documents: AtomicU64,
}

impl Progress {
    /// New counters at zero, to share with the check.
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    /// Bytes of the file read so far.
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// Документ elements met so far.
    pub fn documents(&self) -> u64 {
        self.documents.load(Ordering::Relaxed)
    }

    pub(super) fn document(&self) {
        self.documents.fetch_add(1, Ordering::Relaxed);
    }

    pub(super) fn restart(&self) {
        self.bytes.store(0, Ordering::Relaxed);
        self.documents.store(0, Ordering::Relaxed);
    }
}

/// A reader that adds what it reads to the counters, if any.
pub(super) struct Counted<'p, R> {
    pub inner: R,
    pub to: Option<&'p Progress>,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(p) = self.to {
            p.bytes.fetch_add(n as u64, Ordering::Relaxed);
        }
        Ok(n)
    }
}
