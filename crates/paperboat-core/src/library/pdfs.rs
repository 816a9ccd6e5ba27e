//! The PDFs kept on disk, in `<data dir>/pdfs/`: one file per paper,
//! named by its id, beside the text taken from it.
//!
//! A PDF arrives through a [`Partial`]: a temporary file that refuses
//! what is not a PDF from its first bytes and anything over the cap, and
//! that is renamed to the paper's name only once it ends as a PDF ends.
//! So a cut download, a kill at any moment or an HTML page never leaves a
//! file named as the paper's; what a kill leaves is a temporary file that
//! [`Pdfs::sweep`] removes later.
//!
//! Beside `<name>.pdf`, `<name>.txt` holds its text (pages separated by a
//! form feed) once taken, and `<name>.unreadable` says why no text could
//! be taken (encrypted, images only, malformed); the PDF stays either way.

use std::fs::{self, File};
use std::io::{self, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The folder of the PDFs inside the data dir.
pub const FOLDER: &str = "pdfs";

/// The largest PDF kept: papers with many figures run to tens of MB; a
/// response larger than this is not a paper.
pub const MAX_PDF_BYTES: u64 = 100 << 20;

/// The smallest: a PDF with one empty page is a few hundred bytes.
pub const MIN_PDF_BYTES: u64 = 64;

/// Separates pages in a `.txt` file (a PDF's text never holds one: text is
/// cleaned as corpus text before it is written).
pub const PAGE_BREAK: char = '\u{c}';

/// The longest id kept as a file name once its unsafe bytes are written
/// as `%XX` (file names stop at 255 bytes; ids are far shorter).
const MAX_NAME: usize = 200;

/// Temporary files of downloads in progress: `.pdf-<random>.part`.
const PARTIAL_PREFIX: &str = ".pdf-";
const PARTIAL_SUFFIX: &str = ".part";
/// Temporary files of a PDF's text being written: `.txt-<random>.part`.
const TEXT_PREFIX: &str = ".txt-";

/// A temporary file this old is left from a download that was cut short
/// (a live download writes to its file far more often).
const STALE_PARTIAL: Duration = Duration::from_secs(3600);

/// Why a PDF was not kept.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The bytes are not a PDF.
    #[error("not a PDF: {0}")]
    NotPdf(String),
    /// Larger than [`MAX_PDF_BYTES`].
    #[error("larger than {} MiB; refused", MAX_PDF_BYTES >> 20)]
    TooLarge,
    /// Ends before a PDF's end.
    #[error("the PDF is cut short ({} received, no end of file)", crate::units::bytes(*.0))]
    Truncated(u64),
    /// The id cannot name a file.
    #[error("the id {0:?} is too long to name a file")]
    IdUnfit(String),
    /// The file system failed.
    #[error("{}: {}", .0.display(), .1)]
    Io(PathBuf, io::Error),
}

/// What the PDFs on disk amount to.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// PDFs kept.
    pub count: usize,
    /// Their bytes.
    pub bytes: u64,
    /// Those whose text is taken and searchable.
    pub searchable: usize,
    /// Those no text could be taken from.
    pub unreadable: usize,
}

/// The PDFs of one data dir.
#[derive(Debug, Clone)]
pub struct Pdfs {
    dir: PathBuf,
}

impl Pdfs {
    /// The PDFs of `data_dir`.
    pub fn new(data_dir: &Path) -> Pdfs {
        Pdfs {
            dir: data_dir.join(FOLDER),
        }
    }

    /// The PDFs in the folder `dir` (`<data dir>/pdfs`).
    pub fn at(dir: &Path) -> Pdfs {
        Pdfs {
            dir: dir.to_path_buf(),
        }
    }

    /// Its folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where paper `id`'s PDF is (or would be).
    pub fn path(&self, id: &str) -> Result<PathBuf, PdfError> {
        Ok(self.dir.join(format!("{}.pdf", file_name(id)?)))
    }

    /// Where the text taken from paper `id`'s PDF is.
    pub fn text_path(&self, id: &str) -> Result<PathBuf, PdfError> {
        Ok(self.dir.join(format!("{}.txt", file_name(id)?)))
    }

    /// Where the reason no text could be taken from `id`'s PDF is.
    pub fn unreadable_path(&self, id: &str) -> Result<PathBuf, PdfError> {
        Ok(self.dir.join(format!("{}.unreadable", file_name(id)?)))
    }

