//! The document model: what `mandates parse` emits as JSON.
//!
//! Field names are the public contract (`schema/document.schema.json`). Every span (`start`, `end`) is a pair
//! of byte offsets into [`Document::text`], so `&text[start..end]` is the passage as written. Values such as
//! titles and item texts are cleaned (Word artefacts removed, whitespace collapsed); the text keeps everything.
//!
//! The values that make up most of a large document (item texts, citations' texts and numbers) are [`Text`]s:
//! spans of the document's text, cleaned when read where they need it, so the text is not held twice. They
//! serialise as plain strings, so the JSON is the same as if they were copies.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// A short string stored inline (up to 24 bytes, no allocation), for the model's small values: labels, places,
/// currencies. It reads as a `str` and serialises as a string.
pub use compact_str::CompactString;

/// One parsed input file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub source: Source,
    /// Numbered headings of the document that are not instruments ("1.1", "5.2 Reference table").
    pub outline: Vec<OutlineEntry>,
    pub instruments: Vec<Instrument>,
    pub reference_table: Vec<ReferenceRow>,
    pub references: Vec<Reference>,
    pub footnotes: Vec<Footnote>,
    pub facts: Facts,
    pub diagnostics: Vec<Diagnostic>,
    /// The decoded text all offsets refer to, shared with the values that are spans of it ([`Text`]). Not
    /// serialised in JSON (see `mandates text`).
    #[serde(skip)]
    pub text: SourceText,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub name: String,
    pub format: Format,
    /// Size of the input file in bytes.
    pub bytes: u64,
    /// Lower-case hex SHA-256 of the input file.
    pub sha256: String,
    /// The character encoding the text was decoded from ("UTF-8", "UTF-16LE", "windows-1252"; "UTF-8" for .docx).
    pub encoding: String,
    /// Length in bytes of the decoded text that offsets refer to.
    pub text_bytes: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Docx,
    /// Akoma Ntoso 3.0 XML, read back into the model (the text is rebuilt from its content).
    Akn,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutlineEntry {
    /// Heading number as written ("2", "5.2").
    pub number: String,
    pub title: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InstrumentKind {
    Resolution,
    Decision,
    Recommendation,
    Opinion,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InstrumentStatus {
    New,
    Revised,
    Abrogated,
}

/// A resolution, decision, recommendation or opinion: the whole text, or an excerpt quoted in a summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Instrument {
    pub kind: InstrumentKind,
    /// "PP", "WTSA", "WTDC", "WRC", "RA", "Council", "UNGA", ... or null when nothing says.
    pub body: Option<String>,
    /// As written: "130", "1", "70/1"; null for an unnumbered committee recommendation.
    pub number: Option<String>,
    pub revision: Option<Revision>,
    pub title: Option<String>,
    pub status: Option<InstrumentStatus>,
    /// Heading number of the summary section that quotes it ("2.6"); null in a full text.
    pub section: Option<String>,
    /// The committee that adopted a PP committee recommendation ("COM5").
    pub committee: Option<String>,
    /// The citation line as written, cleaned ("Resolution 130 (Rev. Bucharest 2022)").
    pub citation: String,
    /// "The Plenipotentiary Conference of the International Telecommunication Union (Bucharest, 2022),".
    pub enacting_formula: Option<String>,
    pub blocks: Vec<Block>,
    /// Numbered sections of rules of procedure ("SECTION 1bis"), each a tree of clauses.
    pub sections: Vec<Section>,
    /// Annexes and appendices.
    pub annexes: Vec<Annex>,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    pub revised: bool,
    pub place: Option<CompactString>,
    pub year: Option<u16>,
    /// A conference named instead of a place: "WRC-19" in "(Rev.WRC-19)".
    pub conference: Option<CompactString>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Preambular,
    Operative,
    /// The quoted text of a committee recommendation.
    Recommendation,
}

/// A preambular or operative block: a heading ("instructs the Director of ...") and its items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    /// As written, cleaned; null for a recommendation's quoted text.
    pub heading: Option<String>,
    /// The verb in its dictionary form as used in resolutions: "considering", "instructs", "resolves to instruct".
    pub verb: Option<String>,
    /// Canonical names of those the heading addresses (DOMAIN.md), in the order written.
    pub addressees: Vec<String>,
    /// Those named after "in close consultation/cooperation/collaboration with".
    pub partners: Vec<String>,
    pub items: Vec<Item>,
    pub start: usize,
    pub end: usize,
}

