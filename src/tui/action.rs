//! Everything that changes the reader's state, as plain values: what the
//! user asks for ([`Command`], from the keymap) and what the world answers
//! (papers arriving, a search finished, a bookmark saved): both reach the
//! state through `App::update` alone.

use super::line_edit::Edit;
use super::loader::{Arrived, Finished, Shelved};
use super::outcomes::{InboxCounts, RelatedList, Searched};
use crate::catalog::Kept;
use crate::cite::copy::Copied;
use crate::store::bookmarks::{Bookmark, Change};
use crate::store::read_state::ReadChange;

/// One user intention, produced by the keymap (or the mouse).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Leave the reader.
    Quit,
    /// Give the terminal back and stop, as `Ctrl-z` does (until `fg`).
    Suspend,
    /// Close the topmost popup, leave the query line, or go back to the list.
    Back,
    /// Start editing the query line.
    EditQuery,
    /// Stop editing the query line, keeping its text.
    LeaveQuery,
    /// Edit the line being typed (the query, or a note).
    Edit(Edit),
    /// Put the suggested word in place of the term that found nothing.
    TakeSuggestion,
    /// Text pasted (bracketed paste) or typed faster than it is handled:
    /// it goes into the line being edited, never runs as keys.
    Paste(String),
    /// Move the selection (or scroll the detail) by this many rows.
    Move(i32),
    /// Undo the last bookmark or read-state change.
    Undo,
    /// Mark the selected paper read, or unread again.
    ToggleRead,
    /// The query line shows the query run before the one it shows.
    HistoryOlder,
    /// The query line shows the query run after the one it shows, then
    /// what was typed.
    HistoryNewer,
    /// Mark every paper shown read.
    MarkShownRead,
    /// Pick the selected paper (or put it back) and move to the next.
    ToggleChosen,
    /// Pick every paper shown.
    ChooseShown,
    /// Show the saved queries.
    ShowQueries,
    /// Run `similar:ID` for the selected paper, keeping the query it
    /// replaces for Esc.
    ShowSimilar,
    /// The cursor to the next related paper in the detail pane.
    RelatedNext,
    /// The cursor to the previous related paper.
    RelatedPrev,
    /// Show the related paper under the cursor.
    JumpRelated,
    /// Sync every source of the library beside the keyboard.
    Sync,
    /// Download the PDF of the selected paper (or of every picked one).
    DownloadPdf,
    /// Open the selected paper's PDF, downloading it first if needed.
    OpenPdf,
    /// Show the results per month (or year) in a popup.
    ShowTimeline,
    /// Add the clause of the period under the timeline's cursor.
    AddPeriod,
    /// Ask for the file to export the picked (or selected) papers to.
    AskExport,
    /// Export them to the file typed.
    Export,
    /// Ask what to copy of the selected (or picked) papers.
    ShowCopy,
    /// Copy this text of the selected (or picked) papers.
    Copy(Copied),
    /// Run saved query N (from 0).
    RunQuery(usize),
    /// Run the saved query under the cursor.
    RunSelectedQuery,
    /// Ask for a name to save the query under.
    NameQuery,
    /// Save the query under the name typed.
    SaveQuery,
    /// A printable key that means nothing where it was pressed: the status
    /// line says how to filter instead of doing something unexpected.
    Unbound(char),
    /// One page down.
    PageDown,
    /// One page up.
    PageUp,
    /// Half a page down.
    HalfPageDown,
    /// Half a page up.
    HalfPageUp,
    /// To the first row.
    Top,
    /// To the last row.
    Bottom,
    /// To the next unread paper of the list (`]`).
    NextUnread,
    /// To the previous unread paper of the list (`[`).
    PrevUnread,
    /// Focus the next pane.
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Focus the detail pane.
    FocusDetail,
    /// Give the detail the whole screen, or give the panes theirs back.
    ToggleReading,
    /// Back to the paper read before, and the query it came from.
    JumpBack,
    /// Forward again, after going back.
    JumpForward,
    /// Sort by the next key.
    SortNext,
    /// Reverse the order.
    SortReverse,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Show or hide the facets panel.
    ShowFacets,
    /// Add or remove the clause of the facet entry under the cursor.
    ToggleFacetEntry,
    /// Remove every facet clause from the query.
    ClearFacets,
    /// Bookmark or unbookmark the selected paper.
    ToggleBookmark,
    /// Add or remove `is:bookmarked` in the query (re-reading the bookmarks).
    ToggleBookmarkedFilter,
    /// Open the note popup for the selected paper.
    EditNote,
    /// Save the note being typed.
    SaveNote,
    /// Open the selected paper's first code link.
    OpenCode,
    /// Show the popup listing all the selected paper's links.
    ShowLinks,
    /// Open the selected paper's link with this index (0-based).
    OpenLink(usize),
    /// Open the link under the cursor in the links popup.
    OpenSelectedLink,
    /// The terminal changed size.
    Resize(u16, u16),
    /// The mouse wheel turned over a cell: rows to scroll.
    ScrollAt {
        /// Column of the pointer.
        column: u16,
        /// Row of the pointer.
        row: u16,
        /// Positive scrolls down.
        delta: i32,
    },
    /// A left click on a cell.
    ClickAt {
        /// Column of the pointer.
        column: u16,
        /// Row of the pointer.
        row: u16,
    },
}

