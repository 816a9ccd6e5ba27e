//! The corpus formats, one file each. Every writer goes record by record
//! through the caller's writer, so no corpus is ever held in memory.

mod arxiv;
mod daily_papers;
mod native;

use std::io::{self, Write};

/// A corpus format the generator writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// paperboat's own format, pretty-printed as `Corpus::to_json` writes it.
    Native,
    /// The Hugging Face Daily Papers API: one JSON array of entries.
    DailyPapers,
    /// The arXiv metadata snapshot: JSON Lines.
    Arxiv,
}

impl Format {
    /// Every format, in the order they are listed to the user.
    pub const ALL: [Format; 3] = [Format::Native, Format::DailyPapers, Format::Arxiv];

    /// The name on the command line and in benchmark ids.
    pub fn name(self) -> &'static str {
        match self {
            Format::Native => "native",
            Format::DailyPapers => "daily-papers",
            Format::Arxiv => "arxiv",
        }
    }

    /// Writes `count` papers generated from `seed` in this format.
    pub fn write(self, out: &mut impl Write, count: usize, seed: u64) -> io::Result<()> {
        match self {
            Format::Native => native::write(out, count, seed),
            Format::DailyPapers => daily_papers::write(out, count, seed),
            Format::Arxiv => arxiv::write(out, count, seed),
        }
    }
}
