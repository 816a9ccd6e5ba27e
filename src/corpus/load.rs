//! Reading a corpus file: detect the shape, validate every field with its
//! position, sanitize the text, assign ids.

use std::path::Path;

use serde::{Deserialize, Deserializer};

use super::paper::{Date, Link, Paper, Tag};
use super::sanitize::{clean_line, clean_text};
use super::slug::{IdAssigner, slug};
use super::{Corpus, FORMAT, VERSION};

/// Why a corpus could not be loaded; `Display` is the one line the user sees.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read at all.
    #[error("{file}: {reason}")]
    Io {
        /// The path as the user gave it.
        file: String,
        /// What the system said, in words.
        reason: String,
    },
    /// The text is not a valid corpus; the position is 1-based.
    #[error("{file}:{line}:{column}: {path}{message}")]
    Invalid {
        /// The path as the user gave it.
        file: String,
        /// 1-based line of the offending value.
        line: usize,
        /// 1-based column of the offending value.
        column: usize,
        /// The field path followed by `": "`, or empty at the top level.
        path: String,
        /// What is wrong.
        message: String,
    },
}

/// Reads and validates a corpus file.
pub fn load_file(path: &Path) -> Result<Corpus, LoadError> {
    let file = path.display().to_string();
    let io = |reason: String| LoadError::Io {
        file: file.clone(),
        reason,
    };
    if path.is_dir() {
        return Err(io("is a directory, expected a corpus file".into()));
    }
    let bytes = std::fs::read(path).map_err(|e| io(io_reason(&e)))?;
    let stem = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or(file.clone());
    let default_name = stem.strip_suffix(".json").unwrap_or(&stem).to_string();
    let mut corpus = load_bytes(&bytes, &file)?;
    if corpus.name.is_empty() {
        corpus.name = default_name;
    }
    Ok(corpus)
}

/// The system's reason without the "(os error N)" noise.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let text = e.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}

/// Validates corpus text; `file` names it in errors.
pub fn load_bytes(bytes: &[u8], file: &str) -> Result<Corpus, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Messages quote the input; nothing from it may reach a terminal raw.
    let invalid = |line, column, path: &str, message: String| LoadError::Invalid {
        file: clean_line(file),
        line,
        column,
        path: if path.is_empty() || path == "." {
            String::new()
        } else {
            format!("{}: ", clean_line(path))
        },
        message: clean_line(&message),
    };
    let first = bytes.iter().position(|b| !b.is_ascii_whitespace());
    let raw = match first.map(|i| bytes[i]) {
        None => {
            return Err(invalid(
                1,
                1,
                "",
                "empty file, expected a JSON corpus".into(),
            ));
        }
        Some(b'[') => parse::<Vec<PaperObject>>(bytes).map(|papers| RawCorpus {
            format: None,
            version: None,
            name: None,
            papers,
        }),
        Some(b'{') => parse::<RawCorpus>(bytes),
        Some(_) => {
            let (line, column) = position_of(bytes, first.unwrap_or(0));
            return Err(invalid(
                line,
                column,
                "",
                "expected a JSON corpus (an object with \"papers\", or an array of papers)".into(),
            ));
        }
    };
    let raw = raw.map_err(|(path, e)| {
        // serde_path_to_error writes `?` for a field it has not named yet.
        let path = path.trim_end_matches(".?").trim_end_matches('?');
        invalid(e.line().max(1), e.column().max(1), path, friendly(&e))
    })?;
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
    Ok(Corpus {
        name: raw.name.as_deref().map(clean_line).unwrap_or_default(),
        papers: finish(raw.papers),
    })
}

/// The value, or the field path and serde's error.
fn parse<T: for<'de> Deserialize<'de>>(bytes: &[u8]) -> Result<T, (String, serde_json::Error)> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| (e.path().to_string(), e.into_inner()))?;
    // Trailing garbage after the corpus is an error too, with its position.
    de.end().map_err(|e| (String::new(), e))?;
    Ok(value)
}

/// serde's wording turned into ours: "expected X, found Y", no position suffix.
fn friendly(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let text = match text.rfind(" at line ") {
        Some(i) => &text[..i],
        None => &text,
    };
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = text.strip_prefix(prefix)
            && let Some((found, expected)) = rest.split_once(", expected ")
        {
            return format!("expected {expected}, found {found}");
        }
    }
    match e.classify() {
        serde_json::error::Category::Eof => format!("unexpected end of file ({text})"),
        _ => text.to_string(),
    }
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

/// Sanitizes every text field and assigns unique ids in file order.
fn finish(raw: Vec<PaperObject>) -> Vec<Paper> {
    let mut ids = IdAssigner::default();
    raw.into_iter()
        .map(|PaperObject(r)| {
            let title = clean_line(&r.title.0);
            let wanted = match r.id.as_deref().map(clean_line) {
                Some(id) if !id.is_empty() => id,
                _ => slug(&title),
            };
            Paper {
                id: ids.assign(&wanted),
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
                    .map(|l| Link {
                        kind: l.kind,
                        url: clean_line(&l.url),
                    })
                    .collect(),
                tags: dedup_tags(r.tags.unwrap_or_default()),
            }
        })
        .collect()
}

fn dedup_tags(mut tags: Vec<Tag>) -> Vec<Tag> {
    let mut seen = std::collections::HashSet::new();
    tags.retain(|t| seen.insert(t.clone()));
    tags
}

#[derive(Deserialize)]
#[serde(expecting = "a corpus object")]
struct RawCorpus {
    format: Option<String>,
    version: Option<u32>,
    name: Option<String>,
    papers: Vec<PaperObject>,
}

/// Only a JSON object is a paper: serde's derive would also take an array
/// positionally, which gives confusing errors for a plainly wrong file.
struct PaperObject(RawPaper);

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
}

/// A title: a string with something other than white space in it.
struct Title(String);

impl<'de> Deserialize<'de> for Title {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        if text.trim().is_empty() {
            return Err(serde::de::Error::custom("expected a non-empty title"));
        }
        Ok(Title(text))
    }
}

/// A non-negative integer that fits in `u32`.
struct Count(u32);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Count;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a non-negative integer")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Count, E> {
                u32::try_from(v).map(Count).map_err(|_| {
                    E::custom(format!(
                        "expected a non-negative integer below 2^32, found {v}"
                    ))
                })
            }
        }
        d.deserialize_u64(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(ids, ["a", "a-2", "a-2-2"]);
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
