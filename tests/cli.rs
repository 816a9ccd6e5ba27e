//! The command line through the real binary: output, exit codes, and one
//! clear line on stderr for bad input.

mod common;

use common::{paperboat, write};
use predicates::prelude::*;
use tempfile::TempDir;

fn stdout_of(args: &[&str]) -> String {
    let dir = TempDir::new().unwrap();
    let out = paperboat(dir.path()).args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// stderr is exactly one line and the exit status 2.
fn fails_with(args: &[&str], expected: &str) {
    let dir = TempDir::new().unwrap();
    let out = paperboat(dir.path()).args(args).assert().code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.contains(expected),
        "{stderr:?} should contain {expected:?}"
    );
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"));
}

#[test]
fn search_lists_the_mamba_papers_best_first() {
    let out = stdout_of(&["search", "mamba"]);
    let lines: Vec<&str> = out.lines().collect();
    // Title matches first, then papers matched by their `method/mamba` tag.
    assert!(lines[..5].iter().all(|l| l.contains("Mamba")), "{out}");
    assert!(lines[5..].iter().all(|l| !l.contains("Mamba")), "{out}");
    let json = stdout_of(&["search", "mamba", "--format", "json"]);
    let papers: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(papers.len(), lines.len());
    for p in &papers[5..] {
        assert!(
            p["tags"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t == "method/mamba"),
            "{p}"
        );
    }
    // Equal title scores are ordered by upvotes: the 4-upvote survey first.
    assert!(lines[0].contains("A Comprehensive Survey of Mamba Architectures"));
}

#[test]
fn search_formats_and_limit() {
    let tsv = stdout_of(&["search", "mamba", "--format", "tsv", "--limit", "2"]);
    let rows: Vec<Vec<&str>> = tsv.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0][0],
        "a-comprehensive-survey-of-mamba-architectures-for-medical-image-analysis-classif"
    );
    assert_eq!(rows[0][1..3], ["2024-10-03", "4"]);

    let json = stdout_of(&["search", "mamba", "--format", "json"]);
    let papers: serde_json::Value = serde_json::from_str(&json).unwrap();
    let papers = papers.as_array().unwrap();
    assert!(papers.len() >= 5);
    for field in [
        "id",
        "title",
        "abstract",
        "authors",
        "author_count",
        "organization",
        "published",
        "upvotes",
        "links",
        "tags",
        "score",
    ] {
        assert!(papers[0].get(field).is_some(), "missing {field}");
    }
}

#[test]
fn search_with_no_match_exits_1_quietly() {
    let dir = TempDir::new().unwrap();
    paperboat(dir.path())
        .args(["search", "qqqzzzxxx"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("");
}

#[test]
fn empty_query_lists_every_paper() {
    assert_eq!(stdout_of(&["search", ""]).lines().count(), 192);
}

#[test]
fn show_prints_one_paper_by_id_or_unique_prefix() {
    let out = stdout_of(&[
        "show",
        "mmed-rag-versatile-multimodal-rag-system-for-medical-vision-language-models",
    ]);
    assert!(out.starts_with(
        "MMed-RAG: Versatile Multimodal RAG System for Medical Vision Language Models\n"
    ));
    assert!(out.contains("published  2024-10-16"));
    assert!(out.contains("authors    9"));
    assert!(out.contains("upvotes    3"));
    assert!(out.contains("1. code     https://github.com/richard-peng-xia/MMed-RAG"));
    assert!(out.contains("Artificial Intelligence (AI) has demonstrated"));
    assert_eq!(stdout_of(&["show", "mmed-rag"]), out);
}

#[test]
fn show_unknown_or_ambiguous_id_is_exit_2() {
    fails_with(
        &["show", "no-such-paper"],
        "no paper with id `no-such-paper`",
    );
    fails_with(&["show", "med"], "`med` matches");
}

#[test]
fn tags_shows_counts_grouped_by_namespace() {
    let out = stdout_of(&["tags"]);
    let rows: Vec<(usize, &str)> = out
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (n, tag) = l.trim().split_once("  ").unwrap();
            (n.parse().unwrap(), tag)
        })
        .collect();
    let first_of = |ns: &str| rows.iter().position(|(_, t)| t.starts_with(ns)).unwrap();
    assert!(first_of("type/") < first_of("task/"));
    assert!(first_of("task/") < first_of("modality/"));
    assert!(first_of("modality/") < first_of("method/"));
    let count = |tag: &str| {
        rows.iter()
            .find(|(_, t)| *t == tag)
            .map(|r| r.0)
            .unwrap_or(0)
    };
    assert!(count("method/mamba") >= 5);
    assert!(count("task/segmentation") >= 20);
    assert!(count("type/survey") >= 5);
}

