//! Papers arriving while a corpus loads, searches finishing, bookmarks
//! read or saved: the results change, and the selection follows its paper.

use std::sync::atomic::AtomicBool;

use super::{App, Row, Searched};
use crate::store::bookmarks::Bookmark;
use std::sync::Arc;

use crate::catalog::CacheUse;
use crate::fulltext::Abstracts;
use crate::tui::action::BookmarkFailure;
use crate::tui::loader::{Arrived, Finished, Shelved};

pub(super) use super::search::INLINE_SEARCH_UP_TO;

/// Said when the abstracts become searchable: the results may grow.
const ABSTRACTS_READY: &str = "abstracts indexed: words match them too, counts may grow";

/// From this many abstracts on, their indexing is long enough to be told
/// of, and its end too.
const ABSTRACTS_TOLD_FROM: usize = 10_000;

/// From this many papers on, the headlines' words are indexed beside the
/// keyboard: below, reading every headline is quick enough.
const WORDS_FROM: usize = 100_000;

impl App {
    /// Ends the abstracts' indexing; whether it was told of: said only
    /// after indexing the user saw, not for abstracts kept from an earlier
    /// time and opened at once, nor for a few that took no time.
    fn indexing_was_told(&mut self) -> bool {
        self.library
            .indexing_abstracts
            .take()
            .is_some_and(|(_, total)| total >= ABSTRACTS_TOLD_FROM)
    }

    /// Whether the headlines' words want indexing: the corpus is read,
    /// large, and has papers the words index does not cover.
    pub fn words_wanted(&self) -> bool {
        let index = &self.catalog.index;
        // Not while the catalog kept for next time is being built: it
        // takes this one's place, and its words would be built again.
        self.loading.is_none()
            && !self.library.keeping
            && index.len() >= WORDS_FROM
            && index.words().is_none_or(|w| w.papers() < index.len())
    }

    /// The headlines' words of the corpus as it is (beside the keyboard:
    /// it takes `&self`); `None` once `cancel` is set.
    pub fn index_words(&self, cancel: &AtomicBool) -> Option<crate::query::HeadlineWords> {
        self.catalog.index.build_words(cancel)
    }

    /// Takes in papers that arrived from the loading thread: the results
    /// of the current query fill in with them at the next catch-up.
    pub(super) fn receive(&mut self, arrived: Arrived) {
        let Arrived {
            part,
            bytes_read,
            total_bytes,
            skipped,
        } = arrived;
        if let Some(loading) = &mut self.loading {
            loading.bytes_read = bytes_read;
            loading.total_bytes = total_bytes;
            loading.skipped = skipped;
        }
        if part.is_empty() {
            return;
        }
        let from = self.catalog.len();
        // Room for the whole corpus at once, estimated from the first
        // batch, rather than copying it each time the list doubles.
        let expected = (from == 0 && bytes_read > 0)
            .then(|| crate::corpus::expected_total(part.len(), bytes_read, total_bytes));
        if !self.catalog.append(part, expected) {
            return;
        }
        let bookmarks = &self.bookmarks;
        self.catalog
            .mark_bookmarked_from(from, |id| bookmarks.contains(id));
        let read = &self.reading.read;
        self.catalog
            .mark_from(crate::query::Mark::Read, from, |id| read.contains(id));
        super::pdfs::mark_pdfs(&mut self.catalog, from, &self.pdfs.on_disk);
        self.search.arrived(from);
    }

    /// Brings the results up to date with the papers received since the
    /// last catch-up; the selection stays on its paper.
    pub(super) fn catch_up(&mut self) {
        let keep = self.row(self.list.selected());
        if self.search.catch_up(&self.catalog, &self.catalog.index) {
            self.follow(keep, false);
        }
        self.run_inline_search();
    }

    /// The file is read: sorting orders are built, bookmarks of papers not
    /// in the corpus are listed, and the status line says how it went.
    pub(super) fn loaded(&mut self, finished: Finished) {
        self.catch_up();
        let Some(loading) = self.loading.take() else {
            return;
        };
        self.catalog.index.finish();
        self.inbox.forget();
        if !finished.summary.name.is_empty() {
            self.catalog.name = crate::corpus::sanitize::clean_line(&finished.summary.name);
        }
        self.set_bookmarks(self.bookmarks.list().to_vec());
        match loading.finished(&finished, self.catalog.len()) {
            Some((text, true)) => self.fail(text),
            Some((text, false)) => self.say(text),
            None => {}
        }
    }

    /// The catalog gathered beside the reader's while the file was read,
    /// finished: it takes the place of the reader's (the same papers in
    /// the same order, so results and selection stand), unless the
    /// papers differ (a load still running, or papers added since).
    pub(super) fn shelved(&mut self, shelved: Shelved) {
        let Shelved { mut catalog, cache } = shelved;
        self.library.keeping = false;
        // Without a cache the abstracts are indexed before the catalog
        // comes: their indexing ends here.
        let abstracts_came =
            catalog.has_abstracts() && !self.catalog.has_abstracts() && self.indexing_was_told();
        if self.loading.is_some() || catalog.len() != self.catalog.len() {
            return;
        }
        catalog.name = std::mem::take(&mut self.catalog.name);
        let marks = &self.bookmarks;
        catalog.mark_bookmarked(|id| marks.contains(id));
        let read = &self.reading.read;
        catalog.mark(crate::query::Mark::Read, |id| read.contains(id));
        super::pdfs::mark_pdfs(&mut catalog, 0, self.pdfs_on_disk());
        // The same papers in the same places: the same bodies.
        catalog.set_bodies(self.catalog.bodies().cloned());
        let old = std::mem::replace(&mut self.catalog, catalog);
        // Freeing a million papers takes a moment: not on the event loop.
        std::thread::spawn(move || drop(old));
        self.mark_updated();
        if let CacheUse::NotKept(why) = cache {
            self.say(format!("cache: {why}; the index is not kept"));
        } else if abstracts_came {
            self.say(ABSTRACTS_READY);
        }
    }

