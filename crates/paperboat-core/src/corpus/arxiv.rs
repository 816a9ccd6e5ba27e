//! The arXiv metadata snapshot, one JSON object per line (the Kaggle
//! `arxiv-metadata-oai-snapshot.json`): one record becomes one [`Paper`].
//!
//! Categories become tags `arxiv/cs.CV`, in arXiv's own case (as arXiv
//! writes them and readers know them); `tag:cs.cv` finds it all the same,
//! as tag clauses ignore case.

use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, SeqAccess, Visitor};

use super::error::Fault;
use super::fields::{
    AbstractText, Checked, Line, Object, Paragraphs, RefusedLink, Text, Title, Unread, dedup, link,
};
use super::paper::{Date, Link, LinkKind, Paper, Tag};
use super::sanitize::{clean_line, clean_line_owned};

/// The id of the arXiv paper `id` (`2410.13085`, `math/0406191`), the same
/// in every format: `arXiv:2410.13085`.
pub fn paper_id(id: &str) -> String {
    let mut out = String::with_capacity(6 + id.len());
    out.push_str("arXiv:");
    out.push_str(id);
    clean_line_owned(out)
}

/// One line of the file (without its line break) as a paper whose id is
/// the one it asks for, or what is wrong with it.
pub fn parse_record(line: &[u8]) -> Result<Checked, Fault> {
    parse_as::<Paragraphs>(line)
}

/// [`parse_record`] for a first read that keeps the headlines only: the
/// abstract is checked as [`parse_record`] checks it but left empty, so
/// that a record is refused or taken exactly as it would be then.
pub fn parse_headline(line: &[u8]) -> Result<Checked, Fault> {
    parse_as::<Unread>(line)
}

fn parse_as<A>(line: &[u8]) -> Result<Checked, Fault>
where
    A: AbstractText + for<'de> Deserialize<'de>,
{
    // Checked once here, strings need no check of their own.
    let parsed = match simdutf8::basic::from_utf8(line) {
        Ok(text) => serde_json::from_str::<Object<Record<A>>>(text),
        Err(_) => serde_json::from_slice::<Object<Record<A>>>(line),
    };
    match parsed {
        Ok(Object(record)) => Ok(record.into_paper()),
        // The fast parse does not track paths; only a failing record pays.
        Err(e) => Err(fault(line).unwrap_or_else(|| Fault::from_serde(String::new(), &e))),
    }
}

fn fault(line: &[u8]) -> Option<Fault> {
    let mut de = serde_json::Deserializer::from_slice(line);
    match serde_path_to_error::deserialize::<_, Object<Record<Paragraphs>>>(&mut de) {
        Err(e) => Some(Fault::from_serde(e.path().to_string(), e.inner())),
        Ok(_) => de.end().err().map(|e| Fault::from_serde(String::new(), &e)),
    }
}

#[derive(Deserialize)]
struct Record<'a, A> {
    id: Id,
    title: Title,
    #[serde(borrow)]
    authors: Option<Text<'a>>,
    #[serde(rename = "abstract")]
    abstract_text: Option<A>,
    #[serde(borrow)]
    doi: Option<Text<'a>>,
    #[serde(borrow)]
    categories: Option<Text<'a>>,
    versions: Option<Versions>,
    authors_parsed: Option<ParsedAuthors>,
}

impl<A: AbstractText> Record<'_, A> {
    fn into_paper(self) -> Checked {
        let id = self.id.0;
        let mut refused = Vec::new();
        let mut links: Vec<Link> = Vec::with_capacity(2);
        links.extend(abs_link(&id, &mut refused));
        if let Some(Text(doi)) = &self.doi {
            links.extend(doi.split_whitespace().filter_map(doi_link));
            dedup(&mut links);
        }
        let mut tags: Vec<Tag> = match &self.categories {
            Some(Text(c)) => c.split_whitespace().filter_map(category_tag).collect(),
            None => Vec::new(),
        };
        dedup(&mut tags);
        let authors = match self.authors_parsed {
            Some(ParsedAuthors(names)) if !names.is_empty() => names,
            _ => self
                .authors
                .map(|Text(a)| split_authors(&a))
                .unwrap_or_default(),
        };
        let paper = Paper {
            id: paper_id(&id),
            title: self.title.0,
            abstract_text: self
                .abstract_text
                .map(AbstractText::into_text)
                .unwrap_or_default(),
            authors,
            author_count: None,
            organization: None,
            published: self.versions.and_then(|v| v.0),
            upvotes: None,
            links,
            tags,
            meta: None,
        };
        Checked { paper, refused }
    }
}

