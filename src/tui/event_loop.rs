//! The event loop, in named steps: take in arrived papers, catch the
//! results up, draw if something changed, run a waiting search beside the
//! keyboard, then handle what the keyboard, mouse and terminal sent and run
//! the effects. It redraws only after something happened.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event};

use super::action::{Action, Command, Effect};
use super::clipboard;
use super::effects::{Context, run_effect};
use super::export;
use super::export_plan::ExportPlan;
use super::keymap;
use super::line_edit::Edit;
use super::loader::LoadEvent;
use super::pdf_worker::{PdfEvent, PdfWorker};
use super::state::{App, Searched};
use super::sync_worker::{self, SyncEvent};
use super::terminal::{self, Session};
use super::theme::Theme;
use super::view;
use crate::corpus::LoadError;

mod pdfs;

/// How long the loop waits for an event before looking again (and, after
/// `fg`, before it repaints).
const POLL: Duration = Duration::from_millis(100);
/// How often the loop looks for arriving papers while a corpus loads.
const LOAD_POLL: Duration = Duration::from_millis(30);
/// How often results are brought up to date while papers arrive, at least.
const CATCH_UP_EVERY: Duration = Duration::from_millis(150);
/// How long arriving papers are taken in before keys are looked at again.
const LOAD_BUDGET: Duration = Duration::from_millis(25);
/// The wait of a look at what is ready to read. Not zero: crossterm's
/// `/dev/tty` event source does not read the terminal at all within a
/// zero timeout (and its other source, edge-triggered, leaves input unread
/// until the next key when a paste arrives faster than it is handled).
const READY: Duration = Duration::from_millis(1);
/// How long a search runs before the status line says it is searching.
const SEARCHING_AFTER: Duration = Duration::from_millis(100);
/// How often the keyboard is looked at while a search runs.
const SEARCH_POLL: Duration = Duration::from_millis(2);

/// How often the keyboard is looked at, and the progress drawn, while an
/// export is written.
const EXPORT_POLL: Duration = Duration::from_millis(50);

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

/// The file being read, from the reader's side.
pub struct Loads {
    receiver: Receiver<LoadEvent>,
    /// Events received before the terminal was set up.
    early: VecDeque<LoadEvent>,
    last_catch_up: Instant,
    catch_up_every: Duration,
    /// The file is read; what may still come is the shelved catalog.
    read: bool,
}

impl Loads {
    /// Events of work beside a corpus that is all there (indexing its
    /// abstracts).
    pub fn beside(receiver: Receiver<LoadEvent>) -> Loads {
        Loads {
            read: true,
            ..Loads::new(receiver, VecDeque::new())
        }
    }

    /// Events of `receiver`, the first of which already arrived.
    pub fn new(receiver: Receiver<LoadEvent>, early: VecDeque<LoadEvent>) -> Loads {
        Loads {
            receiver,
            early,
            last_catch_up: Instant::now(),
            catch_up_every: CATCH_UP_EVERY,
            read: false,
        }
    }
}

/// The reader running: the terminal, the state and what effects act on.
pub struct EventLoop {
    session: Session,
    app: App,
    theme: Theme,
    context: Context,
    loads: Option<Loads>,
    /// Events read while a search ran, handled before any new one.
    queued: VecDeque<Event>,
    /// Something changed since the last frame.
    dirty: bool,
    /// How copies reach the clipboard, once the first copy asked.
    clipboard: Option<clipboard::Route>,
    /// The sync of the library running beside the keyboard (`U`).
    syncs: Option<Receiver<SyncEvent>>,
    /// Set when the reader quits: the sync stops between requests.
    stop_syncing: Arc<AtomicBool>,
    /// The PDF downloads beside the keyboard (`d`, `P`), once one began.
    pdf_worker: Option<PdfWorker>,
    /// Whether the PDF thread has work it has not reported done.
    pdfs_busy: bool,
    /// The PDFs' text being indexed beside the keyboard.
    bodies: Option<Receiver<Action>>,
}

