//! The conformance suite every storage backend must pass, run here against SQLite on disk. Each case takes
//! only a `Store`, so the PostgreSQL backend runs the same cases when it lands.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod support {
    pub mod postgres;
}

use std::sync::atomic::{AtomicI64, Ordering};

use ehr_core::application::sample::application_form;
use ehr_core::application::{
    Actor, ApplicationForm, ApplicationId, ApplicationStatus, Applications, DocumentKind,
    HistoryEvent, Step, SubmissionChannel,
};
use ehr_core::audit::{self, ChainBreak, ChainVerdict, GENESIS, chain_hash};
use ehr_core::auth::{OfficeKind, Principal, Role};
use ehr_core::patient::{ConsentRules, Patients, sample_patient_form};
use ehr_core::ports::{AuditAction, AuditEntry, AuditTrail, Clock, PreferenceStore};
use ehr_core::preferences::{self, Language};
use ehr_core::time::Timestamp;
use ehr_core::{CoreError, ErrorCode};
use ehr_package::ContentInspector;
use ehr_secrets::Sealer;
use ehr_store::{SealedStore, Store};
use std::sync::{Arc, LazyLock};

/// A clock that ticks one second per reading, so "most recent first" is deterministic.
struct TickingClock(AtomicI64);

impl Clock for TickingClock {
    fn now(&self) -> Timestamp {
        Timestamp::from_millis(self.0.fetch_add(1000, Ordering::SeqCst))
    }
}

fn clock() -> TickingClock {
    TickingClock(AtomicI64::new(1_764_000_000_000))
}

/// Who acts in these cases: every role, since they are about storage, not about access (the accounts suite
/// signs in for real).
fn principal() -> &'static Principal {
    static PRINCIPAL: LazyLock<Principal> =
        LazyLock::new(|| Principal::for_tests(OfficeKind::Clinic, Role::ALL));
    &PRINCIPAL
}

fn actor() -> Actor {
    principal().actor()
}

fn named(name: &str) -> ApplicationForm {
    let mut form = ApplicationForm::default();
    form.hcp_information.name_en = name.into();
    form.hcp_information.br_number = "1234".into(); // invalid on purpose: drafts must save anyway
    form
}

/// A scanned certificate: a PDF that parses, as the inspector demands.
const PDF: &[u8] = ehr_core::application::sample::SAMPLE_CERTIFICATE;

/// A real cipher with a fresh key: the store must work with whatever office key a sign-in gives it.
fn cipher() -> Arc<Sealer> {
    Arc::new(Sealer::random())
}

/// This run's office key.
fn key() -> &'static Sealer {
    static KEY: LazyLock<Sealer> = LazyLock::new(Sealer::random);
    &KEY
}

async fn on_disk() -> (tempfile::TempDir, SealedStore<'static>) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_sqlite(&dir.path().join("nested/ehr.sqlite3"))
        .await
        .unwrap();
    (dir, store.sealed(key()))
}

async fn invalid_drafts_are_saved_listed_and_reopened(store: &SealedStore<'_>) {
    let clock = clock();
    let apps = Applications::new(store, &clock, principal());
    let first = apps.create(named("First Clinic")).await.unwrap();
    assert_eq!(first.draft.status, ApplicationStatus::Draft);
    assert!(first.issues.iter().any(|i| i.code == ErrorCode::BrnFormat));
    assert!(first.draft.reference.starts_with("HCP-"));
    let second = apps.create(named("Second Clinic")).await.unwrap();

    let listed = apps.list().await.unwrap().items;
    assert_eq!(
        listed.iter().map(|s| s.title.as_str()).collect::<Vec<_>>(),
        ["Second Clinic", "First Clinic"]
    );
    assert_eq!(listed[0].open_issues, second.draft.summary().open_issues);
    assert_eq!(listed[0].reference, second.draft.reference);
    assert!(listed[0].open_issues > 0);

    assert_eq!(apps.get(&first.draft.id).await.unwrap(), first.draft);
}

async fn saving_updates_in_place_records_what_changed_and_moves_to_the_top(
    store: &SealedStore<'_>,
) {
    let clock = clock();
    let apps = Applications::new(store, &clock, principal());
    let first = apps.create(named("Alpha")).await.unwrap().draft;
    apps.create(named("Beta")).await.unwrap();
    let mut form = first.form.clone();
    form.hcp_information.name_en = "Alpha Renamed".into();
    form.hsls[0].district = "sha_tin".into();
    let edited = apps
        .save(&first.id, first.version, form.clone())
        .await
        .unwrap()
        .draft;
    assert_eq!(edited.created_at, first.created_at);
    assert!(edited.updated_at > first.updated_at);
    let titles: Vec<String> = apps
        .list()
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|s| s.title)
        .collect();
    assert_eq!(titles, ["Alpha Renamed", "Beta"]);

    // Saving the same form again changes nothing and records nothing.
    let unchanged = apps
        .save(&first.id, edited.version, form)
        .await
        .unwrap()
        .draft;
    assert_eq!(unchanged.updated_at, edited.updated_at);
    let history = apps.history(&first.id).await.unwrap();
    let events: Vec<HistoryEvent> = history.iter().map(|h| h.event.clone()).collect();
    assert_eq!(
        events,
        [
            HistoryEvent::Created,
            HistoryEvent::Edited {
                steps: vec![Step::HcpInformation, Step::Hsls]
            }
        ]
    );
    assert!(history.iter().all(|h| h.actor == actor()));
}

