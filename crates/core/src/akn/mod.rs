//! Akoma Ntoso 3.0 (OASIS LegalDocML) export of a parsed instrument, in the shape the UN's AKN4UN guidelines
//! give resolutions: a `statement` document with `meta`, `preface`, `preamble` and `mainBody`.
//!
//! The output validates against the official schema vendored in `schema/akn/akomantoso30.xsd` (the tests run
//! xmllint on every instrument of the samples). It is a pure function of the model: no clock, no I/O, so the
//! same document always gives the same bytes.
//!
//! [`read`] turns such a document back into the model (`mandates parse FILE.xml`): export -> read -> export
//! gives the same bytes (tested on every instrument of the samples and on generated instruments). Its module
//! documentation says which fields of the model Akoma Ntoso carries.
//!
//! # Identifiers (the Akoma Ntoso Naming Convention 1.0)
//!
//! ITU is not a country, so the UN's jurisdiction code `un` (as AKN4UN uses it) stands in the country slot,
//! and the adopting body is the author slot:
//!
//! - work: `/akn/un/statement/{kind}/{author}/{year}/{number}`, e.g.
//!   `/akn/un/statement/resolution/itu-pp/2022/130`. `kind` is `resolution`, `decision`, `recommendation`
//!   or `opinion`; `author` is `itu-` and the body in lower case (`itu-pp`, `itu-wtsa`, `itu-council`), `unga`
//!   for the UN General Assembly, `itu` when the model does not know the body; `year` is the year of the text
//!   (the revision's year: ITU cites every revision as its own text, "Resolution 130 (Rev. Bucharest, 2022)"),
//!   taken from the revision, else from the enacting formula, else from the same instrument cited with its
//!   revision elsewhere in the document, else `nd`; `number` is the number as written with
//!   `/` made `-` ("70/1" is `70-1`), prefixed by the committee for a committee recommendation (`com5-2`),
//!   `nn` when there is none.
//! - expression: `{work}/eng@{year}` (English, the version adopted that year); manifestation:
//!   `{expression}/!main.xml`; components (annexes, appendices): `{work}/!{kind}_{n}`.
//! - `FRBRdate` needs a full date and the model only knows the year: it is written as `{year}-01-01` with
//!   `name="year"` to say only the year is meant (`0001-01-01`, `name="unknown"`, when even that is unknown).
//! - eIds: `preamble__formula_1`, `preamble__recs_1__rec_a`, `instructs_1__point_4__point_i`, `sec_1bis__para_1-1`,
//!   `att_1__para_1`; numbers cleaned as the convention says (`b)bis` is `bbis`, `1bis.1.1.3` is `1bis-1-1-3`),
//!   unnumbered items counted by position; the rare duplicate (a label repeated in one container) gets `_2`, `_3`.
//!   An operative block is an `hcontainer` named after its verb (`instructs`, `resolves-to-instruct`), so its eId
//!   is the verb and a count.
//! - addressees and partners are `TLCRole` (officials) or `TLCOrganization` (everyone else) in `references`,
//!   with hrefs `/akn/ontology/role/itu.director-tsb` and `/akn/ontology/organization/itu.council`; blocks and
//!   items that address someone point at them with `refersTo`.

mod read;
mod xml;

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

pub use read::{ReadAkn, ReadError, read};
pub use xml::looks_like_xml;

use crate::clean::clean;
use crate::model::{
    Annex, Block, BlockKind, Document, Instrument, InstrumentKind, Item, Reference, Revision, Section, Target,
};

/// The Akoma Ntoso 3.0 namespace.
pub const NAMESPACE: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

/// The FRBR identifiers of an instrument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frbr {
    /// `/akn/un/statement/resolution/itu-pp/2022/130`
    pub work: String,
    /// `/akn/un/statement/resolution/itu-pp/2022/130/eng@2022`
    pub expression: String,
    /// `/akn/un/statement/resolution/itu-pp/2022/130/eng@2022/!main.xml`
    pub manifestation: String,
    /// The year in the URIs, when known.
    pub year: Option<u16>,
}

/// FRBR URIs of an instrument of `document` (see the module documentation for the scheme).
pub fn frbr(document: &Document, instrument: &Instrument) -> Frbr {
    let year = instrument_year(instrument)
        .or_else(|| {
            // The same instrument quoted elsewhere in the document with its revision ("Resolution 214" in a list,
            // "Resolution 214 (Bucharest, 2022)" in its section).
            document
                .instruments
                .iter()
                .filter(|i| {
                    i.kind == instrument.kind
                        && i.body == instrument.body
                        && i.committee == instrument.committee
                        && i.number.is_some()
                        && i.number == instrument.number
                })
                .find_map(instrument_year)
        })
        .or_else(|| own_citation_year(document, instrument));
    let work = work_uri(
        kind_word(instrument.kind),
        instrument.body.as_deref(),
        instrument.committee.as_deref(),
        instrument.number.as_deref(),
        year,
    );
    let expression = format!("{work}/eng@{}", year.map_or_else(|| "nd".to_owned(), |y| y.to_string()));
    let manifestation = format!("{expression}/!main.xml");
    Frbr { work, expression, manifestation, year }
}

