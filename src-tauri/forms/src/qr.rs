//! The reference as a QR code, drawn as vector rectangles so it prints sharp at any resolution and needs no
//! image pipeline.

use qrcode::{Color, EcLevel, QrCode};

use crate::FormsError;

/// The quiet zone the QR specification requires around the symbol, in modules.
pub(crate) const QUIET_ZONE: usize = 4;

/// The dark modules of the symbol for `data` as horizontal runs: `(row, first column, length)`, in modules
/// from the top-left corner of the symbol (quiet zone excluded). Runs instead of single modules keep the page
/// stream short and leave no hairline gaps between neighbouring modules in viewers.
pub(crate) struct QrModules {
    pub(crate) width: usize,
    pub(crate) runs: Vec<(usize, usize, usize)>,
}

pub(crate) fn encode(data: &str) -> Result<QrModules, FormsError> {
    // Level M survives a fold or a smudge on a faxed page; the reference is short, so the symbol stays small.
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)?;
    let width = code.width();
    let colors = code.to_colors();
    let mut runs = Vec::new();
    for (row, line) in colors.chunks(width).enumerate() {
        let mut start = None;
        for (col, color) in line
            .iter()
            .chain(std::iter::once(&Color::Light))
            .enumerate()
        {
            match (color, start) {
                (Color::Dark, None) => start = Some(col),
                (Color::Light, Some(first)) => {
                    runs.push((row, first, col - first));
                    start = None;
                }
                _ => {}
            }
        }
    }
    Ok(QrModules { width, runs })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_makes_a_small_symbol_with_finder_patterns() {
        let qr = encode("HCP-B3F2-C7B1-9A44").unwrap();
        // 18 alphanumeric characters at level M fit version 1 (21 modules).
        assert_eq!(qr.width, 21);
        // The top-left finder pattern: its first row is a run of 7 dark modules.
        assert!(qr.runs.contains(&(0, 0, 7)));
        assert!(
            qr.runs
                .iter()
                .all(|&(row, col, len)| row < qr.width && len > 0 && col + len <= qr.width)
        );
    }
}
