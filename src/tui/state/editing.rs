//! The lines being typed: the query line (typing, pastes, and the clauses
//! keys write: sorts and facets) and the note popup's line.

use super::{App, FacetRow, MAX_NOTE, MAX_QUERY, Overlay};
use crate::query::facet_units;
use crate::query::facets;
use crate::query::{MAX_TERMS, Sort, SortKey, toggle_clause, with_sort, words};
use crate::tui::action::{Command, Settings};
use crate::tui::line_edit::Edit;

impl App {
    /// Commands that edit the query line or the note.
    pub(super) fn edit(&mut self, command: Command) {
        match command {
            Command::EditQuery => {
                // The query line is not on the reading view's screen.
                self.leave_reading_view();
                self.search.start_editing();
            }
            Command::LeaveQuery => self.search.stop_editing(),
            Command::Edit(Edit::Insert(_)) if self.line_is_full() => self.say_line_is_full(),
            Command::Edit(edit) => {
                self.history.stop_walking();
                // A related paper waited for is forgotten once the query
                // is the user's again.
                self.related.select_when_shown = None;
                self.edit_line(edit);
            }
            Command::Paste(text) => {
                self.history.stop_walking();
                self.paste(&text);
            }
            Command::HistoryOlder => {
                let typed = self.search.line().text().to_string();
                match self.history.older(&typed) {
                    Some(query) => {
                        self.search.set_typed(query);
                        self.requery();
                    }
                    None => self.say("no older query in the history"),
                }
            }
            Command::HistoryNewer => {
                if let Some(query) = self.history.newer() {
                    self.search.set_typed(query);
                    self.requery();
                }
            }
            Command::TakeSuggestion if self.search.take_suggestion() => self.requery(),
            Command::SortNext => {
                let current = self.search.query().effective_sort();
                let mut key = current.key.next();
                // Relevance means nothing without a text clause.
                if key == SortKey::Relevance && !self.search.query().has_text() {
                    key = key.next();
                }
                self.set_sort(Sort {
                    key,
                    reversed: false,
                });
            }
            Command::SortReverse => {
                let current = self.search.query().effective_sort();
                self.set_sort(Sort {
                    reversed: !current.reversed,
                    ..current
                });
            }
            Command::ToggleFacetEntry => self.toggle_facet(self.facets.cursor()),
            Command::ClearFacets => {
                let entries = facets::entries(&self.catalog.index, self.search.counts());
                let text = facet_units::without_group(self.search.line().text(), None, &entries);
                self.write_query(text);
                self.say("facet clauses cleared");
            }
            _ => {}
        }
    }

    fn edit_line(&mut self, edit: Edit) {
        if let Overlay::Note(note) | Overlay::Name(note) | Overlay::Export(note) =
            &mut self.screen.overlay
        {
            note.apply(edit);
        } else if self.search.edit(edit) {
            self.requery();
        }
    }

    /// Pasted text goes into the line being edited, never runs as keys:
    /// line breaks and tabs become spaces, other control characters go,
    /// and the line keeps to its length limit. In the list, a paste starts
    /// the query line, as typing `/` would.
    fn paste(&mut self, text: &str) {
        match &self.screen.overlay {
            Overlay::Help { .. }
            | Overlay::Links { .. }
            | Overlay::Queries { .. }
            | Overlay::Copy
            | Overlay::Timeline { .. } => {
                return;
            }
            Overlay::Note(_) | Overlay::Name(_) | Overlay::Export(_) => {}
            Overlay::None if !self.search.editing() => self.search.start_editing(),
            Overlay::None => {}
        }
        let (used, limit) = match &self.screen.overlay {
            Overlay::Note(note) => (note.chars(), MAX_NOTE),
            Overlay::Name(name) | Overlay::Export(name) => (name.chars(), MAX_NAME),
            _ => (self.search.line().chars(), MAX_QUERY),
        };
        let (kept, mut cut) = pasted(text, limit.saturating_sub(used));
        let kept = match self.screen.overlay {
            Overlay::None => {
                let line = self.search.line();
                let (kept, too_many) = within_terms(line.text(), line.cursor(), kept);
                if too_many {
                    self.fail(format!(
                        "the query is at most {MAX_TERMS} words: the rest was left out"
                    ));
                    cut = false;
                }
                kept
            }
            _ => kept,
        };
        match &mut self.screen.overlay {
            Overlay::Note(note) | Overlay::Name(note) | Overlay::Export(note) => note.insert(&kept),
            _ if kept.is_empty() => {}
            _ => {
                self.search.insert(&kept);
                self.requery();
            }
        }
        if cut {
            self.say_line_is_full();
        }
    }

