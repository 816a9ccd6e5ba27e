//! Bookmarks, notes and links.

use super::*;

/// Runs the effects an update asked for against `store`, as the event
/// loop does.
pub(super) fn settle(app: &mut App, effects: Vec<Effect>, store: &crate::store::bookmarks::Store) {
    let context = crate::tui::effects::Context {
        store: Some(store.clone()),
        read: Some(crate::store::read_state::ReadStore::new(
            store.path().parent().unwrap(),
        )),
        history: Some(crate::store::history::HistoryStore::new(
            store.path().parent().unwrap(),
        )),
        queries: Some(crate::store::saved_queries::QueryStore::new(
            store.path().parent().unwrap(),
        )),
        library: None,
        pdfs: None,
        opener: Box::new(crate::corpus::links::RecordingOpener::default()),
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
    let store = crate::store::bookmarks::Store::new(dir.path());
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
    let other = app.catalog().paper(app.search().hits()[5].index);
    store
        .apply(crate::store::bookmarks::Change::Add(Bookmark::of(
            &other, "",
        )))
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
    let store = crate::store::bookmarks::Store::new(dir.path());
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
    let total = app.catalog().len();
    let gone = Bookmark {
        id: "gone-paper".into(),
        title: "A Paper From Another Corpus".into(),
        added: "2026-01-01T00:00:00Z".into(),
        note: "keep".into(),
        links: vec![crate::corpus::Link::classified("https://github.com/x/y")],
        cite: None,
        version: None,
    };
    app.set_bookmarks(vec![gone.clone()]);
    assert_eq!(app.catalog().len(), total, "the corpus stays the corpus");
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
    assert_eq!(app.catalog().len(), total);
}

#[test]
fn an_unwritable_store_turns_bookmarking_off_and_reading_goes_on() {
    let dir = tempfile::TempDir::new().unwrap();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "x").unwrap();
    let store = crate::store::bookmarks::Store::new(blocker.join("paperboat"));
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
        app.screen
            .message
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
    assert_eq!(
        app.message().unwrap().text,
        "opened the code link: https://github.com/a/b"
    );
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
    let said = said(&app);
    assert!(
        said.contains("no link for this paper; its id: none"),
        "{said}"
    );
    app.update(Command::ShowLinks);
    assert_eq!(
        app.context(),
        Context::Links,
        "the search for the title is offered"
    );
    app.update(Command::Back);
    app.update(Action::Opened(Err("could not start x".into())));
    assert!(app.message().unwrap().is_error);
}

#[test]
fn u_undoes_bookmark_changes_one_after_another() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = crate::store::bookmarks::Store::new(dir.path());
    let mut app = app();
    let first = app.search().hits()[0].index;
    let run = |app: &mut App, command: Command| {
        let effects = app.update(command);
        settle(app, effects, &store);
    };
    run(&mut app, Command::ToggleBookmark);
    run(&mut app, Command::EditNote);
    for c in "keep".chars() {
        app.update(Command::Edit(Edit::Insert(c)));
    }
    run(&mut app, Command::SaveNote);
    let kept = store.load().unwrap()[0].clone();
    assert_eq!(kept.note, "keep");
    // Removing a bookmark with a note says so, and how to undo it.
    run(&mut app, Command::ToggleBookmark);
    let said = &said(&app);
    assert!(said.contains("note") && said.contains("u undoes"), "{said}");
    assert!(store.load().unwrap().is_empty());
    // Undo: the bookmark is back whole, with its date and note.
    run(&mut app, Command::Undo);
    assert_eq!(store.load().unwrap(), vec![kept.clone()]);
    assert!(app.is_bookmarked(Row::Paper(first)));
    assert_eq!(app.message().unwrap().text, "bookmark restored");
    // Undo again: the note as it was before it was typed.
    run(&mut app, Command::Undo);
    assert_eq!(store.load().unwrap()[0].note, "");
    // And again: the first bookmark taken back.
    run(&mut app, Command::Undo);
    assert!(store.load().unwrap().is_empty());
    run(&mut app, Command::Undo);
    assert_eq!(app.message().unwrap().text, "nothing to undo");
}

