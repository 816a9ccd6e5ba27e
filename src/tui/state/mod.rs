//! The reader's state, made of parts with private fields (the search, the
//! list, the detail, the facets, the bookmarks, loading progress, the
//! screen, the library's work, links being opened, reading, history and
//! saved queries, picks, related papers, back and forward), and
//! [`App::update`], the only code that changes it.
//! Nothing here draws or does I/O: `update` returns effects as values.
//!
//! `App`'s methods are grouped by what they handle: `editing.rs` (the query
//! line, pastes, sorts, facet clauses), `navigation.rs` (moving, focus,
//! mouse, size), `marks.rs` (bookmarks, notes, links) and `results.rs`
//! (papers arriving, searches, the selection that follows them).

mod bookmarks;
mod chosen;
mod copying;
mod detail;
mod editing;
mod exporting;
mod facets;
mod inbox;
mod jumps;
mod library_status;
mod list;
mod loading;
mod marks;
mod navigation;
mod opening;
mod overlay;
mod pdfs;
mod query_history;
mod read_marks;
mod reading;
mod reading_view;
mod related;
mod related_papers;
mod results;
mod saved_commands;
mod screen;
mod search;
mod snippet_cache;
mod snippets;
mod syncing;
#[cfg(test)]
mod tests;
mod timeline;
mod versions;

use std::borrow::Cow;
use std::sync::Arc;

pub use crate::tui::outcomes::{InboxCounts, RELATED_SHOWN, RelatedList, Searched};
pub use bookmarks::Bookmarks;
pub use facets::{FacetRow, FacetsPanel, row_at};
pub use inbox::Inbox;
pub use library_status::LibraryStatus;
pub use loading::{Loading, thousands};
pub use opening::Opening;
pub use overlay::Overlay;
pub use read_marks::{ReadMarks, Reading, Undo};
pub use related_papers::Related;
pub use screen::{Focus, Message, Screen};
pub use search::Search;

use super::action::{Action, Command, Effect, Said};
use super::detail_layout::{AUTHORS_SEPARATOR, DetailLayout, LayoutKey, Parts, TAGS_SEPARATOR};
use super::keymap::Context;
use super::layout::{self, Areas};
use crate::catalog::Catalog;
use crate::corpus::Paper;
use crate::query::Papers;
use crate::store::bookmarks::Bookmark;
use detail::Detail;
use list::List;

pub use crate::query::MAX_QUERY;
/// The longest note typed or pasted in the reader, in characters.
pub const MAX_NOTE: usize = 10_000;
/// Characters of a title a list row can show at most, however wide the
/// terminal: highlights are looked for among these only.
const ROW_CHARS: usize = 1024;

/// One row of the result list: a paper of the corpus, or one known only
/// from a bookmark (listed after them, under `is:bookmarked`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// The paper at this index of the corpus.
    Paper(usize),
    /// The paper at this index of the bookmarks not in the corpus.
    Orphan(usize),
}

/// What a list row shows of its paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowFacts<'a> {
    /// The title as written.
    pub title: &'a str,
    /// The publication date, when known.
    pub date: Option<crate::corpus::Date>,
    /// Upvotes, when known.
    pub upvotes: Option<u32>,
    /// Whether it has a code link.
    pub has_code: bool,
}

/// Everything the reader shows, and nothing about how it is drawn: each
/// field is a part with one job.
pub struct App {
    /// The papers and their index.
    catalog: Catalog,
    /// The query line and its results.
    search: Search,
    /// The result list's selection and scroll.
    list: List,
    /// The detail pane's scroll and layout.
    detail: Detail,
    /// The facets panel's cursor and scroll.
    facets: FacetsPanel,
    /// The bookmarks and the papers known only from them.
    bookmarks: Bookmarks,
    /// Progress while the corpus file is still being read.
    loading: Option<Loading>,
    /// The popup, the focused pane, the size and the status message.
    screen: Screen,
    /// The library's work: abstracts indexed, a sync, a first run.
    library: LibraryStatus,
    /// Links being opened and the questions `o` asked.
    links: Opening,
    /// Read marks, undo, time on screen and the reading view.
    reading: Reading,
    /// The queries run before, as the query line walks them.
    history: query_history::QueryHistory,
    /// The saved queries and what they find among the new papers.
    inbox: inbox::Inbox,
    /// The papers picked with `v`, which `b` and `r` act on.
    chosen: chosen::Chosen,
    /// The related papers, their cursor and the queries `R` replaced.
    related: Related,
    /// The papers read and the queries they came from, for back and forward.
    jumps: jumps::Jumps,
    /// The PDFs on disk and the downloads beside the keyboard.
    pdfs: pdfs::PdfState,
}

