//! `mandates`: know what your resolutions ask of you.
//!
//! The only place with `anyhow`, terminal output and exit codes; the work is done by `mandates-core`.

mod outline;

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
                  documents they cite and the facts they state."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read documents and show their resolutions, clauses, addressees, citations and facts
    Parse {
        /// Word .docx files or text files (any common encoding)
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// `json` is the stable format for other programs (schema/document.schema.json); `text` is for reading
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Print the plain text of a document as the parser reads it (positions in `parse` output count bytes of it)
    Text {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Json,
    Text,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse { files, format } => parse_files(&files, format),
        Command::Text { file } => print_text(&file),
    };
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
fn parse_files(files: &[PathBuf], format: OutputFormat) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0;
    for path in files {
        match read_document(path) {
            Ok(doc) => {
                match format {
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

fn print_text(path: &Path) -> Result<ExitCode> {
    let doc = read_document(path)?;
    let mut out = std::io::stdout().lock();
    out.write_all(doc.text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
