//! Text sanitizing: nothing from a corpus reaches the terminal as a control
//! sequence, and white space is normalized so that lines render predictably.

/// The replacement for characters that must never reach a terminal.
pub const REPLACEMENT: char = '\u{FFFD}';

/// True for characters a corpus may not carry: C0 and C1 controls, DEL, and
/// the bidi overrides and isolates that can reorder what the user sees.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// One line of text: runs of white space become one space, the ends are
/// trimmed, and unsafe characters become U+FFFD.
pub fn clean_line(text: &str) -> String {
    if is_clean_line(text) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    clean_into(text, false, &mut out);
    out
}

/// [`clean_line`] of an owned string, which is returned as it is when
/// there is nothing to clean.
pub fn clean_line_owned(text: String) -> String {
    if is_clean_line(&text) {
        text
    } else {
        clean_line(&text)
    }
}

/// Multi-paragraph text: paragraphs (separated by blank lines) are kept and
/// joined by one blank line; inside a paragraph it is [`clean_line`].
pub fn clean_text(text: &str) -> String {
    if is_clean_line(text) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    clean_into(text, true, &mut out);
    out
}

/// True when [`clean_line`] would return the text unchanged: no unsafe
/// character, no white space but single spaces between words. Most corpus
/// text is like this, and checking is much cheaper than rebuilding it.
pub fn is_clean_line(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut after_space = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b > b' ' && b < 0x7f {
            after_space = false;
            i += 1;
        } else if b == b' ' {
            if after_space {
                return false;
            }
            after_space = true;
            i += 1;
        } else if b < 0x80 {
            return false;
        } else {
            // Only multi-byte characters are decoded; `i` is always on a
            // character boundary because whole characters are stepped over.
            let c = text[i..].chars().next().unwrap_or(REPLACEMENT);
            if c.is_whitespace() || is_unsafe(c) {
                return false;
            }
            after_space = false;
            i += c.len_utf8();
        }
    }
    true
}

/// One pass over the text: words are copied in slices, each run of white
/// space becomes one separator, unsafe characters become U+FFFD. With
/// `paragraphs`, a run holding two or more line breaks (a blank line between
/// two lines) becomes a blank line instead of a space. `"\r\n"` is one line
/// break; a lone `"\r"` or U+2029 counts as one too.
fn clean_into(text: &str, paragraphs: bool, out: &mut String) {
    let bytes = text.as_bytes();
    let mut i = 0;
    // Start of the current run of characters copied as they are.
    let mut start = 0;
    // Inside white space (true at the start: leading space is dropped).
    let mut in_space = true;
    let mut breaks = 0u32;
    let mut after_cr = false;
    let separate = |out: &mut String, breaks: u32| {
        if !out.is_empty() {
            out.push_str(if paragraphs && breaks >= 2 {
                "\n\n"
            } else {
                " "
            });
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        if b > b' ' && b < 0x7f {
            if in_space {
                separate(out, breaks);
                in_space = false;
                start = i;
            }
            i += 1;
            continue;
        }
        let c = if b < 0x80 {
            b as char
        } else {
            text[i..].chars().next().unwrap_or(REPLACEMENT)
        };
        let width = c.len_utf8();
        if c.is_whitespace() {
            if !in_space {
                out.push_str(&text[start..i]);
                in_space = true;
                breaks = 0;
                after_cr = false;
            }
            match c {
                '\n' if after_cr => {}
                '\n' | '\r' | '\u{2029}' => breaks += 1,
                _ => {}
            }
            after_cr = c == '\r';
        } else {
            if in_space {
                separate(out, breaks);
                in_space = false;
                start = i;
            }
            if is_unsafe(c) {
                out.push_str(&text[start..i]);
                out.push(REPLACEMENT);
                start = i + width;
            }
        }
        i += width;
    }
    if !in_space {
        out.push_str(&text[start..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_collapse_white_space_and_replace_controls() {
        assert_eq!(clean_line("  a \t b\n c  "), "a b c");
        assert_eq!(clean_line("x\u{1b}[2Jy"), "x\u{FFFD}[2Jy");
        assert_eq!(clean_line("a\u{7f}\u{9b}b"), "a\u{FFFD}\u{FFFD}b");
        assert_eq!(clean_line("\u{202E}evil\u{2066}"), "\u{FFFD}evil\u{FFFD}");
        assert_eq!(clean_line("bell\u{7}"), "bell\u{FFFD}");
    }

    #[test]
    fn text_keeps_paragraph_breaks_only() {
        assert_eq!(clean_text("one\ntwo\n\n\n  three  "), "one two\n\nthree");
        assert_eq!(clean_text("a\r\nb"), "a b");
        assert_eq!(clean_text("a\r\n\r\nb"), "a\n\nb");
        assert_eq!(clean_text("\n\n"), "");
    }

    #[test]
    fn sanitizing_twice_changes_nothing() {
        let once = clean_text("a\u{1b}]0;t\u{7}\n\n b  c\r\n\u{202d}");
        assert_eq!(clean_text(&once), once);
        assert!(!once.chars().any(|c| is_unsafe(c) && c != '\n'));
    }

    /// The paragraph rule as first written: split into lines, blank lines
    /// end paragraphs, each paragraph is one clean line.
    fn reference_text(text: &str) -> String {
        let text = text.replace("\r\n", "\n");
        let mut paragraphs = Vec::new();
        let mut current = String::new();
        for line in text.split(['\n', '\r', '\u{2029}']) {
            if line.trim().is_empty() {
                paragraphs.push(reference_line(&current));
                current.clear();
            } else {
                current.push(' ');
                current.push_str(line);
            }
        }
        paragraphs.push(reference_line(&current));
        paragraphs.retain(|p| !p.is_empty());
        paragraphs.join("\n\n")
    }

    fn reference_line(text: &str) -> String {
        let words: Vec<String> = text
            .split(char::is_whitespace)
            .filter(|w| !w.is_empty())
            .map(|w| {
                w.chars()
                    .map(|c| if is_unsafe(c) { REPLACEMENT } else { c })
                    .collect()
            })
            .collect();
        words.join(" ")
    }

    #[test]
    fn one_pass_matches_the_line_by_line_rule() {
        let pieces = [
            "a", "é", "日本", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{2029}", "\u{2028}",
            "\u{a0}", "\u{85}", "\u{1b}", "\u{7f}", "\u{9b}", "\u{202e}", "\u{2066}", "\u{fffd}",
            "\u{b}", "\u{c}", "x.y",
        ];
        // Every sequence of up to four pieces.
        let mut inputs = vec![String::new()];
        for _ in 0..4 {
            let mut next = Vec::new();
            for s in &inputs {
                for p in pieces {
                    next.push(format!("{s}{p}"));
                }
            }
            inputs.extend(next);
            inputs.sort();
            inputs.dedup();
        }
        for input in &inputs {
            assert_eq!(clean_text(input), reference_text(input), "{input:?}");
            assert_eq!(clean_line(input), reference_line(input), "{input:?}");
            assert_eq!(
                is_clean_line(input),
                reference_line(input) == *input,
                "{input:?}"
            );
        }
    }

    #[test]
    fn arxiv_style_abstracts_become_one_paragraph() {
        assert_eq!(
            clean_text("  We study a\nproblem.  It is hard.\n"),
            "We study a problem. It is hard."
        );
        assert_eq!(clean_text("  One.\n\n  Two.\n"), "One.\n\nTwo.");
    }
}
