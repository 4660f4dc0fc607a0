//! What an HCP/HSL amendment changes, "before → after": every field of the registered form that differs from
//! the proposed one, by the form's own field paths, and a summary of what that amounts to.

use std::collections::BTreeSet;

use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::application::{ApplicationForm, HslInput, PersonInput, Step, UserInformationInput};
use crate::coded::coded_enum;
use crate::limits::{ADMINISTRATORS_MAX, HSLS_MAX};
use crate::validation::Hkid;

coded_enum! {
    pub enum FieldChangeKind {
        /// A value where there was none: a field filled in, or a field of an added person or location.
        Added = "added",
        /// No value where there was one.
        Removed = "removed",
        Changed = "changed",
    }
}

/// One field that differs. `before` and `after` are the values as typed, trimmed (codes as codes, a check
/// box as `true` or `false`); `None` for no value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FieldChange {
    /// The form's field path, as an issue's (`userInformation.administrators[0].nameEn`).
    pub path: String,
    pub step: Step,
    pub kind: FieldChangeKind,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The most changes two forms can differ by: every field of every list at its longest.
pub const CHANGES_MAX: usize = 13 + (ADMINISTRATORS_MAX + 1) * 6 + HSLS_MAX * 12 + 3;

/// A form flattened to its fields, in the order the form declares them (serde's order, which a JSON map
/// would lose).
enum Node {
    Value(Option<String>),
    List(Vec<Node>),
    Object(Vec<(String, Node)>),
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a form")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Value(Some(v.to_string())))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Value(Some(v.to_string())))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Value(Some(v.to_string())))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Value(Some(v.to_string())))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        let trimmed = v.trim();
        Ok(Node::Value(
            (!trimmed.is_empty()).then(|| trimmed.to_owned()),
        ))
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Value(None))
    }
    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Value(None))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut members = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Node>()? {
            members.push((key, value));
        }
        Ok(Node::Object(members))
    }
}

