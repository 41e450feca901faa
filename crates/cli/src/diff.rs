//! `mandates diff OLD NEW`: what changed between the texts of the instruments in two files.
//!
//! Both files are parsed; their instruments are paired by identity (kind, body, number) and each pair is
//! compared by `mandates_core::diff`. Stored revisions in the registry are not compared here (yet): OLD and NEW
//! are files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::ValueEnum;
use mandates_core::diff::{self, render};
use mandates_core::model::{Instrument, InstrumentKind};

#[derive(clap::Args)]
pub struct DiffArgs {
    /// The older document (Word .docx or text)
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The newer document (Word .docx or text)
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// md: summary and changed clauses, for reading; html: a web page with deleted and inserted words marked;
    /// json: the stable format for other programs
    #[arg(long, value_enum, default_value_t = DiffFormat::Md)]
    pub format: DiffFormat,
    /// Compare only this instrument, as cited: "Resolution 130", "WTSA Resolution 1", "Decision 5"
    #[arg(long, value_name = "NAME")]
    pub instrument: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum DiffFormat {
    Md,
    Html,
    Json,
}

pub fn run(args: &DiffArgs) -> Result<ExitCode> {
    let mut old = crate::read_document(&args.old)?;
    let mut new = crate::read_document(&args.new)?;
    if let Some(name) = &args.instrument {
        let wanted = Wanted::parse(name)?;
        keep(&mut old.instruments, &wanted, name, &args.old)?;
        keep(&mut new.instruments, &wanted, name, &args.new)?;
    }
    for (doc, path) in [(&old, &args.old), (&new, &args.new)] {
        if doc.instruments.is_empty() {
            bail!("{} holds no resolution, decision or recommendation", path.display());
        }
    }
    let d = diff::compare_documents(&old, &new);
    if d.instruments.is_empty() {
        let names = |list: &[diff::InstrumentRef]| list.iter().map(|i| i.name(true)).collect::<Vec<_>>().join(", ");
        bail!(
            "no instrument is in both files: {} holds {}; {} holds {}",
            args.old.display(),
            names(&d.only_in_old),
            args.new.display(),
            names(&d.only_in_new)
        );
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        DiffFormat::Md => out.write_all(render::markdown(&d).as_bytes())?,
        DiffFormat::Html => out.write_all(render::html_page(&d).as_bytes())?,
        DiffFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &d)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// An instrument as a person names it: "Resolution 130", "WTSA Resolution 1", "COM5 Recommendation 2".
struct Wanted {
    kind: InstrumentKind,
    number: String,
    /// "WTSA", "PP", "COM5": the body or the committee, when given.
    by: Option<String>,
}

impl Wanted {
    fn parse(name: &str) -> Result<Wanted> {
        let words: Vec<&str> = name.split_whitespace().collect();
        let kind_at = words.iter().position(|w| kind_of(w).is_some());
        let (Some(at), Some(number)) = (kind_at, kind_at.and_then(|at| words.get(at + 1))) else {
            bail!("--instrument \"{name}\": name it as cited, for example \"Resolution 130\" or \"WTSA Resolution 1\"")
        };
        let kind = kind_of(words[at]).unwrap_or(InstrumentKind::Resolution);
        let by = (at > 0).then(|| words[..at].join(" "));
        Ok(Wanted { kind, number: number.trim_end_matches([',', '.']).to_owned(), by })
    }

    fn matches(&self, i: &Instrument) -> bool {
        let eq = |a: Option<&str>, b: &str| a.is_some_and(|a| a.eq_ignore_ascii_case(b));
        i.kind == self.kind
            && eq(i.number.as_deref(), &self.number)
            && self.by.as_deref().is_none_or(|by| eq(i.body.as_deref(), by) || eq(i.committee.as_deref(), by))
    }
}

fn kind_of(word: &str) -> Option<InstrumentKind> {
    match word.to_ascii_lowercase().as_str() {
        "resolution" | "res" | "res." => Some(InstrumentKind::Resolution),
        "decision" => Some(InstrumentKind::Decision),
        "recommendation" => Some(InstrumentKind::Recommendation),
        "opinion" => Some(InstrumentKind::Opinion),
        _ => None,
    }
}

/// Keeps the instruments of one file that `--instrument` names; naming the file when it has none.
fn keep(instruments: &mut Vec<Instrument>, wanted: &Wanted, name: &str, path: &Path) -> Result<()> {
    instruments.retain(|i| wanted.matches(i));
    if instruments.is_empty() {
        bail!("{} holds no {name}", path.display());
    }
    Ok(())
}
