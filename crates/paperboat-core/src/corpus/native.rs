//! The native format (PRODUCT.md section 2): a corpus object or a bare
//! array of papers, every field validated with its position; parsed whole
//! here, element by element in `arrays`.

use serde::{Deserialize, Deserializer};

use super::error::{LoadError, friendly};
use super::fields::{Count, RefusedLink, Title, dedup, link};
use super::meta::{Instant, Meta, Version};
use super::paper::{Date, Link, Paper, Tag};
use super::sanitize::{clean_line, clean_text};
use super::slug::slug;

/// The `format` value of a native corpus file.
pub const FORMAT: &str = "paperboat-corpus";
/// The `version` of the native format this build reads and writes.
pub const VERSION: u32 = 1;

/// A native corpus: its name (empty when the file has none) and its papers,
/// each with the id it asks for (assigned unique later, in file order).
pub(crate) struct Native {
    /// The `name` field.
    pub name: String,
    /// The papers in file order.
    pub papers: Vec<Paper>,
    /// Links left out, with the index of their paper.
    pub refused: Vec<(usize, RefusedLink)>,
}

/// Why text (without a BOM) cannot be the start of a corpus in any format:
/// empty, or its first character opens no JSON object or array. Judged
/// from the first bytes alone, so that `/dev/zero` is refused at once.
pub(crate) fn start_error(bytes: &[u8], file: &str) -> Option<LoadError> {
    let Some(first) = bytes.iter().position(|b| !b.is_ascii_whitespace()) else {
        return Some(LoadError::invalid(
            file,
            1,
            1,
            "",
            "empty file, expected a JSON corpus",
        ));
    };
    if matches!(bytes[first], b'[' | b'{') {
        return None;
    }
    let (line, column) = position_of(bytes, first);
    Some(LoadError::invalid(
        file,
        line,
        column,
        "",
        "expected a JSON corpus (an object with \"papers\", or an array of papers)",
    ))
}

/// Validates native corpus text (without a BOM); `file` names it in errors.
pub(crate) fn parse(bytes: &[u8], file: &str) -> Result<Native, LoadError> {
    if let Some(e) = start_error(bytes, file) {
        return Err(e);
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let raw: RawCorpus<Vec<PaperObject>> = read_corpus(&mut de, is_bare(bytes), file)?;
    let (papers, refused) = finish(raw.papers, 0);
    Ok(Native {
        name: raw.name.as_deref().map(clean_line).unwrap_or_default(),
        papers,
        refused,
    })
}

/// What [`parse`] would say is wrong with native corpus text (without a
/// BOM), if anything; the papers are judged one by one and not kept.
pub(crate) fn fault_in(bytes: &[u8], file: &str) -> Option<LoadError> {
    if let Some(e) = start_error(bytes, file) {
        return Some(e);
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    read_corpus::<Judged, _>(&mut de, is_bare(bytes), file).err()
}

/// Whether corpus text is a bare array of papers.
fn is_bare(bytes: &[u8]) -> bool {
    bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[')
}

/// A corpus (its papers read as `P`) with its header checked; the error
/// has the field's path and position.
fn read_corpus<'de, P, R>(
    de: &mut serde_json::Deserializer<R>,
    bare: bool,
    file: &str,
) -> Result<RawCorpus<P>, LoadError>
where
    P: Deserialize<'de>,
    R: serde_json::de::Read<'de>,
{
    let invalid = |line, column, path: &str, message: String| {
        LoadError::invalid(file, line, column, path, &message)
    };
    let raw = if bare {
        parse_path::<P, R>(de).map(|papers| RawCorpus {
            format: None,
            version: None,
            name: None,
            papers,
        })
    } else {
        parse_path::<RawCorpus<P>, R>(de)
    };
    let raw = raw.map_err(|(path, e)| invalid(e.line(), e.column(), &path, friendly(&e)))?;
    if let Some(format) = raw.format.as_deref()
        && format != FORMAT
    {
        return Err(invalid(
            1,
            1,
            "format",
            format!("expected \"{FORMAT}\", found \"{}\"", clean_line(format)),
        ));
    }
    if let Some(version) = raw.version
        && version > VERSION
    {
        return Err(invalid(
            1,
            1,
            "version",
            format!("version {version} is newer than this paperboat reads ({VERSION})"),
        ));
    }
    Ok(raw)
}

/// The value, or the field path and serde's error.
fn parse_path<'de, T, R>(
    de: &mut serde_json::Deserializer<R>,
) -> Result<T, (String, serde_json::Error)>
where
    T: Deserialize<'de>,
    R: serde_json::de::Read<'de>,
{
    let value = serde_path_to_error::deserialize(&mut *de)
        .map_err(|e| (e.path().to_string(), e.into_inner()))?;
    // Trailing garbage after the corpus is an error too, with its position.
    de.end().map_err(|e| (String::new(), e))?;
    Ok(value)
}

fn position_of(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, offset - line_start + 1)
}

