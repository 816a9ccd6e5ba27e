//! The abstracts of a corpus, searchable by word: a tantivy index (in the
//! corpus's cache entry, memory-mapped, or in a temporary directory
//! without a cache) whose every document is one abstract and the paper it
//! belongs to. Searches ask it for the papers having a word that starts
//! with a term, or a word that holds a piece of an exact phrase (the
//! candidates that a substring search then verifies).

mod bodies;
mod damaged;
mod more_like;
mod sealed;
mod search;
mod writer;

pub use bodies::Bodies;
pub use damaged::try_damaged;
pub use search::{Abstracts, Error, PaperSet, holds};
pub use writer::AbstractsWriter;
