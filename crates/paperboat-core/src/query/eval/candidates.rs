//! The papers a search looks at: all of a range of the corpus, or the hits
//! of a wider query that the new one narrows.

use std::ops::Range;

use crate::query::bitmap::each_marked;
use crate::query::hit::Hit;

/// The papers a search looks at.
#[derive(Clone, Copy)]
pub(super) enum Candidates<'a> {
    /// A range of the corpus.
    Range(usize, usize),
    /// The hits of a wider query.
    Among(&'a [Hit]),
    /// Many hits of a wider query, as a bitmap over the corpus, so that
    /// scoring reads the index in memory order rather than rank order.
    Marked(&'a [u64], usize),
}

impl Candidates<'_> {
    /// How many positions to go through (for `Marked`: corpus indices).
    pub(super) fn len(&self) -> usize {
        match self {
            Candidates::Range(from, to) => to - from,
            Candidates::Among(hits) => hits.len(),
            Candidates::Marked(_, n) => *n,
        }
    }

    /// Calls `f` with the corpus index of every candidate among `positions`.
    pub(super) fn each(&self, positions: Range<usize>, mut f: impl FnMut(usize)) {
        match self {
            Candidates::Range(from, _) => positions.for_each(|p| f(from + p)),
            Candidates::Among(hits) => hits[positions].iter().for_each(|h| f(h.index)),
            Candidates::Marked(bits, _) => each_marked(bits, positions, f),
        }
    }
}
