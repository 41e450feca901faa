//! Load test of the mandate registry (issue 3): ingest N synthetic resolutions, then time queries.
//!
//! ```text
//! registry_load --db <sqlite file | postgres://...> --resolutions N [--per-document K] [--seed S]
//!               [--numbers serial|drawn] [--runs R] [--unbounded-runs U] [--queries-only | --ingest-only]
//! ```
//!
//! The N resolutions are written as N/K text documents of K full texts each (distinct names, distinct
//! contents: each document has its own seed), parsed with `mandates_core::parse` and ingested with
//! `Store::ingest`, one transaction per document. With `--numbers serial` (the default) every resolution is a
//! distinct instrument (numbered 1..N); with `--numbers drawn` numbers come from each body's real range, so
//! documents share instruments and ingest also reconciles revisions and repeats.
//!
//! Documents are generated, parsed and prepared (`Prepared::of`) on a second thread while the one before is
//! stored, as `mandates ingest` does with files. It prints the ingest wall time and rate, parse time and store time separately, the
//! mandates stored, the database size (SQLite), the peak RSS (`VmHWM`), then p50/p95/p99/max latencies over R
//! runs (default 1,000) of `Store::mandates` with a few filters and of `Store::search`; the two filters without
//! a limit (sector T, addressee Director TSB: thousands of rows) run U times (default 100), as they take up to
//! seconds each.

use std::time::{Duration, Instant};

use mandates_store::{MandateFilter, Prepared, Status, Store};

struct Args {
    db: String,
    resolutions: usize,
    per_document: usize,
    seed: u64,
    serial: bool,
    runs: usize,
    /// Runs of the filters without a limit that return thousands of rows.
    unbounded_runs: usize,
    /// Time the queries on a registry already loaded (by an earlier run with the same arguments).
    queries_only: bool,
    /// Ingest only, no queries (to profile the ingest alone).
    ingest_only: bool,
}

