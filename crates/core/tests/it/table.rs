//! Tests of the table stage.
//!
//! Expected values on the seed were read in `samples/tsag-td-pp22-highlights.txt`, section 5.1 (legend,
//! lines 335-344) and 5.2 (reference table, lines 351-1014), not copied from the output.

use mandates_core::decode::{CellPos, Para, ParaKind};
use mandates_core::model::{
    Affected, Contribution, Instrument, InstrumentKind, InstrumentStatus, ReferenceRow, Severity,
};
use mandates_core::table::{TableOutput, extract, mark_abrogated};
use proptest::prelude::*;

fn seed() -> (String, TableOutput) {
    let d = mandates_core::decode::text::decode_text(&crate::sample("tsag-td-pp22-highlights.txt")).unwrap();
    let out = extract(&d.text, &d.paras);
    (d.text, out)
}

fn row<'a>(out: &'a TableOutput, label: &str) -> &'a ReferenceRow {
    out.rows.iter().find(|r| r.instrument == label).unwrap_or_else(|| panic!("no row {label}"))
}

fn contribution(document: &str, approval: Option<&str>, action: Option<&str>, note: Option<&str>) -> Contribution {
    Contribution {
        document: document.into(),
        approval: approval.map(Into::into),
        action: action.map(Into::into),
        note: note.map(Into::into),
    }
}

fn wtsa(number: &str, title: Option<&str>) -> Affected {
    Affected { body: "WTSA".into(), number: number.into(), title: title.map(Into::into), suppressed: false }
}

fn suppressed(number: &str) -> Affected {
    Affected { body: "WTSA".into(), number: number.into(), title: None, suppressed: true }
}

const R18: &str = "Principles and procedures for the allocation of work to, and strengthening coordination and cooperation \
                   among, the ITU Radiocommunication, ITU Telecommunication Standardization and ITU Telecommunication \
                   Development Sectors";
const R20: &str = "Procedures for allocation and management of international telecommunication numbering, naming, \
                   addressing and identification resources";
const R44: &str = "Bridging the standardization gap between developing and developed countries";
const R69: &str = "Non-discriminatory access and use of Internet resources";
const R64: &str = "IP address allocation and facilitating the transition to and deployment of IPv6";
const R98: &str =
    "Enhancing the standardization of Internet of things and smart cities and communities for global development";
const R90: &str = "Open source in the ITU Telecommunication Standardization Sector";

#[test]
fn seed_legend_of_status_codes() {
    let (_, out) = seed();
    let got: Vec<(&str, &str)> = out.status_codes.iter().map(|c| (c.code.as_str(), c.meaning.as_str())).collect();
    // Nine codes: six approval codes and three action codes.
    assert_eq!(
        got,
        [
            ("A", "Approved"),
            (
                "AR",
                "Approved with reservations or statements in the summary record; see Declaration posted as C-199-R2, \
                 and Additional declarations posted as C-201."
            ),
            ("AWA", "Approved with additional amendments made during plenary"),
            ("NOC", "Approved without any changes"),
            ("REC", "Approved Recommendation"),
            ("NOR", "No Resolution (due to no consensus, disagreement)"),
            ("ADD", "addition of a new decision, resolution"),
            ("MOD", "modification of an existing decision, resolution"),
            ("SUP", "abrogation of an existing resolution"),
        ]
    );
}

#[test]
fn seed_row_count_and_order() {
    let (_, out) = seed();
    let labels: Vec<&str> = out.rows.iter().map(|r| r.instrument.as_str()).collect();
    assert_eq!(
        labels,
        [
            "11",
            "21",
            "25",
            "64",
            "66",
            "70",
            "71",
            "72",
            "77",
            "101",
            "102",
            "123",
            "130",
            "133",
            "135",
            "136",
            "137",
            "138",
            "139",
            "140",
            "146",
            "154",
            "167",
            "169",
            "170",
            "175",
            "176",
            "177",
            "179",
            "180",
            "182",
            "188",
            "189",
            "191",
            "196",
            "197",
            "198",
            "200",
            "203",
            "204",
            "205",
            "206",
            "208",
            "209",
            "Decision 5",
            "214",
            "215",
        ]
    );
    assert_eq!(out.rows.len(), 47);
    let abrogated: Vec<&str> = out.rows.iter().filter(|r| r.abrogated).map(|r| r.instrument.as_str()).collect();
    assert_eq!(abrogated, ["11", "72"]);
    // Nothing in the seed's table is left unread.
    assert_eq!(out.diagnostics, []);
}

