//! Amendments against both backends: one suite, each case run on a SQLite file and on a fresh database of
//! the run's PostgreSQL cluster.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod support {
    pub mod postgres;
}

use std::sync::LazyLock;
use std::sync::atomic::{AtomicI64, Ordering};

use ehr_core::amendment::sample::{new_administrator, sample_content};
use ehr_core::amendment::{
    AmendmentContent, AmendmentKind, AmendmentStatus, Amendments, FieldChangeKind,
};
use ehr_core::application::sample::{SAMPLE_CERTIFICATE, application_form};
use ehr_core::application::{
    ApplicationId, ApplicationStatus, Applications, DocumentKind, HistoryEvent, SubmissionChannel,
};
use ehr_core::auth::{OfficeKind, Principal, Role};
use ehr_core::ports::{
    AmendmentInsert, AmendmentPackageFormat, AmendmentStore, ApplicationStore, AuditAction,
    AuditTrail, Clock,
};
use ehr_core::time::Timestamp;
use ehr_core::validation::CalendarDate;
use ehr_core::{CoreError, ErrorCode};
use ehr_files::FileDestination;
use ehr_package::{ContentInspector, ZipPackageFormat};
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

/// The sample application as a draft.
async fn draft_hcp(store: &SealedStore<'_>) -> ApplicationId {
    let clock = clock();
    Applications::new(store, &clock, admin())
        .create(application_form())
        .await
        .unwrap()
        .draft
        .id
}

/// The sample application, submitted to the Registration Office: what may be amended.
async fn submitted_hcp(store: &SealedStore<'_>) -> ApplicationId {
    let clock = clock();
    let apps = Applications::new(store, &clock, admin());
    let id = draft_hcp(store).await;
    apps.attach_document(
        &id,
        DocumentKind::BusinessRegistrationCertificate,
        "br.pdf",
        SAMPLE_CERTIFICATE,
        &ContentInspector,
    )
    .await
    .unwrap();
    apps.submit(&id, SubmissionChannel::InPerson, "2026-11-25")
        .await
        .unwrap();
    id
}

async fn each_form_is_prepared_found_listed_and_has_a_history(store: &SealedStore<'_>) {
    let clock = clock();
    let amendments = Amendments::new(store, &clock, admin());
    let hcp = submitted_hcp(store).await;
    let other = submitted_hcp(store).await;
    let mut prepared = Vec::new();
    for kind in AmendmentKind::ALL {
        let saved = amendments
            .prepare(&hcp, *kind, sample_content(*kind, today()))
            .await
            .unwrap();
        assert_eq!(saved.issues, [], "{kind}: the sample is complete");
        assert_eq!(saved.version, 1);
        assert!(saved.amendment.reference.starts_with("AMD-"));
        let found = store.find_amendment(&saved.amendment.id).await.unwrap();
        assert_eq!(found.as_ref(), Some(&saved.amendment), "{kind}");
        prepared.push(saved.amendment);
    }

    let listed = amendments.list(Some(&hcp)).await.unwrap();
    assert!(listed.unreadable.is_empty());
    // Most recently changed first.
    let ids: Vec<_> = listed.items.iter().map(|a| &a.id).collect();
    let expected: Vec<_> = prepared.iter().rev().map(|a| &a.id).collect();
    assert_eq!(ids, expected);
    assert_eq!(listed.items[0].kind, AmendmentKind::Withdrawal);
    assert_eq!(amendments.list(None).await.unwrap().items.len(), 3);
    assert_eq!(amendments.list(Some(&other)).await.unwrap().items, []);

    let details = amendments.open(&prepared[0].id).await.unwrap();
    assert_eq!(details.amendment, prepared[0]);
    let events: Vec<_> = details.history.iter().map(|h| h.event.code()).collect();
    assert_eq!(events, ["created"]);
    assert_eq!(details.history[0].actor, admin().actor());
    // Replacing the first user administrator: exactly that person's changed fields.
    let at = |f: &str| format!("userInformation.administrators[0].{f}");
    assert_eq!(
        details
            .changes
            .iter()
            .map(|c| c.path.clone())
            .collect::<Vec<_>>(),
        ["nameEn", "nameZh", "hkid", "phone", "email"].map(at)
    );
    assert!(
        details
            .changes
            .iter()
            .all(|c| c.kind == FieldChangeKind::Changed)
    );
    assert_eq!(
        details.changes[2].after.as_deref(),
        Some(new_administrator().hkid.as_str())
    );
}

