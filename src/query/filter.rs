//! Evaluating a query over a corpus: the matching papers, ranked.

use std::ops::Range;

use super::fuzzy::{Prepared, Term};
use super::parse::{Clause, Query};
use super::sort::{self, Sort};
use crate::corpus::Paper;

/// A title match outranks any match in authors, organization or tags.
const TITLE_BONUS: i64 = 10_000;

/// From this many candidates on, scoring is split across the cores.
const PARALLEL_FROM: usize = 20_000;

/// The papers a search looks at.
#[derive(Clone, Copy)]
enum Candidates<'a> {
    /// The whole corpus of this many papers.
    All(usize),
    /// The hits of a wider query.
    Among(&'a [Hit]),
}

impl Candidates<'_> {
    fn len(&self) -> usize {
        match self {
            Candidates::All(n) => *n,
            Candidates::Among(hits) => hits.len(),
        }
    }

    fn index(&self, position: usize) -> usize {
        match self {
            Candidates::All(_) => position,
            Candidates::Among(hits) => hits[position].index,
        }
    }
}

/// One matching paper: its index in the corpus and its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into the corpus's papers.
    pub index: usize,
    /// Higher is better; zero when the query has no text clause.
    pub score: i64,
}

/// What matching needs, computed once per corpus so that a keystroke does
/// no allocation per paper.
pub struct Index {
    entries: Vec<Entry>,
}

struct Entry {
    /// The title, prepared for matching.
    title: Prepared,
    /// Authors, organization and tags: the headline besides the title.
    rest_text: String,
    /// `rest_text` prepared for matching.
    rest: Prepared,
    /// Lowercase title for sorting by title.
    title_key: String,
}

impl Index {
    /// Precomputes the headline of every paper.
    pub fn new(papers: &[Paper]) -> Index {
        let entries = papers
            .iter()
            .map(|p| {
                let mut rest = p.authors.join(", ");
                for part in p
                    .organization
                    .iter()
                    .map(String::as_str)
                    .chain(p.tags.iter().map(|t| t.as_str()))
                {
                    if !rest.is_empty() {
                        rest.push_str(" · ");
                    }
                    rest.push_str(part);
                }
                Entry {
                    title: Prepared::new(&p.title),
                    title_key: p.title.to_lowercase(),
                    rest: Prepared::new(&rest),
                    rest_text: rest,
                }
            })
            .collect();
        Index { entries }
    }

    /// The number of papers indexed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the corpus is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The papers matching `query`, ranked by its ordering.
    pub fn search(&self, papers: &[Paper], query: &Query) -> Vec<Hit> {
        self.search_among(papers, query, Candidates::All(papers.len()))
    }

    /// Like [`Index::search`], but only among `candidates` (the hits of a
    /// query that this one narrows).
    pub fn refine(&self, papers: &[Paper], query: &Query, candidates: &[Hit]) -> Vec<Hit> {
        self.search_among(papers, query, Candidates::Among(candidates))
    }

    fn search_among(&self, papers: &[Paper], query: &Query, candidates: Candidates) -> Vec<Hit> {
        let terms = terms(query);
        let score_part = |range: Range<usize>| -> Vec<Hit> {
            range
                .filter_map(|position| {
                    let index = candidates.index(position);
                    self.score(&papers[index], index, &terms)
                        .map(|score| Hit { index, score })
                })
                .collect()
        };
        let len = candidates.len();
        let threads = if len >= PARALLEL_FROM {
            std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
        } else {
            1
        };
        let mut hits = if threads == 1 {
            score_part(0..len)
        } else {
            // Contiguous parts, joined in order, so results do not depend
            // on the number of cores.
            let part = len.div_ceil(threads);
            std::thread::scope(|scope| {
                let handles: Vec<_> = (0..threads)
                    .map(|t| {
                        let range = (t * part).min(len)..((t + 1) * part).min(len);
                        scope.spawn(|| score_part(range))
                    })
                    .collect();
                let mut all = Vec::new();
                for handle in handles {
                    match handle.join() {
                        Ok(part) => all.extend(part),
                        Err(panic) => std::panic::resume_unwind(panic),
                    }
                }
                all
            })
        };
        self.sort(papers, &mut hits, query.effective_sort());
        hits
    }

