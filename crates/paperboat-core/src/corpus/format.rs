//! Which corpus format a file is in, told from its first bytes.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;
use std::path::Path;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// The corpus formats paperboat reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// The native corpus object, or a bare array of papers (PRODUCT.md section 2).
    Native,
    /// The Hugging Face Daily Papers API: an array of `{"paper": {...}, ...}`.
    DailyPapers,
    /// The arXiv metadata snapshot: one JSON object per line.
    ArxivJsonl,
}

impl Format {
    /// The name shown by `paperboat check`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Native => "native",
            Format::DailyPapers => "daily-papers",
            Format::ArxivJsonl => "arxiv-jsonl",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// The format of a file whose text begins with `head` (the start of the
/// file, or all of it; a UTF-8 BOM is skipped). A `.jsonl` or `.ndjson`
/// name in `path` means JSON Lines whatever the text.
///
/// An array is Daily Papers when its first element is an object with a
/// `paper` key, else native. An object is native unless its first line is
/// a whole JSON object without a `papers` key: that is JSON Lines. At most
/// the first line or the first array element is looked at; anything unclear
/// (including a first line longer than `head`) is native, whose loader gives
/// the most precise error.
pub fn detect(head: &[u8], path: Option<&Path>) -> Format {
    let forced = path
        .and_then(Path::extension)
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"));
    if forced {
        return Format::ArxivJsonl;
    }
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let Some(start) = text.iter().position(|b| !b.is_ascii_whitespace()) else {
        return Format::Native;
    };
    let text = &text[start..];
    match text[0] {
        b'[' if first_element_has_key(text, &["paper"]) => Format::DailyPapers,
        b'{' => {
            let line = match memchr::memchr(b'\n', text) {
                Some(end) => &text[..end],
                None => text,
            };
            match object_has_key(line, &["papers", "format"]) {
                Some(false) => Format::ArxivJsonl,
                _ => Format::Native,
            }
        }
        _ => Format::Native,
    }
}

/// `Some(has one of the keys)` when `text` is exactly one JSON object.
fn object_has_key(text: &[u8], key: &[&str]) -> Option<bool> {
    let mut de = serde_json::Deserializer::from_slice(text);
    let found = HasKey(key).deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(found)
}

/// True when `text` is an array whose first element is an object with one
/// of the keys; the rest of the array is not read.
fn first_element_has_key(text: &[u8], key: &[&str]) -> bool {
    let found = Cell::new(false);
    let mut de = serde_json::Deserializer::from_slice(text);
    // The probe stops with an error once it has seen the first element.
    let _ = de.deserialize_seq(FirstElement { key, found: &found });
    found.get()
}

/// Whether an element of an array (its text alone) is a Daily Papers
/// entry: an object with a `paper` key, as [`detect`] asks of the first.
pub(crate) fn is_daily_papers_entry(element: &[u8]) -> bool {
    let mut de = serde_json::Deserializer::from_slice(element);
    HasKey(&["paper"]).deserialize(&mut de).unwrap_or(false)
}

struct FirstElement<'k> {
    key: &'k [&'k str],
    found: &'k Cell<bool>,
}

impl<'de> Visitor<'de> for FirstElement<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if let Ok(Some(true)) = seq.next_element_seed(HasKey(self.key)) {
            self.found.set(true);
        }
        Err(serde::de::Error::custom("probe done"))
    }
}

/// Deserializes an object into whether it has one of the keys.
struct HasKey<'k>(&'k [&'k str]);

impl<'de> DeserializeSeed<'de> for HasKey<'_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for HasKey<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let mut found = false;
        while let Some(key) = map.next_key::<Cow<str>>()? {
            map.next_value::<IgnoredAny>()?;
            found |= self.0.contains(&key.as_ref());
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Format {
        detect(text.as_bytes(), None)
    }

    #[test]
    fn arrays_are_daily_papers_or_native() {
        assert_eq!(
            d(r#"[{"paper": {"id": "1"}, "title": "t"}]"#),
            Format::DailyPapers
        );
        assert_eq!(
            d("\u{feff} \n[\n {\"title\": \"t\", \"paper\": null}"),
            Format::DailyPapers
        );
        assert_eq!(d(r#"[{"title": "t"}]"#), Format::Native);
        assert_eq!(d("[]"), Format::Native);
        assert_eq!(d("[1, {\"paper\": 1}]"), Format::Native);
        assert_eq!(d("[{\"paper\""), Format::Native);
    }

    #[test]
    fn objects_are_native_unless_the_first_line_is_a_record() {
        assert_eq!(
            d("{\"id\": \"1\", \"title\": \"a\"}\n{\"id\": \"2\"}\n"),
            Format::ArxivJsonl
        );
        assert_eq!(d("{\"id\": \"1\", \"title\": \"a\"}"), Format::ArxivJsonl);
        assert_eq!(d("{\"id\": \"1\"}\r\n{\"id\": \"2\"}"), Format::ArxivJsonl);
        assert_eq!(d("{\"papers\": []}\n"), Format::Native);
        assert_eq!(d("{\"format\": \"paperboat-corpus\"}\n"), Format::Native);
        assert_eq!(
            d("{\n  \"format\": \"paperboat-corpus\",\n  \"papers\": []\n}\n"),
            Format::Native
        );
        // A first line cut off by the end of `head` is not yet a record.
        assert_eq!(d("{\"id\": \"1\", \"tit"), Format::Native);
        assert_eq!(d("{\"id\": \"1\"} x\n"), Format::Native);
        assert_eq!(d(""), Format::Native);
        assert_eq!(d("nope"), Format::Native);
    }

    #[test]
    fn a_jsonl_name_forces_json_lines() {
        let p = Path::new("dir/papers.JSONL");
        assert_eq!(detect(b"{\"papers\": []}", Some(p)), Format::ArxivJsonl);
        assert_eq!(
            detect(b"[]", Some(Path::new("a.ndjson"))),
            Format::ArxivJsonl
        );
        assert_eq!(detect(b"[]", Some(Path::new("a.json"))), Format::Native);
    }
}
