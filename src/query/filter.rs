//! Evaluating a query over a corpus: the matching papers, ranked, and the
//! positions to highlight.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use super::ast::{Clause, ClauseKind, Field, Query};
use super::bitmap::{bitmap, each_marked};
use super::hit::Hit;
use super::index::Index;
use super::index::headlines::{byte_bit, mask, rest_of};
use super::text::fuzzy::{Prepared, Term, Text};
use super::text::needle::Needle;
use crate::corpus::Paper;

/// A title match outranks any match in authors, organization or tags.
const TITLE_BONUS: i64 = 10_000;
/// From this many candidates on, scoring is split across the cores.
const PARALLEL_FROM: usize = 20_000;
/// How many candidates are fetched from memory together (see `run`).
const GROUP: usize = 16;
/// How many candidates a worker scores between looks at the cancel flag.
const CANCEL_EVERY: usize = 4096;

/// The papers a search looks at.
#[derive(Clone, Copy)]
enum Candidates<'a> {
    /// A range of the corpus.
    Range(usize, usize),
    /// The hits of a wider query.
    Among(&'a [Hit]),
    /// Many hits of a wider query, as a bitmap over the corpus, so that
    /// scoring reads the index in memory order rather than rank order.
    Marked(&'a [u64], usize),
}

impl Candidates<'_> {
    /// How many positions to go through (for `Marked`: corpus indices).
    fn len(&self) -> usize {
        match self {
            Candidates::Range(from, to) => to - from,
            Candidates::Among(hits) => hits.len(),
            Candidates::Marked(_, n) => *n,
        }
    }

    /// Calls `f` with the corpus index of every candidate among `positions`.
    fn each(&self, positions: Range<usize>, mut f: impl FnMut(usize)) {
        match self {
            Candidates::Range(from, _) => positions.for_each(|p| f(from + p)),
            Candidates::Among(hits) => hits[positions].iter().for_each(|h| f(h.index)),
            Candidates::Marked(bits, _) => each_marked(bits, positions, f),
        }
    }
}

/// A query compiled against this index: terms prepared, tags resolved.
struct Compiled<'q> {
    groups: Vec<Vec<(&'q Clause, Matcher)>>,
}

enum Matcher {
    Fuzzy(Box<Fuzzy>),
    Exact(Needle),
    Prefix(Needle),
    Suffix(Needle),
    Field(Field, Box<(Fuzzy, Needle)>),
    /// Which tag ids satisfy the clause.
    Tags(Vec<bool>),
    /// Numbers and flags: the clause itself is all that is needed.
    AsParsed,
}

/// A fuzzy term. A case-sensitive one is first matched folded, which any
/// exact-case match also passes, so that the original text is looked at
/// only for the few papers that pass.
struct Fuzzy {
    term: Term,
    folded: Option<Term>,
    /// The characters the term needs (see `headlines::mask`).
    mask: u64,
    /// The mask bit of its first character.
    first: u64,
}

impl Fuzzy {
    fn new(text: &str) -> Fuzzy {
        let term = Term::new(text);
        let folded = term.case_sensitive().then(|| Term::new(term.folded()));
        Fuzzy {
            mask: mask(term.folded()),
            first: term.folded().bytes().next().map_or(0, byte_bit),
            term,
            folded,
        }
    }

    /// The score in a headline part whose characters are `chars` and whose
    /// word-start characters are `starts`: `folded` from the index,
    /// `original` built only when the case must be checked.
    fn score(
        &self,
        (chars, starts): (u64, u64),
        folded: Text,
        original: impl FnOnce() -> String,
    ) -> Option<i64> {
        if self.mask & !chars != 0 {
            return None;
        }
        let prefixes_possible = self.first & starts != 0;
        match &self.folded {
            None => self.term.score_knowing(folded, prefixes_possible),
            Some(f) => {
                f.score_knowing(folded, prefixes_possible)?;
                self.term.score(Prepared::original(&original()).text())
            }
        }
    }
}

