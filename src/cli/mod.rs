//! The subcommands. Each writes to any `io::Write` and returns a [`Status`];
//! [`run`] turns that into an exit code and every error into one line.

mod args;
mod bookmarks;
mod cache;
mod check;
mod corpus;
mod digest;
pub mod extract_text;
mod import;
mod misspelt;
mod open;
pub mod output;
mod pdf;
mod queries;
mod search;
mod shell;
mod show;
mod sync;
mod tags;

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use args::{
    Args, BookmarksAction, CacheAction, Command, Common, ConfigAction, DigestFormat, ExportFormat,
    Format, ImportSource, ListFormat, QueriesAction, ShowFormat,
};
pub use misspelt::misspelt_subcommand;

use crate::catalog::Catalog;
use crate::corpus::sanitize::clean_line;
use crate::corpus::{LoadError, LoadOptions};
use crate::import::ImportError;
use crate::query::similar::SimilarTo;
use crate::query::{ClauseKind, Query, parse};
use crate::store::bookmarks::Store;
use crate::store::config_dir;

/// How a successful command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Exit 0.
    Done,
    /// Exit 1: a search matched nothing.
    NothingMatched,
    /// Exit 1: `check` found records skipped or links left out.
    Flawed,
}

/// Why a command failed; `Display` is the one line on stderr (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad usage or an unknown name.
    #[error("{0}")]
    Usage(String),
    /// A corpus that does not load.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A page that does not import.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// Writing the output failed.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// A config file that does not read.
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    /// A store of the config dir (bookmarks, read state, saved queries)
    /// failed; the message names its file.
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
    /// Failed, and said why already (exit 2).
    #[error("")]
    Quiet,
}

/// Runs the parsed command line; the exit code follows PRODUCT.md section 7.
pub fn run(args: Args) -> ExitCode {
    let mut out = output::Output::stdout();
    let result = dispatch(args, &mut out);
    // How the output ended comes first: a command that failed because it
    // could not write says so once, as the output's failure.
    if let Some(exit) = output::failed_exit(out.finish()) {
        return exit;
    }
    match result {
        Ok(Status::Done) => ExitCode::SUCCESS,
        Ok(Status::NothingMatched | Status::Flawed) => ExitCode::from(1),
        Err(CliError::Quiet) => ExitCode::from(2),
        Err(e) => {
            // One line, whatever the error quotes from the input.
            eprintln!(
                "paperboat: {}",
                crate::corpus::sanitize::clip_quotes(&clean_line(&e.to_string()))
            );
            ExitCode::from(2)
        }
    }
}

/// Prints clap's message for bad usage (exit 2) or `--help`/`--version`
/// (exit 0). Clap quotes the arguments it refuses: when they hold
/// characters a terminal would obey, the message is printed plain with
/// those replaced and every line bounded.
pub fn clap_error(e: clap::Error) -> ExitCode {
    let plain = e.render().to_string();
    let code = ExitCode::from(e.exit_code().clamp(0, 255) as u8);
    if crate::corpus::sanitize::neutralize(&plain) == plain.as_str()
        && plain.lines().all(|l| l.len() <= 1000)
    {
        // Nothing to fear: clap's own output, colours and all.
        if e.use_stderr() {
            let _ = e.print();
        } else if let Some(exit) = output::failed_exit(output::print_with(|| e.print())) {
            return exit;
        }
    } else {
        let text: Vec<String> = plain
            .lines()
            .map(|l| {
                let line = crate::corpus::sanitize::neutralize(l);
                crate::corpus::sanitize::clip(&line, 400).into_owned()
            })
            .collect();
        let text = text.join("\n");
        if e.use_stderr() {
            eprintln!("{text}");
        } else if let Some(exit) = output::failed_exit(output::print(&format!("{text}\n"))) {
            return exit;
        }
    }
    code
}

