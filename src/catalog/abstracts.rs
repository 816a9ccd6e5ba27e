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

/// Indexes the abstract of every paper of `catalog` (reading records from
/// the file when they are not in memory), into `home` or into memory;
/// `progress` gets the papers done and the total now and then.
pub fn index_abstracts(
    catalog: &Catalog,
    home: Option<&Path>,
    state: &str,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Abstracts, Error> {
    let mut writer = AbstractsWriter::new(home, catalog.len())?;
    let total = catalog.len();
    for i in 0..total {
        let paper = catalog.paper(i);
        writer.add(i, &paper.title, &paper.abstract_text)?;
        if i % PROGRESS_EVERY == 0 {
            progress(i, total);
        }
    }
    let abstracts = writer.finish(state, total)?;
    progress(total, total);
    Ok(abstracts)
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
