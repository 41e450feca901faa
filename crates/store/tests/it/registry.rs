//! Ingest, tracking and queries on the real documents. Expected values come from reading them.

use mandates_store::{Change, IngestState, MandateFilter, Status, StoreError};

use crate::harness::{execute, names_out_of_place, parse};
use crate::on_both_backends;

const SEED: &str = "samples/tsag-td-pp22-highlights.txt";
const WTSA_RES_1: &str = "samples/wtsa-res-001-rev-hammamet-2016.docx";
const RES_130_2018: &str = "crates/store/tests/data/res130-dubai-2018.txt";
const RES_130_2022: &str = "crates/store/tests/data/res130-bucharest-2022.txt";

fn filter() -> MandateFilter {
    MandateFilter::default()
}

on_both_backends! {
    async fn the_seed_gives_its_instruments_and_mandates(db) {
        let outcome = db.store.ingest(&parse(SEED), "test").await.unwrap();
        assert_eq!(outcome.state, IngestState::New);
        // Operative items quoted in sections 1.4, 2, 3 and 4, counted by reading: Res 214 (3.1) 6 + 1,
        // Res 215 (3.2) 2 + 3 (the paraphrases of 1.4 give no revision and yield to the quotations),
        // Res 25 3 + 4 + 2, 64: 4, 101: 1 + 2 + 1, 102: 1 + 1, 123: 3, 130: 5 + 3 + 3 + 9, 139: 2 + 1,
        // 140: 3 + 4, 154: 1, 167: none, 175: 1, 176: 3, 177: 2, 182: 4 + 1, 188: 1 + 3 + 1, 191: 1 + 1 + 1,
        // 196: 1, 197: 3, 200: 1, 204: 6 + 3, 208: 1, Decision 5: 1; committee recommendations COM5 2: 1,
        // COM5 5: 2 paragraphs, COM6 27: 1, COM6 21: 1, COM6 (One ITU): 1.
        assert_eq!(outcome.mandates_added, 106);
        let totals = db.store.totals().await.unwrap();
        assert_eq!(totals.mandates, 106);
        assert_eq!(totals.documents, 1);
        // The 47 rows of the reference table (5.2) are PP resolutions and Decision 5, and name every
        // instrument summarised in sections 2 and 3; the five committee recommendations of sections 2.10 and
        // 4 come on top.
        assert_eq!(totals.instruments, 47 + 5);

        let instruments = db.store.instruments().await.unwrap();
        let res130 = instruments.iter().find(|i| i.name == "PP Resolution 130").unwrap();
        assert_eq!(res130.revision, "Rev. Bucharest, 2022");
        assert_eq!(res130.mandates, 20);
        assert_eq!(res130.progress, Some(0));
        let com6 = instruments.iter().find(|i| i.name == "COM6 Recommendation 27").unwrap();
        assert_eq!(com6.mandates, 1);
        // Resolution 179 is in the table only: registered, with no mandates.
        let res179 = instruments.iter().find(|i| i.name == "PP Resolution 179").unwrap();
        assert_eq!((res179.mandates, res179.title.as_deref()), (0, Some("ITU's role in child online protection")));
    }

    async fn wtsa_resolution_1_gives_one_mandate_for_itu_t(db) {
        let outcome = db.store.ingest(&parse(WTSA_RES_1), "test").await.unwrap();
        // Its only operative block is "resolves" with one paragraph; the rules of procedure are sections.
        assert_eq!(outcome.mandates_added, 1);
        let all = db.store.mandates(&filter()).await.unwrap();
        assert_eq!(all[0].instrument, "WTSA Resolution 1");
        assert_eq!(all[0].revision, "Rev. Hammamet, 2016");
        assert_eq!(all[0].sectors, ["ITU-T"]);
    }

    async fn the_same_file_twice_changes_nothing(db) {
        let seed = parse(SEED);
        db.store.ingest(&seed, "test").await.unwrap();
        let before = db.store.mandates(&MandateFilter { include_superseded: true, ..filter() }).await.unwrap();
        let again = db.store.ingest(&seed, "someone else").await.unwrap();
        assert_eq!(again.state, IngestState::Unchanged);
        assert_eq!(again.mandates_added, 0);
        let after = db.store.mandates(&MandateFilter { include_superseded: true, ..filter() }).await.unwrap();
        assert_eq!(before, after);
        assert_eq!(db.store.history(after[0].id).await.unwrap().len(), 1);
    }

    async fn filters_find_what_the_seed_asks_of_each_addressee(db) {
        db.store.ingest(&parse(SEED), "test").await.unwrap();
        // Resolution 130 names the Director TSB in three blocks: with the SG and the Directors (items 1, 7, 8),
        // alone (the unnumbered study-group item, 4, 5) and with the Director BDT (nine items).
        let res130_tsb = db
            .store
            .mandates(&MandateFilter { instrument: Some("Resolution 130".into()), addressee: Some("director tsb".into()), ..filter() })
            .await
            .unwrap();
        assert_eq!(res130_tsb.len(), 3 + 3 + 9);
        assert!(res130_tsb.iter().all(|m| m.sectors.contains(&"ITU-T".to_owned())));
        let labels: Vec<_> = res130_tsb.iter().map(|m| m.label.clone().unwrap_or_default()).collect();
        assert_eq!(labels[..6], ["1", "7", "8", "", "4", "5"]);

        // Resolution 204: study groups of ITU-T with those of ITU-D as partners (6 items), then the Directors TSB
        // and BDT (3 items).
        let res204 = db.store.mandates(&MandateFilter { instrument: Some("PP Res 204".into()), ..filter() }).await.unwrap();
        assert_eq!(res204.len(), 9);
        assert_eq!(res204[0].addressees, ["ITU-T study groups"]);
        assert_eq!(res204[0].partners, ["ITU-D study groups"]);
        assert_eq!(res204[0].sectors, ["ITU-T", "ITU-D"]);

        // The Secretary-General alone (Res 101 instructs 1, Res 191 instructs 8) concerns no Sector.
        let itu_t = db.store.mandates(&MandateFilter { sector: Some("T".into()), ..filter() }).await.unwrap();
        let sg_only = |m: &&mandates_store::MandateRecord| m.heading.as_deref() == Some("instructs the Secretary-General");
        assert!(!itu_t.iter().any(|m| sg_only(&m)));
        let all = db.store.mandates(&filter()).await.unwrap();
        assert_eq!(all.iter().filter(sg_only).count(), 2);
        let conference = db.store.mandates(&MandateFilter { conference: Some("PP-22".into()), ..filter() }).await.unwrap();
        // Every PP resolution quoted in the seed is cited with (Rev.) Bucharest, 2022; "Decision 5" (2.22) and the
        // committee recommendations, cited without a revision, belong to the conference the summary is about.
        assert_eq!(conference.len(), 106);
        assert!(db.store.mandates(&MandateFilter { conference: Some("PP-18".into()), ..filter() }).await.unwrap().is_empty());
        let err = db.store.mandates(&MandateFilter { sector: Some("X".into()), ..filter() }).await.unwrap_err();
        assert!(err.to_string().contains("use T, R or D"), "{err}");
    }

    async fn search_ranks_mandates_and_marks_the_words(db) {
        db.store.ingest(&parse(SEED), "test").await.unwrap();
        let hits = db.store.search("pandemics", 10).await.unwrap();
        // Res 215 (3.2) instructs the Directors 1 and 2 and the Director TSB 1 and 3 about pandemics; Res 130
        // instructs the SG and the Directors 1 ("... such as pandemics").
        let mut found: Vec<(String, Option<String>)> =
            hits.iter().map(|h| (h.mandate.instrument.clone(), h.mandate.label.clone())).collect();
        found.sort();
        assert!(found.contains(&("PP Resolution 215".into(), Some("3".into()))), "{found:?}");
        assert!(found.contains(&("PP Resolution 130".into(), Some("1".into()))), "{found:?}");
        assert!(hits.iter().all(|h| h.snippet.contains('«')), "{hits:?}");
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
        // Punctuation in what people type is not query syntax.
        assert!(!db.store.search("ITU-T \"study groups", 5).await.unwrap().is_empty());
        assert!(db.store.search("quantum teleportation", 5).await.unwrap().is_empty());
    }

    async fn a_filter_few_mandates_pass_lists_them_in_the_usual_order(db) {
        db.store.ingest(&parse(SEED), "test").await.unwrap();
        db.store.ingest(&parse(WTSA_RES_1), "test").await.unwrap();
        let all = db.store.mandates(&filter()).await.unwrap();
        // Owners on mandates of two instruments, set out of order: the list follows instruments and clauses.
        let picked = [all[all.len() - 1].id, all[3].id, all[all.len() / 2].id, all[4].id];
        for id in picked {
            let change = Change { owner: Some(Some("Bilel Jamoussi".into())), status: Some(Status::Ongoing), ..Change::default() };
            db.store.update(id, None, &change, "tsb.focal").await.unwrap();
        }
        let expected: Vec<i64> = all.iter().map(|m| m.id).filter(|id| picked.contains(id)).collect();
        let by_owner = db.store.mandates(&MandateFilter { owner: Some("bilel jamoussi".into()), ..filter() }).await.unwrap();
        assert_eq!(by_owner.iter().map(|m| m.id).collect::<Vec<_>>(), expected);
        let ongoing = MandateFilter { status: Some(Status::Ongoing), limit: Some(3), offset: Some(1), ..filter() };
        let page = db.store.mandates(&ongoing).await.unwrap();
        assert_eq!(page.iter().map(|m| m.id).collect::<Vec<_>>(), expected[1..]);
        // Many pass "not started": the same order as the whole list.
        let not_started = db.store.mandates(&MandateFilter { status: Some(Status::NotStarted), ..filter() }).await.unwrap();
        let expected: Vec<i64> = all.iter().map(|m| m.id).filter(|id| !picked.contains(id)).collect();
        assert_eq!(not_started.iter().map(|m| m.id).collect::<Vec<_>>(), expected);
        // Few mandates of the two documents name ISCG or the Human Rights Council; many name the Director TSB.
        for name in ["ISCG", "director tsb", "Member States"] {
            let named = db.store.mandates(&MandateFilter { addressee: Some(name.into()), ..filter() }).await.unwrap();
            let expected: Vec<i64> = all
                .iter()
                .filter(|m| m.addressees.iter().chain(&m.partners).any(|a| a.eq_ignore_ascii_case(name)))
                .map(|m| m.id)
                .collect();
            assert_eq!(named.iter().map(|m| m.id).collect::<Vec<_>>(), expected, "{name}");
        }
        let pp = db.store.mandates(&MandateFilter { body: Some("PP".into()), ..filter() }).await.unwrap();
        let instruments = db.store.instruments().await.unwrap();
        let body_of = |id: i64| instruments.iter().find(|i| i.id == id).map(|i| i.body.clone()).unwrap();
        let of = |body: &str| -> Vec<i64> {
            all.iter().filter(|m| body_of(m.instrument_id) == body).map(|m| m.id).collect()
        };
        assert_eq!(pp.iter().map(|m| m.id).collect::<Vec<_>>(), of("PP"));
        let wtsa = db.store.mandates(&MandateFilter { body: Some("WTSA".into()), ..filter() }).await.unwrap();
        assert_eq!(wtsa.iter().map(|m| m.id).collect::<Vec<_>>(), of("WTSA"));
        assert!(!pp.is_empty() && !wtsa.is_empty());
        // A conference's mandates are found from its texts: the usual order, and none for a conference not held.
        for (conference, count) in [("PP-22", 106), ("WTSA-16", all.len() - of("PP").len())] {
            let found = db.store.mandates(&MandateFilter { conference: Some(conference.into()), ..filter() }).await.unwrap();
            let ids: Vec<i64> = found.iter().map(|m| m.id).collect();
            let in_order: Vec<i64> = all.iter().map(|m| m.id).filter(|id| ids.contains(id)).collect();
            assert_eq!((ids.len(), &ids), (count, &in_order), "{conference}");
        }
        assert!(db.store.mandates(&MandateFilter { conference: Some("WTSA-24".into()), ..filter() }).await.unwrap().is_empty());
    }

    async fn every_name_lists_its_mandates_in_the_usual_order_after_texts_move_them(db) {
        // A corrected text of Res 130 (Rev. Bucharest, 2022) gains a block before the others: its clauses keep
        // their mandates but move down the list, and their place is stored with each name (migrations SQLite
        // 0006, PostgreSQL 0009). The seed and WTSA Resolution 1 give other instruments and names around it.
        db.store.ingest(&parse(SEED), "test").await.unwrap();
        db.store.ingest(&parse(RES_130_2018), "test").await.unwrap();
        db.store.ingest(&parse(RES_130_2022), "test").await.unwrap();
        db.store.ingest(&parse(WTSA_RES_1), "test").await.unwrap();
        let res130 = MandateFilter { instrument: Some("PP Resolution 130".into()), ..filter() };
        let before = db.store.mandates(&res130).await.unwrap();
        let text = std::fs::read_to_string(crate::harness::repo_file(RES_130_2022)).unwrap();
        let corrected = text.replacen(
            "resolves\n",
            "decides\n1\tthat the Secretary-General shall keep this resolution under review;\nresolves\n",
            1,
        );
        assert_ne!(corrected, text);
        let corrected = mandates_core::parse("res130-bucharest-2022.txt", corrected.as_bytes(), &Default::default()).unwrap();
        db.store.ingest(&corrected, "test").await.unwrap();
        let after = db.store.mandates(&res130).await.unwrap();
        assert_eq!(after.len(), before.len() + 1);
        assert_eq!(after[1..].iter().map(|m| m.id).collect::<Vec<_>>(), before.iter().map(|m| m.id).collect::<Vec<_>>());
        assert_eq!(names_out_of_place(&db).await, 0);

        for include_superseded in [false, true] {
            let all = db.store.mandates(&MandateFilter { include_superseded, ..filter() }).await.unwrap();
            let mut names: Vec<String> =
                all.iter().flat_map(|m| m.addressees.iter().chain(&m.partners)).map(|n| n.to_lowercase()).collect();
            names.sort();
            names.dedup();
            assert!(names.len() >= 10, "{names:?}");
            for name in &names {
                let expected: Vec<i64> = all
                    .iter()
                    .filter(|m| m.addressees.iter().chain(&m.partners).any(|a| a.to_lowercase() == *name))
                    .map(|m| m.id)
                    .collect();
                let listed = MandateFilter { addressee: Some(name.to_uppercase()), include_superseded, ..filter() };
                let listed = db.store.mandates(&listed).await.unwrap();
                assert_eq!(listed.iter().map(|m| m.id).collect::<Vec<_>>(), expected, "{name}");
            }
            // One body's mandates for a name are one range of the names' index; a page of them too. (WTSA
            // Resolution 1 asks nothing of the Director TSB: its one mandate is for ITU-T.)
            let instruments = db.store.instruments().await.unwrap();
            let body_of = |id: i64| instruments.iter().find(|i| i.id == id).map(|i| i.body.clone()).unwrap();
            for (body, count) in [("PP", 8), ("WTSA", 0)] {
                let filter = MandateFilter {
                    addressee: Some("Director TSB".into()),
                    body: Some(body.into()),
                    include_superseded,
                    ..filter()
                };
                let every = db.store.mandates(&filter).await.unwrap();
                let expected: Vec<i64> = all
                    .iter()
                    .filter(|m| body_of(m.instrument_id) == body && m.addressees.iter().chain(&m.partners).any(|a| a == "Director TSB"))
                    .map(|m| m.id)
                    .collect();
                assert_eq!(every.iter().map(|m| m.id).collect::<Vec<_>>(), expected, "{body}");
                assert!(every.len() >= count, "{body}: {}", every.len());
                if count > 0 {
                    let page = db.store.mandates(&MandateFilter { limit: Some(4), offset: Some(3), ..filter }).await.unwrap();
                    assert_eq!(page, every[3..7], "{body}");
                }
            }
        }
    }

    async fn tracking_changes_are_versioned_and_recorded(db) {
        db.store.ingest(&parse(SEED), "test").await.unwrap();
        let m = db.store.mandates(&MandateFilter { instrument: Some("Resolution 215".into()), ..filter() }).await.unwrap()[2].clone();
        assert_eq!(m.version, 1);
        let change = Change {
            status: Some(Status::InProgress),
            owner: Some(Some("Simao Campos".into())),
            evidence: vec!["TD/83".into()],
            comment: Some("Framework drafted with SG13".into()),
            ..Change::default()
        };
        let updated = db.store.update(m.id, Some(1), &change, "tsb.focal").await.unwrap();
        assert_eq!((updated.status, updated.progress, updated.version), (Status::InProgress, 50, 2));
        assert_eq!(updated.owner.as_deref(), Some("Simao Campos"));
        let detail = db.store.mandate(m.id).await.unwrap();
        assert_eq!(detail.evidence[0].reference, "TD/83");
        assert_eq!(detail.comments[0].body, "Framework drafted with SG13");
        assert_eq!(detail.citation, "Resolution 215 (Bucharest, 2022)");
        let fields: Vec<_> = detail.history.iter().map(|h| (h.field.as_str(), h.old.as_deref(), h.new.as_deref())).collect();
        assert_eq!(
            fields,
            [
                ("created", None, Some("registered (Bucharest, 2022)")),
                ("status", Some("not started"), Some("in progress")),
                ("progress", Some("0"), Some("50")),
                ("owner", None, Some("Simao Campos")),
                ("evidence", None, Some("TD/83")),
                ("comment", None, Some("Framework drafted with SG13")),
            ]
        );
        assert!(detail.history[1..].iter().all(|h| h.by == "tsb.focal" && h.version == 2));

        // Progress rolls up to the instrument, leaving out what does not apply.
        db.store.update(m.id, None, &Change { progress: Some(80), ..Change::default() }, "tsb.focal").await.unwrap();
        let mandates_215 = db.store.mandates(&MandateFilter { instrument: Some("215".into()), ..filter() }).await.unwrap();
        for other in mandates_215.iter().filter(|o| o.id != m.id).skip(1) {
            db.store.update(other.id, None, &Change { status: Some(Status::NotApplicable), ..Change::default() }, "x").await.unwrap();
        }
        let res215 = db.store.instruments().await.unwrap().into_iter().find(|i| i.name == "PP Resolution 215").unwrap();
        assert_eq!(res215.progress, Some(40)); // (80 + 0) / 2

        let owned = db.store.mandates(&MandateFilter { owner: Some("simao campos".into()), ..filter() }).await.unwrap();
        assert_eq!(owned.len(), 1);
        let err = db.store.update(m.id, None, &Change { progress: Some(101), ..Change::default() }, "x").await.unwrap_err();
        assert!(err.to_string().contains("between 0 and 100"), "{err}");
        assert!(matches!(db.store.update(999_999, None, &change, "x").await, Err(StoreError::NoSuchMandate(999_999))));
    }

    async fn of_two_concurrent_updates_one_wins_and_the_other_is_refused(db) {
        db.store.ingest(&parse(SEED), "test").await.unwrap();
        let m = db.store.mandates(&filter()).await.unwrap()[0].clone();
        let (a, b) = (db.store.clone(), db.store.clone());
        let done = Change { status: Some(Status::Completed), ..Change::default() };
        let ongoing = Change { status: Some(Status::Ongoing), ..Change::default() };
        let (first, second) = tokio::join!(
            async { a.update(m.id, Some(m.version), &done, "alice").await },
            async { b.update(m.id, Some(m.version), &ongoing, "bob").await },
        );
        let (won, lost, winner) = match (first, second) {
            (Ok(w), Err(l)) => (w, l, "alice"),
            (Err(l), Ok(w)) => (w, l, "bob"),
            other => panic!("exactly one update must win: {other:?}"),
        };
        let StoreError::Stale { expected, current, by, .. } = &lost else { panic!("{lost}") };
        assert_eq!((*expected, *current, by.as_str()), (1, 2, winner));
        assert!(lost.to_string().contains("was not applied"));
        let history = db.store.history(m.id).await.unwrap();
        let changes: Vec<_> = history.iter().filter(|h| h.field == "status").collect();
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].new.as_deref(), Some(won.status.to_string().as_str()));
        assert_eq!(changes[0].by, winner);
    }

    async fn a_new_revision_supersedes_and_carries_tracking_over(db) {
        db.store.ingest(&parse(RES_130_2018), "test").await.unwrap();
        let old = db.store.mandates(&filter()).await.unwrap();
        let labels: Vec<_> = old.iter().map(|m| m.label.clone().unwrap()).collect();
        assert_eq!(labels, ["1", "1", "2", "3"]);
        let by = "tsb.focal";
        db.store.update(old[0].id, None, &Change { status: Some(Status::InProgress), ..Change::default() }, by).await.unwrap();
        let report = Change { status: Some(Status::Completed), owner: Some(Some("Xiaoya Yang".into())), ..Change::default() };
        db.store.update(old[2].id, None, &report, by).await.unwrap();

        let outcome = db.store.ingest(&parse(RES_130_2022), "test").await.unwrap();
        // resolves 1 reworded, instructs 1 and 2 unchanged: carried; 2bis new; 3 dropped.
        assert_eq!(
            (outcome.mandates_carried, outcome.mandates_changed, outcome.mandates_added, outcome.mandates_retired),
            (3, 1, 1, 4)
        );
        let new = db.store.mandates(&filter()).await.unwrap();
        let summary: Vec<_> =
            new.iter().map(|m| (m.label.clone().unwrap(), m.status, m.needs_review, m.carried_from)).collect();
        assert_eq!(
            summary,
            [
                ("1".into(), Status::InProgress, true, Some(old[0].id)),
                ("1".into(), Status::NotStarted, false, Some(old[1].id)),
                ("2".into(), Status::Completed, false, Some(old[2].id)),
                ("2bis".into(), Status::NotStarted, false, None),
            ]
        );
        assert_eq!(new[2].owner.as_deref(), Some("Xiaoya Yang"));
        assert!(new.iter().all(|m| m.revision == "Rev. Bucharest, 2022"));

        let all = db.store.mandates(&MandateFilter { include_superseded: true, ..filter() }).await.unwrap();
        let retired: Vec<_> = all.iter().filter(|m| !m.current).collect();
        assert_eq!(retired.len(), 4);
        assert!(retired.iter().all(|m| m.status == Status::Superseded && m.revision == "Rev. Dubai, 2018"));
        assert_eq!(retired.iter().find(|m| m.id == old[2].id).unwrap().superseded_by, Some(new[2].id));
        let history = db.store.history(old[3].id).await.unwrap();
        assert_eq!(history.last().unwrap().new.as_deref(), Some("no longer in the new revision"));

        let lineage = db.store.instruments().await.unwrap();
        assert_eq!(lineage.len(), 1);
        assert_eq!(lineage[0].revisions, ["Rev. Dubai, 2018", "Rev. Bucharest, 2022"]);

        // A reviewer clears the flag; the history says so.
        let reviewed = db.store.update(new[0].id, Some(new[0].version), &Change { reviewed: true, ..Change::default() }, by).await.unwrap();
        assert!(!reviewed.needs_review);
    }

    async fn a_changed_file_is_a_new_version_and_the_old_one_stays(db) {
        let first = parse(RES_130_2018);
        db.store.ingest(&first, "test").await.unwrap();
        let mut second = parse(RES_130_2022);
        second.source.name = first.source.name.clone();
        let outcome = db.store.ingest(&second, "test").await.unwrap();
        assert_eq!(outcome.state, IngestState::NewVersion { version: 2 });
        assert_eq!(db.store.totals().await.unwrap().documents, 1);
        let all = db.store.mandates(&MandateFilter { include_superseded: true, ..filter() }).await.unwrap();
        assert_eq!(all.len(), 4 + 4);
        // The current content again changes nothing.
        assert_eq!(db.store.ingest(&second, "test").await.unwrap().state, IngestState::Unchanged);
    }

    async fn a_failed_ingest_leaves_the_registry_as_it_was(db) {
        db.store.ingest(&parse(RES_130_2018), "test").await.unwrap();
        let before = db.store.mandates(&MandateFilter { include_superseded: true, ..filter() }).await.unwrap();
        // A fault half-way: the database refuses one mandate of the seed, after many rows were written.
        if db.location.starts_with("postgres") {
            execute(&db, "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
                IF NEW.action LIKE '%pandemics%' THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$").await;
            execute(&db, "CREATE TRIGGER refuse BEFORE INSERT ON mandates FOR EACH ROW EXECUTE FUNCTION refuse()").await;
        } else {
            execute(&db, "CREATE TRIGGER refuse BEFORE INSERT ON mandates WHEN NEW.action LIKE '%pandemics%' \
                BEGIN SELECT RAISE(ABORT, 'injected fault'); END").await;
        }
        let err = db.store.ingest(&parse(SEED), "test").await.unwrap_err();
        assert!(err.to_string().contains("injected fault"), "{err}");
        let after = db.store.mandates(&MandateFilter { include_superseded: true, ..filter() }).await.unwrap();
        assert_eq!(before, after);
        let totals = db.store.totals().await.unwrap();
        assert_eq!((totals.documents, totals.instruments), (1, 1));
        assert!(db.store.search("pandemics", 5).await.unwrap().is_empty());
    }
}

