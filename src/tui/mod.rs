//! The reader: keys become actions, `App::update` changes the state, views
//! draw it. This module owns the terminal and the event loop.

pub mod action;
pub mod app;
pub mod keymap;
pub mod line_edit;
mod terminal;
pub mod theme;
pub mod view;
pub mod wrap;

use std::time::Duration;

use crossterm::event;

use crate::bookmarks::{Store, StoreError};
use crate::corpus::Corpus;
use crate::links::{Opener, SystemOpener};
use action::{Action, BookmarkFailure, Effect};
use app::App;
use theme::Theme;

/// How long the loop waits for an event before looking again.
const POLL: Duration = Duration::from_millis(250);

/// What effects act on: the bookmark store (none: bookmarking is off) and
/// the link opener.
pub struct Context {
    /// Where bookmarks are kept.
    pub store: Option<Store>,
    /// How links are opened.
    pub opener: Box<dyn Opener>,
}

/// Runs the reader until the user quits. After
/// SIGTERM or SIGHUP, or when the terminal goes away, the process ends with
/// 128+N (see `terminal::spawn_guards`). Without a store, bookmarking is off.
pub fn run(corpus: Corpus, store: Option<Store>) -> std::io::Result<()> {
    let mut session = terminal::Session::start()?;
    terminal::spawn_guards()?;
    let size = session.size()?;
    let mut app = App::new(corpus, size, Theme::from_env());
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
        None => app.bookmarks_disabled = Some(StoreError::NoConfigDir.to_string()),
    }
    // A hidden trigger for the end-to-end test that the terminal is
    // restored on a panic: the key named here panics.
    let panic_key = std::env::var("PAPERBOAT_TEST_PANIC_KEY")
        .ok()
        .and_then(|k| k.chars().next());
    let mut dirty = true;
    loop {
        if dirty {
            session.draw(|frame| view::draw(frame, &app))?;
            dirty = false;
        }
        if !event::poll(POLL)? {
            continue;
        }
        // Handle everything already queued before drawing again, so a burst
        // of keys or resizes costs one frame.
        loop {
            let event = event::read()?;
            if let (Some(key), event::Event::Key(pressed)) = (panic_key, &event)
                && pressed.code == event::KeyCode::Char(key)
            {
                panic!("test panic");
            }
            if let Some(action) = keymap::action_for(app.mode, app.focus, &event) {
                let mut effects = app.update(action);
                while let Some(effect) = effects.pop() {
                    if effect == Effect::Quit {
                        return Ok(());
                    }
                    if let Some(result) = run_effect(effect, &context) {
                        effects.extend(app.update(result));
                    }
                }
                dirty = true;
            }
            if !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
}

/// Carries out one effect (the I/O that `App::update` asks for) and returns
/// the action that reports its outcome, if any.
pub fn run_effect(effect: Effect, context: &Context) -> Option<Action> {
    let store = context.store.as_ref();
    let failure = |e: StoreError, disables: bool| BookmarkFailure {
        message: e.to_string(),
        disables,
    };
    match effect {
        Effect::Quit => None,
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
        Effect::Open(url) => Some(Action::Opened(context.opener.open(&url).map(|()| url))),
    }
}
