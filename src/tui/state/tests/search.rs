//! Typing, loading, searching and sorting.

use super::*;

#[test]
fn results_fill_in_while_the_corpus_loads_and_typing_works_meanwhile() {
    let corpus = Corpus::bundled().unwrap();
    let mut app = App::loading("dir/big.jsonl".into(), (120, 40));
    assert_eq!(app.catalog().name, "big");
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
            lines: 0,
        },
        seconds: 0.5,
    })));
    assert!(app.loading_progress().is_none());
    let mut whole = App::new(corpus, (120, 40));
    typed(&mut whole, "segment");
    assert_eq!(app.search().hits(), whole.search().hits());
    assert_eq!(*app.search().counts(), *whole.search().counts());
    assert_eq!(app.catalog().name, whole.catalog().name);
    let message = app.message().unwrap().text.clone();
    assert!(message.ends_with("skipped 1 bad record"), "{message}");
}

/// The bundled papers over and over: more than are searched at once, so
/// that searches wait for the event loop.
fn large_app() -> App {
    let base = Corpus::bundled().unwrap().papers;
    let papers: Vec<Paper> = (0..super::results::INLINE_SEARCH_UP_TO / base.len() + 1)
        .flat_map(|_| base.iter().cloned())
        .collect();
    let corpus = Corpus {
        name: "big".into(),
        papers,
    };
    App::new(corpus, (120, 40))
}

#[test]
fn a_large_corpus_is_searched_by_the_event_loop_and_can_be_cancelled() {
    let mut app = large_app();
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
        .catalog
        .index
        .search(&app.catalog, &parse("mamba").unwrap());
    assert_eq!(app.search().hits(), expected);
    assert!(!app.search().hits().is_empty());
}

#[test]
fn a_first_screen_of_the_best_ranked_papers_comes_before_the_whole_search() {
    let mut app = large_app();
    app.search.set_first_screen(10_000, 5_000);
    let whole_of = |app: &App, text: &str| {
        let query = parse(text).unwrap();
        app.catalog.index.search(&app.catalog, &query)
    };
    for text in ["seg", "year:2025"] {
        app.update(Command::EditQuery);
        app.update(Command::Edit(Edit::Clear));
        typed(&mut app, text);
        let whole = whole_of(&app, text);
        assert!(app.run_first_search(&AtomicBool::new(true)).is_none());
        let first = app.run_first_search(&AtomicBool::new(false)).unwrap();
        assert!(
            !first.hits.is_empty() && first.hits.len() < whole.len(),
            "{text}"
        );
        assert!(first.hits.iter().all(|h| whole.contains(h)), "{text}");
        if text.starts_with("year") {
            // Ordered by date without words: the first screen is the
            // whole results' first rows.
            assert_eq!(first.hits, whole[..first.hits.len()]);
        }
        app.update(Action::SearchedFirst(first));
        assert!(app.search().is_growing(), "{text}: the count may grow");
        assert!(app.search_pending(), "{text}: the whole search still waits");
        assert!(app.run_first_search(&AtomicBool::new(false)).is_none());
        let searched = app.run_search(&AtomicBool::new(false)).unwrap();
        app.update(Action::Searched(searched));
        assert!(!app.search().is_growing());
        assert_eq!(app.search().hits(), whole, "{text}");
    }
    // The query shown, run again: its whole results stay until the new
    // ones come.
    app.search.search_again();
    assert!(app.run_first_search(&AtomicBool::new(false)).is_none());
}

fn selected_title(app: &App) -> String {
    app.selected_paper()
        .map(|p| p.title.clone())
        .unwrap_or_default()
}

#[test]
fn starts_with_everything_newest_first() {
    let app = app();
    assert_eq!(app.search().hits().len(), app.catalog().len());
    let dates: Vec<_> = app
        .search()
        .hits()
        .iter()
        .map(|h| app.catalog().paper(h.index).published)
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));
}

