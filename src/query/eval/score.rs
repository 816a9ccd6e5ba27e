//! Whether one paper matches a compiled query, and how well: the sum over
//! groups of the best holding clause.

use super::compile::{Compiled, Fuzzy, Matcher};
use crate::query::ast::{ClauseKind, Field};
use crate::query::index::Index;
use crate::query::index::headlines::rest_of;
use crate::query::papers::Papers;
use crate::query::text::needle::Needle;

/// A title match outranks any match in authors, organization or tags.
const TITLE_BONUS: i64 = 10_000;

/// The score of paper `i`, or `None` when it does not match.
// Inline: the scan over candidates that calls this for each of them lives
// in another module, which the compiler may build as a separate unit.
#[inline]
pub(super) fn score<P: Papers + ?Sized>(
    index: &Index,
    papers: &P,
    i: usize,
    query: &Compiled,
) -> Option<i64> {
    let mut total = 0;
    for group in &query.groups {
        let mut best: Option<i64> = None;
        for (clause, m) in group {
            let held = clause_score(index, papers, i, &clause.kind, m);
            let counted = match (clause.negated, held) {
                (false, held) => held,
                (true, Some(_)) => None,
                (true, None) => Some(0),
            };
            best = best.max(counted);
        }
        total += best?;
    }
    Some(total)
}

/// The score of one clause for paper `i`, or `None` when it does not hold.
fn clause_score<P: Papers + ?Sized>(
    index: &Index,
    papers: &P,
    i: usize,
    kind: &ClauseKind,
    m: &Matcher,
) -> Option<i64> {
    let h = &index.headlines;
    let flag = |held: bool| held.then_some(0);
    match m {
        Matcher::Fuzzy(term) => {
            let paper = || papers.paper(i);
            let (title, rest) = h.part_masks(i);
            match term.score(title, h.title(i), || paper().title.clone()) {
                Some(score) => Some(score + TITLE_BONUS),
                None => term.score(rest, h.rest(i), || rest_of(&paper())),
            }
        }
        Matcher::Exact(needle) => exact_score(index, papers, i, needle),
        Matcher::Prefix(needle) => {
            let held = if needle.case_sensitive() {
                needle.starts(papers.title(i))
            } else {
                needle.starts_folded(h.title(i).as_str())
            };
            flag(held).map(|_| 16 * needle.len as i64 + TITLE_BONUS)
        }
        Matcher::Suffix(needle) => {
            let held = if needle.case_sensitive() {
                needle.ends(papers.title(i))
            } else {
                needle.ends_folded(h.title(i).as_str())
            };
            flag(held).map(|_| 16 * needle.len as i64 + TITLE_BONUS)
        }
        Matcher::Field(field, parts) => field_score(index, papers, i, *field, parts),
        Matcher::Tags(wanted) => flag(index.tag_ids(i).iter().any(|&t| wanted[t as usize])),
        Matcher::AsParsed => flag(fact_holds(index, i, kind)),
    }
}

/// An exact term or phrase: in the title, else in the rest of the
/// headline, else in the abstract, each worth less than the one before.
fn exact_score<P: Papers + ?Sized>(
    index: &Index,
    papers: &P,
    i: usize,
    needle: &Needle,
) -> Option<i64> {
    let h = &index.headlines;
    let base = 16 * needle.len as i64;
    let paper = papers.paper(i);
    let (in_title, in_rest) = if needle.case_sensitive() {
        (
            needle.find(&paper.title).is_some(),
            needle.find(&rest_of(&paper)).is_some(),
        )
    } else {
        let in_title = needle.in_folded(h.title(i).as_str());
        (in_title, !in_title && needle.in_folded(h.rest(i).as_str()))
    };
    if in_title {
        Some(base + TITLE_BONUS)
    } else if in_rest {
        Some(base)
    } else {
        needle.find(&paper.abstract_text).map(|_| base / 2)
    }
}

/// A `field:` clause: fuzzy on the title, authors or organization, a
/// substring in the abstract.
fn field_score<P: Papers + ?Sized>(
    index: &Index,
    papers: &P,
    i: usize,
    field: Field,
    (term, needle): &(Fuzzy, Needle),
) -> Option<i64> {
    let h = &index.headlines;
    let paper = || papers.paper(i);
    let (title, rest) = h.part_masks(i);
    match field {
        Field::Title => term
            .score(title, h.title(i), || paper().title.clone())
            .map(|s| s + TITLE_BONUS),
        Field::Author => term.score(rest, h.authors(i), || paper().authors.join(", ")),
        Field::Org => term.score(rest, h.org(i), || {
            paper().organization.clone().unwrap_or_default()
        }),
        Field::Abstract => needle
            .find(&paper().abstract_text)
            .map(|_| 8 * needle.len as i64),
    }
}

/// Whether a number or flag clause holds for paper `i`; unknown values
/// never hold.
fn fact_holds(index: &Index, i: usize, kind: &ClauseKind) -> bool {
    match kind {
        ClauseKind::Year(b) => {
            let day = index.day[i];
            day > 0 && b.contains((day / 10_000) as i64)
        }
        ClauseKind::Date(b) => {
            let day = index.day[i];
            day > 0 && b.contains(day as i64)
        }
        ClauseKind::Upvotes(b) => index.known_upvotes(i).is_some_and(|n| b.contains(n as i64)),
        ClauseKind::Authors(b) => {
            let n = index.authors[i];
            n > 0 && b.contains(n as i64)
        }
        ClauseKind::HasCode => index.has_code(i),
        ClauseKind::HasLinks => index.has_links(i),
        ClauseKind::Bookmarked => index.is_bookmarked(i),
        // Text and tag clauses always have a prepared matcher.
        _ => false,
    }
}
