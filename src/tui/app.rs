//! The reader's state and the one function that changes it.

use std::collections::HashSet;
use std::sync::atomic::AtomicBool;

use crate::bookmarks::{Bookmark, Change};
use crate::corpus::{Corpus, LinkKind, Paper};
use crate::query::facets::{self, Counts, is_facet_clause};
use crate::query::recent::Recent;
use crate::query::{
    Hit, Index, ParseError, Query, Sort, SortKey, parse, toggle_clause, with_sort, without_clauses,
    words,
};

use super::action::{Action, Effect};
use super::detail_layout::{DetailLayout, LayoutKey, Parts};
use super::line_edit::{self, Edit};
use super::loader::{Arrived, Finished};
use super::theme::Theme;
use super::view::layout::{self, Areas};

/// Which pane keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The result list.
    List,
    /// The detail pane (the abstract scrolls).
    Detail,
    /// The facets panel.
    Facets,
}

/// One row of the facets panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FacetRow {
    /// A group's name.
    Header(&'static str),
    /// An entry; `position` counts entries only (what the cursor moves over).
    Entry {
        /// What it shows and toggles.
        entry: facets::Entry,
        /// Its clause is in the query.
        selected: bool,
        /// Index among entries.
        position: usize,
    },
}

/// What the keyboard is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Moving around the panes.
    Normal,
    /// Typing in the query line.
    Query,
    /// The help overlay is open.
    Help,
    /// Typing a bookmark's note in its popup.
    Note,
    /// The links popup is open.
    Links,
}

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The text.
    pub text: String,
    /// Errors are drawn as such.
    pub is_error: bool,
}

impl Message {
    /// A message whose text may quote anything (a path, a URL, what the
    /// system said): one clean line, of bounded length.
    pub fn new(text: String, is_error: bool) -> Message {
        let text = crate::corpus::sanitize::clean_line_owned(text);
        Message {
            text: crate::corpus::sanitize::clip(&text, 1000).into_owned(),
            is_error,
        }
    }
}

/// Everything the reader shows, and nothing about how it is drawn.
pub struct App {
    /// The papers.
    pub corpus: Corpus,
    index: Index,
    /// The query line's text.
    pub query_text: String,
    /// Byte offset of the cursor in `query_text`.
    pub cursor: usize,
    /// The last query that parsed; `hits` are its results.
    pub query: Query,
    /// Why the query line's text does not parse, if it does not.
    pub query_error: Option<ParseError>,
    /// The results, best first.
    pub hits: Vec<Hit>,
    /// Position of the selection in `hits`.
    pub selected: usize,
    /// First result row shown.
    pub list_offset: usize,
    /// First detail line shown.
    pub detail_scroll: usize,
    /// First help line shown.
    pub help_scroll: usize,
    /// Facet counts over `hits`.
    pub counts: Counts,
    /// The facet entry under the cursor.
    pub facet_cursor: usize,
    /// First facet row shown.
    pub facet_offset: usize,
    /// The user pressed `f` to flip the size's default (shown when wide).
    pub facets_flipped: bool,
    /// Where keys go.
    pub focus: Focus,
    /// What the keyboard is doing.
    pub mode: Mode,
    /// Terminal size in cells.
    pub size: (u16, u16),
    /// The status line's message, if any.
    pub message: Option<Message>,
    /// Colours and attributes.
    pub theme: Theme,
    /// The bookmarks as last read or saved.
    pub bookmarks: Vec<Bookmark>,
    bookmarked_ids: HashSet<String>,
    /// Why bookmarking is off, when it is.
    pub bookmarks_disabled: Option<String>,
    /// Papers from this index on come from bookmarks, not from the corpus.
    pub orphans_from: usize,
    /// The note being typed in the note popup.
    pub note_text: String,
    /// Byte offset of the cursor in `note_text`.
    pub note_cursor: usize,
    /// The link under the cursor in the links popup.
    pub link_cursor: usize,
    /// A search the query asks for that has not run yet.
    pending: Option<Pending>,
    /// Progress while the corpus file is still being read.
    pub loading: Option<Loading>,
    /// Results of recent queries, for an instant backspace.
    recent: Recent,
    /// Papers from this index on arrived after the results were computed.
    unsearched: Option<usize>,
    /// The query's text was last changed by a key that writes a clause
    /// (`s`, `S`, `B`, a facet), not by typing.
    query_set_by_key: bool,
    /// Counts changes of `query`, for the detail layout's key.
    query_generation: u64,
    /// Counts changes of the bookmarks, for the detail layout's key.
    bookmarks_generation: u64,
    /// The selected paper laid out for the detail pane: made when first
    /// asked for after what it shows changed, then drawn from every frame.
    detail_cache: std::sync::Mutex<Option<std::sync::Arc<DetailLayout>>>,
}

/// The longest query, in characters: every keystroke searches with all of
/// it, and a pasted megabyte must not make each one slow.
pub const MAX_QUERY: usize = 1000;
/// The longest note typed or pasted in the reader, in characters.
pub const MAX_NOTE: usize = 10_000;

/// Characters of a title a list row can show at most, however wide the
/// terminal: highlights are looked for among these only.
const ROW_CHARS: usize = 1024;

/// Up to this many papers, searches run as soon as the query changes; above
/// it the event loop runs them so that a newer keystroke can cancel them.
const INLINE_SEARCH_UP_TO: usize = 50_000;

/// A search still to run.
#[derive(Debug, Clone)]
struct Pending {
    query: Query,
    /// Over every paper, even if the query narrows the last one (the
    /// papers or the bookmarks changed since).
    full: bool,
}

/// How far loading the corpus file has got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loading {
    /// The file, as shown.
    pub file: String,
    /// Bytes read so far.
    pub bytes_read: u64,
    /// The file's size.
    pub total_bytes: u64,
    /// Bad records skipped so far.
    pub skipped: usize,
    /// When the reader started on the file.
    pub started: std::time::Instant,
}

/// The outcome of a search run by the event loop.
pub struct Searched {
    hits: Vec<Hit>,
    counts: Counts,
}

impl App {
    /// A reader on `corpus` showing every paper, for a terminal of `size`.
    pub fn new(corpus: Corpus, size: (u16, u16), theme: Theme) -> App {
        let index = Index::new(&corpus.papers);
        let query = Query::default();
        let hits = index.search(&corpus.papers, &query);
        let counts = Counts::over(&index, &hits);
        App {
            corpus,
            index,
            query_text: String::new(),
            cursor: 0,
            query,
            query_error: None,
            hits,
            selected: 0,
            list_offset: 0,
            detail_scroll: 0,
            help_scroll: 0,
            counts,
            facet_cursor: 0,
            facet_offset: 0,
            facets_flipped: false,
            focus: Focus::List,
            mode: Mode::Normal,
            size,
            message: None,
            theme,
            bookmarks: Vec::new(),
            bookmarked_ids: HashSet::new(),
            bookmarks_disabled: None,
            orphans_from: 0,
            note_text: String::new(),
            note_cursor: 0,
            link_cursor: 0,
            pending: None,
            loading: None,
            recent: Recent::default(),
            unsearched: None,
            query_set_by_key: false,
            query_generation: 0,
            bookmarks_generation: 0,
            detail_cache: std::sync::Mutex::new(None),
        }
        .with_orphans_from_corpus_end()
    }

    /// A reader with no papers yet, while `file` loads in the background
    /// (see [`App::receive`]).
    pub fn loading(file: String, size: (u16, u16), theme: Theme) -> App {
        let name = std::path::Path::new(&file)
            .file_name()
            .map_or(file.clone(), |n| n.to_string_lossy().into_owned());
        let corpus = Corpus {
            name: crate::corpus::sanitize::clean_line(&name),
            papers: Vec::new(),
        };
        let mut app = App::new(corpus, size, theme);
        app.loading = Some(Loading {
            file,
            bytes_read: 0,
            total_bytes: 0,
            skipped: 0,
            started: std::time::Instant::now(),
        });
        app
    }

