//! The reference table of a summary (PP instrument, contributions, affected WTSA resolutions, focal points)
//! and the legend of status codes, from a real Word table or from its flattened plain-text form.
use crate::decode::Para;
use crate::model::{Diagnostic, Instrument, ReferenceRow, StatusCode};

#[derive(Debug, Default)]
pub struct TableOutput {
    pub rows: Vec<ReferenceRow>,
    pub status_codes: Vec<StatusCode>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn extract(_text: &str, _paras: &[Para]) -> TableOutput {
    TableOutput::default()
}

/// Instruments the reference table lists as abrogated get that status.
pub fn mark_abrogated(_instruments: &mut [Instrument], _rows: &[ReferenceRow]) {}
