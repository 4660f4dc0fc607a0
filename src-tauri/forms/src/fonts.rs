//! The one typeface of every form, and the glyph metrics that line wrapping measures with.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use printpdf::{FontId, ParsedFont, PdfFont};

use crate::FormsError;

/// Noto Sans HK Regular (SIL OFL 1.1, see `fonts/OFL.txt`): Traditional Chinese with the HKSCS characters
/// found in Hong Kong names (𨋢, 峯, 嘅), and Latin. One face keeps the binary and every PDF small; headings
/// are emboldened by stroking the outline instead of shipping a second 7 MB face.
const NOTO_SANS_HK_REGULAR: &[u8] = include_bytes!("../fonts/NotoSansHK-Regular.ttf");

/// What prints in place of a character the face lacks: a visible square, on the page and in its text layer,
/// rather than a gap that vanishes from the text. Typed fields never get here (the core refuses at entry what
/// the face cannot draw); a file name, or a draft printed to be completed by hand, may.
pub(crate) const MISSING: char = '□';

/// The bundled face, parsed once (tens of milliseconds) and reused for every document.
pub(crate) struct FormFont {
    parsed: ParsedFont,
    units_per_em: f32,
    /// Advance of [`MISSING`], drawn for a character the face lacks.
    missing_advance: f32,
    /// Advances of the ASCII characters, which most values are made of, so measuring them skips the cmap.
    ascii_advances: [f32; 128],
}

impl FormFont {
    pub(crate) fn load() -> Result<Self, FormsError> {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(NOTO_SANS_HK_REGULAR, 0, &mut warnings)
            .ok_or(FormsError::FontUnreadable)?;
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em);
        if units_per_em <= 0.0 {
            return Err(FormsError::FontUnreadable);
        }
        let mut font = FormFont {
            parsed,
            units_per_em,
            missing_advance: 0.0,
            ascii_advances: [0.0; 128],
        };
        font.missing_advance = font.lookup_advance(MISSING);
        for code in 0u8..128 {
            font.ascii_advances[usize::from(code)] = font.lookup_advance(char::from(code));
        }
        Ok(font)
    }

    /// Whether the face draws `ch` (rather than an empty box): its character map names a glyph other than
    /// `.notdef`.
    pub(crate) fn has_glyph(&self, ch: char) -> bool {
        self.parsed
            .lookup_glyph_index(u32::from(ch))
            .is_some_and(|gid| gid != 0)
    }

    /// Every character the face draws, as inclusive ranges of code points in order. The core keeps a copy
    /// as data (`ehr_core::validation::printable_ranges`), to refuse at entry what would print as a box.
    ///
    /// Planes 0 to 3 hold every script and ideograph a form may carry; past them are only tags, variation
    /// selectors and private use, which the face does not map (and leaving them out can only refuse, never
    /// let a box through). Scanning all 17 planes would take a debug-built test 14 s instead of 3.
    pub(crate) fn coverage(&self) -> Vec<(u32, u32)> {
        const SCANNED: u32 = 0x4_0000;
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for ch in (0..SCANNED).filter_map(char::from_u32) {
            if !self.has_glyph(ch) {
                continue;
            }
            let code = u32::from(ch);
            match ranges.last_mut() {
                Some((_, last)) if *last + 1 == code => *last = code,
                _ => ranges.push((code, code)),
            }
        }
        ranges
    }

    /// A measurer for one document (it caches, so it is not shared between threads).
    pub(crate) fn measure(&self) -> Measure<'_> {
        Measure {
            font: self,
            advances: RefCell::new(HashMap::new()),
            drawn: RefCell::new(HashMap::new()),
        }
    }

    fn lookup_advance(&self, ch: char) -> f32 {
        match self.parsed.lookup_glyph_index(u32::from(ch)) {
            Some(gid) => f32::from(self.parsed.get_horizontal_advance(gid)),
            None => self.missing_advance,
        }
    }

    /// A document-local copy of the face under `id`. The face's tables are shared, so this is cheap.
    pub(crate) fn pdf_font(&self) -> PdfFont {
        PdfFont::new(self.parsed.clone())
    }

    /// A resource name and subset tag derived from the characters used, so a document's name is stable for the
    /// same text (reproducible output) and differs between subsets (viewers cache fonts by name).
    pub(crate) fn subset_id<'a>(texts: impl Iterator<Item = &'a str>) -> FontId {
        // FNV-1a over the characters: no dependency, stable across Rust versions (unlike `DefaultHasher`).
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for text in texts {
            for byte in text.bytes() {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
        let tag: String = (0..6)
            .map(|i| {
                let letter = (hash >> (i * 10)) % 26;
                char::from(b'A' + u8::try_from(letter).unwrap_or(0))
            })
            .collect();
        FontId(tag)
    }
}

/// Measures text for one document, remembering the advance of each character it meets: the face's character
/// map is slow to search, and wrapping measures the same Chinese characters many times.
pub(crate) struct Measure<'f> {
    font: &'f FormFont,
    advances: RefCell<HashMap<char, f32>>,
    drawn: RefCell<HashMap<char, bool>>,
}

