//! A JSON Lines corpus file that only grew at its end since its entry was
//! written: the entry still answers for the bytes it was built from, the
//! lines added are indexed on their own into a second entry (`tail/` in
//! the first one's directory), and the file opens as the two stacked.
//! The tail answers for the file as it is now; when the file grows again
//! it is indexed again from the same place, and a file changed in any
//! other way is indexed whole, which removes the tail.

use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::sync::Arc;

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use super::abstracts::{AbstractsPart, state_of};
use super::build::Kept;
use super::papers::{Catalog, Store};
use super::shelf::{Rows, Shelf};
use crate::cache::{Entry, EntryWriter, FileKey, entry_path, tail_dir};
use crate::cache::{prefix_fingerprint, sample_prefix};
use crate::corpus::{Format, LoadOptions, stream_tail};
use crate::query::Index;

/// At most this share of the indexed size may be added for the addition
/// to be indexed on its own (a quarter): past it the file is indexed
/// whole again, so that the tail, indexed again at each growth, stays
/// small next to what it spares.
const MOST_GROWTH_DIVISOR: u64 = 4;

/// What a tail entry keeps besides its sections.
#[derive(Debug, Serialize, Deserialize)]
struct TailInfo {
    /// The state of the file the first entry answers for: the tail
    /// follows it only.
    base: FileKey,
    /// What reading the tail told (`lines` counts the file's lines).
    kept: Kept,
}

/// A file opened from its entry and the tail entry.
pub(super) struct Grown {
    /// The two stacked.
    pub catalog: Catalog,
    /// What loading told, the two together.
    pub kept: Kept,
    /// `None` when the tail came from the cache, else whether it could be
    /// kept there (why not).
    pub built: Option<Result<(), String>>,
    /// Where each part's abstracts are kept.
    pub abstracts: Vec<AbstractsPart>,
}

/// The catalog an entry keeps for the file at `path`, its records read
/// from the file.
pub(super) fn shelved(entry: &Arc<Entry>, path: &Path, kept: &Kept) -> Option<Catalog> {
    let format = kept.format()?;
    let index = Index::mapped(entry).ok()?;
    let rows = Rows::mapped(entry, index.len()).ok()?;
    let file = File::open(path).ok()?;
    let shelf = Shelf {
        rows,
        file: Arc::new(file),
        format,
    };
    Some(Catalog::new(
        kept.name.clone(),
        index,
        Store::Shelved(shelf),
    ))
}

/// The JSON Lines file at `path` (now as `key` says) opened as what its
/// entry in the cache at `dir` indexed and the lines added since, when it
/// only grew at its end; the tail is indexed now unless kept.
pub(super) fn open_grown(
    dir: &Path,
    path: &Path,
    key: &FileKey,
    options: LoadOptions,
) -> Option<Grown> {
    let name = FileKey::entry_name(path).ok()?;
    let entry = Arc::new(Entry::open_any(&entry_path(dir, &name)).ok()?);
    let base_key = entry.header().key.clone();
    let base_kept: Kept = serde_json::from_value(entry.header().info.clone()).ok()?;
    let grew = base_key.path == key.path && base_key.size > 0 && base_key.size < key.size;
    if !grew || base_kept.format() != Some(Format::ArxivJsonl) {
        return None;
    }
    let base = shelved(&entry, path, &base_kept)?;
    let tail_entry = tail_dir(dir, &name).join("index");
    let (tail, tail_kept, built) = match open_tail(&tail_entry, path, key, &base_key) {
        Some((tail, kept)) => (tail, kept, None),
        None => {
            let (mut tail, kept) = build_tail(path, key, &base_key, &base_kept, &base, options)?;
            let info = TailInfo {
                base: base_key.clone(),
                kept,
            };
            let written = keep_tail(&mut tail, &tail_entry, key, &info);
            (tail, info.kept, Some(written.map_err(|e| e.to_string())))
        }
    };
    let kept = joined(&base_kept, &tail_kept);
    if options.strict && kept.skipped > 0 {
        return None;
    }
    let abstracts = vec![
        AbstractsPart {
            start: 0,
            len: base.len(),
            home: dir.join(&name).join("abstracts"),
            state: state_of(&base_key),
        },
        AbstractsPart {
            start: base.len(),
            len: tail.len(),
            home: tail_dir(dir, &name).join("abstracts"),
            state: state_of(key),
        },
    ];
    Some(Grown {
        catalog: Catalog::stacked(kept.name.clone(), vec![base, tail]),
        kept,
        built,
        abstracts,
    })
}

