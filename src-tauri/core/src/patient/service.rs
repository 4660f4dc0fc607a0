//! Use cases of the front desk, the same for the desktop app and the CLI: read a card, check and register a
//! patient, search the register, open and print a registration — each read or change of personal data
//! written to the audit trail.

use super::Identity;
use super::SearchTerms;
use super::card_reads::CardReads;
use super::consent::{ConsentRequirements, ConsentRuleSet, ConsentRules};
use super::form::PatientForm;
use super::register::{PatientId, PatientRecord, PatientSummary, StoredPatient};
use crate::application::Actor;
use crate::auth::{Permission, Principal};
use crate::error::CoreError;
use crate::issue::{ErrorCode, Issue};
use crate::ports::{
    AuditAction, AuditEntry, Clock, Destination, IdentityReader, IdentitySource, Listing,
    PatientFormRenderer, PatientWrite, PrintedBy, Storage, write_then_record,
};
use crate::validation::CalendarDate;

/// What the form needs to show after each change: the rules' requirements and every open issue (errors,
/// and duplicate warnings once the fields are valid).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PatientCheck {
    pub requirements: ConsentRequirements,
    pub issues: Vec<Issue>,
}

pub struct Patients<'a> {
    store: &'a dyn Storage,
    clock: &'a dyn Clock,
    rules: &'a ConsentRules,
    principal: &'a Principal,
    actor: Actor,
    /// The desk's card reads, for forms that cite one (the CLI reads cards but registers no one).
    reads: Option<&'a CardReads>,
}

impl<'a> Patients<'a> {
    pub fn new(
        store: &'a dyn Storage,
        clock: &'a dyn Clock,
        rules: &'a ConsentRules,
        principal: &'a Principal,
    ) -> Self {
        Patients {
            store,
            clock,
            rules,
            principal,
            actor: principal.actor(),
            reads: None,
        }
    }

    /// With the desk's card reads: a read is recorded there, and a form citing one is filled from it.
    pub fn with_card_reads(mut self, reads: &'a CardReads) -> Self {
        self.reads = Some(reads);
        self
    }

    fn today(&self) -> CalendarDate {
        self.clock.now().hong_kong_date()
    }