#[test]
fn check_accepts_good_files() {
    let dir = TempDir::new().unwrap();
    let native = write(
        dir.path(),
        "c.json",
        r#"{"format":"paperboat-corpus","version":1,"name":"Mine","papers":[{"title":"A"},{"title":"B"}]}"#,
    );
    let out = paperboat(dir.path())
        .arg("check")
        .arg(&native)
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.ends_with(": ok, 2 papers (Mine), format native, 0 skipped\n"),
        "{stdout}"
    );
    let bare = write(dir.path(), "bare.json", r#"[{"title":"A"}]"#);
    paperboat(dir.path())
        .arg("check")
        .arg(&bare)
        .assert()
        .success()
        .stdout(predicate::str::contains("ok, 1 paper (bare)"));
    let bundled = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/papers.json");
    paperboat(dir.path())
        .args(["check", bundled])
        .assert()
        .success()
        .stdout(predicate::str::contains("ok, 192 papers"));
}

#[test]
fn check_refuses_bad_files_with_one_line() {
    let dir = TempDir::new().unwrap();
    let path = |name: &str, text: &str| write(dir.path(), name, text).display().to_string();
    let truncated = path("truncated.json", "{\"papers\": [{\"title\": \"A\"");
    fails_with(
        &["check", &truncated],
        "truncated.json:1:25: papers[0]: unexpected end of file",
    );
    let wrong = path(
        "wrong.json",
        "{\"papers\": [\n  {\"title\": \"A\", \"upvotes\": \"many\"}\n]}",
    );
    fails_with(
        &["check", &wrong],
        "wrong.json:2:34: papers[0].upvotes: expected a non-negative integer, found string \"many\"",
    );
    let untitled = path("untitled.json", "[{\"abstract\": \"x\"}]");
    fails_with(
        &["check", &untitled],
        "untitled.json:1:18: [0]: missing field `title`",
    );
    let empty = path("empty.json", "");
    fails_with(&["check", &empty], "empty.json:1:1: empty file");
    let d = dir.path().display().to_string();
    fails_with(&["check", &d], "is a directory");
    let missing = dir.path().join("missing.json").display().to_string();
    fails_with(&["check", &missing], "missing.json: no such file");
    let binary = write(dir.path(), "bin.json", b"[{\"title\": \"\xff\xfe\"}]")
        .display()
        .to_string();
    fails_with(&["check", &binary], "bin.json:1:");
}

#[test]
fn corpus_option_reads_another_file_and_bad_ones_fail_everywhere() {
    let dir = TempDir::new().unwrap();
    let mine = write(
        dir.path(),
        "mine.json",
        r#"[{"title":"Segment Anything in CT","published":"2024-01-02","upvotes":7}]"#,
    );
    let out = paperboat(dir.path())
        .args(["search", "segment", "--corpus"])
        .arg(&mine)
        .assert()
        .success();
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stdout),
        "2024-01-02     7  segment-anything-in…  Segment Anything in CT\n"
    );
    let bad = write(dir.path(), "bad.json", "[1]").display().to_string();
    fails_with(
        &["search", "x", "--corpus", &bad],
        "bad.json:1:2: [0]: expected a paper object",
    );
    fails_with(&["show", "x", "--corpus", &bad], "bad.json:1:2");
    fails_with(&["tags", "--corpus", &bad], "bad.json:1:2");
}

#[test]
fn import_refuses_a_page_that_is_not_a_listing() {
    let dir = TempDir::new().unwrap();
    let page = write(dir.path(), "page.txt", "hello\n")
        .display()
        .to_string();
    fails_with(
        &["import", "hf-page", &page, "--year", "2025"],
        "page.txt:1:1: not a Daily Papers page",
    );
    let missing = dir.path().join("nope.txt").display().to_string();
    fails_with(
        &["import", "hf-page", &missing, "--year", "2025"],
        "nope.txt: no such file",
    );
}

#[test]
fn import_writes_the_output_file_and_keeps_it_on_failure() {
    let dir = TempDir::new().unwrap();
    let page = write(
        dir.path(),
        "page.txt",
        "byAK and the research community\n\nNov 3\n\nA Title\n\nAn abstract with https://github.com/a/b.\n\n  • 3 authors\n·\nFeb 19 1\n",
    );
    let out = dir.path().join("out.json");
    paperboat(dir.path())
        .args(["import", "hf-page"])
        .arg(&page)
        .args(["--year", "2025", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.contains("\"published\": \"2025-02-19\""));
    assert!(written.contains("\"url\": \"https://github.com/a/b\""));
    let bad = write(dir.path(), "bad.txt", "nothing");
    paperboat(dir.path())
        .args(["import", "hf-page"])
        .arg(&bad)
        .args(["--year", "2025", "-o"])
        .arg(&out)
        .assert()
        .code(2);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        written,
        "a failed import leaves the old file"
    );
}

