//! Every headline word (a run of letters and digits, with the word starts
//! inside it: `MedSAM` is one run starting twice) once, with the papers
//! that hold it: the second and third letters of a query match nearly
//! every paper, and scoring each by its text costs a whole scan of the
//! headlines per keystroke. With this, a term is looked for once in each
//! distinct word, and the papers are scored from the words that hold it.
//!
//! A run of the term lies within one word (the term is letters and
//! digits), so the best run in a headline part is the best over its
//! words. Matches by prefixes of consecutive words span several words;
//! for those, each part keeps a mask of the pairs of letters that start
//! consecutive words, which rules out most papers, and the rest are
//! matched on their text as before.

use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rustc_hash::FxHashMap;

use super::headlines::Headlines;
use crate::query::text::fuzzy::{Term, Text};

/// A posting's bit saying the word is in the rest of the headline (not
/// the title).
const IN_REST: u32 = 2;
/// A posting's bit saying the word begins its headline part.
const FIRST: u32 = 1;

/// The distinct words of a corpus's folded headlines and where they are.
#[derive(Debug, Default)]
pub struct HeadlineWords {
    /// A newline, then each distinct word followed by a newline: one
    /// substring search finds every word holding a term, and each word
    /// has a byte before it that no term matches.
    text: String,
    /// Word starts in `text`, as the headlines mark them.
    starts: Vec<u64>,
    /// Where each word ends in `text` (its newline).
    ends: Vec<u32>,
    /// Where each word's postings begin in `postings` (one more than
    /// words).
    offsets: Vec<u32>,
    /// Per word, the parts holding it: paper × 4 + [`IN_REST`] +
    /// [`FIRST`], in paper order.
    postings: Vec<u32>,
    /// Per paper, for its title and its rest: for each two consecutive
    /// words of one field, their first characters, and the first two of
    /// the first with the first of the second (see [`start_bits`]).
    pairs: Vec<[u128; 2]>,
}

/// The two bits of a part's mask of word starts (see
/// [`HeadlineWords::pairs`]) for a word starting with `a` (and `b`, when
/// the word has a second byte) followed by a word starting with `c`:
/// pairs in the low half, triples in the high half, so that neither
/// crowds the other. Two bits each, as a Bloom filter sets them: a mask
/// rules out what it lacks either of, far more often than with one.
fn start_bits(a: u8, b: Option<u8>, c: u8) -> u128 {
    let (key, half) = match b {
        None => (u32::from(a) << 8 | u32::from(c), 0),
        Some(b) => ((u32::from(a) << 8 | u32::from(b)) << 8 | u32::from(c), 64),
    };
    let hash = key.wrapping_mul(0x9E37_79B9);
    1 << (half + (hash >> 26)) | 1 << (half + (hash >> 20 & 63))
}

/// The masks a match of `term` by prefixes of consecutive words needs one
/// of whole: its first piece is the first letter, or the first two and
/// more, of one word, and the next piece starts the next word.
fn starts_needed(term: &[u8]) -> Vec<u128> {
    let mut needed = Vec::new();
    if let [a, b, rest @ ..] = term {
        needed.push(start_bits(*a, None, *b));
        for c in rest {
            needed.push(start_bits(*a, Some(*b), *c));
        }
    }
    needed
}

/// The best run of a term in each headline part of every paper the words
/// index covers, from the words holding it.
#[derive(Debug)]
pub struct RunScores {
    /// Per paper, the run's score in its title and in its rest, each as
    /// 0 (none) or one more than its place in `values`: a run scores one
    /// of a handful of values (its level, and whether it begins the
    /// part), and two bytes per paper are written and read much faster
    /// than two scores.
    codes: Vec<[u8; 2]>,
    /// The scores the codes stand for, lowest first.
    values: Vec<i64>,
    /// The masks of [`HeadlineWords::pairs`] a match by word prefixes
    /// needs one of whole.
    pairs_needed: Vec<u128>,
    words: Arc<HeadlineWords>,
}

impl RunScores {
    /// For paper `i`'s title and rest, the best run's score; `None` when
    /// the words index does not cover the paper.
    #[inline]
    pub fn of(&self, i: usize) -> Option<[Option<i64>; 2]> {
        let [title, rest] = *self.codes.get(i)?;
        let value = |code: u8| {
            let at = usize::from(code).checked_sub(1)?;
            self.values.get(at).copied()
        };
        Some([value(title), value(rest)])
    }

    /// Whether paper `i`'s title (`part` 0) or rest (1) may hold the term
    /// as prefixes of consecutive words.
    #[inline]
    pub fn prefixes_may_match(&self, i: usize, part: usize) -> bool {
        self.words.pairs.get(i).is_none_or(|pairs| {
            let have = pairs[part];
            self.pairs_needed.iter().any(|&need| need & !have == 0)
        })
    }
}

/// The distinct words holding a term, and how many postings they have.
pub struct Holding {
    words: Vec<u32>,
    /// The work [`HeadlineWords::scores`] does for them.
    pub postings: usize,
}

