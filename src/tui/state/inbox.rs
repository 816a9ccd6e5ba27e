//! The saved queries as an inbox: each with how many papers it finds and
//! how many of them are new since the last visit, and how many new papers
//! any of them finds (the header's `5 in your queries`). Counting is a
//! search per saved query: on a small corpus it is done when asked, on a
//! large one beside the keyboard, once each time the papers, the visit or
//! the queries change (see `saved_commands`).

use std::sync::atomic::AtomicBool;

use crate::catalog::Catalog;
use crate::query::ClauseKind;
use crate::store::saved_queries::SavedQuery;
use crate::tui::outcomes::InboxCounts;

/// The saved queries and what they find.
#[derive(Default)]
pub struct Inbox {
    /// The queries saved under a name (`Q`, `1`-`9`).
    pub(super) saved: Vec<SavedQuery>,
    /// Why the saved queries could not be read, said again on `Q` and
    /// `1`-`9` rather than taken for none.
    pub(super) unreadable: Option<String>,
    /// What they find, once counted over the papers as they are now.
    pub(super) counted: Option<InboxCounts>,
}

impl Inbox {
    /// The queries saved under a name.
    pub fn saved(&self) -> &[SavedQuery] {
        &self.saved
    }

    /// What the saved queries find, once counted.
    pub fn counted(&self) -> Option<&InboxCounts> {
        self.counted.as_ref()
    }

    /// The papers (or the marks some saved query asks about) changed:
    /// counted again when there is time.
    pub(super) fn forget(&mut self) {
        self.counted = None;
    }

    /// Whether some saved query asks about bookmarks or read state, so
    /// that its counts change with them.
    fn asks_about_marks(&self) -> bool {
        self.saved.iter().any(|q| {
            crate::query::parse(&q.query).is_ok_and(|query| {
                query.clauses().any(|c| {
                    matches!(
                        c.kind,
                        ClauseKind::Bookmarked | ClauseKind::Read | ClauseKind::Updated
                    )
                })
            })
        })
    }

    /// Bookmarks or read state changed.
    pub(super) fn marks_changed(&mut self) {
        if self.asks_about_marks() {
            self.forget();
        }
    }
}

/// Counts what each of `saved` finds in `catalog`, and the new papers any
/// of them finds; `None` once `cancel` is set.
pub fn count(catalog: &Catalog, saved: &[SavedQuery], cancel: &AtomicBool) -> Option<InboxCounts> {
    let index = &catalog.index;
    // Before any visit every paper is "new": none is counted as such.
    let counts_new = index.new_since().is_some();
    let mut new_found: Vec<usize> = Vec::new();
    let mut per_query = Vec::with_capacity(saved.len());
    for q in saved {
        let Ok(query) = crate::query::parse(&q.query) else {
            per_query.push(None);
            continue;
        };
        let hits = index.search_cancellable(catalog, &query, None, cancel)?;
        let before = new_found.len();
        new_found.extend(
            hits.iter()
                .map(|h| h.index)
                .filter(|&i| counts_new && index.is_new(i)),
        );
        per_query.push(Some((hits.len(), new_found.len() - before)));
    }
    new_found.sort_unstable();
    new_found.dedup();
    Some(InboxCounts {
        per_query,
        in_queries: new_found.len(),
    })
}
