//! `paperboat check F`: validate a corpus file.

use std::io::Write;
use std::path::Path;

use super::{CliError, Status};
use crate::corpus::sanitize::clean_line;
use crate::corpus::{LoadOptions, stream_file_reporting};

/// Bad records listed one per line before the rest are only counted.
const LISTED: usize = 20;

/// Prints the paper count, the format and the bad records skipped (a JSON
/// Lines record or a Daily Papers entry that does not validate), or fails
/// with the first error (the first bad record too, with `--strict`).
pub fn run(file: &Path, options: LoadOptions, out: &mut impl Write) -> Result<Status, CliError> {
    let mut papers = 0;
    let mut listed = Vec::new();
    let summary = stream_file_reporting(
        file,
        options,
        &mut |batch| papers += batch.papers.len(),
        &mut |bad| {
            if listed.len() < LISTED {
                listed.push(bad.to_string());
            }
        },
    )?;
    writeln!(
        out,
        "{}: ok, {papers} papers ({}), format {}, {} skipped",
        clean_line(&file.display().to_string()),
        summary.name,
        summary.format,
        summary.skipped,
    )?;
    for bad in &listed {
        writeln!(out, "  {}", clean_line(bad))?;
    }
    if summary.skipped > listed.len() {
        writeln!(out, "  … and {} more", summary.skipped - listed.len())?;
    }
    Ok(Status::Done)
}
