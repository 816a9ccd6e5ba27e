//! The reading view: the detail on the whole screen, where a narrow
//! terminal's pane would show the title and facts but never the abstract.
//! `Enter` opens it when the panes are stacked, `+` anywhere; `Esc` (or
//! `+` again) gives the panes back, with the keys where they were.

use super::{App, Focus};
use crate::tui::action::{Command, Effect};
use crate::tui::layout;

impl App {
    /// `Enter` (reading the paper: the whole screen where the panes are
    /// stacked) and `+`.
    pub(super) fn read_on_screen(&mut self, command: Command) -> Vec<Effect> {
        if command == Command::ToggleReading {
            self.toggle_reading_view();
            return Vec::new();
        }
        if self.reads_on_whole_screen() {
            self.enter_reading_view();
        }
        // A paper read is a place to come back to (`Ctrl-o`).
        self.visit_here();
        self.navigate(Command::FocusDetail);
        self.read_selected()
    }

    /// Whether the detail has the whole screen.
    pub fn reading_view(&self) -> bool {
        self.reading.view.is_some()
    }

    /// Gives the detail the whole screen; the keys go to it.
    pub(super) fn enter_reading_view(&mut self) {
        if self.reading.view.is_none() {
            self.reading.view = Some(self.screen.focus);
        }
        self.screen.focus = Focus::Detail;
        self.clamp_detail_scroll();
    }

    /// Gives the panes their place back, the keys to the pane that had
    /// them; false when the detail did not have the whole screen.
    pub(super) fn leave_reading_view(&mut self) -> bool {
        let Some(focus) = self.reading.view.take() else {
            return false;
        };
        self.screen.focus = match focus {
            Focus::Facets if !self.show_facets() => Focus::List,
            // The detail had the keys only to be read on the whole screen.
            Focus::Detail if self.areas().is_some_and(|a| a.detail.is_empty()) => Focus::List,
            other => other,
        };
        self.keep_selection_visible();
        self.clamp_detail_scroll();
        true
    }

    /// `+`: in or out of the reading view.
    pub(super) fn toggle_reading_view(&mut self) {
        if !self.leave_reading_view() {
            self.enter_reading_view();
        }
    }

    /// Whether `Enter` on the list opens the reading view: where the list
    /// stands above a detail pane too short for the abstract.
    pub(super) fn reads_on_whole_screen(&self) -> bool {
        self.screen.size.0 < layout::WIDE
    }
}
