//! Moving around: the selection, the detail's scroll, the facets cursor,
//! the help's scroll and the links cursor; focus, the panes shown, the
//! terminal's size and the mouse.

use ratatui::layout::Position;

use super::{App, FacetRow, Focus, Overlay, Row};
use crate::tui::action::{Command, Said};
use crate::tui::keymap::Context;
use crate::tui::layout;

impl App {
    /// Commands that move, focus, show or resize.
    pub(super) fn navigate(&mut self, command: Command) {
        match command {
            // One pane on screen: the panes come back.
            Command::FocusNext | Command::FocusPrev if self.leave_reading_view() => {}
            Command::Back => self.back(),
            Command::Move(n) => self.move_by(n as isize),
            Command::PageDown => self.move_by(self.page() as isize),
            Command::PageUp => self.move_by(-(self.page() as isize)),
            Command::HalfPageDown => self.move_by((self.page() / 2).max(1) as isize),
            Command::HalfPageUp => self.move_by(-((self.page() / 2).max(1) as isize)),
            Command::Top => self.move_by(isize::MIN / 2),
            Command::Bottom => self.move_by(isize::MAX / 2),
            Command::FocusNext => self.cycle_focus(1),
            Command::FocusPrev => self.cycle_focus(-1),
            Command::FocusDetail => {
                // In the narrow layout the facets stand where the detail
                // goes (the reading view's areas have no facets).
                let panes = layout::areas(self.screen.size, self.show_facets());
                if panes.is_some_and(|a| a.detail.is_empty()) {
                    self.facets.flip();
                }
                self.screen.focus = Focus::Detail;
            }
            Command::ShowFacets => {
                // The facets are not on the reading view's screen.
                self.leave_reading_view();
                self.facets.flip();
                if self.show_facets() {
                    self.screen.focus = Focus::Facets;
                } else if self.screen.focus == Focus::Facets {
                    self.screen.focus = Focus::List;
                }
                self.keep_selection_visible();
                self.keep_facet_cursor_visible();
            }
            Command::ToggleHelp => {
                self.screen.overlay = match self.screen.overlay {
                    Overlay::Help { .. } => Overlay::None,
                    _ => Overlay::Help { scroll: 0 },
                };
            }
            Command::Resize(w, h) => {
                self.screen.size = (w, h);
                if self.screen.focus == Focus::Facets && !self.show_facets() {
                    self.screen.focus = Focus::List;
                }
                self.keep_selection_visible();
                self.keep_facet_cursor_visible();
                self.clamp_detail_scroll();
            }
            Command::ScrollAt { column, row, delta } => self.scroll_at(column, row, delta),
            Command::NextUnread => self.move_to_unread(1),
            Command::PrevUnread => self.move_to_unread(-1),
            Command::JumpBack => self.jump_back(),
            Command::JumpForward => self.jump_forward(),
            Command::Unbound(key) => self.unbound(key),
            Command::ClickAt { column, row } => self.click_at(column, row),
            _ => {}
        }
    }

    /// `Esc`: close the popup, leave the query line, back to the list.
    fn back(&mut self) {
        if self.screen.overlay != Overlay::None {
            self.screen.overlay = Overlay::None;
        } else if self.search.editing() {
            self.search.stop_editing();
        } else if self.leave_reading_view() {
            // The panes are back, the keys where they were.
        } else if self.screen.focus != Focus::List {
            self.screen.focus = Focus::List;
        } else if !self.chosen.is_empty() {
            self.chosen.clear();
            self.say("selection cleared");
        } else if let Some(before) = self.related.back(self.search.line().text()) {
            // The query `R` replaced comes back, as a browser's Back.
            self.write_query(before.clone());
            let shown = if before.is_empty() {
                "no query".into()
            } else {
                format!("`{before}`")
            };
            self.say(format!("back to {shown}"));
        } else if !self.search.line().text().is_empty() {
            // As in fzf and lazygit: Esc clears the filter first; with
            // nothing left to clear it does nothing.
            self.clear_query();
            self.say("query cleared");
        }
    }

