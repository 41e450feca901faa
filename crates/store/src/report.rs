//! Reports from the registry: what a conference asks of a Sector, and the reference table.

use std::collections::BTreeSet;

use mandates_core::model::ReferenceRow;
use mandates_core::report::{
    Figure, ImpactReport, ReportBlock, ReportClause, ReportInstrument, ReportingDuty, TableRow, contribution_label,
    director_of, sentence_around,
};
use sqlx::Row;

use crate::query::{parse_conference, parse_sector};
use crate::records::{instrument_name, split_list};
use crate::tracking::Status;
use crate::{Result, Store, StoreError};

impl Store {
    /// The clauses of `conference` ("PP-22") that concern `sector` ("T"), grouped as the seed document groups
    /// them, with reporting duties and the reference table.
    pub async fn impact_report(&self, sector: &str, conference: &str) -> Result<ImpactReport> {
        let sectors = parse_sector(sector)?;
        let sector_name = sectors.names().next().unwrap_or("ITU-T").to_owned();
        let (body, year) = parse_conference(conference)?;
        let rows = sqlx::query(
            "SELECT m.id, i.kind, i.body, i.committee, i.number, i.title AS instrument_title, t.title AS text_title, \
             t.status AS text_status, t.revision AS text_revision, t.section, m.heading, m.label, m.action, m.status, \
             m.owner, m.addressees, m.report_to, m.also_report_to, m.cadence, m.deadline \
             FROM mandates m JOIN instruments i ON i.id = m.instrument_id JOIN texts t ON t.id = m.text_id \
             WHERE m.is_current = 1 AND (m.sectors & $1) <> 0 AND i.body = $2 AND t.conference_year = $3 \
             ORDER BY i.id, m.ordinal",
        )
        .bind(sectors.bits())
        .bind(&body)
        .bind(year)
        .fetch_all(&self.pool)
        .await?;
        if rows.is_empty() {
            return Err(StoreError::Invalid(format!(
                "the registry holds no clause of {conference} that concerns {sector_name}: ingest its documents first"
            )));
        }
        let director = director_of(&sector_name);
        let mut report = ImpactReport {
            sector: sector_name.clone(),
            conference: conference.trim().to_ascii_uppercase(),
            director: director.to_owned(),
            ..ImpactReport::default()
        };
        let mut instruments: Vec<Placed> = Vec::new();
        // The instrument (its index in `instruments`) of each reporting duty, to list the duties in the report's
        // order rather than the order instruments entered the registry.
        let mut duty_of = Vec::new();
        for r in &rows {
            let id: i64 = r.try_get("id")?;
            let (kind, inst_body, committee, number): (String, String, String, String) =
                (r.try_get("kind")?, r.try_get("body")?, r.try_get("committee")?, r.try_get("number")?);
            let revision: String = r.try_get("text_revision")?;
            let status: Option<String> = r.try_get("text_status")?;
            let section: Option<String> = r.try_get("section")?;
            let citation = citation(&kind, &committee, &number, &revision);
            let which = if kind == "recommendation" {
                Kind::Recommendation
            } else if status.as_deref() == Some("new") || (!revision.is_empty() && !revision.starts_with("Rev")) {
                Kind::New
            } else {
                Kind::Revised
            };
            let instrument_key = instrument_name(&kind, &inst_body, &committee, &number);
            if instruments.last().is_none_or(|last| last.instrument.citation != citation) {
                let title: Option<String> =
                    r.try_get::<Option<String>, _>("instrument_title")?.or(r.try_get("text_title")?);
                let order = (section_key(section.as_deref()), format!("{:>8}{instrument_key}", number));
                let instrument = ReportInstrument { citation: citation.clone(), title, blocks: Vec::new() };
                instruments.push(Placed { kind: which, order, instrument });
            }
            let placed = instruments.len() - 1;
            let instrument = &mut instruments.last_mut().expect("pushed above").instrument;
            let heading: Option<String> = r.try_get("heading")?;
            if instrument.blocks.last().is_none_or(|b| b.heading != heading) {
                instrument.blocks.push(ReportBlock { heading: heading.clone(), clauses: Vec::new() });
            }
            let label: Option<String> = r.try_get("label")?;
            let status: Status = r
                .try_get::<String, _>("status")?
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("mandate {id} has an unknown status")))?;
            let action: String = r.try_get("action")?;
            let addressees = split_list(&r.try_get::<String, _>("addressees")?);
            report.summary.clauses += 1;
            if addressees.iter().any(|a| a == director) {
                report.summary.for_director += 1;
            }
            if let Some(report_to) = r.try_get::<Option<String>, _>("report_to")? {
                let mut targets = vec![report_to];
                targets.extend(split_list(&r.try_get::<String, _>("also_report_to")?));
                let place = [Some(citation.as_str()), heading.as_deref(), label.as_deref()];
                duty_of.push(placed);
                report.reporting.push(ReportingDuty {
                    mandate: id,
                    clause: place.into_iter().flatten().collect::<Vec<_>>().join(", "),
                    report_to: targets,
                    cadence: r.try_get("cadence")?,
                    deadline: r.try_get("deadline")?,
                });
            }
            instrument.blocks.last_mut().expect("pushed above").clauses.push(ReportClause {
                mandate: id,
                label,
                text: action,
                status: status.to_string(),
                owner: r.try_get("owner")?,
            });
        }
        report.summary.reporting = report.reporting.len();
        let mut reporting: Vec<_> = duty_of.into_iter().zip(std::mem::take(&mut report.reporting)).collect();
        reporting.sort_by(|(a, _), (b, _)| {
            let (a, b) = (&instruments[*a], &instruments[*b]);
            (a.kind, &a.order).cmp(&(b.kind, &b.order))
        });
        report.reporting = reporting.into_iter().map(|(_, duty)| duty).collect();
        instruments.sort_by(|a, b| (a.kind, &a.order).cmp(&(b.kind, &b.order)));
        for placed in instruments {
            match placed.kind {
                Kind::Revised => report.revised.push(placed.instrument),
                Kind::New => report.new.push(placed.instrument),
                Kind::Recommendation => report.recommendations.push(placed.instrument),
            }
        }
        report.summary.revised = report.revised.len();
        report.summary.new = report.new.len();
        report.summary.recommendations = report.recommendations.len();
        report.table = self.reference_table(Some(conference)).await?;
        self.add_facts(&mut report, &body, year).await?;
        report.summary.abrogated = report
            .table
            .iter()
            .filter(|row| row.abrogated)
            .map(|row| {
                if row.instrument.contains(' ') {
                    row.instrument.clone()
                } else {
                    format!("Resolution {}", row.instrument)
                }
            })
            .collect();
        Ok(report)
    }

    /// The elections, sums and quantities stated in the current documents about the conference.
    async fn add_facts(&self, report: &mut ImpactReport, body: &str, year: i64) -> Result<()> {
        let rows = sqlx::query(
            "SELECT d.model, d.text FROM documents d WHERE d.is_current = 1 AND EXISTS (SELECT 1 FROM texts t \
             JOIN instruments i ON i.id = t.instrument_id WHERE t.document_id = d.id AND i.body = $1 \
             AND t.conference_year = $2) ORDER BY d.id",
        )
        .bind(body)
        .bind(year)
        .fetch_all(&self.pool)
        .await?;
        let mut seen = BTreeSet::new();
        for row in &rows {
            let document: mandates_core::Document = serde_json::from_str(&row.try_get::<String, _>(0)?)
                .map_err(|e| StoreError::Corrupt(format!("a stored document cannot be read back: {e}")))?;
            let text: String = row.try_get(1)?;
            report.elections.extend(document.facts.elections.iter().cloned());
            let spans = document.facts.amounts.iter().map(|a| (&a.text, a.start, a.end));
            let spans = spans.chain(document.facts.quantities.iter().map(|q| (&q.text, q.start, q.end)));
            let mut figures: Vec<(usize, Figure)> = Vec::new();
            for (written, start, end) in spans {
                let sentence = sentence_around(&text, start, end);
                if seen.insert((written.clone(), sentence.clone())) {
                    figures.push((start, Figure { text: written.to_string(), sentence }));
                }
            }
            figures.sort_by_key(|(start, _)| *start);
            report.figures.extend(figures.into_iter().map(|(_, f)| f));
        }
        Ok(())
    }

    /// The reference table rows of the current documents, or of those about `conference`, in document order.
    pub async fn reference_table(&self, conference: Option<&str>) -> Result<Vec<TableRow>> {
        let rows = match conference {
            Some(conference) => {
                let (body, year) = parse_conference(conference)?;
                sqlx::query(
                    "SELECT r.model FROM table_rows r JOIN documents d ON d.id = r.document_id WHERE d.is_current = 1 \
                     AND EXISTS (SELECT 1 FROM texts t JOIN instruments i ON i.id = t.instrument_id \
                       WHERE t.document_id = d.id AND i.body = $1 AND t.conference_year = $2) \
                     ORDER BY d.id, r.ordinal",
                )
                .bind(body)
                .bind(year)
                .fetch_all(&self.pool)
                .await?
            }
            None => {
                sqlx::query(
                    "SELECT r.model FROM table_rows r JOIN documents d ON d.id = r.document_id \
                     WHERE d.is_current = 1 ORDER BY d.id, r.ordinal",
                )
                .fetch_all(&self.pool)
                .await?
            }
        };
        let mut seen = BTreeSet::new();
        let mut table = Vec::new();
        for row in &rows {
            let model: String = row.try_get(0)?;
            let row: ReferenceRow = serde_json::from_str(&model)
                .map_err(|e| StoreError::Corrupt(format!("a reference table row cannot be read back: {e}")))?;
            // Two summaries of one conference list the same instrument: the first one counts.
            if !seen.insert(row.instrument.clone()) {
                continue;
            }
            table.push(TableRow {
                contributions: row.contributions.iter().map(contribution_label).collect(),
                affects: row
                    .affects
                    .iter()
                    .map(|a| mandates_core::report::Affected {
                        body: a.body.to_string(),
                        number: a.number.to_string(),
                        title: a.title.clone(),
                        suppressed: a.suppressed,
                    })
                    .collect(),
                instrument: row.instrument.to_string(),
                title: row.title,
                abrogated: row.abrogated,
                focal_points: row.focal_points,
            });
        }
        Ok(table)
    }
}

