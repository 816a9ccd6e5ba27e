//! Why did it match: `paperboat search` shows, under a title that does not
//! show the match, the words of the abstract around it.

mod common;

use common::paperboat;
use tempfile::TempDir;

fn search(args: &[&str]) -> String {
    let dir = TempDir::new().unwrap();
    let out = paperboat(dir.path())
        .arg("search")
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_paper_matched_only_in_its_abstract_shows_the_words_around_the_match() {
    let out = search(&["mimic"]);
    let lines: Vec<&str> = out.lines().collect();
    let snippets: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("    "))
        .collect();
    assert!(!snippets.is_empty(), "{out}");
    for (i, line) in lines.iter().enumerate() {
        if !line.starts_with("    ") {
            continue;
        }
        let title_line = lines[i - 1];
        assert!(!title_line.to_lowercase().contains("mimic"), "{title_line}");
        assert!(line.to_lowercase().contains("mimic"), "{line}");
        assert!(line.chars().count() <= 80, "fits 80 columns: {line}");
    }
    // As many papers as the JSON lists, each with at most one snippet.
    let json = search(&["mimic", "--format", "json"]);
    let papers: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(papers.len(), lines.len() - snippets.len());
    // A forgiven word is found there too.
    assert!(search(&["radiolgy"]).lines().any(|l| l.starts_with("    ")));
    // Tab-separated output stays one line per paper.
    assert!(
        !search(&["mimic", "--format", "tsv"])
            .lines()
            .any(|l| l.starts_with("    "))
    );
}
