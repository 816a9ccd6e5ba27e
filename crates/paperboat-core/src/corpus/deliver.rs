//! Handing parsed papers to the caller: unique ids, batches with progress,
//! bad records counted (or fatal), links left out counted.

use super::error::LoadError;
use super::fields::RefusedLink;
use super::format::Format;
use super::jsonl;
use super::paper::Paper;
use super::slug::IdAssigner;
use super::span::RecordSpan;

/// Papers handed over while a file loads, in file order, ids already unique.
pub struct Batch {
    /// The papers of this batch (possibly none: progress alone).
    pub papers: Vec<Paper>,
    /// Where each of them lies in the file (zero-length when unknown).
    pub records: Vec<RecordSpan>,
    /// Bytes of the file read so far.
    pub bytes_read: u64,
    /// The file's size.
    pub total_bytes: u64,
    /// Bad records skipped so far, this batch's included.
    pub skipped: usize,
    /// The format the records are read as, for reading one again from
    /// where it lies.
    pub format: Format,
}

/// Papers per batch, at most, for the array formats.
const BATCH: usize = 4096;

/// How many messages about links left out are kept for `check`.
pub(crate) const LISTED: usize = 20;

/// Hands papers to the sink with unique ids, and counts bad records.
pub(crate) struct Deliver<'a> {
    pub file: &'a str,
    pub strict: bool,
    pub total: u64,
    pub read: u64,
    /// The format the input is read as, once known.
    pub format: Format,
    pub lines: usize,
    chunks: usize,
    delivered: bool,
    pub skipped: usize,
    pub first_skipped: Option<LoadError>,
    pub refused_links: usize,
    pub refused: Vec<String>,
    ids: IdAssigner,
    /// Papers read as a stream whose id was taken when they came: they
    /// get a suffix at the end, once every id asked for is known.
    held: Option<Vec<(Paper, RecordSpan)>>,
    sink: &'a mut dyn FnMut(Batch),
    bad: &'a mut dyn FnMut(&LoadError),
}

impl<'a> Deliver<'a> {
    /// Delivers to `sink`, telling `bad` of each bad record skipped.
    pub fn new(
        file: &'a str,
        strict: bool,
        total: u64,
        sink: &'a mut dyn FnMut(Batch),
        bad: &'a mut dyn FnMut(&LoadError),
    ) -> Deliver<'a> {
        Deliver {
            file,
            strict,
            total,
            read: 0,
            format: Format::Native,
            lines: 0,
            chunks: 0,
            delivered: false,
            skipped: 0,
            first_skipped: None,
            refused_links: 0,
            refused: Vec::new(),
            ids: IdAssigner::default(),
            held: Some(Vec::new()),
            sink,
            bad,
        }
    }

    /// Delivers the lines that follow `lines` lines already read (the
    /// end of a file that grew): line numbers go on from there, and the
    /// first chunk is not judged as the start of a file.
    pub fn continuing(&mut self, lines: usize) {
        self.lines = lines;
        self.chunks = 1;
    }

    /// A bad record: the load's error when strict, else counted.
    pub fn bad_record(&mut self, e: LoadError) -> Result<(), LoadError> {
        if self.strict {
            return Err(e);
        }
        self.skipped += 1;
        (self.bad)(&e);
        self.first_skipped.get_or_insert(e);
        Ok(())
    }

    /// A link left out of the record that `at` locates.
    pub fn refused_link(&mut self, at: &str, link: &RefusedLink) {
        self.refused_links += 1;
        if self.refused.len() < LISTED {
            self.refused.push(link.message(self.file, at));
        }
    }

    /// One parsed chunk of JSON Lines; its line numbers follow the chunks
    /// delivered before. A first chunk that holds no good record but bad
    /// ones, with more input after it, is not JSON Lines at all: its first
    /// bad record ends the load rather than a stream of them.
    pub fn chunk(&mut self, chunk: jsonl::Parsed) -> Result<(), LoadError> {
        self.chunks += 1;
        if self.chunks == 1
            && chunk.papers.is_empty()
            && chunk.more
            && let Some((index, fault)) = chunk.faults.first()
        {
            let message = format!(
                "{} (no good record in the first {} MiB: not a JSON Lines corpus)",
                fault.message,
                super::jsonl::CHUNK >> 20
            );
            return Err(LoadError::invalid(
                self.file,
                index + 1,
                fault.column,
                &fault.path,
                &message,
            ));
        }
        for (index, fault) in chunk.faults {
            let line = self.lines + index + 1;
            let e = LoadError::invalid(self.file, line, fault.column, &fault.path, &fault.message);
            self.bad_record(e)?;
        }
        for (index, link) in &chunk.refused {
            self.refused_link(&(self.lines + index + 1).to_string(), link);
        }
        self.lines += chunk.lines;
        self.in_batches(
            chunk.papers.into_iter().zip(chunk.spans).collect(),
            chunk.end,
        );
        Ok(())
    }

    /// The next papers of an array-format input, in file order; `read`:
    /// the bytes of input they bring the progress to.
    pub fn part(&mut self, papers: Vec<(Paper, RecordSpan)>, read: u64) {
        self.in_batches(papers, read);
    }

    /// Papers in batches of at most [`BATCH`], the progress spread over
    /// them from where the last batch ended up to `read`.
    fn in_batches(&mut self, papers: Vec<(Paper, RecordSpan)>, read: u64) {
        let count = papers.len().div_ceil(BATCH).max(1) as u64;
        let from = self.read.min(read);
        let mut papers = papers.into_iter();
        for k in 1..=count {
            let batch: Vec<(Paper, RecordSpan)> = papers.by_ref().take(BATCH).collect();
            self.papers(batch, from + (read - from) * k / count);
        }
    }

    /// Progress alone, while an input of unknown size is read whole.
    pub fn progress(&mut self, read: u64) {
        self.papers(Vec::new(), read);
    }

    fn papers(&mut self, mut papers: Vec<(Paper, RecordSpan)>, read: u64) {
        if let Some(held) = &mut self.held {
            let mut kept = Vec::with_capacity(papers.len());
            // Every id a paper asks for is taken by the first paper that
            // asks: held papers, given suffixes at the end, avoid them all
            // by avoiding the ids taken.
            for (paper, span) in papers {
                if self.ids.take(&paper.id) {
                    kept.push((paper, span));
                } else {
                    held.push((paper, span));
                }
            }
            papers = kept;
        } else {
            for (paper, _) in &mut papers {
                paper.id = self.ids.assign_owned(std::mem::take(&mut paper.id));
            }
        }
        let (papers, records) = papers.into_iter().unzip();
        self.read = read;
        self.total = self.total.max(read);
        self.delivered = true;
        (self.sink)(Batch {
            papers,
            records,
            bytes_read: read,
            total_bytes: self.total,
            skipped: self.skipped,
            format: self.format,
        });
    }

    /// The papers held back get their ids; the last batch says the whole
    /// input was read.
    pub fn finish(&mut self) {
        // No longer held: `papers` gives these their suffixes now that
        // every id asked for is known.
        if let Some(held) = self.held.take()
            && !held.is_empty()
        {
            self.in_batches(held, self.read);
        }
        if !self.delivered || self.read != self.total {
            self.total = self.read;
            self.papers(Vec::new(), self.read);
        }
    }
}
