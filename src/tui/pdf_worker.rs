//! `d` and `P`: papers' PDFs downloaded on a thread beside the reader, one
//! at a time (arXiv's 3 s apart), each told as it lands or fails, the
//! progress in the status line. The thread lives while the reader does
//! and takes jobs in the order they come.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use crate::corpus::Paper;
use crate::library::{PdfViewer, Pdfs};
use crate::net::{Client, Endpoints, Settings};
use crate::pdf::{Downloader, TextOutcome};

/// Where the reader keeps PDFs and how it opens them.
#[derive(Debug, Clone)]
pub struct PdfPlace {
    /// `<data dir>/pdfs/`.
    pub pdfs: Pdfs,
    /// The viewer `P` runs.
    pub viewer: PdfViewer,
}

/// Papers whose PDFs to bring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfJob {
    /// The papers, in order.
    pub papers: Vec<Paper>,
    /// Open each once it is on disk (`P`).
    pub open: bool,
}

/// What the download thread tells the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfEvent {
    /// Where it is: `PDF 2401.00001: 1.2 MB of 3.4 MB (1 of 3)`, or a wait.
    Progress(String),
    /// A paper's PDF is on disk.
    Landed {
        /// The paper.
        id: String,
        /// Where its PDF is.
        path: PathBuf,
        /// Whether to open it now.
        open: bool,
        /// Whether it was on disk already.
        already: bool,
        /// How taking its text went (` · 15 pages searchable`), when it
        /// was taken now.
        text: String,
    },
    /// A paper's PDF could not be brought: one line.
    Failed(String),
    /// Every job so far is done: how many PDFs landed and failed.
    Idle {
        /// PDFs on disk.
        landed: usize,
        /// PDFs that could not be brought.
        failed: usize,
    },
}

/// The download thread: jobs go in, events come out.
pub struct PdfWorker {
    jobs: Sender<PdfJob>,
    /// What the thread tells.
    pub events: Receiver<PdfEvent>,
}

impl PdfWorker {
    /// Hands the thread a job; false when it is gone.
    pub fn send(&self, job: PdfJob) -> bool {
        self.jobs.send(job).is_ok()
    }
}

/// How often progress is told while bytes arrive.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// Starts the download thread; `cancel` stops it between requests and
/// during waits (the reader quits).
pub fn spawn(place: PdfPlace, cancel: Arc<AtomicBool>) -> std::io::Result<PdfWorker> {
    let (jobs, job_rx) = mpsc::channel::<PdfJob>();
    let (tx, events) = mpsc::channel();
    std::thread::Builder::new()
        .name("pdfs".into())
        .spawn(move || run(&place, &cancel, &job_rx, &tx))?;
    Ok(PdfWorker { jobs, events })
}

fn run(place: &PdfPlace, cancel: &Arc<AtomicBool>, jobs: &Receiver<PdfJob>, tx: &Sender<PdfEvent>) {
    let endpoints = match Endpoints::from_env() {
        Ok(endpoints) => endpoints,
        Err(e) => {
            // Every job fails the same way: said once each.
            for job in jobs.iter() {
                let _ = tx.send(PdfEvent::Failed(e.to_string()));
                let failed = job.papers.len();
                let _ = tx.send(PdfEvent::Idle { landed: 0, failed });
            }
            return;
        }
    };
    let waits = tx.clone();
    let client = Client::new(Settings::default())
        .with_cancel(Arc::clone(cancel))
        .on_event(move |event| {
            let _ = waits.send(PdfEvent::Progress(event.to_string()));
        });
    let downloader = Downloader::new(&client, &place.pdfs, &endpoints.arxiv_pdf);
    let (mut landed, mut failed) = (0, 0);
    let mut next = jobs.recv().ok();
    while let Some(job) = next.take() {
        let count = job.papers.len();
        for (k, paper) in job.papers.iter().enumerate() {
            if cancel.load(Ordering::Relaxed) {
                return;
            }
            let of = if count > 1 {
                format!(" ({} of {count})", k + 1)
            } else {
                String::new()
            };
            match bring(&downloader, &place.pdfs, paper, job.open, &of, tx) {
                Brought::Landed => landed += 1,
                Brought::Failed => failed += 1,
                Brought::Cancelled => return,
            }
        }
        // The idle report waits for the last job queued.
        next = jobs.try_recv().ok();
        if next.is_none() {
            let _ = tx.send(PdfEvent::Idle { landed, failed });
            (landed, failed) = (0, 0);
            next = jobs.recv().ok();
        }
    }
}

/// How one paper's download went.
enum Brought {
    Landed,
    Failed,
    Cancelled,
}

/// Brings `paper`'s PDF and takes its text, telling `tx` the progress
/// and the outcome; `of` says where it is in its job (` (2 of 3)`).
fn bring(
    downloader: &Downloader,
    pdfs: &Pdfs,
    paper: &Paper,
    open: bool,
    of: &str,
    tx: &Sender<PdfEvent>,
) -> Brought {
    let mut last: Option<Instant> = None;
    let mut progress = |received: u64, declared: Option<u64>| {
        if last.is_some_and(|at| at.elapsed() < PROGRESS_EVERY) {
            return;
        }
        last = Some(Instant::now());
        let size = match declared {
            Some(total) => format!(
                "{} of {}",
                crate::units::bytes(received),
                crate::units::bytes(total)
            ),
            None => crate::units::bytes(received),
        };
        let text = format!("downloading the PDF of {}: {size}{of}", paper.id);
        let _ = tx.send(PdfEvent::Progress(text));
    };
    let _ = tx.send(PdfEvent::Progress(format!(
        "downloading the PDF of {}…{of}",
        paper.id
    )));
    match downloader.fetch(paper, &mut progress) {
        Ok(fetched) => {
            let already = fetched.url.is_none();
            // On disk but never read (the reader quit while it was read).
            let text = match already && pdfs.text_known(&paper.id) {
                true => String::new(),
                false => {
                    let what = format!("taking the text of {}'s PDF…{of}", paper.id);
                    let _ = tx.send(PdfEvent::Progress(what));
                    take_text(pdfs, &paper.id)
                }
            };
            let _ = tx.send(PdfEvent::Landed {
                id: paper.id.clone(),
                path: fetched.path,
                open,
                already,
                text,
            });
            Brought::Landed
        }
        Err(e) if e.is_cancelled() => Brought::Cancelled,
        Err(e) => {
            let _ = tx.send(PdfEvent::Failed(e.to_string()));
            Brought::Failed
        }
    }
}

/// Takes the text of `id`'s PDF in a child process (this program, with
/// limits), and says how that went.
fn take_text(pdfs: &Pdfs, id: &str) -> String {
    let program = match std::env::current_exe() {
        Ok(program) => program,
        Err(e) => return format!(" · its text was not taken: {e}"),
    };
    match crate::pdf::take_text(&program, pdfs, id) {
        Ok(TextOutcome::Searchable { pages, .. }) => format!(" · {pages} pages searchable"),
        Ok(TextOutcome::Unreadable(why)) => format!(" · no text: {why}"),
        Err(why) => format!(" · its text was not taken ({why}): d tries again"),
    }
}
