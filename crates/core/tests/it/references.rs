//! Tests of the references stage.
//!
//! Expected citations were read off the documents by hand: the seed TD (`samples/tsag-td-pp22-highlights.txt`),
//! passages copied from `word/document.xml` of `samples/wtsa-res-001-rev-hammamet-2016.docx` (NBSP and
//! U+2011 kept as Word has them), and sentences in the style of other bodies.

use mandates_core::clean::clean;
use mandates_core::model::{Reference, Revision};
use mandates_core::references::{body_of_revision, extract};
use proptest::prelude::*;

/// kind, body, number, revision of a reference.
fn target(r: &Reference) -> (&str, Option<&str>, &str, Option<&Revision>) {
    let t = r.target.as_ref().expect("a resolved target");
    (t.kind.as_ref(), t.body.as_deref(), crate::plain(&t.number), t.revision.as_deref())
}

fn rev(revised: bool, place: &str, year: u16) -> Revision {
    Revision { revised, place: Some(place.into()), year: Some(year), conference: None }
}

/// The spans of `refs`, cleaned (NBSP and U+2011 made plain), in order.
fn spans(refs: &[Reference]) -> Vec<String> {
    refs.iter().map(|r| clean(&r.text.as_str())).collect()
}

/// The references whose cleaned span is `span`.
fn all<'a>(refs: &'a [Reference], span: &str) -> Vec<&'a Reference> {
    refs.iter().filter(|r| clean(&r.text.as_str()) == span).collect()
}

/// The first reference whose cleaned span is `span`.
fn find<'a>(refs: &'a [Reference], span: &str) -> &'a Reference {
    all(refs, span).into_iter().next().unwrap_or_else(|| panic!("no reference {span:?} in {:#?}", spans(refs)))
}

/// The index of the first reference whose cleaned span is `span`.
fn index(refs: &[Reference], span: &str) -> usize {
    refs.iter().position(|r| clean(&r.text.as_str()) == span).unwrap_or_else(|| panic!("no reference {span:?}"))
}

/// Offsets point into the text, on character boundaries, in order, without overlap.
fn check_spans(text: &str, refs: &[Reference]) {
    let mut last = 0;
    for r in refs {
        assert!(r.start >= last && r.start < r.end && r.end <= text.len(), "{r:?}");
        assert_eq!(text.get(r.start..r.end), Some(&*r.text.as_str()), "{r:?}");
        last = r.end;
    }
}

fn seed_text() -> String {
    mandates_core::decode::text::decode_text(&crate::sample("tsag-td-pp22-highlights.txt"))
        .expect("the seed decodes")
        .text
}

// ----- the seed -----

#[test]
fn seed_spans_are_exact() {
    let text = seed_text();
    let refs = extract(&text);
    check_spans(&text, &refs);
    assert!(refs.len() > 100, "{}", refs.len());
}

#[test]
fn seed_wtsa_resolution_list_in_2_6() {
    // 2.6 instructs the Director TSB, i): "... particularly Resolutions 50 (Rev. Geneva, 2022), 52 (Rev.
    // Hammamet, 2016) and Resolution 58 (Rev. Geneva, 2022), allowing work to begin ..."
    let refs = extract(&seed_text());
    let i = index(&refs, "Resolutions 50 (Rev. Geneva, 2022)");
    assert_eq!(clean(&refs[i + 1].text.as_str()), "52 (Rev. Hammamet, 2016)");
    assert_eq!(clean(&refs[i + 2].text.as_str()), "Resolution 58 (Rev. Geneva, 2022)");
    let geneva = rev(true, "Geneva", 2022);
    let hammamet = rev(true, "Hammamet", 2016);
    assert_eq!(target(&refs[i]), ("resolution", Some("WTSA"), "50", Some(&geneva)));
    assert_eq!(target(&refs[i + 1]), ("resolution", Some("WTSA"), "52", Some(&hammamet)));
    assert_eq!(target(&refs[i + 2]), ("resolution", Some("WTSA"), "58", Some(&geneva)));
}

#[test]
fn seed_council_resolutions_in_2_4() {
    // "considering Council Resolutions 1305 and 1336, which are relevant to the work of the group"
    let refs = extract(&seed_text());
    let i = index(&refs, "Council Resolutions 1305");
    assert_eq!(target(&refs[i]), ("resolution", Some("Council"), "1305", None));
    assert_eq!(refs[i + 1].text, "1336");
    assert_eq!(target(&refs[i + 1]), ("resolution", Some("Council"), "1336", None));
}

