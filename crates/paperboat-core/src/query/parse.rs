//! Query text to a query tree (see `ast`), with the position of anything
//! malformed.

use std::ops::Range;

use super::ast::{Bounds, Clause, ClauseKind, Field, Group, Query, SimilarTo, day_number};
use super::paper_ref::paper_ref;
use super::sort::Sort;
use super::text::names::nearest_name;
use super::tokens::{tokens, unquote};
use crate::corpus::Date;

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

/// Field names, for the error that lists them.
const FIELDS: &str = "title: author: org: abstract: body: tag: year: date: added: upvotes: authors: has: is: similar: sort:";

/// The longest query, in characters: every keystroke searches with all of
/// it, and a pasted megabyte must not make each one slow.
pub const MAX_QUERY: usize = 1000;
/// The most words (clauses and `|`) of a query: each clause is a pass
/// over the papers, and forty thousand of them took most of a minute.
pub const MAX_TERMS: usize = 100;

/// Why `text` is too big to be a query, if it is: over [`MAX_QUERY`]
/// characters or [`MAX_TERMS`] words. Said the same wherever a query
/// comes from (the command line, a saved query, the history).
pub fn too_big(text: &str) -> Option<String> {
    let chars = text.chars().count();
    if chars > MAX_QUERY {
        return Some(format!(
            "a query is at most {} characters, this one has {}",
            crate::units::thousands(MAX_QUERY),
            crate::units::thousands(chars)
        ));
    }
    let words = tokens(text).len();
    (words > MAX_TERMS).then(|| {
        format!(
            "a query is at most {MAX_TERMS} words, this one has {}",
            crate::units::thousands(words)
        )
    })
}

/// Parses query text; a text over the limits of [`too_big`] is an error
/// before any of it is read.
pub fn parse(text: &str) -> Result<Query, ParseError> {
    if let Some(message) = too_big(text) {
        // Past the limit: where the first character or word too many is.
        let start = text
            .char_indices()
            .nth(MAX_QUERY)
            .map(|(i, _)| i)
            .or_else(|| tokens(text).get(MAX_TERMS).map(|r| r.start))
            .unwrap_or(0);
        return Err(ParseError {
            start,
            end: text.len(),
            message,
        });
    }
    let mut query = Query::default();
    let mut pending_or = false;
    for range in tokens(text) {
        let token = &text[range.clone()];
        let err = |message: String| ParseError {
            start: range.start,
            end: range.end,
            message,
        };
        if token == "|" {
            if query.groups.is_empty() || pending_or {
                return Err(err("`|` needs a clause on each side".into()));
            }
            pending_or = true;
            continue;
        }
        // `|a`, `a|` and `||` are a `|` that lost its spaces, not a word.
        if token.starts_with('|') || token.ends_with('|') {
            return Err(err(
                "`|` needs a clause on each side, with spaces: `a | b`".into()
            ));
        }
        // `mamba|seg` would find nothing: the `|` lost its spaces.
        if has_bare_bar(token) {
            let spaced = token.replace('|', " | ");
            return Err(err(format!(
                "`|` goes between spaces: write `{spaced}` (or quote the text)"
            )));
        }
        if let Some(value) = token.strip_prefix("sort:") {
            if pending_or {
                return Err(err("sort: cannot be an alternative".into()));
            }
            query.sort = Some(parse_sort(value).map_err(err)?);
            continue;
        }
        let clause = parse_clause(token, range.clone()).map_err(err)?;
        if pending_or {
            if let Some(group) = query.groups.last_mut() {
                group.alternatives.push(clause);
            }
            pending_or = false;
        } else {
            query.groups.push(Group {
                alternatives: vec![clause],
            });
        }
    }
    if pending_or {
        let at = text.trim_end().len();
        return Err(ParseError {
            start: at.saturating_sub(1),
            end: at,
            message: "`|` needs a clause on each side".into(),
        });
    }
    Ok(query)
}

