//! `ehr forms ...`.

use std::path::Path;
use std::process::ExitCode;

use ehr_core::application::{
    ApplicationDraft, ApplicationForm, ApplicationId, ApplicationStatus, sample,
};
use ehr_core::ports::{ApplicationRenderer, Clock, SystemClock};

use crate::args::{FormKind, FormsCommand};
use crate::error::CliError;
use crate::output;

pub fn run(command: &FormsCommand, _json: bool) -> Result<ExitCode, CliError> {
    match command {
        FormsCommand::Sample {
            form: FormKind::Application,
        } => output::json(&sample::application_form())?,
        FormsCommand::Render {
            form: FormKind::Application,
            input,
            out,
        } => {
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
            };
            let pdf = renderer()?
                .render_application(&draft)
                .map_err(ehr_core::CoreError::from)?;
            write(out, &pdf)?;
            eprintln!("Wrote {} ({} KB)", out.display(), pdf.len().div_ceil(1024));
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn renderer() -> Result<ehr_forms::PdfRenderer, CliError> {
    ehr_forms::PdfRenderer::new().map_err(|e| CliError::Forms(e.to_string()))
}

pub fn read_form(path: &Path) -> Result<ApplicationForm, CliError> {
    let text = std::fs::read_to_string(path).map_err(|source| CliError::Read {
        path: path.to_owned(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|source| CliError::InputJson {
        path: path.to_owned(),
        source,
    })
}

pub fn write(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    std::fs::write(path, bytes).map_err(|source| CliError::Write {
        path: path.to_owned(),
        source,
    })
}
