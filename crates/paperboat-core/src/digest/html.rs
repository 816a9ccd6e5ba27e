//! A digest as one self-contained HTML page: its style inline, no script,
//! nothing loaded from elsewhere (its content security policy forbids
//! it too), and every text from a paper escaped by the XML writer.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesText, Event};

use super::model::{Digest, DigestLink, Entry, UPDATED_HEADING};
use super::xml::element;

const STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;color:#222}\
h2{border-bottom:1px solid #ccc;margin-top:2em}h3{margin:1.2em 0 .2em;font-size:1.05em}\
p{margin:.2em 0}.by{color:#555}.links a{margin-right:.8em}a{color:#0645ad}\
@media(prefers-color-scheme:dark){body{background:#111;color:#ddd}.by{color:#aaa}a{color:#8ab4f8}}";

const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'";

/// The digest as an HTML page; empty when it shows nothing.
pub fn render(digest: &Digest) -> String {
    if digest.is_empty() {
        return String::new();
    }
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    // Writing to memory fails only when out of memory.
    let _ = page(&mut w, digest);
    let mut out = String::from_utf8(w.into_inner()).unwrap_or_default();
    out.push('\n');
    out
}

fn page(w: &mut Writer<Vec<u8>>, digest: &Digest) -> io::Result<()> {
    w.write_event(Event::DocType(BytesText::from_escaped("html")))?;
    w.create_element("html")
        .with_attribute(("lang", "en"))
        .write_inner_content(|w| {
            w.create_element("head").write_inner_content(|w| {
                w.create_element("meta")
                    .with_attribute(("charset", "utf-8"))
                    .write_empty()?;
                w.create_element("meta")
                    .with_attribute(("http-equiv", "Content-Security-Policy"))
                    .with_attribute(("content", POLICY))
                    .write_empty()?;
                w.create_element("meta")
                    .with_attribute(("name", "viewport"))
                    .with_attribute(("content", "width=device-width, initial-scale=1"))
                    .write_empty()?;
                element(
                    w,
                    "title",
                    &[],
                    &format!("paperboat: {}", digest.headline()),
                )?;
                w.create_element("style")
                    .write_text_content(BytesText::from_escaped(STYLE))?;
                Ok(())
            })?;
            w.create_element("body")
                .write_inner_content(|w| body(w, digest))?;
            Ok(())
        })?;
    Ok(())
}

fn body(w: &mut Writer<Vec<u8>>, digest: &Digest) -> io::Result<()> {
    element(w, "h1", &[], &digest.headline())?;
    for group in &digest.groups {
        w.create_element("section").write_inner_content(|w| {
            let heading = format!("{} ({})", group.name, group.entries.len());
            element(w, "h2", &[], &heading)?;
            group.entries.iter().try_for_each(|e| entry(w, e))
        })?;
    }
    if !digest.updated.is_empty() {
        w.create_element("section").write_inner_content(|w| {
            let heading = format!("{UPDATED_HEADING} ({})", digest.updated.len());
            element(w, "h2", &[], &heading)?;
            for u in &digest.updated {
                w.create_element("article").write_inner_content(|w| {
                    title(w, &u.title, &u.links)?;
                    element(w, "p", &[("class", "by")], &u.change())?;
                    links(w, &u.links)
                })?;
            }
            Ok(())
        })?;
    }
    Ok(())
}

fn entry(w: &mut Writer<Vec<u8>>, e: &Entry) -> io::Result<()> {
    w.create_element("article").write_inner_content(|w| {
        title(w, &e.title, &e.links)?;
        let byline = e.byline();
        if !byline.is_empty() {
            element(w, "p", &[("class", "by")], &byline)?;
        }
        if let Some(summary) = &e.summary {
            element(w, "p", &[], summary)?;
        }
        links(w, &e.links)
    })?;
    Ok(())
}

/// `<h3>` with the title, a link to the paper page when there is one.
fn title(w: &mut Writer<Vec<u8>>, title: &str, links: &[DigestLink]) -> io::Result<()> {
    w.create_element("h3").write_inner_content(|w| {
        match links.iter().find(|l| l.label == "paper") {
            Some(page) => element(w, "a", &[("href", &page.url)], title),
            None => w.write_event(Event::Text(BytesText::new(&super::xml::fit(title)))),
        }
    })?;
    Ok(())
}

fn links(w: &mut Writer<Vec<u8>>, links: &[DigestLink]) -> io::Result<()> {
    let others: Vec<&DigestLink> = links.iter().filter(|l| l.label != "paper").collect();
    if others.is_empty() {
        return Ok(());
    }
    w.create_element("p")
        .with_attribute(("class", "links"))
        .write_inner_content(|w| {
            others
                .iter()
                .try_for_each(|l| element(w, "a", &[("href", &l.url)], l.label))
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::text::tests::sample;

    #[test]
    fn the_page_escapes_every_text_and_holds_no_script() {
        let html = render(&sample());
        assert!(!html.to_lowercase().contains("<script"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(
            html.contains(
                "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &apos;a&apos;"
            ),
            "{html}"
        );
        assert!(
            html.contains("href=\"https://github.com/a/b?x=1&amp;y=2\""),
            "{html}"
        );
        insta::assert_snapshot!(html);
    }
}
