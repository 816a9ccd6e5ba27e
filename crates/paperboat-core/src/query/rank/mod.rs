//! Ordering hits, and merging two ordered lists. Sorting a million hits on
//! every keystroke must stay within a frame, so the common orders use ranks
//! precomputed once per corpus (`index::orders`) and a radix sort of 64-bit
//! keys instead of comparisons.

use std::cmp::{Ordering, Reverse};

use super::hit::Hit;
use super::index::Index;
use super::index::orders::Ranking;
use super::sort::{Sort, SortKey};
use radix::radix_sort;

mod radix;

/// Scores fit 32 bits in practice; clamp so the key stays well ordered.
fn score_bits(score: i64) -> u64 {
    let clamped = score.clamp(i32::MIN as i64, i32::MAX as i64);
    (clamped - i32::MIN as i64) as u64
}

fn score_of(bits: u64) -> i64 {
    bits as i64 + i32::MIN as i64
}

/// Above this many distinct scores, hits are radix sorted instead.
const MOST_BUCKETS: usize = 255;

/// Orders hits best score first, ties by `ranking`, when they are many
/// (at least one paper in sixteen) and their scores few (a term's levels
/// give a handful): each paper's score is noted in one byte, and the
/// whole corpus is walked once in `ranking`'s order, each hit dropped
/// into its score's place. This reads memory in sequence where a radix
/// sort scatters it several times over. Returns false, touching nothing,
/// when the hits are not of that kind.
fn by_buckets(hits: &mut [Hit], ranking: &Ranking) -> bool {
    let n = ranking.by.len();
    if hits.len() < 4096 || hits.len() < n / 16 {
        return false;
    }
    // Distinct scores, best first, found with a guess at the last one.
    let mut scores: Vec<i64> = Vec::new();
    let mut last = None;
    for hit in hits.iter() {
        if last == Some(hit.score) {
            continue;
        }
        last = Some(hit.score);
        if let Err(at) = scores.binary_search_by(|s| hit.score.cmp(s)) {
            if scores.len() == MOST_BUCKETS {
                return false;
            }
            scores.insert(at, hit.score);
        }
    }
    // Bucket 0 is "not a hit"; bucket b + 1 holds `scores[b]`.
    let mut bucket = vec![0u8; n];
    let mut counts = vec![0usize; scores.len() + 1];
    for hit in hits.iter() {
        let Ok(b) = scores.binary_search_by(|s| hit.score.cmp(s)) else {
            return false;
        };
        // A paper twice (never, from a search) would leave a hole.
        let Some(slot) = bucket.get_mut(hit.index).filter(|slot| **slot == 0) else {
            return false;
        };
        *slot = b as u8 + 1;
        counts[b + 1] += 1;
    }
    let mut next = vec![0usize; scores.len() + 1];
    for b in 1..scores.len() {
        next[b + 1] = next[b] + counts[b];
    }
    // `by` may be mapped from a cache file that another program changed
    // since it was checked: a paper out of range is no paper.
    for &paper in ranking.by.iter() {
        let b = bucket.get(paper as usize).map_or(0, |&b| b as usize);
        if b != 0 {
            hits[next[b]] = Hit {
                index: paper as usize,
                score: scores[b - 1],
            };
            next[b] += 1;
        }
    }
    true
}

/// Orders hits best score first, ties by `ranking`, with a radix sort of
/// score and rank. Returns false, touching nothing, when a rank read is
/// out of range: the ranking is mapped from a cache file, and another
/// program may have changed it since it was checked.
fn by_ranks(hits: &mut [Hit], ranking: &Ranking) -> bool {
    let n = ranking.by.len();
    // Ascending keys: best score first, then the precomputed rank.
    let mut keys = Vec::with_capacity(hits.len());
    for h in hits.iter() {
        match ranking.rank.get(h.index) {
            Some(&rank) if (rank as usize) < n => {
                keys.push((u32::MAX as u64 - score_bits(h.score)) << 32 | rank as u64);
            }
            _ => return false,
        }
    }
    radix_sort(&mut keys);
    if keys
        .iter()
        .any(|key| ranking.by[(key & 0xFFFF_FFFF) as usize] as usize >= n)
    {
        return false;
    }
    for (hit, key) in hits.iter_mut().zip(keys) {
        *hit = Hit {
            index: ranking.by[(key & 0xFFFF_FFFF) as usize] as usize,
            score: score_of(u32::MAX as u64 - (key >> 32)),
        };
    }
    true
}

