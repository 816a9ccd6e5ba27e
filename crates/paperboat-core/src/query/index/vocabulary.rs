//! The distinct words of the headlines, folded: a term that matches no
//! headline exactly is looked for among them (dropped letters, typos) once
//! per query, and papers are then matched against the few words found,
//! instead of forgiving every headline of a million papers.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashSet;
use xxhash_rust::xxh3::xxh3_64;

use super::headlines::mask;
use crate::cache::{Column, Entry, EntryError, TextColumn};
use crate::query::text::forgive::{self, Meant};

/// Words shorter than this are left out: no forgiving tier looks at them
/// (dropped letters start at four letters, typos at five).
const SHORTEST: usize = 3;

/// The distinct words of a corpus's folded headlines, in the order they
/// first came.
#[derive(Debug, Default)]
pub struct Vocabulary {
    /// The words, each followed by a newline.
    pub(crate) text: TextColumn,
    /// Where each word ends in `text` (its newline's offset).
    pub(crate) ends: Column<u32>,
    /// Each word's characters (see [`mask`]).
    pub(crate) masks: Column<u64>,
    /// Hashes of the words present, while the vocabulary grows (empty for
    /// a vocabulary mapped from the cache until something is added).
    seen: FxHashSet<u64>,
    /// The words meant by the last few terms asked about: a query is
    /// prepared on every keystroke, and the rows on screen ask again for
    /// their highlights.
    memo: Mutex<VecDeque<(String, Arc<[Meant]>)>>,
}

impl Clone for Vocabulary {
    /// The words and their hashes; what was remembered of terms stays.
    fn clone(&self) -> Self {
        Vocabulary {
            text: self.text.clone(),
            ends: self.ends.clone(),
            masks: self.masks.clone(),
            seen: self.seen.clone(),
            memo: Mutex::default(),
        }
    }
}

/// How many terms' words are remembered.
const REMEMBERED: usize = 16;

impl Vocabulary {
    /// Adds the words of folded `text` that are not in yet.
    pub fn add_words(&mut self, text: &str) {
        for word in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= SHORTEST)
        {
            self.add(word);
        }
    }

    /// Adds the words of a vocabulary built beside this one.
    pub fn append(&mut self, other: Vocabulary) {
        if self.ends.is_empty() {
            *self = other;
            return;
        }
        for (word, _) in other.words() {
            self.add(word);
        }
    }

    fn add(&mut self, word: &str) {
        if self.seen.is_empty() && !self.ends.is_empty() {
            // Mapped: what is in already is known from its words.
            let seen = self.words().map(|(w, _)| xxh3_64(w.as_bytes())).collect();
            self.seen = seen;
        }
        // A hash, not the word: a collision (one in 10^10 words) leaves one
        // word out of the forgiving tiers; nothing else relies on it.
        if !self.seen.insert(xxh3_64(word.as_bytes())) {
            return;
        }
        // A new word may be meant by a term asked about before.
        self.memo
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        let end = self.text.edit(|text| {
            text.push_str(word);
            let end = text.len();
            text.push('\n');
            end
        });
        self.ends
            .to_mut()
            .push(u32::try_from(end).unwrap_or(u32::MAX));
        self.masks.to_mut().push(mask(word));
    }

    /// Every word with its mask.
    pub fn words(&self) -> impl Iterator<Item = (&str, u64)> + Clone {
        let text = self.text.as_str();
        let mut start = 0;
        self.ends
            .iter()
            .zip(self.masks.iter())
            .map(move |(&end, &mask)| {
                // Out of range only in a cache file changed since it was
                // checked: then no word.
                let word = text.get(start..end as usize).unwrap_or("");
                start = end as usize + 1;
                (word, mask)
            })
    }

    /// The words that the folded `term` means with letters dropped or
    /// typos, best first (see [`forgive::meant`]).
    pub fn meant(&self, term: &str) -> Arc<[Meant]> {
        let remembered = |memo: &VecDeque<(String, Arc<[Meant]>)>| {
            memo.iter().find(|(t, _)| t == term).map(|(_, m)| m.clone())
        };
        // A poisoned lock only means another search panicked mid-way: the
        // list it guards is whole at every step.
        if let Some(found) = remembered(&self.memo.lock().unwrap_or_else(|e| e.into_inner())) {
            return found;
        }
        let found: Arc<[Meant]> = self.meant_afresh(term).into();
        let mut memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
        memo.push_front((term.to_string(), found.clone()));
        memo.truncate(REMEMBERED);
        found
    }

    /// Among `words` (an abstract's, say), those that the folded `term`
    /// means, when none of them starts with it: as for headline words.
    pub fn meant_among(term: &str, words: &[String]) -> Vec<String> {
        let held = words.iter().any(|w| w.starts_with(term));
        let with_masks = words.iter().map(|w| (w.as_str(), mask(w)));
        forgive::meant(term, mask(term), with_masks, held)
            .into_iter()
            .map(|m| m.word)
            .collect()
    }

    /// The word nearest to a folded term that means none, to suggest
    /// instead (see [`forgive::nearest`]).
    pub fn nearest(&self, term: &str) -> Option<String> {
        forgive::nearest(term, mask(term), self.words())
    }

    /// [`Vocabulary::meant`], looked for again rather than remembered.
    pub fn meant_afresh(&self, term: &str) -> Vec<Meant> {
        forgive::meant(term, mask(term), self.words(), self.any_holds(term))
    }

    /// Whether some word holds `part`.
    pub fn any_holds(&self, part: &str) -> bool {
        // Words are separated by newlines, which no part holds.
        !part.contains('\n')
            && memchr::memmem::find(self.text.as_bytes(), part.as_bytes()).is_some()
    }

    /// The vocabulary kept in `entry`, checked whole.
    pub(crate) fn mapped(entry: &Arc<Entry>) -> Result<Vocabulary, EntryError> {
        let vocabulary = Vocabulary {
            text: TextColumn::mapped(entry, "vocabulary.text")?,
            ends: Column::mapped(entry, "vocabulary.ends")?,
            masks: Column::mapped(entry, "vocabulary.masks")?,
            ..Vocabulary::default()
        };
        vocabulary.check().map_err(EntryError::Stale)?;
        Ok(vocabulary)
    }

    /// Whether a mapped vocabulary is whole: every word within the text,
    /// ended by a newline, one mask per word.
    fn check(&self) -> Result<(), &'static str> {
        let text = self.text.as_bytes();
        let mut start = 0usize;
        for &end in self.ends.iter() {
            let end = end as usize;
            if end < start || text.get(end) != Some(&b'\n') {
                return Err("the vocabulary is damaged");
            }
            start = end + 1;
        }
        if start != text.len() || self.masks.len() != self.ends.len() {
            return Err("the vocabulary is damaged");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_words_of_three_letters_or_more() {
        let mut v = Vocabulary::default();
        v.add_words("mamba for ct · segment-anything, mamba");
        let mut more = Vocabulary::default();
        more.add_words("über mamba");
        v.append(more);
        let words: Vec<&str> = v.words().map(|(w, _)| w).collect();
        assert_eq!(words, ["mamba", "for", "segment", "anything", "über"]);
        assert_eq!(v.words().nth(2).unwrap().1, mask("segment"));
        assert!(v.any_holds("gmen") && !v.any_holds("ba\nfo") && !v.any_holds("xyz"));
        assert!(v.check().is_ok());
    }
}
