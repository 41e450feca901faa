//! Revision diffs on pairs of texts of Resolution 130 (`tests/data/diff/`, see its README): each edited variant
//! against the base text, and the Dubai 2018 and Bucharest 2022 texts kept by the store's tests. Expected values
//! were read off the files.

use mandates_core::diff::{
    self, BlockChange, BlockDiff, ClauseRef, InstrumentDiff, ItemChange, ItemDiff, ReportingChangeKind, WordOp,
};
use mandates_core::model::{Block, BlockKind, Instrument, InstrumentKind, Item};
use proptest::prelude::*;

const SG: &str = "Secretary-General";
const BR: &str = "Director BR";
const TSB: &str = "Director TSB";
const BDT: &str = "Director BDT";
const TSB_HEADING: &str = "instructs the Director of the Telecommunication Standardization Bureau";
const SG_HEADING: &str = "instructs the Secretary-General and the Directors of the Bureaux";

fn read(path: std::path::PathBuf) -> mandates_core::Document {
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    mandates_core::parse(&path.display().to_string(), &bytes, &Default::default()).expect("parses")
}

fn data(name: &str) -> mandates_core::Document {
    read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/diff").join(name))
}

fn only(doc: &mandates_core::Document) -> &Instrument {
    assert_eq!(doc.instruments.len(), 1, "{}", doc.source.name);
    &doc.instruments[0]
}

/// The base text of Resolution 130 against an edited variant.
fn against_base(variant: &str) -> InstrumentDiff {
    let (old, new) = (data("res130-base.txt"), data(variant));
    diff::compare(only(&old), only(&new))
}

fn block<'a>(d: &'a InstrumentDiff, heading: &str) -> &'a BlockDiff {
    d.blocks
        .iter()
        .find(|b| b.new_heading.as_deref().or(b.old_heading.as_deref()).is_some_and(|h| h.starts_with(heading)))
        .unwrap_or_else(|| panic!("no block {heading}"))
}

/// The changed items of a block as (change, old label, new label).
fn changes(b: &BlockDiff) -> Vec<(ItemChange, Option<&str>, Option<&str>)> {
    b.items
        .iter()
        .filter(|i| i.change != ItemChange::Unchanged)
        .map(|i| {
            (i.change, i.old.as_ref().and_then(|s| s.label.as_deref()), i.new.as_ref().and_then(|s| s.label.as_deref()))
        })
        .collect()
}

fn labels(list: &[ClauseRef]) -> Vec<(Option<&str>, Option<&str>)> {
    list.iter().map(|c| (c.old_label.as_deref(), c.label.as_deref())).collect()
}

/// (addressee, added, removed, changed) as (old label, new label) pairs.
type AddresseeLine<'a> = (
    Option<&'a str>,
    Vec<(Option<&'a str>, Option<&'a str>)>,
    Vec<(Option<&'a str>, Option<&'a str>)>,
    Vec<(Option<&'a str>, Option<&'a str>)>,
);

fn addressees(d: &InstrumentDiff) -> Vec<AddresseeLine<'_>> {
    d.summary
        .addressees
        .iter()
        .map(|a| (a.addressee.as_deref(), labels(&a.added), labels(&a.removed), labels(&a.changed)))
        .collect()
}

#[test]
fn a_new_instruction_to_the_director_tsb() {
    let d = against_base("res130-added.txt");
    let c = d.summary.counts;
    assert_eq!((c.added, c.removed, c.reworded, c.renumbered, c.moved, c.unchanged), (1, 0, 0, 0, 0, 21));
    assert_eq!(changes(block(&d, TSB_HEADING)), [(ItemChange::Added, None, Some("4"))]);
    assert_eq!(block(&d, TSB_HEADING).unchanged_items, 3);
    assert_eq!(addressees(&d), [(Some(TSB), vec![(None, Some("4"))], vec![], vec![])]);
    // "... and to report annually to TSAG on the progress made": a new reporting duty.
    assert_eq!(d.summary.reporting.len(), 1);
    let r = &d.summary.reporting[0];
    assert_eq!(r.change, ReportingChangeKind::NewDuty);
    assert_eq!(r.addressees, [TSB]);
    let new = r.new.as_ref().expect("the new clause's reporting");
    assert_eq!(new.report_to.as_deref(), Some("TSAG"));
    assert_eq!(new.cadence, Some(mandates_core::mandate::Cadence::Annually));
    assert!(r.old.is_none());
    // Only the changed block is not unchanged.
    let changed: Vec<_> = d.blocks.iter().filter(|b| b.change != BlockChange::Unchanged).collect();
    assert_eq!(changed.len(), 1);
}