impl App {
    /// A reader on `catalog` showing every paper, for a terminal of `size`.
    pub fn new(catalog: impl Into<Catalog>, size: (u16, u16)) -> App {
        let catalog = catalog.into();
        let search = Search::new(&catalog, &catalog.index);
        App {
            catalog,
            search,
            list: List::default(),
            detail: Detail::default(),
            facets: FacetsPanel::default(),
            bookmarks: Bookmarks::default(),
            loading: None,
            screen: Screen::new(size),
            library: LibraryStatus::default(),
            links: Opening::default(),
            reading: Reading::default(),
            history: query_history::QueryHistory::default(),
            inbox: Default::default(),
            chosen: chosen::Chosen::default(),
            related: Related::default(),
            jumps: jumps::Jumps::default(),
            pdfs: pdfs::PdfState::default(),
        }
    }

    /// A reader with no papers yet, while `file` loads in the background
    /// (see [`Action::Arrived`]).
    pub fn loading(file: String, size: (u16, u16)) -> App {
        // The name the corpus has once loaded, unless it names itself.
        let name = crate::corpus::default_name(std::path::Path::new(&file));
        let mut app = App::new(Catalog::loaded(name, Vec::new()), size);
        app.loading = Some(Loading::new(file));
        app
    }

    /// Applies one action; returns what the event loop must do.
    pub fn update(&mut self, action: impl Into<Action>) -> Vec<Effect> {
        match action.into() {
            Action::Command(command) => {
                // A message lasts until the next thing the user does.
                self.screen.message = None;
                return self.command(command);
            }
            Action::CopyFailed(reason) => self.fail(format!("not copied: {reason}")),
            Action::CopyUnconfirmed => self.copy_unconfirmed(),
            Action::Exported(result) => match result {
                Ok(done) => self.say(done),
                Err(reason) => self.fail(format!("not exported: {reason}")),
            },
            Action::Arrived(arrived) => self.receive(*arrived),
            Action::CatchUp => self.catch_up(),
            Action::Loaded(finished) => {
                self.loaded(*finished);
                return self.index_bodies();
            }
            Action::Shelved(shelved) => self.shelved(*shelved),
            Action::Keeping => self.library.keeping = true,
            Action::IndexingAbstracts(done, total) => {
                self.library.indexing_abstracts = Some((done, total));
            }
            Action::Abstracts(abstracts) => {
                self.abstracts_indexed(abstracts);
                // Worked out from titles alone until now: again, in full.
                self.related.list = None;
            }
            Action::OpenedFromCache {
                kept,
                file,
                seconds,
            } => self.opened_from_cache(&kept, &file, seconds),
            Action::AbstractParts(parts) => self.abstract_parts_indexed(parts),
            Action::Sync(event) => {
                // A grown library has papers in new places.
                let grew = matches!(event, crate::tui::sync_worker::SyncEvent::Grew(..));
                self.sync_event(event);
                if grew {
                    return self.index_bodies();
                }
            }
            Action::Pdf(event) => return self.pdf_event(event),
            Action::PdfsListed(ids) => return self.pdfs_listed(ids),
            Action::BodiesIndexed(bodies, of) => self.bodies_indexed(bodies, of),
            Action::PdfOpened(result) => self.pdf_opened(result),
            Action::PdfGone(id) => self.pdf_gone(&id),
            Action::FirstRun => self.library.first_run = true,
            Action::Start(settings) => self.start_with(*settings),
            Action::Searched(searched) => {
                self.searched(searched);
                self.select_pending_paper();
            }
            Action::SearchedFirst(searched) => self.searched_first(searched),
            Action::Related(list) => self.related_arrived(*list),
            Action::InboxCounted(counts) => self.inbox_counted(*counts),
            Action::WordsIndexed(words) => self.catalog.index.set_words(words),
            Action::Opened(result) => {
                self.screen.message = None;
                match result {
                    Ok(url) => self.say(format!("opened {}: {url}", self.links.what)),
                    Err(reason) => self.fail(reason),
                }
            }
            Action::BookmarksOff(reason) => self.bookmarks.disable(reason),
            Action::ConfigUnread(reason) => {
                self.fail(format!("{reason}; the defaults are in effect"));
            }
            Action::BookmarksLoaded { result, done } => {
                // One of several changes saved together, saying nothing,
                // leaves what another said.
                if !done.as_ref().is_some_and(Said::is_empty) {
                    self.screen.message = None;
                }
                self.bookmarks_loaded(result, done);
            }
            Action::ReadLoaded { result, done } => self.read_loaded(result, done),
            Action::Tick(now) => {
                let mut effects = self.dwell(now);
                if let Some(query) = self.history.due(self.search.query_text(), now) {
                    effects.push(Effect::SaveHistory(query));
                }
                return effects;
            }
            Action::QueriesLoaded(result) => self.queries_loaded(result),
            Action::HistoryLoaded(result) => match result {
                Ok(entries) => self.history.set(entries),
                Err(reason) => {
                    self.history.turn_off();
                    self.fail(format!("query history is off: {reason}"));
                }
            },
        }
        Vec::new()
    }