/// The paper of one element of a corpus's `papers`, if it is good.
pub(crate) fn parse_paper(bytes: &[u8]) -> Option<Paper> {
    let object = serde_json::from_slice::<PaperObject>(bytes).ok()?;
    finish(vec![object], 0).0.pop()
}

/// Sanitizes every text field and keeps only links that may be opened;
/// the id is the wanted one, or the title's slug.
pub(super) fn finish(
    raw: Vec<PaperObject>,
    base: usize,
) -> (Vec<Paper>, Vec<(usize, RefusedLink)>) {
    let mut refused = Vec::new();
    let mut links_refused = Vec::new();
    let papers = raw
        .into_iter()
        .enumerate()
        .map(|(i, PaperObject(mut r))| {
            let meta = r.meta();
            let title = r.title.0;
            let wanted = match r.id.as_deref().map(clean_line) {
                Some(id) if !id.is_empty() => id,
                _ => slug(&title),
            };
            let mut tags = r.tags.unwrap_or_default();
            dedup(&mut tags);
            Paper {
                id: wanted,
                title,
                abstract_text: r
                    .abstract_text
                    .as_deref()
                    .map(clean_text)
                    .unwrap_or_default(),
                authors: r
                    .authors
                    .unwrap_or_default()
                    .iter()
                    .map(|a| clean_line(a))
                    .filter(|a| !a.is_empty())
                    .collect(),
                author_count: r.author_count.map(|n| n.0),
                organization: r
                    .organization
                    .as_deref()
                    .map(clean_line)
                    .filter(|o| !o.is_empty()),
                published: r.published,
                upvotes: r.upvotes.map(|n| n.0),
                links: r
                    .links
                    .unwrap_or_default()
                    .into_iter()
                    .enumerate()
                    .filter_map(|(j, l)| {
                        let field = || format!("links[{j}]");
                        let kept = link(&l.url, Some(l.kind), field, &mut links_refused);
                        refused.extend(links_refused.drain(..).map(|r| (base + i, r)));
                        kept
                    })
                    .collect(),
                tags,
                meta,
            }
        })
        .collect();
    (papers, refused)
}

#[derive(Deserialize)]
#[serde(expecting = "a corpus object")]
struct RawCorpus<P> {
    format: Option<String>,
    version: Option<u32>,
    name: Option<String>,
    papers: P,
}

/// Papers read and judged, not kept: what the parser says of them.
struct Judged;

impl<'de> Deserialize<'de> for Judged {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Judged;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                // As a vector's visitor says.
                f.write_str("a sequence")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Judged, A::Error> {
                while seq.next_element::<PaperObject>()?.is_some() {}
                Ok(Judged)
            }
        }
        d.deserialize_seq(Visitor)
    }
}

/// Only a JSON object is a paper: serde's derive would also take an array
/// positionally, which gives confusing errors for a plainly wrong file.
pub(super) struct PaperObject(RawPaper);

impl<'de> Deserialize<'de> for PaperObject {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = PaperObject;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a paper object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<PaperObject, A::Error> {
                RawPaper::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(PaperObject)
            }
        }
        d.deserialize_map(Visitor)
    }
}

#[derive(Deserialize)]
#[serde(expecting = "a paper object")]
struct RawPaper {
    id: Option<String>,
    title: Title,
    #[serde(rename = "abstract")]
    abstract_text: Option<String>,
    authors: Option<Vec<String>>,
    author_count: Option<Count>,
    organization: Option<String>,
    published: Option<Date>,
    upvotes: Option<Count>,
    links: Option<Vec<Link>>,
    tags: Option<Vec<Tag>>,
    // The library's fields (see `Meta`), listed rather than flattened:
    // serde buffers a flattened struct's input, which costs at a million.
    arxiv_id: Option<String>,
    doi: Option<String>,
    version: Option<Count>,
    versions: Option<Vec<Version>>,
    categories: Option<Vec<String>>,
    journal_ref: Option<String>,
    license: Option<String>,
    comments: Option<String>,
    ai_summary: Option<String>,
    ai_keywords: Option<Vec<String>>,
    stars: Option<Count>,
    num_comments: Option<Count>,
    feed_day: Option<Date>,
    sources: Option<Vec<String>>,
    added: Option<Instant>,
    deleted: Option<bool>,
}

