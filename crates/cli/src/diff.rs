//! `mandates diff OLD NEW`: what changed between the texts of the instruments in two files.
//!
//! Both files are parsed; their instruments are paired by identity (kind, body, number) and each pair is
//! compared by `mandates_core::diff`. With `--stored NAME`, two texts of an instrument in the registry are
//! compared instead: by default its latest text against the latest text of the revision before.

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
    #[arg(value_name = "OLD", required_unless_present = "stored")]
    pub old: Option<PathBuf>,
    /// The newer document (Word .docx or text)
    #[arg(value_name = "NEW", required_unless_present = "stored")]
    pub new: Option<PathBuf>,
    /// Compare two revisions of this instrument as the registry holds them, instead of two files: "PP Resolution
    /// 130", "Resolution 130", "Decision 5"
    #[arg(long, value_name = "NAME", conflicts_with_all = ["old", "new", "instrument"])]
    pub stored: Option<String>,
    /// With --stored: the older revision, as written in `mandates instruments` ("Dubai" or "Rev. Dubai, 2018");
    /// default: the revision before the newer one
    #[arg(long, value_name = "REVISION", requires = "stored")]
    pub from: Option<String>,
    /// With --stored: the newer revision; default: the latest
    #[arg(long, value_name = "REVISION", requires = "stored")]
    pub to: Option<String>,
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

pub async fn run(registry: &crate::registry::Registry, args: &DiffArgs) -> Result<ExitCode> {
    let d = match (&args.stored, &args.old, &args.new) {
        (Some(name), _, _) => stored(registry, name, args.from.as_deref(), args.to.as_deref()).await?,
        (None, Some(old), Some(new)) => files(old, new, args.instrument.as_deref())?,
        _ => bail!("give two files to compare, OLD and NEW, or --stored NAME for revisions in the registry"),
    };
    write(&d, args.format)
}

/// The instruments of two files, paired.
fn files(old_path: &Path, new_path: &Path, instrument: Option<&str>) -> Result<diff::DocumentDiff> {
    let mut old = crate::read_document(old_path)?;
    let mut new = crate::read_document(new_path)?;
    if let Some(name) = instrument {
        let wanted = Wanted::parse(name)?;
        keep(&mut old.instruments, &wanted, name, old_path)?;
        keep(&mut new.instruments, &wanted, name, new_path)?;
    }
    for (doc, path) in [(&old, old_path), (&new, new_path)] {
        if doc.instruments.is_empty() {
            bail!("{} holds no resolution, decision or recommendation", path.display());
        }
    }
    let d = diff::compare_documents(&old, &new);
    if d.instruments.is_empty() {
        let names = |list: &[diff::InstrumentRef]| list.iter().map(|i| i.name(true)).collect::<Vec<_>>().join(", ");
        bail!(
            "no instrument is in both files: {} holds {}; {} holds {}",
            old_path.display(),
            names(&d.only_in_old),
            new_path.display(),
            names(&d.only_in_new)
        );
    }
    Ok(d)
}

/// Two stored texts of the instrument `name`.
async fn stored(
    registry: &crate::registry::Registry,
    name: &str,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<diff::DocumentDiff> {
    let store = registry.open().await?;
    let filter = mandates_store::MandateFilter {
        instrument: Some(name.to_owned()),
        include_superseded: true,
        ..Default::default()
    };
    let mut found: Vec<(i64, String)> = Vec::new();
    for m in store.mandates(&filter).await? {
        if !found.iter().any(|(id, _)| *id == m.instrument_id) {
            found.push((m.instrument_id, m.instrument));
        }
    }
    let id = match found.as_slice() {
        [] => bail!("the registry holds no {name} (see `mandates instruments`)"),
        [(id, _)] => *id,
        several => bail!(
            "{name} could be {}: name it with its body",
            several.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>().join(" or ")
        ),
    };
    let Some(detail) = store.instrument(id).await? else { bail!("the registry holds no {name}") };
    let instrument = &detail.instrument.name;
    // A revision as people write it: "Dubai", "Rev. Dubai, 2018", "2018".
    let of_revision = |wanted: &str| {
        let wanted = wanted.trim().to_lowercase();
        detail.texts.iter().rev().filter(move |t| t.revision.to_lowercase().contains(&wanted))
    };
    let pick = |wanted: &str| {
        // A full text rather than a summary's excerpt.
        of_revision(wanted).find(|t| t.full).or_else(|| of_revision(wanted).next()).ok_or_else(|| {
            let known: Vec<&str> = detail.instrument.revisions.iter().map(String::as_str).collect();
            anyhow::anyhow!("{instrument} has no text of revision {wanted:?}; the registry holds {}", known.join(", "))
        })
    };
    let newer = match to {
        Some(r) => pick(r)?,
        None => {
            let latest = detail.texts.last().ok_or_else(|| anyhow::anyhow!("{instrument} has no text"))?;
            pick(&latest.revision)?
        }
    };
    let older = match from {
        Some(r) => pick(r)?,
        None => match detail.texts.iter().rev().find(|t| t.revision != newer.revision) {
            Some(t) => pick(&t.revision)?,
            None => bail!("the registry holds one revision of {instrument} ({}): nothing to compare", newer.revision),
        },
    };
    let old = store.text(older.id).await?;
    let new = store.text(newer.id).await?;
    Ok(diff::DocumentDiff {
        old_source: format!("{} ({})", older.citation, older.document),
        new_source: format!("{} ({})", newer.citation, newer.document),
        instruments: vec![diff::compare(&old.instrument, &new.instrument)],
        only_in_old: Vec::new(),
        only_in_new: Vec::new(),
    })
}

fn write(d: &diff::DocumentDiff, format: DiffFormat) -> Result<ExitCode> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match format {
        DiffFormat::Md => out.write_all(render::markdown(d).as_bytes())?,
        DiffFormat::Html => out.write_all(render::html_page(d).as_bytes())?,
        DiffFormat::Json => {
            serde_json::to_writer_pretty(&mut out, d)?;
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