#[test]
fn seed_pp_resolutions_and_decisions() {
    let refs = extract(&seed_text());
    let bucharest = rev(true, "Bucharest", 2022);
    for n in ["25", "64", "101", "102", "123", "130", "139", "140", "191", "196", "208"] {
        let r = find(&refs, &format!("Resolution {n} (Rev. Bucharest 2022)"));
        assert_eq!(target(r), ("resolution", Some("PP"), n, Some(&bucharest)));
    }
    // New resolutions: no "Rev.".
    let r = find(&refs, "Resolution 214 (Bucharest, 2022)");
    assert_eq!(target(r), ("resolution", Some("PP"), "214", Some(&rev(false, "Bucharest", 2022))));
    // Bare numbers: the body is the caller's to infer.
    assert_eq!(target(find(&refs, "Resolution 214")), ("resolution", None, "214", None));
    assert_eq!(target(find(&refs, "Resolution 167")), ("resolution", None, "167", None));
    // 1.5 "(revised Decision 5)", 2.22 "Revised Decision 5", and the reference table's "Decision 5".
    let revised = Revision { revised: true, place: None, year: None, conference: None };
    assert_eq!(target(find(&refs, "revised Decision 5")), ("decision", None, "5", Some(&revised)));
    assert_eq!(target(find(&refs, "Revised Decision 5")), ("decision", None, "5", Some(&revised)));
    assert_eq!(target(find(&refs, "Decision 5")), ("decision", None, "5", None));
    // Committee recommendations.
    assert_eq!(target(find(&refs, "COM5 Recommendation 2")), ("recommendation", Some("COM5"), "2", None));
    assert_eq!(target(find(&refs, "COM6 Recommendation 27")), ("recommendation", Some("COM6"), "27", None));
}

#[test]
fn seed_constitution_and_convention_in_2_16() {
    // c) "... in particular No. 119 of the Constitution, Nos. 151 to 154 (relating to ITU-R), No. 193
    // (relating to ITU-T), Nos. 211 and 214 (relating to ITU-D) and No. 215 of the Convention;"
    let refs = extract(&seed_text());
    let i = index(&refs, "No. 119 of the Constitution");
    let got: Vec<_> = refs[i..i + 6].iter().map(|r| (clean(&r.text.as_str()), target(r))).collect();
    let want = [
        ("No. 119 of the Constitution", ("provision", Some("Constitution"), "119", None)),
        ("Nos. 151 to 154", ("provision", Some("Convention"), "151-154", None)),
        ("No. 193", ("provision", Some("Convention"), "193", None)),
        ("Nos. 211", ("provision", Some("Convention"), "211", None)),
        ("214", ("provision", Some("Convention"), "214", None)),
        ("No. 215 of the Convention", ("provision", Some("Convention"), "215", None)),
    ];
    for ((span, t), (wspan, wt)) in got.iter().zip(want) {
        assert_eq!((span.as_str(), *t), (wspan, wt));
    }
}

#[test]
fn seed_questions_and_action_lines() {
    let refs = extract(&seed_text());
    assert_eq!(target(find(&refs, "ITU-D Study Question 3/2")), ("question", Some("ITU-D"), "3/2", None));
    // "without duplicating the work under ITU‑D Question 3/2, to continue identifying best practices
    // related to Question 3/2, ... to contribute to Question 3/2;"
    assert_eq!(target(find(&refs, "ITU-D Question 3/2")), ("question", Some("ITU-D"), "3/2", None));
    assert_eq!(all(&refs, "Question 3/2").len(), 2);
    assert_eq!(target(find(&refs, "Question 3/2")), ("question", None, "3/2", None));

    assert_eq!(target(find(&refs, "WSIS Action Line C5")), ("action_line", Some("WSIS"), "C5", None));
    let i = index(&refs, "Action Lines C2");
    let lines: Vec<_> = refs[i..i + 4].iter().map(|r| (crate::plain(&r.text), target(r))).collect();
    assert_eq!(
        lines,
        [
            ("Action Lines C2", ("action_line", Some("WSIS"), "C2", None)),
            ("C4", ("action_line", Some("WSIS"), "C4", None)),
            ("C5", ("action_line", Some("WSIS"), "C5", None)),
            ("C6", ("action_line", Some("WSIS"), "C6", None)),
        ]
    );
}

