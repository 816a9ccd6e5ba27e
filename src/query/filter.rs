//! Evaluating a query over a corpus: the matching papers, ranked.

use super::fuzzy::{Prepared, Term};
use super::parse::{Clause, Query};
use super::sort::{self, Sort};
use crate::corpus::Paper;

/// A title match outranks any match in authors, organization or tags.
const TITLE_BONUS: i64 = 10_000;

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
        self.search_among(papers, query, 0..papers.len())
    }

    /// Like [`Index::search`], but only among `candidates` (the hits of a
    /// query that this one narrows).
    pub fn refine(&self, papers: &[Paper], query: &Query, candidates: &[Hit]) -> Vec<Hit> {
        self.search_among(papers, query, candidates.iter().map(|h| h.index))
    }

    fn search_among(
        &self,
        papers: &[Paper],
        query: &Query,
        candidates: impl Iterator<Item = usize>,
    ) -> Vec<Hit> {
        let terms = terms(query);
        let mut hits: Vec<Hit> = candidates
            .filter_map(|index| {
                self.score(&papers[index], index, &terms)
                    .map(|score| Hit { index, score })
            })
            .collect();
        self.sort(papers, &mut hits, query.effective_sort());
        hits
    }

    /// Orders hits in place.
    pub fn sort(&self, papers: &[Paper], hits: &mut [Hit], order: Sort) {
        hits.sort_by(|a, b| {
            let (pa, pb) = (&papers[a.index], &papers[b.index]);
            let natural = match order.key {
                sort::SortKey::Title => self.entries[a.index]
                    .title_key
                    .cmp(&self.entries[b.index].title_key)
                    .then_with(|| sort::compare(order.key, (pa, a.score), (pb, b.score))),
                key => sort::compare(key, (pa, a.score), (pb, b.score)),
            };
            let ordered = if order.reversed {
                natural.reverse()
            } else {
                natural
            };
            // Equal papers keep corpus order so results never shuffle.
            ordered.then(a.index.cmp(&b.index))
        });
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
