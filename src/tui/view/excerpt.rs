//! Which words of a title the list shows when the title does not fit: the
//! words of every match when there is room for them, then the words
//! around them and the title's first word, with `…` standing only where
//! words were left out.

use std::ops::Range;

/// One character shown: the index of a character of the text, or the `…`
/// that stands for characters left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// The character at this index.
    At(usize),
    /// `…`: something was left out here.
    Gap,
}

/// The characters to show of `chars` (the text's first characters, all of
/// them when `complete`), whose display widths are `widths`, in `room`
/// columns, so that every matched character (sorted indices `positions`)
/// shows. `None` when even the words of the first match do not fit.
pub fn excerpt(
    chars: &[char],
    widths: &[usize],
    complete: bool,
    positions: &[usize],
    room: usize,
) -> Option<Vec<Shown>> {
    let mut prefix = Vec::with_capacity(widths.len() + 1);
    prefix.push(0);
    for w in widths {
        prefix.push(prefix.last().copied().unwrap_or(0) + w);
    }
    let text = Text {
        chars,
        prefix,
        complete,
        // A word longer than this never fits: no need to find its end.
        longest: room.saturating_mul(CHARS_PER_COLUMN) + 1,
    };
    let matches = text.match_words(positions);
    let has_match = |parts: &[Range<usize>]| {
        parts.iter().any(|p| {
            let i = positions.partition_point(|&at| at < p.start);
            positions.get(i).is_some_and(|&at| at < p.end)
        })
    };
    // The title's first word names the row, when it takes at most half of
    // it; then the words of the matches, as many as fit.
    let head = 0..text.word_end(0);
    let with_head = (text.width(std::slice::from_ref(&head)) <= room / 2).then(|| {
        let mut parts = vec![head];
        parts.extend(matches.iter().cloned());
        merge(&mut parts);
        text.fitted(parts, room)
    });
    let mut parts = match with_head {
        Some(parts) if has_match(&parts) => parts,
        _ => text.fitted(matches, room),
    };
    if parts.is_empty() || !has_match(&parts) {
        return None;
    }
    // Then the title's first word, and context one word at a time before
    // and after each match.
    let mut head_grows = false;
    loop {
        let mut grew = false;
        if parts[0].start > 0 {
            let head = 0..text.word_end(0);
            let tried = std::iter::once(head).chain(parts.iter().cloned()).collect();
            grew |= text.take_if_fits(&mut parts, tried, room);
        }
        let mut k = 0;
        while k < parts.len() {
            for left in [true, false] {
                // The title's first word grows last: the room goes to the
                // words around the matches first.
                let around_a_match = |p: &Range<usize>| {
                    let i = positions.partition_point(|&at| at < p.start);
                    head_grows || positions.get(i).is_some_and(|&at| at < p.end)
                };
                if let Some(part) = parts.get(k).filter(|p| around_a_match(p)) {
                    let mut tried = parts.clone();
                    tried[k] = text.widen(part, left);
                    grew |= text.take_if_fits(&mut parts, tried, room);
                }
            }
            k += 1;
        }
        if !grew && head_grows {
            return Some(text.render(&parts));
        }
        head_grows |= !grew;
    }
}

/// The text looked at, and how it is measured.
struct Text<'a> {
    chars: &'a [char],
    /// Columns taken by the characters before each index.
    prefix: Vec<usize>,
    complete: bool,
    longest: usize,
}

/// Characters looked at per column at most, as in [`super::text`].
const CHARS_PER_COLUMN: usize = 8;