/// Whether `token` holds a `|` outside double quotes.
fn has_bare_bar(token: &str) -> bool {
    let (mut in_quotes, mut escaped) = (false, false);
    for c in token.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_quotes => escaped = true,
            '"' => in_quotes = !in_quotes,
            '|' if !in_quotes => return true,
            _ => {}
        }
    }
    false
}

fn parse_sort(value: &str) -> Result<Sort, String> {
    Sort::parse(value)
        .ok_or_else(|| format!("sort:{value}: expected relevance, date, upvotes, title or authors"))
}

fn parse_clause(token: &str, span: Range<usize>) -> Result<Clause, String> {
    let (negated, body) = match token.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, token),
    };
    if body.is_empty() {
        return Err("`!` needs a clause after it".into());
    }
    if body.starts_with('!') {
        return Err("`!!`: negating twice is the clause itself; write it without `!`".into());
    }
    let kind = parse_kind(body)?;
    Ok(Clause {
        negated,
        kind: if negated {
            // `!word` is the negation of an exact match, as in fzf.
            match kind {
                ClauseKind::Fuzzy(word) => ClauseKind::Exact(word),
                other => other,
            }
        } else {
            kind
        },
        span,
    })
}

fn parse_kind(body: &str) -> Result<ClauseKind, String> {
    if let Some(phrase) = unquote(body) {
        return non_empty(&phrase, "a phrase").map(ClauseKind::Exact);
    }
    if let Some(word) = body.strip_prefix('\'') {
        return non_empty(word, "an exact term after `'`").map(ClauseKind::Exact);
    }
    if let Some(word) = body.strip_prefix('^') {
        return non_empty(word, "a title start after `^`").map(ClauseKind::Prefix);
    }
    if let Some(word) = body.strip_suffix('$')
        && !word.is_empty()
    {
        return Ok(ClauseKind::Suffix(word.to_string()));
    }
    // Before fields: `arxiv:2505.47796`, `doi:10.1101/…` and URLs have a
    // colon too.
    if let Some(paper) = paper_ref(body) {
        return Ok(ClauseKind::Paper(paper));
    }
    if let Some((name, raw)) = body.split_once(':')
        && !name.is_empty()
        && name.chars().all(|c| c.is_ascii_lowercase())
    {
        return match unquote(raw) {
            // A quoted value is a value, never a keyword: `similar:"bookmarks"`
            // is the paper of that id.
            Some(value) if name == "similar" => similar_to(&value),
            Some(value) => parse_field(name, &value),
            None => parse_field(name, raw),
        };
    }
    Ok(ClauseKind::Fuzzy(body.to_string()))
}

fn parse_field(name: &str, value: &str) -> Result<ClauseKind, String> {
    let text = |field| {
        non_empty(value, &format!("a value after {name}:")).map(|v| ClauseKind::Field(field, v))
    };
    match name {
        "title" => text(Field::Title),
        "author" => text(Field::Author),
        "org" => text(Field::Org),
        "abstract" => text(Field::Abstract),
        "body" => text(Field::Body),
        "tag" => {
            let tag = non_empty(value, "a tag after tag:")?;
            if tag.chars().any(char::is_whitespace) {
                return Err(format!("tag:{tag}: a tag has no spaces"));
            }
            Ok(ClauseKind::Tag(tag.to_lowercase()))
        }
        "year" => numbers(
            value,
            "year",
            |s| digits(s).filter(|&y| (1000..=9999).contains(&y)),
            "a year like 2024",
        )
        .map(ClauseKind::Year),
        "upvotes" => numbers(value, "upvotes", digits, "a number").map(ClauseKind::Upvotes),
        "authors" => numbers(value, "authors", digits, "a number").map(ClauseKind::Authors),
        "date" => dates(value).map(ClauseKind::Date),
        "added" => dates(value)
            .map(|days| Bounds {
                min: crate::query::ast::day_start_secs(days.min),
                max: crate::query::ast::day_start_secs(days.max.saturating_add(1))
                    .saturating_sub(1),
            })
            .map(ClauseKind::Added)
            .map_err(|e| format!("added{}", e.trim_start_matches("date"))),
        "has" => match value {
            "code" => Ok(ClauseKind::HasCode),
            "links" => Ok(ClauseKind::HasLinks),
            "date" => Ok(ClauseKind::HasDate),
            "pdf" => Ok(ClauseKind::HasPdf),
            _ => Err(format!(
                "has:{value}: expected has:code, has:links, has:date or has:pdf"
            )),
        },
        "similar" => match value {
            "bookmarks" => Ok(ClauseKind::Similar(SimilarTo::Bookmarks)),
            id => similar_to(id),
        },
        "is" => match value {
            "bookmarked" => Ok(ClauseKind::Bookmarked),
            "read" => Ok(ClauseKind::Read),
            "new" => Ok(ClauseKind::New),
            "updated" => Ok(ClauseKind::Updated),
            _ => Err(format!(
                "is:{value}: expected is:bookmarked, is:read, is:new or is:updated"
            )),
        },
        _ => Err(unknown_field(name)),
    }
}