/// The tail kept at `entry`, if it answers for the file as `key` says and
/// follows the entry for `base`.
fn open_tail(entry: &Path, path: &Path, key: &FileKey, base: &FileKey) -> Option<(Catalog, Kept)> {
    let entry = Arc::new(Entry::open(entry, key).ok()?);
    let info: TailInfo = serde_json::from_value(entry.header().info.clone()).ok()?;
    if info.base != *base {
        return None;
    }
    Some((shelved(&entry, path, &info.kept)?, info.kept))
}

/// Reads the lines the file at `path` has after the bytes `base_key`
/// describes, when it still starts with those bytes and grew by little
/// enough, into a catalog of their own. `None` (the file is then indexed
/// whole) too when the tail would not index as the whole file does: an id
/// the earlier papers have, or earlier papers whose ids were made unique
/// at the end of their file (they would come after the tail's).
fn build_tail(
    path: &Path,
    key: &FileKey,
    base_key: &FileKey,
    base_kept: &Kept,
    base: &Catalog,
    options: LoadOptions,
) -> Option<(Catalog, Kept)> {
    if key.size - base_key.size > base_key.size / MOST_GROWTH_DIVISOR {
        return None;
    }
    let lines = usize::try_from(base_kept.lines?).ok()?;
    if !starts_as(path, base_key, base_kept.samples?) {
        return None;
    }
    let file = File::open(path).ok()?;
    let mut rows = Rows::default();
    let mut index = Index::default();
    let summary = stream_tail(path, base_key.size, lines, options, &mut |batch| {
        rows.extend(&batch.papers, &batch.records);
        index.extend(&batch.papers);
    })
    .ok()?;
    index.finish();
    let Store::Shelved(base_shelf) = &base.store else {
        return None;
    };
    if !in_file_order(&base_shelf.rows) || shares_an_id(&base_shelf.rows, &rows) {
        return None;
    }
    let kept = Kept {
        name: base_kept.name.clone(),
        ..Kept::of(&summary)
    };
    let shelf = Shelf {
        rows,
        file: Arc::new(file),
        format: Format::ArxivJsonl,
    };
    Some((
        Catalog::new(kept.name.clone(), index, Store::Shelved(shelf)),
        kept,
    ))
}

/// Whether the file at `path` still starts with the bytes `base`
/// describes, and they end a line. Looked at: the first and the last MiB
/// of those bytes (the key's fingerprint), 64 blocks of 4 KiB spread over
/// them (`samples`, taken when they were indexed) and their last byte.
/// What this misses: a change to those bytes outside all of that (one
/// record rewritten in the middle of a large file, then lines added) —
/// until the file is indexed whole again, its old record is searched and
/// the bytes now at its place are shown. Reading all of the old bytes
/// again to be sure would cost about what indexing them does.
fn starts_as(path: &Path, base: &FileKey, samples: u64) -> bool {
    let last = File::open(path).and_then(|file| {
        let mut byte = [0u8];
        file.read_exact_at(&mut byte, base.size - 1)?;
        Ok(byte[0])
    });
    matches!(last, Ok(b'\n'))
        && prefix_fingerprint(path, base.size).ok() == Some(base.fingerprint)
        && sample_prefix(path, base.size).ok() == Some(samples)
}

/// Whether the papers of `rows` lie in the file in their order: papers
/// whose ids were made unique at the end of a load come last, out of it.
fn in_file_order(rows: &Rows) -> bool {
    rows.spans.windows(2).all(|pair| pair[0].at < pair[1].at)
}

/// Whether a paper of `tail` has the id of one of `base`.
fn shares_an_id(base: &Rows, tail: &Rows) -> bool {
    let ids: FxHashSet<&str> = (0..tail.len()).map(|i| tail.ids.get(i)).collect();
    (0..base.len()).any(|i| ids.contains(base.ids.get(i)))
}

/// What loading told of the whole file: the entry's and the tail's.
fn joined(base: &Kept, tail: &Kept) -> Kept {
    Kept {
        name: base.name.clone(),
        format: base.format.clone(),
        skipped: base.skipped + tail.skipped,
        first_skipped: base.first_skipped.clone().or(tail.first_skipped.clone()),
        refused_links: base.refused_links + tail.refused_links,
        lines: tail.lines,
        samples: None,
    }
}

/// Writes the tail catalog as the entry at `entry`, for the file as `key`
/// says.
fn keep_tail(tail: &mut Catalog, entry: &Path, key: &FileKey, info: &TailInfo) -> io::Result<()> {
    let value = serde_json::to_value(info).map_err(io::Error::other)?;
    let mut writer = EntryWriter::new(key.clone(), tail.len() as u64, value);
    let Catalog { index, store, .. } = tail;
    let Store::Shelved(shelf) = store else {
        return Err(io::Error::other("only a shelved catalog is kept"));
    };
    index.write_into(&mut writer);
    shelf.rows.write_into(&mut writer);
    writer.write(entry)
}