#[test]
fn seed_documents() {
    let text = seed_text();
    let refs = extract(&text);
    for doc in ["C-202", "C-189", "C-157-R1", "C-188-R1", "C-199-R2", "C-201", "C-197", "TD/83", "Doc 83 A16"] {
        assert_eq!(target(find(&refs, doc)), ("document", None, doc, None));
    }
    // "(C-188-R1)" in the notes and "C-188-R1 (AR, REC3)" in the reference table.
    assert_eq!(all(&refs, "C-188-R1").len(), 2);
    // Every "C-nnn" of the text is found, and nothing else that looks like one.
    // ("WTDC-22" is not one.)
    let c_docs = text
        .match_indices("C-")
        .filter(|&(i, _)| !text[..i].ends_with(|c: char| c.is_alphanumeric()))
        .filter(|&(i, _)| text[i + 2..].starts_with(|c: char| c.is_ascii_digit()))
        .count();
    assert_eq!(c_docs, 53);
    let found = refs.iter().filter(|r| r.text.as_str().starts_with("C-")).count();
    assert_eq!(found, c_docs);
}

#[test]
fn seed_no_false_citations() {
    let refs = extract(&seed_text());
    for r in &refs {
        for word in ["COVID", "ISC-TF", "WTSA-24", "PP-22", "IMT-2020", "WTDC-22", "this resolution", "ICTs"] {
            assert!(!r.text.as_str().contains(word), "{r:?}");
        }
        assert!(r.target.is_some(), "{r:?}");
    }
    // The table header "WTSA Resolutions\n(Rev. Geneva, 2022)" cites no number.
    assert!(!refs.iter().any(|r| r.text.as_str().contains("Resolutions\n")));
}

// ----- WTSA Resolution 1 (Rev. Hammamet, 2016), passages of word/document.xml -----

const WTSA_PASSAGES: &str = "\
a)\tthat the functions, duties and organization of the ITU Telecommunication Standardization Sector (ITU\u{2011}T) are stated in Articles\u{a0}17, 18, 19, 20 of the ITU Constitution and Articles\u{a0}13, 14, 14A, 15 and 20 of the ITU Convention;
f)\tthat the General Rules of conferences, assemblies and meetings of the Union adopted by the Plenipotentiary Conference, and Resolution\u{a0}165 (Guadalajara, 2010) of the Plenipotentiary Conference, on deadlines for the submission of proposals;
g)\tthat, in accordance with No.\u{a0}184A of the Convention, WTSA is authorized to adopt the working methods and procedures for the management of the activities of ITU\u{2011}T in accordance with No.\u{a0}145A of the Constitution;
i)\tResolution 72 (Rev.\u{a0}Busan, 2014) of the Plenipotentiary Conference, on linking strategic, financial and operational planning in ITU,
1.4\tWTSA shall establish a Budget Control Committee and an Editorial Committee, the tasks and responsibilities of which are set out in the General Rules of conferences, assemblies and meetings of the Union (General Rules, Nos.\u{a0}69-74):
vii)\tpropose the maintenance, establishment or termination of other groups in accordance with Nos.\u{a0}191A and 191B of the Convention.
1.7\tThe plenary meeting of a WTSA may set up other committees in accordance with No.\u{a0}63 of the General Rules.
The definition of supplement is found in clause 1.8.2.8 of Recommendation ITU\u{2011}T A.1.
2.2.2\tFor meetings held outside Geneva, the provisions of Resolution\u{a0}5 (Kyoto, 1994) of the Plenipotentiary Conference as well as of Council Decision\u{a0}304 shall apply.
3.5\tTo the extent possible, in accordance with WTSA Resolution 35 (Rev.\u{a0}Hammamet, 2016), and taking into account the need for demonstrated competence,
5.1\tThe duties of the Director of the Telecommunication Standardization Bureau (TSB) are outlined in Article\u{a0}15 and relevant provisions of Article\u{a0}20 of the Convention. These duties are further elaborated in this resolution.
6.2\tContributions to study group, working party and TSAG meetings shall be submitted and formatted in accordance with Recommendations\u{a0}ITU\u{2011}T\u{a0}A.1 and ITU\u{2011}T A.2, respectively.
";

