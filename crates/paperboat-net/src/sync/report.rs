//! What a sync tells: its progress, what each source brought, and how
//! each source's sync went.

use std::fmt;

use crate::corpus::{Date, Paper};

/// What the sync tells as it goes, for a progress line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// Fetching from a source: which, where it is (`2025-12-03 page 2`),
    /// and the papers so far.
    Fetching {
        /// The source's label (`hf`, `arxiv cs.CV`).
        source: String,
        /// Where it is.
        at: String,
        /// Papers fetched so far.
        papers: usize,
    },
    /// A request waits before trying again (`HTTP 429; waiting 30 s`).
    Waiting(String),
    /// A source's papers are in the library.
    Landed(Report),
}

/// How one source's sync went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The source's label.
    pub source: String,
    /// Papers that entered the library.
    pub new: usize,
    /// Papers that were in it and changed.
    pub updated: usize,
    /// Papers removed (withdrawn from arXiv).
    pub removed: usize,
    /// The days asked for.
    pub from: Date,
    /// The last day asked for.
    pub to: Date,
    /// Why it stopped early, if it did (what arrived before is kept).
    pub failure: Option<String>,
    /// Whether anything at all came back from the service.
    pub reached: bool,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} new, {} updated",
            self.source,
            crate::units::thousands(self.new),
            crate::units::thousands(self.updated)
        )?;
        if self.removed > 0 {
            write!(f, ", {} removed", crate::units::thousands(self.removed))?;
        }
        write!(f, " ({}..{})", self.from, self.to)?;
        if let Some(why) = &self.failure {
            write!(f, "; stopped: {why}")?;
        }
        Ok(())
    }
}

/// What a fetch brought: the papers (one per id), the ids withdrawn, how
/// far it got whole, and why it stopped early.
#[derive(Debug, Default)]
pub struct Fetched {
    /// The papers, one per id, in the order they came.
    pub papers: Vec<Paper>,
    /// Ids the service says are withdrawn.
    pub deleted: Vec<String>,
    /// The last day fetched whole (arXiv: its last response's date).
    pub reached: Option<Date>,
    /// Why it stopped before the end.
    pub failure: Option<String>,
    /// Whether any response came back.
    pub answered: bool,
    /// Requests made.
    pub requests: usize,
}

impl Fetched {
    /// Asks for the page at `url` and reads it with `parse`; `None`, with
    /// why in `failure` (a page that does not read says where it was: `at`,
    /// on `base`'s host), when either fails.
    pub fn page<T, E: fmt::Display>(
        &mut self,
        client: &crate::net::Client,
        (base, url): (&str, &str),
        request: &crate::net::Request,
        at: &str,
        parse: impl FnOnce(&[u8]) -> Result<T, E>,
    ) -> Option<T> {
        self.requests += 1;
        let body = match client.get(url, request) {
            Ok(response) => response.body,
            Err(e) => {
                self.failure = Some(e.to_string());
                return None;
            }
        };
        self.answered = true;
        match parse(&body) {
            Ok(parsed) => Some(parsed),
            Err(e) => {
                self.failure = Some(format!("{}: {at}: {e}", host_of(base)));
                None
            }
        }
    }

    /// Adds `paper`, merged into the one of its id already fetched.
    pub fn add(&mut self, paper: Paper, seen: &mut rustc_hash::FxHashMap<String, usize>) {
        match seen.get(&paper.id) {
            Some(&at) => {
                let merged = crate::sources::merge::merge(&self.papers[at], paper);
                self.papers[at] = merged;
            }
            None => {
                seen.insert(paper.id.clone(), self.papers.len());
                self.papers.push(paper);
            }
        }
    }
}

/// The host of a base URL, for messages.
pub(super) fn host_of(base: &str) -> String {
    url::Url::parse(base)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| crate::corpus::sanitize::clean_line(base))
}
