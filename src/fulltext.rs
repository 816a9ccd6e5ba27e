//! The abstracts of a corpus, searchable by word: a tantivy index (in the
//! corpus's cache entry, memory-mapped, or in a temporary directory
//! without a cache) whose every document is one abstract and the paper it
//! belongs to. Searches ask it for the papers having a word that starts
//! with a term, or a word that holds a piece of an exact phrase (the
//! candidates that a substring search then verifies).

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use tantivy::collector::DocSetCollector;
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, RegexQuery, TermQuery};
use tantivy::schema::{Field, INDEXED, IndexRecordOption, STORED, Schema, TEXT};
use tantivy::termdict::TermStreamer;
use tantivy::{
    DocSet, Index, IndexReader, IndexWriter, InvertedIndexReader, TERMINATED, TantivyDocument, Term,
};

/// The field holding the abstract's words.
const TEXT_FIELD: &str = "abstract";
/// The field holding the paper's title: only for "more like this", which
/// compares titles and abstracts; searches for abstract words never look
/// at it.
const TITLE_FIELD: &str = "title";
/// The field holding the paper's corpus index.
const PAPER_FIELD: &str = "paper";
/// The file that says a directory holds a whole abstracts index, and for
/// which corpus state.
const READY: &str = "ready.json";
/// Memory the writer may use before it writes a segment.
const WRITER_BUDGET: usize = 64 << 20;
/// Memory a one-thread writer of a few abstracts may use: tantivy's least.
const SMALL_BUDGET: usize = 15_000_000;
/// From this many abstracts on, they are indexed on several threads.
const MANY: usize = 50_000;
/// Terms whose papers are remembered, for a query being typed.
const REMEMBERED: usize = 16;

/// Why the abstracts cannot be indexed or searched.
pub type Error = tantivy::TantivyError;

/// What `ready.json` says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Ready {
    /// The corpus state the index answers for (any text the caller uses
    /// to tell states apart, e.g. its cache key).
    state: String,
    papers: usize,
}

/// Sets of papers, one bit per corpus index.
pub type PaperSet = Arc<Vec<u64>>;

/// An abstracts index, ready to search.
pub struct Abstracts {
    reader: IndexReader,
    text: Field,
    title: Field,
    papers: usize,
    remembered: Mutex<VecDeque<(String, PaperSet)>>,
}

/// An abstracts index being built, paper by paper.
pub struct AbstractsWriter {
    writer: IndexWriter,
    index: Index,
    text: Field,
    title: Field,
    paper: Field,
    /// Where the index is built (none: in memory).
    building: Option<tempfile::TempDir>,
    /// Where it goes when whole.
    home: Option<PathBuf>,
}

fn schema() -> (Schema, Field, Field, Field) {
    let mut builder = Schema::builder();
    let text = builder.add_text_field(TEXT_FIELD, TEXT);
    let title = builder.add_text_field(TITLE_FIELD, TEXT);
    let paper = builder.add_u64_field(PAPER_FIELD, INDEXED | STORED | tantivy::schema::FAST);
    (builder.build(), text, title, paper)
}

impl AbstractsWriter {
    /// A writer whose index goes to `dir` (replacing what is there) when
    /// finished, or stays in memory without one; `papers`: about how many
    /// abstracts will come (a few are indexed on one thread with little
    /// memory, many on several).
    pub fn new(dir: Option<&Path>, papers: usize) -> Result<AbstractsWriter, Error> {
        let (schema, text, title, paper) = schema();
        let (index, building) = match dir {
            Some(dir) => {
                let parent = dir.parent().unwrap_or(Path::new("."));
                std::fs::create_dir_all(parent)?;
                let building = tempfile::Builder::new()
                    .prefix(".abstracts-")
                    .tempdir_in(parent)?;
                (
                    Index::create_in_dir(building.path(), schema)?,
                    Some(building),
                )
            }
            None => (Index::create_in_ram(schema), None),
        };
        let (threads, budget) = if papers < MANY {
            (1, SMALL_BUDGET)
        } else {
            let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
            (threads, WRITER_BUDGET * threads)
        };
        let writer = index.writer_with_num_threads(threads, budget)?;
        Ok(AbstractsWriter {
            writer,
            index,
            text,
            title,
            paper,
            building,
            home: dir.map(Path::to_path_buf),
        })
    }

    /// Adds the abstract (and title) of the paper at corpus index
    /// `paper`.
    pub fn add(&mut self, paper: usize, title: &str, text: &str) -> Result<(), Error> {
        if text.is_empty() && title.is_empty() {
            return Ok(());
        }
        let mut doc = TantivyDocument::default();
        doc.add_text(self.text, text);
        doc.add_text(self.title, title);
        doc.add_u64(self.paper, paper as u64);
        self.writer.add_document(doc)?;
        Ok(())
    }

    /// Writes the index out and opens it; `state` and `papers` name the
    /// corpus it answers for (see [`Abstracts::open`]).
    pub fn finish(mut self, state: &str, papers: usize) -> Result<Abstracts, Error> {
        self.writer.commit()?;
        self.writer.wait_merging_threads()?;
        let ready = Ready {
            state: state.to_string(),
            papers,
        };
        let (Some(building), Some(home)) = (self.building, self.home) else {
            return Abstracts::from_index(&self.index, papers);
        };
        let json = serde_json::to_vec(&ready).map_err(|e| Error::InternalError(e.to_string()))?;
        std::fs::write(building.path().join(READY), json)?;
        drop(self.index);
        // Whole or not at all: the finished directory takes the place of
        // an old one by rename; if another process got there first with
        // the same state, its index is as good.
        let _ = std::fs::remove_dir_all(&home);
        let built = building.keep();
        if std::fs::rename(&built, &home).is_err() {
            let _ = std::fs::remove_dir_all(&built);
        }
        Abstracts::open_dir(&home, &ready)
    }
}

