//! The reference table of a summary (PP instrument, contributions, affected WTSA resolutions, focal points)
//! and the legend of status codes, from a real Word table or from its flattened plain-text form.
//!
//! # The two forms of the table
//!
//! - **Word tables** (paragraphs with a [`CellPos`]): every table whose header row (one of its first three
//!   rows) names at least two of "Contributions", "... Resolutions" (not the first column) and "Focal
//!   Point" is read; each paragraph of a cell is a line of that cell.
//! - **Flattened text** (Word's "save as text"; no `CellPos`): a cell starts at a line that begins with a
//!   TAB and goes on over the following lines that do not. The header is the block of non-blank lines
//!   around a TAB-led line naming "Focal Point" or "Contributions"; its TAB-led lines are the columns, so
//!   rows are read as that many cells in turn. A row starts with a TAB-led line holding a row label ("11",
//!   "[bookmark: ...]66", "Decision 5"); the last cell of a row ends at a blank line (a focal-point cell
//!   also ends at a line that does not read as names). After a row, a line that does not start with a TAB
//!   ends the table; so does a TAB-led line that is not a row label (with an info diagnostic). A row with
//!   fewer cells than the header, and a cell of more than 400 lines (the table is then out of step with
//!   its header and is read no further), are warnings.
//!
//! Word tables are read when the paragraphs carry cells; the flattened form only when no Word reference
//! table was found.
//!
//! # Reading the cells
//!
//! - Columns are recognised by their header: the first is the instrument; "focal" → focal points;
//!   "contribution"/"document" → contributions; "resolution" → affected resolutions, whose body is the
//!   acronym before "Resolutions" in the header ("WTSA Resolutions (Rev. Geneva, 2022)" → "WTSA"; "WTSA"
//!   when none). Other columns are not read (info diagnostic when they hold text).
//! - **Instrument cell:** the label, then the title lines (joined by a space, cleaned). A line "Abrogated"
//!   (or "(SUP)") marks the row abrogated; so does an approved "SUP" contribution. A line in parentheses,
//!   "(Annex 1 and 2)" under "Decision 5", qualifies what the contributions changed: it becomes the `note`
//!   of each contribution of the row that has none (the model has no row-level field for it), or is kept
//!   at the end of the title when the row has no contributions.
//! - **Contributions:** one or more per line, split at top-level "," / ";": the document ("C-193",
//!   "C-188-R1", "TD/83", "Doc 83 A16") and its codes in parentheses. The first code is the approval when it
//!   is one of A, AR, AWA, NOC, NOR, REC; the next token is the action when its letters are one of ADD,
//!   MOD, SUP, NOC, REC; `note` is that token when it carries more than the code ("REC#27", "REC3": the
//!   committee recommendation it refers to) plus any further codes. Commas are optional ("(A ADD)"). A
//!   document with no codes ("Doc 83 A16") has all three null. "-" means none. A segment with no digit in
//!   its document is not a contribution: warning diagnostic.
//! - **Affected resolutions:** a line "50" or "59 (SUP)" (one to three digits, optional letters, optional
//!   "(SUP)") starts one; the following lines up to the next number are its title. "50 Cybersecurity" on one
//!   line is read too when the previous resolution already has a title. "-" means none. Title lines
//!   before any number: warning diagnostic.
//! - **Focal points:** names split at ",", ";", " and " and line breaks, trimmed, in order.
//!
//! Spans: a row runs from its first cell (the TAB of the label line, or the first paragraph of a Word row)
//! to the end of its last non-blank line. Legend: lines "(A): Approved", "(AWA) = ...", "ADD = addition
//! ...", at least two in a run (at most one blank line between entries); a following line that starts in
//! lower case continues the meaning. In a Word table, rows whose first cell is "(A)" / "ADD =" (or a known
//! code alone) and whose second cell is the meaning. A code seen twice keeps its first meaning.
use std::collections::{HashMap, HashSet};

use crate::clean::{clean, clean_cow, skip_artefacts};
use crate::decode::{CellPos, Para, ParaKind};
use crate::model::{
    Affected, CompactString, Contribution, Diagnostic, Instrument, InstrumentKind, InstrumentStatus, ReferenceRow,
    StatusCode,
};
use compact_str::format_compact;