impl Index {
    /// Orders hits in place.
    pub fn sort(&self, hits: &mut [Hit], order: Sort) {
        if let Some(orders) = &self.orders
            && !order.reversed
        {
            let uniform = hits.windows(2).all(|w| w[0].score == w[1].score);
            let ranked = match order.key {
                SortKey::Relevance => Some(&orders.relevance),
                SortKey::Date if uniform => Some(&orders.newest),
                _ => None,
            };
            if let Some(ranking) = ranked
                && (by_buckets(hits, ranking) || by_ranks(hits, ranking))
            {
                return;
            }
        }
        if order.key == SortKey::Title {
            hits.sort_by(|a, b| self.compare(a, b, order));
            return;
        }
        // Keys computed once each, not once per comparison.
        let mut keyed: Vec<(Reverse<u128>, usize, i64)> = hits
            .iter()
            .map(|h| (Reverse(self.key(h, order)), h.index, h.score))
            .collect();
        keyed.sort_unstable();
        for (hit, (_, index, score)) in hits.iter_mut().zip(keyed) {
            *hit = Hit { index, score };
        }
    }

    /// Bigger is earlier; equal keys fall back to corpus order so results
    /// never shuffle. Not used for titles.
    fn key(&self, h: &Hit, order: Sort) -> u128 {
        let i = h.index;
        let score = (h.score as i128 - i64::MIN as i128) as u128;
        let (u, d) = (self.upvotes[i] as u128, self.day[i] as u128);
        let key = match order.key {
            SortKey::Relevance => score << 64 | u << 32 | d,
            SortKey::Date => d << 64 | score,
            SortKey::Upvotes => u << 64 | d,
            SortKey::Authors | SortKey::Title => (self.authors[i] as u128) << 64 | u << 32 | d,
            SortKey::Added => (self.added[i] as u128) << 64 | d,
        };
        if order.reversed { !key } else { key }
    }

    /// The order of two hits under `order`.
    pub fn compare(&self, a: &Hit, b: &Hit, order: Sort) -> Ordering {
        let natural = if order.key == SortKey::Title {
            let (ta, tb) = (self.headlines.title(a.index), self.headlines.title(b.index));
            let natural = ta.as_str().cmp(tb.as_str());
            if order.reversed {
                natural.reverse()
            } else {
                natural
            }
        } else {
            self.key(b, order).cmp(&self.key(a, order))
        };
        natural.then(a.index.cmp(&b.index))
    }

    /// The new papers of `hits` before the others, each part in the
    /// order it had (see [`Query::new_first`](crate::query::Query)).
    pub fn new_first(&self, hits: Vec<Hit>) -> Vec<Hit> {
        if self.new_count() == 0 {
            return hits;
        }
        let (mut new, old): (Vec<Hit>, Vec<Hit>) =
            hits.into_iter().partition(|h| self.is_new(h.index));
        new.extend(old);
        new
    }

    /// Two lists of hits in the order of `query` as one, for results that
    /// fill in while a corpus loads.
    pub fn merge_for(&self, a: Vec<Hit>, b: Vec<Hit>, query: &crate::query::Query) -> Vec<Hit> {
        let order = query.effective_sort();
        if !query.new_first || self.new_count() == 0 {
            return self.merge(a, b, order);
        }
        let split = |hits: Vec<Hit>| -> (Vec<Hit>, Vec<Hit>) {
            hits.into_iter().partition(|h| self.is_new(h.index))
        };
        let ((new_a, old_a), (new_b, old_b)) = (split(a), split(b));
        let mut out = self.merge(new_a, new_b, order);
        out.extend(self.merge(old_a, old_b, order));
        out
    }

    /// Two sorted hit lists as one, for results that fill in while a corpus
    /// loads.
    pub fn merge(&self, a: Vec<Hit>, b: Vec<Hit>, order: Sort) -> Vec<Hit> {
        if b.is_empty() {
            return a;
        }
        let mut out = Vec::with_capacity(a.len() + b.len());
        let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
        while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
            if self.compare(x, y, order) == Ordering::Greater {
                out.extend(b.next());
            } else {
                out.extend(a.next());
            }
        }
        out.extend(a);
        out.extend(b);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::index::orders::Orders;

    /// Hits of many papers with few scores (bucketed) and with many
    /// scores (radix sorted) come out as a comparison sort orders them.
    #[test]
    fn bucketed_and_radix_orders_are_the_comparison_order() {
        let n = 20_000;
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let upvotes: Vec<u32> = (0..n).map(|_| (next() % 50) as u32).collect();
        let day: Vec<u32> = (0..n).map(|_| 20_240_101 + (next() % 300) as u32).collect();
        let orders = Orders::new(&upvotes, &day);
        for distinct in [3u64, 200, 5_000] {
            let mut hits = Vec::new();
            for index in 0..n {
                let (kept, score) = (next() % 4 != 0, (next() % distinct) as i64 * 1000);
                if kept {
                    hits.push(Hit { index, score });
                }
            }
            let mut expected = hits.clone();
            expected.sort_by_key(|h| {
                (
                    Reverse(h.score),
                    Reverse(upvotes[h.index]),
                    Reverse(day[h.index]),
                    h.index,
                )
            });
            let bucketed = by_buckets(&mut hits, &orders.relevance);
            assert_eq!(bucketed, distinct <= MOST_BUCKETS as u64, "{distinct}");
            if bucketed {
                assert_eq!(hits, expected, "{distinct} scores");
            }
        }
    }
}
