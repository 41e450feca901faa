//! Bytes to text: plain text in any common encoding, or a Word .docx.
//!
//! Both paths produce a [`Decoded`]: one `String` that every offset of the model refers to, and the paragraphs
//! of that text in order, with their Word style and table cell where the source had them. Footnotes use the
//! artefacts Word writes when it saves a document as plain text, so later stages see one form: references are
//! `[footnoteRef:ID]`, bodies `[ID: text]`. A text file has the bodies where Word put them (at the end of
//! the referring paragraph); the .docx reader appends them after the body, one paragraph each.

pub mod docx;
mod symbol;
pub mod text;

use crate::model::{Diagnostic, Format};

/// Limits that keep hostile input from exhausting memory.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest input file accepted, in bytes.
    pub max_input_bytes: u64,
    /// Largest total uncompressed size of the .docx parts we read, in bytes.
    pub max_uncompressed_bytes: u64,
    /// Largest ratio between a zip entry's uncompressed and compressed sizes.
    pub max_compression_ratio: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_input_bytes: 256 * 1024 * 1024,
            max_uncompressed_bytes: 512 * 1024 * 1024,
            max_compression_ratio: 200,
        }
    }
}

/// Where a paragraph sits in a Word table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellPos {
    /// Index of the table in the document, from 0, counting nested tables too.
    pub table: u32,
    pub row: u32,
    pub col: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParaKind {
    Body,
    /// A footnote body, written `[ID: text]`.
    Footnote,
}

/// One paragraph (a line of a text file, a `w:p` of a .docx): `text[start..end]`, without the line break.
///
/// 24 bytes: what only Word paragraphs have (a style, a table cell, being a footnote) is boxed, so the lines of
/// a text file, hundreds of thousands in a large one, carry none of it (at 64 bytes a line, the paragraphs of
/// a summary took more memory than its text, and writing them was an eighth of its parse).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    pub start: usize,
    pub end: usize,
    word: Option<Box<WordPara>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct WordPara {
    style: Option<String>,
    cell: Option<CellPos>,
    kind: ParaKind,
}

impl Para {
    /// A body paragraph with no style, outside any table: a line of a text file.
    pub fn line(start: usize, end: usize) -> Self {
        Self { start, end, word: None }
    }

    pub fn new(start: usize, end: usize, style: Option<String>, cell: Option<CellPos>, kind: ParaKind) -> Self {
        let plain = style.is_none() && cell.is_none() && kind == ParaKind::Body;
        Self { start, end, word: (!plain).then(|| Box::new(WordPara { style, cell, kind })) }
    }

    /// The Word paragraph style id ("ResNo", "Call", "enumlev1"); `None` for text files.
    pub fn style(&self) -> Option<&str> {
        self.word.as_ref()?.style.as_deref()
    }

    pub fn cell(&self) -> Option<CellPos> {
        self.word.as_ref()?.cell
    }

    pub fn kind(&self) -> ParaKind {
        self.word.as_ref().map_or(ParaKind::Body, |w| w.kind)
    }
}

/// Decoded text with its paragraphs.
#[derive(Debug, Clone, Default)]
pub struct Decoded {
    pub text: String,
    pub paras: Vec<Para>,
    /// Name of the encoding the bytes were read as.
    pub encoding: &'static str,
    pub diagnostics: Vec<Diagnostic>,
}

/// Why input could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("the file is {size} bytes, more than the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    #[error("not a Word document: {0}")]
    NotDocx(String),
    #[error("the Word document is damaged: {0}")]
    CorruptDocx(String),
    #[error("the Word document expands beyond the safety limit ({0}); it may be a zip bomb")]
    ZipBomb(String),
    #[error("this looks like a binary file ({0}), not text or a Word .docx document")]
    Binary(String),
    /// XML that is malformed, declares a DTD, or is not an Akoma Ntoso document we can read.
    #[error(transparent)]
    Akn(#[from] crate::akn::ReadError),
}

/// A zip archive, which we read as a Word document.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Choose the decoder from the content (not the file name): a zip is read as .docx, anything else as text.
pub fn decode(bytes: &[u8], limits: &Limits) -> Result<(Format, Decoded), DecodeError> {
    if bytes.len() as u64 > limits.max_input_bytes {
        return Err(DecodeError::TooLarge { size: bytes.len() as u64, limit: limits.max_input_bytes });
    }
    if is_zip(bytes) {
        return Ok((Format::Docx, docx::decode_docx(bytes, limits)?));
    }
    Ok((Format::Text, text::decode_text(bytes)?))
}
