//! Tests of the facts stage.
//!
//! Expected values on the seed were read in `samples/tsag-td-pp22-highlights.txt` (section 1.1, 1.5 and the
//! WTSA-24 paragraph after figure 2), not copied from the output.

use mandates_core::facts::extract;
use mandates_core::model::{Amount, Election, Event, Facts, Quantity};
use proptest::prelude::*;

fn seed_facts() -> (String, Facts) {
    let d = mandates_core::decode::text::decode_text(&crate::sample("tsag-td-pp22-highlights.txt")).unwrap();
    let facts = extract(&d.text);
    (d.text, facts)
}

fn amounts(text: &str) -> Vec<(String, String, String)> {
    extract(text).amounts.into_iter().map(|a| (a.text.into(), a.currency.into(), a.value.into())).collect()
}

fn quantities(text: &str) -> Vec<(String, i64, i64)> {
    extract(text).quantities.into_iter().map(|q| (q.text.into(), q.numerator, q.denominator)).collect()
}

fn triple(a: &str, b: &str, c: &str) -> (String, String, String) {
    (a.into(), b.into(), c.into())
}

/// Every span of `facts` lies in `text`, and `text` fields are the spanned text.
fn check_spans(text: &str, facts: &Facts) {
    let ok = |s: usize, e: usize| s <= e && text.get(s..e).is_some();
    for a in &facts.amounts {
        assert!(ok(a.start, a.end), "{a:?}");
        assert_eq!(&text[a.start..a.end], a.text);
    }
    for q in &facts.quantities {
        assert!(ok(q.start, q.end), "{q:?}");
        assert_eq!(&text[q.start..q.end], q.text);
        assert!(q.denominator > 0);
    }
    for e in &facts.elections {
        assert!(ok(e.start, e.end), "{e:?}");
    }
    for e in &facts.events {
        assert!(ok(e.start, e.end), "{e:?}");
    }
}

#[test]
fn seed_election_of_the_tsb_director() {
    let (text, facts) = seed_facts();
    assert_eq!(facts.elections.len(), 1, "{:?}", facts.elections);
    let e = &facts.elections[0];
    assert_eq!(
        (e.person.as_str(), e.country.as_deref(), e.post.as_str()),
        ("Onoe Seizo", Some("Japan"), "Director TSB")
    );
    assert_eq!((e.term_start.as_deref(), e.term_end.as_deref()), (Some("2023-01-01"), Some("2026-12-31")));
    assert_eq!(
        &text[e.start..e.end],
        "Mr Onoe Seizo (Japan) was elected as TSB Director for the mandate of 1 January 2023 - 31 December 2026"
    );
}

#[test]
fn seed_amounts() {
    let (text, facts) = seed_facts();
    let got: Vec<_> = facts.amounts.iter().map(|a| (a.text.as_str(), a.currency.as_str(), a.value.as_str())).collect();
    assert_eq!(
        got,
        [
            ("CHF 651.7 million", "CHF", "651700000"),
            ("CHF 651.7 million", "CHF", "651700000"),
            ("CHF 318 000", "CHF", "318000"),
            ("CHF 54,4 million", "CHF", "54400000"),
        ]
    );
    check_spans(&text, &facts);
}

#[test]
fn seed_contributory_units_are_an_exact_fraction() {
    let (text, facts) = seed_facts();
    let got: Vec<_> = facts.quantities.iter().map(|q| (q.text.as_str(), q.numerator, q.denominator)).collect();
    // 343 11/16 = (343 × 16 + 11) / 16; "Question 3/2" and "telecommunications/ICTs" are not fractions.
    assert_eq!(got, [("343 11/16", 5499, 16)]);
    check_spans(&text, &facts);
}

#[test]
fn seed_events() {
    let (text, facts) = seed_facts();
    assert_eq!(
        facts.events.iter().map(|e| (e.name.as_str(), e.year, e.month, e.place.as_deref())).collect::<Vec<_>>(),
        [("WTSA-24", Some(2024), Some(11), Some("India"))]
    );
    let e = &facts.events[0];
    assert_eq!(
        &text[e.start..e.end],
        "WTSA-24 is planned to take place in the last quarter of 2024 (November), in India"
    );
    assert!(facts.status_codes.is_empty());
}

