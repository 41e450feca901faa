//! Revision diffs: what changed between two texts of an instrument, and what it now asks of whom.
//!
//! [`compare`] aligns the blocks of the two texts by kind and heading, then their items by words and label
//! ([`align`]), so that renumbered items, inserted "bis" items and items moved within or between blocks are
//! recognised as the same item; inside an aligned item it gives the word-level changes ([`words`]). On top of
//! that the [summary](Summary) reads the mandates of both texts ([`crate::mandate::derive`]) and says what a
//! delegate wants to know first: clauses added, removed and changed per addressee, reporting duties gained or
//! dropped, deadlines and cadences changed. [`render`] writes it as Markdown and HTML; the serde form is the
//! JSON contract (names are stable).
//!
//! Pure functions of the model: item texts are the cleaned values of the model ([`Item::text`]), so the
//! document texts are not needed. Nothing here panics on any input.
//!
//! ```
//! let old = "RESOLUTION 130 (REV. DUBAI, 2018)\nTitle\n\
//!     The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n\
//!     instructs the Director of the Telecommunication Standardization Bureau\n\
//!     1\tto report to the 2024 session of Council on the implementation of this resolution;\n";
//! let new = old.replace("DUBAI, 2018", "BUCHAREST, 2022").replace("Dubai, 2018", "Bucharest, 2022")
//!     .replace("2024 session", "2025 session");
//! let old = mandates_core::parse("old.txt", old.as_bytes(), &Default::default()).unwrap();
//! let new = mandates_core::parse("new.txt", new.as_bytes(), &Default::default()).unwrap();
//! let diff = mandates_core::diff::compare(&old.instruments[0], &new.instruments[0]);
//! assert_eq!(diff.summary.counts.reworded, 1);
//! let change = &diff.summary.reporting[0];
//! assert_eq!(change.change, mandates_core::diff::ReportingChangeKind::DeadlineChanged);
//! assert_eq!(change.new.as_ref().unwrap().deadline.as_ref().unwrap().year, Some(2025));
//! ```

mod align;
pub mod render;
mod summary;
pub mod words;

use serde::{Deserialize, Serialize};

use crate::model::{BlockKind, Document, Instrument, InstrumentKind, Item, Revision};
use align::{Interner, Part, Unit};

pub use summary::{AddresseeChanges, ClauseRef, Counts, ReportingChange, ReportingChangeKind, Summary};
pub use words::{WordChange, WordOp};

/// The diff of two files: each instrument found in both, and those found in only one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentDiff {
    /// The names of the two files as given to `parse`.
    pub old_source: String,
    pub new_source: String,
    pub instruments: Vec<InstrumentDiff>,
    pub only_in_old: Vec<InstrumentRef>,
    pub only_in_new: Vec<InstrumentRef>,
}

/// The diff of two texts of one instrument.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstrumentDiff {
    pub old: InstrumentRef,
    pub new: InstrumentRef,
    /// The word changes of the title; null when the title is the same.
    pub title_changes: Option<Vec<WordChange>>,
    pub summary: Summary,
    /// Every block of either text, in the order of the new text (a removed block where it stood).
    pub blocks: Vec<BlockDiff>,
}

/// Which instrument, and which text of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstrumentRef {
    /// The citation line as written ("RESOLUTION 130 (REV. BUCHAREST, 2022)").
    pub citation: String,
    pub kind: InstrumentKind,
    pub body: Option<String>,
    pub committee: Option<String>,
    pub number: Option<String>,
    pub revision: Option<Revision>,
    pub title: Option<String>,
}

impl InstrumentRef {
    pub fn of(instrument: &Instrument) -> InstrumentRef {
        InstrumentRef {
            citation: instrument.citation.clone(),
            kind: instrument.kind,
            body: instrument.body.clone(),
            committee: instrument.committee.clone(),
            number: instrument.number.clone(),
            revision: instrument.revision.clone(),
            title: instrument.title.clone(),
        }
    }

