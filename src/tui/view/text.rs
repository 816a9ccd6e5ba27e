//! Styled text pieces shared by the views.

use ratatui::style::Style;
use ratatui::text::Span;

use crate::tui::wrap::char_width;

/// `text` as spans, with the characters at `positions` (sorted character
/// indices) in `matched` style, cut to `max_width` columns with `…`.
pub fn highlighted(
    text: &str,
    positions: &[usize],
    base: Style,
    matched: Style,
    max_width: usize,
) -> Vec<Span<'static>> {
    highlighted_range(text, 0..usize::MAX, positions, base, matched, max_width)
}

/// Like [`highlighted`] for the characters of `range` only.
pub fn highlighted_range(
    text: &str,
    range: std::ops::Range<usize>,
    positions: &[usize],
    base: Style,
    matched: Style,
    max_width: usize,
) -> Vec<Span<'static>> {
    let total: usize = text
        .chars()
        .skip(range.start)
        .take(range.len())
        .map(char_width)
        .sum();
    let budget = if total > max_width {
        max_width.saturating_sub(1)
    } else {
        max_width
    };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut current = String::new();
    let mut current_matched = false;
    let mut used = 0;
    let mut next_pos = positions.iter().peekable();
    for (i, c) in text.chars().enumerate().skip(range.start).take(range.len()) {
        let w = char_width(c);
        if used + w > budget {
            break;
        }
        used += w;
        while next_pos.peek().is_some_and(|&&p| p < i) {
            next_pos.next();
        }
        let is_matched = next_pos.peek() == Some(&&i);
        if is_matched != current_matched && !current.is_empty() {
            let style = if current_matched { matched } else { base };
            spans.push(Span::styled(std::mem::take(&mut current), style));
        }
        current_matched = is_matched;
        current.push(c);
    }
    if !current.is_empty() {
        spans.push(Span::styled(
            current,
            if current_matched { matched } else { base },
        ));
    }
    if total > max_width && max_width > 0 {
        spans.push(Span::styled("…", base));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    #[test]
    fn matched_characters_get_their_own_spans_and_long_text_is_cut() {
        let m = Style::new().add_modifier(Modifier::BOLD);
        let spans = highlighted("Vision Mamba", &[7, 8], Style::new(), m, 80);
        let texts: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(texts, ["Vision ", "Ma", "mba"]);
        assert_eq!(spans[1].style, m);
        let cut = highlighted("abcdef", &[], Style::new(), m, 4);
        let texts: Vec<&str> = cut.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(texts, ["abc", "…"]);
        assert!(highlighted("abc", &[], Style::new(), m, 0).is_empty());
    }
}