async fn a_draft_application_is_changed_directly_not_amended(store: &SealedStore<'_>) {
    let clock = clock();
    let amendments = Amendments::new(store, &clock, admin());
    let draft = draft_hcp(store).await;
    let refused = amendments
        .prepare(
            &draft,
            AmendmentKind::HcpHsl,
            sample_content(AmendmentKind::HcpHsl, today()),
        )
        .await
        .unwrap_err();
    assert_eq!(codes(refused), [ErrorCode::AmendmentNotAmendable]);
    assert_eq!(amendments.list(None).await.unwrap().items, []);
}

fn withdrawal(reason: &str) -> AmendmentContent {
    AmendmentContent::Withdrawal {
        reason: reason.into(),
        effective_date: Some(today()),
    }
}

async fn a_draft_is_changed_from_its_version_only(store: &SealedStore<'_>) {
    let clock = clock();
    let amendments = Amendments::new(store, &clock, admin());
    let hcp = submitted_hcp(store).await;
    let saved = amendments
        .prepare(&hcp, AmendmentKind::Withdrawal, withdrawal("Closing."))
        .await
        .unwrap();
    let id = saved.amendment.id;
    let changed = amendments
        .change(&id, 1, withdrawal("The practice closes."))
        .await
        .unwrap();
    assert_eq!(changed.version, 2);
    let stale = amendments
        .change(&id, 1, withdrawal("From a stale copy."))
        .await
        .unwrap_err();
    assert_eq!(codes(stale), [ErrorCode::ConflictStale]);
    let found = store.find_amendment(&id).await.unwrap().unwrap();
    assert_eq!(found.version, 2);
    assert_eq!(found.content, withdrawal("The practice closes."));

    amendments
        .set_status(&id, 2, AmendmentStatus::Submitted, None)
        .await
        .unwrap();
    let read_only = amendments
        .change(&id, 3, withdrawal("After submission."))
        .await
        .unwrap_err();
    assert_eq!(codes(read_only), [ErrorCode::AmendmentReadOnly]);
    let events: Vec<_> = store
        .amendment_history(&id)
        .await
        .unwrap()
        .iter()
        .map(|h| h.event.code())
        .collect();
    assert_eq!(events, ["created", "content_changed", "submitted"]);
}

async fn submission_needs_every_rule_and_sets_the_day(store: &SealedStore<'_>) {
    let clock = clock();
    let amendments = Amendments::new(store, &clock, admin());
    let hcp = submitted_hcp(store).await;
    let mut form = ehr_core::amendment::sample::administrator_replaced();
    form.user_information.administrators[0].hkid = "B987654(1)".into(); // a wrong check digit
    let saved = amendments
        .prepare(
            &hcp,
            AmendmentKind::HcpHsl,
            AmendmentContent::HcpHsl {
                form: Box::new(form),
            },
        )
        .await
        .unwrap();
    assert!(!saved.issues.is_empty(), "a draft is saved as typed");
    let id = saved.amendment.id;
    let refused = amendments
        .set_status(&id, 1, AmendmentStatus::Submitted, None)
        .await
        .unwrap_err();
    let issues = refused.issues().unwrap();
    assert!(
        issues
            .iter()
            .any(|i| i.field.as_deref() == Some("userInformation.administrators[0].hkid")),
        "{issues:?}"
    );
    let unchanged = store.find_amendment(&id).await.unwrap().unwrap();
    assert_eq!(
        (unchanged.status, unchanged.version),
        (AmendmentStatus::Draft, 1)
    );

    amendments
        .change(&id, 1, sample_content(AmendmentKind::HcpHsl, today()))
        .await
        .unwrap();
    let submitted = amendments
        .set_status(&id, 2, AmendmentStatus::Submitted, None)
        .await
        .unwrap();
    assert_eq!(submitted.submitted_on, Some(today()));
    let found = store.find_amendment(&id).await.unwrap().unwrap();
    assert_eq!(found.submitted_on, Some(today()));
    assert_eq!(
        (found.status, found.version),
        (AmendmentStatus::Submitted, 3)
    );
}

