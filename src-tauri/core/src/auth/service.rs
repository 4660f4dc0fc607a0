//! The use cases of who is acting: setting the office up, signing in and out, locking, and administering
//! accounts. Every failed sign-in, lockout and account change is audited in the transaction that makes it.

use super::{
    Account, AccountSummary, Office, OfficeKind, Password, Permission, Principal, RecoveryKey,
    Role, SecuritySettings, Session, UserId, UserName, full_name, office_name, require_strong,
};
use crate::application::Actor;
use crate::error::CoreError;
use crate::issue::{ErrorCode, Issue};
use crate::ports::{
    AccountStore, AuditAction, AuditEntry, AuditTrail, Clock, KeyFailure, KeyVault,
};
use crate::time::Timestamp;

/// What the accounts use cases need of storage.
pub trait AccountStorage: AccountStore + AuditTrail {}
impl<T: AccountStore + AuditTrail> AccountStorage for T {}

/// A new user, as the setup screen and the user administration screen take it.
#[derive(Debug, serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewUser {
    pub user_name: UserName,
    pub full_name: String,
    pub roles: Vec<Role>,
    pub password: Password,
}

/// Who typed what at the sign-in screen, before anyone is known.
const NOBODY: &str = "(not signed in)";
const UNKNOWN_USER: &str = "(unknown user)";

pub struct Accounts<'a> {
    store: &'a dyn AccountStorage,
    vault: &'a dyn KeyVault,
    clock: &'a dyn Clock,
    workstation: String,
}

impl<'a> Accounts<'a> {
    pub fn new(
        store: &'a dyn AccountStorage,
        vault: &'a dyn KeyVault,
        clock: &'a dyn Clock,
        workstation: String,
    ) -> Self {
        Accounts {
            store,
            vault,
            clock,
            workstation,
        }
    }

    fn entry(&self, user: &str, action: AuditAction, subject: &str) -> AuditEntry {
        AuditEntry {
            at: self.clock.now(),
            actor: Actor {
                user: user.to_owned(),
                workstation: self.workstation.clone(),
            },
            action,
            subject: subject.to_owned(),
        }
    }

    fn by(&self, principal: &Principal, action: AuditAction, subject: &str) -> AuditEntry {
        AuditEntry {
            at: self.clock.now(),
            actor: principal.actor(),
            action,
            subject: subject.to_owned(),
        }
    }

    /// The office, once set up: `None` sends the app to its first-run screen.
    pub async fn office(&self) -> Result<Option<Office>, CoreError> {
        Ok(self.store.office().await?)
    }

    pub async fn security_settings(&self) -> Result<SecuritySettings, CoreError> {
        Ok(self.store.security_settings().await?)
    }

    /// First run: records the office and its first system administrator, makes the office key (or adopts
    /// `legacy`, the previous release's keyring key, so its data stays readable) and answers the session
    /// and the recovery key, to be shown once.
    pub async fn set_up(
        &self,
        kind: OfficeKind,
        name: &str,
        admin_user_name: UserName,
        admin_full_name: &str,
        password: &Password,
        legacy: Option<Box<dyn crate::ports::OfficeKey>>,
    ) -> Result<(Session, RecoveryKey), CoreError> {
        let mut issues = Vec::new();
        let name = office_name(name, "office.name")
            .map_err(|i| issues.push(i))
            .ok();
        let admin_full_name = full_name(admin_full_name, "admin.fullName")
            .map_err(|i| issues.push(i))
            .ok();
        if let (Some(office), Some(person)) = (&name, &admin_full_name) {
            let known = [admin_user_name.as_str(), person.as_str(), office.as_str()];
            if let Err(issue) = require_strong(password, &known, "admin.password") {
                issues.push(issue);
            }
        }
        let (Some(name), Some(admin_full_name), true) = (name, admin_full_name, issues.is_empty())
        else {
            return Err(CoreError::Invalid(issues));
        };
        if self.store.office().await?.is_some() {
            return Err(CoreError::invalid(Issue::new(ErrorCode::AuthSetupDone)));
        }
        let now = self.clock.now();
        let (key, recovery) = match legacy {
            Some(legacy) => (legacy, self.vault.new_recovery_key()?),
            None => self.vault.new_office_key()?,
        };
        let admin = Account {
            id: UserId::generate(),
            user_name: admin_user_name,
            full_name: admin_full_name,
            roles: vec![Role::SystemAdmin],
            disabled: false,
            must_change_password: false,
            failed_sign_ins: 0,
            locked_until: None,
            password_hash: self.vault.hash_password(password)?,
            created_at: now,
        };
        let office = Office {
            kind,
            name,
            set_up_at: now,
        };
        let audit = self.entry(
            admin.user_name.as_str(),
            AuditAction::OfficeSetUp,
            kind.code(),
        );
        let stored = self
            .store
            .set_up_office(
                &office,
                &admin,
                &key.wrap_for_password(password)?,
                &key.wrap_for_recovery(&recovery)?,
                &audit,
            )
            .await?;
        if !stored {
            return Err(CoreError::invalid(Issue::new(ErrorCode::AuthSetupDone)));
        }
        let principal = self.principal(&admin, &office);
        Ok((Session::new(principal, key), recovery))
    }

