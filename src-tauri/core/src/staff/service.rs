//! The user administrator's use cases on the staff list, the same for the app and the CLI: list and filter,
//! open (audited), add, change, check and import a file, and the registrations that expire.

use super::expiry::{ExpiringRegistration, expiring};
use super::import::{CheckedImport, ImportPreview, ImportRow, check_rows};
use super::member::AccountType;
use super::member::{
    HcpContext, StaffForm, StaffId, StaffRecord, StaffSummary, StoredStaff, hsl_names_of,
};
use crate::application::{Actor, ApplicationDraft, ApplicationId};
use crate::auth::{Permission, Principal};
use crate::error::CoreError;
use crate::issue::{ErrorCode, Issue};
use crate::limits::STAFF_MAX;
use crate::ports::{
    AuditAction, AuditEntry, Clock, Listing, Progress, StaffWrite, Storage, Updated,
};
use crate::validation::{CalendarDate, Profession};
use crate::version::Base;

/// What the staff list is narrowed to: text in a name or the HKID's masked form, a profession, an account
/// type, an HSL. Empty fields narrow nothing. Those who left the HCP are listed only when asked for.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type,
)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct StaffFilter {
    pub query: String,
    pub profession: Option<Profession>,
    pub account_type: Option<AccountType>,
    pub hsl: String,
    /// Also those who left the HCP.
    pub include_left: bool,
}

impl crate::input::Bounded for StaffFilter {}

/// The cancel of a running import, which the person may ask for from another command: the import asks it
/// between batches (through its [`Progress`](crate::ports::Progress)) and then rolls back whole.
#[derive(Debug, Default)]
pub struct ImportCancel(std::sync::atomic::AtomicBool);

