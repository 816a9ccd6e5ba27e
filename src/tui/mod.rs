//! The reader: keys become commands (`keymap`), `App::update` changes the
//! state (`state/`), views draw it (`view/`), effects do the I/O
//! (`effects`), and `event_loop` ties them together; `terminal` owns the
//! terminal, `loader` reads the corpus file beside it.

pub mod action;
pub mod detail_layout;
pub mod effects;
mod event_loop;
pub mod key_reference;
pub mod keymap;
pub mod line_edit;
pub mod loader;
pub mod state;
mod terminal;
pub mod theme;
pub mod view;
pub mod wrap;

pub use terminal::install_panic_hook;

use std::path::PathBuf;

use crate::bookmarks::{Store, StoreError};
use crate::corpus::{Corpus, LoadOptions};
use crate::links::SystemOpener;
use action::{Action, Effect};
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
    Ready(Corpus),
    /// A file to load in the background while the reader runs.
    File(PathBuf, LoadOptions),
}

/// Runs the reader until the user quits. After a signal that ends it, or
/// when the terminal goes away, the process ends with 128+N (see
/// `terminal`). Without a store, bookmarking is off.
pub fn run(source: Source, store: Option<Store>) -> Result<(), RunError> {
    // Loading starts before the terminal is set up: not a moment is lost.
    // A file that fails at once (missing, unreadable, malformed at the
    // start) is reported without touching the terminal, and a small file
    // is complete in the first frame.
    let (loads, ready) = match source {
        Source::Ready(corpus) => (None, Some(corpus)),
        Source::File(path, options) => {
            let file = path.display().to_string();
            let receiver = loader::spawn(path, options)?;
            let early = loader::first_look(&receiver, HEAD_WAIT, FIRST_LOOK)?;
            (Some((Loads::new(receiver, early), file)), None)
        }
    };
    let session = terminal::Session::start()?;
    let size = session.size()?;
    let (mut app, loads) = match (ready, loads) {
        (Some(corpus), _) => (App::new(corpus, size), None),
        (None, Some((loads, file))) => (App::loading(file, size), Some(loads)),
        (None, None) => return Err(RunError::Io(std::io::Error::other("nothing to read"))),
    };
    let context = Context {
        store,
        opener: Box::new(SystemOpener::from_env()),
    };
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
    EventLoop::new(session, app, Theme::from_env(), context, loads).run()
}
