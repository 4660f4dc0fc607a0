//! The patient registration form: the fields of the paper form, exactly as typed (or read from a card), and
//! the one place where they are checked.

use serde::{Deserialize, Serialize};

use super::consent::{
    ConsentMethod, ConsentRequirements, ConsentRuleSet, SdmCase, SdmRelationship,
};
use crate::coded::coded_enum;
use crate::issue::{ErrorCode, Issue};
use crate::ports::IdentitySource;
use crate::preferences::Language;
use crate::validation::{
    CalendarDate, ChineseName, CountryCode, Email, EnglishName, Hkid, IssueCollector, NameKind,
    PhoneKind, PhoneNumber, Sex, ValueError, fold_width, free_text, refuse_hidden,
};

use crate::limits::PATIENT_ADDRESS_MAX as ADDRESS_MAX;

coded_enum! {
    /// The identity document a patient registers with.
    pub enum DocumentType {
        /// Hong Kong identity card.
        Hkid = "hkid",
        /// Hong Kong birth certificate: children under 11 have no identity card. Same number format.
        BirthCertificate = "birth_certificate",
        Passport = "passport",
        /// Any other travel or identity document, with its issuing country.
        Other = "other",
    }
}

coded_enum! {
    /// How eHealth notifies the patient.
    pub enum NotificationChannel {
        Sms = "sms",
        Email = "email",
        Post = "post",
        None = "none",
    }
}

/// A document number once checked: Hong Kong documents carry a check digit, others are kept as given.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum DocumentNumber {
    HongKong {
        number: Hkid,
    },
    Foreign {
        number: String,
        issuing_country: CountryCode,
    },
}

impl DocumentNumber {
    /// For lists and search: `A123***(3)`, or the first three and last character of a foreign number.
    pub fn masked(&self) -> String {
        match self {
            DocumentNumber::HongKong { number } => number.masked(),
            DocumentNumber::Foreign { number, .. } => {
                let shown: String = number.chars().take(3).collect();
                let last = number.chars().last().unwrap_or('?');
                format!("{shown}***{last}")
            }
        }
    }

    /// In full, as printed on the form for signature.
    pub fn full(&self) -> String {
        match self {
            DocumentNumber::HongKong { number } => number.as_str().to_owned(),
            DocumentNumber::Foreign {
                number,
                issuing_country,
            } => format!("{number} ({issuing_country})"),
        }
    }
}

/// A document type and number as typed. The forms carry these three fields themselves (serde's `flatten`
/// cannot refuse unknown keys); this gathers them for checking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentInput {
    pub document_type: String,
    pub document_number: String,
    /// Required for passports and other documents.
    pub issuing_country: String,
}

/// A checked identity document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct IdentityDocument {
    pub document_type: DocumentType,
    pub number: DocumentNumber,
}

impl DocumentInput {
    fn check(&self, path: &str, c: &mut IssueCollector) -> Option<IdentityDocument> {
        let f = |name: &str| format!("{path}{name}");
        let document_type = c.required(&f("documentType"), &self.document_type, |raw| {
            DocumentType::from_code(raw.trim())
                .ok_or_else(|| ValueError::new(ErrorCode::DocumentTypeUnknown))
        })?;
        let number = match document_type {
            DocumentType::Hkid | DocumentType::BirthCertificate => c
                .required(&f("documentNumber"), &self.document_number, Hkid::parse)
                .map(|number| DocumentNumber::HongKong { number }),
            DocumentType::Passport | DocumentType::Other => {
                let number =
                    c.required(&f("documentNumber"), &self.document_number, foreign_number);
                let country = c.required(
                    &f("issuingCountry"),
                    &self.issuing_country,
                    CountryCode::parse,
                );
                number
                    .zip(country)
                    .map(|(number, issuing_country)| DocumentNumber::Foreign {
                        number,
                        issuing_country,
                    })
            }
        }?;
        Some(IdentityDocument {
            document_type,
            number,
        })
    }
}

