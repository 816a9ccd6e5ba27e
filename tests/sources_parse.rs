//! What the paper services return, read from fixture responses in their
//! real shapes (`tests/fixtures/sources/`): Hugging Face Daily Papers
//! pages, arXiv OAI-PMH `arXivRaw` pages, bioRxiv and medRxiv details
//! pages, and hostile or broken ones. No network: bytes in, papers out.

use std::path::PathBuf;

use paperboat::corpus::sanitize::is_unsafe;
use paperboat::corpus::{Date, LinkKind, Paper};
use paperboat::sources::biorxiv::{self, Server};
use paperboat::sources::merge::merge;
use paperboat::sources::{hf, oai};

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
            paperboat::corpus::links::validate(&l.url).is_ok(),
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

fn oai_page(name: &str) -> oai::OaiPage {
    oai::parse_page(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn an_oai_page_gives_papers_deleted_ids_and_the_token() {
    let page = oai_page("oai-page.xml");
    assert_eq!(page.token.as_deref(), Some("8471932|1001"));
    assert_eq!(page.complete_list_size, Some(2134));
    assert_eq!(page.response_date.as_deref(), Some("2025-12-06T07:12:03Z"));
    assert_eq!(page.deleted, ["arXiv:2511.00007"]);
    assert!(page.skipped.is_empty() && page.refused.is_empty());
    page.papers.iter().for_each(assert_clean);
    let ids: Vec<&str> = page.papers.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["arXiv:2512.01234", "arXiv:2512.00042"]);
    let far = &page.papers[0];
    assert_eq!(
        far.title,
        "Seeing Far: Long-Range Visual Reasoning for Medical Images"
    );
    assert_eq!(
        far.abstract_text,
        "We study long-range visual reasoning with models of size < 1B. Models fail at it.\n\nWe fix that, élégamment."
    );
    assert_eq!(
        far.authors,
        ["Ada Lovelace", "Alan M. Turing", "Grace Hopper"]
    );
    assert_eq!(far.published, Some(date("2025-11-28")));
    let tags: Vec<&str> = far.tags.iter().map(|t| t.as_str()).collect();
    assert_eq!(tags, ["arxiv/cs.CV", "arxiv/eess.IV"]);
    let urls: Vec<&str> = far.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://arxiv.org/abs/2512.01234",
            "https://doi.org/10.1007/978-3-031-00001-1_1"
        ]
    );
    let m = far.meta.as_deref().unwrap();
    assert_eq!(m.arxiv_id.as_deref(), Some("2512.01234"));
    assert_eq!(m.version, Some(2));
    let versions: Vec<(u32, Option<Date>)> =
        m.versions.iter().map(|v| (v.version, v.date)).collect();
    assert_eq!(
        versions,
        [(1, Some(date("2025-11-28"))), (2, Some(date("2025-12-03")))]
    );
    assert_eq!(m.categories, ["cs.CV", "eess.IV"]);
    assert_eq!(m.doi.as_deref(), Some("10.1007/978-3-031-00001-1_1"));
    assert_eq!(m.journal_ref.as_deref(), Some("Proc. MICCAI 2025"));
    assert_eq!(
        m.comments.as_deref(),
        Some("12 pages, 4 figures; v2: typos & a new table")
    );
    assert_eq!(
        m.license.as_deref(),
        Some("http://creativecommons.org/licenses/by/4.0/")
    );
    assert_eq!(m.sources, ["arxiv"]);
    // A cross-listed paper is kept when any of its categories was asked.
    let asked = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(oai::wanted(&m.categories, &asked(&["eess.IV"])));
    assert!(oai::wanted(&m.categories, &asked(&["cs"])));
    assert!(!oai::wanted(&m.categories, &asked(&["cs.LG"])));
}

#[test]
fn the_last_oai_page_has_no_token_and_versions_in_any_order() {
    let page = oai_page("oai-last-page.xml");
    assert_eq!(page.token, None);
    assert_eq!(page.complete_list_size, Some(1002));
    let p = &page.papers[0];
    assert_eq!(p.id, "arXiv:hep-th/9901001");
    assert_eq!(p.published, Some(date("1999-01-01")));
    assert_eq!(p.authors, ["O. Timer (Institute of Old Things)", "Y. Oung"]);
    let m = p.meta.as_deref().unwrap();
    assert_eq!(m.version, Some(3));
    let numbers: Vec<u32> = m.versions.iter().map(|v| v.version).collect();
    assert_eq!(numbers, [1, 2, 3]);
    assert_eq!(oai::set_of("hep-th").as_deref(), Some("physics:hep-th"));
}

