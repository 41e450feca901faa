//! `mandates diff OLD NEW`: the edited texts of Resolution 130 kept by the core's tests, the seed, and errors.

use std::path::{Path, PathBuf};

use crate::{json_stream, repo, run, sample, stderr, stdout};

fn data(name: &str) -> PathBuf {
    repo().join("crates/core/tests/data/diff").join(name)
}

fn diff(old: &Path, new: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["diff".into(), old.as_os_str().to_owned(), new.as_os_str().to_owned()];
    args.extend(extra.iter().map(|a| a.into()));
    run(&args)
}

#[test]
fn markdown_puts_the_summary_first() {
    let out = diff(&data("res130-base.txt"), &data("res130-deadline.txt"), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(md.starts_with("# PP Resolution 130: what changed\n"), "{md}");
    let summary = md.find("## In substance").expect("a summary");
    let blocks = md.find("## Changes by block").expect("the changes");
    assert!(summary < blocks);
    assert!(md.contains("- Items: 1 reworded; 20 unchanged."), "{md}");
    assert!(md.contains("deadline ~~“the 2024 session of Council”~~ **“the 2025 session of Council”**"), "{md}");
    assert!(md.contains("- **4** reworded: to submit to the ~~2024~~**2025** session of Council"), "{md}");
    // Unchanged items are counted, not printed.
    assert!(md.contains("3 items unchanged."), "{md}");
    assert!(!md.contains("to consider the results of the GCI"), "{md}");
}

#[test]
fn json_and_html_formats() {
    let out = diff(&data("res130-base.txt"), &data("res130-added.txt"), &["--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json_stream(&stdout(&out)).remove(0);
    let d = &v["instruments"][0];
    assert_eq!(d["summary"]["addressees"][0]["addressee"], "Director TSB");
    assert_eq!(d["summary"]["addressees"][0]["added"][0]["label"], "4");
    assert_eq!(d["summary"]["reporting"][0]["change"], "new_duty");
    assert_eq!(v["only_in_old"].as_array().map(Vec::len), Some(0));

    let out = diff(&data("res130-base.txt"), &data("res130-deadline.txt"), &["--format", "html"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = stdout(&out);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<del>2024</del><ins>2025</ins>"), "{html}");
}

#[test]
fn several_instruments_are_paired_and_one_can_be_picked() {
    // The seed quotes many instruments; the Dubai text of Resolution 130 holds one.
    let dubai = repo().join("crates/store/tests/data/res130-dubai-2018.txt");
    let seed = sample("tsag-td-pp22-highlights.txt");
    let out = diff(&seed, &seed, &["--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json_stream(&stdout(&out)).remove(0);
    let pairs = v["instruments"].as_array().unwrap();
    assert!(pairs.len() > 10, "{}", pairs.len());
    for p in pairs {
        assert_eq!(p["summary"]["counts"]["added"], 0);
        assert_eq!(p["summary"]["counts"]["reworded"], 0);
    }

    let out = diff(&dubai, &seed, &["--instrument", "Resolution 130", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json_stream(&stdout(&out)).remove(0);
    assert_eq!(v["instruments"].as_array().map(Vec::len), Some(1));
    assert_eq!(v["instruments"][0]["new"]["number"], "130");
    assert_eq!(v["only_in_new"].as_array().map(Vec::len), Some(0));

    let out = diff(&dubai, &seed, &["--instrument", "PP Resolution 999"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("res130-dubai-2018.txt holds no PP Resolution 999"), "{}", stderr(&out));
}

#[test]
fn files_that_cannot_be_compared_are_named() {
    let missing = data("no-such-file.txt");
    let out = diff(&data("res130-base.txt"), &missing, &[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("cannot read") && stderr(&out).contains("no-such-file.txt"), "{}", stderr(&out));

    let out = diff(&data("res130-base.txt"), &data("res130-base.txt"), &["--instrument", "the big one"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("name it as cited"), "{}", stderr(&out));

    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("notes.txt");
    std::fs::write(&empty, "Some notes without any resolution.\n").unwrap();
    let out = diff(&empty, &data("res130-base.txt"), &[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("notes.txt holds no resolution"), "{}", stderr(&out));
}

#[test]
fn stored_revisions_of_an_instrument_are_compared_from_the_registry() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("registry.db");
    let store_data = |name: &str| repo().join("crates/store/tests/data").join(name);
    let ingest = run(&[
        "--db".as_ref(),
        db.as_os_str(),
        "ingest".as_ref(),
        store_data("res130-dubai-2018.txt").as_os_str(),
        store_data("res130-bucharest-2022.txt").as_os_str(),
    ]);
    assert!(ingest.status.success(), "{}", stderr(&ingest));
    let stored = |extra: &[&str]| {
        let mut args: Vec<std::ffi::OsString> = vec!["--db".into(), db.clone().into(), "diff".into()];
        args.extend(extra.iter().map(|a| a.into()));
        run(&args)
    };
    // By default the latest revision against the one before: between the two texts, the Director TSB gained
    // 2bis (the cybersecurity workforce) and lost 3 (ITU-D Study Question 3/2), as read in the files.
    let out = stored(&["--stored", "Resolution 130"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(
        md.contains("From _RESOLUTION 130 (REV. DUBAI, 2018)_ to _RESOLUTION 130 (REV. BUCHAREST, 2022)_."),
        "{md}"
    );
    assert!(md.contains("- **Director TSB**: 1 new clause (instructs 2bis); 1 removed (instructs 3)"), "{md}");
    // Revisions are named as people write them; the other way round the clause is removed.
    let back = stdout(&stored(&["--stored", "PP Resolution 130", "--from", "2022", "--to", "Dubai"]));
    assert!(back.contains("- **Director TSB**: 1 new clause (instructs 3); 1 removed (instructs 2bis)"), "{back}");
    let unknown = stored(&["--stored", "Resolution 130", "--from", "Geneva"]);
    assert!(!unknown.status.success());
    assert!(
        stderr(&unknown)
            .contains("has no text of revision \"Geneva\"; the registry holds Rev. Dubai, 2018, Rev. Bucharest, 2022")
    );
    let missing = stored(&["--stored", "Resolution 999"]);
    assert!(stderr(&missing).contains("the registry holds no Resolution 999"), "{}", stderr(&missing));
}
