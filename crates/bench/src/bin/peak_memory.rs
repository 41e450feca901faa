//! Parse one file and print its size, the parse time and the peak resident memory of the process
//! (`VmHWM` of /proc/self/status): `peak_memory FILE`. Used to check "peak memory <= 2x input + 50 MB".
//!
//! `peak_memory --stages FILE` runs the stages of `mandates_core::parse` one by one instead and prints the
//! heap each one leaves allocated (its output) and the heap peak during it, from a counting allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

/// The system allocator, counting live and peak heap bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(n: usize) {
    let live = LIVE.fetch_add(n, Relaxed) + n;
    PEAK.fetch_max(live, Relaxed);
}

// SAFETY: every call is forwarded to `System` with the same arguments; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as received.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as received.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as received.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded as received.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Relaxed);
            grew(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn vm(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse::<u64>().ok().map(|kb| kb * 1024)
}

/// Time this thread has run on a CPU, in seconds (/proc/thread-self/schedstat): unlike wall-clock time it does
/// not count time waiting for a core on a busy machine.
fn cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse::<u64>().ok().map(|ns| ns as f64 / 1e9)
}

fn mib(b: u64) -> f64 {
    b as f64 / (1024.0 * 1024.0)
}

/// Runs `f`, prints the heap it leaves allocated and the peak heap during it, and returns its value.
fn stage<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let started = cpu_secs();
    let out = f();
    let secs = cpu_secs().zip(started).map_or(0.0, |(after, before)| after - before);
    let after = LIVE.load(Relaxed);
    let peak = PEAK.load(Relaxed);
    println!(
        "{name:<12} {secs:>7.3} s CPU  keeps {:>7.1} MiB  peak during {:>7.1} MiB above the {:>7.1} MiB before",
        mib(after.saturating_sub(before) as u64),
        mib(peak.saturating_sub(before) as u64),
        mib(before as u64)
    );
    out
}

fn stages(bytes: &[u8]) {
    use mandates_core::{decode, facts, references, structure, table};
    let (_, decoded) = stage("decode", || decode::decode(bytes, &Default::default()).expect("readable"));
    let decode::Decoded { text, paras, .. } = decoded;
    let (text, paras) = (&mandates_core::model::SourceText::new(text), &paras);
    println!(
        "             text {:.1} MiB, {} paragraphs ({} bytes each in the Vec)",
        mib(text.len() as u64),
        paras.len(),
        std::mem::size_of::<decode::Para>()
    );
    let s = stage("structure", || structure::parse_structure(text, paras));
    let f = stage("footnotes", || structure::footnotes::extract(text));
    let r = stage("references", || references::extract_from(text));
    let x = stage("facts", || facts::extract(text));
    let t = stage("table", || table::extract(text, paras));
    println!(
        "             {} instruments, {} references, {} footnotes, {} amounts, {} table rows",
        s.instruments.len(),
        r.len(),
        f.len(),
        x.amounts.len(),
        t.rows.len()
    );
    println!("heap live {:.1} MiB; peak RSS {:.1} MiB", mib(LIVE.load(Relaxed) as u64), mib(vm("VmHWM:").unwrap_or(0)));
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let by_stage = args.first().is_some_and(|a| a == "--stages");
    if by_stage {
        args.remove(0);
    }
    let [path] = args.as_slice() else {
        eprintln!("usage: peak_memory [--stages] FILE");
        std::process::exit(2);
    };
    let before = vm("VmHWM:").unwrap_or(0);
    let bytes = std::fs::read(path).unwrap_or_else(|e| {
        eprintln!("reading {path}: {e}");
        std::process::exit(1);
    });
    if by_stage {
        println!("input {:.1} MiB", mib(bytes.len() as u64));
        stages(&bytes);
        return;
    }
    let cpu_before = cpu_secs();
    let started = Instant::now();
    let doc = match mandates_core::parse(path, &bytes, &Default::default()) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let elapsed = started.elapsed();
    let cpu = cpu_secs().zip(cpu_before).map(|(after, before)| after - before);
    let peak = vm("VmHWM:").unwrap_or(0);
    let input = bytes.len() as u64;
    let budget = 2 * input + 50 * 1024 * 1024;
    println!("input        {:>10.1} MiB ({input} bytes)", mib(input));
    println!("decoded text {:>10.1} MiB", mib(doc.text.len() as u64));
    println!("instruments  {:>10}", doc.instruments.len());
    println!(
        "parse time   {:>10.3} s ({:.1} MB/s of input)",
        elapsed.as_secs_f64(),
        input as f64 / 1e6 / elapsed.as_secs_f64()
    );
    if let Some(cpu) = cpu {
        println!("parse CPU    {:>10.3} s ({:.1} MB/s of input per core)", cpu, input as f64 / 1e6 / cpu);
    }
    println!("peak heap    {:>10.1} MiB", mib(PEAK.load(Relaxed) as u64));
    println!("peak RSS     {:>10.1} MiB (before reading: {:.1} MiB)", mib(peak), mib(before));
    println!(
        "budget       {:>10.1} MiB (2 x input + 50 MiB): {}",
        mib(budget),
        if peak <= budget { "met" } else { "MISSED" }
    );
}
