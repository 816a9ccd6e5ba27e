//! `paperboat extract-text FILE` (hidden): the child process that takes a
//! PDF's text for `d`, `P` and `paperboat pdf`. It limits its own memory
//! and CPU time first, so that a PDF made to exhaust them ends this
//! process only; its one output is the text as JSON (see
//! `paperboat_net::pdf::text`).

use std::io::Write;
use std::path::Path;

use super::{CliError, Status};
use crate::pdf::text::ChildAnswer;
use crate::pdftext::{Unreadable, extract};

/// Address space the child may use: a paper's text takes tens of MB;
/// the allocator reserves some beyond what it uses.
const MEMORY_LIMIT: u64 = 1 << 30;
/// CPU seconds: a 20-page paper takes a fraction of one.
const CPU_LIMIT: u64 = 30;

/// Prints the text of the PDF at `file` as JSON.
pub fn run(file: &Path, out: &mut impl Write) -> Result<Status, CliError> {
    let _ = rlimit::setrlimit(rlimit::Resource::AS, MEMORY_LIMIT, MEMORY_LIMIT);
    let _ = rlimit::setrlimit(rlimit::Resource::CPU, CPU_LIMIT, CPU_LIMIT);
    // A page pdf-extract panics on is caught and counted; nothing is
    // printed for it.
    std::panic::set_hook(Box::new(|_| {}));
    let limit = crate::library::pdfs::MAX_PDF_BYTES;
    let answer: ChildAnswer = match crate::store::file::read_regular(file, limit) {
        Ok(Some(bytes)) => extract(&bytes),
        Ok(None) => Err(Unreadable::Malformed("the file is not there".into())),
        Err(e) => Err(Unreadable::Malformed(e.to_string())),
    };
    let json = serde_json::to_vec(&answer).map_err(|e| CliError::Usage(e.to_string()))?;
    out.write_all(&json)?;
    Ok(Status::Done)
}
