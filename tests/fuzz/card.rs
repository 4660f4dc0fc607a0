//! The card's identity record (docs/test-card-profile.md): whatever bytes a card or a broken reader hands
//! over, the parser answers fields or a typed failure — never a panic, never part of a record — and a failure
//! never carries the card's data.

use ehr_card::profile::{parse_record, tag};
use ehr_core::ports::CardFailure;
use proptest::prelude::*;

use crate::budget::fuzz;
use crate::bytes::{apply, mutations};
use crate::regressions;

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

/// Parse and validate: must return, whatever the bytes.
fn judge(bytes: &[u8]) -> Result<(), CardFailure> {
    let raw = parse_record(bytes)?;
    raw.validate().map(drop).map_err(CardFailure::InvalidFields)
}

/// A failure names what is wrong, never what the card holds: no field value of 8 characters or more (short
/// ones could match the wording by chance) appears in it.
fn leaks(failure: &CardFailure, values: &[String]) -> Option<String> {
    let shown = format!("{failure} {failure:?}");
    values
        .iter()
        .filter(|value| value.chars().count() >= 8)
        .find(|value| shown.contains(value.as_str()))
        .cloned()
}

#[test]
fn arbitrary_bytes_give_an_answer() {
    fuzz(
        regressions!("card-arbitrary-bytes"),
        proptest::collection::vec(any::<u8>(), 0..600),
        |bytes| {
            let _ = judge(&bytes);
            Ok(())
        },
    );
}

#[test]
fn arbitrary_bodies_behind_a_valid_header_give_an_answer() {
    fuzz(
        regressions!("card-arbitrary-bodies"),
        proptest::collection::vec(any::<u8>(), 0..400),
        |body| {
            let mut bytes = vec![1];
            bytes.extend_from_slice(&u16::try_from(body.len()).unwrap().to_be_bytes());
            bytes.extend(body);
            match judge(&bytes) {
                Ok(())
                | Err(
                    CardFailure::Malformed {
                        step: "parse record",
                        ..
                    }
                    | CardFailure::InvalidFields(_),
                ) => Ok(()),
                Err(other) => Err(TestCaseError::fail(format!("unexpected failure {other:?}"))),
            }
        },
    );
}

#[test]
fn well_formed_records_give_back_every_field() {
    fuzz(
        regressions!("card-well-formed"),
        record(),
        |(fields, values)| {
            let raw = parse_record(&encode(&fields)).unwrap();
            let [hkid, surname, given, chinese, birth, sex, issue] = values.clone();
            let dashed = |d: &str| {
                if d.is_empty() {
                    String::new()
                } else {
                    format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..])
                }
            };
            prop_assert_eq!(&raw.hkid, &hkid);
            prop_assert_eq!(&raw.english_surname, &surname);
            prop_assert_eq!(&raw.english_given_name, &given);
            prop_assert_eq!(&raw.chinese_name, &chinese);
            prop_assert_eq!(&raw.date_of_birth, &dashed(&birth));
            prop_assert_eq!(&raw.sex, &sex);
            prop_assert_eq!(&raw.date_of_issue, &dashed(&issue));
            if let Err(issues) = raw.validate() {
                let failure = CardFailure::InvalidFields(issues);
                prop_assert_eq!(leaks(&failure, &values), None);
            }
            Ok(())
        },
    );
}

#[test]
fn mutated_records_give_an_answer_that_holds_no_card_data() {
    fuzz(
        regressions!("card-mutated"),
        (record(), mutations(6)),
        |((fields, values), mutations)| {
            if let Err(failure) = judge(&apply(encode(&fields), &mutations)) {
                prop_assert_eq!(leaks(&failure, &values), None);
            }
            Ok(())
        },
    );
}
