//! The Hugging Face Daily Papers API: a JSON array of entries, each with a
//! `paper` object; one entry becomes one [`Paper`].
//!
//! The array is read entry by entry, so that one bad entry is reported
//! with its position and skipped (or, when strict, fatal) while the others
//! load. What Daily Papers knows besides the corpus fields (the AI summary
//! and keywords, the repository's stars, the comment count, the day on the
//! feed) goes into the paper's [`Meta`], as it does for the library.

use serde::Deserialize;
use serde::de::Deserializer;
use serde_json::value::RawValue;

use super::error::{Fault, LoadError, Positions, friendly};
use super::fields::{Checked, Count, Object, Title, dedup, link};
use super::meta::Meta;
use super::paper::{Date, Paper, Tag};
use super::sanitize::{clean_line, clean_text};
use super::slug::slug;

/// Whether `bytes` (without a BOM) is a JSON array as a whole, read as
/// the entries are: a byte that is not UTF-8 reads as `?`. The error is
/// the file's, with its position; the entries themselves are read one by
/// one with [`read_entry`].
pub fn check(bytes: &[u8], file: &str) -> Result<(), LoadError> {
    let (text, _) = valid_utf8(bytes);
    let mut de = serde_json::Deserializer::from_slice(&text);
    let _: Vec<&RawValue> = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let e = e.into_inner();
        LoadError::invalid(file, e.line(), e.column(), &path, &friendly(&e))
    })?;
    de.end()
        .map_err(|e| LoadError::invalid(file, e.line(), e.column(), "", &friendly(&e)))
}

/// One entry's text: its paper, or what is wrong with it (positioned
/// within its text), or `None` when the text is not JSON at all, which
/// makes the whole file bad ([`check`] says where).
///
/// An entry holding bytes that are not UTF-8 is a bad entry like any
/// other, when it is JSON with each such byte read as `?`.
pub fn read_entry(text: &[u8]) -> Option<Result<Checked, Fault>> {
    let Ok(valid) = simdutf8::basic::from_utf8(text) else {
        let (fixed, invalid) = valid_utf8(text);
        if !is_json(&fixed) {
            return None;
        }
        let (line, column) = Positions::new(text).at(invalid.first().copied().unwrap_or(0));
        return Some(Err(Fault {
            line,
            column,
            path: String::new(),
            message: "invalid UTF-8".into(),
        }));
    };
    Some(match serde_json::from_str::<Object<Entry>>(valid) {
        Ok(Object(entry)) => entry.into_paper(),
        // A wrong value may come before a fault of the text itself. JSON
        // that no paper can hold (`1e400`, a lone surrogate `\ud800`) is
        // a syntax error to serde_json but a bad entry here, as the text
        // around it reads.
        Err(e) if e.is_eof() || !is_json(text) => return None,
        Err(e) => Err(fault(valid).unwrap_or_else(|| Fault::from_serde(String::new(), &e))),
    })
}

/// `bytes` with every byte of an invalid UTF-8 sequence replaced by `?`
/// (so every offset stays where it was), and the offsets of those
/// sequences, in order. Valid text is borrowed as it is.
pub fn valid_utf8(bytes: &[u8]) -> (std::borrow::Cow<'_, [u8]>, Vec<usize>) {
    if std::str::from_utf8(bytes).is_ok() {
        return (std::borrow::Cow::Borrowed(bytes), Vec::new());
    }
    let mut fixed = bytes.to_vec();
    let mut invalid = Vec::new();
    let mut at = 0;
    while at < fixed.len() {
        match std::str::from_utf8(&fixed[at..]) {
            Ok(_) => break,
            Err(e) => {
                let start = at + e.valid_up_to();
                let len = e.error_len().unwrap_or(fixed.len() - start);
                fixed[start..start + len].fill(b'?');
                invalid.push(start);
                at = start + len;
            }
        }
    }
    (std::borrow::Cow::Owned(fixed), invalid)
}

/// Whether `text` is one JSON value.
fn is_json(text: &[u8]) -> bool {
    serde_json::from_slice::<serde::de::IgnoredAny>(text).is_ok()
}

/// The paper of one entry's bytes, if it is a good entry.
pub fn parse_entry(bytes: &[u8]) -> Option<Paper> {
    let Object(entry) = serde_json::from_slice::<Object<Entry>>(bytes).ok()?;
    entry.into_paper().ok().map(|checked| checked.paper)
}