    /// One user command.
    fn command(&mut self, command: Command) -> Vec<Effect> {
        // Only an `o` right after the question confirms it.
        if command != Command::OpenCode {
            self.links.confirm_open = None;
            self.links.confirm_search = None;
        }
        if command != Command::MarkShownRead {
            self.reading.confirm_read = None;
        }
        match command {
            Command::Quit => vec![Effect::Quit],
            Command::Suspend => vec![Effect::Suspend],
            Command::Undo => self.undo(),
            Command::ToggleRead | Command::MarkShownRead => self.reading(command),
            Command::ToggleChosen | Command::ChooseShown => self.pick(command),
            Command::Sync => self.start_sync(),
            Command::DownloadPdf => self.download_pdfs(),
            Command::OpenPdf => self.open_pdf(),
            Command::ShowQueries
            | Command::RunQuery(_)
            | Command::RunSelectedQuery
            | Command::NameQuery => {
                self.saved_query_command(command);
                Vec::new()
            }
            Command::SaveQuery => self.save_query(),
            Command::ShowCopy | Command::Copy(_) => self.copy(command),
            Command::AskExport | Command::Export => self.export(command),
            Command::ShowTimeline | Command::AddPeriod => self.timeline_command(command),
            Command::ShowSimilar => self.show_similar(),
            Command::RelatedNext => {
                self.move_related_cursor(1);
                Vec::new()
            }
            Command::RelatedPrev => {
                self.move_related_cursor(-1);
                Vec::new()
            }
            Command::JumpRelated => self.jump_to_related(),
            Command::FocusDetail | Command::ToggleReading => self.read_on_screen(command),
            Command::ToggleBookmark
            | Command::ToggleBookmarkedFilter
            | Command::EditNote
            | Command::SaveNote
            | Command::OpenCode
            | Command::ShowLinks
            | Command::OpenLink(_)
            | Command::OpenSelectedLink => self.mark(command),
            Command::EditQuery
            | Command::LeaveQuery
            | Command::Edit(_)
            | Command::Paste(_)
            | Command::TakeSuggestion
            | Command::HistoryOlder
            | Command::HistoryNewer
            | Command::SortNext
            | Command::SortReverse
            | Command::ToggleFacetEntry
            | Command::ClearFacets => {
                self.edit(command);
                Vec::new()
            }
            other => {
                self.navigate(other);
                Vec::new()
            }
        }
    }

    /// Where keys go now.
    pub fn context(&self) -> Context {
        match (
            &self.screen.overlay,
            self.search.editing(),
            self.screen.focus,
        ) {
            (Overlay::Help { .. }, _, _) => Context::Help,
            (Overlay::Note(_), _, _) => Context::Note,
            (Overlay::Name(_), _, _) => Context::Name,
            (Overlay::Export(_), _, _) => Context::Export,
            (Overlay::Links { .. }, _, _) => Context::Links,
            (Overlay::Queries { .. }, _, _) => Context::Queries,
            (Overlay::Copy, _, _) => Context::Copy,
            (Overlay::Timeline { .. }, _, _) => Context::Timeline,
            (Overlay::None, true, _) => Context::Query,
            (Overlay::None, false, Focus::List) => Context::List,
            (Overlay::None, false, Focus::Detail) => Context::Detail,
            (Overlay::None, false, Focus::Facets) => Context::Facets,
        }
    }

    /// The papers and their index.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The query line and its results.
    pub fn search(&self) -> &Search {
        &self.search
    }

    /// The popup on top.
    pub fn overlay(&self) -> &Overlay {
        &self.screen.overlay
    }

    /// The focused pane.
    pub fn focus(&self) -> Focus {
        self.screen.focus
    }

    /// The terminal's size in cells.
    pub fn size(&self) -> (u16, u16) {
        self.screen.size
    }

