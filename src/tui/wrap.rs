//! Word wrapping by display width, by byte ranges, in one pass over the
//! text: a 100 MB abstract is wrapped once, in time linear in its length.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

/// The display width of a character; zero-width and control characters
/// count as nothing.
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// The display width of a string.
pub fn str_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// Characters on one line at most, per column: a run of zero-width
/// characters (joiners, combining marks) still ends lines, so that no
/// line costs more to draw than a few screens of text.
const CHARS_PER_COLUMN: usize = 8;

/// Splits `text` into lines of at most `width` columns, breaking at spaces
/// when it can and inside a word when it must. Returns each line's byte
/// range (spaces at a break belong to no line).
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let max_chars = width * CHARS_PER_COLUMN;
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(text.len() / width + 1);
    let mut start = 0;
    while start < bytes.len() {
        // Skip the spaces a break left at the start of a line.
        if !lines.is_empty() {
            while start < bytes.len() && bytes[start] == b' ' {
                start += 1;
            }
            if start >= bytes.len() {
                break;
            }
        }
        let (mut used, mut chars) = (0, 0);
        let mut end = start;
        let mut last_space = None;
        while end < bytes.len() && chars < max_chars {
            let (c, len) = char_at(text, end);
            let w = char_width(c);
            if used + w > width {
                break;
            }
            if c == ' ' {
                last_space = Some(end);
            }
            used += w;
            chars += 1;
            end += len;
        }
        if end < bytes.len()
            && bytes[end] != b' '
            && let Some(space) = last_space.filter(|&s| s > start)
        {
            end = space;
        }
        if end == start {
            // A character wider than the line: show it alone rather than loop.
            end = start + char_at(text, start).1;
        }
        let mut trimmed = end;
        while trimmed > start && bytes[trimmed - 1] == b' ' {
            trimmed -= 1;
        }
        lines.push(start..trimmed);
        start = end;
    }
    lines
}

/// The character starting at byte `at` (a character boundary) and its
/// length in bytes.
fn char_at(text: &str, at: usize) -> (char, usize) {
    let b = text.as_bytes()[at];
    if b < 0x80 {
        return (b as char, 1);
    }
    let c = text[at..].chars().next().unwrap_or(' ');
    (c, c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn breaks_at_spaces_and_inside_long_words() {
        assert_eq!(lines("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(lines("abcdefghijkl", 5), ["abcde", "fghij", "kl"]);
        assert_eq!(lines("a  b", 1), ["a", "b"]);
        assert_eq!(lines("", 5), Vec::<&str>::new());
        assert_eq!(
            lines("日本語のテキスト", 5),
            ["日本", "語の", "テキ", "スト"]
        );
        assert_eq!(lines("日", 1), ["日"]);
        assert_eq!(lines("é è ê", 3), ["é è", "ê"]);
    }

    #[test]
    fn every_line_fits_and_nothing_but_break_spaces_is_lost() {
        let text = "Mamba (SSM) meets U-Net: état de l'art, 日本語 and more ".repeat(50);
        for width in [1, 2, 3, 7, 20, 80] {
            let ranges = wrap(&text, width);
            let mut joined = String::new();
            for r in &ranges {
                assert!(str_width(&text[r.clone()]) <= width.max(2), "{width}");
                joined.push_str(&text[r.clone()]);
            }
            let squeezed: String = text.chars().filter(|&c| c != ' ').collect();
            let got: String = joined.chars().filter(|&c| c != ' ').collect();
            assert_eq!(got, squeezed, "{width}");
        }
    }

    #[test]
    fn zero_width_runs_still_end_lines() {
        let text = "\u{200d}".repeat(100_000);
        let ranges = wrap(&text, 10);
        assert!(ranges.iter().all(|r| text[r.clone()].chars().count() <= 80));
        assert_eq!(ranges.iter().map(|r| r.len()).sum::<usize>(), text.len());
    }
}
