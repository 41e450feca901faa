//! Integration tests of mandates-core on the real documents in `samples/`.
//! One test binary for the crate (faster links on two cores); one module per boundary.

mod akn;
mod akn_read;
mod diff;
mod docx;
mod facts;
mod invariants;
mod mandate;
mod references;
mod structure;
mod table;

/// Bytes of a file in the repository's `samples/` folder.
pub fn sample(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// The seed document, parsed.
pub fn seed() -> mandates_core::Document {
    mandates_core::parse("tsag-td-pp22-highlights.txt", &sample("tsag-td-pp22-highlights.txt"), &Default::default())
        .expect("the seed parses")
}

/// A value kept as written (a citation's text or number): borrowed for as long as the model.
pub fn plain(text: &mandates_core::model::Text) -> &str {
    match text.as_str() {
        std::borrow::Cow::Borrowed(s) => s,
        std::borrow::Cow::Owned(s) => panic!("{s:?} is cleaned when read, not kept as written"),
    }
}
