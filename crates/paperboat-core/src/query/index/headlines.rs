//! Every paper's headline (title, authors, organization, tags) folded to
//! lowercase in one contiguous text, with one bitmap of word starts: the
//! data fuzzy matching scans on every keystroke. One allocation for the
//! whole corpus instead of several per paper keeps memory near the size of
//! the text and the scan in cache order.

use crate::cache::{Column, TextColumn};
use crate::corpus::Paper;
use crate::query::bitmap::each_marked;
use crate::query::text::fuzzy::{Text, push_folded};

/// Separates the parts of the headline; `·` reads well when shown and is
/// never a word character.
pub const SEPARATOR: &str = " · ";

/// Where one paper's headline parts lie in the folded text.
#[derive(Debug, Clone, Copy, Default, bytemuck::Pod, bytemuck::Zeroable)]
#[repr(C)]
pub(crate) struct Span {
    /// Byte offset of the title.
    start: u64,
    /// Title length in bytes; a newline follows it so no match crosses
    /// from the title into the rest.
    title: u32,
    /// Length of the rest (authors, organization and tags) in bytes.
    rest: u32,
    /// Length of the authors, at the start of the rest.
    authors: u32,
    /// Offset of the organization within the rest, and its length.
    org_at: u32,
    org: u32,
    /// Unused; makes the size a multiple of 8 with no hidden padding.
    _pad: u32,
}

/// The folded headlines of a corpus, in corpus order, in memory or mapped
/// from the cache.
#[derive(Debug, Default, Clone)]
pub struct Headlines {
    pub(crate) text: TextColumn,
    pub(crate) starts: Column<u64>,
    pub(crate) spans: Column<Span>,
    /// Per paper, which characters its title and its rest contain (see
    /// [`mask`]): a term with a character missing from both is skipped
    /// without looking at the text.
    pub(crate) masks: Column<[u64; 2]>,
    /// Per paper, which characters start a word in its title and its
    /// rest: a term can match word prefixes only if its first does.
    pub(crate) start_masks: Column<[u64; 2]>,
    /// Per paper, for its title and its rest: which letters and digits
    /// are words of their own (`T` in `T cells`), and in bit
    /// [`FIRST_WORD_ALONE`] whether the part's first word is one such.
    /// With the two masks above, a one-letter term is scored from these
    /// alone, as it is typed first over every paper.
    pub(crate) letter_words: Column<[u64; 2]>,
}

/// The bit of [`Headlines::letter_words`] saying the part begins with a
/// one-letter word (above the 36 letters and digits).
pub const FIRST_WORD_ALONE: u64 = 1 << 63;
/// Where [`Headlines::letter_words`] keeps which letter or digit the part
/// begins with: one more than its mask bit's place, or 0 for anything
/// else, in the six bits from here.
pub const FIRST_LETTER_SHIFT: u32 = 56;

/// Whether a part's [`Headlines::letter_words`] says it begins with the
/// letter or digit of mask bit `bit`.
pub fn begins_with(words: u64, bit: u64) -> bool {
    (words >> FIRST_LETTER_SHIFT) & 63 == u64::from(bit.trailing_zeros()) + 1
}

/// One bit per letter, digit and a few hashed classes of other bytes: a
/// text can only match a term whose mask is a subset of its own.
pub fn mask(folded: &str) -> u64 {
    folded.bytes().fold(0, |m, b| m | byte_bit(b))
}

/// The mask bit of one byte.
pub fn byte_bit(b: u8) -> u64 {
    1 << MASK_BIT[b as usize]
}

const MASK_BIT: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'a'..=b'z' => b as u8 - b'a',
            b'0'..=b'9' => 26 + b as u8 - b'0',
            // Everything else shares the remaining bits.
            other => 36 + other % 28,
        };
        b += 1;
    }
    table
};

