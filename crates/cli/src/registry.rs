//! The registry commands: ingest, list, instruments, show, search, set, history.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use mandates_store::{
    Change, HistoryEntry, IngestState, InstrumentRecord, MandateFilter, MandateRecord, SearchHit, Status, Store,
};
use serde::Serialize;

use crate::output::{self, Columns, Format};

/// Where the registry is and who is working on it.
#[derive(Args, Clone)]
pub struct Registry {
    /// The registry: an SQLite file (created if missing) or a PostgreSQL URL (postgres://user@host/db)
    #[arg(long, global = true, env = "MANDATES_DB", default_value = "mandates.db", value_name = "FILE|URL")]
    pub db: String,
    /// Your name as the history records it (default: your login name)
    #[arg(long, global = true, env = "MANDATES_USER", value_name = "NAME")]
    pub user: Option<String>,
}

impl Registry {
    pub async fn open(&self) -> Result<Store> {
        Ok(Store::open(&self.db).await?)
    }

    fn who(&self) -> String {
        self.user
            .clone()
            .or_else(|| std::env::var("USER").ok())
            .or_else(|| std::env::var("USERNAME").ok())
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| "cli".into())
    }
}

#[derive(Args)]
pub struct ListArgs {
    /// Only instruments of this body: PP, WTSA, WTDC, Council ...
    #[arg(long)]
    body: Option<String>,
    /// Only texts adopted or revised at this conference: PP-22, WTSA-24 ...
    #[arg(long)]
    conference: Option<String>,
    /// One instrument: "130", "Resolution 130", "PP Res 130", "Decision 5", "COM5 Recommendation 2"
    #[arg(long)]
    instrument: Option<String>,
    /// Those addressed or consulted, as canonical names: "Director TSB", "TSAG", "Member States" ...
    #[arg(long)]
    addressee: Option<String>,
    /// The Sector concerned: T, R or D
    #[arg(long)]
    sector: Option<String>,
    /// not started, in progress, ongoing, completed, superseded, not applicable
    #[arg(long)]
    status: Option<String>,
    /// The focal point who owns it
    #[arg(long)]
    owner: Option<String>,
    /// With a deadline in this year or before (2026, or a date 2026-06-30: its year)
    #[arg(long, value_name = "YEAR|DATE")]
    due_before: Option<String>,
    /// Also list mandates that were superseded or left the text
    #[arg(long)]
    all: bool,
    /// At most this many
    #[arg(long)]
    limit: Option<i64>,
}

#[derive(Args)]
pub struct SetArgs {
    /// The mandate's number (see `mandates list`)
    id: i64,
    /// not started, in progress, ongoing, completed, superseded, not applicable
    #[arg(long)]
    status: Option<String>,
    /// 0 to 100
    #[arg(long, value_parser = clap::value_parser!(i64).range(0..=100))]
    progress: Option<i64>,
    /// The focal point; an empty name removes the owner
    #[arg(long)]
    owner: Option<String>,
    /// A document symbol or URL showing the work done (TD/83, C23/25, https://...); repeat for several
    #[arg(long)]
    evidence: Vec<String>,
    #[arg(long)]
    comment: Option<String>,
    /// Mark as reviewed a mandate whose wording changed in a new text
    #[arg(long)]
    reviewed: bool,
    /// Refuse the change if the mandate is no longer at this version (someone else changed it meanwhile)
    #[arg(long, value_name = "VERSION")]
    if_version: Option<i64>,
}

