//! The staff list and account requests against both backends: one suite, each case run on a SQLite file and
//! on a fresh database of the run's PostgreSQL cluster.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod support {
    pub mod postgres;
}

use std::sync::LazyLock;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicUsize, Ordering};

use ehr_core::application::sample::application_form;
use ehr_core::application::{ApplicationId, Applications};
use ehr_core::auth::{OfficeKind, Principal, Role};
use ehr_core::ports::{AuditAction, AuditTrail, Clock, Progress, StaffStore};
use ehr_core::staff::sample::{sample_import, sample_row};
use ehr_core::staff::{
    AccountRequests, ExpiryState, RequestAction, RequestItem, RequestStatus, StaffDesk,
    StaffFilter, StaffForm,
};
use ehr_core::time::Timestamp;
use ehr_core::validation::CalendarDate;
use ehr_core::version::Base;
use ehr_core::{CoreError, ErrorCode};
use ehr_secrets::Sealer;
use ehr_store::{SealedStore, Store};

/// 2026-12-01 in Hong Kong, ticking a second per reading.
struct TickingClock(AtomicI64);

impl Clock for TickingClock {
    fn now(&self) -> Timestamp {
        Timestamp::from_millis(self.0.fetch_add(1000, Ordering::SeqCst))
    }
}

fn clock() -> TickingClock {
    TickingClock(AtomicI64::new(1_796_097_600_000))
}

fn today() -> CalendarDate {
    clock().now().hong_kong_date()
}

fn admin() -> &'static Principal {
    static P: LazyLock<Principal> =
        LazyLock::new(|| Principal::for_tests(OfficeKind::Clinic, &[Role::UserAdmin]));
    &P
}

fn key() -> &'static Sealer {
    static KEY: LazyLock<Sealer> = LazyLock::new(Sealer::random);
    &KEY
}

fn codes(error: CoreError) -> Vec<ErrorCode> {
    error.issues().unwrap().iter().map(|i| i.code).collect()
}

/// An HCP of this database: the sample application, under another name when given.
async fn hcp(store: &SealedStore<'_>, name: &str) -> (ApplicationId, Vec<String>) {
    let clock = clock();
    let mut form = application_form();
    form.hcp_information.name_en = name.into();
    let names = form.hsls.iter().map(|h| h.name_en.clone()).collect();
    let saved = Applications::new(store, &clock, admin())
        .create(form)
        .await
        .unwrap();
    (saved.draft.id, names)
}

fn form_of(n: u32, hsls: &[String]) -> StaffForm {
    let cells = sample_row(n, hsls, today());
    let registration = ehr_core::staff::RegistrationInput {
        profession: cells[7].clone(),
        number: cells[8].clone(),
        register_part: cells[9].clone(),
        valid_until: cells[10].clone(),
    };
    StaffForm {
        name_en: cells[0].clone(),
        name_zh: cells[1].clone(),
        hkid: cells[2].clone(),
        phone: cells[3].clone(),
        email: cells[4].clone(),
        account_type: cells[5].clone(),
        hsls: vec![cells[6].clone()],
        registrations: vec![registration],
    }
}