fn fault(text: &str) -> Option<Fault> {
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize::<_, Object<Entry>>(&mut de)
        .err()
        .map(|e| Fault::from_serde(e.path().to_string(), e.inner()))
}

#[derive(Deserialize)]
struct Entry {
    paper: Option<Object<PaperRecord>>,
    title: Option<Title>,
    summary: Option<String>,
    #[serde(rename = "publishedAt")]
    published_at: Option<Timestamp>,
    organization: Option<Object<Named>>,
    #[serde(rename = "numComments")]
    num_comments: Option<Count>,
    #[serde(rename = "submittedOnDailyAt")]
    submitted_on_daily_at: Option<Timestamp>,
}

#[derive(Deserialize)]
struct PaperRecord {
    id: Option<String>,
    title: Option<Title>,
    summary: Option<String>,
    authors: Option<Vec<Object<Named>>>,
    #[serde(rename = "publishedAt")]
    published_at: Option<Timestamp>,
    upvotes: Option<Count>,
    #[serde(rename = "githubRepo")]
    github_repo: Option<String>,
    #[serde(rename = "projectPage")]
    project_page: Option<String>,
    ai_keywords: Option<Vec<String>>,
    organization: Option<Object<Named>>,
    ai_summary: Option<String>,
    #[serde(rename = "githubStars")]
    github_stars: Option<Count>,
    #[serde(rename = "numComments")]
    num_comments: Option<Count>,
    #[serde(rename = "submittedOnDailyAt")]
    submitted_on_daily_at: Option<Timestamp>,
}

/// An author or an organization: only the name is kept.
#[derive(Deserialize)]
struct Named {
    name: Option<String>,
}

