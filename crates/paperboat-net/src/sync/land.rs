//! What a sync fetched, into the library: each paper merged with the
//! record of its id the library holds (so a paper fetched again is
//! updated, never doubled), new ones stamped with when they entered, and
//! withdrawn ones written as tombstones; all of it as one new segment.
//! Too many segments are merged into one afterwards.

use std::io;
use std::path::Path;

use rustc_hash::{FxHashMap, FxHashSet};

use super::report::Fetched;
use crate::catalog::{Catalog, open_files};
use crate::corpus::{Instant, LoadOptions, Meta, Paper};
use crate::library::{Library, compaction, next_number, write_segment};
use crate::query::Papers;

/// What landing did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Landed {
    /// Papers new to the library.
    pub new: usize,
    /// Papers it had that changed.
    pub updated: usize,
    /// Papers it had that are withdrawn.
    pub removed: usize,
}

/// Writes what `fetched` brought into `library` as one new segment, at
/// `now`; nothing when nothing changed.
pub fn land(
    library: &Library,
    cache_dir: Option<&Path>,
    fetched: &Fetched,
    now: Instant,
) -> io::Result<Landed> {
    let segments = library.segments();
    let mut wanted: FxHashSet<&str> = fetched.papers.iter().map(|p| p.id.as_str()).collect();
    wanted.extend(fetched.deleted.iter().map(String::as_str));
    let existing = if segments.is_empty() || wanted.is_empty() {
        FxHashMap::default()
    } else {
        let paths: Vec<_> = segments.iter().map(|s| s.path.clone()).collect();
        let catalog = open_files(
            &paths,
            Some(crate::library::NAME.into()),
            LoadOptions::default(),
            cache_dir,
            false,
            &mut |_, _| {},
        )
        .map_err(|e| io::Error::other(e.to_string()))?;
        records_of(&catalog, &wanted)
    };
    let mut landed = Landed::default();
    let mut out = Vec::new();
    for paper in &fetched.papers {
        match existing.get(paper.id.as_str()) {
            Some(old) => {
                let merged = crate::sources::merge::merge(old, paper.clone());
                if merged != *old {
                    landed.updated += 1;
                    out.push(merged);
                }
            }
            None => {
                let mut paper = paper.clone();
                paper.meta.get_or_insert_with(Default::default).added = Some(now);
                landed.new += 1;
                out.push(paper);
            }
        }
    }
    for id in &fetched.deleted {
        if let Some(old) = existing.get(id.as_str()) {
            landed.removed += 1;
            out.push(tombstone(old));
        }
    }
    if !out.is_empty() {
        let number = next_number(&segments);
        write_segment(&library.segments_dir(), number, number, &out)?;
    }
    Ok(landed)
}

/// The records the library holds of the ids in `wanted`: every id is
/// looked at once, only the few wanted are read.
fn records_of(catalog: &Catalog, wanted: &FxHashSet<&str>) -> FxHashMap<String, Paper> {
    let mut found = FxHashMap::default();
    for i in 0..catalog.len() {
        let id = catalog.id(i);
        if wanted.contains(id) && !catalog.index.is_shadowed(i) {
            found.insert(id.to_string(), catalog.paper(i).into_owned());
        }
    }
    found
}

/// The record that removes `paper` from the library: its id and title,
/// marked deleted.
fn tombstone(paper: &Paper) -> Paper {
    let mut gone = Paper::titled(paper.title.clone());
    gone.id = paper.id.clone();
    gone.meta = Some(Box::new(Meta {
        deleted: true,
        ..Meta::default()
    }));
    gone
}

/// Merges the segments into fewer when there are many (see
/// [`compaction`]): the newest record of each id from them, written as
/// one segment before they are removed, so that a kill in between leaves
/// both, which read the same.
pub fn merge_if_many(library: &Library) -> io::Result<()> {
    let segments = library.segments();
    let Some(merging) = compaction(&segments) else {
        return Ok(());
    };
    let whole = merging.len() == segments.len();
    let mut papers: Vec<Paper> = Vec::new();
    let mut at: FxHashMap<String, usize> = FxHashMap::default();
    for segment in merging {
        let corpus =
            crate::corpus::load_file(&segment.path).map_err(|e| io::Error::other(e.to_string()))?;
        for paper in corpus.papers {
            match at.get(&paper.id) {
                Some(&i) => papers[i] = paper,
                None => {
                    at.insert(paper.id.clone(), papers.len());
                    papers.push(paper);
                }
            }
        }
    }
    // Merging every segment, a tombstone has nothing left to hide.
    if whole {
        papers.retain(|p| !p.meta.as_ref().is_some_and(|m| m.deleted));
    }
    let first = merging.first().map_or(1, |s| s.first);
    let last = merging.last().map_or(1, |s| s.last);
    write_segment(&library.segments_dir(), first, last, &papers)?;
    for segment in merging {
        std::fs::remove_file(&segment.path)?;
    }
    Ok(())
}