#[test]
fn a_bookmark_outside_the_corpus_removed_by_b_comes_back_with_u() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = crate::store::bookmarks::Store::new(dir.path());
    let gone = Bookmark {
        id: "gone-paper".into(),
        title: "A Paper From Another Corpus".into(),
        added: "2024-01-01T00:00:00Z".into(),
        note: "from the old corpus".into(),
        links: Vec::new(),
        cite: None,
        version: None,
    };
    store
        .apply(crate::store::bookmarks::Change::Add(gone.clone()))
        .unwrap();
    let mut app = app();
    let run = |app: &mut App, command: Command| {
        let effects = app.update(command);
        settle(app, effects, &store);
    };
    run(&mut app, Command::ToggleBookmarkedFilter);
    assert_eq!(app.selected_title(), gone.title);
    run(&mut app, Command::ToggleBookmark);
    assert!(store.load().unwrap().is_empty());
    run(&mut app, Command::Undo);
    assert_eq!(store.load().unwrap(), vec![gone]);
}

#[test]
fn o_opens_the_code_link_else_the_paper_page_and_says_which() {
    let corpus = crate::corpus::load_bytes(
        br#"[{"title": "Paper only", "published": "2025-01-01", "links": [
                {"kind": "project", "url": "https://example.org/p"},
                {"kind": "paper", "url": "https://arxiv.org/abs/2"}]},
             {"title": "Project only", "published": "2024-01-01", "links": [
                {"kind": "project", "url": "https://example.org/q"}]}]"#,
        "c.json",
    )
    .unwrap();
    let mut app = App::new(corpus, (120, 40));
    assert_eq!(
        app.update(Command::OpenCode),
        [Effect::Open("https://arxiv.org/abs/2".into())]
    );
    app.update(Action::Opened(Ok("https://arxiv.org/abs/2".into())));
    assert_eq!(
        app.message().unwrap().text,
        "opened the paper's page: https://arxiv.org/abs/2"
    );
    app.update(Command::Move(1));
    assert!(app.update(Command::OpenCode).is_empty());
    assert_eq!(said(&app), "no code or paper link (O lists all links)");
    // The bundled corpus: a paper with no link at all gives its id.
    let mut bundled = app_sized((120, 40));
    let without = (0..bundled.search().hits().len())
        .find(|&p| {
            bundled.select(p);
            bundled.selected_paper().unwrap().links.is_empty()
        })
        .unwrap();
    bundled.select(without);
    let id = bundled.selected_paper().unwrap().id.clone();
    let title = bundled.selected_paper().unwrap().title.clone();
    assert!(bundled.update(Command::OpenCode).is_empty());
    assert_eq!(
        said(&bundled),
        format!("no link for this paper; its id: {id}; o again searches arXiv for its title")
    );
    // A second `o` opens the search for its exact title, and says so.
    let search = crate::corpus::links::arxiv_title_search(&title);
    assert!(
        search.starts_with("https://arxiv.org/search/?query=%22"),
        "{search}"
    );
    assert!(search.ends_with("&searchtype=title"), "{search}");
    assert_eq!(
        bundled.update(Command::OpenCode),
        [Effect::Open(search.clone())]
    );
    bundled.update(Action::Opened(Ok(search.clone())));
    assert_eq!(
        bundled.message().unwrap().text,
        format!("opened a search for this title on arXiv (the paper has no link): {search}")
    );
    // Anything between the two asks again; `O` lists the search as link 1.
    bundled.update(Command::OpenCode);
    bundled.update(Command::Move(0));
    assert!(bundled.update(Command::OpenCode).is_empty());
    bundled.update(Command::ShowLinks);
    assert_eq!(bundled.context(), Context::Links);
    assert_eq!(
        bundled.update(Command::OpenSelectedLink),
        [Effect::Open(search)]
    );
}

