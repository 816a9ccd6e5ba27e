//! Driving the real binary in a pseudo-terminal and reading its screen.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Where the kernel shows a thread that waits for room to write to a
/// terminal (`/proc/<pid>/task/<tid>/wchan`): `n_tty_write` itself, or the
/// `wait_woken` it sleeps in. The reader waits for keys in `poll`, so a
/// thread in `wait_woken` is not one waiting to read.
const BLOCKED_WRITE: [&str; 2] = ["n_tty_write", "wait_woken"];

/// A running reader in a pty, with everything it wrote.
pub struct Reader {
    child: Option<Box<dyn Child + Send + Sync>>,
    writer: Box<dyn Write + Send>,
    _master: Box<dyn MasterPty + Send>,
    output: Arc<Mutex<Vec<u8>>>,
    size: (u16, u16),
    /// While set, nothing is read from the terminal: as a terminal that
    /// stopped reading (scroll lock, a stuck ssh session).
    paused: Arc<AtomicBool>,
    /// Set once everything the reader wrote has been read (its end of the
    /// terminal closed).
    drained: Arc<AtomicBool>,
    /// The reader's end of the terminal, to see what it has not read yet.
    tty: Option<PathBuf>,
}

impl Reader {
    /// Starts `paperboat ARGS` in a `cols` x `rows` terminal.
    pub fn start(args: &[&str], config_dir: &Path, cols: u16, rows: u16) -> Reader {
        Reader::start_with_env(args, config_dir, cols, rows, &[])
    }

