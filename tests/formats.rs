//! The corpus formats through the real binary and the streaming API: the
//! Daily Papers API, arXiv metadata JSON Lines and the native format, told
//! apart by content; bad records skipped and counted, or fatal with
//! `--strict`.

mod common;

use std::path::{Path, PathBuf};

use common::{paperboat, write};
use paperboat::corpus::{Format, LoadOptions, stream_file};
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

fn fixture(name: &str) -> PathBuf {
    common::fixture(&format!("formats/{name}"))
}

/// stdout and stderr of a command that must succeed.
fn ok(dir: &Path, args: &[&str], file: &Path) -> (String, String) {
    let out = paperboat(dir).args(args).arg(file).assert().success();
    let out = out.get_output();
    (
        String::from_utf8(out.stdout.clone()).unwrap(),
        String::from_utf8(out.stderr.clone()).unwrap(),
    )
}

/// stdout of `check FILE`, which must exit 1: records were skipped.
fn flawed(dir: &Path, file: &Path) -> String {
    let out = paperboat(dir).arg("check").arg(file).assert().code(1);
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// The papers as `search --format json` prints them, by id.
fn papers(file: &Path) -> Vec<Value> {
    let dir = TempDir::new().unwrap();
    let (stdout, _) = ok(
        dir.path(),
        &[
            "search", "", "--sort", "title", "--format", "json", "--corpus",
        ],
        file,
    );
    serde_json::from_str(&stdout).unwrap()
}

fn by_id<'a>(papers: &'a [Value], id: &str) -> &'a Value {
    papers
        .iter()
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("no paper {id}"))
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

fn urls(paper: &Value) -> Vec<(&str, &str)> {
    paper["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["kind"].as_str().unwrap(), l["url"].as_str().unwrap()))
        .collect()
}

/// No control or bidi character anywhere in the value.
fn assert_clean(value: &Value) {
    match value {
        Value::String(s) => assert!(
            !s.chars()
                .any(|c| c != '\n' && paperboat::corpus::sanitize::is_unsafe(c)),
            "{s:?}"
        ),
        Value::Array(items) => items.iter().for_each(assert_clean),
        Value::Object(map) => map.values().for_each(assert_clean),
        _ => {}
    }
}

#[test]
fn check_tells_the_format_the_count_and_the_bad_records() {
    let dir = TempDir::new().unwrap();
    let cases = [
        (
            "arxiv-metadata.json",
            "5 papers (arxiv-metadata), format arxiv-jsonl, 2 bad records skipped",
        ),
        (
            "daily-papers.json",
            "4 papers (daily-papers), format daily-papers, 1 bad record skipped, 1 link refused",
        ),
        (
            "native-pretty.json",
            "2 papers (Pretty Native), format native, 0 skipped",
        ),
        (
            "one-record.json",
            "1 paper (one-record), format arxiv-jsonl, 0 skipped",
        ),
    ];
    for (name, summary) in cases {
        // Clean files exit 0 and say ok; the others exit 1, saying how
        // many records were skipped.
        let clean = summary.ends_with(" 0 skipped");
        let out = paperboat(dir.path())
            .arg("check")
            .arg(fixture(name))
            .assert()
            .code(if clean { 0 } else { 1 });
        let out = out.get_output();
        let stdout = String::from_utf8(out.stdout.clone()).unwrap();
        let said = if clean {
            format!(": ok, {summary}\n")
        } else {
            format!(": {summary}\n")
        };
        assert!(stdout.contains(&said), "{stdout}");
        assert!(out.stderr.is_empty());
    }
    let stdout = flawed(dir.path(), &fixture("arxiv-metadata.json"));
    let listed: Vec<&str> = stdout.lines().skip(1).collect();
    assert_eq!(listed.len(), 2, "{stdout}");
    assert!(listed[0].contains("arxiv-metadata.json:4:37: title: unexpected end of file"));
    assert!(
        listed[1]
            .ends_with("arxiv-metadata.json:5:31: title: expected a string, found integer `5`")
    );
    let stdout = flawed(dir.path(), &fixture("daily-papers.json"));
    assert!(stdout.contains(
        "daily-papers.json:5:72: [3].paper.upvotes: expected a non-negative integer, found string \"many\""
    ));
}

#[test]
fn strict_makes_the_first_bad_record_fatal() {
    let dir = TempDir::new().unwrap();
    for args in [
        vec!["check", "--strict"],
        vec!["--strict", "search", "x", "--corpus"],
        vec!["tags", "--strict", "--corpus"],
    ] {
        let out = paperboat(dir.path())
            .args(&args)
            .arg(fixture("arxiv-metadata.json"))
            .assert()
            .code(2);
        let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.starts_with("paperboat: ")
                && stderr.contains("arxiv-metadata.json:4:37: title: unexpected end of file"),
            "{stderr}"
        );
    }
    paperboat(dir.path())
        .args(["check", "--strict"])
        .arg(fixture("daily-papers.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "daily-papers.json:5:72: [3].paper.upvotes",
        ));
    // Files without bad records load as before.
    paperboat(dir.path())
        .args(["check", "--strict"])
        .arg(fixture("native-pretty.json"))
        .assert()
        .success();
}

