//! The test card's identity record (docs/test-card-profile.md): a version byte, a two-byte body length, then
//! tag-length-value fields. Parsing is total: any bytes give fields or a typed failure, never a panic and
//! never part of a record.

use ehr_core::patient::RawIdentity;
use ehr_core::ports::CardFailure;

pub const VERSION: u8 = 0x01;
pub const HEADER: usize = 3;
/// The longest body a reader accepts: far above a real record (about 70 bytes), low enough that a broken
/// length cannot make the reader fetch the whole card.
pub const MAX_BODY: usize = 1024;

/// The field tags of record version 1.
pub mod tag {
    pub const HKID: u8 = 0x01;
    pub const SURNAME: u8 = 0x02;
    pub const GIVEN_NAME: u8 = 0x03;
    pub const CHINESE_NAME: u8 = 0x04;
    pub const DATE_OF_BIRTH: u8 = 0x05;
    pub const SEX: u8 = 0x06;
    pub const DATE_OF_ISSUE: u8 = 0x07;
}
use tag::{DATE_OF_ISSUE, HKID};

/// Tags from here up are extensions a version-1 reader skips; lower unknown tags are errors.
const FIRST_EXTENSION: u8 = 0x80;

fn malformed(detail: impl Into<String>) -> CardFailure {
    CardFailure::Malformed {
        step: "parse record",
        detail: detail.into(),
    }
}

/// The body length the header announces, checked against [`MAX_BODY`].
pub fn body_length(header: &[u8]) -> Result<usize, CardFailure> {
    let Some([version, high, low]) = header.get(..HEADER) else {
        return Err(malformed(format!(
            "the header has {} of {HEADER} bytes",
            header.len()
        )));
    };
    if *version != VERSION {
        return Err(malformed(format!(
            "record version {version} is not supported"
        )));
    }
    let length = usize::from(u16::from_be_bytes([*high, *low]));
    if length > MAX_BODY {
        return Err(malformed(format!(
            "a body of {length} bytes is over {MAX_BODY}"
        )));
    }
    Ok(length)
}

/// Parses a whole record: exactly the header and the body it announces.
pub fn parse_record(record: &[u8]) -> Result<RawIdentity, CardFailure> {
    let length = body_length(record)?;
    let body = &record[HEADER..];
    if body.len() != length {
        return Err(malformed(format!(
            "the header announces {length} body bytes, the record has {}",
            body.len()
        )));
    }
    let mut fields: [Option<String>; 7] = Default::default();
    let mut rest = body;
    while let [tag, len, after @ ..] = rest {
        let len = usize::from(*len);
        let value = after
            .get(..len)
            .ok_or_else(|| malformed(format!("field {tag:02X} runs past the end of the record")))?;
        rest = &after[len..];
        if *tag >= FIRST_EXTENSION {
            continue;
        }
        let slot = match *tag {
            HKID..=DATE_OF_ISSUE => fields
                .get_mut(usize::from(*tag - 1))
                .ok_or_else(|| malformed("tag out of range"))?,
            _ => return Err(malformed(format!("unknown tag {tag:02X}"))),
        };
        if slot.is_some() {
            return Err(malformed(format!("tag {tag:02X} appears twice")));
        }
        let text = std::str::from_utf8(value)
            .map_err(|_| malformed(format!("field {tag:02X} is not UTF-8")))?;
        *slot = Some(text.to_owned());
    }
    if !rest.is_empty() {
        return Err(malformed(
            "a field header is cut off at the end of the record",
        ));
    }
    let [hkid, surname, given, chinese, birth, sex, issue] = fields;
    let required = |field: Option<String>, name: &str| {
        field.ok_or_else(|| malformed(format!("the record has no {name} field")))
    };
    Ok(RawIdentity {
        hkid: required(hkid, "HKID")?,
        english_surname: required(surname, "English surname")?,
        english_given_name: given.unwrap_or_default(),
        chinese_name: chinese.unwrap_or_default(),
        date_of_birth: card_date(&required(birth, "date of birth")?, "date of birth")?,
        sex: required(sex, "sex")?,
        date_of_issue: match issue {
            Some(date) => card_date(&date, "date of issue")?,
            None => String::new(),
        },
    })
}

