//! The whole registry as one JSON file, and back: documents, instruments, texts, mandates, tracking and history.
//!
//! Every table is written row by row in key order with its columns by name, so the same registry always gives
//! the same bytes, and an import followed by an export gives the file back unchanged. The search index is not
//! exported: it is rebuilt from the mandates on import.

use std::io::Write;

use serde_json::{Map, Value};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{Backend, Result, Store, StoreError};

/// Names the file format; `VERSION` changes when the tables do.
const FORMAT: &str = "mandates-registry";
const VERSION: i64 = 1;

#[derive(Clone, Copy)]
enum Type {
    Int,
    Text,
}
use Type::{Int, Text};

struct Table {
    name: &'static str,
    /// Keyset order; tables keyed by `id` are read in pages.
    key: &'static str,
    columns: &'static [(&'static str, Type)],
}

/// In an order that satisfies the foreign keys (but for `mandates.superseded_by`, set after the rows exist).
const TABLES: &[Table] = &[
    Table {
        name: "documents",
        key: "id",
        columns: &[
            ("id", Int),
            ("name", Text),
            ("version", Int),
            ("is_current", Int),
            ("sha256", Text),
            ("format", Text),
            ("encoding", Text),
            ("bytes", Int),
            ("text", Text),
            ("model", Text),
            ("diagnostics", Int),
            ("ingested_at", Text),
            ("ingested_by", Text),
        ],
    },
    Table {
        name: "instruments",
        key: "id",
        columns: &[
            ("id", Int),
            ("kind", Text),
            ("body", Text),
            ("committee", Text),
            ("number", Text),
            ("title", Text),
            ("abrogated", Int),
            ("sort_key", Text),
        ],
    },
    Table {
        name: "texts",
        key: "id",
        columns: &[
            ("id", Int),
            ("instrument_id", Int),
            ("document_id", Int),
            ("revision", Text),
            ("revision_year", Int),
            ("conference_year", Int),
            ("is_full", Int),
            ("status", Text),
            ("section", Text),
            ("citation", Text),
            ("title", Text),
            ("model", Text),
            ("span_start", Int),
            ("span_end", Int),
        ],
    },
    Table {
        name: "mandates",
        key: "id",
        columns: &[
            ("id", Int),
            ("instrument_id", Int),
            ("text_id", Int),
            ("revision", Text),
            ("is_current", Int),
            ("ordinal", Int),
            ("heading", Text),
            ("verb", Text),
            ("label", Text),
            ("action", Text),
            ("addressees", Text),
            ("partners", Text),
            ("cadence", Text),
            ("report_to", Text),
            ("also_report_to", Text),
            ("deadline", Text),
            ("deadline_year", Int),
            ("sectors", Int),
            ("span_start", Int),
            ("span_end", Int),
            ("status", Text),
            ("progress", Int),
            ("owner", Text),
            ("needs_review", Int),
            ("carried_from", Int),
            ("superseded_by", Int),
            ("version", Int),
            ("updated_at", Text),
            ("updated_by", Text),
        ],
    },
    Table {
        name: "mandate_addressees",
        key: "mandate_id, addressee",
        columns: &[("mandate_id", Int), ("addressee", Text)],
    },
    Table {
        name: "evidence",
        key: "id",
        columns: &[("id", Int), ("mandate_id", Int), ("reference", Text), ("added_at", Text), ("added_by", Text)],
    },
    Table {
        name: "comments",
        key: "id",
        columns: &[("id", Int), ("mandate_id", Int), ("body", Text), ("added_at", Text), ("added_by", Text)],
    },
    Table {
        name: "history",
        key: "id",
        columns: &[
            ("id", Int),
            ("mandate_id", Int),
            ("version", Int),
            ("changed_at", Text),
            ("changed_by", Text),
            ("field", Text),
            ("old_value", Text),
            ("new_value", Text),
        ],
    },
    Table {
        name: "table_rows",
        key: "id",
        columns: &[
            ("id", Int),
            ("document_id", Int),
            ("instrument_id", Int),
            ("ordinal", Int),
            ("label", Text),
            ("title", Text),
            ("abrogated", Int),
            ("focal_points", Text),
            ("model", Text),
        ],
    },
    Table {
        name: "table_links",
        key: "row_id, ordinal",
        columns: &[
            ("row_id", Int),
            ("ordinal", Int),
            ("body", Text),
            ("number", Text),
            ("title", Text),
            ("suppressed", Int),
        ],
    },
];

