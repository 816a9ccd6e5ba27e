//! `similar:ID` as the reader and `search` run it: on synthetic corpora of
//! 100k and 1M papers opened from a warm cache (index mapped, titles and
//! abstracts indexed by word, records read from the file). Target: at most
//! 50 ms at a million papers. The answer for a paper is kept until another
//! is asked: `scores` works it out afresh each time, and `search` asks for
//! the paper and its neighbour in turn, as a user moving through the list.

#[path = "../examples/synthetic/generator.rs"]
mod generator;
#[path = "common/warm.rs"]
mod warm;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use paperboat::query::similar::{SimilarTo, similar_afresh};
use paperboat::query::{Papers, parse};

fn similar_papers(c: &mut Criterion) {
    for size in [100_000, 1_000_000] {
        let warm = warm::warm_catalog(generator::papers(size, 42));
        let catalog = &warm.catalog;
        let mut group = c.benchmark_group(format!("similar/{}k", size / 1000));
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(5))
            .warm_up_time(Duration::from_millis(500));
        // Papers from the start, the middle and the end of the corpus.
        for at in [7, size / 2, size - 3] {
            let id = catalog.id(at).to_string();
            let to = SimilarTo::Paper(id.clone());
            group.bench_function(format!("scores/{at}"), |b| {
                b.iter(|| black_box(similar_afresh(&catalog.index, catalog, &to)))
            });
            let query = parse(&format!("similar:{id}")).unwrap();
            // Searches for this paper and its neighbour in turn: the
            // answer kept is never the one asked for.
            let other = parse(&format!("similar:{}", catalog.id(at ^ 1))).unwrap();
            let mut turn = false;
            group.bench_function(format!("search/{at}"), |b| {
                b.iter(|| {
                    turn = !turn;
                    let asked = if turn { &query } else { &other };
                    black_box(catalog.index.search(catalog, asked))
                })
            });
        }
        group.finish();
        assert!(catalog.count() == size);
    }
}

/// The allocator the binary uses, so the figures are the product's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

criterion_group!(benches, similar_papers);
criterion_main!(benches);
