//! Hostile corpora through the real binary: each one loads with its text
//! sanitized, or is refused with one clear line and exit status 2; never a
//! panic, a stack overflow or a control sequence on the terminal.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::paperboat;
use common::pty::Reader;
use predicates::prelude::*;
use tempfile::TempDir;

fn hostile(name: &str) -> PathBuf {
    common::fixture(&format!("hostile/{name}"))
}

/// The one stderr line of a refused file, after checking the exit status.
fn refused(path: &Path) -> String {
    let dir = TempDir::new().unwrap();
    let out = paperboat(dir.path())
        .arg("check")
        .arg(path)
        .assert()
        .code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("paperboat: "), "{stderr}");
    assert!(!stderr.contains("panicked"));
    assert!(
        !stderr.chars().any(|c| c.is_control() && c != '\n'),
        "no control characters: {stderr:?}"
    );
    stderr
}

/// The papers of a file that loads, as `search --format json` prints them.
fn loaded(path: &Path) -> Vec<serde_json::Value> {
    let dir = TempDir::new().unwrap();
    // It loads: clean (0) or with records or links left out (1).
    let checked = paperboat(dir.path()).arg("check").arg(path).assert();
    assert!(matches!(checked.get_output().status.code(), Some(0 | 1)));
    let out = paperboat(dir.path())
        .args(["search", "", "--format", "json", "--corpus"])
        .arg(path)
        .assert();
    let out = out.get_output();
    assert!(out.status.code() == Some(0) || out.status.code() == Some(1));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// No character that could drive a terminal, anywhere in the value.
fn assert_clean(value: &serde_json::Value) {
    match value {
        serde_json::Value::String(s) => {
            for c in s.chars() {
                let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
                let control = c.is_control() && c != '\n';
                assert!(!control && !bidi, "{c:?} in {s:?}");
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(assert_clean),
        serde_json::Value::Object(map) => map.values().for_each(assert_clean),
        _ => {}
    }
}

#[test]
fn escape_sequences_in_every_field_are_neutralized() {
    let papers = loaded(&hostile("escapes.json"));
    assert_eq!(papers.len(), 1);
    assert_clean(&papers[0]);
    let title = papers[0]["title"].as_str().unwrap();
    assert!(
        title.starts_with("Escapes A\u{FFFD}[2J\u{FFFD}]0;pwned title\u{FFFD}"),
        "{title}"
    );
    assert!(
        papers[0]["abstract"]
            .as_str()
            .unwrap()
            .contains("\n\nSecond paragraph")
    );
    // The text output carries no escape either.
    let dir = TempDir::new().unwrap();
    let out = paperboat(dir.path())
        .args(["search", "", "--corpus"])
        .arg(hostile("escapes.json"))
        .assert()
        .success();
    assert!(
        !out.get_output()
            .stdout
            .iter()
            .any(|&b| b == 0x1b || b == 0x07 || b == 0)
    );
    let out = paperboat(dir.path())
        .args(["show", "esc"])
        .arg("--corpus")
        .arg(hostile("escapes.json"))
        .assert()
        .success();
    let shown = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        !shown.chars().any(|c| c.is_control() && c != '\n'),
        "{shown:?}"
    );
}

#[test]
fn an_escape_in_a_tag_is_replaced_like_in_any_text() {
    let papers = loaded(&hostile("escape-in-tag.json"));
    assert_clean(&papers[0]);
    assert_eq!(papers[0]["tags"][0], "type/\u{FFFD}[2J");
}

#[test]
fn bidi_overrides_are_replaced() {
    let papers = loaded(&hostile("bidi.json"));
    assert_clean(&papers[0]);
    assert_eq!(
        papers[0]["title"],
        "Bidi \u{FFFD}gnp.exe\u{FFFD} and \u{FFFD}isolate\u{FFFD} \u{FFFD}\u{FFFD}\u{FFFD}"
    );
}

#[test]
fn a_bom_and_escaped_nul_load() {
    assert_eq!(loaded(&hostile("bom.json"))[0]["title"], "With a BOM");
}

#[test]
fn broken_files_are_refused_with_their_position() {
    for (name, expected) in [
        (
            "duplicate-keys.json",
            "duplicate-keys.json:1:25: [0]: duplicate field `title`",
        ),
        ("duplicate-keys-top.json", "duplicate field `papers`"),
        ("invalid-utf8.json", "invalid-utf8.json:1:"),
        ("lone-surrogate.json", "lone-surrogate.json:1:"),
        ("truncated.json", "truncated.json:1:"),
        ("wrong-types.json", "papers[1].title: expected a string"),
        (
            "wrong-upvotes.json",
            "[0].upvotes: expected a non-negative integer",
        ),
        (
            "wrong-date.json",
            "[0].published: expected a date YYYY-MM-DD, found `2024-02-30`",
        ),
        ("nul-bytes.json", "trailing characters"),
        ("not-json.json", "not-json.json:1:1: expected a JSON corpus"),
        ("empty.json", "empty.json:1:1: empty file"),
        ("only-whitespace.json", "empty file"),
        ("number.json", "number.json:1:1: expected a JSON corpus"),
        ("huge-number.json", "[0].upvotes"),
    ] {
        let line = refused(&hostile(name));
        assert!(line.contains(expected), "{name}: {line}");
    }
    assert!(refused(&hostile("lone-surrogate.json")).contains("surrogate"));
    assert!(
        refused(&hostile("invalid-utf8.json")).contains("UTF-8")
            || refused(&hostile("invalid-utf8.json")).contains("unicode")
    );
}

/// Large hostile files, generated rather than kept in the repository.
fn generated(dir: &Path, name: &str, text: &str) -> PathBuf {
    common::write(dir, name, text)
}

#[test]
fn a_one_megabyte_title_and_ten_thousand_joiners_load() {
    let dir = TempDir::new().unwrap();
    let big = generated(
        dir.path(),
        "big-title.json",
        &format!(r#"[{{"title": "{}"}}]"#, "Mamba ".repeat(175_000)),
    );
    let papers = loaded(&big);
    assert_eq!(papers[0]["title"].as_str().unwrap().len(), 175_000 * 6 - 1);
    let zwj = generated(
        dir.path(),
        "zwj.json",
        &format!(
            r#"[{{"title": "Z{}J", "abstract": "{}"}}]"#,
            "\u{200D}".repeat(10_000),
            "\u{200D}".repeat(10_000)
        ),
    );
    assert_eq!(loaded(&zwj).len(), 1);
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let dir = TempDir::new().unwrap();
    let deep = generated(
        dir.path(),
        "deep.json",
        &format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
    );
    refused(&deep);
    let deep_field = generated(
        dir.path(),
        "deep-field.json",
        &format!(r#"[{{"title": "t", "extra": {}}}]"#, "[".repeat(200_000)),
    );
    refused(&deep_field);
    let deep_object = generated(
        dir.path(),
        "deep-object.json",
        &format!(
            r#"[{{"title": {}"t"{}}}]"#,
            "{\"a\":".repeat(50_000),
            "}".repeat(50_000)
        ),
    );
    assert!(refused(&deep_object).contains("[0].title"));
}

#[test]
fn a_hundred_thousand_papers_with_the_same_title_load_with_unique_ids() {
    let dir = TempDir::new().unwrap();
    let mut text = String::from("[");
    for i in 0..100_000 {
        if i > 0 {
            text.push(',');
        }
        text.push_str(r#"{"title": "Same Title"}"#);
    }
    text.push(']');
    let same = generated(dir.path(), "same.json", &text);
    let start = Instant::now();
    paperboat(dir.path())
        .arg("check")
        .arg(&same)
        .assert()
        .success()
        .stdout(predicate::str::contains("ok, 100000 papers"));
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "linear, not quadratic"
    );
    let out = paperboat(dir.path())
        .args([
            "search", "same", "--limit", "3", "--format", "tsv", "--corpus",
        ])
        .arg(&same)
        .assert()
        .success();
    let ids: Vec<String> = String::from_utf8_lossy(&out.get_output().stdout)
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["same-title", "same-title-2", "same-title-3"]);
}

/// Everything the reader wrote, decoded, for looking at what reached the
/// terminal.
fn reader_output(corpus: &Path, keys: &[&str]) -> String {
    let dir = TempDir::new().unwrap();
    let corpus = corpus.to_str().unwrap();
    let mut reader = Reader::start(&[corpus], dir.path(), 100, 30);
    reader.wait_for("the list", |s| s.contains("1 / 1"));
    for keys in keys {
        reader.send_settled(keys);
    }
    // Close whatever popup is open, then quit.
    reader.send_settled("\x1b");
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
    let output = String::from_utf8_lossy(&reader.output()).into_owned();
    assert!(
        output.contains('\u{FFFD}'),
        "replacement characters show where the sequences were"
    );
    output
}

#[test]
fn the_reader_never_emits_a_sequence_that_came_from_the_corpus() {
    for keys in [&[][..], &["\t", "j", "j", "G"][..], &["O"][..], &["?"][..]] {
        let output = reader_output(&hostile("escapes.json"), keys);
        // No OSC at all (title, hyperlink, clipboard, colours), no bell, no
        // C1 control, no NUL: the reader itself sends none of these.
        assert!(
            !output.contains("\x1b]"),
            "an OSC sequence reached the terminal"
        );
        assert!(!output.contains('\x07'), "a bell reached the terminal");
        assert!(!output.contains('\0'));
        assert!(
            !output.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)),
            "a C1 control reached the terminal"
        );
        assert!(
            !output.contains("\x1b[2J\x1b[2J"),
            "no doubled clear from the corpus"
        );
        assert!(!output.contains("pwned title\x07"));
    }
    let output = reader_output(&hostile("bidi.json"), &[]);
    assert!(
        !output
            .chars()
            .any(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
    );
}

/// `check` on `path` ends within a bounded time with exit 2 and one line.
fn refused_in_time(dir: &Path, path: &Path) -> String {
    let out = paperboat(dir)
        .arg("check")
        .arg(path)
        .timeout(Duration::from_secs(30))
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    stderr
}

#[cfg(unix)]
#[test]
fn endless_devices_are_refused_after_their_first_bytes() {
    let dir = TempDir::new().unwrap();
    for device in ["/dev/zero", "/dev/urandom"] {
        let line = refused_in_time(dir.path(), Path::new(device));
        assert!(line.contains(device), "{line}");
        // Through a symlink, whatever name forces the format.
        for name in ["zero.json", "zero.jsonl", "zero.ndjson"] {
            let link = dir.path().join(format!("{}-{name}", device.len()));
            std::os::unix::fs::symlink(device, &link).unwrap();
            refused_in_time(dir.path(), &link);
        }
    }
    // Endless white space, then endless garbage after a valid start.
    let spaces = generated(dir.path(), "spaces.json", &" ".repeat(5 << 20));
    assert!(refused_in_time(dir.path(), &spaces).contains("only white space"));
    let mut text = String::from("[{\"title\": \"fine\"},");
    text.push_str(&" ".repeat(5 << 20));
    text.push_str("\u{0}garbage");
    let late = generated(dir.path(), "late.json", &text);
    refused_in_time(dir.path(), &late);
}

#[cfg(unix)]
#[test]
fn a_corpus_from_a_pipe_still_loads() {
    let dir = TempDir::new().unwrap();
    let fifo = dir.path().join("corpus.fifo");
    common::mkfifo(&fifo);
    let writer_path = fifo.clone();
    let writer = std::thread::spawn(move || {
        std::fs::write(writer_path, r#"[{"title": "Through a pipe"}]"#).unwrap();
    });
    paperboat(dir.path())
        .arg("check")
        .arg(&fifo)
        .timeout(Duration::from_secs(30))
        .assert()
        .success()
        .stdout(predicate::str::contains("ok, 1 paper"));
    writer.join().unwrap();
}

#[test]
fn duplicate_ids_keep_the_ids_papers_ask_for() {
    let dir = TempDir::new().unwrap();
    for (name, text) in [
        (
            "native.json",
            r#"[{"id": "same", "title": "One"}, {"id": "same", "title": "Two"},
                {"id": "same-2", "title": "Asked"}, {"id": "same", "title": "Four"}]"#
                .to_string(),
        ),
        (
            "lines.jsonl",
            "{\"id\": \"same\", \"title\": \"One\"}\n{\"id\": \"same\", \"title\": \"Two\"}\n{\"id\": \"same-2\", \"title\": \"Asked\"}\n{\"id\": \"same\", \"title\": \"Four\"}\n"
                .to_string(),
        ),
    ] {
        let file = generated(dir.path(), name, &text);
        let prefix = if name.ends_with("jsonl") { "arXiv:" } else { "" };
        let out = paperboat(dir.path())
            .args(["show", &format!("{prefix}same-2"), "--corpus"])
            .arg(&file)
            .assert()
            .success();
        let shown = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        assert!(shown.starts_with("Asked\n"), "{name}: {shown}");
        let out = paperboat(dir.path())
            .args(["search", "", "--format", "tsv", "--sort", "title", "--corpus"])
            .arg(&file)
            .assert()
            .success();
        let mut ids: Vec<String> = String::from_utf8_lossy(&out.get_output().stdout)
            .lines()
            .map(|l| l.split('\t').next().unwrap().to_string())
            .collect();
        ids.sort();
        let expected: Vec<String> = ["same", "same-2", "same-3", "same-4"]
            .iter()
            .map(|id| format!("{prefix}{id}"))
            .collect();
        assert_eq!(ids, expected, "{name}");
    }
}

#[test]
fn a_daily_papers_entry_with_invalid_utf8_is_skipped_not_fatal() {
    let dir = TempDir::new().unwrap();
    let mut text = b"[{\"paper\": {\"id\": \"2401.00001\", \"title\": \"Good\"}},\n".to_vec();
    text.extend_from_slice(
        b" {\"paper\": {\"id\": \"2401.00002\", \"title\": \"Bad \xff\xfe\"}},\n",
    );
    text.extend_from_slice(b" {\"paper\": {\"id\": \"2401.00003\", \"title\": \"Also good\"}}]");
    let file = dir.path().join("daily.json");
    std::fs::write(&file, &text).unwrap();
    paperboat(dir.path())
        .arg("check")
        .arg(&file)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains(": 2 papers").and(predicate::str::contains(
                "daily.json:2:47: [1]: invalid UTF-8",
            )),
        );
    paperboat(dir.path())
        .args(["--strict", "check"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("[1]: invalid UTF-8"));
}

#[test]
fn a_huge_abstract_and_title_draw_and_scroll_and_q_answers() {
    let dir = TempDir::new().unwrap();
    let mut abstract_text = "words of a very long abstract ".repeat(700_000);
    abstract_text.push_str("THE-END");
    let title = "Title ".repeat(170_000);
    let corpus = generated(
        dir.path(),
        "huge.json",
        &format!(r#"[{{"title": "{title}", "abstract": "{abstract_text}"}}]"#),
    );
    let mut reader = Reader::start(&[corpus.to_str().unwrap()], dir.path(), 100, 30);
    reader.wait_for("the list", |s| s.contains("1 / 1"));
    // Enter reads it, G goes to its end: drawn at once, however long.
    reader.send("\rG");
    reader.wait_for("the end of the abstract", |s| s.contains("THE-END"));
    reader.send("gjjj");
    reader.wait_for("the top again", |s| !s.contains("THE-END"));
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
}