impl Text<'_> {
    /// Where the word holding character `at` starts.
    fn word_start(&self, mut at: usize) -> usize {
        let stop = at.saturating_sub(self.longest);
        while at > stop && self.chars[at - 1] != ' ' {
            at -= 1;
        }
        at
    }

    /// Where the word holding character `at` ends, its space included.
    fn word_end(&self, mut at: usize) -> usize {
        let stop = at.saturating_add(self.longest).min(self.chars.len());
        while at < stop && self.chars[at] != ' ' {
            at += 1;
        }
        (at + 1).min(self.chars.len())
    }

    /// The words of each run of matched characters, merged where they meet.
    fn match_words(&self, positions: &[usize]) -> Vec<Range<usize>> {
        let mut parts: Vec<Range<usize>> = Vec::new();
        for &p in positions.iter().filter(|&&p| p < self.chars.len()) {
            let word = self.word_start(p)..self.word_end(p);
            match parts.last_mut() {
                Some(last) if word.start <= last.end => last.end = last.end.max(word.end),
                _ => parts.push(word),
            }
        }
        parts
    }

    /// `part` with one more word before it (`left`) or after it.
    fn widen(&self, part: &Range<usize>, left: bool) -> Range<usize> {
        if left {
            part.start
                .checked_sub(1)
                .map_or(part.clone(), |before| self.word_start(before)..part.end)
        } else if part.end < self.chars.len() {
            part.start..self.word_end(part.end)
        } else {
            part.clone()
        }
    }

    /// `parts` with words left out from the end until they fit in `room`
    /// (none when not even the first word does).
    fn fitted(&self, mut parts: Vec<Range<usize>>, room: usize) -> Vec<Range<usize>> {
        while self.width(&parts) > room {
            let Some(last) = parts.last_mut() else {
                break;
            };
            // The last word of the last part goes.
            let mut end = last.end;
            while end > last.start && self.chars[end - 1] == ' ' {
                end -= 1;
            }
            let start = self.word_start(end.saturating_sub(1).max(last.start));
            if start <= last.start {
                parts.pop();
            } else {
                last.end = start;
            }
        }
        parts
    }

    /// `tried` (merged where parts meet) in place of `parts` when it is
    /// wider and still fits; whether it was.
    fn take_if_fits(
        &self,
        parts: &mut Vec<Range<usize>>,
        mut tried: Vec<Range<usize>>,
        room: usize,
    ) -> bool {
        merge(&mut tried);
        if tried == *parts || self.width(&tried) > room {
            return false;
        }
        *parts = tried;
        true
    }

    /// The characters shown for `parts`: a `…` before, between and after
    /// them wherever something is left out, with no space before a
    /// closing `…`.
    fn render(&self, parts: &[Range<usize>]) -> Vec<Shown> {
        let mut shown = Vec::new();
        let mut at = 0;
        for part in parts {
            if part.start > at {
                shown.push(Shown::Gap);
            }
            shown.extend(part.clone().map(Shown::At));
            at = part.end;
        }
        if at < self.chars.len() || !self.complete {
            while shown
                .last()
                .is_some_and(|s| matches!(s, Shown::At(i) if self.chars[*i] == ' '))
            {
                shown.pop();
            }
            shown.push(Shown::Gap);
        }
        shown
    }

    /// Columns taken by [`Text::render`] of `parts`, counted without
    /// drawing them.
    fn width(&self, parts: &[Range<usize>]) -> usize {
        let Some(last) = parts.last() else {
            return 0;
        };
        let mut width = 0;
        let mut at = 0;
        for part in parts {
            width += usize::from(part.start > at) + self.prefix[part.end] - self.prefix[part.start];
            at = part.end;
        }
        if at < self.chars.len() || !self.complete {
            let mut end = last.end;
            while end > last.start && self.chars[end - 1] == ' ' {
                end -= 1;
                width -= self.prefix[end + 1] - self.prefix[end];
            }
            width += 1;
        }
        width
    }
}

/// Sorted ranges that meet or overlap, joined.
fn merge(parts: &mut Vec<Range<usize>>) {
    parts.sort_by_key(|p| p.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(parts.len());
    for part in parts.drain(..) {
        match out.last_mut() {
            Some(last) if part.start <= last.end => last.end = last.end.max(part.end),
            _ => out.push(part),
        }
    }
    *parts = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The excerpt of `title` in `room` columns, matches being `terms`.
    fn cut(title: &str, terms: &[&str], room: usize) -> String {
        let chars: Vec<char> = title.chars().collect();
        let widths = vec![1; chars.len()];
        let lower = title.to_lowercase();
        let mut positions: Vec<usize> = Vec::new();
        for term in terms {
            let at = lower.find(term).unwrap();
            let start = lower[..at].chars().count();
            positions.extend(start..start + term.chars().count());
        }
        positions.sort_unstable();
        let shown = excerpt(&chars, &widths, true, &positions, room).unwrap();
        let out: String = shown
            .iter()
            .map(|s| match s {
                Shown::At(i) => chars[*i],
                Shown::Gap => '…',
            })
            .collect();
        assert!(out.chars().count() <= room, "{out}");
        out
    }

    #[test]
    fn an_ellipsis_stands_only_where_words_were_left_out() {
        let title = "xLSTM-UNet can be an Effective 2D & 3D Medical Image Segmentation Backbone with Vision-LSTM (ViL) better than its Mamba Counterpart";
        let shown = cut(title, &["unet", "mamba"], 50);
        assert!(shown.starts_with("xLSTM-UNet can"), "{shown}");
        assert!(!shown.starts_with("xLSTM-…"), "{shown}");
        assert!(shown.contains("Mamba"), "{shown}");
    }

    #[test]
    fn every_match_shows_when_the_row_has_room() {
        let title = "Segmentation inability of large pretrained vision transformers on small medical datasets, and how Mamba overcomes it";
        let shown = cut(title, &["segmentation", "mamba"], 60);
        assert!(shown.starts_with("Segmentation "), "{shown}");
        assert!(!shown.starts_with('…'), "{shown}");
        assert!(shown.contains("Mamba"), "{shown}");
        // Too little room for both: the first, and the `…` where the rest is.
        let narrow = cut(title, &["segmentation", "mamba"], 16);
        assert!(narrow.starts_with("Segmentation"), "{narrow}");
        assert!(narrow.ends_with('…'), "{narrow}");
    }

    #[test]
    fn the_first_word_names_the_row_when_not_every_match_fits() {
        let title =
            "Interpretable Bilingual Multimodal Large Language Model for Diverse Biomedical Tasks";
        let shown = cut(title, &["multimodal", "large", "language", "model"], 40);
        assert!(shown.starts_with("Interpretable …Multimodal"), "{shown}");
        // Half the row or more for the first word: the matches come first.
        let shown = cut(title, &["multimodal"], 24);
        assert!(
            shown.starts_with('…') && shown.contains("Multimodal"),
            "{shown}"
        );
    }

    #[test]
    fn the_title_start_and_the_words_around_a_match() {
        let title = "MSVM-UNet: Multi-Scale Vision Mamba UNet with Hierarchical Attention";
        assert_eq!(cut(title, &["mamba"], 30), "MSVM-UNet: …Vision Mamba UNet…");
    }
}