    /// Takes in papers that arrived from the loading thread: the results
    /// of the current query fill in with them.
    pub fn receive(&mut self, arrived: Arrived) {
        let Arrived {
            papers,
            index,
            bytes_read,
            total_bytes,
            skipped,
        } = arrived;
        if let Some(loading) = &mut self.loading {
            loading.bytes_read = bytes_read;
            loading.total_bytes = total_bytes;
            loading.skipped = skipped;
        }
        if papers.is_empty() {
            return;
        }
        let from = self.corpus.papers.len();
        if from == 0 && bytes_read > 0 {
            // Room for the whole corpus at once, estimated from the first
            // batch, rather than copying it each time the list doubles.
            let estimate = total_bytes as u128 * papers.len() as u128 / bytes_read as u128;
            self.corpus
                .papers
                .reserve((estimate as usize).min(50_000_000) * 21 / 20);
        }
        if from == 0 && !papers.is_empty() && bytes_read > 0 {
            // The index grows the same way: room for all of it at once.
            let scale = total_bytes as f64 / bytes_read as f64 * 1.05;
            self.index.reserve_like(&index, scale.min(1e6));
        }
        self.corpus.papers.extend(papers);
        self.orphans_from = self.corpus.papers.len();
        self.recent.clear();
        self.index.append(index);
        let ids = &self.bookmarked_ids;
        self.index
            .mark_bookmarked(from, |p| ids.contains(&p.id), &self.corpus.papers);
        match &mut self.pending {
            // The pending search will cover the new papers.
            Some(pending) => pending.full = true,
            None => {
                self.unsearched.get_or_insert(from);
            }
        }
    }

    /// Brings the results up to date with the papers received since the
    /// last call: one search over them and one merge, however many batches
    /// arrived, so that a fast loader cannot keep the reader busy merging.
    pub fn catch_up(&mut self) {
        if let Some(from) = self.unsearched.take() {
            match &mut self.pending {
                Some(pending) => pending.full = true,
                None => {
                    let papers = &self.corpus.papers;
                    let more = self.index.search_from(papers, &self.query, from);
                    self.counts.add(&self.index, &more);
                    let keep = self.hits.get(self.selected).map(|h| h.index);
                    let hits = std::mem::take(&mut self.hits);
                    self.hits = self.index.merge(hits, more, self.query.effective_sort());
                    let position = match keep {
                        // The selection stays on its paper; it moved down by
                        // the new hits ranked above it.
                        Some(k) => self.hits.iter().position(|h| h.index == k),
                        None => None,
                    };
                    self.select(position.unwrap_or(0));
                }
            }
        }
        self.run_inline_search();
    }

    /// The file is read: sorting orders are built, bookmarks of papers not
    /// in the corpus are listed, and the status line says how it went.
    pub fn loaded(&mut self, finished: Finished) {
        self.catch_up();
        let Some(loading) = self.loading.take() else {
            return;
        };
        self.index.finish();
        let summary = finished.summary;
        if !summary.name.is_empty() {
            self.corpus.name = crate::corpus::sanitize::clean_line(&summary.name);
        }
        self.set_bookmarks(self.bookmarks.clone());
        // From the reader's start to every paper searchable, which is what
        // the user waited for (the file itself was read a little earlier).
        let seconds = loading
            .started
            .elapsed()
            .as_secs_f64()
            .max(finished.seconds);
        let mut text = format!(
            "loaded {} papers in {:.1} s",
            thousands(self.orphans_from),
            seconds
        );
        if summary.skipped > 0 {
            text.push_str(&format!(
                " · skipped {} bad record{}",
                thousands(summary.skipped),
                if summary.skipped == 1 { "" } else { "s" },
            ));
            if let Some(first) = &summary.first_skipped {
                // The file name is enough on one status line; the position
                // and the field are what matter.
                let first = first.to_string();
                let name = std::path::Path::new(&loading.file)
                    .file_name()
                    .map_or(loading.file.clone(), |n| n.to_string_lossy().into_owned());
                let first = first
                    .strip_prefix(&loading.file)
                    .map_or(first.clone(), |rest| format!("{name}{rest}"));
                text.push_str(&format!(", first {first}"));
            }
        }
        if summary.refused_links > 0 {
            text.push_str(&format!(
                " · {} link{} refused (paperboat check lists them)",
                thousands(summary.refused_links),
                if summary.refused_links == 1 { "" } else { "s" },
            ));
        }
        // A file that loaded in a blink needs no word about it.
        if summary.skipped > 0 || summary.refused_links > 0 || seconds >= 0.2 {
            if summary.skipped > 0 {
                self.fail(text);
            } else {
                self.say(text);
            }
        }
    }

    /// Whether a search is waiting for the event loop to run it.
    pub fn search_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// Runs the pending search, giving up (`None`) soon after `cancel` is
    /// set. Takes `&self` so that it can run on another thread while the
    /// event loop watches the keyboard.
    pub fn run_search(&self, cancel: &AtomicBool) -> Option<Searched> {
        let pending = self.pending.as_ref()?;
        let among = (!pending.full && pending.query.narrows(&self.query)).then_some(&self.hits[..]);
        let hits =
            self.index
                .search_cancellable(&self.corpus.papers, &pending.query, among, cancel)?;
        let counts = Counts::over(&self.index, &hits);
        Some(Searched { hits, counts })
    }

