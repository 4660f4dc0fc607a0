//! Who is acting, on the real store and the real key vault (Argon2id, XChaCha20-Poly1305): first-run setup,
//! sign-in and its lockout, forced password changes, recovery, and account administration — each refusal
//! typed, each change audited.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

use std::sync::atomic::{AtomicI64, Ordering};

use ehr_core::auth::{
    Accounts, NewUser, OfficeKind, Password, RecoveryKey, Role, SecuritySettings, Session, UserName,
};
use ehr_core::ports::{AuditAction, AuditTrail, Clock};
use ehr_core::time::Timestamp;
use ehr_core::{CoreError, ErrorCode};
use ehr_secrets::Vault;
use ehr_store::Store;

/// Somewhere a value is sealed for: the key, not the place, is what these cases are about.
const PLACE: ehr_core::ports::SealedPlace<'static> = ehr_core::ports::SealedPlace {
    table: "patients",
    column: "sealed_record",
    row: "0193a7a0-0000-7000-8000-000000000001",
};

const ADMIN_PASSWORD: &str = "harbour lantern pepper violin";
const CLERK_FIRST: &str = "temporary orchid kettle 41";
const CLERK_OWN: &str = "mango sailboat chorus maple";

/// A clock the test moves by hand, to pass a lockout without waiting for it.
struct HandClock(AtomicI64);

impl HandClock {
    fn advance_minutes(&self, minutes: i64) {
        self.0.fetch_add(minutes * 60_000, Ordering::SeqCst);
    }
}

impl Clock for HandClock {
    fn now(&self) -> Timestamp {
        Timestamp::from_millis(self.0.load(Ordering::SeqCst))
    }
}

fn password(typed: &str) -> Password {
    Password::parse(typed).unwrap()
}

fn name(typed: &str) -> UserName {
    UserName::parse(typed).unwrap()
}

fn code(error: CoreError) -> ErrorCode {
    error.issues().expect("a worded refusal")[0].code
}

struct Office {
    _dir: tempfile::TempDir,
    store: Store,
    clock: HandClock,
}

impl Office {
    async fn new() -> Office {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_sqlite(&dir.path().join("ehr.sqlite3"))
            .await
            .unwrap();
        Office {
            _dir: dir,
            store,
            clock: HandClock(AtomicI64::new(1_780_000_000_000)),
        }
    }

    fn accounts(&self) -> Accounts<'_> {
        Accounts::new(&self.store, &Vault, &self.clock, "desk-1".into())
    }

    async fn set_up(&self) -> (Session, RecoveryKey) {
        self.accounts()
            .set_up(
                OfficeKind::Clinic,
                "Harbour View Clinic",
                name("admin"),
                "CHAN Siu Ming",
                &password(ADMIN_PASSWORD),
                None,
            )
            .await
            .unwrap()
    }

    async fn add_clerk(&self, admin: &Session) {
        self.accounts()
            .add_user(
                admin,
                NewUser {
                    user_name: name("clerk"),
                    full_name: "WONG Mei Ling".into(),
                    roles: vec![Role::FrontDesk],
                    password: password(CLERK_FIRST),
                },
            )
            .await
            .unwrap();
    }

    async fn actions(&self) -> Vec<(AuditAction, String)> {
        let links = self.store.audit_links(0, 1000).await.unwrap();
        links
            .into_iter()
            .map(|l| {
                let f = l.fields.unwrap();
                (AuditAction::from_code(&f.action).unwrap(), f.subject)
            })
            .collect()
    }
}

