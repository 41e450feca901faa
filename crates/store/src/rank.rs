//! `relevance(mandate_search, w0, w1, ...)`: an FTS5 ranking function for SQLite's full-text search whose cost
//! is the row's own, registered on the fast read connections ([`crate::sql`]).
//!
//! FTS5's built-in `bm25()` first counts, for each word or phrase of the query, every row of the index that
//! holds it, to weigh rare words above common ones (IDF). On a registry of 40,000 resolutions a phrase such as
//! "developing countries" is in 135,000 mandates: that count alone took longer than a search may. `relevance`
//! is BM25 without that weight: for each phrase, its occurrences in the row (each weighted by its column's
//! weight) against the row's length, with BM25's usual k1 = 1.2 and b = 0.75. For a query of one word or one
//! phrase it orders rows exactly as `bm25()` does; with several, each counts alike. Higher is better.

use std::ffi::{c_int, c_void};
use std::ptr;

use libsqlite3_sys as ffi;

const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Register `relevance` on `conn`. Fails if SQLite was built without FTS5.
pub(crate) fn register(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    // SAFETY: the handle belongs to `conn`, which outlives this call; the statement is finalised before the end
    // of the block; `api` is written by SQLite only while the statement runs, and the function pointer given to
    // SQLite is a plain `extern "C" fn` that lives for the whole program.
    unsafe {
        let db = conn.handle();
        let mut stmt: *mut ffi::sqlite3_stmt = ptr::null_mut();
        let rc = ffi::sqlite3_prepare_v2(db, c"SELECT fts5(?1)".as_ptr(), -1, &mut stmt, ptr::null_mut());
        if rc != ffi::SQLITE_OK {
            return Err(rusqlite::Error::SqliteFailure(ffi::Error::new(rc), Some("FTS5 is not available".into())));
        }
        let mut api: *mut ffi::fts5_api = ptr::null_mut();
        ffi::sqlite3_bind_pointer(stmt, 1, (&raw mut api).cast::<c_void>(), c"fts5_api_ptr".as_ptr(), None);
        ffi::sqlite3_step(stmt);
        ffi::sqlite3_finalize(stmt);
        let Some(create) = api.as_ref().and_then(|api| api.xCreateFunction) else {
            return Err(rusqlite::Error::SqliteFailure(
                ffi::Error::new(ffi::SQLITE_ERROR),
                Some("FTS5 gave no function registry".into()),
            ));
        };
        let rc = create(api, c"relevance".as_ptr(), ptr::null_mut(), Some(relevance), None);
        if rc != ffi::SQLITE_OK {
            return Err(rusqlite::Error::SqliteFailure(ffi::Error::new(rc), Some("cannot add relevance()".into())));
        }
    }
    Ok(())
}

/// The FTS5 callback. Weights are the arguments after the table, one per column (1.0 when missing).
unsafe extern "C" fn relevance(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    ctx: *mut ffi::sqlite3_context,
    n_args: c_int,
    args: *mut *mut ffi::sqlite3_value,
) {
    // SAFETY: SQLite calls this with a valid API table and context for the current row, and `args` holding
    // `n_args` values.
    unsafe {
        let weight = |column: c_int| {
            if column < n_args { ffi::sqlite3_value_double(*args.offset(column as isize)) } else { 1.0 }
        };
        match score(&*api, fts, weight) {
            Some(score) => ffi::sqlite3_result_double(ctx, score),
            None => ffi::sqlite3_result_error_code(ctx, ffi::SQLITE_ERROR),
        }
    }
}

