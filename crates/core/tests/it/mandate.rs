//! Mandates: the cadence, reporting target and deadline read from an item's action text, and the mandates the
//! seed's instruments yield. Every expected value was read off the sentence or the document, not copied from the
//! code's output.

use mandates_core::mandate::{Cadence, Deadline, MandateDraft, Reporting, derive};
use mandates_core::model::{Document, Instrument};

use crate::seed;

const SG: &str = "Secretary-General";
const BR: &str = "Director BR";
const TSB: &str = "Director TSB";
const BDT: &str = "Director BDT";

fn read(text: &str) -> Reporting {
    Reporting::read(text)
}

fn deadline(text: &str, year: Option<u16>) -> Option<Deadline> {
    Some(Deadline { text: text.to_owned(), year })
}

/// (cadence, report_to, also_report_to, deadline) in one value, for compact assertions.
fn r(cadence: Option<Cadence>, to: Option<&str>, also: &[&str], deadline: Option<Deadline>) -> Reporting {
    Reporting {
        cadence,
        report_to: to.map(str::to_owned),
        also_report_to: also.iter().map(|s| s.to_string()).collect(),
        deadline,
    }
}

fn none() -> Reporting {
    Reporting::default()
}

use Cadence::*;

// ---- Reporting::read on the seed's sentences (line numbers of samples/tsag-td-pp22-highlights.txt) ----

#[test]
fn seed_sentences_that_report_annually_to_council() {
    // Line 83, Resolution 25 item 5.
    assert_eq!(
        read(
            "to report annually to the Council on the implementation of all activities of the three Sectors and the \
             General Secretariat in the regions under the coordination of the regional and area offices,"
        ),
        r(Some(Annually), Some("Council"), &[], None)
    );
    // Line 139, Resolution 130 item 8.
    assert_eq!(
        read(
            "to report annually to the Council on the implementation of this resolution, and on the activities of the \
             three Sectors and the General Secretariat to build confidence and security in the use of ICTs in line \
             with WSIS Action Line C5, and to make proposals as appropriate;"
        ),
        r(Some(Annually), Some("Council"), &[], None)
    );
    // Line 287, Decision 5 item 1: "provide to X ... a report", "on an annual basis".
    assert_eq!(
        read(
            "to provide to the Council, on an annual basis, a report on ITU budget implementation for the previous \
             year and anticipated implementation of the ITU budget for the current year and outlining savings \
             achieved through the implementation of each item in Annex 2 to this decision;"
        ),
        r(Some(Annually), Some("Council"), &[], None)
    );
}

#[test]
fn seed_annual_report_to_the_itu_council_is_due_a_month_before_the_session() {
    // Line 112, Resolution 101: the report goes "to the ITU Council" and is distributed "one month before the
    // Council session", which is when it is due.
    let text = "to prepare a detailed annual report on the implementation of this resolution to the ITU Council with \
                the appropriate input from Member States, Sector Members, the three Sectors and the General \
                Secretariat, that provides a comprehensive summary of the activities that ITU is already undertaking \
                in regard to IP-based networks; the report shall indicate the degree of cooperation between ITU and \
                these organizations, and shall be distributed widely among the Member States and Sector Members, the \
                advisory groups of the three Sectors and other groups involved one month before the Council session;";
    assert_eq!(
        read(text),
        r(Some(Annually), Some("Council"), &[], deadline("one month before the Council session", None))
    );
}

#[test]
fn seed_two_targets_next_pp_and_annually_council() {
    // Line 300, Resolution 214 item 6: one report to the next PP and annual ones to Council.
    assert_eq!(
        read(
            "to report to the next Plenipotentiary Conference and annually to Council on any ITU activities related \
             to AI and the implementation of this resolution,"
        ),
        r(Some(Annually), Some("PP"), &["Council"], deadline("the next Plenipotentiary Conference", None))
    );
}

