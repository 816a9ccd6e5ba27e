//! Which papers are read, as the reader knows it: a paper becomes read when
//! its detail is opened (Enter), `r` toggles one, `A` marks every paper
//! shown (asking first over [`ASK_ABOVE`]); with `[reader] mark-read-after`
//! also when its detail stays on screen that long. The store saves each
//! change (an effect), and `u` undoes them as it undoes bookmark changes.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use super::read_marks::{Dwell, UNDO_DEPTH, Undo};
use super::{App, Row};
use crate::query::Mark;
use crate::store::bookmarks::Change;
use crate::store::read_state::ReadChange;
use crate::tui::action::{Command, Effect, Said};

/// `A` over more papers than this asks first: marking a whole corpus read
/// by a slip of the finger is a lot to undo by eye.
pub const ASK_ABOVE: usize = 1_000;

impl App {
    /// Papers become read also when their detail stays on screen `after`
    /// (`[reader] mark-read-after`); `None`: only by Enter, `r` and `A`.
    pub(super) fn mark_read_after(&mut self, after: Option<Duration>) {
        self.reading.dwell = Dwell { after, shown: None };
    }

    /// Remembers what undoes a change about to be made.
    pub(super) fn remember(&mut self, undo: Undo) {
        if self.reading.undo.len() == UNDO_DEPTH {
            self.reading.undo.remove(0);
        }
        self.reading.undo.push(undo);
    }

    /// Undoes the last bookmark or read-state change of this session.
    pub(super) fn undo(&mut self) -> Vec<Effect> {
        let Some(undo) = self.reading.undo.pop() else {
            self.say("nothing to undo");
            return Vec::new();
        };
        match undo {
            Undo::Bookmark(change) => {
                let done = match &change {
                    Change::Add(_) => "bookmark restored",
                    Change::Remove(_) => "bookmark taken back",
                    Change::SetNote(_) => "note restored",
                    Change::SeeVersion { .. } => "version seen",
                };
                vec![Effect::SaveBookmarks {
                    change,
                    done: done.into(),
                }]
            }
            Undo::Read(change) => {
                let done = match &change {
                    ReadChange::Read(ids) => format!("{} marked read again", count(ids.len())),
                    ReadChange::Unread(ids) => format!("{} marked unread again", count(ids.len())),
                };
                vec![Effect::SaveRead {
                    change,
                    done: Some(done.into()),
                }]
            }
        }
    }

    /// Read-state commands: `r`, `R`.
    pub(super) fn reading(&mut self, command: Command) -> Vec<Effect> {
        if let Some(reason) = self.reading.read.off() {
            let text = format!("read state is off: {reason}");
            self.fail(text);
            return Vec::new();
        }
        match command {
            Command::ToggleRead if !self.chosen.is_empty() => {
                let ids = self.chosen.ids().to_vec();
                let all_read = ids.iter().all(|id| self.reading.read.contains(id));
                let (change, undo, done) = if all_read {
                    (
                        ReadChange::Unread(ids.clone()),
                        ReadChange::Read(ids),
                        "unread",
                    )
                } else {
                    let unread: Vec<String> = ids
                        .into_iter()
                        .filter(|id| !self.reading.read.contains(id))
                        .collect();
                    (
                        ReadChange::Read(unread.clone()),
                        ReadChange::Unread(unread),
                        "read",
                    )
                };
                let n = match &change {
                    ReadChange::Read(ids) | ReadChange::Unread(ids) => ids.len(),
                };
                // Marked read: their new versions are seen too.
                let seen = match &change {
                    ReadChange::Read(ids) => {
                        ids.iter().flat_map(|id| self.see_version(id)).collect()
                    }
                    ReadChange::Unread(_) => Vec::new(),
                };
                self.remember(Undo::Read(undo));
                let mut effects = vec![Effect::SaveRead {
                    change,
                    done: Some(format!("{} marked {done}", count(n)).into()),
                }];
                effects.extend(seen);
                effects
            }
            Command::ToggleRead => {
                let Some(paper) = self.selected_paper() else {
                    return Vec::new();
                };
                let ids = vec![paper.id.clone()];
                let (change, undo, done) = if self.reading.read.contains(&paper.id) {
                    (
                        ReadChange::Unread(ids.clone()),
                        ReadChange::Read(ids),
                        "marked unread",
                    )
                } else {
                    (
                        ReadChange::Read(ids.clone()),
                        ReadChange::Unread(ids),
                        "marked read",
                    )
                };
                // Marked read: a new version of it is seen too.
                let seen = match &change {
                    ReadChange::Read(_) => self.see_version(&paper.id),
                    ReadChange::Unread(_) => Vec::new(),
                };
                self.remember(Undo::Read(undo));
                let mut effects = vec![Effect::SaveRead {
                    change,
                    done: Some(done.into()),
                }];
                effects.extend(seen);
                effects
            }
            Command::MarkShownRead => {
                let unread: Vec<String> = (0..self.row_count())
                    .filter_map(|p| self.row(p))
                    .map(|row| self.paper_id(row))
                    .filter(|id| !self.reading.read.contains(id))
                    .map(str::to_string)
                    .collect();
                if unread.is_empty() {
                    self.say("every paper shown is read already");
                    return Vec::new();
                }
                if unread.len() > ASK_ABOVE && self.reading.confirm_read != Some(unread.len()) {
                    let before = format!("mark {} read? ", count(unread.len()));
                    let again = " again marks them all";
                    self.say(Said::with_key(before, Command::MarkShownRead, again));
                    self.reading.confirm_read = Some(unread.len());
                    return Vec::new();
                }
                self.reading.confirm_read = None;
                let before = format!("{} marked read (", count(unread.len()));
                let done = Said::with_key(before, Command::Undo, " undoes)");
                self.remember(Undo::Read(ReadChange::Unread(unread.clone())));
                vec![Effect::SaveRead {
                    change: ReadChange::Read(unread),
                    done: Some(done),
                }]
            }
            _ => Vec::new(),
        }
    }