#[test]
fn no_records_match_is_an_empty_page_and_other_oai_errors_fail() {
    let page = oai_page("oai-no-records.xml");
    assert!(page.papers.is_empty() && page.deleted.is_empty());
    assert_eq!(page.token, None);
    assert_eq!(page.response_date.as_deref(), Some("2025-12-06T07:13:00Z"));
    let e = oai::parse_page(&fixture("oai-bad-token.xml")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the service says badResumptionToken: The value of the resumptionToken argument is invalid or expired."
    );
}

#[test]
fn an_oai_page_cut_short_or_not_oai_is_one_clear_error() {
    let e = oai::parse_page(&fixture("oai-truncated.xml"))
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("line 34, column "), "{e}");
    assert!(
        e.contains("ListRecords.record[0].metadata.arXivRaw.license: unexpected end of file"),
        "{e}"
    );
    let e = oai::parse_page(&fixture("oai-html.xml"))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("expected an OAI-PMH response, found `<html>`"),
        "{e}"
    );
    for broken in [
        &b""[..],
        b"not xml",
        b"<OAI-PMH><ListRecords></OAI-PMH>",
        b"\xff\xfe<",
    ] {
        let e = oai::parse_page(broken).unwrap_err().to_string();
        assert!(e.starts_with("line "), "{e}");
        assert!(!e.contains('\n'), "{e}");
    }
}

#[test]
fn hostile_oai_text_is_made_safe_and_bad_links_are_refused() {
    let page = oai_page("oai-hostile.xml");
    page.papers.iter().for_each(assert_clean);
    assert_eq!(page.papers.len(), 1);
    let p = &page.papers[0];
    assert!(p.title.starts_with("Safe \u{fffd}[2J"), "{}", p.title);
    assert!(!p.title.contains('\u{202e}'));
    assert!(
        p.abstract_text.contains("&unknown; entity"),
        "{}",
        p.abstract_text
    );
    // A DOI is always a doi.org link, whatever it holds, escaped.
    let urls: Vec<&str> = p.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://arxiv.org/abs/2512.06666",
            "https://doi.org/10.1/x%EF%BF%BDy",
            "https://doi.org/javascript:alert(1)"
        ]
    );
    let m = p.meta.as_deref().unwrap();
    assert_eq!(
        m.comments.as_deref(),
        Some("CDATA &#x1b; stays text, <b>bold</b> too")
    );
    // The record without a title is left out and said.
    assert_eq!(page.skipped.len(), 1, "{:?}", page.skipped);
    assert!(
        page.skipped[0]
            .contains("ListRecords.record[1].metadata.arXivRaw.title: expected a non-empty title"),
        "{}",
        page.skipped[0]
    );
    assert_eq!(page.complete_list_size, None);
    let token = page.token.unwrap();
    assert!(!token.chars().any(is_unsafe), "{token:?}");
    assert!(!page.response_date.unwrap().chars().any(is_unsafe));
}

#[test]
fn a_medrxiv_page_collapses_the_versions_of_a_doi_into_the_newest() {
    let page = biorxiv::parse_details(&fixture("medrxiv-page.json"), Server::Medrxiv).unwrap();
    assert_eq!((page.cursor, page.count, page.total), (0, 4, 204));
    assert!(page.skipped.is_empty() && page.refused.is_empty());
    page.papers.iter().for_each(assert_clean);
    let ids: Vec<&str> = page.papers.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "doi:10.1101/2025.11.28.25341234",
            "doi:10.1101/2025.11.30.25340001",
            "doi:10.1101/2024.01.02.24300001"
        ]
    );
    let covid = &page.papers[0];
    assert_eq!(
        covid.title,
        "Long COVID in Children: a Cohort Study (revised)"
    );
    assert_eq!(
        covid.authors,
        ["Smith, J. A.", "Doe, B.", "O'Neil, C.", "Roe, D."]
    );
    assert_eq!(covid.published, Some(date("2025-12-01")), "the day of v1");
    let urls: Vec<&str> = covid.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://doi.org/10.1101/2025.11.28.25341234",
            "https://www.medrxiv.org/content/10.1101/2025.11.28.25341234v2"
        ]
    );
    let tags: Vec<&str> = covid.tags.iter().map(|t| t.as_str()).collect();
    assert_eq!(tags, ["medrxiv/infectious-diseases-except-hiv-aids"]);
    let m = covid.meta.as_deref().unwrap();
    assert_eq!(m.doi.as_deref(), Some("10.1101/2025.11.28.25341234"));
    assert_eq!(m.version, Some(2));
    let versions: Vec<(u32, Option<Date>)> =
        m.versions.iter().map(|v| (v.version, v.date)).collect();
    assert_eq!(
        versions,
        [(1, Some(date("2025-12-01"))), (2, Some(date("2025-12-05")))]
    );
    assert_eq!(m.categories, ["infectious diseases (except HIV/AIDS)"]);
    assert_eq!(m.license.as_deref(), Some("cc_by"));
    assert_eq!(
        m.journal_ref.as_deref(),
        Some("10.1016/S0140-6736(25)01234-5")
    );
    assert_eq!(m.sources, ["medrxiv"]);
    // Without its v1 on the page, a paper's date is its record's.
    let older = &page.papers[2];
    assert_eq!(older.published, Some(date("2025-12-03")));
    assert_eq!(
        older.meta.as_deref().unwrap().journal_ref,
        None,
        "NA is none"
    );
}

