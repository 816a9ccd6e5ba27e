//! `paperboat check F`: validate a corpus file.

use std::io::Write;
use std::path::Path;

use super::{CliError, Status};
use crate::corpus::sanitize::clean_line;
use crate::corpus::{LoadOptions, stream_file_reporting};

/// Bad records listed one per line before the rest are only counted.
const LISTED: usize = 20;

/// Prints the paper count, the format, the bad records skipped (a JSON
/// Lines record or a Daily Papers entry that does not validate) and the
/// links left out (any the reader would refuse to open), or fails with the
/// first error (the first bad record too, with `--strict`).
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
    let refused = match summary.refused_links {
        0 => String::new(),
        1 => ", 1 link refused".into(),
        n => format!(", {n} links refused"),
    };
    // Clean (exit 0) only with nothing skipped or left out; else exit 1,
    // saying how many, as grep says no by its status.
    let clean = summary.skipped == 0 && summary.refused_links == 0;
    let skipped = match summary.skipped {
        0 => "0 skipped".to_string(),
        1 => "1 bad record skipped".to_string(),
        n => format!("{n} bad records skipped"),
    };
    writeln!(
        out,
        "{}: {}{} ({}), format {}, {skipped}{refused}",
        clean_line(&file.display().to_string()),
        if clean { "ok, " } else { "" },
        // Plain digits: scripts read this count.
        if papers == 1 {
            "1 paper".to_string()
        } else {
            format!("{papers} papers")
        },
        clean_line(&summary.name),
        summary.format,
    )?;
    list(out, &listed, summary.skipped)?;
    list(out, &summary.refused, summary.refused_links)?;
    Ok(if clean { Status::Done } else { Status::Flawed })
}

/// The messages, one per line, and how many more there were.
fn list(out: &mut impl Write, listed: &[String], total: usize) -> Result<(), CliError> {
    for line in listed {
        writeln!(out, "  {}", clean_line(line))?;
    }
    if total > listed.len() {
        writeln!(out, "  … and {} more", total - listed.len())?;
    }
    Ok(())
}
