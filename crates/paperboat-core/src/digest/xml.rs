//! What the HTML and Atom writers share: text made fit for XML, and an
//! element holding only text, escaped by the writer.

use std::io;

use quick_xml::Writer;
use quick_xml::events::BytesText;

/// `text` with the two characters XML 1.0 cannot hold at all (U+FFFE,
/// U+FFFF; controls were replaced when the text was cleaned) replaced.
pub fn fit(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['\u{fffe}', '\u{ffff}']) {
        return text.into();
    }
    text.replace(['\u{fffe}', '\u{ffff}'], "\u{fffd}").into()
}

/// `<name attrs…>text</name>`, every character of `text` and of the
/// attribute values escaped by the writer.
pub fn element(
    w: &mut Writer<Vec<u8>>,
    name: &str,
    attrs: &[(&str, &str)],
    text: &str,
) -> io::Result<()> {
    let mut start = w.create_element(name);
    for &(key, value) in attrs {
        start = start.with_attribute((key, fit(value).as_ref()));
    }
    start.write_text_content(BytesText::new(&fit(text)))?;
    Ok(())
}

/// The id of a paper in a feed: `tag:paperboat,2025:paper:ID` (RFC 4151),
/// the same in every digest; characters a URI cannot hold as they are
/// percent-encoded.
pub fn tag_id(id: &str) -> String {
    let mut out = String::from("tag:paperboat,2025:paper:");
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~:/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_uris_and_text_fits_xml() {
        assert_eq!(tag_id("2512.00001"), "tag:paperboat,2025:paper:2512.00001");
        assert_eq!(
            tag_id("hep-th/9901001 é<"),
            "tag:paperboat,2025:paper:hep-th/9901001%20%C3%A9%3C"
        );
        assert_eq!(fit("a\u{ffff}b"), "a\u{fffd}b");
    }
}
