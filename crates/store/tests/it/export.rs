//! Export and import: the whole registry, losslessly.

use mandates_store::{Change, MandateFilter, Status};

use crate::harness::{another, names_out_of_place, parse};
use crate::on_both_backends;

async fn export(store: &mandates_store::Store) -> String {
    let mut out = Vec::new();
    store.export(&mut out).await.unwrap();
    String::from_utf8(out).unwrap()
}

on_both_backends! {
    async fn export_then_import_then_export_gives_the_same_bytes(db) {
        let store = &db.store;
        store.ingest(&parse("crates/store/tests/data/res130-dubai-2018.txt"), "test").await.unwrap();
        let old = store.mandates(&MandateFilter::default()).await.unwrap();
        let change = Change {
            status: Some(Status::Completed),
            owner: Some(Some("Xiaoya Yang".into())),
            evidence: vec!["C23/25".into(), "https://www.itu.int/md/S23-CL-C-0025".into()],
            comment: Some("Reported to Council 2023 — «done»; see \"C23/25\"".into()),
            ..Change::default()
        };
        store.update(old[2].id, None, &change, "tsb.focal").await.unwrap();
        store.ingest(&parse("crates/store/tests/data/res130-bucharest-2022.txt"), "test").await.unwrap();
        store.ingest(&parse("samples/tsag-td-pp22-highlights.txt"), "test").await.unwrap();
        let first = export(store).await;

        let copy = another(&db, "export_then_import_then_export_gives_the_same_bytes").await;
        copy.store.import(&first).await.unwrap();
        let second = export(&copy.store).await;
        assert!(first == second, "the export changed on the way through an import");

        // What the export holds is really there: tracking, lineage, history, search.
        let all = copy.store.mandates(&MandateFilter { include_superseded: true, ..MandateFilter::default() }).await.unwrap();
        assert_eq!(all, store.mandates(&MandateFilter { include_superseded: true, ..MandateFilter::default() }).await.unwrap());
        let detail = copy.store.mandate(old[2].id).await.unwrap();
        assert_eq!(detail.evidence.len(), 2);
        assert_eq!(detail.mandate.superseded_by, store.mandate(old[2].id).await.unwrap().mandate.superseded_by);
        assert_eq!(copy.store.search("pandemics", 50).await.unwrap().len(), store.search("pandemics", 50).await.unwrap().len());
        // A conference is found from its texts in the copy too. Res 130 (Rev. Dubai, 2018) was superseded by its
        // Bucharest revision: PP-18 has mandates only when superseded ones are asked for.
        for (conference, include_superseded, found) in [("PP-22", false, true), ("PP-18", true, true), ("PP-18", false, false)] {
            let filter = MandateFilter { conference: Some(conference.into()), include_superseded, ..MandateFilter::default() };
            let here = store.mandates(&filter).await.unwrap();
            assert_eq!(here, copy.store.mandates(&filter).await.unwrap(), "{conference}");
            assert_eq!(!here.is_empty(), found, "{conference}, superseded too: {include_superseded}");
        }
        // An addressee's mandates are listed in the same order: the names' places in lists, which the export
        // leaves out, are filled on import.
        assert_eq!(names_out_of_place(&copy).await, 0);
        for (name, limit) in [("Director TSB", None), ("Director TSB", Some(5)), ("Secretary-General", None)] {
            let filter = MandateFilter { addressee: Some(name.into()), limit, ..MandateFilter::default() };
            let here = store.mandates(&filter).await.unwrap();
            assert!(here.len() >= 5, "{name}: {}", here.len());
            assert_eq!(here, copy.store.mandates(&filter).await.unwrap(), "{name}");
        }
        // The copy goes on: new rows get new numbers.
        copy.store.ingest(&parse("samples/wtsa-res-001-rev-hammamet-2016.docx"), "test").await.unwrap();
        let new = copy.store.mandates(&MandateFilter { body: Some("WTSA".into()), ..MandateFilter::default() }).await.unwrap();
        assert!(new[0].id > all.iter().map(|m| m.id).max().unwrap());
    }

    async fn import_refuses_a_registry_that_holds_documents_and_files_that_are_not_exports(db) {
        db.store.ingest(&parse("crates/store/tests/data/res130-dubai-2018.txt"), "test").await.unwrap();
        let data = export(&db.store).await;
        let err = db.store.import(&data).await.unwrap_err().to_string();
        assert!(err.contains("only be restored into an empty registry, and this one holds 1 documents"), "{err}");
        let empty = another(&db, "import_refuses").await;
        for (input, expected) in [
            ("{\"documents\": []}", "does not say \"format\""),
            ("not json", "this is not a registry export"),
            (&data.replace("\"version\":1", "\"version\":99"), "it is format version 99; this program reads version 1"),
            (&data.replace("\"progress\":0", "\"progress\":\"zero\""), "progress has the wrong type"),
        ] {
            let err = empty.store.import(input).await.unwrap_err().to_string();
            assert!(err.contains(expected), "{err}");
        }
        // A failed import leaves nothing behind.
        assert_eq!(empty.store.totals().await.unwrap().documents, 0);
    }
}
