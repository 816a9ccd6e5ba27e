//! The bookmark store: `<config dir>/bookmarks.json`, never lost.
//!
//! Every save takes an exclusive lock on `bookmarks.lock`, re-reads the
//! file, applies one change, and replaces the file atomically ([`super::file`]
//! says how, and what it refuses). Two readers never lose each other's
//! bookmarks, and a kill at any moment leaves the old or the new file. A
//! file that does not parse is reported and left where it is by anything
//! that only reads it; the next save moves it to
//! `bookmarks.json.corrupt-<timestamp>`, never overwritten, and starts a
//! new file. What the file holds is cleaned as corpus text is,
//! and fields this version does not know are kept ([`stored`]).

mod bookmark;
mod stored;
pub mod versions;

use std::path::PathBuf;

use super::file::JsonFile;
use super::{StoreError, Unreadable, read_checked, update_checked};
use bookmark::VERSION;
pub use bookmark::{Bookmark, Change, now_rfc3339};
use stored::StoredFile;

/// The file name inside the config dir.
pub const FILE_NAME: &str = "bookmarks.json";
const LOCK_NAME: &str = "bookmarks.lock";

/// The bookmarks of one config dir.
#[derive(Debug, Clone)]
pub struct Store {
    file: JsonFile,
}

impl Store {
    /// The store in `dir` (created on the first save).
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store {
            file: JsonFile::new(dir, FILE_NAME, LOCK_NAME),
        }
    }

    /// The bookmarks file's path (maybe a symbolic link, which saves write
    /// through).
    pub fn path(&self) -> PathBuf {
        self.file.path()
    }

    /// The bookmarks, oldest first; none when the file does not exist. A
    /// file that does not parse is reported and left where it is: reading
    /// never moves the user's file.
    pub fn load(&self) -> Result<Vec<Bookmark>, StoreError> {
        Ok(self.read(false)?.bookmarks())
    }

    /// Applies one change under the lock and returns the bookmarks as saved.
    pub fn apply(&self, change: Change) -> Result<Vec<Bookmark>, StoreError> {
        let stored = update_checked(
            &self.file,
            |to_write| self.read(to_write),
            StoredFile::empty,
            |stored| {
                stored.apply(change);
                Ok(())
            },
            StoredFile::to_json,
        )?;
        Ok(stored.bookmarks())
    }

    /// The file as stored, or an empty one when there is none. One that
    /// does not parse is moved aside when `to_write` (a save follows),
    /// else reported as it is.
    fn read(&self, to_write: bool) -> Result<StoredFile, StoreError> {
        let parse = |bytes: &[u8]| match stored::parse(bytes) {
            Ok(stored) if stored.version <= VERSION => Ok(stored),
            Ok(stored) => Err(Unreadable::Newer(stored.version)),
            Err(e) => match stored::version_of(bytes) {
                Some(version) if version > VERSION => Err(Unreadable::Newer(version)),
                _ => Err(Unreadable::Broken(e)),
            },
        };
        Ok(read_checked(&self.file, to_write, parse)?.unwrap_or_else(StoredFile::empty))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::corpus::Link;
    use crate::store::{StoreError, config_dir};
    use std::fs::{self, File};
    use std::path::Path;
    use tempfile::TempDir;

    /// A bookmark of a paper with this id.
    pub(crate) fn bookmark(id: &str) -> Bookmark {
        Bookmark {
            id: id.into(),
            title: format!("Title {id}"),
            added: "2026-01-01T00:00:00Z".into(),
            note: String::new(),
            links: vec![Link::classified("https://github.com/a/b")],
            cite: None,
            version: None,
        }
    }

    #[test]
    fn round_trip() {
        let dir = TempDir::new().unwrap();
        let store = Store::new(dir.path());
        assert!(store.load().unwrap().is_empty());
        store.apply(Change::Add(bookmark("a"))).unwrap();
        let mut noted = bookmark("b");
        noted.note = "read this".into();
        store.apply(Change::SetNote(noted)).unwrap();
        let loaded = store.load().unwrap();
        assert_eq!(
            loaded,
            [
                bookmark("a"),
                Bookmark {
                    note: "read this".into(),
                    ..bookmark("b")
                }
            ]
        );
        store.apply(Change::Remove("a".into())).unwrap();
        assert_eq!(store.load().unwrap().len(), 1);
        let text = fs::read_to_string(store.path()).unwrap();
        assert!(
            text.starts_with("{\n  \"version\": 1,\n  \"bookmarks\": ["),
            "{text}"
        );
        // Nothing is left behind but the file and its lock.
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["bookmarks.json", "bookmarks.lock"]);
    }

    #[test]
    fn two_stores_that_changed_different_bookmarks_keep_both() {
        let dir = TempDir::new().unwrap();
        let first = Store::new(dir.path());
        let second = Store::new(dir.path());
        first.apply(Change::Add(bookmark("a"))).unwrap();
        // The second reader loaded before the first saved, and saves after.
        let stale = second.load().unwrap();
        assert_eq!(stale.len(), 1);
        first.apply(Change::Add(bookmark("b"))).unwrap();
        let saved = second.apply(Change::Add(bookmark("c"))).unwrap();
        let ids: Vec<&str> = saved.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        let noted = Bookmark {
            note: "n".into(),
            ..bookmark("a")
        };
        second.apply(Change::SetNote(noted)).unwrap();
        first.apply(Change::Remove("b".into())).unwrap();
        let ids: Vec<(String, String)> = first
            .load()
            .unwrap()
            .into_iter()
            .map(|b| (b.id, b.note))
            .collect();
        assert_eq!(ids, [("a".into(), "n".into()), ("c".into(), String::new())]);
    }

    /// The files beside the bookmarks file that hold a corrupt one.
    fn aside(dir: &Path) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains(".corrupt-"))
            .collect();
        found.sort();
        found
    }

    #[test]
    fn a_corrupt_file_is_left_by_reads_and_moved_aside_by_a_save() {
        let dir = TempDir::new().unwrap();
        let store = Store::new(dir.path());
        let garbage = b"{\"version\": 1, \"bookmarks\": [ {\"id\": oops";
        fs::write(store.path(), garbage).unwrap();
        for _ in 0..2 {
            let err = store.load().unwrap_err();
            assert!(matches!(err, StoreError::Damaged { .. }), "{err}");
            assert!(err.to_string().contains("left as it is"), "{err}");
            assert_eq!(fs::read(store.path()).unwrap(), garbage, "untouched");
            assert!(aside(dir.path()).is_empty());
        }
        // Saving moves it aside, bytes intact, and starts a new file.
        store.apply(Change::Add(bookmark("a"))).unwrap();
        let moved = aside(dir.path());
        assert_eq!(moved.len(), 1);
        assert_eq!(fs::read(&moved[0]).unwrap(), garbage);
        assert_eq!(store.load().unwrap().len(), 1);
        // A second corrupt file in the same second gets its own name.
        fs::write(store.path(), b"nope").unwrap();
        store.apply(Change::Add(bookmark("b"))).unwrap();
        let moved = aside(dir.path());
        assert_eq!(moved.len(), 2);
        assert!(moved.iter().any(|p| fs::read(p).unwrap() == b"nope"));
        assert!(moved.iter().any(|p| fs::read(p).unwrap() == garbage));
    }

    #[test]
    fn a_corrupt_file_found_while_saving_is_kept_and_the_change_saved() {
        let dir = TempDir::new().unwrap();
        let store = Store::new(dir.path());
        fs::write(store.path(), b"[1, 2").unwrap();
        let saved = store.apply(Change::Add(bookmark("a"))).unwrap();
        assert_eq!(saved.len(), 1);
        let aside: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| {
                let name = e.unwrap().file_name().to_string_lossy().into_owned();
                name.contains("corrupt").then_some(name)
            })
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(fs::read(dir.path().join(&aside[0])).unwrap(), b"[1, 2");
    }

    #[test]
    fn a_missing_directory_is_created() {
        let dir = TempDir::new().unwrap();
        let store = Store::new(dir.path().join("deep/er/paperboat"));
        store.apply(Change::Add(bookmark("a"))).unwrap();
        assert_eq!(store.load().unwrap().len(), 1);
    }

    #[test]
    fn an_unwritable_directory_is_an_error_and_reading_goes_on() {
        let dir = TempDir::new().unwrap();
        // A regular file where the directory should be: no one can write
        // there, not even root.
        let blocker = dir.path().join("not-a-dir");
        fs::write(&blocker, b"x").unwrap();
        let store = Store::new(blocker.join("paperboat"));
        assert!(store.load().unwrap().is_empty());
        let err = store.apply(Change::Add(bookmark("a"))).unwrap_err();
        assert!(matches!(err, StoreError::Io { .. }), "{err}");
        assert!(err.to_string().contains("not-a-dir"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_directory_is_an_error_unless_running_as_root() {
        use std::os::unix::fs::PermissionsExt;
        let dir = TempDir::new().unwrap();
        let store = Store::new(dir.path());
        store.apply(Change::Add(bookmark("a"))).unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
        let probe = File::create(dir.path().join("probe"));
        let result = store.apply(Change::Add(bookmark("b")));
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        if probe.is_err() {
            assert!(result.is_err());
            assert_eq!(store.load().unwrap().len(), 1, "the old file is intact");
        }
    }

    /// A title change, a clipboard write, a bell, C1 controls, DEL, bidi.
    pub(crate) const HOSTILE: &str = "A\u{1b}]2;retitled\u{7}B\u{1b}]52;c;ZXZpbA==\u{7}C\u{9b}2JD\u{202e}E\u{2066}F\u{85}G\u{7f}H\u{202a}I\u{2069}";

    /// No character a terminal would obey but line breaks.
    pub(crate) fn is_clean(text: &str) -> bool {
        !text
            .chars()
            .any(|c| c != '\n' && crate::corpus::sanitize::is_unsafe(c))
    }

    #[test]
    fn errors_are_one_short_clean_line() {
        let dir = TempDir::new().unwrap();
        let store = Store::new(dir.path().join(format!("conf{HOSTILE}\nig")));
        fs::create_dir_all(store.path().parent().unwrap()).unwrap();
        let huge = format!("{HOSTILE}\n{}", "x".repeat(10_000_000));
        let values = [
            serde_json::json!({"version": huge, "bookmarks": []}),
            serde_json::json!({"version": 1, "bookmarks": [{"id": huge}]}),
        ];
        for value in values {
            fs::write(store.path(), value.to_string()).unwrap();
            let err = store.load().unwrap_err();
            let text = err.to_string();
            assert!(
                matches!(err, StoreError::Damaged { .. }),
                "{}",
                &text[..200]
            );
            assert!(text.len() < 1_000, "{} bytes", text.len());
            assert!(is_clean(&text) && !text.contains('\n'), "{text:?}");
        }
        // An I/O error quotes the path cleaned too.
        fs::remove_file(store.path()).unwrap();
        fs::create_dir(store.path()).unwrap();
        let text = store.load().unwrap_err().to_string();
        assert!(is_clean(&text) && !text.contains('\n'), "{text:?}");
    }

    #[test]
    fn config_dir_precedence() {
        assert_eq!(config_dir(Some(Path::new("/x"))), Some(PathBuf::from("/x")));
    }
}
