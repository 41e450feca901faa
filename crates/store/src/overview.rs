//! The numbers of the dashboard: how many mandates, how far they got, by conference, Sector and addressee.

use serde::{Deserialize, Serialize};

use crate::records::{Totals, split_list};
use crate::sql::{Arg, Cells, Sql};
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
        let all = self
            .fetch_optional(
                Sql::new(&format!(
                    "SELECT {COUNTS}, CAST(SUM(m.needs_review) AS BIGINT) AS needs_review FROM mandates m \
                     WHERE m.is_current = 1"
                )),
                |r| Ok((group(r, 0)?, r.opt_int(6)?.unwrap_or(0))),
            )
            .await?
            .unwrap_or_default();
        let conferences = self
            .fetch_all(
                Sql::new(&format!(
                    "SELECT i.body, t.conference_year, {COUNTS} FROM mandates m \
                     JOIN instruments i ON i.id = m.instrument_id JOIN texts t ON t.id = m.text_id \
                     WHERE m.is_current = 1 GROUP BY i.body, t.conference_year \
                     ORDER BY t.conference_year DESC, i.body"
                )),
                |r| {
                    let (body, year) = (r.text(0)?, r.opt_int(1)?);
                    let name = match year {
                        Some(year) => format!("{body}-{:02}", year % 100),
                        None => format!("{body} (year not given)"),
                    };
                    Ok(Group { name, ..group(r, 2)? })
                },
            )
            .await?;
        let sector_sets = self
            .fetch_all(
                Sql::new(&format!(
                    "SELECT m.sectors, {COUNTS} FROM mandates m WHERE m.is_current = 1 GROUP BY m.sectors"
                )),
                |r| Ok((Sectors::from_bits(r.int(0)?), group(r, 1)?, r.opt_int(6)?.unwrap_or(0))),
            )
            .await?;
        let by_addressee = self
            .fetch_all(
                Sql::new(&format!(
                    "SELECT a.addressee, min(a.mandate_id) AS sample, {COUNTS} FROM mandate_addressees a \
                     JOIN mandates m ON m.id = a.mandate_id WHERE m.is_current = 1 GROUP BY a.addressee \
                     ORDER BY count(*) DESC, a.addressee LIMIT $1"
                ))
                .arg(Arg::Int(addressees)),
                |r| Ok((r.text(0)?, r.int(1)?, group(r, 2)?)),
            )
            .await?;

        let mut by_sector: Vec<(Group, i64)> = ["ITU-R", "ITU-T", "ITU-D"]
            .iter()
            .map(|name| (Group { name: (*name).into(), ..Group::default() }, 0))
            .collect();
        for (sectors, set, progress_sum) in &sector_sets {
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
        let mut addressee_groups = Vec::with_capacity(by_addressee.len());
        for (lower, sample, counts) in by_addressee {
            // The name as written (the table holds it in lower case), from one mandate that has it.
            let (addressees, partners) = self
                .fetch_optional(
                    Sql::new("SELECT addressees, partners FROM mandates WHERE id = $1").arg(Arg::Int(sample)),
                    |r| Ok((r.text(0)?, r.text(1)?)),
                )
                .await?
                .unwrap_or_default();
            let name = split_list(&addressees)
                .into_iter()
                .chain(split_list(&partners))
                .find(|n| n.to_lowercase() == lower)
                .unwrap_or(lower);
            addressee_groups.push(Group { name, ..counts });
        }
        let (all, needs_review) = all;
        Ok(Overview {
            totals: self.totals().await?,
            all: Group { name: "All".into(), ..all },
            by_conference: conferences,
            by_sector,
            by_addressee: addressee_groups,
            needs_review,
        })
    }
}

/// The counts of [`COUNTS`], from column `at` on, as an unnamed group.
fn group(r: &dyn Cells, at: usize) -> Result<Group> {
    // SUM of no rows is NULL.
    let get = |column: usize| -> Result<i64> { Ok(r.opt_int(at + column)?.unwrap_or(0)) };
    let mandates = get(0)?;
    let not_applicable = get(4)?;
    Ok(Group {
        name: String::new(),
        mandates,
        not_started: get(1)?,
        under_way: get(2)?,
        completed: get(3)?,
        not_applicable,
        progress: average(get(5)?, mandates - not_applicable),
    })
}

/// The rounded average, none of nothing.
fn average(sum: i64, count: i64) -> Option<i64> {
    (count > 0).then(|| (sum + count / 2) / count)
}
