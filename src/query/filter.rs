//! Evaluating a query over a corpus: the matching papers, ranked, and the
//! positions to highlight.

use std::collections::HashMap;
use std::ops::Range;

use super::fuzzy::{Prepared, Term};
use super::parse::{Clause, ClauseKind, Field, Query, day_number};
use super::sort::{Sort, SortKey};
use crate::corpus::Paper;

/// A title match outranks any match in authors, organization or tags.
const TITLE_BONUS: i64 = 10_000;
/// From this many candidates on, scoring is split across the cores.
const PARALLEL_FROM: usize = 20_000;

/// One matching paper: its index in the corpus and its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into the corpus's papers.
    pub index: usize,
    /// Higher is better; zero when the query has no text clause.
    pub score: i64,
}

/// What matching needs, computed once per corpus so that a keystroke does
/// no allocation per paper.
pub struct Index {
    entries: Vec<Entry>,
    /// Every distinct tag, lowercase; papers refer to them by position.
    tags: Vec<String>,
    /// Papers marked as bookmarked, by corpus index.
    bookmarked: Vec<bool>,
    /// Tag ids of all papers, paper after paper: compact, so that facet
    /// counting over 100k results stays within a frame.
    tag_flat: Vec<u32>,
    /// Where each paper's tag ids start in `tag_flat` (one more than papers).
    tag_offsets: Vec<u32>,
    /// Per paper: publication year (0 when unknown) and whether it has code.
    facts: Vec<(u16, bool)>,
}

struct Entry {
    /// The title, prepared for fuzzy matching.
    title: Prepared,
    /// Authors, organization and tags: the headline besides the title.
    rest_text: String,
    /// `rest_text` prepared for fuzzy matching.
    rest: Prepared,
    /// Authors joined, for `author:`.
    authors_text: String,
    authors: Prepared,
    /// The organization, for `org:`.
    org: Prepared,
    /// Lowercase title for sorting by title.
    title_key: String,
}

/// The papers a search looks at.
#[derive(Clone, Copy)]
enum Candidates<'a> {
    /// The whole corpus of this many papers.
    All(usize),
    /// The hits of a wider query.
    Among(&'a [Hit]),
}

impl Candidates<'_> {
    fn len(&self) -> usize {
        match self {
            Candidates::All(n) => *n,
            Candidates::Among(hits) => hits.len(),
        }
    }

    fn index(&self, position: usize) -> usize {
        match self {
            Candidates::All(_) => position,
            Candidates::Among(hits) => hits[position].index,
        }
    }
}

/// A query compiled against this index: terms prepared, tags resolved.
struct Compiled<'q> {
    groups: Vec<Vec<(&'q Clause, Matcher)>>,
}

enum Matcher {
    Fuzzy(Term),
    Exact(Needle),
    Prefix(Needle),
    Suffix(Needle),
    Field(Field, Term, Needle),
    /// Which tag ids satisfy the clause.
    Tags(Vec<bool>),
    /// Numbers and flags: the clause itself is all that is needed.
    AsParsed,
}

