//! Akoma Ntoso export of every instrument of the samples, validated against the official OASIS schema
//! (`schema/akn/akomantoso30.xsd`) with xmllint, and compared with insta snapshots that were checked by
//! reading (`tests/it/snapshots/it__akn__*.snap`).
//!
//! xmllint comes with Debian's `libxml2-utils`. Without it the validation is skipped with a message, except
//! under CI (`CI=true`), where its absence fails the test.
//! After a change to the export, `cargo insta review` (or `INSTA_UPDATE=always`) updates the snapshots: then
//! read the diff.

use std::path::{Path, PathBuf};
use std::process::Command;

use mandates_core::akn::{export, frbr};
use mandates_core::model::{Document, Instrument};

use crate::{sample, seed};

fn wtsa_res1() -> Document {
    mandates_core::parse(
        "wtsa-res-001-rev-hammamet-2016.docx",
        &sample("wtsa-res-001-rev-hammamet-2016.docx"),
        &Default::default(),
    )
    .expect("WTSA Resolution 1 parses")
}

/// A fresh folder under the system's temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("mandates-akn-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temporary folder");
        Self(dir)
    }
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn find<'a>(doc: &'a Document, body: &str, number: &str) -> &'a Instrument {
    doc.instruments
        .iter()
        .find(|i| i.body.as_deref() == Some(body) && i.number.as_deref() == Some(number) && i.committee.is_none())
        .unwrap_or_else(|| panic!("{body} {number} in {}", doc.source.name))
}

/// None when xmllint is missing outside CI (after saying so); panics when it is missing under CI.
fn xmllint() -> Option<&'static str> {
    if Command::new("xmllint").arg("--version").output().is_ok() {
        return Some("xmllint");
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "xmllint is not installed, so the Akoma Ntoso export cannot be validated against the schema: \
             install Debian's libxml2-utils (apt-get install libxml2-utils)"
        );
    }
    eprintln!("SKIPPED: Akoma Ntoso schema validation: xmllint not found (apt-get install libxml2-utils)");
    None
}

/// Every instrument of `doc` exported, written to a temporary folder and validated in one xmllint run.
fn validate_all(doc: &Document) {
    let dir = TempDir::new(&doc.source.name);
    let mut files = Vec::new();
    for (n, inst) in doc.instruments.iter().enumerate() {
        let xml = export(doc, inst);
        let path = dir.path().join(format!("{n:03}.xml"));
        std::fs::write(&path, xml).expect("writing the export");
        files.push(path);
    }
    assert!(!files.is_empty(), "{} has instruments", doc.source.name);
    let Some(xmllint) = xmllint() else { return };
    let schema = repo().join("schema/akn/akomantoso30.xsd");
    let out = Command::new(xmllint)
        .arg("--noout")
        .arg("--nonet")
        .arg("--schema")
        .arg(&schema)
        .args(&files)
        .output()
        .expect("running xmllint");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let failed: Vec<&str> = stderr.lines().filter(|l| !l.ends_with(" validates")).collect();
    assert!(
        out.status.success() && failed.is_empty(),
        "{} instruments of {} exported; xmllint says:\n{}",
        files.len(),
        doc.source.name,
        failed.join("\n")
    );
    assert_eq!(stderr.lines().filter(|l| l.ends_with(" validates")).count(), files.len());
}

#[test]
fn every_instrument_of_the_seed_validates() {
    validate_all(&seed());
}

#[test]
fn every_instrument_of_wtsa_resolution_1_validates() {
    validate_all(&wtsa_res1());
}

/// The export compared with a committed insta snapshot that was read and checked by hand. Insta ignores
/// white space at the end and CRLF line ends: the export has neither, so the comparison is byte for byte.
fn expect_snapshot(name: &str, xml: &str) {
    assert!(xml.ends_with("</akomaNtoso>") && !xml.contains('\r'), "{name}: the export ends with its root");
    insta::assert_snapshot!(name, xml);
}

