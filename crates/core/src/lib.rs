//! `mandates-core`: read ITU (and UN) outcome documents into a faithful structured model.
//!
//! The path of the data: bytes are [decoded](decode) into one text with paragraphs; the
//! [structure](structure) grammar finds instruments, blocks, items and addressees; [references],
//! [facts] and the [reference table](table) are read from the same text. Nothing here does I/O beyond the
//! bytes it is given, nothing panics on any input, and everything the parser could not place becomes a
//! [`Diagnostic`](model::Diagnostic).
//!
//! ```
//! let text = "RESOLUTION 130 (REV. BUCHAREST, 2022)\n\
//!     Strengthening the role of ITU in building confidence and security in the use of ICTs\n\
//!     The Plenipotentiary Conference of the International Telecommunication Union (Bucharest, 2022),\n\
//!     instructs the Director of the Telecommunication Standardization Bureau\n\
//!     1\tto report annually to the Council on the implementation of this resolution.\n";
//! let doc = mandates_core::parse("res130.txt", text.as_bytes(), &Default::default()).unwrap();
//! let res = &doc.instruments[0];
//! assert_eq!(res.number.as_deref(), Some("130"));
//! assert_eq!(res.body.as_deref(), Some("PP"));
//! assert_eq!(res.blocks[0].addressees, ["Director TSB"]);
//! ```

pub mod akn;
pub mod clean;
pub mod decode;
pub mod diff;
pub mod facts;
pub mod mandate;
pub mod model;
pub mod references;
pub mod report;
pub mod structure;
pub mod table;

use sha2::{Digest, Sha256};

pub use decode::{DecodeError, Limits};
pub use model::Document;

/// Options for [`parse`].
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub limits: Limits,
}

/// Parse one input file. `name` is only used in [`model::Source`]; the format is read from the bytes: a zip
/// is a Word document, XML is Akoma Ntoso (read back by [`akn::read`]), anything else text.
///
/// Returns an error only for input that cannot be read at all (a damaged or oversized .docx, binary junk,
/// malformed XML, XML that is not Akoma Ntoso or that declares a DTD);
/// anything readable gives a [`Document`] whose diagnostics say what could not be placed.
pub fn parse(name: &str, bytes: &[u8], options: &Options) -> Result<Document, DecodeError> {
    if akn::looks_like_xml(bytes) {
        return from_akn(name, bytes, options);
    }
    let (format, decoded) = decode::decode(bytes, &options.limits)?;
    Ok(build(name, InputDigest::of(bytes), format, decoded))
}

/// Like [`parse`], taking the bytes, so that a large UTF-8 text is not held twice: the bytes become the text.
///
/// ```
/// let bytes = b"RESOLUTION 25 (REV. BUCHAREST, 2022)\nStrengthening the ITU regional presence\n".to_vec();
/// let doc = mandates_core::parse_owned("res25.txt", bytes, &Default::default()).unwrap();
/// assert_eq!(doc.instruments[0].title.as_deref(), Some("Strengthening the ITU regional presence"));
/// assert_eq!(doc.source.bytes, 77);
/// ```
pub fn parse_owned(name: &str, bytes: Vec<u8>, options: &Options) -> Result<Document, DecodeError> {
    if akn::looks_like_xml(&bytes) {
        return from_akn(name, &bytes, options);
    }
    let digest = InputDigest::of(&bytes);
    let (format, decoded) = if decode::is_zip(&bytes) || bytes.len() as u64 > options.limits.max_input_bytes {
        decode::decode(&bytes, &options.limits)?
    } else {
        (model::Format::Text, decode::text::decode_text_owned(bytes)?)
    };
    Ok(build(name, digest, format, decoded))
}

/// An Akoma Ntoso document read back into the model: one instrument, its citations and footnotes, and the
/// facts its text states. An XML document that is not Akoma Ntoso is refused.
fn from_akn(name: &str, bytes: &[u8], options: &Options) -> Result<Document, DecodeError> {
    let limit = options.limits.max_input_bytes;
    if bytes.len() as u64 > limit {
        return Err(DecodeError::TooLarge { size: bytes.len() as u64, limit });
    }
    let digest = InputDigest::of(bytes);
    let read = akn::read(bytes)?;
    let facts = facts::extract(&read.text);
    Ok(Document {
        source: model::Source {
            name: name.to_owned(),
            format: model::Format::Akn,
            bytes: digest.bytes,
            sha256: digest.sha256,
            encoding: "UTF-8".to_owned(),
            text_bytes: read.text.len(),
        },
        outline: Vec::new(),
        instruments: vec![read.instrument],
        reference_table: read.reference_table,
        references: read.references,
        footnotes: read.footnotes,
        facts,
        diagnostics: read.diagnostics,
        text: model::SourceText::new(read.text),
    })
}

/// Size and SHA-256 of the input.
struct InputDigest {
    bytes: u64,
    sha256: String,
}

impl InputDigest {
    fn of(bytes: &[u8]) -> Self {
        let sha256 = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
        Self { bytes: bytes.len() as u64, sha256 }
    }
}

/// Every stage after decoding, on the decoded text.
fn build(name: &str, digest: InputDigest, format: model::Format, decoded: decode::Decoded) -> Document {
    let mut diagnostics = decoded.diagnostics;
    // Shared with the model's values that are spans of it.
    let text = model::SourceText::new(decoded.text);
    let paras = decoded.paras;

    let structure = structure::parse_structure(&text, &paras);
    diagnostics.extend(structure.diagnostics);
    let table = table::extract(&text, &paras);
    drop(paras);
    let footnotes = structure::footnotes::extract(&text);
    let references = references::extract_from(&text);
    let mut facts = facts::extract(&text);
    facts.status_codes = table.status_codes;
    diagnostics.extend(table.diagnostics);
    diagnostics.sort_by_key(|d| (d.start, d.end));

    let mut instruments = structure.instruments;
    table::mark_abrogated(&mut instruments, &table.rows);

    Document {
        source: model::Source {
            name: name.to_owned(),
            format,
            bytes: digest.bytes,
            sha256: digest.sha256,
            encoding: decoded.encoding.to_owned(),
            text_bytes: text.len(),
        },
        outline: structure.outline,
        instruments,
        reference_table: table.rows,
        references,
        footnotes,
        facts,
        diagnostics,
        text,
    }
}