/// `arxiv/cs.CV` for the category `cs.CV`.
pub fn category_tag(category: &str) -> Option<Tag> {
    let mut tag = String::with_capacity(6 + category.len());
    tag.push_str("arxiv/");
    tag.push_str(category);
    Tag::parse_owned(tag)
}

/// `https://arxiv.org/abs/ID`; an id of the usual characters needs no check.
pub fn abs_link(id: &str, refused: &mut Vec<RefusedLink>) -> Option<Link> {
    const ABS: &str = "https://arxiv.org/abs/";
    let mut url = String::with_capacity(ABS.len() + id.len());
    url.push_str(ABS);
    url.push_str(id);
    let plain = id
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'/' | b'-' | b'_'));
    if plain {
        Some(Link {
            kind: LinkKind::Paper,
            url,
        })
    } else {
        link(&url, Some(LinkKind::Paper), || "id".into(), refused)
    }
}

/// `A. One, B. Two and C. Three` as names, for records without
/// `authors_parsed`.
pub fn split_authors(text: &str) -> Vec<String> {
    let text = clean_line(text);
    text.split(',')
        .flat_map(|part| part.split(" and "))
        .map(|name| {
            let name = name.trim();
            name.strip_prefix("and ").unwrap_or(name).trim().to_string()
        })
        .filter(|name| !name.is_empty())
        .collect()
}

/// `https://doi.org/DOI`, with the characters a URL may not carry escaped.
pub fn doi_link(doi: &str) -> Option<Link> {
    let doi = doi.trim_end_matches([',', ';']);
    let doi = ["doi:", "https://doi.org/", "http://dx.doi.org/"]
        .iter()
        .find_map(|p| {
            doi.get(..p.len())
                .filter(|head| head.eq_ignore_ascii_case(p))
                .map(|_| &doi[p.len()..])
        })
        .unwrap_or(doi);
    if doi.is_empty() {
        return None;
    }
    let mut url = String::with_capacity(16 + doi.len());
    url.push_str("https://doi.org/");
    for b in doi.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&()*+,;=:@/".contains(&b) {
            url.push(b as char);
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            url.push('%');
            url.push(HEX[usize::from(b >> 4)] as char);
            url.push(HEX[usize::from(b & 15)] as char);
        }
    }
    // Every character is escaped or allowed: a valid link by construction.
    Some(Link {
        kind: LinkKind::Paper,
        url,
    })
}

/// The arXiv id, cleaned: a string with something in it.
struct Id(String);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let Line(text) = Line::deserialize(d)?;
        if text.is_empty() {
            return Err(serde::de::Error::custom("expected a non-empty arXiv id"));
        }
        Ok(Id(text))
    }
}

/// `versions`: the date v1 was created (the lowest version number, as
/// listed in any order; the first listed when none is numbered); the
/// others are checked but not kept.
struct Versions(Option<Date>);

impl<'de> Deserialize<'de> for Versions {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Versions;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an array of versions")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Versions, A::Error> {
                // The earliest (number, place in the list) with a date.
                let mut earliest: Option<((u32, usize), Date)> = None;
                let mut at = 0;
                while let Some(Object(v)) = seq.next_element::<Object<Version>>()? {
                    let key = (v.version.0.unwrap_or(u32::MAX), at);
                    at += 1;
                    if let Some(Created(date)) = v.created
                        && earliest.is_none_or(|(k, _)| key < k)
                    {
                        earliest = Some((key, date));
                    }
                }
                Ok(Versions(earliest.map(|(_, date)| date)))
            }
        }
        d.deserialize_seq(V)
    }
}

#[derive(Deserialize)]
struct Version {
    #[serde(default)]
    version: VersionNumber,
    created: Option<Created>,
}

/// `v2` as 2; anything else (absent, another shape) is no number, never
/// an error: only the dates were ever checked.
#[derive(Default)]
struct VersionNumber(Option<u32>);