/// What the WTSA passages cite, in order: cleaned span, kind, body, number.
const WTSA_EXPECTED: &[(&str, &str, Option<&str>, &str)] = &[
    ("Articles 17", "provision", Some("Constitution"), "17"),
    ("18", "provision", Some("Constitution"), "18"),
    ("19", "provision", Some("Constitution"), "19"),
    ("20 of the ITU Constitution", "provision", Some("Constitution"), "20"),
    ("Articles 13", "provision", Some("Convention"), "13"),
    ("14", "provision", Some("Convention"), "14"),
    ("14A", "provision", Some("Convention"), "14A"),
    ("15", "provision", Some("Convention"), "15"),
    ("20 of the ITU Convention", "provision", Some("Convention"), "20"),
    ("Resolution 165 (Guadalajara, 2010) of the Plenipotentiary Conference", "resolution", Some("PP"), "165"),
    ("No. 184A of the Convention", "provision", Some("Convention"), "184A"),
    ("No. 145A of the Constitution", "provision", Some("Constitution"), "145A"),
    ("Resolution 72 (Rev. Busan, 2014) of the Plenipotentiary Conference", "resolution", Some("PP"), "72"),
    ("General Rules, Nos. 69-74", "provision", Some("General Rules"), "69-74"),
    ("Nos. 191A", "provision", Some("Convention"), "191A"),
    ("191B of the Convention", "provision", Some("Convention"), "191B"),
    ("No. 63 of the General Rules", "provision", Some("General Rules"), "63"),
    ("Recommendation ITU-T A.1", "recommendation", Some("ITU-T"), "A.1"),
    ("Resolution 5 (Kyoto, 1994) of the Plenipotentiary Conference", "resolution", Some("PP"), "5"),
    ("Council Decision 304", "decision", Some("Council"), "304"),
    ("WTSA Resolution 35 (Rev. Hammamet, 2016)", "resolution", Some("WTSA"), "35"),
    ("Article 15", "provision", Some("Convention"), "15"),
    ("Article 20 of the Convention", "provision", Some("Convention"), "20"),
    ("Recommendations ITU-T A.1", "recommendation", Some("ITU-T"), "A.1"),
    ("ITU-T A.2", "recommendation", Some("ITU-T"), "A.2"),
];

#[test]
fn wtsa_passages() {
    let refs = extract(WTSA_PASSAGES);
    check_spans(WTSA_PASSAGES, &refs);
    let got: Vec<_> = refs.iter().map(|r| (clean(&r.text.as_str()), target(r))).collect();
    let want: Vec<_> = WTSA_EXPECTED.iter().map(|&(s, k, b, n)| (s.to_owned(), (k, b, n))).collect();
    let got_short: Vec<_> = got.iter().map(|(s, (k, b, n, _))| (s.clone(), (*k, *b, *n))).collect();
    assert_eq!(got_short, want);
    // Spans keep Word's characters.
    assert_eq!(
        find(&refs, "Resolution 72 (Rev. Busan, 2014) of the Plenipotentiary Conference").text,
        "Resolution 72 (Rev.\u{a0}Busan, 2014) of the Plenipotentiary Conference"
    );
    assert_eq!(find(&refs, "Recommendation ITU-T A.1").text, "Recommendation ITU\u{2011}T A.1");
    // Revisions.
    assert_eq!(
        target(find(&refs, "Resolution 165 (Guadalajara, 2010) of the Plenipotentiary Conference")).3,
        Some(&rev(false, "Guadalajara", 2010))
    );
    assert_eq!(
        target(find(&refs, "Resolution 72 (Rev. Busan, 2014) of the Plenipotentiary Conference")).3,
        Some(&rev(true, "Busan", 2014))
    );
    assert_eq!(
        target(find(&refs, "Resolution 5 (Kyoto, 1994) of the Plenipotentiary Conference")).3,
        Some(&rev(false, "Kyoto", 1994))
    );
    assert_eq!(target(find(&refs, "WTSA Resolution 35 (Rev. Hammamet, 2016)")).3, Some(&rev(true, "Hammamet", 2016)));
}

