//! The text of a PDF, page by page: what makes downloaded papers
//! searchable by their full text ([`extract`]), and small PDFs made for
//! tests, benchmarks and the fuzzer ([`sample`]).

pub mod extract;
pub mod sample;

pub use extract::{PdfText, Unreadable, extract};
pub use sample::sample_pdf;
