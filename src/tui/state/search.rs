//! The query line and the search it drives: the text, the query it parses
//! to, the search waiting to run, the results of recent queries, and the
//! results shown. Plain logic over the corpus and its index.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::query::ClauseKind;
use crate::query::facet_units;
use crate::query::facets::{self, Counts};
use crate::query::recent::Recent;
use crate::query::similar::similar;
use crate::query::{
    Hit, Index, Papers, ParseError, Query, Sort, Suggestion, abstracts_holding, parse,
};
use crate::tui::line_edit::{Edit, LineEdit};
use crate::tui::outcomes::Searched;

/// Up to this many papers (unless set otherwise), searches run as soon as
/// the query changes; above it the event loop runs them so that a newer
/// keystroke can cancel them.
pub(super) const INLINE_SEARCH_UP_TO: usize = 50_000;

/// From this many papers to search, a whole search takes longer than a
/// frame: a first screen of results comes first (see [`Search::run_first`]).
const FIRST_SCREEN_FROM: usize = 200_000;

/// How many of the best-ranked papers a first screen is found among: a
/// twentieth of a million, a few milliseconds.
const FIRST_SCREEN_AMONG: usize = 50_000;

/// The query line and its results.
pub struct Search {
    line: LineEdit,
    /// The query line has the keyboard.
    editing: bool,
    /// The text was last changed by a key that writes a clause (`s`, `S`,
    /// `B`, a facet), not by typing.
    set_by_key: bool,
    /// The last query that parsed; `hits` are its results.
    query: Query,
    /// The text `query` was parsed from.
    query_text: String,
    /// Why the text does not parse, if it does not.
    error: Option<ParseError>,
    pending: Option<Pending>,
    recent: Recent,
    hits: Vec<Hit>,
    counts: Counts,
    /// A word to try instead of a term, when nothing matches.
    suggestion: Option<Suggestion>,
    /// A word of the query and how many abstracts hold it, when nothing
    /// matches while the abstracts are not indexed yet.
    in_abstracts: Option<(String, usize)>,
    /// Why a `similar:` query has no answer, when it has none.
    why_empty: Option<String>,
    /// Papers from this index on arrived after the results were computed.
    unsearched: Option<usize>,
    /// Counts changes of `query`.
    generation: u64,
    /// The order of a query without `sort:`, when the config file sets
    /// one.
    default_sort: Option<Sort>,
    /// Corpora of up to this many papers are searched at once; larger
    /// ones beside the keyboard, where a key cancels the search.
    inline_up_to: usize,
    /// The snippets under the rows of these results.
    snippets: super::snippet_cache::SnippetCache,
    /// The text of a saved query run from its list: while the line holds
    /// it, its new papers come first.
    new_first_text: Option<String>,
    /// The results shown are a first screen, found among the best-ranked
    /// papers only: the whole search is still running, and the count may
    /// grow.
    growing: bool,
    /// From how many papers to search a first screen comes first, and
    /// among how many of the best-ranked it is found.
    first_screen: (usize, usize),
}

/// A search still to run.
#[derive(Debug, Clone)]
struct Pending {
    query: Query,
    /// The text it was parsed from: its facet clauses decide how the
    /// facets are counted.
    text: String,
    /// Over every paper, even if the query narrows the last one (the
    /// papers or the bookmarks changed since).
    full: bool,
    /// A first screen of its results is shown (see [`Search::run_first`]).
    first_shown: bool,
}

impl Search {
    /// The snippets kept for these results.
    pub(super) fn snippets(&self) -> &super::snippet_cache::SnippetCache {
        &self.snippets
    }

    /// Every paper of `papers`, newest first.
    pub fn new<P: Papers + ?Sized>(papers: &P, index: &Index) -> Search {
        let query = Query::default();
        let hits = index.search(papers, &query);
        let counts = Counts::over(index, &hits);
        Search {
            line: LineEdit::default(),
            editing: false,
            set_by_key: false,
            query,
            query_text: String::new(),
            error: None,
            pending: None,
            recent: Recent::default(),
            hits,
            counts,
            suggestion: None,
            in_abstracts: None,
            why_empty: None,
            unsearched: None,
            generation: 0,
            snippets: Default::default(),
            default_sort: None,
            inline_up_to: INLINE_SEARCH_UP_TO,
            new_first_text: None,
            growing: false,
            first_screen: (FIRST_SCREEN_FROM, FIRST_SCREEN_AMONG),
        }
    }

