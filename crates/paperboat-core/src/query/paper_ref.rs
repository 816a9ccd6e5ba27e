//! A paper named the way people paste it: an arXiv id (`2505.47796`,
//! `arXiv:2505.47796v2`, `hep-th/9901001v3`), an arxiv.org, Hugging Face
//! papers, medRxiv or bioRxiv URL, or a DOI (`10.1101/…`, `doi:…`,
//! `https://doi.org/…`), brought to the one form a corpus's ids and links
//! are compared in. Pure string work on one word, bounded by its length.

use crate::corpus::Paper;

/// The longest text read as a paper's name: a URL with a long DOI fits.
const MAX_LEN: usize = 500;
/// arXiv's DOI prefix: `10.48550/arXiv.2505.47796` is an arXiv paper.
const ARXIV_DOI: &str = "10.48550/arxiv.";

/// A paper, as an id, URL or DOI names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaperRef {
    /// An arXiv id without its version (`2505.47796`, `hep-th/9901001`).
    Arxiv(String),
    /// A DOI in lower case (DOIs ignore case), without `doi:` or a URL.
    Doi(String),
    /// Exactly this paper id (a name already looked up in the corpus).
    Id(String),
}

impl std::fmt::Display for PaperRef {
    /// The id a corpus gives it: `arXiv:2505.47796`, `doi:10.1101/…`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PaperRef::Arxiv(id) => write!(f, "arXiv:{id}"),
            PaperRef::Doi(doi) => write!(f, "doi:{doi}"),
            PaperRef::Id(id) => f.write_str(id),
        }
    }
}

/// The paper `text` names, if it is an arXiv id, a DOI or a paper URL.
pub fn paper_ref(text: &str) -> Option<PaperRef> {
    let text = text.trim();
    if text.is_empty() || text.len() > MAX_LEN || text.chars().any(unfit) {
        return None;
    }
    if let Some(id) = strip_prefix_ignore_case(text, "arxiv:") {
        return arxiv(id);
    }
    if let Some(doi) = strip_prefix_ignore_case(text, "doi:") {
        return doi_ref(doi.trim_start());
    }
    if let Some(rest) = url_rest(text) {
        return from_url(rest);
    }
    arxiv(text).or_else(|| doi_ref(text))
}

/// Characters no id, DOI or URL holds: spaces and what a terminal obeys.
fn unfit(c: char) -> bool {
    c.is_whitespace() || crate::corpus::sanitize::is_unsafe(c)
}

impl PaperRef {
    /// The ids a corpus gives this paper: `arXiv:2505.47796`, `doi:10.1101/…`.
    pub fn ids(&self) -> Vec<String> {
        vec![self.to_string()]
    }

    /// Whether `id` is this paper's id: one of [`PaperRef::ids`], or the
    /// bare arXiv id or DOI. A string compare, no allocation.
    pub fn is_id(&self, id: &str) -> bool {
        match self {
            PaperRef::Arxiv(arxiv) => {
                let bare = strip_prefix_ignore_case(id, "arxiv:").unwrap_or(id);
                bare == arxiv
            }
            PaperRef::Doi(doi) => {
                let bare = strip_prefix_ignore_case(id, "doi:").unwrap_or(id);
                bare.eq_ignore_ascii_case(doi)
            }
            PaperRef::Id(exact) => id == exact,
        }
    }

    /// Whether a paper with id `id` may still be this paper through its
    /// links or DOI: an `arXiv:` or `doi:` id that is not this one names
    /// another paper (an arXiv paper may have a journal's DOI, though).
    pub fn could_be(&self, id: &str) -> bool {
        let has = |prefix: &str| strip_prefix_ignore_case(id, prefix).is_some();
        match self {
            PaperRef::Arxiv(_) => !has("arxiv:") && !has("doi:"),
            PaperRef::Doi(_) => !has("doi:"),
            PaperRef::Id(_) => false,
        }
    }

    /// Whether `paper` is this paper: by its id, its arXiv id or DOI, or a
    /// link naming it (arxiv.org, Hugging Face, doi.org, medRxiv).
    pub fn names(&self, paper: &Paper) -> bool {
        if self.is_id(&paper.id) {
            return true;
        }
        if matches!(self, PaperRef::Id(_)) {
            return false;
        }
        let meta = paper.meta.as_deref();
        let own = [
            meta.and_then(|m| m.arxiv_id.as_deref()),
            meta.and_then(|m| m.doi.as_deref()),
        ];
        own.into_iter()
            .flatten()
            .chain(paper.links.iter().map(|l| l.url.as_str()))
            .any(|name| paper_ref(name).as_ref() == Some(self))
    }
}

