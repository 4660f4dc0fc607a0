//! An office's PostgreSQL over TLS with a password, as a workstation reaches it: the run's cluster has a
//! role that may connect only over TLS, with a SCRAM password, and a CA of the run's own
//! (`xtask/src/postgres_tls.rs`). `sslmode=verify-full` checks the server's certificate against that CA.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod support {
    pub mod postgres;
}

use ehr_core::application::{ApplicationForm, Applications};
use ehr_core::auth::{OfficeKind, Principal, Role};
use ehr_core::ports::SystemClock;
use ehr_secrets::Sealer;
use ehr_store::{Store, StoreError, Unreachable};
use sqlx::Connection;

fn var(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: the TLS tests need the run's cluster (`cargo xtask test`, or `cargo xtask postgres -- …`)")
    })
}

fn password() -> String {
    var("EHR_TEST_POSTGRES_TLS_PASSWORD")
}

/// The TLS role's URL on a fresh database it owns.
async fn tls_database() -> String {
    let admin_db = support::postgres::fresh_database().await;
    let name = admin_db.rsplit('/').next().unwrap().to_owned();
    let mut admin = sqlx::PgConnection::connect(&admin_db).await.unwrap();
    sqlx::query(&format!("ALTER DATABASE {name} OWNER TO ehr_tls"))
        .execute(&mut admin)
        .await
        .unwrap();
    sqlx::query("ALTER SCHEMA public OWNER TO ehr_tls")
        .execute(&mut admin)
        .await
        .unwrap();
    admin.close().await.unwrap();
    var("EHR_TEST_POSTGRES_TLS_URL").replacen("/postgres?", &format!("/{name}?"), 1)
}

fn reason(result: Result<String, StoreError>) -> Unreachable {
    match result {
        Err(StoreError::Unreachable { reason, .. }) => reason,
        other => panic!("expected a typed connection failure, got {other:?}"),
    }
}

#[tokio::test]
async fn a_verified_tls_connection_with_the_password_opens_the_store() {
    let url = tls_database().await;
    let version = Store::try_postgres(&url, Some(&password())).await.unwrap();
    assert!(version.starts_with(char::is_numeric), "{version}");

    let store = Store::open_postgres(&url, Some(&password())).await.unwrap();
    let key = Sealer::random();
    let sealed = store.sealed(&key);
    let principal = Principal::for_tests(OfficeKind::Clinic, Role::ALL);
    let apps = Applications::new(&sealed, &SystemClock, &principal);
    let created = apps.create(ApplicationForm::default()).await.unwrap();
    assert_eq!(apps.get(&created.draft.id).await.unwrap(), created.draft);
    store.close().await;
}

#[tokio::test]
async fn a_wrong_password_is_refused_as_such() {
    let url = tls_database().await;
    assert_eq!(
        reason(Store::try_postgres(&url, Some("not the password")).await),
        Unreachable::Refused
    );
    assert_eq!(
        reason(Store::try_postgres(&url, None).await),
        Unreachable::Refused
    );
}

#[tokio::test]
async fn without_tls_the_role_is_not_let_in() {
    let url = tls_database()
        .await
        .replacen("sslmode=verify-full", "sslmode=disable", 1);
    assert_eq!(
        reason(Store::try_postgres(&url, Some(&password())).await),
        Unreachable::Refused
    );
}

#[tokio::test]
async fn a_server_certificate_no_trusted_ca_signed_is_refused() {
    // Without the run's CA, verify-full checks against the public roots, which never signed it.
    let url = tls_database().await;
    let (without_ca, _) = url.split_once("&sslrootcert=").unwrap();
    assert_eq!(
        reason(Store::try_postgres(without_ca, Some(&password())).await),
        Unreachable::Tls
    );
}