    /// "Resolution 130", "PP Resolution 130" when `with_body`, "COM5 Recommendation 2".
    pub fn name(&self, with_body: bool) -> String {
        let kind = match self.kind {
            InstrumentKind::Resolution => "Resolution",
            InstrumentKind::Decision => "Decision",
            InstrumentKind::Recommendation => "Recommendation",
            InstrumentKind::Opinion => "Opinion",
        };
        let mut name = String::new();
        for part in
            [self.committee.as_deref(), if with_body { self.body.as_deref() } else { None }].into_iter().flatten()
        {
            name.push_str(part);
            name.push(' ');
        }
        name.push_str(kind);
        if let Some(n) = &self.number {
            name.push(' ');
            name.push_str(n);
        }
        name
    }
}

/// What a part of the instrument is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PartKind {
    Preambular,
    Operative,
    /// The quoted text of a committee recommendation.
    Recommendation,
    /// A section of rules of procedure.
    Section,
    /// An annex or appendix.
    Annex,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockChange {
    Unchanged,
    /// The heading or some item changed.
    Changed,
    Added,
    Removed,
}

/// One block (or section, or annex) and its items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlockDiff {
    pub kind: PartKind,
    pub change: BlockChange,
    /// Index in the instrument's `blocks` (or `sections`, `annexes`) of the old and of the new text.
    pub old_index: Option<usize>,
    pub new_index: Option<usize>,
    pub old_heading: Option<String>,
    pub new_heading: Option<String>,
    /// The word changes of the heading; null when it is the same.
    pub heading_changes: Option<Vec<WordChange>>,
    /// Every item of the block, in the order of the new text, removed items where they stood.
    pub items: Vec<ItemDiff>,
    /// How many of `items` are unchanged.
    pub unchanged_items: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemChange {
    Unchanged,
    /// Same label and place, other words.
    Reworded,
    /// Another label ("3" is now "4"), maybe also reworded (see `reworded`).
    Renumbered,
    /// In another block, or out of its order among the other items; maybe also renumbered or reworded.
    Moved,
    Added,
    Removed,
}

/// One item of the old text, of the new text, or of both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemDiff {
    pub change: ItemChange,
    /// The words changed (also for a renumbered or moved item); false for added and removed items.
    pub reworded: bool,
    pub old: Option<ItemSide>,
    pub new: Option<ItemSide>,
    /// For an item that came from another block: that block's heading.
    pub moved_from: Option<String>,
    /// Share of content words in common (1 for the same text); 0 for added and removed items.
    pub similarity: f64,
    /// Word changes from the old text to the new; empty unless reworded.
    pub words: Vec<WordChange>,
}

/// An item as it stands in one text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemSide {
    pub label: Option<String>,
    /// The item's text followed by its sub-items, one per line with their labels.
    pub text: String,
    /// Byte span in that document's text.
    pub start: usize,
    pub end: usize,
}

/// Every part of an instrument: its blocks, then its sections, then its annexes.
fn parts(instrument: &Instrument) -> Vec<Part<'_>> {
    let mut out = Vec::new();
    for (index, block) in instrument.blocks.iter().enumerate() {
        out.push(Part {
            kind: match block.kind {
                BlockKind::Preambular => PartKind::Preambular,
                BlockKind::Operative => PartKind::Operative,
                BlockKind::Recommendation => PartKind::Recommendation,
            },
            heading: block.heading.clone(),
            verb: block.verb.as_deref(),
            addressees: &block.addressees,
            index,
            items: &block.items,
        });
    }
    for (index, section) in instrument.sections.iter().enumerate() {
        let heading = match &section.title {
            Some(title) => format!("Section {}: {title}", section.number),
            None => format!("Section {}", section.number),
        };
        out.push(Part {
            kind: PartKind::Section,
            heading: Some(heading),
            verb: None,
            addressees: &[],
            index,
            items: &section.items,
        });
    }
    for (index, annex) in instrument.annexes.iter().enumerate() {
        let mut heading = annex.kind.clone();
        if let Some(n) = &annex.number {
            heading.push(' ');
            heading.push_str(n);
        }
        if let Some(t) = &annex.title {
            heading.push_str(": ");
            heading.push_str(t);
        }
        out.push(Part {
            kind: PartKind::Annex,
            heading: Some(heading),
            verb: None,
            addressees: &[],
            index,
            items: &annex.items,
        });
    }
    out
}