/// Words for the status line that may name the key of a command: the view
/// names it through the keymap, so that the state never reads the keymap.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Said {
    /// The words before the key, or all of them.
    pub text: String,
    /// The command whose key follows, and the words after it.
    pub key: Option<(Command, String)>,
}

impl Said {
    /// `before`, the key of `command`, then `after`.
    pub fn with_key(before: impl Into<String>, command: Command, after: impl Into<String>) -> Said {
        Said {
            text: before.into(),
            key: Some((command, after.into())),
        }
    }

    /// Whether there is nothing to say.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty() && self.key.is_none()
    }

    /// The words with the key named by `name`.
    pub fn shown(&self, name: impl Fn(&Command) -> String) -> String {
        match &self.key {
            Some((command, after)) => format!("{}{}{after}", self.text, name(command)),
            None => self.text.clone(),
        }
    }
}

impl From<String> for Said {
    fn from(text: String) -> Said {
        Said { text, key: None }
    }
}

impl From<&str> for Said {
    fn from(text: &str) -> Said {
        Said::from(text.to_string())
    }
}

/// How the reader starts, as the config file asks, before the first key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// The order of every query without `sort:`, if not the usual one.
    pub sort: Option<String>,
    /// Whether the facets panel shows, if not as the width says.
    pub facets: Option<bool>,
    /// How long a detail on screen takes to make its paper read; never
    /// when `None`.
    pub mark_read_after: Option<std::time::Duration>,
    /// Searches over more papers than this wait for the event loop, which
    /// runs them beside the keyboard (50,000 unless set).
    pub search_inline_up_to: Option<usize>,
}

