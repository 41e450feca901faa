//! Reading an Akoma Ntoso 3.0 `statement` (as [`export`](super::export) writes it) back into the model.
//!
//! The model's spans point into one text, so the reader writes a text from the XML content in reading
//! order and records every span as it writes: the citation (`docNumber`), the title, the enacting formula,
//! then one line per paragraph of blocks, items (`label<TAB>text`), sections (`number<TAB>heading`) and
//! annexes, and after the instrument the footnote bodies, Word style (`[id: marker text]`). Spans cover whole
//! lines with their line break, so that a footnote standing at the very end of a paragraph still lies inside
//! its item. A footnote's reference is the place where its `authorialNote` stood: no mark is written there.
//!
//! # What Akoma Ntoso carries, and what it does not
//!
//! Carried (and compared in the round-trip tests): kind, body (from the author), number, committee and
//! revision (from the native citation), the citation as written, title, enacting formula; blocks with kind,
//! heading, addressees and items; items with label, text, addressees (not in the preamble, where the export
//! has no `refersTo`) and nesting; sections and annexes; footnotes with marker and text; citations that the
//! export could resolve, with their text and the target's kind, body, number (as its URI segment) and year;
//! the conference documents of a PP instrument (as a reference-table row with only those documents).
//!
//! Not carried, so read back otherwise: the verb of a preambular block and a block's partners are read again
//! from its heading, as the parser reads them (names in `references` that nothing points at become partners of
//! the first block); the verb of an operative block comes from its container's name where the heading does not
//! give it; the instrument's status and summary section; the order of preambular blocks among operative ones
//! (preambular blocks come first); citations without a resolvable target and the place of a cited revision;
//! Word's footnote ids (read back in their eId form); a revision without place, year or conference (none);
//! an empty citation (the native one); every span.
//!
//! A year the export took from elsewhere in the source document (the FRBR year when neither the revision nor
//! the enacting formula gives one) is kept as a citation of the instrument by its own `docNumber`, whose target
//! carries the year; the export looks there last.

use std::collections::{HashMap, HashSet};

use super::xml::{self, Element, Node};
use super::{NAMESPACE, author_name, capitalise, instrument_year, kind_word, slug};
use crate::model::{
    Annex, Block, BlockKind, Contribution, Diagnostic, Footnote, Instrument, InstrumentKind, Item, Reference,
    ReferenceRow, Revision, Section, Target,
};
use crate::structure::{addressee, headings};

/// Why an XML input could not be read as Akoma Ntoso.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("the XML is malformed at byte {position}: {message}")]
    Malformed { position: u64, message: String },
    #[error(
        "the XML declares a document type (<!DOCTYPE ...> at byte {position}): documents with a DTD are refused, \
         because its entities can expand without bound (an XML bomb)"
    )]
    Dtd { position: u64 },
    #[error("this XML is not Akoma Ntoso: {0}")]
    NotAkomaNtoso(String),
    #[error("this Akoma Ntoso document cannot be read: {0}")]
    Unsupported(String),
}

