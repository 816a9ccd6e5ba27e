//! The related papers the detail pane ends with, as plain data.

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
