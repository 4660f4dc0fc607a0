//! The record parser is total: whatever bytes a card (or a broken reader) hands over, the answer is fields or
//! a typed failure — never a panic. Case count: `EHR_PROPTEST_CASES` (default 2000).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

use ehr_card::profile::{parse_record, tag};
use ehr_core::ports::CardFailure;
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("EHR_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

fn encode(fields: &[(u8, Vec<u8>)]) -> Vec<u8> {
    let mut body = Vec::new();
    for (tag, value) in fields {
        body.push(*tag);
        body.push(u8::try_from(value.len()).unwrap());
        body.extend_from_slice(value);
    }
    let mut record = vec![1];
    record.extend_from_slice(&u16::try_from(body.len()).unwrap().to_be_bytes());
    record.extend(body);
    record
}

/// Text fields of up to 40 characters (any Unicode, so up to 160 bytes: always fits one length byte).
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), 0..40).prop_map(|c| c.into_iter().collect())
}

fn date() -> impl Strategy<Value = String> {
    "[0-9]{8}"
}

/// A well-formed record: the seven fields in any order, optional ones sometimes absent, extensions mixed in.
fn record() -> impl Strategy<Value = (Vec<(u8, Vec<u8>)>, [String; 7])> {
    (
        [
            text().boxed(),
            text().boxed(),
            text().boxed(),
            text().boxed(),
            date().boxed(),
            text().boxed(),
            date().boxed(),
        ],
        proptest::collection::vec(any::<bool>(), 3),
        proptest::collection::vec(
            (0x80u8..=0xFF, proptest::collection::vec(any::<u8>(), 0..20)),
            0..3,
        ),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(values, present, extensions, rotation)| {
            let mut values = values;
            let optional = [tag::GIVEN_NAME, tag::CHINESE_NAME, tag::DATE_OF_ISSUE];
            let mut fields = Vec::new();
            for (index, value) in values.iter_mut().enumerate() {
                let tag = u8::try_from(index + 1).unwrap();
                let keep = optional
                    .iter()
                    .position(|t| *t == tag)
                    .is_none_or(|i| present[i]);
                if keep {
                    fields.push((tag, value.as_bytes().to_vec()));
                } else {
                    value.clear();
                }
            }
            fields.extend(extensions);
            let by = rotation.index(fields.len());
            fields.rotate_left(by);
            (fields, values)
        })
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(prop::sample::Index, u8),
    Insert(prop::sample::Index, u8),
    Remove(prop::sample::Index),
    Truncate(prop::sample::Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<prop::sample::Index>(), 1u8..=255).prop_map(|(i, x)| Mutation::Flip(i, x)),
        (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<prop::sample::Index>().prop_map(Mutation::Remove),
        any::<prop::sample::Index>().prop_map(Mutation::Truncate),
    ]
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        if bytes.is_empty() {
            break;
        }
        match m {
            Mutation::Flip(i, x) => {
                let i = i.index(bytes.len());
                bytes[i] ^= x;
            }
            Mutation::Insert(i, b) => bytes.insert(i.index(bytes.len() + 1), *b),
            Mutation::Remove(i) => {
                bytes.remove(i.index(bytes.len()));
            }
            Mutation::Truncate(i) => bytes.truncate(i.index(bytes.len())),
        }
    }
    bytes
}

/// Parse and validate: must return, whatever the bytes.
fn judge(bytes: &[u8]) -> Result<(), CardFailure> {
    let raw = parse_record(bytes)?;
    raw.validate().map(drop).map_err(CardFailure::InvalidFields)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_give_an_answer(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = judge(&bytes);
    }

    #[test]
    fn arbitrary_bodies_behind_a_valid_header_give_an_answer(
        body in proptest::collection::vec(any::<u8>(), 0..400)
    ) {
        let mut bytes = vec![1];
        bytes.extend_from_slice(&u16::try_from(body.len()).unwrap().to_be_bytes());
        bytes.extend(body);
        match judge(&bytes) {
            Ok(()) | Err(CardFailure::Malformed { step: "parse record", .. } | CardFailure::InvalidFields(_)) => {}
            Err(other) => prop_assert!(false, "unexpected failure {other:?}"),
        }
    }

    #[test]
    fn well_formed_records_give_back_every_field((fields, values) in record()) {
        let raw = parse_record(&encode(&fields)).unwrap();
        let [hkid, surname, given, chinese, birth, sex, issue] = values;
        let dashed = |d: &str| if d.is_empty() { String::new() } else { format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..]) };
        prop_assert_eq!(raw.hkid, hkid);
        prop_assert_eq!(raw.english_surname, surname);
        prop_assert_eq!(raw.english_given_name, given);
        prop_assert_eq!(raw.chinese_name, chinese);
        prop_assert_eq!(raw.date_of_birth, dashed(&birth));
        prop_assert_eq!(raw.sex, sex);
        prop_assert_eq!(raw.date_of_issue, dashed(&issue));
    }

    #[test]
    fn mutated_records_give_an_answer(
        (fields, _) in record(),
        mutations in proptest::collection::vec(mutation(), 1..6),
    ) {
        let _ = judge(&apply(encode(&fields), &mutations));
    }
}