impl<'de> Deserialize<'de> for VersionNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = VersionNumber;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a version like `v1`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<VersionNumber, E> {
                let number = v.strip_prefix(['v', 'V']).and_then(|n| n.parse().ok());
                Ok(VersionNumber(number))
            }
            fn visit_bool<E>(self, _: bool) -> Result<VersionNumber, E> {
                Ok(VersionNumber(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<VersionNumber, E> {
                Ok(VersionNumber(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<VersionNumber, E> {
                Ok(VersionNumber(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<VersionNumber, E> {
                Ok(VersionNumber(None))
            }
            fn visit_unit<E>(self) -> Result<VersionNumber, E> {
                Ok(VersionNumber(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<VersionNumber, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(VersionNumber(None))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<VersionNumber, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(VersionNumber(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// `Mon, 2 Apr 2007 19:18:42 GMT`: only the date is kept.
struct Created(Date);

impl<'de> Deserialize<'de> for Created {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let Text(text) = Text::deserialize(d)?;
        parse_mail_date(&text).map(Created).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "expected a date like `Mon, 2 Apr 2007 19:18:42 GMT`, found `{text}`"
            ))
        })
    }
}

/// The date of an RFC 2822 date-time: `[Weekday,] D Mon YYYY ...`.
pub fn parse_mail_date(text: &str) -> Option<Date> {
    let mut words = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty());
    let mut word = words.next()?;
    if word.starts_with(|c: char| c.is_ascii_alphabetic()) {
        word = words.next()?;
    }
    let number = |w: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse::<u16>().ok())
            .flatten()
    };
    let day = number(word, 1..=2)?;
    let month = words.next()?;
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let month = MONTHS
        .iter()
        .position(|m| month.len() >= 3 && month[..3].eq_ignore_ascii_case(m))?;
    let year = number(words.next()?, 4..=4)?;
    Date::new(year, month as u8 + 1, day as u8)
}

/// `authors_parsed`: `[last, first, suffix...]` arrays as `First Last Suffix`.
struct ParsedAuthors(Vec<String>);

impl<'de> Deserialize<'de> for ParsedAuthors {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ParsedAuthors;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an array of [last, first, suffix] arrays")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ParsedAuthors, A::Error> {
                let mut names = Vec::with_capacity(seq.size_hint().unwrap_or(4));
                while let Some(AuthorName(name)) = seq.next_element()? {
                    if !name.is_empty() {
                        names.push(name);
                    }
                }
                Ok(ParsedAuthors(names))
            }
        }
        d.deserialize_seq(V)
    }
}

/// One `[last, first, suffix...]` array as a clean name, possibly empty.
struct AuthorName(String);

impl<'de> Deserialize<'de> for AuthorName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AuthorName;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an array [last, first, suffix]")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<AuthorName, A::Error> {
                let last: Option<Text<'de>> = seq.next_element()?;
                let first: Option<Text<'de>> = seq.next_element()?;
                let len = |t: &Option<Text>| t.as_ref().map_or(0, |t| t.0.len());
                let mut name = String::with_capacity(len(&last) + len(&first) + 8);
                for Text(part) in first.iter().chain(&last) {
                    name.push_str(part);
                    name.push(' ');
                }
                while let Some(Text(part)) = seq.next_element::<Text<'de>>()? {
                    name.push_str(&part);
                    name.push(' ');
                }
                // Empty parts leave double spaces, which cleaning collapses.
                Ok(AuthorName(clean_line_owned(name)))
            }
        }
        d.deserialize_seq(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paper(line: &str) -> Paper {
        parse_record(line.as_bytes()).unwrap().paper
    }

    fn fault(line: &str) -> Fault {
        match parse_record(line.as_bytes()) {
            Ok(_) => panic!("{line} parsed"),
            Err(f) => f,
        }
    }

    #[test]
    fn a_headline_read_takes_and_refuses_exactly_what_a_full_read_does() {
        let abstracts = [
            r#""Plain text.""#,
            r#""Escaped \n\u00e9 text \u001b[31m""#,
            r#""""#,
            "null",
            "3",
            "[\"a\"]",
            "{}",
            "true",
        ];
        let mut lines: Vec<String> = abstracts
            .iter()
            .map(|a| {
                format!(r#"{{"id":"2401.1","title":"A title","abstract":{a},"authors":"A. B"}}"#)
            })
            .collect();
        lines.push(r#"{"id":"2401.1","title":"No abstract"}"#.into());
        lines.push(r#"{"id":"2401.1","title":"","abstract":"x"}"#.into());
        lines.push(r#"{"id":"2401.1","title":"t","abstract":"x""#.into());
        for line in &lines {
            let full = parse_record(line.as_bytes());
            let headline = parse_headline(line.as_bytes());
            match (full, headline) {
                (Ok(full), Ok(headline)) => {
                    let mut expected = full.paper;
                    expected.abstract_text.clear();
                    assert_eq!(headline.paper, expected, "{line}");
                    assert_eq!(headline.refused, full.refused, "{line}");
                }
                (Err(full), Err(headline)) => assert_eq!(headline, full, "{line}"),
                (full, headline) => panic!(
                    "{line}: full read ok {}, headline read ok {}",
                    full.is_ok(),
                    headline.is_ok()
                ),
            }
        }
    }

    #[test]
    fn the_date_is_that_of_v1_whatever_the_order_of_the_versions() {
        let date = |versions: &str| {
            paper(&format!(
                r#"{{"id":"1","title":"t","versions":{versions}}}"#
            ))
            .published
        };
        let v = |n: &str, day: u8| {
            format!(r#"{{"version":"{n}","created":"Mon, {day} Apr 2007 19:18:42 GMT"}}"#)
        };
        assert_eq!(
            date(&format!("[{},{},{}]", v("v3", 9), v("v1", 2), v("v2", 5))),
            Date::new(2007, 4, 2)
        );
        assert_eq!(
            date(&format!("[{},{}]", v("v10", 9), v("v2", 5))),
            Date::new(2007, 4, 5),
            "v2 before v10"
        );
        // Unnumbered (or numbered oddly): the first listed, after any v1.
        let odd = r#"{"version":7,"created":"Mon, 3 Apr 2007 19:18:42 GMT"}"#;
        assert_eq!(
            date(&format!("[{odd},{}]", v("x", 4))),
            Date::new(2007, 4, 3)
        );
        assert_eq!(
            date(&format!("[{odd},{}]", v("v1", 4))),
            Date::new(2007, 4, 4)
        );
        // A v1 without a date: the next version that has one.
        let undated = r#"{"version":"v1"}"#;
        assert_eq!(
            date(&format!("[{},{undated}]", v("v2", 6))),
            Date::new(2007, 4, 6)
        );
        assert_eq!(date("[]"), None);
    }

    #[test]
    fn a_full_record_maps_every_field() {
        let p = paper(
            r#"{"id":"0704.0001","submitter":"Pavel Nadolsky","authors":"C. Bal\\'azs, E. L. Berger",
            "title":"Calculation of prompt diphoton production cross sections at Tevatron and\n  LHC energies",
            "comments":"37 pages","journal-ref":"Phys.Rev.D76:013009,2007","doi":"10.1103/PhysRevD.76.013009",
            "report-no":"ANL-HEP-PR-07-12","categories":"hep-ph cs.CV hep-ph","license":null,
            "abstract":"  A fully differential calculation in perturbative quantum chromodynamics is\npresented.\n",
            "versions":[{"version":"v1","created":"Mon, 2 Apr 2007 19:18:42 GMT"},{"version":"v2","created":"Tue, 24 Jul 2007 20:10:27 GMT"}],
            "update_date":"2008-11-13","authors_parsed":[["Balázs","C.",""],["Berger","E. L.",""],["Smith","John","Jr."],["","",""]]}"#,
        );
        assert_eq!(p.id, "arXiv:0704.0001");
        assert_eq!(
            p.title,
            "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies"
        );
        assert_eq!(
            p.abstract_text,
            "A fully differential calculation in perturbative quantum chromodynamics is presented."
        );
        assert_eq!(p.authors, ["C. Balázs", "E. L. Berger", "John Smith Jr."]);
        assert_eq!(p.published, Date::new(2007, 4, 2));
        assert_eq!(p.upvotes, None);
        let tags: Vec<&str> = p.tags.iter().map(Tag::as_str).collect();
        assert_eq!(tags, ["arxiv/hep-ph", "arxiv/cs.CV"]);
        let urls: Vec<&str> = p.links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://arxiv.org/abs/0704.0001",
                "https://doi.org/10.1103/PhysRevD.76.013009"
            ]
        );
        assert!(
            p.links
                .iter()
                .all(|l| l.kind == crate::corpus::LinkKind::Paper)
        );
    }

    #[test]
    fn missing_and_odd_fields() {
        let p = paper(
            r#"{"id":"1","title":"T","authors":"A. One, B. Two and C. Three,\n and D. Four","authors_parsed":[]}"#,
        );
        assert_eq!(p.authors, ["A. One", "B. Two", "C. Three", "D. Four"]);
        assert_eq!(p.published, None);
        assert_eq!(p.links.len(), 1);
        assert!(p.tags.is_empty());
        assert_eq!(p.abstract_text, "");
        let p = paper(
            r#"{"id":"2","title":"T","doi":"10.1/a 10.2/b<c>","versions":[],"abstract":"One.\n\n  Two.","authors":null}"#,
        );
        let urls: Vec<&str> = p.links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://arxiv.org/abs/2",
                "https://doi.org/10.1/a",
                "https://doi.org/10.2/b%3Cc%3E"
            ]
        );
        assert_eq!(p.abstract_text, "One.\n\nTwo.");
        assert!(p.authors.is_empty());
        assert_eq!(
            paper(r#"{"id":"math/0406191","title":"T"}"#).id,
            "arXiv:math/0406191"
        );
    }

    #[test]
    fn text_is_sanitized() {
        let p = paper(
            "{\"id\":\"1\\u001b\",\"title\":\"a\\u001b[2J  b\\u202e\",\"authors_parsed\":[[\"X\\u0007\",\"Y\"]]}",
        );
        assert_eq!(p.title, "a\u{FFFD}[2J b\u{FFFD}");
        assert_eq!(p.id, "arXiv:1\u{FFFD}");
        assert_eq!(p.authors, ["Y X\u{FFFD}"]);
        // The id's link is refused, not opened with a control character in it.
        assert!(p.links.is_empty());
        let refused = parse_record(b"{\"id\":\"1\\u001b\",\"title\":\"t\"}")
            .unwrap()
            .refused;
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0].field, "id");
    }

    #[test]
    fn bad_records_name_the_field() {
        let f = fault(r#"{"id":"1","title":5}"#);
        assert_eq!((f.path.as_str(), f.column), ("title", 19));
        assert_eq!(f.message, "expected a string, found integer `5`");
        assert_eq!(fault(r#"{"id":"1"}"#).message, "missing field `title`");
        assert_eq!(
            fault(r#"{"id":"1","title":" "}"#).message,
            "expected a non-empty title"
        );
        assert_eq!(fault(r#"{"id":"","title":"t"}"#).path, "id");
        let f = fault(r#"{"id":"1","title":"t","versions":[{"created":"yesterday"}]}"#);
        assert_eq!(f.path, "versions[0].created");
        assert!(
            f.message.starts_with("expected a date like"),
            "{}",
            f.message
        );
        assert_eq!(
            fault(r#"{"id":"1","title":"t","authors_parsed":[[1]]}"#).path,
            "authors_parsed[0][0]"
        );
        assert_eq!(
            fault(r#"["1","t"]"#).message,
            "expected an object, found sequence"
        );
        assert!(
            fault(r#"{"id":"1","title":"t"} x"#)
                .message
                .contains("trailing")
        );
        assert!(
            fault(r#"{"id":"1","title":"t""#)
                .message
                .contains("end of file")
        );
    }

    #[test]
    fn mail_dates() {
        assert_eq!(
            parse_mail_date("Mon, 2 Apr 2007 19:18:42 GMT"),
            Date::new(2007, 4, 2)
        );
        assert_eq!(parse_mail_date("29 feb 2024"), Date::new(2024, 2, 29));
        assert_eq!(parse_mail_date("Thu, 31 Sep 2020 00:00:00 GMT"), None);
        assert_eq!(parse_mail_date("2007-04-02"), None);
        assert_eq!(parse_mail_date(""), None);
    }
}
