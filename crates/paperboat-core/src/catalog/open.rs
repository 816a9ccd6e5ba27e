//! Opening a corpus file: from its cache entry when that answers for the
//! file as it is now, else by reading the file (and keeping what was read
//! in the cache for next time).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::abstracts::{AbstractsPart, abstracts_by_part, abstracts_home, state_of};
use super::build::{Kept, build};
use super::grown::{open_grown, shelved};
use super::papers::Catalog;
use super::shelf::Rows;
use crate::cache::{Entry, EntryError, FileKey, entry_path};
use crate::corpus::{LoadError, LoadOptions, io_reason, load_file_with};
use crate::query::{Index, Query};

/// What the cache did for an open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheUse {
    /// No cache: `--no-cache`, no cache dir, or an input read only once.
    Off,
    /// The index came from the cache.
    Used,
    /// The file was read and its index kept in the cache.
    Kept,
    /// The file was read, but its index could not be kept: why.
    NotKept(String),
}

/// A corpus file opened.
pub struct Opened {
    /// The papers and their index.
    pub catalog: Catalog,
    /// What loading told.
    pub kept: Kept,
    /// What the cache did.
    pub cache: CacheUse,
    /// Where its abstracts index is kept (or is to be), by part; none
    /// without a cache.
    pub abstracts: Vec<AbstractsPart>,
}

/// Opens the corpus file at `path`, using and filling the cache at
/// `cache_dir` when given, with its abstracts indexed by word (kept in the
/// cache too). A file that is not a regular file (a pipe, a device) is
/// read once, whole, into memory.
pub fn open_file(
    path: &Path,
    options: LoadOptions,
    cache_dir: Option<&Path>,
) -> Result<Opened, LoadError> {
    let mut opened = open_file_without_abstracts(path, options, cache_dir)?;
    if !opened.catalog.has_abstracts() {
        // An index rebuilt for an unchanged file finds its abstracts kept.
        let catalog = &mut opened.catalog;
        if let Some(parts) = abstracts_by_part(catalog, &opened.abstracts, true, &mut |_, _| {}) {
            catalog.set_abstracts_by_part(parts);
        }
    }
    Ok(opened)
}

/// [`open_file`] without indexing the abstracts (those found in the cache
/// are used).
pub fn open_file_without_abstracts(
    path: &Path,
    options: LoadOptions,
    cache_dir: Option<&Path>,
) -> Result<Opened, LoadError> {
    let shown = path.display().to_string();
    let key = FileKey::of(path).map_err(|e| LoadError::io(&shown, &e))?;
    let Some(key) = key else {
        let (corpus, summary) = load_file_with(path, options)?;
        return Ok(Opened {
            kept: Kept::of(&summary),
            catalog: Catalog::from_corpus(corpus),
            cache: CacheUse::Off,
            abstracts: Vec::new(),
        });
    };
    if let Some(dir) = cache_dir
        && let Some(opened) = open_cached(dir, path, &key, options)
    {
        return Ok(opened);
    }
    let (mut catalog, kept) = build(path, options, &mut |_, _| {})?;
    let abstracts = whole_abstracts(cache_dir, path, &key, catalog.len());
    let cache = match cache_dir {
        None => CacheUse::Off,
        Some(dir) => match catalog.keep(dir, path, key, &kept) {
            Ok(()) => CacheUse::Kept,
            Err(e) => CacheUse::NotKept(format!("{}: {}", dir.display(), io_reason(&e))),
        },
    };
    Ok(Opened {
        catalog,
        kept,
        cache,
        abstracts,
    })
}

/// Where the abstracts of the file at `path`, as `key` says it is,
/// indexed whole, are kept in the cache at `dir`.
fn whole_abstracts(
    dir: Option<&Path>,
    path: &Path,
    key: &FileKey,
    len: usize,
) -> Vec<AbstractsPart> {
    let home = dir.and_then(|dir| abstracts_home(dir, path));
    home.map(|home| AbstractsPart {
        start: 0,
        len,
        home,
        state: state_of(key),
    })
    .into_iter()
    .collect()
}

/// Opens the cache entry file at `entry` whatever corpus file it is for,
/// maps its index and rows and runs `queries` on them: how the entry is
/// checked, for fuzzing. Returns the hits of each query, or why the entry
/// is refused.
pub fn try_entry(entry: &Path, queries: &[Query]) -> Result<Vec<usize>, EntryError> {
    let entry = Arc::new(Entry::open_any(entry)?);
    let index = Index::mapped(&entry)?;
    let rows = Rows::mapped(&entry, index.len())?;
    let _ = serde_json::from_value::<Kept>(entry.header().info.clone());
    let titles: Vec<&str> = (0..index.len()).map(|i| rows.titles.get(i)).collect();
    let ids: Vec<&str> = (0..index.len()).map(|i| rows.ids.get(i)).collect();
    let papers: Vec<crate::corpus::Paper> = titles
        .iter()
        .zip(&ids)
        .map(|(title, id)| crate::corpus::Paper {
            id: id.to_string(),
            ..crate::corpus::Paper::titled(*title)
        })
        .collect();
    Ok(queries
        .iter()
        .map(|query| index.search(&papers, query).len())
        .collect())
}