#[derive(Subcommand)]
pub enum ReportKind {
    /// What a conference asks of a Sector: revised and new instruments with the clauses that concern it,
    /// committee recommendations, reporting duties and the reference table
    Impact {
        /// The Sector: T, R or D
        #[arg(long, default_value = "T")]
        sector: String,
        /// The conference: PP-22, WTSA-24, WTDC-22 ...
        #[arg(long)]
        conference: String,
        #[arg(long, value_enum, default_value_t = DocumentFormat::Md)]
        format: DocumentFormat,
        /// Write to this file instead of the screen (required for docx)
        #[arg(long, short, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// The reference table: conference instruments, the documents that changed them, the Sector resolutions they
    /// affect and the focal points
    Table {
        /// Only the tables of summaries of this conference (PP-22 ...)
        #[arg(long)]
        conference: Option<String>,
        #[arg(long, value_enum, default_value_t = DocumentFormat::Md)]
        format: DocumentFormat,
        #[arg(long, short, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocumentFormat {
    /// Markdown
    Md,
    /// Word
    Docx,
    Csv,
    Json,
}

pub async fn report(registry: &Registry, kind: &ReportKind) -> Result<()> {
    use mandates_core::report::{docx, markdown};
    let store = registry.open().await?;
    let (bytes, out) = match kind {
        ReportKind::Impact { sector, conference, format, out } => {
            let report = store.impact_report(sector, conference).await?;
            let bytes = match format {
                DocumentFormat::Md => markdown::impact(&report).into_bytes(),
                DocumentFormat::Docx => docx::impact(&report).context("cannot write the Word file")?,
                DocumentFormat::Json => serde_json::to_vec_pretty(&report)?,
                DocumentFormat::Csv => anyhow::bail!("the impact report is a document: use --format md, docx or json"),
            };
            (bytes, out)
        }
        ReportKind::Table { conference, format, out } => {
            let rows = store.reference_table(conference.as_deref()).await?;
            let bytes = match format {
                DocumentFormat::Md => markdown::reference_table(&rows).into_bytes(),
                DocumentFormat::Docx => docx::reference_table(&rows).context("cannot write the Word file")?,
                DocumentFormat::Json => serde_json::to_vec_pretty(&rows)?,
                DocumentFormat::Csv => {
                    let mut csv = csv::Writer::from_writer(Vec::new());
                    csv.write_record([
                        "instrument",
                        "title",
                        "abrogated",
                        "contributions",
                        "sector resolutions",
                        "focal points",
                    ])?;
                    for row in &rows {
                        let affects: Vec<String> = row.affects.iter().map(|a| a.label()).collect();
                        csv.write_record([
                            row.instrument.as_str(),
                            &row.title,
                            if row.abrogated { "yes" } else { "" },
                            &row.contributions.join("; "),
                            &affects.join("; "),
                            &row.focal_points.join("; "),
                        ])?;
                    }
                    csv.into_inner().map_err(|e| anyhow::anyhow!("cannot write CSV: {e}"))?
                }
            };
            (bytes, out)
        }
    };
    let is_docx = matches!(
        kind,
        ReportKind::Impact { format: DocumentFormat::Docx, .. }
            | ReportKind::Table { format: DocumentFormat::Docx, .. }
    );
    match out {
        Some(path) => std::fs::write(path, &bytes).with_context(|| format!("cannot write {}", path.display()))?,
        None if is_docx => anyhow::bail!("a Word file cannot be shown on the screen: name it with --out FILE.docx"),
        None => std::io::stdout().lock().write_all(&bytes)?,
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CalendarFormat {
    Table,
    Ics,
    Json,
    Csv,
}

pub async fn calendar(
    registry: &Registry,
    format: CalendarFormat,
    meetings: Option<&std::path::Path>,
    sector: Option<&str>,
    out: Option<&std::path::Path>,
) -> Result<()> {
    use mandates_store::calendar::{DEFAULT_MEETINGS, read_meetings, to_ics};
    let meetings = match meetings {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
            read_meetings(&text).with_context(|| format!("cannot read {}", path.display()))?
        }
        None => read_meetings(DEFAULT_MEETINGS)?,
    };
    let store = registry.open().await?;
    let mut calendar = store.reporting_calendar(&meetings).await?;
    if let Some(sector) = sector {
        let wanted = mandates_store::parse_sector(sector)?.names().next().unwrap_or("ITU-T");
        calendar.due.retain(|d| d.sectors.iter().any(|s| s == wanted));
    }
    let mut bytes = Vec::new();
    match format {
        CalendarFormat::Ics => {
            let stamp = jiff_stamp();
            bytes.extend_from_slice(to_ics(&calendar.due, &stamp).as_bytes());
        }
        CalendarFormat::Json => serde_json::to_writer_pretty(&mut bytes, &calendar)?,
        CalendarFormat::Table | CalendarFormat::Csv => {
            let rows: Vec<DueRow> = calendar.due.iter().cloned().map(DueRow).collect();
            let table = if format == CalendarFormat::Csv { Format::Csv } else { Format::Table };
            output::write(&mut bytes, table, &rows)?;
        }
    }
    match out {
        Some(path) => std::fs::write(path, &bytes).with_context(|| format!("cannot write {}", path.display()))?,
        None => std::io::stdout().lock().write_all(&bytes)?,
    }
    for meeting in &calendar.missing {
        eprintln!("mandates: no date for {meeting}: add it to the meetings file (see data/meetings.csv)");
    }
    for clause in &calendar.undated {
        eprintln!("mandates: {clause}: its text gives no year of adoption, so its reports cannot be dated");
    }
    Ok(())
}

/// The time now for DTSTAMP, "20261128T072000Z".
fn jiff_stamp() -> String {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| mandates_store::calendar::stamp(d.as_secs() as i64))
        .unwrap_or_else(|| "19700101T000000Z".into())
}

#[derive(Serialize)]
#[serde(transparent)]
struct DueRow(mandates_store::calendar::Due);

impl Columns for DueRow {
    const HEADERS: &'static [&'static str] = &["date", "to", "meeting", "status", "mandate", "clause", "due"];
    fn cells(&self) -> Vec<String> {
        let d = &self.0;
        vec![
            d.date.to_string(),
            d.to.clone(),
            d.meeting.clone().unwrap_or_default(),
            if d.tentative { "tentative".into() } else { "confirmed".into() },
            d.mandate.to_string(),
            d.clause.clone(),
            d.wording.clone(),
        ]
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The whole registry, as `mandates import` reads it back
    Json,
    /// One Akoma Ntoso 3.0 file per instrument text of the current documents (needs --out DIR)
    Akn,
}

pub async fn export(registry: &Registry, format: ExportFormat, out: Option<&std::path::Path>) -> Result<()> {
    let store = registry.open().await?;
    if format == ExportFormat::Akn {
        let dir = out.context("Akoma Ntoso is one file per instrument: name a folder with --out DIR")?;
        let mut taken = std::collections::HashSet::new();
        let mut count = 0;
        for id in store.current_documents().await? {
            let document = store.document(id).await?;
            count += crate::akn::write_all(&document, dir, &mut taken)?.len();
        }
        println!("{count} Akoma Ntoso files written to {}", dir.display());
        return Ok(());
    }
    match out {
        Some(path) => {
            // Written beside the target and renamed, so that a failed export never leaves half a file.
            let partial = path.with_extension("partial");
            let file =
                std::fs::File::create(&partial).with_context(|| format!("cannot write {}", partial.display()))?;
            let mut writer = std::io::BufWriter::new(file);
            let written = async {
                store.export(&mut writer).await?;
                writer.flush().with_context(|| format!("cannot write {}", partial.display()))?;
                std::fs::rename(&partial, path).with_context(|| format!("cannot write {}", path.display()))
            }
            .await;
            if written.is_err() {
                let _ = std::fs::remove_file(&partial);
            }
            written?;
        }
        None => {
            let mut writer = std::io::BufWriter::new(std::io::stdout().lock());
            store.export(&mut writer).await?;
            writer.flush()?;
        }
    }
    Ok(())
}

pub async fn import(registry: &Registry, file: &std::path::Path) -> Result<()> {
    let text = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let store = registry.open().await?;
    store.import(&text).await.with_context(|| format!("cannot import {}", file.display()))?;
    let totals = store.totals().await?;
    println!(
        "imported {}: {} documents, {} instruments, {} current mandates",
        file.display(),
        totals.documents,
        totals.instruments,
        totals.mandates
    );
    Ok(())
}

/// `mandates ingest`: parse each file and store it in its own transaction; report each failure by name.
pub async fn ingest(registry: &Registry, files: &[PathBuf], format: Format) -> Result<bool> {
    let store = registry.open().await?;
    let who = registry.who();
    let progress = ProgressBar::new(files.len() as u64);
    progress.set_style(ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}").expect("a valid template"));
    if files.len() < 2 {
        progress.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let mut report = IngestReport::default();
    // Files are read, parsed and prepared for the registry on another thread while the one before is stored:
    // on two cores that work then costs no time. At most three documents are in memory: being parsed, waiting,
    // being stored.
    let (sender, mut parsed) = tokio::sync::mpsc::channel(1);
    let to_read = files.to_vec();
    let reader = tokio::task::spawn_blocking(move || {
        for path in to_read {
            let doc = crate::read_document(&path).and_then(|doc| {
                let prepared =
                    mandates_store::Prepared::of(&doc).with_context(|| format!("cannot store {}", path.display()))?;
                Ok((doc, prepared))
            });
            if sender.blocking_send((path, doc)).is_err() {
                break;
            }
        }
    });
    while let Some((path, doc)) = parsed.recv().await {
        progress.set_message(path.display().to_string());
        let result = match doc {
            Ok((doc, prepared)) => store
                .ingest_prepared(&doc, &prepared, &who)
                .await
                .with_context(|| format!("cannot store {}", path.display())),
            Err(e) => Err(e),
        };
        match result {
            Ok(outcome) => {
                match outcome.state {
                    IngestState::New => report.new += 1,
                    IngestState::NewVersion { .. } => report.new_versions += 1,
                    IngestState::Unchanged => report.unchanged += 1,
                }
                report.instruments += outcome.instruments;
                report.mandates_added += outcome.mandates_added;
                report.mandates_changed += outcome.mandates_changed;
                report.mandates_carried += outcome.mandates_carried;
                report.mandates_retired += outcome.mandates_retired;
                report.problems += outcome.problems;
            }
            Err(e) => {
                progress.suspend(|| eprintln!("mandates: {e:#}"));
                report.failed.push(path.display().to_string());
            }
        }
        progress.inc(1);
    }
    reader.await.context("the reading of the files stopped")?;
    progress.finish_and_clear();
    let totals = store.totals().await?;
    report.registry_documents = totals.documents;
    report.registry_mandates = totals.mandates;
    store.close().await;
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        Format::Table | Format::Csv => report.write(&mut out)?,
    }
    Ok(report.failed.is_empty())
}

#[derive(Default, Serialize)]
struct IngestReport {
    new: usize,
    new_versions: usize,
    unchanged: usize,
    failed: Vec<String>,
    instruments: usize,
    mandates_added: usize,
    mandates_changed: usize,
    mandates_carried: usize,
    mandates_retired: usize,
    /// Warnings of the parser about the documents stored.
    problems: usize,
    registry_documents: i64,
    registry_mandates: i64,
}

impl IngestReport {
    fn write(&self, out: &mut impl Write) -> std::io::Result<()> {
        let documents = self.new + self.new_versions + self.unchanged;
        writeln!(
            out,
            "{documents} document{} stored: {} new, {} new version{}, {} unchanged",
            plural(documents),
            self.new,
            self.new_versions,
            plural(self.new_versions),
            self.unchanged
        )?;
        writeln!(out, "{} instrument{} read", self.instruments, plural(self.instruments))?;
        writeln!(
            out,
            "mandates: {} added, {} reworded (to review), {} carried over to a new revision, {} retired",
            self.mandates_added, self.mandates_changed, self.mandates_carried, self.mandates_retired
        )?;
        writeln!(
            out,
            "{} problem{} noted by the parser (see `mandates parse FILE`)",
            self.problems,
            plural(self.problems)
        )?;
        if !self.failed.is_empty() {
            writeln!(
                out,
                "{} file{} not stored: {}",
                self.failed.len(),
                plural(self.failed.len()),
                self.failed.join(", ")
            )?;
        }
        writeln!(
            out,
            "the registry now holds {} documents and {} current mandates",
            self.registry_documents, self.registry_mandates
        )
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

pub async fn list(registry: &Registry, args: &ListArgs, format: Format) -> Result<()> {
    let store = registry.open().await?;
    let filter = MandateFilter {
        body: args.body.clone(),
        conference: args.conference.clone(),
        instrument: args.instrument.clone(),
        addressee: args.addressee.clone(),
        sector: args.sector.clone(),
        status: args.status.as_deref().map(str::parse::<Status>).transpose()?,
        owner: args.owner.clone(),
        due_by_year: args.due_before.as_deref().map(parse_year).transpose()?,
        include_superseded: args.all,
        limit: args.limit,
        ..MandateFilter::default()
    };
    let mandates = store.mandates(&filter).await?;
    let rows: Vec<MandateRow> = mandates.into_iter().map(MandateRow).collect();
    output::write(&mut std::io::stdout().lock(), format, &rows)
}

/// "2026" or "2026-06-30" -> 2026.
fn parse_year(text: &str) -> Result<i64> {
    let year = text.trim().split('-').next().unwrap_or("");
    match year.parse::<i64>() {
        Ok(y) if (1865..=9999).contains(&y) && year.len() == 4 => Ok(y),
        _ => anyhow::bail!("--due-before takes a year (2026) or a date (2026-06-30), not {text:?}"),
    }
}

pub async fn instruments(registry: &Registry, format: Format) -> Result<()> {
    let store = registry.open().await?;
    let rows: Vec<InstrumentRow> = store.instruments().await?.into_iter().map(InstrumentRow).collect();
    output::write(&mut std::io::stdout().lock(), format, &rows)
}

pub async fn show(registry: &Registry, id: i64, format: Format) -> Result<()> {
    let store = registry.open().await?;
    let detail = store.mandate(id).await?;
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &detail)?;
            writeln!(out)?;
        }
        Format::Csv => output::write(&mut out, format, &[MandateRow(detail.mandate)])?,
        Format::Table => {
            let m = &detail.mandate;
            let label = m.label.as_deref().map(|l| format!(" {l}")).unwrap_or_default();
            writeln!(out, "Mandate {}: {}{label}, {}", m.id, detail.citation, m.heading.as_deref().unwrap_or(""))?;
            writeln!(out, "  {}", m.action.replace('\n', "\n  "))?;
            writeln!(out)?;
            let field = |out: &mut dyn Write, name: &str, value: &str| -> std::io::Result<()> {
                if value.is_empty() { Ok(()) } else { writeln!(out, "{name:<14}{value}") }
            };
            field(&mut out, "Addressees", &m.addressees.join(", "))?;
            field(&mut out, "Consulting", &m.partners.join(", "))?;
            field(&mut out, "Sectors", &m.sectors.join(", "))?;
            field(&mut out, "Cadence", &m.cadence.clone().unwrap_or_default().replace('_', " "))?;
            field(&mut out, "Reports to", m.report_to.as_deref().unwrap_or(""))?;
            field(&mut out, "Deadline", m.deadline.as_deref().unwrap_or(""))?;
            field(&mut out, "Status", &format!("{} ({}%)", m.status, m.progress))?;
            field(&mut out, "Owner", m.owner.as_deref().unwrap_or(""))?;
            if m.needs_review {
                field(&mut out, "Review", "the wording changed in a new text: check the tracking, then `--reviewed`")?;
            }
            if !m.current {
                let by = m.superseded_by.map(|s| format!(" by mandate {s}")).unwrap_or_default();
                field(&mut out, "Current", &format!("no: superseded{by}"))?;
            }
            field(&mut out, "Source", &detail.document)?;
            field(&mut out, "Version", &format!("{} (changed {} by {})", m.version, m.updated_at, m.updated_by))?;
            for e in &detail.evidence {
                field(&mut out, "Evidence", &format!("{} ({}, {})", e.reference, e.added_by, e.added_at))?;
            }
            for c in &detail.comments {
                field(&mut out, "Comment", &format!("{} ({}, {})", c.body, c.added_by, c.added_at))?;
            }
        }
    }
    Ok(())
}

pub async fn search(registry: &Registry, text: &str, limit: i64, format: Format) -> Result<()> {
    let store = registry.open().await?;
    let hits: Vec<HitRow> = store.search(text, limit).await?.into_iter().map(HitRow).collect();
    if hits.is_empty() && format == Format::Table {
        eprintln!("mandates: no current mandate mentions {text:?}");
        return Ok(());
    }
    output::write(&mut std::io::stdout().lock(), format, &hits)
}

pub async fn set(registry: &Registry, args: &SetArgs, format: Format) -> Result<()> {
    let store = registry.open().await?;
    let change = Change {
        status: args.status.as_deref().map(str::parse::<Status>).transpose()?,
        progress: args.progress,
        owner: args.owner.as_ref().map(|o| Some(o.clone()).filter(|o| !o.trim().is_empty())),
        evidence: args.evidence.clone(),
        comment: args.comment.clone(),
        reviewed: args.reviewed,
    };
    store.update(args.id, args.if_version, &change, &registry.who()).await?;
    show(registry, args.id, format).await
}

pub async fn history(registry: &Registry, id: i64, format: Format) -> Result<()> {
    let store = registry.open().await?;
    let rows: Vec<HistoryRow> = store.history(id).await?.into_iter().map(HistoryRow).collect();
    output::write(&mut std::io::stdout().lock(), format, &rows)
}

#[derive(Serialize)]
#[serde(transparent)]
struct MandateRow(MandateRecord);

impl Columns for MandateRow {
    const HEADERS: &'static [&'static str] = &[
        "id",
        "instrument",
        "revision",
        "block",
        "label",
        "addressees",
        "sectors",
        "cadence",
        "reports to",
        "deadline",
        "status",
        "progress",
        "owner",
        "version",
        "action",
    ];
    /// id, instrument, label, addressees, deadline, status, progress, owner, action.
    const TABLE: &'static [usize] = &[0, 1, 4, 5, 9, 10, 11, 12, 14];
    fn cells(&self) -> Vec<String> {
        let m = &self.0;
        vec![
            m.id.to_string(),
            m.instrument.clone(),
            m.revision.clone(),
            m.heading.clone().unwrap_or_default(),
            m.label.clone().unwrap_or_default(),
            m.addressees.join("; "),
            m.sectors.join(" "),
            m.cadence.clone().unwrap_or_default().replace('_', " "),
            m.report_to.clone().unwrap_or_default(),
            m.deadline.clone().unwrap_or_default(),
            if m.needs_review { format!("{} (review)", m.status) } else { m.status.to_string() },
            m.progress.to_string(),
            m.owner.clone().unwrap_or_default(),
            m.version.to_string(),
            m.action.clone(),
        ]
    }
}

