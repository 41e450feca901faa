//! The reporting calendar: when each report that a mandate asks for is due, from its cadence, its reporting
//! target and deadline, and a list of meetings (`data/meetings.csv`, editable); written as iCalendar (RFC 5545).
//!
//! The rules, in the words of the clauses:
//! - "to the 2024 session of Council": that session;
//! - "annually to the Council", "to each session of Council": every Council session after the conference that
//!   adopted the text, until the next conference of the same body;
//! - "to the Council" with no time: the first session after the conference;
//! - "to the next Plenipotentiary Conference", "to WTSA-24", "to TSAG": the first such meeting after the
//!   conference (or in the deadline's year), every one of them when the cadence says so;
//! - a year and nothing else ("by 2025"): the last day of that year.
//!
//! A report due at a meeting is shown on the meeting's first day.

use std::collections::BTreeSet;

use jiff::civil::Date;
use serde::Serialize;

use crate::records::{instrument_name, split_list};
use crate::sql::{Cells, Sql};
use crate::tracking::Status;
use crate::{Result, Store, StoreError};

/// The meetings file shipped with the program (`data/meetings.csv`).
pub const DEFAULT_MEETINGS: &str = include_str!("../../../data/meetings.csv");

/// A Council session, conference, assembly or advisory group meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meeting {
    pub name: String,
    pub body: String,
    pub start: Date,
    pub end: Option<Date>,
    pub place: String,
    /// Dates not checked, or only the month known.
    pub tentative: bool,
}

/// Read a meetings file; a bad line is named with what is wrong with it.
pub fn read_meetings(text: &str) -> Result<Vec<Meeting>> {
    let mut reader =
        csv::ReaderBuilder::new().comment(Some(b'#')).trim(csv::Trim::All).flexible(false).from_reader(text.as_bytes());
    let mut meetings = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| StoreError::Invalid(format!("the meetings file: {e}")))?;
        let line = record.position().map_or(0, |p| p.line());
        let bad = |what: String| StoreError::Invalid(format!("the meetings file, line {line}: {what}"));
        let field = |i: usize| record.get(i).unwrap_or("").to_owned();
        let (start, month_only) = parse_day(&field(2))
            .ok_or_else(|| bad(format!("the start {:?} is not a date (YYYY-MM-DD or YYYY-MM)", field(2))))?;
        let end = match field(3).as_str() {
            "" => None,
            text => Some(
                parse_day(text)
                    .filter(|(_, month)| !month)
                    .ok_or_else(|| bad(format!("the end {text:?} is not a date (YYYY-MM-DD)")))?
                    .0,
            ),
        };
        let tentative = match field(5).to_ascii_lowercase().as_str() {
            "confirmed" => month_only,
            "tentative" | "" => true,
            other => return Err(bad(format!("the status {other:?} is neither confirmed nor tentative"))),
        };
        if field(0).is_empty() || field(1).is_empty() {
            return Err(bad("a meeting needs a name and a body".into()));
        }
        meetings.push(Meeting { name: field(0), body: field(1), start, end, place: field(4), tentative });
    }
    meetings.sort_by_key(|m| m.start);
    Ok(meetings)
}

/// "2024-06-04", or "2024-06" (the first of the month, and say so).
fn parse_day(text: &str) -> Option<(Date, bool)> {
    if let Ok(date) = text.parse::<Date>() {
        return Some((date, false));
    }
    let (year, month) = text.split_once('-')?;
    Some((Date::new(year.parse().ok()?, month.parse().ok()?, 1).ok()?, true))
}

/// One report due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Due {
    pub mandate: i64,
    /// "Resolution 130 (Rev. Bucharest, 2022), instructs the Secretary-General and the Directors of the Bureaux, 8".
    pub clause: String,
    pub action: String,
    /// The body reported to: "Council".
    pub to: String,
    /// The meeting it is due at ("Council 2024"); none for a bare year.
    pub meeting: Option<String>,
    pub date: Date,
    pub tentative: bool,
    /// "annually", "the 2024 session of Council", "the next Plenipotentiary Conference".
    pub wording: String,
    pub sectors: Vec<String>,
    /// Where the mandate stands.
    pub status: Status,
    /// A duty that comes back (a cadence: "annually"), rather than one report.
    pub recurring: bool,
}

/// What the calendar holds, and the meetings it would need but the file lacks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Calendar {
    pub due: Vec<Due>,
    /// "Council 2026", "the next PP after 2026": add them to the meetings file.
    pub missing: Vec<String>,
    /// Clauses that ask for reports but whose text gives no year of adoption to count from.
    pub undated: Vec<String>,
}

