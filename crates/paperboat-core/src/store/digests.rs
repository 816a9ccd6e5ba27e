//! `<library>/digest.json`: how far each digest `--since last` went, so
//! that the next one starts after the newest paper it showed. Kept per
//! set of saved queries asked for (none: the whole digest), so that two
//! digests run from cron for different queries do not move each other's
//! mark. Saved as the library's other small files are.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::file::JsonFile;
use super::pretty_with_newline;
use super::{StoreError, Versioned, read_versioned, update_checked};
use crate::corpus::Instant;

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
    /// the next digest shows the papers that entered after. None while
    /// the digests showed only new versions of bookmarks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub through: Option<Instant>,
    /// The newest version of each bookmarked paper a digest showed, so
    /// that the next one shows only versions newer still.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub versions: BTreeMap<String, u32>,
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

impl Versioned for DigestFile {
    fn version(&self) -> u32 {
        self.version
    }
}

/// What the digests of one set of saved queries showed so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shown {
    /// When the newest paper shown entered the library.
    pub through: Option<Instant>,
    /// The newest version shown of each bookmarked paper, by id.
    pub versions: BTreeMap<String, u32>,
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

    /// How far the last digest of `queries` went; nothing before the
    /// first.
    pub fn load(&self, queries: &[String]) -> Result<Shown, StoreError> {
        let key = key(queries);
        let file = self.read(false)?;
        Ok(file
            .marks
            .into_iter()
            .find(|m| m.queries == key)
            .map(|m| Shown {
                through: m.through,
                versions: m.versions,
            })
            .unwrap_or_default())
    }

    /// Records that a digest of `queries` written at `now` showed papers
    /// through `through` and `shown` the new versions of bookmarks; a
    /// mark never moves back.
    pub fn advance(
        &self,
        queries: &[String],
        shown: Shown,
        now: Instant,
    ) -> Result<(), StoreError> {
        let Shown { through, versions } = shown;
        let key = key(queries);
        update_checked(
            &self.file,
            |to_write| self.read(to_write),
            DigestFile::default,
            |file| {
                file.version = VERSION;
                let at = match file.marks.iter().position(|m| m.queries == key) {
                    Some(at) => at,
                    None => {
                        file.marks.push(DigestMark {
                            queries: key.clone(),
                            through: None,
                            versions: BTreeMap::new(),
                            written: None,
                        });
                        file.marks.len() - 1
                    }
                };
                let mark = &mut file.marks[at];
                mark.through = mark.through.max(through);
                for (id, version) in &versions {
                    let kept = mark.versions.entry(id.clone()).or_default();
                    *kept = (*kept).max(*version);
                }
                mark.written = Some(now);
                Ok(())
            },
            pretty_with_newline,
        )?;
        Ok(())
    }

    fn read(&self, to_write: bool) -> Result<DigestFile, StoreError> {
        Ok(read_versioned::<DigestFile>(&self.file, to_write, VERSION)?.unwrap_or_default())
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
        let through = |secs| Shown {
            through: Some(at(secs)),
            versions: BTreeMap::new(),
        };
        assert_eq!(store.load(whole).unwrap(), Shown::default());
        store.advance(whole, through(20), at(30)).unwrap();
        store.advance(&some, through(10), at(30)).unwrap();
        store.advance(whole, through(15), at(40)).unwrap();
        assert_eq!(store.load(whole).unwrap().through, Some(at(20)));
        let reordered = ["a".to_string(), "b".to_string(), "a".to_string()];
        assert_eq!(store.load(&reordered).unwrap().through, Some(at(10)));
        // Versions shown are kept per paper, never moving back, and a
        // digest of versions only leaves the papers' mark alone.
        let versions = |v: &[(&str, u32)]| Shown {
            through: None,
            versions: v.iter().map(|(id, n)| (id.to_string(), *n)).collect(),
        };
        store
            .advance(whole, versions(&[("x", 3), ("y", 2)]), at(50))
            .unwrap();
        store.advance(whole, versions(&[("x", 2)]), at(60)).unwrap();
        let shown = store.load(whole).unwrap();
        assert_eq!(shown.through, Some(at(20)));
        assert_eq!(shown.versions, versions(&[("x", 3), ("y", 2)]).versions);
        let text = std::fs::read_to_string(dir.path().join(FILE_NAME)).unwrap();
        assert!(
            text.contains("\"through\": \"1970-01-01T00:00:20Z\""),
            "{text}"
        );
    }
}
