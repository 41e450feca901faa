//! Word .docx: zip + streaming quick-xml, bounded memory.
//!
//! Only `word/document.xml` and `word/footnotes.xml` are read, each streamed through a reader that counts the
//! bytes it inflates: the total may not exceed [`Limits::max_uncompressed_bytes`] and no entry may inflate
//! more than [`Limits::max_compression_ratio`] times its compressed size, whatever the zip headers claim.
//! Nothing is held but the text being built and one event buffer.
//!
//! The text is what Word shows, in document order, one paragraph per `w:p`:
//! - runs give their `w:t` text, `w:tab` a tab, `w:br`/`w:cr` a line break inside the paragraph,
//!   `w:noBreakHyphen` U+2011, `w:softHyphen` U+00AD, `w:sym` the Unicode character of the glyph;
//! - tracked changes read as accepted: `w:ins`/`w:moveTo` are kept, `w:del`/`w:moveFrom` dropped;
//! - field codes (`w:instrText`) are dropped and their displayed results kept;
//! - drawings, VML pictures, embedded objects and content-control properties are skipped; of an
//!   `mc:AlternateContent` only the first choice is read;
//! - a footnote reference is written `[footnoteRef:ID]` followed by its mark, and after the body each
//!   footnote becomes one paragraph `[ID: text]`, as Word does when it saves a document as plain text.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::{self, BufRead, BufReader, Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, Event};

use super::{CellPos, DecodeError, Decoded, Limits, Para, ParaKind, symbol};
use crate::model::Diagnostic;

const DOCUMENT: &str = "word/document.xml";
const FOOTNOTES: &str = "word/footnotes.xml";

/// Below this many inflated bytes an entry's compression ratio is not checked: a tiny, very repetitive part
/// is harmless, and real Word parts never come near the ratio limit at this size.
const RATIO_FLOOR: u64 = 64 * 1024;

/// Fonts of `w:sym` glyphs reported at most, one diagnostic each.
const MAX_FONTS_REPORTED: usize = 16;

/// Read a Word document into text and paragraphs.
///
/// ```
/// use mandates_core::decode::{DecodeError, Limits, docx::decode_docx};
/// // An empty zip: just the end-of-central-directory record.
/// let empty_zip = b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";
/// let err = decode_docx(empty_zip, &Limits::default()).unwrap_err();
/// assert!(matches!(err, DecodeError::NotDocx(_)));
/// ```
pub fn decode_docx(bytes: &[u8], limits: &Limits) -> Result<Decoded, DecodeError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| DecodeError::CorruptDocx(format!("the zip cannot be read (truncated or damaged): {e}")))?;
    let Some(document) = find_entry(&archive, DOCUMENT) else {
        return Err(DecodeError::NotDocx("no word/document.xml: this zip is not a Word document".into()));
    };
    let footnotes = find_entry(&archive, FOOTNOTES);

    let mut out = Out::default();
    let mut budget = Budget { read: 0, limits: *limits };
    read_part(&mut archive, document, DOCUMENT, Part::Document, &mut budget, &mut out)?;
    out.finish_custom_mark();
    if let Some(index) = footnotes {
        read_part(&mut archive, index, FOOTNOTES, Part::Footnotes, &mut budget, &mut out)?;
    }
    out.report_missing_footnotes();
    Ok(Decoded { text: out.text, paras: out.paras, encoding: "UTF-8", diagnostics: out.diagnostics })
}

/// The index of an entry by its name; as a fallback, ignoring ASCII case and reading backslashes as
/// slashes (some tools write names so).
fn find_entry<R: Read + io::Seek>(archive: &zip::ZipArchive<R>, name: &str) -> Option<usize> {
    let same = |raw: &[u8]| {
        raw.len() == name.len()
            && raw.iter().zip(name.bytes()).all(|(&a, b)| {
                let a = if a == b'\\' { b'/' } else { a };
                a.eq_ignore_ascii_case(&b)
            })
    };
    archive.index_for_name(name).or_else(|| archive.file_names_raw().position(same))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Document,
    Footnotes,
}

/// Bytes inflated so far across the parts, against the limits.
struct Budget {
    read: u64,
    limits: Limits,
}

