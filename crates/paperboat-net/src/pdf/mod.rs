//! Papers' PDFs: where each comes from ([`source`]), downloading it into
//! the data dir ([`download`]) and taking its text in a child process with
//! limits ([`text`]).

pub mod download;
pub mod source;
pub mod text;

pub use download::{DownloadError, Downloader, Fetched};
pub use source::pdf_urls;
pub use text::{TextOutcome, take_text};