    /// Sets from how many papers to search a first screen comes first,
    /// and among how many of the best-ranked it is found.
    #[cfg(test)]
    pub(crate) fn set_first_screen(&mut self, from: usize, among: usize) {
        self.first_screen = (from, among);
    }

    /// The query line.
    pub fn line(&self) -> &LineEdit {
        &self.line
    }

    /// Whether the query line has the keyboard.
    pub fn editing(&self) -> bool {
        self.editing
    }

    /// The text of the query whose results are shown.
    pub fn query_text(&self) -> &str {
        &self.query_text
    }

    /// Puts `text` in the query line as if typed (a query from history).
    pub fn set_typed(&mut self, text: String) {
        self.line.set(text);
        self.line.cursor_to_end();
        self.set_by_key = false;
    }

    /// Puts a saved query's text in the query line, its new papers to
    /// come first for as long as the text stays as it is.
    pub fn set_saved(&mut self, text: String) {
        self.new_first_text = Some(text.clone());
        self.set_typed(text);
    }

    /// The query of the results shown.
    pub fn query(&self) -> &Query {
        &self.query
    }

    /// Why the text does not parse, if it does not.
    pub fn error(&self) -> Option<&ParseError> {
        self.error.as_ref()
    }

    /// The results, best first.
    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// A word to try instead of a term, when nothing matches.
    pub fn suggestion(&self) -> Option<&Suggestion> {
        self.suggestion.as_ref()
    }

    /// When nothing matches while the abstracts are not indexed yet: a
    /// word of the query and how many abstracts hold it.
    pub fn in_abstracts(&self) -> Option<(&str, usize)> {
        self.in_abstracts.as_ref().map(|(t, n)| (t.as_str(), *n))
    }

    /// Why a `similar:` query has no answer, when it has none.
    pub fn why_empty(&self) -> Option<&str> {
        self.why_empty.as_deref()
    }

    /// The query line with the suggested word in place of its term; false
    /// when there is no suggestion.
    pub fn take_suggestion(&mut self) -> bool {
        let Some(s) = self.suggestion.take() else {
            return false;
        };
        let text = self.line.text();
        let taken: Vec<String> = text
            .split(' ')
            .map(|word| {
                if word == s.term {
                    s.word.clone()
                } else {
                    word.to_string()
                }
            })
            .collect();
        self.line.set(taken.join(" "));
        true
    }

    /// Facet counts over the results.
    pub fn counts(&self) -> &Counts {
        &self.counts
    }

    /// Changes whenever the query of the results does.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Up to how many papers a search runs as soon as the query changes.
    pub fn inline_up_to(&self) -> usize {
        self.inline_up_to
    }

    /// Sets up to how many papers a search runs as soon as the query
    /// changes.
    pub fn set_inline_up_to(&mut self, papers: usize) {
        self.inline_up_to = papers;
    }

    /// Whether a search waits to run.
    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// The keyboard goes to the query line; after a key wrote a clause,
    /// what is typed next starts a clause of its own.
    pub fn start_editing(&mut self) {
        self.editing = true;
        if self.set_by_key {
            self.line.start_word();
        }
        self.set_by_key = false;
        self.line.cursor_to_end();
    }

    /// The keyboard leaves the query line; the text stays.
    pub fn stop_editing(&mut self) {
        self.editing = false;
    }

    /// Applies a typed edit; true when the text changed.
    pub fn edit(&mut self, edit: Edit) -> bool {
        let changed = self.line.apply(edit);
        if changed {
            self.set_by_key = false;
        }
        changed
    }

    /// Inserts typed or pasted text at the cursor.
    pub fn insert(&mut self, text: &str) {
        self.line.insert(text);
        self.set_by_key = false;
    }

    /// Replaces the text with what a key wrote (a sort, a facet clause).
    /// Sets the order of queries without `sort:`.
    pub fn set_default_sort(&mut self, sort: Option<Sort>) {
        self.default_sort = sort;
    }

