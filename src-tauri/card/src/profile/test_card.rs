//! The project's own test card (docs/test-card-profile.md): recognised by the historical bytes `EHRDESK1`,
//! one application selected by AID, one transparent file holding the identity record.

use ehr_core::patient::RawIdentity;
use ehr_core::ports::CardFailure;

use super::CardProfile;
use super::atr::historical_bytes;
use super::record::{HEADER, body_length, parse_record};
use crate::apdu::{Command, StatusWord};
use crate::transport::{Transport, exchange};

/// `F0` (proprietary) then "EHRDESK" and version 01.
pub const AID: [u8; 9] = [0xF0, 0x45, 0x48, 0x52, 0x44, 0x45, 0x53, 0x4B, 0x01];
pub const HISTORICAL_BYTES: &[u8] = b"EHRDESK1";
/// The identity record's file inside the application.
pub const RECORD_FILE: [u8; 2] = [0x01, 0x01];
/// Bytes asked for per READ BINARY: below every reader's short-APDU limit.
const CHUNK: usize = 128;
/// READ BINARY with P1 bit 8 clear addresses 15 bits of offset.
const MAX_OFFSET: usize = 0x7FFF;

pub struct TestCardProfile;

impl CardProfile for TestCardProfile {
    fn name(&self) -> &'static str {
        "eHR Desk test card"
    }

    fn matches(&self, atr: &[u8]) -> bool {
        historical_bytes(atr) == Some(HISTORICAL_BYTES)
    }

    fn read(&self, transport: &mut dyn Transport) -> Result<RawIdentity, CardFailure> {
        let select = Command::new(0x00, 0xA4, 0x04, 0x0C).with_data(&AID)?;
        match exchange(transport, "select application", &select)?.sw {
            StatusWord::OK => {}
            // The right ATR but not our application: some other card that happens to look alike.
            StatusWord::FILE_NOT_FOUND => return Err(CardFailure::NotRecognised),
            sw => return Err(status("select application", sw)),
        }
        let file = Command::new(0x00, 0xA4, 0x02, 0x0C).with_data(&RECORD_FILE)?;
        match exchange(transport, "select record file", &file)?.sw {
            StatusWord::OK => {}
            sw => return Err(status("select record file", sw)),
        }
        let mut record = read_binary(transport, 0, HEADER)?;
        let body = body_length(&record)?;
        record.extend(read_binary(transport, HEADER, body)?);
        parse_record(&record)
    }
}

fn status(step: &'static str, sw: StatusWord) -> CardFailure {
    CardFailure::Malformed {
        step,
        detail: format!("status {sw}"),
    }
}

fn short(step: &'static str, detail: String) -> CardFailure {
    CardFailure::Malformed { step, detail }
}

