//! Owning the terminal: raw mode, the alternate screen, mouse reporting and
//! bracketed paste on the way in, all of it undone on every way out (quit,
//! error, panic, an abort such as a failed allocation, and every signal
//! that ends the process), and around a suspension (`Ctrl-z`, SIGTSTP,
//! SIGCONT).
//!
//! Frames are written in one piece while holding [`OUTPUT`], so that the
//! restore sequences never land inside a frame. The paths that end the
//! process wait for that lock only briefly and write without blocking: a
//! terminal that stopped reading must not keep a signal from ending it.

// The terminal's modes, a write that must not block, and leaving from a
// signal handler are libc calls, which are unsafe.
#![allow(unsafe_code)]

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// Alternate screen, mouse reporting (as crossterm enables it), bracketed
/// paste, hidden cursor, and keys told apart where the terminal can (the
/// keyboard protocol's first level, which terminals without it ignore):
/// there Ctrl-i is not Tab, and Esc is not the start of a sequence.
const ENTER: &[u8] = b"\x1b[?1049h\x1b[?1000h\x1b[?1002h\x1b[?1003h\x1b[?1015h\x1b[?1006h\x1b[?2004h\x1b[?25l\x1b[>1u";
/// Everything [`ENTER`] did, undone.
const LEAVE: &[u8] = b"\x1b[<u\x1b[?2004l\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?1049l\x1b[?25h";

/// True while the terminal is in reader mode, so that restoring happens
/// once even when several ways out ask for it.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Set when the terminal was taken over again after a suspension: the next
/// frame must repaint everything.
static REPAINT: AtomicBool = AtomicBool::new(false);
/// The terminal's settings before raw mode. Read without a lock, so that a
/// signal handler may use it.
static SAVED: OnceLock<libc::termios> = OnceLock::new();
/// Held while a frame or a restore sequence is written.
static OUTPUT: Mutex<()> = Mutex::new(());

/// How long a way out waits for a frame being written to finish.
const OUTPUT_WAIT: Duration = Duration::from_millis(100);

/// The terminal in reader mode; dropping it restores the terminal.
pub struct Session {
    terminal: Terminal<CrosstermBackend<Frames>>,
}

/// Why the reader cannot take over this terminal, as one line.
fn refusal() -> Option<&'static str> {
    if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        return Some(
            "TERM=dumb: the reader needs a terminal that understands escape sequences; use `paperboat search`",
        );
    }
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Some("the reader needs a terminal; use `paperboat search` in scripts");
    }
    None
}