/// The year of the instrument's own citation line read as a citation: a reference that starts where the
/// instrument starts and cites the same kind and number with a year. This is how a document read back from
/// Akoma Ntoso keeps a year its source took from elsewhere (see [`read`]).
fn own_citation_year(document: &Document, instrument: &Instrument) -> Option<u16> {
    let number = number_slug(instrument.number.as_deref().unwrap_or(""));
    document
        .references
        .iter()
        .filter(|r| r.start == instrument.start)
        .filter_map(|r| r.target.as_ref())
        .find(|t| t.kind == kind_word(instrument.kind) && number_slug(&t.number.as_str()) == number)
        .and_then(|t| t.revision.as_ref()?.year)
}

/// The native citation: "Resolution 130 (Rev. Bucharest, 2022)", "Resolution 7 (Rev.WRC-19)".
pub fn native_citation(instrument: &Instrument) -> String {
    let kind = match instrument.kind {
        InstrumentKind::Resolution => "Resolution",
        InstrumentKind::Decision => "Decision",
        InstrumentKind::Recommendation => "Recommendation",
        InstrumentKind::Opinion => "Opinion",
    };
    let mut out = String::new();
    if let Some(committee) = &instrument.committee {
        out.push_str(committee);
        out.push(' ');
    }
    out.push_str(kind);
    if let Some(number) = &instrument.number {
        out.push(' ');
        out.push_str(number);
    }
    if let Some(rev) = &instrument.revision
        && let Some(bracket) = revision_text(rev)
    {
        out.push_str(" (");
        out.push_str(&bracket);
        out.push(')');
    }
    out
}

fn revision_text(rev: &Revision) -> Option<String> {
    let prefix = if rev.revised { "Rev. " } else { "" };
    if let Some(conference) = &rev.conference {
        return Some(if rev.revised { format!("Rev.{conference}") } else { conference.to_string() });
    }
    match (&rev.place, rev.year) {
        (Some(place), Some(year)) => Some(format!("{prefix}{place}, {year}")),
        (Some(place), None) => Some(format!("{prefix}{place}")),
        (None, Some(year)) => Some(format!("{prefix}{year}")),
        (None, None) => None,
    }
}

fn kind_word(kind: InstrumentKind) -> &'static str {
    match kind {
        InstrumentKind::Resolution => "resolution",
        InstrumentKind::Decision => "decision",
        InstrumentKind::Recommendation => "recommendation",
        InstrumentKind::Opinion => "opinion",
    }
}

/// `itu-pp`, `itu-wtsa`, `unga`, `itu`.
fn author_slug(body: Option<&str>) -> String {
    match body {
        None => "itu".to_owned(),
        Some(b) if b.eq_ignore_ascii_case("UNGA") || b.eq_ignore_ascii_case("ECOSOC") => slug(b),
        Some(b) => format!("itu-{}", slug(b)),
    }
}

fn author_name(body: Option<&str>) -> String {
    match body {
        None => "International Telecommunication Union".to_owned(),
        Some("PP") => "ITU Plenipotentiary Conference".to_owned(),
        Some("WTSA") => "World Telecommunication Standardization Assembly".to_owned(),
        Some("WTDC") => "World Telecommunication Development Conference".to_owned(),
        Some("WRC") => "World Radiocommunication Conference".to_owned(),
        Some("RA") => "Radiocommunication Assembly".to_owned(),
        Some("Council") => "ITU Council".to_owned(),
        Some("UNGA") => "United Nations General Assembly".to_owned(),
        Some(other) => other.to_owned(),
    }
}

fn work_uri(
    kind: &str,
    body: Option<&str>,
    committee: Option<&str>,
    number: Option<&str>,
    year: Option<u16>,
) -> String {
    let number = number.map(number_slug).filter(|n| !n.is_empty()).unwrap_or_else(|| "nn".to_owned());
    let number = match committee {
        Some(c) => format!("{}-{number}", slug(c)),
        None => number,
    };
    let year = year.map_or_else(|| "nd".to_owned(), |y| y.to_string());
    format!("/akn/un/statement/{kind}/{}/{year}/{number}", author_slug(body))
}

/// A number as a URI segment: "70/1" is "70-1"; only letters, digits, '.', '-' and '_' are kept.
fn number_slug(number: &str) -> String {
    let mut out = String::new();
    for c in number.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
            out.push(c);
        } else if c == '/' && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

