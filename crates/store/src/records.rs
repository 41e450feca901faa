//! What queries return: plain data, serialisable, independent of the database rows.

use serde::{Deserialize, Serialize};

use crate::tracking::Status;

/// A mandate with its tracking state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MandateRecord {
    pub id: i64,
    pub instrument_id: i64,
    /// "PP Resolution 130", "COM5 Recommendation 2".
    pub instrument: String,
    /// "Rev. Bucharest, 2022"; empty when the citation gives none.
    pub revision: String,
    /// False once superseded by a later revision or no longer in the text.
    pub current: bool,
    /// The block heading as written.
    pub heading: Option<String>,
    pub verb: Option<String>,
    pub label: Option<String>,
    pub action: String,
    pub addressees: Vec<String>,
    pub partners: Vec<String>,
    pub cadence: Option<String>,
    pub report_to: Option<String>,
    /// Further bodies reported to ("to the next PP and annually to Council": PP, then Council here).
    pub also_report_to: Vec<String>,
    pub deadline: Option<String>,
    pub deadline_year: Option<i64>,
    /// "ITU-R", "ITU-T", "ITU-D".
    pub sectors: Vec<String>,
    pub status: Status,
    /// 0 to 100.
    pub progress: i64,
    pub owner: Option<String>,
    /// Set when a new text changed this mandate's wording: someone should look at its tracking again.
    pub needs_review: bool,
    /// The mandate of the previous revision whose tracking this one took over.
    pub carried_from: Option<i64>,
    /// The mandate of the next revision that took over from this one.
    pub superseded_by: Option<i64>,
    /// Incremented by every change; an update names the version it was made against.
    pub version: i64,
    pub updated_at: String,
    pub updated_by: String,
}

/// A mandate with everything recorded about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MandateDetail {
    pub mandate: MandateRecord,
    /// The citation of the text it comes from ("Resolution 130 (Rev. Bucharest 2022)") and that text's document.
    pub citation: String,
    pub document: String,
    pub evidence: Vec<Evidence>,
    pub comments: Vec<Comment>,
    pub history: Vec<HistoryEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub reference: String,
    pub added_at: String,
    pub added_by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comment {
    pub body: String,
    pub added_at: String,
    pub added_by: String,
}

/// One change of one field of a mandate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub mandate_id: i64,
    /// The mandate's version after the change.
    pub version: i64,
    pub at: String,
    pub by: String,
    /// "created", "status", "progress", "owner", "evidence", "comment", "action", "review", "superseded".
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// An instrument with its latest revision and the progress of its current mandates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstrumentRecord {
    pub id: i64,
    /// "PP Resolution 130".
    pub name: String,
    pub kind: String,
    pub body: String,
    pub committee: Option<String>,
    pub number: Option<String>,
    pub title: Option<String>,
    /// The latest revision registered ("Rev. Bucharest, 2022").
    pub revision: String,
    /// Every revision registered, oldest first: the lineage.
    pub revisions: Vec<String>,
    pub abrogated: bool,
    pub mandates: i64,
    /// Average progress of its current mandates, leaving out those not applicable; null without mandates.
    pub progress: Option<i64>,
}

/// An instrument with the texts of it the registry holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstrumentDetail {
    pub instrument: InstrumentRecord,
    /// Oldest revision first.
    pub texts: Vec<TextRecord>,
}

/// One appearance of one revision of an instrument in one document: its full text or an excerpt of a summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextRecord {
    pub id: i64,
    pub document_id: i64,
    /// The document's name as ingested.
    pub document: String,
    /// False when a later version of the document replaced it.
    pub current: bool,
    pub revision: String,
    /// As the document cites it: "Resolution 130 (Rev. Bucharest, 2022)".
    pub citation: String,
    /// The whole text, not a summary's excerpt.
    pub full: bool,
    /// "revised", "new", "abrogated" ... as a summary gives it.
    pub status: Option<String>,
    pub section: Option<String>,
    pub title: Option<String>,
}

/// Counts of what the registry holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub documents: i64,
    pub instruments: i64,
    pub mandates: i64,
}

/// "PP Resolution 130", "COM5 Recommendation 2", "WTSA Resolution 1".
pub(crate) fn instrument_name(kind: &str, body: &str, committee: &str, number: &str) -> String {
    let mut kind_word = kind.to_owned();
    if let Some(first) = kind_word.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    let prefix = if !committee.is_empty() { committee } else { body };
    [prefix, &kind_word, number].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" ")
}

/// Lists are stored joined by "; " (names never contain it).
pub(crate) fn split_list(joined: &str) -> Vec<String> {
    if joined.is_empty() { Vec::new() } else { joined.split("; ").map(str::to_owned).collect() }
}