/// A numbered item, a clause of rules, or an unnumbered paragraph of a block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// As written: "1", "2bis", "b)", "b)bis", "ii)", "–", "1bis.1.1.3", "NOTE"; null when unnumbered. Kept
    /// inline up to 24 bytes: nearly every label, with no allocation.
    pub label: Option<CompactString>,
    /// Cleaned text, paragraphs joined by "\n".
    pub text: Text,
    pub start: usize,
    pub end: usize,
    /// Names the item itself addresses ("RAG, TSAG and TDAG to continue ...").
    pub addressees: Vec<String>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// "1", "1bis".
    pub number: String,
    pub title: Option<String>,
    pub items: Vec<Item>,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annex {
    /// "appendix" or "annex".
    pub kind: String,
    /// "I", "A", "1"; null for a lone "ANNEX".
    pub number: Option<String>,
    pub title: Option<String>,
    pub items: Vec<Item>,
    pub start: usize,
    pub end: usize,
}

/// A citation in the text and, where it could be resolved, what it cites.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    /// Always `text[start..end]` of the document, so a span of it.
    pub text: Text,
    pub start: usize,
    pub end: usize,
    pub target: Option<Target>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// resolution | decision | recommendation | opinion | question | provision | action_line | un_document | document
    /// (a fixed word, so not allocated per citation)
    pub kind: Cow<'static, str>,
    /// "PP", "WTSA", "Council", "ITU-T", "ITU-D", "Convention", "Constitution", "WSIS", "UN", "PP-22", ...
    pub body: Option<Cow<'static, str>>,
    /// "50", "A.1", "3/2", "191C", "C5", "A/RES/73/6", "C-188-R1".
    pub number: Text,
    /// Boxed: most citations have none, and there are hundreds of thousands in a conference's documents.
    pub revision: Option<Box<Revision>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Footnote {
    /// Word's footnote id ("1").
    pub id: String,
    /// The mark shown in the text ("3", "bis").
    pub mark: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Where the reference mark stands in the text, when found.
    pub reference_start: Option<usize>,
}

