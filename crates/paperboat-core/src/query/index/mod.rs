//! What matching needs, computed once per paper as papers arrive, kept in
//! a few flat arrays so that a keystroke does no allocation per paper and
//! reads memory in order.
//!
//! Searching an index is in `eval`, ordering its hits in `rank`.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use rustc_hash::FxHashMap;

use crate::cache::Column;

use super::ast::day_number;
use crate::corpus::Paper;
use crate::parallel;
use headlines::Headlines;
use orders::Orders;
pub use vocabulary::Vocabulary;
pub use words::{HeadlineWords, RunScores};

pub mod headlines;
pub(crate) mod orders;
mod stored;
mod vocabulary;
mod words;

/// From this many papers on, indexing is split across the cores.
const PARALLEL_FROM: usize = 50_000;

/// Per-paper flags.
const HAS_CODE: u8 = 1;
const HAS_LINKS: u8 = 2;
const HAS_UPVOTES: u8 = 4;
/// A record that removes its paper from a library (see [`Index::shadow`]).
const DELETED: u8 = 8;

/// A mark the user puts on papers, which the query language asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// `is:bookmarked`.
    Bookmarked = 0,
    /// `is:read`.
    Read = 1,
    /// `is:updated`: a bookmarked paper with a version newer than the
    /// bookmark's.
    Updated = 2,
    /// `has:pdf`: the paper's PDF is on disk.
    Pdf = 3,
}

/// How many kinds of [`Mark`] there are.
pub(crate) const MARKS: usize = 4;

/// The searchable form of a corpus: built with [`Index::new`] or grown with
/// [`Index::extend`] while a corpus loads.
#[derive(Default, Clone)]
pub struct Index {
    pub(super) headlines: Headlines,
    /// The distinct words of the headlines.
    pub(super) vocabulary: Vocabulary,
    /// Every distinct tag, case ignored, as first spelled; papers refer to
    /// them by position.
    tags: Vec<String>,
    /// Each tag's id by every spelling met and by its lowercase form.
    tag_table: FxHashMap<String, u32>,
    /// Tag ids of all papers, paper after paper.
    tag_flat: Column<u32>,
    /// Where each paper's tag ids start in `tag_flat` (one more than papers).
    tag_offsets: Column<u32>,
    /// Publication date as `YYYYMMDD` (0 when unknown).
    pub(super) day: Column<u32>,
    /// Upvotes (0 when unknown, see `HAS_UPVOTES`).
    pub(super) upvotes: Column<u32>,
    /// The author count shown.
    pub(super) authors: Column<u32>,
    flags: Column<u8>,
    /// When each paper entered the library, in seconds since the epoch
    /// (0 when unknown).
    pub(super) added: Column<u64>,
    /// `is:new` holds for papers added after this (every paper when unset).
    new_since: Option<u64>,
    /// How many distinct papers were added after `new_since` (0 unset).
    new_count: usize,
    /// The user's marks of each paper (bookmarked, read, updated), by
    /// corpus index.
    marks: [Vec<bool>; MARKS],
    /// Precomputed orders, when built for every paper (see [`Index::finish`]).
    pub(super) orders: Option<Orders>,
    /// Papers that a later record of the same id replaces (several corpus
    /// files opened as one), one bit each: no search finds them.
    shadowed: Option<Vec<u64>>,
    /// How many are.
    shadowed_count: usize,
    /// The headlines' distinct words with the papers holding each, for
    /// the papers there were when it was built (see [`Index::index_words`]).
    words: Option<Arc<HeadlineWords>>,
}

impl Index {
    /// The index of a whole corpus, ready to search. A large corpus is
    /// indexed in parts on all cores.
    pub fn new(papers: &[Paper]) -> Index {
        let threads = if papers.len() < PARALLEL_FROM {
            1
        } else {
            parallel::threads()
        };
        let parts =
            parallel::map_ranges(papers.len(), threads, |range| Index::part(&papers[range]));
        // The first part as it is; the rest renumber their tags into it.
        let mut parts = parts.into_iter();
        let mut index = parts.next().unwrap_or_default();
        for part in parts {
            index.append(part);
        }
        index.finish();
        index
    }

    /// The index of `papers` alone, to be appended to the index of the
    /// papers before them with [`Index::append`]; no orders yet.
    pub fn part(papers: &[Paper]) -> Index {
        let mut index = Index::default();
        index.extend(papers);
        index
    }