#[test]
fn no_posts_found_is_an_empty_page_and_another_status_fails() {
    let page = biorxiv::parse_details(&fixture("medrxiv-empty.json"), Server::Medrxiv).unwrap();
    assert!(page.papers.is_empty());
    assert_eq!((page.total, page.count), (0, 0));
    let e = biorxiv::parse_details(&fixture("medrxiv-error.json"), Server::Medrxiv).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("the service says status: Error: the interval"),
        "{e}"
    );
    let e = biorxiv::parse_details(&fixture("medrxiv-truncated.json"), Server::Medrxiv)
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("line 1, column "), "{e}");
    assert!(e.contains("unexpected end of file"), "{e}");
}

#[test]
fn hostile_biorxiv_text_is_made_safe_and_bad_records_are_said() {
    let page = biorxiv::parse_details(&fixture("biorxiv-hostile.json"), Server::Biorxiv).unwrap();
    assert_eq!((page.cursor, page.total), (100, 103));
    page.papers.iter().for_each(assert_clean);
    assert_eq!(page.papers.len(), 2);
    let evil = &page.papers[0];
    assert!(evil.title.starts_with("Safe \u{fffd}[2J"), "{}", evil.title);
    // Names are split at every `;`, even one inside an escape sequence:
    // the pieces are odd but safe, and empty names are dropped.
    assert_eq!(evil.authors.last().unwrap(), "Eve, E.\u{fffd}31m");
    assert!(evil.authors.iter().all(|a| !a.is_empty()));
    assert_eq!(
        evil.links[1].url,
        "https://www.biorxiv.org/content/10.1101/2025.12.01.000001v1"
    );
    assert_eq!(evil.tags[0].as_str(), "biorxiv/cell-31mbiology");
    // A DOI that no page link can carry keeps only its escaped doi.org link.
    let bad = &page.papers[1];
    assert_eq!(bad.links.len(), 1, "{:?}", bad.links);
    assert!(
        bad.links[0]
            .url
            .starts_with("https://doi.org/10.1101/x%20y")
    );
    assert!(bad.tags.is_empty());
    assert_eq!(page.refused.len(), 1, "{:?}", page.refused);
    assert!(!page.refused[0].chars().any(is_unsafe));
    assert_eq!(page.skipped.len(), 1, "{:?}", page.skipped);
    assert!(
        page.skipped[0]
            .contains("collection[2].date: expected a date YYYY-MM-DD, found `yesterday`"),
        "{}",
        page.skipped[0]
    );
}

#[test]
fn one_paper_from_hugging_face_and_arxiv_is_merged_into_one() {
    let hf_paper = hf::parse_day(&fixture("hf-day.json"), date("2025-12-01"))
        .unwrap()
        .papers
        .remove(0);
    let arxiv_paper = oai_page("oai-page.xml").papers.remove(0);
    assert_eq!(hf_paper.id, arxiv_paper.id);
    let merged = merge(&hf_paper, arxiv_paper.clone());
    assert_clean(&merged);
    assert_eq!(
        merged.title,
        "Seeing Far: Long-Range Visual Reasoning for Medical Images"
    );
    assert_eq!(
        merged.authors,
        ["Ada Lovelace", "Alan M. Turing", "Grace Hopper"]
    );
    assert_eq!(merged.upvotes, Some(87));
    let m = merged.meta.as_deref().unwrap();
    assert_eq!(m.sources, ["hf", "arxiv"]);
    assert_eq!(
        (m.version, m.stars, m.num_comments),
        (Some(2), Some(1234), Some(4))
    );
    assert_eq!(m.journal_ref.as_deref(), Some("Proc. MICCAI 2025"));
    assert_eq!(
        m.ai_summary.as_deref(),
        Some("A model reasons over long visual ranges.")
    );
    let urls: Vec<&str> = merged.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://github.com/acme/seeing-far",
            "https://seeing-far.github.io",
            "https://huggingface.co/papers/2512.01234",
            "https://arxiv.org/abs/2512.01234",
            "https://doi.org/10.1007/978-3-031-00001-1_1"
        ]
    );
    // The other way round, the same paper but for the order of the lists.
    let other = merge(&arxiv_paper, hf_paper.clone());
    assert_eq!(
        (&other.title, &other.authors, other.upvotes),
        (&merged.title, &merged.authors, merged.upvotes)
    );
    assert_eq!(merge(&hf_paper, merged.clone()), merged);
}