impl EventLoop {
    /// A loop over `app` in `session`.
    pub fn new(
        session: Session,
        app: App,
        theme: Theme,
        context: Context,
        loads: Option<Loads>,
    ) -> EventLoop {
        EventLoop {
            session,
            app,
            theme,
            context,
            loads,
            queued: VecDeque::new(),
            dirty: true,
            clipboard: None,
            syncs: None,
            stop_syncing: Arc::new(AtomicBool::new(false)),
            pdf_worker: None,
            pdfs_busy: false,
            bodies: None,
        }
    }

    /// Runs `pending` (what starting asked for), then until the user
    /// quits or the file turns out to be bad.
    pub fn run(mut self, pending: Vec<Effect>) -> Result<(), RunError> {
        if self.run_effects(pending) {
            return Ok(());
        }
        loop {
            let behind = self.take_arrived_papers()?;
            self.take_sync_events();
            self.take_pdf_events();
            self.take_bodies();
            self.catch_up();
            self.draw_if_needed()?;
            if self.search_beside_the_keyboard()? {
                continue;
            }
            if self.related_beside_the_keyboard()? {
                continue;
            }
            if self.inbox_beside_the_keyboard()? {
                continue;
            }
            if self.words_beside_the_keyboard()? {
                continue;
            }
            if !self.wait_for_events(behind)? {
                self.pass_time();
                continue;
            }
            if self.handle_events()? {
                self.stop_syncing.store(true, Ordering::Relaxed);
                // Freeing a million papers one by one takes a noticeable
                // moment; the process ends right after.
                std::mem::forget(self.app);
                return Ok(());
            }
        }
    }

    /// Takes in what the loading thread sent, for a bounded time so that
    /// keys are read between; true when more is waiting.
    fn take_arrived_papers(&mut self) -> Result<bool, RunError> {
        let Some(loads) = &mut self.loads else {
            return Ok(false);
        };
        let budget = Instant::now() + LOAD_BUDGET;
        loop {
            if Instant::now() > budget {
                return Ok(true);
            }
            let next = match loads.early.pop_front() {
                Some(event) => Ok(event),
                None => loads.receiver.try_recv(),
            };
            match next {
                Ok(LoadEvent::Papers(arrived)) => {
                    self.app.update(Action::Arrived(arrived));
                    self.dirty = true;
                }
                Ok(LoadEvent::Done(result)) => {
                    let effects = self.app.update(Action::Loaded(Box::new(result?)));
                    loads.read = true;
                    // The PDFs' text indexed for the papers as read.
                    self.run_effects(effects);
                    self.dirty = true;
                    return Ok(false);
                }
                Ok(LoadEvent::Shelved(shelved)) => {
                    self.app.update(Action::Shelved(shelved));
                    self.dirty = true;
                }
                Ok(LoadEvent::Keeping) => {
                    self.app.update(Action::Keeping);
                    self.dirty = true;
                }
                Ok(LoadEvent::IndexingAbstracts(done, total)) => {
                    self.app.update(Action::IndexingAbstracts(done, total));
                    self.dirty = true;
                }
                Ok(LoadEvent::Abstracts(abstracts)) => {
                    self.app.update(Action::Abstracts(abstracts));
                    self.dirty = true;
                }
                Ok(LoadEvent::AbstractParts(parts)) => {
                    self.app.update(Action::AbstractParts(parts));
                    self.dirty = true;
                }
                Err(TryRecvError::Empty) => return Ok(false),
                Err(TryRecvError::Disconnected) => {
                    self.loads = None;
                    return Ok(false);
                }
            }
        }
    }