    /// A printable key bound to nothing here: how to filter instead.
    fn unbound(&mut self, key: char) {
        let key = if key.is_ascii_graphic() {
            format!("`{key}`")
        } else {
            "that key".to_string()
        };
        let before = format!("{key} does nothing here: press ");
        self.say(Said::with_key(before, Command::EditQuery, " to filter"));
    }

    fn cycle_focus(&mut self, step: isize) {
        let Some(areas) = self.areas() else {
            return;
        };
        let mut panes = vec![Focus::List];
        if !areas.detail.is_empty() {
            panes.push(Focus::Detail);
        }
        if !areas.facets.is_empty() {
            panes.push(Focus::Facets);
        }
        let at = panes
            .iter()
            .position(|&p| p == self.screen.focus)
            .unwrap_or(0) as isize;
        let len = panes.len() as isize;
        self.screen.focus = panes[(at + step).rem_euclid(len) as usize];
    }

    /// Whether the list cannot move `delta` rows: already at its first
    /// row going up, at its last going down, or empty.
    fn list_is_stuck(&self, delta: isize) -> bool {
        let at = self.list.selected();
        let last = self.row_count().saturating_sub(1);
        (delta < 0 && at == 0) || (delta > 0 && at >= last)
    }

    /// Moves whatever the keys move now by `delta` rows.
    fn move_by(&mut self, delta: isize) {
        match self.context() {
            Context::Help => {
                if let Overlay::Help { scroll } = &mut self.screen.overlay {
                    *scroll = scroll.saturating_add_signed(delta);
                }
            }
            Context::Links => {
                let count = self.selected_paper().map_or(0, |p| p.offered_links().len());
                if let Overlay::Links { cursor } = &mut self.screen.overlay {
                    *cursor = cursor
                        .saturating_add_signed(delta)
                        .min(count.saturating_sub(1));
                }
            }
            Context::Queries => {
                let count = self.inbox.saved().len();
                if let Overlay::Queries { cursor, .. } = &mut self.screen.overlay {
                    *cursor = cursor
                        .saturating_add_signed(delta)
                        .min(count.saturating_sub(1));
                }
            }
            Context::Detail => self.scroll_detail(delta),
            Context::Facets => self.move_facet_cursor(delta),
            Context::Timeline => self.move_timeline_cursor(delta),
            Context::Note | Context::Name | Context::Copy | Context::Export => {}
            Context::Query if self.list_is_stuck(delta) => {
                // As fzf's Ctrl-p/Ctrl-n: past the list's end, the history.
                self.edit(if delta < 0 {
                    Command::HistoryOlder
                } else {
                    Command::HistoryNewer
                });
            }
            Context::List | Context::Query => {
                self.select(self.list.selected().saturating_add_signed(delta));
            }
        }
    }

    /// Rows of the focused pane shown at once.
    pub(super) fn page(&self) -> usize {
        self.areas().map_or(1, |a| {
            let pane = match self.screen.focus {
                Focus::Facets => a.facets,
                Focus::Detail => a.detail,
                Focus::List => a.list,
            };
            pane.height.max(1) as usize
        })
    }

    /// Selects the row at `position`; the detail starts at the top for
    /// another paper.
    pub(super) fn select(&mut self, position: usize) {
        let page = self.list_page();
        if self.list.select(position, self.row_count(), page) {
            self.detail_for_new_paper();
        }
    }

    /// The detail of a paper newly shown: from the top, or where the
    /// abstract's first match is.
    pub(super) fn detail_for_new_paper(&mut self) {
        self.detail.scroll_to_top();
        self.scroll_detail_to_first_match();
    }

