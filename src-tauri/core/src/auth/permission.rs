//! What each role may do: one table, read by every use case through [`super::Principal::require`] and by the
//! UI (which shows only what the signed-in roles allow, but is never the guard).

use super::Role;
use crate::coded::coded_enum;

coded_enum! {
    /// One thing a use case may be asked to do. Every use case names the one it needs.
    pub enum Permission {
        /// Register a patient, change a registration.
        PatientRegister = "patient.register",
        /// Search the register and open a registration (an audited read of personal data).
        PatientRead = "patient.read",
        /// Read an identity card at the desk.
        CardRead = "card.read",
        /// Print a patient's registration and consent form.
        PatientPrint = "patient.print",
        /// Create, fill in, attach to, submit, export and import HCP applications.
        ApplicationEdit = "application.edit",
        /// Import a submission package: the Registration Office's intake, or a clinic's own copy.
        ApplicationImport = "application.import",
        /// List and open HCP applications.
        ApplicationRead = "application.read",
        /// The Registration Office's decisions on an application (its status).
        ApplicationReview = "application.review",
        /// Add users, change their roles, reset their passwords, disable them.
        UsersManage = "users.manage",
        /// Change the office's security settings (lockout, auto-lock).
        SettingsManage = "settings.manage",
        /// Read and verify the audit trail.
        AuditRead = "audit.read",
        /// See the HCP's staff list, its registrations that expire, and the account requests.
        StaffRead = "staff.read",
        /// Add, change and import staff; prepare, print and submit account requests.
        StaffManage = "staff.manage",
        /// Prepare, change, print and submit amendments to a registered HCP (and its withdrawal), and record
        /// the Registration Office's answer.
        AmendmentEdit = "amendment.edit",
        /// Check the database's rows (`ehr db check`): reads every sealed value.
        DatabaseMaintain = "database.maintain",
    }
}

/// The grants, role by role. Data, not code: a role's powers are read here and nowhere else.
const GRANTS: &[(Role, &[Permission])] = &[
    (
        Role::FrontDesk,
        &[
            Permission::PatientRegister,
            Permission::PatientRead,
            Permission::CardRead,
            Permission::PatientPrint,
        ],
    ),
    (
        Role::UserAdmin,
        &[
            Permission::ApplicationEdit,
            Permission::ApplicationImport,
            Permission::ApplicationRead,
            Permission::StaffRead,
            Permission::StaffManage,
            Permission::AmendmentEdit,
        ],
    ),
    (
        Role::RoOfficer,
        &[
            Permission::ApplicationImport,
            Permission::ApplicationRead,
            Permission::ApplicationReview,
        ],
    ),
    (
        Role::SystemAdmin,
        &[
            Permission::UsersManage,
            Permission::SettingsManage,
            Permission::AuditRead,
            Permission::DatabaseMaintain,
        ],
    ),
    (Role::Auditor, &[Permission::AuditRead]),
];

impl Role {
    /// What this role may do.
    pub fn permissions(self) -> &'static [Permission] {
        GRANTS
            .iter()
            .find(|(role, _)| *role == self)
            .map_or(&[], |(_, granted)| granted)
    }
}

/// Everything `roles` together may do, each once, in the table's order.
pub fn permissions_of(roles: &[Role]) -> Vec<Permission> {
    Permission::ALL
        .iter()
        .copied()
        .filter(|p| roles.iter().any(|r| r.permissions().contains(p)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_a_row_and_every_permission_a_role() {
        for role in Role::ALL {
            assert_eq!(
                GRANTS.iter().filter(|(r, _)| r == role).count(),
                1,
                "{role} must have exactly one row"
            );
        }
        for permission in Permission::ALL {
            assert!(
                Role::ALL
                    .iter()
                    .any(|r| r.permissions().contains(permission)),
                "{permission} is granted to nobody"
            );
        }
    }

    #[test]
    fn the_auditor_only_reads_the_audit_trail() {
        assert_eq!(permissions_of(&[Role::Auditor]), [Permission::AuditRead]);
        assert_eq!(
            permissions_of(&[Role::FrontDesk, Role::Auditor]).len(),
            5,
            "roles add up"
        );
    }
}