    /// Takes in what the sync thread told; the sync is over once it said
    /// `Done` (or went away).
    fn take_sync_events(&mut self) {
        let Some(receiver) = self.syncs.take() else {
            return;
        };
        loop {
            match receiver.try_recv() {
                Ok(event) => {
                    let done = matches!(event, SyncEvent::Done(_));
                    let effects = self.app.update(Action::Sync(event));
                    self.run_effects(effects);
                    self.dirty = true;
                    if done {
                        return;
                    }
                    // A grown library is enough for one turn: keys first.
                    if self.app.search_pending() {
                        break;
                    }
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => return,
            }
        }
        self.syncs = Some(receiver);
    }

    /// Merging new hits into a million results costs milliseconds: a few
    /// times a second is enough for them to fill in, and never so often
    /// that merging takes more than a tenth of the time.
    fn catch_up(&mut self) {
        let Some(loads) = self.loads.as_mut().filter(|l| !l.read) else {
            return;
        };
        if loads.last_catch_up.elapsed() >= loads.catch_up_every {
            let started = Instant::now();
            self.app.update(Action::CatchUp);
            loads.catch_up_every = CATCH_UP_EVERY.max(started.elapsed() * 10);
            loads.last_catch_up = Instant::now();
        }
    }

    /// Draws a frame when something changed (or the terminal came back
    /// from a suspension); before any search, so a typed key shows at once.
    fn draw_if_needed(&mut self) -> Result<(), RunError> {
        if self.dirty || Session::needs_repaint() {
            let (app, theme) = (&self.app, &self.theme);
            self.session.draw(|frame| view::draw(frame, app, theme))?;
            self.dirty = false;
        }
        Ok(())
    }

    /// Runs a waiting search on another thread while watching the
    /// keyboard; true when its results were shown. A key or a paste
    /// cancels it (the query it searched for is likely outdated).
    fn search_beside_the_keyboard(&mut self) -> Result<bool, RunError> {
        if !self.queued.is_empty() || !self.app.search_pending() {
            return Ok(false);
        }
        // A first screen of results, when the whole search would take
        // longer than a frame: drawn before the whole search starts.
        let app = &self.app;
        let first = until_key(
            &mut self.queued,
            |cancel| app.run_first_search(cancel),
            &mut || Ok(()),
        )?;
        if let Some(first) = first {
            self.app.update(Action::SearchedFirst(first));
            self.dirty = true;
            self.draw_if_needed()?;
        }
        if !self.queued.is_empty() {
            return Ok(false);
        }
        let (app, theme) = (&self.app, &self.theme);
        match search_until_key(app, &mut self.queued, &mut |app| {
            self.session
                .draw(|frame| view::draw_searching(frame, app, theme))
        })? {
            Some(searched) => {
                self.app.update(Action::Searched(searched));
                self.dirty = true;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Works out the related papers of the paper the detail pane shows
    /// while watching the keyboard: a key cancels it (it is asked again
    /// for whatever is shown next). True when they arrived.
    fn related_beside_the_keyboard(&mut self) -> Result<bool, RunError> {
        if !self.queued.is_empty() || self.app.search_pending() {
            return Ok(false);
        }
        let Some(paper) = self.app.related_wanted() else {
            return Ok(false);
        };
        let app = &self.app;
        let found = until_key(
            &mut self.queued,
            |cancel| app.find_related(paper, cancel),
            &mut || Ok(()),
        )?;
        match found {
            Some(list) => {
                self.app.update(Action::Related(Box::new(list)));
                self.dirty = true;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Counts what the saved queries find among the papers (and the new
    /// ones) while watching the keyboard: a key cancels it, and it runs
    /// again when the keys leave time. True when the counts arrived.
    fn inbox_beside_the_keyboard(&mut self) -> Result<bool, RunError> {
        if !self.queued.is_empty() || self.app.search_pending() || !self.app.inbox_wanted() {
            return Ok(false);
        }
        let app = &self.app;
        let counted = until_key(
            &mut self.queued,
            |cancel| app.count_inbox(cancel),
            &mut || Ok(()),
        )?;
        match counted {
            Some(counts) => {
                self.app.update(Action::InboxCounted(Box::new(counts)));
                self.dirty = true;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Indexes the headlines' words of a large corpus while no key waits,
    /// so that the first letters of a query are answered from them; a
    /// key cancels it, and it starts again when the keys leave time. The
    /// state does not change meanwhile (keys wait in `queued`), so the
    /// words match the papers when they arrive.
    fn words_beside_the_keyboard(&mut self) -> Result<bool, RunError> {
        if !self.queued.is_empty() || self.app.search_pending() || !self.app.words_wanted() {
            return Ok(false);
        }
        let app = &self.app;
        let indexed = until_key(
            &mut self.queued,
            |cancel| app.index_words(cancel),
            &mut || Ok(()),
        )?;
        match indexed {
            Some(words) => {
                self.app.update(Action::WordsIndexed(Arc::new(words)));
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Waits for an event (not long while papers arrive); true when one is
    /// ready.
    fn wait_for_events(&mut self, behind: bool) -> Result<bool, RunError> {
        let reading = self.loads.as_ref().is_some_and(|l| !l.read)
            || self.syncs.is_some()
            || self.pdfs_busy
            || self.bodies.is_some();
        let wait = match (reading, behind) {
            (true, true) => READY,
            (true, false) => LOAD_POLL,
            (false, _) => POLL,
        };
        Ok(!self.queued.is_empty() || event::poll(wait)?)
    }

    /// Handles everything already waiting before drawing again, so a burst
    /// of keys or resizes costs one frame; true when the user quit.
    fn handle_events(&mut self) -> Result<bool, RunError> {
        loop {
            let event = next_event(&mut self.queued)?;
            test_hooks(&event);
            if let Some(command) = keymap::command_for(self.app.context(), &event) {
                let command = with_typed_ahead(command, &self.app, &mut self.queued)?;
                let effects = self.app.update(command);
                if self.run_effects(effects) {
                    return Ok(true);
                }
                self.dirty = true;
            }
            if self.queued.is_empty() && !event::poll(READY)? {
                return Ok(false);
            }
        }
    }

    /// Tells the state that time passed (a paper shown long enough is
    /// read); a frame only when that changed something.
    fn pass_time(&mut self) {
        let effects = self.app.update(Action::Tick(Instant::now()));
        if !effects.is_empty() {
            self.run_effects(effects);
            self.dirty = true;
        }
    }

    /// Carries out the effects of an update, and those of their outcomes;
    /// true when one of them is to quit.
    fn run_effects(&mut self, mut effects: Vec<Effect>) -> bool {
        while let Some(effect) = effects.pop() {
            match effect {
                Effect::Quit => return true,
                Effect::Suspend => terminal::suspend_job(),
                Effect::Copy(text) => {
                    // Asked once: tmux's answer does not change in a session.
                    let route = *self.clipboard.get_or_insert_with(clipboard::route);
                    if let Err(e) = self.session.emit(&clipboard::osc52(&text, route)) {
                        let failed = Action::CopyFailed(e.to_string());
                        effects.extend(self.app.update(failed));
                    } else if !route.is_confirmed() {
                        effects.extend(self.app.update(Action::CopyUnconfirmed));
                    }
                }
                Effect::Sync => {
                    let started = match &self.context.library {
                        None => Err("U syncs the library; this reader shows a corpus file (open the library with `paperboat` alone)".to_string()),
                        Some(place) => sync_worker::spawn(place.clone(), Arc::clone(&self.stop_syncing))
                            .map_err(|e| e.to_string()),
                    };
                    match started {
                        Ok(receiver) => self.syncs = Some(receiver),
                        Err(why) => {
                            let done = Action::Sync(SyncEvent::Done(Err(why)));
                            effects.extend(self.app.update(done));
                        }
                    }
                }
                Effect::DownloadPdfs(job) => {
                    if let Err(why) = self.download_pdfs(job) {
                        let failed = PdfEvent::Failed(why);
                        effects.extend(self.app.update(Action::Pdf(failed)));
                        let idle = PdfEvent::Idle {
                            landed: 0,
                            failed: 0,
                        };
                        effects.extend(self.app.update(Action::Pdf(idle)));
                    }
                }
                Effect::IndexBodies { papers, of } => self.index_bodies(papers, of),
                Effect::Export(plan) => {
                    let outcome = self.export_beside_the_keyboard(&plan);
                    effects.extend(self.app.update(Action::Exported(outcome)));
                }
                effect => {
                    if let Some(outcome) = run_effect(effect, &self.context) {
                        effects.extend(self.app.update(outcome));
                    }
                }
            }
        }
        false
    }
}

impl EventLoop {
    /// Writes an export on another thread, its progress in the status
    /// line; the export's cancel key (`Esc`) stops it and leaves no file,
    /// quitting stops it and then quits, other events wait their turn.
    fn export_beside_the_keyboard(&mut self, plan: &ExportPlan) -> Result<String, String> {
        let progress = export::Progress::default();
        let (app, theme) = (&self.app, &self.theme);
        let (session, queued) = (&mut self.session, &mut self.queued);
        std::thread::scope(|scope| {
            let worker = scope.spawn(|| export::write(app, plan, &progress));
            while !worker.is_finished() {
                // A terminal that cannot be drawn on leaves the export to
                // finish without a progress line.
                let _ = session.draw(|frame| {
                    view::draw_exporting(frame, app, theme, plan, progress.percent(plan))
                });
                match event::poll(EXPORT_POLL).and_then(|r| r.then(event::read).transpose()) {
                    Ok(None) => {}
                    Ok(Some(event)) => match keymap::command_for(keymap::Context::Export, &event) {
                        Some(Command::Back) => progress.cancel(),
                        Some(Command::Quit) => {
                            progress.cancel();
                            queued.push_back(event);
                        }
                        _ => queued.push_back(event),
                    },
                    Err(_) => progress.cancel(),
                }
            }
            worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }
}

/// Runs `work` on another thread while watching the keyboard: a key or
/// a paste cancels it (and is queued, as are other events) and `None` is
/// returned. `slow` runs once if the work takes longer than
/// [`SEARCHING_AFTER`] (to say it is running).
fn until_key<T: Send>(
    queued: &mut VecDeque<Event>,
    work: impl FnOnce(&AtomicBool) -> Option<T> + Send,
    slow: &mut dyn FnMut() -> std::io::Result<()>,
) -> std::io::Result<Option<T>> {
    let cancel = AtomicBool::new(false);
    let started = Instant::now();
    let mut shown = false;
    std::thread::scope(|scope| {
        let worker = scope.spawn(|| work(&cancel));
        let mut failed = None;
        while !worker.is_finished() {
            if !shown && started.elapsed() >= SEARCHING_AFTER {
                shown = true;
                if let Err(e) = slow() {
                    failed = Some(e);
                    cancel.store(true, Ordering::Relaxed);
                    break;
                }
            }
            match event::poll(SEARCH_POLL).and_then(|ready| ready.then(event::read).transpose()) {
                Ok(None) => {}
                Ok(Some(event)) => {
                    let typed = matches!(event, Event::Key(_) | Event::Paste(_));
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
            }
        }
        let done = worker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        match failed {
            Some(e) => Err(e),
            None => Ok(done),
        }
    })
}

/// The next event: one read while a search ran, else a new one.
fn next_event(queued: &mut VecDeque<Event>) -> std::io::Result<Event> {
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
    command: Command,
    app: &App,
    queued: &mut VecDeque<Event>,
) -> std::io::Result<Command> {
    let Command::Edit(Edit::Insert(first)) = command else {
        return Ok(command);
    };
    let mut text = String::from(first);
    while !queued.is_empty() || event::poll(READY)? {
        let event = next_event(queued)?;
        match keymap::command_for(app.context(), &event) {
            Some(Command::Edit(Edit::Insert(c))) => text.push(c),
            _ => {
                queued.push_front(event);
                break;
            }
        }
    }
    Ok(if text.len() == first.len_utf8() {
        Command::Edit(Edit::Insert(first))
    } else {
        Command::Paste(text)
    })
}

/// Runs the waiting search on another thread while watching the keyboard:
/// a key or a paste cancels it and `None` is returned; other events wait
/// in `queued`.
fn search_until_key(
    app: &App,
    queued: &mut VecDeque<Event>,
    show_searching: &mut dyn FnMut(&App) -> std::io::Result<()>,
) -> std::io::Result<Option<Searched>> {
    until_key(queued, |cancel| app.run_search(cancel), &mut || {
        show_searching(app)
    })
}

/// Hidden triggers for the end-to-end tests that the terminal is restored
/// on a panic and on an allocation failure: the keys named by these
/// variables panic, or fail an allocation the way running out of memory
/// does. Only in debug builds: the released binary has no such door.
#[cfg(debug_assertions)]
fn test_hooks(event: &Event) {
    let Event::Key(pressed) = event else {
        return;
    };
    let is = |name| {
        std::env::var(name)
            .ok()
            .and_then(|k| k.chars().next())
            .is_some_and(|k| pressed.code == event::KeyCode::Char(k))
    };
    if is("PAPERBOAT_TEST_PANIC_KEY") {
        panic!("test panic");
    }
    if is("PAPERBOAT_TEST_ABORT_KEY") {
        std::alloc::handle_alloc_error(std::alloc::Layout::new::<[u8; 1 << 20]>());
    }
}

#[cfg(not(debug_assertions))]
fn test_hooks(_: &Event) {}
