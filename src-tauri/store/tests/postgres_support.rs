//! The PostgreSQL test harness: each test gets a database of its own, empty. Needs the cluster that
//! `cargo xtask test` or `cargo xtask postgres -- …` starts.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod support {
    pub mod postgres;
}

use sqlx::Connection;
use sqlx::postgres::PgConnection;
use support::postgres::fresh_database;

#[tokio::test]
async fn each_test_gets_a_distinct_empty_database() {
    let first = fresh_database().await;
    let second = fresh_database().await;
    assert_ne!(first, second);
    for url in [&first, &second] {
        let mut connection = PgConnection::connect(url).await.unwrap();
        let name: String = sqlx::query_scalar("SELECT current_database()")
            .fetch_one(&mut connection)
            .await
            .unwrap();
        assert!(url.ends_with(&format!("/{name}")), "{url} is {name}");
        let tables: i64 =
            sqlx::query_scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
                .fetch_one(&mut connection)
                .await
                .unwrap();
        assert_eq!(tables, 0, "{name} is not empty");
    }
    // A table made in one is not in the other.
    let mut connection = PgConnection::connect(&first).await.unwrap();
    sqlx::raw_sql("CREATE TABLE only_here (x BIGINT)")
        .execute(&mut connection)
        .await
        .unwrap();
    let mut other = PgConnection::connect(&second).await.unwrap();
    let tables: i64 =
        sqlx::query_scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            .fetch_one(&mut other)
            .await
            .unwrap();
    assert_eq!(tables, 0);
}