impl Session {
    /// Takes over the terminal and starts watching for signals.
    pub fn start() -> io::Result<Session> {
        if let Some(reason) = refusal() {
            return Err(io::Error::other(reason));
        }
        install_panic_hook();
        let mut saved = std::mem::MaybeUninit::<libc::termios>::uninit();
        // SAFETY: tcgetattr fills the struct when it returns 0.
        if unsafe { libc::tcgetattr(libc::STDIN_FILENO, saved.as_mut_ptr()) } != 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: initialized by the successful call above.
        let _ = SAVED.set(unsafe { saved.assume_init() });
        spawn_guards()?;
        ACTIVE.store(true, Ordering::SeqCst);
        let entered =
            enter().and_then(|()| Terminal::new(CrosstermBackend::new(Frames::default())));
        match entered {
            Ok(terminal) => Ok(Session { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }

    /// The terminal's size in cells.
    pub fn size(&self) -> io::Result<(u16, u16)> {
        let size = self.terminal.size()?;
        Ok((size.width, size.height))
    }

    /// Draws one frame; after a suspension, every cell again.
    pub fn draw(&mut self, render: impl FnOnce(&mut ratatui::Frame)) -> io::Result<()> {
        if REPAINT.swap(false, Ordering::SeqCst) {
            // `clear` would ask the terminal where its cursor is, and read
            // the answer where the keys come from: a resize to the same
            // size clears and forgets what was drawn, without asking.
            let size = self.terminal.size()?;
            self.terminal
                .resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
        }
        self.terminal.draw(render).map(|_| ())
    }

    /// Writes `bytes` to the terminal between frames, as one piece: a
    /// sequence that is not drawing (a clipboard write).
    pub fn emit(&mut self, bytes: &[u8]) -> io::Result<()> {
        let _output = OUTPUT
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        write_all(libc::STDOUT_FILENO, bytes)
    }

    /// Whether the screen must be drawn again although nothing changed
    /// (the terminal was given back after a suspension).
    pub fn needs_repaint() -> bool {
        REPAINT.load(Ordering::SeqCst)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
    }
}

/// Frames as ratatui writes them, sent to the terminal in one piece on
/// flush, under [`OUTPUT`].
#[derive(Default)]
struct Frames {
    pending: Vec<u8>,
}

impl Write for Frames {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let _output = OUTPUT
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let result = write_all(libc::STDOUT_FILENO, &self.pending);
        self.pending.clear();
        result
    }
}

/// Raw mode and [`ENTER`].
fn enter() -> io::Result<()> {
    let Some(saved) = SAVED.get() else {
        return Err(io::Error::other("terminal settings not saved"));
    };
    let mut raw = *saved;
    // SAFETY: cfmakeraw and tcsetattr only read and write the struct given.
    unsafe {
        libc::cfmakeraw(&mut raw);
        if libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &raw) != 0 {
            return Err(io::Error::last_os_error());
        }
    }
    // crossterm reads a line feed as Enter unless it knows the terminal is
    // raw: told so, it reads Ctrl-j as Ctrl-j. Its own saved settings are
    // never used (restoring uses `SAVED`), and a second call does nothing.
    crossterm::terminal::enable_raw_mode()?;
    let _output = OUTPUT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    write_all(libc::STDOUT_FILENO, ENTER)
}

/// Writes all of `bytes` to `fd`, going on after an interruption.
fn write_all(fd: libc::c_int, mut bytes: &[u8]) -> io::Result<()> {
    while !bytes.is_empty() {
        // SAFETY: the pointer and length describe the live slice.
        let n = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        bytes = &bytes[n as usize..];
    }
    Ok(())
}

/// [`OUTPUT`], unless a frame holds it for longer than [`OUTPUT_WAIT`]
/// (a terminal that stopped reading): then the caller goes on without it.
fn output_briefly() -> Option<MutexGuard<'static, ()>> {
    let deadline = Instant::now() + OUTPUT_WAIT;
    loop {
        match OUTPUT.try_lock() {
            Ok(guard) => return Some(guard),
            Err(std::sync::TryLockError::Poisoned(p)) => return Some(p.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(1));
            }
            Err(std::sync::TryLockError::WouldBlock) => return None,
        }
    }
}

/// Undoes everything [`Session::start`] did; does nothing the second time.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _output = output_briefly();
        leave();
    }
}

/// [`LEAVE`] and the saved settings, with only calls that are safe in a
/// signal handler, and a write that cannot hang: through a descriptor of
/// its own opened non-blocking, waiting at most [`LEAVE_WAIT`] for a
/// terminal that is slow to take it (one that stopped reading never will).
fn leave() {
    // SAFETY: open, poll, write, tcsetattr and close are async-signal-safe;
    // the path is a NUL-terminated constant; the slice is a constant.
    unsafe {
        let tty = libc::open(
            c"/dev/tty".as_ptr(),
            libc::O_WRONLY | libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC,
        );
        let fd = if tty >= 0 { tty } else { libc::STDOUT_FILENO };
        let mut rest = LEAVE;
        let mut waits = LEAVE_WAIT.as_millis() as i32 / 10;
        while !rest.is_empty() {
            let n = libc::write(fd, rest.as_ptr().cast(), rest.len());
            if n > 0 {
                rest = &rest[n as usize..];
                continue;
            }
            let mut ready = libc::pollfd {
                fd,
                events: libc::POLLOUT,
                revents: 0,
            };
            if waits == 0 || libc::poll(&mut ready, 1, 10) < 0 {
                break;
            }
            waits -= 1;
        }
        if let Some(saved) = SAVED.get() {
            libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, saved);
        }
        if tty >= 0 {
            libc::close(tty);
        }
    }
}