    /// The selected paper becomes read, as its detail is opened; nothing
    /// is said, and nothing is remembered for undo.
    pub(super) fn read_selected(&mut self) -> Vec<Effect> {
        match self.selected_paper() {
            Some(paper) => self.read_quietly(&paper.id),
            None => Vec::new(),
        }
    }

    /// The paper with `id` becomes read, unless it is (or read state is
    /// off), and a new version of it bookmarked is seen; nothing is said,
    /// and nothing is remembered for undo.
    pub(super) fn read_quietly(&self, id: &str) -> Vec<Effect> {
        let mut effects = self.see_version(id);
        if self.reading.read.on() && !self.reading.read.contains(id) {
            effects.push(Effect::SaveRead {
                change: ReadChange::Read(vec![id.to_string()]),
                done: None,
            });
        }
        effects
    }

    /// Time passed: with `mark-read-after` set, a paper whose detail has
    /// been on screen that long becomes read, as if opened. Changes
    /// nothing drawn until then, and nothing at all without the option.
    pub(super) fn dwell(&mut self, now: Instant) -> Vec<Effect> {
        let Some(after) = self.reading.dwell.after else {
            return Vec::new();
        };
        let visible = self.areas().is_some_and(|a| !a.detail.is_empty());
        let shown = match self.selected_paper() {
            Some(paper) if visible && self.screen.overlay == super::Overlay::None => {
                paper.id.clone()
            }
            _ => {
                self.reading.dwell.shown = None;
                return Vec::new();
            }
        };
        match &self.reading.dwell.shown {
            Some((id, since)) if *id == shown => {
                if now.duration_since(*since) >= after {
                    // Nothing when read already (or read state is off).
                    return self.read_selected();
                }
                Vec::new()
            }
            _ => {
                self.reading.dwell.shown = Some((shown, now));
                Vec::new()
            }
        }
    }

    /// Takes in the read state as loaded or saved, or turns it off.
    pub(super) fn read_loaded(
        &mut self,
        result: Result<HashSet<String>, String>,
        done: Option<Said>,
    ) {
        match result {
            Ok(ids) => {
                self.reading.read.set(ids);
                let read = &self.reading.read;
                self.catalog.mark(Mark::Read, |id| read.contains(id));
                self.inbox.marks_changed();
                self.search_again_if(crate::query::ClauseKind::Read);
                if let Some(done) = done {
                    self.say(done);
                }
            }
            Err(reason) => {
                self.reading.read.turn_off(reason.clone());
                self.fail(format!("read state is off: {reason}"));
            }
        }
    }

    /// Whether the paper of `row` is unread, when read state works.
    pub fn is_unread(&self, row: Row) -> bool {
        // A corpus paper's mark is in the index, as `is:read` sees it.
        self.reading.read.on()
            && match row {
                Row::Paper(i) => !self.catalog.index.is_marked(Mark::Read, i),
                Row::Orphan(_) => !self.reading.read.contains(self.paper_id(row)),
            }
    }

    /// The id of the paper of `row`.
    pub(super) fn paper_id(&self, row: Row) -> &str {
        match row {
            Row::Paper(i) => self.catalog.id(i),
            Row::Orphan(i) => self
                .bookmarks
                .orphans()
                .get(i)
                .map_or("", |p| p.id.as_str()),
        }
    }
}

/// `1 paper`, `3 papers`.
fn count(n: usize) -> String {
    crate::units::papers(n)
}
