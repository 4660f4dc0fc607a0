//! The use cases of User Account Creation Requests: prepare one from staff of an HCP (a one-click one
//! disables the accounts of those whose registration expired), change it while a draft, move it through its
//! statuses, print it.

use super::expiry::{ExpiryState, expiring};
use super::requests::{
    AccountRequest, AccountRequestDocument, RequestAction, RequestEvent, RequestHistoryEntry,
    RequestId, RequestItem, RequestLine, RequestStatus,
};
use crate::application::{Actor, ApplicationId};
use crate::auth::{Permission, Principal};
use crate::error::CoreError;
use crate::issue::{ErrorCode, Issue};
use crate::limits::{REASON_MAX, REQUEST_ITEMS_MAX};
use crate::ports::{
    AccountRequestRenderer, AuditAction, AuditEntry, Clock, Destination, PrintedBy, Storage,
    Updated, write_then_record,
};
use crate::validation::{CalendarDate, free_text};
use crate::version::Base;

/// A request with its history, as the screen and `ehr requests show` present it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RequestDetails {
    pub request: AccountRequest,
    pub version: u64,
    pub history: Vec<RequestHistoryEntry>,
    /// The statuses it may move to now (the process's one table, [`RequestStatus::next`]).
    pub next: Vec<RequestStatus>,
}

pub struct AccountRequests<'a> {
    store: &'a dyn Storage,
    clock: &'a dyn Clock,
    principal: &'a Principal,
    actor: Actor,
}

impl<'a> AccountRequests<'a> {
    pub fn new(store: &'a dyn Storage, clock: &'a dyn Clock, principal: &'a Principal) -> Self {
        AccountRequests {
            store,
            clock,
            principal,
            actor: principal.actor(),
        }
    }

    fn history_entry(&self, event: RequestEvent, status: RequestStatus) -> RequestHistoryEntry {
        RequestHistoryEntry {
            at: self.clock.now(),
            actor: self.actor.clone(),
            event,
            status,
        }
    }

