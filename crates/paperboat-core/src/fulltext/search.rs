//! Searching an abstracts index: the papers having a word that starts
//! with a term, a word that holds a piece of an exact phrase, or a word a
//! mistyped term means.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use tantivy::collector::DocSetCollector;
use tantivy::columnar::Column;
use tantivy::query::RegexQuery;
use tantivy::schema::{Field, INDEXED, IndexRecordOption, STORED, Schema, TEXT};
use tantivy::termdict::TermStreamer;
use tantivy::{DocSet, Index, IndexReader, InvertedIndexReader, ReloadPolicy, TERMINATED, Term};

use super::sealed;

/// The field holding the abstract's words.
pub(super) const TEXT_FIELD: &str = "abstract";
/// The field holding the paper's title: only for "more like this", which
/// compares titles and abstracts; searches for abstract words never look
/// at it.
pub(super) const TITLE_FIELD: &str = "title";
/// The field holding the paper's corpus index.
pub(super) const PAPER_FIELD: &str = "paper";
/// Terms whose papers are remembered, for a query being typed.
const REMEMBERED: usize = 16;

/// Why the abstracts cannot be indexed or searched.
pub type Error = tantivy::TantivyError;

/// Sets of papers, one bit per corpus index.
pub type PaperSet = Arc<Vec<u64>>;

/// An abstracts index, ready to search.
pub struct Abstracts {
    pub(super) reader: IndexReader,
    pub(super) text: Field,
    pub(super) title: Field,
    pub(super) papers: usize,
    remembered: Mutex<VecDeque<(String, PaperSet)>>,
    /// Where the index lies on disk, if it does.
    home: Option<PathBuf>,
    /// Set once tantivy failed on the index's files (changed under it
    /// since they were checked): searches then find nothing in it.
    damaged: AtomicBool,
}

/// The index's fields: abstract, title, paper.
pub(super) fn schema() -> (Schema, Field, Field, Field) {
    let mut builder = Schema::builder();
    let text = builder.add_text_field(TEXT_FIELD, TEXT);
    let title = builder.add_text_field(TITLE_FIELD, TEXT);
    let paper = builder.add_u64_field(PAPER_FIELD, INDEXED | STORED | tantivy::schema::FAST);
    (builder.build(), text, title, paper)
}

impl Abstracts {
    /// How many papers it answers for.
    pub fn len(&self) -> usize {
        self.papers
    }

    /// Whether it answers for none.
    pub fn is_empty(&self) -> bool {
        self.papers == 0
    }

    /// The whole index in `dir` if it answers for `state` with `papers`
    /// papers and its files are as they were built; `None` when it is
    /// missing, partial, stale or damaged, or not a directory of its own.
    pub fn open(dir: &Path, state: &str, papers: usize) -> Option<Abstracts> {
        Abstracts::open_dir(dir, state, papers).ok()
    }

    pub(super) fn open_dir(dir: &Path, state: &str, papers: usize) -> Result<Abstracts, Error> {
        let parent = dir.parent().unwrap_or(Path::new("."));
        if !crate::cache::files::is_real_dir(parent)? || !crate::cache::files::is_real_dir(dir)? {
            return Err(Error::InternalError("no abstracts index".into()));
        }
        let ready = sealed::check(dir, state, papers)?;
        crate::cache::mapped::note_dir(dir);
        // Opening reads every segment's footer: tantivy may panic on one
        // changed between the check and now.
        let opened = crate::contain::contained(|| {
            Abstracts::from_index(&Index::open_in_dir(dir)?, ready.papers)
        });
        let mut abstracts = opened
            .ok_or_else(|| Error::InternalError("the abstracts index is damaged".into()))??;
        abstracts.home = Some(dir.to_path_buf());
        Ok(abstracts)
    }

