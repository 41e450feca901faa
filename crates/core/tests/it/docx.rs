//! Tests of the docx stage.
//!
//! Expected values on the sample were read from its `word/document.xml` and `word/footnotes.xml` (unzipped
//! by hand), not copied from the decoder's output. Hostile and edge inputs are built here with the zip writer.

use std::io::{Cursor, Write};

use mandates_core::clean::clean;
use mandates_core::decode::docx::decode_docx;
use mandates_core::decode::{CellPos, DecodeError, Decoded, Limits, ParaKind};
use mandates_core::model::Severity;

use crate::sample;

const SAMPLE: &str = "wtsa-res-001-rev-hammamet-2016.docx";

fn decode_sample() -> Decoded {
    decode_docx(&sample(SAMPLE), &Limits::default()).expect("the sample decodes")
}

fn para_text(d: &Decoded, i: usize) -> &str {
    &d.text[d.paras[i].start..d.paras[i].end]
}

/// Index of the only paragraph whose text starts with `prefix`.
fn find_para(d: &Decoded, prefix: &str) -> usize {
    let found: Vec<usize> = (0..d.paras.len()).filter(|&i| para_text(d, i).starts_with(prefix)).collect();
    assert_eq!(found.len(), 1, "paragraphs starting with {prefix:?}: {found:?}");
    found[0]
}

/// A zip with these entries, deflated.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(*name, options).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

/// A document.xml with this body.
fn document_xml(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}</w:body></w:document>"#
    )
}

/// A footnotes.xml with Word's two separators and these footnotes.
fn footnotes_xml(footnotes: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>{footnotes}</w:footnotes>"#
    )
}

fn decode_body(body: &str) -> Decoded {
    let bytes = zip_of(&[("word/document.xml", document_xml(body).as_bytes())]);
    decode_docx(&bytes, &Limits::default()).expect("the document decodes")
}

fn texts(d: &Decoded) -> Vec<&str> {
    (0..d.paras.len()).map(|i| para_text(d, i)).collect()
}

/// Paragraphs are `text[start..end]` in order, on char boundaries, joined by exactly one '\n'.
fn check_paras(d: &Decoded) {
    let mut expected_start = 0;
    for (i, p) in d.paras.iter().enumerate() {
        assert_eq!(p.start, expected_start, "paragraph {i} starts right after the previous one");
        assert!(p.start <= p.end && p.end <= d.text.as_str().len(), "paragraph {i}: {p:?}");
        assert!(d.text.is_char_boundary(p.start) && d.text.is_char_boundary(p.end), "paragraph {i}");
        if i + 1 < d.paras.len() {
            assert_eq!(d.text.as_bytes()[p.end], b'\n', "paragraph {i} ends at a separator");
        } else {
            assert_eq!(p.end, d.text.as_str().len(), "the last paragraph ends the text");
        }
        expected_start = p.end + 1;
    }
}

// ---------------------------------------------------------------- the sample document

#[test]
fn sample_paragraphs_cover_the_text_on_char_boundaries() {
    let d = decode_sample();
    assert_eq!(d.encoding, "UTF-8");
    check_paras(&d);
    // 473 w:p in the body (none inside drawings), then the 6 real footnotes.
    let body = d.paras.iter().filter(|p| p.kind() == ParaKind::Body).count();
    assert_eq!(body, 473);
    assert!(d.diagnostics.iter().all(|x| x.severity != Severity::Warning), "{:?}", d.diagnostics);
}

#[test]
fn sample_resolution_number_has_style_resno() {
    let d = decode_sample();
    let resno: Vec<&str> =
        (0..d.paras.len()).filter(|&i| d.paras[i].style() == Some("ResNo")).map(|i| para_text(&d, i)).collect();
    // The first ResNo paragraph is empty; the XML joins "Rev." and "Hammamet" with a no-break space.
    assert_eq!(resno, ["", "RESOLUTION 1 (Rev.\u{a0}Hammamet, 2016)"]);
    assert_eq!(clean(resno[1]), "RESOLUTION 1 (Rev. Hammamet, 2016)");
    let title = find_para(&d, "Rules of procedure of the ITU");
    assert_eq!(d.paras[title].style(), Some("Restitle"));
    // w:br inside the title: a line break inside one paragraph.
    assert_eq!(para_text(&d, title), "Rules of procedure of the ITU Telecommunication \nStandardization Sector");
}