fn read_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    index: usize,
    name: &str,
    part: Part,
    budget: &mut Budget,
    out: &mut Out,
) -> Result<(), DecodeError> {
    let file = archive.by_index(index).map_err(|e| DecodeError::CorruptDocx(format!("{name}: {e}")))?;
    let limits = budget.limits;
    let max_entry = file.compressed_size().saturating_mul(limits.max_compression_ratio).max(RATIO_FLOOR);
    // The headers can lie, so they only allow an early refusal; the counting reader has the last word.
    if budget.read.saturating_add(file.size()) > limits.max_uncompressed_bytes {
        let already = match budget.read {
            0 => String::new(),
            n => format!(" which with the {n} bytes of the parts read before is"),
        };
        return Err(DecodeError::ZipBomb(format!(
            "{name} declares {} bytes,{already} more than the limit of {} bytes",
            file.size(),
            limits.max_uncompressed_bytes
        )));
    }
    if file.size() > max_entry {
        return Err(DecodeError::ZipBomb(format!(
            "{name} declares {} bytes from {} compressed bytes, a ratio above {}",
            file.size(),
            file.compressed_size(),
            limits.max_compression_ratio
        )));
    }
    let counted = Counted {
        inner: file,
        name,
        read: 0,
        total_before: budget.read,
        max_total: limits.max_uncompressed_bytes,
        max_entry,
        ratio: limits.max_compression_ratio,
        tripped: None,
    };
    let mut reader = Reader::from_reader(BufReader::with_capacity(64 * 1024, counted));
    let result = parse_part(&mut reader, part, out);
    let counted = reader.get_ref().get_ref();
    budget.read += counted.read;
    if let Some(why) = &counted.tripped {
        return Err(DecodeError::ZipBomb(why.clone()));
    }
    result.map_err(|e| DecodeError::CorruptDocx(format!("{name}: {e}")))
}

/// A reader that counts the bytes it passes on and fails once they exceed the limits.
struct Counted<'n, R> {
    inner: R,
    name: &'n str,
    read: u64,
    total_before: u64,
    max_total: u64,
    max_entry: u64,
    ratio: u64,
    tripped: Option<String>,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.tripped.is_some() {
            return Err(io::Error::other("the decompression limit was exceeded"));
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        let total = self.total_before.saturating_add(self.read);
        if total > self.max_total {
            self.tripped = Some(format!("{} expands to more than {} bytes in total", self.name, self.max_total));
        } else if self.read > self.max_entry {
            self.tripped = Some(format!("{} expands to more than {} times its compressed size", self.name, self.ratio));
        }
        match self.tripped {
            Some(_) => Err(io::Error::other("the decompression limit was exceeded")),
            None => Ok(n),
        }
    }
}

/// Why a part could not be parsed; the part name is added by the caller.
enum XmlFailure {
    Xml { error: quick_xml::Error, at: u64 },
    UnexpectedEnd { at: u64 },
    NoElements,
}

impl std::fmt::Display for XmlFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            XmlFailure::Xml { error: quick_xml::Error::Syntax(e), at }
                if *e != quick_xml::errors::SyntaxError::InvalidBangMarkup =>
            {
                write!(f, "unexpected end of XML at byte {at} ({e})")
            }
            XmlFailure::Xml { error: quick_xml::Error::Io(e), at } => {
                write!(f, "the zip entry cannot be read at byte {at}: {e}")
            }
            XmlFailure::Xml { error, at } => write!(f, "invalid XML at byte {at}: {error}"),
            XmlFailure::UnexpectedEnd { at } => {
                write!(f, "unexpected end of XML at byte {at}: elements are left open")
            }
            XmlFailure::NoElements => write!(f, "no XML elements"),
        }
    }
}

/// The text being built, shared by the document and the footnotes.
#[derive(Default)]
struct Out {
    text: String,
    paras: Vec<Para>,
    diagnostics: Vec<Diagnostic>,
    /// The next automatic footnote number.
    next_auto: u32,
    /// The mark each referenced footnote shows: its automatic number or its custom mark.
    marks: HashMap<i64, String>,
    /// Footnote references in the body: id and offset, to report those without a footnote.
    references: Vec<(i64, usize)>,
    /// Ids of the footnotes found in footnotes.xml.
    footnotes_found: HashSet<i64>,
    /// A reference with a custom mark whose mark is still being written: id and where the mark starts.
    pending_custom: Option<(i64, usize)>,
    /// Fonts already reported for `w:sym` glyphs kept as they are.
    fonts_reported: Vec<String>,
    reported_changes: bool,
    reported_bad_ref: bool,
}

