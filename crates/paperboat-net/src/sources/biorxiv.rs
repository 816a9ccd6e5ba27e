//! One page of the bioRxiv and medRxiv details API, as `GET
//! {biorxiv}/details/SERVER/FROM/TO/CURSOR/json` returns it: a `messages`
//! array whose first message says where the page lies (`cursor`, `count`,
//! `total`, numbers or numbers in strings), and a `collection` of records,
//! one per version of a preprint.
//!
//! The versions of one DOI within a page become one paper, the newest. A
//! page that is not of this shape is an error naming the field; a record
//! that is bad among good ones is left out and said; `no posts found` is an
//! empty page, any other status the service's error.

use std::collections::HashMap;

use serde::Deserialize;
use serde::de::Deserializer;
use serde_json::value::RawValue;

use super::SourceError;
use crate::corpus::arxiv::doi_link;
use crate::corpus::error::{Positions, friendly};
use crate::corpus::fields::{Object, Title, dedup, link};
use crate::corpus::sanitize::{clean_line, clean_text};
use crate::corpus::slug::slug;
use crate::corpus::{Date, LinkKind, Meta, Paper, Tag, Version};

/// Which of the two preprint servers a page is from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Server {
    /// bioRxiv, the biology preprint server.
    Biorxiv,
    /// medRxiv, the health sciences preprint server.
    Medrxiv,
}

impl Server {
    /// The name in the API's path, in tags and in a paper's `sources`.
    pub const fn name(self) -> &'static str {
        match self {
            Server::Biorxiv => "biorxiv",
            Server::Medrxiv => "medrxiv",
        }
    }

    fn site(self) -> &'static str {
        match self {
            Server::Biorxiv => "https://www.biorxiv.org/content/",
            Server::Medrxiv => "https://www.medrxiv.org/content/",
        }
    }
}

/// What one page of the details API holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DetailsPage {
    /// One paper per DOI, the newest version, in the order first seen.
    pub papers: Vec<Paper>,
    /// The records of the whole interval.
    pub total: u64,
    /// The records of this page (versions counted apart).
    pub count: u64,
    /// Where this page starts among them.
    pub cursor: u64,
    /// One line per record left out: where it is and what is wrong.
    pub skipped: Vec<String>,
    /// One line per link left out because it may not be opened.
    pub refused: Vec<String>,
}

#[derive(Deserialize)]
struct Body<'a> {
    messages: Vec<Object<Message>>,
    #[serde(borrow, default)]
    collection: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct Message {
    status: Option<String>,
    cursor: Option<Number>,
    count: Option<Number>,
    total: Option<Number>,
}

#[derive(Deserialize)]
struct Record {
    doi: Title,
    title: Title,
    authors: Option<String>,
    date: Option<Day>,
    version: Option<Number>,
    license: Option<String>,
    category: Option<String>,
    #[serde(rename = "abstract")]
    abstract_text: Option<String>,
    published: Option<String>,
}

impl Record {
    /// The version number; 1 when the record does not say.
    fn number(&self) -> u32 {
        self.version
            .as_ref()
            .map_or(1, |n| u32::try_from(n.0).unwrap_or(u32::MAX))
    }
}

/// Reads one page from `server`.
pub fn parse_details(bytes: &[u8], server: Server) -> Result<DetailsPage, SourceError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let Object(body): Object<Body> = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string().replace(".?", "");
        let e = e.into_inner();
        SourceError::invalid(e.line(), e.column(), path.trim_matches('.'), &friendly(&e))
    })?;
    de.end()
        .map_err(|e| SourceError::invalid(e.line(), e.column(), "", &friendly(&e)))?;
    let Some(Object(message)) = body.messages.into_iter().next() else {
        return Err(SourceError::invalid(1, 1, "messages", "expected a message"));
    };
    let status = message.status.as_deref().unwrap_or("").trim();
    if status.eq_ignore_ascii_case("no posts found") {
        return Ok(DetailsPage::default());
    }
    if !status.eq_ignore_ascii_case("ok") {
        return Err(SourceError::service("status", status));
    }
    let mut page = DetailsPage {
        cursor: message.cursor.map_or(0, |n| n.0),
        count: message.count.map_or(body.collection.len() as u64, |n| n.0),
        total: message.total.map_or(0, |n| n.0),
        ..DetailsPage::default()
    };
    read_collection(bytes, &body.collection, server, &mut page);
    Ok(page)
}

