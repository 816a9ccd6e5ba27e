//! The texts the reader copies and `search`/`show` print for pipes: ids,
//! URLs, titles, Markdown links and BibTeX, for one paper or several.

use super::{Citation, bibtex, markdown};
use crate::corpus::Paper;

/// What to copy of each paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copied {
    Id,
    /// The code link, else the paper's page, else any link.
    Url,
    Title,
    Markdown,
    Bibtex,
}

impl Copied {
    /// How the status line names it.
    pub fn label(self) -> &'static str {
        match self {
            Copied::Id => "id",
            Copied::Url => "URL",
            Copied::Title => "title",
            Copied::Markdown => "Markdown link",
            Copied::Bibtex => "BibTeX",
        }
    }
}

/// The text for `papers`: one line each (a Markdown list for several
/// links, blank lines between BibTeX entries), and how many papers it
/// covers: a paper without a URL has none to give. `None` when no paper
/// gave anything.
pub fn text<'a>(
    kind: Copied,
    papers: impl IntoIterator<Item = &'a Paper>,
) -> Option<(String, usize)> {
    text_citing(kind, papers, Citation::of)
}

/// [`text`], with BibTeX citing each paper as `cite` says (a bookmark
/// cites a paper as it was bookmarked).
pub fn text_citing<'a>(
    kind: Copied,
    papers: impl IntoIterator<Item = &'a Paper>,
    cite: impl Fn(&Paper) -> Citation,
) -> Option<(String, usize)> {
    let papers: Vec<&Paper> = papers.into_iter().collect();
    let text = match kind {
        Copied::Bibtex => {
            let citations: Vec<Citation> = papers.iter().map(|p| cite(p)).collect();
            return (!citations.is_empty()).then(|| (bibtex::entries(&citations), citations.len()));
        }
        Copied::Id => lines(&papers, |p| Some(p.id.clone())),
        Copied::Title => lines(&papers, |p| Some(p.title.clone())),
        Copied::Url => lines(&papers, |p| super::best_url(&p.links).map(str::to_string)),
        Copied::Markdown => {
            let list = papers.len() > 1;
            lines(&papers, |p| Some(markdown_line(p, list)))
        }
    };
    let (lines, count) = text;
    (count > 0).then(|| (lines.join("\n"), count))
}

/// The Markdown link to `paper`, as an item of a list when there are
/// several.
pub fn markdown_line(paper: &Paper, list: bool) -> String {
    let link = markdown::link(&paper.title, super::best_url(&paper.links));
    if list { format!("- {link}") } else { link }
}

fn lines(papers: &[&Paper], line: impl Fn(&Paper) -> Option<String>) -> (Vec<String>, usize) {
    let lines: Vec<String> = papers.iter().filter_map(|p| line(p)).collect();
    let count = lines.len();
    (lines, count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Link;

    fn paper(id: &str, title: &str, urls: &[&str]) -> Paper {
        let mut p = Paper::titled(title);
        p.id = id.into();
        p.links = urls.iter().map(|u| Link::classified(*u)).collect();
        p
    }

    #[test]
    fn one_paper_gives_one_line_several_give_a_list() {
        let a = paper(
            "arXiv:2401.00001",
            "A [b]",
            &["https://github.com/a/b", "https://arxiv.org/abs/2401.00001"],
        );
        let b = paper("slug", "Plain", &[]);
        assert_eq!(
            text(Copied::Id, [&a, &b]),
            Some(("arXiv:2401.00001\nslug".into(), 2))
        );
        assert_eq!(
            text(Copied::Url, [&a, &b]),
            Some(("https://github.com/a/b".into(), 1))
        );
        assert_eq!(text(Copied::Url, [&b]), None);
        assert_eq!(
            text(Copied::Markdown, [&a]),
            Some(("[A \\[b\\]](https://github.com/a/b)".into(), 1))
        );
        assert_eq!(
            text(Copied::Markdown, [&a, &b]),
            Some(("- [A \\[b\\]](https://github.com/a/b)\n- Plain".into(), 2))
        );
        let (bib, n) = text(Copied::Bibtex, [&a, &b]).unwrap();
        assert_eq!(n, 2);
        assert!(bib.starts_with("@misc{b2024,"), "{bib}");
    }
}
