//! Result orderings.

use std::fmt;

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
    /// When the paper entered the library, latest first.
    Added,
}

impl SortKey {
    /// Every key in the order `s` cycles through them.
    pub const ALL: [SortKey; 6] = [
        SortKey::Relevance,
        SortKey::Date,
        SortKey::Upvotes,
        SortKey::Title,
        SortKey::Authors,
        SortKey::Added,
    ];

    /// The name used in `sort:` clauses.
    pub fn name(self) -> &'static str {
        match self {
            SortKey::Relevance => "relevance",
            SortKey::Date => "date",
            SortKey::Upvotes => "upvotes",
            SortKey::Title => "title",
            SortKey::Authors => "authors",
            SortKey::Added => "added",
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

impl Sort {
    /// `date`, or `-upvotes` for the reverse of a key's order.
    pub fn parse(text: &str) -> Option<Sort> {
        let (reversed, name) = match text.strip_prefix('-') {
            Some(n) => (true, n),
            None => (false, text),
        };
        SortKey::from_name(name).map(|key| Sort { key, reversed })
    }
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
