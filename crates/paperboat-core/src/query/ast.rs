//! The query tree (PRODUCT.md section 3): what a parsed query is, and
//! what can be asked of it without looking at any paper.
//!
//! Clauses separated by spaces must all hold; `a | b` holds when either does
//! (`|` binds tighter than the space, as in fzf).

use std::ops::Range;

use super::paper_ref::PaperRef;
use super::sort::{Sort, SortKey};
use crate::corpus::Date;

/// A parsed query: every group must hold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// The AND of these groups.
    pub groups: Vec<Group>,
    /// An explicit `sort:` clause; the last one wins.
    pub sort: Option<Sort>,
    /// The papers new since the last visit before the others, each part
    /// in the ordering in force: how a saved query runs from its list.
    /// Not written in the text.
    pub new_first: bool,
}

/// Alternatives joined by `|`: one of them must hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// At least one.
    pub alternatives: Vec<Clause>,
}

/// One condition, possibly negated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// `!clause`.
    pub negated: bool,
    /// What must hold.
    pub kind: ClauseKind,
    /// Byte range of the clause in the query text.
    pub span: Range<usize>,
}

/// The kinds of clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClauseKind {
    /// `word`: fuzzy on the headline (title, authors, organization, tags).
    Fuzzy(String),
    /// `'word` or `"two words"`: substring anywhere, abstract included.
    Exact(String),
    /// `^word`: the title starts with it.
    Prefix(String),
    /// `word$`: the title ends with it.
    Suffix(String),
    /// `title:` `author:` `org:` (fuzzy) or `abstract:` (substring).
    Field(Field, String),
    /// `tag:ns/name` or `tag:name` (any namespace).
    Tag(String),
    /// `year:` comparisons.
    Year(Bounds),
    /// `date:` comparisons, on day numbers (see [`day_number`]).
    Date(Bounds),
    /// `upvotes:` comparisons.
    Upvotes(Bounds),
    /// `authors:` comparisons on the display author count.
    Authors(Bounds),
    /// `has:code`.
    HasCode,
    /// `has:links`.
    HasLinks,
    /// `has:date`: the publication date is known.
    HasDate,
    /// `has:pdf`: the paper's PDF is on disk (`<data dir>/pdfs/`).
    HasPdf,
    /// `is:bookmarked`.
    Bookmarked,
    /// `is:read`: read in the reader (`<config dir>/read.json`).
    Read,
    /// `added:` comparisons, on seconds since the epoch (UTC days made
    /// into the seconds they span).
    Added(Bounds),
    /// `is:new`: entered the library since the last visit.
    New,
    /// `is:updated`: bookmarked, with a version newer than the one the
    /// bookmark keeps.
    Updated,
    /// `similar:ID` or `similar:bookmarks`: the papers most like it.
    Similar(SimilarTo),
    /// An arXiv id, paper URL or DOI, as pasted: the paper it names,
    /// ranked above everything else.
    Paper(PaperRef),
}

/// What a `similar:` clause is to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SimilarTo {
    /// The paper with this id.
    Paper(String),
    /// The bookmarked papers together.
    Bookmarks,
}

/// A field of `field:value` text clauses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The title.
    Title,
    /// Author names.
    Author,
    /// The organization.
    Org,
    /// The abstract.
    Abstract,
    /// The text of the paper's PDF on disk.
    Body,
}

/// An inclusive range of numbers; comparisons become ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// Smallest value that holds.
    pub min: i64,
    /// Largest value that holds.
    pub max: i64,
}

impl Bounds {
    /// True when `value` lies within.
    pub fn contains(&self, value: i64) -> bool {
        self.min <= value && value <= self.max
    }
}

