//! Bookmarks through the real binary: the commands, many processes saving
//! at once, and processes killed while saving.

mod common;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::paperboat;
use predicates::prelude::*;
use tempfile::TempDir;

/// Ids of the bundled corpus, newest first.
fn ids() -> Vec<String> {
    let dir = TempDir::new().unwrap();
    let out = paperboat(dir.path())
        .args(["search", "", "--format", "tsv"])
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone())
        .unwrap()
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
}

fn stored(dir: &std::path::Path) -> Vec<serde_json::Value> {
    let out = paperboat(dir)
        .args(["bookmarks", "list", "--format", "json"])
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

fn spawn_add(dir: &std::path::Path, id: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_paperboat"))
        .args(["--config-dir"])
        .arg(dir)
        .env("PAPERBOAT_CACHE_DIR", dir.join("cache"))
        .env("PAPERBOAT_DATA_DIR", dir.join("data"))
        .args(["bookmarks", "add", id])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn add_list_remove_and_export() {
    let dir = TempDir::new().unwrap();
    let run = |args: &[&str]| paperboat(dir.path()).args(args).assert();
    run(&[
        "bookmarks",
        "add",
        "mmed-rag",
        "--note",
        "RAG & 50% {better}",
    ])
    .success()
    .stdout(
        "bookmarked mmed-rag-versatile-multimodal-rag-system-for-medical-vision-language-models\n",
    );
    run(&["bookmarks", "add", "medcalc-bench"]).success();
    run(&["bookmarks", "list"]).success().stdout(
        predicate::str::contains("MMed-RAG: Versatile")
            .and(predicate::str::contains("✎ RAG & 50% {better}")),
    );
    let stored = stored(dir.path());
    assert_eq!(stored.len(), 2);
    assert_eq!(
        stored[0]["links"][0]["url"],
        "https://github.com/richard-peng-xia/MMed-RAG"
    );
    assert!(stored[0]["added"].as_str().unwrap().ends_with('Z'));

    let md = run(&["bookmarks", "export", "--format", "md"]).success();
    let md = String::from_utf8_lossy(&md.get_output().stdout).into_owned();
    assert!(md.contains("- [MMed-RAG: Versatile Multimodal RAG System for Medical Vision Language Models](https://github.com/richard-peng-xia/MMed-RAG) — RAG & 50% {better}"), "{md}");
    assert!(md.contains("- MedCalc-Bench: Evaluating"), "{md}");

    let bib = run(&["bookmarks", "export", "--format", "bibtex"]).success();
    let bib = String::from_utf8_lossy(&bib.get_output().stdout).into_owned();
    // The corpus names no authors: the key is the title's first two words
    // and the year; the code link goes in the note, not the url.
    assert!(bib.contains("@misc{mmed2024rag,\n  title = {{MMed-RAG: Versatile Multimodal RAG System for Medical Vision Language Models}},\n  year = {2024},\n  month = oct,\n  note = {RAG \\& 50\\% \\textbraceleft{}better\\textbraceright{}. Code: https://github.com/richard-peng-xia/MMed-RAG},\n}"), "{bib}");
    assert!(bib.contains("@misc{medcalc2024bench,"), "{bib}");
    let again = run(&["bookmarks", "export", "--format", "bibtex"]).success();
    assert_eq!(
        String::from_utf8_lossy(&again.get_output().stdout),
        bib,
        "stable keys"
    );

    let json = run(&["bookmarks", "export", "--format", "json"]).success();
    let exported: Vec<serde_json::Value> =
        serde_json::from_slice(&json.get_output().stdout).unwrap();
    assert_eq!(exported, stored);

    run(&[
        "bookmarks",
        "remove",
        "medcalc-bench-evaluating-large-language-models-for-medical-calculations",
    ])
    .success();
    assert_eq!(self::stored(dir.path()).len(), 1);
    run(&[
        "bookmarks",
        "remove",
        "medcalc-bench-evaluating-large-language-models-for-medical-calculations",
    ])
    .code(2)
    .stderr(predicate::str::contains("no bookmark with id"));
    run(&["bookmarks", "add", "not-a-paper"])
        .code(2)
        .stderr(predicate::str::contains("no paper with id `not-a-paper`"));
    // `is:bookmarked` works from the command line too.
    run(&["search", "is:bookmarked", "--format", "tsv"])
        .success()
        .stdout(predicate::str::starts_with("mmed-rag-versatile"));
}

#[test]
fn a_corrupt_file_is_reported_and_kept() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("bookmarks.json");
    std::fs::write(&file, "{ not json").unwrap();
    let aside = || -> Vec<std::path::PathBuf> {
        std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains("corrupt-"))
            .collect()
    };
    // Reading commands report it and leave it where it is.
    for args in [
        &["bookmarks", "list"][..],
        &["bookmarks", "export", "--format", "md"],
        &["search", "is:bookmarked"],
    ] {
        let out = paperboat(dir.path()).args(args).assert().code(2);
        let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains("left as it is"), "{args:?}: {stderr}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "{ not json");
        assert!(aside().is_empty(), "{args:?}");
    }
    // A write moves it aside, and a new file exists.
    paperboat(dir.path())
        .args(["bookmarks", "add", "mmed-rag"])
        .assert()
        .success();
    let aside = aside();
    assert_eq!(aside.len(), 1);
    assert_eq!(std::fs::read_to_string(&aside[0]).unwrap(), "{ not json");
    assert!(std::fs::read_to_string(&file).unwrap().contains("mmed-rag"));
}

#[test]
fn many_processes_adding_at_once_lose_nothing() {
    let dir = TempDir::new().unwrap();
    let ids = ids();
    let mut expected = Vec::new();
    for round in 0..5 {
        let batch: Vec<&String> = ids.iter().skip(round * 8).take(8).collect();
        let children: Vec<Child> = batch.iter().map(|id| spawn_add(dir.path(), id)).collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        expected.extend(batch.into_iter().cloned());
    }
    let mut got: Vec<String> = stored(dir.path())
        .iter()
        .map(|b| b["id"].as_str().unwrap().to_string())
        .collect();
    got.sort();
    expected.sort();
    assert_eq!(got, expected);
}

#[test]
fn a_process_killed_while_saving_leaves_the_old_or_the_new_file() {
    let dir = TempDir::new().unwrap();
    let ids = ids();
    let file = dir.path().join("bookmarks.json");
    let mut state: Vec<String> = Vec::new();
    // A small deterministic generator for the kill delays.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for (i, id) in ids.iter().cycle().take(60).enumerate() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut child = spawn_add(dir.path(), id);
        // The varying moment of the kill is what is tested.
        std::thread::sleep(Duration::from_micros(seed % 6_000));
        let _ = child.kill();
        let finished = child.wait().unwrap().success();
        let now: Vec<String> = match std::fs::read(&file) {
            Ok(bytes) => {
                let parsed: serde_json::Value = serde_json::from_slice(&bytes)
                    .unwrap_or_else(|e| panic!("round {i}: the file does not parse: {e}"));
                parsed["bookmarks"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|b| b["id"].as_str().unwrap().to_string())
                    .collect()
            }
            Err(_) => Vec::new(),
        };
        let mut new = state.clone();
        if !new.contains(id) {
            new.push(id.clone());
        }
        assert!(
            now == state || now == new,
            "round {i}: neither old {state:?} nor new {new:?}: {now:?}"
        );
        if finished {
            assert_eq!(now, new, "a finished save is on disk");
        }
        state = now;
        // No temporary file is mistaken for the real one.
        assert!(std::fs::read_dir(dir.path()).unwrap().all(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name == "bookmarks.json"
                || name == "bookmarks.lock"
                || name.starts_with(".bookmarks.json.tmp-")
        }));
    }
}

