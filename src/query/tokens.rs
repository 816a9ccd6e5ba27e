//! Query text cut into words, the one way both the parser and the
//! query-line edits see it.

use std::ops::Range;

/// The tokens of a query: runs of non-spaces, where a double-quoted part may
/// hold spaces. Returns each token's byte range.
pub(super) fn tokens(text: &str) -> Vec<Range<usize>> {
    let mut tokens = Vec::new();
    let mut start = None;
    let mut in_quotes = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => {
                in_quotes = !in_quotes;
                start.get_or_insert(i);
            }
            ' ' if !in_quotes => {
                if let Some(s) = start.take() {
                    tokens.push(s..i);
                }
            }
            _ => {
                start.get_or_insert(i);
            }
        }
    }
    if let Some(s) = start {
        tokens.push(s..text.len());
    }
    tokens
}

/// The byte ranges of the words of a query (quoted phrases are one word).
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    tokens(text).into_iter().map(move |r| (r.start, &text[r]))
}
