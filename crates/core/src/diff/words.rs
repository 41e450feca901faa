//! Word-level changes inside one aligned item, for `~~deleted~~ **inserted**` and `<del>`/`<ins>`.
//!
//! Texts are split into words, runs of whitespace and single punctuation marks, so that "expertise;" becoming
//! "expertise," changes only the mark. The diff itself is `similar`'s patience diff over those tokens. Its raw
//! output alternates on every space ("~~a~~ **c** ~~b~~ **d**"), so a space between two changes is folded into
//! the change: the reader sees "~~a b~~ **c d**".

use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffTag};

/// What happened to a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WordOp {
    Equal,
    Delete,
    Insert,
}

/// A run of text that is kept, deleted from the old item or inserted in the new one. Concatenating the
/// `equal` and `delete` runs gives the old text; `equal` and `insert` give the new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordChange {
    pub op: WordOp,
    pub text: String,
}

/// Words, whitespace runs and single other characters; concatenated they give `text` back.
pub(crate) fn tokens(text: &str) -> Vec<&str> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Word,
        Space,
        Other,
    }
    let class = |c: char| {
        if c.is_alphanumeric() {
            Class::Word
        } else if c.is_whitespace() {
            Class::Space
        } else {
            Class::Other
        }
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut current: Option<Class> = None;
    for (i, c) in text.char_indices() {
        let k = class(c);
        // Punctuation marks stand alone; words and spaces run on.
        if current.is_some() && (current != Some(k) || k == Class::Other) {
            out.push(&text[start..i]);
            start = i;
        }
        current = Some(k);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// The changes that turn `old` into `new`, as alternating runs.
pub fn word_changes(old: &str, new: &str) -> Vec<WordChange> {
    let a = tokens(old);
    let b = tokens(new);
    let ops = similar::capture_diff_slices(Algorithm::Patience, &a, &b);
    let mut out = Runs::default();
    for op in ops {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => out.equal(&a[old_range]),
            DiffTag::Delete => out.change(&a[old_range], &[]),
            DiffTag::Insert => out.change(&[], &b[new_range]),
            DiffTag::Replace => out.change(&a[old_range], &b[new_range]),
        }
    }
    out.finish()
}

/// Builds the runs: changes are gathered into one deletion and one insertion until a real word is kept.
#[derive(Default)]
struct Runs {
    done: Vec<WordChange>,
    deleted: String,
    inserted: String,
    /// Whitespace kept between two changes: it joins them if another change follows.
    pending_space: String,
}

impl Runs {
    fn in_change(&self) -> bool {
        !self.deleted.is_empty() || !self.inserted.is_empty()
    }

    fn equal(&mut self, toks: &[&str]) {
        for t in toks {
            if self.in_change() && t.chars().all(char::is_whitespace) {
                self.pending_space.push_str(t);
                continue;
            }
            self.flush_change();
            push(&mut self.done, WordOp::Equal, t);
        }
    }

    fn change(&mut self, old: &[&str], new: &[&str]) {
        if self.in_change() && !self.pending_space.is_empty() {
            self.deleted.push_str(&self.pending_space);
            self.inserted.push_str(&self.pending_space);
            self.pending_space.clear();
        }
        // A change that only follows kept whitespace starts a new run; the whitespace stays kept.
        if !self.pending_space.is_empty() {
            let space = std::mem::take(&mut self.pending_space);
            push(&mut self.done, WordOp::Equal, &space);
        }
        old.iter().for_each(|t| self.deleted.push_str(t));
        new.iter().for_each(|t| self.inserted.push_str(t));
    }

    fn flush_change(&mut self) {
        if !self.deleted.is_empty() {
            let d = std::mem::take(&mut self.deleted);
            push(&mut self.done, WordOp::Delete, &d);
        }
        if !self.inserted.is_empty() {
            let i = std::mem::take(&mut self.inserted);
            push(&mut self.done, WordOp::Insert, &i);
        }
        if !self.pending_space.is_empty() {
            let s = std::mem::take(&mut self.pending_space);
            push(&mut self.done, WordOp::Equal, &s);
        }
    }

    fn finish(mut self) -> Vec<WordChange> {
        self.flush_change();
        self.done
    }
}

/// Appends to the last run when it has the same op.
fn push(runs: &mut Vec<WordChange>, op: WordOp, text: &str) {
    if text.is_empty() {
        return;
    }
    match runs.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => runs.push(WordChange { op, text: text.to_owned() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(runs: &[WordChange], skip: WordOp) -> String {
        runs.iter().filter(|r| r.op != skip).map(|r| r.text.as_str()).collect()
    }

    #[test]
    fn a_changed_year_is_one_deletion_and_one_insertion() {
        let runs =
            word_changes("to report to the 2024 session of Council;", "to report to the 2025 session of Council;");
        assert_eq!(
            runs,
            [
                WordChange { op: WordOp::Equal, text: "to report to the ".into() },
                WordChange { op: WordOp::Delete, text: "2024".into() },
                WordChange { op: WordOp::Insert, text: "2025".into() },
                WordChange { op: WordOp::Equal, text: " session of Council;".into() },
            ]
        );
    }

    #[test]
    fn spaces_between_changes_join_them() {
        let runs = word_changes("to give a b here", "to give c d here");
        assert!(runs.contains(&WordChange { op: WordOp::Delete, text: "a b".into() }), "{runs:?}");
        assert!(runs.contains(&WordChange { op: WordOp::Insert, text: "c d".into() }), "{runs:?}");
    }

    #[test]
    fn both_texts_come_back() {
        for (a, b) in [("", "x"), ("x y", ""), ("a, b; c", "a; b, d c"), ("é ü  ß", "é  ß ü")] {
            let runs = word_changes(a, b);
            assert_eq!(side(&runs, WordOp::Insert), a);
            assert_eq!(side(&runs, WordOp::Delete), b);
        }
    }
}