    fn rules_today(&self) -> Result<&'a ConsentRuleSet, CoreError> {
        Ok(self.rules.in_force_on(self.today())?)
    }

    fn entry(&self, action: AuditAction, subject: &str) -> AuditEntry {
        AuditEntry {
            at: self.clock.now(),
            actor: self.actor.clone(),
            action,
            subject: subject.to_owned(),
        }
    }

    async fn audit(&self, action: AuditAction, subject: &str) -> Result<(), CoreError> {
        Ok(self.store.record(&self.entry(action, subject)).await?)
    }

    /// Reads the identity card in `reader` and records the read (by the card's masked number). Blocks while
    /// the card is read: call it off an async runtime's worker threads.
    pub async fn read_card(&self, reader: &dyn IdentityReader) -> Result<Identity, CoreError> {
        self.principal.require(Permission::CardRead)?;
        let identity = reader.read_identity()?;
        self.audit(AuditAction::CardRead, &identity.hkid.masked())
            .await?;
        Ok(identity)
    }

    /// Reads the card in `reader` (an audited read) and answers `form` with the card's identity fields filled
    /// in, marked, and citing the read's handle; whatever else was typed stays. Blocks while the card is read.
    pub async fn read_card_into(
        &self,
        reader: &dyn IdentityReader,
        source: IdentitySource,
        form: PatientForm,
    ) -> Result<PatientForm, CoreError> {
        let identity = self.read_card(reader).await?;
        let reads = self.reads.ok_or(CoreError::invalid(
            Issue::new(ErrorCode::CardReadExpired).at("cardRead"),
        ))?;
        let mut form = form.with_identity(&identity, source);
        form.card_read =
            Some(reads.record(identity, source, self.principal.user(), self.clock.now()));
        Ok(form)
    }

    /// Spends the read a stored registration cited: it serves one registration.
    fn spend(&self, form: &PatientForm) {
        if let (Some(reads), Some(id)) = (self.reads, &form.card_read) {
            reads.find(id, self.principal.user(), self.clock.now(), true);
        }
    }

    /// `form` with its card marks decided here, not by whoever sent it. With a read handle, the identity
    /// fields that still hold what the card gave are marked (the others were changed by hand); without one, a
    /// change keeps the marks of the registration's unchanged fields, and a new registration has none.
    fn card_marked(
        &self,
        form: &PatientForm,
        registered: Option<&super::PatientRegistration>,
    ) -> Result<PatientForm, CoreError> {
        let mut marked = form.clone();
        marked.identity_source = String::new();
        marked.read_from_card.clear();
        let (reference, source) = match &form.card_read {
            Some(id) => {
                let read = self.reads.and_then(|reads| {
                    reads.find(id, self.principal.user(), self.clock.now(), false)
                });
                let Some((identity, source)) = read else {
                    return Err(CoreError::invalid(
                        Issue::new(ErrorCode::CardReadExpired).at("cardRead"),
                    ));
                };
                (form.clone().with_identity(&identity, source), source)
            }
            None => match registered {
                Some(registration) if !registration.read_from_card.is_empty() => {
                    let mut was = registration.to_form();
                    was.read_from_card = registration.read_from_card.clone();
                    (was, registration.identity_source)
                }
                _ => return Ok(marked),
            },
        };
        marked.read_from_card = reference
            .read_from_card
            .iter()
            .filter(|field| form.identity_field(field) == reference.identity_field(field))
            .cloned()
            .collect();
        if !marked.read_from_card.is_empty() {
            marked.identity_source = source.code().to_owned();
        }
        marked.card_read = None;
        Ok(marked)
    }

    /// The form's requirements and issues, as the person types; `editing` is the registration being changed
    /// (it is not its own duplicate).
    pub async fn check(
        &self,
        form: &PatientForm,
        editing: Option<&PatientId>,
    ) -> Result<PatientCheck, CoreError> {
        self.principal.require(Permission::PatientRegister)?;
        crate::input::within_bounds(form)?;
        let form = &self.card_marked(form, None)?;
        let rules = self.rules_today()?;
        let today = self.today();
        let requirements = form.requirements(rules, today);
        let issues = match form.validate(rules, today) {
            Err(issues) => issues,
            Ok(registration) => self.duplicates(&registration, editing).await?,
        };
        Ok(PatientCheck {
            requirements,
            issues,
        })
    }

    /// Registers the patient. Refused with every issue when a rule breaks, and with the duplicate warnings
    /// unless the form says the person at the desk overrode them.
    pub async fn register(&self, form: &PatientForm) -> Result<PatientRecord, CoreError> {
        self.principal.require(Permission::PatientRegister)?;
        let registration = self.checked(form, None).await?;
        let now = self.clock.now();
        let record = PatientRecord {
            id: PatientId::generate(),
            registration,
            registered_at: now,
            registered_by: self.actor.clone(),
            updated_at: now,
        };
        let audit = self.entry(AuditAction::Registered, record.id.as_str());
        let written = self
            .store
            .insert_patient(&record, form.duplicate_override, &audit)
            .await?;
        self.written(written, &record).await?;
        self.spend(form);
        Ok(record)
    }

    /// Replaces a registration's fields, keeping who registered it and when. `version` is the one the form
    /// was made from: when another desk has saved since, nothing is written and the answer says who and
    /// when ([`CoreError::Stale`]).
    pub async fn update(
        &self,
        id: &PatientId,
        version: u64,
        form: &PatientForm,
    ) -> Result<StoredPatient, CoreError> {
        self.principal.require(Permission::PatientRegister)?;
        let mut record = self.find(id).await?.record;
        record.registration = self.checked(form, Some(&record)).await?;
        record.updated_at = self.clock.now();
        let audit = self.entry(AuditAction::Changed, id.as_str());
        let written = self
            .store
            .update_patient(&record, version, form.duplicate_override, &audit)
            .await?;
        self.written(written, &record).await?;
        self.spend(form);
        Ok(StoredPatient {
            record,
            version: version + 1,
        })
    }

    /// A write the database refused as a duplicate: another desk registered the same document between
    /// this one's check and its save. Answered as the check would have.
    async fn written_duplicate(&self, record: &PatientRecord) -> Result<CoreError, CoreError> {
        let issues = self
            .duplicates(&record.registration, Some(&record.id))
            .await?;
        Ok(CoreError::Invalid(if issues.is_empty() {
            vec![
                Issue::new(ErrorCode::DuplicateDocument)
                    .at("documentNumber")
                    .warning(),
            ]
        } else {
            issues
        }))
    }

    async fn written(
        &self,
        written: PatientWrite,
        record: &PatientRecord,
    ) -> Result<(), CoreError> {
        match written {
            PatientWrite::Saved => Ok(()),
            PatientWrite::Missing => Err(CoreError::PatientNotFound(record.id.clone())),
            PatientWrite::DuplicateDocument => Err(self.written_duplicate(record).await?),
            PatientWrite::Stale(change) => Err(CoreError::Stale(change)),
        }
    }

    /// The duplicate warnings for `registration`: the registrations the index names as sharing its document
    /// or its name and date of birth, checked exactly. `editing` is not its own duplicate.
    async fn duplicates(
        &self,
        registration: &super::PatientRegistration,
        editing: Option<&PatientId>,
    ) -> Result<Vec<Issue>, CoreError> {
        Ok(self
            .store
            .possible_duplicates(registration)
            .await?
            .items
            .iter()
            .filter(|r| Some(&r.id) != editing)
            .flat_map(|r| r.duplicate_issues(registration))
            .collect())
    }

    async fn checked(
        &self,
        form: &PatientForm,
        editing: Option<&PatientRecord>,
    ) -> Result<super::PatientRegistration, CoreError> {
        crate::input::within_bounds(form)?;
        // Only looked at here: a registration refused (a duplicate to confirm) keeps its read for the retry.
        let form = &self.card_marked(form, editing.map(|r| &r.registration))?;
        let editing = editing.map(|r| &r.id);
        let rules = self.rules_today()?;
        let registration = form
            .validate(rules, self.today())
            .map_err(CoreError::Invalid)?;
        if !form.duplicate_override {
            let duplicates = self.duplicates(&registration, editing).await?;
            if !duplicates.is_empty() {
                return Err(CoreError::Invalid(duplicates));
            }
        }
        Ok(registration)
    }

    /// The register, masked, filtered by `query` (part of a name, a whole or masked document number), and
    /// the records that could not be opened (skipped, whatever the query).
    pub async fn search(&self, query: &str) -> Result<Listing<PatientSummary>, CoreError> {
        self.principal.require(Permission::PatientRead)?;
        let listing = self.store.search_patients(&SearchTerms::of(query)).await?;
        Ok(Listing {
            items: listing
                .items
                .iter()
                .filter(|r| r.matches(query))
                .map(PatientRecord::summary)
                .collect(),
            unreadable: listing.unreadable,
        })
    }

    async fn find(&self, id: &PatientId) -> Result<StoredPatient, CoreError> {
        self.store
            .find_patient(id)
            .await?
            .ok_or_else(|| CoreError::PatientNotFound(id.clone()))
    }

    /// A registration in full, for a person to see: the read is audited.
    pub async fn open(&self, id: &PatientId) -> Result<PatientRecord, CoreError> {
        Ok(self.open_stored(id).await?.record)
    }

    /// As [`Patients::open`], with the version a change will name.
    pub async fn open_stored(&self, id: &PatientId) -> Result<StoredPatient, CoreError> {
        self.principal.require(Permission::PatientRead)?;
        let stored = self.find(id).await?;
        self.audit(AuditAction::Viewed, id.as_str()).await?;
        Ok(stored)
    }

    /// Prints the registration and consent form, under the rules the consent was taken under: the PDF
    /// written whole to `to`, then the print recorded. Answers the size written.
    pub async fn print(
        &self,
        id: &PatientId,
        renderer: &dyn PatientFormRenderer,
        to: &dyn Destination,
    ) -> Result<usize, CoreError> {
        self.principal.require(Permission::PatientPrint)?;
        let record = self.find(id).await?.record;
        let rules = match self
            .rules
            .version(&record.registration.consent.rules_version)
        {
            Some(rules) => rules,
            None => self
                .rules
                .in_force_on(record.registered_at.hong_kong_date())?,
        };
        let printed = PrintedBy {
            actor: self.actor.clone(),
            at: self.clock.now(),
        };
        let pdf = renderer.render_patient_registration(&record, rules, &printed)?;
        write_then_record(to, &pdf, self.audit(AuditAction::Printed, id.as_str())).await?;
        Ok(pdf.len())
    }

    /// The audit trail of one registration, oldest first.
    pub async fn audit_trail(&self, id: &PatientId) -> Result<Vec<AuditEntry>, CoreError> {
        self.principal.require(Permission::AuditRead)?;
        Ok(self.store.audit_entries(id.as_str()).await?)
    }
}
