//! `paperboat pdf ID... [--open] [--clear]`: download papers' PDFs into
//! the data dir (or remove them), one line per paper.

use std::io::{IsTerminal, Write};

use super::{CliError, Status};
use crate::catalog::Catalog;
use crate::corpus::sanitize::clean_line;
use crate::library::{PdfOpener, Pdfs};
use crate::net::{Client, Endpoints, Settings};
use crate::pdf::{Downloader, TextOutcome};

/// What `paperboat pdf` is asked to do.
pub struct Request<'a> {
    /// The papers, as `paperboat show` takes them.
    pub ids: &'a [String],
    /// Open each PDF once it is on disk.
    pub open: bool,
    /// Remove the PDFs instead.
    pub clear: bool,
}

/// Downloads (or removes) the PDFs of `request.ids`: exit 0 when every one
/// is done, 1 when some are not, 2 when none is (each failure one line on
/// stderr).
pub fn run(
    load: impl FnOnce() -> Result<Catalog, CliError>,
    pdfs: &Pdfs,
    request: &Request,
    viewer: &dyn PdfOpener,
    out: &mut impl Write,
) -> Result<Status, CliError> {
    if request.clear {
        return clear(load, pdfs, request.ids, out);
    }
    let catalog = load()?;
    let endpoints = Endpoints::from_env().map_err(|e| CliError::Usage(e.to_string()))?;
    let terminal = std::io::stderr().is_terminal();
    let client = Client::new(Settings::default()).on_event(move |event| {
        let line = clean_line(&event.to_string());
        if terminal {
            eprint!("\r\x1b[K{line}");
        } else {
            eprintln!("paperboat: {line}");
        }
    });
    let downloader = Downloader::new(&client, pdfs, &endpoints.arxiv_pdf);
    let mut failed = 0;
    for id in request.ids {
        let paper = match super::show::find(&catalog, id) {
            Ok(paper) => paper,
            Err(e) => {
                failed += 1;
                eprintln!("paperboat: {}", clean_line(&e.to_string()));
                continue;
            }
        };
        let mut progress = |received: u64, declared: Option<u64>| {
            if terminal {
                let of = declared.map(|d| format!(" / {}", crate::units::bytes(d)));
                eprint!(
                    "\r\x1b[K{}: {}{}",
                    paper.id,
                    crate::units::bytes(received),
                    of.unwrap_or_default()
                );
            }
        };
        let fetched = downloader.fetch(&paper, &mut progress);
        if terminal {
            eprint!("\r\x1b[K");
        }
        match fetched {
            Ok(fetched) => {
                let how = match &fetched.url {
                    Some(url) => format!("{} from {}", crate::units::bytes(fetched.bytes), url),
                    None => "on disk already".to_string(),
                };
                let text = searchable(pdfs, &paper.id, fetched.url.is_some());
                writeln!(out, "{}: {how}: {}{text}", paper.id, fetched.path.display())?;
                let opened = match request.open {
                    true => viewer.open_pdf(&fetched.path),
                    false => Ok(()),
                };
                if let Err(why) = opened {
                    failed += 1;
                    eprintln!("paperboat: {}: {}", paper.id, clean_line(&why));
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("paperboat: {}", clean_line(&e.to_string()));
            }
        }
    }
    outcome(failed, request.ids.len())
}

/// Takes the text of `id`'s PDF when it is new (or was never taken), and
/// says how that went: ` · 15 pages searchable`, ` · unreadable: why`.
fn searchable(pdfs: &Pdfs, id: &str, new: bool) -> String {
    if !new && pdfs.text_known(id) {
        return match pdfs.unreadable(id) {
            Some(why) => format!(" · unreadable: {why}"),
            None => String::new(),
        };
    }
    let program = match std::env::current_exe() {
        Ok(program) => program,
        Err(e) => return format!(" · its text was not taken: {e}"),
    };
    match crate::pdf::take_text(&program, pdfs, id) {
        Ok(TextOutcome::Searchable {
            pages,
            failed_pages: 0,
        }) => format!(" · {pages} pages searchable"),
        Ok(TextOutcome::Searchable {
            pages,
            failed_pages,
        }) => format!(" · {pages} pages searchable ({failed_pages} unreadable)"),
        Ok(TextOutcome::Unreadable(why)) => format!(" · unreadable: {why}"),
        Err(why) => format!(" · its text was not taken ({why}): asking again tries again"),
    }
}

/// Removes the PDFs of `ids` (an id whose PDF is on disk is taken as it
/// is, so that a paper gone from the corpus can still be cleared).
fn clear(
    load: impl FnOnce() -> Result<Catalog, CliError>,
    pdfs: &Pdfs,
    ids: &[String],
    out: &mut impl Write,
) -> Result<Status, CliError> {
    let mut catalog = None;
    let mut load = Some(load);
    let mut failed = 0;
    for id in ids {
        let own = if pdfs.has(id) {
            id.clone()
        } else {
            if let (None, Some(load)) = (&catalog, load.take()) {
                catalog = Some(load()?);
            }
            match catalog.as_ref().map(|c| super::show::find(c, id)) {
                Some(Ok(paper)) => paper.id.clone(),
                _ => id.clone(),
            }
        };
        match pdfs.remove(&own) {
            Ok(true) => writeln!(out, "{own}: removed")?,
            Ok(false) => {
                failed += 1;
                eprintln!("paperboat: {}: no PDF on disk", clean_line(&own));
            }
            Err(e) => {
                failed += 1;
                eprintln!("paperboat: {}", clean_line(&e.to_string()));
            }
        }
    }
    outcome(failed, ids.len())
}

/// Exit 0 with no failure, 1 with some, 2 (said already) with all.
fn outcome(failed: usize, of: usize) -> Result<Status, CliError> {
    match failed {
        0 => Ok(Status::Done),
        n if n == of => Err(CliError::Quiet),
        _ => Ok(Status::Flawed),
    }
}