async fn staff_are_added_listed_opened_and_found_under_other_hcps(store: &SealedStore<'_>) {
    let clock = clock();
    let desk = StaffDesk::new(store, &clock, admin());
    let (clinic, hsls) = hcp(store, "Harbour Clinic").await;
    let (hospital, _) = hcp(store, "Peak Hospital").await;
    let doctor = desk.add(&clinic, &form_of(1, &hsls)).await.unwrap();
    let nurse = desk.add(&clinic, &form_of(3, &hsls)).await.unwrap();
    // The same doctor as a visiting medical officer of the hospital: one account under each HCP.
    let visiting = desk.add(&hospital, &form_of(1, &hsls)).await.unwrap();
    assert_ne!(doctor.record.id, visiting.record.id);

    let listed = desk
        .list(Some(&clinic), &StaffFilter::default())
        .await
        .unwrap();
    assert_eq!(listed.items.len(), 2);
    assert!(listed.unreadable.is_empty());
    let hkid = doctor.record.member.hkid.as_str().to_owned();
    assert!(listed.items.iter().all(|s| s.hkid_masked != hkid), "masked");
    let nurses = desk
        .list(
            None,
            &StaffFilter {
                profession: Some(ehr_core::validation::Profession::Nurse),
                ..StaffFilter::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        nurses.items.iter().map(|s| &s.id).collect::<Vec<_>>(),
        [&nurse.record.id]
    );

    let mut hcps = store
        .hcps_with_staff(&doctor.record.member.hkid)
        .await
        .unwrap();
    hcps.sort();
    let mut expected = vec![clinic.clone(), hospital.clone()];
    expected.sort();
    assert_eq!(hcps, expected);
    assert!(
        store
            .hcps_with_staff(&nurse.record.member.hkid)
            .await
            .unwrap()
            == [clinic.clone()]
    );

    // Opening one is an audited read; listing is not.
    assert_eq!(desk.open(&doctor.record.id).await.unwrap(), doctor);
    let trail = store
        .audit_entries(doctor.record.id.as_str())
        .await
        .unwrap();
    let actions: Vec<_> = trail.iter().map(|e| e.action).collect();
    assert_eq!(actions, [AuditAction::StaffAdded, AuditAction::Viewed]);
}

async fn a_person_is_on_an_hcps_list_once(store: &SealedStore<'_>) {
    let clock = clock();
    let desk = StaffDesk::new(store, &clock, admin());
    let (clinic, hsls) = hcp(store, "Harbour Clinic").await;
    desk.add(&clinic, &form_of(1, &hsls)).await.unwrap();
    let again = desk.add(&clinic, &form_of(1, &hsls)).await.unwrap_err();
    assert_eq!(codes(again), [ErrorCode::StaffAlreadyListed]);
    let mut bad = form_of(2, &hsls);
    bad.hkid = "A123456(4)".into();
    bad.hsls = vec!["Nowhere".into()];
    let refused = desk.add(&clinic, &bad).await.unwrap_err();
    assert_eq!(
        codes(refused),
        [ErrorCode::HkidCheckDigit, ErrorCode::StaffHslUnknown]
    );
    assert_eq!(
        desk.list(Some(&clinic), &StaffFilter::default())
            .await
            .unwrap()
            .items
            .len(),
        1
    );
}

async fn a_change_from_a_stale_version_is_refused(store: &SealedStore<'_>) {
    let clock = clock();
    let desk = StaffDesk::new(store, &clock, admin());
    let (clinic, hsls) = hcp(store, "Harbour Clinic").await;
    let added = desk.add(&clinic, &form_of(1, &hsls)).await.unwrap();
    let mut form = StaffForm::from(&added.record.member);
    form.email = "new@example.com".into();
    let changed = desk.update(&added.record.id, 1, &form).await.unwrap();
    assert_eq!(changed.version, 2);
    assert_eq!(desk.open(&added.record.id).await.unwrap().version, 2);
    form.email = "stale@example.com".into();
    let stale = desk.update(&added.record.id, 1, &form).await.unwrap_err();
    assert_eq!(codes(stale), [ErrorCode::ConflictStale]);
    let stored = desk.open(&added.record.id).await.unwrap();
    assert_eq!(stored.record.member.email.as_str(), "new@example.com");
}

/// Counts chunks, and asks to stop after `stop_after` of them.
struct StopAfter {
    chunks: AtomicUsize,
    stop_after: usize,
    last: AtomicUsize,
    asked: AtomicBool,
}

impl Progress for StopAfter {
    fn advanced(&self, done: usize, _total: usize) {
        self.chunks.fetch_add(1, Ordering::SeqCst);
        self.last.store(done, Ordering::SeqCst);
    }
    fn cancelled(&self) -> bool {
        let stop = self.chunks.load(Ordering::SeqCst) >= self.stop_after;
        if stop {
            self.asked.store(true, Ordering::SeqCst);
        }
        stop
    }
}

async fn export(store: &Store) -> Vec<u8> {
    let mut out = Vec::new();
    store
        .export(&mut out, Timestamp::from_millis(0))
        .await
        .unwrap();
    out
}

async fn a_cancelled_import_leaves_the_database_as_it_was(store: &SealedStore<'_>) {
    let clock = clock();
    let desk = StaffDesk::new(store, &clock, admin());
    let (clinic, hsls) = hcp(store, "Harbour Clinic").await;
    desk.add(&clinic, &form_of(9_999, &hsls)).await.unwrap();
    let rows = sample_import(1_000, &hsls, today());
    let before = export(store).await;
    let stop = StopAfter {
        chunks: AtomicUsize::new(0),
        stop_after: 4,
        last: AtomicUsize::new(0),
        asked: AtomicBool::new(false),
    };
    let cancelled = desk.import(&clinic, &rows, None, &stop).await.unwrap_err();
    assert_eq!(codes(cancelled), [ErrorCode::ImportCancelled]);
    assert!(stop.asked.load(Ordering::SeqCst));
    assert_eq!(stop.last.load(Ordering::SeqCst), 400, "stopped midway");
    assert_eq!(export(store).await, before, "not a byte changed");

    // The cancel the app keeps for its running import: asked for only by someone who may import.
    let cancel = ehr_core::staff::ImportCancel::default();
    let front_desk = Principal::for_tests(OfficeKind::Clinic, &[Role::FrontDesk]);
    let refused = StaffDesk::new(store, &clock, &front_desk)
        .cancel_import(&cancel)
        .unwrap_err();
    assert_eq!(codes(refused), [ErrorCode::AuthForbidden]);
    assert!(!cancel.is_asked());
    desk.cancel_import(&cancel).unwrap();
    assert!(cancel.is_asked());
    cancel.clear();
    assert!(!cancel.is_asked());

    let done = desk
        .import(&clinic, &rows, None, &ehr_core::ports::Unwatched)
        .await
        .unwrap();
    assert_eq!((done.added, done.skipped), (1_000, 0));
    assert_eq!(
        desk.list(Some(&clinic), &StaffFilter::default())
            .await
            .unwrap()
            .items
            .len(),
        1_001
    );
    // The same file again: every row is now on the list.
    let preview = desk.preview_import(&clinic, &rows).await.unwrap();
    assert_eq!(preview.valid_rows, 0);
    assert!(
        preview
            .problems()
            .all(|p| p.code == ErrorCode::StaffAlreadyListed
                || p.severity == ehr_core::Severity::Warning)
    );
}

async fn an_import_confirmed_from_a_preview_refuses_a_changed_file(store: &SealedStore<'_>) {
    let clock = clock();
    let desk = StaffDesk::new(store, &clock, admin());
    let (clinic, hsls) = hcp(store, "Harbour Clinic").await;
    let mut rows = sample_import(20, &hsls, today());
    let preview = desk.preview_import(&clinic, &rows).await.unwrap();
    rows[3].cells[0] = "CHANGED Name".into();
    let refused = desk
        .import(
            &clinic,
            &rows,
            Some(&preview.fingerprint),
            &ehr_core::ports::Unwatched,
        )
        .await
        .unwrap_err();
    assert_eq!(codes(refused), [ErrorCode::ImportFileChanged]);
    assert!(
        desk.list(Some(&clinic), &StaffFilter::default())
            .await
            .unwrap()
            .items
            .is_empty()
    );
}

async fn registrations_that_expire_are_listed(store: &SealedStore<'_>) {
    let clock = clock();
    let desk = StaffDesk::new(store, &clock, admin());
    let (clinic, hsls) = hcp(store, "Harbour Clinic").await;
    let mut soon = form_of(1, &hsls);
    soon.registrations[0].valid_until = "31/12/2026".into();
    let soon = desk.add(&clinic, &soon).await.unwrap();
    let mut lapsed = form_of(2, &hsls);
    lapsed.registrations[0].valid_until = "30/11/2026".into();
    let lapsed = desk.add(&clinic, &lapsed).await.unwrap();
    desk.add(&clinic, &form_of(3, &hsls)).await.unwrap();
    // Another HCP's lapsed registration: in the list of every HCP, not in the clinic's.
    let (other, other_hsls) = hcp(store, "Kowloon Group Practice").await;
    let mut elsewhere = form_of(4, &other_hsls);
    elsewhere.registrations[0].valid_until = "30/11/2026".into();
    let elsewhere = desk.add(&other, &elsewhere).await.unwrap();
    let everywhere = desk.expiring(None, 60).await.unwrap();
    assert_eq!(everywhere.len(), 3);
    assert!(
        everywhere
            .iter()
            .any(|e| e.staff == elsewhere.record.id && e.hcp == other)
    );
    let list = desk.expiring(Some(&clinic), 60).await.unwrap();
    let seen: Vec<_> = list.iter().map(|e| (&e.staff, e.state)).collect();
    assert_eq!(
        seen,
        [
            (&lapsed.record.id, ExpiryState::Expired),
            (&soon.record.id, ExpiryState::Expiring)
        ]
    );

    // One click: a request to disable the expired one's account.
    let requests = AccountRequests::new(store, &clock, admin());
    let request = requests.disable_expired(&clinic).await.unwrap();
    assert_eq!(request.items.len(), 1);
    assert_eq!(request.items[0].staff, lapsed.record.id);
    assert_eq!(request.items[0].action, RequestAction::Disable);
}

async fn account_requests_move_through_their_statuses_with_a_history(store: &SealedStore<'_>) {
    let clock = clock();
    let desk = StaffDesk::new(store, &clock, admin());
    let requests = AccountRequests::new(store, &clock, admin());
    let (clinic, hsls) = hcp(store, "Harbour Clinic").await;
    let (hospital, _) = hcp(store, "Peak Hospital").await;
    let mut people = Vec::new();
    for n in [1, 3, 12] {
        people.push(desk.add(&clinic, &form_of(n, &hsls)).await.unwrap());
    }
    desk.add(&hospital, &form_of(1, &hsls)).await.unwrap();
    let items: Vec<RequestItem> = people
        .iter()
        .map(|p| RequestItem {
            staff: p.record.id.clone(),
            action: RequestAction::Create,
            reason: String::new(),
        })
        .collect();
    let empty = requests.create(&clinic, &[]).await.unwrap_err();
    assert_eq!(codes(empty), [ErrorCode::RequestEmpty]);
    let twice = requests
        .create(&clinic, &[items[0].clone(), items[0].clone()])
        .await
        .unwrap_err();
    assert_eq!(codes(twice), [ErrorCode::RequestStaffRepeated]);

    let request = requests.create(&clinic, &items[..2]).await.unwrap();
    assert!(request.reference.starts_with("UAR-"));
    let changed = requests.change_items(&request.id, 1, &items).await.unwrap();
    assert_eq!(changed.version, 2);
    let stale = requests
        .change_items(&request.id, 1, &items[..1])
        .await
        .unwrap_err();
    assert_eq!(codes(stale), [ErrorCode::ConflictStale]);
    let skipped = requests
        .set_status(&request.id, 2, RequestStatus::AccountsCreated, None)
        .await
        .unwrap_err();
    assert_eq!(codes(skipped), [ErrorCode::RequestStatusTransition]);
    let submitted = requests
        .set_status(&request.id, 2, RequestStatus::Submitted, None)
        .await
        .unwrap();
    assert_eq!(submitted.submitted_on, Some(today()));
    let read_only = requests
        .change_items(&request.id, 3, &items)
        .await
        .unwrap_err();
    assert_eq!(codes(read_only), [ErrorCode::RequestReadOnly]);
    requests
        .set_status(&request.id, 3, RequestStatus::AccountsCreated, None)
        .await
        .unwrap();

    let details = requests.open(&request.id).await.unwrap();
    assert_eq!(details.request.status, RequestStatus::AccountsCreated);
    assert_eq!(details.version, 4);
    let events: Vec<_> = details.history.iter().map(|h| h.event.code()).collect();
    assert_eq!(
        events,
        ["created", "items_changed", "submitted", "accounts_created"]
    );
    assert_eq!(requests.list().await.unwrap().len(), 1);

    // The printed form knows the doctor also works for the hospital.
    let document = requests.document(&request.id).await.unwrap();
    assert_eq!(document.lines.len(), 3);
    assert_eq!(document.lines[0].also_at, ["Peak Hospital"]);
    assert!(document.lines[1].also_at.is_empty());
}

/// Cases, each on both backends.
macro_rules! both {
    ($($case:ident),+ $(,)?) => {
        mod sqlite_file {
            $(
                #[tokio::test]
                async fn $case() {
                    let dir = tempfile::tempdir().unwrap();
                    let store = ehr_store::Store::open_sqlite(&dir.path().join("ehr.sqlite3"))
                        .await
                        .unwrap()
                        .sealed(super::key());
                    super::$case(&store).await;
                    store.close().await;
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $case() {
                    let url = super::support::postgres::fresh_database().await;
                    let store = ehr_store::Store::open_postgres(&url, None)
                        .await
                        .unwrap()
                        .sealed(super::key());
                    super::$case(&store).await;
                    store.close().await;
                }
            )+
        }
    };
}

async fn someone_who_left_stays_on_record_but_counts_no_more(store: &SealedStore<'_>) {
    let clock = clock();
    let desk = StaffDesk::new(store, &clock, admin());
    let requests = AccountRequests::new(store, &clock, admin());
    let (clinic, hsls) = hcp(store, "Harbour Clinic").await;
    let mut form = form_of(1, &hsls);
    form.registrations[0].valid_until = "30/11/2026".into(); // expired yesterday
    let gone = desk.add(&clinic, &form).await.unwrap();
    let stays = desk.add(&clinic, &form_of(2, &hsls)).await.unwrap();
    assert_eq!(desk.expiring(Some(&clinic), 60).await.unwrap().len(), 1);

    let tomorrow = CalendarDate::parse("02/12/2026").unwrap();
    let early = desk
        .record_leaving(&gone.record.id, 1, Some(tomorrow))
        .await
        .unwrap_err();
    assert_eq!(codes(early), [ErrorCode::DateInFuture]);
    let left = desk
        .record_leaving(&gone.record.id, 1, Some(today()))
        .await
        .unwrap();
    assert_eq!((left.record.left_on, left.version), (Some(today()), 2));
    let stale = desk
        .record_leaving(&gone.record.id, 1, None)
        .await
        .unwrap_err();
    assert_eq!(codes(stale), [ErrorCode::ConflictStale]);

    // Listed only when asked for, and then marked; kept in full, with its history.
    let present = desk
        .list(Some(&clinic), &StaffFilter::default())
        .await
        .unwrap();
    let ids: Vec<_> = present.items.iter().map(|s| &s.id).collect();
    assert_eq!(ids, [&stays.record.id]);
    let everyone = StaffFilter {
        include_left: true,
        ..StaffFilter::default()
    };
    let all = desk.list(Some(&clinic), &everyone).await.unwrap();
    assert_eq!(all.items.len(), 2);
    let marked = all.items.iter().find(|s| s.id == gone.record.id).unwrap();
    assert_eq!(marked.left_on, Some(today()));
    let opened = desk.open(&gone.record.id).await.unwrap();
    assert_eq!(opened.record.left_on, Some(today()));
    let trail = store.audit_entries(gone.record.id.as_str()).await.unwrap();
    assert!(trail.iter().any(|e| e.action == AuditAction::StaffLeft));

    // Out of the expiry list; their account may be disabled, not created or changed.
    assert_eq!(desk.expiring(Some(&clinic), 60).await.unwrap(), []);
    let item = |action| RequestItem {
        staff: gone.record.id.clone(),
        action,
        reason: String::new(),
    };
    for action in [RequestAction::Create, RequestAction::Change] {
        let refused = requests.create(&clinic, &[item(action)]).await.unwrap_err();
        let issue = &refused.issues().unwrap()[0];
        assert_eq!(issue.code, ErrorCode::StaffHasLeft);
        assert_eq!(issue.field.as_deref(), Some("items[0].action"));
    }
    requests
        .create(&clinic, &[item(RequestAction::Disable)])
        .await
        .unwrap();

    // Recorded by mistake: undone, and they count again. From whatever version is stored, as the CLI does
    // without `--version`.
    let back = desk
        .record_leaving(&gone.record.id, Base::Latest, None)
        .await
        .unwrap();
    assert_eq!((back.record.left_on, back.version), (None, 3));
    assert_eq!(desk.expiring(Some(&clinic), 60).await.unwrap().len(), 1);
}

both!(
    staff_are_added_listed_opened_and_found_under_other_hcps,
    a_person_is_on_an_hcps_list_once,
    a_change_from_a_stale_version_is_refused,
    a_cancelled_import_leaves_the_database_as_it_was,
    an_import_confirmed_from_a_preview_refuses_a_changed_file,
    registrations_that_expire_are_listed,
    account_requests_move_through_their_statuses_with_a_history,
    someone_who_left_stays_on_record_but_counts_no_more,
);

/// On SQLite the file itself is compared: after a cancel, not a byte of it differs.
#[tokio::test]
async fn sqlite_a_cancelled_import_leaves_the_file_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ehr.sqlite3");
    let store = Store::open_sqlite(&path).await.unwrap();
    let sealed = store.sealed(key());
    let (clinic, hsls) = hcp(&sealed, "Harbour Clinic").await;
    let clock = clock();
    let rows = sample_import(600, &hsls, today());
    let checkpoint = || async {
        let raw = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
            .await
            .unwrap();
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&raw)
            .await
            .unwrap();
        raw.close().await;
        std::fs::read(&path).unwrap()
    };
    let before = checkpoint().await;
    let stop = StopAfter {
        chunks: AtomicUsize::new(0),
        stop_after: 3,
        last: AtomicUsize::new(0),
        asked: AtomicBool::new(false),
    };
    let desk = StaffDesk::new(&sealed, &clock, admin());
    desk.import(&clinic, &rows, None, &stop).await.unwrap_err();
    assert_eq!(checkpoint().await, before);
    sealed.close().await;
}

