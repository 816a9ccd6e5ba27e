//! A digest as Markdown, for mail: a heading per group, a list item per
//! paper. Every text is escaped so that a title cannot open a link, a
//! tag or a code span, and every URL so that it cannot end its link.

use std::fmt::Write;

use super::model::{Digest, DigestLink, Entry, UPDATED_HEADING};
use crate::cite::markdown::{escape, item_line, url};

/// The digest as Markdown; empty when it shows nothing.
pub fn render(digest: &Digest) -> String {
    let mut out = String::new();
    if digest.is_empty() {
        return out;
    }
    let _ = writeln!(out, "# {}", escape(&digest.headline()));
    for group in &digest.groups {
        let _ = writeln!(
            out,
            "\n## {} ({})\n",
            escape(&group.name),
            group.entries.len()
        );
        for e in &group.entries {
            entry(&mut out, e);
        }
    }
    if !digest.updated.is_empty() {
        let _ = writeln!(out, "\n## {UPDATED_HEADING} ({})\n", digest.updated.len());
        for u in &digest.updated {
            let title = titled(&u.title, &u.links);
            let _ = writeln!(out, "- {title} {}", escape(&u.change()));
            if let Some(line) = link_line(&u.links) {
                let _ = writeln!(out, "  {line}");
            }
        }
    }
    out
}

fn entry(out: &mut String, e: &Entry) {
    let _ = write!(out, "- **{}**", titled(&e.title, &e.links));
    // Two spaces end a line inside the item: a hard line break.
    let lines = [
        Some(e.byline())
            .filter(|b| !b.is_empty())
            .map(|b| item_line(&b)),
        e.summary.as_deref().map(item_line),
        link_line(&e.links),
    ];
    for line in lines.into_iter().flatten() {
        let _ = write!(out, "  \n  {line}");
    }
    out.push('\n');
}

/// The title as a link to the paper page, else as it is.
fn titled(title: &str, links: &[DigestLink]) -> String {
    match links.iter().find(|l| l.label == "paper") {
        Some(page) => format!("[{}]({})", escape(title), url(&page.url)),
        None => item_line(title),
    }
}

/// `[pdf](…) · [code](…)`: the links besides the paper page.
fn link_line(links: &[DigestLink]) -> Option<String> {
    let parts: Vec<String> = links
        .iter()
        .filter(|l| l.label != "paper")
        .map(|l| format!("[{}]({})", l.label, url(&l.url)))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::text::tests::sample;

    #[test]
    fn markdown_escapes_titles_and_summaries() {
        let md = render(&sample());
        assert!(md.contains("\\<script\\>alert\\(1\\)\\</script\\>"), "{md}");
        assert!(!md.contains("<b>"), "{md}");
        insta::assert_snapshot!(md);
    }
}
