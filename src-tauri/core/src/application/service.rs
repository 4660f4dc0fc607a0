//! Use cases on applications, the same for the desktop app and the CLI.

use super::{
    Actor, ApplicationDraft, ApplicationForm, ApplicationId, ApplicationStatus, ApplicationSummary,
    Attachment, AttachmentId, DocumentKind, HistoryEntry, HistoryEvent, SavedDraft, Submission,
    SubmissionChannel, describe_attachment, sha256_hex,
};
use crate::auth::{Permission, Principal};
use crate::error::CoreError;
use crate::input::within_bounds;
use crate::issue::{ErrorCode, Issue};
use crate::limits::{DOCUMENTS_MAX, DOCUMENTS_TOTAL_MAX_BYTES, PACKAGE_MAX_BYTES};
use crate::ports::{
    ApplicationRenderer, AuditAction, AuditEntry, Clock, Destination, DocumentInspector,
    InsertFailure, LastChange, Listing, PackageContents, PackageFailure, PackageFormat, Storage,
    Updated, write_then_record,
};
use crate::validation::CalendarDate;
use crate::version::Base;

/// The application use cases, over whichever store and clock the edge wires in, on behalf of `principal`,
/// each allowed only by the permission it names.
pub struct Applications<'a> {
    store: &'a dyn Storage,
    clock: &'a dyn Clock,
    principal: &'a Principal,
    actor: Actor,
}

impl<'a> Applications<'a> {
    pub fn new(store: &'a dyn Storage, clock: &'a dyn Clock, principal: &'a Principal) -> Self {
        Applications {
            store,
            clock,
            principal,
            actor: principal.actor(),
        }
    }

    fn entry(&self, event: HistoryEvent) -> HistoryEntry {
        HistoryEntry {
            at: self.clock.now(),
            actor: self.actor.clone(),
            event,
        }
    }

    fn answer(draft: ApplicationDraft) -> SavedDraft {
        let issues = draft.issues();
        SavedDraft::new(draft, issues)
    }

    /// Starts an application from `form` (a blank form for a new one, or one read from a file).
    pub async fn create(&self, form: ApplicationForm) -> Result<SavedDraft, CoreError> {
        self.principal.require(Permission::ApplicationEdit)?;
        within_bounds(&form)?;
        let entry = self.entry(HistoryEvent::Created);
        let mut draft = ApplicationDraft {
            reference: String::new(),
            id: ApplicationId::generate(),
            status: ApplicationStatus::Draft,
            created_at: entry.at,
            updated_at: entry.at,
            form,
            documents: Vec::new(),
            submission: None,
            version: super::FIRST_VERSION,
        };
        // A reference is 12 of the id's 32 digits: two ids made in the same millisecond elsewhere may share
        // one. A fresh id is the cure; three in a row sharing one would be a broken generator.
        for _ in 0..3 {
            draft.reference = draft.id.reference();
            match self.store.insert_application(&draft, &[], &entry).await {
                Ok(()) => return Ok(Self::answer(draft)),
                Err(InsertFailure::ReferenceTaken | InsertFailure::IdTaken) => {
                    draft.id = ApplicationId::generate();
                }
                Err(InsertFailure::DocumentIdTaken) => break,
                Err(InsertFailure::Store(failure)) => return Err(failure.into()),
            }
        }
        Err(CoreError::ApplicationAlreadyExists(draft.id))
    }

    /// Saves the form as typed — valid or not: drafts are never lost — and answers the issues still open.
    /// `version` is the one the form was made from: when someone else has saved since, nothing is written
    /// and the answer says who and when ([`CoreError::Stale`]). A form equal to what is stored now
    /// conflicts with nothing.
    pub async fn save(
        &self,
        id: &ApplicationId,
        base: impl Into<Base>,
        form: ApplicationForm,
    ) -> Result<SavedDraft, CoreError> {
        self.principal.require(Permission::ApplicationEdit)?;
        within_bounds(&form)?;
        let mut draft = self.editable(id).await?;
        let steps = form.changed_steps(&draft.form);
        if steps.is_empty() {
            return Ok(Self::answer(draft));
        }
        if draft.version != base.into().resolve(draft.version) {
            return Err(self.stale(&draft).await?);
        }
        let entry = self.entry(HistoryEvent::Edited { steps });
        draft.form = form;
        draft.updated_at = entry.at;
        self.update(&mut draft, &entry).await?;
        Ok(Self::answer(draft))
    }

    /// The application, for a person to see: the read is written to the audit trail.
    pub async fn open(&self, id: &ApplicationId) -> Result<ApplicationDraft, CoreError> {
        self.principal.require(Permission::ApplicationRead)?;
        let draft = self.get(id).await?;
        self.audit(AuditAction::Viewed, id).await?;
        Ok(draft)
    }

