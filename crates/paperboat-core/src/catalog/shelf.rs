//! What a corpus keeps of each paper besides its index when the papers
//! are not in memory: the title as written, the id, and where the record
//! lies in the corpus file, from which a record is read when needed.
//!
//! The corpus file is read with positioned reads rather than mapped: a
//! file cut short while the reader runs must give an error, not a signal.

use std::fs::File;
use std::os::unix::fs::FileExt;
use std::sync::Arc;

use crate::cache::{Column, Entry, EntryError, EntryWriter, TextColumn};
use crate::corpus::{Format, Paper, RecordSpan, read_record};

/// Texts one after another, with where each ends.
#[derive(Debug, Default, Clone)]
pub(super) struct Texts {
    text: TextColumn,
    ends: Column<u64>,
}

impl Texts {
    fn push(&mut self, item: &str) {
        let end = self.text.edit(|text| {
            text.push_str(item);
            text.len() as u64
        });
        self.ends.to_mut().push(end);
    }

    /// The first text from `from` on that is exactly `item`: one search
    /// through the texts laid end to end rather than a comparison of each
    /// (a million ids are searched in a few milliseconds); `None` for an
    /// empty `item`, which the caller compares text by text.
    pub(super) fn position_from(&self, item: &str, from: usize) -> Option<Option<usize>> {
        if item.is_empty() {
            return None;
        }
        let all = self.text.as_bytes();
        let finder = memchr::memmem::Finder::new(item.as_bytes());
        let start_of = |i: usize| if i == 0 { 0 } else { self.ends[i - 1] as usize };
        let mut at = start_of(from.min(self.len()));
        // Overlapping matches count: `aa` may start inside a match of it.
        while let Some(k) = all.get(at..).and_then(|rest| finder.find(rest)) {
            let found = at + k;
            // The text holding byte `found`: the first that ends past it.
            let i = self.ends.partition_point(|&end| end as usize <= found);
            let whole = start_of(i) == found
                && self
                    .ends
                    .get(i)
                    .is_some_and(|&end| end as usize == found + item.len());
            if whole {
                return Some(Some(i));
            }
            at = found + 1;
        }
        Some(None)
    }

    /// Text `i`; empty past the end (the checks on mapping keep it so).
    pub(super) fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        let end = self.ends.get(i).map_or(start, |&e| e as usize);
        self.text.as_str().get(start..end).unwrap_or("")
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    /// Adds the texts of `other` after these.
    fn append(&mut self, other: &Texts) {
        let base = self.text.as_str().len() as u64;
        self.text.edit(|text| text.push_str(other.text.as_str()));
        let ends = self.ends.to_mut();
        ends.extend(other.ends.iter().map(|&end| base + end));
    }

    /// Room for `scale` times the texts of `part`.
    fn reserve_like(&mut self, part: &Texts, scale: f64) {
        let bytes = (part.text.as_str().len() as f64 * scale) as usize;
        self.text.edit(|text| text.reserve(bytes));
        self.ends.reserve((part.len() as f64 * scale) as usize);
    }

    fn write_into<'a>(&'a self, name: &str, writer: &mut EntryWriter<'a>) {
        writer.section(&format!("{name}.text"), self.text.as_bytes());
        writer.section(&format!("{name}.ends"), &self.ends);
    }

    fn mapped(entry: &Arc<Entry>, name: &str) -> Result<Texts, EntryError> {
        let texts = Texts {
            text: TextColumn::mapped(entry, &format!("{name}.text"))?,
            ends: Column::mapped(entry, &format!("{name}.ends"))?,
        };
        let text = texts.text.as_str();
        let mut start = 0;
        for &end in texts.ends.iter() {
            let end = usize::try_from(end).unwrap_or(usize::MAX);
            if end < start || text.get(start..end).is_none() {
                return Err(EntryError::Stale("a text lies outside its column"));
            }
            start = end;
        }
        Ok(texts)
    }
}

/// The titles, ids and record places of a corpus, as they are gathered
/// while it loads, and written into its cache entry.
#[derive(Debug, Default, Clone)]
pub struct Rows {
    pub(super) titles: Texts,
    pub(super) ids: Texts,
    pub(super) spans: Column<RecordSpan>,
}

