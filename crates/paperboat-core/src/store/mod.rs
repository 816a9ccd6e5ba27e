//! The stores: the small JSON files of the config dir (bookmarks, read
//! state, the query history, saved queries) and of the library (its
//! sources, visits, digests), each a sibling module here, all kept the same
//! way ([`file`]): an exclusive lock for every save, the file re-read, one
//! change applied and the file replaced atomically, so two processes never
//! lose each other's changes and a kill leaves the old or the new file. A
//! file that does not parse is reported and left alone by anything that
//! only reads it; the next save moves it aside (never overwritten) and
//! starts a new one. A file written by a newer paperboat is left alone.
//! Fields this version does not know are kept by each store's file type
//! (a flattened map of the others).

pub mod bookmarks;
pub mod digests;
pub mod file;
pub mod history;
pub mod read_state;
pub mod saved_queries;
pub mod sources;
pub mod visits;

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::corpus::sanitize::{clean_line, clip_quotes};
use file::{FileError, JsonFile};

/// Why the store could not do what was asked; `Display` is one clean line
/// of bounded length, whatever the file holds.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No config dir could be determined.
    #[error("no config directory: set --config-dir or PAPERBOAT_CONFIG_DIR")]
    NoConfigDir,
    /// The file does not parse; only read, it is left as it is.
    #[error(
        "{file} does not parse ({reason}); it is left as it is, and the next save moves it aside and starts a new file"
    )]
    Damaged {
        /// The bookmarks file.
        file: String,
        /// What the parser said.
        reason: String,
    },
    /// The file did not parse; it was moved aside, untouched.
    #[error("{file} did not parse ({reason}); it was moved to {moved_to} and a new file started")]
    Corrupt {
        /// The bookmarks file.
        file: String,
        /// What the parser said.
        reason: String,
        /// Where the bytes are now.
        moved_to: String,
    },
    /// The file or directory could not be read or written.
    #[error("{path}: {reason}")]
    Io {
        /// The path involved.
        path: String,
        /// What the system said.
        reason: String,
    },
}

impl From<FileError> for StoreError {
    fn from(e: FileError) -> StoreError {
        StoreError::Io {
            path: e.path,
            reason: e.reason,
        }
    }
}

/// A parser's message as one clean line that quotes at most a little of
/// the file: a corrupt file may hold a 10 MB value.
pub(crate) fn parse_reason(e: &serde_json::Error) -> String {
    clip_quotes(&clean_line(&e.to_string()))
}

/// The config dir: `--config-dir`, else `$PAPERBOAT_CONFIG_DIR`, else the
/// platform's (Linux: `~/.config/paperboat`).
pub fn config_dir(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = flag {
        return Some(dir.to_path_buf());
    }
    match std::env::var_os("PAPERBOAT_CONFIG_DIR") {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => directories::ProjectDirs::from("", "", "paperboat")
            .map(|d| d.config_dir().to_path_buf()),
    }
}

/// Why a store's file could not be taken in.
pub enum Unreadable {
    /// Written by a newer paperboat: left alone.
    Newer(u32),
    /// Not the store's JSON.
    Broken(serde_json::Error),
}

/// A store's file parsed by `parse`; `None` when there is none. A file that
/// does not parse is moved aside when `to_write` (a save follows, which
/// starts a new file: [`StoreError::Corrupt`]), else reported and left as
/// it is ([`StoreError::Damaged`]): reading never moves the user's file.
/// Shared by every store in the config dir.
pub fn read_checked<T>(
    file: &JsonFile,
    to_write: bool,
    parse: impl FnOnce(&[u8]) -> Result<T, Unreadable>,
) -> Result<Option<T>, StoreError> {
    let Some(bytes) = file.read()? else {
        return Ok(None);
    };
    let path = file.path();
    match parse(&bytes) {
        Ok(parsed) => Ok(Some(parsed)),
        Err(Unreadable::Newer(version)) => Err(FileError::new(
            &path,
            &format!("version {version} is newer than this paperboat reads"),
        )
        .into()),
        Err(Unreadable::Broken(e)) if to_write => Err(move_aside(file, &parse_reason(&e))),
        Err(Unreadable::Broken(e)) => Err(StoreError::Damaged {
            file: clean_line(&path.display().to_string()),
            reason: parse_reason(&e),
        }),
    }
}

/// One change to a store's file, under its lock: the file as it is on
/// disk now (`read`; afresh from `empty` when it was corrupt and has just
/// been moved aside, rather than lose this change too), changed, written
/// back as `to_text` writes it, atomically. Returns it as saved. Shared by
/// every store of the config dir.
pub fn update_checked<T>(
    file: &JsonFile,
    read: impl FnOnce(bool) -> Result<T, StoreError>,
    empty: impl FnOnce() -> T,
    change: impl FnOnce(&mut T) -> Result<(), StoreError>,
    to_text: impl FnOnce(&T) -> std::io::Result<String>,
) -> Result<T, StoreError> {
    let lock = file.lock()?;
    let mut stored = match read(true) {
        Ok(stored) => stored,
        Err(StoreError::Corrupt { .. }) => empty(),
        Err(e) => return Err(e),
    };
    change(&mut stored)?;
    let text = to_text(&stored).map_err(|e| FileError::new(&file.path(), &e.to_string()))?;
    file.replace(&lock, text.as_bytes())?;
    // Dropping the lock releases it.
    drop(lock);
    Ok(stored)
}

fn move_aside(file: &JsonFile, reason: &str) -> StoreError {
    let path = file.path();
    match file.move_aside() {
        Ok(target) => StoreError::Corrupt {
            file: clean_line(&path.display().to_string()),
            reason: reason.to_string(),
            moved_to: clean_line(&target.display().to_string()),
        },
        Err(e) => FileError::new(
            &path,
            &format!(
                "does not parse ({reason}) and could not be moved aside: {}",
                e.reason
            ),
        )
        .into(),
    }
}

/// A store's file that says which version of its format it is.
pub trait Versioned: DeserializeOwned {
    /// The version the file says it is.
    fn version(&self) -> u32;
}

/// A store's file read as `T`, one of format `version` or older; `None`
/// when there is none (see [`read_checked`] for a file that does not
/// parse). The read every store with a plain JSON file shares.
pub fn read_versioned<T: Versioned>(
    file: &JsonFile,
    to_write: bool,
    version: u32,
) -> Result<Option<T>, StoreError> {
    read_checked(file, to_write, |bytes| {
        match serde_json::from_slice::<T>(bytes) {
            Ok(parsed) if parsed.version() <= version => Ok(parsed),
            Ok(parsed) => Err(Unreadable::Newer(parsed.version())),
            Err(e) => Err(Unreadable::Broken(e)),
        }
    })
}

/// A store's file as JSON, pretty, ending with a line break.
pub fn pretty_with_newline<T: Serialize>(value: &T) -> std::io::Result<String> {
    let mut text = crate::corpus::safe_json::to_string_pretty(value)?;
    text.push('\n');
    Ok(text)
}
