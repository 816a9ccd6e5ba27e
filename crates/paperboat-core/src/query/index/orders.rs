//! Papers ranked once per corpus, so that sorting a million hits on every
//! keystroke is a radix sort of precomputed ranks (see `rank`) rather
//! than a comparison sort.

use std::cmp::Reverse;

use crate::cache::Column;
use crate::parallel;

/// Every paper ranked in the two orders that sorting uses most.
#[derive(Clone)]
pub struct Orders {
    /// Upvotes, then date, then corpus order: how relevance breaks ties.
    pub relevance: Ranking,
    /// Newest first, then corpus order.
    pub newest: Ranking,
}

/// One order of every paper, both ways round.
#[derive(Clone)]
pub struct Ranking {
    /// Position of each paper in the order.
    pub rank: Column<u32>,
    /// The papers in the order.
    pub by: Column<u32>,
}

impl Orders {
    /// Ranks the papers whose upvotes (0 when unknown) and publication
    /// days (see `ast::day_number`) are given, paper after paper.
    pub fn new(upvotes: &[u32], day: &[u32]) -> Orders {
        let n = day.len();
        let order_by = |key: &(dyn Fn(usize) -> u64 + Sync)| -> Ranking {
            // Bigger keys first, ties in corpus order.
            let mut keyed: Vec<(Reverse<u64>, u32)> =
                (0..n).map(|i| (Reverse(key(i)), i as u32)).collect();
            keyed.sort_unstable();
            let by: Vec<u32> = keyed.into_iter().map(|(_, i)| i).collect();
            let mut rank = vec![0u32; n];
            for (position, &i) in by.iter().enumerate() {
                rank[i as usize] = position as u32;
            }
            Ranking {
                rank: rank.into(),
                by: by.into(),
            }
        };
        let relevance = |i: usize| (upvotes[i] as u64) << 32 | day[i] as u64;
        let date = |i: usize| day[i] as u64;
        let (relevance, newest) = parallel::join(|| order_by(&relevance), || order_by(&date));
        Orders { relevance, newest }
    }

    /// The orders of papers whose first ones `known` ranks already (as
    /// [`Orders::new`] did) and the rest follow: only the rest are
    /// sorted, then merged in, which for a few papers added to a million
    /// is a walk instead of a sort. `None` when `known` does not rank
    /// exactly the first papers.
    pub fn extended(known: &Orders, upvotes: &[u32], day: &[u32]) -> Option<Orders> {
        let relevance = |i: usize| (upvotes[i] as u64) << 32 | day[i] as u64;
        let date = |i: usize| day[i] as u64;
        let (relevance, newest) = parallel::join(
            || merged(&known.relevance, day.len(), &relevance),
            || merged(&known.newest, day.len(), &date),
        );
        Some(Orders {
            relevance: relevance?,
            newest: newest?,
        })
    }
}

/// `known` (an order of the first papers) with papers `known.by.len()..n`
/// merged in: bigger keys first, ties in corpus order, as [`Orders::new`].
fn merged(known: &Ranking, n: usize, key: &(dyn Fn(usize) -> u64 + Sync)) -> Option<Ranking> {
    let from = known.by.len();
    if from > n {
        return None;
    }
    let mut added: Vec<(Reverse<u64>, u32)> =
        (from..n).map(|i| (Reverse(key(i)), i as u32)).collect();
    added.sort_unstable();
    let mut added = added.into_iter().peekable();
    let mut by = Vec::with_capacity(n);
    for &i in known.by.iter() {
        if i as usize >= from {
            return None;
        }
        let place = Reverse(key(i as usize));
        // A known paper comes first among equal keys: it is earlier.
        while let Some((_, j)) = added.next_if(|(k, _)| *k < place) {
            by.push(j);
        }
        by.push(i);
    }
    by.extend(added.map(|(_, j)| j));
    let mut rank = vec![u32::MAX; n];
    for (position, &i) in by.iter().enumerate() {
        rank[i as usize] = position as u32;
    }
    // Each of the first papers exactly once.
    if rank.contains(&u32::MAX) {
        return None;
    }
    Some(Ranking {
        rank: rank.into(),
        by: by.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Papers appended to ranked ones rank as if all were ranked afresh,
    /// ties (many: few distinct keys) in corpus order.
    #[test]
    fn merging_the_added_papers_in_ranks_as_sorting_all() {
        let n = 3000;
        let upvotes: Vec<u32> = (0..n).map(|i| (i * 7919 % 13) as u32).collect();
        let day: Vec<u32> = (0..n)
            .map(|i| 20240101 + (i * 104_729 % 5) as u32)
            .collect();
        for first in [0, 1, 1000, 2999, 3000] {
            let known = Orders::new(&upvotes[..first], &day[..first]);
            let merged = Orders::extended(&known, &upvotes, &day).unwrap();
            let afresh = Orders::new(&upvotes, &day);
            for (got, want) in [
                (&merged.relevance, &afresh.relevance),
                (&merged.newest, &afresh.newest),
            ] {
                assert_eq!(&got.by[..], &want.by[..], "{first}");
                assert_eq!(&got.rank[..], &want.rank[..], "{first}");
            }
        }
        let wrong = Orders::new(&upvotes, &day);
        assert!(Orders::extended(&wrong, &upvotes[..10], &day[..10]).is_none());
    }
}