#[test]
fn seed_submit_to_the_2024_session_of_council() {
    // Line 329, COM6 Recommendation on One ITU. The second sentence is the Council's own task (report to the
    // next PP), not the Secretary-General's, so it adds no target.
    assert_eq!(
        read(
            "PP22 instructs the Secretary-General coordinating with the Directors of the Bureaux to submit to the \
             2024 session of Council a report on the implementation of the concept of One ITU. The Council is \
             instructed to evaluate the Secretary-General’s report and report to the next Plenipotentiary \
             Conference on the implementation of the One ITU concept inter alia, the activities of regional and \
             area offices."
        ),
        r(None, Some("Council"), &[], deadline("the 2024 session of Council", Some(2024)))
    );
}

#[test]
fn seed_other_targets() {
    // Line 200, Resolution 177: "... and report to the Council;", no cadence.
    assert_eq!(
        read(
            "to develop the criteria for assessing the maturity of Pillar 1 of the Action plan mentioned in \
             recognizing further j) above and report to the Council;"
        ),
        r(None, Some("Council"), &[], None)
    );
    // Line 283, Resolution 208: not a canonical body (each Director reports to the assembly of its own Sector):
    // kept as written.
    assert_eq!(
        read(
            "to report to relevant Assemblies or Conferences on the participation of chairmen and vice-chairmen of \
             the Sector advisory groups, study groups and other groups in the group meetings during the previous \
             study period,"
        ),
        r(None, Some("relevant Assemblies or Conferences"), &[], None)
    );
    // Line 176, Resolution 140 item 5: contributions go to the Secretary-General's annual reports.
    assert_eq!(
        read(
            "to submit contributions to the relevant annual reports of the ITU Secretary-General on these activities,"
        ),
        r(Some(Annually), Some(SG), &[], None)
    );
    // Line 174, Resolution 140 item 3: a summary provided to a Council working group, kept as written.
    assert_eq!(
        read(
            "to provide CWG-WSIS&SDG with a comprehensive summary of Sector’s activities on implementation of the \
             WSIS outcomes and the 2030 Agenda for Sustainable Development, including emerging trends;"
        ),
        r(None, Some("CWG-WSIS&SDG"), &[], None)
    );
    // Line 312, Resolution 215: keeping Member States updated is information to them.
    assert_eq!(
        read(
            "to institute a framework for achieving these objectives and continue to update Member States on how to \
             tackle future and emerging global pandemics using telecommunications/ICTs;"
        ),
        r(None, Some("Member States"), &[], None)
    );
}

#[test]
fn seed_sentences_without_a_report() {
    // Line 195, Resolution 176: a cadence, but the portal is not a body reported to.
    assert_eq!(
        read("to regularly update the ITU portal on EMF activities and public information;"),
        r(Some(Regularly), None, &[], None)
    );
    // Line 265, Resolution 200: a report whose recipient the excerpt does not name; "contributes to the Connect
    // 2030 Agenda" is no destination and "2024-2027" no deadline.
    assert_eq!(
        read(
            "to report on the progress towards achievement of the objectives and outcomes of the work of each \
             Sector, as elaborated in the strategic plan for the Union for 2024-2027, that contributes to the \
             Connect 2030 Agenda, "
        ),
        none()
    );
    // Line 87, Resolution 25: "reporting to the regional director" is a line of management.
    assert_eq!(
        read(
            "to review and determine the appropriate posts, including permanent posts, in regional and area offices, \
             and strive to ensure that each region has at least one professional with skills and knowledge relevant \
             to act as the focal point of each of the three Sectors, reporting to the regional director,"
        ),
        none()
    );
    // Line 91, Resolution 25: information is provided and requests submitted, but to no named body; "to
    // facilitate the participation of all Member States" is a purpose, not a destination.
    assert_eq!(
        read(
            "to continue coordinating with the Director of BDT to provide information on their Sectors' activities, \
             as well as the necessary expertise, and submit requests and/or proposals from regional and area \
             offices, to strengthen cooperation and coordination with the relevant regional and UN organizations \
             and to facilitate the participation of all Member States and Sector Members in the activities of the \
             three Sectors of the Union in accordance with the “One ITU”;"
        ),
        none()
    );
    // Line 309, Resolution 215: assistance to Member States is no report.
    assert_eq!(
        read(
            "to provide assistance, if requested, to Member States on updating their National Telecommunication \
             Emergency Plans (NTEP), taking into account COVID-19 pandemic as well as future pandemics,"
        ),
        none()
    );
    // Line 147, Resolution 130: WTSA-20 and WTDC-22 are cited, not deadlines.
    assert_eq!(
        read(
            "to implement relevant resolutions of both WTSA-20 and WTDC-22, including ITU-D priority on inclusive \
             and secure telecommunications/ICTs for sustainable development of the Kigali Action Plan,"
        ),
        none()
    );
    // Line 228, Resolution 188: assisting ISCG is not reporting to it.
    assert_eq!(
        read(
            "RAG, TSAG and TDAG to continue to assist ISCG in identifying subjects of mutual interest to the three \
             Sectors and mechanisms to enhance their cooperation and collaboration;"
        ),
        none()
    );
    // Line 148, Resolution 130: disseminating information to Member States is outreach, not a report to them.
    assert_eq!(
        read(
            "to disseminate to ITU Member States, in particular developing countries, information on guidelines, \
             recommendations, technical reports and best practices related to cybersecurity;"
        ),
        none()
    );
}

