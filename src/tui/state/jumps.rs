//! Back and forward through the papers read, as vim's jump list: reading
//! a paper (`Enter`), following a related one and `R` each leave a place
//! behind (the query and the paper); `Ctrl-o` goes back to it, query and
//! all, and `Alt-→` forward again.

use super::{App, Row};
use crate::query::Papers;

/// How many places are kept, the oldest forgotten first.
const KEPT: usize = 100;

/// A place to come back to: the query line's text and the paper selected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The query, as written.
    pub query: String,
    /// The corpus paper selected, if one was (not a bookmark outside it).
    pub paper: Option<usize>,
}

/// The places, oldest first, and the one the reader is at.
#[derive(Debug, Default)]
pub struct Jumps {
    places: Vec<Place>,
    /// Index of the current place; 0 while there are none.
    at: usize,
}

impl Jumps {
    /// The reader is at `place` now: the places ahead of the current one
    /// are dropped (as a browser's forward history is), unless it is the
    /// current one.
    pub fn visit(&mut self, place: Place) {
        if self.places.get(self.at) == Some(&place) {
            return;
        }
        self.places.truncate(self.at + 1);
        self.places.push(place);
        if self.places.len() > KEPT {
            self.places.remove(0);
        }
        self.at = self.places.len() - 1;
    }

    /// The place before, from `here` (kept, so that forward comes back
    /// to it); `None` at the oldest.
    pub fn back(&mut self, here: Place) -> Option<Place> {
        if self.places.is_empty() {
            return None;
        }
        self.visit(here);
        self.at = self.at.checked_sub(1)?;
        self.places.get(self.at).cloned()
    }

    /// The place after the current one, if the reader went back.
    pub fn forward(&mut self) -> Option<Place> {
        let next = self.places.get(self.at + 1)?.clone();
        self.at += 1;
        Some(next)
    }
}

impl App {
    /// Where the reader is: the query and the paper selected.
    pub(super) fn here(&self) -> Place {
        let paper = match self.row(self.list.selected()) {
            Some(Row::Paper(i)) => Some(i),
            _ => None,
        };
        Place {
            query: self.search.line().text().to_string(),
            paper,
        }
    }

    /// Keeps the place the reader is at, to come back to.
    pub(super) fn visit_here(&mut self) {
        let here = self.here();
        self.jumps.visit(here);
    }

    /// `Ctrl-o`: back to the paper read before and its query.
    pub(super) fn jump_back(&mut self) {
        let here = self.here();
        match self.jumps.back(here) {
            Some(place) => self.go_to(place, "back to"),
            None => self.say("no paper read before this one"),
        }
    }

    /// `Alt-→`: forward again.
    pub(super) fn jump_forward(&mut self) {
        match self.jumps.forward() {
            Some(place) => self.go_to(place, "forward to"),
            None => self.say("nothing to go forward to"),
        }
    }

    /// Brings `place` back: its query, then its paper once the results
    /// hold it.
    fn go_to(&mut self, place: Place, how: &str) {
        self.related.cursor = None;
        let query_changed = self.search.line().text() != place.query;
        if query_changed {
            self.write_query(place.query.clone());
        }
        if let Some(paper) = place.paper {
            self.related.select_when_shown = Some(paper);
            self.select_pending_paper();
        }
        let title = place.paper.map(|i| self.catalog.title(i).to_string());
        let query = match place.query.as_str() {
            "" => "no query".to_string(),
            text => format!("`{text}`"),
        };
        let text = match (title, query_changed) {
            (Some(title), false) => format!("{how} “{title}”"),
            (Some(title), true) => format!("{how} “{title}” ({query})"),
            (None, _) => format!("{how} {query}"),
        };
        self.say(text);
    }
}
