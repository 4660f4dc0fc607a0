//! The audit trail, append-only (triggers refuse updates and deletes), each entry hash-chained to the one
//! before it in `audit_chain` (see the core's `audit` module for the hash).

use crate::db::{Row, Tx, query};
use async_trait::async_trait;
use ehr_core::application::Actor;
use ehr_core::audit::{ChainHash, GENESIS, chain_hash};
use ehr_core::ports::{AuditAction, AuditEntry, AuditFields, AuditLink, AuditTrail, StoreFailure};
use ehr_core::time::Timestamp;

use crate::{SealedStore, Store, StoreError};

/// Appends `entry` and its chain hash on `conn`, a transaction that may also hold the change it records.
/// The entry is inserted first: once that insert has run, this transaction holds SQLite's write lock (and,
/// in WAL mode, a snapshot no other writer can have moved past), so the previous hash it reads next is the
/// latest one and no other writer can chain from it too. Callers begin with [`Store::begin_write`] anyway,
/// so a transaction that read first does not fail on a stale snapshot.
pub(crate) async fn append_audit(conn: &mut Tx, entry: &AuditEntry) -> Result<(), StoreError> {
    let id: i64 = query(
        "INSERT INTO audit_log (at, user_name, workstation, action, subject) VALUES ($1, $2, $3, $4, $5)
         RETURNING seq",
    )
    .bind(entry.at.millis())
    .bind(&entry.actor.user)
    .bind(&entry.actor.workstation)
    .bind(entry.action.code())
    .bind(&entry.subject)
    .fetch_value(&mut *conn)
    .await?;
    let previous = previous_hash(conn, id).await?;
    append_link(
        conn,
        id,
        &chain_hash(&previous, id, &AuditFields::from(entry)),
    )
    .await
}

/// The hash of the last chained entry before `id`, or the genesis value when there is none.
pub(crate) async fn previous_hash(conn: &mut Tx, id: i64) -> Result<ChainHash, StoreError> {
    let stored: Option<Vec<u8>> =
        query("SELECT hash FROM audit_chain WHERE entry_seq < $1 ORDER BY entry_seq DESC LIMIT 1")
            .bind(id)
            .fetch_scalar(&mut *conn)
            .await?;
    match stored {
        None => Ok(GENESIS),
        // The table's CHECK keeps every hash 32 bytes long; another length is not chained from.
        Some(bytes) => ChainHash::from_slice(&bytes).ok_or(StoreError::AuditChain),
    }
}

