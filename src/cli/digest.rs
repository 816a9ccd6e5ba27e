//! `paperboat digest [--since last|visit|DATE|Nd] [--format F] [--query NAME...]`:
//! the papers new to the library, under the saved queries that find them.

use std::io::Write;
use std::path::Path;

use super::corpus::{Chosen, load};
use super::{CliError, Status};
use crate::corpus::sanitize::clean_line;
use crate::corpus::{Instant, LoadOptions};
use std::collections::BTreeMap;

use crate::catalog::Catalog;
use crate::digest::{Digest, Format, Found, Marks, Since, UpdatedBookmark};
use crate::library::Library;
use crate::library::Shown;
use crate::query::Papers;
use crate::store::saved_queries::{QueryStore, SavedQuery, runnable};

/// What `paperboat digest` was asked.
#[derive(Debug, Clone)]
pub struct Request {
    /// Where the digest starts.
    pub since: Since,
    /// How it is written.
    pub format: Format,
    /// The saved queries it is limited to (none: all, then the others).
    pub queries: Vec<String>,
}

/// Where the commands' files are.
#[derive(Debug, Clone, Copy)]
pub struct Dirs<'a> {
    /// The data dir, whose library is read.
    pub data: &'a Path,
    /// The cache dir, for the segments' indexes.
    pub cache: Option<&'a Path>,
    /// `--config-dir`, for the saved queries and bookmarks.
    pub config_flag: Option<&'a Path>,
}

/// Prints the digest: exit 0 when it shows papers, 1 when nothing is new
/// (nothing printed, or an Atom feed without entries). `--since last`
/// then remembers the newest paper shown, once the whole digest is
/// written, so that the next one starts after it.
pub fn run(
    dirs: Dirs,
    request: &Request,
    options: LoadOptions,
    out: &mut impl Write,
) -> Result<Status, CliError> {
    let library = Library::new(dirs.data);
    let segments: Vec<_> = library.segments().into_iter().map(|s| s.path).collect();
    if segments.is_empty() {
        return Err(CliError::Usage(
            "digest: the library holds no papers yet: `paperboat sync hf` brings in the latest Daily Papers".into(),
        ));
    }
    let saved = chosen_queries(dirs.config_flag, &request.queries)?;
    let now = Instant::now();
    let shown = match request.since {
        Since::Last => library.digests().load(&request.queries)?,
        _ => Shown::default(),
    };
    let marks = Marks {
        last_digest: shown.through,
        last_visit: library.visits().load()?.last,
    };
    let (cutoff, since) = request.since.cutoff(marks, now);
    let mut catalog = load(
        &Chosen::Library(segments),
        options,
        dirs.cache,
        Some(dirs.data),
    )?;
    let mut found = Vec::new();
    for q in &saved {
        match super::prepare(&mut catalog, &q.query, dirs.config_flag) {
            Ok(query) => found.push(Found {
                name: clean_line(&q.name),
                papers: catalog
                    .index
                    .search(&catalog, &query)
                    .iter()
                    .map(|h| h.index)
                    .collect(),
            }),
            Err(e) => eprintln!(
                "paperboat: digest: saved query `{}` left out: {}",
                clean_line(&q.name),
                clean_line(&e.to_string())
            ),
        }
    }
    let whole = request.queries.is_empty();
    let digest = Digest {
        since,
        made: now,
        groups: crate::digest::groups(&catalog, cutoff, &found, whole),
        // Like the other new papers, only in the whole digest.
        updated: match whole {
            true => updated_bookmarks(dirs.config_flag, &catalog, &shown.versions),
            false => Vec::new(),
        },
    };
    out.write_all(crate::digest::render(&digest, request.format).as_bytes())?;
    out.flush()?;
    if digest.is_empty() {
        return Ok(Status::NothingMatched);
    }
    if request.since == Since::Last {
        let shown = Shown {
            through: digest.newest_added(),
            versions: digest
                .updated
                .iter()
                .map(|u| (u.id.clone(), u.to))
                .collect(),
        };
        library.digests().advance(&request.queries, shown, now)?;
    }
    Ok(Status::Done)
}

/// The bookmarks whose paper has a newer version than the one kept, and
/// than the one a digest `--since last` showed (`shown`, by id). A
/// bookmarks file that does not read leaves the section out, said on
/// stderr: the new papers are still worth their mail.
fn updated_bookmarks(
    config_flag: Option<&Path>,
    catalog: &Catalog,
    shown: &BTreeMap<String, u32>,
) -> Vec<UpdatedBookmark> {
    let Some(dir) = crate::store::config_dir(config_flag) else {
        return Vec::new();
    };
    let bookmarks = match crate::store::bookmarks::Store::new(dir).load() {
        Ok(bookmarks) => bookmarks,
        Err(e) => {
            eprintln!(
                "paperboat: digest: bookmarks: {} (their new versions are left out)",
                clean_line(&e.to_string())
            );
            return Vec::new();
        }
    };
    crate::catalog::updated::updated_bookmarks(&bookmarks, catalog)
        .into_iter()
        .filter(|u| shown.get(&u.bookmark.id).is_none_or(|&v| u.change.to > v))
        .map(|u| {
            let paper = catalog.paper(u.paper);
            UpdatedBookmark {
                id: u.bookmark.id.clone(),
                title: clean_line(&paper.title),
                from: u.change.from,
                to: u.change.to,
                date: u.change.date,
                links: crate::digest::links(&paper),
            }
        })
        .collect()
}

/// The saved queries the digest groups under: all of them, or those
/// `named` in that order (an unknown name is an error).
fn chosen_queries(
    config_flag: Option<&Path>,
    named: &[String],
) -> Result<Vec<SavedQuery>, CliError> {
    let saved = match crate::store::config_dir(config_flag) {
        Some(dir) => runnable(QueryStore::new(dir).load()?).0,
        None => Vec::new(),
    };
    if named.is_empty() {
        return Ok(saved);
    }
    let mut chosen: Vec<SavedQuery> = Vec::new();
    for name in named {
        let Some(q) = saved.iter().find(|q| &q.name == name) else {
            return Err(CliError::Usage(format!(
                "digest: no saved query named `{}` (paperboat queries lists them)",
                clean_line(name)
            )));
        };
        if !chosen.iter().any(|c| c.name == q.name) {
            chosen.push(q.clone());
        }
    }
    Ok(chosen)
}
