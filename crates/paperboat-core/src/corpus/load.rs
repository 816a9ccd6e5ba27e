//! Loading a whole corpus at once, on top of the stream of batches.

use std::path::Path;

use super::collection::{BUNDLED_JSON, BUNDLED_NAME, Corpus};
use super::deliver::Batch;
use super::error::LoadError;
use super::paper::Paper;
use super::stream::{LoadOptions, LoadSummary, Source, stream, stream_file};

impl Corpus {
    /// The corpus compiled into the binary.
    pub fn bundled() -> Result<Corpus, LoadError> {
        load_bytes(BUNDLED_JSON, BUNDLED_NAME)
    }
}

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
    let mut papers = Vec::new();
    let summary = stream_file(path, options, &mut |b| collect(&mut papers, b))?;
    let corpus = Corpus {
        name: summary.name.clone(),
        papers,
    };
    Ok((corpus, summary))
}

/// Validates corpus text of any format; `file` names it in errors. The
/// name is the native `name`, or empty.
pub fn load_bytes(bytes: &[u8], file: &str) -> Result<Corpus, LoadError> {
    let mut papers = Vec::new();
    let source = Source {
        file,
        path: None,
        default_name: String::new(),
        total: bytes.len() as u64,
        sized: true,
    };
    let summary = stream(
        std::io::Cursor::new(bytes),
        source,
        LoadOptions::default(),
        &mut |b| collect(&mut papers, b),
        &mut |_| {},
    )?;
    Ok(Corpus {
        name: summary.name,
        papers,
    })
}

/// Appends a batch; room for the whole file is made once, from the papers
/// per byte so far, rather than by doubling a vector of a million papers.
fn collect(papers: &mut Vec<Paper>, batch: Batch) {
    if papers.len() + batch.papers.len() > papers.capacity() && batch.bytes_read > 0 {
        let seen = papers.len() + batch.papers.len();
        let wanted = expected_total(seen, batch.bytes_read, batch.total_bytes);
        papers.reserve(wanted.saturating_sub(papers.len()).max(batch.papers.len()));
    }
    papers.extend(batch.papers);
}

/// How many papers a file of `total_bytes` holds, from the `seen` papers of
/// its first `bytes_read` bytes, with a little to spare: room is made for
/// them once, not by doubling a vector of a million papers.
pub fn expected_total(seen: usize, bytes_read: u64, total_bytes: u64) -> usize {
    if bytes_read == 0 {
        return seen;
    }
    let expected = seen as u128 * u128::from(total_bytes.max(bytes_read)) / u128::from(bytes_read);
    usize::try_from(expected + expected / 16).unwrap_or(usize::MAX)
}
