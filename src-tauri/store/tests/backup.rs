//! Backups, restores and copies, on SQLite and on PostgreSQL: a backup of a populated office, wiped and
//! restored, reads back the same and still checks and verifies; SQLite copies into PostgreSQL whole; a
//! target with data is refused; the backup list of tables is the schema's; nothing personal is readable
//! in the files.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod support {
    pub mod office;
    pub mod postgres;
}

use std::collections::BTreeSet;
use std::path::Path;

use ehr_core::time::Timestamp;
use ehr_store::{Location, OpenedBackup, Store, StoreError, TABLES};
use support::office::{PERSONAL, check_and_verify, everything, populate, sign_in};
use support::postgres::fresh_database;

fn now() -> Timestamp {
    Timestamp::from_millis(1_764_576_000_123)
}

async fn sqlite_office(dir: &Path) -> (std::path::PathBuf, Store) {
    let path = dir.join("office").join("ehr-desk.sqlite3");
    let store = Store::open_sqlite(&path).await.unwrap();
    (path, store)
}

fn remove_sqlite(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(name);
    }
}

/// Drops the database at `url` (every connection to it ended first): the office's data is gone.
async fn drop_postgres(url: &str) {
    use sqlx::Connection;
    let admin = std::env::var("EHR_TEST_POSTGRES_URL").unwrap();
    let name = url.rsplit('/').next().unwrap().split('?').next().unwrap();
    let mut connection = sqlx::PgConnection::connect(&admin).await.unwrap();
    sqlx::raw_sql(&format!("DROP DATABASE \"{name}\" WITH (FORCE)"))
        .execute(&mut connection)
        .await
        .unwrap();
}

fn needles_in(bytes: &[u8]) -> Vec<&'static str> {
    PERSONAL
        .iter()
        .copied()
        .filter(|needle| {
            bytes
                .windows(needle.len())
                .any(|window| window == needle.as_bytes())
        })
        .collect()
}

/// What `strings -a` prints for `path` holds none of the saved personal data, and neither do its bytes
/// (Chinese names are not ASCII, which `strings` skips).
fn assert_nothing_personal(path: &Path) {
    let output = std::process::Command::new("strings")
        .arg("-a")
        .arg(path)
        .output()
        .unwrap();
    assert!(output.status.success());
    let printed = String::from_utf8_lossy(&output.stdout);
    let found: Vec<_> = PERSONAL.iter().filter(|n| printed.contains(**n)).collect();
    assert!(
        found.is_empty(),
        "strings {} finds {found:?}",
        path.display()
    );
    let found = needles_in(&std::fs::read(path).unwrap());
    assert!(found.is_empty(), "{} holds {found:?}", path.display());
}

/// The needle check can fail: the samples' data is found where it is in the clear.
#[test]
fn the_check_for_personal_data_finds_it_in_the_clear() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clear.txt");
    std::fs::write(&path, "patient CHAN Siu Ming, Y654321(7), 9123 4567").unwrap();
    assert_eq!(needles_in(&std::fs::read(&path).unwrap()).len(), 3);
}

// --- The list of tables -------------------------------------------------------------------------------

async fn assert_tables_listed(store: &Store) {
    let schema: BTreeSet<String> = store.schema_tables().await.unwrap().into_iter().collect();
    let listed: BTreeSet<String> = TABLES.iter().map(|t| (*t).to_owned()).collect();
    assert_eq!(
        schema.difference(&listed).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "tables in the schema that backups would leave out: add them to ehr_store::TABLES"
    );
    assert_eq!(
        listed.difference(&schema).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "tables in ehr_store::TABLES that the schema does not have"
    );
}

#[tokio::test]
async fn sqlite_every_table_of_the_schema_is_in_the_backup_list() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store) = sqlite_office(dir.path()).await;
    assert_tables_listed(&store).await;
}

#[tokio::test]
async fn postgres_every_table_of_the_schema_is_in_the_backup_list() {
    let store = Store::open_postgres(&fresh_database().await, None)
        .await
        .unwrap();
    assert_tables_listed(&store).await;
}

// --- Backup, wipe, restore -----------------------------------------------------------------------------

