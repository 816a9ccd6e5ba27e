//! The read state as the reader holds it, the changes `u` can take back
//! and the reading view: plain data, changed by `reading` and `marks`.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use super::screen::Focus;

use crate::store::bookmarks::Change;
use crate::store::read_state::ReadChange;

/// The part of the reader about reading: which papers are read, what
/// undoes the changes, how long the detail has shown its paper, the
/// question a first `A` asked, and the reading view.
#[derive(Debug, Default)]
pub struct Reading {
    /// Which papers are read.
    pub(super) read: ReadMarks,
    /// What undoes each bookmark and read-state change of the session.
    pub(super) undo: Vec<Undo>,
    /// How long the detail has shown its paper, and how long makes it read.
    pub(super) dwell: Dwell,
    /// How many papers a first `A` asked about: a second `A` right after
    /// marks them read.
    pub(super) confirm_read: Option<usize>,
    /// While the detail has the whole screen: the pane that had the keys
    /// before, to give them back to.
    pub(super) view: Option<Focus>,
}

/// A paper's time on screen, for `[reader] mark-read-after`.
#[derive(Debug, Default)]
pub struct Dwell {
    /// How long a detail on screen takes to make its paper read; never
    /// when `None`.
    pub(super) after: Option<Duration>,
    /// The paper whose detail is shown, and since when.
    pub(super) shown: Option<(String, Instant)>,
}

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