#[derive(Debug, Default)]
pub struct TableOutput {
    pub rows: Vec<ReferenceRow>,
    pub status_codes: Vec<StatusCode>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Approval codes of the legend, and action codes of contributions.
const APPROVALS: &[&str] = &["A", "AR", "AWA", "NOC", "NOR", "REC"];
const ACTIONS: &[&str] = &["ADD", "MOD", "SUP", "NOC", "REC"];

/// The reference table(s) and the legend of status codes of a decoded document.
///
/// ```
/// let text = "(A): \tApproved\n(AR): \tApproved with reservations\n\n\
///             \tPP-Resolutions\n\tContributions\n\tWTSA Resolutions\n\tFocal Point\n\n\
///             \t11\nITU TELECOM events\nAbrogated\n\tC-193 (A, SUP)\n\t-\n\tJinu Um\n";
/// let d = mandates_core::decode::text::decode_text(text.as_bytes()).unwrap();
/// let out = mandates_core::table::extract(&d.text, &d.paras);
/// assert_eq!(out.status_codes.len(), 2);
/// let row = &out.rows[0];
/// assert_eq!((row.instrument.as_str(), row.title.as_str(), row.abrogated), ("11", "ITU TELECOM events", true));
/// assert_eq!(row.contributions[0].action.as_deref(), Some("SUP"));
/// assert_eq!(row.focal_points, ["Jinu Um"]);
/// ```
pub fn extract(text: &str, paras: &[Para]) -> TableOutput {
    let mut out = TableOutput::default();
    let (lines, cells) = split_paras(text, paras, &mut out.diagnostics);
    legend_from_lines(text, &lines, &mut out.status_codes);
    if !cells.is_empty() {
        let tables = group_tables(&cells);
        legend_from_tables(text, &tables, &mut out.status_codes);
        word_tables(text, &tables, &mut out);
    }
    if out.rows.is_empty() {
        text_tables(text, &lines, &mut out);
    }
    out
}

/// Instruments the reference table lists as abrogated get that status.
///
/// A row labelled "130" matches a resolution numbered "130", "Decision 5" a decision numbered "5"; the
/// table lists PP instruments, so only instruments whose body is "PP" or unknown are marked.
pub fn mark_abrogated(instruments: &mut [Instrument], rows: &[ReferenceRow]) {
    // `InstrumentKind` is not `Hash`: key by its position in the enum.
    let key = |kind: InstrumentKind| kind as u8;
    let abrogated: HashSet<(u8, &str)> = rows
        .iter()
        .filter(|r| r.abrogated)
        .map(|r| label_kind(&r.instrument))
        .map(|(kind, n)| (key(kind), n))
        .collect();
    if abrogated.is_empty() {
        return;
    }
    for ins in instruments {
        let Some(number) = ins.number.as_deref() else { continue };
        let pp = ins.body.as_deref().is_none_or(|b| b == "PP");
        if pp && abrogated.contains(&(key(ins.kind), number)) {
            ins.status = Some(InstrumentStatus::Abrogated);
        }
    }
}

/// The kind and number a row label names: "Decision 5" → (Decision, "5"), "130" → (Resolution, "130").
fn label_kind(label: &str) -> (InstrumentKind, &str) {
    let kinds = [
        ("Resolution ", InstrumentKind::Resolution),
        ("Decision ", InstrumentKind::Decision),
        ("Recommendation ", InstrumentKind::Recommendation),
        ("Opinion ", InstrumentKind::Opinion),
    ];
    for (prefix, kind) in kinds {
        if let Some(n) = label.strip_prefix(prefix) {
            return (kind, n.trim());
        }
    }
    (InstrumentKind::Resolution, label)
}

// ---------------------------------------------------------------------------------------------------------
// Lines and cells

/// A line (paragraph) of the text: `text[start..end]`.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    /// Its first byte (none for an empty line), read once when the line is made: the passes that look for a
    /// header or a legend refuse most lines on it, and reading it again from a large text costs a cache miss
    /// a line.
    lead: Option<u8>,
}

impl Line {
    fn new(text: &str, start: usize, end: usize) -> Self {
        let lead = if start < end { text.as_bytes().get(start).copied() } else { None };
        Self { start, end, lead }
    }

