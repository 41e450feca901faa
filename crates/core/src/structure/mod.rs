//! The grammar of resolutions: instruments, preambular and operative blocks, items, addressees.
//!
//! One pass over the paragraphs with a small state machine. Two kinds of document are read the same way:
//! full texts ("RESOLUTION 130 (REV. BUCHAREST, 2022)", title, enacting formula, blocks, sections of rules,
//! annexes) and summaries that quote excerpts under numbered headings ("2.6 Resolution 130 (Rev. Bucharest
//! 2022) “Title”:" then block headings and items with their original, gappy numbers). Numbered headings of
//! a summary that are not instruments become the document's outline.

pub mod addressee;
pub mod footnotes;
pub mod headings;
pub mod labels;

use crate::clean::{changes, clean, clean_cow, skip_artefacts};
use crate::decode::{Para, ParaKind};
use crate::model::{
    Annex, Block, BlockKind, CompactString, Diagnostic, Instrument, InstrumentKind, InstrumentStatus, Item,
    OutlineEntry, Section, SourceText, Text,
};
use headings::InstrumentHead;
use labels::{Family, parse_label};

#[derive(Debug, Default)]
pub struct StructureOutput {
    pub outline: Vec<OutlineEntry>,
    pub instruments: Vec<Instrument>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Find the instruments, blocks and items of a decoded document. Item texts are spans of `source`.
pub fn parse_structure(source: &SourceText, paras: &[Para]) -> StructureOutput {
    let text = source.as_str();
    let mut parser = Parser {
        out: StructureOutput::default(),
        outline_by_number: Default::default(),
        open: None,
        source: SourceText::clone(source),
    };
    for (i, para) in paras.iter().enumerate() {
        if para.kind() != ParaKind::Body || para.cell().is_some() {
            continue;
        }
        // Paragraphs come from the decoder; one that does not fit the text is skipped rather than trusted.
        let Some(line) = text.get(para.start..para.end) else { continue };
        let skip = skip_artefacts(line);
        let content = line[skip..].trim_end();
        if content.is_empty() {
            continue;
        }
        let span = Span { start: para.start + skip, end: para.start + skip + content.len() };
        parser.paragraph(content, span, para.style(), &|| is_top_level_heading(text, paras, i));
    }
    parser.close_instrument();
    fill_bodies(&mut parser.out.instruments);
    parser.out
}

#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
}

/// What the next unlabelled paragraph of an open instrument is expected to be.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    Title,
    SectionTitle,
    AnnexTitle,
    Body,
}

/// Where items go.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Container {
    Block,
    Section,
    Annex,
}

struct OpenInstrument {
    inst: Instrument,
    /// Opened by a full-text header: numbered lines are clauses, not summary headings.
    full_text: bool,
    expect: Expect,
    container: Container,
    block: Option<Block>,
    /// The open block is a UN-style preambular paragraph ("Recalling ...,"), closed by the first number.
    inline_preamble: bool,
    items: ItemTree,
}

impl OpenInstrument {
    /// Put the open block's, section's or annex's items in place.
    fn close_container(&mut self) {
        self.inline_preamble = false;
        let (items, end) = self.items.take_tree();
        match self.container {
            Container::Block => {
                if let Some(mut block) = self.block.take() {
                    block.end = block.end.max(end);
                    block.items = items;
                    self.inst.blocks.push(block);
                }
            }
            Container::Section => {
                if let Some(s) = self.inst.sections.last_mut() {
                    s.end = s.end.max(end);
                    s.items = items;
                }
            }
            Container::Annex => {
                if let Some(a) = self.inst.annexes.last_mut() {
                    a.end = a.end.max(end);
                    a.items = items;
                }
            }
        }
        self.container = Container::Block;
    }

    fn open_block(&mut self, h: headings::BlockHeading<'_>, content: &str, span: Span) {
        self.close_container();
        let (addressees, partners) = match h.kind {
            BlockKind::Preambular => (Vec::new(), Vec::new()),
            _ => addressee::heading_addressees(h.rest, self.context()),
        };
        // The heading as written, without an instruction that shares its line.
        let heading_end = h.inline.map_or(content.len(), |i| i.as_ptr() as usize - content.as_ptr() as usize);
        // Trimmed in place rather than copied again.
        let mut heading = clean(&content[..heading_end]);
        heading.truncate(heading.trim_end_matches([':', ',']).trim_end().len());
        self.block = Some(Block {
            kind: h.kind,
            heading: Some(heading),
            verb: Some(h.verb.to_owned()),
            addressees,
            partners,
            items: Vec::new(),
            start: span.start,
            end: span.end,
        });
        if let Some(inline) = h.inline {
            let unchanged = !changes(inline);
            let who = addressee::item_addressees_raw(inline, unchanged, self.context());
            let text = self.items.text(inline, unchanged);
            let item_span = Span { start: span.start + heading_end, end: span.end };
            self.items.push(None, Family::Number(0), text, item_span, who);
        }
        self.expect = Expect::Body;
    }

