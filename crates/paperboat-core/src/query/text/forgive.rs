//! The words of a corpus that a term means though it matches none of them
//! exactly: with a few letters dropped (`transfrmr` means Transformer,
//! scored by fuzzy-matcher's `SkimMatcherV2` on that one word), or, for a
//! term that no word holds at all, with a typo or two (`segmnetation`).
//! Looked for once per query among the distinct words of the corpus; the
//! papers are then matched against the few words found.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::fuzzy::{level, leveled};

/// Terms shorter than this drop no letter.
const DROPPED_FROM: usize = 4;
/// Terms shorter than this have no typo.
const TYPOS_FROM: usize = 5;
/// From this length on, two typos are forgiven, one below it.
const TWO_TYPOS_FROM: usize = 9;
/// At most this many words are meant: the best ones.
const MOST_WORDS: usize = 32;

/// A word a term means, and how well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meant {
    /// The word, folded.
    pub word: String,
    /// Its characters (as `headlines::mask` gives them).
    pub mask: u64,
    /// Its score for the term, its level included.
    pub score: i64,
}

/// The words among `words` (each with its mask) that the folded `term`
/// (whose mask is `needs`) means, best first; `held` says whether some
/// word holds the term as it is (then no typo is looked for). A term with
/// anything but letters and digits means nothing.
pub fn meant<'a>(
    term: &str,
    needs: u64,
    words: impl Iterator<Item = (&'a str, u64)> + Clone,
    held: bool,
) -> Vec<Meant> {
    let chars = term.chars().count();
    let Some(first) = term.chars().next() else {
        return Vec::new();
    };
    if chars < DROPPED_FROM || !term.chars().all(char::is_alphanumeric) {
        return Vec::new();
    }
    let mut found = dropped_letters(term, needs, chars, first, words.clone());
    if found.is_empty() && !held && chars >= TYPOS_FROM {
        found = typos(term, needs, chars, first, words);
    }
    found.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.word.cmp(&b.word)));
    found.truncate(MOST_WORDS);
    found
}

/// Words with the term's letters in order, starting with its first, a few
/// left out of the term: at most a third of its length (one for short
/// terms), never more than two in a row.
fn dropped_letters<'a>(
    term: &str,
    needs: u64,
    chars: usize,
    first: char,
    words: impl Iterator<Item = (&'a str, u64)>,
) -> Vec<Meant> {
    let matcher = SkimMatcherV2::default();
    let best = matcher.fuzzy_match(term, term).unwrap_or(1);
    let most_left_out = (chars / 3).max(1);
    words
        .filter(|&(word, mask)| {
            needs & !mask == 0 && word.len() >= term.len() && word.starts_with(first)
        })
        .filter(|(word, _)| !word.contains(term))
        .filter_map(|(word, mask)| {
            let (score, at) = matcher.fuzzy_indices(word, term)?;
            let span = at.last()? - at.first()? + 1;
            let close = at.first() == Some(&0)
                && span - chars <= most_left_out
                && at.windows(2).all(|w| w[1] - w[0] <= 3)
                // At least three quarters of what the term scores on itself.
                && 4 * score >= 3 * best;
            close.then(|| Meant {
                word: word.to_string(),
                mask,
                score: leveled(level::DROPPED, score * 1000 / best.max(1)),
            })
        })
        .collect()
}

/// Words within one edit (two from nine letters on) of the term, a swap of
/// two neighbours counting as one, starting with its first letter.
fn typos<'a>(
    term: &str,
    needs: u64,
    chars: usize,
    first: char,
    words: impl Iterator<Item = (&'a str, u64)>,
) -> Vec<Meant> {
    let most = if chars >= TWO_TYPOS_FROM { 2 } else { 1 };
    let starting = words.filter(|(word, _)| word.starts_with(first));
    within_edits(term, needs, chars, most, starting)
        .map(|(word, mask, distance)| Meant {
            word: word.to_string(),
            mask,
            score: leveled(level::TYPO, 1000 * (most + 1 - distance) as i64),
        })
        .collect()
}

