//! The terminal is restored however the reader ends: `q`, `Ctrl-c`, SIGTERM,
//! SIGHUP and a panic; and a storm of resizes leaves a correct frame.

mod common;

use std::time::Duration;

use common::pty::{Reader, assert_restored};
use tempfile::TempDir;

fn started(env: &[(&str, &str)]) -> (TempDir, Reader) {
    let dir = TempDir::new().unwrap();
    let reader = Reader::start_with_env(&[], dir.path(), 90, 26, env);
    reader.wait_for("the start screen", |s| s.contains("192 / 192"));
    (dir, reader)
}

fn signal(reader: &Reader, name: &str) {
    let status = std::process::Command::new("kill")
        .args([format!("-{name}"), reader.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn q_and_ctrl_c() {
    for keys in ["q", "\x03", "/x\x03", "?\x03", "?qq"] {
        let (_dir, mut reader) = started(&[]);
        reader.send(keys);
        assert_eq!(reader.wait_exit(), 0, "{keys:?}");
        assert_restored(&reader);
    }
}

#[test]
fn sigterm_and_sighup_exit_with_128_plus_n() {
    for (name, code) in [("TERM", 143), ("HUP", 129)] {
        let (_dir, mut reader) = started(&[]);
        reader.send("/mamba");
        reader.wait_for("the query", |s| s.contains("/ mamba"));
        signal(&reader, name);
        assert_eq!(reader.wait_exit(), code, "SIG{name}");
        assert_restored(&reader);
    }
}

/// The panic and abort keys are test hooks of debug builds only.
#[cfg(debug_assertions)]
#[test]
fn a_panic_restores_the_terminal_and_says_one_line() {
    let (_dir, mut reader) = started(&[("PAPERBOAT_TEST_PANIC_KEY", "%")]);
    reader.send("?");
    reader.wait_for("the help", |s| s.contains("keys"));
    reader.send("%");
    assert_eq!(reader.wait_exit(), 101);
    assert_restored(&reader);
    let output = String::from_utf8_lossy(&reader.output()).into_owned();
    let after = &output[output.rfind("\x1b[?1049l").unwrap()..];
    assert!(
        after.contains("paperboat: internal error: test panic"),
        "{after:?}"
    );
    assert!(!after.contains("RUST_BACKTRACE") && !after.contains("stack backtrace"));
}

#[test]
fn a_storm_of_resizes_leaves_a_correct_frame() {
    let (dir, mut reader) = started(&[]);
    reader.send("/seg");
    reader.wait_for("the query", |s| s.contains("/ seg"));
    reader.send("\x1b");
    reader.wait_for("the list focused", |s| s.contains("j/k move"));
    reader.send("?");
    reader.wait_for("the help", |s| s.contains("Esc/q close"));
    // Shrink below the minimum and grow again, quickly, with the help open.
    let sizes = [
        (60, 20),
        (30, 8),
        (1, 1),
        (200, 60),
        (45, 11),
        (39, 9),
        (120, 40),
        (10, 3),
        (100, 30),
        (70, 24),
    ];
    for _ in 0..3 {
        for (cols, rows) in sizes {
            reader.resize(cols, rows);
            // The storm under test: resizes a few milliseconds apart.
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    let storm = reader.wait_for("the final frame", |s| s.contains("Esc/q close"));
    // The same state reached directly at the final size draws the same.
    let mut fresh = Reader::start(&[], dir.path(), 70, 24);
    fresh.wait_for("the start screen", |s| s.contains("192 / 192"));
    fresh.send("/seg");
    fresh.wait_for("the query", |s| s.contains("/ seg"));
    fresh.send("\x1b");
    fresh.wait_for("the list focused", |s| s.contains("j/k move"));
    fresh.send("?");
    let direct = fresh.wait_for("the help", |s| s.contains("Esc/q close"));
    assert_eq!(storm, direct);
    reader.send("\x1b");
    reader.wait_for("the help closed", |s| !s.contains("Esc/q close"));
    reader.resize(30, 8);
    reader.wait_for("the notice", |s| s.contains("terminal too small"));
    reader.resize(80, 24);
    reader.wait_for("the reader again", |s| {
        s.contains("/ 192") && s.contains("/ seg")
    });
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
    fresh.send("qq");
    fresh.wait_exit();
}

#[test]
fn every_signal_that_ends_the_reader_restores_the_terminal() {
    let signals = [
        ("INT", libc::SIGINT),
        ("QUIT", libc::SIGQUIT),
        ("USR1", libc::SIGUSR1),
        ("USR2", libc::SIGUSR2),
        ("ALRM", libc::SIGALRM),
        ("VTALRM", libc::SIGVTALRM),
        ("PROF", libc::SIGPROF),
        ("XCPU", libc::SIGXCPU),
        ("XFSZ", libc::SIGXFSZ),
        ("IO", libc::SIGIO),
        ("PWR", libc::SIGPWR),
    ];
    for (name, number) in signals {
        let (_dir, mut reader) = started(&[]);
        reader.send("/mamba");
        reader.wait_for("the query", |s| s.contains("/ mamba"));
        signal(&reader, name);
        assert_eq!(reader.wait_exit(), 128 + number as u32, "SIG{name}");
        assert_restored(&reader);
    }
}

#[test]
fn ctrl_z_and_sigtstp_suspend_and_sigcont_takes_the_terminal_back() {
    for how in ["Ctrl-z", "SIGTSTP"] {
        let (_dir, mut reader) = started(&[]);
        reader.send("/mamba");
        reader.wait_for("the query", |s| s.contains("/ mamba"));
        if how == "Ctrl-z" {
            reader.send("\x1a");
        } else {
            signal(&reader, "TSTP");
        }
        reader.wait_state('T');
        // Stopped with the terminal given back (once the bytes are read).
        reader.wait_for("the shell's screen", |_| {
            !reader.screen().screen().alternate_screen()
        });
        assert_restored(&reader);
        signal(&reader, "CONT");
        let again = reader.wait_for("the reader again", |s| s.contains("/ mamba"));
        assert!(again.contains("papers"), "{how}: {again}");
        let screen = reader.screen();
        assert!(screen.screen().alternate_screen(), "{how}");
        // Keys work again, and the query is as it was.
        reader.send("a");
        reader.wait_for("typing goes on", |s| s.contains("/ mambaa"));
        reader.send("\x1b");
        reader.wait_for("the list focused", |s| s.contains("j/k move"));
        reader.send("q");
        assert_eq!(reader.wait_exit(), 0, "{how}");
        assert_restored(&reader);
    }
}

#[test]
fn a_stop_the_reader_did_not_ask_for_is_repainted_on_sigcont() {
    let (_dir, mut reader) = started(&[]);
    signal(&reader, "STOP");
    reader.wait_state('T');
    let before = reader.output().len();
    signal(&reader, "CONT");
    reader.wait_for("a repaint", |s| s.contains("192 / 192"));
    // The screen above may be the one from before the stop: the repaint
    // is in what was written since.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let repainted = || String::from_utf8_lossy(&reader.output()[before..]).into_owned();
    while !repainted().contains("192 / 192") {
        let repaint = repainted();
        assert!(std::time::Instant::now() < deadline, "{repaint:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
}

#[test]
fn sigterm_ends_the_reader_at_once_when_the_terminal_stopped_reading() {
    let dir = TempDir::new().unwrap();
    let mut reader = Reader::start(&[], dir.path(), 200, 60);
    reader.wait_for("the start screen", |s| s.contains("192 / 192"));
    reader.pause_reading(true);
    // Full repaints until the terminal's buffer is full and a write blocks.
    for i in 0..40 {
        reader.resize(200 - (i % 2), 60);
        // Spaced so that each resize is a repaint of its own.
        std::thread::sleep(Duration::from_millis(20));
    }
    reader.wait_write_blocked();
    signal(&reader, "TERM");
    let deadline = std::time::Instant::now() + Duration::from_secs(3);
    while reader.state().is_some_and(|s| s != 'Z') && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let ended = reader.state().is_none_or(|s| s == 'Z');
    reader.pause_reading(false);
    assert!(
        ended,
        "SIGTERM waited for the terminal: {:?}",
        reader.state()
    );
    assert_eq!(reader.wait_exit(), 143);
}

#[cfg(debug_assertions)]
#[test]
fn an_allocation_failure_restores_the_terminal_and_says_so() {
    let (_dir, mut reader) = started(&[("PAPERBOAT_TEST_ABORT_KEY", "%")]);
    reader.send("?");
    reader.wait_for("the help", |s| s.contains("keys"));
    reader.send("%");
    let (_, signal) = reader.wait_end();
    assert_eq!(signal.as_deref(), Some("Aborted"), "ended by SIGABRT");
    assert_restored(&reader);
    let output = String::from_utf8_lossy(&reader.output()).into_owned();
    let after = &output[output.rfind("\x1b[?1049l").unwrap()..];
    assert!(after.contains("paperboat: aborted"), "{after:?}");
}

#[test]
fn term_dumb_is_refused_with_one_line_and_no_escape() {
    let dir = TempDir::new().unwrap();
    let mut reader = Reader::start_with_env(&[], dir.path(), 80, 24, &[("TERM", "dumb")]);
    assert_eq!(reader.wait_exit(), 2);
    let output = String::from_utf8_lossy(&reader.output()).into_owned();
    assert!(
        output.contains("TERM=dumb") && output.contains("paperboat search"),
        "{output:?}"
    );
    assert!(!output.contains('\x1b'), "{output:?}");
    assert_eq!(output.trim_end().lines().count(), 1, "{output:?}");
}

#[test]
fn a_corpus_that_fails_at_once_is_one_line_and_the_terminal_untouched() {
    let dir = TempDir::new().unwrap();
    let mut reader = Reader::start(&["/dev/zero"], dir.path(), 80, 24);
    assert_eq!(reader.wait_exit(), 2);
    let output = String::from_utf8_lossy(&reader.output()).into_owned();
    assert!(
        output.contains("/dev/zero:1:1: expected a JSON corpus"),
        "{output:?}"
    );
    assert!(!output.contains("\x1b[?1049h"), "the reader never started");
}

#[cfg(unix)]
#[test]
fn a_corpus_that_fails_later_ends_the_reader_with_the_terminal_restored() {
    let dir = TempDir::new().unwrap();
    let fifo = dir.path().join("late.json");
    common::mkfifo(&fifo);
    let writer_path = fifo.clone();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let mut pipe = std::fs::OpenOptions::new()
            .write(true)
            .open(writer_path)
            .unwrap();
        pipe.write_all(b"[{\"title\": \"first\"},").unwrap();
        pipe.flush().unwrap();
        // Long enough for the reader to be on screen (it waits up to half
        // a second for the first word from the loader), then broken.
        std::thread::sleep(Duration::from_millis(2500));
        let _ = pipe.write_all(b" nonsense");
    });
    let mut reader = Reader::start(&[fifo.to_str().unwrap()], dir.path(), 80, 24);
    reader.wait_for("the reader loading", |s| s.contains("loading"));
    assert_eq!(reader.wait_exit(), 2);
    writer.join().unwrap();
    assert_restored(&reader);
    let output = String::from_utf8_lossy(&reader.output()).into_owned();
    let after = &output[output.rfind("\x1b[?1049l").unwrap()..];
    assert!(after.contains("late.json:1:"), "{after:?}");
}