    /// Orders hits in place.
    pub fn sort(&self, papers: &[Paper], hits: &mut [Hit], order: Sort) {
        use sort::SortKey;
        // Sorting by precomputed integer keys keeps a 100k-result sort in
        // the low milliseconds; equal keys fall back to corpus order so that
        // results never shuffle.
        let date = |i: usize| {
            papers[i].published.map_or(0, |d| {
                (d.year as u64) << 16 | (d.month as u64) << 8 | d.day as u64
            })
        };
        let upvotes = |i: usize| papers[i].upvotes_or_zero() as u64;
        let flip = |k: u128| if order.reversed { !k } else { k };
        match order.key {
            SortKey::Title => {
                hits.sort_by(|a, b| {
                    let natural = self.entries[a.index]
                        .title_key
                        .cmp(&self.entries[b.index].title_key);
                    let ordered = if order.reversed {
                        natural.reverse()
                    } else {
                        natural
                    };
                    ordered.then(a.index.cmp(&b.index))
                });
            }
            key => {
                // Bigger is earlier in the natural order.
                let key_of = |h: &Hit| -> u128 {
                    let score = (h.score as i128 - i64::MIN as i128) as u128;
                    let (u, d) = (upvotes(h.index) as u128, date(h.index) as u128);
                    let authors = papers[h.index].display_author_count() as u128;
                    match key {
                        SortKey::Relevance => score << 64 | u << 32 | d,
                        SortKey::Date => d << 64 | score,
                        SortKey::Upvotes => u << 64 | d,
                        _ => authors << 64 | u << 32 | d,
                    }
                };
                // Keys computed once each, not once per comparison.
                let mut keyed: Vec<(std::cmp::Reverse<u128>, usize, i64)> = hits
                    .iter()
                    .map(|h| (std::cmp::Reverse(flip(key_of(h))), h.index, h.score))
                    .collect();
                keyed.sort_unstable();
                for (hit, (_, index, score)) in hits.iter_mut().zip(keyed) {
                    *hit = Hit { index, score };
                }
            }
        }
    }

    fn score(&self, paper: &Paper, index: usize, terms: &[Term]) -> Option<i64> {
        let entry = &self.entries[index];
        let mut total = 0;
        for term in terms {
            total += match term.score(&paper.title, &entry.title) {
                Some(score) => score + TITLE_BONUS,
                None => term.score(&entry.rest_text, &entry.rest)?,
            };
        }
        Some(total)
    }

    /// Character positions in a paper's title matched by the query's text
    /// terms, sorted and without duplicates, for highlighting.
    pub fn title_positions(&self, papers: &[Paper], index: usize, query: &Query) -> Vec<usize> {
        let (title, prepared) = (&papers[index].title, &self.entries[index].title);
        let mut positions: Vec<usize> = terms(query)
            .iter()
            .filter_map(|t| t.positions(title, prepared))
            .flatten()
            .collect();
        positions.sort_unstable();
        positions.dedup();
        positions
    }
}

/// The query's fuzzy terms, prepared.
fn terms(query: &Query) -> Vec<Term> {
    query
        .clauses
        .iter()
        .map(|c| match c {
            Clause::Fuzzy(text) => Term::new(text),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Date, Tag};
    use crate::query::parse::parse;

    fn papers() -> Vec<Paper> {
        let mut a = Paper::titled("Mamba for Segmentation");
        a.published = Date::new(2024, 1, 1);
        a.upvotes = Some(1);
        let mut b = Paper::titled("A Transformer Study");
        b.published = Date::new(2025, 1, 1);
        b.authors = vec!["Ada Mamba".into()];
        let mut c = Paper::titled("Vision Mamba UNet");
        c.published = Date::new(2023, 1, 1);
        c.upvotes = Some(5);
        c.tags = vec![Tag::parse("task/segmentation").unwrap()];
        vec![a, b, c]
    }

    fn titles(query: &str) -> Vec<String> {
        let papers = papers();
        let index = Index::new(&papers);
        index
            .search(&papers, &parse(query).unwrap())
            .iter()
            .map(|h| papers[h.index].title.clone())
            .collect()
    }

    #[test]
    fn empty_query_is_everything_newest_first() {
        assert_eq!(
            titles(""),
            [
                "A Transformer Study",
                "Mamba for Segmentation",
                "Vision Mamba UNet"
            ]
        );
    }

    #[test]
    fn title_matches_rank_above_author_matches_ties_by_upvotes() {
        // A match at the very start scores highest, as in fzf.
        assert_eq!(
            titles("mamba"),
            [
                "Mamba for Segmentation",
                "Vision Mamba UNet",
                "A Transformer Study"
            ]
        );
        // In the title beats in a tag.
        assert_eq!(
            titles("seg"),
            ["Mamba for Segmentation", "Vision Mamba UNet"]
        );
    }

    #[test]
    fn every_term_must_match_somewhere_in_the_headline() {
        assert_eq!(
            titles("mamba segmentation"),
            ["Mamba for Segmentation", "Vision Mamba UNet"]
        );
        assert!(titles("mamba zebra").is_empty());
    }

    #[test]
    fn sorts_and_reversal() {
        assert_eq!(titles("sort:title")[0], "A Transformer Study");
        assert_eq!(titles("sort:-title")[0], "Vision Mamba UNet");
        assert_eq!(titles("sort:upvotes")[0], "Vision Mamba UNet");
        assert_eq!(titles("mamba sort:-date")[0], "Vision Mamba UNet");
    }

    #[test]
    fn refining_gives_the_same_as_searching() {
        let papers = papers();
        let index = Index::new(&papers);
        let wide = index.search(&papers, &parse("ma").unwrap());
        let narrow = parse("mamba seg").unwrap();
        assert_eq!(
            index.refine(&papers, &narrow, &wide),
            index.search(&papers, &narrow)
        );
    }

    #[test]
    fn highlight_positions() {
        let papers = papers();
        let index = Index::new(&papers);
        let q = parse("mamba").unwrap();
        assert_eq!(index.title_positions(&papers, 2, &q), [7, 8, 9, 10, 11]);
    }
}
