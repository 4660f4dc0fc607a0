//! The use cases of amendments: prepare one against a registered application, change it while a draft,
//! list and open them with what they change, move them through their statuses, print them.

use super::changes::{AmendmentEffect, FieldChange};
use super::checks::{check_amendable, saving_issues, submission_issues};
use super::content::AmendmentContent;
use super::document::{AmendmentDocument, changes_and_effects};
use super::records::{
    Amendment, AmendmentEvent, AmendmentHistoryEntry, AmendmentId, AmendmentKind, AmendmentStatus,
    AmendmentSummary,
};
use crate::application::{
    Actor, ApplicationDraft, ApplicationId, ApplicationStatus, HistoryEntry, HistoryEvent,
};
use crate::auth::{Permission, Principal};
use crate::error::CoreError;
use crate::input::within_bounds;
use crate::issue::{ErrorCode, Issue};
use crate::ports::{
    AcceptedAmendment, AmendmentInsert, AmendmentPackage, AmendmentPackageFormat,
    AmendmentRenderer, AuditAction, AuditEntry, Clock, Destination, Listing, PrintedBy, Storage,
    Updated, write_then_record,
};
use crate::validation::CalendarDate;
use crate::version::Base;

/// What saving an amendment answers: it as stored, the version the next change names, and what still
/// stands between it and submission.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SavedAmendment {
    pub amendment: Amendment,
    pub version: u64,
    pub issues: Vec<Issue>,
}

/// An amendment as the screen and `ehr amendments show` present it: its history, and what it changes
/// against the application as registered now.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AmendmentDetails {
    pub amendment: Amendment,
    pub version: u64,
    pub history: Vec<AmendmentHistoryEntry>,
    pub changes: Vec<FieldChange>,
    pub effects: Vec<AmendmentEffect>,
    /// What stands between a draft and submission (empty once it is submitted).
    pub issues: Vec<Issue>,
    /// The statuses it may move to now (the process's one table, [`AmendmentStatus::next`]).
    pub next: Vec<AmendmentStatus>,
}

/// The amendment use cases.
pub struct Amendments<'a> {
    store: &'a dyn Storage,
    clock: &'a dyn Clock,
    principal: &'a Principal,
    actor: Actor,
}

impl<'a> Amendments<'a> {
    pub fn new(store: &'a dyn Storage, clock: &'a dyn Clock, principal: &'a Principal) -> Self {
        Amendments {
            store,
            clock,
            principal,
            actor: principal.actor(),
        }
    }

    fn history_entry(
        &self,
        event: AmendmentEvent,
        status: AmendmentStatus,
    ) -> AmendmentHistoryEntry {
        AmendmentHistoryEntry {
            at: self.clock.now(),
            actor: self.actor.clone(),
            event,
            status,
        }
    }

    fn today(&self) -> CalendarDate {
        self.clock.now().hong_kong_date()
    }

    async fn application(&self, id: &ApplicationId) -> Result<ApplicationDraft, CoreError> {
        self.store
            .find_application(id)
            .await?
            .ok_or_else(|| CoreError::ApplicationNotFound(id.clone()))
    }

    /// The application, if it may still be amended.
    async fn amendable(&self, id: &ApplicationId) -> Result<ApplicationDraft, CoreError> {
        let registered = self.application(id).await?;
        check_amendable(registered.status).map_err(CoreError::invalid)?;
        Ok(registered)
    }

    /// Whether an amendment of `kind` may be prepared for `hcp` (its application is on record, not a draft,
    /// not rejected, withdrawn or unsuccessful, and it has none of that kind open where one at a time is
    /// the rule): nothing when it may, the coded refusal when not.
    pub async fn may_amend(
        &self,
        hcp: &ApplicationId,
        kind: AmendmentKind,
    ) -> Result<(), CoreError> {
        self.principal.require(Permission::AmendmentEdit)?;
        self.amendable(hcp).await?;
        self.none_open(hcp, kind).await
    }

    /// Refused when `hcp` has an open amendment of `kind` and that kind is open one at a time.
    async fn none_open(&self, hcp: &ApplicationId, kind: AmendmentKind) -> Result<(), CoreError> {
        if !kind.one_open_at_a_time() {
            return Ok(());
        }
        let listed = self.store.list_amendments(Some(hcp)).await?;
        match listed
            .items
            .iter()
            .find(|a| a.kind == kind && a.status.is_open())
        {
            Some(open) => Err(CoreError::invalid(
                already_open().with("reference", &open.reference),
            )),
            None => Ok(()),
        }
    }

