//! Properties that hold for any input: no panic; every span lies inside the text, on char boundaries.

use mandates_core::model::{Document, Item};
use proptest::prelude::*;

fn check_span(text: &str, start: usize, end: usize, what: &str) {
    assert!(start <= end && end <= text.len(), "{what}: {start}..{end} outside 0..{}", text.len());
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: {start}..{end} not on char boundaries"
    );
}

fn check_items(text: &str, items: &[Item]) {
    for i in items {
        check_span(text, i.start, i.end, "item");
        check_items(text, &i.items);
    }
}

/// Every span of the model, checked against its text.
pub fn check_document(doc: &Document) {
    let t = &doc.text;
    assert_eq!(doc.source.text_bytes, t.len());
    for o in &doc.outline {
        check_span(t, o.start, o.end, "outline");
    }
    for inst in &doc.instruments {
        check_span(t, inst.start, inst.end, "instrument");
        for b in &inst.blocks {
            check_span(t, b.start, b.end, "block");
            check_items(t, &b.items);
        }
        for s in &inst.sections {
            check_span(t, s.start, s.end, "section");
            check_items(t, &s.items);
        }
        for a in &inst.annexes {
            check_span(t, a.start, a.end, "annex");
            check_items(t, &a.items);
        }
    }
    for r in &doc.references {
        check_span(t, r.start, r.end, "reference");
        assert_eq!(&t[r.start..r.end], r.text, "reference text is the cited passage");
    }
    for f in &doc.footnotes {
        check_span(t, f.start, f.end, "footnote");
    }
    for r in &doc.reference_table {
        check_span(t, r.start, r.end, "reference table row");
    }
    let facts = &doc.facts;
    for e in &facts.elections {
        check_span(t, e.start, e.end, "election");
    }
    for a in &facts.amounts {
        check_span(t, a.start, a.end, "amount");
        assert_eq!(&t[a.start..a.end], a.text);
    }
    for q in &facts.quantities {
        check_span(t, q.start, q.end, "quantity");
        assert!(q.denominator > 0);
    }
    for e in &facts.events {
        check_span(t, e.start, e.end, "event");
    }
    for d in &doc.diagnostics {
        check_span(t, d.start, d.end, "diagnostic");
    }
}

/// Lines in the grammar of resolutions, and the artefacts Word leaves, to reach deep parser states.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("RESOLUTION 130 (REV. BUCHAREST, 2022)".to_string()),
        Just("2.6\tResolution 130 (Rev. Bucharest 2022) “Strengthening”:".to_string()),
        Just("Revised Decision 5 “Revenue”:".to_string()),
        Just("COM5 Recommendation 2:".to_string()),
        Just("70/1.\tTransforming our world".to_string()),
        Just(
            "The Plenipotentiary Conference of the International Telecommunication Union (Bucharest, 2022),"
                .to_string()
        ),
        Just("considering".to_string()),
        Just(
            "instructs the Secretary\u{2011}General, in close consultation with the Directors of the three Bureaux"
                .to_string()
        ),
        Just("further instructs the Director of the Telecommunication Standardization Bureau, that each:".to_string()),
        Just("Recalling its resolution 69/313 of 27 July 2015,".to_string()),
        Just("1\tto report annually to the Council;".to_string()),
        Just("1bis.1.1.3\tTexts".to_string()),
        Just("b)bis\tthat".to_string()),
        Just("ii)\t".to_string()),
        Just("–\tto promote".to_string()),
        Just("NOTE – ".to_string()),
        Just("SECTION 1bis".to_string()),
        Just("Appendix I\n(to Resolution 1 (Rev. Hammamet, 2016))".to_string()),
        Just("[bookmark: _Hlk1]".to_string()),
        Just("CWG[footnoteRef:1]3 and [1: 3 \tSee below.]".to_string()),
        Just("[footnoteRef:".to_string()),
        Just("[12:".to_string()),
        Just(
            "\t11\nITU TELECOM events\n\nAbrogated\n\n\tC-193 (A, SUP)\nC-157 (A, REC#27)\n\n\t-\n\tJinu Um"
                .to_string()
        ),
        Just("(A): \tApproved".to_string()),
        Just("CHF 651.7 million and CHF 318\u{a0}000; 343 11/16 units".to_string()),
        Just(
            "Mr Onoe Seizo (Japan) was elected as TSB Director for the mandate of 1 January 2023 - 31 December 2026."
                .to_string()
        ),
        Just("Resolutions 50 (Rev. Geneva, 2022), 52 (Rev. Hammamet, 2016) and 58".to_string()),
        Just(
            "Nos. 151 to 154 of the Convention, Article 13 of the Constitution, A/RES/73/6, C-188-R1, TD/83"
                .to_string()
        ),
        "\\PC{0,40}",
        "[\\t \\n\u{a0}\u{2011}“”()\\[\\]:;,.0-9a-zA-Z–]{0,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn resolution_like_text_never_breaks_the_model(lines in proptest::collection::vec(fragment(), 0..40)) {
        let text = lines.join("\n");
        let doc = mandates_core::parse("p.txt", text.as_bytes(), &Default::default()).unwrap();
        check_document(&doc);
    }

    #[test]
    fn parse_owned_reads_like_parse(lines in proptest::collection::vec(fragment(), 0..20), bom in any::<bool>(), crlf in any::<bool>()) {
        let mut text = lines.join(if crlf { "\r\n" } else { "\n" });
        if bom {
            text.insert(0, '\u{feff}');
        }
        let by_ref = mandates_core::parse("p.txt", text.as_bytes(), &Default::default());
        let owned = mandates_core::parse_owned("p.txt", text.into_bytes(), &Default::default());
        prop_assert_eq!(by_ref.ok(), owned.ok());
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(doc) = mandates_core::parse("p.bin", &bytes, &Default::default()) {
            check_document(&doc);
        }
    }
}

