//! `U`: syncing the library on a thread beside the reader. Each source's
//! papers land as a segment of the library; the library is then opened
//! again (only the new segment is indexed) and handed to the reader, so
//! new papers join the list while the next source is fetched.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{self, Receiver};

use crate::catalog::{Catalog, open_files};
use crate::corpus::LoadOptions;
use crate::library::Library;
use crate::net::{Client, Endpoints, Settings};
use crate::sync::{Context, Job, Progress};

/// Where the reader's library is, when it shows one.
#[derive(Debug, Clone)]
pub struct LibraryPlace {
    /// The data dir.
    pub data_dir: PathBuf,
    /// The cache dir, if any.
    pub cache_dir: Option<PathBuf>,
    /// How the segments load.
    pub options: LoadOptions,
}

/// What the sync thread tells the reader.
pub enum SyncEvent {
    /// Where it is: `hf: 2025-12-03 page 1 · 45 papers`, or a wait.
    Progress(String),
    /// A source landed: the library opened again, and what it brought.
    Grew(Box<Catalog>, String),
    /// The sync ended: what each source brought, or why it could not run.
    Done(Result<Vec<String>, String>),
}

/// Starts syncing every source the library remembers; events arrive on
/// the returned channel, the last one `Done`. `cancel` stops it between
/// requests (the reader quits).
pub fn spawn(place: LibraryPlace, cancel: Arc<AtomicBool>) -> std::io::Result<Receiver<SyncEvent>> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("sync".into())
        .spawn(move || {
            let result = run(&place, cancel, &tx);
            let _ = tx.send(SyncEvent::Done(result));
        })?;
    Ok(rx)
}

fn run(
    place: &LibraryPlace,
    cancel: Arc<AtomicBool>,
    tx: &mpsc::Sender<SyncEvent>,
) -> Result<Vec<String>, String> {
    let library = Library::new(&place.data_dir);
    let known = library.sources().load().map_err(|e| e.to_string())?;
    if known.is_empty() {
        return Err(
            "no source synced yet: `paperboat sync hf` (or arxiv, medrxiv, biorxiv) adds one"
                .into(),
        );
    }
    let jobs: Vec<Job> = known
        .into_iter()
        .map(|s| Job {
            kind: s.kind,
            categories: s.categories,
            since: None,
            until: None,
        })
        .collect();
    let endpoints = Endpoints::from_env().map_err(|e| e.to_string())?;
    let waits = tx.clone();
    let client = Client::new(Settings::default())
        .with_cancel(cancel)
        .on_event(move |event| {
            let _ = waits.send(SyncEvent::Progress(event.to_string()));
        });
    let progress = |p: Progress| match p {
        Progress::Fetching { source, at, papers } => {
            let text = format!("syncing {source}: {at} · {}", crate::units::papers(papers));
            let _ = tx.send(SyncEvent::Progress(text));
        }
        Progress::Waiting(text) => {
            let _ = tx.send(SyncEvent::Progress(text));
        }
        Progress::Landed(report) => {
            if report.new + report.updated + report.removed > 0
                && let Some(catalog) = reopen(&library, place)
            {
                let _ = tx.send(SyncEvent::Grew(Box::new(catalog), report.to_string()));
            }
        }
    };
    let context = Context {
        library: &library,
        client: &client,
        endpoints: &endpoints,
        cache_dir: place.cache_dir.as_deref(),
        progress: &progress,
    };
    let reports = crate::sync::run(&context, &jobs)?;
    Ok(reports.iter().map(ToString::to_string).collect())
}

/// The library opened again, each segment from its cache entry (the new
/// one indexed now, its abstracts too).
fn reopen(library: &Library, place: &LibraryPlace) -> Option<Catalog> {
    let paths: Vec<PathBuf> = library.segments().into_iter().map(|s| s.path).collect();
    let name = Some(crate::library::NAME.to_string());
    open_files(
        &paths,
        name,
        place.options,
        place.cache_dir.as_deref(),
        true,
        &mut |_, _| {},
    )
    .ok()
}