/// Every kind of sequence a hostile bookmarks file might use to drive a
/// terminal: a title change, a clipboard write (OSC 52), a bell, a C1 CSI,
/// NEL, DEL, and bidi overrides and isolates.
const HOSTILE: &str = "A\u{1b}]2;retitled\u{7}B\u{1b}]52;c;ZXZpbA==\u{7}C\u{9b}2JD\u{202e}E\u{2066}F\u{85}G\u{1b}[31mH\u{7f}I\u{202a}J\u{2069}K\u{1b}\\";

/// URLs the reader refuses to open, one of each reason.
const REFUSED_URLS: &[&str] = &[
    "javascript:alert(1)",
    "https://x.org/a b",
    "http:evil.com",
    "file:///etc/passwd",
    "https://x.org/\u{1b}]52;c;ZXZpbA==\u{7}",
    "https://x.org/\u{202e}gpj.exe",
    "data:text/html,<script>alert(1)</script>",
];

/// A bookmarks file with the hostile text in every field of two bookmarks.
fn write_hostile_file(dir: &std::path::Path) {
    let mut links: Vec<serde_json::Value> = REFUSED_URLS
        .iter()
        .map(|url| serde_json::json!({"kind": "code", "url": url}))
        .collect();
    links.push(serde_json::json!({"kind": "project", "url": "https://ok.example/kept"}));
    let bookmark = |n: usize| {
        serde_json::json!({
            "id": format!("{HOSTILE}{n}"),
            "title": format!("Mamba {HOSTILE} [x](https://inject.example/) <img src=x onerror=alert(1)>"),
            "added": format!("2026-01-0{n}T00:00:00Z{HOSTILE}"),
            "note": format!("{HOSTILE}\nsecond {HOSTILE} line"),
            "links": links,
        })
    };
    let file = serde_json::json!({"version": 1, "bookmarks": [bookmark(1), bookmark(2)]});
    common::write(dir, "bookmarks.json", file.to_string());
}

