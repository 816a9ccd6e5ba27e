//! What the reader knows of the library's work: plain data, changed by
//! `update` and `syncing`.

/// The part of the reader about the library: abstracts being indexed, a
/// sync running, and whether it is missing (the bundled corpus is open).
#[derive(Debug, Default)]
pub struct LibraryStatus {
    /// Abstracts indexed so far, of how many, while they are.
    pub(super) indexing_abstracts: Option<(usize, usize)>,
    /// The index is being kept for next time.
    pub(super) keeping: bool,
    /// Where a sync of the library (`U`) is, while it runs.
    pub(super) syncing: Option<String>,
    /// The bundled corpus opened for want of a library: the query line
    /// says how to get one.
    pub(super) first_run: bool,
}
