//! User accounts: who may sign in, with which roles; and the office they belong to.

use serde::{Deserialize, Serialize};

use super::{OfficeKind, Role};
use crate::coded::uuid_id;
use crate::issue::{ErrorCode, Issue};
use crate::limits::{OFFICE_NAME_MAX, USER_FULL_NAME_MAX};
use crate::ports::PasswordHash;
use crate::time::Timestamp;
use crate::validation::{ValueError, free_text};

uuid_id! {
    /// A user account, for good: a renamed or disabled user keeps it.
    pub struct UserId;
}

/// A user name: 3 to 32 characters of `a–z 0–9 . _ -`, starting with a letter; typed in any case and kept
/// in lower case, so `Chan.TM` and `chan.tm` are one user.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(try_from = "String", into = "String")]
pub struct UserName(#[specta(type = String)] String);

impl UserName {
    pub fn parse(raw: &str) -> Result<UserName, ValueError> {
        let name = raw.trim().to_ascii_lowercase();
        let mut chars = name.chars();
        let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_lowercase());
        let rest_allowed =
            chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c));
        if !(3..=32).contains(&name.len()) || !starts_with_letter || !rest_allowed {
            return Err(ValueError::new(ErrorCode::AuthUserNameInvalid));
        }
        Ok(UserName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for UserName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for UserName {
    type Error = ValueError;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        UserName::parse(&raw)
    }
}

impl From<UserName> for String {
    fn from(name: UserName) -> String {
        name.0
    }
}

/// A person's full name as their colleagues see it in lists and in the audit trail.
pub fn full_name(raw: &str, field: &str) -> Result<String, Issue> {
    required_text(raw, USER_FULL_NAME_MAX, field)
}

/// The office's name, as on its application and its screens.
pub fn office_name(raw: &str, field: &str) -> Result<String, Issue> {
    required_text(raw, OFFICE_NAME_MAX, field)
}

fn required_text(raw: &str, max: usize, field: &str) -> Result<String, Issue> {
    let text = free_text(raw, max).map_err(|e| e.at(field))?;
    if text.is_empty() {
        return Err(Issue::new(ErrorCode::Required).at(field));
    }
    Ok(text)
}

/// The office this installation serves, set once at first run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Office {
    pub kind: OfficeKind,
    pub name: String,
    pub set_up_at: Timestamp,
}

/// A stored account, with what sign-in needs. Never crosses IPC: lists use [`AccountSummary`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: UserId,
    pub user_name: UserName,
    pub full_name: String,
    pub roles: Vec<Role>,
    pub disabled: bool,
    /// Set when an administrator chose the password: the user picks their own at next sign-in.
    pub must_change_password: bool,
    /// Wrong passwords since the last sign-in or lockout.
    pub failed_sign_ins: u32,
    pub locked_until: Option<Timestamp>,
    pub password_hash: PasswordHash,
    pub created_at: Timestamp,
}

/// An account as the user administration screen and `ehr users list` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AccountSummary {
    pub id: UserId,
    pub user_name: UserName,
    pub full_name: String,
    pub roles: Vec<Role>,
    pub disabled: bool,
    pub must_change_password: bool,
    pub locked_until: Option<Timestamp>,
    pub created_at: Timestamp,
}

impl From<&Account> for AccountSummary {
    fn from(account: &Account) -> Self {
        AccountSummary {
            id: account.id.clone(),
            user_name: account.user_name.clone(),
            full_name: account.full_name.clone(),
            roles: account.roles.clone(),
            disabled: account.disabled,
            must_change_password: account.must_change_password,
            locked_until: account.locked_until,
            created_at: account.created_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_names_are_folded_and_checked() {
        assert_eq!(UserName::parse(" Chan.TM ").unwrap().as_str(), "chan.tm");
        for bad in [
            "ab",
            "1chan",
            "chan tm",
            "陳大文",
            "chan@clinic",
            &"a".repeat(33),
        ] {
            assert_eq!(
                UserName::parse(bad).unwrap_err().code,
                ErrorCode::AuthUserNameInvalid,
                "{bad}"
            );
        }
    }
}
