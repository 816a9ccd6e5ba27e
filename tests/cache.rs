//! The index cache from the command line: `cache list|clear`, and that a
//! cached corpus answers exactly as the file read afresh.

mod common;

use common::paperboat;
use predicates::prelude::*;

#[test]
fn cache_list_and_clear_on_an_empty_cache() {
    let dir = tempfile::TempDir::new().unwrap();
    let cache = dir.path().join("elsewhere");
    paperboat(dir.path())
        .args(["cache", "list", "--cache-dir"])
        .arg(&cache)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("no corpus indexes in "));
    paperboat(dir.path())
        .args(["cache", "clear"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "removed 0 corpus indexes (0 B) from ",
        ));
    paperboat(dir.path())
        .args(["cache", "list", "--no-cache"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no cache dir"));
}
