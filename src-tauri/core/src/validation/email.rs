//! E-mail addresses.

use std::fmt;
use std::str::FromStr;

use email_address::EmailAddress;
use serde::{Deserialize, Serialize};

use super::ValueError;
use super::text::{fold_width, refuse_hidden, refuse_unprintable};
use crate::issue::ErrorCode;

/// An e-mail address that RFC 5322 accepts and that can be delivered on the internet (its domain has a dot).
/// The domain is lower-cased; the local part is kept as typed, since servers may treat case as meaningful.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(try_from = "String", into = "String")]
pub struct Email(#[specta(type = String)] String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let invalid = || ValueError::new(ErrorCode::EmailFormat);
        // A zero-width or bidi character would make the address differ from what the person reads.
        refuse_hidden(raw)?;
        let typed = fold_width(raw);
        let address = EmailAddress::from_str(typed.trim()).map_err(|_| invalid())?;
        let domain = address.domain();
        // Domain literals ([192.0.2.1]) and single-label domains are legal but never reach a clinic's mailbox.
        if domain.starts_with('[') || !domain.contains('.') || domain.ends_with('.') {
            return Err(invalid());
        }
        let email = format!("{}@{}", address.local_part(), domain.to_lowercase());
        // Printed on the forms: an address with a gap in it would reach no one.
        refuse_unprintable(&email)?;
        Ok(Email(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Email {
    type Error = ValueError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Email::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_normalises_addresses() {
        for (raw, expected) in [
            ("clinic@example.com.hk", "clinic@example.com.hk"),
            ("  Dr.Chan@Example.COM ", "Dr.Chan@example.com"),
            ("a+b@mail.example.org", "a+b@mail.example.org"),
        ] {
            assert_eq!(
                Email::parse(raw).map(|e| e.to_string()),
                Ok(expected.to_owned()),
                "{raw}"
            );
        }
    }

    #[test]
    fn zero_width_and_bidi_characters_are_refused() {
        for (raw, code, point) in [
            (
                "clinic\u{200B}@example.com",
                ErrorCode::TextInvisibleCharacter,
                "U+200B",
            ),
            (
                "clinic@exa\u{200D}mple.com",
                ErrorCode::TextInvisibleCharacter,
                "U+200D",
            ),
            (
                "\u{202E}moc.elpmaxe@cinilc",
                ErrorCode::TextInvisibleCharacter,
                "U+202E",
            ),
            (
                "clinic@example.com\u{2066}",
                ErrorCode::TextInvisibleCharacter,
                "U+2066",
            ),
            (
                "clinic\u{0}@example.com",
                ErrorCode::TextControlCharacter,
                "U+0000",
            ),
        ] {
            let error = Email::parse(raw).unwrap_err();
            assert_eq!(
                (error.code, error.params["codePoint"].as_str()),
                (code, point),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn full_width_addresses_are_folded_and_unprintable_ones_refused() {
        assert_eq!(
            Email::parse("ｃｌｉｎｉｃ＠ｅｘａｍｐｌｅ．ｃｏｍ．ｈｋ").map(|e| e.to_string()),
            Ok("clinic@example.com.hk".to_owned())
        );
        let error = Email::parse("김@example.com").unwrap_err();
        assert_eq!(
            (error.code, error.params["codePoint"].as_str()),
            (ErrorCode::TextUnprintable, "U+AE40")
        );
    }

    #[test]
    fn rejects_what_cannot_be_delivered() {
        for raw in [
            "",
            "clinic",
            "clinic@",
            "@example.com",
            "a@localhost",
            "a b@example.com",
            "a@[192.0.2.1]",
            "a@example.",
        ] {
            assert_eq!(
                Email::parse(raw).map_err(|e| e.code),
                Err(ErrorCode::EmailFormat),
                "{raw:?}"
            );
        }
    }
}
