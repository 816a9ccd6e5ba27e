//! Standard output, the one place every command writes (clap's help and
//! version included): a pipe closed by its reader (`| head -1`) is the end
//! of the output, quiet and exit 0; a full or closed stdout is an error,
//! one line and exit 2.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set when file descriptor 1 was closed as the process started (`>&-`):
/// the runtime then puts `/dev/null` in its place before `main`, and every
/// write would vanish without an error.
static CLOSED_AT_START: AtomicBool = AtomicBool::new(false);

/// Records that stdout was closed when the process started; called before
/// `main` by the binary, which alone can look before the runtime does.
pub fn mark_stdout_closed() {
    CLOSED_AT_START.store(true, Ordering::Relaxed);
}

/// Whether stdout was closed when the process started.
pub fn stdout_closed() -> bool {
    CLOSED_AT_START.load(Ordering::Relaxed)
}

/// The error a write to a stdout closed at start gives.
fn closed_error() -> io::Error {
    io::Error::other("it is closed")
}

/// Buffered stdout that remembers its first failure, so that how the
/// output ended decides the exit, whatever the command made of the error.
pub struct Output {
    inner: BufWriter<io::Stdout>,
    failed: Option<io::Error>,
}

impl Output {
    /// Stdout, buffered. Not locked for the whole run: the reader's guard
    /// threads must be able to write the restore sequences while the main
    /// thread is busy.
    pub fn stdout() -> Output {
        Output {
            // Large writes: a million lines of results are a hundred MB.
            inner: BufWriter::with_capacity(64 << 10, io::stdout()),
            failed: None,
        }
    }

    /// Keeps the first failure (its kind and words) and hands it back.
    fn fail(&mut self, e: io::Error) -> io::Error {
        let copy = io::Error::new(e.kind(), e.to_string());
        self.failed.get_or_insert(copy);
        e
    }

    /// Flushes what is buffered; `Err` with the first failure the output
    /// met, if any.
    pub fn finish(mut self) -> io::Result<()> {
        let flushed = self.flush();
        match self.failed.take() {
            Some(e) => Err(e),
            None => flushed,
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if stdout_closed() {
            return Err(self.fail(closed_error()));
        }
        self.inner.write(buf).map_err(|e| self.fail(e))
    }

    fn flush(&mut self) -> io::Result<()> {
        if stdout_closed() {
            return Err(self.fail(closed_error()));
        }
        self.inner.flush().map_err(|e| self.fail(e))
    }
}

/// The exit for output that could not be written, `None` when it was: a
/// closed pipe ends quietly (exit 0), anything else is one line (exit 2).
pub fn failed_exit(written: io::Result<()>) -> Option<ExitCode> {
    let e = written.err()?;
    if e.kind() == io::ErrorKind::BrokenPipe {
        return Some(ExitCode::SUCCESS);
    }
    eprintln!("paperboat: cannot write to standard output: {e}");
    Some(ExitCode::from(2))
}

/// Writes `text` to stdout, checked as every command's output is.
pub fn print(text: &str) -> io::Result<()> {
    let mut out = Output::stdout();
    let _ = out.write_all(text.as_bytes());
    out.finish()
}

/// Runs `write`, which prints to stdout by its own means (clap's coloured
/// help), refusing first when stdout was closed at start.
pub fn print_with(write: impl FnOnce() -> io::Result<()>) -> io::Result<()> {
    if stdout_closed() {
        return Err(closed_error());
    }
    write()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_ends_quietly_and_anything_else_fails() {
        assert!(failed_exit(Ok(())).is_none());
        let pipe = io::Error::from(io::ErrorKind::BrokenPipe);
        assert_eq!(failed_exit(Err(pipe)), Some(ExitCode::SUCCESS));
        let full = io::Error::from_raw_os_error(libc::ENOSPC);
        assert_eq!(failed_exit(Err(full)), Some(ExitCode::from(2)));
    }
}
