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
use sqlx::{Any, Row, Transaction};

use crate::batch::{Value, cover_search_partitions, fetch_in, index_for_search, insert_rows, reserve_ids, unindex};
use crate::records::instrument_name;
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

/// The parsed document as stored with it: everything but its instruments, which are stored one by one as
/// texts. Reads back as a [`Document`] with no instruments.
#[derive(Serialize)]
struct StoredDocument<'a> {
    source: &'a mandates_core::model::Source,
    outline: &'a [mandates_core::model::OutlineEntry],
    instruments: [(); 0],
    reference_table: &'a [mandates_core::model::ReferenceRow],
    references: &'a [mandates_core::model::Reference],
    footnotes: &'a [mandates_core::model::Footnote],
    facts: &'a mandates_core::model::Facts,
    diagnostics: &'a [mandates_core::model::Diagnostic],
}

impl<'a> StoredDocument<'a> {
    fn of(d: &'a Document) -> Self {
        StoredDocument {
            source: &d.source,
            outline: &d.outline,
            instruments: [],
            reference_table: &d.reference_table,
            references: &d.references,
            footnotes: &d.footnotes,
            facts: &d.facts,
            diagnostics: &d.diagnostics,
        }
    }
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

impl Identity {
    /// "PP resolution  0000000130": body, kind, committee, then the number with its leading digits padded so
    /// that 9 comes before 10.
    fn sort_key(&self) -> String {
        let digits = self.number.bytes().take_while(u8::is_ascii_digit).count();
        let number = format!("{:0>10}{}", &self.number[..digits], &self.number[digits..]);
        format!("{} {} {} {number}", self.body, self.kind, self.committee)
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
        // "WRC-19" -> 2019, "WRC-97" -> 1997.
        let conf = r.conference.as_deref()?;
        let digits = conf.rsplit(['-', '\u{2011}']).next()?;
        let y: u16 = digits.parse().ok()?;
        Some(i64::from(if y < 100 { mandates_core::references::full_year(y) } else { y }))
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

/// What an ingest computes from a document alone, before it touches the registry: the models as stored and the
/// mandates each instrument gives. `mandates ingest` makes it on the thread that parses the next file while the
/// one before is stored, so that the write transaction does database work only ([`Store::ingest_prepared`]).
#[derive(Debug)]
pub struct Prepared {
    sha256: String,
    /// The document without its instruments, as JSON.
    model: String,
    /// Each instrument's model as JSON and its mandates, in the document's order.
    texts: Vec<(String, Vec<KeyedDraft>)>,
}

impl Prepared {
    pub fn of(document: &Document) -> Result<Prepared> {
        let model = serde_json::to_string(&StoredDocument::of(document))
            .map_err(|e| StoreError::Invalid(format!("cannot serialise the document: {e}")))?;
        let texts = document
            .instruments
            .iter()
            .map(|instrument| {
                let json = serde_json::to_string(instrument)
                    .map_err(|e| StoreError::Invalid(format!("cannot serialise {}: {e}", instrument.citation)))?;
                Ok((json, keyed_drafts(instrument)))
            })
            .collect::<Result<_>>()?;
        Ok(Prepared { sha256: document.source.sha256.clone(), model, texts })
    }
}

/// A mandate drawn from a text, with its heading and action normalised: what wordings are compared by.
#[derive(Debug, Clone)]
struct KeyedDraft {
    draft: MandateDraft,
    heading_key: String,
    action_key: String,
}

fn keyed_drafts(instrument: &Instrument) -> Vec<KeyedDraft> {
    mandate::derive(instrument)
        .into_iter()
        .map(|draft| KeyedDraft {
            heading_key: normalise(draft.heading.as_deref().unwrap_or("")),
            action_key: normalise(&draft.action),
            draft,
        })
        .collect()
}

impl Store {
    /// Store `document` and the mandates it gives, as `by`. All or nothing: on any error the registry is as
    /// it was.
    pub async fn ingest(&self, document: &Document, by: &str) -> Result<IngestOutcome> {
        self.ingest_prepared(document, &Prepared::of(document)?, by).await
    }

    /// [`Store::ingest`] with the work that needs no database done beforehand ([`Prepared::of`] the same
    /// document).
    pub async fn ingest_prepared(&self, document: &Document, prepared: &Prepared, by: &str) -> Result<IngestOutcome> {
        if prepared.sha256 != document.source.sha256 || prepared.texts.len() != document.instruments.len() {
            return Err(StoreError::Invalid(format!(
                "what was prepared for ingest is not {}: prepare the document again",
                document.source.name
            )));
        }
        if self.backend == Backend::Postgres {
            let mandates = prepared.texts.iter().map(|(_, drafts)| drafts.len()).sum();
            cover_search_partitions(&self.pool, mandates).await?;
        }
        let mut tx = self.begin_write().await?;
        if self.backend == Backend::Postgres {
            // Ingests are serialised: two at once would race to create the same instrument.
            sqlx::query("SELECT pg_advisory_xact_lock(7215)").execute(&mut *tx).await?;
        }
        let problems =
            document.diagnostics.iter().filter(|d| d.severity != mandates_core::model::Severity::Info).count();
        // The same bytes as a current document: nothing to do. (Bytes of an older version, a file put back as
        // it was, are a new version.)
        let known = sqlx::query("SELECT id FROM documents WHERE sha256 = $1 AND is_current = 1")
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
        .bind(document.text.as_str())
        .bind(&prepared.model)
        .bind(problems as i64)
        .bind(&at)
        .bind(by)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        outcome.document_id = document_id;

        // Instruments: those the registry knows, then the new ones, all at once.
        let conference_years = conference_years(document);
        let table_body = reference_table_body(document);
        let mut wanted: Vec<(Identity, Option<String>)> =
            document.instruments.iter().map(|i| (Identity::of(i), i.title.clone())).collect();
        wanted.extend(document.reference_table.iter().map(|row| {
            (table_identity(&row.instrument, table_body), Some(row.title.clone()).filter(|t| !t.is_empty()))
        }));
        let ids = instrument_ids(&mut tx, self.backend, &wanted).await?;
        let id_of = |identity: &Identity| {
            ids.get(identity).copied().ok_or_else(|| {
                let name = instrument_name(&identity.kind, &identity.body, &identity.committee, &identity.number);
                StoreError::Corrupt(format!("{name} was not registered"))
            })
        };

        // Their texts.
        let text_ids = reserve_ids(&mut tx, self.backend, "texts", document.instruments.len()).await?;
        let mut texts = Vec::with_capacity(document.instruments.len());
        let mut abrogated = BTreeSet::new();
        for ((instrument, &text_id), (json, _)) in document.instruments.iter().zip(&text_ids).zip(&prepared.texts) {
            let identity = Identity::of(instrument);
            let instrument_id = id_of(&identity)?;
            touched.insert(instrument_id);
            if instrument.status == Some(InstrumentStatus::Abrogated) {
                abrogated.insert(instrument_id);
            }
            let revision = instrument.revision.as_ref();
            let conference_year =
                revision_year(revision).or_else(|| conference_years.get(instrument.body.as_deref()?).copied());
            texts.push(vec![
                text_id.into(),
                instrument_id.into(),
                document_id.into(),
                revision_key(revision).into(),
                revision_year(revision).into(),
                conference_year.into(),
                i64::from(instrument.section.is_none()).into(),
                instrument.status.as_ref().map(serde_plain_name).into(),
                instrument.section.clone().into(),
                instrument.citation.clone().into(),
                instrument.title.clone().into(),
                json.as_str().into(),
                (instrument.start as i64).into(),
                (instrument.end as i64).into(),
                identity.body.into(),
            ]);
        }
        insert_rows(&mut tx, "texts", TEXT_COLUMNS, &texts).await?;
        drop(texts);

        // The reference table, linked to the instruments it names.
        let row_ids = reserve_ids(&mut tx, self.backend, "table_rows", document.reference_table.len()).await?;
        let mut rows = Vec::new();
        let mut links = Vec::new();
        for (ordinal, (row, &row_id)) in document.reference_table.iter().zip(&row_ids).enumerate() {
            let instrument_id = id_of(&table_identity(&row.instrument, table_body))?;
            touched.insert(instrument_id);
            if row.abrogated {
                abrogated.insert(instrument_id);
            }
            let model = serde_json::to_string(row)
                .map_err(|e| StoreError::Invalid(format!("cannot serialise a table row: {e}")))?;
            rows.push(vec![
                row_id.into(),
                document_id.into(),
                instrument_id.into(),
                (ordinal as i64).into(),
                row.instrument.to_string().into(),
                row.title.clone().into(),
                i64::from(row.abrogated).into(),
                row.focal_points.join("; ").into(),
                model.into(),
            ]);
            for (n, link) in row.affects.iter().enumerate() {
                links.push(vec![
                    row_id.into(),
                    (n as i64).into(),
                    link.body.to_string().into(),
                    link.number.to_string().into(),
                    link.title.clone().into(),
                    i64::from(link.suppressed).into(),
                ]);
            }
        }
        insert_rows(&mut tx, "table_rows", TABLE_ROW_COLUMNS, &rows).await?;
        insert_rows(&mut tx, "table_links", &["row_id", "ordinal", "body", "number", "title", "suppressed"], &links)
            .await?;
        let abrogated: Vec<Value> = abrogated.into_iter().map(Value::from).collect();
        fetch_in(&mut tx, "UPDATE instruments SET abrogated = 1 WHERE id IN", "", &abrogated).await?;

        let context = Context { at: &at, by, backend: self.backend };
        let fresh: HashMap<i64, &[KeyedDraft]> =
            text_ids.iter().copied().zip(prepared.texts.iter().map(|(_, drafts)| drafts.as_slice())).collect();
        reconcile(&mut tx, &context, &touched.into_iter().collect::<Vec<_>>(), &fresh, &mut outcome).await?;
        tx.commit().await?;
        Ok(outcome)
    }
}

const TEXT_COLUMNS: &[&str] = &[
    "id",
    "instrument_id",
    "document_id",
    "revision",
    "revision_year",
    "conference_year",
    "is_full",
    "status",
    "section",
    "citation",
    "title",
    "model",
    "span_start",
    "span_end",
    "body",
];

const TABLE_ROW_COLUMNS: &[&str] =
    &["id", "document_id", "instrument_id", "ordinal", "label", "title", "abrogated", "focal_points", "model"];

const MANDATE_INSERT_COLUMNS: &[&str] = &[
    "id",
    "instrument_id",
    "text_id",
    "revision",
    "is_current",
    "ordinal",
    "heading",
    "verb",
    "label",
    "action",
    "addressees",
    "partners",
    "cadence",
    "report_to",
    "also_report_to",
    "deadline",
    "deadline_year",
    "sectors",
    "span_start",
    "span_end",
    "status",
    "progress",
    "owner",
    "needs_review",
    "carried_from",
    "version",
    "updated_at",
    "updated_by",
];

const HISTORY_COLUMNS: &[&str] =
    &["mandate_id", "version", "changed_at", "changed_by", "field", "old_value", "new_value"];

struct Context<'a> {
    at: &'a str,
    by: &'a str,
    backend: Backend,
}

/// The body of the instruments a reference table lists: the body most of the document's excerpts belong to
/// ("PP" in a summary of PP-22).
fn reference_table_body(document: &Document) -> &str {
    let mut bodies: HashMap<&str, usize> = HashMap::new();
    for instrument in &document.instruments {
        if let Some(body) = &instrument.body {
            *bodies.entry(body).or_default() += 1;
        }
    }
    bodies.into_iter().max_by_key(|&(b, n)| (n, std::cmp::Reverse(b))).map_or("PP", |(b, _)| b)
}

/// "130" -> PP Resolution 130; "Decision 5" -> PP Decision 5.
fn table_identity(label: &str, body: &str) -> Identity {
    let (kind, number) = match label.split_once(' ') {
        Some((kind, number)) if kind.eq_ignore_ascii_case("decision") => ("decision", number.trim()),
        Some((kind, number)) if kind.eq_ignore_ascii_case("resolution") => ("resolution", number.trim()),
        _ => ("resolution", label.trim()),
    };
    Identity { kind: kind.into(), body: body.into(), committee: String::new(), number: number.into() }
}

/// The id of each wanted instrument; unknown ones are created. The last title given for an instrument is kept.
async fn instrument_ids(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
    wanted: &[(Identity, Option<String>)],
) -> Result<HashMap<Identity, i64>> {
    let mut titles: HashMap<&Identity, Option<&str>> = HashMap::new();
    let mut order: Vec<&Identity> = Vec::new();
    for (identity, title) in wanted {
        let entry = titles.entry(identity).or_insert_with(|| {
            order.push(identity);
            None
        });
        if title.is_some() {
            *entry = title.as_deref();
        }
    }
    let numbers: BTreeSet<&str> = order.iter().map(|i| i.number.as_str()).collect();
    let numbers: Vec<Value> = numbers.into_iter().map(Value::from).collect();
    let mut ids = HashMap::new();
    {
        let prefix = "SELECT id, kind, body, committee, number, title FROM instruments WHERE number IN";
        for row in fetch_in(tx, prefix, "", &numbers).await? {
            let identity = Identity {
                kind: row.try_get(1)?,
                body: row.try_get(2)?,
                committee: row.try_get(3)?,
                number: row.try_get(4)?,
            };
            if let Some(title) = titles.get(&identity) {
                let id: i64 = row.try_get(0)?;
                let stored: Option<String> = row.try_get(5)?;
                if title.is_some() && stored.as_deref() != *title {
                    sqlx::query("UPDATE instruments SET title = $1 WHERE id = $2")
                        .bind(*title)
                        .bind(id)
                        .execute(&mut **tx)
                        .await?;
                }
                ids.insert(identity, id);
            }
        }
    }
    let missing: Vec<&Identity> = order.into_iter().filter(|i| !ids.contains_key(*i)).collect();
    let new_ids = reserve_ids(tx, backend, "instruments", missing.len()).await?;
    let mut rows = Vec::with_capacity(missing.len());
    for (identity, id) in missing.into_iter().zip(new_ids) {
        rows.push(vec![
            id.into(),
            identity.kind.clone().into(),
            identity.body.clone().into(),
            identity.committee.clone().into(),
            identity.number.clone().into(),
            titles[identity].into(),
            identity.sort_key().into(),
        ]);
        ids.insert(identity.clone(), id);
    }
    insert_rows(tx, "instruments", &["id", "kind", "body", "committee", "number", "title", "sort_key"], &rows).await?;
    Ok(ids)
}

/// A text of an instrument from a current document.
struct Source {
    id: i64,
    revision: String,
    year: Option<i64>,
    full: bool,
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
    needs_review: bool,
}

/// A draft with the text it came from.
struct Drafted {
    text_id: i64,
    revision: String,
    draft: MandateDraft,
    /// The heading and the action, normalised: what wordings are compared by.
    heading_key: String,
    action_key: String,
}

/// What a draft is to an existing mandate.
#[derive(Clone, Copy)]
enum Match {
    Same(usize),
    Reworded(usize),
    New,
}

/// Where a mandate stands in lists (by instrument, then order in the text): its name rows carry it, so that
/// the mandates addressed to a name are read in list order from one index (migrations SQLite 0006, PostgreSQL
/// 0009).
#[derive(Clone, Copy)]
struct ListPlace<'a> {
    instrument_id: i64,
    sort_key: &'a str,
    ordinal: i64,
}

/// A mandate to insert.
struct NewMandate<'a> {
    drafted: &'a Drafted,
    place: ListPlace<'a>,
    /// The earlier revision's mandate whose tracking it takes over, and whether the wording changed.
    carried: Option<(&'a Existing, bool)>,
}

/// A change to a stored mandate.
enum Update<'a> {
    /// Same wording: the derived columns follow the (possibly better) source; tracking is untouched.
    Refresh { id: i64, drafted: &'a Drafted, place: ListPlace<'a> },
    /// Same place, new wording, same revision: updated and flagged for review.
    Reword { old: &'a Existing, drafted: &'a Drafted, place: ListPlace<'a> },
    /// Leaves the current set: replaced by the insert at this index, dropped by a new revision, or gone from a
    /// corrected text of the same revision.
    Retire { old: &'a Existing, successor: Option<usize>, superseded: bool },
}

/// Derive the mandates of every touched instrument again from its best current text and bring the stored
/// ones in line (see the module comment).
///
/// `fresh` holds the texts of the document being ingested, by id, so that they are not read back.
async fn reconcile(
    tx: &mut Transaction<'static, Any>,
    cx: &Context<'_>,
    touched: &[i64],
    fresh: &HashMap<i64, &[KeyedDraft]>,
    outcome: &mut IngestOutcome,
) -> Result<()> {
    let mut sources: HashMap<i64, Vec<Source>> = HashMap::new();
    let mut existing: HashMap<i64, Vec<Existing>> = HashMap::new();
    let mut sort_keys: HashMap<i64, String> = HashMap::new();
    let touched_values: Vec<Value> = touched.iter().copied().map(Value::from).collect();
    {
        for r in fetch_in(tx, "SELECT id, sort_key FROM instruments WHERE id IN", "", &touched_values).await? {
            sort_keys.insert(r.try_get(0)?, r.try_get(1)?);
        }
        let prefix = "SELECT t.instrument_id, t.id, t.revision, t.revision_year, t.is_full FROM texts t \
             JOIN documents d ON d.id = t.document_id WHERE d.is_current = 1 AND t.instrument_id IN";
        for r in fetch_in(tx, prefix, " ORDER BY t.id", &touched_values).await? {
            sources.entry(r.try_get(0)?).or_default().push(Source {
                id: r.try_get(1)?,
                revision: r.try_get(2)?,
                year: r.try_get(3)?,
                full: r.try_get::<i64, _>(4)? != 0,
            });
        }
        let prefix = "SELECT instrument_id, id, revision, heading, label, action, status, progress, owner, version, \
             needs_review FROM mandates WHERE is_current = 1 AND instrument_id IN";
        // A tracking update of one of them waits for this ingest (SQLite's write lock already does that).
        let suffix =
            if cx.backend == Backend::Postgres { " ORDER BY ordinal, id FOR UPDATE" } else { " ORDER BY ordinal, id" };
        for r in fetch_in(tx, prefix, suffix, &touched_values).await? {
            existing.entry(r.try_get(0)?).or_default().push(Existing {
                id: r.try_get(1)?,
                revision: r.try_get(2)?,
                heading: r.try_get(3)?,
                label: r.try_get(4)?,
                action: r.try_get(5)?,
                status: r.try_get(6)?,
                progress: r.try_get(7)?,
                owner: r.try_get(8)?,
                version: r.try_get(9)?,
                needs_review: r.try_get::<i64, _>(10)? != 0,
            });
        }
    }
    let chosen: Vec<(i64, String, Vec<i64>)> = touched
        .iter()
        .map(|&id| {
            let (revision, texts) = best_texts(sources.get(&id).map_or(&[], Vec::as_slice));
            (id, revision, texts)
        })
        .collect();
    drop(sources);
    // The chosen texts of other documents are read back; this document's are at hand.
    let stored: Vec<i64> =
        chosen.iter().flat_map(|(_, _, texts)| texts).copied().filter(|id| !fresh.contains_key(id)).collect();
    let mut read_back: HashMap<i64, Vec<KeyedDraft>> = HashMap::new();
    let stored: Vec<Value> = stored.into_iter().map(Value::from).collect();
    {
        for r in fetch_in(tx, "SELECT id, model FROM texts WHERE id IN", "", &stored).await? {
            let id: i64 = r.try_get(0)?;
            let instrument: Instrument = serde_json::from_str(&r.try_get::<String, _>(1)?)
                .map_err(|e| StoreError::Corrupt(format!("text {id} cannot be read back: {e}")))?;
            read_back.insert(id, keyed_drafts(&instrument));
        }
    }
    let mut drafts: Vec<(i64, Vec<Drafted>)> = Vec::with_capacity(chosen.len());
    for (instrument_id, revision, texts) in chosen {
        let mut of_texts = Vec::with_capacity(texts.len());
        for id in texts {
            let found = fresh.get(&id).copied().or_else(|| read_back.get(&id).map(Vec::as_slice));
            of_texts.push((id, found.ok_or_else(|| StoreError::Corrupt(format!("text {id} is missing")))?));
        }
        drafts.push((instrument_id, derive_drafts(&revision, &of_texts)));
    }

    // What to do, instrument by instrument.
    let no_mandates = Vec::new();
    let mut inserts: Vec<NewMandate> = Vec::new();
    let mut updates: Vec<Update> = Vec::new();
    for (instrument_id, drafts) in &drafts {
        let instrument_id = *instrument_id;
        let sort_key = sort_keys
            .get(&instrument_id)
            .ok_or_else(|| StoreError::Corrupt(format!("instrument {instrument_id} is missing")))?;
        let existing = existing.get(&instrument_id).unwrap_or(&no_mandates);
        let matches = match_drafts(drafts, existing);
        let new_revision = drafts.first().map(|d| d.revision.as_str());
        let same_revision = existing.iter().all(|e| Some(e.revision.as_str()) == new_revision);
        let mut used = vec![false; existing.len()];
        for (ordinal, (drafted, matched)) in drafts.iter().zip(matches).enumerate() {
            let place = ListPlace { instrument_id, sort_key, ordinal: ordinal as i64 };
            match (matched, same_revision) {
                (Match::Same(e), true) => {
                    used[e] = true;
                    updates.push(Update::Refresh { id: existing[e].id, drafted, place });
                }
                (Match::Reworded(e), true) => {
                    used[e] = true;
                    updates.push(Update::Reword { old: &existing[e], drafted, place });
                    outcome.mandates_changed += 1;
                }
                (Match::New, _) => {
                    inserts.push(NewMandate { drafted, place, carried: None });
                    outcome.mandates_added += 1;
                }
                (Match::Same(e) | Match::Reworded(e), false) => {
                    used[e] = true;
                    let reworded = matches!(matched, Match::Reworded(_));
                    let old = &existing[e];
                    updates.push(Update::Retire { old, successor: Some(inserts.len()), superseded: true });
                    inserts.push(NewMandate { drafted, place, carried: Some((old, reworded)) });
                    outcome.mandates_carried += 1;
                    outcome.mandates_retired += 1;
                    outcome.mandates_changed += usize::from(reworded);
                }
            }
        }
        for (old, used) in existing.iter().zip(used) {
            if !used {
                // With no text left at all (the instrument left the document), it is removed, not superseded.
                updates.push(Update::Retire { old, successor: None, superseded: !same_revision && !drafts.is_empty() });
                outcome.mandates_retired += 1;
            }
        }
    }

    let ids = reserve_ids(tx, cx.backend, "mandates", inserts.len()).await?;
    insert_mandates(tx, cx, &inserts, &ids).await?;
    for update in &updates {
        match *update {
            Update::Refresh { id, drafted, place } => refresh(tx, cx.backend, drafted, id, place).await?,
            Update::Reword { old, drafted, place } => {
                refresh(tx, cx.backend, drafted, old.id, place).await?;
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
            }
            Update::Retire { old, successor, superseded } => {
                retire(tx, cx, old, successor.map(|i| ids[i]), superseded).await?;
            }
        }
    }
    Ok(())
}

/// The best current texts of an instrument and their revision: the latest revision; its full text if there is
/// one (the last ingested), else every excerpt of it. Excerpts that give no revision (a summary's own
/// paraphrase, "Resolution 214, Artificial intelligence ...") count only when no text gives one.
fn best_texts(sources: &[Source]) -> (String, Vec<i64>) {
    let Some(latest) = sources.iter().max_by_key(|s| (s.year.unwrap_or(-1), !s.revision.is_empty(), s.id)) else {
        return (String::new(), Vec::new());
    };
    let of_revision: Vec<&Source> = sources.iter().filter(|s| s.revision == latest.revision).collect();
    let chosen = match of_revision.iter().rev().find(|s| s.full) {
        Some(full) => vec![full.id],
        None => of_revision.iter().map(|s| s.id).collect(),
    };
    (latest.revision.clone(), chosen)
}

/// The mandates of the chosen texts, without repeats (excerpts of one text in two summaries).
fn derive_drafts(revision: &str, texts: &[(i64, &[KeyedDraft])]) -> Vec<Drafted> {
    let mut drafts = Vec::new();
    let mut seen = BTreeSet::new();
    for &(text_id, keyed) in texts {
        for k in keyed {
            if seen.insert((k.heading_key.as_str(), k.draft.label.as_deref(), k.action_key.as_str())) {
                drafts.push(Drafted {
                    text_id,
                    revision: revision.to_owned(),
                    draft: k.draft.clone(),
                    heading_key: k.heading_key.clone(),
                    action_key: k.action_key.clone(),
                });
            }
        }
    }
    drafts
}

/// Lower case, single spaces, no trailing punctuation: wording, not typography.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if text.is_ascii() {
        // The common case: each word copied, then lowercased in place. Vertical tab (Word's line break) is white
        // space to `split_whitespace` but not to `is_ascii_whitespace`.
        for word in text.split(|c: char| c.is_ascii_whitespace() || c == '\u{b}').filter(|w| !w.is_empty()) {
            if !out.is_empty() {
                out.push(' ');
            }
            let start = out.len();
            out.push_str(word);
            out[start..].make_ascii_lowercase();
        }
    } else {
        for word in text.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&word.to_lowercase());
        }
    }
    let kept = out.trim_end_matches([';', ',', '.', ':']).len();
    out.truncate(kept);
    out
}