/// The word nearest to a folded term (whose mask is `needs`) that means
/// none, to suggest instead: within a third of its length in edits (one
/// at least), a swap of neighbours counting as one, any first letter; the
/// fewest edits first, then a word with the term's first letter, then the
/// first in order.
pub fn nearest<'a>(
    term: &str,
    needs: u64,
    words: impl Iterator<Item = (&'a str, u64)>,
) -> Option<String> {
    let chars = term.chars().count();
    if chars < 3 || !term.chars().all(char::is_alphanumeric) {
        return None;
    }
    let most = (chars / 3).max(1);
    let first = term.chars().next()?;
    within_edits(term, needs, chars, most, words)
        .map(|(word, _, distance)| (distance, !word.starts_with(first), word))
        .min()
        .map(|(_, _, word)| word.to_string())
}

/// The words (with their masks) at most `most` edits from the term (of
/// `chars` characters, mask `needs`), a swap of neighbours counting as
/// one, with their distance.
fn within_edits<'a>(
    term: &str,
    needs: u64,
    chars: usize,
    most: usize,
    words: impl Iterator<Item = (&'a str, u64)>,
) -> impl Iterator<Item = (&'a str, u64, usize)> {
    words
        // An edit changes which characters a word has by two at most (a
        // swap by none): a cheap test before the distance.
        .filter(move |&(_, mask)| (mask ^ needs).count_ones() as usize <= 2 * most)
        .filter(move |(word, _)| word.len().abs_diff(term.len()) <= most * 4)
        .filter(move |(word, _)| word.chars().count().abs_diff(chars) <= most)
        .filter_map(move |(word, mask)| {
            let distance = strsim::osa_distance(word, term);
            (distance <= most).then_some((word, mask, distance))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::index::headlines::mask;

    fn words_meant(term: &str, words: &[&str]) -> Vec<String> {
        let held = words.iter().any(|w| w.contains(term));
        meant(term, mask(term), words.iter().map(|w| (*w, mask(w))), held)
            .into_iter()
            .map(|m| m.word)
            .collect()
    }

    #[test]
    fn dropped_letters_within_one_word() {
        let words = [
            "transformer",
            "transformers",
            "transformation",
            "segmentation",
            "radiology",
            "hallucination",
            "translation",
        ];
        assert_eq!(
            words_meant("transfrmr", &words),
            ["transformer", "transformers"]
        );
        assert_eq!(words_meant("segmentaion", &words), ["segmentation"]);
        assert_eq!(words_meant("radiolgy", &words), ["radiology"]);
        assert_eq!(words_meant("halucination", &words), ["hallucination"]);
        // Too short, or letters that are not in order from the start.
        assert!(words_meant("trf", &words).is_empty());
        assert!(words_meant("rmer", &words).is_empty());
        assert!(
            words_meant("tnsfmr", &words).is_empty(),
            "too many left out"
        );
    }

    #[test]
    fn the_nearest_word_for_a_term_that_means_none() {
        let words = ["segmentation", "fragmentation", "pathology"];
        let near = |term: &str| nearest(term, mask(term), words.iter().map(|w| (*w, mask(w))));
        assert_eq!(near("xegmnetatoin").as_deref(), Some("segmentation"));
        assert_eq!(near("patology").as_deref(), Some("pathology"));
        assert_eq!(near("qqqq"), None);
        assert_eq!(near("ab"), None);
    }

    #[test]
    fn typos_only_for_what_no_word_holds() {
        let words = [
            "segmentation",
            "pathology",
            "reasoning",
            "reason",
            "pathway",
        ];
        assert_eq!(words_meant("segmnetation", &words), ["segmentation"]);
        assert_eq!(words_meant("pathalogy", &words), ["pathology"]);
        assert_eq!(words_meant("reasonign", &words), ["reasoning"]);
        // The first letter stays.
        assert!(words_meant("xathology", &words).is_empty());
        // One typo below nine letters, two from nine on.
        assert!(words_meant("raesonin", &words).is_empty());
        assert_eq!(words_meant("raesonign", &words), ["reasoning"]);
        // A term some word holds has no typo.
        assert!(words_meant("reaso", &words).is_empty());
    }
}
