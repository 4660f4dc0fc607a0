//! Reading a backup into an empty database: the header checked, then every row inserted in one
//! transaction, so a refused or damaged file leaves the target as it was.

use std::collections::HashMap;
use std::io::{BufRead, Read};

use super::format::{FORMAT, FORMAT_VERSION, Header, MAX_LINE, RowLine};
use super::tables::{self, STORE_MARKERS, TABLES, quoted};
use crate::StoreError;
use crate::db::{Bind, Kind, Pool, query};

/// Rows per table, as inserted.
pub type Counts = Vec<(String, u64)>;

/// One line of at most [`MAX_LINE`] bytes, without its newline; `None` at the end of the file.
fn next_line(input: &mut dyn BufRead, number: u64) -> Result<Option<Vec<u8>>, StoreError> {
    let mut line = Vec::new();
    let read = Read::take(&mut *input, MAX_LINE + 1)
        .read_until(b'\n', &mut line)
        .map_err(|_| StoreError::BackupUnreadable { line: number })?;
    if read == 0 {
        return Ok(None);
    }
    if line.last() == Some(&b'\n') {
        line.pop();
    } else if u64::try_from(line.len()).unwrap_or(u64::MAX) > MAX_LINE {
        return Err(StoreError::BackupUnreadable { line: number });
    }
    Ok(Some(line))
}

/// Reads the header and checks that this release can restore it into a `target` database.
pub(crate) fn read_header(
    input: &mut dyn BufRead,
    target: crate::Backend,
    known: i64,
) -> Result<Header, StoreError> {
    let unreadable = StoreError::BackupUnreadable { line: 1 };
    let line = next_line(input, 1)?.ok_or(StoreError::BackupUnreadable { line: 1 })?;
    let header: Header = serde_json::from_slice(&line).map_err(|_| unreadable)?;
    if header.format != FORMAT || header.format_version > FORMAT_VERSION {
        return Err(StoreError::BackupUnreadable { line: 1 });
    }
    // Versions compare within a dialect only; across dialects the columns decide (below).
    if header.backend == target.into() && header.schema_version > known {
        return Err(StoreError::NewerThanApp {
            version: header.schema_version,
        });
    }
    Ok(header)
}

/// Inserts every row of `input` (after its header) into `pool`, which must hold no office data. One
/// transaction with the writers' lock: all of it or nothing.
pub(crate) async fn import(
    pool: &Pool,
    header: &Header,
    input: &mut dyn BufRead,
) -> Result<Counts, StoreError> {
    let mut tx = pool.begin_write().await?;
    if let Some(table) = tables::first_non_empty(&mut tx).await? {
        return Err(StoreError::TargetNotEmpty { table });
    }
    query(format!(
        "DELETE FROM preferences WHERE key LIKE '{STORE_MARKERS}'"
    ))
    .execute(&mut tx)
    .await?;

    // Each table of the backup, with its insert and the kind of each column, checked against the target.
    let mut plans = Vec::new();
    for table in &header.tables {
        // Only names this release knows reach an error message: the file's own text could be anything.
        let Some(known) = TABLES.iter().find(|t| **t == table.name) else {
            return Err(StoreError::BackupSchemaMismatch { table: "?".into() });
        };
        let target: HashMap<String, Kind> =
            tables::columns(&mut tx, known).await?.into_iter().collect();
        let kinds = table
            .columns
            .iter()
            .map(|column| target.get(column).copied())
            .collect::<Option<Vec<Kind>>>()
            .ok_or_else(|| StoreError::BackupSchemaMismatch {
                table: (*known).to_owned(),
            })?;
        let names: Vec<String> = table.columns.iter().map(|c| quoted(c)).collect();
        let places: Vec<String> = (1..=names.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            quoted(known),
            names.join(", "),
            places.join(", ")
        );
        plans.push((*known, sql, kinds, table.rows));
    }

    let mut counts: Counts = Vec::new();
    let mut number = 1_u64;
    let mut at = 0_usize;
    let mut done = 0_u64;
    loop {
        number += 1;
        let Some(line) = next_line(input, number)? else {
            break;
        };
        let row: RowLine = serde_json::from_slice(&line)
            .map_err(|_| StoreError::BackupUnreadable { line: number })?;
        // Rows come table by table, in the header's order, each table's count in full.
        while at < plans.len() && (plans[at].0 != row.table || done == plans[at].3) {
            if done != plans[at].3 {
                return Err(incomplete(&plans[at], done));
            }
            counts.push((plans[at].0.to_owned(), done));
            at += 1;
            done = 0;
        }
        let Some((_, sql, kinds, _)) = plans.get(at) else {
            return Err(StoreError::BackupUnreadable { line: number });
        };
        if row.values.len() != kinds.len() {
            return Err(StoreError::BackupUnreadable { line: number });
        }
        let mut insert = query(sql.clone());
        for (value, kind) in row.values.into_iter().zip(kinds) {
            insert = insert.bind(Bind::value(value.0, *kind));
        }
        insert.execute(&mut tx).await?;
        done += 1;
    }
    while at < plans.len() {
        if done != plans[at].3 {
            return Err(incomplete(&plans[at], done));
        }
        counts.push((plans[at].0.to_owned(), done));
        at += 1;
        done = 0;
    }
    for table in TABLES {
        tables::move_sequences_past(&mut tx, table).await?;
    }
    tx.commit().await?;
    Ok(counts)
}

fn incomplete(plan: &(&str, String, Vec<Kind>, u64), found: u64) -> StoreError {
    StoreError::BackupIncomplete {
        table: plan.0.to_owned(),
        expected: plan.3,
        found,
    }
}
