//! Loading a corpus file of any format as a stream of batches, so that a
//! reader can show papers while a big file is still being read.

use std::io::Read;
use std::ops::ControlFlow;
use std::path::Path;

use super::error::LoadError;
use super::format::{Format, detect};
use super::jsonl::{self, CHUNK};
use super::paper::Paper;
use super::slug::IdAssigner;
use super::{arxiv, daily_papers, native};

/// Options for loading.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// A bad record fails the load instead of being skipped and counted.
    pub strict: bool,
}

/// Papers handed over while a file loads, in file order, ids already unique.
pub struct Batch {
    /// The papers of this batch (possibly none: progress alone).
    pub papers: Vec<Paper>,
    /// Bytes of the file read so far.
    pub bytes_read: u64,
    /// The file's size.
    pub total_bytes: u64,
    /// Bad records skipped so far, this batch's included.
    pub skipped: usize,
}

/// What a finished load found besides the papers.
#[derive(Debug)]
pub struct LoadSummary {
    /// The corpus name: native `name`, else the file name without extension.
    pub name: String,
    /// The format detected.
    pub format: Format,
    /// Bad records skipped.
    pub skipped: usize,
    /// The first bad record, for the status line.
    pub first_skipped: Option<LoadError>,
}

/// Reads `path` of any supported format, calling `sink` with batches (a few
/// thousand papers each, and at least every ~50 ms of work so a progress
/// gauge moves) in file order.
pub fn stream_file(
    path: &Path,
    options: LoadOptions,
    sink: &mut dyn FnMut(Batch),
) -> Result<LoadSummary, LoadError> {
    stream_file_reporting(path, options, sink, &mut |_| {})
}

/// [`stream_file`], also calling `bad` with every bad record skipped.
pub fn stream_file_reporting(
    path: &Path,
    options: LoadOptions,
    sink: &mut dyn FnMut(Batch),
    bad: &mut dyn FnMut(&LoadError),
) -> Result<LoadSummary, LoadError> {
    let file = path.display().to_string();
    if path.is_dir() {
        return Err(LoadError::Io {
            file: super::sanitize::clean_line(&file),
            reason: "is a directory, expected a corpus file".into(),
        });
    }
    let handle = std::fs::File::open(path).map_err(|e| LoadError::io(&file, &e))?;
    let total = handle.metadata().map_or(0, |m| m.len());
    // The name is shown (header, `check`): a file name is text from
    // anywhere too.
    let stem = path.file_stem().map(|n| n.to_string_lossy().into_owned());
    let source = Source {
        file: &file,
        path: Some(path),
        default_name: super::sanitize::clean_line(&stem.unwrap_or_else(|| file.clone())),
        total,
    };
    stream(handle, source, options, sink, bad)
}

/// Where the text comes from, for errors, detection and the summary.
pub(crate) struct Source<'a> {
    /// The name in error messages.
    pub file: &'a str,
    /// The path, whose extension may decide the format.
    pub path: Option<&'a Path>,
    /// The corpus name when the text has none.
    pub default_name: String,
    /// The size of the input, as far as known.
    pub total: u64,
}

/// Reads a whole input of any format; see [`stream_file`].
pub(crate) fn stream<R: Read + Send>(
    mut reader: R,
    source: Source<'_>,
    options: LoadOptions,
    sink: &mut dyn FnMut(Batch),
    bad: &mut dyn FnMut(&LoadError),
) -> Result<LoadSummary, LoadError> {
    let file = source.file;
    let io = |e: std::io::Error| LoadError::io(file, &e);
    let mut out = Deliver {
        file,
        strict: options.strict,
        total: source.total,
        read: 0,
        lines: 0,
        delivered: false,
        skipped: 0,
        first_skipped: None,
        ids: IdAssigner::default(),
        sink,
        bad,
    };
    let mut text = Vec::with_capacity(CHUNK.min(source.total as usize + 1));
    (&mut reader)
        .take(CHUNK as u64)
        .read_to_end(&mut text)
        .map_err(io)?;
    let mut read = text.len() as u64;
    if text.starts_with(b"\xEF\xBB\xBF") {
        text.drain(..3);
    }
    let mut format = detect(&text, source.path);
    let mut name = String::new();
    if format != Format::ArxivJsonl {
        // The array formats are parsed whole; the gauge moves while reading.
        // A size that cannot be had (a sparse file) is found out by reading.
        let _ = text.try_reserve(source.total.saturating_sub(read) as usize);
        loop {
            let n = (&mut reader)
                .take(CHUNK as u64)
                .read_to_end(&mut text)
                .map_err(io)?;
            if n == 0 {
                break;
            }
            read += n as u64;
            out.papers(Vec::new(), read);
        }
        format = detect(&text, source.path);
        // Parsed whole: the papers arrive once everything has been read.
        out.read = read;
    }
    match format {
        Format::ArxivJsonl => {
            let mut failed = None;
            jsonl::run(
                text,
                read,
                reader,
                arxiv::parse_record,
                &mut |chunk| match out.chunk(chunk) {
                    Ok(()) => ControlFlow::Continue(()),
                    Err(e) => {
                        failed = Some(e);
                        ControlFlow::Break(())
                    }
                },
            )
            .map_err(io)?;
            if let Some(e) = failed {
                return Err(e);
            }
        }
        Format::Native => {
            let corpus = native::parse(&text, file)?;
            name = corpus.name;
            drop(text);
            out.in_batches(corpus.papers, read);
        }
        Format::DailyPapers => {
            let papers = daily_papers::parse(&text, file, &mut |e| out.bad_record(e))?;
            drop(text);
            out.in_batches(papers, read);
        }
    }
    out.finish();
    Ok(LoadSummary {
        name: if name.is_empty() {
            source.default_name
        } else {
            name
        },
        format,
        skipped: out.skipped,
        first_skipped: out.first_skipped,
    })
}

