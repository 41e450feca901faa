//! The diff for people: Markdown (readable as plain text), and HTML as a self-contained fragment for the web
//! pages or a full page.
//!
//! Both are written from one list of [`Node`]s (headings, bullets, paragraphs of styled spans), so they say the
//! same thing: the summary first, then per block the changed items with deleted and inserted words; unchanged
//! items are counted, not printed. Every text from the documents is escaped.

use std::fmt::Write;

use super::{
    AddresseeChanges, BlockChange, BlockDiff, ClauseRef, DocumentDiff, InstrumentDiff, InstrumentRef, ItemChange,
    ItemDiff, PartKind, ReportingChange, ReportingChangeKind, WordChange, WordOp,
};
use crate::mandate::{Cadence, Reporting};

/// A run of text and how it shows.
enum Span {
    Text(String),
    Strong(String),
    Em(String),
    Del(String),
    Ins(String),
}

enum Node {
    Heading(u8, Vec<Span>),
    Bullet(Vec<Span>),
    Para(Vec<Span>),
}

fn t(s: impl Into<String>) -> Span {
    Span::Text(s.into())
}

/// Markdown for every instrument compared, then those found in only one file.
pub fn markdown(diff: &DocumentDiff) -> String {
    to_markdown(&document_nodes(diff))
}

/// Markdown for one instrument.
pub fn markdown_instrument(diff: &InstrumentDiff) -> String {
    to_markdown(&instrument_nodes(diff, 1))
}

/// An HTML fragment (`<section class="mandates-diff">`) to embed in a page; it carries no style or script.
pub fn html_fragment(diff: &DocumentDiff) -> String {
    format!("<section class=\"mandates-diff\">\n{}</section>\n", to_html(&document_nodes(diff)))
}

/// An HTML fragment for one instrument.
pub fn html_instrument_fragment(diff: &InstrumentDiff) -> String {
    format!("<section class=\"mandates-diff\">\n{}</section>\n", to_html(&instrument_nodes(diff, 2)))
}

