//! Invariants every parse must keep, whatever the input: shared by the fuzz targets.

use mandates_core::model::{Document, Item};

/// Parse `bytes` and check the invariants; an `Err` (unreadable input) is fine, a panic is not.
pub fn parse_and_check(name: &str, bytes: &[u8]) {
    if let Ok(doc) = mandates_core::parse(name, bytes, &Default::default()) {
        check(&doc);
    }
}

/// Every span (instruments, blocks, items at any depth, sections, annexes, outline, references, footnotes,
/// facts, reference-table rows, diagnostics) lies within `doc.text` on character boundaries, and a
/// reference's text is the text of its span.
pub fn check(doc: &Document) {
    let t = doc.text.as_str();
    let span = |what: &str, s: usize, e: usize| {
        assert!(s <= e && e <= t.len(), "{what}: span {s}..{e} outside the text of {} bytes", t.len());
        assert!(t.is_char_boundary(s) && t.is_char_boundary(e), "{what}: span {s}..{e} not on char boundaries");
    };
    fn items(span: &dyn Fn(&str, usize, usize), xs: &[Item]) {
        for i in xs {
            span("item", i.start, i.end);
            items(span, &i.items);
        }
    }
    for o in &doc.outline {
        span("outline", o.start, o.end);
    }
    for inst in &doc.instruments {
        span("instrument", inst.start, inst.end);
        for b in &inst.blocks {
            span("block", b.start, b.end);
            items(&span, &b.items);
        }
        for s in &inst.sections {
            span("section", s.start, s.end);
            items(&span, &s.items);
        }
        for a in &inst.annexes {
            span("annex", a.start, a.end);
            items(&span, &a.items);
        }
    }
    for r in &doc.references {
        span("reference", r.start, r.end);
        assert_eq!(r.text, t[r.start..r.end], "reference text differs from its span {}..{}", r.start, r.end);
    }
    for f in &doc.footnotes {
        span("footnote", f.start, f.end);
        if let Some(at) = f.reference_start {
            span("footnote reference", at, at);
        }
    }
    for e in &doc.facts.elections {
        span("election", e.start, e.end);
    }
    for a in &doc.facts.amounts {
        span("amount", a.start, a.end);
    }
    for q in &doc.facts.quantities {
        span("quantity", q.start, q.end);
        assert!(q.denominator != 0, "quantity {} has denominator 0", q.text);
    }
    for e in &doc.facts.events {
        span("event", e.start, e.end);
    }
    for r in &doc.reference_table {
        span("reference-table row", r.start, r.end);
    }
    for d in &doc.diagnostics {
        span("diagnostic", d.start, d.end);
    }
    assert_eq!(doc.source.text_bytes, t.len());
}
