//! The `mandates` command as people and scripts use it: output, JSON contract, errors and exit codes.

mod diff;
mod registry;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sample(name: &str) -> PathBuf {
    repo().join("samples").join(name)
}

fn mandates(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mandates")).args(args).output().expect("the binary runs")
}

fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    mandates(&args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every JSON value in a stream of concatenated pretty-printed objects.
fn json_stream(s: &str) -> Vec<serde_json::Value> {
    serde_json::Deserializer::from_str(s).into_iter::<serde_json::Value>().map(|v| v.expect("valid JSON")).collect()
}

/// Every document validates against `schema/document.schema.json`.
fn follow_the_schema(docs: &[serde_json::Value]) {
    let schema_path = repo().join("schema/document.schema.json");
    let schema: serde_json::Value = serde_json::from_slice(&std::fs::read(&schema_path).unwrap()).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler.add_resource("document.schema.json", schema).unwrap();
    let id = compiler.compile("document.schema.json", &mut schemas).expect("the schema compiles");
    for doc in docs {
        if let Err(e) = schemas.validate(doc, id) {
            panic!("{} does not follow the schema: {e:#}", doc["source"]["name"]);
        }
    }
}

#[test]
fn json_output_follows_the_published_schema() {
    let out = run(&[
        "parse".as_ref(),
        sample("tsag-td-pp22-highlights.txt").as_os_str(),
        sample("wtsa-res-001-rev-hammamet-2016.docx").as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = json_stream(&stdout(&out));
    assert_eq!(docs.len(), 2, "one object per input file");

    follow_the_schema(&docs);
    assert_eq!(docs[0]["source"]["format"], "text");
    assert_eq!(docs[1]["source"]["format"], "docx");
    assert_eq!(docs[1]["instruments"][0]["number"], "1");
}

#[test]
fn the_schema_rejects_what_breaks_the_contract() {
    // A schema that accepts anything would make the test above pass for nothing.
    let schema: serde_json::Value =
        serde_json::from_slice(&std::fs::read(repo().join("schema/document.schema.json")).unwrap()).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("document.schema.json", schema).unwrap();
    let id = compiler.compile("document.schema.json", &mut schemas).unwrap();
    let out = run(&["parse", sample("tsag-td-pp22-highlights.txt").to_str().unwrap(), "--format", "json"]);
    let mut doc = json_stream(&stdout(&out)).remove(0);
    assert!(schemas.validate(&doc, id).is_ok());
    doc["instruments"][0]["kind"] = "treaty".into();
    assert!(schemas.validate(&doc, id).is_err(), "unknown instrument kind");
    doc["instruments"][0]["kind"] = "resolution".into();
    doc["facts"]["amounts"] =
        serde_json::json!([{ "text": "CHF 1", "currency": "CHF", "value": 1.5, "start": 0, "end": 1 }]);
    assert!(schemas.validate(&doc, id).is_err(), "money must be a decimal string");
}

#[test]
fn offsets_point_into_the_text_that_mandates_text_prints() {
    for name in ["tsag-td-pp22-highlights.txt", "wtsa-res-001-rev-hammamet-2016.docx"] {
        let path = sample(name);
        let text = stdout(&run(&["text".as_ref(), path.as_os_str()]));
        let json = stdout(&run(&["parse".as_ref(), path.as_os_str(), "--format".as_ref(), "json".as_ref()]));
        let doc = &json_stream(&json)[0];
        assert_eq!(doc["source"]["text_bytes"].as_u64().unwrap() as usize, text.len());
        for r in doc["references"].as_array().unwrap() {
            let (s, e) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
            assert_eq!(&text[s..e], r["text"].as_str().unwrap());
        }
        for inst in doc["instruments"].as_array().unwrap() {
            let (s, e) = (inst["start"].as_u64().unwrap() as usize, inst["end"].as_u64().unwrap() as usize);
            assert!(text.get(s..e).is_some(), "{name}: instrument span on char boundaries");
        }
    }
}

#[test]
fn text_outline_shows_instruments_and_addressees() {
    let out = run(&["parse", sample("tsag-td-pp22-highlights.txt").to_str().unwrap()]);
    assert!(out.status.success());
    let s = stdout(&out);
    assert!(s.contains("2.6  Resolution 130 (Rev. Bucharest 2022) [PP, revised]"), "{s}");
    assert!(s.contains(
        "instructs the Secretary-General, in close consultation with the Directors of the three Bureaux  → Secretary-General  (with Director BR, Director TSB, Director BDT)"
    ));
}

#[test]
fn akoma_ntoso_files_parse_back_and_bad_xml_is_named() {
    let dir = std::env::temp_dir().join(format!("mandates-cli-akn-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let seed = sample("tsag-td-pp22-highlights.txt");
    let out = run(&[
        "parse".as_ref(),
        seed.as_os_str(),
        "--format".as_ref(),
        "akn".as_ref(),
        "--out".as_ref(),
        dir.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() > 10, "one file per instrument of the seed");

    // `mandates parse FILE.xml` reads Akoma Ntoso back, with no option: the format is read from the content.
    let mut args: Vec<&std::ffi::OsStr> = vec!["parse".as_ref()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    args.extend([std::ffi::OsStr::new("--format"), std::ffi::OsStr::new("json")]);
    let out = mandates(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = json_stream(&stdout(&out));
    assert_eq!(docs.len(), files.len());
    follow_the_schema(&docs);
    assert!(docs.iter().all(|d| d["source"]["format"] == "akn" && d["instruments"].as_array().unwrap().len() == 1));
    let res130 = docs.iter().find(|d| d["instruments"][0]["number"] == "130").expect("Resolution 130");
    assert_eq!(res130["instruments"][0]["citation"], "Resolution 130 (Rev. Bucharest 2022)");

    let html = dir.join("not-akn.xml");
    std::fs::write(&html, "<?xml version=\"1.0\"?><html><body/></html>").unwrap();
    let bomb = dir.join("bomb.xml");
    std::fs::write(&bomb, "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY a \"aaaa\">]><akomaNtoso/>").unwrap();
    let out = run(&["parse".as_ref(), html.as_os_str(), bomb.as_os_str(), files[0].as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("not-akn.xml") && err.contains("its root element is <html>, not <akomaNtoso>"), "{err}");
    assert!(err.contains("bomb.xml") && err.contains("XML bomb"), "{err}");
    assert!(stdout(&out).contains("Akoma Ntoso"), "the good file is still read");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_missing_file_is_named_and_fails() {
    let out = run(&["parse", "no-such-resolution.docx"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("cannot read no-such-resolution.docx"), "{err}");
    assert!(err.contains("No such file"), "{err}");
}

#[test]
fn a_bad_file_in_a_batch_does_not_stop_the_others() {
    let dir = std::env::temp_dir().join(format!("mandates-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let junk = dir.join("junk.bin");
    std::fs::write(&junk, (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect::<Vec<u8>>()).unwrap();
    let truncated = dir.join("truncated.docx");
    let docx = std::fs::read(sample("wtsa-res-001-rev-hammamet-2016.docx")).unwrap();
    std::fs::write(&truncated, &docx[..docx.len() / 2]).unwrap();
    let out = run(&[
        "parse".as_ref(),
        junk.as_os_str(),
        sample("tsag-td-pp22-highlights.txt").as_os_str(),
        truncated.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("junk.bin") && err.contains("binary"), "{err}");
    assert!(err.contains("truncated.docx") && err.contains("damaged"), "{err}");
    let docs = json_stream(&stdout(&out));
    assert_eq!(docs.len(), 1, "the good file is still parsed");
    assert_eq!(docs[0]["source"]["name"].as_str().unwrap(), sample("tsag-td-pp22-highlights.txt").to_str().unwrap());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_folder_is_not_a_document() {
    let out = run(&["parse".as_ref(), repo().join("samples").as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("it is a folder"));
}

#[test]
fn usage_errors_explain_themselves() {
    let out = run(&["parse"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("<FILE>"));
    let out = run(&["parse", "x.txt", "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("json") && stderr(&out).contains("text"));
}

#[test]
fn a_one_gigabyte_file_is_refused_before_it_is_read() {
    // A sparse file: 1 GiB on paper, nothing on disk. Refused from its size, so memory stays bounded.
    let path = std::env::temp_dir().join(format!("mandates-huge-{}.txt", std::process::id()));
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(1 << 30).unwrap();
    drop(file);
    let out = run(&["parse".as_ref(), path.as_os_str()]);
    std::fs::remove_file(&path).ok();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("mandates-huge") && err.contains("1073741824 bytes, more than the limit"), "{err}");
}

#[test]
fn text_prints_the_decoded_text() {
    let out = run(&["text".as_ref(), sample("wtsa-res-001-rev-hammamet-2016.docx").as_os_str()]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("RESOLUTION 1 (Rev.\u{a0}Hammamet, 2016)\n"), "kept as written, with its no-break space");
    assert!(text.contains("b)bis\tthat the International Telecommunication Regulations (ITR)"));
    let out = run(&["text", "missing.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cannot read missing.txt"));
}