impl ImportCancel {
    /// Cleared as an import starts: a cancel asked for before it does not stop it.
    pub fn clear(&self) {
        self.0.store(false, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn is_asked(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// What an import added.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportOutcome {
    pub added: u32,
    /// Rows left out for their errors.
    pub skipped: u32,
}

pub struct StaffDesk<'a> {
    store: &'a dyn Storage,
    clock: &'a dyn Clock,
    principal: &'a Principal,
    actor: Actor,
}

impl<'a> StaffDesk<'a> {
    pub fn new(store: &'a dyn Storage, clock: &'a dyn Clock, principal: &'a Principal) -> Self {
        StaffDesk {
            store,
            clock,
            principal,
            actor: principal.actor(),
        }
    }

    fn today(&self) -> CalendarDate {
        self.clock.now().hong_kong_date()
    }

    fn entry(&self, action: AuditAction, subject: &str) -> AuditEntry {
        AuditEntry {
            at: self.clock.now(),
            actor: self.actor.clone(),
            action,
            subject: subject.to_owned(),
        }
    }

    /// The HSLs an HCP's staff may work at, for the editor's and the filter's choices and the CLI's sample:
    /// only the names, so the application with its people is not handed out for them.
    pub async fn hsl_names(&self, id: &ApplicationId) -> Result<Vec<String>, CoreError> {
        self.principal.require(Permission::StaffRead)?;
        Ok(hsl_names_of(&self.find_hcp(id).await?.form.hsls))
    }

    async fn find_hcp(&self, id: &ApplicationId) -> Result<ApplicationDraft, CoreError> {
        self.store
            .find_application(id)
            .await?
            .ok_or_else(|| CoreError::ApplicationNotFound(id.clone()))
    }

    async fn all(&self, hcp: Option<&ApplicationId>) -> Result<Listing<StoredStaff>, CoreError> {
        Ok(self.store.list_staff(hcp).await?)
    }

    /// The staff list (masked), narrowed by `filter`, by English name.
    pub async fn list(
        &self,
        hcp: Option<&ApplicationId>,
        filter: &StaffFilter,
    ) -> Result<Listing<StaffSummary>, CoreError> {
        self.principal.require(Permission::StaffRead)?;
        let listing = self.all(hcp).await?;
        let query = filter.query.trim().to_lowercase();
        let items = listing
            .items
            .iter()
            .filter(|s| matches(s, filter, &query))
            .map(StoredStaff::summary)
            .collect();
        Ok(Listing {
            items,
            unreadable: listing.unreadable,
        })
    }

    /// One member in full: an audited read.
    pub async fn open(&self, id: &StaffId) -> Result<StoredStaff, CoreError> {
        self.principal.require(Permission::StaffRead)?;
        let stored = self.find(id).await?;
        self.store
            .record(&self.entry(AuditAction::Viewed, id.as_str()))
            .await?;
        Ok(stored)
    }

    async fn find(&self, id: &StaffId) -> Result<StoredStaff, CoreError> {
        self.store
            .find_staff(id)
            .await?
            .ok_or_else(|| CoreError::invalid(Issue::new(ErrorCode::StaffNotFound).with("id", id)))
    }

    /// The issues of a staff form as it stands, for the editor (errors and warnings).
    pub async fn check(
        &self,
        hcp: &ApplicationId,
        form: &StaffForm,
    ) -> Result<Vec<Issue>, CoreError> {
        self.principal.require(Permission::StaffRead)?;
        let hcp = self.find_hcp(hcp).await?;
        let names = hsl_names_of(&hcp.form.hsls);
        let context = HcpContext {
            hsl_names: &names,
            today: self.today(),
        };
        Ok(form.check(context).1)
    }

    /// Adds a member to an HCP's staff list; refused with every error when the form has one.
    pub async fn add(
        &self,
        hcp: &ApplicationId,
        form: &StaffForm,
    ) -> Result<StoredStaff, CoreError> {
        self.principal.require(Permission::StaffManage)?;
        let application = self.find_hcp(hcp).await?;
        let names = hsl_names_of(&application.form.hsls);
        let context = HcpContext {
            hsl_names: &names,
            today: self.today(),
        };
        let (member, issues) = form.check(context);
        let member = member.ok_or_else(|| CoreError::Invalid(issues))?;
        let record = StaffRecord {
            id: StaffId::generate(),
            hcp: hcp.clone(),
            member,
            added_at: self.clock.now(),
            added_by: self.actor.clone(),
            left_on: None,
        };
        let audit = self.entry(AuditAction::StaffAdded, record.id.as_str());
        match self
            .store
            .insert_staff(
                std::slice::from_ref(&record),
                &audit,
                &crate::ports::Unwatched,
            )
            .await?
        {
            StaffWrite::Saved => Ok(StoredStaff {
                record,
                version: crate::application::FIRST_VERSION,
            }),
            StaffWrite::Duplicate(_) => Err(already_listed()),
            StaffWrite::Cancelled => {
                Err(CoreError::invalid(Issue::new(ErrorCode::ImportCancelled)))
            }
        }
    }

    /// Changes a member's details, from the version the form was made from.
    pub async fn update(
        &self,
        id: &StaffId,
        version: u64,
        form: &StaffForm,
    ) -> Result<StoredStaff, CoreError> {
        self.principal.require(Permission::StaffManage)?;
        let mut record = self.find(id).await?.record;
        let application = self.find_hcp(&record.hcp).await?;
        let names = hsl_names_of(&application.form.hsls);
        let context = HcpContext {
            hsl_names: &names,
            today: self.today(),
        };
        let (member, issues) = form.check(context);
        let member = member.ok_or_else(|| CoreError::Invalid(issues))?;
        if member.hkid != record.member.hkid {
            let others = self.all(Some(&record.hcp)).await?;
            if others
                .items
                .iter()
                .any(|s| s.record.id != record.id && s.record.member.hkid == member.hkid)
            {
                return Err(already_listed());
            }
        }
        record.member = member;
        let audit = self.entry(AuditAction::StaffChanged, id.as_str());
        match self.store.update_staff(&record, version, &audit).await? {
            Updated::Saved => Ok(StoredStaff {
                record,
                version: version + 1,
            }),
            Updated::Missing => Err(CoreError::invalid(
                Issue::new(ErrorCode::StaffNotFound).with("id", id),
            )),
            Updated::Stale(change) => Err(CoreError::Stale(change)),
        }
    }

    /// Records that a member left the HCP on `on` (not a day to come), or, given `None`, that the record
    /// was wrong and they are still here; from the version the screen was showing.
    pub async fn record_leaving(
        &self,
        id: &StaffId,
        base: impl Into<Base>,
        on: Option<CalendarDate>,
    ) -> Result<StoredStaff, CoreError> {
        self.principal.require(Permission::StaffManage)?;
        let stored = self.find(id).await?;
        let version = base.into().resolve(stored.version);
        let mut record = stored.record;
        if on.is_some_and(|day| day > self.today()) {
            return Err(CoreError::invalid(
                Issue::new(ErrorCode::DateInFuture).at("leftOn"),
            ));
        }
        record.left_on = on;
        let action = match on {
            Some(_) => AuditAction::StaffLeft,
            None => AuditAction::StaffChanged,
        };
        let audit = self.entry(action, id.as_str());
        match self.store.update_staff(&record, version, &audit).await? {
            Updated::Saved => Ok(StoredStaff {
                record,
                version: version + 1,
            }),
            Updated::Missing => Err(CoreError::invalid(
                Issue::new(ErrorCode::StaffNotFound).with("id", id),
            )),
            Updated::Stale(change) => Err(CoreError::Stale(change)),
        }
    }

    /// The rows checked against the HCP's list, with how many it holds: the list is opened once.
    /// Asks the running import to stop; only someone who may import may.
    pub fn cancel_import(&self, cancel: &ImportCancel) -> Result<(), CoreError> {
        self.principal.require(Permission::StaffManage)?;
        cancel.0.store(true, std::sync::atomic::Ordering::SeqCst);
        Ok(())
    }

    async fn checked_import(
        &self,
        hcp: &ApplicationId,
        rows: &[ImportRow],
    ) -> Result<(CheckedImport, usize), CoreError> {
        let application = self.find_hcp(hcp).await?;
        let names = hsl_names_of(&application.form.hsls);
        let context = HcpContext {
            hsl_names: &names,
            today: self.today(),
        };
        let listed: Vec<_> = self
            .all(Some(hcp))
            .await?
            .items
            .into_iter()
            .map(|s| s.record.member.hkid)
            .collect();
        Ok((check_rows(rows, context, &listed), listed.len()))
    }

    /// A dry run: every row checked, nothing written.
    pub async fn preview_import(
        &self,
        hcp: &ApplicationId,
        rows: &[ImportRow],
    ) -> Result<ImportPreview, CoreError> {
        self.principal.require(Permission::StaffManage)?;
        Ok(self.checked_import(hcp, rows).await?.0.preview)
    }

    /// Adds the valid rows, all in one transaction (a cancel or a failure leaves the list as it was).
    /// `confirmed` is the fingerprint of the preview the person confirmed: a file changed since is refused.
    pub async fn import(
        &self,
        hcp: &ApplicationId,
        rows: &[ImportRow],
        confirmed: Option<&str>,
        progress: &dyn Progress,
    ) -> Result<ImportOutcome, CoreError> {
        self.principal.require(Permission::StaffManage)?;
        let (checked, listed) = self.checked_import(hcp, rows).await?;
        if confirmed.is_some_and(|f| f != checked.preview.fingerprint) {
            return Err(CoreError::invalid(Issue::new(ErrorCode::ImportFileChanged)));
        }
        if !checked.preview.file_problems.is_empty() {
            return Err(CoreError::Invalid(
                checked
                    .preview
                    .file_problems
                    .iter()
                    .map(|p| Issue {
                        code: p.code,
                        field: p.column.map(|c| c.code().to_owned()),
                        params: p.params.clone(),
                        severity: p.severity,
                    })
                    .collect(),
            ));
        }
        if listed + checked.members.len() > STAFF_MAX {
            return Err(CoreError::invalid(
                Issue::new(ErrorCode::InputTooManyItems).with("max", STAFF_MAX),
            ));
        }
        let now = self.clock.now();
        let records: Vec<StaffRecord> = checked
            .members
            .into_iter()
            .map(|(_, member)| StaffRecord {
                id: StaffId::generate(),
                hcp: hcp.clone(),
                member,
                added_at: now,
                added_by: self.actor.clone(),
                left_on: None,
            })
            .collect();
        let audit = self.entry(
            AuditAction::StaffImported,
            &format!("{} ({} rows)", hcp.as_str(), records.len()),
        );
        match self.store.insert_staff(&records, &audit, progress).await? {
            StaffWrite::Saved => Ok(ImportOutcome {
                added: records.len() as u32,
                skipped: checked.preview.invalid_rows,
            }),
            // Another workstation added one of these people since the check.
            StaffWrite::Duplicate(_) => Err(already_listed()),
            StaffWrite::Cancelled => {
                Err(CoreError::invalid(Issue::new(ErrorCode::ImportCancelled)))
            }
        }
    }

    /// Registrations of the staff of `hcp` (of every HCP when `None`) that expired, or end within `days`
    /// (today and the last day included).
    pub async fn expiring(
        &self,
        hcp: Option<&ApplicationId>,
        days: u16,
    ) -> Result<Vec<ExpiringRegistration>, CoreError> {
        self.principal.require(Permission::StaffRead)?;
        let staff = self.all(hcp).await?;
        Ok(expiring(&staff.items, self.today(), days))
    }
}

fn already_listed() -> CoreError {
    CoreError::invalid(Issue::new(ErrorCode::StaffAlreadyListed).at("hkid"))
}

fn matches(stored: &StoredStaff, filter: &StaffFilter, query: &str) -> bool {
    let member = &stored.record.member;
    let text = query.is_empty()
        || member.name_en.as_str().to_lowercase().contains(query)
        || member
            .name_zh
            .as_ref()
            .is_some_and(|n| n.as_str().contains(query))
        || member
            .registrations
            .iter()
            .any(|r| r.number.to_lowercase() == query);
    let profession = filter
        .profession
        .is_none_or(|p| member.registrations.iter().any(|r| r.profession == p));
    let account = filter.account_type.is_none_or(|a| a == member.account_type);
    let hsl = filter.hsl.trim().is_empty()
        || member
            .hsls
            .iter()
            .any(|h| h.eq_ignore_ascii_case(filter.hsl.trim()));
    let present = filter.include_left || !stored.record.has_left();
    text && profession && account && hsl && present
}
