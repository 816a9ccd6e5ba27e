//! What work done beside the keyboard hands back to the state: plain
//! data that actions carry, so that the actions need nothing of the state.

use crate::query::facets::Counts;
use crate::query::{Hit, Index, Query, Suggestion};

/// The outcome of a search, to be shown.
pub struct Searched {
    /// The papers found, in order.
    pub(crate) hits: Vec<Hit>,
    /// The facet counts over them.
    pub(crate) counts: Counts,
    /// A word to try, when nothing matched.
    pub(crate) suggestion: Option<Suggestion>,
    /// When nothing matched while the abstracts are not indexed yet: a
    /// bare word of the query and how many abstracts hold it.
    pub(crate) in_abstracts: Option<(String, usize)>,
    /// Why a `similar:` query has no answer, when it has none.
    pub(crate) why_empty: Option<String>,
}

impl Searched {
    /// The results of `query`, with their facet counts and, when there
    /// are none, a word to try (worked out through the vocabulary: only
    /// beside the keyboard, or for a small corpus).
    pub(crate) fn new(index: &Index, query: &Query, hits: Vec<Hit>) -> Searched {
        let counts = Counts::over(index, &hits);
        let suggestion = if hits.is_empty() {
            index.suggestion(query)
        } else {
            None
        };
        Searched {
            hits,
            counts,
            suggestion,
            in_abstracts: None,
            why_empty: None,
        }
    }
}

/// What the saved queries find.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InboxCounts {
    /// Per saved query, in order: the papers it finds and the new ones
    /// among them (`None` for a query that does not parse).
    pub per_query: Vec<Option<(usize, usize)>>,
    /// The new papers that at least one saved query finds.
    pub in_queries: usize,
}

/// How many related papers the detail pane ends with.
pub const RELATED_SHOWN: usize = 5;

/// The papers most like one paper, as the detail pane ends with them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedList {
    /// The paper they are like (corpus index).
    pub paper: usize,
    /// Each with its title, best first.
    pub papers: Vec<(usize, String)>,
}
