//! `paperboat sync`: bringing the library up to date from Hugging Face
//! Daily Papers, arXiv (OAI-PMH) and medRxiv/bioRxiv. Each source is asked
//! only for what is new since it last synced (`plan`), its pages are
//! fetched through the polite client of [`crate::net`] and read by
//! [`crate::sources`] (`fetch_*`), and what arrived lands in the library
//! as one new segment, merged with the records it updates (`land`).
//! One sync at a time holds the library's lock.

mod days;
mod fetch_arxiv;
mod fetch_biorxiv;
mod fetch_hf;
mod land;
mod plan;
mod report;

use std::path::Path;

use crate::corpus::{Date, Instant};
use crate::library::{Library, SourceKind, SourceState};
use crate::net::{Client, Endpoints};

pub use days::today;
pub use land::{Landed, land};
pub use plan::{Job, plan};
pub use report::{Fetched, Progress, Report};

/// What sync needs besides the jobs.
pub struct Context<'a> {
    /// The library synced into.
    pub library: &'a Library,
    /// The HTTP client.
    pub client: &'a Client,
    /// Where the services are.
    pub endpoints: &'a Endpoints,
    /// The cache dir, where the library's index is kept.
    pub cache_dir: Option<&'a Path>,
    /// Told of progress.
    pub progress: &'a (dyn Fn(Progress) + Sync),
}

/// Syncs each of `jobs` in turn, each landing as a segment of its own as
/// soon as it is fetched, so that a failure later loses nothing before
/// it. The lock is held throughout; a second sync gets `Err` saying who
/// holds it, as does a library that cannot be written.
pub fn run(context: &Context, jobs: &[Job]) -> Result<Vec<Report>, String> {
    let _held = context.library.lock().try_hold()?;
    let store = context.library.sources();
    let remembered = store.load().map_err(|e| e.to_string())?;
    let today = today();
    let mut reports = Vec::with_capacity(jobs.len());
    for job in jobs {
        let known = remembered
            .iter()
            .find(|s| s.kind == job.kind && job.same_categories(s));
        let (from, to) = plan(job, known, today);
        let fetched = fetch(context, job, from, to);
        let landed =
            land(context.library, context.cache_dir, &fetched, Instant::now()).map_err(|e| {
                format!(
                    "{}: {}",
                    context.library.dir().display(),
                    crate::corpus::io_reason(&e)
                )
            })?;
        let report = Report {
            source: job.label(),
            new: landed.new,
            updated: landed.updated,
            removed: landed.removed,
            from,
            to,
            failure: fetched.failure.clone(),
            reached: fetched.answered,
        };
        if fetched.answered {
            let state = SourceState {
                kind: job.kind,
                categories: job.categories.clone(),
                since: known.map_or(from, |k| k.since.min(from)),
                until: fetched.reached.max(known.and_then(|k| k.until)),
                last_synced: Some(Instant::now()),
                papers: known.map_or(0, |k| k.papers) + landed.new as u64,
            };
            store.save(state).map_err(|e| e.to_string())?;
        }
        (context.progress)(Progress::Landed(report.clone()));
        reports.push(report);
    }
    land::merge_if_many(context.library).map_err(|e| {
        format!(
            "{}: {}",
            context.library.dir().display(),
            crate::corpus::io_reason(&e)
        )
    })?;
    Ok(reports)
}

/// Fetches `job` for the days `from..=to`.
fn fetch(context: &Context, job: &Job, from: Date, to: Date) -> Fetched {
    let tell = |at: String, papers: usize| {
        (context.progress)(Progress::Fetching {
            source: job.label(),
            at,
            papers,
        })
    };
    match job.kind {
        SourceKind::Hf => fetch_hf::fetch(context.client, &context.endpoints.hf, from, to, &tell),
        SourceKind::Arxiv => fetch_arxiv::fetch(
            context.client,
            &context.endpoints.arxiv_oai,
            &job.categories,
            from,
            (to < today()).then_some(to),
            &tell,
        ),
        SourceKind::Medrxiv | SourceKind::Biorxiv => fetch_biorxiv::fetch(
            context.client,
            &context.endpoints.biorxiv,
            job.kind,
            &job.categories,
            from,
            to,
            &tell,
        ),
    }
}
