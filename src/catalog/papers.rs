//! The catalog itself: an index and the papers it answers for.

use std::borrow::Cow;

use super::shelf::Shelf;
use crate::corpus::{Corpus, Paper};
use crate::query::{Index, Papers};

/// The papers of a catalog.
pub enum Store {
    /// Every paper in memory.
    Loaded(Vec<Paper>),
    /// Rows in memory or mapped; records read from the file.
    Shelved(Shelf),
}

/// A corpus with its index.
pub struct Catalog {
    /// The corpus name, for the reader's header.
    pub name: String,
    /// The index searches run on.
    pub index: Index,
    pub(super) store: Store,
}

/// Why an id names no single paper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdMiss {
    /// No id is or starts with it.
    None,
    /// Several ids start with it: how many, and two of them.
    Many(usize, String, String),
}

impl Catalog {
    /// A catalog of papers in memory, indexed now.
    pub fn loaded(name: String, papers: Vec<Paper>) -> Catalog {
        let index = Index::new(&papers);
        Catalog {
            name,
            index,
            store: Store::Loaded(papers),
        }
    }

    /// The catalog of a corpus in memory.
    pub fn from_corpus(corpus: Corpus) -> Catalog {
        Catalog::loaded(corpus.name, corpus.papers)
    }

    /// A catalog of `store`, with its index.
    pub fn new(name: String, index: Index, store: Store) -> Catalog {
        Catalog { name, index, store }
    }

    /// How many papers there are.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The id of paper `i`.
    pub fn id(&self, i: usize) -> &str {
        match &self.store {
            Store::Loaded(papers) => &papers[i].id,
            Store::Shelved(shelf) => shelf.rows.ids.get(i),
        }
    }

    /// Whether the papers' records are read from the file when needed.
    pub fn is_shelved(&self) -> bool {
        matches!(self.store, Store::Shelved(_))
    }

    /// The papers in memory, to add to while a corpus loads; none for a
    /// shelved catalog.
    pub fn loaded_mut(&mut self) -> Option<&mut Vec<Paper>> {
        match &mut self.store {
            Store::Loaded(papers) => Some(papers),
            Store::Shelved(_) => None,
        }
    }

    /// Marks the papers whose id `is_bookmarked` says yes to, for
    /// `is:bookmarked`.
    pub fn mark_bookmarked(&mut self, is_bookmarked: impl Fn(&str) -> bool) {
        let flags = self.ids().map(is_bookmarked).collect();
        self.index.set_bookmarked_flags(flags);
    }

    /// The paper with exactly this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.ids().position(|p| p == id)
    }

    /// Every id, in corpus order.
    pub fn ids(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.id(i))
    }

    /// The paper with this id, else the only one whose id starts with it.
    pub fn find(&self, id: &str) -> Result<usize, IdMiss> {
        if let Some(i) = self.ids().position(|p| p == id) {
            return Ok(i);
        }
        let mut prefixed = self.ids().enumerate().filter(|(_, p)| p.starts_with(id));
        let Some((first, first_id)) = prefixed.next() else {
            return Err(IdMiss::None);
        };
        match prefixed.next() {
            None => Ok(first),
            Some((_, second_id)) => Err(IdMiss::Many(
                2 + prefixed.count(),
                first_id.to_string(),
                second_id.to_string(),
            )),
        }
    }
}

impl Papers for Catalog {
    fn count(&self) -> usize {
        self.len()
    }

    fn title(&self, i: usize) -> &str {
        match &self.store {
            Store::Loaded(papers) => &papers[i].title,
            Store::Shelved(shelf) => shelf.rows.titles.get(i),
        }
    }

    fn paper(&self, i: usize) -> Cow<'_, Paper> {
        match &self.store {
            Store::Loaded(papers) => Cow::Borrowed(&papers[i]),
            Store::Shelved(shelf) => Cow::Owned(shelf.paper(i)),
        }
    }
}
