//! JSON that is safe to print on a terminal: serde_json escapes C0
//! controls but writes C1 controls and bidi overrides as they are, which a
//! terminal obeys. Here every character [`is_unsafe`] calls unsafe is
//! written as a `\uXXXX` escape: the JSON means the same, and `cat` of it
//! cannot drive the terminal.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter, Serializer};

use super::sanitize::is_unsafe;

/// Writes `value` as pretty-printed JSON with unsafe characters escaped.
pub fn to_writer_pretty<W: Write, T: Serialize + ?Sized>(writer: W, value: &T) -> io::Result<()> {
    let mut serializer = Serializer::with_formatter(writer, Safe(PrettyFormatter::new()));
    value.serialize(&mut serializer).map_err(io::Error::from)
}

/// [`to_writer_pretty`] into a string.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> io::Result<String> {
    let mut bytes = Vec::new();
    to_writer_pretty(&mut bytes, value)?;
    // Only whole characters and ASCII escapes were written.
    String::from_utf8(bytes).map_err(io::Error::other)
}

/// serde_json's pretty formatter, escaping what a terminal would obey.
struct Safe<'a>(PrettyFormatter<'a>);

impl Formatter for Safe<'_> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        if fragment.is_ascii() {
            // serde_json escapes ASCII controls before calling this.
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                write!(writer, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_escaped_and_the_meaning_kept() {
        let value = serde_json::json!({
            "t": "a\u{9b}b\u{202e}c\u{1b}d é 日本 \u{2066}",
            "list": ["\u{85}", "plain"],
        });
        let text = to_string_pretty(&value).unwrap();
        assert!(!text.chars().any(|c| is_unsafe(c) && c != '\n'), "{text:?}");
        assert!(
            text.contains("a\\u009bb\\u202ec\\u001bd é 日本 \\u2066"),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
        // The layout is serde_json's own.
        assert_eq!(
            to_string_pretty(&serde_json::json!({"a": [1]})).unwrap(),
            serde_json::to_string_pretty(&serde_json::json!({"a": [1]})).unwrap()
        );
    }
}