/// Two workstations open the same version; the first save wins, the second is refused with who saved and
/// when, and nothing of the first is overwritten.
async fn a_save_from_a_stale_version_is_refused_naming_who_saved(store: &SealedStore<'_>) {
    let clock = clock();
    let apps = Applications::new(store, &clock, principal());
    let opened = apps.create(named("Shared Clinic")).await.unwrap().draft;
    assert_eq!(opened.version, 1);

    let other = Principal::for_tests_as("mei.chan", "desk-2", OfficeKind::Clinic, Role::ALL);
    let theirs = Applications::new(store, &clock, &other);
    let mut their_form = opened.form.clone();
    their_form.hcp_information.name_en = "Theirs".into();
    let saved = theirs
        .save(&opened.id, opened.version, their_form)
        .await
        .unwrap()
        .draft;
    assert_eq!(saved.version, 2);

    let mut my_form = opened.form.clone();
    my_form.hcp_information.name_en = "Mine".into();
    let Err(refused) = apps.save(&opened.id, opened.version, my_form.clone()).await else {
        panic!("a save from version 1 overwrote version 2");
    };
    let issue = &refused.issues().unwrap()[0];
    assert_eq!(issue.code, ErrorCode::ConflictStale);
    assert_eq!(issue.params["user"], "mei.chan");
    assert_eq!(issue.params["workstation"], "desk-2");
    assert_eq!(issue.params["version"], "2");
    assert_eq!(issue.params["at"], saved.updated_at.to_rfc3339());
    let stored = apps.get(&opened.id).await.unwrap();
    assert_eq!(stored.form.hcp_information.name_en, "Theirs");
    assert_eq!(stored.version, 2);

    // After a reload (version 2) the same change saves.
    let mine = apps
        .save(&opened.id, stored.version, my_form)
        .await
        .unwrap()
        .draft;
    assert_eq!(mine.version, 3);
    assert_eq!(apps.get(&opened.id).await.unwrap(), mine);
}

async fn unknown_ids_are_reported(store: &SealedStore<'_>) {
    let clock = clock();
    let apps = Applications::new(store, &clock, principal());
    let missing = ApplicationId::generate();
    assert!(matches!(
        apps.get(&missing).await,
        Err(CoreError::ApplicationNotFound(_))
    ));
    assert!(matches!(
        apps.delete(&missing).await,
        Err(CoreError::ApplicationNotFound(_))
    ));
    assert!(matches!(
        apps.save(&missing, 1, named("Ghost")).await,
        Err(CoreError::ApplicationNotFound(_))
    ));
    assert!(matches!(
        apps.history(&missing).await,
        Err(CoreError::ApplicationNotFound(_))
    ));
    assert!(
        apps.list().await.unwrap().items.is_empty(),
        "a failed save must not create anything"
    );
}

async fn delete_removes_only_that_draft(store: &SealedStore<'_>) {
    let clock = clock();
    let apps = Applications::new(store, &clock, principal());
    let keep = apps.create(named("Keep")).await.unwrap().draft;
    let gone = apps.create(named("Gone")).await.unwrap().draft;
    apps.attach_document(
        &gone.id,
        DocumentKind::Other,
        "x.pdf",
        PDF,
        &ContentInspector,
    )
    .await
    .unwrap();
    apps.delete(&gone.id).await.unwrap();
    let ids: Vec<ApplicationId> = apps
        .list()
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids, [keep.id]);
}

