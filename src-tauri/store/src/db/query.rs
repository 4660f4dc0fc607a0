//! A query with its bound values, run on either backend.

use std::borrow::Cow;

use super::{Row, Target};

/// A value bound to a placeholder. The schema has no other kinds, so none is needed; a NULL keeps its kind,
/// as PostgreSQL wants a typed NULL.
#[derive(Debug, Clone)]
pub(crate) enum Bind {
    Int(Option<i64>),
    Text(Option<String>),
    Bytes(Option<Vec<u8>>),
}

impl From<i64> for Bind {
    fn from(value: i64) -> Self {
        Bind::Int(Some(value))
    }
}
impl From<Option<i64>> for Bind {
    fn from(value: Option<i64>) -> Self {
        Bind::Int(value)
    }
}
impl From<u32> for Bind {
    fn from(value: u32) -> Self {
        Bind::Int(Some(i64::from(value)))
    }
}
/// Flags are 0/1 integers on both backends (the same CHECK on each).
impl From<bool> for Bind {
    fn from(value: bool) -> Self {
        Bind::Int(Some(i64::from(value)))
    }
}
impl From<&str> for Bind {
    fn from(value: &str) -> Self {
        Bind::Text(Some(value.to_owned()))
    }
}
impl From<&String> for Bind {
    fn from(value: &String) -> Self {
        Bind::Text(Some(value.clone()))
    }
}
impl From<String> for Bind {
    fn from(value: String) -> Self {
        Bind::Text(Some(value))
    }
}
impl From<Option<String>> for Bind {
    fn from(value: Option<String>) -> Self {
        Bind::Text(value)
    }
}
impl From<&Option<String>> for Bind {
    fn from(value: &Option<String>) -> Self {
        Bind::Text(value.clone())
    }
}
impl From<&[u8]> for Bind {
    fn from(value: &[u8]) -> Self {
        Bind::Bytes(Some(value.to_vec()))
    }
}
impl From<Vec<u8>> for Bind {
    fn from(value: Vec<u8>) -> Self {
        Bind::Bytes(Some(value))
    }
}
impl From<&Vec<u8>> for Bind {
    fn from(value: &Vec<u8>) -> Self {
        Bind::Bytes(Some(value.clone()))
    }
}

/// SQL in the dialects' shared subset, with `$1`, `$2`, … placeholders, and its values in order.
#[must_use]
pub(crate) struct Query {
    sql: Cow<'static, str>,
    binds: Vec<Bind>,
}

pub(crate) fn query(sql: impl Into<Cow<'static, str>>) -> Query {
    Query {
        sql: sql.into(),
        binds: Vec::new(),
    }
}

macro_rules! bound {
    ($sql:expr, $binds:expr) => {{
        let mut query = sqlx::query($sql);
        for bind in $binds {
            query = match bind {
                Bind::Int(value) => query.bind(value),
                Bind::Text(value) => query.bind(value),
                Bind::Bytes(value) => query.bind(value),
            };
        }
        query
    }};
}

impl Query {
    pub(crate) fn bind(mut self, value: impl Into<Bind>) -> Self {
        self.binds.push(value.into());
        self
    }

    /// Runs the statement; the number of rows it changed.
    pub(crate) async fn execute<'a>(self, on: impl Into<Target<'a>>) -> Result<u64, sqlx::Error> {
        let sql = self.sql.as_ref();
        Ok(match on.into() {
            Target::SqlitePool(pool) => {
                bound!(sql, self.binds).execute(pool).await?.rows_affected()
            }
            Target::Sqlite(conn) => bound!(sql, self.binds).execute(conn).await?.rows_affected(),
            Target::PostgresPool(pool) => {
                bound!(sql, self.binds).execute(pool).await?.rows_affected()
            }
            Target::Postgres(conn) => bound!(sql, self.binds).execute(conn).await?.rows_affected(),
        })
    }

    pub(crate) async fn fetch_all<'a>(
        self,
        on: impl Into<Target<'a>>,
    ) -> Result<Vec<Row>, sqlx::Error> {
        let sql = self.sql.as_ref();
        Ok(match on.into() {
            Target::SqlitePool(pool) => rows(bound!(sql, self.binds).fetch_all(pool).await?),
            Target::Sqlite(conn) => rows(bound!(sql, self.binds).fetch_all(conn).await?),
            Target::PostgresPool(pool) => rows(bound!(sql, self.binds).fetch_all(pool).await?),
            Target::Postgres(conn) => rows(bound!(sql, self.binds).fetch_all(conn).await?),
        })
    }

    pub(crate) async fn fetch_optional<'a>(
        self,
        on: impl Into<Target<'a>>,
    ) -> Result<Option<Row>, sqlx::Error> {
        let sql = self.sql.as_ref();
        Ok(match on.into() {
            Target::SqlitePool(pool) => bound!(sql, self.binds)
                .fetch_optional(pool)
                .await?
                .map(Row::from),
            Target::Sqlite(conn) => bound!(sql, self.binds)
                .fetch_optional(conn)
                .await?
                .map(Row::from),
            Target::PostgresPool(pool) => bound!(sql, self.binds)
                .fetch_optional(pool)
                .await?
                .map(Row::from),
            Target::Postgres(conn) => bound!(sql, self.binds)
                .fetch_optional(conn)
                .await?
                .map(Row::from),
        })
    }

    pub(crate) async fn fetch_one<'a>(self, on: impl Into<Target<'a>>) -> Result<Row, sqlx::Error> {
        self.fetch_optional(on)
            .await?
            .ok_or(sqlx::Error::RowNotFound)
    }

    /// The first column of the only row there must be.
    pub(crate) async fn fetch_value<'a, T: super::Column>(
        self,
        on: impl Into<Target<'a>>,
    ) -> Result<T, sqlx::Error> {
        self.fetch_one(on).await?.at(0)
    }

    /// The first column of the first row, if there is a row.
    pub(crate) async fn fetch_scalar<'a, T: super::Column>(
        self,
        on: impl Into<Target<'a>>,
    ) -> Result<Option<T>, sqlx::Error> {
        self.fetch_optional(on)
            .await?
            .map(|row| row.at(0))
            .transpose()
    }
}

fn rows<R: Into<Row>>(rows: Vec<R>) -> Vec<Row> {
    rows.into_iter().map(Into::into).collect()
}

impl Bind {
    /// `value` bound as itself; a NULL as the column's kind (PostgreSQL wants a typed NULL).
    pub(crate) fn value(value: super::Value, null_as: Kind) -> Bind {
        use super::Value;
        match value {
            Value::Int(v) => Bind::Int(Some(v)),
            Value::Text(v) => Bind::Text(Some(v)),
            Value::Bytes(v) => Bind::Bytes(Some(v)),
            Value::Null => match null_as {
                Kind::Int => Bind::Int(None),
                Kind::Text => Bind::Text(None),
                Kind::Bytes => Bind::Bytes(None),
            },
        }
    }
}

/// A column's declared kind: one of the three the schema uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Int,
    Text,
    Bytes,
}
