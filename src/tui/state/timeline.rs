//! `t`: the results per period, and a period added to the query.

use super::{App, Overlay};
use crate::query::timeline::Timeline;
use crate::tui::action::{Command, Effect};

impl App {
    /// The current results per month (per year over ten years), from the
    /// counts the facets pass made.
    pub fn timeline(&self) -> Timeline {
        Timeline::of(&self.search.counts().months)
    }

    /// `t` opens the popup at the newest period; `Enter` in it adds the
    /// period under the cursor to the query.
    pub(super) fn timeline_command(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::ShowTimeline => {
                let periods = self.timeline().periods.len();
                if periods == 0 {
                    self.say("no result has a date");
                } else {
                    self.screen.overlay = Overlay::Timeline {
                        cursor: periods - 1,
                    };
                }
            }
            Command::AddPeriod => {
                let Overlay::Timeline { cursor } = self.screen.overlay else {
                    return Vec::new();
                };
                let timeline = self.timeline();
                let Some(&(period, _)) = timeline.periods.get(cursor) else {
                    return Vec::new();
                };
                self.screen.overlay = Overlay::None;
                let clause = period.clause();
                let text = self.search.line().text().trim_end();
                let text = if text.is_empty() {
                    clause.clone()
                } else {
                    format!("{text} {clause}")
                };
                self.write_query(text);
                self.say(format!("added {clause}"));
            }
            _ => {}
        }
        Vec::new()
    }

    /// Moves the timeline's cursor by `delta` periods.
    pub(super) fn move_timeline_cursor(&mut self, delta: isize) {
        let last = self.timeline().periods.len().saturating_sub(1);
        if let Overlay::Timeline { cursor } = &mut self.screen.overlay {
            *cursor = cursor.saturating_add_signed(delta).min(last);
        }
    }
}
