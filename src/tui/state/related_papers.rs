//! The related papers as the reader holds them: plain data, changed by
//! `related`.

use crate::tui::outcomes::RelatedList;

/// The part of the reader about related papers: those of the paper last
/// shown, the cursor over them, a paper jumped to, and the queries `R`
/// replaced.
#[derive(Debug, Default)]
pub struct Related {
    /// The queries `R` replaced, newest last, each with the `similar:`
    /// query that replaced it: Esc on that query brings the one before
    /// back.
    stack: Vec<(String, String)>,
    /// The related papers of the paper last shown, once worked out.
    pub(super) list: Option<RelatedList>,
    /// The related paper under the detail pane's cursor.
    pub(super) cursor: Option<usize>,
    /// A paper to select once the results hold it (a related paper
    /// jumped to).
    pub(super) select_when_shown: Option<usize>,
}

impl Related {
    /// The query to go back to when `shown` is the query an `R` wrote;
    /// taken off the stack.
    pub fn back(&mut self, shown: &str) -> Option<String> {
        match self.stack.last() {
            Some((_, similar)) if similar == shown => self.stack.pop().map(|(before, _)| before),
            _ => {
                // The query was changed since: the way back is gone.
                self.stack.clear();
                None
            }
        }
    }

    pub(super) fn push(&mut self, before: String, similar: String) {
        self.stack.push((before, similar));
    }
}
