//! A bookmarked paper whose new version a sync brings: marked in the list
//! and `is:updated`, `v1 → v3 (date)` in the detail, and seen once opened
//! (or `r`), through the bookmark store.

use super::*;
use crate::corpus::{Date, Meta, Version};
use crate::store::bookmarks::versions::VersionChange;
use crate::store::bookmarks::{Bookmark, Change};
use crate::tui::sync_worker::SyncEvent;

const ID: &str = "arXiv:2510.00001";

/// The paper as a library holds it with versions `1..=newest`, dated
/// 2025-10-01, 2025-10-20 and 2025-11-06.
fn versioned(newest: u32) -> Paper {
    let dates = ["2025-10-01", "2025-10-20", "2025-11-06"];
    let versions = (1..=newest)
        .map(|version| Version {
            version,
            date: Date::parse(dates[version as usize - 1]),
        })
        .collect();
    Paper {
        id: ID.into(),
        meta: Some(Box::new(Meta {
            version: Some(newest),
            versions,
            ..Meta::default()
        })),
        ..Paper::titled("A Versioned Segmentation Paper")
    }
}

fn part(papers: Vec<Paper>) -> Catalog {
    Catalog::loaded("part".into(), papers)
}

fn library(parts: Vec<Catalog>) -> Catalog {
    Catalog::stacked(crate::library::NAME.into(), parts)
}

fn bookmarks_loaded(app: &mut App, bookmarks: Vec<Bookmark>) {
    app.update(Action::BookmarksLoaded {
        result: Ok(bookmarks),
        done: None,
    });
}

/// The facts line of the selected paper's detail.
fn facts(app: &App) -> String {
    let layout = app.detail_layout().unwrap();
    layout
        .lines
        .iter()
        .find_map(|line| match line {
            crate::tui::detail_layout::DetailLine::Text {
                text,
                kind: crate::tui::detail_layout::TextKind::Facts,
                ..
            } => Some(layout.texts[*text].clone()),
            _ => None,
        })
        .unwrap()
}

/// The library with the paper at v1, bookmarked then, and a sync that
/// brings v3.
fn updated_app() -> App {
    let other = Paper {
        id: "other".into(),
        ..Paper::titled("Another Paper")
    };
    let first = || part(vec![versioned(1), other.clone()]);
    let mut app = App::new(library(vec![first()]), (120, 40));
    let paper = app.catalog().paper(0).into_owned();
    bookmarks_loaded(&mut app, vec![Bookmark::of(&paper, "")]);
    assert_eq!(app.bookmarks().list()[0].version, Some(1));
    assert_eq!(app.version_change(Row::Paper(0)), None, "v1 is the newest");
    assert!(facts(&app).ends_with("v1"), "{}", facts(&app));
    app.update(Command::Sync);
    let grown = library(vec![first(), part(vec![versioned(3)])]);
    app.update(Action::Sync(SyncEvent::Grew(
        Box::new(grown),
        "arxiv".into(),
    )));
    app
}

/// The row of the paper with `id`.
fn row_of(app: &App, id: &str) -> Row {
    (0..app.row_count())
        .filter_map(|p| app.row(p))
        .find(|&row| app.row_id(row) == id)
        .unwrap()
}

#[test]
fn a_new_version_of_a_bookmark_is_marked_and_said_in_the_detail() {
    let mut app = updated_app();
    let row = row_of(&app, ID);
    let change = VersionChange {
        from: 1,
        to: 3,
        date: Date::parse("2025-11-06"),
    };
    assert_eq!(app.version_change(row), Some(change));
    assert_eq!(app.version_change(row_of(&app, "other")), None);
    typed(&mut app, "is:updated");
    assert_eq!(app.row_count(), 1);
    assert_eq!(app.row_id(app.row(0).unwrap()), ID);
    app.select(0);
    let facts = facts(&app);
    assert!(facts.ends_with("v1 → v3 (2025-11-06)"), "{facts}");
    assert!(!facts.contains("· v3"), "{facts}");
}

#[test]
fn opening_the_paper_sees_its_new_version_and_it_is_updated_no_more() {
    let mut app = updated_app();
    let position = (0..app.row_count())
        .find(|&p| app.row_id(app.row(p).unwrap()) == ID)
        .unwrap();
    app.select(position);
    let effects = app.update(Command::FocusDetail);
    let seen = Change::SeeVersion {
        id: ID.into(),
        version: 3,
    };
    assert!(
        effects.iter().any(|e| matches!(e,
            Effect::SaveBookmarks { change, done } if *change == seen && done.is_empty())),
        "{effects:?}"
    );
    // The store saved it: the bookmark keeps v3 now.
    let mut kept = app.bookmarks().list()[0].clone();
    kept.version = Some(3);
    bookmarks_loaded(&mut app, vec![kept]);
    assert_eq!(app.version_change(row_of(&app, ID)), None);
    assert!(facts(&app).ends_with("v3"), "{}", facts(&app));
    typed(&mut app, "is:updated");
    assert_eq!(app.row_count(), 0);
    // Opening it again asks nothing more of the store.
    assert!(app.see_version(ID).is_empty());
}

#[test]
fn r_sees_the_new_version_too() {
    let mut app = updated_app();
    app.update(Action::ReadLoaded {
        result: Ok(Default::default()),
        done: None,
    });
    let position = (0..app.row_count())
        .find(|&p| app.row_id(app.row(p).unwrap()) == ID)
        .unwrap();
    app.select(position);
    let effects = app.update(Command::ToggleRead);
    assert!(
        effects.iter().any(|e| matches!(
            e,
            Effect::SaveBookmarks {
                change: Change::SeeVersion { version: 3, .. },
                ..
            }
        )),
        "{effects:?}"
    );
    assert!(
        effects.iter().any(|e| matches!(e, Effect::SaveRead { .. })),
        "{effects:?}"
    );
}

#[test]
fn a_bookmark_made_before_versions_were_kept_takes_the_one_out_on_its_day() {
    let mut app = App::new(library(vec![part(vec![versioned(3)])]), (120, 40));
    let paper = app.catalog().paper(0).into_owned();
    let old = Bookmark {
        added: "2025-10-25T09:00:00Z".into(),
        version: None,
        ..Bookmark::of(&paper, "")
    };
    bookmarks_loaded(&mut app, vec![old]);
    let change = app.version_change(Row::Paper(0)).unwrap();
    assert_eq!(change.to_string(), "v2 → v3 (2025-11-06)");
}