/// `text` after `prefix`, the prefix compared without case.
fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    text.get(..prefix.len())
        .filter(|head| head.eq_ignore_ascii_case(prefix))
        .map(|_| &text[prefix.len()..])
}

/// A URL without its scheme and `www.`, or `None` when `text` is not one
/// of the hosts paper URLs come from.
fn url_rest(text: &str) -> Option<&str> {
    let rest = ["https://", "http://"]
        .iter()
        .find_map(|s| strip_prefix_ignore_case(text, s))
        .unwrap_or(text);
    let rest = strip_prefix_ignore_case(rest, "www.").unwrap_or(rest);
    let hosts = [
        "arxiv.org/",
        "export.arxiv.org/",
        "huggingface.co/",
        "hf.co/",
        "doi.org/",
        "dx.doi.org/",
        "medrxiv.org/",
        "biorxiv.org/",
    ];
    hosts
        .iter()
        .any(|h| strip_prefix_ignore_case(rest, h).is_some())
        .then_some(rest)
}

/// The paper a URL (scheme and `www.` gone) names.
fn from_url(rest: &str) -> Option<PaperRef> {
    let (host, path) = rest.split_once('/')?;
    let host = host.to_ascii_lowercase();
    // Queries and fragments (`#community`, `?context=cs`) say nothing of
    // which paper it is.
    let path = path.split(['?', '#']).next()?.trim_end_matches('/');
    match host.as_str() {
        "arxiv.org" | "export.arxiv.org" => {
            let id = ["abs/", "pdf/", "html/"]
                .iter()
                .find_map(|p| path.strip_prefix(p))?;
            arxiv(id.strip_suffix(".pdf").unwrap_or(id))
        }
        "huggingface.co" | "hf.co" => arxiv(path.strip_prefix("papers/")?),
        "doi.org" | "dx.doi.org" => doi_ref(&crate::cite::ids::percent_decode(path)?),
        "medrxiv.org" | "biorxiv.org" => {
            let doi = path.strip_prefix("content/")?;
            // `…/2025.11.28.25341234v1.full.pdf`: the page's forms.
            let doi = [".full.pdf", ".full-text", ".full", ".abstract"]
                .iter()
                .find_map(|s| doi.strip_suffix(s))
                .unwrap_or(doi);
            doi_ref(doi)
        }
        _ => None,
    }
}

/// An arXiv id with or without a version, as the versionless id.
fn arxiv(id: &str) -> Option<PaperRef> {
    let bare = without_version(id);
    (new_style(bare) || old_style(bare)).then(|| PaperRef::Arxiv(bare.to_string()))
}

/// `id` without a trailing `vN`.
fn without_version(id: &str) -> &str {
    match id.rfind('v') {
        Some(v) if v > 0 && all_digits(&id[v + 1..]) => &id[..v],
        _ => id,
    }
}

/// `YYMM.NNNN` from April 2007, `YYMM.NNNNN` from January 2015: the
/// number of digits is the month's, so `2505.4779`, typed on the way to
/// `2505.47796`, is no id yet.
fn new_style(id: &str) -> bool {
    let Some((yymm, number)) = id.split_once('.') else {
        return false;
    };
    if yymm.len() != 4 || !all_digits(yymm) || !all_digits(number) {
        return false;
    }
    let (yy, mm) = (&yymm[..2], &yymm[2..]);
    let month_ok = ("01"..="12").contains(&mm);
    let digits = if yy >= "15" { 5 } else { 4 };
    month_ok && yymm >= "0704" && number.len() == digits
}

/// `archive/YYMMNNN` or `archive.XX/YYMMNNN` (`hep-th/9901001`,
/// `math.AG/0406191`), before April 2007.
fn old_style(id: &str) -> bool {
    let Some((archive, number)) = id.split_once('/') else {
        return false;
    };
    let (name, subject) = archive.split_once('.').unwrap_or((archive, "A"));
    number.len() == 7
        && all_digits(number)
        && ("01"..="12").contains(&&number[2..4])
        && !name.is_empty()
        && name.len() <= 16
        && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
        && (1..=4).contains(&subject.len())
        && subject.bytes().all(|b| b.is_ascii_alphabetic())
}