/// What an Akoma Ntoso document holds, in the model's terms; the document's other fields are the caller's.
#[derive(Debug)]
pub struct ReadAkn {
    /// The text every span points into.
    pub text: String,
    pub instrument: Instrument,
    pub references: Vec<Reference>,
    pub footnotes: Vec<Footnote>,
    pub reference_table: Vec<ReferenceRow>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Read an Akoma Ntoso 3.0 document whose root is `akomaNtoso` holding a `statement`.
pub fn read(bytes: &[u8]) -> Result<ReadAkn, ReadError> {
    let root = xml::parse(bytes)?;
    check_root(&root)?;
    let statement = root.elements().next().ok_or_else(|| unsupported("the akomaNtoso element is empty"))?;
    if statement.name != "statement" {
        return Err(unsupported(format!(
            "it holds a <{}>; only a <statement> (a resolution, decision, recommendation or opinion) is read",
            statement.name
        )));
    }
    Reader::default().statement(statement)
}

fn unsupported(message: impl Into<String>) -> ReadError {
    ReadError::Unsupported(message.into())
}

fn check_root(root: &Element) -> Result<(), ReadError> {
    let shown = match &root.prefix {
        Some(p) => format!("{p}:{}", root.name),
        None => root.name.clone(),
    };
    if root.name != "akomaNtoso" {
        return Err(ReadError::NotAkomaNtoso(format!("its root element is <{shown}>, not <akomaNtoso>")));
    }
    let ns_attr = root.prefix.as_ref().map_or_else(|| "xmlns".to_owned(), |p| format!("xmlns:{p}"));
    match root.attr(&ns_attr) {
        Some(NAMESPACE) => Ok(()),
        Some(other) => Err(ReadError::NotAkomaNtoso(format!(
            "its root element <{shown}> is in the namespace {other}, not in the Akoma Ntoso 3.0 namespace {NAMESPACE}"
        ))),
        None => Err(ReadError::NotAkomaNtoso(format!(
            "its root element <{shown}> is in no namespace, not in the Akoma Ntoso 3.0 namespace {NAMESPACE}"
        ))),
    }
}

/// Text of paragraphs with the citations and footnotes found in them, at byte offsets of `text`.
#[derive(Default)]
struct Value<'x> {
    text: String,
    refs: Vec<(usize, usize, &'x str)>,
    notes: Vec<(usize, &'x Element)>,
}

impl<'x> Value<'x> {
    /// `paras` joined by "\n", as the model joins paragraphs.
    fn of(paras: impl IntoIterator<Item = &'x Element>) -> Self {
        let mut v = Value::default();
        for (n, p) in paras.into_iter().enumerate() {
            if n > 0 {
                v.text.push('\n');
            }
            v.inline(p);
        }
        v
    }

    /// Mixed content: text, `<ref>`, `<authorialNote>`, and any other inline element read for its text.
    fn inline(&mut self, el: &'x Element) {
        for node in &el.children {
            match node {
                Node::Text(t) => self.text.push_str(t),
                Node::Element(e) if e.name == "authorialNote" => self.notes.push((self.text.len(), e)),
                Node::Element(e) if e.name == "ref" => {
                    let start = self.text.len();
                    self.inline(e);
                    if let Some(href) = e.attr("href") {
                        self.refs.push((start, self.text.len(), href));
                    }
                }
                Node::Element(e) => self.inline(e),
            }
        }
    }
}

#[derive(Default)]
struct Reader {
    text: String,
    /// TLC eId -> the name it shows (an addressee or partner).
    tlc: HashMap<String, String>,
    /// The TLC eIds in the order of `references`.
    tlc_order: Vec<String>,
    /// Names something points at with `refersTo`.
    referred: HashSet<String>,
    /// The work URIs of `<ref>`s, parsed once.
    references: Vec<Reference>,
    footnotes: Vec<Footnote>,
    diagnostics: Vec<Diagnostic>,
    /// The body the instrument is of, for reading addressees as the parser does.
    body: Option<String>,
}

/// What the `meta` of the statement says.
#[derive(Default)]
struct Meta {
    work: Option<String>,
    native: Option<String>,
    citation: Option<String>,
    conference_documents: Vec<String>,
    number: Option<String>,
    /// The author's TLC eId ("itu-pp") and the name it shows ("ITU Plenipotentiary Conference").
    author: Option<String>,
    author_name: Option<String>,
}

impl Reader {
    fn statement(mut self, statement: &Element) -> Result<ReadAkn, ReadError> {
        let kind = match statement.attr("name") {
            Some("resolution") => InstrumentKind::Resolution,
            Some("decision") => InstrumentKind::Decision,
            Some("recommendation") => InstrumentKind::Recommendation,
            Some("opinion") => InstrumentKind::Opinion,
            Some(other) => {
                return Err(unsupported(format!(
                    "the statement is named \"{other}\", not resolution, decision, recommendation or opinion"
                )));
            }
            None => return Err(unsupported("the statement has no name (resolution, decision, ...)")),
        };
        let meta = self.meta(statement.child("meta"));
        let body = self.body(&meta);
        self.body = body.clone();

        let preface = statement.child("preface");
        let doc_number = preface.and_then(|p| p.elements().find(|e| e.attr("class") == Some("docNumber")));
        let doc_title = preface.and_then(|p| p.elements().find(|e| e.attr("class") == Some("docTitle")));
        let native = meta.native.clone().or_else(|| doc_number.map(|p| p.child("docNumber").unwrap_or(p).text()));
        let (committee, revision) =
            native.as_deref().map(|n| citation_parts(n, kind, meta.number.as_deref())).unwrap_or((None, None));

        // The citation line, with the footnotes on the heading after it.
        let start = self.text.len();
        if let Some(p) = doc_number {
            let mut v = Value::default();
            match p.child("docNumber") {
                Some(d) => {
                    v.inline(d);
                    for e in p.elements().filter(|e| e.name == "authorialNote") {
                        v.notes.push((v.text.len(), e));
                    }
                }
                None => v.inline(p),
            }
            self.line(v);
        }
        let citation_end = self.text.len().saturating_sub(1).max(start);
        let title = doc_title.map(|p| {
            let t = p.child("docTitle").unwrap_or(p).text();
            self.text.push_str(&t);
            self.text.push('\n');
            t
        });

        let mut blocks = Vec::new();
        let mut enacting_formula = None;
        if let Some(preamble) = statement.child("preamble") {
            for el in preamble.elements() {
                match el.name.as_str() {
                    "formula" => {
                        let f = Value::of(el.elements().filter(|e| e.name == "p")).text;
                        self.text.push_str(&f);
                        self.text.push('\n');
                        enacting_formula = Some(f);
                    }
                    "recitals" => blocks.push(self.recitals(el)),
                    other => self.skipped(other, "preamble"),
                }
            }
        }
        let mut sections = Vec::new();
        if let Some(main) = statement.child("mainBody") {
            for el in main.elements() {
                match el.name.as_str() {
                    "hcontainer" => blocks.push(self.hcontainer(el)),
                    "section" => sections.push(self.section(el)),
                    // The export's placeholder for an instrument without blocks.
                    "p" if el.children.is_empty() => {}
                    other => self.skipped(other, "mainBody"),
                }
            }
        }
        let mut annexes = Vec::new();
        if let Some(attachments) = statement.child("attachments") {
            for a in attachments.elements().filter(|e| e.name == "attachment") {
                if let Some(doc) = a.elements().next() {
                    annexes.push(self.annex(doc));
                }
            }
        }
        let end = self.text.len();

        self.assign_leftover_names(&mut blocks);
        let number = meta.number.clone();
        let mut instrument = Instrument {
            kind,
            body,
            number,
            revision,
            title,
            status: None,
            section: None,
            committee,
            citation: meta.citation.clone().or(native).unwrap_or_default(),
            enacting_formula,
            blocks,
            sections,
            annexes,
            start,
            end,
        };
        self.keep_year(&mut instrument, &meta, start, citation_end);
        let reference_table = self.reference_table(&instrument, &meta, start, citation_end);

        // Footnote bodies after the instrument, as Word writes them in a text.
        for note in &mut self.footnotes {
            note.start = self.text.len();
            self.text.push('[');
            self.text.push_str(&note.id);
            self.text.push_str(": ");
            if !note.mark.is_empty() {
                self.text.push_str(&note.mark);
                self.text.push(' ');
            }
            self.text.push_str(&note.text);
            self.text.push(']');
            note.end = self.text.len();
            self.text.push('\n');
        }
        Ok(ReadAkn {
            text: self.text,
            instrument,
            references: self.references,
            footnotes: self.footnotes,
            reference_table,
            diagnostics: self.diagnostics,
        })
    }

    fn meta(&mut self, meta: Option<&Element>) -> Meta {
        let mut out = Meta::default();
        let Some(meta) = meta else { return out };
        if let Some(work) = meta.child("identification").and_then(|i| i.child("FRBRWork")) {
            for e in work.elements() {
                let value = e.attr("value").map(str::to_owned);
                match e.name.as_str() {
                    "FRBRuri" => out.work = value,
                    "FRBRnumber" => out.number = value,
                    "FRBRauthor" => out.author = e.attr("href").map(|h| h.trim_start_matches('#').to_owned()),
                    "FRBRalias" => match (e.attr("name"), value) {
                        (Some("native"), Some(v)) => out.native = Some(v),
                        (Some("citation"), Some(v)) => out.citation = Some(v),
                        (Some("conference-document"), Some(v)) => out.conference_documents.push(v),
                        _ => {}
                    },
                    _ => {}
                }
            }
        }
        if let Some(refs) = meta.child("references") {
            for e in refs.elements() {
                let (Some(id), Some(name)) = (e.attr("eId"), e.attr("showAs")) else { continue };
                // The export's own two organisations: the source and the author.
                if id == "mandates" {
                    continue;
                }
                if Some(id) == out.author.as_deref() {
                    out.author_name = Some(name.to_owned());
                    continue;
                }
                self.tlc.insert(id.to_owned(), name.to_owned());
                self.tlc_order.push(id.to_owned());
            }
        }
        out
    }

    /// The body from the author's name (`showAs` of its TLC), else from the author's slug in the work URI.
    fn body(&self, meta: &Meta) -> Option<String> {
        if let Some(name) = &meta.author_name {
            return body_of_author_name(name);
        }
        let author = meta.author.as_deref()?;
        body_of_slug(author)
    }

    fn skipped(&mut self, element: &str, inside: &str) {
        let at = self.text.len();
        self.diagnostics.push(Diagnostic::warning(
            at,
            at,
            format!("an element <{element}> in <{inside}> is not read (the model has no place for it)"),
        ));
    }

    /// Names of `refersTo`: "#director-tsb #tsag".
    fn names(&mut self, el: &Element) -> Vec<String> {
        let Some(refers) = el.attr("refersTo") else { return Vec::new() };
        let mut out = Vec::new();
        for id in refers.split_whitespace() {
            match self.tlc.get(id.trim_start_matches('#')) {
                Some(name) => {
                    if !out.contains(name) {
                        out.push(name.clone());
                    }
                    self.referred.insert(name.clone());
                }
                None => {
                    let at = self.text.len();
                    self.diagnostics.push(Diagnostic::warning(
                        at,
                        at,
                        format!("refersTo names {id}, which the references of the document do not define"),
                    ));
                }
            }
        }
        out
    }

    /// Writes a value as one line (its paragraphs on their own lines), recording its citations and footnotes.
    fn line(&mut self, v: Value<'_>) {
        let base = self.text.len();
        self.text.push_str(&v.text);
        for (s, e, href) in v.refs {
            let target = target_of(href);
            if target.is_none() {
                self.diagnostics.push(Diagnostic::info(
                    base + s,
                    base + e,
                    format!("a citation points at {href}, which is not an instrument's work URI"),
                ));
            }
            self.references.push(Reference { text: v.text[s..e].into(), start: base + s, end: base + e, target });
        }
        for (at, note) in v.notes {
            self.note(note, base + at);
        }
        self.text.push('\n');
    }

    fn note(&mut self, note: &Element, at: usize) {
        let e_id = note.attr("eId").unwrap_or("");
        // "authorialNote_3", or "authorialNote_3_2" for a repeated id: the id is "3".
        let id = match e_id.strip_prefix("authorialNote_") {
            Some(rest) => rest.split('_').next().unwrap_or(rest),
            None => e_id,
        };
        let paras: Vec<&Element> = note.elements().filter(|e| e.name == "p").collect();
        let text = if paras.is_empty() { note.text() } else { Value::of(paras).text };
        self.footnotes.push(Footnote {
            id: id.to_owned(),
            mark: note.attr("marker").unwrap_or("").to_owned(),
            text,
            start: 0,
            end: 0,
            reference_start: Some(at),
        });
    }

    /// Preambular block: `<recitals>` with an optional intro (the heading) and `<recital>`s (the items).
    fn recitals(&mut self, el: &Element) -> Block {
        let start = self.text.len();
        let addressees = self.names(el);
        let recitals: Vec<&Element> = el.elements().filter(|e| e.name == "recital").collect();
        let intro = el.child("intro");
        let mut heading = None;
        let mut items = Vec::new();
        // The export writes a block without items as one recital holding its heading.
        let lone = intro.is_none()
            && recitals.len() == 1
            && recitals[0].child("num").is_none()
            && recitals[0].child("blockList").is_none();
        if lone {
            let v = Value::of(recitals[0].elements().filter(|e| e.name == "p"));
            heading = Some(v.text.clone());
            self.line(v);
        } else {
            if let Some(intro) = intro {
                let v = Value::of(intro.elements().filter(|e| e.name == "p"));
                heading = Some(v.text.clone());
                self.line(v);
            }
            for r in recitals {
                items.push(self.item(r));
            }
        }
        let verb = heading.as_deref().and_then(headings::block_heading).map(|h| h.verb.to_owned());
        Block {
            kind: BlockKind::Preambular,
            heading,
            verb,
            addressees,
            partners: Vec::new(),
            items,
            start,
            end: self.text.len(),
        }
    }

    /// Operative block: an `<hcontainer>` named after its verb, with `<content>` or an intro and items.
    fn hcontainer(&mut self, el: &Element) -> Block {
        let start = self.text.len();
        let name = el.attr("name").unwrap_or("operative");
        let kind = if name == "recommendation" { BlockKind::Recommendation } else { BlockKind::Operative };
        let addressees = self.names(el);
        let mut heading = None;
        let mut items = Vec::new();
        if let Some(content) = el.child("content") {
            let v = Value::of(content.elements().filter(|e| e.name == "p"));
            heading = (kind != BlockKind::Recommendation || !v.text.is_empty()).then(|| v.text.clone());
            self.line(v);
        } else {
            if let Some(intro) = el.child("intro") {
                let v = Value::of(intro.elements().filter(|e| e.name == "p"));
                heading = Some(v.text.clone());
                self.line(v);
            }
            for e in el.elements().filter(|e| matches!(e.name.as_str(), "point" | "paragraph")) {
                items.push(self.item(e));
            }
        }
        let (mut verb, mut partners) = (None, Vec::new());
        if kind == BlockKind::Operative {
            let parsed = heading.as_deref().and_then(headings::block_heading);
            verb = match parsed.as_ref().map(|h| h.verb) {
                Some(v) if slug(v) == name => Some(v.to_owned()),
                _ if name == "operative" => None,
                _ => Some(name.replace('-', " ")),
            };
            if let Some(h) = parsed {
                let ctx = addressee::Context::for_body(self.body.as_deref());
                let known: HashSet<&String> = self.tlc.values().collect();
                partners = addressee::heading_addressees(h.rest, ctx).1;
                partners.retain(|p| known.contains(p));
            }
        }
        for p in &partners {
            self.referred.insert(p.clone());
        }
        Block { kind, heading, verb, addressees, partners, items, start, end: self.text.len() }
    }

    /// An item: `recital` and `item` (preamble) or `point` and `paragraph` (body, sections, annexes).
    fn item(&mut self, el: &Element) -> Item {
        let start = self.text.len();
        let label = el.child("num").map(Element::text);
        if let Some(l) = &label {
            self.text.push_str(l);
            self.text.push('\t');
        }
        let addressees = self.names(el);
        let mut items = Vec::new();
        let text;
        match el.name.as_str() {
            "recital" | "item" => {
                let v = Value::of(el.elements().filter(|e| e.name == "p"));
                text = v.text.clone();
                self.line(v);
                for list in el.elements().filter(|e| e.name == "blockList") {
                    for sub in list.elements().filter(|e| e.name == "item") {
                        items.push(self.item(sub));
                    }
                }
            }
            _ => {
                let paras = el.child("content").or_else(|| el.child("intro"));
                let v = Value::of(paras.into_iter().flat_map(|c| c.elements().filter(|e| e.name == "p")));
                text = v.text.clone();
                self.line(v);
                for sub in el.elements().filter(|e| matches!(e.name.as_str(), "point" | "paragraph")) {
                    items.push(self.item(sub));
                }
            }
        }
        Item { label: label.map(Into::into), text: text.into(), start, end: self.text.len(), addressees, items }
    }

    fn section(&mut self, el: &Element) -> Section {
        let start = self.text.len();
        let number = el.child("num").map(Element::text).unwrap_or_default();
        let title = el.child("heading").map(Element::text);
        self.text.push_str(&number);
        if let Some(t) = &title {
            self.text.push('\t');
            self.text.push_str(t);
        }
        self.text.push('\n');
        let items =
            el.elements().filter(|e| matches!(e.name.as_str(), "point" | "paragraph")).map(|e| self.item(e)).collect();
        Section { number, title, items, start, end: self.text.len() }
    }

    /// An attachment's `doc`: named after the annex's kind, its preface "Annex A" and title, its items.
    fn annex(&mut self, doc: &Element) -> Annex {
        let start = self.text.len();
        let kind = doc.attr("name").unwrap_or("annex").to_owned();
        let preface = doc.child("preface");
        let find = |class: &str, inner: &str| {
            preface
                .and_then(|p| p.elements().find(|e| e.attr("class") == Some(class)))
                .map(|p| p.child(inner).unwrap_or(p).text())
        };
        let doc_number = find("docNumber", "docNumber");
        let title = find("docTitle", "docTitle");
        let number = doc_number.as_deref().and_then(|n| {
            let rest = n.strip_prefix(&capitalise(&kind))?;
            rest.strip_prefix(' ').map(str::to_owned)
        });
        for line in [&doc_number, &title].into_iter().flatten() {
            self.text.push_str(line);
            self.text.push('\n');
        }
        let items = doc
            .child("mainBody")
            .map(|m| {
                m.elements()
                    .filter(|e| matches!(e.name.as_str(), "point" | "paragraph"))
                    .map(|e| self.item(e))
                    .collect()
            })
            .unwrap_or_default();
        Annex { kind, number, title, items, start, end: self.text.len() }
    }

    /// Names in `references` that no `refersTo` points at were partners (or addressees of preambular items,
    /// which the export does not point at): they become partners of the first block, so that they stay.
    fn assign_leftover_names(&mut self, blocks: &mut [Block]) {
        let leftover: Vec<String> = self
            .tlc_order
            .iter()
            .filter_map(|id| self.tlc.get(id))
            .filter(|name| !self.referred.contains(*name))
            .cloned()
            .collect();
        if leftover.is_empty() {
            return;
        }
        match blocks.first_mut() {
            Some(b) => b.partners.extend(leftover),
            None => {
                let at = self.text.len();
                self.diagnostics.push(Diagnostic::warning(
                    at,
                    at,
                    format!("names in the references that nothing points at are not kept: {}", leftover.join(", ")),
                ));
            }
        }
    }

    /// Keeps the year of the work URI where the export will find it again (see the module documentation).
    fn keep_year(&mut self, inst: &mut Instrument, meta: &Meta, start: usize, citation_end: usize) {
        let Some(year) = meta.work.as_deref().and_then(uri_parts).and_then(|p| p.year) else { return };
        if instrument_year(inst) == Some(year) {
            return;
        }
        if let Some(rev) = inst.revision.as_mut().filter(|r| r.conference.is_some() && r.year.is_none()) {
            // "(Rev.WRC-19)" shows the conference, not its year.
            rev.year = Some(year);
            return;
        }
        if instrument_year(inst).is_some() || citation_end <= start {
            let at = self.text.len();
            self.diagnostics.push(Diagnostic::warning(
                at,
                at,
                format!("the work URI gives the year {year}, which the citation and the enacting formula do not"),
            ));
            return;
        }
        let target = Target {
            kind: kind_word(inst.kind).into(),
            body: inst.body.clone().map(Into::into),
            number: inst.number.clone().unwrap_or_default().into(),
            revision: Some(Box::new(Revision { revised: false, place: None, year: Some(year), conference: None })),
        };
        self.references.insert(
            0,
            Reference { text: self.text[start..citation_end].into(), start, end: citation_end, target: Some(target) },
        );
    }

    /// The conference documents of a PP instrument, as the one reference-table row the export reads them from.
    fn reference_table(&self, inst: &Instrument, meta: &Meta, start: usize, end: usize) -> Vec<ReferenceRow> {
        if meta.conference_documents.is_empty() {
            return Vec::new();
        }
        let number = inst.number.clone().unwrap_or_default();
        let instrument = match inst.kind {
            InstrumentKind::Decision => format!("Decision {number}"),
            _ => number,
        };
        let contributions = meta
            .conference_documents
            .iter()
            .map(|d| Contribution { document: d.as_str().into(), approval: None, action: None, note: None })
            .collect();
        vec![ReferenceRow {
            instrument: instrument.into(),
            title: inst.title.clone().unwrap_or_default(),
            abrogated: false,
            contributions,
            affects: Vec::new(),
            focal_points: Vec::new(),
            start,
            end,
        }]
    }
}

/// The parts of a work URI `/akn/un/statement/{kind}/{author}/{year}/{number}`.
#[derive(Debug, PartialEq)]
struct UriParts<'a> {
    kind: &'a str,
    author: &'a str,
    year: Option<u16>,
    number: &'a str,
}

fn uri_parts(uri: &str) -> Option<UriParts<'_>> {
    let mut parts = uri.strip_prefix("/akn/")?.split('/');
    let _country = parts.next()?;
    if parts.next()? != "statement" {
        return None;
    }
    let kind = parts.next()?;
    let author = parts.next()?;
    let year = parts.next()?.parse().ok();
    let number = parts.next()?;
    Some(UriParts { kind, author, year, number })
}

