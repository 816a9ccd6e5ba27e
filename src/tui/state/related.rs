//! `R`: the papers related to the selected one, as the query
//! `similar:ID`, with the query it replaced kept for Esc.

use super::App;
use crate::tui::action::Effect;

/// The queries `R` replaced, newest last, each with the `similar:` query
/// that replaced it: Esc on that query brings the one before back.
#[derive(Debug, Default)]
pub struct Related {
    stack: Vec<(String, String)>,
}

impl Related {
    /// The query to go back to when `shown` is the query an `R` wrote;
    /// taken off the stack.
    pub fn back(&mut self, shown: &str) -> Option<String> {
        match self.stack.last() {
            Some((_, similar)) if similar == shown => self.stack.pop().map(|(before, _)| before),
            _ => {
                // The query was changed since: the way back is gone.
                self.stack.clear();
                None
            }
        }
    }

    fn push(&mut self, before: String, similar: String) {
        self.stack.push((before, similar));
    }
}

impl App {
    /// `R`: `similar:ID` for the selected paper. The query it replaces is
    /// kept in the history at once and comes back on Esc.
    pub(super) fn show_similar(&mut self) -> Vec<Effect> {
        let Some(paper) = self.selected_paper() else {
            self.say("no paper selected");
            return Vec::new();
        };
        let before = self.search.line().text().to_string();
        let similar = format!("similar:{}", paper.id);
        if before == similar {
            return Vec::new();
        }
        self.related.push(before.clone(), similar.clone());
        self.write_query(similar);
        self.say(format!("papers like “{}” (Esc: back)", paper.title));
        match before.trim() {
            "" => Vec::new(),
            _ => vec![Effect::SaveHistory(before)],
        }
    }
}
