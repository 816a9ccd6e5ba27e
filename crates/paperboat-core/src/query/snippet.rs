//! A few words of an abstract around where a query matched it: what a
//! result that matched only there shows under its title, so that the
//! reader sees why it is a result.

use std::ops::Range;

/// Words around a match, with the matches inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The words, on one line, with `…` where text was left out.
    pub text: String,
    /// Byte ranges of `text` that matched.
    pub marks: Vec<Range<usize>>,
}

/// How much of the room goes before the first match.
const BEFORE: usize = 3;

/// At most `width` characters of `text` around its first mark (`marks`
/// sorted byte ranges of `text`), cut at word boundaries, white space made
/// single spaces; `None` without a mark or room.
pub fn snippet(text: &str, marks: &[Range<usize>], width: usize) -> Option<Snippet> {
    let first = marks.first()?.clone();
    if width < 8 || text.get(first.clone()).is_none() {
        return None;
    }
    // Start a third of the room (in characters) before the match, at the
    // start of a word.
    let lead = width / BEFORE;
    let mut start = first.start;
    for (at, _) in text[..first.start].char_indices().rev().take(lead) {
        start = at;
    }
    // From the very start when the match is within the room anyway.
    if text[..first.end].chars().count() < width {
        start = 0;
    }
    if start > 0 {
        start = text[start..first.start]
            .find(char::is_whitespace)
            .map_or(first.start, |ws| start + ws + 1)
            .min(first.start);
    }
    let mut out = String::new();
    let mut out_marks: Vec<Range<usize>> = Vec::new();
    // Characters so far, room for a closing `…` kept.
    let mut chars = 0;
    if start > 0 {
        out.push('…');
        chars += 1;
    }
    let mut last_space = None;
    let mut end = start;
    let mut space = false;
    for (at, c) in text[start..].char_indices() {
        let at = start + at;
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let spaced = space && !out.is_empty() && !out.ends_with('…');
        // This character, its space, and room for a closing `…`.
        if chars + 1 + usize::from(spaced) + 1 > width {
            break;
        }
        if spaced {
            last_space = Some((out.len(), out_marks.len()));
            out.push(' ');
            chars += 1;
        }
        space = false;
        let here = out.len();
        if marks.iter().any(|m| m.contains(&at)) {
            match out_marks.last_mut() {
                Some(last) if last.end == here => last.end = here + c.len_utf8(),
                _ => out_marks.push(here..here + c.len_utf8()),
            }
        }
        out.push(c);
        chars += 1;
        end = at + c.len_utf8();
    }
    if end < text.len() && !text[end..].trim().is_empty() {
        // Cut inside a word: back to the last whole one, unless that
        // leaves out the match.
        if let Some((at, kept)) = last_space
            && !text[end..].starts_with(char::is_whitespace)
            && at > out_marks.first().map_or(0, |m| m.end)
        {
            out.truncate(at);
            out_marks.truncate(kept);
        }
        out.push('…');
    }
    Some(Snippet {
        text: out,
        marks: out_marks,
    })
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    fn shown(text: &str, word: &str, width: usize) -> Snippet {
        let at = text.find(word).unwrap();
        snippet(text, &[at..at + word.len()], width).unwrap()
    }

    #[test]
    fn a_snippet_holds_the_match_cut_at_words_with_an_ellipsis_where_text_went() {
        let text = "Large language models are evaluated on MIMIC-CXR, a public set \
                    of chest radiographs with reports, and on two private sets.";
        for width in 12..60 {
            let s = shown(text, "MIMIC", width);
            assert!(s.text.chars().count() <= width, "{width}: {s:?}");
        }
        let s = shown(text, "MIMIC", 40);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'), "{s:?}");
        assert!(s.text.chars().count() <= 40, "{s:?}");
        assert_eq!(&s.text[s.marks[0].clone()], "MIMIC");
        assert!(!s.text.contains("  "));
        // Whole words on both sides.
        let inner = s.text.trim_matches('…');
        for word in inner.split(' ') {
            assert!(text.contains(word), "{word} is a whole word of the text");
        }
        let s = shown(text, "Large", 200);
        assert_eq!(s.text, text.replace("  ", " "));
        assert_eq!(s.marks, [0..5]);
        assert!(snippet(text, &[], 40).is_none());
        assert!(snippet(text, &[0..5], 3).is_none());
    }

    #[test]
    fn white_space_and_line_breaks_become_single_spaces() {
        let text = "First paragraph.\n\nThe second   holds mamba here.";
        let s = shown(text, "mamba", 30);
        assert!(s.text.contains("holds mamba here."), "{s:?}");
        assert!(!s.text.contains('\n'));
        assert_eq!(&s.text[s.marks[0].clone()], "mamba");
    }
}