/// The citation's target from a `<ref href>` to an instrument's work URI: kind, body, number (its URI
/// segment) and year.
fn target_of(href: &str) -> Option<Target> {
    let p = uri_parts(href)?;
    let kind: &'static str = match p.kind {
        "resolution" => "resolution",
        "decision" => "decision",
        "opinion" => "opinion",
        "recommendation" => "recommendation",
        _ => return None,
    };
    // The export resolves only citations with a body.
    let body = body_of_slug(p.author)?;
    Some(Target {
        kind: kind.into(),
        body: Some(body.into()),
        number: p.number.into(),
        revision: p.year.map(|y| Box::new(Revision { revised: false, place: None, year: Some(y), conference: None })),
    })
}

/// Committee and revision from a native citation ("COM5 Recommendation 2", "Resolution 130 (Rev. Bucharest,
/// 2022)"), given the kind and the number the metadata states.
fn citation_parts(native: &str, kind: InstrumentKind, number: Option<&str>) -> (Option<String>, Option<Revision>) {
    let word = capitalise(kind_word(kind));
    let (committee, rest) = match native.strip_prefix(&word) {
        Some(rest) => (None, rest),
        None => match native.find(&format!(" {word}")) {
            Some(at) => (Some(native[..at].to_owned()), &native[at + 1 + word.len()..]),
            None => return (None, None),
        },
    };
    let rest = match number {
        Some(n) => match rest.strip_prefix(' ').and_then(|r| r.strip_prefix(n)) {
            Some(r) => r,
            None => return (committee, None),
        },
        None => rest,
    };
    let revision = rest.strip_prefix(" (").and_then(|r| r.strip_suffix(')')).and_then(revision_of);
    (committee, revision)
}

