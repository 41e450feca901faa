//! Parse throughput: `cargo bench -p mandates-bench` (figures go to docs/PERFORMANCE.md).
//!
//! - `text/parse`: a 50 MB synthetic text corpus parsed as `mandates parse` does it (`parse_owned`, on a copy
//!   of the bytes made before the clock starts; the model is dropped after it stops), per byte of input;
//! - `text/parse_borrowed`: `mandates_core::parse` on the same bytes, borrowed, so the text is copied;
//! - `text_stages/*`: the stages of that parse on the same corpus (decode, structure, references, facts,
//!   reference table, footnotes), to see where the time goes;
//! - `seed/parse`: the real TSAG summary in `samples/`;
//! - `docx/*`: `.docx` parse (and decode alone) per byte of `word/document.xml`, on a generated document
//!   with 20 MB of document.xml and on the real WTSA Resolution 1.
//!
//! - `text_cpu/parse`: `text/parse` timed by the CPU time of the thread instead of the wall clock: the
//!   target is per core, and on a shared machine the wall clock also counts the time others hold the core.
//! - `text_cpu/stages`: what the target names, by CPU time: the text read into the model (decode, structure,
//!   reference table, footnotes, references, facts) without the SHA-256 of the input file that `parse` also
//!   computes, which runs at the CPU's SHA speed (about 1.7 GB/s here, an eighth of the parse).
//! - `documents/parse_each` and `documents_cpu/parse_each`: 50 MB of synthetic documents of 16 KB to 2 MB
//!   (`mandates_bench::text_documents`, about 120 files), each parsed as `mandates parse` does it, by the wall
//!   clock and by CPU time: a secretariat's corpus comes one document at a time.
//!
//! Long inputs use flat sampling with the minimum of 10 samples so the whole run takes a few minutes on two
//! cores. `BENCH_TEXT_MB` and `BENCH_DOCX_MB` change the corpus sizes.

use std::hint::black_box;
use std::io::Read as _;
use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter};
use criterion::{BatchSize, BenchmarkGroup, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use mandates_core::decode::{self, Limits, text::decode_text};

const SEED: u64 = 2026;

fn mb(var: &str, default: usize) -> usize {
    std::env::var(var).ok().and_then(|v| v.parse().ok()).unwrap_or(default) * 1_000_000
}

fn sample(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// Size of `word/document.xml` inside a .docx.
fn document_xml_len(docx: &[u8]) -> u64 {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let mut file = zip.by_name("word/document.xml").expect("word/document.xml");
    let mut n = Vec::new();
    file.read_to_end(&mut n).expect("inflates");
    n.len() as u64
}

/// A group over a long input of `bytes`, its throughput per byte: flat sampling, the fewest samples criterion
/// takes (10), so that a run stays within minutes on two cores.
fn long_group<'c, M: Measurement>(c: &'c mut Criterion<M>, name: &str, bytes: u64) -> BenchmarkGroup<'c, M> {
    let mut group = c.benchmark_group(name);
    group.sampling_mode(SamplingMode::Flat).sample_size(10).warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(8));
    group.throughput(Throughput::Bytes(bytes));
    group
}

/// `parse`: the bytes parsed as `mandates parse` does it, by `parse_owned` on a copy made before the clock
/// starts. The model of 50 MB takes tens of milliseconds to free: that is not parsing, so it is dropped untimed.
fn parse_as_the_cli<M: Measurement>(group: &mut BenchmarkGroup<'_, M>, bytes: &[u8]) {
    group.bench_function("parse", |b| {
        b.iter_batched(
            || bytes.to_vec(),
            |owned| mandates_core::parse_owned("corpus.txt", owned, &Default::default()).unwrap(),
            BatchSize::PerIteration,
        )
    });
}

