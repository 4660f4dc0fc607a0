//! A story across crates: a clinic prepares and submits an application (SQLite store), exports it with its
//! PDF (printpdf) as a package (zip), and the Registration Office imports it into its own database. A package
//! changed on the way is refused and leaves the office's database as it was.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

use ehr_core::CoreError;
use ehr_core::application::sample::application_form;
use ehr_core::application::{
    ApplicationId, Applications, DocumentKind, HistoryEvent, SubmissionChannel,
};
use ehr_core::auth::{OfficeKind, Principal, Role};
use ehr_core::ports::{
    ApplicationRenderer, ApplicationStore, Destination, FileFailure, SystemClock,
};
use ehr_files::FileDestination;
use ehr_forms::PdfRenderer;
use ehr_package::{ContentInspector, ZipPackageFormat};
use ehr_secrets::Sealer;
use ehr_store::{SealedStore, Store};
use std::sync::LazyLock;

/// Each installation's own office key: a package carries data, never a key.
fn clinic_key() -> &'static Sealer {
    static KEY: LazyLock<Sealer> = LazyLock::new(Sealer::random);
    &KEY
}

fn office_key() -> &'static Sealer {
    static KEY: LazyLock<Sealer> = LazyLock::new(Sealer::random);
    &KEY
}

/// A clinic's and the office's databases, each sealed with its own key.
async fn two_installations() -> (
    tempfile::TempDir,
    SealedStore<'static>,
    SealedStore<'static>,
) {
    let dir = tempfile::tempdir().unwrap();
    let clinic = Store::open_sqlite(&dir.path().join("clinic.sqlite3"))
        .await
        .unwrap()
        .sealed(clinic_key());
    let office = Store::open_sqlite(&dir.path().join("office.sqlite3"))
        .await
        .unwrap()
        .sealed(office_key());
    (dir, clinic, office)
}

/// The clinic's user administrator and the office's officer, with only their own roles: the flow needs
/// nothing more.
fn user_admin() -> &'static Principal {
    static WHO: LazyLock<Principal> =
        LazyLock::new(|| Principal::for_tests(OfficeKind::Clinic, &[Role::UserAdmin]));
    &WHO
}

fn auditor() -> &'static Principal {
    static WHO: LazyLock<Principal> =
        LazyLock::new(|| Principal::for_tests(OfficeKind::Clinic, &[Role::Auditor]));
    &WHO
}

fn ro_officer() -> &'static Principal {
    static WHO: LazyLock<Principal> =
        LazyLock::new(|| Principal::for_tests(OfficeKind::RegistrationOffice, &[Role::RoOfficer]));
    &WHO
}

/// Exports `id` as a file in `dir`, as the app and the CLI do, and reads it back.
async fn export(
    apps: &Applications<'_>,
    id: &ApplicationId,
    renderer: &PdfRenderer,
    dir: &tempfile::TempDir,
) -> Vec<u8> {
    let path = dir.path().join(format!("{id}.ehrpkg"));
    let size = apps
        .export_package(
            id,
            renderer,
            &ZipPackageFormat,
            &FileDestination::new(&path),
        )
        .await
        .unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(bytes.len(), size);
    bytes
}

#[tokio::test]
async fn a_submitted_application_travels_to_the_registration_office() {
    let (dir, clinic, office) = two_installations().await;
    let renderer = PdfRenderer::new().unwrap();
    let clock = SystemClock;

    let at_clinic = Applications::new(&clinic, &clock, user_admin());
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
    let package = export(&at_clinic, &id, &renderer, &dir).await;
    let sent = at_clinic.get(&id).await.unwrap();

    let at_office = Applications::new(&office, &clock, ro_officer());
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
    assert_eq!(history[0].actor.user, "ro_officer");

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
    let (dir, clinic, office) = two_installations().await;
    let renderer = PdfRenderer::new().unwrap();
    let clock = SystemClock;
    let at_clinic = Applications::new(&clinic, &clock, user_admin());
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
    let mut package = export(&at_clinic, &id, &renderer, &dir).await;
    let middle = package.len() / 2;
    package[middle] ^= 0x20;

    let at_office = Applications::new(&office, &clock, ro_officer());
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

/// What an export records is what happened: nothing when the file could not be written, and nothing — the
/// file withdrawn — when the record itself could not be stored after the file was.
#[tokio::test(flavor = "multi_thread")]
async fn an_export_is_recorded_only_once_its_file_is_whole() {
    let (dir, clinic, _office) = two_installations().await;
    let renderer = PdfRenderer::new().unwrap();
    let clock = SystemClock;
    let apps = Applications::new(&clinic, &clock, user_admin());
    // Who read what is the auditor's to see, not the user administrator's.
    let audit = Applications::new(&clinic, &clock, auditor());
    let id = apps.create(application_form()).await.unwrap().draft.id;
    // A document, read into the package only for an export that happens.
    let certificate = renderer
        .render_application(&apps.get(&id).await.unwrap())
        .unwrap();
    apps.attach_document(
        &id,
        DocumentKind::BusinessRegistrationCertificate,
        "br.pdf",
        &certificate,
        &ContentInspector,
    )
    .await
    .unwrap();
    let before = (
        apps.history(&id).await.unwrap(),
        audit.audit_trail(&id).await.unwrap(),
    );

    let missing = dir.path().join("no-such-folder").join("out.ehrpkg");
    let refused = apps
        .export_package(
            &id,
            &renderer,
            &ZipPackageFormat,
            &FileDestination::new(&missing),
        )
        .await
        .unwrap_err();
    let issues = refused.issues().unwrap();
    assert_eq!(issues[0].code, ehr_core::ErrorCode::FileFolderMissing);
    assert_eq!(issues[0].params["path"], missing.display().to_string());
    assert!(!dir.path().join("no-such-folder").exists());
    let printed = dir.path().join("no-such-folder").join("out.pdf");
    let refused = apps
        .render(&id, &renderer, &FileDestination::new(&printed))
        .await
        .unwrap_err();
    assert_eq!(
        refused.issues().unwrap()[0].code,
        ehr_core::ErrorCode::FileFolderMissing
    );
    let after = (
        apps.history(&id).await.unwrap(),
        audit.audit_trail(&id).await.unwrap(),
    );
    assert_eq!(
        after, before,
        "neither the export nor the print is recorded"
    );

    // The record cannot be stored once the file is written (here the draft is deleted meanwhile).
    let out = dir.path().join("out.ehrpkg");
    let deleting = DeletesTheDraftAfterWriting {
        file: FileDestination::new(&out),
        store: &clinic,
        id: &id,
    };
    let failed = apps
        .export_package(&id, &renderer, &ZipPackageFormat, &deleting)
        .await
        .unwrap_err();
    assert!(
        matches!(failed, CoreError::ApplicationNotFound(_)),
        "{failed:?}"
    );
    assert!(
        !out.exists(),
        "an export that is not recorded is not left behind"
    );
}

struct DeletesTheDraftAfterWriting<'a> {
    file: FileDestination,
    store: &'a SealedStore<'a>,
    id: &'a ApplicationId,
}

impl Destination for DeletesTheDraftAfterWriting<'_> {
    fn write_whole(&self, bytes: &[u8]) -> Result<(), FileFailure> {
        self.file.write_whole(bytes)?;
        let deleted = tokio::task::block_in_place(|| {
            tokio::runtime::Handle::current().block_on(self.store.delete_application(self.id))
        });
        assert!(deleted.unwrap());
        Ok(())
    }

    fn withdraw(&self) -> Result<(), FileFailure> {
        self.file.withdraw()
    }
}
