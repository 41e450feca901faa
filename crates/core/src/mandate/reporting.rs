//! Cadence, reporting target and deadline, read from a mandate's action text.
//!
//! The text is an operative item, cleaned ("to report annually to the Council on the implementation of this
//! resolution"). It is read as a list of word tokens over an ASCII-lowercased copy, which has the same bytes
//! and length as the original, so every token is a slice at char boundaries of both: no rule can panic on a
//! multi-byte character, and a phrase kept "as written" is sliced from the original.
//!
//! - **cadence**: fixed phrases ("annually", "on an annual basis", "at each session", "to each Plenipotentiary
//!   Conference", "regularly"); the most specific one wins, so "regularly update ... and report annually" is
//!   annual. "annual report" counts only in an item that is not a recital or a note ("recalling the annual report
//!   of Council" asks nothing).
//! - **report_to**: only when the item asks for a report, a submission or information to go to a body: a
//!   trigger ("report", "submit", "transmit", "present", "provide ... a report", "prepare a report", "inform",
//!   "keep ... informed", "provide X with a summary") followed by "to" and the body. A body named directly after
//!   the trigger ("report to relevant Assemblies or Conferences") is kept as written when it is not a canonical
//!   name; further on in the clause only a canonical name counts, so "to facilitate the participation of all
//!   Member States" is not a target. A second body joined by "and" ("to the next Plenipotentiary Conference and
//!   annually to Council") goes to `also_report_to`.
//! - **deadline**: the target itself when it names one meeting ("the 2024 session of Council", "the next
//!   Plenipotentiary Conference", "WTSA-24", "the General Assembly at its seventy-ninth session"), otherwise the
//!   first "by 2025", "before the end of 2024", "one month before the Council session" in the text.
//!
//! Cadence and deadline are read from the whole item, not tied to one target.

use serde::{Deserialize, Serialize};

/// How often the action recurs, where the text says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    Annually,
    /// Every two years ("biennially", "every two years"), a UN rhythm.
    Biennially,
    /// At each session or meeting of a body that meets more than once in four years (Council, TSAG).
    EachSession,
    /// Every four years: each Plenipotentiary Conference, each WTSA or WTDC, each study period.
    EveryFourYears,
    Regularly,
}

/// A deadline as the text gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// As written: "the 2024 session of Council", "WTSA-24", "by 2025", "one month before the Council session".
    pub text: String,
    /// The year when the text gives it ("2024", "WTSA-24": two-digit years are 20xx); null for "the next
    /// Plenipotentiary Conference".
    pub year: Option<u16>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reporting {
    pub cadence: Option<Cadence>,
    /// Canonical name of the body reported to: "Council", "PP", "WTSA", "TSAG", "Secretary-General",
    /// "Member States", "UNGA", ...; a body that has no canonical name is kept as written ("relevant Assemblies or
    /// Conferences", "CWG-WSIS&SDG"). The first one the text names.
    pub report_to: Option<String>,
    /// Further bodies the same sentence reports to, joined by "and" or "as well as" ("to report to the next
    /// Plenipotentiary Conference and annually to Council": report_to "PP", also_report_to ["Council"]).
    /// Omitted from JSON when empty; absent means empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_report_to: Vec<String>,
    pub deadline: Option<Deadline>,
}

impl Reporting {
    pub fn read(action: &str) -> Reporting {
        let lower = action.to_ascii_lowercase();
        let t = Tokens::new(action, &lower);
        let instruction = !t.starts_as_recital();
        let (report_to, also_report_to, target_span) = match t.target(instruction) {
            Some(found) => (Some(found.name), found.also, Some((found.from, found.to))),
            None => (None, Vec::new(), None),
        };
        let asks_report = report_to.is_some() || t.has_trigger();
        let cadence = t.cadence(instruction && asks_report);
        let deadline = target_span.and_then(|(from, to)| t.target_deadline(from, to)).or_else(|| t.anchored_deadline());
        Reporting { cadence, report_to, also_report_to, deadline }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Word,
    /// One ASCII punctuation byte (or a line break).
    Punct(u8),
}

struct Tokens<'a> {
    text: &'a str,
    lower: &'a str,
    toks: Vec<(Tok, usize, usize)>,
}

/// A body found after a trigger: its name, the token range of the phrase ("the 2024 session of Council"), and
/// the bodies joined to it.
struct Found {
    name: String,
    from: usize,
    to: usize,
    also: Vec<String>,
}