#[test]
fn parse_owned_reads_every_encoding_and_format_like_parse() {
    let text =
        "2.6\tResolution 130 (Rev. Bucharest 2022) “Title”:\r\ninstructs the Secretary-General\r\n1\tto report;\r\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let cp1252 = encoding_rs::WINDOWS_1252.encode(text).0.into_owned();
    let mut bom_then_invalid = b"\xEF\xBB\xBF".to_vec();
    bom_then_invalid.extend_from_slice(b"RESOLUTION 1 (REV. KIGALI, 2022)\nTitle \xE9t\xE9\n");
    let inputs = [
        bom_then_invalid,
        text.as_bytes().to_vec(),
        utf16,
        cp1252,
        crate::sample("tsag-td-pp22-highlights.txt"),
        crate::sample("wtsa-res-001-rev-hammamet-2016.docx"),
    ];
    for bytes in inputs {
        let by_ref = mandates_core::parse("x", &bytes, &Default::default()).unwrap();
        let owned = mandates_core::parse_owned("x", bytes, &Default::default()).unwrap();
        assert_eq!(by_ref, owned);
        assert_eq!(by_ref.text, owned.text);
        if by_ref.text.as_str().contains('\u{FFFD}') {
            assert!(by_ref.diagnostics.iter().any(|d| d.message.contains("invalid sequences")), "replacement is said");
        }
    }
}

#[test]
fn real_documents_keep_every_span_in_bounds() {
    check_document(&crate::seed());
    let docx = crate::sample("wtsa-res-001-rev-hammamet-2016.docx");
    check_document(&mandates_core::parse("w.docx", &docx, &Default::default()).unwrap());
}

/// Inputs the fuzzers found to break the parser, minimised (`fuzz/README.md`), one file each, named after what
/// they broke: each must parse, or be refused, without a panic and with every span in bounds.
#[test]
fn inputs_the_fuzzers_found_parse_without_panicking() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz-regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        if let Ok(doc) = mandates_core::parse("fuzz.txt", &bytes, &Default::default()) {
            check_document(&doc);
        }
        seen += 1;
    }
    assert!(seen > 0, "no input in {}", dir.display());
}

#[test]
fn structure_skips_paragraphs_that_do_not_fit_the_text() {
    use mandates_core::decode::Para;
    let text = "RESOLUTION 1 (REV. KIGALI, 2022)\nTitle\n";
    let para = Para::line;
    // Out of bounds, reversed, and inside a multi-byte character: none may panic.
    let paras = [para(0, 32), para(33, 38), para(30, 999), para(20, 10)];
    let out = mandates_core::structure::parse_structure(&text.to_owned().into(), &paras);
    assert_eq!(out.instruments.len(), 1);
    assert_eq!(out.instruments[0].title.as_deref(), Some("Title"));
    let text = "é\n";
    let out = mandates_core::structure::parse_structure(&text.to_owned().into(), &[para(1, 2)]);
    assert!(out.instruments.is_empty());
}
