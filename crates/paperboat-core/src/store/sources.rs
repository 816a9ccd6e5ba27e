//! `<library>/sources.json`: each source synced, with where it stopped,
//! saved as the config dir's stores are (lock, re-read, atomic replace,
//! a damaged file moved aside, unknown fields kept).

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::file::JsonFile;
use super::pretty_with_newline;
use super::{StoreError, Versioned, read_versioned, update_checked};
use crate::corpus::{Date, Instant};

const FILE_NAME: &str = "sources.json";
const LOCK_NAME: &str = "sources.lock";
const VERSION: u32 = 1;

/// The kind of a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// Hugging Face Daily Papers.
    Hf,
    /// arXiv, through OAI-PMH.
    Arxiv,
    /// medRxiv.
    Medrxiv,
    /// bioRxiv.
    Biorxiv,
}

impl SourceKind {
    /// The name used on the command line and in `sources`.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Hf => "hf",
            SourceKind::Arxiv => "arxiv",
            SourceKind::Medrxiv => "medrxiv",
            SourceKind::Biorxiv => "biorxiv",
        }
    }

    /// The host it is fetched from by default, for messages.
    pub fn what(self) -> &'static str {
        match self {
            SourceKind::Hf => "Hugging Face Daily Papers",
            SourceKind::Arxiv => "arXiv",
            SourceKind::Medrxiv => "medRxiv",
            SourceKind::Biorxiv => "bioRxiv",
        }
    }
}

/// One source as remembered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceState {
    /// Which service.
    pub kind: SourceKind,
    /// arXiv categories or medRxiv/bioRxiv categories asked for (none: all).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// The first day asked for.
    pub since: Date,
    /// The last day fetched whole (Hugging Face, bioRxiv), or the date of
    /// arXiv's last response: where the next sync goes on from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// When it last synced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_synced: Option<Instant>,
    /// Papers it brought in all (new ones; updates not counted).
    #[serde(default)]
    pub papers: u64,
}

impl SourceState {
    /// `hf`, `arxiv cs.CV eess.IV`, `medrxiv (epidemiology)`.
    pub fn label(&self) -> String {
        let mut label = self.kind.as_str().to_string();
        for category in &self.categories {
            label.push(' ');
            label.push_str(category);
        }
        label
    }

    /// Whether `other` names the same source (kind and categories).
    pub fn same_source(&self, other: &SourceState) -> bool {
        let sorted = |c: &[String]| {
            let mut c = c.to_vec();
            c.sort();
            c
        };
        self.kind == other.kind && sorted(&self.categories) == sorted(&other.categories)
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct SourcesFile {
    version: u32,
    sources: Vec<SourceState>,
    #[serde(flatten)]
    other: serde_json::Map<String, serde_json::Value>,
}

impl Versioned for SourcesFile {
    fn version(&self) -> u32 {
        self.version
    }
}

/// The sources of one library.
#[derive(Debug, Clone)]
pub struct SourcesStore {
    file: JsonFile,
}

impl SourcesStore {
    /// The store in the library folder `dir`.
    pub fn new(dir: &Path) -> SourcesStore {
        SourcesStore {
            file: JsonFile::new(dir, FILE_NAME, LOCK_NAME),
        }
    }

    /// The sources; none before the first sync.
    pub fn load(&self) -> Result<Vec<SourceState>, StoreError> {
        Ok(self.read(false)?.sources)
    }

    /// Records `state` for its source (replacing what was remembered of
    /// the same source, else adding it).
    pub fn save(&self, state: SourceState) -> Result<Vec<SourceState>, StoreError> {
        let stored = update_checked(
            &self.file,
            |to_write| self.read(to_write),
            SourcesFile::default,
            |file| {
                file.version = VERSION;
                match file.sources.iter_mut().find(|s| s.same_source(&state)) {
                    Some(kept) => *kept = state,
                    None => file.sources.push(state),
                }
                Ok(())
            },
            pretty_with_newline,
        )?;
        Ok(stored.sources)
    }

    fn read(&self, to_write: bool) -> Result<SourcesFile, StoreError> {
        Ok(read_versioned::<SourcesFile>(&self.file, to_write, VERSION)?.unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tempfile::TempDir;

    fn state(kind: SourceKind, categories: &[&str]) -> SourceState {
        SourceState {
            kind,
            categories: categories.iter().map(|c| c.to_string()).collect(),
            since: Date::parse("2025-12-01").unwrap(),
            until: None,
            last_synced: None,
            papers: 0,
        }
    }

    #[test]
    fn a_source_is_saved_once_and_updated() {
        let dir = TempDir::new().unwrap();
        let store = SourcesStore::new(dir.path());
        assert!(store.load().unwrap().is_empty());
        store.save(state(SourceKind::Hf, &[])).unwrap();
        store
            .save(state(SourceKind::Arxiv, &["cs.CV", "eess.IV"]))
            .unwrap();
        let mut again = state(SourceKind::Arxiv, &["eess.IV", "cs.CV"]);
        again.papers = 12;
        let saved = store.save(again).unwrap();
        assert_eq!(saved.len(), 2);
        assert_eq!(store.load().unwrap()[1].papers, 12);
        assert_eq!(saved[1].label(), "arxiv eess.IV cs.CV");
    }

    #[test]
    fn a_damaged_file_is_told_not_lost() {
        let dir = TempDir::new().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "{not json").unwrap();
        let store = SourcesStore::new(dir.path());
        assert!(store.load().is_err());
        assert_eq!(
            std::fs::read_to_string(dir.path().join(FILE_NAME)).unwrap(),
            "{not json"
        );
    }
}
