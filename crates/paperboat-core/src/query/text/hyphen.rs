//! Hyphenated terms (`zero-shot`, `fine-tuning`, `gpt-4`, `u-net`): their
//! words in sequence, written with a hyphen, a space or nothing between
//! them (`U-Net`, `U Net`, `UNet`).

use super::fold::fold;
use super::fuzzy::{level, leveled};

/// At most this many separating characters between two words.
const MOST_BETWEEN: usize = 2;

/// The words of a hyphenated term, as typed and folded.
#[derive(Debug, Clone)]
pub struct Sequence {
    /// The words as typed.
    words: Vec<String>,
    /// A term with a capital letter matches case (smart case).
    case_sensitive: bool,
    /// The first word, folded unless case matters.
    first: String,
}

/// Characters that may stand between the words: hyphens and dashes,
/// spaces, an underscore or a slash.
fn separates(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '—' | '_' | '/') || c.is_whitespace()
}

impl Sequence {
    /// The words of `term` when it is words of letters and digits joined
    /// by single hyphens, else `None`.
    pub fn of(term: &str) -> Option<Sequence> {
        let words: Vec<&str> = term.split('-').collect();
        let whole = words.len() >= 2
            && words
                .iter()
                .all(|w| !w.is_empty() && w.chars().all(char::is_alphanumeric));
        let case_sensitive = term.chars().any(char::is_uppercase);
        whole.then(|| Sequence {
            words: words.iter().map(|w| w.to_string()).collect(),
            case_sensitive,
            first: if case_sensitive {
                words[0].to_string()
            } else {
                words[0].chars().map(fold).collect()
            },
        })
    }

    /// The words, as typed.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// The words written as one (`unet`), as typed.
    pub fn joined(&self) -> String {
        self.words.concat()
    }

    /// The longest word, to look for first.
    pub fn longest(&self) -> &str {
        self.words
            .iter()
            .max_by_key(|w| w.len())
            .map_or("", String::as_str)
    }

    /// Whether a term with capitals was typed.
    pub fn case_sensitive(&self) -> bool {
        self.case_sensitive
    }

    /// [`Sequence::score`] in any text, folded here when case is ignored.
    pub fn score_in(&self, text: &str) -> Option<i64> {
        if self.case_sensitive {
            self.score(text)
        } else {
            self.score(&text.chars().map(fold).collect::<String>())
        }
    }

    /// The score of the best place in `hay` where the words lie in
    /// sequence: a whole word, else the start of a word, else inside one,
    /// as fuzzy terms score; `None` when they lie nowhere. Case is ignored
    /// unless the term has capitals, and then `hay` must be folded (as the
    /// index keeps headlines).
    pub fn score(&self, hay: &str) -> Option<i64> {
        let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let letters: usize = self.words.iter().map(|w| w.chars().count()).sum();
        let mut best = None;
        // Only where the first word lies: found by a substring search,
        // which is much faster than trying every character.
        for (at, _) in hay.match_indices(self.first.as_str()) {
            let Some(end) = self.match_at(hay, at) else {
                continue;
            };
            let starts = !alnum(hay[..at].chars().next_back());
            let ends = !alnum(hay[end..].chars().next());
            let lvl = match (starts, ends) {
                (true, true) => level::WHOLE,
                (true, false) => level::START,
                _ => level::INSIDE,
            };
            let score = leveled(lvl, 16 * letters as i64 + if at == 0 { 6 } else { 0 });
            best = best.max(Some(score));
            if lvl == level::WHOLE {
                break;
            }
        }
        best
    }

    /// Where the words end when they lie in sequence from byte `at`.
    fn match_at(&self, hay: &str, at: usize) -> Option<usize> {
        let mut chars = hay[at..].char_indices().peekable();
        for (n, word) in self.words.iter().enumerate() {
            if n > 0 {
                let mut between = 0;
                while let Some(&(_, c)) = chars.peek() {
                    if !separates(c) || between == MOST_BETWEEN {
                        break;
                    }
                    chars.next();
                    between += 1;
                }
            }
            for wanted in word.chars() {
                let (_, c) = chars.next()?;
                let same = if self.case_sensitive {
                    c == wanted
                } else {
                    fold(c) == fold(wanted)
                };
                if !same {
                    return None;
                }
            }
        }
        Some(chars.peek().map_or(hay.len(), |&(i, _)| at + i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(term: &str, hay: &str) -> bool {
        Sequence::of(term).unwrap().score_in(hay).is_some()
    }

    #[test]
    fn only_words_joined_by_hyphens_are_a_sequence() {
        assert!(Sequence::of("zero-shot").is_some());
        assert!(Sequence::of("state-of-the-art").is_some());
        assert!(Sequence::of("zero").is_none());
        assert!(Sequence::of("zero-").is_none());
        assert!(Sequence::of("-zero").is_none());
        assert!(Sequence::of("a--b").is_none());
        assert_eq!(Sequence::of("u-net").unwrap().joined(), "unet");
    }

    #[test]
    fn the_words_match_with_a_hyphen_a_space_or_nothing_between() {
        assert!(finds("u-net", "a U-Net for scans"));
        assert!(finds("u-net", "a UNet for scans"));
        assert!(finds("u-net", "a U Net for scans"));
        assert!(finds("zero-shot", "Zero-Shot Learning"));
        assert!(finds("zero-shot", "zero–shot"));
        assert!(finds("state-of-the-art", "state of the art results"));
        assert!(finds("gpt-4", "GPT-4o and GPT4"));
        assert!(!finds("zero-shot", "zero and shot"));
        assert!(!finds("zero-shot", "shot zero"));
    }

    #[test]
    fn whole_words_score_above_starts_and_insides() {
        let s = Sequence::of("u-net").unwrap();
        let whole = s.score_in("the u-net").unwrap();
        let start = s.score_in("the u-nets2").unwrap();
        let inside = s.score_in("menu-network").unwrap();
        assert!(whole > start && start > inside, "{whole} {start} {inside}");
    }

    #[test]
    fn capitals_match_case() {
        assert!(finds("U-Net", "a U-Net"));
        assert!(!finds("U-Net", "a u-net"));
    }
}
