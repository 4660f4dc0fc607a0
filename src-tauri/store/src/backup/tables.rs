//! The tables a backup holds, in one list, and what the database's own catalog says of them: their columns
//! and kinds, and whether a table is empty. Read from the catalog rather than written out per table, so a
//! new table needs only its name added to [`TABLES`] (a test fails while a table is missing from it).

use crate::StoreError;
use crate::db::{Kind, Target, Tx, query};

/// Every table of the office's data, parents before children (a restore inserts in this order, so every
/// foreign key finds its row). sqlx's `_sqlx_migrations` is not one: a target is migrated by its own
/// dialect's migrations.
pub const TABLES: &[&str] = &[
    "office",
    "security_settings",
    "accounts",
    "account_roles",
    "office_key_wraps",
    "preferences",
    "applications",
    "application_documents",
    "application_history",
    "patients",
    "patient_terms",
    "staff",
    "account_requests",
    "account_request_history",
    "amendments",
    "amendment_history",
    "audit_log",
    "audit_chain",
];

/// Preferences the store writes for itself (one-time upgrade markers), not the office's data: an empty
/// database may hold them, and a restore takes the backup's instead.
pub(crate) const STORE_MARKERS: &str = "store.%";

/// A table's name or a column's, quoted for SQL (the names come from [`TABLES`] and the catalog; quoting is
/// for the odd spelling, not for untrusted text).
pub(crate) fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The columns a backup copies, in the table's order, with their kinds. PostgreSQL's `rowid` (an identity
/// GENERATED ALWAYS, standing in for SQLite's implicit one) is left out on both sides: each database numbers
/// its own rows.
pub(crate) async fn columns(tx: &mut Tx, table: &str) -> Result<Vec<(String, Kind)>, StoreError> {
    let sql = match tx {
        Tx::Sqlite(_) => "SELECT name, type FROM pragma_table_info($1) ORDER BY cid",
        Tx::Postgres(_) => {
            "SELECT column_name::text, data_type::text FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'
               AND COALESCE(identity_generation::text, '') <> 'ALWAYS'
             ORDER BY ordinal_position"
        }
    };
    let rows = query(sql).bind(table).fetch_all(&mut *tx).await?;
    rows.iter()
        .map(|row| {
            let name: String = row.at(0)?;
            let declared: String = row.at(1)?;
            let kind = kind_of(&declared).ok_or_else(|| StoreError::BackupSchemaMismatch {
                table: table.to_owned(),
            })?;
            Ok((name, kind))
        })
        .collect()
}

/// SQLite's affinity rules, and PostgreSQL's type names, for the three kinds the schema uses.
fn kind_of(declared: &str) -> Option<Kind> {
    let upper = declared.to_ascii_uppercase();
    if upper.contains("INT") {
        Some(Kind::Int)
    } else if upper.contains("TEXT") || upper.contains("CHAR") || upper.contains("CLOB") {
        Some(Kind::Text)
    } else if upper.contains("BLOB") || upper == "BYTEA" {
        Some(Kind::Bytes)
    } else {
        None
    }
}

/// Whether rows can be read in rowid order: SQLite's own, or PostgreSQL's stand-in for it where the table
/// has one (not exported, but it keeps the rows in the order they were added).
pub(crate) async fn has_rowid(tx: &mut Tx, table: &str) -> Result<bool, StoreError> {
    match tx {
        Tx::Sqlite(_) => Ok(true),
        Tx::Postgres(_) => Ok(query(
            "SELECT COUNT(*) FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'rowid'",
        )
        .bind(table)
        .fetch_value::<i64>(&mut *tx)
        .await?
            > 0),
    }
}

/// Rows in `table` (the store's own markers in `preferences` not counted).
pub(crate) async fn count<'a>(on: impl Into<Target<'a>>, table: &str) -> Result<u64, StoreError> {
    let sql = if table == "preferences" {
        format!("SELECT COUNT(*) FROM preferences WHERE key NOT LIKE '{STORE_MARKERS}'")
    } else {
        format!("SELECT COUNT(*) FROM {}", quoted(table))
    };
    let n: i64 = query(sql).fetch_value(on).await?;
    Ok(u64::try_from(n).unwrap_or_default())
}

/// The first table of [`TABLES`] that holds data, if any.
pub(crate) async fn first_non_empty(tx: &mut Tx) -> Result<Option<&'static str>, StoreError> {
    for table in TABLES {
        if count(&mut *tx, table).await? > 0 {
            return Ok(Some(table));
        }
    }
    Ok(None)
}

/// The highest migration applied.
pub(crate) async fn schema_version(tx: &mut Tx) -> Result<i64, StoreError> {
    Ok(crate::db::migrate::applied(tx)
        .await?
        .last()
        .copied()
        .unwrap_or_default())
}

/// Every table in the database's schema but sqlx's and SQLite's own: what [`TABLES`] must list.
pub(crate) async fn schema_tables(tx: &mut Tx) -> Result<Vec<String>, StoreError> {
    let sql = match tx {
        Tx::Sqlite(_) => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
               AND name <> '_sqlx_migrations' ORDER BY name"
        }
        Tx::Postgres(_) => {
            "SELECT table_name::text FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
               AND table_name <> '_sqlx_migrations' ORDER BY 1"
        }
    };
    let rows = query(sql).fetch_all(&mut *tx).await?;
    Ok(rows.iter().map(|row| row.at(0)).collect::<Result<_, _>>()?)
}

/// Moves PostgreSQL's identity sequences past the values a restore inserted, so the next row the store
/// adds does not collide with a copied seq. (SQLite's AUTOINCREMENT follows inserted values by itself.)
pub(crate) async fn move_sequences_past(tx: &mut Tx, table: &str) -> Result<(), StoreError> {
    if !matches!(tx, Tx::Postgres(_)) {
        return Ok(());
    }
    let identities = query(
        "SELECT column_name::text FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1 AND is_identity = 'YES'",
    )
    .bind(table)
    .fetch_all(&mut *tx)
    .await?;
    for row in identities {
        let column: String = row.at(0)?;
        let sql = format!(
            "SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX({c}), 0) + 1, false) FROM {t}",
            c = quoted(&column),
            t = quoted(table)
        );
        query(sql)
            .bind(quoted(table))
            .bind(column)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}