    fn context(&self) -> addressee::Context {
        addressee::Context::for_body(self.inst.body.as_deref())
    }

    /// Items of operative blocks and of rules may name their own addressees; preambular items never do.
    fn wants_item_addressees(&self) -> bool {
        match self.container {
            Container::Block => self.block.as_ref().is_none_or(|b| b.kind != BlockKind::Preambular),
            Container::Section => true,
            Container::Annex => false,
        }
    }
}

struct Parser {
    out: StructureOutput,
    /// The latest outline entry of each heading number, to find a section's parents.
    outline_by_number: std::collections::HashMap<String, usize>,
    open: Option<OpenInstrument>,
    source: SourceText,
}

impl Parser {
    /// `top_heading` tells whether the paragraph is a single-number heading of a summary's outline (asked only
    /// of such lines: it reads ahead).
    fn paragraph(&mut self, content: &str, span: Span, style: Option<&str>, top_heading: &dyn Fn() -> bool) {
        let full_text = self.open.as_ref().is_some_and(|o| o.full_text);

        if let Some(head) = headings::full_text_header(content, style).or_else(|| headings::un_header(content)) {
            let un = head.body == Some("UNGA");
            self.open_instrument(head, span, None, true);
            if un {
                self.expect(Expect::Body);
            }
            return;
        }
        // After a full text, a summary's excerpt heading ("2.6\tResolution 130 (Rev. ...) “Title”:") still
        // opens an excerpt: a clause of rules never starts with a citation and a quoted title.
        if full_text
            && let Some((number, after)) = heading_number(content)
            && number.trim_end_matches('.').contains('.')
            && (after.trim_end().ends_with(':') || after.contains('“'))
            && let Some(head) = headings::excerpt_header(after)
        {
            self.open_instrument(head, span, Some(number.trim_end_matches('.').to_owned()), false);
            self.expect(Expect::Body);
            return;
        }
        if !full_text {
            if let Some((number, after)) = heading_number(content) {
                let dotted = number.trim_end_matches('.').contains('.');
                if dotted {
                    if let Some(head) = headings::excerpt_header(after) {
                        self.open_instrument(head, span, Some(number.trim_end_matches('.').to_owned()), false);
                        self.expect(Expect::Body);
                    } else {
                        self.outline(number, after, span);
                    }
                    return;
                }
                if top_heading() {
                    self.outline(number, after, span);
                    return;
                }
            }
            if let Some(head) = headings::committee_recommendation(content) {
                let section = match &self.open {
                    Some(open) => open.inst.section.clone(),
                    None => self.out.outline.last().map(|o| o.number.clone()),
                };
                self.open_instrument(head, span, section, false);
                self.expect(Expect::Body);
                return;
            }
        }
        if self.open.is_none() {
            return;
        }
        self.instrument_paragraph(content, span, style);
    }