async fn documents_are_kept_with_their_digest_and_counted(store: &SealedStore<'_>) {
    let clock = clock();
    let apps = Applications::new(store, &clock, principal());
    let draft = apps.create(application_form()).await.unwrap();
    assert_eq!(
        draft.issues.iter().map(|i| i.code).collect::<Vec<_>>(),
        [ErrorCode::DocumentMissing]
    );
    let id = draft.draft.id;

    let attached = apps
        .attach_document(
            &id,
            DocumentKind::BusinessRegistrationCertificate,
            "/home/clerk/BR cert.pdf",
            PDF,
            &ContentInspector,
        )
        .await
        .unwrap();
    assert_eq!(
        attached.issues,
        [],
        "the certificate was the last thing missing"
    );
    let document = attached.draft.documents[0].clone();
    assert_eq!(document.file_name, "BR cert.pdf");
    assert_eq!(
        apps.get(&id).await.unwrap().documents,
        std::slice::from_ref(&document)
    );
    assert_eq!(apps.document_content(&id, &document.id).await.unwrap(), PDF);
    assert_eq!(
        apps.list().await.unwrap().items[0].open_issues,
        0,
        "the listed count follows the documents"
    );

    let refused = apps
        .attach_document(
            &id,
            DocumentKind::Other,
            "virus.exe",
            b"MZ....",
            &ContentInspector,
        )
        .await;
    let Err(CoreError::Invalid(issues)) = refused else {
        panic!("an executable was accepted")
    };
    assert_eq!(
        (issues[0].code, issues[0].field.as_deref()),
        (ErrorCode::DocumentTypeNotAllowed, Some("documents.other"))
    );
    // Starting like a PDF is not being one.
    let refused = apps
        .attach_document(
            &id,
            DocumentKind::Other,
            "scan.pdf",
            b"%PDF-1.4 and then a Windows program",
            &ContentInspector,
        )
        .await;
    let Err(CoreError::Invalid(issues)) = refused else {
        panic!("a file that only starts like a PDF was accepted")
    };
    assert_eq!(
        (issues[0].code, issues[0].field.as_deref()),
        (ErrorCode::DocumentDamaged, Some("documents.other"))
    );

    let removed = apps.remove_document(&id, &document.id).await.unwrap();
    assert!(removed.draft.documents.is_empty());
    assert_eq!(apps.list().await.unwrap().items[0].open_issues, 1);
    assert!(matches!(
        apps.remove_document(&id, &document.id).await,
        Err(CoreError::DocumentNotFound(_))
    ));
    let events: Vec<HistoryEvent> = apps
        .history(&id)
        .await
        .unwrap()
        .into_iter()
        .map(|h| h.event)
        .collect();
    assert_eq!(
        events[1..],
        [
            HistoryEvent::DocumentAttached {
                document: DocumentKind::BusinessRegistrationCertificate,
                file_name: "BR cert.pdf".into()
            },
            HistoryEvent::DocumentRemoved {
                document: DocumentKind::BusinessRegistrationCertificate,
                file_name: "BR cert.pdf".into()
            },
        ]
    );
}

async fn only_a_complete_application_is_submitted_and_then_it_is_read_only(
    store: &SealedStore<'_>,
) {
    let clock = clock();
    let apps = Applications::new(store, &clock, principal());
    let id = apps.create(application_form()).await.unwrap().draft.id;
    let Err(CoreError::Invalid(issues)) =
        apps.submit(&id, SubmissionChannel::Fax, "2026-11-25").await
    else {
        panic!("an application without its certificate was submitted")
    };
    assert_eq!(issues[0].code, ErrorCode::DocumentMissing);
    apps.attach_document(
        &id,
        DocumentKind::BusinessRegistrationCertificate,
        "br.pdf",
        PDF,
        &ContentInspector,
    )
    .await
    .unwrap();
    let Err(CoreError::Invalid(issues)) =
        apps.submit(&id, SubmissionChannel::Fax, "25.11.2026").await
    else {
        panic!("a malformed date was accepted")
    };
    assert_eq!(
        (issues[0].code, issues[0].field.as_deref()),
        (ErrorCode::DateFormat, Some("submission.date"))
    );

    let submitted = apps
        .submit(&id, SubmissionChannel::InPerson, "2026-11-25")
        .await
        .unwrap()
        .draft;
    assert_eq!(submitted.status, ApplicationStatus::Submitted);
    assert_eq!(submitted.submission.unwrap().date.to_string(), "2026-11-25");
    assert_eq!(apps.get(&id).await.unwrap(), submitted);
    assert!(matches!(
        apps.save(&id, submitted.version, application_form()).await,
        Err(CoreError::ApplicationReadOnly(_))
    ));
    assert!(matches!(
        apps.delete(&id).await,
        Err(CoreError::ApplicationReadOnly(_))
    ));
    let attach = apps
        .attach_document(&id, DocumentKind::Other, "late.pdf", PDF, &ContentInspector)
        .await;
    assert!(matches!(attach, Err(CoreError::ApplicationReadOnly(_))));

    apps.change_status(
        &id,
        ApplicationStatus::Accepted,
        Some(" documents complete ".into()),
    )
    .await
    .unwrap();
    let refused = apps
        .change_status(&id, ApplicationStatus::Registered, None)
        .await;
    assert!(
        matches!(refused, Err(CoreError::StatusTransition { .. })),
        "set-up comes before registration"
    );
    apps.change_status(&id, ApplicationStatus::TechnicalSetup, None)
        .await
        .unwrap();
    apps.change_status(&id, ApplicationStatus::Registered, None)
        .await
        .unwrap();
    let events: Vec<HistoryEvent> = apps
        .history(&id)
        .await
        .unwrap()
        .into_iter()
        .map(|h| h.event)
        .collect();
    assert!(events.contains(&HistoryEvent::StatusChanged {
        from: ApplicationStatus::Submitted,
        to: ApplicationStatus::Accepted,
        note: Some("documents complete".into()),
    }));
    assert_eq!(
        events.last(),
        Some(&HistoryEvent::StatusChanged {
            from: ApplicationStatus::TechnicalSetup,
            to: ApplicationStatus::Registered,
            note: None,
        })
    );
}