    /// When only the abstract says why the paper matched and its first
    /// match lies below the pane, scrolls so that it shows with a few lines
    /// before it: the reader sees why without looking for it.
    fn scroll_detail_to_first_match(&mut self) {
        let Some(Row::Paper(i)) = self.row(self.list.selected()) else {
            return;
        };
        let index = &self.catalog.index;
        if !index.shows_why_elsewhere(&self.catalog, i, self.search.query()) {
            return;
        }
        let height = self.areas().map_or(0, |a| a.detail.height as usize);
        let line = self.detail_layout().and_then(|l| l.first_mark_line());
        if let Some(line) = line.filter(|&line| height > 0 && line >= height) {
            self.scroll_detail(line.saturating_sub(height / 3) as isize);
        }
    }

    fn list_page(&self) -> usize {
        self.areas().map_or(1, |a| a.list.height.max(1) as usize)
    }

    pub(super) fn keep_selection_visible(&mut self) {
        let page = self.list_page();
        self.list.keep_visible(self.row_count(), page);
    }

    pub(super) fn scroll_detail(&mut self, delta: isize) {
        let height = self.areas().map_or(0, |a| a.detail.height as usize);
        let lines = self.detail_layout().map_or(0, |l| l.lines.len()) + self.related_lines();
        self.detail.scroll_by(delta, lines, height);
    }

    pub(super) fn clamp_detail_scroll(&mut self) {
        self.scroll_detail(0);
    }

    /// Rows the facets panel shows; zero while it is hidden.
    fn facets_page(&self) -> usize {
        self.areas().map_or(0, |a| a.facets.height as usize)
    }

    pub(super) fn move_facet_cursor(&mut self, delta: isize) {
        let rows = self.facet_rows();
        let page = self.facets_page();
        self.facets.move_cursor(delta, &rows, page);
    }

    pub(super) fn keep_facet_cursor_visible(&mut self) {
        let rows = self.facet_rows();
        let page = self.facets_page();
        self.facets.keep_visible(&rows, page);
    }

    fn scroll_at(&mut self, column: u16, row: u16, delta: i32) {
        if matches!(self.screen.overlay, Overlay::Help { .. }) {
            self.move_by(delta as isize);
            return;
        }
        let Some(areas) = self.areas() else {
            return;
        };
        let point = Position { x: column, y: row };
        if areas.detail_block.contains(point) {
            self.scroll_detail(delta as isize);
        } else if areas.facets_block.contains(point) {
            self.move_facet_cursor(delta as isize);
        } else if areas.list_block.contains(point) {
            self.select(self.list.selected().saturating_add_signed(delta as isize));
        }
    }

    fn click_at(&mut self, column: u16, row: u16) {
        let Some(areas) = self.areas() else {
            return;
        };
        let point = Position { x: column, y: row };
        if matches!(self.screen.overlay, Overlay::Help { .. }) {
            self.screen.overlay = Overlay::None;
            return;
        }
        let pane = [
            (areas.list, Some(Focus::List)),
            (areas.detail_block, Some(Focus::Detail)),
            (areas.facets, Some(Focus::Facets)),
            (areas.query, None),
        ]
        .into_iter()
        .find(|(area, _)| area.contains(point));
        let Some((area, focus)) = pane else {
            return;
        };
        self.screen.overlay = Overlay::None;
        self.search.stop_editing();
        match focus {
            Some(focus) => self.screen.focus = focus,
            None => self.search.start_editing(),
        }
        let clicked_row = (row - area.y) as usize;
        match focus {
            Some(Focus::List) => {
                let position = self.position_at_line(clicked_row);
                if position < self.row_count() {
                    self.select(position);
                }
            }
            Some(Focus::Facets) => {
                let rows = self.facet_rows();
                let clicked = super::facets::row_at(&rows, self.facets.offset(), clicked_row);
                if let Some(FacetRow::Entry { position, .. }) = clicked {
                    self.toggle_facet(position);
                }
            }
            _ => {}
        }
    }
}
