//! Patient registration at the front desk: identity (from a card or typed), the registration form, consent
//! under versioned rules, and the clinic's register.

mod card_reads;
mod consent;
mod form;
mod identity;
mod index_terms;
mod register;
mod sample;
mod service;

pub use card_reads::{CardReadId, CardReads};
pub use consent::{
    Bilingual, ConsentMethod, ConsentRequirements, ConsentRuleSet, ConsentRules, ConsentStatements,
    RulesError, SdmCase, SdmRelationship, SdmRelationships, age_on,
};
pub use form::{
    Consent, ConsentInput, DocumentInput, DocumentNumber, DocumentType, IdentityDocument,
    NotificationChannel, PatientForm, PatientRegistration, SdmInput, SubstituteDecisionMaker,
};
pub use identity::{Identity, RawIdentity};
pub use index_terms::{IndexTerms, SearchTerms, Term};
pub use register::{
    FIRST_PATIENT_VERSION, PatientId, PatientRecord, PatientSummary, StoredPatient,
};
pub use sample::{sample_patient_form, sample_patient_record};
pub use service::{PatientCheck, Patients};

#[cfg(test)]
mod tests;
