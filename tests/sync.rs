//! `paperboat sync` against a fixture server on 127.0.0.1 serving the
//! services' responses in their real shapes: paging, resumption tokens,
//! deleted records, cross-lists, versions, one paper from two sources,
//! retries, broken pages, a server that goes away, a kill in the middle,
//! and a second sync asking only for what is new.

mod common;
mod support;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use support::fixture_server::{FixtureServer, Reply};
use support::{paperboat, run};
use tempfile::TempDir;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(common::fixture(&format!("sources/{name}"))).unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The ids of every paper of the library, as `search` lists them.
fn ids(dir: &Path, server: &FixtureServer) -> Vec<String> {
    let out = run(
        dir,
        server,
        &["search", "--format", "tsv", "--sort", "title"],
    );
    stdout(&out)
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
}

/// A Daily Papers page of `n` papers numbered from `first`.
fn hf_page(day: &str, first: usize, n: usize) -> String {
    let entries: Vec<String> = (first..first + n)
        .map(|i| {
            format!(
                r#"{{"paper":{{"id":"2512.{i:05}","title":"Paper {i}","summary":"About {i}.","authors":[{{"name":"Author {i}"}}],"publishedAt":"{day}T00:00:00.000Z","upvotes":{i}}},"publishedAt":"{day}T08:00:00.000Z","title":"Paper {i}","numComments":1}}"#
            )
        })
        .collect();
    format!("[{}]", entries.join(","))
}

fn hf_route(day: &str, page: usize) -> String {
    format!("/api/daily_papers?date={day}&limit=100&p={page}")
}