#[tokio::test]
async fn sqlite_backup_wipe_restore_reads_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = sqlite_office(dir.path()).await;
    let session = populate(&store).await;
    let before = everything(&store, &session).await;
    let entries = check_and_verify(&store, &session).await;
    let backup = store
        .backup(&dir.path().join("backups"), now())
        .await
        .unwrap();
    assert_eq!(
        backup.file_name().unwrap().to_str().unwrap(),
        "ehr-desk-20251201-080000-123.sqlite3"
    );
    // Nothing half-written is left beside it.
    let names: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    // The live database's file and WAL, and the backup, hold nothing personal in the clear.
    assert_nothing_personal(&path);
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    assert!(Path::new(&wal).exists());
    assert_nothing_personal(Path::new(&wal));
    assert_nothing_personal(&backup);
    drop(session);
    store.close().await;

    remove_sqlite(&path);
    let opened = OpenedBackup::open(&backup, path.parent().unwrap())
        .await
        .unwrap();
    sign_in(opened.store()).await;
    opened.install(&path).await.unwrap();

    let restored = Store::open_existing_sqlite(&path).await.unwrap();
    let session = sign_in(&restored).await;
    assert_eq!(everything(&restored, &session).await, before);
    assert!(check_and_verify(&restored, &session).await > entries);
    // The scratch folder is gone with the restore.
    let left: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".ehr-restore"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[tokio::test]
async fn postgres_backup_wipe_restore_reads_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database().await;
    let store = Store::open_postgres(&url, None).await.unwrap();
    let session = populate(&store).await;
    let before = everything(&store, &session).await;
    let entries = check_and_verify(&store, &session).await;
    let backup = store.backup(dir.path(), now()).await.unwrap();
    assert!(backup.to_str().unwrap().ends_with(".ehrbackup"));
    assert_nothing_personal(&backup);
    drop(session);
    store.close().await;

    drop_postgres(&url).await;
    let target = fresh_database().await;
    let opened = OpenedBackup::open(&backup, dir.path()).await.unwrap();
    sign_in(opened.store()).await;
    let counts = ehr_store::copy_into(opened.store(), &Location::Postgres(target.clone()), None)
        .await
        .unwrap();
    assert!(counts.iter().any(|(t, n)| t == "audit_chain" && *n > 0));

    let restored = Store::open_postgres(&target, None).await.unwrap();
    let session = sign_in(&restored).await;
    assert_eq!(everything(&restored, &session).await, before);
    assert!(check_and_verify(&restored, &session).await > entries);
}

/// A PostgreSQL backup restores into a SQLite file too (the logical route, then put in place).
#[tokio::test]
async fn a_postgres_backup_restores_into_a_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_postgres(&fresh_database().await, None)
        .await
        .unwrap();
    let session = populate(&store).await;
    let before = everything(&store, &session).await;
    let backup = store.backup(dir.path(), now()).await.unwrap();
    store.close().await;

    let path = dir.path().join("desk").join("ehr-desk.sqlite3");
    let opened = OpenedBackup::open(&backup, path.parent().unwrap())
        .await
        .unwrap();
    opened.install(&path).await.unwrap();
    let restored = Store::open_existing_sqlite(&path).await.unwrap();
    let session = sign_in(&restored).await;
    assert_eq!(everything(&restored, &session).await, before);
    check_and_verify(&restored, &session).await;
}

/// A PostgreSQL dump (pg_dump, the administrator's own tool) holds no personal data either.
#[tokio::test]
async fn postgres_a_dump_holds_nothing_personal() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database().await;
    let store = Store::open_postgres(&url, None).await.unwrap();
    populate(&store).await;
    store.close().await;
    let pg_dump = std::fs::read_dir("/usr/lib/postgresql")
        .unwrap()
        .map(|e| e.unwrap().path().join("bin/pg_dump"))
        .find(|p| p.exists())
        .expect("pg_dump comes with the PostgreSQL the tests run on");
    let dump = dir.path().join("dump.sql");
    let status = std::process::Command::new(pg_dump)
        .arg("--dbname")
        .arg(&url)
        .arg("--file")
        .arg(&dump)
        .status()
        .unwrap();
    assert!(status.success());
    assert!(
        std::fs::read_to_string(&dump)
            .unwrap()
            .contains("COPY public.patients")
    );
    assert_nothing_personal(&dump);
}