    fn principal(&self, account: &Account, office: &Office) -> Principal {
        Principal {
            user: account.id.clone(),
            user_name: account.user_name.clone(),
            full_name: account.full_name.clone(),
            roles: account.roles.clone(),
            office: office.kind,
            workstation: self.workstation.clone(),
        }
    }

    async fn set_up_office(&self) -> Result<Office, CoreError> {
        self.store
            .office()
            .await?
            .ok_or_else(|| CoreError::invalid(Issue::new(ErrorCode::AuthSetupNeeded)))
    }

    /// Signs `user_name` in with `password`. An unknown user name and a wrong password get the same answer
    /// (and cost the same time); after too many wrong ones in a row the account is locked for a while, and
    /// even the right password is refused until then. An account whose password an administrator chose
    /// signs in only with `new_password`, which replaces it.
    pub async fn sign_in(
        &self,
        user_name: &UserName,
        password: &Password,
        new_password: Option<&Password>,
    ) -> Result<Session, CoreError> {
        self.authenticate(user_name, password, new_password, AuditAction::SignedIn)
            .await
    }

    /// A sign-in's checks, counting and lockout, recorded as `action` (signed in, or unlocked).
    async fn authenticate(
        &self,
        user_name: &UserName,
        password: &Password,
        new_password: Option<&Password>,
        action: AuditAction,
    ) -> Result<Session, CoreError> {
        let office = self.set_up_office().await?;
        let Some(mut account) = self.store.account_by_name(user_name).await? else {
            self.vault.verify_nothing(password);
            self.store
                .record(&self.entry(NOBODY, AuditAction::SignInFailed, UNKNOWN_USER))
                .await?;
            return Err(bad_credentials());
        };
        let now = self.clock.now();
        if let Some(until) = account.locked_until.filter(|until| *until > now) {
            return Err(locked(until, now));
        }
        let settings = self.store.security_settings().await?;
        if !self.vault.verify_password(password, &account.password_hash) {
            return Err(self.wrong_password(account, &settings, now).await);
        }
        let key = match self.store.wrapped_key(&account.id).await? {
            Some(wrapped) => self.vault.unwrap_with_password(&wrapped, password)?,
            None => return Err(KeyFailure::Malformed.into()),
        };
        if account.disabled {
            return Err(CoreError::invalid(Issue::new(ErrorCode::AuthDisabled)));
        }
        let mut new_wrapping = None;
        if account.must_change_password {
            let Some(new_password) = new_password else {
                return Err(CoreError::invalid(
                    Issue::new(ErrorCode::AuthMustChangePassword).at("newPassword"),
                ));
            };
            self.check_new_password(&account, &office, password, new_password)?;
            account.password_hash = self.vault.hash_password(new_password)?;
            account.must_change_password = false;
            new_wrapping = Some(key.wrap_for_password(new_password)?);
        }
        account.failed_sign_ins = 0;
        account.locked_until = None;
        let audit = self.entry(
            account.user_name.as_str(),
            action,
            account.user_name.as_str(),
        );
        self.store
            .update_account(&account, new_wrapping.as_ref(), &audit)
            .await?;
        Ok(Session::new(self.principal(&account, &office), key))
    }