/// A member's sealed record copied onto another row does not open there: the list skips it and names it,
/// and `db check` names it too (by table, row and id, never its content); so does a request that is not
/// its row's.
#[tokio::test]
async fn sqlite_a_record_moved_to_another_row_is_named_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ehr.sqlite3");
    let store = Store::open_sqlite(&path).await.unwrap();
    let sealed = store.sealed(key());
    let (clinic, hsls) = hcp(&sealed, "Harbour Clinic").await;
    let clock = clock();
    let desk = StaffDesk::new(&sealed, &clock, admin());
    let first = desk.add(&clinic, &form_of(1, &hsls)).await.unwrap();
    let second = desk.add(&clinic, &form_of(2, &hsls)).await.unwrap();
    let requests = AccountRequests::new(&sealed, &clock, admin());
    let request = requests
        .create(
            &clinic,
            &[RequestItem {
                staff: first.record.id.clone(),
                action: RequestAction::Create,
                reason: String::new(),
            }],
        )
        .await
        .unwrap();
    assert!(sealed.check_rows().await.unwrap().is_empty());
    let raw = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    sqlx::query(
        "UPDATE staff SET sealed_record = (SELECT sealed_record FROM staff WHERE id = $1) WHERE id = $2",
    )
    .bind(first.record.id.as_str())
    .bind(second.record.id.as_str())
    .execute(&raw)
    .await
    .unwrap();
    sqlx::query("UPDATE account_requests SET data = replace(data, $1, $2)")
        .bind(request.id.as_str())
        .bind(first.record.id.as_str())
        .execute(&raw)
        .await
        .unwrap();
    raw.close().await;
    let listed = desk
        .list(Some(&clinic), &StaffFilter::default())
        .await
        .unwrap();
    assert_eq!(listed.items.len(), 1);
    assert_eq!(listed.unreadable.len(), 1);
    assert_eq!(listed.unreadable[0].reason, ErrorCode::RowSealedUnreadable);
    let found = sealed.check_rows().await.unwrap();
    let named: Vec<(&str, Option<&str>, ErrorCode)> = found
        .iter()
        .map(|r| (r.table.as_str(), r.id.as_deref(), r.reason))
        .collect();
    assert_eq!(
        named,
        [
            (
                "staff",
                Some(second.record.id.as_str()),
                ErrorCode::RowSealedUnreadable
            ),
            (
                "account_requests",
                Some(request.id.as_str()),
                ErrorCode::RowUndecodable
            ),
        ]
    );
    sealed.close().await;
}
