//! The numbers of the dashboard: how many mandates, how far they got, by conference, Sector and addressee.

use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::records::{Totals, split_list};
use crate::{Result, Store};
use mandates_core::mandate::Sectors;

/// A group of current mandates and where they stand.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// "PP-22", "ITU-T", "Director TSB".
    pub name: String,
    pub mandates: i64,
    pub not_started: i64,
    /// In progress or ongoing.
    pub under_way: i64,
    pub completed: i64,
    /// Not applicable (superseded mandates are not current, so never counted).
    pub not_applicable: i64,
    /// Average progress, leaving out those not applicable; none when all are.
    pub progress: Option<i64>,
}

/// The dashboard's numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub totals: Totals,
    pub all: Group,
    /// By the conference that adopted the text, newest first.
    pub by_conference: Vec<Group>,
    /// ITU-R, ITU-T, ITU-D, in that order.
    pub by_sector: Vec<Group>,
    /// The addressees with the most mandates, most first.
    pub by_addressee: Vec<Group>,
    /// Mandates whose wording a new text changed: their tracking wants a look.
    pub needs_review: i64,
}

/// The status counts and progress of the rows a query groups; the query's first columns are the group's key.
/// (PostgreSQL sums BIGINTs as NUMERIC, which the driver does not read as an integer: hence the casts.)
const COUNTS: &str = "count(*) AS mandates, \
    CAST(SUM(CASE WHEN m.status = 'not_started' THEN 1 ELSE 0 END) AS BIGINT) AS not_started, \
    CAST(SUM(CASE WHEN m.status IN ('in_progress', 'ongoing') THEN 1 ELSE 0 END) AS BIGINT) AS under_way, \
    CAST(SUM(CASE WHEN m.status = 'completed' THEN 1 ELSE 0 END) AS BIGINT) AS completed, \
    CAST(SUM(CASE WHEN m.status = 'not_applicable' THEN 1 ELSE 0 END) AS BIGINT) AS not_applicable, \
    CAST(SUM(CASE WHEN m.status <> 'not_applicable' THEN m.progress ELSE 0 END) AS BIGINT) AS progress_sum";

impl Store {
    /// How many current mandates there are and how far they got, overall and by group.
    pub async fn overview(&self, addressees: i64) -> Result<Overview> {
        let all = sqlx::query(&format!(
            "SELECT {COUNTS}, CAST(SUM(m.needs_review) AS BIGINT) AS needs_review FROM mandates m WHERE m.is_current = 1"
        ))
        .fetch_one(&self.pool)
        .await?;
        let conferences = sqlx::query(&format!(
            "SELECT i.body, t.conference_year, {COUNTS} FROM mandates m \
             JOIN instruments i ON i.id = m.instrument_id JOIN texts t ON t.id = m.text_id \
             WHERE m.is_current = 1 GROUP BY i.body, t.conference_year \
             ORDER BY t.conference_year DESC, i.body"
        ))
        .fetch_all(&self.pool)
        .await?;
        // Few distinct sector sets exist (at most 8); each is added to every Sector it names.
        let sector_sets = sqlx::query(&format!(
            "SELECT m.sectors, {COUNTS} FROM mandates m WHERE m.is_current = 1 GROUP BY m.sectors"
        ))
        .fetch_all(&self.pool)
        .await?;
        let by_addressee = sqlx::query(&format!(
            "SELECT a.addressee, min(a.mandate_id) AS sample, {COUNTS} FROM mandate_addressees a JOIN mandates m ON m.id = a.mandate_id \
             WHERE m.is_current = 1 GROUP BY a.addressee ORDER BY count(*) DESC, a.addressee LIMIT $1"
        ))
        .bind(addressees)
        .fetch_all(&self.pool)
        .await?;

        let mut by_conference = Vec::with_capacity(conferences.len());
        for r in &conferences {
            let body: String = r.try_get(0)?;
            let year: Option<i64> = r.try_get(1)?;
            let name = match year {
                Some(year) => format!("{body}-{:02}", year % 100),
                None => format!("{body} (year not given)"),
            };
            by_conference.push(group(name, r)?);
        }
        let mut by_sector: Vec<(Group, i64)> = ["ITU-R", "ITU-T", "ITU-D"]
            .iter()
            .map(|name| (Group { name: (*name).into(), ..Group::default() }, 0))
            .collect();
        for r in &sector_sets {
            let sectors = Sectors::from_bits(r.try_get(0)?);
            let set = group(String::new(), r)?;
            let progress_sum: i64 = r.try_get("progress_sum")?;
            for (named, (sum, counted)) in [sectors.r, sectors.t, sectors.d].into_iter().zip(by_sector.iter_mut()) {
                if named {
                    sum.mandates += set.mandates;
                    sum.not_started += set.not_started;
                    sum.under_way += set.under_way;
                    sum.completed += set.completed;
                    sum.not_applicable += set.not_applicable;
                    *counted += progress_sum;
                }
            }
        }
        let by_sector = by_sector
            .into_iter()
            .map(|(mut g, progress_sum)| {
                g.progress = average(progress_sum, g.mandates - g.not_applicable);
                g
            })
            .collect();
        // Names are kept in lower case for matching; one mandate of each group gives the name as written.
        let mut addressee_groups = Vec::with_capacity(by_addressee.len());
        for r in &by_addressee {
            let lower: String = r.try_get(0)?;
            let sample = sqlx::query("SELECT addressees, partners FROM mandates WHERE id = $1")
                .bind(r.try_get::<i64, _>("sample")?)
                .fetch_one(&self.pool)
                .await?;
            let (addressees, partners): (String, String) = (sample.try_get(0)?, sample.try_get(1)?);
            let name = split_list(&addressees)
                .into_iter()
                .chain(split_list(&partners))
                .find(|n| n.to_lowercase() == lower)
                .unwrap_or(lower);
            addressee_groups.push(group(name, r)?);
        }
        Ok(Overview {
            totals: self.totals().await?,
            all: group("All".into(), &all)?,
            by_conference,
            by_sector,
            by_addressee: addressee_groups,
            needs_review: all.try_get::<Option<i64>, _>("needs_review")?.unwrap_or(0),
        })
    }
}

fn group(name: String, r: &AnyRow) -> Result<Group> {
    // SUM of no rows is NULL.
    let get = |column: &str| -> Result<i64> { Ok(r.try_get::<Option<i64>, _>(column)?.unwrap_or(0)) };
    let mandates = get("mandates")?;
    let not_applicable = get("not_applicable")?;
    Ok(Group {
        name,
        mandates,
        not_started: get("not_started")?,
        under_way: get("under_way")?,
        completed: get("completed")?,
        not_applicable,
        progress: average(get("progress_sum")?, mandates - not_applicable),
    })
}

/// The rounded average, none of nothing.
fn average(sum: i64, count: i64) -> Option<i64> {
    (count > 0).then(|| (sum + count / 2) / count)
}
