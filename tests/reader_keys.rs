//! The reader's keys as a new user meets them, in a real terminal: a
//! changed query starts at the best result, stray keys say how to filter,
//! `q` closes the help, `Esc` clears the query.

mod common;

use common::pty::Reader;
use paperboat::catalog::Catalog;
use paperboat::query::{Papers, parse};
use tempfile::TempDir;

fn contains(needle: &'static str) -> impl Fn(&str) -> bool {
    move |screen| screen.contains(needle)
}

/// The title the bundled corpus ranks first for `query`, as far as a
/// pane `width` wide shows its first line.
fn best_title(query: &str, width: usize) -> String {
    let catalog = Catalog::bundled().unwrap();
    let hits = catalog.index.search(&catalog, &parse(query).unwrap());
    let title = catalog.paper(hits[0].index).title.clone();
    title.chars().take(width).collect()
}

#[test]
fn a_new_query_shows_its_best_result_selected_and_at_the_top() {
    let dir = TempDir::new().unwrap();
    let mut reader = Reader::start(&[], dir.path(), 120, 40);
    reader.wait_for("the start screen", contains("192 / 192"));
    reader.send("jjjjjjjjjj");
    reader.send("/medical");
    let best = best_title("medical", 30);
    let screen = reader.wait_for("the best match in the detail", |s| {
        s.contains("/ medical") && s.lines().nth(2).is_some_and(|l| l.contains(&best))
    });
    // The first row of the list is the selected one (a background of its
    // own, or reverse video while the query line has the keys).
    let parser = reader.screen();
    let marked = |row| {
        let cell = parser.screen().cell(row, 25).unwrap();
        cell.inverse() || cell.bgcolor() != vt100::Color::Default
    };
    assert!(marked(2), "selected:\n{screen}");
    assert!(!marked(3), "not selected:\n{screen}");
    reader.send("\x03");
    reader.wait_exit();
}

#[test]
fn stray_keys_help_and_esc_do_what_a_new_user_expects() {
    let dir = TempDir::new().unwrap();
    let mut reader = Reader::start(&[], dir.path(), 120, 40);
    reader.wait_for("the start screen", contains("192 / 192"));
    // A letter with no binding says how to filter, and does nothing else.
    reader.send("x");
    reader.wait_for("the filter hint", contains("press / to filter"));
    // `q` in the help closes the help; the reader still runs.
    reader.send("?");
    reader.wait_for("the help", contains("Esc/q close"));
    reader.send("q");
    reader.wait_for("the help closed", |s| !s.contains("Esc/q close"));
    // Esc in the list clears the query; a second Esc changes nothing.
    // The query running also shows that the `q` did not quit.
    reader.send("/mamba\r");
    reader.wait_for("9 results", contains("9 / 192"));
    assert!(
        reader.state().is_some_and(|s| s != 'Z'),
        "still running: {:?}",
        reader.state()
    );
    reader.send("\x1b");
    let cleared = reader.wait_for("every paper again", contains("192 / 192"));
    assert!(cleared.contains("query cleared"), "{cleared}");
    assert!(!cleared.contains("press q to quit"), "{cleared}");
    let again = reader.send_settled("\x1b");
    assert!(again.contains("192 / 192"), "{again}");
    assert!(!again.contains("press q to quit"), "{again}");
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
}

#[test]
fn u_brings_back_a_bookmark_removed_by_a_stray_b() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("bookmarks.json");
    let mut reader = Reader::start(&[], dir.path(), 120, 40);
    reader.wait_for("the start screen", contains("192 / 192"));
    reader.send("b");
    reader.wait_for("bookmarked", contains("bookmarked"));
    let saved = std::fs::read_to_string(&file).unwrap();
    reader.send("b");
    reader.wait_for(
        "the removal and its undo key",
        contains("removed (u undoes)"),
    );
    assert!(!std::fs::read_to_string(&file).unwrap().contains("\"id\""));
    reader.send("u");
    reader.wait_for("the bookmark back", contains("bookmark restored"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), saved, "back whole");
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
}

#[test]
fn o_opens_the_paper_page_when_there_is_no_code_link_and_says_which() {
    let dir = TempDir::new().unwrap();
    let corpus = dir.path().join("links.json");
    std::fs::write(
        &corpus,
        r#"[{"title": "Only a page", "published": "2025-01-01",
             "links": [{"kind": "paper", "url": "https://arxiv.org/abs/2401.00001"}]},
            {"title": "Nothing at all", "id": "nothing-at-all", "published": "2024-01-01"}]"#,
    )
    .unwrap();
    let record = dir.path().join("opened.txt");
    let browser = common::recording_browser(dir.path(), &record);
    let mut reader = Reader::start_with_env(
        &[corpus.to_str().unwrap()],
        dir.path(),
        120,
        40,
        &[("BROWSER", browser.to_str().unwrap())],
    );
    reader.wait_for("the corpus", contains("2 / 2"));
    reader.send("o");
    reader.wait_for(
        "what was opened",
        contains("opened the paper's page: https://arxiv.org/abs/2401.00001"),
    );
    assert!(
        std::fs::read_to_string(&record)
            .unwrap()
            .contains("arxiv.org/abs/2401.00001")
    );
    reader.send("j");
    reader.send("o");
    reader.wait_for(
        "no link",
        contains("no link for this paper; its id: nothing-at-all"),
    );
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
}
