//! The query history as the query line walks it (`Up`, `Down`, as fzf's
//! `--history`), and when a query has been on screen long enough to keep:
//! plain data, changed by `editing` and the clock.

use std::time::{Duration, Instant};

/// How long a query's results stay unchanged before the query is kept.
pub const KEEP_AFTER: Duration = Duration::from_secs(1);

/// The history loaded, where the walk through it stands, and what was kept.
#[derive(Debug, Default)]
pub struct QueryHistory {
    entries: Vec<String>,
    /// The entry shown while walking, if walking.
    walking: Option<usize>,
    /// What was typed before the walk began, given back past its end.
    draft: String,
    /// Loaded, and saving works: queries are kept.
    on: bool,
    /// The query on screen and since when.
    shown: Option<(String, Instant)>,
    /// The last query kept, not kept again until another came between.
    kept: Option<String>,
}

impl QueryHistory {
    /// Takes in the history as loaded or saved.
    pub fn set(&mut self, entries: Vec<String>) {
        self.entries = entries;
        self.walking = None;
        self.on = true;
    }

    /// Saving failed or there is nowhere to keep it: no more queries kept.
    pub fn turn_off(&mut self) {
        self.on = false;
    }

    /// The entry before the one shown (the newest when the walk starts,
    /// remembering `typed`); `None` at the oldest.
    pub fn older(&mut self, typed: &str) -> Option<String> {
        let at = match self.walking {
            None => {
                let newest = self.entries.len().checked_sub(1)?;
                // A query kept while it was on screen is what is typed:
                // the walk starts before it, or the first step shows
                // nothing new.
                let at = if self.entries[newest] == typed {
                    newest.checked_sub(1)?
                } else {
                    newest
                };
                self.draft = typed.to_string();
                at
            }
            Some(at) => at.checked_sub(1)?,
        };
        self.walking = Some(at);
        self.entries.get(at).cloned()
    }

    /// The entry after the one shown; past the newest, what was typed
    /// before the walk. `None` when not walking.
    pub fn newer(&mut self) -> Option<String> {
        let at = self.walking? + 1;
        if at < self.entries.len() {
            self.walking = Some(at);
            self.entries.get(at).cloned()
        } else {
            self.walking = None;
            Some(std::mem::take(&mut self.draft))
        }
    }

    /// Typing ends a walk: the line is the user's again.
    pub fn stop_walking(&mut self) {
        self.walking = None;
    }

    /// The query to keep now, if `query` (the one on screen) has stayed
    /// [`KEEP_AFTER`] and was not the last one kept.
    pub fn due(&mut self, query: &str, now: Instant) -> Option<String> {
        let query = query.trim();
        if !self.on || query.is_empty() {
            self.shown = None;
            return None;
        }
        match &self.shown {
            Some((shown, since)) if shown == query => {
                let long_enough = now.duration_since(*since) >= KEEP_AFTER;
                let kept = self.kept.as_deref() == Some(query);
                if long_enough && !kept && self.entries.last().map(String::as_str) != Some(query) {
                    self.kept = Some(query.to_string());
                    return Some(query.to_string());
                }
                None
            }
            _ => {
                self.shown = Some((query.to_string(), now));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walking_goes_back_and_returns_to_what_was_typed() {
        let mut h = QueryHistory::default();
        h.set(vec!["a".into(), "b".into(), "c".into()]);
        assert_eq!(h.newer(), None, "not walking");
        assert_eq!(h.older("typed").as_deref(), Some("c"));
        assert_eq!(h.older("ignored").as_deref(), Some("b"));
        assert_eq!(h.older("").as_deref(), Some("a"));
        assert_eq!(h.older(""), None, "the oldest");
        assert_eq!(h.newer().as_deref(), Some("b"));
        assert_eq!(h.newer().as_deref(), Some("c"));
        assert_eq!(h.newer().as_deref(), Some("typed"));
        assert_eq!(h.newer(), None);
        let mut empty = QueryHistory::default();
        empty.set(Vec::new());
        assert_eq!(empty.older("x"), None);
    }

    #[test]
    fn the_walk_skips_the_newest_entry_when_it_is_what_is_typed() {
        let mut h = QueryHistory::default();
        h.set(vec!["a".into(), "seg".into()]);
        assert_eq!(h.older("seg").as_deref(), Some("a"));
        assert_eq!(h.newer().as_deref(), Some("seg"));
        assert_eq!(h.newer().as_deref(), Some("seg"), "what was typed");
        let mut only = QueryHistory::default();
        only.set(vec!["seg".into()]);
        assert_eq!(only.older("seg"), None);
    }

    #[test]
    fn a_query_is_kept_once_it_stayed_a_moment() {
        let mut h = QueryHistory::default();
        let t = Instant::now();
        let at = |ms: u64| t + Duration::from_millis(ms);
        assert_eq!(h.due("mamba", at(0)), None, "off until loaded");
        h.set(vec!["old".into()]);
        assert_eq!(h.due("mamba", at(0)), None);
        assert_eq!(h.due("mamba", at(500)), None);
        assert_eq!(h.due("mamba", at(1200)).as_deref(), Some("mamba"));
        assert_eq!(h.due("mamba", at(5000)), None, "kept once");
        assert_eq!(h.due("mamb", at(5100)), None);
        assert_eq!(h.due("mamb", at(5200)), None, "not long enough");
        assert_eq!(h.due("", at(9000)), None, "an empty query is not kept");
        assert_eq!(h.due("old", at(9000)), None);
        assert_eq!(h.due("old", at(11000)), None, "the newest entry already");
    }
}
