//! Alignment: which block of the old text is which block of the new one, and which item is which item.
//!
//! Both are a greedy best-match assignment: every candidate pair gets a score, pairs are taken best first, and a
//! pair is only taken while both sides are free and its score clears a threshold. Blocks are scored by heading
//! (kind first; then the heading as written, then a normal form without "further"/"also", partners and
//! punctuation, then the verb and addressees, then shared words). Items are scored by the words they share
//! (Dice over sets of content words), so renumbering ("3" becoming "4"), inserted "bis" items and items moved
//! to another place or block are found; an equal label only breaks ties and lowers the bar a little, because
//! a reworded "1" that stays "1" is more likely the same item than a stranger with a few common words.

use std::collections::HashMap;

use crate::model::Item;

/// A block-like part of an instrument: a preambular or operative block, a section of rules, an annex.
pub(crate) struct Part<'a> {
    pub kind: super::PartKind,
    pub heading: Option<String>,
    pub verb: Option<&'a str>,
    pub addressees: &'a [String],
    /// Index in the instrument's `blocks`, `sections` or `annexes`, as `kind` says.
    pub index: usize,
    pub items: &'a [Item],
}

/// One top-level item of a part, with what the alignment needs.
pub(crate) struct Unit<'a> {
    pub part: usize,
    pub pos: usize,
    pub item: &'a Item,
    /// The item's text followed by its sub-items ("label text" lines): what a reader compares.
    pub text: String,
    /// The text as compared for equality: whitespace collapsed, closing punctuation dropped.
    pub norm: String,
    /// Content words, interned, sorted and without repeats.
    pub words: Vec<u32>,
}

/// Words too common in resolutions to say that two items are the same.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "be", "by", "for", "from", "in", "into", "is", "its", "of", "on", "or", "that",
    "the", "their", "this", "to", "which", "with",
];

/// Gives every distinct lower-cased word one number, shared by the old and the new text.
#[derive(Default)]
pub(crate) struct Interner {
    ids: HashMap<String, u32>,
}

