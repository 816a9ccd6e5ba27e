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

/// Three papers on one subject, two of them with ids a query must quote.
fn odd_ids(dir: &std::path::Path) -> String {
    let papers = serde_json::json!([
        {"id": "x y", "title": "Mamba for medical segmentation", "abstract": "State space models segment organs in CT scans."},
        {"id": "say \"hi\" \\ now", "title": "Mamba segmentation of CT scans", "abstract": "State space models segment organs in CT volumes."},
        {"id": "plain", "title": "Cooking with rice", "abstract": "Rice is \"boiled\" in water."},
    ]);
    write(dir, "odd.json", papers.to_string())
        .display()
        .to_string()
}

#[test]
fn similar_takes_any_id_and_a_query_can_write_it_escaped() {
    let dir = TempDir::new().unwrap();
    let corpus = odd_ids(dir.path());
    let ids = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--corpus", &corpus, "--format", "tsv"]);
        let (stdout, _) = run(dir.path(), &all, 0);
        stdout
            .lines()
            .map(|l| l.split('\t').next().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let quoted = "say \"hi\" \\ now";
    assert_eq!(ids(&["similar", "x y"])[0], quoted);
    assert_eq!(ids(&["similar", quoted])[0], "x y");
    assert_eq!(ids(&["search", r#"similar:"say \"hi\" \\ now""#])[0], "x y");
    // An exact phrase with quotes in it.
    assert_eq!(ids(&["search", r#""is \"boiled\"""#]), ["plain"]);
    let (_, stderr) = run(dir.path(), &["similar", "no such", "--corpus", &corpus], 2);
    one_line(&stderr);
    assert!(stderr.contains("no such"), "{stderr}");
}

#[test]
fn a_query_too_big_is_refused_wherever_it_enters() {
    let dir = TempDir::new().unwrap();
    // 400 words in 799 characters; then forty thousand words, then one
    // word too long.
    let words = vec!["a"; 400];
    let huge = vec!["mamba"; 40_000];
    let long = "x".repeat(1001);
    for args in [
        [&["search"][..], &words].concat(),
        vec!["search", &long],
        [&["search"][..], &huge].concat(),
        [&["tags"][..], &words].concat(),
        [&["queries", "add", "big"][..], &words].concat(),
    ] {
        let (_, stderr) = run(dir.path(), &args, 2);
        one_line(&stderr);
        assert!(
            stderr.contains("query: a query is at most 100 words, this one has 400")
                || stderr.contains("query: a query is at most 1,000 characters, this one has"),
            "{}: {stderr}",
            args[0]
        );
    }
    assert!(!dir.path().join("queries.json").exists(), "nothing saved");
}

#[test]
fn a_saved_query_too_big_in_the_file_is_left_out_with_a_line() {
    let dir = TempDir::new().unwrap();
    let huge = vec!["mamba"; 40_000].join(" ");
    let file = serde_json::json!({
        "version": 1,
        "queries": [{"name": "huge", "query": huge}, {"name": "ct", "query": "tag:ct"}]
    });
    write(dir.path(), "queries.json", file.to_string());
    let (stdout, stderr) = run(dir.path(), &["queries", "list"], 0);
    one_line(&stderr);
    assert!(
        stderr.contains("queries.json: left out `huge`: a query is at most 1,000 characters"),
        "{stderr}"
    );
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("1  ct "), "{stdout}");
    // Left in the file as it was.
    let kept = std::fs::read_to_string(dir.path().join("queries.json")).unwrap();
    assert!(kept.contains(&huge));
}

#[test]
fn a_damaged_saved_queries_file_is_an_error_and_is_never_overwritten() {
    let dir = TempDir::new().unwrap();
    let damaged = "{\"version\": 1, \"queries\": [";
    let path = write(dir.path(), "queries.json", damaged);
    let (stdout, stderr) = run(dir.path(), &["queries", "list"], 2);
    one_line(&stderr);
    assert!(stdout.is_empty());
    assert!(stderr.contains("queries.json does not parse"), "{stderr}");
    run(dir.path(), &["queries", "add", "ct", "tag:ct"], 0);
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("queries.json.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    let kept = std::fs::read_to_string(dir.path().join(&aside[0])).unwrap();
    assert_eq!(kept, damaged);
    assert!(std::fs::read_to_string(&path).unwrap().contains("tag:ct"));
}

#[test]
fn a_bar_without_spaces_says_how_it_is_written() {
    let dir = TempDir::new().unwrap();
    let (stdout, stderr) = run(dir.path(), &["search", "mamba|seg"], 2);
    assert!(stdout.is_empty());
    one_line(&stderr);
    assert!(
        stderr.contains("`|` goes between spaces: write `mamba | seg`"),
        "{stderr}"
    );
    let (stdout, _) = run(dir.path(), &["search", "mamba | seg"], 0);
    assert!(!stdout.is_empty());
}