#[test]
fn sample_considering_b_bis_keeps_the_no_break_hyphen() {
    let d = decode_sample();
    let i = find_para(&d, "b)bis");
    assert_eq!(
        para_text(&d, i),
        "b)bis\tthat the International Telecommunication Regulations (ITR) contain references to \
         relevant ITU\u{2011}T Recommendations;"
    );
    assert_eq!(d.paras[i].style(), None);
    assert_eq!(d.paras[i].cell(), None);
    assert_eq!(d.paras[i].kind(), ParaKind::Body);
}

#[test]
fn sample_clause_1bis_1_1_3_joins_its_runs() {
    let d = decode_sample();
    let i = find_para(&d, "1bis.1.1.3");
    assert_eq!(
        para_text(&d, i),
        "1bis.1.1.3\tTexts (including resolutions, Questions, opinions, Recommendations, supplements, \
         implementation guidelines, technical reports and handbooks) shall be presented showing their \
         number, their title and an indication of the year of their initial approval, and, where \
         appropriate, the year of approval of any revisions."
    );
}

#[test]
fn sample_cover_table_cells() {
    let d = decode_sample();
    let cell = |table, row, col| Some(CellPos { table, row, col });
    let i = find_para(&d, "International Telecommunication Union");
    assert_eq!(d.paras[i].cell(), cell(0, 0, 1));
    let i = find_para(&d, "ITU-T");
    assert_eq!(d.paras[i].cell(), cell(0, 2, 0));
    let i = find_para(&d, "TELECOMMUNICATION\n");
    assert_eq!(para_text(&d, i), "TELECOMMUNICATION\nSTANDARDIZATION  SECTOR\nOF  ITU");
    assert_eq!(d.paras[i].cell(), cell(0, 3, 0));
    let i = find_para(&d, "WORLD TELECOMMUNICATION STANDARDIZATION ASSEMBLY");
    assert_eq!(
        para_text(&d, i),
        "WORLD TELECOMMUNICATION STANDARDIZATION ASSEMBLY \nHammamet, 25 October - 3 November 2016"
    );
    assert_eq!(d.paras[i].cell(), cell(0, 4, 1));
    let i = find_para(&d, "Resolution 1 – Rules of procedure");
    assert_eq!(d.paras[i].cell(), cell(0, 5, 1));
    // The w:tab of the cells' tab stops (w:pPr/w:tabs) are not text.
    assert!(!para_text(&d, i).contains('\t'));
    // One table of 7 rows and 2 cells a row holding 17 paragraphs, which open the document.
    let in_table: Vec<usize> = (0..d.paras.len()).filter(|&i| d.paras[i].cell().is_some()).collect();
    assert_eq!(in_table, (0..17).collect::<Vec<_>>());
    assert_eq!(d.paras[16].cell(), cell(0, 6, 1));
}

#[test]
fn sample_footnote_references_and_marks() {
    let d = decode_sample();
    let i = find_para(&d, "(Hammamet, 2016)");
    assert_eq!(d.paras[i].style(), Some("Resref"));
    // Footnote 1 has a custom mark "1" written after it; footnote 2 is the first automatic footnote (1),
    // followed by a run "bis": the "1bis" footnote of the printed text.
    assert_eq!(para_text(&d, i), "(Hammamet, 2016)[footnoteRef:1]1, [footnoteRef:2]1bis");
    let i = find_para(&d, "4.5\tTSAG shall hold regular scheduled meetings");
    assert!(para_text(&d, i).ends_with("at least once a year[footnoteRef:4]3. "));
}

