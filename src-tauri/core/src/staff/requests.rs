//! The User Account Creation Request: the user administrator names staff and what eHealth should do with
//! each one's account (create, disable, change); it prints for signature and chop and is sent to the
//! Registration Office, whose answer is recorded on it.

use serde::{Deserialize, Serialize};

use super::member::{StaffId, StaffMember};
use crate::application::{Actor, ApplicationId};
use crate::coded::{coded_enum, uuid_id};
use crate::time::Timestamp;
use crate::validation::CalendarDate;

uuid_id! {
    /// A request's identifier.
    pub struct RequestId;
}

impl RequestId {
    /// The reference the form prints: `UAR-` and 12 letters and digits of the identifier, grouped in fours.
    pub fn reference(&self) -> String {
        let hex: String = self
            .as_str()
            .chars()
            .filter(char::is_ascii_hexdigit)
            .collect::<String>()
            .to_uppercase();
        // As an application's: 8 digits of the v7 timestamp and 4 random ones.
        let picked = format!(
            "{}{}",
            hex.get(4..12).unwrap_or_default(),
            hex.get(16..20).unwrap_or_default()
        );
        let groups: Vec<&str> = [0, 4, 8]
            .iter()
            .filter_map(|&i| picked.get(i..i + 4))
            .collect();
        format!("UAR-{}", groups.join("-"))
    }
}

coded_enum! {
    /// What eHealth is asked to do with one person's account.
    pub enum RequestAction {
        Create = "create",
        Disable = "disable",
        Change = "change",
    }
}

coded_enum! {
    pub enum RequestStatus {
        Draft = "draft",
        Submitted = "submitted",
        /// The Registration Office created (or changed, or disabled) the accounts.
        AccountsCreated = "accounts_created",
        Rejected = "rejected",
        Withdrawn = "withdrawn",
    }
}

impl RequestStatus {
    /// The statuses a request may move to from this one.
    pub fn next(self) -> &'static [RequestStatus] {
        use RequestStatus::*;
        match self {
            Draft => &[Submitted, Withdrawn],
            Submitted => &[AccountsCreated, Rejected, Withdrawn],
            AccountsCreated | Rejected | Withdrawn => &[],
        }
    }

    pub fn can_become(self, next: RequestStatus) -> bool {
        self.next().contains(&next)
    }
}

/// One person on the request, as chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequestItem {
    pub staff: StaffId,
    pub action: RequestAction,
    /// Why, for a disable or change (a registration that lapsed, a new HSL); blank for a creation.
    #[serde(default)]
    pub reason: String,
}

/// A request as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AccountRequest {
    pub id: RequestId,
    pub reference: String,
    pub hcp: ApplicationId,
    pub status: RequestStatus,
    pub items: Vec<RequestItem>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub submitted_on: Option<CalendarDate>,
    /// As an application's: counts changes in this database, for refusing a change from a stale copy.
    #[serde(skip, default = "first_version")]
    pub version: u64,
}

fn first_version() -> u64 {
    crate::application::FIRST_VERSION
}

coded_enum! {
    pub enum RequestEvent {
        Created = "created",
        ItemsChanged = "items_changed",
        Submitted = "submitted",
        AccountsCreated = "accounts_created",
        Rejected = "rejected",
        Withdrawn = "withdrawn",
        Printed = "printed",
    }
}

impl RequestEvent {
    pub fn of_status(status: RequestStatus) -> RequestEvent {
        match status {
            RequestStatus::Draft => RequestEvent::Created,
            RequestStatus::Submitted => RequestEvent::Submitted,
            RequestStatus::AccountsCreated => RequestEvent::AccountsCreated,
            RequestStatus::Rejected => RequestEvent::Rejected,
            RequestStatus::Withdrawn => RequestEvent::Withdrawn,
        }
    }
}

/// One line of a request's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequestHistoryEntry {
    pub at: Timestamp,
    pub actor: Actor,
    pub event: RequestEvent,
    pub status: RequestStatus,
}

/// One person as the printed form shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequestLine {
    pub item: RequestItem,
    pub member: StaffMember,
    /// The other HCPs of this database the same person (the same HKID, found through its blind index) is on
    /// the staff of, by English name: they hold an account under each.
    pub also_at: Vec<String>,
}

/// Everything the printed request shows (`ehr forms render account-request` reads it from a file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AccountRequestDocument {
    pub request: AccountRequest,
    pub hcp_name_en: String,
    pub hcp_name_zh: String,
    /// The HCP's application reference.
    pub hcp_reference: String,
    pub lines: Vec<RequestLine>,
}

impl crate::input::Bounded for Vec<RequestItem> {
    fn list_max(path: &str) -> Option<usize> {
        (path.is_empty()).then_some(crate::limits::REQUEST_ITEMS_MAX)
    }
}

impl crate::input::Bounded for AccountRequestDocument {
    fn list_max(path: &str) -> Option<usize> {
        match path {
            "lines" | "request.items" => Some(crate::limits::REQUEST_ITEMS_MAX),
            _ => None,
        }
    }
}