// ---- Reporting::read on phrasing of other ITU and UN resolutions ----

#[test]
fn assemblies_and_conferences_with_their_years() {
    // WTSA resolutions: "to report to WTSA-24 on the results achieved".
    assert_eq!(
        read("to submit a report to WTSA-24 on the results achieved in the implementation of this resolution;"),
        r(None, Some("WTSA"), &[], deadline("WTSA-24", Some(2024)))
    );
    assert_eq!(
        read("to report on the progress made to PP-26;"),
        r(None, Some("PP"), &[], deadline("PP-26", Some(2026)))
    );
    assert_eq!(
        read(
            "to report to the next World Telecommunication Development Conference on the implementation of this \
             resolution;"
        ),
        r(None, Some("WTDC"), &[], deadline("the next World Telecommunication Development Conference", None))
    );
    assert_eq!(
        read("to submit to the World Telecommunication Standardization Assembly a report on the activities;"),
        r(None, Some("WTSA"), &[], None)
    );
    assert_eq!(
        read("to report to the Council at its 2025 session on the measures taken;"),
        r(None, Some("Council"), &[], deadline("the Council at its 2025 session", Some(2025)))
    );
    assert_eq!(
        read("to report annually to the ITU Council on the implementation of this resolution;"),
        r(Some(Annually), Some("Council"), &[], None)
    );
}

#[test]
fn cadences_of_itu_texts() {
    assert_eq!(
        read("to report to each Plenipotentiary Conference on the implementation of this resolution;"),
        r(Some(EveryFourYears), Some("PP"), &[], None)
    );
    assert_eq!(
        read("to report to each session of Council on the progress made;"),
        r(Some(EachSession), Some("Council"), &[], None)
    );
    // Reported "at" each TSAG meeting: TSAG is the body reported to.
    assert_eq!(
        read("to report on the results of this work at each meeting of TSAG;"),
        r(Some(EachSession), Some("TSAG"), &[], None)
    );
    assert_eq!(
        read("to submit a report to each WTSA on the implementation of this resolution;"),
        r(Some(EveryFourYears), Some("WTSA"), &[], None)
    );
    assert_eq!(
        read("to report periodically to the Council on the activities undertaken;"),
        r(Some(Regularly), Some("Council"), &[], None)
    );
    assert_eq!(read("to report each year to the Council;"), r(Some(Annually), Some("Council"), &[], None));
    assert_eq!(
        read("to keep the Council informed every year of the progress made;"),
        r(Some(Annually), Some("Council"), &[], None)
    );
    assert_eq!(
        read("to report on a regular basis to TDAG on the implementation of the Kigali Action Plan;"),
        r(Some(Regularly), Some("TDAG"), &[], None)
    );
    // The specific cadence wins over "regularly".
    assert_eq!(
        read("to regularly update the database and to report annually to Council on its use;"),
        r(Some(Annually), Some("Council"), &[], None)
    );
    // "include in his annual report to the Council": the report noun with its destination.
    assert_eq!(
        read("to include in his annual report to the Council information on the progress achieved;"),
        r(Some(Annually), Some("Council"), &[], None)
    );
}