    fn instrument_paragraph(&mut self, content: &str, span: Span, style: Option<&str>) {
        let Some(open) = self.open.as_mut() else { return };
        open.inst.end = span.end;
        let label = parse_label(content);

        if label.is_none() {
            if let Some(number) = headings::section_header(content) {
                open.close_container();
                open.inst.sections.push(Section {
                    number: number.to_owned(),
                    title: None,
                    items: Vec::new(),
                    start: span.start,
                    end: span.end,
                });
                open.container = Container::Section;
                open.expect = Expect::SectionTitle;
                return;
            }
            if let Some((kind, number)) = headings::annex_header(content) {
                open.close_container();
                open.inst.annexes.push(Annex {
                    kind: kind.to_owned(),
                    number,
                    title: None,
                    items: Vec::new(),
                    start: span.start,
                    end: span.end,
                });
                open.container = Container::Annex;
                open.expect = Expect::AnnexTitle;
                return;
            }
            if (open.expect == Expect::Title || open.inst.blocks.is_empty() && open.block.is_none())
                && let Some(body) = headings::enacting_formula(content)
            {
                open.inst.enacting_formula = Some(clean(content));
                open.inst.body.get_or_insert_with(|| body.to_owned());
                open.expect = Expect::Body;
                return;
            }
            if open.container == Container::Block {
                if let Some(h) = headings::block_heading(content) {
                    open.open_block(h, content, span);
                    return;
                }
                if let Some(verb) = inline_preamble(content) {
                    open.close_container();
                    open.block = Some(Block {
                        kind: BlockKind::Preambular,
                        heading: Some(clean(&content[..verb.len()])),
                        verb: Some(verb.to_ascii_lowercase()),
                        addressees: Vec::new(),
                        partners: Vec::new(),
                        items: Vec::new(),
                        start: span.start,
                        end: span.end,
                    });
                    let text = open.items.text(content, !changes(content));
                    open.items.push(None, Family::Number(0), text, span, Vec::new());
                    open.inline_preamble = true;
                    open.expect = Expect::Body;
                    return;
                }
            }
            match open.expect {
                _ if content.starts_with('(')
                    && open.container == Container::Block
                    && open.block.is_none()
                    && open.inst.blocks.is_empty() =>
                {
                    // "(Hammamet, 2016)" under the title: where it was adopted; the revision if the header lacked it.
                    if open.inst.revision.is_none() {
                        let inner = content.trim_start_matches('(');
                        let inner = inner.split(')').next().unwrap_or("");
                        open.inst.revision = headings::parse_revision(inner);
                    }
                    return;
                }
                Expect::Title => {
                    open.inst.title = Some(clean(content));
                    open.expect = Expect::Body;
                    return;
                }
                Expect::SectionTitle => {
                    if let Some(s) = open.inst.sections.last_mut() {
                        s.title = Some(clean(content));
                        s.end = span.end;
                    }
                    open.expect = Expect::Body;
                    return;
                }
                Expect::AnnexTitle if !content.starts_with('(') => {
                    if let Some(a) = open.inst.annexes.last_mut() {
                        a.title = Some(clean(content));
                        a.end = span.end;
                    }
                    open.expect = Expect::Body;
                    return;
                }
                _ => {}
            }
        }
        open.expect = Expect::Body;

        // Items: labelled, or unlabelled text in a block, section or annex.
        match label {
            Some(label) => {
                let family = match label.family {
                    Family::Dash(_) => Family::Dash(dash_level(style, label.text)),
                    f => f,
                };
                let family = open.items.decide_letter_or_roman(label.text, family);
                if open.inline_preamble && family == Family::Number(0) {
                    open.close_container();
                }
                if open.container == Container::Block && open.block.is_none() {
                    // UN style: numbered operative paragraphs without a block heading.
                    open.block = Some(implicit_block(open.inst.kind, span));
                }
                let body = &content[label.content_at..];
                let unchanged = !changes(body);
                let who = if open.wants_item_addressees() {
                    addressee::item_addressees_raw(body, unchanged, open.context())
                } else {
                    Vec::new()
                };
                let text = open.items.text(body, unchanged);
                open.items.push(Some(clean_cow(label.text).into()), family, text, span, who);
            }
            None => {
                let recommendation = open.inst.kind == InstrumentKind::Recommendation && open.inst.committee.is_some();
                if open.container == Container::Block && open.block.is_none() {
                    if !recommendation {
                        self.out.diagnostics.push(Diagnostic::warning(
                            span.start,
                            span.end,
                            format!("paragraph of {} is outside any preambular or operative block", open.inst.citation),
                        ));
                        return;
                    }
                    open.block = Some(implicit_block(open.inst.kind, span));
                }
                let unchanged = !changes(content);
                if open.items.is_empty() || recommendation {
                    let who = if open.wants_item_addressees() {
                        addressee::item_addressees_raw(content, unchanged, open.context())
                    } else {
                        Vec::new()
                    };
                    let text = open.items.text(content, unchanged);
                    open.items.push(None, Family::Number(0), text, span, who);
                } else {
                    let text = open.items.text(content, unchanged);
                    open.items.continue_last(text, span);
                }
            }
        }
    }

    fn expect(&mut self, expect: Expect) {
        if let Some(open) = self.open.as_mut() {
            open.expect = expect;
        }
    }

    fn outline(&mut self, number: &str, after: &str, span: Span) {
        self.close_instrument();
        let number = number.trim_end_matches('.').to_owned();
        self.outline_by_number.insert(number.clone(), self.out.outline.len());
        self.out.outline.push(OutlineEntry {
            number,
            title: clean(after).trim_end_matches(':').trim_end().to_owned(),
            start: span.start,
            end: span.end,
        });
    }

