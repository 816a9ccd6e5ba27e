//! How far reading the corpus file has got, and what the status line says
//! when it is done.

pub use crate::units::thousands;
use std::time::Instant;

use crate::catalog::Kept;
use crate::tui::loader::Finished;

/// Progress while the corpus file is still being read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loading {
    /// The file, as shown.
    pub file: String,
    /// Bytes read so far.
    pub bytes_read: u64,
    /// The file's size.
    pub total_bytes: u64,
    /// Bad records skipped so far.
    pub skipped: usize,
    /// When the reader started on the file.
    pub started: Instant,
}

impl Loading {
    /// Loading `file`, from now.
    pub fn new(file: String) -> Loading {
        Loading {
            file,
            bytes_read: 0,
            total_bytes: 0,
            skipped: 0,
            started: Instant::now(),
        }
    }

    /// What the status line says once `papers` papers are loaded: how long
    /// it took, the bad records skipped (with the first one's position),
    /// the links left out; `None` for a file that loaded in a blink with
    /// nothing to say. The flag: it is an error (records were skipped).
    pub fn finished(&self, finished: &Finished, papers: usize) -> Option<(String, bool)> {
        // From the reader's start to every paper searchable, which is what
        // the user waited for (the file itself was read a little earlier).
        let seconds = self.started.elapsed().as_secs_f64().max(finished.seconds);
        loaded_line(&self.file, &Kept::of(&finished.summary), seconds, papers)
    }
}

/// What the status line says once `papers` papers of `file` are loaded or
/// opened from the cache, in `seconds`: see [`Loading::finished`].
pub fn loaded_line(
    file: &str,
    summary: &Kept,
    seconds: f64,
    papers: usize,
) -> Option<(String, bool)> {
    let mut text = format!("loaded {} in {seconds:.1} s", crate::units::papers(papers));
    if summary.skipped > 0 {
        text.push_str(&format!(
            " · skipped {} bad record{}",
            thousands(summary.skipped),
            plural(summary.skipped),
        ));
        if let Some(first) = &summary.first_skipped {
            // The file name is enough on one status line; the position
            // and the field are what matter.
            let name = std::path::Path::new(file)
                .file_name()
                .map_or(file.to_string(), |n| n.to_string_lossy().into_owned());
            let first = first
                .strip_prefix(file)
                .map_or(first.clone(), |rest| format!("{name}{rest}"));
            text.push_str(&format!(", first {first}"));
        }
    }
    if summary.refused_links > 0 {
        text.push_str(&format!(
            " · {} link{} refused (paperboat check lists them)",
            thousands(summary.refused_links),
            plural(summary.refused_links),
        ));
    }
    let worth_saying = summary.skipped > 0 || summary.refused_links > 0 || seconds >= 0.2;
    worth_saying.then_some((text, summary.skipped > 0))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
