//! The results of the last few queries, so that deleting what was just
//! typed shows the wider results at once instead of searching again.

use std::collections::VecDeque;

use super::ast::Query;
use super::hit::Hit;

/// How many queries are remembered.
const ENTRIES: usize = 16;
/// Larger result sets are not copied into the memory: copying them costs
/// nearly as much as a search.
const MAX_HITS: usize = 100_000;

/// Recent queries and their results, newest last.
#[derive(Debug, Default)]
pub struct Recent {
    entries: VecDeque<(Query, Vec<Hit>)>,
}

impl Recent {
    /// The results of `query`, if it ran recently.
    pub fn get(&self, query: &Query) -> Option<&[Hit]> {
        self.entries
            .iter()
            .rev()
            .find(|(q, _)| q == query)
            .map(|(_, hits)| &hits[..])
    }

    /// Remembers the results of `query`.
    pub fn put(&mut self, query: &Query, hits: &[Hit]) {
        if hits.len() > MAX_HITS || self.get(query).is_some() {
            return;
        }
        if self.entries.len() == ENTRIES {
            self.entries.pop_front();
        }
        self.entries.push_back((query.clone(), hits.to_vec()));
    }

    /// Forgets everything: the papers or the bookmarks changed.
    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse;

    #[test]
    fn remembers_recent_results_and_forgets() {
        let mut recent = Recent::default();
        let hit = Hit { index: 1, score: 2 };
        recent.put(&parse("mamba").unwrap(), &[hit]);
        assert_eq!(recent.get(&parse("mamba").unwrap()), Some(&[hit][..]));
        assert_eq!(recent.get(&parse("mamb").unwrap()), None);
        for i in 0..ENTRIES {
            recent.put(&parse(&format!("q{i}")).unwrap(), &[]);
        }
        assert_eq!(
            recent.get(&parse("mamba").unwrap()),
            None,
            "oldest goes first"
        );
        recent.clear();
        assert_eq!(recent.get(&parse("q3").unwrap()), None);
    }
}