/// The catalog kept in the cache at `dir` for the file at `path`, if the
/// entry is whole and answers for the file as `key` describes it. With
/// `--strict`, a file with bad records is read again, to fail as it should.
pub fn open_cached(dir: &Path, path: &Path, key: &FileKey, options: LoadOptions) -> Option<Opened> {
    let mut opened = open_cached_index(dir, path, key, options)?;
    let catalog = &mut opened.catalog;
    if let Some(parts) = abstracts_by_part(catalog, &opened.abstracts, false, &mut |_, _| {}) {
        catalog.set_abstracts_by_part(parts);
    }
    Some(opened)
}

/// [`open_cached`] without the abstracts index, whose files are checked
/// whole on opening (a few hundred MB for a million papers): for a reader
/// that opens them beside the keyboard. A JSON Lines file that only grew
/// at its end opens as its entry and the lines added (see [`open_grown`]),
/// which are read now unless the cache has them too.
pub fn open_cached_index(
    dir: &Path,
    path: &Path,
    key: &FileKey,
    options: LoadOptions,
) -> Option<Opened> {
    let name = FileKey::entry_name(path).ok()?;
    let Ok(entry) = Entry::open(&entry_path(dir, &name), key) else {
        let grown = open_grown(dir, path, key, options)?;
        let cache = match grown.built {
            None => CacheUse::Used,
            Some(Ok(())) => CacheUse::Kept,
            Some(Err(why)) => CacheUse::NotKept(format!("{}: {why}", dir.display())),
        };
        return Some(Opened {
            catalog: grown.catalog,
            kept: grown.kept,
            cache,
            abstracts: grown.abstracts,
        });
    };
    let entry = Arc::new(entry);
    let kept: Kept = serde_json::from_value(entry.header().info.clone()).ok()?;
    if options.strict && kept.skipped > 0 {
        return None;
    }
    let catalog = shelved(&entry, path, &kept)?;
    let abstracts = whole_abstracts(Some(dir), path, key, catalog.len());
    Some(Opened {
        catalog,
        kept,
        cache: CacheUse::Used,
        abstracts,
    })
}

/// The corpus files `paths` name: a file as it is, a directory as the
/// corpus files in it (`.json`, `.jsonl`, `.ndjson`, by name), or as its
/// segments when it is a library folder. An empty directory is an error.
pub fn corpus_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let shown = path.display().to_string();
        let library = crate::library::Library::at(path);
        let segments = library.segments();
        if !segments.is_empty() {
            files.extend(segments.into_iter().map(|s| s.path));
            continue;
        }
        let read = std::fs::read_dir(path).map_err(|e| LoadError::io(&shown, &e))?;
        let mut found: Vec<PathBuf> = read
            .flatten()
            .map(|item| item.path())
            .filter(|p| {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                !name.starts_with('.')
                    && p.is_file()
                    && [".json", ".jsonl", ".ndjson"]
                        .iter()
                        .any(|ext| name.ends_with(ext))
            })
            .collect();
        if found.is_empty() {
            return Err(LoadError::io(
                &shown,
                &std::io::Error::other("a directory without corpus files (.json, .jsonl, .ndjson)"),
            ));
        }
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

/// Opens several corpus files as one catalog (see [`Catalog::stacked`]),
/// each from its own cache entry or read and kept in one, with its
/// abstracts indexed when `with_abstracts`; `told` hears what each open
/// told. One file opens as [`open_file`] does.
pub fn open_files(
    paths: &[PathBuf],
    name: Option<String>,
    options: LoadOptions,
    cache_dir: Option<&Path>,
    with_abstracts: bool,
    told: &mut dyn FnMut(&Path, &Opened),
) -> Result<Catalog, LoadError> {
    let mut parts = Vec::with_capacity(paths.len());
    for path in paths {
        let opened = if with_abstracts {
            open_file(path, options, cache_dir)?
        } else {
            open_file_without_abstracts(path, options, cache_dir)?
        };
        told(path, &opened);
        parts.push(opened);
    }
    if parts.len() == 1 && name.is_none() {
        return Ok(parts
            .pop()
            .map(|o| o.catalog)
            .unwrap_or_else(|| Catalog::loaded(String::new(), Vec::new())));
    }
    let name = name.unwrap_or_else(|| {
        let names: Vec<&str> = parts.iter().map(|o| o.catalog.name.as_str()).collect();
        match names.as_slice() {
            [only] => only.to_string(),
            [first, second] => format!("{first} + {second}"),
            [first, rest @ ..] => format!("{first} + {} more", rest.len()),
            [] => String::new(),
        }
    });
    Ok(Catalog::stacked(
        name,
        parts.into_iter().map(|o| o.catalog).collect(),
    ))
}
