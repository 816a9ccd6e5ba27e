//! The paper record and its parts: dates, links and tags.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

pub use super::date::Date;
use super::meta::Meta;
use super::sanitize::{REPLACEMENT, is_unsafe};

/// One paper of a corpus, after loading, validation and sanitizing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paper {
    /// Stable identifier; the title's slug when the source gives none.
    pub id: String,
    /// The title, one line.
    pub title: String,
    /// The abstract; paragraphs separated by one blank line.
    #[serde(rename = "abstract")]
    pub abstract_text: String,
    /// Author names, when known.
    pub authors: Vec<String>,
    /// Author count, when only the count is known.
    pub author_count: Option<u32>,
    /// The submitting organization, when known.
    pub organization: Option<String>,
    /// Publication date.
    pub published: Option<Date>,
    /// Upvotes on the listing, when known.
    pub upvotes: Option<u32>,
    /// Links to code, models, datasets, the paper itself or a project page.
    pub links: Vec<Link>,
    /// Tags such as `modality/ct`.
    pub tags: Vec<Tag>,
    /// What a library knows besides (sources, versions, AI summary…).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Box<Meta>>,
}

impl Paper {
    /// A paper with only a title; the id is left empty for the corpus to assign.
    pub fn titled(title: impl Into<String>) -> Self {
        Paper {
            id: String::new(),
            title: title.into(),
            abstract_text: String::new(),
            authors: Vec::new(),
            author_count: None,
            organization: None,
            published: None,
            upvotes: None,
            links: Vec::new(),
            tags: Vec::new(),
            meta: None,
        }
    }

    /// The number of authors to show: `author_count` if present, else the names.
    pub fn display_author_count(&self) -> usize {
        self.author_count
            .map(|n| n as usize)
            .unwrap_or(self.authors.len())
    }

    /// The first code link, if any.
    pub fn code_link(&self) -> Option<&Link> {
        self.links.iter().find(|l| l.kind == LinkKind::Code)
    }

    /// Which link `o` in the reader and `paperboat open` open: the first
    /// code link, else the paper's own page (arXiv, Hugging Face, DOI).
    pub fn main_link(&self) -> Option<usize> {
        [LinkKind::Code, LinkKind::Paper]
            .iter()
            .find_map(|kind| self.links.iter().position(|l| l.kind == *kind))
    }

    /// The links offered for the paper (`O` lists them, `o` and
    /// `paperboat open` choose among them): its own, or when it has none,
    /// the search for its title on arXiv.
    pub fn offered_links(&self) -> std::borrow::Cow<'_, [Link]> {
        if self.links.is_empty() {
            std::borrow::Cow::Owned(vec![Link {
                kind: LinkKind::Paper,
                url: crate::corpus::links::arxiv_title_search(&self.title),
            }])
        } else {
            std::borrow::Cow::Borrowed(&self.links)
        }
    }

    /// Upvotes for sorting: unknown counts as zero.
    pub fn upvotes_or_zero(&self) -> u32 {
        self.upvotes.unwrap_or(0)
    }
}

/// A link of a paper with its kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Link {
    /// What the link points to.
    pub kind: LinkKind,
    /// The URL as given; validated only when opened.
    pub url: String,
}

impl Link {
    /// A link whose kind is derived from the URL.
    pub fn classified(url: impl Into<String>) -> Link {
        let url = url.into();
        Link {
            kind: LinkKind::classify(&url),
            url,
        }
    }
}

/// The kind of a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// A code repository or a runnable demo.
    Code,
    /// A model on the Hugging Face hub.
    Model,
    /// A dataset on the Hugging Face hub.
    Dataset,
    /// The paper itself (arXiv, DOI, Hugging Face papers).
    Paper,
    /// Anything else: project pages and the like.
    Project,
}

impl LinkKind {
    /// Classifies a URL by its host and path (PRODUCT.md section 2).
    pub fn classify(url: &str) -> LinkKind {
        let rest = url
            .split_once("://")
            .map(|(_, r)| r)
            .unwrap_or(url)
            .to_ascii_lowercase();
        let (host, path) = rest.split_once('/').unwrap_or((&rest, ""));
        let host = host.rsplit('@').next().unwrap_or(host);
        let host = host.split(':').next().unwrap_or(host);
        let host = host.strip_prefix("www.").unwrap_or(host);
        let segments: Vec<&str> = path
            .split(['/', '?', '#'])
            .take_while(|s| !s.is_empty())
            .collect();
        match host {
            "github.com" | "gitlab.com" | "codeberg.org" | "bitbucket.org" => LinkKind::Code,
            "arxiv.org" | "doi.org" | "dx.doi.org" => LinkKind::Paper,
            "huggingface.co" | "hf.co" => match segments.as_slice() {
                ["spaces", ..] => LinkKind::Code,
                ["datasets", ..] => LinkKind::Dataset,
                ["papers", ..] => LinkKind::Paper,
                [_org, _name, ..] => LinkKind::Model,
                _ => LinkKind::Project,
            },
            _ => LinkKind::Project,
        }
    }

