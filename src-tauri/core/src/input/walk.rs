//! Walks over a parsed JSON value: the bounds every input has, the arrays given for objects, and field paths
//! in the UI's style (`hsls[1].included`).

use serde_json::Value;
use serde_path_to_error::Segment;

use crate::issue::{ErrorCode, Issue};
use crate::limits::{LIST_MAX_ITEMS, TEXT_MAX_CHARS};

/// A key fit to show in a path or a message: a short identifier such as `addressLine2` or `Included`. Anything
/// else (spaces, brackets, many digits — a name, an HKID or a phone number typed as a key) is not shown.
pub(super) fn safe_key(key: &str) -> Option<&str> {
    let mut chars = key.chars();
    let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let identifier = key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let digits = key.chars().filter(char::is_ascii_digit).count();
    (starts_with_letter && identifier && digits <= 2 && key.len() <= 40).then_some(key)
}

fn join(path: &str, key: &str) -> String {
    let key = safe_key(key).unwrap_or("?");
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// The path serde_path_to_error tracked, in the UI's style, unsafe keys shown as `?`.
pub(super) fn path_of(path: &serde_path_to_error::Path) -> String {
    let segments: Vec<&Segment> = path.iter().collect();
    text_of(&segments)
}

pub(super) fn text_of(segments: &[&Segment]) -> String {
    let mut text = String::new();
    for segment in segments {
        match segment {
            Segment::Seq { index } => text.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => text = join(&text, key),
            Segment::Unknown => text = join(&text, "?"),
        }
    }
    text
}

/// Every text longer than [`TEXT_MAX_CHARS`] and every list or object larger than [`LIST_MAX_ITEMS`].
/// (or than `list_max` says for the list at that path).
pub(super) fn bounds(value: &Value, list_max: fn(&str) -> Option<usize>) -> Vec<Issue> {
    let mut issues = Vec::new();
    visit(value, "", list_max, &mut issues);
    issues
}

/// The issue at `path`; the whole input has no path.
pub(super) fn at(issue: Issue, path: &str) -> Issue {
    if path.is_empty() {
        issue
    } else {
        issue.at(path)
    }
}

fn visit(value: &Value, path: &str, list_max: fn(&str) -> Option<usize>, issues: &mut Vec<Issue>) {
    let too_many = |max: usize| at(Issue::new(ErrorCode::InputTooManyItems), path).with("max", max);
    match value {
        Value::String(text) if text.chars().count() > TEXT_MAX_CHARS => issues
            .push(at(Issue::new(ErrorCode::InputTextTooLong), path).with("max", TEXT_MAX_CHARS)),
        Value::Array(items) => {
            let max = list_max(path).unwrap_or(LIST_MAX_ITEMS);
            if items.len() > max {
                issues.push(too_many(max));
                return;
            }
            for (index, item) in items.iter().enumerate() {
                visit(item, &format!("{path}[{index}]"), list_max, issues);
            }
        }
        Value::Object(members) if members.len() > LIST_MAX_ITEMS => {
            issues.push(too_many(LIST_MAX_ITEMS))
        }
        Value::Object(members) => {
            for (key, member) in members {
                let inner = join(path, key);
                if key.chars().count() > TEXT_MAX_CHARS {
                    issues.push(
                        at(Issue::new(ErrorCode::InputTextTooLong), &inner)
                            .with("max", TEXT_MAX_CHARS),
                    );
                } else {
                    visit(member, &inner, list_max, issues);
                }
            }
        }
        _ => {}
    }
}

/// The value at `segments` in `value`, mutable.
pub(super) fn at_path<'v>(value: &'v mut Value, segments: &[&Segment]) -> Option<&'v mut Value> {
    segments
        .iter()
        .try_fold(value, |value, segment| match segment {
            Segment::Seq { index } => value.get_mut(*index),
            Segment::Map { key } => value.get_mut(key.as_str()),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
}

/// Where `input` has an array and the decoded value (`typed`, serialised back) an object: a struct filled by
/// position. Compared member by member and item by item; the first such place.
pub(super) fn array_for_object(input: &Value, typed: &Value) -> Option<String> {
    fn compare(input: &Value, typed: &Value, path: &str) -> Option<String> {
        match (input, typed) {
            (Value::Array(_), Value::Object(_)) => Some(path.to_owned()),
            (Value::Array(inputs), Value::Array(typeds)) => inputs
                .iter()
                .zip(typeds)
                .enumerate()
                .find_map(|(i, (a, b))| compare(a, b, &format!("{path}[{i}]"))),
            (Value::Object(inputs), Value::Object(typeds)) => inputs.iter().find_map(|(key, a)| {
                typeds
                    .get(key)
                    .and_then(|b| compare(a, b, &join(path, key)))
            }),
            _ => None,
        }
    }
    compare(input, typed, "")
}