/// `parse_each`: every document parsed in turn, as `mandates parse A B C` does; the models are freed untimed.
fn parse_each<M: Measurement>(group: &mut BenchmarkGroup<'_, M>, docs: &[String]) {
    group.bench_function("parse_each", |b| {
        b.iter_batched(
            || docs.iter().map(|d| d.as_bytes().to_vec()).collect::<Vec<_>>(),
            |owned| {
                owned
                    .into_iter()
                    .map(|bytes| mandates_core::parse_owned("document.txt", bytes, &Default::default()).unwrap())
                    .collect::<Vec<_>>()
            },
            BatchSize::PerIteration,
        )
    });
}

/// `stages`: the stages of [`mandates_core::parse_owned`] in its order (the paragraphs freed after the table,
/// as it does), on a copy made before the clock starts, without its digest of the input; the outputs are freed
/// untimed.
fn stages<M: Measurement>(group: &mut BenchmarkGroup<'_, M>, bytes: &[u8]) {
    use mandates_core::{facts, model::SourceText, references, structure, table};
    group.bench_function("stages", |b| {
        b.iter_batched(
            || bytes.to_vec(),
            |owned| {
                let decoded = decode::text::decode_text_owned(owned).unwrap();
                let text = SourceText::new(decoded.text);
                let structure = structure::parse_structure(&text, &decoded.paras);
                let table = table::extract(&text, &decoded.paras);
                drop(decoded.paras);
                let footnotes = structure::footnotes::extract(&text);
                let references = references::extract_from(&text);
                let facts = facts::extract(&text);
                (text, structure, table, footnotes, references, facts)
            },
            BatchSize::PerIteration,
        )
    });
}

fn documents<M: Measurement>(c: &mut Criterion<M>, name: &str) {
    let docs = mandates_bench::text_documents(SEED, mb("BENCH_TEXT_MB", 50));
    let mut group = long_group(c, name, docs.iter().map(|d| d.len() as u64).sum());
    parse_each(&mut group, &docs);
    group.finish();
}

fn text(c: &mut Criterion) {
    let corpus = mandates_bench::text_corpus(SEED, mb("BENCH_TEXT_MB", 50));
    let bytes = corpus.as_bytes();
    let mut group = long_group(c, "text", bytes.len() as u64);
    parse_as_the_cli(&mut group, bytes);
    group.bench_function("parse_borrowed", |b| {
        b.iter_batched(
            || (),
            |()| mandates_core::parse("corpus.txt", black_box(bytes), &Default::default()).unwrap(),
            BatchSize::PerIteration,
        )
    });
    group.finish();

    let decoded = decode_text(bytes).unwrap();
    let source = mandates_core::model::SourceText::new(decoded.text);
    let (text, paras) = (source.as_str(), decoded.paras.as_slice());
    let mut group = long_group(c, "text_stages", bytes.len() as u64);
    group.bench_function("decode", |b| b.iter(|| decode_text(black_box(bytes)).unwrap()));
    group.bench_function("structure", |b| {
        b.iter(|| mandates_core::structure::parse_structure(black_box(&source), black_box(paras)))
    });
    group.bench_function("references", |b| b.iter(|| mandates_core::references::extract_from(black_box(&source))));
    group.bench_function("facts", |b| b.iter(|| mandates_core::facts::extract(black_box(text))));
    group.bench_function("table", |b| b.iter(|| mandates_core::table::extract(black_box(text), black_box(paras))));
    group.bench_function("footnotes", |b| b.iter(|| mandates_core::structure::footnotes::extract(black_box(text))));
    group.finish();
}

fn seed(c: &mut Criterion) {
    let bytes = sample("tsag-td-pp22-highlights.txt");
    let mut group = c.benchmark_group("seed");
    group.sample_size(30).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4));
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("parse", |b| {
        b.iter(|| mandates_core::parse("seed.txt", black_box(&bytes), &Default::default()).unwrap())
    });
    group.finish();
}

