//! `y` copies through OSC 52, in a pty as a terminal (or tmux) sees it:
//! exactly one well-formed sequence carrying the base64 of the chosen
//! text, and no other sequence carrying corpus text.

mod common;

use std::path::Path;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use common::pty::Reader;
use common::write;
use tempfile::TempDir;

/// Two papers; the first has a title full of what terminals obey (made
/// harmless when the corpus is read) and a code link.
const CORPUS: &str = r#"{"format":"paperboat-corpus","version":1,"name":"clip","papers":[
{"id":"arXiv:2401.00001","title":"Evil \u001b]52;c;ZXZpbA==\u0007 title \u001b[2J & {x}","authors":["Ann Lee"],"published":"2024-01-05","links":[{"kind":"code","url":"https://github.com/a/b"}]},
{"id":"arXiv:2312.00002","title":"Second Paper","authors":["Bo Wang"],"published":"2023-12-05"}
]}"#;

/// A `tmux` that answers `show-options -sv set-clipboard` with `answer`.
fn fake_tmux(dir: &Path, answer: &str) -> String {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let script = bin.join("tmux");
    std::fs::write(&script, format!("#!/bin/sh\necho {answer}\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// The reader on the corpus, the first paper selected.
fn reader(dir: &Path, env: &[(&str, &str)]) -> Reader {
    let corpus = write(dir, "clip.json", CORPUS);
    let reader = Reader::start_with_env(
        &["--corpus", corpus.to_str().unwrap()],
        &dir.join("config"),
        100,
        30,
        env,
    );
    reader.wait_for("the list", |s| s.contains("Second Paper"));
    reader
}

/// Every OSC (`ESC ]`) and DCS (`ESC P`) sequence in `out`, whole; a DCS
/// runs to its `ESC \`, an OSC to its BEL or `ESC \`.
fn string_sequences(out: &[u8]) -> Vec<Vec<u8>> {
    let mut found = Vec::new();
    let mut i = 0;
    while i + 1 < out.len() {
        if out[i] != 0x1b || !matches!(out[i + 1], b']' | b'P') {
            i += 1;
            continue;
        }
        let dcs = out[i + 1] == b'P';
        let mut end = i + 2;
        loop {
            assert!(end < out.len(), "an unterminated sequence");
            let st = out[end] == 0x1b && out.get(end + 1) == Some(&b'\\');
            if st {
                end += 2;
                break;
            }
            if !dcs && out[end] == 0x07 {
                end += 1;
                break;
            }
            // A DCS for tmux carries its ESCs doubled.
            end += if dcs && out[end] == 0x1b { 2 } else { 1 };
        }
        found.push(out[i..end].to_vec());
        i = end;
    }
    found
}

/// Waits for the status line to say a copy was made and returns the one
/// OSC or DCS sequence written.
fn the_one_sequence(reader: &Reader) -> Vec<u8> {
    reader.wait_for("the copy", |s| {
        s.contains("copied the") || s.contains("sent the")
    });
    let sequences = string_sequences(&reader.output());
    assert_eq!(sequences.len(), 1, "{sequences:?}");
    sequences.into_iter().next().unwrap()
}

fn decoded(base64: &[u8]) -> String {
    String::from_utf8(STANDARD.decode(base64).expect("valid base64")).unwrap()
}

#[test]
fn in_tmux_without_set_clipboard_the_copy_passes_through_wrapped() {
    let dir = TempDir::new().unwrap();
    let path = fake_tmux(dir.path(), "external");
    let mut reader = reader(
        dir.path(),
        &[("TMUX", "/tmp/tmux-0/default,1,0"), ("PATH", &path)],
    );
    reader.send("y");
    reader.wait_for("the copy popup", |s| s.contains("BibTeX entry"));
    reader.send("t");
    let sequence = the_one_sequence(&reader);
    let inner = sequence
        .strip_prefix(b"\x1bPtmux;\x1b\x1b]52;c;")
        .and_then(|s| s.strip_suffix(b"\x07\x1b\\"))
        .unwrap_or_else(|| panic!("{:?}", String::from_utf8_lossy(&sequence)));
    let title = decoded(inner);
    assert!(
        title.starts_with("Evil ") && title.contains(" title "),
        "{title}"
    );
    assert!(
        !title.contains('\u{1b}') && !title.contains('\u{7}'),
        "{title:?}"
    );
    // tmux passes it on only with `allow-passthrough on`: the reader
    // cannot know that it did, and says what was sent and what tmux needs.
    reader.wait_for("what was sent", |s| s.contains("sent the title"));
    let screen = reader.screen_text();
    assert!(!screen.contains("copied the title"), "{screen}");
    assert!(screen.contains("`set -s set-clipboard on`"), "{screen}");
    reader.send("q");
    reader.wait_exit();
}

#[test]
fn in_tmux_with_set_clipboard_on_the_copy_goes_to_tmux_as_it_is() {
    let dir = TempDir::new().unwrap();
    let path = fake_tmux(dir.path(), "on");
    let mut reader = reader(
        dir.path(),
        &[("TMUX", "/tmp/tmux-0/default,1,0"), ("PATH", &path)],
    );
    reader.send("y");
    reader.wait_for("the copy popup", |s| s.contains("BibTeX entry"));
    reader.send("u");
    let sequence = the_one_sequence(&reader);
    let inner = sequence
        .strip_prefix(b"\x1b]52;c;")
        .and_then(|s| s.strip_suffix(b"\x07"))
        .unwrap_or_else(|| panic!("{:?}", String::from_utf8_lossy(&sequence)));
    assert_eq!(decoded(inner), "https://github.com/a/b");
    reader.send("q");
    reader.wait_exit();
}

#[test]
fn picked_papers_are_copied_together_as_bibtex() {
    let dir = TempDir::new().unwrap();
    let mut reader = reader(dir.path(), &[("TMUX", "")]);
    reader.send("V");
    reader.wait_for("the picks", |s| s.contains("2 selected"));
    reader.send("y");
    reader.wait_for("the copy popup", |s| s.contains("copy from 2 picked"));
    reader.send("b");
    let sequence = the_one_sequence(&reader);
    let inner = sequence
        .strip_prefix(b"\x1b]52;c;")
        .and_then(|s| s.strip_suffix(b"\x07"))
        .unwrap();
    let bib = decoded(inner);
    assert!(
        bib.starts_with("@misc{lee2024evil,\n  author = {Ann Lee},"),
        "{bib}"
    );
    assert!(bib.contains("\n\n@misc{wang2023second,\n"), "{bib}");
    assert!(
        bib.contains("\\& \\textbraceleft{}x\\textbraceright{}"),
        "{bib}"
    );
    let screen = reader.screen_text();
    assert!(screen.contains("copied the BibTeX of 2 papers"), "{screen}");
    reader.send("q");
    reader.wait_exit();
}