/// Passport and other numbers: 4 to 20 letters and digits once spaces and hyphens are dropped.
fn foreign_number(raw: &str) -> Result<String, ValueError> {
    refuse_hidden(raw)?;
    let number: String = fold_width(raw)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_ascii_uppercase();
    if (4..=20).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(number)
    } else {
        Err(ValueError::new(ErrorCode::DocumentNumberFormat))
    }
}

/// The substitute decision maker, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct SdmInput {
    pub relationship: String,
    /// Ticked when the relationship is not the first on the priority list: nobody of higher priority is
    /// available or willing.
    pub higher_priority_unavailable: bool,
    pub english_name: String,
    pub chinese_name: String,
    pub document_type: String,
    pub document_number: String,
    pub issuing_country: String,
    pub phone: String,
}

/// Consent as recorded at the desk.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ConsentInput {
    pub joining: bool,
    pub sharing: bool,
    /// A [`ConsentMethod`] code; needed when sharing consent is given.
    pub method: String,
    /// The patient is 16 or over but unable to give consent.
    pub unable_to_consent: bool,
    pub sdm: SdmInput,
}

/// The whole registration form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct PatientForm {
    pub english_surname: String,
    pub english_given_name: String,
    pub chinese_name: String,
    /// A [`DocumentType`] code.
    pub document_type: String,
    pub document_number: String,
    /// Required for passports and other documents.
    pub issuing_country: String,
    pub date_of_birth: String,
    pub sex: String,
    pub mobile_phone: String,
    pub other_phone: String,
    pub email: String,
    pub address: String,
    /// A [`Language`] code.
    pub preferred_language: String,
    /// A [`NotificationChannel`] code.
    pub notification_channel: String,
    pub consent: ConsentInput,
    /// Where the identity fields came from; blank means typed. Shown, never trusted: the core sets it from
    /// `card_read` (see `CardReads`).
    pub identity_source: String,
    /// The fields filled from the card and not changed since (camelCase names), marked on screen and paper.
    /// Shown, never trusted, like `identity_source`.
    pub read_from_card: Vec<String>,
    /// The core's handle for the card read that filled the identity fields.
    pub card_read: Option<super::CardReadId>,
    /// The person at the desk confirmed that a possible duplicate is a different patient.
    pub duplicate_override: bool,
}

/// The substitute decision maker once checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SubstituteDecisionMaker {
    pub case: SdmCase,
    pub relationship: SdmRelationship,
    /// Position on the priority list, from 1.
    pub priority: u8,
    pub english_name: EnglishName,
    pub chinese_name: Option<ChineseName>,
    pub document: IdentityDocument,
    pub phone: Option<PhoneNumber>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Consent {
    /// The rules version the consent was taken under.
    pub rules_version: String,
    pub joining: bool,
    pub sharing: bool,
    pub method: Option<ConsentMethod>,
    pub sdm: Option<SubstituteDecisionMaker>,
}

/// A registration once every rule holds: what is stored, printed and listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PatientRegistration {
    pub english_surname: EnglishName,
    pub english_given_name: Option<EnglishName>,
    pub chinese_name: Option<ChineseName>,
    pub document: IdentityDocument,
    pub date_of_birth: CalendarDate,
    pub sex: Sex,
    pub mobile_phone: Option<PhoneNumber>,
    pub other_phone: Option<PhoneNumber>,
    pub email: Option<Email>,
    pub address: Option<String>,
    pub preferred_language: Language,
    pub notification_channel: NotificationChannel,
    pub consent: Consent,
    pub identity_source: IdentitySource,
    pub read_from_card: Vec<String>,
}

impl IdentityDocument {
    fn to_input(&self) -> DocumentInput {
        let (number, country) = match &self.number {
            DocumentNumber::HongKong { number } => (number.as_str().to_owned(), String::new()),
            DocumentNumber::Foreign {
                number,
                issuing_country,
            } => (number.clone(), issuing_country.to_string()),
        };
        DocumentInput {
            document_type: self.document_type.code().to_owned(),
            document_number: number,
            issuing_country: country,
        }
    }
}

