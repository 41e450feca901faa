//! Akoma Ntoso files: one XML document per instrument, named after its FRBR work.

use std::collections::HashSet;
use std::path::Path;

use anyhow::{Context, Result};
use mandates_core::Document;

/// Write every instrument of `document` into `dir` (created if missing); returns the files written.
/// `taken` keeps names unique across documents: a second text of one work gets "-2".
pub fn write_all(document: &Document, dir: &Path, taken: &mut HashSet<String>) -> Result<Vec<String>> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create the folder {}", dir.display()))?;
    let mut written = Vec::new();
    for instrument in &document.instruments {
        let name = unique(file_stem(document, instrument), taken);
        let path = dir.join(format!("{name}.xml"));
        let xml = mandates_core::akn::export(document, instrument);
        std::fs::write(&path, xml).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path.display().to_string());
    }
    Ok(written)
}

/// "/akn/un/statement/resolution/itu-pp/2022/130" -> "resolution-itu-pp-2022-130".
pub fn file_stem(document: &Document, instrument: &mandates_core::model::Instrument) -> String {
    let work = mandates_core::akn::frbr(document, instrument).work;
    let tail = work.strip_prefix("/akn/un/statement/").unwrap_or(&work);
    tail.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' }).collect()
}

fn unique(stem: String, taken: &mut HashSet<String>) -> String {
    let mut name = stem.clone();
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{stem}-{n}");
        n += 1;
    }
    name
}
