//! Fuzzy matching of one term against one text, with the positions matched.
//!
//! Scoring comes from fuzzy-matcher's skim algorithm (fzf-like). On top of it
//! a match must be believable: either one contiguous run (`amba` in `Mamba`)
//! or runs that start consecutive words (`llm` in `Large Language Models`,
//! `msam` in `MedSAM`), so that `mamba` does not match letters scattered over
//! `Model Breadcrumbs ...`.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// A reusable matcher with smart case: a term with a capital letter is
/// matched case-sensitively.
pub struct Fuzzy {
    matcher: SkimMatcherV2,
}

impl Default for Fuzzy {
    fn default() -> Self {
        Fuzzy {
            matcher: SkimMatcherV2::default().smart_case(),
        }
    }
}

impl Fuzzy {
    /// The score and matched character positions of `term` in `text`.
    pub fn indices(&self, text: &str, term: &str) -> Option<(i64, Vec<usize>)> {
        let (score, indices) = self.matcher.fuzzy_indices(text, term)?;
        believable(text, &indices).then_some((score, indices))
    }

    /// The score of `term` in `text`, if it matches believably.
    pub fn score(&self, text: &str, term: &str) -> Option<i64> {
        self.indices(text, term).map(|(score, _)| score)
    }
}

/// One contiguous run, or runs that start consecutive words.
fn believable(text: &str, indices: &[usize]) -> bool {
    let runs_start = |k: usize| k == 0 || indices[k] != indices[k - 1] + 1;
    let run_starts: Vec<usize> = (0..indices.len())
        .filter(|&k| runs_start(k))
        .map(|k| indices[k])
        .collect();
    if run_starts.len() <= 1 {
        return true;
    }
    let chars: Vec<char> = text.chars().collect();
    run_starts.iter().all(|&at| starts_word(&chars, at))
        && run_starts
            .windows(2)
            .all(|w| !(w[0] + 1..w[1]).any(|at| starts_word(&chars, at)))
}

/// At the start of the text, after a non-alphanumeric character, or at a
/// lowercase-to-uppercase or letter-to-digit step (`MedSAM`, `SAM2`).
fn starts_word(chars: &[char], at: usize) -> bool {
    let Some(&c) = chars.get(at) else {
        return false;
    };
    match at.checked_sub(1).map(|p| chars[p]) {
        None => true,
        Some(prev) => {
            !prev.is_alphanumeric()
                || (prev.is_lowercase() && c.is_uppercase())
                || (prev.is_alphabetic() && c.is_numeric())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contiguous_and_initials_match_scattered_letters_do_not() {
        let f = Fuzzy::default();
        assert!(f.score("LightM-UNet: Mamba Assists", "mamba").is_some());
        assert!(f.score("EHRMamba: Towards", "mamba").is_some());
        assert!(
            f.score(
                "Model Breadcrumbs: Scaling Multi-Task Model Merging",
                "mamba"
            )
            .is_none()
        );
        assert!(f.score("Large Language Models for X", "llm").is_some());
        assert!(f.score("Segment Anything", "seganything").is_some());
        assert!(
            f.score("MedAgent-Pro: Towards Multi-modal Evidence-based", "mamba")
                .is_none()
        );
        assert!(f.score("MedSAM meets", "msam").is_some());
    }

    #[test]
    fn smart_case() {
        let f = Fuzzy::default();
        assert!(f.score("Mamba", "mamba").is_some());
        assert!(f.score("mamba", "Mamba").is_none());
    }

    #[test]
    fn positions_are_char_indices() {
        let f = Fuzzy::default();
        let (_, idx) = f.indices("μ-Bench", "bench").unwrap();
        assert_eq!(idx, [2, 3, 4, 5, 6]);
    }
}
