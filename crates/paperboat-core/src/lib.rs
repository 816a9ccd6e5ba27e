//! paperboat's core: everything but the terminal and the network.
//!
//! [`corpus`] (papers, loading, validation, tags), [`import`] (Daily Papers
//! page text), [`query`] (the index and the query language shared by the
//! reader and `paperboat search`), [`cache`] (corpus indexes kept on disk),
//! [`catalog`] (an index with the papers it answers for), [`fulltext`]
//! (the abstracts' word index), [`cite`] (citations), [`corpus::links`] (which
//! URLs may be opened, and how), [`digest`] (the new papers as text, Markdown,
//! HTML or Atom), [`store`] (the small files that must never be lost:
//! bookmarks, read state, history, saved queries, the library's) and
//! [`library`] (the papers kept current from the services).

// No unsafe code but in the few modules that allow it, each saying why;
// every unsafe block there says why it is sound.
#![deny(unsafe_code)]
#![deny(clippy::undocumented_unsafe_blocks)]

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
pub mod pdftext;
pub mod query;
pub mod store;
pub mod units;