    /// Like [`Reader::start`] with extra environment variables.
    pub fn start_with_env(
        args: &[&str],
        config_dir: &Path,
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Reader {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_paperboat"));
        cmd.args(args);
        cmd.arg("--config-dir");
        cmd.arg(config_dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("PAPERBOAT_CONFIG_DIR");
        cmd.env("PAPERBOAT_CACHE_DIR", config_dir.join("cache"));
        cmd.env("PAPERBOAT_DATA_DIR", config_dir.join("data"));
        cmd.env("BROWSER", "/bin/false");
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("the binary starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        let paused = Arc::new(AtomicBool::new(false));
        let pause = Arc::clone(&paused);
        let drained = Arc::new(AtomicBool::new(false));
        let done = Arc::clone(&drained);
        let tty = pair.master.tty_name();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                while pause.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(10));
                }
                let Ok(n) = reader.read(&mut buf) else {
                    break;
                };
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
            done.store(true, Ordering::SeqCst);
        });
        Reader {
            child: Some(child),
            writer,
            _master: pair.master,
            output,
            size: (cols, rows),
            paused,
            drained,
            tty,
        }
    }

    /// Types keys (raw bytes: `"\x1b"` is Esc, `"\r"` is Enter).
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Types keys and waits until the reader has read them and its screen
    /// has stopped changing; returns the screen's text. For keys whose
    /// effect shows nowhere, and before an Esc that must arrive alone.
    pub fn send_settled(&mut self, keys: &str) -> String {
        self.send(keys);
        self.settle()
    }

    /// Waits until the reader has read everything typed and its screen has
    /// stopped changing; returns the screen's text.
    pub fn settle(&self) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.unread_input() > 0 {
            assert!(Instant::now() < deadline, "the reader stopped reading keys");
            std::thread::sleep(Duration::from_millis(5));
        }
        self.wait_for("a settled screen", |_| true)
    }

    /// How many bytes typed are still in the terminal, unread by the
    /// reader (none once its end of the terminal is gone).
    fn unread_input(&self) -> usize {
        use std::os::fd::AsRawFd;
        use std::os::unix::fs::OpenOptionsExt;
        let Some(path) = &self.tty else {
            return 0;
        };
        let Ok(tty) = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOCTTY)
            .open(path)
        else {
            return 0;
        };
        let mut unread: libc::c_int = 0;
        // SAFETY: FIONREAD writes one `c_int` through the pointer, which
        // points at `unread`; `tty` stays open for the call.
        let status = unsafe { libc::ioctl(tty.as_raw_fd(), libc::FIONREAD, &mut unread) };
        if status == 0 {
            usize::try_from(unread).unwrap_or(0)
        } else {
            0
        }
    }

    /// Waits until everything the reader wrote before it ended is read.
    fn wait_drained(&self) {
        let deadline = Instant::now() + Duration::from_secs(5);
        // A process the reader started may hold the terminal open after
        // it ended: then its output is complete by the deadline anyway.
        while !self.drained.load(Ordering::SeqCst) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Everything written so far.
    pub fn output(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }

    /// The screen as a terminal would show it now.
    pub fn screen(&self) -> vt100::Parser {
        let mut parser = vt100::Parser::new(self.size.1, self.size.0, 0);
        parser.process(&self.output());
        parser
    }

    /// The screen's text once `pred` holds for it and it has stopped
    /// changing; panics with the screen after a generous timeout.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut last = String::new();
        loop {
            let text = self.screen().screen().contents();
            if pred(&text) && text == last {
                return text;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; screen:\n{text}");
            }
            last = text;
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    /// Stops or resumes reading what the reader writes.
    pub fn pause_reading(&self, paused: bool) {
        self.paused.store(paused, Ordering::SeqCst);
    }

    /// The process's state letter from `/proc` (`T` when stopped), if it
    /// is still there.
    pub fn state(&self) -> Option<char> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).ok()?;
        // The state follows the command name, which is in parentheses.
        stat.rsplit_once(") ")?.1.chars().next()
    }

    /// Waits until one of the reader's threads is blocked writing to the
    /// terminal (a terminal that stopped reading is full); panics after a
    /// generous timeout.
    pub fn wait_write_blocked(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        let tasks = format!("/proc/{}/task", self.pid());
        let blocked = || {
            std::fs::read_dir(&tasks)
                .into_iter()
                .flatten()
                .flatten()
                .any(|task| {
                    std::fs::read_to_string(task.path().join("wchan"))
                        .is_ok_and(|wchan| BLOCKED_WRITE.iter().any(|w| wchan.contains(w)))
                })
        };
        while !blocked() {
            assert!(
                Instant::now() < deadline,
                "no write to the terminal blocked"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the process is in `state` (`T`: stopped, `S`: running
    /// and waiting); panics after a generous timeout.
    pub fn wait_state(&self, state: char) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.state() != Some(state) {
            if Instant::now() > deadline {
                panic!("the reader never reached state {state}: {:?}", self.state());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// How the process ended: its exit code, or the signal that ended it.
    pub fn wait_end(&mut self) -> (u32, Option<String>) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.as_mut().expect("running").try_wait().unwrap() {
                self.wait_drained();
                return (status.exit_code(), status.signal().map(str::to_string));
            }
            if Instant::now() > deadline {
                let _ = self.child.as_mut().expect("running").kill();
                panic!("the reader did not exit");
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Waits for the process to exit and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.as_mut().expect("running").try_wait().unwrap() {
                self.wait_drained();
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.as_mut().expect("running").kill();
                panic!("the reader did not exit");
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Resizes the terminal, as a window manager would.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self._master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize");
        self.size = (cols, rows);
    }

    /// The screen at the current size, from everything written since the
    /// last resize settled (a resize redraws the whole screen).
    pub fn screen_text(&self) -> String {
        self.screen().screen().contents()
    }

    /// The process id, for sending signals.
    pub fn pid(&self) -> u32 {
        self.child
            .as_ref()
            .and_then(|c| c.process_id())
            .expect("a pid")
    }
}

impl Drop for Reader {
    fn drop(&mut self) {
        if let Some(child) = self.child.as_mut() {
            let _ = child.kill();
        }
    }
}

/// The reader ended and left the terminal as it found it: mouse capture
/// off, alternate screen left, cursor shown (raw mode off is invisible in
/// the output).
pub fn assert_restored(reader: &Reader) {
    let output = String::from_utf8_lossy(&reader.output()).into_owned();
    for (what, sequence) in [
        ("mouse capture off", "\x1b[?1000l"),
        ("bracketed paste off", "\x1b[?2004l"),
        ("alternate screen left", "\x1b[?1049l"),
        ("cursor shown", "\x1b[?25h"),
    ] {
        assert!(
            output.contains(sequence),
            "{what}: {sequence:?} not emitted"
        );
    }
    let parser = reader.screen();
    assert!(!parser.screen().alternate_screen());
    assert!(!parser.screen().hide_cursor());
}