fn flattened(form: &ApplicationForm) -> Node {
    // Serialising a derived struct of strings and booleans cannot fail; were it to, the form would read as
    // empty and every field as changed — never as "no change".
    serde_json::to_string(form)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(Node::Object(Vec::new()))
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn change(path: String, before: Option<String>, after: Option<String>) -> Option<FieldChange> {
    let kind = match (&before, &after) {
        (None, None) => return None,
        (Some(b), Some(a)) if b == a => return None,
        (None, Some(_)) => FieldChangeKind::Added,
        (Some(_), None) => FieldChangeKind::Removed,
        (Some(_), Some(_)) => FieldChangeKind::Changed,
    };
    Some(FieldChange {
        step: Step::of_field(&path),
        path,
        kind,
        before,
        after,
    })
}

/// Every value under `node`, as added (`after`) or removed: a person or location that is new or gone.
fn one_side(node: &Node, path: &str, added: bool, out: &mut Vec<FieldChange>) {
    match node {
        Node::Value(value) => {
            let (before, after) = if added {
                (None, value.clone())
            } else {
                (value.clone(), None)
            };
            out.extend(change(path.to_owned(), before, after));
        }
        Node::List(items) => {
            for (index, item) in items.iter().enumerate() {
                one_side(item, &format!("{path}[{index}]"), added, out);
            }
        }
        Node::Object(members) => {
            for (key, member) in members {
                one_side(member, &join(path, key), added, out);
            }
        }
    }
}

fn compare(before: &Node, after: &Node, path: &str, out: &mut Vec<FieldChange>) {
    match (before, after) {
        (Node::Value(b), Node::Value(a)) => {
            out.extend(change(path.to_owned(), b.clone(), a.clone()))
        }
        // Lists by index: what is past the end of one list was added or removed.
        (Node::List(b), Node::List(a)) => {
            for index in 0..b.len().max(a.len()) {
                let at = format!("{path}[{index}]");
                match (b.get(index), a.get(index)) {
                    (Some(b), Some(a)) => compare(b, a, &at, out),
                    (Some(b), None) => one_side(b, &at, false, out),
                    (None, Some(a)) => one_side(a, &at, true, out),
                    (None, None) => {}
                }
            }
        }
        (Node::Object(b), Node::Object(a)) => {
            for (key, b_member) in b {
                let at = join(path, key);
                match a.iter().find(|(k, _)| k == key) {
                    Some((_, a_member)) => compare(b_member, a_member, &at, out),
                    None => one_side(b_member, &at, false, out),
                }
            }
            for (key, a_member) in a {
                if !b.iter().any(|(k, _)| k == key) {
                    one_side(a_member, &join(path, key), true, out);
                }
            }
        }
        // Two forms have one shape; were they not to, the old value went and the new one came.
        (b, a) => {
            one_side(b, path, false, out);
            one_side(a, path, true, out);
        }
    }
}

/// Every field that differs between the registered form and the proposed one, in the form's order. Values
/// are compared trimmed (white space around a value is no change); lists are compared by index, and a person
/// or location added or removed appears as one added or removed entry per field that has a value.
pub fn changes(before: &ApplicationForm, after: &ApplicationForm) -> Vec<FieldChange> {
    let mut out = Vec::new();
    compare(&flattened(before), &flattened(after), "", &mut out);
    out
}

coded_enum! {
    /// What an amendment does, as the Registration Office's forms name it.
    pub enum AmendmentEffect {
        HcpDetailsChanged = "hcp_details_changed",
        HslDetailsChanged = "hsl_details_changed",
        HslAdded = "hsl_added",
        HslRemoved = "hsl_removed",
        /// An HSL's contact (its telephone number) changed.
        HslContactChanged = "hsl_contact_changed",
        UserAdministratorAdded = "user_administrator_added",
        UserAdministratorReplaced = "user_administrator_replaced",
        UserAdministratorRemoved = "user_administrator_removed",
        /// The same administrator, other contact details (position, phone, email, a corrected name).
        UserAdministratorChanged = "user_administrator_changed",
        AuthorisedPersonReplaced = "authorised_person_replaced",
        AuthorisedPersonChanged = "authorised_person_changed",
    }
}

/// Whether two entries for one place on the form are two people: their HKIDs differ, or — when either has
/// none (an authorised person need not give one) — their English names do.
fn other_person(before: &PersonInput, after: &PersonInput) -> bool {
    let hkid = |raw: &str| {
        Hkid::parse(raw)
            .map(|h| h.as_str().to_owned())
            .unwrap_or_else(|_| raw.trim().to_uppercase())
    };
    let (b, a) = (hkid(&before.hkid), hkid(&after.hkid));
    if b.is_empty() || a.is_empty() {
        before.name_en.trim().to_uppercase() != after.name_en.trim().to_uppercase()
    } else {
        b != a
    }
}

/// What the changes between the two forms amount to, each once, in the order of [`AmendmentEffect`].
pub fn effects(before: &ApplicationForm, after: &ApplicationForm) -> Vec<AmendmentEffect> {
    use AmendmentEffect::*;
    let found = changes(before, after);
    let under = |prefix: &str| -> Vec<&FieldChange> {
        found
            .iter()
            .filter(|c| c.path.starts_with(prefix))
            .collect()
    };
    let mut effects = BTreeSet::new();
    if !under(&format!(
        "{}.",
        crate::application::HcpInformationInput::SECTION
    ))
    .is_empty()
    {
        effects.insert(HcpDetailsChanged);
    }

    let administrators = format!("{}.administrators", UserInformationInput::SECTION);
    let (b_admins, a_admins) = (
        &before.user_information.administrators,
        &after.user_information.administrators,
    );
    for index in 0..b_admins.len().max(a_admins.len()) {
        if under(&format!("{administrators}[{index}].")).is_empty() {
            continue;
        }
        effects.insert(match (b_admins.get(index), a_admins.get(index)) {
            (Some(b), Some(a)) if other_person(b, a) => UserAdministratorReplaced,
            (Some(_), Some(_)) => UserAdministratorChanged,
            (Some(_), None) => UserAdministratorRemoved,
            _ => UserAdministratorAdded,
        });
    }
    if !under(&format!(
        "{}.authorisedPerson.",
        UserInformationInput::SECTION
    ))
    .is_empty()
    {
        let (b, a) = (
            &before.user_information.authorised_person,
            &after.user_information.authorised_person,
        );
        effects.insert(if other_person(b, a) {
            AuthorisedPersonReplaced
        } else {
            AuthorisedPersonChanged
        });
    }

    for index in 0..before.hsls.len().max(after.hsls.len()) {
        let prefix = format!("{}[{index}].", HslInput::SECTION);
        let changed = under(&prefix);
        if changed.is_empty() {
            continue;
        }
        match (before.hsls.get(index), after.hsls.get(index)) {
            (None, _) => {
                effects.insert(HslAdded);
            }
            (_, None) => {
                effects.insert(HslRemoved);
            }
            // A location included in the registration, or no longer, is one added or removed.
            (Some(b), Some(a)) if !b.included && a.included => {
                effects.insert(HslAdded);
            }
            (Some(b), Some(a)) if b.included && !a.included => {
                effects.insert(HslRemoved);
            }
            (Some(_), Some(_)) => {
                for c in changed {
                    let field = c.path.trim_start_matches(&prefix);
                    effects.insert(if field == "phone" {
                        HslContactChanged
                    } else {
                        HslDetailsChanged
                    });
                }
            }
        }
    }
    effects.into_iter().collect()
}
