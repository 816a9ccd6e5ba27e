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
    only_the_next_launch_is_recorded(dir.path(), &corpus, &record, &browser);
}

/// Opens a link and waits for its launch: the record holds that launch
/// alone, so nothing before it launched a browser. A condition to wait
/// for, where nothing happening has none.
fn only_the_next_launch_is_recorded(
    dir: &std::path::Path,
    corpus: &std::path::Path,
    record: &std::path::Path,
    browser: &std::path::Path,
) {
    paperboat(dir)
        .env("BROWSER", browser)
        .args(["open", "many", "--link", "1", "--corpus"])
        .arg(corpus)
        .assert()
        .success();
    assert_eq!(
        recorded(record, 1),
        ["1", "https://arxiv.org/abs/2501.00001"],
        "one launch, the last one"
    );
}

/// What `check` prints about a file that loads with links left out
/// (exit 1: not clean).
fn checked(dir: &std::path::Path, corpus: &std::path::Path) -> String {
    let out = paperboat(dir).arg("check").arg(corpus).assert();
    assert!(matches!(out.get_output().status.code(), Some(0 | 1)));
    String::from_utf8_lossy(&out.get_output().stdout).into_owned()
}

#[test]
fn refused_links_are_left_out_on_load_and_launch_nothing() {
    let (dir, corpus, record, browser) = setup();
    // `check` counts and names them.
    let stdout = checked(dir.path(), &corpus);
    assert!(stdout.contains("0 skipped, 4 links refused"), "{stdout}");
    for reason in [
        "papers[1].links[0]: refused `javascript:alert(1)`: only http and https links are opened, not `javascript`",
        "papers[1].links[1]: refused `file:///etc/passwd`: only http and https links are opened, not `file`",
        "papers[1].links[2]: refused `https://x.org/a b`: the link contains white space, refused",
        "papers[1].links[3]: refused `-https://x.org`: only http and https links are opened, not `-https`",
    ] {
        assert!(stdout.contains(reason), "{reason}\n{stdout}");
    }
    // The paper keeps no link: nothing to open, nothing to print.
    for (link, reason) in [(None, "hostile has no code link"), (Some("1"), "no link 1")] {
        for print in [false, true] {
            let mut cmd = paperboat(dir.path());
            cmd.env("BROWSER", &browser)
                .args(["open", "hostile", "--corpus"])
                .arg(&corpus);
            if let Some(n) = link {
                cmd.args(["--link", n]);
            }
            if print {
                cmd.arg("--print");
            }
            let out = cmd
                .assert()
                .code(2)
                .stdout("")
                .stderr(predicate::str::contains(reason));
            let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
            assert_eq!(stderr.lines().count(), 1, "{stderr}");
        }
    }
    only_the_next_launch_is_recorded(dir.path(), &corpus, &record, &browser);
}

#[test]
fn invisible_characters_and_missing_slashes_are_refused_on_load() {
    let dir = TempDir::new().unwrap();
    let mut links = Vec::new();
    for c in ['\u{200B}', '\u{2060}', '\u{FEFF}', '\u{AD}', '\u{34F}'] {
        links.push(format!(
            r#"{{"kind": "code", "url": "https://git{c}hub.com/a/b"}}"#
        ));
    }
    links.push(r#"{"kind": "code", "url": "http:evil.com"}"#.into());
    let corpus = write(
        dir.path(),
        "invisible.json",
        format!(
            r#"[{{"id": "p", "title": "Invisible", "links": [{}]}}]"#,
            links.join(",")
        ),
    );
    let stdout = checked(dir.path(), &corpus);
    assert!(stdout.contains("6 links refused"), "{stdout}");
    for code in ["U+200B", "U+2060", "U+FEFF", "U+00AD", "U+034F"] {
        assert!(
            stdout.contains(&format!("invisible character ({code})")),
            "{code}: {stdout}"
        );
    }
    assert!(stdout.contains("no `//` before its host"), "{stdout}");
    assert!(
        stdout.contains("refused `https://git\u{FFFD}hub.com/a/b`"),
        "{stdout}"
    );
    assert!(!stdout.contains('\u{200B}'), "shown, not hidden: {stdout}");
    paperboat(dir.path())
        .args(["open", "p", "--print", "--corpus"])
        .arg(&corpus)
        .assert()
        .code(2)
        .stdout("");
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
