//! Instruments, blocks, items and addressees of the real documents and of texts in the style of other bodies.
//! Every expected value here was read off the source document, not copied from the parser's output.

use mandates_core::model::{Block, BlockKind, Document, Instrument, InstrumentKind, InstrumentStatus, Item};

use crate::{sample, seed};

const BR: &str = "Director BR";
const TSB: &str = "Director TSB";
const BDT: &str = "Director BDT";
const SG: &str = "Secretary-General";

fn by_section<'a>(doc: &'a Document, section: &str) -> &'a Instrument {
    let found: Vec<_> =
        doc.instruments.iter().filter(|i| i.section.as_deref() == Some(section) && i.committee.is_none()).collect();
    assert_eq!(found.len(), 1, "one instrument in section {section}");
    found[0]
}

/// Item labels of a block as a compact tree: "1 3 5", "· (i iii) 4 5".
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

/// (verb, addressees, partners, labels) of each block.
fn blocks(inst: &Instrument) -> Vec<(String, Vec<String>, Vec<String>, String)> {
    inst.blocks
        .iter()
        .map(|b: &Block| {
            (b.verb.clone().unwrap_or_default(), b.addressees.clone(), b.partners.clone(), labels(&b.items))
        })
        .collect()
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

#[test]
fn seed_lists_every_quoted_instrument_in_order() {
    let doc = seed();
    let got: Vec<(Option<&str>, Option<&str>, Option<&str>)> =
        doc.instruments.iter().map(|i| (i.section.as_deref(), i.committee.as_deref(), i.number.as_deref())).collect();
    let mut want = vec![(Some("1.4.1"), None, Some("214")), (Some("1.4.2"), None, Some("215"))];
    let sec2 = [
        "25", "64", "101", "102", "123", "130", "139", "140", "154", "167", "175", "176", "177", "182", "188", "191",
        "196", "197", "200", "204", "208", "5",
    ];
    for (i, n) in sec2.iter().enumerate() {
        let section: &'static str = Box::leak(format!("2.{}", i + 1).into_boxed_str());
        want.push((Some(section), None, Some(n)));
        if *n == "167" {
            want.push((Some("2.10"), Some("COM5"), Some("2")));
        }
    }
    want.extend([
        (Some("3.1"), None, Some("214")),
        (Some("3.2"), None, Some("215")),
        (Some("4.1"), Some("COM5"), Some("5")),
        (Some("4.2"), Some("COM6"), Some("27")),
        (Some("4.3"), Some("COM6"), Some("21")),
        (Some("4.4"), Some("COM6"), None),
    ]);
    assert_eq!(got, want);
}

#[test]
fn seed_identities_revisions_titles_and_status() {
    let doc = seed();
    let r130 = by_section(&doc, "2.6");
    assert_eq!(r130.kind, InstrumentKind::Resolution);
    assert_eq!(r130.body.as_deref(), Some("PP"));
    let rev = r130.revision.as_ref().unwrap();
    assert_eq!((rev.revised, rev.place.as_deref(), rev.year), (true, Some("Bucharest"), Some(2022)));
    assert_eq!(
        r130.title.as_deref(),
        Some(
            "Strengthening the role of ITU in building confidence and security in the use of information and communication technologies"
        )
    );
    assert_eq!(r130.status, Some(InstrumentStatus::Revised));

    let d5 = by_section(&doc, "2.22");
    assert_eq!((d5.kind, d5.number.as_deref()), (InstrumentKind::Decision, Some("5")));
    assert_eq!(d5.title.as_deref(), Some("Revenue and expenses for the Union for the period 2024-2027"));
    assert_eq!(d5.status, Some(InstrumentStatus::Revised), "\"Revised Decision 5\"");
    assert_eq!(d5.body.as_deref(), Some("PP"), "taken from the rest of the document");

    let r214 = by_section(&doc, "3.1");
    let rev = r214.revision.as_ref().unwrap();
    assert_eq!((rev.revised, rev.place.as_deref(), rev.year), (false, Some("Bucharest"), Some(2022)));
    assert_eq!(r214.status, Some(InstrumentStatus::New));
    // 1.4.1 has neither revision nor "new" in its own line: its heading 1.4 says "six New Resolutions".
    let r214_summary = by_section(&doc, "1.4.1");
    assert_eq!(r214_summary.status, Some(InstrumentStatus::New));
    assert_eq!(
        r214_summary.title.as_deref(),
        Some("Artificial intelligence technologies and telecommunications information and communication technologies")
    );
    for inst in &doc.instruments {
        assert_eq!(inst.body.as_deref(), Some("PP"), "{}", inst.citation);
        assert!(doc.text[inst.start..inst.end].contains(inst.number.as_deref().unwrap_or("COM")));
    }
}

#[test]
fn seed_resolution_25_three_blocks_with_partners() {
    let doc = seed();
    assert_eq!(
        blocks(by_section(&doc, "2.1")),
        vec![
            ("instructs".into(), s(&[SG]), s(&[BR, TSB, BDT]), "1 3 5".into()),
            ("instructs".into(), s(&[BDT]), s(&[SG, BR, TSB]), "2 4 9 10".into()),
            ("instructs".into(), s(&[BR, TSB]), s(&[]), "1 3".into()),
        ]
    );
}

#[test]
fn seed_resolution_130_gappy_numbers_and_sub_items() {
    let doc = seed();
    let r130 = by_section(&doc, "2.6");
    assert_eq!(
        blocks(r130),
        vec![
            ("resolves".into(), s(&[]), s(&[]), "1 2 3 10 11".into()),
            ("instructs".into(), s(&[SG, BR, TSB, BDT]), s(&[]), "1 7 8".into()),
            ("instructs".into(), s(&[TSB]), s(&[]), "· (i) iii)) 4 5".into()),
            ("further instructs".into(), s(&[TSB, BDT]), s(&[]), "1 2 4 5 8 9 11 12 18".into()),
        ]
    );
    let intensify = &r130.blocks[2].items[0];
    assert_eq!(intensify.text, "to intensify work within existing ITU-T study groups in order to:");
    assert!(intensify.items[0].text.as_str().starts_with("address existing and future threats"));
    assert!(intensify.items[0].text.as_str().ends_with("allowing work to begin before a question is approved;"));
    // "3 that ITU should continue to serve ..." names its own addressee.
    assert_eq!(r130.blocks[0].items[2].addressees, ["ITU"]);
    assert_eq!(
        r130.blocks[3].heading.as_deref(),
        Some(
            "further instructs the Director of the Telecommunication Standardization Bureau and the Director of the Telecommunication Development Bureau, that each within the scope of their responsibilities"
        )
    );
}

#[test]
fn seed_other_blocks() {
    let doc = seed();
    let r64 = by_section(&doc, "2.2");
    assert_eq!(blocks(r64)[0].3, "4 1 2 3", "quoted in the summary's order");
    assert!(r64.blocks[0].items[0].addressees.is_empty(), "item 4 quotes a heading but addresses no one new");
    assert_eq!(
        blocks(by_section(&doc, "2.3")),
        vec![
            ("requests".into(), s(&["ITU-R", "ITU-T", "ITU-D"]), s(&[]), "·".into()),
            ("resolves".into(), s(&[]), s(&[]), "2 4".into()),
            ("instructs".into(), s(&[SG]), s(&[]), "1".into()),
        ]
    );
    let r182 = by_section(&doc, "2.14");
    assert_eq!(labels(&r182.blocks[0].items), "1 2 (–) 3 4");
    assert_eq!(labels(&r182.blocks[1].items), "1 (ii))");
    let r188 = by_section(&doc, "2.15");
    assert_eq!(r188.blocks[1].verb.as_deref(), Some("instructs"), "\"instruct\" as written in the seed");
    assert_eq!(r188.blocks[2].verb.as_deref(), Some("invites"));
    assert!(r188.blocks[2].addressees.is_empty());
    assert_eq!(r188.blocks[2].items[0].addressees, ["RAG", "TSAG", "TDAG"]);

    let r191 = by_section(&doc, "2.16");
    let kinds: Vec<_> = r191.blocks.iter().map(|b| (b.kind, b.verb.as_deref().unwrap(), labels(&b.items))).collect();
    assert_eq!(
        kinds,
        vec![
            (BlockKind::Preambular, "considering", "c) d) e) f) g)".to_string()),
            (BlockKind::Preambular, "bearing in mind", "g)".to_string()),
            (BlockKind::Operative, "resolves", "2".to_string()),
            (BlockKind::Operative, "instructs", "8".to_string()),
            (BlockKind::Operative, "instructs", "3".to_string()),
        ]
    );
    assert_eq!(r191.blocks[4].addressees, [SG, BR, TSB, BDT], "Secretary‑General with U+2011");
    assert_eq!(by_section(&doc, "2.17").blocks[0].items[0].addressees, ["ITU-T"]);
    assert_eq!(
        blocks(by_section(&doc, "2.20"))[0],
        ("instructs".into(), s(&["ITU-T study groups"]), s(&["ITU-D study groups"]), "1 2 3 4 5 6".into())
    );
    assert_eq!(blocks(by_section(&doc, "2.20"))[1].1, s(&[TSB, BDT]));
    assert_eq!(blocks(by_section(&doc, "2.18"))[0].2, s(&[BDT, BR]), "partners in the order written");
    assert_eq!(blocks(by_section(&doc, "3.1"))[0].2, s(&[BR, TSB, BDT]), "\"in consultation with\" without comma");
}

#[test]
fn seed_narrative_excerpts_of_section_1_4() {
    let doc = seed();
    let r214 = by_section(&doc, "1.4.1");
    assert_eq!(
        blocks(r214),
        vec![
            ("noting".into(), s(&[]), s(&[]), "b) c)".into()),
            ("resolves".into(), s(&[]), s(&[]), "· (a) b))".into()),
        ]
    );
    assert_eq!(r214.blocks[0].heading.as_deref(), Some("This new resolution notes"));
    let r215 = by_section(&doc, "1.4.2");
    assert_eq!(
        blocks(r215),
        vec![
            ("recognizing".into(), s(&[]), s(&[]), "·".into()),
            ("instructs".into(), s(&[TSB]), s(&[]), "1 2 3".into()),
        ]
    );
}

#[test]
fn seed_committee_recommendations() {
    let doc = seed();
    let recs: Vec<&Instrument> = doc.instruments.iter().filter(|i| i.committee.is_some()).collect();
    assert_eq!(recs.len(), 5);
    for r in &recs {
        assert_eq!(r.kind, InstrumentKind::Recommendation);
        assert_eq!(r.blocks.len(), 1);
        assert_eq!(r.blocks[0].kind, BlockKind::Recommendation);
    }
    let com5_5 = recs[1];
    assert_eq!(com5_5.blocks[0].items.len(), 2, "two quoted paragraphs");
    assert_eq!(com5_5.blocks[0].items[0].addressees, [SG, BR, TSB, BDT]);
    assert_eq!(com5_5.blocks[0].items[1].addressees, [BR, TSB, BDT], "\"the Director of Bureaux\"");
    assert_eq!(recs[2].blocks[0].items[0].addressees, [SG, BR, TSB, BDT]);
    assert!(recs[3].blocks[0].items[0].addressees.is_empty());
    assert_eq!(recs[4].blocks[0].items[0].addressees, [SG]);
    assert!(recs[4].blocks[0].items[0].text.as_str().contains("to submit to the 2024 session of Council a report"));
}

#[test]
fn seed_outline_and_offsets() {
    let doc = seed();
    let numbers: Vec<&str> = doc.outline.iter().map(|o| o.number.as_str()).collect();
    assert_eq!(
        numbers,
        ["1", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2", "3", "4", "4.1", "4.2", "4.3", "4.4", "5", "5.1", "5.2"]
    );
    assert_eq!(doc.outline[16].title, "Reference table");
    fn check(text: &str, items: &[Item]) {
        for i in items {
            let span = &text[i.start..i.end];
            if let Some(l) = &i.label {
                assert!(span.starts_with(l.as_str()), "{span:?} starts with {l}");
            }
            check(text, &i.items);
        }
    }
    for inst in &doc.instruments {
        for b in &inst.blocks {
            assert!(b.start <= b.end && b.end <= inst.end);
            check(&doc.text, &b.items);
        }
    }
    let item13 = &by_section(&doc, "2.8").blocks[0].items[2];
    assert!(item13.text.as_str().contains("CWG-WSIS&SDG and other Council working groups"), "footnote mark removed");
    assert!(!item13.text.as_str().contains('['), "no Word artefacts in values");
}

#[test]
fn wtsa_resolution_1_from_docx() {
    let doc = mandates_core::parse(
        "wtsa-res-001-rev-hammamet-2016.docx",
        &sample("wtsa-res-001-rev-hammamet-2016.docx"),
        &Default::default(),
    )
    .unwrap();
    assert_eq!(doc.instruments.len(), 1);
    let r1 = &doc.instruments[0];
    assert_eq!(
        (r1.kind, r1.number.as_deref(), r1.body.as_deref()),
        (InstrumentKind::Resolution, Some("1"), Some("WTSA"))
    );
    let rev = r1.revision.as_ref().unwrap();
    assert_eq!((rev.revised, rev.place.as_deref(), rev.year), (true, Some("Hammamet"), Some(2016)));
    assert_eq!(r1.title.as_deref(), Some("Rules of procedure of the ITU Telecommunication Standardization Sector"));
    assert_eq!(
        r1.enacting_formula.as_deref(),
        Some("The World Telecommunication Standardization Assembly (Hammamet, 2016),")
    );
    assert_eq!(
        blocks(r1),
        vec![
            ("considering".into(), s(&[]), s(&[]), "a) b) b)bis c) d) e) f) g) h) i)".into()),
            ("resolves".into(), s(&[]), s(&[]), "·".into()),
        ]
    );
    assert_eq!(
        r1.blocks[0].items[2].text,
        "that the International Telecommunication Regulations (ITR) contain references to relevant ITU-T Recommendations;"
    );
    let sections: Vec<(&str, &str)> =
        r1.sections.iter().map(|s| (s.number.as_str(), s.title.as_deref().unwrap_or(""))).collect();
    assert_eq!(
        sections,
        [
            ("1", "World Telecommunication Standardization Assembly"),
            ("1bis", "Documentation of ITU-T"),
            ("2", "Study groups and their relevant groups"),
            ("3", "Study group management"),
            ("4", "Telecommunication Standardization Advisory Group"),
            ("5", "Duties of the Director"),
            ("6", "Contributions"),
            ("7", "Development and approval of Questions"),
            ("8", "Recommendation development and approval processes"),
            ("9", "Approval of new and revised Recommendations using the traditional approval process"),
        ]
    );
    // Section 1: clauses 1.1 to 1.13, 1.11 with three sub-clauses, 1.5 b) with i) to vii), v) with three dashes.
    let s1 = &r1.sections[0];
    let top: Vec<&str> = s1.items.iter().map(|i| i.label.as_deref().unwrap()).collect();
    assert_eq!(top, ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9", "1.10", "1.11", "1.12", "1.13"]);
    assert_eq!(labels(&s1.items[10].items), "1.11.1 1.11.2 1.11.3");
    assert_eq!(labels(&s1.items[4].items), "a) b) (i) ii) iii) iv) v) (− − −) vi) vii))");
    assert!(
        s1.items[12].text.as_str().starts_with("Voting\nShould there be a need for a vote"),
        "heading clause with its paragraph"
    );
    // In a WTSA text "the Director" is the Director of TSB; "TSAG shall ..." names TSAG.
    let s5 = &r1.sections[5];
    assert_eq!(s5.items[1].label.as_deref(), Some("5.2"));
    assert!(s5.items[1].text.as_str().starts_with("The Director shall take the necessary preparatory measures"));
    assert_eq!(s5.items[1].addressees, [TSB]);
    assert_eq!(r1.sections[4].items[5].label.as_deref(), Some("4.5"), "after 4.3bis");
    assert_eq!(r1.sections[4].items[5].addressees, ["TSAG"], "4.5 TSAG shall hold regular scheduled meetings");
    // Section 1bis: four levels of clauses.
    let s1bis = &r1.sections[1];
    let c = &s1bis.items[0].items[0].items[2];
    assert_eq!(c.label.as_deref(), Some("1bis.1.1.3"));
    assert!(c.text.as_str().starts_with("Texts (including resolutions, Questions, opinions, Recommendations"));
    // A NOTE under 1bis.5.1.
    let note = &s1bis.items[4].items[0].items[0];
    assert_eq!(note.label.as_deref(), Some("NOTE"));
    assert!(note.text.as_str().starts_with("This answer, within the scope of existing knowledge"));
    // Appendices.
    let appendices: Vec<(&str, Option<&str>, Option<&str>)> =
        r1.annexes.iter().map(|a| (a.kind.as_str(), a.number.as_deref(), a.title.as_deref())).collect();
    assert_eq!(
        appendices,
        [
            ("appendix", Some("I"), Some("Information for submission of a Question")),
            ("appendix", Some("II"), Some("Suggested text of the note to be included in the circular")),
        ]
    );
    assert_eq!(r1.annexes[0].items.len(), 7, "seven bullets");
    assert_eq!(labels(&r1.annexes[0].items[6].items), "– – – –");
    // Footnotes: six. Footnote 2 is Word's first auto-numbered one ("1") followed by the text "bis".
    let marks: Vec<&str> = doc.footnotes.iter().map(|f| f.mark.as_str()).collect();
    assert_eq!(marks, ["1", "1bis", "2", "3", "4", "5"]);
    assert!(doc.footnotes[1].text.as_str().starts_with("This Hammamet, 2016 edition was initially published in 2016"));
}

fn parse_text(text: &str) -> Document {
    mandates_core::parse("test.txt", text.as_bytes(), &Default::default()).unwrap()
}

/// A WRC resolution: revision by conference name, Radiocommunication Bureau, "invites the ITU Council".
#[test]
fn wrc_resolution_revised_by_conference_name() {
    let doc = parse_text(
        "RESOLUTION 7 (REV.WRC-19)\n\
         Development of national radio-frequency management\n\
         The World Radiocommunication Conference (Sharm el-Sheikh, 2019),\n\
         considering\n\
         a)\tthat the radio-frequency spectrum is a limited natural resource;\n\
         b)\tthat sound national spectrum management is essential,\n\
         resolves\n\
         1\tthat the Radiocommunication Bureau shall continue to assist administrations;\n\
         2\tto invite administrations to share best practices,\n\
         instructs the Director of the Radiocommunication Bureau\n\
         1\tto report to the next WRC on the implementation of this resolution;\n\
         1bis\tto keep the handbook up to date,\n\
         invites the ITU Council\n\
         to consider the necessary budget.\n",
    );
    let r7 = &doc.instruments[0];
    assert_eq!(r7.body.as_deref(), Some("WRC"));
    let rev = r7.revision.as_ref().unwrap();
    assert_eq!((rev.revised, rev.conference.as_deref(), rev.year), (true, Some("WRC-19"), Some(2019)));
    assert_eq!(r7.title.as_deref(), Some("Development of national radio-frequency management"));
    assert_eq!(
        blocks(r7),
        vec![
            ("considering".into(), s(&[]), s(&[]), "a) b)".into()),
            ("resolves".into(), s(&[]), s(&[]), "1 2".into()),
            ("instructs".into(), s(&[BR]), s(&[]), "1 1bis".into()),
            ("invites".into(), s(&["Council"]), s(&[]), "·".into()),
        ]
    );
}

/// A WTDC resolution with Kigali revision, "further resolves" and items with sub-items; then a second
/// instrument in the same file (as in Final Acts) with an annex.
#[test]
fn final_acts_with_two_instruments_and_an_annex() {
    let doc = parse_text(
        "RESOLUTION 37 (REV. KIGALI, 2022)\n\
         Bridging the digital divide\n\
         The World Telecommunication Development Conference (Kigali, 2022),\n\
         recognizing\n\
         a)\tthat the digital divide persists;\n\
         further resolves\n\
         1\tthat ITU-D shall:\n\
         i)\tcollect data;\n\
         ii)\tpublish it;\n\
         2\tto report to TDAG,\n\
         instructs the Director of the Telecommunication Development Bureau, in close cooperation with the Secretary-General\n\
         \tto implement this resolution.\n\
         RESOLUTION 140 (REV. BUCHAREST, 2022)\n\
         ITU's role in implementing the outcomes of WSIS\n\
         The Plenipotentiary Conference of the International Telecommunication Union (Bucharest, 2022),\n\
         instructs the Council\n\
         1\tto review the annual report;\n\
         ANNEX TO RESOLUTION 140 (REV. BUCHAREST, 2022)\n\
         List of WSIS Action Lines\n\
         –\tC1 The role of governments\n\
         –\tC2 Information and communication infrastructure\n",
    );
    assert_eq!(doc.instruments.len(), 2);
    let r37 = &doc.instruments[0];
    assert_eq!(r37.body.as_deref(), Some("WTDC"));
    assert_eq!(
        blocks(r37),
        vec![
            ("recognizing".into(), s(&[]), s(&[]), "a)".into()),
            ("further resolves".into(), s(&[]), s(&[]), "1 (i) ii)) 2".into()),
            ("instructs".into(), s(&[BDT]), s(&[SG]), "·".into()),
        ]
    );
    assert_eq!(r37.blocks[1].items[0].addressees, ["ITU-D"]);
    let r140 = &doc.instruments[1];
    assert_eq!((r140.number.as_deref(), r140.body.as_deref()), (Some("140"), Some("PP")));
    assert_eq!(blocks(r140), vec![("instructs".into(), s(&["Council"]), s(&[]), "1".into())]);
    assert_eq!(r140.annexes.len(), 1);
    assert_eq!(r140.annexes[0].title.as_deref(), Some("List of WSIS Action Lines"));
    assert_eq!(labels(&r140.annexes[0].items), "– –");
    assert!(r37.end < r140.start, "the first ends before the second begins");
}

/// A Council resolution: "(adopted at ...)" under the heading is not a revision.
#[test]
fn council_resolution() {
    let doc = parse_text(
        "RESOLUTION 1305\n\
         (adopted at the ninth Plenary Meeting)\n\
         Role of the Council Working Group on international Internet-related public policy issues\n\
         The Council,\n\
         noting\n\
         the outcomes of the World Summit on the Information Society,\n\
         resolves\n\
         1\tthat the CWG-Internet shall meet twice a year;\n\
         instructs the Secretary-General\n\
         to report annually to Council;\n\
         invites Member States\n\
         to submit contributions.\n",
    );
    let r = &doc.instruments[0];
    assert_eq!((r.number.as_deref(), r.body.as_deref(), r.revision.as_ref()), (Some("1305"), Some("Council"), None));
    assert_eq!(
        r.title.as_deref(),
        Some("Role of the Council Working Group on international Internet-related public policy issues")
    );
    assert_eq!(
        blocks(r),
        vec![
            ("noting".into(), s(&[]), s(&[]), "·".into()),
            ("resolves".into(), s(&[]), s(&[]), "1".into()),
            ("instructs".into(), s(&[SG]), s(&[]), "·".into()),
            ("invites".into(), s(&["Member States"]), s(&[]), "·".into()),
        ]
    );
}

/// A UN General Assembly resolution: preambular paragraphs each with their own participle, operative
/// paragraphs numbered "1." with a capitalised verb that names the addressee.
#[test]
fn un_general_assembly_resolution() {
    let doc = parse_text(
        "Resolution adopted by the General Assembly on 25 September 2015\n\
         [without reference to a Main Committee (A/70/L.1)]\n\
         70/1.\tTransforming our world: the 2030 Agenda for Sustainable Development\n\
         The General Assembly,\n\
         Recalling its resolution 69/313 of 27 July 2015,\n\
         Bearing in mind the outcome of the United Nations Conference on Sustainable Development,\n\
         Deeply concerned by persistent inequalities,\n\
         1.\tDecides to adopt the outcome document;\n\
         2.\tRequests the Secretary-General to submit a report on the implementation of the present resolution to the General Assembly at its seventy-first session;\n\
         3.\tCalls upon Member States to implement the Agenda.\n",
    );
    assert_eq!(doc.instruments.len(), 1);
    let r = &doc.instruments[0];
    assert_eq!((r.number.as_deref(), r.body.as_deref()), (Some("70/1"), Some("UNGA")));
    assert_eq!(r.title.as_deref(), Some("Transforming our world: the 2030 Agenda for Sustainable Development"));
    assert_eq!(r.enacting_formula.as_deref(), Some("The General Assembly,"));
    let verbs: Vec<(BlockKind, Option<&str>)> = r.blocks.iter().map(|b| (b.kind, b.verb.as_deref())).collect();
    assert_eq!(
        verbs,
        [
            (BlockKind::Preambular, Some("recalling")),
            (BlockKind::Preambular, Some("bearing in mind")),
            (BlockKind::Preambular, Some("deeply concerned")),
            (BlockKind::Operative, None),
        ]
    );
    let ops = &r.blocks[3].items;
    assert_eq!(labels(ops), "1 2 3");
    assert!(ops[0].addressees.is_empty());
    assert_eq!(ops[1].addressees, [SG]);
    assert_eq!(ops[2].addressees, ["Member States"]);
    assert!(ops[1].text.as_str().starts_with("Requests the Secretary-General to submit a report"));
}

/// The same excerpt saved as UTF-16 and as Windows-1252 reads as in UTF-8.
#[test]
fn encodings_give_the_same_structure() {
    let text = "2.6\tResolution 130 (Rev. Bucharest 2022) “Strengthening the role of ITU”:\r\n\
                instructs the Director of the Telecommunication Standardization Bureau\r\n\
                1\tto report to the Council’s next session;\r\n";
    let utf8 = parse_text(text);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    for bytes in [utf16, cp1252.into_owned()] {
        let doc = mandates_core::parse("x.txt", &bytes, &Default::default()).unwrap();
        assert_eq!(doc.instruments[0].title, utf8.instruments[0].title);
        assert_eq!(blocks(&doc.instruments[0]), blocks(&utf8.instruments[0]));
        assert_eq!(doc.instruments[0].blocks[0].items[0].text, "to report to the Council’s next session;");
    }
    assert_eq!(utf8.instruments[0].blocks[0].addressees, [TSB]);
}

/// Every block of sections 2 and 3 of the seed: verb, addressees, partners and item labels, as read in
/// the document (numbers as quoted, with their gaps).
#[test]
fn seed_every_block_of_sections_2_and_3() {
    const ALL3: &[&str] = &[BR, TSB, BDT];
    const SG3: &[&str] = &[SG, BR, TSB, BDT];
    const SECTORS: &[&str] = &["ITU-R", "ITU-T", "ITU-D"];
    type Row = (&'static str, &'static str, &'static [&'static str], &'static [&'static str], &'static str);
    let want: &[Row] = &[
        ("2.1", "instructs", &[SG], ALL3, "1 3 5"),
        ("2.1", "instructs", &[BDT], &[SG, BR, TSB], "2 4 9 10"),
        ("2.1", "instructs", &[BR, TSB], &[], "1 3"),
        ("2.2", "instructs", &[SG], ALL3, "4 1 2 3"),
        ("2.3", "requests", SECTORS, &[], "·"),
        ("2.3", "resolves", &[], &[], "2 4"),
        ("2.3", "instructs", &[SG], &[], "1"),
        ("2.4", "instructs", ALL3, &[], "1"),
        ("2.4", "instructs", &[TSB], &[], "3"),
        ("2.5", "resolves to instruct", SG3, &[], "3 4 12"),
        ("2.6", "resolves", &[], &[], "1 2 3 10 11"),
        ("2.6", "instructs", SG3, &[], "1 7 8"),
        ("2.6", "instructs", &[TSB], &[], "· (i) iii)) 4 5"),
        ("2.6", "further instructs", &[TSB, BDT], &[], "1 2 4 5 8 9 11 12 18"),
        ("2.7", "resolves", &[], &[], "4 8"),
        ("2.7", "instructs", SG3, &[], "·"),
        ("2.8", "resolves", &[], &[], "5 6 13"),
        ("2.8", "instructs", ALL3, &[], "2 3 4 5"),
        ("2.9", "resolves", &[], &[], "4"),
        ("2.11", "instructs", &[SG], ALL3, "4"),
        ("2.12", "resolves to instruct", ALL3, &[], "1 3 4"),
        ("2.13", "instructs", &[TSB], &[], "· 8"),
        ("2.14", "instructs", ALL3, &[], "1 2 (–) 3 4"),
        ("2.14", "instructs", &[TSB], &[], "1 (ii))"),
        ("2.15", "resolves", &[], &[], "·"),
        ("2.15", "instructs", ALL3, &[], "1 2 3"),
        ("2.15", "invites", &[], &[], "1"),
        ("2.16", "considering", &[], &[], "c) d) e) f) g)"),
        ("2.16", "bearing in mind", &[], &[], "g)"),
        ("2.16", "resolves", &[], &[], "2"),
        ("2.16", "instructs", &[SG], &[], "8"),
        ("2.16", "instructs", SG3, &[], "3"),
        ("2.17", "resolves", &[], &[], "5"),
        ("2.18", "instructs", &[TSB], &[BDT, BR], "1 2 3"),
        ("2.19", "instructs", ALL3, &[], "·"),
        ("2.20", "instructs", &["ITU-T study groups"], &["ITU-D study groups"], "1 2 3 4 5 6"),
        ("2.20", "instructs", &[TSB, BDT], &[], "3 4 5"),
        ("2.21", "instructs", ALL3, &[], "·"),
        ("2.22", "instructs", SG3, &[], "1"),
        ("3.1", "instructs", &[SG], ALL3, "1 2 3 4 5 6"),
        ("3.1", "instructs", ALL3, &[], "·"),
        ("3.2", "instructs", ALL3, &[], "1 2"),
        ("3.2", "instructs", &[TSB], &[], "1 2 3"),
    ];
    let doc = seed();
    type Owned = (String, String, Vec<String>, Vec<String>, String);
    let got: Vec<Owned> = doc
        .instruments
        .iter()
        .filter(|i| i.committee.is_none() && i.section.as_deref().is_some_and(|s| s.starts_with(['2', '3'])))
        .flat_map(|i| {
            blocks(i).into_iter().map(|(verb, who, with, labels)| (i.section.clone().unwrap(), verb, who, with, labels))
        })
        .collect();
    let want: Vec<Owned> = want
        .iter()
        .map(|(sec, verb, who, with, labels)| (sec.to_string(), verb.to_string(), s(who), s(with), labels.to_string()))
        .collect();
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w);
    }
    assert_eq!(got.len(), want.len());
}