/// The same citations read from the .docx itself, once its reader exists.
#[test]
fn wtsa_docx() {
    let bytes = crate::sample("wtsa-res-001-rev-hammamet-2016.docx");
    let decoded = match mandates_core::decode::decode(&bytes, &Default::default()) {
        Ok((_, decoded)) => decoded,
        Err(e) => {
            eprintln!("skipped: the .docx reader gives {e}");
            return;
        }
    };
    let text = decoded.text;
    let refs = extract(&text);
    check_spans(&text, &refs);
    let got = spans(&refs);
    for (span, kind, body, number) in WTSA_EXPECTED {
        let r = refs
            .iter()
            .zip(&got)
            .find(|(r, s)| s == span && target(r).0 == *kind && target(r).2 == *number)
            .unwrap_or_else(|| panic!("no {span:?} in the .docx text"))
            .0;
        assert_eq!(target(r).1, *body, "{span}");
    }
    // Recommendation ITU-T A.13 is cited three times; WTSA Resolution 2 three times; No. 246D twice.
    assert_eq!(all(&refs, "Recommendation ITU-T A.13").len(), 3);
    assert!(all(&refs, "WTSA Resolution 2").len() >= 3);
    assert_eq!(all(&refs, "No. 246D of the Convention").len(), 2);
}

// ----- other bodies, other forms -----

/// (cleaned span, kind, body, number) of every reference in `text`.
fn cites(text: &str) -> Vec<(String, String, Option<String>, String)> {
    let refs = extract(text);
    check_spans(text, &refs);
    refs.iter()
        .map(|r| {
            let t = r.target.as_ref().unwrap();
            (clean(&r.text.as_str()), t.kind.to_string(), t.body.as_deref().map(str::to_owned), t.number.to_string())
        })
        .collect()
}

fn one(text: &str) -> (String, String, Option<String>, String, Option<Revision>) {
    let refs = extract(text);
    check_spans(text, &refs);
    assert_eq!(refs.len(), 1, "{text:?}: {refs:#?}");
    let t = refs[0].target.clone().unwrap();
    (
        refs[0].text.to_string(),
        t.kind.into_owned(),
        t.body.map(|b| b.into_owned()),
        t.number.to_string(),
        t.revision.map(|r| *r),
    )
}

fn c(span: &str, kind: &str, body: Option<&str>, number: &str) -> (String, String, Option<String>, String) {
    (span.into(), kind.into(), body.map(Into::into), number.into())
}

#[test]
fn wrc_revision_names_a_conference() {
    let (span, kind, body, number, revision) = one("in accordance with Resolution 7 (Rev.WRC-19), administrations");
    assert_eq!(
        (span.as_str(), kind.as_str(), body.as_deref(), number.as_str()),
        ("Resolution 7 (Rev.WRC-19)", "resolution", Some("WRC"), "7")
    );
    assert_eq!(
        revision,
        Some(Revision { revised: true, place: None, year: Some(2019), conference: Some("WRC-19".into()) })
    );
    let (_, _, body, _, revision) = one("Resolution 1 (Rev. RA\u{2011}23) applies");
    assert_eq!(body.as_deref(), Some("RA"));
    assert_eq!(revision.unwrap().conference.as_deref(), Some("RA-23"));
    let (_, _, body, _, revision) = one("Resolution 750 (WRC-23)");
    assert_eq!(body.as_deref(), Some("WRC"));
    assert!(!revision.unwrap().revised);
}

#[test]
fn un_general_assembly() {
    let text = "Recalling General Assembly resolution 70/1 of 25 September 2015, entitled \u{201c}Transforming our world\u{201d}, and resolution 73/218 and A/RES/73/6, and E/2019/L.1";
    assert_eq!(
        cites(text),
        [
            c("General Assembly resolution 70/1 of 25 September 2015", "resolution", Some("UNGA"), "70/1"),
            c("resolution 73/218", "resolution", Some("UNGA"), "73/218"),
            c("A/RES/73/6", "un_document", Some("UN"), "A/RES/73/6"),
            c("E/2019/L.1", "un_document", Some("UN"), "E/2019/L.1"),
        ]
    );
    let (span, _, body, number, _) = one("UN resolution 70/1 of 25 September 2015 on the SDGs");
    assert_eq!(
        (span.as_str(), body.as_deref(), number.as_str()),
        ("resolution 70/1 of 25 September 2015", Some("UNGA"), "70/1")
    );
    let (_, _, body, _, _) = one("ECOSOC resolution 2019/24.");
    assert_eq!(body.as_deref(), Some("ECOSOC"));
    assert_eq!(cites("(A/RES/70/1)."), [c("A/RES/70/1", "un_document", Some("UN"), "A/RES/70/1")]);
}