    /// The abstracts are indexed (or could not be): searches match their
    /// words from now on, the current one included.
    pub(super) fn abstracts_indexed(&mut self, abstracts: Option<Arc<Abstracts>>) {
        let was_indexing = self.indexing_was_told();
        match abstracts {
            Some(abstracts) => {
                self.catalog.set_abstracts(abstracts);
                self.inbox.forget();
                self.search.search_again();
                self.run_inline_search();
                if was_indexing {
                    self.say(ABSTRACTS_READY);
                }
            }
            None => self.say(
                "the abstracts could not be indexed: words match titles, authors and tags only",
            ),
        }
    }

    /// The corpus (one file or several) was opened from the cache: how
    /// long it took, and what loading told when it was indexed.
    pub(super) fn opened_from_cache(
        &mut self,
        kept: &crate::catalog::Kept,
        file: &str,
        seconds: f64,
    ) {
        let papers = self.catalog.distinct_len();
        if let Some((text, is_error)) = super::loading::loaded_line(file, kept, seconds, papers) {
            if is_error {
                self.fail(text);
            } else {
                self.say(text);
            }
        }
    }

    /// The abstracts of each file of a stacked catalog are indexed (or
    /// some could not be).
    pub(super) fn abstract_parts_indexed(&mut self, parts: Option<Vec<(usize, Arc<Abstracts>)>>) {
        let was_indexing = self.indexing_was_told();
        match parts {
            Some(parts) => {
                self.catalog.set_abstract_parts(parts);
                self.inbox.forget();
                self.search.search_again();
                self.run_inline_search();
                self.related.list = None;
                if was_indexing {
                    self.say(ABSTRACTS_READY);
                }
            }
            None => self.abstracts_indexed(None),
        }
    }

    /// Shows the results of the waiting search. A changed query (typed,
    /// a facet, a sort) starts at the best result, as fzf does; the same
    /// query run again (papers arrived, bookmarks changed) keeps the
    /// selection on its paper if it is still listed.
    pub(super) fn searched(&mut self, searched: Searched) {
        let keep = self.row(self.list.selected());
        let Some(changed) = self.search.apply(searched) else {
            return;
        };
        self.bookmarks.match_query(self.search.query());
        if changed {
            self.list.reset();
            self.select(0);
            // Another query: its first paper (maybe the same one) shows
            // where this query matched it.
            self.detail_for_new_paper();
        } else {
            self.follow(keep, true);
        }
    }

    /// A first screen of results, the whole search still running: the
    /// query changed, so the list starts at its top.
    pub(super) fn searched_first(&mut self, searched: Searched) {
        if !self.search.apply_first(searched) {
            return;
        }
        self.bookmarks.match_query(self.search.query());
        self.list.reset();
        self.select(0);
        self.detail_for_new_paper();
    }

    /// Runs the query again when it holds a clause of `kind` (what it
    /// asks about changed: the read marks, the PDFs on disk).
    pub(super) fn search_again_if(&mut self, kind: crate::query::ClauseKind) {
        if self.search.query().clauses().any(|c| c.kind == kind) {
            self.search.search_again();
            self.run_inline_search();
        }
    }

    /// Small corpora are searched at once, so that the state is complete
    /// after every update.
    pub(super) fn run_inline_search(&mut self) {
        if self.search.is_pending()
            && self.catalog.len() <= self.search.inline_up_to()
            && let Some(searched) = self.run_search(&AtomicBool::new(false))
        {
            self.searched(searched);
        }
    }

    /// After the rows changed: the selection stays on the paper of `keep`
    /// if it is still listed (it moved by the rows ranked above it), else
    /// goes to the first row, scrolled to the top when `reset`.
    fn follow(&mut self, keep: Option<Row>, reset: bool) {
        let position =
            keep.and_then(|row| (0..self.row_count()).find(|&p| self.row(p) == Some(row)));
        if position.is_none() && reset {
            self.list.reset();
        }
        self.select(position.unwrap_or(0));
    }

    /// Takes in the bookmarks as read or saved: marks, the `is:bookmarked`
    /// flag, and the bookmarks whose paper is not in the corpus.
    pub(super) fn set_bookmarks(&mut self, bookmarks: Vec<Bookmark>) {
        let corpus_loaded = self.loading.is_none();
        self.bookmarks
            .set(bookmarks, corpus_loaded.then_some(&self.catalog));
        let marks = &self.bookmarks;
        self.catalog.mark_bookmarked(|id| marks.contains(id));
        self.inbox.marks_changed();
        if corpus_loaded {
            self.mark_updated();
        }
        self.search.search_again();
        self.run_inline_search();
        self.bookmarks.match_query(self.search.query());
    }

    /// The bookmarks as an effect read or saved them, or why it failed.
    pub(super) fn bookmarks_loaded(
        &mut self,
        result: Result<Vec<Bookmark>, BookmarkFailure>,
        done: Option<crate::tui::action::Said>,
    ) {
        match result {
            Ok(bookmarks) => {
                self.set_bookmarks(bookmarks);
                // Several changes saved at once: only one of them speaks.
                if let Some(done) = done.filter(|d| !d.is_empty()) {
                    self.say(done);
                }
            }
            Err(failure) => {
                if failure.disables {
                    self.bookmarks.disable(failure.message.clone());
                }
                self.fail(failure.message);
            }
        }
    }
}
