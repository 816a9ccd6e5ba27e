//! One `arXivRaw` record, as the text of its elements, made a [`Paper`]
//! the way the arXiv snapshot reader makes one: the same id, tags, links
//! and author names, with what a library keeps besides in its [`Meta`].

use crate::corpus::arxiv::{
    abs_link, category_tag, doi_link, paper_id, parse_mail_date, split_authors,
};
use crate::corpus::fields::{RefusedLink, dedup};
use crate::corpus::sanitize::{clean_line, clean_text};
use crate::corpus::{Date, Meta, Paper, Version};

/// The name of the source in a paper's `sources`.
pub const SOURCE: &str = "arxiv";

/// The text of each element of a record that becomes part of a paper.
#[derive(Debug, Default)]
pub(super) struct RawRecord {
    /// `header/identifier`: `oai:arXiv.org:2505.12345`.
    pub identifier: String,
    /// `header status="deleted"`.
    pub deleted: bool,
    pub id: String,
    pub title: String,
    pub authors: String,
    pub categories: String,
    pub comments: String,
    pub journal_ref: String,
    pub doi: String,
    pub license: String,
    pub abstract_text: String,
    /// Each `version`: its `version` attribute (`v2`) and its `date`.
    pub versions: Vec<(String, String)>,
}

/// What is wrong with a record: the field (below the record) and why.
pub(super) type Fault = (&'static str, &'static str);

impl RawRecord {
    /// The `arXivRaw` elements whose text is kept.
    pub const FIELDS: &[&str] = &[
        "id",
        "title",
        "authors",
        "categories",
        "comments",
        "journal-ref",
        "doi",
        "license",
        "abstract",
    ];

    /// The buffer of the `arXivRaw` element `name`, if it is kept.
    pub fn field(&mut self, name: &str) -> Option<&mut String> {
        Some(match name {
            "id" => &mut self.id,
            "title" => &mut self.title,
            "authors" => &mut self.authors,
            "categories" => &mut self.categories,
            "comments" => &mut self.comments,
            "journal-ref" => &mut self.journal_ref,
            "doi" => &mut self.doi,
            "license" => &mut self.license,
            "abstract" => &mut self.abstract_text,
            _ => return None,
        })
    }

    /// The paper id the header names (`arXiv:2505.12345`), for a deleted
    /// record, which has no metadata.
    pub fn header_id(&self) -> Option<String> {
        let id = clean_line(&self.identifier);
        let id = id.rsplit(':').next().unwrap_or("").trim();
        (!id.is_empty()).then(|| paper_id(id))
    }

    /// The paper, with the links that may not be opened; or the fault.
    pub fn into_paper(self, source: &str) -> Result<(Paper, Vec<RefusedLink>), Fault> {
        let mut id = clean_line(&self.id);
        if id.is_empty() {
            id = clean_line(self.identifier.rsplit(':').next().unwrap_or(""));
        }
        if id.is_empty() {
            return Err(("metadata.arXivRaw.id", "expected a non-empty arXiv id"));
        }
        let title = clean_line(&self.title);
        if title.is_empty() {
            return Err(("metadata.arXivRaw.title", "expected a non-empty title"));
        }
        let versions = versions(&self.versions);
        let categories: Vec<String> = clean_line(&self.categories)
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let mut tags: Vec<_> = categories.iter().filter_map(|c| category_tag(c)).collect();
        dedup(&mut tags);
        let mut refused = Vec::new();
        let mut links: Vec<_> = abs_link(&id, &mut refused).into_iter().collect();
        let doi = clean_line(&self.doi);
        links.extend(doi.split_whitespace().filter_map(doi_link));
        dedup(&mut links);
        let first_doi = doi
            .split_whitespace()
            .next()
            .map(|d| d.trim_end_matches([',', ';']).to_string());
        let meta = Meta {
            arxiv_id: Some(id.clone()),
            doi: first_doi,
            version: versions.iter().map(|v| v.version).max(),
            versions: versions.clone(),
            categories,
            journal_ref: Some(self.journal_ref),
            license: Some(self.license),
            comments: Some(self.comments),
            sources: vec![source.to_string()],
            ..Meta::default()
        }
        .cleaned();
        let paper = Paper {
            id: paper_id(&id),
            title,
            abstract_text: clean_text(&self.abstract_text),
            authors: split_authors(&self.authors),
            author_count: None,
            organization: None,
            published: published(&versions),
            upvotes: None,
            links,
            tags,
            meta: Some(Box::new(meta)),
        };
        Ok((paper, refused))
    }
}

