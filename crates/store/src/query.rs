//! Reading the registry: mandates with filters, one mandate in full, instruments, full-text search.

use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::records::{
    Comment, Evidence, InstrumentDetail, InstrumentRecord, MandateDetail, MandateRecord, TextRecord, Totals,
    instrument_name, split_list,
};
use crate::sql::{Arg, Cells, Sql};
use crate::tracking::Status;
use crate::{Backend, Result, Store, StoreError};
use mandates_core::mandate::Sectors;

/// Which mandates to list. Empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct MandateFilter {
    /// The body whose instrument it is: "PP", "WTSA", "Council".
    pub body: Option<String>,
    /// A conference as "PP-22", "WTSA-16": the body, and the year of the text's revision (or, for a text cited
    /// without one, of the conference its document is about).
    pub conference: Option<String>,
    /// "130", "Resolution 130", "PP Resolution 130", "Decision 5", "COM5 Recommendation 2".
    pub instrument: Option<String>,
    /// One instrument by its number in the registry.
    pub instrument_id: Option<i64>,
    /// A canonical addressee ("Director TSB"), case-insensitive; partners count too.
    pub addressee: Option<String>,
    /// "T", "ITU-T", "R", "D".
    pub sector: Option<String>,
    pub status: Option<Status>,
    /// Case-insensitive, exact.
    pub owner: Option<String>,
    /// Mandates with a deadline in this year or before.
    pub due_by_year: Option<i64>,
    /// Also list mandates that are no longer current (superseded, removed from the text).
    pub include_superseded: bool,
    pub limit: Option<i64>,
    /// Skip this many (with `limit`: one page of a long list).
    pub offset: Option<i64>,
}

/// A stored text of an instrument, ready to show.
#[derive(Debug, Clone)]
pub struct InstrumentText {
    pub instrument: mandates_core::model::Instrument,
    /// Its document: the spans of the model and of the references are positions in that document's text.
    pub document_id: i64,
    /// The citations inside the instrument's span, in order.
    pub references: Vec<mandates_core::model::Reference>,
}

/// A search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub mandate: MandateRecord,
    /// The action with the matching words between « and ».
    pub snippet: String,
    /// Higher is better.
    pub score: f64,
}

/// Mandates a filter may leave to be found through the mandates' indexes and sorted (see `Store::mandates`).
const FEW: i64 = 2000;

/// Which conditions of a filter few mandates pass (see `Store::mandates`).
#[derive(Debug, Default, Clone, Copy)]
struct Few {
    indexed: bool,
    conference: bool,
}

impl Few {
    fn any(self) -> bool {
        self.indexed || self.conference
    }
}

/// Add the conditions of `filter` that the mandates' own indexes answer; whether there were any.
fn indexed_conditions(sql: &mut Sql, filter: &MandateFilter) -> bool {
    if let Some(status) = filter.status {
        sql.push(" AND m.status = ").bind(Arg::Text(status.as_str().into()));
    }
    // `IS NOT NULL` lets SQLite use the partial indexes of migration 0003.
    if let Some(owner) = &filter.owner {
        sql.push(" AND m.owner IS NOT NULL AND lower(m.owner) = ").bind(Arg::Text(owner.trim().to_lowercase()));
    }
    if let Some(year) = filter.due_by_year {
        sql.push(" AND m.deadline_year IS NOT NULL AND m.deadline_year <= ").bind(Arg::Int(year));
    }
    filter.status.is_some() || filter.owner.is_some() || filter.due_by_year.is_some()
}

/// How many matches a search ranks: the latest mandates (by id, so the latest ingested). A search stays within
/// its time whatever the size of the registry; a phrase found in a third of 40,000 resolutions ("developing
/// countries") is ranked among its latest thousand uses, and a rarer one among all of them.
pub const SEARCH_WINDOW: i64 = 1000;

/// How many ids a PostgreSQL search looks through first, from the newest. A phrase in a quarter of all mandates
/// ("developing countries" at 40,000 resolutions) has about [`SEARCH_WINDOW`] matches there; a rarer one reads
/// further, as far as the matches in these say it must.
const FIRST_SEARCH_SPAN: i64 = 4 * SEARCH_WINDOW;

/// How many ids a PostgreSQL search looks through next, after `found` matches in the `span` ids before, to find
/// the `wanted` matches it still lacks: as many as the matches so far say it needs, a quarter more to be safe,
/// at most sixteen times the ids before (sixteen times when none matched). Each range's matches are all read
/// and ranked before the newest are kept, so a range much wider than needed costs as much as a short one read
/// twice.
fn next_search_span(span: i64, found: i64, wanted: i64) -> i64 {
    let widest = span.saturating_mul(16);
    if found == 0 {
        return widest;
    }
    let needed = wanted.saturating_mul(span) / found;
    needed.saturating_add(needed / 4).min(widest).max(SEARCH_WINDOW)
}

