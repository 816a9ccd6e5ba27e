//! One bookmark and one change to the bookmarks: the store's data, apart
//! from how the file is read and written.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::cite::Citation;
use crate::cite::cited::Cited;
use crate::corpus::{Link, Paper};

/// The version of the bookmarks file this build reads and writes.
pub(crate) const VERSION: u32 = 1;

/// One bookmark: enough of the paper to outlive the corpus it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// The paper's id.
    pub id: String,
    /// The paper's title when it was bookmarked.
    pub title: String,
    /// When it was bookmarked, RFC 3339.
    pub added: String,
    /// The user's note; may be empty.
    #[serde(default)]
    pub note: String,
    /// The paper's links when it was bookmarked.
    #[serde(default)]
    pub links: Vec<Link>,
    /// What the paper is cited as (key, authors, date, arXiv id, DOI),
    /// kept from when it was bookmarked so that exports agree whichever
    /// corpus is open. Bookmarks of older versions have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<Box<Cited>>,
    /// The paper's version it was bookmarked at (arXiv `vN`, medRxiv's
    /// version), or the newer one seen since; bookmarks of older versions
    /// and of papers without versions have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
}

impl Bookmark {
    /// A bookmark of `paper` added now.
    pub fn of(paper: &Paper, note: &str) -> Bookmark {
        Bookmark {
            id: paper.id.clone(),
            title: paper.title.clone(),
            added: now_rfc3339(),
            note: note.to_string(),
            links: paper.links.clone(),
            cite: Some(Box::new(Cited::of(paper))),
            version: paper.meta.as_ref().and_then(|m| m.newest_version()),
        }
    }

    /// What the bookmark is cited as: what it was bookmarked with, else
    /// what `paper` (its record in the open corpus) says, else its title.
    pub fn citation(&self, paper: Option<&Paper>) -> Citation {
        Citation::kept(
            self.cite.as_deref(),
            paper,
            &self.title,
            &self.links,
            &self.note,
        )
    }
}

/// One change to the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Add (or replace) a bookmark; an empty note keeps the existing one,
    /// and a newer version is taken as seen.
    Add(Bookmark),
    /// Remove the bookmark with this id.
    Remove(String),
    /// Set the note of a bookmark (an empty one clears it), adding
    /// `Bookmark` first if absent.
    SetNote(Bookmark),
    /// The paper's newer version `version` is seen: the bookmark keeps it
    /// from now on (never an older one).
    SeeVersion {
        /// The bookmarked paper's id.
        id: String,
        /// The version seen.
        version: u32,
    },
}

/// Now, as RFC 3339 in UTC with seconds.
pub fn now_rfc3339() -> String {
    humantime::format_rfc3339_seconds(SystemTime::now()).to_string()
}
