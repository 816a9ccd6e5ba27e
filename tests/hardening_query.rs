//! Hostile input that reaches a query or a corpus entry: a Daily Papers
//! entry no paper can hold, ids with spaces and quotes, queries too long
//! to run, a damaged saved-queries file, and the dates of arXiv versions.

mod common;

use common::{paperboat, write};
use tempfile::TempDir;

/// stdout and stderr of `args`, which must end with `code`.
fn run(dir: &std::path::Path, args: &[&str], code: i32) -> (String, String) {
    let out = paperboat(dir).args(args).assert().code(code);
    let out = out.get_output();
    (
        String::from_utf8(out.stdout.clone()).unwrap(),
        String::from_utf8(out.stderr.clone()).unwrap(),
    )
}

/// One line on stderr, no panic.
fn one_line(stderr: &str) {
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"));
}

#[test]
fn a_daily_papers_entry_no_paper_can_hold_is_skipped_and_counted() {
    let dir = TempDir::new().unwrap();
    let file = write(
        dir.path(),
        "daily.json",
        concat!(
            "[{\"paper\": {\"id\": \"2401.00001\", \"title\": \"Good one\"}},\n",
            " {\"paper\": {\"title\": \"Big\", \"upvotes\": 1e400}},\n",
            " {\"paper\": {\"title\": \"Half \\ud800\", \"summary\": \"x\"}},\n",
            " {\"paper\": {\"id\": \"2401.00002\", \"title\": \"Good two\"}}]"
        ),
    );
    let file = file.display().to_string();
    let (stdout, _) = run(dir.path(), &["check", &file], 1);
    assert!(
        stdout.contains("2 papers") && stdout.contains("2 bad records skipped"),
        "{stdout}"
    );
    let (stdout, stderr) = run(
        dir.path(),
        &["search", "good", "--corpus", &file, "--format", "tsv"],
        0,
    );
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    one_line(&stderr);
    assert!(
        stderr.contains("skipped 2 bad records")
            && stderr.contains("daily.json:2:44: [1].paper.upvotes: a number too large"),
        "{stderr}"
    );
    let (_, stderr) = run(dir.path(), &["check", "--strict", &file], 2);
    one_line(&stderr);
    assert!(
        stderr.contains("daily.json:2:44: [1].paper.upvotes: a number too large"),
        "{stderr}"
    );
}