fn units<'a>(parts: &[Part<'a>], interner: &mut Interner) -> Vec<Unit<'a>> {
    let mut out = Vec::new();
    for (p, part) in parts.iter().enumerate() {
        for (pos, item) in part.items.iter().enumerate() {
            let text = crate::mandate::action_text(item);
            let norm = align::normal_text(&text);
            let words = interner.words(&norm);
            out.push(Unit { part: p, pos, item, text, norm, words });
        }
    }
    out
}

fn side(unit: &Unit) -> ItemSide {
    ItemSide {
        label: unit.item.label.as_deref().map(str::to_owned),
        text: unit.text.clone(),
        start: unit.item.start,
        end: unit.item.end,
    }
}

fn label_eq(a: &Item, b: &Item) -> bool {
    a.label.as_deref().map(str::trim) == b.label.as_deref().map(str::trim)
}

/// Everything the alignment found, shared with the summary.
pub(crate) struct Alignment<'a> {
    pub old_parts: Vec<Part<'a>>,
    pub new_parts: Vec<Part<'a>>,
    pub old_units: Vec<Unit<'a>>,
    pub new_units: Vec<Unit<'a>>,
    /// For each old part, its new part.
    pub part_of_old: Vec<Option<usize>>,
    pub part_of_new: Vec<Option<usize>>,
    /// For each old unit, its new unit.
    pub unit_of_old: Vec<Option<usize>>,
    pub unit_of_new: Vec<Option<usize>>,
}

fn align<'a>(old: &'a Instrument, new: &'a Instrument) -> Alignment<'a> {
    let mut interner = Interner::default();
    let old_parts = parts(old);
    let new_parts = parts(new);

    // Blocks: by heading, closest in position among equals.
    let mut candidates = Vec::new();
    for (i, a) in old_parts.iter().enumerate() {
        for (j, b) in new_parts.iter().enumerate() {
            let score = align::part_score(a, b, &mut interner);
            if score >= 0.5 {
                candidates.push((score, -(i.abs_diff(j) as f64), i, j));
            }
        }
    }
    let mut part_of_old = vec![None; old_parts.len()];
    let mut part_of_new = vec![None; new_parts.len()];
    for (i, j) in align::greedy(candidates, old_parts.len(), new_parts.len()) {
        part_of_old[i] = Some(j);
        part_of_new[j] = Some(i);
    }

    // Items: by words, anywhere in a block of the same kind; an aligned block and an equal label break ties and
    // lower the bar.
    let old_units = units(&old_parts, &mut interner);
    let new_units = units(&new_parts, &mut interner);
    let mut candidates = Vec::new();
    for (u, a) in old_units.iter().enumerate() {
        for (v, b) in new_units.iter().enumerate() {
            if old_parts[a.part].kind != new_parts[b.part].kind {
                continue;
            }
            let sim = align::similarity(a, b);
            let aligned = part_of_old[a.part] == Some(b.part);
            let same_label = label_eq(a.item, b.item);
            let bar = match (aligned, same_label) {
                (true, true) => 0.35,
                (true, false) => 0.5,
                (false, _) => 0.6,
            };
            if sim >= bar {
                let bonus = if same_label { 0.02 } else { 0.0 } + if aligned { 0.01 } else { 0.0 };
                candidates.push((sim + bonus, -(a.pos.abs_diff(b.pos) as f64), u, v));
            }
        }
    }
    let mut unit_of_old = vec![None; old_units.len()];
    let mut unit_of_new = vec![None; new_units.len()];
    for (u, v) in align::greedy(candidates, old_units.len(), new_units.len()) {
        unit_of_old[u] = Some(v);
        unit_of_new[v] = Some(u);
    }
    Alignment { old_parts, new_parts, old_units, new_units, part_of_old, part_of_new, unit_of_old, unit_of_new }
}