    /// Who read this application's personal data, and when.
    pub async fn audit_trail(&self, id: &ApplicationId) -> Result<Vec<AuditEntry>, CoreError> {
        self.principal.require(Permission::AuditRead)?;
        Ok(self.store.audit_entries(id.as_str()).await?)
    }

    async fn audit(&self, action: AuditAction, id: &ApplicationId) -> Result<(), CoreError> {
        let entry = AuditEntry {
            at: self.clock.now(),
            actor: self.actor.clone(),
            action,
            subject: id.to_string(),
        };
        Ok(self.store.record(&entry).await?)
    }

    /// The application for the use cases' own work (not audited: nothing is shown to anyone).
    pub async fn get(&self, id: &ApplicationId) -> Result<ApplicationDraft, CoreError> {
        self.principal.require(Permission::ApplicationRead)?;
        self.store
            .find_application(id)
            .await?
            .ok_or_else(|| CoreError::ApplicationNotFound(id.clone()))
    }

    /// The reference an export of the application is named by (`HCP-….ehrpkg`): asked before the export's
    /// file is made, so it needs the export's permission.
    pub async fn export_reference(&self, id: &ApplicationId) -> Result<String, CoreError> {
        self.principal.require(Permission::ApplicationEdit)?;
        Ok(self.get(id).await?.reference)
    }

    /// Every application, most recently changed first, and the rows that could not be read (skipped).
    pub async fn list(&self) -> Result<Listing<ApplicationSummary>, CoreError> {
        self.principal.require(Permission::ApplicationRead)?;
        Ok(self.store.list_applications().await?)
    }

    /// Deletes a draft. Submitted applications are part of the record: they are withdrawn, not deleted.
    pub async fn delete(&self, id: &ApplicationId) -> Result<(), CoreError> {
        self.principal.require(Permission::ApplicationEdit)?;
        self.editable(id).await?;
        if self.store.delete_application(id).await? {
            Ok(())
        } else {
            Err(CoreError::ApplicationNotFound(id.clone()))
        }
    }

    /// Attaches a file, once its content reads as the type its first bytes claim (`inspector`).
    pub async fn attach_document(
        &self,
        id: &ApplicationId,
        kind: DocumentKind,
        file_name: &str,
        content: &[u8],
        inspector: &dyn DocumentInspector,
    ) -> Result<SavedDraft, CoreError> {
        self.principal.require(Permission::ApplicationEdit)?;
        let mut draft = self.editable(id).await?;
        if draft.documents.len() >= DOCUMENTS_MAX {
            return Err(CoreError::invalid(
                Issue::new(ErrorCode::InputTooManyItems)
                    .at("documents")
                    .with("max", DOCUMENTS_MAX),
            ));
        }
        let at = self.clock.now();
        let field = format!("documents.{}", kind.code());
        // What a package can carry is what an application may hold: an export must import elsewhere.
        let total: u64 = draft.documents.iter().map(|d| d.size).sum();
        if total.saturating_add(content.len() as u64) > DOCUMENTS_TOTAL_MAX_BYTES {
            return Err(CoreError::invalid(
                Issue::new(ErrorCode::DocumentsTooLarge)
                    .at(field)
                    .with("max", DOCUMENTS_TOTAL_MAX_BYTES / 1024 / 1024),
            ));
        }
        let attachment = describe_attachment(kind, file_name, content, at)
            .map_err(|error| CoreError::invalid(error.at(&field)))?;
        if !inspector.is_readable(attachment.media_type, content) {
            return Err(CoreError::invalid(
                Issue::new(ErrorCode::DocumentDamaged)
                    .at(field)
                    .with("type", attachment.media_type),
            ));
        }
        let entry = HistoryEntry {
            at,
            actor: self.actor.clone(),
            event: HistoryEvent::DocumentAttached {
                document: kind,
                file_name: attachment.file_name.clone(),
            },
        };
        if !self
            .store
            .add_document(id, &attachment, content, &entry)
            .await?
        {
            return Err(CoreError::ApplicationNotFound(id.clone()));
        }
        draft.documents.push(attachment);
        draft.updated_at = at;
        Ok(Self::answer(draft))
    }