/// What lets the web pages reuse what they made: any commit, from this store or another connection, changes the
/// mark; reading does not.
mod changes {
    use super::*;

    on_both_backends! {
        async fn every_commit_changes_the_registry_mark_and_reading_does_not(db) {
            let empty = db.store.changes().await.expect("an SQLite file and PostgreSQL can tell");
            db.store.ingest(&parse(SEED), "test").await.unwrap();
            let ingested = db.store.changes().await.unwrap();
            assert_ne!(ingested, empty);
            let first = db.store.mandates(&MandateFilter { limit: Some(1), ..filter() }).await.unwrap().remove(0);
            db.store.search("cybersecurity", 5).await.unwrap();
            assert_eq!(db.store.changes().await, Some(ingested), "reads changed the mark");
            let change = Change { progress: Some(10), ..Change::default() };
            db.store.update(first.id, None, &change, "tsb.focal").await.unwrap();
            let updated = db.store.changes().await.unwrap();
            assert_ne!(updated, ingested);
            // Another process's write (here another connection).
            execute(&db, "UPDATE mandates SET owner = 'someone' WHERE id = 1").await;
            assert_ne!(db.store.changes().await.unwrap(), updated);
        }
    }
}

/// PostgreSQL keeps its search index in partitions by ranges of mandate ids (migration 0008), made as ingests
/// need them. Partitions of 10 ids here (5,000 in a real registry), so that the seed's mandates spread over
/// many; searches must find exactly what one partition finds.
mod search_partitions {
    use super::*;
    use crate::harness::{TestDb, postgres, scalar};

