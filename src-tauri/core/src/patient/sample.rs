//! A complete, valid registration of a child with a parent as substitute decision maker: for
//! `ehr forms sample patient-registration`, the PDF tests and the benchmark.

use super::form::{ConsentInput, PatientForm, SdmInput};

pub fn sample_patient_form() -> PatientForm {
    PatientForm {
        english_surname: "CHAN".into(),
        english_given_name: "Siu Ming".into(),
        chinese_name: "陳小明".into(),
        document_type: "hkid".into(),
        document_number: "Y654321(7)".into(),
        issuing_country: String::new(),
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
                document_type: "hkid".into(),
                document_number: "A123456(3)".into(),
                issuing_country: String::new(),
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
        card_read: None,
        duplicate_override: false,
    }
}

/// The sample form registered at a fixed moment (2026-11-25 10:30 in Hong Kong) by a fixed person, so a
/// printed sample is the same on every run.
pub fn sample_patient_record() -> Result<super::PatientRecord, Vec<crate::issue::Issue>> {
    use crate::application::Actor;
    use crate::time::Timestamp;
    let at = Timestamp::from_millis(1_795_573_800_000);
    let rules = super::ConsentRules::embedded()
        .and_then(|rules| rules.in_force_on(at.hong_kong_date()))
        .map_err(|_| vec![crate::issue::Issue::new(crate::issue::ErrorCode::Internal)])?;
    let registration = sample_patient_form().validate(rules, at.hong_kong_date())?;
    Ok(super::PatientRecord {
        id: super::PatientId::parse("019ac0a1-5b3e-7c4d-8e2f-00000000a001")
            .ok_or_else(|| vec![crate::issue::Issue::new(crate::issue::ErrorCode::Internal)])?,
        registration,
        registered_at: at,
        registered_by: Actor {
            user: "reception".into(),
            workstation: "FRONT-DESK-1".into(),
        },
        updated_at: at,
    })
}