/// An instrument of the report, with the section it goes to and its place there: the summary's own section
/// number where it has one ("2.10" after "2.9"), else its number.
struct Placed {
    kind: Kind,
    order: (Vec<u32>, String),
    instrument: ReportInstrument,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Revised,
    New,
    Recommendation,
}

/// "Resolution 130 (Rev. Bucharest, 2022)", "Decision 5", "COM5 Recommendation 2".
fn citation(kind: &str, committee: &str, number: &str, revision: &str) -> String {
    let name = instrument_name(kind, "", committee, number);
    if revision.is_empty() { name } else { format!("{name} ({revision})") }
}

/// "2.10" sorts after "2.9"; texts without a section come last.
fn section_key(section: Option<&str>) -> Vec<u32> {
    match section {
        Some(s) => s.split('.').map(|p| p.trim().parse().unwrap_or(u32::MAX)).collect(),
        None => vec![u32::MAX],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_and_sections_read_as_in_the_seed() {
        assert_eq!(citation("resolution", "", "130", "Rev. Bucharest, 2022"), "Resolution 130 (Rev. Bucharest, 2022)");
        assert_eq!(citation("recommendation", "COM5", "2", ""), "COM5 Recommendation 2");
        assert!(section_key(Some("2.10")) > section_key(Some("2.9")));
        assert!(section_key(None) > section_key(Some("4.4")));
    }
}
