//! Write a synthetic corpus to a file: `write_corpus text|docx SEED BYTES PATH`.
//!
//! For docx, BYTES is the size of `word/document.xml`. `write_corpus texts SEED BYTES DIR` writes documents of
//! many sizes (`mandates_bench::text_documents`) into DIR instead, one file each. Prints what was written.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: write_corpus text|docx SEED BYTES FILE, or write_corpus texts SEED BYTES DIR";
    let [_, kind, seed, bytes, path] = args.as_slice() else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let (Ok(seed), Ok(bytes)) = (seed.parse::<u64>(), bytes.parse::<usize>()) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let result = match kind.as_str() {
        "text" => {
            let corpus = mandates_bench::generate_text(seed, bytes);
            println!(
                "{path}: {} bytes of text, {} instruments, {} reference-table rows",
                corpus.text.len(),
                corpus.instruments.len(),
                corpus.reference_rows
            );
            std::fs::write(path, corpus.text)
        }
        "texts" => write_documents(path, &mandates_bench::text_documents(seed, bytes)),
        "docx" => {
            let corpus = mandates_bench::generate_docx(seed, bytes);
            println!(
                "{path}: {} bytes, word/document.xml {} bytes, {} instruments, {} footnotes",
                corpus.bytes.len(),
                corpus.document_xml_bytes,
                corpus.instruments.len(),
                corpus.footnotes
            );
            std::fs::write(path, corpus.bytes)
        }
        _ => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    };
    if let Err(e) = result {
        eprintln!("writing {path}: {e}");
        std::process::exit(1);
    }
}

/// One file a document: DIR/doc-0001.txt, DIR/doc-0002.txt, ...
fn write_documents(dir: &str, docs: &[String]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (k, doc) in docs.iter().enumerate() {
        std::fs::write(std::path::Path::new(dir).join(format!("doc-{:04}.txt", k + 1)), doc)?;
    }
    let total: usize = docs.iter().map(String::len).sum();
    println!("{dir}: {} documents, {total} bytes of text", docs.len());
    Ok(())
}
