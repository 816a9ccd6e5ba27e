//! Result orderings.

use std::cmp::Ordering;
use std::fmt;

use crate::corpus::Paper;

/// What results are ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortKey {
    /// Match quality; without text clauses this falls back to date.
    Relevance,
    /// Publication date, newest first.
    Date,
    /// Upvotes, most first.
    Upvotes,
    /// Title, A to Z.
    Title,
    /// Author count, most first.
    Authors,
}

impl SortKey {
    /// Every key in the order `s` cycles through them.
    pub const ALL: [SortKey; 5] = [
        SortKey::Relevance,
        SortKey::Date,
        SortKey::Upvotes,
        SortKey::Title,
        SortKey::Authors,
    ];

    /// The name used in `sort:` clauses.
    pub fn name(self) -> &'static str {
        match self {
            SortKey::Relevance => "relevance",
            SortKey::Date => "date",
            SortKey::Upvotes => "upvotes",
            SortKey::Title => "title",
            SortKey::Authors => "authors",
        }
    }

    /// The key with this name.
    pub fn from_name(name: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The next key in the cycle.
    pub fn next(self) -> SortKey {
        let i = SortKey::ALL.iter().position(|k| *k == self).unwrap_or(0);
        SortKey::ALL[(i + 1) % SortKey::ALL.len()]
    }
}

/// An ordering: a key and whether it is reversed (`sort:-date`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sort {
    /// The key.
    pub key: SortKey,
    /// Reverse the key's natural order.
    pub reversed: bool,
}

impl Default for Sort {
    fn default() -> Self {
        Sort {
            key: SortKey::Relevance,
            reversed: false,
        }
    }
}

impl fmt::Display for Sort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{}",
            if self.reversed { "-" } else { "" },
            self.key.name()
        )
    }
}

/// Newest first; unknown dates last.
pub fn by_date(a: &Paper, b: &Paper) -> Ordering {
    b.published.cmp(&a.published)
}

/// The natural order of `key` between two papers with their scores; ties
/// fall back to upvotes, then date.
pub fn compare(key: SortKey, a: (&Paper, i64), b: (&Paper, i64)) -> Ordering {
    let (pa, sa) = a;
    let (pb, sb) = b;
    let tie = || {
        pb.upvotes_or_zero()
            .cmp(&pa.upvotes_or_zero())
            .then_with(|| by_date(pa, pb))
    };
    match key {
        SortKey::Relevance => sb.cmp(&sa).then_with(tie),
        SortKey::Date => by_date(pa, pb).then_with(|| sb.cmp(&sa)),
        SortKey::Upvotes => pb
            .upvotes_or_zero()
            .cmp(&pa.upvotes_or_zero())
            .then_with(|| by_date(pa, pb)),
        SortKey::Title => pa
            .title
            .to_lowercase()
            .cmp(&pb.title.to_lowercase())
            .then_with(tie),
        SortKey::Authors => pb
            .display_author_count()
            .cmp(&pa.display_author_count())
            .then_with(tie),
    }
}