/// The headline text besides the title, as matched: authors, then
/// organization, then tag names, separated by [`SEPARATOR`]. A tag's
/// namespace is no part of it: `method/llm` is the word `llm`, so that
/// `mllm` does not match it and `method` does not match every method.
pub fn rest_of(paper: &Paper) -> String {
    let mut rest = paper.authors.join(", ");
    for part in paper
        .organization
        .iter()
        .map(String::as_str)
        .chain(paper.tags.iter().map(|t| t.name()))
    {
        if !rest.is_empty() {
            rest.push_str(SEPARATOR);
        }
        rest.push_str(part);
    }
    rest
}

fn len32(n: usize) -> u32 {
    // A single headline part over 4 GiB cannot be loaded anyway.
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Headlines {
    /// Appends the headlines of `papers`.
    pub fn extend(&mut self, papers: &[Paper]) {
        let Headlines {
            text,
            starts,
            spans,
            masks,
            start_masks,
            letter_words,
        } = self;
        let (starts, spans) = (starts.to_mut(), spans.to_mut());
        let (masks, start_masks) = (masks.to_mut(), start_masks.to_mut());
        let letter_words = letter_words.to_mut();
        spans.reserve(papers.len());
        text.edit(|text| {
            for paper in papers {
                let span = push_headline(paper, text, starts);
                let (title, rest) = span.parts();
                masks.push([mask(&text[title.clone()]), mask(&text[rest.clone()])]);
                starts.resize(text.len().div_ceil(64), 0);
                start_masks.push([
                    start_mask(text, starts, title.clone()),
                    start_mask(text, starts, rest.clone()),
                ]);
                letter_words.push([
                    letter_words_mask(text, starts, title),
                    letter_words_mask(text, starts, rest),
                ]);
                text.push('\n');
                spans.push(span);
            }
            starts.resize(text.len().div_ceil(64), 0);
        });
    }

    /// Makes room for `scale` times what `other` holds.
    pub fn reserve_like(&mut self, other: &Headlines, scale: f64) {
        let grow = |n: usize| (n as f64 * scale) as usize;
        let room = grow(other.text.as_str().len() + 64);
        self.text.reserve(room);
        self.starts.reserve(grow(other.starts.len() + 1));
        self.spans.reserve(grow(other.spans.len()));
        self.masks.reserve(grow(other.masks.len()));
        self.start_masks.reserve(grow(other.start_masks.len()));
        self.letter_words.reserve(grow(other.letter_words.len()));
    }

    /// Appends headlines built separately (on another thread, for papers
    /// that follow these).
    pub fn append(&mut self, other: Headlines) {
        if self.spans.is_empty() && self.text.as_str().is_empty() {
            // Nothing here yet: take the other's buffers as they are.
            let reserved = self.text.edit(|t| t.capacity());
            if reserved < other.text.as_str().len() {
                *self = other;
                return;
            }
        }
        let starts = self.starts.to_mut();
        let base = self.text.edit(|text| {
            // Pad to a whole bitmap word so the other bitmap appends as is.
            while !text.len().is_multiple_of(64) {
                text.push('\n');
            }
            starts.resize(text.len() / 64, 0);
            let base = text.len();
            text.push_str(other.text.as_str());
            base as u64
        });
        starts.extend_from_slice(&other.starts);
        self.spans.to_mut().extend(other.spans.iter().map(|s| Span {
            start: s.start + base,
            ..*s
        }));
        self.masks.to_mut().extend_from_slice(&other.masks);
        self.start_masks
            .to_mut()
            .extend_from_slice(&other.start_masks);
        self.letter_words
            .to_mut()
            .extend_from_slice(&other.letter_words);
    }

    /// Whether headlines mapped from a cache entry hold together: every
    /// part within the text and on character boundaries, one of each per
    /// paper. Checked once, so that reading them never has to.
    pub(crate) fn check(&self) -> Result<(), &'static str> {
        let text = self.text.as_str();
        let n = self.spans.len();
        if self.masks.len() != n || self.start_masks.len() != n || self.letter_words.len() != n {
            return Err("the headline columns differ in length");
        }
        if self.starts.len() < text.len().div_ceil(64) {
            return Err("the word starts are short");
        }
        let fits = |r: std::ops::Range<usize>| r.end <= text.len() && text.get(r).is_some();
        let whole = self.spans.iter().all(|s| {
            let (title, rest) = s.parts();
            let inner = |at: u32, len: u32| {
                let from = rest.start + at as usize;
                fits(from..from + len as usize)
            };
            fits(title)
                && fits(rest.clone())
                && inner(0, s.authors)
                && inner(s.org_at, s.org)
                && s.authors <= s.rest
                && s.org_at.checked_add(s.org).is_some_and(|end| end <= s.rest)
        });
        if !whole {
            return Err("a headline lies outside the text");
        }
        Ok(())
    }

    /// Reads one byte of each memory line paper `i`'s matching starts
    /// with, so that a caller can ask for several papers' data at once.
    pub fn touch(&self, i: usize) -> u8 {
        let s = self.spans[i];
        let bytes = self.text.as_bytes();
        let (start, rest) = (s.start as usize, s.parts().1.start);
        let ([masks, _], [starts, _]) = (self.masks[i], self.start_masks[i]);
        // Spans may be mapped from a cache file changed since it was
        // checked: read nothing out of range.
        let word = |at: usize| self.starts.get(at / 64).copied().unwrap_or(0);
        let byte = |at: usize| bytes.get(at).copied().unwrap_or(0);
        let bits = word(start) ^ word(rest);
        byte(start) ^ byte(rest) ^ (masks ^ starts ^ bits) as u8
    }

    /// For paper `i`'s title, then its rest: the one-letter words (see
    /// [`Headlines::letter_words`]).
    pub fn letter_words(&self, i: usize) -> (u64, u64) {
        let [title, rest] = self.letter_words[i];
        (title, rest)
    }

    /// For paper `i`'s title, then its rest: (characters, word-start
    /// characters).
    pub fn part_masks(&self, i: usize) -> ((u64, u64), (u64, u64)) {
        let ([title, rest], [title_starts, rest_starts]) = (self.masks[i], self.start_masks[i]);
        ((title, title_starts), (rest, rest_starts))
    }

    fn view(&self, at: usize, len: u32) -> Text<'_> {
        // Out of range only when a cache file changed since it was
        // checked: then the paper reads as having no such text.
        match self.text.as_str().get(at..at.saturating_add(len as usize)) {
            Some(text) => Text::new(text, &self.starts, at),
            None => Text::new("", &self.starts, 0),
        }
    }

    /// The folded title of paper `i`.
    pub fn title(&self, i: usize) -> Text<'_> {
        let s = self.spans[i];
        self.view(s.start as usize, s.title)
    }

    /// The folded authors, organization and tag names of paper `i`.
    pub fn rest(&self, i: usize) -> Text<'_> {
        let s = self.spans[i];
        self.view(s.parts().1.start, s.rest).with_fields()
    }

    /// The folded authors of paper `i`.
    pub fn authors(&self, i: usize) -> Text<'_> {
        let s = self.spans[i];
        self.view(s.parts().1.start, s.authors).with_fields()
    }

    /// The folded organization of paper `i` (empty when none).
    pub fn org(&self, i: usize) -> Text<'_> {
        let s = self.spans[i];
        self.view(s.parts().1.start.saturating_add(s.org_at as usize), s.org)
    }
}