/// How long restoring waits for the terminal to take the restore sequences.
const LEAVE_WAIT: Duration = Duration::from_millis(300);

/// Restores the terminal and ends the process with `code` at once: no
/// destructors, no flushing of a stdout that may block.
fn end(code: i32) -> ! {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _output = output_briefly();
        leave();
    }
    // SAFETY: _exit ends the process; nothing after it runs.
    unsafe { libc::_exit(code) }
}

/// Gives the terminal back and stops, as `Ctrl-z` does in any terminal
/// program; when continued, takes it over again and asks for a repaint.
/// Holds [`OUTPUT`] throughout, so no frame is drawn on the shell's screen.
fn suspend() {
    if !ACTIVE.load(Ordering::SeqCst) {
        return;
    }
    let _output = output_briefly();
    leave();
    // SAFETY: raise only sends a signal to this process.
    unsafe {
        libc::raise(libc::SIGSTOP);
    }
    take_over_again();
}

/// Raw mode and [`ENTER`] again, after a stop; the next frame repaints.
fn take_over_again() {
    if !ACTIVE.load(Ordering::SeqCst) {
        return;
    }
    if let Some(saved) = SAVED.get() {
        let mut raw = *saved;
        // SAFETY: as in `enter`.
        unsafe {
            libc::cfmakeraw(&mut raw);
            libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &raw);
        }
    }
    let _ = write_all(libc::STDOUT_FILENO, ENTER);
    REPAINT.store(true, Ordering::SeqCst);
}

/// Suspends the reader and its whole job (a `cargo run` around it too),
/// as the terminal's own `Ctrl-z` would: SIGTSTP to the process group. The
/// signal watcher does the rest.
pub fn suspend_job() {
    // SAFETY: kill with pid 0 signals this process's group.
    unsafe {
        libc::kill(0, libc::SIGTSTP);
    }
}

/// Signals whose default action ends the process: each ends it here too,
/// with the terminal restored, and exit status 128+N.
const ENDING: &[libc::c_int] = &[
    libc::SIGHUP,
    libc::SIGINT,
    libc::SIGQUIT,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGALRM,
    libc::SIGTERM,
    libc::SIGVTALRM,
    libc::SIGPROF,
    libc::SIGXCPU,
    libc::SIGXFSZ,
    libc::SIGIO,
    #[cfg(target_os = "linux")]
    libc::SIGPWR,
];

/// Watches for signals and for the terminal going away, on threads of
/// their own: the main thread may be inside a terminal read that never
/// returns once the terminal is gone (crossterm retries a read that keeps
/// returning end-of-file), or inside a write the terminal does not take.
fn spawn_guards() -> io::Result<()> {
    let mut wanted = ENDING.to_vec();
    wanted.extend([libc::SIGTSTP, libc::SIGCONT]);
    let mut signals = signal_hook::iterator::Signals::new(&wanted)?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                match signal {
                    libc::SIGTSTP => suspend(),
                    libc::SIGCONT => {
                        // Continued after a stop this process did not ask
                        // for (SIGSTOP): the shell may have changed the
                        // terminal meanwhile.
                        let _output = output_briefly();
                        take_over_again();
                    }
                    other => end(128 + other),
                }
            }
        })?;
    // An abort (a failed allocation among others) runs no destructor and
    // no panic hook: the handler restores the terminal, then the abort
    // goes on.
    // SAFETY: `on_abort` only uses async-signal-safe calls.
    unsafe {
        signal_hook::low_level::register(libc::SIGABRT, on_abort)?;
    }
    std::thread::Builder::new()
        .name("hangup".into())
        .spawn(|| {
            loop {
                std::thread::sleep(Duration::from_millis(250));
                // A hung-up terminal is no longer a terminal.
                if !io::stdin().is_terminal() {
                    end(128 + libc::SIGHUP);
                }
            }
        })?;
    Ok(())
}