#[test]
fn seed_row_11() {
    let (text, out) = seed();
    let r = row(&out, "11");
    assert_eq!(
        r,
        &ReferenceRow {
            instrument: "11".into(),
            title: "ITU TELECOM events".into(),
            abrogated: true,
            contributions: vec![
                contribution("C-193", Some("A"), Some("SUP"), None),
                contribution("C-157", Some("A"), Some("REC"), Some("REC#27")),
            ],
            affects: vec![],
            focal_points: vec!["Jinu Um".into()],
            start: r.start,
            end: r.end,
        }
    );
    assert_eq!(
        &text[r.start..r.end],
        "\t11\nITU TELECOM events\n\nAbrogated\n\n\tC-193 (A, SUP)\nC-157 (A, REC#27)\n\n\t-\n\tJinu Um"
    );
}

#[test]
fn seed_row_21() {
    let (text, out) = seed();
    let r = row(&out, "21");
    assert_eq!(
        r.title,
        "Measures concerning alternative calling procedures on international telecommunication networks"
    );
    assert!(!r.abrogated);
    assert_eq!(r.contributions, [contribution("C-155", Some("A"), Some("MOD"), None)]);
    assert_eq!(
        r.affects,
        [
            wtsa("20", Some(R20)),
            wtsa("29", Some("Alternative calling procedures on international telecommunication networks")),
            wtsa("65", Some("Calling party number delivery, calling line identification and origin identification")),
        ]
    );
    assert_eq!(r.focal_points, ["Robert Clark", "May Thi Aye"]);
    assert!(text[r.start..r.end].starts_with("\t21\nMeasures concerning"));
    assert!(text[r.start..r.end].ends_with("\tRobert Clark, \nMay Thi Aye"));
}

#[test]
fn seed_row_25_titles_with_nbsp_and_trailing_spaces() {
    let (_, out) = seed();
    let r = row(&out, "25");
    assert_eq!(r.title, "Strengthening the ITU regional presence");
    assert_eq!(r.contributions, [contribution("C-167", Some("A"), Some("MOD"), None)]);
    assert_eq!(
        r.affects,
        [
            wtsa("18", Some(R18)),
            wtsa("44", Some(R44)),
            wtsa("54", Some("Creation of, and assistance to, regional groups"))
        ]
    );
    assert_eq!(r.focal_points, ["Alexandra Gaspari"]);
}

#[test]
fn seed_row_130() {
    let (_, out) = seed();
    let r = row(&out, "130");
    assert_eq!(
        r.title,
        "Strengthening the role of ITU in building confidence and security in the use of information and communication \
         technologies"
    );
    assert_eq!(
        r.contributions,
        [
            contribution("C-197", Some("A"), Some("MOD"), None),
            contribution("C-188-R1", Some("AR"), Some("REC"), Some("REC3")),
        ]
    );
    assert_eq!(
        r.affects,
        [
            wtsa("50", Some("Cybersecurity")),
            wtsa("52", Some("Countering and combating spam")),
            wtsa(
                "58",
                Some(
                    "Encouraging the creation of national computer incident response teams, particularly for developing countries"
                )
            ),
            wtsa("64", Some(R64)),
            wtsa("69", Some(R69)),
            wtsa("90", Some(R90)),
            wtsa("98", Some(R98)),
        ]
    );
    assert_eq!(r.focal_points, ["Xiaoya Yang"]);
}