/// An unknown field: the field it most likely is (`yaer:` -> `year:`),
/// else the list of fields.
fn unknown_field(name: &str) -> String {
    let names: Vec<&str> = FIELDS.split(' ').map(|f| f.trim_end_matches(':')).collect();
    // A third of the name in edits, one at least: `xy:` is no typo of `is:`.
    let most = (name.chars().count() / 3).max(1);
    match nearest_name(name, &names, most) {
        Some(field) => format!("unknown field `{name}:`; did you mean `{field}:`?"),
        None => format!("unknown field `{name}:` (fields: {FIELDS})"),
    }
}

/// `similar:` of the paper whose id is `id`, written in any way.
fn similar_to(id: &str) -> Result<ClauseKind, String> {
    if id.is_empty() {
        return Err("similar: needs a paper's id, or `bookmarks`".into());
    }
    Ok(ClauseKind::Similar(SimilarTo::Paper(id.to_string())))
}

fn non_empty(text: &str, what: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        Err(format!("expected {what}"))
    } else {
        Ok(text.to_string())
    }
}

fn digits(text: &str) -> Option<i64> {
    (!text.is_empty() && text.len() <= 12 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// `N`, `>N`, `>=N`, `<N`, `<=N` or `N..M`, with `value` parsing one number.
fn numbers(
    text: &str,
    field: &str,
    value: impl Fn(&str) -> Option<i64>,
    what: &str,
) -> Result<Bounds, String> {
    let bad = || format!("{field}:{text}: expected {what}, >N, >=N, <N, <=N or N..M");
    comparison(text, |s| value(s).map(|n| (n, n))).ok_or_else(bad)
}

/// `date:` values: a year, month or day, compared as day numbers; a
/// comparison with a month or year covers all of its days (`>=2024-06` from
/// June 1st, `<=2024-06` to June 30th).
fn dates(text: &str) -> Result<Bounds, String> {
    comparison(text, date_span).ok_or_else(|| {
        format!(
            "date:{text}: expected YYYY, YYYY-MM or YYYY-MM-DD, optionally with >, >=, <, <= or .."
        )
    })
}

/// Parses a comparison where `span` turns one value into its first and last
/// number (equal for plain numbers).
fn comparison(text: &str, span: impl Fn(&str) -> Option<(i64, i64)>) -> Option<Bounds> {
    let (min, max) = (i64::MIN, i64::MAX);
    if let Some(rest) = text.strip_prefix(">=") {
        return span(rest).map(|(lo, _)| Bounds { min: lo, max });
    }
    if let Some(rest) = text.strip_prefix("<=") {
        return span(rest).map(|(_, hi)| Bounds { min, max: hi });
    }
    if let Some(rest) = text.strip_prefix('>') {
        return span(rest).map(|(_, hi)| Bounds {
            min: hi.saturating_add(1),
            max,
        });
    }
    if let Some(rest) = text.strip_prefix('<') {
        return span(rest).map(|(lo, _)| Bounds {
            min,
            max: lo.saturating_sub(1),
        });
    }
    if let Some((a, b)) = text.split_once("..") {
        let (lo, _) = span(a)?;
        let (_, hi) = span(b)?;
        return (lo <= hi).then_some(Bounds { min: lo, max: hi });
    }
    span(text).map(|(lo, hi)| Bounds { min: lo, max: hi })
}

/// The first and last day numbers of `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn date_span(text: &str) -> Option<(i64, i64)> {
    let parts: Vec<&str> = text.split('-').collect();
    let num = |s: &str, len: usize| (s.len() == len).then(|| digits(s)).flatten();
    match parts.as_slice() {
        [y] => {
            let y = num(y, 4)? as u16;
            Some((
                day_number(Date::new(y, 1, 1)?),
                day_number(Date::new(y, 12, 31)?),
            ))
        }
        [y, m] => {
            let (y, m) = (num(y, 4)? as u16, num(m, 2)? as u8);
            let first = Date::new(y, m, 1)?;
            let last = (28..=31).rev().find_map(|d| Date::new(y, m, d))?;
            Some((day_number(first), day_number(last)))
        }
        [_, _, _] => Date::parse(text).map(|d| (day_number(d), day_number(d))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::SortKey;

    fn kinds(text: &str) -> Vec<(bool, ClauseKind)> {
        parse(text)
            .unwrap()
            .clauses()
            .map(|c| (c.negated, c.kind.clone()))
            .collect()
    }

    fn one(text: &str) -> ClauseKind {
        let mut k = kinds(text);
        assert_eq!(k.len(), 1, "{text}");
        k.remove(0).1
    }

    fn error(text: &str) -> ParseError {
        parse(text).unwrap_err()
    }

    #[test]
    fn text_clauses() {
        assert_eq!(one("mamba"), ClauseKind::Fuzzy("mamba".into()));
        assert_eq!(one("'mamba"), ClauseKind::Exact("mamba".into()));
        assert_eq!(
            one("\"state space\""),
            ClauseKind::Exact("state space".into())
        );
        assert_eq!(one("^Med"), ClauseKind::Prefix("Med".into()));
        assert_eq!(one("survey$"), ClauseKind::Suffix("survey".into()));
        assert_eq!(
            one("title:seg"),
            ClauseKind::Field(Field::Title, "seg".into())
        );
        assert_eq!(
            one("author:smith"),
            ClauseKind::Field(Field::Author, "smith".into())
        );
        assert_eq!(
            one("org:google"),
            ClauseKind::Field(Field::Org, "google".into())
        );
        assert_eq!(
            one("abstract:\"open source\""),
            ClauseKind::Field(Field::Abstract, "open source".into())
        );
    }

    #[test]
    fn tags_flags_and_negation() {
        assert_eq!(
            one("tag:modality/CT"),
            ClauseKind::Tag("modality/ct".into())
        );
        assert_eq!(one("tag:ct"), ClauseKind::Tag("ct".into()));
        assert_eq!(one("has:code"), ClauseKind::HasCode);
        assert_eq!(one("has:links"), ClauseKind::HasLinks);
        assert_eq!(one("has:date"), ClauseKind::HasDate);
        assert_eq!(kinds("!has:date"), [(true, ClauseKind::HasDate)]);
        assert_eq!(one("is:bookmarked"), ClauseKind::Bookmarked);
        assert_eq!(kinds("!tag:ct"), [(true, ClauseKind::Tag("ct".into()))]);
        assert_eq!(
            kinds("!survey"),
            [(true, ClauseKind::Exact("survey".into()))]
        );
        assert_eq!(kinds("!^A"), [(true, ClauseKind::Prefix("A".into()))]);
        assert_eq!(kinds("!has:code"), [(true, ClauseKind::HasCode)]);
    }

    #[test]
    fn numeric_comparisons() {
        let b = |min, max| Bounds { min, max };
        assert_eq!(one("year:2024"), ClauseKind::Year(b(2024, 2024)));
        assert_eq!(one("year:>=2023"), ClauseKind::Year(b(2023, i64::MAX)));
        assert_eq!(one("year:>2023"), ClauseKind::Year(b(2024, i64::MAX)));
        assert_eq!(one("year:<2023"), ClauseKind::Year(b(i64::MIN, 2022)));
        assert_eq!(one("year:<=2023"), ClauseKind::Year(b(i64::MIN, 2023)));
        assert_eq!(one("year:2021..2023"), ClauseKind::Year(b(2021, 2023)));
        assert_eq!(one("upvotes:>=3"), ClauseKind::Upvotes(b(3, i64::MAX)));
        assert_eq!(one("authors:<=5"), ClauseKind::Authors(b(i64::MIN, 5)));
        assert_eq!(one("upvotes:0"), ClauseKind::Upvotes(b(0, 0)));
    }

    #[test]
    fn date_comparisons_cover_whole_months_and_years() {
        let b = |min, max| Bounds { min, max };
        assert_eq!(one("date:2024-06"), ClauseKind::Date(b(20240601, 20240630)));
        assert_eq!(one("date:2024-02"), ClauseKind::Date(b(20240201, 20240229)));
        assert_eq!(
            one("date:2024-06-15"),
            ClauseKind::Date(b(20240615, 20240615))
        );
        assert_eq!(
            one("date:>=2024-01-01"),
            ClauseKind::Date(b(20240101, i64::MAX))
        );
        assert_eq!(
            one("date:<=2024-06"),
            ClauseKind::Date(b(i64::MIN, 20240630))
        );
        assert_eq!(
            one("date:>2024-06"),
            ClauseKind::Date(b(20240631, i64::MAX))
        );
        assert_eq!(one("date:<2024"), ClauseKind::Date(b(i64::MIN, 20240100)));
        assert_eq!(
            one("date:2024-01..2024-03"),
            ClauseKind::Date(b(20240101, 20240331))
        );
    }

    #[test]
    fn or_binds_tighter_than_space() {
        let q = parse("mamba ^core | rb$ | py$ has:code").unwrap();
        let sizes: Vec<usize> = q.groups.iter().map(|g| g.alternatives.len()).collect();
        assert_eq!(sizes, [1, 3, 1]);
    }

    #[test]
    fn sort_clauses() {
        let q = parse("x sort:-date").unwrap();
        assert_eq!(q.sort.unwrap().to_string(), "-date");
        assert_eq!(q.effective_sort().to_string(), "-date");
        assert_eq!(parse("").unwrap().effective_sort().key, SortKey::Date);
        assert_eq!(
            parse("has:code").unwrap().effective_sort().key,
            SortKey::Date
        );
        assert_eq!(parse("x").unwrap().effective_sort().key, SortKey::Relevance);
        assert_eq!(parse("!x").unwrap().effective_sort().key, SortKey::Date);
    }

    #[test]
    fn malformed_clauses_name_their_position() {
        let e = error("mamba year:abc");
        assert_eq!((e.start, e.end), (6, 14));
        assert!(
            e.message.starts_with("year:abc: expected a year"),
            "{}",
            e.message
        );
        let e = error("mamba sort:best");
        assert_eq!((e.start, e.end), (6, 15));
        assert!(error("year:").message.contains("expected a year"));
        assert!(error("year:2024..2020").message.contains("year:2024..2020"));
        assert!(error("upvotes:-1").message.contains("upvotes:-1"));
        assert!(error("date:2024-13").message.contains("date:2024-13"));
        assert!(error("date:2024-6").message.contains("date:2024-6"));
        assert!(error("has:pdfs").message.contains("has:date or has:pdf"));
        assert_eq!(one("has:pdf"), ClauseKind::HasPdf);
        assert!(
            error("is:old")
                .message
                .contains("is:bookmarked, is:read, is:new or is:updated")
        );
        assert_eq!(one("is:new"), ClauseKind::New);
        assert_eq!(one("is:updated"), ClauseKind::Updated);
        assert!(
            matches!(one("added:2025-12-06"), ClauseKind::Added(b) if b.min == 1_764_979_200 && b.max == 1_764_979_200 + 86_399)
        );
        assert_eq!(one("is:read"), ClauseKind::Read);
        assert_eq!(
            error("yaer:2024").message,
            "unknown field `yaer:`; did you mean `year:`?"
        );
        assert_eq!(
            error("auhtor:li").message,
            "unknown field `auhtor:`; did you mean `author:`?"
        );
        assert!(
            error("colour:red")
                .message
                .contains("(fields: title: author:")
        );
        assert!(error("a | | b").message.contains("`|`"));
        assert!(error("| a").message.contains("`|`"));
        let e = error("a |");
        assert_eq!((e.start, e.end), (2, 3));
        assert!(error("!").message.contains("`!`"));
        for doubled in ["!!mamba", "!!tag:ct", "!!!x", "a !!'b"] {
            assert!(error(doubled).message.contains("`!!`"), "{doubled}");
        }
        for lost in [
            "|a", "a|", "||", "a ||", "|| a", "a || b", "!a|", "\"a b\"|", "|||",
        ] {
            let e = error(lost);
            assert!(e.message.contains("`|`"), "{lost}: {}", e.message);
        }
        assert_eq!((error("x |a").start, error("x |a").end), (2, 4));
        let e = error("x mamba|seg");
        assert_eq!((e.start, e.end), (2, 11));
        assert_eq!(
            e.message,
            "`|` goes between spaces: write `mamba | seg` (or quote the text)"
        );
        for glued in ["a|b|c", "tag:a|b", "'x|y", r#"a"b"|c"#] {
            assert!(error(glued).message.contains("between spaces"), "{glued}");
        }
        assert_eq!(one("\"a|b\""), ClauseKind::Exact("a|b".into()));
        assert_eq!(one(r#""a\"|b""#), ClauseKind::Exact("a\"|b".into()));
        assert!(error("'").message.contains("exact term"));
        assert!(error("title:").message.contains("title:"));
    }

    #[test]
    fn quoted_phrases_keep_their_spaces_and_unclosed_quotes_run_to_the_end() {
        assert_eq!(
            one("\"state space"),
            ClauseKind::Exact("state space".into())
        );
        let q = parse("a \"b c\" d").unwrap();
        assert_eq!(q.groups.len(), 3);
        assert_eq!(q.groups[1].alternatives[0].span, 2..7);
    }

    #[test]
    fn quotes_and_backslashes_are_escaped_inside_quotes() {
        assert_eq!(
            one(r#""say \"hi\" \\ now""#),
            ClauseKind::Exact(r#"say "hi" \ now"#.into())
        );
        let paper = |id: &str| ClauseKind::Similar(SimilarTo::Paper(id.into()));
        assert_eq!(one(r#"similar:"x y""#), paper("x y"));
        assert_eq!(one(r#"similar:"a\"b""#), paper("a\"b"));
        assert_eq!(one(r#"similar:"bookmarks""#), paper("bookmarks"));
        assert_eq!(
            one("similar:bookmarks"),
            ClauseKind::Similar(SimilarTo::Bookmarks)
        );
        let q = parse(r#"similar:"a \" b" year:2024"#).unwrap();
        assert_eq!(q.groups.len(), 2);
        assert!(error(r#"similar:"""#).message.contains("similar:"));
    }

    proptest::proptest! {
        /// Whatever an id holds, the clause written for it reads back as
        /// that id, alone or among other clauses.
        #[test]
        fn any_id_written_as_a_clause_parses_back(id in "\\PC{1,12}|[ \"\\\\|$a]{1,6}") {
            let clause = crate::query::tokens::similar_clause(&id);
            let query = parse(&format!("x {clause} | y sort:date")).unwrap();
            let written: Vec<ClauseKind> = query.clauses().map(|c| c.kind.clone()).collect();
            proptest::prop_assert_eq!(
                &written[1],
                &ClauseKind::Similar(SimilarTo::Paper(id.clone()))
            );
            proptest::prop_assert_eq!(written.len(), 3);
        }
    }

    #[test]
    fn a_query_over_the_limits_is_an_error_at_once() {
        let long = "x".repeat(MAX_QUERY + 1);
        let e = error(&long);
        assert_eq!((e.start, e.end), (MAX_QUERY, MAX_QUERY + 1));
        assert_eq!(
            e.message,
            "a query is at most 1,000 characters, this one has 1,001"
        );
        assert!(parse(&"x".repeat(MAX_QUERY)).is_ok());
        let many = vec!["a"; MAX_TERMS + 1].join(" ");
        let e = error(&many);
        assert_eq!((e.start, e.end), (2 * MAX_TERMS, many.len()));
        assert_eq!(e.message, "a query is at most 100 words, this one has 101");
        assert!(parse(&vec!["a"; MAX_TERMS].join(" ")).is_ok());
        // Two hundred kilobytes, as a saved query once was: refused.
        let huge = vec!["mamba"; 40_000].join(" ");
        assert!(error(&huge).message.ends_with("this one has 239,999"));
    }

    #[test]
    fn text_that_merely_contains_a_colon_or_symbols_is_fuzzy() {
        assert_eq!(one("Q:A"), ClauseKind::Fuzzy("Q:A".into()));
        assert_eq!(one("2:1"), ClauseKind::Fuzzy("2:1".into()));
        assert_eq!(one("$"), ClauseKind::Fuzzy("$".into()));
    }

    #[test]
    fn a_pasted_id_url_or_doi_is_its_paper_not_a_field() {
        use crate::query::PaperRef;
        let arxiv = ClauseKind::Paper(PaperRef::Arxiv("2505.47796".into()));
        for text in [
            "2505.47796",
            "arxiv:2505.47796v2",
            "arXiv:2505.47796",
            "https://arxiv.org/abs/2505.47796v2",
            "https://huggingface.co/papers/2505.47796",
        ] {
            assert_eq!(one(text), arxiv, "{text}");
        }
        let doi = ClauseKind::Paper(PaperRef::Doi("10.1101/2025.11.28.25341234".into()));
        assert_eq!(one("doi:10.1101/2025.11.28.25341234"), doi);
        assert_eq!(one("https://doi.org/10.1101/2025.11.28.25341234"), doi);
        assert_eq!(kinds("!2505.47796"), [(true, arxiv.clone())]);
        // Still words while they are being typed; other fields as before.
        assert_eq!(one("2505.4779"), ClauseKind::Fuzzy("2505.4779".into()));
        assert!(matches!(one("similar:2505.47796"), ClauseKind::Similar(_)));
        assert!(error("https:").message.contains("unknown field"));
        assert!(
            !parse("2505.47796")
                .unwrap()
                .narrows(&parse("2505.4779").unwrap())
        );
    }

    #[test]
    fn narrowing() {
        let q = |t| parse(t).unwrap();
        assert!(q("mamba").narrows(&q("mam")));
        assert!(q("mam seg").narrows(&q("mam")));
        assert!(q("mam").narrows(&q("")));
        assert!(q("'mamba").narrows(&q("'mam")));
        assert!(q("has:code tag:ct").narrows(&q("has:code")));
        assert!(!q("mam").narrows(&q("mamba")));
        assert!(!q("max").narrows(&q("mam")));
        assert!(
            !q("!mamba").narrows(&q("!mam")),
            "a growing negation widens"
        );
        assert!(!q("a | b").narrows(&q("a")));
        assert!(!q("mamba$").narrows(&q("mamb")));
    }
}