    pub(super) fn from_index(index: &Index, papers: usize) -> Result<Abstracts, Error> {
        // Read once: the files never change under a whole index, and a
        // reader that watched them would read them again on a thread.
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Abstracts {
            reader,
            text: index.schema().get_field(TEXT_FIELD)?,
            title: index.schema().get_field(TITLE_FIELD)?,
            papers,
            remembered: Mutex::new(VecDeque::new()),
            home: None,
            damaged: AtomicBool::new(false),
        })
    }

    /// `search()`, unless tantivy fails on the index's files: then `None`,
    /// and the index is marked to be built again on the next open.
    pub(super) fn guarded<T>(&self, search: impl FnOnce() -> T) -> Option<T> {
        if self.damaged.load(Ordering::Relaxed) {
            return None;
        }
        let found = crate::contain::contained(search);
        if found.is_none() {
            self.damaged.store(true, Ordering::Relaxed);
            if let Some(home) = &self.home {
                // Unsealed, it is rebuilt when next opened; removing the
                // file never follows a link.
                let _ = std::fs::remove_file(home.join(sealed::READY));
            }
        }
        found
    }

    /// The papers with a word of their abstract that starts with `prefix`
    /// (lowercase).
    pub fn words_starting(&self, prefix: &str) -> PaperSet {
        let key = format!("^{prefix}");
        self.remembered(&key, false, || {
            let mut set = vec![0u64; self.papers.div_ceil(64)];
            let searcher = self.reader.searcher();
            for segment in searcher.segment_readers() {
                let (Ok(inverted), Ok(papers)) = (
                    segment.inverted_index(self.text),
                    segment.fast_fields().u64(PAPER_FIELD),
                ) else {
                    continue;
                };
                let Some(mut stream) = starting(&inverted, prefix) else {
                    continue;
                };
                while stream.advance() {
                    let postings = inverted
                        .read_postings_from_terminfo(stream.value(), IndexRecordOption::Basic);
                    if let Ok(mut postings) = postings {
                        mark_postings(&mut set, &mut postings, &papers);
                    }
                }
            }
            Arc::new(set)
        })
    }

    /// The papers with a word of their abstract that holds `part`
    /// (lowercase, one word): a superset of those whose abstract holds a
    /// phrase with that word in it.
    pub fn words_containing(&self, part: &str) -> PaperSet {
        let key = format!("*{part}");
        self.remembered(&key, true, || {
            let mut set = vec![0u64; self.papers.div_ceil(64)];
            let pattern = format!(".*{}.*", regex_escape(part));
            let searcher = self.reader.searcher();
            let found = RegexQuery::from_pattern(&pattern, self.text)
                .and_then(|query| searcher.search(&query, &DocSetCollector));
            let Ok(found) = found else {
                // Every paper may hold it: the search verifies them all.
                return Arc::new(vec![u64::MAX; self.papers.div_ceil(64)]);
            };
            let columns: Vec<_> = searcher
                .segment_readers()
                .iter()
                .map(|segment| segment.fast_fields().u64(PAPER_FIELD).ok())
                .collect();
            for address in found {
                let column = columns
                    .get(address.segment_ord as usize)
                    .and_then(Option::as_ref);
                if let Some(column) = column {
                    mark(&mut set, column.first(address.doc_id));
                }
            }
            Arc::new(set)
        })
    }

    /// The papers with a word of their abstract that `term` (lowercase)
    /// means: `choose` picks those words among every abstract word that
    /// starts with the term's first letter (sorted, each once).
    pub fn words_meant(
        &self,
        term: &str,
        choose: impl FnOnce(&[String]) -> Vec<String>,
    ) -> PaperSet {
        let key = format!("~{term}");
        self.remembered(&key, false, || {
            let mut set = vec![0u64; self.papers.div_ceil(64)];
            let Some(first) = term.chars().next() else {
                return Arc::new(set);
            };
            let searcher = self.reader.searcher();
            let mut words: Vec<String> = Vec::new();
            for segment in searcher.segment_readers() {
                let Ok(inverted) = segment.inverted_index(self.text) else {
                    continue;
                };
                let Some(mut stream) = starting(&inverted, &first.to_string()) else {
                    continue;
                };
                while stream.advance() {
                    if let Ok(word) = std::str::from_utf8(stream.key()) {
                        words.push(word.to_string());
                    }
                }
            }
            words.sort_unstable();
            words.dedup();
            let meant = choose(&words);
            for segment in searcher.segment_readers() {
                let (Ok(inverted), Ok(papers)) = (
                    segment.inverted_index(self.text),
                    segment.fast_fields().u64(PAPER_FIELD),
                ) else {
                    continue;
                };
                for m in &meant {
                    let word = Term::from_field_text(self.text, m);
                    if let Ok(Some(mut postings)) =
                        inverted.read_postings(&word, IndexRecordOption::Basic)
                    {
                        mark_postings(&mut set, &mut postings, &papers);
                    }
                }
            }
            Arc::new(set)
        })
    }

    /// The set `find` gives for `key`, remembered for the next asks; when
    /// the index is damaged, every paper if a search verifies each one
    /// (`verified`), else none.
    fn remembered(&self, key: &str, verified: bool, find: impl FnOnce() -> PaperSet) -> PaperSet {
        if let Ok(remembered) = self.remembered.lock()
            && let Some((_, set)) = remembered.iter().find(|(k, _)| k == key)
        {
            return Arc::clone(set);
        }
        let Some(set) = self.guarded(find) else {
            let fill = if verified { u64::MAX } else { 0 };
            return Arc::new(vec![fill; self.papers.div_ceil(64)]);
        };
        if let Ok(mut remembered) = self.remembered.lock() {
            if remembered.len() == REMEMBERED {
                remembered.pop_front();
            }
            remembered.push_back((key.to_string(), Arc::clone(&set)));
        }
        set
    }
}

/// The terms of a segment's dictionary that start with `prefix`.
fn starting<'a>(inverted: &'a InvertedIndexReader, prefix: &str) -> Option<TermStreamer<'a>> {
    let range = inverted.terms().range().ge(prefix.as_bytes());
    let stream = match next_prefix(prefix) {
        Some(upper) => range.lt(upper).into_stream(),
        None => range.into_stream(),
    };
    stream.ok()
}

