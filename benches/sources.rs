//! Parsing what the paper services return: a 1,000-record arXiv OAI-PMH
//! page of `arXivRaw` records and a 100-paper Hugging Face Daily Papers
//! day, each generated once in the real shape. The target is each well
//! under 100 ms. `cargo bench --bench sources` runs both.

#[path = "common/responses.rs"]
mod responses;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use paperboat::corpus::Date;
use paperboat::sources::{hf, oai};

fn sources(c: &mut Criterion) {
    let mut group = c.benchmark_group("sources");
    let page = responses::oai_page(1_000);
    group.throughput(Throughput::Bytes(page.len() as u64));
    group.bench_function("oai-page/1000-records", |b| {
        b.iter(|| oai::parse_page(black_box(page.as_bytes())).expect("the page parses"))
    });
    let day = responses::hf_day(100);
    let date = Date::new(2025, 12, 1).expect("a date");
    group.throughput(Throughput::Bytes(day.len() as u64));
    group.bench_function("hf-day/100-papers", |b| {
        b.iter(|| hf::parse_day(black_box(day.as_bytes()), date).expect("the day parses"))
    });
    group.finish();
}

criterion_group!(benches, sources);
criterion_main!(benches);