pub(crate) async fn append_link(
    conn: &mut Tx,
    id: i64,
    hash: &ChainHash,
) -> Result<(), StoreError> {
    query("INSERT INTO audit_chain (entry_seq, hash) VALUES ($1, $2)")
        .bind(id)
        .bind(hash.as_bytes().as_slice())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

fn fields_of(row: &Row) -> Result<AuditFields, sqlx::Error> {
    Ok(AuditFields {
        at: Timestamp::from_millis(row.get("at")?),
        actor: Actor {
            user: row.get("user_name")?,
            workstation: row.get("workstation")?,
        },
        action: row.get("action")?,
        subject: row.get("subject")?,
    })
}

impl Store {
    /// Every id in either table (an entry without its hash, or a hash whose entry is gone, is a link too, so
    /// the walk can name it), with what each table holds for it.
    async fn read_links(&self, after: i64, limit: u32) -> Result<Vec<AuditLink>, StoreError> {
        let rows = query(
            "WITH ids (id) AS (
                 SELECT seq FROM audit_log WHERE seq > $1
                 UNION SELECT entry_seq FROM audit_chain WHERE entry_seq > $1
                 ORDER BY 1 LIMIT $2)
             SELECT ids.id AS id, log.seq AS seq, log.at AS at, log.user_name AS user_name,
                    log.workstation AS workstation, log.action AS action, log.subject AS subject,
                    chain.hash AS hash
             FROM ids LEFT JOIN audit_log log ON log.seq = ids.id
                      LEFT JOIN audit_chain chain ON chain.entry_seq = ids.id
             ORDER BY ids.id",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let present: Option<i64> = row.get("seq")?;
                Ok(AuditLink {
                    id: row.get("id")?,
                    fields: present.map(|_| fields_of(row)).transpose()?,
                    hash: row.get("hash")?,
                })
            })
            .collect()
    }

    /// Chains the entries an earlier release wrote without a hash, oldest first, once per database: a marker
    /// in `preferences` records it, so an entry slipped in later without its hash (by another program) is
    /// reported by `ehr audit verify` instead of being chained here as if it were genuine.
    pub(crate) async fn chain_unchained_audit_rows(&self) -> Result<(), StoreError> {
        const DONE: &str = "store.audit_chained";
        let marked = "SELECT value FROM preferences WHERE key = $1";
        // Looked for without the write lock first: every later open, read-only commands among them, stops here.
        let done: Option<String> = query(marked).bind(DONE).fetch_scalar(&self.pool).await?;
        if done.is_some() {
            return Ok(());
        }
        // Looked for again under the lock: another process may have chained them in between.
        let mut tx = self.begin_write().await?;
        let done: Option<String> = query(marked).bind(DONE).fetch_scalar(&mut tx).await?;
        if done.is_some() {
            return Ok(());
        }
        let rows = query(
            "SELECT seq, at, user_name, workstation, action, subject FROM audit_log
             WHERE seq NOT IN (SELECT entry_seq FROM audit_chain) ORDER BY seq",
        )
        .fetch_all(&mut tx)
        .await?;
        for row in &rows {
            let id: i64 = row.get("seq")?;
            let previous = previous_hash(&mut tx, id).await?;
            append_link(&mut tx, id, &chain_hash(&previous, id, &fields_of(row)?)).await?;
        }
        query("INSERT INTO preferences (key, value) VALUES ($1, '1')")
            .bind(DONE)
            .execute(&mut tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn read_audit(&self, subject: &str) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = query(
            "SELECT at, user_name, workstation, action, subject FROM audit_log WHERE subject = $1 ORDER BY seq",
        )
        .bind(subject)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let action: String = row.get("action")?;
                Ok(AuditEntry {
                    at: Timestamp::from_millis(row.get("at")?),
                    actor: Actor {
                        user: row.get("user_name")?,
                        workstation: row.get("workstation")?,
                    },
                    action: AuditAction::from_code(&action).ok_or_else(|| {
                        StoreError::Database(sqlx::Error::Decode(
                            format!("unknown audit action {action:?}").into(),
                        ))
                    })?,
                    subject: row.get("subject")?,
                })
            })
            .collect()
    }
}

#[async_trait]
impl AuditTrail for Store {
    async fn record(&self, entry: &AuditEntry) -> Result<(), StoreFailure> {
        let mut tx = self.begin_write().await?;
        append_audit(&mut tx, entry).await?;
        tx.commit().await.map_err(StoreError::from)?;
        Ok(())
    }

    async fn audit_entries(&self, subject: &str) -> Result<Vec<AuditEntry>, StoreFailure> {
        Ok(self.read_audit(subject).await?)
    }

    async fn audit_links(&self, after: i64, limit: u32) -> Result<Vec<AuditLink>, StoreFailure> {
        Ok(self.read_links(after, limit).await?)
    }
}

/// The sealed store's trail is the database's: the same entries, the same chain.
#[async_trait]
impl AuditTrail for SealedStore<'_> {
    async fn record(&self, entry: &AuditEntry) -> Result<(), StoreFailure> {
        Store::record(self, entry).await
    }
    async fn audit_entries(&self, subject: &str) -> Result<Vec<AuditEntry>, StoreFailure> {
        Store::audit_entries(self, subject).await
    }
    async fn audit_links(&self, after: i64, limit: u32) -> Result<Vec<AuditLink>, StoreFailure> {
        Store::audit_links(self, after, limit).await
    }
}