    pub async fn remove_document(
        &self,
        id: &ApplicationId,
        document: &AttachmentId,
    ) -> Result<SavedDraft, CoreError> {
        self.principal.require(Permission::ApplicationEdit)?;
        let mut draft = self.editable(id).await?;
        let position = draft
            .documents
            .iter()
            .position(|d| &d.id == document)
            .ok_or_else(|| CoreError::DocumentNotFound(document.clone()))?;
        let removed = draft.documents.remove(position);
        let entry = self.entry(HistoryEvent::DocumentRemoved {
            document: removed.kind,
            file_name: removed.file_name,
        });
        if !self.store.remove_document(id, document, &entry).await? {
            return Err(CoreError::DocumentNotFound(document.clone()));
        }
        draft.updated_at = entry.at;
        Ok(Self::answer(draft))
    }

    /// A document's content, checked against the digest recorded when it was attached; the read is audited.
    pub async fn document_content(
        &self,
        id: &ApplicationId,
        document: &AttachmentId,
    ) -> Result<Vec<u8>, CoreError> {
        self.principal.require(Permission::ApplicationRead)?;
        let draft = self.get(id).await?;
        let attachment = draft
            .documents
            .iter()
            .find(|d| &d.id == document)
            .ok_or_else(|| CoreError::DocumentNotFound(document.clone()))?;
        let content = self.verified_content(id, attachment).await?;
        self.audit(AuditAction::DocumentRead, id).await?;
        Ok(content)
    }

    /// A document's content checked against its digest, for the use cases' own work: an export reads the
    /// documents for its package, and its one audit entry, stored with the file, records that.
    async fn verified_content(
        &self,
        id: &ApplicationId,
        attachment: &Attachment,
    ) -> Result<Vec<u8>, CoreError> {
        let content = self
            .store
            .document_content(id, &attachment.id)
            .await?
            .ok_or_else(|| CoreError::DocumentNotFound(attachment.id.clone()))?;
        if sha256_hex(&content) != attachment.sha256 {
            return Err(CoreError::invalid(
                Issue::new(ErrorCode::PackageTampered).with("file", &attachment.file_name),
            ));
        }
        Ok(content)
    }

    /// Records that the application was sent to the RO. Only a complete application can be submitted; after
    /// this it is read-only.
    pub async fn submit(
        &self,
        id: &ApplicationId,
        channel: SubmissionChannel,
        date: &str,
    ) -> Result<SavedDraft, CoreError> {
        self.principal.require(Permission::ApplicationEdit)?;
        let mut draft = self.editable(id).await?;
        let date =
            CalendarDate::parse(date).map_err(|e| CoreError::invalid(e.at("submission.date")))?;
        let blocking: Vec<Issue> = draft.issues().into_iter().filter(Issue::is_error).collect();
        if !blocking.is_empty() {
            return Err(CoreError::Invalid(blocking));
        }
        let entry = self.entry(HistoryEvent::Submitted { channel, date });
        draft.status = ApplicationStatus::Submitted;
        draft.submission = Some(Submission { channel, date });
        draft.updated_at = entry.at;
        self.update(&mut draft, &entry).await?;
        Ok(Self::answer(draft))
    }

    /// Moves a submitted application along the RO's process (accepted, technical set-up, registered, ...).
    pub async fn change_status(
        &self,
        id: &ApplicationId,
        to: ApplicationStatus,
        note: Option<String>,
    ) -> Result<SavedDraft, CoreError> {
        self.principal.require(Permission::ApplicationReview)?;
        let mut draft = self.get(id).await?;
        // Submission has its own use case: it needs the channel and date, and a complete form.
        if !draft.status.can_become(to) || to == ApplicationStatus::Submitted {
            return Err(CoreError::StatusTransition {
                from: draft.status,
                to,
            });
        }
        let note = note.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
        let entry = self.entry(HistoryEvent::StatusChanged {
            from: draft.status,
            to,
            note,
        });
        draft.status = to;
        draft.updated_at = entry.at;
        self.update(&mut draft, &entry).await?;
        Ok(Self::answer(draft))
    }

    pub async fn history(&self, id: &ApplicationId) -> Result<Vec<HistoryEntry>, CoreError> {
        self.principal.require(Permission::ApplicationRead)?;
        self.get(id).await?;
        Ok(self.store.history(id).await?)
    }

    /// Prints the application: its PDF written whole to `to`, then the print recorded. Answers the size
    /// written.
    pub async fn render(
        &self,
        id: &ApplicationId,
        renderer: &dyn ApplicationRenderer,
        to: &dyn Destination,
    ) -> Result<usize, CoreError> {
        self.principal.require(Permission::ApplicationRead)?;
        let draft = self.get(id).await?;
        let pdf = renderer.render_application(&draft)?;
        write_then_record(to, &pdf, self.audit(AuditAction::Printed, id)).await?;
        Ok(pdf.len())
    }