/// Everything in the two real documents finds its place: no warnings.
#[test]
fn real_documents_leave_nothing_unplaced() {
    let docx =
        mandates_core::parse("w.docx", &sample("wtsa-res-001-rev-hammamet-2016.docx"), &Default::default()).unwrap();
    for doc in [seed(), docx] {
        let warnings: Vec<_> = doc
            .diagnostics
            .iter()
            .filter(|d| d.severity != mandates_core::model::Severity::Info)
            .map(|d| format!("{}: {}", &doc.text[d.start..d.end.min(d.start + 60)], d.message))
            .collect();
        assert!(warnings.is_empty(), "{}: {warnings:#?}", doc.source.name);
    }
}

/// Final clauses often carry their instruction on the heading's line.
#[test]
fn instruction_on_the_heading_line() {
    let doc = parse_text(
        "RESOLUTION 999 (BUCHAREST, 2022)\n\
         A test of one-line blocks\n\
         The Plenipotentiary Conference of the International Telecommunication Union (Bucharest, 2022),\n\
         invites Member States, Sector Members and Academia to participate actively in the work,\n\
         decides that the Council shall review this resolution at its 2024 session;\n\
         requests the Secretary-General, in close cooperation with the Directors of the three Bureaux, to bring this resolution to the attention of the Secretary-General of the United Nations.\n",
    );
    let r = &doc.instruments[0];
    assert_eq!(
        blocks(r),
        vec![
            ("invites".into(), s(&["Member States", "Sector Members", "Academia"]), s(&[]), "·".into()),
            ("decides".into(), s(&[]), s(&[]), "·".into()),
            ("requests".into(), s(&[SG]), s(&[BR, TSB, BDT]), "·".into()),
        ]
    );
    assert_eq!(r.blocks[0].heading.as_deref(), Some("invites Member States, Sector Members and Academia"));
    assert_eq!(r.blocks[0].items[0].text, "to participate actively in the work,");
    assert_eq!(r.blocks[1].items[0].addressees, ["Council"]);
    assert!(r.blocks[2].items[0].text.as_str().starts_with("to bring this resolution to the attention"));
    let item = &r.blocks[2].items[0];
    assert_eq!(&doc.text[item.start..item.start + 8], "to bring");
}

