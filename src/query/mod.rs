//! The query language shared by the reader and `paperboat search`: text is
//! parsed into a [`Query`], evaluated against an [`Index`] of the corpus.

mod ast;
mod bitmap;
mod edit;
mod eval;
pub mod facets;
mod hit;
mod index;
mod parse;
mod rank;
pub mod recent;
pub mod sort;
mod text;
mod tokens;

pub use ast::{Bounds, Clause, ClauseKind, Field, Group, Query};
pub use edit::{toggle_clause, with_sort, without_clauses};
pub use hit::Hit;
pub use index::Index;
pub use parse::{ParseError, parse};
pub use sort::{Sort, SortKey};
pub use text::fuzzy;
pub use tokens::words;
