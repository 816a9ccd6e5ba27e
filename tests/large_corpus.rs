//! A corpus large enough that the reader loads it in the background and
//! searches it off the event loop: what it shows must be what `paperboat
//! search` finds.

mod common;

#[path = "../examples/synthetic/generator.rs"]
#[allow(dead_code)]
mod generator;

use common::pty::Reader;
use paperboat::corpus::Corpus;
use tempfile::TempDir;

/// More papers than the reader searches inline.
const PAPERS: usize = 60_000;

#[test]
fn a_large_file_loads_in_the_background_and_typing_searches_it() {
    let dir = TempDir::new().unwrap();
    let corpus = Corpus {
        name: "Large synthetic".into(),
        papers: generator::papers(PAPERS, 7),
    };
    let file = common::write(dir.path(), "large.json", corpus.to_json());
    let expected = common::paperboat(dir.path())
        .args(["search", "mamba seg", "--format", "tsv", "--corpus"])
        .arg(&file)
        .output()
        .unwrap();
    let matches = String::from_utf8(expected.stdout).unwrap().lines().count();
    assert!(matches > 100, "the query finds something: {matches}");

    let mut reader = Reader::start(&[file.to_str().unwrap()], dir.path(), 150, 40);
    // Typed at once, whether or not the papers are all in yet.
    reader.send("/mamba seg");
    let count = format!(
        "{} / {}",
        paperboat::units::thousands(matches),
        paperboat::units::thousands(PAPERS)
    );
    let screen = reader.wait_for("every match of the loaded corpus", |s| {
        s.contains(&count) && s.contains("/ mamba seg")
    });
    assert!(screen.contains("Large synthetic"), "{screen}");
    // A backspace shows the wider results again.
    reader.send("\x7f");
    reader.wait_for("the wider results", |s| {
        s.contains("/ mamba se") && !s.contains(&count)
    });
    reader.send("\x1b");
    reader.wait_for("the list focused again", |s| s.contains("Tab pane"));
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
    common::pty::assert_restored(&reader);
}

#[test]
fn the_reader_says_which_records_of_a_json_lines_file_it_skipped() {
    let dir = TempDir::new().unwrap();
    let file = common::fixture("formats/arxiv-metadata.json");
    let mut reader = Reader::start(&[file.to_str().unwrap()], dir.path(), 150, 40);
    let screen = reader.wait_for("the papers and the skipped records", |s| {
        s.contains("5 / 5") && s.contains("skipped 2 bad records")
    });
    assert!(
        screen.contains("skipped 2 bad records, first arxiv-metadata.json:4:37: title:"),
        "{screen}"
    );
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
}

#[test]
fn with_strict_a_bad_record_ends_the_reader_with_one_line() {
    let dir = TempDir::new().unwrap();
    let file = common::fixture("formats/arxiv-metadata.json");
    let output = common::paperboat(dir.path())
        .arg("--strict")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("arxiv-metadata.json:4:37: title:"),
        "{stderr}"
    );
}
