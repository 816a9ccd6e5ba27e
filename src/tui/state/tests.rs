//! The reader's state driven through `update` as the event loop drives
//! it: typing, moving, bookmarking, loading, searching.

use std::sync::atomic::AtomicBool;

use super::*;
use crate::corpus::{LinkKind, Paper};
use crate::query::{SortKey, parse};
use crate::tui::action::{Action, Command, Effect};
use crate::tui::line_edit::Edit;
use crate::tui::loader::{Arrived, Finished};

/// The query line's text.
fn text(app: &App) -> &str {
    app.search().line().text()
}

/// The note being typed, if the note popup is open.
fn note(app: &App) -> String {
    match app.overlay() {
        Overlay::Note(note) => note.text().to_string(),
        _ => String::new(),
    }
}

/// Keys go to a pane: no popup, no query line.
fn normal(app: &App) -> bool {
    matches!(
        app.context(),
        Context::List | Context::Detail | Context::Facets
    )
}

fn app() -> App {
    App::new(Corpus::bundled().unwrap(), (120, 40))
}

fn typed(app: &mut App, text: &str) {
    app.update(Command::EditQuery);
    for c in text.chars() {
        app.update(Command::Edit(Edit::Insert(c)));
    }
}

fn arrive(app: &mut App, papers: &[Paper], bytes_read: u64) {
    app.update(Action::Arrived(Box::new(Arrived {
        papers: papers.to_vec(),
        index: Index::part(papers),
        bytes_read,
        total_bytes: 1000,
        skipped: 1,
    })));
}

#[test]
fn results_fill_in_while_the_corpus_loads_and_typing_works_meanwhile() {
    let corpus = Corpus::bundled().unwrap();
    let mut app = App::loading("dir/big.jsonl".into(), (120, 40));
    assert_eq!(app.corpus().name, "big.jsonl");
    typed(&mut app, "seg");
    arrive(&mut app, &corpus.papers[..50], 300);
    assert_eq!(app.loading_progress().unwrap().bytes_read, 300);
    typed(&mut app, "ment");
    for (i, chunk) in corpus.papers[50..].chunks(40).enumerate() {
        arrive(&mut app, chunk, 400 + i as u64);
    }
    app.update(Action::Loaded(Box::new(Finished {
        summary: crate::corpus::LoadSummary {
            name: corpus.name.clone(),
            format: crate::corpus::Format::ArxivJsonl,
            skipped: 1,
            first_skipped: None,
            refused_links: 0,
            refused: Vec::new(),
        },
        seconds: 0.5,
    })));
    assert!(app.loading_progress().is_none());
    let mut whole = App::new(corpus, (120, 40));
    typed(&mut whole, "segment");
    assert_eq!(app.search().hits(), whole.search().hits());
    assert_eq!(*app.search().counts(), *whole.search().counts());
    assert_eq!(app.corpus().name, whole.corpus().name);
    let message = app.message().unwrap().text.clone();
    assert!(message.ends_with("skipped 1 bad record"), "{message}");
}

#[test]
fn a_large_corpus_is_searched_by_the_event_loop_and_can_be_cancelled() {
    let base = Corpus::bundled().unwrap().papers;
    let papers: Vec<Paper> = (0..super::results::INLINE_SEARCH_UP_TO / base.len() + 1)
        .flat_map(|_| base.iter().cloned())
        .collect();
    let corpus = Corpus {
        name: "big".into(),
        papers,
    };
    let mut app = App::new(corpus, (120, 40));
    let everything = app.search().hits().to_vec();
    typed(&mut app, "mamba");
    assert!(app.search_pending());
    assert_eq!(
        app.search().hits(),
        everything,
        "results stay until the search ran"
    );
    assert!(app.run_search(&AtomicBool::new(true)).is_none());
    let searched = app.run_search(&AtomicBool::new(false)).unwrap();
    app.update(Action::Searched(searched));
    assert!(!app.search_pending());
    let expected = app
        .index
        .search(&app.corpus.papers, &parse("mamba").unwrap());
    assert_eq!(app.search().hits(), expected);
    assert!(!app.search().hits().is_empty());
}

fn selected_title(app: &App) -> String {
    app.selected_paper()
        .map(|p| p.title.clone())
        .unwrap_or_default()
}

