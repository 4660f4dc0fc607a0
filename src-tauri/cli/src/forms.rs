//! `ehr forms ...`.

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

use ehr_core::CoreError;
use ehr_core::application::Actor;
use ehr_core::application::{
    ApplicationDraft, ApplicationForm, ApplicationId, ApplicationStatus, sample,
};
use ehr_core::patient::{ConsentRules, PatientForm, PatientId, PatientRecord};
use ehr_core::ports::{
    AccountRequestRenderer, AmendmentRenderer, ApplicationRenderer, Clock, Destination,
    PatientFormRenderer, PrintedBy, SystemClock,
};
use ehr_files::FileDestination;

use crate::args::{FormKind, FormsCommand};
use crate::error::CliError;
use crate::output;

pub fn run(command: &FormsCommand, _json: bool) -> Result<ExitCode, CliError> {
    match command {
        FormsCommand::Sample {
            form: FormKind::Application,
        } => output::json(&sample::application_form())?,
        FormsCommand::Sample {
            form: FormKind::PatientRegistration,
        } => output::json(&ehr_core::patient::sample_patient_form())?,
        FormsCommand::Sample {
            form: FormKind::AccountRequest,
        } => output::json(&ehr_core::staff::sample::sample_request_document(
            SystemClock.now().hong_kong_date(),
        ))?,
        FormsCommand::Sample {
            form: kind @ (FormKind::Amendment | FormKind::AdditionalHsl | FormKind::Withdrawal),
        } => output::json(&ehr_core::amendment::sample::sample_amendment_document(
            amendment_kind(*kind),
            SystemClock.now().hong_kong_date(),
        ))?,
        FormsCommand::Render {
            form: kind @ (FormKind::Amendment | FormKind::AdditionalHsl | FormKind::Withdrawal),
            input,
            out,
        } => {
            let to = destination(out, input)?;
            let document: ehr_core::amendment::AmendmentDocument = read_json(input)?;
            if document.amendment.kind != amendment_kind(*kind) {
                return Err(CliError::Core(CoreError::invalid(
                    ehr_core::Issue::new(ehr_core::ErrorCode::AmendmentKindMismatch)
                        .at("amendment.kind"),
                )));
            }
            let pdf = renderer()?
                .render_amendment(&document, &not_signed_in())
                .map_err(CoreError::from)?;
            write(&to, &pdf)?;
            eprintln!("Wrote {} ({} KB)", out.display(), pdf.len().div_ceil(1024));
        }
        FormsCommand::Render {
            form: FormKind::AccountRequest,
            input,
            out,
        } => {
            let to = destination(out, input)?;
            let document: ehr_core::staff::AccountRequestDocument = read_json(input)?;
            let pdf = renderer()?
                .render_account_request(&document, &not_signed_in())
                .map_err(CoreError::from)?;
            write(&to, &pdf)?;
            eprintln!("Wrote {} ({} KB)", out.display(), pdf.len().div_ceil(1024));
        }
        FormsCommand::Render {
            form: FormKind::PatientRegistration,
            input,
            out,
        } => {
            let to = destination(out, input)?;
            let pdf = render_patient(&read_json(input)?)?;
            write(&to, &pdf)?;
            eprintln!("Wrote {} ({} KB)", out.display(), pdf.len().div_ceil(1024));
        }
        FormsCommand::Render {
            form: FormKind::Application,
            input,
            out,
        } => {
            let to = destination(out, input)?;
            let form = read_form(input)?;
            // A form rendered from a file has no stored application: it prints as a fresh draft.
            let now = SystemClock.now();
            let id = ApplicationId::generate();
            let draft = ApplicationDraft {
                reference: id.reference(),
                id,
                status: ApplicationStatus::Draft,
                created_at: now,
                updated_at: now,
                form,
                documents: Vec::new(),
                submission: None,
                version: ehr_core::application::FIRST_VERSION,
            };
            let pdf = renderer()?
                .render_application(&draft)
                .map_err(ehr_core::CoreError::from)?;
            write(&to, &pdf)?;
            eprintln!("Wrote {} ({} KB)", out.display(), pdf.len().div_ceil(1024));
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn renderer() -> Result<ehr_forms::PdfRenderer, CliError> {
    ehr_forms::PdfRenderer::new().map_err(|e| CliError::Forms(e.to_string()))
}

/// A registration form from a file, checked under the rules in force today, printed as a registration made
/// now by this user (it is not stored: `render` only prints).
fn render_patient(form: &PatientForm) -> Result<Vec<u8>, CliError> {
    let now = SystemClock.now();
    let rules = ConsentRules::embedded()
        .and_then(|rules| rules.in_force_on(now.hong_kong_date()))
        .map_err(CoreError::from)?;
    let registration = form
        .validate(rules, now.hong_kong_date())
        .map_err(CoreError::Invalid)?;
    let printed = not_signed_in();
    let actor = printed.actor.clone();
    let record = PatientRecord {
        id: PatientId::generate(),
        registration,
        registered_at: now,
        registered_by: actor.clone(),
        updated_at: now,
    };
    Ok(renderer()?
        .render_patient_registration(&record, rules, &printed)
        .map_err(CoreError::from)?)
}

fn amendment_kind(kind: FormKind) -> ehr_core::amendment::AmendmentKind {
    use ehr_core::amendment::AmendmentKind;
    match kind {
        FormKind::AdditionalHsl => AmendmentKind::AdditionalHsl,
        FormKind::Withdrawal => AmendmentKind::Withdrawal,
        _ => AmendmentKind::HcpHsl,
    }
}

/// Printed from a file, not stored, and by nobody signed in: the form says where and when.
fn not_signed_in() -> PrintedBy {
    PrintedBy {
        actor: Actor {
            user: "(not signed in)".to_owned(),
            workstation: ehr_core::auth::workstation_name(),
        },
        at: SystemClock.now(),
    }
}

pub fn read_form(path: &Path) -> Result<ApplicationForm, CliError> {
    read_json(path)
}

/// A form from a JSON file, through the core's strict decoder: no more than the bound is read, and what is
/// wrong is reported as issues with their JSON paths (exit 1), never with the values.
pub(crate) fn read_json<T>(path: &Path) -> Result<T, CliError>
where
    T: serde::de::DeserializeOwned + serde::Serialize + ehr_core::input::Bounded,
{
    let read_error = |source| CliError::Read {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_error)?;
    // One byte over the bound is enough for the decoder to refuse it; a huge file is not read whole.
    let limit = u64::try_from(ehr_core::limits::JSON_MAX_BYTES).unwrap_or(u64::MAX);
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    ehr_core::input::decode(&bytes).map_err(|error| CliError::Input {
        path: path.to_owned(),
        error,
    })
}

/// Where `--out` writes, refused when it is the `--input` file under any spelling (before anything is read).
fn destination(out: &Path, input: &Path) -> Result<FileDestination, CliError> {
    Ok(FileDestination::distinct_from(out, &[input]).map_err(CoreError::from)?)
}

/// Writes the PDF whole: a temporary file beside `--out`, synced and renamed, so a failure leaves no part.
fn write(to: &FileDestination, bytes: &[u8]) -> Result<(), CliError> {
    Ok(to.write_whole(bytes).map_err(CoreError::from)?)
}
