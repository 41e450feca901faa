//! Revision diff throughput (issue 5): `cargo bench -p mandates-bench --bench diff` (figures go to
//! docs/PERFORMANCE.md).
//!
//! A conference of 100 resolutions (the synthetic generator's full texts) against a revised copy, made by
//! deterministic edits of the text: every 7th numbered item reworded, every 11th deleted, a "bis" item inserted
//! after every 13th, and a deadline year changed wherever an item says "2024". Both are parsed once:
//! - `diff/compare_100`: `diff::compare_documents` (alignment, word changes, mandates and summary);
//! - `diff/markdown_100`: the same and its Markdown;
//! - `diff/parse_and_compare_100`: parsing both texts and comparing, as `mandates diff OLD NEW` does.
//!
//! Target: a 100-resolution conference in < 1 s.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mandates_core::diff::{compare_documents, render};

const SEED: u64 = 2026;
const RESOLUTIONS: usize = 100;

/// The revised copy: line edits that a conference makes, the same every run.
fn revise(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut numbered = 0usize;
    for line in text.lines() {
        // Items numbered "3" or "3bis"; not "70/1." (a UN resolution's header) nor "2.6" (a summary's section).
        let item = line.split_once('\t').filter(|(label, _)| {
            let digits = label.trim_end_matches("bis");
            !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
        });
        let Some((label, body)) = item else {
            // Headings stay: a revision's year tells which body an instrument belongs to.
            out.push_str(line);
            out.push('\n');
            continue;
        };
        numbered += 1;
        if numbered.is_multiple_of(11) {
            continue;
        }
        if numbered.is_multiple_of(7) {
            out.push_str(&format!("{label}\tto continue, as a matter of priority, {body}\n"));
        } else {
            out.push_str(&line.replace("2024", "2025"));
            out.push('\n');
        }
        if numbered.is_multiple_of(13) && !label.contains("bis") {
            out.push_str(&format!("{label}bis\tto report to the 2026 session of Council on the progress made;\n"));
        }
    }
    out
}

fn diff(c: &mut Criterion) {
    let corpus = mandates_bench::generate_resolutions(SEED, RESOLUTIONS, None);
    let revised = revise(&corpus.text);
    let parse = |name: &str, text: &str| mandates_core::parse(name, text.as_bytes(), &Default::default()).unwrap();
    let old = parse("old.txt", &corpus.text);
    let new = parse("new.txt", &revised);
    assert_eq!(old.instruments.len(), RESOLUTIONS, "the generated conference parses into its resolutions");
    let d = compare_documents(&old, &new);
    assert_eq!(d.instruments.len(), RESOLUTIONS, "every resolution is in both texts: {:?}", d.only_in_old);
    let counts = d.instruments.iter().fold([0usize; 6], |mut n, i| {
        let c = i.summary.counts;
        for (k, v) in [c.unchanged, c.reworded, c.renumbered, c.moved, c.added, c.removed].into_iter().enumerate() {
            n[k] += v;
        }
        n
    });
    eprintln!(
        "{RESOLUTIONS} resolutions, {} bytes -> {} bytes; items unchanged {}, reworded {}, renumbered {}, moved {}, \
         added {}, removed {}; Markdown {} bytes",
        corpus.text.len(),
        revised.len(),
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        counts[4],
        counts[5],
        render::markdown(&d).len()
    );

    let mut group = c.benchmark_group("diff");
    group.throughput(Throughput::Elements(RESOLUTIONS as u64));
    group.bench_function("compare_100", |b| b.iter(|| compare_documents(black_box(&old), black_box(&new))));
    group.bench_function("markdown_100", |b| {
        b.iter(|| render::markdown(&compare_documents(black_box(&old), black_box(&new))).len())
    });
    group.bench_function("parse_and_compare_100", |b| {
        b.iter(|| {
            let (o, n) = (parse("old.txt", black_box(&corpus.text)), parse("new.txt", black_box(&revised)));
            compare_documents(&o, &n).instruments.len()
        })
    });
    group.finish();
}

criterion_group!(benches, diff);
criterion_main!(benches);
