//! `paperboat check F`: validate a corpus file.

use std::io::Write;
use std::path::Path;

use super::{CliError, Status};
use crate::corpus::load_file;

/// Prints the paper count, or fails with the first error.
pub fn run(file: &Path, out: &mut impl Write) -> Result<Status, CliError> {
    let corpus = load_file(file)?;
    writeln!(
        out,
        "{}: ok, {} papers ({})",
        file.display(),
        corpus.papers.len(),
        corpus.name
    )?;
    Ok(Status::Done)
}