    /// The order a query without `sort:` takes.
    pub fn default_sort(&self, query: &Query) -> Sort {
        self.default_sort.unwrap_or(
            Query {
                sort: None,
                ..query.clone()
            }
            .effective_sort(),
        )
    }

    pub fn set_by_key(&mut self, text: String) {
        self.line.set(text);
        self.set_by_key = true;
    }

    /// After the text changed: parses it (a malformed query keeps the
    /// results and says why) and asks for its search. Results remembered
    /// from a recent query are returned, to be shown at once.
    pub fn text_changed(&mut self, index: &Index) -> Option<Searched> {
        let new_first = self.new_first_text.as_deref() == Some(self.line.text());
        if !new_first {
            self.new_first_text = None;
        }
        let query = match parse(self.line.text()) {
            Ok(query) => Query {
                sort: query.sort.or(self.default_sort),
                new_first,
                ..query
            },
            Err(e) => {
                self.error = Some(e);
                return None;
            }
        };
        self.error = None;
        // Papers that arrived since the last results are searched with
        // the rest: the new query cannot only refine the old results.
        let full = self.pending.as_ref().is_some_and(|p| p.full) | self.unsearched.take().is_some();
        // Remembered empty results are searched again: what is said about
        // them (a word to try, abstracts that hold the word) is worked out
        // beside the keyboard, never here.
        // Facets picked in the query are counted by searches of their own
        // (see `run`), beside the keyboard too.
        let text = self.line.text().to_string();
        let plain_counts = facet_groups(index, &self.counts, &text).is_empty();
        let cached = self
            .recent
            .get(&query)
            .filter(|hits| !hits.is_empty() && plain_counts)
            .map(<[Hit]>::to_vec);
        let searched = cached.map(|hits| Searched::new(index, &query, hits));
        self.pending = Some(Pending {
            query,
            text,
            full,
            first_shown: false,
        });
        searched
    }

    /// Asks for the current query to run afresh over every paper (the
    /// papers or the bookmarks behind `is:bookmarked` changed).
    pub fn search_again(&mut self) {
        self.recent.clear();
        self.unsearched = None;
        let (query, text) = match self.pending.take() {
            Some(pending) => (pending.query, pending.text),
            None => (self.query.clone(), self.query_text.clone()),
        };
        self.pending = Some(Pending {
            query,
            text,
            full: true,
            first_shown: false,
        });
    }

    /// Runs the waiting search, giving up (`None`) soon after `cancel` is
    /// set: it may run on another thread while the keyboard is watched.
    pub fn run<P: Papers + ?Sized>(
        &self,
        papers: &P,
        index: &Index,
        cancel: &AtomicBool,
    ) -> Option<Searched> {
        let pending = self.pending.as_ref()?;
        // Among the results shown only when the new query's papers are
        // sure to be among them: typing fast must not find less.
        let among = (!pending.full && index.refines(papers, &pending.query, &self.query))
            .then_some(&self.hits[..]);
        let hits = index.search_cancellable(papers, &pending.query, among, cancel)?;
        let mut searched = Searched::new(index, &pending.query, hits);
        if searched.hits.is_empty() {
            searched.in_abstracts = abstracts_holding(papers, &pending.query, cancel);
            searched.why_empty = pending.query.clauses().find_map(|c| match &c.kind {
                ClauseKind::Similar(to) => similar(index, papers, to).reason,
                ClauseKind::Paper(named) if !c.negated => papers
                    .position_of_paper(named)
                    .is_none()
                    .then(|| format!("{named} is not in this corpus")),
                _ => None,
            });
        }
        // A group with entries picked is counted over the results without
        // them, so that its other entries show what picking them adds
        // (entries of one group combine with OR).
        let entries = facets::entries(index, &searched.counts);
        for group in facet_units::groups_in(&pending.text, &entries) {
            let relaxed = facet_units::without_group(&pending.text, Some(group), &entries);
            let Ok(query) = parse(&relaxed) else {
                continue;
            };
            let hits = index.search_cancellable(papers, &query, None, cancel)?;
            let other = Counts::over(index, &hits);
            searched.counts.take_group(index, group, &other);
        }
        // Cancelled in a step that gives up quietly (counting abstracts):
        // what was found so far must not become the settled results.
        (!cancel.load(Ordering::Relaxed)).then_some(searched)
    }