#[test]
fn seed_row_170_suppressed_wtsa_resolution() {
    let (_, out) = seed();
    let r = row(&out, "170");
    assert_eq!(
        r.title,
        "Admission of Sector Members from developing countries to participate in the work of the ITU Radiocommunication \
         Sector and the ITU Telecommunication Standardization Sector"
    );
    assert_eq!(r.contributions, [contribution("C-144", Some("A"), Some("MOD"), None)]);
    assert_eq!(
        r.affects,
        [
            suppressed("59"),
            wtsa(
                "74",
                Some(
                    "Enhancing participation of Sector Members from developing countries in the work of the ITU \
                      Telecommunication Standardization Sector"
                )
            ),
        ]
    );
    assert_eq!(r.focal_points, ["Emile Armour-Heselton"]);
    assert!(!r.abrogated);
}

#[test]
fn seed_row_180_five_focal_points() {
    let (_, out) = seed();
    let r = row(&out, "180");
    assert_eq!(r.title, "Promoting deployment of Internet Protocol version 6");
    assert_eq!(r.contributions, [contribution("C-174", Some("A"), Some("MOD"), None)]);
    assert_eq!(r.affects, [wtsa("64", Some(R64)), wtsa("69", Some(R69))]);
    assert_eq!(
        r.focal_points,
        ["Denis Andreev", "Martin Euchner", "Xiaoya Yang", "Cristina Bueti", "Tatiana Kurakova"]
    );
}

#[test]
fn seed_decision_5() {
    let (text, out) = seed();
    let r = row(&out, "Decision 5");
    assert_eq!(r.title, "Revenue and expenses for the Union for the period 2024-2027");
    // "(Annex 1 and 2)" in the label cell says what C-193 modified.
    assert_eq!(r.contributions, [contribution("C-193", Some("A"), Some("MOD"), Some("(Annex 1 and 2)"))]);
    assert_eq!(r.affects, []);
    assert_eq!(r.focal_points, ["Hugues Depoisier"]);
    assert!(!r.abrogated);
    assert!(text[r.start..r.end].starts_with("\tDecision 5\n(Annex 1 and 2) \nRevenue"));
}

#[test]
fn seed_rows_214_and_215() {
    let (text, out) = seed();
    let r = row(&out, "214");
    assert_eq!(
        r.title,
        "Artificial intelligence technologies and telecommunications/information and communication technologies"
    );
    assert_eq!(r.contributions, [contribution("C-154", Some("A"), Some("ADD"), None)]);
    assert_eq!((r.affects.len(), r.focal_points.as_slice()), (0, &["Reinhard Scholl".to_string()][..]));

    let r = row(&out, "215");
    assert_eq!(
        r.title,
        "Role of telecommunications/information and communication technologies in mitigating global pandemics"
    );
    // "C-184 (A ADD)": the comma is missing in the source.
    assert_eq!(r.contributions, [contribution("C-184", Some("A"), Some("ADD"), None)]);
    assert_eq!(r.affects, []);
    assert_eq!(r.focal_points, ["Simao Campos"]);
    assert_eq!(r.end, text.trim_end().len());
    assert!(text[r.start..r.end].ends_with("\tSimao Campos"));
}