fn dispatch(args: Args, out: &mut impl Write) -> Result<Status, CliError> {
    let common = &args.common;
    let options = LoadOptions {
        strict: common.strict,
        ..LoadOptions::default()
    };
    let cache_dir = crate::cache::cache_dir(common.cache_dir.as_deref(), common.no_cache);
    // `paperboat papers.json search mamba`: the files named first are the
    // corpus of the subcommand too, unless `--corpus` names others.
    let named = if common.corpus.is_empty() {
        &args.corpus_files
    } else {
        &common.corpus
    };
    // With none named, a command reads the corpus the reader opens, so that
    // the reader's query line runs the same in `paperboat search`.
    let configured = match (&args.command, named.is_empty()) {
        (Some(command), true) if reads_papers(command) => {
            configured_corpus(common.config_dir.as_deref())?
        }
        _ => None,
    };
    let data_dir = crate::library::data_dir(common.data_dir.as_deref());
    let chosen = corpus::choose(named, common.bundled, configured, data_dir.as_deref());
    let load = || corpus::load(&chosen, options, cache_dir.as_deref(), data_dir.as_deref());
    match args.command {
        None => {
            let dir = config_dir(common.config_dir.as_deref());
            // The whole file is checked before the terminal is touched: a
            // bad one is one line and exit 2, never a half-configured reader.
            // One that cannot be read at all is left out, as the stores
            // are, and the status line says why.
            let loaded = match &dir {
                Some(dir) => crate::tui::config_file::load(&dir.join(crate::config::FILE_NAME)),
                None => Ok(None),
            };
            let (settings, unread_config) = match loaded {
                Ok(settings) => (settings.unwrap_or_default(), None),
                Err(crate::config::ConfigError::Unreadable(why)) => (Default::default(), Some(why)),
                Err(e) => return Err(e.into()),
            };
            crate::tui::keymap::install(settings.keymap.clone());
            let configured = dir.as_deref().and_then(|d| settings.reader.corpus_in(d));
            let chosen = corpus::choose(named, common.bundled, configured, data_dir.as_deref());
            // This visit is remembered; `is:new` is what came since the one before.
            // `U` syncs the library, or on a first run starts it.
            let on_library = matches!(
                chosen,
                corpus::Chosen::Library(_) | corpus::Chosen::Bundled { first_run: true }
            );
            let new_since = match (&chosen, data_dir.as_deref()) {
                (corpus::Chosen::Library(_), Some(data)) => crate::library::Library::new(data)
                    .visits()
                    .visit(crate::corpus::Instant::now())
                    .ok()
                    .and_then(|before| before.last)
                    .map(|t| t.secs),
                _ => None,
            };
            let (source, first_run) = corpus::reader_source(chosen, options, cache_dir.clone())?;
            let stores = crate::tui::Stores {
                bookmarks: dir.clone().map(Store::new),
                read: dir.clone().map(crate::store::read_state::ReadStore::new),
                history: dir.clone().map(crate::store::history::HistoryStore::new),
                queries: dir.map(crate::store::saved_queries::QueryStore::new),
                library: on_library
                    .then(|| data_dir.clone())
                    .flatten()
                    .map(|data_dir| crate::tui::sync_worker::LibraryPlace {
                        data_dir,
                        cache_dir: cache_dir.clone(),
                        options,
                    }),
                pdfs: data_dir
                    .as_deref()
                    .map(|data| crate::tui::pdf_worker::PdfPlace {
                        pdfs: crate::library::Pdfs::new(data),
                        viewer: crate::library::PdfViewer::new(
                            settings.reader.pdf_viewer.as_deref(),
                        ),
                    }),
            };
            let start = crate::tui::Start {
                theme: crate::tui::theme::Theme::configured(
                    common.theme.as_deref().or(settings.theme.preset.as_deref()),
                    &settings.theme.elements,
                ),
                sort: settings.reader.sort.clone(),
                facets: settings.reader.facets,
                unread_config,
                mark_read_after: settings.reader.mark_read_after,
                first_run,
                new_since,
            };
            crate::tui::run(source, stores, start).map_err(|e| match e {
                crate::tui::RunError::Load(e) => CliError::Load(e),
                other => CliError::Usage(other.to_string()),
            })?;
            Ok(Status::Done)
        }
        Some(Command::Search {
            query,
            limit,
            format,
            sort,
        }) => {
            let query = query.join(" ");
            // `--sort` is the `sort:` clause; the last one wins.
            let query = match sort {
                Some(key) => format!("{query} sort:{key}"),
                None => query,
            };
            search::run(
                &mut with_pdfs(load()?, data_dir.as_deref()),
                &query,
                limit,
                format,
                common.config_dir.as_deref(),
                out,
            )
        }
        Some(Command::Similar { id, limit, format }) => search::run(
            &mut load()?,
            // An id (or `bookmarks`), not a query: written so that it reads
            // back whole.
            &crate::query::field_clause("similar", &id),
            Some(limit),
            format,
            common.config_dir.as_deref(),
            out,
        ),
        Some(Command::Show { id, format }) => show::run(&load()?, &id, format, out),
        Some(Command::Tags { query, timeline }) => tags::run(
            &mut with_pdfs(load()?, data_dir.as_deref()),
            &query.join(" "),
            timeline,
            common.config_dir.as_deref(),
            out,
        ),
        Some(Command::Check { file, .. }) => check::run(&file, options, out),
        Some(Command::Import { source, .. }) => import::run(source, out),
        Some(Command::Completions { shell, .. }) => shell::completions(shell, out),
        Some(Command::Man { .. }) => shell::man(out),
        Some(Command::Config { action }) => shell::config(
            config_dir(common.config_dir.as_deref()).as_deref(),
            action,
            out,
        ),
        Some(Command::Cache { action, .. }) => cache::run(cache_dir.as_deref(), action, out),
        Some(Command::Open { id, link, print }) => {
            let corpus = load()?;
            let opener = crate::corpus::links::SystemOpener::from_env();
            open::run(&corpus, &id, link, print, &opener, out)
        }
        Some(Command::Pdf { ids, open, clear }) => {
            let data = data_dir.as_deref().ok_or_else(|| {
                CliError::Usage("no data directory: set --data-dir or PAPERBOAT_DATA_DIR".into())
            })?;
            let viewer = crate::library::PdfViewer::new(
                configured_viewer(common.config_dir.as_deref())?.as_deref(),
            );
            let request = pdf::Request {
                ids: &ids,
                open,
                clear,
            };
            let load = || load().map_err(CliError::from);
            pdf::run(
                load,
                &crate::library::Pdfs::new(data),
                &request,
                &viewer,
                out,
            )
        }
        Some(Command::Sync {
            source,
            since,
            until,
            category,
        }) => {
            let library = library_in(data_dir.as_deref())?;
            let jobs = sync::jobs(&library, &source, &category, since, until)?;
            let config = config_dir(common.config_dir.as_deref());
            sync::run(
                &library,
                &jobs,
                cache_dir.as_deref(),
                config.as_deref(),
                out,
            )
        }
        Some(Command::Library) => {
            let library = library_in(data_dir.as_deref())?;
            let segments: Vec<PathBuf> = library.segments().into_iter().map(|s| s.path).collect();
            let total = match segments.is_empty() {
                true => None,
                false => {
                    let chosen = corpus::Chosen::Library(segments);
                    Some(corpus::load(&chosen, options, cache_dir.as_deref(), None)?.distinct_len())
                }
            };
            let data = data_dir.as_deref().unwrap_or(library.dir());
            sync::library(&library, &crate::library::Pdfs::new(data), total, out)
        }
        Some(Command::Digest {
            since,
            format,
            query,
        }) => {
            let data = data_dir.as_deref().ok_or_else(|| {
                CliError::Usage("no data directory: set --data-dir or PAPERBOAT_DATA_DIR".into())
            })?;
            let dirs = digest::Dirs {
                data,
                cache: cache_dir.as_deref(),
                config_flag: common.config_dir.as_deref(),
            };
            let request = digest::Request {
                since,
                format: format.into(),
                queries: query,
            };
            digest::run(dirs, &request, options, out)
        }
        Some(Command::Queries { action }) => {
            let dir = config_dir(common.config_dir.as_deref()).ok_or_else(|| {
                CliError::Usage(crate::store::StoreError::NoConfigDir.to_string())
            })?;
            let store = crate::store::saved_queries::QueryStore::new(&dir);
            let action = action.unwrap_or(QueriesAction::List);
            queries::run(&store, &dir, action, load, out)
        }
        Some(Command::Bookmarks { action }) => {
            let dir = config_dir(common.config_dir.as_deref()).ok_or_else(|| {
                CliError::Usage(crate::store::StoreError::NoConfigDir.to_string())
            })?;
            let corpus = load()?;
            bookmarks::run(&Store::new(dir), &corpus, action, out)
        }
    }
}

