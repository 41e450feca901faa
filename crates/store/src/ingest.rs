//! Ingest: one parsed document into the registry, in one transaction.
//!
//! The same content twice changes nothing (its SHA-256 is known). A changed file under a known name becomes a
//! new version of that document; the old version stays, no longer current. Every instrument the document
//! touches is then reconciled: its mandates are derived again from its best current text (the latest revision;
//! a full text rather than excerpts), and matched with the mandates it had:
//! - same revision: unchanged mandates stay as they are; reworded ones are updated and flagged for review;
//!   new ones are added; those no longer in the text stop being current;
//! - a new revision: the old mandates become superseded and new ones take over; a new mandate whose wording did
//!   not change carries the tracking over, a reworded one carries it over flagged for review.

use std::collections::{BTreeSet, HashMap};

use mandates_core::mandate::{self, MandateDraft};
use mandates_core::model::{Document, Instrument, InstrumentStatus, Revision};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use crate::tracking::{Status, record};
use crate::{Backend, Result, Store, StoreError, now};

/// What an ingest did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IngestOutcome {
    pub document_id: i64,
    pub state: IngestState,
    /// Instruments the document holds (full texts and excerpts).
    pub instruments: usize,
    pub mandates_added: usize,
    /// Mandates whose wording changed; flagged for review.
    pub mandates_changed: usize,
    /// Mandates of an earlier revision whose tracking a new mandate took over.
    pub mandates_carried: usize,
    /// Mandates no longer current: superseded or gone from the text.
    pub mandates_retired: usize,
    /// Warnings and errors the parser reported for the document.
    pub problems: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IngestState {
    /// A document the registry did not have.
    New,
    /// A new version of a document already registered under the same name.
    NewVersion { version: i64 },
    /// The same content is already registered: nothing changed.
    Unchanged,
}

/// An instrument's identity, whatever its revision.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Identity {
    kind: String,
    body: String,
    committee: String,
    number: String,
}

impl Identity {
    fn of(instrument: &Instrument) -> Identity {
        Identity {
            kind: serde_plain_name(&instrument.kind),
            body: instrument.body.clone().unwrap_or_default(),
            committee: instrument.committee.clone().unwrap_or_default(),
            number: instrument.number.clone().unwrap_or_default(),
        }
    }
}

/// The serde name of a unit enum variant ("resolution").
fn serde_plain_name<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// "Rev. Bucharest, 2022", "Bucharest, 2022", "Rev.WRC-19"; '' for none. One spelling whatever the text's.
fn revision_key(revision: Option<&Revision>) -> String {
    let Some(r) = revision else { return String::new() };
    let rev = if r.revised { "Rev." } else { "" };
    match (&r.conference, &r.place, r.year) {
        (Some(conf), _, _) => format!("{rev}{conf}"),
        (None, Some(place), Some(year)) if r.revised => format!("Rev. {place}, {year}"),
        (None, Some(place), Some(year)) => format!("{place}, {year}"),
        (None, Some(place), None) => format!("{rev} {place}").trim().to_owned(),
        (None, None, Some(year)) => format!("{rev} {year}").trim().to_owned(),
        (None, None, None) => rev.to_owned(),
    }
}

fn revision_year(revision: Option<&Revision>) -> Option<i64> {
    let r = revision?;
    r.year.map(i64::from).or_else(|| {
        // "WRC-19" -> 2019.
        let conf = r.conference.as_deref()?;
        let digits = conf.rsplit(['-', '\u{2011}']).next()?;
        let y: i64 = digits.parse().ok()?;
        Some(if y < 100 { 2000 + y } else { y })
    })
}

/// For each body, the revision year most of the document's texts of that body give: the conference a summary
/// is about. Ties go to the later year.
fn conference_years(document: &Document) -> HashMap<&str, i64> {
    let mut counts: HashMap<(&str, i64), usize> = HashMap::new();
    for instrument in &document.instruments {
        if let (Some(body), Some(year)) = (instrument.body.as_deref(), revision_year(instrument.revision.as_ref())) {
            *counts.entry((body, year)).or_default() += 1;
        }
    }
    let mut best: HashMap<&str, (usize, i64)> = HashMap::new();
    for ((body, year), n) in counts {
        let entry = best.entry(body).or_insert((n, year));
        if (n, year) > *entry {
            *entry = (n, year);
        }
    }
    best.into_iter().map(|(body, (_, year))| (body, year)).collect()
}

