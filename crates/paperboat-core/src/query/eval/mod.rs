//! Evaluating a query over a corpus: the papers that match, scored and
//! ranked. A query is compiled once (`compile`), then every candidate
//! (`candidates`) is scored (`score`), on several cores for many; the hits
//! are ordered by `rank`. Whether one query's hits can be searched among
//! another's is in `refine`. Highlight positions for the papers shown are in
//! `highlight`, a word to try when nothing matches in `suggest`.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::parallel;
use crate::query::ast::Query;
use crate::query::bitmap::bitmap;
use crate::query::hit::Hit;
use crate::query::index::Index;
use crate::query::papers::Papers;
use crate::query::sort::SortKey;
use candidates::Candidates;
use compile::Compiled;

mod candidates;
mod compile;
mod highlight;
mod refine;
mod score;
mod suggest;

pub use suggest::{Suggestion, abstracts_holding};

/// From this many candidates on, scoring is split across the cores.
const PARALLEL_FROM: usize = 20_000;
/// How many candidates are fetched from memory together (see `score_part`).
const GROUP: usize = 16;
/// How many candidates a worker scores between looks at the cancel flag.
const CANCEL_EVERY: usize = 4096;

impl Index {
    /// The papers matching `query`, ranked by its ordering.
    pub fn search<P: Papers + ?Sized>(&self, papers: &P, query: &Query) -> Vec<Hit> {
        run(
            self,
            papers,
            query,
            Candidates::Range(0, papers.count()),
            None,
        )
        .unwrap_or_default()
    }

    /// Like [`Index::search`], but only among `candidates` (the hits of a
    /// query that this one narrows).
    pub fn refine<P: Papers + ?Sized>(
        &self,
        papers: &P,
        query: &Query,
        candidates: &[Hit],
    ) -> Vec<Hit> {
        run(self, papers, query, Candidates::Among(candidates), None).unwrap_or_default()
    }

    /// Like [`Index::search`], but only among the papers from `from` on
    /// (those that arrived since the last search while a corpus loads).
    pub fn search_from<P: Papers + ?Sized>(
        &self,
        papers: &P,
        query: &Query,
        from: usize,
    ) -> Vec<Hit> {
        let candidates = Candidates::Range(from, papers.count());
        run(self, papers, query, candidates, None).unwrap_or_default()
    }

    /// A search that gives up, returning `None`, soon after `cancel` is
    /// set: the reader cancels a search that a newer keystroke made
    /// outdated. Among `candidates` when given, else the whole corpus.
    pub fn search_cancellable<P: Papers + ?Sized>(
        &self,
        papers: &P,
        query: &Query,
        candidates: Option<&[Hit]>,
        cancel: &AtomicBool,
    ) -> Option<Vec<Hit>> {
        let candidates = match candidates {
            Some(hits) => Candidates::Among(hits),
            None => Candidates::Range(0, papers.count()),
        };
        run(self, papers, query, candidates, Some(cancel))
    }
}

impl Index {
    /// The papers matching `query` among the `count` papers that its order
    /// puts first when scores tie (the most upvoted, or for a date order
    /// the newest): a first screen of results in a fraction of the time,
    /// shown while the whole search runs. For a date order without words
    /// they are the whole search's first results. `None` once `cancel` is
    /// set, or before the orders are built (see [`Index::finish`]).
    pub fn search_first_ranked<P: Papers + ?Sized>(
        &self,
        papers: &P,
        query: &Query,
        count: usize,
        cancel: &AtomicBool,
    ) -> Option<Vec<Hit>> {
        let orders = self.orders.as_ref()?;
        let sort = query.effective_sort();
        let ranking = match sort.key {
            SortKey::Date if !sort.reversed => &orders.newest,
            _ => &orders.relevance,
        };
        let len = papers.count();
        let mut first: Vec<Hit> = ranking
            .by
            .iter()
            .take(count)
            .map(|&i| Hit {
                index: i as usize,
                score: 0,
            })
            .filter(|h| h.index < len)
            .collect();
        first.sort_unstable_by_key(|h| h.index);
        run(self, papers, query, Candidates::Among(&first), Some(cancel))
    }
}

