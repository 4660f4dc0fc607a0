//! The kinds of office and the roles people hold in them.

use crate::coded::coded_enum;

coded_enum! {
    /// What this installation is: it decides which roles, and so which screens, exist at all.
    pub enum OfficeKind {
        /// A healthcare provider: a clinic, a group practice or a hospital.
        Clinic = "clinic",
        /// The eHR Registration Office.
        RegistrationOffice = "ro",
    }
}

coded_enum! {
    /// A role: a set of permissions (see [`super::permission`]). A person may hold several.
    pub enum Role {
        /// Registers patients, reads cards, prints patient forms, searches the patient register.
        FrontDesk = "front_desk",
        /// The HCP's user administrator: HCP applications, staff account requests, amendments.
        UserAdmin = "user_admin",
        /// The Registration Office's officer: intake and processing of applications.
        RoOfficer = "ro_officer",
        /// Users, roles, settings, backup and the audit trail.
        SystemAdmin = "system_admin",
        /// Reads the audit trail, and nothing else.
        Auditor = "auditor",
    }
}

impl OfficeKind {
    /// The roles this kind of office offers, in the order the screens list them.
    pub fn roles(self) -> &'static [Role] {
        match self {
            OfficeKind::Clinic => &[
                Role::FrontDesk,
                Role::UserAdmin,
                Role::SystemAdmin,
                Role::Auditor,
            ],
            OfficeKind::RegistrationOffice => &[Role::RoOfficer, Role::SystemAdmin, Role::Auditor],
        }
    }

    pub fn offers(self, role: Role) -> bool {
        self.roles().contains(&role)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_is_offered_somewhere_and_both_offices_have_an_administrator() {
        for role in Role::ALL {
            assert!(OfficeKind::ALL.iter().any(|o| o.offers(*role)), "{role}");
        }
        for office in OfficeKind::ALL {
            assert!(office.offers(Role::SystemAdmin), "{office}");
        }
        assert!(!OfficeKind::Clinic.offers(Role::RoOfficer));
        assert!(!OfficeKind::RegistrationOffice.offers(Role::FrontDesk));
    }
}
