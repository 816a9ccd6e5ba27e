//! Markdown that shows a paper's text as it is: titles and notes cannot
//! open a link, an HTML tag or a code span, and URLs cannot end a link
//! early.

use super::percent_encode;

/// `[Title](url)`, or the bare title when there is no URL.
pub fn link(title: &str, url: Option<&str>) -> String {
    match url {
        Some(url) => format!("[{}]({})", escape(title), self::url(url)),
        // Bare, a title such as `1. Introduction` would start a list.
        None => item_line(title),
    }
}

/// Text that Markdown shows as it is: every character that could start
/// markup, a link, raw HTML or a code span is backslash-escaped (CommonMark
/// allows that for any ASCII punctuation), and so is a `&` that could start
/// an entity such as `&#x202e;`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let entity = c == '&'
            && chars
                .peek()
                .is_some_and(|n| *n == '#' || n.is_alphanumeric());
        if entity || "\\[]()<>*_`#|!~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A further line inside a list item: escaped, and not starting a list
/// item, a numbered item or a heading underline either.
pub fn item_line(line: &str) -> String {
    let escaped = escape(line);
    if escaped.starts_with(['-', '+', '=']) {
        return format!("\\{escaped}");
    }
    let digits = escaped.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && escaped[digits..].starts_with('.') {
        return format!("{}\\{}", &escaped[..digits], &escaped[digits..]);
    }
    escaped
}

/// A URL that cannot end the link or open HTML early.
pub fn url(url: &str) -> String {
    percent_encode(url, &['(', ')', '<', '>', ' '])
}