#[derive(Serialize)]
#[serde(transparent)]
struct InstrumentRow(InstrumentRecord);

impl Columns for InstrumentRow {
    const HEADERS: &'static [&'static str] =
        &["id", "instrument", "revision", "revisions", "abrogated", "mandates", "progress", "title"];
    fn cells(&self) -> Vec<String> {
        let i = &self.0;
        vec![
            i.id.to_string(),
            i.name.clone(),
            i.revision.clone(),
            i.revisions.len().to_string(),
            if i.abrogated { "abrogated".into() } else { String::new() },
            i.mandates.to_string(),
            i.progress.map(|p| format!("{p}%")).unwrap_or_default(),
            i.title.clone().unwrap_or_default(),
        ]
    }
}

#[derive(Serialize)]
#[serde(transparent)]
struct HitRow(SearchHit);

impl Columns for HitRow {
    const HEADERS: &'static [&'static str] = &["id", "instrument", "label", "status", "score", "snippet"];
    fn cells(&self) -> Vec<String> {
        let h = &self.0;
        vec![
            h.mandate.id.to_string(),
            h.mandate.instrument.clone(),
            h.mandate.label.clone().unwrap_or_default(),
            h.mandate.status.to_string(),
            format!("{:.2}", h.score),
            h.snippet.clone(),
        ]
    }
}

#[derive(Serialize)]
#[serde(transparent)]
struct HistoryRow(HistoryEntry);

impl Columns for HistoryRow {
    const HEADERS: &'static [&'static str] = &["version", "at", "by", "field", "from", "to"];
    fn cells(&self) -> Vec<String> {
        let h = &self.0;
        vec![
            h.version.to_string(),
            h.at.clone(),
            h.by.clone(),
            h.field.clone(),
            h.old.clone().unwrap_or_default(),
            h.new.clone().unwrap_or_default(),
        ]
    }
}
