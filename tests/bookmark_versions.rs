//! New versions of bookmarked papers, through the real binary against the
//! fixture server: a paper synced from arXiv at v1 and bookmarked, a sync
//! that brings its v3, then `is:updated`, `bookmarks list` and, once the
//! new version is seen, no longer updated. And what the reader draws of it.

mod support;

use std::path::Path;

use support::fixture_server::{FixtureServer, Reply};
use support::run;
use tempfile::TempDir;

/// One arXivRaw record: `id` with its versions, each `(vN, date)`.
fn record(id: &str, title: &str, versions: &[(&str, &str)]) -> String {
    let versions: String = versions
        .iter()
        .map(|(v, date)| format!("<version version=\"{v}\"><date>{date}</date></version>"))
        .collect();
    format!(
        "<record><header><identifier>oai:arXiv.org:{id}</identifier>\
         <datestamp>2025-12-04</datestamp><setSpec>cs</setSpec></header>\
         <metadata><arXivRaw xmlns=\"http://arxiv.org/OAI/arXivRaw/\"><id>{id}</id>\
         {versions}<title>{title}</title><authors>A. Author, B. Author</authors>\
         <categories>cs.CV</categories><abstract>About {title}.</abstract>\
         </arXivRaw></metadata></record>"
    )
}

/// A last page of OAI records.
fn page(records: &[String]) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\">\
         <responseDate>2025-12-06T07:12:09Z</responseDate>\
         <request verb=\"ListRecords\">https://oaipmh.arxiv.org/oai</request>\
         <ListRecords>{}<resumptionToken cursor=\"0\" completeListSize=\"{}\"/>\
         </ListRecords></OAI-PMH>",
        records.concat(),
        records.len()
    )
}

const V1: (&str, &str) = ("v1", "Wed, 1 Oct 2025 10:00:00 GMT");
const V2: (&str, &str) = ("v2", "Mon, 20 Oct 2025 10:00:00 GMT");
const V3: (&str, &str) = ("v3", "Thu, 6 Nov 2025 10:00:00 GMT");