impl Entry {
    fn into_paper(self) -> Result<Checked, Fault> {
        let p = self.paper.as_ref().map(|Object(p)| p);
        let Some(title) = p.and_then(|p| p.title.as_ref()).or(self.title.as_ref()) else {
            return Err(Fault {
                line: 1,
                column: 1,
                path: "paper.title".into(),
                message: "missing field `title` (and no `title` outside `paper`)".into(),
            });
        };
        let title = title.0.clone();
        let raw_id = p
            .and_then(|p| p.id.as_deref())
            .map(str::trim)
            .filter(|id| !id.is_empty());
        let mut links = Vec::new();
        let mut refused = Vec::new();
        for (url, field) in [
            (p.and_then(|p| p.github_repo.as_deref()), "paper.githubRepo"),
            (
                p.and_then(|p| p.project_page.as_deref()),
                "paper.projectPage",
            ),
        ] {
            if let Some(url) = url {
                links.extend(link(url, None, || field.into(), &mut refused));
            }
        }
        if let Some(id) = raw_id {
            let url = format!("https://huggingface.co/papers/{id}");
            links.extend(link(&url, None, || "paper.id".into(), &mut refused));
        }
        dedup(&mut links);
        let mut tags: Vec<Tag> = p
            .and_then(|p| p.ai_keywords.as_ref())
            .map(|k| k.iter().filter_map(|k| keyword_tag(k)).collect())
            .unwrap_or_default();
        dedup(&mut tags);
        let organization = p
            .and_then(|p| p.organization.as_ref())
            .or(self.organization.as_ref())
            .and_then(|Object(o)| o.name.as_deref())
            .map(clean_line)
            .filter(|o| !o.is_empty());
        let paper = Paper {
            id: raw_id.map_or_else(|| slug(&title), super::arxiv::paper_id),
            title,
            abstract_text: p
                .and_then(|p| p.summary.as_deref())
                .or(self.summary.as_deref())
                .map(clean_text)
                .unwrap_or_default(),
            authors: p
                .and_then(|p| p.authors.as_ref())
                .map(|a| {
                    a.iter()
                        .filter_map(|Object(a)| a.name.as_deref().map(clean_line))
                        .filter(|a| !a.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            author_count: None,
            organization,
            published: p
                .and_then(|p| p.published_at.as_ref())
                .or(self.published_at.as_ref())
                .map(|t| t.0),
            upvotes: p.and_then(|p| p.upvotes.as_ref()).map(|n| n.0),
            links,
            tags,
            meta: Some(Box::new(self.meta(p, raw_id))),
        };
        Ok(Checked { paper, refused })
    }

    /// What the entry knows besides the corpus fields. The day on the feed
    /// is the day it was submitted to Daily Papers (the entry's own
    /// `publishedAt` says the same), not the paper's date on arXiv.
    fn meta(&self, p: Option<&PaperRecord>, raw_id: Option<&str>) -> Meta {
        let count = |c: &Option<Count>| c.as_ref().map(|c| c.0);
        Meta {
            arxiv_id: raw_id.map(str::to_string),
            ai_summary: p.and_then(|p| p.ai_summary.clone()),
            ai_keywords: p.and_then(|p| p.ai_keywords.clone()).unwrap_or_default(),
            stars: p.and_then(|p| count(&p.github_stars)),
            num_comments: count(&self.num_comments).or(p.and_then(|p| count(&p.num_comments))),
            feed_day: p
                .and_then(|p| p.submitted_on_daily_at.as_ref())
                .or(self.submitted_on_daily_at.as_ref())
                .or(self.published_at.as_ref())
                .map(|t| t.0),
            sources: vec![SOURCE.to_string()],
            ..Meta::default()
        }
        .cleaned()
    }
}

/// The name of the source in a paper's `sources`.
pub const SOURCE: &str = "hf";

/// `keyword/<name>`: lowercase, every run of anything but letters and
/// digits one `-`, trimmed; `None` when nothing is left.
fn keyword_tag(keyword: &str) -> Option<Tag> {
    let mut tag = String::from("keyword/");
    let prefix = tag.len();
    let mut dash = false;
    for c in keyword.chars() {
        if c.is_alphanumeric() {
            if dash && tag.len() > prefix {
                tag.push('-');
            }
            dash = false;
            tag.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    Tag::parse(&tag)
}

/// `2024-10-16T14:20:00.000Z`: only the date is kept.
struct Timestamp(Date);

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = super::fields::Text::deserialize(d)?.0;
        text.get(..10)
            .and_then(Date::parse)
            .filter(|_| matches!(text.as_bytes().get(10), None | Some(b'T' | b' ')))
            .map(Timestamp)
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "expected a timestamp like `2024-10-16T14:20:00.000Z`, found `{text}`"
                ))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::LinkKind;

    fn load(text: &str) -> (Vec<Paper>, Vec<String>) {
        load_bytes(text.as_bytes())
    }

    fn load_bytes(bytes: &[u8]) -> (Vec<Paper>, Vec<String>) {
        let mut bad = Vec::new();
        let papers = parse(bytes, false, &mut |e| bad.push(e.to_string())).unwrap();
        (papers, bad)
    }

    /// Reads Daily Papers text as a file is read.
    fn parse(
        bytes: &[u8],
        strict: bool,
        bad: &mut dyn FnMut(&LoadError),
    ) -> Result<Vec<Paper>, LoadError> {
        let mut papers = Vec::new();
        let source = crate::corpus::stream::Source {
            file: "d.json",
            path: None,
            default_name: String::new(),
            total: bytes.len() as u64,
            sized: true,
        };
        let options = crate::corpus::LoadOptions {
            strict,
            ..Default::default()
        };
        crate::corpus::stream::stream(
            std::io::Cursor::new(bytes),
            source,
            options,
            &mut |b| papers.extend(b.papers),
            bad,
        )?;
        Ok(papers)
    }

    #[test]
    fn an_entry_with_invalid_utf8_is_skipped_and_the_rest_load() {
        let mut text =
            b"[{\"paper\": {\"title\": \"Good one\"}},\n {\"paper\": {\"title\": \"Bad ".to_vec();
        text.extend_from_slice(b"\xff\xfe\"}},\n {\"paper\": {\"title\": \"x\", \"summary\":\n \"\xc3\"}},\n {\"paper\": {\"title\": \"Good two \xc3\xa9\"}}]");
        let (papers, bad) = load_bytes(&text);
        let titles: Vec<&str> = papers.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["Good one", "Good two é"]);
        assert_eq!(
            bad,
            [
                "d.json:2:27: [1]: invalid UTF-8",
                "d.json:4:3: [2]: invalid UTF-8"
            ]
        );
        // Strict: the first one is the error.
        let strict = parse(&text, true, &mut |_| {}).map(|_| ());
        assert_eq!(
            strict.unwrap_err().to_string(),
            "d.json:2:27: [1]: invalid UTF-8"
        );
        // Outside any entry, the structure itself is broken.
        let broken = parse(b"[\xff{\"paper\": {\"title\": \"a\"}}]", true, &mut |_| {});
        assert!(broken.is_err());
    }

    /// A number too big for any count, or a lone surrogate, is JSON that
    /// no paper holds: that entry is bad, the others load.
    #[test]
    fn an_entry_with_a_huge_number_or_a_lone_surrogate_is_skipped() {
        let text = concat!(
            "[{\"paper\": {\"title\": \"Good one\"}},\n",
            " {\"paper\": {\"title\": \"Big\", \"upvotes\": 1e400}},\n",
            " {\"paper\": {\"title\": \"Half \\ud800 a pair\"}},\n",
            " {\"paper\": {\"title\": \"S\", \"summary\": \"\\ud800\"}},\n",
            " {\"title\": \"Comments\", \"numComments\": 1e400},\n",
            " {\"title\": \"Good two\", \"thumbnail\": 1e400}]"
        );
        let (papers, bad) = load(text);
        let titles: Vec<&str> = papers.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["Good one", "Good two"]);
        assert_eq!(
            bad,
            [
                "d.json:2:44: [1].paper.upvotes: a number too large",
                "d.json:3:34: [2].paper.title: half of a surrogate pair (\\uD800 to \\uDFFF) without its other half",
                "d.json:4:45: [3].paper.summary: half of a surrogate pair (\\uD800 to \\uDFFF) without its other half",
                "d.json:5:43: [4].numComments: a number too large",
            ]
        );
        let strict = parse(text.as_bytes(), true, &mut |_| {}).map(|_| ());
        assert_eq!(
            strict.unwrap_err().to_string(),
            "d.json:2:44: [1].paper.upvotes: a number too large"
        );
    }

