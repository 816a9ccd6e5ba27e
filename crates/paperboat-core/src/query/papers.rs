//! The papers' own text, which a search needs besides the index: titles as
//! written (for terms with capitals, and for highlights) and whole records
//! (authors as written, abstracts), from memory or read from the file.

use std::borrow::Cow;

use super::paper_ref::PaperRef;
use crate::corpus::Paper;
use crate::fulltext::PaperSet;

/// The papers a search runs over, by corpus index.
pub trait Papers: Sync {
    /// How many papers there are.
    fn count(&self) -> usize;
    /// The title of paper `i`, as written.
    fn title(&self, i: usize) -> &str;
    /// Paper `i` whole: borrowed when in memory, read when not.
    fn paper(&self, i: usize) -> Cow<'_, Paper>;

    /// The papers with a word of their abstract starting with `prefix`
    /// (lowercase), when the abstracts are indexed by word.
    fn abstract_words(&self, _prefix: &str) -> Option<PaperSet> {
        None
    }

    /// The papers with a word of their abstract that `term` (lowercase)
    /// means with letters dropped or typos, when the abstracts are indexed.
    fn abstract_meant(&self, _term: &str) -> Option<PaperSet> {
        None
    }

    /// Where the paper with this id is.
    fn position_of(&self, id: &str) -> Option<usize> {
        (0..self.count()).find(|&i| self.paper(i).id == id)
    }

    /// Where the paper `named` is: the one with its id, else the first
    /// whose arXiv id, DOI or links name it.
    fn position_of_paper(&self, named: &PaperRef) -> Option<usize> {
        (0..self.count())
            .find(|&i| named.is_id(&self.paper(i).id))
            .or_else(|| (0..self.count()).find(|&i| named.names(&self.paper(i))))
    }

    /// The papers whose abstracts are most like `text`, best first with
    /// their scores, when the abstracts are indexed by word.
    fn more_like(&self, _title: &str, _text: &str, _limit: usize) -> Option<Vec<(usize, f32)>> {
        None
    }

    /// A superset of the papers whose abstract has a word holding `part`
    /// (lowercase, one word), when the abstracts are indexed by word.
    fn abstract_containing(&self, _part: &str) -> Option<PaperSet> {
        None
    }

    /// The papers with a word of their PDF's text starting with `prefix`
    /// (lowercase), when there are PDFs whose text is indexed.
    fn body_words(&self, _prefix: &str) -> Option<PaperSet> {
        None
    }

    /// A superset of the papers whose PDF's text has a word holding
    /// `part` (lowercase, one word), when there are such PDFs.
    fn body_containing(&self, _part: &str) -> Option<PaperSet> {
        None
    }

    /// The pages of paper `i`'s PDF text, when it has one.
    fn body_pages(&self, _i: usize) -> Option<std::sync::Arc<Vec<String>>> {
        None
    }
}

impl Papers for [Paper] {
    fn count(&self) -> usize {
        self.len()
    }

    fn title(&self, i: usize) -> &str {
        &self[i].title
    }

    fn paper(&self, i: usize) -> Cow<'_, Paper> {
        Cow::Borrowed(&self[i])
    }
}

/// As the slice it holds, so that `&papers` works where `&papers[..]` does.
impl Papers for Vec<Paper> {
    fn count(&self) -> usize {
        self.as_slice().count()
    }

    fn title(&self, i: usize) -> &str {
        self.as_slice().title(i)
    }

    fn paper(&self, i: usize) -> Cow<'_, Paper> {
        self.as_slice().paper(i)
    }
}
