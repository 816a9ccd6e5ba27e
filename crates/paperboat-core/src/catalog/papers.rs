//! The catalog itself: an index and the papers it answers for.

use std::borrow::Cow;

use std::fs::File;
use std::sync::Arc;

use super::shelf::{Rows, Shelf};
pub use super::store::Store;
use super::words::AbstractWords;
use crate::corpus::{Corpus, Format, Paper, RecordSpan};
use crate::fulltext::{Bodies, PaperSet};
use crate::query::{Index, Mark, PaperRef, Papers, paper_ref};

/// A corpus with its index.
pub struct Catalog {
    /// The corpus name, for the reader's header.
    pub name: String,
    /// The index searches run on.
    pub index: Index,
    pub(super) store: Store,
    /// The abstracts indexed by word, once they are.
    pub(super) abstracts: Option<AbstractWords>,
    /// The full text of the papers whose PDF is on disk, once indexed.
    pub(super) bodies: Option<Arc<Bodies>>,
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
            abstracts: None,
            bodies: None,
        }
    }

    /// The corpus compiled into the binary, its abstracts indexed by word.
    pub fn bundled() -> Result<Catalog, crate::corpus::LoadError> {
        let mut catalog = Catalog::from_corpus(Corpus::bundled()?);
        catalog.index_abstracts_in_memory();
        Ok(catalog)
    }

    /// The catalog of a corpus in memory.
    pub fn from_corpus(corpus: Corpus) -> Catalog {
        Catalog::loaded(corpus.name, corpus.papers)
    }

    /// A catalog of `store`, with its index.
    pub fn new(name: String, index: Index, store: Store) -> Catalog {
        Catalog {
            name,
            index,
            store,
            abstracts: None,
            bodies: None,
        }
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
            Store::Stacked(stack) => stack.id(i),
        }
    }

    /// Whether the papers' records are read from the file when needed.
    pub fn is_shelved(&self) -> bool {
        matches!(self.store, Store::Shelved(_) | Store::Stacked(_))
    }

    /// How many distinct papers there are: a paper whose id a later file
    /// of a stacked catalog has again counts once.
    pub fn distinct_len(&self) -> usize {
        self.index.distinct_len()
    }

    /// The papers in memory, to add to while a corpus loads; none for a
    /// shelved catalog.
    pub fn loaded_mut(&mut self) -> Option<&mut Vec<Paper>> {
        match &mut self.store {
            Store::Loaded(papers) => Some(papers),
            Store::Shelved(_) | Store::Stacked(_) => None,
        }
    }

    /// Marks the papers whose id `is_bookmarked` says yes to, for
    /// `is:bookmarked`.
    pub fn mark_bookmarked(&mut self, is_bookmarked: impl Fn(&str) -> bool) {
        self.mark(Mark::Bookmarked, is_bookmarked);
    }

    /// Sets `mark` on the papers whose id `marked` says yes to.
    pub fn mark(&mut self, mark: Mark, marked: impl Fn(&str) -> bool) {
        let flags = self.ids().map(marked).collect();
        self.index.set_marks(mark, flags);
    }

    /// The paper with exactly this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        if let Store::Shelved(shelf) = &self.store {
            let mut from = 0;
            while let Some(found) = shelf.rows.ids.position_from(id, from) {
                match found {
                    Some(i) if self.index.is_shadowed(i) => from = i + 1,
                    found => return found,
                }
            }
        }
        self.ids()
            .enumerate()
            .position(|(i, p)| p == id && !self.index.is_shadowed(i))
    }

    /// Marks, for the papers from `from` on (those that arrived since the
    /// last marking), which `is_bookmarked` says yes to.
    pub fn mark_bookmarked_from(&mut self, from: usize, is_bookmarked: impl Fn(&str) -> bool) {
        self.mark_from(Mark::Bookmarked, from, is_bookmarked);
    }

    /// Sets `mark`, for the papers from `from` on, on those whose id
    /// `marked` says yes to.
    pub fn mark_from(&mut self, mark: Mark, from: usize, marked: impl Fn(&str) -> bool) {
        let flags: Vec<bool> = (from..self.len()).map(|i| marked(self.id(i))).collect();
        self.index.set_marks_from(mark, from, flags);
    }

    /// The papers of a batch read from a corpus file, as a catalog to
    /// append to one that grows while the file is read (see
    /// [`Catalog::append`]), indexed now: in memory; or, given the file
    /// they were read from and its format, shelved: only their rows are
    /// kept (`records`: where each lies in the file), and their abstracts
    /// need not have been read.
    pub fn of_batch(
        papers: Vec<Paper>,
        records: &[RecordSpan],
        shelf: Option<(Arc<File>, Format)>,
    ) -> Catalog {
        let index = Index::part(&papers);
        let store = match shelf {
            None => Store::Loaded(papers),
            Some((file, format)) => {
                let mut rows = Rows::default();
                rows.extend(&papers, records);
                Store::Shelved(Shelf { rows, file, format })
            }
        };
        Catalog::new(String::new(), index, store)
    }

    /// A copy of a shelved catalog, sharing its file; `None` for papers in
    /// memory, which are not copied.
    pub fn clone_shelved(&self) -> Option<Catalog> {
        let Store::Shelved(shelf) = &self.store else {
            return None;
        };
        Some(Catalog::new(
            self.name.clone(),
            self.index.clone(),
            Store::Shelved(shelf.clone()),
        ))
    }

    /// Appends the papers of `part` (see [`Catalog::of_batch`]), which
    /// follow these, while a corpus loads; `expected`: how many papers the
    /// whole corpus likely has, to make room for once. An empty catalog
    /// takes the part's store, so the first batch decides whether the
    /// papers are in memory or shelved; false (and nothing added) when
    /// the part's papers are not kept the way these are.
    pub fn append(&mut self, part: Catalog, expected: Option<usize>) -> bool {
        let Catalog { index, store, .. } = part;
        let scale = expected
            .filter(|_| !index.is_empty())
            .map(|expected| (expected as f64 / index.len() as f64).min(1e6));
        let empty = self.is_empty();
        match (&mut self.store, store) {
            (Store::Loaded(kept), Store::Loaded(papers)) => {
                if let Some(scale) = scale {
                    kept.reserve((papers.len() as f64 * scale).min(5e7) as usize);
                }
                kept.extend(papers);
            }
            (Store::Shelved(kept), Store::Shelved(shelf)) => {
                if let Some(scale) = scale {
                    kept.rows.reserve_like(&shelf.rows, scale);
                }
                kept.rows.append(&shelf.rows);
            }
            (Store::Loaded(kept), Store::Shelved(shelf)) if empty && kept.is_empty() => {
                let mut rows = Rows::default();
                if let Some(scale) = scale {
                    rows.reserve_like(&shelf.rows, scale);
                }
                rows.append(&shelf.rows);
                self.store = Store::Shelved(Shelf { rows, ..shelf });
            }
            _ => return false,
        }
        if let Some(scale) = scale {
            self.index.reserve_like(&index, scale);
        }
        self.index.append(index);
        true
    }

    /// Every id, in corpus order.
    pub fn ids(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.id(i))
    }

    /// The paper with this id; else the paper it names as people paste
    /// it (an arXiv id with or without `arXiv:` and a version, an arXiv,
    /// Hugging Face or medRxiv URL, a DOI or doi.org URL), by its id, its
    /// links or its DOI; else the only one whose id starts with it.
    pub fn find(&self, id: &str) -> Result<usize, IdMiss> {
        self.find_reading(id, true)
    }

    /// [`Catalog::find`]; `read`: whether records not in memory are read
    /// to look at their links (not per keystroke).
    fn find_reading(&self, id: &str, read: bool) -> Result<usize, IdMiss> {
        if let Some(i) = self.position(id) {
            return Ok(i);
        }
        if let Some(i) = paper_ref(id).and_then(|named| self.named(&named, read)) {
            return Ok(i);
        }
        // `2401-mamba-segmentat…`, as `paperboat search` prints a long id,
        // is the prefix before the `…`.
        let id = id.strip_suffix('…').unwrap_or(id);
        let mut prefixed = self
            .ids()
            .enumerate()
            .filter(|&(i, p)| p.starts_with(id) && !self.index.is_shadowed(i));
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

    /// The paper `named` names: the one with its id (one pass over the
    /// ids), else one whose arXiv id, DOI or links name it, among the
    /// papers whose id leaves that open; records not in memory are read
    /// only when `read`.
    pub fn named(&self, named: &PaperRef, read: bool) -> Option<usize> {
        let live = |i: usize| !self.index.is_shadowed(i);
        let by_id = self
            .ids()
            .enumerate()
            .position(|(i, id)| named.is_id(id) && live(i));
        by_id.or_else(|| {
            let in_memory = matches!(self.store, Store::Loaded(_));
            if !read && !in_memory {
                return None;
            }
            (0..self.len())
                .find(|&i| live(i) && named.could_be(self.id(i)) && named.names(&self.paper(i)))
        })
    }
}

