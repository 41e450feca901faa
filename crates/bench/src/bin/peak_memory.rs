//! Parse one file and print its size, the parse time and the peak resident memory of the process
//! (`VmHWM` of /proc/self/status): `peak_memory FILE`. Used to check "peak memory <= 2x input + 50 MB".
//!
//! `peak_memory --stages FILE` runs the stages of `mandates_core::parse` one by one instead and prints the
//! heap each one leaves allocated (its output) and the heap peak during it, from a counting allocator.
//!
//! `peak_memory --repeat N FILE...` parses the files N times as the CLI does (`parse_owned`, on a copy made
//! before the clock starts) and prints each run's CPU time and page faults (and the time to free the models,
//! which is not counted), then the best and the median: on a shared machine the best of several runs in the
//! same minute is the figure to compare. Given many files (`write_corpus texts`), a run parses each in turn.

use std::alloc::{GlobalAlloc, Layout, System};

/// `println!` that ends the program quietly once its reader has gone (`peak_memory --repeat 10 FILE | head -3`)
/// instead of panicking on the broken pipe.
macro_rules! println {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

/// The system allocator, counting live and peak heap bytes once `COUNTING` is set.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// Off for `--repeat`: the counters' atomic updates on every allocation, about 1.5 % of a parse, are not the CLI's.
static COUNTING: AtomicBool = AtomicBool::new(false);

fn grew(n: usize) {
    if COUNTING.load(Relaxed) {
        let live = LIVE.fetch_add(n, Relaxed) + n;
        PEAK.fetch_max(live, Relaxed);
    }
}

fn shrank(n: usize) {
    if COUNTING.load(Relaxed) {
        LIVE.fetch_sub(n, Relaxed);
    }
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
        shrank(layout.size());
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
            shrank(layout.size());
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

/// Minor page faults of the process so far (/proc/self/stat, field 10).
fn minor_faults() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) may hold spaces: count the fields after its closing parenthesis.
    stat.rsplit_once(')')?.1.split_whitespace().nth(7)?.parse().ok()
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

/// Parses the files `runs` times, each run all of them in turn (as `mandates parse A B C` would), and prints
/// the CPU time and page faults of each run and the best and median runs.
fn repeat(files: &[(String, Vec<u8>)], runs: usize) {
    let mb = files.iter().map(|(_, bytes)| bytes.len()).sum::<usize>() as f64 / 1e6;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        // Copies made, and the clock read, once for the whole run: it ticks too coarsely to time a small file.
        let copies: Vec<Vec<u8>> = files.iter().map(|(_, bytes)| bytes.clone()).collect();
        let mut models = Vec::with_capacity(files.len());
        let (cpu_before, faults_before) = (cpu_secs(), minor_faults());
        for ((path, _), copy) in files.iter().zip(copies) {
            let doc = mandates_core::parse_owned(path, copy, &Default::default()).unwrap_or_else(|e| {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            });
            models.push(doc);
        }
        let cpu = cpu_secs().zip(cpu_before).map_or(f64::NAN, |(after, before)| after - before);
        let faults = minor_faults().zip(faults_before).map_or(0, |(after, before)| after - before);
        let freeing = cpu_secs();
        drop(models);
        let freed = cpu_secs().zip(freeing).map_or(f64::NAN, |(after, before)| after - before);
        println!(
            "parse CPU {cpu:.3} s ({:.1} MB/s per core), {faults} page faults; the model freed in {freed:.3} s",
            mb / cpu
        );
        times.push(cpu);
    }
    times.sort_by(f64::total_cmp);
    if let (Some(&best), Some(&median)) = (times.first(), times.get(times.len() / 2)) {
        println!("best {best:.3} s ({:.1} MB/s per core), median {median:.3} s ({:.1} MB/s)", mb / best, mb / median);
    }
}

fn main() {
    // Decided before anything lasting is allocated, so that every block counted as it comes is counted as it goes.
    let repeating = std::env::args_os().nth(1).is_some_and(|a| a == "--repeat");
    COUNTING.store(!repeating, Relaxed);
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let by_stage = args.first().is_some_and(|a| a == "--stages");
    if by_stage {
        args.remove(0);
    }
    let mut runs = None;
    if args.first().is_some_and(|a| a == "--repeat") {
        runs = args.get(1).and_then(|n| n.parse::<usize>().ok()).filter(|&n| n > 0);
        if runs.is_none() {
            eprintln!("--repeat wants a number of runs");
            std::process::exit(2);
        }
        args.drain(..2);
    }
    if by_stage && runs.is_some() {
        eprintln!("--stages and --repeat measure different things: choose one");
        std::process::exit(2);
    }
    let read = |path: &String| {
        std::fs::read(path).unwrap_or_else(|e| {
            eprintln!("reading {path}: {e}");
            std::process::exit(1);
        })
    };
    if let Some(runs) = runs
        && !args.is_empty()
    {
        let files: Vec<(String, Vec<u8>)> = args.iter().map(|path| (path.clone(), read(path))).collect();
        repeat(&files, runs);
        return;
    }
    let [path] = args.as_slice() else {
        eprintln!("usage: peak_memory [--stages] FILE | peak_memory --repeat N FILE...");
        std::process::exit(2);
    };
    let before = vm("VmHWM:").unwrap_or(0);
    let bytes = read(path);
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