#[test]
fn seed_odd_cells() {
    let (_, out) = seed();
    // A document with no codes, a bookmark before the label.
    let r = row(&out, "66");
    assert_eq!(r.title, "Documents and publications of the Union");
    assert_eq!(r.contributions, [contribution("Doc 83 A16", None, None, None)]);
    assert_eq!(r.affects.iter().map(|a| a.number.as_str()).collect::<Vec<_>>(), ["32", "67", "70", "73"]);
    assert_eq!(r.focal_points, ["Anibal Cabrera Montoya"]);
    // Empty contributions and focal point cells.
    let r = row(&out, "138");
    assert_eq!(r.title, "The Global Symposium for Regulators");
    assert_eq!((r.contributions.len(), r.focal_points.len()), (0, 0));
    assert_eq!(r.affects.iter().map(|a| a.number.as_str()).collect::<Vec<_>>(), ["40", "87"]);
    // Abrogated with "-" for contributions and resolutions.
    let r = row(&out, "72");
    assert!(r.abrogated);
    assert_eq!(
        (r.title.as_str(), r.contributions.len(), r.affects.len()),
        ("Linking strategic, financial and operational planning in ITU", 0, 0)
    );
    assert_eq!(row(&out, "146").contributions, [contribution("TD/83", Some("A"), Some("MOD"), None)]);
    assert_eq!(row(&out, "77").contributions, [contribution("C-195", Some("AWA"), Some("MOD"), None)]);
    assert_eq!(row(&out, "206").contributions, [contribution("C-174", Some("A"), Some("NOC"), None)]);
    assert_eq!(row(&out, "208").affects, [suppressed("35")]);
    let r = row(&out, "191");
    assert_eq!(r.contributions[1], contribution("C-157", Some("A"), Some("REC"), Some("REC#30")));
    assert_eq!(
        r.affects.iter().map(|a| (a.number.as_str(), a.suppressed)).collect::<Vec<_>>(),
        [("18", false), ("44", false), ("45", true)]
    );
    assert_eq!(r.focal_points, ["Martin Euchner", "Alexandra Gaspari"]);
    // Two title lines with no blank line between pairs ("64" then "69").
    let r = row(&out, "101");
    assert_eq!(
        r.affects.iter().map(|a| a.number.as_str()).collect::<Vec<_>>(),
        ["20", "47", "48", "49", "50", "52", "64", "69", "75"]
    );
    assert_eq!(r.affects[6].title.as_deref(), Some(R64));
}

#[test]
fn every_row_span_is_its_text() {
    let (text, out) = seed();
    for r in &out.rows {
        let s = &text[r.start..r.end];
        assert!(s.starts_with('\t'), "{}", r.instrument);
        assert_eq!(s, s.trim_end());
    }
    for w in out.rows.windows(2) {
        assert!(w[0].end < w[1].start);
    }
}

#[test]
fn unreadable_cells_become_diagnostics() {
    let text = "\tPP-Resolutions\n\tContributions\n\tWTSA Resolutions\n\tFocal Point\n\n\
                \t130\nTitle\n\tC-197 (A, MOD)\nsee above\nC-200 (A, XYZ)\n\tStray title\n50\nCybersecurity\n\tXiaoya Yang\n";
    let d = mandates_core::decode::text::decode_text(text.as_bytes()).unwrap();
    let out = extract(&d.text, &d.paras);
    assert_eq!(out.rows.len(), 1);
    let r = &out.rows[0];
    assert_eq!(r.contributions.len(), 2);
    assert_eq!(r.contributions[1], contribution("C-200", Some("A"), None, Some("XYZ")));
    assert_eq!(r.affects, [wtsa("50", Some("Cybersecurity"))]);
    let msgs: Vec<(Severity, &str)> = out.diagnostics.iter().map(|d| (d.severity, &text[d.start..d.end])).collect();
    assert_eq!(
        msgs,
        [(Severity::Warning, "see above"), (Severity::Info, "C-200 (A, XYZ)"), (Severity::Warning, "Stray title")]
    );
}

#[test]
fn no_table_no_rows() {
    let d = mandates_core::decode::text::decode_text(b"1\tIntroduction\n\t11\nA paragraph.\n").unwrap();
    let out = extract(&d.text, &d.paras);
    assert!(out.rows.is_empty() && out.status_codes.is_empty() && out.diagnostics.is_empty());
    // Without paragraphs the text is split into lines.
    let (_, seed_out) = seed();
    let text = String::from_utf8(crate::sample("tsag-td-pp22-highlights.txt")).unwrap();
    assert_eq!(extract(&text, &[]).rows, seed_out.rows);
}

