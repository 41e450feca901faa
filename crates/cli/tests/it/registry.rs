//! The registry commands end to end: ingest, list, show, set, history, search, and what a crash leaves.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::{sample, stderr, stdout};

/// `mandates --db <dir>/registry.db ARGS...`
fn registry(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mandates"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("MANDATES_USER", "test.focal")
        .output()
        .expect("the binary runs")
}

fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_str(&stdout(o)).expect("JSON output")
}

fn seed() -> String {
    sample("tsag-td-pp22-highlights.txt").to_string_lossy().into_owned()
}

fn wtsa() -> String {
    sample("wtsa-res-001-rev-hammamet-2016.docx").to_string_lossy().into_owned()
}

#[test]
fn a_corrupt_file_in_a_batch_is_named_and_the_others_land() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("registry.db");
    let truncated = dir.path().join("truncated.docx");
    let docx = std::fs::read(sample("wtsa-res-001-rev-hammamet-2016.docx")).unwrap();
    std::fs::write(&truncated, &docx[..docx.len() / 2]).unwrap();
    let out = registry(&db, &["ingest", &seed(), truncated.to_str().unwrap(), &wtsa()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("truncated.docx") && err.contains("damaged"), "{err}");
    let summary = stdout(&out);
    assert!(summary.contains("2 documents stored: 2 new"), "{summary}");
    assert!(summary.contains("1 file not stored"), "{summary}");
    // The seed's 106 mandates and WTSA Resolution 1's one.
    assert!(summary.contains("the registry now holds 2 documents and 107 current mandates"), "{summary}");
    let listed = json(&registry(&db, &["list", "--format", "json"]));
    assert_eq!(listed.as_array().unwrap().len(), 107);
}

#[test]
fn ingesting_the_same_files_again_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("registry.db");
    assert!(registry(&db, &["ingest", &seed(), &wtsa()]).status.success());
    let before = stdout(&registry(&db, &["list", "--all", "--format", "json"]));
    let again = registry(&db, &["ingest", &seed(), &wtsa(), "--format", "json"]);
    let report = json(&again);
    assert_eq!((report["new"].as_u64(), report["unchanged"].as_u64()), (Some(0), Some(2)));
    assert_eq!(report["mandates_added"].as_u64(), Some(0));
    assert_eq!(stdout(&registry(&db, &["list", "--all", "--format", "json"])), before);
}

#[test]
fn a_focal_point_tracks_a_mandate_and_its_history_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("registry.db");
    assert!(registry(&db, &["ingest", &seed()]).status.success());
    // Resolution 215 (3.2): instructs the Director TSB 1 "to institute a framework ..." is its third mandate.
    let res215 = json(&registry(&db, &["list", "--instrument", "Resolution 215", "--format", "json"]));
    let framework = &res215.as_array().unwrap()[2];
    assert!(framework["action"].as_str().unwrap().starts_with("to institute a framework"));
    let id = framework["id"].as_i64().unwrap().to_string();

    let set = registry(
        &db,
        &["set", &id, "--status", "in progress", "--owner", "Simao Campos", "--evidence", "TD/83", "--if-version", "1"],
    );
    assert!(set.status.success(), "{}", stderr(&set));
    let shown = stdout(&set);
    assert!(
        shown.contains("Status        in progress (50%)") && shown.contains("Owner         Simao Campos"),
        "{shown}"
    );

    // A change made against the old version is refused and changes nothing.
    let stale = registry(&db, &["set", &id, "--status", "completed", "--if-version", "1"]);
    assert_eq!(stale.status.code(), Some(1));
    assert!(stderr(&stale).contains("was not applied"), "{}", stderr(&stale));

    let history = json(&registry(&db, &["history", &id, "--format", "json"]));
    let fields: Vec<&str> = history.as_array().unwrap().iter().map(|h| h["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["created", "status", "progress", "owner", "evidence"]);
    assert!(history.as_array().unwrap()[1..].iter().all(|h| h["by"] == "test.focal"));

    let csv = stdout(&registry(&db, &["list", "--owner", "simao campos", "--format", "csv"]));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][0], id.as_str());
    assert_eq!(&rows[0][1], "PP Resolution 215");

    let hits = stdout(&registry(&db, &["search", "framework pandemics"]));
    assert!(hits.lines().nth(1).is_some_and(|l| l.starts_with(&id)), "{hits}");
}