impl ClauseKind {
    /// True for clauses that match text, which makes relevance meaningful.
    pub fn is_text(&self) -> bool {
        matches!(
            self,
            ClauseKind::Fuzzy(_)
                | ClauseKind::Similar(_)
                | ClauseKind::Paper(_)
                | ClauseKind::Exact(_)
                | ClauseKind::Prefix(_)
                | ClauseKind::Suffix(_)
                | ClauseKind::Field(..)
        )
    }
}

impl Query {
    /// True when a positive clause matches text, so relevance means something.
    pub fn has_text(&self) -> bool {
        self.clauses().any(|c| !c.negated && c.kind.is_text())
    }

    /// Every clause, in order.
    pub fn clauses(&self) -> impl Iterator<Item = &Clause> {
        self.groups.iter().flat_map(|g| &g.alternatives)
    }

    /// The ordering in force: explicit, else relevance with text, else date.
    pub fn effective_sort(&self) -> Sort {
        self.sort.unwrap_or(Sort {
            key: if self.has_text() {
                SortKey::Relevance
            } else {
                SortKey::Date
            },
            reversed: false,
        })
    }

    /// True when every paper this query matches is also matched by `wider`,
    /// so results can be found among `wider`'s hits: the groups of `wider`
    /// come first, unchanged except that a positive text term may have grown
    /// (typing only narrows). Judged on the clauses alone: a bare word that
    /// grew may forgive words its shorter form did not (see
    /// `Index::refines`, which looks at them).
    pub fn narrows(&self, wider: &Query) -> bool {
        wider.groups.len() <= self.groups.len()
            && wider
                .groups
                .iter()
                .zip(&self.groups)
                .all(|(w, n)| group_narrows(n, w))
    }

    /// The bare words that grew from `wider` to this query (as
    /// [`Query::narrows`] pairs the groups): each new word with the word it
    /// grew from. Only these can make a narrowing query find more, through
    /// the words it forgives.
    pub fn grown_words<'a>(&'a self, wider: &'a Query) -> Vec<(&'a str, &'a str)> {
        wider
            .groups
            .iter()
            .zip(&self.groups)
            .filter_map(
                |(w, n)| match (n.alternatives.as_slice(), w.alternatives.as_slice()) {
                    ([n], [w]) => match (&n.kind, &w.kind) {
                        (ClauseKind::Fuzzy(n), ClauseKind::Fuzzy(w)) if n != w => {
                            Some((n.as_str(), w.as_str()))
                        }
                        _ => None,
                    },
                    _ => None,
                },
            )
            .collect()
    }
}

fn group_narrows(narrow: &Group, wide: &Group) -> bool {
    match (narrow.alternatives.as_slice(), wide.alternatives.as_slice()) {
        ([n], [w]) if !n.negated && !w.negated => match (&n.kind, &w.kind) {
            (ClauseKind::Fuzzy(n), ClauseKind::Fuzzy(w))
            | (ClauseKind::Exact(n), ClauseKind::Exact(w))
            | (ClauseKind::Prefix(n), ClauseKind::Prefix(w)) => n.starts_with(w.as_str()),
            (n, w) => n == w,
        },
        (n, w) => {
            n.len() == w.len()
                && n.iter()
                    .zip(w)
                    .all(|(a, b)| a.kind == b.kind && a.negated == b.negated)
        }
    }
}

/// A date as a number that orders like the date (not a day count): what
/// `date:` clauses compare, and what the index keeps for each paper.
pub fn day_start_secs(day: i64) -> i64 {
    match day {
        i64::MIN | i64::MAX => day,
        _ => {
            let (y, m, d) = (day / 10_000, day / 100 % 100, day % 100);
            let y = y - i64::from(m <= 2);
            let era = y.div_euclid(400);
            let yoe = y - era * 400;
            let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
            (era * 146_097 + doe - 719_468) * 86_400
        }
    }
}

/// The day number of `date`: `YYYYMMDD` as a number.
pub fn day_number(date: Date) -> i64 {
    date.year as i64 * 10_000 + date.month as i64 * 100 + date.day as i64
}