#[test]
fn starts_with_everything_newest_first() {
    let app = app();
    assert_eq!(app.search().hits().len(), app.corpus().papers.len());
    let dates: Vec<_> = app
        .search()
        .hits()
        .iter()
        .map(|h| app.corpus().papers[h.index].published)
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));
}

#[test]
fn typing_filters_and_keeps_the_selection_while_it_is_still_there() {
    let mut app = app();
    typed(&mut app, "mamba");
    assert!(app.search().hits().len() < 20);
    app.update(Command::Move(2));
    let chosen = selected_title(&app);
    typed(&mut app, " u");
    assert_eq!(selected_title(&app), chosen, "still in the results");
    assert_eq!(
        app.search().hits()[app.selected()].index,
        app.search()
            .hits()
            .iter()
            .find(|h| app.corpus().papers[h.index].title == chosen)
            .unwrap()
            .index
    );
    app.update(Command::Edit(Edit::Clear));
    assert_eq!(selected_title(&app), chosen, "clearing keeps it too");
    assert_eq!(app.search().hits().len(), app.corpus().papers.len());
    typed(&mut app, "zzzzqqq");
    assert!(app.search().hits().is_empty());
    assert!(app.selected_paper().is_none());
    assert_eq!(app.selected(), 0);
}

#[test]
fn incremental_and_fresh_searches_agree() {
    let mut app = app();
    typed(&mut app, "seg");
    typed(&mut app, "ment med");
    let incremental = app.search().hits().to_vec();
    let fresh = app
        .index
        .search(&app.corpus.papers, &parse("segment med").unwrap());
    assert_eq!(incremental, fresh);
}

#[test]
fn paging_stops_at_the_ends() {
    let mut app = app();
    let last = app.search().hits().len() - 1;
    app.update(Command::PageUp);
    assert_eq!(app.selected(), 0);
    app.update(Command::PageDown);
    assert_eq!(app.selected(), app.page());
    app.update(Command::Bottom);
    assert_eq!(app.selected(), last);
    assert_eq!(app.list_offset(), app.search().hits().len() - app.page());
    app.update(Command::PageDown);
    app.update(Command::Move(1));
    assert_eq!(app.selected(), last);
    app.update(Command::HalfPageUp);
    assert_eq!(app.selected(), last - app.page() / 2);
    app.update(Command::Top);
    assert_eq!((app.selected(), app.list_offset()), (0, 0));
    app.update(Command::Move(-1));
    assert_eq!(app.selected(), 0);
}

#[test]
fn sort_cycles_through_the_query_line() {
    let mut app = app();
    assert_eq!(app.search().query().effective_sort().to_string(), "date");
    app.update(Command::SortNext);
    assert_eq!(text(&app), "sort:upvotes");
    let upvotes: Vec<u32> = app
        .search()
        .hits()
        .iter()
        .map(|h| app.corpus().papers[h.index].upvotes_or_zero())
        .collect();
    assert!(upvotes.windows(2).all(|w| w[0] >= w[1]));
    app.update(Command::SortReverse);
    assert_eq!(text(&app), "sort:-upvotes");
    for expected in ["sort:title", "sort:authors", ""] {
        app.update(Command::SortNext);
        assert_eq!(text(&app), expected);
    }
    typed(&mut app, "mamba");
    assert_eq!(
        app.search().query().effective_sort().key,
        SortKey::Relevance
    );
    app.update(Command::SortNext);
    assert_eq!(text(&app), "mamba sort:date");
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("sorted by date")
    );
}

#[test]
fn typing_after_a_key_wrote_a_clause_starts_a_new_clause() {
    for keys in [
        vec![Command::SortNext],
        vec![Command::ToggleBookmarkedFilter],
        vec![Command::FocusPrev, Command::ToggleFacetEntry, Command::Back],
        vec![Command::SortNext, Command::SortReverse],
    ] {
        let mut app = app();
        for key in keys.clone() {
            app.update(key);
        }
        let written = text(&app).to_string();
        assert!(!written.is_empty(), "{keys:?}");
        typed(&mut app, "mamba");
        assert_eq!(text(&app), format!("{written} mamba"), "{keys:?}");
        assert!(app.search().error().is_none(), "{keys:?}");
        // Typed text goes on as typed.
        app.update(Command::LeaveQuery);
        typed(&mut app, "s");
        assert_eq!(text(&app), format!("{written} mambas"), "{keys:?}");
    }
}