/// Each record into `page`, the versions of a DOI collapsed.
fn read_collection(bytes: &[u8], records: &[&RawValue], server: Server, page: &mut DetailsPage) {
    let mut positions = Positions::new(bytes);
    let mut newest: Vec<(Record, Vec<Version>)> = Vec::new();
    let mut by_doi: HashMap<String, usize> = HashMap::new();
    for (i, raw) in records.iter().enumerate() {
        let mut de = serde_json::Deserializer::from_str(raw.get());
        let record = match serde_path_to_error::deserialize::<_, Object<Record>>(&mut de) {
            Ok(Object(record)) => record,
            Err(e) => {
                let start = raw.get().as_ptr() as usize - bytes.as_ptr() as usize;
                let (line, column) = positions.at(start);
                let (line, column) = if e.inner().line() <= 1 {
                    (line, column + e.inner().column().max(1) - 1)
                } else {
                    (line + e.inner().line() - 1, e.inner().column())
                };
                let path = format!("collection[{i}].{}", e.path()).replace(".?", "");
                let path = path.trim_end_matches('.');
                let e = SourceError::invalid(line, column, path, &friendly(e.inner()));
                page.skipped.push(e.to_string());
                continue;
            }
        };
        let key = doi_key(&record.doi.0);
        let version = Version {
            version: record.number(),
            date: record.date.as_ref().map(|d| d.0),
        };
        match by_doi.get(&key) {
            Some(&at) => {
                let (kept, versions) = &mut newest[at];
                versions.push(version);
                if record.number() >= kept.number() {
                    *kept = record;
                }
            }
            None => {
                by_doi.insert(key, newest.len());
                newest.push((record, vec![version]));
            }
        }
    }
    for (record, versions) in newest {
        let (paper, refused) = into_paper(record, versions, server);
        page.refused.extend(refused);
        page.papers.push(paper);
    }
}

/// The DOI as ids and keys hold it: cleaned, without `https://doi.org/`,
/// in lower case (DOIs ignore case).
fn doi_key(doi: &str) -> String {
    let doi = clean_line(doi);
    let doi = ["https://doi.org/", "http://doi.org/", "doi:"]
        .iter()
        .find_map(|p| {
            doi.get(..p.len())
                .filter(|h| h.eq_ignore_ascii_case(p))
                .map(|_| &doi[p.len()..])
        })
        .unwrap_or(&doi);
    doi.trim().to_lowercase()
}