#[test]
fn bodies_from_revisions_and_qualifiers() {
    let text = "Resolution 37 (Rev. Kigali, 2022), Resolution 2 (Rev. New Delhi, 2024), Resolution 71 (Rev. Dubai, 2018), \
        Resolution 45 (Rev. Dubai, 2014), Resolution 2 (Rev. Dubai, 2012), Resolution 64 (Rev. Antalya, 2006), \
        Resolution 1 (Rev. Johannesburg, 2008), Resolution 9 (Rev. Hyderabad, 2010), Resolution 30 (Rev. Buenos Aires, 2017), \
        Resolution 33 (Rev. Florianópolis, 2004), Resolution 21 (Rev. Marrakesh, 2002), Resolution 11 (Rev. Minneapolis, 1998), \
        WTDC Resolution 1, PP-22 Resolution 2, WTSA-20 Resolution 3, ITU-R Resolution 4, Opinion 1, Resolution 25 (Rev. Dubai)";
    let got: Vec<_> = cites(text).into_iter().map(|(_, k, b, n)| (k, b, n)).collect();
    let want = [
        ("resolution", Some("WTDC"), "37"),
        ("resolution", Some("WTSA"), "2"),
        ("resolution", Some("PP"), "71"),
        ("resolution", Some("WTDC"), "45"),
        ("resolution", Some("WTSA"), "2"),
        ("resolution", Some("PP"), "64"),
        ("resolution", Some("WTSA"), "1"),
        ("resolution", Some("WTDC"), "9"),
        ("resolution", Some("WTDC"), "30"),
        ("resolution", Some("WTSA"), "33"),
        ("resolution", Some("PP"), "21"),
        ("resolution", Some("PP"), "11"),
        ("resolution", Some("WTDC"), "1"),
        ("resolution", Some("PP"), "2"),
        ("resolution", Some("WTSA"), "3"),
        ("resolution", Some("RA"), "4"),
        ("opinion", None, "1"),
        ("resolution", None, "25"),
    ];
    let want: Vec<_> = want.iter().map(|&(k, b, n)| (k.to_owned(), b.map(str::to_owned), n.to_owned())).collect();
    assert_eq!(got, want);
}

#[test]
fn headings_in_capitals() {
    let (span, _, body, number, revision) = one("RESOLUTION 130 (REV. BUCHAREST, 2022)\nStrengthening the role of ITU");
    assert_eq!(
        (span.as_str(), body.as_deref(), number.as_str()),
        ("RESOLUTION 130 (REV. BUCHAREST, 2022)", Some("PP"), "130")
    );
    assert_eq!(revision, Some(rev(true, "Bucharest", 2022)));
}

#[test]
fn recommendations_questions_lists() {
    assert_eq!(
        cites("see Recommendation ITU-R M.1036, ITU-T Recommendations A.1 and A.2, ITU\u{2011}T A.13 and ITU-T X.509."),
        [
            c("Recommendation ITU-R M.1036", "recommendation", Some("ITU-R"), "M.1036"),
            c("ITU-T Recommendations A.1", "recommendation", Some("ITU-T"), "A.1"),
            c("A.2", "recommendation", Some("ITU-T"), "A.2"),
            c("ITU-T A.13", "recommendation", Some("ITU-T"), "A.13"),
            c("ITU-T X.509", "recommendation", Some("ITU-T"), "X.509"),
        ]
    );
    assert_eq!(
        cites("ITU-T Questions 1/2 and 3/2, Question ITU-R 229/5 and Study Question 6/1"),
        [
            c("ITU-T Questions 1/2", "question", Some("ITU-T"), "1/2"),
            c("3/2", "question", Some("ITU-T"), "3/2"),
            c("Question ITU-R 229/5", "question", Some("ITU-R"), "229/5"),
            c("Study Question 6/1", "question", None, "6/1"),
        ]
    );
    assert_eq!(
        cites("Decisions 5 and 11 (Rev. Busan, 2014) of the Plenipotentiary Conference"),
        [
            c("Decisions 5", "decision", Some("PP"), "5"),
            c("11 (Rev. Busan, 2014) of the Plenipotentiary Conference", "decision", Some("PP"), "11"),
        ]
    );
    assert_eq!(
        cites("Articles 5 to 7 of the Radio Regulations and Article 13 of the Constitution"),
        [
            c("Articles 5 to 7 of the Radio Regulations", "provision", Some("Radio Regulations"), "5-7"),
            c("Article 13 of the Constitution", "provision", Some("Constitution"), "13"),
        ]
    );
}

