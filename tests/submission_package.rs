//! A story across crates: a clinic prepares and submits an application (SQLite store), exports it with its
//! PDF (printpdf) as a package (zip), and the Registration Office imports it into its own database. A package
//! changed on the way is refused and leaves the office's database as it was.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

use ehr_core::CoreError;
use ehr_core::application::sample::application_form;
use ehr_core::application::{Actor, Applications, DocumentKind, HistoryEvent, SubmissionChannel};
use ehr_core::ports::{ApplicationRenderer, SystemClock};
use ehr_forms::PdfRenderer;
use ehr_package::{ContentInspector, ZipPackageFormat};
use ehr_store::Store;

/// A clinic's and the office's databases. Two installations, two keys: a package carries data, never a key.
async fn two_installations() -> (tempfile::TempDir, Store, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut stores = Vec::new();
    for name in ["clinic.sqlite3", "office.sqlite3"] {
        let cipher =
            std::sync::Arc::new(ehr_secrets::Sealer::new(&ehr_secrets::DataKey::generate()));
        stores.push(
            Store::open_sqlite(&dir.path().join(name), cipher)
                .await
                .unwrap(),
        );
    }
    let office = stores.pop().unwrap();
    let clinic = stores.pop().unwrap();
    (dir, clinic, office)
}

fn actor(user: &str) -> Actor {
    Actor {
        user: user.into(),
        workstation: "test".into(),
    }
}

#[tokio::test]
async fn a_submitted_application_travels_to_the_registration_office() {
    let (_dir, clinic, office) = two_installations().await;
    let renderer = PdfRenderer::new().unwrap();
    let clock = SystemClock;

    let at_clinic = Applications::new(&clinic, &clock, actor("clinic-admin"));
    let id = at_clinic.create(application_form()).await.unwrap().draft.id;
    let certificate = renderer
        .render_application(&at_clinic.get(&id).await.unwrap())
        .unwrap();
    at_clinic
        .attach_document(
            &id,
            DocumentKind::BusinessRegistrationCertificate,
            "br.pdf",
            &certificate,
            &ContentInspector,
        )
        .await
        .unwrap();
    at_clinic
        .submit(&id, SubmissionChannel::Mail, "2026-11-25")
        .await
        .unwrap();
    let package = at_clinic
        .export_package(&id, &renderer, &ZipPackageFormat)
        .await
        .unwrap();
    let sent = at_clinic.get(&id).await.unwrap();

    let at_office = Applications::new(&office, &clock, actor("ro-officer"));
    let imported = at_office
        .import_package(&package, &ZipPackageFormat, &ContentInspector)
        .await
        .unwrap()
        .draft;
    assert_eq!(
        (imported.id.clone(), imported.reference.clone()),
        (sent.id.clone(), sent.reference.clone())
    );
    assert_eq!(imported.form, sent.form);
    assert_eq!(imported.submission, sent.submission);
    assert_eq!(
        at_office
            .document_content(&id, &imported.documents[0].id)
            .await
            .unwrap(),
        certificate
    );
    let history = at_office.history(&id).await.unwrap();
    assert_eq!(
        history.iter().map(|h| &h.event).collect::<Vec<_>>(),
        [&HistoryEvent::Imported]
    );
    assert_eq!(history[0].actor.user, "ro-officer");

    // The same package twice is one application, not two.
    let again = at_office
        .import_package(&package, &ZipPackageFormat, &ContentInspector)
        .await;
    assert!(matches!(
        again,
        Err(CoreError::ApplicationAlreadyImported(_))
    ));
}

#[tokio::test]
async fn a_package_changed_on_the_way_is_refused_and_nothing_is_stored() {
    let (_dir, clinic, office) = two_installations().await;
    let renderer = PdfRenderer::new().unwrap();
    let clock = SystemClock;
    let at_clinic = Applications::new(&clinic, &clock, actor("clinic-admin"));
    let id = at_clinic.create(application_form()).await.unwrap().draft.id;
    at_clinic
        .attach_document(
            &id,
            DocumentKind::BusinessRegistrationCertificate,
            "br.pdf",
            ehr_core::application::sample::SAMPLE_CERTIFICATE,
            &ContentInspector,
        )
        .await
        .unwrap();
    let mut package = at_clinic
        .export_package(&id, &renderer, &ZipPackageFormat)
        .await
        .unwrap();
    let middle = package.len() / 2;
    package[middle] ^= 0x20;

    let at_office = Applications::new(&office, &clock, actor("ro-officer"));
    let refused = at_office
        .import_package(&package, &ZipPackageFormat, &ContentInspector)
        .await
        .unwrap_err();
    let issues = refused.issues().expect("a refusal the officer can read");
    assert!(
        issues.iter().any(|i| matches!(
            i.code,
            ehr_core::ErrorCode::PackageTampered | ehr_core::ErrorCode::PackageCorrupt
        )),
        "{issues:?}"
    );
    assert!(at_office.list().await.unwrap().items.is_empty());
}