async fn reads_of_personal_data_are_audited(store: &SealedStore<'_>) {
    let clock = clock();
    let apps = Applications::new(store, &clock, principal());
    let id = apps.create(application_form()).await.unwrap().draft.id;
    apps.get(&id).await.unwrap(); // the use cases' own reads are not a person's
    assert!(apps.audit_trail(&id).await.unwrap().is_empty());
    apps.open(&id).await.unwrap();
    let saved = apps
        .attach_document(&id, DocumentKind::Other, "x.pdf", PDF, &ContentInspector)
        .await
        .unwrap();
    apps.document_content(&id, &saved.draft.documents[0].id)
        .await
        .unwrap();
    let trail = apps.audit_trail(&id).await.unwrap();
    let actions: Vec<AuditAction> = trail.iter().map(|e| e.action).collect();
    assert_eq!(actions, [AuditAction::Viewed, AuditAction::DocumentRead]);
    assert!(
        trail
            .iter()
            .all(|e| e.actor == actor() && e.subject == id.as_str())
    );
    // The trail outlives the draft it is about.
    apps.delete(&id).await.unwrap();
    assert_eq!(apps.audit_trail(&id).await.unwrap().len(), 2);
}

/// The chain recomputed here from the stored fields, independently of the walk: the latest hash.
async fn recomputed_latest(store: &Store) -> ehr_core::audit::ChainHash {
    let links = store.audit_links(i64::MIN, u32::MAX).await.unwrap();
    links.iter().fold(GENESIS, |previous, link| {
        let hash = chain_hash(&previous, link.id, link.fields.as_ref().unwrap());
        assert_eq!(link.hash.as_deref(), Some(hash.as_bytes().as_slice()));
        hash
    })
}

async fn the_audit_trail_is_a_hash_chain_that_grows_and_verifies(store: &SealedStore<'_>) {
    assert_eq!(
        audit::verify(principal(), store).await.unwrap(),
        ChainVerdict::Intact {
            entries: 0,
            latest: GENESIS
        }
    );
    let clock = clock();
    let apps = Applications::new(store, &clock, principal());
    let id = apps.create(application_form()).await.unwrap().draft.id;
    let mut latest = GENESIS;
    for entries in 1..=3 {
        apps.open(&id).await.unwrap();
        let ChainVerdict::Intact {
            entries: verified,
            latest: now,
        } = audit::verify(principal(), store).await.unwrap()
        else {
            panic!("the chain broke after {entries} entries")
        };
        assert_eq!(verified, entries);
        assert_ne!(now, latest, "each entry moves the latest hash");
        assert_eq!(now, recomputed_latest(store).await);
        latest = now;
    }
    let listed = audit::list(principal(), store, None).await.unwrap();
    assert_eq!(listed.len(), 3);
    assert!(listed.windows(2).all(|w| w[0].id < w[1].id), "oldest first");
    assert_eq!(listed[2].hash, Some(latest.to_string()));
    let tomorrow = clock.now().hong_kong_date().date().next_day().unwrap();
    let since = ehr_core::validation::CalendarDate::from_date(tomorrow);
    assert!(
        audit::list(principal(), store, Some(since))
            .await
            .unwrap()
            .is_empty()
    );
}

async fn racing_writers_keep_one_chain(store: &Store) {
    let mut racers = Vec::new();
    for n in 0..24 {
        let store = store.clone();
        racers.push(tokio::spawn(async move {
            let entry = AuditEntry {
                at: Timestamp::from_millis(1_764_000_000_000 + n),
                actor: actor(),
                action: AuditAction::CardRead,
                subject: format!("A123***({n})"),
            };
            store.record(&entry).await
        }));
    }
    for racer in racers {
        racer.await.unwrap().unwrap();
    }
    let ChainVerdict::Intact { entries, latest } = audit::verify(principal(), store).await.unwrap()
    else {
        panic!("racing writers forked the chain")
    };
    assert_eq!(entries, 24);
    assert_eq!(latest, recomputed_latest(store).await);
}

async fn preferences_round_trip(store: &Store) {
    assert_eq!(preferences::load(store).await.unwrap().language, None);
    preferences::set_language(store, Language::TraditionalChinese)
        .await
        .unwrap();
    assert_eq!(
        preferences::load(store).await.unwrap().language,
        Some(Language::TraditionalChinese)
    );
    preferences::set_language(store, Language::English)
        .await
        .unwrap();
    assert_eq!(
        preferences::load(store).await.unwrap().language,
        Some(Language::English)
    );
    store
        .set_preference("ui.language", "klingon")
        .await
        .unwrap();
    assert_eq!(
        preferences::load(store).await.unwrap().language,
        None,
        "unknown values fall back to unset"
    );
}