/// The versions that carry a number (`v2`), oldest first, each with its
/// date when the date reads (`Mon, 2 Apr 2007 19:18:42 GMT`).
fn versions(raw: &[(String, String)]) -> Vec<Version> {
    let mut versions: Vec<Version> = raw
        .iter()
        .filter_map(|(number, date)| {
            let number = number.trim();
            let number = number.strip_prefix(['v', 'V']).unwrap_or(number);
            Some(Version {
                version: number.parse().ok().filter(|&n| n > 0)?,
                date: parse_mail_date(&clean_line(date)),
            })
        })
        .collect();
    versions.sort_by_key(|v| v.version);
    versions.dedup_by_key(|v| v.version);
    versions
}

/// The day of the first version that has one (v1, as a rule).
fn published(versions: &[Version]) -> Option<Date> {
    versions.iter().find_map(|v| v.date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> RawRecord {
        RawRecord {
            identifier: "oai:arXiv.org:0704.0001".into(),
            id: "0704.0001".into(),
            title: "Calculation of prompt diphoton production\n  cross sections".into(),
            authors: "C. Bal\\'azs, E. L. Berger, P. M. Nadolsky and C.-P. Yuan".into(),
            categories: "hep-ph cs.CV hep-ph".into(),
            doi: "10.1103/PhysRevD.76.013009".into(),
            abstract_text: "  A fully differential calculation\nis presented.\n\n  Second.\n"
                .into(),
            versions: vec![
                ("v2".into(), "Tue, 24 Jul 2007 20:10:27 GMT".into()),
                ("v1".into(), "Mon, 2 Apr 2007 19:18:42 GMT".into()),
                ("x".into(), "Mon, 9 Apr 2007 19:18:42 GMT".into()),
            ],
            ..RawRecord::default()
        }
    }

    #[test]
    fn a_record_maps_as_the_snapshot_reader_maps_it() {
        let (p, refused) = record().into_paper("arxiv").unwrap();
        assert!(refused.is_empty());
        assert_eq!(p.id, "arXiv:0704.0001");
        assert_eq!(
            p.title,
            "Calculation of prompt diphoton production cross sections"
        );
        assert_eq!(
            p.abstract_text,
            "A fully differential calculation is presented.\n\nSecond."
        );
        assert_eq!(
            p.authors,
            [
                "C. Bal\\'azs",
                "E. L. Berger",
                "P. M. Nadolsky",
                "C.-P. Yuan"
            ]
        );
        assert_eq!(p.published, Date::new(2007, 4, 2));
        let tags: Vec<&str> = p.tags.iter().map(|t| t.as_str()).collect();
        assert_eq!(tags, ["arxiv/hep-ph", "arxiv/cs.CV"]);
        let urls: Vec<&str> = p.links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://arxiv.org/abs/0704.0001",
                "https://doi.org/10.1103/PhysRevD.76.013009"
            ]
        );
        let m = p.meta.as_deref().unwrap();
        assert_eq!(m.arxiv_id.as_deref(), Some("0704.0001"));
        assert_eq!(m.version, Some(2));
        let numbers: Vec<u32> = m.versions.iter().map(|v| v.version).collect();
        assert_eq!(numbers, [1, 2]);
        assert_eq!(m.versions[1].date, Date::new(2007, 7, 24));
        assert_eq!(m.categories, ["hep-ph", "cs.CV"]);
        assert_eq!(m.doi.as_deref(), Some("10.1103/PhysRevD.76.013009"));
        assert_eq!((m.comments.as_deref(), m.license.as_deref()), (None, None));
        assert_eq!(m.sources, ["arxiv"]);
    }

    #[test]
    fn a_record_without_a_title_or_an_id_is_a_fault() {
        let mut r = record();
        r.title = " \n ".into();
        assert_eq!(
            r.into_paper("arxiv").unwrap_err().0,
            "metadata.arXivRaw.title"
        );
        let mut r = record();
        r.id.clear();
        assert_eq!(r.into_paper("arxiv").unwrap().0.id, "arXiv:0704.0001");
        let mut r = record();
        r.id.clear();
        r.identifier.clear();
        assert_eq!(r.into_paper("arxiv").unwrap_err().0, "metadata.arXivRaw.id");
    }

    #[test]
    fn a_hostile_id_is_cleaned_and_its_link_refused() {
        let mut r = record();
        r.id = "1\u{1b}[2J".into();
        let (p, refused) = r.into_paper("arxiv").unwrap();
        assert_eq!(p.id, "arXiv:1\u{fffd}[2J");
        assert_eq!(refused.len(), 1);
        assert!(p.links.iter().all(|l| !l.url.contains("arxiv.org/abs")));
    }

    #[test]
    fn versions_without_a_date_or_number() {
        let v = versions(&[
            ("v3".into(), "someday".into()),
            ("v0".into(), "Mon, 2 Apr 2007 19:18:42 GMT".into()),
            ("V1".into(), "".into()),
        ]);
        let numbers: Vec<(u32, Option<Date>)> = v.iter().map(|v| (v.version, v.date)).collect();
        assert_eq!(numbers, [(1, None), (3, None)]);
        assert_eq!(published(&v), None);
    }
}