    fn str(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

fn is_blank(text: &str, l: Line) -> bool {
    l.str(text).trim().is_empty()
}

fn tab_led(l: Line) -> bool {
    l.lead == Some(b'\t')
}

/// A blank line that is not an (empty) TAB-led cell.
fn is_gap(text: &str, l: Line) -> bool {
    !tab_led(l) && is_blank(text, l)
}

/// Body paragraphs outside tables as lines, and paragraphs in table cells.
fn split_paras(text: &str, paras: &[Para], diagnostics: &mut Vec<Diagnostic>) -> (Vec<Line>, Vec<(CellPos, Line)>) {
    let mut lines = Vec::with_capacity(paras.len());
    let mut cells = Vec::new();
    if paras.is_empty() {
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
            lines.push(Line::new(text, start, end));
            start = end + 1;
        }
        if start < text.len() {
            lines.push(Line::new(text, start, text.len()));
        }
        return (lines, cells);
    }
    let mut bad = 0usize;
    for p in paras {
        if p.start > p.end || text.get(p.start..p.end).is_none() {
            bad += 1;
            continue;
        }
        if p.kind() != ParaKind::Body {
            continue;
        }
        let line = Line::new(text, p.start, p.end);
        match p.cell() {
            Some(pos) => cells.push((pos, line)),
            None => lines.push(line),
        }
    }
    if bad > 0 {
        diagnostics.push(Diagnostic::warning(
            0,
            0,
            format!("reference table: {bad} paragraphs lie outside the text and were not read"),
        ));
    }
    (lines, cells)
}

/// Words that mark an instrument or resolution as abrogated.
fn is_abrogation_mark(c: &str) -> bool {
    ["abrogated", "(abrogated)", "sup", "(sup)", "suppressed", "(suppressed)"].iter().any(|m| c.eq_ignore_ascii_case(m))
}

/// ASCII case-insensitive `needle` (lower case) in `hay`.
fn contains_ci(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

// ---------------------------------------------------------------------------------------------------------
// Columns

#[derive(Debug, Clone, PartialEq)]
enum Role {
    Instrument,
    Contributions,
    /// Affected resolutions of this body.
    Affects(String),
    Focal,
    Other,
}

/// How many of the reference table's column names a header mentions (the first cell is not counted).
fn header_score<'a>(cells: impl IntoIterator<Item = &'a str>) -> usize {
    let (mut focal, mut contrib, mut res) = (false, false, false);
    for (k, c) in cells.into_iter().enumerate() {
        focal |= contains_ci(c, "focal point");
        contrib |= contains_ci(c, "contribution");
        res |= k > 0 && contains_ci(c, "resolution");
    }
    usize::from(focal) + usize::from(contrib) + usize::from(res)
}

fn role_of(col: usize, header: &str) -> Role {
    if col == 0 {
        Role::Instrument
    } else if contains_ci(header, "focal") {
        Role::Focal
    } else if contains_ci(header, "contribution") || contains_ci(header, "document") {
        Role::Contributions
    } else if contains_ci(header, "resolution") {
        Role::Affects(body_of(header))
    } else {
        Role::Other
    }
}

/// "WTSA Resolutions (Rev. Geneva, 2022)" → "WTSA".
fn body_of(header: &str) -> String {
    let header = clean(header);
    let words: Vec<&str> = header.split_whitespace().collect();
    for (k, w) in words.iter().enumerate() {
        if k > 0 && w.to_ascii_lowercase().starts_with("resolution") {
            let prev = words[k - 1];
            let acronym = prev.split('-').next().unwrap_or("");
            if acronym.len() >= 2 && acronym.bytes().all(|c| c.is_ascii_uppercase()) {
                return acronym.to_owned();
            }
        }
    }
    "WTSA".to_owned()
}

// ---------------------------------------------------------------------------------------------------------
// Flattened text

struct Header {
    roles: Vec<Role>,
    /// First line after the header.
    next: usize,
}

fn text_tables(text: &str, lines: &[Line], out: &mut TableOutput) {
    let mut i = 0;
    while let Some(header) = find_header(text, lines, i) {
        i = read_rows(text, lines, &header, out).max(header.next);
    }
}

fn find_header(text: &str, lines: &[Line], from: usize) -> Option<Header> {
    let mut idx = from;
    while idx < lines.len() {
        let l = lines[idx];
        if !tab_led(l) || !(contains_ci(l.str(text), "focal point") || contains_ci(l.str(text), "contribution")) {
            idx += 1;
            continue;
        }
        let mut bs = idx;
        while bs > from && !is_gap(text, lines[bs - 1]) {
            bs -= 1;
        }
        let mut be = idx + 1;
        while be < lines.len() && !is_gap(text, lines[be]) {
            be += 1;
        }
        let Some(first) = (bs..be).find(|&k| tab_led(lines[k])) else {
            idx = be;
            continue;
        };
        // The header cells: each TAB-led line and the lines after it.
        let mut cells: Vec<String> = Vec::new();
        for l in &lines[first..be] {
            let s = l.str(text);
            if cells.len() > 12 {
                break;
            }
            if tab_led(*l) || cells.is_empty() {
                cells.push(s.to_owned());
            } else if let Some(c) = cells.last_mut() {
                c.push('\n');
                c.push_str(s);
            }
        }
        if (3..=12).contains(&cells.len()) && header_score(cells.iter().map(String::as_str)) >= 2 {
            let roles = cells.iter().enumerate().map(|(k, c)| role_of(k, c)).collect();
            return Some(Header { roles, next: be });
        }
        idx = be.max(idx + 1);
    }
    None
}

/// Names only: letters, spaces and name punctuation, no digits, not too long.
fn name_like(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty()
        && t.len() <= 120
        && !t.contains('\t')
        && t.chars().all(|c| {
            c.is_alphabetic() || c.is_whitespace() || matches!(c, ',' | ';' | '-' | '.' | '\'' | '’' | '\u{2011}')
        })
}

/// More lines than any real cell has: beyond this a flattened table is out of step with its header.
const MAX_CELL_LINES: usize = 400;

/// Rows after `header`; returns the index of the first line after the table.
fn read_rows(text: &str, lines: &[Line], header: &Header, out: &mut TableOutput) -> usize {
    let n = header.roles.len();
    let last_is_focal = header.roles.last() == Some(&Role::Focal);
    let mut cells: Vec<Vec<Line>> = vec![Vec::new(); n];
    let mut i = header.next;
    loop {
        while i < lines.len() && is_gap(text, lines[i]) {
            i += 1;
        }
        let Some(&l) = lines.get(i) else { return i };
        if !tab_led(l) {
            return i;
        }
        let first = Line::new(text, l.start + 1, l.end);
        if parse_label(first.str(text)).is_none() {
            if !is_blank(text, l) {
                out.diagnostics.push(Diagnostic::info(
                    l.start,
                    l.end,
                    "reference table: the table ends here, this cell is not a row label",
                ));
            }
            return i;
        }
        for c in cells.iter_mut() {
            c.clear();
        }
        cells[0].push(first);
        let mut col = 0;
        let mut end = l.end;
        let mut runaway = false;
        i += 1;
        while let Some(&l) = lines.get(i) {
            if cells[col].len() >= MAX_CELL_LINES {
                runaway = true;
                break;
            }
            if tab_led(l) {
                if col + 1 >= n {
                    break;
                }
                col += 1;
                cells[col].push(Line::new(text, l.start + 1, l.end));
            } else {
                if col + 1 == n && (is_blank(text, l) || (last_is_focal && !name_like(l.str(text)))) {
                    break;
                }
                cells[col].push(l);
            }
            if !is_blank(text, l) || tab_led(l) {
                end = l.end;
            }
            i += 1;
        }
        let start = l.start;
        let end = start + text[start..end].trim_end().len();
        if col + 1 < n {
            out.diagnostics.push(Diagnostic::warning(
                start,
                end,
                format!("reference table: this row has {} of the {n} cells of the header", col + 1),
            ));
        }
        if let Some(row) = build_row(text, &header.roles, &cells, start, end, &mut out.diagnostics) {
            out.rows.push(row);
        }
        if runaway {
            let l = lines[i];
            out.diagnostics.push(Diagnostic::warning(
                l.start,
                l.end,
                format!(
                    "reference table: a cell runs over {MAX_CELL_LINES} lines, the table is read no further \
                     (are its cells out of step with the header?)"
                ),
            ));
            return i;
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// Word tables

struct Table {
    rows: Vec<Row>,
}

struct Row {
    index: u32,
    /// (column, paragraphs), in column order of appearance.
    cells: Vec<(u32, Vec<Line>)>,
}

impl Row {
    fn span(&self) -> Option<(usize, usize)> {
        let lines = self.cells.iter().flat_map(|c| c.1.iter());
        let start = lines.clone().map(|l| l.start).min()?;
        let end = lines.map(|l| l.end).max()?;
        Some((start, end))
    }
    fn cell(&self, col: u32) -> Option<&[Line]> {
        self.cells.iter().find(|c| c.0 == col).map(|c| c.1.as_slice())
    }
    fn texts(&self, text: &str) -> Vec<String> {
        let mut cells: Vec<&(u32, Vec<Line>)> = self.cells.iter().collect();
        cells.sort_by_key(|c| c.0);
        cells.iter().map(|c| c.1.iter().map(|l| l.str(text)).collect::<Vec<_>>().join("\n")).collect()
    }
}

fn group_tables(cells: &[(CellPos, Line)]) -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    let mut index: HashMap<u32, usize> = HashMap::new();
    for &(pos, line) in cells {
        let t = *index.entry(pos.table).or_insert_with(|| {
            tables.push(Table { rows: Vec::new() });
            tables.len() - 1
        });
        let rows = &mut tables[t].rows;
        if rows.last().is_none_or(|r| r.index != pos.row) {
            rows.push(Row { index: pos.row, cells: Vec::new() });
        }
        let Some(row) = rows.last_mut() else { continue };
        match row.cells.iter_mut().find(|c| c.0 == pos.col) {
            Some(c) => c.1.push(line),
            None => row.cells.push((pos.col, vec![line])),
        }
    }
    tables
}

fn word_tables(text: &str, tables: &[Table], out: &mut TableOutput) {
    for table in tables {
        let Some(h) =
            table.rows.iter().take(3).position(|r| header_score(r.texts(text).iter().map(String::as_str)) >= 2)
        else {
            continue;
        };
        let header = &table.rows[h];
        let mut cols: Vec<u32> = header.cells.iter().map(|c| c.0).collect();
        cols.sort_unstable();
        let names = header.texts(text);
        let roles: Vec<Role> = names.iter().enumerate().map(|(k, c)| role_of(k, c)).collect();
        let mut cells: Vec<Vec<Line>> = vec![Vec::new(); cols.len()];
        for row in &table.rows[h + 1..] {
            let Some((start, end)) = row.span() else { continue };
            let texts = row.texts(text);
            if header_score(texts.iter().map(String::as_str)) >= 2 {
                continue; // A repeated header row.
            }
            for (k, &col) in cols.iter().enumerate() {
                cells[k].clear();
                cells[k].extend_from_slice(row.cell(col).unwrap_or(&[]));
            }
            // Cells in columns the header does not have.
            for (col, lines) in &row.cells {
                if !cols.contains(col) && lines.iter().any(|l| !is_blank(text, *l)) {
                    out.diagnostics.push(Diagnostic::info(
                        lines[0].start,
                        lines[lines.len() - 1].end,
                        "reference table: a cell outside the header's columns was not read",
                    ));
                }
            }
            let end = start + text[start..end].trim_end().len();
            let has_label =
                cells[0].iter().find(|l| !is_blank(text, **l)).is_some_and(|l| parse_label(l.str(text)).is_some());
            if !has_label {
                if texts.iter().any(|t| !t.trim().is_empty()) {
                    out.diagnostics.push(Diagnostic::warning(
                        start,
                        end,
                        "reference table: a row without an instrument label was not read",
                    ));
                }
                continue;
            }
            if let Some(row) = build_row(text, &roles, &cells, start, end, &mut out.diagnostics) {
                out.rows.push(row);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// Rows

fn build_row(
    text: &str,
    roles: &[Role],
    cells: &[Vec<Line>],
    start: usize,
    end: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ReferenceRow> {
    let label = read_label_cell(text, cells.first()?)?;
    let mut row = ReferenceRow {
        instrument: label.instrument,
        title: label.title,
        abrogated: label.abrogated,
        contributions: Vec::new(),
        affects: Vec::new(),
        focal_points: Vec::new(),
        start,
        end,
    };
    for (role, lines) in roles.iter().zip(cells).skip(1) {
        match role {
            Role::Instrument => {}
            Role::Contributions => read_contributions(text, lines, &mut row.contributions, diagnostics),
            Role::Affects(body) => read_affects(text, lines, body, &mut row.affects, diagnostics),
            Role::Focal => read_focal_points(text, lines, &mut row.focal_points),
            Role::Other => {
                if let (Some(f), Some(l)) = (lines.first(), lines.last())
                    && lines.iter().any(|l| !is_blank(text, *l))
                {
                    diagnostics.push(Diagnostic::info(
                        f.start,
                        l.end,
                        "reference table: a column the parser does not know was not read",
                    ));
                }
            }
        }
    }
    row.abrogated |=
        row.contributions.iter().any(|c| c.action.as_deref() == Some("SUP") && c.approval.as_deref() != Some("NOR"));
    if !label.qualifiers.is_empty() {
        let q = label.qualifiers.join(" ");
        let mut used = false;
        for c in row.contributions.iter_mut().filter(|c| c.note.is_none()) {
            c.note = Some(q.as_str().into());
            used = true;
        }
        if !used {
            if !row.title.is_empty() {
                row.title.push(' ');
            }
            row.title.push_str(&q);
        }
    }
    Some(row)
}

/// A row label at the start of `s` (after artefacts and spaces): the label and the byte offset of what
/// follows it.
fn parse_label(s: &str) -> Option<(CompactString, usize)> {
    let at = skip_artefacts(s);
    let t = &s[at..];
    let b = t.as_bytes();
    let number_len = |from: usize| -> usize {
        let d = b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
        if d == 0 || d > 4 {
            return 0;
        }
        let letters = b[from + d..].iter().take_while(|c| c.is_ascii_lowercase()).count();
        if letters > 4 { 0 } else { d + letters }
    };
    let boundary = |i: usize| t[i..].chars().next().is_none_or(char::is_whitespace);
    let n = number_len(0);
    if n > 0 {
        return boundary(n).then(|| (t[..n].into(), at + n));
    }
    for kind in ["Resolution", "Decision", "Recommendation", "Opinion"] {
        if let Some(rest) = t.strip_prefix(kind) {
            let ws = rest.len() - rest.trim_start().len();
            if ws == 0 {
                continue;
            }
            let from = kind.len() + ws;
            let n = number_len(from);
            if n > 0 && boundary(from + n) {
                return Some((format_compact!("{kind} {}", &t[from..from + n]), at + from + n));
            }
        }
    }
    None
}

struct LabelCell {
    instrument: CompactString,
    title: String,
    abrogated: bool,
    qualifiers: Vec<String>,
}

fn read_label_cell(text: &str, lines: &[Line]) -> Option<LabelCell> {
    let first = lines.iter().position(|l| !is_blank(text, *l))?;
    let s = lines[first].str(text);
    let (instrument, after) = parse_label(s)?;
    let mut cell = LabelCell { instrument, title: String::new(), abrogated: false, qualifiers: Vec::new() };
    let rest = std::iter::once(&s[after..]).chain(lines[first + 1..].iter().map(|l| l.str(text)));
    for line in rest {
        let c = clean_cow(line);
        if c.is_empty() {
            continue;
        }
        if is_abrogation_mark(&c) {
            cell.abrogated = true;
        } else if c.starts_with('(') && c.ends_with(')') {
            cell.qualifiers.push(c.into_owned());
        } else {
            if !cell.title.is_empty() {
                cell.title.push(' ');
            }
            cell.title.push_str(&c);
        }
    }
    Some(cell)
}

fn is_none_marker(c: &str) -> bool {
    matches!(c, "-" | "–" | "—" | "\u{2011}" | "none" | "None" | "n/a" | "N/A" | "nil" | "Nil")
}

fn read_contributions(text: &str, lines: &[Line], out: &mut Vec<Contribution>, diagnostics: &mut Vec<Diagnostic>) {
    for l in lines {
        let c = clean_cow(l.str(text));
        if c.is_empty() || is_none_marker(&c) {
            continue;
        }
        // Split at "," and ";" outside parentheses.
        let mut depth = 0i32;
        let segments = c.split(|ch: char| {
            match ch {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            matches!(ch, ',' | ';') && depth <= 0
        });
        for segment in segments {
            let segment = segment.trim();
            if segment.is_empty() || is_none_marker(segment) {
                continue;
            }
            match parse_contribution(segment) {
                Ok((contribution, understood)) => {
                    if !understood {
                        diagnostics.push(Diagnostic::info(
                            l.start,
                            l.end,
                            format!("reference table: unknown status codes in \"{segment}\", kept as the note"),
                        ));
                    }
                    out.push(contribution);
                }
                Err(why) => diagnostics.push(Diagnostic::warning(
                    l.start,
                    l.end,
                    format!("reference table: could not read the contribution \"{segment}\": {why}"),
                )),
            }
        }
    }
}

/// "C-157 (A, REC#27)" → document C-157, approval A, action REC, note "REC#27"; with whether all codes
/// were understood.
fn parse_contribution(segment: &str) -> Result<(Contribution, bool), &'static str> {
    let (document, codes, trailing) = match segment.find('(') {
        Some(open) => {
            let inner = &segment[open + 1..];
            match inner.find(')') {
                Some(close) => (&segment[..open], &inner[..close], inner[close + 1..].trim()),
                None => (&segment[..open], inner, ""),
            }
        }
        None => (segment, "", ""),
    };
    let document = document.trim();
    if document.is_empty() || !document.bytes().any(|c| c.is_ascii_digit()) {
        return Err("no document number");
    }
    let (approval, action, mut note, understood) = parse_codes(codes);
    if !trailing.is_empty() {
        note = Some(match note {
            Some(n) => format_compact!("{n} {trailing}"),
            None => trailing.into(),
        });
    }
    Ok((Contribution { document: document.into(), approval, action, note }, understood))
}

type Codes = (Option<CompactString>, Option<CompactString>, Option<CompactString>, bool);

fn parse_codes(codes: &str) -> Codes {
    let is_sep = |c: char| c == ',' || c.is_whitespace();
    let codes = codes.trim_matches(is_sep);
    if codes.is_empty() {
        return (None, None, None, true);
    }
    let first_len = codes.find(is_sep).unwrap_or(codes.len());
    let mut first = CompactString::from(&codes[..first_len]);
    first.make_ascii_uppercase();
    let rest = codes[first_len..].trim_start_matches(is_sep);
    // A lone "NOC" or "REC" is the approval code of the legend ("(NOC): Approved without any changes").
    if APPROVALS.contains(&first.as_str()) {
        if rest.is_empty() {
            return (Some(first), None, None, true);
        }
        let (action, note, ok) = parse_action(rest);
        return (Some(first), action, note, ok);
    }
    let (action, note, ok) = parse_action(codes);
    (None, action, note, ok)
}

/// "MOD" → action MOD; "REC#27" → action REC, note "REC#27"; "MOD, REC3" → action MOD, note "REC3".
fn parse_action(codes: &str) -> (Option<CompactString>, Option<CompactString>, bool) {
    let is_sep = |c: char| c == ',' || c.is_whitespace();
    let token_len = codes.find(is_sep).unwrap_or(codes.len());
    let token = &codes[..token_len];
    let others = codes[token_len..].trim_start_matches(is_sep);
    let letters = token.bytes().take_while(u8::is_ascii_alphabetic).count();
    let mut code = CompactString::from(&token[..letters]);
    code.make_ascii_uppercase();
    if !ACTIONS.contains(&code.as_str()) {
        return (None, Some(codes.into()), false);
    }
    let mut note: Vec<&str> = Vec::new();
    if letters < token.len() {
        note.push(token);
    }
    if !others.is_empty() {
        note.push(others);
    }
    let note = (!note.is_empty()).then(|| CompactString::from(note.join(", ")));
    (Some(code), note, true)
}

/// "50", "59 (SUP)", "50 Cybersecurity": the number, whether it is suppressed, and the rest of the line.
fn affected_number(c: &str) -> Option<(CompactString, bool, &str)> {
    let b = c.as_bytes();
    let d = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if d == 0 || d > 3 {
        return None;
    }
    let letters = b[d..].iter().take_while(|c| c.is_ascii_lowercase()).count();
    if letters > 3 {
        return None;
    }
    let n = d + letters;
    let number = CompactString::from(&c[..n]);
    let after = &c[n..];
    if !after.is_empty() && !after.starts_with(char::is_whitespace) && !after.starts_with('(') {
        return None;
    }
    let mut rest = after.trim_start();
    let mut suppressed = false;
    for sup in ["(SUP)", "(Sup)", "(sup)", "(suppressed)", "(abrogated)", "(Abrogated)"] {
        if let Some(r) = rest.strip_prefix(sup) {
            rest = r.trim_start();
            suppressed = true;
            break;
        }
    }
    if rest.is_empty() || rest.starts_with(char::is_uppercase) { Some((number, suppressed, rest)) } else { None }
}

fn read_affects(text: &str, lines: &[Line], body: &str, out: &mut Vec<Affected>, diagnostics: &mut Vec<Diagnostic>) {
    let first = out.len();
    for l in lines {
        let c = clean_cow(l.str(text));
        if c.is_empty() || (out.len() == first && is_none_marker(&c)) {
            continue;
        }
        if let Some((number, suppressed, rest)) = affected_number(&c) {
            let previous_done = out[first..].last().is_none_or(|a| a.title.is_some() || a.suppressed);
            if rest.is_empty() || previous_done {
                let title = (!rest.is_empty()).then(|| rest.to_owned());
                out.push(Affected { body: body.into(), number, title, suppressed });
                continue;
            }
        }
        match out[first..].last_mut() {
            Some(a) if is_abrogation_mark(&c) => a.suppressed = true,
            Some(a) => match &mut a.title {
                Some(t) => {
                    t.push(' ');
                    t.push_str(&c);
                }
                None => a.title = Some(c.into_owned()),
            },
            None => diagnostics.push(Diagnostic::warning(
                l.start,
                l.end,
                format!("reference table: \"{c}\" in the {body} resolutions column follows no resolution number"),
            )),
        }
    }
}

fn read_focal_points(text: &str, lines: &[Line], out: &mut Vec<String>) {
    for l in lines {
        let c = clean_cow(l.str(text));
        for part in c.split([',', ';']) {
            for name in part.split(" and ") {
                let name = name.trim();
                if !name.is_empty() && !is_none_marker(name) {
                    out.push(name.to_owned());
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// Legend

/// "(A): \tApproved", "(AWA) = ...", "ADD = addition ...": the code and the meaning.
fn legend_entry(s: &str) -> Option<(&str, &str)> {
    let t = &s[skip_artefacts(s)..];
    let (code, rest, paren) = match t.strip_prefix('(') {
        Some(inner) => {
            let n = inner.bytes().take_while(u8::is_ascii_uppercase).count();
            let rest = inner[n..].strip_prefix(')')?;
            (&inner[..n], rest, true)
        }
        None => {
            let n = t.bytes().take_while(u8::is_ascii_uppercase).count();
            // "The ...", "ITU2": a word goes on after the capitals, so no "=" can follow them.
            if t.as_bytes().get(n).is_some_and(u8::is_ascii_alphanumeric) {
                return None;
            }
            (&t[..n], &t[n..], false)
        }
    };
    if code.is_empty() || code.len() > 5 {
        return None;
    }
    let rest = rest.trim_start();
    let rest = match rest.strip_prefix('=') {
        Some(r) => r,
        None if paren => rest.strip_prefix(':')?,
        None => return None,
    };
    let meaning = rest.trim();
    (!meaning.is_empty()).then_some((code, meaning))
}

/// Whether [`legend_entry`] may read a line that starts with `c` as an entry: not when `c` is a printable
/// character other than "(", "[" or a capital. Run on every line, before the call.
fn may_start_a_legend(c: u8) -> bool {
    !c.is_ascii_graphic() || matches!(c, b'(' | b'[' | b'A'..=b'Z')
}

fn push_code(codes: &mut Vec<StatusCode>, code: &str, meaning: String) {
    if !codes.iter().any(|c| c.code == code) {
        codes.push(StatusCode { code: code.to_owned(), meaning });
    }
}

fn legend_from_lines(text: &str, lines: &[Line], codes: &mut Vec<StatusCode>) {
    let mut i = 0;
    let mut run: Vec<(&str, String)> = Vec::new();
    while i < lines.len() {
        // Most lines are refused on their first byte.
        if !lines[i].lead.is_some_and(may_start_a_legend) || legend_entry(lines[i].str(text)).is_none() {
            i += 1;
            continue;
        }
        run.clear();
        let mut j = i;
        let mut blanks = 0;
        while let Some(&l) = lines.get(j) {
            let s = l.str(text);
            if let Some((code, meaning)) = legend_entry(s) {
                run.push((code, meaning.to_owned()));
                blanks = 0;
            } else if is_blank(text, l) {
                blanks += 1;
                if blanks > 1 {
                    break;
                }
            } else if blanks == 0 && s.trim_start().starts_with(char::is_lowercase) {
                if let Some(last) = run.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(s);
                }
            } else {
                break;
            }
            j += 1;
        }
        if run.len() >= 2 {
            for (code, meaning) in run.drain(..) {
                push_code(codes, code, clean(&meaning));
            }
        }
        i = j.max(i + 1);
    }
}

fn legend_from_tables(text: &str, tables: &[Table], codes: &mut Vec<StatusCode>) {
    for table in tables {
        let mut found: Vec<(String, String)> = Vec::new();
        for row in &table.rows {
            let texts = row.texts(text);
            if texts.len() < 2 {
                continue;
            }
            let cell = clean(&texts[0]);
            let meaning = clean(&texts[1..].join(" "));
            let code = cell.trim_end_matches([':', '=', ' ']);
            let (code, marked) = match code.strip_prefix('(').and_then(|c| c.strip_suffix(')')) {
                Some(c) => (c, true),
                None => (code, cell.ends_with('=')),
            };
            let is_code = !code.is_empty() && code.len() <= 5 && code.bytes().all(|c| c.is_ascii_uppercase());
            let known = APPROVALS.contains(&code) || ACTIONS.contains(&code);
            if is_code && (marked || known) && !meaning.is_empty() {
                found.push((code.to_owned(), meaning));
            }
        }
        if found.len() >= 2 {
            for (code, meaning) in found {
                push_code(codes, &code, meaning);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(parse_label("11"), Some(("11".into(), 2)));
        assert_eq!(parse_label("[bookmark: _Hlk120876971]66"), Some(("66".into(), 27)));
        assert_eq!(parse_label("Decision 5"), Some(("Decision 5".into(), 10)));
        assert_eq!(parse_label("Decision\u{a0}5 x").map(|l| l.0), Some("Decision 5".into()));
        assert_eq!(parse_label("11\tITU TELECOM events").map(|l| l.0), Some("11".into()));
        assert_eq!(parse_label("11a"), Some(("11a".into(), 3)));
        assert_eq!(parse_label("6.1"), None);
        assert_eq!(parse_label("Jinu Um"), None);
        assert_eq!(parse_label(""), None);
        // `clean::artefact_len` used to underflow on this one.
        assert_eq!(parse_label("11:]"), None);
        assert_eq!(parse_label(" [bookmark: x] [bookmark: y]5"), Some(("5".into(), 29)));
    }

    #[test]
    fn codes() {
        let c = |s: &str| parse_codes(s);
        assert_eq!(c("A, SUP"), (Some("A".into()), Some("SUP".into()), None, true));
        assert_eq!(c("A ADD"), (Some("A".into()), Some("ADD".into()), None, true));
        assert_eq!(c("A, REC#27"), (Some("A".into()), Some("REC".into()), Some("REC#27".into()), true));
        assert_eq!(c("AR, REC3"), (Some("AR".into()), Some("REC".into()), Some("REC3".into()), true));
        assert_eq!(c("A, NOC"), (Some("A".into()), Some("NOC".into()), None, true));
        assert_eq!(c("NOC"), (Some("NOC".into()), None, None, true));
        assert_eq!(c("MOD"), (None, Some("MOD".into()), None, true));
        assert_eq!(c("A, MOD, REC3"), (Some("A".into()), Some("MOD".into()), Some("REC3".into()), true));
        assert_eq!(c("XYZ"), (None, None, Some("XYZ".into()), false));
        assert_eq!(c(""), (None, None, None, true));
    }

    #[test]
    fn legend_entries() {
        assert_eq!(legend_entry("(A): \tApproved"), Some(("A", "Approved")));
        assert_eq!(legend_entry("ADD = addition of a new decision"), Some(("ADD", "addition of a new decision")));
        assert_eq!(legend_entry("NOTE: text"), None);
        assert_eq!(legend_entry("(a): text"), None);
        assert_eq!(legend_entry("(A) text"), None);
        assert_eq!(legend_entry("AB\u{a0}= x"), Some(("AB", "x")));
        assert_eq!(legend_entry("\t[bookmark: y]SUP = suppressed"), Some(("SUP", "suppressed")));
        for s in
            ["The = x", "ITU2 = x", "A1: x", "AB-C = x", "abc = x", "1 = x", "“A” = x", " A = x", "[1: x]A = y", ""]
        {
            assert!(s.as_bytes().first().is_some_and(|&c| may_start_a_legend(c)) || legend_entry(s).is_none(), "{s:?}");
        }
        assert_eq!(legend_entry("The = x"), None);
    }

    #[test]
    fn bodies() {
        assert_eq!(body_of("WTSA Resolutions\n(Rev. Geneva, 2022) "), "WTSA");
        assert_eq!(body_of("WTDC-22 Resolutions"), "WTDC");
        assert_eq!(body_of("Resolutions"), "WTSA");
    }
}