impl Index {
    /// Precomputes what matching needs for every paper.
    pub fn new(papers: &[Paper]) -> Index {
        let mut tag_table: HashMap<String, u32> = HashMap::new();
        let mut tags = Vec::new();
        let mut tag_flat = Vec::new();
        let mut tag_offsets = vec![0u32];
        let entries = papers
            .iter()
            .map(|p| {
                let mut rest = p.authors.join(", ");
                for part in p
                    .organization
                    .iter()
                    .map(String::as_str)
                    .chain(p.tags.iter().map(|t| t.as_str()))
                {
                    if !rest.is_empty() {
                        rest.push_str(" · ");
                    }
                    rest.push_str(part);
                }
                for t in &p.tags {
                    let key = t.as_str().to_lowercase();
                    let id = *tag_table.entry(key.clone()).or_insert_with(|| {
                        tags.push(key);
                        tags.len() as u32 - 1
                    });
                    tag_flat.push(id);
                }
                tag_offsets.push(tag_flat.len() as u32);
                let authors_text = p.authors.join(", ");
                Entry {
                    title: Prepared::new(&p.title),
                    title_key: p.title.to_lowercase(),
                    rest: Prepared::new(&rest),
                    rest_text: rest,
                    authors: Prepared::new(&authors_text),
                    authors_text,
                    org: Prepared::new(p.organization.as_deref().unwrap_or("")),
                }
            })
            .collect();
        Index {
            entries,
            tags,
            bookmarked: vec![false; papers.len()],
            tag_flat,
            tag_offsets,
            facts: papers
                .iter()
                .map(|p| (p.published.map_or(0, |d| d.year), p.code_link().is_some()))
                .collect(),
        }
    }

    /// Marks which papers `is:bookmarked` matches.
    pub fn set_bookmarked(&mut self, bookmarked: impl Fn(&Paper) -> bool, papers: &[Paper]) {
        self.bookmarked = papers.iter().map(bookmarked).collect();
    }

    /// Every distinct tag of the corpus (lowercase), by tag id.
    pub fn tag_names(&self) -> &[String] {
        &self.tags
    }

    /// The tag ids of the paper at `index`.
    pub fn tag_ids(&self, index: usize) -> &[u32] {
        &self.tag_flat[self.tag_offsets[index] as usize..self.tag_offsets[index + 1] as usize]
    }

    /// The publication year (0 when unknown) and whether the paper at
    /// `index` has a code link.
    pub fn facts(&self, index: usize) -> (u16, bool) {
        self.facts[index]
    }

    /// The papers matching `query`, ranked by its ordering.
    pub fn search(&self, papers: &[Paper], query: &Query) -> Vec<Hit> {
        self.search_among(papers, query, Candidates::All(papers.len()))
    }

    /// Like [`Index::search`], but only among `candidates` (the hits of a
    /// query that this one narrows).
    pub fn refine(&self, papers: &[Paper], query: &Query, candidates: &[Hit]) -> Vec<Hit> {
        self.search_among(papers, query, Candidates::Among(candidates))
    }

    fn search_among(&self, papers: &[Paper], query: &Query, candidates: Candidates) -> Vec<Hit> {
        let compiled = self.compile(query);
        let score_part = |range: Range<usize>| -> Vec<Hit> {
            range
                .filter_map(|position| {
                    let index = candidates.index(position);
                    self.score(papers, index, &compiled)
                        .map(|score| Hit { index, score })
                })
                .collect()
        };
        let len = candidates.len();
        let threads = if len >= PARALLEL_FROM {
            std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
        } else {
            1
        };
        let mut hits = if threads == 1 {
            score_part(0..len)
        } else {
            // Contiguous parts, joined in order, so results do not depend
            // on the number of cores.
            let part = len.div_ceil(threads);
            std::thread::scope(|scope| {
                let handles: Vec<_> = (0..threads)
                    .map(|t| {
                        let range = (t * part).min(len)..((t + 1) * part).min(len);
                        scope.spawn(|| score_part(range))
                    })
                    .collect();
                let mut all = Vec::new();
                for handle in handles {
                    match handle.join() {
                        Ok(part) => all.extend(part),
                        Err(panic) => std::panic::resume_unwind(panic),
                    }
                }
                all
            })
        };
        self.sort(papers, &mut hits, query.effective_sort());
        hits
    }

