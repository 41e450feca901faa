//! Output of the registry commands: an aligned table for people, JSON and CSV (RFC 4180) for other programs.

use std::io::Write;

use anyhow::Result;
use clap::ValueEnum;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// Something listed as rows: the same columns in the table and in CSV; JSON is the record itself.
pub trait Columns: Serialize {
    const HEADERS: &'static [&'static str];
    /// The columns a table shows, by index into `HEADERS`, to fit a screen; empty for all.
    const TABLE: &'static [usize] = &[];
    fn cells(&self) -> Vec<String>;
}

/// The cells of `cells` that `wanted` names (all when empty).
fn pick(cells: Vec<String>, wanted: &[usize]) -> Vec<String> {
    if wanted.is_empty() {
        return cells;
    }
    wanted.iter().filter_map(|&i| cells.get(i).cloned()).collect()
}

/// The widest a table cell may be before it is cut with "…" (CSV and JSON are never cut).
const MAX_CELL: usize = 70;

pub fn write<T: Columns>(out: &mut impl Write, format: Format, rows: &[T]) -> Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, rows)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut csv = csv::Writer::from_writer(&mut *out);
            csv.write_record(T::HEADERS)?;
            for row in rows {
                csv.write_record(row.cells())?;
            }
            csv.flush()?;
        }
        Format::Table => {
            let headers = pick(T::HEADERS.iter().map(|h| h.to_string()).collect(), T::TABLE);
            let cells: Vec<Vec<String>> =
                rows.iter().map(|r| pick(r.cells(), T::TABLE).iter().map(|c| cut(c)).collect()).collect();
            let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
            for row in &cells {
                for (w, c) in widths.iter_mut().zip(row) {
                    *w = (*w).max(c.chars().count());
                }
            }
            let line = |out: &mut dyn Write, row: &[String]| -> std::io::Result<()> {
                let mut text = String::new();
                for (i, (c, w)) in row.iter().zip(&widths).enumerate() {
                    if i + 1 == row.len() {
                        text.push_str(c);
                    } else {
                        text.push_str(c);
                        text.extend(std::iter::repeat_n(' ', w - c.chars().count() + 2));
                    }
                }
                writeln!(out, "{}", text.trim_end())
            };
            line(out, &headers)?;
            for row in &cells {
                line(out, row)?;
            }
        }
    }
    Ok(())
}

/// One line, at most `MAX_CELL` characters.
fn cut(cell: &str) -> String {
    let one_line = cell.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= MAX_CELL {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(MAX_CELL - 1).collect();
    cut.push('…');
    cut
}
