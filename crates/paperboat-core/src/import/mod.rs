//! Turning other formats into papers: Daily Papers page text.

pub mod abstract_links;
pub mod hf_page;
pub mod latex;

pub use hf_page::{ImportError, import_pages};
