//! Nothing from outside the program reaches stdout or stderr as something
//! a terminal would obey: file names, arguments, tags, error messages and
//! JSON output, whatever the format.

mod common;

use std::path::Path;

use common::{paperboat, write};
use tempfile::TempDir;

/// Pieces of text a terminal would act on: retitling (OSC), clearing
/// (CSI), the 8-bit CSI (C1), a bell, a device control string, bidi
/// overrides and isolates.
pub const HOSTILE: &[&str] = &[
    "\u{1b}]2;PWNED\u{7}",
    "\u{1b}[2J",
    "\u{9b}2J",
    "\u{1b}P1$qm\u{1b}\\",
    "\u{1b}]52;c;cHduZWQ=\u{7}",
    "\u{202e}gpj.exe",
    "\u{2066}isolate\u{2069}",
    "\u{85}next line",
];

/// Panics when `bytes` hold anything a terminal would obey besides line
/// breaks and tabs.
pub fn assert_inert(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for c in text.chars() {
        let bad = (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        assert!(!bad, "{what}: {c:?} in {text:?}");
    }
}

/// Runs paperboat and checks both streams; returns (status, stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = paperboat(dir).args(args).output().unwrap();
    assert_inert(&format!("stdout of {args:?}"), &out.stdout);
    assert_inert(&format!("stderr of {args:?}"), &out.stderr);
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (
        out.status.code().unwrap_or(-1),
        text(&out.stdout),
        text(&out.stderr),
    )
}

#[test]
fn file_names_in_every_format_are_sanitized_wherever_they_are_printed() {
    let dir = TempDir::new().unwrap();
    let native = r#"[{"title": "Native"}]"#;
    let daily = r#"[{"paper": {"id": "2401.00001", "title": "Daily"}}]"#;
    let jsonl = "{\"id\": \"1\", \"title\": \"Lines\"}\n{\"id\": 5}\n";
    for (i, hostile) in HOSTILE.iter().enumerate() {
        for (ext, text) in [("json", native), ("json", daily), ("jsonl", jsonl)] {
            let sub = dir.path().join(format!("{i}-{ext}-{}", text.len()));
            std::fs::create_dir(&sub).unwrap();
            let file = write(&sub, &format!("evil{hostile}.{ext}"), text);
            let file = file.to_str().unwrap();
            let (code, stdout, _) = run(dir.path(), &["check", file]);
            // The JSON Lines text has a bad record: skipped, exit 1.
            assert_eq!(code, if ext == "jsonl" { 1 } else { 0 }, "{file:?}");
            assert!(stdout.contains("1 paper (evil"), "{stdout}");
            run(dir.path(), &["search", "", "--corpus", file]);
            run(dir.path(), &["tags", "--corpus", file]);
            // A missing file named the same is one clean line.
            let missing = format!("{file}.missing{hostile}");
            let (code, _, stderr) = run(dir.path(), &["check", &missing]);
            assert_eq!((code, stderr.lines().count()), (2, 1), "{stderr}");
        }
    }
}

#[test]
fn arguments_clap_refuses_are_sanitized_and_bounded() {
    let dir = TempDir::new().unwrap();
    for hostile in HOSTILE {
        let (code, _, stderr) = run(dir.path(), &["search", "x", "--format", hostile]);
        assert_eq!(code, 2);
        assert!(stderr.contains("--format"), "{stderr}");
        let (code, _, _) = run(dir.path(), &[hostile]);
        assert_eq!(code, 2, "an unknown file is bad input");
        let (code, _, stderr) = run(dir.path(), &["show", hostile]);
        assert_eq!((code, stderr.lines().count()), (2, 1), "{stderr}");
        let (code, _, stderr) = run(dir.path(), &["search", &format!("year:{hostile}")]);
        assert_eq!((code, stderr.lines().count()), (2, 1), "{stderr}");
    }
    // Just under the kernel's limit for one argument.
    let huge = "x".repeat(100_000);
    let (code, _, stderr) = run(dir.path(), &["search", "x", "--format", &huge]);
    assert_eq!(code, 2);
    assert!(stderr.len() < 2_000, "{}", stderr.len());
    let (code, _, stderr) = run(dir.path(), &["show", &huge]);
    assert_eq!(code, 2);
    assert!(stderr.len() < 1_000, "{}", stderr.len());
}

