//! A corpus as the reader and the commands use it: its [`Index`] for
//! search, and each paper's id, title and whole record, whether the papers
//! are in memory (the bundled corpus, an input that cannot be read twice)
//! or on a [`Shelf`] (rows kept in memory or mapped from the cache, records
//! read from the corpus file when shown).
//!
//! `build.rs` reads a corpus file into a catalog and keeps it in the cache;
//! `open.rs` answers from the cache when it can.

mod abstracts;
mod bodies;
mod build;
mod grown;
mod open;
mod papers;
mod shelf;
mod stack;
mod store;
pub mod updated;
mod words;

pub use abstracts::{AbstractsPart, abstracts_by_part, abstracts_home, index_abstracts, state_of};
pub use build::{Kept, build};
pub use open::{
    CacheUse, Opened, corpus_files, open_cached, open_cached_index, open_file,
    open_file_without_abstracts, open_files, try_entry,
};
pub use papers::{Catalog, IdMiss, Store};
pub use shelf::{Rows, Shelf};
