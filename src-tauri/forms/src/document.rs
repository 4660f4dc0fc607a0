//! Turns laid-out pages into PDF bytes: the font subset embedded, and nothing that changes between two renders
//! of the same application, so a printed form can be compared byte for byte with a golden copy.

use printpdf::{FontId, PdfDocument, PdfPage, PdfSaveOptions};

use crate::FormsError;
use crate::fonts::FormFont;

/// What the document says about itself; dates come from the application, never from the clock.
pub(crate) struct Metadata {
    pub title: String,
    pub subject: String,
    pub identifier: String,
    /// Seconds since the Unix epoch.
    pub created: i64,
    pub modified: i64,
}

pub(crate) fn save(
    font: &FormFont,
    font_id: FontId,
    pages: Vec<PdfPage>,
    metadata: &Metadata,
) -> Result<Vec<u8>, FormsError> {
    let mut doc = PdfDocument::new(&metadata.title);
    // Registered under the caller's id (not `add_font`'s random one) so resource and subset names are stable.
    doc.resources.fonts.map.insert(font_id, font.pdf_font());
    let info = &mut doc.metadata.info;
    info.subject = metadata.subject.clone();
    info.identifier = metadata.identifier.clone();
    info.creator = "eHR Desk".to_owned();
    info.producer = "eHR Desk (printpdf)".to_owned();
    info.creation_date = pdf_date(metadata.created)?;
    info.modification_date = pdf_date(metadata.modified)?;
    info.metadata_date = info.modification_date;
    doc.pages = pages;

    let options = PdfSaveOptions {
        subset_fonts: true,
        optimize: true,
        ..PdfSaveOptions::default()
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&options, &mut warnings);
    // printpdf draws the trailer /ID from a process-wide counter, so it differs between renders; derive it from
    // the application instead (the ID only has to tell documents apart).
    let id = lopdf::Object::String(
        metadata.identifier.as_bytes().to_vec(),
        lopdf::StringFormat::Literal,
    );
    lo.trailer
        .set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    // printpdf writes an empty PDF/X version, which makes readers report the file as PDF/X; it is not.
    if let Ok(info) = lo
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        && let Ok(lopdf::Object::Dictionary(dict)) = lo.get_object_mut(info)
    {
        dict.remove(b"GTS_PDFXVersion");
    }
    lo.compress();
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)?;
    Ok(bytes)
}

fn pdf_date(seconds: i64) -> Result<printpdf::OffsetDateTime, FormsError> {
    printpdf::OffsetDateTime::from_unix_timestamp(seconds)
        .map_err(|_| FormsError::DateOutOfRange(seconds))
}
