//! A fault in the reader (a mapped cache file cut short by another
//! program: SIGBUS) gives the terminal back and ends with one line naming
//! the file and exit status 2; the next open rebuilds the entry.

mod common;

#[path = "../examples/synthetic/formats/mod.rs"]
#[allow(dead_code)]
mod formats;
#[path = "../examples/synthetic/generator.rs"]
#[allow(dead_code)]
mod generator;
#[path = "../examples/synthetic/record.rs"]
#[allow(dead_code)]
mod record;

use common::paperboat;
use common::pty::{Reader, assert_restored};
use tempfile::TempDir;

#[test]
fn a_cache_file_truncated_under_the_reader_ends_it_cleanly() {
    let dir = TempDir::new().unwrap();
    let mut text = Vec::new();
    formats::Format::Native.write(&mut text, 3000, 9).unwrap();
    let corpus = common::write(dir.path(), "corpus.json", text);
    let corpus_arg = corpus.to_str().unwrap();
    // Indexed, and the index kept, before the reader opens it.
    paperboat(dir.path())
        .args(["search", "mamba", "--corpus", corpus_arg])
        .assert()
        .success();
    let cache = dir.path().join("cache");
    let entry = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.join("index").exists())
        .unwrap();
    let index = entry.join("index");

    let mut reader = Reader::start(&[corpus_arg], dir.path(), 80, 24);
    reader.wait_for("the list", |s| {
        s.contains("/ 3,000") || s.contains("/ 3000")
    });
    assert!(reader.screen().screen().alternate_screen());
    // As `truncate -s 0` by another program: every mapped page is gone.
    std::fs::OpenOptions::new()
        .write(true)
        .open(&index)
        .unwrap()
        .set_len(0)
        .unwrap();
    reader.send("/mamba");
    let (code, signal) = reader.wait_end();
    assert_eq!((code, signal), (2, None), "exit status 2, not killed");
    assert_restored(&reader);
    let output = String::from_utf8_lossy(&reader.output()).into_owned();
    let named = format!(
        "{}: the cache file changed while it was read (SIGBUS)",
        index.display()
    );
    assert!(output.contains(&named), "{output}");
    assert!(output.contains("run paperboat again"), "{output}");

    // The next open rebuilds it and answers.
    paperboat(dir.path())
        .args(["search", "mamba", "--corpus", corpus_arg])
        .assert()
        .success();
    assert!(std::fs::metadata(&index).unwrap().len() > 0);
}
