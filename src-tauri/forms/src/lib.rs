//! The form-rendering port on printpdf: eHR Desk's forms as bilingual (English and Traditional Chinese) A4
//! PDFs, ready to sign, chop and send to the eHR Registration Office.
//!
//! [`PdfRenderer`] implements [`ehr_core::ports::ApplicationRenderer`],
//! [`ehr_core::ports::PatientFormRenderer`], [`ehr_core::ports::AccountRequestRenderer`] and
//! [`ehr_core::ports::AmendmentRenderer`]. It embeds a subset of Noto Sans HK (so
//! HKSCS characters in names print, and a form stays small), wraps text by the font's own glyph widths, and
//! produces the same bytes for the same application: no clock, no random identifiers.
//!
//! The tests read the PDFs back with poppler-utils (`pdftotext`, `pdffonts`, `pdfinfo`, `pdftoppm`), which
//! must be installed; `EHR_UPDATE_GOLDEN=1` rewrites the golden text, `EHR_KEEP_PDF=DIR` keeps the PDFs.

mod account_request;
mod amendment;
mod application;
mod catalogue;
mod document;
mod fonts;
mod layout;
mod patient;
mod qr;
mod recovery;
mod signing;
mod title_block;

use ehr_core::amendment::AmendmentDocument;
use ehr_core::application::ApplicationDraft;
use ehr_core::patient::{ConsentRuleSet, PatientRecord};
use ehr_core::ports::{
    AccountRequestRenderer, AmendmentRenderer, ApplicationRenderer, PatientFormRenderer, PrintedBy,
    RenderFailure,
};
use ehr_core::staff::AccountRequestDocument;