/// Where the range of ids a PostgreSQL search reads next begins (above, not at) to end at a partition's first id
/// or hold all the ids up to `floor`: partitions of `width` ids hold ids `k * width + 1 ..= (k + 1) * width`
/// (migration 0008). A range that ends inside a partition would read the whole partition's matches from its
/// index and throw away those outside it: the ids have no index that could narrow them down (see the
/// migration).
fn partition_floor(floor: i64, width: i64) -> i64 {
    if floor <= 0 || width <= 0 { 0 } else { floor / width * width }
}

/// The items of a one-dimensional PostgreSQL array of numbers written as text (`{1,2,3}`; none for NULL, the
/// `array_agg` of no rows).
fn array_items<T: std::str::FromStr>(array: Option<String>) -> Result<Vec<T>> {
    let Some(array) = array else { return Ok(Vec::new()) };
    let inner = array.strip_prefix('{').and_then(|a| a.strip_suffix('}'));
    let bad = || StoreError::Corrupt(format!("the database gave {array:?} for a list of numbers"));
    match inner.ok_or_else(bad)? {
        "" => Ok(Vec::new()),
        items => items.split(',').map(|item| item.parse().map_err(|_| bad())).collect(),
    }
}

/// The columns [`mandate_from_row`] reads, in its order.
const MANDATE_COLUMNS: &str = "m.id, m.instrument_id, i.kind, i.body, i.committee, i.number, m.revision, \
    m.is_current, m.heading, m.verb, m.label, m.action, m.addressees, m.partners, m.cadence, m.report_to, \
    m.also_report_to, m.deadline, m.deadline_year, m.sectors, m.status, m.progress, m.owner, m.needs_review, m.carried_from, \
    m.superseded_by, m.version, m.updated_at, m.updated_by";

impl Store {
    /// Mandates matching `filter`, by instrument and order in the text.
    pub async fn mandates(&self, filter: &MandateFilter) -> Result<Vec<MandateRecord>> {
        // Usually instruments drive the join (CROSS JOIN fixes the order for SQLite), in the order of their sort
        // key index, so that a limited list stops early instead of sorting every match; the instrument id breaks
        // ties of the sort key, so that both indexes give the whole order and nothing is sorted. An addressee's
        // mandates are read the same way from the index on names, whose rows carry their mandate's place in
        // that order. But a filter that few mandates pass ("in progress", an owner) would then read every
        // mandate to find none: those few are found through the mandates' own indexes (or a conference's texts)
        // and sorted. PostgreSQL's planner makes that choice, except for a conference none of whose texts are in
        // the registry: a first query on both backends answers that at once.
        let conference_mandates = self.conference_mandates(filter).await?;
        if conference_mandates == Some(0) {
            return Ok(Vec::new());
        }
        let few = match self.backend {
            Backend::Sqlite => self.few_pass(filter, conference_mandates).await?,
            Backend::Postgres => Few::default(),
        };
        let mut sql = Sql::default();
        let by_addressee = filter.addressee.is_some() && !few.any();
        let join = if few.conference {
            // The conference's texts (one range of the index on body and year), then their instruments and mandates.
            "texts t CROSS JOIN instruments i CROSS JOIN mandates m"
        } else if few.any() {
            "mandates m CROSS JOIN instruments i"
        } else if by_addressee {
            "mandate_addressees a CROSS JOIN mandates m CROSS JOIN instruments i"
        } else {
            "instruments i CROSS JOIN mandates m"
        };
        sql.push(&format!("SELECT {MANDATE_COLUMNS} FROM {join}"));
        if filter.conference.is_some() && !few.conference {
            sql.push(" JOIN texts t ON t.id = m.text_id");
        }
        sql.push(" WHERE m.instrument_id = i.id");
        if few.conference {
            sql.push(" AND i.id = t.instrument_id AND m.text_id = t.id");
        }
        if let Some(addressee) = filter.addressee.as_ref().filter(|_| by_addressee) {
            sql.push(" AND m.id = a.mandate_id AND lower(a.addressee) = ")
                .bind(Arg::Text(addressee.trim().to_lowercase()));
        }
        if !filter.include_superseded {
            sql.push(" AND m.is_current = 1");
        }
        let mut bodies = Vec::new();
        if let Some(body) = &filter.body {
            bodies.push(body.trim().to_owned());
        }
        if let Some(conference) = &filter.conference {
            let (body, year) = parse_conference(conference)?;
            sql.push(" AND t.conference_year = ")
                .bind(Arg::Int(year))
                .push(" AND t.body = ")
                .bind(Arg::Text(body.clone()));
            bodies.push(body);
        }
        for body in &bodies {
            sql.push(" AND i.body = ").bind(Arg::Text(body.clone()));
        }
        if let Some(body) = bodies.first() {
            // The sort key starts with the body and a space: the body's instruments are one range of its index
            // (ordered by bytes on PostgreSQL too: migrations 0005 and 0009), and so are an addressee's mandates.
            let sort_key = if by_addressee { "a.sort_key" } else { "i.sort_key" };
            sql.push(&format!(" AND {sort_key} > "))
                .bind(Arg::Text(format!("{body} ")))
                .push(&format!(" AND {sort_key} < "))
                .bind(Arg::Text(format!("{body}!")));
        }
        if let Some(instrument) = &filter.instrument {
            let wanted = parse_instrument(instrument)?;
            sql.push(" AND i.number = ").bind(Arg::Text(wanted.number));
            if let Some(kind) = wanted.kind {
                sql.push(" AND i.kind = ").bind(Arg::Text(kind.into()));
            }
            if let Some(prefix) = wanted.body_or_committee {
                sql.push(" AND (i.body = ")
                    .bind(Arg::Text(prefix.clone()))
                    .push(" OR i.committee = ")
                    .bind(Arg::Text(prefix))
                    .push(")");
            }
        }
        if let Some(id) = filter.instrument_id {
            sql.push(" AND i.id = ").bind(Arg::Int(id));
        }
        if let Some(addressee) = filter.addressee.as_ref().filter(|_| !by_addressee) {
            sql.push(
                " AND EXISTS (SELECT 1 FROM mandate_addressees a WHERE a.mandate_id = m.id AND lower(a.addressee) = ",
            )
            .bind(Arg::Text(addressee.trim().to_lowercase()))
            .push(")");
        }
        if let Some(sector) = &filter.sector {
            let bits = parse_sector(sector)?.bits();
            sql.push(" AND (m.sectors & ").bind(Arg::Int(bits)).push(") <> 0");
        }
        indexed_conditions(&mut sql, filter);
        sql.push(if by_addressee {
            " ORDER BY a.sort_key, a.instrument_id, a.ordinal, a.mandate_id"
        } else {
            " ORDER BY i.sort_key, i.id, m.ordinal, m.id"
        });
        if let Some(limit) = filter.limit {
            sql.push(" LIMIT ").bind(Arg::Int(limit));
            if let Some(offset) = filter.offset {
                sql.push(" OFFSET ").bind(Arg::Int(offset.max(0)));
            }
        }
        self.fetch_all(sql, mandate_from_row).await
    }