impl HeadlineWords {
    /// The words of the first `papers` headlines; `None` once `cancel` is
    /// set.
    pub fn build(
        headlines: &Headlines,
        papers: usize,
        cancel: &AtomicBool,
    ) -> Option<HeadlineWords> {
        let mut builder = Builder::default();
        builder.words.pairs.reserve_exact(papers);
        for i in 0..papers {
            if i % 4096 == 0 && cancel.load(Ordering::Relaxed) {
                return None;
            }
            let title = builder.part(headlines.title(i), i, 0);
            let rest = builder.part(headlines.rest(i), i, IN_REST);
            builder.words.pairs.push([title, rest]);
        }
        Some(builder.finish())
    }

    /// About how many bytes of memory it holds.
    pub fn bytes(&self) -> usize {
        self.text.len()
            + 8 * self.starts.len()
            + 4 * (self.ends.len() + self.offsets.len() + self.postings.len())
            + 32 * self.pairs.len()
    }

    /// How many papers it covers.
    pub fn papers(&self) -> usize {
        self.pairs.len()
    }

    /// The words holding `term` (folded, letters and digits only).
    pub fn holding(&self, term: &str) -> Holding {
        let mut words = Vec::new();
        let mut postings = 0;
        let mut word = 0;
        for at in memchr::memmem::find_iter(self.text.as_bytes(), term.as_bytes()) {
            word += self.ends[word..].partition_point(|&end| (end as usize) < at);
            if words.last() != Some(&(word as u32)) {
                words.push(word as u32);
                postings += self.posting_range(word).len();
            }
        }
        Holding { words, postings }
    }

    fn posting_range(&self, word: usize) -> Range<usize> {
        self.offsets[word] as usize..self.offsets[word + 1] as usize
    }

    /// The best run of `term` in every headline part, as
    /// [`Term::contiguous_score`] finds it in the part's text, from the
    /// words `holding` it; `None` if the runs score more different values
    /// than a byte can name (they score at most six).
    pub fn scores(self: &Arc<Self>, term: &Term, holding: &Holding) -> Option<RunScores> {
        // Each word's run at the start of a part and elsewhere.
        let mut runs = Vec::with_capacity(holding.words.len());
        for &word in &holding.words {
            let word = word as usize;
            let end = self.ends[word] as usize;
            let begin = if word == 0 {
                1
            } else {
                self.ends[word - 1] as usize + 1
            };
            // At the part's start a run earns a little more: the word on
            // its own; elsewhere, after the newline before it.
            let first = Text::new(&self.text[begin..end], &self.starts, begin);
            let later = Text::new(&self.text[begin - 1..end], &self.starts, begin - 1);
            runs.push((
                word,
                term.contiguous_score(first),
                term.contiguous_score(later),
            ));
        }
        let mut values: Vec<i64> = runs.iter().flat_map(|r| [r.1, r.2]).flatten().collect();
        values.sort_unstable();
        values.dedup();
        if values.len() >= usize::from(u8::MAX) {
            return None;
        }
        let code =
            |score: Option<i64>| score.map_or(0, |s| values.partition_point(|&v| v < s) as u8 + 1);
        let mut codes = vec![[0u8; 2]; self.papers()];
        for (word, first, later) in runs {
            let (first, later) = (code(first), code(later));
            for &posting in &self.postings[self.posting_range(word)] {
                let part = usize::from(posting & IN_REST != 0);
                let c = if posting & FIRST != 0 { first } else { later };
                let slot = &mut codes[(posting / 4) as usize][part];
                *slot = (*slot).max(c);
            }
        }
        Some(RunScores {
            codes,
            values,
            pairs_needed: starts_needed(term.folded().as_bytes()),
            words: Arc::clone(self),
        })
    }
}

/// Collects words and postings paper by paper.
#[derive(Default)]
struct Builder {
    words: HeadlineWords,
    /// Each word's id by its bytes and the places of its word starts.
    ids: FxHashMap<Box<[u8]>, u32>,
    /// Per occurrence in paper order: word id × 4 + flags, and the paper.
    found: Vec<(u32, u32)>,
    key: Vec<u8>,
}

impl Builder {
    /// Records the words of one headline part of paper `paper`; returns
    /// its mask of consecutive word-start pairs.
    fn part(&mut self, text: Text, paper: usize, flags: u32) -> u128 {
        let hay = text.as_str();
        let bytes = hay.as_bytes();
        let mut pairs = 0;
        // Where the word before starts, and its first one or two bytes.
        let mut previous: Option<(usize, u8, Option<u8>)> = None;
        let mut first_found = self.found.len();
        let mut at = 0;
        while at < hay.len() {
            let Some(c) = hay[at..].chars().next() else {
                break;
            };
            if !c.is_alphanumeric() {
                at += c.len_utf8();
                continue;
            }
            let end = at
                + hay[at..]
                    .char_indices()
                    .find(|(_, c)| !c.is_alphanumeric())
                    .map_or(hay.len() - at, |(i, _)| i);
            for start in (at..end).filter(|&s| text.is_word_start(s)) {
                let c = bytes[start];
                // Consecutive words of one field, as matching takes them.
                match previous {
                    Some((before, a, b)) if !text.parts_fields_between(before, start) => {
                        pairs |= start_bits(a, None, c);
                        if let Some(b) = b {
                            pairs |= start_bits(a, Some(b), c);
                        }
                    }
                    _ => {}
                }
                // A word runs to the next start, in this run or the next.
                let second = start + 1;
                let alone = second >= end || text.is_word_start(second);
                previous = Some((start, c, (!alone).then(|| bytes[second])));
            }
            let id = self.id(text, at..end);
            let posting = id * 4 + flags + if at == 0 { FIRST } else { 0 };
            // A word twice in one part is one posting.
            if !self.found[first_found..].iter().any(|f| f.0 == posting) {
                self.found.push((posting, paper as u32));
            }
            if self.found.len() - first_found > 64 {
                first_found = self.found.len();
            }
            at = end;
        }
        pairs
    }

