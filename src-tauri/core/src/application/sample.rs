//! A complete, valid sample application: for `ehr forms sample application`, training, demos and tests.

use super::{
    ApplicationDraft, ApplicationForm, ApplicationId, ApplicationStatus, Attachment, AttachmentId,
    Declarations, DocumentKind, HcpInformationInput, HslInput, MediaType, PersonInput, Submission,
    SubmissionChannel, UserInformationInput, sha256_hex,
};
use crate::time::Timestamp;
use crate::validation::CalendarDate;

/// The content of the sample's attached Business Registration certificate: a real (one blank page) PDF, so it
/// passes the same content checks as a scanned one.
pub const SAMPLE_CERTIFICATE: &[u8] = include_bytes!("sample-certificate.pdf");

/// A PDF of one blank A4 page with `note` as a comment after its header, its cross-reference table right:
/// a document that parses, for tests and demos that need one with content of their own.
pub fn one_page_pdf(note: &str) -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ];
    let mut pdf = format!("%PDF-1.4\n% {note}\n");
    let mut offsets = Vec::new();
    for (number, object) in (1..).zip(objects) {
        offsets.push(pdf.len());
        pdf.push_str(&format!("{number} 0 obj\n{object}\nendobj\n"));
    }
    let xref = pdf.len();
    let count = objects.len() + 1;
    pdf.push_str(&format!("xref\n0 {count}\n0000000000 65535 f \n"));
    for offset in offsets {
        pdf.push_str(&format!("{offset:010} 00000 n \n"));
    }
    pdf.push_str(&format!(
        "trailer\n<< /Size {count} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ));
    pdf.into_bytes()
}

/// The sample application as the Registration Office receives it: submitted by fax on 2025-11-25, its
/// certificate attached, every value fixed (id, dates) so what is made from it is the same on every run.
pub fn submitted_application() -> ApplicationDraft {
    let id = ApplicationId::parse("019ab3f2-c7b1-7d2e-9a44-0123456789ab")
        .unwrap_or_else(ApplicationId::generate);
    let certificate = Attachment {
        id: AttachmentId::parse("019ab3f2-c7b2-7000-8000-000000000001")
            .unwrap_or_else(AttachmentId::generate),
        kind: DocumentKind::BusinessRegistrationCertificate,
        file_name: "br-certificate-2025.pdf".into(),
        media_type: MediaType::Pdf,
        size: SAMPLE_CERTIFICATE.len() as u64,
        sha256: sha256_hex(SAMPLE_CERTIFICATE),
        added_at: Timestamp::from_millis(1_763_960_000_000),
    };
    ApplicationDraft {
        reference: id.reference(),
        id,
        status: ApplicationStatus::Submitted,
        created_at: Timestamp::from_millis(1_763_700_000_000),
        updated_at: Timestamp::from_millis(1_764_083_432_000),
        form: application_form(),
        documents: vec![certificate],
        submission: CalendarDate::parse("2025-11-25")
            .ok()
            .map(|date| Submission {
                channel: SubmissionChannel::Fax,
                date,
            }),
        version: super::FIRST_VERSION,
    }
}

/// A group practice with two locations (the second not included in this application), two user
/// administrators — one with an HKSCS character in her Chinese name — and an authorised person.
pub fn application_form() -> ApplicationForm {
    ApplicationForm {
        hcp_information: HcpInformationInput {
            name_en: "Harbour Family Medical Centre".into(),
            name_zh: "海港家庭醫療中心".into(),
            br_number: "12345678-000-01-24-3".into(),
            hcp_type: "group_practice".into(),
            address_line1: "Room 1203, 12/F, Harbour Commercial Building".into(),
            address_line2: "122 Connaught Road Central, Sheung Wan".into(),
            district: "central_and_western".into(),
            contact_name_en: "CHAN Tai Man".into(),
            contact_name_zh: "陳大文".into(),
            contact_position: "Practice manager".into(),
            phone: "2123 4567".into(),
            email: "registration@harbourfamily.com.hk".into(),
            fax: "2123 4568".into(),
        },
        user_information: UserInformationInput {
            administrators: vec![
                PersonInput {
                    name_en: "CHAN Tai Man".into(),
                    name_zh: "陳大文".into(),
                    hkid: "A123456(3)".into(),
                    position: "Practice manager".into(),
                    phone: "9123 4567".into(),
                    email: "taiman.chan@harbourfamily.com.hk".into(),
                },
                PersonInput {
                    name_en: "LEE Ka Yan".into(),
                    name_zh: "李𨋢欣".into(),
                    hkid: "CA182361(1)".into(),
                    position: "IT officer".into(),
                    phone: "6123 4567".into(),
                    email: "kayan.lee@harbourfamily.com.hk".into(),
                },
            ],
            authorised_person: PersonInput {
                name_en: "WONG Siu Ming".into(),
                name_zh: "黃小明".into(),
                hkid: "Z437626(A)".into(),
                position: "Director".into(),
                phone: "2123 4500".into(),
                email: "director@harbourfamily.com.hk".into(),
            },
        },
        hsls: vec![
            HslInput {
                name_en: "Harbour Family Medical Centre (Sheung Wan)".into(),
                name_zh: "海港家庭醫療中心（上環）".into(),
                address_line1: "Room 1203, 12/F, Harbour Commercial Building".into(),
                address_line2: "122 Connaught Road Central, Sheung Wan".into(),
                district: "central_and_western".into(),
                phone: "2123 4567".into(),
                opening_hours: "Mon–Fri 09:00–13:00, 14:30–19:00; Sat 09:00–13:00".into(),
                hcp_type: "group_practice".into(),
                patient_registration: true,
                record_system: "cms_on_ramp".into(),
                record_system_vendor: String::new(),
                included: true,
            },
            HslInput {
                name_en: "Harbour Family Medical Centre (Sha Tin)".into(),
                name_zh: "海港家庭醫療中心（沙田）".into(),
                address_line1: "Shop 8, G/F, Sha Tin Plaza".into(),
                address_line2: "21 Sha Tin Centre Street, Sha Tin".into(),
                district: "sha_tin".into(),
                phone: "2691 2345".into(),
                opening_hours: "Mon–Sat 09:00–18:00".into(),
                hcp_type: "group_practice".into(),
                patient_registration: false,
                record_system: "other_vendor".into(),
                record_system_vendor: "ClinicPro 5".into(),
                included: false,
            },
        ],
        declarations: Declarations {
            ordinance: true,
            code_of_practice: true,
            conditions: true,
        },
    }
}

#[cfg(test)]
mod pdf_tests {
    use super::*;

    #[test]
    fn the_sample_certificate_is_a_one_page_pdf() {
        assert_eq!(
            one_page_pdf("Business Registration Certificate 12345678-000-01-24-3"),
            SAMPLE_CERTIFICATE
        );
    }
}