#[test]
fn a_changed_query_facet_or_sort_starts_at_the_best_result_as_fzf_does() {
    let mut app = app();
    for _ in 0..10 {
        app.update(Command::Move(1));
    }
    assert_eq!(app.selected(), 10);
    typed(&mut app, "medical");
    let best = app.search().hits()[0].index;
    assert_eq!((app.selected(), app.list_offset()), (0, 0), "typed");
    assert_eq!(
        app.selected_paper().unwrap().id,
        app.catalog().paper(best).id
    );
    app.update(Command::LeaveQuery);
    app.update(Command::Move(5));
    app.update(Command::SortNext);
    assert_eq!((app.selected(), app.list_offset()), (0, 0), "sorted");
    app.update(Command::Move(5));
    app.update(Command::ShowFacets);
    app.update(Command::ToggleFacetEntry);
    assert_eq!((app.selected(), app.list_offset()), (0, 0), "a facet");
    typed(&mut app, "zzzzqqq");
    assert!(app.search().hits().is_empty());
    assert!(app.selected_paper().is_none());
    assert_eq!(app.selected(), 0);
}

#[test]
fn the_same_query_run_again_keeps_the_selection_on_its_paper() {
    let mut app = app();
    app.update(Command::Move(7));
    let chosen = selected_title(&app);
    // Bookmarks read again (a toggle, another reader) run the query again.
    let bookmarks = app.bookmarks().list().to_vec();
    app.update(Action::BookmarksLoaded {
        result: Ok(bookmarks),
        done: None,
    });
    assert_eq!(selected_title(&app), chosen);
    assert_eq!(app.selected(), 7);
}

#[test]
fn incremental_and_fresh_searches_agree() {
    let mut app = app();
    typed(&mut app, "seg");
    typed(&mut app, "ment med");
    let incremental = app.search().hits().to_vec();
    let fresh = app
        .catalog
        .index
        .search(&app.catalog, &parse("segment med").unwrap());
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
        .map(|h| app.catalog().paper(h.index).upvotes_or_zero())
        .collect();
    assert!(upvotes.windows(2).all(|w| w[0] >= w[1]));
    app.update(Command::SortReverse);
    assert_eq!(text(&app), "sort:-upvotes");
    for expected in ["sort:title", "sort:authors", "sort:added", ""] {
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
        app.screen
            .message
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
fn a_word_only_in_abstracts_not_yet_indexed_is_counted() {
    // A corpus whose abstracts are not indexed by word.
    let mut app = App::new(Corpus::bundled().unwrap(), (120, 40));
    typed(&mut app, "mimic");
    assert!(app.search().hits().is_empty());
    assert_eq!(app.in_abstracts(), Some(("mimic", 14)));
    // Once something matches, it is gone.
    typed(&mut app, " | mamba");
    assert!(!app.search().hits().is_empty());
    assert_eq!(app.in_abstracts(), None);
}

#[test]
fn the_configured_order_and_panel_are_where_the_reader_starts() {
    let mut app = app();
    assert!(!app.show_facets(), "120 columns hide the facets by default");
    app.update(Action::Start(Box::new(Settings {
        sort: Some("upvotes".into()),
        facets: Some(true),
        ..Settings::default()
    })));
    assert!(app.show_facets());
    assert_eq!(text(&app), "", "the order is not written into the query");
    let upvotes = |app: &App| {
        app.search()
            .hits()
            .iter()
            .map(|h| app.catalog().index.upvotes(h.index).unwrap_or(0))
            .collect::<Vec<u32>>()
    };
    let shown = upvotes(&app);
    assert!(shown.windows(2).all(|w| w[0] >= w[1]), "{shown:?}");
    // A typed query keeps the order; `sort:` in it still wins.
    typed(&mut app, "seg");
    let shown = upvotes(&app);
    assert!(shown.windows(2).all(|w| w[0] >= w[1]), "{shown:?}");
    assert_eq!(app.search().query().effective_sort().key, SortKey::Upvotes);
    typed(&mut app, " sort:title");
    assert_eq!(app.search().query().effective_sort().key, SortKey::Title);
}
