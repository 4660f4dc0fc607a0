//! A database of its own for each PostgreSQL test, on the throwaway cluster that `cargo xtask test` (or
//! `cargo xtask postgres -- …`) starts; its admin URL is in `EHR_TEST_POSTGRES_URL`. Shared by every crate's
//! tests (`#[path = "../../store/tests/support/postgres.rs"] mod postgres;`), so it uses only sqlx, tokio
//! and std. The databases are not dropped: the whole cluster is removed after the run.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use sqlx::Connection;
use sqlx::postgres::PgConnection;

/// The variable xtask sets to the cluster's admin URL.
const URL_VAR: &str = "EHR_TEST_POSTGRES_URL";

/// Creates an empty database and returns its URL. Without a cluster this fails (never skips): a PostgreSQL
/// case that silently did not run would look like a pass.
pub async fn fresh_database() -> String {
    let admin = std::env::var(URL_VAR).unwrap_or_else(|_| {
        panic!(
            "PostgreSQL tests need a cluster: run `cargo xtask test`, or `cargo xtask postgres -- cargo test …`"
        )
    });
    // Unique across the test binaries running at once (pid), the tests of one binary (counter) and runs
    // against a long-lived cluster (time).
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let name = format!(
        "t_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    let mut connection = PgConnection::connect(&admin)
        .await
        .unwrap_or_else(|e| panic!("cannot connect to the test cluster at {admin}: {e}"));
    // The name is ours (letters, digits, underscores), so quoting it is enough.
    sqlx::raw_sql(&format!("CREATE DATABASE \"{name}\""))
        .execute(&mut connection)
        .await
        .unwrap_or_else(|e| panic!("cannot create the test database {name}: {e}"));
    let _ = connection.close().await;
    with_database(&admin, &name)
}

/// `admin` with its database (the path) replaced by `name`, keeping any `?options`.
fn with_database(admin: &str, name: &str) -> String {
    let (base, query) = match admin.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (admin, None),
    };
    let authority_start = base.find("://").map_or(0, |at| at + 3);
    let server = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{server}/{name}?{query}"),
        None => format!("{server}/{name}"),
    }
}