    /// The lowercase name used in files and on screen.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Code => "code",
            LinkKind::Model => "model",
            LinkKind::Dataset => "dataset",
            LinkKind::Paper => "paper",
            LinkKind::Project => "project",
        }
    }
}

impl fmt::Display for LinkKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// A `namespace/name` tag such as `modality/ct`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Tag(String);

impl Tag {
    /// Parses `namespace/name`: both parts non-empty, no white space.
    /// Characters a terminal would obey become U+FFFD, as in all text.
    pub fn parse(text: &str) -> Option<Tag> {
        if text.chars().any(is_unsafe) {
            return Tag::parse_owned(text.to_string());
        }
        Tag::is_valid(text).then(|| Tag(text.to_string()))
    }

    /// [`Tag::parse`] of an owned string, kept without a copy.
    pub fn parse_owned(text: String) -> Option<Tag> {
        // White space is refused before control characters are replaced:
        // a tab or a line break is white space, not a character to show.
        if text.chars().any(char::is_whitespace) {
            return None;
        }
        let text = if text.chars().any(is_unsafe) {
            text.chars()
                .map(|c| if is_unsafe(c) { REPLACEMENT } else { c })
                .collect()
        } else {
            text
        };
        Tag::is_valid(&text).then_some(Tag(text))
    }

    fn is_valid(text: &str) -> bool {
        text.split_once('/').is_some_and(|(ns, name)| {
            !ns.is_empty() && !name.is_empty() && !text.chars().any(char::is_whitespace)
        })
    }

    /// The whole tag.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part before the first `/`.
    pub fn namespace(&self) -> &str {
        self.0.split_once('/').map(|(ns, _)| ns).unwrap_or("")
    }

    /// The part after the first `/`.
    pub fn name(&self) -> &str {
        self.0.split_once('/').map(|(_, n)| n).unwrap_or(&self.0)
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Tag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)
            .map_err(|_| serde::de::Error::custom("expected a tag string namespace/name"))?;
        Tag::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("expected a tag namespace/name, found `{text}`"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_main_link_is_the_code_else_the_page() {
        let link = |kind, url: &str| Link {
            kind,
            url: url.into(),
        };
        let mut paper = Paper::titled("T");
        assert_eq!(paper.main_link(), None);
        paper.links.push(link(LinkKind::Project, "https://p.org"));
        assert_eq!(paper.main_link(), None);
        paper
            .links
            .push(link(LinkKind::Paper, "https://arxiv.org/abs/1"));
        assert_eq!(paper.main_link(), Some(1));
        paper
            .links
            .push(link(LinkKind::Code, "https://github.com/a/b"));
        assert_eq!(paper.main_link(), Some(2));
    }

    #[test]
    fn dates_parse_and_validate() {
        assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2024-13-01").is_none());
        assert!(Date::parse("2024-1-01").is_none());
        assert!(Date::parse("+024-01-01").is_none());
        assert!(Date::parse("２０24-01-01").is_none());
        assert!(Date::parse("2024-04-31").is_none());
    }

    #[test]
    fn links_are_classified_by_host_and_path() {
        let k = LinkKind::classify;
        assert_eq!(k("https://github.com/a/b"), LinkKind::Code);
        assert_eq!(k("https://www.gitlab.com/a/b"), LinkKind::Code);
        assert_eq!(k("https://huggingface.co/spaces/a/b"), LinkKind::Code);
        assert_eq!(
            k("https://huggingface.co/InfiX-ai/InfiMed"),
            LinkKind::Model
        );
        assert_eq!(k("https://huggingface.co/datasets/a/b"), LinkKind::Dataset);
        assert_eq!(k("https://huggingface.co/papers/2410.1"), LinkKind::Paper);
        assert_eq!(k("https://arxiv.org/abs/2410.1"), LinkKind::Paper);
        assert_eq!(k("https://doi.org/10.1/x"), LinkKind::Paper);
        assert_eq!(k("https://medrega.github.io"), LinkKind::Project);
        assert_eq!(k("https://goo.gle/medgemma"), LinkKind::Project);
        assert_eq!(k("https://huggingface.co"), LinkKind::Project);
    }

    #[test]
    fn tags_have_a_namespace_and_a_name() {
        let t = Tag::parse("modality/ct").unwrap();
        assert_eq!((t.namespace(), t.name()), ("modality", "ct"));
        assert!(Tag::parse("ct").is_none());
        assert!(Tag::parse("/ct").is_none());
        assert!(Tag::parse("a/ b").is_none());
        assert!(Tag::parse("a/\n").is_none(), "a line break is white space");
        for hostile in ["\u{202e}", "\u{2066}", "\u{1b}[2J", "\u{9b}", "\u{7f}"] {
            let tag = Tag::parse(&format!("type/x{hostile}")).unwrap();
            assert!(tag.as_str().starts_with("type/x\u{FFFD}"), "{tag}");
            assert!(!tag.as_str().chars().any(is_unsafe));
            assert_eq!(Tag::parse_owned(format!("type/x{hostile}")), Some(tag));
        }
    }
}