/// The inverse of the export's bracket: "Rev. Bucharest, 2022", "Rev.WRC-19", "Guadalajara, 2010", "2022".
fn revision_of(bracket: &str) -> Option<Revision> {
    let mut rev = Revision { revised: false, place: None, year: None, conference: None };
    let rest = if let Some(r) = bracket.strip_prefix("Rev. ") {
        rev.revised = true;
        r
    } else if let Some(r) = bracket.strip_prefix("Rev.") {
        rev.revised = true;
        rev.conference = Some(r.into());
        return Some(rev);
    } else {
        bracket
    };
    if let Some((place, year)) = rest.rsplit_once(", ")
        && let Ok(y) = year.parse::<u16>()
        && year.bytes().all(|b| b.is_ascii_digit())
    {
        rev.place = Some(place.into());
        rev.year = Some(y);
    } else if let Ok(y) = rest.parse::<u16>()
        && rest.bytes().all(|b| b.is_ascii_digit())
    {
        rev.year = Some(y);
    } else if !rev.revised && is_conference(rest) {
        rev.conference = Some(rest.into());
    } else {
        rev.place = Some(rest.into());
    }
    Some(rev)
}

/// "WRC-19", "PP-22": capitals, a hyphen, digits.
fn is_conference(s: &str) -> bool {
    s.split_once('-').is_some_and(|(name, yy)| {
        !name.is_empty()
            && name.bytes().all(|b| b.is_ascii_uppercase())
            && !yy.is_empty()
            && yy.bytes().all(|b| b.is_ascii_digit())
    })
}

