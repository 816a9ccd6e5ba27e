//! `R`: the papers related to the selected one, as the query
//! `similar:ID`, with the query it replaced kept for Esc.

use std::sync::atomic::AtomicBool;

use super::{App, Row};
use crate::query::Papers;
use crate::query::similar::{SimilarTo, similar_cancellable};
use crate::tui::action::Effect;
use crate::tui::outcomes::{RELATED_SHOWN, RelatedList};

impl App {
    /// `R`: `similar:ID` for the selected paper. The query it replaces is
    /// kept in the history at once and comes back on Esc.
    pub(super) fn show_similar(&mut self) -> Vec<Effect> {
        let Some(paper) = self.selected_paper() else {
            self.say("no paper selected");
            return Vec::new();
        };
        let before = self.search.line().text().to_string();
        // An id with spaces or quotes is written quoted and escaped.
        let similar = crate::query::similar_clause(&paper.id);
        if before == similar {
            return Vec::new();
        }
        // The paper and query left behind, for `Ctrl-o`.
        self.visit_here();
        self.related.push(before.clone(), similar.clone());
        self.write_query(similar);
        self.say(format!("papers like “{}” (Esc: back)", paper.title));
        match before.trim() {
            "" => Vec::new(),
            _ => vec![Effect::SaveHistory(before)],
        }
    }
}

impl App {
    /// The paper whose related papers the detail pane waits for: the one
    /// it shows, when they are not known yet.
    pub fn related_wanted(&self) -> Option<usize> {
        let Some(Row::Paper(i)) = self.row(self.list.selected()) else {
            return None;
        };
        let shown = self.areas().is_some_and(|a| !a.detail.is_empty());
        let known = self.related.list.as_ref().is_some_and(|r| r.paper == i);
        (shown && !known).then_some(i)
    }

    /// Works out the related papers of paper `i` (beside the keyboard: it
    /// takes `&self`); `None` once `cancel` is set.
    pub fn find_related(&self, i: usize, cancel: &AtomicBool) -> Option<RelatedList> {
        let to = SimilarTo::Paper(self.catalog.id(i).to_string());
        let found = similar_cancellable(&self.catalog.index, &self.catalog, &to, cancel)?;
        let papers = found
            .ranked()
            .into_iter()
            .take(RELATED_SHOWN)
            .map(|(j, _)| (j, self.catalog.title(j).to_string()))
            .collect();
        Some(RelatedList { paper: i, papers })
    }

    /// The related papers of the paper the detail pane shows, once known.
    pub fn related(&self) -> Option<&RelatedList> {
        let Some(Row::Paper(i)) = self.row(self.list.selected()) else {
            return None;
        };
        self.related.list.as_ref().filter(|r| r.paper == i)
    }

    /// The related paper under the cursor, if the cursor is on one.
    pub fn related_cursor(&self) -> Option<usize> {
        self.related.cursor.filter(|_| self.related().is_some())
    }

    /// Lines the detail pane ends with for the related papers: a blank, a
    /// heading and one per paper; none until they are known.
    pub fn related_lines(&self) -> usize {
        self.related()
            .filter(|r| !r.papers.is_empty())
            .map_or(0, |r| 2 + r.papers.len())
    }

    pub(super) fn related_arrived(&mut self, list: RelatedList) {
        self.related.list = Some(list);
        self.related.cursor = None;
        self.clamp_detail_scroll();
    }

    /// `J`/`K` in the detail pane: the cursor over the related papers,
    /// the pane scrolled to show it.
    pub(super) fn move_related_cursor(&mut self, delta: isize) {
        let count = self.related().map_or(0, |r| r.papers.len());
        if count == 0 {
            self.say("no related papers yet");
            return;
        }
        let next = match self.related_cursor() {
            None if delta < 0 => count - 1,
            None => 0,
            Some(at) => at.saturating_add_signed(delta).min(count - 1),
        };
        self.related.cursor = Some(next);
        self.scroll_detail(isize::MAX / 2);
    }

    /// `Enter` in the detail pane on a related paper: select it when the
    /// list shows it; else show the related papers (as `R`) and select it
    /// among them.
    pub(super) fn jump_to_related(&mut self) -> Vec<Effect> {
        let (Some(at), Some(list)) = (self.related_cursor(), self.related().cloned()) else {
            return Vec::new();
        };
        let Some(&(target, ref title)) = list.papers.get(at) else {
            return Vec::new();
        };
        self.related.cursor = None;
        // Enter on it is reading it, as Enter on a list row is; the paper
        // left is a place to come back to (`Ctrl-o`), and so is this one.
        let read = self.read_quietly(self.catalog.id(target));
        self.visit_here();
        let mut effects = Vec::new();
        if let Some(position) = self.search.hits().iter().position(|h| h.index == target) {
            self.select(position);
            self.say(format!("related: {title}"));
        } else {
            effects = self.show_similar();
            self.related.select_when_shown = Some(target);
            self.select_pending_paper();
        }
        self.jumps.visit(super::jumps::Place {
            query: self.search.line().text().to_string(),
            paper: Some(target),
        });
        effects.extend(read);
        effects
    }

    /// Selects the paper a jump waits for, once the results hold it.
    pub(super) fn select_pending_paper(&mut self) {
        let Some(target) = self.related.select_when_shown else {
            return;
        };
        if let Some(position) = self.search.hits().iter().position(|h| h.index == target) {
            self.related.select_when_shown = None;
            self.select(position);
        }
    }
}