/// Bodies whose meetings come every few years, each until the next.
const CONFERENCES: &[&str] = &["PP", "WTSA", "WTDC", "WRC", "RA"];

impl Store {
    /// The reports due from current mandates, by date.
    pub async fn reporting_calendar(&self, meetings: &[Meeting]) -> Result<Calendar> {
        let sql = Sql::new(
            "SELECT m.id, i.kind, i.body, i.committee, i.number, m.revision, m.heading, m.label, m.action, \
             m.report_to, m.also_report_to, m.cadence, m.deadline, m.deadline_year, m.sectors, t.conference_year, \
             m.status FROM mandates m JOIN instruments i ON i.id = m.instrument_id JOIN texts t ON t.id = m.text_id \
             WHERE m.is_current = 1 AND (m.report_to IS NOT NULL OR m.deadline_year IS NOT NULL) ORDER BY m.id",
        );
        let rows = self.fetch_all(sql, mandate_from_row).await?;
        let mut calendar = Calendar::default();
        let mut missing = BTreeSet::new();
        let mut undated = BTreeSet::new();
        for (mandate, targets) in &rows {
            for (n, to) in targets.iter().enumerate() {
                // A cadence belongs to the Council or advisory group it names, not to a conference it also names.
                due_dates(
                    mandate,
                    to,
                    n == 0 || !CONFERENCES.contains(&to.as_str()),
                    meetings,
                    &mut calendar.due,
                    &mut missing,
                    &mut undated,
                );
            }
        }
        calendar.due.sort_by(|a, b| (a.date, a.mandate, &a.to).cmp(&(b.date, b.mandate, &b.to)));
        // "Council 9" before "Council 10".
        let mut missing: Vec<String> = missing.into_iter().collect();
        missing.sort_by_key(|m| (m.len(), m.clone()));
        calendar.missing = missing;
        calendar.undated = undated.into_iter().collect();
        Ok(calendar)
    }
}

/// A mandate with a reporting duty, and the bodies it reports to (one empty name for a bare deadline).
fn mandate_from_row(r: &dyn Cells) -> Result<(Mandate, Vec<String>)> {
    let mut name = instrument_name(&r.text(1)?, "", &r.text(3)?, &r.text(4)?);
    let revision = r.text(5)?;
    if !revision.is_empty() {
        name = format!("{name} ({revision})");
    }
    let clause = [Some(name), r.opt_text(6)?, r.opt_text(7)?].into_iter().flatten().collect::<Vec<_>>().join(", ");
    let id = r.int(0)?;
    let status = r.text(16)?;
    let mandate = Mandate {
        id,
        clause,
        action: r.text(8)?,
        cadence: r.opt_text(11)?,
        deadline: r.opt_text(12)?,
        deadline_year: r.opt_int(13)?.and_then(|y| i16::try_from(y).ok()),
        adopted: r.opt_int(15)?.and_then(|y| i16::try_from(y).ok()),
        body: r.text(2)?,
        sectors: mandates_core::mandate::Sectors::from_bits(r.int(14)?).names().map(str::to_owned).collect(),
        status: status
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("mandate {id} has the unknown status {status:?}")))?,
    };
    let mut targets: Vec<String> = r.opt_text(9)?.into_iter().collect();
    targets.extend(split_list(&r.text(10)?));
    if targets.is_empty() {
        targets.push(String::new());
    }
    Ok((mandate, targets))
}

struct Mandate {
    id: i64,
    clause: String,
    action: String,
    cadence: Option<String>,
    deadline: Option<String>,
    deadline_year: Option<i16>,
    /// The year of the conference that adopted the text.
    adopted: Option<i16>,
    body: String,
    sectors: Vec<String>,
    status: Status,
}

