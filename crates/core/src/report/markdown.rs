//! Reports as Markdown (CommonMark with GitHub tables): readable as plain text, pasteable into a TD.

use std::fmt::Write;

use super::{ImpactReport, ReportInstrument, TableRow};

/// The impact report: summary, revised and new instruments with their clauses, committee recommendations,
/// reporting duties and the reference table.
pub fn impact(report: &ImpactReport) -> String {
    let mut md = String::new();
    let s = &report.summary;
    let _ = writeln!(md, "# What {} asks of {}\n", report.conference, report.sector);
    let _ = writeln!(
        md,
        "The clauses of the instruments of {} that concern {}: those addressed to the {}, to {} or its groups, to \
         all three Directors or Sectors, or to ITU as a whole. Clause numbers are the original ones; the status is \
         the registry's.\n",
        report.conference, report.sector, report.director, report.sector
    );
    let _ = writeln!(md, "## 1 Summary\n");
    let _ = writeln!(
        md,
        "- {} revised and {} new instruments, and {} committee recommendations, have clauses that concern {}.",
        s.revised, s.new, s.recommendations, report.sector
    );
    let _ = writeln!(
        md,
        "- {} clauses concern {}; {} of them name the {}.",
        s.clauses, report.sector, s.for_director, report.director
    );
    let _ = writeln!(md, "- {} clauses ask for a report (section 5).", s.reporting);
    if !s.abrogated.is_empty() {
        let _ = writeln!(md, "- Abrogated: {}.", s.abrogated.join(", "));
    }
    for e in &report.elections {
        let country = e.country.as_deref().map(|c| format!(" ({c})")).unwrap_or_default();
        let term = match (&e.term_start, &e.term_end) {
            (Some(from), Some(to)) => format!(", {from} to {to}"),
            _ => String::new(),
        };
        let _ = writeln!(md, "- Elected: {}{country}, {}{term}.", inline(&e.person), inline(&e.post));
    }
    for f in &report.figures {
        let _ = writeln!(md, "- {}: “{}”", inline(&f.text), inline(&f.sentence));
    }
    md.push('\n');
    instruments(&mut md, "2 Revised instruments", "2", &report.revised);
    instruments(&mut md, "3 New instruments", "3", &report.new);
    instruments(&mut md, "4 Committee recommendations", "4", &report.recommendations);

    let _ = writeln!(md, "## 5 Reporting duties\n");
    if report.reporting.is_empty() {
        let _ = writeln!(md, "No clause that concerns {} asks for a report.\n", report.sector);
    } else {
        let _ = writeln!(md, "| Clause | Reports to | When | How often | Mandate |\n|---|---|---|---|---|");
        for duty in &report.reporting {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} |",
                cell(&duty.clause),
                cell(&duty.report_to.join(", ")),
                cell(duty.deadline.as_deref().unwrap_or("")),
                cell(&duty.cadence.clone().unwrap_or_default().replace('_', " ")),
                duty.mandate
            );
        }
        md.push('\n');
    }
    let _ = writeln!(md, "## 6 Reference table\n");
    md.push_str(&reference_table(&report.table));
    md
}

fn instruments(md: &mut String, title: &str, number: &str, list: &[ReportInstrument]) {
    let _ = writeln!(md, "## {title}\n");
    if list.is_empty() {
        let _ = writeln!(md, "None.\n");
    }
    for (n, instrument) in list.iter().enumerate() {
        let title = instrument.title.as_deref().map(|t| format!(" “{t}”")).unwrap_or_default();
        let _ = writeln!(md, "### {number}.{} {}{title}\n", n + 1, instrument.citation);
        for block in &instrument.blocks {
            if let Some(heading) = &block.heading {
                let _ = writeln!(md, "*{}*\n", inline(heading));
            }
            for clause in &block.clauses {
                let label = clause.label.as_deref().map(|l| format!("**{}** ", inline(l))).unwrap_or_default();
                let owner = clause.owner.as_deref().map(|o| format!(", {o}")).unwrap_or_default();
                let text = inline(&clause.text).replace('\n', "  \n  ");
                let _ = writeln!(md, "- {label}{text} _(mandate {}: {}{owner})_", clause.mandate, clause.status);
            }
            md.push('\n');
        }
    }
}

/// The reference table: conference instrument, title, contributions, Sector resolutions, focal points.
pub fn reference_table(rows: &[TableRow]) -> String {
    let mut md = String::from(
        "| Instrument | Title | Contributions | Sector resolutions | Focal points |\n|---|---|---|---|---|\n",
    );
    for row in rows {
        let title = if row.abrogated { format!("{} (abrogated)", row.title) } else { row.title.clone() };
        let affects: Vec<String> = row.affects.iter().map(|a| a.label()).collect();
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} |",
            cell(&row.instrument),
            cell(&title),
            cell(&row.contributions.join(", ")),
            cell(&affects.join(", ")),
            cell(&row.focal_points.join(", "))
        );
    }
    md
}

/// Text safe inside a table cell: no line breaks, no bare pipes.
fn cell(text: &str) -> String {
    inline(text).replace('|', "\\|").replace('\n', "<br>")
}

/// Text safe inline: characters Markdown would read as markup are escaped.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