/// Lower case, every run of other characters one '-': "Director TSB" is "director-tsb".
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn instrument_year(instrument: &Instrument) -> Option<u16> {
    instrument
        .revision
        .as_ref()
        .and_then(|r| r.year)
        .or_else(|| instrument.enacting_formula.as_deref().and_then(last_year))
}

/// The last four-digit year (1865..=2199) standing alone in a text.
fn last_year(s: &str) -> Option<u16> {
    let b = s.as_bytes();
    let mut found = None;
    let mut i = 0;
    while i + 4 <= b.len() {
        let standalone = (i == 0 || !b[i - 1].is_ascii_digit()) && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        if standalone && b[i..i + 4].iter().all(u8::is_ascii_digit) {
            let y: u16 = s[i..i + 4].parse().unwrap_or(0);
            if (1865..=2199).contains(&y) {
                found = Some(y);
            }
        }
        i += 1;
    }
    found
}

/// The work URI a citation points to, when it names an instrument: from its own revision year, else from the
/// instrument of the same kind, body and number in this document.
fn target_uri(document: &Document, target: &Target) -> Option<String> {
    let kind = match &*target.kind {
        "resolution" => InstrumentKind::Resolution,
        "decision" => InstrumentKind::Decision,
        "opinion" => InstrumentKind::Opinion,
        _ => return None,
    };
    let body = target.body.as_deref()?;
    if let Some(year) = target.revision.as_ref().and_then(|r| r.year) {
        return Some(work_uri(kind_word(kind), Some(body), None, Some(&target.number.as_str()), Some(year)));
    }
    document
        .instruments
        .iter()
        .find(|i| {
            i.kind == kind
                && i.committee.is_none()
                && i.body.as_deref() == Some(body)
                && i.number.as_deref() == Some(&*target.number.as_str())
        })
        .map(|i| frbr(document, i).work)
}

/// Officials are roles; everyone else an organisation.
fn is_role(name: &str) -> bool {
    ["Secretary-General", "Director", "Chair", "chair", "Secretary", "Deputy"].iter().any(|w| name.contains(w))
}

/// One Akoma Ntoso 3.0 `statement` document for `instrument`, which must belong to `document` (its spans are
/// read from `document.text`, and its citations resolved against `document.references`).
pub fn export(document: &Document, instrument: &Instrument) -> String {
    let mut x = Exporter::new(document, instrument);
    x.run();
    x.w.out
}

/// Something written inside a paragraph: a citation or a footnote.
enum Mark<'d> {
    Ref { end: usize, href: String },
    Note(&'d crate::model::Footnote),
}

struct Exporter<'d> {
    doc: &'d Document,
    inst: &'d Instrument,
    frbr: Frbr,
    w: Writer,
    ids: HashSet<String>,
    /// Addressee name -> TLC eId.
    tlc: HashMap<String, String>,
    /// References of the instrument with a resolvable target, by start.
    refs: Vec<(&'d Reference, String)>,
    notes: Vec<&'d crate::model::Footnote>,
    placed_notes: HashSet<usize>,
}

impl<'d> Exporter<'d> {
    fn new(doc: &'d Document, inst: &'d Instrument) -> Self {
        let refs = doc
            .references
            .iter()
            .filter(|r| r.start >= inst.start && r.end <= inst.end)
            .filter_map(|r| Some((r, target_uri(doc, r.target.as_ref()?)?)))
            .collect();
        let notes = doc
            .footnotes
            .iter()
            .filter(|f| f.reference_start.is_some_and(|at| at >= inst.start && at < inst.end))
            .collect();
        Self {
            doc,
            inst,
            frbr: frbr(doc, inst),
            w: Writer::default(),
            ids: HashSet::new(),
            tlc: HashMap::new(),
            refs,
            notes,
            placed_notes: HashSet::new(),
        }
    }

    /// `candidate`, or `candidate_2`, `candidate_3`... if already used.
    fn id(&mut self, candidate: String) -> String {
        if self.ids.insert(candidate.clone()) {
            return candidate;
        }
        let mut n = 2;
        loop {
            let c = format!("{candidate}_{n}");
            if self.ids.insert(c.clone()) {
                return c;
            }
            n += 1;
        }
    }

    fn run(&mut self) {
        self.w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        self.w.open("akomaNtoso", &[("xmlns", NAMESPACE)]);
        self.w.open("statement", &[("name", kind_word(self.inst.kind))]);
        self.collect_tlcs();
        self.meta(None);
        self.preface();
        self.preamble();
        self.main_body();
        self.attachments();
        self.w.close("statement");
        self.w.close("akomaNtoso");
    }

