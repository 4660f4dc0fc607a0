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
        return unknown_field(rest, &path);
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

/// `unknown field `facs`, expected one of `nameEn`, ...`: the key is the user's, so it is named (in the path,
/// with the field it resembles) only when it is a plain key close to one of the type's fields — a misspelling
/// or a wrong case. Anything else may be data typed as a key (a name, an HKID number) and is not repeated.
fn unknown_field(rest: &str, path: &str) -> Issue {
    // serde_path_to_error ends the path with the key (as `?` when it is not a plain one).
    let object = path
        .rsplit_once('.')
        .map(|(object, _)| object)
        .unwrap_or("");
    let object = if path.contains('.') { object } else { "" };
    let (key, expected) = match rest.rsplit_once("`, expected ") {
        Some((key, expected)) => (key, expected),
        None => (rest.split('`').next().unwrap_or_default(), ""),
    };
    let fields = expected
        .trim_start_matches("one of ")
        .split(['`', ',', ' '])
        .filter(|f| !f.is_empty() && *f != "or");
    let closest = safe_key(key).and_then(|key| {
        fields
            .map(|field| (distance(&key.to_lowercase(), &field.to_lowercase()), field))
            .filter(|(d, _)| *d <= if key.len() < 4 { 1 } else { 2 })
            .min()
            .map(|(_, field)| (key, field))
    });
    match closest {
        Some((key, field)) => {
            let path = if object.is_empty() {
                key.to_owned()
            } else {
                format!("{object}.{key}")
            };
            Issue::new(ErrorCode::InputUnknownField)
                .at(path)
                .with("suggestion", field)
        }
        None => at(Issue::new(ErrorCode::InputUnexpectedKey), object),
    }
}

/// Levenshtein distance, for the few short keys of one object.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
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
