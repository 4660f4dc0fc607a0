//! A populated office for the backup, copy and crash tests: set up for real (accounts, the office key
//! wrapped for the administrator), then applications with documents and history, patients, and the audit
//! entries all of that leaves.

#![allow(dead_code)] // each test binary uses its own part

use ehr_core::application::sample::{SAMPLE_CERTIFICATE, application_form, submitted_application};
use ehr_core::application::{Actor, Applications, HistoryEntry, HistoryEvent};
use ehr_core::auth::{Accounts, OfficeKind, Password, Role, Session, UserName};
use ehr_core::patient::{ConsentRules, Patients, sample_patient_form};
use ehr_core::ports::{ApplicationStore, SystemClock};
use ehr_core::time::Timestamp;
use ehr_secrets::Vault;
use ehr_store::Store;

pub const ADMIN: &str = "admin";
pub const PASSWORD: &str = "harbour lantern pepper violin";

/// The personal data the samples hold (HKIDs, names, phone numbers): none may be readable on disk.
pub const PERSONAL: &[&str] = &[
    "Y654321",
    "A123456",
    "CA182361",
    "Z437626",
    "Siu Ming",
    "Tai Man",
    "Ka Yan",
    "陳小明",
    "陳大文",
    "9123 4567",
    "6123 4567",
    "91234567",
    "chan.family@example.com.hk",
];

pub fn accounts(store: &Store) -> Accounts<'_> {
    static CLOCK: SystemClock = SystemClock;
    Accounts::new(store, &Vault, &CLOCK, "desk-1".into())
}

fn admin() -> UserName {
    UserName::parse(ADMIN).unwrap()
}

/// Signs the administrator in on `store` (after a restore: with the accounts the backup brought).
pub async fn sign_in(store: &Store) -> Session {
    accounts(store)
        .sign_in(&admin(), &Password::parse(PASSWORD).unwrap(), None)
        .await
        .unwrap()
}

/// First-run setup on an empty `store`, the administrator given every clinic role, signed in.
pub async fn set_up(store: &Store) -> Session {
    let password = Password::parse(PASSWORD).unwrap();
    let (session, _recovery) = accounts(store)
        .set_up(
            OfficeKind::Clinic,
            "Harbour View Clinic",
            admin(),
            "TEST Administrator",
            &password,
            None,
        )
        .await
        .unwrap();
    accounts(store)
        .set_roles(
            session.principal(),
            &admin(),
            &[
                Role::SystemAdmin,
                Role::UserAdmin,
                Role::FrontDesk,
                Role::Auditor,
            ],
        )
        .await
        .unwrap();
    let session = sign_in(store).await;
    store
        .sealed(session.cipher())
        .seal_plaintext_rows()
        .await
        .unwrap();
    session
}

/// Set up, then applications (one with its document, one edited twice), two patients, and their reads.
pub async fn populate(store: &Store) -> Session {
    let session = set_up(store).await;
    let sealed = store.sealed(session.cipher());
    let apps = Applications::new(&sealed, &SystemClock, session.principal());
    let draft = apps.create(application_form()).await.unwrap().draft;
    let mut form = draft.form.clone();
    form.hcp_information.name_en = "Harbour Family Clinic".into();
    let edited = apps
        .save(&draft.id, draft.version, form)
        .await
        .unwrap()
        .draft;
    let mut form = edited.form.clone();
    form.hcp_information.name_en = "Harbour Family Clinic (Jordan)".into();
    apps.save(&edited.id, edited.version, form).await.unwrap();

    let imported = submitted_application();
    let contents = vec![(
        imported.documents[0].id.clone(),
        SAMPLE_CERTIFICATE.to_vec(),
    )];
    let entry = HistoryEntry {
        at: Timestamp::from_millis(1_764_000_000_000),
        actor: Actor {
            user: ADMIN.into(),
            workstation: "desk-1".into(),
        },
        event: HistoryEvent::Imported,
    };
    sealed
        .insert_application(&imported, &contents, &entry)
        .await
        .unwrap();

    let desk = Patients::new(
        &sealed,
        &SystemClock,
        ConsentRules::embedded().unwrap(),
        session.principal(),
    );
    let child = desk.register(&sample_patient_form()).await.unwrap();
    let mut adult = sample_patient_form();
    adult.english_surname = "LEE".into();
    adult.english_given_name = "Ka Yan".into();
    adult.chinese_name = "李嘉欣".into();
    adult.document_number = "K123456(0)".into();
    adult.date_of_birth = "1975-08-15".into();
    desk.register(&adult).await.unwrap();
    desk.open(&child.id).await.unwrap();
    session
}

/// Everything a user can read, as text: applications (forms, documents, history) and patients.
pub async fn everything(store: &Store, session: &Session) -> Vec<String> {
    let sealed = store.sealed(session.cipher());
    let apps = Applications::new(&sealed, &SystemClock, session.principal());
    let mut seen = Vec::new();
    for summary in apps.list().await.unwrap().items {
        let draft = apps.get(&summary.id).await.unwrap();
        seen.push(format!("{draft:?}"));
        seen.push(format!("{:?}", apps.history(&summary.id).await.unwrap()));
        for document in &draft.documents {
            let content = sealed
                .document_content(&summary.id, &document.id)
                .await
                .unwrap();
            seen.push(format!("{} {:?}", document.id, content));
        }
    }
    let desk = Patients::new(
        &sealed,
        &SystemClock,
        ConsentRules::embedded().unwrap(),
        session.principal(),
    );
    for summary in desk.search("").await.unwrap().items {
        seen.push(format!("{:?}", desk.open(&summary.id).await.unwrap()));
    }
    assert!(seen.len() >= 7, "the office is populated: {}", seen.len());
    seen
}

/// `ehr db check` and `ehr audit verify`, as the commands run them: no unreadable row, an intact chain.
pub async fn check_and_verify(store: &Store, session: &Session) -> u64 {
    let unreadable = store.sealed(session.cipher()).check_rows().await.unwrap();
    assert!(unreadable.is_empty(), "{unreadable:?}");
    match ehr_core::audit::verify(session.principal(), store)
        .await
        .unwrap()
    {
        ehr_core::audit::ChainVerdict::Intact { entries, .. } => entries,
        broken => panic!("the audit chain does not verify: {broken:?}"),
    }
}