    /// How many mandates (up to `FEW + 1`) the texts of the filter's conference hold, through the index on the
    /// texts' body and year: none means an empty list at once, whatever the rest of the filter. PostgreSQL only
    /// needs to know whether there are any (its planner chooses the join): counting 2,001 of PP-22's mandates
    /// took it 3-6 ms of a 7.5 ms list. (Its planner knows which bodies met in which years from the
    /// statistics of migration 0010: without them it read every text to find none of WRC-22.)
    async fn conference_mandates(&self, filter: &MandateFilter) -> Result<Option<i64>> {
        let Some(conference) = &filter.conference else { return Ok(None) };
        let (body, year) = parse_conference(conference)?;
        let mut sql = Sql::new("SELECT count(*) FROM (SELECT 1 FROM texts t CROSS JOIN mandates m WHERE t.body = ");
        sql.bind(Arg::Text(body)).push(" AND t.conference_year = ").bind(Arg::Int(year)).push(" AND m.text_id = t.id");
        if !filter.include_superseded {
            sql.push(" AND m.is_current = 1");
        }
        let enough = match self.backend {
            Backend::Sqlite => FEW + 1,
            Backend::Postgres => 1,
        };
        sql.push(&format!(" LIMIT {enough}) x"));
        Ok(Some(self.fetch_optional(sql, |r| r.int(0)).await?.unwrap_or(0)))
    }

    /// Which conditions of `filter` that indexes answer at most [`FEW`] mandates pass: the conference (counted
    /// from its texts, [`Store::conference_mandates`]) and the status, owner and deadline (counted together on
    /// the mandates). Each count stops at `FEW + 1`.
    async fn few_pass(&self, filter: &MandateFilter, conference_mandates: Option<i64>) -> Result<Few> {
        let mut few = Few::default();
        if conference_mandates.is_some_and(|n| n <= FEW) {
            few.conference = true;
            return Ok(few);
        }
        let mut sql = Sql::new("SELECT count(*) FROM (SELECT 1 FROM mandates m WHERE m.is_current = 1");
        if indexed_conditions(&mut sql, filter) {
            sql.push(&format!(" LIMIT {})", FEW + 1));
            few.indexed = self.fetch_optional(sql, |r| r.int(0)).await?.unwrap_or(0) <= FEW;
        }
        Ok(few)
    }

    /// One mandate, or none.
    pub async fn mandate_record(&self, id: i64) -> Result<Option<MandateRecord>> {
        let sql = Sql::new(&format!(
            "SELECT {MANDATE_COLUMNS} FROM mandates m JOIN instruments i ON i.id = m.instrument_id WHERE m.id = $1"
        ));
        self.fetch_optional(sql.arg(Arg::Int(id)), mandate_from_row).await
    }

