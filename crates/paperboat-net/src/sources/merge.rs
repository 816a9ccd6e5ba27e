//! One paper from two records of it (the same id, from Hugging Face and
//! from arXiv, or from two syncs of one source) made one.
//!
//! Each side is trusted for what it knows best: arXiv, bioRxiv and medRxiv
//! for the record of the paper itself (title, abstract, full author names,
//! date, categories, versions, DOI, journal reference, comments, licence),
//! Hugging Face for what moves on its feed (upvotes, comments, stars, the AI
//! summary and keywords, the organization, the day on the feed). Between
//! two records of the same kind the newer wins, except that a version
//! never goes backwards. Links, tags and sources are the union; `added`
//! stays the earliest. Merging again with either side changes nothing.

use super::biorxiv::Server;
use crate::corpus::{Meta, Paper, Version};

/// The sources whose records are the paper's own record.
const ARCHIVES: &[&str] = &[
    super::oai::SOURCE,
    Server::Biorxiv.name(),
    Server::Medrxiv.name(),
];
/// The source whose counts and summaries keep moving.
const FEED: &str = super::hf::SOURCE;

/// `existing` and `incoming` (the same paper, `incoming` the newer record)
/// as one paper; the id is `existing`'s.
pub fn merge(existing: &Paper, incoming: Paper) -> Paper {
    let empty = Meta::default();
    let old_meta = existing.meta.as_deref().unwrap_or(&empty);
    let new_meta = incoming.meta.as_deref().unwrap_or(&empty);
    let record_new = record_is_newer(old_meta, new_meta);
    let feed_new = from(new_meta, &[FEED]) || !from(old_meta, &[FEED]);
    let (rec, rec_other) = ordered(record_new, existing, &incoming);
    let (feed, feed_other) = ordered(feed_new, existing, &incoming);
    let meta = merge_meta(old_meta, new_meta, record_new, feed_new);
    Paper {
        id: existing.id.clone(),
        title: text(&rec.title, &rec_other.title),
        abstract_text: text(&rec.abstract_text, &rec_other.abstract_text),
        authors: list(&rec.authors, &rec_other.authors),
        author_count: rec.author_count.or(rec_other.author_count),
        organization: feed
            .organization
            .clone()
            .or(feed_other.organization.clone()),
        published: rec.published.or(rec_other.published),
        upvotes: feed.upvotes.or(feed_other.upvotes),
        links: union(&existing.links, &incoming.links),
        tags: union(&existing.tags, &incoming.tags),
        meta: (!meta.is_empty()).then(|| Box::new(meta)),
    }
}

/// The merged library fields: the record's from the newer record's side
/// (`record_new`: the incoming one), the feed's from the feed's side.
fn merge_meta(old: &Meta, new: &Meta, record_new: bool, feed_new: bool) -> Meta {
    let (rec, rec_other) = ordered(record_new, old, new);
    let (feed, feed_other) = ordered(feed_new, old, new);
    let versions = versions(&rec.versions, &rec_other.versions);
    let version = [
        rec.version,
        rec_other.version,
        versions.last().map(|v| v.version),
    ]
    .into_iter()
    .flatten()
    .max();
    let first = |a: &Option<String>, b: &Option<String>| a.clone().or(b.clone());
    Meta {
        arxiv_id: first(&rec.arxiv_id, &rec_other.arxiv_id),
        doi: first(&rec.doi, &rec_other.doi),
        version,
        versions,
        categories: list(&rec.categories, &rec_other.categories),
        journal_ref: first(&rec.journal_ref, &rec_other.journal_ref),
        license: first(&rec.license, &rec_other.license),
        comments: first(&rec.comments, &rec_other.comments),
        ai_summary: first(&feed.ai_summary, &feed_other.ai_summary),
        ai_keywords: list(&feed.ai_keywords, &feed_other.ai_keywords),
        stars: feed.stars.or(feed_other.stars),
        num_comments: feed.num_comments.or(feed_other.num_comments),
        feed_day: feed.feed_day.or(feed_other.feed_day),
        sources: union(&old.sources, &new.sources),
        added: [old.added, new.added].into_iter().flatten().min(),
        deleted: new.deleted,
    }
}

/// Whether the incoming record of the paper itself replaces the existing
/// one: an archive's record beats a feed's, a newer version an older, and
/// between equals the newer record wins.
fn record_is_newer(old: &Meta, new: &Meta) -> bool {
    match (from(old, ARCHIVES), from(new, ARCHIVES)) {
        (true, false) => false,
        (false, true) => true,
        (true, true) => newest(new) >= newest(old),
        (false, false) => true,
    }
}