    /// The id of the word at `range` of `text`, new if it is.
    fn id(&mut self, text: Text, range: Range<usize>) -> u32 {
        let word = &text.as_str()[range.clone()];
        self.key.clear();
        self.key.extend_from_slice(word.as_bytes());
        self.key.push(0xFF);
        for s in range.clone().filter(|&s| text.is_word_start(s)) {
            self.key
                .extend_from_slice(&u32::try_from(s - range.start).unwrap_or(0).to_le_bytes());
        }
        if let Some(&id) = self.ids.get(self.key.as_slice()) {
            return id;
        }
        let words = &mut self.words;
        let id = words.ends.len() as u32;
        if words.text.is_empty() {
            words.text.push('\n');
        }
        let begin = words.text.len();
        words.text.push_str(word);
        words.starts.resize((words.text.len() + 1).div_ceil(64), 0);
        for s in range.clone().filter(|&s| text.is_word_start(s)) {
            let bit = begin + s - range.start;
            words.starts[bit / 64] |= 1 << (bit % 64);
        }
        words.ends.push(words.text.len() as u32);
        words.text.push('\n');
        self.ids.insert(self.key.clone().into_boxed_slice(), id);
        id
    }

    /// Postings grouped by word, by a counting sort of the occurrences.
    fn finish(mut self) -> HeadlineWords {
        let words = self.ends_len();
        let mut offsets = vec![0u32; words + 1];
        for &(posting, _) in &self.found {
            offsets[(posting / 4) as usize + 1] += 1;
        }
        for w in 0..words {
            offsets[w + 1] += offsets[w];
        }
        let mut next: Vec<u32> = offsets[..words].to_vec();
        let mut postings = vec![0u32; self.found.len()];
        for (posting, paper) in std::mem::take(&mut self.found) {
            let word = (posting / 4) as usize;
            postings[next[word] as usize] = paper * 4 + posting % 4;
            next[word] += 1;
        }
        self.words.offsets = offsets;
        self.words.postings = postings;
        self.words
    }

    fn ends_len(&self) -> usize {
        self.words.ends.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Paper;

    fn headlines(titles: &[&str]) -> Headlines {
        let papers: Vec<Paper> = titles.iter().map(|t| Paper::titled(*t)).collect();
        let mut h = Headlines::default();
        h.extend(&papers);
        h
    }

    #[test]
    fn a_word_is_kept_once_with_its_starts_and_the_parts_holding_it() {
        let h = headlines(&["MedSAM meets Medsam", "medsam", "Other MedSAM"]);
        let words = HeadlineWords::build(&h, 3, &AtomicBool::new(false)).unwrap();
        // `MedSAM` and `Medsam` fold alike but start words differently.
        let holding = words.holding("medsam");
        assert_eq!(holding.words.len(), 2);
        assert_eq!(holding.postings, 4);
        let scores = Arc::new(words).scores(&Term::new("sam"), &holding).unwrap();
        let [first, _] = scores.of(0).unwrap();
        let [second, _] = scores.of(1).unwrap();
        assert!(first > second, "`SAM` starts a word in MedSAM only");
        assert!(scores.of(3).is_none(), "not covered");
    }

    #[test]
    fn building_stops_when_cancelled() {
        let h = headlines(&["a"; 10]);
        assert!(HeadlineWords::build(&h, 10, &AtomicBool::new(true)).is_none());
        let words = HeadlineWords::build(&h, 10, &AtomicBool::new(false)).unwrap();
        assert_eq!(words.papers(), 10);
        assert!(words.bytes() > 0);
    }

    #[test]
    fn the_start_mask_never_rules_out_a_match_by_prefixes() {
        // `llm` by prefixes needs a word starting with `l` before one
        // starting with `l` or `m`, or one starting `ll` before one with `m`.
        let needed = starts_needed(b"llm");
        let h = headlines(&["Large Language Models", "Llama Mixture"]);
        let words = HeadlineWords::build(&h, 2, &AtomicBool::new(false)).unwrap();
        let may = |i: usize| needed.iter().any(|&n| n & !words.pairs[i][0] == 0);
        assert!(may(0));
        assert!(may(1), "`ll` of Llama, then `m`");
    }
}