    /// One mandate with its source, evidence, comments and history.
    pub async fn mandate(&self, id: i64) -> Result<MandateDetail> {
        let mandate = self.mandate_record(id).await?.ok_or(StoreError::NoSuchMandate(id))?;
        let source = sqlx::query(
            "SELECT t.citation, d.name FROM mandates m JOIN texts t ON t.id = m.text_id \
             JOIN documents d ON d.id = t.document_id WHERE m.id = $1",
        )
        .bind(id)
        .fetch_one(&self.pool)
        .await?;
        let evidence =
            sqlx::query("SELECT reference, added_at, added_by FROM evidence WHERE mandate_id = $1 ORDER BY id")
                .bind(id)
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|r| Ok(Evidence { reference: r.try_get(0)?, added_at: r.try_get(1)?, added_by: r.try_get(2)? }))
                .collect::<Result<_>>()?;
        let comments = sqlx::query("SELECT body, added_at, added_by FROM comments WHERE mandate_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| Ok(Comment { body: r.try_get(0)?, added_at: r.try_get(1)?, added_by: r.try_get(2)? }))
            .collect::<Result<_>>()?;
        Ok(MandateDetail {
            mandate,
            citation: source.try_get(0)?,
            document: source.try_get(1)?,
            evidence,
            comments,
            history: self.history(id).await?,
        })
    }

    /// Every instrument, with its lineage and the progress of its current mandates.
    pub async fn instruments(&self) -> Result<Vec<InstrumentRecord>> {
        self.instruments_where(None).await
    }

    /// One instrument with its lineage, progress and every text of it the registry holds.
    pub async fn instrument(&self, id: i64) -> Result<Option<InstrumentDetail>> {
        let Some(instrument) = self.instruments_where(Some(id)).await?.pop() else {
            return Ok(None);
        };
        let sql = Sql::new(
            "SELECT t.id, t.document_id, d.name, d.is_current, t.revision, t.citation, t.is_full, t.status, \
             t.section, t.title FROM texts t JOIN documents d ON d.id = t.document_id \
             WHERE t.instrument_id = $1 ORDER BY t.revision_year, t.id",
        );
        let texts = self
            .fetch_all(sql.arg(Arg::Int(id)), |r| {
                Ok(TextRecord {
                    id: r.int(0)?,
                    document_id: r.int(1)?,
                    document: r.text(2)?,
                    current: r.flag(3)?,
                    revision: r.text(4)?,
                    citation: r.text(5)?,
                    full: r.flag(6)?,
                    status: r.opt_text(7)?,
                    section: r.opt_text(8)?,
                    title: r.opt_text(9)?,
                })
            })
            .await?;
        Ok(Some(InstrumentDetail { instrument, texts }))
    }