/// Rows read at a time from tables keyed by `id`, so that a large registry is never held in memory whole.
const PAGE: i64 = 500;

impl Store {
    /// Write the whole registry to `out` as JSON.
    pub async fn export(&self, out: &mut impl Write) -> Result<()> {
        let io = |e: std::io::Error| StoreError::Invalid(format!("cannot write the export: {e}"));
        // One read transaction: every table from the same moment, whatever is being ingested meanwhile.
        let mut tx = self.pool.begin().await?;
        if self.backend == Backend::Postgres {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").execute(&mut *tx).await?;
        }
        write!(out, "{{\"format\":\"{FORMAT}\",\"version\":{VERSION},\"tables\":{{").map_err(io)?;
        for (t, table) in TABLES.iter().enumerate() {
            let columns: Vec<&str> = table.columns.iter().map(|(c, _)| *c).collect();
            let select = format!("SELECT {} FROM {}", columns.join(", "), table.name);
            write!(out, "{}\"{}\":[", if t > 0 { "," } else { "" }, table.name).map_err(io)?;
            let mut first = true;
            let mut write_rows = |rows: &[AnyRow], out: &mut dyn Write| -> Result<()> {
                for row in rows {
                    let object = row_to_json(row, table)?;
                    if !first {
                        out.write_all(b",").map_err(io)?;
                    }
                    first = false;
                    out.write_all(b"\n").map_err(io)?;
                    serde_json::to_writer(&mut *out, &object)
                        .map_err(|e| StoreError::Invalid(format!("cannot write the export: {e}")))?;
                }
                Ok(())
            };
            if table.key == "id" {
                let mut after = i64::MIN;
                loop {
                    let rows = sqlx::query(&format!("{select} WHERE id > $1 ORDER BY id LIMIT {PAGE}"))
                        .bind(after)
                        .fetch_all(&mut *tx)
                        .await?;
                    let Some(last) = rows.last() else { break };
                    after = last.try_get("id")?;
                    write_rows(&rows, out)?;
                }
            } else {
                let rows = sqlx::query(&format!("{select} ORDER BY {}", table.key)).fetch_all(&mut *tx).await?;
                write_rows(&rows, out)?;
            }
            out.write_all(b"]").map_err(io)?;
        }
        writeln!(out, "}}}}").map_err(io)?;
        tx.commit().await?;
        Ok(())
    }

