//! Fuzzy matching of one term against one text, fast enough to run over a
//! large corpus on every keystroke.
//!
//! A term matches when its characters occur either as one contiguous run
//! (`amba` in `Mamba`) or as prefixes of consecutive words (`llm` in `Large
//! Language Models`, `msam` in `MedSAM`, `seganything` in `Segment
//! Anything`). Letters scattered over unrelated words do not match, so that
//! `mamba` does not find `Model Breadcrumbs: Scaling Multi-Task Model
//! Merging`. Smart case: a term with a capital letter is case-sensitive.
//!
//! Scores favour longer terms, matches that start a word, matches at the
//! start of the text and whole-word matches; where in the text a match lies
//! otherwise does not count, so that ties fall to upvotes and date.

/// How many occurrences of a term are scored; the best is almost always
/// among the first few, and the cap bounds the work on pathological text.
const MAX_OCCURRENCES: usize = 16;

/// A text prepared once for repeated matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// Lowercase, one character for each character of the original.
    folded: String,
    /// Character indices where a word starts, ascending.
    starts: Vec<u32>,
    /// ASCII text: byte offsets are character indices.
    ascii: bool,
}

/// A search term prepared once per query.
#[derive(Debug, Clone)]
pub struct Term {
    text: String,
    folded: String,
    len: usize,
    case_sensitive: bool,
    /// A substring searcher built once, not once per paper.
    finder: memchr::memmem::Finder<'static>,
}

/// Lowercase without changing the number of characters (a character whose
/// lowercase is longer than one character stays as it is).
fn fold(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

impl Prepared {
    /// Folds `text` and finds its word starts.
    pub fn new(text: &str) -> Prepared {
        let mut starts = Vec::new();
        let mut prev: Option<char> = None;
        let mut chars = text.chars().enumerate().peekable();
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            if c.is_alphanumeric() && starts_word(prev, c, next) {
                starts.push(i as u32);
            }
            prev = Some(c);
        }
        Prepared {
            folded: text.chars().map(fold).collect(),
            starts,
            ascii: text.is_ascii(),
        }
    }

    fn is_start(&self, char_index: usize) -> bool {
        self.starts.binary_search(&(char_index as u32)).is_ok()
    }
}

/// After a non-alphanumeric character, at a lowercase-to-uppercase step
/// (`MedSAM`), where an acronym meets a word (`EHRMamba`), or at a
/// letter-to-digit step (`SAM2`).
fn starts_word(prev: Option<char>, c: char, next: Option<char>) -> bool {
    match prev {
        None => true,
        Some(p) => {
            !p.is_alphanumeric()
                || (p.is_lowercase() && c.is_uppercase())
                || (p.is_uppercase() && c.is_uppercase() && next.is_some_and(char::is_lowercase))
                || (p.is_alphabetic() && c.is_numeric())
        }
    }
}

impl Term {
    /// Prepares a term; smart case decides case sensitivity.
    pub fn new(text: &str) -> Term {
        let case_sensitive = text.chars().any(char::is_uppercase);
        let folded: String = text.chars().map(fold).collect();
        let needle = if case_sensitive { text } else { &folded };
        Term {
            finder: memchr::memmem::Finder::new(needle.as_bytes()).into_owned(),
            text: text.to_string(),
            folded,
            len: text.chars().count(),
            case_sensitive,
        }
    }

    /// The term as typed.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The score of this term in `text` (prepared as `prepared`), if it
    /// matches.
    pub fn score(&self, text: &str, prepared: &Prepared) -> Option<i64> {
        self.find(text, prepared).map(|m| m.score)
    }

    /// The matched character positions, for highlighting.
    pub fn positions(&self, text: &str, prepared: &Prepared) -> Option<Vec<usize>> {
        self.find(text, prepared).map(|m| m.positions)
    }

    fn find(&self, text: &str, prepared: &Prepared) -> Option<Match> {
        if self.len == 0 {
            return Some(Match {
                score: 0,
                positions: Vec::new(),
            });
        }
        let (haystack, needle) = if self.case_sensitive {
            (text, self.text.as_str())
        } else {
            (prepared.folded.as_str(), self.folded.as_str())
        };
        if !is_subsequence(haystack, needle) {
            return None;
        }
        self.contiguous(haystack, needle, prepared)
            .or_else(|| self.initials(haystack, needle, prepared))
    }

    fn contiguous(&self, haystack: &str, needle: &str, prepared: &Prepared) -> Option<Match> {
        let best_possible = 16 * self.len as i64 + 20;
        let mut best: Option<(i64, usize)> = None;
        let mut chars_before = 0;
        let mut counted_to = 0;
        for byte in self
            .finder
            .find_iter(haystack.as_bytes())
            .take(MAX_OCCURRENCES)
        {
            if !prepared.ascii {
                chars_before += haystack[counted_to..byte].chars().count();
                counted_to = byte;
            }
            let at = if prepared.ascii { byte } else { chars_before };
            let end = at + self.len;
            let whole_word = prepared.is_start(end)
                || haystack[byte + needle.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
            let score = 16 * self.len as i64
                + if prepared.is_start(at) { 10 } else { 0 }
                + if at == 0 { 6 } else { 0 }
                + if whole_word { 4 } else { 0 };
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, at));
            }
            if score == best_possible {
                break;
            }
        }
        best.map(|(score, at)| Match {
            score,
            positions: (at..at + self.len).collect(),
        })
    }

    fn initials(&self, haystack: &str, needle: &str, prepared: &Prepared) -> Option<Match> {
        if self.len < 2 || prepared.starts.len() < 2 {
            return None;
        }
        // Bytes are characters in ASCII text: no allocation on the hot path.
        if prepared.ascii && needle.is_ascii() {
            self.initials_in(haystack.as_bytes(), needle.as_bytes(), prepared)
        } else {
            let hay: Vec<char> = haystack.chars().collect();
            let needle: Vec<char> = needle.chars().collect();
            self.initials_in(&hay, &needle, prepared)
        }
    }

    fn initials_in<T: PartialEq>(
        &self,
        hay: &[T],
        needle: &[T],
        prepared: &Prepared,
    ) -> Option<Match> {
        let first = needle.first()?;
        let mut positions = Vec::new();
        for (w, &start) in prepared.starts.iter().enumerate() {
            if hay.get(start as usize) != Some(first) {
                continue;
            }
            positions.clear();
            if initials_from(hay, &prepared.starts, w, needle, &mut positions) {
                let runs = 1 + positions.windows(2).filter(|p| p[1] != p[0] + 1).count();
                let score =
                    12 * self.len as i64 + 10 + if start == 0 { 6 } else { 0 } - 2 * runs as i64;
                return Some(Match { score, positions });
            }
        }
        None
    }
}

