//! The data: papers, loading and validating corpus files (native, Daily
//! Papers API, arXiv JSON Lines), slugs and tags.

mod arxiv;
mod daily_papers;
mod deliver;
mod error;
mod fields;
mod format;
mod jsonl;
mod load;
mod native;
mod paper;
pub mod safe_json;
pub mod sanitize;
pub mod slug;
mod stream;
pub mod taxonomy;
mod whole;

use serde::Serialize;

pub use error::{LoadError, io_reason};
pub use format::{Format, detect};
pub use load::{expected_total, load_bytes, load_file, load_file_with};
pub use paper::{Date, Link, LinkKind, Paper, Tag};
pub use stream::{Batch, LoadOptions, LoadSummary, stream_file, stream_file_reporting};

/// The `format` value of a native corpus file.
pub const FORMAT: &str = "paperboat-corpus";
/// The `version` of the native format this build reads and writes.
pub const VERSION: u32 = 1;

/// The bundled corpus file, compiled into the binary.
pub const BUNDLED_JSON: &[u8] = include_bytes!("../../assets/papers.json");
/// The name under which errors in the bundled corpus are reported.
pub const BUNDLED_NAME: &str = "<bundled corpus>";

/// A named collection of papers with unique ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corpus {
    /// Shown in the reader's header.
    pub name: String,
    /// The papers in file order.
    pub papers: Vec<Paper>,
}

impl Corpus {
    /// The corpus compiled into the binary.
    pub fn bundled() -> Result<Corpus, LoadError> {
        load_bytes(BUNDLED_JSON, BUNDLED_NAME)
    }

    /// The paper with this id.
    pub fn get(&self, id: &str) -> Option<&Paper> {
        self.papers.iter().find(|p| p.id == id)
    }

    /// The native-format JSON text, pretty-printed with a final newline;
    /// the same corpus always gives the same bytes.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Native<'a> {
            format: &'a str,
            version: u32,
            name: &'a str,
            papers: &'a [Paper],
        }
        let native = Native {
            format: FORMAT,
            version: VERSION,
            name: &self.name,
            papers: &self.papers,
        };
        // Escaped for terminals too: `cat` of a corpus is as safe as the reader.
        let mut text = safe_json::to_string_pretty(&native).expect("papers always serialize");
        text.push('\n');
        text
    }
}