    /// Whether paper `id`'s PDF is on disk.
    pub fn has(&self, id: &str) -> bool {
        self.path(id).is_ok_and(|p| p.is_file())
    }

    /// The ids whose PDF is on disk, sorted; none when the folder is not
    /// there or cannot be read.
    pub fn ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .names_ending(".pdf")
            .into_iter()
            .filter_map(|name| id_of(&name))
            .collect();
        ids.sort_unstable();
        ids
    }

    /// Whether the text of `id`'s PDF was taken, or found unreadable.
    pub fn text_known(&self, id: &str) -> bool {
        let is_file = |path: Result<PathBuf, PdfError>| path.is_ok_and(|p| p.is_file());
        is_file(self.text_path(id)) || is_file(self.unreadable_path(id))
    }

    /// The ids whose PDF's text is taken, sorted.
    pub fn ids_with_text(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .names_ending(".txt")
            .into_iter()
            .filter_map(|name| id_of(&format!("{}.pdf", name.strip_suffix(".txt")?)))
            .collect();
        ids.sort_unstable();
        ids
    }

    /// The text of `id`'s PDF, one string per page; `None` when none was
    /// taken (yet).
    pub fn text(&self, id: &str) -> Option<Vec<String>> {
        let text = fs::read_to_string(self.text_path(id).ok()?).ok()?;
        Some(text.split(PAGE_BREAK).map(str::to_string).collect())
    }

    /// Why no text could be taken from `id`'s PDF, if that is so.
    pub fn unreadable(&self, id: &str) -> Option<String> {
        fs::read_to_string(self.unreadable_path(id).ok()?)
            .ok()
            .map(|why| why.trim().to_string())
    }

    /// Keeps the text of `id`'s PDF (pages already cleaned), replacing any
    /// earlier text or reason it was unreadable.
    pub fn keep_text(&self, id: &str, pages: &[String]) -> Result<(), PdfError> {
        let joined = pages.join(&PAGE_BREAK.to_string());
        self.replace(&self.text_path(id)?, joined.as_bytes())?;
        remove_if_there(&self.unreadable_path(id)?)
    }

    /// Records why no text could be taken from `id`'s PDF.
    pub fn keep_unreadable(&self, id: &str, why: &str) -> Result<(), PdfError> {
        let line = crate::corpus::sanitize::clean_line(why);
        self.replace(&self.unreadable_path(id)?, format!("{line}\n").as_bytes())?;
        remove_if_there(&self.text_path(id)?)
    }

    /// Removes `id`'s PDF and its text; whether there was a PDF.
    pub fn remove(&self, id: &str) -> Result<bool, PdfError> {
        let pdf = self.path(id)?;
        let had = pdf.is_file();
        remove_if_there(&pdf)?;
        remove_if_there(&self.text_path(id)?)?;
        remove_if_there(&self.unreadable_path(id)?)?;
        Ok(had)
    }

    /// How many PDFs, their size, and how many are searchable or not.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        let Ok(read) = fs::read_dir(&self.dir) else {
            return summary;
        };
        for item in read.flatten() {
            let name = item.file_name();
            let name = name.to_string_lossy();
            let Ok(meta) = item.metadata() else { continue };
            if !meta.is_file() || name.starts_with('.') {
                continue;
            }
            if name.ends_with(".pdf") {
                summary.count += 1;
                summary.bytes += meta.len();
            } else if name.ends_with(".txt") {
                summary.searchable += 1;
            } else if name.ends_with(".unreadable") {
                summary.unreadable += 1;
            }
        }
        summary
    }

    /// A new download of `id`'s PDF, written to a temporary file.
    pub fn begin(&self, id: &str) -> Result<Partial, PdfError> {
        let target = self.path(id)?;
        fs::create_dir_all(&self.dir).map_err(|e| PdfError::Io(self.dir.clone(), e))?;
        let file = tempfile::Builder::new()
            .prefix(PARTIAL_PREFIX)
            .suffix(PARTIAL_SUFFIX)
            // As any new file: the umask decides (a viewer may run as
            // another user), not a temporary file's private default.
            .permissions(fs::Permissions::from_mode(0o666))
            .tempfile_in(&self.dir)
            .map_err(|e| PdfError::Io(self.dir.clone(), e))?;
        Ok(Partial {
            file,
            target,
            received: 0,
            head: Vec::new(),
            tail: Vec::new(),
        })
    }

    /// Removes the temporary files of downloads cut short (older than an
    /// hour, so that a download running in another process is left be).
    pub fn sweep(&self) {
        let now = SystemTime::now();
        for name in self.names_ending(PARTIAL_SUFFIX) {
            if !name.starts_with(PARTIAL_PREFIX) && !name.starts_with(TEXT_PREFIX) {
                continue;
            }
            let path = self.dir.join(&name);
            let old = fs::metadata(&path)
                .and_then(|m| m.modified())
                .is_ok_and(|at| now.duration_since(at).unwrap_or_default() > STALE_PARTIAL);
            if old {
                let _ = fs::remove_file(path);
            }
        }
    }

    fn names_ending(&self, suffix: &str) -> Vec<String> {
        let Ok(read) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        read.flatten()
            .filter(|item| item.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|item| item.file_name().into_string().ok())
            .filter(|name| name.ends_with(suffix))
            .collect()
    }

    /// Writes `bytes` to `path` whole or not at all.
    fn replace(&self, path: &Path, bytes: &[u8]) -> Result<(), PdfError> {
        let io = |e| PdfError::Io(path.to_path_buf(), e);
        fs::create_dir_all(&self.dir).map_err(|e| PdfError::Io(self.dir.clone(), e))?;
        let mut tmp = tempfile::Builder::new()
            .prefix(TEXT_PREFIX)
            .suffix(PARTIAL_SUFFIX)
            .permissions(fs::Permissions::from_mode(0o666))
            .tempfile_in(&self.dir)
            .map_err(io)?;
        tmp.write_all(bytes).map_err(io)?;
        tmp.persist(path).map_err(|e| io(e.error))?;
        Ok(())
    }
}

