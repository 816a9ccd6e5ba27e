//! Where a catalog's papers are: in memory, on a shelf (rows kept, records
//! read from the corpus file), or in several files stacked as one.

use super::shelf::Shelf;
use crate::corpus::Paper;

/// The papers of a catalog.
pub enum Store {
    /// Every paper in memory.
    Loaded(Vec<Paper>),
    /// Rows in memory or mapped; records read from the file.
    Shelved(Shelf),
    /// Several corpus files opened as one, one after another.
    Stacked(Stack),
}

/// The files of a stacked catalog, each with where its papers start.
pub struct Stack {
    pub(super) parts: Vec<Part>,
}

pub(super) struct Part {
    pub(super) start: usize,
    pub(super) store: Store,
}

impl Stack {
    /// The part holding paper `i`, and `i` within it.
    fn locate(&self, i: usize) -> (&Store, usize) {
        let at = self
            .parts
            .partition_point(|p| p.start <= i)
            .saturating_sub(1);
        let part = &self.parts[at];
        (&part.store, i - part.start)
    }

    /// The id of paper `i`.
    pub(super) fn id(&self, i: usize) -> &str {
        match self.locate(i) {
            (Store::Loaded(papers), j) => papers.get(j).map_or("", |p| &p.id),
            (Store::Shelved(shelf), j) => shelf.rows.ids.get(j),
            (Store::Stacked(stack), j) => stack.id(j),
        }
    }

    /// The title of paper `i`.
    pub(super) fn title(&self, i: usize) -> &str {
        match self.locate(i) {
            (Store::Loaded(papers), j) => papers.get(j).map_or("", |p| &p.title),
            (Store::Shelved(shelf), j) => shelf.rows.titles.get(j),
            (Store::Stacked(stack), j) => stack.title(j),
        }
    }

    /// Paper `i`, read from its file when not in memory.
    pub(super) fn paper(&self, i: usize) -> Paper {
        match self.locate(i) {
            (Store::Loaded(papers), j) => {
                papers.get(j).cloned().unwrap_or_else(|| Paper::titled(""))
            }
            (Store::Shelved(shelf), j) => shelf.paper(j),
            (Store::Stacked(stack), j) => stack.paper(j),
        }
    }
}
