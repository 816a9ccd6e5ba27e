//! Papers' PDFs: where each comes from ([`source`]) and downloading it
//! into the data dir ([`download`]).

pub mod download;
pub mod source;

pub use download::{DownloadError, Downloader, Fetched};
pub use source::pdf_urls;
