//! Styled text pieces shared by the views. Each looks at no more of its
//! text than fits on the line, so a 1 MB title costs what a short one does.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::Span;

use super::excerpt::Shown;
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
    let mut is_marked = marker(positions);
    let chars = text.chars().enumerate().map(|(i, c)| (c, is_marked(i)));
    spans(chars, base, matched, max_width)
}

/// Whether each character index, asked for in increasing order, is one of
/// the sorted `positions`.
fn marker(positions: &[usize]) -> impl FnMut(usize) -> bool + '_ {
    let mut next = positions.iter().copied().peekable();
    move |i| {
        while next.next_if(|&p| p < i).is_some() {}
        next.peek() == Some(&i)
    }
}

/// [`highlighted`], except that when the matched characters lie past what
/// fits, the words with the matches show, with words around them and the
/// start of `text` as room allows, and `…` only where words were left out
/// (`MSVM-UNet: …Vision Mamba UNet…`): see [`super::excerpt`].
pub fn highlighted_in_view(
    text: &str,
    positions: &[usize],
    base: Style,
    matched: Style,
    max_width: usize,
) -> Vec<Span<'static>> {
    let (Some(&first), Some(&last)) = (positions.first(), positions.last()) else {
        return highlighted(text, positions, base, matched, max_width);
    };
    // Only the characters that could show are looked at.
    let looked = last + max_width * CHARS_PER_COLUMN + 1;
    let chars: Vec<char> = text.chars().take(looked).collect();
    if last >= chars.len() || first > last {
        // Positions of another text: shown as the plain text is.
        return highlighted(text, positions, base, matched, max_width);
    }
    let widths: Vec<usize> = chars.iter().map(|&c| char_width(c)).collect();
    let width_to = |end: usize| widths[..end.min(widths.len())].iter().sum::<usize>();
    // Everything matched shows as it is (a `…` may take the last column).
    if width_to(chars.len()) <= max_width || width_to(last + 1) < max_width {
        return highlighted(text, positions, base, matched, max_width);
    }
    let complete = chars.len() < looked;
    let mut is_marked = marker(positions);
    let shown = match super::excerpt::excerpt(&chars, &widths, complete, positions, max_width) {
        Some(shown) => shown,
        // Not even the first match's word fits: as much of it as does.
        None => std::iter::once(Shown::Gap)
            .chain((first..chars.len()).map(Shown::At))
            .collect(),
    };
    let shown = shown.into_iter().map(|s| match s {
        Shown::At(i) => (chars[i], is_marked(i)),
        // The `…` marks nothing.
        Shown::Gap => ('…', false),
    });
    spans(shown, base, matched, max_width)
}

/// The bytes `range` of `text` as spans, with the bytes inside `marks`
/// (sorted byte ranges of `text`) in `matched` style, cut to `max_width`
/// columns with `…`.
pub fn marked(
    text: &str,
    range: Range<usize>,
    marks: &[Range<usize>],
    base: Style,
    matched: Style,
    max_width: usize,
) -> Vec<Span<'static>> {
    let first = marks.partition_point(|m| m.end <= range.start);
    let mut marks = marks[first..].iter().peekable();
    let start = range.start;
    let chars = text[range].char_indices().map(|(i, c)| {
        let at = start + i;
        while marks.next_if(|m| m.end <= at).is_some() {}
        (c, marks.peek().is_some_and(|m| m.start <= at))
    });
    spans(chars, base, matched, max_width)
}

/// Where to start showing `text` in `room` columns so that the cursor (a
/// byte offset) stays in view: characters are dropped from the left until
/// what is before the cursor fits.
pub fn scroll_start(text: &str, cursor: usize, room: usize) -> usize {
    let mut excess = crate::tui::wrap::str_width(&text[..cursor]).saturating_sub(room);
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if excess == 0 {
            return i;
        }
        excess = excess.saturating_sub(char_width(c));
        start = i + c.len_utf8();
    }
    start
}

/// Characters looked at per column at most: zero-width ones take no room,
/// and a run of them must not make a line cost more than a screen.
const CHARS_PER_COLUMN: usize = 8;

