//! What the paper services return, read into papers: Hugging Face Daily
//! Papers ([`hf`]), arXiv's OAI-PMH `arXivRaw` records ([`oai`]), the
//! bioRxiv and medRxiv details API ([`biorxiv`]), and one paper from two
//! sources made one ([`merge`]). No network, no files: bytes in, papers
//! out, every text cleaned and every link checked as corpus text is.

pub mod biorxiv;
mod error;
pub mod hf;
pub mod merge;
pub mod oai;

pub use error::SourceError;