/// Bodies the export names: the inverse of its author slug and author name.
const BODIES: &[&str] = &["PP", "WTSA", "WTDC", "WRC", "RA", "Council", "UNGA", "ECOSOC"];

/// The author's display name back to the body ("ITU Plenipotentiary Conference" is "PP"); the export shows
/// other bodies by their own name, and ITU itself when the body is not known.
fn body_of_author_name(name: &str) -> Option<String> {
    BODIES
        .iter()
        .find(|b| author_name(Some(b)) == name)
        .map(|b| (*b).to_owned())
        .or_else(|| (name != author_name(None)).then(|| name.to_owned()))
}

/// An author slug back to the body ("itu-pp" is "PP", "itu" none); unknown bodies in capitals.
fn body_of_slug(author: &str) -> Option<String> {
    if author == "itu" {
        return None;
    }
    Some(match BODIES.iter().find(|b| super::author_slug(Some(b)) == author) {
        Some(b) => (*b).to_owned(),
        None => author.strip_prefix("itu-").unwrap_or(author).to_uppercase(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revisions_read_back() {
        let r = revision_of("Rev. Bucharest, 2022").unwrap();
        assert!(r.revised && r.place.as_deref() == Some("Bucharest") && r.year == Some(2022));
        let r = revision_of("Rev.WRC-19").unwrap();
        assert!(r.revised && r.conference.as_deref() == Some("WRC-19"));
        let r = revision_of("WRC-19").unwrap();
        assert!(!r.revised && r.conference.as_deref() == Some("WRC-19"));
        let r = revision_of("Guadalajara, 2010").unwrap();
        assert!(!r.revised && r.place.as_deref() == Some("Guadalajara") && r.year == Some(2010));
        assert_eq!(revision_of("2022").unwrap().year, Some(2022));
    }

    #[test]
    fn citations_split_into_committee_and_revision() {
        let (c, r) = citation_parts("COM5 Recommendation 2", InstrumentKind::Recommendation, Some("2"));
        assert_eq!(c.as_deref(), Some("COM5"));
        assert!(r.is_none());
        let (c, r) = citation_parts("Resolution 70/1 (2015)", InstrumentKind::Resolution, Some("70/1"));
        assert!(c.is_none());
        assert_eq!(r.unwrap().year, Some(2015));
    }

    #[test]
    fn work_uris_split() {
        let p = uri_parts("/akn/un/statement/resolution/itu-pp/2022/130").unwrap();
        assert_eq!(p, UriParts { kind: "resolution", author: "itu-pp", year: Some(2022), number: "130" });
        assert_eq!(uri_parts("/akn/un/statement/decision/itu/nd/nn").unwrap().year, None);
        assert!(uri_parts("/akn/un/act/x").is_none());
    }
}