#[test]
fn a_paste_is_text_for_the_line_never_keys() {
    // In the list: it starts the query, and `b`, `o`, Enter run nothing.
    let mut app = app();
    assert!(
        app.update(Command::Paste("mamba\nbo\r\n".into()))
            .is_empty()
    );
    assert_eq!((app.context(), text(&app)), (Context::Query, "mamba bo  "));
    assert!(app.bookmarks().list().is_empty());
    assert!(app.search().error().is_none());
    // Control characters go; tabs and line breaks are spaces.
    app.update(Command::Edit(Edit::Clear));
    app.update(Command::Paste("a\tb\u{1b}[2Jc\u{9b}d\u{202e}".into()));
    assert_eq!(text(&app), "a b[2Jcd");
    // After a clause written by a key, a paste is a clause of its own.
    let mut app = app_with_sort();
    app.update(Command::Paste("mamba".into()));
    assert_eq!(text(&app), "sort:upvotes mamba");
    // Popups that take no text ignore it.
    let mut app = self::app();
    app.update(Command::ToggleHelp);
    app.update(Command::Paste("q".into()));
    assert_eq!((app.context(), text(&app)), (Context::Help, ""));
}

fn app_with_sort() -> App {
    let mut app = app();
    app.update(Command::SortNext);
    app
}

#[test]
fn the_query_and_the_note_keep_to_their_length() {
    let mut app = app();
    app.update(Command::Paste("x".repeat(1_000_000)));
    assert_eq!(text(&app).len(), MAX_QUERY);
    let message = app.message().cloned().unwrap();
    assert!(message.is_error && message.text.contains("at most 1,000 characters"));
    app.update(Command::Edit(Edit::Insert('y')));
    assert_eq!(text(&app).len(), MAX_QUERY, "typing stops at the limit too");
    app.update(Command::Edit(Edit::Backspace));
    app.update(Command::Edit(Edit::Insert('y')));
    assert!(text(&app).ends_with('y'));
    // The note: a paste keeps to its limit, line breaks as spaces.
    let mut app = self::app();
    app.update(Command::EditNote);
    app.update(Command::Paste(format!("one\ntwo{}", "z".repeat(20_000))));
    assert!(note(&app).starts_with("one two"));
    assert_eq!(note(&app).chars().count(), MAX_NOTE);
    assert_eq!(text(&app), "", "a note's paste leaves the query alone");
}

#[test]
fn messages_are_one_clean_line() {
    let mut app = app();
    app.update(Action::Opened(Err(
        "could not start \u{1b}]2;x\u{7}\nbrowser".into(),
    )));
    let message = app.message().cloned().unwrap();
    assert_eq!(message.text, "could not start \u{FFFD}]2;x\u{FFFD} browser");
    app.update(Action::Opened(Err("y".repeat(100_000))));
    assert!(app.message().unwrap().text.chars().count() <= 1001);
}

#[test]
fn a_malformed_query_keeps_the_previous_results() {
    let mut app = app();
    typed(&mut app, "mamba sort:-date");
    let before = app.search().hits().to_vec();
    assert!(!before.is_empty());
    app.update(Command::Edit(Edit::Backspace));
    app.update(Command::Edit(Edit::Backspace));
    app.update(Command::Edit(Edit::Backspace));
    app.update(Command::Edit(Edit::Backspace));
    typed(&mut app, "best");
    assert_eq!(app.search().hits(), before, "the last good results stay");
    let err = app.search().error().cloned().unwrap();
    assert_eq!(&text(&app)[err.start..err.end], "sort:-best");
    app.update(Command::Edit(Edit::DeleteWord));
    assert!(app.search().error().is_none());
    assert_eq!(text(&app), "mamba ");
}

#[test]
fn focus_detail_scrolling_and_back() {
    let mut app = app();
    app.size = (60, 20);
    app.update(Command::FocusDetail);
    assert_eq!(app.focus(), Focus::Detail);
    app.update(Command::Move(3));
    assert_eq!(app.detail_scroll(), 3);
    app.update(Command::Bottom);
    let bottom = app.detail_scroll();
    assert!(bottom > 3);
    app.update(Command::Move(1));
    assert_eq!(app.detail_scroll(), bottom, "clamped at the end");
    app.update(Command::Back);
    assert_eq!(app.focus(), Focus::List);
    app.update(Command::Move(1));
    assert_eq!(app.detail_scroll(), 0, "a new paper starts at the top");
}

