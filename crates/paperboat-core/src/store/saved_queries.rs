//! Queries saved under a name: `<config dir>/queries.json`, in the order
//! they were saved. Saved with the bookmark store's file code (lock,
//! atomic replace, a corrupt file reported and kept, moved aside by the
//! next save).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::file::{FileError, JsonFile};
use super::{StoreError, Versioned, read_versioned, update_checked};
use crate::corpus::sanitize::clean_line;

/// The file name inside the config dir.
pub const FILE_NAME: &str = "queries.json";
const LOCK_NAME: &str = "queries.lock";
const VERSION: u32 = 1;

/// One saved query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedQuery {
    /// What the user calls it.
    pub name: String,
    /// The query, as typed.
    pub query: String,
}

/// One change to the saved queries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryChange {
    /// Save `query` under its name, replacing one of that name in place.
    Save(SavedQuery),
    /// Forget the query of this name.
    Remove(String),
}

/// The saved queries that can run, and what is said of those left out
/// for being too big to be queries (a file edited by hand, or by another
/// program): kept in the file, never run nor listed.
pub fn runnable(saved: Vec<SavedQuery>) -> (Vec<SavedQuery>, Option<String>) {
    let mut left_out = Vec::new();
    let kept = saved
        .into_iter()
        .filter(|q| match crate::query::too_big(&q.query) {
            Some(why) => {
                left_out.push((q.name.clone(), why));
                false
            }
            None => true,
        })
        .collect();
    let said = left_out.first().map(|(name, why)| {
        let more = match left_out.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        let name: String = clean_line(name).chars().take(100).collect();
        format!("{FILE_NAME}: left out `{name}`{more}: {why}")
    });
    (kept, said)
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct QueriesFile {
    version: u32,
    queries: Vec<SavedQuery>,
    #[serde(flatten)]
    other: serde_json::Map<String, serde_json::Value>,
}

impl Versioned for QueriesFile {
    fn version(&self) -> u32 {
        self.version
    }
}

impl QueriesFile {
    fn change(&mut self, change: QueryChange, path: &std::path::Path) -> Result<(), StoreError> {
        match change {
            QueryChange::Save(saved) => {
                let saved = SavedQuery {
                    name: clean_line(&saved.name).trim().to_string(),
                    query: clean_line(&saved.query).trim().to_string(),
                };
                match self.queries.iter_mut().find(|q| q.name == saved.name) {
                    Some(old) => *old = saved,
                    None => self.queries.push(saved),
                }
            }
            QueryChange::Remove(name) => {
                let before = self.queries.len();
                self.queries.retain(|q| q.name != name);
                if self.queries.len() == before {
                    let why = format!("no saved query named `{}`", clean_line(&name));
                    return Err(FileError::new(path, &why).into());
                }
            }
        }
        Ok(())
    }
}

/// The saved queries of one config dir.
#[derive(Debug, Clone)]
pub struct QueryStore {
    file: JsonFile,
}

impl QueryStore {
    /// The store in `dir` (created on the first save).
    pub fn new(dir: impl Into<PathBuf>) -> QueryStore {
        QueryStore {
            file: JsonFile::new(dir, FILE_NAME, LOCK_NAME),
        }
    }

    /// The saved queries, in the order they were saved; a file that does
    /// not parse is reported and left as it is.
    pub fn load(&self) -> Result<Vec<SavedQuery>, StoreError> {
        Ok(self.read(false)?.queries)
    }

    /// Applies one change under the lock. Removing a name that is not
    /// there is an error naming it.
    pub fn apply(&self, change: QueryChange) -> Result<Vec<SavedQuery>, StoreError> {
        let path = self.file.path();
        let stored = update_checked(
            &self.file,
            |to_write| self.read(to_write),
            QueriesFile::default,
            |stored| {
                stored.change(change, &path)?;
                stored.version = VERSION;
                Ok(())
            },
            super::pretty_with_newline,
        )?;
        Ok(stored.queries)
    }

    fn read(&self, to_write: bool) -> Result<QueriesFile, StoreError> {
        Ok(read_versioned::<QueriesFile>(&self.file, to_write, VERSION)?.unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tempfile::TempDir;

    fn saved(name: &str, query: &str) -> SavedQuery {
        SavedQuery {
            name: name.into(),
            query: query.into(),
        }
    }

    #[test]
    fn save_replace_remove() {
        let dir = TempDir::new().unwrap();
        let store = QueryStore::new(dir.path());
        assert!(store.load().unwrap().is_empty());
        store
            .apply(QueryChange::Save(saved("daily", "mamba seg")))
            .unwrap();
        store
            .apply(QueryChange::Save(saved("ct", "tag:ct")))
            .unwrap();
        store
            .apply(QueryChange::Save(saved("daily", "mamba")))
            .unwrap();
        assert_eq!(
            store.load().unwrap(),
            [saved("daily", "mamba"), saved("ct", "tag:ct")],
            "replaced in place"
        );
        store.apply(QueryChange::Remove("daily".into())).unwrap();
        assert_eq!(store.load().unwrap(), [saved("ct", "tag:ct")]);
        let err = store.apply(QueryChange::Remove("nope".into())).unwrap_err();
        assert!(
            err.to_string().contains("no saved query named `nope`"),
            "{err}"
        );
    }

    #[test]
    fn queries_too_big_to_run_are_left_out_and_said() {
        let huge = vec!["mamba"; 40_000].join(" ");
        let (kept, said) = runnable(vec![
            saved("ok", "mamba"),
            saved("huge", &huge),
            saved("long", &"x".repeat(crate::query::MAX_QUERY + 1)),
        ]);
        assert_eq!(kept, [saved("ok", "mamba")]);
        assert_eq!(
            said.unwrap(),
            "queries.json: left out `huge` (and 1 more): a query is at most 1,000 characters, this one has 239,999"
        );
        assert_eq!(runnable(vec![saved("ok", "a")]).1, None);
    }
}