#[test]
fn opening_a_paper_reads_it_and_r_shift_r_and_u_change_it() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = crate::store::bookmarks::Store::new(dir.path());
    let read = crate::store::read_state::ReadStore::new(dir.path());
    let mut app = app();
    let run = |app: &mut App, command: Command| {
        let effects = app.update(command);
        settle(app, effects, &store);
    };
    // Before the read state is loaded, nothing shows as unread.
    let first = Row::Paper(app.search().hits()[0].index);
    assert!(!app.is_unread(first));
    settle(&mut app, vec![Effect::ReloadRead], &store);
    assert!(app.is_unread(first));
    // Enter opens the detail and reads the paper, quietly.
    run(&mut app, Command::FocusDetail);
    assert!(!app.is_unread(first));
    assert_eq!(read.load().unwrap().len(), 1);
    app.update(Command::Back);
    // `r` makes it unread again, `u` takes that back.
    run(&mut app, Command::ToggleRead);
    assert!(app.is_unread(first));
    assert_eq!(app.message().unwrap().text, "marked unread");
    run(&mut app, Command::Undo);
    assert!(!app.is_unread(first));
    // `is:read` in the reader, and the Read facet's entries.
    typed(&mut app, "is:read");
    assert_eq!(app.search().hits().len(), 1);
    app.update(Command::Edit(Edit::Clear));
    app.update(Command::LeaveQuery);
    let count = |app: &App, clause: &str| {
        app.facet_rows().into_iter().find_map(|r| match r {
            FacetRow::Entry { entry, .. } if entry.clause == clause => Some(entry.count),
            _ => None,
        })
    };
    assert_eq!(count(&app, "is:read"), Some(1));
    assert_eq!(count(&app, "!is:read"), Some(191));
    // `R` reads every paper shown; `u` makes those unread again.
    run(&mut app, Command::MarkShownRead);
    assert_eq!(said(&app), "191 papers marked read (u undoes)");
    assert_eq!(read.load().unwrap().len(), 192);
    run(&mut app, Command::Undo);
    assert_eq!(read.load().unwrap().len(), 1);
    assert!(!app.is_unread(first), "read before R, read after its undo");
}

#[test]
fn queries_that_stay_are_kept_and_up_down_walk_them() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = crate::store::bookmarks::Store::new(dir.path());
    let history = crate::store::history::HistoryStore::new(dir.path());
    history.push("tag:ct").unwrap();
    let mut app = app();
    settle(&mut app, vec![Effect::ReloadHistory], &store);
    let start = std::time::Instant::now();
    let tick = |app: &mut App, ms: u64| {
        let now = start + std::time::Duration::from_millis(ms);
        let effects = app.update(Action::Tick(now));
        settle(app, effects, &store);
    };
    typed(&mut app, "mamba");
    tick(&mut app, 0);
    tick(&mut app, 1500);
    assert_eq!(history.load().unwrap(), ["tag:ct", "mamba"]);
    // Up walks back from what is typed, Down comes back to it.
    app.update(Command::Edit(Edit::Clear));
    typed(&mut app, "seg");
    app.update(Command::HistoryOlder);
    assert_eq!(text(&app), "mamba");
    assert_eq!(app.search().query_text(), "mamba", "searched");
    app.update(Command::HistoryOlder);
    assert_eq!(text(&app), "tag:ct");
    app.update(Command::HistoryNewer);
    app.update(Command::HistoryNewer);
    assert_eq!(text(&app), "seg");
    // Ctrl-p (a move up) at the first paper walks back too; once the list
    // can move, it moves the list.
    app.update(Command::Move(-1));
    assert_eq!(text(&app), "mamba");
    assert!(app.search().hits().len() > 1);
    app.update(Command::Move(1));
    assert_eq!((text(&app), app.selected()), ("mamba", 1));
    app.update(Command::Move(-1));
    assert_eq!((text(&app), app.selected()), ("mamba", 0));
}

