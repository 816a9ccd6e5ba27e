//! Building an abstracts index: paper by paper into a temporary directory
//! beside its home, then sealed and put in place whole.

use std::path::{Path, PathBuf};

use tantivy::schema::Field;
use tantivy::{Index, IndexWriter, TantivyDocument};

use super::sealed;
use super::search::{Abstracts, Error, schema};
use crate::cache::files;

/// Memory the writer may use before it writes a segment.
const WRITER_BUDGET: usize = 64 << 20;
/// Memory a one-thread writer of a few abstracts may use: tantivy's least.
const SMALL_BUDGET: usize = 15_000_000;
/// From this many abstracts on, they are indexed on several threads.
const MANY: usize = 50_000;

/// An abstracts index being built, paper by paper.
pub struct AbstractsWriter {
    writer: IndexWriter,
    index: Index,
    text: Field,
    title: Field,
    paper: Field,
    /// Where the index is built (none: in memory).
    building: Option<tempfile::TempDir>,
    /// Where it goes when whole.
    home: Option<PathBuf>,
    /// Held while the build runs, so that a sweep of another process
    /// tells it from one that was cut short.
    _claim: Option<files::Claim>,
}

impl AbstractsWriter {
    /// A writer whose index goes to `dir` (replacing what is there) when
    /// finished, or stays in memory without one; `papers`: about how many
    /// abstracts will come (a few are indexed on one thread with little
    /// memory, many on several).
    pub fn new(dir: Option<&Path>, papers: usize) -> Result<AbstractsWriter, Error> {
        let (schema, text, title, paper) = schema();
        let (index, building, claim) = match dir {
            Some(dir) => {
                let parent = dir.parent().unwrap_or(Path::new("."));
                files::make_real_dir(parent)?;
                files::sweep_builds(parent);
                let building = tempfile::Builder::new()
                    .prefix(files::BUILDING_ABSTRACTS)
                    .tempdir_in(parent)?;
                let claim = files::Claim::on(building.path())?;
                (
                    Index::create_in_dir(building.path(), schema)?,
                    Some(building),
                    Some(claim),
                )
            }
            None => (Index::create_in_ram(schema), None, None),
        };
        let (threads, budget) = if papers < MANY {
            (1, SMALL_BUDGET)
        } else {
            let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
            (threads, WRITER_BUDGET * threads)
        };
        let writer = index.writer_with_num_threads(threads, budget)?;
        Ok(AbstractsWriter {
            writer,
            index,
            text,
            title,
            paper,
            building,
            home: dir.map(Path::to_path_buf),
            _claim: claim,
        })
    }

    /// Adds the abstract (and title) of the paper at corpus index
    /// `paper`.
    pub fn add(&mut self, paper: usize, title: &str, text: &str) -> Result<(), Error> {
        if text.is_empty() && title.is_empty() {
            return Ok(());
        }
        let mut doc = TantivyDocument::default();
        doc.add_text(self.text, text);
        doc.add_text(self.title, title);
        doc.add_u64(self.paper, paper as u64);
        self.writer.add_document(doc)?;
        Ok(())
    }

    /// Writes the index out and opens it; `state` and `papers` name the
    /// corpus it answers for (see [`Abstracts::open`]).
    pub fn finish(mut self, state: &str, papers: usize) -> Result<Abstracts, Error> {
        self.writer.commit()?;
        self.writer.wait_merging_threads()?;
        let (Some(building), Some(home)) = (self.building, self.home) else {
            return Abstracts::from_index(&self.index, papers);
        };
        sealed::seal(building.path(), state, papers)?;
        drop(self.index);
        // Whole or not at all: the finished directory takes the place of
        // an old one by rename; if another process got there first with
        // the same state, its index is as good. The entry is looked at
        // again first: it may have been swapped for a link meanwhile.
        let parent = home.parent().unwrap_or(Path::new("."));
        if !files::is_real_dir(parent)? {
            return Err(Error::InternalError("the cache entry is gone".into()));
        }
        let _ = files::remove_no_follow(&home);
        let built = building.keep();
        if std::fs::rename(&built, &home).is_err() {
            let _ = std::fs::remove_dir_all(&built);
        }
        Abstracts::open_dir(&home, state, papers)
    }
}
