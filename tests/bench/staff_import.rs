//! The staff import of 10,000 rows, as `ehr staff import` and the app do it, step by step: reading the CSV
//! (UTF-8 with a BOM, beside the same file in Big5), checking every row with the core's validators, and
//! adding the valid rows in one transaction — on SQLite and on PostgreSQL, side by side. The target is the
//! whole (read + check + add) under 2 s in release on this machine.
//!
//! `cargo xtask postgres -- cargo bench --bench staff_import` prints the median and the slowest of each
//! step; nothing is asserted.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark: a panic is a failure with its location

#[path = "../../src-tauri/store/tests/support/postgres.rs"]
mod postgres;

use std::time::{Duration, Instant};

use ehr_core::application::Applications;
use ehr_core::application::sample::application_form;
use ehr_core::auth::{OfficeKind, Principal, Role};
use ehr_core::ports::{Clock, SystemClock, Unwatched};
use ehr_core::staff::sample::sample_rows;
use ehr_core::staff::{ImportRow, StaffDesk};
use ehr_sheets::{SheetKind, read_sheet, write_csv};
use ehr_store::{SealedStore, Store};

const ROWS: u32 = 10_000;
const RUNS: usize = 5;

fn key() -> &'static ehr_secrets::Sealer {
    static KEY: std::sync::LazyLock<ehr_secrets::Sealer> =
        std::sync::LazyLock::new(ehr_secrets::Sealer::random);
    &KEY
}

fn admin() -> &'static Principal {
    static WHO: std::sync::LazyLock<Principal> =
        std::sync::LazyLock::new(|| Principal::for_tests(OfficeKind::Clinic, &[Role::UserAdmin]));
    &WHO
}

fn rows_of(bytes: &[u8]) -> Vec<ImportRow> {
    read_sheet(bytes, SheetKind::Csv)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| ImportRow {
            line: r.line,
            cells: r.cells,
        })
        .collect()
}

fn summary(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let median = times[times.len() / 2];
    let slowest = times[times.len() - 1];
    println!(
        "{name:<44} median {:>8.1} ms   slowest {:>8.1} ms   ({} runs)",
        median.as_secs_f64() * 1e3,
        slowest.as_secs_f64() * 1e3,
        times.len()
    );
}

/// One backend: `RUNS` imports, each into an HCP of its own (so each adds all 10,000).
async fn import_on(name: &str, store: &SealedStore<'_>, rows: &[ImportRow]) {
    let clock = SystemClock;
    let mut check = Vec::new();
    let mut add = Vec::new();
    let mut whole = Vec::new();
    for _ in 0..RUNS {
        let hcp = Applications::new(store, &clock, admin())
            .create(application_form())
            .await
            .unwrap()
            .draft
            .id;
        let desk = StaffDesk::new(store, &clock, admin());
        let started = Instant::now();
        let preview = desk.preview_import(&hcp, rows).await.unwrap();
        let checked = started.elapsed();
        assert_eq!(preview.valid_rows, ROWS);
        let outcome = desk
            .import(&hcp, rows, Some(&preview.fingerprint), &Unwatched)
            .await
            .unwrap();
        let total = started.elapsed();
        assert_eq!(outcome.added, ROWS);
        check.push(checked);
        // The import checks again (the file may have changed): its own time is the whole less the preview.
        add.push(total - checked);
        whole.push(total);
    }
    summary(&format!("{name}: check 10,000 rows (preview)"), check);
    summary(&format!("{name}: check again and add (import)"), add);
    summary(&format!("{name}: preview + import"), whole);
}

fn main() {
    let names: Vec<String> = application_form()
        .hsls
        .iter()
        .map(|h| h.name_en.clone())
        .collect();
    let table = sample_rows(ROWS, &names, SystemClock.now().hong_kong_date());
    let utf8 = write_csv(&table).unwrap();
    let text = std::str::from_utf8(&utf8[3..]).unwrap();
    let (big5, _, unmappable) = encoding_rs::BIG5.encode(text);
    assert!(!unmappable);
    println!(
        "Staff import: {ROWS} rows, {} KB as UTF-8, {} KB as Big5",
        utf8.len() / 1024,
        big5.len() / 1024
    );

    for (name, bytes) in [("read UTF-8 (BOM)", &utf8[..]), ("read Big5", &big5[..])] {
        let mut times = Vec::new();
        for _ in 0..RUNS * 4 {
            let started = Instant::now();
            let rows = rows_of(bytes);
            times.push(started.elapsed());
            assert_eq!(rows.len(), ROWS as usize + 1);
        }
        summary(name, times);
    }
    let rows = rows_of(&utf8);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let sqlite = Store::open_sqlite(&dir.path().join("bench.sqlite3"))
            .await
            .unwrap();
        import_on("SQLite", &sqlite.sealed(key()), &rows).await;
        sqlite.close().await;
        let url = postgres::fresh_database().await;
        let pg = Store::open_postgres(&url, None).await.unwrap();
        import_on("PostgreSQL", &pg.sealed(key()), &rows).await;
        pg.close().await;
    });
}