#[test]
fn election_forms() {
    let f = extract("Ms Doreen Bogdan\u{2011}Martin (United States) was re-elected Secretary-General.");
    assert_eq!(f.elections.len(), 1);
    let e = &f.elections[0];
    assert_eq!(e.person, "Doreen Bogdan-Martin");
    assert_eq!(e.country.as_deref(), Some("United States"));
    assert_eq!(e.post, "Secretary-General");
    assert_eq!(e.term_start, None);

    let f = extract(
        "2.1\tMr Tomas Lamanauskas (Lithuania) and Ms A. Example (Korea (Rep. of)) were elected as Deputy \
         Secretary-General and Director of the Radiocommunication Bureau, respectively, for 2023–2026.",
    );
    let got: Vec<_> = f
        .elections
        .iter()
        .map(|e| (e.person.as_str(), e.country.as_deref(), e.post.as_str(), e.term_start.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("Tomas Lamanauskas", Some("Lithuania"), "Deputy Secretary-General", Some("2023")),
            ("A. Example", Some("Korea (Rep. of)"), "Director BR", Some("2023")),
        ]
    );
    assert_eq!(f.elections[1].term_end.as_deref(), Some("2026"));

    let f = extract(
        "At PP-22, Mr X Ample (Ghana), Ms Y Sample (Peru) were elected as members of the Radio Regulations \
         Board from 1 January 2023 to 31 December 2026.",
    );
    let got: Vec<_> = f.elections.iter().map(|e| (e.person.as_str(), e.post.as_str())).collect();
    assert_eq!(
        got,
        [("X Ample", "Member of the Radio Regulations Board"), ("Y Sample", "Member of the Radio Regulations Board")]
    );
    assert_eq!(f.elections[0].term_end.as_deref(), Some("2026-12-31"));

    let f = extract(
        "The Conference elected Dr Jane Roe (Kenya) as Director of BDT for the period 1 January 2023 to 31 December 2026.",
    );
    assert_eq!(f.elections.len(), 1);
    assert_eq!((f.elections[0].person.as_str(), f.elections[0].post.as_str()), ("Jane Roe", "Director BDT"));
    assert_eq!(f.elections[0].term_start.as_deref(), Some("2023-01-01"));
}

#[test]
fn not_elections() {
    for text in [
        "The selected candidate was elected.",
        "Members elected by the Council shall serve.",
        "Some candidate was elected as Chair.",
        "The newly elected officials met.",
    ] {
        assert_eq!(extract(text).elections, Vec::<Election>::new(), "{text}");
    }
}

#[test]
fn amount_forms() {
    assert_eq!(amounts("CHF 651.7 million"), [triple("CHF 651.7 million", "CHF", "651700000")]);
    assert_eq!(amounts("at CHF\u{a0}318\u{a0}000;"), [triple("CHF\u{a0}318\u{a0}000", "CHF", "318000")]);
    assert_eq!(amounts("CHF 318\u{202f}000."), [triple("CHF 318\u{202f}000", "CHF", "318000")]);
    assert_eq!(amounts("CHF 54,4 million"), [triple("CHF 54,4 million", "CHF", "54400000")]);
    assert_eq!(amounts("USD 1.5 billion"), [triple("USD 1.5 billion", "USD", "1500000000")]);
    assert_eq!(amounts("some 5 million Swiss francs"), [triple("5 million Swiss francs", "CHF", "5000000")]);
    assert_eq!(amounts("CHF 1'234'000"), [triple("CHF 1'234'000", "CHF", "1234000")]);
    assert_eq!(amounts("CHF 1,234,567.89"), [triple("CHF 1,234,567.89", "CHF", "1234567.89")]);
    assert_eq!(amounts("US$ 2.25 million"), [triple("US$ 2.25 million", "USD", "2250000")]);
    assert_eq!(amounts("€0.5 million"), [triple("€0.5 million", "EUR", "500000")]);
    assert_eq!(amounts("318 000 CHF"), [triple("318 000 CHF", "CHF", "318000")]);
    assert_eq!(amounts("in 2024 5 million US dollars"), [triple("5 million US dollars", "USD", "5000000")]);
    assert_eq!(amounts("CHF 0.125 thousand"), [triple("CHF 0.125 thousand", "CHF", "125")]);
    assert_eq!(amounts("CHF 1.2345 thousand"), [triple("CHF 1.2345 thousand", "CHF", "1234.5")]);
    // Not amounts: no number, a European word, a code inside a word.
    assert!(amounts("European Union; CHF budget; CHFX 5; the euro area").is_empty());
}