#[test]
fn a_deleted_item_and_the_renumbering_after_it() {
    let d = against_base("res130-deleted.txt");
    let b = block(&d, SG_HEADING);
    assert_eq!(
        changes(b),
        [
            (ItemChange::Removed, Some("2"), None),
            (ItemChange::Renumbered, Some("3"), Some("2")),
            (ItemChange::Renumbered, Some("4"), Some("3")),
        ]
    );
    let removed = &b.items[1];
    assert!(removed.old.as_ref().unwrap().text.as_str().starts_with("to consider the results of the GCI"));
    // The renumbered items kept their words: no change of substance, no reporting change.
    assert!(b.items.iter().all(|i| !i.reworded));
    let removed_for = |who: &'static str| (Some(who), vec![], vec![(Some("2"), None)], vec![]);
    assert_eq!(addressees(&d), [removed_for(SG), removed_for(BR), removed_for(TSB), removed_for(BDT)]);
    assert!(d.summary.reporting.is_empty(), "{:?}", d.summary.reporting);
}

#[test]
fn a_new_2bis_is_added_and_nothing_else_moves() {
    let d = against_base("res130-bis.txt");
    assert_eq!(changes(block(&d, TSB_HEADING)), [(ItemChange::Added, None, Some("2bis"))]);
    // Shown where it stands: after 2, before 3.
    let order: Vec<_> =
        block(&d, TSB_HEADING).items.iter().map(|i| i.new.as_ref().and_then(|s| s.label.as_deref())).collect();
    assert_eq!(order, [Some("1"), Some("2"), Some("2bis"), Some("3")]);
    assert_eq!(addressees(&d), [(Some(TSB), vec![(None, Some("2bis"))], vec![], vec![])]);
    assert_eq!(d.summary.counts.unchanged, 21);
}

#[test]
fn renumbering_after_an_inserted_item_is_recognised() {
    // The final text numbers the new item 3, and the old 3 becomes 4.
    let d = against_base("res130-renumbered.txt");
    let b = block(&d, TSB_HEADING);
    assert_eq!(changes(b), [(ItemChange::Added, None, Some("3")), (ItemChange::Renumbered, Some("3"), Some("4"))]);
    let renumbered = &b.items[3];
    assert!(renumbered.new.as_ref().unwrap().text.as_str().starts_with("to continue to collaborate with the Director"));
    assert_eq!(renumbered.similarity, 1.0);
    // The old 3 is not reported as changed, only the new 3 as new.
    assert_eq!(addressees(&d), [(Some(TSB), vec![(None, Some("3"))], vec![], vec![])]);
}

#[test]
fn moved_items_within_and_between_blocks() {
    let d = against_base("res130-moved.txt");
    // resolves 3 and 4 changed places: one of them is out of order, the other only renumbered.
    assert_eq!(
        changes(block(&d, "resolves")),
        [(ItemChange::Moved, Some("4"), Some("3")), (ItemChange::Renumbered, Some("3"), Some("4"))]
    );
    // instructs TSB 2 went to the end of "further instructs" as 10; TSB 3 became 2.
    assert_eq!(changes(block(&d, TSB_HEADING)), [(ItemChange::Renumbered, Some("3"), Some("2"))]);
    let further = block(&d, "further instructs");
    assert_eq!(changes(further), [(ItemChange::Moved, Some("2"), Some("10"))]);
    let moved: &ItemDiff = further.items.iter().find(|i| i.change == ItemChange::Moved).unwrap();
    assert_eq!(moved.moved_from.as_deref(), Some(TSB_HEADING));
    // "programmes." became "programmes;" and "Question 3/2;" became "3/2.": closing marks are not rewording.
    assert!(!moved.reworded);
    assert_eq!(further.unchanged_items, 9);
    // The Director TSB is asked the same; the Director BDT, addressed by "further instructs", is asked more.
    assert_eq!(addressees(&d), [(Some(BDT), vec![(Some("2"), Some("10"))], vec![], vec![])]);
}