impl Rows {
    /// Adds papers that follow those already kept, with their places.
    pub fn extend(&mut self, papers: &[Paper], spans: &[RecordSpan]) {
        for paper in papers {
            self.titles.push(&paper.title);
            self.ids.push(&paper.id);
        }
        let spans = spans
            .iter()
            .copied()
            .chain(std::iter::repeat(RecordSpan::default()));
        self.spans.to_mut().extend(spans.take(papers.len()));
    }

    /// Adds the rows of the papers that follow these.
    pub(super) fn append(&mut self, other: &Rows) {
        self.titles.append(&other.titles);
        self.ids.append(&other.ids);
        self.spans.to_mut().extend_from_slice(&other.spans);
    }

    /// Room for `scale` times the rows of `part`, made once rather than
    /// each time the columns double.
    pub(super) fn reserve_like(&mut self, part: &Rows, scale: f64) {
        self.titles.reserve_like(&part.titles, scale);
        self.ids.reserve_like(&part.ids, scale);
        self.spans.reserve((part.len() as f64 * scale) as usize);
    }

    /// How many papers are kept.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub(super) fn write_into<'a>(&'a self, writer: &mut EntryWriter<'a>) {
        self.titles.write_into("titles", writer);
        self.ids.write_into("ids", writer);
        writer.section("spans", &self.spans);
    }

    pub(super) fn mapped(entry: &Arc<Entry>, papers: usize) -> Result<Rows, EntryError> {
        let rows = Rows {
            titles: Texts::mapped(entry, "titles")?,
            ids: Texts::mapped(entry, "ids")?,
            spans: Column::mapped(entry, "spans")?,
        };
        if [rows.titles.len(), rows.ids.len(), rows.spans.len()] != [papers; 3] {
            return Err(EntryError::Stale("the rows differ in length"));
        }
        Ok(rows)
    }
}

/// The longest record read back; records are far shorter, but a changed
/// file must not make one read allocate without bound.
const RECORD_CAP: u64 = 64 << 20;

/// Papers known by their rows, their records read from the corpus file.
#[derive(Clone)]
pub struct Shelf {
    pub(super) rows: Rows,
    /// Shared by the copies of a catalog made while its file is first read.
    pub(super) file: Arc<File>,
    pub(super) format: Format,
}

impl Shelf {
    /// Paper `i` read from the file; when its record no longer reads
    /// (the file changed while open), what the rows know of it.
    pub(super) fn paper(&self, i: usize) -> Paper {
        let record = self.rows.spans.get(i).and_then(|span| self.read(span));
        let mut paper = record
            .and_then(|bytes| read_record(self.format, &bytes))
            .unwrap_or_else(|| Paper::titled(self.rows.titles.get(i)));
        paper.id = self.rows.ids.get(i).to_string();
        paper
    }

    fn read(&self, span: &RecordSpan) -> Option<Vec<u8>> {
        if span.len == 0 || span.len > RECORD_CAP {
            return None;
        }
        let mut bytes = vec![0; span.len as usize];
        self.file.read_exact_at(&mut bytes, span.at).ok()?;
        Some(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_found_whole_even_inside_or_across_its_neighbours() {
        let mut texts = Texts::default();
        for item in ["a", "aa", "aaa", "ba", "ab", "aab", "b"] {
            texts.push(item);
        }
        let find = |item: &str, from: usize| texts.position_from(item, from).flatten();
        assert_eq!(find("a", 0), Some(0));
        assert_eq!(find("aa", 0), Some(1), "starts inside the match at 0");
        assert_eq!(find("aaa", 0), Some(2));
        assert_eq!(find("ab", 0), Some(4), "not `a` + `ba` across two texts");
        assert_eq!(find("b", 0), Some(6));
        assert_eq!(find("aa", 2), None, "from the third text on");
        assert_eq!(find("abb", 0), None);
        assert_eq!(texts.position_from("", 0), None, "compared text by text");
        for i in 0..texts.len() {
            assert_eq!(find(texts.get(i), 0), Some(i));
        }
    }
}