impl Interner {
    pub fn words(&mut self, text: &str) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            let lower = word.to_lowercase();
            if STOP_WORDS.contains(&lower.as_str()) {
                continue;
            }
            let next = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
            out.push(*self.ids.entry(lower).or_insert(next));
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Whitespace collapsed and the closing ";", "," or "." dropped: a list that gains an item changes the mark at
/// the end of the one before, which is not a change of substance.
pub(crate) fn normal_text(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.trim_end_matches([';', ',', '.', ':', ' ']).to_owned()
}

/// Dice coefficient of two sorted sets: 1 for the same words, 0 for none in common.
pub(crate) fn dice(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// How alike two items are: 1 for the same text (as compared), else the share of content words. An item that
/// keeps (nearly) all its words and gains many ("to intensify work within existing ITU-T study groups" becoming
/// "... in order to: i) ... ii) ...") is the same item grown, which Dice alone would score low.
pub(crate) fn similarity(a: &Unit, b: &Unit) -> f64 {
    if a.norm == b.norm {
        return 1.0;
    }
    let d = dice(&a.words, &b.words);
    let smaller = a.words.len().min(b.words.len());
    // Dice = 2c / (|A| + |B|), so the common words are c = Dice * (|A| + |B|) / 2.
    let common = d * (a.words.len() + b.words.len()) as f64 / 2.0;
    let grown = smaller >= 5 && common >= 0.9 * smaller as f64;
    let score = if grown { d.max(0.6 + 0.4 * d) } else { d };
    score.min(0.999)
}

/// A heading in a normal form: lower case, words only, without "further"/"also" and without the partners
/// ("..., in close collaboration with ...").
pub(crate) fn normal_heading(heading: &str) -> String {
    let lower = heading.to_lowercase();
    let mut cut = lower.as_str();
    for marker in ["in close", "in collaboration", "in consultation", "in cooperation", "in coordination"] {
        if let Some(at) = cut.find(marker) {
            cut = &cut[..at];
        }
    }
    cut.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "further" | "also"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The verb without "further"/"also": "further instructs" is read as "instructs".
fn verb_root(verb: &str) -> String {
    verb.split_whitespace().filter(|w| !matches!(*w, "further" | "also")).collect::<Vec<_>>().join(" ")
}

/// How well an old part stands for a new one: 0 for other kinds, 1 for the same heading.
pub(crate) fn part_score(a: &Part, b: &Part, interner: &mut Interner) -> f64 {
    if a.kind != b.kind {
        return 0.0;
    }
    match (&a.heading, &b.heading) {
        (None, None) => 1.0,
        (Some(x), Some(y)) if x == y => 1.0,
        (Some(x), Some(y)) => {
            let (nx, ny) = (normal_heading(x), normal_heading(y));
            if nx == ny {
                return 0.95;
            }
            let same_verb = match (a.verb, b.verb) {
                (Some(v), Some(w)) => verb_root(v) == verb_root(w),
                _ => false,
            };
            if same_verb && !a.addressees.is_empty() && a.addressees == b.addressees {
                return 0.9;
            }
            // Same verb, other addressees ("instructs the Director TSB" and "instructs the Secretary-General")
            // are different blocks unless the words say otherwise; other verbs need many common words.
            let words = dice(&interner.words(&nx), &interner.words(&ny));
            if same_verb && a.addressees.is_empty() != b.addressees.is_empty() {
                words * 0.9
            } else if same_verb {
                words * 0.6
            } else {
                words * 0.5
            }
        }
        _ => 0.0,
    }
}

/// Takes pairs best first. `candidates` holds (score, tie-break, old, new); higher tie-break wins among equal
/// scores, then the pair closest in position (lower `old + new` distance is given by the caller's tie-break).
pub(crate) fn greedy(mut candidates: Vec<(f64, f64, usize, usize)>, n_old: usize, n_new: usize) -> Vec<(usize, usize)> {
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(y.1.total_cmp(&x.1)).then(x.2.cmp(&y.2)).then(x.3.cmp(&y.3)));
    let mut old_taken = vec![false; n_old];
    let mut new_taken = vec![false; n_new];
    let mut pairs = Vec::new();
    for (_, _, o, n) in candidates {
        if old_taken[o] || new_taken[n] {
            continue;
        }
        old_taken[o] = true;
        new_taken[n] = true;
        pairs.push((o, n));
    }
    pairs
}

/// Positions (indexes into `seq`) of one longest increasing subsequence: the items that kept their order.
pub(crate) fn longest_increasing(seq: &[usize]) -> Vec<usize> {
    // Patience sorting with back links, O(n log n).
    let mut tails: Vec<usize> = Vec::new();
    let mut back: Vec<Option<usize>> = vec![None; seq.len()];
    for (i, &v) in seq.iter().enumerate() {
        let at = tails.partition_point(|&t| seq[t] < v);
        back[i] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        out.push(i);
        cur = back[i];
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_lose_further_also_and_partners() {
        assert_eq!(
            normal_heading(
                "instructs the Director of the Telecommunication Standardization Bureau, in close collaboration with \
                 the Director of the Telecommunication Development Bureau,"
            ),
            normal_heading("further instructs the Director of the Telecommunication Standardization Bureau")
        );
        assert_eq!(normal_heading("Also Resolves"), "resolves");
    }

    #[test]
    fn longest_increasing_keeps_order() {
        assert_eq!(longest_increasing(&[0, 1, 4, 2, 3]), [0, 1, 3, 4]);
        assert_eq!(longest_increasing(&[]), Vec::<usize>::new());
        assert_eq!(longest_increasing(&[2, 1, 0]).len(), 1);
    }

    #[test]
    fn closing_marks_do_not_count() {
        assert_eq!(normal_text("to support  the work;"), normal_text("to support the work."));
    }
}