// --- Copy SQLite → PostgreSQL ------------------------------------------------------------------------

#[tokio::test]
async fn a_sqlite_office_copies_into_postgres_whole_and_a_second_copy_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store) = sqlite_office(dir.path()).await;
    let session = populate(&store).await;
    let before = everything(&store, &session).await;
    let entries = check_and_verify(&store, &session).await;

    let url = fresh_database().await;
    let target = Location::Postgres(url.clone());
    let counts = ehr_store::copy_into(&store, &target, None).await.unwrap();
    assert_eq!(
        counts.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(),
        TABLES
    );

    let copy = Store::open_postgres(&url, None).await.unwrap();
    let on_copy = sign_in(&copy).await;
    assert_eq!(everything(&copy, &on_copy).await, before);
    // The sign-in and the reads appended to the copied chain: the sequences were moved past the copied seqs.
    assert!(check_and_verify(&copy, &on_copy).await > entries);
    let sealed = copy.sealed(on_copy.cipher());
    let desk = ehr_core::patient::Patients::new(
        &sealed,
        &ehr_core::ports::SystemClock,
        ehr_core::patient::ConsentRules::embedded().unwrap(),
        on_copy.principal(),
    );
    let mut third = ehr_core::patient::sample_patient_form();
    third.document_number = "K765432(4)".into();
    third.duplicate_override = true;
    desk.register(&third).await.unwrap();
    check_and_verify(&copy, &on_copy).await;

    // Into a database with data: refused, and nothing in it changed.
    let rows_before = everything(&copy, &on_copy).await;
    let refused = ehr_store::copy_into(&store, &target, None)
        .await
        .unwrap_err();
    assert!(
        matches!(refused, StoreError::TargetNotEmpty { table: "office" }),
        "{refused:?}"
    );
    assert_eq!(
        refused.issue().unwrap().code,
        ehr_core::ErrorCode::BackupTargetNotEmpty
    );
    assert_eq!(everything(&copy, &on_copy).await, rows_before);
    // The same into a SQLite file that has an office.
    let (other, other_store) = sqlite_office(&dir.path().join("other")).await;
    support::office::set_up(&other_store).await;
    other_store.close().await;
    let refused = ehr_store::copy_into(&store, &Location::File(other), None)
        .await
        .unwrap_err();
    assert!(
        matches!(refused, StoreError::TargetNotEmpty { .. }),
        "{refused:?}"
    );
}

/// A database that was only opened (its markers written, nothing of an office) counts as empty.
#[tokio::test]
async fn a_database_only_opened_counts_as_empty() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store) = sqlite_office(dir.path()).await;
    populate(&store).await;
    let url = fresh_database().await;
    Store::open_postgres(&url, None)
        .await
        .unwrap()
        .close()
        .await;
    ehr_store::copy_into(&store, &Location::Postgres(url), None)
        .await
        .unwrap();
}

// --- Damaged backups -------------------------------------------------------------------------------

