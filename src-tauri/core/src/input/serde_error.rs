//! serde's error messages turned into issues. serde reports through `de::Error` with fixed wordings
//! (`invalid type: {what was given}, expected {what the type wants}`); what was given quotes the value, what the
//! type wants and the field names come from our types. Only the latter are kept.

use super::walk::{at, safe_key};
use crate::issue::{ErrorCode, Issue};

/// The issue for serde's `message` about the value at `path` (the field that was being decoded).
pub(super) fn issue(message: &str, path: String) -> Issue {
    let message = message.trim();
    if let Some(code) = ErrorCode::from_code(message) {
        // A newtype refused the value by its own rule (`validation.hkid.check_digit`): its code, at its field.
        return at(Issue::new(code), &path);
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        // `unknown field `facs`, expected one of ...`: the key is the user's; named only if it is a plain one.
        let key = rest
            .rsplit_once("`, expected")
            .or_else(|| rest.rsplit_once("`, there are no fields"))
            .map(|(key, _)| key)
            .and_then(safe_key);
        return match key {
            Some(key) => {
                let field = if path.is_empty() || path.ends_with(key) {
                    path.clone()
                } else {
                    format!("{path}.{key}")
                };
                at(Issue::new(ErrorCode::InputUnknownField), &field).with("key", key)
            }
            // serde_path_to_error ends the path with the key, shown as `?`: the field is the object holding it.
            None => {
                let object = path.strip_suffix("?").unwrap_or(&path);
                let object = object.strip_suffix('.').unwrap_or(object);
                at(Issue::new(ErrorCode::InputUnknownField), object).with("key", "?")
            }
        };
    }
    if let Some(key) = quoted(message, "missing field `") {
        let field = if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        };
        return Issue::new(ErrorCode::InputMissingField).at(field);
    }
    if let Some(key) = quoted(message, "duplicate field `") {
        let field = if path.ends_with(key) || path.is_empty() {
            path.clone()
        } else {
            format!("{path}.{key}")
        };
        return at(Issue::new(ErrorCode::InputDuplicateField), &field);
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let allowed = rest
            .rsplit_once("`, expected ")
            .map(|(_, expected)| {
                expected
                    .trim_start_matches("one of ")
                    .replace(" or ", ", ")
                    .replace('`', "")
            })
            .unwrap_or_default();
        return at(Issue::new(ErrorCode::InputUnknownVariant), &path).with("allowed", allowed);
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        // The last ", expected " is ours: the value before it may itself contain those words.
        if let Some((given, expected)) = rest.rsplit_once(", expected ") {
            let (given, expected) = (given_kind(given), expected_kind(expected));
            if given == "array" && expected == "object" {
                return at(Issue::new(ErrorCode::InputNotAnObject), &path);
            }
            return at(Issue::new(ErrorCode::InputWrongType), &path)
                .with("expected", expected)
                .with("given", given);
        }
    }
    at(Issue::new(ErrorCode::InputInvalidValue), &path)
}

/// The text between `prefix` and the closing backtick, when the message is exactly that.
fn quoted<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    message.strip_prefix(prefix)?.strip_suffix('`')
}

/// The JSON kind of what was given, from serde's `Unexpected` wording (`integer `5``, `string "..."`).
fn given_kind(given: &str) -> &'static str {
    let starts = |prefix: &str| given.starts_with(prefix);
    if starts("boolean") {
        "boolean"
    } else if starts("integer") || starts("floating point") {
        "number"
    } else if starts("string") || starts("character") {
        "string"
    } else if starts("sequence") {
        "array"
    } else if starts("map") {
        "object"
    } else if starts("unit") || starts("null") || starts("Option") {
        "null"
    } else {
        "value"
    }
}

/// The JSON kind a type wants, from its `Expected` wording (`a string`, `struct HslInput`, `u32`).
fn expected_kind(expected: &str) -> &'static str {
    let has = |word: &str| expected.contains(word);
    if has("struct") || has("map") || has("object") {
        "object"
    } else if has("sequence") || has("array") || has("tuple") || has("list") {
        "array"
    } else if has("bool") {
        "boolean"
    } else if has("string") || has("char") {
        "string"
    } else if has("integer")
        || has("number")
        || has("float")
        || [
            "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "f32", "f64", "usize",
        ]
        .contains(&expected)
    {
        "number"
    } else if has("unit") || has("null") {
        "null"
    } else {
        "value"
    }
}