/// A complete HTML page with a small inline style sheet.
pub fn html_page(diff: &DocumentDiff) -> String {
    let title = format!("Changes from {} to {}", diff.old_source, diff.new_source);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n\
         body {{ font-family: sans-serif; max-width: 60em; margin: 2em auto; line-height: 1.5; }}\n\
         del {{ background: #fdd; color: #900; }}\nins {{ background: #dfd; color: #060; text-decoration: none; }}\n\
         </style>\n</head>\n<body>\n{}</body>\n</html>\n",
        escape_html(&title),
        html_fragment(diff)
    )
}

fn document_nodes(diff: &DocumentDiff) -> Vec<Node> {
    let mut nodes = Vec::new();
    if diff.instruments.is_empty() {
        nodes.push(Node::Heading(1, vec![t(format!("Changes from {} to {}", diff.old_source, diff.new_source))]));
        nodes.push(Node::Para(vec![t("No instrument is found in both files.")]));
    }
    for d in &diff.instruments {
        nodes.extend(instrument_nodes(d, 1));
    }
    for (list, file) in [(&diff.only_in_old, &diff.old_source), (&diff.only_in_new, &diff.new_source)] {
        if !list.is_empty() {
            nodes.push(Node::Heading(1, vec![t(format!("Only in {file}"))]));
            for i in list {
                nodes.push(Node::Bullet(vec![t(describe(i))]));
            }
        }
    }
    nodes
}

/// "Resolution 130 (Rev. Bucharest, 2022): Strengthening the role of ITU ..."
fn describe(i: &InstrumentRef) -> String {
    match &i.title {
        Some(title) => format!("{}: {title}", i.citation),
        None => i.citation.clone(),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "instructs 2bis", or the verb and the clause's first words when it has no label.
fn clause_name(c: &ClauseRef, old: bool) -> String {
    let verb = c.verb.as_deref().unwrap_or("clause");
    let label = if old { c.old_label.as_ref().or(c.label.as_ref()) } else { c.label.as_ref().or(c.old_label.as_ref()) };
    match label {
        Some(l) => format!("{verb} {l}"),
        None => format!("{verb} “{}”", excerpt(&c.text, 8)),
    }
}

/// The first `words` words, with "…" when cut.
fn excerpt(text: &str, words: usize) -> String {
    let all: Vec<&str> = text.split_whitespace().collect();
    if all.len() <= words { all.join(" ") } else { format!("{}…", all[..words].join(" ")) }
}

fn names(list: &[ClauseRef], old: bool) -> String {
    list.iter().map(|c| clause_name(c, old)).collect::<Vec<_>>().join(", ")
}

fn cadence(c: Cadence) -> &'static str {
    match c {
        Cadence::Annually => "annually",
        Cadence::Biennially => "every two years",
        Cadence::EachSession => "at each session",
        Cadence::EveryFourYears => "every four years",
        Cadence::Regularly => "regularly",
    }
}

/// "report to Council, annually, by the 2024 session of Council".
fn duty(r: &Reporting) -> String {
    let mut s = String::from("report");
    if let Some(to) = &r.report_to {
        s.push_str(" to ");
        s.push_str(to);
        for also in &r.also_report_to {
            s.push_str(" and ");
            s.push_str(also);
        }
    }
    if let Some(c) = r.cadence {
        s.push_str(", ");
        s.push_str(cadence(c));
    }
    if let Some(d) = &r.deadline {
        s.push_str(", by ");
        s.push_str(&d.text);
    }
    s
}

fn reporting_line(r: &ReportingChange) -> Vec<Span> {
    let who = if r.addressees.is_empty() { String::new() } else { format!("{}: ", r.addressees.join(", ")) };
    let (old, new) = (r.old.as_ref(), r.new.as_ref());
    let quoted = |s: Option<&str>| s.map_or_else(|| "none".to_owned(), |s| format!("“{s}”"));
    let mut spans = vec![Span::Strong(format!("Reporting, {}", clause_name(&r.clause, r.new.is_none()))), t(": ")];
    match r.change {
        ReportingChangeKind::NewDuty => {
            spans.push(t(format!("new duty: {who}")));
            spans.push(Span::Ins(new.map(duty).unwrap_or_default()));
        }
        ReportingChangeKind::DroppedDuty => {
            spans.push(t(format!("duty dropped: {who}")));
            spans.push(Span::Del(old.map(duty).unwrap_or_default()));
        }
        ReportingChangeKind::TargetChanged => {
            let to = |r: Option<&Reporting>| r.and_then(|r| r.report_to.clone());
            spans.push(t(format!("{who}reports to ")));
            spans.push(Span::Del(to(old).unwrap_or_else(|| "no one".into())));
            spans.push(t(" "));
            spans.push(Span::Ins(to(new).unwrap_or_else(|| "no one".into())));
        }
        ReportingChangeKind::DeadlineChanged => {
            let d = |r: Option<&Reporting>| r.and_then(|r| r.deadline.as_ref()).map(|d| d.text.clone());
            spans.push(t(format!("{who}deadline ")));
            spans.push(Span::Del(quoted(d(old).as_deref())));
            spans.push(t(" "));
            spans.push(Span::Ins(quoted(d(new).as_deref())));
        }
        ReportingChangeKind::CadenceChanged => {
            let c = |r: Option<&Reporting>| r.and_then(|r| r.cadence).map_or("no fixed rhythm", cadence);
            spans.push(t(format!("{who}how often ")));
            spans.push(Span::Del(c(old).to_owned()));
            spans.push(t(" "));
            spans.push(Span::Ins(c(new).to_owned()));
        }
    }
    spans
}

fn instrument_nodes(d: &InstrumentDiff, level: u8) -> Vec<Node> {
    let mut nodes = Vec::new();
    nodes.push(Node::Heading(level, vec![t(format!("{}: what changed", d.new.name(true)))]));
    nodes.push(Node::Para(vec![
        t("From "),
        Span::Em(d.old.citation.clone()),
        t(" to "),
        Span::Em(d.new.citation.clone()),
        t("."),
    ]));

    let s = &d.summary;
    let c = &s.counts;
    nodes.push(Node::Heading(level + 1, vec![t("In substance")]));
    let changed = c.reworded + c.renumbered + c.moved + c.added + c.removed;
    if changed == 0 && d.title_changes.is_none() && s.blocks_added.is_empty() && s.blocks_removed.is_empty() {
        nodes.push(Node::Bullet(vec![t(format!(
            "No change: the {} are the same.",
            plural(c.unchanged, "item", "items")
        ))]));
    } else {
        let parts: Vec<String> =
            [(c.added, "added"), (c.removed, "removed"), (c.reworded, "reworded"), (c.renumbered, "renumbered")]
                .into_iter()
                .chain([(c.moved, "moved")])
                .filter(|(n, _)| *n > 0)
                .map(|(n, what)| format!("{n} {what}"))
                .collect();
        let changes = if parts.is_empty() { "none changed".to_owned() } else { parts.join(", ") };
        nodes.push(Node::Bullet(vec![t(format!("Items: {changes}; {} unchanged.", c.unchanged))]));
    }
    if let Some(words) = &d.title_changes {
        let mut spans = vec![Span::Strong("Title".into()), t(": ")];
        spans.extend(word_spans(words));
        nodes.push(Node::Bullet(spans));
    }
    for h in &s.blocks_added {
        nodes.push(Node::Bullet(vec![t("New block: "), Span::Em(h.clone())]));
    }
    for h in &s.blocks_removed {
        nodes.push(Node::Bullet(vec![t("Block removed: "), Span::Em(h.clone())]));
    }
    // Addressees with the very same changes share a line ("Secretary-General, Director BR: 1 removed ...").
    let mut groups: Vec<(Vec<String>, &AddresseeChanges)> = Vec::new();
    for a in &s.addressees {
        let who = a.addressee.clone().unwrap_or_else(|| "No one named".into());
        match groups.iter_mut().find(|(_, b)| b.added == a.added && b.removed == a.removed && b.changed == a.changed) {
            Some((names, _)) => names.push(who),
            None => groups.push((vec![who], a)),
        }
    }
    for (who, a) in groups {
        let mut parts = Vec::new();
        if !a.added.is_empty() {
            let n = plural(a.added.len(), "new clause", "new clauses");
            parts.push(format!("{n} ({})", names(&a.added, false)));
        }
        if !a.removed.is_empty() {
            parts.push(format!("{} removed ({})", a.removed.len(), names(&a.removed, true)));
        }
        if !a.changed.is_empty() {
            parts.push(format!("{} changed ({})", a.changed.len(), names(&a.changed, false)));
        }
        nodes.push(Node::Bullet(vec![Span::Strong(who.join(", ")), t(format!(": {}", parts.join("; ")))]));
    }
    for r in &s.reporting {
        nodes.push(Node::Bullet(reporting_line(r)));
    }

    let shown: Vec<&BlockDiff> = d.blocks.iter().filter(|b| b.change != BlockChange::Unchanged).collect();
    if !shown.is_empty() {
        nodes.push(Node::Heading(level + 1, vec![t("Changes by block")]));
    }
    for b in shown {
        block_nodes(&mut nodes, b, level + 2);
    }
    let unchanged_blocks = d.blocks.iter().filter(|b| b.change == BlockChange::Unchanged).count();
    if unchanged_blocks > 0 {
        nodes.push(Node::Para(vec![t(format!(
            "{} unchanged.",
            plural(unchanged_blocks, "other block", "other blocks")
        ))]));
    }
    nodes
}

fn block_title(b: &BlockDiff) -> String {
    let heading = b.new_heading.as_ref().or(b.old_heading.as_ref());
    match (heading, b.kind) {
        (Some(h), _) => h.clone(),
        (None, PartKind::Recommendation) => "the recommendation".into(),
        (None, _) => "(untitled)".into(),
    }
}

fn block_nodes(nodes: &mut Vec<Node>, b: &BlockDiff, level: u8) {
    let mut title = vec![t(block_title(b))];
    match b.change {
        BlockChange::Added => title.push(t(" (new block)")),
        BlockChange::Removed => title.push(t(" (block removed)")),
        _ => {}
    }
    nodes.push(Node::Heading(level, title));
    if let Some(words) = &b.heading_changes {
        let mut spans = vec![t("Heading: ")];
        spans.extend(word_spans(words));
        nodes.push(Node::Para(spans));
    }
    for item in b.items.iter().filter(|i| i.change != ItemChange::Unchanged) {
        nodes.push(Node::Bullet(item_spans(item)));
    }
    if b.unchanged_items > 0 {
        nodes.push(Node::Para(vec![t(format!("{} unchanged.", plural(b.unchanged_items, "item", "items")))]));
    }
}

fn item_spans(item: &ItemDiff) -> Vec<Span> {
    let label = |s: Option<&super::ItemSide>| s.and_then(|s| s.label.clone()).unwrap_or_else(|| "(unnumbered)".into());
    let (old_label, new_label) = (label(item.old.as_ref()), label(item.new.as_ref()));
    let mut spans = Vec::new();
    match item.change {
        ItemChange::Added => {
            spans.push(Span::Strong(new_label));
            spans.push(t(" added: "));
            spans.push(Span::Ins(item.new.as_ref().map(|s| s.text.clone()).unwrap_or_default()));
            return spans;
        }
        ItemChange::Removed => {
            spans.push(Span::Strong(old_label));
            spans.push(t(" removed: "));
            spans.push(Span::Del(item.old.as_ref().map(|s| s.text.clone()).unwrap_or_default()));
            return spans;
        }
        _ => {}
    }
    if old_label == new_label {
        spans.push(Span::Strong(new_label));
    } else {
        spans.push(Span::Strong(format!("{old_label} → {new_label}")));
    }
    let what = match item.change {
        ItemChange::Moved => match &item.moved_from {
            Some(from) => format!(" moved here from “{from}”"),
            None => " moved".to_owned(),
        },
        ItemChange::Renumbered => " renumbered".to_owned(),
        _ => " reworded".to_owned(),
    };
    spans.push(t(what));
    if item.reworded {
        if item.change != ItemChange::Reworded {
            spans.push(t(" and reworded"));
        }
        spans.push(t(": "));
        spans.extend(word_spans(&item.words));
    }
    spans
}

fn word_spans(words: &[WordChange]) -> Vec<Span> {
    words
        .iter()
        .map(|w| match w.op {
            WordOp::Equal => t(w.text.clone()),
            WordOp::Delete => Span::Del(w.text.clone()),
            WordOp::Insert => Span::Ins(w.text.clone()),
        })
        .collect()
}

// ---- Markdown ----

fn to_markdown(nodes: &[Node]) -> String {
    let mut md = String::new();
    let mut in_list = false;
    for node in nodes {
        let is_bullet = matches!(node, Node::Bullet(_));
        if in_list && !is_bullet {
            md.push('\n');
        }
        in_list = is_bullet;
        match node {
            Node::Heading(level, spans) => {
                let _ = writeln!(md, "{} {}\n", "#".repeat(usize::from((*level).clamp(1, 6))), md_spans(spans));
            }
            Node::Bullet(spans) => {
                let _ = writeln!(md, "- {}", md_spans(spans));
            }
            Node::Para(spans) => {
                let _ = writeln!(md, "{}\n", md_spans(spans));
            }
        }
    }
    md.truncate(md.trim_end().len());
    md.push('\n');
    md
}

fn md_spans(spans: &[Span]) -> String {
    let mut out = String::new();
    for span in spans {
        match span {
            Span::Text(s) => out.push_str(&escape_md(s)),
            Span::Strong(s) => wrap_md(&mut out, "**", s),
            Span::Em(s) => wrap_md(&mut out, "_", s),
            Span::Del(s) => wrap_md(&mut out, "~~", s),
            Span::Ins(s) => wrap_md(&mut out, "**", s),
        }
    }
    out
}

/// Markers must touch the words they mark: "~~ a ~~" is not struck through, so spaces go outside them.
fn wrap_md(out: &mut String, marker: &str, text: &str) {
    let inner = text.trim();
    if inner.is_empty() {
        out.push_str(&escape_md(text));
        return;
    }
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    out.push_str(&escape_md(lead));
    out.push_str(marker);
    out.push_str(&escape_md(inner));
    out.push_str(marker);
    out.push_str(&escape_md(trail));
}

/// Backslash before every mark Markdown could read as markup or HTML; line breaks of multi-line items become
/// line breaks inside the bullet.
fn escape_md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '<' | '>' | '#' | '|' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\n  "),
            _ => out.push(c),
        }
    }
    out
}