#[test]
fn lists_stop_where_the_numbers_stop_being_citations() {
    assert_eq!(
        cites("Resolutions 123 and 139, 3 developing countries asked"),
        [c("Resolutions 123", "resolution", None, "123"), c("139", "resolution", None, "139")]
    );
    assert_eq!(
        cites("Council Resolutions 1305 and 1336, which are relevant"),
        [
            c("Council Resolutions 1305", "resolution", Some("Council"), "1305"),
            c("1336", "resolution", Some("Council"), "1336")
        ]
    );
    assert_eq!(cites("Resolution 130, 8 to report"), [c("Resolution 130", "resolution", None, "130")]);
}

#[test]
fn documents() {
    assert_eq!(
        cites("see C22/25 and C-188-R1 (C-157-R1), TD/83, TD/12-R1, Doc 83 A16, Doc. 12(Rev.1) and C\u{2011}190"),
        [
            c("C22/25", "document", None, "C22/25"),
            c("C-188-R1", "document", None, "C-188-R1"),
            c("C-157-R1", "document", None, "C-157-R1"),
            c("TD/83", "document", None, "TD/83"),
            c("TD/12-R1", "document", None, "TD/12-R1"),
            c("Doc 83 A16", "document", None, "Doc 83 A16"),
            c("Doc. 12(Rev.1)", "document", None, "Doc. 12(Rev.1)"),
            c("C-190", "document", None, "C-190"),
        ]
    );
}

#[test]
fn what_is_not_a_citation() {
    let text = "this resolution; these resolutions; Resolutions\n(Rev. Geneva, 2022); COVID-19; ISC-TF; WTSA-24; PP-22; \
        WRC-23; WTDC-22; IMT-2020; and/or; telecommunications/ICTs; ITU-T study groups; Study Group 5; Document No. 5; \
        the Resolution 1bis; A/B testing; E/S; Decisions/Resolutions; SC-1; No. of members; ITU-T Recommendations; \
        the Questions; WSIS Action Lines; Recommendation ITU-T A.Sup; (Rev. Bucharest, 2022)";
    assert_eq!(cites(text), []);
}

#[test]
fn revisions_that_are_not() {
    // A parenthesis after a number that is not a revision stays out of the span.
    assert_eq!(cites("Decision 5 (Annex 1 and 2)"), [c("Decision 5", "decision", None, "5")]);
    assert_eq!(cites("Resolution 59 (SUP)"), [c("Resolution 59", "resolution", None, "59")]);
    assert_eq!(cites("Nos. 151 to 154 (relating to ITU-R)"), [c("Nos. 151 to 154", "provision", None, "151-154")]);
}

/// The same citations whether the text is shorter than the SIMD searcher's window or long, and wherever they sit.
#[test]
fn short_and_long_texts_agree() {
    let cite = "Resolution 72 (Rev. Busan, 2014) and No. 191C of the Convention, TD/83, C\u{2011}189";
    let alone = extract(cite);
    assert_eq!(alone.len(), 4);
    for pad in [1, 7, 31, 64, 1000] {
        let text = format!("{}{cite}{}", "x ".repeat(pad), " y".repeat(pad));
        let refs = extract(&text);
        let shift = 2 * pad;
        let moved: Vec<_> = refs.iter().map(|r| (r.text.as_str(), r.start - shift, r.end - shift, &r.target)).collect();
        let expected: Vec<_> = alone.iter().map(|r| (r.text.as_str(), r.start, r.end, &r.target)).collect();
        assert_eq!(moved, expected, "padding {pad}");
    }
}

/// Document numbers and places keep their exact text: special spaces and hyphens made plain, a shouted place
/// in title case, anything else as written.
#[test]
fn numbers_and_places_as_written() {
    let refs = extract(
        "C\u{2011}188\u{2011}R1, Doc\u{a0}83\u{a0}A16 and Doc 12 A3; Resolution 5 (Rev. Mar\u{a0}del Plata, 2000), Resolution 6 (REV. NEW DELHI, 2024)",
    );
    let numbers: Vec<_> = refs.iter().map(|r| target(r).2).collect();
    assert_eq!(numbers, ["C-188-R1", "Doc 83 A16", "Doc 12 A3", "5", "6"]);
    let places: Vec<_> = refs.iter().filter_map(|r| target(r).3?.place.as_deref()).collect();
    assert_eq!(places, ["Mar del Plata", "New Delhi"]);
}

