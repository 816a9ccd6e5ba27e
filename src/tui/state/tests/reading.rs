//! Reading: which acts make a paper read, the reading view, and the way
//! back and forward through the papers read.

use super::marks::settle;
use super::*;

/// A reader on the bundled corpus whose read state is loaded from `dir`.
fn reading_app(store: &crate::bookmarks::Store) -> App {
    let mut app = app();
    settle(&mut app, vec![Effect::ReloadRead], store);
    app
}

#[test]
fn a_paper_on_screen_is_not_read_by_time_alone() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = crate::bookmarks::Store::new(dir.path());
    let mut app = reading_app(&store);
    let first = Row::Paper(app.search().hits()[0].index);
    let start = std::time::Instant::now();
    for s in [0, 2, 5, 60, 3600] {
        let effects = app.update(Action::Tick(start + std::time::Duration::from_secs(s)));
        assert!(
            !effects.iter().any(|e| matches!(e, Effect::SaveRead { .. })),
            "{s} s on screen"
        );
        settle(&mut app, effects, &store);
    }
    assert!(app.is_unread(first));
    let read = crate::read_state::ReadStore::new(dir.path());
    assert!(read.load().unwrap().is_empty());
}

#[test]
fn enter_and_r_mark_a_paper_read() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = crate::bookmarks::Store::new(dir.path());
    let mut app = reading_app(&store);
    let first = Row::Paper(app.search().hits()[0].index);
    let second = Row::Paper(app.search().hits()[1].index);
    let effects = app.update(Command::FocusDetail);
    settle(&mut app, effects, &store);
    assert!(!app.is_unread(first), "Enter reads it");
    app.update(Command::Back);
    app.update(Command::Move(1));
    assert!(app.is_unread(second));
    let effects = app.update(Command::ToggleRead);
    settle(&mut app, effects, &store);
    assert!(!app.is_unread(second), "r reads it");
}

#[test]
fn a_over_more_than_a_thousand_papers_asks_first() {
    let papers: Vec<String> = (0..1001)
        .map(|i| format!(r#"{{"id": "p{i}", "title": "Paper {i}"}}"#))
        .collect();
    let corpus =
        crate::corpus::load_bytes(format!("[{}]", papers.join(",")).as_bytes(), "c.json").unwrap();
    let dir = tempfile::TempDir::new().unwrap();
    let store = crate::bookmarks::Store::new(dir.path());
    let mut app = App::new(corpus, (120, 40));
    settle(&mut app, vec![Effect::ReloadRead], &store);
    let read = crate::read_state::ReadStore::new(dir.path());
    assert!(app.update(Command::MarkShownRead).is_empty(), "asks first");
    assert_eq!(
        app.message().unwrap().text,
        "mark 1,001 papers read? A again marks them all"
    );
    // Any other key drops the question.
    app.update(Command::Move(1));
    assert!(app.update(Command::MarkShownRead).is_empty());
    let effects = app.update(Command::MarkShownRead);
    settle(&mut app, effects, &store);
    assert_eq!(read.load().unwrap().len(), 1001);
    assert_eq!(
        app.message().unwrap().text,
        "1,001 papers marked read (u undoes)"
    );
}

#[test]
fn a_over_a_thousand_papers_or_fewer_does_not_ask() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = crate::bookmarks::Store::new(dir.path());
    let mut app = reading_app(&store);
    let effects = app.update(Command::MarkShownRead);
    assert_eq!(effects.len(), 1);
    settle(&mut app, effects, &store);
    assert_eq!(
        app.message().unwrap().text,
        "192 papers marked read (u undoes)"
    );
}