fn patients<'a>(store: &'a SealedStore<'_>, clock: &'a TickingClock) -> Patients<'a> {
    Patients::new(store, clock, ConsentRules::embedded().unwrap(), principal())
}

async fn patients_are_registered_found_changed_and_audited(store: &SealedStore<'_>) {
    let clock = clock();
    let desk = patients(store, &clock);
    let child = desk.register(&sample_patient_form()).await.unwrap();
    let mut adult = sample_patient_form();
    adult.english_surname = "WONG".into();
    adult.english_given_name = "Ka Yan".into();
    adult.chinese_name = "黃嘉欣".into();
    adult.document_number = "K123456(0)".into();
    adult.date_of_birth = "1975-08-15".into();
    let adult = desk.register(&adult).await.unwrap();

    let all = desk.search("").await.unwrap().items;
    assert_eq!(
        all.iter().map(|s| s.id.clone()).collect::<Vec<_>>(),
        [adult.id.clone(), child.id.clone()],
        "most recently registered first"
    );
    assert_eq!(all[1].document, "Y654***(7)");
    assert_eq!(desk.search("Y654***(7)").await.unwrap().items.len(), 1);
    assert_eq!(desk.search("嘉欣").await.unwrap().items[0].id, adult.id);
    assert!(desk.search("nobody").await.unwrap().items.is_empty());

    let opened = desk.open(&child.id).await.unwrap();
    assert_eq!(opened, child);
    let mut changed = sample_patient_form();
    changed.email = "new@example.com".into();
    let updated = desk.update(&child.id, 1, &changed).await.unwrap().record;
    assert_eq!(updated.registered_at, child.registered_at);
    assert_eq!(
        desk.open(&child.id)
            .await
            .unwrap()
            .registration
            .email
            .unwrap()
            .as_str(),
        "new@example.com"
    );
    let actions: Vec<AuditAction> = desk
        .audit_trail(&child.id)
        .await
        .unwrap()
        .iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        [
            AuditAction::Registered,
            AuditAction::Viewed,
            AuditAction::Changed,
            AuditAction::Viewed
        ]
    );
    let unknown = ehr_core::patient::PatientId::generate();
    assert!(matches!(
        desk.open(&unknown).await,
        Err(CoreError::PatientNotFound(_))
    ));
}

/// Search reads the blind index, then opens only the candidates: every way of finding someone still finds
/// them — part of either name in any case and order, one or two Chinese characters, the whole or the
/// masked number — a change of name moves the index with it, and the database refuses a second
/// registration of the same document unless the override is recorded.
async fn the_register_is_searched_through_its_blind_index(store: &SealedStore<'_>) {
    let clock = clock();
    let desk = patients(store, &clock);
    let child = desk.register(&sample_patient_form()).await.unwrap();
    let mut other = sample_patient_form();
    other.english_surname = "WONG".into();
    other.english_given_name = "Ka Yan".into();
    other.chinese_name = "黃嘉欣".into();
    other.document_number = "K123456(0)".into();
    other.date_of_birth = "1975-08-15".into();
    let other = desk.register(&other).await.unwrap();
    let found = async |query: &str| -> Vec<ehr_core::patient::PatientId> {
        desk.search(query)
            .await
            .unwrap()
            .items
            .into_iter()
            .map(|s| s.id)
            .collect()
    };
    for query in [
        "chan",
        "CHAN SIU",
        "siu ming chan",
        "iu Mi",
        "陳",
        "小明",
        "Y654321(7)",
        "y654321 7",
        "Y654***(7)",
    ] {
        assert_eq!(found(query).await, vec![child.id.clone()], "{query:?}");
    }
    assert_eq!(found("嘉欣").await, vec![other.id.clone()]);
    for query in ["chang", "陳大", "Y654321(8)", "ming siu x"] {
        assert!(found(query).await.is_empty(), "{query:?}");
    }
    // Two letters are too few for the index: the whole register is read, and still answers exactly.
    assert_eq!(found("ka").await, vec![other.id.clone()]);

    let mut renamed = sample_patient_form();
    renamed.english_given_name = "Tsz Hin".into();
    desk.update(&child.id, 1, &renamed).await.unwrap();
    assert!(found("siu ming").await.is_empty());
    assert_eq!(found("tsz hin").await, vec![child.id.clone()]);

    // Two desks registering the same document at once: the second write is refused by the database
    // (the use case's check passed for both), unless its override was recorded.
    let mut record = desk.open(&child.id).await.unwrap();
    record.id = ehr_core::patient::PatientId::generate();
    let audit = AuditEntry {
        at: record.registered_at,
        actor: actor(),
        action: AuditAction::Registered,
        subject: record.id.to_string(),
    };
    use ehr_core::ports::{PatientStore, PatientWrite};
    assert_eq!(
        store.insert_patient(&record, false, &audit).await.unwrap(),
        PatientWrite::DuplicateDocument
    );
    assert!(store.find_patient(&record.id).await.unwrap().is_none());
    assert_eq!(
        store.insert_patient(&record, true, &audit).await.unwrap(),
        PatientWrite::Saved
    );
    assert_eq!(found("tsz hin").await.len(), 2);
}

