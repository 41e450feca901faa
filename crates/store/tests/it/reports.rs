//! Reports from the registry, checked against the seed document they reproduce.

use crate::harness::parse;
use crate::on_both_backends;

const SEED: &str = "samples/tsag-td-pp22-highlights.txt";

const MEETINGS: &str = "meeting,body,start,end,place,status
PP-22,PP,2022-09-26,2022-10-14,Bucharest,confirmed
Council 2023,Council,2023-07-11,2023-07-21,Geneva,confirmed
Council 2024,Council,2024-06-04,2024-06-14,Geneva,confirmed
Council 2025,Council,2025-06-17,2025-06-27,Geneva,tentative
PP-26,PP,2026-11-09,2026-11-27,Doha,tentative
";

on_both_backends! {
    async fn the_impact_report_reproduces_the_seed(db) {
        db.store.ingest(&parse(SEED), "test").await.unwrap();
        let report = db.store.impact_report("T", "PP-22").await.unwrap();
        // Sections 2 and 3 of the seed: 22 revised instruments (2.1-2.22) and 2 new ones (3.1, 3.2). Resolution
        // 167 (2.10) quotes no clause of its own, only COM5 Recommendation 2, so 21 revised instruments remain.
        assert_eq!((report.summary.revised, report.summary.new), (21, 2));
        let revised: Vec<&str> = report.revised.iter().map(|i| i.citation.as_str()).collect();
        assert_eq!(revised[0], "Resolution 25 (Rev. Bucharest, 2022)");
        assert_eq!(revised[5], "Resolution 130 (Rev. Bucharest, 2022)");
        assert_eq!(revised[20], "Decision 5");
        assert_eq!(report.new[1].citation, "Resolution 215 (Bucharest, 2022)");
        // Resolution 130 (2.6): resolves 1, 2, 3, 10, 11; SG and Directors 1, 7, 8; Director TSB (unnumbered), 4,
        // 5; Directors TSB and BDT 1, 2, 4, 5, 8, 9, 11, 12, 18.
        let res130 = &report.revised[5];
        let labels: Vec<Vec<String>> = res130
            .blocks
            .iter()
            .map(|b| b.clauses.iter().map(|c| c.label.clone().unwrap_or_default()).collect())
            .collect();
        assert_eq!(
            labels,
            [
                vec!["1", "2", "3", "10", "11"],
                vec!["1", "7", "8"],
                vec!["", "4", "5"],
                vec!["1", "2", "4", "5", "8", "9", "11", "12", "18"]
            ]
        );
        assert_eq!(res130.blocks[2].heading.as_deref(), Some("instructs the Director of the Telecommunication Standardization Bureau"));
        // Resolution 215 (3.2): the Directors of the three Bureaux 1, 2, then the Director TSB 1, 2, 3.
        assert_eq!(report.new[1].blocks.iter().map(|b| b.clauses.len()).collect::<Vec<_>>(), [2, 3]);
        // Section 4: COM5 Recommendation 5 and COM6 Recommendation 27 address the Directors; COM6 Recommendation
        // 21 is about ITU conferences as a whole; COM5 Recommendation 2 (2.10) about ITU Members.
        let recommendations: Vec<&str> = report.recommendations.iter().map(|i| i.citation.as_str()).collect();
        assert_eq!(recommendations, ["COM5 Recommendation 2", "COM5 Recommendation 5", "COM6 Recommendation 27", "COM6 Recommendation 21"]);

        // Reporting: Res 25 instructs the SG 5 "to report annually to the Council", Res 130 instructs 8 "to report
        // annually to the Council", Res 214 (3.1) 6 "to report to the next Plenipotentiary Conference and
        // annually to Council".
        let duty = |citation: &str, label: &str| {
            report.reporting.iter().find(|d| d.clause.starts_with(citation) && d.clause.ends_with(&format!(", {label}"))).cloned()
        };
        let res25 = duty("Resolution 25 ", "5").expect("Res 25 instructs 5 reports");
        assert_eq!((res25.report_to, res25.cadence.as_deref()), (vec!["Council".to_owned()], Some("annually")));
        assert_eq!(duty("Resolution 130 ", "8").unwrap().report_to, ["Council"]);
        let ai = duty("Resolution 214 ", "6").expect("Res 214 instructs 6 reports");
        assert_eq!(ai.report_to, ["PP", "Council"]);
        // The duties follow the report: the revised instruments of section 2 in its order, then the new ones of 3
        // (not the order in which the registry first met each instrument, where 214 and 215 came first).
        let order: Vec<&str> = report.reporting.iter().map(|d| d.clause.split(" (").next().unwrap()).collect();
        assert_eq!(
            order,
            [
                "Resolution 25",
                "Resolution 130",
                "Resolution 140",
                "Resolution 140",
                "Resolution 177",
                "Resolution 208",
                "Decision 5, instructs the Secretary-General and the Directors of the Bureaux, 1",
                "Resolution 214",
                "Resolution 215"
            ]
        );

        // The reference table (5.2), row by row as in the seed.
        assert_eq!(report.table.len(), 47);
        let row = |label: &str| report.table.iter().find(|r| r.instrument == label).unwrap();
        let r130 = row("130");
        assert_eq!(r130.contributions, ["C-197 (A, MOD)", "C-188-R1 (AR, REC3)"]);
        assert_eq!(r130.affects.iter().map(|a| a.label()).collect::<Vec<_>>(), ["50", "52", "58", "64", "69", "90", "98"]);
        assert_eq!(r130.focal_points, ["Xiaoya Yang"]);
        assert_eq!(row("191").contributions, ["C-183 (A, MOD)", "C-157 (A, REC#30)"]);
        assert_eq!(row("191").affects.iter().map(|a| a.label()).collect::<Vec<_>>(), ["18", "44", "45 (SUP)"]);
        assert_eq!(row("Decision 5").focal_points, ["Hugues Depoisier"]);
        assert_eq!(report.summary.abrogated, ["Resolution 11", "Resolution 72"]);

        // Section 1 of the seed: the election of the TSB Director and the figures of the financial plan (1.5).
        let elected: Vec<_> = report.elections.iter().map(|e| (e.person.as_str(), e.post.as_str())).collect();
        assert_eq!(elected, [("Onoe Seizo", "Director TSB")]);
        let figures: Vec<&str> = report.figures.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(figures, ["CHF 651.7 million", "CHF 318 000", "343 11/16", "CHF 54,4 million"]);
        assert!(report.figures[1].sentence.starts_with("It sets the definitive upper limit of the amount of the contributory unit at CHF 318 000"), "{:?}", report.figures[1]);
        assert!(report.figures[2].sentence.contains("the number of contributory units from Member States"), "{:?}", report.figures[2]);

        let markdown = mandates_core::report::markdown::impact(&report);
        assert!(markdown.contains("### 2.6 Resolution 130 (Rev. Bucharest, 2022) “Strengthening the role of ITU"));
        assert!(markdown.contains("| 130 | Strengthening the role of ITU in building confidence and security in the use of information and communication technologies | C-197 (A, MOD), C-188-R1 (AR, REC3) | 50, 52, 58, 64, 69, 90, 98 | Xiaoya Yang |"));

        // The Word version opens as a Word document: our own .docx reader (zip + a strict XML parser) finds the
        // headings, the clauses and the 48 rows (with the header) of the reference table.
        let docx = mandates_core::report::docx::impact(&report).unwrap();
        let read = mandates_core::parse("impact.docx", &docx, &Default::default()).unwrap();
        assert!(read.text.contains("2.6\tResolution 130 (Rev. Bucharest, 2022) “Strengthening the role of ITU"));
        assert!(read.text.contains("instructs the Director of the Telecommunication Standardization Bureau"));
        assert_eq!(read.reference_table.len(), 47, "{:?}", read.diagnostics);
        assert_eq!(mandates_core::report::docx::impact(&report).unwrap(), docx, "the same report gives the same bytes");
    }

    async fn the_reporting_calendar_follows_the_clauses(db) {
        use mandates_store::calendar::{read_meetings, to_ics};
        db.store.ingest(&parse(SEED), "test").await.unwrap();
        let meetings = read_meetings(MEETINGS).unwrap();
        let calendar = db.store.reporting_calendar(&meetings).await.unwrap();
        let due = |clause: &str| -> Vec<(String, String, Option<String>)> {
            calendar
                .due
                .iter()
                .filter(|d| d.clause.starts_with(clause))
                .map(|d| (d.date.to_string(), d.to.clone(), d.meeting.clone()))
                .collect()
        };
        let council = |date: &str, year: u16| (date.to_owned(), "Council".to_owned(), Some(format!("Council {year}")));
        // Res 130 instructs the SG and the Directors 8: "to report annually to the Council": each session from
        // the one after PP-22 until PP-26.
        assert_eq!(
            due("Resolution 130 (Rev. Bucharest, 2022), instructs the Secretary-General and the Directors of the Bureaux, 8"),
            [council("2023-07-11", 2023), council("2024-06-04", 2024), council("2025-06-17", 2025)]
        );
        // The One ITU recommendation (4.4): "submit to the 2024 session of Council a report".
        assert_eq!(due("COM6 Recommendation"), [council("2024-06-04", 2024)]);
        // Res 214 (3.1) instructs 6: "to report to the next Plenipotentiary Conference and annually to Council".
        let ai = due("Resolution 214 (Bucharest, 2022), instructs the Secretary-General in consultation with the Directors of the three Bureaux, 6");
        assert_eq!(ai.len(), 4);
        assert_eq!(ai[3], ("2026-11-09".to_owned(), "PP".to_owned(), Some("PP-26".to_owned())));
        // Res 101 instructs the SG 1: the annual report goes out "one month before the Council session".
        let ip = due("Resolution 101 (Rev. Bucharest, 2022), instructs the Secretary-General, 1");
        assert_eq!(ip[0].0, "2023-06-11");
        // Council meets every year: the file lacks its 2026 session.
        assert_eq!(calendar.missing, ["Council 2026"]);
        assert!(calendar.due.iter().filter(|d| d.meeting.as_deref() == Some("Council 2025")).all(|d| d.tentative));

        // The iCalendar file reads back as one event per report due.
        let ics = to_ics(&calendar.due, "20261128T080000Z");
        let unfolded = icalendar::parser::unfold(&ics);
        let parsed = icalendar::parser::read_calendar(&unfolded).unwrap();
        let events: Vec<_> = parsed.components.iter().filter(|c| c.name == "VEVENT").collect();
        assert_eq!(events.len(), calendar.due.len());
        let first = events[0];
        let value = |name: &str| first.properties.iter().find(|p| p.name == name).map(|p| p.val.to_string());
        assert_eq!(value("DTSTART").as_deref(), Some("20230611"));
        assert!(value("SUMMARY").unwrap().starts_with("Report to Council (Council 2023): Resolution 101"));
        assert!(ics.split("\r\n").all(|line| line.len() <= 75));
    }
}