/// Bytes that belong to a word: letters, digits, and the joiners of "Secretary-General", "CWG-WSIS&SDG",
/// "and/or", "ITU's"; any non-ASCII byte, so a multi-byte character is never split.
fn word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'&' | b'/' | b'\'') || b >= 0x80
}

/// Words after which "report" is a verb ("to report", "and report", "shall report", "annually report"); after
/// anything else ("the annual report", "technical reports") it is a noun.
const VERB_BEFORE_REPORT: &[&str] = &[
    "to",
    "and",
    "or",
    "shall",
    "should",
    "will",
    "would",
    "must",
    "may",
    "also",
    "further",
    "then",
    "annually",
    "regularly",
    "periodically",
    "biennially",
    "thereafter",
    "subsequently",
    "jointly",
    "directly",
];

/// Adverbs that may stand between a trigger and its "to": "report annually to", "report back to".
const ADVERBS: &[&str] = &[
    "annually",
    "regularly",
    "periodically",
    "biennially",
    "yearly",
    "back",
    "thereon",
    "thereupon",
    "accordingly",
    "also",
    "directly",
    "jointly",
    "further",
    "promptly",
    "formally",
];

/// Nouns that make "provide", "prepare", "present" or "send" a report: "provide to the Council ... a report".
const REPORT_NOUNS: &[&str] = &[
    "report",
    "reports",
    "information",
    "summary",
    "summaries",
    "update",
    "updates",
    "input",
    "inputs",
    "data",
    "contribution",
    "contributions",
    "proposal",
    "proposals",
    "feedback",
    "findings",
    "results",
    "account",
];

/// Words that may stand before a body's name in "to X" without changing which body it is: "to the 2024 session
/// of Council", "to the next Plenipotentiary Conference", "to the relevant annual reports of the ITU
/// Secretary-General".
const MODIFIERS: &[&str] = &[
    "the",
    "its",
    "their",
    "itu",
    "itu's",
    "next",
    "forthcoming",
    "upcoming",
    "following",
    "subsequent",
    "relevant",
    "respective",
    "each",
    "every",
    "ordinary",
    "regular",
    "annual",
    "session",
    "sessions",
    "meeting",
    "meetings",
    "of",
    "report",
    "reports",
    "un",
    "all",
];

/// Words that make "X to" something other than a destination: "related to", "according to", "with regard to".
const NOT_A_DESTINATION_BEFORE: &[&str] = &[
    "related",
    "relating",
    "relevant",
    "according",
    "due",
    "regard",
    "respect",
    "pursuant",
    "addition",
    "prior",
    "contributes",
    "contribute",
    "contributing",
    "attention",
    "access",
    "subject",
    "referred",
    "annexed",
    "attached",
    "pertaining",
    "applicable",
    "linked",
    "reference",
    "response",
    "up",
    "order",
    "able",
];

/// Canonical bodies, as lowercase word sequences. An acronym may carry a two-digit year ("WTSA-24", "PP-26").
const BODIES: &[(&[&str], &str)] = &[
    (&["council"], "Council"),
    (&["plenipotentiary", "conference"], "PP"),
    (&["pp"], "PP"),
    (&["world", "telecommunication", "standardization", "assembly"], "WTSA"),
    (&["wtsa"], "WTSA"),
    (&["world", "telecommunication", "development", "conference"], "WTDC"),
    (&["wtdc"], "WTDC"),
    (&["radiocommunication", "assembly"], "RA"),
    (&["ra"], "RA"),
    (&["world", "radiocommunication", "conference"], "WRC"),
    (&["wrc"], "WRC"),
    (&["telecommunication", "standardization", "advisory", "group"], "TSAG"),
    (&["tsag"], "TSAG"),
    (&["radiocommunication", "advisory", "group"], "RAG"),
    (&["rag"], "RAG"),
    (&["telecommunication", "development", "advisory", "group"], "TDAG"),
    (&["tdag"], "TDAG"),
    (&["inter-sector", "coordination", "group"], "ISCG"),
    (&["iscg"], "ISCG"),
    (&["secretary-general"], "Secretary-General"),
    (&["secretary", "general"], "Secretary-General"),
    (&["director", "of", "the", "radiocommunication", "bureau"], "Director BR"),
    (&["director", "of", "the", "telecommunication", "standardization", "bureau"], "Director TSB"),
    (&["director", "of", "the", "telecommunication", "development", "bureau"], "Director BDT"),
    (&["director", "of", "br"], "Director BR"),
    (&["director", "of", "tsb"], "Director TSB"),
    (&["director", "of", "bdt"], "Director BDT"),
    (&["member", "states"], "Member States"),
    // The UN bodies, for UN resolutions written in the same grammar.
    (&["united", "nations", "general", "assembly"], "UNGA"),
    (&["general", "assembly"], "UNGA"),
    (&["unga"], "UNGA"),
    (&["economic", "and", "social", "council"], "ECOSOC"),
    (&["ecosoc"], "ECOSOC"),
    (&["human", "rights", "council"], "Human Rights Council"),
];

