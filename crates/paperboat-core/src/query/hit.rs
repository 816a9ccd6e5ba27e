//! One matching paper, the unit every result list is made of: searching,
//! ranking, facet counts and the memory of recent results all share it.

/// One matching paper: its index in the corpus and its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into the corpus's papers.
    pub index: usize,
    /// Higher is better; zero when the query has no text clause.
    pub score: i64,
}
