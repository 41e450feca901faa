//! Citations: resolutions, decisions, Convention and Constitution provisions, Recommendations, Questions,
//! WSIS Action Lines, UN symbols and conference documents, each resolved to a target where possible.
//!
//! One Aho-Corasick pass over the text finds trigger words ("Resolution", "No.", "ITU-T", "Doc", ...) and one
//! memchr pass finds the "/" and "-" of symbols ("C-189", "TD/83", "A/RES/73/6");
//! a hand-written parser reads the citation from each hit, looking back a word or two for a qualifier
//! ("Council", "WTSA", "revised", "ITU-D Study") and forward for a revision ("(Rev. Busan, 2014)"), a list
//! ("Resolutions 50 (...), 52 (...) and Resolution 58 (...)") and a body ("of the Plenipotentiary Conference",
//! "of the ITU Convention"). Nothing is allocated per byte; every offset is on a character boundary.
//!
//! Choices, for callers:
//! - A list gives one reference per number, each with its own span: "Council Resolutions 1305 and 1336" is
//!   "Council Resolutions 1305" and "1336"; the qualifier before the list and the body after it
//!   ("Articles 17, 18, 19, 20 of the ITU Constitution") apply to every number; the body words belong to the
//!   span of the last one.
//! - A range of provisions is one reference: "Nos. 151 to 154" and "Nos. 69-74" have numbers "151-154" and
//!   "69-74".
//! - A provision with no body of its own takes the body of the next provision in the same clause:
//!   "Nos. 211 and 214 (relating to ITU-D) and No. 215 of the Convention" are all Convention provisions.
//! - "revised Decision 5" includes "revised" in the span; its revision is `{revised: true}` with nothing else.
//! - Conference names ("WTSA-24", "PP-22") are not references here; they are events (see [`crate::facts`]).
//! - A bare "Resolution 25" has body null; "this resolution" is no reference. A number written `70/1` is a UN
//!   General Assembly resolution ("UNGA"), `2019/1` an ECOSOC one.
//! - A PP committee recommendation "COM5 Recommendation 5" has body "COM5"; an ITU-T or ITU-R Recommendation
//!   has body "ITU-T" or "ITU-R" and the number as written ("A.1", "M.1036").
//! - Documents ("C-188-R1", "TD/83", "Doc 83 A16", "C22/25") have body null; UN symbols have body "UN".
//! - A revision "(Rev.WRC-19)" keeps the conference as written and its year (2019).

use std::cell::Cell;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind, packed};

use std::borrow::Cow;

use crate::model::{CompactString, Reference, Revision, SourceText, Target, Text};

/// Every citation in `text`, in order of appearance, with byte offsets into `text`.
///
/// ```
/// let text = "Resolution 72 (Rev. Busan, 2014) of the Plenipotentiary Conference and Council Resolutions 1305 and 1336";
/// let refs = mandates_core::references::extract(text);
/// assert_eq!(refs.len(), 3);
/// assert_eq!(refs[0].text, "Resolution 72 (Rev. Busan, 2014) of the Plenipotentiary Conference");
/// let target = refs[0].target.as_ref().unwrap();
/// assert_eq!((target.kind.as_ref(), target.body.as_deref(), &*target.number.as_str()), ("resolution", Some("PP"), "72"));
/// assert_eq!(refs[1].text, "Council Resolutions 1305");
/// assert_eq!(refs[2].text, "1336");
/// assert_eq!(refs[2].target.as_ref().unwrap().body.as_deref(), Some("Council"));
/// ```
pub fn extract(text: &str) -> Vec<Reference> {
    extract_from(&SourceText::new(text.to_owned()))
}

/// [`extract`] from a document's text: each citation's text and number are spans of it, not copies.
pub fn extract_from(source: &SourceText) -> Vec<Reference> {
    let text = source.as_str();
    let p = Parser { src: source, t: text, b: text.as_bytes(), items: Cell::new(Vec::new()) };
    let mut out: Vec<Reference> = Vec::new();
    let mut floor = 0;
    let mut handle = |ks: usize, ke: usize, trig: Trig, out: &mut Vec<Reference>| {
        if ks < floor {
            return;
        }
        let before = out.len();
        p.at(ks, ke, trig, floor, out);
        if out.len() > before {
            floor = out[out.len() - 1].end;
        }
    };
    // Symbols ("C-189", "TD/83", "C22/25", "A/RES/73/6") are found from their "-" or "/", words by
    // Aho-Corasick: two-byte patterns would keep its SIMD prefilter from working. The two streams are merged
    // in order of position.
    let mut marks = memchr::memchr2_iter(b'/', b'-', p.b);
    let mut next_symbol = || marks.by_ref().find_map(|at| p.symbol_at(at));
    let mut symbol = next_symbol();
    let mut on_word = |ks: usize, ke: usize, pattern: usize| {
        while let Some((s, e, trig)) = symbol {
            if s >= ks {
                break;
            }
            handle(s, e, trig, &mut out);
            symbol = next_symbol();
        }
        handle(ks, ke, TRIGGER_TABLE[pattern].1, &mut out);
    };
    match &*TRIGGERS {
        Triggers::Packed(searcher) => {
            for m in searcher.find_iter(p.b) {
                on_word(m.start(), m.end(), m.pattern().as_usize());
            }
        }
        Triggers::Automaton(ac) => {
            for m in ac.find_iter(p.b) {
                on_word(m.start(), m.end(), m.pattern().as_usize());
            }
        }
    }
    while let Some((s, e, trig)) = symbol {
        handle(s, e, trig, &mut out);
        symbol = next_symbol();
    }
    backfill_provision_bodies(text, &mut out);
    // A long document's list grew by doubling: give back the unused half.
    out.shrink_to_fit();
    out
}

/// A conference's two-digit year: "WRC-19" is 2019, "WRC-97" 1997 (ITU conferences named so began in the 1960s).
pub fn full_year(yy: u16) -> u16 {
    if yy < 60 { 2000 + yy } else { 1900 + yy }
}

/// The body whose conference met at `place` in `year`, or that `conference` names ("WRC-19" is WRC).
///
/// Places are compared without regard to case. A place alone answers only when one body met there
/// (Bucharest is PP, Hammamet WTSA, Kigali WTDC); Dubai and Geneva need the year.
///
/// ```
/// use mandates_core::references::body_of_revision;
/// assert_eq!(body_of_revision(Some("Bucharest"), Some(2022), None), Some("PP"));
/// assert_eq!(body_of_revision(Some("Geneva"), Some(2022), None), Some("WTSA"));
/// assert_eq!(body_of_revision(Some("Dubai"), Some(2014), None), Some("WTDC"));
/// assert_eq!(body_of_revision(None, None, Some("WRC-19")), Some("WRC"));
/// assert_eq!(body_of_revision(Some("Dubai"), None, None), None);
/// ```
pub fn body_of_revision(place: Option<&str>, year: Option<u16>, conference: Option<&str>) -> Option<&'static str> {
    if let Some(conf) = conference {
        let name = conf.split(['-', '\u{2011}', ' ', '\u{a0}']).next().unwrap_or("");
        return CONFERENCE_BODIES.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|&(_, body)| body);
    }
    body_of_place(place?.trim(), year)
}

/// [`body_of_revision`] for a trimmed place.
fn body_of_place(place: &str, year: Option<u16>) -> Option<&'static str> {
    // An ASCII place folds to ASCII, so it can only equal an ASCII name of the same length: compare bytes.
    let ascii = place.is_ascii();
    // Most places are written as in the table ("Busan"): one `memcmp` says so before comparing byte by byte.
    let same_place = |p: &str| if ascii { p == place || p.eq_ignore_ascii_case(place) } else { eq_fold(p, place) };
    if let Some(year) = year {
        // Only that year's conferences can answer: compare the number before the name.
        return CONFERENCES.iter().find(|&&(p, y, _)| y == year && same_place(p)).map(|&(_, _, body)| body);
    }
    let mut found: Option<&'static str> = None;
    for &(p, _, body) in CONFERENCES {
        if !same_place(p) {
            continue;
        }
        match found {
            None => found = Some(body),
            Some(b) if b == body => {}
            Some(_) => return None,
        }
    }
    found
}

