//! Taking a PDF's text in a child process with limits: pdf-extract panics
//! on some papers, and a hostile PDF can make it allocate gigabytes or
//! run for long. The child (`paperboat extract-text FILE`, which sets
//! its own memory and CPU limits) prints the text as JSON; here it is
//! waited for at most [`WALL_LIMIT`], its output read up to
//! [`OUTPUT_LIMIT`], and anything else it does is one line of failure.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::library::Pdfs;
use paperboat_core::pdftext::{PdfText, Unreadable};

/// The hidden subcommand that takes a PDF's text.
pub const SUBCOMMAND: &str = "extract-text";

/// The longest a child may take, whatever it does.
pub const WALL_LIMIT: Duration = Duration::from_secs(60);

/// The most the child may print: every page at its longest is far less
/// for any paper.
pub const OUTPUT_LIMIT: u64 = 64 << 20;

/// What the child prints: the text, or why there is none.
pub type ChildAnswer = Result<PdfText, Unreadable>;

/// Why a PDF's text was not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// The PDF holds no text that can be read: kept as unreadable.
    #[error("{0}")]
    Unreadable(#[from] Unreadable),
    /// The child went past its limits on this PDF: kept as unreadable
    /// too (it would again).
    #[error("{0}")]
    Limits(String),
    /// The child could not run, or failed in a way another try may not:
    /// nothing is kept, and the next download or `paperboat pdf` tries
    /// again.
    #[error("{0}")]
    Failed(String),
}

/// The text of the PDF at `pdf`, taken by `program extract-text` (the
/// paperboat binary) within its limits.
pub fn extract_in_child(program: &Path, pdf: &Path) -> Result<PdfText, TextError> {
    extract_within(program, pdf, WALL_LIMIT)
}

/// [`extract_in_child`], the child stopped after `wall`.
fn extract_within(program: &Path, pdf: &Path, wall: Duration) -> Result<PdfText, TextError> {
    let failed = |why: String| TextError::Failed(why);
    let mut child = Command::new(program)
        .arg(SUBCOMMAND)
        .arg(pdf)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| failed(format!("could not start the text extraction: {e}")))?;
    let Some(stdout) = child.stdout.take() else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(failed("the text extraction gave no output".into()));
    };
    // Read beside the wait, so that a full pipe never stalls the child.
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let read = stdout.take(OUTPUT_LIMIT + 1).read_to_end(&mut out);
        read.map(|_| out)
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > wall => {
                let _ = child.kill();
                let _ = child.wait();
                let _ = reader.join();
                return Err(failed(format!(
                    "the text extraction took over {} s and was stopped",
                    wall.as_secs_f64()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(failed(format!("the text extraction failed: {e}"))),
        }
    };
    let out = match reader.join() {
        Ok(Ok(out)) => out,
        _ => {
            return Err(failed(
                "the text extraction's output could not be read".into(),
            ));
        }
    };
    // Past the limit the output is not read on, and the child ends by
    // SIGPIPE: that is what it did.
    if out.len() as u64 > OUTPUT_LIMIT {
        let why = "the text extraction printed too much";
        return Err(TextError::Limits(why.into()));
    }
    if !status.success() {
        let why = "the text extraction went past its memory or time limit";
        return Err(TextError::Limits(why.into()));
    }
    let answer: ChildAnswer = serde_json::from_slice(&out)
        .map_err(|_| failed("the text extraction's output is not what it should be".into()))?;
    Ok(answer?)
}

/// How a PDF's text went: searchable, or why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextOutcome {
    /// The text is kept: this many pages (this many unreadable).
    Searchable {
        /// Pages.
        pages: usize,
        /// Pages that could not be read.
        failed_pages: usize,
    },
    /// No text: the PDF is kept and opens as usual.
    Unreadable(String),
}

/// Takes the text of `id`'s PDF (on disk in `pdfs`) and keeps it beside
/// the PDF, or the reason there is none; an error (nothing kept, so that
/// a later try takes it) when the child could not do its work, or neither
/// could be written.
pub fn take_text(program: &Path, pdfs: &Pdfs, id: &str) -> Result<TextOutcome, String> {
    let path = pdfs.path(id).map_err(|e| e.to_string())?;
    match extract_in_child(program, &path) {
        Ok(text) => {
            pdfs.keep_text(id, &text.pages).map_err(|e| e.to_string())?;
            Ok(TextOutcome::Searchable {
                pages: text.pages.len(),
                failed_pages: text.failed_pages,
            })
        }
        Err(TextError::Failed(why)) => Err(why),
        Err(why) => {
            let why = why.to_string();
            pdfs.keep_unreadable(id, &why).map_err(|e| e.to_string())?;
            Ok(TextOutcome::Unreadable(why))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    /// A child that runs `body` (a shell script) in place of paperboat.
    fn child(dir: &Path, body: &str) -> std::path::PathBuf {
        let path = dir.join("child.sh");
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    fn failure(body: &str, wall: Duration) -> String {
        let dir = tempfile::tempdir().unwrap();
        let program = child(dir.path(), body);
        match extract_within(&program, Path::new("x.pdf"), wall) {
            Err(TextError::Failed(why) | TextError::Limits(why)) => why,
            other => panic!("{body}: {other:?}"),
        }
    }

    #[test]
    fn a_child_past_its_limits_or_talking_nonsense_is_one_line() {
        // Killed by its memory limit (an abort) or a signal.
        assert_eq!(
            failure("kill -9 $$", WALL_LIMIT),
            "the text extraction went past its memory or time limit"
        );
        assert_eq!(
            failure("echo '{\"Ok\": 3}'", WALL_LIMIT),
            "the text extraction's output is not what it should be"
        );
        let started = std::time::Instant::now();
        assert_eq!(
            failure("exec sleep 30", Duration::from_millis(300)),
            "the text extraction took over 0.3 s and was stopped"
        );
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn a_child_printing_without_end_is_cut_off() {
        assert_eq!(
            failure("exec yes", Duration::from_secs(20)),
            "the text extraction printed too much"
        );
    }

    #[test]
    fn the_childs_answer_comes_back() {
        let dir = tempfile::tempdir().unwrap();
        let ok = child(
            dir.path(),
            r#"echo '{"Ok": {"pages": ["a", "b"], "failed_pages": 1}}'"#,
        );
        let text = extract_within(&ok, Path::new("x.pdf"), WALL_LIMIT).unwrap();
        assert_eq!((text.pages.len(), text.failed_pages), (2, 1));
        let locked = child(dir.path(), r#"echo '{"Err": "Encrypted"}'"#);
        assert_eq!(
            extract_within(&locked, Path::new("x.pdf"), WALL_LIMIT),
            Err(TextError::Unreadable(Unreadable::Encrypted))
        );
    }
}