#[test]
fn query_editing_keys() {
    let mut app = app();
    typed(&mut app, "ab");
    app.update(Command::Edit(Edit::Left));
    app.update(Command::Edit(Edit::Insert('é')));
    assert_eq!(text(&app), "aéb");
    app.update(Command::Edit(Edit::Home));
    app.update(Command::Edit(Edit::Delete));
    assert_eq!(text(&app), "éb");
    app.update(Command::Edit(Edit::End));
    app.update(Command::Edit(Edit::Backspace));
    app.update(Command::Edit(Edit::Backspace));
    app.update(Command::Edit(Edit::Backspace));
    assert_eq!((text(&app), app.search().line().cursor()), ("", 0));
    app.update(Command::LeaveQuery);
    assert!(normal(&app));
}

#[test]
fn mouse_wheel_and_click() {
    let mut app = app();
    let areas = app.areas().unwrap();
    app.update(Command::ScrollAt {
        column: areas.list.x + 1,
        row: areas.list.y + 1,
        delta: 3,
    });
    assert_eq!(app.selected(), 3);
    app.update(Command::ClickAt {
        column: areas.list.x + 2,
        row: areas.list.y + 5,
    });
    assert_eq!(app.selected(), 5);
    app.update(Command::ClickAt {
        column: areas.detail.x + 1,
        row: areas.detail.y,
    });
    assert_eq!(app.focus(), Focus::Detail);
    app.update(Command::ClickAt {
        column: areas.query.x + 3,
        row: areas.query.y,
    });
    assert_eq!(app.context(), Context::Query);
}

#[test]
fn facets_toggle_clauses_and_follow_the_results() {
    let mut app = app();
    assert!(app.show_facets(), "shown by default when wide");
    app.update(Command::FocusPrev);
    assert_eq!(app.focus(), Focus::Facets);
    let first = app.facet_rows().into_iter().find_map(|r| match r {
        FacetRow::Entry { entry, .. } => Some(entry),
        _ => None,
    });
    let first = first.unwrap();
    assert_eq!(first.group, "Type");
    app.update(Command::ToggleFacetEntry);
    assert_eq!(text(&app), first.clause);
    assert_eq!(app.search().hits().len(), first.count);
    let marked: Vec<_> = app
        .facet_rows()
        .into_iter()
        .filter(|r| matches!(r, FacetRow::Entry { selected: true, .. }))
        .collect();
    assert_eq!(marked.len(), 1);
    // Counts are over the current results: the selected entry has them all.
    assert!(
        matches!(&marked[0], FacetRow::Entry { entry, .. } if entry.count == app.search().hits().len())
    );
    app.update(Command::Move(1));
    app.update(Command::ToggleFacetEntry);
    assert_eq!(text(&app).split(' ').count(), 2);
    typed(&mut app, " mamba");
    app.update(Command::LeaveQuery);
    app.update(Command::ClearFacets);
    assert_eq!(text(&app), "mamba");
    app.update(Command::ToggleFacetEntry);
    app.update(Command::ToggleFacetEntry);
    assert_eq!(text(&app), "mamba", "toggling twice restores the query");
}

#[test]
fn focus_cycles_through_the_visible_panes() {
    let mut app = app();
    let mut seen = vec![app.focus()];
    for _ in 0..3 {
        app.update(Command::FocusNext);
        seen.push(app.focus());
    }
    assert_eq!(
        seen,
        [Focus::List, Focus::Detail, Focus::Facets, Focus::List]
    );
    app.update(Command::ShowFacets);
    assert!(!app.show_facets());
    app.update(Command::FocusPrev);
    assert_eq!(app.focus(), Focus::Detail);
    // Narrow: facets are hidden until `f`, and then stand in for the detail.
    let mut narrow = App::new(Corpus::bundled().unwrap(), (60, 20));
    assert!(!narrow.show_facets());
    narrow.update(Command::ShowFacets);
    assert_eq!(narrow.focus(), Focus::Facets);
    assert!(narrow.areas().unwrap().detail.is_empty());
    narrow.update(Command::FocusDetail);
    assert!(
        !narrow.show_facets(),
        "reading a paper brings the detail back"
    );
    assert_eq!(narrow.focus(), Focus::Detail);
}

