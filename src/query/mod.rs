//! The query: text typed by the user, matched against a corpus.

pub mod fuzzy;

use crate::corpus::Paper;
use fuzzy::Fuzzy;

/// One matching paper: its index in the corpus and its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into the corpus's papers.
    pub index: usize,
    /// Higher is better.
    pub score: i64,
}

/// Papers whose title fuzzy-matches every space-separated word of `query`,
/// best first; an empty query matches every paper, newest first.
pub fn search(papers: &[Paper], query: &str) -> Vec<Hit> {
    let matcher = Fuzzy::default();
    let words: Vec<&str> = query.split_whitespace().collect();
    let mut hits: Vec<Hit> = papers
        .iter()
        .enumerate()
        .filter_map(|(index, paper)| {
            let mut score = 0;
            for word in &words {
                score += matcher.score(&paper.title, word)?;
            }
            Some(Hit { index, score })
        })
        .collect();
    hits.sort_by(|a, b| {
        let (pa, pb) = (&papers[a.index], &papers[b.index]);
        b.score
            .cmp(&a.score)
            .then(pb.upvotes_or_zero().cmp(&pa.upvotes_or_zero()))
            .then(pb.published.cmp(&pa.published))
            .then(a.index.cmp(&b.index))
    });
    hits
}
