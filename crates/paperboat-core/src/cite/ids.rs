//! The identifiers a citation names: arXiv ids, DOIs and arXiv's primary
//! category, read from a paper's id, links and tags.

use crate::corpus::{Link, LinkKind, Tag};

/// The arXiv id of a paper, without its version (`2410.13085`,
/// `math/0406191`): from the paper's own id (`arXiv:2410.13085`, or a
/// bare arXiv id), else from an arxiv.org or Hugging Face papers link.
pub fn arxiv_id(paper_id: &str, links: &[Link]) -> Option<String> {
    let own = paper_id.strip_prefix("arXiv:").unwrap_or(paper_id);
    if let Some(id) = versionless(own) {
        return Some(id.to_string());
    }
    links
        .iter()
        .filter(|l| l.kind == LinkKind::Paper)
        .find_map(|l| arxiv_id_of_url(&l.url))
}

/// The arXiv id a paper URL names: `arxiv.org/abs/ID`, `arxiv.org/pdf/ID`
/// (with or without `.pdf`) or `huggingface.co/papers/ID`.
fn arxiv_id_of_url(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let path = ["arxiv.org/abs/", "arxiv.org/pdf/", "huggingface.co/papers/"]
        .iter()
        .find_map(|p| rest.strip_prefix(p))?;
    let path = path.split(['?', '#']).next()?.trim_end_matches('/');
    let path = path.strip_suffix(".pdf").unwrap_or(path);
    versionless(path).map(str::to_string)
}

/// `id` without a trailing `vN`, when it is an arXiv id at all.
fn versionless(id: &str) -> Option<&str> {
    let bare = match id.rfind('v') {
        Some(v) if v > 0 && id.len() > v + 1 && all_digits(&id[v + 1..]) => &id[..v],
        _ => id,
    };
    (is_new_style(bare) || is_old_style(bare)).then_some(bare)
}

/// `YYMM.NNNNN` (four or five digits after the point), since 2007.
fn is_new_style(id: &str) -> bool {
    match id.split_once('.') {
        Some((yymm, n)) => {
            yymm.len() == 4 && all_digits(yymm) && (4..=5).contains(&n.len()) && all_digits(n)
        }
        None => false,
    }
}

/// `archive/YYMMNNN` or `archive.XX/YYMMNNN` (`math/0406191`), before 2007.
fn is_old_style(id: &str) -> bool {
    let Some((archive, number)) = id.split_once('/') else {
        return false;
    };
    let (name, subject) = archive.split_once('.').unwrap_or((archive, "A"));
    number.len() == 7
        && all_digits(number)
        && !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
        && !subject.is_empty()
        && subject.bytes().all(|b| b.is_ascii_alphabetic())
}