    async fn find(&self, id: &AmendmentId) -> Result<Amendment, CoreError> {
        self.store
            .find_amendment(id)
            .await?
            .ok_or_else(|| not_found(id))
    }

    /// The content bounded, of `kind`, asking for something: normalised, with the issues still open.
    fn checked(
        &self,
        kind: AmendmentKind,
        content: AmendmentContent,
        registered: &ApplicationDraft,
    ) -> Result<(AmendmentContent, Vec<Issue>), CoreError> {
        within_bounds(&content)?;
        if content.kind() != kind {
            return Err(CoreError::invalid(
                Issue::new(ErrorCode::AmendmentKindMismatch)
                    .at("kind")
                    .with("kind", kind)
                    .with("content", content.kind()),
            ));
        }
        let content = content.normalised();
        let refusals = saving_issues(&content, registered, self.today());
        if !refusals.is_empty() {
            return Err(CoreError::Invalid(refusals));
        }
        let issues = submission_issues(&content, registered, self.today());
        Ok((content, issues))
    }

    /// A new draft amendment of `hcp`, a registered (or submitted) application.
    pub async fn prepare(
        &self,
        hcp: &ApplicationId,
        kind: AmendmentKind,
        content: AmendmentContent,
    ) -> Result<SavedAmendment, CoreError> {
        self.principal.require(Permission::AmendmentEdit)?;
        let registered = self.amendable(hcp).await?;
        let (content, issues) = self.checked(kind, content, &registered)?;
        self.none_open(hcp, kind).await?;
        let now = self.clock.now();
        let id = AmendmentId::generate();
        let amendment = Amendment {
            reference: id.reference(),
            id,
            hcp: hcp.clone(),
            kind,
            status: AmendmentStatus::Draft,
            content,
            created_at: now,
            updated_at: now,
            submitted_on: None,
            version: crate::application::FIRST_VERSION,
        };
        let entry = self.history_entry(AmendmentEvent::Created, AmendmentStatus::Draft);
        if self.store.insert_amendment(&amendment, &entry).await? == AmendmentInsert::AlreadyOpen {
            // Another workstation prepared one since the check above: its reference is not known here.
            return Err(CoreError::invalid(already_open()));
        }
        Ok(SavedAmendment {
            version: amendment.version,
            amendment,
            issues,
        })
    }

    /// Replaces a draft's content, from the version it was made from.
    pub async fn change(
        &self,
        id: &AmendmentId,
        base: impl Into<Base>,
        content: AmendmentContent,
    ) -> Result<SavedAmendment, CoreError> {
        self.principal.require(Permission::AmendmentEdit)?;
        let mut amendment = self.find(id).await?;
        let version = base.into().resolve(amendment.version);
        if amendment.status != AmendmentStatus::Draft {
            return Err(CoreError::invalid(
                Issue::new(ErrorCode::AmendmentReadOnly).with("status", amendment.status),
            ));
        }
        let registered = self.amendable(&amendment.hcp).await?;
        let (content, issues) = self.checked(amendment.kind, content, &registered)?;
        amendment.content = content;
        amendment.updated_at = self.clock.now();
        amendment.version = version;
        let entry = self.history_entry(AmendmentEvent::ContentChanged, amendment.status);
        written(self.store.update_amendment(&amendment, &entry).await?, id)?;
        amendment.version = version + 1;
        Ok(SavedAmendment {
            version: amendment.version,
            amendment,
            issues,
        })
    }

    /// The amendments of one HCP or of all, most recently changed first, without their content.
    pub async fn list(
        &self,
        hcp: Option<&ApplicationId>,
    ) -> Result<Listing<AmendmentSummary>, CoreError> {
        self.principal.require(Permission::ApplicationRead)?;
        let listing = self.store.list_amendments(hcp).await?;
        Ok(Listing {
            items: listing.items.iter().map(Amendment::summary).collect(),
            unreadable: listing.unreadable,
        })
    }

    async fn audit_read(&self, id: &AmendmentId) -> Result<(), CoreError> {
        Ok(self
            .store
            .record(&AuditEntry {
                at: self.clock.now(),
                actor: self.actor.clone(),
                action: AuditAction::Viewed,
                subject: id.as_str().to_owned(),
            })
            .await?)
    }

