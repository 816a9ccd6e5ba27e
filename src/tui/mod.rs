//! The reader: keys become actions, `App::update` changes the state, views
//! draw it. This module owns the terminal and the event loop.

pub mod action;
pub mod app;
pub mod detail_layout;
pub mod keymap;
pub mod line_edit;
pub mod loader;
mod terminal;

pub use terminal::install_panic_hook;
pub mod theme;
pub mod view;
pub mod wrap;

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::TryRecvError;
use std::time::{Duration, Instant};

use crossterm::event;

use crate::bookmarks::{Store, StoreError};
use crate::corpus::{Corpus, LoadError, LoadOptions};
use crate::links::{Opener, SystemOpener};
use action::{Action, BookmarkFailure, Effect};
use app::App;
use line_edit::Edit;
use loader::LoadEvent;
use theme::Theme;

/// How long the loop waits for an event before looking again (and, after
/// `fg`, before it repaints).
const POLL: Duration = Duration::from_millis(100);
/// How often the loop looks for arriving papers while a corpus loads.
const LOAD_POLL: Duration = Duration::from_millis(30);
/// How often results are brought up to date while papers arrive.
const CATCH_UP_EVERY: Duration = Duration::from_millis(150);
/// How long arriving papers are taken in before keys are looked at again.
const LOAD_BUDGET: Duration = Duration::from_millis(25);
/// How long the reader waits for a file's first papers before drawing.
const FIRST_LOOK: Duration = Duration::from_millis(40);
/// The wait of a look at what is ready to read. Not zero: crossterm's
/// `/dev/tty` event source does not read the terminal at all within a
/// zero timeout (and its other source, edge-triggered, leaves input unread
/// until the next key when a paste arrives faster than it is handled).
const READY: Duration = Duration::from_millis(1);
/// How often the keyboard is looked at while a search runs.
const SEARCH_POLL: Duration = Duration::from_millis(2);

/// What effects act on: the bookmark store (none: bookmarking is off) and
/// the link opener.
pub struct Context {
    /// Where bookmarks are kept.
    pub store: Option<Store>,
    /// How links are opened.
    pub opener: Box<dyn Opener>,
}

/// What the reader opens.
pub enum Source {
    /// A corpus already in memory (the bundled one).
    Ready(Corpus),
    /// A file to load in the background while the reader runs.
    File(PathBuf, LoadOptions),
}

/// Why the reader stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The terminal failed.
    #[error("terminal: {0}")]
    Io(#[from] std::io::Error),
    /// The corpus file turned out to be bad while loading.
    #[error(transparent)]
    Load(#[from] LoadError),
}

/// Runs the reader until the user quits. After
/// SIGTERM or SIGHUP, or when the terminal goes away, the process ends with
/// 128+N (see `terminal::spawn_guards`). Without a store, bookmarking is off.
pub fn run(source: Source, store: Option<Store>) -> Result<(), RunError> {
    // Loading starts before the terminal is set up: not a moment is lost.
    let (mut loads, ready) = match source {
        Source::Ready(corpus) => (None, Some(corpus)),
        Source::File(path, options) => {
            let file = path.display().to_string();
            (Some((loader::spawn(path, options)?, file)), None)
        }
    };
    // A file that fails at once (missing, unreadable, malformed at the
    // start) is reported without touching the terminal, and a small file
    // is complete in the first frame.
    let mut early: VecDeque<LoadEvent> = VecDeque::new();
    if let Some((receiver, _)) = &loads {
        let deadline = Instant::now() + FIRST_LOOK;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match receiver.recv_timeout(left) {
                Ok(LoadEvent::Done(Err(e))) => return Err(e.into()),
                Ok(event) => {
                    let done = matches!(event, LoadEvent::Done(_));
                    early.push_back(event);
                    if done {
                        break;
                    }
                }
                Err(_) => break,
            }
        }
    }
    let mut session = terminal::Session::start()?;
    let size = session.size()?;
    let mut app = match (ready, &loads) {
        (Some(corpus), _) => App::new(corpus, size, Theme::from_env()),
        (None, Some((_, file))) => App::loading(file.clone(), size, Theme::from_env()),
        (None, None) => unreachable!("a source is either ready or loading"),
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
        None => app.bookmarks_disabled = Some(StoreError::NoConfigDir.to_string()),
    }
    // Hidden triggers for the end-to-end tests that the terminal is
    // restored on a panic and on an allocation failure: the keys named
    // here panic, or fail an allocation the way running out of memory does.
    let test_key = |name| std::env::var(name).ok().and_then(|k| k.chars().next());
    let panic_key = test_key("PAPERBOAT_TEST_PANIC_KEY");
    let abort_key = test_key("PAPERBOAT_TEST_ABORT_KEY");
    // Events read while a search ran, handled before any new one.
    let mut queued: VecDeque<event::Event> = VecDeque::new();
    let mut dirty = true;
    let mut last_catch_up = Instant::now();
    let mut catch_up_every = CATCH_UP_EVERY;
    loop {
        // Set when papers are still waiting in the channel.
        let mut behind = false;
        if let Some((receiver, _)) = &loads {
            // What arrived since the last look, for a bounded time so that
            // keys are read between, then one catch-up and one frame.
            let budget = Instant::now() + LOAD_BUDGET;
            loop {
                if Instant::now() > budget {
                    behind = true;
                    break;
                }
                let next = match early.pop_front() {
                    Some(event) => Ok(event),
                    None => receiver.try_recv(),
                };
                match next {
                    Ok(LoadEvent::Papers(arrived)) => {
                        app.receive(*arrived);
                        dirty = true;
                    }
                    Ok(LoadEvent::Done(result)) => {
                        app.loaded(result?);
                        loads = None;
                        dirty = true;
                        break;
                    }
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        loads = None;
                        break;
                    }
                }
            }
            // Merging new hits into a million results costs milliseconds:
            // a few times a second is enough for them to fill in, and never
            // so often that merging takes more than a tenth of the time.
            if loads.is_none() || last_catch_up.elapsed() >= catch_up_every {
                let started = Instant::now();
                app.catch_up();
                catch_up_every = CATCH_UP_EVERY.max(started.elapsed() * 10);
                last_catch_up = Instant::now();
            }
        }
        if dirty || terminal::Session::needs_repaint() {
            // Drawn before any search, so a typed key shows at once.
            session.draw(|frame| view::draw(frame, &app))?;
            dirty = false;
        }
        if queued.is_empty()
            && app.search_pending()
            && let Some(searched) = search_until_key(&app, &mut queued)?
        {
            app.searched(searched);
            dirty = true;
            continue;
        }
        let wait = match (&loads, behind) {
            (Some(_), true) => READY,
            (Some(_), false) => LOAD_POLL,
            (None, _) => POLL,
        };
        if queued.is_empty() && !event::poll(wait)? {
            continue;
        }
        // Handle everything already queued before drawing again, so a burst
        // of keys or resizes costs one frame.
        loop {
            let event = next_event(&mut queued)?;
            if let event::Event::Key(pressed) = &event {
                if panic_key.is_some_and(|k| pressed.code == event::KeyCode::Char(k)) {
                    panic!("test panic");
                }
                if abort_key.is_some_and(|k| pressed.code == event::KeyCode::Char(k)) {
                    std::alloc::handle_alloc_error(std::alloc::Layout::new::<[u8; 1 << 20]>());
                }
            }
            if let Some(action) = keymap::action_for(app.mode, app.focus, &event) {
                let action = with_typed_ahead(action, &app, &mut queued)?;
                let mut effects = app.update(action);
                while let Some(effect) = effects.pop() {
                    match effect {
                        Effect::Quit => {
                            // Freeing a million papers one by one takes a
                            // noticeable moment; the process ends right after.
                            std::mem::forget(app);
                            return Ok(());
                        }
                        Effect::Suspend => terminal::suspend_job(),
                        effect => {
                            if let Some(result) = run_effect(effect, &context) {
                                effects.extend(app.update(result));
                            }
                        }
                    }
                }
                dirty = true;
            }
            if queued.is_empty() && !event::poll(READY)? {
                break;
            }
        }
    }
}

