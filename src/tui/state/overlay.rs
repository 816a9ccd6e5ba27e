//! What is drawn over the panes: nothing, the help, the note being typed,
//! or the links of the selected paper.

use crate::tui::line_edit::LineEdit;

/// The popup on top, with what it alone needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Overlay {
    /// No popup.
    #[default]
    None,
    /// The help, scrolled.
    Help {
        /// First line shown.
        scroll: usize,
    },
    /// The note popup, with the note being typed.
    Note(LineEdit),
    /// The name the query is being saved under.
    Name(LineEdit),
    /// The file the picked (or selected) papers are exported to.
    Export(LineEdit),
    /// The links popup.
    Links {
        /// The link under the cursor.
        cursor: usize,
    },
    /// What to copy of the selected or picked papers.
    Copy,
    /// The results per period, one under the cursor.
    Timeline {
        /// The period under the cursor.
        cursor: usize,
    },
    /// The saved queries, with how many papers each finds and how many of
    /// those are new (`None` when the corpus is too large to count them
    /// on a key).
    Queries {
        /// The query under the cursor.
        cursor: usize,
    },
}