/// The paper of the newest record of a DOI, with every version seen.
fn into_paper(record: Record, mut versions: Vec<Version>, server: Server) -> (Paper, Vec<String>) {
    let doi = doi_key(&record.doi.0);
    versions.sort_by_key(|v| v.version);
    versions.dedup_by_key(|v| v.version);
    let version = record.number();
    let published = versions
        .iter()
        .find(|v| v.version == 1)
        .and_then(|v| v.date)
        .or(record.date.as_ref().map(|d| d.0));
    let id = clean_line(&format!("doi:{doi}"));
    let mut links: Vec<_> = doi_link(&doi).into_iter().collect();
    let page = format!("{}{doi}v{version}", server.site());
    let mut faults = Vec::new();
    links.extend(link(
        &page,
        Some(LinkKind::Paper),
        || "doi".into(),
        &mut faults,
    ));
    dedup(&mut links);
    let refused = faults
        .iter()
        .map(|r| clean_line(&format!("{id}: refused `{}`: {}", r.url, r.reason)))
        .collect();
    let category = record
        .category
        .as_deref()
        .map(clean_line)
        .unwrap_or_default();
    let tags: Vec<Tag> = (!category.is_empty())
        .then(|| Tag::parse_owned(format!("{}/{}", server.name(), slug(&category))))
        .flatten()
        .into_iter()
        .collect();
    let journal = record.published.as_deref().map(clean_line);
    let meta = Meta {
        doi: Some(doi.clone()),
        version: Some(version),
        versions,
        categories: vec![category],
        license: record.license,
        journal_ref: journal.filter(|j| !j.eq_ignore_ascii_case("NA")),
        sources: vec![server.name().to_string()],
        ..Meta::default()
    }
    .cleaned();
    let paper = Paper {
        id,
        title: record.title.0,
        abstract_text: record
            .abstract_text
            .as_deref()
            .map(clean_text)
            .unwrap_or_default(),
        authors: record
            .authors
            .as_deref()
            .map(|a| {
                a.split(';')
                    .map(clean_line)
                    .filter(|a| !a.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        author_count: None,
        organization: None,
        published,
        upvotes: None,
        links,
        tags,
        meta: Some(Box::new(meta)),
    };
    (paper, refused)
}

/// A count or cursor: a non-negative integer, or one written in a string
/// (the API writes `"total": "1234"`).
struct Number(u64);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Number;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a non-negative integer")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Number, E> {
                Ok(Number(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Number, E> {
                v.trim()
                    .parse()
                    .map(Number)
                    .map_err(|_| E::custom(format!("expected a non-negative integer, found `{v}`")))
            }
        }
        d.deserialize_any(V)
    }
}

/// `2025-12-01`.
struct Day(Date);

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Date::parse(text.trim()).map(Day).ok_or_else(|| {
            serde::de::Error::custom(format!("expected a date YYYY-MM-DD, found `{text}`"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(collection: &str) -> DetailsPage {
        let text = format!(
            r#"{{"messages":[{{"status":"ok","cursor":"0","count":2,"total":2}}],"collection":[{collection}]}}"#
        );
        parse_details(text.as_bytes(), Server::Biorxiv).unwrap()
    }

    fn record(doi: &str, version: &str, date: &str, title: &str) -> String {
        format!(r#"{{"doi":"{doi}","title":"{title}","date":"{date}","version":{version}}}"#)
    }

    #[test]
    fn versions_collapse_whatever_their_order_and_the_case_of_the_doi() {
        let p = page(
            &[
                record("10.1101/ABC", "\"3\"", "2025-12-05", "Three"),
                record("10.1101/abc", "1", "2025-12-01", "One"),
                record("https://doi.org/10.1101/Abc", "\"2\"", "2025-12-03", "Two"),
            ]
            .join(","),
        );
        assert_eq!(p.papers.len(), 1);
        let paper = &p.papers[0];
        assert_eq!(
            (paper.id.as_str(), paper.title.as_str()),
            ("doi:10.1101/abc", "Three")
        );
        assert_eq!(paper.published, Date::new(2025, 12, 1));
        let meta = paper.meta.as_deref().unwrap();
        let numbers: Vec<u32> = meta.versions.iter().map(|v| v.version).collect();
        assert_eq!((numbers, meta.version), (vec![1, 2, 3], Some(3)));
        assert_eq!(meta.sources, ["biorxiv"]);
    }

    #[test]
    fn the_page_shape_is_checked_with_the_field_named() {
        let bad = |text: &str| {
            parse_details(text.as_bytes(), Server::Medrxiv)
                .unwrap_err()
                .to_string()
        };
        assert!(bad("[]").contains("expected an object"), "{}", bad("[]"));
        assert!(bad(r#"{"collection":[]}"#).contains("missing field `messages`"));
        assert!(bad(r#"{"messages":[]}"#).contains("messages: expected a message"));
        let e = bad(r#"{"messages":[{"status":"ok","total":-1}]}"#);
        assert!(e.contains("messages[0].total"), "{e}");
        let e = bad(r#"{"messages":[{"status":"ok","total":"many"}]}"#);
        assert!(e.contains("found `many`"), "{e}");
        assert!(bad(r#"{"messages":[{"status":"ok"}]} x"#).contains("trailing"));
    }

    #[test]
    fn a_record_without_a_doi_or_a_title_is_left_out() {
        let p = page(
            r#"{"title":"No DOI"},{"doi":"10.1/x","title":" "},{"doi":"10.1/y","title":"Fine"}"#,
        );
        assert_eq!(p.papers.len(), 1);
        assert_eq!(p.skipped.len(), 2, "{:?}", p.skipped);
        assert!(
            p.skipped[0].contains("collection[0]: missing field `doi`"),
            "{:?}",
            p.skipped
        );
        assert!(p.skipped[1].contains("collection[1].title: expected a non-empty title"));
        // Without a version, a record is version 1.
        assert_eq!(p.papers[0].meta.as_deref().unwrap().version, Some(1));
    }
}