impl Span {
    /// Where the title and the rest lie in the text.
    fn parts(&self) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
        // Saturating: a span mapped from a changed cache file may hold
        // anything, and then reads as out of range.
        let start = self.start as usize;
        let title_end = start.saturating_add(self.title as usize);
        let rest = title_end.saturating_add(1);
        (
            start..title_end,
            rest..rest.saturating_add(self.rest as usize),
        )
    }
}

/// Appends the folded headline of `paper` (title, a newline, the rest) to
/// `text`, marking word starts; returns where its parts lie.
fn push_headline(paper: &Paper, text: &mut String, starts: &mut Vec<u64>) -> Span {
    let start = text.len();
    push_folded(&paper.title, text, starts);
    let title = text.len() - start;
    text.push('\n');
    let rest_start = text.len();
    for (i, author) in paper.authors.iter().enumerate() {
        if i > 0 {
            text.push_str(", ");
        }
        push_folded(author, text, starts);
    }
    let authors = text.len() - rest_start;
    let mut org_at = authors;
    let mut org = 0;
    let parts = paper.organization.iter().map(String::as_str);
    for (i, part) in parts.chain(paper.tags.iter().map(|t| t.name())).enumerate() {
        if text.len() > rest_start {
            text.push_str(SEPARATOR);
        }
        let at = text.len();
        push_folded(part, text, starts);
        if i == 0 && paper.organization.is_some() {
            org_at = at - rest_start;
            org = text.len() - at;
        }
    }
    Span {
        start: start as u64,
        title: len32(title),
        rest: len32(text.len() - rest_start),
        authors: len32(authors),
        org_at: len32(org_at),
        org: len32(org),
        _pad: 0,
    }
}