/// The next event: one read while a search ran, else a new one.
fn next_event(queued: &mut VecDeque<event::Event>) -> std::io::Result<event::Event> {
    match queued.pop_front() {
        Some(event) => Ok(event),
        None => event::read(),
    }
}

/// A typed character, with the characters typed right after it that are
/// already waiting, as one paste: text that arrives faster than it is
/// handled (a paste in a terminal without bracketed paste) costs one
/// search, not one per character. Anything else is left queued.
fn with_typed_ahead(
    action: Action,
    app: &App,
    queued: &mut VecDeque<event::Event>,
) -> std::io::Result<Action> {
    let Action::Edit(Edit::Insert(first)) = action else {
        return Ok(action);
    };
    let mut text = String::from(first);
    while !queued.is_empty() || event::poll(READY)? {
        let event = next_event(queued)?;
        match keymap::action_for(app.mode, app.focus, &event) {
            Some(Action::Edit(Edit::Insert(c))) => text.push(c),
            _ => {
                queued.push_front(event);
                break;
            }
        }
    }
    Ok(if text.len() == first.len_utf8() {
        Action::Edit(Edit::Insert(first))
    } else {
        Action::Paste(text)
    })
}

/// Runs the pending search on another thread while watching the keyboard:
/// a key or a paste cancels it (the query it searched for is likely
/// outdated) and `None` is returned; other events wait in `queued`.
fn search_until_key(
    app: &App,
    queued: &mut VecDeque<event::Event>,
) -> std::io::Result<Option<app::Searched>> {
    let cancel = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let worker = scope.spawn(|| app.run_search(&cancel));
        let mut failed = None;
        while !worker.is_finished() {
            match event::poll(SEARCH_POLL) {
                Ok(false) => {}
                Ok(true) => match event::read() {
                    Ok(event) => {
                        let typed = matches!(event, event::Event::Key(_) | event::Event::Paste(_));
                        queued.push_back(event);
                        if typed {
                            cancel.store(true, Ordering::Relaxed);
                            break;
                        }
                    }
                    Err(e) => {
                        failed = Some(e);
                        cancel.store(true, Ordering::Relaxed);
                        break;
                    }
                },
                Err(e) => {
                    failed = Some(e);
                    cancel.store(true, Ordering::Relaxed);
                    break;
                }
            }
        }
        let searched = worker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        match failed {
            Some(e) => Err(e),
            None => Ok(searched),
        }
    })
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
        Effect::Quit | Effect::Suspend => None,
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