    fn collect_tlcs(&mut self) {
        let mut names: Vec<&str> = Vec::new();
        fn items<'a>(list: &'a [Item], names: &mut Vec<&'a str>) {
            for i in list {
                names.extend(i.addressees.iter().map(String::as_str));
                items(&i.items, names);
            }
        }
        for b in &self.inst.blocks {
            names.extend(b.addressees.iter().map(String::as_str));
            names.extend(b.partners.iter().map(String::as_str));
            items(&b.items, &mut names);
        }
        for s in &self.inst.sections {
            items(&s.items, &mut names);
        }
        for a in &self.inst.annexes {
            items(&a.items, &mut names);
        }
        let author = author_slug(self.inst.body.as_deref());
        let mut used: HashSet<String> = ["mandates".to_owned(), author].into_iter().collect();
        for name in names {
            if self.tlc.contains_key(name) {
                continue;
            }
            let base = match slug(name) {
                s if s.is_empty() => "addressee".to_owned(),
                s => s,
            };
            let mut id = base.clone();
            let mut n = 2;
            while !used.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            self.tlc.insert(name.to_owned(), id);
        }
    }

    /// `meta` of the statement (`component` None) or of an attachment (`!appendix_1`).
    fn meta(&mut self, component: Option<&str>) {
        let f = self.frbr.clone();
        let (this_work, this_expr, this_manif) = match component {
            None => (format!("{}/!main", f.work), format!("{}/!main", f.expression), f.manifestation.clone()),
            Some(c) => {
                (format!("{}/!{c}", f.work), format!("{}/!{c}", f.expression), format!("{}/!{c}.xml", f.expression))
            }
        };
        let (date, date_name) = match f.year {
            Some(y) => (format!("{y:04}-01-01"), "year"),
            None => ("0001-01-01".to_owned(), "unknown"),
        };
        let author = format!("#{}", author_slug(self.inst.body.as_deref()));
        let w = &mut self.w;
        w.open("meta", &[]);
        w.open("identification", &[("source", "#mandates")]);

        w.open("FRBRWork", &[]);
        w.empty("FRBRthis", &[("value", &this_work)]);
        w.empty("FRBRuri", &[("value", &f.work)]);
        if component.is_none() {
            w.empty("FRBRalias", &[("value", &native_citation(self.inst)), ("name", "native")]);
            let written = &self.inst.citation;
            if !written.is_empty() && *written != native_citation(self.inst) {
                w.empty("FRBRalias", &[("value", written), ("name", "citation")]);
            }
            for document in conference_documents(self.doc, self.inst) {
                w.empty("FRBRalias", &[("value", &document), ("name", "conference-document")]);
            }
        }
        w.empty("FRBRdate", &[("date", &date), ("name", date_name)]);
        w.empty("FRBRauthor", &[("href", &author)]);
        w.empty("FRBRcountry", &[("value", "un")]);
        if component.is_none() {
            w.empty("FRBRsubtype", &[("value", kind_word(self.inst.kind))]);
            if let Some(n) = &self.inst.number {
                w.empty("FRBRnumber", &[("value", n)]);
            }
            if let Some(t) = &self.inst.title {
                w.empty("FRBRname", &[("value", t)]);
            }
        }
        w.close("FRBRWork");

        w.open("FRBRExpression", &[]);
        w.empty("FRBRthis", &[("value", &this_expr)]);
        w.empty("FRBRuri", &[("value", &f.expression)]);
        w.empty("FRBRdate", &[("date", &date), ("name", date_name)]);
        w.empty("FRBRauthor", &[("href", &author)]);
        w.empty("FRBRlanguage", &[("language", "eng")]);
        w.close("FRBRExpression");

        w.open("FRBRManifestation", &[]);
        w.empty("FRBRthis", &[("value", &this_manif)]);
        w.empty("FRBRuri", &[("value", &f.manifestation)]);
        w.empty("FRBRdate", &[("date", &date), ("name", date_name)]);
        w.empty("FRBRauthor", &[("href", "#mandates")]);
        w.close("FRBRManifestation");
        w.close("identification");
        if component.is_some() {
            // The TLCs are the statement's: eIds are unique over the whole document, attachments included.
            w.close("meta");
            return;
        }

        w.open("references", &[("source", "#mandates")]);
        w.empty(
            "TLCOrganization",
            &[("eId", "mandates"), ("href", "/akn/ontology/organization/mandates"), ("showAs", "mandates")],
        );
        let author_id = author_slug(self.inst.body.as_deref());
        let author_href = format!("/akn/ontology/organization/{}", author_id.replacen('-', ".", 1));
        w.empty(
            "TLCOrganization",
            &[("eId", &author_id), ("href", &author_href), ("showAs", &author_name(self.inst.body.as_deref()))],
        );
        let mut tlcs: Vec<(&String, &String)> = self.tlc.iter().collect();
        tlcs.sort_by(|a, b| a.1.cmp(b.1));
        for (name, id) in tlcs {
            let (element, kind) = if is_role(name) { ("TLCRole", "role") } else { ("TLCOrganization", "organization") };
            let href = format!("/akn/ontology/{kind}/itu.{id}");
            w.empty(element, &[("eId", id), ("href", &href), ("showAs", name)]);
        }
        w.close("references");
        w.close("meta");
    }

    fn preface(&mut self) {
        let number = native_citation(self.inst);
        self.w.open("preface", &[]);
        self.w.open_inline("p", &[("class", "docNumber")]);
        self.w.inline_leaf("docNumber", &[], &number);
        // Footnotes on the heading (before the first block): after the number.
        let first_block = self.inst.blocks.first().map_or(self.inst.end, |b| b.start);
        for k in 0..self.notes.len() {
            let note = self.notes[k];
            if note.reference_start.is_some_and(|at| at < first_block) && self.placed_notes.insert(k) {
                self.note(note);
            }
        }
        self.w.close_inline("p");
        if let Some(title) = &self.inst.title {
            self.w.open_inline("p", &[("class", "docTitle")]);
            self.w.inline_leaf("docTitle", &[], title);
            self.w.close_inline("p");
        }
        self.w.close("preface");
    }

    fn preamble(&mut self) {
        let inst = self.inst;
        let preambular: Vec<&Block> = inst.blocks.iter().filter(|b| b.kind == BlockKind::Preambular).collect();
        if inst.enacting_formula.is_none() && preambular.is_empty() {
            return;
        }
        self.w.open("preamble", &[]);
        if let Some(formula) = &inst.enacting_formula {
            let id = self.id("preamble__formula_1".into());
            self.w.open("formula", &[("name", "enactingFormula"), ("eId", &id)]);
            self.w.leaf("p", &[], formula);
            self.w.close("formula");
        }
        for (n, block) in preambular.into_iter().enumerate() {
            let id = self.id(format!("preamble__recs_{}", n + 1));
            let refers = self.refers_to(&block.addressees);
            let mut attrs = vec![("eId", id.as_str())];
            if let Some(r) = &refers {
                attrs.push(("refersTo", r));
            }
            self.w.open("recitals", &attrs);
            let heading_end = block.items.first().map_or(block.end, |i| i.start);
            if block.items.is_empty() {
                // A block without items: its heading is its only recital.
                let rid = self.id(format!("{id}__rec_1"));
                self.w.open("recital", &[("eId", &rid)]);
                self.text_paras(block.heading.as_deref().unwrap_or(""), block.start, block.end, &[]);
                self.w.close("recital");
            } else {
                if let Some(h) = &block.heading {
                    self.w.open("intro", &[]);
                    self.text_paras(h, block.start, heading_end, &[]);
                    self.w.close("intro");
                }
                for (k, item) in block.items.iter().enumerate() {
                    self.recital(&id, item, k + 1);
                }
            }
            self.w.close("recitals");
        }
        self.w.close("preamble");
    }

    fn recital(&mut self, parent: &str, item: &Item, position: usize) {
        let id = self.id(format!("{parent}__rec_{}", num_id(item.label.as_deref()).unwrap_or(position.to_string())));
        self.w.open("recital", &[("eId", &id)]);
        if let Some(l) = &item.label {
            self.w.leaf("num", &[], l);
        }
        let spans: Vec<(usize, usize)> = item.items.iter().map(|i| (i.start, i.end)).collect();
        if !item.text.is_empty() || item.items.is_empty() {
            self.text_paras(&item.text.as_str(), item.start, item.end, &spans);
        }
        if !item.items.is_empty() {
            self.block_list(&id, &item.items);
        }
        self.w.close("recital");
    }

    /// Sub-items of a recital: recitals hold only blocks, so nested items are a `blockList`.
    fn block_list(&mut self, parent: &str, items: &[Item]) {
        let list = self.id(format!("{parent}__list_1"));
        self.w.open("blockList", &[("eId", &list)]);
        for (k, item) in items.iter().enumerate() {
            let id = self.id(format!("{list}__item_{}", num_id(item.label.as_deref()).unwrap_or((k + 1).to_string())));
            self.w.open("item", &[("eId", &id)]);
            if let Some(l) = &item.label {
                self.w.leaf("num", &[], l);
            }
            let spans: Vec<(usize, usize)> = item.items.iter().map(|i| (i.start, i.end)).collect();
            if !item.text.is_empty() || item.items.is_empty() {
                self.text_paras(&item.text.as_str(), item.start, item.end, &spans);
            }
            if !item.items.is_empty() {
                self.block_list(&id, &item.items);
            }
            self.w.close("item");
        }
        self.w.close("blockList");
    }

    fn main_body(&mut self) {
        let inst = self.inst;
        self.w.open("mainBody", &[]);
        let mut wrote = false;
        let mut counts: HashMap<String, usize> = HashMap::new();
        for block in inst.blocks.iter().filter(|b| b.kind != BlockKind::Preambular) {
            let name = match (block.kind, &block.verb) {
                (BlockKind::Recommendation, _) => "recommendation".to_owned(),
                (_, Some(v)) if !slug(v).is_empty() => slug(v),
                _ => "operative".to_owned(),
            };
            let n = counts.entry(name.clone()).or_default();
            *n += 1;
            let id = self.id(format!("{name}_{n}"));
            let refers = self.refers_to(&block.addressees);
            let mut attrs = vec![("name", name.as_str()), ("eId", id.as_str())];
            if let Some(r) = &refers {
                attrs.push(("refersTo", r));
            }
            self.w.open("hcontainer", &attrs);
            let heading_end = block.items.first().map_or(block.end, |i| i.start);
            if block.items.is_empty() {
                self.w.open("content", &[]);
                self.text_paras(block.heading.as_deref().unwrap_or(""), block.start, block.end, &[]);
                self.w.close("content");
            } else {
                if let Some(h) = &block.heading {
                    self.w.open("intro", &[]);
                    self.text_paras(h, block.start, heading_end, &[]);
                    self.w.close("intro");
                }
                self.items(&id, &block.items, false);
            }
            self.w.close("hcontainer");
            wrote = true;
        }
        for section in &inst.sections {
            self.section(section);
            wrote = true;
        }
        if !wrote {
            self.w.empty("p", &[]);
        }
        self.w.close("mainBody");
    }

    fn section(&mut self, section: &Section) {
        let id = self.id(format!("sec_{}", num_id(Some(&section.number)).unwrap_or_else(|| "nn".into())));
        self.w.open("section", &[("eId", &id)]);
        self.w.leaf("num", &[], &section.number);
        if let Some(t) = &section.title {
            self.w.leaf("heading", &[], t);
        }
        self.items(&id, &section.items, true);
        self.w.close("section");
    }

    /// Items as hierarchical elements: `point`s, or in rules and annexes `paragraph`s for numbered clauses.
    fn items(&mut self, parent: &str, items: &[Item], clauses: bool) {
        for (k, item) in items.iter().enumerate() {
            let numbered_clause =
                clauses && item.label.as_deref().is_some_and(|l| l.starts_with(|c: char| c.is_ascii_digit()));
            let (element, abbr) = if numbered_clause { ("paragraph", "para") } else { ("point", "point") };
            let num = num_id(item.label.as_deref()).unwrap_or((k + 1).to_string());
            let id = self.id(format!("{parent}__{abbr}_{num}"));
            let refers = self.refers_to(&item.addressees);
            let mut attrs = vec![("eId", id.as_str())];
            if let Some(r) = &refers {
                attrs.push(("refersTo", r));
            }
            self.w.open(element, &attrs);
            if let Some(l) = &item.label {
                self.w.leaf("num", &[], l);
            }
            if item.items.is_empty() {
                self.w.open("content", &[]);
                self.text_paras(&item.text.as_str(), item.start, item.end, &[]);
                self.w.close("content");
            } else {
                let spans: Vec<(usize, usize)> = item.items.iter().map(|i| (i.start, i.end)).collect();
                if !item.text.is_empty() {
                    self.w.open("intro", &[]);
                    self.text_paras(&item.text.as_str(), item.start, item.end, &spans);
                    self.w.close("intro");
                }
                self.items(&id, &item.items, clauses);
            }
            self.w.close(element);
        }
    }

    fn attachments(&mut self) {
        let inst = self.inst;
        if inst.annexes.is_empty() {
            return;
        }
        self.w.open("attachments", &[]);
        let mut counts: HashMap<String, usize> = HashMap::new();
        for (n, annex) in inst.annexes.iter().enumerate() {
            let kind = match slug(&annex.kind) {
                k if k.is_empty() => "annex".to_owned(),
                k => k,
            };
            let c = counts.entry(kind.clone()).or_default();
            *c += 1;
            let component = format!("{kind}_{c}");
            let id = self.id(format!("att_{}", n + 1));
            self.w.open("attachment", &[("eId", &id)]);
            self.w.open("doc", &[("name", &kind)]);
            self.meta(Some(&component));
            self.annex_preface(annex);
            self.w.open("mainBody", &[]);
            if annex.items.is_empty() {
                self.w.empty("p", &[]);
            } else {
                self.items(&id, &annex.items, true);
            }
            self.w.close("mainBody");
            self.w.close("doc");
            self.w.close("attachment");
        }
        self.w.close("attachments");
    }

    fn annex_preface(&mut self, annex: &Annex) {
        let mut number = capitalise(&annex.kind);
        if let Some(n) = &annex.number {
            number.push(' ');
            number.push_str(n);
        }
        self.w.open("preface", &[]);
        self.w.open_inline("p", &[("class", "docNumber")]);
        self.w.inline_leaf("docNumber", &[], &number);
        self.w.close_inline("p");
        if let Some(title) = &annex.title {
            self.w.open_inline("p", &[("class", "docTitle")]);
            self.w.inline_leaf("docTitle", &[], title);
            self.w.close_inline("p");
        }
        self.w.close("preface");
    }

    fn refers_to(&self, names: &[String]) -> Option<String> {
        let ids: Vec<String> = names.iter().filter_map(|n| self.tlc.get(n)).map(|id| format!("#{id}")).collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }

    /// `text` (a cleaned value whose paragraphs are joined by "\n") as `<p>`s, with the citations and footnote
    /// references found in the raw span `start..end` (less the `skip` spans of sub-items) marked up in it.
    fn text_paras(&mut self, text: &str, start: usize, end: usize, skip: &[(usize, usize)]) {
        let outside = |a: usize, b: usize| skip.iter().all(|&(s, e)| b <= s || a >= e);
        // Marks at byte positions of `text`, in order, not overlapping.
        let mut marks: Vec<(usize, Mark<'d>)> = Vec::new();
        let mut cursor = 0;
        for (r, href) in &self.refs {
            if r.start < start || r.end > end || !outside(r.start, r.end) {
                continue;
            }
            let cited = clean(&r.text.as_str());
            if cited.is_empty() || cited.contains('\n') {
                continue;
            }
            if let Some(at) = text.get(cursor..).and_then(|t| t.find(&cited)) {
                let at = cursor + at;
                marks.push((at, Mark::Ref { end: at + cited.len(), href: href.clone() }));
                cursor = at + cited.len();
            }
        }
        for (k, note) in self.notes.iter().enumerate() {
            let Some(at) = note.reference_start else { continue };
            if at < start || at >= end || !outside(at, at + 1) || self.placed_notes.contains(&k) {
                continue;
            }
            let pos = self.doc.text.get(start..at).map_or(text.len(), |before| note_position(text, &clean(before)));
            // Not inside a citation.
            let pos = marks
                .iter()
                .find_map(|(s, m)| match m {
                    Mark::Ref { end, .. } if *s < pos && pos < *end => Some(*end),
                    _ => None,
                })
                .unwrap_or(pos);
            self.placed_notes.insert(k);
            marks.push((pos, Mark::Note(note)));
        }
        marks.sort_by_key(|(at, m)| (*at, matches!(m, Mark::Note(_))));

        self.w.open_inline("p", &[]);
        let mut at = 0;
        for (pos, mark) in marks {
            if pos < at {
                continue;
            }
            self.plain(&text[at..pos]);
            match mark {
                Mark::Ref { end, href } => {
                    self.w.inline_leaf("ref", &[("href", &href)], &text[pos..end]);
                    at = end;
                }
                Mark::Note(note) => {
                    self.note(note);
                    at = pos;
                }
            }
        }
        self.plain(&text[at..]);
        self.w.close_inline("p");
    }

    /// A footnote where it is referred to, inside an open `<p>`.
    fn note(&mut self, note: &crate::model::Footnote) {
        let id = self.id(format!("authorialNote_{}", num_id(Some(&note.id)).unwrap_or_default()));
        self.w.start_tag("authorialNote", &[("eId", &id), ("marker", &note.mark), ("placement", "bottom")], false);
        for para in note.text.split('\n') {
            self.w.inline_leaf("p", &[], para);
        }
        self.w.end_tag("authorialNote");
    }

    /// Text inside an open `<p>`: a "\n" closes it and opens the next.
    fn plain(&mut self, text: &str) {
        let mut parts = text.split('\n');
        if let Some(first) = parts.next() {
            self.w.text(first);
        }
        for part in parts {
            self.w.end_tag("p");
            self.w.newline();
            self.w.start_tag("p", &[], false);
            self.w.text(part);
        }
    }
}

