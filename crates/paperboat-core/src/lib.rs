//! paperboat's core: everything but the terminal and the network.
//!
//! [`corpus`] (papers, loading, validation, tags), [`import`] (Daily Papers
//! page text), [`query`] (the index and the query language shared by the
//! reader and `paperboat search`), [`cache`] (corpus indexes kept on disk),
//! [`catalog`] (an index with the papers it answers for), [`fulltext`]
//! (the abstracts' word index), [`cite`] (citations), [`corpus::links`] (which
//! URLs may be opened, and how), [`digest`] (the new papers as text, Markdown,
//! HTML or Atom), and the stores: [`bookmarks`] (the store that never loses
//! one), [`read_state`], [`history`], [`saved_queries`] and [`library`]
//! (the papers kept current from the services, with its small files).

pub mod cache;
pub mod catalog;
pub mod cite;
pub mod contain;
pub mod corpus;
pub mod digest;
pub mod fulltext;
pub mod import;
pub mod library;
pub mod parallel;
pub mod query;
pub mod store;
pub mod units;