#[test]
fn skipped_records_are_told_in_one_line() {
    let dir = TempDir::new().unwrap();
    let (_, stderr) = ok(
        dir.path(),
        &["search", "segment", "--corpus"],
        &fixture("arxiv-metadata.json"),
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("paperboat: "), "{stderr}");
    assert!(
        stderr.contains("arxiv-metadata.json: skipped 2 bad records (first: ")
            && stderr.contains("arxiv-metadata.json:4:37: title: unexpected end of file")
            && stderr.trim_end().ends_with("; --strict makes them fatal"),
        "{stderr}"
    );
    let (_, stderr) = ok(
        dir.path(),
        &["tags", "--corpus"],
        &fixture("daily-papers.json"),
    );
    assert!(stderr.contains("skipped 1 bad record (first: "), "{stderr}");
}

#[test]
fn arxiv_records_become_papers() {
    let papers = papers(&fixture("arxiv-metadata.json"));
    assert_eq!(papers.len(), 5);
    papers.iter().for_each(assert_clean);
    let full = by_id(&papers, "arXiv:2410.00001");
    assert_eq!(full["title"], "Segment Anything in Medical Images");
    assert_eq!(
        full["abstract"],
        "Medical image segmentation is a critical component in clinical practice. We present MedSAM."
    );
    assert_eq!(strings(&full["authors"]), ["Jun Ma", "Bo Wang Jr."]);
    assert_eq!(full["published"], "2007-04-02");
    assert_eq!(full["upvotes"], Value::Null);
    assert_eq!(strings(&full["tags"]), ["arxiv/cs.CV", "arxiv/eess.IV"]);
    assert_eq!(
        urls(full),
        [
            ("paper", "https://arxiv.org/abs/2410.00001"),
            ("paper", "https://doi.org/10.1000/a.1"),
            ("paper", "https://doi.org/10.1000/b.2"),
        ]
    );
    // The same id again gets the collision suffix.
    assert_eq!(
        by_id(&papers, "arXiv:2410.00001-2")["title"],
        "Duplicate id"
    );
    let fallback = by_id(&papers, "arXiv:2410.00002");
    assert_eq!(
        strings(&fallback["authors"]),
        ["Alice Smith", "Bob Jones", "Carol White"]
    );
    assert_eq!(fallback["published"], Value::Null);
    assert_eq!(fallback["abstract"], "One.\n\nTwo.");
    assert_eq!(
        urls(fallback),
        [("paper", "https://arxiv.org/abs/2410.00002")]
    );
    let evil = by_id(&papers, "arXiv:2410.00005");
    assert_eq!(evil["title"], "Evil\u{FFFD}[2J title\u{FFFD}");
    assert_eq!(evil["abstract"], "a\u{FFFD}b");
    assert_eq!(strings(&evil["authors"]), ["Y X\u{FFFD}"]);
    let old = by_id(&papers, "arXiv:math/0406191");
    assert_eq!(old["published"], Value::Null);
    assert_eq!(
        urls(old),
        [
            ("paper", "https://arxiv.org/abs/math/0406191"),
            ("paper", "https://doi.org/10.1000/c.3"),
        ]
    );
}