/// Conferences by place and year, the latest first: most citations name a recent one, found after a few rows.
const CONFERENCES: &[(&str, u16, &str)] = &[
    ("Doha", 2026, "PP"),
    ("New Delhi", 2024, "WTSA"),
    ("Bucharest", 2022, "PP"),
    ("Geneva", 2022, "WTSA"),
    ("Kigali", 2022, "WTDC"),
    ("Dubai", 2018, "PP"),
    ("Buenos Aires", 2017, "WTDC"),
    ("Hammamet", 2016, "WTSA"),
    ("Busan", 2014, "PP"),
    ("Dubai", 2014, "WTDC"),
    ("Dubai", 2012, "WTSA"),
    ("Guadalajara", 2010, "PP"),
    ("Hyderabad", 2010, "WTDC"),
    ("Johannesburg", 2008, "WTSA"),
    ("Antalya", 2006, "PP"),
    ("Doha", 2006, "WTDC"),
    ("Florianópolis", 2004, "WTSA"),
    ("Florianopolis", 2004, "WTSA"),
    ("Marrakesh", 2002, "PP"),
    ("Marrakech", 2002, "PP"),
    ("Istanbul", 2002, "WTDC"),
    ("Montreal", 2000, "WTSA"),
    ("Minneapolis", 1998, "PP"),
    ("Valletta", 1998, "WTDC"),
    ("Kyoto", 1994, "PP"),
    ("Buenos Aires", 1994, "WTDC"),
    ("Geneva", 1992, "PP"),
    ("Nice", 1989, "PP"),
];

/// Conference short names and their bodies.
const CONFERENCE_BODIES: &[(&str, &str)] =
    &[("WRC", "WRC"), ("RA", "RA"), ("WTSA", "WTSA"), ("WTDC", "WTDC"), ("PP", "PP")];