    /// The instrument a citation names ("resolution", "PP", "130"), when the registry holds it. Kind and body are
    /// matched regardless of case; committee recommendations are not cited this way.
    pub async fn find_instrument(&self, kind: &str, body: &str, number: &str) -> Result<Option<i64>> {
        let row = sqlx::query(
            "SELECT id FROM instruments WHERE number = $1 AND lower(kind) = $2 AND lower(body) = $3 AND committee = ''",
        )
        .bind(number.trim())
        .bind(kind.trim().to_lowercase())
        .bind(body.trim().to_lowercase())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok(r.try_get(0)?)).transpose()
    }

    /// A stored text of an instrument as it was parsed, with the citations found inside it. (The spans of both
    /// are positions in the text of the document, which [`Store::document`] reads.)
    pub async fn text(&self, id: i64) -> Result<InstrumentText> {
        let sql = Sql::new(
            "SELECT t.model, t.document_id, d.model FROM texts t JOIN documents d ON d.id = t.document_id WHERE t.id = $1",
        );
        // Read where the row is (on SQLite, inside the permit of a reader), so that only what is kept leaves.
        let read = self.fetch_optional(sql.arg(Arg::Int(id)), read_text).await?;
        read.ok_or_else(|| StoreError::Invalid(format!("there is no text {id}")))?
            .map_err(|e| StoreError::Corrupt(format!("text {id} cannot be read back: {e}")))
    }

    async fn instruments_where(&self, id: Option<i64>) -> Result<Vec<InstrumentRecord>> {
        let only = if id.is_some() { " WHERE i.id = $1" } else { "" };
        let mut sql = Sql::new(&format!(
            "SELECT i.id, i.kind, i.body, i.committee, i.number, i.title, i.abrogated, \
             (SELECT count(*) FROM mandates m WHERE m.instrument_id = i.id AND m.is_current = 1) AS mandates, \
             (SELECT CAST(round(avg(m.progress)) AS BIGINT) FROM mandates m WHERE m.instrument_id = i.id \
                AND m.is_current = 1 AND m.status NOT IN ('superseded', 'not_applicable')) AS progress \
             FROM instruments i{only} ORDER BY i.sort_key"
        ));
        let mut lineage_sql = Sql::new(&format!(
            "SELECT DISTINCT t.instrument_id, t.revision, t.revision_year FROM texts t \
             WHERE t.revision <> ''{} ORDER BY t.instrument_id, t.revision_year, t.revision",
            if id.is_some() { " AND t.instrument_id = $1" } else { "" }
        ));
        if let Some(id) = id {
            sql = sql.arg(Arg::Int(id));
            lineage_sql = lineage_sql.arg(Arg::Int(id));
        }
        let records = self.fetch_all(sql, instrument_from_row).await?;
        let lineage = self.fetch_all(lineage_sql, |r| Ok((r.int(0)?, r.text(1)?))).await?;
        let mut revisions: std::collections::HashMap<i64, Vec<String>> = std::collections::HashMap::new();
        for (instrument, revision) in lineage {
            revisions.entry(instrument).or_default().push(revision);
        }
        Ok(records
            .into_iter()
            .map(|mut record| {
                record.revisions = revisions.remove(&record.id).unwrap_or_default();
                record.revision = record.revisions.last().cloned().unwrap_or_default();
                record
            })
            .collect())
    }

    /// Current mandates whose action, heading or instrument match `text`, best first: the newest
    /// [`SEARCH_WINDOW`] matches, ranked (all of them when there are fewer).
    pub async fn search(&self, text: &str, limit: i64) -> Result<Vec<SearchHit>> {
        let text = text.trim();
        if text.is_empty() {
            return Err(StoreError::Invalid("nothing to search for".into()));
        }
        if self.backend == Backend::Sqlite && fts5_query(text).is_empty() {
            return Err(StoreError::Invalid("nothing to search for: give at least one word".into()));
        }
        // Rank the newest matches on the index alone; snippets and rows only for the best few.
        match self.backend {
            Backend::Sqlite => {
                // `relevance` (see `rank`) is on the fast read connections of an SQLite file; an in-memory registry,
                // read through sqlx, is small enough for FTS5's own bm25.
                let rank = if self.sqlite_reads.is_some() {
                    "relevance(mandate_search, 4.0, 1.0, 1.0)"
                } else {
                    "-bm25(mandate_search, 4.0, 1.0, 1.0)"
                };
                let query = fts5_query(text);
                // `best`: the newest matches, ranked. The outer query then reads only the part of the index from
                // the lowest of them up (`rowid >=`): asked for the rows one by one (`rowid IN`), FTS5 would
                // open the whole index for each (~0.7 ms a row at 40k), for the snippets.
                let mut sql = Sql::new(&format!(
                    "WITH best AS (SELECT rowid AS id FROM (SELECT rowid, {rank} AS score FROM mandate_search \
                     WHERE mandate_search MATCH "
                ));
                sql.bind(Arg::Text(query.clone()))
                    .push(&format!(" ORDER BY rowid DESC LIMIT {SEARCH_WINDOW}) ORDER BY score DESC, rowid LIMIT "))
                    .bind(Arg::Int(limit))
                    .push(&format!(
                        ") SELECT {MANDATE_COLUMNS}, snippet(mandate_search, 0, '«', '»', '…', 16) AS snippet, \
                         {rank} AS score FROM mandate_search JOIN mandates m ON m.id = mandate_search.rowid \
                         JOIN instruments i ON i.id = m.instrument_id WHERE mandate_search MATCH "
                    ))
                    .bind(Arg::Text(query))
                    .push(
                        " AND mandate_search.rowid >= (SELECT min(id) FROM best) \
                         AND +mandate_search.rowid IN (SELECT id FROM best) ORDER BY score DESC, m.id",
                    );
                self.fetch_all(sql, search_hit).await
            }
            Backend::Postgres => {
                let (mut best, lexemes) = self.newest_matches_postgres(text).await?;
                best.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                best.truncate(usize::try_from(limit).unwrap_or(0));
                // Array literals: the Any driver binds no arrays.
                let list = |values: Vec<String>| format!("{{{}}}", values.join(","));
                let ids = list(best.iter().map(|(id, _)| id.to_string()).collect());
                let scores = list(best.iter().map(|(_, score)| score.to_string()).collect());
                let sql = Sql::new(&format!(
                    "SELECT {MANDATE_COLUMNS}, '' AS snippet, best.score \
                     FROM unnest(CAST($1 AS BIGINT[]), CAST($2 AS DOUBLE PRECISION[])) AS best (id, score) \
                     JOIN mandates m ON m.id = best.id JOIN instruments i ON i.id = m.instrument_id \
                     ORDER BY best.score DESC, m.id"
                ));
                let mut hits = self.fetch_all(sql.arg(Arg::Text(ids)).arg(Arg::Text(scores)), search_hit).await?;
                for hit in &mut hits {
                    hit.snippet = crate::snippet::snippet(&hit.mandate.action, &lexemes);
                }
                Ok(hits)
            }
        }
    }

    /// The newest [`SEARCH_WINDOW`] mandates that match `text` on PostgreSQL, with their rank, and the words the
    /// server looks for (the lexemes of the query), for the snippets. The matches are looked for in ranges of
    /// ids, from the newest down, each about as wide as the matches so far say it must be ([`next_search_span`])
    /// and made of whole partitions of the search index ([`partition_floor`]), until there are enough. A range
    /// reads the GIN lists of its own partitions only: one index of every mandate made a search read the whole
    /// lists of its words, 60,000 mandates for "smart sustainable cities" at 40,000 resolutions, to keep a
    /// thousand.
    async fn newest_matches_postgres(&self, text: &str) -> Result<(Vec<(i64, f64)>, Vec<String>)> {
        // The newest mandate, current or not: one look at the mandates' primary key.
        let row = sqlx::query(
            "SELECT max(id), CAST(websearch_to_tsquery('english', $1) AS TEXT), \
               (SELECT width FROM search_partitions WHERE id = 1) FROM mandates",
        )
        .bind(text)
        .fetch_one(&self.pool)
        .await?;
        let lexemes = crate::snippet::query_lexemes(&row.try_get::<String, _>(1)?);
        let width: i64 = row.try_get(2)?;
        let Some(mut up_to) = row.try_get::<Option<i64>, _>(0)? else { return Ok((Vec::new(), lexemes)) };
        let mut span = FIRST_SEARCH_SPAN;
        let mut matches: Vec<(i64, f64)> = Vec::new();
        while up_to > 0 {
            let above = partition_floor(up_to.saturating_sub(span), width);
            let wanted = SEARCH_WINDOW - matches.len() as i64;
            // The matches as two arrays in one row: the Any driver takes a few microseconds for each row.
            let row = sqlx::query(
                "SELECT CAST(array_agg(id ORDER BY id DESC) AS TEXT), CAST(array_agg(score ORDER BY id DESC) AS TEXT) \
                 FROM (SELECT s.mandate_id AS id, \
                         CAST(ts_rank(s.document, websearch_to_tsquery('english', $1)) AS DOUBLE PRECISION) AS score \
                       FROM mandate_search s \
                       WHERE s.document @@ websearch_to_tsquery('english', $1) \
                         AND s.mandate_id >= $2 AND s.mandate_id <= $3 \
                       ORDER BY s.mandate_id DESC LIMIT $4) x",
            )
            .bind(text)
            .bind(above + 1) // `>=`: PostgreSQL then leaves out the partition that ends at `above`.
            .bind(up_to)
            .bind(wanted)
            .fetch_one(&self.pool)
            .await?;
            let ids = array_items::<i64>(row.try_get(0)?)?;
            let scores = array_items::<f64>(row.try_get(1)?)?;
            let found = ids.len() as i64;
            matches.extend(ids.into_iter().zip(scores));
            if matches.len() as i64 == SEARCH_WINDOW || above == 0 {
                break;
            }
            span = next_search_span(up_to - above, found, wanted - found);
            up_to = above;
        }
        Ok((matches, lexemes))
    }

    /// The ids of the current documents (the latest version of each), in the order they were ingested.
    pub async fn current_documents(&self) -> Result<Vec<i64>> {
        let rows =
            sqlx::query("SELECT id FROM documents WHERE is_current = 1 ORDER BY id").fetch_all(&self.pool).await?;
        rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
    }

    /// A stored document as it was parsed: its model, its text and its instruments.
    pub async fn document(&self, id: i64) -> Result<mandates_core::Document> {
        let row = sqlx::query("SELECT model, text FROM documents WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::Invalid(format!("there is no document {id}")))?;
        let corrupt = |e: serde_json::Error| StoreError::Corrupt(format!("document {id} cannot be read back: {e}"));
        let mut document: mandates_core::Document =
            serde_json::from_str(&row.try_get::<String, _>(0)?).map_err(corrupt)?;
        document.text = row.try_get::<String, _>(1)?.into();
        for text in sqlx::query("SELECT model FROM texts WHERE document_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(&self.pool)
            .await?
        {
            document.instruments.push(serde_json::from_str(&text.try_get::<String, _>(0)?).map_err(corrupt)?);
        }
        Ok(document)
    }

    /// How many documents (current versions), instruments and current mandates the registry holds.
    pub async fn totals(&self) -> Result<Totals> {
        let sql = Sql::new(
            "SELECT (SELECT count(*) FROM documents WHERE is_current = 1), (SELECT count(*) FROM instruments), \
             (SELECT count(*) FROM mandates WHERE is_current = 1)",
        );
        let totals = self
            .fetch_optional(sql, |r| Ok(Totals { documents: r.int(0)?, instruments: r.int(1)?, mandates: r.int(2)? }))
            .await?;
        totals.ok_or_else(|| StoreError::Corrupt("the registry's counts cannot be read".into()))
    }
}

/// A text's model and, of its document's model, the citations inside the text's span. Only those citations are
/// kept while the document's model is read (often a hundred other instruments and thousands of citations, a
/// megabyte of JSON); the rest is skipped.
fn read_text(r: &dyn Cells) -> Result<Result<InstrumentText, serde_json::Error>> {
    let instrument: mandates_core::model::Instrument = match serde_json::from_str(r.text_ref(0)?) {
        Ok(instrument) => instrument,
        Err(e) => return Ok(Err(e)),
    };
    let span = CitationsIn { start: instrument.start, end: instrument.end };
    let document = r.text_ref(2)?;
    let references =
        match serde::de::DeserializeSeed::deserialize(span, &mut serde_json::Deserializer::from_str(document)) {
            Ok(references) => references,
            Err(e) => return Ok(Err(e)),
        };
    Ok(Ok(InstrumentText { instrument, document_id: r.int(1)?, references }))
}

/// Reads a document's model for its citations between `start` and `end`, skipping everything else.
#[derive(Clone, Copy)]
struct CitationsIn {
    start: usize,
    end: usize,
}

impl<'de> serde::de::DeserializeSeed<'de> for CitationsIn {
    type Value = Vec<mandates_core::model::Reference>;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        /// The document: its `references` field, through [`InSpan`].
        struct Document(CitationsIn);
        /// The list of citations, one at a time.
        struct InSpan(CitationsIn);

        impl<'de> serde::de::Visitor<'de> for Document {
            type Value = Vec<mandates_core::model::Reference>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a document's model")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut found = Vec::new();
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if key == "references" {
                        found = map.next_value_seed(InSpan(self.0))?;
                    } else {
                        map.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
                Ok(found)
            }
        }
        impl<'de> serde::de::DeserializeSeed<'de> for InSpan {
            type Value = Vec<mandates_core::model::Reference>;
            fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
                deserializer.deserialize_seq(self)
            }
        }
        impl<'de> serde::de::Visitor<'de> for InSpan {
            type Value = Vec<mandates_core::model::Reference>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of citations")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut kept = Vec::new();
                while let Some(c) = seq.next_element::<mandates_core::model::Reference>()? {
                    if c.start >= self.0.start && c.end <= self.0.end {
                        kept.push(c);
                    }
                }
                Ok(kept)
            }
        }
        deserializer.deserialize_map(Document(self))
    }
}

