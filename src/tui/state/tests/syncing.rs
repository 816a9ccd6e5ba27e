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
    let saved = |name: &str, query: &str| crate::saved_queries::SavedQuery {
        name: name.into(),
        query: query.into(),
    };
    app.update(Action::QueriesLoaded(Ok(vec![
        saved("segs", "segmentation"),
        saved("all", ""),
    ])));
    app.update(Command::ShowQueries);
    assert!(
        matches!(app.overlay(), Overlay::Queries { counts, .. } if counts == &[Some((2, 1)), Some((3, 2))]),
        "{:?}",
        app.overlay()
    );
}
