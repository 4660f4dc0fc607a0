//! Whether a document is what its first bytes claim: a PDF that lopdf parses and that has a page, a PNG
//! or JPEG whose header the image-rs decoders read. Content is never decoded further than that.

use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};

use ehr_core::application::MediaType;
use ehr_core::ports::DocumentInspector;

/// The document inspector of eHR Desk, for attached files and for the documents in a package.
#[derive(Debug, Default, Clone, Copy)]
pub struct ContentInspector;

impl DocumentInspector for ContentInspector {
    fn is_readable(&self, media_type: MediaType, content: &[u8]) -> bool {
        // The parsers read hostile bytes: a panic in one is a refusal, not a crash of the app.
        catch_unwind(AssertUnwindSafe(|| match media_type {
            MediaType::Pdf => pdf_has_pages(content),
            MediaType::Png => png_header_reads(content),
            MediaType::Jpeg => jpeg_header_reads(content),
        }))
        .unwrap_or(false)
    }
}

fn pdf_has_pages(content: &[u8]) -> bool {
    lopdf::Document::load_mem(content).is_ok_and(|document| !document.get_pages().is_empty())
}

fn png_header_reads(content: &[u8]) -> bool {
    png::Decoder::new(Cursor::new(content))
        .read_info()
        .is_ok_and(|reader| {
            let info = reader.info();
            info.width > 0 && info.height > 0
        })
}

fn jpeg_header_reads(content: &[u8]) -> bool {
    let mut decoder =
        zune_jpeg::JpegDecoder::new(zune_jpeg::zune_core::bytestream::ZCursor::new(content));
    decoder.decode_headers().is_ok()
        && decoder
            .dimensions()
            .is_some_and(|(width, height)| width > 0 && height > 0)
}