/// An instrument, without its revisions, from a row of `instruments_where`.
fn instrument_from_row(r: &dyn Cells) -> Result<InstrumentRecord> {
    let (kind, body, committee, number) = (r.text(1)?, r.text(2)?, r.text(3)?, r.text(4)?);
    Ok(InstrumentRecord {
        id: r.int(0)?,
        name: instrument_name(&kind, &body, &committee, &number),
        revision: String::new(),
        revisions: Vec::new(),
        kind,
        body,
        committee: Some(committee).filter(|c| !c.is_empty()),
        number: Some(number).filter(|n| !n.is_empty()),
        title: r.opt_text(5)?,
        abrogated: r.flag(6)?,
        mandates: r.int(7)?,
        progress: r.opt_int(8)?,
    })
}

/// A search hit: a mandate's columns, then its snippet and score.
fn search_hit(r: &dyn Cells) -> Result<SearchHit> {
    Ok(SearchHit { mandate: mandate_from_row(r)?, snippet: r.text(29)?, score: r.real(30)? })
}

/// A mandate from a row that starts with [`MANDATE_COLUMNS`], in their order.
fn mandate_from_row(r: &dyn Cells) -> Result<MandateRecord> {
    let id = r.int(0)?;
    let status = r.text(20)?;
    Ok(MandateRecord {
        id,
        instrument_id: r.int(1)?,
        instrument: instrument_name(&r.text(2)?, &r.text(3)?, &r.text(4)?, &r.text(5)?),
        revision: r.text(6)?,
        current: r.flag(7)?,
        heading: r.opt_text(8)?,
        verb: r.opt_text(9)?,
        label: r.opt_text(10)?,
        action: r.text(11)?,
        addressees: split_list(&r.text(12)?),
        partners: split_list(&r.text(13)?),
        cadence: r.opt_text(14)?,
        report_to: r.opt_text(15)?,
        also_report_to: split_list(&r.text(16)?),
        deadline: r.opt_text(17)?,
        deadline_year: r.opt_int(18)?,
        sectors: Sectors::from_bits(r.int(19)?).names().map(str::to_owned).collect(),
        status: status
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("mandate {id} has the unknown status {status:?}")))?,
        progress: r.int(21)?,
        owner: r.opt_text(22)?,
        needs_review: r.flag(23)?,
        carried_from: r.opt_int(24)?,
        superseded_by: r.opt_int(25)?,
        version: r.int(26)?,
        updated_at: r.text(27)?,
        updated_by: r.text(28)?,
    })
}