#[test]
fn clicking_a_facet_toggles_it() {
    let mut app = app();
    let areas = app.areas().unwrap();
    // Row 0 is the "Type" header, row 1 its first entry.
    app.update(Command::ClickAt {
        column: areas.facets.x + 2,
        row: areas.facets.y + 1,
    });
    assert!(text(&app).starts_with("tag:type/"), "{}", text(&app));
    assert_eq!(app.focus(), Focus::Facets);
    app.update(Command::ClickAt {
        column: areas.facets.x + 2,
        row: areas.facets.y,
    });
    assert!(
        text(&app).starts_with("tag:type/"),
        "a header click changes nothing"
    );
}

/// Runs the effects an update asked for against `store`, as the event
/// loop does.
fn settle(app: &mut App, effects: Vec<Effect>, store: &crate::bookmarks::Store) {
    let context = crate::tui::effects::Context {
        store: Some(store.clone()),
        opener: Box::new(crate::links::RecordingOpener::default()),
    };
    for effect in effects {
        if let Some(action) = crate::tui::effects::run_effect(effect, &context) {
            let more = app.update(action);
            settle(app, more, store);
        }
    }
}

#[test]
fn bookmarking_marks_saves_and_filters() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = crate::bookmarks::Store::new(dir.path());
    let mut app = app();
    let first = app.search().hits()[0].index;
    let effects = app.update(Command::ToggleBookmark);
    settle(&mut app, effects, &store);
    assert!(app.is_bookmarked(Row::Paper(first)));
    assert_eq!(app.message().unwrap().text, "bookmarked");
    assert_eq!(store.load().unwrap().len(), 1);
    app.update(Command::EditNote);
    assert_eq!(app.context(), Context::Note);
    for c in "read first".chars() {
        app.update(Command::Edit(Edit::Insert(c)));
    }
    assert_eq!(text(&app), "", "typing a note leaves the query alone");
    let effects = app.update(Command::SaveNote);
    settle(&mut app, effects, &store);
    assert!(normal(&app));
    assert_eq!(app.bookmark(Row::Paper(first)).unwrap().note, "read first");
    assert_eq!(store.load().unwrap()[0].note, "read first");
    // Another reader adds a bookmark; `B` shows both.
    let other = &app.corpus().papers[app.search().hits()[5].index];
    store
        .apply(crate::bookmarks::Change::Add(Bookmark::of(other, "")))
        .unwrap();
    let effects = app.update(Command::ToggleBookmarkedFilter);
    settle(&mut app, effects, &store);
    assert_eq!(text(&app), "is:bookmarked");
    assert_eq!(app.search().hits().len(), 2);
    let effects = app.update(Command::ToggleBookmark);
    settle(&mut app, effects, &store);
    assert_eq!(
        app.search().hits().len(),
        1,
        "unbookmarked papers leave the filtered list"
    );
    assert_eq!(store.load().unwrap().len(), 1);
}

#[test]
fn escape_cancels_a_note() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = crate::bookmarks::Store::new(dir.path());
    let mut app = app();
    app.update(Command::EditNote);
    app.update(Command::Edit(Edit::Insert('x')));
    app.update(Command::Back);
    assert!(normal(&app));
    assert!(store.load().unwrap().is_empty());
    assert!(app.bookmarks().list().is_empty());
}

#[test]
fn bookmarks_of_papers_outside_the_corpus_are_listed_apart_from_it() {
    let mut app = app();
    let total = app.corpus().papers.len();
    let gone = Bookmark {
        id: "gone-paper".into(),
        title: "A Paper From Another Corpus".into(),
        added: "2026-01-01T00:00:00Z".into(),
        note: "keep".into(),
        links: vec![crate::corpus::Link::classified("https://github.com/x/y")],
    };
    app.set_bookmarks(vec![gone.clone()]);
    assert_eq!(
        app.corpus().papers.len(),
        total,
        "the corpus stays the corpus"
    );
    assert_eq!(app.row_count(), total, "listed under is:bookmarked only");
    app.update(Command::ToggleBookmarkedFilter);
    assert_eq!(
        app.search().hits().len(),
        0,
        "no corpus paper is bookmarked"
    );
    assert_eq!(app.row_count(), 1);
    let row = app.row(0).unwrap();
    assert!(matches!(row, Row::Orphan(_)) && app.is_bookmarked(row));
    assert_eq!(app.selected_paper().unwrap().title, gone.title);
    assert!(app.selected_paper().unwrap().code_link().is_some());
    // Setting the same bookmarks again changes nothing.
    app.set_bookmarks(vec![gone]);
    assert_eq!(app.row_count(), 1);
    app.set_bookmarks(Vec::new());
    assert_eq!(app.row_count(), 0);
    assert_eq!(app.corpus().papers.len(), total);
}