    fn compile<'q>(&self, query: &'q Query) -> Compiled<'q> {
        let groups = query
            .groups
            .iter()
            .map(|g| {
                g.alternatives
                    .iter()
                    .map(|c| (c, self.matcher(&c.kind)))
                    .collect()
            })
            .collect();
        Compiled { groups }
    }

    fn matcher(&self, kind: &ClauseKind) -> Matcher {
        match kind {
            ClauseKind::Fuzzy(t) => Matcher::Fuzzy(Term::new(t)),
            ClauseKind::Exact(t) => Matcher::Exact(Needle::new(t)),
            ClauseKind::Prefix(t) => Matcher::Prefix(Needle::new(t)),
            ClauseKind::Suffix(t) => Matcher::Suffix(Needle::new(t)),
            ClauseKind::Field(f, t) => Matcher::Field(*f, Term::new(t), Needle::new(t)),
            ClauseKind::Tag(wanted) => Matcher::Tags(
                self.tags
                    .iter()
                    .map(|tag| {
                        tag == wanted
                            || (!wanted.contains('/')
                                && tag.split_once('/').is_some_and(|(_, name)| name == wanted))
                    })
                    .collect(),
            ),
            _ => Matcher::AsParsed,
        }
    }

    fn score(&self, papers: &[Paper], index: usize, query: &Compiled) -> Option<i64> {
        let mut total = 0;
        for group in &query.groups {
            total += group
                .iter()
                .filter_map(|(clause, m)| {
                    let held = self.clause_score(papers, index, &clause.kind, m);
                    match (clause.negated, held) {
                        (false, held) => held,
                        (true, Some(_)) => None,
                        (true, None) => Some(0),
                    }
                })
                .max()?;
        }
        Some(total)
    }

    /// The score of one clause for one paper, or `None` when it does not hold.
    fn clause_score(
        &self,
        papers: &[Paper],
        index: usize,
        kind: &ClauseKind,
        m: &Matcher,
    ) -> Option<i64> {
        let paper = &papers[index];
        let entry = &self.entries[index];
        let flag = |held: bool| held.then_some(0);
        match m {
            Matcher::Fuzzy(term) => match term.score(&paper.title, &entry.title) {
                Some(score) => Some(score + TITLE_BONUS),
                None => term.score(&entry.rest_text, &entry.rest),
            },
            Matcher::Exact(needle) => {
                let base = 16 * needle.len as i64;
                if needle.find(&paper.title).is_some() {
                    Some(base + TITLE_BONUS)
                } else if needle.find(&entry.rest_text).is_some() {
                    Some(base)
                } else {
                    needle.find(&paper.abstract_text).map(|_| base / 2)
                }
            }
            Matcher::Prefix(needle) => {
                flag(needle.starts(&paper.title)).map(|_| 16 * needle.len as i64 + TITLE_BONUS)
            }
            Matcher::Suffix(needle) => {
                flag(needle.ends(&paper.title)).map(|_| 16 * needle.len as i64 + TITLE_BONUS)
            }
            Matcher::Field(field, term, needle) => match field {
                Field::Title => term
                    .score(&paper.title, &entry.title)
                    .map(|s| s + TITLE_BONUS),
                Field::Author => term.score(&entry.authors_text, &entry.authors),
                Field::Org => term.score(paper.organization.as_deref().unwrap_or(""), &entry.org),
                Field::Abstract => needle
                    .find(&paper.abstract_text)
                    .map(|_| 8 * needle.len as i64),
            },
            Matcher::Tags(wanted) => flag(self.tag_ids(index).iter().any(|&t| wanted[t as usize])),
            Matcher::AsParsed => match kind {
                ClauseKind::Year(b) => {
                    flag(paper.published.is_some_and(|d| b.contains(d.year as i64)))
                }
                ClauseKind::Date(b) => {
                    flag(paper.published.is_some_and(|d| b.contains(day_number(d))))
                }
                ClauseKind::Upvotes(b) => flag(paper.upvotes.is_some_and(|n| b.contains(n as i64))),
                ClauseKind::Authors(b) => {
                    let n = paper.display_author_count();
                    flag(n > 0 && b.contains(n as i64))
                }
                ClauseKind::HasCode => flag(paper.code_link().is_some()),
                ClauseKind::HasLinks => flag(!paper.links.is_empty()),
                ClauseKind::Bookmarked => {
                    flag(self.bookmarked.get(index).copied().unwrap_or(false))
                }
                // Text and tag clauses always have a prepared matcher.
                _ => None,
            },
        }
    }

    /// Orders hits in place.
    pub fn sort(&self, papers: &[Paper], hits: &mut [Hit], order: Sort) {
        // Sorting by precomputed integer keys keeps a 100k-result sort in
        // the low milliseconds; equal keys fall back to corpus order so that
        // results never shuffle.
        let date = |i: usize| papers[i].published.map_or(0, |d| day_number(d) as u64);
        let upvotes = |i: usize| papers[i].upvotes_or_zero() as u64;
        let flip = |k: u128| if order.reversed { !k } else { k };
        match order.key {
            SortKey::Title => {
                hits.sort_by(|a, b| {
                    let natural = self.entries[a.index]
                        .title_key
                        .cmp(&self.entries[b.index].title_key);
                    let ordered = if order.reversed {
                        natural.reverse()
                    } else {
                        natural
                    };
                    ordered.then(a.index.cmp(&b.index))
                });
            }
            key => {
                // Bigger is earlier in the natural order.
                let key_of = |h: &Hit| -> u128 {
                    let score = (h.score as i128 - i64::MIN as i128) as u128;
                    let (u, d) = (upvotes(h.index) as u128, date(h.index) as u128);
                    let authors = papers[h.index].display_author_count() as u128;
                    match key {
                        SortKey::Relevance => score << 64 | u << 32 | d,
                        SortKey::Date => d << 64 | score,
                        SortKey::Upvotes => u << 64 | d,
                        _ => authors << 64 | u << 32 | d,
                    }
                };
                // Keys computed once each, not once per comparison.
                let mut keyed: Vec<(std::cmp::Reverse<u128>, usize, i64)> = hits
                    .iter()
                    .map(|h| (std::cmp::Reverse(flip(key_of(h))), h.index, h.score))
                    .collect();
                keyed.sort_unstable();
                for (hit, (_, index, score)) in hits.iter_mut().zip(keyed) {
                    *hit = Hit { index, score };
                }
            }
        }
    }

    /// Character positions in a paper's title matched by the query's
    /// positive text clauses, sorted and without duplicates.
    pub fn title_positions(&self, papers: &[Paper], index: usize, query: &Query) -> Vec<usize> {
        let title = &papers[index].title;
        let prepared = &self.entries[index].title;
        let mut positions = Vec::new();
        for clause in query.clauses().filter(|c| !c.negated) {
            match &clause.kind {
                ClauseKind::Fuzzy(t) | ClauseKind::Field(Field::Title, t) => {
                    positions.extend(Term::new(t).positions(title, prepared).unwrap_or_default());
                }
                ClauseKind::Exact(t) => {
                    positions.extend(Needle::new(t).char_ranges(title).into_iter().flatten())
                }
                ClauseKind::Prefix(t) if Needle::new(t).starts(title) => {
                    positions.extend(0..t.chars().count())
                }
                ClauseKind::Suffix(t) if Needle::new(t).ends(title) => {
                    let n = title.chars().count();
                    positions.extend(n - t.chars().count()..n)
                }
                _ => {}
            }
        }
        positions.sort_unstable();
        positions.dedup();
        positions
    }

    /// Character positions in a paper's abstract matched by the query's
    /// positive exact terms, phrases and `abstract:` clauses.
    pub fn abstract_positions(&self, papers: &[Paper], index: usize, query: &Query) -> Vec<usize> {
        let text = &papers[index].abstract_text;
        let mut positions: Vec<usize> = query
            .clauses()
            .filter(|c| !c.negated)
            .filter_map(|c| match &c.kind {
                ClauseKind::Exact(t) | ClauseKind::Field(Field::Abstract, t) => Some(t),
                _ => None,
            })
            .flat_map(|t| Needle::new(t).char_ranges(text).into_iter().flatten())
            .collect();
        positions.sort_unstable();
        positions.dedup();
        positions
    }
}