#[test]
fn sample_footnote_paragraphs() {
    let d = decode_sample();
    let notes: Vec<usize> = (0..d.paras.len()).filter(|&i| d.paras[i].kind() == ParaKind::Footnote).collect();
    assert_eq!(notes.len(), 6, "footnotes 1 to 6; the separators -1 and 0 are skipped");
    // They come after the body.
    assert_eq!(notes, (d.paras.len() - 6..d.paras.len()).collect::<Vec<_>>());
    for (n, &i) in notes.iter().enumerate() {
        assert!(para_text(&d, i).starts_with(&format!("[{}: ", n + 1)));
        assert!(para_text(&d, i).ends_with(']'));
        assert_eq!(d.paras[i].style(), Some("FootnoteText"));
        assert_eq!(d.paras[i].cell(), None);
    }
    assert_eq!(
        para_text(&d, notes[1]),
        "[2: 1bis This Hammamet, 2016 edition was initially published in 2016 and then republished in \
         November 2017 to move the contents of Annex A (ITU-T Documentation) to Section 1bis, as \
         approved during the Assembly.]"
    );
    assert_eq!(
        para_text(&d, notes[2]),
        "[3: 2 \tIn special cases, WTSA may appoint the chairman and request the Radiocommunication \
         Assembly to appoint a vice\u{2011}chairman.]"
    );
    assert!(para_text(&d, notes[0]).starts_with("[1: 1 \tPreviously published (Geneva, 1956 and 1958;"));
    assert!(para_text(&d, notes[0]).ends_with("Florianópolis, 2004; Johannesburg, 2008; Dubai, 2012).]"));
}

#[test]
fn sample_symbol_font_glyphs() {
    let d = decode_sample();
    // w:sym Symbol F0E3
    let i = find_para(&d, "©");
    assert_eq!(para_text(&d, i), "© ITU\u{a0}2017");
    // w:sym Symbol F02D, in the three enumlev3 items
    let minus: Vec<&str> =
        (0..d.paras.len()).filter(|&i| d.paras[i].style() == Some("enumlev3")).map(|i| para_text(&d, i)).collect();
    assert_eq!(
        minus,
        [
            "\u{2212}\tto accept proposals of ITU Member States or the recommendation of TSAG (where they differ);",
            "\u{2212}\tto entrust the study to a single study group; or",
            "\u{2212}\tto adopt an alternative arrangement;",
        ]
    );
    assert!(!d.text.as_str().chars().any(|c| ('\u{F000}'..='\u{F0FF}').contains(&c)));
}

#[test]
fn sample_soft_hyphens_are_kept() {
    let d = decode_sample();
    assert!(d.text.as_str().contains("tele\u{ad}com\u{ad}mu\u{ad}ni\u{ad}ca\u{ad}tions"));
}

#[test]
fn sample_is_read_as_docx_by_content() {
    let (format, d) = mandates_core::decode::decode(&sample(SAMPLE), &Limits::default()).unwrap();
    assert_eq!(format, mandates_core::model::Format::Docx);
    assert_eq!(d.paras.len(), 479);
}

// ---------------------------------------------------------------- run content, hand-built

#[test]
fn entities_and_char_references_are_resolved() {
    let d = decode_body(
        "<w:p><w:r><w:t>CWG-WSIS&amp;SDG ITU&#8217;s &lt;b&gt; &quot;q&quot; &apos;a&apos; \
         ITU&#x2011;T&#160;1</w:t></w:r></w:p>",
    );
    assert_eq!(texts(&d), ["CWG-WSIS&SDG ITU\u{2019}s <b> \"q\" 'a' ITU\u{2011}T\u{a0}1"]);
    assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
}

#[test]
fn unknown_entity_is_kept_with_a_warning() {
    let d = decode_body("<w:p><w:r><w:t>a&nbsp;b</w:t></w:r></w:p>");
    assert_eq!(texts(&d), ["a&nbsp;b"]);
    assert_eq!(d.diagnostics.len(), 1);
    assert_eq!(d.diagnostics[0].severity, Severity::Warning);
}

#[test]
fn breaks_tabs_and_hyphens_stay_inside_the_paragraph() {
    let d = decode_body(
        r#"<w:p><w:pPr><w:pStyle w:val="Call"/><w:tabs><w:tab w:val="left" w:pos="794"/></w:tabs></w:pPr><w:r><w:t>one</w:t><w:br/><w:t>two</w:t><w:cr/><w:t>three</w:t><w:br w:type="page"/><w:tab/><w:t>ITU</w:t><w:noBreakHyphen/><w:t>T tele</w:t><w:softHyphen/><w:t>com</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve"> next </w:t></w:r></w:p>"#,
    );
    assert_eq!(texts(&d), ["one\ntwo\nthree\n\tITU\u{2011}T tele\u{ad}com", " next "]);
    assert_eq!(d.text, "one\ntwo\nthree\n\tITU\u{2011}T tele\u{ad}com\n next ");
    assert_eq!(d.paras[0].style(), Some("Call"));
    assert_eq!(d.paras[1].style(), None);
    check_paras(&d);
}