    /// The status line's message, if any.
    pub fn message(&self) -> Option<&Message> {
        self.screen.message.as_ref()
    }

    /// A word to try instead of a term, when nothing matches.
    pub fn suggestion(&self) -> Option<&crate::query::Suggestion> {
        self.search.suggestion()
    }

    /// When nothing matches while the abstracts are not indexed yet: a
    /// word of the query and how many abstracts hold it.
    pub fn in_abstracts(&self) -> Option<(&str, usize)> {
        self.search.in_abstracts()
    }

    /// Progress while the corpus file is still being read.
    pub fn loading_progress(&self) -> Option<&Loading> {
        self.loading.as_ref()
    }

    /// The bookmarks.
    pub fn bookmarks(&self) -> &Bookmarks {
        &self.bookmarks
    }

    /// How many papers are picked (`v`).
    pub fn chosen_count(&self) -> usize {
        self.chosen.len()
    }

    /// Whether the paper of `row` is picked.
    pub fn is_chosen(&self, row: Row) -> bool {
        !self.chosen.is_empty() && self.chosen.contains(self.paper_id(row))
    }

    /// The selected row.
    pub fn selected(&self) -> usize {
        self.list.selected()
    }

    /// The first row the list shows.
    pub fn list_offset(&self) -> usize {
        self.list.offset()
    }

    /// The first line the detail pane shows.
    pub fn detail_scroll(&self) -> usize {
        self.detail.scroll()
    }

    /// The facets panel's cursor and scroll.
    pub fn facets_panel(&self) -> &FacetsPanel {
        &self.facets
    }

    /// How many rows the list has: the results, then the bookmarks not in
    /// the corpus that the query lists.
    pub fn row_count(&self) -> usize {
        self.search.hits().len() + self.bookmarks.orphan_hits().len()
    }

    /// The row at `position` of the list.
    pub fn row(&self, position: usize) -> Option<Row> {
        let hits = self.search.hits();
        match hits.get(position) {
            Some(hit) => Some(Row::Paper(hit.index)),
            None => self
                .bookmarks
                .orphan_hits()
                .get(position - hits.len())
                .map(|hit| Row::Orphan(hit.index)),
        }
    }

