//! The substantive summary: what the new text asks of whom that the old one did not, and the reverse.
//!
//! It stands on the mandates of both texts ([`derive`]): each operative clause with its addressees and its
//! reporting (cadence, body reported to, deadline). Aligned clauses are compared addressee by addressee, so a
//! clause whose block now also names the Director BDT is a new clause for the Director BDT; renumbering alone
//! is not a change of substance, rewording and a changed verb are.

use serde::{Deserialize, Serialize};

use super::align::Unit;
use super::{Alignment, BlockChange, BlockDiff, ItemChange, PartKind};
use crate::mandate::{Deadline, MandateDraft, Reporting, derive};
use crate::model::Instrument;

/// What a delegate reads first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Items of every block, by what happened to them.
    pub counts: Counts,
    /// Headings of the blocks that only the new text has.
    pub blocks_added: Vec<String>,
    /// Headings of the blocks that only the old text has.
    pub blocks_removed: Vec<String>,
    /// Operative clauses added, removed and changed, per addressee, in the order the new text names them.
    pub addressees: Vec<AddresseeChanges>,
    /// Reporting duties gained or dropped, and changed targets, deadlines and cadences.
    pub reporting: Vec<ReportingChange>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub unchanged: usize,
    pub reworded: usize,
    pub renumbered: usize,
    pub moved: usize,
    pub added: usize,
    pub removed: usize,
}

/// The operative clauses of one addressee that changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddresseeChanges {
    /// Canonical name ("Director TSB"); null for clauses that address no one in particular ("resolves 1 ...").
    pub addressee: Option<String>,
    /// Clauses that ask something of this addressee now and did not before (new, or newly addressed to it).
    pub added: Vec<ClauseRef>,
    /// Clauses that no longer ask anything of it (deleted, or no longer addressed to it).
    pub removed: Vec<ClauseRef>,
    /// Clauses that still do, in other words or with another verb.
    pub changed: Vec<ClauseRef>,
}

/// An operative clause, as the new text has it (the old one when it was removed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClauseRef {
    /// "instructs", "further instructs", "invites".
    pub verb: Option<String>,
    /// Label in the new text; null when removed or unnumbered.
    pub label: Option<String>,
    /// Label in the old text; null when added or unnumbered.
    pub old_label: Option<String>,
    /// The clause's action text with its sub-items.
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportingChangeKind {
    /// A clause now asks for a report (a new clause, or an old one that now does).
    NewDuty,
    /// A clause no longer asks for one (deleted, or reworded).
    DroppedDuty,
    /// The body reported to changed.
    TargetChanged,
    /// "the 2024 session of Council" became "the 2025 session of Council".
    DeadlineChanged,
    /// "annually" became "at each session".
    CadenceChanged,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportingChange {
    pub change: ReportingChangeKind,
    /// Who must report (the clause's addressees in the new text, else the old).
    pub addressees: Vec<String>,
    pub clause: ClauseRef,
    /// The clause's reporting before and after; null where the clause does not exist.
    pub old: Option<Reporting>,
    pub new: Option<Reporting>,
}

/// The mandates of one text and where each stands in the alignment.
struct Side {
    drafts: Vec<MandateDraft>,
    /// Per unit: its draft.
    unit_draft: Vec<Option<usize>>,
    /// Per part without items: the draft of the block itself.
    part_draft: Vec<Option<usize>>,
}

impl Side {
    fn new(instrument: &Instrument, parts: &[super::align::Part], units: &[Unit]) -> Side {
        let drafts = derive(instrument);
        let mut unit_draft = vec![None; units.len()];
        let mut part_draft = vec![None; parts.len()];
        for (k, d) in drafts.iter().enumerate() {
            let Some(p) = parts
                .iter()
                .position(|p| matches!(p.kind, PartKind::Operative | PartKind::Recommendation) && p.index == d.block)
            else {
                continue;
            };
            if parts[p].items.is_empty() {
                part_draft[p] = Some(k);
            } else if let Some(u) =
                units.iter().position(|u| u.part == p && u.item.start == d.start && u.item.end == d.end)
            {
                unit_draft[u] = Some(k);
            }
        }
        Side { drafts, unit_draft, part_draft }
    }
}

/// "further instructs" is the same verb as "instructs".
fn verb_root(verb: Option<&str>) -> String {
    verb.unwrap_or("").split_whitespace().filter(|w| !matches!(*w, "further" | "also")).collect::<Vec<_>>().join(" ")
}

fn clause(old: Option<&MandateDraft>, new: Option<&MandateDraft>) -> ClauseRef {
    let main = new.or(old);
    ClauseRef {
        verb: main.and_then(|d| d.verb.clone()),
        label: new.and_then(|d| d.label.clone()),
        old_label: old.and_then(|d| d.label.clone()),
        text: main.map(|d| d.action.clone()).unwrap_or_default(),
    }
}

fn same_deadline(a: Option<&Deadline>, b: Option<&Deadline>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a.year == b.year && a.text.to_lowercase() == b.text.to_lowercase(),
        _ => false,
    }
}

