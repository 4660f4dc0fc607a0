//! The acting person: who they are, which roles they hold in which office, at which workstation. Every use
//! case is given one and asks it before doing anything. Only a sign-in makes one (its fields are private to
//! this module's parent), so no edge can act as someone it did not sign in.

use serde::Serialize;

use super::{OfficeKind, Permission, Role, UserId, UserName, permissions_of};
use crate::application::Actor;
use crate::error::CoreError;
use crate::issue::{ErrorCode, Issue};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Principal {
    pub(super) user: UserId,
    pub(super) user_name: UserName,
    pub(super) full_name: String,
    pub(super) roles: Vec<Role>,
    pub(super) office: OfficeKind,
    /// The computer's name, as recorded beside the user in every history and audit entry.
    pub(super) workstation: String,
}

impl Principal {
    pub fn user(&self) -> &UserId {
        &self.user
    }

    pub fn user_name(&self) -> &UserName {
        &self.user_name
    }

    pub fn full_name(&self) -> &str {
        &self.full_name
    }

    pub fn roles(&self) -> &[Role] {
        &self.roles
    }

    pub fn office(&self) -> OfficeKind {
        self.office
    }

    /// Whether the roles held allow `permission`.
    pub fn may(&self, permission: Permission) -> bool {
        self.roles
            .iter()
            .any(|role| role.permissions().contains(&permission))
    }

    /// `auth.forbidden` (naming the permission) unless the roles held allow it.
    pub fn require(&self, permission: Permission) -> Result<(), CoreError> {
        if self.may(permission) {
            Ok(())
        } else {
            Err(CoreError::invalid(
                Issue::new(ErrorCode::AuthForbidden).with("permission", permission),
            ))
        }
    }

    /// Everything this person may do, for the UI to show only that.
    pub fn permissions(&self) -> Vec<Permission> {
        permissions_of(&self.roles)
    }

    /// How this person is named in history and audit entries.
    pub fn actor(&self) -> Actor {
        Actor {
            user: self.user_name.to_string(),
            workstation: self.workstation.clone(),
        }
    }
}

#[cfg(any(test, feature = "test-support"))]
impl Principal {
    /// A principal that no sign-in made, for tests of use cases that are not about who acts (storage,
    /// rules, packages); its user name is its first role's code. Tests about access sign in for real. Not in
    /// a release build: the feature is only enabled by dev-dependencies.
    pub fn for_tests(office: OfficeKind, roles: &[Role]) -> Principal {
        let name = roles.first().map_or("nobody", |role| role.code());
        Principal {
            user: UserId::generate(),
            user_name: UserName::parse(name).unwrap_or_else(|_| unreachable!()),
            full_name: "TEST User".to_owned(),
            roles: roles.to_vec(),
            office,
            workstation: "test-workstation".to_owned(),
        }
    }

    /// As [`Principal::for_tests`], named `user_name` at `workstation`: for tests of who changed what.
    pub fn for_tests_as(
        user_name: &str,
        workstation: &str,
        office: OfficeKind,
        roles: &[Role],
    ) -> Principal {
        Principal {
            user_name: UserName::parse(user_name)
                .unwrap_or_else(|_| panic!("{user_name:?} is not a user name")),
            workstation: workstation.to_owned(),
            ..Principal::for_tests(office, roles)
        }
    }
}

/// This computer's name, for [`Principal::workstation`] (the OS's own, never typed by the user).
pub fn workstation_name() -> String {
    let from_env = ["COMPUTERNAME", "HOSTNAME"]
        .iter()
        .find_map(|n| std::env::var(n).ok().filter(|v| !v.trim().is_empty()));
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .or(from_env)
        .unwrap_or_else(|| "(unknown workstation)".to_owned())
}
