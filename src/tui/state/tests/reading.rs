//! Reading: which acts make a paper read, the reading view, and the way
//! back and forward through the papers read.

use super::marks::settle;
use super::*;

/// A reader on the bundled corpus whose read state is loaded from `dir`.
fn reading_app(store: &crate::store::bookmarks::Store) -> App {
    let mut app = app();
    settle(&mut app, vec![Effect::ReloadRead], store);
    app
}

#[test]
fn a_paper_on_screen_is_not_read_by_time_alone() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = crate::store::bookmarks::Store::new(dir.path());
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
    let read = crate::store::read_state::ReadStore::new(dir.path());
    assert!(read.load().unwrap().is_empty());
}

#[test]
fn enter_and_r_mark_a_paper_read() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = crate::store::bookmarks::Store::new(dir.path());
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
    let store = crate::store::bookmarks::Store::new(dir.path());
    let mut app = App::new(corpus, (120, 40));
    settle(&mut app, vec![Effect::ReloadRead], &store);
    let read = crate::store::read_state::ReadStore::new(dir.path());
    assert!(app.update(Command::MarkShownRead).is_empty(), "asks first");
    assert_eq!(said(&app), "mark 1,001 papers read? A again marks them all");
    // Any other key drops the question.
    app.update(Command::Move(1));
    assert!(app.update(Command::MarkShownRead).is_empty());
    let effects = app.update(Command::MarkShownRead);
    settle(&mut app, effects, &store);
    assert_eq!(read.load().unwrap().len(), 1001);
    assert_eq!(said(&app), "1,001 papers marked read (u undoes)");
}

#[test]
fn a_over_a_thousand_papers_or_fewer_does_not_ask() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = crate::store::bookmarks::Store::new(dir.path());
    let mut app = reading_app(&store);
    let effects = app.update(Command::MarkShownRead);
    assert_eq!(effects.len(), 1);
    settle(&mut app, effects, &store);
    assert_eq!(said(&app), "192 papers marked read (u undoes)");
    // The state names the command; the view names its key.
    let message = app.message().unwrap();
    assert_eq!(message.text, "192 papers marked read (");
    assert_eq!(message.key, Some((Command::Undo, " undoes)".to_string())));
}

/// The row the abstract's first line is drawn at, counted from the top of
/// the screen, as the state lays the detail out.
fn abstract_row(app: &App) -> usize {
    let areas = app.areas().unwrap();
    let layout = app.detail_layout().unwrap();
    let first = layout
        .lines
        .iter()
        .position(|l| matches!(l, crate::tui::detail_layout::DetailLine::Abstract(_)))
        .unwrap();
    areas.detail.y as usize + first - app.detail_scroll()
}

#[test]
fn enter_on_a_narrow_screen_gives_the_detail_the_whole_screen_and_esc_returns() {
    for size in [(80, 24), (60, 15)] {
        let mut app = app_sized(size);
        app.update(Command::Move(2));
        let selected = app.selected();
        assert!(!app.reading_view());
        app.update(Command::FocusDetail);
        assert!(app.reading_view(), "{size:?}");
        assert_eq!(app.context(), Context::Detail);
        let areas = app.areas().unwrap();
        assert!(areas.list_block.is_empty() && areas.query.is_empty());
        assert_eq!(areas.detail_block.height, size.1 - 1);
        if size == (80, 24) {
            assert!(abstract_row(&app) < 8, "{}", abstract_row(&app));
        }
        // The keys scroll the detail.
        app.update(Command::Move(1));
        assert_eq!(app.detail_scroll(), 1);
        app.update(Command::Back);
        assert!(!app.reading_view());
        assert_eq!(app.focus(), Focus::List);
        assert_eq!(app.selected(), selected);
        assert!(!app.areas().unwrap().list_block.is_empty());
    }
}

#[test]
fn enter_on_a_wide_screen_focuses_the_detail_pane() {
    let mut app = app();
    app.update(Command::FocusDetail);
    assert!(!app.reading_view());
    assert_eq!(app.focus(), Focus::Detail);
}