#[test]
fn tags_and_categories_are_sanitized_on_load() {
    let dir = TempDir::new().unwrap();
    // A tag has no white space: those with some are refused, not shown.
    for hostile in HOSTILE
        .iter()
        .filter(|h| !h.chars().any(char::is_whitespace))
    {
        let escaped = serde_json::to_string(&format!("type/x{hostile}")).unwrap();
        let native = write(
            dir.path(),
            "native.json",
            format!(r#"[{{"id": "p", "title": "Tagged", "tags": [{escaped}, "task/ok"]}}]"#),
        );
        let category = serde_json::to_string(&format!("cs.CV x{hostile}")).unwrap();
        let lines = write(
            dir.path(),
            "arxiv.jsonl",
            format!("{{\"id\": \"2401.1\", \"title\": \"Cat\", \"categories\": {category}}}\n"),
        );
        for (file, id) in [(&native, "p"), (&lines, "arXiv:2401.1")] {
            let file = file.to_str().unwrap();
            let (_, shown, _) = run(dir.path(), &["show", id, "--corpus", file]);
            assert!(shown.contains('\u{FFFD}'), "{shown}");
            run(dir.path(), &["tags", "--corpus", file]);
            let (_, json, _) = run(
                dir.path(),
                &["search", "", "--format", "json", "--corpus", file],
            );
            let papers: serde_json::Value = serde_json::from_str(&json).unwrap();
            for tag in papers[0]["tags"].as_array().unwrap() {
                let tag = tag.as_str().unwrap();
                assert!(
                    !tag.chars().any(|c| c.is_control()
                        || ('\u{202a}'..='\u{202e}').contains(&c)
                        || ('\u{2066}'..='\u{2069}').contains(&c)),
                    "{tag:?}"
                );
            }
        }
    }
}

#[test]
fn error_lines_quote_at_most_a_short_piece_of_the_input() {
    let dir = TempDir::new().unwrap();
    let huge = "9".repeat(10_000_000);
    for (name, text) in [
        (
            "date.json",
            format!(r#"[{{"title": "t", "published": "{huge}"}}]"#),
        ),
        (
            "upvotes.json",
            format!(r#"[{{"title": "t", "upvotes": "{huge}"}}]"#),
        ),
        (
            "tag.json",
            format!(r#"[{{"title": "t", "tags": ["{huge}"]}}]"#),
        ),
        (
            "format.json",
            format!(r#"{{"format": "{huge}", "papers": []}}"#),
        ),
        (
            "key.json",
            format!(r#"[{{"title": "t", "{huge}": 1, "title": "u"}}]"#),
        ),
        (
            "lines.jsonl",
            format!("{{\"id\": \"1\", \"title\": {huge}}}\n"),
        ),
        (
            "daily.json",
            format!(r#"[{{"paper": {{"title": "t", "publishedAt": "{huge}"}}}}]"#),
        ),
    ] {
        let file = write(dir.path(), name, text);
        let out = paperboat(dir.path())
            .args(["--strict", "check"])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{name}");
        assert!(stderr.len() < 600, "{name}: {} bytes", stderr.len());
    }
}

/// Sequences the reader never sends itself: anything but CSI (OSC for
/// titles, colours, clipboard and links; DCS; APC; PM; SOS), raw C1
/// controls, bells and bidi controls. Any of them in its output came from
/// outside.
fn foreign_sequences(output: &str) -> Vec<String> {
    let mut found = Vec::new();
    for introducer in ["\x1b]", "\x1bP", "\x1b_", "\x1b^", "\x1bX"] {
        if output.contains(introducer) {
            found.push(format!("{introducer:?}"));
        }
    }
    for c in output.chars() {
        let bad = c == '\x07'
            || ('\u{80}'..='\u{9f}').contains(&c)
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        if bad {
            found.push(format!("{c:?}"));
        }
    }
    found
}

#[test]
fn the_reader_sends_nothing_from_a_file_name_bookmarks_a_paste_or_a_note() {
    use common::pty::Reader;
    let dir = TempDir::new().unwrap();
    let evil = HOSTILE.concat();
    // A corpus named by its hostile file name, with one paper.
    let corpus = write(
        dir.path(),
        &format!("evil{}.json", HOSTILE[0]),
        r#"[{"id": "p", "title": "A Plain Paper", "links": [{"kind": "code", "url": "https://github.com/a/b"}]}]"#,
    );
    // Bookmarks of it and of a paper elsewhere, hostile in every field.
    let bookmark = |id: &str| {
        serde_json::json!({
            "id": id,
            "title": format!("Kept {evil}"),
            "added": format!("2026-01-01T00:00:00Z{evil}"),
            "note": format!("{evil}\nline {evil}"),
            "links": [{"kind": "code", "url": format!("https://x.org/{evil}")},
                      {"kind": "project", "url": "https://ok.example/kept"}],
            "extra": evil,
        })
    };
    let file = serde_json::json!({"version": 1, "bookmarks": [bookmark("p"), bookmark(&format!("gone{evil}"))]});
    write(dir.path(), "bookmarks.json", file.to_string());
    let mut reader = Reader::start(&[corpus.to_str().unwrap()], dir.path(), 120, 30);
    reader.wait_for("the list", |s| s.contains("2 / 2") || s.contains("1 / 1"));
    for keys in ["B", "j", "\r", "\t", "n"] {
        reader.send_settled(keys);
    }
    // A hostile paste into the note, then into the query.
    reader.send_settled(&format!("\x1b[200~{evil}\x1b[201~"));
    reader.send_settled("\x1b");
    for keys in ["O", "\x1b", "?", "\x1b", "/"] {
        reader.send_settled(keys);
    }
    reader.send_settled(&format!("\x1b[200~{evil}\x1b[201~"));
    reader.send_settled("\x1b");
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
    let output = String::from_utf8_lossy(&reader.output()).into_owned();
    assert!(output.contains('\u{FFFD}'), "the hostile text was shown");
    assert_eq!(foreign_sequences(&output), Vec::<String>::new());
}