/// Plain words for FTS5: each word quoted, so that punctuation in what people type ("ITU-T", "C-189") is
/// never read as query syntax; all words must match.
fn fts5_query(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" ")
}

/// "PP-22" -> ("PP", 2022); "WTSA-16" -> ("WTSA", 2016); "PP-2022" too.
pub fn parse_conference(text: &str) -> Result<(String, i64)> {
    let bad =
        || StoreError::Invalid(format!("unknown conference {text:?}: write it as PP-22, WTSA-24, WTDC-22, WRC-23"));
    let (body, year) = text.trim().split_once(['-', ' ']).ok_or_else(bad)?;
    let year: i64 = year.trim().parse().map_err(|_| bad())?;
    let year = match u16::try_from(year) {
        Ok(yy) if yy < 100 => i64::from(mandates_core::references::full_year(yy)),
        _ => year,
    };
    if body.is_empty() {
        return Err(bad());
    }
    Ok((body.to_ascii_uppercase(), year))
}

struct WantedInstrument {
    kind: Option<&'static str>,
    body_or_committee: Option<String>,
    number: String,
}

/// "130", "Res 130", "Resolution 130", "PP Resolution 130", "WTSA Res. 1", "Decision 5", "COM5 Recommendation 2".
fn parse_instrument(text: &str) -> Result<WantedInstrument> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let Some((number, rest)) = words.split_last() else {
        return Err(StoreError::Invalid("name an instrument, e.g. \"Resolution 130\" or \"130\"".into()));
    };
    let mut wanted = WantedInstrument { kind: None, body_or_committee: None, number: (*number).to_owned() };
    for word in rest {
        let w = word.trim_end_matches('.').to_ascii_lowercase();
        match w.as_str() {
            "res" | "resolution" => wanted.kind = Some("resolution"),
            "dec" | "decision" => wanted.kind = Some("decision"),
            "rec" | "recommendation" => wanted.kind = Some("recommendation"),
            "opinion" => wanted.kind = Some("opinion"),
            _ => wanted.body_or_committee = Some(canonical_body(word)),
        }
    }
    Ok(wanted)
}

