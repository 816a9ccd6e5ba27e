//! The abstracts of a catalog indexed by word (see [`crate::fulltext`]):
//! kept beside the corpus's cache entry, or built in memory without one.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::papers::Catalog;
use super::words::AbstractWords;
use crate::cache::FileKey;
use crate::fulltext::{Abstracts, AbstractsWriter, Error};
use crate::query::Papers;

/// How often indexing tells its progress, in papers.
const PROGRESS_EVERY: usize = 4096;

/// Where the abstracts index of the corpus file at `path` is kept in the
/// cache at `cache_dir`.
pub fn abstracts_home(cache_dir: &Path, path: &Path) -> Option<PathBuf> {
    let name = FileKey::entry_name(path).ok()?;
    Some(cache_dir.join(name).join("abstracts"))
}

/// The state of a corpus file an abstracts index answers for.
pub fn state_of(key: &FileKey) -> String {
    format!(
        "{}:{}:{}:{:016x}:{}",
        key.path,
        key.size,
        key.modified_ns,
        key.fingerprint,
        crate::cache::FORMAT_VERSION
    )
}

/// Where the abstracts index of some of an opened file's papers is kept:
/// one for a file indexed whole, two for one that grew at its end (what it
/// was, and what was added).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AbstractsPart {
    /// The first of its papers.
    pub start: usize,
    /// How many papers it holds.
    pub len: usize,
    /// Its directory in the cache.
    pub home: PathBuf,
    /// The state of the corpus file it answers for (see [`state_of`]).
    pub state: String,
}

/// Indexes the abstract of every paper of `catalog` (reading records from
/// the file when they are not in memory), into `home` or into memory;
/// `progress` gets the papers done and the total now and then.
pub fn index_abstracts(
    catalog: &Catalog,
    home: Option<&Path>,
    state: &str,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Abstracts, Error> {
    index_abstracts_of(catalog, 0..catalog.len(), home, state, progress)
}

/// [`index_abstracts`] for the papers `range` of `catalog` alone, counted
/// from the range's start.
fn index_abstracts_of(
    catalog: &Catalog,
    range: std::ops::Range<usize>,
    home: Option<&Path>,
    state: &str,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Abstracts, Error> {
    let total = range.len();
    let mut writer = AbstractsWriter::new(home, total)?;
    for (k, i) in range.enumerate() {
        let paper = catalog.paper(i);
        writer.add(k, &paper.title, &paper.abstract_text)?;
        if k % PROGRESS_EVERY == 0 {
            progress(k, total);
        }
    }
    let abstracts = writer.finish(state, total)?;
    progress(total, total);
    Ok(abstracts)
}

/// The abstracts of `catalog` as `parts` keep them, each part opened where
/// it is kept, or (when `index`) indexed into it, else into memory; with
/// no part, all of them indexed in memory. `None` when a part is neither
/// kept nor (could be) indexed. Each comes with where its papers start.
pub fn abstracts_by_part(
    catalog: &Catalog,
    parts: &[AbstractsPart],
    index: bool,
    progress: &mut dyn FnMut(usize, usize),
) -> Option<Vec<(usize, Arc<Abstracts>)>> {
    if parts.is_empty() {
        let abstracts = index.then(|| index_abstracts(catalog, None, "", progress).ok())??;
        return Some(vec![(0, Arc::new(abstracts))]);
    }
    let mut done = Vec::with_capacity(parts.len());
    for part in parts {
        let range = part.start..part.start + part.len;
        let abstracts = match Abstracts::open(&part.home, &part.state, part.len) {
            Some(kept) => kept,
            None if index => {
                let home = Some(part.home.as_path());
                index_abstracts_of(catalog, range.clone(), home, &part.state, progress)
                    .or_else(|_| index_abstracts_of(catalog, range, None, &part.state, progress))
                    .ok()?
            }
            None => return None,
        };
        done.push((part.start, Arc::new(abstracts)));
    }
    Some(done)
}

impl Catalog {
    /// Searches from now on also match words of the abstracts.
    pub fn set_abstracts(&mut self, abstracts: Arc<Abstracts>) {
        self.abstracts = Some(AbstractWords::One(abstracts));
    }

    /// Searches from now on also match words of the abstracts, indexed one
    /// corpus file at a time (a stacked catalog): where each file's papers
    /// start, with its index.
    pub fn set_abstract_parts(&mut self, parts: Vec<(usize, Arc<Abstracts>)>) {
        self.abstracts = Some(AbstractWords::Parts(parts, self.len()));
    }

    /// Searches from now on also match words of the abstracts, indexed as
    /// [`abstracts_by_part`] gives them.
    pub fn set_abstracts_by_part(&mut self, mut parts: Vec<(usize, Arc<Abstracts>)>) {
        match parts.as_slice() {
            [(0, _)] => {
                if let Some((_, abstracts)) = parts.pop() {
                    self.set_abstracts(abstracts);
                }
            }
            _ => self.set_abstract_parts(parts),
        }
    }

    /// Whether the abstracts are indexed by word.
    pub fn has_abstracts(&self) -> bool {
        self.abstracts.is_some()
    }

    /// Indexes the abstracts in memory now, unless they are.
    pub fn index_abstracts_in_memory(&mut self) {
        if self.has_abstracts() {
            return;
        }
        if let Ok(abstracts) = index_abstracts(self, None, "", &mut |_, _| {}) {
            self.set_abstracts(Arc::new(abstracts));
        }
    }
}