impl Measure<'_> {
    /// `text` as it is drawn: each character the face lacks replaced by [`MISSING`].
    pub(crate) fn printable<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if text.chars().all(|ch| self.draws(ch)) {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(
                text.chars()
                    .map(|ch| if self.draws(ch) { ch } else { MISSING })
                    .collect(),
            )
        }
    }

    fn draws(&self, ch: char) -> bool {
        ch == ' '
            || ch.is_ascii_graphic()
            || *self
                .drawn
                .borrow_mut()
                .entry(ch)
                .or_insert_with(|| self.font.has_glyph(ch))
    }

    /// The width of `text` in points at `size` points: the sum of the glyphs' advances, exactly what printpdf
    /// lays out (it maps one character to one glyph, without kerning).
    pub(crate) fn width_pt(&self, text: &str, size: f32) -> f32 {
        let mut advances = self.advances.borrow_mut();
        let units: f32 = text
            .chars()
            .map(|ch| match self.font.ascii_advances.get(ch as usize) {
                Some(&advance) => advance,
                None => *advances
                    .entry(ch)
                    .or_insert_with(|| self.font.lookup_advance(ch)),
            })
            .sum();
        units / self.font.units_per_em * size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_face_has_the_hkscs_characters_of_hong_kong_names() {
        let font = FormFont::load().unwrap();
        for ch in ['𨋢', '峯', '嘅', '陳', 'A', '–', '✓', '（', '）', '，'] {
            assert!(font.has_glyph(ch), "{ch} (U+{:04X}) missing", u32::from(ch));
        }
    }

    /// The core's table as its generated source file.
    fn coverage_source(ranges: &[(u32, u32)]) -> String {
        let mut source = String::from(
            "//! Generated from the forms' typeface (`src-tauri/forms/fonts/NotoSansHK-Regular.ttf`) by\n\
             //! `EHR_UPDATE_COVERAGE=1 cargo test -p ehr-forms --lib coverage`; a test there fails when the two disagree.\n\
             //! Do not edit: the characters the printed forms can draw, as inclusive ranges of code points, in order.\n\
             \n\
             #[rustfmt::skip]\n\
             pub(super) const PRINTABLE: &[(u32, u32)] = &[\n",
        );
        for line in ranges.chunks(8) {
            let cells: Vec<String> = line
                .iter()
                .map(|(first, last)| format!("(0x{first:X}, 0x{last:X}),"))
                .collect();
            source.push_str(&cells.join(" "));
            source.push('\n');
        }
        source.push_str("];\n");
        source
    }

    #[test]
    fn the_cores_coverage_table_is_the_bundled_faces() {
        let font = FormFont::load().unwrap();
        let ranges = font.coverage();
        let table = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../core/src/validation/printable.rs"
        );
        if std::env::var_os("EHR_UPDATE_COVERAGE").is_some() {
            std::fs::write(table, coverage_source(&ranges)).unwrap();
        }
        let update = "run EHR_UPDATE_COVERAGE=1 cargo test -p ehr-forms --lib coverage";
        let core = ehr_core::validation::printable_ranges();
        let first_difference = core.iter().zip(&ranges).find(|(a, b)| a != b);
        assert!(
            core == ranges.as_slice(),
            "the core's table is not the face's coverage (first difference {first_difference:?}, {} ranges \
             against {}): {update}",
            core.len(),
            ranges.len()
        );
        assert!(
            std::fs::read_to_string(table).unwrap() == coverage_source(&ranges),
            "{table} is not laid out as generated: {update}"
        );
        // What the core refuses is exactly what the face lacks.
        for ch in ['𨋢', '峯', '陳', 'A', '（', '😀', '김', 'م', '𠀀', 'Ł'] {
            assert_eq!(
                ehr_core::validation::is_printable(ch),
                font.has_glyph(ch),
                "{ch}"
            );
        }
    }

    #[test]
    fn the_face_draws_every_hkscs_ideograph() {
        // WHATWG's Big5 is Big5 with the Hong Kong Supplementary Character Set (HKSCS-2008): decode every
        // two-byte code and keep the ideographs, most of the HKSCS ones in CJK Extension B (𨋢 U+282E2).
        let font = FormFont::load().unwrap();
        let mut ideographs = 0;
        let mut missing = Vec::new();
        for lead in 0x81u8..=0xFE {
            for trail in (0x40u8..=0x7E).chain(0xA1..=0xFE) {
                let code = [lead, trail];
                let (text, _, _) = encoding_rs::BIG5.decode(&code);
                for ch in text.chars().filter(|c| is_ideograph(*c)) {
                    ideographs += 1;
                    if !font.has_glyph(ch) {
                        missing.push(format!("U+{:04X}", u32::from(ch)));
                    }
                }
            }
        }
        assert!(ideographs > 17_000, "{ideographs}");
        assert_eq!(missing, Vec::<String>::new());
    }

    fn is_ideograph(ch: char) -> bool {
        matches!(u32::from(ch), 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x2_0000..=0x3_134F)
    }

    #[test]
    fn widths_come_from_the_glyphs_not_a_fixed_pitch() {
        let font = FormFont::load().unwrap();
        let measure = font.measure();
        let narrow = measure.width_pt("iiii", 10.0);
        let wide = measure.width_pt("WWWW", 10.0);
        assert!(narrow > 0.0 && wide > 2.0 * narrow, "{narrow} vs {wide}");
        // Ideographs are one em wide in this face, measured the first time and from the cache.
        for _ in 0..2 {
            assert!((measure.width_pt("醫健通", 10.0) - 30.0).abs() < 0.5);
        }
        // A character the face lacks is as wide as the square drawn for it.
        assert_eq!(
            measure.width_pt("\u{10FFFD}", 10.0),
            measure.width_pt(&MISSING.to_string(), 10.0)
        );
    }

    #[test]
    fn what_the_face_lacks_is_drawn_as_a_visible_square() {
        let font = FormFont::load().unwrap();
        assert!(font.has_glyph(MISSING));
        let measure = font.measure();
        assert_eq!(measure.printable("scan 😀 김.pdf"), "scan □ □.pdf");
        assert_eq!(measure.printable("陳𠀀文"), "陳□文");
        assert!(matches!(
            measure.printable("李𨋢欣 CHAN Tai Man"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn subset_ids_are_six_capitals_and_follow_the_text() {
        let a = FormFont::subset_id(["李𨋢欣"].into_iter());
        assert_eq!(a, FormFont::subset_id(["李𨋢欣"].into_iter()));
        assert_ne!(a, FormFont::subset_id(["陳大文"].into_iter()));
        assert!(
            a.0.len() == 6 && a.0.chars().all(|c| c.is_ascii_uppercase()),
            "{}",
            a.0
        );
    }
}
