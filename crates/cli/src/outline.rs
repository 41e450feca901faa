//! The readable outline of a parsed document (`mandates parse --format text`).

use std::io::{self, Write};

use mandates_core::model::{Block, Document, Format, Instrument, Item, Severity};

pub fn write(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    let s = &doc.source;
    let format = match s.format {
        Format::Text => format!("text, {}", s.encoding),
        Format::Docx => "Word document".to_owned(),
        Format::Akn => "Akoma Ntoso".to_owned(),
    };
    writeln!(out, "{} ({format}, {} bytes)", s.name, s.bytes)?;
    writeln!(
        out,
        "{}, {}, {}, {}, {}",
        count(doc.instruments.len(), "instrument", "instruments"),
        count(doc.references.len(), "citation", "citations"),
        count(doc.reference_table.len(), "reference-table row", "reference-table rows"),
        count(doc.footnotes.len(), "footnote", "footnotes"),
        count(doc.diagnostics.len(), "note from the parser", "notes from the parser"),
    )?;
    for inst in &doc.instruments {
        writeln!(out)?;
        instrument(out, inst)?;
    }
    if !doc.reference_table.is_empty() {
        writeln!(out, "\nReference table")?;
        for row in &doc.reference_table {
            let affects: Vec<String> = row
                .affects
                .iter()
                .map(|a| if a.suppressed { format!("{} (SUP)", a.number) } else { a.number.to_string() })
                .collect();
            let docs: Vec<String> = row
                .contributions
                .iter()
                .map(|c| {
                    let codes: Vec<&str> = [c.approval.as_deref(), c.note.as_deref().or(c.action.as_deref())]
                        .into_iter()
                        .flatten()
                        .collect();
                    if codes.is_empty() {
                        c.document.to_string()
                    } else {
                        format!("{} ({})", c.document, codes.join(", "))
                    }
                })
                .collect();
            writeln!(
                out,
                "  {:<11} {}{}\n              documents: {}; WTSA: {}; focal points: {}",
                row.instrument,
                row.title,
                if row.abrogated { " [abrogated]" } else { "" },
                or_dash(&docs.join(", ")),
                or_dash(&affects.join(", ")),
                or_dash(&row.focal_points.join(", "))
            )?;
        }
    }
    let f = &doc.facts;
    if !(f.elections.is_empty() && f.amounts.is_empty() && f.quantities.is_empty() && f.events.is_empty()) {
        writeln!(out, "\nFacts")?;
        for e in &f.elections {
            let country = e.country.as_deref().map(|c| format!(" ({c})")).unwrap_or_default();
            let term = match (&e.term_start, &e.term_end) {
                (Some(a), Some(b)) => format!(", {a} to {b}"),
                _ => String::new(),
            };
            writeln!(out, "  elected: {}{country}, {}{term}", e.person, e.post)?;
        }
        for a in &f.amounts {
            writeln!(out, "  amount: {} = {} {}", a.text, a.currency, a.value)?;
        }
        for q in &f.quantities {
            writeln!(out, "  quantity: {} = {}/{}", q.text, q.numerator, q.denominator)?;
        }
        for e in &f.events {
            let when = [e.month.map(|m| m.to_string()), e.year.map(|y| y.to_string())]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("/");
            writeln!(out, "  event: {} {when} {}", e.name, e.place.as_deref().unwrap_or(""))?;
        }
    }
    if !doc.diagnostics.is_empty() {
        writeln!(out, "\nNotes from the parser")?;
        for d in &doc.diagnostics {
            let (line, col) = line_col(&doc.text, d.start);
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "note",
            };
            writeln!(out, "  {}:{line}:{col}: {level}: {}", doc.source.name, d.message)?;
        }
    }
    Ok(())
}

fn instrument(out: &mut impl Write, inst: &Instrument) -> io::Result<()> {
    let section = inst.section.as_deref().map(|s| format!("{s}  ")).unwrap_or_default();
    let mut tags: Vec<String> = Vec::new();
    if let Some(b) = &inst.body {
        tags.push(b.clone());
    }
    if let Some(s) = inst.status {
        tags.push(format!("{s:?}").to_lowercase());
    }
    writeln!(out, "{section}{} [{}]", inst.citation, tags.join(", "))?;
    if let Some(t) = &inst.title {
        writeln!(out, "  {t}")?;
    }
    for b in &inst.blocks {
        block(out, b)?;
    }
    for s in &inst.sections {
        writeln!(out, "  Section {} {}", s.number, s.title.as_deref().unwrap_or(""))?;
        for i in &s.items {
            item(out, i, 2)?;
        }
    }
    for a in &inst.annexes {
        writeln!(out, "  {} {} {}", a.kind, a.number.as_deref().unwrap_or(""), a.title.as_deref().unwrap_or(""))?;
        for i in &a.items {
            item(out, i, 2)?;
        }
    }
    Ok(())
}

fn block(out: &mut impl Write, b: &Block) -> io::Result<()> {
    let heading = b.heading.as_deref().unwrap_or("(quoted text)");
    write!(out, "  {heading}")?;
    if !b.addressees.is_empty() {
        write!(out, "  → {}", b.addressees.join(", "))?;
    }
    if !b.partners.is_empty() {
        write!(out, "  (with {})", b.partners.join(", "))?;
    }
    writeln!(out)?;
    for i in &b.items {
        item(out, i, 2)?;
    }
    Ok(())
}

fn item(out: &mut impl Write, i: &Item, depth: usize) -> io::Result<()> {
    let indent = "  ".repeat(depth);
    let label = i.label.as_deref().unwrap_or("·");
    let text = shorten(&i.text.as_str(), 110);
    write!(out, "{indent}{label:<6} {text}")?;
    if !i.addressees.is_empty() {
        write!(out, "  → {}", i.addressees.join(", "))?;
    }
    writeln!(out)?;
    for c in &i.items {
        item(out, c, depth + 1)?;
    }
    Ok(())
}

fn shorten(s: &str, max: usize) -> String {
    let first = s.lines().next().unwrap_or("");
    if first.chars().count() <= max && !s.contains('\n') {
        return first.to_owned();
    }
    let cut: String = first.chars().take(max).collect();
    format!("{cut}…")
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() { "-" } else { s }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
