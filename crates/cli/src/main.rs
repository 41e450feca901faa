//! `mandates`: know what your resolutions ask of you.
//!
//! The only place with `anyhow`, terminal output and exit codes; the work is done by `mandates-core` (reading
//! documents) and `mandates-store` (the registry).

mod akn;
mod diff;
mod outline;
mod output;
mod registry;
mod serve;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "mandates",
    version,
    about = "Read ITU resolutions and find what they ask of whom",
    long_about = "Read the outcome documents of ITU conferences (Word .docx as ITU publishes them, or text saved \
                  from Word) and find the resolutions, their operative clauses, who each clause addresses, the \
                  documents they cite and the facts they state. Store them in a registry where every operative \
                  clause is a mandate to track: status, progress, owner, evidence, comments and history."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    registry: registry::Registry,
}

#[derive(Subcommand)]
enum Command {
    /// Read documents and show their resolutions, clauses, addressees, citations and facts
    Parse {
        /// Word .docx files or text files (any common encoding)
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// `json` is the stable format for other programs (schema/document.schema.json); `text` is for reading;
        /// `akn` writes one Akoma Ntoso 3.0 file per instrument (with --out, or to the screen for one instrument)
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
        /// With --format akn: the folder to write the files into
        #[arg(long, short, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Compare two revisions of a resolution: what changed, and what it now asks of whom
    Diff(diff::DiffArgs),
    /// Serve the registry on the web: pages for people and a JSON API (see /api/openapi.json)
    Serve(serve::ServeArgs),
    /// Manage the accounts that sign in to `mandates serve`
    User {
        #[command(subcommand)]
        command: serve::UserCommand,
    },
    /// Print the plain text of a document as the parser reads it (positions in `parse` output count bytes of it)
    Text {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Store documents in the registry: each operative clause becomes a mandate to track
    Ingest {
        /// Word .docx files or text files; each is stored whole or not at all
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = output::Format::Table)]
        format: output::Format,
    },
    /// List mandates, filtered by body, conference, instrument, addressee, Sector, status, owner or deadline
    List {
        #[command(flatten)]
        filter: registry::ListArgs,
        #[arg(long, value_enum, default_value_t = output::Format::Table)]
        format: output::Format,
    },
    /// List the instruments in the registry with their revisions and progress
    Instruments {
        #[arg(long, value_enum, default_value_t = output::Format::Table)]
        format: output::Format,
    },
    /// Show one mandate: its text, addressees, reporting, tracking, evidence and comments
    Show {
        /// The mandate's number (see `mandates list`)
        id: i64,
        #[arg(long, value_enum, default_value_t = output::Format::Table)]
        format: output::Format,
    },
    /// Find mandates by words of their text, best matches first
    Search {
        /// Words to look for ("cybersecurity workforce")
        text: String,
        #[arg(long, default_value_t = 20)]
        limit: i64,
        #[arg(long, value_enum, default_value_t = output::Format::Table)]
        format: output::Format,
    },
    /// Update the tracking of a mandate: status, progress, owner, evidence, comment
    Set {
        #[command(flatten)]
        change: registry::SetArgs,
        #[arg(long, value_enum, default_value_t = output::Format::Table)]
        format: output::Format,
    },
    /// Write a report from the registry: what a conference asks of a Sector, or the reference table
    Report {
        #[command(subcommand)]
        report: registry::ReportKind,
    },
    /// The reports that mandates ask for, with the Council session or conference each is due at
    Calendar {
        /// ics: a calendar file for Outlook and other calendar programs (RFC 5545)
        #[arg(long, value_enum, default_value_t = registry::CalendarFormat::Table)]
        format: registry::CalendarFormat,
        /// The meetings file (Council sessions, conferences) to compute dates from; default: data/meetings.csv
        /// as shipped
        #[arg(long, value_name = "FILE")]
        meetings: Option<PathBuf>,
        /// Only reports from mandates that concern this Sector: T, R or D
        #[arg(long)]
        sector: Option<String>,
        #[arg(long, short, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Write the whole registry (documents, mandates, tracking, history) to one JSON file
    Export {
        /// json: the registry as `mandates import` reads it back
        #[arg(long, value_enum, default_value_t = registry::ExportFormat::Json)]
        format: registry::ExportFormat,
        /// Write to this file instead of the screen
        #[arg(long, short, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Restore a registry written by `mandates export` into an empty registry
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Show every recorded change of a mandate: who, when, what from and to
    History {
        /// The mandate's number
        id: i64,
        #[arg(long, value_enum, default_value_t = output::Format::Table)]
        format: output::Format,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Json,
    Text,
    Akn,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = run(&cli.registry, cli.command);
    match result {
        Ok(code) => code,
        // `mandates parse ... | head`: the reader has what it wanted.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mandates: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(db: &registry::Registry, command: Command) -> Result<ExitCode> {
    // The registry commands are async (sqlx); one thread is enough for a command line. The server answers many
    // requests at once: it gets a thread per core.
    let runtime = match command {
        Command::Serve(_) => tokio::runtime::Builder::new_multi_thread().enable_all().build()?,
        _ => tokio::runtime::Builder::new_current_thread().enable_all().build()?,
    };
    runtime.block_on(async {
        match command {
            Command::Ingest { files, format } => {
                let all_stored = registry::ingest(db, &files, format).await?;
                return Ok(if all_stored { ExitCode::SUCCESS } else { ExitCode::FAILURE });
            }
            Command::List { filter, format } => registry::list(db, &filter, format).await?,
            Command::Instruments { format } => registry::instruments(db, format).await?,
            Command::Show { id, format } => registry::show(db, id, format).await?,
            Command::Search { text, limit, format } => registry::search(db, &text, limit, format).await?,
            Command::Set { change, format } => registry::set(db, &change, format).await?,
            Command::History { id, format } => registry::history(db, id, format).await?,
            Command::Report { report } => registry::report(db, &report).await?,
            Command::Calendar { format, meetings, sector, out } => {
                registry::calendar(db, format, meetings.as_deref(), sector.as_deref(), out.as_deref()).await?
            }
            Command::Export { format, out } => registry::export(db, format, out.as_deref()).await?,
            Command::Import { file } => registry::import(db, &file).await?,
            Command::Parse { files, format, out } => return parse_files(&files, format, out.as_deref()),
            Command::Text { file } => return print_text(&file),
            Command::Diff(args) => return diff::run(db, &args).await,
            Command::User { command } => serve::user(db, &command).await?,
            Command::Serve(args) => serve::serve(db, &args).await?,
        }
        Ok(ExitCode::SUCCESS)
    })
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}

fn read_document(path: &Path) -> Result<mandates_core::Document> {
    let bytes = read_bounded(path)?;
    let name = path.display().to_string();
    mandates_core::parse_owned(&name, bytes, &Default::default()).with_context(|| format!("cannot read {name}"))
}

/// Read a file, refusing one larger than the parser's limit before loading it into memory.
fn read_bounded(path: &Path) -> Result<Vec<u8>> {
    let limit = mandates_core::Limits::default().max_input_bytes;
    let meta = std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if meta.is_dir() {
        anyhow::bail!("cannot read {}: it is a folder, not a document", path.display());
    }
    if meta.len() > limit {
        anyhow::bail!(
            "cannot read {}: the file is {} bytes, more than the limit of {limit} bytes",
            path.display(),
            meta.len()
        );
    }
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Parse every file; report each failure by name and carry on; fail at the end if any failed.
fn parse_files(files: &[PathBuf], format: OutputFormat, dir: Option<&Path>) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0;
    let mut taken = std::collections::HashSet::new();
    for path in files {
        match read_document(path) {
            Ok(doc) => {
                match format {
                    OutputFormat::Akn => {
                        // A file that cannot be written is named, and the other files still go.
                        if let Err(e) = write_akn(&mut out, path, &doc, dir, &mut taken) {
                            out.flush()?;
                            eprintln!("mandates: {e:#}");
                            failed += 1;
                        }
                    }
                    OutputFormat::Json => {
                        serde_json::to_writer_pretty(&mut out, &doc)?;
                        writeln!(out)?;
                    }
                    OutputFormat::Text => outline::write(&mut out, &doc)?,
                }
                out.flush()?;
            }
            Err(e) => {
                out.flush()?;
                eprintln!("mandates: {e:#}");
                failed += 1;
            }
        }
    }
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// The Akoma Ntoso files of one document: into `dir`, or to the screen when it holds one instrument.
fn write_akn(
    out: &mut impl Write,
    path: &Path,
    doc: &mandates_core::Document,
    dir: Option<&Path>,
    taken: &mut std::collections::HashSet<String>,
) -> Result<()> {
    match (dir, doc.instruments.len()) {
        (Some(dir), _) => {
            for file in akn::write_all(doc, dir, taken)? {
                writeln!(out, "{file}")?;
            }
        }
        (None, 1) => out.write_all(mandates_core::akn::export(doc, &doc.instruments[0]).as_bytes())?,
        (None, 0) => anyhow::bail!("{} holds no resolution, decision or recommendation", path.display()),
        (None, n) => anyhow::bail!(
            "{} holds {n} instruments: name a folder for their Akoma Ntoso files with --out DIR",
            path.display()
        ),
    }
    Ok(())
}

fn print_text(path: &Path) -> Result<ExitCode> {
    let doc = read_document(path)?;
    let mut out = std::io::stdout().lock();
    out.write_all(doc.text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