#[test]
fn an_edited_deadline() {
    let d = against_base("res130-deadline.txt");
    let b = block(&d, SG_HEADING);
    assert_eq!(changes(b), [(ItemChange::Reworded, Some("4"), Some("4"))]);
    let item = b.items.iter().find(|i| i.reworded).unwrap();
    let deleted: Vec<_> = item.words.iter().filter(|w| w.op == WordOp::Delete).map(|w| w.text.as_str()).collect();
    let inserted: Vec<_> = item.words.iter().filter(|w| w.op == WordOp::Insert).map(|w| w.text.as_str()).collect();
    assert_eq!((deleted, inserted), (vec!["2024"], vec!["2025"]));

    assert_eq!(d.summary.reporting.len(), 1, "{:?}", d.summary.reporting);
    let r = &d.summary.reporting[0];
    assert_eq!(r.change, ReportingChangeKind::DeadlineChanged);
    assert_eq!(r.addressees, [SG, BR, TSB, BDT]);
    let deadline = |r: &Option<mandates_core::mandate::Reporting>| {
        let d = r.as_ref().and_then(|r| r.deadline.clone()).expect("a deadline");
        (d.text, d.year)
    };
    assert_eq!(deadline(&r.old), ("the 2024 session of Council".to_owned(), Some(2024)));
    assert_eq!(deadline(&r.new), ("the 2025 session of Council".to_owned(), Some(2025)));
    assert_eq!(r.new.as_ref().unwrap().report_to.as_deref(), Some("Council"));

    let md = diff::render::markdown_instrument(&d);
    assert!(md.contains("~~2024~~**2025**"), "{md}");
    assert!(md.contains("~~“the 2024 session of Council”~~ **“the 2025 session of Council”**"), "{md}");
}

/// The texts of Resolution 130 as revised at Dubai (2018) and at Bucharest (2022), abridged, from the store's tests.
fn real_pair() -> (mandates_core::Document, mandates_core::Document) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../store/tests/data");
    (read(dir.join("res130-dubai-2018.txt")), read(dir.join("res130-bucharest-2022.txt")))
}

#[test]
fn resolution_130_from_dubai_2018_to_bucharest_2022() {
    let (old, new) = real_pair();
    let d = diff::compare(only(&old), only(&new));
    assert_eq!(d.old.revision.as_ref().and_then(|r| r.place.as_deref()), Some("Dubai"));
    assert_eq!(d.new.revision.as_ref().and_then(|r| r.year), Some(2022));
    assert!(d.title_changes.is_none());

    // resolves 1 gained "taking into account new and emerging telecommunication/ICT services and technologies".
    let resolves = block(&d, "resolves");
    assert_eq!(changes(resolves), [(ItemChange::Reworded, Some("1"), Some("1"))]);
    let inserted: String =
        resolves.items[0].words.iter().filter(|w| w.op == WordOp::Insert).map(|w| w.text.as_str()).collect();
    assert_eq!(inserted, "taking into account new and emerging telecommunication/ICT services and technologies and ");
    assert!(resolves.items[0].words.iter().all(|w| w.op != WordOp::Delete));

    // instructs TSB: 1 and 2 unchanged, 3 (ITU-D Question 3/2) deleted, 2bis (the workforce) new.
    let tsb = block(&d, TSB_HEADING);
    assert_eq!(changes(tsb), [(ItemChange::Added, None, Some("2bis")), (ItemChange::Removed, Some("3"), None)]);
    assert_eq!(tsb.unchanged_items, 2);
    assert_eq!(
        addressees(&d),
        [
            (None, vec![], vec![], vec![(Some("1"), Some("1"))]),
            (Some(TSB), vec![(None, Some("2bis"))], vec![(Some("3"), None)], vec![]),
        ]
    );
    // The annual report to Council (instructs 2) is unchanged.
    assert!(d.summary.reporting.is_empty());

    let md = diff::render::markdown_instrument(&d);
    assert!(md.contains("**Director TSB**: 1 new clause (instructs 2bis); 1 removed (instructs 3)"), "{md}");
    assert!(md.contains("**2bis** added: **to promote the growth"), "{md}");
    assert!(md.contains("**3** removed: ~~to support the work of ITU-D Study Question 3/2;~~"), "{md}");
}

