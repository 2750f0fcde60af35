//! The filter that remembers every ИдДок of a file in fixed memory.

use std::hash::Hasher;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// Words of the filter: 2^20 × 8 bytes = 8 MiB, whatever the file's size.
const WORDS: usize = 1 << 20;
/// Bits set per value.
const PROBES: u32 = 7;

/// A Bloom filter with all bits of a value in one 64-bit word: one cache
/// miss per value, and one atomic `fetch_or`, so that the parts of a file
/// checked at once share it and a repeat across parts is never missed (of
/// two equal values, the later `fetch_or` sees every bit of the earlier).
/// False positives (about 1 in 10^7 at a million values) only cost an
/// exact check.
#[derive(Default)]
pub(crate) struct Bloom {
    words: OnceLock<Box<[AtomicU64]>>,
}

impl Bloom {
    /// Adds a value; `true` when every bit was already set: the value may
    /// have been added before.
    pub fn insert(&self, value: &[u8]) -> bool {
        let words = self
            .words
            .get_or_init(|| (0..WORDS).map(|_| AtomicU64::new(0)).collect());
        // FxHash: fast on short keys; the finaliser below spreads its bits.
        let mut h = rustc_hash::FxHasher::default();
        h.write(value);
        let h = h.finish();
        // The bits come from a second mix of the hash (splitmix64's finaliser).
        let mut m = (h ^ (h >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        m = (m ^ (m >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        let mut mask = 0u64;
        for k in 0..PROBES {
            mask |= 1 << ((m >> (k * 6)) & 63);
        }
        let word = &words[(h as usize) % WORDS];
        word.fetch_or(mask, Ordering::Relaxed) & mask == mask
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_are_seen_and_new_values_mostly_not() {
        let b = Bloom::default();
        let mut false_hits = 0;
        for i in 0..200_000u32 {
            let v = format!("00000000-0000-4000-8000-{i:012}");
            false_hits += usize::from(b.insert(v.as_bytes()));
        }
        assert!(false_hits < 5, "{false_hits} false positives");
        assert!(b.insert(b"00000000-0000-4000-8000-000000000017"));
    }
}
