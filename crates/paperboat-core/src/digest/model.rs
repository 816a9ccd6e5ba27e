//! What a digest holds: the new papers grouped under the saved queries,
//! and the bookmarks that have a new version, every text cleaned and
//! every link one that may be opened.

use crate::corpus::{Date, Instant};

/// A digest, ready to be written in any format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    /// What the papers are new since, as headings say it
    /// (`since the last digest`, `since 2025-12-01`).
    pub since: String,
    /// When it was made: the feed's `updated` when it has no paper.
    pub made: Instant,
    /// The groups, in order; none is empty.
    pub groups: Vec<Group>,
    /// New versions of bookmarked papers, shown after the groups.
    pub updated: Vec<UpdatedBookmark>,
}

/// The papers of one saved query, or the new papers no query found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The saved query's name, or `Other new papers` / `New papers`.
    pub name: String,
    /// Whether it is a saved query's group (not the other papers).
    pub saved: bool,
    /// Its papers, in order.
    pub entries: Vec<Entry>,
}

/// One paper as a digest shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The paper's id in the library.
    pub id: String,
    /// The title.
    pub title: String,
    /// The first three authors.
    pub authors: Vec<String>,
    /// Whether it has more authors than those.
    pub more_authors: bool,
    /// The publication date.
    pub date: Option<Date>,
    /// When it entered the library.
    pub added: Option<Instant>,
    /// The paper page, its PDF and its code, those it has.
    pub links: Vec<DigestLink>,
    /// Hugging Face's AI summary, else the abstract's first sentence.
    pub summary: Option<String>,
    /// Every saved query that finds it, in order (it is shown under the
    /// first).
    pub queries: Vec<String>,
}

/// A link of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestLink {
    /// What it is: `paper`, `pdf` or `code`.
    pub label: &'static str,
    /// The URL, one that [`crate::corpus::links::validate`] accepts.
    pub url: String,
}

/// A bookmarked paper of which a newer version came than the one kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdatedBookmark {
    /// The paper's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The version bookmarked.
    pub from: u32,
    /// The newest version.
    pub to: u32,
    /// The day the newest version appeared.
    pub date: Option<Date>,
    /// Its links, as an entry's.
    pub links: Vec<DigestLink>,
}

/// The formats a digest is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text for a terminal or a plain mail.
    Text,
    /// Markdown, for mail.
    Md,
    /// One self-contained HTML page.
    Html,
    /// An Atom 1.0 feed.
    Atom,
}

impl Digest {
    /// The papers it shows.
    pub fn paper_count(&self) -> usize {
        self.groups.iter().map(|g| g.entries.len()).sum()
    }

    /// Whether it shows nothing at all.
    pub fn is_empty(&self) -> bool {
        self.paper_count() == 0 && self.updated.is_empty()
    }

    /// The newest time a paper it shows entered the library: how far a
    /// next digest `--since last` starts.
    pub fn newest_added(&self) -> Option<Instant> {
        self.entries().filter_map(|e| e.added).max()
    }

    /// Every entry, group after group.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.groups.iter().flat_map(|g| g.entries.iter())
    }

    /// `3 new papers since the last digest`, the first line of each
    /// format.
    pub fn headline(&self) -> String {
        let n = self.paper_count();
        let papers = if n == 1 { "paper" } else { "papers" };
        let mut line = format!("{} new {papers}", crate::units::thousands(n));
        if n == 0 && !self.updated.is_empty() {
            let versions = match self.updated.len() {
                1 => "1 new version of a bookmark".to_string(),
                v => format!("{} new versions of bookmarks", crate::units::thousands(v)),
            };
            line = versions;
        }
        match self.since.is_empty() {
            true => line,
            false => format!("{line} {}", self.since),
        }
    }
}

impl Entry {
    /// `Ada Lovelace, Grace Hopper, Alan Turing et al.`; empty with no
    /// author known.
    pub fn author_line(&self) -> String {
        let mut line = self.authors.join(", ");
        if self.more_authors && !line.is_empty() {
            line.push_str(" et al.");
        }
        line
    }

    /// `Ada Lovelace et al. · 2025-12-01`, what is known of both.
    pub fn byline(&self) -> String {
        let date = self.date.map(|d| d.to_string());
        let parts: Vec<String> = [Some(self.author_line()), date]
            .into_iter()
            .flatten()
            .filter(|p| !p.is_empty())
            .collect();
        parts.join(" · ")
    }
}

impl UpdatedBookmark {
    /// `v1 → v3 (2025-11-06)`.
    pub fn change(&self) -> String {
        match self.date {
            Some(date) => format!("v{} → v{} ({date})", self.from, self.to),
            None => format!("v{} → v{}", self.from, self.to),
        }
    }
}

/// The heading of the section of updated bookmarks.
pub const UPDATED_HEADING: &str = "New versions of your bookmarks";