#[test]
fn empty_paragraphs_are_paragraphs() {
    let d = decode_body("<w:p/><w:p></w:p><w:p><w:r><w:t>x</w:t></w:r></w:p><w:p/>");
    assert_eq!(texts(&d), ["", "", "x", ""]);
    assert_eq!(d.text, "\n\nx\n");
    check_paras(&d);
}

#[test]
fn tracked_changes_read_as_accepted() {
    let d = decode_body(
        r#"<w:p><w:r><w:t xml:space="preserve">keep </w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t xml:space="preserve">inserted </w:t></w:r></w:ins><w:del w:id="2" w:author="a"><w:r><w:delText xml:space="preserve">deleted </w:delText></w:r></w:del><w:moveFrom w:id="3"><w:r><w:t xml:space="preserve">moved away </w:t></w:r></w:moveFrom><w:moveTo w:id="4"><w:r><w:t xml:space="preserve">moved here </w:t></w:r></w:moveTo><w:r><w:delText>stray</w:delText><w:t>end</w:t></w:r></w:p>"#,
    );
    assert_eq!(texts(&d), ["keep inserted moved here end"]);
    assert_eq!(d.diagnostics.len(), 1, "{:?}", d.diagnostics);
    assert_eq!(d.diagnostics[0].severity, Severity::Info);
}

#[test]
fn field_codes_are_dropped_and_results_kept() {
    let d = decode_body(
        r#"<w:p><w:r><w:t xml:space="preserve">page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE \* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>/9</w:t></w:r></w:fldSimple><w:hyperlink r:id="rId1" xmlns:r="urn:r"><w:r><w:t xml:space="preserve"> link</w:t></w:r></w:hyperlink></w:p>"#,
    );
    assert_eq!(texts(&d), ["page 7/9 link"]);
}

#[test]
fn drawings_pictures_and_content_control_properties_are_skipped() {
    let d = decode_body(
        r#"<w:p><w:r><w:t>a</w:t></w:r><w:r><w:drawing><wp:inline xmlns:wp="urn:wp"><w:txbxContent><w:p><w:r><w:t>in a text box</w:t></w:r></w:p></w:txbxContent></wp:inline></w:drawing></w:r><w:r><w:pict><w:p><w:r><w:t>vml</w:t></w:r></w:p></w:pict><w:t>b</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:t>c</w:t></mc:Choice><mc:Fallback><w:t>c-again</w:t></mc:Fallback></mc:AlternateContent></w:r><w:sdt><w:sdtPr><w:alias w:val="x"/><w:placeholder><w:docPart w:val="y"/></w:placeholder><w:rPr><w:t>prop</w:t></w:rPr></w:sdtPr><w:sdtContent><w:r><w:t>d</w:t></w:r></w:sdtContent></w:sdt></w:p>"#,
    );
    assert_eq!(texts(&d), ["abcd"]);
}

#[test]
fn fallback_is_read_when_there_is_no_choice() {
    let d = decode_body(
        r#"<w:p><w:r><mc:AlternateContent><mc:Fallback><w:t>only</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
    );
    assert_eq!(texts(&d), ["only"]);
}

#[test]
fn symbol_glyphs_and_other_fonts() {
    let d = decode_body(
        r#"<w:p><w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:sym w:font="Symbol" w:char="F0D7"/><w:sym w:font="Symbol" w:char="0061"/><w:sym w:font="Wingdings" w:char="F0FC"/><w:t>x</w:t><w:sym w:font="Wingdings" w:char="F0FC"/><w:sym w:font="Symbol" w:char="F0F0"/></w:r></w:p>"#,
    );
    // bullet, dot operator, alpha; Wingdings check marks kept as their private-use code points; Symbol
    // 0xF0 has no character and is kept too.
    assert_eq!(texts(&d), ["\u{2022}\u{22C5}\u{3B1}\u{F0FC}x\u{F0FC}\u{F0F0}"]);
    let infos: Vec<&str> = d.diagnostics.iter().map(|x| x.message.as_str()).collect();
    assert_eq!(infos.len(), 2, "once per font: {infos:?}");
    assert!(infos[0].contains("Wingdings"));
    assert!(infos[1].contains("Symbol"));
    assert!(d.diagnostics.iter().all(|x| x.severity == Severity::Info));
}

