//! paperboat: a fast terminal reader for research-paper corpora.
//!
//! This crate is the program: [`cli`] (the subcommands, each writing to any
//! `io::Write`), [`tui`] (the reader) and [`config`] (its config file), on
//! top of `paperboat-core` (papers, index, query language, caches, stores:
//! no terminal, no network) and `paperboat-net` (the HTTP client, the
//! services' responses, sync), whose modules it re-exports under their own
//! names.

// No unsafe code but in the few modules that allow it, each saying why;
// every unsafe block there says why it is sound.
#![deny(unsafe_code)]
#![deny(clippy::undocumented_unsafe_blocks)]

pub use paperboat_core::{
    cache, catalog, cite, contain, corpus, digest, fulltext, import, library, pdftext, query,
    store, units,
};
pub use paperboat_net::{net, pdf, sources, sync};

pub mod cli;
pub mod config;
#[cfg(test)]
mod readme_section;
pub mod tui;