/// A PDF being received: checked as it comes, kept under the paper's name
/// by [`Partial::keep`] only when whole.
pub struct Partial {
    file: tempfile::NamedTempFile,
    target: PathBuf,
    received: u64,
    /// The first bytes, until there are enough to tell a PDF.
    head: Vec<u8>,
    /// The last bytes received, where a PDF's end of file must be.
    tail: Vec<u8>,
}

/// How many of the first bytes may come before `%PDF-` (some servers send
/// a byte order mark or white space; a PDF reader looks this far).
const HEAD: usize = 1024;
/// How many of the last bytes hold `%%EOF` (writers may append a little).
const TAIL: usize = 2048;

impl Partial {
    /// Adds the next bytes; refuses at once what is not a PDF or too large.
    pub fn push(&mut self, bytes: &[u8]) -> Result<(), PdfError> {
        self.received += bytes.len() as u64;
        if self.received > MAX_PDF_BYTES {
            return Err(PdfError::TooLarge);
        }
        if self.head.len() < HEAD {
            let take = bytes.len().min(HEAD - self.head.len());
            self.head.extend_from_slice(&bytes[..take]);
            if self.head.len() >= 5 {
                check_start(&self.head, self.head.len() >= HEAD)?;
            }
        }
        self.tail.extend_from_slice(bytes);
        if self.tail.len() > TAIL {
            self.tail.drain(..self.tail.len() - TAIL);
        }
        self.file
            .write_all(bytes)
            .map_err(|e| PdfError::Io(self.file.path().to_path_buf(), e))
    }

    /// Bytes received so far.
    pub fn received(&self) -> u64 {
        self.received
    }

