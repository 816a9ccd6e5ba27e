//! `<library>/digest.json`: how far each digest `--since last` went, so
//! that the next one starts after the newest paper it showed. Kept per
//! set of saved queries asked for (none: the whole digest), so that two
//! digests run from cron for different queries do not move each other's
//! mark. Saved as the library's other small files are.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::bookmarks::file::JsonFile;
use crate::bookmarks::{StoreError, Unreadable, read_checked, update_checked};
use crate::corpus::Instant;
use crate::read_state::pretty_with_newline;

const FILE_NAME: &str = "digest.json";
const LOCK_NAME: &str = "digest.lock";
const VERSION: u32 = 1;

/// How far the digests of one set of saved queries went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigestMark {
    /// The saved queries asked for with `--query`, sorted; none for the
    /// whole digest.
    #[serde(default)]
    pub queries: Vec<String>,
    /// When the newest paper the last digest showed entered the library:
    /// the next digest shows the papers that entered after.
    pub through: Instant,
    /// When that digest was written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written: Option<Instant>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct DigestFile {
    version: u32,
    #[serde(default)]
    marks: Vec<DigestMark>,
    #[serde(flatten)]
    other: serde_json::Map<String, serde_json::Value>,
}

/// The digest marks of one library.
#[derive(Debug, Clone)]
pub struct DigestStore {
    file: JsonFile,
}

/// The queries as a mark keeps them: sorted, each once.
fn key(queries: &[String]) -> Vec<String> {
    let mut key = queries.to_vec();
    key.sort();
    key.dedup();
    key
}

impl DigestStore {
    /// The store in the library folder `dir`.
    pub fn new(dir: &Path) -> DigestStore {
        DigestStore {
            file: JsonFile::new(dir, FILE_NAME, LOCK_NAME),
        }
    }

    /// How far the last digest of `queries` went; `None` before the
    /// first.
    pub fn load(&self, queries: &[String]) -> Result<Option<Instant>, StoreError> {
        let key = key(queries);
        let file = self.read(false)?;
        Ok(file
            .marks
            .into_iter()
            .find(|m| m.queries == key)
            .map(|m| m.through))
    }

    /// Records that a digest of `queries` written at `now` showed papers
    /// through `through`; a mark never moves back.
    pub fn advance(
        &self,
        queries: &[String],
        through: Instant,
        now: Instant,
    ) -> Result<(), StoreError> {
        let key = key(queries);
        update_checked(
            &self.file,
            |to_write| self.read(to_write),
            DigestFile::default,
            |file| {
                file.version = VERSION;
                match file.marks.iter_mut().find(|m| m.queries == key) {
                    Some(mark) => {
                        mark.through = mark.through.max(through);
                        mark.written = Some(now);
                    }
                    None => file.marks.push(DigestMark {
                        queries: key.clone(),
                        through,
                        written: Some(now),
                    }),
                }
                Ok(())
            },
            pretty_with_newline,
        )?;
        Ok(())
    }

    fn read(&self, to_write: bool) -> Result<DigestFile, StoreError> {
        let parse = |bytes: &[u8]| match serde_json::from_slice::<DigestFile>(bytes) {
            Ok(file) if file.version <= VERSION => Ok(file),
            Ok(file) => Err(Unreadable::Newer(file.version)),
            Err(e) => Err(Unreadable::Broken(e)),
        };
        Ok(read_checked(&self.file, to_write, parse)?.unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tempfile::TempDir;

    #[test]
    fn each_set_of_queries_has_its_mark_and_it_never_moves_back() {
        let dir = TempDir::new().unwrap();
        let store = DigestStore::new(dir.path());
        let at = |secs| Instant { secs };
        let whole: &[String] = &[];
        let some = ["b".to_string(), "a".to_string()];
        assert_eq!(store.load(whole).unwrap(), None);
        store.advance(whole, at(20), at(30)).unwrap();
        store.advance(&some, at(10), at(30)).unwrap();
        store.advance(whole, at(15), at(40)).unwrap();
        assert_eq!(store.load(whole).unwrap(), Some(at(20)));
        let reordered = ["a".to_string(), "b".to_string(), "a".to_string()];
        assert_eq!(store.load(&reordered).unwrap(), Some(at(10)));
        let text = std::fs::read_to_string(dir.path().join(FILE_NAME)).unwrap();
        assert!(
            text.contains("\"through\": \"1970-01-01T00:00:20Z\""),
            "{text}"
        );
    }
}
