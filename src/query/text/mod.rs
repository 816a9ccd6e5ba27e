//! Matching one term against one text, knowing nothing of papers or
//! queries: case folding, substring search and fuzzy terms.
//!
//! `fold` is used by both others; `fuzzy` builds on `needle`.

pub mod fold;
pub mod fuzzy;
pub mod needle;
