//! A way on from a query that finds nothing: the corpus word nearest to a
//! bare word that matches no headline word in any tier.

use crate::query::ast::{ClauseKind, Query};
use crate::query::index::Index;

/// A word to type instead of a term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The term as typed.
    pub term: String,
    /// The corpus word nearest to it.
    pub word: String,
}

impl Index {
    /// For the first bare word of `query` (typed without capitals) that no
    /// headline word holds or means, the nearest word of the headlines.
    pub fn suggestion(&self, query: &Query) -> Option<Suggestion> {
        query
            .clauses()
            .filter(|c| !c.negated)
            .find_map(|clause| match &clause.kind {
                ClauseKind::Fuzzy(term) if *term == term.to_lowercase() => {
                    let vocabulary = &self.vocabulary;
                    if vocabulary.any_holds(term) || !vocabulary.meant(term).is_empty() {
                        return None;
                    }
                    let word = vocabulary.nearest(term)?;
                    Some(Suggestion {
                        term: term.clone(),
                        word,
                    })
                }
                _ => None,
            })
    }
}

#[cfg(test)]
mod tests {
    use crate::query::index::Index;
    use crate::query::parse::parse;

    use super::super::tests::papers;

    #[test]
    fn the_nearest_word_for_a_word_that_finds_nothing() {
        let papers = papers();
        let index = Index::new(&papers);
        let suggest = |q: &str| {
            index
                .suggestion(&parse(q).unwrap())
                .map(|s| (s.term, s.word))
        };
        assert_eq!(
            suggest("year:2024 zegmentatoin"),
            Some(("zegmentatoin".into(), "segmentation".into()))
        );
        assert_eq!(suggest("segmentation"), None, "found as it is");
        assert_eq!(suggest("segmnetation"), None, "forgiven already");
        assert_eq!(suggest("!zegmentatoin"), None);
        assert_eq!(suggest("qqqqqq"), None, "nothing near");
    }
}
