//! What every typed text shares: nothing hidden in it, full-width forms folded where the value is an
//! identifier, and only characters the printed form can draw.

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use super::ValueError;
use super::printable::PRINTABLE;
use crate::issue::ErrorCode;

/// `U+202E`: how a character is named in an error. A code point says which character, not whose text it is.
fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Refuses control characters (NUL, ESC, DEL…) and invisible format characters (zero-width spaces and
/// joiners, bidi overrides and isolates, the BOM, soft hyphens): they cannot be seen on screen, so a value
/// would differ from what the person reads (and bidi overrides can make text read backwards). White space
/// such as tabs and line breaks is not refused: it is folded into single spaces.
///
/// The error names the first such character by code point and its position (from 1) in `raw`.
pub fn refuse_hidden(raw: &str) -> Result<(), ValueError> {
    for (index, c) in raw.chars().enumerate() {
        let code = if c.is_control() && !c.is_whitespace() {
            ErrorCode::TextControlCharacter
        } else if c.general_category() == GeneralCategory::Format {
            ErrorCode::TextInvisibleCharacter
        } else {
            continue;
        };
        return Err(ValueError::new(code)
            .with("codePoint", code_point(c))
            .with("position", index + 1));
    }
    Ok(())
}

/// Whether the printed forms' typeface draws `c` (rather than an empty box).
pub fn is_printable(c: char) -> bool {
    let c = u32::from(c);
    PRINTABLE
        .binary_search_by(|&(first, last)| {
            if last < c {
                std::cmp::Ordering::Less
            } else if first > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// The characters the printed forms' typeface draws, as inclusive ranges of code points, in order (the forms
/// crate checks this table against the bundled face).
pub fn printable_ranges() -> &'static [(u32, u32)] {
    PRINTABLE
}

/// Refuses a text that would print with a gap: the error names the first character the form's typeface
/// lacks, by code point and as the character itself (one character says nothing of whose text it is), with
/// its position (from 1). White space is folded into spaces before printing, so it is not checked.
pub fn refuse_unprintable(text: &str) -> Result<(), ValueError> {
    match text
        .chars()
        .enumerate()
        .find(|(_, c)| !c.is_whitespace() && !is_printable(*c))
    {
        Some((index, c)) => Err(ValueError::new(ErrorCode::TextUnprintable)
            .with("character", c)
            .with("codePoint", code_point(c))
            .with("position", index + 1)),
        None => Ok(()),
    }
}

/// Folds compatibility forms (NFKC): the full-width letters, digits, brackets and spaces of Chinese input
/// methods (`Ａ１２３４５６（３）`) become ASCII, decomposed accents are composed. Only for values whose
/// meaning survives it: identifiers, e-mail addresses, English names — not Chinese text, whose full-width
/// punctuation is the right typography.
pub fn fold_width(raw: &str) -> String {
    raw.nfkc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(raw: &str) -> Option<(ErrorCode, String, String)> {
        refuse_hidden(raw).err().map(|e| {
            (
                e.code,
                e.params["codePoint"].clone(),
                e.params["position"].clone(),
            )
        })
    }

    #[test]
    fn control_characters_are_named_by_code_point_and_position() {
        assert_eq!(
            refused("Chan\u{0}Tai"),
            Some((ErrorCode::TextControlCharacter, "U+0000".into(), "5".into()))
        );
        assert_eq!(
            refused("\u{1b}[31m"),
            Some((ErrorCode::TextControlCharacter, "U+001B".into(), "1".into()))
        );
        assert_eq!(
            refused("a\u{7f}").map(|r| r.0),
            Some(ErrorCode::TextControlCharacter)
        );
        assert_eq!(refused("a\u{85}b"), None, "NEL is a line break: folded");
        assert_eq!(refused("line one\r\nline two\tend"), None);
    }

    #[test]
    fn zero_width_and_bidi_controls_are_refused() {
        for (raw, point) in [
            ("ab\u{200B}c", "U+200B"),
            ("ab\u{200C}c", "U+200C"),
            ("ab\u{200D}c", "U+200D"),
            ("ab\u{2060}c", "U+2060"),
            ("ab\u{FEFF}c", "U+FEFF"),
            ("ab\u{00AD}c", "U+00AD"),
            ("ab\u{202E}c", "U+202E"),
            ("ab\u{202A}c", "U+202A"),
            ("ab\u{2066}c", "U+2066"),
            ("ab\u{200F}c", "U+200F"),
            ("ab\u{061C}c", "U+061C"),
        ] {
            assert_eq!(
                refused(raw),
                Some((
                    ErrorCode::TextInvisibleCharacter,
                    point.to_owned(),
                    "3".into()
                )),
                "{point}"
            );
        }
        assert_eq!(refused("陳大文 O'Brien-Smith, J. （旺角）"), None);
    }

    #[test]
    fn the_error_never_carries_the_surrounding_text() {
        let error = refuse_hidden("CHAN\u{202E}Tai Man").unwrap_err();
        assert_eq!(error.params.len(), 2);
        assert!(!error.to_string().contains("CHAN"), "{error}");
    }

    #[test]
    fn characters_the_form_cannot_draw_are_named() {
        for (raw, character, point, position) in [
            ("Chan 😀", "😀", "U+1F600", "6"),
            ("김민준", "김", "U+AE40", "1"),
            ("محمد", "م", "U+0645", "1"),
            ("陳𠀀文", "𠀀", "U+20000", "2"),
            ("Łukasz", "Ł", "U+0141", "1"),
        ] {
            let error = refuse_unprintable(raw).unwrap_err();
            assert_eq!(error.code, ErrorCode::TextUnprintable, "{raw}");
            assert_eq!(
                (
                    error.params["character"].as_str(),
                    error.params["codePoint"].as_str(),
                    error.params["position"].as_str()
                ),
                (character, point, position),
                "{raw}"
            );
        }
    }

    #[test]
    fn what_hong_kong_forms_hold_is_printable() {
        for text in [
            "李𨋢欣",
            "司徒·峯",
            "梁嘅",
            "CHAN Tai Man",
            "Zoë Müller",
            "九龍旺角彌敦道１２３號，２樓（A室）",
            "Flat A, 2/F, 123 Nathan Road #2 & @ – ✓",
        ] {
            assert_eq!(refuse_unprintable(text), Ok(()), "{text}");
        }
    }

    #[test]
    fn full_width_forms_fold_to_ascii() {
        assert_eq!(fold_width("Ａ１２３４５６（３）"), "A123456(3)");
        assert_eq!(fold_width("６１２３\u{3000}４５６７"), "6123 4567");
        assert_eq!(
            fold_width("ｃｌｉｎｉｃ＠ｅｘａｍｐｌｅ．ｃｏｍ"),
            "clinic@example.com"
        );
        assert_eq!(fold_width("Zoe\u{308}"), "Zoë");
    }

    #[test]
    fn the_table_is_ordered_and_disjoint() {
        let ranges = printable_ranges();
        assert!(ranges.len() > 1000);
        for pair in ranges.windows(2) {
            assert!(
                pair[0].0 <= pair[0].1 && pair[0].1 + 1 < pair[1].0,
                "{pair:?}"
            );
        }
        assert!(is_printable(' ') && is_printable('~') && !is_printable('\u{7f}'));
    }
}
