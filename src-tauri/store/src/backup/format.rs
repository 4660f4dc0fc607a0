//! The backup file: JSON lines. The first line is the header (what the file is, where it came from, and
//! how many rows of which columns each table has); then one line per row, tables in the header's order.
//! Documented in docs/backup-format.md.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::db::Value;

/// What the header's `format` says: this is an eHR Desk backup.
pub(crate) const FORMAT: &str = "ehr-desk-backup";
/// Raised when a reader of an older release could not read the file right.
pub(crate) const FORMAT_VERSION: u32 = 1;
/// The longest line read (a row with a document's content, base64): a package carries documents well
/// under this, so a longer line is damage, refused before it fills memory.
pub(crate) const MAX_LINE: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum BackendName {
    Sqlite,
    Postgres,
}

impl From<crate::Backend> for BackendName {
    fn from(backend: crate::Backend) -> Self {
        match backend {
            crate::Backend::Sqlite => BackendName::Sqlite,
            crate::Backend::Postgres => BackendName::Postgres,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Header {
    pub(crate) format: String,
    pub(crate) format_version: u32,
    /// The highest migration applied to the source, in its own dialect's numbering.
    pub(crate) schema_version: i64,
    pub(crate) backend: BackendName,
    /// RFC 3339, UTC.
    pub(crate) created_at: String,
    pub(crate) tables: Vec<TableHeader>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TableHeader {
    pub(crate) name: String,
    pub(crate) columns: Vec<String>,
    pub(crate) rows: u64,
}

/// One row: its table, and its values in the header's column order.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RowLine {
    pub(crate) table: String,
    pub(crate) values: Vec<Typed>,
}

/// A value as JSON, its type told by its shape: a number is an integer, a string text, `{"b64": "…"}`
/// bytes, `null` a NULL. Sealed values are bytes: they stay sealed.
#[derive(Debug)]
pub(crate) struct Typed(pub(crate) Value);

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Bytes {
    b64: String,
}

impl Serialize for Typed {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Value::Null => serializer.serialize_none(),
            Value::Int(v) => serializer.serialize_i64(*v),
            Value::Text(v) => serializer.serialize_str(v),
            Value::Bytes(v) => Bytes {
                b64: STANDARD.encode(v),
            }
            .serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Typed {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Shape {
            Int(i64),
            Text(String),
            Bytes(Bytes),
            Null(()),
        }
        Ok(Typed(match Shape::deserialize(deserializer)? {
            Shape::Int(v) => Value::Int(v),
            Shape::Text(v) => Value::Text(v),
            Shape::Bytes(Bytes { b64 }) => Value::Bytes(
                STANDARD
                    .decode(b64)
                    .map_err(|_| D::Error::custom("bytes that are not base64"))?,
            ),
            Shape::Null(()) => Value::Null,
        }))
    }
}