#[test]
fn ctrl_s_saves_the_query_under_a_name_and_q_runs_it() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = crate::store::bookmarks::Store::new(dir.path());
    let queries = crate::store::saved_queries::QueryStore::new(dir.path());
    let mut app = app();
    let run = |app: &mut App, command: Command| {
        let effects = app.update(command);
        settle(app, effects, &store);
    };
    typed(&mut app, "mamba seg");
    run(&mut app, Command::NameQuery);
    assert_eq!(app.context(), Context::Name);
    for c in "daily".chars() {
        app.update(Command::Edit(Edit::Insert(c)));
    }
    assert_eq!(
        text(&app),
        "mamba seg",
        "the name is not typed into the query"
    );
    run(&mut app, Command::SaveQuery);
    assert!(app.message().unwrap().text.starts_with("saved as daily"));
    let saved = queries.load().unwrap();
    assert_eq!(
        (saved[0].name.as_str(), saved[0].query.as_str()),
        ("daily", "mamba seg")
    );
    let found = app.search().hits().len();
    app.update(Command::Edit(Edit::Clear));
    app.update(Command::LeaveQuery);
    run(&mut app, Command::ShowQueries);
    assert_eq!(app.context(), Context::Queries);
    assert!(matches!(app.overlay(), Overlay::Queries { .. }));
    let counted = app.inbox().counted().map(|c| c.per_query.clone());
    assert_eq!(counted, Some(vec![Some((found, 0))]));
    run(&mut app, Command::RunQuery(0));
    assert_eq!(text(&app), "mamba seg");
    assert_eq!(app.search().hits().len(), found);
    // An empty query is not saved.
    app.update(Command::Edit(Edit::Clear));
    run(&mut app, Command::NameQuery);
    assert_ne!(app.context(), Context::Name);
}

#[test]
fn a_saved_query_too_big_to_run_is_left_out_and_said() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = crate::store::bookmarks::Store::new(dir.path());
    let huge = vec!["mamba"; 40_000].join(" ");
    let file = serde_json::json!({
        "version": 1,
        "queries": [{"name": "huge", "query": huge}, {"name": "ct", "query": "tag:ct"}]
    });
    std::fs::write(dir.path().join("queries.json"), file.to_string()).unwrap();
    let mut app = app();
    settle(&mut app, vec![Effect::ReloadQueries], &store);
    let names: Vec<&str> = app.saved().iter().map(|q| q.name.as_str()).collect();
    assert_eq!(names, ["ct"]);
    let message = app.message().unwrap();
    assert!(message.is_error);
    assert!(
        message
            .text
            .contains("left out `huge`: a query is at most 1,000 characters"),
        "{}",
        message.text
    );
    // Words past the limit, typed: the query line says so.
    typed(&mut app, &vec!["a"; crate::query::MAX_TERMS + 1].join(" "));
    assert_eq!(
        app.search().error().map(|e| e.message.as_str()),
        Some("a query is at most 100 words, this one has 101")
    );
    // Pasted: cut at the limit, as a paste too long is.
    app.update(Command::Edit(Edit::Clear));
    app.update(Command::Edit(Edit::Insert('x')));
    app.update(Command::Paste(" mamba".repeat(150)));
    assert_eq!(
        crate::query::words(text(&app)).count(),
        crate::query::MAX_TERMS
    );
    assert_eq!(app.search().error(), None);
    assert_eq!(
        app.message().unwrap().text,
        "the query is at most 100 words: the rest was left out"
    );
    // Glued to the word at the cursor, a paste starts no word of its own.
    app.update(Command::Edit(Edit::Backspace));
    app.update(Command::Paste("y z".into()));
    assert!(text(&app).ends_with(" mambay "), "{}", text(&app));
}

#[test]
fn a_damaged_saved_queries_file_is_said_not_taken_for_none() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = crate::store::bookmarks::Store::new(dir.path());
    let path = dir.path().join("queries.json");
    let damaged = "{\"version\": 1, \"queries\": [";
    std::fs::write(&path, damaged).unwrap();
    let mut app = app();
    settle(&mut app, vec![Effect::ReloadQueries], &store);
    app.update(Command::Edit(Edit::Clear));
    for command in [Command::ShowQueries, Command::RunQuery(0)] {
        app.update(command);
        let message = app.message().unwrap();
        assert!(message.is_error, "{}", message.text);
        assert!(
            message.text.starts_with("saved queries: ") && message.text.contains("does not parse"),
            "{}",
            message.text
        );
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        damaged,
        "left as it is"
    );
    // A FIFO in its place is refused, not waited on.
    std::fs::remove_file(&path).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .unwrap();
    assert!(made.success());
    settle(&mut app, vec![Effect::ReloadQueries], &store);
    app.update(Command::ShowQueries);
    let message = app.message().unwrap();
    assert!(
        message.text.contains("not a regular file"),
        "{}",
        message.text
    );
    // Once it reads, the saved queries are back.
    std::fs::remove_file(&path).unwrap();
    settle(&mut app, vec![Effect::ReloadQueries], &store);
    app.update(Command::ShowQueries);
    assert!(app.message().unwrap().text.starts_with("no saved queries"));
}