/// Case-insensitive comparison that also folds non-ASCII letters ("FLORIANÓPOLIS"), without allocating.
fn eq_fold(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    let mut x = a.chars().flat_map(char::to_lowercase);
    let mut y = b.chars().flat_map(char::to_lowercase);
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(c), Some(d)) if c == d => {}
            _ => return false,
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Trig {
    /// "Resolution", "Decision", "Opinion": the target kind.
    Instrument(&'static str),
    Recommendation,
    /// "ITU-T", "ITU-R": the body of the Recommendations they number.
    Sector(&'static str),
    Question,
    ActionLine,
    Article,
    /// "No." (false) or "Nos." (true).
    No(bool),
    /// "C-189", "C-188-R1".
    ConfDoc,
    /// "TD/83".
    Td,
    /// "Doc 83 A16".
    Doc,
    /// "C22/25".
    CouncilDoc,
    /// "A/RES/73/6", "E/2019/L.1", "S/RES/2250".
    Un,
}

/// The trigger words. Their order only decides speed: the packed searcher puts a pattern in Teddy bucket
/// `7 - index % 8` (aho-corasick 1.1) unless its first four bytes share their low nibbles with an earlier
/// pattern's, and the patterns of a bucket together give the false candidates it must verify ("reco" passes for
/// "Reso"). This order, found by swapping pairs under callgrind on the 5 MB text, gives fewer of them: the
/// search costs 13.9 M instructions there instead of 17.6 M (217,000 instead of 245,000 on the TSAG sample).
const TRIGGER_TABLE: &[(&str, Trig)] = &[
    ("C\u{2011}", Trig::ConfDoc),
    ("Recommendation", Trig::Recommendation),
    ("ITU\u{2011}T", Trig::Sector("ITU-T")),
    ("No.\u{a0}", Trig::No(false)),
    ("Article", Trig::Article),
    ("Resolution", Trig::Instrument(RESOLUTION)),
    ("Action Line", Trig::ActionLine),
    ("Nos.", Trig::No(true)),
    ("action line", Trig::ActionLine),
    ("resolution", Trig::Instrument(RESOLUTION)),
    ("RECOMMENDATION", Trig::Recommendation),
    ("decision", Trig::Instrument(DECISION)),
    ("Opinion", Trig::Instrument(OPINION)),
    ("No. ", Trig::No(false)),
    ("Decision", Trig::Instrument(DECISION)),
    ("ITU-T", Trig::Sector("ITU-T")),
    ("Question", Trig::Question),
    ("RESOLUTION", Trig::Instrument(RESOLUTION)),
    ("ITU-R", Trig::Sector("ITU-R")),
    ("Action line", Trig::ActionLine),
    ("Doc.", Trig::Doc),
    ("Doc ", Trig::Doc),
    ("DECISION", Trig::Instrument(DECISION)),
    ("Doc\u{a0}", Trig::Doc),
    ("ARTICLE", Trig::Article),
    ("OPINION", Trig::Instrument(OPINION)),
    ("ITU\u{2011}R", Trig::Sector("ITU-R")),
];

/// The searcher for [`TRIGGER_TABLE`].
enum Triggers {
    /// Teddy on its own, where the CPU has it: the same matches as the automaton below (no pattern is a prefix
    /// of another) at nearly twice the speed, without the automaton's bookkeeping around its prefilter.
    Packed(packed::Searcher),
    Automaton(AhoCorasick),
}

static TRIGGERS: LazyLock<Triggers> = LazyLock::new(|| {
    let patterns = TRIGGER_TABLE.iter().map(|(p, _)| p);
    if let Some(searcher) =
        packed::Config::new().match_kind(packed::MatchKind::LeftmostLongest).builder().extend(patterns.clone()).build()
    {
        return Triggers::Packed(searcher);
    }
    let ac = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .expect("the trigger patterns are valid");
    Triggers::Automaton(ac)
});

const RESOLUTION: &str = "resolution";
const DECISION: &str = "decision";
const OPINION: &str = "opinion";
const RECOMMENDATION: &str = "recommendation";
const QUESTION: &str = "question";
const PROVISION: &str = "provision";
const ACTION_LINE: &str = "action_line";
const UN_DOCUMENT: &str = "un_document";
const DOCUMENT: &str = "document";

/// Names that qualify an instrument when written before it ("Council Resolution 1305").
const INSTRUMENT_QUALIFIERS: &[(&str, &str)] = &[
    ("Plenipotentiary Conference", "PP"),
    ("Plenipotentiary", "PP"),
    ("Council", "Council"),
    ("General Assembly", "UNGA"),
    ("UNGA", "UNGA"),
    ("ECOSOC", "ECOSOC"),
    ("WTPF", "WTPF"),
    ("ITU-T", "WTSA"),
    ("ITU\u{2011}T", "WTSA"),
    ("ITU-D", "WTDC"),
    ("ITU\u{2011}D", "WTDC"),
    ("ITU-R", "RA"),
    ("ITU\u{2011}R", "RA"),
];

/// The last bytes of [`INSTRUMENT_QUALIFIERS`] and [`CONFERENCE_BODIES`], and the digits of a year ("WTSA-20").
static QUALIFIER_ENDS: LazyLock<ByteSet> = LazyLock::new(|| {
    let names = INSTRUMENT_QUALIFIERS.iter().chain(CONFERENCE_BODIES).map(|(name, _)| name.as_bytes());
    ByteSet::of(names.filter_map(|n| n.last().copied()).chain(b'0'..=b'9'))
});

/// A set of bytes, as a bit mask.
struct ByteSet([u64; 4]);

impl ByteSet {
    fn of(bytes: impl IntoIterator<Item = u8>) -> Self {
        let mut set = [0u64; 4];
        for c in bytes {
            set[usize::from(c >> 6)] |= 1 << (c & 63);
        }
        Self(set)
    }

    fn contains(&self, c: u8) -> bool {
        self.0[usize::from(c >> 6)] & (1 << (c & 63)) != 0
    }
}

/// Names that give an instrument's body when written after it ("of the Plenipotentiary Conference").
const INSTRUMENT_BODIES_AFTER: &[(&str, &str)] = &[
    ("Plenipotentiary Conference", "PP"),
    ("World Telecommunication Standardization Assembly", "WTSA"),
    ("World Telecommunication Development Conference", "WTDC"),
    ("World Radiocommunication Conference", "WRC"),
    ("Radiocommunication Assembly", "RA"),
    ("ITU Council", "Council"),
    ("Council", "Council"),
    ("United Nations General Assembly", "UNGA"),
    ("General Assembly", "UNGA"),
];

/// Instruments whose provisions are numbered, as written after "of the" (optionally "ITU ") or before a
/// provision ("General Rules, Nos. 69-74").
const PROVISION_BODIES: &[(&str, &str)] = &[
    ("Constitution", "Constitution"),
    ("Convention", "Convention"),
    ("General Rules", "General Rules"),
    ("Radio Regulations", "Radio Regulations"),
    ("International Telecommunication Regulations", "International Telecommunication Regulations"),
];

/// Words before "No." that make it something other than a provision ("Document No. 5").
const NOT_PROVISION_BEFORE: &[&str] = &[
    "Document",
    "Doc",
    "Doc.",
    "Group",
    "Contribution",
    "Circular",
    "Report",
    "Figure",
    "Table",
    "Annex",
    "Appendix",
    "Addendum",
    "Corrigendum",
    "Letter",
    "Resolution",
    "Decision",
    "Recommendation",
    "Opinion",
    "Item",
    "Case",
    "Phone",
    "Tel.",
    "Fax",
];

/// One number of a citation before it becomes a [`Reference`].
struct Cit {
    start: usize,
    end: usize,
    number: Text,
    revision: Option<Revision>,
}

struct Parser<'a> {
    /// The text again, for the spans of the model.
    src: &'a SourceText,
    t: &'a str,
    b: &'a [u8],
    /// The numbers of a list being read, kept between citations to save an allocation each.
    items: Cell<Vec<Cit>>,
}

impl Parser<'_> {
    /// A document symbol whose "/" or "-" is at `at`: its start, the end of its trigger and its kind.
    fn symbol_at(&self, at: usize) -> Option<(usize, usize, Trig)> {
        let b = self.b;
        if b[at] == b'-' {
            return (at >= 1 && b[at - 1] == b'C').then(|| (at - 1, at + 1, Trig::ConfDoc));
        }
        let before = |n: usize| at.checked_sub(n).map(|i| b[i]);
        if before(2) == Some(b'T') && before(1) == Some(b'D') {
            return Some((at - 2, at + 1, Trig::Td));
        }
        if before(3) == Some(b'C')
            && before(2).is_some_and(|c| c.is_ascii_digit())
            && before(1).is_some_and(|c| c.is_ascii_digit())
        {
            return Some((at - 3, at - 2, Trig::CouncilDoc));
        }
        matches!(before(1), Some(b'A' | b'E' | b'S')).then(|| (at - 1, at, Trig::Un))
    }

    /// Parse the citation whose trigger is `text[ks..ke]`; push what it finds. Nothing starts before `floor`.
    fn at(&self, ks: usize, ke: usize, trig: Trig, floor: usize, out: &mut Vec<Reference>) {
        match trig {
            Trig::Instrument(kind) => self.instrument(ks, ke, kind, floor, out),
            Trig::Recommendation => self.recommendation(ks, ke, floor, out),
            Trig::Sector(body) => self.sector(ks, ke, body, out),
            Trig::Question => self.question(ks, ke, floor, out),
            Trig::ActionLine => self.action_line(ks, ke, floor, out),
            Trig::Article => self.provision(ks, ke, None, floor, out),
            Trig::No(plural) => self.provision(ks, ke, Some(plural), floor, out),
            Trig::ConfDoc => self.conf_doc(ks, ke, out),
            Trig::Td => self.td(ks, ke, out),
            Trig::Doc => self.doc(ks, out),
            Trig::CouncilDoc => self.council_doc(ks, out),
            Trig::Un => self.un(ks, out),
        }
    }

    // ----- citation parsers -----

    /// "Resolution 130 (Rev. Bucharest 2022)", "Council Resolutions 1305 and 1336", "revised Decision 5",
    /// "resolution 70/1 of 25 September 2015".
    fn instrument(&self, ks: usize, ke: usize, kind: &'static str, floor: usize, out: &mut Vec<Reference>) {
        if !self.boundary_before(ks) {
            return;
        }
        let Some((plural, after_kw)) = self.plural(ks, ke) else {
            return;
        };
        let Some(mut i) = self.ws1(after_kw) else {
            return;
        };
        if let Some(j) = self.lit(i, "No.") {
            i = self.ws0(j);
        }
        let mut items = self.items.take();
        let mut start = ks;
        let mut comma = false;
        while let Some(mut cit) = self.instrument_item(start, i) {
            let end = cit.end;
            if !self.list_item_ends(comma, end) {
                break;
            }
            cit.start = start;
            items.push(cit);
            if !plural {
                break;
            }
            let Some((j, c)) = self.list_sep(end) else { break };
            comma = c;
            start = j;
            i = match self.keyword_again(j, ks, ke) {
                Some(k) => match self.ws1(k) {
                    Some(k) => k,
                    None => break,
                },
                None => j,
            };
        }
        if items.is_empty() {
            self.items.set(items);
            return;
        }
        let last = items.len() - 1;
        let mut after_body = None;
        if let Some((end, body)) = self.body_after(items[last].end, INSTRUMENT_BODIES_AFTER, true) {
            items[last].end = end;
            after_body = Some(body);
        }
        // Qualifiers before the keyword: a body, then "revised".
        let mut prefix_body = None;
        let mut first = ks;
        if let Some((s, body)) = self.instrument_qualifier(ks, floor) {
            first = s;
            prefix_body = Some(body);
        }
        let mut revised = false;
        if let Some(q) = self.ws_back(first)
            && let Some(s) = self.word_back(q, "revised").or_else(|| self.word_back(q, "Revised"))
            && s >= floor
        {
            first = s;
            revised = true;
        }
        items[0].start = first;
        for cit in items.drain(..) {
            let body = prefix_body
                .or(after_body)
                .or_else(|| revision_body(cit.revision.as_ref()))
                .or_else(|| if kind == RESOLUTION || kind == DECISION { un_body(&cit.number.as_str()) } else { None });
            let revision = cit
                .revision
                .or_else(|| revised.then_some(Revision { revised: true, place: None, year: None, conference: None }));
            self.push(out, cit.start, cit.end, kind, body, cit.number, revision);
        }
        self.items.set(items);
    }

    /// A number, its revision and (for a UN number) its date, from `i`.
    fn instrument_item(&self, start: usize, i: usize) -> Option<Cit> {
        let (mut end, number) = self.instrument_number(i)?;
        let mut revision = None;
        let j = self.ws0(end);
        if self.byte(j) == Some(b'(')
            && let Some((k, rev)) = self.revision(j)
        {
            end = k;
            revision = Some(rev);
        }
        if revision.is_none()
            && number.as_str().contains('/')
            && let Some(k) = self.date_after(end)
        {
            end = k;
        }
        Some(Cit { start, end, number, revision })
    }

    /// "130", "1305", "70/1", "2019/1", "COM5/1".
    fn instrument_number(&self, i: usize) -> Option<(usize, Text)> {
        let mut j = i;
        if let Some(k) = self.lit(i, "COM") {
            let k = self.digits(k, 1, 2)?;
            if self.byte(k) != Some(b'/') {
                return None;
            }
            j = self.digits(k + 1, 1, 3)?;
        } else {
            j = self.digits(j, 1, 4)?;
            if self.byte(j) == Some(b'/')
                && let Some(k) = self.digits(j + 1, 1, 4)
            {
                j = k;
            }
        }
        if !self.boundary_after(j) || self.byte(j) == Some(b'/') {
            return None;
        }
        Some((j, self.span(i, j)?))
    }

    /// "Recommendation ITU‑T A.1", "Recommendations ITU-T A.1 and ITU-T A.2", "COM5 Recommendation 5".
    fn recommendation(&self, ks: usize, ke: usize, floor: usize, out: &mut Vec<Reference>) {
        if !self.boundary_before(ks) {
            return;
        }
        let Some((plural, after_kw)) = self.plural(ks, ke) else {
            return;
        };
        let Some(i) = self.ws1(after_kw) else { return };
        if let Some((k, body)) = self.sector_name(i) {
            let Some(k) = self.ws1(k) else { return };
            self.rec_list(ks, k, body, plural, true, out);
            return;
        }
        // "COM5 Recommendation 5" or a bare "Recommendation 5".
        let Some(end) = self.digits(i, 1, 3) else {
            return;
        };
        if !self.boundary_after(end) {
            return;
        }
        let mut start = ks;
        let mut body = None;
        if let Some(q) = self.ws_back(ks) {
            let digits_start = self.b[..q].iter().rev().take_while(|c| c.is_ascii_digit()).count();
            let d = q - digits_start;
            if digits_start > 0
                && digits_start <= 2
                && let Some(s) = self.word_back(d, "COM")
                && s >= floor
            {
                start = s;
                body = self.t.get(s..q).map(str::to_owned);
            }
        }
        let Some(number) = self.span(i, end) else {
            return;
        };
        self.push(out, start, end, RECOMMENDATION, body, number, None);
    }

    /// "ITU-T A.13", "ITU-T Recommendation X.509", "ITU-R Recommendations M.1036 and M.2083".
    fn sector(&self, ks: usize, ke: usize, body: &'static str, out: &mut Vec<Reference>) {
        if !self.boundary_before(ks) {
            return;
        }
        let Some(i) = self.ws1(ke) else { return };
        let kw = self.lit(i, "Recommendation").or_else(|| self.lit(i, "RECOMMENDATION"));
        match kw {
            Some(k) => {
                let Some((plural, k)) = self.plural(i, k) else {
                    return;
                };
                let Some(k) = self.ws1(k) else { return };
                self.rec_list(ks, k, body, plural, false, out);
            }
            None => self.rec_list(ks, i, body, false, false, out),
        }
    }

    /// Recommendation numbers from `i`, the first span starting at `start`; later items may repeat the
    /// sector ("and ITU-T A.2") when `sector_items`.
    fn rec_list(
        &self,
        start: usize,
        i: usize,
        body: &'static str,
        plural: bool,
        sector_items: bool,
        out: &mut Vec<Reference>,
    ) {
        let mut start = start;
        let mut i = i;
        let mut body = body;
        let mut comma = false;
        while let Some(end) = self.rec_number(i, body) {
            let Some(number) = self.span(i, end) else {
                return;
            };
            if !self.list_item_ends(comma, end) {
                return;
            }
            self.push(out, start, end, RECOMMENDATION, Some(body), number, None);
            if !plural {
                return;
            }
            let Some((j, c)) = self.list_sep(end) else { return };
            comma = c;
            start = j;
            i = j;
            if sector_items && let Some((k, b)) = self.sector_name(j) {
                match self.ws1(k) {
                    Some(k) => {
                        i = k;
                        body = b;
                    }
                    None => return,
                }
            }
        }
    }

    /// "A.1", "G.992.1", "BS.1770", "M.1036-6" (ITU-R version); the end.
    fn rec_number(&self, i: usize, body: &str) -> Option<usize> {
        let letters = self.b.get(i..)?.iter().take_while(|c| c.is_ascii_uppercase()).count();
        if !(1..=2).contains(&letters) || self.byte(i + letters) != Some(b'.') {
            return None;
        }
        let mut j = self.digits(i + letters + 1, 1, 5)?;
        while self.byte(j) == Some(b'.') {
            match self.digits(j + 1, 1, 4) {
                Some(k) => j = k,
                None => break,
            }
        }
        if body == "ITU-R"
            && let Some(k) = self.hyphen(j).and_then(|k| self.digits(k, 1, 2))
            && self.boundary_after(k)
        {
            j = k;
        }
        self.boundary_after(j).then_some(j)
    }

    /// "Question 3/2", "ITU-D Study Question 3/2", "Questions 1/2 and 3/2", "Question ITU-R 229/5".
    fn question(&self, ks: usize, ke: usize, floor: usize, out: &mut Vec<Reference>) {
        if !self.boundary_before(ks) {
            return;
        }
        let Some((plural, after_kw)) = self.plural(ks, ke) else {
            return;
        };
        let Some(mut i) = self.ws1(after_kw) else {
            return;
        };
        let mut body = None;
        if let Some((k, b)) = self.sector_name(i) {
            let Some(k) = self.ws1(k) else { return };
            i = k;
            body = Some(b);
        }
        // Qualifiers before: "ITU-D Study", "ITU-D", "Study".
        let mut first = ks;
        if let Some(q) = self.ws_back(ks) {
            let mut q = q;
            if let Some(s) = self.word_back(q, "Study")
                && s >= floor
            {
                first = s;
                q = self.ws_back(s).unwrap_or(0);
            }
            if q > 0
                && let Some((s, b)) = self.sector_back(q, true)
                && s >= floor
            {
                first = s;
                body = body.or(Some(b));
            }
        }
        let mut start = first;
        let mut comma = false;
        while let Some(end) = self.question_number(i) {
            let Some(number) = self.span(i, end) else {
                return;
            };
            if !self.list_item_ends(comma, end) {
                return;
            }
            self.push(out, start, end, QUESTION, body, number, None);
            if !plural {
                return;
            }
            let Some((j, c)) = self.list_sep(end) else { return };
            comma = c;
            start = j;
            i = j;
        }
    }

    /// "3/2", "229-3/5"; the end.
    fn question_number(&self, i: usize) -> Option<usize> {
        let mut j = self.digits(i, 1, 3)?;
        if let Some(k) = self.hyphen(j).and_then(|k| self.digits(k, 1, 2)) {
            j = k;
        }
        if self.byte(j) != Some(b'/') {
            return None;
        }
        let j = self.digits(j + 1, 1, 2)?;
        (self.boundary_after(j) && self.byte(j) != Some(b'/')).then_some(j)
    }

    /// "Action Line C5", "WSIS Action Lines C2, C4, C5 and C6".
    fn action_line(&self, ks: usize, ke: usize, floor: usize, out: &mut Vec<Reference>) {
        if !self.boundary_before(ks) {
            return;
        }
        let Some((plural, after_kw)) = self.plural(ks, ke) else {
            return;
        };
        let Some(mut i) = self.ws1(after_kw) else {
            return;
        };
        let mut start = ks;
        if let Some(s) = self.ws_back(ks).and_then(|q| self.word_back(q, "WSIS"))
            && s >= floor
        {
            start = s;
        }
        let mut comma = false;
        loop {
            if self.byte(i) != Some(b'C') {
                return;
            }
            let Some(end) = self.digits(i + 1, 1, 2) else {
                return;
            };
            if !self.boundary_after(end) {
                return;
            }
            let Some(number) = self.span(i, end) else {
                return;
            };
            if !self.list_item_ends(comma, end) {
                return;
            }
            self.push(out, start, end, ACTION_LINE, Some("WSIS"), number, None);
            if !plural {
                return;
            }
            let Some((j, c)) = self.list_sep(end) else { return };
            comma = c;
            start = j;
            i = j;
        }
    }

    /// "Article 13 of the Constitution", "Articles 17, 18, 19, 20 of the ITU Constitution", "No. 191C of the
    /// Convention", "Nos. 151 to 154", "(General Rules, Nos. 69-74)". `no` is `None` for "Article(s)", else
    /// whether the trigger was "Nos.".
    fn provision(&self, ks: usize, ke: usize, no: Option<bool>, floor: usize, out: &mut Vec<Reference>) {
        if !self.boundary_before(ks) {
            return;
        }
        let (plural, mut i) = match no {
            None => {
                let Some((plural, k)) = self.plural(ks, ke) else {
                    return;
                };
                let Some(k) = self.ws1(k) else { return };
                (plural, k)
            }
            Some(plural) => {
                if let Some(q) = self.ws_back(ks)
                    && self.not_provision_before(q)
                {
                    return;
                }
                (plural, self.ws0(ke))
            }
        };
        let mut items = self.items.take();
        let mut start = ks;
        let mut comma = false;
        while let Some((end, number)) = self.provision_number(i, plural) {
            if !self.list_item_ends(comma, end) {
                break;
            }
            items.push(Cit { start, end, number, revision: None });
            if !plural {
                break;
            }
            let Some((j, c)) = self.list_sep(end) else { break };
            comma = c;
            start = j;
            i = j;
        }
        if items.is_empty() {
            self.items.set(items);
            return;
        }
        let last = items.len() - 1;
        let mut body = None;
        if let Some((end, b)) = self.provision_body_after(items[last].end) {
            items[last].end = end;
            body = Some(b);
        }
        // "General Rules, Nos. 69-74".
        if let Some(q) = self.ws_back(ks) {
            let q = if q > 0 && self.byte(q - 1) == Some(b',') { q - 1 } else { q };
            for &(name, b) in PROVISION_BODIES {
                if let Some(s) = self.word_back(q, name) {
                    if s >= floor {
                        items[0].start = s;
                        body = body.or(Some(b));
                    }
                    break;
                }
            }
        }
        for cit in items.drain(..) {
            self.push(out, cit.start, cit.end, PROVISION, body, cit.number, None);
        }
        self.items.set(items);
    }

    /// Whether a word of [`NOT_PROVISION_BEFORE`] ends at `q`. Those are ASCII letters, "Doc." and "Tel." with a
    /// period: the word is taken whole and looked up once, instead of trying each in turn.
    fn not_provision_before(&self, q: usize) -> bool {
        let letters_end = if self.byte(q.wrapping_sub(1)) == Some(b'.') { q - 1 } else { q };
        let letters = self.b[..letters_end].iter().rev().take_while(|c| c.is_ascii_alphabetic()).count();
        let s = letters_end - letters;
        // The run of letters is whole, so only a non-ASCII letter or a digit before it can join the word.
        letters > 0 && NOT_PROVISION_BEFORE.contains(&&self.t[s..q]) && self.boundary_before(s)
    }

    /// "119", "191C", "14A"; with `range`, "151 to 154" and "69-74" as "151-154" and "69-74".
    fn provision_number(&self, i: usize, range: bool) -> Option<(usize, Text)> {
        let one = |i: usize| -> Option<usize> {
            let j = self.digits(i, 1, 4)?;
            let letters = self.b[j..].iter().take_while(|c| c.is_ascii_uppercase()).count();
            let j = if letters <= 2 { j + letters } else { j };
            self.boundary_after(j).then_some(j)
        };
        let end = one(i)?;
        let first = self.t.get(i..end)?;
        // A range: "69-74", "69–74", "151 to 154".
        let j = self.ws0(end);
        let k = self.dash(j).map(|k| self.ws0(k)).or_else(|| {
            if !range {
                return None;
            }
            self.ws1(end).and_then(|k| self.word(k, "to")).and_then(|k| self.ws1(k))
        });
        if let Some(k) = k
            && let Some(e) = one(k)
            && let Some(second) = self.t.get(k..e)
        {
            return Some((e, Text::from(joined(first, second))));
        }
        Some((end, Text::span(self.src, i..end)))
    }

    /// "C-189", "C-188-R1", "(C-157-R1)", "C-190(Rev.1)".
    fn conf_doc(&self, ks: usize, ke: usize, out: &mut Vec<Reference>) {
        if !self.doc_boundary_before(ks) {
            return;
        }
        let Some(mut j) = self.digits(ke, 1, 4) else {
            return;
        };
        loop {
            if let Some(k) = self.hyphen(j).and_then(|k| self.lit(k, "R")).and_then(|k| self.digits(k, 1, 2)) {
                j = k;
            } else if let Some(k) = self.paren_suffix(j) {
                j = k;
            } else {
                break;
            }
        }
        if !self.boundary_after(j) || self.hyphen(j).is_some_and(|k| !self.boundary_after(k)) {
            return;
        }
        self.push_doc(out, ks, j, DOCUMENT, None);
    }

    /// "TD/83", "TD/83-R1", "TD/83/Rev.1".
    fn td(&self, ks: usize, ke: usize, out: &mut Vec<Reference>) {
        if !self.doc_boundary_before(ks) {
            return;
        }
        let Some(mut j) = self.digits(ke, 1, 4) else {
            return;
        };
        let rev = self
            .hyphen(j)
            .and_then(|k| self.lit(k, "R"))
            .or_else(|| self.lit(j, "/Rev."))
            .or_else(|| self.lit(j, "R"))
            .and_then(|k| self.digits(k, 1, 2));
        if let Some(k) = rev {
            j = k;
        }
        if let Some(k) = self.paren_suffix(j) {
            j = k;
        }
        if !self.boundary_after(j) || self.byte(j) == Some(b'/') {
            return;
        }
        self.push_doc(out, ks, j, DOCUMENT, None);
    }

    /// "Doc 83 A16", "Doc. 12(Rev.1)".
    fn doc(&self, ks: usize, out: &mut Vec<Reference>) {
        if !self.boundary_before(ks) {
            return;
        }
        let ke = ks + "Doc".len();
        let k = if self.byte(ke) == Some(b'.') { ke + 1 } else { ke };
        let Some(k) = self.ws1(k) else { return };
        let Some(mut j) = self.digits(k, 1, 4) else {
            return;
        };
        if !self.boundary_after(j) {
            return;
        }
        if let Some(e) = self.ws1(j).and_then(|k| {
            let c = self.byte(k)?;
            if c != b'A' && c != b'R' {
                return None;
            }
            self.digits(k + 1, 1, 3).filter(|&e| self.boundary_after(e))
        }) {
            j = e;
        } else if let Some(e) = self.paren_suffix(j) {
            j = e;
        }
        if !self.boundary_after(j) {
            return;
        }
        self.push_doc(out, ks, j, DOCUMENT, None);
    }

    /// "C22/25": a Council session document.
    fn council_doc(&self, ks: usize, out: &mut Vec<Reference>) {
        if !self.doc_boundary_before(ks) {
            return;
        }
        let Some(j) = self.digits(ks + 1, 2, 2) else {
            return;
        };
        if self.byte(j) != Some(b'/') {
            return;
        }
        let Some(mut j) = self.digits(j + 1, 1, 3) else {
            return;
        };
        if let Some(k) = self.paren_suffix(j) {
            j = k;
        }
        if !self.boundary_after(j) || self.byte(j) == Some(b'/') {
            return;
        }
        self.push_doc(out, ks, j, DOCUMENT, None);
    }

    /// A UN symbol: "A/RES/73/6", "E/2019/L.1", "A/C.2/73/L.1", "S/RES/2250".
    fn un(&self, ks: usize, out: &mut Vec<Reference>) {
        if !self.doc_boundary_before(ks) {
            return;
        }
        let mut j = ks + 1;
        let mut segments = 0;
        let mut has_digit = false;
        while self.byte(j) == Some(b'/') {
            let seg = j + 1;
            let mut k = seg;
            while let Some(c) = self.byte(k) {
                if c.is_ascii_uppercase() || c.is_ascii_digit() {
                    has_digit |= c.is_ascii_digit();
                    k += 1;
                } else if c == b'.' && self.byte(k + 1).is_some_and(|d| d.is_ascii_alphanumeric() && d != b'.') {
                    k += 1;
                } else {
                    break;
                }
            }
            if k == seg || self.byte(seg) == Some(b'.') {
                break;
            }
            segments += 1;
            j = k;
        }
        if segments < 2 || !has_digit || !self.boundary_after(j) {
            return;
        }
        self.push_doc(out, ks, j, UN_DOCUMENT, Some("UN"));
    }

    // ----- shared pieces -----

    /// The plural "s" after a keyword `text[ks..ke]`, matching its case; the end; None when a letter follows.
    fn plural(&self, ks: usize, ke: usize) -> Option<(bool, usize)> {
        let upper = self.byte(ke - 1).is_some_and(|c| c.is_ascii_uppercase()) && ke - ks > 1;
        let s = if upper { b'S' } else { b's' };
        let (plural, end) = if self.byte(ke) == Some(s) { (true, ke + 1) } else { (false, ke) };
        self.boundary_after(end).then_some((plural, end))
    }

    /// The same keyword as `text[ks..ke]` (singular or plural) at `i`; its end.
    fn keyword_again(&self, i: usize, ks: usize, ke: usize) -> Option<usize> {
        let kw = self.t.get(ks..ke)?;
        let k = self.lit(i, kw)?;
        let k = if matches!(self.byte(k), Some(b's' | b'S')) { k + 1 } else { k };
        self.boundary_after(k).then_some(k)
    }

    /// A list separator after an item ending at `i` (", ", " and ", ", and ", " or "); where the next item starts
    /// and whether the separator was a comma alone.
    fn list_sep(&self, i: usize) -> Option<(usize, bool)> {
        let j = self.ws0(i);
        if self.byte(j) == Some(b',') {
            let k = self.ws0(j + 1);
            if let Some(m) = self.word(k, "and").and_then(|m| self.ws1(m)) {
                return Some((m, false));
            }
            return Some((k, true));
        }
        let j = self.ws1(i)?;
        let m = self.word(j, "and").or_else(|| self.word(j, "or"))?;
        Some((self.ws1(m)?, false))
    }

    /// Whether a number that followed a bare comma ends like a list item: before punctuation, the end of the
    /// text, or "and", "or", "of", "to" ("Resolutions 123, 139, 3 developing countries" has no item "3").
    fn list_item_ends(&self, comma: bool, e: usize) -> bool {
        if !comma {
            return true;
        }
        let j = self.ws0(e);
        match self.char_at(j) {
            Some(c) if c.is_alphanumeric() => ["and", "or", "of", "to"].iter().any(|w| self.word(j, w).is_some()),
            _ => true,
        }
    }

    /// A revision in parentheses at `i`: "(Rev. Busan, 2014)", "(Guadalajara, 2010)", "(Rev.WRC-19)",
    /// "(REV. BUCHAREST, 2022)", "(2015)"; the end after ")".
    fn revision(&self, i: usize) -> Option<(usize, Revision)> {
        if self.byte(i) != Some(b'(') {
            return None;
        }
        let mut j = self.ws0(i + 1);
        let mut revised = false;
        if self.b.get(j..j + 3).is_some_and(|s| s.eq_ignore_ascii_case(b"rev")) {
            let mut k = j + 3;
            if self.byte(k) == Some(b'.') {
                k += 1;
            } else if self.ws1(k).is_none() {
                return None;
            }
            j = self.ws0(k);
            revised = true;
        }
        // A conference: "WRC-19", "RA-23", "WTSA-2000".
        let letters = self.b.get(j..)?.iter().take_while(|c| c.is_ascii_uppercase()).count();
        if (2..=5).contains(&letters)
            && let Some(k) = self.hyphen(j + letters)
            && let Some(e) = self.digits(k, 2, 4).filter(|&e| e - k != 3)
        {
            let close = self.ws0(e);
            if self.byte(close) == Some(b')') {
                let yy = self.number(k, e)?;
                let year = if e - k == 4 { yy } else { full_year(yy) };
                let mut conference = CompactString::from(self.t.get(j..j + letters)?);
                conference.push('-');
                conference.push_str(self.t.get(k..e)?);
                let rev = Revision { revised, place: None, year: Some(year), conference: Some(conference) };
                return Some((close + 1, rev));
            }
        }
        // A year alone: "(2015)", "(Rev. 2019)".
        if let Some((y, e)) = self.four_digits(j) {
            let close = self.ws0(e);
            if self.byte(close) != Some(b')') {
                return None;
            }
            let year = plausible_year(y)?;
            return Some((close + 1, Revision { revised, place: None, year: Some(year), conference: None }));
        }
        // A place, then a year: "Busan, 2014", "Bucharest 2022", "New Delhi, 2024", "Florianópolis, 2004".
        let rest = self.t.get(j..)?;
        let first = rest.chars().next()?;
        if !first.is_uppercase() {
            return None;
        }
        let mut place_end = j;
        let mut o = 0;
        // Whether the place is ASCII with a lowercase letter ("Busan"), as most are: then it needs no tidying.
        let (mut ascii, mut lower, mut spaces) = (true, false, 0);
        // Byte by byte while ASCII (most places), a character at a time otherwise.
        while let Some(&c) = rest.as_bytes().get(o) {
            if o > 40 {
                return None;
            }
            let len = if c.is_ascii() {
                lower |= c.is_ascii_lowercase();
                spaces += usize::from(c == b' ');
                usize::from(c.is_ascii_alphabetic() || matches!(c, b' ' | b'-' | b'\'' | b'.'))
            } else {
                let c = rest[o..].chars().next()?;
                if c.is_alphabetic() || matches!(c, '\u{a0}' | '\u{2011}' | '’') { c.len_utf8() } else { 0 }
            };
            if len == 0 {
                break;
            }
            ascii &= c.is_ascii();
            o += len;
            place_end = j + o;
        }
        let place_raw = self.t.get(j..place_end)?;
        // The place starts with a capital letter, so it is never empty once trimmed.
        let mut k = place_end;
        if self.byte(k) == Some(b',') {
            k = self.ws0(k + 1);
        }
        let (year, k) = match self.four_digits(k) {
            Some((y, e)) => (Some(plausible_year(y)?), self.ws0(e)),
            None if revised && k == place_end => (None, k),
            None => return None,
        };
        if self.byte(k) != Some(b')') {
            return None;
        }
        let place = if ascii && lower {
            // The plain case without `char` decoding: trimmed bytewise and kept as written. The only space in
            // an ASCII place is ' ', so at most three of them make at most four words; more are counted as
            // `split_whitespace` would.
            let tail = place_raw.bytes().rev().take_while(|c| matches!(c, b' ' | b'.')).count();
            let place = &place_raw[..place_raw.len() - tail];
            if spaces > 3 && place.as_bytes().windows(2).filter(|w| w[0] == b' ' && w[1] != b' ').count() >= 4 {
                return None;
            }
            CompactString::from(place)
        } else {
            let place = tidy_place(place_raw.trim_end_matches(['.', ' ', '\u{a0}']));
            if place.is_empty() || place.split_whitespace().count() > 4 {
                return None;
            }
            place
        };
        Some((k + 1, Revision { revised, place: Some(place), year, conference: None }))
    }

    /// Exactly four ASCII digits at `i`, not followed by a fifth: their value and end, read in one pass.
    fn four_digits(&self, i: usize) -> Option<(u16, usize)> {
        let d = self.b.get(i..i + 4)?;
        if !d.iter().all(u8::is_ascii_digit) || self.byte(i + 4).is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        Some((d.iter().fold(0, |n, &c| n * 10 + u16::from(c - b'0')), i + 4))
    }

    /// The value of the one to four ASCII digits `text[s..e]`, read without `str::parse`.
    fn number(&self, s: usize, e: usize) -> Option<u16> {
        let digits = self.b.get(s..e).filter(|d| (1..=4).contains(&d.len()))?;
        digits.iter().try_fold(0u16, |n, &c| c.is_ascii_digit().then(|| n * 10 + u16::from(c - b'0')))
    }

    /// " of 25 September 2015" after a UN resolution number; the end.
    fn date_after(&self, i: usize) -> Option<usize> {
        let k = self.ws1(i)?;
        let k = self.word(k, "of")?;
        let k = self.ws1(k)?;
        let k = self.digits(k, 1, 2)?;
        let k = self.ws1(k)?;
        let k = crate::facts::MONTHS.iter().find_map(|m| self.word(k, m))?;
        let k = self.ws1(k)?;
        let e = self.digits(k, 4, 4)?;
        self.boundary_after(e).then_some(e)
    }

    /// " of the Plenipotentiary Conference", " of WTSA-20", " of the Council": the end and the body.
    fn body_after(
        &self,
        i: usize,
        names: &[(&str, &'static str)],
        abbreviations: bool,
    ) -> Option<(usize, &'static str)> {
        let k = self.ws1(i)?;
        let k = self.word(k, "of")?;
        let k = self.ws1(k)?;
        let k = match self.word(k, "the").and_then(|m| self.ws1(m)) {
            Some(m) => m,
            None => k,
        };
        for &(name, body) in names {
            if let Some(e) = self.word(k, name) {
                return Some((e, body));
            }
        }
        if abbreviations {
            for &(name, body) in CONFERENCE_BODIES {
                if let Some(mut e) = self.lit(k, name) {
                    if let Some(d) = self.hyphen(e).and_then(|h| self.digits(h, 2, 4)) {
                        e = d;
                    }
                    if self.boundary_after(e) && self.hyphen(e).is_none() {
                        return Some((e, body));
                    }
                }
            }
        }
        None
    }

    /// " of the ITU Convention", " of the Constitution", " of the General Rules".
    fn provision_body_after(&self, i: usize) -> Option<(usize, &'static str)> {
        let k = self.ws1(i)?;
        let k = self.word(k, "of")?;
        let k = self.ws1(k)?;
        let k = self.word(k, "the").and_then(|m| self.ws1(m))?;
        let k = self.word(k, "ITU").and_then(|m| self.ws1(m)).unwrap_or(k);
        PROVISION_BODIES.iter().find_map(|&(name, body)| Some((self.word(k, name)?, body)))
    }

    /// A body written just before an instrument keyword at `ks`: "Council", "WTSA", "WTSA-20", "PP-22",
    /// "ITU-R"; its start and the body.
    fn instrument_qualifier(&self, ks: usize, floor: usize) -> Option<(usize, &'static str)> {
        let q = self.ws_back(ks)?;
        // Most citations follow "in", "of", "and": a word that ends as no qualifier does is refused at once.
        if !self.byte(q.wrapping_sub(1)).is_some_and(|c| QUALIFIER_ENDS.contains(c)) {
            return None;
        }
        for &(name, body) in INSTRUMENT_QUALIFIERS {
            if let Some(s) = self.word_back(q, name) {
                return (s >= floor).then_some((s, body));
            }
        }
        // A conference name, with or without its year: "WTSA", "WTSA-20", "PP-22", "WRC-19", "RA-23".
        let digits = self.b[..q].iter().rev().take_while(|c| c.is_ascii_digit()).count();
        let mut name_end = q;
        if digits > 0 {
            let d = q - digits;
            name_end = self.hyphen_back(d)?;
        }
        for &(name, body) in CONFERENCE_BODIES {
            if let Some(s) = self.word_back(name_end, name) {
                return (s >= floor).then_some((s, body));
            }
        }
        None
    }

    /// "ITU-T", "ITU‑D", "ITU-R" at `i`: the end and the canonical name.
    fn sector_name(&self, i: usize) -> Option<(usize, &'static str)> {
        let k = self.lit(i, "ITU")?;
        let k = self.hyphen(k)?;
        let name = match self.byte(k)? {
            b'T' => "ITU-T",
            b'R' => "ITU-R",
            b'D' => "ITU-D",
            _ => return None,
        };
        self.boundary_after(k + 1).then_some((k + 1, name))
    }

    /// A sector name ending at `q`: its start and canonical name.
    fn sector_back(&self, q: usize, with_d: bool) -> Option<(usize, &'static str)> {
        let name = match self.byte(q.checked_sub(1)?)? {
            b'T' => "ITU-T",
            b'R' => "ITU-R",
            b'D' if with_d => "ITU-D",
            _ => return None,
        };
        let h = self.hyphen_back(q - 1)?;
        let s = self.word_back(h, "ITU")?;
        Some((s, name))
    }

    /// "(Rev.1)", "(Add.1)", "(Corr.1)" after a document number; the end.
    fn paren_suffix(&self, i: usize) -> Option<usize> {
        if self.byte(i) != Some(b'(') {
            return None;
        }
        let k = ["Rev.", "Add.", "Corr."].iter().find_map(|w| self.lit(i + 1, w))?;
        let k = self.digits(self.ws0(k), 1, 2)?;
        (self.byte(k) == Some(b')')).then_some(k + 1)
    }

    /// Push a reference whose number is the span, with special spaces and hyphens made plain.
    fn push_doc(&self, out: &mut Vec<Reference>, s: usize, e: usize, kind: &'static str, body: Option<&'static str>) {
        let Some(raw) = self.t.get(s..e) else { return };
        // Usually plain ASCII with no space ("C-189", "A/RES/73/6"): copy it as is.
        if raw.bytes().all(|c| c.is_ascii_graphic()) {
            self.push(out, s, e, kind, body, Text::span(self.src, s..e), None);
            return;
        }
        let mut number = String::with_capacity(raw.len());
        for c in raw.chars() {
            match c {
                '\u{2011}' | '\u{2010}' => number.push('-'),
                c if c.is_whitespace() => {
                    if !number.ends_with(' ') {
                        number.push(' ');
                    }
                }
                c => number.push(c),
            }
        }
        self.push(out, s, e, kind, body, Text::from(number), None);
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &self,
        out: &mut Vec<Reference>,
        start: usize,
        end: usize,
        kind: &'static str,
        body: Option<impl Into<Cow<'static, str>>>,
        number: Text,
        revision: Option<Revision>,
    ) {
        if self.t.get(start..end).is_none() || out.last().is_some_and(|r| r.end > start) {
            return;
        }
        out.push(Reference {
            text: Text::span(self.src, start..end),
            start,
            end,
            target: Some(Target {
                kind: Cow::Borrowed(kind),
                body: body.map(Into::into),
                number,
                revision: revision.map(Box::new),
            }),
        });
    }

    // ----- the cursor -----

    /// `text[s..e]` as a value of the model.
    #[inline]
    fn span(&self, s: usize, e: usize) -> Option<Text> {
        self.t.get(s..e).map(|_| Text::span(self.src, s..e))
    }

    fn byte(&self, i: usize) -> Option<u8> {
        self.b.get(i).copied()
    }

    /// The literal `s` at `i`; its end.
    fn lit(&self, i: usize, s: &str) -> Option<usize> {
        // The first byte rules out most candidates without a call to memcmp.
        if s.as_bytes().first().is_some_and(|&c| self.byte(i) != Some(c)) {
            return None;
        }
        self.b.get(i..)?.starts_with(s.as_bytes()).then(|| i + s.len())
    }

    /// The word `s` at `i`, not followed by a letter or digit; its end.
    fn word(&self, i: usize, s: &str) -> Option<usize> {
        self.lit(i, s).filter(|&e| self.boundary_after(e))
    }

    /// The word `s` ending at `e` and not preceded by a letter or digit; its start.
    fn word_back(&self, e: usize, s: &str) -> Option<usize> {
        let start = e.checked_sub(s.len())?;
        // The last byte rules out most candidates without a call to memcmp.
        if s.as_bytes().last().is_some_and(|&c| self.byte(e.wrapping_sub(1)) != Some(c)) {
            return None;
        }
        (self.b.get(start..e)? == s.as_bytes() && self.boundary_before(start)).then_some(start)
    }

    /// At least `min`, at most `max` ASCII digits at `i`, not followed by another digit; the end.
    fn digits(&self, i: usize, min: usize, max: usize) -> Option<usize> {
        // A run longer than `max` fails whatever its length: stop counting there.
        let n = self.b.get(i..)?.iter().take(max + 1).take_while(|c| c.is_ascii_digit()).count();
        (min..=max).contains(&n).then_some(i + n)
    }

    /// The length of an inline space at `i`: space, NBSP, narrow NBSP, figure or thin space.
    fn space_len(&self, i: usize) -> usize {
        match self.b.get(i..).unwrap_or(&[]) {
            [b' ', ..] => 1,
            [0xC2, 0xA0, ..] => 2,
            [0xE2, 0x80, 0xAF | 0x87 | 0x89, ..] => 3,
            _ => 0,
        }
    }

    /// Inline spaces and `[bookmark: ...]` artefacts from `i`; the end.
    #[inline]
    fn ws0(&self, mut i: usize) -> usize {
        // Most calls meet one plain space or a byte that starts no space at all: no call for those.
        loop {
            match self.byte(i) {
                Some(b' ') => i += 1,
                Some(0xC2 | 0xE2 | b'[') => return self.ws0_slow(i),
                _ => return i,
            }
        }
    }

    /// [`Self::ws0`] from a byte that may start a special space or an artefact.
    #[inline(never)]
    fn ws0_slow(&self, mut i: usize) -> usize {
        loop {
            let n = self.space_len(i);
            if n > 0 {
                i += n;
                continue;
            }
            if self.byte(i) == Some(b'[')
                && self.b[i..].starts_with(b"[bookmark:")
                && let Some(n) = self.b[i..].iter().take(200).position(|&c| c == b']')
            {
                i += n + 1;
                continue;
            }
            return i;
        }
    }

    /// Like [`Self::ws0`] but at least one space or artefact.
    fn ws1(&self, i: usize) -> Option<usize> {
        let e = self.ws0(i);
        (e > i).then_some(e)
    }

    /// Inline spaces ending at `e` (at least one); where they start.
    fn ws_back(&self, e: usize) -> Option<usize> {
        let mut i = e;
        loop {
            match self.b.get(..i).unwrap_or(&[]) {
                [.., b' '] => i -= 1,
                [.., 0xC2, 0xA0] => i -= 2,
                [.., 0xE2, 0x80, 0xAF | 0x87 | 0x89] => i -= 3,
                _ => break,
            }
        }
        (i < e).then_some(i)
    }

    /// A hyphen (ASCII, U+2011 or U+2010) at `i`; its end.
    fn hyphen(&self, i: usize) -> Option<usize> {
        match self.b.get(i..)? {
            [b'-', ..] => Some(i + 1),
            [0xE2, 0x80, 0x90 | 0x91, ..] => Some(i + 3),
            _ => None,
        }
    }

    /// A hyphen or an en dash at `i`; its end.
    fn dash(&self, i: usize) -> Option<usize> {
        self.hyphen(i).or_else(|| self.lit(i, "\u{2013}"))
    }

    /// A hyphen ending at `e`; where it starts.
    fn hyphen_back(&self, e: usize) -> Option<usize> {
        match self.b.get(..e)? {
            [.., b'-'] => Some(e - 1),
            [.., 0xE2, 0x80, 0x90 | 0x91] => Some(e - 3),
            _ => None,
        }
    }

    /// The character that ends at `i`.
    fn char_before(&self, i: usize) -> Option<char> {
        self.t.get(..i)?.chars().next_back()
    }

    /// The character that starts at `i`.
    fn char_at(&self, i: usize) -> Option<char> {
        self.t.get(i..)?.chars().next()
    }

    /// No letter or digit just before `i`.
    #[inline]
    fn boundary_before(&self, i: usize) -> bool {
        // An ASCII byte is a whole character: no need to decode.
        match i.checked_sub(1).and_then(|j| self.byte(j)) {
            None => true,
            Some(c) if c.is_ascii() => !c.is_ascii_alphanumeric(),
            Some(_) => self.boundary_before_slow(i),
        }
    }

    /// [`Self::boundary_before`] after a non-ASCII byte: out of line, so that the ASCII test stays small enough
    /// to be inlined at each of its many calls.
    #[inline(never)]
    fn boundary_before_slow(&self, i: usize) -> bool {
        !self.char_before(i).is_some_and(char::is_alphanumeric)
    }

    /// No letter or digit at `i`.
    #[inline]
    fn boundary_after(&self, i: usize) -> bool {
        match self.byte(i) {
            None => true,
            Some(c) if c.is_ascii() => !c.is_ascii_alphanumeric(),
            Some(_) => self.boundary_after_slow(i),
        }
    }

    /// [`Self::boundary_after`] at a non-ASCII byte, out of line for the same reason.
    #[inline(never)]
    fn boundary_after_slow(&self, i: usize) -> bool {
        !self.char_at(i).is_some_and(char::is_alphanumeric)
    }

    /// Before a document symbol: no letter, digit, hyphen, slash or period ("ISC-TF", "and/or", "WTSA-20").
    fn doc_boundary_before(&self, i: usize) -> bool {
        if let Some(c) = i.checked_sub(1).and_then(|j| self.byte(j))
            && c.is_ascii()
        {
            return !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'/' | b'.' | b'_'));
        }
        !self
            .char_before(i)
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '\u{2011}' | '\u{2010}' | '/' | '.' | '_'))
    }
}

