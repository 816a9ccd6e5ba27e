//! The library: papers kept current from Hugging Face Daily Papers, arXiv
//! and medRxiv/bioRxiv by `paperboat sync`, in `<data dir>/library/`.
//!
//! Each finished sync adds one immutable segment, a native corpus file
//! (`segments.rs`); a paper's newest record wins, so a paper fetched again
//! is updated, never doubled. `sources.json` remembers each source and
//! where it stopped, `visits.json` when the reader last opened,
//! `digest.json` how far each `paperboat digest` went, and `lock`
//! is held by the one sync that may run at a time. A segment is written
//! whole before it is renamed into place and the sources file is replaced
//! after it, so a kill at any moment leaves every finished sync's papers
//! and lets the next sync go on from the last finished one.

mod lock;
pub mod pdfs;
mod segments;
pub mod viewer;

use std::path::{Path, PathBuf};

pub use crate::store::digests::{DigestMark, DigestStore, Shown};
pub use crate::store::sources::{SourceKind, SourceState, SourcesStore};
pub use crate::store::visits::{Visits, VisitsStore};
pub use lock::{Held, SyncLock};
pub use pdfs::{PdfError, Pdfs};
pub use segments::{SEGMENT_PREFIX, Segment, compaction, next_number, sweep, write_segment};
pub use viewer::{PdfOpener, PdfViewer};

/// The name the library opens under, in the reader's header.
pub const NAME: &str = "Library";

/// The library's folder name inside the data dir.
pub const FOLDER: &str = "library";

/// The data dir: `--data-dir`, else `$PAPERBOAT_DATA_DIR`, else the
/// platform's data dir (Linux: `~/.local/share/paperboat`).
pub fn data_dir(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = flag {
        return Some(dir.to_path_buf());
    }
    match std::env::var_os("PAPERBOAT_DATA_DIR") {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => {
            directories::ProjectDirs::from("", "", "paperboat").map(|d| d.data_dir().to_path_buf())
        }
    }
}

/// The library of one data dir.
#[derive(Debug, Clone)]
pub struct Library {
    dir: PathBuf,
}

impl Library {
    /// The library in `data_dir` (created by the first sync).
    pub fn new(data_dir: &Path) -> Library {
        Library {
            dir: data_dir.join(FOLDER),
        }
    }

    /// The library whose folder is `dir` (`<data dir>/library`).
    pub fn at(dir: &Path) -> Library {
        Library {
            dir: dir.to_path_buf(),
        }
    }

    /// Its folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the segments are.
    pub fn segments_dir(&self) -> PathBuf {
        self.dir.join("segments")
    }

    /// The segments, oldest first (see [`segments::list`]); none when the
    /// library is not there yet or cannot be read.
    pub fn segments(&self) -> Vec<Segment> {
        segments::list(&self.segments_dir())
    }

    /// Whether the library holds papers: it has at least one segment.
    pub fn holds_papers(&self) -> bool {
        !self.segments().is_empty()
    }

    /// The sources and where each stopped.
    pub fn sources(&self) -> SourcesStore {
        SourcesStore::new(&self.dir)
    }

    /// When the reader opened the library.
    pub fn visits(&self) -> VisitsStore {
        VisitsStore::new(&self.dir)
    }

    /// How far the digests went.
    pub fn digests(&self) -> DigestStore {
        DigestStore::new(&self.dir)
    }

    /// The lock a sync holds while it runs.
    pub fn lock(&self) -> SyncLock {
        SyncLock::new(&self.dir)
    }

    /// Bytes on disk: the segments and the small files beside them.
    pub fn size_on_disk(&self) -> u64 {
        crate::cache::files::size_of(&self.dir)
    }
}