/// Two desks open one registration; the first change wins, the second is refused with who changed it and
/// when, and nothing of the first is overwritten.
async fn a_registration_changed_from_a_stale_version_is_refused(store: &SealedStore<'_>) {
    let clock = clock();
    let desk = patients(store, &clock);
    let registered = desk.register(&sample_patient_form()).await.unwrap();
    let opened = desk.open_stored(&registered.id).await.unwrap();
    assert_eq!(opened.version, 1);

    let other = Principal::for_tests_as("mei.chan", "desk-2", OfficeKind::Clinic, Role::ALL);
    let rules = ConsentRules::embedded().unwrap();
    let theirs = Patients::new(store, &clock, rules, &other);
    let mut their_form = sample_patient_form();
    their_form.email = "theirs@example.com".into();
    let saved = theirs
        .update(&registered.id, opened.version, &their_form)
        .await
        .unwrap();
    assert_eq!(saved.version, 2);

    let mut my_form = sample_patient_form();
    my_form.email = "mine@example.com".into();
    let refused = desk
        .update(&registered.id, opened.version, &my_form)
        .await
        .unwrap_err();
    let issue = &refused.issues().unwrap()[0];
    assert_eq!(issue.code, ErrorCode::ConflictStale);
    assert_eq!(issue.params["user"], "mei.chan");
    assert_eq!(issue.params["version"], "2");
    let stored = desk.open_stored(&registered.id).await.unwrap();
    assert_eq!(stored.version, 2);
    assert_eq!(
        stored.record.registration.email.unwrap().as_str(),
        "theirs@example.com"
    );
    let mine = desk.update(&registered.id, 2, &my_form).await.unwrap();
    assert_eq!(mine.version, 3);
}

async fn duplicate_patients_need_an_explicit_override(store: &SealedStore<'_>) {
    let clock = clock();
    let desk = patients(store, &clock);
    desk.register(&sample_patient_form()).await.unwrap();
    let again = desk.register(&sample_patient_form()).await.unwrap_err();
    let CoreError::Invalid(issues) = again else {
        panic!("expected a duplicate warning, got {again:?}");
    };
    assert_eq!(issues[0].code, ErrorCode::DuplicateDocument);
    let check = desk.check(&sample_patient_form(), None).await.unwrap();
    assert_eq!(check.issues[0].code, ErrorCode::DuplicateDocument);
    assert_eq!(
        desk.search("").await.unwrap().items.len(),
        1,
        "nothing was saved"
    );
    let mut confirmed = sample_patient_form();
    confirmed.duplicate_override = true;
    desk.register(&confirmed).await.unwrap();
    assert_eq!(desk.search("").await.unwrap().items.len(), 2);
}

async fn invalid_patient_forms_are_refused_whole(store: &SealedStore<'_>) {
    let clock = clock();
    let desk = patients(store, &clock);
    let mut form = sample_patient_form();
    form.consent.joining = false;
    let error = desk.register(&form).await.unwrap_err();
    assert_eq!(
        error.issues().unwrap()[0].code,
        ErrorCode::JoiningConsentMissing
    );
    assert!(desk.search("").await.unwrap().items.is_empty());
}

/// A fresh database of the run's throwaway PostgreSQL cluster (started by `cargo xtask test`).
async fn on_postgres() -> SealedStore<'static> {
    let url = support::postgres::fresh_database().await;
    Store::open_postgres(&url, None)
        .await
        .unwrap()
        .sealed(key())
}

