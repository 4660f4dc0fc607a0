//! Names of people and organisations, in English and in Chinese.

use std::fmt;

use serde::{Deserialize, Serialize};
use unicode_script::{Script, UnicodeScript};

use super::ValueError;
use super::text::{fold_width, refuse_hidden, refuse_unprintable};
use crate::issue::ErrorCode;

/// Whose name it is: limits and allowed punctuation differ between people and organisations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Person,
    Organisation,
}

impl NameKind {
    fn max_english(self) -> usize {
        match self {
            NameKind::Person => 60,
            NameKind::Organisation => 150,
        }
    }

    fn max_chinese(self) -> usize {
        match self {
            NameKind::Person => 20,
            NameKind::Organisation => 100,
        }
    }
}

/// A name in English: Latin letters (accents allowed), spaces and the punctuation names use.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(transparent)]
pub struct EnglishName(String);

impl EnglishName {
    /// Full-width letters fold to ASCII and decomposed accents compose (NFKC), so `ＣＨＡＮ` is `CHAN`.
    pub fn parse(raw: &str, kind: NameKind) -> Result<Self, ValueError> {
        refuse_hidden(raw)?;
        let name = collapse_spaces(&fold_width(raw));
        let allowed = |c: char| {
            c == ' '
                || (c.is_alphabetic() && c.script() == Script::Latin)
                || "-'.,".contains(c)
                || (kind == NameKind::Organisation
                    && (c.is_ascii_digit() || "&()/+:#@\"".contains(c)))
        };
        check_characters(&name, allowed, ErrorCode::NameEnglishScript)?;
        if !name.chars().any(char::is_alphabetic) {
            return Err(ValueError::new(ErrorCode::NameEnglishScript)
                .with("characters", first_distinct(&name, |_| true)));
        }
        check_length(&name, kind.max_english())?;
        refuse_unprintable(&name)?;
        Ok(EnglishName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A name in Chinese: Han characters, HKSCS ones included (most sit in the CJK extension blocks), with the
/// middle dot of transliterated names; organisations may also use digits, Latin letters and brackets.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(transparent)]
pub struct ChineseName(String);

impl ChineseName {
    /// Kept as typed (no folding: the name must match the identity card's characters).
    pub fn parse(raw: &str, kind: NameKind) -> Result<Self, ValueError> {
        refuse_hidden(raw)?;
        let name = collapse_spaces(raw);
        let allowed = |c: char| {
            c.script() == Script::Han
                || "·‧・".contains(c)
                || (kind == NameKind::Organisation
                    && (c == ' '
                        || c.is_ascii_alphanumeric()
                        || c.is_numeric()
                        || "（）()、&-—–,.'．".contains(c)))
        };
        check_characters(&name, allowed, ErrorCode::NameChineseScript)?;
        if !name.chars().any(|c| c.script() == Script::Han) {
            return Err(ValueError::new(ErrorCode::NameChineseScript)
                .with("characters", first_distinct(&name, |_| true)));
        }
        check_length(&name, kind.max_chinese())?;
        // Han characters outside the typeface (`𠀀`, U+20000) would print as an empty box.
        refuse_unprintable(&name)?;
        Ok(ChineseName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn collapse_spaces(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Names the characters that are not allowed (up to five, each once), so the person can find them.
fn check_characters(
    name: &str,
    allowed: impl Fn(char) -> bool,
    code: ErrorCode,
) -> Result<(), ValueError> {
    let offending = first_distinct(name, |c| !allowed(c));
    if offending.is_empty() {
        Ok(())
    } else {
        Err(ValueError::new(code).with("characters", offending))
    }
}

/// Up to five distinct characters of `name` that `pick` picks: enough to find them, never the name itself.
fn first_distinct(name: &str, pick: impl Fn(char) -> bool) -> String {
    let mut found: Vec<char> = Vec::new();
    for c in name.chars().filter(|c| pick(*c)) {
        if !found.contains(&c) && found.len() < 5 {
            found.push(c);
        }
    }
    found.into_iter().collect()
}

fn check_length(name: &str, max: usize) -> Result<(), ValueError> {
    let length = name.chars().count();
    if length > max {
        Err(ValueError::new(ErrorCode::TooLong)
            .with("max", max)
            .with("length", length))
    } else {
        Ok(())
    }
}

impl fmt::Display for EnglishName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for ChineseName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_names() {
        use NameKind::*;
        for (raw, kind, expected) in [
            ("  CHAN   Tai Man ", Person, Ok("CHAN Tai Man".to_owned())),
            (
                "O'Brien-Smith, J.",
                Person,
                Ok("O'Brien-Smith, J.".to_owned()),
            ),
            ("Zoë Müller", Person, Ok("Zoë Müller".to_owned())),
            (
                "Dr Chan Tai Man Clinic (Mong Kok) & Partners 2",
                Organisation,
                Ok("Dr Chan Tai Man Clinic (Mong Kok) & Partners 2".to_owned()),
            ),
        ] {
            assert_eq!(
                EnglishName::parse(raw, kind)
                    .map(|n| n.to_string())
                    .map_err(|e| e.code),
                expected,
                "{raw}"
            );
        }
    }

    #[test]
    fn english_names_report_the_characters_not_allowed() {
        let error = EnglishName::parse("Chan Tai Man 陳大文 2", NameKind::Person).unwrap_err();
        assert_eq!(error.code, ErrorCode::NameEnglishScript);
        assert_eq!(error.params["characters"], "陳大文2");
        assert_eq!(
            EnglishName::parse("---", NameKind::Person).map_err(|e| e.code),
            Err(ErrorCode::NameEnglishScript)
        );
        // A name with no letter at all is named by its characters, never echoed whole.
        let error = EnglishName::parse("12345678 90", NameKind::Organisation).unwrap_err();
        assert_eq!(error.params["characters"], "12345");
    }

    #[test]
    fn chinese_names_accept_hkscs_characters() {
        for raw in ["陳大文", "李𨋢", "司徒·峯", "梁嘅"] {
            assert!(ChineseName::parse(raw, NameKind::Person).is_ok(), "{raw}");
        }
        assert!(ChineseName::parse("陳大文醫務所（旺角）2號", NameKind::Organisation).is_ok());
    }

    #[test]
    fn chinese_names_refuse_latin_for_people() {
        let error = ChineseName::parse("陳 Tai Man", NameKind::Person).unwrap_err();
        assert_eq!(error.code, ErrorCode::NameChineseScript);
        assert_eq!(
            error.params["characters"], " TaiM",
            "at most five, each once"
        );
        assert_eq!(
            ChineseName::parse("ABC", NameKind::Organisation).map_err(|e| e.code),
            Err(ErrorCode::NameChineseScript)
        );
    }

    #[test]
    fn control_and_invisible_characters_are_refused_in_names() {
        for (raw, code) in [
            ("CHAN\u{0}Tai Man", ErrorCode::TextControlCharacter),
            ("CHAN\u{7}Tai Man", ErrorCode::TextControlCharacter),
            ("CHAN\u{200B}Tai Man", ErrorCode::TextInvisibleCharacter),
            ("CHAN\u{202E}Tai Man", ErrorCode::TextInvisibleCharacter),
        ] {
            let error = EnglishName::parse(raw, NameKind::Person).unwrap_err();
            assert_eq!(error.code, code, "{raw:?}");
            assert_eq!(error.params["position"], "5", "{raw:?}");
            assert!(
                !error.params.contains_key("characters"),
                "no text in the error"
            );
        }
        for raw in ["陳\u{0}大文", "陳\u{200D}大文", "陳\u{2067}大文"] {
            assert!(
                matches!(
                    ChineseName::parse(raw, NameKind::Person).map_err(|e| e.code),
                    Err(ErrorCode::TextControlCharacter | ErrorCode::TextInvisibleCharacter)
                ),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn full_width_and_decomposed_english_names_are_normalised() {
        for (raw, expected) in [
            ("ＣＨＡＮ\u{3000}Ｔａｉ Ｍａｎ", "CHAN Tai Man"),
            ("Zoe\u{308} Mu\u{308}ller", "Zoë Müller"),
        ] {
            assert_eq!(
                EnglishName::parse(raw, NameKind::Person).map(|n| n.to_string()),
                Ok(expected.to_owned()),
                "{raw}"
            );
        }
    }

    #[test]
    fn names_the_form_cannot_print_are_refused() {
        let error = ChineseName::parse("陳𠀀文", NameKind::Person).unwrap_err();
        assert_eq!(
            (
                error.code,
                error.params["character"].as_str(),
                error.params["codePoint"].as_str()
            ),
            (ErrorCode::TextUnprintable, "𠀀", "U+20000")
        );
        let error = EnglishName::parse("Łukasz Nowak", NameKind::Person).unwrap_err();
        assert_eq!(
            (error.code, error.params["codePoint"].as_str()),
            (ErrorCode::TextUnprintable, "U+0141")
        );
        // Emoji, Hangul and Arabic are not of the name's script: named as such.
        for raw in ["陳大文😀", "김민준", "محمد"] {
            assert_eq!(
                ChineseName::parse(raw, NameKind::Person).map_err(|e| e.code),
                Err(ErrorCode::NameChineseScript),
                "{raw}"
            );
        }
        assert!(ChineseName::parse("李𨋢欣", NameKind::Person).is_ok());
    }

    #[test]
    fn names_have_length_limits() {
        let long = "陳".repeat(21);
        let error = ChineseName::parse(&long, NameKind::Person).unwrap_err();
        assert_eq!(
            (error.code, error.params["max"].as_str()),
            (ErrorCode::TooLong, "20")
        );
        assert!(EnglishName::parse(&"a".repeat(151), NameKind::Organisation).is_err());
        assert!(EnglishName::parse(&"a".repeat(150), NameKind::Organisation).is_ok());
    }
}