async fn amendments_move_through_their_statuses(store: &SealedStore<'_>) {
    let clock = clock();
    let amendments = Amendments::new(store, &clock, admin());
    let hcp = submitted_hcp(store).await;
    let id = amendments
        .prepare(
            &hcp,
            AmendmentKind::AdditionalHsl,
            sample_content(AmendmentKind::AdditionalHsl, today()),
        )
        .await
        .unwrap()
        .amendment
        .id;
    let skipped = amendments
        .set_status(&id, 1, AmendmentStatus::Accepted, None)
        .await
        .unwrap_err();
    assert_eq!(codes(skipped), [ErrorCode::AmendmentStatusTransition]);
    amendments
        .set_status(&id, 1, AmendmentStatus::Submitted, None)
        .await
        .unwrap();
    let stale = amendments
        .set_status(&id, 1, AmendmentStatus::Accepted, None)
        .await
        .unwrap_err();
    assert_eq!(codes(stale), [ErrorCode::ConflictStale]);
    let accepted = amendments
        .set_status(&id, 2, AmendmentStatus::Accepted, None)
        .await
        .unwrap();
    assert_eq!(accepted.status, AmendmentStatus::Accepted);
    let last = amendments
        .set_status(&id, 3, AmendmentStatus::Withdrawn, None)
        .await
        .unwrap_err();
    assert_eq!(codes(last), [ErrorCode::AmendmentStatusTransition]);
    let details = amendments.open(&id).await.unwrap();
    let history: Vec<_> = details
        .history
        .iter()
        .map(|h| (h.event.code(), h.status.code()))
        .collect();
    assert_eq!(
        history,
        [
            ("created", "draft"),
            ("submitted", "submitted"),
            ("accepted", "accepted")
        ]
    );
}

async fn reads_are_audited_as_viewed(store: &SealedStore<'_>) {
    let clock = clock();
    let amendments = Amendments::new(store, &clock, admin());
    let hcp = submitted_hcp(store).await;
    let id = amendments
        .prepare(
            &hcp,
            AmendmentKind::Withdrawal,
            sample_content(AmendmentKind::Withdrawal, today()),
        )
        .await
        .unwrap()
        .amendment
        .id;
    let actions = || async {
        store
            .audit_entries(id.as_str())
            .await
            .unwrap()
            .iter()
            .map(|e| e.action)
            .collect::<Vec<_>>()
    };
    amendments.list(None).await.unwrap();
    assert_eq!(actions().await, [], "a list shows no content");
    amendments.open(&id).await.unwrap();
    let document = amendments.document(&id).await.unwrap();
    assert_eq!(
        document.hcp_name_en,
        application_form().hcp_information.name_en
    );
    assert_eq!(actions().await, [AuditAction::Viewed, AuditAction::Viewed]);
}

