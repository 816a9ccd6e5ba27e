//! "More like this": the papers most like one paper, or like the
//! bookmarks together. Three things count, in this measure:
//!
//! - the words (0.6): tantivy's more-like-this over the abstracts, asked
//!   with the seeds' titles and abstracts (their most telling words by
//!   tf-idf); while the abstracts are not indexed, the title words shared;
//! - the tags (0.3): the seeds' tags a paper shares, each weighted by how
//!   rare it is (idf), over the seeds' total;
//! - the authors (0.1): a name shared with a seed.
//!
//! Every paper that shares words, or at least half the tags' weight, is a
//! candidate; the best [`MAX_SIMILAR`] of them are the answer.

use std::sync::atomic::{AtomicBool, Ordering};

use rustc_hash::{FxHashMap, FxHashSet};

pub use super::ast::SimilarTo;
use super::index::{Index, Mark};
use super::papers::Papers;

/// How many papers a similarity answers with at most.
pub const MAX_SIMILAR: usize = 500;
/// Papers asked of the words index: enough to fill the answer with room.
const TEXT_CANDIDATES: usize = 300;
/// Bookmarks whose text asks for `similar:bookmarks`: the newest ones.
const MAX_SEEDS: usize = 64;

/// Seed tags one pass over the corpus tells apart (one bit each).
const MAX_TAGS: usize = 64;
/// Papers between two looks at the cancel flag.
const CANCEL_EVERY: usize = 1 << 16;
/// From this many papers on, the pass over their tags is split across the
/// cores.
const PARALLEL_FROM: usize = 100_000;

const WORDS: f64 = 0.6;
const TAGS: f64 = 0.3;
const AUTHORS: f64 = 0.1;

/// The answer: papers with their similarity (higher is more alike), or
/// why there is none.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Similar {
    pub scores: FxHashMap<usize, i64>,
    /// Why the answer is empty, when it is for a reason.
    pub reason: Option<String>,
}

impl Similar {
    fn none(reason: impl Into<String>) -> Similar {
        Similar {
            scores: FxHashMap::default(),
            reason: Some(reason.into()),
        }
    }

    /// The papers, best first.
    pub fn ranked(&self) -> Vec<(usize, i64)> {
        let mut ranked: Vec<(usize, i64)> = self.scores.iter().map(|(&i, &s)| (i, s)).collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
    }
}

/// The papers most like `to`.
pub fn similar<P: Papers + ?Sized>(index: &Index, papers: &P, to: &SimilarTo) -> Similar {
    let never = AtomicBool::new(false);
    similar_cancellable(index, papers, to, &never).unwrap_or_default()
}

/// [`similar`] worked out again, without the last answer kept: what the
/// first ask for a paper costs (for benchmarks).
pub fn similar_afresh<P: Papers + ?Sized>(index: &Index, papers: &P, to: &SimilarTo) -> Similar {
    match similar_steps(index, papers, to, &AtomicBool::new(false)) {
        Step::Done(similar) => similar,
        Step::Cancelled => Similar::default(),
    }
}

/// [`similar`], giving up with `None` soon after `cancel` is set (the
/// reader's related papers, worked out beside the keyboard).
pub fn similar_cancellable<P: Papers + ?Sized>(
    index: &Index,
    papers: &P,
    to: &SimilarTo,
    cancel: &AtomicBool,
) -> Option<Similar> {
    // One query asks again and again: for each facet group counted
    // without its clauses, for why nothing matched, as papers arrive.
    // The last answer is kept for the same paper of the same index.
    let key = match to {
        SimilarTo::Paper(id) => Some(Memo {
            id: id.clone(),
            index: std::ptr::from_ref(index) as usize,
            papers: index.len(),
            words: papers.more_like("", "", 0).is_some(),
        }),
        SimilarTo::Bookmarks => None,
    };
    let last = LAST
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let (Some(key), Some((kept, similar))) = (&key, last.as_ref())
        && key == kept
    {
        return Some(similar.clone());
    }
    drop(last);
    let similar = match similar_steps(index, papers, to, cancel) {
        Step::Done(similar) => similar,
        Step::Cancelled => return None,
    };
    if let Some(key) = key {
        let mut last = LAST
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *last = Some((key, similar.clone()));
    }
    Some(similar)
}

/// What a kept answer answered: the paper, in which index (by address
/// and size, as papers arrive), with or without the words index.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Memo {
    id: String,
    index: usize,
    papers: usize,
    words: bool,
}

