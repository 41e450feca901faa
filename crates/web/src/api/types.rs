//! The API's types: the public JSON contract, described in the OpenAPI document. They mirror the registry's
//! records but are their own types, so that a change inside the registry cannot change the contract unseen.

use mandates_store as store;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Where a mandate stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NotStarted,
    InProgress,
    Ongoing,
    Completed,
    Superseded,
    NotApplicable,
}

impl From<store::Status> for Status {
    fn from(s: store::Status) -> Self {
        match s {
            store::Status::NotStarted => Status::NotStarted,
            store::Status::InProgress => Status::InProgress,
            store::Status::Ongoing => Status::Ongoing,
            store::Status::Completed => Status::Completed,
            store::Status::Superseded => Status::Superseded,
            store::Status::NotApplicable => Status::NotApplicable,
        }
    }
}

impl From<Status> for store::Status {
    fn from(s: Status) -> Self {
        match s {
            Status::NotStarted => store::Status::NotStarted,
            Status::InProgress => store::Status::InProgress,
            Status::Ongoing => store::Status::Ongoing,
            Status::Completed => store::Status::Completed,
            Status::Superseded => store::Status::Superseded,
            Status::NotApplicable => store::Status::NotApplicable,
        }
    }
}

/// What an operative clause asks, of whom, and how far it got.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Mandate {
    pub id: i64,
    pub instrument_id: i64,
    /// "PP Resolution 130", "COM5 Recommendation 2".
    pub instrument: String,
    /// "Rev. Bucharest, 2022"; empty when the citation gives none.
    pub revision: String,
    /// False once superseded by a later revision or gone from the text.
    pub current: bool,
    /// The block heading as written: "instructs the Director of the Telecommunication Standardization Bureau".
    pub heading: Option<String>,
    pub verb: Option<String>,
    /// The item's label as written: "1", "2bis", "b)".
    pub label: Option<String>,
    pub action: String,
    /// Canonical names: "Director TSB", "Member States".
    pub addressees: Vec<String>,
    /// Those to be consulted or cooperated with.
    pub partners: Vec<String>,
    /// "annually", "each_session", "every_four_years" ...
    pub cadence: Option<String>,
    /// "Council", "PP", "WTSA", "TSAG" ...
    pub report_to: Option<String>,
    pub also_report_to: Vec<String>,
    /// As the text gives it: "the 2024 session of Council".
    pub deadline: Option<String>,
    pub deadline_year: Option<i64>,
    /// "ITU-R", "ITU-T", "ITU-D".
    pub sectors: Vec<String>,
    pub status: Status,
    /// 0 to 100.
    pub progress: i64,
    /// The focal point.
    pub owner: Option<String>,
    /// A new text changed the wording: the tracking wants a look.
    pub needs_review: bool,
    pub carried_from: Option<i64>,
    pub superseded_by: Option<i64>,
    /// Send it back with an update: a change made against an older version is refused (409).
    pub version: i64,
    pub updated_at: String,
    pub updated_by: String,
}

impl From<store::MandateRecord> for Mandate {
    fn from(m: store::MandateRecord) -> Self {
        Mandate {
            id: m.id,
            instrument_id: m.instrument_id,
            instrument: m.instrument,
            revision: m.revision,
            current: m.current,
            heading: m.heading,
            verb: m.verb,
            label: m.label,
            action: m.action,
            addressees: m.addressees,
            partners: m.partners,
            cadence: m.cadence,
            report_to: m.report_to,
            also_report_to: m.also_report_to,
            deadline: m.deadline,
            deadline_year: m.deadline_year,
            sectors: m.sectors,
            status: m.status.into(),
            progress: m.progress,
            owner: m.owner,
            needs_review: m.needs_review,
            carried_from: m.carried_from,
            superseded_by: m.superseded_by,
            version: m.version,
            updated_at: m.updated_at,
            updated_by: m.updated_by,
        }
    }
}

/// A document symbol or URL showing what was done.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Evidence {
    pub reference: String,
    pub added_at: String,
    pub added_by: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Comment {
    pub body: String,
    pub added_at: String,
    pub added_by: String,
}

/// One change of one field of a mandate; the history is append-only.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
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

impl From<store::HistoryEntry> for HistoryEntry {
    fn from(h: store::HistoryEntry) -> Self {
        HistoryEntry {
            mandate_id: h.mandate_id,
            version: h.version,
            at: h.at,
            by: h.by,
            field: h.field,
            old: h.old,
            new: h.new,
        }
    }
}

/// A mandate with its source, evidence, comments and history.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MandateDetail {
    pub mandate: Mandate,
    /// "Resolution 130 (Rev. Bucharest, 2022)".
    pub citation: String,
    /// The document it was read from.
    pub document: String,
    pub evidence: Vec<Evidence>,
    pub comments: Vec<Comment>,
    pub history: Vec<HistoryEntry>,
}

