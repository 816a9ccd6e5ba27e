//! `U`: a sync beside the keyboard, its progress on the status line, the
//! library growing under the list with the selection on its paper.

use super::*;
use crate::tui::sync_worker::SyncEvent;

fn part(papers: &[(&str, &str)]) -> Catalog {
    let papers = papers
        .iter()
        .map(|(id, title)| Paper {
            id: id.to_string(),
            ..Paper::titled(*title)
        })
        .collect();
    Catalog::loaded("part".into(), papers)
}

fn library(parts: Vec<Catalog>) -> Catalog {
    Catalog::stacked(crate::library::NAME.into(), parts)
}

fn selected_id(app: &App) -> String {
    app.selected_paper()
        .map(|p| p.id.clone())
        .unwrap_or_default()
}

#[test]
fn new_papers_join_the_list_and_the_selection_stays_on_its_paper() {
    let first = || part(&[("a", "Alpha"), ("b", "Beta"), ("c", "Gamma")]);
    let mut app = App::new(library(vec![first()]), (120, 40));
    app.update(Command::SortNext); // by date: corpus order among the undated
    let at_b = (0..app.row_count())
        .find(|&p| matches!(app.row(p), Some(Row::Paper(i)) if app.catalog().id(i) == "b"))
        .unwrap();
    app.select(at_b);
    assert_eq!(selected_id(&app), "b");

    assert_eq!(app.update(Command::Sync), vec![Effect::Sync]);
    assert_eq!(app.syncing(), Some("syncing the library…"));
    assert!(app.update(Command::Sync).is_empty(), "one sync at a time");
    app.update(Action::Sync(SyncEvent::Progress(
        "syncing hf: 2025-12-03 page 1 · 4 papers".into(),
    )));
    assert_eq!(
        app.syncing(),
        Some("syncing hf: 2025-12-03 page 1 · 4 papers")
    );

    // The sync landed: b updated (a new place at the end), d new.
    let grown = library(vec![
        first(),
        part(&[("b", "Beta, revised"), ("d", "Delta")]),
    ]);
    app.update(Action::Sync(SyncEvent::Grew(
        Box::new(grown),
        "hf: 1 new, 1 updated (2025-12-01..2025-12-06)".into(),
    )));
    assert_eq!(app.catalog().distinct_len(), 4);
    assert_eq!(app.row_count(), 4);
    assert_eq!(selected_id(&app), "b");
    assert_eq!(app.selected_paper().unwrap().title, "Beta, revised");
    assert_eq!(app.catalog().name, "Library");
    assert!(app.syncing().is_some(), "still syncing the next source");

    app.update(Action::Sync(SyncEvent::Done(Ok(vec![
        "hf: 1 new, 1 updated (2025-12-01..2025-12-06)".into(),
    ]))));
    assert_eq!(app.syncing(), None);
    assert!(
        app.message()
            .unwrap()
            .text
            .starts_with("synced · hf: 1 new")
    );
}

#[test]
fn a_failed_sync_is_one_line_and_loses_nothing() {
    let mut app = App::new(library(vec![part(&[("a", "Alpha")])]), (80, 24));
    app.update(Command::Sync);
    app.update(Action::Sync(SyncEvent::Done(Err(
        "cannot reach huggingface.co: connection refused".into(),
    ))));
    assert_eq!(app.syncing(), None);
    let message = app.message().unwrap();
    assert!(message.is_error);
    assert_eq!(
        message.text,
        "not synced: cannot reach huggingface.co: connection refused"
    );
    assert_eq!(app.catalog().len(), 1);
}

#[test]
fn saved_queries_show_their_new_papers_once_there_was_a_visit() {
    let stamped = |id: &str, title: &str, secs: u64| Paper {
        id: id.to_string(),
        meta: Some(Box::new(crate::corpus::Meta {
            added: Some(crate::corpus::Instant { secs }),
            ..Default::default()
        })),
        ..Paper::titled(title)
    };
    let papers = vec![
        stamped("a", "Old segmentation", 100),
        stamped("b", "New segmentation", 300),
        stamped("c", "New detection", 300),
    ];
    let mut catalog = Catalog::loaded(crate::library::NAME.into(), papers);
    catalog.index.set_new_since(Some(200));
    let mut app = App::new(catalog, (120, 40));
    let saved = |name: &str, query: &str| crate::store::saved_queries::SavedQuery {
        name: name.into(),
        query: query.into(),
    };
    app.update(Action::QueriesLoaded(Ok(vec![
        saved("segs", "segmentation"),
        saved("all", ""),
    ])));
    app.update(Command::ShowQueries);
    assert!(matches!(app.overlay(), Overlay::Queries { cursor: 0 }));
    let counted = app.inbox().counted().expect("counted on a small corpus");
    assert_eq!(counted.per_query, [Some((2, 1)), Some((3, 2))]);
    // b is found by both, c by one: two new papers in the queries.
    assert_eq!(counted.in_queries, 2);

    // Run from the list, the new paper comes before the older one, and
    // the first edit of the line gives the query its own order back.
    app.update(Command::RunQuery(0));
    let ids = |app: &App| -> Vec<String> {
        app.search()
            .hits()
            .iter()
            .map(|h| app.catalog().id(h.index).to_string())
            .collect()
    };
    assert!(app.search().query().new_first);
    assert_eq!(ids(&app), ["b", "a"]);
    assert_eq!(app.message().unwrap().text, "ran segs: 1 new first");
    app.update(Command::EditQuery);
    app.update(Command::Edit(crate::tui::line_edit::Edit::Insert(' ')));
    assert!(!app.search().query().new_first);
}

/// Counted beside the keyboard on a large corpus: wanted once the saved
/// queries are known, not again until the papers or the queries change.
#[test]
fn the_inbox_is_counted_again_when_the_queries_change() {
    let mut app = App::new(
        Catalog::loaded("t".into(), vec![Paper::titled("Segmentation")]),
        (120, 40),
    );
    assert!(!app.inbox_wanted(), "no saved queries: nothing to count");
    let saved = crate::store::saved_queries::SavedQuery {
        name: "segs".into(),
        query: "segmentation".into(),
    };
    app.update(Action::QueriesLoaded(Ok(vec![saved.clone()])));
    assert!(app.inbox_wanted());
    let counts = app
        .count_inbox(&std::sync::atomic::AtomicBool::new(false))
        .unwrap();
    assert_eq!(counts.per_query, [Some((1, 0))]);
    app.update(Action::InboxCounted(Box::new(counts)));
    assert!(!app.inbox_wanted());
    app.update(Action::QueriesLoaded(Ok(vec![saved.clone(), saved])));
    assert!(app.inbox_wanted());
}
