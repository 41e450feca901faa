//! Footnotes: bodies written `[ID: mark text]`, references `[footnoteRef:ID]mark`.
use crate::model::Footnote;

pub fn extract(_text: &str) -> Vec<Footnote> {
    Vec::new()
}