/// Exactly `count` bytes from `offset`, in chunks; a file that ends early is malformed, not a shorter record.
fn read_binary(
    transport: &mut dyn Transport,
    offset: usize,
    count: usize,
) -> Result<Vec<u8>, CardFailure> {
    const STEP: &str = "read record";
    let mut bytes = Vec::with_capacity(count);
    let mut corrected_le = None;
    while bytes.len() < count {
        let at = offset + bytes.len();
        if at > MAX_OFFSET {
            return Err(short(
                STEP,
                format!("offset {at} is past READ BINARY's reach"),
            ));
        }
        let wanted = corrected_le
            .take()
            .unwrap_or(CHUNK.min(count - bytes.len()));
        let [p1, p2] = u16::try_from(at).unwrap_or(u16::MAX).to_be_bytes();
        let le = u16::try_from(wanted).unwrap_or(u16::MAX);
        let command = Command::new(0x00, 0xB0, p1, p2).with_le(le)?;
        let response = exchange(transport, STEP, &command)?;
        if response.data.len() > wanted {
            return Err(short(
                STEP,
                format!("{} bytes came back for Le {wanted}", response.data.len()),
            ));
        }
        match response.sw {
            StatusWord::OK if !response.data.is_empty() => bytes.extend(&response.data),
            StatusWord::END_OF_FILE => {
                bytes.extend(&response.data);
                if bytes.len() < count {
                    return Err(short(
                        STEP,
                        format!(
                            "the file ends {} bytes before the record does",
                            count - bytes.len()
                        ),
                    ));
                }
            }
            StatusWord::WRONG_P1P2 => {
                return Err(short(STEP, format!("the file ends before offset {at}")));
            }
            sw => match sw.exact_length() {
                // The card wants another Le: ask once more with it, and no more than was still needed.
                Some(exact) if usize::from(exact) < wanted && response.data.is_empty() => {
                    corrected_le = Some(usize::from(exact));
                }
                _ => return Err(status(STEP, sw)),
            },
        }
    }
    bytes.truncate(count);
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    //! The protocol cases the virtual card does not produce (6C xx, a file shorter than its record), on an
    //! in-memory card. The real exchange is covered by the integration tests against pcscd.
    use super::*;
    use crate::apdu::Response;
    use crate::profile::record::tests::{encode, sample_fields};

    struct MemoryCard {
        file: Vec<u8>,
        /// Answers `6C xx` to a READ BINARY asking for more than this many bytes.
        max_le: Option<usize>,
        commands: usize,
    }

    impl Transport for MemoryCard {
        fn transmit(&mut self, command: &Command) -> Result<Response, CardFailure> {
            self.commands += 1;
            let answer = |data: &[u8], sw| {
                Ok(Response {
                    data: data.to_vec(),
                    sw,
                })
            };
            match command.ins {
                0xA4 => answer(&[], StatusWord::OK),
                0xB0 => {
                    let offset = usize::from(u16::from_be_bytes([command.p1, command.p2]));
                    let le = usize::from(command.le().unwrap());
                    if let Some(max) = self.max_le.filter(|max| le > *max) {
                        return answer(&[], StatusWord(0x6C, u8::try_from(max).unwrap()));
                    }
                    let Some(rest) = self.file.get(offset..) else {
                        return answer(&[], StatusWord::WRONG_P1P2);
                    };
                    if rest.len() < le {
                        answer(rest, StatusWord::END_OF_FILE)
                    } else {
                        answer(&rest[..le], StatusWord::OK)
                    }
                }
                _ => answer(&[], StatusWord(0x6D, 0x00)),
            }
        }
    }

    fn card(file: Vec<u8>, max_le: Option<usize>) -> MemoryCard {
        MemoryCard {
            file,
            max_le,
            commands: 0,
        }
    }

    #[test]
    fn recognises_its_atr_only() {
        let ours = [
            0x3B, 0x88, 0x81, 0x01, 0x45, 0x48, 0x52, 0x44, 0x45, 0x53, 0x4B, 0x31, 0x7F,
        ];
        assert!(TestCardProfile.matches(&ours));
        let mut other = ours;
        other[11] = 0x32;
        assert!(!TestCardProfile.matches(&other));
        assert!(!TestCardProfile.matches(&[]));
    }

    #[test]
    fn reads_a_long_record_in_chunks_and_follows_6c() {
        let mut fields = sample_fields();
        let long = "X".repeat(200);
        fields.push((0x80, &long));
        let mut file = encode(&fields);
        file.extend_from_slice(&[0xAA; 10]); // bytes after the record are not read
        let mut plain = card(file.clone(), None);
        let raw = TestCardProfile.read(&mut plain).unwrap();
        assert_eq!(raw.english_surname, "CHAN");
        // Two selects, the header, then the 276-byte body in chunks of 128.
        assert_eq!(plain.commands, 2 + 1 + 3);

        let mut fussy = card(file, Some(100));
        assert_eq!(TestCardProfile.read(&mut fussy).unwrap(), raw);
    }

    #[test]
    fn a_file_shorter_than_its_record_is_malformed() {
        let file = encode(&sample_fields());
        let cut = file[..file.len() - 5].to_vec();
        match TestCardProfile.read(&mut card(cut, None)) {
            Err(CardFailure::Malformed {
                step: "read record",
                detail,
            }) => {
                assert!(detail.contains("5 bytes before"), "{detail}");
            }
            other => panic!("{other:?}"),
        }
    }
}
