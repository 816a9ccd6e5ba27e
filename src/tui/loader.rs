//! Loading a corpus file on a background thread, so that the reader draws
//! its first frame at once and stays usable while papers arrive. The thread
//! also builds each batch's part of the index, leaving the reader only
//! cheap appends.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crate::cache::FileKey;
use crate::catalog::{
    CacheUse, Catalog, Kept, Opened, abstracts_by_part, abstracts_home, index_abstracts,
    open_cached, open_cached_index, state_of,
};
use crate::corpus::{LoadError, LoadOptions, LoadSummary, stream_file};
use crate::fulltext::Abstracts;
use std::sync::Arc;

/// What the loading thread reports.
pub enum LoadEvent {
    /// More papers, with their part of the index.
    Papers(Box<Arrived>),
    /// The file is read to the end (or failed).
    Done(Result<Finished, LoadError>),
    /// The shelved catalog gathered beside the reader's while the file
    /// was read, finished (and kept in the cache), after `Done`.
    Shelved(Box<Shelved>),
    /// The index is being kept for next time, after `Done`.
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
    /// The papers, following those already received, with their part of
    /// the index: in memory, or shelved (see [`spawn`]).
    pub part: Catalog,
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
    /// Before any batch: the file's key and a handle on it, when it is a
    /// regular file whose records can be read again from it.
    Shelf(Option<(FileKey, Arc<std::fs::File>)>),
    Batch(crate::corpus::Batch),
    Done(Result<Finished, LoadError>),
}

/// Starts loading `path`; events arrive on the returned channel in order.
///
/// A regular file is read once. Its papers arrive shelved: the reader
/// keeps their rows and index and reads a record from the file when it
/// shows it, so the abstracts are never held in memory, nor even read.
/// A copy of the same is gathered beside, and kept in `cache_dir` (when
/// given) once the file is read, then the abstracts are indexed (see
/// [`LoadEvent::Shelved`]). Anything else (a pipe) is read into memory.
/// The threads end by themselves when the reader goes away.
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
    let load_path = path.clone();
    std::thread::Builder::new()
        .name("index".into())
        .spawn(move || index_beside(to_index, &tx, &path, options, cache_dir.as_deref()))?;
    std::thread::Builder::new()
        .name("load".into())
        .spawn(move || {
            let started = Instant::now();
            // Its key is taken before the first read, so that a file
            // changed since is never kept under its old key.
            let key = FileKey::of(&load_path).ok().flatten();
            let file = key
                .as_ref()
                .and_then(|_| std::fs::File::open(&load_path).ok());
            let shelf = key.zip(file.map(Arc::new));
            let options = LoadOptions {
                headlines_only: shelf.is_some(),
                ..options
            };
            let _ = jobs.send(Job::Shelf(shelf));
            let mut sink = |batch: crate::corpus::Batch| {
                let _ = jobs.send(Job::Batch(batch));
            };
            let result = stream_file(&load_path, options, &mut sink).map(|summary| Finished {
                summary,
                seconds: started.elapsed().as_secs_f64(),
            });
            let _ = jobs.send(Job::Done(result));
        })?;
    Ok(rx)
}

/// The indexing thread: each batch indexed and handed to the reader (with
/// a copy gathered for the cache, when the file can be read again), then,
/// once the file is read, the copy kept (see [`after_load`]).
fn index_beside(
    to_index: Receiver<Job>,
    tx: &mpsc::Sender<LoadEvent>,
    path: &std::path::Path,
    options: LoadOptions,
    cache_dir: Option<&std::path::Path>,
) {
    let mut shelf: Option<(FileKey, Arc<std::fs::File>)> = None;
    let mut copy = Catalog::loaded(String::new(), Vec::new());
    for job in to_index {
        let (event, kept) = match job {
            Job::Shelf(given) => {
                shelf = given;
                continue;
            }
            Job::Batch(batch) => {
                let expected = (copy.is_empty() && batch.bytes_read > 0).then(|| {
                    crate::corpus::expected_total(
                        batch.papers.len(),
                        batch.bytes_read,
                        batch.total_bytes,
                    )
                });
                let file = shelf.as_ref().map(|(_, f)| (Arc::clone(f), batch.format));
                let part = Catalog::of_batch(batch.papers, &batch.records, file);
                if let Some(part) = part.clone_shelved() {
                    copy.append(part, expected);
                }
                let arrived = Arrived {
                    part,
                    bytes_read: batch.bytes_read,
                    total_bytes: batch.total_bytes,
                    skipped: batch.skipped,
                };
                (LoadEvent::Papers(Box::new(arrived)), None)
            }
            Job::Done(result) => {
                let kept = result.as_ref().ok().map(|f| Kept::of(&f.summary));
                (LoadEvent::Done(result), kept)
            }
        };
        // A closed channel means the reader quit: the process is about to
        // end, so there is no one left to tell.
        if tx.send(event).is_err() {
            return;
        }
        let Some(kept) = kept else {
            continue;
        };
        if let Some((key, _)) = shelf.take()
            && copy.is_shelved()
        {
            let copy = std::mem::replace(&mut copy, Catalog::loaded(String::new(), Vec::new()));
            let mut tell = |event| tx.send(event).is_ok();
            after_load(path, options, cache_dir, key, copy, &kept, &mut tell);
            return;
        }
    }
}

