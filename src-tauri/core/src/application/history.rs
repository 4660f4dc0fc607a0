//! The history of an application: every change, with who made it, where and when.

use serde::{Deserialize, Serialize};

use super::{ApplicationStatus, DocumentKind, Step, SubmissionChannel};
use crate::time::Timestamp;
use crate::validation::CalendarDate;

/// Who made a change: the signed-in user and the workstation they used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Actor {
    pub user: String,
    pub workstation: String,
}

impl Actor {
    /// The operating-system user and host name, until the product has its own sign-in.
    pub fn from_environment() -> Self {
        let var = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| std::env::var(n).ok().filter(|v| !v.trim().is_empty()))
                .unwrap_or_default()
        };
        let workstation = std::fs::read_to_string("/etc/hostname")
            .ok()
            .map(|h| h.trim().to_owned())
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| var(&["COMPUTERNAME", "HOSTNAME"]));
        let user = var(&["USER", "USERNAME", "LOGNAME"]);
        // A service or container may set no user variable: say so rather than record a blank.
        let user = if user.is_empty() {
            "(unknown user)".to_owned()
        } else {
            user
        };
        Actor { user, workstation }
    }
}

/// What happened. Field values are not repeated here: the history says what changed, not the personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum HistoryEvent {
    Created,
    #[serde(rename_all = "camelCase")]
    Edited {
        steps: Vec<Step>,
    },
    #[serde(rename_all = "camelCase")]
    DocumentAttached {
        document: DocumentKind,
        file_name: String,
    },
    #[serde(rename_all = "camelCase")]
    DocumentRemoved {
        document: DocumentKind,
        file_name: String,
    },
    #[serde(rename_all = "camelCase")]
    Submitted {
        channel: SubmissionChannel,
        date: CalendarDate,
    },
    #[serde(rename_all = "camelCase")]
    StatusChanged {
        from: ApplicationStatus,
        to: ApplicationStatus,
        note: Option<String>,
    },
    Exported,
    Imported,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    pub at: Timestamp,
    pub actor: Actor,
    pub event: HistoryEvent,
}
