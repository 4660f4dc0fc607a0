//! An amendment as stored: which registered HCP it amends, which form it is, where it stands, and its
//! history — as a User Account Creation Request's.

use serde::{Deserialize, Serialize};

use super::content::AmendmentContent;
use crate::application::{Actor, ApplicationId};
use crate::coded::{coded_enum, short_reference, uuid_id};
use crate::input::Bounded;
use crate::issue::{ErrorCode, Issue};
use crate::time::Timestamp;
use crate::validation::CalendarDate;

uuid_id! {
    /// An amendment's identifier.
    pub struct AmendmentId;
}

impl AmendmentId {
    /// The reference the form prints: `AMD-` and 12 letters and digits of the identifier, grouped in fours.
    pub fn reference(&self) -> String {
        short_reference("AMD", self.as_str())
    }
}

coded_enum! {
    /// Which of the Registration Office's forms an amendment is.
    pub enum AmendmentKind {
        /// The HCP/HSL Amendment Form: HCP or HSL details, an HSL added or removed, a user administrator
        /// added or replaced, the authorised person or an HSL's contact replaced.
        HcpHsl = "hcp_hsl",
        /// The Additional HSL Form: new service locations for a registered HCP.
        AdditionalHsl = "additional_hsl",
        /// The Withdrawal Request Form (HCPW01): the HCP leaves eHealth.
        Withdrawal = "withdrawal",
    }
}

impl AmendmentKind {
    /// The Registration Office's code of the form, where it has one.
    pub fn form_code(self) -> Option<&'static str> {
        match self {
            AmendmentKind::Withdrawal => Some("HCPW01"),
            AmendmentKind::HcpHsl | AmendmentKind::AdditionalHsl => None,
        }
    }

    /// Whether an HCP may have only one of this kind open (a draft or submitted) at a time. An HCP/HSL
    /// amendment is the whole form as it should be registered: a second one, prepared from the same
    /// registration, would undo the first. Two withdrawals say one thing. New HSLs may come in several forms.
    /// The database holds the same rule as a partial unique index (`amendments_one_open`), for two
    /// workstations at one moment; the store's tests hold the two to each other.
    pub fn one_open_at_a_time(self) -> bool {
        match self {
            AmendmentKind::HcpHsl | AmendmentKind::Withdrawal => true,
            AmendmentKind::AdditionalHsl => false,
        }
    }
}

impl AmendmentStatus {
    /// A draft or submitted amendment: the Registration Office has not answered, nor was it withdrawn.
    pub fn is_open(self) -> bool {
        matches!(self, AmendmentStatus::Draft | AmendmentStatus::Submitted)
    }
}

coded_enum! {
    pub enum AmendmentStatus {
        Draft = "draft",
        Submitted = "submitted",
        /// The Registration Office's answer, recorded by the user administrator.
        Accepted = "accepted",
        Rejected = "rejected",
        Withdrawn = "withdrawn",
    }
}

impl AmendmentStatus {
    /// The statuses an amendment may move to from this one.
    pub fn next(self) -> &'static [AmendmentStatus] {
        use AmendmentStatus::*;
        match self {
            Draft => &[Submitted, Withdrawn],
            Submitted => &[Accepted, Rejected, Withdrawn],
            Accepted | Rejected | Withdrawn => &[],
        }
    }

    pub fn can_become(self, next: AmendmentStatus) -> bool {
        self.next().contains(&next)
    }
}

/// An amendment as stored. Its content names people (HKIDs included): adapters seal it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Amendment {
    pub id: AmendmentId,
    pub reference: String,
    /// The registered application amended.
    pub hcp: ApplicationId,
    /// Always the content's kind; kept beside it so a list can tell the forms apart without opening them.
    pub kind: AmendmentKind,
    pub status: AmendmentStatus,
    pub content: AmendmentContent,
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

/// What a file or package carries: the content's bounds under `content.`.
impl Bounded for Amendment {
    fn list_max(path: &str) -> Option<usize> {
        AmendmentContent::list_max(path.strip_prefix("content.")?)
    }
}

impl Amendment {
    /// What is wrong with the amendment's identity as a package carries it: an id that is not a UUID as this
    /// product writes it, a reference that is not its id's, a kind that is not its content's.
    pub fn identity_issues(&self) -> Vec<Issue> {
        let mut issues = Vec::new();
        let canonical = |raw: &str, parsed: Option<&str>| parsed == Some(raw);
        if !canonical(
            self.id.as_str(),
            AmendmentId::parse(self.id.as_str())
                .as_ref()
                .map(AmendmentId::as_str),
        ) {
            issues.push(Issue::new(ErrorCode::IdFormat).at("id"));
        } else if self.reference != self.id.reference() {
            issues.push(
                Issue::new(ErrorCode::PackageReferenceMismatch)
                    .at("reference")
                    .with("expected", self.id.reference()),
            );
        }
        if !canonical(
            self.hcp.as_str(),
            ApplicationId::parse(self.hcp.as_str())
                .as_ref()
                .map(ApplicationId::as_str),
        ) {
            issues.push(Issue::new(ErrorCode::IdFormat).at("hcp"));
        }
        if self.kind != self.content.kind() {
            issues.push(
                Issue::new(ErrorCode::AmendmentKindMismatch)
                    .at("kind")
                    .with("kind", self.kind)
                    .with("content", self.content.kind()),
            );
        }
        issues
    }

    pub fn summary(&self) -> AmendmentSummary {
        AmendmentSummary {
            id: self.id.clone(),
            reference: self.reference.clone(),
            hcp: self.hcp.clone(),
            kind: self.kind,
            status: self.status,
            created_at: self.created_at,
            updated_at: self.updated_at,
            submitted_on: self.submitted_on,
        }
    }
}

/// One line of the list of amendments: no personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AmendmentSummary {
    pub id: AmendmentId,
    pub reference: String,
    pub hcp: ApplicationId,
    pub kind: AmendmentKind,
    pub status: AmendmentStatus,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub submitted_on: Option<CalendarDate>,
}

coded_enum! {
    pub enum AmendmentEvent {
        Created = "created",
        ContentChanged = "content_changed",
        Submitted = "submitted",
        Accepted = "accepted",
        Rejected = "rejected",
        Withdrawn = "withdrawn",
        Printed = "printed",
        /// Written to a sealed package for the Registration Office.
        Exported = "exported",
    }
}

impl AmendmentEvent {
    pub fn of_status(status: AmendmentStatus) -> AmendmentEvent {
        match status {
            AmendmentStatus::Draft => AmendmentEvent::Created,
            AmendmentStatus::Submitted => AmendmentEvent::Submitted,
            AmendmentStatus::Accepted => AmendmentEvent::Accepted,
            AmendmentStatus::Rejected => AmendmentEvent::Rejected,
            AmendmentStatus::Withdrawn => AmendmentEvent::Withdrawn,
        }
    }
}

/// One line of an amendment's history: who did what, and the status it left the amendment in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AmendmentHistoryEntry {
    pub at: Timestamp,
    pub actor: Actor,
    pub event: AmendmentEvent,
    pub status: AmendmentStatus,
}