async fn only_a_submitted_amendment_is_exported_and_then_recorded(store: &SealedStore<'_>) {
    let clock = clock();
    let amendments = Amendments::new(store, &clock, admin());
    let hcp = submitted_hcp(store).await;
    let id = amendments
        .prepare(
            &hcp,
            AmendmentKind::HcpHsl,
            sample_content(AmendmentKind::HcpHsl, today()),
        )
        .await
        .unwrap()
        .amendment
        .id;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("amendment.ehrpkg");
    let to = FileDestination::new(&path);
    let draft = amendments
        .export(&id, None, &ZipPackageFormat, &to)
        .await
        .unwrap_err();
    assert_eq!(codes(draft), [ErrorCode::AmendmentNotSubmitted]);
    assert!(!path.exists(), "nothing written for a draft");

    let submitted = amendments
        .set_status(&id, 1, AmendmentStatus::Submitted, None)
        .await
        .unwrap();
    let size = amendments
        .export(&id, None, &ZipPackageFormat, &to)
        .await
        .unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(bytes.len(), size);
    let package = ZipPackageFormat.read_amendment(&bytes).unwrap();
    let mut expected = submitted.clone();
    expected.version = ehr_core::application::FIRST_VERSION; // not carried: this database's count
    assert_eq!(package.amendment, expected);
    assert_eq!(package.pdf, None, "no amendment renderer in this build");

    let history = store.amendment_history(&id).await.unwrap();
    let last = history.last().unwrap();
    assert_eq!(
        (last.event.code(), last.status),
        ("exported", AmendmentStatus::Submitted)
    );
    let found = store.find_amendment(&id).await.unwrap().unwrap();
    assert_eq!(found.updated_at, last.at, "the export is its last change");
    assert_eq!(found.version, 2, "an export changes nothing of it");
    let audited = store.audit_entries(id.as_str()).await.unwrap();
    assert_eq!(audited.last().unwrap().action, AuditAction::Exported);
    assert_eq!(audited.last().unwrap().at, last.at);
}

async fn one_hcp_hsl_amendment_and_one_withdrawal_are_open_at_a_time(store: &SealedStore<'_>) {
    let clock = clock();
    let amendments = Amendments::new(store, &clock, admin());
    let hcp = submitted_hcp(store).await;
    let other = submitted_hcp(store).await;
    let mut first = Vec::new();
    for kind in AmendmentKind::ALL {
        first.push(
            amendments
                .prepare(&hcp, *kind, sample_content(*kind, today()))
                .await
                .unwrap()
                .amendment,
        );
        let second = amendments
            .prepare(&hcp, *kind, sample_content(*kind, today()))
            .await;
        if kind.one_open_at_a_time() {
            let refused = second.unwrap_err();
            let issue = &refused.issues().unwrap()[0];
            assert_eq!(issue.code, ErrorCode::AmendmentAlreadyOpen, "{kind}");
            assert_eq!(issue.params["reference"], first.last().unwrap().reference);
            // Asked before anything is typed, the answer is the same.
            let asked = amendments.may_amend(&hcp, *kind).await.unwrap_err();
            assert_eq!(codes(asked), [ErrorCode::AmendmentAlreadyOpen]);
        } else {
            amendments.may_amend(&hcp, *kind).await.unwrap();
            second.unwrap();
        }
        // Another HCP's are its own.
        amendments
            .prepare(&other, *kind, sample_content(*kind, today()))
            .await
            .unwrap();
    }
    assert_eq!(amendments.list(Some(&hcp)).await.unwrap().items.len(), 4);

    // The database holds the same rule when the core's check is passed by (two workstations at once).
    for open in &first {
        let twin = ehr_core::amendment::Amendment {
            id: ehr_core::amendment::AmendmentId::generate(),
            ..open.clone()
        };
        let entry = ehr_core::amendment::AmendmentHistoryEntry {
            at: clock.now(),
            actor: admin().actor(),
            event: ehr_core::amendment::AmendmentEvent::Created,
            status: AmendmentStatus::Draft,
        };
        let stored = store.insert_amendment(&twin, &entry).await.unwrap();
        let expected = if open.kind.one_open_at_a_time() {
            AmendmentInsert::AlreadyOpen
        } else {
            AmendmentInsert::Saved
        };
        assert_eq!(stored, expected, "{}", open.kind);
        if stored == AmendmentInsert::AlreadyOpen {
            assert_eq!(store.find_amendment(&twin.id).await.unwrap(), None);
        }
    }

    // Once withdrawn, or answered, another may be prepared.
    let hcp_hsl = &first[0];
    assert_eq!(hcp_hsl.kind, AmendmentKind::HcpHsl);
    amendments
        .set_status(&hcp_hsl.id, 1, AmendmentStatus::Withdrawn, None)
        .await
        .unwrap();
    amendments
        .may_amend(&hcp, AmendmentKind::HcpHsl)
        .await
        .unwrap();
    amendments
        .prepare(
            &hcp,
            AmendmentKind::HcpHsl,
            sample_content(AmendmentKind::HcpHsl, today()),
        )
        .await
        .unwrap();
}

