//! The reader's state driven through `update` as the event loop drives
//! it: typing, moving, bookmarking, loading, searching. The helpers are
//! here; the tests, by what they drive, in the files below.

mod beside;
mod copying;
mod marks;
mod panes;
mod paper_ids;
mod pdfs;
mod reading;
mod search;
mod syncing;
mod timeline;
mod versions;

use std::sync::atomic::AtomicBool;

use super::*;
use crate::corpus::{Corpus, LinkKind, Paper};
use crate::query::Papers;
use crate::query::{SortKey, parse};
use crate::tui::action::{Action, Command, Effect, Settings};
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

/// The status line's message as the view shows it, keys named by the
/// keymap.
fn said(app: &App) -> String {
    app.message()
        .unwrap()
        .shown(crate::tui::keymap::browsing_keys)
}

fn app() -> App {
    App::new(Corpus::bundled().unwrap(), (120, 40))
}

fn app_sized(size: (u16, u16)) -> App {
    App::new(Corpus::bundled().unwrap(), size)
}

/// Wide enough for the facets panel to show by default.
fn wide_app() -> App {
    App::new(Corpus::bundled().unwrap(), (160, 48))
}

fn typed(app: &mut App, text: &str) {
    app.update(Command::EditQuery);
    for c in text.chars() {
        app.update(Command::Edit(Edit::Insert(c)));
    }
}

fn arrive(app: &mut App, papers: &[Paper], bytes_read: u64) {
    app.update(Action::Arrived(Box::new(Arrived {
        part: Catalog::of_batch(papers.to_vec(), &[], None),
        bytes_read,
        total_bytes: 1000,
        skipped: 1,
    })));
}