    /// Checks that what came is a whole PDF, then puts it under the
    /// paper's name, flushed to disk; the temporary file is removed on
    /// any failure.
    pub fn keep(mut self) -> Result<PathBuf, PdfError> {
        check_start(&self.head, true)?;
        if self.received < MIN_PDF_BYTES || memchr::memmem::rfind(&self.tail, b"%%EOF").is_none() {
            return Err(PdfError::Truncated(self.received));
        }
        let io = |path: &Path, e| PdfError::Io(path.to_path_buf(), e);
        self.file.flush().map_err(|e| io(&self.target, e))?;
        self.file
            .as_file()
            .sync_all()
            .map_err(|e| io(&self.target, e))?;
        let target = self.target.clone();
        self.file
            .persist(&target)
            .map_err(|e| io(&target, e.error))?;
        if let Some(dir) = target.parent() {
            let _ = File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(target)
    }
}

/// Whether `head` (the first bytes, `complete` when there are no more to
/// wait for) starts as a PDF does: `%PDF-`, perhaps after a little white
/// space or a byte order mark.
fn check_start(head: &[u8], complete: bool) -> Result<(), PdfError> {
    let trimmed = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = trimmed
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(trimmed.len());
    let rest = &trimmed[start..];
    if rest.starts_with(b"%PDF-") {
        return Ok(());
    }
    if rest.len() < 5 && !complete {
        return Ok(());
    }
    Err(PdfError::NotPdf(describe_start(rest)))
}

/// What a response that is not a PDF looks like, for the one line that
/// refuses it.
fn describe_start(rest: &[u8]) -> String {
    let lower: Vec<u8> = rest.iter().take(64).map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") {
        "the response is an HTML page".into()
    } else if lower.starts_with(b"<") {
        "the response is markup, not a PDF".into()
    } else if lower.starts_with(b"{") || lower.starts_with(b"[") {
        "the response is JSON, not a PDF".into()
    } else if rest.is_empty() {
        "the response is empty".into()
    } else {
        "the response does not start with %PDF-".into()
    }
}

fn remove_if_there(path: &Path) -> Result<(), PdfError> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(PdfError::Io(path.to_path_buf(), e)),
        _ => Ok(()),
    }
}

/// A file name for `id`: letters, digits, `-`, `_` and `.` as they are
/// (no leading dot), every other byte as `%XX` (`/` in old arXiv ids and
/// in DOIs), so that two ids never share a name and the id can be read
/// back from it.
pub fn file_name(id: &str) -> Result<String, PdfError> {
    let mut name = String::with_capacity(id.len());
    for (i, b) in id.bytes().enumerate() {
        let plain = b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || (b == b'.' && i > 0);
        if plain {
            name.push(b as char);
        } else {
            name.push_str(&format!("%{b:02X}"));
        }
    }
    if name.is_empty() || name.len() > MAX_NAME {
        return Err(PdfError::IdUnfit(id.to_string()));
    }
    Ok(name)
}

