//! A paper as a digest entry: its first authors, the links worth
//! following, and one or two sentences of what it is about.

use super::model::{DigestLink, Entry};
use crate::corpus::sanitize::{clean_line, clip};
use crate::corpus::{Instant, LinkKind, Paper};

/// Authors named before `et al.`.
const AUTHORS: usize = 3;
/// The longest summary shown, in characters.
const SUMMARY_MAX: usize = 600;

/// The entry of `paper`, which entered the library at `added`.
pub fn entry(paper: &Paper, added: Option<Instant>) -> Entry {
    let meta = paper.meta.as_deref();
    let authors: Vec<String> = paper
        .authors
        .iter()
        .map(|a| clean_line(a))
        .filter(|a| !a.is_empty())
        .take(AUTHORS)
        .collect();
    let summary = meta
        .and_then(|m| m.ai_summary.as_deref())
        .map(clean_line)
        .filter(|s| !s.is_empty())
        .or_else(|| first_sentence(&paper.abstract_text))
        .map(|s| clip(&s, SUMMARY_MAX).into_owned());
    Entry {
        id: clean_line(&paper.id),
        title: clean_line(&paper.title),
        more_authors: paper.display_author_count() > authors.len() && !authors.is_empty(),
        authors,
        date: paper.published,
        added: meta.and_then(|m| m.added).or(added),
        links: links(paper),
        summary,
        queries: Vec::new(),
    }
}

/// The paper page, the PDF of an arXiv paper and the code repository,
/// those it has; only URLs that may be opened.
pub fn links(paper: &Paper) -> Vec<DigestLink> {
    let arxiv = paper
        .meta
        .as_deref()
        .and_then(|m| m.arxiv_id.clone())
        .or_else(|| crate::cite::ids::arxiv_id(&paper.id, &paper.links));
    let page = paper
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::Paper)
        .map(|l| l.url.clone())
        .find(|url| crate::corpus::links::validate(url).is_ok())
        .or_else(|| {
            arxiv
                .as_ref()
                .map(|id| format!("https://arxiv.org/abs/{id}"))
        });
    let pdf = arxiv.map(|id| format!("https://arxiv.org/pdf/{id}"));
    let code = paper.code_link().map(|l| l.url.clone());
    [("paper", page), ("pdf", pdf), ("code", code)]
        .into_iter()
        .filter_map(|(label, url)| Some(DigestLink { label, url: url? }))
        .filter(|l| crate::corpus::links::validate(&l.url).is_ok())
        .collect()
}

/// The abstract's first sentence: up to the first `.`, `?` or `!` that
/// ends a word other than a usual abbreviation and is followed by a
/// space and a capital or a digit; the whole abstract when none does.
pub fn first_sentence(text: &str) -> Option<String> {
    let text = clean_line(text);
    if text.is_empty() {
        return None;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        let next = chars.get(k + 1).map(|&(_, c)| c);
        let after = chars.get(k + 2).map(|&(_, c)| c);
        let starts_sentence = after.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if next == Some(' ') && starts_sentence && !abbreviation(&text[..at]) {
            return Some(text[..at + c.len_utf8()].to_string());
        }
    }
    Some(text)
}

/// Whether the word before a full stop is one that a full stop follows
/// inside a sentence (`e.g.`, `et al.`, `Fig.`), or a single letter.
fn abbreviation(before: &str) -> bool {
    let word = before.rsplit(' ').next().unwrap_or("");
    let word = word.trim_start_matches(['(', '[']);
    const KNOWN: &[&str] = &[
        "e.g", "i.e", "al", "Fig", "Figs", "Eq", "Eqs", "vs", "etc", "cf", "Sec", "resp", "approx",
        "Ref", "Refs", "No", "Dr", "Prof", "St",
    ];
    KNOWN.contains(&word) || word.chars().count() == 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Link, Meta};

    #[test]
    fn the_first_sentence_skips_abbreviations() {
        let text = "We study e.g. Mamba et al. for CT. Results follow.";
        assert_eq!(
            first_sentence(text).as_deref(),
            Some("We study e.g. Mamba et al. for CT.")
        );
        assert_eq!(
            first_sentence("No full stop here").as_deref(),
            Some("No full stop here")
        );
        assert_eq!(
            first_sentence("Accuracy rises to 91.5. 2 more.").as_deref(),
            Some("Accuracy rises to 91.5.")
        );
        assert_eq!(first_sentence("  "), None);
    }

    #[test]
    fn an_entry_names_three_authors_and_prefers_the_ai_summary() {
        let mut paper = Paper::titled("T\u{1b}[31m");
        paper.id = "2512.00001".into();
        paper.authors = ["A", "B", "C", "D"].map(String::from).to_vec();
        paper.abstract_text = "First. Second.".into();
        paper.links = vec![
            Link::classified("https://arxiv.org/abs/2512.00001"),
            Link::classified("https://github.com/a/b"),
            Link::classified("javascript:alert(1)"),
        ];
        let e = entry(&paper, None);
        assert_eq!(e.title, "T\u{fffd}[31m");
        assert_eq!(e.author_line(), "A, B, C et al.");
        assert_eq!(e.summary.as_deref(), Some("First."));
        let labels: Vec<(&str, &str)> = e.links.iter().map(|l| (l.label, &l.url[..])).collect();
        assert_eq!(
            labels,
            [
                ("paper", "https://arxiv.org/abs/2512.00001"),
                ("pdf", "https://arxiv.org/pdf/2512.00001"),
                ("code", "https://github.com/a/b")
            ]
        );
        paper.meta = Some(Box::new(Meta {
            ai_summary: Some("An AI summary.".into()),
            ..Meta::default()
        }));
        assert_eq!(
            entry(&paper, None).summary.as_deref(),
            Some("An AI summary.")
        );
    }
}