/// BM25 without IDF over the row FTS5 is on; None if FTS5 reports an error.
///
/// # Safety
/// `fts` must be the context SQLite passed to the callback that gave `api`.
unsafe fn score(api: &ffi::Fts5ExtensionApi, fts: *mut ffi::Fts5Context, weight: impl Fn(c_int) -> f64) -> Option<f64> {
    let ok = |rc: c_int| (rc == ffi::SQLITE_OK).then_some(());
    // SAFETY: each function is FTS5's own, called with the context and out-pointers it documents.
    unsafe {
        let columns = (api.xColumnCount?)(fts);
        let mut rows: i64 = 0;
        ok((api.xRowCount?)(fts, &mut rows))?;
        let (mut total, mut length) = (0i64, 0i64);
        for column in 0..columns {
            let (mut all, mut here): (i64, c_int) = (0, 0);
            ok((api.xColumnTotalSize?)(fts, column, &mut all))?;
            ok((api.xColumnSize?)(fts, column, &mut here))?;
            total += all;
            length += i64::from(here);
        }
        let average = if rows > 0 { total as f64 / rows as f64 } else { 1.0 };
        let phrases = usize::try_from((api.xPhraseCount?)(fts)).ok()?;
        let mut frequency = vec![0.0f64; phrases];
        let mut instances: c_int = 0;
        ok((api.xInstCount?)(fts, &mut instances))?;
        for i in 0..instances {
            let (mut phrase, mut column, mut offset): (c_int, c_int, c_int) = (0, 0, 0);
            ok((api.xInst?)(fts, i, &mut phrase, &mut column, &mut offset))?;
            if let Some(f) = usize::try_from(phrase).ok().and_then(|p| frequency.get_mut(p)) {
                *f += weight(column);
            }
        }
        let norm = K1 * (1.0 - B + B * length as f64 / average.max(1.0));
        Some(frequency.iter().map(|&f| f * (K1 + 1.0) / (f + norm)).sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(rows: &[(&str, &str)]) -> rusqlite::Connection {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        register(&conn).unwrap();
        conn.execute_batch("CREATE VIRTUAL TABLE t USING fts5 (action, heading, tokenize = 'porter unicode61')")
            .unwrap();
        for (action, heading) in rows {
            conn.execute("INSERT INTO t (action, heading) VALUES (?1, ?2)", [action, heading]).unwrap();
        }
        conn
    }

    fn ranked(conn: &rusqlite::Connection, query: &str, rank: &str) -> Vec<i64> {
        let sql = format!("SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY {rank}, rowid");
        let mut stmt = conn.prepare(&sql).unwrap();
        stmt.query_map([query], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    }

    #[test]
    fn one_phrase_is_ranked_as_bm25_ranks_it() {
        let conn = index(&[
            ("to assist developing countries in building capacity on cybersecurity, and to report to Council", ""),
            ("to assist developing countries", "instructs the Director"),
            (
                "to assist developing countries and the least developed countries, in particular developing countries \
              in Africa",
                "",
            ),
            (
                "to report annually to the Council on developing countries and on the work of the study groups, \
              the regional offices, the focal points and the Member States concerned",
                "",
            ),
            ("to report annually to the Council", ""),
        ]);
        for query in ["\"developing countries\"", "cybersecurity", "council"] {
            let ours = ranked(&conn, query, "relevance(t, 4.0, 1.0) DESC");
            let theirs = ranked(&conn, query, "bm25(t, 4.0, 1.0)");
            assert_eq!(ours, theirs, "{query}");
        }
        // Three occurrences in a row of average length before one in a short row, one in a long row last.
        assert_eq!(ranked(&conn, "\"developing countries\"", "relevance(t) DESC"), [3, 2, 1, 4]);
    }

    #[test]
    fn a_word_counts_more_in_a_heavier_column() {
        let conn = index(&[("to report to Council", "instructs the Secretary-General"), ("to instruct staff", "")]);
        let score = |rank: &str| -> Vec<f64> {
            let sql = format!("SELECT {rank} FROM t WHERE t MATCH 'instruct*' ORDER BY rowid");
            let mut stmt = conn.prepare(&sql).unwrap();
            stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
        };
        let light = score("relevance(t, 1.0, 1.0)");
        let heavy_action = score("relevance(t, 4.0, 1.0)");
        assert!(heavy_action[1] > light[1], "{heavy_action:?} {light:?}");
        assert_eq!(heavy_action[0], light[0], "the heading's weight did not change");
        assert!(light.iter().all(|s| *s > 0.0));
    }
}
