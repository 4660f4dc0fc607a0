//! Where an application stands, and which changes of status the process allows.

use serde::{Deserialize, Serialize};

use crate::coded::coded_enum;
use crate::validation::CalendarDate;

coded_enum! {
    /// The life of an application: prepared by the HCP, then processed by the Registration Office.
    pub enum ApplicationStatus {
        Draft = "draft",
        Submitted = "submitted",
        Accepted = "accepted",
        TechnicalSetup = "technical_setup",
        Registered = "registered",
        Rejected = "rejected",
        Withdrawn = "withdrawn",
        /// Documents still incomplete 60 days after submission, or set-up not done 60 days after acceptance.
        Unsuccessful = "unsuccessful",
    }
}

impl ApplicationStatus {
    /// Only a draft can be edited; later changes go through an amendment.
    pub fn is_editable(self) -> bool {
        self == ApplicationStatus::Draft
    }

    /// The statuses the Registration Office may move an application to from this one.
    pub fn next(self) -> &'static [ApplicationStatus] {
        use ApplicationStatus::*;
        match self {
            Draft => &[Submitted],
            Submitted => &[Accepted, Rejected, Withdrawn, Unsuccessful],
            Accepted => &[TechnicalSetup, Withdrawn, Unsuccessful],
            TechnicalSetup => &[Registered, Withdrawn, Unsuccessful],
            // A registered HCP leaves eHealth by a withdrawal request the office accepts.
            Registered => &[Withdrawn],
            Rejected | Withdrawn | Unsuccessful => &[],
        }
    }

    pub fn can_become(self, next: ApplicationStatus) -> bool {
        self.next().contains(&next)
    }
}

coded_enum! {
    /// How the application reached the Registration Office.
    pub enum SubmissionChannel {
        Fax = "fax",
        Mail = "mail",
        InPerson = "in_person",
    }
}

/// When and how the application was submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Submission {
    pub channel: SubmissionChannel,
    pub date: CalendarDate,
}

#[cfg(test)]
mod tests {
    use super::ApplicationStatus::*;
    use super::*;

    #[test]
    fn the_process_moves_forward_only() {
        assert!(Draft.can_become(Submitted));
        assert!(Submitted.can_become(Accepted));
        assert!(Accepted.can_become(TechnicalSetup));
        assert!(TechnicalSetup.can_become(Registered));
        assert!(
            !Draft.can_become(Accepted),
            "the RO cannot accept what was never submitted"
        );
        assert!(!Registered.can_become(Draft));
        for &status in ApplicationStatus::ALL {
            assert!(!status.can_become(status), "{status} to itself");
            assert!(!status.can_become(Draft), "{status} back to draft");
        }
    }

    #[test]
    fn only_drafts_are_editable() {
        let editable: Vec<_> = ApplicationStatus::ALL
            .iter()
            .filter(|s| s.is_editable())
            .collect();
        assert_eq!(editable, [&Draft]);
    }
}