/// A place is compared with full case folding: the Kelvin sign folds to "k".
#[test]
fn body_of_revision_folds_case() {
    assert_eq!(body_of_revision(Some("\u{212A}yoto"), Some(1994), None), Some("PP"));
    assert_eq!(body_of_revision(Some("kYOTO"), None, None), Some("PP"));
    assert_eq!(body_of_revision(Some("florianÓpolis"), None, None), Some("WTSA"));
    assert_eq!(body_of_revision(Some("Kyot"), None, None), None);
}

#[test]
fn body_of_revision_table() {
    let cases = [
        ("Bucharest", 2022, "PP"),
        ("Dubai", 2018, "PP"),
        ("Busan", 2014, "PP"),
        ("Guadalajara", 2010, "PP"),
        ("Antalya", 2006, "PP"),
        ("Marrakesh", 2002, "PP"),
        ("Minneapolis", 1998, "PP"),
        ("Kyoto", 1994, "PP"),
        ("Hammamet", 2016, "WTSA"),
        ("Dubai", 2012, "WTSA"),
        ("Johannesburg", 2008, "WTSA"),
        ("Florianópolis", 2004, "WTSA"),
        ("FLORIANÓPOLIS", 2004, "WTSA"),
        ("Geneva", 2022, "WTSA"),
        ("New Delhi", 2024, "WTSA"),
        ("Kigali", 2022, "WTDC"),
        ("Buenos Aires", 2017, "WTDC"),
        ("Dubai", 2014, "WTDC"),
        ("Hyderabad", 2010, "WTDC"),
        ("BUCHAREST", 2022, "PP"),
    ];
    for (place, year, body) in cases {
        assert_eq!(body_of_revision(Some(place), Some(year), None), Some(body), "{place} {year}");
    }
    assert_eq!(body_of_revision(Some("Bucharest"), None, None), Some("PP"));
    assert_eq!(body_of_revision(Some("Dubai"), None, None), None);
    assert_eq!(body_of_revision(Some("Geneva"), Some(2015), None), None);
    assert_eq!(body_of_revision(Some("Bucharest"), Some(2018), None), None);
    assert_eq!(body_of_revision(None, None, Some("WRC-19")), Some("WRC"));
    assert_eq!(body_of_revision(None, None, Some("RA-23")), Some("RA"));
    assert_eq!(body_of_revision(None, None, Some("WTSA-20")), Some("WTSA"));
    assert_eq!(body_of_revision(None, None, Some("XYZ-20")), None);
    assert_eq!(body_of_revision(None, Some(2022), None), None);
}

// ----- never panics -----

const FRAGMENTS: &[&str] = &[
    "Resolution",
    "Resolutions",
    "resolution",
    "RESOLUTION",
    "Decision",
    "Opinion",
    "Recommendation",
    "Question",
    "Action Lines",
    "Article",
    "Articles",
    "No. ",
    "Nos.\u{a0}",
    "ITU-T",
    "ITU\u{2011}D",
    "ITU-R",
    "Council",
    "WTSA",
    "revised",
    "COM5",
    "Study",
    "WSIS",
    "General Rules, ",
    " ",
    "\u{a0}",
    "\u{202f}",
    "\t",
    "\n",
    "5",
    "72",
    "191C",
    "3/2",
    "70/1",
    "2019/1",
    "(Rev.",
    "(Rev.\u{a0}",
    "(REV. ",
    "Busan",
    "BUCHAREST",
    "Florianópolis",
    "WRC-19",
    ",",
    " 2014",
    "2022",
    ")",
    "(",
    " and ",
    " to ",
    "-",
    "\u{2011}",
    "\u{2013}",
    " of the Plenipotentiary Conference",
    " of the ITU Convention",
    " of the",
    " of 25 September 2015",
    "C-",
    "C22/",
    "TD/",
    "Doc ",
    "A/",
    "RES",
    "/",
    "E/",
    "L.1",
    "A.1",
    "M.1036",
    "C5",
    "[bookmark: _Hlk1]",
    "[footnoteRef:1]",
    "é",
    "\u{1F600}",
    ".",
    "R1",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let refs = extract(&text);
        check_spans(&text, &refs);
    }

    #[test]
    fn citation_like_text_never_panics(parts in proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..40)) {
        let text: String = parts.concat();
        let refs = extract(&text);
        check_spans(&text, &refs);
        for r in &refs {
            prop_assert!(r.target.as_ref().is_some_and(|t| !t.number.is_empty()));
        }
    }
}