/// Where in `text` (a cleaned value, paragraphs joined by "\n") the cleaned raw text `before` a footnote
/// reference ends. The raw span starts with the item's label, so `before` is usually the label, a space and a
/// prefix of `text`; otherwise (text the cleaning changed) after the first match of its last words; the end
/// of `text` when neither is found.
fn note_position(text: &str, before: &str) -> usize {
    if before.is_empty() {
        return 0;
    }
    let flat = text.replace('\n', " ");
    if flat.starts_with(before) {
        return before.len();
    }
    if let Some((_, rest)) = before.split_once(' ')
        && !rest.is_empty()
        && flat.starts_with(rest)
    {
        return rest.len();
    }
    let mut from = before.len().saturating_sub(48);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let tail = &before[from..];
    match flat.find(tail) {
        Some(at) => at + tail.len(),
        None => text.len(),
    }
}

/// Conference documents that changed a PP instrument, from the document's reference table.
fn conference_documents(doc: &Document, inst: &Instrument) -> Vec<String> {
    if inst.body.as_deref() != Some("PP") || inst.committee.is_some() {
        return Vec::new();
    }
    let Some(number) = &inst.number else { return Vec::new() };
    let label = match inst.kind {
        InstrumentKind::Resolution => number.clone(),
        InstrumentKind::Decision => format!("Decision {number}"),
        _ => return Vec::new(),
    };
    let mut out: Vec<String> = Vec::new();
    for row in doc.reference_table.iter().filter(|r| r.instrument == label) {
        for c in &row.contributions {
            if !out.iter().any(|d| *d == c.document) {
                out.push(c.document.to_string());
            }
        }
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// A label as the number part of an eId: "b)bis" is "bbis", "1bis.1.1.3" is "1bis-1-1-3", "ii)" is "ii";
/// None for a label with no letter or digit ("–").
fn num_id(label: Option<&str>) -> Option<String> {
    let mut out = String::new();
    for c in label?.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if matches!(c, '.' | '-' | '/') && !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    (!out.is_empty()).then_some(out)
}

/// Indented XML written by hand; every text and attribute value goes through [`escape_into`].
#[derive(Default)]
struct Writer {
    out: String,
    depth: usize,
}

impl Writer {
    fn newline(&mut self) {
        self.out.push('\n');
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn start_tag(&mut self, name: &str, attrs: &[(&str, &str)], empty: bool) {
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            let _ = write!(self.out, " {k}=\"");
            escape_into(&mut self.out, v, true);
            self.out.push('"');
        }
        self.out.push_str(if empty { "/>" } else { ">" });
    }

    fn end_tag(&mut self, name: &str) {
        let _ = write!(self.out, "</{name}>");
    }

    /// A start tag on its own line; what follows is indented.
    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.newline();
        self.start_tag(name, attrs, false);
        self.depth += 1;
    }

    fn close(&mut self, name: &str) {
        self.depth -= 1;
        self.newline();
        self.end_tag(name);
    }

    /// A start tag on its own line whose content follows on the same line (mixed content).
    fn open_inline(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.newline();
        self.start_tag(name, attrs, false);
    }

    fn close_inline(&mut self, name: &str) {
        self.end_tag(name);
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.newline();
        self.start_tag(name, attrs, true);
    }

    /// `<name>text</name>` on its own line.
    fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.newline();
        self.inline_leaf(name, attrs, text);
    }

    /// `<name>text</name>` where the output stands (inside mixed content).
    fn inline_leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.start_tag(name, attrs, false);
        self.text(text);
        self.end_tag(name);
    }

    fn text(&mut self, s: &str) {
        escape_into(&mut self.out, s, false);
    }
}