#[test]
fn documents_pair_instruments_by_identity() {
    // The seed quotes Resolution 130 (Rev. Bucharest 2022) among many others; the Dubai text has only 130.
    let seed = crate::seed();
    let (dubai, _) = real_pair();
    let d = diff::compare_documents(&dubai, &seed);
    assert_eq!(d.instruments.len(), 1);
    assert_eq!(d.instruments[0].new.number.as_deref(), Some("130"));
    assert!(d.only_in_old.is_empty());
    assert!(d.only_in_new.iter().any(|i| i.number.as_deref() == Some("25")), "{:?}", d.only_in_new);
    // The excerpt quotes more of the resolution: its "instructs the Secretary-General and the Directors" is new.
    let d = &d.instruments[0];
    assert!(d.summary.blocks_added.iter().any(|h| h.starts_with(SG_HEADING)));

    // Read off both texts: Dubai's resolves 1 is the excerpt's resolves 2, grown ("taking into account new and
    // emerging ...", "including promoting common understanding ...").
    let resolves = block(d, "resolves");
    let grown = resolves.items.iter().find(|i| i.old.as_ref().is_some_and(|o| o.label.as_deref() == Some("1")));
    let grown = grown.expect("Dubai's resolves 1 is aligned");
    assert_eq!((grown.change, grown.new.as_ref().unwrap().label.as_deref()), (ItemChange::Renumbered, Some("2")));
    assert!(grown.reworded);
    // Dubai's "instructs the Director TSB 1 to intensify work within existing ITU-T study groups" is the
    // excerpt's unnumbered clause "... in order to:" with its sub-items i) and iii); Dubai's 3 (Question 3/2) is 4.
    let tsb = block(d, TSB_HEADING);
    assert_eq!(
        changes(tsb),
        [
            (ItemChange::Renumbered, Some("1"), None),
            (ItemChange::Renumbered, Some("3"), Some("4")),
            (ItemChange::Added, None, Some("5"))
        ]
    );
    // Dubai's TSB 2 (report annually to the Council) is the excerpt's "instructs the Secretary-General and the
    // Directors of the Bureaux 8", which adds the activities of the three Sectors: the Director TSB still reports.
    let sg = block(d, SG_HEADING);
    let moved = sg.items.iter().find(|i| i.change == ItemChange::Moved).expect("a clause moved in");
    assert_eq!(moved.old.as_ref().unwrap().label.as_deref(), Some("2"));
    assert_eq!(moved.new.as_ref().unwrap().label.as_deref(), Some("8"));
    assert_eq!(moved.moved_from.as_deref(), Some(TSB_HEADING));
    assert!(
        !d.summary.reporting.iter().any(|r| r.change == ReportingChangeKind::DroppedDuty),
        "{:?}",
        d.summary.reporting
    );
}

#[test]
fn html_escapes_the_text_and_marks_changes() {
    let (old, new) = real_pair();
    let mut new_res = only(&new).clone();
    new_res.blocks[0].items[0].text = "to <script>alert(1)</script> & more".into();
    let d = diff::compare(only(&old), &new_res);
    let doc = diff::DocumentDiff {
        old_source: "old.txt".into(),
        new_source: "new <b>.txt".into(),
        instruments: vec![d],
        only_in_old: vec![],
        only_in_new: vec![],
    };
    for html in [diff::render::html_fragment(&doc), diff::render::html_page(&doc)] {
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<b>"));
        assert!(html.contains("<ins>"), "{html}");
        assert!(html.contains("<del>"), "{html}");
    }
    assert!(diff::render::html_page(&doc).starts_with("<!DOCTYPE html>"));
    let md = diff::render::markdown(&doc);
    assert!(!md.contains("<script>"), "{md}");
}