    /// The amendment with its history and what it changes: the read is written to the audit trail.
    pub async fn open(&self, id: &AmendmentId) -> Result<AmendmentDetails, CoreError> {
        self.principal.require(Permission::ApplicationRead)?;
        let amendment = self.find(id).await?;
        let registered = self.compared_with(&amendment).await?;
        let history = self.store.amendment_history(id).await?;
        let (changes, effects) = changes_and_effects(&amendment.content, &registered);
        let issues = if amendment.status == AmendmentStatus::Draft {
            submission_issues(&amendment.content, &registered, self.today())
        } else {
            Vec::new()
        };
        self.audit_read(id).await?;
        Ok(AmendmentDetails {
            version: amendment.version,
            next: amendment.status.next().to_vec(),
            amendment,
            history,
            changes,
            effects,
            issues,
        })
    }

    /// Moves an amendment on: submitted (on `date`, today when none is given; only with no issue open),
    /// the Registration Office's answer (accepted, rejected), or withdrawn — as the process allows.
    pub async fn set_status(
        &self,
        id: &AmendmentId,
        base: impl Into<Base>,
        status: AmendmentStatus,
        date: Option<CalendarDate>,
    ) -> Result<Amendment, CoreError> {
        self.principal.require(Permission::AmendmentEdit)?;
        let mut amendment = self.find(id).await?;
        let version = base.into().resolve(amendment.version);
        if !amendment.status.can_become(status) {
            return Err(CoreError::invalid(
                Issue::new(ErrorCode::AmendmentStatusTransition)
                    .with("from", amendment.status)
                    .with("to", status),
            ));
        }
        let today = self.today();
        if status == AmendmentStatus::Submitted {
            let registered = self.amendable(&amendment.hcp).await?;
            let issues = submission_issues(&amendment.content, &registered, today);
            if !issues.is_empty() {
                return Err(CoreError::Invalid(issues));
            }
            let on = date.unwrap_or(today);
            if on > today {
                return Err(CoreError::invalid(
                    Issue::new(ErrorCode::DateInFuture).at("date"),
                ));
            }
            amendment.submitted_on = Some(on);
        }
        amendment.status = status;
        amendment.updated_at = self.clock.now();
        amendment.version = version;
        let entry = self.history_entry(AmendmentEvent::of_status(status), status);
        if status == AmendmentStatus::Accepted {
            self.accept(&amendment, &entry).await?;
        } else {
            written(self.store.update_amendment(&amendment, &entry).await?, id)?;
        }
        amendment.version = version + 1;
        Ok(amendment)
    }

    /// The office's acceptance, applied to the registration in the same transaction: the form proposed, the
    /// locations added, or the withdrawal. The registration as it stood is kept beside the amendment.
    async fn accept(
        &self,
        amendment: &Amendment,
        entry: &AmendmentHistoryEntry,
    ) -> Result<(), CoreError> {
        let registered = self.application(&amendment.hcp).await?;
        let mut applied = registered.clone();
        match &amendment.content {
            AmendmentContent::HcpHsl { form } => applied.form = (**form).clone(),
            AmendmentContent::AdditionalHsl { hsls } => {
                applied.form.hsls.extend(hsls.iter().cloned())
            }
            AmendmentContent::Withdrawal { .. } => {
                let to = ApplicationStatus::Withdrawn;
                if !registered.status.can_become(to) {
                    return Err(CoreError::invalid(
                        Issue::new(ErrorCode::StatusTransitionNotAllowed)
                            .with("from", registered.status)
                            .with("to", to),
                    ));
                }
                applied.status = to;
            }
        }
        applied.updated_at = entry.at;
        let applied_entry = HistoryEntry {
            at: entry.at,
            actor: self.actor.clone(),
            event: HistoryEvent::Amended {
                amendment: amendment.reference.clone(),
                form: amendment.kind,
            },
        };
        let accepted = AcceptedAmendment {
            amendment,
            entry,
            before: &registered.form,
            applied: &applied,
            applied_entry: &applied_entry,
        };
        match self.store.accept_amendment(&accepted).await? {
            Updated::Saved => Ok(()),
            Updated::Missing => Err(not_found(&amendment.id)),
            Updated::Stale(change) => Err(CoreError::Stale(change)),
        }
    }

