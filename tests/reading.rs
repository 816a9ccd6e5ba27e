//! Reading through the real binary: `[reader] mark-read-after` is checked
//! where it is written, and a good one is taken.

mod common;

use common::paperboat;
use tempfile::TempDir;

/// `config check` on `text`: exit status and standard error.
fn check(text: &str) -> (Option<i32>, String) {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("config.toml"), text).unwrap();
    let out = paperboat(dir.path())
        .args(["config", "check"])
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn mark_read_after_is_checked_at_its_line_and_column() {
    assert_eq!(check("[reader]\nmark-read-after = \"2s\"\n").0, Some(0));
    for (text, at, says) in [
        (
            "[reader]\nmark-read-after = \"two\"\n",
            "config.toml:2:19: ",
            "`mark-read-after` must be a duration such as \"2s\" or \"1500ms\", not `two`",
        ),
        (
            "[reader]\nsort = \"date\"\nmark-read-after = \"0ms\"\n",
            "config.toml:3:19: ",
            "`mark-read-after` must be above zero",
        ),
        (
            "[reader]\nmark-read-after = true\n",
            "config.toml:2:19: ",
            "expected a string, found boolean `true`",
        ),
    ] {
        let (status, stderr) = check(text);
        assert_eq!(status, Some(2), "{text}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(at) && stderr.contains(says), "{stderr}");
        assert!(!stderr.contains("panick"), "{stderr}");
    }
}
