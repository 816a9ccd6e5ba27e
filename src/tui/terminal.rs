//! Owning the terminal: raw mode, alternate screen and mouse capture on the
//! way in, and all of it undone on the way out: on quit, on error, on panic,
//! and on SIGTERM or SIGHUP.

use std::io::{self, IsTerminal, Stdout, stdout};
use std::sync::atomic::{AtomicBool, Ordering};

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

/// Ends the reader when SIGTERM or SIGHUP arrives or the terminal goes
/// away, restoring what can be restored and exiting with 128+N.
///
/// This runs on threads of its own because the main thread may be inside a
/// terminal read that never returns once the terminal is gone (crossterm
/// retries a read that keeps returning end-of-file).
pub fn spawn_guards() -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            end(128 + signal);
        }
    });
    std::thread::spawn(|| {
        loop {
            std::thread::sleep(std::time::Duration::from_millis(250));
            // A hung-up terminal is no longer a terminal.
            if !io::stdin().is_terminal() {
                end(128 + signal_hook::consts::SIGHUP);
            }
        }
    });
    Ok(())
}

/// Restores the terminal and exits, holding stdout so that no frame being
/// drawn interleaves with the restore sequences.
fn end(code: i32) -> ! {
    let _stdout = stdout().lock();
    restore();
    std::process::exit(code)
}
