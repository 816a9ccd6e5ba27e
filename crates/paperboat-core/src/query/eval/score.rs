//! Whether one paper matches a compiled query, and how well: the sum over
//! groups of the best holding clause.

use super::compile::{Compiled, Fuzzy, Hyphenated, InAbstract, Matcher};
use crate::query::ast::{ClauseKind, Field};
use crate::query::index::Index;
use crate::query::index::headlines::{Headlines, begins_with, rest_of};
use crate::query::papers::Papers;
use crate::query::text::fuzzy::{LEVEL, WITHIN, level};

/// A title match outranks a match of the same level in authors,
/// organization or tags.
const TITLE_BONUS: i64 = WITHIN;
/// A bare word found only in the abstract: below any headline match.
const ABSTRACT_WORD: i64 = 3;
/// A bare word whose letters dropped or typos are found only in the
/// abstract: below an abstract word that starts with it.
const ABSTRACT_MEANT: i64 = 2;
/// A bare word found only in the text of the paper's PDF: below title
/// and abstract matches.
const BODY_WORD: i64 = 1;

/// The paper a pasted id names: above any match of words, however good
/// (and far from overflowing, summed over a query's groups).
const NAMED_PAPER: i64 = 1 << 40;

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
        Matcher::Fuzzy(term) => fuzzy_score(index, papers, i, term),
        Matcher::Hyphenated(h) => {
            fuzzy_score(index, papers, i, &h.joined).max(hyphenated_score(index, papers, i, h))
        }
        Matcher::Exact(exact) => exact_score(index, papers, i, exact),
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
        Matcher::Similar(similar) => similar.scores.get(&i).copied(),
        Matcher::Paper(at) => (*at == Some(i)).then_some(NAMED_PAPER),
        Matcher::AsParsed => flag(fact_holds(index, i, kind)),
    }
}

/// A bare word's score in paper `i`: in the title, else the rest of the
/// headline (a better level there wins), else a word it means there, else
/// a word of the abstract starting with it, else one it means there.
#[inline]
fn fuzzy_score<P: Papers + ?Sized>(
    index: &Index,
    papers: &P,
    i: usize,
    term: &Fuzzy,
) -> Option<i64> {
    let h = &index.headlines;
    let paper = || papers.paper(i);
    if let Some(score) = letter_score(term, h, i) {
        return score;
    }
    // Read only when the runs are not known: each array read per paper
    // is memory traffic over a million papers.
    let masks = || h.part_masks(i);
    let runs = term.runs_of(i);
    let in_title = match runs {
        Some([run, _]) => term.score_given_run(|| h.title(i), run, (i, 0)),
        None => term.score(masks().0, h.title(i), || paper().title.clone()),
    }
    .map(|s| s + TITLE_BONUS);
    // A better level in the rest (a tag named by the term) ranks
    // above a worse one in the title; nothing ranks above a whole
    // word of the title.
    if in_title.is_some_and(|s| s >= level::WHOLE * LEVEL) {
        return in_title;
    }
    let in_rest = match runs {
        Some([_, run]) => term.score_given_run(|| h.rest(i), run, (i, 1)),
        None => term.score(masks().1, h.rest(i), || rest_of(&paper())),
    };
    in_title
        .max(in_rest)
        .or_else(|| meant_score(term, h, i))
        .or_else(|| term.in_abstract(i).then_some(ABSTRACT_WORD))
        .or_else(|| term.in_abstract_meant(i).then_some(ABSTRACT_MEANT))
        .or_else(|| term.in_body(i).then_some(BODY_WORD))
}

/// The score of a hyphenated word's words in sequence in paper `i`: in
/// the title, else the rest of the headline, else (below any headline
/// match, as for a bare word) in the abstract.
fn hyphenated_score<P: Papers + ?Sized>(
    index: &Index,
    papers: &P,
    i: usize,
    hyphenated: &Hyphenated,
) -> Option<i64> {
    let h = &index.headlines;
    let sequence = &hyphenated.sequence;
    let ((title, _), (rest, _)) = h.part_masks(i);
    let (title, rest) = (hyphenated.may_be_in(title), hyphenated.may_be_in(rest));
    let (in_title, in_rest) = if !title && !rest {
        (None, None)
    } else if sequence.case_sensitive() {
        let paper = papers.paper(i);
        (
            sequence.score(&paper.title),
            sequence.score(&rest_of(&paper)),
        )
    } else {
        (
            sequence.score(h.title(i).as_str()),
            sequence.score(h.rest(i).as_str()),
        )
    };
    in_title.map(|s| s + TITLE_BONUS).max(in_rest).or_else(|| {
        (hyphenated.may_be_in_abstract(i)
            && sequence.score_in(&papers.paper(i).abstract_text).is_some())
        .then_some(ABSTRACT_WORD)
    })
}

/// A one-letter term's score in paper `i`, from masks alone (see
/// [`Fuzzy::letter_score`]); `None` for longer terms.
#[inline]
fn letter_score(term: &Fuzzy, h: &Headlines, i: usize) -> Option<Option<i64>> {
    let letter = term.letter_bit()?;
    let (title, rest) = h.part_masks(i);
    let (title_words, rest_words) = h.letter_words(i);
    let in_title = term
        .letter_score(title, title_words, begins_with(title_words, letter))?
        .map(|s| s + TITLE_BONUS);
    let in_rest = term.letter_score(rest, rest_words, begins_with(rest_words, letter))?;
    // The abstract is never searched for one letter.
    Some(in_title.max(in_rest))
}