/// `catalog` with its papers whose PDF is on disk marked (`has:pdf`) and
/// the text of those PDFs searchable (bare words, `body:`).
fn with_pdfs(mut catalog: Catalog, data_dir: Option<&Path>) -> Catalog {
    let Some(data) = data_dir else {
        return catalog;
    };
    let pdfs = crate::library::Pdfs::new(data);
    let on_disk: HashSet<String> = pdfs.ids().into_iter().collect();
    if !on_disk.is_empty() {
        catalog.mark(crate::query::Mark::Pdf, |id| on_disk.contains(id));
        let bodies = catalog.index_bodies(&pdfs);
        catalog.set_bodies(bodies);
    }
    catalog
}

/// The library of the data dir, or why there is none.
fn library_in(data_dir: Option<&Path>) -> Result<crate::library::Library, CliError> {
    data_dir.map(crate::library::Library::new).ok_or_else(|| {
        CliError::Usage("no data directory: set --data-dir or PAPERBOAT_DATA_DIR".into())
    })
}

/// Whether the command reads the papers of a corpus (not a file it is
/// given, or none).
fn reads_papers(command: &Command) -> bool {
    matches!(
        command,
        Command::Search { .. }
            | Command::Similar { .. }
            | Command::Show { .. }
            | Command::Tags { .. }
            | Command::Open { .. }
            | Command::Pdf { .. }
            | Command::Queries { .. }
            | Command::Bookmarks { .. }
    )
}

