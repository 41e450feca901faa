//! Charts drawn by the server as SVG: the machines are offline, and a page must work without JavaScript.
//! Each bar is a link to the mandates it counts; each chart has a title and a text alternative.

use std::fmt::Write;

use crate::api::types::Group;
use crate::render::{escape, escape_into, url_encode};

/// Colours with at least 3:1 contrast against white and each other's neighbours, and a pattern-free legend in
/// words, so the chart does not rest on colour alone.
const SEGMENTS: [(&str, &str); 4] =
    [("completed", "#1a7f37"), ("under way", "#0969da"), ("not started", "#6e7781"), ("not applicable", "#d0d7de")];

/// A horizontal stacked bar per group: completed, under way, not started, not applicable. `link` gives the
/// address of the mandates of a group.
pub fn stacked_bars(title: &str, groups: &[Group], link: impl Fn(&Group) -> String) -> String {
    const LABEL_WIDTH: usize = 190;
    const BAR_WIDTH: usize = 360;
    const ROW: usize = 26;
    let height = ROW * groups.len() + 34;
    let width = LABEL_WIDTH + BAR_WIDTH + 90;
    let most = groups.iter().map(|g| g.mandates).max().unwrap_or(0).max(1);
    let mut out = String::with_capacity(2048);
    let summary: Vec<String> = groups
        .iter()
        .map(|g| format!("{}: {} mandates, {} completed, progress {}", g.name, g.mandates, g.completed, progress(g)))
        .collect();
    let _ = write!(
        out,
        "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" \
         aria-labelledby=\"{id}-t {id}-d\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        escape(title),
        escape(&summary.join("; ")),
        id = chart_id(title),
    );
    for (row, group) in groups.iter().enumerate() {
        let y = row * ROW;
        let _ = write!(out, "<a href=\"{}\">", escape(&link(group)));
        let _ = write!(out, "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"label\">", LABEL_WIDTH - 8, y + 17);
        escape_into(&mut out, &shorten(&group.name, 26));
        out.push_str("</text>");
        let counts = [group.completed, group.under_way, group.not_started, group.not_applicable];
        let mut x = LABEL_WIDTH as f64;
        for ((name, colour), count) in SEGMENTS.iter().zip(counts) {
            if count == 0 {
                continue;
            }
            let w = count as f64 * BAR_WIDTH as f64 / most as f64;
            let _ = write!(
                out,
                "<rect x=\"{x:.1}\" y=\"{}\" width=\"{w:.1}\" height=\"{}\" fill=\"{colour}\"><title>{}: {count} {name}</title></rect>",
                y + 4,
                ROW - 8,
                escape(&group.name),
            );
            x += w;
        }
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{}\" class=\"value\">{} · {}</text></a>",
            x + 6.0,
            y + 17,
            group.mandates,
            progress(group)
        );
    }
    // The legend, in words.
    let mut x = LABEL_WIDTH;
    let y = ROW * groups.len() + 14;
    for (name, colour) in SEGMENTS {
        let _ = write!(
            out,
            "<rect x=\"{x}\" y=\"{y}\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{}\" y=\"{}\" class=\"legend\">{name}</text>",
            x + 16,
            y + 11
        );
        x += 16 + name.len() * 7 + 18;
    }
    out.push_str("</svg>");
    out
}

fn progress(g: &Group) -> String {
    g.progress.map_or_else(|| "no progress to count".into(), |p| format!("{p}%"))
}

fn chart_id(title: &str) -> String {
    let id: String = title.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_lowercase();
    format!("chart-{id}")
}

fn shorten(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        return name.to_owned();
    }
    let mut short: String = name.chars().take(max - 1).collect();
    short.push('…');
    short
}

/// The mandate list filtered to one group.
pub fn link_to(key: &str, value: &str) -> String {
    format!("/mandates?{key}={}", url_encode(value))
}

/// A node of the cross-reference graph: its label and where it links to.
pub struct Node {
    pub label: String,
    pub href: String,
}

/// One citation or alignment: from a node of the first column to a node of another; `dashed` when the target is
/// to be suppressed (SUP in a reference table).
pub struct Edge {
    pub from: usize,
    pub to: (usize, usize),
    pub dashed: bool,
}

/// The cross-reference graph: the conference's instruments in the first column, what they cite or align in one
/// column per body, edges as curves.
pub fn cross_references(title: &str, columns: &[(String, Vec<Node>)], edges: &[Edge]) -> String {
    const ROW: usize = 20;
    const COLUMN: usize = 260;
    const TOP: usize = 30;
    let rows = columns.iter().map(|(_, nodes)| nodes.len()).max().unwrap_or(0);
    let width = COLUMN * columns.len().max(1) + 40;
    let height = TOP + ROW * rows + 10;
    let y = |row: usize| TOP + ROW * row + 14;
    let x = |column: usize| 20 + COLUMN * column;
    let mut out = String::with_capacity(64 * edges.len() + 128 * rows);
    let _ = write!(
        out,
        "<svg class=\"graph\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" \
         aria-labelledby=\"graph-t\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"graph-t\">{}</title>",
        escape(title)
    );
    // Edges first, so that labels sit on top.
    for edge in edges {
        let (column, row) = edge.to;
        let (x1, y1) = (x(0) + COLUMN - 60, y(edge.from) - 4);
        let (x2, y2) = (x(column) - 6, y(row) - 4);
        let dash = if edge.dashed { " stroke-dasharray=\"4 3\"" } else { "" };
        let _ = write!(
            out,
            "<path d=\"M{x1} {y1} C{} {y1}, {} {y2}, {x2} {y2}\" fill=\"none\" stroke=\"#57606a\" stroke-width=\"1\"{dash}/>",
            x1 + 60,
            x2 - 60
        );
    }
    for (c, (heading, nodes)) in columns.iter().enumerate() {
        let _ = write!(out, "<text x=\"{}\" y=\"16\" class=\"heading\">", x(c));
        escape_into(&mut out, heading);
        out.push_str("</text>");
        for (r, node) in nodes.iter().enumerate() {
            let _ =
                write!(out, "<a href=\"{}\"><text x=\"{}\" y=\"{}\" class=\"node\">", escape(&node.href), x(c), y(r));
            escape_into(&mut out, &shorten(&node.label, 34));
            out.push_str("</text></a>");
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(name: &str, completed: i64, under_way: i64, not_started: i64) -> Group {
        Group {
            name: name.into(),
            mandates: completed + under_way + not_started,
            not_started,
            under_way,
            completed,
            not_applicable: 0,
            progress: Some(40),
        }
    }

    #[test]
    fn bars_are_proportional_links_with_a_text_alternative() {
        let svg = stacked_bars("Progress by Sector", &[group("ITU-T", 2, 1, 1), group("<ITU-R>", 0, 0, 2)], |g| {
            link_to("sector", &g.name)
        });
        assert!(svg.contains("<title id=\"chart-progressbysector-t\">Progress by Sector</title>"), "{svg}");
        assert!(svg.contains("ITU-T: 4 mandates, 2 completed, progress 40%"));
        // The longest group (4) fills the 360 px; 2 completed of it are half.
        assert!(svg.contains("width=\"180.0\" height=\"18\" fill=\"#1a7f37\""), "{svg}");
        assert!(svg.contains("<a href=\"/mandates?sector=ITU-T\">"));
        assert!(svg.contains("&lt;ITU-R&gt;") && !svg.contains("<ITU-R>"));
    }
}