/// Why a form could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum FormsError {
    #[error("the bundled font could not be read")]
    FontUnreadable,
    #[error("the reference cannot be drawn as a QR code: {0}")]
    QrCode(#[from] qrcode::types::QrError),
    #[error("timestamp {0} is outside the dates a PDF can carry")]
    DateOutOfRange(i64),
    #[error("the PDF could not be written: {0}")]
    Write(#[from] std::io::Error),
}

/// Renders applications as PDF forms. Create it once: it parses the bundled font (tens of milliseconds) and
/// reuses it for every form.
pub struct PdfRenderer {
    font: fonts::FormFont,
}

impl PdfRenderer {
    pub fn new() -> Result<Self, FormsError> {
        Ok(PdfRenderer {
            font: fonts::FormFont::load()?,
        })
    }

    /// The characters the bundled face draws, as inclusive ranges of code points in order: the core's
    /// `validation::printable_ranges` is this table, kept as data (a test checks they agree).
    pub fn coverage(&self) -> Vec<(u32, u32)> {
        self.font.coverage()
    }

    /// The application as the bilingual A4 form, as PDF bytes.
    pub fn render(&self, draft: &ApplicationDraft) -> Result<Vec<u8>, FormsError> {
        let composer = application::compose(&self.font, draft)?;
        let (pages, font_id) = composer.finish();
        let metadata = document::Metadata {
            title: format!("{} {}", application::TITLE.en, draft.reference),
            subject: draft.form.title(),
            identifier: draft.id.to_string(),
            created: draft.created_at.millis().div_euclid(1000),
            modified: draft.updated_at.millis().div_euclid(1000),
        };
        document::save(&self.font, font_id, pages, &metadata)
    }
}

impl PdfRenderer {
    /// The patient registration and consent form, as PDF bytes.
    pub fn render_patient(
        &self,
        record: &PatientRecord,
        rules: &ConsentRuleSet,
        printed: &PrintedBy,
    ) -> Result<Vec<u8>, FormsError> {
        let (pages, font_id) = patient::compose(&self.font, record, rules, printed).finish();
        let metadata = document::Metadata {
            title: patient::TITLE.joined(),
            subject: patient::TITLE.en.to_owned(),
            identifier: record.id.to_string(),
            created: record.registered_at.millis().div_euclid(1000),
            modified: printed.at.millis().div_euclid(1000),
        };
        document::save(&self.font, font_id, pages, &metadata)
    }
}

impl PdfRenderer {
    /// The User Account Creation Request for signature and chop, as PDF bytes.
    pub fn render_request(
        &self,
        document: &AccountRequestDocument,
        printed: &PrintedBy,
    ) -> Result<Vec<u8>, FormsError> {
        let (pages, font_id) = account_request::compose(&self.font, document, printed)?.finish();
        let request = &document.request;
        let metadata = document::Metadata {
            title: format!("{} {}", account_request::TITLE.en, request.reference),
            subject: account_request::TITLE.en.to_owned(),
            identifier: request.id.to_string(),
            created: request.created_at.millis().div_euclid(1000),
            modified: printed.at.millis().div_euclid(1000),
        };
        document::save(&self.font, font_id, pages, &metadata)
    }
}

impl PdfRenderer {
    /// An amendment's form for signature and chop, by its kind (HCP/HSL Amendment Form, Additional HSL Form,
    /// Withdrawal Request Form), as PDF bytes.
    pub fn render_amendment_form(
        &self,
        document: &AmendmentDocument,
        printed: &PrintedBy,
    ) -> Result<Vec<u8>, FormsError> {
        let (pages, font_id) = amendment::compose(&self.font, document, printed)?.finish();
        let amendment = &document.amendment;
        let title = amendment::title(amendment.kind);
        let metadata = document::Metadata {
            title: format!("{} {}", title.en, amendment.reference),
            subject: title.en.to_owned(),
            identifier: amendment.id.to_string(),
            created: amendment.created_at.millis().div_euclid(1000),
            modified: printed.at.millis().div_euclid(1000),
        };
        document::save(&self.font, font_id, pages, &metadata)
    }
}

impl PdfRenderer {
    /// The recovery key sheet, as PDF bytes: printed once, at setup.
    pub fn render_recovery_sheet(
        &self,
        office: &ehr_core::auth::Office,
        key: &ehr_core::auth::RecoveryKey,
        at: ehr_core::time::Timestamp,
    ) -> Result<Vec<u8>, FormsError> {
        let (pages, font_id) = recovery::compose(&self.font, office, key, at).finish();
        let metadata = document::Metadata {
            title: recovery::TITLE.joined(),
            subject: recovery::TITLE.en.to_owned(),
            identifier: office.name.clone(),
            created: at.millis().div_euclid(1000),
            modified: at.millis().div_euclid(1000),
        };
        document::save(&self.font, font_id, pages, &metadata)
    }
}

impl PatientFormRenderer for PdfRenderer {
    fn render_patient_registration(
        &self,
        record: &PatientRecord,
        rules: &ConsentRuleSet,
        printed: &PrintedBy,
    ) -> Result<Vec<u8>, RenderFailure> {
        self.render_patient(record, rules, printed)
            .map_err(RenderFailure::new)
    }
}

impl ApplicationRenderer for PdfRenderer {
    fn render_application(&self, draft: &ApplicationDraft) -> Result<Vec<u8>, RenderFailure> {
        self.render(draft).map_err(RenderFailure::new)
    }
}

impl AccountRequestRenderer for PdfRenderer {
    fn render_account_request(
        &self,
        document: &AccountRequestDocument,
        printed: &PrintedBy,
    ) -> Result<Vec<u8>, RenderFailure> {
        self.render_request(document, printed)
            .map_err(RenderFailure::new)
    }
}

impl AmendmentRenderer for PdfRenderer {
    fn render_amendment(
        &self,
        document: &AmendmentDocument,
        printed: &PrintedBy,
    ) -> Result<Vec<u8>, RenderFailure> {
        self.render_amendment_form(document, printed)
            .map_err(RenderFailure::new)
    }
}
