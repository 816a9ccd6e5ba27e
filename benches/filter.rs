//! Filtering as the reader does it: queries typed one key at a time, each
//! keystroke refining the previous results (a backspace searching afresh),
//! on synthetic corpora of 100k and 1M papers. Besides criterion's
//! figures for single keystrokes (searching every time), prints the median
//! and 99th percentile over every keystroke of several typed queries, with
//! the reader's memory of recent results (so a backspace is a lookup).
//! The percentiles are also taken on the same papers opened from a warm
//! cache (index mapped, abstracts indexed, records read from the file), as
//! the reader searches them after the first open.

#[path = "../examples/synthetic/generator.rs"]
mod generator;
#[path = "common/warm.rs"]
mod warm;

use warm::warm_catalog;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use paperboat::corpus::Paper;
use paperboat::query::facets::{self, Counts};
use paperboat::query::recent::Recent;
use paperboat::query::{Hit, Index, Papers, Query, Vocabulary, parse};

/// What users type, one key at a time.
const TYPED: [&str; 4] = [
    "mamba seg",
    "retina transformer",
    "llm report",
    "federated mri year:2024",
];
/// How many times each keystroke is timed for the percentiles.
const ROUNDS: usize = 5;

/// The results a keystroke leads to, as the reader computes them.
fn keystroke<P: Papers + ?Sized>(
    index: &Index,
    papers: &P,
    query: &Query,
    previous: &(Query, Vec<Hit>),
) -> Vec<Hit> {
    if query.narrows(&previous.0) {
        index.refine(papers, query, &previous.1)
    } else {
        index.search(papers, query)
    }
}

/// Every keystroke of typing `text` and then deleting its last character.
fn keystrokes(text: &str) -> Vec<String> {
    let mut prefixes: Vec<String> = (1..=text.len())
        .map(|end| text[..end].to_string())
        .collect();
    prefixes.push(text[..text.len() - 1].to_string());
    prefixes
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn typing(c: &mut Criterion) {
    for size in [100_000, 1_000_000] {
        let papers = generator::papers(size, 42);
        let mut index = Index::new(&papers);
        let label = format!("{}k", size / 1000);
        percentiles(&label, &index, &papers[..]);
        // As the reader searches a large corpus once its headlines'
        // words are indexed beside it.
        let started = Instant::now();
        index.index_words();
        let words = index.words().map_or(0, |w| w.bytes());
        println!(
            "words/{label}: indexed in {:.2} s, {} MB",
            started.elapsed().as_secs_f64(),
            words / 1_000_000
        );
        percentiles(&format!("{label} words"), &index, &papers[..]);
        let mut warm = warm_catalog(papers.clone());
        percentiles(&format!("{label} warm"), &warm.catalog.index, &warm.catalog);
        warm.catalog.index.index_words();
        percentiles(
            &format!("{label} warm, words"),
            &warm.catalog.index,
            &warm.catalog,
        );
        drop(warm);
        criterion_keystrokes(c, &label, &index, &papers);
        tiers(c, &label, &index, &papers);
    }
}

/// Prints the median and 99th percentile over every keystroke of every
/// typed query.
fn percentiles<P: Papers + ?Sized>(label: &str, index: &Index, papers: &P) {
    {
        let mut times = Vec::new();
        for text in TYPED {
            for _ in 0..ROUNDS {
                let mut previous = (
                    parse("").unwrap(),
                    index.search(papers, &parse("").unwrap()),
                );
                let mut recent = Recent::default();
                for typed in keystrokes(text) {
                    // A clause half typed (`year:`) does not parse: the
                    // reader keeps the previous results and searches nothing.
                    let Ok(query) = parse(&typed) else { continue };
                    let started = Instant::now();
                    let hits = match recent.get(&query) {
                        Some(hits) => hits.to_vec(),
                        None => keystroke(index, papers, &query, &previous),
                    };
                    recent.put(&query, &hits);
                    times.push(started.elapsed());
                    previous = (query, hits);
                }
            }
        }
        times.sort();
        println!(
            "keystroke/{label}: median {:.2} ms, p99 {:.2} ms, max {:.2} ms over {} keystrokes",
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.99).as_secs_f64() * 1e3,
            times.last().unwrap().as_secs_f64() * 1e3,
            times.len()
        );
    }
}