impl PatientRegistration {
    /// Back to the form, to change a registration: validating the result gives this registration again.
    pub fn to_form(&self) -> PatientForm {
        let text = |value: Option<String>| value.unwrap_or_default();
        let consent = &self.consent;
        let sdm = consent
            .sdm
            .as_ref()
            .map(|sdm| {
                let mut input = SdmInput {
                    relationship: sdm.relationship.code().to_owned(),
                    higher_priority_unavailable: sdm.priority > 1,
                    english_name: sdm.english_name.to_string(),
                    chinese_name: text(sdm.chinese_name.as_ref().map(ToString::to_string)),
                    phone: text(sdm.phone.as_ref().map(|p| p.as_str().to_owned())),
                    ..SdmInput::default()
                };
                input.set_document(sdm.document.to_input());
                input
            })
            .unwrap_or_default();
        let mut form = PatientForm {
            english_surname: self.english_surname.to_string(),
            english_given_name: text(self.english_given_name.as_ref().map(ToString::to_string)),
            chinese_name: text(self.chinese_name.as_ref().map(ToString::to_string)),
            date_of_birth: self.date_of_birth.entry(),
            sex: self.sex.code().to_owned(),
            mobile_phone: text(self.mobile_phone.as_ref().map(|p| p.national())),
            other_phone: text(self.other_phone.as_ref().map(|p| p.national())),
            email: text(self.email.as_ref().map(ToString::to_string)),
            address: text(self.address.clone()),
            preferred_language: self.preferred_language.code().to_owned(),
            notification_channel: self.notification_channel.code().to_owned(),
            consent: ConsentInput {
                joining: consent.joining,
                sharing: consent.sharing,
                method: text(consent.method.map(|m| m.code().to_owned())),
                unable_to_consent: consent
                    .sdm
                    .as_ref()
                    .is_some_and(|s| s.case == SdmCase::Unable),
                sdm,
            },
            identity_source: self.identity_source.code().to_owned(),
            read_from_card: self.read_from_card.clone(),
            duplicate_override: false,
            ..PatientForm::default()
        };
        form.set_document(self.document.to_input());
        form
    }

    /// `CHAN Tai Man`.
    pub fn english_name(&self) -> String {
        match &self.english_given_name {
            Some(given) => format!("{} {given}", self.english_surname),
            None => self.english_surname.to_string(),
        }
    }
}

/// The three document fields of a form, gathered and set together.
macro_rules! document_fields {
    ($form:ty) => {
        impl $form {
            pub fn document(&self) -> DocumentInput {
                DocumentInput {
                    document_type: self.document_type.clone(),
                    document_number: self.document_number.clone(),
                    issuing_country: self.issuing_country.clone(),
                }
            }

            pub fn set_document(&mut self, document: DocumentInput) {
                self.document_type = document.document_type;
                self.document_number = document.document_number;
                self.issuing_country = document.issuing_country;
            }
        }
    };
}

document_fields!(PatientForm);

/// Nothing beyond the bounds every input has (its one list, `readFromCard`, is short by nature).
impl crate::input::Bounded for PatientForm {}
document_fields!(SdmInput);

impl PatientForm {
    /// The form with a card's identity fields filled in and marked as read from the card; whatever else was
    /// typed stays.
    pub fn with_identity(
        mut self,
        identity: &super::Identity,
        source: IdentitySource,
    ) -> PatientForm {
        let raw = identity.to_raw();
        self.english_surname = raw.english_surname;
        self.english_given_name = raw.english_given_name;
        self.chinese_name = raw.chinese_name;
        self.set_document(DocumentInput {
            document_type: DocumentType::Hkid.code().to_owned(),
            document_number: raw.hkid,
            issuing_country: String::new(),
        });
        self.date_of_birth = identity.date_of_birth.entry();
        self.sex = raw.sex;
        self.identity_source = source.code().to_owned();
        self.read_from_card = [
            "englishSurname",
            "englishGivenName",
            "chineseName",
            "documentType",
            "documentNumber",
            "dateOfBirth",
            "sex",
        ]
        .into_iter()
        .filter(|field| match *field {
            "englishGivenName" => identity.english_given_name.is_some(),
            "chineseName" => identity.chinese_name.is_some(),
            _ => true,
        })
        .map(str::to_owned)
        .collect();
        self
    }

