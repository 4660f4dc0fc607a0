//! Use cases of the front desk, the same for the desktop app and the CLI: read a card, check and register a
//! patient, search the register, open and print a registration — each read or change of personal data
//! written to the audit trail.

use super::Identity;
use super::consent::{ConsentRequirements, ConsentRuleSet, ConsentRules};
use super::form::PatientForm;
use super::register::{PatientId, PatientRecord, PatientSummary};
use crate::application::Actor;
use crate::auth::{Permission, Principal};
use crate::error::CoreError;
use crate::issue::Issue;
use crate::ports::{
    AuditAction, AuditEntry, Clock, Destination, IdentityReader, Listing, PatientFormRenderer,
    PrintedBy, Storage, write_then_record,
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
        }
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

    /// The form's requirements and issues, as the person types; `editing` is the registration being changed
    /// (it is not its own duplicate).
    pub async fn check(
        &self,
        form: &PatientForm,
        editing: Option<&PatientId>,
    ) -> Result<PatientCheck, CoreError> {
        self.principal.require(Permission::PatientRegister)?;
        crate::input::within_bounds(form)?;
        let rules = self.rules_today()?;
        let today = self.today();
        let requirements = form.requirements(rules, today);
        let issues = match form.validate(rules, today) {
            Err(issues) => issues,
            Ok(registration) => self
                .store
                .list_patients()
                .await?
                .items
                .iter()
                .filter(|r| Some(&r.id) != editing)
                .flat_map(|r| r.duplicate_issues(&registration))
                .collect(),
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
        self.store.insert_patient(&record, &audit).await?;
        Ok(record)
    }

    /// Replaces a registration's fields, keeping who registered it and when.
    pub async fn update(
        &self,
        id: &PatientId,
        form: &PatientForm,
    ) -> Result<PatientRecord, CoreError> {
        self.principal.require(Permission::PatientRegister)?;
        let mut record = self.find(id).await?;
        record.registration = self.checked(form, Some(id)).await?;
        record.updated_at = self.clock.now();
        let audit = self.entry(AuditAction::Changed, id.as_str());
        if !self.store.update_patient(&record, &audit).await? {
            return Err(CoreError::PatientNotFound(id.clone()));
        }
        Ok(record)
    }

    async fn checked(
        &self,
        form: &PatientForm,
        editing: Option<&PatientId>,
    ) -> Result<super::PatientRegistration, CoreError> {
        crate::input::within_bounds(form)?;
        let rules = self.rules_today()?;
        let registration = form
            .validate(rules, self.today())
            .map_err(CoreError::Invalid)?;
        if !form.duplicate_override {
            let duplicates: Vec<Issue> = self
                .store
                .list_patients()
                .await?
                .items
                .iter()
                .filter(|r| Some(&r.id) != editing)
                .flat_map(|r| r.duplicate_issues(&registration))
                .collect();
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
        let listing = self.store.list_patients().await?;
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

    async fn find(&self, id: &PatientId) -> Result<PatientRecord, CoreError> {
        self.store
            .find_patient(id)
            .await?
            .ok_or_else(|| CoreError::PatientNotFound(id.clone()))
    }

    /// A registration in full, for a person to see: the read is audited.
    pub async fn open(&self, id: &PatientId) -> Result<PatientRecord, CoreError> {
        self.principal.require(Permission::PatientRead)?;
        let record = self.find(id).await?;
        self.audit(AuditAction::Viewed, id.as_str()).await?;
        Ok(record)
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
        let record = self.find(id).await?;
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
