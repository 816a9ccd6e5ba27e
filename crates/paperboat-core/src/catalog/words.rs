//! The abstracts of a catalog indexed by word: one index, or one per
//! corpus file of a catalog opened from several, each answering for its
//! own papers, whose answers are joined by corpus position.

use std::sync::Arc;

use crate::fulltext::{Abstracts, PaperSet};

/// The abstracts index (or indexes) of a catalog.
pub enum AbstractWords {
    /// One index for every paper.
    One(Arc<Abstracts>),
    /// One index per part: where its papers start, and the index.
    Parts(Vec<(usize, Arc<Abstracts>)>, usize),
}

impl AbstractWords {
    /// Papers with a word starting with `prefix`.
    pub fn words_starting(&self, prefix: &str) -> PaperSet {
        self.join(|a| a.words_starting(prefix))
    }

    /// Papers with a word holding `part`.
    pub fn words_containing(&self, part: &str) -> PaperSet {
        self.join(|a| a.words_containing(part))
    }

    /// Papers with a word `term` was likely meant as, as `choose` picks
    /// them among each index's words.
    pub fn words_meant(&self, term: &str, choose: impl Fn(&[String]) -> Vec<String>) -> PaperSet {
        self.join(|a| a.words_meant(term, &choose))
    }

    /// The papers most like `title` and `text`, best first, at most `limit`.
    pub fn more_like(&self, title: &str, text: &str, limit: usize) -> Vec<(usize, f32)> {
        match self {
            AbstractWords::One(a) => a.more_like(title, text, limit),
            AbstractWords::Parts(parts, _) => {
                let mut all: Vec<(usize, f32)> = parts
                    .iter()
                    .flat_map(|(start, a)| {
                        a.more_like(title, text, limit)
                            .into_iter()
                            .map(move |(i, score)| (start + i, score))
                    })
                    .collect();
                all.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                all.truncate(limit);
                all
            }
        }
    }

    fn join(&self, find: impl Fn(&Abstracts) -> PaperSet) -> PaperSet {
        match self {
            AbstractWords::One(a) => find(a),
            AbstractWords::Parts(parts, total) => {
                let mut joined = vec![0u64; total.div_ceil(64)];
                for (start, a) in parts {
                    or_shifted(&mut joined, &find(a), *start, a.len());
                }
                Arc::new(joined)
            }
        }
    }
}

/// Sets in `into` the bits of the first `len` of `bits`, moved up by
/// `start`.
fn or_shifted(into: &mut [u64], bits: &[u64], start: usize, len: usize) {
    for (w, &word) in bits.iter().enumerate() {
        let mut word = word;
        while word != 0 {
            let i = w * 64 + word.trailing_zeros() as usize;
            word &= word - 1;
            let at = start + i;
            if i < len && at / 64 < into.len() {
                into[at / 64] |= 1 << (at % 64);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_move_up_by_the_start() {
        let mut into = vec![0u64; 3];
        or_shifted(&mut into, &[0b1011, 1 << 63], 62, 128);
        let set: Vec<usize> = (0..192)
            .filter(|&i| into[i / 64] >> (i % 64) & 1 == 1)
            .collect();
        assert_eq!(set, [62, 63, 65, 189]);
    }
}