#[tokio::test]
async fn setup_makes_one_administrator_and_cannot_run_twice() {
    let office = Office::new().await;
    assert!(office.accounts().office().await.unwrap().is_none());
    let (admin, recovery) = office.set_up().await;
    assert_eq!(admin.principal().roles(), [Role::SystemAdmin]);
    assert_eq!(admin.principal().actor().workstation, "desk-1");
    assert_eq!(recovery.expose().len(), 39);
    let again = office
        .accounts()
        .set_up(
            OfficeKind::Clinic,
            "Another",
            name("other"),
            "LEE Ka Yan",
            &password(ADMIN_PASSWORD),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(code(again), ErrorCode::AuthSetupDone);
    assert_eq!(
        office.actions().await,
        [(AuditAction::OfficeSetUp, "clinic".to_owned())]
    );
}

#[tokio::test]
async fn a_weak_password_or_a_missing_name_is_refused_at_setup() {
    let office = Office::new().await;
    let refused = office
        .accounts()
        .set_up(
            OfficeKind::Clinic,
            " ",
            name("admin"),
            "CHAN Siu Ming",
            &password("password1"),
            None,
        )
        .await
        .unwrap_err();
    let issues = refused.issues().unwrap();
    assert_eq!(issues[0].code, ErrorCode::Required);
    assert_eq!(issues[0].field.as_deref(), Some("office.name"));
    let weak = office
        .accounts()
        .set_up(
            OfficeKind::Clinic,
            "Harbour View Clinic",
            name("admin"),
            "CHAN Siu Ming",
            &password("password123456"),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(code(weak), ErrorCode::AuthPasswordWeak);
    assert!(
        office.accounts().office().await.unwrap().is_none(),
        "nothing was set up"
    );
}

#[tokio::test]
async fn an_unknown_user_and_a_wrong_password_get_the_same_answer() {
    let office = Office::new().await;
    office.set_up().await;
    let accounts = office.accounts();
    let unknown = accounts
        .sign_in(&name("nobody"), &password(ADMIN_PASSWORD), None)
        .await
        .unwrap_err();
    let wrong = accounts
        .sign_in(&name("admin"), &password("not the password"), None)
        .await
        .unwrap_err();
    assert_eq!(unknown.issues(), wrong.issues());
    assert_eq!(code(wrong), ErrorCode::AuthBadCredentials);
    let actions = office.actions().await;
    assert_eq!(
        actions[1],
        (AuditAction::SignInFailed, "(unknown user)".to_owned())
    );
    assert_eq!(actions[2], (AuditAction::SignInFailed, "admin".to_owned()));
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_account_until_the_time_is_up() {
    let office = Office::new().await;
    office.set_up().await;
    let accounts = office.accounts();
    for attempt in 1..=4 {
        let refused = accounts
            .sign_in(&name("admin"), &password("wrong"), None)
            .await
            .unwrap_err();
        assert_eq!(
            code(refused),
            ErrorCode::AuthBadCredentials,
            "attempt {attempt}"
        );
    }
    let fifth = accounts
        .sign_in(&name("admin"), &password("wrong"), None)
        .await
        .unwrap_err();
    let issue = &fifth.issues().unwrap()[0];
    assert_eq!(issue.code, ErrorCode::AuthLocked);
    assert_eq!(issue.params["minutes"], "5");
    // The sixth, with the right password, is still refused, with the time left.
    office.clock.advance_minutes(2);
    let sixth = accounts
        .sign_in(&name("admin"), &password(ADMIN_PASSWORD), None)
        .await
        .unwrap_err();
    let issue = &sixth.issues().unwrap()[0];
    assert_eq!(issue.code, ErrorCode::AuthLocked);
    assert_eq!(
        (
            issue.params["minutes"].as_str(),
            issue.params["seconds"].as_str()
        ),
        ("3", "0")
    );
    office.clock.advance_minutes(3);
    let session = accounts
        .sign_in(&name("admin"), &password(ADMIN_PASSWORD), None)
        .await
        .unwrap();
    assert_eq!(session.principal().user_name().as_str(), "admin");
    let actions: Vec<AuditAction> = office.actions().await.into_iter().map(|(a, _)| a).collect();
    assert_eq!(
        actions[1..],
        [
            AuditAction::SignInFailed,
            AuditAction::SignInFailed,
            AuditAction::SignInFailed,
            AuditAction::SignInFailed,
            AuditAction::AccountLocked,
            AuditAction::SignedIn,
        ]
    );
}

#[tokio::test]
async fn the_lockout_follows_the_settings_an_administrator_chose() {
    let office = Office::new().await;
    let (admin, _) = office.set_up().await;
    let chosen = SecuritySettings {
        lockout_attempts: 3,
        lockout_minutes: 10,
        autolock_minutes: 1,
    };
    office
        .accounts()
        .set_security_settings(admin.principal(), chosen)
        .await
        .unwrap();
    let out_of_range = SecuritySettings {
        lockout_attempts: 2,
        ..chosen
    };
    let refused = office
        .accounts()
        .set_security_settings(admin.principal(), out_of_range)
        .await
        .unwrap_err();
    assert_eq!(code(refused), ErrorCode::SettingOutOfRange);
    for _ in 0..2 {
        office
            .accounts()
            .sign_in(&name("admin"), &password("wrong"), None)
            .await
            .unwrap_err();
    }
    let third = office
        .accounts()
        .sign_in(&name("admin"), &password("wrong"), None)
        .await
        .unwrap_err();
    assert_eq!(third.issues().unwrap()[0].params["minutes"], "10");
}

#[tokio::test]
async fn a_new_user_chooses_their_own_password_at_first_sign_in_and_the_key_follows() {
    let office = Office::new().await;
    let (admin, _) = office.set_up().await;
    office.add_clerk(&admin).await;
    let accounts = office.accounts();
    let asked = accounts
        .sign_in(&name("clerk"), &password(CLERK_FIRST), None)
        .await
        .unwrap_err();
    assert_eq!(code(asked), ErrorCode::AuthMustChangePassword);
    let same = accounts
        .sign_in(
            &name("clerk"),
            &password(CLERK_FIRST),
            Some(&password(CLERK_FIRST)),
        )
        .await
        .unwrap_err();
    assert_eq!(code(same), ErrorCode::AuthPasswordSame);
    let clerk = accounts
        .sign_in(
            &name("clerk"),
            &password(CLERK_FIRST),
            Some(&password(CLERK_OWN)),
        )
        .await
        .unwrap();
    assert_eq!(clerk.principal().roles(), [Role::FrontDesk]);
    // The same office key: what the administrator sealed, the clerk opens.
    let sealed = admin.cipher().seal(b"A123456(3)", &PLACE).unwrap();
    assert_eq!(clerk.cipher().open(&sealed, &PLACE).unwrap(), b"A123456(3)");
    drop(clerk);
    let old = accounts
        .sign_in(&name("clerk"), &password(CLERK_FIRST), None)
        .await
        .unwrap_err();
    assert_eq!(code(old), ErrorCode::AuthBadCredentials);
    accounts
        .sign_in(&name("clerk"), &password(CLERK_OWN), None)
        .await
        .unwrap();
}

#[tokio::test]
async fn only_an_administrator_administers_and_the_last_one_stays() {
    let office = Office::new().await;
    let (admin, _) = office.set_up().await;
    office.add_clerk(&admin).await;
    let accounts = office.accounts();
    let clerk = accounts
        .sign_in(
            &name("clerk"),
            &password(CLERK_FIRST),
            Some(&password(CLERK_OWN)),
        )
        .await
        .unwrap();
    let before = office.actions().await.len();
    let forbidden = accounts.list(clerk.principal()).await.unwrap_err();
    assert_eq!(code(forbidden), ErrorCode::AuthForbidden);
    let forbidden = accounts
        .set_roles(clerk.principal(), &name("clerk"), &[Role::SystemAdmin])
        .await
        .unwrap_err();
    assert_eq!(code(forbidden), ErrorCode::AuthForbidden);
    assert_eq!(
        office.actions().await.len(),
        before,
        "a refusal changes nothing"
    );
    let not_offered = accounts
        .set_roles(admin.principal(), &name("clerk"), &[Role::RoOfficer])
        .await
        .unwrap_err();
    assert_eq!(code(not_offered), ErrorCode::AuthRoleNotOffered);
    let last = accounts
        .set_disabled(admin.principal(), &name("admin"), true)
        .await
        .unwrap_err();
    assert_eq!(code(last), ErrorCode::AuthLastAdministrator);
    let last = accounts
        .set_roles(admin.principal(), &name("admin"), &[Role::Auditor])
        .await
        .unwrap_err();
    assert_eq!(code(last), ErrorCode::AuthLastAdministrator);
    accounts
        .set_disabled(admin.principal(), &name("clerk"), true)
        .await
        .unwrap();
    let disabled = accounts
        .sign_in(&name("clerk"), &password(CLERK_OWN), None)
        .await
        .unwrap_err();
    assert_eq!(code(disabled), ErrorCode::AuthDisabled);
    let listed = accounts.list(admin.principal()).await.unwrap();
    assert_eq!(
        listed
            .iter()
            .map(|a| (a.user_name.as_str(), a.disabled))
            .collect::<Vec<_>>(),
        [("admin", false), ("clerk", true)]
    );
}

#[tokio::test]
async fn the_recovery_key_opens_the_office_when_every_password_is_lost() {
    let office = Office::new().await;
    let (admin, recovery) = office.set_up().await;
    let sealed = admin.cipher().seal(b"A123456(3)", &PLACE).unwrap();
    drop(admin);
    let accounts = office.accounts();
    let other = RecoveryKey::parse("0000-0000-0000-0000-0000-0000-0000-0000").unwrap();
    let wrong = accounts
        .recover(&other, &name("admin"), &password(CLERK_OWN))
        .await
        .unwrap_err();
    assert_eq!(code(wrong), ErrorCode::RecoveryKeyWrong);
    accounts
        .recover(&recovery, &name("admin"), &password(CLERK_OWN))
        .await
        .unwrap();
    let admin = accounts
        .sign_in(&name("admin"), &password(CLERK_OWN), None)
        .await
        .unwrap();
    assert_eq!(admin.cipher().open(&sealed, &PLACE).unwrap(), b"A123456(3)");
}

#[tokio::test]
async fn no_password_hash_or_key_is_stored_in_the_clear() {
    let office = Office::new().await;
    let (admin, recovery) = office.set_up().await;
    office.add_clerk(&admin).await;
    let dir = office._dir.path().to_owned();
    office.store.close().await;
    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        bytes.extend(std::fs::read(entry.unwrap().path()).unwrap());
    }
    for secret in [ADMIN_PASSWORD, CLERK_FIRST, recovery.expose()] {
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "a secret is in the database files"
        );
    }
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("$argon2id$v=19$m=19456,t=2,p=1$"),
        "passwords are Argon2id hashes"
    );
}