#[tokio::test]
async fn a_cut_short_or_foreign_file_is_refused_and_restores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_postgres(&fresh_database().await, None)
        .await
        .unwrap();
    populate(&store).await;
    let backup = store.backup(dir.path(), now()).await.unwrap();
    let text = std::fs::read_to_string(&backup).unwrap();
    let lines: Vec<&str> = text.lines().collect();

    let cut = dir.path().join("cut.ehrbackup");
    std::fs::write(&cut, lines[..lines.len() - 1].join("\n")).unwrap();
    let refused = OpenedBackup::open(&cut, &dir.path().join("a"))
        .await
        .err()
        .unwrap();
    assert!(
        matches!(&refused, StoreError::BackupIncomplete { table, .. } if table == "audit_chain"),
        "{refused:?}"
    );

    let foreign = dir.path().join("foreign.ehrbackup");
    std::fs::write(&foreign, "{\"format\":\"something else\"}\n").unwrap();
    let refused = OpenedBackup::open(&foreign, &dir.path().join("b"))
        .await
        .err()
        .unwrap();
    assert!(
        matches!(refused, StoreError::BackupUnreadable { line: 1 }),
        "{refused:?}"
    );

    // A row with a key the format does not have.
    let mut changed = lines.clone();
    let odd = lines[1].replacen("{\"table\"", "{\"extra\":1,\"table\"", 1);
    changed[1] = &odd;
    let strict = dir.path().join("strict.ehrbackup");
    std::fs::write(&strict, changed.join("\n")).unwrap();
    let refused = OpenedBackup::open(&strict, &dir.path().join("c"))
        .await
        .err()
        .unwrap();
    assert!(
        matches!(refused, StoreError::BackupUnreadable { line: 2 }),
        "{refused:?}"
    );

    // From a newer release of the same dialect.
    let mut header: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    header["schema_version"] = 9999.into();
    header["backend"] = "sqlite".into();
    let newer = format!("{header}\n{}", lines[1..].join("\n"));
    let newer_file = dir.path().join("newer.ehrbackup");
    std::fs::write(&newer_file, newer).unwrap();
    let refused = OpenedBackup::open(&newer_file, &dir.path().join("d"))
        .await
        .err()
        .unwrap();
    assert!(
        matches!(refused, StoreError::NewerThanApp { version: 9999 }),
        "{refused:?}"
    );
    // None of the refused restores left a scratch folder behind.
    for sub in ["a", "b", "c", "d"] {
        assert_eq!(
            std::fs::read_dir(dir.path().join(sub)).unwrap().count(),
            0,
            "{sub}"
        );
    }
}

// --- The daily backup ------------------------------------------------------------------------------

/// Once per Hong Kong day into the chosen folder, the newest generations kept, other files left alone.
#[tokio::test]
async fn the_daily_backup_runs_once_a_day_and_keeps_its_generations() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store) = sqlite_office(dir.path()).await;
    populate(&store).await;
    let folder = dir.path().join("daily");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("notes.txt"), "kept").unwrap();
    let settings = ehr_core::backup::BackupSettings {
        folder: Some(folder.display().to_string()),
        generations: 3,
    };
    const DAY: i64 = 24 * 3600 * 1000;
    let first = now();
    for day in 0..5 {
        let at = Timestamp::from_millis(first.millis() + day * DAY);
        let taken = ehr_store::daily_backup(&store, &settings, at)
            .await
            .unwrap();
        assert!(taken.is_some(), "day {day}");
        // The same day again: not due.
        let again = Timestamp::from_millis(at.millis() + 3_600_000);
        assert!(
            ehr_store::daily_backup(&store, &settings, again)
                .await
                .unwrap()
                .is_none()
        );
    }
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names.len(), 4, "{names:?}");
    assert_eq!(names[3], "notes.txt");
    assert_eq!(
        names[0],
        format!(
            "{}.sqlite3",
            ehr_core::backup::file_stem(Timestamp::from_millis(first.millis() + 2 * DAY))
        )
    );
    // Off without a folder.
    let off = ehr_core::backup::BackupSettings::default();
    assert!(
        ehr_store::daily_backup(&store, &off, now())
            .await
            .unwrap()
            .is_none()
    );
}

/// The settings round-trip through the store's preferences; out-of-range ones are refused whole.
#[tokio::test]
async fn the_daily_backup_settings_are_kept_and_checked() {
    use ehr_core::backup::{BackupSettings, load, save};
    let dir = tempfile::tempdir().unwrap();
    let (_, store) = sqlite_office(dir.path()).await;
    assert_eq!(load(&store).await.unwrap(), BackupSettings::default());
    let chosen = BackupSettings {
        folder: Some(dir.path().join("daily").display().to_string()),
        generations: 14,
    };
    save(&store, &chosen).await.unwrap();
    assert_eq!(load(&store).await.unwrap(), chosen);
    let refused = save(
        &store,
        &BackupSettings {
            folder: Some("relative".into()),
            generations: 40,
        },
    )
    .await
    .unwrap_err();
    assert!(matches!(refused, ehr_core::CoreError::Invalid(ref issues) if issues.len() == 2));
    assert_eq!(load(&store).await.unwrap(), chosen);
}
