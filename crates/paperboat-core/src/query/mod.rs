//! The query language shared by the reader and `paperboat search`: text is
//! parsed into a [`Query`], evaluated against an [`Index`] of the corpus.
//!
//! In layers, bottom first: a file uses only files listed before it (and
//! `crate::parallel`), so no two files use each other.
//!
//! - `text/`: one term against one text: `fold` (case folding), `needle`
//!   (substrings with smart case), `fuzzy` (fuzzy terms and word starts).
//! - `sort.rs`: orderings, as `sort:` clauses name them.
//! - `ast.rs`: the query tree: [`Query`], its groups, clauses and bounds.
//! - `tokens.rs`: query text cut into words, quoted phrases whole (`\"`
//!   and `\\` escaped inside quotes), and values written back as clauses.
//! - `parse.rs`: text to tree, with the position of anything malformed;
//!   the limits of a query ([`MAX_QUERY`] characters, [`MAX_TERMS`] words).
//! - `edit.rs`: edits of the query line: [`with_sort`], [`toggle_clause`],
//!   [`without_clauses`].
//! - `hit.rs`: [`Hit`], one matching paper.
//! - `bitmap.rs`: sets of corpus indices, read back in corpus order.
//! - `paper_ref.rs`: a paper named as people paste it (arXiv id, URL,
//!   DOI), as the [`PaperRef`] ids and links are compared with.
//! - `papers.rs`: [`Papers`], the papers' own text, in memory or on disk.
//! - `index/`: built once per corpus: `headlines` (folded text and masks),
//!   `orders` (precomputed ranks), then the [`Index`] itself in `mod.rs`.
//! - `similar.rs`: the papers most like a paper or the bookmarks
//!   (`similar:`), from the abstracts index, tags and authors.
//! - `rank/`: ordering and merging hits; `radix` sorts their keys.
//! - `eval/`: query and index to hits: `candidates`, `compile` (clauses to
//!   matchers), `score` (one paper), `mod.rs` (the searches), `highlight`
//!   (matched positions of the papers shown).
//! - `facets.rs`: counts over the hits, and the clauses they toggle.
//! - `timeline.rs`: those counts per month (or year), for the timeline.
//! - `recent.rs`: the results of the last few queries.

mod ast;
mod bitmap;
mod edit;
mod eval;
pub mod facet_units;
pub mod facets;
mod hit;
mod index;
mod paper_ref;
mod papers;
mod parse;
mod rank;
pub mod recent;
pub mod similar;
pub mod snippet;
pub mod sort;
pub mod syntax;
mod text;
pub mod timeline;
mod tokens;

pub use ast::{Bounds, Clause, ClauseKind, Field, Group, Query};
pub use edit::{toggle_clause, with_sort, without_clauses};
pub use eval::{Suggestion, abstracts_holding};
pub use hit::Hit;
pub use index::{HeadlineWords, Index, Mark, Vocabulary};
pub use paper_ref::{PaperRef, paper_ref};
pub use papers::Papers;
pub use parse::{MAX_QUERY, MAX_TERMS, ParseError, parse, too_big};
pub use sort::{Sort, SortKey};
pub use text::forgive::Meant;
pub use text::fuzzy;
pub use text::names::nearest_name;
pub use tokens::{field_clause, similar_clause, words};