#[test]
fn daily_papers_entries_become_papers() {
    let papers = papers(&fixture("daily-papers.json"));
    assert_eq!(papers.len(), 4);
    papers.iter().for_each(assert_clean);
    let rag = by_id(&papers, "arXiv:2410.13085");
    assert_eq!(rag["title"], "MMed-RAG: Versatile Multimodal RAG");
    assert_eq!(
        rag["abstract"],
        "Artificial Intelligence has shown potential in healthcare.\n\nWe propose MMed-RAG."
    );
    assert_eq!(strings(&rag["authors"]), ["Peng Xia", "Kangyu Zhu"]);
    assert_eq!(rag["organization"], "UNC");
    assert_eq!(rag["published"], "2024-10-16");
    assert_eq!(rag["upvotes"], 23);
    assert_eq!(
        urls(rag),
        [
            ("code", "https://github.com/richard-peng-xia/MMed-RAG"),
            ("project", "https://mmed-rag.github.io"),
            ("paper", "https://huggingface.co/papers/2410.13085"),
        ]
    );
    assert_eq!(
        strings(&rag["tags"]),
        [
            "keyword/medical-vlms",
            "keyword/rag",
            "keyword/vision-language-models-vlms"
        ]
    );
    assert_eq!(
        by_id(&papers, "arXiv:2410.13085-2")["title"],
        "Same Paper Listed Twice"
    );
    let outer = by_id(&papers, "arXiv:2501.00002");
    assert_eq!(outer["title"], "Outer Title Only");
    assert_eq!(
        urls(outer),
        [("paper", "https://huggingface.co/papers/2501.00002")]
    );
    assert_eq!(outer["upvotes"], 0);
    let evil = by_id(&papers, "arXiv:2502.00005");
    assert_eq!(evil["title"], "\u{FFFD}]0;pwned\u{FFFD} Title \u{FFFD}x");
    assert_eq!(evil["abstract"], "safe\u{FFFD}[31m red");
    assert_eq!(strings(&evil["tags"]), ["keyword/ct"]);
    // The `javascript:` code link is dropped, the paper link kept.
    assert_eq!(
        urls(evil),
        [("paper", "https://huggingface.co/papers/2502.00005")]
    );
}

#[test]
fn formats_are_told_by_content() {
    let dir = TempDir::new().unwrap();
    let native_one_line = write(
        dir.path(),
        "one-line-native.json",
        r#"{"format":"paperboat-corpus","version":1,"papers":[{"title":"A"}]}"#,
    );
    let jsonl_named = write(
        dir.path(),
        "lines.jsonl",
        "{\"id\":\"1\",\"title\":\"A\"}\n",
    );
    let crlf = write(
        dir.path(),
        "crlf.json",
        "\u{feff}{\"id\":\"1\",\"title\":\"A\"}\r\n\r\n{\"id\":\"2\",\"title\":\"B\"}\r\n",
    );
    let cases = [
        (fixture("native-pretty.json"), "format native"),
        (fixture("one-record.json"), "format arxiv-jsonl"),
        (fixture("arxiv-metadata.json"), "format arxiv-jsonl"),
        (fixture("daily-papers.json"), "format daily-papers"),
        (native_one_line, "1 paper (one-line-native), format native"),
        (jsonl_named, "1 paper (lines), format arxiv-jsonl"),
        (crlf, "2 papers (crlf), format arxiv-jsonl, 0 skipped"),
    ];
    for (file, expected) in cases {
        let out = paperboat(dir.path()).arg("check").arg(&file).assert();
        let code = out.get_output().status.code();
        assert!(matches!(code, Some(0 | 1)), "{code:?}");
        let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(stdout.contains(expected), "{stdout}");
    }
}