/// Everything `App::update` takes: a user's command, or an outcome the
/// event loop reports.
pub enum Action {
    /// What the user asked for.
    Command(Command),
    /// The copy could not be written to the terminal: why.
    CopyFailed(String),
    /// The copy was written, but on a route that cannot tell whether it
    /// reached a clipboard (tmux without `set-clipboard on`).
    CopyUnconfirmed,
    /// An export was written (what to say), or why not.
    Exported(Result<String, String>),
    /// The related papers of a paper, worked out beside the keyboard.
    Related(Box<RelatedList>),
    /// What the saved queries find, counted beside the keyboard.
    InboxCounted(Box<InboxCounts>),
    /// The headlines' words, indexed beside the keyboard for the corpus
    /// as it is.
    WordsIndexed(std::sync::Arc<crate::query::HeadlineWords>),
    /// Papers that arrived from the loading thread, with their index.
    Arrived(Box<Arrived>),
    /// Bring the results up to date with the papers arrived since the last
    /// time (done a few times a second while a corpus loads).
    CatchUp,
    /// The file is read to the end.
    Loaded(Box<Finished>),
    /// The catalog gathered beside the reader's while the file was read,
    /// finished (and kept in the cache, or why not): it replaces the
    /// reader's.
    Shelved(Box<Shelved>),
    /// Abstracts indexed so far, of how many.
    IndexingAbstracts(usize, usize),
    /// The index is being kept for next time.
    Keeping,
    /// The abstracts indexed by word (`None`: they could not be).
    Abstracts(Option<std::sync::Arc<crate::fulltext::Abstracts>>),
    /// The abstracts of each file of a stacked catalog indexed by word,
    /// with where its papers start (`None`: some could not be).
    AbstractParts(Option<Vec<(usize, std::sync::Arc<crate::fulltext::Abstracts>)>>),
    /// The bundled corpus was opened for want of a library.
    FirstRun,
    /// The start the config file asks for.
    Start(Box<Settings>),
    /// What the sync of the library (`U`) told.
    Sync(super::sync_worker::SyncEvent),
    /// What the PDF downloads (`d`, `P`) told.
    Pdf(super::pdf_worker::PdfEvent),
    /// The ids of the papers whose PDF is on disk (at start).
    PdfsListed(std::collections::HashSet<String>),
    /// The text of the PDFs on disk indexed, for a catalog of this many
    /// papers (none: no text).
    BodiesIndexed(Option<std::sync::Arc<crate::fulltext::Bodies>>, usize),
    /// The outcome of opening a PDF: the paper's id, or why not.
    PdfOpened(Result<String, String>),
    /// The PDF of the paper with this id is no longer on disk.
    PdfGone(String),
    /// The corpus file was opened from the cache.
    OpenedFromCache {
        /// What loading told when the index was built.
        kept: Box<Kept>,
        /// The file, as shown.
        file: String,
        /// How long opening took.
        seconds: f64,
    },
    /// A search run beside the event loop finished.
    Searched(Searched),
    /// A first screen of a search's results, found among the best-ranked
    /// papers while the whole search still waits.
    SearchedFirst(Searched),
    /// The outcome of opening a link: what was opened, or why not.
    Opened(Result<String, String>),
    /// Bookmarking cannot work (no config dir): said when it is used.
    BookmarksOff(String),
    /// The config file could not be read (why): the reader runs on the
    /// defaults.
    ConfigUnread(String),
    /// Time passed (the loop says so between events): a paper whose detail
    /// has been shown long enough becomes read.
    Tick(std::time::Instant),
    /// The saved queries as loaded, or why they could not be.
    QueriesLoaded(Result<Vec<crate::store::saved_queries::SavedQuery>, String>),
    /// The query history as loaded or saved, or why that failed (then no
    /// more queries are kept this session).
    HistoryLoaded(Result<Vec<String>, String>),
    /// The ids of the papers read, as loaded or saved by an effect, or
    /// why that failed (then read state is off for the session).
    ReadLoaded {
        /// The ids, or the failure.
        result: Result<std::collections::HashSet<String>, String>,
        /// What to say when it worked.
        done: Option<Said>,
    },
    /// The bookmarks as read or saved by an effect, or why that failed.
    BookmarksLoaded {
        /// The bookmarks, or the failure.
        result: Result<Vec<Bookmark>, BookmarkFailure>,
        /// What to say when it worked.
        done: Option<Said>,
    },
}

impl From<Command> for Action {
    fn from(command: Command) -> Action {
        Action::Command(command)
    }
}

/// What the event loop must do after an update, as values so that `update`
/// stays free of I/O.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Restore the terminal and exit.
    Quit,
    /// Suspend the reader's job; the terminal is given back meanwhile.
    Suspend,
    /// Apply a change to the bookmark store; say `done` when it worked.
    SaveBookmarks {
        /// The change.
        change: Change,
        /// The confirmation for the status line.
        done: Said,
    },
    /// Re-read the bookmark store (another reader may have saved).
    ReloadBookmarks,
    /// Apply a change to the read state; say `done` when it worked (a
    /// paper read by opening it says nothing).
    SaveRead {
        /// The change.
        change: ReadChange,
        /// The confirmation for the status line, if any.
        done: Option<Said>,
    },
    /// Read the read state (at start).
    ReloadRead,
    /// Keep a query in the history.
    SaveHistory(String),
    /// Read the saved queries (at start).
    ReloadQueries,
    /// Save a query under a name.
    SaveQuery(crate::store::saved_queries::SavedQuery),
    /// Read the query history (at start).
    ReloadHistory,
    /// Open a URL that passed validation, without waiting.
    Open(String),
    /// Put this text on the terminal's clipboard (OSC 52).
    Copy(String),
    /// Sync the library's sources on a thread beside the keyboard.
    Sync,
    /// Bring these papers' PDFs, beside the keyboard.
    DownloadPdfs(super::pdf_worker::PdfJob),
    /// Open the PDF on disk of the paper with this id, without waiting.
    OpenPdf(String),
    /// List the PDFs on disk (at start).
    ListPdfs,
    /// Index the text of these papers' PDFs (corpus position and id) for
    /// a catalog of `of` papers, beside the keyboard.
    IndexBodies {
        /// The papers.
        papers: Vec<(usize, String)>,
        /// How many papers the catalog has.
        of: usize,
    },
    /// Write the picks (or the selected paper) to a new file (never over
    /// one), beside the keyboard: the event loop runs it, as it holds the
    /// papers.
    Export(super::export_plan::ExportPlan),
}

/// A bookmark store failure as the reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookmarkFailure {
    /// One line for the status bar.
    pub message: String,
    /// True when bookmarking cannot work any more (the dir is not writable).
    pub disables: bool,
}
