//! Mandates: what each operative item of an instrument asks, of whom, how often, reported to whom, by when.
//!
//! A mandate is one top-level item of an operative block (its sub-items are part of its action), or the block
//! itself when it has no items; a committee recommendation's quoted text counts as operative. This is a pure
//! function of the parsed [`Instrument`]; the registry stores the result and tracks it.

mod reporting;

use serde::{Deserialize, Serialize};

use crate::model::{BlockKind, Instrument, Item};

pub use reporting::{Cadence, Deadline, Reporting};

/// One request made by an instrument, before it is registered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MandateDraft {
    /// Index of the block in [`Instrument::blocks`].
    pub block: usize,
    /// The block heading as written ("instructs the Director of the Telecommunication Standardization Bureau").
    pub heading: Option<String>,
    pub verb: Option<String>,
    /// The item label as written ("1", "2bis"); null for a block without items or an unnumbered paragraph.
    pub label: Option<String>,
    /// Who must act: the block's addressees followed by those the item names itself, canonical, no repeats.
    pub addressees: Vec<String>,
    /// Those to be consulted ("in close consultation with ...").
    pub partners: Vec<String>,
    /// The item's text with its sub-items, each on its own line with its label.
    pub action: String,
    #[serde(flatten)]
    pub reporting: Reporting,
    pub sectors: Sectors,
    pub start: usize,
    pub end: usize,
}

/// The ITU Sectors a mandate concerns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Sectors {
    #[serde(rename = "ITU-R")]
    pub r: bool,
    #[serde(rename = "ITU-T")]
    pub t: bool,
    #[serde(rename = "ITU-D")]
    pub d: bool,
}

impl Sectors {
    pub const ALL: Sectors = Sectors { r: true, t: true, d: true };

    /// The Sector a canonical addressee name belongs to, if any. "ITU" as a whole concerns all three.
    pub fn of_addressee(name: &str) -> Sectors {
        let none = Sectors::default();
        match name {
            "ITU" => Sectors::ALL,
            "Director BR" | "ITU-R" | "ITU-R study groups" | "RAG" | "RA" | "WRC" => Sectors { r: true, ..none },
            "Director TSB" | "ITU-T" | "ITU-T study groups" | "TSAG" | "WTSA" => Sectors { t: true, ..none },
            "Director BDT" | "ITU-D" | "ITU-D study groups" | "TDAG" | "WTDC" => Sectors { d: true, ..none },
            // Names kept as written ("Study Group 17 of ITU-T", "the TSB regional office").
            other => Sectors {
                r: other.contains("ITU-R") || other.contains("Radiocommunication"),
                t: other.contains("ITU-T") || other.contains("TSB") || other.contains("Standardization"),
                d: other.contains("ITU-D") || other.contains("BDT") || other.contains("Development"),
            },
        }
    }

    /// The Sector whose assembly adopts an instrument of this body: a WTSA resolution concerns ITU-T.
    pub fn of_body(body: &str) -> Sectors {
        match body {
            "WTSA" | "TSAG" => Sectors { t: true, ..Sectors::default() },
            "WTDC" | "TDAG" => Sectors { d: true, ..Sectors::default() },
            "RA" | "WRC" | "RAG" => Sectors { r: true, ..Sectors::default() },
            _ => Sectors::default(),
        }
    }

    pub fn union(self, other: Sectors) -> Sectors {
        Sectors { r: self.r || other.r, t: self.t || other.t, d: self.d || other.d }
    }

    pub fn is_empty(self) -> bool {
        !(self.r || self.t || self.d)
    }

    /// "ITU-R", "ITU-T", "ITU-D" in that order.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        [(self.r, "ITU-R"), (self.t, "ITU-T"), (self.d, "ITU-D")].into_iter().filter(|(on, _)| *on).map(|(_, n)| n)
    }

    /// A bit set for storage: R = 1, T = 2, D = 4.
    pub fn bits(self) -> i64 {
        i64::from(self.r) | i64::from(self.t) << 1 | i64::from(self.d) << 2
    }

    pub fn from_bits(bits: i64) -> Sectors {
        Sectors { r: bits & 1 != 0, t: bits & 2 != 0, d: bits & 4 != 0 }
    }
}

/// The mandates of one instrument, in document order.
pub fn derive(instrument: &Instrument) -> Vec<MandateDraft> {
    let body_sectors = instrument.body.as_deref().map(Sectors::of_body).unwrap_or_default();
    let union_wide = matches!(instrument.body.as_deref(), Some("PP" | "Council"));
    let mut drafts = Vec::new();
    for (index, block) in instrument.blocks.iter().enumerate() {
        if block.kind == BlockKind::Preambular {
            continue;
        }
        let mut push = |label: Option<&str>, item_addressees: &[String], action: String, start: usize, end: usize| {
            let mut addressees = block.addressees.clone();
            for name in item_addressees {
                if !addressees.contains(name) {
                    addressees.push(name.clone());
                }
            }
            let named = addressees
                .iter()
                .chain(&block.partners)
                .fold(Sectors::default(), |s, a| s.union(Sectors::of_addressee(a)));
            // A Sector assembly's own instrument concerns its Sector when no addressee says otherwise. An item of
            // the Union's own bodies (PP, Council) that names no one ("resolves 1 to continue promoting ...") is
            // work of the Union as a whole, as if addressed to "ITU".
            let sectors = if !named.is_empty() {
                named
            } else if addressees.is_empty() && union_wide {
                Sectors::ALL
            } else {
                body_sectors
            };
            drafts.push(MandateDraft {
                block: index,
                heading: block.heading.clone(),
                verb: block.verb.clone(),
                label: label.map(str::to_owned),
                addressees,
                partners: block.partners.clone(),
                reporting: Reporting::read(&action),
                action,
                sectors,
                start,
                end,
            });
        };
        if block.items.is_empty() {
            let action = block.heading.clone().unwrap_or_default();
            push(None, &[], action, block.start, block.end);
        }
        for item in &block.items {
            push(item.label.as_deref(), &item.addressees, action_text(item), item.start, item.end);
        }
    }
    drafts
}

/// An item's text followed by its sub-items, each on its own line as "label text".
pub(crate) fn action_text(item: &Item) -> String {
    let mut text = item.text.to_string();
    fn add_children(text: &mut String, items: &[Item]) {
        for child in items {
            text.push('\n');
            if let Some(label) = &child.label {
                text.push_str(label);
                text.push(' ');
            }
            text.push_str(&child.text.as_str());
            add_children(text, &child.items);
        }
    }
    add_children(&mut text, &item.items);
    text
}