#[test]
fn deadlines_by_and_before() {
    assert_eq!(
        read("to complete the study by 2025 and report to TSAG;"),
        r(None, Some("TSAG"), &[], deadline("by 2025", Some(2025)))
    );
    assert_eq!(
        read("to present a progress report to TSAG before the end of 2024;"),
        r(None, Some("TSAG"), &[], deadline("before the end of 2024", Some(2024)))
    );
    // Not deadlines: "by" an agent or a means.
    assert_eq!(read("to build confidence by developing Recommendations, Supplements and Questions;"), none());
    assert_eq!(read("to implement the measures adopted by the Secretary-General;").deadline, None);
}

#[test]
fn un_general_assembly_phrasing() {
    // The General Assembly is "UNGA" (DOMAIN.md); the session is the deadline, its year is not written.
    assert_eq!(
        read(
            "Requests the Secretary-General to report to the General Assembly at its seventy-ninth session on the \
             implementation of the present resolution."
        ),
        r(None, Some("UNGA"), &[], deadline("the General Assembly at its seventy-ninth session", None))
    );
    assert_eq!(
        read(
            "Requests the Secretary-General to submit to the General Assembly at its eightieth session a report on \
             the implementation of the present resolution;"
        ),
        r(None, Some("UNGA"), &[], deadline("the General Assembly at its eightieth session", None))
    );
    assert_eq!(
        read("Requests the Secretary-General to report biennially to the General Assembly on progress;"),
        r(Some(Biennially), Some("UNGA"), &[], None)
    );
    // A note of a report is no request for one.
    assert_eq!(
        read("Takes note of the report of the Secretary-General on the implementation of resolution 77/150;"),
        none()
    );
}

#[test]
fn mentions_of_council_that_are_not_reports() {
    // A recital: no instruction, so neither a target nor an annual cadence.
    assert_eq!(read("recalling the annual report of Council on the implementation of the strategic plan,"), none());
    assert_eq!(read("to assist Council in its work on the strategic plan and the financial plan;"), none());
    assert_eq!(read("to contribute to the work of the Council Working Group on WSIS&SDG;"), none());
    assert_eq!(read("to organize workshops in accordance with Council Resolution 1305;"), none());
    assert_eq!(read("to provide developing countries with assistance in building capacity;"), none());
}

#[test]
fn never_panics_and_cuts_at_char_boundaries() {
    let texts = [
        "to report annually to the Cöuncil’s “2024 session” by 2025—before WTSA‑24;",
        "’to submit to ‘CWG-Ñ’ a résumé each year by 20",
        "report to",
        "to",
        "by",
        "before",
        "each",
        "one month before",
        "to provide à with a report",
        "to report to the the the the the the the the the the",
        "wtsa-\u{e9}9 pp-2 pp-",
    ];
    for text in texts {
        for (i, _) in text.char_indices() {
            let _ = read(&text[i..]);
            let _ = read(&text[..i]);
        }
        let _ = read(text);
    }
}

proptest::proptest! {
    #[test]
    fn never_panics_on_any_text(s in "\\PC{0,200}") {
        let _ = Reporting::read(&s);
    }

    #[test]
    fn never_panics_on_reporting_words(words in proptest::collection::vec(proptest::sample::select(vec![
        "to", "report", "annually", "the", "Council", "next", "2024", "WTSA-24", "PP-", "by", "before", "each",
        "session", "of", ",", ";", "\n", "and", "submit", "provide", "with", "a", "keep", "informed", "at", "its",
        "end", "month", "one", "é", "’",
    ]), 0..40)) {
        let text = words.join(" ");
        let _ = Reporting::read(&text);
    }
}