impl RawPaper {
    /// The library's fields, cleaned; `None` when there are none.
    fn meta(&mut self) -> Option<Box<Meta>> {
        let meta = Meta {
            arxiv_id: self.arxiv_id.take(),
            doi: self.doi.take(),
            version: self.version.take().map(|n| n.0),
            versions: self.versions.take().unwrap_or_default(),
            categories: self.categories.take().unwrap_or_default(),
            journal_ref: self.journal_ref.take(),
            license: self.license.take(),
            comments: self.comments.take(),
            ai_summary: self.ai_summary.take(),
            ai_keywords: self.ai_keywords.take().unwrap_or_default(),
            stars: self.stars.take().map(|n| n.0),
            num_comments: self.num_comments.take().map(|n| n.0),
            feed_day: self.feed_day.take(),
            sources: self.sources.take().unwrap_or_default(),
            added: self.added.take(),
            deleted: self.deleted.take().unwrap_or(false),
        };
        (!meta.is_empty()).then(|| Box::new(meta.cleaned()))
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::load_bytes;

    fn err(text: &str) -> String {
        load_bytes(text.as_bytes(), "c.json")
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn native_and_bare_array_load() {
        let c = load_bytes(
            br#"{"format":"paperboat-corpus","version":1,"name":"N","papers":[{"title":"A b"}]}"#,
            "c.json",
        )
        .unwrap();
        assert_eq!(c.name, "N");
        assert_eq!(c.papers[0].id, "a-b");
        let c = load_bytes(
            br#"[{"title":"A"},{"title":"A"},{"title":"x","id":"a-2"}]"#,
            "c",
        )
        .unwrap();
        let ids: Vec<_> = c.papers.iter().map(|p| p.id.as_str()).collect();
        // The paper that asked for `a-2` keeps it; the generated suffix
        // moves, and its paper comes last, as in a stream.
        assert_eq!(ids, ["a", "a-2", "a-3"]);
        assert_eq!(c.papers[1].title, "x");
        let c = load_bytes(
            br#"[{"title":"same"},{"title":"same"},{"id":"same-2","title":"x"},{"title":"same"}]"#,
            "c",
        )
        .unwrap();
        let ids: Vec<_> = c.papers.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["same", "same-2", "same-3", "same-4"]);
        assert_eq!(c.papers[1].title, "x");
    }

    #[test]
    fn errors_name_position_and_field() {
        let text = "{\"papers\": [\n {\"title\": \"a\"},\n {\"title\": \"b\", \"upvotes\": -3}\n]}";
        assert_eq!(
            err(text),
            "c.json:3:29: papers[1].upvotes: expected a non-negative integer, found integer `-3`"
        );
        assert!(
            err(r#"{"papers":[{"title":"a","upvotes":"3"}]}"#)
                .contains("papers[0].upvotes: expected a non-negative integer")
        );
        assert!(
            err(r#"{"papers":[{"abstract":"a"}]}"#).contains("papers[0]: missing field `title`")
        );
        assert!(
            err(r#"{"papers":[{"title":"  "}]}"#)
                .contains("papers[0].title: expected a non-empty title")
        );
        assert!(
            err(r#"{"papers":[{"title":"a","published":"2024-02-30"}]}"#)
                .contains("papers[0].published: expected a date")
        );
        assert!(
            err(r#"{"papers":[{"title":"a","tags":["ct"]}]}"#)
                .contains("papers[0].tags[0]: expected a tag")
        );
        assert!(
            err(r#"{"papers":[{"title":"a","links":[{"kind":"x","url":"u"}]}]}"#)
                .contains("papers[0].links[0].kind")
        );
        assert!(
            err(r#"{"papers":[{"title":"a","title":"b"}]}"#).contains("duplicate field `title`")
        );
        assert!(
            err(r#"{"format":"other","papers":[]}"#)
                .contains("format: expected \"paperboat-corpus\"")
        );
        assert!(err("{\"papers\": [").starts_with("c.json:1:12: papers: unexpected end of file"));
        assert!(err("").starts_with("c.json:1:1: empty file"));
        assert!(err("  nope").starts_with("c.json:1:3: expected a JSON corpus"));
        assert!(err(r#"{"papers":[]} x"#).contains("trailing characters"));
        assert!(err(r#"[{"title":"a"}]]"#).contains("trailing characters"));
    }

    #[test]
    fn text_is_sanitized_and_unknown_fields_ignored() {
        let c = load_bytes(
            "\u{feff}[{\"title\":\" a\\u001b[2J\\n b \",\"abstract\":\"p1\\nstill\\n\\np2\",\"extra\":{\"x\":1},\"tags\":[\"a/b\",\"a/b\"]}]".as_bytes(),
            "c",
        )
        .unwrap();
        let p = &c.papers[0];
        assert_eq!(p.title, "a\u{FFFD}[2J b");
        assert_eq!(p.abstract_text, "p1 still\n\np2");
        assert_eq!(p.tags.len(), 1);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(
            err(&deep),
            "c.json:1:1: [0]: expected a paper object, found sequence"
        );
        let deep = format!(
            r#"{{"papers":[{{"title":"a","extra":{}}}]}}"#,
            "[".repeat(100_000)
        );
        assert!(err(&deep).starts_with("c.json:1:100033: papers[0].extra: "));
        let deep = format!(
            r#"{{"papers":[{{"title":"a","extra":{}1{}}}]}}"#,
            "{\"a\":".repeat(100_000),
            "}".repeat(100_000)
        );
        // Deep values in ignored fields are skipped without recursion.
        assert!(load_bytes(deep.as_bytes(), "c").is_ok());
    }
}
