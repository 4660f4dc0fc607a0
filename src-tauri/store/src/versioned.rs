//! Optimistic concurrency, once for every table that has it: a change is made from the version it read, the
//! version is checked inside the writing transaction (under the writer's lock, so two changes from one version
//! cannot both pass), and a stale change is refused naming who changed the row last, and when.

use ehr_core::application::Actor;
use ehr_core::ports::{LastChange, PatientWrite, Updated};
use ehr_core::time::Timestamp;

use crate::StoreError;
use crate::db::{Tx, query};

/// A table with a `version` column, and where its rows' last change is recorded.
pub(crate) struct Versioned {
    /// Named here, never taken from input.
    table: &'static str,
    /// `at`, `user_name` and `workstation` of the newest change of the row `$1`.
    last_change: &'static str,
}

pub(crate) const APPLICATIONS: Versioned = Versioned {
    table: "applications",
    last_change: "SELECT at, user_name, workstation FROM application_history
                  WHERE application_id = $1 ORDER BY seq DESC LIMIT 1",
};

pub(crate) const PATIENTS: Versioned = Versioned {
    table: "patients",
    last_change: "SELECT at, user_name, workstation FROM audit_log
                  WHERE subject = $1 AND action IN ('registered', 'changed') ORDER BY seq DESC LIMIT 1",
};

pub(crate) const STAFF: Versioned = Versioned {
    table: "staff",
    last_change: "SELECT at, user_name, workstation FROM audit_log
                  WHERE subject = $1 AND action IN ('staff_added', 'staff_changed', 'staff_left')
                  ORDER BY seq DESC LIMIT 1",
};

pub(crate) const ACCOUNT_REQUESTS: Versioned = Versioned {
    table: "account_requests",
    last_change: "SELECT at, user_name, workstation FROM account_request_history
                  WHERE request_id = $1 ORDER BY seq DESC LIMIT 1",
};

pub(crate) const AMENDMENTS: Versioned = Versioned {
    table: "amendments",
    last_change: "SELECT at, user_name, workstation FROM amendment_history
                  WHERE amendment_id = $1 ORDER BY seq DESC LIMIT 1",
};

/// Why a change was not written.
#[derive(Debug)]
pub(crate) enum Refused {
    Missing,
    Stale(LastChange),
}

impl Versioned {
    /// `None` when the row `id` is at `version` and the change may be written in `tx`; otherwise why not.
    pub(crate) async fn refusal(
        &self,
        tx: &mut Tx,
        id: &str,
        version: u64,
    ) -> Result<Option<Refused>, StoreError> {
        let expected = i64::try_from(version).unwrap_or(i64::MAX);
        let stored: Option<i64> =
            query(format!("SELECT version FROM {} WHERE id = $1", self.table))
                .bind(id)
                .fetch_scalar(&mut *tx)
                .await?;
        match stored {
            None => Ok(Some(Refused::Missing)),
            Some(stored) if stored == expected => Ok(None),
            Some(stored) => Ok(Some(Refused::Stale(
                self.last_change(tx, id, stored).await?,
            ))),
        }
    }

    async fn last_change(
        &self,
        tx: &mut Tx,
        id: &str,
        version: i64,
    ) -> Result<LastChange, StoreError> {
        let row = query(self.last_change)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let (actor, at) = match row {
            Some(row) => (
                Actor {
                    user: row.get("user_name")?,
                    workstation: row.get("workstation")?,
                },
                Timestamp::from_millis(row.get("at")?),
            ),
            // Staff added by an import: its one audit entry names the HCP, not each member.
            None => (
                Actor {
                    user: String::new(),
                    workstation: String::new(),
                },
                Timestamp::from_millis(0),
            ),
        };
        Ok(LastChange {
            actor,
            at,
            version: u64::try_from(version).unwrap_or_default(),
        })
    }
}

impl From<Refused> for Updated {
    fn from(refused: Refused) -> Self {
        match refused {
            Refused::Missing => Updated::Missing,
            Refused::Stale(last) => Updated::Stale(last),
        }
    }
}

impl From<Refused> for PatientWrite {
    fn from(refused: Refused) -> Self {
        match refused {
            Refused::Missing => PatientWrite::Missing,
            Refused::Stale(last) => PatientWrite::Stale(last),
        }
    }
}
