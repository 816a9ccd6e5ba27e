//! Whether a query's results can be found among another query's results
//! rather than over the whole corpus: only when they are sure to be a
//! subset of them, forgiven words included, so that a query typed one key
//! at a time finds exactly what it finds typed at once.

use super::compile::Fuzzy;
use crate::query::ast::Query;
use crate::query::index::Index;
use crate::query::papers::Papers;

impl Index {
    /// True when every paper `query` matches is also matched by `wider`
    /// (the query before a few more keys), so that searching among
    /// `wider`'s hits finds them all.
    pub fn refines<P: Papers + ?Sized>(&self, papers: &P, query: &Query, wider: &Query) -> bool {
        query.narrows(wider)
            && query.grown_words(wider).into_iter().all(|(word, shorter)| {
                Fuzzy::bare(self, papers, word).finds_within(&Fuzzy::bare(self, papers, shorter))
            })
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::Paper;
    use crate::query::{Index, parse};

    fn papers() -> Vec<Paper> {
        [
            "Reasoning about Images",
            "Reasonable Defaults",
            "Segmentation of Scans",
            "Mamba for Vision",
        ]
        .into_iter()
        .map(|t| Paper::titled(t.to_string()))
        .collect()
    }

    fn refines(query: &str, wider: &str) -> bool {
        let papers = papers();
        let index = Index::new(&papers);
        index.refines(&papers, &parse(query).unwrap(), &parse(wider).unwrap())
    }

    #[test]
    fn exact_words_that_grow_refine() {
        assert!(refines("mamb", "mam"));
        assert!(refines("mamba vis", "mamba"));
        assert!(refines("'mamba f", "'mamba"));
        assert!(refines("seg", "se"));
    }

    #[test]
    fn a_word_forgiven_more_as_it_grows_does_not_refine() {
        // No word holds `segmnet` or has its letters in order; with five
        // more letters it is a typo of "segmentation".
        assert!(!refines("segmnetation", "segmnet"));
        // `reasonig` already meant "reasoning", letters dropped.
        assert!(refines("reasonign", "reasonig"));
        // A word the shorter one holds is no more than it found.
        assert!(refines("reasoni", "reason"));
    }

    #[test]
    fn changed_clauses_do_not_refine() {
        assert!(!refines("mamba", "vision"));
        assert!(!refines("u-ne", "u-n"));
        assert!(!refines("mam", "mamb"));
    }
}