#[test]
fn nested_tables_are_counted_in_document_order() {
    let cell = |text: &str| format!("<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>");
    let inner = format!("<w:tbl><w:tr>{}{}</w:tr></w:tbl>", cell("i00"), cell("i01"));
    let body = format!(
        "<w:tbl><w:tblPr/><w:tr>{}<w:tc><w:p><w:r><w:t>o01</w:t></w:r></w:p>{inner}<w:p><w:r><w:t>o01b</w:t></w:r></w:p></w:tc></w:tr><w:tr>{}</w:tr></w:tbl><w:p><w:r><w:t>between</w:t></w:r></w:p><w:tbl><w:tr>{}</w:tr></w:tbl>",
        cell("o00"),
        cell("o10"),
        cell("t2")
    );
    let d = decode_body(&body);
    let cell_of = |i: usize| d.paras[i].cell().map(|c| (c.table, c.row, c.col));
    let got: Vec<_> = (0..d.paras.len()).map(|i| (para_text(&d, i), cell_of(i))).collect();
    assert_eq!(
        got,
        [
            ("o00", Some((0, 0, 0))),
            ("o01", Some((0, 0, 1))),
            ("i00", Some((1, 0, 0))),
            ("i01", Some((1, 0, 1))),
            ("o01b", Some((0, 0, 1))),
            ("o10", Some((0, 1, 0))),
            ("between", None),
            ("t2", Some((2, 0, 0))),
        ]
    );
}

#[test]
fn footnotes_are_numbered_in_reference_order_and_appended() {
    let body = r#"<w:p><w:r><w:t>A</w:t></w:r><w:r><w:footnoteReference w:id="3"/></w:r><w:r><w:t xml:space="preserve"> B</w:t></w:r><w:r><w:footnoteReference w:customMarkFollows="1" w:id="4"/><w:t>*</w:t></w:r><w:r><w:footnoteReference w:id="5"/></w:r></w:p><w:p><w:r><w:t>C</w:t><w:footnoteReference w:id="9"/></w:r></w:p>"#;
    let footnotes = footnotes_xml(
        r#"<w:footnote w:id="3"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:footnoteRef/></w:r><w:r><w:tab/><w:t>First.</w:t></w:r></w:p><w:p><w:r><w:t>Second paragraph.</w:t></w:r></w:p></w:footnote><w:footnote w:id="4"><w:p><w:r><w:footnoteRef/><w:t xml:space="preserve"> Custom.</w:t></w:r></w:p></w:footnote><w:footnote w:id="5"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>E&amp;F</w:t></w:r></w:p></w:footnote><w:footnote w:id="6"><w:p><w:r><w:t>Not referenced.</w:t></w:r></w:p></w:footnote>"#,
    );
    let bytes =
        zip_of(&[("word/document.xml", document_xml(body).as_bytes()), ("word/footnotes.xml", footnotes.as_bytes())]);
    let d = decode_docx(&bytes, &Limits::default()).unwrap();
    assert_eq!(
        texts(&d),
        [
            "A[footnoteRef:3]1 B[footnoteRef:4]*[footnoteRef:5]2",
            "C[footnoteRef:9]3",
            "[3: 1\tFirst. Second paragraph.]",
            "[4: * Custom.]",
            "[5: 2E&F]",
            "[6: Not referenced.]",
        ]
    );
    let kinds: Vec<ParaKind> = d.paras.iter().map(|p| p.kind()).collect();
    assert_eq!(kinds[..2], [ParaKind::Body; 2]);
    assert_eq!(kinds[2..], [ParaKind::Footnote; 4]);
    assert_eq!(d.paras[2].style(), Some("FootnoteText"));
    check_paras(&d);
    // Footnote 9 is referenced but missing.
    assert_eq!(d.diagnostics.len(), 1, "{:?}", d.diagnostics);
    assert!(d.diagnostics[0].message.contains("footnote 9"));
    assert_eq!(d.diagnostics[0].severity, Severity::Warning);
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let xml = format!("\u{FEFF}{}", document_xml("<w:p><w:r><w:t>bom</w:t></w:r></w:p>"));
    let bytes = zip_of(&[("word/document.xml", xml.as_bytes())]);
    assert_eq!(texts(&decode_docx(&bytes, &Limits::default()).unwrap()), ["bom"]);
}