async fn an_accepted_amendment_is_applied_to_its_registration(store: &SealedStore<'_>) {
    let clock = clock();
    let amendments = Amendments::new(store, &clock, admin());
    let apps = Applications::new(store, &clock, admin());
    let hcp = submitted_hcp(store).await;
    let accept = async |kind: AmendmentKind| {
        let id = amendments
            .prepare(&hcp, kind, sample_content(kind, today()))
            .await
            .unwrap()
            .amendment
            .id;
        amendments
            .set_status(&id, 1, AmendmentStatus::Submitted, None)
            .await
            .unwrap();
        let before = amendments.open(&id).await.unwrap();
        let accepted = amendments
            .set_status(&id, 2, AmendmentStatus::Accepted, None)
            .await
            .unwrap();
        assert_eq!(
            (accepted.status, accepted.version),
            (AmendmentStatus::Accepted, 3)
        );
        // Compared with the registration as it stood, the amendment still shows what it changed.
        let after = amendments.open(&id).await.unwrap();
        assert_eq!(after.changes, before.changes, "{kind}");
        assert_eq!(after.effects, before.effects, "{kind}");
        let last = apps.history(&hcp).await.unwrap().pop().unwrap();
        assert_eq!(
            last.event,
            HistoryEvent::Amended {
                amendment: accepted.reference.clone(),
                form: kind
            }
        );
        id
    };

    let original = store.find_application(&hcp).await.unwrap().unwrap();
    let replaced = accept(AmendmentKind::HcpHsl).await;
    let registered = store.find_application(&hcp).await.unwrap().unwrap();
    assert_eq!(
        registered.form,
        ehr_core::amendment::sample::administrator_replaced()
    );
    assert_eq!(registered.version, original.version + 1);
    assert_eq!(
        store.amendment_before(&replaced).await.unwrap(),
        Some(original.form.clone())
    );

    accept(AmendmentKind::AdditionalHsl).await;
    let registered = store.find_application(&hcp).await.unwrap().unwrap();
    assert_eq!(registered.form.hsls.len(), original.form.hsls.len() + 1);
    assert_eq!(registered.status, ApplicationStatus::Submitted);

    accept(AmendmentKind::Withdrawal).await;
    let registered = store.find_application(&hcp).await.unwrap().unwrap();
    assert_eq!(registered.status, ApplicationStatus::Withdrawn);
    // A withdrawn HCP is amended no more.
    let refused = amendments
        .may_amend(&hcp, AmendmentKind::AdditionalHsl)
        .await
        .unwrap_err();
    assert_eq!(codes(refused), [ErrorCode::AmendmentNotAmendable]);
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

both!(
    each_form_is_prepared_found_listed_and_has_a_history,
    a_draft_application_is_changed_directly_not_amended,
    a_draft_is_changed_from_its_version_only,
    submission_needs_every_rule_and_sets_the_day,
    amendments_move_through_their_statuses,
    reads_are_audited_as_viewed,
    only_a_submitted_amendment_is_exported_and_then_recorded,
    one_hcp_hsl_amendment_and_one_withdrawal_are_open_at_a_time,
    an_accepted_amendment_is_applied_to_its_registration,
);

/// One amendment with its history, for the raw statements below.
async fn one_amendment(store: &SealedStore<'_>) {
    let clock = clock();
    let hcp = submitted_hcp(store).await;
    Amendments::new(store, &clock, admin())
        .prepare(&hcp, AmendmentKind::Withdrawal, withdrawal("Closing."))
        .await
        .unwrap();
}

const REWRITES: [&str; 2] = [
    "UPDATE amendment_history SET user_name = 'someone else'",
    "DELETE FROM amendment_history",
];

#[tokio::test]
async fn sqlite_the_history_cannot_be_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ehr.sqlite3");
    let store = Store::open_sqlite(&path).await.unwrap().sealed(key());
    one_amendment(&store).await;
    let raw = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    for statement in REWRITES {
        let error = sqlx::query(statement).execute(&raw).await.unwrap_err();
        assert!(
            error.to_string().contains("append-only"),
            "{statement}: {error}"
        );
    }
    raw.close().await;
    store.close().await;
}