/// A year as a revision may give it (ITU was founded in 1865).
fn plausible_year(y: u16) -> Option<u16> {
    (1865..=2100).contains(&y).then_some(y)
}

/// The body a revision tells, if any.
fn revision_body(rev: Option<&Revision>) -> Option<&'static str> {
    let rev = rev?;
    if rev.conference.is_some() {
        return body_of_revision(None, rev.year, rev.conference.as_deref());
    }
    // [`Parser::revision`] trims the place: no need to again.
    body_of_place(rev.place.as_deref()?, rev.year)
}

/// A UN resolution number: "70/1" is the General Assembly's (session/number), "2019/1" ECOSOC's (year/number).
fn un_body(number: &str) -> Option<&'static str> {
    let (a, b) = number.split_once('/')?;
    if !a.bytes().all(|c| c.is_ascii_digit()) || b.is_empty() {
        return None;
    }
    match a.len() {
        1..=3 => Some("UNGA"),
        4 => Some("ECOSOC"),
        _ => None,
    }
}

/// `a-b` in a string of the exact size, without the formatting machinery.
fn joined(a: &str, b: &str) -> String {
    let mut s = String::with_capacity(a.len() + 1 + b.len());
    s.push_str(a);
    s.push('-');
    s.push_str(b);
    s
}