fn docx(c: &mut Criterion) {
    let generated = mandates_bench::generate_docx(SEED, mb("BENCH_DOCX_MB", 20));
    let real = sample("wtsa-res-001-rev-hammamet-2016.docx");
    let limits = Limits::default();

    let mut group = long_group(c, "docx", generated.document_xml_bytes as u64);
    group.bench_function("parse_generated", |b| {
        b.iter(|| mandates_core::parse("corpus.docx", black_box(&generated.bytes), &Default::default()).unwrap())
    });
    group.bench_function("decode_generated", |b| {
        b.iter(|| decode::decode(black_box(&generated.bytes), &limits).unwrap())
    });
    group.finish();

    let mut group = c.benchmark_group("docx_real");
    group.sample_size(20).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4));
    group.throughput(Throughput::Bytes(document_xml_len(&real)));
    group.bench_function("parse_wtsa_res1", |b| {
        b.iter(|| mandates_core::parse("res1.docx", black_box(&real), &Default::default()).unwrap())
    });
    group.bench_function("decode_wtsa_res1", |b| b.iter(|| decode::decode(black_box(&real), &limits).unwrap()));
    group.finish();
}

/// The CPU time of the benchmark's thread, in nanoseconds, from /proc/thread-self/schedstat (Linux); NaN
/// where that cannot be read, so a figure is never made up.
struct ThreadCpuTime;

fn thread_cpu_ns() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .unwrap_or(f64::NAN)
}

impl Measurement for ThreadCpuTime {
    type Intermediate = f64;
    type Value = f64;

    fn start(&self) -> f64 {
        thread_cpu_ns()
    }
    fn end(&self, start: f64) -> f64 {
        thread_cpu_ns() - start
    }
    fn add(&self, a: &f64, b: &f64) -> f64 {
        a + b
    }
    fn zero(&self) -> f64 {
        0.0
    }
    fn to_f64(&self, value: &f64) -> f64 {
        *value
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &CpuFormatter
    }
}

/// Milliseconds of CPU time, and decimal MB per second of it.
struct CpuFormatter;

impl ValueFormatter for CpuFormatter {
    fn scale_values(&self, _typical_ns: f64, values: &mut [f64]) -> &'static str {
        values.iter_mut().for_each(|v| *v /= 1e6);
        "ms (CPU)"
    }
    fn scale_throughputs(&self, _typical_ns: f64, throughput: &Throughput, values: &mut [f64]) -> &'static str {
        let (per_run, unit) = match *throughput {
            Throughput::Bytes(n) | Throughput::BytesDecimal(n) => (n as f64 / 1e6, "MB/s (CPU)"),
            Throughput::Bits(n) => (n as f64 / 1e6, "Mbit/s (CPU)"),
            Throughput::Elements(n) | Throughput::ElementsAndBytes { elements: n, .. } => (n as f64, "elem/s (CPU)"),
        };
        values.iter_mut().for_each(|v| *v = per_run / (*v / 1e9));
        unit
    }
    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}

fn documents_wall(c: &mut Criterion) {
    documents(c, "documents");
}

/// Whether the thread's CPU time can be read here; if not, says that `group` is skipped.
fn cpu_time_readable(group: &str) -> bool {
    let readable = !thread_cpu_ns().is_nan();
    if !readable {
        eprintln!("{group}: /proc/thread-self/schedstat cannot be read here; skipped");
    }
    readable
}

fn documents_cpu(c: &mut Criterion<ThreadCpuTime>) {
    if cpu_time_readable("documents_cpu") {
        documents(c, "documents_cpu");
    }
}

fn text_cpu(c: &mut Criterion<ThreadCpuTime>) {
    if !cpu_time_readable("text_cpu") {
        return;
    }
    let corpus = mandates_bench::text_corpus(SEED, mb("BENCH_TEXT_MB", 50));
    let bytes = corpus.as_bytes();
    let mut group = long_group(c, "text_cpu", bytes.len() as u64);
    parse_as_the_cli(&mut group, bytes);
    stages(&mut group, bytes);
    group.finish();
}

criterion_group!(benches, seed, docx, text, documents_wall);
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(ThreadCpuTime);
    targets = text_cpu, documents_cpu
}
criterion_main!(benches, cpu);
