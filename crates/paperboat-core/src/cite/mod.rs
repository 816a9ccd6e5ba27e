//! Citations: what a paper is cited as (key, authors, date, arXiv id,
//! DOI), written as BibTeX entries, Markdown links or the plain texts the
//! reader copies. Built from a paper's sanitized fields only, and the same
//! for a paper whichever corpus it was read from.

pub mod bibtex;
pub mod cited;
pub mod copy;
pub mod ids;
pub mod key;
pub mod markdown;

pub use cited::Cited;

use crate::corpus::{Link, LinkKind, Paper};

/// Everything one citation says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub cited: Cited,
    pub title: String,
    /// The corpus counts more authors than it names.
    pub more_authors: bool,
    /// The key is one a bookmark was made with: never changed.
    pub fixed: bool,
    /// The paper's own page (arXiv, DOI), never its code.
    pub url: Option<String>,
    /// The code repository.
    pub code: Option<String>,
    /// The reader's note, for bookmarks.
    pub note: String,
}

impl Citation {
    /// The citation of a paper of the open corpus.
    pub fn of(paper: &Paper) -> Citation {
        let cited = Cited::of(paper);
        Citation {
            url: page_url(&cited, &paper.links),
            code: link_of(&paper.links, LinkKind::Code).map(str::to_string),
            more_authors: paper.display_author_count() > paper.authors.len()
                && !paper.authors.is_empty(),
            fixed: false,
            title: paper.title.clone(),
            note: String::new(),
            cited,
        }
    }

    /// The citation of a kept record (a bookmark): what it was kept with
    /// (`kept`, never changed), else what the paper says where the open
    /// corpus has it, else its title alone.
    pub fn kept(
        kept: Option<&Cited>,
        paper: Option<&Paper>,
        title: &str,
        links: &[Link],
        note: &str,
    ) -> Citation {
        let cited = match (kept, paper) {
            (Some(cited), _) => cited.clone(),
            (None, Some(paper)) => Cited::of(paper),
            (None, None) => Cited {
                key: key::base(&[], title, None),
                ..Cited::default()
            },
        };
        Citation {
            url: page_url(&cited, links),
            code: link_of(links, LinkKind::Code).map(str::to_string),
            more_authors: false,
            fixed: kept.is_some(),
            title: title.to_string(),
            note: note.to_string(),
            cited,
        }
    }
}

/// The paper's own page: arXiv's abstract page for an arXiv paper, else
/// its first paper link (a DOI, a publisher).
fn page_url(cited: &Cited, links: &[Link]) -> Option<String> {
    match &cited.arxiv {
        Some(id) => Some(format!("https://arxiv.org/abs/{id}")),
        None => link_of(links, LinkKind::Paper).map(str::to_string),
    }
}

/// The first link of this kind that the reader would open.
fn link_of(links: &[Link], kind: LinkKind) -> Option<&str> {
    valid(links)
        .find(|l| l.kind == kind)
        .map(|l| l.url.as_str())
}

fn valid(links: &[Link]) -> impl Iterator<Item = &Link> {
    links
        .iter()
        .filter(|l| crate::corpus::links::validate(&l.url).is_ok())
}

/// The link a reader most likely wants: code, else the paper, else any;
/// only links the reader would open.
pub fn best_url(links: &[Link]) -> Option<&str> {
    link_of(links, LinkKind::Code)
        .or_else(|| link_of(links, LinkKind::Paper))
        .or_else(|| valid(links).next().map(|l| l.url.as_str()))
}

/// `text` with each of `chars` written as `%XX` (all are ASCII).
pub(crate) fn percent_encode(text: &str, chars: &[char]) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if chars.contains(&c) {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}