/// A substring to find, with smart case: no capital letter ignores case.
struct Needle {
    text: String,
    lower: String,
    len: usize,
    case_sensitive: bool,
}

impl Needle {
    fn new(text: &str) -> Needle {
        Needle {
            text: text.to_string(),
            lower: text.to_lowercase(),
            len: text.chars().count(),
            case_sensitive: text.chars().any(char::is_uppercase),
        }
    }

    /// The byte offset of the first occurrence in `haystack`.
    fn find(&self, haystack: &str) -> Option<usize> {
        self.find_from(haystack, 0)
    }

    fn find_from(&self, haystack: &str, from: usize) -> Option<usize> {
        let hay = &haystack[from..];
        let found = if self.case_sensitive {
            memchr::memmem::find(hay.as_bytes(), self.text.as_bytes())
        } else if self.lower.is_ascii() {
            find_ascii_caseless(hay.as_bytes(), self.lower.as_bytes())
        } else {
            // Rare: a non-ASCII term. Lowercasing may change byte lengths,
            // so compare character by character.
            find_caseless(hay, &self.lower)
        };
        found.map(|i| i + from)
    }

    fn starts(&self, haystack: &str) -> bool {
        let head: String = haystack.chars().take(self.len).collect();
        self.eq(&head)
    }