#[tokio::test]
async fn postgres_the_history_cannot_be_rewritten_nor_truncated() {
    let url = support::postgres::fresh_database().await;
    let store = Store::open_postgres(&url, None)
        .await
        .unwrap()
        .sealed(key());
    one_amendment(&store).await;
    let raw = sqlx::PgPool::connect(&url).await.unwrap();
    for statement in REWRITES
        .into_iter()
        .chain(["TRUNCATE amendment_history CASCADE"])
    {
        let error = sqlx::raw_sql(statement).execute(&raw).await.unwrap_err();
        let database = error.as_database_error().unwrap();
        assert_eq!(
            database.message(),
            "amendment history is append-only",
            "{statement}"
        );
    }
    let kept: i64 = sqlx::query_scalar("SELECT count(*) FROM amendment_history")
        .fetch_one(&raw)
        .await
        .unwrap();
    assert_eq!(kept, 1);
    raw.close().await;
    store.close().await;
}

/// The content is sealed at rest: no HKID of the amendment is anywhere in the database file.
#[tokio::test]
async fn sqlite_the_content_is_sealed_at_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ehr.sqlite3");
    let store = Store::open_sqlite(&path).await.unwrap();
    let sealed = store.sealed(key());
    let hcp = submitted_hcp(&sealed).await;
    let clock = clock();
    let id = Amendments::new(&sealed, &clock, admin())
        .prepare(
            &hcp,
            AmendmentKind::HcpHsl,
            sample_content(AmendmentKind::HcpHsl, today()),
        )
        .await
        .unwrap()
        .amendment
        .id;
    sealed.close().await;

    let raw = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let (content, kind): (Vec<u8>, String) =
        sqlx::query_as("SELECT sealed_content, kind FROM amendments WHERE id = ?")
            .bind(id.as_str())
            .fetch_one(&raw)
            .await
            .unwrap();
    assert_eq!(kind, "hcp_hsl");
    let hkid = new_administrator().hkid;
    let digits = &hkid.as_bytes()[..7]; // "B987654", however it is punctuated
    assert!(!content.windows(digits.len()).any(|w| w == digits));
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&raw)
        .await
        .unwrap();
    raw.close().await;
    let file = std::fs::read(&path).unwrap();
    assert!(
        !file.windows(digits.len()).any(|w| w == digits),
        "the new administrator's HKID is in the database file"
    );
    assert!(
        !file.windows(12).any(|w| w == b"CHEUNG Wing "),
        "the new administrator's name is in the database file"
    );
}

