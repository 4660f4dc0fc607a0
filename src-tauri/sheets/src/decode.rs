//! The text of a CSV file: UTF-8 (a BOM, as Excel's "CSV UTF-8" writes, is dropped), else Big5-HKSCS (as
//! Excel's plain "CSV" writes on a Hong Kong Windows), accepted only when every byte decodes — a file in
//! any other encoding is refused rather than read as garbled names.

use std::borrow::Cow;

use crate::{SheetError, SourceEncoding};

const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];
const UTF16_LE_BOM: &[u8] = &[0xFF, 0xFE];
const UTF16_BE_BOM: &[u8] = &[0xFE, 0xFF];

pub(crate) fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, SourceEncoding), SheetError> {
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        return std::str::from_utf8(rest)
            .map(|text| (Cow::Borrowed(text), SourceEncoding::Utf8Bom))
            .map_err(|_| SheetError::EncodingUnknown);
    }
    // Excel's "Unicode Text" and some exports: UTF-16 with its BOM, which would not decode as either below.
    if bytes.starts_with(UTF16_LE_BOM) || bytes.starts_with(UTF16_BE_BOM) {
        return Err(SheetError::Utf16Unsupported);
    }
    // NUL is valid UTF-8 but no text file holds it: UTF-16 without a BOM, or not text at all.
    if bytes.contains(&0) {
        return Err(SheetError::EncodingUnknown);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((Cow::Borrowed(text), SourceEncoding::Utf8));
    }
    encoding_rs::BIG5
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| (text, SourceEncoding::Big5))
        .ok_or(SheetError::EncodingUnknown)
}
