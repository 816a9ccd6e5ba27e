//! Query text cut into words, the one way both the parser and the
//! query-line edits see it; and values written back into clauses so that
//! they read as they were.
//!
//! Inside double quotes, `\"` is a quote and `\\` a backslash; any other
//! backslash is itself, so that a path or a formula needs no doubling.

use std::borrow::Cow;
use std::ops::Range;

/// The tokens of a query: runs of non-spaces, where a double-quoted part may
/// hold spaces (and escaped quotes). Returns each token's byte range.
pub(super) fn tokens(text: &str) -> Vec<Range<usize>> {
    let mut tokens = Vec::new();
    let mut start = None;
    let mut in_quotes = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if escaped {
            escaped = false;
            start.get_or_insert(i);
            continue;
        }
        match c {
            '"' => {
                in_quotes = !in_quotes;
                start.get_or_insert(i);
            }
            '\\' if in_quotes => {
                escaped = true;
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

/// The inside of `"..."`, escapes undone, if `text` is quoted; an unclosed
/// quote runs to the end (the user is still typing).
pub(super) fn unquote(text: &str) -> Option<Cow<'_, str>> {
    let inner = text.strip_prefix('"')?;
    if !inner.contains('\\') {
        return Some(Cow::Borrowed(inner.strip_suffix('"').unwrap_or(inner)));
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => match chars.peek() {
                Some(&(_, next @ ('"' | '\\'))) => {
                    out.push(next);
                    chars.next();
                }
                _ => out.push('\\'),
            },
            '"' if i + 1 == inner.len() => break,
            c => out.push(c),
        }
    }
    Some(Cow::Owned(out))
}

/// `name:value` as a query clause that parses back to `value` whatever it
/// holds: quoted, with `"` and `\` escaped, when it could not stand bare.
pub fn field_clause(name: &str, value: &str) -> String {
    if needs_quotes(value) {
        let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
        format!("{name}:\"{escaped}\"")
    } else {
        format!("{name}:{value}")
    }
}

/// `similar:ID` for a paper's id, any id: one called `bookmarks` is
/// quoted, so that it is not taken for the bookmarks.
pub fn similar_clause(id: &str) -> String {
    if id == "bookmarks" {
        "similar:\"bookmarks\"".into()
    } else {
        field_clause("similar", id)
    }
}

/// Whether a bare value would be read as something else: cut at a space,
/// taken as quoted or escaped, as a `|` or as a `$` suffix clause.
fn needs_quotes(value: &str) -> bool {
    value.is_empty()
        || value.contains(|c: char| c.is_whitespace() || matches!(c, '"' | '\\' | '|'))
        || value.ends_with('$')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_quotes_stay_inside_their_token() {
        let text = r#"a "b \"c d\" e" f "g\\" h"#;
        let words: Vec<&str> = words(text).map(|(_, w)| w).collect();
        assert_eq!(words, ["a", r#""b \"c d\" e""#, "f", r#""g\\""#, "h"]);
        assert_eq!(unquote(r#""b \"c d\" e""#).unwrap(), r#"b "c d" e"#);
        assert_eq!(unquote(r#""g\\""#).unwrap(), "g\\");
        // Any other backslash is itself; an unclosed quote runs on.
        assert_eq!(unquote(r#""C:\path\n""#).unwrap(), r"C:\path\n");
        assert_eq!(unquote(r#""a\""#).unwrap(), "a\"");
        assert_eq!(unquote(r#""a b"#).unwrap(), "a b");
        assert!(unquote("a").is_none());
        // Outside quotes a backslash escapes nothing.
        let words: Vec<&str> = super::words(r#"a\ b"#).map(|(_, w)| w).collect();
        assert_eq!(words, [r"a\", "b"]);
    }

    #[test]
    fn values_are_quoted_only_when_they_must_be() {
        assert_eq!(field_clause("similar", "2401.01234"), "similar:2401.01234");
        assert_eq!(field_clause("similar", "x y"), r#"similar:"x y""#);
        assert_eq!(field_clause("similar", r#"a"b\"#), r#"similar:"a\"b\\""#);
        assert_eq!(field_clause("tag", "a$"), "tag:\"a$\"");
        assert_eq!(field_clause("tag", "|a"), "tag:\"|a\"");
        assert_eq!(field_clause("tag", "a|b"), "tag:\"a|b\"");
        assert_eq!(similar_clause("bookmarks"), "similar:\"bookmarks\"");
    }
}