/// Adds the paper of every document of `postings` to `set`.
fn mark_postings(set: &mut [u64], postings: &mut impl DocSet, papers: &Column<u64>) {
    let mut doc = postings.doc();
    while doc != TERMINATED {
        mark(set, papers.first(doc));
        doc = postings.advance();
    }
}

/// Adds `paper` to `set`, if it is a paper of the set.
fn mark(set: &mut [u64], paper: Option<u64>) {
    if let Some(paper) = paper
        && let Some(word) = set.get_mut((paper / 64) as usize)
    {
        *word |= 1 << (paper % 64);
    }
}

/// The smallest text above every text starting with `prefix`, if any.
fn next_prefix(prefix: &str) -> Option<Vec<u8>> {
    let mut bytes = prefix.as_bytes().to_vec();
    while let Some(last) = bytes.pop() {
        if last < 0xff {
            bytes.push(last + 1);
            return Some(bytes);
        }
    }
    None
}

fn regex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~\"@<>".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether `set` holds paper `i`.
pub fn holds(set: &[u64], i: usize) -> bool {
    set.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fulltext::AbstractsWriter;

    fn built(dir: Option<&Path>) -> Abstracts {
        let mut writer = AbstractsWriter::new(dir, 4).unwrap();
        writer
            .add(0, "", "We evaluate on MIMIC-CXR and MIMIC-IV.")
            .unwrap();
        writer.add(1, "", "Mamba models segment tumours.").unwrap();
        writer.add(2, "", "").unwrap();
        writer
            .add(3, "", "Mimicking radiologists with state space models.")
            .unwrap();
        writer.finish("state-1", 4).unwrap()
    }

    fn papers(set: &[u64]) -> Vec<usize> {
        (0..4).filter(|&i| holds(set, i)).collect()
    }

    #[test]
    fn words_are_found_by_their_start_and_by_a_piece() {
        let abstracts = built(None);
        assert_eq!(papers(&abstracts.words_starting("mimic")), [0, 3]);
        assert_eq!(
            papers(&abstracts.words_starting("mimic")),
            [0, 3],
            "remembered"
        );
        assert_eq!(papers(&abstracts.words_starting("model")), [1, 3]);
        assert_eq!(
            papers(&abstracts.words_starting("zzz")),
            Vec::<usize>::new()
        );
        assert_eq!(papers(&abstracts.words_containing("umour")), [1]);
        assert_eq!(papers(&abstracts.words_containing("cxr")), [0]);
    }

    #[test]
    fn an_index_in_a_directory_opens_only_for_its_state() {
        let dir = tempfile::TempDir::new().unwrap();
        let home = dir.path().join("entry").join("abstracts");
        built(Some(&home));
        let opened = Abstracts::open(&home, "state-1", 4).unwrap();
        assert_eq!(papers(&opened.words_starting("mamba")), [1]);
        assert!(Abstracts::open(&home, "state-2", 4).is_none());
        assert!(Abstracts::open(&home, "state-1", 5).is_none());
        std::fs::write(home.join("meta.json"), "garbled").unwrap();
        assert!(Abstracts::open(&home, "state-1", 4).is_none());
        // Built again over the damaged one.
        built(Some(&home));
        assert!(Abstracts::open(&home, "state-1", 4).is_some());
        let left: Vec<_> = std::fs::read_dir(home.parent().unwrap()).unwrap().collect();
        assert_eq!(left.len(), 1, "no building directory left");
    }

    #[test]
    fn a_changed_or_swapped_file_is_never_opened_and_a_failing_search_unseals() {
        let dir = tempfile::TempDir::new().unwrap();
        let home = dir.path().join("entry").join("abstracts");
        built(Some(&home));
        let biggest = std::fs::read_dir(&home)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| !p.ends_with(sealed::READY))
            .max_by_key(|p| std::fs::metadata(p).unwrap().len())
            .unwrap();
        let whole = std::fs::read(&biggest).unwrap();
        let mut damaged = whole.clone();
        let middle = damaged.len() / 2;
        damaged[middle] ^= 0xff;
        std::fs::write(&biggest, &damaged).unwrap();
        assert!(Abstracts::open(&home, "state-1", 4).is_none(), "changed");
        std::fs::write(&biggest, &whole).unwrap();
        let opened = Abstracts::open(&home, "state-1", 4).unwrap();

        // tantivy failing on a file changed after the check.
        assert_eq!(opened.guarded(|| -> u8 { panic!("damaged") }), None);
        assert_eq!(opened.guarded(|| 1), None, "stays damaged");
        assert_eq!(papers(&opened.words_starting("mamba")), Vec::<usize>::new());
        assert_eq!(papers(&opened.words_containing("umour")), [0, 1, 2, 3]);
        assert!(
            !home.join(sealed::READY).exists(),
            "rebuilt when next opened"
        );
        assert!(Abstracts::open(&home, "state-1", 4).is_none());
    }
}
