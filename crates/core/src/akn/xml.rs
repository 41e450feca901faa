//! A small, safe XML tree for the Akoma Ntoso reader, built with quick-xml.
//!
//! Safe for hostile input: a DTD (`<!DOCTYPE ...>`) is refused outright, so no entity is ever declared or
//! expanded (no "billion laughs"); only the five predefined entities and character references are resolved;
//! nesting is capped; the input must be UTF-8. quick-xml >= 0.38 reports `&amp;` and `&#8217;` as separate
//! `GeneralRef` events between the text events: they are resolved and joined here, so no character is lost.

use quick_xml::XmlVersion;
use quick_xml::events::{BytesRef, Event};

use super::ReadError;

/// Deepest element nesting accepted (our exporter writes about 15 levels).
const MAX_DEPTH: usize = 256;

/// An element: its local name (without prefix), attributes (local names, values unescaped) and children.
#[derive(Debug, Default)]
pub struct Element {
    pub name: String,
    /// The prefix of the element's name, if any (`akn` in `akn:akomaNtoso`).
    pub prefix: Option<String>,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug)]
pub enum Node {
    Element(Element),
    /// Text with references resolved; adjacent text, references and CDATA are one node.
    Text(String),
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element called `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// All the text inside, markup ignored.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.text_into(&mut out);
        out
    }

    fn text_into(&self, out: &mut String) {
        for n in &self.children {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => e.text_into(out),
            }
        }
    }
}

/// Where an input is XML rather than text: after an optional UTF-8 byte-order mark and white space, an XML
/// declaration (`<?xml`), a DOCTYPE or a comment; or a start tag (`<name` then a space, `>` or `/`) in an input
/// that also ends with `>`. The last rule keeps text that happens to begin with `<` a text.
pub fn looks_like_xml(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    let b = &b[start..];
    if b.starts_with(b"<?xml") || b.starts_with(b"<!DOCTYPE") || b.starts_with(b"<!--") {
        return true;
    }
    let Some(rest) = b.strip_prefix(b"<") else { return false };
    let name = rest.iter().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b':' | b'-' | b'.')).count();
    let starts_a_tag = name > 0
        && (rest[0].is_ascii_alphabetic() || matches!(rest[0], b'_' | b':'))
        && rest.get(name).is_some_and(|c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/'));
    starts_a_tag && b.trim_ascii_end().ends_with(b">")
}

fn malformed(position: u64, message: impl Into<String>) -> ReadError {
    ReadError::Malformed { position, message: message.into() }
}

/// The root element of `bytes`, or why it is not well-formed XML we accept.
pub fn parse(bytes: &[u8]) -> Result<Element, ReadError> {
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let text = std::str::from_utf8(&bytes[bom..])
        .map_err(|e| malformed((bom + e.valid_up_to()) as u64, "the bytes are not UTF-8 (only UTF-8 XML is read)"))?;
    // Control characters and U+FFFE/U+FFFF are not XML: refuse them, as the export never writes them.
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| !xml_char(c)) {
        return Err(malformed((bom + at) as u64, format!("the character U+{:04X} is not allowed in XML", c as u32)));
    }
    let mut reader = quick_xml::Reader::from_str(text);
    // Well-formedness: end tags must match, as they do by default.
    reader.config_mut().check_end_names = true;
    let at = |reader: &quick_xml::Reader<&[u8]>| bom as u64 + reader.buffer_position();

    // The open elements; the root when the stack empties.
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let before = at(&reader);
        let event = reader.read_event().map_err(|e| malformed(bom as u64 + reader.error_position(), e.to_string()))?;
        match event {
            Event::DocType(_) => return Err(ReadError::Dtd { position: before }),
            Event::Decl(d) => {
                if let Some(enc) = d.encoding() {
                    let enc = enc.map_err(|e| malformed(before, e.to_string()))?;
                    if !enc.eq_ignore_ascii_case("utf-8") {
                        return Err(malformed(
                            before,
                            format!("the XML declares the encoding {enc}; only UTF-8 is read"),
                        ));
                    }
                }
            }
            Event::Start(e) | Event::Empty(e) if root.is_some() && stack.is_empty() => {
                let _ = e;
                return Err(malformed(before, "a second root element after the first one ended"));
            }
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(malformed(before, format!("elements nest deeper than {MAX_DEPTH} levels")));
                }
                stack.push(element(&e, before)?);
            }
            Event::Empty(e) => {
                let el = element(&e, before)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(el)),
                    None => root = Some(el),
                }
            }
            Event::End(_) => {
                // quick-xml has checked that the name matches the open element.
                let Some(el) = stack.pop() else {
                    return Err(malformed(before, "an end tag with no element open"));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(el)),
                    None => root = Some(el),
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content(), before)?,
            Event::CData(t) => push_text(&mut stack, &t.xml10_content(), before)?,
            Event::GeneralRef(r) => {
                let c = resolve(&r).ok_or_else(|| {
                    malformed(before, format!("the entity &{}; is not defined (only &amp; &lt; &gt; &quot; &apos; and character references are)", &*r))
                })?;
                let mut buf = [0u8; 4];
                push_text(&mut stack, c.encode_utf8(&mut buf), before)?;
            }
            Event::Comment(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(open) = stack.last() {
        return Err(malformed(at(&reader), format!("the XML ends inside the element <{}>", open.name)));
    }
    root.ok_or_else(|| malformed(at(&reader), "there is no root element"))
}

/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and character references; None for anything else (an
/// undeclared entity, or a reference to a character XML does not allow).
fn resolve(r: &BytesRef<'_>) -> Option<char> {
    match &**r {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => r.resolve_char_ref().ok().flatten().filter(|&c| xml_char(c)),
    }
}

/// Characters XML 1.0 allows.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn push_text(stack: &mut [Element], s: &str, position: u64) -> Result<(), ReadError> {
    let Some(parent) = stack.last_mut() else {
        // Outside the root only white space may stand.
        if s.trim().is_empty() {
            return Ok(());
        }
        return Err(malformed(position, "text outside the root element"));
    };
    match parent.children.last_mut() {
        Some(Node::Text(t)) => t.push_str(s),
        _ => parent.children.push(Node::Text(s.to_owned())),
    }
    Ok(())
}

fn element(e: &quick_xml::events::BytesStart<'_>, position: u64) -> Result<Element, ReadError> {
    let qname = e.name();
    let full: &str = qname.as_ref();
    let (prefix, name) = match full.split_once(':') {
        Some((p, n)) => (Some(p.to_owned()), n.to_owned()),
        None => (None, full.to_owned()),
    };
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| malformed(position, format!("in the attributes of <{full}>: {err}")))?;
        let key: &str = a.key.as_ref();
        let value = a
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|err| malformed(position, format!("in the attribute {key} of <{full}>: {err}")))?;
        attrs.push((key.to_owned(), value.into_owned()));
    }
    Ok(Element { name, prefix, attrs, children: Vec::new() })
}
