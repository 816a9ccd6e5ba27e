//! Which papers a command reads: the files named, else `[reader] corpus`
//! of the config file, else the library when it holds papers, else the
//! corpus built into the binary.

use std::path::{Path, PathBuf};

use crate::catalog::{CacheUse, Catalog, Kept, corpus_files, open_files};
use crate::corpus::LoadError;
use crate::corpus::LoadOptions;
use crate::corpus::sanitize::clean_line;
use crate::library::Library;

pub use crate::library::NAME as LIBRARY_NAME;

/// The papers chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chosen {
    /// These files (or directories), as one corpus.
    Files(Vec<PathBuf>),
    /// The library's segments, oldest first.
    Library(Vec<PathBuf>),
    /// The corpus built into the binary; `first_run` when there is no
    /// library yet (the reader then says how to get one).
    Bundled {
        /// No library, no corpus named or configured.
        first_run: bool,
    },
}

/// What to read: `named` (the command line), else `configured`, else the
/// library in `data_dir` when it holds papers, else the bundled corpus
/// (also when `bundled` asks for it).
pub fn choose(
    named: &[PathBuf],
    bundled: bool,
    configured: Option<PathBuf>,
    data_dir: Option<&Path>,
) -> Chosen {
    if bundled {
        return Chosen::Bundled { first_run: false };
    }
    if !named.is_empty() {
        return Chosen::Files(named.to_vec());
    }
    if let Some(path) = configured {
        return Chosen::Files(vec![path]);
    }
    let segments = data_dir
        .map(|dir| Library::new(dir).segments())
        .unwrap_or_default();
    if segments.is_empty() {
        Chosen::Bundled { first_run: true }
    } else {
        Chosen::Library(segments.into_iter().map(|s| s.path).collect())
    }
}

/// What the reader opens for `chosen`: one file loads beside the
/// keyboard, several (the library) open from their cache entries; the
/// flag: the bundled corpus was chosen for want of a library.
pub fn reader_source(
    chosen: Chosen,
    options: LoadOptions,
    cache_dir: Option<PathBuf>,
) -> Result<(crate::tui::Source, bool), LoadError> {
    use crate::tui::Source;
    let (files, name) = match chosen {
        Chosen::Bundled { first_run } => {
            return Ok((Source::Ready(Box::new(Catalog::bundled()?)), first_run));
        }
        Chosen::Files(paths) => (corpus_files(&paths)?, None),
        Chosen::Library(segments) => (segments, Some(LIBRARY_NAME.to_string())),
    };
    let source = match (files.as_slice(), name) {
        ([path], None) => Source::File {
            path: path.clone(),
            options,
            cache_dir,
        },
        (_, name) => Source::Files {
            paths: files,
            name,
            options,
            cache_dir,
        },
    };
    Ok((source, false))
}

/// The catalog of `chosen`, each file from the cache when it holds it as
/// it is; bad records skipped and an index not kept are told on stderr in
/// one line each. `is:new` finds the papers added since the last visit to
/// the library in `data_dir`.
pub fn load(
    chosen: &Chosen,
    options: LoadOptions,
    cache_dir: Option<&Path>,
    data_dir: Option<&Path>,
) -> Result<Catalog, LoadError> {
    let mut catalog = open_chosen(chosen, options, cache_dir)?;
    let visits = data_dir.map(|dir| Library::new(dir).visits().load());
    if let Some(Ok(visits)) = visits {
        catalog.index.set_new_since(visits.last.map(|t| t.secs));
    }
    Ok(catalog)
}

fn open_chosen(
    chosen: &Chosen,
    options: LoadOptions,
    cache_dir: Option<&Path>,
) -> Result<Catalog, LoadError> {
    let (files, name) = match chosen {
        Chosen::Bundled { .. } => return Catalog::bundled(),
        Chosen::Files(paths) => (corpus_files(paths)?, None),
        Chosen::Library(segments) => (segments.clone(), Some(LIBRARY_NAME.to_string())),
    };
    open_files(
        &files,
        name,
        options,
        cache_dir,
        true,
        &mut |path, opened| {
            if let Some(line) = skipped_line(path, &opened.kept) {
                eprintln!("paperboat: {line}");
            }
            if let CacheUse::NotKept(why) = &opened.cache {
                eprintln!(
                    "paperboat: {}",
                    clean_line(&format!("cache: {why}; the index is not kept"))
                );
            }
        },
    )
}

/// `FILE: skipped 3 bad records (first: ...); --strict makes them fatal`,
/// sanitized, when records were skipped.
pub fn skipped_line(path: &Path, summary: &Kept) -> Option<String> {
    let first = summary.first_skipped.as_ref()?;
    let line = format!(
        "{}: skipped {} bad record{} (first: {first}); --strict makes them fatal",
        path.display(),
        summary.skipped,
        if summary.skipped == 1 { "" } else { "s" },
    );
    Some(clean_line(&line))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tempfile::TempDir;

    #[test]
    fn named_then_configured_then_library_then_bundled() {
        let dir = TempDir::new().unwrap();
        let data = dir.path();
        let a = PathBuf::from("a.json");
        assert_eq!(
            choose(std::slice::from_ref(&a), false, None, Some(data)),
            Chosen::Files(vec![a.clone()])
        );
        assert_eq!(
            choose(&[], false, Some(a.clone()), Some(data)),
            Chosen::Files(vec![a])
        );
        assert_eq!(
            choose(&[], false, None, Some(data)),
            Chosen::Bundled { first_run: true }
        );
        let segments = Library::new(data).segments_dir();
        crate::library::write_segment(&segments, 1, 1, &[crate::corpus::Paper::titled("T")])
            .unwrap();
        assert!(matches!(choose(&[], false, None, Some(data)), Chosen::Library(s) if s.len() == 1));
        assert_eq!(
            choose(&[], true, None, Some(data)),
            Chosen::Bundled { first_run: false }
        );
    }
}
