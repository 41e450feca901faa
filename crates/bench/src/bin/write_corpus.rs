//! Write a synthetic corpus to a file: `write_corpus text|docx SEED BYTES PATH`.
//!
//! For docx, BYTES is the size of `word/document.xml`. Prints what was written.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: write_corpus text|docx SEED BYTES PATH";
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
