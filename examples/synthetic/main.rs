//! Writes a deterministic synthetic corpus in the native format:
//! `cargo run --release --example synthetic -- 100000 [SEED] > big.json`

mod generator;

use std::io::Write;

use paperboat::corpus::Corpus;

fn main() {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(42);
    let corpus = Corpus {
        name: format!("Synthetic corpus ({count} papers, seed {seed})"),
        papers: generator::papers(count, seed),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if out
        .write_all(corpus.to_json().as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        std::process::exit(1);
    }
}