#[test]
fn entry_names_are_found_regardless_of_case() {
    let bytes = zip_of(&[("Word/Document.xml", document_xml("<w:p><w:r><w:t>x</w:t></w:r></w:p>").as_bytes())]);
    assert_eq!(texts(&decode_docx(&bytes, &Limits::default()).unwrap()), ["x"]);
}

#[test]
fn text_outside_w_t_and_line_ends_inside_it() {
    let d = decode_body("<w:p>\n  <w:r>\n    <w:t>a\r\nb\nc</w:t>\n  </w:r>\n</w:p>\n<w:p>\n</w:p>");
    assert_eq!(texts(&d), ["a b c", ""]);
}

// ---------------------------------------------------------------- damaged and hostile input

#[test]
fn zip_without_word_document_is_not_docx() {
    let bytes = zip_of(&[("content.xml", b"<a/>"), ("word/styles.xml", b"<w:styles/>")]);
    match decode_docx(&bytes, &Limits::default()) {
        Err(DecodeError::NotDocx(m)) => {
            assert_eq!(m, "no word/document.xml: this zip is not a Word document")
        }
        other => panic!("expected NotDocx, got {other:?}"),
    }
}

#[test]
fn truncated_sample_is_corrupt() {
    let bytes = sample(SAMPLE);
    let half = &bytes[..bytes.len() / 2];
    assert!(matches!(decode_docx(half, &Limits::default()), Err(DecodeError::CorruptDocx(_))));
    // Any prefix: an error, never a panic.
    for len in (0..bytes.len()).step_by(4099) {
        assert!(decode_docx(&bytes[..len], &Limits::default()).is_err(), "prefix of {len} bytes");
    }
}

#[test]
fn damaged_bytes_never_panic() {
    let bytes = sample(SAMPLE);
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..200 {
        let mut damaged = bytes.clone();
        for _ in 0..4 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let at = (seed % damaged.len() as u64) as usize;
            damaged[at] ^= (seed >> 32) as u8 | 1;
        }
        if let Ok(d) = decode_docx(&damaged, &Limits::default()) {
            check_paras(&d);
        }
    }
}

#[test]
fn invalid_xml_is_corrupt_and_says_where() {
    let cases = [
        document_xml("<w:p><w:r><w:t>a</w:t></w:p>"),
        r#"<w:document xmlns:w="urn:w"><w:body><w:p><w:r><w:t>abc"#.to_owned(),
        r#"<w:document xmlns:w="urn:w"><w:body><w:p><w:r><w:t>abc</w:t></w:r></w:p>"#.to_owned(),
        r#"<w:document xmlns:w="urn:w"><w:body><w:p a="1></w:p></w:body></w:document>"#.to_owned(),
    ];
    for xml in &cases {
        let bytes = zip_of(&[("word/document.xml", xml.as_bytes())]);
        match decode_docx(&bytes, &Limits::default()) {
            Err(DecodeError::CorruptDocx(m)) => {
                assert!(m.starts_with("word/document.xml: "), "{m}");
                assert!(m.contains(" at byte "), "{m}");
            }
            other => panic!("expected CorruptDocx for {xml:?}, got {other:?}"),
        }
    }
    let truncated = r#"<w:document xmlns:w="urn:w"><w:body><w:p><w:r><w:t>abc</w:t></w:r>"#;
    let bytes = zip_of(&[("word/document.xml", truncated.as_bytes())]);
    match decode_docx(&bytes, &Limits::default()) {
        Err(DecodeError::CorruptDocx(m)) => {
            assert!(m.contains("unexpected end of XML at byte"), "{m}")
        }
        other => panic!("expected CorruptDocx, got {other:?}"),
    }
}

