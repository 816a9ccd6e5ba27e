//! Pasting into the reader: a paste is text for the line being edited,
//! never keys, and however large it costs one search.

mod common;

use common::pty::Reader;
use tempfile::TempDir;

fn started(dir: &TempDir, record: &std::path::Path) -> Reader {
    let browser = common::recording_browser(dir.path(), record);
    let reader = Reader::start_with_env(
        &[],
        dir.path(),
        100,
        30,
        &[("BROWSER", browser.to_str().unwrap())],
    );
    reader.wait_for("the start screen", |s| s.contains("192 / 192"));
    reader
}

/// Bracketed paste, as a terminal sends it.
fn bracketed(text: &str) -> String {
    format!("\x1b[200~{text}\x1b[201~")
}

#[test]
fn a_paste_in_the_list_is_a_query_and_runs_no_key() {
    let dir = TempDir::new().unwrap();
    let record = dir.path().join("record.txt");
    let mut reader = started(&dir, &record);
    // Today's keys in it: b bookmarks, o opens, Enter reads, q quits.
    reader.send(&bracketed("mamba\nbo\rq"));
    let screen = reader.wait_for("the pasted query", |s| s.contains("/ mamba bo q"));
    assert!(!screen.contains("192 / 192"), "the query ran: {screen}");
    // Every key read and handled: a launch would have been started.
    reader.settle();
    assert!(!record.exists(), "nothing was opened");
    assert!(
        !dir.path().join("bookmarks.json").exists(),
        "nothing was bookmarked"
    );
    reader.send("\x1b");
    reader.wait_for("the list", |s| s.contains("j/k move"));
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
}

#[test]
fn a_megabyte_paste_is_cut_to_the_query_limit_and_keys_answer_at_once() {
    let dir = TempDir::new().unwrap();
    let record = dir.path().join("record.txt");
    let mut reader = started(&dir, &record);
    reader.send("/");
    reader.wait_for("the query line", |s| s.contains("Enter/Esc"));
    reader.send(&bracketed(&"segmentation ".repeat(80_000)));
    reader.wait_for("the limit said", |s| {
        s.contains("the query is at most 1,000 characters")
    });
    // Typed text arriving faster than it is handled is one paste too.
    reader.send("\x15");
    reader.wait_for("the query cleared", |s| s.contains("192 / 192"));
    reader.send(&"mamba ".repeat(2_000));
    reader.wait_for("the typed text cut", |s| {
        s.contains("the query is at most 100 words")
    });
    // An Esc that ends a full read is held as the start of a sequence
    // until more input comes: sent on its own, once the reader has read
    // all the rest, as a person would.
    reader.settle();
    reader.send("\x1b");
    reader.wait_for("the list", |s| s.contains("j/k move"));
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
    assert!(!record.exists());
}

#[test]
fn a_paste_into_a_note_keeps_to_one_line() {
    let dir = TempDir::new().unwrap();
    let record = dir.path().join("record.txt");
    let mut reader = started(&dir, &record);
    reader.send("n");
    reader.wait_for("the note popup", |s| s.contains("Enter save"));
    reader.send(&bracketed("first line\nsecond line"));
    reader.wait_for("the pasted note", |s| s.contains("first line second line"));
    reader.send("\r");
    reader.wait_for("the note saved", |s| s.contains("note saved"));
    let stored = std::fs::read_to_string(dir.path().join("bookmarks.json")).unwrap();
    assert!(
        stored.contains("\"note\": \"first line second line\""),
        "{stored}"
    );
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
}