impl Abstracts {
    /// The whole index in `dir` if it answers for `state` with `papers`
    /// papers; `None` when it is missing, partial, stale or damaged.
    pub fn open(dir: &Path, state: &str, papers: usize) -> Option<Abstracts> {
        let wanted = Ready {
            state: state.to_string(),
            papers,
        };
        Abstracts::open_dir(dir, &wanted).ok()
    }

    fn open_dir(dir: &Path, wanted: &Ready) -> Result<Abstracts, Error> {
        let stale = || Error::InternalError("the abstracts index is stale".into());
        let ready: Ready = std::fs::read(dir.join(READY))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .ok_or_else(stale)?;
        if ready != *wanted {
            return Err(stale());
        }
        Abstracts::from_index(&Index::open_in_dir(dir)?, ready.papers)
    }

    fn from_index(index: &Index, papers: usize) -> Result<Abstracts, Error> {
        Ok(Abstracts {
            reader: index.reader()?,
            text: index.schema().get_field(TEXT_FIELD)?,
            title: index.schema().get_field(TITLE_FIELD)?,
            papers,
            remembered: Mutex::new(VecDeque::new()),
        })
    }

    /// The papers with a word of their abstract that starts with `prefix`
    /// (lowercase).
    pub fn words_starting(&self, prefix: &str) -> PaperSet {
        let key = format!("^{prefix}");
        self.remembered(&key, || {
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
        self.remembered(&key, || {
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
        self.remembered(&key, || {
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

    fn remembered(&self, key: &str, find: impl FnOnce() -> PaperSet) -> PaperSet {
        if let Ok(remembered) = self.remembered.lock()
            && let Some((_, set)) = remembered.iter().find(|(k, _)| k == key)
        {
            return Arc::clone(set);
        }
        let set = find();
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

impl Abstracts {
    /// The papers whose titles and abstracts are most like `title` and
    /// `text` (one paper's, or several's), best first with their scores:
    /// tantivy's more-like-this, which keeps their most telling words (by
    /// tf-idf over the corpus) and scores every paper by them.
    pub fn more_like(&self, title: &str, text: &str, limit: usize) -> Vec<(usize, f32)> {
        if (text.trim().is_empty() && title.trim().is_empty()) || limit == 0 {
            return Vec::new();
        }
        let searcher = self.reader.searcher();
        let terms = self.telling_terms(&searcher, &[(self.title, title), (self.text, text)]);
        if terms.is_empty() {
            return Vec::new();
        }
        let clauses: Vec<(Occur, Box<dyn tantivy::query::Query>)> = terms
            .into_iter()
            .map(|(weight, term)| {
                let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
                let boosted: Box<dyn tantivy::query::Query> =
                    Box::new(BoostQuery::new(Box::new(query), weight as f32));
                (Occur::Should, boosted)
            })
            .collect();
        let Ok(top) = searcher.search(
            &BooleanQuery::new(clauses),
            &tantivy::collector::TopDocs::with_limit(limit).order_by_score(),
        ) else {
            return Vec::new();
        };
        let columns: Vec<_> = searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.fast_fields().u64(PAPER_FIELD).ok())
            .collect();
        top.into_iter()
            .filter_map(|(score, address)| {
                let column = columns.get(address.segment_ord as usize)?.as_ref()?;
                let paper = column.first(address.doc_id)?;
                Some((usize::try_from(paper).ok()?, score))
            })
            .collect()
    }

    /// The most telling words of `texts` (each in its field): tf-idf over
    /// the corpus, words in more than a tenth of the papers left out as
    /// telling nothing, ties broken by the word so that the answer is the
    /// same every time.
    fn telling_terms(
        &self,
        searcher: &tantivy::Searcher,
        texts: &[(Field, &str)],
    ) -> Vec<(f64, Term)> {
        const MAX_TERMS: usize = 30;
        let papers = self.papers.max(1) as f64;
        let common = (self.papers as u64 / 10).max(2);
        let mut weighted: Vec<(f64, String, Term)> = Vec::new();
        for &(field, text) in texts {
            let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
            for word in text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| (3..=40).contains(&w.chars().count()))
                .map(str::to_lowercase)
                .filter(|w| {
                    !STOP_WORDS.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit())
                })
            {
                *counts.entry(word).or_default() += 1;
            }
            for (word, tf) in counts {
                let term = Term::from_field_text(field, &word);
                let df = searcher.doc_freq(&term).unwrap_or(0);
                if df == 0 || df > common {
                    continue;
                }
                let idf = (1.0 + papers / df as f64).ln();
                weighted.push((tf as f64 * idf, word, term));
            }
        }
        weighted.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        weighted.truncate(MAX_TERMS);
        weighted.into_iter().map(|(w, _, term)| (w, term)).collect()
    }
}

/// English words too common to say what a paper is about.
const STOP_WORDS: &[&str] = &[
    "the", "and", "for", "with", "that", "this", "are", "from", "our", "can", "which", "has",
    "have", "been", "was", "were", "its", "their", "these", "such", "into", "than", "also", "more",
    "not", "but", "all", "both", "while", "over", "using", "based", "propose", "proposed",
    "present", "show", "results", "paper", "approach", "method", "methods", "model", "models",
    "new", "however", "via", "across", "each", "two", "one", "may", "well", "between", "through",
];

/// Whether `set` holds paper `i`.
pub fn holds(set: &[u64], i: usize) -> bool {
    set.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
