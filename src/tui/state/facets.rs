//! The facets panel: its rows over the current results, the entry under
//! the cursor and the scroll, and whether the user flipped its default.

use crate::query::Index;
use crate::query::facet_units;
use crate::query::facets::{self, Counts};

/// One row of the facets panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FacetRow {
    /// A group's name.
    Header(&'static str),
    /// An entry; `position` counts entries only (what the cursor moves over).
    Entry {
        /// What it shows and toggles.
        entry: facets::Entry,
        /// Its clause is in the query.
        selected: bool,
        /// Index among entries.
        position: usize,
    },
}

/// The panel's rows: group headers and the entries with results, plus
/// any entry whose clause is in `query_text` (toggled or typed).
pub fn rows(index: &Index, counts: &Counts, query_text: &str) -> Vec<FacetRow> {
    let entries = facets::entries(index, counts);
    let picked = facet_units::picked(query_text, &entries);
    let mut rows = Vec::new();
    let mut group = "";
    let mut position = 0;
    for (entry, selected) in entries.into_iter().zip(picked) {
        if entry.count == 0 && !selected {
            continue;
        }
        if entry.group != group {
            group = entry.group;
            rows.push(FacetRow::Header(group));
        }
        rows.push(FacetRow::Entry {
            entry,
            selected,
            position,
        });
        position += 1;
    }
    rows
}

/// The row drawn on line `line` of a panel scrolled to `offset`: the rows
/// from `offset` on, except that when the top one is an entry the first
/// line shows its group's heading instead, so that no group is shown
/// without its name however far it is scrolled.
pub fn row_at(rows: &[FacetRow], offset: usize, line: usize) -> Option<FacetRow> {
    let row = rows.get(offset + line)?;
    if line == 0 && matches!(row, FacetRow::Entry { .. }) {
        let heading = rows[..offset]
            .iter()
            .rev()
            .find(|r| matches!(r, FacetRow::Header(_)));
        return heading.or(Some(row)).cloned();
    }
    Some(row.clone())
}

/// The cursor, the scroll, and the flip of the size's default.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FacetsPanel {
    cursor: usize,
    offset: usize,
    /// The user pressed `f` to flip the size's default (shown when wide).
    flipped: bool,
}

impl FacetsPanel {
    /// The entry under the cursor (among entries).
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The first row shown.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Whether the user flipped the size's default.
    pub fn flipped(&self) -> bool {
        self.flipped
    }

    /// Shows the panel if hidden, hides it if shown.
    pub fn flip(&mut self) {
        self.flipped = !self.flipped;
    }

    /// Moves the cursor by `delta` entries and scrolls it into view.
    pub fn move_cursor(&mut self, delta: isize, rows: &[FacetRow], page: usize) {
        let count = rows
            .iter()
            .filter(|r| matches!(r, FacetRow::Entry { .. }))
            .count();
        self.cursor = self
            .cursor
            .saturating_add_signed(delta)
            .min(count.saturating_sub(1));
        self.keep_visible(rows, page);
    }

    /// Puts the cursor on the entry with this clause (else the first).
    pub fn place_on(&mut self, clause: &str, rows: &[FacetRow], page: usize) {
        self.cursor = rows
            .iter()
            .find_map(|row| match row {
                FacetRow::Entry {
                    entry, position, ..
                } if entry.clause == clause => Some(*position),
                _ => None,
            })
            .unwrap_or(0);
        self.keep_visible(rows, page);
    }

    /// Scrolls so that the cursor's entry is within `page` rows, with its
    /// group's heading above it when it is the group's first entry. A
    /// hidden panel (`page` 0) is left alone: its scroll is set when shown.
    pub fn keep_visible(&mut self, rows: &[FacetRow], page: usize) {
        if page == 0 {
            return;
        }
        let row = rows
            .iter()
            .position(|r| matches!(r, FacetRow::Entry { position, .. } if *position == self.cursor))
            .unwrap_or(0);
        let top = if row > 0 && matches!(rows[row - 1], FacetRow::Header(_)) {
            row - 1
        } else {
            row
        };
        if top < self.offset {
            self.offset = top;
        } else if row >= self.offset + page {
            self.offset = row + 1 - page;
        }
        self.offset = self.offset.min(rows.len().saturating_sub(page));
        // The top line shows the group's heading (see `row_at`): the
        // cursor's entry must not be the one under it.
        if page >= 2 && self.offset > 0 && row == self.offset {
            self.offset -= 1;
        }
    }
}