    /// Shows the results of the pending search.
    pub fn searched(&mut self, searched: Searched) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        let keep = self.hits.get(self.selected).map(|h| h.index);
        self.hits = searched.hits;
        self.counts = searched.counts;
        self.query = pending.query;
        self.query_generation += 1;
        self.recent.put(&self.query, &self.hits);
        let position = keep.and_then(|k| self.hits.iter().position(|h| h.index == k));
        self.select(position.unwrap_or(0));
        if position.is_none() {
            self.list_offset = 0;
        }
    }

    /// Small corpora are searched at once, so that the state is complete
    /// after every update.
    fn run_inline_search(&mut self) {
        if self.pending.is_some()
            && self.corpus.papers.len() <= INLINE_SEARCH_UP_TO
            && let Some(searched) = self.run_search(&AtomicBool::new(false))
        {
            self.searched(searched);
        }
    }

    fn with_orphans_from_corpus_end(mut self) -> App {
        self.orphans_from = self.corpus.papers.len();
        self
    }

    /// True when the paper at `index` is bookmarked.
    pub fn is_bookmarked(&self, index: usize) -> bool {
        self.bookmarked_ids.contains(&self.corpus.papers[index].id)
    }

    /// True when the paper at `index` is known only from a bookmark.
    pub fn is_orphan(&self, index: usize) -> bool {
        index >= self.orphans_from
    }

    /// The bookmark of the paper at `index`.
    pub fn bookmark(&self, index: usize) -> Option<&Bookmark> {
        let id = &self.corpus.papers[index].id;
        self.bookmarks.iter().find(|b| &b.id == id)
    }

    /// Takes in the bookmarks as read or saved: marks, the `is:bookmarked`
    /// flag, and bookmarks whose paper is not in the corpus, which are
    /// listed from what the bookmark kept.
    pub fn set_bookmarks(&mut self, bookmarks: Vec<Bookmark>) {
        let in_corpus: HashSet<&str> = self.corpus.papers[..self.orphans_from]
            .iter()
            .map(|p| p.id.as_str())
            .collect();
        let orphans: Vec<Paper> = bookmarks
            .iter()
            .filter(|b| !in_corpus.contains(b.id.as_str()))
            .map(|b| Paper {
                id: b.id.clone(),
                links: b.links.clone(),
                ..Paper::titled(b.title.clone())
            })
            .collect();
        self.bookmarked_ids = bookmarks.iter().map(|b| b.id.clone()).collect();
        self.bookmarks = bookmarks;
        self.bookmarks_generation += 1;
        // Rebuilding the index is linear in the corpus: only when the set of
        // orphans changed, which is rare. While the corpus loads, a
        // bookmarked paper may still be on its way: orphans wait.
        if self.loading.is_none() && self.corpus.papers[self.orphans_from..] != orphans[..] {
            self.corpus.papers.truncate(self.orphans_from);
            self.corpus.papers.extend(orphans);
            self.index = Index::new(&self.corpus.papers);
        }
        let ids = &self.bookmarked_ids;
        self.index
            .set_bookmarked(|p| ids.contains(&p.id), &self.corpus.papers);
        self.research();
    }

    /// The selected paper, if there are results.
    pub fn selected_paper(&self) -> Option<&Paper> {
        self.hits
            .get(self.selected)
            .map(|h| &self.corpus.papers[h.index])
    }

    /// The matched title positions of the paper at `index`, for
    /// highlighting its list row: among the characters a row can show.
    pub fn title_positions(&self, index: usize) -> Vec<usize> {
        self.index
            .title_positions_within(&self.corpus.papers, index, &self.query, ROW_CHARS)
    }

    /// The selected paper laid out for the detail pane at its width, made
    /// once and kept until the paper, the width, the query or the
    /// bookmarks change; `None` without a selection or a detail pane.
    pub fn detail_layout(&self) -> Option<std::sync::Arc<DetailLayout>> {
        let index = self.hits.get(self.selected)?.index;
        let width = self.areas()?.detail.width;
        if width == 0 {
            return None;
        }
        let key = LayoutKey {
            paper: index,
            width,
            query: self.query_generation,
            bookmarks: self.bookmarks_generation,
        };
        // A poisoned lock only means a panic elsewhere: the cache is rebuilt.
        let mut cache = self
            .detail_cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(layout) = cache.as_ref().filter(|l| l.key == key) {
            return Some(std::sync::Arc::clone(layout));
        }
        let papers = &self.corpus.papers;
        let parts = Parts {
            title_positions: &self.index.title_positions(papers, index, &self.query),
            abstract_marks: self.index.abstract_marks(papers, index, &self.query),
            orphan: self.is_orphan(index),
            bookmark: self.bookmark(index),
        };
        let layout = std::sync::Arc::new(DetailLayout::new(key, &papers[index], parts));
        *cache = Some(std::sync::Arc::clone(&layout));
        Some(layout)
    }

    /// True when the facets panel is on screen.
    pub fn show_facets(&self) -> bool {
        layout::facets_by_default(self.size.0) != self.facets_flipped
    }

    /// Where every pane is, or `None` when the terminal is too small.
    pub fn areas(&self) -> Option<Areas> {
        layout::areas(self.size, self.show_facets())
    }

    /// The facets panel's rows: group headers and the entries with hits,
    /// plus any entry whose clause is in the query.
    pub fn facet_rows(&self) -> Vec<FacetRow> {
        let in_query: Vec<&str> = words(&self.query_text).map(|(_, w)| w).collect();
        let mut rows = Vec::new();
        let mut group = "";
        let mut position = 0;
        for entry in facets::entries(&self.index, &self.counts) {
            let selected = in_query.contains(&entry.clause.as_str());
            if entry.count == 0 && !selected {
                continue;
            }
            if entry.group != group {
                group = entry.group;
                rows.push(FacetRow::Header(group));
            }
            rows.push(FacetRow::Entry {
                entry,
                selected,
                position,
            });
            position += 1;
        }
        rows
    }

    /// Applies one action; returns what the event loop must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        // A message lasts until the next thing the user does.
        self.message = None;
        match action {
            Action::Quit => return vec![Effect::Quit],
            Action::Suspend => return vec![Effect::Suspend],
            Action::Paste(text) => self.paste(&text),
            Action::Back => self.back(),
            Action::EditQuery => {
                self.mode = Mode::Query;
                // After `s`, `B` or a facet wrote a clause, what is typed
                // next is a clause of its own, not more of `sort:upvotes`.
                if self.query_set_by_key
                    && !self.query_text.is_empty()
                    && !self.query_text.ends_with(' ')
                {
                    self.query_text.push(' ');
                }
                self.query_set_by_key = false;
                self.cursor = self.query_text.len();
            }
            Action::LeaveQuery => self.mode = Mode::Normal,
            Action::Edit(Edit::Insert(_)) if self.line_is_full() => self.say_line_is_full(),
            Action::Edit(edit) if self.mode == Mode::Note => {
                line_edit::apply(&mut self.note_text, &mut self.note_cursor, edit);
            }
            Action::Edit(edit) => {
                if line_edit::apply(&mut self.query_text, &mut self.cursor, edit) {
                    self.query_set_by_key = false;
                    self.requery();
                }
            }
            Action::ToggleBookmark => return self.toggle_bookmark(),
            Action::ToggleBookmarkedFilter => {
                self.query_text = toggle_clause(&self.query_text, "is:bookmarked");
                self.query_set_by_key = true;
                self.cursor = self.query_text.len();
                self.requery();
                return vec![Effect::ReloadBookmarks];
            }
            Action::EditNote => self.edit_note(),
            Action::OpenCode => {
                let Some(paper) = self.selected_paper() else {
                    return Vec::new();
                };
                match paper.links.iter().position(|l| l.kind == LinkKind::Code) {
                    Some(i) => return self.open_link(i),
                    None => self.say("no code link (O lists all links)"),
                }
            }
            Action::ShowLinks => match self.selected_paper() {
                Some(p) if !p.links.is_empty() => {
                    self.link_cursor = 0;
                    self.mode = Mode::Links;
                }
                Some(_) => self.say("this paper has no links"),
                None => {}
            },
            Action::OpenLink(i) => return self.open_link(i),
            Action::OpenSelectedLink => return self.open_link(self.link_cursor),
            Action::Opened(result) => match result {
                Ok(url) => self.say(format!("opened {url}")),
                Err(reason) => self.fail(reason),
            },
            Action::SaveNote => return self.save_note(),
            Action::BookmarksLoaded { result, done } => match result {
                Ok(bookmarks) => {
                    self.set_bookmarks(bookmarks);
                    if let Some(done) = done {
                        self.say(done);
                    }
                }
                Err(failure) => {
                    if failure.disables {
                        self.bookmarks_disabled = Some(failure.message.clone());
                    }
                    self.fail(failure.message);
                }
            },
            Action::Move(n) => self.move_by(n as isize),
            Action::PageDown => self.move_by(self.page() as isize),
            Action::PageUp => self.move_by(-(self.page() as isize)),
            Action::HalfPageDown => self.move_by((self.page() / 2).max(1) as isize),
            Action::HalfPageUp => self.move_by(-((self.page() / 2).max(1) as isize)),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrev => self.cycle_focus(-1),
            Action::FocusDetail => {
                // In the narrow layout the facets stand where the detail goes.
                if self.areas().is_some_and(|a| a.detail.is_empty()) {
                    self.facets_flipped = !self.facets_flipped;
                }
                self.focus = Focus::Detail;
            }
            Action::ToggleFacets => {
                self.facets_flipped = !self.facets_flipped;
                if self.show_facets() {
                    self.focus = Focus::Facets;
                } else if self.focus == Focus::Facets {
                    self.focus = Focus::List;
                }
                self.keep_selection_visible();
            }
            Action::FacetToggle => self.toggle_facet(self.facet_cursor),
            Action::FacetClear => {
                self.query_text = without_clauses(&self.query_text, is_facet_clause);
                self.query_set_by_key = true;
                self.cursor = self.query_text.len();
                self.requery();
                self.say("facet clauses cleared");
            }
            Action::SortNext => {
                let current = self.query.effective_sort();
                let mut key = current.key.next();
                // Relevance means nothing without a text clause.
                if key == SortKey::Relevance && !self.query.has_text() {
                    key = key.next();
                }
                self.set_sort(Sort {
                    key,
                    reversed: false,
                });
            }
            Action::SortReverse => {
                let current = self.query.effective_sort();
                self.set_sort(Sort {
                    reversed: !current.reversed,
                    ..current
                });
            }
            Action::ToggleHelp => {
                self.mode = if self.mode == Mode::Help {
                    Mode::Normal
                } else {
                    self.help_scroll = 0;
                    Mode::Help
                };
            }
            Action::Resize(w, h) => {
                self.size = (w, h);
                if self.focus == Focus::Facets && !self.show_facets() {
                    self.focus = Focus::List;
                }
                self.keep_selection_visible();
                self.keep_facet_cursor_visible();
                self.clamp_detail_scroll();
            }
            Action::ScrollAt { column, row, delta } => self.scroll_at(column, row, delta),
            Action::ClickAt { column, row } => self.click_at(column, row),
        }
        Vec::new()
    }

    fn back(&mut self) {
        match (self.mode, self.focus) {
            (Mode::Help | Mode::Query | Mode::Note | Mode::Links, _) => self.mode = Mode::Normal,
            (Mode::Normal, Focus::Detail | Focus::Facets) => self.focus = Focus::List,
            (Mode::Normal, Focus::List) => self.say("press q to quit"),
        }
    }

    /// The selected paper's corpus index and a bookmark made of it, unless
    /// bookmarking is off (then the status line says why).
    fn bookmarkable(&mut self) -> Option<(usize, Bookmark)> {
        if let Some(reason) = &self.bookmarks_disabled {
            let text = format!("bookmarks are off: {reason}");
            self.fail(text);
            return None;
        }
        let index = self.hits.get(self.selected)?.index;
        let paper = &self.corpus.papers[index];
        let note = self.bookmark(index).map_or("", |b| b.note.as_str());
        Some((index, Bookmark::of(paper, note)))
    }

    /// Opens link `i` of the selected paper if it may be opened; the
    /// status line says what happened either way.
    fn open_link(&mut self, i: usize) -> Vec<Effect> {
        let Some(paper) = self.selected_paper() else {
            return Vec::new();
        };
        let Some(url) = paper.links.get(i).map(|l| l.url.clone()) else {
            self.say(format!("no link {}", i + 1));
            return Vec::new();
        };
        self.mode = Mode::Normal;
        match crate::links::validate(&url) {
            Ok(url) => vec![Effect::Open(url.to_string())],
            Err(refusal) => {
                self.fail(format!("not opened: {refusal}"));
                Vec::new()
            }
        }
    }

    fn toggle_bookmark(&mut self) -> Vec<Effect> {
        let Some((index, bookmark)) = self.bookmarkable() else {
            return Vec::new();
        };
        let (change, done) = if self.is_bookmarked(index) {
            (Change::Remove(bookmark.id), "bookmark removed")
        } else {
            (Change::Add(bookmark), "bookmarked")
        };
        vec![Effect::SaveBookmarks {
            change,
            done: done.into(),
        }]
    }

    fn edit_note(&mut self) {
        let Some((_, bookmark)) = self.bookmarkable() else {
            return;
        };
        self.note_text = bookmark.note;
        self.note_cursor = self.note_text.len();
        self.mode = Mode::Note;
    }

    fn save_note(&mut self) -> Vec<Effect> {
        self.mode = Mode::Normal;
        let Some((_, mut bookmark)) = self.bookmarkable() else {
            return Vec::new();
        };
        // A note from the bookmarks file may have several lines: kept.
        bookmark.note = crate::corpus::sanitize::clean_lines(&self.note_text);
        let done = if bookmark.note.is_empty() {
            "note cleared"
        } else {
            "note saved"
        };
        vec![Effect::SaveBookmarks {
            change: Change::SetNote(bookmark),
            done: done.into(),
        }]
    }

    /// Pasted text goes into the line being edited, never runs as keys:
    /// line breaks and tabs become spaces, other control characters go,
    /// and the line keeps to its length limit. In the list, a paste starts
    /// the query line, as typing `/` would.
    fn paste(&mut self, text: &str) {
        match self.mode {
            Mode::Help | Mode::Links => return,
            Mode::Normal => {
                self.update(Action::EditQuery);
            }
            Mode::Query | Mode::Note => {}
        }
        let (line, cursor, limit) = match self.mode {
            Mode::Note => (&mut self.note_text, &mut self.note_cursor, MAX_NOTE),
            _ => (&mut self.query_text, &mut self.cursor, MAX_QUERY),
        };
        let room = limit.saturating_sub(line.chars().count());
        let mut kept = String::new();
        let mut cut = false;
        for c in text.chars() {
            let c = match c {
                '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' => ' ',
                c if crate::corpus::sanitize::is_unsafe(c) => continue,
                c => c,
            };
            if kept.chars().count() >= room {
                cut = true;
                break;
            }
            kept.push(c);
        }
        *cursor = (*cursor).min(line.len());
        line.insert_str(*cursor, &kept);
        *cursor += kept.len();
        if self.mode == Mode::Query && !kept.is_empty() {
            self.query_set_by_key = false;
            self.requery();
        }
        if cut {
            self.say_line_is_full();
        }
    }

    /// Whether the line being edited has reached its length limit.
    fn line_is_full(&self) -> bool {
        match self.mode {
            Mode::Query => self.query_text.chars().count() >= MAX_QUERY,
            Mode::Note => self.note_text.chars().count() >= MAX_NOTE,
            _ => false,
        }
    }

    fn say_line_is_full(&mut self) {
        let (what, limit) = match self.mode {
            Mode::Note => ("a note", MAX_NOTE),
            _ => ("the query", MAX_QUERY),
        };
        self.fail(format!(
            "{what} is at most {} characters: the rest was left out",
            thousands(limit)
        ));
    }

    fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message::new(text.into(), false));
    }

    fn fail(&mut self, text: impl Into<String>) {
        self.message = Some(Message::new(text.into(), true));
    }

    /// Runs the current query afresh over the whole corpus (after the data
    /// behind `is:bookmarked` or the corpus itself changed).
    fn research(&mut self) {
        self.recent.clear();
        self.unsearched = None;
        let query = match self.pending.take() {
            Some(pending) => pending.query,
            None => self.query.clone(),
        };
        self.pending = Some(Pending { query, full: true });
        self.run_inline_search();
    }

    /// Re-runs the query after its text changed; a malformed query keeps
    /// the previous results. Large corpora are searched by the event loop.
    fn requery(&mut self) {
        let query = match parse(&self.query_text) {
            Ok(q) => q,
            Err(e) => {
                self.query_error = Some(e);
                return;
            }
        };
        self.query_error = None;
        // Papers that arrived since the last results are searched with
        // the rest: the new query cannot only refine the old results.
        let full = self.pending.as_ref().is_some_and(|p| p.full) | self.unsearched.take().is_some();
        let cached = self.recent.get(&query).map(<[Hit]>::to_vec);
        self.pending = Some(Pending { query, full });
        match cached {
            Some(hits) => {
                let counts = Counts::over(&self.index, &hits);
                self.searched(Searched { hits, counts });
            }
            None => self.run_inline_search(),
        }
    }

    fn cycle_focus(&mut self, step: isize) {
        let Some(areas) = self.areas() else {
            return;
        };
        let mut panes = vec![Focus::List];
        if !areas.detail.is_empty() {
            panes.push(Focus::Detail);
        }
        if !areas.facets.is_empty() {
            panes.push(Focus::Facets);
        }
        let at = panes.iter().position(|&p| p == self.focus).unwrap_or(0) as isize;
        let len = panes.len() as isize;
        self.focus = panes[(at + step).rem_euclid(len) as usize];
    }

    /// Adds or removes the clause of the facet entry at `position`, keeping
    /// the cursor on that entry.
    fn toggle_facet(&mut self, position: usize) {
        let Some(entry) = self.facet_rows().into_iter().find_map(|row| match row {
            FacetRow::Entry {
                entry, position: p, ..
            } if p == position => Some(entry),
            _ => None,
        }) else {
            return;
        };
        self.query_text = toggle_clause(&self.query_text, &entry.clause);
        self.query_set_by_key = true;
        self.cursor = self.query_text.len();
        self.requery();
        self.facet_cursor = self
            .facet_rows()
            .iter()
            .find_map(|row| match row {
                FacetRow::Entry {
                    entry: e, position, ..
                } if e.clause == entry.clause => Some(*position),
                _ => None,
            })
            .unwrap_or(0);
        self.keep_facet_cursor_visible();
    }

    fn move_facet_cursor(&mut self, delta: isize) {
        let count = self
            .facet_rows()
            .iter()
            .filter(|r| matches!(r, FacetRow::Entry { .. }))
            .count();
        self.facet_cursor = self
            .facet_cursor
            .saturating_add_signed(delta)
            .min(count.saturating_sub(1));
        self.keep_facet_cursor_visible();
    }

    fn keep_facet_cursor_visible(&mut self) {
        let Some(areas) = self.areas() else {
            return;
        };
        let rows = self.facet_rows();
        let page = (areas.facets.height as usize).max(1);
        let row = rows
            .iter()
            .position(
                |r| matches!(r, FacetRow::Entry { position, .. } if *position == self.facet_cursor),
            )
            .unwrap_or(0);
        // Show the group header with the first entry of a group.
        let top = if row > 0 && matches!(rows[row - 1], FacetRow::Header(_)) {
            row - 1
        } else {
            row
        };
        if top < self.facet_offset {
            self.facet_offset = top;
        } else if row >= self.facet_offset + page {
            self.facet_offset = row + 1 - page;
        }
        self.facet_offset = self.facet_offset.min(rows.len().saturating_sub(page));
    }

    fn set_sort(&mut self, sort: Sort) {
        let default = Query {
            sort: None,
            ..self.query.clone()
        }
        .effective_sort();
        let clause = (sort != default).then_some(sort);
        self.query_text = with_sort(&self.query_text, clause);
        self.query_set_by_key = true;
        self.cursor = self.query_text.len();
        self.requery();
        let direction = if sort.reversed { ", reversed" } else { "" };
        self.say(format!("sorted by {}{direction}", sort.key.name()));
    }

    fn select(&mut self, position: usize) {
        let position = position.min(self.hits.len().saturating_sub(1));
        if position != self.selected {
            self.detail_scroll = 0;
        }
        self.selected = position;
        self.keep_selection_visible();
    }

    fn move_by(&mut self, delta: isize) {
        match (self.mode, self.focus) {
            (Mode::Help, _) => {
                self.help_scroll = self.help_scroll.saturating_add_signed(delta);
            }
            (Mode::Links, _) => {
                let count = self.selected_paper().map_or(0, |p| p.links.len());
                self.link_cursor = self
                    .link_cursor
                    .saturating_add_signed(delta)
                    .min(count.saturating_sub(1));
            }
            (Mode::Normal, Focus::Detail) => {
                self.detail_scroll = self.detail_scroll.saturating_add_signed(delta);
                self.clamp_detail_scroll();
            }
            (Mode::Normal, Focus::Facets) => self.move_facet_cursor(delta),
            _ => self.select(self.selected.saturating_add_signed(delta)),
        }
    }

    /// Rows of results the list shows at once.
    pub fn page(&self) -> usize {
        self.areas().map_or(1, |a| {
            let pane = match self.focus {
                Focus::Facets => a.facets,
                Focus::Detail => a.detail,
                Focus::List => a.list,
            };
            pane.height.max(1) as usize
        })
    }

    fn keep_selection_visible(&mut self) {
        let page = self.areas().map_or(1, |a| a.list.height.max(1) as usize);
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + page {
            self.list_offset = self.selected + 1 - page;
        }
        let max_offset = self.hits.len().saturating_sub(page);
        self.list_offset = self.list_offset.min(max_offset);
    }

    fn clamp_detail_scroll(&mut self) {
        let Some(areas) = self.areas() else {
            return;
        };
        let total = self.detail_layout().map_or(0, |l| l.lines.len());
        let max = total.saturating_sub(areas.detail.height as usize);
        self.detail_scroll = self.detail_scroll.min(max);
    }

    fn scroll_at(&mut self, column: u16, row: u16, delta: i32) {
        if self.mode == Mode::Help {
            self.move_by(delta as isize);
            return;
        }
        let Some(areas) = self.areas() else {
            return;
        };
        let point = ratatui::layout::Position { x: column, y: row };
        if areas.detail_block.contains(point) {
            self.detail_scroll = self.detail_scroll.saturating_add_signed(delta as isize);
            self.clamp_detail_scroll();
        } else if areas.facets_block.contains(point) {
            self.move_facet_cursor(delta as isize);
        } else if areas.list_block.contains(point) {
            self.select(self.selected.saturating_add_signed(delta as isize));
        }
    }

    fn click_at(&mut self, column: u16, row: u16) {
        let Some(areas) = self.areas() else {
            return;
        };
        let point = ratatui::layout::Position { x: column, y: row };
        if self.mode == Mode::Help {
            self.mode = Mode::Normal;
        } else if areas.list.contains(point) {
            self.mode = Mode::Normal;
            self.focus = Focus::List;
            let position = self.list_offset + (row - areas.list.y) as usize;
            if position < self.hits.len() {
                self.select(position);
            }
        } else if areas.detail_block.contains(point) {
            self.mode = Mode::Normal;
            self.focus = Focus::Detail;
        } else if areas.facets.contains(point) {
            self.mode = Mode::Normal;
            self.focus = Focus::Facets;
            let clicked = self
                .facet_rows()
                .into_iter()
                .nth(self.facet_offset + (row - areas.facets.y) as usize);
            if let Some(FacetRow::Entry { position, .. }) = clicked {
                self.facet_cursor = position;
                self.toggle_facet(position);
            }
        } else if areas.query.contains(point) {
            self.mode = Mode::Query;
            self.cursor = self.query_text.len();
        }
    }
}

