//! Tracking: status, progress, owner, evidence, comments; every change versioned and written to the history.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::records::{HistoryEntry, MandateRecord};
use crate::{Result, Store, StoreError, now};

/// Where a mandate stands: a closed vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NotStarted,
    InProgress,
    /// A standing instruction carried out continuously ("to continue to ...").
    Ongoing,
    Completed,
    /// Replaced by a mandate of a later revision.
    Superseded,
    NotApplicable,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::NotStarted,
        Status::InProgress,
        Status::Ongoing,
        Status::Completed,
        Status::Superseded,
        Status::NotApplicable,
    ];

    /// The stored and serialised name: "not_started".
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::InProgress => "in_progress",
            Status::Ongoing => "ongoing",
            Status::Completed => "completed",
            Status::Superseded => "superseded",
            Status::NotApplicable => "not_applicable",
        }
    }

    /// The progress a mandate takes when it moves to this status and no progress is given.
    pub fn default_progress(self) -> Option<i64> {
        match self {
            Status::NotStarted => Some(0),
            Status::InProgress | Status::Ongoing => Some(50),
            Status::Completed => Some(100),
            Status::Superseded | Status::NotApplicable => None,
        }
    }

    /// Whether the status counts in an instrument's progress.
    pub fn counts_in_progress(self) -> bool {
        !matches!(self, Status::Superseded | Status::NotApplicable)
    }
}

impl fmt::Display for Status {
    /// As people say it: "not started".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_str().replace('_', " "))
    }
}

impl FromStr for Status {
    type Err = StoreError;

    /// Accepts "not started", "not-started", "not_started", "Not Started", "n/a".
    fn from_str(s: &str) -> Result<Status> {
        let key: String =
            s.trim().to_ascii_lowercase().chars().map(|c| if c == ' ' || c == '-' { '_' } else { c }).collect();
        let key = if key == "n/a" || key == "na" { "not_applicable".to_owned() } else { key };
        Status::ALL.into_iter().find(|st| st.as_str() == key).ok_or_else(|| {
            let names: Vec<String> = Status::ALL.iter().map(Status::to_string).collect();
            StoreError::Invalid(format!("unknown status {s:?}: use one of {}", names.join(", ")))
        })
    }
}

/// A tracking update. Fields left empty stay as they are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Change {
    pub status: Option<Status>,
    /// 0 to 100.
    pub progress: Option<i64>,
    /// `Some(None)` removes the owner.
    pub owner: Option<Option<String>>,
    /// Document symbols or URLs to add ("TD/83", "C23/25").
    pub evidence: Vec<String>,
    pub comment: Option<String>,
    /// Clears the flag set when a new text changed the mandate's wording.
    pub reviewed: bool,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        *self == Change::default()
    }
}

