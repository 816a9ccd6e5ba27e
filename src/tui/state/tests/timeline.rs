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

#[test]
fn r_runs_similar_for_the_selected_paper_and_esc_brings_the_query_back() {
    let mut app = app();
    typed(&mut app, "mamba");
    app.update(Command::LeaveQuery);
    let paper = app.selected_paper().unwrap();
    let effects = app.update(Command::ShowSimilar);
    assert_eq!(text(&app), format!("similar:{}", paper.id));
    assert!(
        matches!(&effects[..], [Effect::SaveHistory(q)] if q == "mamba"),
        "{effects:?}"
    );
    let shown: Vec<usize> = app.search().hits().iter().map(|h| h.index).collect();
    assert!(!shown.is_empty());
    assert!(
        !shown.iter().any(|&i| app.catalog().id(i) == paper.id),
        "not itself"
    );
    assert_eq!(
        app.search().query().effective_sort().key,
        SortKey::Relevance
    );
    app.update(Command::Back);
    assert_eq!(text(&app), "mamba");
    assert!(app.message().unwrap().text.contains("back to `mamba`"));
    // Then Esc clears, as it always did.
    app.update(Command::Back);
    assert_eq!(text(&app), "");
}

#[test]
fn an_unknown_similar_id_says_why_nothing_matches() {
    let mut app = app();
    typed(&mut app, "similar:no-such-paper");
    assert!(app.search().hits().is_empty());
    assert_eq!(
        app.search().why_empty(),
        Some("no paper with id `no-such-paper`")
    );
}