/// Scores the candidates and orders the hits; `None` once `cancel` is set.
fn run<P: Papers + ?Sized>(
    index: &Index,
    papers: &P,
    query: &Query,
    candidates: Candidates,
    cancel: Option<&AtomicBool>,
) -> Option<Vec<Hit>> {
    let mut compiled = Compiled::new(index, papers, query);
    // A `similar:` clause every paper must meet names at most a few
    // hundred papers: only those are looked at, not the whole corpus.
    let similar_only: Vec<Hit>;
    let candidates = match compiled.required_similar() {
        Some(similar) => {
            let mut within: Vec<Hit> = match candidates {
                Candidates::Range(from, to) => similar
                    .scores
                    .keys()
                    .filter(|&&i| (from..to).contains(&i))
                    .map(|&index| Hit { index, score: 0 })
                    .collect(),
                Candidates::Among(hits) => hits
                    .iter()
                    .filter(|h| similar.scores.contains_key(&h.index))
                    .copied()
                    .collect(),
                Candidates::Marked(marks, len) => similar
                    .scores
                    .keys()
                    .filter(|&&i| i < len && marks[i / 64] >> (i % 64) & 1 == 1)
                    .map(|&index| Hit { index, score: 0 })
                    .collect(),
            };
            within.sort_unstable_by_key(|h| h.index);
            similar_only = within;
            Candidates::Among(&similar_only)
        }
        None => candidates,
    };
    // How many papers are really looked at, which decides whether the
    // words index pays (a bitmap spans the whole corpus).
    let looked_at = candidates.len();
    let marks;
    let candidates = match candidates {
        // Hits come in rank order, scattered over memory: going through
        // them in corpus order instead reads the index in sequence,
        // which matters more than anything else at a million papers.
        Candidates::Among(hits) if hits.len() >= 64 => {
            marks = bitmap(hits.iter().map(|h| h.index), papers.count());
            Candidates::Marked(&marks, papers.count())
        }
        other => other,
    };
    let len = candidates.len();
    compiled.use_words(index, looked_at);
    let threads = if len >= PARALLEL_FROM {
        parallel::threads()
    } else {
        1
    };
    // Contiguous parts, joined in order, so results do not depend on the
    // number of cores.
    let parts = parallel::map_ranges(len, threads, |range| {
        score_part(index, papers, &compiled, &candidates, range, cancel)
    });
    let mut hits = concat(parts)?;
    if cancelled(cancel) {
        return None;
    }
    index.sort(&mut hits, query.effective_sort());
    if query.new_first {
        hits = index.new_first(hits);
    }
    Some(hits)
}

/// Whether the search was asked to give up.
fn cancelled(cancel: Option<&AtomicBool>) -> bool {
    cancel.is_some_and(|c| c.load(Ordering::Relaxed))
}

/// The hits among the candidates at `range` of positions, in candidate
/// order; `None` once `cancel` is set.
fn score_part<P: Papers + ?Sized>(
    index: &Index,
    papers: &P,
    compiled: &Compiled,
    candidates: &Candidates,
    range: Range<usize>,
    cancel: Option<&AtomicBool>,
) -> Option<Vec<Hit>> {
    // Room for every candidate: growing a million hits step by step
    // would copy them over and over. Untouched room costs nothing.
    let mut hits = Vec::with_capacity(range.len());
    let shadows = index.shadows_any();
    for block in range
        .clone()
        .step_by(CANCEL_EVERY)
        .map(|s| s..(s + CANCEL_EVERY))
    {
        if cancelled(cancel) {
            return None;
        }
        // In groups: first every candidate's headline is asked for
        // from memory, all at once, then the group is scored, so
        // the waits for memory overlap instead of adding up.
        let mut group = [0usize; GROUP];
        let mut filled = 0;
        let score_group = |group: &[usize], hits: &mut Vec<Hit>| {
            if compiled.reads_text {
                let touched = group
                    .iter()
                    .fold(0u8, |acc, &i| acc ^ index.headlines.touch(i));
                std::hint::black_box(touched);
            }
            for &i in group {
                if shadows && index.is_shadowed(i) {
                    continue;
                }
                if let Some(score) = score::score(index, papers, i, compiled) {
                    hits.push(Hit { index: i, score });
                }
            }
        };
        candidates.each(block.start..block.end.min(range.end), |i| {
            group[filled] = i;
            filled += 1;
            if filled == GROUP {
                score_group(&group, &mut hits);
                filled = 0;
            }
        });
        score_group(&group[..filled], &mut hits);
    }
    Some(hits)
}