impl Store {
    /// Apply `change` to mandate `id`, as `by`. With `expected_version`, the change is refused with
    /// [`StoreError::Stale`] when someone else changed the mandate since that version; nothing is written then.
    pub async fn update(
        &self,
        id: i64,
        expected_version: Option<i64>,
        change: &Change,
        by: &str,
    ) -> Result<MandateRecord> {
        if change.is_empty() {
            return Err(StoreError::Invalid(
                "nothing to change: give a status, progress, owner, evidence, comment or review".into(),
            ));
        }
        if let Some(p) = change.progress
            && !(0..=100).contains(&p)
        {
            return Err(StoreError::Invalid(format!("progress must be between 0 and 100, not {p}")));
        }
        let mut tx = self.begin_write().await?;
        let lock = match self.backend {
            crate::Backend::Sqlite => {
                "SELECT status, progress, owner, needs_review, version, updated_by, updated_at FROM mandates WHERE id = $1"
            }
            crate::Backend::Postgres => {
                "SELECT status, progress, owner, needs_review, version, updated_by, updated_at FROM mandates WHERE id = $1 FOR UPDATE"
            }
        };
        let row = sqlx::query(lock).bind(id).fetch_optional(&mut *tx).await?.ok_or(StoreError::NoSuchMandate(id))?;
        let version: i64 = row.try_get("version")?;
        if let Some(expected) = expected_version
            && expected != version
        {
            return Err(StoreError::Stale {
                id,
                expected,
                current: version,
                by: row.try_get("updated_by")?,
                at: row.try_get("updated_at")?,
            });
        }
        let old_status: Status = row
            .try_get::<String, _>("status")?
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("mandate {id} has an unknown status")))?;
        let old_progress: i64 = row.try_get("progress")?;
        let old_owner: Option<String> = row.try_get("owner")?;
        let needs_review = row.try_get::<i64, _>("needs_review")? != 0;

        let mut status = change.status.unwrap_or(old_status);
        // Progress on a mandate not yet started means it has started.
        if change.status.is_none() && status == Status::NotStarted && change.progress.is_some_and(|p| p > 0) {
            status = Status::InProgress;
        }
        let progress = change
            .progress
            .or_else(|| if status != old_status { status.default_progress() } else { None })
            .unwrap_or(old_progress);
        let owner = match &change.owner {
            Some(owner) => owner.as_ref().map(|o| o.trim().to_owned()).filter(|o| !o.is_empty()),
            None => old_owner.clone(),
        };
        let new_version = version + 1;
        let at = now();

        let mut entries: Vec<(&str, Option<String>, Option<String>)> = Vec::new();
        if status != old_status {
            entries.push(("status", Some(old_status.to_string()), Some(status.to_string())));
        }
        if progress != old_progress {
            entries.push(("progress", Some(old_progress.to_string()), Some(progress.to_string())));
        }
        if owner != old_owner {
            entries.push(("owner", old_owner, owner.clone()));
        }
        for reference in &change.evidence {
            let reference = reference.trim();
            if reference.is_empty() {
                return Err(StoreError::Invalid("an evidence reference cannot be empty".into()));
            }
            sqlx::query("INSERT INTO evidence (mandate_id, reference, added_at, added_by) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(reference)
                .bind(&at)
                .bind(by)
                .execute(&mut *tx)
                .await?;
            entries.push(("evidence", None, Some(reference.to_owned())));
        }
        if let Some(comment) = change.comment.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            sqlx::query("INSERT INTO comments (mandate_id, body, added_at, added_by) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(comment)
                .bind(&at)
                .bind(by)
                .execute(&mut *tx)
                .await?;
            entries.push(("comment", None, Some(comment.to_owned())));
        }
        let reviewed = change.reviewed && needs_review;
        if reviewed {
            entries.push(("review", Some("needed".into()), Some("done".into())));
        }
        if entries.is_empty() {
            return Err(StoreError::Invalid(format!("mandate {id} already is as asked: nothing changed")));
        }

        let updated = sqlx::query(
            "UPDATE mandates SET status = $1, progress = $2, owner = $3, needs_review = $4, version = $5, \
             updated_at = $6, updated_by = $7 WHERE id = $8 AND version = $9",
        )
        .bind(status.as_str())
        .bind(progress)
        .bind(owner)
        .bind(i64::from(needs_review && !reviewed))
        .bind(new_version)
        .bind(&at)
        .bind(by)
        .bind(id)
        .bind(version)
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() != 1 {
            return Err(StoreError::Corrupt(format!("mandate {id} changed while locked")));
        }
        for (field, old, new) in entries {
            record(&mut tx, id, new_version, &at, by, field, old.as_deref(), new.as_deref()).await?;
        }
        tx.commit().await?;
        self.mandate_record(id).await?.ok_or(StoreError::NoSuchMandate(id))
    }

    /// Every recorded change of mandate `id`, oldest first.
    pub async fn history(&self, id: i64) -> Result<Vec<HistoryEntry>> {
        let rows = sqlx::query(
            "SELECT mandate_id, version, changed_at, changed_by, field, old_value, new_value FROM history \
             WHERE mandate_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        if rows.is_empty() && self.mandate_record(id).await?.is_none() {
            return Err(StoreError::NoSuchMandate(id));
        }
        rows.iter()
            .map(|r| {
                Ok(HistoryEntry {
                    mandate_id: r.try_get("mandate_id")?,
                    version: r.try_get("version")?,
                    at: r.try_get("changed_at")?,
                    by: r.try_get("changed_by")?,
                    field: r.try_get("field")?,
                    old: r.try_get("old_value")?,
                    new: r.try_get("new_value")?,
                })
            })
            .collect()
    }
}

/// Append one entry to the history.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn record(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    mandate_id: i64,
    version: i64,
    at: &str,
    by: &str,
    field: &str,
    old: Option<&str>,
    new: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO history (mandate_id, version, changed_at, changed_by, field, old_value, new_value) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(mandate_id)
    .bind(version)
    .bind(at)
    .bind(by)
    .bind(field)
    .bind(old)
    .bind(new)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_as_people_write_them() {
        assert_eq!("Not started".parse::<Status>().unwrap(), Status::NotStarted);
        assert_eq!("in-progress".parse::<Status>().unwrap(), Status::InProgress);
        assert_eq!("n/a".parse::<Status>().unwrap(), Status::NotApplicable);
        let err = "done".parse::<Status>().unwrap_err().to_string();
        assert!(err.contains("not started, in progress, ongoing, completed, superseded, not applicable"), "{err}");
    }
}
