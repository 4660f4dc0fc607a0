//! Writing a backup: every table of [`TABLES`], read generically from one snapshot.

use std::io::Write;

use ehr_core::time::Timestamp;

use super::format::{FORMAT, FORMAT_VERSION, Header, RowLine, TableHeader, Typed};
use super::tables::{self, TABLES, quoted};
use crate::StoreError;
use crate::db::{Pool, query};

/// Rows read per query: a few documents' worth, so memory stays bounded whatever the table's size.
const PAGE: i64 = 100;

/// Writes the whole database to `out` from one snapshot (a save made meanwhile is either wholly in the
/// file or not at all). The header first, with each table's row count; then the rows.
pub(crate) async fn export(
    pool: &Pool,
    out: &mut (dyn Write + Send),
    now: Timestamp,
    path: &str,
) -> Result<Header, StoreError> {
    let io = |source| StoreError::BackupFile {
        path: path.to_owned(),
        source,
    };
    let mut tx = pool.begin_snapshot().await?;
    let mut plan = Vec::new();
    for table in TABLES {
        let columns = tables::columns(&mut tx, table).await?;
        let rows: i64 = query(format!("SELECT COUNT(*) FROM {}", quoted(table)))
            .fetch_value(&mut tx)
            .await?;
        let order = if tables::has_rowid(&mut tx, table).await? {
            "rowid"
        } else {
            "ctid"
        };
        plan.push((
            table,
            columns,
            u64::try_from(rows).unwrap_or_default(),
            order,
        ));
    }
    let header = Header {
        format: FORMAT.to_owned(),
        format_version: FORMAT_VERSION,
        schema_version: tables::schema_version(&mut tx).await?,
        backend: pool.backend().into(),
        created_at: now.to_rfc3339(),
        tables: plan
            .iter()
            .map(|(table, columns, rows, _)| TableHeader {
                name: (**table).to_owned(),
                columns: columns.iter().map(|(name, _)| name.clone()).collect(),
                rows: *rows,
            })
            .collect(),
    };
    serde_json::to_writer(&mut *out, &header)?;
    out.write_all(b"\n").map_err(io)?;
    for (table, columns, rows, order) in &plan {
        let list: Vec<String> = columns.iter().map(|(name, _)| quoted(name)).collect();
        let sql = format!(
            "SELECT {} FROM {} ORDER BY {order} LIMIT $1 OFFSET $2",
            list.join(", "),
            quoted(table)
        );
        let mut offset = 0_i64;
        while u64::try_from(offset).unwrap_or_default() < *rows {
            let page = query(sql.clone())
                .bind(PAGE)
                .bind(offset)
                .fetch_all(&mut tx)
                .await?;
            if page.is_empty() {
                break;
            }
            for row in &page {
                let values = (0..row.len())
                    .map(|i| row.value(i).map(Typed))
                    .collect::<Result<Vec<_>, _>>()?;
                let line = RowLine {
                    table: (**table).to_owned(),
                    values,
                };
                serde_json::to_writer(&mut *out, &line)?;
                out.write_all(b"\n").map_err(io)?;
            }
            offset += PAGE;
        }
    }
    out.flush().map_err(io)?;
    // Read-only: ending it changes nothing.
    tx.commit().await?;
    Ok(header)
}
