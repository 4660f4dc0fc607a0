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

/// A column's value whatever its type, for what copies rows without knowing the tables (backups, `ehr db
/// copy`): the schema holds only these kinds, on both backends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    Null,
    Int(i64),
    Text(String),
    Bytes(Vec<u8>),
}

impl Row {
    pub(crate) fn len(&self) -> usize {
        match self {
            Row::Sqlite(row) => row.len(),
            Row::Postgres(row) => row.len(),
        }
    }

    /// The value at `index`, by the type the database reports for it: SQLite's is the value's own storage
    /// class (a table that is not STRICT may hold any), PostgreSQL's the column's.
    pub(crate) fn value(&self, index: usize) -> Result<Value, sqlx::Error> {
        use sqlx::{TypeInfo as _, ValueRef as _};
        let kind = match self {
            Row::Sqlite(row) => {
                let raw = row.try_get_raw(index)?;
                if raw.is_null() {
                    return Ok(Value::Null);
                }
                raw.type_info().name().to_owned()
            }
            Row::Postgres(row) => {
                let raw = row.try_get_raw(index)?;
                if raw.is_null() {
                    return Ok(Value::Null);
                }
                raw.type_info().name().to_owned()
            }
        };
        let at = At::Index(index);
        Ok(match (self, kind.as_str()) {
            (_, "INTEGER" | "INT8") => Value::Int(i64::read(self, at)?),
            (Row::Postgres(row), "INT4") => Value::Int(i64::from(row.try_get::<i32, _>(index)?)),
            (Row::Postgres(row), "INT2") => Value::Int(i64::from(row.try_get::<i16, _>(index)?)),
            (_, "TEXT" | "VARCHAR" | "NAME" | "BPCHAR") => Value::Text(String::read(self, at)?),
            (_, "BLOB" | "BYTEA") => Value::Bytes(Vec::<u8>::read(self, at)?),
            (_, other) => {
                return Err(sqlx::Error::Decode(
                    format!("a column of type {other} is not one the store copies").into(),
                ));
            }
        })
    }
}
