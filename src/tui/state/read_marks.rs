//! The read state as the reader holds it, and the changes `u` can take
//! back: plain data, changed by `reading` and `marks`.

use std::collections::HashSet;

use crate::bookmarks::Change;
use crate::read_state::ReadChange;

/// The read state as last loaded or saved.
#[derive(Debug, Default)]
pub struct ReadMarks {
    ids: HashSet<String>,
    /// Loaded at least once: until then nothing is marked unread.
    loaded: bool,
    /// Why read state is off (no config dir, a file that cannot be
    /// written), once it is.
    off: Option<String>,
}

impl ReadMarks {
    /// Whether read state works: loaded, and not turned off.
    pub fn on(&self) -> bool {
        self.loaded && self.off.is_none()
    }

    /// Whether the paper with this id is read.
    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    /// Takes in the ids read, as loaded or saved.
    pub fn set(&mut self, ids: HashSet<String>) {
        self.ids = ids;
        self.loaded = true;
    }

    /// Turns read state off for the session, saying why.
    pub fn turn_off(&mut self, reason: String) {
        self.off = Some(reason);
    }

    /// Why read state is off, if it is.
    pub fn off(&self) -> Option<&str> {
        self.off.as_deref()
    }
}

/// A change that `u` can take back, the last one first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undo {
    /// Undoes a bookmark change.
    Bookmark(Change),
    /// Undoes a read-state change.
    Read(ReadChange),
}

/// How many changes can be undone, the oldest forgotten first.
pub const UNDO_DEPTH: usize = 100;