#[test]
fn a_day_of_two_pages_then_a_second_sync_asks_only_for_what_is_new() {
    let dir = TempDir::new().unwrap();
    let server = FixtureServer::start();
    server.fallback("/api/daily_papers", Reply::ok("[]"));
    server.script(
        &hf_route("2025-12-01", 0),
        [Reply::ok(hf_page("2025-12-01", 0, 100))],
    );
    server.script(
        &hf_route("2025-12-01", 1),
        [Reply::ok(hf_page("2025-12-01", 100, 3))],
    );
    let out = run(
        dir.path(),
        &server,
        &[
            "sync",
            "hf",
            "--since",
            "2025-12-01",
            "--until",
            "2025-12-02",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "hf: 103 new, 0 updated (2025-12-01..2025-12-02)\n"
    );
    let asked: Vec<String> = server.requests().iter().map(|r| r.target.clone()).collect();
    assert_eq!(
        asked,
        [
            hf_route("2025-12-01", 0),
            hf_route("2025-12-01", 1),
            hf_route("2025-12-02", 0)
        ]
    );
    let agent = server.requests()[0]
        .header("user-agent")
        .unwrap()
        .to_string();
    assert!(agent.starts_with("paperboat/"), "{agent}");
    assert_eq!(ids(dir.path(), &server).len(), 103);

    // Again: from two days before the last day fetched, nothing doubled.
    server.script(
        &hf_route("2025-12-01", 0),
        [Reply::ok(hf_page("2025-12-01", 0, 100))],
    );
    server.script(
        &hf_route("2025-12-01", 1),
        [Reply::ok(hf_page("2025-12-01", 100, 3))],
    );
    let before = server.requests().len();
    let out = run(dir.path(), &server, &["sync", "--until", "2025-12-02"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "hf: 0 new, 0 updated (2025-11-30..2025-12-02)\n"
    );
    let asked: Vec<String> = server.requests()[before..]
        .iter()
        .map(|r| r.target.clone())
        .collect();
    assert_eq!(
        asked,
        [
            hf_route("2025-11-30", 0),
            hf_route("2025-12-01", 0),
            hf_route("2025-12-01", 1),
            hf_route("2025-12-02", 0)
        ]
    );
    assert_eq!(ids(dir.path(), &server).len(), 103);

    // Upvotes moved: the paper is updated in place.
    let moved = hf_page("2025-12-01", 0, 100).replace(r#""upvotes":7}"#, r#""upvotes":700}"#);
    server.script(&hf_route("2025-12-01", 0), [Reply::ok(moved)]);
    server.script(
        &hf_route("2025-12-01", 1),
        [Reply::ok(hf_page("2025-12-01", 100, 3))],
    );
    let out = run(dir.path(), &server, &["sync", "--until", "2025-12-02"]);
    assert_eq!(
        stdout(&out),
        "hf: 0 new, 1 updated (2025-11-30..2025-12-02)\n"
    );
    let shown = run(
        dir.path(),
        &server,
        &["search", "upvotes:>=700", "--format", "tsv"],
    );
    assert_eq!(
        stdout(&shown),
        "arXiv:2512.00007\t2025-12-01\t700\tPaper 7\n"
    );
    assert_eq!(ids(dir.path(), &server).len(), 103);

    let library = stdout(&run(dir.path(), &server, &["library"]));
    assert!(library.contains("hf "), "{library}");
    assert!(library.contains("103 papers in 2 segments"), "{library}");
}

#[test]
fn arxiv_pages_deletions_cross_lists_spacing_and_a_paper_from_two_sources() {
    let dir = TempDir::new().unwrap();
    let server = FixtureServer::start();
    server.fallback("/api/daily_papers", Reply::ok("[]"));
    // Hugging Face first: the paper arXiv sends too, and one arXiv withdraws.
    let mut day = String::from_utf8(fixture("hf-day.json")).unwrap();
    day.insert_str(
        1,
        r#"{"paper":{"id":"2511.00007","title":"Withdrawn later","publishedAt":"2025-11-01T00:00:00.000Z"}},"#,
    );
    server.script(&hf_route("2025-12-01", 0), [Reply::ok(day)]);
    let out = run(
        dir.path(),
        &server,
        &[
            "sync",
            "hf",
            "--since",
            "2025-12-01",
            "--until",
            "2025-12-01",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let before = ids(dir.path(), &server);
    assert!(
        before.contains(&"arXiv:2511.00007".to_string()),
        "{before:?}"
    );

    server.script(
        "/oai",
        [
            Reply::ok(fixture("oai-page.xml")),
            Reply::ok(fixture("oai-last-page.xml")),
            // The hep-th set sends the cross-listed paper again.
            Reply::ok(fixture("oai-last-page.xml")),
        ],
    );
    server.fallback("/oai", Reply::ok(fixture("oai-no-records.xml")));
    let out = run(
        dir.path(),
        &server,
        &[
            "sync",
            "arxiv",
            "cs.CV",
            "hep-th",
            "--since",
            "2025-12-01",
            "--until",
            "2025-12-01",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "arxiv cs.CV hep-th: 1 new, 1 updated, 1 removed (2025-12-01..2025-12-01)\n"
    );
    let asked = server.requests_to("/oai");
    assert_eq!(asked.len(), 3);
    assert!(
        asked[0]
            .target
            .contains("verb=ListRecords&metadataPrefix=arXivRaw&set=cs&from=2025-12-01")
    );
    assert!(
        asked[1].target.contains("resumptionToken=8471932%7C1001"),
        "{}",
        asked[1].target
    );
    assert!(
        asked[2].target.contains("set=physics%3Ahep-th"),
        "{}",
        asked[2].target
    );
    for pair in asked.windows(2) {
        let gap = pair[1].at.duration_since(pair[0].at);
        assert!(
            gap >= Duration::from_millis(2900),
            "{gap:?} between arXiv requests"
        );
    }
    let now = ids(dir.path(), &server);
    assert!(!now.contains(&"arXiv:2511.00007".to_string()), "{now:?}");
    assert_eq!(
        now.iter()
            .filter(|id| *id == "arXiv:hep-th/9901001")
            .count(),
        1
    );
    // Hugging Face had it; arXiv's record of it (cs.PL) was not asked for.
    let other = run(
        dir.path(),
        &server,
        &["show", "arXiv:2512.00042", "--format", "json"],
    );
    let other: serde_json::Value = serde_json::from_slice(&other.stdout).unwrap();
    assert_eq!(other["sources"], serde_json::json!(["hf"]), "{other}");

    let shown = run(
        dir.path(),
        &server,
        &["show", "arXiv:2512.01234", "--format", "json"],
    );
    let paper: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(paper["sources"], serde_json::json!(["hf", "arxiv"]));
    assert_eq!(
        paper["ai_summary"],
        "A model reasons over long visual ranges."
    );
    assert_eq!(paper["version"], 2);
    assert_eq!(paper["authors"][2], "Grace Hopper");
    assert_eq!(paper["upvotes"], 87);
}

#[test]
fn medrxiv_walks_the_cursor_and_keeps_the_newest_version() {
    let dir = TempDir::new().unwrap();
    let server = FixtureServer::start();
    let first = String::from_utf8(fixture("medrxiv-page.json"))
        .unwrap()
        .replace(r#""total":"204""#, r#""total":"5""#);
    let second = r#"{"messages":[{"status":"ok","cursor":4,"count":1,"total":5}],"collection":[{"title":"Long COVID in Children: a Cohort Study","authors":"Smith, J. A.","doi":"10.1101/2025.11.28.25341234","date":"2025-12-05","version":"3","type":"new results","license":"cc_by","category":"infectious diseases (except HIV/AIDS)","abstract":"Third version.","published":"NA","server":"medRxiv"}]}"#;
    server.script(
        "/bio/details/medrxiv/2025-12-01/2025-12-06/0/json",
        [Reply::ok(first)],
    );
    server.script(
        "/bio/details/medrxiv/2025-12-01/2025-12-06/4/json",
        [Reply::ok(second)],
    );
    let out = run(
        dir.path(),
        &server,
        &[
            "sync",
            "medrxiv",
            "--since",
            "2025-12-01",
            "--until",
            "2025-12-06",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(server.requests().len(), 2);
    let shown = run(
        dir.path(),
        &server,
        &[
            "show",
            "doi:10.1101/2025.11.28.25341234",
            "--format",
            "json",
        ],
    );
    let paper: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(paper["version"], 3, "{paper}");
    assert_eq!(paper["abstract"], "Third version.");
    let all = ids(dir.path(), &server);
    assert_eq!(all.len(), 3, "{all:?}");
}

#[test]
fn busy_servers_are_waited_for_as_they_ask() {
    let dir = TempDir::new().unwrap();
    let server = FixtureServer::start();
    server.fallback("/api/daily_papers", Reply::ok("[]"));
    server.script(
        &hf_route("2025-12-01", 0),
        [
            Reply::status(429).header("Retry-After", "1"),
            Reply::status(503).header("Retry-After", "1"),
            Reply::ok(hf_page("2025-12-01", 0, 2)),
        ],
    );
    let started = Instant::now();
    let out = run(
        dir.path(),
        &server,
        &[
            "sync",
            "hf",
            "--since",
            "2025-12-01",
            "--until",
            "2025-12-01",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(started.elapsed() >= Duration::from_secs(2));
    assert!(stderr(&out).contains("HTTP 429"), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "hf: 2 new, 0 updated (2025-12-01..2025-12-01)\n"
    );
}

#[test]
fn a_broken_page_keeps_what_came_before_and_says_where() {
    let dir = TempDir::new().unwrap();
    let server = FixtureServer::start();
    server.fallback("/api/daily_papers", Reply::ok("[]"));
    server.script(
        &hf_route("2025-12-01", 0),
        [Reply::ok(hf_page("2025-12-01", 0, 2))],
    );
    server.script(
        &hf_route("2025-12-02", 0),
        [Reply::ok(fixture("hf-truncated.json"))],
    );
    let out = run(
        dir.path(),
        &server,
        &[
            "sync",
            "hf",
            "--since",
            "2025-12-01",
            "--until",
            "2025-12-03",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(said.starts_with("hf: 2 new, 0 updated (2025-12-01..2025-12-03); stopped: 127.0.0.1: 2025-12-02 page 1: line "), "{said}");
    assert_eq!(ids(dir.path(), &server).len(), 2);
    // The next sync goes on from the last whole day.
    let library = stdout(&run(dir.path(), &server, &["library"]));
    assert!(library.contains("2025-12-01"), "{library}");
}

#[test]
fn nothing_reachable_is_one_line_and_exit_2() {
    let dir = TempDir::new().unwrap();
    let server = FixtureServer::start();
    let port = server.port();
    drop(server);
    let out = Command::new(env!("CARGO_BIN_EXE_paperboat"))
        .env("PAPERBOAT_DATA_DIR", dir.path().join("data"))
        .env("PAPERBOAT_CACHE_DIR", dir.path().join("cache"))
        .env("PAPERBOAT_HF_API", format!("http://127.0.0.1:{port}/api"))
        .args(["--config-dir"])
        .arg(dir.path())
        .args([
            "sync",
            "hf",
            "--since",
            "2025-12-01",
            "--until",
            "2025-12-01",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "paperboat: hf: cannot reach 127.0.0.1: connection refused\n"
    );
    assert_eq!(stdout(&out), "");
    // Plain http elsewhere is refused before anything is asked.
    let out = Command::new(env!("CARGO_BIN_EXE_paperboat"))
        .env("PAPERBOAT_DATA_DIR", dir.path().join("data"))
        .env("PAPERBOAT_HF_API", "http://huggingface.co/api")
        .args(["--config-dir"])
        .arg(dir.path())
        .args(["sync", "hf"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("PAPERBOAT_HF_API"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn hostile_text_is_cleaned_and_bad_links_left_out() {
    let dir = TempDir::new().unwrap();
    let server = FixtureServer::start();
    server.fallback("/api/daily_papers", Reply::ok("[]"));
    server.script(
        &hf_route("2025-12-01", 0),
        [Reply::ok(fixture("hf-hostile.json"))],
    );
    let out = run(
        dir.path(),
        &server,
        &[
            "sync",
            "hf",
            "--since",
            "2025-12-01",
            "--until",
            "2025-12-01",
        ],
    );
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{}",
        stderr(&out)
    );
    let all = run(dir.path(), &server, &["search", "--format", "json"]);
    let text = stdout(&all);
    assert!(!text.is_empty());
    for bad in ['\u{1b}', '\u{202e}', '\u{7}'] {
        assert!(!text.contains(bad), "{bad:?} in {text}");
    }
    assert!(!text.to_lowercase().contains("javascript:"), "{text}");
}

#[test]
fn a_sync_killed_midway_leaves_a_library_that_opens_and_a_second_sync_waits_its_turn() {
    let dir = TempDir::new().unwrap();
    let server = FixtureServer::start();
    server.fallback("/api/daily_papers", Reply::ok("[]"));
    server.script(
        &hf_route("2025-12-01", 0),
        [Reply::ok(hf_page("2025-12-01", 0, 5))],
    );
    let out = run(
        dir.path(),
        &server,
        &[
            "sync",
            "hf",
            "--since",
            "2025-12-01",
            "--until",
            "2025-12-01",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // The next sync hangs on its second day.
    server.script(
        &hf_route("2025-12-02", 0),
        [Reply::ok(hf_page("2025-12-02", 5, 3))],
    );
    server.script(
        &hf_route("2025-12-03", 0),
        [Reply::ok(hf_page("2025-12-03", 8, 3)).delay(Duration::from_secs(20))],
    );
    let mut child = paperboat(dir.path(), &server)
        .args([
            "sync",
            "hf",
            "--since",
            "2025-12-02",
            "--until",
            "2025-12-03",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let waited = Instant::now();
    while server
        .requests_to("/api/daily_papers")
        .iter()
        .all(|r| !r.target.contains("2025-12-03"))
    {
        assert!(
            waited.elapsed() < Duration::from_secs(30),
            "the sync never got to its second day"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // Meanwhile another sync is refused, saying who holds the library.
    let second = run(dir.path(), &server, &["sync", "hf"]);
    assert_eq!(second.status.code(), Some(2));
    assert!(
        stderr(&second).starts_with("paperboat: another sync is running (process "),
        "{}",
        stderr(&second)
    );

    child.kill().unwrap();
    child.wait().unwrap();
    server.script(
        &hf_route("2025-12-02", 0),
        [Reply::ok(hf_page("2025-12-02", 5, 3))],
    );
    assert_eq!(
        ids(dir.path(), &server).len(),
        5,
        "the finished sync's papers, none of the killed one's"
    );
    let again = run(
        dir.path(),
        &server,
        &[
            "sync",
            "hf",
            "--since",
            "2025-12-02",
            "--until",
            "2025-12-02",
        ],
    );
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(ids(dir.path(), &server).len(), 8);
}

#[test]
fn usage_errors_are_one_line() {
    let dir = TempDir::new().unwrap();
    let server = FixtureServer::start();
    for (args, says) in [
        (&["sync"][..], "no source synced yet"),
        (&["sync", "arxiv"][..], "name at least one category"),
        (
            &["sync", "arxiv", "nonsense.XX"][..],
            "is not an arXiv category",
        ),
        (&["sync", "rss"][..], "unknown source `rss`"),
        (
            &["sync", "hf", "--since", "yesterday"][..],
            "expected a date",
        ),
    ] {
        let out = run(dir.path(), &server, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert!(server.requests().is_empty());
}

#[test]
fn no_records_match_is_zero_papers_not_a_failure() {
    let dir = TempDir::new().unwrap();
    let server = FixtureServer::start();
    server.fallback("/oai", Reply::ok(fixture("oai-no-records.xml")));
    let out = run(
        dir.path(),
        &server,
        &[
            "sync",
            "arxiv",
            "cs",
            "--since",
            "2025-12-05",
            "--until",
            "2025-12-05",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "arxiv cs: 0 new, 0 updated (2025-12-05..2025-12-05)\n"
    );
    // A service error of its own is the source's failure, in one line.
    server.script("/oai", [Reply::ok(fixture("oai-bad-token.xml"))]);
    let out = run(
        dir.path(),
        &server,
        &[
            "sync",
            "arxiv",
            "cs",
            "--since",
            "2025-12-05",
            "--until",
            "2025-12-05",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with(
            "paperboat: arxiv cs: 127.0.0.1: cs page 1: the service says badResumptionToken"
        ),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn a_response_cut_short_and_a_server_gone_keep_what_arrived() {
    let dir = TempDir::new().unwrap();
    let server = FixtureServer::start();
    server.fallback("/api/daily_papers", Reply::ok("[]"));
    server.script(
        &hf_route("2025-12-01", 0),
        [Reply::ok(hf_page("2025-12-01", 0, 2))],
    );
    // Cut short once: asked again, and whole the second time.
    server.script(
        &hf_route("2025-12-02", 0),
        [
            Reply::ok(hf_page("2025-12-02", 2, 2)).cut_short(),
            Reply::ok(hf_page("2025-12-02", 2, 2)),
        ],
    );
    // The third day is answered slowly (its answer still comes), and the
    // server goes away meanwhile: the fourth day finds no one.
    server.script(
        &hf_route("2025-12-03", 0),
        [Reply::ok(hf_page("2025-12-03", 4, 2)).delay(Duration::from_secs(3))],
    );
    let child = paperboat(dir.path(), &server)
        .args([
            "sync",
            "hf",
            "--since",
            "2025-12-01",
            "--until",
            "2025-12-04",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let waited = Instant::now();
    while server
        .requests_to("/api/daily_papers")
        .iter()
        .all(|r| !r.target.contains("2025-12-03"))
    {
        assert!(
            waited.elapsed() < Duration::from_secs(30),
            "never got to the third day"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(server);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let said = stdout(&out);
    assert_eq!(
        said,
        "hf: 6 new, 0 updated (2025-12-01..2025-12-04); stopped: cannot reach 127.0.0.1: connection refused\n"
    );
    let server = FixtureServer::start();
    assert_eq!(ids(dir.path(), &server).len(), 6);
}

#[test]
fn saved_queries_count_the_papers_new_since_the_last_visit() {
    let dir = TempDir::new().unwrap();
    let server = FixtureServer::start();
    server.fallback("/api/daily_papers", Reply::ok("[]"));
    server.script(
        &hf_route("2025-12-01", 0),
        [Reply::ok(hf_page("2025-12-01", 0, 3))],
    );
    server.script(
        &hf_route("2025-12-02", 0),
        [Reply::ok(hf_page("2025-12-02", 3, 2))],
    );
    for (name, query) in [("papers", "Paper"), ("fourth", "author:\"Author 4\"")] {
        let added = run(dir.path(), &server, &["queries", "add", name, query]);
        assert_eq!(added.status.code(), Some(0), "{}", stderr(&added));
    }
    let day = |d: &'static str| ["sync", "hf", "--since", d, "--until", d];
    let out = run(dir.path(), &server, &day("2025-12-01"));
    // Before any visit every paper is new.
    assert_eq!(
        stdout(&out),
        "hf: 3 new, 0 updated (2025-12-01..2025-12-01)\npapers: 3 new\n"
    );
    // A visit now: only what comes after it is new.
    let visits = dir.path().join("data/library/visits.json");
    let now = humantime::format_rfc3339_seconds(std::time::SystemTime::now());
    std::fs::write(&visits, format!(r#"{{"version": 1, "last": "{now}"}}"#)).unwrap();
    common::wait_for_the_next_second();
    let out = run(dir.path(), &server, &day("2025-12-02"));
    assert_eq!(
        stdout(&out),
        "hf: 2 new, 0 updated (2025-12-02..2025-12-02)\npapers: 2 new\nfourth: 1 new\n"
    );
    // is:new is exactly the papers the second sync added.
    let new = stdout(&run(
        dir.path(),
        &server,
        &["search", "is:new", "--format", "tsv", "--sort", "title"],
    ));
    let new: Vec<&str> = new.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(new, ["arXiv:2512.00003", "arXiv:2512.00004"]);
    let list = stdout(&run(dir.path(), &server, &["queries", "list"]));
    let rows: Vec<Vec<&str>> = list
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows[0][..5], ["1", "papers", "5", "+2", "new"], "{list}");
    assert_eq!(rows[1][..5], ["2", "fourth", "1", "+1", "new"], "{list}");

    // The reader: the header counts the new papers and those a saved
    // query finds, and Q shows each query's new papers.
    let data = dir.path().join("data");
    let cache = dir.path().join("cache");
    let mut reader = common::pty::Reader::start_with_env(
        &[],
        &dir.path().join("config"),
        120,
        40,
        &[
            ("PAPERBOAT_DATA_DIR", data.to_str().unwrap()),
            ("PAPERBOAT_CACHE_DIR", cache.to_str().unwrap()),
            ("NO_COLOR", "1"),
        ],
    );
    reader.wait_for("the inbox in the header", |s| {
        s.contains("5 / 5 · 2 new · 2 in your queries")
    });
    reader.send("Q");
    let screen = reader.wait_for("the saved queries", |s| s.contains("saved queries"));
    let row = |name: &str| {
        screen
            .lines()
            .find(|l| l.contains(name) && l.contains("new"))
            .unwrap_or_else(|| panic!("{name} in\n{screen}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(row("papers").contains("papers 5 +2 new Paper"), "{screen}");
    assert!(
        row("fourth").contains("fourth 1 +1 new author:"),
        "{screen}"
    );
    // Run from the list, the new papers come first.
    reader.send("1");
    let screen = reader.wait_for("the query run", |s| s.contains("ran papers: 2 new first"));
    assert!(screen.contains("sort: new first"), "{screen}");
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
}