    /// A first screen of results for the waiting search, found among the
    /// best-ranked papers only (see [`Index::search_first_ranked`]), when
    /// the whole search would take longer than a frame: `None` when it
    /// would not, when one is shown already, for the query shown, or once
    /// `cancel` is set.
    pub fn run_first<P: Papers + ?Sized>(
        &self,
        papers: &P,
        index: &Index,
        cancel: &AtomicBool,
    ) -> Option<Searched> {
        // The same query run again (the papers changed) keeps its whole
        // results on screen until the new ones come.
        let pending = self
            .pending
            .as_ref()
            .filter(|p| !p.first_shown && p.query != self.query)?;
        let among = (!pending.full && index.refines(papers, &pending.query, &self.query))
            .then_some(self.hits.len());
        let (from, best) = self.first_screen;
        if among.unwrap_or(papers.count()) < from {
            return None;
        }
        let hits = index.search_first_ranked(papers, &pending.query, best, cancel)?;
        // Nothing among the best-ranked says nothing of the rest: the
        // screen waits for the whole search rather than say "0".
        (!hits.is_empty()).then(|| Searched::new(index, &pending.query, hits))
    }

    /// Shows a first screen of results (see [`Search::run_first`]) while
    /// the whole search still waits: it runs over every paper, as these
    /// results are only some of the query's. False when none waited.
    pub fn apply_first(&mut self, searched: Searched) -> bool {
        let Some(pending) = self.pending.as_mut() else {
            return false;
        };
        pending.first_shown = true;
        pending.full = true;
        self.hits = searched.hits;
        self.counts = searched.counts;
        self.suggestion = None;
        self.in_abstracts = None;
        self.why_empty = None;
        self.query = pending.query.clone();
        self.query_text = pending.text.clone();
        self.generation += 1;
        self.growing = true;
        true
    }

    /// Whether the results shown are a first screen, the whole search
    /// still running.
    pub fn is_growing(&self) -> bool {
        self.growing && self.pending.is_some()
    }

    /// Shows the results of the waiting search: `None` when none waited,
    /// else whether its query differs from the one shown before (rather
    /// than the same query run again over changed papers or bookmarks).
    pub fn apply(&mut self, searched: Searched) -> Option<bool> {
        let pending = self.pending.take()?;
        let changed = pending.query != self.query;
        self.growing = false;
        self.hits = searched.hits;
        self.counts = searched.counts;
        self.suggestion = searched.suggestion;
        self.in_abstracts = searched.in_abstracts;
        self.why_empty = searched.why_empty;
        self.query = pending.query;
        self.query_text = pending.text;
        self.generation += 1;
        self.recent.put(&self.query, &self.hits);
        Some(changed)
    }

    /// Papers from `from` on arrived: the waiting search covers them, or
    /// the next catch-up does.
    pub fn arrived(&mut self, from: usize) {
        self.recent.clear();
        match &mut self.pending {
            Some(pending) => pending.full = true,
            None => {
                self.unsearched.get_or_insert(from);
            }
        }
    }

    /// Brings the results up to date with the papers that arrived since:
    /// one search over them and one merge, however many batches came.
    /// True when the results changed.
    pub fn catch_up<P: Papers + ?Sized>(&mut self, papers: &P, index: &Index) -> bool {
        let Some(from) = self.unsearched.take() else {
            return false;
        };
        if let Some(pending) = &mut self.pending {
            pending.full = true;
            return false;
        }
        if !facet_groups(index, &self.counts, &self.query_text).is_empty() {
            // Counted by searches of their own: all run again.
            self.search_again();
            return false;
        }
        let more = index.search_from(papers, &self.query, from);
        self.counts.add(index, &more);
        let hits = std::mem::take(&mut self.hits);
        self.hits = index.merge_for(hits, more, &self.query);
        if !self.hits.is_empty() {
            self.suggestion = None;
            self.in_abstracts = None;
        }
        true
    }
}

/// The facet groups picked in `text`.
fn facet_groups(index: &Index, counts: &Counts, text: &str) -> Vec<&'static str> {
    facet_units::groups_in(text, &facets::entries(index, counts))
}
