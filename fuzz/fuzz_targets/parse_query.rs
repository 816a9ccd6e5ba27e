//! Any text given to the query parser parses or errors with a valid span;
//! a parsed query runs over a small corpus without panicking.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use paperboat::corpus::Corpus;
use paperboat::query::{Index, parse};

static CORPUS: LazyLock<(Corpus, Index)> = LazyLock::new(|| {
    let mut corpus = Corpus::bundled().expect("bundled corpus");
    corpus.papers.truncate(40);
    let index = Index::new(&corpus.papers);
    (corpus, index)
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse(text) {
        Ok(query) => {
            let (corpus, index) = &*CORPUS;
            let hits = index.search(&corpus.papers, &query);
            for hit in hits.iter().take(5) {
                index.title_positions(&corpus.papers, hit.index, &query);
                index.abstract_marks(&corpus.papers, hit.index, &query);
            }
        }
        Err(e) => {
            assert!(e.start <= e.end && e.end <= text.len());
            assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
        }
    }
});
