//! The I/O that `App::update` asks for: the bookmark store and the
//! browser. Each effect's outcome comes back as an action.

use super::action::{Action, BookmarkFailure, Effect};
use crate::corpus::links::Opener;
use crate::store::StoreError;
use crate::store::bookmarks::Store;
use crate::store::history::HistoryStore;
use crate::store::read_state::ReadStore;

/// What effects act on: the bookmark store (none: bookmarking is off) and
/// the link opener.
pub struct Context {
    /// Where bookmarks are kept.
    pub store: Option<Store>,
    /// Where the read state is kept.
    pub read: Option<ReadStore>,
    /// Where the query history is kept.
    pub history: Option<HistoryStore>,
    /// Where the saved queries are kept.
    pub queries: Option<crate::store::saved_queries::QueryStore>,
    /// How links are opened.
    pub opener: Box<dyn Opener>,
    /// The library the reader shows, which `U` syncs (none for a file).
    pub library: Option<super::sync_worker::LibraryPlace>,
    /// Where PDFs are kept and how they open (none without a data dir).
    pub pdfs: Option<super::pdf_worker::PdfPlace>,
}

/// Carries out one effect and returns the action that reports its
/// outcome, if any. `Quit`, `Suspend` and `Copy` belong to the event
/// loop, which holds the terminal, and `Export` too, which reads the
/// papers beside the keyboard.
pub fn run_effect(effect: Effect, context: &Context) -> Option<Action> {
    let store = context.store.as_ref();
    let failure = |e: StoreError, disables: bool| BookmarkFailure {
        message: e.to_string(),
        disables,
    };
    match effect {
        Effect::Quit
        | Effect::Suspend
        | Effect::Copy(_)
        | Effect::Export(_)
        | Effect::Sync
        | Effect::DownloadPdfs(_)
        | Effect::IndexBodies { .. } => None,
        Effect::ListPdfs => {
            let place = context.pdfs.as_ref()?;
            Some(Action::PdfsListed(place.pdfs.ids().into_iter().collect()))
        }
        Effect::OpenPdf(id) => Some(open_pdf(context, id)),
        Effect::SaveBookmarks { change, done } => {
            let result = match store {
                Some(store) => store.apply(change).map_err(|e| {
                    let disables = matches!(e, StoreError::Io { .. });
                    failure(e, disables)
                }),
                None => Err(failure(StoreError::NoConfigDir, true)),
            };
            Some(Action::BookmarksLoaded {
                result,
                done: Some(done),
            })
        }
        Effect::ReloadBookmarks => {
            let result = match store {
                Some(store) => store.load().map_err(|e| failure(e, false)),
                None => Err(failure(StoreError::NoConfigDir, true)),
            };
            Some(Action::BookmarksLoaded { result, done: None })
        }
        Effect::SaveRead { change, done } => {
            let result = match &context.read {
                Some(read) => read.apply(change).map_err(|e| e.to_string()),
                None => Err(StoreError::NoConfigDir.to_string()),
            };
            Some(Action::ReadLoaded { result, done })
        }
        Effect::ReloadRead => {
            let result = match &context.read {
                Some(read) => read.load().map_err(|e| e.to_string()),
                None => Err(StoreError::NoConfigDir.to_string()),
            };
            Some(Action::ReadLoaded { result, done: None })
        }
        Effect::SaveHistory(query) => {
            let history = context.history.as_ref()?;
            Some(Action::HistoryLoaded(
                history.push(&query).map_err(|e| e.to_string()),
            ))
        }
        Effect::SaveQuery(saved) => {
            let queries = context.queries.as_ref()?;
            let change = crate::store::saved_queries::QueryChange::Save(saved);
            Some(Action::QueriesLoaded(
                queries.apply(change).map_err(|e| e.to_string()),
            ))
        }
        Effect::ReloadQueries => {
            let queries = context.queries.as_ref()?;
            Some(Action::QueriesLoaded(
                queries.load().map_err(|e| e.to_string()),
            ))
        }
        Effect::ReloadHistory => {
            let history = context.history.as_ref()?;
            Some(Action::HistoryLoaded(
                history.load().map_err(|e| e.to_string()),
            ))
        }
        Effect::Open(url) => Some(Action::Opened(context.opener.open(&url).map(|()| url))),
    }
}

/// Opens the PDF of paper `id` with the viewer: what it did, or why not
/// (the file removed since, by `paperboat pdf --clear` say).
fn open_pdf(context: &Context, id: String) -> Action {
    use crate::library::PdfOpener;
    let Some(place) = context.pdfs.as_ref() else {
        return Action::PdfOpened(Err(NO_DATA_DIR.into()));
    };
    let path = match place.pdfs.path(&id) {
        Ok(path) if path.is_file() => path,
        Ok(_) => return Action::PdfGone(id),
        Err(e) => return Action::PdfOpened(Err(e.to_string())),
    };
    Action::PdfOpened(place.viewer.open_pdf(&path).map(|()| id))
}

/// Why PDFs cannot be kept.
pub const NO_DATA_DIR: &str = "no data directory for PDFs: set --data-dir or PAPERBOAT_DATA_DIR";