/// A row moved to another amendment's id cannot be opened there (the seal is bound to its row), and a
/// list names it rather than failing.
#[tokio::test]
async fn sqlite_a_sealed_content_moved_to_another_row_is_named_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ehr.sqlite3");
    let store = Store::open_sqlite(&path).await.unwrap();
    let sealed = store.sealed(key());
    let hcp = submitted_hcp(&sealed).await;
    let clock = clock();
    let amendments = Amendments::new(&sealed, &clock, admin());
    let first = amendments
        .prepare(&hcp, AmendmentKind::Withdrawal, withdrawal("One."))
        .await
        .unwrap()
        .amendment
        .id;
    let second = amendments
        .prepare(
            &hcp,
            AmendmentKind::AdditionalHsl,
            sample_content(AmendmentKind::AdditionalHsl, today()),
        )
        .await
        .unwrap()
        .amendment
        .id;
    let raw = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    sqlx::query(
        "UPDATE amendments SET sealed_content = (SELECT sealed_content FROM amendments WHERE id = ?)
         WHERE id = ?",
    )
    .bind(first.as_str())
    .bind(second.as_str())
    .execute(&raw)
    .await
    .unwrap();
    raw.close().await;
    let listed = amendments.list(None).await.unwrap();
    assert_eq!(
        listed.items.iter().map(|a| &a.id).collect::<Vec<_>>(),
        [&first]
    );
    assert_eq!(listed.unreadable.len(), 1);
    assert_eq!(listed.unreadable[0].id.as_deref(), Some(second.as_str()));
    assert_eq!(listed.unreadable[0].reason, ErrorCode::RowSealedUnreadable);
    assert!(sealed.find_amendment(&second).await.is_err());
    // `ehr db check` names it too, by table, position and id.
    let checked = sealed.check_rows().await.unwrap();
    assert_eq!(
        checked
            .iter()
            .map(|r| (r.table.as_str(), r.id.as_deref(), r.reason))
            .collect::<Vec<_>>(),
        [(
            "amendments",
            Some(second.as_str()),
            ErrorCode::RowSealedUnreadable
        )]
    );
    sealed.close().await;
}

/// The registration kept beside an accepted amendment is sealed for its row: moved to another amendment, it
/// cannot be opened there, and `ehr db check` names that amendment.
#[tokio::test]
async fn sqlite_the_registration_kept_beside_an_accepted_amendment_is_bound_to_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ehr.sqlite3");
    let store = Store::open_sqlite(&path).await.unwrap();
    let sealed = store.sealed(key());
    let clock = clock();
    let amendments = Amendments::new(&sealed, &clock, admin());
    let mut accepted = Vec::new();
    for kind in [AmendmentKind::HcpHsl, AmendmentKind::AdditionalHsl] {
        let hcp = submitted_hcp(&sealed).await;
        let id = amendments
            .prepare(&hcp, kind, sample_content(kind, today()))
            .await
            .unwrap()
            .amendment
            .id;
        amendments
            .set_status(&id, 1, AmendmentStatus::Submitted, None)
            .await
            .unwrap();
        amendments
            .set_status(&id, 2, AmendmentStatus::Accepted, None)
            .await
            .unwrap();
        accepted.push(id);
    }
    assert_eq!(sealed.check_rows().await.unwrap(), []);
    let raw = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    sqlx::query(
        "UPDATE amendments SET sealed_before = (SELECT sealed_before FROM amendments WHERE id = ?)
         WHERE id = ?",
    )
    .bind(accepted[0].as_str())
    .bind(accepted[1].as_str())
    .execute(&raw)
    .await
    .unwrap();
    raw.close().await;
    assert!(sealed.amendment_before(&accepted[1]).await.is_err());
    assert!(amendments.open(&accepted[1]).await.is_err());
    let checked = sealed.check_rows().await.unwrap();
    assert_eq!(
        checked
            .iter()
            .map(|r| (r.id.as_deref(), r.reason))
            .collect::<Vec<_>>(),
        [(Some(accepted[1].as_str()), ErrorCode::RowSealedUnreadable)]
    );
    store.close().await;
}