/// The id a PDF's file name stands for; `None` for a name paperboat did
/// not make.
fn id_of(name: &str) -> Option<String> {
    let stem = name.strip_suffix(".pdf")?;
    let bytes = stem.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let id = String::from_utf8(out).ok()?;
    // Only names this module makes: the same id writes the same name.
    (file_name(&id).ok()? == stem).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pdf(body: &str) -> Vec<u8> {
        // A comment line makes even an empty body a sane size.
        let pad = "%".repeat(64);
        format!("%PDF-1.4\n{pad}\n{body}\ntrailer\n<<>>\n%%EOF\n").into_bytes()
    }

    #[test]
    fn ids_name_files_one_to_one_and_read_back() {
        for id in [
            "2401.12345",
            "2401.12345v2",
            "hep-th/9901001",
            "10.1101/2024.01.01.24300001",
            ".hidden",
            "a b",
            "Ünïcode",
            "100%",
        ] {
            let name = file_name(id).unwrap();
            assert!(!name.contains('/') && !name.starts_with('.'), "{name}");
            assert_eq!(id_of(&format!("{name}.pdf")).as_deref(), Some(id));
        }
        assert_ne!(file_name("a/b").unwrap(), file_name("a%2Fb").unwrap());
        assert!(file_name("").is_err());
        assert!(file_name(&"x".repeat(500)).is_err());
        assert_eq!(id_of("notes.txt"), None);
        assert_eq!(id_of("%zz.pdf"), None);
        assert_eq!(id_of("a%2f.pdf"), None, "not a name paperboat makes");
    }

    #[test]
    fn a_whole_pdf_is_kept_under_the_papers_name() {
        let dir = tempfile::tempdir().unwrap();
        let pdfs = Pdfs::at(&dir.path().join("pdfs"));
        let mut partial = pdfs.begin("hep-th/9901001").unwrap();
        let bytes = pdf(&"x".repeat(500));
        for chunk in bytes.chunks(7) {
            partial.push(chunk).unwrap();
        }
        let path = partial.keep().unwrap();
        assert_eq!(fs::read(&path).unwrap(), bytes);
        assert!(pdfs.has("hep-th/9901001"));
        assert_eq!(pdfs.ids(), vec!["hep-th/9901001".to_string()]);
        let summary = pdfs.summary();
        assert_eq!((summary.count, summary.bytes), (1, bytes.len() as u64));
        // Nothing but the PDF is left in the folder.
        assert_eq!(fs::read_dir(pdfs.dir()).unwrap().count(), 1);
    }

    #[test]
    fn html_truncated_oversized_and_tiny_responses_leave_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let pdfs = Pdfs::at(dir.path());
        let html = b"<!DOCTYPE html><html><body>Not found</body></html>";
        let mut partial = pdfs.begin("2401.00001").unwrap();
        let err = partial.push(html).unwrap_err();
        assert_eq!(err.to_string(), "not a PDF: the response is an HTML page");
        drop(partial);

        let whole = pdf(&"y".repeat(5000));
        let mut partial = pdfs.begin("2401.00001").unwrap();
        partial.push(&whole[..whole.len() / 2]).unwrap();
        let err = partial.keep().unwrap_err();
        assert!(matches!(err, PdfError::Truncated(_)), "{err}");

        let mut partial = pdfs.begin("2401.00001").unwrap();
        partial.push(b"%PDF-1.4\n%%EOF").unwrap();
        assert!(matches!(partial.keep(), Err(PdfError::Truncated(14))));

        let mut partial = pdfs.begin("2401.00001").unwrap();
        partial.push(b"%PDF-").unwrap();
        let big = vec![b' '; 1 << 20];
        let refused = (0..200).find_map(|_| partial.push(&big).err());
        assert!(matches!(refused, Some(PdfError::TooLarge)));
        drop(partial);

        let mut partial = pdfs.begin("2401.00001").unwrap();
        partial.push(b"%P").unwrap();
        assert!(matches!(partial.keep(), Err(PdfError::NotPdf(_))));

        assert!(!pdfs.has("2401.00001"));
        assert_eq!(fs::read_dir(pdfs.dir()).unwrap().count(), 0);
    }

    #[test]
    fn a_start_split_over_pushes_is_judged_once_it_can_be() {
        let dir = tempfile::tempdir().unwrap();
        let pdfs = Pdfs::at(dir.path());
        let mut partial = pdfs.begin("x").unwrap();
        partial.push(b"\xEF\xBB\xBF  ").unwrap();
        partial.push(b"%P").unwrap();
        partial.push(b"DF-1.7\n").unwrap();
        partial.push(&pdf("z")[8..]).unwrap(); // after "%PDF-1.4"
        partial.keep().unwrap();
        assert!(pdfs.has("x"));
    }

    #[test]
    fn text_and_unreadable_replace_each_other_and_go_with_the_pdf() {
        let dir = tempfile::tempdir().unwrap();
        let pdfs = Pdfs::at(dir.path());
        let mut partial = pdfs.begin("p").unwrap();
        partial.push(&pdf("body")).unwrap();
        partial.keep().unwrap();
        pdfs.keep_unreadable("p", "encrypted\x1b[31m").unwrap();
        assert_eq!(
            pdfs.unreadable("p").as_deref(),
            Some("encrypted\u{FFFD}[31m")
        );
        assert_eq!(pdfs.summary().unreadable, 1);
        pdfs.keep_text("p", &["one".into(), "two".into()]).unwrap();
        assert_eq!(pdfs.text("p"), Some(vec!["one".into(), "two".into()]));
        assert_eq!(pdfs.unreadable("p"), None);
        let summary = pdfs.summary();
        assert_eq!((summary.searchable, summary.unreadable), (1, 0));
        assert!(pdfs.remove("p").unwrap());
        assert!(!pdfs.remove("p").unwrap());
        assert_eq!(fs::read_dir(pdfs.dir()).unwrap().count(), 0);
    }

    #[test]
    fn sweeping_leaves_a_fresh_download_be() {
        let dir = tempfile::tempdir().unwrap();
        let pdfs = Pdfs::at(dir.path());
        let partial = pdfs.begin("a").unwrap();
        pdfs.sweep();
        assert_eq!(fs::read_dir(pdfs.dir()).unwrap().count(), 1);
        drop(partial);
        assert_eq!(fs::read_dir(pdfs.dir()).unwrap().count(), 0);
    }
}
