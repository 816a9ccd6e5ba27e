//! Picking papers, moving to the next unread one, and syncing the library
//! beside the keyboard (`U`): the status line follows the sync, and each
//! source's new papers join the list as they land, the selection staying on
//! its paper.

use super::{App, Row};
use crate::catalog::Catalog;
use crate::tui::action::{Command, Effect};
use crate::tui::sync_worker::SyncEvent;

impl App {
    /// `v` picks or unpicks the selected paper and moves on; `V` picks
    /// every paper shown.
    pub(super) fn pick(&mut self, command: Command) -> Vec<Effect> {
        if command == Command::ChooseShown {
            let ids: Vec<String> = (0..self.row_count())
                .filter_map(|p| self.row(p))
                .map(|row| self.paper_id(row).to_string())
                .collect();
            self.chosen.add_all(ids);
        } else if let Some(row) = self.row(self.list.selected()) {
            let id = self.paper_id(row).to_string();
            self.chosen.toggle(&id);
            self.select(self.list.selected() + 1);
        }
        Vec::new()
    }

    /// `]` and `[`: the selection moves to the next (`step` 1) or previous
    /// (-1) unread paper of the list, as newsboat's `n` and `p` do; none
    /// that way is said, and the selection stays.
    pub(super) fn move_to_unread(&mut self, step: isize) {
        if !self.reading.read.on() {
            self.fail("read state is off: every paper counts as unread");
            return;
        }
        let from = self.list.selected() as isize;
        let found = std::iter::successors(Some(from + step), |p| Some(p + step))
            .take_while(|&p| p >= 0 && (p as usize) < self.row_count())
            .find(|&p| self.row(p as usize).is_some_and(|row| self.is_unread(row)));
        match found {
            Some(position) => {
                self.select(position as usize);
            }
            None => self.say(match step > 0 {
                true => "no unread paper below this one",
                false => "no unread paper above this one",
            }),
        }
    }

    /// `U`: syncs every source of the library beside the keyboard, unless
    /// a sync runs already.
    pub(super) fn start_sync(&mut self) -> Vec<Effect> {
        if self.library.syncing.is_some() {
            self.say("a sync is running: the status line follows it");
            return Vec::new();
        }
        self.library.syncing = Some("syncing the library…".into());
        vec![Effect::Sync]
    }

    /// What the sync thread told.
    pub(super) fn sync_event(&mut self, event: SyncEvent) {
        match event {
            SyncEvent::Progress(text) => self.library.syncing = Some(text),
            SyncEvent::Grew(catalog, landed) => {
                self.library_grew(*catalog);
                self.say(landed);
            }
            SyncEvent::Done(Ok(reports)) => {
                self.library.syncing = None;
                self.say(match reports.is_empty() {
                    true => "synced".to_string(),
                    false => format!("synced · {}", reports.join(" · ")),
                });
            }
            SyncEvent::Done(Err(why)) => {
                self.library.syncing = None;
                self.fail(format!("not synced: {why}"));
            }
        }
    }

    /// The library opened again with a new segment: it takes the place of
    /// the catalog (marks and `is:new` carried over), the query runs again,
    /// and the selection stays on its paper (found by id: an updated paper
    /// has a new place).
    fn library_grew(&mut self, mut catalog: Catalog) {
        let kept = match self.row(self.list.selected()) {
            Some(Row::Paper(i)) => Some(self.catalog.id(i).to_string()),
            _ => None,
        };
        catalog.index.set_new_since(self.catalog.index.new_since());
        let marks = &self.bookmarks;
        catalog.mark_bookmarked(|id| marks.contains(id));
        let read = &self.reading.read;
        catalog.mark(crate::query::Mark::Read, |id| read.contains(id));
        super::pdfs::mark_pdfs(&mut catalog, 0, self.pdfs_on_disk());
        let old = std::mem::replace(&mut self.catalog, catalog);
        self.mark_updated();
        self.library.first_run = false;
        // Freeing a million papers takes a moment: not on the event loop.
        std::thread::spawn(move || drop(old));
        self.related.select_when_shown = kept.and_then(|id| self.catalog.position(&id));
        self.related.list = None;
        self.inbox.forget();
        self.search.search_again();
        self.run_inline_search();
        self.select_pending_paper();
    }

    /// Whether the bundled corpus opened for want of a library.
    pub fn first_run(&self) -> bool {
        self.library.first_run
    }

    /// Where a sync of the library is, while it runs.
    pub fn syncing(&self) -> Option<&str> {
        self.library.syncing.as_deref()
    }

    /// Abstracts indexed so far, of how many, while they are being indexed.
    pub fn indexing_abstracts(&self) -> Option<(usize, usize)> {
        self.library.indexing_abstracts
    }

    /// Whether the index is being kept for next time (after a first
    /// open).
    pub fn keeping_index(&self) -> bool {
        self.library.keeping
    }
}
