//! The reader: keys become commands (`keymap`), `App::update` changes the
//! state (`state/`), views draw it (`view/`), effects do the I/O
//! (`effects`), and `event_loop` ties them together; `terminal` owns the
//! terminal, `loader` reads the corpus file beside it.

pub mod action;
pub mod clipboard;
pub mod config_file;
pub mod detail_layout;
pub mod effects;
mod event_loop;
pub mod export;
pub mod export_plan;
pub mod key_reference;
pub mod keymap;
pub mod layout;
pub mod line_edit;
pub mod loader;
pub mod outcomes;
pub mod pdf_worker;
pub mod state;
pub mod sync_worker;
mod terminal;
pub mod theme;
pub mod view;
pub mod wrap;

pub use terminal::{install_fault_handlers, install_panic_hook};

use std::path::PathBuf;

use crate::cache::FileKey;
use crate::catalog::{Catalog, Opened, open_cached_index};
use crate::corpus::LoadOptions;
use crate::corpus::links::SystemOpener;
use crate::store::StoreError;
use crate::store::bookmarks::Store;
use crate::store::history::HistoryStore;
use crate::store::read_state::ReadStore;
use action::{Action, Effect, Settings};
use effects::{Context, run_effect};
pub use event_loop::RunError;
use event_loop::{EventLoop, Loads};
use state::App;
use theme::Theme;

/// How long the reader waits for a file's first papers before drawing.
const FIRST_LOOK: std::time::Duration = std::time::Duration::from_millis(40);
/// How long it waits for the first word from the loader: whether the file
/// starts as a corpus is known from its first chunk, long before this on
/// any file; only a slow pipe makes the reader wait this long.
const HEAD_WAIT: std::time::Duration = std::time::Duration::from_millis(500);

/// What the reader opens.
pub enum Source {
    /// A corpus already in memory (the bundled one).
    Ready(Box<Catalog>),
    /// A file: opened from the cache at `cache_dir` when that holds it,
    /// else loaded in the background while the reader runs.
    File {
        /// The corpus file.
        path: PathBuf,
        /// How to load it.
        options: LoadOptions,
        /// The cache dir, unless `--no-cache`.
        cache_dir: Option<PathBuf>,
    },
    /// Several files (the library's segments) opened as one, each from
    /// its own cache entry.
    Files {
        /// The corpus files, oldest first.
        paths: Vec<PathBuf>,
        /// The corpus name, if not made of the files' names.
        name: Option<String>,
        /// How to load them.
        options: LoadOptions,
        /// The cache dir, unless `--no-cache`.
        cache_dir: Option<PathBuf>,
    },
}

/// Where the reader keeps what the user does, in the config dir; each one
/// missing turns its part off.
pub struct Stores {
    /// Bookmarks and notes.
    pub bookmarks: Option<Store>,
    /// Which papers were read.
    pub read: Option<ReadStore>,
    /// The queries run.
    pub history: Option<HistoryStore>,
    /// The queries saved under a name.
    pub queries: Option<crate::store::saved_queries::QueryStore>,
    /// The library, when the reader shows it (`U` syncs it).
    pub library: Option<sync_worker::LibraryPlace>,
    /// Where PDFs are kept and how they open (none without a data dir).
    pub pdfs: Option<pdf_worker::PdfPlace>,
}

/// Runs the reader until the user quits. After a signal that ends it, or
/// when the terminal goes away, the process ends with 128+N (see
/// `terminal`). Without a store, bookmarking is off.
/// How the reader starts, from the config file and the command line.
pub struct Start {
    /// The colours.
    pub theme: Theme,
    /// The order the query line starts with (`sort:KEY`), if not the
    /// usual one.
    pub sort: Option<String>,
    /// Whether the facets panel starts shown, if not as the width says.
    pub facets: Option<bool>,
    /// Why the config file was left out, when it could not be read.
    pub unread_config: Option<String>,
    /// How long a detail on screen takes to make its paper read, if ever.
    pub mark_read_after: Option<std::time::Duration>,
    /// The bundled corpus opened for want of a library: the status line
    /// says how to get one.
    pub first_run: bool,
    /// `is:new` holds for papers added after this (seconds since the
    /// epoch); every paper when `None`.
    pub new_since: Option<u64>,
}

