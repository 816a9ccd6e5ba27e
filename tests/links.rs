//! Opening links through the real binary, with `BROWSER` set to a script
//! that records its arguments.

mod common;

use std::path::PathBuf;

use common::{LINKS_CORPUS, paperboat, recorded, recording_browser, write};
use predicates::prelude::*;
use tempfile::TempDir;

/// A temp dir with the links corpus and a recording `BROWSER` script:
/// (dir, corpus, record file, browser script).
fn setup() -> (TempDir, PathBuf, PathBuf, PathBuf) {
    let dir = TempDir::new().unwrap();
    let corpus = write(dir.path(), "links.json", LINKS_CORPUS);
    let record = dir.path().join("record.txt");
    let browser = recording_browser(dir.path(), &record);
    (dir, corpus, record, browser)
}

#[test]
fn the_code_link_arrives_as_one_argument() {
    let (dir, corpus, record, browser) = setup();
    paperboat(dir.path())
        .env("BROWSER", &browser)
        .args(["open", "many", "--corpus"])
        .arg(&corpus)
        .assert()
        .success()
        .stdout("opened https://github.com/lab/many?tab=readme&x=1\n");
    assert_eq!(
        recorded(&record, 1),
        ["1", "https://github.com/lab/many?tab=readme&x=1"]
    );
}

#[test]
fn link_n_and_percent_s() {
    let (dir, corpus, record, browser) = setup();
    let browser = format!("{} --new-window %s --flag", browser.display());
    paperboat(dir.path())
        .env("BROWSER", &browser)
        .args(["open", "many", "--link", "3", "--corpus"])
        .arg(&corpus)
        .assert()
        .success();
    assert_eq!(
        recorded(&record, 1),
        ["3", "--new-window", "https://lab.github.io/many/", "--flag"]
    );
}

#[test]
fn print_shows_the_url_and_launches_nothing() {
    let (dir, corpus, record, browser) = setup();
    paperboat(dir.path())
        .env("BROWSER", &browser)
        .args(["open", "many", "--link", "1", "--print", "--corpus"])
        .arg(&corpus)
        .assert()
        .success()
        .stdout("https://arxiv.org/abs/2501.00001\n");
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(!record.exists());
}

#[test]
fn refused_links_launch_nothing_and_exit_2() {
    let (dir, corpus, record, browser) = setup();
    for (link, reason) in [
        (
            None,
            "only http and https links are opened, not `javascript`",
        ),
        (Some("1"), "not `javascript`"),
        (Some("2"), "not `file`"),
        (Some("3"), "white space"),
        (Some("4"), "not `-https`"),
    ] {
        let mut cmd = paperboat(dir.path());
        cmd.env("BROWSER", &browser)
            .args(["open", "hostile", "--corpus"])
            .arg(&corpus);
        if let Some(n) = link {
            cmd.args(["--link", n]);
        }
        let out = cmd
            .assert()
            .code(2)
            .stderr(predicate::str::contains(reason));
        assert_eq!(
            String::from_utf8_lossy(&out.get_output().stderr)
                .lines()
                .count(),
            1
        );
        // Not even --print gives a refused URL out.
        let mut cmd = paperboat(dir.path());
        cmd.args(["open", "hostile", "--print", "--corpus"])
            .arg(&corpus);
        if let Some(n) = link {
            cmd.args(["--link", n]);
        }
        cmd.assert().code(2).stdout("");
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(!record.exists(), "the browser never ran");
}

#[test]
fn missing_links_are_exit_2() {
    let dir = TempDir::new().unwrap();
    let corpus = write(dir.path(), "links.json", LINKS_CORPUS);
    paperboat(dir.path())
        .args(["open", "many", "--link", "9", "--corpus"])
        .arg(&corpus)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no link 9"));
    paperboat(dir.path())
        .args(["open", "medcalc-bench"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("has no code link"));
    paperboat(dir.path())
        .args(["open", "nope"])
        .assert()
        .code(2);
}