    /// The paper of a row, whole: read from the corpus file when the
    /// papers are not in memory (ask for what a list row shows with
    /// [`App::row_facts`] instead).
    pub fn paper(&self, row: Row) -> Cow<'_, Paper> {
        match row {
            Row::Paper(i) => self.catalog.paper(i),
            Row::Orphan(i) => Cow::Borrowed(&self.bookmarks.orphans()[i]),
        }
    }

    /// What a list row shows of its paper, without reading its record.
    pub fn row_facts(&self, row: Row) -> RowFacts<'_> {
        match row {
            Row::Paper(i) => {
                let index = &self.catalog.index;
                RowFacts {
                    title: self.catalog.title(i),
                    date: index.date(i),
                    upvotes: index.upvotes(i),
                    has_code: index.facts(i).1,
                }
            }
            Row::Orphan(i) => {
                let paper = &self.bookmarks.orphans()[i];
                RowFacts {
                    title: &paper.title,
                    date: paper.published,
                    upvotes: paper.upvotes,
                    has_code: paper.code_link().is_some(),
                }
            }
        }
    }

    /// The id of a row's paper.
    pub fn row_id(&self, row: Row) -> &str {
        match row {
            Row::Paper(i) => self.catalog.id(i),
            Row::Orphan(i) => &self.bookmarks.orphans()[i].id,
        }
    }

    /// The selected paper, if there are rows: the one the detail pane
    /// laid out when it did, so that a frame or a key does not read its
    /// record from the corpus file again.
    pub fn selected_paper(&self) -> Option<Arc<Paper>> {
        let row = self.row(self.list.selected())?;
        let (paper, orphan) = match row {
            Row::Paper(i) => (i, false),
            Row::Orphan(i) => (i, true),
        };
        self.detail
            .kept_paper(paper, orphan)
            .or_else(|| Some(Arc::new(self.paper(row).into_owned())))
    }

    /// The selected paper's title, empty without a selection.
    pub fn selected_title(&self) -> &str {
        self.row(self.list.selected())
            .map_or("", |row| self.row_facts(row).title)
    }

    /// Whether the paper of a row is bookmarked.
    pub fn is_bookmarked(&self, row: Row) -> bool {
        self.bookmarks.contains(self.row_id(row))
    }

    /// The bookmark of the paper of a row.
    pub fn bookmark(&self, row: Row) -> Option<&Bookmark> {
        self.bookmarks.of(self.row_id(row))
    }

    /// The matched title positions of a row's paper, for highlighting its
    /// list row: among the characters a row can show.
    pub fn title_positions(&self, row: Row) -> Vec<usize> {
        let query = self.search.query();
        match row {
            Row::Paper(i) => {
                self.catalog
                    .index
                    .title_positions_within(&self.catalog, i, query, ROW_CHARS)
            }
            Row::Orphan(_) => Vec::new(),
        }
    }

    /// The selected paper laid out for the detail pane at its width, made
    /// once and kept until the paper, the width, the query or the
    /// bookmarks change; `None` without a selection or a detail pane.
    pub fn detail_layout(&self) -> Option<Arc<DetailLayout>> {
        let row = self.row(self.list.selected())?;
        let width = self.areas()?.detail.width;
        if width == 0 {
            return None;
        }
        let (paper, orphan) = match row {
            Row::Paper(i) => (i, false),
            Row::Orphan(i) => (i, true),
        };
        let key = LayoutKey {
            paper,
            orphan,
            width,
            query: self.search.generation(),
            bookmarks: self.bookmarks.generation(),
            bodies: self.bodies_generation(),
            reading: self.reading_view(),
        };
        Some(self.detail.layout(key, || {
            let query = self.search.query();
            let (title_positions, abstract_marks) = match row {
                Row::Paper(i) => (
                    self.catalog.index.title_positions(&self.catalog, i, query),
                    self.catalog.index.abstract_marks(&self.catalog, i, query),
                ),
                Row::Orphan(_) => (Vec::new(), Vec::new()),
            };
            let paper = self.paper(row);
            let index = &self.catalog.index;
            let authors: Vec<(&str, usize)> =
                paper.authors.iter().map(|a| (a.as_str(), 0)).collect();
            let tags: Vec<(&str, usize)> = paper
                .tags
                .iter()
                .map(|t| (t.as_str(), t.as_str().len() - t.name().len()))
                .collect();
            let parts = Parts {
                title_positions: &title_positions,
                abstract_marks,
                author_marks: index.parts_marks(
                    query,
                    &authors,
                    AUTHORS_SEPARATOR,
                    Some(crate::query::Field::Author),
                ),
                tag_marks: index.parts_marks(query, &tags, TAGS_SEPARATOR, None),
                orphan,
                bookmark: self.bookmark(row),
                version_change: self.version_change(row),
                body: match row {
                    // Two lines of the pane, the page number included.
                    Row::Paper(i) => {
                        index.body_snippet(&self.catalog, i, query, 2 * width as usize)
                    }
                    Row::Orphan(_) => None,
                },
            };
            DetailLayout::new(key, &paper, parts)
        }))
    }

    /// True when the facets panel is on screen.
    pub fn show_facets(&self) -> bool {
        layout::facets_by_default(self.screen.size.0) != self.facets.flipped()
    }

    /// Where every pane is, or `None` when the terminal is too small.
    pub fn areas(&self) -> Option<Areas> {
        layout::areas_for(self.screen.size, self.show_facets(), self.reading_view())
    }

    /// The facets panel's rows over the current results.
    pub fn facet_rows(&self) -> Vec<FacetRow> {
        facets::rows(
            &self.catalog.index,
            self.search.counts(),
            self.search.line().text(),
        )
    }

    /// Whether a search waits for the event loop to run it.
    pub fn search_pending(&self) -> bool {
        self.search.is_pending()
    }

    /// Runs the waiting search, giving up (`None`) soon after `cancel` is
    /// set. Takes `&self` so that it can run on another thread while the
    /// event loop watches the keyboard; the result goes back through
    /// [`Action::Searched`].
    pub fn run_search(&self, cancel: &std::sync::atomic::AtomicBool) -> Option<Searched> {
        self.search.run(&self.catalog, &self.catalog.index, cancel)
    }

    /// A first screen of results for the waiting search, when the whole
    /// search would take longer than a frame (see `Search::run_first`);
    /// the result goes back through [`Action::SearchedFirst`].
    pub fn run_first_search(&self, cancel: &std::sync::atomic::AtomicBool) -> Option<Searched> {
        self.search
            .run_first(&self.catalog, &self.catalog.index, cancel)
    }

    fn say(&mut self, said: impl Into<Said>) {
        self.screen.message = Some(Message::said(said.into(), false));
    }

    fn fail(&mut self, said: impl Into<Said>) {
        self.screen.message = Some(Message::said(said.into(), true));
    }
}