/// Every case, once per backend.
macro_rules! conformance {
    ($($case:ident),+ $(,)?) => {
        mod sqlite_file {
            $(
                #[tokio::test]
                async fn $case() {
                    let (_dir, store) = super::on_disk().await;
                    super::$case(&store).await;
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $case() {
                    let store = super::on_postgres().await;
                    super::$case(&store).await;
                    store.close().await;
                }
            )+
        }
    };
}

conformance!(
    invalid_drafts_are_saved_listed_and_reopened,
    saving_updates_in_place_records_what_changed_and_moves_to_the_top,
    a_save_from_a_stale_version_is_refused_naming_who_saved,
    unknown_ids_are_reported,
    delete_removes_only_that_draft,
    documents_are_kept_with_their_digest_and_counted,
    only_a_complete_application_is_submitted_and_then_it_is_read_only,
    reads_of_personal_data_are_audited,
    preferences_round_trip,
    patients_are_registered_found_changed_and_audited,
    duplicate_patients_need_an_explicit_override,
    the_register_is_searched_through_its_blind_index,
    a_registration_changed_from_a_stale_version_is_refused,
    invalid_patient_forms_are_refused_whole,
    the_audit_trail_is_a_hash_chain_that_grows_and_verifies,
    racing_writers_keep_one_chain,
);

#[tokio::test]
async fn sqlite_files_use_wal_and_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ehr.sqlite3");
    let key = Arc::new(Sealer::random());
    let store = Store::open_sqlite(&path).await.unwrap().sealed(&*key);
    assert_eq!(store.journal_mode().await.unwrap().as_deref(), Some("wal"));
    let clock = clock();
    let id = Applications::new(&store, &clock, principal())
        .create(named("Durable"))
        .await
        .unwrap()
        .draft
        .id;
    store.close().await;

    let reopened = Store::open_sqlite(&path).await.unwrap().sealed(&*key);
    let draft = Applications::new(&reopened, &clock, principal())
        .get(&id)
        .await
        .unwrap();
    assert_eq!(draft.form.hcp_information.name_en, "Durable");
    reopened.close().await;

    // Another key (another user's keyring, a backup restored without its key) cannot read it, and says so.
    let other = cipher();
    let stranger = Store::open_sqlite(&path).await.unwrap().sealed(&*other);
    let refused = Applications::new(&stranger, &clock, principal())
        .get(&id)
        .await
        .unwrap_err();
    let CoreError::Storage(failure) = refused else {
        panic!("{refused:?}")
    };
    let chain = format!("{failure} / {:?}", failure);
    assert!(
        chain.contains(&format!("applications row {id} does not open")),
        "{chain}"
    );
}

/// Names, HKID numbers, phones and attached documents are nowhere in the database's files as plaintext.
#[tokio::test]
async fn sqlite_personal_data_is_sealed_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ehr.sqlite3");
    let store = Store::open_sqlite(&path).await.unwrap().sealed(key());
    let clock = clock();
    let apps = Applications::new(&store, &clock, principal());
    let id = apps.create(application_form()).await.unwrap().draft.id;
    patients(&store, &clock)
        .register(&sample_patient_form())
        .await
        .unwrap();
    let certificate = ehr_core::application::sample::one_page_pdf("CERTIFICATE-OF-CHAN-TAI-MAN");
    let certificate = certificate.as_slice();
    apps.attach_document(
        &id,
        DocumentKind::BusinessRegistrationCertificate,
        "br.pdf",
        certificate,
        &ContentInspector,
    )
    .await
    .unwrap();
    assert_eq!(
        apps.document_content(&id, &apps.get(&id).await.unwrap().documents[0].id)
            .await
            .unwrap(),
        certificate
    );
    store.close().await;

    let mut on_disk = Vec::new();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        on_disk.extend(std::fs::read(entry.unwrap().path()).unwrap());
    }
    let contains = |needle: &[u8]| on_disk.windows(needle.len()).any(|w| w == needle);
    for secret in [
        "A123456(3)",
        "CA182361(1)",
        "taiman.chan@harbourfamily",
        "9123 4567",
        "CERTIFICATE-OF-CHAN",
        "Y654321(7)",
        "Siu Ming",
        "2013-05-01",
        "chan.family@example",
    ] {
        assert!(
            !contains(secret.as_bytes()),
            "{secret} is on disk in plaintext"
        );
    }
    for name in ["李𨋢欣", "陳小明"] {
        assert!(
            !contains(name.as_bytes()),
            "a Chinese name is on disk in plaintext"
        );
    }
}

#[tokio::test]
async fn sqlite_history_cannot_be_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ehr.sqlite3");
    let store = Store::open_sqlite(&path).await.unwrap().sealed(key());
    Applications::new(&store, &clock(), principal())
        .create(named("Audited"))
        .await
        .unwrap();
    let raw = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let rewrite = sqlx::query("UPDATE application_history SET user_name = 'someone else'")
        .execute(&raw)
        .await;
    let message = rewrite
        .expect_err("the history accepted a rewrite")
        .to_string();
    assert!(message.contains("append-only"), "{message}");
}

