//! Opening links in the browser, as the reader holds it: plain data,
//! changed by `marks`.

/// The part of the reader about opening links: what the link being opened
/// is, and the questions a first `o` asked.
#[derive(Debug)]
pub struct Opening {
    /// What the link being opened is, for the status line once it is.
    pub(super) what: &'static str,
    /// How many links a first `o` on picks asked about: a second `o`
    /// right after opens them.
    pub(super) confirm_open: Option<usize>,
    /// The paper with no link that a first `o` offered to search arXiv
    /// for: a second `o` right after opens the search.
    pub(super) confirm_search: Option<String>,
}

impl Default for Opening {
    fn default() -> Opening {
        Opening {
            what: "the link",
            confirm_open: None,
            confirm_search: None,
        }
    }
}
