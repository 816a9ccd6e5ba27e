//! Loading a corpus file on a background thread, so that the reader draws
//! its first frame at once and stays usable while papers arrive. The thread
//! also builds each batch's part of the index, leaving the reader only
//! cheap appends.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::time::{Duration, Instant};

use crate::cache::FileKey;
use crate::catalog::{
    CacheUse, Catalog, Opened, abstracts_by_part, abstracts_home, build, index_abstracts,
    open_cached, open_cached_index, state_of,
};
use crate::corpus::{LoadError, LoadOptions, LoadSummary, Paper, stream_file};
use crate::fulltext::Abstracts;
use crate::query::Index;
use std::sync::Arc;

/// What the loading thread reports.
pub enum LoadEvent {
    /// More papers, with their part of the index.
    Papers(Box<Arrived>),
    /// The file is read to the end (or failed).
    Done(Result<Finished, LoadError>),
    /// The file read again into a shelved catalog, after `Done`.
    Shelved(Box<Shelved>),
    /// The file is being read again into the index kept for next time,
    /// after `Done`.
    Keeping,
    /// Abstracts indexed so far, of how many.
    IndexingAbstracts(usize, usize),
    /// The abstracts indexed by word (or `None`: they could not be).
    Abstracts(Option<Arc<Abstracts>>),
    /// The abstracts of each file of a stacked catalog indexed, with where
    /// its papers start (or `None`: some could not be).
    AbstractParts(Option<Vec<(usize, Arc<Abstracts>)>>),
}

/// A corpus file read into a catalog that leaves the records in the file.
pub struct Shelved {
    /// The catalog.
    pub catalog: Catalog,
    /// What the cache did with it.
    pub cache: CacheUse,
}

/// A batch of papers as the reader takes them in.
pub struct Arrived {
    /// The papers, following those already received.
    pub papers: Vec<Paper>,
    /// Their index, to append to the reader's.
    pub index: Index,
    /// Bytes of the file read so far.
    pub bytes_read: u64,
    /// The file's size.
    pub total_bytes: u64,
    /// Bad records skipped so far.
    pub skipped: usize,
}

/// How a load ended.
pub struct Finished {
    /// The corpus name and the records skipped.
    pub summary: LoadSummary,
    /// Seconds from start to the last paper.
    pub seconds: f64,
}

/// What the loading thread hands the indexing thread.
enum Job {
    Batch(crate::corpus::Batch),
    Done(Result<Finished, LoadError>),
    Shelved(Box<Shelved>),
    Event(LoadEvent),
}

/// Starts loading `path`; events arrive on the returned channel in order.
/// Once it is loaded, a regular file is read again into a catalog that
/// leaves the records in the file, kept in `cache_dir` when given (see
/// [`LoadEvent::Shelved`]). The thread ends by itself when the reader
/// goes away.
pub fn spawn(
    path: PathBuf,
    options: LoadOptions,
    cache_dir: Option<PathBuf>,
) -> std::io::Result<Receiver<LoadEvent>> {
    let (tx, rx) = mpsc::channel();
    // Indexing on a thread of its own, so that it overlaps with parsing
    // instead of holding up the hand-over of parsed papers; the end is
    // passed along the same way, so it comes after the last papers.
    let (jobs, to_index) = mpsc::sync_channel::<Job>(4);
    std::thread::Builder::new()
        .name("index".into())
        .spawn(move || {
            for job in to_index {
                let event = match job {
                    Job::Batch(batch) => {
                        let index = Index::part(&batch.papers);
                        LoadEvent::Papers(Box::new(Arrived {
                            papers: batch.papers,
                            index,
                            bytes_read: batch.bytes_read,
                            total_bytes: batch.total_bytes,
                            skipped: batch.skipped,
                        }))
                    }
                    Job::Done(result) => LoadEvent::Done(result),
                    Job::Shelved(shelved) => LoadEvent::Shelved(shelved),
                    Job::Event(event) => event,
                };
                // A closed channel means the reader quit: the process is
                // about to end, so there is no one left to tell.
                if tx.send(event).is_err() {
                    break;
                }
            }
        })?;
    std::thread::Builder::new()
        .name("load".into())
        .spawn(move || {
            let started = Instant::now();
            let mut sink = |batch: crate::corpus::Batch| {
                let _ = jobs.send(Job::Batch(batch));
            };
            let key = FileKey::of(&path);
            let result = stream_file(&path, options, &mut sink).map(|summary| Finished {
                summary,
                seconds: started.elapsed().as_secs_f64(),
            });
            let loaded = result.is_ok();
            if jobs.send(Job::Done(result)).is_err() || !loaded {
                return;
            }
            // Only a regular file can be read again, and its key must be
            // taken before the first read, so that a file changed since
            // is never kept under its old key.
            let Ok(Some(key)) = key else {
                return;
            };
            after_load(&path, options, cache_dir.as_deref(), key, &jobs);
        })?;
    Ok(rx)
}