#[test]
fn json_names_are_the_contract() {
    let d = against_base("res130-deadline.txt");
    let v = serde_json::to_value(&d).unwrap();
    assert_eq!(v["summary"]["counts"]["reworded"], 1);
    assert_eq!(v["summary"]["reporting"][0]["change"], "deadline_changed");
    assert_eq!(v["summary"]["reporting"][0]["new"]["deadline"]["year"], 2025);
    let b = v["blocks"].as_array().unwrap().iter().find(|b| b["change"] == "changed").unwrap();
    assert_eq!(b["kind"], "operative");
    let item = b["items"].as_array().unwrap().iter().find(|i| i["change"] == "reworded").unwrap();
    assert_eq!(item["old"]["label"], "4");
    assert_eq!(item["words"][1]["op"], "delete");
    // And back.
    let back: InstrumentDiff = serde_json::from_value(v).unwrap();
    assert_eq!(back, d);
}

// ---- Properties ----

/// Lines of a resolution: headings, items with labels, and arbitrary text.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("resolves".to_string()),
        Just("instructs the Director of the Telecommunication Standardization Bureau".to_string()),
        Just("further instructs the Secretary-General, in close collaboration with the Directors".to_string()),
        Just("considering".to_string()),
        Just("invites Member States".to_string()),
        Just("1\tto report annually to the 2024 session of Council;".to_string()),
        Just("2bis\tto promote cybersecurity;".to_string()),
        Just("i)\taddress threats;".to_string()),
        Just("SECTION 1bis".to_string()),
        ("[1-9]{1,2}(bis)?\t", "\\PC{0,60}").prop_map(|(l, t)| format!("{l}{t}")),
        "\\PC{0,40}",
    ]
}

fn resolution(lines: &[String]) -> mandates_core::Document {
    let text = format!(
        "RESOLUTION 130 (REV. BUCHAREST, 2022)\nTitle\nThe Plenipotentiary Conference of the International \
         Telecommunication Union (Bucharest, 2022),\n{}\n",
        lines.join("\n")
    );
    mandates_core::parse("x.txt", text.as_bytes(), &Default::default()).expect("text parses")
}

