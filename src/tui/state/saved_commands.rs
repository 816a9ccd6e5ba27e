//! The saved queries' commands: `Q` lists them with what each finds,
//! `1`-`9` and `Enter` run one (its new papers first), `Ctrl-s` names the
//! query line's query; and their counting beside the keyboard.

use std::sync::atomic::AtomicBool;

use super::inbox::{Inbox, count};
use super::{App, Overlay};
use crate::store::saved_queries::SavedQuery;
use crate::tui::action::{Command, Effect, Said};
use crate::tui::outcomes::InboxCounts;

impl App {
    /// The saved queries and what they find.
    pub fn inbox(&self) -> &Inbox {
        &self.inbox
    }

    /// The queries saved under a name.
    pub fn saved(&self) -> &[SavedQuery] {
        &self.inbox.saved
    }

    /// Whether the saved queries wait to be counted beside the keyboard:
    /// once the corpus is read, when there are some and they are not
    /// counted over the papers as they are.
    pub fn inbox_wanted(&self) -> bool {
        self.loading.is_none() && !self.inbox.saved.is_empty() && self.inbox.counted.is_none()
    }

    /// Counts what the saved queries find (beside the keyboard: it takes
    /// `&self`); `None` once `cancel` is set.
    pub fn count_inbox(&self, cancel: &AtomicBool) -> Option<InboxCounts> {
        count(&self.catalog, &self.inbox.saved, cancel)
    }

    /// The counts worked out beside the keyboard arrived.
    pub(super) fn inbox_counted(&mut self, counts: InboxCounts) {
        self.inbox.counted = Some(counts);
    }

    /// The saved queries as read (or saved): those too big to run left
    /// out, and a file that does not read kept in mind as such.
    pub(super) fn queries_loaded(&mut self, result: Result<Vec<SavedQuery>, String>) {
        self.inbox.forget();
        match result {
            Ok(saved) => {
                let (saved, left_out) = crate::store::saved_queries::runnable(saved);
                self.inbox.saved = saved;
                self.inbox.unreadable = None;
                if let Some(said) = left_out {
                    self.fail(format!("saved queries: {said}"));
                }
            }
            Err(reason) => {
                let said = format!("saved queries: {reason}");
                self.fail(said.clone());
                self.inbox.unreadable = Some(said);
            }
        }
    }

    /// `Q` shows the saved queries (with what each finds: counted now on a
    /// small corpus, else as soon as they are counted beside the keyboard);
    /// `1`-`9` or `Enter` runs one, its new papers first.
    pub(super) fn saved_query_command(&mut self, command: Command) {
        let runs = matches!(command, Command::ShowQueries | Command::RunQuery(_));
        if let (true, Some(why)) = (runs && self.inbox.saved.is_empty(), &self.inbox.unreadable) {
            // A file that does not read is not the same as no file.
            self.fail(why.clone());
            return;
        }
        match command {
            Command::ShowQueries if self.inbox.saved.is_empty() => {
                self.say("no saved queries: paperboat queries add NAME QUERY saves one")
            }
            Command::ShowQueries => {
                let small = self.catalog.len() <= super::results::INLINE_SEARCH_UP_TO;
                if small && self.inbox.counted.is_none() && self.loading.is_none() {
                    let never = AtomicBool::new(false);
                    self.inbox.counted = self.count_inbox(&never);
                }
                self.screen.overlay = Overlay::Queries { cursor: 0 };
            }
            Command::RunSelectedQuery => {
                if let Overlay::Queries { cursor } = self.screen.overlay {
                    self.saved_query_command(Command::RunQuery(cursor));
                }
            }
            Command::NameQuery => {
                let text = self.search.line().text().trim();
                if text.is_empty() || self.search.error().is_some() {
                    self.say("type a query that runs, then Ctrl-s saves it");
                    return;
                }
                self.screen.overlay = Overlay::Name(crate::tui::line_edit::LineEdit::default());
            }
            Command::RunQuery(i) => self.run_saved_query(i),
            _ => {}
        }
    }

    /// Runs saved query `i`, the papers new since the last visit first.
    fn run_saved_query(&mut self, i: usize) {
        let Some(saved) = self.inbox.saved.get(i).cloned() else {
            self.say(format!("no saved query {}", i + 1));
            return;
        };
        self.screen.overlay = Overlay::None;
        self.history.stop_walking();
        self.search.set_saved(saved.query);
        self.requery();
        let new = self
            .inbox
            .counted
            .as_ref()
            .and_then(|c| c.per_query.get(i).copied().flatten())
            .map_or(0, |(_, new)| new);
        self.say(match new {
            0 => format!("ran {}", saved.name),
            n => format!(
                "ran {}: {} new first",
                saved.name,
                crate::units::thousands(n)
            ),
        });
    }

    /// Saves the query line's query under the name typed.
    pub(super) fn save_query(&mut self) -> Vec<Effect> {
        let Overlay::Name(name) = std::mem::take(&mut self.screen.overlay) else {
            return Vec::new();
        };
        let name = crate::corpus::sanitize::clean_line(name.text())
            .trim()
            .to_string();
        if name.is_empty() {
            self.say("not saved: a saved query needs a name");
            return Vec::new();
        }
        let query = self.search.line().text().trim().to_string();
        let before = format!("saved as {name} (");
        let after = " lists saved queries)";
        self.say(Said::with_key(before, Command::ShowQueries, after));
        vec![Effect::SaveQuery(SavedQuery { name, query })]
    }
}
