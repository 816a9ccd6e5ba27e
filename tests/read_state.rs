//! Read state through the real binary: `is:read` in `search`, from
//! `<config dir>/read.json`.

mod common;

use common::paperboat;
use tempfile::TempDir;

fn stdout_of(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    let out = paperboat(dir).args(args).assert();
    let out = out.get_output();
    (
        out.status.code(),
        String::from_utf8(out.stdout.clone()).unwrap(),
    )
}

#[test]
fn is_read_finds_the_papers_read_and_its_negation_the_others() {
    let dir = TempDir::new().unwrap();
    let (_, all) = stdout_of(dir.path(), &["search", "", "--format", "tsv"]);
    let first = all
        .lines()
        .next()
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_string();
    // Nothing read yet: `is:read` finds nothing (exit 1), `!is:read` all.
    assert_eq!(stdout_of(dir.path(), &["search", "is:read"]).0, Some(1));
    let (_, unread) = stdout_of(dir.path(), &["search", "!is:read", "--format", "tsv"]);
    assert_eq!(unread.lines().count(), 192);
    std::fs::write(
        dir.path().join("read.json"),
        format!(r#"{{"version": 1, "read": ["{first}", "not-in-this-corpus"]}}"#),
    )
    .unwrap();
    let (code, read) = stdout_of(dir.path(), &["search", "is:read", "--format", "tsv"]);
    assert_eq!(code, Some(0));
    assert_eq!(read.lines().count(), 1, "{read}");
    assert!(read.starts_with(&format!("{first}\t")), "{read}");
    let (_, unread) = stdout_of(dir.path(), &["search", "!is:read", "--format", "tsv"]);
    assert_eq!(unread.lines().count(), 191);
    // A corrupt file is reported and left as it is.
    std::fs::write(dir.path().join("read.json"), "{ nope").unwrap();
    let out = paperboat(dir.path())
        .args(["search", "is:read"])
        .assert()
        .code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("read.json") && stderr.contains("left as it is"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("read.json")).unwrap(),
        "{ nope"
    );
}

#[test]
fn read_marks_and_the_query_history_survive_a_restart() {
    use common::pty::Reader;
    let dir = TempDir::new().unwrap();
    let contains = |needle: &'static str| move |screen: &str| screen.contains(needle);
    let mut reader = Reader::start(&[], dir.path(), 120, 40);
    let start = reader.wait_for("the start screen", contains("192 / 192"));
    assert!(
        start.lines().nth(2).unwrap().contains("│ ● "),
        "unread:\n{start}"
    );
    reader.send("r");
    reader.wait_for("marked read", contains("marked read"));
    reader.send("/mamba");
    reader.wait_for("the query", contains("9 / 192"));
    // Kept once it has stayed a moment: this sleep is that moment, the
    // behaviour under test.
    std::thread::sleep(std::time::Duration::from_millis(1800));
    reader.send_settled("\r");
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
    let history = std::fs::read_to_string(dir.path().join("history")).unwrap();
    assert_eq!(history, "mamba\n");

    let mut reader = Reader::start(&[], dir.path(), 120, 40);
    let start = reader.wait_for("the start screen", contains("192 / 192"));
    let first = start.lines().nth(2).unwrap();
    assert!(first.contains("│    2025"), "read, no mark: {first}");
    reader.send_settled("/");
    reader.send("\x1b[A");
    reader.wait_for("the query from the history", contains("9 / 192"));
    reader.send("\x03");
    reader.wait_exit();
}

#[test]
fn queries_are_saved_listed_with_counts_and_removed() {
    let dir = TempDir::new().unwrap();
    let run = |args: &[&str]| paperboat(dir.path()).args(args).assert();
    run(&["queries", "add", "daily", "mamba", "seg"]).success();
    run(&["queries", "add", "ct", "tag:ct"]).success();
    let out = run(&["queries", "add", "bad", "year:abc"]).code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("year:abc"), "{stderr}");
    let (_, list) = stdout_of(dir.path(), &["queries", "list"]);
    let (_, found) = stdout_of(dir.path(), &["search", "mamba seg", "--format", "tsv"]);
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 2, "{list}");
    let daily: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(
        daily[..3],
        ["1", "daily", &found.lines().count().to_string()]
    );
    assert!(lines[0].ends_with("mamba seg"), "{list}");
    assert!(lines[1].starts_with("2  ct"), "{list}");
    let out = run(&["queries", "remove", "nope"]).code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("no saved query named `nope`"), "{stderr}");
    run(&["queries", "remove", "daily"]).success();
    let (_, list) = stdout_of(dir.path(), &["queries", "list"]);
    assert!(list.starts_with("1  ct"), "{list}");
}

#[test]
fn saved_queries_run_from_their_number_in_the_reader() {
    use common::pty::Reader;
    let dir = TempDir::new().unwrap();
    paperboat(dir.path())
        .args(["queries", "add", "daily", "mamba"])
        .assert()
        .success();
    paperboat(dir.path())
        .args(["queries", "add", "ct", "tag:ct"])
        .assert()
        .success();
    let (_, ct) = stdout_of(dir.path(), &["search", "tag:ct", "--format", "tsv"]);
    let ct = ct.lines().count();
    let mut reader = Reader::start(&[], dir.path(), 120, 40);
    reader.wait_for("the start screen", |s| s.contains("192 / 192"));
    reader.send("Q");
    let popup = reader.wait_for("the saved queries", |s| s.contains("saved queries"));
    assert!(
        popup.contains(" 1 daily") && popup.contains(" 2 ct"),
        "{popup}"
    );
    reader.send("2");
    let expected = format!("{ct} / 192");
    let screen = reader.wait_for("the second query run", |s| s.contains(&expected));
    assert!(
        screen.contains("/ tag:ct") && screen.contains("ran ct"),
        "{screen}"
    );
    assert!(!screen.contains("saved queries"), "the popup closed");
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
}
