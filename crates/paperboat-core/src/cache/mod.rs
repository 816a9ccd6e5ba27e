//! The cache of corpus indexes: where it lives, one entry per corpus file
//! (found by the file's canonical path, trusted only for the file's
//! present state), and what `paperboat cache list|clear` show and remove.
//!
//! An entry is a directory named after the corpus file's path, holding
//! `index` (see [`entry`]) and what else is built for that file.

mod column;
mod entry;
pub mod files;
pub(crate) mod hash;
mod key;
pub mod mapped;

use std::io;
use std::path::{Path, PathBuf};

pub use column::{Column, TextColumn};
pub use entry::{Entry, EntryError, EntryWriter, FORMAT_VERSION, Header, entry_path, reseal};
pub use key::{FileKey, prefix_fingerprint, sample_prefix};

/// The cache directory: `--cache-dir`, else `$PAPERBOAT_CACHE_DIR`, else the
/// platform's (`~/.cache/paperboat`); none with `--no-cache`.
pub fn cache_dir(flag: Option<&Path>, no_cache: bool) -> Option<PathBuf> {
    if no_cache {
        return None;
    }
    if let Some(dir) = flag {
        return Some(dir.to_path_buf());
    }
    match std::env::var_os("PAPERBOAT_CACHE_DIR") {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => {
            directories::ProjectDirs::from("", "", "paperboat").map(|d| d.cache_dir().to_path_buf())
        }
    }
}

/// The directory, inside the entry called `name`, of the entry for the
/// lines its JSON Lines file gained at its end since (see
/// `catalog::grown`): its `index` and `abstracts` are kept as an entry's.
pub fn tail_dir(dir: &Path, name: &str) -> PathBuf {
    dir.join(name).join("tail")
}

/// One entry of the cache, as `cache list` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The entry's directory name.
    pub name: String,
    /// The corpus file it answers for, when the entry can be read.
    pub corpus: Option<String>,
    /// Papers indexed, those of its tail included.
    pub papers: u64,
    /// Papers of lines added to the file since, indexed on their own (its
    /// tail), when there are.
    pub tail: Option<u64>,
    /// Bytes on disk, everything in the entry's directory.
    pub size: u64,
    /// When it was built, seconds since the epoch.
    pub built: u64,
    /// Why it cannot be used, when it cannot.
    pub problem: Option<String>,
    /// Whether its corpus file is gone (or unknown: the entry cannot be
    /// read), so that nothing will ever open it again.
    pub orphan: bool,
    /// Whether a build is writing it right now.
    pub building: bool,
}