/// Hands papers to the sink with unique ids, and counts bad records.
struct Deliver<'a> {
    file: &'a str,
    strict: bool,
    total: u64,
    read: u64,
    lines: usize,
    delivered: bool,
    skipped: usize,
    first_skipped: Option<LoadError>,
    ids: IdAssigner,
    sink: &'a mut dyn FnMut(Batch),
    bad: &'a mut dyn FnMut(&LoadError),
}

/// Papers per batch for formats parsed whole.
const BATCH: usize = 4096;

impl Deliver<'_> {
    /// A bad record: the load's error when strict, else counted.
    fn bad_record(&mut self, e: LoadError) -> Result<(), LoadError> {
        if self.strict {
            return Err(e);
        }
        self.skipped += 1;
        (self.bad)(&e);
        self.first_skipped.get_or_insert(e);
        Ok(())
    }

    /// One parsed chunk of JSON Lines; its line numbers follow the chunks
    /// delivered before.
    fn chunk(&mut self, chunk: jsonl::Parsed) -> Result<(), LoadError> {
        for (index, fault) in chunk.faults {
            let line = self.lines + index + 1;
            let e = LoadError::invalid(self.file, line, fault.column, &fault.path, &fault.message);
            self.bad_record(e)?;
        }
        self.lines += chunk.lines;
        self.in_batches(chunk.papers, chunk.end);
        Ok(())
    }

    /// Papers in batches of at most [`BATCH`], the progress spread over
    /// them from where the last batch ended up to `read`.
    fn in_batches(&mut self, papers: Vec<Paper>, read: u64) {
        let count = papers.len().div_ceil(BATCH).max(1) as u64;
        let from = self.read.min(read);
        let mut papers = papers.into_iter();
        for k in 1..=count {
            let batch: Vec<Paper> = papers.by_ref().take(BATCH).collect();
            self.papers(batch, from + (read - from) * k / count);
        }
    }

    fn papers(&mut self, mut papers: Vec<Paper>, read: u64) {
        for paper in &mut papers {
            paper.id = self.ids.assign_owned(std::mem::take(&mut paper.id));
        }
        self.read = read;
        self.total = self.total.max(read);
        self.delivered = true;
        (self.sink)(Batch {
            papers,
            bytes_read: read,
            total_bytes: self.total,
            skipped: self.skipped,
        });
    }

    /// The last batch says the whole input was read.
    fn finish(&mut self) {
        if !self.delivered || self.read != self.total {
            self.total = self.read;
            self.papers(Vec::new(), self.read);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every batch of `text` loaded from a file called `name`, and the summary.
    fn batches(text: &[u8], name: &str) -> (Vec<(usize, u64, u64)>, Vec<Paper>, LoadSummary) {
        let mut seen = Vec::new();
        let mut papers = Vec::new();
        let source = Source {
            file: name,
            path: Some(Path::new(name)),
            default_name: "default".into(),
            total: text.len() as u64,
        };
        let summary = stream(
            text,
            source,
            LoadOptions::default(),
            &mut |b| {
                seen.push((b.papers.len(), b.bytes_read, b.total_bytes));
                papers.extend(b.papers);
            },
            &mut |_| {},
        )
        .unwrap();
        (seen, papers, summary)
    }

    #[test]
    fn arrays_arrive_in_batches_after_reading() {
        let mut text = String::from("[");
        for i in 0..10_000 {
            text.push_str(&format!(
                "{}{{\"title\":\"Same\",\"upvotes\":{i}}}",
                if i > 0 { "," } else { "" }
            ));
        }
        text.push(']');
        let (seen, papers, summary) = batches(text.as_bytes(), "c.json");
        let total = text.len() as u64;
        assert_eq!(
            seen,
            [
                (4096, total, total),
                (4096, total, total),
                (1808, total, total)
            ]
        );
        assert_eq!(papers[9_999].upvotes, Some(9_999));
        assert_eq!(papers[2].id, "same-3");
        assert_eq!(
            (summary.format, summary.name.as_str()),
            (Format::Native, "default")
        );
    }

    #[test]
    fn a_first_line_longer_than_a_chunk_is_still_json_lines() {
        let long = "x".repeat(CHUNK + 100);
        let text = format!(
            "\u{feff}{{\"id\":\"1\",\"title\":\"A\",\"abstract\":\"{long}\"}}\n{{\"id\":\"2\",\"title\":\"B\"}}"
        );
        let (seen, papers, summary) = batches(text.as_bytes(), "c.json");
        assert_eq!(summary.format, Format::ArxivJsonl);
        assert_eq!(papers.len(), 2);
        assert_eq!(papers[0].abstract_text.len(), long.len());
        assert_eq!(seen.last().map(|s| s.1), Some(text.len() as u64));
    }

    #[test]
    fn empty_inputs() {
        let (seen, papers, summary) = batches(b"", "c.jsonl");
        assert_eq!(
            (seen, papers.len(), summary.format),
            (vec![(0, 0, 0)], 0, Format::ArxivJsonl)
        );
        let (_, papers, _) = batches(b"\n\n  \n", "c.jsonl");
        assert!(papers.is_empty());
        let e = stream(
            &b"  "[..],
            Source {
                file: "c.json",
                path: None,
                default_name: String::new(),
                total: 2,
            },
            LoadOptions::default(),
            &mut |_| {},
            &mut |_| {},
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "c.json:1:1: empty file, expected a JSON corpus"
        );
    }
}