/// One row of a summary's reference table: a PP instrument, its contributions, the Sector texts it affects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferenceRow {
    /// As labelled: "130", "Decision 5".
    pub instrument: CompactString,
    pub title: String,
    pub abrogated: bool,
    pub contributions: Vec<Contribution>,
    pub affects: Vec<Affected>,
    pub focal_points: Vec<String>,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    /// "C-197", "C-188-R1", "TD/83", "Doc 83 A16".
    pub document: CompactString,
    /// Approval code: "A", "AR", "AWA", "NOC", "NOR"; null when not given.
    pub approval: Option<CompactString>,
    /// Action code: "ADD", "MOD", "SUP", "NOC", "REC"; null when not given.
    pub action: Option<CompactString>,
    /// What follows the action: "REC3", "REC#27", "(Annex 1 and 2)".
    pub note: Option<CompactString>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Affected {
    /// "WTSA".
    pub body: CompactString,
    pub number: CompactString,
    pub title: Option<String>,
    pub suppressed: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    pub elections: Vec<Election>,
    pub amounts: Vec<Amount>,
    pub quantities: Vec<Quantity>,
    pub events: Vec<Event>,
    pub status_codes: Vec<StatusCode>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Election {
    pub person: String,
    pub country: Option<String>,
    pub post: String,
    /// ISO 8601 date ("2023-01-01").
    pub term_start: Option<String>,
    pub term_end: Option<String>,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    pub text: CompactString,
    /// ISO 4217 code: "CHF", "USD", "EUR".
    pub currency: CompactString,
    /// Exact value in the currency's unit, as a decimal string ("651700000", "318000", "54400000").
    pub value: CompactString,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub text: CompactString,
    /// The exact value as a reduced fraction: "343 11/16" is 5499/16.
    pub numerator: i64,
    pub denominator: i64,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// "WTSA-24", "PP-22".
    pub name: String,
    pub year: Option<u16>,
    pub month: Option<u8>,
    pub place: Option<String>,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusCode {
    pub code: String,
    pub meaning: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// Something the parser noticed and could not place, or had to guess.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub start: usize,
    pub end: usize,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn warning(start: usize, end: usize, message: impl Into<String>) -> Self {
        Self { start, end, severity: Severity::Warning, message: message.into() }
    }
    pub fn info(start: usize, end: usize, message: impl Into<String>) -> Self {
        Self { start, end, severity: Severity::Info, message: message.into() }
    }
}

/// The decoded text of a document, shared by the values of its model that are spans of it.
pub type SourceText = Arc<String>;

/// A value of the model that is usually a span of the document's text, so that a large document is not held
/// twice (once as text, once as item and citation texts). In JSON it is a plain string; read back from JSON it
/// owns its string. A span keeps the whole text alive: copy the value (`to_string`) to keep it alone.
#[derive(Clone)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    /// `source[start..end]` as written.
    Span {
        source: SourceText,
        start: u32,
        end: u32,
    },
    /// `clean(&source[start..end])`: cleaned again each time it is read, which is rarer than keeping it.
    Cleaned {
        source: SourceText,
        start: u32,
        end: u32,
    },
    Owned(Box<str>),
}

impl Text {
    /// `source[range]` as written; an owned copy if the range does not fit in `u32` offsets.
    #[inline]
    pub fn span(source: &SourceText, range: Range<usize>) -> Self {
        match (u32::try_from(range.start), u32::try_from(range.end)) {
            (Ok(start), Ok(end)) if source.get(range.clone()).is_some() => {
                Self(Repr::Span { source: Arc::clone(source), start, end })
            }
            _ => Self::from(source.get(range).unwrap_or_default()),
        }
    }

    /// The value [`crate::clean::clean`] makes of `raw`, which is `source[range]`; `unchanged` says that
    /// cleaning leaves it as it is ([`crate::clean::changes`]): then it is kept as the span.
    pub(crate) fn cleaned(source: &SourceText, range: Range<usize>, raw: &str, unchanged: bool) -> Self {
        let fits = source.get(range.clone()).is_some_and(|r| r.as_ptr() == raw.as_ptr() && r.len() == raw.len());
        match (u32::try_from(range.start), u32::try_from(range.end)) {
            (Ok(start), Ok(end)) if fits => {
                let source = Arc::clone(source);
                if unchanged {
                    Self(Repr::Span { source, start, end })
                } else {
                    Self(Repr::Cleaned { source, start, end })
                }
            }
            _ if unchanged => Self::from(raw),
            _ => Self::from(crate::clean::clean(raw)),
        }
    }

    pub fn as_str(&self) -> Cow<'_, str> {
        match &self.0 {
            Repr::Span { source, start, end } => Cow::Borrowed(&source[*start as usize..*end as usize]),
            Repr::Cleaned { source, start, end } => {
                Cow::Owned(crate::clean::clean(&source[*start as usize..*end as usize]))
            }
            Repr::Owned(s) => Cow::Borrowed(s),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.as_str().is_empty()
    }
}

impl Default for Text {
    fn default() -> Self {
        Self(Repr::Owned(Box::default()))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Self(Repr::Owned(s.into_boxed_str()))
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Self(Repr::Owned(s.into()))
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_str())
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.as_str(), f)
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        other == self
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        other == self
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::from)
    }
}