/// The SIGABRT handler: the terminal back, and one line saying why.
fn on_abort() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        leave();
        const LINE: &[u8] = b"paperboat: aborted (out of memory?)\n";
        // SAFETY: write is async-signal-safe.
        unsafe {
            libc::write(libc::STDERR_FILENO, LINE.as_ptr().cast(), LINE.len());
        }
    }
}

/// Faults: signals the system sends for an instruction that cannot go on.
/// Reading a mapped cache file that another program cut short is the one
/// a user can meet (SIGBUS); each ends the process with the terminal
/// restored and one line, never a core dump and a broken screen.
const FAULTS: &[(libc::c_int, &[u8])] = &[
    (libc::SIGBUS, b"SIGBUS"),
    (libc::SIGSEGV, b"SIGSEGV"),
    (libc::SIGFPE, b"SIGFPE"),
    (libc::SIGILL, b"SIGILL"),
    (libc::SIGSYS, b"SIGSYS"),
    (libc::SIGTRAP, b"SIGTRAP"),
];

/// Installs the fault handlers (see [`FAULTS`]), for the reader and every
/// command alike.
pub fn install_fault_handlers() {
    for &(signal, _) in FAULTS {
        // SAFETY: a zeroed sigaction is a valid empty one; the handler only
        // uses async-signal-safe calls and runs on the thread's alternate
        // stack (which the runtime sets up), so a stack overflow reaches it.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_fault as *const () as usize;
            action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(signal, &action, std::ptr::null_mut());
        }
    }
}

/// The fault handler: the terminal back, one line naming the cache file
/// read when it happened, exit status 2. Returning would run the faulting
/// instruction again, so it ends the process itself.
extern "C" fn on_fault(signal: libc::c_int, info: *mut libc::siginfo_t, _: *mut libc::c_void) {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        leave();
    }
    // SAFETY: the system passes a valid siginfo to an SA_SIGINFO handler.
    let address = unsafe { info.as_ref().map_or(0, |i| i.si_addr() as usize) };
    let name = FAULTS
        .iter()
        .find(|(s, _)| *s == signal)
        .map_or(&b"a fault"[..], |(_, name)| name);
    let mut path = [0u8; crate::cache::mapped::PATH_BYTES];
    let found = crate::cache::mapped::file_holding(address, &mut path).or_else(|| {
        (signal == libc::SIGBUS)
            .then(|| crate::cache::mapped::last_mapped(&mut path))
            .flatten()
    });
    let file = found.map(|len| &path[..len]);
    let say = |bytes: &[u8]| {
        // SAFETY: write is async-signal-safe; the slice is live.
        unsafe { libc::write(libc::STDERR_FILENO, bytes.as_ptr().cast(), bytes.len()) };
    };
    say(b"paperboat: ");
    match file {
        Some(path) => {
            say(path);
            say(b": the cache file changed while it was read (");
            say(name);
            say(b"); run paperboat again: the entry is rebuilt when next opened\n");
        }
        None => {
            say(b"stopped by ");
            say(name);
            say(b" (a cache file changed while it was read?); run paperboat again: cache entries are checked, and rebuilt, when opened\n");
        }
    }
    // SAFETY: _exit ends the process; nothing after it runs.
    unsafe { libc::_exit(2) }
}

/// On a panic: restore the terminal first, then say what happened in one
/// clean line (no backtrace: the user cannot act on one).
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        // A contained panic is an answer its caller handles: the reader
        // goes on, so the terminal stays as it is and nothing is said.
        if crate::contain::is_contained() {
            return;
        }
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
        let line = crate::corpus::sanitize::clean_line(&format!("internal error: {what}{at}"));
        eprintln!("paperboat: {}", crate::corpus::sanitize::clip(&line, 400));
    }));
}
