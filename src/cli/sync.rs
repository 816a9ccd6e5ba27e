//! `paperboat sync` and `paperboat library`: bringing the library up to
//! date, and what it holds.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::Mutex;

use super::{CliError, Status};
use crate::corpus::Date;
use crate::corpus::sanitize::clean_line;
use crate::library::{Library, SourceKind};
use crate::net::{Client, Endpoints, Settings};
use crate::sync::{Context, Job, Progress, Report};

/// The jobs `paperboat sync WORDS...` asks for: one source with its
/// categories, or every source synced before when none is named.
pub fn jobs(
    library: &Library,
    words: &[String],
    categories: &[String],
    since: Option<Date>,
    until: Option<Date>,
) -> Result<Vec<Job>, CliError> {
    let job = |kind, categories: Vec<String>| Job {
        kind,
        categories,
        since,
        until,
    };
    let Some((source, rest)) = words.split_first() else {
        let known = library.sources().load()?;
        if known.is_empty() {
            return Err(CliError::Usage(
                "no source synced yet: paperboat sync hf, paperboat sync arxiv CATEGORY..., paperboat sync medrxiv or paperboat sync biorxiv".into(),
            ));
        }
        return Ok(known
            .into_iter()
            .map(|s| job(s.kind, s.categories))
            .collect());
    };
    let kind = match source.as_str() {
        "hf" => SourceKind::Hf,
        "arxiv" => SourceKind::Arxiv,
        "medrxiv" => SourceKind::Medrxiv,
        "biorxiv" => SourceKind::Biorxiv,
        other => {
            return Err(CliError::Usage(format!(
                "sync: unknown source `{}`: expected hf, arxiv CATEGORY..., medrxiv or biorxiv",
                clean_line(other)
            )));
        }
    };
    match kind {
        SourceKind::Arxiv if rest.is_empty() => Err(CliError::Usage(
            "sync arxiv: name at least one category or archive (cs.CV, eess.IV, cs...)".into(),
        )),
        SourceKind::Arxiv => Ok(vec![job(kind, rest.to_vec())]),
        _ if !rest.is_empty() => Err(CliError::Usage(format!(
            "sync {source}: unexpected `{}` (categories of {source} are given with --category)",
            clean_line(&rest[0])
        ))),
        SourceKind::Hf if !categories.is_empty() => Err(CliError::Usage(
            "sync hf: Daily Papers has no categories".into(),
        )),
        _ => Ok(vec![job(kind, categories.to_vec())]),
    }
}

/// Runs the sync: progress on stderr when it is a terminal, one line per
/// source on stdout. Exit 0 when every source synced, 1 when some did not
/// (what arrived is kept), 2 when none could be reached.
pub fn run(
    library: &Library,
    jobs: &[Job],
    cache_dir: Option<&Path>,
    config_dir: Option<&Path>,
    out: &mut impl Write,
) -> Result<Status, CliError> {
    let endpoints = Endpoints::from_env().map_err(|e| CliError::Usage(e.to_string()))?;
    let terminal = std::io::stderr().is_terminal();
    let shown = Mutex::new(false);
    let progress = |p: Progress| {
        let mut shown = shown.lock().unwrap_or_else(|e| e.into_inner());
        let line = match p {
            Progress::Fetching { source, at, papers } if terminal => {
                format!(
                    "{source}: {at} · {} papers",
                    crate::units::thousands(papers)
                )
            }
            Progress::Waiting(why) => why,
            _ => {
                if *shown {
                    eprint!("\r\x1b[K");
                    *shown = false;
                }
                return;
            }
        };
        if terminal {
            eprint!("\r\x1b[K{}", clean_line(&line));
            *shown = true;
        } else {
            eprintln!("paperboat: {}", clean_line(&line));
        }
    };
    let client = Client::new(Settings::default()).on_event(move |event| {
        if terminal {
            eprint!("\r\x1b[K{}", clean_line(&event.to_string()));
        } else {
            eprintln!("paperboat: {}", clean_line(&event.to_string()));
        }
    });
    let context = Context {
        library,
        client: &client,
        endpoints: &endpoints,
        cache_dir,
        progress: &progress,
    };
    let reports = crate::sync::run(&context, jobs).map_err(CliError::Usage)?;
    if terminal {
        eprint!("\r\x1b[K");
    }
    let status = report(&reports, out)?;
    if reports.iter().any(|r| r.new > 0) {
        new_in_saved_queries(library, cache_dir, config_dir, out)?;
    }
    Ok(status)
}