#[test]
fn plus_gives_the_detail_the_whole_screen_from_any_pane_and_back() {
    let mut app = wide_app();
    for focus in [Focus::List, Focus::Detail, Focus::Facets] {
        while app.focus() != focus {
            app.update(Command::FocusNext);
        }
        app.update(Command::ToggleReading);
        assert!(app.reading_view(), "{focus:?}");
        assert_eq!(app.focus(), Focus::Detail);
        assert!(app.areas().unwrap().facets_block.is_empty());
        // `+` again, or Esc, gives the keys back to the pane that had them.
        app.update(Command::ToggleReading);
        assert!(!app.reading_view());
        assert_eq!(app.focus(), focus);
        app.update(Command::ToggleReading);
        app.update(Command::Back);
        assert!(!app.reading_view());
        assert_eq!(app.focus(), focus);
    }
    // A popup closes first; the query line and Tab bring the panes back.
    app.update(Command::ToggleReading);
    app.update(Command::ToggleHelp);
    app.update(Command::Back);
    assert!(app.reading_view());
    app.update(Command::EditQuery);
    assert!(!app.reading_view());
    assert_eq!(app.context(), Context::Query);
    app.update(Command::LeaveQuery);
    app.update(Command::ToggleReading);
    app.update(Command::FocusNext);
    assert!(!app.reading_view());
}

#[test]
fn the_reading_view_is_laid_out_for_reading() {
    let mut app = app_sized((80, 24));
    app.update(Command::ToggleReading);
    let layout = app.detail_layout().unwrap();
    assert!(layout.key.reading);
    assert_eq!(layout.key.width, 78);
    app.update(Command::Back);
    let layout = app.detail_layout().unwrap();
    assert!(!layout.key.reading);
}

/// The id of the selected paper.
fn selected_id(app: &App) -> String {
    app.selected_paper().unwrap().id.clone()
}

#[test]
fn ctrl_o_goes_back_through_the_papers_read_and_alt_right_forward() {
    let mut app = app();
    let a = selected_id(&app);
    app.update(Command::FocusDetail);
    app.update(Command::Back);
    app.update(Command::Move(3));
    let b = selected_id(&app);
    app.update(Command::FocusDetail);
    app.update(Command::Back);
    // Moving on without reading: back goes first to the paper read last.
    app.update(Command::Move(5));
    let c = selected_id(&app);
    app.update(Command::JumpBack);
    assert_eq!(selected_id(&app), b);
    assert!(app.message().unwrap().text.starts_with("back to “"));
    app.update(Command::JumpBack);
    assert_eq!(selected_id(&app), a);
    app.update(Command::JumpBack);
    assert_eq!(selected_id(&app), a, "nothing before the first");
    assert_eq!(app.message().unwrap().text, "no paper read before this one");
    app.update(Command::JumpForward);
    assert_eq!(selected_id(&app), b);
    app.update(Command::JumpForward);
    assert_eq!(selected_id(&app), c, "where back started");
    app.update(Command::JumpForward);
    assert_eq!(app.message().unwrap().text, "nothing to go forward to");
    // With nothing read, there is nowhere to go back to.
    let mut fresh = self::app();
    fresh.update(Command::JumpBack);
    assert_eq!(
        fresh.message().unwrap().text,
        "no paper read before this one"
    );
}

#[test]
fn ctrl_o_after_r_brings_back_the_query_and_the_paper() {
    let mut app = app();
    typed(&mut app, "mamba");
    app.update(Command::LeaveQuery);
    app.update(Command::Move(2));
    let paper = selected_id(&app);
    app.update(Command::ShowSimilar);
    assert!(text(&app).starts_with("similar:"));
    let similar = text(&app).to_string();
    app.update(Command::Move(1));
    app.update(Command::JumpBack);
    assert_eq!(text(&app), "mamba");
    assert_eq!(selected_id(&app), paper);
    assert!(
        app.message().unwrap().text.ends_with("(`mamba`)"),
        "{}",
        app.message().unwrap().text
    );
    app.update(Command::JumpForward);
    assert_eq!(text(&app), similar, "forward to the related papers");
}

/// A reader showing the related papers of the selected paper of `query`,
/// with the detail focused.
fn with_related(query: &str) -> App {
    let mut app = app();
    typed(&mut app, query);
    app.update(Command::LeaveQuery);
    let paper = app.related_wanted().unwrap();
    let list = app.find_related(paper, &AtomicBool::new(false)).unwrap();
    app.update(Action::Related(Box::new(list)));
    app.update(Command::FocusDetail);
    app
}

#[test]
fn ctrl_o_after_following_a_related_paper_brings_back_the_paper_and_its_query() {
    // A related paper outside the results: `similar:` shows it.
    let mut app = with_related("msvm unet");
    let paper = selected_id(&app);
    app.update(Command::RelatedNext);
    app.update(Command::JumpRelated);
    assert!(text(&app).starts_with("similar:"));
    let related = selected_id(&app);
    assert_ne!(related, paper);
    app.update(Command::JumpBack);
    assert_eq!(text(&app), "msvm unet");
    assert_eq!(selected_id(&app), paper);
    app.update(Command::JumpForward);
    assert_eq!(selected_id(&app), related);
    assert!(text(&app).starts_with("similar:"));
}

