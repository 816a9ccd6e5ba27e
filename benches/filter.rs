//! Filtering as the reader does it: a query typed one key at a time, each
//! keystroke refining the previous results, on synthetic corpora.

#[path = "../examples/synthetic/generator.rs"]
mod generator;

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use paperboat::query::facets::{self, Counts};
use paperboat::query::{Hit, Index, parse};

/// What a user types, one key at a time.
const TYPED: &str = "mamba seg";

fn typing(c: &mut Criterion) {
    for size in [10_000, 100_000] {
        let papers = generator::papers(size, 42);
        let index = Index::new(&papers);
        let mut group = c.benchmark_group(format!("keystroke/{}k", size / 1000));
        group
            .sample_size(20)
            .measurement_time(Duration::from_secs(2))
            .warm_up_time(Duration::from_millis(500));
        let mut previous: Vec<Hit> = index.search(&papers, &parse("").unwrap());
        let mut previous_query = parse("").unwrap();
        for end in 1..=TYPED.len() {
            let text = &TYPED[..end];
            let query = parse(text).unwrap();
            let narrows = query.narrows(&previous_query);
            group.bench_with_input(
                BenchmarkId::from_parameter(text.replace(' ', "_")),
                &query,
                |b, q| {
                    b.iter(|| {
                        if narrows {
                            index.refine(&papers, q, &previous)
                        } else {
                            index.search(&papers, q)
                        }
                    })
                },
            );
            previous = if narrows {
                index.refine(&papers, &query, &previous)
            } else {
                index.search(&papers, &query)
            };
            previous_query = query;
        }
        // Backspace widens the query: a full search over the corpus.
        let wider = parse(&TYPED[..TYPED.len() - 1]).unwrap();
        group.bench_function("backspace", |b| b.iter(|| index.search(&papers, &wider)));
        group.finish();
    }
}

/// Facet counts after a keystroke: over every paper (the worst case) and
/// over a typical query's results, plus building the panel's entries.
fn facet_counts(c: &mut Criterion) {
    let papers = generator::papers(100_000, 42);
    let index = Index::new(&papers);
    let mut group = c.benchmark_group("facets/100k");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(500));
    for text in ["", "mamba"] {
        let hits = index.search(&papers, &parse(text).unwrap());
        let name = if text.is_empty() { "all" } else { text };
        group.bench_function(format!("count/{name}"), |b| {
            b.iter(|| Counts::over(&index, &hits))
        });
        let counts = Counts::over(&index, &hits);
        group.bench_function(format!("entries/{name}"), |b| {
            b.iter(|| facets::entries(&index, &counts))
        });
    }
    group.finish();
}

criterion_group!(benches, typing, facet_counts);
criterion_main!(benches);