    /// Counts a wrong password, locking the account when it is one too many; answers the refusal.
    async fn wrong_password(
        &self,
        mut account: Account,
        settings: &SecuritySettings,
        now: Timestamp,
    ) -> CoreError {
        account.failed_sign_ins += 1;
        let name = account.user_name.to_string();
        let (audit, refusal) = if account.failed_sign_ins >= settings.lockout_attempts {
            let until =
                Timestamp::from_millis(now.millis() + i64::from(settings.lockout_minutes) * 60_000);
            account.failed_sign_ins = 0;
            account.locked_until = Some(until);
            (
                self.entry(NOBODY, AuditAction::AccountLocked, &name),
                locked(until, now),
            )
        } else {
            (
                self.entry(NOBODY, AuditAction::SignInFailed, &name),
                bad_credentials(),
            )
        };
        match self.store.update_account(&account, None, &audit).await {
            Ok(()) => refusal,
            Err(failure) => failure.into(),
        }
    }

    fn check_new_password(
        &self,
        account: &Account,
        office: &Office,
        current: &Password,
        new_password: &Password,
    ) -> Result<(), CoreError> {
        if new_password.expose() == current.expose() {
            return Err(CoreError::invalid(
                Issue::new(ErrorCode::AuthPasswordSame).at("newPassword"),
            ));
        }
        let known = [
            account.user_name.as_str(),
            account.full_name.as_str(),
            office.name.as_str(),
        ];
        require_strong(new_password, &known, "newPassword").map_err(CoreError::invalid)
    }

    /// Unlocks a locked screen: the same person's password, counted like a sign-in's.
    pub async fn unlock(
        &self,
        locked: &Principal,
        password: &Password,
    ) -> Result<Session, CoreError> {
        // One entry: the unlock is this sign-in (a user name given to someone else since is refused).
        let session = self
            .authenticate(
                &locked.user_name,
                password,
                None,
                AuditAction::SessionUnlocked,
            )
            .await?;
        if session.principal().user != locked.user {
            return Err(bad_credentials());
        }
        Ok(session)
    }

    /// Records that the screen was locked; the caller drops the session (and with it the key).
    pub async fn record_lock(&self, principal: &Principal) -> Result<(), CoreError> {
        let entry = self.by(
            principal,
            AuditAction::SessionLocked,
            principal.user_name.as_str(),
        );
        Ok(self.store.record(&entry).await?)
    }

    pub async fn sign_out(&self, session: Session) -> Result<(), CoreError> {
        let principal = session.principal().clone();
        drop(session);
        let entry = self.by(
            &principal,
            AuditAction::SignedOut,
            principal.user_name.as_str(),
        );
        Ok(self.store.record(&entry).await?)
    }

    /// Changes the signed-in user's own password: the office key is wrapped anew for it.
    pub async fn change_password(
        &self,
        session: &Session,
        current: &Password,
        new_password: &Password,
    ) -> Result<(), CoreError> {
        let office = self.set_up_office().await?;
        let mut account = self.account(&session.principal().user).await?;
        if !self.vault.verify_password(current, &account.password_hash) {
            return Err(CoreError::invalid(
                Issue::new(ErrorCode::AuthBadCredentials).at("currentPassword"),
            ));
        }
        self.check_new_password(&account, &office, current, new_password)?;
        account.password_hash = self.vault.hash_password(new_password)?;
        let wrapped = session.key().wrap_for_password(new_password)?;
        let audit = self.by(
            session.principal(),
            AuditAction::PasswordChanged,
            account.user_name.as_str(),
        );
        Ok(self
            .store
            .update_account(&account, Some(&wrapped), &audit)
            .await?)
    }

    /// Sets a new password for `user_name` with the office's recovery key: the way back in when every
    /// administrator's password is lost. Only a system administrator's account can be recovered.
    pub async fn recover(
        &self,
        recovery: &RecoveryKey,
        user_name: &UserName,
        new_password: &Password,
    ) -> Result<(), CoreError> {
        let office = self.set_up_office().await?;
        let key = self.unwrap_recovery(recovery).await?;
        let mut account = self.account_named(user_name).await?;
        if !account.roles.contains(&Role::SystemAdmin) {
            return Err(CoreError::invalid(
                Issue::new(ErrorCode::AuthForbidden).with("permission", Permission::UsersManage),
            ));
        }
        let known = [
            account.user_name.as_str(),
            account.full_name.as_str(),
            office.name.as_str(),
        ];
        require_strong(new_password, &known, "newPassword").map_err(CoreError::invalid)?;
        account.password_hash = self.vault.hash_password(new_password)?;
        account.must_change_password = false;
        account.disabled = false;
        account.failed_sign_ins = 0;
        account.locked_until = None;
        let audit = self.entry(NOBODY, AuditAction::Recovered, account.user_name.as_str());
        let wrapped = key.wrap_for_password(new_password)?;
        Ok(self
            .store
            .update_account(&account, Some(&wrapped), &audit)
            .await?)
    }

