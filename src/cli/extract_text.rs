//! `paperboat extract-text FILE`: the child process that takes a PDF's
//! text for `d`, `P` and `paperboat pdf`, run by paperboat itself (not a
//! subcommand: no help, completion or manual page lists it). It limits its
//! own memory and CPU time first, so that a PDF made to exhaust them ends
//! this process only; its one output is the text as JSON (see
//! `paperboat_net::pdf::text`).

use std::ffi::OsString;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::pdf::text::{ChildAnswer, SUBCOMMAND};
use crate::pdftext::{Unreadable, extract};

/// Address space the child may use: a paper's text takes tens of MB;
/// the allocator reserves some beyond what it uses.
const MEMORY_LIMIT: u64 = 1 << 30;
/// CPU seconds: a 20-page paper takes a fraction of one.
const CPU_LIMIT: u64 = 30;
/// The extracting thread's stack, mapped whole when it starts.
const STACK: usize = 64 << 20;

/// When the command line is `paperboat extract-text FILE`, takes the
/// text and gives the exit code; `None` for any other command line.
pub fn run_if_asked(words: &[OsString]) -> Option<ExitCode> {
    let [_, command, file] = words else {
        return None;
    };
    if command.as_os_str() != SUBCOMMAND {
        return None;
    }
    let mut out = std::io::stdout().lock();
    Some(match run(Path::new(file), &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(2),
    })
}

/// Prints the text of the PDF at `file` as JSON.
fn run(file: &Path, out: &mut impl Write) -> std::io::Result<()> {
    // The text is taken on a thread whose whole stack is mapped before
    // the limits apply: under an address-space limit, the main thread's
    // stack could not grow (pdf-extract builds large tables on it).
    let file = file.to_path_buf();
    let taking = std::thread::Builder::new()
        .name("extract-text".into())
        .stack_size(STACK)
        .spawn(move || {
            let _ = rlimit::setrlimit(rlimit::Resource::AS, MEMORY_LIMIT, MEMORY_LIMIT);
            let _ = rlimit::setrlimit(rlimit::Resource::CPU, CPU_LIMIT, CPU_LIMIT);
            // A page pdf-extract panics on is caught and counted; nothing
            // is printed for it.
            std::panic::set_hook(Box::new(|_| {}));
            take(&file)
        })?;
    let answer = taking
        .join()
        .unwrap_or_else(|_| Err(Unreadable::Malformed("its text could not be taken".into())));
    let json = serde_json::to_vec(&answer).map_err(std::io::Error::other)?;
    out.write_all(&json)?;
    out.flush()
}

/// The text of the PDF at `file`, or why there is none.
fn take(file: &Path) -> ChildAnswer {
    let limit = crate::library::pdfs::MAX_PDF_BYTES;
    match crate::store::file::read_regular(file, limit) {
        Ok(Some(bytes)) => extract(&bytes),
        Ok(None) => Err(Unreadable::Malformed("the file is not there".into())),
        Err(e) => Err(Unreadable::Malformed(e.to_string())),
    }
}
