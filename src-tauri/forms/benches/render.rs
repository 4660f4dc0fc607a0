//! How long rendering the sample application takes, and how big its PDF is. Prints, asserts nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ehr_core::application::ApplicationDraft;
use ehr_forms::PdfRenderer;

fn sample_draft() -> ApplicationDraft {
    ehr_core::application::sample::submitted_application()
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
