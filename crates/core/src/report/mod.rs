//! Reports as secretariats write them by hand: what a conference changed for one Sector (the seed document's
//! kind of summary) and the reference table linking conference instruments to Sector resolutions and focal
//! points. The registry fills these structures; rendering them is a pure function ([`markdown`], [`docx`]).

pub mod docx;
pub mod markdown;

use serde::{Deserialize, Serialize};

/// What a conference asks of one Sector.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImpactReport {
    /// "ITU-T".
    pub sector: String,
    /// "PP-22".
    pub conference: String,
    /// The Director of the Sector's Bureau, as addressed: "Director TSB".
    pub director: String,
    pub summary: Summary,
    /// Instruments revised by the conference, with the clauses that concern the Sector.
    pub revised: Vec<ReportInstrument>,
    /// New instruments.
    pub new: Vec<ReportInstrument>,
    /// Committee recommendations.
    pub recommendations: Vec<ReportInstrument>,
    /// Clauses that ask for a report, with whom it goes to and when.
    pub reporting: Vec<ReportingDuty>,
    /// Elections stated in the conference's documents.
    pub elections: Vec<crate::model::Election>,
    /// Sums of money and exact quantities stated in them, each with the sentence that states it.
    pub figures: Vec<Figure>,
    /// The reference table of the conference's summaries, as registered.
    pub table: Vec<TableRow>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub revised: usize,
    pub new: usize,
    pub recommendations: usize,
    /// Instruments the table marks abrogated ("Resolution 59").
    pub abrogated: Vec<String>,
    /// Clauses that concern the Sector.
    pub clauses: usize,
    /// Of those, the clauses that name the Sector's Director.
    pub for_director: usize,
    pub reporting: usize,
}

/// An instrument with the clauses that concern the Sector, grouped by block as in the text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportInstrument {
    /// "Resolution 130 (Rev. Bucharest, 2022)", "COM5 Recommendation 2".
    pub citation: String,
    pub title: Option<String>,
    pub blocks: Vec<ReportBlock>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportBlock {
    /// "instructs the Director of the Telecommunication Standardization Bureau"; null for a recommendation.
    pub heading: Option<String>,
    pub clauses: Vec<ReportClause>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportClause {
    /// The registry's mandate number.
    pub mandate: i64,
    /// As written, with its original number ("8", "2bis"); null when unnumbered.
    pub label: Option<String>,
    pub text: String,
    /// "not started", "in progress", ...
    pub status: String,
    pub owner: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// As written: "CHF 651.7 million", "343 11/16".
    pub text: String,
    /// The sentence of the document that states it.
    pub sentence: String,
}

/// The sentence of `text` around `start..end`: from the end of the previous sentence or line to the end of this
/// one, at most about 300 bytes, cut at character boundaries.
pub fn sentence_around(text: &str, start: usize, end: usize) -> String {
    let (start, end) = (start.min(text.len()), end.min(text.len()).max(start.min(text.len())));
    let before = &text[..start];
    // A sentence ends at a line end or at ". " / "; " (not at the point of "651.7").
    let from =
        [before.rfind('\n').map(|i| i + 1), before.rfind(". ").map(|i| i + 2), before.rfind("; ").map(|i| i + 2)]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(0)
            .max(start.saturating_sub(300));
    let from = (from..=start).find(|&i| text.is_char_boundary(i)).unwrap_or(start);
    let after = &text[end..];
    let stop = after.find(['\n', ';']).map_or(text.len(), |i| end + i);
    // The sentence's own full stop is kept.
    let stop = match after.find(". ") {
        Some(i) if end + i < stop => end + i + 1,
        _ => stop,
    };
    let stop = stop.min(end + 300);
    let stop = (stop..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
    crate::clean::clean(&text[from..stop]).trim().to_owned()
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportingDuty {
    pub mandate: i64,
    /// "Resolution 130 (Rev. Bucharest, 2022), instructs ... 8".
    pub clause: String,
    pub report_to: Vec<String>,
    /// "annually", "each session".
    pub cadence: Option<String>,
    /// "the 2024 session of Council".
    pub deadline: Option<String>,
}

/// One row of a reference table: a conference instrument, the documents that changed it, the Sector
/// resolutions it affects and the focal points.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TableRow {
    /// "130", "Decision 5".
    pub instrument: String,
    pub title: String,
    pub abrogated: bool,
    /// "C-197 (A, MOD)", "C-188-R1 (AR, REC3)".
    pub contributions: Vec<String>,
    /// "50", "59 (SUP)": Sector resolutions to align, with their titles where known.
    pub affects: Vec<Affected>,
    pub focal_points: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Affected {
    /// "WTSA".
    pub body: String,
    pub number: String,
    pub title: Option<String>,
    pub suppressed: bool,
}

impl Affected {
    /// "50", "59 (SUP)".
    pub fn label(&self) -> String {
        if self.suppressed { format!("{} (SUP)", self.number) } else { self.number.clone() }
    }
}

/// "C-197 (A, MOD)", "C-188-R1 (AR, REC3)", "C-193 (A, MOD) (Annex 1 and 2)": a contribution as the seed writes it.
pub fn contribution_label(c: &crate::model::Contribution) -> String {
    // A recommendation's number stands in for the action code: "(AR, REC3)", "(A, REC#27)".
    let rec_note = c.action.as_deref() == Some("REC") && c.note.as_deref().is_some_and(|n| n.starts_with("REC"));
    let action = if rec_note { c.note.as_deref() } else { c.action.as_deref() };
    let codes: Vec<&str> = [c.approval.as_deref(), action].into_iter().flatten().collect();
    let mut label = c.document.clone();
    if !codes.is_empty() {
        label.push_str(&format!(" ({})", codes.join(", ")));
    }
    if let Some(note) = c.note.as_deref().filter(|_| !rec_note) {
        label.push(' ');
        label.push_str(note);
    }
    label
}

/// The Director of a Sector's Bureau as DOMAIN.md names him: ITU-T -> "Director TSB".
pub fn director_of(sector: &str) -> &'static str {
    match sector {
        "ITU-R" => "Director BR",
        "ITU-D" => "Director BDT",
        _ => "Director TSB",
    }
}