/// Whether `name` is the name of an entry directory (see
/// [`FileKey::entry_name`]): only those are listed and cleared, so a cache
/// dir pointed at the wrong place loses nothing else.
fn is_entry_name(name: &str) -> bool {
    name.len() == 16 && name.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The entries of the cache at `dir`, by name; none when it does not exist.
pub fn list(dir: &Path) -> io::Result<Vec<Listed>> {
    let mut listed = Vec::new();
    let read = match std::fs::read_dir(dir) {
        Ok(read) => read,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(listed),
        Err(e) => return Err(e),
    };
    for item in read {
        let item = item?;
        let name = item.file_name().to_string_lossy().into_owned();
        if !is_entry_name(&name) || !item.file_type()?.is_dir() {
            continue;
        }
        let size = files::size_of(&item.path());
        let mut entry = Listed {
            name,
            corpus: None,
            papers: 0,
            tail: None,
            size,
            built: 0,
            problem: None,
            orphan: false,
            building: false,
        };
        match Entry::open_any(&item.path().join("index")) {
            Ok(opened) => {
                let header = opened.header();
                entry.corpus = Some(header.key.path.clone());
                entry.papers = header.papers;
                entry.built = header.built;
                let tail = Entry::open_any(&tail_dir(dir, &entry.name).join("index"));
                if let Ok(tail) = tail {
                    entry.tail = Some(tail.header().papers);
                    entry.papers += tail.header().papers;
                    entry.built = entry.built.max(tail.header().built);
                }
                if !Path::new(&header.key.path).exists() {
                    entry.problem = Some("the corpus file is gone".into());
                    entry.orphan = true;
                }
            }
            // Not written yet: a build is running in it right now.
            Err(_) if files::has_running_build(&item.path()) => {
                entry.problem = Some("being built".into());
                entry.building = true;
            }
            Err(e) => {
                entry.problem = Some(e.to_string());
                entry.orphan = true;
            }
        }
        listed.push(entry);
    }
    listed.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(listed)
}

/// Removes every entry of the cache at `dir` (and nothing else there), or
/// only the orphaned ones; returns how many entries and bytes went.
pub fn clear(dir: &Path, only_orphans: bool) -> io::Result<(usize, u64)> {
    let mut removed = (0, 0);
    for entry in list(dir)? {
        if only_orphans && !entry.orphan {
            continue;
        }
        let path = dir.join(&entry.name);
        files::remove_no_follow(&path)?;
        removed.0 += 1;
        removed.1 += entry.size;
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_beats_the_environment_and_no_cache_beats_both() {
        let flag = Path::new("/somewhere");
        assert_eq!(cache_dir(Some(flag), false).as_deref(), Some(flag));
        assert_eq!(cache_dir(Some(flag), true), None);
    }

    #[test]
    fn list_and_clear_touch_entries_only() {
        let dir = tempfile::TempDir::new().unwrap();
        let corpus = dir.path().join("c.json");
        std::fs::write(&corpus, "[]").unwrap();
        let key = FileKey::of(&corpus).unwrap().unwrap();
        let name = FileKey::entry_name(&corpus).unwrap();
        let mut writer = EntryWriter::new(key, 7, serde_json::Value::Null);
        writer.section("days", &[1u32, 2, 3]);
        writer.write(&entry_path(dir.path(), &name)).unwrap();
        std::fs::create_dir(dir.path().join("0123456789abcdef")).unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        std::fs::create_dir(dir.path().join("photos")).unwrap();

        let listed = list(dir.path()).unwrap();
        assert_eq!(listed.len(), 2);
        let ours = listed.iter().find(|l| l.name == name).unwrap();
        assert_eq!(ours.papers, 7);
        assert!(ours.size > 0 && ours.built > 0 && ours.problem.is_none());
        assert!(ours.corpus.as_deref().unwrap().ends_with("c.json"));
        let broken = listed.iter().find(|l| l.name != name).unwrap();
        assert!(broken.problem.is_some());

        let (entries, _) = clear(dir.path(), true).unwrap();
        assert_eq!(entries, 1, "the broken entry is an orphan, ours is not");
        assert_eq!(list(dir.path()).unwrap().len(), 1);
        let (entries, bytes) = clear(dir.path(), false).unwrap();
        assert_eq!((entries, bytes > 0), (1, true));
        assert!(list(dir.path()).unwrap().is_empty());
        assert!(dir.path().join("notes.txt").exists());
        assert!(dir.path().join("photos").exists());
        assert!(list(&dir.path().join("absent")).unwrap().is_empty());
    }

    #[test]
    fn an_entry_being_built_is_no_orphan() {
        let dir = tempfile::TempDir::new().unwrap();
        let entry = dir.path().join("0123456789abcdef");
        std::fs::create_dir(&entry).unwrap();
        let building = entry.join(".building-Ab12Cd");
        std::fs::write(&building, "half").unwrap();
        let claim = files::Claim::on(&building).unwrap();
        let listed = list(dir.path()).unwrap();
        assert_eq!(listed[0].problem.as_deref(), Some("being built"));
        assert!(!listed[0].orphan && listed[0].building);
        assert_eq!(clear(dir.path(), true).unwrap().0, 0);
        drop(claim);
        assert!(list(dir.path()).unwrap()[0].orphan, "its build ended");
    }
}