    /// Whether the line being edited has reached its length limit.
    fn line_is_full(&self) -> bool {
        match &self.screen.overlay {
            Overlay::Note(note) => note.chars() >= MAX_NOTE,
            Overlay::Name(name) | Overlay::Export(name) => name.chars() >= MAX_NAME,
            _ => self.search.line().chars() >= MAX_QUERY,
        }
    }

    fn say_line_is_full(&mut self) {
        let (what, limit) = match self.screen.overlay {
            Overlay::Note(_) => ("a note", MAX_NOTE),
            Overlay::Name(_) | Overlay::Export(_) => ("a name", MAX_NAME),
            _ => ("the query", MAX_QUERY),
        };
        self.fail(format!(
            "{what} is at most {} characters: the rest was left out",
            super::thousands(limit)
        ));
    }

    /// Empties the query line, showing every paper again.
    pub(super) fn clear_query(&mut self) {
        self.write_query(String::new());
    }

    /// The query line's text as a key wrote it, searched.
    pub(super) fn write_query(&mut self, text: String) {
        self.search.set_by_key(text);
        self.requery();
    }

    /// Searches for the query line's text (a malformed query keeps the
    /// results); on a small corpus at once, else by the event loop.
    pub(super) fn requery(&mut self) {
        match self.search.text_changed(&self.catalog.index) {
            Some(remembered) => self.searched(remembered),
            None => self.run_inline_search(),
        }
    }

    /// Adds or removes `is:bookmarked`, as `B` does.
    pub(super) fn toggle_bookmarked_clause(&mut self) {
        let text = toggle_clause(self.search.line().text(), "is:bookmarked");
        self.write_query(text);
    }

    /// Adds or removes the clause of the facet entry at `position`, keeping
    /// the cursor on that entry.
    pub(super) fn toggle_facet(&mut self, position: usize) {
        let Some(entry) = self.facet_rows().into_iter().find_map(|row| match row {
            FacetRow::Entry {
                entry, position: p, ..
            } if p == position => Some(entry),
            _ => None,
        }) else {
            return;
        };
        let entries = facets::entries(&self.catalog.index, self.search.counts());
        let text = facet_units::toggle(self.search.line().text(), &entry, &entries);
        self.write_query(text);
        let rows = self.facet_rows();
        let page = self.areas().map_or(0, |a| a.facets.height as usize);
        self.facets.place_on(&entry.clause, &rows, page);
    }

    /// The start the config file asks for: the order of every query
    /// without `sort:`, the facets panel shown or hidden, when a paper on
    /// screen becomes read and which searches wait for the event loop.
    pub(super) fn start_with(&mut self, settings: Settings) {
        if let Some(up_to) = settings.search_inline_up_to {
            self.search.set_inline_up_to(up_to);
        }
        self.mark_read_after(settings.mark_read_after);
        if let Some(sort) = settings.sort.as_deref().and_then(crate::query::Sort::parse) {
            self.search.set_default_sort(Some(sort));
            self.requery();
        }
        if settings
            .facets
            .is_some_and(|show| show != self.show_facets())
        {
            self.facets.flip();
        }
    }

    fn set_sort(&mut self, sort: Sort) {
        let default = self.search.default_sort(self.search.query());
        let clause = (sort != default).then_some(sort);
        let text = with_sort(self.search.line().text(), clause);
        self.write_query(text);
        let direction = if sort.reversed { ", reversed" } else { "" };
        self.say(format!("sorted by {}{direction}", sort.key.name()));
    }
}

/// What of `text` goes into a line with room for `room` more characters,
/// and whether some was left out.
fn pasted(text: &str, room: usize) -> (String, bool) {
    let mut kept = String::new();
    let mut count = 0;
    for c in text.chars() {
        let c = match c {
            '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' => ' ',
            c if crate::corpus::sanitize::is_unsafe(c) => continue,
            c => c,
        };
        if count >= room {
            return (kept, true);
        }
        kept.push(c);
        count += 1;
    }
    (kept, false)
}

/// `kept`, inserted into the query line `line` at byte `cursor`, cut
/// before its first word past [`MAX_TERMS`]; and whether it was cut. A
/// quoted space counts as a word break here, so a cut may come early,
/// never late.
fn within_terms(line: &str, cursor: usize, kept: String) -> (String, bool) {
    let before = line.get(..cursor).unwrap_or(line);
    let after = line.get(cursor..).unwrap_or("");
    if words(&format!("{before}{kept}{after}")).count() <= MAX_TERMS {
        return (kept, false);
    }
    let room = MAX_TERMS.saturating_sub(words(line).count());
    let mut after_space = before.is_empty() || before.ends_with(' ');
    let mut started = 0;
    for (i, c) in kept.char_indices() {
        if c != ' ' && after_space {
            started += 1;
            if started > room {
                return (kept[..i].to_string(), true);
            }
        }
        after_space = c == ' ';
    }
    (kept, false)
}

/// The longest name of a saved query, in characters.
const MAX_NAME: usize = 100;