    fn ends(&self, haystack: &str) -> bool {
        let n = haystack.chars().count();
        if n < self.len {
            return false;
        }
        let tail: String = haystack.chars().skip(n - self.len).collect();
        self.eq(&tail)
    }

    fn eq(&self, text: &str) -> bool {
        if self.case_sensitive {
            text == self.text
        } else {
            text.to_lowercase() == self.lower
        }
    }

    /// Character ranges of every occurrence, for highlighting.
    fn char_ranges(&self, haystack: &str) -> Vec<Range<usize>> {
        let mut ranges = Vec::new();
        let mut from = 0;
        while let Some(byte) = self.find_from(haystack, from) {
            let start = haystack[..byte].chars().count();
            ranges.push(start..start + self.len);
            let step = haystack[byte..].chars().next().map_or(1, char::len_utf8);
            from = byte + step;
            if ranges.len() > 1000 {
                break;
            }
        }
        ranges
    }
}

/// ASCII case-insensitive substring search: memchr finds candidates for the
/// first byte in either case.
fn find_ascii_caseless(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let upper = first.to_ascii_uppercase();
    let mut from = 0;
    while let Some(i) = memchr::memchr2(first, upper, &hay[from..]) {
        let at = from + i;
        let candidate = hay.get(at + 1..at + 1 + rest.len())?;
        if candidate.eq_ignore_ascii_case(rest) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Case-insensitive search for a lowercase needle with non-ASCII text.
fn find_caseless(hay: &str, lower_needle: &str) -> Option<usize> {
    let needle: Vec<char> = lower_needle.chars().collect();
    hay.char_indices().map(|(i, _)| i).find(|&i| {
        let mut rest = hay[i..].chars().flat_map(char::to_lowercase);
        needle.iter().all(|n| rest.next() == Some(*n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Date, Link, Tag};
    use crate::query::parse::parse;

    /// A small corpus where each clause has something to find.
    fn papers() -> Vec<Paper> {
        let mut a = Paper::titled("Mamba for Segmentation");
        a.published = Date::new(2024, 1, 15);
        a.upvotes = Some(1);
        a.author_count = Some(3);
        a.abstract_text = "State space models segment tumours in MRI.".into();
        a.tags = vec![
            Tag::parse("task/segmentation").unwrap(),
            Tag::parse("modality/mri").unwrap(),
        ];
        a.links = vec![Link::classified("https://github.com/a/b")];
        let mut b = Paper::titled("A Transformer Study");
        b.published = Date::new(2025, 6, 1);
        b.authors = vec!["Ada Mamba".into(), "Bo Li".into()];
        b.organization = Some("Google".into());
        b.abstract_text = "We study transformers on CT.".into();
        b.tags = vec![
            Tag::parse("modality/ct").unwrap(),
            Tag::parse("type/study").unwrap(),
        ];
        b.links = vec![Link::classified("https://arxiv.org/abs/1")];
        let mut c = Paper::titled("Vision Mamba UNet survey");
        c.published = Date::new(2023, 3, 1);
        c.upvotes = Some(5);
        c.author_count = Some(12);
        c.tags = vec![
            Tag::parse("task/segmentation").unwrap(),
            Tag::parse("type/survey").unwrap(),
        ];
        let d = Paper::titled("Untitled notes without metadata");
        vec![a, b, c, d]
    }

    fn titles(query: &str) -> Vec<String> {
        let papers = papers();
        let index = Index::new(&papers);
        index
            .search(&papers, &parse(query).unwrap())
            .iter()
            .map(|h| papers[h.index].title.clone())
            .collect()
    }

    fn first_words(query: &str) -> Vec<&'static str> {
        titles(query)
            .iter()
            .map(|t| match t.split(' ').next().unwrap() {
                "Mamba" => "Mamba",
                "A" => "A",
                "Vision" => "Vision",
                _ => "Untitled",
            })
            .collect()
    }

    #[test]
    fn empty_query_is_everything_newest_first_undated_last() {
        assert_eq!(first_words(""), ["A", "Mamba", "Vision", "Untitled"]);
    }

    #[test]
    fn fuzzy_title_matches_rank_above_headline_matches() {
        assert_eq!(first_words("mamba"), ["Mamba", "Vision", "A"]);
        assert_eq!(first_words("seg"), ["Mamba", "Vision"]);
        assert_eq!(first_words("google"), ["A"]);
        assert!(titles("mamba zebra").is_empty());
    }

    #[test]
    fn exact_terms_and_phrases_reach_the_abstract() {
        assert_eq!(first_words("'tumours"), ["Mamba"]);
        assert_eq!(first_words("\"state space models\""), ["Mamba"]);
        assert_eq!(first_words("'Tumours"), Vec::<&str>::new(), "smart case");
        assert_eq!(first_words("\"space state\""), Vec::<&str>::new());
        // In the title ranks above only in the abstract.
        assert_eq!(first_words("'study"), ["A"]);
    }

    #[test]
    fn prefix_suffix_and_negation() {
        assert_eq!(first_words("^mamba"), ["Mamba"]);
        assert_eq!(first_words("survey$"), ["Vision"]);
        assert_eq!(first_words("!mamba"), ["Untitled"]);
        assert_eq!(first_words("!^mamba"), ["A", "Vision", "Untitled"]);
        assert_eq!(first_words("mamba !survey"), ["Mamba", "A"]);
    }

    #[test]
    fn field_clauses() {
        assert_eq!(first_words("title:mamba"), ["Mamba", "Vision"]);
        assert_eq!(first_words("author:mamba"), ["A"]);
        assert_eq!(first_words("org:goog"), ["A"]);
        assert_eq!(first_words("abstract:transformers"), ["A"]);
        assert_eq!(first_words("abstract:mamba"), Vec::<&str>::new());
    }

    #[test]
    fn tags_with_and_without_namespace() {
        assert_eq!(first_words("tag:task/segmentation"), ["Mamba", "Vision"]);
        assert_eq!(first_words("tag:segmentation"), ["Mamba", "Vision"]);
        assert_eq!(first_words("tag:ct"), ["A"]);
        assert_eq!(first_words("tag:modality/segmentation"), Vec::<&str>::new());
        assert_eq!(first_words("!tag:segmentation"), ["A", "Untitled"]);
    }

    #[test]
    fn numbers_dates_and_flags() {
        assert_eq!(first_words("year:2024"), ["Mamba"]);
        assert_eq!(first_words("year:>=2024"), ["A", "Mamba"]);
        assert_eq!(first_words("year:2023..2024"), ["Mamba", "Vision"]);
        assert_eq!(first_words("date:2024-01"), ["Mamba"]);
        assert_eq!(first_words("date:<2024-01-15"), ["Vision"]);
        assert_eq!(first_words("date:>=2024-01-15"), ["A", "Mamba"]);
        assert_eq!(first_words("upvotes:>=2"), ["Vision"]);
        assert_eq!(
            first_words("upvotes:<=1"),
            ["Mamba"],
            "unknown upvotes never compare"
        );
        assert_eq!(first_words("authors:>5"), ["Vision"]);
        assert_eq!(first_words("authors:2..3"), ["A", "Mamba"]);
        assert_eq!(first_words("has:code"), ["Mamba"]);
        assert_eq!(first_words("has:links"), ["A", "Mamba"]);
        assert_eq!(first_words("!has:links"), ["Vision", "Untitled"]);
        assert_eq!(first_words("is:bookmarked"), Vec::<&str>::new());
    }

    #[test]
    fn or_groups() {
        assert_eq!(first_words("tag:ct | tag:survey"), ["A", "Vision"]);
        assert_eq!(first_words("seg tag:mri | year:2023"), ["Mamba", "Vision"]);
        assert_eq!(first_words("zebra | ^untitled"), ["Untitled"]);
    }

    #[test]
    fn bookmarks_are_a_flag() {
        let papers = papers();
        let mut index = Index::new(&papers);
        index.set_bookmarked(|p| p.title.starts_with('V'), &papers);
        let hits = index.search(&papers, &parse("is:bookmarked").unwrap());
        assert_eq!(hits.len(), 1);
        assert_eq!(papers[hits[0].index].title, "Vision Mamba UNet survey");
    }

    #[test]
    fn sorts_and_reversal() {
        assert_eq!(
            first_words("sort:title"),
            ["A", "Mamba", "Untitled", "Vision"]
        );
        assert_eq!(first_words("sort:-title")[0], "Vision");
        assert_eq!(first_words("sort:upvotes")[..2], ["Vision", "Mamba"]);
        assert_eq!(first_words("sort:authors")[..2], ["Vision", "Mamba"]);
        assert_eq!(first_words("mamba sort:-date"), ["Vision", "Mamba", "A"]);
        assert_eq!(
            first_words("sort:-date"),
            ["Untitled", "Vision", "Mamba", "A"]
        );
    }

    #[test]
    fn refining_gives_the_same_as_searching() {
        let papers = papers();
        let index = Index::new(&papers);
        let wide = index.search(&papers, &parse("ma").unwrap());
        let narrow = parse("mamba seg").unwrap();
        assert_eq!(
            index.refine(&papers, &narrow, &wide),
            index.search(&papers, &narrow)
        );
    }

    #[test]
    fn highlight_positions() {
        let papers = papers();
        let index = Index::new(&papers);
        let q = parse("mamba ^vision").unwrap();
        assert_eq!(
            index.title_positions(&papers, 2, &q),
            [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11]
        );
        let q = parse("'segment \"space models\" !state").unwrap();
        let expected: Vec<usize> = (6..18).chain(19..26).collect();
        assert_eq!(index.abstract_positions(&papers, 0, &q), expected);
    }

    #[test]
    fn caseless_search() {
        assert_eq!(find_ascii_caseless(b"a MRI scan", b"mri"), Some(2));
        assert_eq!(find_ascii_caseless(b"mr", b"mri"), None);
        assert_eq!(find_caseless("Über Straße", "straße"), Some(6));
    }
}