/// Words after a body's name that make it an instrument or a subgroup, not the body: "Council Resolution 1305",
/// "Council working group".
const NOT_THE_BODY_AFTER: &[&str] = &[
    "resolution",
    "resolutions",
    "decision",
    "decisions",
    "recommendation",
    "recommendations",
    "document",
    "documents",
    "working",
    "group",
    "groups",
    "secretariat",
];

/// First words of a recital or of a note ("recalling the annual report of Council", "takes note of the report").
const RECITAL_STARTS: &[&str] = &[
    "recalling",
    "noting",
    "considering",
    "recognizing",
    "recognising",
    "bearing",
    "having",
    "aware",
    "mindful",
    "welcoming",
    "taking",
    "acknowledging",
    "emphasizing",
    "convinced",
    "concerned",
    "reaffirming",
    "takes",
    "notes",
    "welcomes",
    "acknowledges",
    "recalls",
    "reaffirms",
    "expresses",
    "observing",
];

/// Words that end a body's name kept as written: "relevant Assemblies or Conferences on the participation".
const PHRASE_ENDS: &[&str] = &[
    "on",
    "with",
    "in",
    "for",
    "at",
    "by",
    "before",
    "about",
    "regarding",
    "concerning",
    "through",
    "and",
    "a",
    "an",
    "that",
    "which",
    "who",
    "to",
    "of",
    "as",
    "thereon",
    "annually",
    "regularly",
    "periodically",
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const NUMBER_WORDS: &[&str] =
    &["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "a", "at", "least"];

impl<'a> Tokens<'a> {
    fn new(text: &'a str, lower: &'a str) -> Self {
        let bytes = lower.as_bytes();
        let mut toks = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if word_byte(b) {
                let start = i;
                while i < bytes.len() && word_byte(bytes[i]) {
                    i += 1;
                }
                toks.push((Tok::Word, start, i));
                continue;
            }
            if b == b'\n' || !b.is_ascii_whitespace() {
                toks.push((Tok::Punct(b), i, i + 1));
            }
            i += 1;
        }
        // A word's closing quote or apostrophe is not part of it: "Sectors' activities".
        for t in &mut toks {
            while t.0 == Tok::Word && t.2 > t.1 + 1 && matches!(bytes[t.2 - 1], b'\'' | b'-' | b'/') {
                t.2 -= 1;
            }
        }
        Tokens { text, lower, toks }
    }

    fn len(&self) -> usize {
        self.toks.len()
    }

    /// The lowercase word at `i`, or "" for punctuation and past the end.
    fn w(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(&(Tok::Word, s, e)) => &self.lower[s..e],
            _ => "",
        }
    }

    fn is(&self, i: usize, words: &[&str]) -> bool {
        let w = self.w(i);
        !w.is_empty() && words.contains(&w)
    }

    /// Clause boundaries: a reporting target is looked for up to the end of its clause.
    fn ends_clause(&self, i: usize) -> bool {
        matches!(self.toks.get(i), Some(&(Tok::Punct(b';' | b'.' | b':' | b'\n'), _, _)))
    }

    /// The original text of tokens `from..=to`.
    fn written(&self, from: usize, to: usize) -> String {
        self.text[self.toks[from].1..self.toks[to].2].to_owned()
    }

    fn starts_as_recital(&self) -> bool {
        self.is(0, RECITAL_STARTS)
    }

    /// Is token `i` a word that asks for a report or a submission, in its context?
    fn trigger(&self, i: usize) -> Option<Trigger> {
        let w = self.w(i);
        let prev = if i == 0 { "" } else { self.w(i - 1) };
        let prev_is_punct = i == 0 || matches!(self.toks[i - 1].0, Tok::Punct(_));
        match w {
            // The verb only: "reporting to the regional director" is a line of management, "the report" a noun.
            "report" | "reports" if prev_is_punct || VERB_BEFORE_REPORT.contains(&prev) => Some(Trigger::Any),
            "submit" | "submits" | "transmit" | "transmits" | "forward" | "forwards" => Some(Trigger::Any),
            // "the present resolution" is no trigger.
            "present" | "presents" if matches!(prev, "the" | "this" | "at" | "its" | "their") => None,
            "provide" | "provides" | "prepare" | "prepares" | "present" | "presents" | "send" | "sends" | "include"
            | "includes" => Some(Trigger::WithReportNoun),
            "inform" | "informs" | "update" | "updates" | "keep" | "keeps" | "brief" | "briefs" => {
                Some(Trigger::Inform)
            }
            _ => None,
        }
    }

    fn has_trigger(&self) -> bool {
        (0..self.len()).any(|i| match self.trigger(i) {
            Some(Trigger::Any) => true,
            Some(Trigger::WithReportNoun) => self.report_noun_in_clause(i),
            _ => false,
        })
    }

    fn clause_end(&self, from: usize) -> usize {
        (from..self.len()).find(|&k| self.ends_clause(k)).unwrap_or(self.len())
    }

    fn report_noun_in_clause(&self, i: usize) -> bool {
        (i + 1..self.clause_end(i)).any(|k| self.is(k, REPORT_NOUNS))
    }

    /// Is the report noun the object of the verb at `i` whose destination is tokens `from..=to`? It stands
    /// between them ("prepare a report on ... to the Council") or shortly after the destination ("provide to the
    /// Council, on an annual basis, a report"); "provide assistance, if requested, to Member States" has none.
    fn report_noun_is_object(&self, i: usize, from: usize, to: usize) -> bool {
        let after = to + 1..(to + 10).min(self.clause_end(to + 1));
        (i + 1..from).chain(after).any(|k| self.is(k, REPORT_NOUNS))
    }

    /// The first body the text asks to report to.
    fn target(&self, instruction: bool) -> Option<Found> {
        for i in 0..self.len() {
            let found = match self.trigger(i) {
                Some(Trigger::Any) => self.target_after(i, true),
                Some(Trigger::WithReportNoun) if self.report_noun_in_clause(i) => self
                    .target_after(i, true)
                    .filter(|&(_, from, to)| self.report_noun_is_object(i, from, to))
                    .or_else(|| self.provide_with(i)),
                Some(Trigger::Inform) => self.informed(i),
                // "to include in his annual report to the Council": a report noun directly followed by its
                // destination, in an item that asks something.
                None if instruction && self.is(i, &["report", "reports"]) && self.is(i + 1, &["to"]) => {
                    self.body_at(i + 2).map(|(name, end)| (name, i + 2, end))
                }
                _ => None,
            };
            if let Some((name, from, to)) = found {
                let also = self.joined_bodies(to + 1, &name);
                return Some(Found { name, from, to, also });
            }
        }
        None
    }

    /// "report [annually] to X" (X kept as written when `keep` and not canonical), else the first "to <body>"
    /// later in the clause ("prepare a report on ... to the ITU Council").
    fn target_after(&self, i: usize, keep: bool) -> Option<(String, usize, usize)> {
        let mut j = i + 1;
        while self.is(j, ADVERBS) {
            j += 1;
        }
        // An aside between commas: "to provide to the Council, on an annual basis, a report" has its "to" first;
        // "to report, as appropriate, to the Council" after the aside.
        if matches!(self.toks.get(j), Some(&(Tok::Punct(b','), _, _)))
            && let Some(k) = (j + 1..(j + 8).min(self.len())).find(|&k| matches!(self.toks[k].0, Tok::Punct(b',')))
            && self.is(k + 1, &["to"])
        {
            j = k + 1;
        }
        if self.is(j, &["to"]) {
            if let Some((name, end)) = self.body_at(j + 1) {
                return Some((name, j + 1, end));
            }
            if keep && let Some((name, end)) = self.as_written(j + 1) {
                return Some((name, j + 1, end));
            }
        }
        // "at" too: "to report on the results at each meeting of TSAG" reports to TSAG.
        let end = self.clause_end(i);
        (i + 1..end)
            .filter(|&k| self.is(k, &["to", "at"]) && !self.is(k.wrapping_sub(1), NOT_A_DESTINATION_BEFORE))
            .find_map(|k| self.body_at(k + 1).map(|(name, e)| (name, k + 1, e)))
    }

    /// "provide CWG-WSIS&SDG with a comprehensive summary": the receiver stands between the verb and "with".
    fn provide_with(&self, i: usize) -> Option<(String, usize, usize)> {
        let with = (i + 1..(i + 7).min(self.len()))
            .take_while(|&k| self.toks[k].0 == Tok::Word)
            .find(|&k| self.is(k, &["with"]))?;
        let noun = (with + 1..(with + 5).min(self.len())).any(|k| self.is(k, REPORT_NOUNS));
        if !noun || with == i + 1 {
            return None;
        }
        match self.body_at(i + 1) {
            Some((name, end)) if end + 1 == with => Some((name, i + 1, end)),
            Some(_) => None,
            None => {
                let from = if self.is(i + 1, &["the"]) { i + 2 } else { i + 1 };
                // Only a capitalised name is kept as written: "provide them with" or "provide developing
                // countries with" names no body.
                (from < with && self.text[self.toks[from].1..].starts_with(|c: char| c.is_uppercase()))
                    .then(|| (self.written(from, with - 1), from, with - 1))
            }
        }
    }

    /// "inform the Council of ...", "keep Member States informed", "update Member States on ...".
    fn informed(&self, i: usize) -> Option<(String, usize, usize)> {
        let (name, end) = self.body_at(i + 1)?;
        if self.is(i, &["keep", "keeps"]) && !self.is(end + 1, &["informed", "updated", "apprised", "abreast"]) {
            return None;
        }
        Some((name, i + 1, end))
    }

    /// Bodies joined to the target in its sentence: "... and annually to Council", "as well as to TSAG".
    fn joined_bodies(&self, from: usize, first: &str) -> Vec<String> {
        let mut also: Vec<String> = Vec::new();
        let end = self.clause_end(from);
        let mut k = from;
        while k < end {
            if self.is(k, &["to"]) {
                let mut b = k.wrapping_sub(1);
                while self.is(b, ADVERBS) {
                    b = b.wrapping_sub(1);
                }
                let joined =
                    self.is(b, &["and", "or"]) || (self.is(b, &["as"]) && self.is(b.wrapping_sub(1), &["well"]));
                if joined && let Some((name, e)) = self.body_at(k + 1) {
                    if name != first && !also.contains(&name) {
                        also.push(name);
                    }
                    k = e;
                }
            }
            k += 1;
        }
        also
    }

    /// A canonical body starting at token `i`, after modifiers: (name, index of its last token).
    fn body_at(&self, i: usize) -> Option<(String, usize)> {
        let mut j = i;
        // Ordinals too: "the seventy-ninth session of the General Assembly".
        while self.is(j, MODIFIERS)
            || self.year_at(j).is_some()
            || (self.w(j).ends_with("th") && self.is(j + 1, &["session"]))
        {
            j += 1;
        }
        // The modifiers must lead to a name: "to the relevant annual reports of the ITU Secretary-General".
        if self.w(j).starts_with("cwg-") {
            return Some((self.written(j, j), j));
        }
        for (words, name) in BODIES {
            let last = j + words.len() - 1;
            let matches = words.iter().enumerate().all(|(n, want)| {
                let w = self.w(j + n);
                // The last word of an acronym may carry a year: "wtsa-24".
                w == *want || (n + 1 == words.len() && acronym_year(w).is_some_and(|(a, _)| a == *want))
            });
            if matches && !self.is(last + 1, NOT_THE_BODY_AFTER) {
                return Some(((*name).to_owned(), last));
            }
        }
        None
    }

    /// A body named right after "report to" that is not canonical, kept as written up to the end of its name:
    /// "relevant Assemblies or Conferences".
    fn as_written(&self, i: usize) -> Option<(String, usize)> {
        let from = if self.is(i, &["the"]) { i + 1 } else { i };
        let mut end = from;
        while end < self.len() && self.toks[end].0 == Tok::Word && !self.is(end, PHRASE_ENDS) {
            end += 1;
        }
        // "or" joins two names ("Assemblies or Conferences"); a phrase ending on it is cut before it.
        while end > from && self.is(end - 1, &["or"]) {
            end -= 1;
        }
        (end > from && end - from <= 8).then(|| (self.written(from, end - 1), end - 1))
    }

    /// A four-digit year at token `i`: "2024".
    fn year_at(&self, i: usize) -> Option<u16> {
        let w = self.w(i);
        (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) && (w.starts_with("19") || w.starts_with("20")))
            .then(|| w.parse().ok())
            .flatten()
    }

    /// A year given by token `i`: "2024", or the year of "WTSA-24", "PP-26".
    fn year_of(&self, i: usize) -> Option<u16> {
        self.year_at(i).or_else(|| acronym_year(self.w(i)).map(|(_, y)| y))
    }

    /// The target phrase as a deadline when it names one meeting: a year ("the 2024 session of Council",
    /// "WTSA-24"), "next" ("the next Plenipotentiary Conference"), or a session after the name ("the General
    /// Assembly at its seventy-ninth session").
    fn target_deadline(&self, from: usize, to: usize) -> Option<Deadline> {
        let mut to = to;
        if self.is(to + 1, &["at"])
            && self.is(to + 2, &["its"])
            && let Some(s) = (to + 3..(to + 6).min(self.len())).find(|&k| self.is(k, &["session", "meeting"]))
        {
            to = s;
        }
        let year = (from..=to).find_map(|k| self.year_of(k));
        let one = year.is_some()
            || (from..=to).any(|k| {
                self.is(k, &["next", "forthcoming", "upcoming", "following", "subsequent"])
                    || (self.is(k, &["session", "meeting"]) && self.is(k.wrapping_sub(2), &["its"]))
            });
        one.then(|| Deadline { text: self.written(from, to), year })
    }

    /// The first "by 2025", "before the end of 2024", "no later than ...", "one month before the Council session".
    fn anchored_deadline(&self) -> Option<Deadline> {
        for i in 0..self.len() {
            let after = if self.is(i, &["by", "before"]) {
                i + 1
            } else if (self.is(i, &["later"])
                && self.is(i + 1, &["than"])
                && self.is(i.wrapping_sub(1), &["no", "not"]))
                || (self.is(i, &["prior"]) && self.is(i + 1, &["to"]))
            {
                i + 2
            } else {
                continue;
            };
            let Some(end) = self.deadline_phrase(after, self.is(i, &["by"])) else { continue };
            // "one month before", "at least two weeks prior to": the interval belongs to the deadline.
            let mut start = if self.is(i, &["later"]) { i - 1 } else { i };
            if self.is(start.wrapping_sub(1), &["day", "days", "week", "weeks", "month", "months"]) {
                start -= 1;
                while start > 0
                    && (self.is(start - 1, NUMBER_WORDS)
                        || self.w(start - 1).bytes().all(|b| b.is_ascii_digit()) && !self.w(start - 1).is_empty())
                {
                    start -= 1;
                }
            }
            let year = (after..=end).find_map(|k| self.year_of(k));
            return Some(Deadline { text: self.written(start, end), year });
        }
        None
    }

    /// The phrase after "by"/"before" when it names a time: the index of its last token. It ends at its first
    /// year ("by 2025 at the latest"), or before a word that starts something else ("before the Council session
    /// on ..."). "by developing Recommendations" and "by the Secretary-General" name no time.
    fn deadline_phrase(&self, from: usize, by: bool) -> Option<usize> {
        const STOPS: &[&str] = &["on", "with", "for", "and", "to", "that", "which", "including", "in", "a", "an", "at"];
        let mut end = from;
        while end < self.len() && end < from + 10 && self.toks[end].0 == Tok::Word {
            if end > from && self.is(end, STOPS) {
                break;
            }
            if self.year_of(end).is_some() {
                // "before the 2024 session of Council" goes on to the body; "by 2025" ends at the year.
                let session = self.is(end + 1, &["session", "meeting"]);
                return Some(if session { self.body_at(end).map_or(end, |(_, e)| e) } else { end });
            }
            end += 1;
        }
        let last = end.checked_sub(1).filter(|&l| l >= from)?;
        let time = (from..=last).any(|k| {
            self.is(k, &["end", "next", "forthcoming", "upcoming", "session", "meeting"]) || self.is(k, MONTHS)
        });
        // "before the Plenipotentiary Conference" names a time; "by the Council" names an agent.
        let body = !by && self.body_at(from).is_some();
        (time || body).then_some(last)
    }

    /// The cadence: the most specific phrase the text uses, the first of them when several.
    fn cadence(&self, annual_report_counts: bool) -> Option<Cadence> {
        // Iterating in text order, a later phrase wins only when it is more specific than "regularly".
        let mut best: Option<Cadence> = None;
        for i in 0..self.len() {
            if let Some(c) = self.cadence_at(i, annual_report_counts)
                && (best.is_none() || (best == Some(Cadence::Regularly) && c != Cadence::Regularly))
            {
                best = Some(c);
            }
        }
        best
    }

    /// A cadence phrase starting at token `i`: the cadence.
    fn cadence_at(&self, i: usize, annual_report_counts: bool) -> Option<Cadence> {
        use Cadence::*;
        let seq = |words: &[&str]| words.iter().enumerate().all(|(n, w)| self.w(i + n) == *w);
        let w = self.w(i);
        match w {
            "annually" | "yearly" => return Some(Annually),
            "biennially" => return Some(Biennially),
            "quadrennially" => return Some(EveryFourYears),
            "regularly" | "periodically" => return Some(Regularly),
            _ => {}
        }
        if seq(&["on", "an", "annual", "basis"]) || seq(&["once", "a", "year"]) {
            return Some(Annually);
        }
        if seq(&["on", "a", "biennial", "basis"])
            || seq(&["every", "two", "years"])
            || seq(&["every", "second", "year"])
        {
            return Some(Biennially);
        }
        if seq(&["on", "a", "regular", "basis"]) || seq(&["on", "a", "periodic", "basis"]) {
            return Some(Regularly);
        }
        if seq(&["every", "four", "years"]) || seq(&["every", "fourth", "year"]) {
            return Some(EveryFourYears);
        }
        // "annual report(s)" says how often only when the item asks for one: "recalling the annual report of
        // Council" does not.
        if annual_report_counts && w == "annual" && self.is(i + 1, &["report", "reports"]) {
            return Some(Annually);
        }
        if !matches!(w, "each" | "every") {
            return None;
        }
        // "each year", "each session", "each Plenipotentiary Conference", "each study period".
        let next = self.w(i + 1);
        match next {
            "year" => Some(Annually),
            "study" if self.is(i + 2, &["period", "periods"]) => Some(EveryFourYears),
            "session" | "meeting" | "sessions" | "meetings" => {
                // "each session of the Plenipotentiary Conference" is every four years.
                let of_body = if self.is(i + 2, &["of"]) { self.body_at(i + 3).map(|(b, _)| b) } else { None };
                match of_body.as_deref() {
                    Some("PP" | "WTSA" | "WTDC" | "RA") => Some(EveryFourYears),
                    _ => Some(EachSession),
                }
            }
            "of" if self.is(i + 2, &["its"]) && self.is(i + 3, &["sessions", "meetings"]) => Some(EachSession),
            _ => match self.body_at(i + 1) {
                // "each Council session", "each TSAG meeting".
                Some((_, e)) if self.is(e + 1, &["session", "meeting"]) => Some(EachSession),
                Some((b, _)) if matches!(b.as_str(), "PP" | "WTSA" | "WTDC" | "RA") => Some(EveryFourYears),
                _ => None,
            },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trigger {
    /// "report", "submit", "transmit", "forward": whatever goes to the body counts.
    Any,
    /// "provide", "prepare", "present", "send", "include": only with a report, information, summary ... in the
    /// clause ("provide assistance to Member States" is no report).
    WithReportNoun,
    /// "inform X", "keep X informed", "update X on": X right after the verb.
    Inform,
}

/// "wtsa-24" -> ("wtsa", 2024): an acronym with a two-digit year of this century.
fn acronym_year(word: &str) -> Option<(&str, u16)> {
    let (acronym, yy) = word.rsplit_once('-')?;
    if yy.len() != 2 || !yy.bytes().all(|b| b.is_ascii_digit()) || acronym.is_empty() {
        return None;
    }
    Some((acronym, 2000 + yy.parse::<u16>().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_panics_on_multibyte_text() {
        for s in [
            "",
            "é",
            "to report to the Cöuncil’s",
            "report to",
            "to",
            "by",
            "’to report annually to ‘Council’",
            "each",
            "one month before",
        ] {
            let _ = Reporting::read(s);
        }
    }
}
