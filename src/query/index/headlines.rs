//! Every paper's headline (title, authors, organization, tags) folded to
//! lowercase in one contiguous text, with one bitmap of word starts: the
//! data fuzzy matching scans on every keystroke. One allocation for the
//! whole corpus instead of several per paper keeps memory near the size of
//! the text and the scan in cache order.

use crate::corpus::Paper;
use crate::query::text::fuzzy::{Text, push_folded};

/// Separates the parts of the headline; `·` reads well when shown and is
/// never a word character.
pub const SEPARATOR: &str = " · ";

/// Where one paper's headline parts lie in the folded text.
#[derive(Debug, Clone, Copy)]
struct Span {
    /// Byte offset of the title.
    start: usize,
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
}

/// The folded headlines of a corpus, in corpus order.
#[derive(Debug, Default)]
pub struct Headlines {
    text: String,
    starts: Vec<u64>,
    spans: Vec<Span>,
    /// Per paper, which characters its title and its rest contain (see
    /// [`mask`]): a term with a character missing from both is skipped
    /// without looking at the text.
    masks: Vec<(u64, u64)>,
    /// Per paper, which characters start a word in its title and its
    /// rest: a term can match word prefixes only if its first does.
    start_masks: Vec<(u64, u64)>,
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

/// The headline text besides the title, as matched and shown: authors,
/// then organization, then tags, separated by [`SEPARATOR`].
pub fn rest_of(paper: &Paper) -> String {
    let mut rest = paper.authors.join(", ");
    for part in paper
        .organization
        .iter()
        .map(String::as_str)
        .chain(paper.tags.iter().map(|t| t.as_str()))
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
        self.spans.reserve(papers.len());
        for paper in papers {
            let start = self.text.len();
            push_folded(&paper.title, &mut self.text, &mut self.starts);
            let title = self.text.len() - start;
            self.text.push('\n');
            let rest_start = self.text.len();
            for (i, author) in paper.authors.iter().enumerate() {
                if i > 0 {
                    self.text.push_str(", ");
                }
                push_folded(author, &mut self.text, &mut self.starts);
            }
            let authors = self.text.len() - rest_start;
            let mut org_at = authors;
            let mut org = 0;
            let parts = paper.organization.iter().map(String::as_str);
            for (i, part) in parts
                .chain(paper.tags.iter().map(|t| t.as_str()))
                .enumerate()
            {
                if self.text.len() > rest_start {
                    self.text.push_str(SEPARATOR);
                }
                let at = self.text.len();
                push_folded(part, &mut self.text, &mut self.starts);
                if i == 0 && paper.organization.is_some() {
                    org_at = at - rest_start;
                    org = self.text.len() - at;
                }
            }
            let rest = self.text.len() - rest_start;
            self.masks.push((
                mask(&self.text[start..start + title]),
                mask(&self.text[rest_start..]),
            ));
            self.starts.resize(self.text.len().div_ceil(64), 0);
            self.start_masks.push((
                self.start_mask(start, start + title),
                self.start_mask(rest_start, self.text.len()),
            ));
            self.text.push('\n');
            self.spans.push(Span {
                start,
                title: len32(title),
                rest: len32(rest),
                authors: len32(authors),
                org_at: len32(org_at),
                org: len32(org),
            });
        }
        self.starts.resize(self.text.len().div_ceil(64), 0);
    }

    /// Makes room for `scale` times what `other` holds.
    pub fn reserve_like(&mut self, other: &Headlines, scale: f64) {
        let grow = |n: usize| (n as f64 * scale) as usize;
        self.text.reserve(grow(other.text.len() + 64));
        self.starts.reserve(grow(other.starts.len() + 1));
        self.spans.reserve(grow(other.spans.len()));
        self.masks.reserve(grow(other.masks.len()));
        self.start_masks.reserve(grow(other.start_masks.len()));
    }

    /// Appends headlines built separately (on another thread, for papers
    /// that follow these).
    pub fn append(&mut self, other: Headlines) {
        // Pad to a whole bitmap word so the other bitmap appends as is.
        while !self.text.len().is_multiple_of(64) {
            self.text.push('\n');
        }
        self.starts.resize(self.text.len() / 64, 0);
        let base = self.text.len();
        if self.text.is_empty() && self.text.capacity() < other.text.len() {
            // Nothing reserved: take the other's buffers as they are.
            *self = other;
            return;
        }
        self.text.push_str(&other.text);
        self.starts.extend(other.starts);
        self.spans.extend(other.spans.into_iter().map(|s| Span {
            start: s.start + base,
            ..s
        }));
        self.masks.extend(other.masks);
        self.start_masks.extend(other.start_masks);
    }

    /// The mask of the characters that start a word in `from..to`.
    fn start_mask(&self, from: usize, to: usize) -> u64 {
        let bytes = self.text.as_bytes();
        let mut m = 0;
        let mut at = from;
        while at < to {
            let word = self.starts[at / 64] >> (at % 64);
            if word == 0 {
                at = (at / 64 + 1) * 64;
                continue;
            }
            at += word.trailing_zeros() as usize;
            if at < to {
                m |= byte_bit(bytes[at]);
            }
            at += 1;
        }
        m
    }

    /// Reads one byte of each memory line paper `i`'s matching starts
    /// with, so that a caller can ask for several papers' data at once.
    pub fn touch(&self, i: usize) -> u8 {
        let s = self.spans[i];
        let bytes = self.text.as_bytes();
        let rest = s.start + s.title as usize + 1;
        let (masks, starts) = (self.masks[i], self.start_masks[i]);
        let bits = self.starts[s.start / 64] ^ self.starts.get(rest / 64).copied().unwrap_or(0);
        bytes[s.start] ^ bytes.get(rest).copied().unwrap_or(0) ^ (masks.0 ^ starts.0 ^ bits) as u8
    }

    /// For paper `i`'s title, then its rest: (characters, word-start
    /// characters).
    pub fn part_masks(&self, i: usize) -> ((u64, u64), (u64, u64)) {
        let ((title, rest), (title_starts, rest_starts)) = (self.masks[i], self.start_masks[i]);
        ((title, title_starts), (rest, rest_starts))
    }

    fn view(&self, at: usize, len: u32) -> Text<'_> {
        Text::new(&self.text[at..at + len as usize], &self.starts, at)
    }

    /// The folded title of paper `i`.
    pub fn title(&self, i: usize) -> Text<'_> {
        let s = self.spans[i];
        self.view(s.start, s.title)
    }

    /// The folded authors, organization and tags of paper `i`.
    pub fn rest(&self, i: usize) -> Text<'_> {
        let s = self.spans[i];
        self.view(s.start + s.title as usize + 1, s.rest)
    }

    /// The folded authors of paper `i`.
    pub fn authors(&self, i: usize) -> Text<'_> {
        let s = self.spans[i];
        self.view(s.start + s.title as usize + 1, s.authors)
    }

    /// The folded organization of paper `i` (empty when none).
    pub fn org(&self, i: usize) -> Text<'_> {
        let s = self.spans[i];
        self.view(s.start + s.title as usize + 1 + s.org_at as usize, s.org)
    }
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
        assert_eq!(
            h.rest(0).as_str(),
            "ada lovelace, bo li · google · modality/ct"
        );
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
        assert_eq!(h.part_masks(0).1.1, mask("albglmc"));
    }
}