#[test]
fn a_hostile_bookmarks_file_never_reaches_the_terminal() {
    let dir = TempDir::new().unwrap();
    write_hostile_file(dir.path());
    for args in [
        &["list"][..],
        &["list", "--format", "json"],
        &["export", "--format", "md"],
        &["export", "--format", "bibtex"],
        &["export", "--format", "json"],
    ] {
        let out = paperboat(dir.path())
            .arg("bookmarks")
            .args(args)
            .assert()
            .success();
        let bytes = &out.get_output().stdout;
        assert!(!bytes.contains(&0x1b), "{args:?}: ESC in the output");
        assert!(!bytes.contains(&0x07), "{args:?}: BEL in the output");
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert_eq!(common::terminal_controls(&text), [], "{args:?}:\n{text}");
        for url in REFUSED_URLS {
            let start: String = url.chars().take(14).collect();
            assert!(!text.contains(&start), "{args:?}: {url:?} in\n{text}");
        }
        // BibTeX carries the paper's page and code only, not a project page.
        if args != ["list"] && args != ["export", "--format", "bibtex"] {
            assert!(
                text.contains("ok.example/kept"),
                "{args:?}: the valid link\n{text}"
            );
        }
    }
    // The JSON still parses, and means the cleaned text.
    let stored = stored(dir.path());
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[0]["links"].as_array().unwrap().len(), 1);
    assert!(stored[0]["note"].as_str().unwrap().contains('\n'));
}

#[test]
fn a_corrupt_file_quoting_a_huge_value_is_reported_in_one_short_line() {
    let dir = TempDir::new().unwrap();
    let huge = format!("{HOSTILE}{}", "x".repeat(10_000_000));
    let text = serde_json::json!({"version": huge, "bookmarks": []}).to_string();
    common::write(dir.path(), "bookmarks.json", &text);
    let out = paperboat(dir.path())
        .args(["bookmarks", "list"])
        .assert()
        .code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.len() < 1_000, "{} bytes", stderr.len());
    assert_eq!(common::terminal_controls(&stderr), [], "{stderr}");
    assert!(stderr.contains("left as it is"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_fifo_in_place_of_the_bookmarks_file_or_its_lock_is_refused_at_once() {
    for (name, args) in [
        ("bookmarks.json", &["bookmarks", "list"][..]),
        ("bookmarks.json", &["bookmarks", "add", "mmed-rag"]),
        ("bookmarks.lock", &["bookmarks", "add", "mmed-rag"]),
    ] {
        let dir = TempDir::new().unwrap();
        common::mkfifo(&dir.path().join(name));
        let out = paperboat(dir.path())
            .args(args)
            // Far longer than it takes; the point is not to hang for ever.
            .timeout(Duration::from_secs(20))
            .assert()
            .code(2);
        let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{name} {args:?}: {stderr}");
        assert!(
            stderr.contains(name) && stderr.contains("not a regular file"),
            "{name} {args:?}: {stderr}"
        );
    }
}

#[cfg(unix)]
#[test]
fn the_reader_starts_with_a_fifo_as_its_bookmarks_file() {
    use common::pty::Reader;
    let dir = TempDir::new().unwrap();
    common::mkfifo(&dir.path().join("bookmarks.json"));
    let mut reader = Reader::start(&[], dir.path(), 120, 30);
    reader.wait_for("the start screen", |s| s.contains("192 / 192"));
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
}

#[cfg(unix)]
#[test]
fn a_symlinked_bookmarks_file_is_written_through_to_its_target() {
    let root = TempDir::new().unwrap();
    let config = root.path().join("config");
    let dotfiles = root.path().join("dotfiles");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::create_dir_all(&dotfiles).unwrap();
    let link = config.join("bookmarks.json");
    std::os::unix::fs::symlink("../dotfiles/bm.json", &link).unwrap();
    for id in ["mmed-rag", "medcalc-bench"] {
        paperboat(&config)
            .args(["bookmarks", "add", id])
            .assert()
            .success();
    }
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    let target: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dotfiles.join("bm.json")).unwrap()).unwrap();
    assert_eq!(target["bookmarks"].as_array().unwrap().len(), 2);
    assert_eq!(stored(&config).len(), 2);
    // The lock stays in the config dir; no temporary file is left anywhere.
    assert!(config.join("bookmarks.lock").is_file());
    let names = |dir: &std::path::Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(names(&dotfiles), ["bm.json"]);
    assert_eq!(names(&config), ["bookmarks.json", "bookmarks.lock"]);
}