#[path = "../benches/common/responses.rs"]
mod responses;

#[test]
fn a_thousand_record_oai_page_and_a_hundred_paper_day_read_whole() {
    let page = oai::parse_page(responses::oai_page(1_000).as_bytes()).unwrap();
    assert_eq!(page.deleted.len(), 20);
    assert_eq!(page.papers.len(), 980);
    assert!(page.skipped.is_empty() && page.refused.is_empty());
    assert_eq!(page.token.as_deref(), Some("9123456|1000"));
    assert_eq!(page.complete_list_size, Some(3_000));
    page.papers.iter().for_each(assert_clean);
    let first = &page.papers[0];
    assert!(
        first.abstract_text.contains(" & "),
        "{}",
        first.abstract_text
    );
    assert!(first.abstract_text.contains("\n\n"));
    let day = hf::parse_day(responses::hf_day(100).as_bytes(), date("2025-12-01")).unwrap();
    assert_eq!((day.entries, day.papers.len()), (100, 100));
    assert!(day.skipped.is_empty() && day.refused.is_empty());
    day.papers.iter().for_each(assert_clean);
    assert_eq!(day.papers[0].meta.as_deref().unwrap().stars, Some(0));
    // Every paper of the day is on arXiv too: merged, one per id.
    let merged: Vec<Paper> = day
        .papers
        .iter()
        .filter_map(|p| {
            let other = page.papers.iter().find(|o| o.id == p.id)?;
            Some(merge(p, other.clone()))
        })
        .collect();
    assert_eq!(merged.len(), 98);
    assert!(
        merged
            .iter()
            .all(|p| p.meta.as_deref().unwrap().sources == ["hf", "arxiv"])
    );
}

/// Every parser on `bytes`: an answer or one clean line, never a panic.
fn parse_every_way(bytes: &[u8]) {
    let errors = [
        hf::parse_day(bytes, date("2025-12-01")).err(),
        oai::parse_page(bytes).err(),
        biorxiv::parse_details(bytes, Server::Medrxiv).err(),
    ];
    for e in errors.into_iter().flatten() {
        let e = e.to_string();
        assert!(!e.chars().any(is_unsafe), "{e:?}");
        assert!(e.len() < 1_000, "{e}");
    }
}

#[test]
fn no_response_cut_short_or_changed_anywhere_makes_a_parser_panic() {
    let names = [
        "hf-day.json",
        "hf-hostile.json",
        "oai-page.xml",
        "oai-hostile.xml",
        "oai-no-records.xml",
        "medrxiv-page.json",
        "biorxiv-hostile.json",
    ];
    for name in names {
        let bytes = fixture(name);
        let step = (bytes.len() / 200).max(1);
        for at in (0..bytes.len()).step_by(step) {
            parse_every_way(&bytes[..at]);
            for byte in [b'<', b'>', b'"', b'{', b']', b'&', b'\\', 0xff, 0] {
                let mut changed = bytes.clone();
                changed[at] = byte;
                parse_every_way(&changed);
            }
        }
    }
}

#[test]
fn deep_nesting_is_refused_or_read_through_without_blowing_up() {
    let depth = 200_000;
    let xml = format!(
        "<OAI-PMH><ListRecords>{}{}</ListRecords></OAI-PMH>",
        "<a>".repeat(depth),
        "</a>".repeat(depth)
    );
    let page = oai::parse_page(xml.as_bytes()).unwrap();
    assert!(page.papers.is_empty());
    let cut = format!("<OAI-PMH>{}", "<a>".repeat(depth));
    let e = oai::parse_page(cut.as_bytes()).unwrap_err().to_string();
    assert!(
        e.contains("unexpected end of file") && e.len() < 1_000,
        "{e}"
    );
    let json = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    parse_every_way(json.as_bytes());
    let json = format!(
        "{{\"messages\":[{{\"status\":\"ok\"}}],\"collection\":[{}{}]}}",
        "{\"a\":".repeat(depth),
        "}".repeat(depth)
    );
    parse_every_way(json.as_bytes());
}