    /// What the amendment is compared with: the registration as it stood when it was accepted (kept then),
    /// or, before, as it stands.
    async fn compared_with(&self, amendment: &Amendment) -> Result<ApplicationDraft, CoreError> {
        let mut registered = self.application(&amendment.hcp).await?;
        if let Some(before) = self.store.amendment_before(&amendment.id).await? {
            registered.form = before;
        }
        Ok(registered)
    }

    async fn document_of(&self, id: &AmendmentId) -> Result<AmendmentDocument, CoreError> {
        let amendment = self.find(id).await?;
        let registered = self.compared_with(&amendment).await?;
        Ok(AmendmentDocument::of(amendment, &registered))
    }

    /// Everything the printed form shows: the read is written to the audit trail.
    pub async fn document(&self, id: &AmendmentId) -> Result<AmendmentDocument, CoreError> {
        self.principal.require(Permission::ApplicationRead)?;
        let document = self.document_of(id).await?;
        self.audit_read(id).await?;
        Ok(document)
    }

    /// Prints the amendment for signature and chop: the PDF written whole, then the print recorded (history
    /// and audit in one transaction). Answers the size written.
    pub async fn print(
        &self,
        id: &AmendmentId,
        renderer: &dyn AmendmentRenderer,
        to: &dyn Destination,
    ) -> Result<usize, CoreError> {
        self.principal.require(Permission::AmendmentEdit)?;
        let document = self.document_of(id).await?;
        let printed = PrintedBy {
            actor: self.actor.clone(),
            at: self.clock.now(),
        };
        let pdf = renderer.render_amendment(&document, &printed)?;
        let entry = self.history_entry(AmendmentEvent::Printed, document.amendment.status);
        let audit = AuditEntry {
            at: printed.at,
            actor: self.actor.clone(),
            action: AuditAction::Printed,
            subject: id.as_str().to_owned(),
        };
        let store = self.store;
        write_then_record(to, &pdf, async move {
            if store.record_amendment_print(id, &entry, &audit).await? {
                Ok(())
            } else {
                // Removed on another workstation meanwhile: the file is withdrawn, unrecorded.
                Err(not_found(id))
            }
        })
        .await?;
        Ok(pdf.len())
    }

    /// Writes a submitted amendment as a sealed package for the Registration Office — the amendment whole
    /// and, given a `renderer`, its printed form — then records the export (history and audit in one
    /// transaction). Answers the size written. A draft is refused: the office imports what was submitted.
    pub async fn export(
        &self,
        id: &AmendmentId,
        renderer: Option<&dyn AmendmentRenderer>,
        format: &dyn AmendmentPackageFormat,
        to: &dyn Destination,
    ) -> Result<usize, CoreError> {
        self.principal.require(Permission::AmendmentEdit)?;
        let document = self.document_of(id).await?;
        if document.amendment.status == AmendmentStatus::Draft {
            return Err(CoreError::invalid(
                Issue::new(ErrorCode::AmendmentNotSubmitted).with("id", id),
            ));
        }
        let entry = self.history_entry(AmendmentEvent::Exported, document.amendment.status);
        let at = entry.at;
        let pdf = match renderer {
            Some(renderer) => Some(renderer.render_amendment(
                &document,
                &PrintedBy {
                    actor: self.actor.clone(),
                    at,
                },
            )?),
            None => None,
        };
        let bytes = format.write_amendment(&AmendmentPackage {
            amendment: document.amendment,
            pdf,
        })?;
        let audit = AuditEntry {
            at,
            actor: self.actor.clone(),
            action: AuditAction::Exported,
            subject: id.as_str().to_owned(),
        };
        let store = self.store;
        write_then_record(to, &bytes, async move {
            if store.record_amendment_export(id, &entry, &audit).await? {
                Ok(())
            } else {
                Err(not_found(id))
            }
        })
        .await?;
        Ok(bytes.len())
    }
}

/// An HCP/HSL amendment or a withdrawal while one is open: of no field (the form as a whole), so the screen
/// shows it before anything is typed.
fn already_open() -> Issue {
    Issue::new(ErrorCode::AmendmentAlreadyOpen)
}

fn not_found(id: &AmendmentId) -> CoreError {
    CoreError::invalid(Issue::new(ErrorCode::AmendmentNotFound).with("id", id))
}

fn written(updated: Updated, id: &AmendmentId) -> Result<(), CoreError> {
    match updated {
        Updated::Saved => Ok(()),
        Updated::Missing => Err(not_found(id)),
        Updated::Stale(change) => Err(CoreError::Stale(change)),
    }
}