/// Pair each draft with an existing mandate: first the same wording under the same heading, then the same
/// label under the same heading (reworded); the rest are new.
fn match_drafts(drafts: &[Drafted], existing: &[Existing]) -> Vec<Match> {
    if existing.is_empty() {
        return vec![Match::New; drafts.len()];
    }
    let mut taken = vec![false; existing.len()];
    let mut matches: Vec<Option<Match>> = drafts.iter().map(|_| None).collect();
    let existing_keys: Vec<(String, String)> =
        existing.iter().map(|e| (normalise(e.heading.as_deref().unwrap_or("")), normalise(&e.action))).collect();
    for (d, drafted) in drafts.iter().enumerate() {
        if let Some(e) = (0..existing.len()).find(|&e| {
            !taken[e] && existing_keys[e].0 == drafted.heading_key && existing_keys[e].1 == drafted.action_key
        }) {
            taken[e] = true;
            matches[d] = Some(Match::Same(e));
        }
    }
    for (d, drafted) in drafts.iter().enumerate() {
        if matches[d].is_some() || drafted.draft.label.is_none() {
            continue;
        }
        if let Some(e) = (0..existing.len()).find(|&e| {
            !taken[e] && existing_keys[e].0 == drafted.heading_key && existing[e].label == drafted.draft.label
        }) {
            taken[e] = true;
            matches[d] = Some(Match::Reworded(e));
        }
    }
    matches.into_iter().map(|m| m.unwrap_or(Match::New)).collect()
}

