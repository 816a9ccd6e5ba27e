//! PDFs: taking the text of a 15-page paper (made with the text of a
//! typical arXiv paper's length; a real one is timed through the child
//! process in docs/performance.md), indexing the text of 1,000 PDFs (what
//! the reader does beside the keyboard at start), and searches that read
//! them among 100,000 papers. Targets: extraction well under 1 s; a body
//! search over 1,000 PDFs within the keystroke budget.

#[path = "../examples/synthetic/generator.rs"]
mod generator;

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use paperboat::catalog::Catalog;
use paperboat::fulltext::Bodies;
use paperboat::pdftext::{extract, sample_pdf};
use paperboat::query::parse;

const WORDS: &[&str] = &[
    "the",
    "model",
    "retinal",
    "segmentation",
    "we",
    "propose",
    "a",
    "network",
    "with",
    "attention",
    "layers",
    "results",
    "on",
    "dataset",
    "baseline",
    "accuracy",
    "images",
    "training",
    "loss",
    "features",
    "encoder",
    "decoder",
    "clinical",
    "patients",
    "table",
];

/// About 2,700 characters of prose, different for each `seed`; every
/// tenth page names the rare term.
fn page(seed: usize) -> String {
    let mut state = seed as u64 * 0x9E37_79B9_7F4A_7C15 + 1;
    let mut out = String::new();
    while out.len() < 2700 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.push_str(WORDS[(state % WORDS.len() as u64) as usize]);
        out.push(if state.is_multiple_of(13) { '\n' } else { ' ' });
    }
    if seed.is_multiple_of(10) {
        out.push_str(" choroidal neovascularization");
    }
    out
}

fn pdfs(c: &mut Criterion) {
    let mut group = c.benchmark_group("pdf");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_millis(500));

    let pages: Vec<String> = (0..15).map(page).collect();
    let pdf = sample_pdf(&pages.iter().map(String::as_str).collect::<Vec<_>>());
    group.bench_function("extract/15-pages", |b| {
        b.iter(|| black_box(extract(&pdf).unwrap()))
    });

    let size = 100_000;
    let papers = generator::papers(size, 42);
    let mut catalog = Catalog::loaded("bench".into(), papers);
    let texts: Vec<(usize, Vec<String>)> = (0..1000)
        .map(|k| (k * 97, (0..15).map(|p| page(k * 15 + p)).collect()))
        .collect();
    group.bench_function("index-bodies/1000", |b| {
        b.iter(|| black_box(Bodies::build(texts.clone(), size).unwrap()))
    });
    catalog.set_bodies(Some(Arc::new(Bodies::build(texts, size).unwrap())));
    for query in [
        "neovascularization",
        "body:neovasc",
        "body:\"choroidal neovasc\"",
    ] {
        let parsed = parse(query).unwrap();
        group.bench_function(format!("search-100k/{query}"), |b| {
            b.iter(|| black_box(catalog.index.search(&catalog, &parsed)))
        });
    }
    group.finish();
}

criterion_group!(benches, pdfs);
criterion_main!(benches);
