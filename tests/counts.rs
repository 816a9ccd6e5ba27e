//! The reader counts what `paperboat search` counts: bookmarks whose paper
//! is not in the corpus are listed apart from it, never among its papers.

mod common;

use paperboat::corpus::Corpus;
use paperboat::store::bookmarks::Bookmark;
use paperboat::tui::action::{Action, Command};
use paperboat::tui::line_edit::Edit;
use paperboat::tui::state::App;
use paperboat::tui::theme::Theme;
use paperboat::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tempfile::TempDir;

/// A bookmark of a paper of the bundled corpus, and one of a paper that
/// is not in it, in the store of `dir`.
fn bookmarks(dir: &std::path::Path) -> Vec<Bookmark> {
    let corpus = Corpus::bundled().unwrap();
    let elsewhere = Bookmark {
        id: "retinal-paper-from-elsewhere".into(),
        title: "A Retinal Paper From Another Corpus".into(),
        added: "2026-10-01T09:00:00Z".into(),
        note: String::new(),
        links: Vec::new(),
        cite: None,
        version: None,
    };
    let list = vec![Bookmark::of(&corpus.papers[3], ""), elsewhere];
    let file = serde_json::json!({"version": 1, "bookmarks": list});
    common::write(dir, "bookmarks.json", file.to_string());
    list
}

/// The header's first line, after typing `query`.
fn header(app: &mut App, query: &str) -> String {
    app.update(Command::EditQuery);
    app.update(Command::Edit(Edit::Clear));
    for c in query.chars() {
        app.update(Command::Edit(Edit::Insert(c)));
    }
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    terminal
        .draw(|frame| view::draw(frame, app, &Theme::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..buffer.area.width)
        .map(|x| buffer[(x, 0)].symbol().to_string())
        .collect()
}

/// How many papers `paperboat search` prints for `query`.
fn searched(dir: &std::path::Path, query: &str) -> usize {
    let out = common::paperboat(dir)
        .args(["search", query, "--format", "tsv"])
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{query}");
    String::from_utf8_lossy(&out.stdout).lines().count()
}

#[test]
fn the_reader_counts_what_search_counts_with_a_bookmark_from_elsewhere() {
    let dir = TempDir::new().unwrap();
    let list = bookmarks(dir.path());
    let mut app = App::new(paperboat::catalog::Catalog::bundled().unwrap(), (160, 48));
    app.update(Action::BookmarksLoaded {
        result: Ok(list),
        done: None,
    });
    let start = header(&mut app, "");
    assert!(start.contains(" 192 / 192 · sort: date"), "{start}");
    for query in [
        "",
        "retinal",
        "mamba",
        "tag:ct",
        "year:2024 has:code",
        "is:bookmarked",
        "!is:bookmarked",
        "retinal | is:bookmarked",
    ] {
        let line = header(&mut app, query);
        let expected = format!(" {} / 192", searched(dir.path(), query));
        assert!(line.contains(&expected), "{query:?}: {line}");
    }
    // The bookmark from elsewhere is listed, and counted apart.
    let line = header(&mut app, "is:bookmarked");
    assert!(
        line.contains(" 1 / 192 · +1 bookmark not in this corpus"),
        "{line}"
    );
    assert_eq!(app.row_count(), 2);
}
