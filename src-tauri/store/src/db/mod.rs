//! The backend-neutral way the store talks to its database: one pool, transaction, query and row type over
//! SQLite and PostgreSQL, so every query and every row mapping is written once. Only what the schema uses
//! crosses it — 64-bit integers, text and bytes, each possibly NULL — and SQL is written in the subset both
//! dialects share (`$1` placeholders, `ON CONFLICT`, `RETURNING`); what differs (opening, migrations, the
//! writer's lock) lives in [`sqlite`] and [`postgres`].

pub(crate) mod migrate;
mod postgres;
mod query;
mod row;
mod sqlite;

pub(crate) use postgres::PostgresOptions;
pub(crate) use query::query;
pub(crate) use query::{Bind, Kind};
pub(crate) use row::{Column, Row, Value};

use sqlx::{PgPool, Postgres, Sqlite, SqlitePool};

/// Which database a store is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub(crate) enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

pub(crate) enum Tx {
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    Postgres(sqlx::Transaction<'static, Postgres>),
}

/// Where a query runs: on the pool (a connection of its own) or inside a transaction.
pub(crate) enum Target<'a> {
    SqlitePool(&'a SqlitePool),
    PostgresPool(&'a PgPool),
    Sqlite(&'a mut sqlx::SqliteConnection),
    Postgres(&'a mut sqlx::PgConnection),
}

impl<'a> From<&'a Pool> for Target<'a> {
    fn from(pool: &'a Pool) -> Self {
        match pool {
            Pool::Sqlite(pool) => Target::SqlitePool(pool),
            Pool::Postgres(pool) => Target::PostgresPool(pool),
        }
    }
}

impl<'a> From<&'a mut Tx> for Target<'a> {
    fn from(tx: &'a mut Tx) -> Self {
        match tx {
            Tx::Sqlite(tx) => Target::Sqlite(tx),
            Tx::Postgres(tx) => Target::Postgres(tx),
        }
    }
}

impl Pool {
    pub(crate) fn backend(&self) -> Backend {
        match self {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// A transaction that holds the database's one writer's lock from its first statement, so that a
    /// transaction that reads before it writes (a version check, the audit chain's last hash) cannot be
    /// overtaken by another writer between the two. An office writes a few rows a minute: one writer at a time
    /// costs nothing and keeps the audit chain a single line on both backends.
    pub(crate) async fn begin_write(&self) -> Result<Tx, sqlx::Error> {
        match self {
            Pool::Sqlite(pool) => sqlite::begin_write(pool).await.map(Tx::Sqlite),
            Pool::Postgres(pool) => postgres::begin_write(pool).await.map(Tx::Postgres),
        }
    }

    /// A read-only transaction on one snapshot of the whole database, for an export: PostgreSQL's
    /// REPEATABLE READ; SQLite's (WAL) read transaction, whose snapshot is taken at its first read.
    pub(crate) async fn begin_snapshot(&self) -> Result<Tx, sqlx::Error> {
        match self {
            Pool::Sqlite(pool) => pool.begin().await.map(Tx::Sqlite),
            Pool::Postgres(pool) => pool
                .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .await
                .map(Tx::Postgres),
        }
    }

    /// Brings the schema up to this release's last migration, all or nothing (see [`migrate`]).
    pub(crate) async fn migrate(&self) -> Result<migrate::Migrated, crate::StoreError> {
        migrate::run(self, &migrate::migrator(self.backend())).await
    }

    pub(crate) async fn close(&self) {
        match self {
            Pool::Sqlite(pool) => pool.close().await,
            Pool::Postgres(pool) => pool.close().await,
        }
    }
}

impl Tx {
    pub(crate) async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await,
            Tx::Postgres(tx) => tx.commit().await,
        }
    }
}

pub(crate) use postgres::connect as connect_postgres;
pub(crate) use postgres::unreachable as postgres_unreachable;
pub(crate) use sqlite::connect as connect_sqlite;