impl From<Corpus> for Catalog {
    fn from(corpus: Corpus) -> Catalog {
        Catalog::from_corpus(corpus)
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
            Store::Stacked(stack) => stack.title(i),
        }
    }

    fn paper(&self, i: usize) -> Cow<'_, Paper> {
        match &self.store {
            Store::Loaded(papers) => Cow::Borrowed(&papers[i]),
            Store::Shelved(shelf) => Cow::Owned(shelf.paper(i)),
            Store::Stacked(stack) => Cow::Owned(stack.paper(i)),
        }
    }

    fn abstract_words(&self, prefix: &str) -> Option<PaperSet> {
        Some(self.abstracts.as_ref()?.words_starting(prefix))
    }

    fn abstract_meant(&self, term: &str) -> Option<PaperSet> {
        let abstracts = self.abstracts.as_ref()?;
        Some(abstracts.words_meant(term, |words| {
            crate::query::Vocabulary::meant_among(term, words)
        }))
    }

    fn abstract_containing(&self, part: &str) -> Option<PaperSet> {
        Some(self.abstracts.as_ref()?.words_containing(part))
    }

    fn body_words(&self, prefix: &str) -> Option<PaperSet> {
        Some(self.bodies.as_ref()?.words_starting(prefix))
    }

    fn body_containing(&self, part: &str) -> Option<PaperSet> {
        Some(self.bodies.as_ref()?.words_containing(part))
    }

    fn body_pages(&self, i: usize) -> Option<Arc<Vec<String>>> {
        self.bodies.as_ref()?.pages(i).cloned()
    }

    /// The exact id, else the paper a pasted id names, else the only id
    /// starting with it (`similar:msvm`); records on disk are not read.
    fn position_of(&self, id: &str) -> Option<usize> {
        self.find_reading(id, false).ok()
    }

    /// By id, else by the links of the papers in memory: a query asks
    /// this at each keystroke, which must not read the corpus file.
    fn position_of_paper(&self, named: &PaperRef) -> Option<usize> {
        self.named(named, false)
    }

    fn more_like(&self, title: &str, text: &str, limit: usize) -> Option<Vec<(usize, f32)>> {
        Some(self.abstracts.as_ref()?.more_like(title, text, limit))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Link;

    fn paper(id: &str, title: &str, links: &[&str]) -> Paper {
        Paper {
            id: id.into(),
            links: links.iter().map(|u| Link::classified(*u)).collect(),
            ..Paper::titled(title)
        }
    }

    fn catalog(papers: Vec<Paper>) -> Catalog {
        Catalog::loaded("c".into(), papers)
    }

    #[test]
    fn find_takes_ids_as_pasted_then_a_unique_prefix() {
        let c = catalog(vec![
            paper("arXiv:2505.47796", "A", &[]),
            paper("slug-b", "B", &["https://arxiv.org/pdf/2401.01234v2"]),
            paper("doi:10.1101/x.1", "C", &[]),
        ]);
        assert_eq!(c.find("https://arxiv.org/abs/2505.47796v2"), Ok(0));
        assert_eq!(c.find("2401.01234"), Ok(1));
        assert_eq!(c.find("https://doi.org/10.1101/X.1"), Ok(2));
        assert_eq!(c.find("slug"), Ok(1));
        assert_eq!(c.find("2505.47797"), Err(IdMiss::None));
        // The query's lookup: ids, and links of papers in memory.
        let named = paper_ref("hf.co/papers/2401.01234").unwrap();
        assert_eq!(c.position_of_paper(&named), Some(1));
        assert_eq!(c.position_of("arxiv:2505.47796v1"), Some(0));
    }

    #[test]
    fn a_paper_replaced_by_a_later_file_is_not_the_one_found() {
        let old = catalog(vec![paper("arXiv:2505.47796", "Old", &[])]);
        let new = catalog(vec![
            paper("x", "X", &[]),
            paper("arXiv:2505.47796", "New", &[]),
        ]);
        let stacked = Catalog::stacked("all".into(), vec![old, new]);
        let at = stacked.find("2505.47796v3").unwrap();
        assert_eq!(stacked.paper(at).title, "New");
        let named = paper_ref("arxiv.org/abs/2505.47796").unwrap();
        assert_eq!(stacked.named(&named, false), Some(at));
    }
}