/// True when `needle` is a non-empty prefix of the word at `starts[w]`
/// followed by the rest of `needle` starting the next word, recursively.
fn initials_from<T: PartialEq>(
    hay: &[T],
    starts: &[u32],
    w: usize,
    needle: &[T],
    positions: &mut Vec<usize>,
) -> bool {
    let start = starts[w] as usize;
    let word_end = starts.get(w + 1).map_or(hay.len(), |&s| s as usize);
    let common = hay[start..word_end]
        .iter()
        .zip(needle)
        .take_while(|(h, n)| h == n)
        .count();
    // Longest prefix first: `llm` prefers `LLM` inside one word to `L L M`.
    for take in (1..=common).rev() {
        let mark = positions.len();
        positions.extend(start..start + take);
        if take == needle.len()
            || (w + 1 < starts.len()
                && initials_from(hay, starts, w + 1, &needle[take..], positions))
        {
            return true;
        }
        positions.truncate(mark);
    }
    false
}

struct Match {
    score: i64,
    positions: Vec<usize>,
}

/// True when the characters of `needle` occur in order in `haystack`: a
/// cheap test that rules out most texts before any scoring.
pub fn is_subsequence(haystack: &str, needle: &str) -> bool {
    if needle.is_ascii() {
        // memchr jumps from one needle byte to the next with SIMD.
        let mut hay = haystack.as_bytes();
        for n in needle.bytes() {
            match memchr::memchr(n, hay) {
                Some(i) => hay = &hay[i + 1..],
                None => return false,
            }
        }
        return true;
    }
    let mut hay = haystack.chars();
    needle.chars().all(|n| hay.any(|h| h == n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(text: &str, term: &str) -> Option<i64> {
        Term::new(term).score(text, &Prepared::new(text))
    }

    fn positions(text: &str, term: &str) -> Option<Vec<usize>> {
        Term::new(term).positions(text, &Prepared::new(text))
    }

    #[test]
    fn contiguous_and_initials_match_scattered_letters_do_not() {
        assert!(score("LightM-UNet: Mamba Assists", "mamba").is_some());
        assert!(score("EHRMamba: Towards", "mamba").is_some());
        assert!(
            score(
                "Model Breadcrumbs: Scaling Multi-Task Model Merging",
                "mamba"
            )
            .is_none()
        );
        assert!(score("MedAgent-Pro: Towards Multi-modal Evidence-based", "mamba").is_none());
        assert_eq!(
            positions("Large Language Models for X", "llm").unwrap(),
            [0, 6, 15]
        );
        assert_eq!(positions("MedSAM meets", "msam").unwrap(), [0, 3, 4, 5]);
        assert_eq!(
            positions("Segment Anything", "seganything").unwrap(),
            [0, 1, 2, 8, 9, 10, 11, 12, 13, 14, 15]
        );
        assert_eq!(
            positions("MMed-RAG: a system", "mmrag").unwrap(),
            [0, 1, 5, 6, 7]
        );
    }

    #[test]
    fn better_matches_score_higher() {
        let s = |text| score(text, "seg").unwrap();
        assert!(s("Seg at the start") > s("A Seg word"));
        assert!(
            s("A Seg word") > s("A Medseg word"),
            "word start beats inside a word"
        );
        assert!(s("A MedSeg") > s("An xseg"), "a camel hump is a word start");
        assert_eq!(score("EHRMamba", "mamba"), score("Vision Mamba", "mamba"));
        assert_eq!(s("A Seg word"), s("Another long prefix, then Seg word"));
        assert!(s("A seg x") > s("A segment x"), "whole word beats prefix");
        assert!(score("x mamba", "mamba").unwrap() > score("x mam", "mam").unwrap());
        // The best occurrence counts, not the first.
        assert_eq!(positions("xsegy Seg", "seg").unwrap(), [6, 7, 8]);
    }

    #[test]
    fn smart_case() {
        assert!(score("Mamba", "mamba").is_some());
        assert!(score("mamba", "Mamba").is_none());
        assert!(score("EHRMamba", "Mamba").is_some());
    }

    #[test]
    fn positions_are_char_indices_and_unicode_folds() {
        assert_eq!(positions("μ-Bench", "bench").unwrap(), [2, 3, 4, 5, 6]);
        assert_eq!(positions("ÜBER alles", "über").unwrap(), [0, 1, 2, 3]);
        // A character whose lowercase is longer keeps positions aligned.
        assert_eq!(positions("İx Bench", "bench").unwrap(), [3, 4, 5, 6, 7]);
    }

    #[test]
    fn empty_and_impossible_terms() {
        assert_eq!(score("anything", ""), Some(0));
        assert!(score("", "a").is_none());
        assert!(score("ab", "abc").is_none());
    }
}
