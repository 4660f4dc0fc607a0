//! Command and response APDUs (ISO 7816-4, short form), and how they may be logged.
//!
//! Status words are answers, not transport errors: PC/SC hands back `6A 82` as a successful transmit, so
//! every response is parsed here and the profile decides what a status word means at each step.
//! [`Redacted`] is the only form in which an exchange is logged: header, lengths and status words — the data
//! bytes, which are a person's identity, never appear.

use std::fmt;

use ehr_core::ports::CardFailure;

/// A short command APDU: at most 255 data bytes, and Le at most 256 (sent as `00`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    pub cla: u8,
    pub ins: u8,
    pub p1: u8,
    pub p2: u8,
    data: Vec<u8>,
    le: Option<u16>,
}

/// The longest short Le: 256 bytes, encoded as `00`.
pub const MAX_SHORT_LE: u16 = 256;

impl Command {
    pub fn new(cla: u8, ins: u8, p1: u8, p2: u8) -> Self {
        Command {
            cla,
            ins,
            p1,
            p2,
            data: Vec::new(),
            le: None,
        }
    }

    /// The command's data; more than 255 bytes would need an extended APDU, which no profile uses.
    pub fn with_data(mut self, data: &[u8]) -> Result<Self, CardFailure> {
        if data.len() > 255 {
            return Err(CardFailure::Reader {
                detail: format!(
                    "command data of {} bytes needs an extended APDU",
                    data.len()
                ),
            });
        }
        self.data = data.to_vec();
        Ok(self)
    }

    /// How many bytes are expected back, 1 to 256.
    pub fn with_le(mut self, le: u16) -> Result<Self, CardFailure> {
        if le == 0 || le > MAX_SHORT_LE {
            return Err(CardFailure::Reader {
                detail: format!("Le {le} is not a short Le (1 to 256)"),
            });
        }
        self.le = Some(le);
        Ok(self)
    }

    pub fn le(&self) -> Option<u16> {
        self.le
    }

    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// The bytes on the wire: header, then Lc and data if any, then Le if any (256 as `00`).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = vec![self.cla, self.ins, self.p1, self.p2];
        if !self.data.is_empty() {
            // with_data keeps the length within a byte.
            bytes.push(u8::try_from(self.data.len()).unwrap_or(u8::MAX));
            bytes.extend_from_slice(&self.data);
        }
        if let Some(le) = self.le {
            bytes.push(u8::try_from(le % 256).unwrap_or(0));
        }
        bytes
    }
}

/// SW1 SW2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusWord(pub u8, pub u8);

impl StatusWord {
    pub const OK: StatusWord = StatusWord(0x90, 0x00);
    /// End of file reached before Le bytes were read (a shorter answer, still good data).
    pub const END_OF_FILE: StatusWord = StatusWord(0x62, 0x82);
    pub const FILE_NOT_FOUND: StatusWord = StatusWord(0x6A, 0x82);
    /// The offset is past the end of the file.
    pub const WRONG_P1P2: StatusWord = StatusWord(0x6B, 0x00);

    /// `6C xx`: wrong Le; the card says how many bytes it has.
    pub fn exact_length(self) -> Option<u16> {
        (self.0 == 0x6C).then(|| if self.1 == 0 { 256 } else { u16::from(self.1) })
    }
}

impl fmt::Display for StatusWord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02X} {:02X}", self.0, self.1)
    }
}

/// A response APDU: data, then the status word.
#[derive(Clone, PartialEq, Eq)]
pub struct Response {
    pub data: Vec<u8>,
    pub sw: StatusWord,
}

impl Response {
    /// Splits the status word off; an answer shorter than two bytes is not a response.
    pub fn parse(bytes: &[u8]) -> Result<Response, CardFailure> {
        match bytes {
            [data @ .., sw1, sw2] => Ok(Response {
                data: data.to_vec(),
                sw: StatusWord(*sw1, *sw2),
            }),
            _ => Err(CardFailure::Malformed {
                step: "transmit",
                detail: format!("a response of {} bytes has no status word", bytes.len()),
            }),
        }
    }
}