#[test]
fn bad_requests_say_what_to_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("registry.db");
    assert!(registry(&db, &["ingest", &seed()]).status.success());
    let out = registry(&db, &["list", "--status", "done"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("use one of not started, in progress"), "{}", stderr(&out));
    let out = registry(&db, &["show", "99999"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("there is no mandate 99999"), "{}", stderr(&out));
    let out = registry(&db, &["set", "1", "--progress", "150"]);
    assert_eq!(out.status.code(), Some(2));
    let out = registry(&db, &["list", "--due-before", "next year"]);
    assert!(stderr(&out).contains("--due-before takes a year"), "{}", stderr(&out));
    let folder = registry(&db.join("no-such-folder/registry.db"), &["list"]);
    assert_eq!(folder.status.code(), Some(1));
    assert!(stderr(&folder).contains("cannot open the database"), "{}", stderr(&folder));
}

/// A resolution of its own per file, so that every document adds exactly two mandates.
fn write_resolutions(dir: &Path, count: usize) -> Vec<PathBuf> {
    (0..count)
        .map(|n| {
            let path = dir.join(format!("res-{n:04}.txt"));
            let number = 1000 + n;
            std::fs::write(
                &path,
                format!(
                    "RESOLUTION {number} (REV. BUCHAREST, 2022)\nStrengthening work item {number}\n\
                     The Plenipotentiary Conference of the International Telecommunication Union (Bucharest, 2022),\n\
                     instructs the Director of the Telecommunication Standardization Bureau\n\
                     1\tto report annually to the Council on work item {number};\n\
                     2\tto assist Member States with work item {number}.\n"
                ),
            )
            .unwrap();
            path
        })
        .collect()
}

#[test]
fn kill_9_during_a_large_ingest_leaves_every_committed_document_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("registry.db");
    let files = write_resolutions(dir.path(), 3000);
    let mut child = Command::new(env!("CARGO_BIN_EXE_mandates"))
        .arg("--db")
        .arg(&db)
        .arg("ingest")
        .args(&files)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let location = db.to_string_lossy().into_owned();
    // Wait until some documents are in, then kill the process without warning.
    let stored_before_kill = runtime.block_on(async {
        for _ in 0..600 {
            std::thread::sleep(std::time::Duration::from_millis(50));
            if !db.exists() {
                continue;
            }
            let Ok(store) = mandates_store::Store::open(&location).await else { continue };
            let totals = store.totals().await;
            store.close().await;
            if let Ok(t) = totals
                && t.documents >= 20
            {
                return t.documents;
            }
        }
        panic!("the ingest stored nothing in 30 s");
    });
    child.kill().unwrap();
    child.wait().unwrap();

    let totals = runtime.block_on(async {
        let store = mandates_store::Store::open(&location).await.unwrap();
        let totals = store.totals().await.unwrap();
        let instruments = store.instruments().await.unwrap();
        assert_eq!(instruments.len() as i64, totals.documents);
        assert!(instruments.iter().all(|i| i.mandates == 2), "a document was stored in part");
        totals
    });
    assert!(totals.documents >= stored_before_kill);
    assert!(totals.documents < 3000, "the kill came after the end: the test proves nothing");
    assert_eq!(totals.mandates, 2 * totals.documents);
    // The interrupted batch can simply be run again: what is in is skipped, the rest lands.
    let rest = registry(
        &db,
        &["ingest", "--format", "json"]
            .iter()
            .copied()
            .chain(files.iter().map(|f| f.to_str().unwrap()))
            .collect::<Vec<_>>(),
    );
    let report = json(&rest);
    assert_eq!(report["unchanged"].as_i64(), Some(totals.documents));
    assert_eq!(report["registry_mandates"].as_i64(), Some(6000));
}

#[test]
fn akoma_ntoso_files_come_one_per_instrument() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("registry.db");
    // One instrument: the XML goes to the screen.
    let one = registry(&db, &["parse", &wtsa(), "--format", "akn"]);
    assert!(one.status.success(), "{}", stderr(&one));
    assert!(stdout(&one).contains("<FRBRalias value=\"Resolution 1 (Rev. Hammamet, 2016)\" name=\"native\"/>"));
    // Many: a folder is needed, and the message says so.
    let many = registry(&db, &["parse", &seed(), "--format", "akn"]);
    assert_eq!(many.status.code(), Some(1));
    assert!(stderr(&many).contains("holds 31 instruments: name a folder"), "{}", stderr(&many));
    // From the registry: every text of the current documents, 31 of the seed and WTSA Resolution 1.
    assert!(registry(&db, &["ingest", &seed(), &wtsa()]).status.success());
    let out = dir.path().join("akn");
    let export = registry(&db, &["export", "--format", "akn", "--out", out.to_str().unwrap()]);
    assert!(stdout(&export).contains("32 Akoma Ntoso files written"), "{}{}", stdout(&export), stderr(&export));
    assert!(out.join("resolution-itu-pp-2022-130.xml").exists());
    assert!(out.join("resolution-itu-wtsa-2016-1.xml").exists());
}
