//! Query text to a query: clauses separated by spaces, with the position of
//! anything malformed.

use super::sort::{Sort, SortKey};

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// Every clause must hold.
    pub clauses: Vec<Clause>,
    /// An explicit `sort:` clause, the last one wins.
    pub sort: Option<Sort>,
}

/// One condition on a paper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// Fuzzy match on the headline: title, authors, organization, tags.
    Fuzzy(String),
}

/// A malformed clause: its byte range in the query text and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    /// Byte offset where the bad clause starts.
    pub start: usize,
    /// Byte offset just after it.
    pub end: usize,
    /// What is wrong, for the status line.
    pub message: String,
}

impl Query {
    /// True when a clause matches text, so ranking by relevance means something.
    pub fn has_text(&self) -> bool {
        !self.clauses.is_empty()
    }

    /// The ordering in force: explicit, else relevance with text, else date.
    pub fn effective_sort(&self) -> Sort {
        self.sort.unwrap_or(Sort {
            key: if self.has_text() {
                SortKey::Relevance
            } else {
                SortKey::Date
            },
            reversed: false,
        })
    }

    /// True when every paper this query matches is also matched by `wider`,
    /// so results can be found among `wider`'s hits (typing only narrows).
    pub fn narrows(&self, wider: &Query) -> bool {
        wider.clauses.len() <= self.clauses.len()
            && wider
                .clauses
                .iter()
                .zip(&self.clauses)
                .all(|(w, n)| match (w, n) {
                    (Clause::Fuzzy(w), Clause::Fuzzy(n)) => n.starts_with(w.as_str()),
                })
    }
}

/// The words of a query with their byte offsets.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(' ')
        .scan(0, |offset, word| {
            let at = *offset;
            *offset += word.len() + 1;
            Some((at, word))
        })
        .filter(|(_, w)| !w.is_empty())
}

/// Parses query text.
pub fn parse(text: &str) -> Result<Query, ParseError> {
    let mut query = Query::default();
    for (at, word) in words(text) {
        let err = |message: String| ParseError {
            start: at,
            end: at + word.len(),
            message,
        };
        if let Some(value) = word.strip_prefix("sort:") {
            let (reversed, name) = match value.strip_prefix('-') {
                Some(n) => (true, n),
                None => (false, value),
            };
            let key = SortKey::from_name(name).ok_or_else(|| {
                err(format!(
                    "sort:{value}: expected one of relevance, date, upvotes, title, authors"
                ))
            })?;
            query.sort = Some(Sort { key, reversed });
        } else {
            query.clauses.push(Clause::Fuzzy(word.to_string()));
        }
    }
    Ok(query)
}

/// The query text with its `sort:` clause replaced by `sort` (or removed
/// when `sort` is the default for the query), keeping everything else.
pub fn with_sort(text: &str, sort: Option<Sort>) -> String {
    let mut kept: Vec<&str> = words(text)
        .map(|(_, w)| w)
        .filter(|w| !w.starts_with("sort:"))
        .collect();
    let clause = sort.map(|s| format!("sort:{s}"));
    if let Some(c) = &clause {
        kept.push(c);
    }
    let mut out = kept.join(" ");
    if text.ends_with(' ') && !out.is_empty() {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_sort_clauses() {
        let q = parse("  mamba  seg sort:-date").unwrap();
        assert_eq!(
            q.clauses,
            [Clause::Fuzzy("mamba".into()), Clause::Fuzzy("seg".into())]
        );
        assert_eq!(q.sort.unwrap().to_string(), "-date");
        assert_eq!(q.effective_sort().to_string(), "-date");
        assert_eq!(parse("").unwrap().effective_sort().key, SortKey::Date);
        assert_eq!(parse("x").unwrap().effective_sort().key, SortKey::Relevance);
    }

    #[test]
    fn a_bad_sort_names_its_position() {
        let e = parse("mamba sort:best").unwrap_err();
        assert_eq!((e.start, e.end), (6, 15));
        assert!(e.message.contains("expected one of relevance"));
    }

    #[test]
    fn narrowing() {
        let q = |t| parse(t).unwrap();
        assert!(q("mamba").narrows(&q("mam")));
        assert!(q("mam seg").narrows(&q("mam")));
        assert!(q("mam").narrows(&q("")));
        assert!(!q("mam").narrows(&q("mamba")));
        assert!(!q("max").narrows(&q("mam")));
    }

    #[test]
    fn replacing_the_sort_clause() {
        let s = |key, reversed| Some(Sort { key, reversed });
        assert_eq!(
            with_sort("mamba", s(SortKey::Date, false)),
            "mamba sort:date"
        );
        assert_eq!(
            with_sort("sort:date mamba", s(SortKey::Date, true)),
            "mamba sort:-date"
        );
        assert_eq!(with_sort("mamba sort:date", None), "mamba");
    }
}