    fn open_instrument(&mut self, head: InstrumentHead, span: Span, section: Option<String>, full_text: bool) {
        self.close_instrument();
        let status = self.status_of(&head, section.as_deref());
        let inst = Instrument {
            kind: head.kind,
            body: head.body.map(str::to_owned),
            number: head.number,
            revision: head.revision,
            title: head.title,
            status,
            section,
            committee: head.committee,
            citation: head.citation,
            enacting_formula: None,
            blocks: Vec::new(),
            sections: Vec::new(),
            annexes: Vec::new(),
            start: span.start,
            end: span.end,
        };
        self.open = Some(OpenInstrument {
            inst,
            full_text,
            expect: Expect::Title,
            container: Container::Block,
            block: None,
            inline_preamble: false,
            items: ItemTree::new(&self.source),
        });
    }

    /// New or revised: from the citation ("Rev."), the words before it ("Revised Decision 5"), else from
    /// the summary headings above it ("3 New PP-22 Resolutions").
    fn status_of(&self, head: &InstrumentHead, section: Option<&str>) -> Option<InstrumentStatus> {
        if let Some(rev) = &head.revision {
            return Some(if rev.revised { InstrumentStatus::Revised } else { InstrumentStatus::New });
        }
        if let Some(revised) = head.said_revised {
            return Some(if revised { InstrumentStatus::Revised } else { InstrumentStatus::New });
        }
        if head.committee.is_some() {
            return None;
        }
        // "1.4.1" is under "1.4", which is under "1": look each up, nearest first.
        let mut number = section?;
        loop {
            if let Some(&k) = self.outline_by_number.get(number) {
                let title = &self.out.outline[k].title;
                let has = |word: &str| title.split_whitespace().any(|w| w.eq_ignore_ascii_case(word));
                if has("new") {
                    return Some(InstrumentStatus::New);
                }
                if has("revised") {
                    return Some(InstrumentStatus::Revised);
                }
            }
            number = &number[..number.rfind('.')?];
        }
    }

    fn close_instrument(&mut self) {
        if let Some(mut open) = self.open.take() {
            open.close_container();
            let inst = open.inst;
            if inst.blocks.is_empty() && inst.sections.is_empty() && inst.annexes.is_empty() && inst.title.is_none() {
                self.out.diagnostics.push(Diagnostic::info(
                    inst.start,
                    inst.end,
                    format!("{} has neither a title nor any block", inst.citation),
                ));
            }
            self.out.instruments.push(inst);
        }
    }
}

fn implicit_block(kind: InstrumentKind, span: Span) -> Block {
    Block {
        kind: if kind == InstrumentKind::Recommendation { BlockKind::Recommendation } else { BlockKind::Operative },
        heading: None,
        verb: None,
        addressees: Vec::new(),
        partners: Vec::new(),
        items: Vec::new(),
        start: span.start,
        end: span.end,
    }
}

/// UN style preambular paragraph: "Recalling its resolution 70/1 of 25 September 2015, ...,".
fn inline_preamble(content: &str) -> Option<&str> {
    let first = content.chars().next()?;
    if !first.is_uppercase() || !content.ends_with(',') {
        return None;
    }
    let lower = content.to_ascii_lowercase();
    let phrases = ["bearing in mind", "taking note of", "taking into account", "deeply concerned", "having considered"];
    if let Some(p) = phrases.iter().find(|p| lower.starts_with(*p)) {
        return Some(&content[..p.len()]);
    }
    let word = &lower[..lower.find([' ', '\t']).unwrap_or(lower.len())];
    let participle = word.ends_with("ing") && word.len() > 5;
    let adjectives = ["aware", "mindful", "convinced", "conscious", "concerned", "alarmed", "determined", "cognizant"];
    if participle || adjectives.contains(&word) {
        return Some(&content[..word.len()]);
    }
    None
}

/// Depth of a dash item: from Word's list styles ("enumlev2") when there, else from the glyph.
fn dash_level(style: Option<&str>, glyph: &str) -> u8 {
    if let Some(n) = style.and_then(|s| s.strip_prefix("enumlev")).and_then(|n| n.parse::<u8>().ok()) {
        return n;
    }
    match glyph {
        "•" | "·" | "▪" => 1,
        "–" | "—" => 2,
        _ => 3,
    }
}

