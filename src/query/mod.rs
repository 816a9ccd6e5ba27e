//! The query language shared by the reader and `paperboat search`: text is
//! parsed into a [`Query`], evaluated against an [`Index`] of the corpus.

pub mod facets;
mod filter;
mod headlines;
mod index;
mod order;
mod parse;
pub mod recent;
pub mod sort;
mod text;

pub use filter::Hit;
pub use index::Index;
pub use parse::{
    Bounds, Clause, ClauseKind, Field, Group, ParseError, Query, parse, toggle_clause, with_sort,
    without_clauses, words,
};
pub use sort::{Sort, SortKey};
pub use text::fuzzy;
