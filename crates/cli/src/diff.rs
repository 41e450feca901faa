//! `mandates diff OLD NEW`: what changed between two revisions of the instruments in two files.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

#[derive(clap::Args)]
pub struct DiffArgs {
    /// The older document (Word .docx or text)
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The newer document (Word .docx or text)
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
}

pub fn run(args: &DiffArgs) -> Result<ExitCode> {
    anyhow::bail!("comparing {} with {} is not available yet", args.old.display(), args.new.display())
}