/// A database written by the first release (HCP information only) opens and reads in this one.
#[tokio::test]
async fn sqlite_databases_of_the_first_release_are_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ehr.sqlite3");
    let first_release = dir.path().join("migrations");
    std::fs::create_dir(&first_release).unwrap();
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/migrations/sqlite/0001_applications.sql"
        ),
        first_release.join("0001_applications.sql"),
    )
    .unwrap();
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true);
    let raw = sqlx::SqlitePool::connect_with(options).await.unwrap();
    sqlx::migrate::Migrator::new(first_release.as_path())
        .await
        .unwrap()
        .run(&raw)
        .await
        .unwrap();
    let id = ApplicationId::generate();
    sqlx::query("INSERT INTO applications VALUES (?, 'draft', 'Old Clinic', 7, 1, 2, ?)")
        .bind(id.as_str())
        .bind(r#"{"hcpInformation":{"nameEn":"Old Clinic","brNumber":"12345678"}}"#)
        .execute(&raw)
        .await
        .unwrap();
    raw.close().await;

    let store = Store::open_sqlite(&path).await.unwrap().sealed(key());
    // What the app and the CLI do once a sign-in has brought the office key.
    store.seal_plaintext_rows().await.unwrap();
    let clock = clock();
    let apps = Applications::new(&store, &clock, principal());
    let draft = apps.get(&id).await.unwrap();
    let leftover: String = sqlx::query_scalar("SELECT data FROM applications")
        .fetch_one(
            &sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
                .await
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(
        leftover, "",
        "the plaintext of the first release was erased once sealed"
    );
    assert_eq!(draft.form.hcp_information.br_number, "12345678");
    assert_eq!(
        draft.form.user_information.administrators.len(),
        1,
        "later steps start as a new form's"
    );
    assert_eq!(draft.reference, id.reference());
    assert_eq!(
        apps.list().await.unwrap().items[0].reference,
        id.reference()
    );
}

/// A database of the previous release (migrations 0001 to 0006, its audit entries without hashes): opening
/// it chains them once, oldest first from the genesis value, and new entries chain on from them. An entry
/// slipped in afterwards without its hash is not chained by a later open: the walk names it.
#[tokio::test]
async fn sqlite_audit_entries_of_the_previous_release_are_chained_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ehr.sqlite3");
    let previous_release = dir.path().join("migrations");
    std::fs::create_dir(&previous_release).unwrap();
    for name in [
        "0001_applications.sql",
        "0002_documents_history.sql",
        "0003_sealed_data.sql",
        "0004_audit_log.sql",
        "0005_patients.sql",
        "0006_reference_index.sql",
    ] {
        std::fs::copy(
            format!("{}/migrations/sqlite/{name}", env!("CARGO_MANIFEST_DIR")),
            previous_release.join(name),
        )
        .unwrap();
    }
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true);
    let raw = sqlx::SqlitePool::connect_with(options).await.unwrap();
    sqlx::migrate::Migrator::new(previous_release.as_path())
        .await
        .unwrap()
        .run(&raw)
        .await
        .unwrap();
    for (at, action) in [(1, "viewed"), (2, "printed"), (3, "card_read")] {
        sqlx::query(
            "INSERT INTO audit_log (at, user_name, workstation, action, subject)
             VALUES (?, 'clerk', 'desk-1', ?, 'subject')",
        )
        .bind(at)
        .bind(action)
        .execute(&raw)
        .await
        .unwrap();
    }
    raw.close().await;

    let key = Arc::new(Sealer::random());
    let store = Store::open_sqlite(&path).await.unwrap().sealed(&*key);
    let ChainVerdict::Intact { entries, latest } =
        audit::verify(principal(), &store).await.unwrap()
    else {
        panic!("the old entries were not chained")
    };
    assert_eq!(entries, 3);
    assert_eq!(latest, recomputed_latest(&store).await);
    let listed = audit::list(principal(), &store, None).await.unwrap();
    assert_eq!(
        listed
            .iter()
            .map(|e| e.fields.action.as_str())
            .collect::<Vec<_>>(),
        ["viewed", "printed", "card_read"]
    );
    store
        .record(&AuditEntry {
            at: Timestamp::from_millis(4),
            actor: actor(),
            action: AuditAction::Viewed,
            subject: "subject".into(),
        })
        .await
        .unwrap();
    let ChainVerdict::Intact { entries, .. } = audit::verify(principal(), &store).await.unwrap()
    else {
        panic!("a new entry did not chain on from the old ones")
    };
    assert_eq!(entries, 4);
    store.close().await;

    // Another program appends an entry without its hash: reopening does not chain it.
    let raw = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO audit_log (at, user_name, workstation, action, subject)
         VALUES (5, 'mallory', 'elsewhere', 'viewed', 'subject')",
    )
    .execute(&raw)
    .await
    .unwrap();
    raw.close().await;
    let reopened = Store::open_sqlite(&path).await.unwrap().sealed(&*key);
    assert_eq!(
        audit::verify(principal(), &reopened).await.unwrap(),
        ChainVerdict::Broken(ChainBreak { position: 5, id: 5 })
    );
}

/// A read-only command on a mistyped path: nothing is created, not the file, not its folder.
#[tokio::test]
async fn sqlite_opening_an_existing_database_creates_none() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typo").join("ehr.sqlite3");
    let refused = Store::open_existing_sqlite(&path).await;
    assert!(
        matches!(&refused, Err(ehr_store::StoreError::NoDatabase { path: p }) if *p == path.display().to_string()),
        "{:?}",
        refused.err()
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

    let key = Arc::new(Sealer::random());
    let here = dir.path().join("ehr.sqlite3");
    Store::open_sqlite(&here)
        .await
        .unwrap()
        .sealed(&*key)
        .close()
        .await;
    let existing = Store::open_existing_sqlite(&here).await.unwrap();
    assert_eq!(
        existing.journal_mode().await.unwrap().as_deref(),
        Some("wal")
    );
    existing.close().await;
}