/// The newest version a record knows, 0 for none.
fn newest(meta: &Meta) -> u32 {
    let listed = meta.versions.iter().map(|v| v.version).max();
    meta.version.max(listed).unwrap_or(0)
}

/// Whether a record came from one of `sources`.
fn from(meta: &Meta, sources: &[&str]) -> bool {
    meta.sources.iter().any(|s| sources.contains(&s.as_str()))
}

/// `(new, old)` when `new_first`, else `(old, new)`.
fn ordered<'a, T: ?Sized>(new_first: bool, old: &'a T, new: &'a T) -> (&'a T, &'a T) {
    if new_first { (new, old) } else { (old, new) }
}

/// The first text unless it is empty.
fn text(first: &str, second: &str) -> String {
    if first.is_empty() { second } else { first }.to_string()
}

/// The first list unless it is empty.
fn list<T: Clone>(first: &[T], second: &[T]) -> Vec<T> {
    if first.is_empty() { second } else { first }.to_vec()
}

/// `first`, then what `second` adds, each item once.
fn union<T: Clone + PartialEq>(first: &[T], second: &[T]) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(first.len() + second.len());
    for item in first.iter().chain(second) {
        if !out.contains(item) {
            out.push(item.clone());
        }
    }
    out
}

/// Every version either side knows, once each, oldest first; a version's
/// day from `first` unless only `second` has one.
fn versions(first: &[Version], second: &[Version]) -> Vec<Version> {
    let mut all: Vec<Version> = first.iter().chain(second).copied().collect();
    // Stable: for one number, `first`'s comes first.
    all.sort_by_key(|v| v.version);
    let mut out: Vec<Version> = Vec::with_capacity(all.len());
    for v in all {
        match out.last_mut() {
            Some(last) if last.version == v.version => {
                last.date = last.date.or(v.date);
            }
            _ => out.push(v),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Date, Instant, Link, Tag};

    fn day(d: u8) -> Option<Date> {
        Date::new(2025, 12, d)
    }

    fn link(url: &str) -> Link {
        Link::classified(url)
    }

    fn hf(upvotes: u32, stars: Option<u32>) -> Paper {
        let mut p = Paper::titled("Short HF title");
        p.id = "arXiv:2512.01234".into();
        p.abstract_text = "HF abstract".into();
        p.authors = vec!["A. Lovelace".into()];
        p.organization = Some("acme".into());
        p.published = day(1);
        p.upvotes = Some(upvotes);
        p.links = vec![
            link("https://github.com/acme/see"),
            link("https://huggingface.co/papers/2512.01234"),
        ];
        p.tags = vec![Tag::parse("keyword/vision").unwrap()];
        p.meta = Some(Box::new(Meta {
            arxiv_id: Some("2512.01234".into()),
            ai_summary: Some("It sees.".into()),
            ai_keywords: vec!["vision".into()],
            stars,
            num_comments: Some(upvotes / 10),
            feed_day: day(2),
            sources: vec!["hf".into()],
            added: Some(Instant { secs: 2_000 }),
            ..Meta::default()
        }));
        p
    }

    fn arxiv(version: u32, title: &str) -> Paper {
        let mut p = Paper::titled(title);
        p.id = "arXiv:2512.01234".into();
        p.abstract_text = format!("arXiv abstract v{version}");
        p.authors = vec!["Ada Lovelace".into(), "Alan Turing".into()];
        p.published = day(1);
        p.links = vec![
            link("https://arxiv.org/abs/2512.01234"),
            link("https://doi.org/10.1/x"),
        ];
        p.tags = vec![Tag::parse("arxiv/cs.CV").unwrap()];
        p.meta = Some(Box::new(Meta {
            arxiv_id: Some("2512.01234".into()),
            doi: Some("10.1/x".into()),
            version: Some(version),
            versions: (1..=version)
                .map(|n| Version {
                    version: n,
                    date: day(n as u8),
                })
                .collect(),
            categories: vec!["cs.CV".into()],
            journal_ref: (version > 1).then(|| "J. Vis. 1".into()),
            comments: Some(format!("v{version}")),
            license: Some("http://creativecommons.org/licenses/by/4.0/".into()),
            sources: vec!["arxiv".into()],
            added: Some(Instant {
                secs: 1_000 + version as u64,
            }),
            ..Meta::default()
        }));
        p
    }

    fn meta(p: &Paper) -> &Meta {
        p.meta.as_deref().unwrap()
    }

    #[test]
    fn arxiv_brings_the_record_and_hugging_face_the_feed_in_either_order() {
        for (a, b) in [
            (hf(30, Some(7)), arxiv(2, "Full Title")),
            (arxiv(2, "Full Title"), hf(30, Some(7))),
        ] {
            let m = merge(&a, b);
            assert_eq!(m.title, "Full Title");
            assert_eq!(m.abstract_text, "arXiv abstract v2");
            assert_eq!(m.authors, ["Ada Lovelace", "Alan Turing"]);
            assert_eq!(
                (m.upvotes, m.organization.as_deref()),
                (Some(30), Some("acme"))
            );
            let meta = meta(&m);
            assert_eq!((meta.version, meta.versions.len()), (Some(2), 2));
            assert_eq!(meta.doi.as_deref(), Some("10.1/x"));
            assert_eq!(meta.journal_ref.as_deref(), Some("J. Vis. 1"));
            assert_eq!(meta.categories, ["cs.CV"]);
            assert_eq!(meta.ai_summary.as_deref(), Some("It sees."));
            assert_eq!(
                (meta.stars, meta.num_comments, meta.feed_day),
                (Some(7), Some(3), day(2))
            );
            assert_eq!(meta.added, Some(Instant { secs: 1_002 }), "the earliest");
            assert_eq!(m.links.len(), 4);
            assert_eq!(m.tags.len(), 2);
            let mut sources = meta.sources.clone();
            sources.sort();
            assert_eq!(sources, ["arxiv", "hf"]);
        }
        // The existing paper's links, tags and sources come first.
        let m = merge(&hf(1, None), arxiv(1, "T"));
        assert_eq!(m.links[0].url, "https://github.com/acme/see");
        assert_eq!(meta(&m).sources, ["hf", "arxiv"]);
    }

    #[test]
    fn a_stale_record_never_takes_a_version_back() {
        let m = merge(&arxiv(3, "Third"), arxiv(1, "First"));
        assert_eq!(m.title, "Third");
        assert_eq!(meta(&m).version, Some(3));
        assert_eq!(meta(&m).comments.as_deref(), Some("v3"));
        let m = merge(&arxiv(1, "First"), arxiv(3, "Third"));
        assert_eq!((m.title.as_str(), meta(&m).version), ("Third", Some(3)));
        let numbers: Vec<u32> = meta(&m).versions.iter().map(|v| v.version).collect();
        assert_eq!(numbers, [1, 2, 3]);
    }

    #[test]
    fn the_newer_feed_record_wins_but_keeps_what_it_lacks() {
        let m = merge(&hf(10, Some(7)), hf(25, None));
        assert_eq!(m.upvotes, Some(25));
        assert_eq!(meta(&m).num_comments, Some(2));
        assert_eq!(
            meta(&m).stars,
            Some(7),
            "a count the new record lacks is kept"
        );
        // An arXiv record after the feed's leaves the counts alone.
        let m = merge(&merge(&hf(10, Some(7)), arxiv(1, "T")), arxiv(2, "T2"));
        assert_eq!((m.upvotes, m.title.as_str()), (Some(10), "T2"));
    }

    #[test]
    fn merging_again_with_either_side_changes_nothing() {
        let papers = [
            hf(10, Some(7)),
            hf(25, None),
            arxiv(1, "First"),
            arxiv(3, "Third"),
            Paper {
                id: "arXiv:2512.01234".into(),
                ..Paper::titled("Plain")
            },
        ];
        for a in &papers {
            for b in &papers {
                let m = merge(a, b.clone());
                assert_eq!(
                    merge(a, m.clone()),
                    m,
                    "a, then a+b: {} / {}",
                    a.title,
                    b.title
                );
                assert_eq!(
                    merge(&m, b.clone()),
                    m,
                    "a+b, then b: {} / {}",
                    a.title,
                    b.title
                );
                assert_eq!(merge(&m, m.clone()), m);
            }
        }
    }

    #[test]
    fn papers_without_library_fields_stay_without() {
        let a = Paper::titled("Old");
        let m = merge(&a, Paper::titled("New"));
        assert_eq!((m.title.as_str(), m.meta.is_none()), ("New", true));
    }
}