impl Out {
    /// Separator before a new paragraph: paragraphs are joined by '\n'.
    fn begin_para(&mut self) -> usize {
        if !self.paras.is_empty() {
            self.text.push('\n');
        }
        self.text.len()
    }

    /// Text of a `w:t`: line ends inside it show as spaces in Word, and '\n' is kept for breaks.
    fn push_text(&mut self, s: &str) {
        if memchr::memchr2(b'\r', b'\n', s.as_bytes()).is_none() {
            self.text.push_str(s);
            return;
        }
        let mut after_cr = false;
        for c in s.chars() {
            match c {
                '\r' => self.text.push(' '),
                '\n' if after_cr => {}
                '\n' => self.text.push(' '),
                c => self.text.push(c),
            }
            after_cr = c == '\r';
        }
    }

    fn push_ref(&mut self, r: &BytesRef<'_>) {
        let resolved = match &**r {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => r.resolve_char_ref().ok().flatten(),
        };
        match resolved {
            Some('\r' | '\n') => self.text.push(' '),
            Some(c) => self.text.push(c),
            None => {
                let at = self.text.len();
                self.text.push_str(if r.is_char_ref() { "\u{FFFD}" } else { "&" });
                if !r.is_char_ref() {
                    self.text.push_str(r);
                    self.text.push(';');
                }
                if !self.reported_bad_ref {
                    self.reported_bad_ref = true;
                    self.diagnostics.push(Diagnostic::warning(
                        at,
                        self.text.len(),
                        format!("the Word document has an unknown or invalid reference &{};", &**r),
                    ));
                }
            }
        }
    }

    fn footnote_reference(&mut self, e: &BytesStart<'_>) {
        self.finish_custom_mark();
        let mut id = None;
        let mut custom = false;
        for attr in e.attributes().flatten() {
            match attr.key.local_name().as_ref().as_bytes() {
                b"id" => id = attr.value.trim().parse::<i64>().ok(),
                b"customMarkFollows" => custom = on_off(&attr.value),
                _ => {}
            }
        }
        let Some(id) = id else {
            let at = self.text.len();
            self.diagnostics.push(Diagnostic::warning(at, at, "a footnote reference without a valid id was skipped"));
            return;
        };
        let at = self.text.len();
        let _ = write!(self.text, "[footnoteRef:{id}]");
        self.references.push((id, at));
        if custom {
            self.pending_custom = Some((id, self.text.len()));
        } else {
            self.next_auto = self.next_auto.saturating_add(1);
            let mark = self.next_auto.to_string();
            self.text.push_str(&mark);
            self.marks.entry(id).or_insert(mark);
        }
    }

    /// The custom mark of a reference is the text that follows it in its run.
    fn finish_custom_mark(&mut self) {
        if let Some((id, start)) = self.pending_custom.take() {
            let mark = self.text.get(start..).unwrap_or_default().to_owned();
            self.marks.entry(id).or_insert(mark);
        }
    }

    fn symbol(&mut self, e: &BytesStart<'_>) {
        let mut font = None;
        let mut code = None;
        for attr in e.attributes().flatten() {
            match attr.key.local_name().as_ref().as_bytes() {
                b"font" => font = Some(attr.value),
                b"char" => code = u32::from_str_radix(attr.value.trim(), 16).ok(),
                _ => {}
            }
        }
        let font = font.as_deref().unwrap_or("");
        let at = self.text.len();
        let mapped = if font.eq_ignore_ascii_case("Symbol") { code.and_then(symbol::to_unicode) } else { None };
        if let Some(c) = mapped {
            self.text.push(c);
            return;
        }
        if let Some(c) = code.and_then(char::from_u32) {
            self.text.push(c);
        }
        if self.fonts_reported.len() < MAX_FONTS_REPORTED && !self.fonts_reported.iter().any(|f| f == font) {
            self.fonts_reported.push(font.to_owned());
            let message = if font.is_empty() {
                "a w:sym glyph without a font was kept as its code point".to_owned()
            } else {
                format!("w:sym glyphs of the font \"{font}\" were kept as their code points")
            };
            self.diagnostics.push(Diagnostic::info(at, self.text.len(), message));
        }
    }

