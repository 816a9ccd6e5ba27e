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

/// Text whose line breaks mean something (a bookmark's note): every line
/// is [`clean_line`], blank lines at the ends go, and a run of blank lines
/// inside becomes one. `"\r\n"`, a lone `"\r"`, U+2028 and U+2029 are line
/// breaks too.
pub fn clean_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text
        .split("\r\n")
        .flat_map(|l| l.split(['\n', '\r', '\u{2028}', '\u{2029}']))
    {
        let line = clean_line(line);
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(&line);
    }
    out
}

/// At most `max` characters of `text`, with `…` when some were cut: error
/// lines quote the input, and a 10 MB value must not make a 10 MB line.
pub fn clip(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => std::borrow::Cow::Borrowed(text),
        Some((end, _)) => std::borrow::Cow::Owned(format!("{}…", &text[..end])),
    }
}

/// Text kept as it is laid out (help text, aligned columns) with only the
/// characters a terminal would obey replaced: line breaks and tabs stay.
pub fn neutralize(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| is_unsafe(c) && c != '\n' && c != '\t';
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| if unsafe_char(c) { REPLACEMENT } else { c })
        .collect::<String>()
        .into()
}

/// How many characters of a value an error line quotes.
pub const QUOTED: usize = 80;

/// An error message with every quoted run (between backticks or double
/// quotes) clipped to [`QUOTED`] characters, and the whole to a few lines'
/// worth: messages quote the input, and nothing of it may be unbounded.
pub fn clip_quotes(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(1024));
    let mut rest = message;
    while let Some(open) = rest.find(['`', '"']) {
        let quote = rest[open..].chars().next().unwrap_or('"');
        out.push_str(&rest[..=open]);
        let inner = &rest[open + 1..];
        // A quote escaped as `\"` (Rust's Debug format) does not close.
        let mut close = None;
        let mut escaped = false;
        for (i, c) in inner.char_indices() {
            if c == quote && !escaped {
                close = Some(i);
                break;
            }
            escaped = c == '\\' && !escaped;
        }
        let (quoted, after) = match close {
            Some(i) => (&inner[..i], &inner[i..]),
            None => (inner, ""),
        };
        out.push_str(&clip(quoted, QUOTED));
        if let Some(c) = after.chars().next() {
            out.push(c);
            rest = &after[c.len_utf8()..];
        } else {
            rest = "";
        }
    }
    out.push_str(rest);
    clip(&out, 4 * QUOTED + 200).into_owned()
}

/// True when [`clean_line`] would return the text unchanged: no unsafe
/// character, no white space but single spaces between words. Most corpus
/// text is like this, and checking is much cheaper than rebuilding it.
pub fn is_clean_line(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        if let Some(block) = Block::at(bytes, i)
            && block.is_words()
            && !(block.ends_with_space() && bytes.get(i + 8) == Some(&b' '))
        {
            i += 8;
            continue;
        }
        let b = bytes[i];
        if is_plain(b) {
            i += 1;
        } else if b == b' ' {
            // A single space between two words.
            if bytes.get(i + 1).is_none_or(|&next| next == b' ') {
                return false;
            }
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
            i += c.len_utf8();
        }
    }
    true
}

/// Eight bytes looked at at once: most text is words of printable ASCII
/// with single spaces between them, and testing a byte at a time stalls on
/// every word boundary.
struct Block(u64);

impl Block {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;

    fn at(bytes: &[u8], i: usize) -> Option<Block> {
        let chunk: [u8; 8] = bytes.get(i..i + 8)?.try_into().ok()?;
        Some(Block(u64::from_le_bytes(chunk)))
    }

    /// The high bit of every byte that is a space.
    fn spaces(&self) -> u64 {
        let y = self.0 ^ (Self::ONES * b' ' as u64);
        !(((y & !Self::HIGH) + !Self::HIGH) | y) & Self::HIGH
    }

    /// Only printable ASCII, and no two spaces in a row.
    fn is_words(&self) -> bool {
        let x = self.0;
        let non_ascii = x & Self::HIGH;
        // Exact for ASCII bytes: a byte below 0x20, or 0x7f (DEL).
        let control = (x.wrapping_sub(Self::ONES * 0x20) & !x) | (x + Self::ONES);
        let spaces = self.spaces();
        (non_ascii | (control & Self::HIGH) | (spaces & (spaces << 8))) == 0
    }

    /// The last byte is a space.
    fn ends_with_space(&self) -> bool {
        self.0 >> 56 == b' ' as u64
    }
}

/// Printable ASCII other than the space: copied as it is.
fn is_plain(b: u8) -> bool {
    b > b' ' && b < 0x7f
}

