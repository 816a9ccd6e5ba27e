//! What identifies one state of a corpus file: an index built from it
//! answers for it only while all of this is unchanged.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

/// How much of each end of the file the fingerprint reads.
const FINGERPRINT_SPAN: u64 = 1 << 20;

/// One corpus file as it is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileKey {
    /// The canonical path, as text (lossy where the path is not UTF-8; the
    /// entry's name is made from its exact bytes).
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, in nanoseconds since the epoch.
    pub modified_ns: u128,
    /// A hash of the first and the last MiB: an edit that keeps the size and
    /// restores the modification time is still seen when it lies there.
    pub fingerprint: u64,
}

impl FileKey {
    /// A key for no file in particular, for tests of what is keyed by one.
    #[cfg(test)]
    pub fn sample() -> FileKey {
        FileKey {
            path: "/c".into(),
            size: 1,
            modified_ns: 2,
            fingerprint: 3,
        }
    }

    /// The key of the regular file at `path`, or `None` for anything else
    /// (a pipe or a device is read every time).
    pub fn of(path: &Path) -> io::Result<Option<FileKey>> {
        let canonical = path.canonicalize()?;
        // Looked at before opening: opening a named pipe would wait for a
        // writer, and take the first reader's place.
        if !std::fs::metadata(&canonical)?.is_file() {
            return Ok(None);
        }
        let mut file = File::open(&canonical)?;
        let metadata = file.metadata()?;
        if !metadata.is_file() {
            return Ok(None);
        }
        let modified_ns = metadata
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        let size = metadata.len();
        Ok(Some(FileKey {
            path: canonical.to_string_lossy().into_owned(),
            size,
            modified_ns,
            fingerprint: fingerprint(&mut file, size)?,
        }))
    }

    /// The file's name in the cache: a hash of the canonical path's bytes,
    /// so a changed file replaces its own entry.
    pub fn entry_name(path: &Path) -> io::Result<String> {
        let canonical: PathBuf = path.canonicalize()?;
        let hash = xxhash_rust::xxh3::xxh3_64(canonical.as_os_str().as_encoded_bytes());
        Ok(format!("{hash:016x}"))
    }
}

/// How many blocks [`sample_prefix`] hashes, and how long each is.
const SAMPLES: u64 = 64;
const SAMPLE_BLOCK: u64 = 4 << 10;

/// The fingerprint [`FileKey::of`] would give the file at `path` if it
/// were only its first `size` bytes: for telling whether a file that grew
/// still starts with what it was.
pub fn prefix_fingerprint(path: &Path, size: u64) -> io::Result<u64> {
    let mut file = File::open(path)?;
    if file.metadata()?.len() < size {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    fingerprint(&mut file, size)
}

/// A hash of [`SAMPLES`] blocks of 4 KiB spread evenly over the first
/// `size` bytes of the file at `path`, the last block ending at `size`:
/// kept with an entry, so that a file that grew is known to start as it
/// did from a few scattered reads rather than by reading all of it.
pub fn sample_prefix(path: &Path, size: u64) -> io::Result<u64> {
    use std::os::unix::fs::FileExt;
    let file = File::open(path)?;
    let mut hasher = Xxh3::new();
    let block = SAMPLE_BLOCK.min(size);
    let mut buffer = vec![0; block as usize];
    let room = size - block;
    for k in 0..SAMPLES {
        let at = if k + 1 == SAMPLES {
            room
        } else {
            room / (SAMPLES - 1) * k
        };
        file.read_exact_at(&mut buffer, at)?;
        hasher.update(&buffer);
    }
    hasher.update(&size.to_le_bytes());
    Ok(hasher.digest())
}

/// Hashes the first and the last [`FINGERPRINT_SPAN`] bytes of the first
/// `size` bytes of `file`, read from its start.
fn fingerprint(file: &mut File, size: u64) -> io::Result<u64> {
    let mut hasher = Xxh3::new();
    let mut buffer = vec![0; FINGERPRINT_SPAN.min(size) as usize];
    file.read_exact(&mut buffer)?;
    hasher.update(&buffer);
    if size > FINGERPRINT_SPAN {
        let tail = FINGERPRINT_SPAN.min(size - FINGERPRINT_SPAN);
        file.seek(SeekFrom::Start(size - tail))?;
        buffer.resize(tail as usize, 0);
        file.read_exact(&mut buffer)?;
        hasher.update(&buffer);
    }
    hasher.update(&size.to_le_bytes());
    Ok(hasher.digest())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(path: &Path) -> FileKey {
        FileKey::of(path).unwrap().unwrap()
    }

    #[test]
    fn any_change_that_matters_changes_the_key() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("c.jsonl");
        let text = "{\"title\": \"a\"}\n".repeat(200_000);
        std::fs::write(&path, &text).unwrap();
        let first = key(&path);
        assert_eq!(key(&path), first, "stable");
        // The same size, one byte changed near the end, the time restored.
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        let mut changed = text.clone().into_bytes();
        let at = changed.len() - 5;
        changed[at] = b'b';
        std::fs::write(&path, &changed).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        let edited = key(&path);
        assert_eq!(
            (edited.size, edited.modified_ns),
            (first.size, first.modified_ns)
        );
        assert_ne!(edited, first);
        // A line appended.
        std::fs::write(&path, format!("{text}{{\"title\": \"z\"}}\n")).unwrap();
        assert_ne!(key(&path), edited);
    }

    /// What a file was is known again at the start of the file it grew
    /// into, and a change there is seen when it lies in a block looked at.
    #[test]
    fn the_start_of_a_grown_file_is_known_again() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("c.jsonl");
        let text = "{\"title\": \"a\"}\n".repeat(300_000);
        std::fs::write(&path, &text).unwrap();
        let before = key(&path);
        let samples = sample_prefix(&path, before.size).unwrap();
        std::fs::write(&path, format!("{text}{{\"title\": \"z\"}}\n")).unwrap();
        assert_ne!(key(&path), before);
        assert_eq!(
            prefix_fingerprint(&path, before.size).unwrap(),
            before.fingerprint
        );
        assert_eq!(sample_prefix(&path, before.size).unwrap(), samples);
        // One byte changed in the middle, past the first and last MiB, where
        // the block sampled halfway lies.
        let mut changed = text.clone().into_bytes();
        let middle = (changed.len() as u64 - SAMPLE_BLOCK) / (SAMPLES - 1) * (SAMPLES / 2);
        changed[middle as usize + 3] = b'Z';
        changed.extend_from_slice(b"{}\n");
        std::fs::write(&path, &changed).unwrap();
        assert_eq!(
            prefix_fingerprint(&path, before.size).unwrap(),
            before.fingerprint
        );
        assert_ne!(sample_prefix(&path, before.size).unwrap(), samples);
        // Shorter than it was: no such start.
        std::fs::write(&path, "{}\n").unwrap();
        assert!(prefix_fingerprint(&path, before.size).is_err());
        assert!(sample_prefix(&path, before.size).is_err());
    }

    #[test]
    fn the_entry_name_follows_the_canonical_path() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("c.json");
        std::fs::write(&path, "[]").unwrap();
        let roundabout = dir.path().join(".").join("c.json");
        assert_eq!(
            FileKey::entry_name(&path).unwrap(),
            FileKey::entry_name(&roundabout).unwrap()
        );
        assert_eq!(FileKey::of(dir.path()).unwrap(), None, "a directory");
    }
}