/// A rough cost of evaluating a clause for one paper, lower first: flags
/// and numbers, then tags, then title prefixes, then fuzzy terms (longer
/// terms fail sooner), then substrings that may scan the abstract.
fn cost(kind: &ClauseKind) -> usize {
    match kind {
        ClauseKind::Tag(_) => 1,
        ClauseKind::Prefix(_) | ClauseKind::Suffix(_) => 2,
        ClauseKind::Fuzzy(t) | ClauseKind::Field(Field::Title | Field::Author | Field::Org, t) => {
            20 - t.len().min(16)
        }
        ClauseKind::Exact(_) | ClauseKind::Field(Field::Abstract, _) => 30,
        _ => 0,
    }
}

impl Index {
    /// The papers matching `query`, ranked by its ordering.
    pub fn search(&self, papers: &[Paper], query: &Query) -> Vec<Hit> {
        self.run(papers, query, Candidates::Range(0, papers.len()), None)
            .unwrap_or_default()
    }

    /// Like [`Index::search`], but only among `candidates` (the hits of a
    /// query that this one narrows).
    pub fn refine(&self, papers: &[Paper], query: &Query, candidates: &[Hit]) -> Vec<Hit> {
        self.run(papers, query, Candidates::Among(candidates), None)
            .unwrap_or_default()
    }

    /// Like [`Index::search`], but only among the papers from `from` on
    /// (those that arrived since the last search while a corpus loads).
    pub fn search_from(&self, papers: &[Paper], query: &Query, from: usize) -> Vec<Hit> {
        self.run(papers, query, Candidates::Range(from, papers.len()), None)
            .unwrap_or_default()
    }

    /// A search that gives up, returning `None`, soon after `cancel` is
    /// set: the reader cancels a search that a newer keystroke made
    /// outdated. Among `candidates` when given, else the whole corpus.
    pub fn search_cancellable(
        &self,
        papers: &[Paper],
        query: &Query,
        candidates: Option<&[Hit]>,
        cancel: &AtomicBool,
    ) -> Option<Vec<Hit>> {
        let candidates = match candidates {
            Some(hits) => Candidates::Among(hits),
            None => Candidates::Range(0, papers.len()),
        };
        self.run(papers, query, candidates, Some(cancel))
    }

    fn run(
        &self,
        papers: &[Paper],
        query: &Query,
        candidates: Candidates,
        cancel: Option<&AtomicBool>,
    ) -> Option<Vec<Hit>> {
        let compiled = self.compile(query);
        let cancelled = || cancel.is_some_and(|c| c.load(Ordering::Relaxed));
        let marks;
        let candidates = match candidates {
            // Hits come in rank order, scattered over memory: going through
            // them in corpus order instead reads the index in sequence,
            // which matters more than anything else at a million papers.
            Candidates::Among(hits) if hits.len() >= 64 => {
                marks = bitmap(hits.iter().map(|h| h.index), papers.len());
                Candidates::Marked(&marks, papers.len())
            }
            other => other,
        };
        let score_part = |range: Range<usize>| -> Option<Vec<Hit>> {
            // Room for every candidate: growing a million hits step by step
            // would copy them over and over. Untouched room costs nothing.
            let mut hits = Vec::with_capacity(range.len());
            for block in range
                .clone()
                .step_by(CANCEL_EVERY)
                .map(|s| s..(s + CANCEL_EVERY))
            {
                if cancelled() {
                    return None;
                }
                // In groups: first every candidate's headline is asked for
                // from memory, all at once, then the group is scored, so
                // the waits for memory overlap instead of adding up.
                let mut group = [0usize; GROUP];
                let mut filled = 0;
                let score_group = |group: &[usize], hits: &mut Vec<Hit>| {
                    let touched = group
                        .iter()
                        .fold(0u8, |acc, &i| acc ^ self.headlines.touch(i));
                    std::hint::black_box(touched);
                    for &index in group {
                        if let Some(score) = self.score(papers, index, &compiled) {
                            hits.push(Hit { index, score });
                        }
                    }
                };
                candidates.each(block.start..block.end.min(range.end), |index| {
                    group[filled] = index;
                    filled += 1;
                    if filled == GROUP {
                        score_group(&group, &mut hits);
                        filled = 0;
                    }
                });
                score_group(&group[..filled], &mut hits);
            }
            Some(hits)
        };
        let len = candidates.len();
        let threads = if len >= PARALLEL_FROM {
            std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
        } else {
            1
        };
        let mut hits = if threads == 1 {
            score_part(0..len)?
        } else {
            // Contiguous parts, joined in order, so results do not depend
            // on the number of cores.
            let part = len.div_ceil(threads);
            let parts = std::thread::scope(|scope| {
                let handles: Vec<_> = (0..threads)
                    .map(|t| {
                        let range = (t * part).min(len)..((t + 1) * part).min(len);
                        scope.spawn(|| score_part(range))
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                    .collect::<Vec<_>>()
            });
            // Joined onto the first part rather than copied into a new one.
            let parts = parts.into_iter().collect::<Option<Vec<Vec<Hit>>>>()?;
            let total: usize = parts.iter().map(Vec::len).sum();
            let mut parts = parts.into_iter();
            let mut all = parts.next().unwrap_or_default();
            all.reserve(total - all.len());
            for part in parts {
                all.extend(part);
            }
            all
        };
        if cancelled() {
            return None;
        }
        self.sort(&mut hits, query.effective_sort());
        Some(hits)
    }

    fn compile<'q>(&self, query: &'q Query) -> Compiled<'q> {
        let mut groups: Vec<Vec<(&Clause, Matcher)>> = query
            .groups
            .iter()
            .map(|g| {
                g.alternatives
                    .iter()
                    .map(|c| (c, self.matcher(&c.kind)))
                    .collect()
            })
            .collect();
        // A paper fails at its first failing group: cheap and selective
        // groups first. The score is a sum, so the order does not change it.
        groups.sort_by_key(|g| g.iter().map(|(c, _)| cost(&c.kind)).max().unwrap_or(0));
        Compiled { groups }
    }

