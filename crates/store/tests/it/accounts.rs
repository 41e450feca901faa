//! Accounts, sessions and the dashboard's numbers, on both backends.

use mandates_store::{MandateFilter, Role, Status};

use crate::harness::parse;
use crate::on_both_backends;

const SEED: &str = "samples/tsag-td-pp22-highlights.txt";

on_both_backends! {
    async fn accounts_are_created_replaced_and_listed(db) {
        let ed = db.store.put_user("ed", "$argon2id$hash-1", Role::Editor).await.unwrap();
        assert_eq!((ed.name.as_str(), ed.role), ("ed", Role::Editor));
        db.store.put_user("ada", "$argon2id$hash-2", Role::Admin).await.unwrap();
        // The same name again replaces the password and role, and signs the account out everywhere.
        db.store.create_session("token-hash", ed.id, "csrf", "2999-01-01T00:00:00Z").await.unwrap();
        let again = db.store.put_user(" ed ", "$argon2id$hash-3", Role::Viewer).await.unwrap();
        assert_eq!(again.id, ed.id);
        assert_eq!((again.role, again.password_hash.as_str()), (Role::Viewer, "$argon2id$hash-3"));
        assert!(db.store.session("token-hash").await.unwrap().is_none());
        let names: Vec<(String, Role)> = db.store.users().await.unwrap().into_iter().map(|u| (u.name, u.role)).collect();
        assert_eq!(names, [("ada".to_owned(), Role::Admin), ("ed".to_owned(), Role::Viewer)]);
        let err = db.store.put_user("  ", "h", Role::Viewer).await.unwrap_err();
        assert!(err.to_string().contains("visible name"), "{err}");
    }

    async fn a_session_lasts_until_it_expires_or_is_deleted(db) {
        let user = db.store.put_user("vera", "h", Role::Viewer).await.unwrap();
        db.store.create_session("live", user.id, "csrf-live", "2999-01-01T00:00:00Z").await.unwrap();
        db.store.create_session("old", user.id, "csrf-old", "2000-01-01T00:00:00Z").await.unwrap();
        let live = db.store.session("live").await.unwrap().unwrap();
        assert_eq!((live.user.name.as_str(), live.csrf_token.as_str()), ("vera", "csrf-live"));
        assert!(db.store.session("old").await.unwrap().is_none(), "expired");
        assert!(db.store.session("unknown").await.unwrap().is_none());
        db.store.delete_session("live").await.unwrap();
        assert!(db.store.session("live").await.unwrap().is_none());
    }

    async fn the_overview_counts_the_seed_by_conference_sector_and_addressee(db) {
        db.store.ingest(&parse(SEED), "test").await.unwrap();
        // Complete one of Resolution 130's clauses to the Director TSB.
        let tsb = db
            .store
            .mandates(&MandateFilter { instrument: Some("Resolution 130".into()), addressee: Some("Director TSB".into()), ..Default::default() })
            .await
            .unwrap();
        db.store.update(tsb[0].id, None, &mandates_store::Change { status: Some(Status::Completed), ..Default::default() }, "t").await.unwrap();

        let overview = db.store.overview(3).await.unwrap();
        assert_eq!(overview.totals.mandates, 106);
        assert_eq!((overview.all.mandates, overview.all.completed, overview.all.not_started), (106, 1, 105));
        // 100 of 10 600 points: 0.94 %, rounded to 1.
        assert_eq!(overview.all.progress, Some(1));
        // Every text of the seed is PP-22's.
        let conferences: Vec<(&str, i64)> = overview.by_conference.iter().map(|g| (g.name.as_str(), g.mandates)).collect();
        assert_eq!(conferences, [("PP-22", 106)]);
        let sectors: Vec<&str> = overview.by_sector.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(sectors, ["ITU-R", "ITU-T", "ITU-D"]);
        let t = &overview.by_sector[1];
        assert_eq!(t.completed, 1);
        // The ITU-T count agrees with the Sector filter of the mandate list.
        let itu_t = db.store.mandates(&MandateFilter { sector: Some("T".into()), ..Default::default() }).await.unwrap();
        assert_eq!(t.mandates, itu_t.len() as i64);
        // The Director TSB is named (or consulted) most, and the names come back as the registry writes them.
        assert_eq!(overview.by_addressee.len(), 3);
        assert_eq!(overview.by_addressee[0].name, "Director TSB");
        let tsb_all = db.store.mandates(&MandateFilter { addressee: Some("director tsb".into()), ..Default::default() }).await.unwrap();
        assert_eq!(overview.by_addressee[0].mandates, tsb_all.len() as i64);
        assert_eq!(overview.needs_review, 0);
    }

    async fn an_instrument_detail_lists_its_texts_and_a_text_reads_back_with_its_citations(db) {
        db.store.ingest(&parse(SEED), "test").await.unwrap();
        db.store.ingest(&parse("crates/store/tests/data/res130-dubai-2018.txt"), "test").await.unwrap();
        let id = db.store.mandates(&MandateFilter { instrument: Some("PP Resolution 130".into()), limit: Some(1), ..Default::default() })
            .await.unwrap()[0].instrument_id;
        let detail = db.store.instrument(id).await.unwrap().unwrap();
        assert_eq!(detail.instrument.revisions, ["Rev. Dubai, 2018", "Rev. Bucharest, 2022"]);
        let revisions: Vec<(&str, bool)> = detail.texts.iter().map(|t| (t.revision.as_str(), t.full)).collect();
        assert_eq!(revisions, [("Rev. Dubai, 2018", true), ("Rev. Bucharest, 2022", false)]);
        let seed_text = db.store.text(detail.texts[1].id).await.unwrap();
        // "... in line with WSIS Action Line C5" (instructs the SG and the Directors, 8) is cited inside 2.6.
        let cited: Vec<_> = seed_text.references.iter().map(|r| r.text.as_str()).collect();
        assert!(cited.iter().any(|c| c == "WSIS Action Line C5"), "{cited:?}");
        let document = db.store.document(seed_text.document_id).await.unwrap();
        assert!(seed_text.references.iter().all(|r| r.text == document.text[r.start..r.end]));
        assert!(db.store.instrument(999_999).await.unwrap().is_none());
        // Citations find instruments by kind, body and number, whatever the case.
        assert_eq!(db.store.find_instrument("Resolution", "pp", "130").await.unwrap(), Some(id));
        assert_eq!(db.store.find_instrument("resolution", "WTSA", "130").await.unwrap(), None);
        // One page of a long list.
        let page = db.store.mandates(&MandateFilter { limit: Some(10), offset: Some(100), ..Default::default() }).await.unwrap();
        // The older Dubai text adds no current mandate: the seed's 106 stay current, and the page from 100 has 6.
        assert_eq!(page.len(), 6);
    }
}