/// `1234567` as `1,234,567`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::line_edit::Edit;

    fn app() -> App {
        App::new(Corpus::bundled().unwrap(), (120, 40), Theme::plain())
    }

    fn typed(app: &mut App, text: &str) {
        app.update(Action::EditQuery);
        for c in text.chars() {
            app.update(Action::Edit(Edit::Insert(c)));
        }
    }

    fn arrive(app: &mut App, papers: &[Paper], bytes_read: u64) {
        app.receive(Arrived {
            papers: papers.to_vec(),
            index: Index::part(papers),
            bytes_read,
            total_bytes: 1000,
            skipped: 1,
        });
    }

    #[test]
    fn results_fill_in_while_the_corpus_loads_and_typing_works_meanwhile() {
        let corpus = Corpus::bundled().unwrap();
        let mut app = App::loading("dir/big.jsonl".into(), (120, 40), Theme::plain());
        assert_eq!(app.corpus.name, "big.jsonl");
        typed(&mut app, "seg");
        arrive(&mut app, &corpus.papers[..50], 300);
        assert_eq!(app.loading.as_ref().unwrap().bytes_read, 300);
        typed(&mut app, "ment");
        for (i, chunk) in corpus.papers[50..].chunks(40).enumerate() {
            arrive(&mut app, chunk, 400 + i as u64);
        }
        app.loaded(Finished {
            summary: crate::corpus::LoadSummary {
                name: corpus.name.clone(),
                format: crate::corpus::Format::ArxivJsonl,
                skipped: 1,
                first_skipped: None,
                refused_links: 0,
                refused: Vec::new(),
            },
            seconds: 0.5,
        });
        assert!(app.loading.is_none());
        let mut whole = App::new(corpus, (120, 40), Theme::plain());
        typed(&mut whole, "segment");
        assert_eq!(app.hits, whole.hits);
        assert_eq!(app.counts, whole.counts);
        assert_eq!(app.corpus.name, whole.corpus.name);
        let message = app.message.unwrap().text;
        assert!(message.ends_with("skipped 1 bad record"), "{message}");
    }

    #[test]
    fn a_large_corpus_is_searched_by_the_event_loop_and_can_be_cancelled() {
        let base = Corpus::bundled().unwrap().papers;
        let papers: Vec<Paper> = (0..INLINE_SEARCH_UP_TO / base.len() + 1)
            .flat_map(|_| base.iter().cloned())
            .collect();
        let corpus = Corpus {
            name: "big".into(),
            papers,
        };
        let mut app = App::new(corpus, (120, 40), Theme::plain());
        let everything = app.hits.clone();
        typed(&mut app, "mamba");
        assert!(app.search_pending());
        assert_eq!(app.hits, everything, "results stay until the search ran");
        assert!(app.run_search(&AtomicBool::new(true)).is_none());
        let searched = app.run_search(&AtomicBool::new(false)).unwrap();
        app.searched(searched);
        assert!(!app.search_pending());
        let expected = app
            .index
            .search(&app.corpus.papers, &parse("mamba").unwrap());
        assert_eq!(app.hits, expected);
        assert!(!app.hits.is_empty());
    }

    fn selected_title(app: &App) -> String {
        app.selected_paper()
            .map(|p| p.title.clone())
            .unwrap_or_default()
    }

    #[test]
    fn starts_with_everything_newest_first() {
        let app = app();
        assert_eq!(app.hits.len(), app.corpus.papers.len());
        let dates: Vec<_> = app
            .hits
            .iter()
            .map(|h| app.corpus.papers[h.index].published)
            .collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]));
    }

    #[test]
    fn typing_filters_and_keeps_the_selection_while_it_is_still_there() {
        let mut app = app();
        typed(&mut app, "mamba");
        assert!(app.hits.len() < 20);
        app.update(Action::Move(2));
        let chosen = selected_title(&app);
        typed(&mut app, " u");
        assert_eq!(selected_title(&app), chosen, "still in the results");
        assert_eq!(
            app.hits[app.selected].index,
            app.hits
                .iter()
                .find(|h| app.corpus.papers[h.index].title == chosen)
                .unwrap()
                .index
        );
        app.update(Action::Edit(Edit::Clear));
        assert_eq!(selected_title(&app), chosen, "clearing keeps it too");
        assert_eq!(app.hits.len(), app.corpus.papers.len());
        typed(&mut app, "zzzzqqq");
        assert!(app.hits.is_empty());
        assert!(app.selected_paper().is_none());
        assert_eq!(app.selected, 0);
    }

    #[test]
    fn incremental_and_fresh_searches_agree() {
        let mut app = app();
        typed(&mut app, "seg");
        typed(&mut app, "ment med");
        let incremental = app.hits.clone();
        let fresh = app
            .index
            .search(&app.corpus.papers, &parse("segment med").unwrap());
        assert_eq!(incremental, fresh);
    }

    #[test]
    fn paging_stops_at_the_ends() {
        let mut app = app();
        let last = app.hits.len() - 1;
        app.update(Action::PageUp);
        assert_eq!(app.selected, 0);
        app.update(Action::PageDown);
        assert_eq!(app.selected, app.page());
        app.update(Action::Bottom);
        assert_eq!(app.selected, last);
        assert_eq!(app.list_offset, app.hits.len() - app.page());
        app.update(Action::PageDown);
        app.update(Action::Move(1));
        assert_eq!(app.selected, last);
        app.update(Action::HalfPageUp);
        assert_eq!(app.selected, last - app.page() / 2);
        app.update(Action::Top);
        assert_eq!((app.selected, app.list_offset), (0, 0));
        app.update(Action::Move(-1));
        assert_eq!(app.selected, 0);
    }

    #[test]
    fn sort_cycles_through_the_query_line() {
        let mut app = app();
        assert_eq!(app.query.effective_sort().to_string(), "date");
        app.update(Action::SortNext);
        assert_eq!(app.query_text, "sort:upvotes");
        let upvotes: Vec<u32> = app
            .hits
            .iter()
            .map(|h| app.corpus.papers[h.index].upvotes_or_zero())
            .collect();
        assert!(upvotes.windows(2).all(|w| w[0] >= w[1]));
        app.update(Action::SortReverse);
        assert_eq!(app.query_text, "sort:-upvotes");
        for expected in ["sort:title", "sort:authors", ""] {
            app.update(Action::SortNext);
            assert_eq!(app.query_text, expected);
        }
        typed(&mut app, "mamba");
        assert_eq!(app.query.effective_sort().key, SortKey::Relevance);
        app.update(Action::SortNext);
        assert_eq!(app.query_text, "mamba sort:date");
        assert!(
            app.message
                .as_ref()
                .unwrap()
                .text
                .contains("sorted by date")
        );
    }

    #[test]
    fn typing_after_a_key_wrote_a_clause_starts_a_new_clause() {
        for keys in [
            vec![Action::SortNext],
            vec![Action::ToggleBookmarkedFilter],
            vec![Action::FocusPrev, Action::FacetToggle, Action::Back],
            vec![Action::SortNext, Action::SortReverse],
        ] {
            let mut app = app();
            for key in keys.clone() {
                app.update(key);
            }
            let written = app.query_text.clone();
            assert!(!written.is_empty(), "{keys:?}");
            typed(&mut app, "mamba");
            assert_eq!(app.query_text, format!("{written} mamba"), "{keys:?}");
            assert!(app.query_error.is_none(), "{keys:?}");
            // Typed text goes on as typed.
            app.update(Action::LeaveQuery);
            typed(&mut app, "s");
            assert_eq!(app.query_text, format!("{written} mambas"), "{keys:?}");
        }
    }

    #[test]
    fn a_paste_is_text_for_the_line_never_keys() {
        // In the list: it starts the query, and `b`, `o`, Enter run nothing.
        let mut app = app();
        assert!(app.update(Action::Paste("mamba\nbo\r\n".into())).is_empty());
        assert_eq!(
            (app.mode, app.query_text.as_str()),
            (Mode::Query, "mamba bo  ")
        );
        assert!(app.bookmarks.is_empty());
        assert!(app.query_error.is_none());
        // Control characters go; tabs and line breaks are spaces.
        app.update(Action::Edit(Edit::Clear));
        app.update(Action::Paste("a\tb\u{1b}[2Jc\u{9b}d\u{202e}".into()));
        assert_eq!(app.query_text, "a b[2Jcd");
        // After a clause written by a key, a paste is a clause of its own.
        let mut app = app_with_sort();
        app.update(Action::Paste("mamba".into()));
        assert_eq!(app.query_text, "sort:upvotes mamba");
        // Popups that take no text ignore it.
        let mut app = self::app();
        app.update(Action::ToggleHelp);
        app.update(Action::Paste("q".into()));
        assert_eq!((app.mode, app.query_text.as_str()), (Mode::Help, ""));
    }

    fn app_with_sort() -> App {
        let mut app = app();
        app.update(Action::SortNext);
        app
    }

    #[test]
    fn the_query_and_the_note_keep_to_their_length() {
        let mut app = app();
        app.update(Action::Paste("x".repeat(1_000_000)));
        assert_eq!(app.query_text.len(), MAX_QUERY);
        let message = app.message.clone().unwrap();
        assert!(message.is_error && message.text.contains("at most 1,000 characters"));
        app.update(Action::Edit(Edit::Insert('y')));
        assert_eq!(
            app.query_text.len(),
            MAX_QUERY,
            "typing stops at the limit too"
        );
        app.update(Action::Edit(Edit::Backspace));
        app.update(Action::Edit(Edit::Insert('y')));
        assert!(app.query_text.ends_with('y'));
        // The note: a paste keeps to its limit, line breaks as spaces.
        let mut app = self::app();
        app.update(Action::EditNote);
        app.update(Action::Paste(format!("one\ntwo{}", "z".repeat(20_000))));
        assert!(app.note_text.starts_with("one two"));
        assert_eq!(app.note_text.chars().count(), MAX_NOTE);
        assert_eq!(app.query_text, "", "a note's paste leaves the query alone");
    }

    #[test]
    fn messages_are_one_clean_line() {
        let mut app = app();
        app.update(Action::Opened(Err(
            "could not start \u{1b}]2;x\u{7}\nbrowser".into(),
        )));
        let message = app.message.clone().unwrap();
        assert_eq!(message.text, "could not start \u{FFFD}]2;x\u{FFFD} browser");
        app.update(Action::Opened(Err("y".repeat(100_000))));
        assert!(app.message.as_ref().unwrap().text.chars().count() <= 1001);
    }

    #[test]
    fn a_malformed_query_keeps_the_previous_results() {
        let mut app = app();
        typed(&mut app, "mamba sort:-date");
        let before = app.hits.clone();
        assert!(!before.is_empty());
        app.update(Action::Edit(Edit::Backspace));
        app.update(Action::Edit(Edit::Backspace));
        app.update(Action::Edit(Edit::Backspace));
        app.update(Action::Edit(Edit::Backspace));
        typed(&mut app, "best");
        assert_eq!(app.hits, before, "the last good results stay");
        let err = app.query_error.clone().unwrap();
        assert_eq!(&app.query_text[err.start..err.end], "sort:-best");
        app.update(Action::Edit(Edit::DeleteWord));
        assert!(app.query_error.is_none());
        assert_eq!(app.query_text, "mamba ");
    }

    #[test]
    fn focus_detail_scrolling_and_back() {
        let mut app = app();
        app.size = (60, 20);
        app.update(Action::FocusDetail);
        assert_eq!(app.focus, Focus::Detail);
        app.update(Action::Move(3));
        assert_eq!(app.detail_scroll, 3);
        app.update(Action::Bottom);
        let bottom = app.detail_scroll;
        assert!(bottom > 3);
        app.update(Action::Move(1));
        assert_eq!(app.detail_scroll, bottom, "clamped at the end");
        app.update(Action::Back);
        assert_eq!(app.focus, Focus::List);
        app.update(Action::Move(1));
        assert_eq!(app.detail_scroll, 0, "a new paper starts at the top");
    }

    #[test]
    fn query_editing_keys() {
        let mut app = app();
        typed(&mut app, "ab");
        app.update(Action::Edit(Edit::Left));
        app.update(Action::Edit(Edit::Insert('é')));
        assert_eq!(app.query_text, "aéb");
        app.update(Action::Edit(Edit::Home));
        app.update(Action::Edit(Edit::Delete));
        assert_eq!(app.query_text, "éb");
        app.update(Action::Edit(Edit::End));
        app.update(Action::Edit(Edit::Backspace));
        app.update(Action::Edit(Edit::Backspace));
        app.update(Action::Edit(Edit::Backspace));
        assert_eq!((app.query_text.as_str(), app.cursor), ("", 0));
        app.update(Action::LeaveQuery);
        assert_eq!(app.mode, Mode::Normal);
    }

    #[test]
    fn mouse_wheel_and_click() {
        let mut app = app();
        let areas = app.areas().unwrap();
        app.update(Action::ScrollAt {
            column: areas.list.x + 1,
            row: areas.list.y + 1,
            delta: 3,
        });
        assert_eq!(app.selected, 3);
        app.update(Action::ClickAt {
            column: areas.list.x + 2,
            row: areas.list.y + 5,
        });
        assert_eq!(app.selected, 5);
        app.update(Action::ClickAt {
            column: areas.detail.x + 1,
            row: areas.detail.y,
        });
        assert_eq!(app.focus, Focus::Detail);
        app.update(Action::ClickAt {
            column: areas.query.x + 3,
            row: areas.query.y,
        });
        assert_eq!(app.mode, Mode::Query);
    }

    #[test]
    fn facets_toggle_clauses_and_follow_the_results() {
        let mut app = app();
        assert!(app.show_facets(), "shown by default when wide");
        app.update(Action::FocusPrev);
        assert_eq!(app.focus, Focus::Facets);
        let first = app.facet_rows().into_iter().find_map(|r| match r {
            FacetRow::Entry { entry, .. } => Some(entry),
            _ => None,
        });
        let first = first.unwrap();
        assert_eq!(first.group, "Type");
        app.update(Action::FacetToggle);
        assert_eq!(app.query_text, first.clause);
        assert_eq!(app.hits.len(), first.count);
        let marked: Vec<_> = app
            .facet_rows()
            .into_iter()
            .filter(|r| matches!(r, FacetRow::Entry { selected: true, .. }))
            .collect();
        assert_eq!(marked.len(), 1);
        // Counts are over the current results: the selected entry has them all.
        assert!(
            matches!(&marked[0], FacetRow::Entry { entry, .. } if entry.count == app.hits.len())
        );
        app.update(Action::Move(1));
        app.update(Action::FacetToggle);
        assert_eq!(app.query_text.split(' ').count(), 2);
        typed(&mut app, " mamba");
        app.update(Action::LeaveQuery);
        app.update(Action::FacetClear);
        assert_eq!(app.query_text, "mamba");
        app.update(Action::FacetToggle);
        app.update(Action::FacetToggle);
        assert_eq!(app.query_text, "mamba", "toggling twice restores the query");
    }

    #[test]
    fn focus_cycles_through_the_visible_panes() {
        let mut app = app();
        let mut seen = vec![app.focus];
        for _ in 0..3 {
            app.update(Action::FocusNext);
            seen.push(app.focus);
        }
        assert_eq!(
            seen,
            [Focus::List, Focus::Detail, Focus::Facets, Focus::List]
        );
        app.update(Action::ToggleFacets);
        assert!(!app.show_facets());
        app.update(Action::FocusPrev);
        assert_eq!(app.focus, Focus::Detail);
        // Narrow: facets are hidden until `f`, and then stand in for the detail.
        let mut narrow = App::new(Corpus::bundled().unwrap(), (60, 20), Theme::plain());
        assert!(!narrow.show_facets());
        narrow.update(Action::ToggleFacets);
        assert_eq!(narrow.focus, Focus::Facets);
        assert!(narrow.areas().unwrap().detail.is_empty());
        narrow.update(Action::FocusDetail);
        assert!(
            !narrow.show_facets(),
            "reading a paper brings the detail back"
        );
        assert_eq!(narrow.focus, Focus::Detail);
    }

    #[test]
    fn clicking_a_facet_toggles_it() {
        let mut app = app();
        let areas = app.areas().unwrap();
        // Row 0 is the "Type" header, row 1 its first entry.
        app.update(Action::ClickAt {
            column: areas.facets.x + 2,
            row: areas.facets.y + 1,
        });
        assert!(
            app.query_text.starts_with("tag:type/"),
            "{}",
            app.query_text
        );
        assert_eq!(app.focus, Focus::Facets);
        app.update(Action::ClickAt {
            column: areas.facets.x + 2,
            row: areas.facets.y,
        });
        assert!(
            app.query_text.starts_with("tag:type/"),
            "a header click changes nothing"
        );
    }

    /// Runs the effects an update asked for against `store`, as the event
    /// loop does.
    fn settle(app: &mut App, effects: Vec<Effect>, store: &crate::bookmarks::Store) {
        let context = crate::tui::Context {
            store: Some(store.clone()),
            opener: Box::new(crate::links::RecordingOpener::default()),
        };
        for effect in effects {
            if let Some(action) = crate::tui::run_effect(effect, &context) {
                let more = app.update(action);
                settle(app, more, store);
            }
        }
    }

    #[test]
    fn bookmarking_marks_saves_and_filters() {
        let dir = tempfile::TempDir::new().unwrap();
        let store = crate::bookmarks::Store::new(dir.path());
        let mut app = app();
        let first = app.hits[0].index;
        let effects = app.update(Action::ToggleBookmark);
        settle(&mut app, effects, &store);
        assert!(app.is_bookmarked(first));
        assert_eq!(app.message.as_ref().unwrap().text, "bookmarked");
        assert_eq!(store.load().unwrap().len(), 1);
        app.update(Action::EditNote);
        assert_eq!(app.mode, Mode::Note);
        for c in "read first".chars() {
            app.update(Action::Edit(Edit::Insert(c)));
        }
        assert_eq!(app.query_text, "", "typing a note leaves the query alone");
        let effects = app.update(Action::SaveNote);
        settle(&mut app, effects, &store);
        assert_eq!(app.mode, Mode::Normal);
        assert_eq!(app.bookmark(first).unwrap().note, "read first");
        assert_eq!(store.load().unwrap()[0].note, "read first");
        // Another reader adds a bookmark; `B` shows both.
        let other = &app.corpus.papers[app.hits[5].index];
        store
            .apply(crate::bookmarks::Change::Add(Bookmark::of(other, "")))
            .unwrap();
        let effects = app.update(Action::ToggleBookmarkedFilter);
        settle(&mut app, effects, &store);
        assert_eq!(app.query_text, "is:bookmarked");
        assert_eq!(app.hits.len(), 2);
        let effects = app.update(Action::ToggleBookmark);
        settle(&mut app, effects, &store);
        assert_eq!(
            app.hits.len(),
            1,
            "unbookmarked papers leave the filtered list"
        );
        assert_eq!(store.load().unwrap().len(), 1);
    }

    #[test]
    fn escape_cancels_a_note() {
        let dir = tempfile::TempDir::new().unwrap();
        let store = crate::bookmarks::Store::new(dir.path());
        let mut app = app();
        app.update(Action::EditNote);
        app.update(Action::Edit(Edit::Insert('x')));
        app.update(Action::Back);
        assert_eq!(app.mode, Mode::Normal);
        assert!(store.load().unwrap().is_empty());
        assert!(app.bookmarks.is_empty());
    }

    #[test]
    fn bookmarks_of_papers_outside_the_corpus_are_listed_from_the_bookmark() {
        let mut app = app();
        let total = app.corpus.papers.len();
        let gone = Bookmark {
            id: "gone-paper".into(),
            title: "A Paper From Another Corpus".into(),
            added: "2026-01-01T00:00:00Z".into(),
            note: "keep".into(),
            links: vec![crate::corpus::Link::classified("https://github.com/x/y")],
        };
        app.set_bookmarks(vec![gone.clone()]);
        assert_eq!(app.corpus.papers.len(), total + 1);
        app.update(Action::ToggleBookmarkedFilter);
        assert_eq!(app.hits.len(), 1);
        let index = app.hits[0].index;
        assert!(app.is_orphan(index) && app.is_bookmarked(index));
        assert_eq!(app.selected_paper().unwrap().title, gone.title);
        assert!(app.selected_paper().unwrap().code_link().is_some());
        // Setting the same bookmarks again changes nothing.
        app.set_bookmarks(vec![gone]);
        assert_eq!(app.corpus.papers.len(), total + 1);
        app.set_bookmarks(Vec::new());
        assert_eq!(app.corpus.papers.len(), total);
        assert!(app.hits.is_empty());
    }

    #[test]
    fn an_unwritable_store_turns_bookmarking_off_and_reading_goes_on() {
        let dir = tempfile::TempDir::new().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "x").unwrap();
        let store = crate::bookmarks::Store::new(blocker.join("paperboat"));
        let mut app = app();
        let effects = app.update(Action::ToggleBookmark);
        settle(&mut app, effects, &store);
        assert!(app.message.as_ref().unwrap().is_error);
        assert!(app.bookmarks_disabled.is_some());
        assert!(
            app.update(Action::ToggleBookmark).is_empty(),
            "no more attempts"
        );
        assert!(
            app.message
                .as_ref()
                .unwrap()
                .text
                .starts_with("bookmarks are off")
        );
        app.update(Action::Move(1));
        assert_eq!(app.selected, 1);
    }

    #[test]
    fn opening_links_validates_first() {
        let mut corpus = crate::corpus::load_bytes(
            br#"[{"title": "Good", "published": "2025-01-01", "links": [
                    {"kind": "paper", "url": "https://arxiv.org/abs/1"},
                    {"kind": "code", "url": "https://github.com/a/b"}]},
                 {"title": "Bad", "published": "2024-01-01", "links": [
                    {"kind": "code", "url": "javascript:alert(1)"}]},
                 {"title": "None", "published": "2023-01-01"}]"#,
            "c.json",
        )
        .unwrap();
        assert!(corpus.papers[1].links.is_empty(), "refused on load");
        // Papers built by other means are checked again before opening.
        corpus.papers[1].links = vec![crate::corpus::Link {
            kind: LinkKind::Code,
            url: "javascript:alert(1)".into(),
        }];
        let mut app = App::new(corpus, (120, 40), Theme::plain());
        assert_eq!(
            app.update(Action::OpenCode),
            [Effect::Open("https://github.com/a/b".into())]
        );
        app.update(Action::Opened(Ok("https://github.com/a/b".into())));
        assert_eq!(
            app.message.as_ref().unwrap().text,
            "opened https://github.com/a/b"
        );
        app.update(Action::ShowLinks);
        assert_eq!(app.mode, Mode::Links);
        app.update(Action::Move(1));
        assert_eq!(
            app.update(Action::OpenSelectedLink),
            [Effect::Open("https://github.com/a/b".into())]
        );
        assert_eq!(app.mode, Mode::Normal);
        app.update(Action::ShowLinks);
        assert_eq!(
            app.update(Action::OpenLink(0)),
            [Effect::Open("https://arxiv.org/abs/1".into())]
        );
        app.update(Action::ShowLinks);
        assert!(app.update(Action::OpenLink(5)).is_empty());
        app.update(Action::Back);
        app.update(Action::Move(1));
        assert!(
            app.update(Action::OpenCode).is_empty(),
            "a hostile link is never opened"
        );
        let message = app.message.clone().unwrap();
        assert!(
            message.is_error && message.text.contains("only http and https"),
            "{message:?}"
        );
        app.update(Action::Move(1));
        assert!(app.update(Action::OpenCode).is_empty());
        assert!(app.message.as_ref().unwrap().text.contains("no code link"));
        app.update(Action::ShowLinks);
        assert_eq!(app.mode, Mode::Normal, "no popup without links");
        app.update(Action::Opened(Err("could not start x".into())));
        assert!(app.message.as_ref().unwrap().is_error);
    }

    #[test]
    fn quit_and_help() {
        let mut app = app();
        app.update(Action::ToggleHelp);
        assert_eq!(app.mode, Mode::Help);
        app.update(Action::Back);
        assert_eq!(app.mode, Mode::Normal);
        assert_eq!(app.update(Action::Quit), [Effect::Quit]);
    }
}
