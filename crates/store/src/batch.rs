//! Writing many rows in few statements: each statement is a round trip to the database, and a document of a
//! hundred resolutions has thousands of rows.

use sqlx::{Any, Row, Transaction};

use crate::{Backend, Result};

/// A value to bind: the two types the registry stores.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    Int(Option<i64>),
    Text(Option<String>),
}

impl From<i64> for Value {
    fn from(v: i64) -> Value {
        Value::Int(Some(v))
    }
}
impl From<Option<i64>> for Value {
    fn from(v: Option<i64>) -> Value {
        Value::Int(v)
    }
}
impl From<String> for Value {
    fn from(v: String) -> Value {
        Value::Text(Some(v))
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Value {
        Value::Text(Some(v.to_owned()))
    }
}
impl From<Option<String>> for Value {
    fn from(v: Option<String>) -> Value {
        Value::Text(v)
    }
}
impl From<Option<&str>> for Value {
    fn from(v: Option<&str>) -> Value {
        Value::Text(v.map(str::to_owned))
    }
}

/// Values per statement: under SQLite's limit of 32766 bound parameters (PostgreSQL allows 65535).
const MAX_VALUES: usize = 30_000;

/// The `n`th placeholder (from 1). SQLite gets anonymous `?`: it looks each named `$n` up among the names seen
/// so far, which makes a statement with thousands of them quadratic to prepare.
fn placeholder(tx: &Transaction<'static, Any>, n: usize) -> String {
    if tx.backend_name() == "SQLite" { "?".to_owned() } else { format!("${n}") }
}

/// Run `prefix (v1, v2, ...) suffix` over `values`, a few hundred per statement, and gather the rows. The
/// list holds the statement's only placeholders.
pub(crate) async fn fetch_in(
    tx: &mut Transaction<'static, Any>,
    prefix: &str,
    suffix: &str,
    values: &[Value],
) -> Result<Vec<sqlx::any::AnyRow>> {
    let mut rows = Vec::new();
    for chunk in values.chunks(500) {
        let list: Vec<String> = (1..=chunk.len()).map(|i| placeholder(tx, i)).collect();
        let sql = format!("{prefix} ({}){suffix}", list.join(", "));
        let mut query = sqlx::query(&sql);
        for value in chunk {
            query = match value {
                Value::Int(v) => query.bind(*v),
                Value::Text(v) => query.bind(v.as_deref()),
            };
        }
        rows.extend(query.fetch_all(&mut **tx).await?);
    }
    Ok(rows)
}

/// `INSERT INTO table (columns) VALUES (...), (...), ...` in as few statements as the limits allow.
pub(crate) async fn insert_rows(
    tx: &mut Transaction<'static, Any>,
    table: &str,
    columns: &[&str],
    rows: &[Vec<Value>],
) -> Result<()> {
    let per_statement = (MAX_VALUES / columns.len()).max(1);
    for chunk in rows.chunks(per_statement) {
        let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
        let mut n = 0;
        for (r, row) in chunk.iter().enumerate() {
            debug_assert_eq!(row.len(), columns.len());
            sql.push_str(if r == 0 { "(" } else { ", (" });
            for c in 0..row.len() {
                n += 1;
                if c > 0 {
                    sql.push_str(", ");
                }
                sql.push_str(&placeholder(tx, n));
            }
            sql.push(')');
        }
        let mut query = sqlx::query(&sql);
        for row in chunk {
            for value in row {
                query = match value {
                    Value::Int(v) => query.bind(*v),
                    Value::Text(v) => query.bind(v.as_deref()),
                };
            }
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

/// `count` new ids for `table`, so that rows can be inserted together and referred to at once.
///
/// SQLite: the ingest holds the write lock, so the ids after the largest are free. PostgreSQL: taken from the
/// table's identity sequence, so that rows inserted elsewhere with default ids never collide with them.
pub(crate) async fn reserve_ids(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
    table: &str,
    count: usize,
) -> Result<Vec<i64>> {
    if count == 0 {
        return Ok(Vec::new());
    }
    match backend {
        Backend::Sqlite => {
            let max: i64 = sqlx::query(&format!("SELECT coalesce(max(id), 0) FROM {table}"))
                .fetch_one(&mut **tx)
                .await?
                .try_get(0)?;
            Ok((max + 1..=max + count as i64).collect())
        }
        Backend::Postgres => {
            let rows = sqlx::query(&format!(
                "SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, $1)"
            ))
            .bind(count as i64)
            .fetch_all(&mut **tx)
            .await?;
            rows.iter().map(|r| Ok(r.try_get::<i64, _>(0)?)).collect()
        }
    }
}

/// The words a mandate is found by besides its action (PostgreSQL): its block heading and the names it addresses.
const SEARCH_CONTEXT: &str =
    "coalesce(heading, '') || ' ' || replace(addressees, '; ', ' ') || ' ' || replace(partners, '; ', ' ')";

/// Add the mandates with ids in `first..=last` to the search index: rows just inserted, whose ids the ingest
/// reserved together (see `reserve_ids`), or a mandate taken out with `unindex` to be reworded. On PostgreSQL
/// the check for entries already there names the range again, so that it reads the partitions of the range
/// only (without it, it read the ids of every partition: 609 instead of 226 ms for the 1,215 mandates of
/// a document at 40k).
pub(crate) async fn index_for_search(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
    first: i64,
    last: i64,
) -> Result<()> {
    let sql = match backend {
        Backend::Sqlite => "INSERT INTO mandate_search (rowid, action, heading, addressees) \
             SELECT id, action, heading, addressees FROM mandates WHERE id BETWEEN $1 AND $2 AND is_current = 1"
            .to_owned(),
        Backend::Postgres => format!(
            "INSERT INTO mandate_search (mandate_id, context, document) SELECT id, ctx, \
             setweight(to_tsvector('english', action), 'A') || setweight(to_tsvector('english', ctx), 'B') \
             FROM (SELECT id, action, {SEARCH_CONTEXT} AS ctx FROM mandates m WHERE id BETWEEN $1 AND $2 \
             AND is_current = 1 AND NOT EXISTS (SELECT 1 FROM mandate_search s \
               WHERE s.mandate_id = m.id AND s.mandate_id BETWEEN $1 AND $2)) x"
        ),
    };
    sqlx::query(&sql).bind(first).bind(last).execute(&mut **tx).await?;
    Ok(())
}

/// Make sure PostgreSQL's search index has a partition (migration 0008) for the ids of `new_mandates` mandates
/// about to be inserted, in a statement of its own before the ingest's transaction: made inside it, a partition
/// would lock the whole index until the ingest commits. Ids that still come out beyond the partitions (another
/// ingest took ids meanwhile) are kept in a default partition and moved into theirs by the next call.
pub(crate) async fn cover_search_partitions(pool: &sqlx::AnyPool, new_mandates: usize) -> Result<()> {
    sqlx::query(
        "SELECT cover_mandate_search(coalesce(pg_sequence_last_value(pg_get_serial_sequence('mandates', 'id')), 0) \
         + $1 + 1)",
    )
    .bind(new_mandates as i64)
    .execute(pool)
    .await?;
    Ok(())
}

/// Take mandate `id` out of the search index, before its row changes: SQLite's index must be told the words
/// it holds for it, which are read from the row.
pub(crate) async fn unindex(tx: &mut Transaction<'static, Any>, backend: Backend, id: i64) -> Result<()> {
    let sql = match backend {
        Backend::Sqlite => {
            "INSERT INTO mandate_search (mandate_search, rowid, action, heading, addressees) \
             SELECT 'delete', id, action, heading, addressees FROM mandates WHERE id = $1 AND is_current = 1"
        }
        Backend::Postgres => "DELETE FROM mandate_search WHERE mandate_id = $1",
    };
    sqlx::query(sql).bind(id).execute(&mut **tx).await?;
    Ok(())
}
