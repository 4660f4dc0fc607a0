//! `ehr` on an office's PostgreSQL database, over TLS with a password kept in the keyring: `ehr db password`
//! tests the connection and keeps the password; every later command finds it there. A password in the URL
//! is refused (it would end up in shell history).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod common;
#[path = "../../store/tests/support/postgres.rs"]
mod postgres;

use common::{ADMIN, ADMIN_PASSWORD, ehr_with, json_of, stdout};
use sqlx::Connection;

fn var(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: run `cargo xtask test`"))
}

/// The TLS role's URL on a fresh database it owns.
async fn tls_database() -> String {
    let admin_db = postgres::fresh_database().await;
    let name = admin_db.rsplit('/').next().unwrap().to_owned();
    let mut admin = sqlx::PgConnection::connect(&admin_db).await.unwrap();
    for statement in [
        format!("ALTER DATABASE {name} OWNER TO ehr_tls"),
        "ALTER SCHEMA public OWNER TO ehr_tls".to_owned(),
    ] {
        sqlx::query(&statement).execute(&mut admin).await.unwrap();
    }
    admin.close().await.unwrap();
    var("EHR_TEST_POSTGRES_TLS_URL").replacen("/postgres?", &format!("/{name}?"), 1)
}

fn issue_code(output: &std::process::Output) -> String {
    json_of(output)["issues"][0]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn the_database_password_is_kept_in_the_keyring_and_found_there() {
    let url = common::block_on(tls_database());
    let password = var("EHR_TEST_POSTGRES_TLS_PASSWORD");

    // A wrong password is not kept.
    let wrong = ehr_with(
        &["--json", "--db", &url, "db", "password", "--password-stdin"],
        "not the password\n",
        &[],
    );
    assert_eq!(wrong.status.code(), Some(1));
    assert_eq!(issue_code(&wrong), "storage.refused");

    let kept = ehr_with(
        &["--db", &url, "db", "password", "--password-stdin"],
        &format!("{password}\n"),
        &[],
    );
    assert!(kept.status.success(), "{}", common::stderr(&kept));
    assert!(stdout(&kept).contains("kept in the keyring"));

    // Setup and everything after it reach the database with the kept password.
    let setup = ehr_with(
        &[
            "--db",
            &url,
            "setup",
            "--office",
            "clinic",
            "--name",
            "Harbour Clinic",
            "--admin",
            ADMIN,
            "--admin-name",
            "CHAN Siu Ming",
            "--password-stdin",
        ],
        ADMIN_PASSWORD,
        &[],
    );
    assert!(setup.status.success(), "{}", common::stderr(&setup));
    let listed = ehr_with(
        &["--json", "--db", &url, "--user", ADMIN, "users", "list"],
        "",
        &[("EHR_PASSWORD", ADMIN_PASSWORD)],
    );
    assert!(
        listed.status.success(),
        "{} {}",
        stdout(&listed),
        common::stderr(&listed)
    );

    // Forgotten, the database refuses the connection.
    let forgot = ehr_with(&["--db", &url, "db", "password", "--forget"], "", &[]);
    assert!(forgot.status.success(), "{}", common::stderr(&forgot));
    let refused = ehr_with(
        &["--json", "--db", &url, "--user", ADMIN, "users", "list"],
        "",
        &[("EHR_PASSWORD", ADMIN_PASSWORD)],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(issue_code(&refused), "storage.refused");
}

#[test]
fn a_password_in_the_url_is_refused_before_anything_connects() {
    let url = var("EHR_TEST_POSTGRES_TLS_URL").replacen("ehr_tls@", "ehr_tls:secret@", 1);
    let output = ehr_with(
        &["--json", "--db", &url, "db", "password", "--forget"],
        "",
        &[],
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(issue_code(&output), "storage.password_in_url");
    assert_eq!(json_of(&output)["issues"][0]["field"], "--db");
}