impl From<store::MandateDetail> for MandateDetail {
    fn from(d: store::MandateDetail) -> Self {
        MandateDetail {
            mandate: d.mandate.into(),
            citation: d.citation,
            document: d.document,
            evidence: d
                .evidence
                .into_iter()
                .map(|e| Evidence { reference: e.reference, added_at: e.added_at, added_by: e.added_by })
                .collect(),
            comments: d
                .comments
                .into_iter()
                .map(|c| Comment { body: c.body, added_at: c.added_at, added_by: c.added_by })
                .collect(),
            history: d.history.into_iter().map(Into::into).collect(),
        }
    }
}

/// A tracking update. Leave out what does not change; `version` is the version you saw.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MandateUpdate {
    /// The mandate's version the change is made against.
    pub version: i64,
    pub status: Option<Status>,
    /// 0 to 100; with a status and no progress, the status's usual progress.
    pub progress: Option<i64>,
    /// The new focal point; an empty string removes the owner.
    pub owner: Option<String>,
    /// Document symbols or URLs to add ("TD/83", "C23/25").
    #[serde(default)]
    pub evidence: Vec<String>,
    pub comment: Option<String>,
    /// Mark a reworded mandate as looked at.
    #[serde(default)]
    pub reviewed: bool,
}

impl MandateUpdate {
    pub fn change(&self) -> store::Change {
        store::Change {
            status: self.status.map(Into::into),
            progress: self.progress,
            owner: self.owner.as_ref().map(|o| Some(o.trim().to_owned()).filter(|o| !o.is_empty())),
            evidence: self.evidence.iter().map(|e| e.trim().to_owned()).filter(|e| !e.is_empty()).collect(),
            comment: self.comment.as_ref().map(|c| c.trim().to_owned()).filter(|c| !c.is_empty()),
            reviewed: self.reviewed,
        }
    }
}

/// An instrument (a resolution, decision, recommendation) across its revisions.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Instrument {
    pub id: i64,
    /// "PP Resolution 130".
    pub name: String,
    /// "resolution", "decision", "recommendation", "opinion".
    pub kind: String,
    /// "PP", "WTSA", "Council" ...
    pub body: String,
    pub committee: Option<String>,
    pub number: Option<String>,
    pub title: Option<String>,
    /// The latest revision registered.
    pub revision: String,
    /// Every revision registered, oldest first.
    pub revisions: Vec<String>,
    pub abrogated: bool,
    /// Current mandates.
    pub mandates: i64,
    /// Average progress of its current mandates, leaving out those not applicable.
    pub progress: Option<i64>,
}

impl From<store::InstrumentRecord> for Instrument {
    fn from(i: store::InstrumentRecord) -> Self {
        Instrument {
            id: i.id,
            name: i.name,
            kind: i.kind,
            body: i.body,
            committee: i.committee,
            number: i.number,
            title: i.title,
            revision: i.revision,
            revisions: i.revisions,
            abrogated: i.abrogated,
            mandates: i.mandates,
            progress: i.progress,
        }
    }
}

/// One text of an instrument: a full text or a summary's excerpt, in one document.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Text {
    pub id: i64,
    pub document_id: i64,
    pub document: String,
    /// False when a later version of the document replaced it.
    pub current: bool,
    pub revision: String,
    pub citation: String,
    /// The whole text, not an excerpt.
    pub full: bool,
    pub status: Option<String>,
    pub title: Option<String>,
}

impl From<store::TextRecord> for Text {
    fn from(t: store::TextRecord) -> Self {
        Text {
            id: t.id,
            document_id: t.document_id,
            document: t.document,
            current: t.current,
            revision: t.revision,
            citation: t.citation,
            full: t.full,
            status: t.status,
            title: t.title,
        }
    }
}

/// An instrument with its texts and current mandates.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct InstrumentDetail {
    pub instrument: Instrument,
    pub texts: Vec<Text>,
    pub mandates: Vec<Mandate>,
}

/// A search result.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SearchHit {
    pub mandate: Mandate,
    /// The action with the matching words between « and ».
    pub snippet: String,
    /// Higher is better.
    pub score: f64,
}

/// Current mandates of a group and where they stand.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Group {
    pub name: String,
    pub mandates: i64,
    pub not_started: i64,
    /// In progress or ongoing.
    pub under_way: i64,
    pub completed: i64,
    pub not_applicable: i64,
    pub progress: Option<i64>,
}

impl From<store::Group> for Group {
    fn from(g: store::Group) -> Self {
        Group {
            name: g.name,
            mandates: g.mandates,
            not_started: g.not_started,
            under_way: g.under_way,
            completed: g.completed,
            not_applicable: g.not_applicable,
            progress: g.progress,
        }
    }
}