    async fn hits(db: &TestDb, text: &str) -> Vec<(i64, String, f64)> {
        let hits = db.store.search(text, 50).await.unwrap();
        hits.into_iter().map(|h| (h.mandate.id, h.snippet, h.score)).collect()
    }

    #[tokio::test]
    async fn a_search_over_many_partitions_finds_what_one_partition_finds() {
        let Some(one) = postgres("search_partitions_one").await else { return };
        let Some(many) = postgres("search_partitions_many").await else { return };
        execute(&many, "UPDATE search_partitions SET width = 10").await;
        for db in [&one, &many] {
            db.store.ingest(&parse(SEED), "test").await.unwrap();
            db.store.ingest(&parse(WTSA_RES_1), "test").await.unwrap();
        }
        let partitions = "SELECT count(*) FROM pg_inherits WHERE inhparent = 'mandate_search'::regclass";
        let mandates = scalar(&many, "SELECT max(id) FROM mandates").await;
        assert!(mandates > 100, "{mandates} mandates");
        // One partition per 10 ids from id 1 up to at least the newest mandate, and the default one for ids beyond.
        let covered = "SELECT covered_upto FROM search_partitions";
        assert_eq!(scalar(&one, partitions).await, 2);
        assert!(scalar(&many, covered).await > mandates);
        assert_eq!(scalar(&many, partitions).await, (scalar(&many, covered).await - 1) / 10 + 1);
        let phrases = ["pandemics", "Director TSB", "report annually to the Council", "study groups", "ITU-T"];
        for phrase in phrases {
            assert_eq!(hits(&one, phrase).await, hits(&many, phrase).await, "{phrase}");
        }

        // Ids beyond the partitions, as when two ingests take ids at once, wait in the default partition and
        // move into a new one at the next ingest.
        let start = scalar(&many, "SELECT covered_upto - width FROM search_partitions").await;
        for sql in [
            format!("ALTER TABLE mandate_search DETACH PARTITION mandate_search_from_{start}"),
            format!("INSERT INTO mandate_search SELECT * FROM mandate_search_from_{start}"),
            format!("DROP TABLE mandate_search_from_{start}"),
            format!("UPDATE search_partitions SET covered_upto = {start}"),
        ] {
            execute(&many, &sql).await;
        }
        assert!(scalar(&many, "SELECT count(*) FROM mandate_search_beyond").await > 0);
        for phrase in phrases {
            assert_eq!(hits(&one, phrase).await, hits(&many, phrase).await, "{phrase}");
        }
        for db in [&one, &many] {
            db.store.ingest(&parse(RES_130_2018), "test").await.unwrap();
        }
        assert_eq!(scalar(&many, "SELECT count(*) FROM mandate_search_beyond").await, 0);
        assert!(scalar(&many, covered).await > scalar(&many, "SELECT max(id) FROM mandates").await);
        assert_eq!(scalar(&many, partitions).await, (scalar(&many, covered).await - 1) / 10 + 1);
        for phrase in phrases {
            assert_eq!(hits(&one, phrase).await, hits(&many, phrase).await, "{phrase}");
        }
    }
}
