//! Which papers have been read: `<config dir>/read.json`, the ids only,
//! so that a million read papers stay a few megabytes. Saved as bookmarks
//! are (the same lock, atomic replace and corrupt-file handling, from the
//! same code): every change locks `read.lock`, re-reads the file, applies
//! itself and replaces the file, so two readers lose nothing.

use std::collections::HashSet;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::file::JsonFile;
use super::{StoreError, Versioned, pretty_with_newline, read_versioned, update_checked};
use crate::corpus::sanitize::clean_line_owned;

/// The file name inside the config dir.
pub const FILE_NAME: &str = "read.json";
const LOCK_NAME: &str = "read.lock";
/// The version of `read.json` this build reads and writes.
const VERSION: u32 = 1;

/// One change to the read state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadChange {
    /// These papers are read now.
    Read(Vec<String>),
    /// These papers are unread again.
    Unread(Vec<String>),
}

/// The file: its version, the read ids in the order they were read, and
/// any field this version does not know (kept when saving).
#[derive(Debug, Default, Serialize, Deserialize)]
struct ReadFile {
    version: u32,
    read: Vec<String>,
    #[serde(flatten)]
    other: serde_json::Map<String, serde_json::Value>,
}

impl Versioned for ReadFile {
    fn version(&self) -> u32 {
        self.version
    }
}

impl ReadFile {
    fn empty() -> ReadFile {
        ReadFile {
            version: VERSION,
            ..ReadFile::default()
        }
    }

    fn apply(&mut self, change: ReadChange) {
        match change {
            ReadChange::Read(ids) => {
                let mut known: HashSet<String> = self.read.iter().cloned().collect();
                for id in ids.into_iter().map(clean_line_owned) {
                    if known.insert(id.clone()) {
                        self.read.push(id);
                    }
                }
            }
            ReadChange::Unread(ids) => {
                let gone: HashSet<String> = ids.into_iter().map(clean_line_owned).collect();
                self.read.retain(|id| !gone.contains(id));
            }
        }
        self.version = VERSION;
    }

    fn ids(&self) -> HashSet<String> {
        self.read.iter().cloned().collect()
    }
}

/// The read state of one config dir.
#[derive(Debug, Clone)]
pub struct ReadStore {
    file: JsonFile,
}

impl ReadStore {
    /// The store in `dir` (created on the first save).
    pub fn new(dir: impl Into<PathBuf>) -> ReadStore {
        ReadStore {
            file: JsonFile::new(dir, FILE_NAME, LOCK_NAME),
        }
    }

    /// The file's path.
    pub fn path(&self) -> PathBuf {
        self.file.path()
    }

    /// The ids of the papers read; none when there is no file yet. A file
    /// that does not parse is reported and left as it is.
    pub fn load(&self) -> Result<HashSet<String>, StoreError> {
        Ok(self.read(false)?.ids())
    }

    /// Applies one change under the lock; returns the ids read after it.
    pub fn apply(&self, change: ReadChange) -> Result<HashSet<String>, StoreError> {
        let stored = update_checked(
            &self.file,
            |to_write| self.read(to_write),
            ReadFile::empty,
            |stored| {
                stored.apply(change);
                Ok(())
            },
            pretty_with_newline,
        )?;
        Ok(stored.ids())
    }

    fn read(&self, to_write: bool) -> Result<ReadFile, StoreError> {
        Ok(read_versioned::<ReadFile>(&self.file, to_write, VERSION)?
            .unwrap_or_else(ReadFile::empty))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use tempfile::TempDir;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn marks_and_unmarks_and_keeps_unknown_fields() {
        let dir = TempDir::new().unwrap();
        let store = ReadStore::new(dir.path());
        assert!(store.load().unwrap().is_empty());
        store
            .apply(ReadChange::Read(ids(&["a", "b", "a"])))
            .unwrap();
        store.apply(ReadChange::Read(ids(&["c"]))).unwrap();
        let read = store.apply(ReadChange::Unread(ids(&["b"]))).unwrap();
        assert_eq!(read, ["a", "c"].iter().map(|s| s.to_string()).collect());
        assert_eq!(store.load().unwrap(), read);
        let text = fs::read_to_string(store.path()).unwrap();
        let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            value["read"],
            serde_json::json!(["a", "c"]),
            "in reading order"
        );
        value["synced"] = serde_json::json!("elsewhere");
        fs::write(store.path(), value.to_string()).unwrap();
        store.apply(ReadChange::Read(ids(&["d"]))).unwrap();
        let text = fs::read_to_string(store.path()).unwrap();
        assert!(text.contains("\"synced\": \"elsewhere\""), "{text}");
    }

    /// Eight writers at once, each marking its own papers one by one:
    /// every mark is in the file at the end.
    #[test]
    fn eight_concurrent_writers_lose_nothing() {
        let dir = TempDir::new().unwrap();
        let writers: Vec<_> = (0..8)
            .map(|w| {
                let store = ReadStore::new(dir.path());
                std::thread::spawn(move || {
                    for i in 0..20 {
                        store
                            .apply(ReadChange::Read(vec![format!("{w}-{i}")]))
                            .unwrap();
                    }
                })
            })
            .collect();
        for writer in writers {
            writer.join().unwrap();
        }
        assert_eq!(ReadStore::new(dir.path()).load().unwrap().len(), 160);
    }

    #[test]
    fn a_corrupt_file_is_left_by_reads_and_kept_aside_by_a_save() {
        let dir = TempDir::new().unwrap();
        let store = ReadStore::new(dir.path());
        fs::write(store.path(), b"{\"version\": 1, \"read\": [oops").unwrap();
        let err = store.load().unwrap_err();
        assert!(matches!(err, StoreError::Damaged { .. }), "{err}");
        assert!(fs::read(store.path()).unwrap().starts_with(b"{\"version\""));
        store.apply(ReadChange::Read(ids(&["a"]))).unwrap();
        let aside: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains("read.json.corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(
            fs::read(&aside[0]).unwrap(),
            b"{\"version\": 1, \"read\": [oops"
        );
        assert_eq!(store.load().unwrap().len(), 1);
    }

    #[test]
    fn a_config_dir_that_cannot_hold_it_is_one_clear_error() {
        let dir = TempDir::new().unwrap();
        let in_the_way = dir.path().join("config");
        fs::write(&in_the_way, "a file").unwrap();
        let store = ReadStore::new(&in_the_way);
        assert!(store.load().unwrap().is_empty(), "nothing read yet");
        let err = store.apply(ReadChange::Read(ids(&["a"]))).unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, StoreError::Io { .. }), "{text}");
        assert!(
            text.contains("is a file") && text.contains("--config-dir"),
            "{text}"
        );
        assert_eq!(fs::read_to_string(&in_the_way).unwrap(), "a file");
    }

    #[test]
    fn a_newer_file_is_left_alone() {
        let dir = TempDir::new().unwrap();
        let store = ReadStore::new(dir.path());
        fs::write(store.path(), b"{\"version\": 9, \"read\": []}").unwrap();
        let err = store.apply(ReadChange::Read(ids(&["a"]))).unwrap_err();
        assert!(err.to_string().contains("version 9 is newer"), "{err}");
        assert_eq!(
            fs::read(store.path()).unwrap(),
            b"{\"version\": 9, \"read\": []}"
        );
    }
}