// ---- HTML ----

fn to_html(nodes: &[Node]) -> String {
    let mut html = String::new();
    let mut in_list = false;
    for node in nodes {
        let is_bullet = matches!(node, Node::Bullet(_));
        if in_list && !is_bullet {
            html.push_str("</ul>\n");
        }
        if !in_list && is_bullet {
            html.push_str("<ul>\n");
        }
        in_list = is_bullet;
        match node {
            Node::Heading(level, spans) => {
                let l = (*level).clamp(1, 6);
                let _ = writeln!(html, "<h{l}>{}</h{l}>", html_spans(spans));
            }
            Node::Bullet(spans) => {
                let _ = writeln!(html, "<li>{}</li>", html_spans(spans));
            }
            Node::Para(spans) => {
                let _ = writeln!(html, "<p>{}</p>", html_spans(spans));
            }
        }
    }
    if in_list {
        html.push_str("</ul>\n");
    }
    html
}

fn html_spans(spans: &[Span]) -> String {
    let mut out = String::new();
    for span in spans {
        let (open, close, s) = match span {
            Span::Text(s) => ("", "", s),
            Span::Strong(s) => ("<strong>", "</strong>", s),
            Span::Em(s) => ("<em>", "</em>", s),
            Span::Del(s) => ("<del>", "</del>", s),
            Span::Ins(s) => ("<ins>", "</ins>", s),
        };
        out.push_str(open);
        out.push_str(&escape_html(s).replace('\n', "<br>"));
        out.push_str(close);
    }
    out
}

/// Text safe inside an element or an attribute.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
