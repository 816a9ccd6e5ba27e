//! The snippets under the list's rows, kept with what they were made for
//! (see `snippets.rs`).

use std::sync::{Arc, Mutex, PoisonError};

use crate::query::snippet::Snippet;

/// A snippet (or none) per row of the list, from its first.
pub type RowSnippets = Arc<Vec<Option<Snippet>>>;

/// What the snippets were made for, and them.
#[derive(Default)]
pub struct SnippetCache {
    kept: Mutex<Option<(SnippetKey, RowSnippets)>>,
}

/// Everything the snippets depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SnippetKey {
    /// The query's generation.
    pub query: u64,
    /// Rows listed.
    pub rows: usize,
    /// The first row's paper, and whether it is known from a bookmark only.
    pub first: Option<(usize, bool)>,
    /// The list's width.
    pub width: u16,
    /// Which index of the PDFs' text the snippets quote from.
    pub bodies: usize,
}

impl SnippetCache {
    /// The snippets for `key`, made by `make` unless the ones kept fit.
    pub fn get(&self, key: SnippetKey, make: impl FnOnce() -> Vec<Option<Snippet>>) -> RowSnippets {
        // A poisoned lock only means a panic elsewhere: made again.
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, snippets)) = kept.as_ref().filter(|(k, _)| *k == key) {
            return Arc::clone(snippets);
        }
        let snippets = Arc::new(make());
        *kept = Some((key, Arc::clone(&snippets)));
        snippets
    }
}
