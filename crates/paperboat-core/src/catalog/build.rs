//! Reading a corpus file into a catalog that keeps only rows and index
//! (the records stay in the file), and keeping that in the cache.

use std::fs::File;
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::papers::{Catalog, Store};
use super::shelf::{Rows, Shelf};
use crate::cache::{EntryWriter, FileKey, entry_path, sample_prefix, tail_dir};
use crate::corpus::{Format, LoadError, LoadOptions, LoadSummary, stream_file};
use crate::query::Index;

/// What loading a file told besides its papers, kept with its index so
/// that an open from the cache tells the same.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kept {
    /// The corpus name.
    pub name: String,
    /// The format's name (see [`Format::as_str`]).
    pub format: String,
    /// Bad records skipped.
    pub skipped: usize,
    /// The first of them, as told.
    pub first_skipped: Option<String>,
    /// Links left out because they may not be opened.
    pub refused_links: usize,
    /// Lines read, for JSON Lines: where the lines of a file that grew at
    /// its end go on from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<u64>,
    /// A hash of blocks sampled from the file as it was read (see
    /// [`crate::cache::sample_prefix`]), for knowing it again at the
    /// start of a file that grew.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub samples: Option<u64>,
}

impl Kept {
    /// What `summary` tells.
    pub fn of(summary: &LoadSummary) -> Kept {
        Kept {
            name: summary.name.clone(),
            format: summary.format.as_str().to_string(),
            skipped: summary.skipped,
            first_skipped: summary.first_skipped.as_ref().map(ToString::to_string),
            refused_links: summary.refused_links,
            lines: (summary.format == Format::ArxivJsonl).then_some(summary.lines as u64),
            samples: None,
        }
    }

    /// The format, when the name is one.
    pub fn format(&self) -> Option<Format> {
        [Format::Native, Format::DailyPapers, Format::ArxivJsonl]
            .into_iter()
            .find(|f| f.as_str() == self.format)
    }
}

/// Reads the regular file at `path` into a catalog of rows and index, its
/// records left in the file; `progress` gets the bytes read and the
/// file's size as it goes.
pub fn build(
    path: &Path,
    options: LoadOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(Catalog, Kept), LoadError> {
    let file = File::open(path).map_err(|e| LoadError::io(&path.display().to_string(), &e))?;
    let mut rows = Rows::default();
    let mut index = Index::default();
    // Only rows and index are kept: the abstracts need not be read.
    let options = LoadOptions {
        headlines_only: true,
        ..options
    };
    let summary = stream_file(path, options, &mut |batch| {
        rows.extend(&batch.papers, &batch.records);
        index.extend(&batch.papers);
        progress(batch.bytes_read, batch.total_bytes);
    })?;
    index.finish();
    let kept = Kept::of(&summary);
    let shelf = Shelf {
        rows,
        file: std::sync::Arc::new(file),
        format: summary.format,
    };
    let catalog = Catalog::new(kept.name.clone(), index, Store::Shelved(shelf));
    Ok((catalog, kept))
}

impl Catalog {
    /// Writes this shelved catalog into the cache at `dir` as the entry
    /// for the file whose key is `key`, whole or not at all.
    pub fn keep(&mut self, dir: &Path, path: &Path, key: FileKey, kept: &Kept) -> io::Result<()> {
        let name = FileKey::entry_name(path)?;
        let mut kept = kept.clone();
        if kept.lines.is_some() {
            kept.samples = sample_prefix(path, key.size).ok();
        }
        let info = serde_json::to_value(&kept).map_err(io::Error::other)?;
        let mut writer = EntryWriter::new(key, self.len() as u64, info);
        let Catalog { index, store, .. } = self;
        let Store::Shelved(shelf) = store else {
            return Err(io::Error::other("only a shelved catalog is kept"));
        };
        index.write_into(&mut writer);
        shelf.rows.write_into(&mut writer);
        writer.write(&entry_path(dir, &name))?;
        // What was indexed of the end of the file's former state answers
        // for it no longer.
        let _ = crate::cache::files::remove_no_follow(&tail_dir(dir, &name));
        Ok(())
    }
}