#[test]
fn ctrl_o_after_following_a_related_paper_in_the_list_goes_back_to_the_paper() {
    // With no query every paper is listed: the related one is selected.
    let mut app = with_related("");
    let paper = selected_id(&app);
    app.update(Command::RelatedNext);
    app.update(Command::JumpRelated);
    assert_eq!(text(&app), "");
    let related = selected_id(&app);
    assert_ne!(related, paper);
    app.update(Command::JumpBack);
    assert_eq!(selected_id(&app), paper);
    assert_eq!(text(&app), "");
    app.update(Command::JumpForward);
    assert_eq!(selected_id(&app), related);
}

#[test]
fn ctrl_o_and_alt_arrows_go_back_and_forward_and_tab_stays_next_pane() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let keymap = crate::tui::keymap::Keymap::default();
    let command = |context, code, mods| keymap.command(context, &KeyEvent::new(code, mods));
    for context in [Context::List, Context::Detail, Context::Facets] {
        let back = Some(Command::JumpBack);
        let forward = Some(Command::JumpForward);
        assert_eq!(
            command(context, KeyCode::Char('o'), KeyModifiers::CONTROL),
            back
        );
        assert_eq!(command(context, KeyCode::Left, KeyModifiers::ALT), back);
        assert_eq!(command(context, KeyCode::Right, KeyModifiers::ALT), forward);
        // Told apart from Tab only by terminals that report it so.
        assert_eq!(
            command(context, KeyCode::Char('i'), KeyModifiers::CONTROL),
            forward
        );
        assert_eq!(
            command(context, KeyCode::Tab, KeyModifiers::NONE),
            Some(Command::FocusNext)
        );
        assert_eq!(
            command(context, KeyCode::Char('+'), KeyModifiers::NONE),
            Some(Command::ToggleReading)
        );
    }
    // In the query line the arrows and `+` stay the line's.
    assert_ne!(
        command(Context::Query, KeyCode::Char('+'), KeyModifiers::NONE),
        Some(Command::ToggleReading)
    );
}

#[test]
fn brackets_move_to_the_next_and_previous_unread_paper() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = crate::store::bookmarks::Store::new(dir.path());
    let mut app = reading_app(&store);
    // Papers 1 to 3 read: ] from the top skips them.
    for position in 1..=3 {
        app.select(position);
        let effects = app.update(Command::ToggleRead);
        settle(&mut app, effects, &store);
    }
    app.select(0);
    app.update(Command::NextUnread);
    assert_eq!(app.selected(), 4);
    app.update(Command::PrevUnread);
    assert_eq!(app.selected(), 0);
    app.update(Command::PrevUnread);
    assert_eq!(app.selected(), 0, "none above: the selection stays");
    assert_eq!(
        app.message().unwrap().text,
        "no unread paper above this one"
    );
    // Everything read: ] says so.
    let effects = app.update(Command::MarkShownRead);
    settle(&mut app, effects, &store);
    let effects = app.update(Command::MarkShownRead);
    settle(&mut app, effects, &store);
    app.update(Command::NextUnread);
    assert_eq!(
        app.message().unwrap().text,
        "no unread paper below this one"
    );
}

#[test]
fn with_mark_read_after_a_paper_whose_detail_stays_on_screen_is_read() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = crate::store::bookmarks::Store::new(dir.path());
    let mut app = app();
    app.update(Action::Start(Box::new(Settings {
        mark_read_after: Some(std::time::Duration::from_secs(2)),
        ..Settings::default()
    })));
    settle(&mut app, vec![Effect::ReloadRead], &store);
    let first = Row::Paper(app.search().hits()[0].index);
    let second = Row::Paper(app.search().hits()[1].index);
    let start = std::time::Instant::now();
    let at = |ms: u64| start + std::time::Duration::from_millis(ms);
    let tick = |app: &mut App, ms: u64| {
        let effects = app.update(Action::Tick(at(ms)));
        settle(app, effects, &store);
    };
    tick(&mut app, 0);
    tick(&mut app, 1500);
    assert!(app.is_unread(first), "not yet");
    // Moving on restarts the clock for the next paper.
    app.update(Command::Move(1));
    tick(&mut app, 1600);
    tick(&mut app, 2100);
    assert!(app.is_unread(first) && app.is_unread(second));
    tick(&mut app, 3700);
    assert!(!app.is_unread(second), "two seconds on screen");
    assert!(app.is_unread(first));
    // Under the help overlay the detail is not being read.
    app.update(Command::Move(1));
    app.update(Command::ToggleHelp);
    let third = Row::Paper(app.search().hits()[2].index);
    tick(&mut app, 4000);
    tick(&mut app, 9000);
    assert!(app.is_unread(third));
}
