//! The data: papers, loading and validating corpus files (native, Daily
//! Papers API, arXiv JSON Lines), slugs and tags.

mod arrays;
pub mod arxiv;
mod collection;
pub mod daily_papers;
pub mod date;
mod deliver;
mod element_parts;
mod elements;
pub mod error;
pub mod fields;
mod format;
mod jsonl;
pub mod links;
mod load;
mod meta;
mod native;
mod ordered;
mod paper;
mod record;
pub mod safe_json;
pub mod sanitize;
pub mod slug;
mod span;
mod stream;
pub mod taxonomy;
mod whole;

pub use collection::{BUNDLED_JSON, BUNDLED_NAME, Corpus};
pub use deliver::Batch;
pub use error::{LoadError, io_reason};
pub use format::{Format, detect};
pub use load::{expected_total, load_bytes, load_file, load_file_with};
pub use meta::{Instant, Meta, Version};
pub use native::{FORMAT, VERSION};
pub use paper::{Date, Link, LinkKind, Paper, Tag};
pub use record::read_record;
pub use span::RecordSpan;
pub use stream::{
    LoadOptions, LoadSummary, default_name, stream_file, stream_file_reporting, stream_tail,
};