/// The year and month an arXiv id was issued in (`2410.13085` in October
/// 2024, `math/0406191` in June 2004): ids number papers by month.
pub fn arxiv_month(id: &str) -> Option<(u16, u8)> {
    let yymm = match id.split_once('/') {
        Some((_, number)) => number.get(..4)?,
        None => id.get(..4)?,
    };
    if !all_digits(yymm) {
        return None;
    }
    let yy: u16 = yymm[..2].parse().ok()?;
    let month: u8 = yymm[2..].parse().ok()?;
    // Old ids began in 1991; new ones in 2007 and run to 2099.
    let year = if yy >= 91 { 1900 + yy } else { 2000 + yy };
    (1..=12).contains(&month).then_some((year, month))
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// The DOI of the first doi.org link, decoded from its URL form.
pub fn doi(links: &[Link]) -> Option<String> {
    let valid = links
        .iter()
        .filter(|l| crate::corpus::links::validate(&l.url).is_ok());
    valid.into_iter().find_map(|l| {
        let rest = l
            .url
            .strip_prefix("https://")
            .or_else(|| l.url.strip_prefix("http://"))?;
        let doi = rest
            .strip_prefix("doi.org/")
            .or_else(|| rest.strip_prefix("dx.doi.org/"))?;
        let doi = percent_decode(doi)?;
        // Every DOI starts `10.`; anything else is not one. Decoded, it
        // may spell characters a terminal obeys: such a DOI is none.
        let clean = doi
            .chars()
            .all(|c| !crate::corpus::sanitize::is_unsafe(c) && !c.is_whitespace());
        (doi.starts_with("10.") && clean).then_some(doi)
    })
}

/// `%XX` escapes decoded; `None` when that is not UTF-8.
pub(crate) fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The first arXiv category of the paper's tags (`arxiv/cs.CV` gives
/// `cs.CV`): arXiv lists the primary category first.
pub fn primary_class(tags: &[Tag]) -> Option<String> {
    tags.iter()
        .find(|t| t.namespace() == "arxiv")
        .map(|t| t.name().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(urls: &[&str]) -> Vec<Link> {
        urls.iter().map(|u| Link::classified(*u)).collect()
    }

    #[test]
    fn arxiv_ids_come_from_the_id_or_a_paper_link() {
        assert_eq!(
            arxiv_id("arXiv:2410.13085", &[]).as_deref(),
            Some("2410.13085")
        );
        assert_eq!(arxiv_id("2410.13085v3", &[]).as_deref(), Some("2410.13085"));
        assert_eq!(
            arxiv_id("arXiv:math/0406191v1", &[]).as_deref(),
            Some("math/0406191")
        );
        assert_eq!(
            arxiv_id("math.GT/0309136", &[]).as_deref(),
            Some("math.GT/0309136")
        );
        let from_link = |url| arxiv_id("some-slug", &links(&[url]));
        assert_eq!(
            from_link("https://arxiv.org/abs/2401.01234v2").as_deref(),
            Some("2401.01234")
        );
        assert_eq!(
            from_link("https://arxiv.org/pdf/2401.01234.pdf").as_deref(),
            Some("2401.01234")
        );
        assert_eq!(
            from_link("https://huggingface.co/papers/2401.01234").as_deref(),
            Some("2401.01234")
        );
        for not_one in [
            "some-slug",
            "2410.130",
            "24101.3085",
            "v2",
            "Math/0406191",
            "math/040619",
        ] {
            assert_eq!(arxiv_id(not_one, &[]), None, "{not_one}");
        }
        assert_eq!(from_link("https://github.com/a/2401.01234"), None);
        assert_eq!(from_link("https://arxiv.org/abs/list"), None);
    }

    #[test]
    fn arxiv_ids_say_when_they_were_issued() {
        assert_eq!(arxiv_month("2410.13085"), Some((2024, 10)));
        assert_eq!(arxiv_month("0704.0001"), Some((2007, 4)));
        assert_eq!(arxiv_month("math/0406191"), Some((2004, 6)));
        assert_eq!(arxiv_month("hep-th/9108001"), Some((1991, 8)));
        assert_eq!(arxiv_month("2413.00001"), None);
    }

    #[test]
    fn dois_are_read_back_from_their_links() {
        let doi_of = |url| doi(&links(&[url]));
        assert_eq!(
            doi_of("https://doi.org/10.1103/PhysRevD.76.013009").as_deref(),
            Some("10.1103/PhysRevD.76.013009")
        );
        assert_eq!(
            doi_of("https://doi.org/10.1002/%28SICI%29").as_deref(),
            Some("10.1002/(SICI)")
        );
        assert_eq!(doi_of("https://doi.org/foo"), None);
        // Decoded, a DOI may not spell what a terminal obeys.
        assert_eq!(
            doi_of("https://doi.org/10.1/%1B%5D52%3Bc%3BZQ%3D%3D%07"),
            None
        );
        assert_eq!(doi_of("https://doi.org/10.1/a%E2%80%AEb"), None);
        assert_eq!(doi_of("https://doi.org/10.1/a%0Ab"), None);
        assert_eq!(doi_of("https://arxiv.org/abs/2401.01234"), None);
    }
}