/// The last answer, for the question it answered.
static LAST: std::sync::Mutex<Option<(Memo, Similar)>> = std::sync::Mutex::new(None);

enum Step {
    Done(Similar),
    Cancelled,
}

fn cancelled(cancel: &AtomicBool) -> bool {
    cancel.load(Ordering::Relaxed)
}

fn similar_steps<P: Papers + ?Sized>(
    index: &Index,
    papers: &P,
    to: &SimilarTo,
    cancel: &AtomicBool,
) -> Step {
    // Bookmarked papers are never the answer to `similar:bookmarks`: they
    // are what it starts from.
    let mut excluded: FxHashSet<usize> = FxHashSet::default();
    let seeds: Vec<usize> = match to {
        SimilarTo::Paper(id) => match papers.position_of(id) {
            Some(i) => vec![i],
            None => return Step::Done(Similar::none(format!("no paper with id `{id}`"))),
        },
        SimilarTo::Bookmarks => {
            let marked: Vec<usize> = (0..index.len())
                .filter(|&i| index.is_marked(Mark::Bookmarked, i))
                .collect();
            if marked.is_empty() {
                return Step::Done(Similar::none("no bookmarks in this corpus to compare with"));
            }
            excluded.extend(marked.iter().copied());
            // The last in the corpus: the newest, for a dated corpus.
            marked[marked.len().saturating_sub(MAX_SEEDS)..].to_vec()
        }
    };
    excluded.extend(seeds.iter().copied());
    let (titles, text, authors) = seed_text(papers, &seeds);
    let tags = SeedTags::of(index, &seeds);
    if !has_words(&titles) && !has_words(&text) && tags.is_empty() {
        return Step::Done(Similar::none("the paper has no words or tags to compare"));
    }
    if cancelled(cancel) {
        return Step::Cancelled;
    }
    let mut words: FxHashMap<usize, f64> = match papers.more_like(&titles, &text, TEXT_CANDIDATES) {
        Some(found) => normalized(found.into_iter().map(|(i, s)| (i, f64::from(s)))),
        None => match title_overlap(papers, &format!("{titles}\n{text}"), cancel) {
            Some(found) => normalized(found),
            None => return Step::Cancelled,
        },
    };
    words.retain(|i, _| !excluded.contains(i));
    let Some(tag_scores) = tags.scores(index, &excluded, cancel) else {
        return Step::Cancelled;
    };
    // Papers found by their words, and papers sharing half the seeds'
    // tag weight or more; the tag scores (in corpus order, often hundreds
    // of thousands) are looked up, not hashed.
    let tag_of = |i: usize| {
        tag_scores
            .binary_search_by_key(&i, |&(j, _)| j)
            .map_or(0.0, |k| tag_scores[k].1)
    };
    let by_words = words
        .iter()
        .map(|(&i, &w)| (i, WORDS * w + TAGS * tag_of(i)));
    let by_tags = tag_scores
        .iter()
        .filter(|&&(i, t)| t >= 0.5 && !words.contains_key(&i))
        .map(|&(i, t)| (i, TAGS * t));
    let mut combined: Vec<(usize, f64)> = by_words.chain(by_tags).collect();
    combined.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    combined.truncate(MAX_SIMILAR);
    // Authors only among the answer: their names are in the records.
    if !authors.is_empty() {
        for (i, score) in &mut combined {
            let shared = papers
                .paper(*i)
                .authors
                .iter()
                .any(|a| authors.contains(&a.to_lowercase()));
            if shared {
                *score += AUTHORS;
            }
        }
    }
    Step::Done(Similar {
        scores: combined
            .into_iter()
            .map(|(i, s)| (i, (s * 1_000_000.0) as i64))
            .collect(),
        reason: None,
    })
}

/// The seeds' titles, their abstracts, and their authors' names
/// (lowercase).
fn seed_text<P: Papers + ?Sized>(
    papers: &P,
    seeds: &[usize],
) -> (String, String, FxHashSet<String>) {
    let (mut titles, mut text) = (String::new(), String::new());
    let mut authors = FxHashSet::default();
    for &i in seeds {
        let paper = papers.paper(i);
        titles.push_str(&paper.title);
        titles.push('\n');
        text.push_str(&paper.abstract_text);
        text.push('\n');
        authors.extend(paper.authors.iter().map(|a| a.to_lowercase()));
    }
    (titles, text, authors)
}

fn has_words(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| w.chars().count() >= 3)
}