#[test]
fn bad_usage_is_exit_2() {
    let dir = TempDir::new().unwrap();
    paperboat(dir.path())
        .args(["search", "--limit"])
        .assert()
        .code(2);
    paperboat(dir.path())
        .args(["import", "hf-page", "x.txt", "--year", "25"])
        .assert()
        .code(2);
    paperboat(dir.path())
        .args(["search", "x", "--format", "xml"])
        .assert()
        .code(2);
}

#[test]
fn search_combines_tag_year_and_code_clauses() {
    let json = stdout_of(&[
        "search",
        "tag:segmentation year:>=2024 has:code",
        "--format",
        "json",
    ]);
    let papers: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert!(papers.len() >= 5, "{}", papers.len());
    for p in &papers {
        let tags = p["tags"].as_array().unwrap();
        assert!(
            tags.iter()
                .any(|t| t.as_str().unwrap().ends_with("/segmentation")),
            "{p}"
        );
        assert!(p["published"].as_str().unwrap() >= "2024-01-01", "{p}");
        assert!(
            p["links"]
                .as_array()
                .unwrap()
                .iter()
                .any(|l| l["kind"] == "code"),
            "{p}"
        );
    }
    // Every paper that satisfies all three is there.
    let all: Vec<serde_json::Value> =
        serde_json::from_str(&stdout_of(&["search", "", "--format", "json"])).unwrap();
    let expected = all
        .iter()
        .filter(|p| {
            p["tags"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t == "task/segmentation")
                && p["published"].as_str().is_some_and(|d| d >= "2024-01-01")
                && p["links"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|l| l["kind"] == "code")
        })
        .count();
    assert_eq!(papers.len(), expected);
}

#[test]
fn search_sort_option_and_bad_queries() {
    let out = stdout_of(&[
        "search",
        "tag:segmentation",
        "--sort",
        "-date",
        "--format",
        "tsv",
    ]);
    let dates: Vec<&str> = out
        .lines()
        .map(|l| l.split('\t').nth(1).unwrap())
        .filter(|d| !d.is_empty())
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] <= w[1]),
        "oldest first: {dates:?}"
    );
    fails_with(&["search", "year:abc"], "query: year:abc: expected a year");
    fails_with(&["search", "x", "--sort", "best"], "sort:best");
    fails_with(&["tags", "yaer:2024"], "unknown field `yaer:`");
}

#[test]
fn tags_counts_over_a_query() {
    let all = stdout_of(&["tags"]);
    let mamba = stdout_of(&["tags", "tag:method/mamba"]);
    assert!(mamba.contains("    9  method/mamba"), "{mamba}");
    assert!(mamba.len() < all.len());
    assert!(mamba.contains("year:") && mamba.contains("has:code"));
    let dir = TempDir::new().unwrap();
    paperboat(dir.path())
        .args(["tags", "qqqzzz"])
        .assert()
        .code(1);
}

#[test]
fn double_negations_and_lone_bars_are_errors_not_everything() {
    for query in ["!!mamba", "|mamba", "mamba|", "||", "mamba || seg"] {
        fails_with(&["search", query], "query: ");
    }
    // What they were meant to be works.
    stdout_of(&["search", "mamba | seg"]);
    stdout_of(&["search", "!mamba"]);
}

#[test]
fn case_folding_covers_dotted_capital_i_and_final_sigma() {
    let dir = TempDir::new().unwrap();
    let corpus = write(
        dir.path(),
        "unicode.json",
        r#"[{"id": "ist", "title": "An İstanbul Cohort"}, {"id": "gr", "title": "ΛΟΓΟΣ and Models"}]"#,
    );
    for (query, id) in [
        ("istanbul", "ist"),
        ("'istanbul", "ist"),
        ("λογος", "gr"),
        ("'λογος", "gr"),
    ] {
        let out = paperboat(dir.path())
            .args(["search", query, "--format", "tsv", "--corpus"])
            .arg(&corpus)
            .assert()
            .success();
        let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        assert!(stdout.starts_with(&format!("{id}\t")), "{query}: {stdout}");
    }
}

#[test]
fn tags_timeline_prints_each_month_with_results() {
    let dir = tempfile::TempDir::new().unwrap();
    let out = common::paperboat(dir.path())
        .args(["tags", "--timeline", "mamba"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(!lines.is_empty());
    let mut total = 0;
    for line in &lines {
        let (month, count) = line.split_once("  ").unwrap();
        assert!(month.len() == 7 && month.as_bytes()[4] == b'-', "{line}");
        total += count.parse::<usize>().unwrap();
    }
    let mut months: Vec<&str> = lines.iter().map(|l| &l[..7]).collect();
    months.dedup();
    assert_eq!(months.len(), lines.len(), "one line per month, in order");
    let search = common::paperboat(dir.path())
        .args(["search", "mamba", "--format", "tsv"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(search.stdout).unwrap().lines().count(),
        total
    );
}
