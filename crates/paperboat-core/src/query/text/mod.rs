//! Matching one term against one text, knowing nothing of papers or
//! queries: case folding, substring search and fuzzy terms.
//!
//! `fold` is used by the others; `fuzzy` builds on `needle`; `forgive`
//! finds the words a term means below `fuzzy`'s levels; `hyphen` finds the
//! words of a hyphenated term in sequence; `names` the name nearest to
//! one typed wrong.

pub mod fold;
pub mod forgive;
pub mod fuzzy;
pub mod hyphen;
pub mod names;
pub mod needle;
