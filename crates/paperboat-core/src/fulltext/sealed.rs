//! `ready.json`: what says a directory holds a whole abstracts index, for
//! which corpus state, and the length and hash of every file in it when
//! the build completed. tantivy trusts its files, and a damaged one makes
//! it panic on every search, so they are checked before it opens them, as
//! the headline index is: a file changed, missing, or not a regular file
//! (a FIFO would hang the open) means the index is built again.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::cache::files::{open_regular, read_small};

/// The file's name in the index's directory.
pub const READY: &str = "ready.json";
/// The most `ready.json` may weigh: a few dozen files' names and hashes.
const READY_MOST: u64 = 1 << 20;

/// What `ready.json` says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ready {
    /// The corpus state the index answers for (any text the caller uses
    /// to tell states apart, e.g. its cache key).
    pub state: String,
    /// Papers in the corpus.
    pub papers: usize,
    /// Every file of the index, as it was written.
    #[serde(default)]
    pub files: Vec<Sealed>,
}

/// One file of the index as it was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sealed {
    pub name: String,
    pub len: u64,
    pub hash: u64,
}

/// Why an index directory cannot be used.
fn refused(why: String) -> tantivy::TantivyError {
    tantivy::TantivyError::InternalError(why)
}

/// Whether tantivy reads `name`: lock files are empty and only ever locked.
fn is_index_file(name: &str) -> bool {
    name != READY && !name.ends_with(".lock")
}

/// The hash of the regular file at `path`, with its length.
// Mapping the file, to hash it at the speed of memory, is unsafe.
#[allow(unsafe_code)]
fn hash_file(path: &Path) -> Result<(u64, u64), tantivy::TantivyError> {
    let file = open_regular(path)?;
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok((0, crate::cache::hash::of(&[])));
    }
    // SAFETY: a read-only map of a regular file, read only while hashing;
    // a file truncated meanwhile ends the process with one line (see
    // `cache::mapped`), never a wrong answer.
    let map = unsafe { memmap2::Mmap::map(&file)? };
    Ok((len, crate::cache::hash::of(&map)))
}

/// Writes `ready.json` into `dir` for `state` and `papers`, sealing every
/// file of the index as it is now.
pub fn seal(dir: &Path, state: &str, papers: usize) -> Result<(), tantivy::TantivyError> {
    let mut files = Vec::new();
    for item in std::fs::read_dir(dir)? {
        let item = item?;
        let name = item.file_name().to_string_lossy().into_owned();
        if !is_index_file(&name) {
            continue;
        }
        let (len, hash) = hash_file(&item.path())?;
        files.push(Sealed { name, len, hash });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    let ready = Ready {
        state: state.to_string(),
        papers,
        files,
    };
    let json = serde_json::to_vec(&ready).map_err(|e| refused(e.to_string()))?;
    std::fs::write(dir.join(READY), json)?;
    Ok(())
}

/// The ready file of `dir` if it answers for `state` and `papers` and
/// every file it seals is there, a regular file, unchanged.
pub fn check(dir: &Path, state: &str, papers: usize) -> Result<Ready, tantivy::TantivyError> {
    let bytes = read_small(&dir.join(READY), READY_MOST)?;
    let ready: Ready = serde_json::from_slice(&bytes)
        .map_err(|_| refused("the abstracts index is not whole".into()))?;
    if ready.state != state || ready.papers != papers {
        return Err(refused("the abstracts index is stale".into()));
    }
    if ready.files.is_empty() {
        return Err(refused(
            "the abstracts index was sealed by an older version".into(),
        ));
    }
    for sealed in &ready.files {
        if sealed.name.contains('/') || !is_index_file(&sealed.name) {
            return Err(refused(
                "the abstracts index names a file of another place".into(),
            ));
        }
        let (len, hash) = hash_file(&dir.join(&sealed.name))?;
        if (len, hash) != (sealed.len, sealed.hash) {
            return Err(refused(format!(
                "{}: changed since the abstracts index was built",
                dir.join(&sealed.name).display()
            )));
        }
    }
    Ok(ready)
}
