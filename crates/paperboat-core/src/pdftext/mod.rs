//! The text of a PDF, page by page: what makes downloaded papers
//! searchable by their full text.

pub mod sample;

pub use sample::sample_pdf;