    /// Appends the index of the papers that follow these (see
    /// [`Index::part`]); tag ids are renumbered into this index's.
    pub fn append(&mut self, other: Index) {
        if self.tag_offsets.is_empty() {
            self.tag_offsets.to_mut().push(0);
        }
        self.orders = None;
        self.headlines.append(other.headlines);
        self.vocabulary.append(other.vocabulary);
        let ids: Vec<u32> = other.tags.into_iter().map(|t| self.tag_id(t)).collect();
        let base = self.tag_flat.len() as u32;
        self.tag_flat
            .to_mut()
            .extend(other.tag_flat.iter().map(|&t| ids[t as usize]));
        self.tag_offsets
            .to_mut()
            .extend(other.tag_offsets.iter().skip(1).map(|&o| o + base));
        self.day.to_mut().extend_from_slice(&other.day);
        self.upvotes.to_mut().extend_from_slice(&other.upvotes);
        self.authors.to_mut().extend_from_slice(&other.authors);
        self.flags.to_mut().extend_from_slice(&other.flags);
        self.added.to_mut().extend_from_slice(&other.added);
        for (mine, theirs) in self.marks.iter_mut().zip(other.marks) {
            mine.extend(theirs);
        }
    }

    /// `is:new` holds from now on for the papers added after `since`
    /// (seconds since the epoch), or for every paper when `None`.
    pub fn set_new_since(&mut self, since: Option<u64>) {
        self.new_since = since;
        self.new_count = match since {
            None => 0,
            Some(since) => (0..self.len())
                .filter(|&i| self.added[i] > since && !self.is_shadowed(i))
                .count(),
        };
    }

    /// When `is:new` starts (seconds since the epoch), if set.
    pub fn new_since(&self) -> Option<u64> {
        self.new_since
    }

    /// How many papers are new since the last visit (0 before any).
    pub fn new_count(&self) -> usize {
        self.new_count
    }

    /// Whether paper `i` is new (see [`Index::set_new_since`]).
    pub fn is_new(&self, i: usize) -> bool {
        match self.new_since {
            None => true,
            Some(since) => self.added.get(i).is_some_and(|&a| a > since),
        }
    }

    /// When paper `i` entered the library, if known.
    pub fn added(&self, i: usize) -> Option<crate::corpus::Instant> {
        let secs = *self.added.get(i)?;
        (secs > 0).then_some(crate::corpus::Instant { secs })
    }

    /// Hides the papers at `positions` from every search: a later record
    /// of the same id takes their place.
    pub fn shadow(&mut self, positions: &[usize]) {
        let len = self.len();
        let bits = self
            .shadowed
            .get_or_insert_with(|| vec![0; len.div_ceil(64)]);
        bits.resize(len.div_ceil(64), 0);
        for &i in positions.iter().filter(|&&i| i < len) {
            if bits[i / 64] >> (i % 64) & 1 == 0 {
                bits[i / 64] |= 1 << (i % 64);
                self.shadowed_count += 1;
            }
        }
    }

    /// Whether record `i` removes its paper (a withdrawn paper).
    pub fn is_deleted(&self, i: usize) -> bool {
        self.flags.get(i).is_some_and(|f| f & DELETED != 0)
    }