#[tokio::test]
async fn the_recovery_sheet_prints_only_the_offices_own_key() {
    let office = Office::new().await;
    let (admin, recovery) = office.set_up().await;
    office.add_clerk(&admin).await;
    let accounts = office.accounts();
    let printed = accounts
        .recovery_sheet(admin.principal(), &recovery)
        .await
        .unwrap();
    assert_eq!(printed.name, "Harbour View Clinic");
    let other = RecoveryKey::parse("0000-0000-0000-0000-0000-0000-0000-0000").unwrap();
    let wrong = accounts
        .recovery_sheet(admin.principal(), &other)
        .await
        .unwrap_err();
    assert_eq!(code(wrong), ErrorCode::RecoveryKeyWrong);
    let clerk = accounts
        .sign_in(
            &name("clerk"),
            &password(CLERK_FIRST),
            Some(&password(CLERK_OWN)),
        )
        .await
        .unwrap();
    let forbidden = accounts
        .recovery_sheet(clerk.principal(), &recovery)
        .await
        .unwrap_err();
    assert_eq!(code(forbidden), ErrorCode::AuthForbidden);
}

#[tokio::test]
async fn unlocking_is_one_audited_sign_in_of_the_same_person() {
    let office = Office::new().await;
    let (admin, _) = office.set_up().await;
    let principal = admin.principal().clone();
    drop(admin);
    let accounts = office.accounts();
    accounts.record_lock(&principal).await.unwrap();
    let wrong = accounts
        .unlock(&principal, &password("wrong"))
        .await
        .unwrap_err();
    assert_eq!(code(wrong), ErrorCode::AuthBadCredentials);
    let unlocked = accounts
        .unlock(&principal, &password(ADMIN_PASSWORD))
        .await
        .unwrap();
    assert_eq!(unlocked.principal().user(), principal.user());
    let actions: Vec<AuditAction> = office.actions().await.into_iter().map(|(a, _)| a).collect();
    assert_eq!(
        actions[1..],
        [
            AuditAction::SessionLocked,
            AuditAction::SignInFailed,
            AuditAction::SessionUnlocked
        ]
    );
}
