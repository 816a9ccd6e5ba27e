//! Owning the terminal: raw mode, alternate screen and mouse capture on the
//! way in, and all of it undone on the way out: on quit, on error, on panic,
//! and on SIGTERM or SIGHUP.

use std::io::{self, IsTerminal, Stdout, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crossterm::cursor::Show;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// The terminal in reader mode; dropping it restores the terminal.
pub struct Session {
    terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl Session {
    /// Takes over the terminal.
    pub fn start() -> io::Result<Session> {
        if !stdout().is_terminal() || !io::stdin().is_terminal() {
            return Err(io::Error::other(
                "the reader needs a terminal; use `paperboat search` in scripts",
            ));
        }
        install_panic_hook();
        ACTIVE.store(true, Ordering::SeqCst);
        enable_raw_mode()?;
        let session = execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)
            .and_then(|()| Terminal::new(CrosstermBackend::new(stdout())))
            .map(|terminal| Session { terminal });
        if session.is_err() {
            restore();
        }
        session
    }

    /// The terminal's size in cells.
    pub fn size(&self) -> io::Result<(u16, u16)> {
        let size = self.terminal.size()?;
        Ok((size.width, size.height))
    }

    /// Draws one frame.
    pub fn draw(&mut self, render: impl FnOnce(&mut ratatui::Frame)) -> io::Result<()> {
        self.terminal.draw(render).map(|_| ())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
    }
}

/// True while the terminal is in reader mode, so that restoring happens
/// once even when a panic and the unwinding both ask for it.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Undoes everything `Session::start` did; does nothing the second time.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = execute!(stdout(), DisableMouseCapture, LeaveAlternateScreen, Show);
        let _ = disable_raw_mode();
    }
}

/// On a panic: restore the terminal first, then say what happened in one
/// line (no backtrace: the user cannot act on one).
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        restore();
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".into());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("paperboat: internal error: {what}{at}");
    }));
}

/// SIGTERM and SIGHUP, noted by a handler and acted on by the event loop.
pub struct Signals {
    received: Arc<AtomicUsize>,
}

impl Signals {
    /// Registers the handlers.
    pub fn register() -> io::Result<Signals> {
        let received = Arc::new(AtomicUsize::new(0));
        for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
            signal_hook::flag::register_usize(signal, Arc::clone(&received), signal as usize)?;
        }
        Ok(Signals { received })
    }

    /// The signal received, if any.
    pub fn received(&self) -> Option<i32> {
        match self.received.load(Ordering::Relaxed) {
            0 => None,
            n => Some(n as i32),
        }
    }
}
