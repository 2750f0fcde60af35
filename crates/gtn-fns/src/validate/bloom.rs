//! The filter that remembers every ИдДок of a file in fixed memory.

use std::hash::Hasher;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// Words of the filter: 2^20 × 8 bytes = 8 MiB, whatever the file's size.
const WORDS: usize = 1 << 20;
/// Words per block: one 64-byte cache line.
const BLOCK: usize = 8;
/// Bits set per value, all in one block.
const PROBES: u32 = 7;
/// Bit 63 of a block's first word locks the block.
const LOCK: u64 = 1 << 63;
/// Bits of a block usable by probes (all but the lock bit).
const BITS: u64 = (BLOCK * 64 - 1) as u64;

/// A blocked Bloom filter: the bits of a value lie in one cache line (one
/// miss per value), and each line has a lock bit, so the parts of a file
/// checked at once share the filter and a repeat across parts is never
/// missed: of two equal values, the one that takes the line second sees
/// every bit of the first. False positives (well under one per million
/// values) only cost an exact check.
pub(crate) struct Bloom {
    words: OnceLock<Box<[AtomicU64]>>,
    /// Words of this filter: a power of two, from 4 KiB to [`WORDS`].
    len: usize,
}

impl Default for Bloom {
    fn default() -> Self {
        Self {
            words: OnceLock::new(),
            len: WORDS,
        }
    }
}

impl Bloom {
    /// A filter for a file of `bytes`: one byte of filter per byte of file
    /// (thousands of bits per ИдДок), from 4 KiB up to the full 8 MiB.
    pub fn for_bytes(bytes: u64) -> Self {
        let want = usize::try_from(bytes / 8).unwrap_or(WORDS);
        Self {
            words: OnceLock::new(),
            len: want.next_power_of_two().clamp(1 << 9, WORDS),
        }
    }

    /// Adds a value; `true` when every bit was already set: the value may
    /// have been added before.
    pub fn insert(&self, value: &[u8]) -> bool {
        let words = self
            .words
            .get_or_init(|| (0..self.len).map(|_| AtomicU64::new(0)).collect());
        // FxHash: fast on short keys; the finaliser below spreads its bits.
        let mut h = rustc_hash::FxHasher::default();
        h.write(value);
        let h = h.finish();
        let mut m = (h ^ (h >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        m = (m ^ (m >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        m ^= m >> 31;
        let mut masks = [0u64; BLOCK];
        for k in 0..PROBES {
            // Nine bits per probe, reduced to the 511 usable bits.
            let mut b = ((m >> (k * 9)) & 511) % BITS;
            if b >= 63 {
                b += 1; // skip the lock bit
            }
            masks[(b / 64) as usize] |= 1 << (b % 64);
        }
        let base = ((h >> 32) as usize % (self.len / BLOCK)) * BLOCK;
        let block = &words[base..base + BLOCK];
        // Take the line.
        while block[0].fetch_or(LOCK, Ordering::Acquire) & LOCK != 0 {
            while block[0].load(Ordering::Relaxed) & LOCK != 0 {
                std::hint::spin_loop();
            }
        }
        let mut seen = true;
        for (w, &mask) in block.iter().zip(&masks) {
            if mask != 0 && w.fetch_or(mask, Ordering::Relaxed) & mask != mask {
                seen = false;
            }
        }
        block[0].fetch_and(!LOCK, Ordering::Release);
        seen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_are_seen_and_new_values_almost_never() {
        let b = Bloom::default();
        let mut false_hits = 0;
        for i in 0..1_000_000u32 {
            let v = format!("00000000-0000-4000-8000-{i:012}");
            false_hits += usize::from(b.insert(v.as_bytes()));
        }
        assert!(false_hits < 5, "{false_hits} false positives in a million");
        assert!(b.insert(b"00000000-0000-4000-8000-000000000017"));
        assert!(b.insert(b"00000000-0000-4000-8000-000000999999"));
    }

    #[test]
    fn concurrent_inserts_of_one_value_see_each_other() {
        for round in 0..200u32 {
            let b = Bloom::default();
            let v = format!("value-{round}");
            let hits: Vec<bool> = std::thread::scope(|s| {
                let hs: Vec<_> = (0..4).map(|_| s.spawn(|| b.insert(v.as_bytes()))).collect();
                hs.into_iter().map(|h| h.join().unwrap_or(false)).collect()
            });
            assert_eq!(
                hits.iter().filter(|&&x| !x).count(),
                1,
                "exactly one first insert"
            );
        }
    }
}