/// `[reader] pdf-viewer` of the config file, when it is set; a file that
/// cannot be read at all is left out, one that reads but is wrong is the
/// command's error.
fn configured_viewer(config_dir_flag: Option<&Path>) -> Result<Option<String>, CliError> {
    let Some(dir) = config_dir(config_dir_flag) else {
        return Ok(None);
    };
    match crate::config::Config::load(&dir.join(crate::config::FILE_NAME)) {
        Ok(config) => Ok(config.and_then(|c| c.reader.pdf_viewer)),
        Err(crate::config::ConfigError::Unreadable(_)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// `[reader] corpus` of the config file, when it is set. A file that
/// cannot be read at all is left out, as the reader leaves it out; one
/// that reads but is wrong is the command's error.
fn configured_corpus(config_dir_flag: Option<&Path>) -> Result<Option<PathBuf>, CliError> {
    let Some(dir) = config_dir(config_dir_flag) else {
        return Ok(None);
    };
    match crate::config::Config::load(&dir.join(crate::config::FILE_NAME)) {
        Ok(config) => Ok(config.and_then(|c| c.reader.corpus_in(&dir))),
        Err(crate::config::ConfigError::Unreadable(_)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The query parsed (its error is bad usage), with the catalog's
/// bookmarks marked when the query asks for `is:bookmarked` (or
/// `is:updated`, the bookmarks with a newer version).
fn prepare(
    catalog: &mut Catalog,
    text: &str,
    config_dir_flag: Option<&Path>,
) -> Result<Query, CliError> {
    let mut query = parse(text).map_err(|e| CliError::Usage(format!("query: {e}")))?;
    resolve_similar(catalog, &mut query)?;
    resolve_named(catalog, &mut query);
    let to_bookmarks = ClauseKind::Similar(SimilarTo::Bookmarks);
    let asks = |kinds: &[&ClauseKind]| query.clauses().any(|c| kinds.contains(&&c.kind));
    let (bookmarked, updated) = (
        asks(&[&ClauseKind::Bookmarked, &to_bookmarks]),
        asks(&[&ClauseKind::Updated]),
    );
    if bookmarked || updated {
        let bookmarks = match config_dir(config_dir_flag) {
            Some(dir) => Store::new(dir).load()?,
            None => Vec::new(),
        };
        let ids: HashSet<&str> = bookmarks.iter().map(|b| b.id.as_str()).collect();
        catalog.mark_bookmarked(|id| ids.contains(id));
        if updated {
            let changed = crate::catalog::updated::updated_bookmarks(&bookmarks, catalog);
            crate::catalog::updated::mark_updated(catalog, &changed);
        }
    }
    if query.clauses().any(|c| c.kind == ClauseKind::Read) {
        mark_read(catalog, config_dir_flag)?;
    }
    Ok(query)
}

/// `similar:ID` names a paper of the corpus: its whole id, or the only one
/// it starts, which takes its place; anything else is bad usage (exit 2).
fn resolve_similar(catalog: &Catalog, query: &mut Query) -> Result<(), CliError> {
    for group in &mut query.groups {
        for clause in &mut group.alternatives {
            let ClauseKind::Similar(SimilarTo::Paper(id)) = &mut clause.kind else {
                continue;
            };
            if clause.negated {
                return Err(CliError::Usage(format!(
                    "query: !similar:{id}: similar: cannot be negated"
                )));
            }
            let at = show::find(catalog, id).map_err(|e| match e {
                CliError::Usage(m) => CliError::Usage(format!("similar:{id}: {m}")),
                other => other,
            })?;
            *id = at.id.clone();
        }
    }
    Ok(())
}

/// A pasted id (`2505.47796`, a URL, a DOI) names the paper whose links
/// or DOI say so even when its record is on disk: looked up once here,
/// reading the records, rather than as the reader does at each keystroke.
fn resolve_named(catalog: &Catalog, query: &mut Query) {
    for group in &mut query.groups {
        for clause in &mut group.alternatives {
            if let ClauseKind::Paper(named) = &mut clause.kind
                && let Some(i) = catalog.named(named, true)
            {
                *named = crate::query::PaperRef::Id(catalog.id(i).to_string());
            }
        }
    }
}

/// Marks the papers read in the config dir's read state (`is:read`, the
/// Read facet).
fn mark_read(catalog: &mut Catalog, config_dir_flag: Option<&Path>) -> Result<(), CliError> {
    let read = match config_dir(config_dir_flag) {
        Some(dir) => crate::store::read_state::ReadStore::new(dir).load()?,
        None => HashSet::new(),
    };
    catalog.mark(crate::query::Mark::Read, |id| read.contains(id));
    Ok(())
}
