//! Allocation time against the number of plates already issued.
//!
//! `cargo bench -p gtn-plates`: for 1 000 … 300 000 issued type-3 plates of
//! code 77 (39 series × 9 999 numbers = 389 961 possible), measures building
//! the allocator from the issued list and finding the next free plate.

#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use gtn_model::{Plate, PlateType};
use gtn_plates::{Allocator, Registry};
use std::hint::black_box;

fn issued(n: usize) -> Vec<Plate> {
    let reg = Registry::builtin();
    let series = reg.series("77", PlateType::Type3).unwrap_or_default();
    series
        .iter()
        .flat_map(|s| {
            (1..=9999u16).map(move |k| Plate {
                plate_type: PlateType::Type3,
                number: k,
                series: s.clone(),
                code: "77".into(),
            })
        })
        .take(n)
        .collect()
}

fn bench(c: &mut Criterion) {
    let reg = Registry::builtin();
    let mut g = c.benchmark_group("allocate");
    for n in [1_000usize, 10_000, 100_000, 300_000] {
        let plates = issued(n);
        g.bench_with_input(BenchmarkId::new("build+next", n), &plates, |b, p| {
            b.iter(|| {
                let a = Allocator::new(reg, "77", PlateType::Type3, p.iter().cloned());
                black_box(a.and_then(|a| a.next_free()))
            })
        });
        if let Ok(a) = Allocator::new(reg, "77", PlateType::Type3, plates.iter().cloned()) {
            g.bench_with_input(BenchmarkId::new("next", n), &a, |b, a| {
                b.iter(|| black_box(a.next_free()))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