const USAGE: &str = "usage: registry_load --db <sqlite file | postgres://...> --resolutions N [--per-document K (100)] \
                     [--seed S (1)] [--numbers serial|drawn] [--runs R (1000)] [--unbounded-runs U (100)] [--queries-only | --ingest-only]";

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        db: String::new(),
        resolutions: 0,
        per_document: 100,
        seed: 1,
        serial: true,
        runs: 1000,
        unbounded_runs: 100,
        queries_only: false,
        ingest_only: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let number = |v: String| v.replace('_', "").parse::<usize>().map_err(|_| format!("{flag}: not a number: {v}"));
        match flag.as_str() {
            "--db" => args.db = value()?,
            "--resolutions" => args.resolutions = number(value()?)?,
            "--per-document" => args.per_document = number(value()?)?,
            "--seed" => args.seed = number(value()?)? as u64,
            "--runs" => args.runs = number(value()?)?,
            "--unbounded-runs" => args.unbounded_runs = number(value()?)?,
            "--numbers" => {
                args.serial = match value()?.as_str() {
                    "serial" => true,
                    "drawn" => false,
                    other => return Err(format!("--numbers: serial or drawn, not {other}")),
                }
            }
            "--queries-only" => args.queries_only = true,
            "--ingest-only" => args.ingest_only = true,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.db.is_empty() || args.resolutions == 0 || args.per_document == 0 || args.runs == 0 {
        return Err("--db and --resolutions are required; counts must be positive".into());
    }
    Ok(args)
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The SQLite file with its WAL and shared-memory files, in bytes.
fn sqlite_size(path: &str) -> Option<u64> {
    let main = std::fs::metadata(path).ok()?.len();
    let extra: u64 =
        ["-wal", "-shm"].iter().filter_map(|s| std::fs::metadata(format!("{path}{s}")).ok()).map(|m| m.len()).sum();
    Some(main + extra)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

struct Latencies {
    name: String,
    rows: usize,
    times: Vec<Duration>,
}

impl Latencies {
    fn report(&mut self) {
        self.times.sort_unstable();
        let n = self.times.len();
        let at = |q: f64| ms(self.times[((n as f64 * q).ceil() as usize).clamp(1, n) - 1]);
        println!(
            "  {:<52} {:>6} rows  p50 {:>8.3} ms  p95 {:>8.3} ms  p99 {:>8.3} ms  max {:>8.3} ms",
            self.name,
            self.rows,
            at(0.50),
            at(0.95),
            at(0.99),
            ms(self.times[n - 1])
        );
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("registry_load: {message}");
            }
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    };
    if let Err(e) = run(&args).await {
        eprintln!("registry_load: {e}");
        std::process::exit(1);
    }
}

async fn run(args: &Args) -> Result<(), Box<dyn std::error::Error>> {
    let sqlite = !(args.db.starts_with("postgres://") || args.db.starts_with("postgresql://"));
    let store = Store::open(&args.db).await?;
    let documents = args.resolutions.div_ceil(args.per_document);
    println!(
        "registry_load: {} resolutions as {documents} documents of up to {} ({} numbers), seed {}, backend {:?}",
        args.resolutions,
        args.per_document,
        if args.serial { "serial" } else { "drawn" },
        args.seed,
        store.backend()
    );

    let (mut generate, mut parse, mut ingest) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let (mut instruments, mut added, mut bytes, mut problems) = (0usize, 0usize, 0usize, 0usize);
    let mut slowest = (Duration::ZERO, 0usize);
    let started = Instant::now();
    // As `mandates ingest` does: documents are generated and parsed on another thread while the one before is
    // stored.
    let (sender, parsed) = std::sync::mpsc::sync_channel(1);
    let (seed, per_document, resolutions, serial) = (args.seed, args.per_document, args.resolutions, args.serial);
    let to_make = if args.queries_only { 0 } else { documents };
    let maker = std::thread::spawn(move || {
        for d in 0..to_make {
            let count = per_document.min(resolutions - d * per_document);
            let t = Instant::now();
            let first = serial.then_some(d * per_document + 1);
            let corpus =
                mandates_bench::generate_resolutions(seed.wrapping_mul(1_000_003).wrapping_add(d as u64), count, first);
            let generated = t.elapsed();
            let t = Instant::now();
            let name = format!("load-{:05}.txt", d + 1);
            let doc = mandates_core::parse(&name, corpus.text.as_bytes(), &Default::default())
                .map_err(|e| e.to_string())
                .and_then(|doc| Ok((Prepared::of(&doc).map_err(|e| e.to_string())?, doc)));
            if sender.send((corpus.text.len(), doc, generated, t.elapsed())).is_err() {
                break;
            }
        }
    });
    for (d, (length, doc, generated, parsed_in)) in parsed.iter().enumerate() {
        let (prepared, doc) = doc?;
        generate += generated;
        parse += parsed_in;
        bytes += length;
        instruments += doc.instruments.len();

        let t = Instant::now();
        let outcome = store.ingest_prepared(&doc, &prepared, "registry_load").await?;
        let took = t.elapsed();
        ingest += took;
        if took > slowest.0 {
            slowest = (took, d + 1);
        }
        added += outcome.mandates_added;
        problems += outcome.problems;
        if documents >= 20 && (d + 1) % (documents / 10) == 0 {
            println!(
                "  {:>6} documents, {:>7} resolutions: {:>8.1} s (store {:>7.1} s, last document {:>7.1} ms)",
                d + 1,
                instruments,
                started.elapsed().as_secs_f64(),
                ingest.as_secs_f64(),
                ms(took)
            );
        }
    }
    let wall = started.elapsed();
    maker.join().map_err(|_| "the thread that makes the documents failed")?;
    let totals = store.totals().await?;
    println!("ingest:");
    println!(
        "  resolutions parsed      {instruments} ({:.1} MiB of text, {problems} parser warnings)",
        mib(bytes as u64)
    );
    println!(
        "  wall time               {:.2} s = {:.0} resolutions/s",
        wall.as_secs_f64(),
        instruments as f64 / wall.as_secs_f64(),
    );
    println!("  generate                {:.2} s (another thread, while the store works)", generate.as_secs_f64());
    println!("  parse and prepare       {:.2} s (another thread, while the store works)", parse.as_secs_f64());
    println!(
        "  store (Store::ingest)   {:.2} s = {:.2} ms per document, slowest {:.1} ms (document {})",
        ingest.as_secs_f64(),
        ms(ingest) / documents.max(1) as f64,
        ms(slowest.0),
        slowest.1
    );
    println!(
        "  stored                  {} documents, {} instruments, {} current mandates ({added} added)",
        totals.documents, totals.instruments, totals.mandates
    );
    if sqlite && let Some(size) = sqlite_size(&args.db) {
        println!("  database size           {:.1} MiB (file + WAL)", mib(size));
    }
    if let Some(kib) = peak_rss_kib() {
        println!("  peak RSS                {:.1} MiB", kib as f64 / 1024.0);
    }

    if args.ingest_only {
        store.close().await;
        return Ok(());
    }

    // Query latencies.
    let filters: Vec<(&str, MandateFilter)> = vec![
        ("sector T", MandateFilter { sector: Some("T".into()), ..Default::default() }),
        ("sector T, limit 50", MandateFilter { sector: Some("T".into()), limit: Some(50), ..Default::default() }),
        (
            "addressee Director TSB, limit 50",
            MandateFilter { addressee: Some("Director TSB".into()), limit: Some(50), ..Default::default() },
        ),
        ("addressee Director TSB", MandateFilter { addressee: Some("Director TSB".into()), ..Default::default() }),
        (
            "instrument Resolution 130",
            MandateFilter { instrument: Some("Resolution 130".into()), ..Default::default() },
        ),
        (
            "status not_started, limit 50",
            MandateFilter { status: Some(Status::NotStarted), limit: Some(50), ..Default::default() },
        ),
        ("status in_progress", MandateFilter { status: Some(Status::InProgress), ..Default::default() }),
        (
            "owner Simao Campos, limit 50",
            MandateFilter { owner: Some("Simao Campos".into()), limit: Some(50), ..Default::default() },
        ),
        ("due by 2025", MandateFilter { due_by_year: Some(2025), ..Default::default() }),
        ("body WTDC, limit 50", MandateFilter { body: Some("WTDC".into()), limit: Some(50), ..Default::default() }),
        (
            "conference WTSA-24, limit 50",
            MandateFilter { conference: Some("WTSA-24".into()), limit: Some(50), ..Default::default() },
        ),
        // No WRC met in 2022, but other bodies did: the year's many texts must be passed over at once.
        (
            "conference WRC-22, limit 50",
            MandateFilter { conference: Some("WRC-22".into()), limit: Some(50), ..Default::default() },
        ),
        (
            "conference PP-22, limit 50",
            MandateFilter { conference: Some("PP-22".into()), limit: Some(50), ..Default::default() },
        ),
        (
            "addressee ECOSOC, limit 50",
            MandateFilter { addressee: Some("ECOSOC".into()), limit: Some(50), ..Default::default() },
        ),
    ];
    let searches = [
        "cybersecurity",
        "developing countries",
        "report annually Council",
        "smart sustainable cities",
        "climate change",
    ];
    println!("queries (after 10 warm-up runs each; rows = rows returned):");
    let mut results = Vec::new();
    for (name, filter) in &filters {
        let unbounded = filter.limit.is_none() && (filter.sector.is_some() || filter.addressee.is_some());
        let runs = if unbounded { args.unbounded_runs } else { args.runs };
        if runs == 0 {
            // `--unbounded-runs 0`: skip the lists without a limit (seconds each at 40k).
            continue;
        }
        let mut lat =
            Latencies { name: format!("mandates: {name} ({runs} runs)"), rows: 0, times: Vec::with_capacity(runs) };
        for run in 0..runs + 10 {
            let t = Instant::now();
            let found = store.mandates(filter).await?;
            if run >= 10 {
                lat.times.push(t.elapsed());
            }
            lat.rows = found.len();
        }
        lat.report();
        results.push(lat);
    }
    let mut all = Latencies { name: "search: all five, limit 20".into(), rows: 0, times: Vec::new() };
    for words in searches {
        let mut lat =
            Latencies { name: format!("search: {words:?}, limit 20"), rows: 0, times: Vec::with_capacity(args.runs) };
        for run in 0..args.runs + 10 {
            let t = Instant::now();
            let hits = store.search(words, 20).await?;
            if run >= 10 {
                lat.times.push(t.elapsed());
            }
            lat.rows = hits.len();
        }
        all.times.extend_from_slice(&lat.times);
        lat.report();
    }
    all.report();
    store.close().await;
    if sqlite && let Some(size) = sqlite_size(&args.db) {
        println!("database size after close (WAL checkpointed): {:.1} MiB", mib(size));
    }
    if let Some(kib) = peak_rss_kib() {
        println!("peak RSS at the end: {:.1} MiB", kib as f64 / 1024.0);
    }
    Ok(())
}
