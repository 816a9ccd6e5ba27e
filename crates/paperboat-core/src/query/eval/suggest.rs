//! A way on from a query that finds nothing: the corpus word nearest to a
//! bare word that matches no headline word in any tier, and, while the
//! abstracts are not indexed yet, how many abstracts hold the word.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::query::ast::{ClauseKind, Query};
use crate::query::index::Index;
use crate::query::papers::Papers;
use crate::query::text::hyphen::Sequence;
use crate::query::text::needle::Needle;

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
                    let word = match Sequence::of(term) {
                        Some(sequence) => self.nearest_sequence(&sequence)?,
                        None => self.nearest_word(term)?,
                    };
                    Some(Suggestion {
                        term: term.clone(),
                        word,
                    })
                }
                _ => None,
            })
    }
}

impl Index {
    /// The headline word nearest to `term`, unless a word holds or means it.
    fn nearest_word(&self, term: &str) -> Option<String> {
        let vocabulary = &self.vocabulary;
        if vocabulary.any_holds(term) || !vocabulary.meant(term).is_empty() {
            return None;
        }
        vocabulary.nearest(term)
    }

    /// For hyphenated words that match nothing: each word (of three
    /// letters or more) that no headline word holds replaced by its
    /// nearest (`u-nte` -> `u-net`), else the word nearest to them joined
    /// (`unet`).
    fn nearest_sequence(&self, sequence: &Sequence) -> Option<String> {
        let words = sequence.words();
        let fixed: Vec<String> = words
            .iter()
            .map(|word| {
                let held = word.chars().count() < 3 || self.vocabulary.any_holds(word);
                let nearest = (!held).then(|| self.vocabulary.nearest(word)).flatten();
                nearest.unwrap_or_else(|| word.clone())
            })
            .collect();
        if fixed != words {
            return Some(fixed.join("-"));
        }
        self.nearest_word(&sequence.joined())
    }
}

/// The first bare word of `query` (three letters or more) and how many of
/// `papers` have it in their abstract, when no abstract index answers for
/// them; `None` once `cancel` is set. Read paper by paper: it runs beside
/// the keyboard, and only when a query found nothing.
pub fn abstracts_holding<P: Papers + ?Sized>(
    papers: &P,
    query: &Query,
    cancel: &AtomicBool,
) -> Option<(String, usize)> {
    let term = query
        .clauses()
        .filter(|c| !c.negated)
        .find_map(|c| match &c.kind {
            ClauseKind::Fuzzy(t) if t.chars().count() >= 3 => Some(t.clone()),
            _ => None,
        })?;
    if papers.abstract_words(&term.to_lowercase()).is_some() {
        return None;
    }
    let needle = Needle::new(&term);
    let mut count = 0;
    for i in 0..papers.count() {
        if i % 1024 == 0 && cancel.load(Ordering::Relaxed) {
            return None;
        }
        if needle.find(&papers.paper(i).abstract_text).is_some() {
            count += 1;
        }
    }
    (count > 0).then_some((term, count))
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

    #[test]
    fn hyphenated_words_that_find_nothing_get_a_word_to_try() {
        let papers = papers();
        let index = Index::new(&papers);
        let suggest = |q: &str| index.suggestion(&parse(q).unwrap()).map(|s| s.word);
        assert_eq!(suggest("u-net"), None, "UNet is found");
        assert_eq!(suggest("u-nte").as_deref(), Some("unet"));
        assert_eq!(
            suggest("mamba-segmentatoin").as_deref(),
            Some("mamba-segmentation")
        );
    }
}