    #[test]
    fn an_entry_maps_every_field() {
        let (papers, bad) = load(
            r#"[{"paper": {"id": "2410.13085", "authors": [{"_id": "x", "name": "Peng Xia", "hidden": false}, {"name": " "}],
                "publishedAt": "2024-10-16T14:20:00.000Z", "title": "MMed-RAG:\n Versatile  RAG",
                "summary": "Line one\nstill one.\n\nTwo.", "upvotes": 23, "discussionId": "d",
                "githubRepo": "https://github.com/richard-peng-xia/MMed-RAG", "projectPage": "https://mmed.github.io",
                "ai_keywords": ["Medical VLMs", "RAG", "rag", "  ", "Vision-Language Models (VLMs)"],
                "organization": {"_id": "o", "name": "UNC", "fullname": "UNC Chapel Hill"}},
              "publishedAt": "2024-10-17T00:00:00.000Z", "title": "Outer", "thumbnail": "t", "numComments": 2,
              "submittedBy": {"name": "ak"}, "isAuthorParticipating": false}]"#,
        );
        assert!(bad.is_empty(), "{bad:?}");
        let p = &papers[0];
        assert_eq!(p.id, "arXiv:2410.13085");
        assert_eq!(p.title, "MMed-RAG: Versatile RAG");
        assert_eq!(p.abstract_text, "Line one still one.\n\nTwo.");
        assert_eq!(p.authors, ["Peng Xia"]);
        assert_eq!(p.organization.as_deref(), Some("UNC"));
        assert_eq!(p.published, Date::new(2024, 10, 16));
        assert_eq!(p.upvotes, Some(23));
        let links: Vec<(LinkKind, &str)> =
            p.links.iter().map(|l| (l.kind, l.url.as_str())).collect();
        assert_eq!(
            links,
            [
                (
                    LinkKind::Code,
                    "https://github.com/richard-peng-xia/MMed-RAG"
                ),
                (LinkKind::Project, "https://mmed.github.io"),
                (LinkKind::Paper, "https://huggingface.co/papers/2410.13085"),
            ]
        );
        let tags: Vec<&str> = p.tags.iter().map(Tag::as_str).collect();
        assert_eq!(
            tags,
            [
                "keyword/medical-vlms",
                "keyword/rag",
                "keyword/vision-language-models-vlms"
            ]
        );
        let meta = p.meta.as_deref().unwrap();
        assert_eq!(meta.arxiv_id.as_deref(), Some("2410.13085"));
        assert_eq!(meta.num_comments, Some(2));
        assert_eq!(
            meta.ai_keywords,
            [
                "Medical VLMs",
                "RAG",
                "rag",
                "Vision-Language Models (VLMs)"
            ]
        );
        // Without `submittedOnDailyAt`, the entry's own date: its day on the feed.
        assert_eq!(meta.feed_day, Date::new(2024, 10, 17));
        assert_eq!(meta.sources, ["hf"]);
        assert_eq!((meta.stars, meta.ai_summary.as_deref()), (None, None));
    }

    #[test]
    fn the_feed_day_is_the_day_submitted_to_daily_papers() {
        let (papers, bad) = load(
            r#"[{"paper": {"id": "1", "title": "T", "publishedAt": "2025-11-28T00:00:00Z",
                 "submittedOnDailyAt": "2025-12-01T02:11:09.000Z", "githubStars": 9,
                 "ai_summary": "Sum\u001b[2J\n\nmary"},
                "publishedAt": "2025-12-02T00:00:00Z", "numComments": null}]"#,
        );
        assert!(bad.is_empty(), "{bad:?}");
        let meta = papers[0].meta.as_deref().unwrap();
        assert_eq!(meta.feed_day, Date::new(2025, 12, 1));
        assert_eq!(meta.stars, Some(9));
        assert_eq!(meta.num_comments, None);
        assert_eq!(meta.ai_summary.as_deref(), Some("Sum\u{fffd}[2J\n\nmary"));
        assert_eq!(papers[0].published, Date::new(2025, 11, 28));
    }

    #[test]
    fn missing_and_null_fields_fall_back() {
        let (papers, bad) = load(
            r#"[{"paper": {"id": "1", "projectPage": null, "githubRepo": ""}, "title": "Outer title", "summary": "S",
                 "publishedAt": "2024-01-02T00:00:00Z", "organization": {"name": "Org"}},
                {"paper": null, "title": "No paper"},
                {"paper": {"title": "No id", "githubRepo": "javascript:alert(1)", "ai_keywords": null}}]"#,
        );
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(papers[0].title, "Outer title");
        assert_eq!(papers[0].abstract_text, "S");
        assert_eq!(papers[0].published, Date::new(2024, 1, 2));
        assert_eq!(papers[0].organization.as_deref(), Some("Org"));
        assert_eq!(papers[0].links.len(), 1);
        assert_eq!(papers[1].id, "no-paper");
        assert_eq!(papers[2].id, "no-id");
        assert!(papers[2].links.is_empty());
    }

    #[test]
    fn bad_entries_are_reported_with_their_position() {
        let (papers, bad) = load(
            "[{\"paper\": {\"title\": \"A\"}},\n {\"paper\": {\"title\": 5}},\n {\"paper\": {\"id\": \"x\"}},\n {\"paper\": {\"title\": \"B\", \"upvotes\": -1}},\n {\"paper\": {\"title\": \"C\", \"publishedAt\": \"soon\"}}, 7]",
        );
        assert_eq!(papers.len(), 1);
        assert_eq!(
            bad,
            [
                "d.json:2:22: [1].paper.title: expected a string, found integer `5`",
                "d.json:3:2: [2].paper.title: missing field `title` (and no `title` outside `paper`)",
                "d.json:4:39: [3].paper.upvotes: expected a non-negative integer, found integer `-1`",
                "d.json:5:48: [4].paper.publishedAt: expected a timestamp like `2024-10-16T14:20:00.000Z`, found `soon`",
                "d.json:5:52: [5]: expected an object, found integer `7`",
            ]
        );
        let strict = parse(b"[{\"paper\": {\"title\": 5}}]", true, &mut |_| {}).map(|_| ());
        assert_eq!(
            strict.unwrap_err().to_string(),
            "d.json:1:22: [0].paper.title: expected a string, found integer `5`"
        );
        let broken = parse(b"[{\"paper\": {\"title\": \"a\"}", true, &mut |_| {}).map(|_| ());
        let broken = broken.unwrap_err().to_string();
        assert!(
            broken.starts_with("d.json:1:25: [0]: unexpected end of file"),
            "{broken}"
        );
    }
}