/// A place as it should read: NBSP and U+2011 made plain; an all-capitals place ("BUCHAREST") in title case.
fn tidy_place(raw: &str) -> CompactString {
    // Usually plain ASCII with a lowercase letter ("Busan"): nothing to change.
    if raw.is_ascii() && raw.bytes().any(|c| c.is_ascii_lowercase()) {
        return raw.into();
    }
    if raw.is_ascii() {
        // All capitals ("BUCHAREST", "NEW DELHI"): lowercase all, then the first letter of each word again.
        let mut out = CompactString::from(raw);
        out.make_ascii_lowercase();
        let b = raw.as_bytes();
        for i in (0..b.len()).filter(|&i| b[i].is_ascii_alphabetic() && (i == 0 || !b[i - 1].is_ascii_alphabetic())) {
            if let Some(c) = out.get_mut(i..=i) {
                c.make_ascii_uppercase();
            }
        }
        return out;
    }
    let shouting = !raw.chars().any(char::is_lowercase);
    let mut out = CompactString::with_capacity(raw.len());
    let mut word_start = true;
    for c in raw.chars() {
        let c = match c {
            '\u{a0}' => ' ',
            '\u{2011}' => '-',
            c => c,
        };
        if shouting && c.is_alphabetic() {
            if word_start {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            out.push(c);
        }
        word_start = !c.is_alphabetic();
    }
    out
}

/// A provision with no body takes the body of the next provision in the same clause
/// ("Nos. 211 and 214 (relating to ITU-D) and No. 215 of the Convention").
fn backfill_provision_bodies(text: &str, refs: &mut [Reference]) {
    for i in (0..refs.len().saturating_sub(1)).rev() {
        let (head, tail) = refs.split_at_mut(i + 1);
        let (this, next) = (&mut head[i], &tail[0]);
        let (Some(t), Some(n)) = (this.target.as_mut(), next.target.as_ref()) else {
            continue;
        };
        // The bodies first: two `Option` tests rule out most pairs without comparing the kinds' strings.
        if t.body.is_some() || n.body.is_none() || t.kind != PROVISION || n.kind != PROVISION {
            continue;
        }
        let Some(gap) = text.get(this.end..next.start) else {
            continue;
        };
        let ends_clause = gap.contains([';', '\n', '\t', ':']) || gap.contains(". ");
        if gap.len() <= 160 && !ends_clause {
            t.body.clone_from(&n.body);
        }
    }
}