fn canonical_body(word: &str) -> String {
    if word.eq_ignore_ascii_case("council") { "Council".into() } else { word.to_ascii_uppercase() }
}

/// "T", "ITU-T", "itu-t", "TSB" -> ITU-T.
pub fn parse_sector(text: &str) -> Result<Sectors> {
    let key = text.trim().to_ascii_uppercase();
    let key = key.strip_prefix("ITU-").unwrap_or(&key);
    let none = Sectors::default();
    Ok(match key {
        "R" | "BR" => Sectors { r: true, ..none },
        "T" | "TSB" => Sectors { t: true, ..none },
        "D" | "BDT" => Sectors { d: true, ..none },
        _ => return Err(StoreError::Invalid(format!("unknown Sector {text:?}: use T, R or D (ITU-T, ITU-R, ITU-D)"))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_postgresql_search_reads_whole_partitions() {
        assert_eq!(partition_floor(478_151, 5_000), 475_000);
        assert_eq!(partition_floor(475_000, 5_000), 475_000);
        assert_eq!(partition_floor(4_999, 5_000), 0);
        assert_eq!(partition_floor(-3_000, 5_000), 0);
        assert_eq!(partition_floor(12, 0), 0);
    }

    #[test]
    fn postgresql_arrays_of_numbers_are_read_from_their_text() {
        assert_eq!(array_items::<i64>(Some("{482151,482150,7}".into())).unwrap(), [482151, 482150, 7]);
        assert_eq!(array_items::<f64>(Some("{0.0607927,1e-20}".into())).unwrap(), [0.0607927, 1e-20]);
        assert!(array_items::<i64>(Some("{}".into())).unwrap().is_empty());
        assert!(array_items::<i64>(None).unwrap().is_empty());
        assert!(array_items::<i64>(Some("{1,NULL}".into())).is_err());
        assert!(array_items::<i64>(Some("1,2".into())).is_err());
    }

    #[test]
    fn a_postgresql_search_widens_as_far_as_the_matches_so_far_say_it_must() {
        // 243 matches in the newest 4,000 ids, 757 wanted: 757 / 243 of 4,000 ids, and a quarter more.
        assert_eq!(next_search_span(4_000, 243, 757), 15_575);
        // None: sixteen times as far.
        assert_eq!(next_search_span(10_000, 0, 1_000), 160_000);
        // One: no more than sixteen times as far either.
        assert_eq!(next_search_span(10_000, 1, 999), 160_000);
        // Nearly there: still at least a window's worth of ids.
        assert_eq!(next_search_span(10_000, 999, 1), 1_000);
        // After a short range (the whole of a small registry): a window's worth too.
        assert_eq!(next_search_span(5, 2, 998), 1_000);
        // No overflow on absurd registries.
        assert_eq!(next_search_span(i64::MAX / 2, 1, 999), i64::MAX);
    }

    #[test]
    fn conferences_instruments_and_sectors_read_as_people_write_them() {
        assert_eq!(parse_conference("PP-22").unwrap(), ("PP".into(), 2022));
        assert_eq!(parse_conference("wtsa-2016").unwrap(), ("WTSA".into(), 2016));
        assert!(parse_conference("Bucharest").is_err());
        let w = parse_instrument("PP Res. 130").unwrap();
        assert_eq!(
            (w.kind, w.body_or_committee.as_deref(), w.number.as_str()),
            (Some("resolution"), Some("PP"), "130")
        );
        let w = parse_instrument("COM5 Recommendation 2").unwrap();
        assert_eq!((w.kind, w.body_or_committee.as_deref()), (Some("recommendation"), Some("COM5")));
        assert_eq!(parse_sector("itu-t").unwrap(), Sectors { t: true, ..Default::default() });
        assert!(parse_sector("X").is_err());
        assert_eq!(fts5_query("ITU-T \"AI\""), "\"ITU\" \"T\" \"AI\"");
    }
}
