//! Papers ranked once per corpus, so that sorting a million hits on every
//! keystroke is a radix sort of precomputed ranks (see `rank`) rather
//! than a comparison sort.

use std::cmp::Reverse;

use crate::cache::Column;
use crate::parallel;

/// Every paper ranked in the two orders that sorting uses most.
pub struct Orders {
    /// Upvotes, then date, then corpus order: how relevance breaks ties.
    pub relevance: Ranking,
    /// Newest first, then corpus order.
    pub newest: Ranking,
}

/// One order of every paper, both ways round.
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
}