/// `segs: 5 new` for each saved query with papers new since the last
/// visit (every paper before any), after a sync brought some.
fn new_in_saved_queries(
    library: &Library,
    cache_dir: Option<&Path>,
    config_dir: Option<&Path>,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let Some(config_dir) = config_dir else {
        return Ok(());
    };
    let (saved, _) = crate::store::saved_queries::runnable(
        crate::store::saved_queries::QueryStore::new(config_dir).load()?,
    );
    if saved.is_empty() {
        return Ok(());
    }
    let segments = library.segments().into_iter().map(|s| s.path).collect();
    let data_dir = library.dir().parent();
    let chosen = super::corpus::Chosen::Library(segments);
    let mut catalog = super::corpus::load(&chosen, Default::default(), cache_dir, data_dir)?;
    for q in &saved {
        // Prepared as `search` prepares it: a saved `is:bookmarked` or
        // `is:updated` counts the bookmarks.
        let Ok(query) = super::prepare(&mut catalog, &q.query, Some(config_dir)) else {
            continue;
        };
        let hits = catalog.index.search(&catalog, &query);
        let new = hits
            .iter()
            .filter(|h| catalog.index.is_new(h.index))
            .count();
        if new > 0 {
            writeln!(
                out,
                "{}: {} new",
                clean_line(&q.name),
                crate::units::thousands(new)
            )?;
        }
    }
    Ok(())
}

/// Prints the reports (a source that brought nothing before it failed
/// only as its failure, on stderr); the status they make.
fn report(reports: &[Report], out: &mut impl Write) -> Result<Status, CliError> {
    let did_something = |r: &Report| r.failure.is_none() || r.new + r.updated + r.removed > 0;
    for report in reports.iter().filter(|r| did_something(r)) {
        writeln!(out, "{}", clean_line(&report.to_string()))?;
    }
    for report in reports.iter().filter(|r| !did_something(r)) {
        let why = report.failure.as_deref().unwrap_or("no answer");
        eprintln!("paperboat: {}: {}", report.source, clean_line(why));
    }
    if reports.iter().all(|r| r.failure.is_none()) {
        Ok(Status::Done)
    } else if reports.iter().any(did_something) {
        Ok(Status::Flawed)
    } else {
        Err(CliError::Quiet)
    }
}

/// `paperboat library`: each source (what, since, last synced, papers),
/// the total, the size on disk and where the library is; then the PDFs
/// kept, their size, how many are searchable and where they are.
pub fn library(
    library: &Library,
    pdfs: &crate::library::Pdfs,
    total: Option<usize>,
    out: &mut impl Write,
) -> Result<Status, CliError> {
    let sources = library.sources().load()?;
    if sources.is_empty() {
        writeln!(
            out,
            "no source synced yet: `paperboat sync hf` brings in the latest Daily Papers"
        )?;
    } else {
        writeln!(
            out,
            "{:<28} {:<10}  {:<20}  {:>9}",
            "source", "since", "last synced", "papers"
        )?;
        for s in &sources {
            let last = s.last_synced.map_or("never".to_string(), |t| {
                t.to_string().replacen('T', " ", 1).replace('Z', " UTC")
            });
            writeln!(
                out,
                "{:<28} {:<10}  {:<20}  {:>9}",
                clean_line(&s.label()),
                s.since,
                last,
                crate::units::thousands(s.papers as usize)
            )?;
        }
    }
    let segments = library.segments().len();
    writeln!(
        out,
        "{} in {} segment{} · {} · {}",
        crate::units::papers(total.unwrap_or(0)),
        segments,
        if segments == 1 { "" } else { "s" },
        crate::units::bytes(library.size_on_disk()),
        clean_line(&library.dir().display().to_string())
    )?;
    let kept = pdfs.summary();
    let mut line = format!(
        "{} PDF{} · {}",
        crate::units::thousands(kept.count),
        if kept.count == 1 { "" } else { "s" },
        crate::units::bytes(kept.bytes)
    );
    if kept.count > 0 {
        line.push_str(&format!(" · {} searchable", kept.searchable));
        if kept.unreadable > 0 {
            line.push_str(&format!(", {} unreadable", kept.unreadable));
        }
    }
    let place = clean_line(&pdfs.dir().display().to_string());
    writeln!(out, "{line} · {place}")?;
    Ok(Status::Done)
}
