//! Loading a corpus file on a background thread, so that the reader draws
//! its first frame at once and stays usable while papers arrive. The thread
//! also builds each batch's part of the index, leaving the reader only
//! cheap appends.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::time::Instant;

use crate::corpus::{LoadError, LoadOptions, LoadSummary, Paper, stream_file};
use crate::query::Index;

/// What the loading thread reports.
pub enum LoadEvent {
    /// More papers, with their part of the index.
    Papers(Box<Arrived>),
    /// The file is read to the end (or failed).
    Done(Result<Finished, LoadError>),
}

/// A batch of papers as the reader takes them in.
pub struct Arrived {
    /// The papers, following those already received.
    pub papers: Vec<Paper>,
    /// Their index, to append to the reader's.
    pub index: Index,
    /// Bytes of the file read so far.
    pub bytes_read: u64,
    /// The file's size.
    pub total_bytes: u64,
    /// Bad records skipped so far.
    pub skipped: usize,
}

/// How a load ended.
pub struct Finished {
    /// The corpus name and the records skipped.
    pub summary: LoadSummary,
    /// Seconds from start to the last paper.
    pub seconds: f64,
}

/// Starts loading `path`; events arrive on the returned channel in order.
/// The thread ends by itself when the reader goes away.
pub fn spawn(path: PathBuf, options: LoadOptions) -> std::io::Result<Receiver<LoadEvent>> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("load".into())
        .spawn(move || {
            let started = Instant::now();
            let mut sink = |batch: crate::corpus::Batch| {
                let index = Index::part(&batch.papers);
                // A closed channel means the reader quit: the process is
                // about to end, so the error is of no use.
                let _ = tx.send(LoadEvent::Papers(Box::new(Arrived {
                    papers: batch.papers,
                    index,
                    bytes_read: batch.bytes_read,
                    total_bytes: batch.total_bytes,
                    skipped: batch.skipped,
                })));
            };
            let result = stream_file(&path, options, &mut sink).map(|summary| Finished {
                summary,
                seconds: started.elapsed().as_secs_f64(),
            });
            let _ = tx.send(LoadEvent::Done(result));
        })?;
    Ok(rx)
}