    /// Items checked: at least one, within the limit, each person once and on this HCP's staff list.
    async fn checked_items(
        &self,
        hcp: &ApplicationId,
        items: &[RequestItem],
    ) -> Result<Vec<RequestItem>, CoreError> {
        if items.is_empty() {
            return Err(CoreError::invalid(
                Issue::new(ErrorCode::RequestEmpty).at("items"),
            ));
        }
        if items.len() > REQUEST_ITEMS_MAX {
            return Err(CoreError::invalid(
                Issue::new(ErrorCode::InputTooManyItems)
                    .at("items")
                    .with("max", REQUEST_ITEMS_MAX),
            ));
        }
        let mut issues = Vec::new();
        let mut checked: Vec<RequestItem> = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let path = format!("items[{index}]");
            if checked.iter().any(|c| c.staff == item.staff) {
                issues
                    .push(Issue::new(ErrorCode::RequestStaffRepeated).at(format!("{path}.staff")));
                continue;
            }
            match self.store.find_staff(&item.staff).await? {
                // Someone who left gets no account under this HCP: theirs is only disabled.
                Some(stored)
                    if &stored.record.hcp == hcp
                        && stored.record.has_left()
                        && item.action != RequestAction::Disable =>
                {
                    issues.push(
                        Issue::new(ErrorCode::StaffHasLeft)
                            .at(format!("{path}.action"))
                            .with(
                                "leftOn",
                                stored.record.left_on.map(|d| d.entry()).unwrap_or_default(),
                            ),
                    );
                    continue;
                }
                Some(stored) if &stored.record.hcp == hcp => {}
                _ => {
                    issues.push(Issue::new(ErrorCode::StaffNotFound).at(format!("{path}.staff")));
                    continue;
                }
            }
            let reason = if item.reason.trim().is_empty() {
                String::new()
            } else {
                match free_text(&item.reason, REASON_MAX) {
                    Ok(reason) => reason,
                    Err(error) => {
                        issues.push(error.at(format!("{path}.reason")));
                        continue;
                    }
                }
            };
            checked.push(RequestItem {
                staff: item.staff.clone(),
                action: item.action,
                reason,
            });
        }
        if issues.is_empty() {
            Ok(checked)
        } else {
            Err(CoreError::Invalid(issues))
        }
    }

    /// A new draft request for staff of `hcp`.
    pub async fn create(
        &self,
        hcp: &ApplicationId,
        items: &[RequestItem],
    ) -> Result<AccountRequest, CoreError> {
        self.principal.require(Permission::StaffManage)?;
        if self.store.find_application(hcp).await?.is_none() {
            return Err(CoreError::ApplicationNotFound(hcp.clone()));
        }
        let items = self.checked_items(hcp, items).await?;
        let now = self.clock.now();
        let id = RequestId::generate();
        let request = AccountRequest {
            reference: id.reference(),
            id,
            hcp: hcp.clone(),
            status: RequestStatus::Draft,
            items,
            created_at: now,
            updated_at: now,
            submitted_on: None,
            version: crate::application::FIRST_VERSION,
        };
        let entry = self.history_entry(RequestEvent::Created, RequestStatus::Draft);
        self.store.insert_request(&request, &entry).await?;
        Ok(request)
    }

    /// The one click of the home screen: a draft request to disable the account of each of `hcp`'s staff
    /// whose registration has expired.
    pub async fn disable_expired(&self, hcp: &ApplicationId) -> Result<AccountRequest, CoreError> {
        self.principal.require(Permission::StaffManage)?;
        let staff = self.store.list_staff(Some(hcp)).await?;
        let today = self.clock.now().hong_kong_date();
        let mut items: Vec<RequestItem> = Vec::new();
        for lapsed in expiring(&staff.items, today, 0)
            .into_iter()
            .filter(|e| e.state == ExpiryState::Expired)
        {
            if !items.iter().any(|i| i.staff == lapsed.staff) {
                items.push(RequestItem {
                    staff: lapsed.staff,
                    action: RequestAction::Disable,
                    reason: format!(
                        "Registration {} expired on {} / 註冊已於 {} 屆滿",
                        lapsed.number,
                        lapsed.valid_until.entry(),
                        lapsed.valid_until.entry()
                    ),
                });
            }
        }
        if items.is_empty() {
            return Err(CoreError::invalid(Issue::new(
                ErrorCode::RequestNothingExpired,
            )));
        }
        self.create(hcp, &items).await
    }

    async fn find(&self, id: &RequestId) -> Result<AccountRequest, CoreError> {
        self.store.find_request(id).await?.ok_or_else(|| {
            CoreError::invalid(Issue::new(ErrorCode::RequestNotFound).with("id", id))
        })
    }

    pub async fn list(&self) -> Result<Vec<AccountRequest>, CoreError> {
        self.principal.require(Permission::StaffRead)?;
        Ok(self.store.list_requests().await?)
    }

    pub async fn open(&self, id: &RequestId) -> Result<RequestDetails, CoreError> {
        self.principal.require(Permission::StaffRead)?;
        let request = self.find(id).await?;
        let history = self.store.request_history(id).await?;
        Ok(RequestDetails {
            version: request.version,
            next: request.status.next().to_vec(),
            request,
            history,
        })
    }

    fn written(updated: Updated, id: &RequestId) -> Result<(), CoreError> {
        match updated {
            Updated::Saved => Ok(()),
            Updated::Missing => Err(CoreError::invalid(
                Issue::new(ErrorCode::RequestNotFound).with("id", id),
            )),
            Updated::Stale(change) => Err(CoreError::Stale(change)),
        }
    }

    /// Replaces a draft's items, from the version they were chosen on.
    pub async fn change_items(
        &self,
        id: &RequestId,
        base: impl Into<Base>,
        items: &[RequestItem],
    ) -> Result<AccountRequest, CoreError> {
        self.principal.require(Permission::StaffManage)?;
        let mut request = self.find(id).await?;
        let version = base.into().resolve(request.version);
        if request.status != RequestStatus::Draft {
            return Err(CoreError::invalid(
                Issue::new(ErrorCode::RequestReadOnly).with("status", request.status),
            ));
        }
        request.items = self.checked_items(&request.hcp, items).await?;
        request.updated_at = self.clock.now();
        request.version = version;
        let entry = self.history_entry(RequestEvent::ItemsChanged, request.status);
        Self::written(self.store.update_request(&request, &entry).await?, id)?;
        request.version = version + 1;
        Ok(request)
    }

    /// Moves a request on: submitted (on `date`, today when none is given), accounts created, rejected or
    /// withdrawn — as the process allows.
    pub async fn set_status(
        &self,
        id: &RequestId,
        base: impl Into<Base>,
        status: RequestStatus,
        date: Option<CalendarDate>,
    ) -> Result<AccountRequest, CoreError> {
        self.principal.require(Permission::StaffManage)?;
        let mut request = self.find(id).await?;
        let version = base.into().resolve(request.version);
        if !request.status.can_become(status) {
            return Err(CoreError::invalid(
                Issue::new(ErrorCode::RequestStatusTransition)
                    .with("from", request.status)
                    .with("to", status),
            ));
        }
        let today = self.clock.now().hong_kong_date();
        if status == RequestStatus::Submitted {
            let on = date.unwrap_or(today);
            if on > today {
                return Err(CoreError::invalid(
                    Issue::new(ErrorCode::DateInFuture).at("date"),
                ));
            }
            request.submitted_on = Some(on);
        }
        request.status = status;
        request.updated_at = self.clock.now();
        request.version = version;
        let entry = self.history_entry(RequestEvent::of_status(status), status);
        Self::written(self.store.update_request(&request, &entry).await?, id)?;
        request.version = version + 1;
        Ok(request)
    }

    /// Everything the printed form shows, each person opened and looked up under the other HCPs of this
    /// database through the blind index of their HKID.
    pub async fn document(&self, id: &RequestId) -> Result<AccountRequestDocument, CoreError> {
        self.principal.require(Permission::StaffRead)?;
        let request = self.find(id).await?;
        let hcp = self
            .store
            .find_application(&request.hcp)
            .await?
            .ok_or_else(|| CoreError::ApplicationNotFound(request.hcp.clone()))?;
        let mut lines = Vec::with_capacity(request.items.len());
        for item in &request.items {
            let stored = self.store.find_staff(&item.staff).await?.ok_or_else(|| {
                CoreError::invalid(Issue::new(ErrorCode::StaffNotFound).with("id", &item.staff))
            })?;
            let mut also_at = Vec::new();
            for other in self
                .store
                .hcps_with_staff(&stored.record.member.hkid)
                .await?
            {
                if other == request.hcp {
                    continue;
                }
                if let Some(application) = self.store.find_application(&other).await? {
                    also_at.push(application.form.hcp_information.name_en.trim().to_owned());
                }
            }
            lines.push(RequestLine {
                item: item.clone(),
                member: stored.record.member,
                also_at,
            });
        }
        Ok(AccountRequestDocument {
            hcp_name_en: hcp.form.hcp_information.name_en.trim().to_owned(),
            hcp_name_zh: hcp.form.hcp_information.name_zh.trim().to_owned(),
            hcp_reference: hcp.reference,
            request,
            lines,
        })
    }

    /// Prints the request for signature and chop: the PDF written whole, then the print recorded (history
    /// and audit in one transaction). Answers the size written.
    pub async fn print(
        &self,
        id: &RequestId,
        renderer: &dyn AccountRequestRenderer,
        to: &dyn Destination,
    ) -> Result<usize, CoreError> {
        self.principal.require(Permission::StaffManage)?;
        let document = self.document(id).await?;
        let printed = PrintedBy {
            actor: self.actor.clone(),
            at: self.clock.now(),
        };
        let pdf = renderer.render_account_request(&document, &printed)?;
        let entry = self.history_entry(RequestEvent::Printed, document.request.status);
        let audit = AuditEntry {
            at: printed.at,
            actor: self.actor.clone(),
            action: AuditAction::Printed,
            subject: id.as_str().to_owned(),
        };
        let store = self.store;
        write_then_record(to, &pdf, async move {
            store
                .record_request_print(id, &entry, &audit)
                .await
                .map(|_| ())
                .map_err(CoreError::from)
        })
        .await?;
        Ok(pdf.len())
    }
}