/// `YYYYMMDD` on the card to `YYYY-MM-DD` for validation, which judges whether the day exists.
fn card_date(value: &str, name: &str) -> Result<String, CardFailure> {
    match value.as_bytes() {
        [y @ .., _, _, _, _] if y.len() == 4 && value.bytes().all(|b| b.is_ascii_digit()) => {
            Ok(format!("{}-{}-{}", &value[..4], &value[4..6], &value[6..]))
        }
        _ => Err(malformed(format!("the {name} is not 8 digits (YYYYMMDD)"))),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::tag::*;
    use super::*;

    /// The sample card's record, built as the virtual card builds it.
    pub fn sample_fields() -> Vec<(u8, &'static str)> {
        vec![
            (HKID, "A1234563"),
            (SURNAME, "CHAN"),
            (GIVEN_NAME, "TAI MAN"),
            (CHINESE_NAME, "陳大文"),
            (DATE_OF_BIRTH, "19800229"),
            (SEX, "M"),
            (DATE_OF_ISSUE, "20200115"),
        ]
    }

    pub fn encode(fields: &[(u8, &str)]) -> Vec<u8> {
        let mut body = Vec::new();
        for (tag, value) in fields {
            body.push(*tag);
            body.push(u8::try_from(value.len()).unwrap());
            body.extend_from_slice(value.as_bytes());
        }
        let mut record = vec![VERSION];
        record.extend_from_slice(&u16::try_from(body.len()).unwrap().to_be_bytes());
        record.extend(body);
        record
    }

    fn detail(outcome: Result<RawIdentity, CardFailure>) -> String {
        match outcome {
            Err(CardFailure::Malformed { step, detail }) => {
                assert_eq!(step, "parse record");
                detail
            }
            other => panic!("expected Malformed, got {other:?}"),
        }
    }

    #[test]
    fn parses_the_sample_record() {
        let raw = parse_record(&encode(&sample_fields())).unwrap();
        assert_eq!(
            raw,
            RawIdentity {
                hkid: "A1234563".into(),
                english_surname: "CHAN".into(),
                english_given_name: "TAI MAN".into(),
                chinese_name: "陳大文".into(),
                date_of_birth: "1980-02-29".into(),
                sex: "M".into(),
                date_of_issue: "2020-01-15".into(),
            }
        );
        assert!(raw.validate().is_ok());
    }

    #[test]
    fn optional_fields_may_be_absent_and_extensions_are_skipped() {
        let raw = parse_record(&encode(&[
            (HKID, "A1234563"),
            (0x9F, "future"),
            (SURNAME, "CHAN"),
            (DATE_OF_BIRTH, "19800229"),
            (SEX, "F"),
        ]))
        .unwrap();
        assert_eq!(
            (raw.chinese_name.as_str(), raw.date_of_issue.as_str()),
            ("", "")
        );
    }

    #[test]
    fn structural_faults_are_named() {
        let good = encode(&sample_fields());
        let mut version = good.clone();
        version[0] = 2;
        assert!(detail(parse_record(&version)).contains("version 2"));
        assert!(detail(parse_record(&good[..good.len() - 1])).contains("announces"));
        assert!(detail(parse_record(&good[..2])).contains("header"));

        let mut twice = sample_fields();
        twice.push((SEX, "F"));
        assert!(detail(parse_record(&encode(&twice))).contains("twice"));

        let mut unknown = sample_fields();
        unknown.push((0x08, "x"));
        assert!(detail(parse_record(&encode(&unknown))).contains("unknown tag 08"));

        let missing: Vec<_> = sample_fields()
            .into_iter()
            .filter(|(t, _)| *t != HKID)
            .collect();
        assert!(detail(parse_record(&encode(&missing))).contains("no HKID"));

        let mut date = sample_fields();
        date[4] = (DATE_OF_BIRTH, "1980-2-29");
        assert!(detail(parse_record(&encode(&date))).contains("8 digits"));

        // A field whose length runs past the body, and a lone tag byte at the end.
        let mut overrun = encode(&sample_fields());
        overrun.extend_from_slice(&[DATE_OF_ISSUE, 0x40]);
        let body = u16::try_from(overrun.len() - HEADER).unwrap().to_be_bytes();
        overrun[1..3].copy_from_slice(&body);
        assert!(detail(parse_record(&overrun)).contains("runs past"));
        let mut cut = encode(&sample_fields());
        cut.push(0x85);
        let body = u16::try_from(cut.len() - HEADER).unwrap().to_be_bytes();
        cut[1..3].copy_from_slice(&body);
        assert!(detail(parse_record(&cut)).contains("cut off"));

        let mut not_utf8 = encode(&[(HKID, "A1234563")]);
        not_utf8[5] = 0xFF;
        assert!(detail(parse_record(&not_utf8)).contains("not UTF-8"));

        let huge = [VERSION, 0x04, 0x01];
        assert!(detail(parse_record(&huge)).contains("over 1024"));
    }

    #[test]
    fn a_calendar_impossible_date_is_left_to_validation() {
        let mut fields = sample_fields();
        fields[4] = (DATE_OF_BIRTH, "19810229");
        let raw = parse_record(&encode(&fields)).unwrap();
        assert_eq!(raw.date_of_birth, "1981-02-29");
        assert!(raw.validate().is_err());
    }
}