#[test]
fn picked_papers_are_bookmarked_and_read_together_and_esc_drops_the_pick() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = crate::store::bookmarks::Store::new(dir.path());
    let read = crate::store::read_state::ReadStore::new(dir.path());
    let mut app = app();
    settle(&mut app, vec![Effect::ReloadRead], &store);
    let run = |app: &mut App, command: Command| {
        let effects = app.update(command);
        settle(app, effects, &store);
    };
    let rows: Vec<Row> = (0..3).map(|p| app.row(p).unwrap()).collect();
    run(&mut app, Command::ToggleChosen);
    run(&mut app, Command::ToggleChosen);
    assert_eq!(app.selected(), 2, "each pick moves to the next");
    assert_eq!(app.chosen_count(), 2);
    assert!(app.is_chosen(rows[0]) && app.is_chosen(rows[1]) && !app.is_chosen(rows[2]));
    run(&mut app, Command::ToggleBookmark);
    assert_eq!(store.load().unwrap().len(), 2);
    assert_eq!(app.message().unwrap().text, "2 papers bookmarked");
    run(&mut app, Command::ToggleRead);
    assert_eq!(read.load().unwrap().len(), 2);
    // A pick outlives a changed query; Esc drops it before the query.
    typed(&mut app, "zzzzqqq");
    app.update(Command::LeaveQuery);
    assert_eq!(app.chosen_count(), 2);
    app.update(Command::Back);
    assert_eq!(app.chosen_count(), 0);
    assert_eq!(text(&app), "zzzzqqq");
    app.update(Command::Back);
    assert_eq!(text(&app), "");
    // `V` picks every paper shown; `b` again on bookmarked ones removes.
    typed(&mut app, "mamba");
    app.update(Command::LeaveQuery);
    run(&mut app, Command::ChooseShown);
    assert_eq!(app.chosen_count(), app.search().hits().len());
    run(&mut app, Command::ToggleBookmark);
    let n = app.chosen_count();
    assert_eq!(store.load().unwrap().len(), 2 + n);
    run(&mut app, Command::ToggleBookmark);
    assert_eq!(store.load().unwrap().len(), 2);
}

#[test]
fn o_on_many_picks_asks_once_then_opens_every_link() {
    let papers: Vec<String> = (0..7)
        .map(|i| {
            format!(
                r#"{{"title": "Paper {i}", "published": "2025-01-0{}", "links": [
                    {{"kind": "code", "url": "https://github.com/a/p{i}"}}]}}"#,
                i + 1
            )
        })
        .collect();
    let corpus =
        crate::corpus::load_bytes(format!("[{}]", papers.join(",")).as_bytes(), "c.json").unwrap();
    let mut app = App::new(corpus, (120, 40));
    app.update(Command::ToggleChosen);
    app.update(Command::ToggleChosen);
    let two = app.update(Command::OpenCode);
    assert_eq!(two.len(), 2, "a few open at once");
    app.update(Command::ChooseShown);
    assert!(
        app.update(Command::OpenCode).is_empty(),
        "seven: asks first"
    );
    assert!(app.message().unwrap().text.starts_with("open 7 links"));
    // Any other key drops the question.
    app.update(Command::Move(1));
    assert!(app.update(Command::OpenCode).is_empty());
    let opened = app.update(Command::OpenCode);
    assert_eq!(opened.len(), 7);
    assert!(
        opened
            .iter()
            .all(|e| matches!(e, Effect::Open(u) if u.starts_with("https://github.com/a/p")))
    );
}