/// The score of the best word `term` means with letters dropped or typos
/// in paper `i`'s title, else in the rest of its headline.
fn meant_score(term: &Fuzzy, h: &Headlines, i: usize) -> Option<i64> {
    if !term.means_words() {
        return None;
    }
    let ((title, _), (rest, _)) = h.part_masks(i);
    term.meant_score(title, h.title(i))
        .map(|s| s + TITLE_BONUS)
        .or_else(|| term.meant_score(rest, h.rest(i)))
}

/// An exact term or phrase: in the title, else in the rest of the
/// headline, else in the abstract, each worth less than the one before.
fn exact_score<P: Papers + ?Sized>(
    index: &Index,
    papers: &P,
    i: usize,
    exact: &InAbstract,
) -> Option<i64> {
    let needle = &exact.needle;
    let h = &index.headlines;
    let base = 16 * needle.len as i64;
    // Folded first: any exact-case match passes it too, and the record is
    // read only when the case must be checked or the abstract looked at.
    let in_title = needle.in_folded_any_case(h.title(i).as_str())
        && (!needle.case_sensitive() || needle.find(papers.title(i)).is_some());
    if in_title {
        return Some(base + TITLE_BONUS);
    }
    let in_rest = needle.in_folded_any_case(h.rest(i).as_str())
        && (!needle.case_sensitive() || needle.find(&rest_of(&papers.paper(i))).is_some());
    if in_rest {
        return Some(base);
    }
    if !exact.may_hold(i) {
        return None;
    }
    needle
        .find(&papers.paper(i).abstract_text)
        .map(|_| base / 2)
}

/// A `field:` clause: fuzzy on the title, authors or organization, a
/// substring in the abstract.
fn field_score<P: Papers + ?Sized>(
    index: &Index,
    papers: &P,
    i: usize,
    field: Field,
    (term, in_abstract): &(Fuzzy, InAbstract),
) -> Option<i64> {
    let h = &index.headlines;
    let paper = || papers.paper(i);
    let (title, rest) = h.part_masks(i);
    match field {
        Field::Title => term
            .score(title, h.title(i), || paper().title.clone())
            .or_else(|| term.meant_score(title.0, h.title(i)))
            .map(|s| s + TITLE_BONUS),
        Field::Author => term
            .score(rest, h.authors(i), || paper().authors.join(", "))
            .or_else(|| term.meant_score(rest.0, h.authors(i))),
        Field::Org => term
            .score(rest, h.org(i), || {
                paper().organization.clone().unwrap_or_default()
            })
            .or_else(|| term.meant_score(rest.0, h.org(i))),
        Field::Abstract => {
            let needle = &in_abstract.needle;
            if !in_abstract.may_hold(i) {
                return None;
            }
            needle
                .find(&paper().abstract_text)
                .map(|_| 8 * needle.len as i64)
        }
        Field::Body => {
            let needle = &in_abstract.needle;
            if !in_abstract.may_hold(i) {
                return None;
            }
            let pages = papers.body_pages(i)?;
            pages
                .iter()
                .any(|page| needle.find(page).is_some())
                .then_some(8 * needle.len as i64)
        }
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
        ClauseKind::HasPdf => index.is_marked(crate::query::index::Mark::Pdf, i),
        ClauseKind::HasDate => index.day[i] > 0,
        ClauseKind::Bookmarked => index.is_bookmarked(i),
        ClauseKind::Read => index.is_marked(crate::query::index::Mark::Read, i),
        ClauseKind::Added(b) => {
            let added = index.added[i];
            added > 0 && b.contains(added as i64)
        }
        ClauseKind::New => index.is_new(i),
        ClauseKind::Updated => index.is_marked(crate::query::index::Mark::Updated, i),
        // Text and tag clauses always have a prepared matcher.
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, Paper, Tag};
    use crate::query::ast::ClauseKind;

    /// Every letter and digit scores the same from the masks as from the
    /// text, on every paper of the bundled corpus and on headlines made
    /// to catch the edges: a letter alone first or later, plurals,
    /// camel case, digits after letters, folded capitals.
    #[test]
    fn one_letter_scores_from_masks_are_the_scores_from_the_text() {
        let mut papers = Corpus::bundled().unwrap().papers;
        for title in [
            "A T cell atlas",
            "T",
            "x-ray X and Xs",
            "MedSAM a b",
            "SAM2 v2 2D",
            "İstanbul i",
            "(t) tes ts",
            "",
        ] {
            let mut paper = Paper::titled(title);
            paper.authors = vec!["T. Li".into(), "Ada K".into()];
            paper.tags = vec![Tag::parse("modality/x").unwrap()];
            papers.push(paper);
        }
        let index = Index::new(&papers);
        let kind = ClauseKind::Fuzzy(String::new());
        for letter in ('a'..='z').chain('0'..='9') {
            let (fast, slow) = Fuzzy::both_ways(&letter.to_string(), &index.vocabulary);
            let (fast, slow) = (
                Matcher::Fuzzy(Box::new(fast)),
                Matcher::Fuzzy(Box::new(slow)),
            );
            for i in 0..papers.len() {
                assert_eq!(
                    clause_score(&index, &papers[..], i, &kind, &fast),
                    clause_score(&index, &papers[..], i, &kind, &slow),
                    "{letter:?} in {:?} / {:?}",
                    papers[i].title,
                    papers[i].authors
                );
            }
        }
    }
}