    /// The office, once `recovery` is shown to be its recovery key: what the recovery sheet prints (a sheet
    /// with a mistyped key would fail the day it is needed).
    pub async fn recovery_sheet(
        &self,
        principal: &Principal,
        recovery: &RecoveryKey,
    ) -> Result<Office, CoreError> {
        principal.require(Permission::UsersManage)?;
        let office = self.set_up_office().await?;
        self.unwrap_recovery(recovery).await?;
        Ok(office)
    }

    /// The office key from its recovery wrapping, or `auth.recovery_key_wrong` at `recoveryKey`.
    async fn unwrap_recovery(
        &self,
        recovery: &RecoveryKey,
    ) -> Result<Box<dyn crate::ports::OfficeKey>, CoreError> {
        let wrapped = self
            .store
            .recovery_wrapped_key()
            .await?
            .ok_or(CoreError::Key(KeyFailure::Malformed))?;
        self.vault
            .unwrap_with_recovery(&wrapped, recovery)
            .map_err(|failure| match failure {
                KeyFailure::WrongSecret => {
                    CoreError::invalid(Issue::new(ErrorCode::RecoveryKeyWrong).at("recoveryKey"))
                }
                other => other.into(),
            })
    }

    async fn account(&self, id: &UserId) -> Result<Account, CoreError> {
        self.store
            .account(id)
            .await?
            .ok_or_else(|| CoreError::invalid(Issue::new(ErrorCode::AuthUserNotFound)))
    }

    async fn account_named(&self, user_name: &UserName) -> Result<Account, CoreError> {
        self.store.account_by_name(user_name).await?.ok_or_else(|| {
            CoreError::invalid(Issue::new(ErrorCode::AuthUserNotFound).at("userName"))
        })
    }

    /// Every account, for the user administration screen.
    pub async fn list(&self, principal: &Principal) -> Result<Vec<AccountSummary>, CoreError> {
        principal.require(Permission::UsersManage)?;
        let accounts = self.store.accounts().await?;
        Ok(accounts.iter().map(AccountSummary::from).collect())
    }

    fn check_roles(office: &Office, roles: &[Role]) -> Result<(), CoreError> {
        if roles.is_empty() {
            return Err(CoreError::invalid(
                Issue::new(ErrorCode::AuthNoRoles).at("roles"),
            ));
        }
        if let Some(role) = roles.iter().find(|r| !office.kind.offers(**r)) {
            return Err(CoreError::invalid(
                Issue::new(ErrorCode::AuthRoleNotOffered)
                    .at("roles")
                    .with("role", role),
            ));
        }
        Ok(())
    }

    /// Adds a user, with the password an administrator chose for them: they choose their own at their
    /// first sign-in.
    pub async fn add_user(
        &self,
        session: &Session,
        user: NewUser,
    ) -> Result<AccountSummary, CoreError> {
        session.principal().require(Permission::UsersManage)?;
        let office = self.set_up_office().await?;
        let full_name = full_name(&user.full_name, "fullName").map_err(CoreError::invalid)?;
        let mut roles = user.roles.clone();
        roles.sort();
        roles.dedup();
        Self::check_roles(&office, &roles)?;
        let known = [
            user.user_name.as_str(),
            full_name.as_str(),
            office.name.as_str(),
        ];
        require_strong(&user.password, &known, "password").map_err(CoreError::invalid)?;
        let account = Account {
            id: UserId::generate(),
            user_name: user.user_name,
            full_name,
            roles,
            disabled: false,
            must_change_password: true,
            failed_sign_ins: 0,
            locked_until: None,
            password_hash: self.vault.hash_password(&user.password)?,
            created_at: self.clock.now(),
        };
        let wrapped = session.key().wrap_for_password(&user.password)?;
        let audit = self.by(
            session.principal(),
            AuditAction::UserAdded,
            account.user_name.as_str(),
        );
        if !self
            .store
            .insert_account(&account, &wrapped, &audit)
            .await?
        {
            return Err(CoreError::invalid(
                Issue::new(ErrorCode::AuthUserNameTaken).at("userName"),
            ));
        }
        Ok(AccountSummary::from(&account))
    }