/// Once the file at `path` is loaded: read again into a shelved catalog
/// (kept in `cache_dir` when given) and its abstracts indexed, each told
/// on `jobs` as it is done.
fn after_load(
    path: &std::path::Path,
    options: LoadOptions,
    cache_dir: Option<&std::path::Path>,
    key: FileKey,
    jobs: &SyncSender<Job>,
) {
    let state = state_of(&key);
    let _ = jobs.send(Job::Event(LoadEvent::Keeping));
    let Some(mut shelved) = shelve(path, options, cache_dir, key) else {
        return;
    };
    let mut tell = |event| jobs.send(Job::Event(event)).is_ok();
    if shelved.cache == CacheUse::Kept {
        // Kept: the records are handed over at once, and the
        // abstracts indexed from the cached catalog meanwhile.
        let total = shelved.catalog.len();
        let _ = jobs.send(Job::Shelved(Box::new(shelved)));
        // Told before the cached catalog opens, which takes a moment.
        tell(LoadEvent::IndexingAbstracts(0, total));
        let dir = cache_dir;
        let opened = dir.and_then(|dir| {
            let key = FileKey::of(path).ok()??;
            open_cached(dir, path, &key, options)
        });
        if let Some(opened) = opened {
            let home = dir.and_then(|dir| abstracts_home(dir, path));
            let abstracts = abstracts_of(&opened.catalog, home.as_deref(), &state, &mut tell);
            tell(LoadEvent::Abstracts(abstracts));
        }
    } else {
        let catalog = &mut shelved.catalog;
        if let Some(abstracts) = abstracts_of(catalog, None, &state, &mut tell) {
            catalog.set_abstracts(abstracts);
        }
        let _ = jobs.send(Job::Shelved(Box::new(shelved)));
    }
}

/// Opens the abstracts index of the cached corpus file at `path` beside
/// the reader (whose catalog came from the cache without them), indexing
/// them when there is none that answers for the file: progress and the
/// outcome arrive on the returned channel.
pub fn spawn_abstracts(
    path: PathBuf,
    options: LoadOptions,
    cache_dir: PathBuf,
) -> std::io::Result<Receiver<LoadEvent>> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("abstracts".into())
        .spawn(move || {
            let mut tell = |event| tx.send(event).is_ok();
            let Ok(Some(key)) = FileKey::of(&path) else {
                tell(LoadEvent::Abstracts(None));
                return;
            };
            let Some(opened) = open_cached_index(&cache_dir, &path, &key, options) else {
                tell(LoadEvent::Abstracts(None));
                return;
            };
            // A file that grew at its end has two parts: what it was, and
            // what was added.
            match parts_of(&opened, &mut tell) {
                Some(mut parts) if parts.len() == 1 => {
                    tell(LoadEvent::Abstracts(parts.pop().map(|(_, a)| a)))
                }
                parts => tell(LoadEvent::AbstractParts(parts)),
            };
        })?;
    Ok(rx)
}

/// Opens (or indexes, when the cache has none that answers) the abstracts
/// of each of the files `parts` (with where its papers start) of a stacked
/// catalog beside the reader; progress and the outcome arrive on the
/// returned channel.
pub fn spawn_part_abstracts(
    parts: Vec<(usize, PathBuf)>,
    options: LoadOptions,
    cache_dir: Option<PathBuf>,
) -> std::io::Result<Receiver<LoadEvent>> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("abstracts".into())
        .spawn(move || {
            let mut tell = |event| tx.send(event).is_ok();
            let mut done = Vec::with_capacity(parts.len());
            for (start, path) in parts {
                let Some(abstracts) =
                    part_abstracts(&path, options, cache_dir.as_deref(), &mut tell)
                else {
                    tell(LoadEvent::AbstractParts(None));
                    return;
                };
                done.extend(abstracts.into_iter().map(|(s, a)| (start + s, a)));
            }
            tell(LoadEvent::AbstractParts(Some(done)));
        })?;
    Ok(rx)
}