pub(super) fn build(old: &Instrument, new: &Instrument, al: &Alignment, blocks: &[BlockDiff]) -> Summary {
    let mut summary = Summary::default();
    for block in blocks {
        let heading = || block.new_heading.clone().or_else(|| block.old_heading.clone()).unwrap_or_default();
        match block.change {
            BlockChange::Added => summary.blocks_added.push(heading()),
            BlockChange::Removed => summary.blocks_removed.push(heading()),
            _ => {}
        }
        for item in &block.items {
            let c = &mut summary.counts;
            match item.change {
                ItemChange::Unchanged => c.unchanged += 1,
                ItemChange::Reworded => c.reworded += 1,
                ItemChange::Renumbered => c.renumbered += 1,
                ItemChange::Moved => c.moved += 1,
                ItemChange::Added => c.added += 1,
                ItemChange::Removed => c.removed += 1,
            }
        }
    }

    let o = Side::new(old, &al.old_parts, &al.old_units);
    let n = Side::new(new, &al.new_parts, &al.new_units);

    // Clause pairs (old draft, new draft, reworded), in the order of the new text, then the removed ones.
    let mut where_new = vec![None; n.drafts.len()];
    for (v, k) in n.unit_draft.iter().enumerate() {
        if let Some(k) = k {
            where_new[*k] = Some((true, v));
        }
    }
    for (j, k) in n.part_draft.iter().enumerate() {
        if let Some(k) = k {
            where_new[*k] = Some((false, j));
        }
    }
    let mut old_used = vec![false; o.drafts.len()];
    let mut pairs: Vec<(Option<usize>, Option<usize>, bool)> = Vec::new();
    for (k, place) in where_new.iter().enumerate() {
        let partner = match *place {
            Some((true, v)) => al.unit_of_new[v]
                .and_then(|u| o.unit_draft[u].map(|d| (d, al.old_units[u].norm != al.new_units[v].norm))),
            Some((false, j)) => al.part_of_new[j]
                .and_then(|i| o.part_draft[i].map(|d| (d, al.old_parts[i].heading != al.new_parts[j].heading))),
            None => None,
        };
        if let Some((d, _)) = partner {
            old_used[d] = true;
        }
        pairs.push((partner.map(|p| p.0), Some(k), partner.is_some_and(|p| p.1)));
    }
    pairs.extend((0..o.drafts.len()).filter(|&d| !old_used[d]).map(|d| (Some(d), None, false)));

    for (od, nd, reworded) in pairs {
        let od = od.map(|d| &o.drafts[d]);
        let nd = nd.map(|d| &n.drafts[d]);
        addressee_changes(&mut summary.addressees, od, nd, reworded);
        reporting_changes(&mut summary.reporting, od, nd);
    }
    summary
}

/// Who a clause addresses, with "no one in particular" as a name of its own.
fn keys(d: Option<&MandateDraft>) -> Vec<Option<String>> {
    match d {
        None => Vec::new(),
        Some(d) if d.addressees.is_empty() => vec![None],
        Some(d) => d.addressees.iter().cloned().map(Some).collect(),
    }
}

fn entry(list: &mut Vec<AddresseeChanges>, key: Option<String>) -> &mut AddresseeChanges {
    let at = match list.iter().position(|e| e.addressee == key) {
        Some(at) => at,
        None => {
            list.push(AddresseeChanges { addressee: key, added: Vec::new(), removed: Vec::new(), changed: Vec::new() });
            list.len() - 1
        }
    };
    &mut list[at]
}

fn addressee_changes(
    list: &mut Vec<AddresseeChanges>,
    od: Option<&MandateDraft>,
    nd: Option<&MandateDraft>,
    reworded: bool,
) {
    let (ok, nk) = (keys(od), keys(nd));
    let verb_changed = match (od, nd) {
        (Some(a), Some(b)) => verb_root(a.verb.as_deref()) != verb_root(b.verb.as_deref()),
        _ => false,
    };
    for key in &nk {
        if !ok.contains(key) {
            entry(list, key.clone()).added.push(clause(od, nd));
        } else if reworded || verb_changed {
            entry(list, key.clone()).changed.push(clause(od, nd));
        }
    }
    for key in &ok {
        if !nk.contains(key) {
            entry(list, key.clone()).removed.push(clause(od, nd));
        }
    }
}

fn reporting_changes(list: &mut Vec<ReportingChange>, od: Option<&MandateDraft>, nd: Option<&MandateDraft>) {
    let (old, new) = (od.map(|d| &d.reporting), nd.map(|d| &d.reporting));
    let duty = |r: Option<&Reporting>| r.is_some_and(|r| r.report_to.is_some());
    let mut push = |change| {
        list.push(ReportingChange {
            change,
            addressees: nd.or(od).map(|d| d.addressees.clone()).unwrap_or_default(),
            clause: clause(od, nd),
            old: old.cloned(),
            new: new.cloned(),
        })
    };
    match (duty(old), duty(new)) {
        (false, true) => push(ReportingChangeKind::NewDuty),
        (true, false) => push(ReportingChangeKind::DroppedDuty),
        _ => {
            // Both ask for a report, or neither does (a deadline or cadence may still be there: "by 2025").
            let (Some(a), Some(b)) = (old, new) else { return };
            if a.report_to != b.report_to || a.also_report_to != b.also_report_to {
                push(ReportingChangeKind::TargetChanged);
            }
            if !same_deadline(a.deadline.as_ref(), b.deadline.as_ref()) {
                push(ReportingChangeKind::DeadlineChanged);
            }
            if a.cadence != b.cadence {
                push(ReportingChangeKind::CadenceChanged);
            }
        }
    }
}
