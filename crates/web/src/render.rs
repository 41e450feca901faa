//! An instrument's text as HTML: blocks with their headings and addressees, numbered items as nested lists,
//! citations as links to the cited instrument, and beside each operative item the status of its mandate.
//! Everything from the document is escaped here; templates include the result as it is.

use std::collections::HashMap;
use std::fmt::Write;

use mandates_core::model::{Block, BlockKind, Instrument, Item, Reference};

use crate::api::types::Mandate;

/// HTML-escape `s` into `out`.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// Percent-encode a query value.
pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// The address that finds the instrument a citation points to.
fn reference_href(reference: &Reference) -> Option<String> {
    let target = reference.target.as_ref()?;
    let body = target.body.as_deref()?;
    Some(format!(
        "/instruments/find?kind={}&body={}&number={}",
        url_encode(&target.kind),
        url_encode(body),
        url_encode(&target.number.as_str())
    ))
}

/// The mandates of an instrument by where they come from: block heading and item label.
struct MandatesByPlace<'a> {
    places: HashMap<(Option<String>, Option<String>), Vec<&'a Mandate>>,
}

impl<'a> MandatesByPlace<'a> {
    fn new(mandates: &'a [Mandate]) -> Self {
        let mut places: HashMap<_, Vec<&Mandate>> = HashMap::new();
        for m in mandates.iter().rev() {
            places.entry((m.heading.clone(), m.label.clone())).or_default().push(m);
        }
        MandatesByPlace { places }
    }

    /// The next mandate read from this place (labels can repeat within a block of a summary).
    fn take(&mut self, heading: Option<&str>, label: Option<&str>) -> Option<&'a Mandate> {
        self.places.get_mut(&(heading.map(str::to_owned), label.map(str::to_owned))).and_then(Vec::pop)
    }
}

/// The instrument's text as HTML.
pub fn instrument_html(instrument: &Instrument, references: &[Reference], mandates: &[Mandate]) -> String {
    let mut out = String::with_capacity(8 << 10);
    let mut places = MandatesByPlace::new(mandates);
    if let Some(formula) = &instrument.enacting_formula {
        out.push_str("<p class=\"formula\">");
        escape_into(&mut out, formula);
        out.push_str("</p>\n");
    }
    for block in &instrument.blocks {
        block_html(&mut out, block, references, &mut places);
    }
    out
}

fn block_html(out: &mut String, block: &Block, references: &[Reference], places: &mut MandatesByPlace) {
    let class = match block.kind {
        BlockKind::Preambular => "preambular",
        BlockKind::Operative => "operative",
        BlockKind::Recommendation => "recommendation",
    };
    let _ = write!(out, "<section class=\"block {class}\">");
    if let Some(heading) = &block.heading {
        out.push_str("<h3>");
        escape_into(out, heading);
        out.push_str("</h3>");
    }
    if !block.addressees.is_empty() || !block.partners.is_empty() {
        out.push_str("<p class=\"addressees\">");
        names(out, "Addressed to", "addressee", &block.addressees);
        names(out, "With", "partner", &block.partners);
        out.push_str("</p>");
    }
    if block.items.is_empty() {
        if block.kind != BlockKind::Preambular
            && let Some(m) = places.take(block.heading.as_deref(), None)
        {
            status_badge(out, m);
        }
    } else {
        out.push_str("<ol class=\"items\">");
        for item in &block.items {
            let mandate = if block.kind == BlockKind::Preambular {
                None
            } else {
                places.take(block.heading.as_deref(), item.label.as_deref())
            };
            item_html(out, item, references, mandate);
        }
        out.push_str("</ol>");
    }
    out.push_str("</section>\n");
}

fn names(out: &mut String, lead: &str, class: &str, names: &[String]) {
    if names.is_empty() {
        return;
    }
    let _ = write!(out, "<span class=\"lead\">{lead}:</span> ");
    for name in names {
        let _ = write!(out, "<a class=\"{class}\" href=\"/mandates?addressee={}\">", url_encode(name));
        escape_into(out, name);
        out.push_str("</a> ");
    }
}

fn item_html(out: &mut String, item: &Item, references: &[Reference], mandate: Option<&Mandate>) {
    match mandate {
        Some(m) => {
            let _ = write!(out, "<li id=\"m{}\">", m.id);
        }
        None => out.push_str("<li>"),
    }
    if let Some(label) = &item.label {
        out.push_str("<span class=\"label\">");
        escape_into(out, label);
        out.push_str("</span> ");
    }
    if !item.addressees.is_empty() {
        names(out, "Addressed to", "addressee", &item.addressees);
    }
    linked_text(out, &item.text.as_str(), references.iter().filter(|r| r.start >= item.start && r.end <= item.end));
    if let Some(m) = mandate {
        status_badge(out, m);
    }
    if !item.items.is_empty() {
        out.push_str("<ol class=\"items\">");
        for child in &item.items {
            item_html(out, child, references, None);
        }
        out.push_str("</ol>");
    }
    out.push_str("</li>");
}

/// `text` with each citation found in it (in order) made a link to the cited instrument.
fn linked_text<'r>(out: &mut String, text: &str, references: impl Iterator<Item = &'r Reference>) {
    let mut done = 0;
    for reference in references {
        let Some(href) = reference_href(reference) else { continue };
        // The item's text is cleaned, so the citation is found by its words rather than by offset.
        let Some(at) = text.get(done..).and_then(|rest| rest.find(&*reference.text.as_str())) else { continue };
        let start = done + at;
        let end = start + reference.text.as_str().len();
        escape_into(out, &text[done..start]);
        let _ = write!(out, "<a class=\"ref\" href=\"{}\">", escape(&href));
        escape_into(out, &text[start..end]);
        out.push_str("</a>");
        done = end;
    }
    escape_into(out, &text[done..]);
}

/// The mandate's status, linking to its page.
fn status_badge(out: &mut String, m: &Mandate) {
    let status = serde_json::to_value(m.status).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
    let _ = write!(
        out,
        " <a class=\"status status-{status}\" href=\"/mandates/{}\" title=\"Mandate {}: {}, {}%\">{} · {}%</a>",
        m.id,
        m.id,
        status.replace('_', " "),
        m.progress,
        status.replace('_', " "),
        m.progress
    );
    if m.needs_review {
        out.push_str(" <span class=\"review\">wording changed: review</span>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_documents_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(url_encode("Director TSB"), "Director+TSB");
        assert_eq!(url_encode("a&b=c/d"), "a%26b%3Dc%2Fd");
        assert_eq!(url_encode("é"), "%C3%A9");
    }
}