/// Groups characters into spans of one style each, as many as fit in
/// `max_width` columns; when some do not fit, the last column shows `…`.
fn spans(
    chars: impl Iterator<Item = (char, bool)>,
    base: Style,
    matched: Style,
    max_width: usize,
) -> Vec<Span<'static>> {
    let mut kept: Vec<(char, bool)> = Vec::new();
    let mut used = 0;
    let mut cut = false;
    for (c, is_matched) in chars {
        let w = char_width(c);
        if used + w > max_width || kept.len() >= max_width * CHARS_PER_COLUMN {
            cut = true;
            break;
        }
        used += w;
        kept.push((c, is_matched));
    }
    if cut && max_width > 0 {
        // Room for the `…`.
        while used + 1 > max_width {
            match kept.pop() {
                Some((c, _)) => used -= char_width(c),
                None => break,
            }
        }
    }
    let mut out: Vec<Span<'static>> = Vec::new();
    let mut current = String::new();
    let mut current_matched = false;
    for (c, is_matched) in kept {
        if is_matched != current_matched && !current.is_empty() {
            let style = if current_matched { matched } else { base };
            out.push(Span::styled(std::mem::take(&mut current), style));
        }
        current_matched = is_matched;
        current.push(c);
    }
    if !current.is_empty() {
        let style = if current_matched { matched } else { base };
        out.push(Span::styled(current, style));
    }
    if cut && max_width > 0 {
        out.push(Span::styled("…", base));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    fn texts(spans: &[Span]) -> Vec<String> {
        spans.iter().map(|s| s.content.to_string()).collect()
    }

    #[test]
    fn a_match_past_the_room_shows_with_the_start_of_the_text() {
        let m = Style::new().add_modifier(Modifier::BOLD);
        let title = "MSVM-UNet: Multi-Scale Vision Mamba UNet with Hierarchical Attention";
        let at = title.find("Mamba").unwrap();
        let positions: Vec<usize> = (at..at + 5).collect();
        let shown: String =
            texts(&highlighted_in_view(title, &positions, Style::new(), m, 30)).concat();
        assert_eq!(shown, "MSVM-UNet: …Vision Mamba UNet…");
        let spans = highlighted_in_view(title, &positions, Style::new(), m, 30);
        assert!(spans.iter().any(|s| s.content == "Mamba" && s.style == m));
        // A match that shows already, or no match: as before.
        let near = highlighted_in_view(title, &[0, 1], Style::new(), m, 30);
        assert_eq!(near, highlighted(title, &[0, 1], Style::new(), m, 30));
        assert_eq!(
            texts(&highlighted_in_view("short", &[4], Style::new(), m, 30)).concat(),
            "short"
        );
        // Positions past the text (of another one) never panic.
        let long = "word ".repeat(20);
        assert!(!highlighted_in_view(&long, &[500, 501], Style::new(), m, 30).is_empty());
        assert!(!highlighted_in_view(&long, &[90, 3], Style::new(), m, 30).is_empty());
    }

    #[test]
    fn matched_characters_get_their_own_spans_and_long_text_is_cut() {
        let m = Style::new().add_modifier(Modifier::BOLD);
        let spans = highlighted("Vision Mamba", &[7, 8], Style::new(), m, 80);
        assert_eq!(texts(&spans), ["Vision ", "Ma", "mba"]);
        assert_eq!(spans[1].style, m);
        let cut = highlighted("abcdef", &[], Style::new(), m, 4);
        assert_eq!(texts(&cut), ["abc", "…"]);
        assert!(highlighted("abc", &[], Style::new(), m, 0).is_empty());
        assert_eq!(
            texts(&highlighted("日本語", &[], Style::new(), m, 4)),
            ["日", "…"]
        );
        assert_eq!(
            texts(&highlighted("abcd", &[], Style::new(), m, 4)),
            ["abcd"]
        );
    }

    #[test]
    fn scrolling_keeps_the_cursor_in_view() {
        assert_eq!(scroll_start("abcdef", 6, 10), 0);
        assert_eq!(scroll_start("abcdef", 6, 4), 2);
        assert_eq!(scroll_start("日本語", 9, 2), 6);
        assert_eq!(scroll_start("abc", 0, 0), 0);
    }

    #[test]
    fn byte_marks_highlight_within_a_range() {
        let m = Style::new().add_modifier(Modifier::BOLD);
        let text = "état de l'art état";
        let marks = [0..5, 15..text.len()];
        let spans = marked(text, 0..text.len(), &marks, Style::new(), m, 80);
        assert_eq!(texts(&spans), ["état", " de l'art ", "état"]);
        assert_eq!(spans[0].style, m);
        let part = marked(text, 6..12, &marks, Style::new(), m, 80);
        assert_eq!(texts(&part), ["de l'a"]);
        let mark: [Range<usize>; 1] = [Range { start: 14, end: 17 }];
        let spans = marked(text, 15..text.len(), &mark, Style::new(), m, 80);
        assert_eq!(texts(&spans), ["é", "tat"]);
        assert_eq!(spans[0].style, m);
    }

    #[test]
    fn a_huge_text_is_looked_at_only_as_far_as_it_fits() {
        // Were the whole text looked at, this would take minutes.
        let m = Style::new();
        let huge = "x".repeat(50_000_000);
        for _ in 0..100 {
            assert_eq!(
                texts(&highlighted(&huge, &[], m, m, 10)),
                ["xxxxxxxxx", "…"]
            );
            assert_eq!(marked(&huge, 0..huge.len(), &[], m, m, 10).len(), 2);
        }
        let joiners = "\u{200d}".repeat(1_000_000);
        let spans = highlighted(&joiners, &[], m, m, 10);
        assert!(spans[0].content.chars().count() <= 80);
    }
}
