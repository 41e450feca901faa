//! Akoma Ntoso throughput (issue 5): `cargo bench -p mandates-bench --bench akn` (figures go to
//! docs/PERFORMANCE.md).
//!
//! A conference of 100 resolutions (the synthetic generator's full texts, parsed once):
//! - `akn/export_100`: `akn::export` of every instrument;
//! - `akn/read_100`: every export read back through `mandates_core::parse` (XML -> model);
//! - `akn/round_trip_100`: export, read and export again, as the round-trip tests do.
//!
//! Target: a 100-resolution conference in < 1 s.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mandates_core::akn::export;

const SEED: u64 = 2026;
const RESOLUTIONS: usize = 100;

fn akn(c: &mut Criterion) {
    let corpus = mandates_bench::generate_resolutions(SEED, RESOLUTIONS, None);
    let doc = mandates_core::parse("conference.txt", corpus.text.as_bytes(), &Default::default()).unwrap();
    assert_eq!(doc.instruments.len(), RESOLUTIONS, "the generated conference parses into its resolutions");
    let exports: Vec<String> = doc.instruments.iter().map(|i| export(&doc, i)).collect();
    let xml_bytes: usize = exports.iter().map(String::len).sum();
    eprintln!("{RESOLUTIONS} resolutions: {} bytes of text, {xml_bytes} bytes of Akoma Ntoso", corpus.text.len());

    let mut group = c.benchmark_group("akn");
    group.throughput(Throughput::Elements(RESOLUTIONS as u64));
    group.bench_function("export_100", |b| {
        b.iter(|| doc.instruments.iter().map(|i| export(black_box(&doc), i).len()).sum::<usize>())
    });
    group.bench_function("read_100", |b| {
        b.iter(|| {
            exports
                .iter()
                .map(|x| mandates_core::parse("r.xml", black_box(x.as_bytes()), &Default::default()).unwrap())
                .map(|d| d.text.len())
                .sum::<usize>()
        })
    });
    group.bench_function("round_trip_100", |b| {
        b.iter(|| {
            let mut n = 0;
            for inst in &doc.instruments {
                let xml = export(black_box(&doc), inst);
                let back = mandates_core::parse("r.xml", xml.as_bytes(), &Default::default()).unwrap();
                n += export(&back, &back.instruments[0]).len();
            }
            n
        })
    });
    group.finish();
}

criterion_group!(benches, akn);
criterion_main!(benches);
