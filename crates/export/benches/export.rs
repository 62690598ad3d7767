//! How long exporting a 500-question agreement takes (issue 7 asks for a PDF in under 1 s):
//! the PDF, and Markdown, HTML, the app's preview of the PDF (its pages as data, plus the
//! rendering that gives the file's size) and reading a PDF back (`verify_export`, which
//! renders it again) for reference.
//!
//! The agreement is the seminar fixture's items repeated to 500 questions with numbered ids
//! (`tests/fixture/mod.rs`), signed by both partners; nothing is random, so runs are
//! comparable. Run with `cargo bench -p accord-export --bench export`; figures go in
//! `BENCHMARKS.md`.

use std::hint::black_box;

use accord_export::{html, markdown, pdf, preview, verify_export, ExportFormat};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[path = "../tests/fixture/mod.rs"]
mod fixture;

fn bench_export(c: &mut Criterion) {
    let agreement = fixture::signed(fixture::large(500));
    let pdf_bytes = pdf(&agreement).expect("renders");
    let mut group = c.benchmark_group("export_500");
    group.throughput(Throughput::Elements(500));
    group.bench_function("pdf", |b| b.iter(|| pdf(black_box(&agreement))));
    group.bench_function("html", |b| b.iter(|| html(black_box(&agreement))));
    group.bench_function("markdown", |b| b.iter(|| markdown(black_box(&agreement))));
    // What the app sends for its preview: the PDF's pages as data, and the file's size.
    group.bench_function("preview_pdf", |b| {
        b.iter(|| preview(black_box(&agreement), ExportFormat::Pdf))
    });
    group.bench_function("verify_pdf", |b| {
        b.iter(|| verify_export(black_box(&pdf_bytes)))
    });
    group.finish();
}

criterion_group!(benches, bench_export);
criterion_main!(benches);
