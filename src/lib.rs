//! paperboat: a fast terminal reader for research-paper corpora.
//!
//! The library holds everything but the terminal: [`corpus`] (papers, loading,
//! validation, tags), [`cache`] (corpus indexes kept on disk), [`bookmarks`] (the store that never loses one), [`read_state`] (which papers were read, saved the same way), [`links`] (which URLs may
//! be opened, and how), [`net`] (the HTTP client and the services' endpoints), [`import`] (Daily Papers page text), [`query`] (the query
//! language shared by the reader and `paperboat search`), [`cli`] (the
//! subcommands, each writing to any `io::Write`) and [`tui`] (the reader).

// No unsafe code but in the few modules that allow it, each saying why;
// every unsafe block there says why it is sound.
#![deny(unsafe_code)]
#![deny(clippy::undocumented_unsafe_blocks)]

pub mod bookmarks;
pub mod cache;
pub mod catalog;
pub mod cite;
pub mod cli;
pub mod config;
pub mod contain;
pub mod corpus;
pub mod digest;
pub mod fulltext;
pub mod history;
pub mod import;
pub mod library;
pub mod links;
pub mod net;
mod parallel;
pub mod query;
pub mod read_state;
#[cfg(test)]
mod readme_section;
pub mod saved_queries;
pub mod sources;
pub mod sync;
pub mod tui;
pub mod units;
