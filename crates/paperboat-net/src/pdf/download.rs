//! Downloading a paper's PDF into `<data dir>/pdfs/`: each URL of
//! [`super::source::pdf_urls`] in turn, through the client every request
//! takes (its politeness, retries, proxies and checks), the body written
//! as it arrives to a file that refuses what is not a PDF (see
//! [`crate::library::pdfs`]).

use std::path::PathBuf;

use crate::corpus::Paper;
use crate::library::pdfs::{MAX_PDF_BYTES, Partial, PdfError, Pdfs};
use crate::net::pace::ARXIV_SPACING;
use crate::net::{BodySink, Client, NetError, Request};

/// Why a paper's PDF was not downloaded: one line naming the paper.
#[derive(Debug, thiserror::Error)]
pub enum DownloadError {
    /// The paper names no place its PDF could come from.
    #[error("{0}: no PDF to download (no arXiv id, medRxiv page or PDF link)")]
    NoSource(String),
    /// The service failed or sent something that is not a PDF.
    #[error("{id}: {error}")]
    Net {
        /// The paper.
        id: String,
        /// What happened.
        error: NetError,
    },
    /// The PDF could not be written.
    #[error("{id}: {error}")]
    Store {
        /// The paper.
        id: String,
        /// What happened.
        error: PdfError,
    },
}

impl DownloadError {
    /// True when the caller gave up.
    pub fn is_cancelled(&self) -> bool {
        matches!(self, DownloadError::Net { error, .. } if error.is_cancelled())
    }
}

/// A PDF on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// Where it is.
    pub path: PathBuf,
    /// Its size.
    pub bytes: u64,
    /// Where it came from; `None` when it was on disk already.
    pub url: Option<String>,
}

/// Downloads PDFs one at a time, arXiv's spaced as arXiv asks.
pub struct Downloader<'a> {
    client: &'a Client,
    pdfs: &'a Pdfs,
    arxiv_pdf: String,
}

impl<'a> Downloader<'a> {
    /// A downloader into `pdfs` through `client`, arXiv's PDFs from
    /// `arxiv_pdf` (see [`crate::net::Endpoints::arxiv_pdf`]).
    pub fn new(client: &'a Client, pdfs: &'a Pdfs, arxiv_pdf: &str) -> Downloader<'a> {
        // arXiv asks for one request at a time, 3 s apart; the base was
        // checked when the endpoints were read.
        let _ = client.space_host(arxiv_pdf, ARXIV_SPACING);
        Downloader {
            client,
            pdfs,
            arxiv_pdf: arxiv_pdf.to_string(),
        }
    }

    /// Whether `url` may be asked for: a paper's links come from feeds
    /// and files anyone writes, so one that points at this machine or a
    /// private network is not followed, unless it is where arXiv's PDFs
    /// come from (a mirror the user named, or a test's server).
    fn may_ask(&self, url: &str) -> bool {
        let Ok(parsed) = url::Url::parse(url) else {
            // The client refuses it with its reason.
            return true;
        };
        let origin = |u: &url::Url| (u.host_str().map(str::to_string), u.port_or_known_default());
        let named =
            url::Url::parse(&self.arxiv_pdf).is_ok_and(|base| origin(&base) == origin(&parsed));
        named || !is_inside(&parsed)
    }

    /// The URLs `paper`'s PDF would come from, best first.
    pub fn urls(&self, paper: &Paper) -> Vec<String> {
        super::source::pdf_urls(paper, &self.arxiv_pdf)
    }

    /// `paper`'s PDF on disk: there already, or downloaded now from the
    /// first of its URLs that serves a whole PDF. `progress` hears the
    /// bytes received and the size announced, as they come.
    pub fn fetch(
        &self,
        paper: &Paper,
        progress: &mut dyn FnMut(u64, Option<u64>),
    ) -> Result<Fetched, DownloadError> {
        let id = paper.id.clone();
        let store = |error| DownloadError::Store {
            id: id.clone(),
            error,
        };
        let path = self.pdfs.path(&paper.id).map_err(store)?;
        if let Some(meta) = std::fs::metadata(&path).ok().filter(|m| m.is_file()) {
            return Ok(Fetched {
                path,
                bytes: meta.len(),
                url: None,
            });
        }
        let urls = self.urls(paper);
        if urls.is_empty() {
            return Err(DownloadError::NoSource(id));
        }
        self.pdfs.sweep();
        let request = Request::default().capped(MAX_PDF_BYTES);
        let mut first_error = None;
        for url in urls {
            if !self.may_ask(&url) {
                let error = NetError::BadUrl {
                    url: crate::corpus::sanitize::clean_line(&url),
                    reason: "a paper's link to this machine or a private network is not followed"
                        .into(),
                };
                first_error.get_or_insert(DownloadError::Net {
                    id: id.clone(),
                    error,
                });
                continue;
            }
            let mut sink = PdfSink {
                pdfs: self.pdfs,
                id: &paper.id,
                partial: None,
                refused: None,
                declared: None,
                progress: &mut *progress,
            };
            match self.client.get_into(&url, &request, &mut sink) {
                Ok(_) => {
                    let Some(partial) = sink.partial.take() else {
                        let error = PdfError::NotPdf("the response is empty".into());
                        first_error.get_or_insert(store(error));
                        continue;
                    };
                    let bytes = partial.received();
                    match partial.keep() {
                        Ok(path) => {
                            return Ok(Fetched {
                                path,
                                bytes,
                                url: Some(url),
                            });
                        }
                        Err(error) => {
                            first_error.get_or_insert(store(error));
                        }
                    }
                }
                Err(error) => {
                    let cancelled = error.is_cancelled();
                    let error = match sink.refused.take() {
                        // A write that failed is this machine's trouble.
                        Some(refused @ PdfError::Io(..)) => store(refused),
                        _ => DownloadError::Net {
                            id: id.clone(),
                            error,
                        },
                    };
                    if cancelled {
                        return Err(error);
                    }
                    first_error.get_or_insert(error);
                }
            }
        }
        Err(first_error.unwrap_or(DownloadError::NoSource(id)))
    }
}

