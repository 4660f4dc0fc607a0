//! The document-inspection port: whether a file's content really is the type its first bytes claim.
//!
//! The core recognises a type by its magic bytes (`MediaType::sniff`); parsing a PDF or an image header
//! needs a parser, which is adapter technology, so it sits behind this port.

use crate::application::MediaType;

pub trait DocumentInspector: Send + Sync {
    /// Whether `content` reads as a `media_type`: a PDF that parses and has a page, an image whose header is
    /// whole. Called only on content whose magic bytes already match `media_type`.
    fn is_readable(&self, media_type: MediaType, content: &[u8]) -> bool;
}