pub fn run(source: Source, stores: Stores, start: Start) -> Result<(), RunError> {
    let Stores {
        bookmarks: store,
        read,
        history,
        queries,
        library,
        pdfs,
    } = stores;
    // Loading starts before the terminal is set up: not a moment is lost.
    // A file that fails at once (missing, unreadable, malformed at the
    // start) is reported without touching the terminal, and a small file
    // is complete in the first frame.
    let started = std::time::Instant::now();
    let mut from_cache = None;
    let (loads, ready) = match source {
        Source::Ready(catalog) => (None, Some(catalog)),
        Source::File {
            path,
            options,
            cache_dir,
        } => {
            let file = path.display().to_string();
            match cached(&path, options, cache_dir.as_deref()) {
                Some(opened) => {
                    let seconds = started.elapsed().as_secs_f64();
                    from_cache = Some(Action::OpenedFromCache {
                        kept: Box::new(opened.kept),
                        file,
                        seconds,
                    });
                    // The abstracts are opened (checked, or indexed when
                    // not yet) beside the reader: checking them takes a
                    // while at a million papers.
                    let beside = match cache_dir {
                        Some(dir) if !opened.catalog.has_abstracts() => {
                            Some(Loads::beside(loader::spawn_abstracts(path, options, dir)?))
                        }
                        _ => None,
                    };
                    (
                        beside.map(|loads| (loads, String::new())),
                        Some(Box::new(opened.catalog)),
                    )
                }
                None => {
                    let receiver = loader::spawn(path, options, cache_dir)?;
                    let early = loader::first_look(&receiver, HEAD_WAIT, FIRST_LOOK)?;
                    (Some((Loads::new(receiver, early), file)), None)
                }
            }
        }
        Source::Files {
            paths,
            name,
            options,
            cache_dir,
        } => {
            let mut starts = Vec::with_capacity(paths.len());
            let mut papers = 0;
            let mut kept = crate::catalog::Kept::default();
            let catalog = crate::catalog::open_files(
                &paths,
                name,
                options,
                cache_dir.as_deref(),
                false,
                &mut |path, opened| {
                    starts.push((papers, path.to_path_buf()));
                    papers += opened.catalog.len();
                    kept.skipped += opened.kept.skipped;
                    kept.refused_links += opened.kept.refused_links;
                    if kept.first_skipped.is_none() {
                        kept.first_skipped.clone_from(&opened.kept.first_skipped);
                    }
                },
            )?;
            from_cache = Some(Action::OpenedFromCache {
                kept: Box::new(kept),
                file: format!("{} files", paths.len()),
                seconds: started.elapsed().as_secs_f64(),
            });
            let beside = loader::spawn_part_abstracts(starts, options, cache_dir)?;
            (
                Some((Loads::beside(beside), String::new())),
                Some(Box::new(catalog)),
            )
        }
    };
    let session = terminal::Session::start()?;
    let size = session.size()?;
    let (mut app, loads) = match (ready, loads) {
        (Some(mut catalog), loads) => {
            catalog.index.set_new_since(start.new_since);
            (App::new(*catalog, size), loads.map(|(loads, _)| loads))
        }
        (None, Some((loads, file))) => (App::loading(file, size), Some(loads)),
        (None, None) => return Err(RunError::Io(std::io::Error::other("nothing to read"))),
    };
    if let Some(action) = from_cache {
        app.update(action);
    }
    app.update(Action::Start(Box::new(Settings {
        sort: start.sort,
        facets: start.facets,
        mark_read_after: start.mark_read_after,
        search_inline_up_to: None,
    })));
    let context = Context {
        store,
        read,
        history,
        queries,
        opener: Box::new(SystemOpener::from_env()),
        library,
        pdfs,
    };
    // What these ask for in turn (the PDFs' text indexed) runs once the
    // loop does.
    let mut pending = Vec::new();
    for (on, effect) in [
        (context.pdfs.is_some(), Effect::ListPdfs),
        (context.read.is_some(), Effect::ReloadRead),
        (context.history.is_some(), Effect::ReloadHistory),
        (context.queries.is_some(), Effect::ReloadQueries),
    ] {
        if on && let Some(action) = run_effect(effect, &context) {
            pending.extend(app.update(action));
        }
    }
    match &context.store {
        Some(_) => {
            if let Some(action) = run_effect(Effect::ReloadBookmarks, &context) {
                app.update(action);
            }
        }
        None => {
            app.update(Action::BookmarksOff(StoreError::NoConfigDir.to_string()));
        }
    }
    if let Some(why) = start.unread_config {
        app.update(Action::ConfigUnread(why));
    }
    if start.first_run {
        app.update(Action::FirstRun);
    }
    EventLoop::new(session, app, start.theme, context, loads).run(pending)
}

/// The catalog the cache at `cache_dir` holds for the file at `path` as it
/// is now, if any.
fn cached(
    path: &std::path::Path,
    options: LoadOptions,
    cache_dir: Option<&std::path::Path>,
) -> Option<Opened> {
    let key = FileKey::of(path).ok()??;
    open_cached_index(cache_dir?, path, &key, options)
}