/// Compare two texts of an instrument (usually two revisions of it).
pub fn compare(old: &Instrument, new: &Instrument) -> InstrumentDiff {
    let al = &align(old, new);

    // Items that left their order inside an aligned block: those outside the longest run that kept it.
    let mut moved_in_place = vec![false; al.new_units.len()];
    for (j, _) in al.new_parts.iter().enumerate() {
        let Some(i) = al.part_of_new[j] else { continue };
        let pairs: Vec<(usize, usize)> = (0..al.new_units.len())
            .filter(|&v| al.new_units[v].part == j)
            .filter_map(|v| al.unit_of_new[v].map(|u| (v, u)))
            .filter(|&(_, u)| al.old_units[u].part == i)
            .collect();
        let seq: Vec<usize> = pairs.iter().map(|&(_, u)| al.old_units[u].pos).collect();
        let mut keep = vec![false; pairs.len()];
        for k in align::longest_increasing(&seq) {
            keep[k] = true;
        }
        for (k, &(v, _)) in pairs.iter().enumerate() {
            moved_in_place[v] = !keep[k];
        }
    }

    let pair_diff = |u: usize, v: usize| -> ItemDiff {
        let (a, b) = (&al.old_units[u], &al.new_units[v]);
        let from_elsewhere = al.part_of_new[b.part] != Some(a.part);
        let reworded = a.norm != b.norm;
        let change = if from_elsewhere || moved_in_place[v] {
            ItemChange::Moved
        } else if !label_eq(a.item, b.item) {
            ItemChange::Renumbered
        } else if reworded {
            ItemChange::Reworded
        } else {
            ItemChange::Unchanged
        };
        ItemDiff {
            change,
            reworded,
            old: Some(side(a)),
            new: Some(side(b)),
            moved_from: if from_elsewhere { al.old_parts[a.part].heading.clone() } else { None },
            similarity: align::similarity(a, b),
            words: if reworded { words::word_changes(&a.text, &b.text) } else { Vec::new() },
        }
    };
    let removed = |u: usize| ItemDiff {
        change: ItemChange::Removed,
        reworded: false,
        old: Some(side(&al.old_units[u])),
        new: None,
        moved_from: None,
        similarity: 0.0,
        words: Vec::new(),
    };
    // Old units in part order, to interleave removed items where they stood.
    let old_units_of = |i: usize| (0..al.old_units.len()).filter(move |&u| al.old_units[u].part == i);

    let mut blocks = Vec::new();
    let mut old_part_done = vec![false; al.old_parts.len()];
    let removed_part = |i: usize| -> BlockDiff {
        let p = &al.old_parts[i];
        let items: Vec<ItemDiff> = old_units_of(i).filter(|&u| al.unit_of_old[u].is_none()).map(removed).collect();
        BlockDiff {
            kind: p.kind,
            change: BlockChange::Removed,
            old_index: Some(p.index),
            new_index: None,
            old_heading: p.heading.clone(),
            new_heading: None,
            heading_changes: None,
            items,
            unchanged_items: 0,
        }
    };
    for (j, p) in al.new_parts.iter().enumerate() {
        let partner = al.part_of_new[j];
        // Removed blocks that stood before this one's partner.
        if let Some(i) = partner {
            let before: Vec<usize> = (0..i).filter(|&k| al.part_of_old[k].is_none() && !old_part_done[k]).collect();
            for k in before {
                old_part_done[k] = true;
                blocks.push(removed_part(k));
            }
        }
        let mut items = Vec::new();
        let mut old_done = vec![false; al.old_units.len()];
        for v in (0..al.new_units.len()).filter(|&v| al.new_units[v].part == j) {
            match al.unit_of_new[v] {
                Some(u) => {
                    if Some(al.old_units[u].part) == partner && !moved_in_place[v] {
                        let pos = al.old_units[u].pos;
                        for w in old_units_of(al.old_units[u].part) {
                            if al.old_units[w].pos < pos && al.unit_of_old[w].is_none() && !old_done[w] {
                                old_done[w] = true;
                                items.push(removed(w));
                            }
                        }
                    }
                    items.push(pair_diff(u, v));
                }
                None => items.push(ItemDiff {
                    change: ItemChange::Added,
                    reworded: false,
                    old: None,
                    new: Some(side(&al.new_units[v])),
                    moved_from: None,
                    similarity: 0.0,
                    words: Vec::new(),
                }),
            }
        }
        if let Some(i) = partner {
            for w in old_units_of(i) {
                if al.unit_of_old[w].is_none() && !old_done[w] {
                    old_done[w] = true;
                    items.push(removed(w));
                }
            }
        }
        let old_heading = partner.and_then(|i| al.old_parts[i].heading.clone());
        let heading_changes = match (&old_heading, &p.heading) {
            (Some(a), Some(b)) if a != b => Some(words::word_changes(a, b)),
            _ => None,
        };
        let unchanged_items = items.iter().filter(|d| d.change == ItemChange::Unchanged).count();
        let change = match partner {
            None => BlockChange::Added,
            Some(_) if heading_changes.is_none() && unchanged_items == items.len() => BlockChange::Unchanged,
            Some(_) => BlockChange::Changed,
        };
        blocks.push(BlockDiff {
            kind: p.kind,
            change,
            old_index: partner.map(|i| al.old_parts[i].index),
            new_index: Some(p.index),
            old_heading,
            new_heading: p.heading.clone(),
            heading_changes,
            items,
            unchanged_items,
        });
    }
    let rest = (0..al.old_parts.len()).filter(|&k| al.part_of_old[k].is_none() && !old_part_done[k]);
    blocks.extend(rest.map(removed_part));

    let title_changes = match (&old.title, &new.title) {
        (a, b) if a == b => None,
        (a, b) => Some(words::word_changes(a.as_deref().unwrap_or(""), b.as_deref().unwrap_or(""))),
    };
    let summary = summary::build(old, new, al, &blocks);
    InstrumentDiff { old: InstrumentRef::of(old), new: InstrumentRef::of(new), title_changes, summary, blocks }
}

