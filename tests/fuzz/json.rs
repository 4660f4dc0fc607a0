//! The JSON forms (the CLI's `--input` files, the IPC arguments, `application.json` inside a package):
//! structure-aware mutations of the samples — keys misspelled or in the wrong case, values of the wrong type,
//! arrays in place of objects, junk and oversized text, broken syntax, a BOM — must each give a worded
//! refusal that echoes no value of the input, and anything accepted must survive a round trip.

use std::fmt::Debug;

use ehr_core::application::ApplicationDraft;
use ehr_core::application::ApplicationForm;
use ehr_core::application::sample::{application_form, submitted_application};
use ehr_core::input::Bounded;
use ehr_core::patient::{PatientForm, sample_patient_form};
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::budget::fuzz;
use crate::bytes::{apply, mutations};
use crate::regressions;

/// The product's one strict decoder; on a refusal, everything a person (or a log) could be shown of it.
pub fn decode<T: DeserializeOwned + Serialize + Bounded>(bytes: &[u8]) -> Result<T, String> {
    ehr_core::input::decode(bytes)
        .map_err(|error| format!("{error} {}", serde_json::to_string(error.issues()).unwrap()))
}

#[derive(Debug, Clone)]
pub enum Rename {
    /// `included` → `Included`: the wrong case.
    Capitalise,
    /// `address` → `adress`: a letter dropped.
    DropLetter(prop::sample::Index),
    Suffix(String),
}

#[derive(Debug, Clone)]
pub enum JsonOp {
    Replace(prop::sample::Index, Value),
    RenameKey(prop::sample::Index, Rename),
    Remove(prop::sample::Index),
    AddKey(prop::sample::Index, String, Value),
    /// An object's values in order, as an array: serde's derived structs would map them by position.
    ObjectToArray(prop::sample::Index),
    WrapInArray(prop::sample::Index),
    /// An array element repeated many times: lists must be bounded.
    Repeat(prop::sample::Index, usize),
}

fn junk_text() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(any::<char>(), 0..30).prop_map(|c| c.into_iter().collect()),
        // Full-width forms from Chinese input methods, controls, zero-width and bidi characters.
        "[０-９Ａ-Ｚ（）　]{1,12}",
        "[a-z]{2,6}[\u{0}-\u{1f}\u{200b}-\u{200f}\u{202a}-\u{202e}\u{feff}][a-z]{2,6}",
        "[😀-🙏가-힣ا-ي𠀀-𠀿]{1,6}",
        (1usize..200_000).prop_map(|n| "x".repeat(n)),
    ]
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        junk_text().prop_map(Value::String),
    ]
}

fn any_value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map("[a-zA-Z]{1,10}", inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

pub fn json_op() -> impl Strategy<Value = JsonOp> {
    let index = any::<prop::sample::Index>;
    prop_oneof![
        (index(), any_value()).prop_map(|(i, v)| JsonOp::Replace(i, v)),
        (
            index(),
            prop_oneof![
                Just(Rename::Capitalise),
                index().prop_map(Rename::DropLetter),
                "[a-zA-Z0-9]{1,3}".prop_map(Rename::Suffix),
            ]
        )
            .prop_map(|(i, r)| JsonOp::RenameKey(i, r)),
        index().prop_map(JsonOp::Remove),
        (index(), "[a-zA-Z]{1,12}", any_value()).prop_map(|(i, k, v)| JsonOp::AddKey(i, k, v)),
        index().prop_map(JsonOp::ObjectToArray),
        index().prop_map(JsonOp::WrapInArray),
        (index(), 2usize..3000).prop_map(|(i, n)| JsonOp::Repeat(i, n)),
    ]
}

/// The most a repeat may add: four times the decoder's bound, so oversized inputs are still generated.
const REPEAT_BYTES_MAX: usize = 4 * ehr_core::limits::JSON_MAX_BYTES;

/// Every node's JSON pointer, the root first.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let key = key.replace('~', "~0").replace('/', "~1");
                pointers(child, format!("{at}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{index}"), out);
            }
        }
        _ => {}
    }
}

fn pick<'a, T>(items: &'a [T], index: &prop::sample::Index) -> Option<&'a T> {
    (!items.is_empty()).then(|| &items[index.index(items.len())])
}

fn nodes_where(value: &Value, keep: impl Fn(&Value) -> bool) -> Vec<String> {
    let mut all = Vec::new();
    pointers(value, String::new(), &mut all);
    all.into_iter()
        .filter(|p| value.pointer(p).is_some_and(&keep))
        .collect()
}

pub fn apply_json(mut value: Value, ops: &[JsonOp]) -> Value {
    for op in ops {
        match op {
            JsonOp::Replace(i, new) => {
                if let Some(node) = pick_node(&mut value, |_| true, i) {
                    *node = new.clone();
                }
            }
            JsonOp::RenameKey(i, rename) => with_member(&mut value, i, |map, key| {
                if let Some(moved) = map.remove(key) {
                    map.insert(renamed(key, rename), moved);
                }
            }),
            JsonOp::Remove(i) => with_member(&mut value, i, |map, key| {
                map.remove(key);
            }),
            JsonOp::AddKey(i, key, new) => with_member(&mut value, i, |map, _| {
                map.insert(key.clone(), new.clone());
            }),
            JsonOp::ObjectToArray(i) => {
                if let Some(node) = pick_node(&mut value, Value::is_object, i) {
                    let values = node
                        .as_object()
                        .map(|map| map.values().cloned().collect())
                        .unwrap_or_default();
                    *node = Value::Array(values);
                }
            }
            JsonOp::WrapInArray(i) => {
                if let Some(node) = pick_node(&mut value, |_| true, i) {
                    *node = Value::Array(vec![node.take()]);
                }
            }
            JsonOp::Repeat(i, times) => {
                let non_empty = |v: &Value| v.as_array().is_some_and(|a| !a.is_empty());
                if let Some(Value::Array(items)) = pick_node(&mut value, non_empty, i) {
                    let first = items[0].clone();
                    // Enough to pass every bound several times over, never gigabytes: an element that an
                    // earlier op made large, repeated, would otherwise exhaust the machine (a run was killed
                    // at 24 GB) long before the decoder could refuse it.
                    let one = serde_json::to_vec(&first).map_or(1, |bytes| bytes.len().max(1));
                    let times = (*times).min(REPEAT_BYTES_MAX / one).max(1);
                    items.extend(std::iter::repeat_n(first, times));
                }
            }
        }
    }
    value
}