#[test]
fn an_unwritable_store_turns_bookmarking_off_and_reading_goes_on() {
    let dir = tempfile::TempDir::new().unwrap();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "x").unwrap();
    let store = crate::bookmarks::Store::new(blocker.join("paperboat"));
    let mut app = app();
    let effects = app.update(Command::ToggleBookmark);
    settle(&mut app, effects, &store);
    assert!(app.message().unwrap().is_error);
    assert!(app.bookmarks().disabled().is_some());
    assert!(
        app.update(Command::ToggleBookmark).is_empty(),
        "no more attempts"
    );
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .starts_with("bookmarks are off")
    );
    app.update(Command::Move(1));
    assert_eq!(app.selected(), 1);
}

#[test]
fn opening_links_validates_first() {
    let mut corpus = crate::corpus::load_bytes(
        br#"[{"title": "Good", "published": "2025-01-01", "links": [
                {"kind": "paper", "url": "https://arxiv.org/abs/1"},
                {"kind": "code", "url": "https://github.com/a/b"}]},
             {"title": "Bad", "published": "2024-01-01", "links": [
                {"kind": "code", "url": "javascript:alert(1)"}]},
             {"title": "None", "published": "2023-01-01"}]"#,
        "c.json",
    )
    .unwrap();
    assert!(corpus.papers[1].links.is_empty(), "refused on load");
    // Papers built by other means are checked again before opening.
    corpus.papers[1].links = vec![crate::corpus::Link {
        kind: LinkKind::Code,
        url: "javascript:alert(1)".into(),
    }];
    let mut app = App::new(corpus, (120, 40));
    assert_eq!(
        app.update(Command::OpenCode),
        [Effect::Open("https://github.com/a/b".into())]
    );
    app.update(Action::Opened(Ok("https://github.com/a/b".into())));
    assert_eq!(app.message().unwrap().text, "opened https://github.com/a/b");
    app.update(Command::ShowLinks);
    assert_eq!(app.context(), Context::Links);
    app.update(Command::Move(1));
    assert_eq!(
        app.update(Command::OpenSelectedLink),
        [Effect::Open("https://github.com/a/b".into())]
    );
    assert!(normal(&app));
    app.update(Command::ShowLinks);
    assert_eq!(
        app.update(Command::OpenLink(0)),
        [Effect::Open("https://arxiv.org/abs/1".into())]
    );
    app.update(Command::ShowLinks);
    assert!(app.update(Command::OpenLink(5)).is_empty());
    app.update(Command::Back);
    app.update(Command::Move(1));
    assert!(
        app.update(Command::OpenCode).is_empty(),
        "a hostile link is never opened"
    );
    let message = app.message().cloned().unwrap();
    assert!(
        message.is_error && message.text.contains("only http and https"),
        "{message:?}"
    );
    app.update(Command::Move(1));
    assert!(app.update(Command::OpenCode).is_empty());
    assert!(app.message().unwrap().text.contains("no code link"));
    app.update(Command::ShowLinks);
    assert!(normal(&app), "no popup without links");
    app.update(Action::Opened(Err("could not start x".into())));
    assert!(app.message().unwrap().is_error);
}

#[test]
fn quit_and_help() {
    let mut app = app();
    app.update(Command::ToggleHelp);
    assert_eq!(app.context(), Context::Help);
    app.update(Command::Back);
    assert!(normal(&app));
    assert_eq!(app.update(Command::Quit), [Effect::Quit]);
}

#[test]
fn facets_open_with_their_first_heading_after_a_resize() {
    let mut app = App::new(Corpus::bundled().unwrap(), (160, 48));
    app.update(Command::Resize(80, 24));
    assert!(!app.show_facets());
    app.update(Command::ShowFacets);
    assert!(app.show_facets());
    let rows = app.facet_rows();
    let top = &rows[app.facets_panel().offset()];
    assert!(matches!(top, FacetRow::Header("Type")), "{top:?}");
    // Moving down a group and back keeps its heading in view.
    for _ in 0..3 {
        app.update(Command::Move(1));
    }
    for _ in 0..3 {
        app.update(Command::Move(-1));
    }
    assert_eq!(app.facets_panel().offset(), 0);
}