    fn report_tracked_change(&mut self) {
        if !self.reported_changes {
            self.reported_changes = true;
            let at = self.text.len();
            self.diagnostics.push(Diagnostic::info(
                at,
                at,
                "the Word document has tracked changes; it was read with all changes accepted",
            ));
        }
    }

    fn report_missing_footnotes(&mut self) {
        for &(id, at) in &self.references {
            if !self.footnotes_found.contains(&id) {
                self.diagnostics.push(Diagnostic::warning(
                    at,
                    at,
                    format!("footnote {id} is referenced but word/footnotes.xml has no such footnote"),
                ));
            }
        }
    }
}

fn on_off(value: &str) -> bool {
    matches!(value.trim(), "1" | "true" | "on")
}

/// The value of the attribute with this local name.
fn attr_value<'a>(e: &'a BytesStart<'_>, local: &[u8]) -> Option<std::borrow::Cow<'a, str>> {
    e.attributes().flatten().find(|a| a.key.local_name().as_ref().as_bytes() == local).map(|a| {
        match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
            Ok(v) => std::borrow::Cow::Owned(v.into_owned()),
            Err(_) => a.value,
        }
    })
}

/// What to do with the content of an element.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flow {
    Read,
    Skip,
    /// Skip a `w:pPr` but its `w:pStyle`.
    SkipPpr,
}

struct Table {
    index: u32,
    rows: u32,
    cols: u32,
    in_cell: bool,
}

struct OpenPara {
    start: usize,
    style: Option<String>,
    cell: Option<CellPos>,
}

struct OpenFootnote {
    id: i64,
    start: usize,
    paras: u32,
    style: Option<String>,
}

/// Where the parser is in the XML tree.
struct State {
    part: Part,
    /// Open elements.
    depth: u32,
    /// Skipping the subtree of the element opened at this depth.
    skip: Option<u32>,
    /// The skipped subtree is a `w:pPr`, whose `w:pStyle` child is still read.
    skip_is_ppr: bool,
    in_t: bool,
    /// Open `w:p` elements (more than one only in malformed or text-box content).
    para_depth: u32,
    para: Option<OpenPara>,
    footnote: Option<OpenFootnote>,
    tables: Vec<Table>,
    tables_seen: u32,
    /// Open `mc:AlternateContent` elements: whether one of their branches was read.
    alternates: Vec<bool>,
    seen_root: bool,
}

impl State {
    fn new(part: Part) -> Self {
        Self {
            part,
            depth: 0,
            skip: None,
            skip_is_ppr: false,
            in_t: false,
            para_depth: 0,
            para: None,
            footnote: None,
            tables: Vec::new(),
            tables_seen: 0,
            alternates: Vec::new(),
            seen_root: false,
        }
    }

    /// Whether run content goes to the text: inside a paragraph (of a footnote, in footnotes.xml).
    fn emitting(&self) -> bool {
        self.para_depth > 0 && (self.part == Part::Document || self.footnote.is_some())
    }

    fn cell(&self) -> Option<CellPos> {
        let t = self.tables.last()?;
        t.in_cell.then(|| CellPos { table: t.index, row: t.rows.saturating_sub(1), col: t.cols.saturating_sub(1) })
    }

