//! Loading a whole corpus at once, on top of the stream of batches.

use std::path::Path;

use super::Corpus;
use super::error::LoadError;
use super::stream::{LoadOptions, LoadSummary, Source, stream, stream_file};

/// Reads and validates a corpus file of any format; bad JSON Lines records
/// are skipped (see [`load_file_with`] to know how many).
pub fn load_file(path: &Path) -> Result<Corpus, LoadError> {
    load_file_with(path, LoadOptions::default()).map(|(corpus, _)| corpus)
}

/// Reads and validates a corpus file of any format, with what the load
/// found besides the papers.
pub fn load_file_with(
    path: &Path,
    options: LoadOptions,
) -> Result<(Corpus, LoadSummary), LoadError> {
    let mut batches = Vec::new();
    let summary = stream_file(path, options, &mut |b| batches.push(b.papers))?;
    let corpus = Corpus {
        name: summary.name.clone(),
        papers: batches.concat(),
    };
    Ok((corpus, summary))
}

/// Validates corpus text of any format; `file` names it in errors. The
/// name is the native `name`, or empty.
pub fn load_bytes(bytes: &[u8], file: &str) -> Result<Corpus, LoadError> {
    let mut batches = Vec::new();
    let source = Source {
        file,
        path: None,
        default_name: String::new(),
        total: bytes.len() as u64,
    };
    let summary = stream(
        bytes,
        source,
        LoadOptions::default(),
        &mut |b| batches.push(b.papers),
        &mut |_| {},
    )?;
    Ok(Corpus {
        name: summary.name,
        papers: batches.concat(),
    })
}
