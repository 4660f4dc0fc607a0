//! How long rendering the sample application takes, and how big its PDF is. Prints, asserts nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ehr_core::application::sample::application_form;
use ehr_core::application::{
    ApplicationDraft, ApplicationId, ApplicationStatus, DocumentKind, Submission,
    SubmissionChannel, describe_attachment,
};
use ehr_core::time::Timestamp;
use ehr_core::validation::CalendarDate;
use ehr_forms::PdfRenderer;

fn sample_draft() -> ApplicationDraft {
    let id = ApplicationId::parse("019ab3f2-c7b1-7d2e-9a44-0123456789ab").unwrap();
    let certificate = describe_attachment(
        DocumentKind::BusinessRegistrationCertificate,
        "br-certificate-2025.pdf",
        b"%PDF-1.4 Business Registration Certificate 12345678-000-01-24-3",
        Timestamp::from_millis(1_763_960_000_000),
    )
    .unwrap();
    ApplicationDraft {
        reference: id.reference(),
        id,
        status: ApplicationStatus::Submitted,
        created_at: Timestamp::from_millis(1_763_700_000_000),
        updated_at: Timestamp::from_millis(1_764_083_432_000),
        form: application_form(),
        documents: vec![certificate],
        submission: Some(Submission {
            channel: SubmissionChannel::Fax,
            date: CalendarDate::parse("2025-11-25").unwrap(),
        }),
    }
}

fn render(c: &mut Criterion) {
    let started = std::time::Instant::now();
    let renderer = PdfRenderer::new().unwrap();
    eprintln!("font parsed once in {:?}", started.elapsed());
    let draft = sample_draft();
    let pdf = renderer.render(&draft).unwrap();
    eprintln!(
        "sample application PDF: {} bytes ({:.1} KB)",
        pdf.len(),
        pdf.len() as f64 / 1024.0
    );
    c.bench_function("render sample application", |b| {
        b.iter(|| renderer.render(black_box(&draft)).unwrap())
    });
}

criterion_group! {
    name = benches;
    // Few samples: the machine is shared and each render takes milliseconds.
    config = Criterion::default().sample_size(20);
    targets = render
}
criterion_main!(benches);
