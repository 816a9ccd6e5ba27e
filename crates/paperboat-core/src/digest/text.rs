//! A digest as plain text: a headline, then each group with its papers
//! (title; authors and date; summary; links), then the new versions of
//! bookmarks.

use std::fmt::Write;

use super::model::{Digest, DigestLink, Entry, UPDATED_HEADING};

/// The digest as plain text; empty when it shows nothing.
pub fn render(digest: &Digest) -> String {
    let mut out = String::new();
    if digest.is_empty() {
        return out;
    }
    let _ = writeln!(out, "{}", digest.headline());
    for group in &digest.groups {
        let _ = writeln!(out, "\n{} ({})", group.name, group.entries.len());
        for e in &group.entries {
            entry(&mut out, e);
        }
    }
    if !digest.updated.is_empty() {
        let _ = writeln!(out, "\n{UPDATED_HEADING} ({})", digest.updated.len());
        for u in &digest.updated {
            let _ = writeln!(out, "\n  {}  {}", u.title, u.change());
            links(&mut out, &u.links);
        }
    }
    out
}

fn entry(out: &mut String, e: &Entry) {
    let _ = writeln!(out, "\n  {}", e.title);
    for line in [e.byline(), e.summary.clone().unwrap_or_default()] {
        if !line.is_empty() {
            let _ = writeln!(out, "    {line}");
        }
    }
    links(out, &e.links);
}

fn links(out: &mut String, links: &[DigestLink]) {
    for l in links {
        let _ = writeln!(out, "    {:<6}{}", l.label, l.url);
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::corpus::{Date, Instant};
    use crate::digest::model::{Group, UpdatedBookmark};

    /// A digest of two groups, one paper with a hostile title, and an
    /// updated bookmark: what every format's tests write.
    pub fn sample() -> Digest {
        let link = |label, url: &str| DigestLink {
            label,
            url: url.into(),
        };
        let entry = |id: &str, title: &str| Entry {
            id: id.into(),
            title: title.into(),
            authors: vec![
                "Ada Lovelace".into(),
                "Grace Hopper".into(),
                "Alan Turing".into(),
            ],
            more_authors: true,
            date: Date::new(2025, 12, 1),
            added: Some(Instant {
                secs: 1_764_979_200,
            }),
            links: vec![
                link("paper", &format!("https://arxiv.org/abs/{id}")),
                link("pdf", &format!("https://arxiv.org/pdf/{id}")),
                link("code", "https://github.com/a/b?x=1&y=2"),
            ],
            summary: Some("It segments <b>CT</b> & MRI.".into()),
            queries: vec!["segs".into()],
        };
        Digest {
            since: "since the last digest".into(),
            made: Instant {
                secs: 1_765_000_000,
            },
            groups: vec![
                Group {
                    name: "segs".into(),
                    saved: true,
                    entries: vec![entry(
                        "2512.00001",
                        "<script>alert(1)</script> & \"q\" 'a' *b* [c](d)",
                    )],
                },
                Group {
                    name: "Other new papers".into(),
                    saved: false,
                    entries: vec![Entry {
                        queries: vec![],
                        authors: vec!["Solo".into()],
                        more_authors: false,
                        ..entry("2512.00002", "Plain")
                    }],
                },
            ],
            updated: vec![UpdatedBookmark {
                id: "2501.00003".into(),
                title: "Kept".into(),
                from: 1,
                to: 3,
                date: Date::new(2025, 11, 6),
                links: vec![link("paper", "https://arxiv.org/abs/2501.00003")],
            }],
        }
    }

    #[test]
    fn text_lists_groups_then_updated_bookmarks() {
        insta::assert_snapshot!(render(&sample()));
    }

    #[test]
    fn nothing_new_is_nothing() {
        let mut digest = sample();
        digest.groups.clear();
        digest.updated.clear();
        assert_eq!(render(&digest), "");
    }
}