/// XML-escapes `s` into `out`, dropping the characters XML 1.0 does not allow (C0 controls other than tab,
/// line feed and carriage return; U+FFFE and U+FFFF). In attributes, tabs and line breaks are written as
/// character references so that they survive attribute-value normalisation; in text, carriage returns are,
/// so that they survive end-of-line handling.
pub fn escape_into(out: &mut String, s: &str, attribute: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\t' | '\n' | '\r' if attribute => {
                let _ = write!(out, "&#{};", c as u32);
            }
            // A raw carriage return would be read back as a line feed (end-of-line handling).
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_strips_forbidden_characters() {
        let mut s = String::new();
        escape_into(&mut s, "a<b & \"c\"\u{1}\u{FFFF}\td", false);
        assert_eq!(s, "a&lt;b &amp; \"c\"\td");
        let mut s = String::new();
        escape_into(&mut s, "x\"\n", true);
        assert_eq!(s, "x&quot;&#10;");
    }

    #[test]
    fn a_footnote_near_the_start_of_a_labelled_item_stays_where_it_stands() {
        assert_eq!(note_position("to report; more", "4 to report"), 9);
        assert_eq!(note_position("to report; more", "to report"), 9);
        assert_eq!(note_position("to report; more", "4 elsewhere"), 15);
        // Label and words together a little longer than the 48 bytes compared at the end of a long item, so
        // that those 48 bytes start inside the label: the place is still found (it was put at the end of the
        // item; found by the round-trip property).
        let text = "to report each year to Council on the progress; and to the next conference";
        let before = "2bis to report each year to Council on the progress";
        assert_eq!(before.len(), 51);
        assert_eq!(note_position(text, before), "to report each year to Council on the progress".len());
    }

    #[test]
    fn labels_become_eid_numbers() {
        assert_eq!(num_id(Some("b)bis")).as_deref(), Some("bbis"));
        assert_eq!(num_id(Some("1bis.1.1.3")).as_deref(), Some("1bis-1-1-3"));
        assert_eq!(num_id(Some("ii)")).as_deref(), Some("ii"));
        assert_eq!(num_id(Some("–")), None);
        assert_eq!(number_slug("70/1"), "70-1");
        assert_eq!(slug("Director TSB"), "director-tsb");
        assert_eq!(last_year("(Bucharest, 2022),"), Some(2022));
    }
}