#[test]
fn an_empty_note_clears_the_note_and_no_note_keeps_it() {
    let dir = TempDir::new().unwrap();
    let run = |args: &[&str]| paperboat(dir.path()).args(args).assert().success();
    run(&["bookmarks", "add", "mmed-rag", "--note", "first"]);
    run(&["bookmarks", "add", "mmed-rag"]);
    assert_eq!(stored(dir.path())[0]["note"], "first");
    run(&["bookmarks", "add", "mmed-rag", "--note", ""]);
    assert_eq!(stored(dir.path())[0]["note"], "");
    run(&["bookmarks", "add", "mmed-rag", "--note", "  "]);
    assert_eq!(stored(dir.path())[0]["note"], "");
}

#[test]
fn a_note_of_several_lines_is_listed_line_by_line() {
    let dir = TempDir::new().unwrap();
    paperboat(dir.path())
        .args([
            "bookmarks",
            "add",
            "mmed-rag",
            "--note",
            "one\ntwo\n\nthree",
        ])
        .assert()
        .success();
    let out = paperboat(dir.path())
        .args(["bookmarks", "list"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[1..],
        [
            "            ✎ one",
            "              two",
            "",
            "              three"
        ],
        "{text}"
    );
}

#[test]
fn remove_echoes_the_id_it_removed_cleaned() {
    let dir = TempDir::new().unwrap();
    let id = format!("paper{HOSTILE}");
    let file = serde_json::json!({"version": 1, "bookmarks": [
        {"id": id, "title": "T", "added": "2026-01-01T00:00:00Z"}
    ]});
    common::write(dir.path(), "bookmarks.json", file.to_string());
    let listed = stored(dir.path());
    let cleaned = listed[0]["id"].as_str().unwrap().to_string();
    let out = paperboat(dir.path())
        .args(["bookmarks", "remove", &cleaned])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(text, format!("removed {cleaned}\n"));
    assert_eq!(common::terminal_controls(&text), []);
    assert!(stored(dir.path()).is_empty());
}

#[test]
fn a_config_dir_that_is_a_file_gets_a_sentence_saying_what_to_do() {
    let dir = TempDir::new().unwrap();
    let in_the_way = dir.path().join("config");
    std::fs::write(&in_the_way, "not a directory").unwrap();
    for config in [in_the_way.clone(), in_the_way.join("below")] {
        let out = assert_cmd::Command::cargo_bin("paperboat")
            .unwrap()
            .env_remove("PAPERBOAT_CONFIG_DIR")
            .env("PAPERBOAT_CACHE_DIR", dir.path().join("cache"))
            .env("PAPERBOAT_DATA_DIR", dir.path().join("data"))
            .arg("--config-dir")
            .arg(&config)
            .args(["bookmarks", "add", "mmed-rag"])
            .assert()
            .code(2);
        let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(&config.display().to_string()), "{stderr}");
        assert!(stderr.contains("is a file"), "{stderr}");
        assert!(stderr.contains("--config-dir"), "{stderr}");
        assert!(!stderr.contains("File exists"), "{stderr}");
    }
    assert_eq!(
        std::fs::read_to_string(&in_the_way).unwrap(),
        "not a directory"
    );
}