/// Rewrite the derived columns of a kept mandate from its (possibly better) source; tracking is untouched.
async fn refresh(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
    drafted: &Drafted,
    id: i64,
    place: ListPlace<'_>,
) -> Result<()> {
    let d = &drafted.draft;
    unindex(tx, backend, id).await?;
    sqlx::query(
        "UPDATE mandates SET text_id = $1, ordinal = $2, heading = $3, verb = $4, label = $5, action = $6, \
         addressees = $7, partners = $8, cadence = $9, report_to = $10, deadline = $11, deadline_year = $12, \
         sectors = $13, span_start = $14, span_end = $15, also_report_to = $16 WHERE id = $17",
    )
    .bind(drafted.text_id)
    .bind(place.ordinal)
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
    insert_rows(tx, "mandate_addressees", ADDRESSEE_COLUMNS, &addressee_rows(id, d, place)).await?;
    index_for_search(tx, backend, id, id).await
}

/// Insert new mandates with their addressees, first history entries and search entries; with `carried`, a
/// mandate takes over the tracking of an earlier revision's mandate.
async fn insert_mandates(
    tx: &mut Transaction<'static, Any>,
    cx: &Context<'_>,
    inserts: &[NewMandate<'_>],
    ids: &[i64],
) -> Result<()> {
    let mut mandates = Vec::with_capacity(inserts.len());
    let mut addressees = Vec::new();
    let mut history = Vec::with_capacity(inserts.len());
    for (new, &id) in inserts.iter().zip(ids) {
        let d = &new.drafted.draft;
        let (status, progress, owner, needs_review, carried_from) = match new.carried {
            // A review still pending on the old mandate stays pending.
            Some((old, reworded)) => {
                (old.status.clone(), old.progress, old.owner.clone(), reworded || old.needs_review, Some(old.id))
            }
            None => (Status::NotStarted.as_str().to_owned(), 0, None, false, None),
        };
        mandates.push(vec![
            id.into(),
            new.place.instrument_id.into(),
            new.drafted.text_id.into(),
            new.drafted.revision.clone().into(),
            1.into(),
            new.place.ordinal.into(),
            d.heading.clone().into(),
            d.verb.clone().into(),
            d.label.clone().into(),
            d.action.clone().into(),
            d.addressees.join("; ").into(),
            d.partners.join("; ").into(),
            d.reporting.cadence.as_ref().map(serde_plain_name).into(),
            d.reporting.report_to.clone().into(),
            d.reporting.also_report_to.join("; ").into(),
            d.reporting.deadline.as_ref().map(|x| x.text.clone()).into(),
            d.reporting.deadline.as_ref().and_then(|x| x.year).map(i64::from).into(),
            d.sectors.bits().into(),
            (d.start as i64).into(),
            (d.end as i64).into(),
            status.into(),
            progress.into(),
            owner.into(),
            i64::from(needs_review).into(),
            carried_from.into(),
            1.into(),
            cx.at.into(),
            cx.by.into(),
        ]);
        addressees.extend(addressee_rows(id, d, new.place));
        let revision = &new.drafted.revision;
        let created = if revision.is_empty() { "registered".to_owned() } else { format!("registered ({revision})") };
        history.push(history_row(id, 1, cx, "created", None, Some(created)));
        if let Some((old, reworded)) = new.carried {
            let note =
                if reworded { "tracking carried over; the wording changed: review" } else { "tracking carried over" };
            history.push(history_row(id, 1, cx, "carried_from", Some(old.id.to_string()), Some(note.to_owned())));
        }
    }
    insert_rows(tx, "mandates", MANDATE_INSERT_COLUMNS, &mandates).await?;
    insert_rows(tx, "mandate_addressees", ADDRESSEE_COLUMNS, &addressees).await?;
    insert_rows(tx, "history", HISTORY_COLUMNS, &history).await?;
    if let (Some(first), Some(last)) = (ids.iter().min(), ids.iter().max()) {
        index_for_search(tx, cx.backend, *first, *last).await?;
    }
    Ok(())
}

fn history_row(
    id: i64,
    version: i64,
    cx: &Context<'_>,
    field: &str,
    old: Option<String>,
    new: Option<String>,
) -> Vec<Value> {
    vec![id.into(), version.into(), cx.at.into(), cx.by.into(), field.into(), old.into(), new.into()]
}

const ADDRESSEE_COLUMNS: &[&str] = &["mandate_id", "addressee", "instrument_id", "sort_key", "ordinal"];

/// The names a mandate is found by: its addressees and partners, lower case, each once, with the mandate's
/// place in lists.
fn addressee_rows(id: i64, d: &MandateDraft, place: ListPlace<'_>) -> Vec<Vec<Value>> {
    let names: BTreeSet<String> = d.addressees.iter().chain(&d.partners).map(|n| n.to_lowercase()).collect();
    names
        .into_iter()
        .map(|name| {
            vec![id.into(), name.into(), place.instrument_id.into(), place.sort_key.into(), place.ordinal.into()]
        })
        .collect()
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
    unindex(tx, cx.backend, old.id).await?;
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
            let by = format!("by mandate {new_id}");
            record(tx, old.id, version, cx.at, cx.by, "superseded", Some(&old_status.to_string()), Some(&by)).await
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

    #[test]
    fn a_stored_document_reads_back_as_the_document_without_its_instruments() {
        let text =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/tsag-td-pp22-highlights.txt")).unwrap();
        let mut document = mandates_core::parse("seed.txt", &text, &Default::default()).unwrap();
        let stored = serde_json::to_string(&StoredDocument::of(&document)).unwrap();
        let read: Document = serde_json::from_str(&stored).unwrap();
        document.instruments.clear();
        document.text = Default::default();
        assert_eq!(read, document);
    }

    #[test]
    fn wording_is_compared_without_case_spacing_or_final_punctuation() {
        assert_eq!(normalise("  To report  ANNUALLY\tto the\nCouncil;"), "to report annually to the council");
        assert_eq!(normalise("Élaborer un RAPPORT annuel."), "élaborer un rapport annuel");
        // A word in capitals ends with the final sigma, as `str::to_lowercase` writes it.
        assert_eq!(normalise("ΟΔΟΣ ΚΑΙ"), "οδος και");
        assert_eq!(normalise(" ;"), "");
        // Word's manual line break, a vertical tab, separates words in both the ASCII and the other path.
        assert_eq!(normalise("report\u{b}to Council"), "report to council");
        assert_eq!(normalise("Élaborer\u{b}un rapport"), "élaborer un rapport");
    }

    #[test]
    fn instruments_sort_by_number_as_a_number() {
        let key = |number: &str| {
            Identity { kind: "resolution".into(), body: "PP".into(), committee: String::new(), number: number.into() }
                .sort_key()
        };
        assert!(key("9") < key("10"));
        assert!(key("10") < key("10bis"));
        assert!(key("70/1") < key("71"));
        assert_eq!(key("130"), "PP resolution  0000000130");
    }
}
