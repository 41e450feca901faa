//! The grammar of resolutions: instruments, preambular and operative blocks, items, addressees.
pub mod footnotes;

use crate::decode::Para;
use crate::model::{Diagnostic, Instrument, OutlineEntry};

#[derive(Debug, Default)]
pub struct StructureOutput {
    pub outline: Vec<OutlineEntry>,
    pub instruments: Vec<Instrument>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn parse_structure(_text: &str, _paras: &[Para]) -> StructureOutput {
    StructureOutput::default()
}