/// "2.6", "1.4.1", "5", "2.22": a summary heading number, then a tab or spaces, then its text.
#[inline]
fn heading_number(content: &str) -> Option<(&str, &str)> {
    // Run on every line, most of which start with no digit: refused here, without the call below.
    if !content.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    numbered_heading(content)
}

/// [`heading_number`] of a line that starts with a digit.
#[inline(never)]
fn numbered_heading(content: &str) -> Option<(&str, &str)> {
    let b = content.as_bytes();
    let mut i = 0;
    loop {
        let d = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if d == 0 || d > 2 {
            return None;
        }
        i += d;
        if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        break;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
    }
    let rest = &content[i..];
    // Spaces, tabs and NBSPs, by bytes: a `char` pattern decodes each character.
    let mut k = 0;
    loop {
        match &rest.as_bytes()[k..] {
            [b' ' | b'\t', ..] => k += 1,
            [0xC2, 0xA0, ..] => k += 2,
            _ => break,
        }
    }
    let after = &rest[k..];
    if after.len() == rest.len() || after.is_empty() {
        return None;
    }
    if !after.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '“' || c == '"') {
        return None;
    }
    Some((&content[..i], after))
}

/// Whether paragraph `i` is a single-number line that heads a summary section: "1\tSummary ..." is one when
/// the next numbered line is "1.1 ..."; "1\tRAG, TSAG and TDAG to continue ..." followed by "2.16 ..." is an
/// item. Only such lines ask, and each reads ahead to the next numbered line only, so the lines are read
/// once in all (a pass over every line beforehand cost a read of the whole text).
fn is_top_level_heading(text: &str, paras: &[Para], i: usize) -> bool {
    let number = |p: &Para| -> Option<&str> {
        if p.kind() != ParaKind::Body || p.cell().is_some() {
            return None;
        }
        let line = text.get(p.start..p.end)?;
        let (number, _) = heading_number(&line[skip_artefacts(line)..])?;
        Some(number.trim_end_matches('.'))
    };
    let Some(this) = paras.get(i).and_then(number).filter(|n| !n.contains('.')) else {
        return false;
    };
    paras[i + 1..]
        .iter()
        .find_map(number)
        .is_some_and(|next| next.strip_prefix(this).is_some_and(|r| r.starts_with('.')))
}

/// Instruments with no body of their own take the document's, when all that say agree.
fn fill_bodies(instruments: &mut [Instrument]) {
    let mut bodies = instruments.iter().filter(|i| i.committee.is_none()).filter_map(|i| i.body.as_deref());
    let Some(first) = bodies.next().map(str::to_owned) else {
        return;
    };
    if bodies.any(|b| b != first) {
        return;
    }
    for inst in instruments.iter_mut().filter(|i| i.body.is_none()) {
        inst.body = Some(first.clone());
    }
}

/// The positions of a list of phrases by their first byte, so that a phrase table is tried only where it
/// can match.
pub(crate) struct FirstByteIndex(Vec<Vec<usize>>);

impl FirstByteIndex {
    pub(crate) fn new<'a>(phrases: impl Iterator<Item = &'a str>) -> Self {
        let mut index = vec![Vec::new(); 256];
        for (k, phrase) in phrases.enumerate() {
            if let Some(&first) = phrase.as_bytes().first() {
                index[usize::from(first)].push(k);
            }
        }
        Self(index)
    }

    pub(crate) fn get(&self, first: u8) -> &[usize] {
        &self.0[usize::from(first)]
    }
}

/// Items as they come, flat with parent links; made a tree when their container closes. One per instrument:
/// its lists keep their room from one container to the next.
struct ItemTree {
    /// The document's text, which item texts are spans of.
    source: SourceText,
    flat: Vec<(Item, Family, Option<usize>)>,
    /// Open items, outermost first.
    stack: Vec<usize>,
    /// Open items while the tree is made (see `take_tree`), with their indices in `flat`.
    open: Vec<(usize, Item)>,
    /// How many children each item of `flat` has, while the tree is made.
    children: Vec<usize>,
}

impl ItemTree {
    fn new(source: &SourceText) -> Self {
        Self {
            source: SourceText::clone(source),
            flat: Vec::new(),
            stack: Vec::new(),
            open: Vec::new(),
            children: Vec::new(),
        }
    }

    /// An item's text: `raw`, a slice of the document's text, and whether `clean` leaves it as it is.
    fn text(&self, raw: &str, unchanged: bool) -> Text {
        // `raw` is always a slice of the text; its offset is where it starts in memory.
        let start = (raw.as_ptr() as usize).wrapping_sub(self.source.as_ptr() as usize);
        Text::cleaned(&self.source, start..start.saturating_add(raw.len()), raw, unchanged)
    }

