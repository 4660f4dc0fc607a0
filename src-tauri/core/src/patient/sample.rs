//! A complete, valid registration of a child with a parent as substitute decision maker: for
//! `ehr forms sample patient-registration`, the PDF tests and the benchmark.

use super::form::{ConsentInput, DocumentInput, PatientForm, SdmInput};

pub fn sample_patient_form() -> PatientForm {
    PatientForm {
        english_surname: "CHAN".into(),
        english_given_name: "Siu Ming".into(),
        chinese_name: "陳小明".into(),
        document: DocumentInput {
            document_type: "hkid".into(),
            document_number: "Y654321(7)".into(),
            issuing_country: String::new(),
        },
        date_of_birth: "2013-05-01".into(),
        sex: "M".into(),
        mobile_phone: "9123 4567".into(),
        other_phone: String::new(),
        email: "chan.family@example.com.hk".into(),
        address: "Flat 12A, Block 3, Harbour View Garden, 8 Hoi Wang Road, Yau Ma Tei, Kowloon"
            .into(),
        preferred_language: "zh-HK".into(),
        notification_channel: "sms".into(),
        consent: ConsentInput {
            joining: true,
            sharing: true,
            method: "signed_form".into(),
            unable_to_consent: false,
            sdm: SdmInput {
                relationship: "parent".into(),
                higher_priority_unavailable: false,
                english_name: "CHAN Tai Man".into(),
                chinese_name: "陳大文".into(),
                document: DocumentInput {
                    document_type: "hkid".into(),
                    document_number: "A123456(3)".into(),
                    issuing_country: String::new(),
                },
                phone: "6123 4567".into(),
            },
        },
        identity_source: "card".into(),
        read_from_card: vec![
            "englishSurname".into(),
            "englishGivenName".into(),
            "chineseName".into(),
            "documentType".into(),
            "documentNumber".into(),
            "dateOfBirth".into(),
            "sex".into(),
        ],
        duplicate_override: false,
    }
}
