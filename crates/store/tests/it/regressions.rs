//! Regression tests, each named after what it fixes (found by review, 2026-11-28).

use mandates_store::{IngestState, MandateFilter, Status};

use crate::harness::parse;
use crate::on_both_backends;

const RES_130_2018: &str = "crates/store/tests/data/res130-dubai-2018.txt";
const RES_130_2022: &str = "crates/store/tests/data/res130-bucharest-2022.txt";

fn filter() -> MandateFilter {
    MandateFilter::default()
}

fn parse_text(name: &str, text: &str) -> mandates_core::Document {
    mandates_core::parse(name, text.as_bytes(), &Default::default()).unwrap()
}

const RES_7_WRC_19: &str = "RESOLUTION 7 (REV.WRC-19)\nDevelopment of national radio-frequency management\n\
    The World Radiocommunication Conference (Sharm el-Sheikh, 2019),\nresolves\n1\tthat the Director of the \
    Radiocommunication Bureau continue to assist administrations;\n";
const RES_7_WRC_97: &str = "RESOLUTION 7 (REV.WRC-97)\nNational radio-frequency management\n\
    The World Radiocommunication Conference (Geneva, 1997),\nresolves\n1\tthat the Director of the \
    Radiocommunication Bureau assist administrations;\n";

on_both_backends! {
    async fn work_prepared_for_one_document_is_refused_for_another(db) {
        let (seed, res7) = (parse("samples/tsag-td-pp22-highlights.txt"), parse_text("res7.txt", RES_7_WRC_19));
        let prepared = mandates_store::Prepared::of(&seed).unwrap();
        let err = db.store.ingest_prepared(&res7, &prepared, "test").await.unwrap_err();
        assert!(err.to_string().contains("not res7.txt"), "{err}");
        assert_eq!(db.store.totals().await.unwrap().documents, 0);
        let outcome = db.store.ingest_prepared(&seed, &prepared, "test").await.unwrap();
        assert_eq!(outcome.mandates_added, db.store.totals().await.unwrap().mandates as usize);
    }

    async fn an_older_revision_read_later_does_not_supersede_a_newer_one(db) {
        // "WRC-97" is 1997, not 2097.
        db.store.ingest(&parse_text("res7-2019.txt", RES_7_WRC_19), "test").await.unwrap();
        db.store.ingest(&parse_text("res7-1997.txt", RES_7_WRC_97), "test").await.unwrap();
        let current = db.store.mandates(&filter()).await.unwrap();
        assert_eq!(current.len(), 1);
        assert_eq!(current[0].revision, "Rev.WRC-19");
        let lineage = db.store.instruments().await.unwrap();
        assert_eq!(lineage[0].revisions, ["Rev.WRC-97", "Rev.WRC-19"]);
    }

    async fn a_file_put_back_as_it_was_becomes_current_again(db) {
        let first = parse(RES_130_2018);
        db.store.ingest(&first, "test").await.unwrap();
        let mut edited = parse(RES_130_2022);
        edited.source.name = first.source.name.clone();
        db.store.ingest(&edited, "test").await.unwrap();
        // The first content again under the same name: a third version, and its wording is current again.
        let back = db.store.ingest(&first, "test").await.unwrap();
        assert_eq!(back.state, IngestState::NewVersion { version: 3 });
        let current = db.store.mandates(&filter()).await.unwrap();
        assert!(current.iter().all(|m| m.revision == "Rev. Dubai, 2018"), "{current:?}");
        assert_eq!(current.len(), 4);
    }

    async fn a_document_that_loses_an_instrument_removes_its_mandates(db) {
        let mut doc = parse_text("two.txt", &format!("{RES_7_WRC_19}\n{}", std::fs::read_to_string(crate::harness::repo_file(RES_130_2018)).unwrap()));
        assert_eq!(doc.instruments.len(), 2);
        db.store.ingest(&doc, "test").await.unwrap();
        doc = parse_text("two.txt", RES_7_WRC_19);
        db.store.ingest(&doc, "test").await.unwrap();
        let all = db.store.mandates(&MandateFilter { include_superseded: true, ..filter() }).await.unwrap();
        let gone: Vec<_> = all.iter().filter(|m| m.instrument == "PP Resolution 130").collect();
        assert_eq!(gone.len(), 4);
        // Not "superseded": no new revision replaced them; their tracking stays as it was.
        assert!(gone.iter().all(|m| !m.current && m.status == Status::NotStarted), "{gone:?}");
        assert_eq!(db.store.history(gone[0].id).await.unwrap().last().unwrap().field, "removed");
    }

    // PostgreSQL: a search that had read the whole of a registry of fewer than 63 mandates and found some
    // computed a next range with `clamp(1000, 16 x span)` and panicked.
    async fn a_search_in_a_registry_of_four_mandates_finds_its_match(db) {
        db.store.ingest(&parse(RES_130_2022), "test").await.unwrap();
        // Resolves 1 and instructs the Director TSB 1, 2 and 2bis; only 2bis names the workforce.
        let hits = db.store.search("cybersecurity workforce", 5).await.unwrap();
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].mandate.label.as_deref(), Some("2bis"));
        assert!(hits[0].snippet.contains("«cybersecurity» «workforce»"), "{}", hits[0].snippet);
        assert_eq!(db.store.search("report annually", 5).await.unwrap().len(), 1);
    }

    async fn searching_for_punctuation_alone_says_what_to_give(db) {
        db.store.ingest(&parse(RES_130_2018), "test").await.unwrap();
        let err = db.store.search("--", 5).await;
        match db.store.backend() {
            mandates_store::Backend::Sqlite => assert!(err.unwrap_err().to_string().contains("give at least one word")),
            mandates_store::Backend::Postgres => assert!(err.unwrap().is_empty()),
        }
    }
}