/// Scores scaled so that the best is 1.
fn normalized(scores: impl IntoIterator<Item = (usize, f64)>) -> FxHashMap<usize, f64> {
    let scores: Vec<(usize, f64)> = scores.into_iter().filter(|(_, s)| *s > 0.0).collect();
    let best = scores.iter().map(|(_, s)| *s).fold(0.0, f64::max);
    if best <= 0.0 {
        return FxHashMap::default();
    }
    scores.into_iter().map(|(i, s)| (i, s / best)).collect()
}

/// Without an abstracts index: the title words (three letters or more)
/// each paper shares with `text`, as a count.
fn title_overlap<P: Papers + ?Sized>(
    papers: &P,
    text: &str,
    cancel: &AtomicBool,
) -> Option<Vec<(usize, f64)>> {
    let wanted: FxHashSet<String> = words_of(text).collect();
    if wanted.is_empty() {
        return Some(Vec::new());
    }
    let mut found = Vec::new();
    for i in 0..papers.count() {
        if i % CANCEL_EVERY == 0 && cancelled(cancel) {
            return None;
        }
        let shared = words_of(papers.title(i))
            .collect::<FxHashSet<_>>()
            .intersection(&wanted)
            .count();
        if shared > 0 {
            found.push((i, shared as f64));
        }
    }
    Some(found)
}

fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
}

/// The seeds' tags, each with its weight: how rare it is in the corpus.
struct SeedTags {
    ids: Vec<u32>,
}

impl SeedTags {
    fn of(index: &Index, seeds: &[usize]) -> SeedTags {
        let mut ids: Vec<u32> = seeds
            .iter()
            .flat_map(|&i| index.tag_ids(i))
            .copied()
            .collect();
        ids.sort_unstable();
        ids.dedup();
        SeedTags { ids }
    }

    fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The [`MAX_TAGS`] of these tags that the fewest papers have.
    fn rarest(&self, index: &Index, cancel: &AtomicBool) -> Option<SeedTags> {
        let mut count = vec![0usize; self.ids.len()];
        for i in 0..index.len() {
            if i % CANCEL_EVERY == 0 && cancelled(cancel) {
                return None;
            }
            for tag in index.tag_ids(i) {
                if let Ok(k) = self.ids.binary_search(tag) {
                    count[k] += 1;
                }
            }
        }
        let mut by_rarity: Vec<(usize, u32)> =
            count.into_iter().zip(self.ids.iter().copied()).collect();
        by_rarity.sort_unstable();
        let mut ids: Vec<u32> = by_rarity
            .into_iter()
            .take(MAX_TAGS)
            .map(|(_, id)| id)
            .collect();
        ids.sort_unstable();
        Some(SeedTags { ids })
    }

    /// Every other paper sharing a seed tag, with the share of the seeds'
    /// tag weight it has, in corpus order: one pass over the corpus's tags.
    fn scores(
        &self,
        index: &Index,
        excluded: &FxHashSet<usize>,
        cancel: &AtomicBool,
    ) -> Option<Vec<(usize, f64)>> {
        if self.ids.is_empty() {
            return Some(Vec::new());
        }
        if self.ids.len() > MAX_TAGS {
            // Many bookmarks can have more tags than one pass tells apart:
            // the rarest ones, which say the most, are kept.
            return self.rarest(index, cancel)?.scores(index, excluded, cancel);
        }
        let threads = if index.len() >= PARALLEL_FROM {
            crate::parallel::threads()
        } else {
            1
        };
        self.scores_on(index, excluded, cancel, threads)
    }

