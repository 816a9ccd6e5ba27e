//! paperboat: a fast terminal reader for research-paper corpora.
//!
//! The library holds everything but the terminal: [`corpus`] (papers, loading,
//! validation, tags), [`import`] (Daily Papers page text), [`query`] (the query
//! language shared by the reader and `paperboat search`), and [`cli`] (the
//! subcommands, each writing to any `io::Write`).

pub mod cli;
pub mod corpus;
pub mod import;
pub mod query;