// ---- derive on the seed ----

fn by_section<'a>(doc: &'a Document, section: &str) -> &'a Instrument {
    let found: Vec<_> =
        doc.instruments.iter().filter(|i| i.section.as_deref() == Some(section) && i.committee.is_none()).collect();
    assert_eq!(found.len(), 1, "one instrument in section {section}");
    found[0]
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

fn labels(ms: &[&MandateDraft]) -> Vec<String> {
    ms.iter().map(|m| m.label.clone().unwrap_or_else(|| "·".into())).collect()
}

#[test]
fn resolution_130_mandates_by_block() {
    let doc = seed();
    let r130 = by_section(&doc, "2.6");
    assert_eq!(r130.number.as_deref(), Some("130"));
    let ms = derive(r130);
    let block = |b: usize| ms.iter().filter(|m| m.block == b).collect::<Vec<_>>();

    // resolves 1, 2, 3, 10, 11: the Union's own work; item 3 names ITU ("that ITU should continue ...").
    let resolves = block(0);
    assert_eq!(labels(&resolves), s(&["1", "2", "3", "10", "11"]));
    for m in &resolves {
        assert_eq!(m.verb.as_deref(), Some("resolves"));
        assert!(m.sectors.t && m.sectors.r && m.sectors.d, "resolves {:?} concerns the three Sectors", m.label);
    }
    assert_eq!(resolves[0].addressees, Vec::<String>::new());
    assert_eq!(resolves[2].addressees, s(&["ITU"]));

    // instructs the Secretary-General and the Directors of the Bureaux 1, 7, 8.
    let sg = block(1);
    assert_eq!(labels(&sg), s(&["1", "7", "8"]));
    for m in &sg {
        assert_eq!(m.heading.as_deref(), Some("instructs the Secretary-General and the Directors of the Bureaux"));
        assert_eq!(m.addressees, s(&[SG, BR, TSB, BDT]));
        assert!(m.sectors.t);
    }

    // instructs the Director TSB: the unnumbered "to intensify work ..." with its i) and iii), then 4 and 5.
    let tsb = block(2);
    assert_eq!(labels(&tsb), s(&["·", "4", "5"]));
    for m in &tsb {
        assert_eq!(m.addressees, s(&[TSB]));
        assert!(m.sectors.t && !m.sectors.r && !m.sectors.d);
    }
    assert!(tsb[0].action.starts_with("to intensify work within existing ITU-T study groups in order to:\ni) address"));
    assert!(tsb[0].action.contains("\niii) to encourage collaboration among the various ITU-T study groups"));

    // further instructs the Directors TSB and BDT: 1, 2, 4, 5, 8, 9, 11, 12, 18.
    let further = block(3);
    assert_eq!(labels(&further), s(&["1", "2", "4", "5", "8", "9", "11", "12", "18"]));
    for m in &further {
        assert_eq!(m.verb.as_deref(), Some("further instructs"));
        assert_eq!(m.addressees, s(&[TSB, BDT]));
        assert!(m.sectors.t && m.sectors.d && !m.sectors.r);
    }
    assert_eq!(ms.len(), 5 + 3 + 3 + 9);

    // Item 8 is the only one that reports.
    let item8 = sg[2];
    assert!(doc.text[item8.start..item8.end].contains("to report annually to the Council on the implementation"));
    assert_eq!(item8.reporting, r(Some(Annually), Some("Council"), &[], None));
    let reporting: Vec<_> = ms.iter().filter(|m| m.reporting.report_to.is_some()).map(|m| m.label.clone()).collect();
    assert_eq!(reporting, vec![Some("8".to_owned())]);
}