/// The abstracts of one file of a stacked catalog, by part (see
/// [`parts_of`]), each with where its papers start in the file.
fn part_abstracts(
    path: &std::path::Path,
    options: LoadOptions,
    cache_dir: Option<&std::path::Path>,
    tell: &mut dyn FnMut(LoadEvent) -> bool,
) -> Option<Vec<(usize, Arc<Abstracts>)>> {
    let key = FileKey::of(path).ok()??;
    let opened = match cache_dir {
        Some(dir) => open_cached_index(dir, path, &key, options)?,
        None => crate::catalog::open_file_without_abstracts(path, options, None).ok()?,
    };
    parts_of(&opened, tell)
}

/// The abstracts of an opened file, each part kept in the cache or
/// indexed now (into the cache when there is one), telling progress a
/// few times a second.
fn parts_of(
    opened: &Opened,
    tell: &mut dyn FnMut(LoadEvent) -> bool,
) -> Option<Vec<(usize, Arc<Abstracts>)>> {
    let mut last = Instant::now();
    let mut progress = |done, total| {
        if last.elapsed() >= Duration::from_millis(250) {
            last = Instant::now();
            tell(LoadEvent::IndexingAbstracts(done, total));
        }
    };
    abstracts_by_part(&opened.catalog, &opened.abstracts, true, &mut progress)
}

/// The abstracts of `catalog` indexed into `home` (else in memory),
/// telling progress a few times a second; `None` if indexing failed.
fn abstracts_of(
    catalog: &Catalog,
    home: Option<&std::path::Path>,
    state: &str,
    tell: &mut dyn FnMut(LoadEvent) -> bool,
) -> Option<Arc<Abstracts>> {
    // Said at once, so that the status line tells of it from the start.
    tell(LoadEvent::IndexingAbstracts(0, catalog.len()));
    let mut last = Instant::now();
    let mut progress = |done, total| {
        if last.elapsed() >= Duration::from_millis(250) {
            last = Instant::now();
            tell(LoadEvent::IndexingAbstracts(done, total));
        }
    };
    let built = index_abstracts(catalog, home, state, &mut progress)
        .or_else(|_| index_abstracts(catalog, None, state, &mut progress));
    built.ok().map(Arc::new)
}

/// The file at `path` read again into a shelved catalog, kept in the
/// cache at `cache_dir` when given; `None` if it no longer reads.
fn shelve(
    path: &std::path::Path,
    options: LoadOptions,
    cache_dir: Option<&std::path::Path>,
    key: FileKey,
) -> Option<Shelved> {
    let (mut catalog, kept) = build(path, options, &mut |_, _| {}).ok()?;
    let cache = match cache_dir {
        None => CacheUse::Off,
        Some(dir) => match catalog.keep(dir, path, key, &kept) {
            Ok(()) => CacheUse::Kept,
            Err(e) => CacheUse::NotKept(format!(
                "{}: {}",
                dir.display(),
                crate::corpus::io_reason(&e)
            )),
        },
    };
    Some(Shelved { catalog, cache })
}

/// What arrives in the first moments, to be taken in first: the first
/// word from the loader (a batch, or the error of a file that fails at
/// once, reported before the terminal is touched) is awaited up to `head`,
/// and more papers up to `wait` from the start, so a small file is whole.
pub fn first_look(
    receiver: &Receiver<LoadEvent>,
    head: Duration,
    wait: Duration,
) -> Result<VecDeque<LoadEvent>, LoadError> {
    let mut early = VecDeque::new();
    let started = Instant::now();
    loop {
        let deadline = started + if early.is_empty() { head } else { wait };
        let Some(left) = deadline.checked_duration_since(Instant::now()) else {
            break;
        };
        match receiver.recv_timeout(left) {
            Ok(LoadEvent::Done(Err(e))) => return Err(e),
            Ok(event) => {
                let done = matches!(event, LoadEvent::Done(_));
                early.push_back(event);
                if done {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    Ok(early)
}