/// One pass over the text: each run of white space becomes one
/// separator, unsafe characters become U+FFFD. With `paragraphs`, a run
/// holding two or more line breaks (a blank line between two lines) becomes
/// a blank line instead of a space. `"\r\n"` is one line break; a lone
/// `"\r"` or U+2029 counts as one too.
fn clean_into(text: &str, paragraphs: bool, out: &mut String) {
    let bytes = text.as_bytes();
    let mut buf = std::mem::take(out).into_bytes();
    buf.reserve(bytes.len());
    // Line breaks in the white space seen since the last word; `None`
    // while inside a word or before the first one.
    let mut space: Option<u32> = None;
    let mut after_cr = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if is_plain(b) {
            if let Some(breaks) = space.take() {
                separate(&mut buf, paragraphs && breaks >= 2);
            }
            // Words with single spaces between them are copied in one go.
            // In such a run, a space is always followed by a word.
            let start = i;
            i += 1;
            while i < bytes.len() {
                if let Some(block) = Block::at(bytes, i)
                    && block.is_words()
                    && (!block.ends_with_space() || bytes.get(i + 8).is_some_and(|&b| is_plain(b)))
                {
                    i += 8;
                } else if is_plain(bytes[i]) {
                    i += 1;
                } else if bytes[i] == b' ' && bytes.get(i + 1).is_some_and(|&b| is_plain(b)) {
                    i += 2;
                } else {
                    break;
                }
            }
            buf.extend_from_slice(&bytes[start..i]);
            after_cr = false;
            continue;
        }
        let c = if b < 0x80 {
            b as char
        } else {
            // `i` is on a character boundary: whole characters are stepped over.
            text[i..].chars().next().unwrap_or(REPLACEMENT)
        };
        let width = c.len_utf8();
        if c.is_whitespace() {
            if !buf.is_empty() {
                let breaks = space.get_or_insert(0);
                match c {
                    '\n' if after_cr => {}
                    '\n' | '\r' | '\u{2029}' => *breaks += 1,
                    _ => {}
                }
            }
            after_cr = c == '\r';
        } else {
            if let Some(breaks) = space.take() {
                separate(&mut buf, paragraphs && breaks >= 2);
            }
            let kept = if is_unsafe(c) { REPLACEMENT } else { c };
            buf.extend_from_slice(kept.encode_utf8(&mut [0; 4]).as_bytes());
            after_cr = false;
        }
        i += width;
    }
    *out = String::from_utf8(buf)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
}

fn separate(buf: &mut Vec<u8>, paragraph: bool) {
    if paragraph {
        buf.extend_from_slice(b"\n\n");
    } else {
        buf.push(b' ');
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
            let five = format!("{input}\n\nb");
            assert_eq!(clean_text(&five), reference_text(&five), "{five:?}");
            assert_eq!(clean_line(input), reference_line(input), "{input:?}");
            assert_eq!(
                is_clean_line(input),
                reference_line(input) == *input,
                "{input:?}"
            );
        }
    }

    #[test]
    fn long_text_matches_the_rule_too() {
        let pieces = [
            "word", "a", "bc", " ", "  ", "\n", "\n\n", "\r\n", "\t", "é", "日本", "\u{a0}",
            "\u{1b}", "\u{7f}", "\u{202e}", "~", "!", "\u{9b}",
        ];
        // A small deterministic generator: no dependency, same cases each run.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = (next() % 40) as usize;
            // Mostly words and single spaces, as in real text.
            let input: String = (0..len)
                .map(|_| {
                    let r = next() as usize;
                    if !r.is_multiple_of(4) {
                        pieces[r % 3]
                    } else {
                        pieces[r % pieces.len()]
                    }
                })
                .collect::<Vec<_>>()
                .join(if next().is_multiple_of(2) { " " } else { "" });
            assert_eq!(clean_text(&input), reference_text(&input), "{input:?}");
            assert_eq!(clean_line(&input), reference_line(&input), "{input:?}");
            assert_eq!(
                is_clean_line(&input),
                reference_line(&input) == input,
                "{input:?}"
            );
        }
    }

    #[test]
    fn lines_keep_their_breaks() {
        assert_eq!(
            clean_lines("a\r\n\r\n\n b \x1b\nc\rd\u{2028}e"),
            "a\n\nb \u{FFFD}\nc\nd\ne"
        );
        assert_eq!(clean_lines("\n\n  one  \n\n"), "one");
        assert_eq!(clean_lines(""), "");
        let once = clean_lines("x\u{202e}\n\n\ny");
        assert_eq!(clean_lines(&once), once);
    }

    #[test]
    fn long_quotes_are_clipped() {
        let long = "x".repeat(10_000_000);
        let message = format!("expected a date, found `{long}` and string \"{long}\" then `");
        let clipped = clip_quotes(&message);
        assert!(clipped.chars().count() < 400, "{}", clipped.len());
        assert!(clipped.starts_with(&format!(
            "expected a date, found `{}…` and string \"",
            "x".repeat(80)
        )));
        assert_eq!(clip_quotes("found `a\\`b` x"), "found `a\\`b` x");
        assert_eq!(
            clip_quotes("found string \"a\\\"b\""),
            "found string \"a\\\"b\""
        );
        assert_eq!(clip("héllo", 2), "hé…");
        assert_eq!(clip("hé", 2), "hé");
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
