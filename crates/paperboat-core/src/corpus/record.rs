//! Reading one record back from its bytes in the corpus file: the reader
//! and the commands keep only what search and the list need, and read a
//! paper's abstract and authors when shown.

use super::format::Format;
use super::paper::Paper;
use super::{arxiv, daily_papers, native};

/// The paper in `bytes`, one record of a file in `format`, as loading the
/// file gave it (but for its id, which the corpus assigns); `None` when
/// the bytes are not a good record (the file changed under the cache).
pub fn read_record(format: Format, bytes: &[u8]) -> Option<Paper> {
    match format {
        Format::ArxivJsonl => arxiv::parse_record(bytes).ok().map(|c| c.paper),
        Format::DailyPapers => daily_papers::parse_entry(bytes),
        Format::Native => native::parse_paper(bytes),
    }
}
