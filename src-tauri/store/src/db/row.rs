//! A row read from either backend, and the column types the store reads.

use sqlx::Row as _;
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;

pub(crate) enum Row {
    Sqlite(SqliteRow),
    Postgres(PgRow),
}

impl From<SqliteRow> for Row {
    fn from(row: SqliteRow) -> Self {
        Row::Sqlite(row)
    }
}

impl From<PgRow> for Row {
    fn from(row: PgRow) -> Self {
        Row::Postgres(row)
    }
}

/// A column by name or by position.
#[derive(Clone, Copy)]
pub(crate) enum At<'a> {
    Name(&'a str),
    Index(usize),
}

/// A Rust type a column is read as, the same on both backends.
pub(crate) trait Column: Sized {
    fn read(row: &Row, at: At<'_>) -> Result<Self, sqlx::Error>;
}

macro_rules! native {
    ($($ty:ty),+) => {$(
        impl Column for $ty {
            fn read(row: &Row, at: At<'_>) -> Result<Self, sqlx::Error> {
                match (row, at) {
                    (Row::Sqlite(row), At::Name(name)) => row.try_get(name),
                    (Row::Sqlite(row), At::Index(index)) => row.try_get(index),
                    (Row::Postgres(row), At::Name(name)) => row.try_get(name),
                    (Row::Postgres(row), At::Index(index)) => row.try_get(index),
                }
            }
        }
    )+};
}

native!(
    i64,
    String,
    Vec<u8>,
    Option<i64>,
    Option<String>,
    Option<Vec<u8>>
);

/// Flags are stored as 0/1 on both backends.
impl Column for bool {
    fn read(row: &Row, at: At<'_>) -> Result<Self, sqlx::Error> {
        match i64::read(row, at)? {
            0 => Ok(false),
            1 => Ok(true),
            other => Err(sqlx::Error::Decode(format!("flag {other}").into())),
        }
    }
}

/// Counts and settings, stored as 64-bit integers.
impl Column for u32 {
    fn read(row: &Row, at: At<'_>) -> Result<Self, sqlx::Error> {
        let value = i64::read(row, at)?;
        u32::try_from(value).map_err(|_| sqlx::Error::Decode(format!("count {value}").into()))
    }
}

impl Row {
    pub(crate) fn get<T: Column>(&self, name: &str) -> Result<T, sqlx::Error> {
        T::read(self, At::Name(name))
    }

    pub(crate) fn at<T: Column>(&self, index: usize) -> Result<T, sqlx::Error> {
        T::read(self, At::Index(index))
    }
}