#[allow(clippy::too_many_arguments)]
fn due_dates(
    m: &Mandate,
    to: &str,
    with_cadence: bool,
    meetings: &[Meeting],
    due: &mut Vec<Due>,
    missing: &mut BTreeSet<String>,
    undated: &mut BTreeSet<String>,
) {
    let push = |due: &mut Vec<Due>, meeting: Option<&Meeting>, date: Date, tentative: bool, wording: String| {
        due.push(Due {
            mandate: m.id,
            clause: m.clause.clone(),
            action: m.action.clone(),
            to: to.to_owned(),
            meeting: meeting.map(|x| x.name.clone()),
            date,
            tentative,
            wording,
            sectors: m.sectors.clone(),
            status: m.status,
            recurring: m.cadence.is_some(),
        });
    };
    fn of_body<'m>(meetings: &'m [Meeting], body: &'m str) -> impl Iterator<Item = &'m Meeting> {
        meetings.iter().filter(move |x| x.body.eq_ignore_ascii_case(body))
    }
    let recurring = with_cadence && matches!(m.cadence.as_deref(), Some("annually" | "each_session" | "biennially"));
    // The words that set this date: the cadence for a recurring report, else the deadline as written.
    let wording = if recurring { m.cadence.as_ref().map(|c| c.replace('_', " ")) } else { m.deadline.clone() }
        .unwrap_or_else(|| format!("to {to}"));
    // "one month before the Council session": the report is due that long before the meeting opens.
    let lead = m.deadline.as_deref().and_then(lead_time);
    let push = |due: &mut Vec<Due>, meeting: Option<&Meeting>, date: Date, tentative: bool, wording: String| {
        let date = match (meeting, lead) {
            (Some(_), Some(lead)) => date.checked_sub(lead).unwrap_or(date),
            _ => date,
        };
        push(due, meeting, date, tentative, wording)
    };
    // Without the year of adoption, "annually" and "the next" have no starting point.
    let Some(after) = m.adopted.or(m.deadline_year.map(|_| 0)) else {
        undated.insert(format!("mandate {}: {}", m.id, m.clause));
        return;
    };

    // A named year: that year's meeting of the body, or the year's end.
    if let Some(year) = m.deadline_year {
        match of_body(meetings, to).find(|x| x.start.year() == year) {
            Some(meeting) => push(due, Some(meeting), meeting.start, meeting.tentative, wording),
            None if to.is_empty() || !meetings_expected(to) => {
                if let Ok(end) = Date::new(year, 12, 31) {
                    push(due, None, end, false, wording);
                }
            }
            None => {
                missing.insert(format!("{to} {year}"));
            }
        }
        return;
    }
    if to.is_empty() || !meetings_expected(to) {
        return;
    }
    if recurring {
        // Until the next conference of the instrument's own body (the next PP for a PP resolution).
        let until = of_body(meetings, &m.body).find(|x| x.start.year() > after).map(|x| x.start);
        let mut years = BTreeSet::new();
        for meeting in of_body(meetings, to).filter(|x| x.start.year() > after && until.is_none_or(|u| x.start <= u)) {
            push(due, Some(meeting), meeting.start, meeting.tentative, wording.clone());
            years.insert(meeting.start.year());
        }
        match until {
            // Council meets every year: a year without a session in the file is a gap in the file.
            Some(until) if to == "Council" => {
                for year in (after + 1)..=until.year() {
                    if !years.contains(&year) {
                        missing.insert(format!("Council {year}"));
                    }
                }
            }
            Some(_) => {}
            None => {
                missing.insert(format!("the next {} after {after}", m.body));
            }
        }
        return;
    }
    match of_body(meetings, to).find(|x| x.start.year() > after) {
        Some(meeting) => push(due, Some(meeting), meeting.start, meeting.tentative, wording),
        None => {
            missing.insert(format!("the next {to} after {after}"));
        }
    }
}

/// "one month before the Council session" -> one month; "two weeks before" -> 14 days.
fn lead_time(deadline: &str) -> Option<jiff::Span> {
    let words: Vec<String> = deadline.split_whitespace().map(str::to_lowercase).collect();
    let before = words.iter().position(|w| w == "before")?;
    let (count, unit) = (words.get(before.checked_sub(2)?)?, words.get(before - 1)?);
    let n: i64 = match count.as_str() {
        "one" | "a" | "1" => 1,
        "two" | "2" => 2,
        "three" | "3" => 3,
        "four" | "4" => 4,
        "six" | "6" => 6,
        other => other.parse().ok()?,
    };
    match unit.trim_end_matches('s') {
        "month" => Some(jiff::Span::new().months(n)),
        "week" => Some(jiff::Span::new().weeks(n)),
        "day" => Some(jiff::Span::new().days(n)),
        _ => None,
    }
}

/// Bodies that report in meetings the calendar file lists.
fn meetings_expected(body: &str) -> bool {
    CONFERENCES.contains(&body) || matches!(body, "Council" | "TSAG" | "TDAG" | "RAG")
}