/// The hits of every part, in order, or `None` if a part gave up. Joined
/// onto the first part rather than copied into a new one.
fn concat(parts: Vec<Option<Vec<Hit>>>) -> Option<Vec<Hit>> {
    let parts = parts.into_iter().collect::<Option<Vec<Vec<Hit>>>>()?;
    let total: usize = parts.iter().map(Vec::len).sum();
    let mut parts = parts.into_iter();
    let mut all = parts.next().unwrap_or_default();
    all.reserve(total - all.len());
    for part in parts {
        all.extend(part);
    }
    Some(all)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Paper;
    use crate::corpus::{Date, Link, Tag};
    use crate::query::parse::parse;

    /// A small corpus where each clause has something to find.
    pub(super) fn papers() -> Vec<Paper> {
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
            .map(|h| papers.title(h.index).to_string())
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
    fn a_pasted_id_finds_its_paper_above_everything_else() {
        let mut papers = papers();
        papers[2].id = "arXiv:2505.47796".into();
        papers[0].links.push(Link::classified(
            "https://doi.org/10.1101/2025.11.28.25341234",
        ));
        let index = Index::new(&papers);
        let titles = |q: &str| -> Vec<String> {
            let hits = index.search(&papers, &parse(q).unwrap());
            hits.iter().map(|h| papers[h.index].title.clone()).collect()
        };
        let vision = "Vision Mamba UNet survey";
        assert_eq!(titles("https://arxiv.org/abs/2505.47796v2"), [vision]);
        assert_eq!(titles("arxiv:2505.47796 mamba"), [vision]);
        let either = titles("mamba | 2505.47796");
        assert_eq!(either.len(), 3);
        assert_eq!(either[0], vision, "the named paper first");
        let by_link = titles("survey | 10.1101/2025.11.28.25341234");
        assert_eq!(by_link, ["Mamba for Segmentation", vision]);
        assert!(titles("2505.47797").is_empty());
        assert!(titles("arxiv:2505.47796 zebra").is_empty());
        assert_eq!(titles("!2505.47796").len(), 3);
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

    /// A saved query run from its list: the new papers first, each part
    /// in the query's order, and merging papers that arrive keeps it so.
    #[test]
    fn new_papers_come_first_when_asked_in_the_order_of_the_query() {
        let mut papers = many();
        for (i, p) in papers.iter_mut().enumerate() {
            p.meta = Some(Box::new(crate::corpus::Meta {
                added: Some(crate::corpus::Instant {
                    secs: if i % 7 == 3 { 300 } else { 100 },
                }),
                ..Default::default()
            }));
        }
        let mut index = Index::new(&papers);
        index.set_new_since(Some(200));
        let plain = parse("seg").unwrap();
        let first = Query {
            new_first: true,
            ..plain.clone()
        };
        let all = index.search(&papers, &plain);
        let ordered = index.search(&papers, &first);
        let (new, old): (Vec<Hit>, Vec<Hit>) = all.iter().partition(|h| index.is_new(h.index));
        assert!(!new.is_empty() && !old.is_empty());
        assert_eq!(ordered, [new, old].concat());

        let mut part = Index::part(&papers[..10_000]);
        part.set_new_since(Some(200));
        let hits = part.search(&papers[..10_000], &first);
        part.append(Index::part(&papers[10_000..]));
        part.set_new_since(Some(200));
        let more = part.search_from(&papers, &first, 10_000);
        let merged = part.merge_for(hits, more, &first);
        part.finish();
        assert_eq!(merged, part.search(&papers, &first));
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
}