    fn is_empty(&self) -> bool {
        self.flat.is_empty()
    }

    /// A lone "i)", "v)", "x)" or "l)" is a letter when it follows the letter before it ("h)" then "i)").
    fn decide_letter_or_roman(&self, label: &str, family: Family) -> Family {
        let core = label.trim_start_matches('(').trim_end_matches(')');
        if !matches!(family, Family::Roman | Family::Letter) || core.len() != 1 {
            return family;
        }
        let c = core.as_bytes()[0];
        if !matches!(c, b'i' | b'v' | b'x' | b'l') {
            return family;
        }
        let open_letter = self
            .stack
            .iter()
            .rev()
            .map(|&i| &self.flat[i])
            .find(|(_, f, _)| *f == Family::Letter)
            .and_then(|(item, _, _)| item.label.as_deref().and_then(labels::letter_of));
        let roman_open = self.stack.iter().any(|&i| self.flat[i].1 == Family::Roman);
        match open_letter {
            Some(prev) if prev + 1 == c => Family::Letter,
            _ if c == b'i' || roman_open => Family::Roman,
            _ => Family::Letter,
        }
    }

    fn push(&mut self, label: Option<CompactString>, family: Family, text: Text, span: Span, who: Vec<String>) {
        while let Some(&top) = self.stack.last() {
            if self.flat[top].1.rank() >= family.rank() {
                self.stack.pop();
            } else {
                break;
            }
        }
        let parent = self.stack.last().copied();
        let item = Item { label, text, start: span.start, end: span.end, addressees: who, items: Vec::new() };
        self.flat.push((item, family, parent));
        self.stack.push(self.flat.len() - 1);
    }

    /// A paragraph without a label continues the innermost open item.
    fn continue_last(&mut self, text: Text, span: Span) {
        if let Some(&top) = self.stack.last() {
            let item = &mut self.flat[top].0;
            // Cleaning the paragraphs' span as one would make their "\n" a space: a joined text is its own. The
            // item's value is read (cleaned, for a text that needs it) once, for both the test and the join.
            let joined = {
                let current = item.text.as_str();
                (!current.is_empty()).then(|| {
                    let next = text.as_str();
                    let mut joined = String::with_capacity(current.len() + 1 + next.len());
                    joined.push_str(&current);
                    joined.push('\n');
                    joined.push_str(&next);
                    joined
                })
            };
            item.text = joined.map_or(text, Text::from);
            item.end = span.end;
        }
    }

    /// The tree, and the end of its last item; the tree is left empty.
    fn take_tree(&mut self) -> (Vec<Item>, usize) {
        /// Close the innermost open item: its end covers its last child's; it goes to its parent or the roots.
        fn close(open: &mut Vec<(usize, Item)>, roots: &mut Vec<Item>) {
            let Some((_, mut item)) = open.pop() else { return };
            if let Some(last) = item.items.last() {
                item.end = item.end.max(last.end);
            }
            // Its room is kept with the model (7.5 MiB of 50 MB's items): none to spare (it was made at its size).
            item.items.shrink_to_fit();
            match open.last_mut() {
                Some((_, parent)) => parent.items.push(item),
                None => roots.push(item),
            }
        }
        // Each list of children is made at its size: no growing by doubling, no shrinking (a copy) after.
        let children = &mut self.children;
        children.clear();
        children.resize(self.flat.len(), 0);
        let mut root_count = 0;
        for &(_, _, parent) in &self.flat {
            match parent.and_then(|p| children.get_mut(p)) {
                Some(n) => *n += 1,
                None => root_count += 1,
            }
        }
        let mut roots = Vec::with_capacity(root_count);
        self.stack.clear();
        // Items are in document order and each one's parent was open when it was pushed (see `push`): the
        // parent is on this stack of open items, outermost first, with their indices in `flat`.
        let open = &mut self.open;
        for (i, (mut item, _, parent)) in self.flat.drain(..).enumerate() {
            while open.last().is_some_and(|&(j, _)| Some(j) != parent) {
                close(open, &mut roots);
            }
            item.items.reserve_exact(children[i]);
            open.push((i, item));
        }
        while !open.is_empty() {
            close(open, &mut roots);
        }
        let end = roots.last().map_or(0, |i| i.end);
        roots.shrink_to_fit();
        (roots, end)
    }
}