    /// The value of one of the identity fields a card fills, by its camelCase name.
    pub fn identity_field(&self, name: &str) -> Option<&str> {
        Some(match name {
            "englishSurname" => &self.english_surname,
            "englishGivenName" => &self.english_given_name,
            "chineseName" => &self.chinese_name,
            "documentType" => &self.document_type,
            "documentNumber" => &self.document_number,
            "dateOfBirth" => &self.date_of_birth,
            "sex" => &self.sex,
            _ => return None,
        })
    }

    /// The date of birth if it is a valid date, to work out who must consent.
    pub fn date_of_birth(&self) -> Option<CalendarDate> {
        CalendarDate::parse(&self.date_of_birth).ok()
    }

    pub fn requirements(&self, rules: &ConsentRuleSet, today: CalendarDate) -> ConsentRequirements {
        // A date of birth in the future (or too long ago) is an error of its own, not a newborn needing an SDM.
        let born = self
            .date_of_birth()
            .filter(|dob| dob.check_birth(today).is_ok());
        rules.requirements(born, self.consent.unable_to_consent, today)
    }

    /// Checks every field against `rules` (the version in force `today`). All problems come back at once.
    pub fn validate(
        &self,
        rules: &ConsentRuleSet,
        today: CalendarDate,
    ) -> Result<PatientRegistration, Vec<Issue>> {
        let mut c = IssueCollector::new();
        let person = |raw: &str| EnglishName::parse(raw, NameKind::Person);
        let english_surname = c.required("englishSurname", &self.english_surname, person);
        let english_given_name = c.optional("englishGivenName", &self.english_given_name, person);
        let chinese_name = c.optional("chineseName", &self.chinese_name, |raw| {
            ChineseName::parse(raw, NameKind::Person)
        });
        let document = self.document().check("", &mut c);
        let date_of_birth = c.required("dateOfBirth", &self.date_of_birth, |raw| {
            CalendarDate::parse_birth(raw, today)
        });
        let sex = c.required("sex", &self.sex, Sex::parse);
        // The one number an SMS must reach: a mobile. Every other phone may be any kind of line.
        let mobile_phone = c.optional("mobilePhone", &self.mobile_phone, |raw| {
            let phone = PhoneNumber::parse(raw)?;
            match phone.kind() {
                Some(PhoneKind::Mobile) => Ok(phone),
                _ => Err(ValueError::new(ErrorCode::MobileNeeded)),
            }
        });
        let other_phone = c.optional("otherPhone", &self.other_phone, PhoneNumber::parse);
        let email = c.optional("email", &self.email, Email::parse);
        let address = c.optional("address", &self.address, |raw| free_text(raw, ADDRESS_MAX));
        let preferred_language = c.required("preferredLanguage", &self.preferred_language, |raw| {
            Language::from_code(raw.trim())
                .ok_or_else(|| ValueError::new(ErrorCode::LanguageUnknown))
        });
        let notification_channel =
            c.required("notificationChannel", &self.notification_channel, |raw| {
                NotificationChannel::from_code(raw.trim())
                    .ok_or_else(|| ValueError::new(ErrorCode::NotificationChannelUnknown))
            });
        if let Some(channel) = notification_channel {
            let (field, given) = match channel {
                NotificationChannel::Sms => ("mobilePhone", &self.mobile_phone),
                NotificationChannel::Email => ("email", &self.email),
                NotificationChannel::Post => ("address", &self.address),
                NotificationChannel::None => ("", &String::new()),
            };
            if !field.is_empty() && given.trim().is_empty() {
                c.push(
                    Issue::new(ErrorCode::ChannelNeedsContact)
                        .at(field)
                        .with("channel", channel),
                );
            }
        }
        let identity_source = if self.identity_source.trim().is_empty() {
            Some(IdentitySource::Manual)
        } else {
            IdentitySource::from_code(self.identity_source.trim())
        };
        let requirements = self.requirements(rules, today);
        let consent = self.consent.check(&requirements, document.as_ref(), &mut c);
        let issues = c.into_issues();
        if !issues.is_empty() {
            return Err(issues);
        }
        match (
            english_surname,
            english_given_name,
            chinese_name,
            document,
            date_of_birth,
            sex,
            mobile_phone,
            other_phone,
            email,
            address,
            preferred_language,
            notification_channel,
            consent,
        ) {
            (
                Some(english_surname),
                Some(english_given_name),
                Some(chinese_name),
                Some(document),
                Some(date_of_birth),
                Some(sex),
                Some(mobile_phone),
                Some(other_phone),
                Some(email),
                Some(address),
                Some(preferred_language),
                Some(notification_channel),
                Some(consent),
            ) => Ok(PatientRegistration {
                english_surname,
                english_given_name,
                chinese_name,
                document,
                date_of_birth,
                sex,
                mobile_phone,
                other_phone,
                email,
                address,
                preferred_language,
                notification_channel,
                consent,
                identity_source: identity_source.unwrap_or(IdentitySource::Manual),
                read_from_card: self.read_from_card.clone(),
            }),
            // Every `None` above pushed an issue, so this arm is not reached; answer safely all the same.
            _ => Err(vec![Issue::new(ErrorCode::Internal)]),
        }
    }
}