/// What identifies an instrument across revisions: kind, body, committee and number.
fn identity(i: &Instrument) -> (InstrumentKind, Option<&str>, Option<&str>, Option<&str>) {
    (i.kind, i.body.as_deref(), i.committee.as_deref(), i.number.as_deref())
}

/// Compare every instrument of `old` with the instrument of the same identity in `new`. Two files that hold
/// one instrument each are compared whatever their identity (the reader chose them).
pub fn compare_documents(old: &Document, new: &Document) -> DocumentDiff {
    let mut instruments = Vec::new();
    let mut only_in_old = Vec::new();
    let mut new_taken = vec![false; new.instruments.len()];
    if old.instruments.len() == 1 && new.instruments.len() == 1 {
        instruments.push(compare(&old.instruments[0], &new.instruments[0]));
        new_taken[0] = true;
    } else {
        for o in &old.instruments {
            // The first text of the same identity not yet taken: a file may quote one instrument twice.
            let found = new.instruments.iter().enumerate().find(|(j, n)| !new_taken[*j] && identity(n) == identity(o));
            match found {
                Some((j, n)) => {
                    new_taken[j] = true;
                    instruments.push(compare(o, n));
                }
                None => only_in_old.push(InstrumentRef::of(o)),
            }
        }
    }
    let only_in_new = new
        .instruments
        .iter()
        .zip(&new_taken)
        .filter(|(_, taken)| !**taken)
        .map(|(n, _)| InstrumentRef::of(n))
        .collect();
    DocumentDiff {
        old_source: old.source.name.clone(),
        new_source: new.source.name.clone(),
        instruments,
        only_in_old,
        only_in_new,
    }
}
