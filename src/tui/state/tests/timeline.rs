//! `t`: the timeline popup and the period it adds.

use super::*;
use crate::tui::keymap::Context;

#[test]
fn t_shows_the_newest_period_and_enter_adds_it_to_the_query() {
    let mut app = app();
    typed(&mut app, "seg");
    app.update(Command::LeaveQuery);
    app.update(Command::ShowTimeline);
    assert_eq!(app.context(), Context::Timeline);
    let timeline = app.timeline();
    let last = timeline.periods.len() - 1;
    assert!(matches!(app.overlay(), Overlay::Timeline { cursor } if *cursor == last));
    app.update(Command::Move(1));
    assert!(
        matches!(app.overlay(), Overlay::Timeline { cursor } if *cursor == last),
        "clamped"
    );
    app.update(Command::Move(-2));
    let (period, count) = timeline.periods[last - 2];
    app.update(Command::AddPeriod);
    assert!(normal(&app));
    assert_eq!(text(&app), format!("seg {}", period.clause()));
    assert_eq!(app.search().hits().len(), count);
    assert_eq!(
        app.message().unwrap().text,
        format!("added {}", period.clause())
    );
}