    /// Whether paper `i` is hidden by a later record of its id.
    pub fn is_shadowed(&self, i: usize) -> bool {
        self.shadowed
            .as_ref()
            .is_some_and(|bits| bits.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1))
    }

    /// Whether any paper is hidden so.
    pub fn shadows_any(&self) -> bool {
        self.shadowed_count > 0
    }

    /// The papers a search can find: all but the shadowed.
    pub fn distinct_len(&self) -> usize {
        self.len() - self.shadowed_count
    }

    /// Makes room for `scale` times what `part` holds, so that appending
    /// parts of about its size does not copy everything as the index grows.
    pub fn reserve_like(&mut self, part: &Index, scale: f64) {
        let papers = (part.len() as f64 * scale) as usize;
        self.headlines.reserve_like(&part.headlines, scale);
        let tags = (part.tag_flat.len() as f64 * scale) as usize;
        self.tag_flat.reserve(tags);
        self.tag_offsets.reserve(papers + 1);
        self.day.reserve(papers);
        self.upvotes.reserve(papers);
        self.authors.reserve(papers);
        self.flags.reserve(papers);
        self.added.reserve(papers);
        for marks in &mut self.marks {
            marks.reserve(papers);
        }
    }

    /// The id of `tag`, ignoring case: the first spelling seen is the one
    /// shown (`arxiv/cs.LG`), and each spelling met is remembered so that
    /// the next paper's is found without lowercasing it.
    fn tag_id(&mut self, tag: String) -> u32 {
        if let Some(&id) = self.tag_table.get(&tag) {
            return id;
        }
        let folded = tag.to_lowercase();
        let id = match self.tag_table.get(&folded) {
            Some(&id) => id,
            None => {
                let id = self.tags.len() as u32;
                self.tags.push(tag.clone());
                self.tag_table.insert(folded, id);
                id
            }
        };
        self.tag_table.insert(tag, id);
        id
    }

    /// Adds `papers`, which follow the ones already indexed in the corpus.
    /// Searches stay correct but sort from scratch until [`Index::finish`].
    pub fn extend(&mut self, papers: &[Paper]) {
        if self.tag_offsets.is_empty() {
            self.tag_offsets.to_mut().push(0);
        }
        self.orders = None;
        let before = self.headlines.spans.len();
        self.headlines.extend(papers);
        for i in before..self.headlines.spans.len() {
            self.vocabulary.add_words(self.headlines.title(i).as_str());
            self.vocabulary.add_words(self.headlines.rest(i).as_str());
        }
        let mut tag_flat = std::mem::take(&mut self.tag_flat);
        for p in papers {
            for t in &p.tags {
                let id = match self.tag_table.get(t.as_str()) {
                    Some(&id) => id,
                    None => self.tag_id(t.as_str().to_string()),
                };
                tag_flat.to_mut().push(id);
            }
            self.tag_offsets.to_mut().push(tag_flat.len() as u32);
        }
        self.tag_flat = tag_flat;
        let day = papers
            .iter()
            .map(|p| p.published.map_or(0, |d| day_number(d) as u32));
        self.day.to_mut().extend(day);
        self.upvotes
            .to_mut()
            .extend(papers.iter().map(Paper::upvotes_or_zero));
        let authors = papers.iter().map(|p| p.display_author_count() as u32);
        self.authors.to_mut().extend(authors);
        self.flags.to_mut().extend(papers.iter().map(|p| {
            let code = if p.code_link().is_some() { HAS_CODE } else { 0 };
            let links = if p.links.is_empty() { 0 } else { HAS_LINKS };
            let deleted = if p.meta.as_ref().is_some_and(|m| m.deleted) {
                DELETED
            } else {
                0
            };
            code | links | deleted | if p.upvotes.is_some() { HAS_UPVOTES } else { 0 }
        }));
        let added = papers
            .iter()
            .map(|p| p.meta.as_ref().and_then(|m| m.added).map_or(0, |a| a.secs));
        self.added.to_mut().extend(added);
        let n = self.day.len();
        for marks in &mut self.marks {
            marks.resize(n, false);
        }
    }

    /// Builds the precomputed orders that make sorting linear; call once no
    /// more papers are coming.
    pub fn finish(&mut self) {
        self.orders = Some(Orders::new(&self.upvotes, &self.day));
    }

    /// The precomputed orders, taken out (to be given back to
    /// [`Index::finish_after`] once papers have been appended).
    pub(crate) fn take_orders(&mut self) -> Option<Orders> {
        self.orders.take()
    }

    /// [`Index::finish`] for papers appended to those that `known` (from
    /// [`Index::take_orders`]) ranks: only the papers appended are sorted.
    pub(crate) fn finish_after(&mut self, known: Option<Orders>) {
        let n = self.len();
        let orders = match known {
            // Nothing was appended: the orders stand as they are.
            Some(known) if known.relevance.by.len() == n && known.newest.by.len() == n => known,
            Some(known) => Orders::extended(&known, &self.upvotes, &self.day)
                .unwrap_or_else(|| Orders::new(&self.upvotes, &self.day)),
            None => Orders::new(&self.upvotes, &self.day),
        };
        self.orders = Some(orders);
    }

    /// Indexes the headlines' words, so that a short term is scored from
    /// the words holding it rather than from every headline (see
    /// [`HeadlineWords`]). Papers added later are scored from their text.
    pub fn index_words(&mut self) {
        let words = HeadlineWords::build(&self.headlines, self.len(), &AtomicBool::new(false));
        self.words = words.map(Arc::new);
    }

    /// The headlines' words of every paper indexed now, built beside
    /// whatever else goes on (see [`Index::set_words`]); `None` once
    /// `cancel` is set.
    pub fn build_words(&self, cancel: &AtomicBool) -> Option<HeadlineWords> {
        HeadlineWords::build(&self.headlines, self.len(), cancel)
    }

    /// Searches from now on score short terms from `words`, built by
    /// [`Index::build_words`] on this index.
    pub fn set_words(&mut self, words: Arc<HeadlineWords>) {
        if words.papers() <= self.len() {
            self.words = Some(words);
        }
    }

    /// The headlines' words, when indexed.
    pub fn words(&self) -> Option<&Arc<HeadlineWords>> {
        self.words.as_ref()
    }

    /// The distinct words of the headlines.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// How many papers are indexed.
    pub fn len(&self) -> usize {
        self.day.len()
    }

    /// Whether no paper is indexed.
    pub fn is_empty(&self) -> bool {
        self.day.is_empty()
    }

    /// Marks which papers `is:bookmarked` matches.
    pub fn set_bookmarked(&mut self, bookmarked: impl Fn(&Paper) -> bool, papers: &[Paper]) {
        self.set_marks(Mark::Bookmarked, papers.iter().map(bookmarked).collect());
    }

    /// Marks which of the papers from `from` on `is:bookmarked` matches
    /// (those that arrived since the last [`Index::set_bookmarked`]).
    pub fn mark_bookmarked(
        &mut self,
        from: usize,
        bookmarked: impl Fn(&Paper) -> bool,
        papers: &[Paper],
    ) {
        let flags = papers[from.min(papers.len())..]
            .iter()
            .map(bookmarked)
            .collect();
        self.set_marks_from(Mark::Bookmarked, from, flags);
    }

    /// Whether paper `index` carries `mark`.
    pub fn is_marked(&self, mark: Mark, index: usize) -> bool {
        self.marks[mark as usize]
            .get(index)
            .copied()
            .unwrap_or(false)
    }

    pub(super) fn is_bookmarked(&self, index: usize) -> bool {
        self.is_marked(Mark::Bookmarked, index)
    }

    /// Every distinct tag of the corpus (lowercase), by tag id.
    pub fn tag_names(&self) -> &[String] {
        &self.tags
    }

    /// The tag ids of the paper at `index`.
    pub fn tag_ids(&self, index: usize) -> &[u32] {
        // The offsets may be mapped from a cache file changed since it was
        // checked: out of range, the paper has no tags rather than a panic.
        let at = |i: usize| self.tag_offsets.get(i).map_or(0, |&o| o as usize);
        self.tag_flat
            .get(at(index)..at(index + 1))
            .unwrap_or_default()
    }

    /// The publication year (0 when unknown) and whether the paper at
    /// `index` has a code link.
    /// The month (1-12) of the paper's date, 0 without one.
    pub fn month(&self, index: usize) -> u8 {
        (self.day[index] / 100 % 100) as u8
    }

    pub fn facts(&self, index: usize) -> (u16, bool) {
        ((self.day[index] / 10_000) as u16, self.has_code(index))
    }

    pub(super) fn has_code(&self, index: usize) -> bool {
        self.flags[index] & HAS_CODE != 0
    }

    pub(super) fn has_links(&self, index: usize) -> bool {
        self.flags[index] & HAS_LINKS != 0
    }

    /// The publication date of the paper at `index`, when known.
    pub fn date(&self, index: usize) -> Option<crate::corpus::Date> {
        let day = self.day[index];
        crate::corpus::Date::new(
            (day / 10_000) as u16,
            (day / 100 % 100) as u8,
            (day % 100) as u8,
        )
    }

    /// The upvotes of the paper at `index`, when known.
    pub fn upvotes(&self, index: usize) -> Option<u32> {
        self.known_upvotes(index)
    }

    /// Sets `mark` on the papers from `from` on (those that arrived since
    /// the last marking), one flag per paper.
    pub fn set_marks_from(&mut self, mark: Mark, from: usize, flags: Vec<bool>) {
        let n = self.len();
        let marks = &mut self.marks[mark as usize];
        marks.truncate(from);
        marks.resize(from, false);
        marks.extend(flags);
        marks.resize(n, false);
    }

    /// Sets (or clears) `mark` on paper `index`.
    pub fn set_mark(&mut self, mark: Mark, index: usize, on: bool) {
        let n = self.len();
        let marks = &mut self.marks[mark as usize];
        if index < n {
            marks.resize(n, false);
            marks[index] = on;
        }
    }

    /// Sets `mark` on exactly the papers `flags` says (missing ones are
    /// unmarked).
    pub fn set_marks(&mut self, mark: Mark, flags: Vec<bool>) {
        let n = self.len();
        let marks = &mut self.marks[mark as usize];
        *marks = flags;
        marks.resize(n, false);
    }

    /// Upvotes when known.
    pub(super) fn known_upvotes(&self, index: usize) -> Option<u32> {
        (self.flags[index] & HAS_UPVOTES != 0).then(|| self.upvotes[index])
    }
}
