//! A digest as an Atom 1.0 feed (RFC 4287) that a feed reader can follow
//! from a file: one entry per paper with an id made of the paper's id
//! alone, so a paper seen in two digests is one item; written by the XML
//! writer, which escapes every text and attribute.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, Event};

use super::model::{Digest, DigestLink, Entry, UPDATED_HEADING, UpdatedBookmark};
use super::xml::{element, tag_id};
use crate::corpus::{Date, Instant};

/// The Atom namespace.
pub const NAMESPACE: &str = "http://www.w3.org/2005/Atom";
/// The feed's own id, the same for every digest.
const FEED_ID: &str = "tag:paperboat,2025:digest";

/// The digest as an Atom feed; a valid feed without entries when it
/// shows nothing.
pub fn render(digest: &Digest) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing to memory fails only when out of memory.
    let _ = feed(&mut w, digest);
    let mut out = String::from_utf8(w.into_inner()).unwrap_or_default();
    out.push('\n');
    out
}

fn feed(w: &mut Writer<Vec<u8>>, digest: &Digest) -> io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    let updated = digest.newest_added().unwrap_or(digest.made);
    w.create_element("feed")
        .with_attribute(("xmlns", NAMESPACE))
        .write_inner_content(|w| {
            element(w, "id", &[], FEED_ID)?;
            element(w, "title", &[], "paperboat digest")?;
            element(w, "subtitle", &[], &digest.headline())?;
            element(w, "updated", &[], &updated.to_string())?;
            author(w, "paperboat")?;
            element(w, "generator", &[], "paperboat")?;
            for group in &digest.groups {
                for e in &group.entries {
                    entry(w, e, digest.made)?;
                }
            }
            for u in &digest.updated {
                updated_entry(w, u, digest.made)?;
            }
            Ok(())
        })?;
    Ok(())
}

fn entry(w: &mut Writer<Vec<u8>>, e: &Entry, made: Instant) -> io::Result<()> {
    w.create_element("entry").write_inner_content(|w| {
        element(w, "id", &[], &tag_id(&e.id))?;
        element(w, "title", &[("type", "text")], &e.title)?;
        element(w, "updated", &[], &e.added.unwrap_or(made).to_string())?;
        if let Some(published) = e.date.and_then(midnight) {
            element(w, "published", &[], &published.to_string())?;
        }
        let text = e.summary.as_deref().unwrap_or(&e.title);
        body(w, &e.links, text)?;
        for name in &e.authors {
            author(w, name)?;
        }
        for query in &e.queries {
            w.create_element("category")
                .with_attribute(("term", super::xml::fit(query).as_ref()))
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

fn updated_entry(w: &mut Writer<Vec<u8>>, u: &UpdatedBookmark, made: Instant) -> io::Result<()> {
    w.create_element("entry").write_inner_content(|w| {
        let id = format!("{}:v{}", tag_id(&u.id), u.to);
        element(w, "id", &[], &id)?;
        element(
            w,
            "title",
            &[("type", "text")],
            &format!("{} (v{})", u.title, u.to),
        )?;
        let updated = u.date.and_then(midnight).unwrap_or(made);
        element(w, "updated", &[], &updated.to_string())?;
        let text = format!("New version of a bookmarked paper: {}", u.change());
        body(w, &u.links, &text)?;
        w.create_element("category")
            .with_attribute(("term", "updated"))
            .with_attribute(("label", UPDATED_HEADING))
            .write_empty()?;
        Ok(())
    })?;
    Ok(())
}

/// The links, then `text` as the summary; as the content instead when
/// there is no paper page, since an entry without an alternate link must
/// have content.
fn body(w: &mut Writer<Vec<u8>>, links: &[DigestLink], text: &str) -> io::Result<()> {
    let mut alternate = false;
    for l in links {
        let rel = if l.label == "paper" {
            "alternate"
        } else {
            "related"
        };
        alternate |= rel == "alternate";
        let mut link = w
            .create_element("link")
            .with_attribute(("rel", rel))
            .with_attribute(("href", super::xml::fit(&l.url).as_ref()))
            .with_attribute(("title", l.label));
        if l.label == "pdf" {
            link = link.with_attribute(("type", "application/pdf"));
        }
        link.write_empty()?;
    }
    let name = if alternate { "summary" } else { "content" };
    element(w, name, &[("type", "text")], text)
}

fn author(w: &mut Writer<Vec<u8>>, name: &str) -> io::Result<()> {
    w.create_element("author")
        .write_inner_content(|w| element(w, "name", &[], name))?;
    Ok(())
}

/// The start of `day`, UTC.
fn midnight(day: Date) -> Option<Instant> {
    Instant::parse(&format!("{day}T00:00:00Z"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::text::tests::sample;

    #[test]
    fn the_feed_has_one_entry_per_paper_and_escapes_titles() {
        let atom = render(&sample());
        assert!(
            atom.contains("<title type=\"text\">&lt;script&gt;"),
            "{atom}"
        );
        assert_eq!(atom.matches("<entry>").count(), 3);
        assert!(
            atom.contains("<id>tag:paperboat,2025:paper:2501.00003:v3</id>"),
            "{atom}"
        );
        insta::assert_snapshot!(atom);
    }

    #[test]
    fn nothing_new_is_a_feed_without_entries() {
        let mut digest = sample();
        digest.groups.clear();
        digest.updated.clear();
        let atom = render(&digest);
        assert!(
            atom.contains("<updated>2025-12-06T05:46:40Z</updated>"),
            "{atom}"
        );
        assert!(!atom.contains("<entry>"), "{atom}");
    }
}