/// A Word table as the .docx reader gives it: one paragraph per Word paragraph, with its cell.
fn word_doc(rows: &[&[&[&str]]]) -> (String, Vec<Para>) {
    let mut text = String::from("5.2\tReference table\n");
    let mut paras = vec![Para::line(0, text.len() - 1)];
    for (r, cells) in rows.iter().enumerate() {
        for (c, ps) in cells.iter().enumerate() {
            for p in *ps {
                let start = text.len();
                text.push_str(p);
                let cell = Some(CellPos { table: 1, row: r as u32, col: c as u32 });
                paras.push(Para::new(start, text.len(), Some("Tabletext".into()), cell, ParaKind::Body));
                text.push('\n');
            }
        }
    }
    (text, paras)
}

#[test]
fn word_table() {
    let (text, mut paras) = word_doc(&[
        &[
            &["PP-Resolutions of relevance to ITU-T/TSB", "(ADD/MOD/SUP/NOC proposals)"],
            &["Contributions / Consolidated proposals and other texts"],
            &["WTSA Resolutions", "(Rev. Geneva, 2022)"],
            &["ITU TSB Focal Point"],
        ],
        &[
            &["11", "ITU TELECOM events", "", "Abrogated"],
            &["C-193 (A, SUP)", "C-157 (A, REC#27)"],
            &["-"],
            &["Jinu Um"],
        ],
        &[
            &["130", "Strengthening the role of ITU"],
            &["C-197 (A, MOD)", "C-188-R1 (AR, REC3)"],
            &["50", "Cybersecurity", "", "59 (SUP)"],
            &["Martin Euchner, ", "May Thi Aye"],
        ],
        &[&["Decision 5", "(Annex 1 and 2)", "Revenue and expenses"], &["C-193 (A, MOD)"], &[""], &[""]],
        &[&[""], &[""], &[""], &[""]],
    ]);
    // A second, unrelated table is not read.
    let start = text.len();
    let mut text = text;
    text.push_str("Some other cell\n");
    paras.push(Para::new(start, text.len() - 1, None, Some(CellPos { table: 2, row: 0, col: 0 }), ParaKind::Body));
    let out = extract(&text, &paras);
    assert_eq!(out.diagnostics, []);
    let labels: Vec<&str> = out.rows.iter().map(|r| r.instrument.as_str()).collect();
    assert_eq!(labels, ["11", "130", "Decision 5"]);
    let r = &out.rows[0];
    assert!(r.abrogated);
    assert_eq!(r.title, "ITU TELECOM events");
    assert_eq!(r.contributions[1], contribution("C-157", Some("A"), Some("REC"), Some("REC#27")));
    assert_eq!(r.focal_points, ["Jinu Um"]);
    assert!(text[r.start..r.end].starts_with("11\nITU TELECOM events"));
    assert!(text[r.start..r.end].ends_with("Jinu Um"));
    let r = &out.rows[1];
    assert_eq!(r.affects, [wtsa("50", Some("Cybersecurity")), suppressed("59")]);
    assert_eq!(r.focal_points, ["Martin Euchner", "May Thi Aye"]);
    let r = &out.rows[2];
    assert_eq!(r.title, "Revenue and expenses");
    assert_eq!(r.contributions, [contribution("C-193", Some("A"), Some("MOD"), Some("(Annex 1 and 2)"))]);
}

#[test]
fn word_legend_table() {
    let (text, paras) = word_doc(&[&[&["(A)"], &["Approved"]], &[&["ADD ="], &["addition of a new resolution"]]]);
    let out = extract(&text, &paras);
    let got: Vec<(&str, &str)> = out.status_codes.iter().map(|c| (c.code.as_str(), c.meaning.as_str())).collect();
    assert_eq!(got, [("A", "Approved"), ("ADD", "addition of a new resolution")]);
}

fn instrument(kind: InstrumentKind, body: Option<&str>, number: &str) -> Instrument {
    Instrument {
        kind,
        body: body.map(Into::into),
        number: Some(number.into()),
        revision: None,
        title: None,
        status: None,
        section: None,
        committee: None,
        citation: String::new(),
        enacting_formula: None,
        blocks: vec![],
        sections: vec![],
        annexes: vec![],
        start: 0,
        end: 0,
    }
}