fn item<'a>(ms: &'a [MandateDraft], block_heading_starts: &str, label: &str) -> &'a MandateDraft {
    ms.iter()
        .find(|m| {
            m.heading.as_deref().is_some_and(|h| h.starts_with(block_heading_starts))
                && m.label.as_deref() == Some(label)
        })
        .unwrap_or_else(|| panic!("item {label} under {block_heading_starts}"))
}

#[test]
fn resolution_25_item_5_reports_annually_to_council() {
    let doc = seed();
    let ms = derive(by_section(&doc, "2.1"));
    let m = item(&ms, "instructs the Secretary-General", "5");
    assert_eq!(m.addressees, s(&[SG]));
    assert_eq!(m.partners, s(&[BR, TSB, BDT]));
    assert!(m.sectors.t);
    assert_eq!(m.reporting, r(Some(Annually), Some("Council"), &[], None));
    // The Director BDT's item 4 ("reporting to the regional director") reports to no body.
    let m4 = item(&ms, "instructs the Director of the Telecommunication Development Bureau", "4");
    assert_eq!(m4.reporting, none());
}

#[test]
fn decision_5_item_1_provides_an_annual_report_to_council() {
    let doc = seed();
    let d5 = by_section(&doc, "2.22");
    assert_eq!(d5.number.as_deref(), Some("5"));
    let ms = derive(d5);
    assert_eq!(ms.len(), 1);
    let m = item(&ms, "instructs the Secretary-General and the Directors of the Bureaux", "1");
    assert_eq!(m.addressees, s(&[SG, BR, TSB, BDT]));
    assert!(m.sectors.t);
    assert_eq!(m.reporting, r(Some(Annually), Some("Council"), &[], None));
}

#[test]
fn resolution_214_item_6_reports_to_the_next_pp_and_annually_to_council() {
    let doc = seed();
    let ms = derive(by_section(&doc, "3.1"));
    let m = item(&ms, "instructs the Secretary-General", "6");
    assert_eq!(m.addressees, s(&[SG]));
    assert_eq!(
        m.reporting,
        r(Some(Annually), Some("PP"), &["Council"], deadline("the next Plenipotentiary Conference", None))
    );
    // The two targets in JSON: also_report_to appears only when there is one.
    let json = serde_json::to_value(m).unwrap();
    assert_eq!(json["report_to"], "PP");
    assert_eq!(json["also_report_to"], serde_json::json!(["Council"]));
    assert_eq!(json["cadence"], "annually");
    let m1 = serde_json::to_value(item(&ms, "instructs the Secretary-General", "1")).unwrap();
    assert!(m1.get("also_report_to").is_none());
    // JSON written before also_report_to existed still reads back.
    let old: Reporting =
        serde_json::from_str(r#"{"cadence":"annually","report_to":"Council","deadline":null}"#).unwrap();
    assert_eq!(old, r(Some(Annually), Some("Council"), &[], None));
}

#[test]
fn one_itu_recommendation_submits_to_the_2024_session_of_council() {
    let doc = seed();
    let rec = doc.instruments.iter().find(|i| i.section.as_deref() == Some("4.4")).expect("section 4.4");
    let ms = derive(rec);
    assert_eq!(ms.len(), 1);
    assert_eq!(ms[0].addressees, s(&[SG]));
    assert_eq!(ms[0].reporting, r(None, Some("Council"), &[], deadline("the 2024 session of Council", Some(2024))));
}

#[test]
fn deadlines_with_a_session_or_an_interval() {
    assert_eq!(
        read("to submit the draft to TSAG before the 2025 session of Council;").deadline,
        deadline("before the 2025 session of Council", Some(2025))
    );
    assert_eq!(
        read("to circulate the report to Member States at least two weeks prior to the meeting of TSAG;").deadline,
        deadline("at least two weeks prior to the meeting of TSAG", None)
    );
    assert_eq!(
        read("to report to TSAG no later than June 2025 on the results;").deadline,
        deadline("no later than June 2025", Some(2025))
    );
}