    /// One file for the RO — the application, its PDF and its documents, with a manifest of digests —
    /// written whole to `to`; only then are the export's audit entry and history entry stored. Answers the
    /// size written.
    pub async fn export_package(
        &self,
        id: &ApplicationId,
        renderer: &dyn ApplicationRenderer,
        format: &dyn PackageFormat,
        to: &dyn Destination,
    ) -> Result<usize, CoreError> {
        self.principal.require(Permission::ApplicationEdit)?;
        let draft = self.get(id).await?;
        let pdf = renderer.render_application(&draft)?;
        let mut documents = Vec::with_capacity(draft.documents.len());
        for attachment in &draft.documents {
            documents.push((
                attachment.clone(),
                self.verified_content(id, attachment).await?,
            ));
        }
        let bytes = format.write(&PackageContents {
            application: draft,
            pdf,
            documents,
        })?;
        write_then_record(to, &bytes, self.record_export(id)).await?;
        Ok(bytes.len())
    }

    async fn record_export(&self, id: &ApplicationId) -> Result<(), CoreError> {
        let entry = self.entry(HistoryEvent::Exported);
        let audit = AuditEntry {
            at: entry.at,
            actor: self.actor.clone(),
            action: AuditAction::Exported,
            subject: id.to_string(),
        };
        if self.store.record_export(id, &entry, &audit).await? {
            Ok(())
        } else {
            Err(CoreError::ApplicationNotFound(id.clone()))
        }
    }

    /// Reads a package exported elsewhere. Nothing is stored unless every file checks out, and then all of
    /// it is stored in one transaction; a second import of the same package, even one running at the same
    /// moment, is told "already imported".
    pub async fn import_package(
        &self,
        bytes: &[u8],
        format: &dyn PackageFormat,
        inspector: &dyn DocumentInspector,
    ) -> Result<SavedDraft, CoreError> {
        self.principal.require(Permission::ApplicationImport)?;
        if bytes.len() as u64 > PACKAGE_MAX_BYTES {
            return Err(PackageFailure::TooLarge {
                file: None,
                max_bytes: PACKAGE_MAX_BYTES,
            }
            .into());
        }
        let contents = format.read(bytes)?;
        super::import::verify(&contents, inspector)?;
        let mut draft = contents.application;
        let entry = self.entry(HistoryEvent::Imported);
        draft.updated_at = entry.at;
        // Versions count changes in this database, not in the one the package came from.
        draft.version = super::FIRST_VERSION;
        let stored: Vec<_> = contents
            .documents
            .into_iter()
            .map(|(a, content)| (a.id, content))
            .collect();
        match self.store.insert_application(&draft, &stored, &entry).await {
            Ok(()) => Ok(Self::answer(draft)),
            Err(InsertFailure::IdTaken) => Err(CoreError::ApplicationAlreadyImported(draft.id)),
            Err(InsertFailure::ReferenceTaken) => Err(CoreError::invalid(
                Issue::new(ErrorCode::PackageReferenceTaken)
                    .at("reference")
                    .with("reference", &draft.reference),
            )),
            Err(InsertFailure::DocumentIdTaken) => Err(CoreError::invalid(
                Issue::new(ErrorCode::PackageDocumentIdTaken).at("documents"),
            )),
            Err(InsertFailure::Store(failure)) => Err(failure.into()),
        }
    }

    async fn editable(&self, id: &ApplicationId) -> Result<ApplicationDraft, CoreError> {
        let draft = self.get(id).await?;
        if draft.status.is_editable() {
            Ok(draft)
        } else {
            Err(CoreError::ApplicationReadOnly(id.clone()))
        }
    }

    /// Writes `draft` if the stored row is still at its version, which then moves on.
    async fn update(
        &self,
        draft: &mut ApplicationDraft,
        entry: &HistoryEntry,
    ) -> Result<(), CoreError> {
        match self.store.update_application(draft, entry).await? {
            Updated::Saved => {
                draft.version += 1;
                Ok(())
            }
            Updated::Missing => Err(CoreError::ApplicationNotFound(draft.id.clone())),
            Updated::Stale(change) => Err(CoreError::Stale(change)),
        }
    }

    /// The conflict to answer for a change made from an older version than `current`'s: its last change.
    async fn stale(&self, current: &ApplicationDraft) -> Result<CoreError, CoreError> {
        let history = self.store.history(&current.id).await?;
        let last = history.last();
        Ok(CoreError::Stale(LastChange {
            actor: last.map_or_else(|| self.actor.clone(), |entry| entry.actor.clone()),
            at: last.map_or(current.updated_at, |entry| entry.at),
            version: current.version,
        }))
    }
}
