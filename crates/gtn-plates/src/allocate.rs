//! Allocation of the next free plate of a region code and type.

use crate::{Registry, RegistryError};
use gtn_model::{Plate, PlateType};

const WORDS: usize = 10_000_usize.div_ceil(64); // numbers 0..=9999, one bit each

/// Выдача следующего свободного знака: walks the region's series in the
/// appendix order and the numbers 0001-9999 within each, never returning a
/// plate already issued.
///
/// Issued plates are kept as one 10 000-bit set per series (1.25 KiB), so
/// building takes time linear in the number of issued plates and finding the
/// next free one scans at most 157 words per series, however many hundreds of
/// thousands of plates a region has issued (see `benches/allocate.rs`).
#[derive(Debug, Clone)]
pub struct Allocator<'r> {
    registry: &'r Registry,
    code: String,
    plate_type: PlateType,
    series: Vec<String>,
    used: Vec<[u64; WORDS]>,
    /// (series index, word index) before which everything is taken.
    hint: (usize, usize),
    ignored: usize,
}

impl<'r> Allocator<'r> {
    /// Prepares allocation for `code` and `plate_type`, given the plates
    /// already issued. Plates of other codes or types, and plates whose
    /// series is not the region's, are ignored (counted by [`Allocator::ignored`]).
    pub fn new(
        registry: &'r Registry,
        code: &str,
        plate_type: PlateType,
        issued: impl IntoIterator<Item = Plate>,
    ) -> Result<Self, RegistryError> {
        let series = registry
            .series(code, plate_type)
            .ok_or_else(|| RegistryError::UnknownCode {
                code: code.to_owned(),
                plate_type,
                appendix: registry.appendix(plate_type).number,
            })?
            .to_vec();
        let mut used: Vec<[u64; WORDS]> = vec![[0u64; WORDS]; series.len()];
        for u in &mut used {
            u[0] |= 1; // number 0000 is never issued
        }
        let mut a = Self {
            registry,
            code: code.to_owned(),
            plate_type,
            series,
            used,
            hint: (0, 0),
            ignored: 0,
        };
        for p in issued {
            if !a.mark_issued(&p) {
                a.ignored += 1;
            }
        }
        Ok(a)
    }

    /// Marks a plate as issued; `false` if it is not of this code, type and series list.
    pub fn mark_issued(&mut self, p: &Plate) -> bool {
        match self.slot(p) {
            Some((s, n)) => {
                self.used[s][n / 64] |= 1 << (n % 64);
                true
            }
            None => false,
        }
    }

    fn slot(&self, p: &Plate) -> Option<(usize, usize)> {
        if p.code != self.code
            || p.plate_type != self.plate_type
            || p.number == 0
            || p.number > 9999
        {
            return None;
        }
        let s = self.series.iter().position(|x| *x == p.series)?;
        Some((s, usize::from(p.number)))
    }

    /// `true` if the plate is among the issued ones.
    pub fn is_issued(&self, p: &Plate) -> bool {
        self.slot(p)
            .is_some_and(|(s, n)| self.used[s][n / 64] & (1 << (n % 64)) != 0)
    }

    /// The region code plates are allocated for.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The plate type allocated.
    pub fn plate_type(&self) -> PlateType {
        self.plate_type
    }

    /// Number of issued plates that were ignored as not of this code, type or series list.
    pub fn ignored(&self) -> usize {
        self.ignored
    }

    /// Checks a requested plate: valid for the registry and not yet issued.
    pub fn check_request(&self, p: &Plate) -> Result<(), RegistryError> {
        self.registry.check(p)?;
        if p.code != self.code || p.plate_type != self.plate_type {
            return Err(RegistryError::UnknownCode {
                code: p.code.clone(),
                plate_type: p.plate_type,
                appendix: self.registry.appendix(p.plate_type).number,
            });
        }
        if self.is_issued(p) {
            return Err(RegistryError::AlreadyIssued {
                plate: p.to_string(),
            });
        }
        Ok(())
    }

    /// The next free plate, without taking it.
    pub fn next_free(&self) -> Result<Plate, RegistryError> {
        let (s0, w0) = self.hint;
        for s in s0..self.series.len() {
            let start = if s == s0 { w0 } else { 0 };
            for w in start..WORDS {
                let free = !self.used[s][w];
                if free != 0 {
                    let n = w * 64 + free.trailing_zeros() as usize;
                    if n <= 9999 {
                        return Ok(Plate {
                            plate_type: self.plate_type,
                            number: n as u16,
                            series: self.series[s].clone(),
                            code: self.code.clone(),
                        });
                    }
                }
            }
        }
        Err(RegistryError::Exhausted {
            code: self.code.clone(),
            plate_type: self.plate_type,
        })
    }

    /// Takes the next free plate and marks it issued.
    pub fn allocate(&mut self) -> Result<Plate, RegistryError> {
        let p = self.next_free()?;
        if let Some((s, n)) = self.slot(&p) {
            self.hint = (s, n / 64);
        }
        self.mark_issued(&p);
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plate(s: &str) -> Plate {
        Plate::parse(PlateType::Type3, s).unwrap()
    }

    #[test]
    fn skips_issued_and_walks_series_in_order() {
        let reg = Registry::builtin();
        let issued = (1..=9999).map(|n| Plate {
            plate_type: PlateType::Type3,
            number: n,
            series: "АА".into(),
            code: "77".into(),
        });
        let mut a = Allocator::new(
            reg,
            "77",
            PlateType::Type3,
            issued.chain([plate("0001 АЕ 77"), plate("0001 АА 50")]),
        )
        .unwrap();
        assert_eq!(a.ignored(), 1);
        assert_eq!(a.next_free().unwrap().to_string(), "0002 АЕ 77");
        assert_eq!(a.allocate().unwrap().to_string(), "0002 АЕ 77");
        assert_eq!(a.allocate().unwrap().to_string(), "0003 АЕ 77");
        assert!(matches!(
            a.check_request(&plate("0001 АЕ 77")),
            Err(RegistryError::AlreadyIssued { .. })
        ));
        assert!(a.check_request(&plate("0009 АЕ 77")).is_ok());
        assert_eq!(
            a.check_request(&plate("0009 КМ 77")).unwrap_err().code(),
            "P011"
        );
    }

    #[test]
    fn exhaustion_is_an_error() {
        let reg = Registry::builtin();
        // Код 87 (Чукотка) type 3 has two series.
        let all = reg.series("87", PlateType::Type3).unwrap().to_vec();
        let issued = all.iter().flat_map(|s| {
            (1..=9999).map(move |n| Plate {
                plate_type: PlateType::Type3,
                number: n,
                series: s.clone(),
                code: "87".into(),
            })
        });
        let a = Allocator::new(reg, "87", PlateType::Type3, issued).unwrap();
        assert_eq!(a.next_free().unwrap_err().code(), "P014");
    }
}