    fn matcher(&self, kind: &ClauseKind) -> Matcher {
        match kind {
            ClauseKind::Fuzzy(t) => Matcher::Fuzzy(Box::new(Fuzzy::new(t))),
            ClauseKind::Exact(t) => Matcher::Exact(Needle::new(t)),
            ClauseKind::Prefix(t) => Matcher::Prefix(Needle::new(t)),
            ClauseKind::Suffix(t) => Matcher::Suffix(Needle::new(t)),
            ClauseKind::Field(f, t) => {
                Matcher::Field(*f, Box::new((Fuzzy::new(t), Needle::new(t))))
            }
            ClauseKind::Tag(wanted) => Matcher::Tags(
                self.tag_names()
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
            let mut best: Option<i64> = None;
            for (clause, m) in group {
                let held = self.clause_score(papers, index, &clause.kind, m);
                let counted = match (clause.negated, held) {
                    (false, held) => held,
                    (true, Some(_)) => None,
                    (true, None) => Some(0),
                };
                best = best.max(counted);
            }
            total += best?;
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
        let h = &self.headlines;
        let flag = |held: bool| held.then_some(0);
        match m {
            Matcher::Fuzzy(term) => {
                let paper = || &papers[index];
                let (title, rest) = h.part_masks(index);
                match term.score(title, h.title(index), || paper().title.clone()) {
                    Some(score) => Some(score + TITLE_BONUS),
                    None => term.score(rest, h.rest(index), || rest_of(paper())),
                }
            }
            Matcher::Exact(needle) => {
                let base = 16 * needle.len as i64;
                let paper = &papers[index];
                let (in_title, in_rest) = if needle.case_sensitive() {
                    (
                        needle.find(&paper.title).is_some(),
                        needle.find(&rest_of(paper)).is_some(),
                    )
                } else {
                    let in_title = needle.in_folded(h.title(index).as_str());
                    (
                        in_title,
                        !in_title && needle.in_folded(h.rest(index).as_str()),
                    )
                };
                if in_title {
                    Some(base + TITLE_BONUS)
                } else if in_rest {
                    Some(base)
                } else {
                    needle.find(&paper.abstract_text).map(|_| base / 2)
                }
            }
            Matcher::Prefix(needle) => {
                let held = if needle.case_sensitive() {
                    needle.starts(&papers[index].title)
                } else {
                    needle.starts_folded(h.title(index).as_str())
                };
                flag(held).map(|_| 16 * needle.len as i64 + TITLE_BONUS)
            }
            Matcher::Suffix(needle) => {
                let held = if needle.case_sensitive() {
                    needle.ends(&papers[index].title)
                } else {
                    needle.ends_folded(h.title(index).as_str())
                };
                flag(held).map(|_| 16 * needle.len as i64 + TITLE_BONUS)
            }
            Matcher::Field(field, parts) => {
                let (term, needle) = &**parts;
                let paper = || &papers[index];
                let (title, rest) = h.part_masks(index);
                match field {
                    Field::Title => term
                        .score(title, h.title(index), || paper().title.clone())
                        .map(|s| s + TITLE_BONUS),
                    Field::Author => {
                        term.score(rest, h.authors(index), || paper().authors.join(", "))
                    }
                    Field::Org => term.score(rest, h.org(index), || {
                        paper().organization.clone().unwrap_or_default()
                    }),
                    Field::Abstract => needle
                        .find(&paper().abstract_text)
                        .map(|_| 8 * needle.len as i64),
                }
            }
            Matcher::Tags(wanted) => flag(self.tag_ids(index).iter().any(|&t| wanted[t as usize])),
            Matcher::AsParsed => match kind {
                ClauseKind::Year(b) => {
                    let day = self.day[index];
                    flag(day > 0 && b.contains((day / 10_000) as i64))
                }
                ClauseKind::Date(b) => {
                    let day = self.day[index];
                    flag(day > 0 && b.contains(day as i64))
                }
                ClauseKind::Upvotes(b) => flag(
                    self.known_upvotes(index)
                        .is_some_and(|n| b.contains(n as i64)),
                ),
                ClauseKind::Authors(b) => {
                    let n = self.authors[index];
                    flag(n > 0 && b.contains(n as i64))
                }
                ClauseKind::HasCode => flag(self.has_code(index)),
                ClauseKind::HasLinks => flag(self.has_links(index)),
                ClauseKind::Bookmarked => flag(self.is_bookmarked(index)),
                // Text and tag clauses always have a prepared matcher.
                _ => None,
            },
        }
    }

    /// Character positions in a paper's title matched by the query's
    /// positive text clauses, sorted and without duplicates.
    pub fn title_positions(&self, papers: &[Paper], index: usize, query: &Query) -> Vec<usize> {
        self.title_positions_within(papers, index, query, usize::MAX)
    }

    /// [`Index::title_positions`] among the first `max_chars` characters
    /// of the title only: what a list row can show, at a cost that does not
    /// grow with the title.
    pub fn title_positions_within(
        &self,
        papers: &[Paper],
        index: usize,
        query: &Query,
        max_chars: usize,
    ) -> Vec<usize> {
        let whole = &papers[index].title;
        let title = match whole.char_indices().nth(max_chars) {
            Some((end, _)) => &whole[..end],
            None => whole.as_str(),
        };
        let cut = title.len() < whole.len();
        let mut folded: Option<Prepared> = None;
        let mut original: Option<Prepared> = None;
        let mut positions = Vec::new();
        for clause in query.clauses().filter(|c| !c.negated) {
            match &clause.kind {
                ClauseKind::Fuzzy(t) | ClauseKind::Field(Field::Title, t) => {
                    let term = Term::new(t);
                    let prepared = if term.case_sensitive() {
                        original.get_or_insert_with(|| Prepared::original(title))
                    } else {
                        folded.get_or_insert_with(|| Prepared::folded(title))
                    };
                    positions.extend(term.positions(prepared.text()).unwrap_or_default());
                }
                ClauseKind::Exact(t) => {
                    positions.extend(Needle::new(t).char_ranges(title).into_iter().flatten())
                }
                ClauseKind::Prefix(t) if Needle::new(t).starts(title) => {
                    positions.extend(0..t.chars().count())
                }
                // The end of a cut title is not the title's end.
                ClauseKind::Suffix(t) if !cut && Needle::new(t).ends(title) => {
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

    /// Byte ranges of a paper's abstract matched by the query's positive
    /// exact terms, phrases and `abstract:` clauses: sorted, merged, and
    /// at most [`MARKS`] of them, however long the abstract.
    pub fn abstract_marks(
        &self,
        papers: &[Paper],
        index: usize,
        query: &Query,
    ) -> Vec<Range<usize>> {
        let text = &papers[index].abstract_text;
        let mut marks: Vec<Range<usize>> = query
            .clauses()
            .filter(|c| !c.negated)
            .filter_map(|c| match &c.kind {
                ClauseKind::Exact(t) | ClauseKind::Field(Field::Abstract, t) => Some(t),
                _ => None,
            })
            .flat_map(|t| Needle::new(t).byte_ranges(text, MARKS))
            .collect();
        marks.sort_unstable_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(marks.len());
        for mark in marks {
            match merged.last_mut() {
                Some(last) if mark.start <= last.end => last.end = last.end.max(mark.end),
                _ => merged.push(mark),
            }
        }
        merged.truncate(MARKS);
        merged
    }
}

/// Highlighted matches per abstract at most.
pub const MARKS: usize = 10_000;

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

    /// Enough papers for the parallel, bitmap and radix paths.
    fn many() -> Vec<Paper> {
        let words = [
            "Mamba", "Seg", "MedSAM", "Vision", "Large", "Language", "Model", "CT",
        ];
        (0..30_000u32)
            .map(|i| {
                let mut p = Paper::titled(format!(
                    "{} {} {}",
                    words[i as usize % 8],
                    words[(i as usize / 8) % 8],
                    words[(i as usize / 64) % 8]
                ));
                p.upvotes = Some(i % 7);
                p.published = Date::new(2020 + (i % 5) as u16, 1 + (i % 12) as u8, 1);
                p.authors = vec![format!("Author {}", i % 13)];
                p
            })
            .collect()
    }

    #[test]
    fn precomputed_orders_agree_with_sorting_from_scratch() {
        let papers = many();
        let finished = Index::new(&papers);
        let unfinished = Index::part(&papers);
        for q in [
            "",
            "m",
            "ma seg",
            "llm",
            "year:2022",
            "sort:upvotes",
            "sort:-date",
        ] {
            let q = parse(q).unwrap();
            let hits = finished.search(&papers, &q);
            assert_eq!(hits, unfinished.search(&papers, &q), "{q:?}");
        }
    }

    #[test]
    fn refining_many_gives_the_same_as_searching() {
        let papers = many();
        let index = Index::new(&papers);
        let wide = index.search(&papers, &parse("m").unwrap());
        assert!(wide.len() > 20_000);
        let narrow = parse("mamba se").unwrap();
        assert_eq!(
            index.refine(&papers, &narrow, &wide),
            index.search(&papers, &narrow)
        );
    }

    #[test]
    fn results_merged_while_loading_equal_one_search() {
        let papers = many();
        let q = parse("seg").unwrap();
        let mut index = Index::part(&papers[..10_000]);
        let mut hits = index.search(&papers[..10_000], &q);
        index.append(Index::part(&papers[10_000..]));
        let more = index.search_from(&papers, &q, 10_000);
        hits = index.merge(hits, more, q.effective_sort());
        index.finish();
        assert_eq!(hits, index.search(&papers, &q));
    }

    #[test]
    fn a_cancelled_search_gives_up() {
        let papers = many();
        let index = Index::new(&papers);
        let cancel = AtomicBool::new(true);
        let q = parse("m").unwrap();
        assert_eq!(index.search_cancellable(&papers, &q, None, &cancel), None);
        cancel.store(false, Ordering::Relaxed);
        let hits = index.search_cancellable(&papers, &q, None, &cancel);
        assert_eq!(hits, Some(index.search(&papers, &q)));
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
        // "State space models segment tumours": overlapping and touching
        // matches merge.
        let q = parse("'segment \"space models\" !state 'models").unwrap();
        assert_eq!(index.abstract_marks(&papers, 0, &q), [6..18, 19..26]);
    }
}
