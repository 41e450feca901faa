//! The generated corpora parse as the generator wrote them: no warnings, the instruments it wrote, in order.

use mandates_core::model::{Document, Item, Severity};

use super::*;

fn labels(items: &[Item]) -> String {
    items
        .iter()
        .map(|i| {
            let l = i.label.as_deref().unwrap_or("·").to_owned();
            if i.items.is_empty() { l } else { format!("{l} ({})", labels(&i.items)) }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What the parser found, in the generator's terms.
fn found(doc: &Document) -> Vec<ExpectedInstrument> {
    doc.instruments
        .iter()
        .map(|i| ExpectedInstrument {
            number: i.number.clone(),
            body: i.body.clone(),
            section: i.section.clone(),
            blocks: i
                .blocks
                .iter()
                .map(|b| ExpectedBlock {
                    verb: b.verb.clone(),
                    addressees: b.addressees.clone(),
                    partners: b.partners.clone(),
                    labels: labels(&b.items),
                })
                .collect(),
            sections: i.sections.len(),
            annexes: i.annexes.len(),
        })
        .collect()
}

fn check(doc: &Document, expected: &[ExpectedInstrument]) {
    let warnings: Vec<String> = doc
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .map(|d| format!("{}: {:?}", d.message, doc.text.get(d.start..d.end.min(d.start + 200))))
        .collect();
    assert!(warnings.is_empty(), "{} warnings, first: {:#?}", warnings.len(), &warnings[..warnings.len().min(5)]);
    let got = found(doc);
    for (k, (g, e)) in got.iter().zip(expected).enumerate() {
        let mut g = g.clone();
        if e.body.is_none() {
            g.body = None;
        }
        assert_eq!(&g, e, "instrument {k}: {}", doc.instruments[k].citation);
    }
    assert_eq!(got.len(), expected.len(), "number of instruments");
    assert_spans(doc);
}

/// Every span lies in the text, on character boundaries.
fn assert_spans(doc: &Document) {
    let t = &doc.text;
    let ok = |s: usize, e: usize| s <= e && e <= t.len() && t.is_char_boundary(s) && t.is_char_boundary(e);
    fn items(t: &dyn Fn(usize, usize) -> bool, xs: &[Item]) {
        for i in xs {
            assert!(t(i.start, i.end), "item {:?}", i.label);
            items(t, &i.items);
        }
    }
    for i in &doc.instruments {
        assert!(ok(i.start, i.end));
        for b in &i.blocks {
            assert!(ok(b.start, b.end));
            items(&ok, &b.items);
        }
    }
    for r in &doc.references {
        assert!(ok(r.start, r.end));
        assert_eq!(r.text, t[r.start..r.end]);
    }
}

fn parse(name: &str, bytes: &[u8]) -> Document {
    mandates_core::parse(name, bytes, &Default::default()).expect("the corpus parses")
}

#[test]
fn text_corpus_parses_as_written() {
    for seed in [1, 2, 3, 42] {
        let corpus = generate_text(seed, 400_000);
        assert!(corpus.text.len() >= 400_000);
        let doc = parse("corpus.txt", corpus.text.as_bytes());
        check(&doc, &corpus.instruments);
        assert_eq!(doc.reference_table.len(), corpus.reference_rows, "reference-table rows");
        assert!(!doc.facts.amounts.is_empty() && !doc.facts.quantities.is_empty());
        assert!(doc.references.len() > corpus.instruments.len());
    }
}

#[test]
fn docx_corpus_parses_as_written() {
    for seed in [1, 5] {
        let corpus = generate_docx(seed, 600_000);
        assert!(corpus.document_xml_bytes >= 600_000);
        let doc = parse("corpus.docx", &corpus.bytes);
        check(&doc, &corpus.instruments);
        assert!(corpus.footnotes > 0);
        assert_eq!(doc.footnotes.len(), corpus.footnotes, "footnotes");
        assert!(doc.text.contains('\u{2011}'), "non-breaking hyphens come through");
    }
}

#[test]
fn corpora_are_deterministic_and_varied() {
    assert_eq!(text_corpus(9, 50_000), text_corpus(9, 50_000));
    assert_ne!(text_corpus(9, 50_000), text_corpus(10, 50_000));
    assert_eq!(docx_corpus(9, 50_000), docx_corpus(9, 50_000));
    let corpus = generate_text(11, 2_000_000);
    let bodies: std::collections::BTreeSet<_> = corpus.instruments.iter().filter_map(|i| i.body.clone()).collect();
    assert_eq!(bodies.len(), 6, "{bodies:?}");
    let items = corpus.text.lines().filter(|l| l.len() > 100 && l.contains('\t')).count();
    assert!(items > 1000);
}

#[test]
fn small_docx_from_lines_is_read() {
    let bytes = docx_from_lines("RESOLUTION 1 (REV. GENEVA, 2022)\nTitle\nresolves\n1\tto act;");
    let doc = parse("x.docx", &bytes);
    assert_eq!(doc.instruments.len(), 1);
    assert_eq!(doc.instruments[0].blocks[0].items[0].label.as_deref(), Some("1"));
}

#[test]
fn resolutions_parse_as_written_with_serial_numbers_too() {
    // 1_000_372 and 36,901: document 370 of `registry_load --resolutions 40000`.
    for (seed, first) in [(4, None), (8, Some(5000)), (12, Some(9_900)), (16, Some(9_950)), (1_000_372, Some(36_901))] {
        let corpus = generate_resolutions(seed, 100, first);
        assert_eq!(corpus.instruments.len(), 100);
        let doc = parse("resolutions.txt", corpus.text.as_bytes());
        check(&doc, &corpus.instruments);
        if let Some(first) = first {
            let last = corpus.instruments[99].number.as_deref().unwrap();
            assert!(last.ends_with(&((first + 99) % 10_000).to_string()), "{last}");
        }
    }
    let bodies: std::collections::BTreeSet<_> =
        generate_resolutions(5, 200, None).instruments.iter().filter_map(|i| i.body.clone()).collect();
    assert_eq!(bodies.len(), 6, "{bodies:?}");
}

/// A UN resolution's serial number of 10,000 or more carries into its session, past the drawn sessions (60 to
/// 79): the parser reads at most four digits after the session, and took "75/36952.\tTitle" for a paragraph of
/// the resolution before (`registry_load --resolutions 40000` stored 36,969 instruments).
#[test]
fn serial_un_numbers_from_ten_thousand_carry_into_the_session() {
    let corpus = generate_resolutions(4, 30, Some(9_985));
    let un: Vec<&str> = corpus
        .instruments
        .iter()
        .filter(|i| i.body.as_deref() == Some("UNGA"))
        .filter_map(|i| i.number.as_deref())
        .collect();
    assert_eq!(un, ["70/9987", "77/9997", "80/0", "80/2", "80/5", "80/8"]);
    let doc = parse("resolutions.txt", corpus.text.as_bytes());
    check(&doc, &corpus.instruments);
}
