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
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(if is_unsafe(c) { REPLACEMENT } else { c });
    }
    out
}

/// Multi-paragraph text: paragraphs (separated by blank lines) are kept and
/// joined by one blank line; inside a paragraph it is [`clean_line`].
pub fn clean_text(text: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    // "\r\n" is one line break; a lone "\r" or U+2029 counts as one too.
    let text = text.replace("\r\n", "\n");
    for line in text.split(['\n', '\r', '\u{2029}']) {
        if line.trim().is_empty() {
            flush(&mut current, &mut paragraphs);
        } else {
            current.push(' ');
            current.push_str(line);
        }
    }
    flush(&mut current, &mut paragraphs);
    paragraphs.join("\n\n")
}

fn flush(current: &mut String, paragraphs: &mut Vec<String>) {
    let cleaned = clean_line(current);
    if !cleaned.is_empty() {
        paragraphs.push(cleaned);
    }
    current.clear();
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
}