/// A DOI (`10.` a registrant of digits and dots, `/`, a suffix), in lower
/// case; arXiv's own DOIs are the arXiv paper. medRxiv and bioRxiv write
/// versions after their DOIs in URLs (`…25341234v2`), which the DOI lacks.
fn doi_ref(text: &str) -> Option<PaperRef> {
    let (registrant, suffix) = text.strip_prefix("10.")?.split_once('/')?;
    let registrant_ok = registrant.len() >= 4
        && registrant.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && registrant
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit());
    if !registrant_ok || suffix.is_empty() || text.chars().any(unfit) {
        return None;
    }
    let doi = text.to_lowercase();
    if let Some(id) = doi.strip_prefix(ARXIV_DOI) {
        return arxiv(id);
    }
    if doi.starts_with("10.1101/") {
        return Some(PaperRef::Doi(without_version(&doi).to_string()));
    }
    Some(PaperRef::Doi(doi))
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Link, Meta};

    fn arxiv_ref(id: &str) -> Option<PaperRef> {
        Some(PaperRef::Arxiv(id.into()))
    }

    fn doi(d: &str) -> Option<PaperRef> {
        Some(PaperRef::Doi(d.into()))
    }

    #[test]
    fn arxiv_ids_with_and_without_prefix_and_version() {
        for text in [
            "2505.47796",
            "2505.47796v2",
            "arXiv:2505.47796",
            "arxiv:2505.47796v2",
            "ARXIV:2505.47796v12",
            " 2505.47796 ",
        ] {
            assert_eq!(paper_ref(text), arxiv_ref("2505.47796"), "{text}");
        }
        assert_eq!(paper_ref("0704.0001"), arxiv_ref("0704.0001"));
        assert_eq!(paper_ref("1412.6980v9"), arxiv_ref("1412.6980"));
        assert_eq!(paper_ref("hep-th/9901001v3"), arxiv_ref("hep-th/9901001"));
        assert_eq!(
            paper_ref("arXiv:hep-th/9901001"),
            arxiv_ref("hep-th/9901001")
        );
        assert_eq!(paper_ref("math.AG/0406191"), arxiv_ref("math.AG/0406191"));
        assert_eq!(
            paper_ref("solv-int/9901001v1"),
            arxiv_ref("solv-int/9901001")
        );
    }

    #[test]
    fn what_is_not_an_arxiv_id() {
        for text in [
            "2505.4779",   // a 2025 id has five digits: typed on the way
            "1412.69801",  // a 2014 id has four
            "2513.47796",  // month 13
            "0612.0001",   // before new-style ids began
            "2505.47796v", // a version still being typed
            "2505.47796x",
            "2505",
            "v2",
            "mamba",
            "hep-th/990100",
            "HEP-TH/9901001",
            "hep-th/9913001",
            "arxiv:",
            "arxiv:mamba",
            "",
            "seg-mamba",
            "similar:2505.47796",
            "title:2505.47796",
        ] {
            assert_eq!(paper_ref(text), None, "{text}");
        }
    }

    #[test]
    fn arxiv_and_hugging_face_urls() {
        for text in [
            "https://arxiv.org/abs/2505.47796",
            "https://arxiv.org/abs/2505.47796v2",
            "http://arxiv.org/abs/2505.47796v2/",
            "arxiv.org/abs/2505.47796",
            "https://www.arxiv.org/abs/2505.47796",
            "https://export.arxiv.org/abs/2505.47796v1",
            "https://arxiv.org/pdf/2505.47796",
            "https://arxiv.org/pdf/2505.47796v2",
            "https://arxiv.org/pdf/2505.47796v2.pdf",
            "arxiv.org/pdf/2505.47796.pdf",
            "https://arxiv.org/html/2505.47796v1",
            "https://arxiv.org/abs/2505.47796?context=cs",
            "https://huggingface.co/papers/2505.47796",
            "huggingface.co/papers/2505.47796#community",
            "https://hf.co/papers/2505.47796",
            "HTTPS://ARXIV.ORG/abs/2505.47796",
        ] {
            assert_eq!(paper_ref(text), arxiv_ref("2505.47796"), "{text}");
        }
        assert_eq!(
            paper_ref("https://arxiv.org/abs/hep-th/9901001v3"),
            arxiv_ref("hep-th/9901001")
        );
        for text in [
            "https://arxiv.org/list/cs.CV/new",
            "https://arxiv.org/abs/",
            "https://huggingface.co/2505.47796",
            "https://example.org/abs/2505.47796",
            "https://arxiv.org.evil.com/abs/2505.47796",
            "https://arxiv.org",
        ] {
            assert_eq!(paper_ref(text), None, "{text}");
        }
    }

    #[test]
    fn dois_and_doi_urls_in_lower_case() {
        let want = doi("10.1101/2025.11.28.25341234");
        for text in [
            "10.1101/2025.11.28.25341234",
            "doi:10.1101/2025.11.28.25341234",
            "DOI:10.1101/2025.11.28.25341234",
            "https://doi.org/10.1101/2025.11.28.25341234",
            "http://dx.doi.org/10.1101/2025.11.28.25341234",
            "doi.org/10.1101/2025.11.28.25341234",
            "https://www.medrxiv.org/content/10.1101/2025.11.28.25341234v2",
            "https://www.biorxiv.org/content/10.1101/2025.11.28.25341234v1.full.pdf",
            "10.1101/2025.11.28.25341234v3",
        ] {
            assert_eq!(paper_ref(text), want, "{text}");
        }
        assert_eq!(
            paper_ref("https://doi.org/10.1000/ABC%2Fdef"),
            doi("10.1000/abc/def")
        );
        assert_eq!(
            paper_ref("10.1016/J.CELL.2020.01.001"),
            doi("10.1016/j.cell.2020.01.001")
        );
        // arXiv's own DOIs are its papers.
        assert_eq!(
            paper_ref("https://doi.org/10.48550/arXiv.2505.47796"),
            arxiv_ref("2505.47796")
        );
        for text in [
            "10.1/x",
            "10.1101/",
            "10.abcd/x",
            "11.1101/x",
            "doi:",
            "10.1101",
        ] {
            assert_eq!(paper_ref(text), None, "{text}");
        }
    }

    #[test]
    fn hostile_text_is_no_paper_and_never_panics() {
        for text in [
            "10.1101/abc\u{1b}[2J",
            "2505.47796\u{202e}",
            "https://doi.org/10.1101/%1b%5b2J",
            "https://doi.org/10.1101/%ff",
            "https://doi.org/%",
            "arxiv:\u{0}",
            "ünïcödé/0101001",
            "é.47796",
            "10.é/x",
            "https://",
            "//",
            "v",
            "/",
            ":",
        ] {
            assert_eq!(paper_ref(text), None, "{text:?}");
        }
        let long = format!("10.1101/{}", "a".repeat(10_000));
        assert_eq!(paper_ref(&long), None);
        // Every cut of a URL on a character boundary, and odd bytes: no
        // panic.
        let url = "https://www.medrxiv.org/content/10.1101/é2025.11.28v2.full.pdf";
        for end in (0..=url.len()).filter(|&e| url.is_char_boundary(e)) {
            let _ = paper_ref(&url[..end]);
        }
    }

    #[test]
    fn ids_and_whether_an_id_is_the_paper() {
        let a = PaperRef::Arxiv("2505.47796".into());
        assert_eq!(a.ids(), ["arXiv:2505.47796"]);
        assert!(a.is_id("arXiv:2505.47796"));
        assert!(a.is_id("2505.47796"));
        assert!(!a.is_id("arXiv:2505.47797"));
        assert!(!a.could_be("arXiv:2505.47797"));
        assert!(!a.could_be("doi:10.1101/x"));
        assert!(a.could_be("mamba-for-segmentation"));
        let d = PaperRef::Doi("10.1101/x".into());
        assert_eq!(d.ids(), ["doi:10.1101/x"]);
        assert!(d.is_id("doi:10.1101/X"));
        assert!(d.could_be("arXiv:2505.47797"), "a journal's DOI");
        assert!(!d.could_be("doi:10.1101/y"));
    }

    #[test]
    fn a_paper_is_named_by_its_links_and_its_doi() {
        let mut p = Paper::titled("T");
        p.id = "mamba-seg".into();
        p.links = vec![Link::classified("https://arxiv.org/abs/2505.47796v1")];
        assert!(PaperRef::Arxiv("2505.47796".into()).names(&p));
        assert!(!PaperRef::Arxiv("2505.47797".into()).names(&p));
        p.meta = Some(Box::new(Meta {
            doi: Some("10.1000/XYZ".into()),
            ..Meta::default()
        }));
        assert!(PaperRef::Doi("10.1000/xyz".into()).names(&p));
        p.links
            .push(Link::classified("https://doi.org/10.2000/abc"));
        assert!(PaperRef::Doi("10.2000/abc".into()).names(&p));
        assert!(PaperRef::Id("mamba-seg".into()).names(&p));
        assert!(!PaperRef::Id("2505.47796".into()).names(&p));
    }
}