    /// Replaces a user's roles. The last active system administrator keeps theirs.
    pub async fn set_roles(
        &self,
        principal: &Principal,
        user_name: &UserName,
        roles: &[Role],
    ) -> Result<AccountSummary, CoreError> {
        principal.require(Permission::UsersManage)?;
        let office = self.set_up_office().await?;
        let mut roles = roles.to_vec();
        roles.sort();
        roles.dedup();
        Self::check_roles(&office, &roles)?;
        let mut account = self.account_named(user_name).await?;
        if !roles.contains(&Role::SystemAdmin) {
            self.keep_an_administrator(&account).await?;
        }
        account.roles = roles;
        let audit = self.by(
            principal,
            AuditAction::RolesChanged,
            account.user_name.as_str(),
        );
        self.store.update_account(&account, None, &audit).await?;
        Ok(AccountSummary::from(&account))
    }

    /// Refuses to take the last active system administrator away.
    async fn keep_an_administrator(&self, leaving: &Account) -> Result<(), CoreError> {
        if !leaving.roles.contains(&Role::SystemAdmin) || leaving.disabled {
            return Ok(());
        }
        let others = self
            .store
            .accounts()
            .await?
            .into_iter()
            .filter(|a| a.id != leaving.id && !a.disabled && a.roles.contains(&Role::SystemAdmin))
            .count();
        if others == 0 {
            return Err(CoreError::invalid(Issue::new(
                ErrorCode::AuthLastAdministrator,
            )));
        }
        Ok(())
    }

    /// Disables (or enables again) a user: a disabled user cannot sign in; their history stays theirs.
    pub async fn set_disabled(
        &self,
        principal: &Principal,
        user_name: &UserName,
        disabled: bool,
    ) -> Result<AccountSummary, CoreError> {
        principal.require(Permission::UsersManage)?;
        let mut account = self.account_named(user_name).await?;
        if disabled {
            self.keep_an_administrator(&account).await?;
        }
        account.disabled = disabled;
        let action = if disabled {
            AuditAction::UserDisabled
        } else {
            AuditAction::UserEnabled
        };
        let audit = self.by(principal, action, account.user_name.as_str());
        self.store.update_account(&account, None, &audit).await?;
        Ok(AccountSummary::from(&account))
    }

    /// Sets a password an administrator chose for another user (who must change it at next sign-in), and
    /// lifts a lockout.
    pub async fn reset_password(
        &self,
        session: &Session,
        user_name: &UserName,
        password: &Password,
    ) -> Result<AccountSummary, CoreError> {
        session.principal().require(Permission::UsersManage)?;
        let office = self.set_up_office().await?;
        let mut account = self.account_named(user_name).await?;
        let known = [
            account.user_name.as_str(),
            account.full_name.as_str(),
            office.name.as_str(),
        ];
        require_strong(password, &known, "password").map_err(CoreError::invalid)?;
        account.password_hash = self.vault.hash_password(password)?;
        account.must_change_password = true;
        account.failed_sign_ins = 0;
        account.locked_until = None;
        let wrapped = session.key().wrap_for_password(password)?;
        let audit = self.by(
            session.principal(),
            AuditAction::PasswordReset,
            account.user_name.as_str(),
        );
        self.store
            .update_account(&account, Some(&wrapped), &audit)
            .await?;
        Ok(AccountSummary::from(&account))
    }

    pub async fn set_security_settings(
        &self,
        principal: &Principal,
        settings: SecuritySettings,
    ) -> Result<SecuritySettings, CoreError> {
        principal.require(Permission::SettingsManage)?;
        settings.validate().map_err(CoreError::Invalid)?;
        let audit = self.by(principal, AuditAction::SettingsChanged, "office");
        self.store.set_security_settings(&settings, &audit).await?;
        Ok(settings)
    }
}

fn bad_credentials() -> CoreError {
    CoreError::invalid(Issue::new(ErrorCode::AuthBadCredentials))
}

fn locked(until: Timestamp, now: Timestamp) -> CoreError {
    let left = ((until.millis() - now.millis()).max(0) + 999) / 1000;
    CoreError::invalid(
        Issue::new(ErrorCode::AuthLocked)
            .with("until", until.millis())
            .with("minutes", left / 60)
            .with("seconds", left % 60),
    )
}