/// The data is card data: a response prints as its length and status word only.
impl fmt::Debug for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Response({} bytes, {})", self.data.len(), self.sw)
    }
}

/// An exchange as it may be logged: `00 B0 00 00 Le=00 -> 142 bytes, 90 00`.
pub struct Redacted<'a> {
    pub command: &'a Command,
    pub response: Option<&'a Response>,
}

impl fmt::Display for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.command;
        write!(f, "{:02X} {:02X} {:02X} {:02X}", c.cla, c.ins, c.p1, c.p2)?;
        if !c.data.is_empty() {
            write!(f, " Lc={:02X} [{} bytes]", c.data.len(), c.data.len())?;
        }
        if let Some(le) = c.le {
            write!(f, " Le={:02X}", le % 256)?;
        }
        match self.response {
            Some(r) => write!(f, " -> {} bytes, {}", r.data.len(), r.sw),
            None => write!(f, " -> no answer"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_short_apdus() {
        let select = Command::new(0x00, 0xA4, 0x04, 0x0C)
            .with_data(&[0xF0, 0x45])
            .unwrap();
        assert_eq!(
            select.to_bytes(),
            [0x00, 0xA4, 0x04, 0x0C, 0x02, 0xF0, 0x45]
        );
        let read = Command::new(0x00, 0xB0, 0x01, 0x02).with_le(256).unwrap();
        assert_eq!(read.to_bytes(), [0x00, 0xB0, 0x01, 0x02, 0x00]);
        assert!(Command::new(0, 0xB0, 0, 0).with_le(0).is_err());
        assert!(Command::new(0, 0xB0, 0, 0).with_le(257).is_err());
        assert!(Command::new(0, 0xD6, 0, 0).with_data(&[0; 256]).is_err());
    }

    #[test]
    fn status_words_are_parsed_not_errors() {
        let missing = Response::parse(&[0x6A, 0x82]).unwrap();
        assert!(missing.data.is_empty());
        assert_eq!(missing.sw, StatusWord::FILE_NOT_FOUND);
        let data = Response::parse(&[1, 2, 3, 0x90, 0x00]).unwrap();
        assert_eq!(
            (data.data.as_slice(), data.sw),
            (&[1, 2, 3][..], StatusWord::OK)
        );
        assert_eq!(StatusWord(0x6C, 0x10).exact_length(), Some(16));
        assert_eq!(StatusWord(0x6C, 0x00).exact_length(), Some(256));
        assert_eq!(StatusWord::OK.exact_length(), None);
        assert!(matches!(
            Response::parse(&[0x90]),
            Err(CardFailure::Malformed {
                step: "transmit",
                ..
            })
        ));
    }

    #[test]
    fn the_logged_form_shows_no_data_byte() {
        let secret = b"A1234563CHAN".to_vec();
        let command = Command::new(0x00, 0xA4, 0x04, 0x0C)
            .with_data(&[0xF0, 0x45, 0x48])
            .unwrap();
        let response = Response {
            data: secret.clone(),
            sw: StatusWord::OK,
        };
        let read = Command::new(0x00, 0xB0, 0x00, 0x00).with_le(256).unwrap();
        let logged = Redacted {
            command: &read,
            response: Some(&response),
        }
        .to_string();
        assert_eq!(logged, "00 B0 00 00 Le=00 -> 12 bytes, 90 00");
        let select = Redacted {
            command: &command,
            response: None,
        }
        .to_string();
        assert_eq!(select, "00 A4 04 0C Lc=03 [3 bytes] -> no answer");
        let debug = format!("{response:?}");
        assert_eq!(debug, "Response(12 bytes, 90 00)");
        // No data byte, in hex or as text, in any logged form.
        for text in [&logged, &select, &debug] {
            assert!(!text.contains("A123") && !text.contains("CHAN"), "{text}");
            for byte in secret.iter().chain(&[0xF0, 0x45, 0x48]) {
                assert!(
                    !text.contains(&format!("{byte:02X}")) || *byte == 0x00,
                    "{text}"
                );
            }
        }
    }
}
