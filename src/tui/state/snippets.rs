//! The abstract's words under each row that matched only there (see
//! [`Index::abstract_snippet`]), where the list has room for a second line
//! under every such row: worked out once per set of results and width (a
//! record read per row, for at most a screen of rows), kept for every
//! frame.

use super::snippet_cache::{RowSnippets, SnippetKey};
use super::{App, Row};
use crate::tui::layout::SNIPPET_INDENT;

impl App {
    /// The snippet under each row, when every row and every snippet fit
    /// the list at once; `None` when they do not, or there is none.
    pub fn row_snippets(&self) -> Option<RowSnippets> {
        let area = self.areas()?.list;
        let (height, rows) = (area.height as usize, self.row_count());
        let room = (area.width as usize).checked_sub(SNIPPET_INDENT)?;
        if rows == 0 || rows >= height || room < 20 || self.list.offset() > 0 {
            return None;
        }
        let key = SnippetKey {
            query: self.search.generation(),
            rows,
            first: self.row(0).map(|row| match row {
                Row::Paper(i) => (i, false),
                Row::Orphan(i) => (i, true),
            }),
            width: area.width,
            bodies: self.bodies_generation(),
        };
        let snippets = self.search.snippets().get(key, || {
            let (index, query) = (&self.catalog.index, self.search.query());
            (0..rows)
                .map(|position| match self.row(position) {
                    Some(Row::Paper(i)) => index.abstract_snippet(&self.catalog, i, query, room),
                    _ => None,
                })
                .collect()
        });
        let lines = rows + snippets.iter().flatten().count();
        (lines <= height && lines > rows).then_some(snippets)
    }

    /// The list position drawn `line` lines below the list's top.
    pub(super) fn position_at_line(&self, line: usize) -> usize {
        let Some(snippets) = self.row_snippets() else {
            return self.list.offset() + line;
        };
        let mut drawn = 0;
        for (position, snippet) in snippets.iter().enumerate() {
            drawn += 1 + usize::from(snippet.is_some());
            if line < drawn {
                return position;
            }
        }
        snippets.len()
    }
}