#[test]
fn resolution_130_of_the_seed() {
    let doc = seed();
    let res = find(&doc, "PP", "130");
    let ids = frbr(&doc, res);
    assert_eq!(ids.work, "/akn/un/statement/resolution/itu-pp/2022/130");
    assert_eq!(ids.expression, "/akn/un/statement/resolution/itu-pp/2022/130/eng@2022");
    assert_eq!(ids.manifestation, "/akn/un/statement/resolution/itu-pp/2022/130/eng@2022/!main.xml");

    let xml = export(&doc, res);
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<akomaNtoso xmlns=\""));
    assert!(xml.contains("<statement name=\"resolution\">"));
    assert!(xml.contains("<FRBRthis value=\"/akn/un/statement/resolution/itu-pp/2022/130/!main\"/>"));
    assert!(xml.contains("<FRBRuri value=\"/akn/un/statement/resolution/itu-pp/2022/130\"/>"));
    assert!(xml.contains("<FRBRuri value=\"/akn/un/statement/resolution/itu-pp/2022/130/eng@2022\"/>"));
    assert!(xml.contains("<FRBRalias value=\"Resolution 130 (Rev. Bucharest, 2022)\" name=\"native\"/>"));
    assert!(xml.contains("<FRBRauthor href=\"#itu-pp\"/>"));
    assert!(xml.contains("<FRBRcountry value=\"un\"/>"));
    assert!(xml.contains(
        "<TLCRole eId=\"director-tsb\" href=\"/akn/ontology/role/itu.director-tsb\" showAs=\"Director TSB\"/>"
    ));
    assert!(xml.contains("<docNumber>Resolution 130 (Rev. Bucharest, 2022)</docNumber>"));

    // The seed quotes items 4 and 5 of the block that instructs the Director TSB.
    let block = xml
        .split("<hcontainer ")
        .find(|b| b.contains("<p>instructs the Director of the Telecommunication Standardization Bureau"))
        .expect("a container instructing the Director TSB");
    assert!(block.starts_with("name=\"instructs\" eId=\"instructs_"), "{block}");
    assert!(block.contains("refersTo=\"#director-tsb\""), "{block}");
    assert!(block.contains("__point_4\">\n") && block.contains("<num>4</num>"), "{block}");
    assert!(block.contains("__point_5\">\n") && block.contains("<num>5</num>"), "{block}");
    expect_snapshot("seed-res-130", &xml);
}

#[test]
fn wtsa_resolution_1_recitals() {
    let doc = wtsa_res1();
    let res = find(&doc, "WTSA", "1");
    assert_eq!(frbr(&doc, res).work, "/akn/un/statement/resolution/itu-wtsa/2016/1");
    let xml = export(&doc, res);
    assert!(xml.contains("<FRBRalias value=\"Resolution 1 (Rev. Hammamet, 2016)\" name=\"native\"/>"));
    let considering = xml
        .split("<recitals ")
        .find(|r| r.contains("<intro>\n          <p>considering</p>"))
        .and_then(|r| r.split("</recitals>").next())
        .expect("recitals introduced by considering");
    let nums: Vec<&str> =
        considering.lines().filter_map(|l| l.trim().strip_prefix("<num>")?.strip_suffix("</num>")).collect();
    assert_eq!(nums, ["a)", "b)", "b)bis", "c)", "d)", "e)", "f)", "g)", "h)", "i)"]);
    assert!(considering.contains("eId=\"preamble__recs_1__rec_bbis\""), "{considering}");
    expect_snapshot("wtsa-res-001", &xml);
}

#[test]
fn text_is_escaped_and_forbidden_characters_are_dropped() {
    let text = "RESOLUTION 999 (REV. BUCHAREST, 2022)\n\
        Tags <b> & \"quotes\" \u{1}in a title\n\
        The Plenipotentiary Conference of the International Telecommunication Union (Bucharest, 2022),\n\
        instructs the Secretary-General\n\
        1\tto report on <this> & \u{b}that.\n";
    let doc = mandates_core::parse("t.txt", text.as_bytes(), &Default::default()).unwrap();
    let xml = export(&doc, &doc.instruments[0]);
    assert!(!xml.contains('\u{1}') && !xml.contains('\u{b}'));
    assert!(xml.contains("&lt;b&gt; &amp;"), "{xml}");
    assert!(xml.contains("to report on &lt;this&gt; &amp;"), "{xml}");
    let Some(xmllint) = xmllint() else { return };
    let dir = TempDir::new("escaping");
    let path = dir.path().join("t.xml");
    std::fs::write(&path, &xml).unwrap();
    let out = Command::new(xmllint)
        .args(["--noout", "--nonet", "--schema"])
        .arg(repo().join("schema/akn/akomantoso30.xsd"))
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}\n{xml}", String::from_utf8_lossy(&out.stderr));
}