/// One node of `value` that `keep` keeps, picked by `index`.
fn pick_node<'a>(
    value: &'a mut Value,
    keep: impl Fn(&Value) -> bool,
    index: &prop::sample::Index,
) -> Option<&'a mut Value> {
    let pointer = pick(&nodes_where(value, keep), index)?.clone();
    value.pointer_mut(&pointer)
}

/// Calls `change` with one object of `value` and one of its keys, both picked by `index`.
fn with_member(
    value: &mut Value,
    index: &prop::sample::Index,
    change: impl FnOnce(&mut serde_json::Map<String, Value>, &str),
) {
    let non_empty = |v: &Value| v.as_object().is_some_and(|m| !m.is_empty());
    if let Some(Value::Object(map)) = pick_node(value, non_empty, index) {
        let keys: Vec<String> = map.keys().cloned().collect();
        if let Some(key) = pick(&keys, index).cloned() {
            change(map, &key);
        }
    }
}

fn renamed(key: &str, rename: &Rename) -> String {
    match rename {
        Rename::Capitalise => {
            let mut chars = key.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
        Rename::DropLetter(at) => {
            let mut chars: Vec<char> = key.chars().collect();
            if chars.len() > 1 {
                chars.remove(at.index(chars.len()));
            }
            chars.into_iter().collect()
        }
        Rename::Suffix(suffix) => format!("{key}{suffix}"),
    }
}

/// The input's texts that could be personal data: every string of 6 characters or more that is not a code
/// and every long number. None of them may be echoed in a refusal.
fn sensitive(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(text) => {
            // Codes (`group_practice`, `dateOfBirth`, `application/pdf`) begin lower-case and hold no space
            // or `@`; names begin with a capital.
            let code = text.starts_with(|c: char| c.is_ascii_lowercase())
                && text
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_-/.".contains(c));
            if text.chars().count() >= 6 && !code {
                out.push(text.clone());
            }
        }
        Value::Number(number) => {
            let digits = number.to_string();
            if digits.len() >= 6 {
                out.push(digits);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| sensitive(item, out)),
        Value::Object(map) => map.values().for_each(|item| sensitive(item, out)),
        _ => {}
    }
}

/// How the mutated JSON reaches the decoder: as typed, with broken bytes, or behind a BOM.
#[derive(Debug, Clone)]
enum Framing {
    Plain,
    Bom,
    Bytes(Vec<crate::bytes::Mutation>),
}

fn framing() -> impl Strategy<Value = Framing> {
    prop_oneof![
        4 => Just(Framing::Plain),
        1 => Just(Framing::Bom),
        2 => mutations(4).prop_map(Framing::Bytes),
    ]
}

fn check<T>(sample: &Value, ops: &[JsonOp], framing: &Framing) -> Result<(), TestCaseError>
where
    T: DeserializeOwned + Serialize + Bounded + PartialEq + Debug,
{
    let mutated = apply_json(sample.clone(), ops);
    let text = serde_json::to_vec(&mutated).unwrap();
    let bytes = match framing {
        Framing::Plain => text,
        Framing::Bom => [b"\xEF\xBB\xBF".as_slice(), &text].concat(),
        Framing::Bytes(mutations) => apply(text, mutations),
    };
    match decode::<T>(&bytes) {
        Ok(decoded) => {
            let again = serde_json::to_vec(&decoded).unwrap();
            let back: T =
                decode(&again).map_err(|e| TestCaseError::fail(format!("round trip: {e}")))?;
            prop_assert_eq!(back, decoded);
        }
        Err(shown) => {
            let mut values = Vec::new();
            sensitive(&mutated, &mut values);
            sensitive(sample, &mut values);
            if let Some(leak) = values.iter().find(|v| shown.contains(v.as_str())) {
                return Err(TestCaseError::fail(format!(
                    "the refusal echoes an input value ({} characters): {shown}",
                    leak.chars().count()
                )));
            }
        }
    }
    Ok(())
}

fn target<T>(regressions: &'static str, sample: Value)
where
    T: DeserializeOwned + Serialize + Bounded + PartialEq + Debug,
{
    fuzz(
        regressions,
        (proptest::collection::vec(json_op(), 1..5), framing()),
        move |(ops, framing)| check::<T>(&sample, &ops, &framing),
    );
}

#[test]
fn application_forms() {
    target::<ApplicationForm>(
        regressions!("json-application-form"),
        serde_json::to_value(application_form()).unwrap(),
    );
}

#[test]
fn patient_forms() {
    target::<PatientForm>(
        regressions!("json-patient-form"),
        serde_json::to_value(sample_patient_form()).unwrap(),
    );
}

#[test]
fn applications_inside_packages() {
    target::<ApplicationDraft>(
        regressions!("json-application-draft"),
        serde_json::to_value(submitted_application()).unwrap(),
    );
}
