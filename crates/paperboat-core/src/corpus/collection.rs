//! A corpus: a named collection of papers, the one compiled into the
//! binary among them, and its native JSON text.

use serde::Serialize;

use super::native::{FORMAT, VERSION};
use super::paper::Paper;
use super::safe_json;

/// The bundled corpus file, compiled into the binary.
pub const BUNDLED_JSON: &[u8] = include_bytes!("../../../../assets/papers.json");
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
