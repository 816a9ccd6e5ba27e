//! Ordering hits, and merging two ordered lists. Sorting a million hits on
//! every keystroke must stay within a frame, so the common orders use ranks
//! precomputed once per corpus (`index::orders`) and a radix sort of 64-bit
//! keys instead of comparisons.

use std::cmp::{Ordering, Reverse};

use super::hit::Hit;
use super::index::Index;
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
            if let Some(ranking) = ranked {
                // Ascending keys: best score first, then the precomputed rank.
                let mut keys: Vec<u64> = hits
                    .iter()
                    .map(|h| {
                        (u32::MAX as u64 - score_bits(h.score)) << 32 | ranking.rank[h.index] as u64
                    })
                    .collect();
                radix_sort(&mut keys);
                for (hit, key) in hits.iter_mut().zip(keys) {
                    *hit = Hit {
                        index: ranking.by[(key & 0xFFFF_FFFF) as usize] as usize,
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
