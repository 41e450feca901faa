//! Cadence, reporting target and deadline, read from a mandate's action text.
//!
//! NOT BUILT YET: `Reporting::read` finds nothing; the rules and their tests are being written.

use serde::{Deserialize, Serialize};

/// How often the action recurs, where the text says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    Annually,
    EachSession,
    EveryFourYears,
    Regularly,
}

/// A deadline as the text gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// As written: "the 2024 session of Council", "WTSA-24".
    pub text: String,
    pub year: Option<u16>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reporting {
    pub cadence: Option<Cadence>,
    /// Canonical name of the body reported to: "Council", "PP", "WTSA", "TSAG", ...
    pub report_to: Option<String>,
    pub deadline: Option<Deadline>,
}

impl Reporting {
    pub fn read(_action: &str) -> Reporting {
        Reporting::default()
    }
}
