//! `<library>/visits.json`: when the reader opened the library, so that
//! `is:new` finds the papers that entered it since the last visit.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::file::JsonFile;
use super::pretty_with_newline;
use super::{StoreError, Versioned, read_versioned, update_checked};
use crate::corpus::Instant;

const FILE_NAME: &str = "visits.json";
const LOCK_NAME: &str = "visits.lock";
const VERSION: u32 = 1;

/// The last two visits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visits {
    /// The latest visit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<Instant>,
    /// The one before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Instant>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct VisitsFile {
    version: u32,
    #[serde(flatten)]
    visits: Visits,
    #[serde(flatten)]
    other: serde_json::Map<String, serde_json::Value>,
}

impl Versioned for VisitsFile {
    fn version(&self) -> u32 {
        self.version
    }
}

/// The visits of one library.
#[derive(Debug, Clone)]
pub struct VisitsStore {
    file: JsonFile,
}

impl VisitsStore {
    /// The store in the library folder `dir`.
    pub fn new(dir: &Path) -> VisitsStore {
        VisitsStore {
            file: JsonFile::new(dir, FILE_NAME, LOCK_NAME),
        }
    }

    /// The visits so far; none before the first.
    pub fn load(&self) -> Result<Visits, StoreError> {
        Ok(self.read(false)?.visits)
    }

    /// Records a visit at `now`; returns the visits as they were before it.
    pub fn visit(&self, now: Instant) -> Result<Visits, StoreError> {
        let mut before = Visits::default();
        update_checked(
            &self.file,
            |to_write| self.read(to_write),
            VisitsFile::default,
            |file| {
                before = file.visits;
                file.version = VERSION;
                file.visits = Visits {
                    last: Some(now),
                    previous: file.visits.last,
                };
                Ok(())
            },
            pretty_with_newline,
        )?;
        Ok(before)
    }

    fn read(&self, to_write: bool) -> Result<VisitsFile, StoreError> {
        Ok(read_versioned::<VisitsFile>(&self.file, to_write, VERSION)?.unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tempfile::TempDir;

    #[test]
    fn each_visit_moves_the_last_to_previous() {
        let dir = TempDir::new().unwrap();
        let store = VisitsStore::new(dir.path());
        let at = |secs| Instant { secs };
        assert_eq!(store.visit(at(10)).unwrap(), Visits::default());
        let before = store.visit(at(20)).unwrap();
        assert_eq!(before.last, Some(at(10)));
        assert_eq!(
            store.load().unwrap(),
            Visits {
                last: Some(at(20)),
                previous: Some(at(10))
            }
        );
    }
}