#[test]
fn marks_abrogated_instruments() {
    let (_, out) = seed();
    let mut instruments = vec![
        instrument(InstrumentKind::Resolution, None, "11"),
        instrument(InstrumentKind::Resolution, Some("PP"), "72"),
        instrument(InstrumentKind::Resolution, Some("WTSA"), "11"),
        instrument(InstrumentKind::Resolution, Some("PP"), "130"),
        instrument(InstrumentKind::Decision, Some("PP"), "11"),
    ];
    mark_abrogated(&mut instruments, &out.rows);
    let status: Vec<Option<InstrumentStatus>> = instruments.iter().map(|i| i.status).collect();
    assert_eq!(status, [Some(InstrumentStatus::Abrogated), Some(InstrumentStatus::Abrogated), None, None, None]);

    let mut decision = vec![instrument(InstrumentKind::Decision, None, "5")];
    let mut rows = vec![row(&out, "Decision 5").clone()];
    mark_abrogated(&mut decision, &rows);
    assert_eq!(decision[0].status, None);
    rows[0].abrogated = true;
    mark_abrogated(&mut decision, &rows);
    assert_eq!(decision[0].status, Some(InstrumentStatus::Abrogated));
}

fn check(text: &str, paras: &[Para]) {
    let out = extract(text, paras);
    for r in &out.rows {
        assert!(r.start <= r.end && text.get(r.start..r.end).is_some(), "{r:?}");
    }
    for d in &out.diagnostics {
        assert!(d.start <= d.end && text.get(d.start..d.end).is_some(), "{d:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_on_text(s in "\\PC{0,300}") {
        let d = mandates_core::decode::text::decode_text(s.as_bytes());
        if let Ok(d) = d {
            check(&d.text, &d.paras);
        }
        check(&s, &[]);
    }

    #[test]
    fn never_panics_on_table_like_text(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("\t"), Just("\n"), Just("\n\n"), Just("Contributions"), Just("Focal Point"), Just("WTSA Resolutions"),
                Just("11"), Just("Decision 5"), Just("Title"), Just("Abrogated"), Just("(Annex 1)"), Just("C-193 (A, SUP)"),
                Just("C-184 (A ADD"), Just("("), Just(")"), Just(","), Just("-"), Just("59 (SUP)"), Just("Jinu Um"),
                Just("\u{a0}"), Just("[bookmark: _Hlk1]"), Just("(A): "), Just("ADD = "), Just("é"), Just("see"),
            ],
            0..60,
        )
    ) {
        let s: String = parts.concat();
        let d = mandates_core::decode::text::decode_text(s.as_bytes()).unwrap();
        check(&d.text, &d.paras);
    }

    #[test]
    fn never_panics_on_odd_paragraphs(
        s in "[\\t a-zA-Z0-9(),\u{e9}\n-]{0,120}",
        spans in proptest::collection::vec((0usize..130, 0usize..130, proptest::option::of((0u32..3, 0u32..4, 0u32..5))), 0..20),
    ) {
        let paras: Vec<Para> = spans
            .into_iter()
            .map(|(a, b, cell)| {
                Para::new(a, b, None, cell.map(|(table, row, col)| CellPos { table, row, col }), ParaKind::Body)
            })
            .collect();
        check(&s, &paras);
    }
}

#[test]
fn a_runaway_cell_ends_the_table_with_a_warning() {
    let mut text =
        String::from("\tPP-Resolutions\n\tContributions\n\tWTSA Resolutions\n\tFocal Point\n\n\t11\nTitle\n");
    for k in 0..500 {
        text.push_str(&format!("line {k} of a document that is not a table\n"));
    }
    text.push_str("\tC-193 (A, SUP)\n");
    let d = mandates_core::decode::text::decode_text(text.as_bytes()).unwrap();
    let out = extract(&d.text, &d.paras);
    assert_eq!(out.rows.len(), 1);
    assert_eq!(out.diagnostics.len(), 2, "{:?}", out.diagnostics);
    assert!(out.diagnostics.iter().all(|d| d.severity == Severity::Warning));
    assert!(out.diagnostics[1].message.contains("runs over 400 lines"));
}