#[test]
fn quantity_forms() {
    assert_eq!(quantities("is 343 11/16."), [("343 11/16".into(), 5499, 16)]);
    assert_eq!(quantities("1 1/2 units"), [("1 1/2".into(), 3, 2)]);
    assert_eq!(quantities("the 1/2 unit class"), [("1/2".into(), 1, 2)]);
    assert_eq!(quantities("2/4 contributory units"), [("2/4".into(), 1, 2)]);
    assert_eq!(quantities("343\u{a0}¾"), [("343\u{a0}¾".into(), 1375, 4)]);
    assert_eq!(quantities("½ unit"), [("½".into(), 1, 2)]);
    assert_eq!(quantities("10 1\u{2044}8"), [("10 1\u{2044}8".into(), 81, 8)]);
    for text in [
        "24/7 support",
        "ITU-D Question 3/2",
        "UNGA A/RES/73/6",
        "Resolution 70/1",
        "on 12/10/2022",
        "on 10 12/2022",
        "1 343 11/16",
        "5 3/2",
        "telecommunications/ICTs",
        "99999999999999999 1/99",
        "9999999999999999999/2 units",
    ] {
        assert_eq!(extract(text).quantities, Vec::<Quantity>::new(), "{text}");
    }
}

/// Name, year, month and place of an event.
type EventFields = (String, Option<u16>, Option<u8>, Option<String>);

#[test]
fn event_forms() {
    let events = |t: &str| -> Vec<EventFields> {
        extract(t).events.into_iter().map(|e| (e.name, e.year, e.month, e.place)).collect()
    };
    assert_eq!(
        events("PP-22 Bucharest (26 Sept–14 Oct 2022)"),
        [("PP-22".into(), Some(2022), Some(9), Some("Bucharest".into()))]
    );
    assert_eq!(events("WTSA-20 (Geneva, 2022)"), [("WTSA-20".into(), Some(2022), None, Some("Geneva".into()))]);
    assert_eq!(
        events("WRC\u{2011}23 will be held in Dubai, United Arab Emirates, from 20 November to 15 December 2023."),
        [("WRC-23".into(), Some(2023), Some(11), Some("Dubai, United Arab Emirates".into()))]
    );
    assert_eq!(events("WTDC-22 took place in Kigali."), [("WTDC-22".into(), None, None, Some("Kigali".into()))]);
    // Mentions without a time or place are not events.
    for text in [
        "PP-22 agreed that the Constitution remained unchanged.",
        "both WTSA-20 and WTDC-22, including",
        "the PP-22 Resolutions with relevant changes",
        "as C-202 at PP-22 (see C-189).",
        "ITU-RA-23 (2023)",
        "WTSA-20 Resolutions (Geneva, 2022) and others",
    ] {
        assert_eq!(extract(text).events, Vec::<Event>::new(), "{text}");
    }
}

#[test]
fn spans_point_into_text_with_artefacts() {
    let text = "[bookmark: _Hlk1]1.5\tAmounts to CHF\u{a0}651.7\u{a0}million and 343\u{a0}11/16 units; WTSA\u{2011}24 will \
                take place in New Delhi in October 2024.";
    let f = extract(text);
    check_spans(text, &f);
    assert_eq!(f.amounts.iter().map(|a| a.value.as_str()).collect::<Vec<_>>(), ["651700000"]);
    assert_eq!(f.quantities.iter().map(|q| (q.numerator, q.denominator)).collect::<Vec<_>>(), [(5499, 16)]);
    let e: Vec<_> = f.events.iter().map(|e| (&*e.name, e.year, e.month, e.place.as_deref())).collect();
    assert_eq!(e, [("WTSA-24", Some(2024), Some(10), Some("New Delhi"))]);
}

#[test]
fn amounts_and_quantities_are_spans() {
    let text = "x CHF 5 million y";
    let Amount { start, end, .. } = extract(text).amounts[0].clone();
    assert_eq!(&text[start..end], "CHF 5 million");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_and_spans_are_in_bounds(s in "\\PC{0,200}") {
        let f = extract(&s);
        check_spans(&s, &f);
    }

    #[test]
    fn never_panics_on_fact_like_text(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("CHF "), Just("5"), Just(" "), Just("\u{a0}"), Just("000"), Just(","), Just("."), Just("'"),
                Just("million"), Just("/"), Just("16"), Just("343 "), Just("\u{2044}"), Just("¾"), Just("units"),
                Just("Mr "), Just("(Japan)"), Just(" was elected as "), Just("TSB Director"), Just(" 1 January 2023"),
                Just(" - "), Just("–"), Just("WTSA-24"), Just(" will take place in "), Just("India"), Just("("),
                Just(")"), Just("2024"), Just("\n"), Just("Sept"), Just("Swiss francs"), Just("re"), Just("é"),
                Just("\u{2011}"), Just(" and "), Just(", "), Just("respectively"), Just("99999999999999999999"),
            ],
            0..40,
        )
    ) {
        let s: String = parts.concat();
        let f = extract(&s);
        check_spans(&s, &f);
    }
}