#[test]
fn empty_or_non_utf8_document_is_corrupt() {
    for xml in [&b""[..], b"   ", b"<w:document><w:t>\xff\xfe</w:t></w:document>"] {
        let bytes = zip_of(&[("word/document.xml", xml)]);
        let got = decode_docx(&bytes, &Limits::default());
        assert!(matches!(got, Err(DecodeError::CorruptDocx(_))), "{xml:?}: {got:?}");
    }
}

#[test]
fn invalid_footnotes_xml_is_corrupt() {
    let bytes = zip_of(&[
        ("word/document.xml", document_xml("<w:p/>").as_bytes()),
        ("word/footnotes.xml", b"<w:footnotes><w:footnote w:id=\"1\"><w:p></w:footnote>"),
    ]);
    match decode_docx(&bytes, &Limits::default()) {
        Err(DecodeError::CorruptDocx(m)) => assert!(m.starts_with("word/footnotes.xml: "), "{m}"),
        other => panic!("expected CorruptDocx, got {other:?}"),
    }
}

#[test]
fn zip_bomb_of_zeros_is_refused() {
    // 300 MB of zeros deflate to about 300 KB, a ratio of about 1000: far above the default limit of 200.
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    w.start_file("word/document.xml", options).unwrap();
    w.write_all(b"<w:document><w:body><w:p><w:r><w:t>").unwrap();
    let zeros = vec![b'0'; 1 << 20];
    for _ in 0..300 {
        w.write_all(&zeros).unwrap();
    }
    w.write_all(b"</w:t></w:r></w:p></w:body></w:document>").unwrap();
    let bytes = w.finish().unwrap().into_inner();
    assert!(bytes.len() < 1 << 20, "{} bytes", bytes.len());
    match decode_docx(&bytes, &Limits::default()) {
        Err(DecodeError::ZipBomb(m)) => assert!(m.contains("word/document.xml"), "{m}"),
        Err(e) => panic!("expected ZipBomb, got {e:?}"),
        Ok(d) => panic!("expected ZipBomb, got {} bytes of text", d.text.as_str().len()),
    }
}

#[test]
fn limits_on_the_sample() {
    let bytes = sample(SAMPLE);
    // document.xml is 285,441 bytes, deflated to 39,466 (ratio 7.2); footnotes.xml is 6,428 bytes.
    let small_total = Limits { max_uncompressed_bytes: 200_000, ..Limits::default() };
    assert!(matches!(decode_docx(&bytes, &small_total), Err(DecodeError::ZipBomb(_))));
    let small_ratio = Limits { max_compression_ratio: 5, ..Limits::default() };
    assert!(matches!(decode_docx(&bytes, &small_ratio), Err(DecodeError::ZipBomb(_))));
    // Enough for document.xml alone but not with footnotes.xml: the total counts both parts.
    let both = Limits { max_uncompressed_bytes: 290_000, ..Limits::default() };
    match decode_docx(&bytes, &both) {
        Err(DecodeError::ZipBomb(m)) => assert!(m.contains("word/footnotes.xml"), "{m}"),
        other => panic!("expected ZipBomb, got {other:?}"),
    }
    let enough = Limits { max_uncompressed_bytes: 291_869, max_compression_ratio: 8, ..Limits::default() };
    assert!(decode_docx(&bytes, &enough).is_ok());
}

#[test]
fn a_lying_size_header_does_not_get_past_the_limits() {
    // A 2 MB entry whose headers claim 1,000 bytes: the reader must stop, whatever it reports.
    let body = format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", "x".repeat(2 << 20));
    let mut bytes = zip_of(&[("word/document.xml", document_xml(&body).as_bytes())]);
    let local = 0; // the only local header starts the file
    assert_eq!(&bytes[local..local + 4], b"PK\x03\x04");
    bytes[local + 22..local + 26].copy_from_slice(&1000u32.to_le_bytes());
    let central = bytes.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
    bytes[central + 24..central + 28].copy_from_slice(&1000u32.to_le_bytes());
    let got = decode_docx(&bytes, &Limits::default());
    assert!(matches!(got, Err(DecodeError::CorruptDocx(_) | DecodeError::ZipBomb(_))), "{got:?}");
}
