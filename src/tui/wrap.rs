//! Word wrapping by display width, keeping character positions so that
//! highlights can follow the text onto its lines.

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

/// Splits `text` into lines of at most `width` columns, breaking at spaces
/// when it can and inside a word when it must. Returns each line's range of
/// character indices (spaces at a break belong to no line).
pub fn wrap(text: &str, width: usize) -> Vec<std::ops::Range<usize>> {
    let width = width.max(1);
    let chars: Vec<char> = text.chars().collect();
    let mut lines = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        // Skip the spaces a break left at the start of a line.
        while start < chars.len() && chars[start] == ' ' && !lines.is_empty() {
            start += 1;
        }
        if start >= chars.len() {
            break;
        }
        let mut used = 0;
        let mut end = start;
        let mut last_space = None;
        while end < chars.len() {
            let w = char_width(chars[end]);
            if used + w > width {
                break;
            }
            if chars[end] == ' ' {
                last_space = Some(end);
            }
            used += w;
            end += 1;
        }
        if end < chars.len()
            && chars[end] != ' '
            && let Some(space) = last_space.filter(|&s| s > start)
        {
            end = space;
        }
        if end == start {
            // A character wider than the line: show it alone rather than loop.
            end = start + 1;
        }
        let mut trimmed = end;
        while trimmed > start && chars[trimmed - 1] == ' ' {
            trimmed -= 1;
        }
        lines.push(start..trimmed);
        start = end;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, width: usize) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        wrap(text, width)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn breaks_at_spaces_and_inside_long_words() {
        assert_eq!(lines("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(lines("abcdefghijkl", 5), ["abcde", "fghij", "kl"]);
        assert_eq!(lines("a  b", 1), ["a", "b"]);
        assert_eq!(lines("", 5), Vec::<String>::new());
        assert_eq!(
            lines("日本語のテキスト", 5),
            ["日本", "語の", "テキ", "スト"]
        );
        assert_eq!(lines("日", 1), ["日"]);
    }
}