/// Once the file at `path` is read: the copy of its shelved `catalog` is
/// kept in `cache_dir` when given and handed to the reader, and its
/// abstracts indexed, each told as it is done.
fn after_load(
    path: &std::path::Path,
    options: LoadOptions,
    cache_dir: Option<&std::path::Path>,
    key: FileKey,
    mut catalog: Catalog,
    kept: &Kept,
    tell: &mut dyn FnMut(LoadEvent) -> bool,
) {
    let state = state_of(&key);
    tell(LoadEvent::Keeping);
    catalog.name = kept.name.clone();
    catalog.index.finish();
    let cache = match cache_dir {
        None => CacheUse::Off,
        Some(dir) => match catalog.keep(dir, path, key, kept) {
            Ok(()) => CacheUse::Kept,
            Err(e) => CacheUse::NotKept(format!(
                "{}: {}",
                dir.display(),
                crate::corpus::io_reason(&e)
            )),
        },
    };
    let mut shelved = Shelved { catalog, cache };
    if shelved.cache == CacheUse::Kept {
        // Kept: the records are handed over at once, and the
        // abstracts indexed from the cached catalog meanwhile. Told
        // first, so that the reader takes both in at once: once it has
        // the catalog it may be busy a while (indexing the headlines'
        // words), and the status line must say what runs beside it.
        tell(LoadEvent::IndexingAbstracts(0, shelved.catalog.len()));
        tell(LoadEvent::Shelved(Box::new(shelved)));
        let dir = cache_dir;
        let opened = dir.and_then(|dir| {
            let key = FileKey::of(path).ok()??;
            open_cached(dir, path, &key, options)
        });
        if let Some(opened) = opened {
            let home = dir.and_then(|dir| abstracts_home(dir, path));
            let abstracts = abstracts_of(&opened.catalog, home.as_deref(), &state, tell);
            tell(LoadEvent::Abstracts(abstracts));
        }
    } else {
        let catalog = &mut shelved.catalog;
        if let Some(abstracts) = abstracts_of(catalog, None, &state, tell) {
            catalog.set_abstracts(abstracts);
        }
        tell(LoadEvent::Shelved(Box::new(shelved)));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Papers;

    /// Every event of loading `path` with a cache in `cache`, until the
    /// loader has nothing more to tell.
    fn events(path: &std::path::Path, cache: &std::path::Path) -> Vec<LoadEvent> {
        let rx = spawn(path.into(), LoadOptions::default(), Some(cache.into())).unwrap();
        let mut events = Vec::new();
        while let Ok(event) = rx.recv_timeout(Duration::from_secs(60)) {
            events.push(event);
        }
        events
    }

    #[test]
    fn a_file_is_read_once_into_shelved_papers_whose_records_read_back_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("arxiv.jsonl");
        let lines: Vec<String> = (0..3)
            .map(|i| {
                format!(
                    r#"{{"id":"2401.0000{i}","title":"Paper {i}","abstract":"The abstract of paper {i}.","categories":"cs.CV"}}"#
                )
            })
            .collect();
        std::fs::write(&path, lines.join("\n")).unwrap();
        let cache = dir.path().join("cache");
        let mut catalog = Catalog::loaded(String::new(), Vec::new());
        let mut told = Vec::new();
        for event in events(&path, &cache) {
            match event {
                LoadEvent::Papers(arrived) => {
                    assert!(
                        arrived.part.is_shelved(),
                        "a regular file's papers arrive shelved"
                    );
                    assert!(catalog.append(arrived.part, None));
                    told.push("papers");
                }
                LoadEvent::Done(result) => {
                    assert_eq!(result.unwrap().summary.skipped, 0);
                    told.push("done");
                }
                LoadEvent::Keeping => told.push("keeping"),
                LoadEvent::Shelved(shelved) => {
                    assert!(shelved.cache == CacheUse::Kept);
                    assert_eq!(shelved.catalog.len(), 3);
                    told.push("shelved");
                }
                LoadEvent::IndexingAbstracts(..) => {}
                LoadEvent::Abstracts(abstracts) => {
                    assert!(abstracts.is_some());
                    told.push("abstracts");
                }
                LoadEvent::AbstractParts(_) => panic!("one file has one part"),
            }
        }
        told.dedup();
        assert_eq!(told, ["papers", "done", "keeping", "shelved", "abstracts"]);
        assert_eq!(catalog.len(), 3);
        for i in 0..3 {
            let paper = catalog.paper(i);
            assert_eq!(paper.id, format!("arXiv:2401.0000{i}"));
            // Left unread on the way in, read back from the file.
            assert_eq!(paper.abstract_text, format!("The abstract of paper {i}."));
        }
        // Kept for next time, without reading the file a second time.
        let key = FileKey::of(&path).unwrap().unwrap();
        let opened = open_cached(&cache, &path, &key, LoadOptions::default()).unwrap();
        assert_eq!(opened.catalog.len(), 3);
        assert_eq!(opened.catalog.title(2), "Paper 2");
    }

    #[test]
    fn without_a_regular_file_the_papers_stay_in_memory() {
        let rx = spawn("/dev/null".into(), LoadOptions::default(), None).unwrap();
        let mut finished = false;
        while let Ok(event) = rx.recv_timeout(Duration::from_secs(60)) {
            match event {
                LoadEvent::Papers(arrived) => assert!(!arrived.part.is_shelved()),
                LoadEvent::Done(_) => finished = true,
                _ => panic!("nothing is kept of what cannot be read again"),
            }
        }
        assert!(finished);
    }
}
