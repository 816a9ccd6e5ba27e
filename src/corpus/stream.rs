//! Placeholder streaming loader (whole file, then batches).

use std::path::Path;

use super::{LoadError, Paper, load_file};

/// Options for loading.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// A bad record is fatal.
    pub strict: bool,
}

/// Papers handed over while a file loads.
pub struct Batch {
    /// The papers, in file order.
    pub papers: Vec<Paper>,
    /// Bytes read so far.
    pub bytes_read: u64,
    /// File size.
    pub total_bytes: u64,
    /// Bad records so far.
    pub skipped: usize,
}

/// What a finished load found besides the papers.
#[derive(Debug)]
pub struct LoadSummary {
    /// Corpus name.
    pub name: String,
    /// Bad records skipped.
    pub skipped: usize,
    /// The first bad record.
    pub first_skipped: Option<LoadError>,
}

/// Reads `path`, calling `sink` with batches.
pub fn stream_file(
    path: &Path,
    _options: LoadOptions,
    sink: &mut dyn FnMut(Batch),
) -> Result<LoadSummary, LoadError> {
    let corpus = load_file(path)?;
    let total = std::fs::metadata(path).map_or(0, |m| m.len());
    let n = corpus.papers.len();
    let mut papers = corpus.papers.into_iter();
    let mut done = 0;
    loop {
        let batch: Vec<Paper> = papers.by_ref().take(20_000).collect();
        if batch.is_empty() {
            break;
        }
        done += batch.len();
        sink(Batch {
            papers: batch,
            bytes_read: total * done as u64 / n.max(1) as u64,
            total_bytes: total,
            skipped: 0,
        });
    }
    Ok(LoadSummary {
        name: corpus.name,
        skipped: 0,
        first_skipped: None,
    })
}