/// An instrument of one block of arbitrary items, built without the parser.
fn instrument(items: Vec<(Option<String>, String)>, heading: String) -> Instrument {
    let items = items
        .into_iter()
        .map(|(label, text)| Item {
            label: label.map(Into::into),
            text: text.into(),
            start: 0,
            end: 0,
            addressees: vec![],
            items: vec![],
        })
        .collect();
    Instrument {
        kind: InstrumentKind::Resolution,
        body: Some("PP".into()),
        number: Some("130".into()),
        revision: None,
        title: None,
        status: None,
        section: None,
        committee: None,
        citation: "Resolution 130".into(),
        enacting_formula: None,
        blocks: vec![Block {
            kind: BlockKind::Operative,
            heading: Some(heading),
            verb: Some("instructs".into()),
            addressees: vec!["Director TSB".into()],
            partners: vec![],
            items,
            start: 0,
            end: 0,
        }],
        sections: vec![],
        annexes: vec![],
        start: 0,
        end: 0,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn a_text_against_itself_is_all_unchanged(lines in proptest::collection::vec(line(), 0..30)) {
        let doc = resolution(&lines);
        for i in &doc.instruments {
            let d = diff::compare(i, i);
            let c = d.summary.counts;
            prop_assert_eq!((c.added, c.removed, c.reworded, c.renumbered, c.moved), (0, 0, 0, 0, 0));
            prop_assert!(d.blocks.iter().all(|b| b.change == BlockChange::Unchanged));
            prop_assert!(d.summary.addressees.is_empty());
            prop_assert!(d.summary.reporting.is_empty());
            prop_assert!(d.title_changes.is_none());
        }
    }

    #[test]
    fn edited_texts_never_panic(old in proptest::collection::vec(line(), 0..25), new in proptest::collection::vec(line(), 0..25)) {
        let (o, n) = (resolution(&old), resolution(&new));
        let d = diff::compare_documents(&o, &n);
        let _ = diff::render::markdown(&d);
        let _ = diff::render::html_page(&d);
        prop_assert!(serde_json::to_string(&d).is_ok());
        // Every item of either text is shown once.
        for i in &d.instruments {
            let shown_new = i.blocks.iter().flat_map(|b| &b.items).filter(|x| x.new.is_some()).count();
            prop_assert_eq!(shown_new, i.summary.counts.unchanged + i.summary.counts.reworded
                + i.summary.counts.renumbered + i.summary.counts.moved + i.summary.counts.added);
        }
    }

    #[test]
    fn arbitrary_item_text_never_panics(
        old in proptest::collection::vec((proptest::option::of("\\PC{0,6}"), any::<String>()), 0..12),
        new in proptest::collection::vec((proptest::option::of("\\PC{0,6}"), any::<String>()), 0..12),
        heading in any::<String>(),
    ) {
        let (a, b) = (instrument(old, "instructs the Director".into()), instrument(new, heading));
        let d = diff::compare(&a, &b);
        let _ = diff::render::markdown_instrument(&d);
        let html = diff::render::html_instrument_fragment(&d);
        prop_assert!(!html.contains("<script"));
        // Word changes give both texts back.
        for item in d.blocks.iter().flat_map(|b| &b.items).filter(|i| i.reworded) {
            let old: String = item.words.iter().filter(|w| w.op != WordOp::Insert).map(|w| w.text.as_str()).collect();
            let new: String = item.words.iter().filter(|w| w.op != WordOp::Delete).map(|w| w.text.as_str()).collect();
            prop_assert_eq!(&old, &item.old.as_ref().unwrap().text);
            prop_assert_eq!(&new, &item.new.as_ref().unwrap().text);
        }
    }
}

// ---- Snapshots (read through when written: the facts above are asserted directly) ----

#[test]
fn snapshot_of_the_markdown_of_dubai_2018_against_bucharest_2022() {
    let (old, new) = real_pair();
    let d = diff::compare(only(&old), only(&new));
    insta::assert_snapshot!("diff-res130-dubai-bucharest-md", diff::render::markdown_instrument(&d));
}

#[test]
fn snapshot_of_the_html_fragment_of_a_moved_item() {
    let d = against_base("res130-moved.txt");
    insta::assert_snapshot!("diff-res130-moved-html", diff::render::html_instrument_fragment(&d));
}

#[test]
fn a_changed_cadence_and_a_dropped_duty() {
    // The Bucharest text of the store's tests, its annual report to Council made one at each session of
    // Council, and the same text without the report at all.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../store/tests/data/res130-bucharest-2022.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let parse = |t: &str| mandates_core::parse("x.txt", t.as_bytes(), &Default::default()).unwrap();
    let report = "to report annually to the Council on the implementation of this resolution;";
    assert!(text.contains(report));
    let old = parse(&text);

    let each = parse(
        &text.replace(report, "to report to the Council at each session on the implementation of this resolution;"),
    );
    let d = diff::compare(only(&old), only(&each));
    let kinds: Vec<_> = d.summary.reporting.iter().map(|r| r.change).collect();
    assert_eq!(kinds, [ReportingChangeKind::CadenceChanged]);
    let r = &d.summary.reporting[0];
    assert_eq!(r.old.as_ref().unwrap().cadence, Some(mandates_core::mandate::Cadence::Annually));
    assert_eq!(r.new.as_ref().unwrap().cadence, Some(mandates_core::mandate::Cadence::EachSession));
    assert_eq!(r.clause.label.as_deref(), Some("2"));
    let md = diff::render::markdown_instrument(&d);
    assert!(md.contains("how often ~~annually~~ **at each session**"), "{md}");

    let none = parse(&text.replace(&format!("2\t{report}\n"), ""));
    let d = diff::compare(only(&old), only(&none));
    let kinds: Vec<_> = d.summary.reporting.iter().map(|r| r.change).collect();
    assert_eq!(kinds, [ReportingChangeKind::DroppedDuty]);
    assert_eq!(d.summary.reporting[0].addressees, [TSB]);
    assert_eq!(d.summary.reporting[0].clause.old_label.as_deref(), Some("2"));
}