impl ConsentInput {
    fn check(
        &self,
        requirements: &ConsentRequirements,
        patient_document: Option<&IdentityDocument>,
        c: &mut IssueCollector,
    ) -> Option<Consent> {
        if !self.joining {
            c.push(Issue::new(ErrorCode::JoiningConsentMissing).at("consent.joining"));
        }
        let method = if self.sharing {
            c.required("consent.method", &self.method, |raw| {
                ConsentMethod::from_code(raw.trim())
                    .filter(|m| requirements.rules.methods.contains(m))
                    .ok_or_else(|| ValueError::new(ErrorCode::ConsentMethodUnknown))
            })
            .map(Some)
        } else {
            Some(None)
        };
        let sdm = match requirements.sdm_case {
            None => Some(None),
            Some(case) => self
                .sdm
                .check(case, &requirements.sdm_relationships, patient_document, c)
                .map(Some),
        };
        Some(Consent {
            rules_version: requirements.rules.version.clone(),
            joining: self.joining,
            sharing: self.sharing,
            method: method?,
            sdm: sdm?,
        })
    }
}

impl SdmInput {
    fn check(
        &self,
        case: SdmCase,
        allowed: &[SdmRelationship],
        patient_document: Option<&IdentityDocument>,
        c: &mut IssueCollector,
    ) -> Option<SubstituteDecisionMaker> {
        let path = "consent.sdm.";
        let relationship = c.required("consent.sdm.relationship", &self.relationship, |raw| {
            SdmRelationship::from_code(raw.trim())
                .filter(|r| allowed.contains(r))
                .ok_or_else(|| {
                    ValueError::new(ErrorCode::SdmRelationshipNotAllowed).with("case", case)
                })
        });
        let priority = relationship.and_then(|r| allowed.iter().position(|a| *a == r));
        if let Some(position) = priority
            && position > 0
            && !self.higher_priority_unavailable
        {
            c.push(
                Issue::new(ErrorCode::SdmPriorityUnconfirmed)
                    .at("consent.sdm.higherPriorityUnavailable"),
            );
        }
        let english_name = c.required("consent.sdm.englishName", &self.english_name, |raw| {
            EnglishName::parse(raw, NameKind::Person)
        });
        let chinese_name = c.optional("consent.sdm.chineseName", &self.chinese_name, |raw| {
            ChineseName::parse(raw, NameKind::Person)
        });
        let document = self.document().check(path, c);
        if let (Some(own), Some(patient)) = (&document, patient_document)
            && own.number == patient.number
        {
            c.push(Issue::new(ErrorCode::SdmIsThePatient).at("consent.sdm.documentNumber"));
        }
        let phone = c.optional("consent.sdm.phone", &self.phone, PhoneNumber::parse);
        Some(SubstituteDecisionMaker {
            case,
            relationship: relationship?,
            priority: u8::try_from(priority? + 1).unwrap_or(u8::MAX),
            english_name: english_name?,
            chinese_name: chinese_name?,
            document: document?,
            phone: phone?,
        })
    }
}