impl Store {
    /// Store `document` and the mandates it gives, as `by`. All or nothing: on any error the registry is as
    /// it was.
    pub async fn ingest(&self, document: &Document, by: &str) -> Result<IngestOutcome> {
        let mut tx = self.begin_write().await?;
        if self.backend == Backend::Postgres {
            // Ingests are serialised: two at once would race to create the same instrument.
            sqlx::query("SELECT pg_advisory_xact_lock(7215)").execute(&mut *tx).await?;
        }
        let problems =
            document.diagnostics.iter().filter(|d| d.severity != mandates_core::model::Severity::Info).count();
        let known = sqlx::query("SELECT id FROM documents WHERE sha256 = $1")
            .bind(&document.source.sha256)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(row) = known {
            return Ok(IngestOutcome {
                document_id: row.try_get(0)?,
                state: IngestState::Unchanged,
                instruments: document.instruments.len(),
                mandates_added: 0,
                mandates_changed: 0,
                mandates_carried: 0,
                mandates_retired: 0,
                problems,
            });
        }
        let at = now();
        let mut outcome = IngestOutcome {
            document_id: 0,
            state: IngestState::New,
            instruments: document.instruments.len(),
            mandates_added: 0,
            mandates_changed: 0,
            mandates_carried: 0,
            mandates_retired: 0,
            problems,
        };

        // The document, as a new version if its name is known.
        let previous: Option<i64> = sqlx::query("SELECT max(version) FROM documents WHERE name = $1")
            .bind(&document.source.name)
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
        let mut touched: BTreeSet<i64> = BTreeSet::new();
        let version = previous.map_or(1, |v| v + 1);
        if previous.is_some() {
            outcome.state = IngestState::NewVersion { version };
            // The instruments of the old version must be reconciled too: its texts stop counting.
            for row in sqlx::query(
                "SELECT DISTINCT t.instrument_id FROM texts t JOIN documents d ON d.id = t.document_id \
                 WHERE d.name = $1 AND d.is_current = 1",
            )
            .bind(&document.source.name)
            .fetch_all(&mut *tx)
            .await?
            {
                touched.insert(row.try_get(0)?);
            }
            sqlx::query("UPDATE documents SET is_current = 0 WHERE name = $1")
                .bind(&document.source.name)
                .execute(&mut *tx)
                .await?;
        }
        let model = serde_json::to_string(document)
            .map_err(|e| StoreError::Invalid(format!("cannot serialise the document: {e}")))?;
        let document_id: i64 = sqlx::query(
            "INSERT INTO documents (name, version, is_current, sha256, format, encoding, bytes, text, model, \
             diagnostics, ingested_at, ingested_by) VALUES ($1, $2, 1, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(&document.source.name)
        .bind(version)
        .bind(&document.source.sha256)
        .bind(serde_plain_name(&document.source.format))
        .bind(&document.source.encoding)
        .bind(i64::try_from(document.source.bytes).unwrap_or(i64::MAX))
        .bind(&document.text)
        .bind(model)
        .bind(problems as i64)
        .bind(&at)
        .bind(by)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        outcome.document_id = document_id;

        // Instruments and their texts.
        let conference_years = conference_years(document);
        let mut ids: HashMap<Identity, i64> = HashMap::new();
        for instrument in &document.instruments {
            let identity = Identity::of(instrument);
            let instrument_id = match ids.get(&identity) {
                Some(&id) => id,
                None => {
                    let id = instrument_id(&mut tx, &identity, instrument.title.as_deref()).await?;
                    ids.insert(identity, id);
                    id
                }
            };
            touched.insert(instrument_id);
            let revision = instrument.revision.as_ref();
            let instrument_json = serde_json::to_string(instrument)
                .map_err(|e| StoreError::Invalid(format!("cannot serialise {}: {e}", instrument.citation)))?;
            sqlx::query(
                "INSERT INTO texts (instrument_id, document_id, revision, revision_year, conference_year, is_full, \
                 status, section, citation, title, model, span_start, span_end) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            )
            .bind(instrument_id)
            .bind(document_id)
            .bind(revision_key(revision))
            .bind(revision_year(revision))
            .bind(revision_year(revision).or_else(|| conference_years.get(instrument.body.as_deref()?).copied()))
            .bind(i64::from(instrument.section.is_none()))
            .bind(instrument.status.as_ref().map(serde_plain_name))
            .bind(&instrument.section)
            .bind(&instrument.citation)
            .bind(&instrument.title)
            .bind(instrument_json)
            .bind(instrument.start as i64)
            .bind(instrument.end as i64)
            .execute(&mut *tx)
            .await?;
            if instrument.status == Some(InstrumentStatus::Abrogated) {
                sqlx::query("UPDATE instruments SET abrogated = 1 WHERE id = $1")
                    .bind(instrument_id)
                    .execute(&mut *tx)
                    .await?;
            }
        }

        store_reference_table(&mut tx, document, document_id, &mut touched).await?;

        let context = Context { at: &at, by, backend: self.backend };
        for instrument_id in touched {
            reconcile(&mut tx, &context, instrument_id, &mut outcome).await?;
        }
        tx.commit().await?;
        Ok(outcome)
    }
}

struct Context<'a> {
    at: &'a str,
    by: &'a str,
    backend: Backend,
}

/// The id of an instrument, created if new; a known title is kept up to date.
async fn instrument_id(tx: &mut Transaction<'static, Any>, identity: &Identity, title: Option<&str>) -> Result<i64> {
    let found =
        sqlx::query("SELECT id FROM instruments WHERE kind = $1 AND body = $2 AND committee = $3 AND number = $4")
            .bind(&identity.kind)
            .bind(&identity.body)
            .bind(&identity.committee)
            .bind(&identity.number)
            .fetch_optional(&mut **tx)
            .await?;
    if let Some(row) = found {
        let id: i64 = row.try_get(0)?;
        if let Some(title) = title {
            sqlx::query("UPDATE instruments SET title = $1 WHERE id = $2")
                .bind(title)
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
        return Ok(id);
    }
    Ok(sqlx::query(
        "INSERT INTO instruments (kind, body, committee, number, title) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(&identity.kind)
    .bind(&identity.body)
    .bind(&identity.committee)
    .bind(&identity.number)
    .bind(title)
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?)
}

/// The reference table's rows, linked to the instruments they name; abrogated instruments are marked.
async fn store_reference_table(
    tx: &mut Transaction<'static, Any>,
    document: &Document,
    document_id: i64,
    touched: &mut BTreeSet<i64>,
) -> Result<()> {
    if document.reference_table.is_empty() {
        return Ok(());
    }
    // The table lists the instruments of the conference the document summarises: the body most of its
    // excerpts belong to ("PP" for a summary of PP-22).
    let mut bodies: HashMap<&str, usize> = HashMap::new();
    for instrument in &document.instruments {
        if let Some(body) = &instrument.body {
            *bodies.entry(body).or_default() += 1;
        }
    }
    let body = bodies.into_iter().max_by_key(|&(b, n)| (n, std::cmp::Reverse(b))).map_or("PP", |(b, _)| b);
    for (ordinal, row) in document.reference_table.iter().enumerate() {
        let (kind, number) = match row.instrument.split_once(' ') {
            Some((kind, number)) if kind.eq_ignore_ascii_case("decision") => ("decision", number.trim()),
            Some((kind, number)) if kind.eq_ignore_ascii_case("resolution") => ("resolution", number.trim()),
            _ => ("resolution", row.instrument.trim()),
        };
        let identity =
            Identity { kind: kind.into(), body: body.into(), committee: String::new(), number: number.into() };
        let title = Some(row.title.as_str()).filter(|t| !t.is_empty());
        let instrument_id = instrument_id(tx, &identity, title).await?;
        touched.insert(instrument_id);
        if row.abrogated {
            sqlx::query("UPDATE instruments SET abrogated = 1 WHERE id = $1")
                .bind(instrument_id)
                .execute(&mut **tx)
                .await?;
        }
        let model = serde_json::to_string(row)
            .map_err(|e| StoreError::Invalid(format!("cannot serialise a table row: {e}")))?;
        let row_id: i64 = sqlx::query(
            "INSERT INTO table_rows (document_id, instrument_id, ordinal, label, title, abrogated, focal_points, model) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(document_id)
        .bind(instrument_id)
        .bind(ordinal as i64)
        .bind(&row.instrument)
        .bind(&row.title)
        .bind(i64::from(row.abrogated))
        .bind(row.focal_points.join("; "))
        .bind(model)
        .fetch_one(&mut **tx)
        .await?
        .try_get(0)?;
        for (n, link) in row.affects.iter().enumerate() {
            sqlx::query(
                "INSERT INTO table_links (row_id, ordinal, body, number, title, suppressed) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(row_id)
            .bind(n as i64)
            .bind(&link.body)
            .bind(&link.number)
            .bind(&link.title)
            .bind(i64::from(link.suppressed))
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// A text of an instrument from a current document.
struct Source {
    id: i64,
    revision: String,
    year: Option<i64>,
    full: bool,
    model: String,
}

/// A current mandate as stored, with what matching and carrying over need.
struct Existing {
    id: i64,
    revision: String,
    heading: Option<String>,
    label: Option<String>,
    action: String,
    status: String,
    progress: i64,
    owner: Option<String>,
    version: i64,
}

/// A draft with the text it came from.
struct Drafted {
    text_id: i64,
    revision: String,
    draft: MandateDraft,
}

/// What a draft is to an existing mandate.
#[derive(Clone, Copy)]
enum Match {
    Same(usize),
    Reworded(usize),
    New,
}

async fn reconcile(
    tx: &mut Transaction<'static, Any>,
    cx: &Context<'_>,
    instrument_id: i64,
    outcome: &mut IngestOutcome,
) -> Result<()> {
    let sources: Vec<Source> = sqlx::query(
        "SELECT t.id, t.revision, t.revision_year, t.is_full, t.model FROM texts t \
         JOIN documents d ON d.id = t.document_id WHERE t.instrument_id = $1 AND d.is_current = 1 ORDER BY t.id",
    )
    .bind(instrument_id)
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(|r: &AnyRow| {
        Ok(Source {
            id: r.try_get(0)?,
            revision: r.try_get(1)?,
            year: r.try_get(2)?,
            full: r.try_get::<i64, _>(3)? != 0,
            model: r.try_get(4)?,
        })
    })
    .collect::<Result<_>>()?;
    let drafts = best_drafts(&sources)?;
    let existing: Vec<Existing> = sqlx::query(
        "SELECT id, revision, heading, label, action, status, progress, owner, version FROM mandates \
         WHERE instrument_id = $1 AND is_current = 1 ORDER BY ordinal, id",
    )
    .bind(instrument_id)
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(|r: &AnyRow| {
        Ok(Existing {
            id: r.try_get(0)?,
            revision: r.try_get(1)?,
            heading: r.try_get(2)?,
            label: r.try_get(3)?,
            action: r.try_get(4)?,
            status: r.try_get(5)?,
            progress: r.try_get(6)?,
            owner: r.try_get(7)?,
            version: r.try_get(8)?,
        })
    })
    .collect::<Result<_>>()?;

    let matches = match_drafts(&drafts, &existing);
    let new_revision = drafts.first().map(|d| d.revision.as_str());
    let same_revision = existing.iter().all(|e| Some(e.revision.as_str()) == new_revision);
    let mut used = vec![false; existing.len()];

    for (ordinal, (drafted, matched)) in drafts.iter().zip(&matches).enumerate() {
        let ordinal = ordinal as i64;
        match (*matched, same_revision) {
            (Match::Same(e), true) => {
                used[e] = true;
                refresh(tx, drafted, existing[e].id, ordinal).await?;
            }
            (Match::Reworded(e), true) => {
                used[e] = true;
                let old = &existing[e];
                refresh(tx, drafted, old.id, ordinal).await?;
                let version = old.version + 1;
                sqlx::query("UPDATE mandates SET needs_review = 1, version = $1, updated_at = $2, updated_by = $3 WHERE id = $4")
                    .bind(version)
                    .bind(cx.at)
                    .bind(cx.by)
                    .bind(old.id)
                    .execute(&mut **tx)
                    .await?;
                record(tx, old.id, version, cx.at, cx.by, "action", Some(&old.action), Some(&drafted.draft.action))
                    .await?;
                update_search(tx, cx.backend, old.id, &drafted.draft).await?;
                outcome.mandates_changed += 1;
            }
            (Match::New, _) => {
                insert_mandate(tx, cx, instrument_id, drafted, ordinal, None).await?;
                outcome.mandates_added += 1;
            }
            (Match::Same(e) | Match::Reworded(e), false) => {
                used[e] = true;
                let reworded = matches!(matched, Match::Reworded(_));
                let old = &existing[e];
                let new_id = insert_mandate(tx, cx, instrument_id, drafted, ordinal, Some((old, reworded))).await?;
                retire(tx, cx, old, Some(new_id), true).await?;
                outcome.mandates_carried += 1;
                outcome.mandates_retired += 1;
                if reworded {
                    outcome.mandates_changed += 1;
                }
            }
        }
    }
    for (old, used) in existing.iter().zip(used) {
        if !used {
            retire(tx, cx, old, None, !same_revision).await?;
            outcome.mandates_retired += 1;
        }
    }
    Ok(())
}

/// The drafts of the best current text: the latest revision; its full text if there is one (the last
/// ingested), else every excerpt of it, without repeats. Excerpts that give no revision (a summary's own
/// paraphrase, "Resolution 214, Artificial intelligence ...") count only when no text gives one.
fn best_drafts(sources: &[Source]) -> Result<Vec<Drafted>> {
    let Some(latest) = sources.iter().max_by_key(|s| (s.year.unwrap_or(-1), !s.revision.is_empty(), s.id)) else {
        return Ok(Vec::new());
    };
    let revision = latest.revision.clone();
    let of_revision: Vec<&Source> = sources.iter().filter(|s| s.revision == revision).collect();
    let chosen: Vec<&Source> = match of_revision.iter().rev().find(|s| s.full) {
        Some(full) => vec![full],
        None => of_revision,
    };
    let mut drafts = Vec::new();
    let mut seen = BTreeSet::new();
    for source in chosen {
        let instrument: Instrument = serde_json::from_str(&source.model)
            .map_err(|e| StoreError::Corrupt(format!("text {} cannot be read back: {e}", source.id)))?;
        for draft in mandate::derive(&instrument) {
            let key =
                (normalise(draft.heading.as_deref().unwrap_or("")), draft.label.clone(), normalise(&draft.action));
            if seen.insert(key) {
                drafts.push(Drafted { text_id: source.id, revision: revision.clone(), draft });
            }
        }
    }
    Ok(drafts)
}

/// Lower case, single spaces, no trailing punctuation: wording, not typography.
fn normalise(text: &str) -> String {
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    words.join(" ").trim_end_matches([';', ',', '.', ':']).to_owned()
}

/// Pair each draft with an existing mandate: first the same wording under the same heading, then the same
/// label under the same heading (reworded); the rest are new.
fn match_drafts(drafts: &[Drafted], existing: &[Existing]) -> Vec<Match> {
    let mut taken = vec![false; existing.len()];
    let mut matches: Vec<Option<Match>> = drafts.iter().map(|_| None).collect();
    let heading = |h: &Option<String>| normalise(h.as_deref().unwrap_or(""));
    for (d, drafted) in drafts.iter().enumerate() {
        let (h, a) = (heading(&drafted.draft.heading), normalise(&drafted.draft.action));
        if let Some(e) = (0..existing.len())
            .find(|&e| !taken[e] && heading(&existing[e].heading) == h && normalise(&existing[e].action) == a)
        {
            taken[e] = true;
            matches[d] = Some(Match::Same(e));
        }
    }
    for (d, drafted) in drafts.iter().enumerate() {
        if matches[d].is_some() || drafted.draft.label.is_none() {
            continue;
        }
        let h = heading(&drafted.draft.heading);
        if let Some(e) = (0..existing.len())
            .find(|&e| !taken[e] && heading(&existing[e].heading) == h && existing[e].label == drafted.draft.label)
        {
            taken[e] = true;
            matches[d] = Some(Match::Reworded(e));
        }
    }
    matches.into_iter().map(|m| m.unwrap_or(Match::New)).collect()
}

/// Rewrite the derived columns of a kept mandate from its (possibly better) source; tracking is untouched.
async fn refresh(tx: &mut Transaction<'static, Any>, drafted: &Drafted, id: i64, ordinal: i64) -> Result<()> {
    let d = &drafted.draft;
    sqlx::query(
        "UPDATE mandates SET text_id = $1, ordinal = $2, heading = $3, verb = $4, label = $5, action = $6, \
         addressees = $7, partners = $8, cadence = $9, report_to = $10, deadline = $11, deadline_year = $12, \
         sectors = $13, span_start = $14, span_end = $15, also_report_to = $16 WHERE id = $17",
    )
    .bind(drafted.text_id)
    .bind(ordinal)
    .bind(&d.heading)
    .bind(&d.verb)
    .bind(&d.label)
    .bind(&d.action)
    .bind(d.addressees.join("; "))
    .bind(d.partners.join("; "))
    .bind(d.reporting.cadence.as_ref().map(serde_plain_name))
    .bind(&d.reporting.report_to)
    .bind(d.reporting.deadline.as_ref().map(|x| x.text.clone()))
    .bind(d.reporting.deadline.as_ref().and_then(|x| x.year).map(i64::from))
    .bind(d.sectors.bits())
    .bind(d.start as i64)
    .bind(d.end as i64)
    .bind(d.reporting.also_report_to.join("; "))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM mandate_addressees WHERE mandate_id = $1").bind(id).execute(&mut **tx).await?;
    insert_addressees(tx, id, d).await
}

/// Insert a mandate; with `carried`, it takes over the tracking of an earlier revision's mandate.
async fn insert_mandate(
    tx: &mut Transaction<'static, Any>,
    cx: &Context<'_>,
    instrument_id: i64,
    drafted: &Drafted,
    ordinal: i64,
    carried: Option<(&Existing, bool)>,
) -> Result<i64> {
    let d = &drafted.draft;
    let (status, progress, owner, needs_review, carried_from) = match carried {
        Some((old, reworded)) => (old.status.as_str(), old.progress, old.owner.clone(), reworded, Some(old.id)),
        None => (Status::NotStarted.as_str(), 0, None, false, None),
    };
    let id: i64 = sqlx::query(
        "INSERT INTO mandates (instrument_id, text_id, revision, is_current, ordinal, heading, verb, label, action, \
         addressees, partners, cadence, report_to, deadline, deadline_year, sectors, span_start, span_end, status, \
         progress, owner, needs_review, carried_from, version, updated_at, updated_by, also_report_to) VALUES ($1, $2, \
         $3, 1, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, 1, $23, $24, \
         $25) RETURNING id",
    )
    .bind(instrument_id)
    .bind(drafted.text_id)
    .bind(&drafted.revision)
    .bind(ordinal)
    .bind(&d.heading)
    .bind(&d.verb)
    .bind(&d.label)
    .bind(&d.action)
    .bind(d.addressees.join("; "))
    .bind(d.partners.join("; "))
    .bind(d.reporting.cadence.as_ref().map(serde_plain_name))
    .bind(&d.reporting.report_to)
    .bind(d.reporting.deadline.as_ref().map(|x| x.text.clone()))
    .bind(d.reporting.deadline.as_ref().and_then(|x| x.year).map(i64::from))
    .bind(d.sectors.bits())
    .bind(d.start as i64)
    .bind(d.end as i64)
    .bind(status)
    .bind(progress)
    .bind(owner)
    .bind(i64::from(needs_review))
    .bind(carried_from)
    .bind(cx.at)
    .bind(cx.by)
    .bind(d.reporting.also_report_to.join("; "))
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?;
    let created = if drafted.revision.is_empty() {
        "registered".to_owned()
    } else {
        format!("registered ({})", drafted.revision)
    };
    record(tx, id, 1, cx.at, cx.by, "created", None, Some(&created)).await?;
    if let Some((old, reworded)) = carried {
        let note =
            if reworded { "tracking carried over; the wording changed: review" } else { "tracking carried over" };
        record(tx, id, 1, cx.at, cx.by, "carried_from", Some(&old.id.to_string()), Some(note)).await?;
    }
    insert_addressees(tx, id, d).await?;
    insert_search(tx, cx.backend, id, d).await?;
    Ok(id)
}

/// A mandate leaves the current set: replaced by `successor`, dropped by a new revision (`superseded`), or
/// gone from a corrected text of the same revision (its tracking then stays as it was).
async fn retire(
    tx: &mut Transaction<'static, Any>,
    cx: &Context<'_>,
    old: &Existing,
    successor: Option<i64>,
    superseded: bool,
) -> Result<()> {
    let version = old.version + 1;
    let status = if superseded { Status::Superseded.as_str() } else { old.status.as_str() };
    sqlx::query(
        "UPDATE mandates SET is_current = 0, status = $1, superseded_by = $2, version = $3, updated_at = $4, \
         updated_by = $5 WHERE id = $6",
    )
    .bind(status)
    .bind(successor)
    .bind(version)
    .bind(cx.at)
    .bind(cx.by)
    .bind(old.id)
    .execute(&mut **tx)
    .await?;
    let old_status: Status = old.status.parse().unwrap_or(Status::NotStarted);
    match successor {
        Some(new_id) => {
            record(
                tx,
                old.id,
                version,
                cx.at,
                cx.by,
                "superseded",
                Some(&old_status.to_string()),
                Some(&format!("by mandate {new_id}")),
            )
            .await
        }
        None if superseded => {
            let note = "no longer in the new revision";
            record(tx, old.id, version, cx.at, cx.by, "superseded", Some(&old_status.to_string()), Some(note)).await
        }
        None => {
            record(tx, old.id, version, cx.at, cx.by, "removed", Some(&old.action), Some("no longer in the text")).await
        }
    }
}

async fn insert_addressees(tx: &mut Transaction<'static, Any>, id: i64, d: &MandateDraft) -> Result<()> {
    let mut names: Vec<&String> = d.addressees.iter().chain(&d.partners).collect();
    names.sort();
    names.dedup();
    for name in names {
        sqlx::query("INSERT INTO mandate_addressees (mandate_id, addressee) VALUES ($1, $2)")
            .bind(id)
            .bind(name)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

fn search_context(d: &MandateDraft) -> String {
    let mut context = d.heading.clone().unwrap_or_default();
    for name in d.addressees.iter().chain(&d.partners) {
        context.push(' ');
        context.push_str(name);
    }
    context
}

async fn insert_search(tx: &mut Transaction<'static, Any>, backend: Backend, id: i64, d: &MandateDraft) -> Result<()> {
    let sql = match backend {
        Backend::Sqlite => "INSERT INTO mandate_search (rowid, action, context) VALUES ($1, $2, $3)",
        Backend::Postgres => {
            "INSERT INTO mandate_search (mandate_id, context, document) VALUES ($1, $3, \
             setweight(to_tsvector('english', $2), 'A') || setweight(to_tsvector('english', $3), 'B'))"
        }
    };
    sqlx::query(sql).bind(id).bind(&d.action).bind(search_context(d)).execute(&mut **tx).await?;
    Ok(())
}

async fn update_search(tx: &mut Transaction<'static, Any>, backend: Backend, id: i64, d: &MandateDraft) -> Result<()> {
    let table_key = match backend {
        Backend::Sqlite => "DELETE FROM mandate_search WHERE rowid = $1",
        Backend::Postgres => "DELETE FROM mandate_search WHERE mandate_id = $1",
    };
    sqlx::query(table_key).bind(id).execute(&mut **tx).await?;
    insert_search(tx, backend, id, d).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revisions_have_one_spelling() {
        let rev = |revised, place: Option<&str>, year, conference: Option<&str>| Revision {
            revised,
            place: place.map(Into::into),
            year,
            conference: conference.map(Into::into),
        };
        assert_eq!(revision_key(Some(&rev(true, Some("Bucharest"), Some(2022), None))), "Rev. Bucharest, 2022");
        assert_eq!(revision_key(Some(&rev(false, Some("Kigali"), Some(2022), None))), "Kigali, 2022");
        assert_eq!(revision_key(Some(&rev(true, None, None, Some("WRC-19")))), "Rev.WRC-19");
        assert_eq!(revision_year(Some(&rev(true, None, None, Some("WRC-19")))), Some(2019));
        assert_eq!(revision_key(None), "");
    }
}
