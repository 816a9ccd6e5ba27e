//! New versions of bookmarked papers in the reader: which bookmarks have
//! one (`is:updated`, the list's mark, the detail's `v1 → v3`), and
//! opening such a paper (or `r`) takes its new version as seen, through
//! the bookmark store as an effect.

use super::{App, Row};
use crate::catalog::updated::{mark_updated, updated_bookmarks};
use crate::store::bookmarks::Change;
use crate::store::bookmarks::versions::VersionChange;
use crate::tui::action::Effect;

impl App {
    /// Finds the bookmarks whose paper has a newer version than the one
    /// kept, and marks them for `is:updated`: after the bookmarks or the
    /// catalog changed. Reads the records of the bookmarked papers only.
    pub(super) fn mark_updated(&mut self) {
        let updated = updated_bookmarks(self.bookmarks.list(), &self.catalog);
        mark_updated(&mut self.catalog, &updated);
        let by_id = updated
            .iter()
            .map(|u| (u.bookmark.id.clone(), u.change))
            .collect();
        self.bookmarks.set_updated(by_id);
    }

    /// The newer version of a row's bookmarked paper, if it has one the
    /// bookmark has not seen.
    pub fn version_change(&self, row: Row) -> Option<VersionChange> {
        match row {
            Row::Paper(i) => self.bookmarks.updated(self.catalog.id(i)),
            Row::Orphan(_) => None,
        }
    }

    /// The new version of the bookmarked paper with `id` is seen (its
    /// detail opened, `r`): the bookmark keeps it from now on. Nothing
    /// when it has none (or bookmarking is off: a paper shown on screen
    /// would ask again and again); nothing is said, and nothing is
    /// remembered for undo.
    pub(super) fn see_version(&self, id: &str) -> Vec<Effect> {
        match self.bookmarks.updated(id) {
            Some(change) if self.bookmarks.disabled().is_none() => vec![Effect::SaveBookmarks {
                change: Change::SeeVersion {
                    id: id.to_string(),
                    version: change.to,
                },
                done: Default::default(),
            }],
            _ => Vec::new(),
        }
    }
}