#[test]
fn check_lists_twenty_bad_records_then_counts() {
    let dir = TempDir::new().unwrap();
    let mut text = String::new();
    for i in 0..25 {
        text.push_str(&format!("{{\"id\":\"{i}\",\"title\":\"Paper {i}\"}}\n"));
        text.push_str(
            "{\"id\":\"x\",\"title\":\"\\u001b[2J\",\"versions\":[{\"created\":\"never\"}]}\n",
        );
    }
    let file = write(dir.path(), "many.jsonl", text);
    let stdout = flawed(dir.path(), &file);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].ends_with(": 25 papers (many), format arxiv-jsonl, 25 bad records skipped"),
        "{}",
        lines[0]
    );
    assert_eq!(lines.len(), 1 + 20 + 1, "{stdout}");
    assert!(lines[1].ends_with("many.jsonl:2:61: versions[0].created: expected a date like `Mon, 2 Apr 2007 19:18:42 GMT`, found `never`"), "{}", lines[1]);
    assert!(lines[20].contains("many.jsonl:40:"), "{}", lines[20]);
    assert_eq!(lines[21], "  … and 5 more");
    assert!(!stdout.contains('\u{1b}'));
}

#[test]
fn batches_arrive_in_file_order_with_growing_progress() {
    let dir = TempDir::new().unwrap();
    // Several read chunks' worth of records, a bad one now and then.
    let mut text = String::new();
    let mut expected = Vec::new();
    for i in 0..40_000 {
        if i % 10_000 == 5 {
            text.push_str("not json\n");
            continue;
        }
        let id = i % 30_000;
        text.push_str(&format!(
            "{{\"id\":\"{id}\",\"title\":\"Paper {i}\",\"abstract\":\"{}\"}}\n",
            "words and more words ".repeat(15)
        ));
        expected.push(i);
    }
    let file = write(dir.path(), "big.json", &text);
    let mut titles = Vec::new();
    let mut progress = Vec::new();
    let mut ids = std::collections::HashSet::new();
    let summary = stream_file(&file, LoadOptions::default(), &mut |batch| {
        assert!(batch.papers.len() <= 4096);
        for paper in &batch.papers {
            assert!(ids.insert(paper.id.clone()), "duplicate id {}", paper.id);
        }
        titles.extend(batch.papers.into_iter().map(|p| p.title));
        progress.push((batch.bytes_read, batch.total_bytes, batch.skipped));
    })
    .unwrap();
    assert_eq!(summary.format, Format::ArxivJsonl);
    assert_eq!(summary.name, "big");
    assert_eq!(summary.skipped, 4);
    assert!(
        summary
            .first_skipped
            .unwrap()
            .to_string()
            .contains("big.json:6:2: ")
    );
    // A record whose id an earlier one took gets its suffix once every id
    // asked for is known: such records come last, in file order.
    let (first, again): (Vec<usize>, Vec<usize>) = expected.iter().partition(|&&i| i < 30_000);
    let wanted: Vec<String> = first
        .iter()
        .chain(&again)
        .map(|i| format!("Paper {i}"))
        .collect();
    assert_eq!(titles, wanted);
    assert!(progress.len() > 2, "{progress:?}");
    assert!(
        progress
            .windows(2)
            .all(|w| w[0].0 <= w[1].0 && w[0].2 <= w[1].2)
    );
    let total = text.len() as u64;
    assert!(progress.iter().all(|p| p.1 == total));
    assert_eq!(progress.last().unwrap().0, total);
    assert!(ids.contains("arXiv:1") && ids.contains("arXiv:1-2"));
    // Strict: the load stops at the first bad line.
    let e = stream_file(
        &file,
        LoadOptions {
            strict: true,
            ..Default::default()
        },
        &mut |_| {},
    )
    .unwrap_err();
    assert!(e.to_string().contains("big.json:6:2: "), "{e}");
}