    /// Restore an export into this registry, which must be empty. All or nothing.
    pub async fn import(&self, export: &str) -> Result<()> {
        let bad = |why: String| StoreError::Invalid(format!("this is not a registry export: {why}"));
        let value: Value = serde_json::from_str(export).map_err(|e| bad(e.to_string()))?;
        if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(bad(format!("it does not say \"format\": \"{FORMAT}\"")));
        }
        match value.get("version").and_then(Value::as_i64) {
            Some(VERSION) => {}
            Some(other) => {
                return Err(bad(format!("it is format version {other}; this program reads version {VERSION}")));
            }
            None => return Err(bad("it gives no format version".into())),
        }
        let tables = value.get("tables").and_then(Value::as_object).ok_or_else(|| bad("it has no tables".into()))?;
        let mut tx = self.begin_write().await?;
        let held = sqlx::query("SELECT count(*) FROM documents").fetch_one(&mut *tx).await?.try_get::<i64, _>(0)?;
        if held > 0 {
            return Err(StoreError::Invalid(format!(
                "an export can only be restored into an empty registry, and this one holds {held} documents"
            )));
        }
        for table in TABLES {
            let rows = tables
                .get(table.name)
                .and_then(Value::as_array)
                .ok_or_else(|| bad(format!("the table {} is missing", table.name)))?;
            let names: Vec<&str> = table.columns.iter().map(|(c, _)| *c).collect();
            let placeholders: Vec<String> = (1..=names.len()).map(|i| format!("${i}")).collect();
            let insert =
                format!("INSERT INTO {} ({}) VALUES ({})", table.name, names.join(", "), placeholders.join(", "));
            for (n, row) in rows.iter().enumerate() {
                let object =
                    row.as_object().ok_or_else(|| bad(format!("row {} of {} is not an object", n + 1, table.name)))?;
                let mut query = sqlx::query(&insert);
                for (column, kind) in table.columns {
                    let value = object.get(*column).unwrap_or(&Value::Null);
                    let wrong = || bad(format!("row {} of {}: {column} has the wrong type", n + 1, table.name));
                    // The successor of a superseded mandate is inserted after it: linked below.
                    let value =
                        if table.name == "mandates" && *column == "superseded_by" { &Value::Null } else { value };
                    query = match (kind, value) {
                        (_, Value::Null) => match kind {
                            Int => query.bind(None::<i64>),
                            Text => query.bind(None::<String>),
                        },
                        (Int, Value::Number(v)) => query.bind(v.as_i64().ok_or_else(wrong)?),
                        (Text, Value::String(s)) => query.bind(s.as_str()),
                        _ => return Err(wrong()),
                    };
                }
                query.execute(&mut *tx).await?;
            }
        }
        if let Some(mandates) = tables.get("mandates").and_then(Value::as_array) {
            for row in mandates {
                if let (Some(id), Some(successor)) = (row["id"].as_i64(), row["superseded_by"].as_i64()) {
                    sqlx::query("UPDATE mandates SET superseded_by = $1 WHERE id = $2")
                        .bind(successor)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
            }
        }
        // The names' rows carry their mandate's place in lists, which the export leaves out as it follows from
        // the mandates and instruments (migrations SQLite 0006, PostgreSQL 0009).
        sqlx::query(
            "UPDATE mandate_addressees SET instrument_id = m.instrument_id, ordinal = m.ordinal, sort_key = i.sort_key \
             FROM mandates m JOIN instruments i ON i.id = m.instrument_id WHERE m.id = mandate_addressees.mandate_id",
        )
        .execute(&mut *tx)
        .await?;
        if self.backend == Backend::Postgres {
            // The imported ids need their partitions of the search index (migration 0008).
            sqlx::query("SELECT cover_mandate_search(coalesce((SELECT max(id) FROM mandates), 0) + 1)")
                .execute(&mut *tx)
                .await?;
        }
        crate::batch::index_for_search(&mut tx, self.backend, i64::MIN, i64::MAX).await?;
        if self.backend == Backend::Postgres {
            // Identities continue after the imported ids.
            for table in TABLES.iter().filter(|t| t.key == "id") {
                sqlx::query(&format!(
                    "SELECT setval(pg_get_serial_sequence('{0}', 'id'), coalesce(max(id), 0) + 1, false) FROM {0}",
                    table.name
                ))
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }
}

fn row_to_json(row: &AnyRow, table: &Table) -> Result<Map<String, Value>> {
    let mut object = Map::new();
    for (column, kind) in table.columns {
        let value = match kind {
            Int => row.try_get::<Option<i64>, _>(*column)?.map_or(Value::Null, Value::from),
            Text => row.try_get::<Option<String>, _>(*column)?.map_or(Value::Null, Value::from),
        };
        object.insert((*column).to_owned(), value);
    }
    Ok(object)
}