    /// An element opens (`empty` for `<x/>`); the answer says whether to read or skip its subtree.
    fn open(&mut self, e: &BytesStart<'_>, empty: bool, out: &mut Out) -> Flow {
        self.seen_root = true;
        let name = e.local_name();
        let name = name.as_ref().as_bytes();
        match name {
            b"t" => self.in_t = !empty,
            b"r" => {}
            b"p" => {
                self.open_para(out);
                if empty {
                    self.close_para(out);
                }
            }
            b"pPr" => return Flow::SkipPpr,
            b"tab" | b"ptab" if self.emitting() => out.text.push('\t'),
            b"br" | b"cr" if self.emitting() => out.text.push('\n'),
            b"noBreakHyphen" if self.emitting() => out.text.push('\u{2011}'),
            b"softHyphen" if self.emitting() => out.text.push('\u{00AD}'),
            b"sym" if self.emitting() => out.symbol(e),
            b"footnoteReference" if self.emitting() => out.footnote_reference(e),
            b"footnoteRef" if self.emitting() => {
                if let Some(mark) = self.footnote.as_ref().and_then(|f| out.marks.get(&f.id)) {
                    out.text.push_str(mark);
                }
            }
            b"tbl" => {
                let index = self.tables_seen;
                self.tables_seen = self.tables_seen.saturating_add(1);
                if !empty {
                    self.tables.push(Table { index, rows: 0, cols: 0, in_cell: false });
                }
            }
            b"tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows = t.rows.saturating_add(1);
                    t.cols = 0;
                }
            }
            b"tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cols = t.cols.saturating_add(1);
                    t.in_cell = !empty;
                }
            }
            b"ins" | b"moveTo" => out.report_tracked_change(),
            b"del" | b"moveFrom" => {
                out.report_tracked_change();
                return Flow::Skip;
            }
            b"AlternateContent" if !empty => self.alternates.push(false),
            b"Choice" | b"Fallback" => match self.alternates.last_mut() {
                Some(taken) if *taken => return Flow::Skip,
                Some(taken) => *taken = true,
                None => {}
            },
            b"footnote" if self.part == Part::Footnotes => {
                return self.open_footnote(e, empty, out);
            }
            b"delText" | b"delInstrText" | b"instrText" | b"drawing" | b"pict" | b"object" | b"sdtPr" | b"sdtEndPr"
            | b"rPr" | b"tblPr" | b"trPr" | b"tcPr" | b"tblGrid" | b"tblPrEx" | b"sectPr" | b"rt" | b"ffData"
            | b"fldData" | b"rPrChange" | b"pPrChange" | b"footnotePr" | b"endnotePr" => return Flow::Skip,
            _ => {}
        }
        Flow::Read
    }

    fn close(&mut self, name: &[u8], out: &mut Out) {
        match name {
            b"t" => self.in_t = false,
            b"r" => out.finish_custom_mark(),
            b"p" => self.close_para(out),
            b"tbl" => {
                self.tables.pop();
            }
            b"tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.in_cell = false;
                }
            }
            b"AlternateContent" => {
                self.alternates.pop();
            }
            b"footnote" if self.part == Part::Footnotes => self.close_footnote(out),
            _ => {}
        }
    }

    fn open_para(&mut self, out: &mut Out) {
        self.para_depth = self.para_depth.saturating_add(1);
        if self.para_depth > 1 {
            return;
        }
        match self.part {
            Part::Document => {
                let start = out.begin_para();
                self.para = Some(OpenPara { start, style: None, cell: self.cell() });
            }
            Part::Footnotes => {
                if let Some(f) = &mut self.footnote {
                    if f.paras > 0 {
                        out.text.push(' ');
                    }
                    f.paras = f.paras.saturating_add(1);
                }
            }
        }
    }

    fn close_para(&mut self, out: &mut Out) {
        self.para_depth = self.para_depth.saturating_sub(1);
        if self.para_depth > 0 {
            return;
        }
        out.finish_custom_mark();
        if let Some(p) = self.para.take() {
            out.paras.push(Para::new(p.start, out.text.len(), p.style, p.cell, ParaKind::Body));
        }
    }

    fn set_style(&mut self, e: &BytesStart<'_>) {
        if self.para_depth != 1 {
            return;
        }
        let slot = match (&mut self.para, &mut self.footnote) {
            (Some(p), _) => &mut p.style,
            (None, Some(f)) if f.paras == 1 => &mut f.style,
            _ => return,
        };
        if slot.is_none() {
            *slot = attr_value(e, b"val").map(|v| v.into_owned());
        }
    }

    /// A `w:footnote` of footnotes.xml: separators and ids below 1 are skipped.
    fn open_footnote(&mut self, e: &BytesStart<'_>, empty: bool, out: &mut Out) -> Flow {
        let mut id = None;
        let mut separator = false;
        for attr in e.attributes().flatten() {
            match attr.key.local_name().as_ref().as_bytes() {
                b"id" => id = attr.value.trim().parse::<i64>().ok(),
                b"type" => separator = !matches!(attr.value.trim(), "" | "normal"),
                _ => {}
            }
        }
        let id = match id {
            Some(id) if id >= 1 && !separator && self.footnote.is_none() => id,
            _ => return Flow::Skip,
        };
        out.footnotes_found.insert(id);
        let start = out.begin_para();
        let _ = write!(out.text, "[{id}: ");
        self.footnote = Some(OpenFootnote { id, start, paras: 0, style: None });
        if empty {
            self.close_footnote(out);
        }
        Flow::Read
    }

    fn close_footnote(&mut self, out: &mut Out) {
        out.finish_custom_mark();
        if let Some(f) = self.footnote.take() {
            out.text.push(']');
            out.paras.push(Para::new(f.start, out.text.len(), f.style, None, ParaKind::Footnote));
        }
    }
}