/// The mask of the characters that start a word in `range` of `text`.
/// The letters and digits that are words of their own in the part of
/// `text` at `range`, by the same rule as matching (see
/// [`Headlines::letter_words`]).
fn letter_words_mask(text: &str, starts: &[u64], range: std::ops::Range<usize>) -> u64 {
    let bytes = text.as_bytes();
    let part = Text::new(&text[range.clone()], starts, range.start);
    let mut m = match bytes.get(range.start) {
        Some(&b) if range.start < range.end && b.is_ascii_alphanumeric() => {
            u64::from(MASK_BIT[b as usize] + 1) << FIRST_LETTER_SHIFT
        }
        _ => 0,
    };
    each_marked(starts, range.clone(), |at| {
        let b = bytes[at];
        if b.is_ascii_alphanumeric() && part.is_whole_word(at - range.start, 1) {
            m |= byte_bit(b);
            if at == range.start {
                m |= FIRST_WORD_ALONE;
            }
        }
    });
    m
}

fn start_mask(text: &str, starts: &[u64], range: std::ops::Range<usize>) -> u64 {
    let bytes = text.as_bytes();
    let mut m = 0;
    each_marked(starts, range, |at| m |= byte_bit(bytes[at]));
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Tag;

    #[test]
    fn parts_are_folded_and_separate() {
        let mut p = Paper::titled("MedSAM for CT");
        p.authors = vec!["Ada Lovelace".into(), "Bo Li".into()];
        p.organization = Some("Google".into());
        p.tags = vec![Tag::parse("modality/ct").unwrap()];
        let q = Paper::titled("Über Straße");
        let mut h = Headlines::default();
        h.extend(&[p, q]);
        assert_eq!(h.title(0).as_str(), "medsam for ct");
        assert_eq!(h.rest(0).as_str(), "ada lovelace, bo li · google · ct");
        assert_eq!(h.authors(0).as_str(), "ada lovelace, bo li");
        assert_eq!(h.org(0).as_str(), "google");
        assert_eq!(h.title(1).as_str(), "über straße");
        assert_eq!(h.rest(1).as_str(), "");
        assert_eq!(h.org(1).as_str(), "");
        assert_eq!(rest_of(&Paper::titled("x")), "");
        let mut more = Headlines::default();
        more.extend(&[Paper::titled("Third")]);
        h.append(more);
        assert_eq!(h.title(2).as_str(), "third");
        assert_eq!(h.title(0).as_str(), "medsam for ct");
        assert_eq!(h.part_masks(2).0, (mask("third"), mask("t")));
        assert_eq!(h.part_masks(0).0.1, mask("msfc"), "Med, SAM, for, CT");
        assert_eq!(h.part_masks(0).1.1, mask("albglc"), "no namespace");
    }
}