/// A summary after a full text in the same file: its excerpt headings still open excerpts.
#[test]
fn excerpt_after_a_full_text() {
    let doc = parse_text(
        "RESOLUTION 1 (REV. HAMMAMET, 2016)\n\
         Rules of procedure\n\
         The World Telecommunication Standardization Assembly (Hammamet, 2016),\n\
         SECTION 1\n\
         World Telecommunication Standardization Assembly\n\
         1.1\tWTSA shall establish a Steering Committee.\n\
         1.2\tResolution 2 sets out the study groups.\n\
         2.6\tResolution 130 (Rev. Bucharest 2022) “Strengthening the role of ITU”:\n\
         instructs the Director of the Telecommunication Standardization Bureau\n\
         1\tto intensify work within existing ITU-T study groups;\n",
    );
    assert_eq!(doc.instruments.len(), 2);
    let r1 = &doc.instruments[0];
    assert_eq!(labels(&r1.sections[0].items), "1.1 1.2", "a clause that starts with a citation stays a clause");
    let r130 = &doc.instruments[1];
    assert_eq!((r130.number.as_deref(), r130.section.as_deref()), (Some("130"), Some("2.6")));
    assert_eq!(blocks(r130), vec![("instructs".into(), s(&[TSB]), s(&[]), "1".into())]);
}
