//! Where a paper's PDF comes from: arXiv for an arXiv paper (its newest
//! version when the library knows it), the `.full.pdf` of a medRxiv or
//! bioRxiv paper's page, then any of its links that names a PDF (its path
//! ends in `.pdf`, or has a `pdf` step: OpenReview's `/pdf?id=…`); what
//! comes back is checked to be a PDF whatever the link says.

use crate::corpus::{LinkKind, Paper};
use paperboat_core::cite::ids::arxiv_id;

/// The URLs to try for `paper`'s PDF, best first; none when it has no
/// PDF anywhere paperboat knows of. `arxiv_pdf` is the base of arXiv's
/// PDFs (`https://arxiv.org/pdf`).
pub fn pdf_urls(paper: &Paper, arxiv_pdf: &str) -> Vec<String> {
    let mut urls = Vec::new();
    let meta = paper.meta.as_deref();
    if let Some(id) = meta
        .and_then(|m| m.arxiv_id.clone())
        .or_else(|| arxiv_id(&paper.id, &paper.links))
    {
        // The version is arXiv's only when the record came from arXiv.
        let version = meta
            .filter(|m| m.arxiv_id.is_some())
            .and_then(|m| m.version)
            .map(|v| format!("v{v}"))
            .unwrap_or_default();
        urls.push(format!("{arxiv_pdf}/{id}{version}"));
    }
    let preprint_server =
        meta.is_some_and(|m| m.sources.iter().any(|s| s == "medrxiv" || s == "biorxiv"));
    for link in &paper.links {
        let url = link.url.trim();
        let path = url.split(['?', '#']).next().unwrap_or(url);
        if names_a_pdf(path) {
            urls.push(url.to_string());
        } else if preprint_server && link.kind == LinkKind::Paper && is_rxiv_page(path) {
            urls.push(format!("{path}.full.pdf"));
        }
    }
    urls.dedup();
    urls
}

/// Whether a link's path names a PDF: it ends in `.pdf`, or one of its
/// steps after the host is `pdf`.
fn names_a_pdf(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let after_host = lower
        .split_once("://")
        .and_then(|(_, rest)| rest.split_once('/'))
        .map_or("", |(_, path)| path);
    lower.ends_with(".pdf") || after_host.split('/').any(|step| step == "pdf")
}

/// A medRxiv or bioRxiv article page: `…/content/10.1101/<id>v<N>`.
fn is_rxiv_page(path: &str) -> bool {
    path.split_once("/content/10.1101/")
        .is_some_and(|(_, rest)| !rest.is_empty() && !rest.contains('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Link, Meta};

    const BASE: &str = "https://arxiv.org/pdf";

    #[test]
    fn arxiv_papers_come_from_arxiv_versioned_when_known() {
        let mut paper = Paper::titled("A");
        paper.id = "2401.12345".into();
        assert_eq!(
            pdf_urls(&paper, BASE),
            vec!["https://arxiv.org/pdf/2401.12345"]
        );
        paper.meta = Some(Box::new(Meta {
            arxiv_id: Some("2401.12345".into()),
            version: Some(3),
            ..Meta::default()
        }));
        assert_eq!(
            pdf_urls(&paper, BASE),
            vec!["https://arxiv.org/pdf/2401.12345v3"]
        );

        let mut old = Paper::titled("B");
        old.id = "hep-th/9901001".into();
        assert_eq!(
            pdf_urls(&old, "http://127.0.0.1:9/pdf"),
            vec!["http://127.0.0.1:9/pdf/hep-th/9901001"]
        );

        // A Daily Papers entry names arXiv through its page link.
        let mut hf = Paper::titled("C");
        hf.id = "some-slug".into();
        hf.links = vec![Link::classified("https://huggingface.co/papers/2502.00001")];
        assert_eq!(
            pdf_urls(&hf, BASE),
            vec!["https://arxiv.org/pdf/2502.00001"]
        );
    }

    #[test]
    fn medrxiv_papers_come_from_their_full_pdf() {
        let mut paper = Paper::titled("M");
        paper.id = "doi:10.1101/2024.01.01.24300001".into();
        paper.links = vec![
            Link::classified("https://doi.org/10.1101/2024.01.01.24300001"),
            Link {
                kind: LinkKind::Paper,
                url: "https://www.medrxiv.org/content/10.1101/2024.01.01.24300001v2".into(),
            },
        ];
        assert!(pdf_urls(&paper, BASE).is_empty(), "not known as medRxiv's");
        paper.meta = Some(Box::new(Meta {
            doi: Some("10.1101/2024.01.01.24300001".into()),
            version: Some(2),
            sources: vec!["medrxiv".into()],
            ..Meta::default()
        }));
        assert_eq!(
            pdf_urls(&paper, BASE),
            vec!["https://www.medrxiv.org/content/10.1101/2024.01.01.24300001v2.full.pdf"]
        );
    }

    #[test]
    fn a_link_naming_a_pdf_is_tried_and_a_paper_without_any_has_none() {
        let mut paper = Paper::titled("L");
        paper.id = "x".into();
        paper.links = vec![
            Link::classified("https://github.com/a/b"),
            Link::classified("https://example.org/paper.PDF?download=1"),
        ];
        assert_eq!(
            pdf_urls(&paper, BASE),
            vec!["https://example.org/paper.PDF?download=1"]
        );
        paper.links.truncate(1);
        assert!(pdf_urls(&paper, BASE).is_empty());
        paper.links = vec![
            Link::classified("https://openreview.net/pdf?id=abc123"),
            Link::classified("https://pdf.example.org/paper"),
        ];
        assert_eq!(
            pdf_urls(&paper, BASE),
            vec!["https://openreview.net/pdf?id=abc123"]
        );
    }
}
