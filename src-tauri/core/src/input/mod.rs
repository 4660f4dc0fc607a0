//! The one strict way JSON comes in — CLI files, package members, IPC arguments: bounded in size before it is
//! parsed, a Windows Notepad BOM accepted, unknown keys (`deny_unknown_fields` on every input type), wrong
//! types and arrays in place of objects refused, each with its JSON path (`hsls[1].included`) and a code —
//! never with the value, which serde's own messages quote (`invalid type: integer 1234563`).

mod serde_error;
mod walk;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::CoreError;
use crate::issue::{ErrorCode, Issue};
use crate::limits::JSON_MAX_BYTES;

/// A type's own list limits, tighter than [`crate::limits::LIST_MAX_ITEMS`]: e.g. at most
/// [`crate::limits::HSLS_MAX`] locations on a form. Checked on the parsed JSON, before it is decoded.
pub trait Bounded {
    /// The most items the list at `path` (`hsls`, `userInformation.administrators`) may hold, if tighter.
    fn list_max(path: &str) -> Option<usize> {
        let _ = path;
        None
    }
}

/// Text arguments (a search, a note): only the bounds every input has.
impl Bounded for String {}
impl Bounded for Option<String> {}

/// Why an input was refused: issues with codes, paths and limits, never values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError(pub Vec<Issue>);

impl InputError {
    fn one(issue: Issue) -> Self {
        InputError(vec![issue])
    }

    pub fn issues(&self) -> &[Issue] {
        &self.0
    }
}

/// `input.unknown_field at hsls[1].Included`: codes and paths only, so it is safe in any message or log.
impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let described: Vec<String> = self
            .0
            .iter()
            .map(|issue| match &issue.field {
                Some(field) => format!("{} at {field}", issue.code),
                None => issue.code.to_string(),
            })
            .collect();
        f.write_str(&described.join(", "))
    }
}

impl std::error::Error for InputError {}

impl From<InputError> for CoreError {
    fn from(error: InputError) -> Self {
        CoreError::Invalid(error.0)
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes a JSON document (a file's bytes) into `T`, strictly.
pub fn decode<T>(bytes: &[u8]) -> Result<T, InputError>
where
    T: DeserializeOwned + Serialize + Bounded,
{
    if bytes.len() > JSON_MAX_BYTES {
        return Err(InputError::one(
            Issue::new(ErrorCode::InputTooLarge).with("max", JSON_MAX_BYTES),
        ));
    }
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let value: Value = serde_json::from_slice(bytes).map_err(|error| {
        // Syntax errors name a place, not a value; serde_json's message is not kept.
        InputError::one(
            Issue::new(ErrorCode::InputSyntax)
                .with("line", error.line())
                .with("column", error.column()),
        )
    })?;
    decode_value(value)
}

/// Decodes an already parsed JSON value into `T`, strictly (what IPC arguments are).
pub fn decode_value<T>(value: Value) -> Result<T, InputError>
where
    T: DeserializeOwned + Serialize + Bounded,
{
    let issues = walk::bounds(&value, T::list_max);
    if !issues.is_empty() {
        return Err(InputError(issues));
    }
    let decoded: T = serde_path_to_error::deserialize(&value).map_err(|error| {
        let issue = array_for_object_on_the_way::<T>(&value, error.path()).unwrap_or_else(|| {
            serde_error::issue(&error.inner().to_string(), walk::path_of(error.path()))
        });
        InputError::one(issue)
    })?;
    // A derived struct also accepts a JSON array, mapping it to fields by position: refused here, where the
    // input has an array and the type an object.
    let typed = serde_json::to_value(&decoded)
        .map_err(|_| InputError::one(Issue::new(ErrorCode::Internal)))?;
    if let Some(path) = walk::array_for_object(&value, &typed) {
        return Err(InputError::one(walk::at(
            Issue::new(ErrorCode::InputNotAnObject),
            &path,
        )));
    }
    Ok(decoded)
}

/// When decoding failed inside an array, whether the type wanted an object there (an array given by position
/// whose items do not fit the fields): the array is replaced with `{}` and decoded again — if the type takes
/// that, it wanted an object.
fn array_for_object_on_the_way<T: DeserializeOwned>(
    value: &Value,
    failed_at: &serde_path_to_error::Path,
) -> Option<Issue> {
    let segments: Vec<&serde_path_to_error::Segment> = failed_at.iter().collect();
    (0..segments.len()).find_map(|end| {
        let prefix = &segments[..end];
        let mut probe = value.clone();
        let slot = walk::at_path(&mut probe, prefix)?;
        if !slot.is_array() {
            return None;
        }
        *slot = Value::Object(serde_json::Map::new());
        let wanted_object = match serde_path_to_error::deserialize::<_, T>(&probe) {
            Ok(_) => true,
            Err(again) => {
                let same_place = again.path().iter().count() == end;
                !(same_place && again.inner().to_string().starts_with("invalid type: map"))
            }
        };
        wanted_object.then(|| {
            walk::at(
                Issue::new(ErrorCode::InputNotAnObject),
                &walk::text_of(prefix),
            )
        })
    })
}

/// Checks a value that was decoded elsewhere (by Tauri, for IPC) against every input bound.
pub fn within_bounds<T: Serialize + Bounded>(value: &T) -> Result<(), InputError> {
    let as_json = serde_json::to_value(value)
        .map_err(|_| InputError::one(Issue::new(ErrorCode::Internal)))?;
    let issues = walk::bounds(&as_json, T::list_max);
    if issues.is_empty() {
        Ok(())
    } else {
        Err(InputError(issues))
    }
}

#[cfg(test)]
mod tests;
