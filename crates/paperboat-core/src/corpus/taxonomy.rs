//! The tag taxonomy: which words and phrases of a title or abstract earn a tag.
//!
//! Terms match whole words only, so `CT` does not match `CTA` or `aspect`.
//! A term word with a capital letter matches case-sensitively (`SAM`, `RAG`),
//! an all-lowercase one ignores case; a trailing `*` matches any word that
//! starts with the rest (`segment*`).

use std::collections::HashSet;

use serde::Deserialize;

use super::paper::Tag;

/// The bundled taxonomy file, compiled into the binary.
pub const BUNDLED_JSON: &str = include_str!("../../../../assets/taxonomy.json");

/// Tags with the terms that earn them.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    entries: Vec<Entry>,
}

#[derive(Debug, Clone)]
struct Entry {
    tag: Tag,
    /// Match anywhere in title or abstract.
    terms: Vec<Term>,
    /// Match in the title only: words too common in abstracts to mean much.
    title_terms: Vec<Term>,
}

/// A phrase: consecutive words, each exact or a prefix.
#[derive(Debug, Clone)]
struct Term(Vec<TermWord>);

#[derive(Debug, Clone)]
struct TermWord {
    text: String,
    case_sensitive: bool,
    prefix: bool,
}

#[derive(Deserialize)]
struct RawTaxonomy {
    tags: Vec<RawEntry>,
}

#[derive(Deserialize)]
struct RawEntry {
    tag: String,
    #[serde(default)]
    terms: Vec<String>,
    #[serde(default)]
    title_terms: Vec<String>,
}

/// A taxonomy file that does not parse; `Display` is one line.
#[derive(Debug, thiserror::Error)]
#[error("taxonomy: {0}")]
pub struct TaxonomyError(String);

impl Taxonomy {
    /// The taxonomy compiled into the binary.
    pub fn bundled() -> Result<Taxonomy, TaxonomyError> {
        Taxonomy::parse(BUNDLED_JSON)
    }

    /// Parses taxonomy JSON: `{"tags": [{"tag", "terms", "title_terms"}]}`.
    pub fn parse(text: &str) -> Result<Taxonomy, TaxonomyError> {
        let raw: RawTaxonomy =
            serde_json::from_str(text).map_err(|e| TaxonomyError(e.to_string()))?;
        let entries = raw
            .tags
            .into_iter()
            .map(|e| {
                let tag = Tag::parse(&e.tag)
                    .ok_or_else(|| TaxonomyError(format!("bad tag `{}`", e.tag)))?;
                Ok(Entry {
                    tag,
                    terms: e.terms.iter().filter_map(|t| Term::parse(t)).collect(),
                    title_terms: e
                        .title_terms
                        .iter()
                        .filter_map(|t| Term::parse(t))
                        .collect(),
                })
            })
            .collect::<Result<_, TaxonomyError>>()?;
        Ok(Taxonomy { entries })
    }

    /// Every tag of the taxonomy, in file order.
    pub fn tags(&self) -> impl Iterator<Item = &Tag> {
        self.entries.iter().map(|e| &e.tag)
    }

    /// The tags earned by a paper's title and abstract, in taxonomy order.
    pub fn tags_for(&self, title: &str, abstract_text: &str) -> Vec<Tag> {
        let title_words = Words::new(title);
        let abstract_words = Words::new(abstract_text);
        self.entries
            .iter()
            .filter(|e| {
                e.title_terms.iter().any(|t| t.occurs_in(&title_words))
                    || e.terms
                        .iter()
                        .any(|t| t.occurs_in(&title_words) || t.occurs_in(&abstract_words))
            })
            .map(|e| e.tag.clone())
            .collect()
    }
}

impl Term {
    fn parse(text: &str) -> Option<Term> {
        let prefix_at_end = text.ends_with('*');
        let body = text.trim_end_matches('*');
        let parts: Vec<&str> = split_words(body).collect();
        let last = parts.len().checked_sub(1)?;
        Some(Term(
            parts
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let case_sensitive = w.chars().any(char::is_uppercase);
                    TermWord {
                        text: if case_sensitive {
                            w.to_string()
                        } else {
                            w.to_lowercase()
                        },
                        case_sensitive,
                        prefix: prefix_at_end && i == last,
                    }
                })
                .collect(),
        ))
    }

    fn occurs_in(&self, words: &Words) -> bool {
        // Most terms are ruled out by their first word alone, without a scan.
        if let Some(first) = self.0.first()
            && !first.prefix
        {
            let set = if first.case_sensitive {
                &words.original_set
            } else {
                &words.lower_set
            };
            if !set.contains(first.text.as_str()) {
                return false;
            }
        }
        let n = self.0.len();
        n <= words.list.len()
            && words
                .list
                .windows(n)
                .any(|window| window.iter().zip(&self.0).all(|(w, t)| t.matches(w)))
    }
}

impl TermWord {
    fn matches(&self, word: &Word) -> bool {
        let text = if self.case_sensitive {
            &word.original
        } else {
            &word.lower
        };
        if self.prefix {
            text.starts_with(&self.text)
        } else {
            *text == self.text
        }
    }
}

struct Word {
    original: String,
    lower: String,
}

fn split_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The words of a text, with sets for quick membership tests.
struct Words {
    list: Vec<Word>,
    original_set: HashSet<String>,
    lower_set: HashSet<String>,
}

impl Words {
    fn new(text: &str) -> Words {
        let list: Vec<Word> = split_words(text)
            .map(|w| Word {
                original: w.to_string(),
                lower: w.to_lowercase(),
            })
            .collect();
        Words {
            original_set: list.iter().map(|w| w.original.clone()).collect(),
            lower_set: list.iter().map(|w| w.lower.clone()).collect(),
            list,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taxonomy() -> Taxonomy {
        Taxonomy::parse(
            r#"{"tags": [
                {"tag": "modality/ct", "terms": ["CT", "computed tomography"]},
                {"tag": "task/segmentation", "terms": ["segment*"]},
                {"tag": "type/survey", "title_terms": ["survey"]},
                {"tag": "modality/x-ray", "terms": ["x-ray", "radiograph*"]}
            ]}"#,
        )
        .unwrap()
    }

    fn tags(title: &str, abstract_text: &str) -> Vec<String> {
        taxonomy()
            .tags_for(title, abstract_text)
            .iter()
            .map(|t| t.to_string())
            .collect()
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(tags("CT scans", ""), ["modality/ct"]);
        assert!(tags("CTA and aspect of ct", "").is_empty());
        assert_eq!(tags("a", "Computed  Tomography images"), ["modality/ct"]);
    }

    #[test]
    fn prefixes_phrases_and_title_only_terms() {
        assert_eq!(tags("Segmenting tumours", ""), ["task/segmentation"]);
        assert_eq!(tags("A Survey", ""), ["type/survey"]);
        assert!(tags("A model", "we survey the field").is_empty());
        assert_eq!(tags("Chest X-ray", ""), ["modality/x-ray"]);
        assert_eq!(tags("chest x ray", ""), ["modality/x-ray"]);
    }

    #[test]
    fn bundled_taxonomy_parses() {
        let t = Taxonomy::bundled().unwrap();
        assert!(t.tags().count() > 40);
        for ns in ["type", "task", "modality", "method"] {
            assert!(t.tags().any(|tag| tag.namespace() == ns), "{ns}");
        }
    }
}
