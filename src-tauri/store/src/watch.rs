//! Changes made by other workstations (and other processes on this one), so that what a person sees is
//! re-read without a restart. PostgreSQL announces each change by table and id (`LISTEN ehr_changes`, see
//! migration 0003); SQLite says only that the file changed (`PRAGMA data_version`, polled on a connection of
//! its own). Nothing personal is in a notice: the watcher re-reads the record through the store.

use std::time::Duration;

use sqlx::Connection;
use sqlx::postgres::PgListener;
use sqlx::sqlite::SqliteConnection;
use tokio::sync::mpsc;

use crate::db::Pool;
use crate::{Store, StoreError};

/// What changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Application(String),
    Patient(String),
    /// Some HCP's staff list (announced once per statement: an import adds thousands of rows in one).
    Staff,
    /// Some User Account Creation Request.
    AccountRequest,
    /// Some amendment.
    Amendment,
    /// Something changed, unknown what (SQLite; or PostgreSQL after the connection was lost, when notices
    /// may have been missed): re-read whatever is shown.
    Unknown,
}

/// How often SQLite's file is looked at.
const POLL: Duration = Duration::from_secs(1);

impl Store {
    /// A feed of changes, until the receiver is dropped. Own changes are announced too (the feed cannot
    /// tell them apart); re-reading them is harmless.
    pub async fn watch(&self) -> Result<mpsc::Receiver<Change>, StoreError> {
        let (send, receive) = mpsc::channel(64);
        match &self.pool {
            Pool::Postgres(pool) => {
                let mut listener = PgListener::connect_with(pool).await?;
                listener.listen("ehr_changes").await?;
                tokio::spawn(async move {
                    loop {
                        let change = match listener.try_recv().await {
                            Ok(Some(notice)) => parse(notice.payload()),
                            // The connection was lost and is being made again: notices may be missed.
                            Ok(None) => Change::Unknown,
                            Err(_) => {
                                tokio::time::sleep(POLL).await;
                                Change::Unknown
                            }
                        };
                        if send.send(change).await.is_err() {
                            return;
                        }
                    }
                });
            }
            Pool::Sqlite(pool) => {
                // data_version is per connection: it moves when another connection commits.
                let options = pool.connect_options().as_ref().clone();
                let mut connection = SqliteConnection::connect_with(&options).await?;
                let mut seen = data_version(&mut connection).await?;
                tokio::spawn(async move {
                    loop {
                        tokio::time::sleep(POLL).await;
                        if send.is_closed() {
                            return;
                        }
                        let Ok(now) = data_version(&mut connection).await else {
                            continue;
                        };
                        if now != seen {
                            seen = now;
                            if send.send(Change::Unknown).await.is_err() {
                                return;
                            }
                        }
                    }
                });
            }
        }
        Ok(receive)
    }
}

async fn data_version(connection: &mut SqliteConnection) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("PRAGMA data_version")
        .fetch_one(connection)
        .await
}

fn parse(payload: &str) -> Change {
    match payload.split_once(':') {
        Some(("applications", id)) => Change::Application(id.to_owned()),
        Some(("patients", id)) => Change::Patient(id.to_owned()),
        Some(("staff", _)) => Change::Staff,
        Some(("account_requests", _)) => Change::AccountRequest,
        Some(("amendments", _)) => Change::Amendment,
        _ => Change::Unknown,
    }
}