/// Runs and expects success; its stdout.
fn ok(dir: &Path, server: &FixtureServer, args: &[&str]) -> String {
    let out = run(dir, server, args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    String::from_utf8(out.stdout).unwrap()
}

/// Syncs arXiv cs.CV with `records` as the day's only page.
fn sync(dir: &Path, server: &FixtureServer, records: &[String]) {
    server.script("/oai", [Reply::ok(page(records))]);
    let day = ["--since", "2025-12-04", "--until", "2025-12-04"];
    ok(
        dir,
        server,
        &[&["sync", "arxiv", "cs.CV"][..], &day].concat(),
    );
}

/// The ids `search QUERY` finds (none: exit status 1, as grep's).
fn found(dir: &Path, server: &FixtureServer, query: &str) -> Vec<String> {
    let out = run(dir, server, &["search", query, "--format", "tsv"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let expected = if stdout.is_empty() { 1 } else { 0 };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(expected), "{query}: {stderr}");
    stdout
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
}

#[test]
fn a_bookmarked_paper_whose_new_version_arrives_is_updated_until_seen() {
    let dir = TempDir::new().unwrap();
    let server = FixtureServer::start();
    server.fallback("/oai", Reply::ok(page(&[])));
    let kept = "Kept Segmentation";
    let old = "Older Bookmark";
    sync(
        dir.path(),
        &server,
        &[
            record("2510.00001", kept, &[V1]),
            record("2510.00002", old, &[V1, V2]),
            record("2510.00003", "Not Kept", &[V1]),
        ],
    );
    // A bookmark of a version before versions were kept: none in the
    // file, added between v2 and v3.
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let file = serde_json::json!({"version": 1, "bookmarks": [{
        "id": "arXiv:2510.00002", "title": old, "added": "2025-10-25T09:00:00Z",
        "note": "", "links": [],
    }]});
    std::fs::write(config.join("bookmarks.json"), file.to_string()).unwrap();
    ok(dir.path(), &server, &["bookmarks", "add", "2510.00001"]);
    assert!(found(dir.path(), &server, "is:updated").is_empty());

    sync(
        dir.path(),
        &server,
        &[
            record("2510.00001", kept, &[V1, V2, V3]),
            record("2510.00002", old, &[V1, V2, V3]),
            record("2510.00003", "Not Kept", &[V1, V2, V3]),
        ],
    );
    let mut updated = found(dir.path(), &server, "is:updated");
    updated.sort();
    assert_eq!(updated, ["arXiv:2510.00001", "arXiv:2510.00002"]);
    assert_eq!(
        found(dir.path(), &server, "is:updated segmentation").len(),
        1
    );
    let listed = ok(dir.path(), &server, &["bookmarks", "list"]);
    assert!(
        listed.contains(&format!("{kept}  v1 → v3 (2025-11-06)")),
        "{listed}"
    );
    assert!(
        listed.contains(&format!("{old}  v2 → v3 (2025-11-06)")),
        "{listed}"
    );
    let json = ok(
        dir.path(),
        &server,
        &["bookmarks", "list", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let change = serde_json::json!({"from": 1, "to": 3, "date": "2025-11-06"});
    assert_eq!(json[1]["updated"], change, "{json}");
    assert_eq!(json[1]["version"], 1, "{json}");

    // Seen: the store takes the new version (as the reader does when the
    // paper is opened), and `bookmarks add` again sees it too.
    let store = paperboat::store::bookmarks::Store::new(&config);
    store
        .apply(paperboat::store::bookmarks::Change::SeeVersion {
            id: "arXiv:2510.00002".into(),
            version: 3,
        })
        .unwrap();
    assert_eq!(
        found(dir.path(), &server, "is:updated"),
        ["arXiv:2510.00001"]
    );
    ok(dir.path(), &server, &["bookmarks", "add", "2510.00001"]);
    assert!(found(dir.path(), &server, "is:updated").is_empty());
    let listed = ok(dir.path(), &server, &["bookmarks", "list"]);
    assert!(!listed.contains('→'), "{listed}");
    // Still bookmarked, of course.
    assert_eq!(found(dir.path(), &server, "is:bookmarked").len(), 2);
}

#[test]
fn a_misspelt_is_value_names_is_updated() {
    let dir = TempDir::new().unwrap();
    let server = FixtureServer::start();
    let out = run(dir.path(), &server, &["search", "is:updatd"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is:updated"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

/// What the reader draws of a bookmark whose paper has a newer version:
/// `↑` in the bookmark's place in the list, `v1 → v3 (date)` in the
/// detail's facts.
#[test]
fn the_reader_marks_the_row_and_says_the_change_in_the_detail() {
    use paperboat::catalog::Catalog;
    use paperboat::corpus::{Date, Meta, Paper, Version};
    use paperboat::store::bookmarks::Bookmark;
    use paperboat::tui::action::Action;
    use paperboat::tui::state::App;
    use paperboat::tui::theme::Theme;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    let dates = ["2025-10-01", "2025-10-20", "2025-11-06"];
    let paper = |id: &str, title: &str| Paper {
        id: id.into(),
        published: Date::parse("2025-10-01"),
        authors: vec!["Ada Lovelace".into(), "Grace Hopper".into()],
        meta: Some(Box::new(Meta {
            version: Some(3),
            versions: (1..=3)
                .map(|v| Version {
                    version: v,
                    date: Date::parse(dates[v as usize - 1]),
                })
                .collect(),
            ..Meta::default()
        })),
        ..Paper::titled(title)
    };
    let papers = vec![
        paper("arXiv:2510.00001", "Kept Segmentation, Revised"),
        paper("arXiv:2510.00002", "Kept and Seen"),
        paper("arXiv:2510.00003", "Not Kept"),
    ];
    for size in [(120, 40), (80, 24)] {
        let catalog = Catalog::loaded("library".into(), papers.clone());
        let mut app = App::new(catalog, size);
        let kept = |at: usize, version| Bookmark {
            added: "2025-10-02T09:00:00Z".into(),
            version: Some(version),
            ..Bookmark::of(&papers[at], "")
        };
        app.update(Action::BookmarksLoaded {
            result: Ok(vec![kept(0, 1), kept(1, 3)]),
            done: None,
        });
        let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
        terminal
            .draw(|frame| paperboat::tui::view::draw(frame, &app, &Theme::plain()))
            .unwrap();
        let screen = format!("{}", terminal.backend());
        assert!(screen.contains("↑   2025-10-01"), "{screen}");
        assert!(screen.contains("★   2025-10-01"), "{screen}");
        insta::assert_snapshot!(
            format!("versions_{}x{}", size.0, size.1),
            terminal.backend()
        );
    }
}

/// The digest's "New versions of your bookmarks": a new version shows in
/// one digest `--since last`, not in the next, and again once a newer one
/// still arrives.
#[test]
fn the_digest_shows_each_new_version_of_a_bookmark_once() {
    let dir = TempDir::new().unwrap();
    let server = FixtureServer::start();
    server.fallback("/oai", Reply::ok(page(&[])));
    let kept = "Kept Segmentation";
    sync(dir.path(), &server, &[record("2510.00001", kept, &[V1])]);
    ok(dir.path(), &server, &["bookmarks", "add", "2510.00001"]);
    // The first digest shows the paper as new; no version changed yet.
    let first = ok(dir.path(), &server, &["digest"]);
    assert!(!first.contains("New versions"), "{first}");

    sync(
        dir.path(),
        &server,
        &[record("2510.00001", kept, &[V1, V2])],
    );
    let digest = ok(dir.path(), &server, &["digest"]);
    assert!(
        digest.contains("New versions of your bookmarks"),
        "{digest}"
    );
    assert!(
        digest.contains(kept) && digest.contains("v1 → v2"),
        "{digest}"
    );
    let atom = ok(
        dir.path(),
        &server,
        &["digest", "--since", "visit", "--format", "atom"],
    );
    assert!(
        atom.contains("tag:paperboat,2025:paper:arXiv:2510.00001:v2"),
        "{atom}"
    );
    // Shown once: the next digest has nothing.
    let again = run(dir.path(), &server, &["digest"]);
    assert_eq!(
        again.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    assert!(again.stdout.is_empty());

    sync(
        dir.path(),
        &server,
        &[record("2510.00001", kept, &[V1, V2, V3])],
    );
    let newer = ok(dir.path(), &server, &["digest"]);
    assert!(newer.contains("v1 → v3 (2025-11-06)"), "{newer}");
    // A saved `is:updated` counts the bookmarks as `search` does.
    ok(
        dir.path(),
        &server,
        &["queries", "add", "versions", "is:updated"],
    );
    let list = ok(dir.path(), &server, &["queries", "list"]);
    let columns: Vec<&str> = list.split_whitespace().collect();
    assert_eq!(columns[..3], ["1", "versions", "1"], "{list}");
}