/// Whether `url`'s host is this machine or a private, link-local or
/// unspecified address (by name only for `localhost`: a name is not
/// resolved here).
fn is_inside(url: &url::Url) -> bool {
    match url.host() {
        _ if crate::net::url_check::is_loopback(url) => true,
        Some(url::Host::Domain(name)) => name
            .trim_end_matches('.')
            .to_ascii_lowercase()
            .ends_with(".localhost"),
        Some(url::Host::Ipv4(ip)) => {
            ip.is_private() || ip.is_link_local() || ip.is_unspecified() || ip.is_broadcast()
        }
        Some(url::Host::Ipv6(ip)) => {
            let first = ip.segments()[0];
            ip.is_unspecified()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || ip
                    .to_ipv4_mapped()
                    .is_some_and(|v4| v4.is_loopback() || v4.is_private())
        }
        None => false,
    }
}

/// The body of one try, written to a [`Partial`] as it comes.
struct PdfSink<'s> {
    pdfs: &'s Pdfs,
    id: &'s str,
    partial: Option<Partial>,
    refused: Option<PdfError>,
    declared: Option<u64>,
    progress: &'s mut dyn FnMut(u64, Option<u64>),
}

impl BodySink for PdfSink<'_> {
    fn restart(&mut self, declared: Option<u64>) {
        // Dropping an earlier try's file removes it.
        self.partial = None;
        self.refused = None;
        self.declared = declared;
        (self.progress)(0, declared);
    }

    fn take(&mut self, bytes: &[u8]) -> Result<(), String> {
        let pushed = match &mut self.partial {
            Some(partial) => partial.push(bytes),
            None => self.pdfs.begin(self.id).and_then(|mut partial| {
                let pushed = partial.push(bytes);
                self.partial = Some(partial);
                pushed
            }),
        };
        if let Err(error) = pushed {
            self.partial = None;
            let line = error.to_string();
            self.refused = Some(error);
            return Err(line);
        }
        let received = self.partial.as_ref().map_or(0, Partial::received);
        (self.progress)(received, self.declared);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_inside_are_told_from_links_outside() {
        let inside = |u: &str| is_inside(&url::Url::parse(u).unwrap());
        for u in [
            "http://127.0.0.1:8080/pdf/x",
            "http://localhost/a.pdf",
            "https://10.0.0.5/pdf",
            "https://192.168.1.2/a.pdf",
            "http://169.254.169.254/latest/pdf",
            "http://[::1]/a.pdf",
            "http://[fd00::1]/a.pdf",
            "http://[::ffff:127.0.0.1]/a.pdf",
            "http://0.0.0.0/a.pdf",
        ] {
            assert!(inside(u), "{u}");
        }
        for u in [
            "https://arxiv.org/pdf/1",
            "https://8.8.8.8/a.pdf",
            "https://[2001:db8::1]/a.pdf",
        ] {
            assert!(!inside(u), "{u}");
        }
    }
}