/// The calendar as iCalendar text (RFC 5545): one all-day event per report due, CRLF line ends, long lines
/// folded, text escaped. `stamp` is the DTSTAMP ("20261128T072000Z").
pub fn to_ics(due: &[Due], stamp: &str) -> String {
    let mut ics = String::new();
    let mut line = |text: String| fold(&mut ics, &text);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//mandates//reporting calendar//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line("X-WR-CALNAME:Reports due under ITU resolutions".into());
    for d in due {
        let day = d.date.strftime("%Y%m%d").to_string();
        let next = d.date.tomorrow().map_or(day.clone(), |n| n.strftime("%Y%m%d").to_string());
        let target = if d.to.is_empty() { String::new() } else { format!(" to {}", d.to) };
        let at = d.meeting.as_deref().map(|m| format!(" ({m})")).unwrap_or_default();
        line("BEGIN:VEVENT".into());
        line(format!("UID:mandate-{}-{}-{day}@mandates", d.mandate, slug(&d.to)));
        line(format!("DTSTAMP:{stamp}"));
        line(format!("DTSTART;VALUE=DATE:{day}"));
        line(format!("DTEND;VALUE=DATE:{next}"));
        line(format!("SUMMARY:{}", escape(&format!("Report{target}{at}: {}", d.clause))));
        line(format!("DESCRIPTION:{}", escape(&format!("{}\n\nDue: {}. Mandate {}.", d.action, d.wording, d.mandate))));
        if !d.sectors.is_empty() {
            line(format!("CATEGORIES:{}", d.sectors.iter().map(|s| escape(s)).collect::<Vec<_>>().join(",")));
        }
        line(format!("STATUS:{}", if d.tentative { "TENTATIVE" } else { "CONFIRMED" }));
        line("TRANSP:TRANSPARENT".into());
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    ics
}

/// A DTSTAMP for `seconds` since 1970 ("20261128T072000Z").
pub fn stamp(seconds: i64) -> Option<String> {
    let time = jiff::Timestamp::from_second(seconds).ok()?;
    Some(time.strftime("%Y%m%dT%H%M%SZ").to_string())
}

/// Text values escape backslash, semicolon, comma and line breaks (RFC 5545, 3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Lines of at most 75 octets, continued with CRLF and a space, never inside a UTF-8 character (3.1).
fn fold(ics: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            ics.push_str("\r\n ");
            width = 1;
        }
        ics.push(c);
        width += c.len_utf8();
    }
    ics.push_str("\r\n");
}

fn slug(text: &str) -> String {
    let s: String =
        text.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    if s.is_empty() { "due".into() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_meetings_file_reads() {
        let meetings = read_meetings(DEFAULT_MEETINGS).unwrap();
        let pp22 = meetings.iter().find(|m| m.name == "PP-22").unwrap();
        assert_eq!(
            (pp22.start, pp22.end, pp22.tentative),
            (Date::new(2022, 9, 26).unwrap(), Date::new(2022, 10, 14).ok(), false)
        );
        // Only the month is known: tentative whatever the file says.
        let c24 = meetings.iter().find(|m| m.name == "Council 2024").unwrap();
        assert_eq!((c24.start, c24.tentative), (Date::new(2024, 6, 1).unwrap(), true));
    }

    #[test]
    fn a_bad_meeting_line_is_named() {
        let err =
            read_meetings("meeting,body,start,end,place,status\nCouncil 2027,Council,June 2027,,Geneva,confirmed\n")
                .unwrap_err()
                .to_string();
        assert!(err.contains("line 2") && err.contains("\"June 2027\" is not a date"), "{err}");
    }

    #[test]
    fn lead_times_read_as_written() {
        let lead = |text: &str| lead_time(text).map(|span| span.to_string());
        assert_eq!(lead("one month before the Council session").as_deref(), Some("P1M"));
        assert_eq!(lead("six weeks before the meeting").as_deref(), Some("P6W"));
        assert_eq!(lead("before the end of 2024"), None);
        assert_eq!(lead("the 2024 session of Council"), None);
    }

    #[test]
    fn ics_lines_are_folded_and_escaped() {
        let mut ics = String::new();
        fold(&mut ics, &format!("SUMMARY:{}", escape(&"Report to Council; «é», a, b\n".repeat(5))));
        for line in ics.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{line}");
        }
        assert!(ics.contains("Council\\; «é»\\, a\\, b\\n"));
        let unfolded = ics.replace("\r\n ", "");
        assert_eq!(unfolded.matches("\\n").count(), 5);
    }
}
