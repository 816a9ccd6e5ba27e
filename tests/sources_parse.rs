//! What the paper services return, read from fixture responses in their
//! real shapes (`tests/fixtures/sources/`): Hugging Face Daily Papers
//! pages, arXiv OAI-PMH `arXivRaw` pages, bioRxiv and medRxiv details
//! pages, and hostile or broken ones. No network: bytes in, papers out.

use std::path::PathBuf;

use paperboat::corpus::sanitize::is_unsafe;
use paperboat::corpus::{Date, LinkKind, Paper};
use paperboat::sources::hf;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sources")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// No text a terminal would obey, and only links that may be opened.
fn assert_clean(p: &Paper) {
    let mut texts: Vec<&str> = vec![&p.id, &p.title];
    let mut paragraphs: Vec<&str> = vec![&p.abstract_text];
    texts.extend(p.authors.iter().map(String::as_str));
    texts.extend(p.organization.as_deref());
    texts.extend(p.tags.iter().map(|t| t.as_str()));
    if let Some(m) = p.meta.as_deref() {
        for t in [&m.arxiv_id, &m.doi, &m.journal_ref, &m.license, &m.comments] {
            texts.extend(t.as_deref());
        }
        paragraphs.extend(m.ai_summary.as_deref());
        for list in [&m.categories, &m.ai_keywords, &m.sources] {
            texts.extend(list.iter().map(String::as_str));
        }
    }
    for t in texts {
        assert!(!t.chars().any(is_unsafe), "{:?} in {}", t, p.id);
    }
    // Paragraphs keep their line breaks, and nothing else a terminal obeys.
    for t in paragraphs {
        let unsafe_char = |c: char| c != '\n' && is_unsafe(c);
        assert!(!t.chars().any(unsafe_char), "{:?} in {}", t, p.id);
    }
    for l in &p.links {
        assert!(
            paperboat::links::validate(&l.url).is_ok(),
            "{} in {}",
            l.url,
            p.id
        );
    }
}

#[test]
fn a_daily_papers_day_becomes_papers_with_what_hugging_face_adds() {
    let page = hf::parse_day(&fixture("hf-day.json"), date("2025-12-01")).unwrap();
    assert_eq!(page.entries, 3);
    assert!(page.skipped.is_empty() && page.refused.is_empty());
    page.papers.iter().for_each(assert_clean);
    let ids: Vec<&str> = page.papers.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        ["arXiv:2512.01234", "arXiv:2512.00042", "arXiv:2511.99999"]
    );
    let far = &page.papers[0];
    assert_eq!(far.title, "Seeing Far: Long-Range Visual Reasoning");
    assert_eq!(
        far.abstract_text,
        "We study long-range visual reasoning. Models fail at it.\n\nWe fix that."
    );
    assert_eq!(far.authors, ["Ada Lovelace", "Alan Turing"]);
    assert_eq!(far.published, Some(date("2025-11-28")));
    assert_eq!(far.upvotes, Some(87));
    assert_eq!(far.organization.as_deref(), Some("acme"));
    let links: Vec<(LinkKind, &str)> = far.links.iter().map(|l| (l.kind, l.url.as_str())).collect();
    assert_eq!(
        links,
        [
            (LinkKind::Code, "https://github.com/acme/seeing-far"),
            (LinkKind::Project, "https://seeing-far.github.io"),
            (LinkKind::Paper, "https://huggingface.co/papers/2512.01234"),
        ]
    );
    let m = far.meta.as_deref().unwrap();
    assert_eq!(m.arxiv_id.as_deref(), Some("2512.01234"));
    assert_eq!(
        m.ai_summary.as_deref(),
        Some("A model reasons over long visual ranges.")
    );
    assert_eq!(
        m.ai_keywords,
        [
            "visual reasoning",
            "long-range dependencies",
            "vision transformers"
        ]
    );
    assert_eq!((m.stars, m.num_comments), (Some(1234), Some(4)));
    assert_eq!(m.feed_day, Some(date("2025-12-01")));
    assert_eq!(m.sources, ["hf"]);
    let bare = &page.papers[2];
    assert_eq!(bare.links.len(), 1, "empty and null links are no links");
    let m = bare.meta.as_deref().unwrap();
    assert_eq!((m.stars, m.ai_summary.as_deref()), (None, None));
    assert_eq!(m.num_comments, Some(1));
}

#[test]
fn hostile_daily_papers_text_is_made_safe_and_bad_links_are_refused() {
    let page = hf::parse_day(&fixture("hf-hostile.json"), date("2025-12-01")).unwrap();
    assert_eq!(page.entries, 3);
    page.papers.iter().for_each(assert_clean);
    assert_eq!(page.papers.len(), 2);
    let evil = &page.papers[0];
    assert!(evil.title.starts_with("Safe \u{fffd}[2J"), "{}", evil.title);
    assert!(
        !evil
            .links
            .iter()
            .any(|l| l.url.to_lowercase().contains("javascript"))
    );
    assert_eq!(
        evil.links
            .iter()
            .map(|l| l.url.as_str())
            .collect::<Vec<_>>(),
        ["https://huggingface.co/papers/2512.06666"]
    );
    let data = &page.papers[1];
    assert_eq!(data.links.len(), 1, "{:?}", data.links);
    // Every refused link is said, with its field.
    assert_eq!(page.refused.len(), 4, "{:?}", page.refused);
    assert!(page.refused[0].starts_with("[0].paper.githubRepo: refused"));
    assert!(page.refused.iter().all(|r| !r.chars().any(is_unsafe)));
    // The entry whose upvotes are words is left out, and said.
    assert_eq!(page.skipped.len(), 1);
    assert!(
        page.skipped[0].contains("[2].paper.upvotes: expected a non-negative integer"),
        "{}",
        page.skipped[0]
    );
}

#[test]
fn a_daily_papers_page_cut_short_is_one_clear_error() {
    let e = hf::parse_day(&fixture("hf-truncated.json"), date("2025-12-01")).unwrap_err();
    let e = e.to_string();
    assert!(e.starts_with("line 1, column "), "{e}");
    assert!(e.contains("unexpected end of file"), "{e}");
    assert!(!e.contains('\n'));
}
