//! Ordering hits. Sorting a million hits on every keystroke must stay
//! within a frame, so the common orders use ranks precomputed once per
//! corpus and a radix sort of 64-bit keys instead of comparisons.

use std::cmp::{Ordering, Reverse};

use super::hit::Hit;
use super::index::Index;
use super::sort::{Sort, SortKey};

/// Papers ranked once per corpus: relevance ties (upvotes, then date, then
/// corpus order) and newest first (then corpus order).
pub struct Orders {
    /// Position of each paper in the relevance tie order.
    rank: Vec<u32>,
    by_rank: Vec<u32>,
    /// Position of each paper in the newest-first order.
    date_rank: Vec<u32>,
    by_date: Vec<u32>,
}

impl Orders {
    pub(super) fn new(index: &Index) -> Orders {
        let n = index.len();
        let order_by = |key: &(dyn Fn(usize) -> u64 + Sync)| -> (Vec<u32>, Vec<u32>) {
            // Bigger keys first, ties in corpus order.
            let mut keyed: Vec<(Reverse<u64>, u32)> =
                (0..n).map(|i| (Reverse(key(i)), i as u32)).collect();
            keyed.sort_unstable();
            let by: Vec<u32> = keyed.into_iter().map(|(_, i)| i).collect();
            let mut rank = vec![0u32; n];
            for (position, &i) in by.iter().enumerate() {
                rank[i as usize] = position as u32;
            }
            (rank, by)
        };
        let relevance = |i: usize| (index.upvotes[i] as u64) << 32 | index.day[i] as u64;
        let date = |i: usize| index.day[i] as u64;
        let ((rank, by_rank), (date_rank, by_date)) = std::thread::scope(|s| {
            let other = s.spawn(|| order_by(&date));
            let first = order_by(&relevance);
            match other.join() {
                Ok(second) => (first, second),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        });
        Orders {
            rank,
            by_rank,
            date_rank,
            by_date,
        }
    }
}

/// Scores fit 32 bits in practice; clamp so the key stays well ordered.
fn score_bits(score: i64) -> u64 {
    let clamped = score.clamp(i32::MIN as i64, i32::MAX as i64);
    (clamped - i32::MIN as i64) as u64
}

fn score_of(bits: u64) -> i64 {
    bits as i64 + i32::MIN as i64
}

impl Index {
    /// Orders hits in place.
    pub fn sort(&self, hits: &mut [Hit], order: Sort) {
        if let Some(orders) = &self.orders
            && !order.reversed
        {
            let uniform = hits.windows(2).all(|w| w[0].score == w[1].score);
            let ranked = match order.key {
                SortKey::Relevance => Some((&orders.rank, &orders.by_rank)),
                SortKey::Date if uniform => Some((&orders.date_rank, &orders.by_date)),
                _ => None,
            };
            if let Some((rank, by)) = ranked {
                // Ascending keys: best score first, then the precomputed rank.
                let mut keys: Vec<u64> = hits
                    .iter()
                    .map(|h| (u32::MAX as u64 - score_bits(h.score)) << 32 | rank[h.index] as u64)
                    .collect();
                radix_sort(&mut keys);
                for (hit, key) in hits.iter_mut().zip(keys) {
                    *hit = Hit {
                        index: by[(key & 0xFFFF_FFFF) as usize] as usize,
                        score: score_of(u32::MAX as u64 - (key >> 32)),
                    };
                }
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

/// Least-significant-digit radix sort, 11 bits at a time, skipping digits
/// that every key shares (most of them, for rank keys).
fn radix_sort(keys: &mut Vec<u64>) {
    const BITS: u32 = 11;
    const BUCKETS: usize = 1 << BITS;
    if keys.len() < 2048 {
        keys.sort_unstable();
        return;
    }
    let mut counts = vec![[0usize; BUCKETS]; 64usize.div_ceil(BITS as usize)];
    for &k in keys.iter() {
        for (digit, count) in counts.iter_mut().enumerate() {
            count[((k >> (digit as u32 * BITS)) as usize) & (BUCKETS - 1)] += 1;
        }
    }
    let mut other = vec![0u64; keys.len()];
    let n = keys.len();
    for (digit, count) in counts.iter().enumerate() {
        if count.contains(&n) {
            continue;
        }
        let mut offsets = [0usize; BUCKETS];
        let mut sum = 0;
        for (o, c) in offsets.iter_mut().zip(count) {
            *o = sum;
            sum += c;
        }
        let shift = digit as u32 * BITS;
        for &k in keys.iter() {
            let d = ((k >> shift) as usize) & (BUCKETS - 1);
            other[offsets[d]] = k;
            offsets[d] += 1;
        }
        std::mem::swap(keys, &mut other);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radix_sort_sorts() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut keys: Vec<u64> = (0..10_000)
            .map(|i| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                if i % 3 == 0 { state & 0xFFFF } else { state }
            })
            .collect();
        let mut expected = keys.clone();
        expected.sort_unstable();
        radix_sort(&mut keys);
        assert_eq!(keys, expected);
    }
}