    /// [`SeedTags::scores`], the pass over the corpus split in `threads`
    /// parts.
    fn scores_on(
        &self,
        index: &Index,
        excluded: &FxHashSet<usize>,
        cancel: &AtomicBool,
        threads: usize,
    ) -> Option<Vec<(usize, f64)>> {
        // Each seed tag's place among them, by tag id (0: not a seed
        // tag): a look-up per tag of a paper rather than a search.
        let top = self.ids.last().map_or(0, |&id| id as usize + 1);
        let mut place = vec![0u8; top];
        for (k, &id) in self.ids.iter().enumerate() {
            place[id as usize] = k as u8 + 1;
        }
        // One pass over every paper's tags: how many papers have each seed
        // tag, and which seed tags each has.
        let parts = crate::parallel::map_ranges(index.len(), threads, |range| {
            let mut count = vec![0usize; self.ids.len()];
            let mut sharing: Vec<(usize, u64)> = Vec::new();
            for i in range {
                if i % CANCEL_EVERY == 0 && cancelled(cancel) {
                    return None;
                }
                let mut shared = 0u64;
                for &tag in index.tag_ids(i) {
                    if let Some(&at) = place.get(tag as usize)
                        && at > 0
                    {
                        let k = usize::from(at - 1);
                        count[k] += 1;
                        shared |= 1 << k;
                    }
                }
                if shared != 0 && !excluded.contains(&i) {
                    sharing.push((i, shared));
                }
            }
            Some((count, sharing))
        });
        let mut count = vec![0usize; self.ids.len()];
        let mut sharing: Vec<(usize, u64)> = Vec::new();
        for part in parts {
            let (part_count, part_sharing) = part?;
            for (all, n) in count.iter_mut().zip(part_count) {
                *all += n;
            }
            sharing.extend(part_sharing);
        }
        let n = index.len().max(1) as f64;
        let weight: Vec<f64> = count
            .iter()
            .map(|&c| (n / c.max(1) as f64).ln().max(0.05))
            .collect();
        let total: f64 = weight.iter().sum();
        let scores = sharing
            .into_iter()
            .map(|(i, shared)| {
                let mut got = 0.0;
                for (k, w) in weight.iter().enumerate() {
                    if shared >> k & 1 == 1 {
                        got += w;
                    }
                }
                (i, got / total)
            })
            .collect();
        Some(scores)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Paper, Tag};

    fn paper(id: &str, title: &str, tags: &[String]) -> Paper {
        let mut p = Paper::titled(title);
        p.id = id.into();
        p.tags = tags.iter().filter_map(|t| Tag::parse(t)).collect();
        p
    }

    #[test]
    fn the_pass_over_the_tags_gives_the_same_scores_on_every_core() {
        let papers: Vec<Paper> = (0..500)
            .map(|k| {
                let tags = [format!("task/t{}", k % 7), format!("modality/m{}", k % 5)];
                paper(&format!("p{k}"), "x", &tags)
            })
            .collect();
        let index = Index::new(&papers);
        let seeds = SeedTags::of(&index, &[3]);
        let excluded: FxHashSet<usize> = [3].into_iter().collect();
        let never = AtomicBool::new(false);
        let one = seeds.scores_on(&index, &excluded, &never, 1).unwrap();
        for threads in [2, 3, 8] {
            let split = seeds.scores_on(&index, &excluded, &never, threads).unwrap();
            assert_eq!(one.len(), split.len());
            assert_eq!(one, split, "{threads} parts");
        }
        assert!(!one.is_empty());
        let cancelled = AtomicBool::new(true);
        assert!(seeds.scores_on(&index, &excluded, &cancelled, 2).is_none());
    }

    #[test]
    fn a_seed_with_more_tags_than_a_pass_tells_apart_still_finds_its_twin() {
        // 70 tags: more than one pass tells apart (64). The twin has them
        // all, the others one each.
        let tags: Vec<String> = (0..70).map(|i| format!("topic/t{i}")).collect();
        let mut papers = vec![paper("seed", "?", &tags), paper("twin", "!", &tags)];
        for (i, tag) in tags.iter().enumerate() {
            papers.push(paper(&format!("one{i}"), "·", std::slice::from_ref(tag)));
        }
        let index = Index::new(&papers);
        let found = similar(&index, &papers[..], &SimilarTo::Paper("seed".into()));
        let ranked: Vec<&str> = found
            .ranked()
            .iter()
            .map(|(i, _)| papers[*i].id.as_str())
            .collect();
        assert_eq!(
            ranked,
            ["twin"],
            "one shared tag of 64 is not half their weight"
        );
    }

    #[test]
    fn unknown_ids_and_papers_without_words_say_why() {
        let papers = vec![paper("a", "Mamba", &[]), paper("b", "?!", &[])];
        let index = Index::new(&papers);
        let none = similar(&index, &papers[..], &SimilarTo::Paper("zz".into()));
        assert_eq!(none.reason.as_deref(), Some("no paper with id `zz`"));
        let wordless = similar(&index, &papers[..], &SimilarTo::Paper("b".into()));
        assert_eq!(
            wordless.reason.as_deref(),
            Some("the paper has no words or tags to compare")
        );
        let no_bookmarks = similar(&index, &papers[..], &SimilarTo::Bookmarks);
        assert!(no_bookmarks.reason.unwrap().contains("no bookmarks"));
    }
}
