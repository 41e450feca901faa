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
/// one, looking at most 300 bytes either side (a document has thousands of figures: no scan of the whole text).
pub fn sentence_around(text: &str, start: usize, end: usize) -> String {
    const REACH: usize = 300;
    let floor = |i: usize| (0..=i.min(text.len())).rev().find(|&j| text.is_char_boundary(j)).unwrap_or(0);
    let ceil = |i: usize| (i.min(text.len())..=text.len()).find(|&j| text.is_char_boundary(j)).unwrap_or(text.len());
    let start = floor(start);
    let end = ceil(end.max(start));
    let window = floor(start.saturating_sub(REACH));
    let before = &text[window..start];
    // A sentence ends at a line end or at ". " / "; " (not at the point of "651.7").
    let from = window
        + [before.rfind('\n').map(|i| i + 1), before.rfind(". ").map(|i| i + 2), before.rfind("; ").map(|i| i + 2)]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(0);
    let limit = ceil(end + REACH);
    let after = &text[end..limit];
    let mut stop = after.find(['\n', ';']).map_or(limit, |i| end + i);
    // The sentence's own full stop is kept.
    if let Some(i) = after.find(". ")
        && end + i < stop
    {
        stop = end + i + 1;
    }
    // A sentence longer than the reach is cut at a word, and says so.
    let (mut from, mut stop) = (from, stop);
    let (mut lead, mut tail) = ("", "");
    if from == window && window > 0 {
        from = text[from..start].find(' ').map_or(from, |i| from + i + 1);
        lead = "…";
    }
    if stop == limit && limit < text.len() {
        stop = text[end..stop].rfind(' ').map_or(stop, |i| end + i);
        tail = "…";
    }
    format!("{lead}{}{tail}", crate::clean::clean(&text[from..stop]).trim())
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
    let mut label = c.document.to_string();
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

#[cfg(test)]
mod tests {
    use super::sentence_around;

    #[test]
    fn a_figure_comes_with_its_sentence() {
        let text =
            "1.5 The plan is balanced at CHF 651.7 million. It sets the unit at CHF 318 000; the rest follows.\n";
        let at = |needle: &str| {
            let start = text.find(needle).unwrap();
            sentence_around(text, start, start + needle.len())
        };
        assert_eq!(at("CHF 651.7 million"), "1.5 The plan is balanced at CHF 651.7 million.");
        assert_eq!(at("CHF 318 000"), "It sets the unit at CHF 318 000");
        let long = format!("{} the sum of CHF 5 is due {}", "word ".repeat(100), "more ".repeat(100));
        let start = long.find("CHF 5").unwrap();
        let sentence = sentence_around(&long, start, start + 5);
        assert!(sentence.starts_with("…word ") && sentence.ends_with("more…"), "{sentence}");
        // Spans off character boundaries or past the end are tolerated.
        assert_eq!(sentence_around("é CHF 1", 1, 99), "é CHF 1");
    }
}
