//! Edits of the query line's text that keys and facets make: a clause
//! added, removed or replaced, the rest kept as typed.

use super::sort::Sort;
use super::tokens::words;

/// The query text with its `sort:` clause replaced by `sort` (or removed
/// when `None`), keeping everything else.
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

/// The query text with the standalone clause `clause` removed if present,
/// else appended: how facets toggle.
pub fn toggle_clause(text: &str, clause: &str) -> String {
    let words: Vec<&str> = words(text).map(|(_, w)| w).collect();
    let mut kept: Vec<&str> = words.iter().copied().filter(|w| *w != clause).collect();
    if kept.len() == words.len() {
        kept.push(clause);
    }
    kept.join(" ")
}

/// The query text without the clauses for which `remove` holds.
pub fn without_clauses(text: &str, remove: impl Fn(&str) -> bool) -> String {
    words(text)
        .map(|(_, w)| w)
        .filter(|w| !remove(w))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::sort::SortKey;

    #[test]
    fn editing_clauses() {
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
        assert_eq!(toggle_clause("mamba", "tag:task/vqa"), "mamba tag:task/vqa");
        assert_eq!(
            toggle_clause("mamba tag:task/vqa x", "tag:task/vqa"),
            "mamba x"
        );
        assert_eq!(
            without_clauses("a tag:x b has:code", |w| w.starts_with("tag:")
                || w == "has:code"),
            "a b"
        );
    }
}