/// Criterion's figures for each keystroke of the first typed query.
fn criterion_keystrokes(c: &mut Criterion, label: &str, index: &Index, papers: &[Paper]) {
    {
        let mut group = c.benchmark_group(format!("keystroke/{label}"));
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(2))
            .warm_up_time(Duration::from_millis(300));
        let text = TYPED[0];
        let mut previous = (
            parse("").unwrap(),
            index.search(papers, &parse("").unwrap()),
        );
        let keys = keystrokes(text);
        for (i, typed) in keys.iter().enumerate() {
            let query = parse(typed).unwrap();
            let name = if i + 1 == keys.len() {
                format!("{}_backspace", typed.replace(' ', "_"))
            } else {
                typed.replace(' ', "_")
            };
            group.bench_with_input(BenchmarkId::from_parameter(name), &query, |b, q| {
                b.iter(|| black_box(keystroke(index, papers, q, &previous)))
            });
            let hits = keystroke(index, papers, &query, &previous);
            previous = (query, hits);
        }
        group.finish();
    }
}

/// One search from scratch per tier of a bare word, and the look through
/// the vocabulary that finds the words a misspelt term means.
fn tiers(c: &mut Criterion, label: &str, index: &Index, papers: &[Paper]) {
    let mut group = c.benchmark_group(format!("tier/{label}"));
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(300));
    for (tier, text) in [
        ("whole_word", "transformer"),
        ("word_start", "transf"),
        ("inside_word", "former"),
        ("dropped_letters", "transfrmr"),
        ("typo", "segmnetation"),
        ("nothing", "zzqxj"),
    ] {
        let query = parse(text).unwrap();
        group.bench_function(format!("{tier}/{text}"), |b| {
            b.iter(|| black_box(index.search(papers, &query)))
        });
    }
    let vocabulary = index.vocabulary();
    for text in ["transfrmr", "segmnetation"] {
        group.bench_function(format!("vocabulary/{text}"), |b| {
            b.iter(|| black_box(vocabulary.meant_afresh(text)))
        });
    }
    println!(
        "tier/{label}: {} words in the vocabulary",
        vocabulary.words().count()
    );
    group.finish();
}

/// The look through a vocabulary of a million distinct words (about what
/// the real arXiv's headlines hold; the synthetic corpora use a few
/// hundred) for the words a misspelt term means.
fn large_vocabulary(c: &mut Criterion) {
    let mut vocabulary = Vocabulary::default();
    let mut state: u64 = 42;
    let mut word = String::new();
    for _ in 0..1_000_000 {
        word.clear();
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let len = 4 + (state >> 60) as usize % 9;
        for k in 0..len {
            let letter = (state >> (k * 5 % 59)) as u8 % 26;
            word.push((b'a' + letter) as char);
        }
        vocabulary.add_words(&word);
    }
    vocabulary.add_words("transformer transformers segmentation");
    let mut group = c.benchmark_group("tier/vocabulary_1M_words");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(300));
    for text in ["transfrmr", "segmnetation"] {
        group.bench_function(text, |b| {
            b.iter(|| black_box(vocabulary.meant_afresh(text)))
        });
    }
    group.finish();
}

/// Facet counts after a keystroke: over every paper (the worst case) and
/// over a typical query's results, plus building the panel's entries.
fn facet_counts(c: &mut Criterion) {
    for size in [100_000, 1_000_000] {
        let papers = generator::papers(size, 42);
        let index = Index::new(&papers);
        let mut group = c.benchmark_group(format!("facets/{}k", size / 1000));
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(2))
            .warm_up_time(Duration::from_millis(300));
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
}

/// The allocator the binary uses, so the figures are the product's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

criterion_group!(benches, large_vocabulary, typing, facet_counts);
criterion_main!(benches);
