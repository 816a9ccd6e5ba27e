//! `E`'s file, written beside the keyboard: the papers are read one by
//! one into a temporary file in the target's directory, which takes the
//! target's name only once complete and only if no file has it; cancelled
//! or failed, the temporary file is removed and nothing is left behind.

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde::ser::{Error as _, SerializeSeq, Serializer};

use super::export_plan::{ExportFormat, ExportPlan};
use super::state::App;
use crate::cite::copy::markdown_line;
use crate::cite::{Citation, bibtex};
use crate::corpus::sanitize::clean_line;

/// The error a cancelled export's writing stops with.
const CANCELLED: &str = "cancelled";

/// How far an export is, shared between its thread and the event loop.
#[derive(Debug, Default)]
pub struct Progress {
    /// Steps done: one per paper read, and for BibTeX one more per entry
    /// written (the keys are made unique over all of them in between).
    done: AtomicUsize,
    /// Set to stop the export.
    cancel: AtomicBool,
}

impl Progress {
    /// Stops the export as soon as it looks.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    fn step(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// The share done, 0-100, of `plan`.
    pub fn percent(&self, plan: &ExportPlan) -> usize {
        let steps = match plan.format {
            ExportFormat::Bibtex => plan.papers * 2,
            _ => plan.papers,
        };
        (self.done.load(Ordering::Relaxed) * 100 / steps.max(1)).min(100)
    }
}

/// Writes `plan`'s file from `app`'s picks (or selected paper): what the
/// status line says when it is written, or why it is not.
pub fn write(app: &App, plan: &ExportPlan, progress: &Progress) -> Result<String, String> {
    let name = clean_line(&plan.path.display().to_string());
    let exists = || format!("{name} exists; it was left as it is");
    if std::fs::symlink_metadata(&plan.path).is_ok() {
        return Err(exists());
    }
    let dir = match plan.path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let file_name = plan
        .path
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{file_name}."))
        .suffix(".part")
        .rand_bytes(8)
        // As any new file: the umask decides, not a private default.
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666))
        .tempfile_in(dir)
        .map_err(|e| format!("{}: {}", clean_line(&dir.display().to_string()), reason(&e)))?;
    let written = {
        let mut out = BufWriter::new(tmp.as_file_mut());
        let count = write_papers(app, plan.format, progress, &mut out);
        count.and_then(|count| out.flush().map(|()| count))
    };
    let count = match written {
        Err(_) if progress.cancelled() => return Err("cancelled; no file was written".into()),
        Err(e) => return Err(format!("{name}: {}", reason(&e))),
        Ok(0) => return Err("no picked paper is in this corpus".into()),
        Ok(count) => count,
    };
    tmp.as_file()
        .sync_all()
        .map_err(|e| format!("{name}: {}", reason(&e)))?;
    // Never over a file, even one made while this one was written.
    tmp.persist_noclobber(&plan.path)
        .map_err(|e| match e.error.kind() {
            io::ErrorKind::AlreadyExists => exists(),
            _ => format!("{name}: {}", reason(&e.error)),
        })?;
    Ok(plan.done(count))
}

fn reason(e: &io::Error) -> String {
    crate::corpus::io_reason(e)
}

/// Writes the papers in `format`; how many were written.
fn write_papers(
    app: &App,
    format: ExportFormat,
    progress: &Progress,
    out: &mut impl Write,
) -> io::Result<usize> {
    let stop = || -> io::Result<()> {
        pause_for_tests();
        if progress.cancelled() {
            return Err(io::Error::other(CANCELLED));
        }
        Ok(())
    };
    match format {
        ExportFormat::Bibtex => {
            let mut citations: Vec<Citation> = Vec::new();
            for paper in app.targets() {
                stop()?;
                citations.push(app.citation(&paper));
                progress.step();
            }
            let all: Vec<&Citation> = citations.iter().collect();
            for (i, (c, key)) in all.iter().zip(bibtex::keys(&all)).enumerate() {
                stop()?;
                if i > 0 {
                    out.write_all(b"\n")?;
                }
                out.write_all(bibtex::entry_text(c, &key).as_bytes())?;
                progress.step();
            }
            Ok(citations.len())
        }
        ExportFormat::Markdown => {
            let mut papers = app.targets().peekable();
            let mut count = 0;
            while let Some(paper) = papers.next() {
                stop()?;
                // A list as soon as there are two.
                let list = count > 0 || papers.peek().is_some();
                writeln!(out, "{}", markdown_line(&paper, list))?;
                count += 1;
                progress.step();
            }
            Ok(count)
        }
        ExportFormat::Json => {
            let count = AtomicUsize::new(0);
            let papers = Papers {
                app,
                progress,
                count: &count,
            };
            crate::corpus::safe_json::to_writer_pretty(&mut *out, &papers)?;
            out.write_all(b"\n")?;
            Ok(count.into_inner())
        }
    }
}

/// The papers as one JSON array, read as they are written.
struct Papers<'a> {
    app: &'a App,
    progress: &'a Progress,
    count: &'a AtomicUsize,
}

impl serde::Serialize for Papers<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for paper in self.app.targets() {
            pause_for_tests();
            if self.progress.cancelled() {
                return Err(S::Error::custom(CANCELLED));
            }
            seq.serialize_element(&*paper)?;
            self.count.fetch_add(1, Ordering::Relaxed);
            self.progress.step();
        }
        seq.end()
    }
}

/// A pause before each paper, for the end-to-end tests that watch an
/// export's progress and cancel it: `PAPERBOAT_TEST_EXPORT_PAUSE_MS`. Only
/// in debug builds: the released binary has no such door.
#[cfg(debug_assertions)]
fn pause_for_tests() {
    static PAUSE: std::sync::OnceLock<Option<std::time::Duration>> = std::sync::OnceLock::new();
    let pause = PAUSE.get_or_init(|| {
        std::env::var("PAPERBOAT_TEST_EXPORT_PAUSE_MS")
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map(std::time::Duration::from_millis)
    });
    if let Some(pause) = pause {
        std::thread::sleep(*pause);
    }
}

#[cfg(not(debug_assertions))]
fn pause_for_tests() {}