fn parse_part<R: BufRead>(reader: &mut Reader<R>, part: Part, out: &mut Out) -> Result<(), XmlFailure> {
    let mut st = State::new(part);
    let mut buf = Vec::with_capacity(16 * 1024);
    loop {
        buf.clear();
        let event = match reader.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(error) => {
                let at = match error {
                    quick_xml::Error::Syntax(_) | quick_xml::Error::IllFormed(_) => reader.error_position(),
                    _ => reader.buffer_position(),
                };
                return Err(XmlFailure::Xml { error, at });
            }
        };
        match event {
            Event::Start(e) => {
                let level = st.depth;
                st.depth = st.depth.saturating_add(1);
                match st.skip {
                    Some(skip) => {
                        if st.skip_is_ppr && level == skip.saturating_add(1) && e.local_name().as_ref() == "pStyle" {
                            st.set_style(&e);
                        }
                    }
                    None => match st.open(&e, false, out) {
                        Flow::Read => {}
                        flow => {
                            st.skip = Some(level);
                            st.skip_is_ppr = flow == Flow::SkipPpr;
                        }
                    },
                }
            }
            Event::Empty(e) => match st.skip {
                Some(skip) => {
                    if st.skip_is_ppr && st.depth == skip.saturating_add(1) && e.local_name().as_ref() == "pStyle" {
                        st.set_style(&e);
                    }
                }
                None => {
                    st.open(&e, true, out);
                }
            },
            Event::End(e) => {
                st.depth = st.depth.saturating_sub(1);
                match st.skip {
                    Some(skip) if skip == st.depth => {
                        st.skip = None;
                        st.skip_is_ppr = false;
                    }
                    Some(_) => {}
                    None => st.close(e.local_name().as_ref().as_bytes(), out),
                }
            }
            Event::Text(t) if st.in_t && st.skip.is_none() && st.emitting() => out.push_text(&t),
            Event::CData(t) if st.in_t && st.skip.is_none() && st.emitting() => out.push_text(&t),
            Event::GeneralRef(r) if st.in_t && st.skip.is_none() && st.emitting() => out.push_ref(&r),
            Event::Eof => break,
            _ => {}
        }
    }
    if st.depth > 0 {
        return Err(XmlFailure::UnexpectedEnd { at: reader.buffer_position() });
    }
    if !st.seen_root {
        return Err(XmlFailure::NoElements);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(data: Vec<u8>, total_before: u64, max_total: u64, max_entry: u64) -> Counted<'static, Cursor<Vec<u8>>> {
        Counted {
            inner: Cursor::new(data),
            name: "word/document.xml",
            read: 0,
            total_before,
            max_total,
            max_entry,
            ratio: 200,
            tripped: None,
        }
    }

    #[test]
    fn counting_reader_passes_what_fits() {
        let mut r = counted(vec![7; 1000], 0, 1000, 1000);
        let mut out = Vec::new();
        r.read_to_end(&mut out).unwrap();
        assert_eq!(out.len(), 1000);
        assert_eq!(r.read, 1000);
        assert!(r.tripped.is_none());
    }

    #[test]
    fn counting_reader_stops_at_the_total() {
        // 600 bytes were read from an earlier part; 500 more exceed 1000.
        let mut r = counted(vec![0; 500], 600, 1000, u64::MAX);
        let mut out = Vec::new();
        assert!(r.read_to_end(&mut out).is_err());
        assert!(r.tripped.as_deref().unwrap().contains("in total"));
        // And it stays stopped.
        assert!(r.read(&mut [0; 10]).is_err());
    }

    #[test]
    fn counting_reader_stops_at_the_ratio() {
        let mut r = counted(vec![0; 5000], 0, u64::MAX, 4096);
        let mut out = Vec::new();
        assert!(r.read_to_end(&mut out).is_err());
        assert!(out.len() <= 4096, "{}", out.len());
        assert!(r.tripped.as_deref().unwrap().contains("200 times"));
    }
}