/// The dashboard's numbers.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Overview {
    pub documents: i64,
    pub instruments: i64,
    pub mandates: i64,
    pub needs_review: i64,
    pub all: Group,
    pub by_conference: Vec<Group>,
    pub by_sector: Vec<Group>,
    pub by_addressee: Vec<Group>,
}

impl From<store::Overview> for Overview {
    fn from(o: store::Overview) -> Self {
        Overview {
            documents: o.totals.documents,
            instruments: o.totals.instruments,
            mandates: o.totals.mandates,
            needs_review: o.needs_review,
            all: o.all.into(),
            by_conference: o.by_conference.into_iter().map(Into::into).collect(),
            by_sector: o.by_sector.into_iter().map(Into::into).collect(),
            by_addressee: o.by_addressee.into_iter().map(Into::into).collect(),
        }
    }
}

/// One report due to a body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Due {
    pub mandate: i64,
    /// "Resolution 130 (Rev. Bucharest, 2022), instructs the Secretary-General and the Directors of the Bureaux, 8".
    pub clause: String,
    pub action: String,
    /// The body reported to: "Council".
    pub to: String,
    /// "Council 2024"; none for a bare year.
    pub meeting: Option<String>,
    /// YYYY-MM-DD.
    pub date: String,
    /// The meeting's dates are not confirmed.
    pub tentative: bool,
    /// As the text says it: "annually", "the 2024 session of Council".
    pub wording: String,
    pub sectors: Vec<String>,
}

impl From<store::calendar::Due> for Due {
    fn from(d: store::calendar::Due) -> Self {
        Due {
            mandate: d.mandate,
            clause: d.clause,
            action: d.action,
            to: d.to,
            meeting: d.meeting,
            date: d.date.to_string(),
            tentative: d.tentative,
            wording: d.wording,
            sectors: d.sectors,
        }
    }
}

/// The reports due, and what the meetings file lacks to date the others.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Calendar {
    pub due: Vec<Due>,
    /// Meetings to add to the meetings file.
    pub missing: Vec<String>,
    /// Clauses asking for reports whose text gives no year of adoption to count from.
    pub undated: Vec<String>,
}

/// Sign in with an account name and password.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    pub name: String,
    pub password: String,
}

/// The signed-in account.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Me {
    pub name: String,
    /// "viewer", "editor" or "admin".
    pub role: String,
    /// Send it in the `X-CSRF-Token` header of every write.
    pub csrf_token: String,
}

/// What an ingest did.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Ingested {
    pub document: String,
    pub document_id: i64,
    /// "new", "new_version" or "unchanged".
    pub state: String,
    pub version: Option<i64>,
    pub instruments: usize,
    pub mandates_added: usize,
    pub mandates_changed: usize,
    pub mandates_carried: usize,
    pub mandates_retired: usize,
    /// What the reader could not place: check them.
    pub diagnostics: Vec<Diagnostic>,
}

/// Something the reader of a document could not place.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Diagnostic {
    /// "warning" or "error".
    pub severity: String,
    pub message: String,
    /// Line in the document's text, from 1.
    pub line: Option<usize>,
}

/// Filters of the mandate list; all optional, combined with "and".
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MandateQuery {
    /// The body whose instrument it is: PP, WTSA, Council ...
    pub body: Option<String>,
    /// A conference: PP-22, WTSA-24 ...
    pub conference: Option<String>,
    /// "130", "Resolution 130", "PP Resolution 130", "Decision 5".
    pub instrument: Option<String>,
    /// A canonical addressee: "Director TSB", "TSAG", "Member States".
    pub addressee: Option<String>,
    /// T, R or D (or ITU-T ...).
    pub sector: Option<String>,
    /// not_started, in_progress, ongoing, completed, superseded, not_applicable.
    pub status: Option<String>,
    /// The focal point who owns it.
    pub owner: Option<String>,
    /// A deadline in this year or before: 2026 or 2026-06-30.
    pub due_before: Option<String>,
    /// Also superseded mandates and those gone from the text.
    pub all: Option<bool>,
    /// At most this many (default 200, at most 1000).
    pub limit: Option<i64>,
    /// Skip this many.
    pub offset: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words to find in the clauses, their headings and addressees.
    pub q: String,
    /// At most this many (default 50, at most 500).
    pub limit: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImpactQuery {
    /// T, R or D.
    pub sector: String,
    /// PP-22, WTSA-24 ...
    pub conference: String,
    /// json (default), md or docx.
    pub format: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TableQuery {
    /// Only the tables of summaries of this conference: PP-22.
    pub conference: Option<String>,
    /// json (default), md or docx.
    pub format: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CalendarQuery {
    /// Only duties concerning this Sector: T, R or D.
    pub sector: Option<String>,
    /// json (default) or ics.
    pub format: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// The document's file name, as it will be registered: "PP22-Final-Acts.docx".
    pub name: String,
}
